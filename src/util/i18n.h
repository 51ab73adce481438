/* i18n.h: gettext macros.  _() translates, N_() marks for later, P_()
 * chooses a plural form.  C_(CTX, S) translates S in a context, for
 * words that need two translations (a status-line hint and a heading);
 * NC_() marks one for later, and i18n_context() translates it then. */
#ifndef PORTPLAN_UTIL_I18N_H
#define PORTPLAN_UTIL_I18N_H

#include <stddef.h>
#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(s, p, n) ngettext((s), (p), (n))
#define C_(ctx, s) i18n_context((ctx), (s))
#define NC_(ctx, s) (s)

/* MSGID translated in context CTX (gettext's "CTX\004MSGID"); MSGID
 * itself when there is no translation.  Static or borrowed from the
 * catalog: do not free. */
const char *i18n_context(const char *ctx, const char *msgid);

/* The languages portplan speaks, written once: the values of --lang, the
 * locale languages it recognises, the languages of catalog texts, and
 * what each writes differently.  English comes first: the fallback, and
 * the language of machine formats.  The others are po/LINGUAS
 * (tests/man-pages.sh checks that the two agree). */
struct i18n_language {
	const char *code;	/* "de": --lang, catalog texts, LANGUAGE */
	const char *group_sep;	/* between groups of three digits of a
				 * count for people (export_count) */
};
/* Ends with a zeroed entry. */
extern const struct i18n_language i18n_languages[];
#define I18N_ENGLISH (i18n_languages[0].code)
/* Static: the language whose code is CODE, or NULL. */
const struct i18n_language *i18n_language(const char *code);
/* Static: the language a locale value names ("de_DE.UTF-8", "fr", "de:en")
 * by its first two letters, or NULL (also for NULL). */
const struct i18n_language *i18n_language_of(const char *locale);
/* Writes the codes joined by SEP ("en|de|fr") into BUF (cut to SIZE);
 * returns BUF. */
const char *i18n_language_list(char *buf, size_t size, const char *sep);

/* The language of documents and catalog texts: FORCED (--lang) when not
 * NULL, else the one gettext uses (LANGUAGE, LC_ALL, LC_MESSAGES, LANG;
 * LANGUAGE only outside the C locale), as a code of i18n_languages[]
 * (English for any other).  Static. */
const char *i18n_lang(const char *forced);
/* Makes gettext use LANG ("en", "de", "fr") whatever the locale says. */
void i18n_force_lang(const char *lang);

#endif
