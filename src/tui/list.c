/* list.c: the one scrolling list widget.  It keeps a cursor and a scroll
 * position over N rows; the screen draws each visible row.  Headings
 * (rows the screen's skip function names) never hold the cursor. */
#include "config.h"

#include <string.h>

#include "tui/internal.h"

static bool
skipped(const struct tui *t, const struct tui_list *l, size_t i)
{
	return l->skip != NULL && l->skip(t, i);
}

/* The first row at or after I (DIR 1) or at or before I (-1) that can
 * hold the cursor; N if none. */
static size_t
find(const struct tui *t, const struct tui_list *l, size_t i, int dir)
{
	while (i < l->n) {
		if (!skipped(t, l, i))
			return i;
		if (dir < 0 && i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
	}
	return l->n;
}

static void
list_scroll(const struct tui *t, struct tui_list *l)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (l->n <= h) {
		l->top = 0;
		return;
	}
	if (l->top > l->n - h)
		l->top = l->n - h;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + h)
		l->top = l->cur - h + 1;
	/* keep the heading of the cursor's group in view */
	if (l->cur > 0 && l->top == l->cur && h > 1 && skipped(t, l, l->cur - 1))
		l->top = l->cur - 1;
	/* nothing but headings above the cursor: show from the top */
	if (find(t, l, 0, 1) == l->cur && l->cur < h)
		l->top = 0;
}

void
tui_list_init(struct tui_list *l)
{
	memset(l, 0, sizeof *l);
	l->height = 10;
}

void
tui_list_goto(struct tui *t, struct tui_list *l, size_t i)
{
	size_t j;

	if (l->n == 0) {
		l->cur = l->top = 0;
		return;
	}
	if (i >= l->n)
		i = l->n - 1;
	j = find(t, l, i, 1);
	if (j == l->n)
		j = find(t, l, i, -1);
	l->cur = j < l->n ? j : i;
	list_scroll(t, l);
}

void
tui_list_reset(struct tui *t, struct tui_list *l, size_t n)
{
	l->n = n;
	tui_list_goto(t, l, l->cur);
}

/* Moves for A; false if A is not a movement. */
static bool
list_move(struct tui *t, struct tui_list *l, enum tui_action a)
{
	size_t page = l->height > 1 ? (size_t)l->height - 1 : 1, j;

	if (l->n == 0)
		return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP ||
		       a == ACT_PAGE_DOWN || a == ACT_FIRST || a == ACT_LAST;
	switch (a) {
	case ACT_UP:
		j = l->cur > 0 ? find(t, l, l->cur - 1, -1) : l->n;
		if (j < l->n)
			l->cur = j;
		else
			l->top = 0;	/* show the headings above */
		break;
	case ACT_DOWN:
		j = find(t, l, l->cur + 1, 1);
		if (j < l->n)
			l->cur = j;
		break;
	case ACT_PAGE_UP:
		j = l->cur > page ? l->cur - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		tui_list_goto(t, l, j);
		return true;
	case ACT_PAGE_DOWN:
		j = l->cur + page < l->n ? l->cur + page : l->n - 1;
		l->top += page;
		j = find(t, l, j, -1) < l->n ? find(t, l, j, -1) : find(t, l, j, 1);
		if (j < l->n)
			l->cur = j;
		break;
	case ACT_FIRST:
		l->top = 0;
		tui_list_goto(t, l, 0);
		return true;
	case ACT_LAST:
		j = find(t, l, l->n - 1, -1);
		if (j < l->n)
			l->cur = j;
		break;
	default:
		return false;
	}
	list_scroll(t, l);
	return true;
}

unsigned
tui_list_handle(struct tui *t, struct tui_list *l, enum tui_action a)
{
	size_t cur = l->cur, top = l->top;

	if (!list_move(t, l, a))
		return TUI_R_UNHANDLED;
	return l->cur != cur || l->top != top ? TUI_R_REDRAW : TUI_R_NONE;
}

void
tui_list_draw(struct tui *t, struct tui_list *l, const struct tui_rect *r,
	      tui_row_draw_fn *draw)
{
	l->height = r->h;
	list_scroll(t, l);
	for (int i = 0; i < r->h; i++) {
		size_t row = l->top + (size_t)i;
		struct tui_rect line = { r->y + i, r->x, 1, r->w };

		if (row < l->n)
			draw(t, row, &line, row == l->cur);
		else
			tui_put(line.y, line.x, line.w, "", TUI_ROLE_NORMAL);
	}
	/* more above or below: a mark in the last column */
	if (r->h > 0 && r->w > 1 && l->top > 0)
		tui_put(r->y, r->x + r->w - 1, 1, "\xe2\x96\xb2", TUI_ROLE_DIM);	/* ▲ */
	if (r->h > 0 && r->w > 1 && l->top + (size_t)r->h < l->n)
		tui_put(r->y + r->h - 1, r->x + r->w - 1, 1, "\xe2\x96\xbc", TUI_ROLE_DIM);	/* ▼ */
}

bool
tui_list_search(struct tui *t, struct tui_list *l, const char *needle, int dir,
		tui_row_text_fn *text)
{
	struct sbuf buf;
	bool found = false;

	if (l->n == 0 || needle == NULL || needle[0] == '\0' || text == NULL)
		return false;
	sbuf_init(&buf);
	for (size_t step = 1; step <= l->n && !found; step++) {
		size_t i = dir > 0 ? (l->cur + step) % l->n : (l->cur + l->n - step % l->n) % l->n;

		if (skipped(t, l, i))
			continue;
		sbuf_reset(&buf);
		text(t, i, &buf);
		if (strcasestr(sbuf_str(&buf), needle) != NULL) {
			l->cur = i;
			list_scroll(t, l);
			found = true;
		}
	}
	sbuf_fini(&buf);
	return found;
}
