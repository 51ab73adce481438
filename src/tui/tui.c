/* tui.c: the planner's state and its life: the screens, the loop, the
 * tear-down, over the session main.c opened (catalog, plan, editor).
 *
 * The loop reads a key, lets tui_dispatch (dispatch.c) handle it and
 * acts on exactly the reaction it returns (htop's): a new plan generation
 * for TUI_R_PLAN, a redraw from the state (tui_draw, frame.c) for that or
 * TUI_R_REDRAW, nothing for TUI_R_NONE.  Nothing is written to stderr
 * while curses owns the terminal (term.c restores it on every way out,
 * SIGINT, SIGTERM and SIGHUP included). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/plan.h"
#include "plan/session.h"
#include "resolve/resolve.h"
#include "tui/internal.h"
#include "tui/tui.h"
#include "util/i18n.h"

static const struct tui_screen *const all_screens[TUI_SCREEN_COUNT] = {
	&tui_products_screen,
	&tui_features_screen,
	&tui_placement_screen,
	&tui_review_screen,
	&tui_export_screen,
};

/* ---- the state the screens share ---- */

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

/* ---- the screens ---- */

/* Gives every screen its private state, zeroed, with its list ready,
 * then lets it set up the rest. */
static void
screens_init(struct tui *t)
{
	for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
		const struct tui_screen *s = all_screens[i];

		t->screens[i] = s;
		t->priv[i] = xcalloc(1, s->priv_size > 0 ? s->priv_size : 1);
		if (s->list != NULL)
			tui_list_init(s->list(t));
		if (s->init != NULL)
			s->init(t);
	}
}

static void
screens_fini(struct tui *t)
{
	for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
		if (t->screens[i] == NULL)
			continue;
		if (t->screens[i]->fini != NULL)
			t->screens[i]->fini(t);
		free(t->priv[i]);
		t->priv[i] = NULL;
	}
}

void *
tui_screen_state(const struct tui *t, enum tui_screen_id id, size_t size)
{
	if (t->priv[id] == NULL || size != t->screens[id]->priv_size)
		abort();	/* a screen asked for another type than its own */
	return t->priv[id];
}

void
tui_screen_sync(struct tui *t)
{
	if (t->seen_gen[t->cur] != t->plan_gen) {
		t->seen_gen[t->cur] = t->plan_gen;
		t->screens[t->cur]->rebuild(t);
	}
}

/* ---- set-up and tear-down ---- */

static void
tui_fini(struct tui *t)
{
	screens_fini(t);
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
	screens_init(&t);
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

	for (;;) {
		if (tui_term_signal() != 0)
			break;
		if (r & TUI_R_PLAN)
			t.plan_gen++;
		if (r & TUI_R_QUIT)
			break;
		/* exactly what the handler said (enum tui_reaction) */
		if (r & (TUI_R_REDRAW | TUI_R_PLAN))
			tui_draw(&t);
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
		r = tui_dispatch(&t, key);
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
