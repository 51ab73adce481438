/* delta.c: two resolutions (and their plans) -> rules added, removed and
 * changed, and the plan changes behind them. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "plan/plan.h"
#include "resolve/delta.h"
#include "resolve/resolve.h"
#include "util/i18n.h"

static const char *const kind_names[] = {	/* machine names (CSV) */
	[DELTA_ADD] = "add",
	[DELTA_REMOVE] = "remove",
	[DELTA_CHANGE] = "change",
};

static const char *const field_labels[] = {
	/* TRANSLATORS: what changed about a rule (delta change request) */
	[DELTA_SRC_ADDRESS] = N_("Source address"),
	[DELTA_DST_ADDRESS] = N_("Destination address"),
	[DELTA_PURPOSE] = N_("Purpose"),
	[DELTA_CITATION] = N_("Reference"),
	[DELTA_REQUIRED] = N_("Required"),
	[DELTA_LIFECYCLE] = N_("Owner, justification, expiry"),
	[DELTA_FIREWALLS] = N_("Firewalls"),
};

const char *
delta_kind_name(enum delta_kind kind)
{
	return kind < DELTA_NKINDS ? kind_names[kind] : "";
}

const char *
delta_field_label(enum delta_field field)
{
	return field < DELTA_NFIELDS ? _(field_labels[field]) : "";
}

void
delta_init(struct delta *d)
{
	memset(d, 0, sizeof *d);
	strlist_init(&d->notes);
}

void
delta_fini(struct delta *d)
{
	free(d->rules);
	free(d->changes);
	strlist_fini(&d->notes);
	delta_init(d);
}

/* ---- rules ------------------------------------------------------------ */

struct keyed {
	char *key;
	const struct rule *rule;
};

static int
cmp_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* R's rules sorted by rule_key().  Caller-owned; free with keyed_free. */
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

/* The rule of V with the opening of RULE; borrowed, NULL if none. */
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

/* NULL and "" are the same text. */
static bool
text_differs(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") != 0;
}

/* NULL is no address, unlike "". */
static bool
str_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* Whether the origins of A and B differ in WHAT (purpose or citation),
 * origin by origin. */
static bool
origins_differ(const struct rule *a, const struct rule *b, enum delta_field what)
{
	if (a->norigins != b->norigins)
		return true;
	for (size_t i = 0; i < a->norigins; i++) {
		const struct catalog_flow *x = a->origins[i], *y = b->origins[i];

		if (what == DELTA_PURPOSE) {
			if (text_differs(x->purpose, y->purpose))
				return true;
		} else if (text_differs(x->doc, y->doc) || text_differs(x->section, y->section) ||
			   strcmp(x->product, y->product) != 0 || strcmp(x->id, y->id) != 0 ||
			   x->inferred != y->inferred) {
			return true;
		}
	}
	return false;
}

static unsigned
rule_changes(const struct rule *a, const struct rule *b)
{
	bool local = a->section == RULE_HOST_LOCAL && b->section == RULE_HOST_LOCAL;
	unsigned m = 0;

	if (!local && str_differs(a->src.address, b->src.address))
		m |= 1u << DELTA_SRC_ADDRESS;
	if (!local && str_differs(a->dst.address, b->dst.address))
		m |= 1u << DELTA_DST_ADDRESS;
	if (origins_differ(a, b, DELTA_PURPOSE))
		m |= 1u << DELTA_PURPOSE;
	if (origins_differ(a, b, DELTA_CITATION))
		m |= 1u << DELTA_CITATION;
	if (a->required != b->required)
		m |= 1u << DELTA_REQUIRED;
	if (str_differs(a->life.owner, b->life.owner) ||
	    str_differs(a->life.justification, b->life.justification) ||
	    str_differs(a->life.expiry, b->life.expiry) ||
	    str_differs(a->life.excluded, b->life.excluded))
		m |= 1u << DELTA_LIFECYCLE;
	if (a->nfirewalls != b->nfirewalls)
		m |= 1u << DELTA_FIREWALLS;
	else
		for (size_t i = 0; i < a->nfirewalls; i++)
			if (strcmp(a->firewalls[i], b->firewalls[i]) != 0)
				m |= 1u << DELTA_FIREWALLS;
	return m;
}

static void
add_rule(struct delta *d, enum delta_kind kind, const struct rule *old,
	 const struct rule *new, unsigned fields)
{
	struct delta_rule *x = &d->rules[d->nrules++];

	x->kind = kind;
	x->old = old;
	x->new = new;
	x->fields = fields;
	d->count[kind]++;
}

static void
compute_rules(struct delta *d)
{
	const struct resolution *o = d->old, *n = d->new;
	struct keyed *ko = keyed_rules(o), *kn = keyed_rules(n);

	d->rules = xcalloc(o->nrules + n->nrules + 1, sizeof *d->rules);
	for (size_t i = 0; i < n->nrules; i++) {
		const struct rule *nr = &n->rules[i];
		const struct rule *or = find_rule(ko, o->nrules, nr);
		unsigned m;

		if (or == NULL) {
			add_rule(d, DELTA_ADD, NULL, nr, 0);
			continue;
		}
		m = rule_changes(or, nr);
		if (m == 0)
			d->unchanged++;
		else
			add_rule(d, DELTA_CHANGE, or, nr, m);
	}
	for (size_t i = 0; i < o->nrules; i++)
		if (find_rule(kn, n->nrules, &o->rules[i]) == NULL)
			add_rule(d, DELTA_REMOVE, &o->rules[i], NULL, 0);
	keyed_free(ko, o->nrules);
	keyed_free(kn, n->nrules);
}

/* ---- plan changes ----------------------------------------------------- */

static void
add_change(struct delta *d, size_t *cap, enum delta_plan_kind kind, const char *id,
	   const char *a, const char *b)
{
	struct delta_plan_change *c;

	if (d->nchanges == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		d->changes = xreallocarray(d->changes, *cap, sizeof *d->changes);
	}
	c = &d->changes[d->nchanges++];
	c->kind = kind;
	c->id = id;
	c->a = a;
	c->b = b;
}

/* The zone an endpoint is in under plan P: its placement, else the
 * catalog's default.  Borrowed; NULL if neither knows it. */
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

static bool
has_address(const struct plan_endpoint *e, const char *s)
{
	return e != NULL && (strlist_contains(&e->hostnames, s) ||
			     strlist_contains(&e->addresses, s));
}

/* The host names and addresses of B that A lacks, as KIND. */
static void
address_changes(struct delta *d, size_t *cap, enum delta_plan_kind kind, const char *id,
		const struct plan_endpoint *a, const struct plan_endpoint *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->hostnames.n; i++)
		if (!has_address(a, b->hostnames.v[i]))
			add_change(d, cap, kind, id, b->hostnames.v[i], NULL);
	for (size_t i = 0; i < b->addresses.n; i++)
		if (!has_address(a, b->addresses.v[i]))
			add_change(d, cap, kind, id, b->addresses.v[i], NULL);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
compute_plan_changes(struct delta *d)
{
	const struct plan *po = d->old_plan, *pn = d->new_plan;
	const char **ids;
	size_t cap = 0, nids = 0;

	for (size_t i = 0; i < pn->products.n; i++)
		if (!strlist_contains(&po->products, pn->products.v[i]))
			add_change(d, &cap, DELTA_PRODUCT_ADDED, pn->products.v[i], NULL, NULL);
	for (size_t i = 0; i < po->products.n; i++)
		if (!strlist_contains(&pn->products, po->products.v[i]))
			add_change(d, &cap, DELTA_PRODUCT_REMOVED, po->products.v[i], NULL, NULL);
	for (int pass = 0; pass < 2; pass++) {
		/* what B has and A has not */
		const struct plan *a = pass == 0 ? po : pn, *b = pass == 0 ? pn : po;

		for (size_t i = 0; i < b->nfeatures; i++) {
			const struct plan_feature *f = &b->features[i];

			if (!plan_has_feature(a, f->product, f->id))
				add_change(d, &cap, pass == 0 ? DELTA_FEATURE_ON : DELTA_FEATURE_OFF,
					   f->id, f->product, NULL);
		}
		for (size_t i = 0; i < b->nzones; i++) {
			const struct plan_zone *z = &b->zones[i];

			if (plan_zone(a, z->id) != NULL)
				continue;
			if (pass == 0)
				add_change(d, &cap, DELTA_ZONE_DEFINED, z->id,
					   z->label != NULL ? z->label : z->id, NULL);
			else
				add_change(d, &cap, DELTA_ZONE_REMOVED, z->id, NULL, NULL);
		}
	}
	/* endpoints named by either plan, in id order */
	ids = xcalloc(po->nendpoints + pn->nendpoints + 1, sizeof *ids);
	for (size_t i = 0; i < po->nendpoints; i++)
		ids[nids++] = po->endpoints[i].id;
	for (size_t i = 0; i < pn->nendpoints; i++)
		ids[nids++] = pn->endpoints[i].id;
	if (nids > 1)
		qsort(ids, nids, sizeof *ids, cmp_str);
	for (size_t i = 0; i < nids; i++) {
		const char *id = ids[i];
		const char *zo, *zn;
		const struct plan_endpoint *eo, *en;

		if (i > 0 && strcmp(ids[i - 1], id) == 0)
			continue;
		zo = endpoint_zone(d->old, po, id);
		zn = endpoint_zone(d->new, pn, id);
		if (str_differs(zo, zn))
			add_change(d, &cap, DELTA_ENDPOINT_MOVED, id, zo, zn);
		eo = plan_endpoint(po, id);
		en = plan_endpoint(pn, id);
		address_changes(d, &cap, DELTA_ADDRESS_ADDED, id, eo, en);
		address_changes(d, &cap, DELTA_ADDRESS_REMOVED, id, en, eo);
	}
	free(ids);
}

void
delta_compute(struct delta *d, const struct plan *old_plan,
	      const struct resolution *old, const struct plan *new_plan,
	      const struct resolution *new, const struct strlist *notes)
{
	delta_fini(d);
	d->old_plan = old_plan;
	d->new_plan = new_plan;
	d->old = old;
	d->new = new;
	compute_rules(d);
	compute_plan_changes(d);
	if (notes != NULL)
		strlist_copy(&d->notes, notes);
}

void
delta_plan_change_text(struct sbuf *out, const struct delta_plan_change *c)
{
	switch (c->kind) {
	case DELTA_PRODUCT_ADDED:
		sbuf_addf(out, _("Product added: %s"), c->id);
		break;
	case DELTA_PRODUCT_REMOVED:
		sbuf_addf(out, _("Product removed: %s"), c->id);
		break;
	case DELTA_FEATURE_ON:
		/* TRANSLATORS: %1$s is a feature, %2$s its product */
		sbuf_addf(out, _("Feature turned on: %1$s (%2$s)"), c->id, c->a);
		break;
	case DELTA_FEATURE_OFF:
		sbuf_addf(out, _("Feature turned off: %1$s (%2$s)"), c->id, c->a);
		break;
	case DELTA_ZONE_DEFINED:
		sbuf_addf(out, _("Zone defined: %1$s (%2$s)"), c->id, c->a);
		break;
	case DELTA_ZONE_REMOVED:
		sbuf_addf(out, _("Zone removed: %s"), c->id);
		break;
	case DELTA_ENDPOINT_MOVED:
		sbuf_addf(out, _("Endpoint %1$s moved from zone %2$s to zone %3$s"), c->id,
			  c->a != NULL ? c->a : "–", c->b != NULL ? c->b : "–");
		break;
	case DELTA_ADDRESS_ADDED:
		sbuf_addf(out, _("Endpoint %1$s: address added: %2$s"), c->id, c->a);
		break;
	case DELTA_ADDRESS_REMOVED:
		sbuf_addf(out, _("Endpoint %1$s: address removed: %2$s"), c->id, c->a);
		break;
	}
}
