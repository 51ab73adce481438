/* select.c: which flows of the catalog a plan selects, and where their
 * ends sit (see select.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "plan/zone.h"
#include "resolve/select.h"

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Whether feature F is in effect: on in the plan, and everything it
 * requires in effect (0 unknown, 1 no, 2 yes; DEPTH bounds a cycle a
 * damaged cache could hold). */
static bool
in_effect(const struct catalog_snapshot *s, const bool *on, unsigned char *memo, uint32_t f,
	  unsigned depth)
{
	if (memo[f] != 0)
		return memo[f] == 2;
	if (!on[f] || depth > 32)
		return false;
	memo[f] = 1;		/* a cycle is not in effect */
	for (size_t k = s->req_first[f]; k < s->req_first[f + 1]; k++)
		if (!in_effect(s, on, memo, s->req[k], depth + 1))
			return false;
	memo[f] = 2;
	return true;
}

/* Whether the plan says anything of ENDPOINT for one product, or of an
 * endpoint it follows (then zones must be looked up per product). */
static bool
has_scoped(const struct catalog_snapshot *s, const unsigned char *scoped, uint32_t e)
{
	for (unsigned depth = 0; e != CATALOG_NONE && depth < 16; depth++) {
		if (scoped[e])
			return true;
		e = s->ep_follows[e];
	}
	return false;
}

static void
grow_flows(struct selection *out, size_t *cap)
{
	if (out->nflows < *cap)
		return;
	*cap = *cap ? *cap + *cap / 2 : 256;
	out->flows = xreallocarray(out->flows, *cap, sizeof *out->flows);
	out->from_zone = xreallocarray(out->from_zone, *cap, sizeof *out->from_zone);
	out->to_zone = xreallocarray(out->to_zone, *cap, sizeof *out->to_zone);
	out->from_scope = xreallocarray(out->from_scope, *cap, sizeof *out->from_scope);
	out->to_scope = xreallocarray(out->to_scope, *cap, sizeof *out->to_scope);
}

/* Drops the plaintext flows whose TLS twin is selected too (the plan's
 * tls-only option). */
static void
drop_plaintext(const struct catalog_snapshot *s, struct selection *out)
{
	unsigned char *sel = xcalloc(s->flows.n ? s->flows.n : 1, 1);
	size_t j = 0;

	for (size_t i = 0; i < out->nflows; i++)
		sel[out->flows[i]] = 1;
	for (size_t i = 0; i < out->nflows; i++) {
		uint32_t twin = s->flow_twin[out->flows[i]];

		if (twin != CATALOG_NONE && sel[twin]) {
			out->dropped_plaintext++;
			continue;
		}
		out->flows[j] = out->flows[i];
		out->from_zone[j] = out->from_zone[i];
		out->to_zone[j] = out->to_zone[i];
		out->from_scope[j] = out->from_scope[i];
		out->to_scope[j++] = out->to_scope[i];
	}
	out->nflows = j;
	free(sel);
}

void
selection_make(const struct catalog_snapshot *s, const struct plan *p,
	       struct selection *out)
{
	size_t nf = s->features.n, ne = s->endpoints.n, np = s->products.n;
	bool *on = xcalloc(nf ? nf : 1, sizeof *on);
	unsigned char *memo = xcalloc(nf ? nf : 1, 1);
	bool *effective = xcalloc(nf ? nf : 1, sizeof *effective);
	unsigned char *used = xcalloc(ne ? ne : 1, 1);
	unsigned char *scoped = xcalloc(ne ? ne : 1, 1);
	unsigned char *chosen = xcalloc(np ? np : 1, 1);
	const char **zone = xcalloc(ne ? ne : 1, sizeof *zone);
	size_t cap = 0, gcap = 0;

	memset(out, 0, sizeof *out);
	out->snap = s;
	strlist_init(&out->unknown_products);
	strlist_init(&out->unknown_features);
	strlist_init(&out->unknown_endpoints);

	for (size_t i = 0; i < p->products.n; i++) {
		uint32_t pi = catalog_product_index(s, p->products.v[i]);

		if (pi == CATALOG_NONE)
			strlist_add(&out->unknown_products, p->products.v[i]);
		else
			chosen[pi] = 1;
	}
	for (size_t i = 0; i < p->nfeatures; i++) {
		const struct plan_feature *f = &p->features[i];
		uint32_t fi = catalog_feature_index(s, f->product, f->id);

		if (fi != CATALOG_NONE)
			on[fi] = true;
		else if (plan_has_product(p, f->product))
			strlist_addf(&out->unknown_features, "%s:%s", f->product, f->id);
	}
	/* a feature whose requirement is off has no effect (and is told) */
	out->unmet = xcalloc(p->nfeatures ? p->nfeatures : 1, sizeof *out->unmet);
	for (uint32_t f = 0; f < nf; f++) {
		effective[f] = on[f] && in_effect(s, on, memo, f, 0);
		if (on[f] && !effective[f] && chosen[s->feat_product[f]])
			out->unmet[out->nunmet++] = f;
	}
	/* the endpoints a plan names are part of the resolution's list, and
	 * their placement maps flows' ends to zones */
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *e = &p->endpoints[i];
		uint32_t ei = catalog_endpoint_index(s, e->id);

		if (ei == CATALOG_NONE) {
			if (i == 0 || strcmp(p->endpoints[i - 1].id, e->id) != 0)
				strlist_add(&out->unknown_endpoints, e->id);
			continue;
		}
		used[ei] = 1;
		if (e->product != NULL)
			scoped[ei] = 1;
	}
	for (uint32_t i = 0; i < ne; i++)
		zone[i] = plan_zone_of(p, s, NULL, i, NULL);

	out->products = xcalloc(p->products.n ? p->products.n : 1, sizeof *out->products);
	for (uint32_t pi = 0; pi < np; pi++) {
		const char *product = s->products.v[pi].id;

		if (!chosen[pi])
			continue;
		out->products[out->nproducts++] = pi;
		for (size_t k = s->flow_first[pi]; k < s->flow_first[pi + 1]; k++) {
			uint32_t a = s->flow_src[k], b = s->flow_dst[k];
			size_t n;

			if (a == CATALOG_NONE || b == CATALOG_NONE ||
			    !catalog_flow_holds(s, k, effective))
				continue;
			grow_flows(out, &cap);
			n = out->nflows++;
			out->flows[n] = k;
			out->from_scope[n] = out->to_scope[n] = NULL;
			out->from_zone[n] = has_scoped(s, scoped, a) ?
				plan_zone_of(p, s, product, a, &out->from_scope[n]) : zone[a];
			out->to_zone[n] = has_scoped(s, scoped, b) ?
				plan_zone_of(p, s, product, b, &out->to_scope[n]) : zone[b];
			used[a] = used[b] = 1;
		}
		for (size_t k = s->gap_first[pi]; k < s->gap_first[pi + 1]; k++) {
			if (!catalog_gap_holds(s, k, effective))
				continue;
			if (out->ngaps == gcap) {
				gcap = gcap ? 2 * gcap : 16;
				out->gaps = xreallocarray(out->gaps, gcap, sizeof *out->gaps);
			}
			out->gaps[out->ngaps++] = k;
		}
	}
	if (p->options.tls_only)
		drop_plaintext(s, out);
	out->endpoints = xcalloc(ne ? ne : 1, sizeof *out->endpoints);
	for (uint32_t i = 0; i < ne; i++)
		if (used[i])
			out->endpoints[out->nendpoints++] = i;
	out->grouped = xcalloc(p->nfeatures ? p->nfeatures : 1, sizeof *out->grouped);
	for (size_t i = 0; i < p->nfeatures; i++) {
		uint32_t fi = catalog_feature_index(s, p->features[i].product, p->features[i].id);

		if (fi != CATALOG_NONE && s->features.v[fi].group != NULL)
			out->grouped[out->ngrouped++] = fi;
	}
	/* in catalog order */
	if (out->ngrouped > 1)
		qsort(out->grouped, out->ngrouped, sizeof *out->grouped, cmp_u32);
	free(on);
	free(memo);
	free(effective);
	free(used);
	free(scoped);
	free(chosen);
	free(zone);
}

void
selection_fini(struct selection *sel)
{
	free(sel->flows);
	free(sel->from_zone);
	free(sel->to_zone);
	free(sel->from_scope);
	free(sel->to_scope);
	free(sel->gaps);
	free(sel->products);
	free(sel->endpoints);
	free(sel->grouped);
	free(sel->unmet);
	strlist_fini(&sel->unknown_products);
	strlist_fini(&sel->unknown_features);
	strlist_fini(&sel->unknown_endpoints);
	memset(sel, 0, sizeof *sel);
}
