/* diff.c: the delta change request between two plans (two resolutions
 * over the same catalog): rules to add, rules to remove, rules changed.
 *
 * Rules are matched by rule_key() (source and destination endpoint,
 * protocol, ports).  A matched rule has changed when what the firewall
 * team or the approver sees differs: its zones (boundary), its addresses,
 * its purposes, its citations, or whether it is required. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "util/i18n.h"
#include "util/netspec.h"

enum change_kind { CHANGE_ADD, CHANGE_REMOVE, CHANGE_CHANGE };

static const char *const change_names[] = {	/* machine names (CSV) */
	[CHANGE_ADD] = "add",
	[CHANGE_REMOVE] = "remove",
	[CHANGE_CHANGE] = "change",
};

enum aspect {
	ASPECT_ZONES,
	ASPECT_SRC_ADDRESS,
	ASPECT_DST_ADDRESS,
	ASPECT_PURPOSE,
	ASPECT_REFERENCE,
	ASPECT_REQUIRED,
	ASPECT_COUNT
};

static const char *const aspect_names[] = {
	/* TRANSLATORS: what changed about a rule (delta change request) */
	[ASPECT_ZONES] = N_("Zones"),
	[ASPECT_SRC_ADDRESS] = N_("Source address"),
	[ASPECT_DST_ADDRESS] = N_("Destination address"),
	[ASPECT_PURPOSE] = N_("Purpose"),
	[ASPECT_REFERENCE] = N_("Reference"),
	[ASPECT_REQUIRED] = N_("Required"),
};

struct item {
	enum change_kind kind;
	const struct rule *old, *new;	/* NULL on the side it is absent */
	unsigned aspects;		/* CHANGE: bit per enum aspect */
};

struct keyed {
	char *key;
	const struct rule *rule;
};

static int
cmp_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static struct keyed *
keyed_rules(const struct resolution *r)
{
	struct keyed *v = xcalloc(r->nrules > 0 ? r->nrules : 1, sizeof *v);

	for (size_t i = 0; i < r->nrules; i++) {
		v[i].key = rule_key(&r->rules[i]);
		v[i].rule = &r->rules[i];
	}
	if (r->nrules > 1)
		qsort(v, r->nrules, sizeof *v, cmp_keyed);
	return v;
}

static void
keyed_free(struct keyed *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

static const struct rule *
find_rule(const struct keyed *v, size_t n, const struct rule *rule)
{
	struct keyed key, *hit;

	key.key = rule_key(rule);
	key.rule = NULL;
	hit = bsearch(&key, v, n, sizeof *v, cmp_keyed);
	free(key.key);
	return hit != NULL ? hit->rule : NULL;
}

/* ---- what a rule shows ------------------------------------------------ */

/* The rule's boundary for people: "Internal network → DMZ".  Caller-owned. */
static char *
boundary_text(const struct rule *rule)
{
	switch (rule->section) {
	case RULE_FIREWALL:
		return xasprintf("%s → %s", rule->src.zone_label, rule->dst.zone_label);
	case RULE_NO_CHANGE:
		/* TRANSLATORS: %s is a zone; both ends of the rule are in it */
		return xasprintf(_("%s (no firewall change)"), rule->src.zone_label);
	case RULE_HOST_LOCAL:
		break;
	}
	return xstrdup(_("host-local (inside one host)"));
}

/* One line per origin of RULE, "\n"-joined.  Caller-owned. */
static char *
origins_text(const struct rule *rule, enum aspect what)
{
	struct sbuf b;

	sbuf_init(&b);
	for (size_t i = 0; i < rule->norigins; i++) {
		const struct catalog_flow *f = rule->origins[i];

		if (i > 0)
			sbuf_addc(&b, '\n');
		if (what == ASPECT_PURPOSE) {
			sbuf_add(&b, f->purpose != NULL ? f->purpose : "");
		} else {
			sbuf_addf(&b, "%s, %s (%s/%s)", f->doc != NULL ? f->doc : "",
				  f->section != NULL ? f->section : "", f->product, f->id);
			if (f->inferred) {
				sbuf_addc(&b, ' ');
				/* TRANSLATORS: marks a flow not stated by the vendor document */
				sbuf_add(&b, _("(inferred)"));
			}
		}
	}
	return sbuf_take(&b);
}

/* What RULE shows for WHAT, for people.  Caller-owned. */
static char *
aspect_value(const struct rule *rule, enum aspect what)
{
	switch (what) {
	case ASPECT_ZONES:
		return boundary_text(rule);
	case ASPECT_SRC_ADDRESS:
	case ASPECT_DST_ADDRESS: {
		const struct rule_end *e = what == ASPECT_SRC_ADDRESS ? &rule->src : &rule->dst;

		return e->address != NULL ? xstrdup(e->address) :
			/* TRANSLATORS: an endpoint the plan gives no address */
			xstrdup(_("to be supplied"));
	}
	case ASPECT_PURPOSE:
	case ASPECT_REFERENCE:
		return origins_text(rule, what);
	case ASPECT_REQUIRED:
		return xstrdup(rule->required ? _("yes") : _("no"));
	case ASPECT_COUNT:
		break;
	}
	return xstrdup("");
}

static bool
str_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

static unsigned
rule_changes(const struct rule *a, const struct rule *b)
{
	/* inside one host, zones and addresses concern no firewall */
	bool local = a->section == RULE_HOST_LOCAL && b->section == RULE_HOST_LOCAL;
	unsigned m = 0;

	if (!local && (a->section != b->section || strcmp(a->src.zone, b->src.zone) != 0 ||
		       strcmp(a->dst.zone, b->dst.zone) != 0))
		m |= 1u << ASPECT_ZONES;
	if (!local && str_differs(a->src.address, b->src.address))
		m |= 1u << ASPECT_SRC_ADDRESS;
	if (!local && str_differs(a->dst.address, b->dst.address))
		m |= 1u << ASPECT_DST_ADDRESS;
	for (int w = ASPECT_PURPOSE; w <= ASPECT_REFERENCE; w++) {
		char *x = origins_text(a, (enum aspect)w), *y = origins_text(b, (enum aspect)w);

		if (strcmp(x, y) != 0)
			m |= 1u << w;
		free(x);
		free(y);
	}
	if (a->required != b->required)
		m |= 1u << ASPECT_REQUIRED;
	return m;
}

/* Items in a fixed order: additions and changes in the new request's
 * order, then removals in the old request's order. */
static struct item *
compute(const struct resolution *o, const struct resolution *n, size_t *count,
	size_t *unchanged)
{
	struct keyed *ko = keyed_rules(o), *kn = keyed_rules(n);
	struct item *v = xcalloc(o->nrules + n->nrules + 1, sizeof *v);
	size_t cnt = 0;

	*unchanged = 0;
	for (size_t i = 0; i < n->nrules; i++) {
		const struct rule *nr = &n->rules[i];
		const struct rule *or = find_rule(ko, o->nrules, nr);
		unsigned m;

		if (or == NULL) {
			v[cnt].kind = CHANGE_ADD;
			v[cnt].new = nr;
			cnt++;
			continue;
		}
		m = rule_changes(or, nr);
		if (m == 0) {
			(*unchanged)++;
			continue;
		}
		v[cnt].kind = CHANGE_CHANGE;
		v[cnt].old = or;
		v[cnt].new = nr;
		v[cnt].aspects = m;
		cnt++;
	}
	for (size_t i = 0; i < o->nrules; i++) {
		const struct rule *or = &o->rules[i];

		if (find_rule(kn, n->nrules, or) != NULL)
			continue;
		v[cnt].kind = CHANGE_REMOVE;
		v[cnt].old = or;
		cnt++;
	}
	keyed_free(ko, o->nrules);
	keyed_free(kn, n->nrules);
	*count = cnt;
	return v;
}

/* ---- CSV -------------------------------------------------------------- */

/* The CSV export of a one-rule request, without its header line: the
 * columns stay those of the CSV export, whatever it becomes. */
static int
csv_rule_row(struct sbuf *out, const char *change, const struct rule *rule,
	     struct pp_error *err)
{
	struct resolution one;
	struct rule copy = *rule;
	struct export_input in;
	struct sbuf tmp;
	const char *row;

	memset(&one, 0, sizeof one);
	one.rules = &copy;
	one.nrules = 1;
	memset(&in, 0, sizeof in);
	in.res = &one;
	sbuf_init(&tmp);
	if (export_csv(&in, &tmp, err) != 0) {
		sbuf_fini(&tmp);
		return -1;
	}
	row = strstr(sbuf_str(&tmp), "\r\n");
	export_csv_field(out, change, 0);
	sbuf_addc(out, ',');
	sbuf_add(out, row != NULL ? row + 2 : "");
	sbuf_fini(&tmp);
	return 0;
}

static int
diff_csv(const struct item *v, size_t n, struct sbuf *out, struct pp_error *err)
{
	struct resolution none;
	struct export_input in;
	struct sbuf head;
	const char *end;

	/* the header: "change," and the CSV export's */
	memset(&none, 0, sizeof none);
	memset(&in, 0, sizeof in);
	in.res = &none;
	sbuf_init(&head);
	if (export_csv(&in, &head, err) != 0) {
		sbuf_fini(&head);
		return -1;
	}
	end = strstr(sbuf_str(&head), "\r\n");
	sbuf_add(out, "change,");
	sbuf_addn(out, sbuf_str(&head), end != NULL ? (size_t)(end - head.s) : head.len);
	sbuf_add(out, "\r\n");
	sbuf_fini(&head);
	for (size_t i = 0; i < n; i++)
		if (csv_rule_row(out, change_names[v[i].kind],
				 v[i].new != NULL ? v[i].new : v[i].old, err) != 0)
			return -1;
	return 0;
}

/* ---- Markdown --------------------------------------------------------- */

/* A "\n"-separated value in one cell, lines joined with <br>. */
static void
md_lines(struct sbuf *out, const char *s)
{
	char *copy = xstrdup(s), *line = copy, *nl;

	if (*s == '\0') {
		sbuf_add(out, "–");
		free(copy);
		return;
	}
	for (;;) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		export_md_cell(out, line);
		if (nl == NULL)
			break;
		sbuf_add(out, "<br>");
		line = nl + 1;
	}
	free(copy);
}

static void
md_end(struct sbuf *out, const struct rule_end *e, bool with_address)
{
	export_md_cell(out, e->label);
	sbuf_add(out, " (");
	export_md_cell(out, e->id);
	sbuf_add(out, ")");
	if (!with_address)
		return;
	sbuf_add(out, "<br>");
	if (e->address != NULL)
		export_md_cell(out, e->address);
	else
		/* TRANSLATORS: shown when the plan gives an endpoint no address */
		sbuf_add(out, _("**address to be supplied**"));
}

static void
md_opening(struct sbuf *out, const struct rule *rule, bool with_address)
{
	char buf[32];

	md_end(out, &rule->src, with_address);
	sbuf_add(out, " | ");
	md_end(out, &rule->dst, with_address);
	sbuf_add(out, " | ");
	sbuf_add(out, proto_label(rule->proto, buf));
	sbuf_add(out, " | ");
	sbuf_add(out, rule->ports != NULL ? rule->ports : "–");
}

static void
md_rules(struct sbuf *out, const struct item *v, size_t n, enum change_kind kind)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		const struct rule *rule;
		char *s;

		if (v[i].kind != kind)
			continue;
		rule = kind == CHANGE_REMOVE ? v[i].old : v[i].new;
		if (!any)
			sbuf_addf(out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n"
				  "|---|---|---|---|---|---|---|---|\n",
				  /* TRANSLATORS: column headings of a rule table */
				  _("Rule"), _("Boundary"), _("Source"), _("Destination"),
				  _("Protocol"), _("Ports"), _("Purpose"), _("Reference"));
		any = true;
		sbuf_addf(out, "| %s | ", rule->id);
		s = boundary_text(rule);
		export_md_cell(out, s);
		free(s);
		sbuf_add(out, " | ");
		md_opening(out, rule, true);
		sbuf_add(out, " | ");
		s = origins_text(rule, ASPECT_PURPOSE);
		md_lines(out, s);
		free(s);
		sbuf_add(out, " | ");
		s = origins_text(rule, ASPECT_REFERENCE);
		md_lines(out, s);
		free(s);
		sbuf_add(out, " |\n");
	}
	if (!any) {
		sbuf_add(out, _("None."));
		sbuf_addc(out, '\n');
	}
}

static void
md_changed(struct sbuf *out, const struct item *v, size_t n)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (v[i].kind != CHANGE_CHANGE)
			continue;
		if (!any)
			sbuf_addf(out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n"
				  "|---|---|---|---|---|---|---|---|\n",
				  _("Rule"), _("Source"), _("Destination"), _("Protocol"),
				  /* TRANSLATORS: column headings of the changed-rules table */
				  _("Ports"), _("Change"), _("Before"), _("After"));
		any = true;
		for (int w = 0; w < ASPECT_COUNT; w++) {
			char *before, *after;

			if (!(v[i].aspects & (1u << w)))
				continue;
			before = aspect_value(v[i].old, (enum aspect)w);
			after = aspect_value(v[i].new, (enum aspect)w);
			sbuf_addf(out, "| %s | ", v[i].new->id);
			md_opening(out, v[i].new, false);
			sbuf_add(out, " | ");
			sbuf_add(out, _(aspect_names[w]));
			sbuf_add(out, " | ");
			md_lines(out, before);
			sbuf_add(out, " | ");
			md_lines(out, after);
			sbuf_add(out, " |\n");
			free(before);
			free(after);
		}
	}
	if (!any) {
		sbuf_add(out, _("None."));
		sbuf_addc(out, '\n');
	}
}

static void
md_meta_row(struct sbuf *out, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	sbuf_add(out, "| ");
	sbuf_add(out, name);
	sbuf_add(out, " | ");
	export_md_cell(out, value);
	sbuf_add(out, " |\n");
}

static void
md_bullet(struct sbuf *out, char *text)
{
	sbuf_add(out, "- ");
	export_md_cell(out, text);
	sbuf_addc(out, '\n');
	free(text);
}

/* The zone an endpoint is in under plan P: its placement, else the
 * catalog's default.  Borrowed. */
static const char *
endpoint_zone(const struct resolution *r, const struct plan *p, const char *id)
{
	const struct plan_endpoint *pe = plan_endpoint(p, id);
	const struct catalog_endpoint *ce;

	if (pe != NULL && pe->zone != NULL)
		return pe->zone;
	ce = resolution_endpoint(r, id);
	return ce != NULL ? ce->zone : NULL;
}

static void
md_list_changes(struct sbuf *out, const struct strlist *a, const struct strlist *b,
		const char *fmt, const char *owner)
{
	/* what B has and A has not */
	for (size_t i = 0; i < b->n; i++)
		if (!strlist_contains(a, b->v[i]))
			md_bullet(out, owner != NULL ? xasprintf(fmt, owner, b->v[i]) :
				  xasprintf(fmt, b->v[i]));
}

/* What the admin changed between the plans, so that the approver sees why
 * the rules changed. */
static void
md_plan_changes(struct sbuf *out, const struct export_input *o,
		const struct export_input *n)
{
	const struct plan *po = o->plan, *pn = n->plan;
	size_t start;
	struct strlist ids;

	sbuf_addf(out, "\n## %s\n\n", _("Plan changes"));
	start = out->len;
	md_list_changes(out, &po->products, &pn->products, _("Product added: %s"), NULL);
	md_list_changes(out, &pn->products, &po->products, _("Product removed: %s"), NULL);
	for (int pass = 0; pass < 2; pass++) {
		const struct plan *a = pass == 0 ? po : pn, *b = pass == 0 ? pn : po;

		for (size_t i = 0; i < b->nfeatures; i++) {
			const struct plan_feature *f = &b->features[i];

			if (plan_has_feature(a, f->product, f->id))
				continue;
			md_bullet(out, xasprintf(pass == 0 ?
						 /* TRANSLATORS: %1$s is a feature, %2$s its product */
						 _("Feature turned on: %1$s (%2$s)") :
						 _("Feature turned off: %1$s (%2$s)"),
						 f->id, f->product));
		}
		for (size_t i = 0; i < b->nzones; i++)
			if (plan_zone(a, b->zones[i].id) == NULL)
				md_bullet(out, pass == 0 ?
					  xasprintf(_("Zone defined: %1$s (%2$s)"), b->zones[i].id,
						    b->zones[i].label != NULL ? b->zones[i].label : b->zones[i].id) :
					  xasprintf(_("Zone removed: %s"), b->zones[i].id));
	}
	/* endpoints named by either plan, in id order */
	strlist_init(&ids);
	for (size_t i = 0; i < po->nendpoints; i++)
		strlist_add_unique(&ids, po->endpoints[i].id);
	for (size_t i = 0; i < pn->nendpoints; i++)
		strlist_add_unique(&ids, pn->endpoints[i].id);
	strlist_sort(&ids);
	for (size_t i = 0; i < ids.n; i++) {
		const char *id = ids.v[i];
		const char *zo = endpoint_zone(o->res, po, id), *zn = endpoint_zone(n->res, pn, id);
		const struct plan_endpoint *eo = plan_endpoint(po, id), *en = plan_endpoint(pn, id);
		struct strlist ao, an;

		if (str_differs(zo, zn))
			md_bullet(out, xasprintf(_("Endpoint %1$s moved from zone %2$s to zone %3$s"),
						 id, zo != NULL ? zo : "–", zn != NULL ? zn : "–"));
		strlist_init(&ao);
		strlist_init(&an);
		if (eo != NULL) {
			strlist_copy(&ao, &eo->hostnames);
			strlist_copy(&ao, &eo->addresses);
		}
		if (en != NULL) {
			strlist_copy(&an, &en->hostnames);
			strlist_copy(&an, &en->addresses);
		}
		md_list_changes(out, &ao, &an, _("Endpoint %1$s: address added: %2$s"), id);
		md_list_changes(out, &an, &ao, _("Endpoint %1$s: address removed: %2$s"), id);
		strlist_fini(&ao);
		strlist_fini(&an);
	}
	strlist_fini(&ids);
	if (out->len == start) {
		sbuf_add(out, _("None."));
		sbuf_addc(out, '\n');
	}
}

static void
md_warnings(struct sbuf *out, const struct export_input *n, const struct strlist *notes)
{
	size_t start;

	sbuf_addf(out, "\n## %s\n\n", _("Warnings"));
	start = out->len;
	for (size_t i = 0; notes != NULL && i < notes->n; i++)
		md_bullet(out, xstrdup(notes->v[i]));
	for (size_t i = 0; i < n->res->problems.n; i++)
		md_bullet(out, xstrdup(n->res->problems.v[i]));
	if (out->len == start) {
		sbuf_add(out, _("None."));
		sbuf_addc(out, '\n');
	}
}

static int
diff_markdown(const struct export_input *o, const struct export_input *n,
	      const struct strlist *notes, const struct item *v, size_t cnt,
	      size_t unchanged, struct sbuf *out)
{
	const struct plan *p = n->plan, *po = o->plan;
	const char *lang = n->catalog_lang;
	size_t count[3] = { 0, 0, 0 };
	char num[32];

	for (size_t i = 0; i < cnt; i++)
		count[v[i].kind]++;
	sbuf_add(out, "# ");
	/* TRANSLATORS: title of a delta change request; the plan's title follows */
	sbuf_add(out, _("Firewall change request (changes)"));
	if (p->meta.title != NULL) {
		sbuf_add(out, ": ");
		export_md_cell(out, p->meta.title);
	}
	sbuf_add(out, "\n\n");
	sbuf_addf(out, "| %s | %s |\n|---|---|\n", _("Field"), _("Value"));
	md_meta_row(out, _("Change ID"), p->meta.change_id);
	md_meta_row(out, _("Requester"), p->meta.requester);
	md_meta_row(out, _("Implementation window"), p->meta.window);
	/* TRANSLATORS: the earlier plan this request is compared with */
	md_meta_row(out, _("Previous title"), po->meta.title);
	md_meta_row(out, _("Previous change ID"), po->meta.change_id);
	{
		struct sbuf prods;

		sbuf_init(&prods);
		for (size_t i = 0; i < p->products.n; i++) {
			if (i > 0)
				sbuf_add(&prods, ", ");
			sbuf_add(&prods, resolution_product_label(n->res, p->products.v[i]));
		}
		md_meta_row(out, _("Products"), sbuf_str(&prods));
		sbuf_fini(&prods);
	}
	md_meta_row(out, _("Generated by"), PACKAGE_STRING);
	if (p->meta.notes != NULL) {
		sbuf_addc(out, '\n');
		export_md_cell(out, p->meta.notes);
		sbuf_addc(out, '\n');
	}

	sbuf_addf(out, "\n## %s\n\n", _("Summary"));
	/* TRANSLATORS: %s is a count, grouped for the language (71.057) */
	sbuf_addf(out, P_("%s rule to add", "%s rules to add", count[CHANGE_ADD]),
		  export_count(num, count[CHANGE_ADD], lang));
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s rule to remove", "%s rules to remove", count[CHANGE_REMOVE]),
		  export_count(num, count[CHANGE_REMOVE], lang));
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s rule changed", "%s rules changed", count[CHANGE_CHANGE]),
		  export_count(num, count[CHANGE_CHANGE], lang));
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s rule unchanged", "%s rules unchanged", unchanged),
		  export_count(num, unchanged, lang));
	sbuf_add(out, ".\n");

	sbuf_addf(out, "\n## %s\n\n", _("Rules to add"));
	md_rules(out, v, cnt, CHANGE_ADD);
	sbuf_addf(out, "\n## %s\n\n", _("Rules to remove"));
	md_rules(out, v, cnt, CHANGE_REMOVE);
	sbuf_addf(out, "\n## %s\n\n", _("Rules changed"));
	md_changed(out, v, cnt);

	md_plan_changes(out, o, n);
	md_warnings(out, n, notes);

	sbuf_addf(out, "\n## %s\n\n", _("Approval"));
	sbuf_addf(out, "| %s | %s | %s | %s |\n|---|---|---|---|\n",
		  _("Role"), _("Name"), _("Signature"), _("Date"));
	sbuf_addf(out, "| %s | | | |\n", _("Requester"));
	sbuf_addf(out, "| %s | | | |\n", _("Security review"));
	sbuf_addf(out, "| %s | | | |\n", _("Firewall team"));
	return 0;
}

int
export_diff(const char *format, const struct export_input *old_in,
	    const struct export_input *new_in, const struct strlist *notes,
	    struct sbuf *out, struct pp_error *err)
{
	struct item *v;
	size_t n, unchanged;
	int rc;

	if (strcmp(format, "md") != 0 && strcmp(format, "csv") != 0) {
		error_set(err, NULL, 0, _("unknown format \"%s\" (use md or csv)"), format);
		return -1;
	}
	v = compute(old_in->res, new_in->res, &n, &unchanged);
	if (strcmp(format, "csv") == 0)
		rc = diff_csv(v, n, out, err);
	else
		rc = diff_markdown(old_in, new_in, notes, v, n, unchanged, out);
	free(v);
	return rc;
}
