/* products.c: screen 1, the products to install (a checklist with vendor
 * and description). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "tui/internal.h"
#include "util/i18n.h"
#include "util/width.h"

struct products {
	struct tui_list list;
	struct strlist unknown;	/* plan products the catalog lacks */
	size_t vendor_w;	/* the widest vendor */
};

static void
products_init(struct tui *t)
{
	struct products *p = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products);

	strlist_init(&p->unknown);
	for (size_t i = 0; i < t->ed->products.n; i++)
		if (t->ed->products.v[i].vendor != NULL && text_width(t->ed->products.v[i].vendor) > p->vendor_w)
			p->vendor_w = text_width(t->ed->products.v[i].vendor);
}

static void
products_fini(struct tui *t)
{
	struct products *p = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products);

	strlist_fini(&p->unknown);
}

static void
products_refresh(struct tui *t)
{
	struct products *p = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products);

	strlist_fini(&p->unknown);
	strlist_init(&p->unknown);
	for (size_t i = 0; i < t->s->plan->products.n; i++)
		if (edit_product(t->ed, t->s->plan->products.v[i]) == NULL)
			strlist_add(&p->unknown, t->s->plan->products.v[i]);
	tui_list_reset(t, &p->list, t->ed->products.n + p->unknown.n);
}

/* The id of row I. */
static const char *
row_id(struct tui *t, size_t i)
{
	struct products *p = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products);

	return i < t->ed->products.n ? t->ed->products.v[i].id : p->unknown.v[i - t->ed->products.n];
}

static unsigned
products_handle(struct tui *t, enum tui_action a)
{
	struct products *p = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products);
	struct pp_error err;
	const char *id;
	char *label;

	if (a != ACT_TOGGLE)
		return TUI_R_UNHANDLED;
	if (p->list.n == 0)
		return TUI_R_NONE;
	id = row_id(t, p->list.cur);
	label = tui_clean(edit_product(t->ed, id) != NULL ? edit_product(t->ed, id)->label : id);
	if (plan_has_product(t->s->plan, id)) {
		edit_deselect_product(t->ed, id);
		/* TRANSLATORS: %s is a product name */
		tui_message(t, TUI_MSG_INFO, _("Removed %s and its features."), label);
	} else if (edit_select_product(t->ed, id, &err) != 0) {
		tui_message(t, TUI_MSG_ERROR, "%s", err.msg);
	} else {
		/* TRANSLATORS: %s is a product name */
		tui_message(t, TUI_MSG_INFO,
			    _("Added %s; Tab shows its features."), label);
	}
	free(label);
	return TUI_R_PLAN | TUI_R_REDRAW;
}

static int
vendor_width(const struct tui *t, int w)
{
	size_t vw = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products)->vendor_w;

	if ((int)vw > w / 4)
		vw = (size_t)w / 4;
	return (int)vw;
}

static void
draw_row(struct tui *t, size_t i, const struct tui_rect *line, bool cursor)
{
	const char *id = row_id(t, i);
	bool on = plan_has_product(t->s->plan, id);
	int vw = vendor_width(t, line->w), lw = line->w - 6 - vw - 2;
	attr_t base = cursor ? tui_attr(TUI_ROLE_CURSOR) : tui_attr(TUI_ROLE_NORMAL);

	tui_put_attr(line->y, line->x, 2, "", base);
	tui_put_attr(line->y, line->x + 2, 4, on ? "[x]" : "[ ]",
		     cursor || !on ? base : tui_attr(TUI_ROLE_ON));
	if (i < t->ed->products.n) {
		const struct catalog_product *cp = &t->ed->products.v[i];

		tui_put_attr(line->y, line->x + 6, lw, cp->label, base | (on ? A_BOLD : 0));
		tui_put_attr(line->y, line->x + 6 + lw, 2, "", base);
		tui_put_attr(line->y, line->x + 8 + lw, vw, cp->vendor, base);
	} else {
		/* TRANSLATORS: a product of the plan that the catalog lacks */
		char *s = xasprintf(_("%s (not in the catalog; kept in the plan)"), id);

		tui_put_attr(line->y, line->x + 6, line->w - 6, s, base);
		free(s);
	}
}

static void
products_draw(struct tui *t, const struct tui_layout *lo)
{
	struct products *p = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products);
	struct strlist lines;
	int y = lo->pane.y;
	size_t sel = t->s->plan->products.n;
	char *head;

	tui_list_draw(t, &p->list, &lo->list, draw_row);
	head = xasprintf(P_("%zu product selected", "%zu products selected", sel), sel);
	tui_put(lo->rule.y, 0, lo->rule.w, head, TUI_ROLE_RULE);
	free(head);
	strlist_init(&lines);
	if (p->list.n > 0 && p->list.cur < t->ed->products.n) {
		const struct catalog_product *cp = &t->ed->products.v[p->list.cur];
		char *title = xasprintf("%s (%s, %s)", cp->label, cp->vendor != NULL ? cp->vendor : "",
					cp->id);

		tui_put(y++, 1, lo->pane.w - 1, title, TUI_ROLE_HEADING);
		free(title);
		tui_wrap(cp->description != NULL ? cp->description : "", lo->pane.w - 2, &lines);
	} else if (p->list.n == 0)
		tui_wrap(_("The catalog has no products."), lo->pane.w - 2, &lines);
	for (size_t i = 0; i < lines.n && y < lo->pane.y + lo->pane.h - 1; i++)
		tui_put(y++, 1, lo->pane.w - 1, lines.v[i], TUI_ROLE_NORMAL);
	if (y < lo->pane.y + lo->pane.h)
		tui_put(lo->pane.y + lo->pane.h - 1, 1, lo->pane.w - 1,
			sel == 0 ? _("Space selects the product under the cursor; Tab goes on to its features.") :
			_("Tab: choose the features of the selected products."), TUI_ROLE_DIM);
	strlist_fini(&lines);
}

static void
products_item_help(struct tui *t, struct tui_text *x)
{
	struct products *p = TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products);
	const struct catalog_product *cp;

	if (p->list.n == 0 || p->list.cur >= t->ed->products.n) {
		tui_text_add(x, TUI_PARA_TEXT, _("A product of the plan that the catalog does not have: it is kept in the plan but contributes no rules."));
		return;
	}
	cp = &t->ed->products.v[p->list.cur];
	tui_text_addf(x, TUI_PARA_TEXT, "%s (%s)", cp->label, cp->id);
	if (cp->vendor != NULL)
		/* TRANSLATORS: %s is a vendor name */
		tui_text_addf(x, TUI_PARA_TEXT, _("Vendor: %s"), cp->vendor);
	if (cp->description != NULL)
		tui_text_add(x, TUI_PARA_TEXT, cp->description);
	tui_text_add(x, TUI_PARA_TEXT, _("Selecting a product turns on its usual features; change them on the Features screen."));
}

static struct tui_list *
products_list(struct tui *t)
{
	return &TUI_STATE(t, TUI_SCREEN_PRODUCTS, struct products)->list;
}

static void
products_row_text(struct tui *t, size_t i, struct sbuf *out)
{
	const char *id = row_id(t, i);
	const struct catalog_product *cp = edit_product(t->ed, id);

	sbuf_add(out, id);
	if (cp != NULL)
		sbuf_addf(out, " %s %s %s", cp->label != NULL ? cp->label : "",
			  cp->vendor != NULL ? cp->vendor : "",
			  cp->description != NULL ? cp->description : "");
}

const struct tui_screen tui_products_screen = {
	.title = N_("Products"),
	.ctx = TUI_CTX_PRODUCTS,
	.priv_size = sizeof(struct products),
	.init = products_init,
	.fini = products_fini,
	.rebuild = products_refresh,
	.handle = products_handle,
	.draw = products_draw,
	.item_help = products_item_help,
	.list = products_list,
	.row_text = products_row_text,
};
