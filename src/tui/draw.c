/* draw.c: putting text on the screen.  Every string is cleaned of control
 * and bidirectional characters (text_clean) and cut and padded by display
 * width (text_pad) here, then drawn with the wide-character functions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/internal.h"
#include "util/width.h"

char *
tui_clean(const char *s)
{
	return text_clean(s != NULL ? s : "");
}

void
tui_put_attr(int y, int x, int w, const char *s, attr_t attr)
{
	char *clean, *padded;
	wchar_t *ws;
	size_t n;

	if (w <= 0)
		return;
	clean = tui_clean(s);
	padded = text_pad(clean, (size_t)w);
	n = strlen(padded) + 1;
	ws = xcalloc(n, sizeof *ws);
	if (mbstowcs(ws, padded, n) == (size_t)-1) {
		/* cannot happen with cleaned UTF-8 in a UTF-8 locale; in
		 * another locale show what converts */
		for (size_t i = 0; i + 1 < n; i++)
			ws[i] = (padded[i] & 0x80) ? L'?' : (wchar_t)padded[i];
		ws[n - 1] = L'\0';
	}
	attrset(attr);
	mvaddnwstr(y, x, ws, -1);
	attrset(A_NORMAL);
	free(ws);
	free(padded);
	free(clean);
}

void
tui_put(int y, int x, int w, const char *s, enum tui_role role)
{
	tui_put_attr(y, x, w, s, tui_attr(role));
}

void
tui_fill(const struct tui_rect *r, enum tui_role role)
{
	for (int i = 0; i < r->h; i++)
		tui_put(r->y + i, r->x, r->w, "", role);
}

void
tui_box(const struct tui_rect *r, const char *title)
{
	attr_t a = tui_attr(TUI_ROLE_DIALOG);

	if (r->h < 2 || r->w < 2)
		return;
	tui_fill(r, TUI_ROLE_DIALOG);
	attrset(a);
	mvadd_wch(r->y, r->x, WACS_ULCORNER);
	mvhline_set(r->y, r->x + 1, WACS_HLINE, r->w - 2);
	mvadd_wch(r->y, r->x + r->w - 1, WACS_URCORNER);
	mvvline_set(r->y + 1, r->x, WACS_VLINE, r->h - 2);
	mvvline_set(r->y + 1, r->x + r->w - 1, WACS_VLINE, r->h - 2);
	mvadd_wch(r->y + r->h - 1, r->x, WACS_LLCORNER);
	mvhline_set(r->y + r->h - 1, r->x + 1, WACS_HLINE, r->w - 2);
	mvadd_wch(r->y + r->h - 1, r->x + r->w - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
	if (title != NULL && r->w > 6) {
		char *t = xasprintf(" %s ", title);
		size_t tw = text_width(t);
		int w = (int)tw < r->w - 4 ? (int)tw : r->w - 4;

		tui_put(r->y, r->x + 2, w, t, TUI_ROLE_DIALOG_TITLE);
		free(t);
	}
}

size_t
tui_wrap(const char *s, int w, struct strlist *lines)
{
	char *clean = tui_clean(s);
	const char *p = clean;
	size_t added = 0, lw = 0;
	struct sbuf line;

	if (w < 1)
		w = 1;
	sbuf_init(&line);
	for (;;) {
		const char *word;
		char *tmp, *piece;
		size_t ww;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		word = p;
		while (*p != '\0' && *p != ' ')
			p++;
		tmp = xstrndup(word, (size_t)(p - word));
		piece = tmp;
		ww = text_width(piece);
		if (line.len > 0 && lw + 1 + ww > (size_t)w) {
			strlist_add(lines, sbuf_str(&line));
			added++;
			sbuf_reset(&line);
			lw = 0;
		}
		/* a word longer than a line is cut */
		while (line.len == 0 && ww > (size_t)w) {
			size_t fit = text_fit(piece, (size_t)w);

			if (fit == 0)
				fit = 1;
			sbuf_addn(&line, piece, fit);
			strlist_add(lines, sbuf_str(&line));
			added++;
			sbuf_reset(&line);
			piece += fit;
			ww = text_width(piece);
		}
		if (*piece != '\0') {
			if (line.len > 0) {
				sbuf_addc(&line, ' ');
				lw++;
			}
			sbuf_add(&line, piece);
			lw += ww;
		}
		free(tmp);
	}
	if (line.len > 0 || added == 0) {
		strlist_add(lines, sbuf_str(&line));
		added++;
	}
	sbuf_fini(&line);
	free(clean);
	return added;
}
