/* select.h: the plan's choices applied to the catalog snapshot, the
 * resolver's first step (private to src/resolve).
 *
 * Which flows and gaps of the plan's products hold under its features
 * (a feature whose requirement is off has no effect; with the tls-only
 * option a plaintext flow whose TLS twin is selected is left out), where
 * their ends sit (the plan's placement for the product, else for every
 * product, else where the endpoint it follows sits, else the catalog's
 * default), and which names of the plan the catalog does not have.
 * Everything is indexes into the snapshot, in catalog order; only the
 * flows of the plan's products are looked at. */
#ifndef PORTPLAN_RESOLVE_SELECT_H
#define PORTPLAN_RESOLVE_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/snapshot.h"
#include "util/str.h"

struct plan;

struct selection {
	const struct catalog_snapshot *snap;
	size_t *flows;		/* selected flows */
	const char **from_zone, **to_zone;	/* each one's ends' zones */
	/* each end's scope: the product whose own instance of a shared
	 * endpoint it is (the plan says something of "product:endpoint"),
	 * else NULL */
	const char **from_scope, **to_scope;
	size_t nflows;
	size_t dropped_plaintext;	/* flows left out for their TLS twin */
	size_t *gaps;		/* gaps whose condition holds */
	size_t ngaps;
	uint32_t *products;	/* the plan's products the catalog has */
	size_t nproducts;
	/* the ends of the selected flows and the endpoints the plan names */
	uint32_t *endpoints;
	size_t nendpoints;
	/* selected features that belong to a group of alternatives */
	uint32_t *grouped;
	size_t ngrouped;
	/* features the plan turns on whose requirement is off: no effect */
	uint32_t *unmet;
	size_t nunmet;
	/* names in the plan the catalog does not have: product ids,
	 * "product:feature" (of the plan's products), endpoint ids */
	struct strlist unknown_products, unknown_features, unknown_endpoints;
};

/* Fills *OUT (free it with selection_fini). */
void selection_make(const struct catalog_snapshot *s, const struct plan *p,
		    struct selection *out);
void selection_fini(struct selection *sel);

#endif
