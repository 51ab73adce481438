/* edit.h: the plan-editing engine.
 *
 * Every rule about changing a plan lives here, as kconfig's choice_set_value()
 * lives in its engine and menuconfig only calls it: a product comes with its
 * default features (or, later in the same session, with the features it had
 * when it was deselected); turning on one feature of a group of alternatives
 * turns the others off; endpoints, zones and addresses are checked against
 * the catalog and the plan's own zones.  The command line and the planner
 * call only this module and hold no plan rule.
 *
 * The editor reads the catalog's lists once and indexes them; the lists are
 * public and read-only for the front ends (catalog order).  Functions that
 * can fail return 0 or -1 with ERR; nothing is changed on failure. */
#ifndef PORTPLAN_PLAN_EDIT_H
#define PORTPLAN_PLAN_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "plan/plan.h"
#include "util/error.h"
#include "util/str.h"

struct edit_stash;

struct catalog_snapshot;

struct editor {
	struct catalog *cat;	/* borrowed */
	const struct catalog_snapshot *snap;	/* the catalog's, borrowed */
	struct plan *plan;	/* borrowed: the plan being edited */
	struct catalog_products products;
	struct catalog_features features;	/* every product's */
	struct catalog_zones zones;
	struct catalog_endpoints endpoints;	/* every endpoint */
	/* Product I's features are features.v[feat_list[k]] for k in
	 * [feat_first[I], feat_first[I + 1]), in catalog order; its endpoints
	 * likewise (ep_first, ep_list), the shared endpoints as the group
	 * after the last product (I = products.n). */
	size_t *feat_first, *feat_list;
	size_t *ep_first, *ep_list;

	/* private */
	struct strset product_index, endpoint_index, zone_index, feature_index;
	size_t *by_id;		/* feature indexes sorted by id */
	struct strset by_id_first;	/* feature id -> first position in by_id */
	struct edit_stash *stash;	/* features of deselected products */
	size_t nstash;
};

/* Reads the catalog's lists for editing P (both borrowed; P may be
 * replaced later with edit_set_plan).  Free with edit_fini. */
int edit_init(struct editor *ed, struct catalog *c, struct plan *p, struct pp_error *err);
void edit_fini(struct editor *ed);
/* Edits P from now on (the stash of deselected products is dropped). */
void edit_set_plan(struct editor *ed, struct plan *p);

/* ---- lookups (borrowed from the editor; NULL or n when unknown) ---- */

size_t edit_product_index(const struct editor *ed, const char *id);
const struct catalog_product *edit_product(const struct editor *ed, const char *id);
const struct catalog_feature *edit_feature(const struct editor *ed, const char *product,
					   const char *id);
const struct catalog_endpoint *edit_endpoint(const struct editor *ed, const char *id);
const struct catalog_zone *edit_catalog_zone(const struct editor *ed, const char *id);
/* Whether ZONE is a catalog zone or one the plan defines. */
bool edit_zone_known(const struct editor *ed, const char *zone);

/* ---- derived facts: one function each, the front ends only format ---- */

/* The zone an endpoint is in (plan/zone.h: the plan's placement, else
 * where the endpoint it follows is, else the catalog's default); NULL for
 * an endpoint neither knows.  _for: for PRODUCT's flows (its own instance
 * may be placed apart). */
const char *edit_endpoint_zone(const struct editor *ed, const char *endpoint);
const char *edit_endpoint_zone_for(const struct editor *ed, const char *product,
				   const char *endpoint);
/* A zone's label: the catalog's, else the plan's own zone's, else ZONE. */
const char *edit_zone_label(const struct editor *ed, const char *zone);
/* The number of features of P's products that are on. */
size_t edit_features_on(const struct editor *ed);

/* ---- products ---- */

/* Adds PRODUCT with its default features, or with the features it had when
 * it was deselected in this session.  An unknown product is an error that
 * lists the catalog's. */
int edit_select_product(struct editor *ed, const char *product, struct pp_error *err);
/* Removes PRODUCT and its features (remembered for a later reselection). */
void edit_deselect_product(struct editor *ed, const char *product);

/* ---- features ---- */

/* Turns feature ID on or off in PRODUCT, or, with PRODUCT NULL, in every
 * selected product that has it.  Turning one alternative of a group on
 * turns the others off.  Errors: PRODUCT not selected, no selected
 * product has the feature.  *CHANGED (may be NULL) tells whether the plan
 * changed. */
int edit_set_feature(struct editor *ed, const char *product, const char *id, bool on,
		     bool *changed, struct pp_error *err);
/* "ID" or "PRODUCT:ID", as the command line takes it. */
int edit_set_feature_spec(struct editor *ed, const char *spec, bool on,
			  struct pp_error *err);

/* ---- zones and placement ---- */

/* Whether ID may name a new zone of the plan: a valid id that is not a
 * catalog zone's. */
int edit_check_zone_id(const struct editor *ed, const char *id, struct pp_error *err);
/* Defines zone ID with LABEL (NULL or "": the id), or relabels a zone the
 * plan defines.  Errors: an invalid id, a catalog zone's id. */
int edit_define_zone(struct editor *ed, const char *id, const char *label,
		     struct pp_error *err);
/* Places ENDPOINT in ZONE, recorded in the plan even when ZONE is the
 * catalog's default (the document lists it among the choices, and it
 * stays if the catalog's default changes).  Placing it where the plan
 * already places it changes nothing.  Errors: unknown endpoint, unknown zone.  *CHANGED may be NULL. */
int edit_place(struct editor *ed, const char *endpoint, const char *zone,
	       bool *changed, struct pp_error *err);

/* ---- addresses ---- */

/* Adds ADDR (IPv4, IPv6, CIDR or host name) to ENDPOINT.  Errors: unknown
 * endpoint, invalid address. */
int edit_add_address(struct editor *ed, const char *endpoint, const char *addr,
		     struct pp_error *err);
/* Adds every item of LIST (separated by commas or white space), all or
 * none.  *COUNT (may be NULL) gets the number of items (0 for an empty
 * LIST, which changes nothing). */
int edit_add_addresses(struct editor *ed, const char *endpoint, const char *list,
		       size_t *count, struct pp_error *err);
/* Removes ADDR from ENDPOINT (nothing when it is not there). */
void edit_remove_address(struct editor *ed, const char *endpoint, const char *addr);

/* ---- the site (edit_site.c) ---- */

/* Places the endpoint for one product (PRODUCT NULL: every product).
 * Errors: unknown endpoint or zone; PRODUCT unknown or without a flow to
 * or from the endpoint. */
int edit_place_at(struct editor *ed, const char *product, const char *endpoint,
		  const char *zone, bool *changed, struct pp_error *err);
/* Takes the plan's placement back (the catalog's default, or every
 * product's placement for a scoped one). */
int edit_unplace(struct editor *ed, const char *product, const char *endpoint,
		 bool *changed, struct pp_error *err);
/* Adds ADDR to the endpoint for one product and/or one interface (NULL:
 * all).  Errors: unknown endpoint, product or interface (one the
 * endpoint's flows name), invalid address, an address outside every
 * subnet of the endpoint's zone. */
int edit_add_address_at(struct editor *ed, const char *product, const char *endpoint,
			const char *iface, const char *addr, struct pp_error *err);
/* Removes ADDR (NULL: every address of the entry).  Errors as above for
 * the names. */
int edit_remove_address_at(struct editor *ed, const char *product, const char *endpoint,
			   const char *iface, const char *addr, struct pp_error *err);
/* The interfaces the endpoint's flows name, in catalog order. */
void edit_endpoint_interfaces(const struct editor *ed, const char *endpoint,
			      struct strlist *out);

/* Subnets of zones.  Errors: unknown zone, not a network. */
int edit_add_subnet(struct editor *ed, const char *zone, const char *cidr,
		    struct pp_error *err);
int edit_remove_subnet(struct editor *ed, const char *zone, const char *cidr,
		       struct pp_error *err);

/* A firewall joining ZONES ("public,dmz"; at least two, each known).
 * Errors: an invalid id, an unknown zone, fewer than two zones. */
int edit_set_firewall(struct editor *ed, const char *id, const char *zones,
		      struct pp_error *err);
int edit_remove_firewall(struct editor *ed, const char *id, struct pp_error *err);

/* The options of the plan. */
enum edit_option {
	EDIT_OPTION_GROUP_PORTS,
	EDIT_OPTION_TLS_ONLY,
};
void edit_set_option(struct editor *ed, enum edit_option option, bool on);

/* A rule's own lifecycle, by its stable id (the plan must have recorded
 * it: save the plan first, or call resolution_record_ids).  Errors: an
 * unknown id, an expiry that is not a date. */
int edit_rule_set(struct editor *ed, const char *id, enum plan_rule_field field,
		  const char *value, struct pp_error *err);

/* Requirements: the features FEATURE of PRODUCT needs that are off,
 * ", "-joined (caller-owned), NULL when none. */
char *edit_missing_requirements(const struct editor *ed, const char *product, const char *id);
/* -1 with ERR naming the first feature on whose requirement is off, what
 * it needs, and how to turn it on. */
int edit_check_requirements(const struct editor *ed, struct pp_error *err);

/* ---- change-request details ---- */

/* Sets a detail of the plan (NULL or "" clears it).  Errors: a value the
 * field does not take (plan_meta_check). */
int edit_set_meta(struct editor *ed, enum plan_meta_field field, const char *value,
		  struct pp_error *err);

#endif
