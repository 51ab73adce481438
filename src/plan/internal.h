/* internal.h: shared between the plan module's files only. */
#ifndef PORTPLAN_PLAN_INTERNAL_H
#define PORTPLAN_PLAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/plan.h"
#include "util/error.h"
#include "util/str.h"

/* Free text as the plan holds it: cleaned (no controls, no bidi
 * overrides, valid UTF-8), without the two non-characters XML 1.0 forbids,
 * white space squeezed.  The writer writes it, the reader reads text into
 * it.  Caller-owned; NULL for NULL. */
char *planfile_clean_text(const char *s);

struct plan;
struct plan_endpoint;

/* Endpoint entries (plan_endpoint.c): order (id, product, interface;
 * NULL first), free, deep copy. */
int plan_endpoint_cmp(const struct plan_endpoint *a, const struct plan_endpoint *b);
void plan_endpoint_fini(struct plan_endpoint *e);
void plan_endpoint_copy(struct plan_endpoint *dst, const struct plan_endpoint *src);

/* Subnets, firewalls, options and rule records (plan_site.c). */
void plan_site_fini(struct plan *p);
void plan_site_copy(struct plan *dst, const struct plan *src);
bool plan_site_equal(const struct plan *a, const struct plan *b);

/* Building a plan in bulk (the file reader): items are appended to the
 * arrays, growing them with plan_grow (room for item N of SIZE bytes),
 * without sorting or looking for repeats; plan_sort then puts every list
 * in the order the functions of plan.h keep, once, and drops repeated
 * products, features, subnets, addresses and host names.  Ids that must
 * not repeat (zones, endpoints, firewalls, rules) are the caller's to
 * check.  Inserting each item in order made a plan of 200,000 zones take
 * 75 s. */
void *plan_grow(void *v, size_t n, size_t size);
void plan_sort(struct plan *p);
void plan_strlist_sort_unique(struct strlist *l);
void plan_endpoint_sort(struct plan *p);	/* plan_endpoint.c */
void plan_site_sort(struct plan *p);		/* plan_site.c: also the rule key index */
/* CIDR as plan_add_subnet checks and stores it: caller-owned, or NULL
 * with ERR. */
char *plan_subnet_canon(const char *cidr, struct pp_error *err);
/* Sets FIELD of rule record R, as plan_rule_set does. */
int plan_rule_set_field(struct plan_rule *r, enum plan_rule_field field, const char *value,
			struct pp_error *err);

#endif
