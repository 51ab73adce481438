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

const struct i18n_language i18n_languages[] = {
	{ "en", "," },
	{ "de", "." },
	{ "fr", "\xe2\x80\xaf" },	/* a narrow no-break space */
	{ NULL, NULL },
};

const struct i18n_language *
i18n_language(const char *code)
{
	for (const struct i18n_language *l = i18n_languages; code != NULL && l->code != NULL; l++)
		if (strcmp(l->code, code) == 0)
			return l;
	return NULL;
}

const struct i18n_language *
i18n_language_of(const char *locale)
{
	for (const struct i18n_language *l = i18n_languages; locale != NULL && l->code != NULL; l++)
		if (strncmp(locale, l->code, strlen(l->code)) == 0)
			return l;
	return NULL;
}

const char *
i18n_language_list(char *buf, size_t size, const char *sep)
{
	size_t o = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (const struct i18n_language *l = i18n_languages; l->code != NULL; l++) {
		int n = snprintf(buf + o, size - o, "%s%s", l == i18n_languages ? "" : sep, l->code);

		if (n < 0 || (size_t)n >= size - o)
			break;
		o += (size_t)n;
	}
	return buf;
}

const char *
i18n_lang(const char *forced)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	const struct i18n_language *l;

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
		l = i18n_language_of(v);
		return l != NULL ? l->code : I18N_ENGLISH;
	}
	return I18N_ENGLISH;
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
