/* select.c: which flows of the catalog a plan selects (see select.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "resolve/select.h"

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

void
selection_make(const struct catalog_snapshot *s, const struct plan *p,
	       struct selection *out)
{
	size_t nf = s->features.n, ne = s->endpoints.n, np = s->products.n;
	bool *on = xcalloc(nf ? nf : 1, sizeof *on);
	unsigned char *used = xcalloc(ne ? ne : 1, 1);
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
	/* the endpoints a plan names are part of the resolution's list, and
	 * their placement maps flows' ends to zones */
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *e = &p->endpoints[i];
		uint32_t ei = catalog_endpoint_index(s, e->id);

		if (ei == CATALOG_NONE) {
			strlist_add(&out->unknown_endpoints, e->id);
			continue;
		}
		used[ei] = 1;
		if (e->zone != NULL)
			zone[ei] = e->zone;
	}
	for (size_t i = 0; i < ne; i++)
		if (zone[i] == NULL)
			zone[i] = s->endpoints.v[i].zone;

	out->products = xcalloc(p->products.n ? p->products.n : 1, sizeof *out->products);
	for (uint32_t pi = 0; pi < np; pi++) {
		if (!chosen[pi])
			continue;
		out->products[out->nproducts++] = pi;
		for (size_t k = s->flow_first[pi]; k < s->flow_first[pi + 1]; k++) {
			uint32_t a = s->flow_src[k], b = s->flow_dst[k];

			if (a == CATALOG_NONE || b == CATALOG_NONE || !catalog_flow_holds(s, k, on))
				continue;
			if (out->nflows == cap) {
				cap = cap ? cap + cap / 2 : 256;
				out->flows = xreallocarray(out->flows, cap, sizeof *out->flows);
				out->from_zone = xreallocarray(out->from_zone, cap,
							       sizeof *out->from_zone);
				out->to_zone = xreallocarray(out->to_zone, cap, sizeof *out->to_zone);
			}
			out->flows[out->nflows] = k;
			out->from_zone[out->nflows] = zone[a];
			out->to_zone[out->nflows++] = zone[b];
			used[a] = used[b] = 1;
		}
		for (size_t k = s->gap_first[pi]; k < s->gap_first[pi + 1]; k++) {
			if (!catalog_gap_holds(s, k, on))
				continue;
			if (out->ngaps == gcap) {
				gcap = gcap ? 2 * gcap : 16;
				out->gaps = xreallocarray(out->gaps, gcap, sizeof *out->gaps);
			}
			out->gaps[out->ngaps++] = k;
		}
	}
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
	free(used);
	free(chosen);
	free(zone);
}

void
selection_fini(struct selection *sel)
{
	free(sel->flows);
	free(sel->from_zone);
	free(sel->to_zone);
	free(sel->gaps);
	free(sel->products);
	free(sel->endpoints);
	free(sel->grouped);
	strlist_fini(&sel->unknown_products);
	strlist_fini(&sel->unknown_features);
	strlist_fini(&sel->unknown_endpoints);
	memset(sel, 0, sizeof *sel);
}
