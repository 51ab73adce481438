/* internal.h: shared between the plan module's files only. */
#ifndef PORTPLAN_PLAN_INTERNAL_H
#define PORTPLAN_PLAN_INTERNAL_H

/* Free text as the plan holds it: cleaned (no controls, no bidi
 * overrides, valid UTF-8), without the two non-characters XML 1.0 forbids,
 * white space squeezed.  The writer writes it, the reader reads text into
 * it.  Caller-owned; NULL for NULL. */
char *planfile_clean_text(const char *s);

#endif
