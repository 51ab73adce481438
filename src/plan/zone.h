/* zone.h: where an endpoint sits under a plan. */
#ifndef PORTPLAN_PLAN_ZONE_H
#define PORTPLAN_PLAN_ZONE_H

#include <stdint.h>

struct catalog_snapshot;
struct plan;

/* The zone of endpoint E (an index into S's endpoints) for PRODUCT's
 * flows (NULL: for every product): the plan's placement for PRODUCT,
 * else for every product, else where the endpoint it follows sits (for
 * PRODUCT, followed at most 16 times), else the catalog's default.
 * *SCOPE (may be NULL) is PRODUCT when the plan says anything of
 * PRODUCT:E (its own instance), else NULL.  Borrowed from P or S; NULL
 * for an index S does not have. */
const char *plan_zone_of(const struct plan *p, const struct catalog_snapshot *s,
			 const char *product, uint32_t e, const char **scope);

#endif
