/* placement.c: screen 3, every endpoint the selection uses, with its zone
 * and addresses.  Enter chooses the zone (or defines a new one), a adds
 * addresses and host names (validated by the plan), d removes one. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "resolve/resolve.h"
#include "tui/internal.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/width.h"

struct row {
	bool heading;
	char *text;		/* heading: its text; else the endpoint id */
	size_t rules;		/* firewall rules with this endpoint */
};

struct placement {
	struct tui_list list;
	struct row *rows;
	size_t nrows, cap;
	int label_w, zone_w;	/* widest endpoint and zone of the rows */
};

static void
clear_rows(struct placement *p)
{
	for (size_t i = 0; i < p->nrows; i++)
		free(p->rows[i].text);
	p->nrows = 0;
}

static void
placement_fini(struct tui *t)
{
	struct placement *p = TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement);

	clear_rows(p);
	free(p->rows);
}

static bool
is_heading(const struct tui *t, size_t i)
{
	return TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement)->rows[i].heading;
}

static void
add_row(struct placement *p, bool heading, const char *text, size_t rules)
{
	if (p->nrows == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->rows = xreallocarray(p->rows, p->cap, sizeof *p->rows);
	}
	p->rows[p->nrows].heading = heading;
	p->rows[p->nrows].text = xstrdup(text);
	p->rows[p->nrows].rules = rules;
	p->nrows++;
}

/* Endpoint ids with their number of firewall rules, sorted by id. */
struct use {
	const char *id;
	size_t rules;
};

static int
cmp_use(const void *a, const void *b)
{
	return strcmp(((const struct use *)a)->id, ((const struct use *)b)->id);
}

static struct use *
find_use(struct use *v, size_t n, const char *id)
{
	struct use key = { id, 0 };

	return n > 0 ? bsearch(&key, v, n, sizeof *v, cmp_use) : NULL;
}

static const char *ep_label(const struct tui *t, const char *id);
static const char *ep_zone(const struct tui *t, const char *id);

static bool
placed(const struct plan *p, const char *id)
{
	const struct plan_endpoint *e = plan_endpoint(p, id);

	return e != NULL && (e->zone != NULL || e->addresses.n > 0 || e->hostnames.n > 0);
}

static void
placement_refresh(struct tui *t)
{
	struct placement *p = TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement);
	const struct resolution *r = tui_resolution(t);
	struct use *uses = NULL;
	size_t nuses = 0, k = 0;
	bool heading;

	clear_rows(p);
	p->list.skip = is_heading;
	if (r != NULL && r->nflows > 0) {
		uses = xcalloc(r->nflows * 2, sizeof *uses);
		for (size_t i = 0; i < r->nflows; i++) {
			uses[nuses++].id = r->flows[i]->from;
			uses[nuses++].id = r->flows[i]->to;
		}
		if (nuses > 1)
			qsort(uses, nuses, sizeof *uses, cmp_use);
		for (size_t i = 0; i < nuses; i++)
			if (k == 0 || strcmp(uses[k - 1].id, uses[i].id) != 0)
				uses[k++] = uses[i];
		nuses = k;
		for (size_t i = 0; i < r->nrules; i++) {
			const struct rule *rule = &r->rules[i];
			struct use *u;

			if (rule->section != RULE_FIREWALL)
				continue;
			if ((u = find_use(uses, nuses, rule->src.id)) != NULL)
				u->rules++;
			if ((u = find_use(uses, nuses, rule->dst.id)) != NULL)
				u->rules++;
		}
	}
	/* each product's own endpoints, then the shared ones */
	for (size_t pi = 0; pi <= t->ed->products.n; pi++) {
		heading = false;
		for (size_t j = t->ed->ep_first[pi]; j < t->ed->ep_first[pi + 1]; j++) {
			const struct catalog_endpoint *e = &t->ed->endpoints.v[t->ed->ep_list[j]];
			struct use *u;

			if ((u = find_use(uses, nuses, e->id)) == NULL)
				continue;
			if (!heading)
				add_row(p, true, pi < t->ed->products.n ? t->ed->products.v[pi].label :
					_("Shared peers (used by several products)"), 0);
			heading = true;
			add_row(p, false, e->id, u->rules);
		}
	}
	/* what the plan places but the choices no longer use: kept, shown */
	heading = false;
	for (size_t i = 0; i < t->s->plan->nendpoints; i++) {
		const char *id = t->s->plan->endpoints[i].id;

		if (!placed(t->s->plan, id) || find_use(uses, nuses, id) != NULL)
			continue;
		if (!heading)
			add_row(p, true, _("Placed, but not used by the current choices"), 0);
		heading = true;
		add_row(p, false, id, 0);
	}
	free(uses);
	p->label_w = p->zone_w = 0;
	for (size_t i = 0; i < p->nrows; i++) {
		const char *zone;
		int w;

		if (p->rows[i].heading)
			continue;
		w = (int)text_width(ep_label(t, p->rows[i].text));
		if (w > p->label_w)
			p->label_w = w;
		zone = ep_zone(t, p->rows[i].text);
		w = (int)text_width(zone != NULL ? edit_zone_label(t->ed, zone) : "?");
		if (w > p->zone_w)
			p->zone_w = w;
	}
	tui_list_reset(t, &p->list, p->nrows);
}

/* The endpoint under the cursor, or NULL. */
static const char *
cur_id(struct tui *t)
{
	struct placement *p = TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement);

	if (p->nrows == 0 || p->rows[p->list.cur].heading)
		return NULL;
	return p->rows[p->list.cur].text;
}

static const char *
ep_label(const struct tui *t, const char *id)
{
	const struct catalog_endpoint *e = edit_endpoint(t->ed, id);

	return e != NULL && e->label != NULL ? e->label : id;
}

static const char *
ep_zone(const struct tui *t, const char *id)
{
	return edit_endpoint_zone(t->ed, id);
}

/* ---- choosing a zone ---- */

static unsigned
place(struct tui *t, const char *ep, const char *zone)
{
	struct pp_error err;
	bool changed;
	char *label, *zl;

	if (edit_place(t->ed, ep, zone, &changed, &err) != 0) {
		tui_message(t, TUI_MSG_ERROR, "%s", err.msg);
		return TUI_R_REDRAW;
	}
	label = tui_clean(ep_label(t, ep));
	zl = tui_clean(edit_zone_label(t->ed, zone));
	/* TRANSLATORS: %1$s is an endpoint, %2$s a zone */
	tui_message(t, TUI_MSG_INFO, _("%1$s is now in %2$s."), label, zl);
	free(label);
	free(zl);
	return changed ? TUI_R_PLAN | TUI_R_REDRAW : TUI_R_REDRAW;
}

static unsigned
zone_label_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
		const char *arg)
{
	const char *nl = strchr(arg, '\n');
	struct pp_error err;
	char *ep, *zone;
	unsigned r;

	(void)item;
	if (answer != TUI_ANSWER_OK || nl == NULL)
		return TUI_R_REDRAW;
	ep = xstrndup(arg, (size_t)(nl - arg));
	zone = xstrdup(nl + 1);
	if (edit_define_zone(t->ed, zone, text, &err) != 0) {
		tui_message(t, TUI_MSG_ERROR, "%s", err.msg);
		r = TUI_R_REDRAW;
	} else
		r = place(t, ep, zone) | TUI_R_PLAN;
	free(ep);
	free(zone);
	return r;
}

static unsigned
zone_id_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	     const char *arg)
{
	struct pp_error err;
	char *next;

	(void)item;
	if (answer != TUI_ANSWER_OK)
		return TUI_R_REDRAW;
	/* a zone that exists already: place the endpoint there */
	if (text != NULL && edit_zone_known(t->ed, text))
		return place(t, arg, text);
	if (edit_check_zone_id(t->ed, text, &err) != 0) {
		tui_prompt_error(t, _("A zone id is lower-case letters, digits, '-', '_' and '.', starting with a letter (for example partner-net)."));
		return TUI_R_KEEP;
	}
	next = xasprintf("%s\n%s", arg, text);
	{
		/* TRANSLATORS: %s is a zone id */
		char *label = xasprintf(_("Name of zone %s, as the change request shows it:"), text);

		tui_prompt(t, _("New zone"), label, text, false, zone_label_done, next);
		free(label);
	}
	free(next);
	return TUI_R_REDRAW;
}

static unsigned
new_zone(struct tui *t, const char *ep)
{
	tui_prompt(t, _("New zone"), _("Id of the new zone (for example partner-net):"), "",
		   false, zone_id_done, ep);
	return TUI_R_REDRAW;
}

static unsigned
zone_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	  const char *arg)
{
	(void)text;
	if (answer != TUI_ANSWER_OK)
		return TUI_R_REDRAW;
	if (item < t->ed->zones.n)
		return place(t, arg, t->ed->zones.v[item].id);
	item -= t->ed->zones.n;
	if (item < t->s->plan->nzones) {
		char *zone = xstrdup(t->s->plan->zones[item].id);
		unsigned r = place(t, arg, zone);

		free(zone);
		return r;
	}
	return new_zone(t, arg);
}

static unsigned
choose_zone(struct tui *t, const char *ep)
{
	const struct catalog_endpoint *e = edit_endpoint(t->ed, ep);
	const char *zone = ep_zone(t, ep);
	struct strlist items;
	size_t cur = 0;
	char *title;

	strlist_init(&items);
	for (size_t i = 0; i < t->ed->zones.n; i++) {
		const char *id = t->ed->zones.v[i].id;

		if (e != NULL && e->zone != NULL && strcmp(e->zone, id) == 0)
			/* TRANSLATORS: a zone in the list of zones, the catalog's default */
			strlist_addf(&items, _("%s (default)"), edit_zone_label(t->ed, id));
		else
			strlist_add(&items, edit_zone_label(t->ed, id));
		if (zone != NULL && strcmp(zone, id) == 0)
			cur = i;
	}
	for (size_t i = 0; i < t->s->plan->nzones; i++) {
		/* TRANSLATORS: a zone the admin defined, in the list of zones */
		strlist_addf(&items, _("%s (your zone)"), edit_zone_label(t->ed, t->s->plan->zones[i].id));
		if (zone != NULL && strcmp(zone, t->s->plan->zones[i].id) == 0)
			cur = t->ed->zones.n + i;
	}
	strlist_add(&items, _("New zone..."));
	/* TRANSLATORS: %s is an endpoint */
	title = xasprintf(_("Zone of %s"), ep_label(t, ep));
	tui_menu(t, title, &items, cur, zone_done, ep);
	free(title);
	strlist_fini(&items);
	return TUI_R_REDRAW;
}

/* ---- addresses ---- */

static unsigned
address_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	     const char *arg)
{
	struct pp_error err;
	size_t n;
	char *label;

	(void)item;
	if (answer != TUI_ANSWER_OK || text == NULL)
		return TUI_R_REDRAW;
	if (edit_add_addresses(t->ed, arg, text, &n, &err) != 0) {
		tui_prompt_error(t, err.msg);
		return TUI_R_KEEP;
	}
	if (n == 0) {
		tui_prompt_error(t, _("Type an address or host name, or press Esc to cancel."));
		return TUI_R_KEEP;
	}
	label = tui_clean(ep_label(t, arg));
	/* TRANSLATORS: %s is an endpoint */
	tui_message(t, TUI_MSG_INFO, _("Added to %s."), label);
	free(label);
	return TUI_R_PLAN | TUI_R_REDRAW;
}

static unsigned
add_address(struct tui *t, const char *ep)
{
	/* TRANSLATORS: %s is an endpoint */
	char *label = xasprintf(_("IP addresses, CIDR ranges or host names of %s (several: separate them with commas):"),
				ep_label(t, ep));

	tui_prompt(t, _("Add address"), label, "", false, address_done, ep);
	free(label);
	return TUI_R_REDRAW;
}

static unsigned
remove_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	    const char *arg)
{
	const struct plan_endpoint *pe = plan_endpoint(t->s->plan, arg);
	char *addr;

	(void)text;
	if (answer != TUI_ANSWER_OK || pe == NULL)
		return TUI_R_REDRAW;
	if (item < pe->hostnames.n)
		addr = xstrdup(pe->hostnames.v[item]);
	else if (item - pe->hostnames.n < pe->addresses.n)
		addr = xstrdup(pe->addresses.v[item - pe->hostnames.n]);
	else
		return TUI_R_REDRAW;
	edit_remove_address(t->ed, arg, addr);
	/* TRANSLATORS: %s is an address */
	tui_message(t, TUI_MSG_INFO, _("Removed %s."), addr);
	free(addr);
	return TUI_R_PLAN | TUI_R_REDRAW;
}

static unsigned
remove_address(struct tui *t, const char *ep)
{
	const struct plan_endpoint *pe = plan_endpoint(t->s->plan, ep);
	struct strlist items;

	if (pe == NULL || pe->addresses.n + pe->hostnames.n == 0) {
		tui_message(t, TUI_MSG_WARN, _("This endpoint has no address to remove."));
		return TUI_R_REDRAW;
	}
	strlist_init(&items);
	for (size_t i = 0; i < pe->hostnames.n; i++)
		strlist_add(&items, pe->hostnames.v[i]);
	for (size_t i = 0; i < pe->addresses.n; i++)
		strlist_add(&items, pe->addresses.v[i]);
	tui_menu(t, _("Remove which address?"), &items, 0, remove_done, ep);
	strlist_fini(&items);
	return TUI_R_REDRAW;
}

static unsigned
placement_handle(struct tui *t, enum tui_action a)
{
	const char *ep = cur_id(t);

	switch (a) {
	case ACT_ZONE:
		return ep != NULL ? choose_zone(t, ep) : TUI_R_NONE;
	case ACT_NEW_ZONE:
		return ep != NULL ? new_zone(t, ep) : TUI_R_NONE;
	case ACT_ADD_ADDRESS:
		return ep != NULL ? add_address(t, ep) : TUI_R_NONE;
	case ACT_DEL_ADDRESS:
		return ep != NULL ? remove_address(t, ep) : TUI_R_NONE;
	default:
		return TUI_R_UNHANDLED;
	}
}

/* ---- drawing ---- */

/* Column widths (with a blank after each): endpoint, zone; the addresses
 * get the rest. */
static void
columns(const struct placement *p, int w, int *lw, int *zw)
{
	*zw = p->zone_w + 1;
	if (*zw > w * 35 / 100)
		*zw = w * 35 / 100;
	if (*zw < 6)
		*zw = 6;
	*lw = p->label_w + 1;
	if (*lw > (w - *zw) * 60 / 100)
		*lw = (w - *zw) * 60 / 100;
}

/* Caller-owned "host, 10.0.0.1" of the plan, else the catalog's FQDN. */
static char *
addresses(const struct tui *t, const char *id, bool *from_catalog)
{
	const struct plan_endpoint *pe = plan_endpoint(t->s->plan, id);
	const struct catalog_endpoint *e = edit_endpoint(t->ed, id);
	struct sbuf b;

	*from_catalog = false;
	sbuf_init(&b);
	if (pe != NULL) {
		for (size_t i = 0; i < pe->hostnames.n; i++)
			sbuf_addf(&b, "%s%s", b.len ? ", " : "", pe->hostnames.v[i]);
		for (size_t i = 0; i < pe->addresses.n; i++)
			sbuf_addf(&b, "%s%s", b.len ? ", " : "", pe->addresses.v[i]);
	}
	if (b.len == 0 && e != NULL && e->fqdn != NULL) {
		sbuf_add(&b, e->fqdn);
		*from_catalog = true;
	}
	return sbuf_take(&b);
}

static void
draw_row(struct tui *t, size_t i, const struct tui_rect *line, bool cursor)
{
	struct placement *p = TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement);
	const struct row *r = &p->rows[i];
	const struct catalog_endpoint *e;
	const char *zone;
	attr_t base = cursor ? tui_attr(TUI_ROLE_CURSOR) : tui_attr(TUI_ROLE_NORMAL);
	int lw, zw, aw;
	bool moved, cat;
	char *addr;

	if (r->heading) {
		tui_put(line->y, line->x, line->w, r->text, TUI_ROLE_HEADING);
		return;
	}
	e = edit_endpoint(t->ed, r->text);
	zone = ep_zone(t, r->text);
	moved = e == NULL || (zone != NULL && e->zone != NULL && strcmp(zone, e->zone) != 0);
	columns(p, line->w - 2, &lw, &zw);
	aw = line->w - 2 - lw - zw;
	addr = addresses(t, r->text, &cat);
	tui_put_attr(line->y, line->x, 2, "", base);
	tui_put_attr(line->y, line->x + 2, lw - 1, ep_label(t, r->text), base);
	tui_put_attr(line->y, line->x + 1 + lw, 1, "", base);
	tui_put_attr(line->y, line->x + 2 + lw, zw - 1, zone != NULL ? edit_zone_label(t->ed, zone) : "?",
		     cursor ? base : moved ? tui_attr(TUI_ROLE_ON) : base);
	tui_put_attr(line->y, line->x + 1 + lw + zw, 1, "", base);
	tui_put_attr(line->y, line->x + 2 + lw + zw, aw,
		     addr[0] != '\0' ? addr : (r->rules > 0 ? _("(no address yet)") : ""),
		     cursor ? base : cat || addr[0] == '\0' ? tui_attr(TUI_ROLE_DIM) : base);
	free(addr);
}

static void
placement_draw(struct tui *t, const struct tui_layout *lo)
{
	struct placement *p = TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement);
	const char *ep = cur_id(t);
	int y = lo->pane.y, end = lo->pane.y + lo->pane.h;
	size_t n = 0;
	char *s;

	if (t->res == NULL && t->res_error[0] != '\0')
		tui_put(lo->list.y + 1, 2, lo->list.w - 2, t->res_error, TUI_ROLE_ERROR);
	else if (p->nrows == 0)
		tui_put(lo->list.y + 1, 2, lo->list.w - 2,
			_("Nothing to place yet: select a product on Products (1)."), TUI_ROLE_WARN);
	else
		tui_list_draw(t, &p->list, &lo->list, draw_row);
	for (size_t i = 0; i < p->nrows; i++)
		n += !p->rows[i].heading;
	{
		int lw, zw;

		columns(p, lo->rule.w - 2, &lw, &zw);

		tui_put(lo->rule.y, 0, lo->rule.w, "", TUI_ROLE_RULE);
		s = xasprintf(P_("%zu endpoint", "%zu endpoints", n), n);
		tui_put(lo->rule.y, 2, lw, s, TUI_ROLE_RULE);
		free(s);
		tui_put(lo->rule.y, 2 + lw, zw, _("Zone"), TUI_ROLE_RULE);
		tui_put(lo->rule.y, 2 + lw + zw, lo->rule.w - 2 - lw - zw, _("Addresses"),
			TUI_ROLE_RULE);
	}
	if (ep == NULL)
		return;
	{
		const struct catalog_endpoint *e = edit_endpoint(t->ed, ep);
		const struct plan_endpoint *pe = plan_endpoint(t->s->plan, ep);
		const struct tui_rect *pn = &lo->pane;
		const struct row *r = &p->rows[p->list.cur];

		s = xasprintf("%s (%s)", ep_label(t, ep), ep);
		tui_put(y++, 1, pn->w - 1, s, TUI_ROLE_HEADING);
		free(s);
		if (e != NULL) {
			/* TRANSLATORS: %1$s is a zone, %2$s the catalog's default zone */
			s = xasprintf(_("Zone: %1$s (catalog default: %2$s)"),
				      edit_zone_label(t->ed, ep_zone(t, ep)), edit_zone_label(t->ed, e->zone));
		} else
			s = xasprintf(_("Not in the catalog: kept in the plan, without effect."));
		tui_put(y++, 1, pn->w - 1, s, TUI_ROLE_NORMAL);
		free(s);
		if (y < end && pe != NULL && pe->hostnames.n + pe->addresses.n > 0) {
			char *h = strlist_join(&pe->hostnames, ", "), *a = strlist_join(&pe->addresses, ", ");

			/* TRANSLATORS: %1$s host names, %2$s addresses */
			s = xasprintf(_("Host names: %1$s   Addresses: %2$s"), h[0] ? h : "-",
				      a[0] ? a : "-");
			tui_put(y++, 1, pn->w - 1, s, TUI_ROLE_NORMAL);
			free(s);
			free(h);
			free(a);
		} else if (y < end && e != NULL && e->fqdn != NULL) {
			/* TRANSLATORS: %s are host name patterns from the catalog */
			s = xasprintf(_("Host names from the catalog: %s"), e->fqdn);
			tui_put(y++, 1, pn->w - 1, s, TUI_ROLE_NORMAL);
			free(s);
		} else if (y < end && r->rules > 0)
			tui_put(y++, 1, pn->w - 1,
				_("No address yet: press a to add the addresses the firewall team needs."),
				TUI_ROLE_WARN);
		if (y < end) {
			s = xasprintf(P_("Used by %zu firewall rule.", "Used by %zu firewall rules.",
					 r->rules), r->rules);
			tui_put(y++, 1, pn->w - 1, s, TUI_ROLE_NORMAL);
			free(s);
		}
		if (y < end)
			tui_put(end - 1, 1, pn->w - 1,
				_("Enter: choose the zone   a: add an address   d: remove one   +: new zone"),
				TUI_ROLE_DIM);
	}
}

static void
placement_item_help(struct tui *t, struct tui_text *x)
{
	const char *ep = cur_id(t);
	const struct catalog_endpoint *e;

	tui_text_add(x, TUI_PARA_TEXT, _("Every server and peer that the chosen products and features talk to, with its zone. A flow between two zones needs a firewall rule; a flow inside one zone does not."));
	if (ep == NULL)
		return;
	e = edit_endpoint(t->ed, ep);
	tui_text_addf(x, TUI_PARA_TEXT, "%s (%s)", ep_label(t, ep), ep);
	if (e != NULL) {
		tui_text_addf(x, TUI_PARA_ITEM, _("Zone: %1$s (catalog default: %2$s)"),
			      edit_zone_label(t->ed, ep_zone(t, ep)), edit_zone_label(t->ed, e->zone));
		if (e->product != NULL) {
			const struct catalog_product *cp = edit_product(t->ed, e->product);

			/* TRANSLATORS: %s is a product */
			tui_text_addf(x, TUI_PARA_ITEM, _("Part of %s."),
				      cp != NULL ? cp->label : e->product);
		} else
			tui_text_add(x, TUI_PARA_ITEM, _("Shared by several products."));
		if (e->fqdn != NULL)
			tui_text_addf(x, TUI_PARA_ITEM, _("Host names from the catalog: %s"), e->fqdn);
	}
}

static struct tui_list *
placement_list(struct tui *t)
{
	return &TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement)->list;
}

static void
placement_row_text(struct tui *t, size_t i, struct sbuf *out)
{
	const struct row *r = &TUI_STATE(t, TUI_SCREEN_PLACEMENT, struct placement)->rows[i];
	const char *zone;
	bool cat;
	char *addr;

	if (r->heading)
		return;
	zone = ep_zone(t, r->text);
	addr = addresses(t, r->text, &cat);
	sbuf_addf(out, "%s %s %s %s", r->text, ep_label(t, r->text),
		  zone != NULL ? edit_zone_label(t->ed, zone) : "", addr);
	free(addr);
}

const struct tui_screen tui_placement_screen = {
	.title = N_("Placement"),
	.ctx = TUI_CTX_PLACEMENT,
	.priv_size = sizeof(struct placement),
	.fini = placement_fini,
	.rebuild = placement_refresh,
	.handle = placement_handle,
	.draw = placement_draw,
	.item_help = placement_item_help,
	.list = placement_list,
	.row_text = placement_row_text,
};
