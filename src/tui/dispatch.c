/* dispatch.c: where a key goes.  A key is mapped through the action
 * table of the context it arrives in (the dialog, the view or the current
 * screen) and handled there; what a screen leaves unhandled is a global
 * action: moving in its list, help, save, quit, the other screens,
 * searching, redrawing.  Every handler returns what it changed (enum
 * tui_reaction); none draws. */
#include "config.h"

#include "tui/internal.h"

static unsigned
go_to(struct tui *t, enum tui_screen_id id)
{
	if (t->cur == id)
		return TUI_R_NONE;
	t->cur = id;
	tui_screen_sync(t);
	return TUI_R_REDRAW;
}

static unsigned
global_action(struct tui *t, enum tui_action a)
{
	const struct tui_screen *s = t->screens[t->cur];
	unsigned r;

	if (s->list != NULL && !((r = tui_list_handle(t, s->list(t), a)) & TUI_R_UNHANDLED))
		return r;
	switch (a) {
	case ACT_HELP:
		return tui_help_open(t);
	case ACT_SAVE:
		return tui_save(t);
	case ACT_QUIT:
		return tui_quit(t);
	case ACT_NEXT_SCREEN:
		return go_to(t, (enum tui_screen_id)((t->cur + 1) % TUI_SCREEN_COUNT));
	case ACT_PREV_SCREEN:
		return go_to(t, (enum tui_screen_id)((t->cur + TUI_SCREEN_COUNT - 1) %
						       TUI_SCREEN_COUNT));
	case ACT_GOTO_PRODUCTS:
		return go_to(t, TUI_SCREEN_PRODUCTS);
	case ACT_GOTO_FEATURES:
		return go_to(t, TUI_SCREEN_FEATURES);
	case ACT_GOTO_PLACEMENT:
		return go_to(t, TUI_SCREEN_PLACEMENT);
	case ACT_GOTO_REVIEW:
		return go_to(t, TUI_SCREEN_REVIEW);
	case ACT_GOTO_EXPORT:
		return go_to(t, TUI_SCREEN_EXPORT);
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return TUI_R_REDRAW;
	case ACT_SEARCH:
		return tui_search_start(t);
	case ACT_SEARCH_NEXT:
		return tui_search_again(t, 1);
	case ACT_SEARCH_PREV:
		return tui_search_again(t, -1);
	default:
		return TUI_R_NONE;
	}
}

static unsigned
handle_key(struct tui *t, int key)
{
	struct tui_layout lo;
	enum tui_action a;
	unsigned r;

	tui_layout_compute(LINES, COLS, &lo);
	if (lo.too_small) {
		/* only quitting works until the terminal grows */
		a = tui_key_action(TUI_CTX_PRODUCTS, key);
		if (a == ACT_QUIT && !tui_dirty(t))
			return TUI_R_QUIT;
		return TUI_R_NONE;
	}
	if (t->dialog != NULL) {
		a = tui_key_action(tui_dialog_ctx(t), key);
		return tui_dialog_handle(t, a, key);
	}
	if (t->view != NULL) {
		a = tui_key_action(TUI_CTX_VIEW, key);
		r = tui_view_handle(t, a);
		if (!(r & TUI_R_UNHANDLED))
			return r;
		switch (a) {
		case ACT_REDRAW:
			clearok(curscr, TRUE);
			return TUI_R_REDRAW;
		case ACT_SEARCH:
			return tui_search_start(t);
		case ACT_SEARCH_NEXT:
			return tui_search_again(t, 1);
		case ACT_SEARCH_PREV:
			return tui_search_again(t, -1);
		default:
			return TUI_R_NONE;
		}
	}
	a = tui_key_action(t->screens[t->cur]->ctx, key);
	if (a == ACT_NONE)
		return TUI_R_NONE;
	r = t->screens[t->cur]->handle(t, a);
	if (r & TUI_R_UNHANDLED)
		r = global_action(t, a);
	return r;
}

unsigned
tui_dispatch(struct tui *t, int key)
{
	/* a key clears the message line: a change when there was one */
	unsigned r = t->msg != NULL ? TUI_R_REDRAW : TUI_R_NONE;

	xfree(&t->msg);
	r |= handle_key(t, key);
	return r & ~(unsigned)TUI_R_UNHANDLED;
}
