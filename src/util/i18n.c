/* i18n.c: translations with a context (pgettext without gnulib). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

const char *
i18n_context(const char *ctx, const char *msgid)
{
	char stack[256], *key = stack;
	size_t lc = strlen(ctx), lm = strlen(msgid);
	const char *t;

	if (lc + lm + 2 > sizeof stack && (key = malloc(lc + lm + 2)) == NULL)
		return msgid;
	memcpy(key, ctx, lc);
	key[lc] = '\004';
	memcpy(key + lc + 1, msgid, lm + 1);
	t = gettext(key);
	/* no translation: gettext hands the key back */
	t = t == key ? msgid : t;
	if (key != stack)
		free(key);
	return t;
}
