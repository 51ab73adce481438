/* zone.c: where an endpoint sits, the one derivation every part of the
 * program uses (the resolver, the editor, the screens). */
#include "config.h"

#include <string.h>

#include "catalog/snapshot.h"
#include "plan/plan.h"
#include "plan/zone.h"

const char *
plan_zone_of(const struct plan *p, const struct catalog_snapshot *s, const char *product,
	     uint32_t e, const char **scope)
{
	if (scope != NULL)
		*scope = NULL;
	for (unsigned depth = 0; e != CATALOG_NONE && e < s->endpoints.n && depth < 16; depth++) {
		const char *id = s->endpoints.v[e].id;
		const struct plan_endpoint *pe;

		if (product != NULL) {
			size_t first, end;

			plan_endpoint_range(p, id, &first, &end);
			for (size_t i = first; i < end && depth == 0 && scope != NULL; i++)
				if (p->endpoints[i].product != NULL &&
				    strcmp(p->endpoints[i].product, product) == 0)
					*scope = p->endpoints[i].product;
			pe = plan_endpoint_at(p, product, id, NULL);
			if (pe != NULL && pe->zone != NULL)
				return pe->zone;
		}
		pe = plan_endpoint_at(p, NULL, id, NULL);
		if (pe != NULL && pe->zone != NULL)
			return pe->zone;
		if (s->ep_follows == NULL || s->ep_follows[e] == CATALOG_NONE ||
		    s->ep_follows[e] == e)
			return s->endpoints.v[e].zone;
		e = s->ep_follows[e];
	}
	return e != CATALOG_NONE && e < s->endpoints.n ? s->endpoints.v[e].zone : NULL;
}
