/* review.c: screen 4, the resolved rules grouped by zone boundary, then
 * the flows that need no firewall change and the host-local ports.
 * Updated whenever a choice changed; / searches, f filters by boundary or
 * product, Enter shows every purpose and citation of a rule, w every
 * warning. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "resolve/resolve.h"
#include "tui/internal.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/width.h"

enum row_kind {
	ROW_BOUNDARY,		/* heading: a zone boundary */
	ROW_SECTION,		/* heading: no change / host-local */
	ROW_RULE,
};

struct row {
	enum row_kind kind;
	size_t idx;		/* boundary, section or rule index */
	size_t count;		/* headings: rules shown under it */
};

enum filter_kind {
	FILTER_NONE,
	FILTER_BOUNDARY,
	FILTER_PRODUCT,
};

struct review {
	struct tui_list list;
	struct row *rows;
	size_t nrows, cap;
	enum filter_kind filter;
	char *fa, *fb;		/* boundary: zones; product: fa */
	int ports_w;		/* widest "TCP 443" of the rules shown */
	size_t warnings;	/* resolution_warnings() of the resolution */
};

static void
review_fini(struct tui *t)
{
	struct review *v = TUI_STATE(t, TUI_SCREEN_REVIEW, struct review);

	free(v->rows);
	free(v->fa);
	free(v->fb);
}

static bool
is_heading(const struct tui *t, size_t i)
{
	return TUI_STATE(t, TUI_SCREEN_REVIEW, struct review)->rows[i].kind != ROW_RULE;
}

static size_t
add_row(struct review *v, enum row_kind kind, size_t idx)
{
	if (v->nrows == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 256;
		v->rows = xreallocarray(v->rows, v->cap, sizeof *v->rows);
	}
	v->rows[v->nrows].kind = kind;
	v->rows[v->nrows].idx = idx;
	v->rows[v->nrows].count = 0;
	return v->nrows++;
}

static bool
rule_has_product(const struct rule *rule, const char *product)
{
	for (size_t k = 0; k < rule->norigins; k++)
		if (strcmp(rule->origins[k]->product, product) == 0)
			return true;
	return false;
}

static bool
shown(const struct review *v, const struct rule *rule)
{
	return v->filter != FILTER_PRODUCT || rule_has_product(rule, v->fa);
}

static char *
ports_text(const struct rule *rule)
{
	char buf[32];

	if (rule->ports != NULL)
		return xasprintf("%s %s", proto_label(rule->proto, buf), rule->ports);
	return xstrdup(proto_label(rule->proto, buf));
}

/* Adds the rules FIRST..FIRST+COUNT-1 under a heading (none if empty). */
static void
add_group(struct review *v, const struct resolution *r, enum row_kind kind, size_t idx,
	  size_t first, size_t count)
{
	size_t h = v->nrows, n = 0;

	add_row(v, kind, idx);
	for (size_t i = first; i < first + count && i < r->nrules; i++)
		if (shown(v, &r->rules[i])) {
			char *p = ports_text(&r->rules[i]);
			int w = (int)text_width(p);

			if (w > v->ports_w)
				v->ports_w = w;
			free(p);
			add_row(v, ROW_RULE, i);
			n++;
		}
	if (n == 0)
		v->nrows = h;
	else
		v->rows[h].count = n;
}

static void
review_refresh(struct tui *t)
{
	struct review *v = TUI_STATE(t, TUI_SCREEN_REVIEW, struct review);
	const struct resolution *r = tui_resolution(t);
	size_t first_other;

	v->nrows = 0;
	v->ports_w = 0;
	v->list.skip = is_heading;
	if (r == NULL) {
		tui_list_reset(t, &v->list, 0);
		return;
	}
	v->warnings = resolution_warnings(r, NULL, NULL);
	for (size_t b = 0; b < r->nboundaries; b++) {
		const struct boundary *bd = &r->boundaries[b];

		if (v->filter == FILTER_BOUNDARY &&
		    (strcmp(bd->src_zone, v->fa) != 0 || strcmp(bd->dst_zone, v->fb) != 0))
			continue;
		add_group(v, r, ROW_BOUNDARY, b, bd->first, bd->count);
	}
	if (v->filter != FILTER_BOUNDARY) {
		first_other = r->count[RULE_FIREWALL];
		add_group(v, r, ROW_SECTION, RULE_NO_CHANGE, first_other, r->count[RULE_NO_CHANGE]);
		add_group(v, r, ROW_SECTION, RULE_HOST_LOCAL, first_other + r->count[RULE_NO_CHANGE],
			  r->count[RULE_HOST_LOCAL]);
	}
	tui_list_reset(t, &v->list, v->nrows);
}

/* ---- warnings ---- */

struct warning_ctx {
	struct tui_text *x;
	const struct resolution *res;
};

/* One warning as a paragraph (a resolution_warnings callback). */
static void
add_warning(void *arg, const struct warning *w)
{
	const struct warning_ctx *ctx = arg;
	struct sbuf b;

	sbuf_init(&b);
	resolution_warning_text(&b, ctx->res, w, NULL);
	tui_text_add(ctx->x, TUI_PARA_WARN, sbuf_str(&b));
	sbuf_fini(&b);
}

/* Every warning of the change request, as the exports list them. */
static void
add_warnings(struct tui_text *x, const struct resolution *r)
{
	struct warning_ctx ctx = { x, r };

	if (resolution_warnings(r, add_warning, &ctx) == 0)
		tui_text_add(x, TUI_PARA_TEXT, _("None."));
}

static unsigned
show_warnings(struct tui *t)
{
	const struct resolution *r = tui_resolution(t);
	struct tui_text x;

	if (r == NULL)
		return TUI_R_NONE;
	tui_text_init(&x);
	add_warnings(&x, r);
	tui_view_open(t, _("Warnings of the change request"), &x);
	tui_text_fini(&x);
	return TUI_R_REDRAW;
}

/* ---- a rule ---- */

static char *
end_text(const struct rule_end *e)
{
	/* TRANSLATORS: an end of a rule: label (id), zone; address */
	return xasprintf(_("%1$s (%2$s), %3$s; %4$s"), e->label, e->id, e->zone_label,
			 e->address != NULL ? e->address : _("address to be supplied"));
}

static const char *
section_title(enum rule_section s)
{
	switch (s) {
	case RULE_FIREWALL:
		return _("Firewall rule");
	case RULE_NO_CHANGE:
		return _("No firewall change (both ends in the same zone)");
	case RULE_HOST_LOCAL:
		break;
	}
	return _("Host-local ports (inside one host)");
}

static unsigned
show_rule(struct tui *t, const struct rule *rule)
{
	const struct resolution *r = t->res;
	struct tui_text x;
	char *s, *title, *p;
	size_t warn = 0;

	tui_text_init(&x);
	p = ports_text(rule);
	if (rule->section == RULE_FIREWALL)
		tui_text_addf(&x, TUI_PARA_TEXT, "%s: %s \xe2\x86\x92 %s", section_title(rule->section),
			      rule->src.zone_label, rule->dst.zone_label);
	else
		tui_text_add(&x, TUI_PARA_TEXT, section_title(rule->section));
	s = end_text(&rule->src);
	/* TRANSLATORS: the source of a rule follows */
	tui_text_addf(&x, TUI_PARA_ITEM, _("From: %s"), s);
	free(s);
	s = end_text(&rule->dst);
	/* TRANSLATORS: the destination of a rule follows */
	tui_text_addf(&x, TUI_PARA_ITEM, _("To: %s"), s);
	free(s);
	/* TRANSLATORS: protocol and ports of a rule */
	tui_text_addf(&x, TUI_PARA_ITEM, _("Opening: %s"), p);
	tui_text_add(&x, TUI_PARA_ITEM, rule->required ? _("Required by the vendor document.") :
		     _("Optional per the vendor document."));
	tui_text_add(&x, TUI_PARA_BLANK, "");
	tui_text_add(&x, TUI_PARA_TITLE, P_("Purpose and citation", "Purposes and citations",
					    rule->norigins));
	for (size_t k = 0; k < rule->norigins; k++) {
		const struct catalog_flow *f = rule->origins[k];

		tui_text_addf(&x, TUI_PARA_ITEM, "%s%s%s", f->purpose != NULL ? f->purpose : "",
			      f->required ? "" : " ", f->required ? "" : _("(optional)"));
		/* TRANSLATORS: %1$s product, %2$s flow id, %3$s its condition */
		tui_text_addf(&x, TUI_PARA_DETAIL, _("%1$s/%2$s, when: %3$s"), f->product, f->id,
			      f->cond[0] != '\0' ? f->cond : _("always"));
		/* TRANSLATORS: %1$s document, %2$s section of it */
		tui_text_addf(&x, TUI_PARA_DETAIL, _("Source: %1$s, %2$s"), f->doc != NULL ? f->doc : "",
			      f->section != NULL ? f->section : "");
		if (f->interfaces != NULL)
			/* TRANSLATORS: network interfaces named by the catalog */
			tui_text_addf(&x, TUI_PARA_DETAIL, _("Interfaces: %s"), f->interfaces);
	}
	tui_text_add(&x, TUI_PARA_BLANK, "");
	tui_text_add(&x, TUI_PARA_TITLE, _("Warnings for this rule"));
	if (rule->section == RULE_FIREWALL && rule->src.address == NULL) {
		tui_text_addf(&x, TUI_PARA_WARN, _("The source %s has no address yet: add it on Placement (3)."),
			      rule->src.label);
		warn++;
	}
	if (rule->section == RULE_FIREWALL && rule->dst.address == NULL) {
		tui_text_addf(&x, TUI_PARA_WARN, _("The destination %s has no address yet: add it on Placement (3)."),
			      rule->dst.label);
		warn++;
	}
	for (size_t k = 0; k < rule->norigins; k++) {
		const struct catalog_flow *f = rule->origins[k];

		if (f->inferred) {
			struct warning w = { .kind = WARNING_INFERRED, .rule = rule, .flow = f };
			struct sbuf b;

			sbuf_init(&b);
			resolution_warning_text(&b, r, &w, NULL);
			tui_text_add(&x, TUI_PARA_WARN, sbuf_str(&b));
			sbuf_fini(&b);
			warn++;
		}
		if (f->note != NULL && f->note[0] != '\0') {
			tui_text_add(&x, TUI_PARA_WARN, f->note);
			warn++;
		}
	}
	if (warn == 0)
		tui_text_add(&x, TUI_PARA_TEXT, _("None."));
	if (r != NULL) {
		tui_text_add(&x, TUI_PARA_BLANK, "");
		tui_text_add(&x, TUI_PARA_TITLE, _("Warnings of the change request"));
		add_warnings(&x, r);
	}
	/* TRANSLATORS: title of the rule detail view: rule id, protocol and ports */
	title = xasprintf(_("Rule %1$s: %2$s"), rule->id, p);
	tui_view_open(t, title, &x);
	free(title);
	free(p);
	tui_text_fini(&x);
	return TUI_R_REDRAW;
}

/* ---- filter ---- */

static void
set_filter(struct review *v, enum filter_kind kind, const char *a, const char *b)
{
	xfree(&v->fa);
	xfree(&v->fb);
	v->filter = kind;
	v->fa = xstrdup(a);
	v->fb = xstrdup(b);
}

static unsigned
filter_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	    const char *arg)
{
	struct review *v = TUI_STATE(t, TUI_SCREEN_REVIEW, struct review);
	const struct resolution *r = t->res;

	(void)text;
	(void)arg;
	if (answer != TUI_ANSWER_OK || r == NULL)
		return TUI_R_REDRAW;
	if (item == 0)
		set_filter(v, FILTER_NONE, NULL, NULL);
	else if (item - 1 < r->nboundaries)
		set_filter(v, FILTER_BOUNDARY, r->boundaries[item - 1].src_zone,
			   r->boundaries[item - 1].dst_zone);
	else if (item - 1 - r->nboundaries < t->s->plan->products.n)
		set_filter(v, FILTER_PRODUCT, t->s->plan->products.v[item - 1 - r->nboundaries], NULL);
	v->list.cur = 0;
	review_refresh(t);
	return TUI_R_REDRAW;
}

static unsigned
choose_filter(struct tui *t)
{
	const struct resolution *r = tui_resolution(t);
	struct strlist items;

	if (r == NULL)
		return TUI_R_NONE;
	strlist_init(&items);
	strlist_add(&items, _("All rules"));
	for (size_t b = 0; b < r->nboundaries; b++)
		/* TRANSLATORS: a zone boundary and its number of rules */
		strlist_addf(&items, _("%1$s \xe2\x86\x92 %2$s (%3$zu)"), r->boundaries[b].src_label,
			     r->boundaries[b].dst_label, r->boundaries[b].count);
	for (size_t i = 0; i < t->s->plan->products.n; i++)
		/* TRANSLATORS: a filter: only the rules of this product */
		strlist_addf(&items, _("Product: %s"),
			     resolution_product_label(r, t->s->plan->products.v[i]));
	tui_menu(t, _("Show which rules?"), &items, 0, filter_done, NULL);
	strlist_fini(&items);
	return TUI_R_REDRAW;
}

static unsigned
review_handle(struct tui *t, enum tui_action a)
{
	struct review *v = TUI_STATE(t, TUI_SCREEN_REVIEW, struct review);

	switch (a) {
	case ACT_DETAIL:
		if (v->nrows == 0 || v->rows[v->list.cur].kind != ROW_RULE || t->res == NULL)
			return TUI_R_NONE;
		return show_rule(t, &t->res->rules[v->rows[v->list.cur].idx]);
	case ACT_FILTER:
		return choose_filter(t);
	case ACT_CLEAR_FILTER:
		if (v->filter == FILTER_NONE)
			return TUI_R_NONE;
		set_filter(v, FILTER_NONE, NULL, NULL);
		review_refresh(t);
		return TUI_R_REDRAW;
	case ACT_WARNINGS:
		return show_warnings(t);
	default:
		return TUI_R_UNHANDLED;
	}
}

/* ---- drawing ---- */

static const char *
heading_text(const struct resolution *r, const struct row *row, char *buf, size_t size)
{
	if (row->kind == ROW_BOUNDARY) {
		const struct boundary *b = &r->boundaries[row->idx];

		/* TRANSLATORS: a zone boundary heading: source zone, destination zone, rules */
		snprintf(buf, size, P_("%1$s \xe2\x86\x92 %2$s: %3$zu rule",
				       "%1$s \xe2\x86\x92 %2$s: %3$zu rules", row->count),
			 b->src_label, b->dst_label, row->count);
	} else if (row->idx == RULE_NO_CHANGE)
		snprintf(buf, size, "%s: %zu", _("No firewall change (both ends in the same zone)"),
			 row->count);
	else
		snprintf(buf, size, "%s: %zu", _("Host-local ports (inside one host)"), row->count);
	return buf;
}

static void
draw_row(struct tui *t, size_t i, const struct tui_rect *line, bool cursor)
{
	struct review *v = TUI_STATE(t, TUI_SCREEN_REVIEW, struct review);
	const struct row *row = &v->rows[i];
	const struct rule *rule;
	attr_t base = cursor ? tui_attr(TUI_ROLE_CURSOR) : tui_attr(TUI_ROLE_NORMAL);
	int ew, pw = v->ports_w + 2, uw, x = line->x;
	char *p;

	if (row->kind != ROW_RULE) {
		char buf[512];

		tui_put(line->y, line->x, line->w, heading_text(t->res, row, buf, sizeof buf),
			TUI_ROLE_HEADING);
		return;
	}
	rule = &t->res->rules[row->idx];
	if (pw > line->w / 4)
		pw = line->w / 4;
	ew = (line->w - 6 - 3 - pw - 1) * 30 / 100;
	uw = line->w - 6 - ew - 3 - ew - pw - 1;
	p = ports_text(rule);
	tui_put_attr(line->y, x, 6, rule->id,
		     cursor ? base : rule->inferred ? tui_attr(TUI_ROLE_WARN) : base);
	x += 6;
	tui_put_attr(line->y, x, ew, rule->src.label, base);
	x += ew;
	tui_put_attr(line->y, x, 3, " \xe2\x86\x92 ", base);
	x += 3;
	tui_put_attr(line->y, x, ew, rule->dst.label, base);
	x += ew;
	tui_put_attr(line->y, x, 1, "", base);
	x += 1;
	tui_put_attr(line->y, x, pw, p, base | A_BOLD);
	x += pw;
	tui_put_attr(line->y, x, uw, rule->norigins > 0 ? rule->origins[0]->purpose : "",
		     cursor ? base : tui_attr(TUI_ROLE_DIM));
	free(p);
}

static void
review_draw(struct tui *t, const struct tui_layout *lo)
{
	struct review *v = TUI_STATE(t, TUI_SCREEN_REVIEW, struct review);
	const struct resolution *r = t->res;
	int y = lo->pane.y, end = lo->pane.y + lo->pane.h;
	char *s;

	if (r == NULL) {
		tui_put(lo->list.y + 1, 2, lo->list.w - 2, t->res_error, TUI_ROLE_ERROR);
		return;
	}
	if (t->s->plan->products.n == 0)
		tui_put(lo->list.y + 1, 2, lo->list.w - 2,
			_("No rules yet: select a product on Products (1)."), TUI_ROLE_WARN);
	else if (v->nrows == 0 && v->filter != FILTER_NONE)
		tui_put(lo->list.y + 1, 2, lo->list.w - 2, _("No rule matches the filter (Esc shows all)."),
			TUI_ROLE_WARN);
	else if (v->nrows == 0)
		tui_put(lo->list.y + 1, 2, lo->list.w - 2,
			_("These choices need no rules: select services and features on Features (2)."),
			TUI_ROLE_WARN);
	else
		tui_list_draw(t, &v->list, &lo->list, draw_row);
	/* the rule line: totals or the filter */
	if (v->filter == FILTER_BOUNDARY)
		/* TRANSLATORS: the review's filter: a boundary */
		s = xasprintf(_("Filter: %1$s \xe2\x86\x92 %2$s (Esc shows all rules)"),
			      resolution_zone_label(r, t->s->plan, v->fa), resolution_zone_label(r, t->s->plan, v->fb));
	else if (v->filter == FILTER_PRODUCT)
		/* TRANSLATORS: the review's filter: a product */
		s = xasprintf(_("Filter: %s (Esc shows all rules)"), resolution_product_label(r, v->fa));
	else {
		size_t w = v->warnings;

		/* TRANSLATORS: totals of the review, as "label: number" so
		   that no plural is needed: firewall rules, rules needing no
		   firewall change, host-local, warnings (the w key) */
		s = xasprintf(_("Firewall rules: %1$zu   no change: %2$zu   host-local: %3$zu   warnings (w): %4$zu"),
			      r->count[RULE_FIREWALL], r->count[RULE_NO_CHANGE], r->count[RULE_HOST_LOCAL], w);
	}
	tui_put(lo->rule.y, 0, lo->rule.w, s, TUI_ROLE_RULE);
	free(s);
	if (v->nrows == 0 || v->rows[v->list.cur].kind != ROW_RULE)
		return;
	{
		const struct rule *rule = &r->rules[v->rows[v->list.cur].idx];
		char *p = ports_text(rule);
		struct strlist lines;

		s = xasprintf("%s  %s  %s%s", rule->id, p,
			      rule->required ? _("required") : _("optional"),
			      rule->inferred ? _(", inferred") : "");
		tui_put(y++, 1, lo->pane.w - 1, s, TUI_ROLE_HEADING);
		free(s);
		free(p);
		s = end_text(&rule->src);
		p = xasprintf(_("From: %s"), s);
		tui_put(y++, 1, lo->pane.w - 1, p, TUI_ROLE_NORMAL);
		free(p);
		free(s);
		s = end_text(&rule->dst);
		p = xasprintf(_("To: %s"), s);
		if (y < end)
			tui_put(y++, 1, lo->pane.w - 1, p, TUI_ROLE_NORMAL);
		free(p);
		free(s);
		strlist_init(&lines);
		if (rule->norigins > 0)
			tui_wrap(rule->origins[0]->purpose, lo->pane.w - 2, &lines);
		for (size_t i = 0; i < lines.n && y < end - 1; i++)
			tui_put(y++, 1, lo->pane.w - 1, lines.v[i], TUI_ROLE_NORMAL);
		strlist_fini(&lines);
		if (y < end) {
			s = rule->norigins > 1 ?
				xasprintf(P_("Enter: all %zu purpose and citation", "Enter: all %zu purposes and citations",
					     rule->norigins), rule->norigins) :
				xstrdup(_("Enter: purpose, citation and warnings"));
			tui_put(end - 1, 1, lo->pane.w - 1, s, TUI_ROLE_DIM);
			free(s);
		}
	}
}

static void
review_item_help(struct tui *t, struct tui_text *x)
{
	tui_text_add(x, TUI_PARA_TEXT, _("The firewall rules the choices need, grouped by zone boundary (source zone \xe2\x86\x92 destination zone). Identical openings requested by several flows are one rule. Flows inside one zone need no firewall change; host-local ports never leave the host."));
	(void)t;
}

static struct tui_list *
review_list(struct tui *t)
{
	return &TUI_STATE(t, TUI_SCREEN_REVIEW, struct review)->list;
}

static void
review_row_text(struct tui *t, size_t i, struct sbuf *out)
{
	const struct row *row = &TUI_STATE(t, TUI_SCREEN_REVIEW, struct review)->rows[i];
	const struct rule *rule;
	char *p;

	if (row->kind != ROW_RULE || t->res == NULL)
		return;
	rule = &t->res->rules[row->idx];
	p = ports_text(rule);
	sbuf_addf(out, "%s %s %s %s %s %s %s", rule->id, rule->src.id, rule->src.label,
		  rule->dst.id, rule->dst.label, p, rule->ports != NULL ? rule->ports : "");
	for (size_t k = 0; k < rule->norigins; k++)
		sbuf_addf(out, " %s %s", rule->origins[k]->id,
			  rule->origins[k]->purpose != NULL ? rule->origins[k]->purpose : "");
	free(p);
}

const struct tui_screen tui_review_screen = {
	.title = N_("Review"),
	.ctx = TUI_CTX_REVIEW,
	.priv_size = sizeof(struct review),
	.fini = review_fini,
	.rebuild = review_refresh,
	.handle = review_handle,
	.draw = review_draw,
	.item_help = review_item_help,
	.list = review_list,
	.row_text = review_row_text,
};
