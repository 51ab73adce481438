/* delta.h: what changed between two plans over one catalog, the model of
 * a delta change request.
 *
 * Rules are matched by rule_key() (source and destination endpoint with
 * their zones, protocol, ports: the opening a stable id names): a rule of
 * the new resolution without a match is to be added, one of the old
 * without a match to be removed (so a rule that moves zones is a removal
 * and an addition), and a matched rule has changed when what the firewall
 * team or the approver sees of it differs (enum delta_field).  Besides the rules, the delta lists what
 * the admin changed in the plan (so that the approver sees why the rules
 * changed) and the notes the caller hands in.  The exporters only render
 * a delta (struct exporter's write_delta). */
#ifndef PORTPLAN_RESOLVE_DELTA_H
#define PORTPLAN_RESOLVE_DELTA_H

#include <stddef.h>

#include "util/str.h"

struct plan;
struct resolution;
struct rule;

enum delta_kind {
	DELTA_ADD,
	DELTA_REMOVE,
	DELTA_CHANGE,
	DELTA_NKINDS
};

/* What can change about a matched rule. */
enum delta_field {
	DELTA_SRC_ADDRESS,
	DELTA_DST_ADDRESS,
	DELTA_PURPOSE,		/* the purposes of its origins */
	DELTA_CITATION,		/* document, section, flow, inferred mark */
	DELTA_REQUIRED,
	DELTA_LIFECYCLE,	/* owner, justification, expiry, exclusion */
	DELTA_FIREWALLS,	/* the firewalls on its path */
	DELTA_NFIELDS
};
/* The addresses of a rule inside one host concern no firewall: they never
 * count as changed. */

struct delta_rule {
	enum delta_kind kind;
	/* borrowed from the resolutions; NULL on the side it is absent */
	const struct rule *old, *new;
	unsigned fields;	/* DELTA_CHANGE: bit 1u << enum delta_field */
};

enum delta_plan_kind {
	DELTA_PRODUCT_ADDED,	/* id */
	DELTA_PRODUCT_REMOVED,	/* id */
	DELTA_FEATURE_ON,	/* id, a: its product */
	DELTA_FEATURE_OFF,	/* id, a: its product */
	DELTA_ZONE_DEFINED,	/* id, a: its label (the id if it has none) */
	DELTA_ZONE_REMOVED,	/* id */
	DELTA_ENDPOINT_MOVED,	/* id, a, b: old and new zone (NULL: none) */
	DELTA_ADDRESS_ADDED,	/* id (the endpoint), a: address or host name */
	DELTA_ADDRESS_REMOVED,	/* id (the endpoint), a: address or host name */
};

/* A change of the admin's choices.  Strings borrowed from the plans and
 * resolutions. */
struct delta_plan_change {
	enum delta_plan_kind kind;
	const char *id, *a, *b;
};

struct delta {
	/* borrowed: the two sides */
	const struct plan *old_plan, *new_plan;
	const struct resolution *old, *new;
	/* additions and changes in the new resolution's order, then
	 * removals in the old one's */
	struct delta_rule *rules;
	size_t nrules;
	size_t count[DELTA_NKINDS];	/* rules per kind */
	size_t unchanged;	/* matched rules that did not change */
	/* products added, then removed; features turned on and zones
	 * defined; features turned off and zones removed; then per
	 * endpoint (by id) its move and its addresses added and removed */
	struct delta_plan_change *changes;
	size_t nchanges;
	struct strlist notes;	/* copied from delta_compute's NOTES */
};

void delta_init(struct delta *d);
void delta_fini(struct delta *d);

/* Fills D (after delta_init, or again after delta_fini) with the changes
 * from OLD_PLAN resolved as OLD to NEW_PLAN resolved as NEW (over the same
 * catalog, in the same language); NOTES may be NULL.  D borrows the plans
 * and resolutions: they must outlive it.  Deterministic. */
void delta_compute(struct delta *d, const struct plan *old_plan,
		   const struct resolution *old, const struct plan *new_plan,
		   const struct resolution *new, const struct strlist *notes);

/* Static: the machine name of a kind ("add", "remove", "change"). */
const char *delta_kind_name(enum delta_kind kind);
/* Static or from the message catalog: a field for people ("Source
 * address"), translated. */
const char *delta_field_label(enum delta_field field);
/* Appends the sentence of C for people, translated ("Product added:
 * bems"). */
void delta_plan_change_text(struct sbuf *out, const struct delta_plan_change *c);

#endif
