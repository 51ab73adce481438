/* save.c: saving the plan (F2), "save as" with the question before
 * replacing a file, and quitting, which asks first when the plan has
 * unsaved changes and can save before it quits. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan/drift.h"
#include "plan/plan.h"
#include "plan/planfile.h"
#include "resolve/resolve.h"
#include "tui/internal.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/xdg.h"

/* ---- saving ---- */

static unsigned
save_to(struct tui *t, const char *path, int flags)
{
	struct pp_error err;
	char buf[2200];
	/* saving the plan back to the file it was opened from follows a
	 * symbolic link to it; any other link is refused (util/file.h) */
	char *target = t->s->path != NULL && strcmp(path, t->s->path) == 0 ?
		file_resolve_link(path) : xstrdup(path);

	error_clear(&err);
	if (resolve_save_plan(t->s->cat, t->s->plan, target, flags, &err) != 0) {
		free(target);
		error_format(&err, buf, sizeof buf);
		/* TRANSLATORS: %s is the reason (file: problem) */
		tui_message(t, TUI_MSG_ERROR, _("Not saved: %s"), buf);
		t->pending_quit = false;
		return TUI_R_REDRAW;
	}
	free(target);
	plan_free(&t->s->saved);
	t->s->saved = plan_dup(t->s->plan);
	if (t->s->path != path) {
		free(t->s->path);
		t->s->path = xstrdup(path);
	}
	tui_message(t, TUI_MSG_INFO, _("Saved the plan to %s."), path);
	if (t->pending_quit)
		return TUI_R_QUIT | TUI_R_REDRAW;
	return TUI_R_REDRAW;
}

static unsigned save_as_done(struct tui *t, enum tui_answer answer, size_t item,
			     const char *text, const char *arg);

static unsigned
overwrite_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	       const char *arg)
{
	(void)item;
	(void)text;
	if (answer == TUI_ANSWER_YES)
		return save_to(t, arg, 0);
	if (answer == TUI_ANSWER_NO) {
		tui_prompt(t, _("Save"), _("Save the plan as (another name):"), arg, false,
			   save_as_done, NULL);
		return TUI_R_REDRAW;
	}
	t->pending_quit = false;
	return TUI_R_REDRAW;
}

static unsigned
save_as_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	     const char *arg)
{
	char *q, *path;
	unsigned r;

	(void)item;
	(void)arg;
	if (answer != TUI_ANSWER_OK) {
		t->pending_quit = false;
		return TUI_R_REDRAW;
	}
	if (text == NULL || text[strspn(text, " ")] == '\0') {
		tui_prompt_error(t, _("Type a file name, or press Esc to cancel."));
		return TUI_R_KEEP;
	}
	path = xdg_expand_home(text);
	if (t->s->path != NULL && strcmp(path, t->s->path) == 0) {
		r = save_to(t, path, 0);
	} else if (file_exists(path)) {
		/* TRANSLATORS: %s is a file name */
		q = xasprintf(_("%s already exists. Replace it with this plan?"), path);
		tui_confirm(t, _("Replace file?"), q, TUI_ANSWER_NO, overwrite_done, path);
		free(q);
		r = TUI_R_REDRAW;
	} else
		r = save_to(t, path, FILE_WRITE_NOREPLACE);
	free(path);
	return r;
}

/* A file name from the selected products: "bems-mis.portplan". */
static char *
default_plan_name(const struct tui *t)
{
	struct sbuf b;

	sbuf_init(&b);
	for (size_t i = 0; i < t->s->plan->products.n && i < 4; i++)
		sbuf_addf(&b, "%s%s", i ? "-" : "", t->s->plan->products.v[i]);
	if (b.len == 0)
		sbuf_add(&b, "plan");
	sbuf_add(&b, ".portplan");
	return sbuf_take(&b);
}

unsigned
tui_save(struct tui *t)
{
	char *name;

	if (t->s->path != NULL)
		return save_to(t, t->s->path, 0);
	name = default_plan_name(t);
	tui_prompt(t, _("Save"), _("Save the plan as:"), name, false, save_as_done, NULL);
	free(name);
	return TUI_R_REDRAW;
}

/* ---- quitting ---- */

static unsigned
quit_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	  const char *arg)
{
	(void)item;
	(void)text;
	(void)arg;
	switch (answer) {
	case TUI_ANSWER_YES:
		t->pending_quit = true;
		return tui_save(t);
	case TUI_ANSWER_NO:
		return TUI_R_QUIT;
	default:
		return TUI_R_REDRAW;
	}
}

unsigned
tui_quit(struct tui *t)
{
	if (!tui_dirty(t))
		return TUI_R_QUIT;
	tui_confirm(t, _("Unsaved changes"),
		    _("The plan has unsaved changes. Save them before quitting? (n quits without saving)"),
		    TUI_ANSWER_YES, quit_done, NULL);
	return TUI_R_REDRAW;
}
