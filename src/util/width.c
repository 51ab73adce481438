#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/str.h"
#include "util/width.h"

/* Decodes one character; returns its byte length (1 for invalid bytes)
 * and its width in *W. */
static size_t
next_char(const char *s, size_t len, int *w)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;
		return 1;
	}
	*w = wcwidth(wc);
	if (*w < 0)
		*w = 0;
	return n;
}

size_t
text_width(const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0, total = 0;

	while (len > 0) {
		int w;
		size_t n = next_char(s, len, &w);

		total += (size_t)w;
		s += n;
		len -= n;
	}
	return total;
}

size_t
text_fit(const char *s, size_t cols)
{
	size_t len = strlen(s), used = 0, bytes = 0;

	while (bytes < len) {
		int w;
		size_t n = next_char(s + bytes, len - bytes, &w);

		if (used + (size_t)w > cols)
			break;
		used += (size_t)w;
		bytes += n;
	}
	return bytes;
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
		sbuf_add(&b, s);
	} else if (cols > 0) {
		size_t n = text_fit(s, cols - 1);

		sbuf_addn(&b, s, n);
		sbuf_add(&b, "\xe2\x80\xa6");	/* … */
		w = text_width(sbuf_str(&b));
	} else
		w = 0;
	for (; w < cols; w++)
		sbuf_addc(&b, ' ');
	return sbuf_take(&b);
}
