/* plan.h: the admin's choices (products, features, zones, placement,
 * addresses) and change-request metadata.  The plan holds only choices;
 * what they mean comes from the catalog at resolve time.
 *
 * Lists are kept sorted so that the plan file writer is canonical. */
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

struct plan_endpoint {
	char *id;
	char *zone;		/* NULL: the catalog's default zone */
	struct strlist addresses;	/* IPv4, IPv6, CIDR (validated) */
	struct strlist hostnames;	/* DNS names (validated) */
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
	struct plan_endpoint *endpoints;	/* sorted by id */
	size_t nendpoints;
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

/* Borrowed until the plan changes; NULL if absent. */
const struct plan_endpoint *plan_endpoint(const struct plan *p, const char *id);
/* Borrowed until the plan changes; created when absent. */
struct plan_endpoint *plan_endpoint_get(struct plan *p, const char *id);
/* ZONE NULL restores the catalog default. */
void plan_place(struct plan *p, const char *endpoint, const char *zone);
/* Validates ADDR (IPv4, IPv6, CIDR or host name) and adds it to the
 * endpoint's addresses or host names.  -1 with ERR on an invalid one. */
int plan_add_address(struct plan *p, const char *endpoint, const char *addr,
		     struct pp_error *err);
/* The endpoint's host names, then its addresses, ", "-joined, as every
 * document and screen shows them; NULL when it has none.  Caller-owned. */
char *plan_address_text(const struct plan_endpoint *e);
/* Removes ADDR from the endpoint's addresses or host names. */
void plan_remove_address(struct plan *p, const char *endpoint, const char *addr);

/* Sets a metadata field (borrowed pointer into P->meta; NULL clears). */
void plan_set_meta(char **field, const char *value);
/* Borrowed: the slot of FIELD in META. */
char **plan_meta_slot(struct plan_meta *meta, enum plan_meta_field field);
const char *plan_meta_get(const struct plan_meta *meta, enum plan_meta_field field);

/* True when both plans hold the same choices and metadata. */
bool plan_equal(const struct plan *a, const struct plan *b);

#endif
