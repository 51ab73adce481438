/* layout.c: the screen's rectangles as a pure function of LINES and COLS
 * (no curses calls; ncdu, lxdialog).
 *
 *   line 0              tabs: the five screens and the plan's name
 *   lines 1 .. L-3      body: the screen's list, a rule, the info pane
 *   line L-2            message line (messages, the search field)
 *   line L-1            status line: the keys that work here */
#include "config.h"

#include <string.h>

#include "tui/internal.h"

static struct tui_rect
rect(int y, int x, int h, int w)
{
	struct tui_rect r;

	r.y = y;
	r.x = x;
	r.h = h > 0 ? h : 0;
	r.w = w > 0 ? w : 0;
	return r;
}

void
tui_layout_compute(int lines, int cols, struct tui_layout *lo)
{
	int body_h, pane_h;

	memset(lo, 0, sizeof *lo);
	if (lines < TUI_MIN_LINES || cols < TUI_MIN_COLS) {
		lo->too_small = true;
		lo->body = rect(0, 0, lines, cols);
		return;
	}
	lo->tabs = rect(0, 0, 1, cols);
	body_h = lines - 3;
	lo->body = rect(1, 0, body_h, cols);
	/* the pane gets a third of the body, 4 to 10 lines */
	pane_h = body_h / 3;
	if (pane_h < 4)
		pane_h = 4;
	if (pane_h > 10)
		pane_h = 10;
	lo->list = rect(1, 0, body_h - pane_h - 1, cols);
	lo->rule = rect(lo->list.y + lo->list.h, 0, 1, cols);
	lo->pane = rect(lo->rule.y + 1, 0, pane_h, cols);
	lo->message = rect(lines - 2, 0, 1, cols);
	lo->status = rect(lines - 1, 0, 1, cols);
}

struct tui_rect
tui_layout_center(const struct tui_rect *body, int want_h, int want_w)
{
	int h = want_h < body->h ? want_h : body->h;
	int w = want_w < body->w - 2 ? want_w : body->w - 2;

	return rect(body->y + (body->h - h) / 2, body->x + (body->w - w) / 2, h, w);
}
