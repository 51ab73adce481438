/* resolve.h: plan + catalog -> rules.
 *
 * The selection (select.c) takes the flows of the plan's products whose
 * condition holds from the catalog's snapshot and maps their ends to
 * zones; this module merges identical openings into rules, sorts them
 * into sections and boundaries, numbers them, and collects what the
 * approver must be warned about.  A resolution points into the catalog:
 * free it before the catalog. */
#ifndef PORTPLAN_RESOLVE_RESOLVE_H
#define PORTPLAN_RESOLVE_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "util/error.h"
#include "util/str.h"

struct catalog_snapshot;
struct plan;

enum rule_section {
	RULE_FIREWALL,		/* crosses a zone boundary */
	RULE_NO_CHANGE,		/* both ends in the same zone */
	RULE_HOST_LOCAL,	/* inside one host */
};

struct rule_end {
	const char *id;		/* endpoint id (the first, when one host holds
				 * several endpoints of the rule) */
	const char *ids;	/* every endpoint id of this end, ", "-joined */
	const char *scope;	/* the product whose own instance of a shared
				 * endpoint this is ("bems" of bems:sql), NULL */
	const char *iface;	/* the appliance interface whose addresses the
				 * rule uses, NULL */
	const char *label;	/* endpoint label (or the id if unknown); the
				 * labels, " + "-joined, for several */
	const char *zone;	/* zone id */
	const char *zone_label;
	const char *address;	/* plan addresses and host names, else the
				 * catalog's FQDN patterns, ", "-joined; NULL */
	bool given;		/* the plan gives the address (not the catalog) */
	bool any;		/* the address is "any": every address */
	bool fqdn;		/* host names or *. patterns: the device needs
				 * FQDN objects or a proxy */
};

/* A risk the approver should weigh (issue 14): an opening from or to any
 * address, a wide port range, a plaintext protocol beside its TLS twin,
 * the internet. */
enum rule_flag_severity {
	FLAG_INFO,
	FLAG_WARN,
	FLAG_HIGH,
};
struct rule_flag {
	enum rule_flag_severity severity;
	const char *code;	/* "any", "range", "plaintext", "internet": stable */
	const char *text;	/* the short reason, translated */
};

/* What the change request says about a rule's life: the plan's details
 * unless the plan sets them for this rule (by its stable id). */
struct rule_life {
	const char *owner, *justification, *expiry;	/* NULL: none */
	const char *excluded;	/* the reason it is left out; NULL: included */
};

struct rule {
	char id[16];		/* R001 (firewall), N001 (no change), H001 (host) */
	enum rule_section section;
	struct rule_end src, dst;
	int proto;
	const char *ports;	/* NULL for protocols without ports */
	bool required;		/* at least one origin is required */
	bool inferred;		/* at least one origin is inferred */
	const struct catalog_flow **origins;	/* the flows it opens for */
	size_t norigins;
	const struct rule_flag *flags;	/* most severe first */
	size_t nflags;
	struct rule_life life;
	/* the stable identity of the opening, as the plan records it with
	 * the id; set when the plan has records, else NULL (rule_key()
	 * makes it) */
	const char *key;
	bool new_id;		/* the id is new: the plan has no record of it yet */
	/* the firewalls on the path between the zones (none when the plan
	 * names no firewall: the boundary is its own implicit firewall) */
	const char **firewalls;
	size_t nfirewalls;
};

/* A run of firewall rules with the same source and destination zone. */
struct boundary {
	const char *src_zone, *dst_zone;
	const char *src_label, *dst_label;
	size_t first, count;	/* into rules[] */
	size_t excluded;	/* of COUNT, the rules left out by the plan */
};

struct resolution {
	struct rule *rules;	/* firewall, then no-change, then host-local */
	size_t nrules;
	size_t count[3];	/* rules per section */
	struct boundary *boundaries;
	size_t nboundaries;
	/* the selected flows (the catalog's records), in catalog order */
	const struct catalog_flow **flows;
	size_t nflows;
	struct catalog_gaps gaps;	/* what the documents leave unstated */
	struct catalog_products products;	/* the plan's known products */
	struct catalog_zones zones;
	/* the rules' endpoints and those the plan names, sorted by id */
	struct catalog_endpoints endpoints;
	/* endpoints of firewall rules with neither a plan address nor an FQDN */
	struct strlist unaddressed;
	/* plan entries the catalog does not know (kept, never dropped) and
	 * other problems with the choices, as sentences */
	struct strlist problems;
	/* what makes the plan wrong for the site (an address outside its
	 * zone's subnets): exports and check refuse, the planner shows it */
	struct strlist errors;
	/* two endpoints on one host listening on the same protocol and port */
	struct strlist conflicts;
	size_t new_ids;		/* rules whose id the plan has no record of */
	size_t excluded;	/* rules the plan leaves out */
	size_t dropped_plaintext;	/* openings left out for their TLS twin */
	struct strset endpoint_index;	/* endpoint id -> index in endpoints */
	struct strset product_index;	/* product id -> index in products */
	struct strset zone_index;	/* catalog zone id -> index in zones */
	const struct catalog_snapshot *snap;	/* what the rules point into */
	struct pool *pool;
};

/* Caller-owned *OUT; free with resolution_free. */
int resolve(struct catalog *c, const struct plan *p, struct resolution **out,
	    struct pp_error *err);
void resolution_free(struct resolution **r);

/* Borrowed from R: a zone's label (the plan's own zones included), an
 * endpoint's catalog record, a product's label; ID when unknown. */
const char *resolution_zone_label(const struct resolution *r, const struct plan *p,
				  const char *zone);
const struct catalog_endpoint *resolution_endpoint(const struct resolution *r,
						   const char *id);
const char *resolution_product_label(const struct resolution *r, const char *id);

/* What the approver must be warned about, in the order every front end
 * lists it: the plan's problems, the firewall-rule ends without an
 * address (one warning for all), each inferred origin of a rule, each gap,
 * and each note of a firewall rule's origin. */
enum warning_kind {
	WARNING_PROBLEM,	/* text */
	WARNING_UNADDRESSED,	/* r->unaddressed */
	WARNING_INFERRED,	/* rule, flow (its reason) */
	WARNING_GAP,		/* gap */
	WARNING_NOTE,		/* rule, flow (its note) */
	WARNING_CONFLICT,	/* text: a port two endpoints of one host need */
	WARNING_ERROR,		/* text: the plan is wrong for the site */
};
struct warning {
	enum warning_kind kind;
	const char *text;
	const struct rule *rule;
	const struct catalog_flow *flow;
	const struct catalog_gap *gap;
};
/* Calls FN (may be NULL) for each warning of R; returns their number. */
size_t resolution_warnings(const struct resolution *r,
			   void (*fn)(void *arg, const struct warning *w), void *arg);
/* Appends the sentence of W (a warning of R), translated: the one wording
 * of every warning for every front end, which only lays it out.  QUOTE
 * appends the parts taken from the catalog or the plan (texts, labels,
 * documents), for a format that must escape them; NULL appends them as
 * they are.  Ids are never quoted. */
void resolution_warning_text(struct sbuf *out, const struct resolution *r,
			     const struct warning *w,
			     void (*quote)(struct sbuf *out, const char *s));

/* Canonical key of a rule's opening, the identity its stable id names:
 * "SRC@ZONE>DST@ZONE PROTO PORTS" with SRC and DST "endpoint",
 * "product:endpoint" for a product's own instance, "/interface" when the
 * rule uses one interface's addresses (no zones inside one host).  A rule
 * that moves zones is a new opening.  Caller-owned. */
char *rule_key(const struct rule *rule);

/* Records in P the ids R gave rules that P had no record of (before a
 * save), so that every later revision keeps them. */
void resolution_record_ids(const struct resolution *r, struct plan *p);
/* Saves P to PATH (FLAGS as file_write_atomic) as every front end does:
 * with the catalog's fingerprint and the ids of its rules recorded. */
int resolve_save_plan(struct catalog *c, struct plan *p, const char *path, int flags,
		      struct pp_error *err);

#endif
