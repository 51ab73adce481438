/* internal.h: shared between the plan module's files only. */
#ifndef PORTPLAN_PLAN_INTERNAL_H
#define PORTPLAN_PLAN_INTERNAL_H

#include <stdbool.h>

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

#endif
