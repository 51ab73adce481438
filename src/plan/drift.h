/* drift.h: has the catalog changed since the plan was saved?
 *
 * A plan records, when it is saved, one "product flow-id digest" line per
 * catalog flow of its products (struct plan.fingerprint).  A flow's digest
 * changes whenever anything a rule shows changes (ends, protocol, ports,
 * condition, citation, purpose...).  Comparing the recorded lines with the
 * catalog tells the admin which flows were added, changed or removed
 * instead of handing them a silently different change request. */
#ifndef PORTPLAN_PLAN_DRIFT_H
#define PORTPLAN_PLAN_DRIFT_H

#include "util/error.h"
#include "util/str.h"

struct catalog;
struct plan;

/* Replaces P's fingerprint with the catalog's flows of P's products
 * (products the catalog does not have contribute nothing), sorted. */
int drift_fingerprint(struct catalog *c, struct plan *p, struct pp_error *err);

/* Appends to CHANGES one translated sentence per flow of P's products
 * added, changed or removed since P's fingerprint was taken, in product
 * and flow order.  Nothing is appended when the catalog is unchanged. */
int drift_compare(struct catalog *c, const struct plan *p,
		  struct strlist *changes, struct pp_error *err);

#endif
