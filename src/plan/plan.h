/* plan.h: the admin's choices (products, features, zones and their
 * subnets, placement, addresses, firewalls, options), the change-request
 * details, and the record of the rule ids the plan handed out with each
 * rule's lifecycle.  The plan holds only choices; what they mean comes
 * from the catalog at resolve time.
 *
 * Lists are kept sorted so that the plan file writer is canonical.  The
 * functions here keep the model consistent; they do not check names
 * against the catalog (the editor, plan/edit.h, does). */
#ifndef PORTPLAN_PLAN_PLAN_H
#define PORTPLAN_PLAN_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"
#include "util/str.h"

struct plan_feature {
	char *product;
	char *id;
};

struct plan_zone {		/* a zone the admin defines */
	char *id;
	char *label;
};

/* What the plan says about an endpoint: for every product (PRODUCT
 * NULL) or for one product's use of a shared endpoint ("bems:sql"), the
 * endpoint itself (IFACE NULL) or one interface of an appliance
 * ("forcepoint/C").  Scoped entries override unscoped ones. */
struct plan_endpoint {
	char *id;
	char *product;		/* scope; NULL: every product */
	char *iface;		/* an appliance interface; NULL: the endpoint */
	char *zone;		/* NULL: not placed by this entry (never set
				 * on an interface's entry) */
	struct strlist addresses;	/* IPv4, IPv6, CIDR, "any" (validated) */
	struct strlist hostnames;	/* DNS names and *. patterns (validated) */
};

/* A network a zone holds: the addresses of its endpoints must be inside
 * one of its subnets (when it has any). */
struct plan_subnet {
	char *zone;
	char *cidr;		/* canonical */
};

/* A device with interfaces in ZONES: each rule is assigned to every
 * firewall on the path between its zones. */
struct plan_firewall {
	char *id;
	struct strlist zones;	/* as given (at least two) */
};

/* A rule id the plan handed out, for the opening KEY (resolve.h
 * rule_key): the same opening keeps its id in every later revision, and
 * an id is never given to another opening.  The lifecycle set for the
 * rule overrides the plan's details. */
struct plan_rule {
	char *id;		/* R001, N001, H001 */
	char *key;
	char *owner, *justification, *expiry;	/* NULL: the plan's */
	char *excluded;		/* the reason it is left out; NULL: included */
};

/* The per-rule lifecycle fields, by name. */
enum plan_rule_field {
	PLAN_RULE_OWNER,
	PLAN_RULE_JUSTIFICATION,
	PLAN_RULE_EXPIRY,
	PLAN_RULE_EXCLUDED,
};

struct plan_options {
	bool group_ports;	/* one rule per source, destination, protocol */
	bool tls_only;		/* open the TLS twin only, not the plaintext port */
};

/* The change-request details, each once: the table feeds the plan file,
 * the command line (--NAME), the editor and the documents. */
#define PLAN_META_FIELDS(X) \
	X(TITLE, title, "title") \
	X(CHANGE_ID, change_id, "change-id") \
	X(REQUESTER, requester, "requester") \
	X(OWNER, owner, "owner") \
	X(JUSTIFICATION, justification, "justification") \
	X(WINDOW, window, "window") \
	X(EXPIRY, expiry, "expiry") \
	X(NOTES, notes, "notes")

struct plan_meta {
#define X(e, field, name) char *field;
	PLAN_META_FIELDS(X)
#undef X
};

enum plan_meta_field {
#define X(e, field, name) PLAN_META_##e,
	PLAN_META_FIELDS(X)
#undef X
	PLAN_META_COUNT
};

/* The name of FIELD in the plan file and on the command line ("change-id");
 * static. */
const char *plan_meta_name(enum plan_meta_field field);
/* A label for people ("Business justification"), translated; static. */
const char *plan_meta_label(enum plan_meta_field field);
/* Checks VALUE for FIELD: the expiry or review date is a date
 * (YYYY-MM-DD); the rest is free text.  -1 with ERR. */
int plan_meta_check(enum plan_meta_field field, const char *value, struct pp_error *err);

struct plan {
	struct plan_meta meta;
	struct strlist products;	/* sorted */
	struct plan_feature *features;	/* sorted by product, id */
	size_t nfeatures;
	struct plan_zone *zones;	/* sorted by id */
	size_t nzones;
	struct plan_endpoint *endpoints;	/* sorted by id, product, iface */
	size_t nendpoints;
	struct plan_subnet *subnets;	/* sorted by zone, cidr */
	size_t nsubnets;
	struct plan_firewall *firewalls;	/* sorted by id */
	size_t nfirewalls;
	struct plan_rule *rules;	/* sorted by id */
	size_t nrules;
	struct strset rule_keys;	/* key -> index in rules */
	struct plan_options options;
	/* Catalog fingerprint when the plan was saved: one "product flow-id
	 * digest" line per flow of the plan's products (see plan file). */
	struct strlist fingerprint;
};

/* Caller-owned empty plan; free with plan_free. */
struct plan *plan_new(void);
void plan_free(struct plan **p);
/* Caller-owned deep copy. */
struct plan *plan_dup(const struct plan *p);

bool plan_has_product(const struct plan *p, const char *product);
void plan_add_product(struct plan *p, const char *product);
/* Also drops the product's features. */
void plan_remove_product(struct plan *p, const char *product);

bool plan_has_feature(const struct plan *p, const char *product, const char *id);
void plan_set_feature(struct plan *p, const char *product, const char *id, bool on);

/* Defines or relabels an admin zone. */
void plan_add_zone(struct plan *p, const char *id, const char *label);
void plan_remove_zone(struct plan *p, const char *id);
/* Borrowed until the plan changes; NULL if absent. */
const struct plan_zone *plan_zone(const struct plan *p, const char *id);

/* Borrowed until the plan changes: the label of a zone the plan defines,
 * or ID itself. */
const char *plan_zone_label(const struct plan *p, const char *id);

/* The entry for (PRODUCT, ID, IFACE) exactly (NULL PRODUCT: unscoped,
 * NULL IFACE: the endpoint itself).  Borrowed until the plan changes;
 * NULL if absent. */
const struct plan_endpoint *plan_endpoint_at(const struct plan *p, const char *product,
					     const char *id, const char *iface);
/* The same, created when absent. */
struct plan_endpoint *plan_endpoint_at_get(struct plan *p, const char *product,
					   const char *id, const char *iface);
/* Unscoped, the endpoint itself: plan_endpoint_at(P, NULL, ID, NULL). */
const struct plan_endpoint *plan_endpoint(const struct plan *p, const char *id);
struct plan_endpoint *plan_endpoint_get(struct plan *p, const char *id);
/* The entries of endpoint ID, every scope and interface: [*FIRST, *END). */
void plan_endpoint_range(const struct plan *p, const char *id, size_t *first, size_t *end);
/* ZONE NULL restores the catalog default. */
void plan_place(struct plan *p, const char *endpoint, const char *zone);
void plan_place_at(struct plan *p, const char *product, const char *endpoint,
		   const char *zone);
/* Validates ADDR (IPv4, IPv6, CIDR, host name or "any") and adds it to the
 * endpoint's addresses or host names.  -1 with ERR on an invalid one. */
int plan_add_address(struct plan *p, const char *endpoint, const char *addr,
		     struct pp_error *err);
int plan_add_address_at(struct plan *p, const char *product, const char *endpoint,
			const char *iface, const char *addr, struct pp_error *err);
/* Checks ADDR as plan_add_address would, without adding it. */
int plan_check_address(const char *addr, struct pp_error *err);
/* The endpoint's host names, then its addresses, ", "-joined, as every
 * document and screen shows them; NULL when it has none.  Caller-owned. */
char *plan_address_text(const struct plan_endpoint *e);
/* Removes ADDR from the endpoint's addresses or host names (ADDR NULL:
 * all of them).  Entries left empty are dropped. */
void plan_remove_address(struct plan *p, const char *endpoint, const char *addr);
void plan_remove_address_at(struct plan *p, const char *product, const char *endpoint,
			    const char *iface, const char *addr);
/* Whether an entry says nothing (no zone, no address). */
bool plan_endpoint_is_empty(const struct plan_endpoint *e);

/* Subnets of zones.  CIDR is validated ("did you mean" for host bits). */
int plan_add_subnet(struct plan *p, const char *zone, const char *cidr,
		    struct pp_error *err);
void plan_remove_subnet(struct plan *p, const char *zone, const char *cidr);
/* ZONE's subnets: [*FIRST, *END) of p->subnets. */
void plan_zone_subnets(const struct plan *p, const char *zone, size_t *first, size_t *end);

/* Firewalls.  Defines or redefines ID with ZONES (copied). */
void plan_set_firewall(struct plan *p, const char *id, const struct strlist *zones);
void plan_remove_firewall(struct plan *p, const char *id);
/* Borrowed until the plan changes; NULL if absent. */
const struct plan_firewall *plan_firewall(const struct plan *p, const char *id);

/* Rule records.  Records ID for KEY (ID must be new, KEY unrecorded). */
void plan_record_rule(struct plan *p, const char *id, const char *key);
/* Borrowed until the plan changes; NULL if absent. */
const struct plan_rule *plan_rule(const struct plan *p, const char *id);
const struct plan_rule *plan_rule_by_key(const struct plan *p, const char *key);
/* The highest number handed out with LETTER ('R', 'N', 'H'), 0 for none. */
unsigned plan_rule_last(const struct plan *p, char letter);
/* Sets a lifecycle field of recorded rule ID (NULL or "" clears it).
 * Errors: an unknown id, an expiry that is not a date. */
int plan_rule_set(struct plan *p, const char *id, enum plan_rule_field field,
		  const char *value, struct pp_error *err);
/* "owner", "justification", "expiry", "excluded"; static. */
const char *plan_rule_field_name(enum plan_rule_field field);
const char *plan_rule_get(const struct plan_rule *r, enum plan_rule_field field);

/* Sets a metadata field (borrowed pointer into P->meta; NULL clears). */
void plan_set_meta(char **field, const char *value);
/* Borrowed: the slot of FIELD in META. */
char **plan_meta_slot(struct plan_meta *meta, enum plan_meta_field field);
const char *plan_meta_get(const struct plan_meta *meta, enum plan_meta_field field);

/* True when both plans hold the same choices and metadata. */
bool plan_equal(const struct plan *a, const struct plan *b);

#endif
