#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "resolve/internal.h"
#include "resolve/select.h"
#include "util/i18n.h"
#include "util/pool.h"

/* Zone order: catalog zones in catalog order, then the plan's own zones by
 * id, then anything unknown. */
size_t
resolve_zone_rank(const struct resolution *r, const struct plan *p, const char *zone)
{
	const struct plan_zone *pz;
	long long i;

	if (strset_get(&r->zone_index, zone, &i))
		return (size_t)i;
	pz = plan_zone(p, zone);
	if (pz != NULL)
		return r->zones.n + (size_t)(pz - p->zones);
	return r->zones.n + p->nzones;
}

const char *
resolution_zone_label(const struct resolution *r, const struct plan *p,
		      const char *zone)
{
	long long i;

	if (strset_get(&r->zone_index, zone, &i))
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

/* INDEX: the endpoint's index in r->endpoints (r->endpoints.n if the
 * catalog does not have it); FLOW: the rule's first origin. */
static void
fill_end(struct resolution *r, const struct plan *p, struct rule_end *e,
	 const struct catalog_flow *flow, const char *id, const char *scope,
	 long long index, const char *zone, const char *zone_label)
{
	const struct catalog_endpoint *ce = index >= 0 && (size_t)index < r->endpoints.n ?
		&r->endpoints.v[index] : NULL;

	e->id = id;
	e->ids = id;
	e->scope = scope;
	e->label = ce != NULL ? ce->label : id;
	if (scope != NULL)
		/* TRANSLATORS: a product's own instance of a shared endpoint:
		   "Microsoft SQL Server (for bems)" */
		e->label = pool_printf(r->pool, _("%1$s (for %2$s)"), e->label, scope);
	e->zone = zone;
	e->zone_label = zone_label;
	hosts_address(r, p, flow, id, scope, ce, e);
}

/* The interface FLOW uses at an end (for telling openings apart). */
static const char *
end_iface(const struct plan *p, const struct catalog_flow *flow, const char *id,
	  const char *scope)
{
	struct rule_end e;
	struct resolution none;

	if (flow->interfaces == NULL)
		return NULL;
	memset(&none, 0, sizeof none);
	none.pool = pool_new();
	memset(&e, 0, sizeof e);
	hosts_address(&none, p, flow, id, scope, NULL, &e);
	pool_free(&none.pool);
	return e.iface;		/* the plan's string: it outlives the pool */
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
	const char *src_scope, *dst_scope;	/* instances of one product */
	const char *src_iface, *dst_iface;	/* interfaces' addresses */
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

/* NULL first. */
static int
cmp_opt(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL || b == NULL)
		return a == NULL ? -1 : 1;
	return strcmp(a, b);
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
	    (c = cmp_opt(x->src_scope, y->src_scope)) != 0 ||
	    (c = cmp_opt(x->src_iface, y->src_iface)) != 0 ||
	    (c = cmp_ll(x->dst, y->dst)) != 0 ||
	    (c = cmp_opt(x->dst_scope, y->dst_scope)) != 0 ||
	    (c = cmp_opt(x->dst_iface, y->dst_iface)) != 0 ||
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
	rank = resolve_zone_rank(r, p, zone);
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
		k->src_scope = sel->from_scope[i];
		k->dst_scope = sel->to_scope[i];
		k->src_iface = end_iface(p, f, f->from, k->src_scope);
		k->dst_iface = end_iface(p, f, f->to, k->dst_scope);
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
	fill_end(r, p, &rule->src, f, f->from, keys[0].src_scope, keys[0].src,
		 sel->from_zone[keys[0].flow], keys[0].src_zone_label);
	fill_end(r, p, &rule->dst, f, f->to, keys[0].dst_scope, keys[0].dst,
		 sel->to_zone[keys[0].flow], keys[0].dst_zone_label);
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

/* The boundaries (runs of firewall rules with one zone pair) and the
 * ends of firewall rules without an address, from the final rules. */
static void
boundaries(struct resolution *r)
{
	struct strset unaddressed;

	strset_init(&unaddressed);
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rule *rule = &r->rules[i];
		struct boundary *b;

		if (rule->section != RULE_FIREWALL)
			continue;
		if (rule->life.excluded == NULL) {
			if (rule->src.address == NULL && strset_add(&unaddressed, rule->src.id))
				strlist_add(&r->unaddressed, rule->src.id);
			if (rule->dst.address == NULL && strset_add(&unaddressed, rule->dst.id))
				strlist_add(&r->unaddressed, rule->dst.id);
		}
		b = r->nboundaries > 0 ? &r->boundaries[r->nboundaries - 1] : NULL;
		if (b == NULL || strcmp(b->src_zone, rule->src.zone) != 0 ||
		    strcmp(b->dst_zone, rule->dst.zone) != 0) {
			r->boundaries = xreallocarray(r->boundaries, r->nboundaries + 1,
						      sizeof *r->boundaries);
			b = &r->boundaries[r->nboundaries++];
			memset(b, 0, sizeof *b);
			b->src_zone = rule->src.zone;
			b->dst_zone = rule->dst.zone;
			b->src_label = rule->src.zone_label;
			b->dst_label = rule->dst.zone_label;
			b->first = i;
		}
		b->count++;
		b->excluded += rule->life.excluded != NULL;
	}
	strset_fini(&unaddressed);
	strlist_sort(&r->unaddressed);
}

int
resolve(struct catalog *c, const struct plan *p, struct resolution **out,
	struct pp_error *err)
{
	struct resolution *r;
	const struct catalog_snapshot *s;
	struct selection sel;
	size_t cap = 0;
	struct flow_key *keys;
	long long *rank;

	*out = NULL;
	s = catalog_snapshot(c, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, err);
	if (s == NULL)
		return -1;
	r = xcalloc(1, sizeof *r);
	r->pool = pool_new();
	r->snap = s;
	strlist_init(&r->unaddressed);
	strlist_init(&r->problems);
	strlist_init(&r->errors);
	strlist_init(&r->conflicts);
	strset_init(&r->endpoint_index);
	strset_init(&r->product_index);
	strset_init(&r->zone_index);
	if (catalog_zones(c, &r->zones, err) != 0) {
		resolution_free(&r);
		return -1;
	}
	for (size_t i = 0; i < r->zones.n; i++)
		strset_put(&r->zone_index, r->zones.v[i].id, (long long)i);
	selection_make(s, p, &sel);
	r->dropped_plaintext = sel.dropped_plaintext;
	rank = take_lists(r, &sel);
	checks_plan(r, p, &sel);

	/* one rule per opening: sort the flows by their keys, merge runs */
	keys = flow_keys(r, p, &sel, rank);
	free(rank);
	if (sel.nflows > 1)
		qsort(keys, sel.nflows, sizeof *keys, cmp_key);
	for (size_t i = 0, j; i < sel.nflows; i = j) {
		struct rule *rule;

		for (j = i + 1; j < sel.nflows && cmp_opening(&keys[i], &keys[j]) == 0; j++)
			;
		rule = add_rule(r, p, &sel, &keys[i], j - i, &cap);
		r->count[rule->section]++;
	}
	free(keys);
	selection_fini(&sel);
	/* one host, one rule; then the plan's choices about the rules */
	hosts_merge(r);
	if (p->options.group_ports)
		hosts_group_ports(r);
	ids_assign(r, p);
	risk_flag(r);
	paths_assign(r, p);
	boundaries(r);
	checks_hosts(r, p);
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
	strlist_fini(&r->errors);
	strlist_fini(&r->conflicts);
	strset_fini(&r->endpoint_index);
	strset_fini(&r->product_index);
	strset_fini(&r->zone_index);
	pool_free(&r->pool);
	free(r);
	*rp = NULL;
}
