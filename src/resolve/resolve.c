#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "resolve/resolve.h"
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
	const struct plan_zone *pz;

	for (size_t i = 0; i < r->zones.n; i++)
		if (strcmp(r->zones.v[i].id, zone) == 0)
			return r->zones.v[i].label;
	pz = plan_zone(p, zone);
	if (pz != NULL && pz->label != NULL && pz->label[0] != '\0')
		return pz->label;
	return zone;
}

static int
cmp_endpoint(const void *a, const void *b)
{
	return strcmp(((const struct catalog_endpoint *)a)->id,
		      ((const struct catalog_endpoint *)b)->id);
}

const struct catalog_endpoint *
resolution_endpoint(const struct resolution *r, const char *id)
{
	struct catalog_endpoint key;

	memset(&key, 0, sizeof key);
	key.id = id;
	/* r->endpoints is kept sorted by id (see resolve) */
	return bsearch(&key, r->endpoints.v, r->endpoints.n, sizeof key, cmp_endpoint);
}

const char *
resolution_product_label(const struct resolution *r, const char *id)
{
	for (size_t i = 0; i < r->products.n; i++)
		if (strcmp(r->products.v[i].id, id) == 0)
			return r->products.v[i].label;
	return id;
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
	const struct plan_endpoint *pe = plan_endpoint(p, id);
	struct sbuf b;
	const char *s;

	if (pe == NULL || (pe->addresses.n == 0 && pe->hostnames.n == 0))
		return ce != NULL ? ce->fqdn : NULL;
	sbuf_init(&b);
	for (size_t i = 0; i < pe->hostnames.n; i++) {
		if (b.len)
			sbuf_add(&b, ", ");
		sbuf_add(&b, pe->hostnames.v[i]);
	}
	for (size_t i = 0; i < pe->addresses.n; i++) {
		if (b.len)
			sbuf_add(&b, ", ");
		sbuf_add(&b, pe->addresses.v[i]);
	}
	s = pool_strdup(r->pool, sbuf_str(&b));
	sbuf_fini(&b);
	return s;
}

static void
fill_end(struct resolution *r, const struct plan *p, struct rule_end *e,
	 const char *id, const char *zone)
{
	const struct catalog_endpoint *ce = resolution_endpoint(r, id);

	e->id = id;
	e->label = ce != NULL ? ce->label : id;
	e->zone = zone;
	e->zone_label = resolution_zone_label(r, p, zone);
	e->address = end_address(r, p, id, ce);
}

struct sort_ctx {
	const struct resolution *r;
	const struct plan *p;
};

static const struct sort_ctx *sort_ctx;	/* qsort has no context argument */

static unsigned
first_port(const char *ports)
{
	return ports != NULL ? (unsigned)strtoul(ports, NULL, 10) : 0;
}

static int
cmp_rule(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;
	size_t zx, zy;
	int c;

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	zx = zone_rank(sort_ctx->r, sort_ctx->p, x->src.zone);
	zy = zone_rank(sort_ctx->r, sort_ctx->p, y->src.zone);
	if (zx != zy)
		return zx < zy ? -1 : 1;
	if ((c = strcmp(x->src.zone, y->src.zone)) != 0)
		return c;
	zx = zone_rank(sort_ctx->r, sort_ctx->p, x->dst.zone);
	zy = zone_rank(sort_ctx->r, sort_ctx->p, y->dst.zone);
	if (zx != zy)
		return zx < zy ? -1 : 1;
	if ((c = strcmp(x->dst.zone, y->dst.zone)) != 0)
		return c;
	if ((c = strcmp(x->src.id, y->src.id)) != 0)
		return c;
	if ((c = strcmp(x->dst.id, y->dst.id)) != 0)
		return c;
	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	if (first_port(x->ports) != first_port(y->ports))
		return first_port(x->ports) < first_port(y->ports) ? -1 : 1;
	return strcmp(x->ports != NULL ? x->ports : "", y->ports != NULL ? y->ports : "");
}

static bool
same_opening(const struct catalog_flow *a, const struct catalog_flow *b)
{
	return strcmp(a->from, b->from) == 0 && strcmp(a->to, b->to) == 0 &&
	    strcmp(a->from_zone, b->from_zone) == 0 &&
	    strcmp(a->to_zone, b->to_zone) == 0 && a->proto == b->proto &&
	    ((a->ports == NULL && b->ports == NULL) ||
	     (a->ports != NULL && b->ports != NULL && strcmp(a->ports, b->ports) == 0));
}

static void
check_plan(struct resolution *r, const struct plan *p)
{
	for (size_t i = 0; i < p->products.n; i++) {
		bool known = false;

		for (size_t j = 0; j < r->products.n && !known; j++)
			known = strcmp(r->products.v[j].id, p->products.v[i]) == 0;
		if (!known)
			strlist_addf(&r->problems,
				     _("The plan names product \"%s\", which the catalog does not have; it is kept but contributes no rules."),
				     p->products.v[i]);
	}
	for (size_t i = 0; i < p->nfeatures; i++) {
		const struct plan_feature *pf = &p->features[i];
		bool known = false;

		for (size_t j = 0; j < r->features.n && !known; j++)
			known = strcmp(r->features.v[j].product, pf->product) == 0 &&
				strcmp(r->features.v[j].id, pf->id) == 0;
		if (!known && plan_has_product(p, pf->product))
			strlist_addf(&r->problems,
				     _("The plan selects feature \"%s\" of product \"%s\", which the catalog does not have; it is kept but has no effect."),
				     pf->id, pf->product);
	}
	/* alternatives: at most one feature of a group */
	for (size_t i = 0; i < r->features.n; i++) {
		const struct catalog_feature *a = &r->features.v[i];

		if (a->group == NULL || !plan_has_feature(p, a->product, a->id))
			continue;
		for (size_t j = i + 1; j < r->features.n; j++) {
			const struct catalog_feature *b = &r->features.v[j];

			if (b->group != NULL && strcmp(a->product, b->product) == 0 &&
			    strcmp(a->group, b->group) == 0 &&
			    plan_has_feature(p, b->product, b->id))
				strlist_addf(&r->problems,
					     _("Features \"%s\" and \"%s\" of product \"%s\" are alternatives, but both are selected."),
					     a->id, b->id, a->product);
		}
	}
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *pe = &p->endpoints[i];

		if (resolution_endpoint(r, pe->id) == NULL)
			strlist_addf(&r->problems,
				     _("The plan places endpoint \"%s\", which the catalog does not have; it is kept but has no effect."),
				     pe->id);
		if (pe->zone != NULL && zone_rank(r, p, pe->zone) == r->zones.n + p->nzones)
			strlist_addf(&r->problems,
				     _("Endpoint \"%s\" is placed in zone \"%s\", which is neither a catalog zone nor one the plan defines."),
				     pe->id, pe->zone);
	}
}

int
resolve(struct catalog *c, const struct plan *p, struct resolution **out,
	struct pp_error *err)
{
	struct resolution *r = xcalloc(1, sizeof *r);
	size_t cap = 0;
	char counters[3] = { 'R', 'N', 'H' };
	size_t seq[3] = { 0, 0, 0 };
	struct sort_ctx ctx;

	*out = NULL;
	r->pool = pool_new();
	strlist_init(&r->unaddressed);
	strlist_init(&r->problems);
	if (catalog_select(c, p, &r->flows, &r->gaps, err) != 0 ||
	    catalog_products(c, &r->products, err) != 0 ||
	    catalog_features(c, NULL, &r->features, err) != 0 ||
	    catalog_zones(c, &r->zones, err) != 0 ||
	    catalog_endpoints(c, NULL, &r->endpoints, err) != 0) {
		resolution_free(&r);
		return -1;
	}
	qsort(r->endpoints.v, r->endpoints.n, sizeof *r->endpoints.v, cmp_endpoint);
	check_plan(r, p);

	/* merge identical openings: the query returns them adjacent */
	for (size_t i = 0; i < r->flows.n; ) {
		const struct catalog_flow *f = &r->flows.v[i];
		struct rule *rule;
		size_t j = i;

		while (j < r->flows.n && same_opening(f, &r->flows.v[j]))
			j++;
		if (r->nrules == cap) {
			cap = cap ? cap * 2 : 64;
			r->rules = xreallocarray(r->rules, cap, sizeof *r->rules);
		}
		rule = &r->rules[r->nrules++];
		memset(rule, 0, sizeof *rule);
		fill_end(r, p, &rule->src, f->from, f->from_zone);
		fill_end(r, p, &rule->dst, f->to, f->to_zone);
		rule->section = strcmp(f->from, f->to) == 0 ? RULE_HOST_LOCAL :
			strcmp(f->from_zone, f->to_zone) == 0 ? RULE_NO_CHANGE :
			RULE_FIREWALL;
		rule->proto = f->proto;
		rule->ports = f->ports;
		rule->norigins = j - i;
		rule->origins = pool_alloc(r->pool, rule->norigins * sizeof *rule->origins);
		for (size_t k = i; k < j; k++) {
			rule->origins[k - i] = &r->flows.v[k];
			rule->required |= r->flows.v[k].required;
			rule->inferred |= r->flows.v[k].inferred;
		}
		i = j;
	}
	ctx.r = r;
	ctx.p = p;
	sort_ctx = &ctx;
	if (r->nrules > 1)
		qsort(r->rules, r->nrules, sizeof *r->rules, cmp_rule);
	sort_ctx = NULL;

	for (size_t i = 0; i < r->nrules; i++) {
		struct rule *rule = &r->rules[i];
		struct boundary *b;

		snprintf(rule->id, sizeof rule->id, "%c%03zu",
			 counters[rule->section], ++seq[rule->section]);
		r->count[rule->section]++;
		if (rule->section != RULE_FIREWALL)
			continue;
		if (rule->src.address == NULL)
			strlist_add_unique(&r->unaddressed, rule->src.id);
		if (rule->dst.address == NULL)
			strlist_add_unique(&r->unaddressed, rule->dst.id);
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
			b->first = i;
			b->count = 0;
		}
		b->count++;
	}
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
	catalog_list_fini(&r->flows);
	catalog_list_fini(&r->gaps);
	catalog_list_fini(&r->products);
	catalog_list_fini(&r->features);
	catalog_list_fini(&r->zones);
	catalog_list_fini(&r->endpoints);
	strlist_fini(&r->unaddressed);
	strlist_fini(&r->problems);
	pool_free(&r->pool);
	free(r);
	*rp = NULL;
}
