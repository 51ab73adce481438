/* tui.c: the planner's loop.
 *
 * The loop reads a key, maps it through the action table for the current
 * context (dialog, view or screen), lets that handle it and redraws from
 * the state when something changed (htop's reactions).  Nothing is written
 * to stderr while curses owns the terminal (term.c restores it on every
 * way out, SIGINT, SIGTERM and SIGHUP included). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "plan/drift.h"
#include "plan/plan.h"
#include "plan/planfile.h"
#include "plan/session.h"
#include "resolve/resolve.h"
#include "tui/internal.h"
#include "tui/tui.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/width.h"

static const struct tui_screen *const all_screens[TUI_SCREEN_COUNT] = {
	&tui_products_screen,
	&tui_features_screen,
	&tui_placement_screen,
	&tui_review_screen,
	&tui_export_screen,
};

/* ---- helpers for the screens ---- */

void
tui_message(struct tui *t, enum tui_msg_level level, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	free(t->msg);
	t->msg = tui_clean(s);
	free(s);
	t->msg_level = level;
}

bool
tui_dirty(const struct tui *t)
{
	return !plan_equal(t->s->plan, t->s->saved);
}

const struct resolution *
tui_resolution(struct tui *t)
{
	struct pp_error err;

	if (t->res_gen == t->plan_gen)
		return t->res;
	resolution_free(&t->res);
	t->res_error[0] = '\0';
	error_clear(&err);
	if (resolve(t->s->cat, t->s->plan, &t->res, &err) != 0)
		error_format(&err, t->res_error, sizeof t->res_error);
	t->res_gen = t->plan_gen;
	return t->res;
}

/* ---- dispatch ---- */

static void
sync_screen(struct tui *t)
{
	if (t->seen_gen[t->cur] != t->plan_gen) {
		t->seen_gen[t->cur] = t->plan_gen;
		t->screens[t->cur]->rebuild(t);
	}
}

static unsigned
go_to(struct tui *t, enum tui_screen_id id)
{
	t->cur = id;
	sync_screen(t);
	return TUI_R_REDRAW;
}

static unsigned
global_action(struct tui *t, enum tui_action a)
{
	const struct tui_screen *s = t->screens[t->cur];

	if (s->list != NULL && tui_list_move(t, s->list(t), a))
		return TUI_R_REDRAW;
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
dispatch(struct tui *t, int key)
{
	struct tui_layout lo;
	enum tui_action a;
	unsigned r;

	tui_layout_compute(LINES, COLS, &lo);
	xfree(&t->msg);
	if (lo.too_small) {
		/* only quitting works until the terminal grows */
		a = tui_key_action(TUI_CTX_PRODUCTS, key);
		if (a == ACT_QUIT && !tui_dirty(t))
			return TUI_R_QUIT;
		return TUI_R_REDRAW;
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

/* ---- drawing ---- */

static void
draw_tabs(struct tui *t, const struct tui_layout *lo)
{
	struct sbuf name, full;
	bool dirty = tui_dirty(t);
	bool compact = false;
	int x = 0, tabs_w = 1, avail;

	sbuf_init(&name);
	sbuf_init(&full);
	if (t->s->path != NULL) {
		const char *slash = strrchr(t->s->path, '/');

		sbuf_add(&name, slash != NULL ? slash + 1 : t->s->path);
	} else
		sbuf_add(&name, _("new plan"));
	sbuf_addf(&full, "%s%s ", sbuf_str(&name),
		  /* TRANSLATORS: after the plan's name in the top line */
		  dirty ? _(" [modified]") : "");
	for (int i = 0; i < TUI_SCREEN_COUNT; i++)
		tabs_w += (int)text_width(_(t->screens[i]->title)) + 3;
	if (tabs_w + 8 > lo->tabs.w)
		/* only the current screen's name: " 1 2 Features  3 ..." */
		compact = true;
	tui_put(lo->tabs.y, 0, lo->tabs.w, "", TUI_ROLE_TABS);
	for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
		/* " 1 Products 2 Features": the current one gets a space more */
		char *label = compact && i != (int)t->cur ? xasprintf(" %d", i + 1) :
			xasprintf(i == (int)t->cur ? " %d %s " : " %d %s", i + 1,
				  _(t->screens[i]->title));
		int w = (int)text_width(label);

		if (x + w > lo->tabs.w)
			w = lo->tabs.w - x;
		if (w > 0)
			tui_put(lo->tabs.y, x, w, label,
				i == (int)t->cur ? TUI_ROLE_TAB_ACTIVE : TUI_ROLE_TABS);
		x += w;
		free(label);
	}
	avail = lo->tabs.w - x - 1;
	if (avail > 0) {
		/* "name [modified]"; when short of room the name is cut, and
		 * in the end "*name" */
		const char *mark = dirty ? _(" [modified]") : "";
		int mw = (int)text_width(mark);
		char *s;
		int w;

		if ((int)text_width(sbuf_str(&full)) <= avail)
			s = xstrdup(sbuf_str(&full));
		else if (avail - mw - 1 >= 6) {
			char *cut = text_pad(sbuf_str(&name), (size_t)(avail - mw - 1));

			s = xasprintf("%s%s ", cut, mark);
			free(cut);
		} else
			s = xasprintf("%s%s", dirty ? "*" : "", sbuf_str(&name));
		w = (int)text_width(s);
		if (w > avail)
			w = avail;
		tui_put_attr(lo->tabs.y, lo->tabs.w - w, w, s,
			     tui_attr(TUI_ROLE_TABS) | (dirty ? A_BOLD : 0));
		free(s);
	}
	sbuf_fini(&name);
	sbuf_fini(&full);
}

struct hint {
	const char *key, *label;
	int prio;		/* lower goes first when space is short */
};

/* The first of KEYS ("Space, Enter" -> "Space") into BUF; its width in
 * columns (translated key names may be accented). */
static int
hint_key(const char *keys, char *buf, size_t size)
{
	size_t kl = strcspn(keys, ",");

	if (kl >= size)
		kl = size - 1;
	memcpy(buf, keys, kl);
	buf[kl] = '\0';
	return (int)text_width(buf);
}

static int
hint_key_width(const char *keys)
{
	char buf[64];

	return hint_key(keys, buf, sizeof buf);
}

/* What stays longest when the status line is short: Help (the way to
 * everything else), then the keys of this screen, Quit and Save, Next,
 * and first to go, Search (Tab and / are in the help). */
static int
hint_priority(enum tui_action a)
{
	switch (a) {
	case ACT_HELP:
		return 5;
	case ACT_QUIT:
	case ACT_SAVE:
		return 3;
	case ACT_NEXT_SCREEN:
		return 2;
	case ACT_SEARCH:
		return 1;
	default:
		return 4;
	}
}

static void
draw_status(const struct tui_layout *lo, unsigned ctx)
{
	struct hint hints[ACT_COUNT];
	size_t n = 0;
	int width, x = 0;

	/* the context's own keys, then searching, then the global ones */
	for (int pass = 0; pass < 3; pass++) {
		for (int a = 1; a < ACT_COUNT; a++) {
			const struct tui_action_info *ai = &tui_actions[a];
			bool global = ai->section == TUI_SECTION_GLOBAL;
			int want = global ? 2 : ai->section == TUI_SECTION_MOVE ? 1 : 0;

			if (ai->hint == NULL || !(ai->ctx & ctx) || want != pass)
				continue;
			hints[n].key = C_("key", ai->keys);
			hints[n].label = C_("status line", ai->hint);
			hints[n].prio = hint_priority((enum tui_action)a);
			n++;
		}
	}
	/* drop the least important hints until the line fits */
	for (;;) {
		width = 0;
		for (size_t i = 0; i < n; i++)
			width += hint_key_width(hints[i].key) + 1 +
				 (int)text_width(hints[i].label) + (i + 1 < n ? 2 : 0);
		if (width <= lo->status.w || n == 0)
			break;
		{
			size_t drop = n - 1;

			for (size_t i = 0; i < n; i++)
				if (hints[i].prio <= hints[drop].prio)
					drop = i;
			memmove(&hints[drop], &hints[drop + 1], (n - drop - 1) * sizeof *hints);
			n--;
		}
	}
	tui_put(lo->status.y, 0, lo->status.w, "", TUI_ROLE_STATUS);
	for (size_t i = 0; i < n && x < lo->status.w; i++) {
		char key[64];
		int kw = hint_key(hints[i].key, key, sizeof key);
		int lw = (int)text_width(hints[i].label) + 2;

		tui_put(lo->status.y, x, kw + 1 <= lo->status.w - x ? kw + 1 : lo->status.w - x,
			key, TUI_ROLE_STATUS_KEY);
		x += kw + 1;
		if (x >= lo->status.w)
			break;
		tui_put(lo->status.y, x, lw <= lo->status.w - x ? lw : lo->status.w - x,
			hints[i].label, TUI_ROLE_STATUS);
		x += lw;
	}
}

static void
draw_too_small(const struct tui_layout *lo)
{
	struct strlist lines;
	char *msg;
	int y;

	strlist_init(&lines);
	/* TRANSLATORS: %1$d x %2$d is the terminal's size, %3$d x %4$d the minimum */
	msg = xasprintf(_("Terminal too small (%1$dx%2$d). Make it at least %3$dx%4$d."),
			COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	tui_wrap(msg, COLS > 2 ? COLS - 2 : 1, &lines);
	y = (LINES - (int)lines.n) / 2;
	if (y < 0)
		y = 0;
	for (size_t i = 0; i < lines.n && y + (int)i < LINES; i++)
		tui_put(y + (int)i, 1, COLS > 2 ? COLS - 2 : COLS, lines.v[i], TUI_ROLE_NORMAL);
	(void)lo;
	strlist_fini(&lines);
	free(msg);
}

static void
draw(struct tui *t)
{
	struct tui_layout lo;
	unsigned ctx;

	curs_set(0);
	erase();
	tui_layout_compute(LINES, COLS, &lo);
	if (lo.too_small) {
		draw_too_small(&lo);
		refresh();
		return;
	}
	sync_screen(t);
	draw_tabs(t, &lo);
	if (t->view != NULL) {
		tui_view_draw(t, &lo);
		ctx = TUI_CTX_VIEW;
	} else {
		t->screens[t->cur]->draw(t, &lo);
		ctx = t->screens[t->cur]->ctx;
	}
	if (t->msg != NULL)
		tui_put(lo.message.y, 0, lo.message.w, t->msg,
			t->msg_level == TUI_MSG_ERROR ? TUI_ROLE_ERROR :
			t->msg_level == TUI_MSG_WARN ? TUI_ROLE_WARN : TUI_ROLE_INFO);
	if (t->dialog != NULL)
		ctx = tui_dialog_ctx(t);
	draw_status(&lo, ctx);
	if (t->dialog != NULL)
		tui_dialog_draw(t, &lo);	/* last: it places the cursor */
	refresh();
}

/* ---- set-up and tear-down ---- */

static void
tui_fini(struct tui *t)
{
	for (int i = 0; i < TUI_SCREEN_COUNT; i++)
		if (t->screens[i] != NULL && t->screens[i]->fini != NULL)
			t->screens[i]->fini(t);
	tui_dialog_fini(t);
	tui_view_fini(t);
	resolution_free(&t->res);
	plan_free(&t->recovered);
	free(t->recovered_path);
	free(t->search);
	free(t->msg);
	strlist_fini(&t->notes);
}

bool
tui_has_terminal(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

int
tui_main(struct session *s)
{
	struct tui t;
	struct strlist notes;
	int key, rc;
	unsigned r = TUI_R_REDRAW;

	memset(&t, 0, sizeof t);
	t.s = s;
	t.ed = &s->ed;
	strlist_init(&t.notes);
	/* the notes of opening the catalog and the plan, kept for the help view */
	notes = s->notes;
	strlist_init(&s->notes);
	if (s->path != NULL && !s->path_exists)
		/* TRANSLATORS: %s is a file name */
		strlist_addf(&notes, _("New plan: F2 saves it to %s."), s->path);
	for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
		t.screens[i] = all_screens[i];
		if (t.screens[i]->init != NULL)
			t.screens[i]->init(&t);
	}
	t.plan_gen = 1;
	tui_term_signals();
	if (tui_term_start() != 0) {
		fprintf(stderr, "portplan: %s\n", _("cannot start the terminal interface (is TERM set?)"));
		tui_fini(&t);
		strlist_fini(&notes);
		return EXIT_DATA;
	}
	if (notes.n == 1)
		tui_message(&t, TUI_MSG_WARN, "%s", notes.v[0]);
	else if (notes.n > 1)
		tui_message(&t, TUI_MSG_WARN,
			    P_("%zu note while loading; ? shows it.", "%zu notes while loading; ? shows them.",
			       notes.n), notes.n);
	else if (s->plan->products.n == 0)
		tui_message(&t, TUI_MSG_INFO, "%s",
			    _("Welcome! Select products with Space, then press Tab. ? shows help."));
	t.notes = notes;	/* kept for the help view */
	tui_recovery_offer(&t);

	while (!t.quit) {
		if (tui_term_signal() != 0)
			break;
		if (r & TUI_R_PLAN)
			t.plan_gen++;
		if (r & TUI_R_QUIT)
			break;
		if (r != TUI_R_NONE)
			draw(&t);
		{
			wint_t ch;
			int got = get_wch(&ch);

			if (got == ERR) {
				r = TUI_R_NONE;
				continue;
			}
			if (got == KEY_CODE_YES && ch == KEY_RESIZE) {
				r = TUI_R_REDRAW;
				continue;
			}
			key = got == KEY_CODE_YES ? FK((int)ch) : (int)ch;
		}
		r = dispatch(&t, key);
		/* the message line is cleared by a key: show that too */
		r |= TUI_R_REDRAW;
	}
	rc = 0;
	if (tui_term_signal() != 0) {
		if (tui_dirty(&t))
			tui_recovery_write(&t);
		rc = 128 + tui_term_signal();
	}
	tui_term_stop();
	tui_fini(&t);
	return rc;
}
