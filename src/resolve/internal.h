/* internal.h: the steps of a resolution, shared between the files of
 * src/resolve only.  resolve() runs them in this order:
 *
 *   selection_make (select.c)   the flows, their ends' zones and scopes
 *   openings (resolve.c)        flows sorted, identical openings merged
 *   hosts_merge (hosts.c)       identical openings between the same
 *                               addresses across endpoints and products
 *   hosts_group_ports (hosts.c) with the plan's option: one rule per
 *                               source, destination and protocol
 *   ids_assign (ids.c)          stable ids from the plan's records, the
 *                               rules' lifecycle
 *   risk_flag (risk.c)          what the approver should weigh
 *   paths_assign (paths.c)      the firewalls on each rule's path
 *   checks (checks.c)           problems, errors and conflicts of the plan */
#ifndef PORTPLAN_RESOLVE_INTERNAL_H
#define PORTPLAN_RESOLVE_INTERNAL_H

#include "resolve/resolve.h"
#include "resolve/select.h"

struct plan;

/* The addresses of a rule's end: the plan's for the endpoint's instance
 * (SCOPE's own entry, else every product's), those of the interface
 * FLOW names (the preferred one first) when the plan gives it any, else
 * the catalog's FQDN patterns.  Fills address, iface, any and fqdn. */
void hosts_address(struct resolution *r, const struct plan *p, const struct catalog_flow *flow,
		   const char *id, const char *scope, const struct catalog_endpoint *ce,
		   struct rule_end *e);
/* Merges the rules of R whose ends have the same addresses (one host
 * holding several endpoints, or the same instance twice), keeping every
 * origin; the first keeps its place. */
void hosts_merge(struct resolution *r);
/* Merges rules of one source, destination and protocol into one with all
 * their ports (the plan's group-ports option). */
void hosts_group_ports(struct resolution *r);

/* Gives each rule its key, its id (the plan's record, else a new one) and
 * its lifecycle. */
void ids_assign(struct resolution *r, const struct plan *p);

/* Flags each rule: any address, a wide range, plaintext beside TLS, the
 * internet. */
void risk_flag(struct resolution *r);

/* Assigns each rule to the firewalls on the path between its zones. */
void paths_assign(struct resolution *r, const struct plan *p);

/* The plan's problems (unknown names, alternatives, requirements off,
 * unknown zones), its errors (addresses outside their zone's subnets) and
 * the port conflicts of shared hosts. */
void checks_plan(struct resolution *r, const struct plan *p, const struct selection *sel);
void checks_hosts(struct resolution *r, const struct plan *p);

/* Zone order (resolve.c): catalog zones, the plan's own, anything else. */
size_t resolve_zone_rank(const struct resolution *r, const struct plan *p, const char *zone);

#endif
