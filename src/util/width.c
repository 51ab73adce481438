#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/str.h"
#include "util/width.h"

/* One character as the screen shows it. */
struct dchar {
	size_t len;		/* bytes of the source */
	int w;			/* columns */
	bool replace;		/* drawn as U+FFFD */
	bool drop;		/* not drawn at all */
};

/* Characters whose width terminals disagree on, left out: the emoji
 * variation selectors (VS16 makes "☺" two columns wide in many terminals,
 * one for wcwidth) and the skin-tone modifiers (wcwidth counts two more
 * columns, terminals draw them into the emoji before). */
static bool
width_varies(wchar_t wc)
{
	return wc == 0xfe0e || wc == 0xfe0f || (wc >= 0x1f3fb && wc <= 0x1f3ff);
}

/* Decodes one character of S (LEN bytes). */
static struct dchar
next_char(const char *s, size_t len)
{
	struct dchar d = { 1, 1, false, false };
	mbstate_t st;
	wchar_t wc;
	size_t n;

	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		d.replace = true;	/* an invalid byte: one column */
		return d;
	}
	d.len = n;
	if (width_varies(wc)) {
		d.drop = true;
		d.w = 0;
		return d;
	}
	d.w = wcwidth(wc);
	if (d.w < 0) {
		/* unassigned or unprintable: wcwidth knows no width, the
		 * terminal and curses each guess one; a replacement
		 * character has one everywhere */
		d.replace = wc >= 0x20;
		d.drop = !d.replace;
		d.w = d.replace ? 1 : 0;
	}
	return d;
}

size_t
text_width(const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0, total = 0;

	while (len > 0) {
		struct dchar d = next_char(s, len);

		total += (size_t)d.w;
		s += d.len;
		len -= d.len;
	}
	return total;
}

size_t
text_fit(const char *s, size_t cols)
{
	size_t len = strlen(s), used = 0, bytes = 0;

	while (bytes < len) {
		struct dchar d = next_char(s + bytes, len - bytes);

		if (used + (size_t)d.w > cols)
			break;
		used += (size_t)d.w;
		bytes += d.len;
	}
	return bytes;
}

/* Appends the first N bytes of S as they are drawn. */
static void
add_display(struct sbuf *b, const char *s, size_t n)
{
	while (n > 0) {
		struct dchar d = next_char(s, n);

		if (d.replace)
			sbuf_add(b, "\xef\xbf\xbd");	/* U+FFFD */
		else if (!d.drop)
			sbuf_addn(b, s, d.len);
		s += d.len;
		n -= d.len;
	}
}

char *
text_pad(const char *s, size_t cols)
{
	struct sbuf b;
	size_t w;

	if (s == NULL)
		s = "";
	sbuf_init(&b);
	w = text_width(s);
	if (w <= cols) {
		add_display(&b, s, strlen(s));
	} else if (cols > 0) {
		add_display(&b, s, text_fit(s, cols - 1));
		sbuf_add(&b, "\xe2\x80\xa6");	/* … */
		w = text_width(sbuf_str(&b));
	} else
		w = 0;
	for (; w < cols; w++)
		sbuf_addc(&b, ' ');
	return sbuf_take(&b);
}
