/* snapshot.h: the catalog in memory.
 *
 * SQLite is the store; a session reads it once into a snapshot: every
 * record in catalog order (the same records the list functions return),
 * ids interned, the ends of flows and the literals of conditions as
 * indexes, and indexes by id.  The resolver and the editor work on it;
 * resolutions point into it.  A snapshot holds the texts of one language
 * (falling back to English); the catalog keeps one per language asked
 * for, and loads each part on first use, so that a front end that shows
 * only products never reads the flows.
 *
 * Everything is read-only and lives until catalog_free. */
#ifndef PORTPLAN_CATALOG_SNAPSHOT_H
#define PORTPLAN_CATALOG_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "util/error.h"
#include "util/str.h"

/* The parts of a snapshot, loaded on demand. */
enum catalog_part {
	CATALOG_PART_LISTS = 1 << 0,	/* zones, products, features, endpoints */
	CATALOG_PART_FLOWS = 1 << 1,	/* flows and gaps, with their conditions */
};

/* A literal of a condition: FEATURE (an index into features) is on, or,
 * with NEG, off. */
struct catalog_lit {
	uint32_t feature;
	bool neg;
};

#define CATALOG_NONE UINT32_MAX	/* an index that names nothing */

struct catalog_snapshot {
	unsigned parts;		/* what is loaded */

	/* CATALOG_PART_LISTS, in catalog order */
	struct catalog_zones zones;
	struct catalog_products products;
	struct catalog_features features;	/* product by product */
	struct catalog_endpoints endpoints;
	/* product I's features are [feat_first[I], feat_first[I + 1]) */
	size_t *feat_first;
	uint32_t *feat_product;	/* a feature's product */
	uint32_t *ep_product;	/* an endpoint's product, CATALOG_NONE when shared */
	uint32_t *ep_follows;	/* the endpoint it follows, CATALOG_NONE */
	/* feature I needs the features req[req_first[I] .. req_first[I + 1]) */
	size_t *req_first;
	uint32_t *req;
	struct catalog_documents documents;	/* in catalog order */
	/* id -> index; features by "product:id" */
	struct strset zone_index, product_index, endpoint_index, feature_index;
	struct strset document_index;	/* by source */

	/* CATALOG_PART_FLOWS, in catalog order: product by product */
	struct catalog_flows flows;
	struct catalog_gaps gaps;
	size_t *flow_first, *gap_first;	/* per product, as feat_first */
	uint32_t *flow_product, *flow_src, *flow_dst;	/* indexes */
	uint32_t *flow_twin;	/* the TLS twin, CATALOG_NONE */
	struct strset flow_index;	/* "product:id" -> flow index */
	/* flow I's literals are lits[flow_lit[I] .. flow_lit[I + 1]) */
	size_t *flow_lit, *gap_lit;
	struct catalog_lit *lits;
	uint32_t *gap_product;

	/* private */
	struct strset strings;	/* interned ids and repeated texts */
	struct pool *pool;
	char lang[8];
};

/* The snapshot for the catalog's language with at least PARTS loaded
 * (CATALOG_PART_LISTS | CATALOG_PART_FLOWS for everything).  Borrowed
 * until catalog_free; NULL with ERR when the cache cannot be read. */
const struct catalog_snapshot *catalog_snapshot(struct catalog *c, unsigned parts,
						struct pp_error *err);

/* Index lookups (CATALOG_NONE when unknown). */
uint32_t catalog_zone_index(const struct catalog_snapshot *s, const char *id);
uint32_t catalog_product_index(const struct catalog_snapshot *s, const char *id);
uint32_t catalog_endpoint_index(const struct catalog_snapshot *s, const char *id);
uint32_t catalog_feature_index(const struct catalog_snapshot *s, const char *product,
			       const char *id);
uint32_t catalog_flow_index(const struct catalog_snapshot *s, const char *product,
			    const char *id);
/* The document flows cite as SOURCE; NULL when the catalog has no record. */
const struct catalog_document *catalog_document(const struct catalog_snapshot *s,
						const char *source);

/* Whether flow or gap I's condition holds when the features with ON[k]
 * set are selected. */
bool catalog_flow_holds(const struct catalog_snapshot *s, size_t i, const bool *on);
bool catalog_gap_holds(const struct catalog_snapshot *s, size_t i, const bool *on);

#endif
