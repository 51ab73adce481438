/* i18n.h: gettext macros.  _() translates, N_() marks for later, P_()
 * chooses a plural form.  C_(CTX, S) translates S in a context, for
 * words that need two translations (a status-line hint and a heading);
 * NC_() marks one for later, and i18n_context() translates it then. */
#ifndef PORTPLAN_UTIL_I18N_H
#define PORTPLAN_UTIL_I18N_H

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

/* The language of documents and catalog texts: FORCED (--lang) when not
 * NULL, else the one gettext uses (LANGUAGE, LC_ALL, LC_MESSAGES, LANG;
 * LANGUAGE only outside the C locale), as "en", "de" or "fr".  Static. */
const char *i18n_lang(const char *forced);
/* Makes gettext use LANG ("en", "de", "fr") whatever the locale says. */
void i18n_force_lang(const char *lang);

#endif
