#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "resolve/select.h"
#include "util/i18n.h"
#include "util/pool.h"

/* Zone order: catalog zones in catalog order, then the plan's own zones by
 * id, then anything unknown. */
static size_t
zone_rank(const struct resolution *r, const struct plan *p, const char *zone)
{
	for (size_t i = 0; i < r->zones.n; i++)
		if (strcmp(r->zones.v[i].id, zone) == 0)
			return i;
	for (size_t i = 0; i < p->nzones; i++)
		if (strcmp(p->zones[i].id, zone) == 0)
			return r->zones.n + i;
	return r->zones.n + p->nzones;
}

const char *
resolution_zone_label(const struct resolution *r, const struct plan *p,
		      const char *zone)
{
	for (size_t i = 0; i < r->zones.n; i++)
		if (strcmp(r->zones.v[i].id, zone) == 0)
			return r->zones.v[i].label;
	return plan_zone_label(p, zone);
}

const struct catalog_endpoint *
resolution_endpoint(const struct resolution *r, const char *id)
{
	long long i;

	return strset_get(&r->endpoint_index, id, &i) ? &r->endpoints.v[i] : NULL;
}

const char *
resolution_product_label(const struct resolution *r, const char *id)
{
	long long i;

	return strset_get(&r->product_index, id, &i) ? r->products.v[i].label : id;
}

size_t
resolution_warnings(const struct resolution *r,
		    void (*fn)(void *arg, const struct warning *w), void *arg)
{
	struct warning w;
	size_t n = 0;

	memset(&w, 0, sizeof w);
#define EMIT() do { n++; if (fn != NULL) fn(arg, &w); } while (0)
	w.kind = WARNING_PROBLEM;
	for (size_t i = 0; i < r->problems.n; i++) {
		w.text = r->problems.v[i];
		EMIT();
	}
	w.text = NULL;
	if (r->unaddressed.n > 0) {
		w.kind = WARNING_UNADDRESSED;
		EMIT();
	}
	w.kind = WARNING_INFERRED;
	for (size_t i = 0; i < r->nrules; i++)
		for (size_t k = 0; k < r->rules[i].norigins; k++) {
			w.rule = &r->rules[i];
			w.flow = r->rules[i].origins[k];
			if (w.flow->inferred)
				EMIT();
		}
	w.rule = NULL;
	w.flow = NULL;
	w.kind = WARNING_GAP;
	for (size_t i = 0; i < r->gaps.n; i++) {
		w.gap = &r->gaps.v[i];
		EMIT();
	}
	w.gap = NULL;
	w.kind = WARNING_NOTE;
	for (size_t i = 0; i < r->nrules; i++) {
		if (r->rules[i].section != RULE_FIREWALL)
			continue;
		for (size_t k = 0; k < r->rules[i].norigins; k++) {
			w.rule = &r->rules[i];
			w.flow = r->rules[i].origins[k];
			if (w.flow->note != NULL && w.flow->note[0] != '\0')
				EMIT();
		}
	}
#undef EMIT
	return n;
}

static void
add_plain(struct sbuf *out, const char *s)
{
	sbuf_add(out, s);
}

void
resolution_warning_text(struct sbuf *out, const struct resolution *r,
			const struct warning *w,
			void (*quote)(struct sbuf *out, const char *s))
{
	if (quote == NULL)
		quote = add_plain;
	switch (w->kind) {
	case WARNING_PROBLEM:
		quote(out, w->text != NULL ? w->text : "");
		break;
	case WARNING_UNADDRESSED:
		sbuf_add(out, P_("This endpoint of a firewall rule has no address yet; supply it before implementation:",
				 "These endpoints of firewall rules have no address yet; supply them before implementation:",
				 r->unaddressed.n));
		for (size_t i = 0; i < r->unaddressed.n; i++) {
			const struct catalog_endpoint *e = resolution_endpoint(r, r->unaddressed.v[i]);

			sbuf_add(out, i == 0 ? " " : ", ");
			quote(out, e != NULL ? e->label : r->unaddressed.v[i]);
			sbuf_add(out, " (");
			quote(out, r->unaddressed.v[i]);
			sbuf_add(out, ")");
		}
		sbuf_addc(out, '.');
		break;
	case WARNING_INFERRED:
		/* TRANSLATORS: %1$s is a rule id, %2$s/%3$s the product and
		 * flow ids; a reason follows */
		sbuf_addf(out, _("%1$s (%2$s/%3$s) is inferred, not stated by the vendor document:"),
			  w->rule->id, w->flow->product, w->flow->id);
		sbuf_addc(out, ' ');
		quote(out, w->flow->reason != NULL ? w->flow->reason : "");
		break;
	case WARNING_GAP:
		/* TRANSLATORS: %s is a product id; the text of the gap follows */
		sbuf_addf(out, _("Not stated by the vendor document (%s):"), w->gap->product);
		sbuf_addc(out, ' ');
		quote(out, w->gap->text != NULL ? w->gap->text : "");
		sbuf_add(out, " (");
		quote(out, w->gap->doc != NULL ? w->gap->doc : "");
		sbuf_add(out, ", ");
		quote(out, w->gap->section != NULL ? w->gap->section : "");
		sbuf_addc(out, ')');
		break;
	case WARNING_NOTE:
		sbuf_addf(out, "%s (%s/%s): ", w->rule->id, w->flow->product, w->flow->id);
		quote(out, w->flow->note != NULL ? w->flow->note : "");
		break;
	}
}

char *
rule_key(const struct rule *rule)
{
	return xasprintf("%s>%s %d %s", rule->src.id, rule->dst.id, rule->proto,
			 rule->ports != NULL ? rule->ports : "-");
}

static const char *
end_address(struct resolution *r, const struct plan *p, const char *id,
	    const struct catalog_endpoint *ce)
{
	char *text = plan_address_text(plan_endpoint(p, id));
	const char *s;

	if (text == NULL)
		return ce != NULL ? ce->fqdn : NULL;
	s = pool_strdup(r->pool, text);
	free(text);
	return s;
}

/* INDEX: the endpoint's index in r->endpoints (r->endpoints.n if the
 * catalog does not have it). */
static void
fill_end(struct resolution *r, const struct plan *p, struct rule_end *e,
	 const char *id, long long index, const char *zone, const char *zone_label)
{
	const struct catalog_endpoint *ce = index >= 0 && (size_t)index < r->endpoints.n ?
		&r->endpoints.v[index] : NULL;

	e->id = id;
	e->label = ce != NULL ? ce->label : id;
	e->zone = zone;
	e->zone_label = zone_label;
	e->address = end_address(r, p, id, ce);
}

/* A selected flow with its sort key, computed once.  Sorting by it puts
 * the rules in their final order (section, source zone, destination
 * zone, source, destination, protocol, first port) and the flows of one
 * opening next to each other, in product and catalog order. */
struct flow_key {
	unsigned section;	/* enum rule_section */
	size_t src_zone, dst_zone;	/* zone_rank */
	const char *src_zone_id, *dst_zone_id;	/* ties among unknown zones */
	const char *src_zone_label, *dst_zone_label;
	long long src, dst;	/* endpoint rank by id */
	int proto;
	unsigned long port;	/* the first port */
	const char *ports;
	long long product;	/* product rank in catalog order */
	size_t flow;		/* index into the selected flows (catalog order) */
};

static int
cmp_size(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_ll(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

/* 0 when X and Y are the same opening. */
static int
cmp_opening(const struct flow_key *x, const struct flow_key *y)
{
	int c;

	/* zone ids are shared strings: equal pointers need no strcmp */
	if ((c = cmp_size(x->section, y->section)) != 0 ||
	    (c = cmp_size(x->src_zone, y->src_zone)) != 0 ||
	    (x->src_zone_id != y->src_zone_id &&
	     (c = strcmp(x->src_zone_id, y->src_zone_id)) != 0) ||
	    (c = cmp_size(x->dst_zone, y->dst_zone)) != 0 ||
	    (x->dst_zone_id != y->dst_zone_id &&
	     (c = strcmp(x->dst_zone_id, y->dst_zone_id)) != 0) ||
	    (c = cmp_ll(x->src, y->src)) != 0 ||
	    (c = cmp_ll(x->dst, y->dst)) != 0 ||
	    (c = cmp_ll(x->proto, y->proto)) != 0 ||
	    (c = cmp_size(x->port, y->port)) != 0)
		return c;
	return strcmp(x->ports != NULL ? x->ports : "", y->ports != NULL ? y->ports : "");
}

static int
cmp_key(const void *a, const void *b)
{
	const struct flow_key *x = a, *y = b;
	int c = cmp_opening(x, y);

	if (c != 0)
		return c;
	if ((c = cmp_ll(x->product, y->product)) != 0)
		return c;
	return cmp_size(x->flow, y->flow);
}

static int
cmp_group_member(const void *a, const void *b)
{
	const struct catalog_feature *x = *(const struct catalog_feature *const *)a;
	const struct catalog_feature *y = *(const struct catalog_feature *const *)b;
	int c = strcmp(x->product, y->product);

	if (c == 0)
		c = strcmp(x->group, y->group);
	/* then catalog order: the pointers are into one array */
	return c != 0 ? c : (x < y ? -1 : x > y);
}

/* Alternatives: at most one feature of a group.  GROUPED holds the
 * selected features that belong to a group, in catalog order; every
 * pair of one group is reported, earlier feature first. */
static void
check_alternatives(struct resolution *r, const struct selection *sel)
{
	size_t n = sel->ngrouped;
	const struct catalog_feature **m = xcalloc(n ? n : 1, sizeof *m);

	for (size_t i = 0; i < n; i++)
		m[i] = &sel->snap->features.v[sel->grouped[i]];
	if (n > 1)
		qsort(m, n, sizeof *m, cmp_group_member);
	for (size_t i = 0; i < n; ) {
		size_t j = i + 1;

		while (j < n && strcmp(m[j]->product, m[i]->product) == 0 &&
		       strcmp(m[j]->group, m[i]->group) == 0)
			j++;
		for (size_t a = i; a < j; a++)
			for (size_t b = a + 1; b < j; b++)
				strlist_addf(&r->problems,
					     _("Features \"%s\" and \"%s\" of product \"%s\" are alternatives, but both are selected."),
					     m[a]->id, m[b]->id, m[a]->product);
		i = j;
	}
	free(m);
}

static void
check_plan(struct resolution *r, const struct plan *p, const struct selection *sel)
{
	for (size_t i = 0; i < sel->unknown_products.n; i++)
		strlist_addf(&r->problems,
			     _("The plan names product \"%s\", which the catalog does not have; it is kept but contributes no rules."),
			     sel->unknown_products.v[i]);
	for (size_t i = 0; i < sel->unknown_features.n; i++) {
		char *product = xstrdup(sel->unknown_features.v[i]);
		char *id = strchr(product, ':');

		if (id != NULL)
			*id++ = '\0';
		strlist_addf(&r->problems,
			     _("The plan selects feature \"%s\" of product \"%s\", which the catalog does not have; it is kept but has no effect."),
			     id != NULL ? id : "", product);
		free(product);
	}
	check_alternatives(r, sel);
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *pe = &p->endpoints[i];

		if (strlist_contains(&sel->unknown_endpoints, pe->id))
			strlist_addf(&r->problems,
				     _("The plan places endpoint \"%s\", which the catalog does not have; it is kept but has no effect."),
				     pe->id);
		if (pe->zone != NULL && zone_rank(r, p, pe->zone) == r->zones.n + p->nzones)
			strlist_addf(&r->problems,
				     _("Endpoint \"%s\" is placed in zone \"%s\", which is neither a catalog zone nor one the plan defines."),
				     pe->id, pe->zone);
	}
}

/* Rank and label of the few distinct zones of a selection (the flows
 * share their zone strings, so the pointer is the key). */
struct zone_info {
	const char *zone[32];
	size_t rank[32];
	const char *label[32];
	size_t n;
};

static size_t
zone_lookup(struct zone_info *zi, const struct resolution *r, const struct plan *p,
	    const char *zone, const char **label)
{
	size_t rank;

	for (size_t i = 0; i < zi->n; i++) {
		if (zi->zone[i] == zone) {
			*label = zi->label[i];
			return zi->rank[i];
		}
	}
	rank = zone_rank(r, p, zone);
	*label = resolution_zone_label(r, p, zone);
	if (zi->n < sizeof zi->zone / sizeof *zi->zone) {
		zi->zone[zi->n] = zone;
		zi->rank[zi->n] = rank;
		zi->label[zi->n++] = *label;
	}
	return rank;
}

/* The sort keys of the selected flows.  EP_RANK: an endpoint's rank by
 * id among the resolution's endpoints (by snapshot index). */
static struct flow_key *
flow_keys(const struct resolution *r, const struct plan *p, const struct selection *sel,
	  const long long *ep_rank)
{
	const struct catalog_snapshot *s = sel->snap;
	struct flow_key *keys = xcalloc(sel->nflows ? sel->nflows : 1, sizeof *keys);
	struct zone_info zi;

	zi.n = 0;
	for (size_t i = 0; i < sel->nflows; i++) {
		size_t fi = sel->flows[i];
		const struct catalog_flow *f = &s->flows.v[fi];
		const char *fz = sel->from_zone[i], *tz = sel->to_zone[i];
		struct flow_key *k = &keys[i];

		k->section = s->flow_src[fi] == s->flow_dst[fi] ? RULE_HOST_LOCAL :
			strcmp(fz, tz) == 0 ? RULE_NO_CHANGE : RULE_FIREWALL;
		k->src_zone = zone_lookup(&zi, r, p, fz, &k->src_zone_label);
		k->dst_zone = zone_lookup(&zi, r, p, tz, &k->dst_zone_label);
		k->src_zone_id = fz;
		k->dst_zone_id = tz;
		k->src = ep_rank[s->flow_src[fi]];
		k->dst = ep_rank[s->flow_dst[fi]];
		k->proto = f->proto;
		k->port = f->ports != NULL ? strtoul(f->ports, NULL, 10) : 0;
		k->ports = f->ports;
		k->product = s->flow_product[fi];	/* catalog order */
		k->flow = i;
	}
	return keys;
}

/* Appends a rule for the flows KEYS[0..N) (one opening). */
static struct rule *
add_rule(struct resolution *r, const struct plan *p, const struct selection *sel,
	 const struct flow_key *keys, size_t n, size_t *cap)
{
	const struct catalog_flow *f = r->flows[keys[0].flow];
	struct rule *rule;

	if (r->nrules == *cap) {
		*cap = *cap ? *cap + *cap / 2 : 64;
		r->rules = xreallocarray(r->rules, *cap, sizeof *r->rules);
	}
	rule = &r->rules[r->nrules++];
	memset(rule, 0, sizeof *rule);
	rule->section = keys[0].section;
	fill_end(r, p, &rule->src, f->from, keys[0].src, sel->from_zone[keys[0].flow],
		 keys[0].src_zone_label);
	fill_end(r, p, &rule->dst, f->to, keys[0].dst, sel->to_zone[keys[0].flow],
		 keys[0].dst_zone_label);
	rule->proto = f->proto;
	rule->ports = f->ports;
	rule->norigins = n;
	rule->origins = pool_alloc(r->pool, n * sizeof *rule->origins);
	for (size_t k = 0; k < n; k++) {
		const struct catalog_flow *o = r->flows[keys[k].flow];

		rule->origins[k] = o;
		rule->required |= o->required;
		rule->inferred |= o->inferred;
	}
	return rule;
}

static const struct catalog_snapshot *sort_snap;

static int
cmp_endpoint_index(const void *a, const void *b)
{
	return strcmp(sort_snap->endpoints.v[*(const uint32_t *)a].id,
		      sort_snap->endpoints.v[*(const uint32_t *)b].id);
}

/* The resolution's lists from the selection: products and gaps in catalog
 * order, endpoints sorted by id (their rank), the selected flows.  Returns
 * each endpoint's rank by snapshot index (caller-owned). */
static long long *
take_lists(struct resolution *r, struct selection *sel)
{
	const struct catalog_snapshot *s = sel->snap;
	long long *rank = xcalloc(s->endpoints.n ? s->endpoints.n : 1, sizeof *rank);

	r->products.v = xcalloc(sel->nproducts ? sel->nproducts : 1, sizeof *r->products.v);
	for (size_t i = 0; i < sel->nproducts; i++)
		r->products.v[r->products.n++] = s->products.v[sel->products[i]];
	r->gaps.v = xcalloc(sel->ngaps ? sel->ngaps : 1, sizeof *r->gaps.v);
	for (size_t i = 0; i < sel->ngaps; i++)
		r->gaps.v[r->gaps.n++] = s->gaps.v[sel->gaps[i]];
	/* endpoints sorted by id: the index gives their rank too */
	sort_snap = s;
	if (sel->nendpoints > 1)
		qsort(sel->endpoints, sel->nendpoints, sizeof *sel->endpoints, cmp_endpoint_index);
	sort_snap = NULL;
	r->endpoints.v = xcalloc(sel->nendpoints ? sel->nendpoints : 1,
				 sizeof *r->endpoints.v);
	for (size_t i = 0; i < s->endpoints.n; i++)
		rank[i] = (long long)sel->nendpoints;
	for (size_t i = 0; i < sel->nendpoints; i++) {
		r->endpoints.v[r->endpoints.n++] = s->endpoints.v[sel->endpoints[i]];
		rank[sel->endpoints[i]] = (long long)i;
		strset_put(&r->endpoint_index, s->endpoints.v[sel->endpoints[i]].id, (long long)i);
	}
	for (size_t i = 0; i < r->products.n; i++)
		strset_put(&r->product_index, r->products.v[i].id, (long long)i);
	r->flows = xcalloc(sel->nflows ? sel->nflows : 1, sizeof *r->flows);
	for (size_t i = 0; i < sel->nflows; i++)
		r->flows[r->nflows++] = &s->flows.v[sel->flows[i]];
	return rank;
}

int
resolve(struct catalog *c, const struct plan *p, struct resolution **out,
	struct pp_error *err)
{
	struct resolution *r;
	const struct catalog_snapshot *s;
	struct selection sel;
	const char counters[3] = { 'R', 'N', 'H' };
	size_t seq[3] = { 0, 0, 0 }, cap = 0;
	struct flow_key *keys;
	struct strset unaddressed;
	struct rule_life life;
	long long *rank;

	*out = NULL;
	s = catalog_snapshot(c, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, err);
	if (s == NULL)
		return -1;
	r = xcalloc(1, sizeof *r);
	r->pool = pool_new();
	strlist_init(&r->unaddressed);
	strlist_init(&r->problems);
	strset_init(&r->endpoint_index);
	strset_init(&r->product_index);
	if (catalog_zones(c, &r->zones, err) != 0) {
		resolution_free(&r);
		return -1;
	}
	selection_make(s, p, &sel);
	rank = take_lists(r, &sel);
	check_plan(r, p, &sel);

	/* one rule per opening: sort the flows by their keys, merge runs */
	/* the plan's lifecycle for every rule (copied: the plan may change
	 * while the resolution is shown) */
	life.owner = pool_strdup(r->pool, p->meta.owner);
	life.justification = pool_strdup(r->pool, p->meta.justification);
	life.expiry = pool_strdup(r->pool, p->meta.expiry);
	life.excluded = NULL;
	keys = flow_keys(r, p, &sel, rank);
	free(rank);
	if (sel.nflows > 1)
		qsort(keys, sel.nflows, sizeof *keys, cmp_key);
	strset_init(&unaddressed);
	for (size_t i = 0, j; i < sel.nflows; i = j) {
		struct rule *rule;
		struct boundary *b;

		for (j = i + 1; j < sel.nflows && cmp_opening(&keys[i], &keys[j]) == 0; j++)
			;
		rule = add_rule(r, p, &sel, &keys[i], j - i, &cap);
		rule->life = life;
		snprintf(rule->id, sizeof rule->id, "%c%03zu",
			 counters[rule->section], ++seq[rule->section]);
		r->count[rule->section]++;
		if (rule->section != RULE_FIREWALL)
			continue;
		if (rule->src.address == NULL && strset_add(&unaddressed, rule->src.id))
			strlist_add(&r->unaddressed, rule->src.id);
		if (rule->dst.address == NULL && strset_add(&unaddressed, rule->dst.id))
			strlist_add(&r->unaddressed, rule->dst.id);
		b = r->nboundaries > 0 ? &r->boundaries[r->nboundaries - 1] : NULL;
		if (b == NULL || strcmp(b->src_zone, rule->src.zone) != 0 ||
		    strcmp(b->dst_zone, rule->dst.zone) != 0) {
			r->boundaries = xreallocarray(r->boundaries, r->nboundaries + 1,
						      sizeof *r->boundaries);
			b = &r->boundaries[r->nboundaries++];
			b->src_zone = rule->src.zone;
			b->dst_zone = rule->dst.zone;
			b->src_label = rule->src.zone_label;
			b->dst_label = rule->dst.zone_label;
			b->first = r->nrules - 1;
			b->count = 0;
		}
		b->count++;
	}
	free(keys);
	selection_fini(&sel);
	strset_fini(&unaddressed);
	strlist_sort(&r->unaddressed);
	*out = r;
	return 0;
}

void
resolution_free(struct resolution **rp)
{
	struct resolution *r = *rp;

	if (r == NULL)
		return;
	free(r->rules);
	free(r->boundaries);
	free(r->flows);
	catalog_list_fini(&r->gaps);
	catalog_list_fini(&r->products);
	catalog_list_fini(&r->zones);
	catalog_list_fini(&r->endpoints);
	strlist_fini(&r->unaddressed);
	strlist_fini(&r->problems);
	strset_fini(&r->endpoint_index);
	strset_fini(&r->product_index);
	pool_free(&r->pool);
	free(r);
	*rp = NULL;
}
