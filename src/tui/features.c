/* features.c: screen 2, the services and features of the selected
 * products, grouped by product, with the help of the item under the
 * cursor.  Features of one group are alternatives: one at most is on. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "tui/internal.h"
#include "util/i18n.h"

enum row_kind {
	ROW_PRODUCT,		/* heading: the product */
	ROW_KIND,		/* heading: services / features */
	ROW_FEATURE,
};

struct row {
	enum row_kind kind;
	size_t idx;		/* product or feature index into the catalog lists */
	bool service;		/* ROW_KIND */
};

struct features {
	struct tui_list list;
	struct row *rows;
	size_t nrows, cap;
	size_t on;		/* features on, of selected products */
};

static void
features_fini(struct tui *t)
{
	free(TUI_STATE(t, TUI_SCREEN_FEATURES, struct features)->rows);
}

static bool
is_heading(const struct tui *t, size_t i)
{
	return TUI_STATE(t, TUI_SCREEN_FEATURES, struct features)->rows[i].kind != ROW_FEATURE;
}

static void
add_row(struct features *f, enum row_kind kind, size_t idx, bool service)
{
	if (f->nrows == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->rows = xreallocarray(f->rows, f->cap, sizeof *f->rows);
	}
	f->rows[f->nrows].kind = kind;
	f->rows[f->nrows].idx = idx;
	f->rows[f->nrows].service = service;
	f->nrows++;
}

static bool
is_service(const struct catalog_feature *cf)
{
	return cf->kind != NULL && strcmp(cf->kind, "service") == 0;
}

static void
features_refresh(struct tui *t)
{
	struct features *f = TUI_STATE(t, TUI_SCREEN_FEATURES, struct features);

	f->nrows = 0;
	f->list.skip = is_heading;
	for (size_t p = 0; p < t->ed->products.n; p++) {
		const char *id = t->ed->products.v[p].id;

		if (!plan_has_product(t->s->plan, id))
			continue;
		add_row(f, ROW_PRODUCT, p, false);
		/* services first, then the other features */
		for (int pass = 0; pass < 2; pass++) {
			bool heading = false;

			for (size_t k = t->ed->feat_first[p]; k < t->ed->feat_first[p + 1]; k++) {
				size_t i = t->ed->feat_list[k];
				const struct catalog_feature *cf = &t->ed->features.v[i];

				if (is_service(cf) != (pass == 0))
					continue;
				if (!heading)
					add_row(f, ROW_KIND, p, pass == 0);
				heading = true;
				add_row(f, ROW_FEATURE, i, false);
			}
		}
	}
	f->on = edit_features_on(t->ed);
	tui_list_reset(t, &f->list, f->nrows);
}

static unsigned
features_handle(struct tui *t, enum tui_action a)
{
	struct features *f = TUI_STATE(t, TUI_SCREEN_FEATURES, struct features);
	const struct catalog_feature *cf;
	struct pp_error err;
	bool on;
	char *label;

	if (a != ACT_TOGGLE)
		return TUI_R_UNHANDLED;
	if (f->nrows == 0 || f->rows[f->list.cur].kind != ROW_FEATURE)
		return TUI_R_NONE;
	cf = &t->ed->features.v[f->rows[f->list.cur].idx];
	on = !plan_has_feature(t->s->plan, cf->product, cf->id);
	if (edit_set_feature(t->ed, cf->product, cf->id, on, NULL, &err) != 0) {
		tui_message(t, TUI_MSG_ERROR, "%s", err.msg);
		return TUI_R_REDRAW;
	}
	label = tui_clean(cf->label != NULL ? cf->label : cf->id);
	tui_message(t, TUI_MSG_INFO, on ? _("On: %s") : _("Off: %s"), label);
	free(label);
	return TUI_R_PLAN | TUI_R_REDRAW;
}

static void
draw_row(struct tui *t, size_t i, const struct tui_rect *line, bool cursor)
{
	const struct row *r = &TUI_STATE(t, TUI_SCREEN_FEATURES, struct features)->rows[i];
	const struct catalog_feature *cf;
	attr_t base = cursor ? tui_attr(TUI_ROLE_CURSOR) : tui_attr(TUI_ROLE_NORMAL);
	bool on;
	const char *mark;
	int idw = line->w / 5;

	switch (r->kind) {
	case ROW_PRODUCT:
		tui_put(line->y, line->x, line->w, t->ed->products.v[r->idx].label, TUI_ROLE_HEADING);
		return;
	case ROW_KIND:
		tui_put(line->y, line->x, 2, "", TUI_ROLE_NORMAL);
		tui_put(line->y, line->x + 2, line->w - 2,
			r->service ? _("Services") : _("Features"), TUI_ROLE_DIM);
		return;
	case ROW_FEATURE:
		break;
	}
	cf = &t->ed->features.v[r->idx];
	on = plan_has_feature(t->s->plan, cf->product, cf->id);
	if (cf->group != NULL)
		mark = on ? "(*)" : "( )";
	else
		mark = on ? "[x]" : "[ ]";
	tui_put_attr(line->y, line->x, 4, "", base);
	tui_put_attr(line->y, line->x + 4, 4, mark, cursor || !on ? base : tui_attr(TUI_ROLE_ON));
	tui_put_attr(line->y, line->x + 8, line->w - 8 - idw, cf->label != NULL ? cf->label : cf->id,
		     base | (on ? A_BOLD : 0));
	tui_put_attr(line->y, line->x + line->w - idw, idw, cf->id,
		     cursor ? base : tui_attr(TUI_ROLE_DIM));
}

/* The other features of CF's group, ", "-joined (caller-owned), or NULL. */
static char *
alternatives(const struct tui *t, const struct catalog_feature *cf)
{
	struct sbuf b;

	if (cf->group == NULL)
		return NULL;
	sbuf_init(&b);
	for (size_t k = t->ed->feat_first[edit_product_index(t->ed, cf->product)];
	     k < t->ed->feat_first[edit_product_index(t->ed, cf->product) + 1]; k++) {
		const struct catalog_feature *o = &t->ed->features.v[t->ed->feat_list[k]];

		if (o != cf && o->group != NULL && strcmp(o->product, cf->product) == 0 &&
		    strcmp(o->group, cf->group) == 0)
			sbuf_addf(&b, "%s%s", b.len ? ", " : "", o->label != NULL ? o->label : o->id);
	}
	return sbuf_take(&b);
}

static void
features_draw(struct tui *t, const struct tui_layout *lo)
{
	struct features *f = TUI_STATE(t, TUI_SCREEN_FEATURES, struct features);
	struct strlist lines;
	int y = lo->pane.y;
	size_t on = f->on;
	char *head;

	if (f->nrows == 0) {
		tui_put(lo->list.y + 1, 2, lo->list.w - 2,
			_("No product is selected yet: go to Products (1) and select one with Space."),
			TUI_ROLE_WARN);
	} else
		tui_list_draw(t, &f->list, &lo->list, draw_row);
	head = xasprintf(P_("%zu service or feature on", "%zu services and features on", on), on);
	tui_put(lo->rule.y, 0, lo->rule.w, head, TUI_ROLE_RULE);
	free(head);
	if (f->nrows == 0 || f->rows[f->list.cur].kind != ROW_FEATURE)
		return;
	strlist_init(&lines);
	{
		const struct catalog_feature *cf = &t->ed->features.v[f->rows[f->list.cur].idx];
		char *alt = alternatives(t, cf);

		tui_put(y++, 1, lo->pane.w - 1, cf->label != NULL ? cf->label : cf->id,
			TUI_ROLE_HEADING);
		if (alt != NULL) {
			/* TRANSLATORS: %s lists the other features of a group */
			char *s = xasprintf(_("Alternative to: %s (one at most is on)"), alt);

			tui_wrap(s, lo->pane.w - 2, &lines);
			free(s);
		}
		free(alt);
		tui_wrap(cf->help != NULL ? cf->help : _("No help text in the catalog."),
			 lo->pane.w - 2, &lines);
	}
	for (size_t i = 0; i < lines.n && y < lo->pane.y + lo->pane.h; i++) {
		/* the last line says there is more */
		if (y == lo->pane.y + lo->pane.h - 1 && i + 1 < lines.n) {
			tui_put(y++, 1, lo->pane.w - 1, _("... (? shows all of it)"), TUI_ROLE_DIM);
			break;
		}
		tui_put(y++, 1, lo->pane.w - 1, lines.v[i], TUI_ROLE_NORMAL);
	}
	strlist_fini(&lines);
}

static void
features_item_help(struct tui *t, struct tui_text *x)
{
	struct features *f = TUI_STATE(t, TUI_SCREEN_FEATURES, struct features);
	const struct catalog_feature *cf;
	char *alt;

	if (f->nrows == 0) {
		tui_text_add(x, TUI_PARA_TEXT, _("No product is selected yet: go to Products (1) and select one with Space."));
		return;
	}
	if (f->rows[f->list.cur].kind != ROW_FEATURE)
		return;
	cf = &t->ed->features.v[f->rows[f->list.cur].idx];
	tui_text_addf(x, TUI_PARA_TEXT, "%s (%s: %s)", cf->label != NULL ? cf->label : cf->id,
		      cf->product, cf->id);
	if (cf->help != NULL)
		tui_text_add(x, TUI_PARA_TEXT, cf->help);
	alt = alternatives(t, cf);
	if (alt != NULL)
		tui_text_addf(x, TUI_PARA_TEXT, _("Alternative to: %s (one at most is on)"), alt);
	free(alt);
	if (cf->dflt)
		tui_text_add(x, TUI_PARA_TEXT, _("On by default when the product is selected."));
}

static struct tui_list *
features_list(struct tui *t)
{
	return &TUI_STATE(t, TUI_SCREEN_FEATURES, struct features)->list;
}

static void
features_row_text(struct tui *t, size_t i, struct sbuf *out)
{
	const struct row *r = &TUI_STATE(t, TUI_SCREEN_FEATURES, struct features)->rows[i];
	const struct catalog_feature *cf;

	if (r->kind != ROW_FEATURE)
		return;
	cf = &t->ed->features.v[r->idx];
	sbuf_addf(out, "%s %s %s", cf->id, cf->label != NULL ? cf->label : "",
		  cf->help != NULL ? cf->help : "");
}

const struct tui_screen tui_features_screen = {
	.title = N_("Features"),
	.ctx = TUI_CTX_FEATURES,
	.priv_size = sizeof(struct features),
	.fini = features_fini,
	.rebuild = features_refresh,
	.handle = features_handle,
	.draw = features_draw,
	.item_help = features_item_help,
	.list = features_list,
	.row_text = features_row_text,
};
