/* i18n.c: translations with a context (pgettext without gnulib). */
#include "config.h"

#include <locale.h>
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

const char *
i18n_lang(const char *forced)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

	if (forced != NULL)
		return forced;
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || *v == '\0')
			continue;
		/* LANGUAGE is ignored by gettext in the C locale */
		if (i == 0) {
			const char *lc = getenv("LC_ALL");
			if (lc == NULL || *lc == '\0')
				lc = getenv("LC_MESSAGES");
			if (lc == NULL || *lc == '\0')
				lc = getenv("LANG");
			if (lc == NULL || strcmp(lc, "C") == 0 || strcmp(lc, "POSIX") == 0)
				continue;
		}
		if (strncmp(v, "de", 2) == 0)
			return "de";
		if (strncmp(v, "fr", 2) == 0)
			return "fr";
		return "en";
	}
	return "en";
}

void
i18n_force_lang(const char *lang)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);

	/* gettext ignores LANGUAGE in the C locale; C.UTF-8 always exists */
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
}
