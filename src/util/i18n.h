/* i18n.h: gettext macros.  _() translates, N_() marks for later. */
#ifndef PORTPLAN_UTIL_I18N_H
#define PORTPLAN_UTIL_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(s, p, n) ngettext((s), (p), (n))

#endif
