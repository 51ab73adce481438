/* export.c: screen 5, writing the change request.  The formats come from
 * the exporters' registry (export_formats[]); Enter asks for the file
 * name, confirms before overwriting, writes atomically and says where. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "tui/internal.h"
#include "util/file.h"
#include "util/xdg.h"
#include "util/i18n.h"

struct exportscr {
	struct tui_list list;
	size_t nformats;
	size_t chosen;		/* the format */
	char *written;		/* absolute path of the last file written */
};

static void
export_init(struct tui *t)
{
	struct exportscr *e = TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr);

	while (export_formats[e->nformats].name != NULL)
		e->nformats++;
}

static void
export_fini(struct tui *t)
{
	free(TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr)->written);
}

static void
export_refresh(struct tui *t)
{
	struct exportscr *e = TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr);

	tui_list_reset(t, &e->list, e->nformats);
}

/* Caller-owned file name for format EX: the plan's name with the format's
 * extension, else "PRODUCTS-change-request.EXT". */
static char *
default_name(const struct tui *t, const struct exporter *ex)
{
	struct sbuf b;

	sbuf_init(&b);
	if (t->s->path != NULL) {
		const char *dot = strrchr(t->s->path, '.');
		const char *slash = strrchr(t->s->path, '/');

		if (dot != NULL && (slash == NULL || dot > slash))
			sbuf_addn(&b, t->s->path, (size_t)(dot - t->s->path));
		else
			sbuf_add(&b, t->s->path);
	} else {
		/* TRANSLATORS: part of a suggested file name ("bems-change-
		   request.md"): lower case ASCII letters, digits and '-' only */
		const char *word = _("change-request");

		for (size_t i = 0; i < t->s->plan->products.n && i < 4; i++)
			sbuf_addf(&b, "%s%s", i ? "-" : "", t->s->plan->products.v[i]);
		if (word[strspn(word, "abcdefghijklmnopqrstuvwxyz0123456789-")] != '\0')
			word = "change-request";	/* a translation unfit for a file name */
		sbuf_addf(&b, "%s%s", b.len ? "-" : "", word);
	}
	sbuf_add(&b, ex->ext != NULL ? ex->ext : "");
	return sbuf_take(&b);
}

static unsigned
write_file(struct tui *t, const char *path, int flags)
{
	struct exportscr *e = TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr);
	const struct exporter *ex = &export_formats[e->chosen];
	const struct resolution *r = tui_resolution(t);
	struct file_out *o = NULL;
	struct file_out_sink sink;
	struct pp_error err;
	struct sbuf out;
	char buf[2200], *abs;

	if (r == NULL) {
		tui_message(t, TUI_MSG_ERROR, "%s", t->res_error);
		return TUI_R_REDRAW;
	}
	error_clear(&err);
	sbuf_init(&out);
	/* written as it is made (bounded memory); the file appears on commit */
	if (file_out_open(path, flags, &o, &err) == 0) {
		sink.out = o;
		sink.err = &err;
		sbuf_set_sink(&out, file_out_sink, &sink);
	}
	/* the same document as portplan export (a machine format in English) */
	if (o == NULL || export_render(ex, t->s->cat, t->s->plan, t->s->lang, NULL, &out, &err) != 0 ||
	    sbuf_flush(&out) != 0 ||
	    file_out_commit(&o, &err) != 0) {
		file_out_abort(&o);
		error_format(&err, buf, sizeof buf);
		/* TRANSLATORS: %s is the reason (file: problem) */
		tui_message(t, TUI_MSG_ERROR, _("Not exported: %s"), buf);
		sbuf_fini(&out);
		return TUI_R_REDRAW;
	}
	sbuf_fini(&out);
	abs = realpath(path, NULL);
	free(e->written);
	e->written = xstrdup(abs != NULL ? abs : path);
	free(abs);
	/* TRANSLATORS: %1$zu firewall rules, %2$s the file */
	tui_message(t, TUI_MSG_INFO, P_("Wrote %1$zu firewall rule to %2$s",
					"Wrote %1$zu firewall rules to %2$s", r->count[RULE_FIREWALL]),
		    r->count[RULE_FIREWALL], e->written);
	return TUI_R_REDRAW;
}

static unsigned name_done(struct tui *t, enum tui_answer answer, size_t item,
			  const char *text, const char *arg);

static unsigned
ask_name(struct tui *t, const char *initial)
{
	const struct exporter *ex =
		&export_formats[TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr)->chosen];
	/* TRANSLATORS: %s describes the format */
	char *label = xasprintf(_("Write the change request (%s) to the file:"), _(ex->help));

	tui_prompt(t, _("Export"), label, initial, false, name_done, NULL);
	free(label);
	return TUI_R_REDRAW;
}

static unsigned
replace_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	     const char *arg)
{
	(void)item;
	(void)text;
	if (answer == TUI_ANSWER_YES)
		return write_file(t, arg, 0);
	if (answer == TUI_ANSWER_NO)
		return ask_name(t, arg);
	return TUI_R_REDRAW;
}

static unsigned
name_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	  const char *arg)
{
	char *q, *path;
	unsigned r;

	(void)item;
	(void)arg;
	if (answer != TUI_ANSWER_OK)
		return TUI_R_REDRAW;
	if (text == NULL || text[strspn(text, " ")] == '\0') {
		tui_prompt_error(t, _("Type a file name, or press Esc to cancel."));
		return TUI_R_KEEP;
	}
	path = xdg_expand_home(text);
	if (file_exists(path)) {
		/* TRANSLATORS: %s is a file name */
		q = xasprintf(_("%s already exists. Replace it with this change request?"), path);
		tui_confirm(t, _("Replace file?"), q, TUI_ANSWER_NO, replace_done, path);
		free(q);
		r = TUI_R_REDRAW;
	} else
		r = write_file(t, path, FILE_WRITE_NOREPLACE);
	free(path);
	return r;
}

static unsigned
export_handle(struct tui *t, enum tui_action a)
{
	struct exportscr *e = TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr);
	char *name;
	unsigned r;

	switch (a) {
	case ACT_FORMAT:
		if (e->chosen == e->list.cur)
			return TUI_R_NONE;
		e->chosen = e->list.cur;
		return TUI_R_REDRAW;
	case ACT_EXPORT:
		if (t->s->plan->products.n == 0) {
			tui_message(t, TUI_MSG_WARN,
				    _("Nothing to export yet: select a product on Products (1)."));
			return TUI_R_REDRAW;
		}
		if (e->nformats == 0)
			return TUI_R_NONE;
		e->chosen = e->list.cur;
		name = default_name(t, &export_formats[e->chosen]);
		r = ask_name(t, name);
		free(name);
		return r;
	default:
		return TUI_R_UNHANDLED;
	}
}

static void
draw_row(struct tui *t, size_t i, const struct tui_rect *line, bool cursor)
{
	struct exportscr *e = TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr);
	const struct exporter *ex = &export_formats[i];
	attr_t base = cursor ? tui_attr(TUI_ROLE_CURSOR) : tui_attr(TUI_ROLE_NORMAL);
	bool on = i == e->chosen;

	tui_put_attr(line->y, line->x, 2, "", base);
	tui_put_attr(line->y, line->x + 2, 4, on ? "(*)" : "( )",
		     cursor || !on ? base : tui_attr(TUI_ROLE_ON));
	tui_put_attr(line->y, line->x + 6, 6, ex->name, base | A_BOLD);
	tui_put_attr(line->y, line->x + 12, line->w - 12, _(ex->help), base);
}

static void
export_draw(struct tui *t, const struct tui_layout *lo)
{
	struct exportscr *e = TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr);
	const struct resolution *r = t->s->plan->products.n > 0 ? tui_resolution(t) : NULL;
	int y = lo->pane.y, end = lo->pane.y + lo->pane.h;
	char *s, *name;

	tui_list_draw(t, &e->list, &lo->list, draw_row);
	tui_put(lo->rule.y, 0, lo->rule.w, _("Format of the change request"), TUI_ROLE_RULE);
	if (t->s->plan->products.n == 0) {
		tui_put(y++, 1, lo->pane.w - 1,
			_("Nothing to export yet: select a product on Products (1)."), TUI_ROLE_WARN);
		return;
	}
	if (r == NULL) {
		tui_put(y++, 1, lo->pane.w - 1, t->res_error, TUI_ROLE_ERROR);
		return;
	}
	/* TRANSLATORS: what the export will contain, as "label: number"
	   so that no plural is needed */
	s = xasprintf(_("Firewall rules: %1$zu   zone boundaries: %2$zu   no change: %3$zu   host-local: %4$zu"),
		      r->count[RULE_FIREWALL], r->nboundaries, r->count[RULE_NO_CHANGE],
		      r->count[RULE_HOST_LOCAL]);
	tui_put(y++, 1, lo->pane.w - 1, s, TUI_ROLE_NORMAL);
	free(s);
	if (r->unaddressed.n > 0 && y < end) {
		s = xasprintf(P_("%zu endpoint has no address yet (Placement, a).",
				 "%zu endpoints have no address yet (Placement, a).", r->unaddressed.n),
			      r->unaddressed.n);
		tui_put(y++, 1, lo->pane.w - 1, s, TUI_ROLE_WARN);
		free(s);
	}
	name = default_name(t, &export_formats[e->list.cur < e->nformats ? e->list.cur : 0]);
	/* TRANSLATORS: %s is a file name */
	s = xasprintf(_("Suggested file: %s"), name);
	if (y < end)
		tui_put(y++, 1, lo->pane.w - 1, s, TUI_ROLE_NORMAL);
	free(s);
	free(name);
	if (e->written != NULL && y < end) {
		/* TRANSLATORS: %s is a file name */
		s = xasprintf(_("Last written: %s"), e->written);
		tui_put(y++, 1, lo->pane.w - 1, s, TUI_ROLE_INFO);
		free(s);
	}
	if (y < end)
		tui_put(end - 1, 1, lo->pane.w - 1,
			_("Enter: export in the format under the cursor   w: warnings"), TUI_ROLE_DIM);
}

static void
export_item_help(struct tui *t, struct tui_text *x)
{
	struct exportscr *e = TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr);

	if (e->list.cur < e->nformats) {
		const struct exporter *ex = &export_formats[e->list.cur];

		tui_text_addf(x, TUI_PARA_TEXT, "%s: %s", ex->name, _(ex->help));
	}
	tui_text_add(x, TUI_PARA_TEXT, _("Enter asks for the file name and writes the change request; it asks before replacing a file. The same document comes from: portplan export PLAN --format FORMAT."));
}

static struct tui_list *
export_list(struct tui *t)
{
	return &TUI_STATE(t, TUI_SCREEN_EXPORT, struct exportscr)->list;
}

static void
export_row_text(struct tui *t, size_t i, struct sbuf *out)
{
	(void)t;
	sbuf_addf(out, "%s %s", export_formats[i].name, _(export_formats[i].help));
}

/* The warnings key works here too: the review screen shows them. */
static unsigned
export_handle_all(struct tui *t, enum tui_action a)
{
	if (a == ACT_WARNINGS)
		return tui_review_screen.handle(t, a);
	return export_handle(t, a);
}

const struct tui_screen tui_export_screen = {
	.title = N_("Export"),
	.ctx = TUI_CTX_EXPORT,
	.priv_size = sizeof(struct exportscr),
	.init = export_init,
	.fini = export_fini,
	.rebuild = export_refresh,
	.handle = export_handle_all,
	.draw = export_draw,
	.item_help = export_item_help,
	.list = export_list,
	.row_text = export_row_text,
};
