/* width.h: display width of UTF-8 text (wcwidth), the one place where
 * text is measured, padded and cut for the terminal (tmux utf8.c, htop
 * RichString).  Needs a UTF-8 LC_CTYPE for non-ASCII text. */
#ifndef PORTPLAN_UTIL_WIDTH_H
#define PORTPLAN_UTIL_WIDTH_H

#include <stddef.h>

/* Widths are wcwidth's, made the same for curses, the terminal and this
 * code where they would differ: a character wcwidth knows no width of
 * (unassigned, unprintable) and an invalid byte count as one column and
 * are drawn as U+FFFD; the emoji variation selectors (U+FE0E, U+FE0F) and
 * skin-tone modifiers (U+1F3FB-F), whose width terminals disagree on, as
 * none and are not drawn; controls count as none. */

/* Columns S occupies. */
size_t text_width(const char *s);
/* Number of bytes of S that fit in COLS columns (never cutting a
 * character in half). */
size_t text_fit(const char *s, size_t cols);
/* Caller-owned copy of S as it is drawn, cut to COLS columns ("…" marks
 * a cut) and padded with spaces to exactly COLS columns. */
char *text_pad(const char *s, size_t cols);

#endif
