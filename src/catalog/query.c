/* query.c: the typed queries over the cache: zones, products, features,
 * endpoints, flows and gaps, each a list of plain records whose strings
 * live in the list's pool. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/internal.h"
#include "util/pool.h"
#include "util/str.h"

void
catalog_list_fini_(void **v, size_t *n, struct pool **pool)
{
	free(*v);
	*v = NULL;
	*n = 0;
	pool_free(pool);
}

int
catalog_prepare(struct catalog *c, const char *sql, sqlite3_stmt **st,
		struct pp_error *err)
{
	if (sqlite3_prepare_v2(c->db, sql, -1, st, NULL) != SQLITE_OK) {
		catalog_db_error(c->db, "query", err);
		*st = NULL;
		return -1;
	}
	if (sqlite3_bind_parameter_count(*st) >= 9)
		sqlite3_bind_text(*st, 9, c->lang, -1, SQLITE_STATIC);
	return 0;
}

const char *
catalog_col(struct pool *p, sqlite3_stmt *st, int i)
{
	return pool_strdup(p, (const char *)sqlite3_column_text(st, i));
}

void *
catalog_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap < 64 ? 64 : *cap + *cap / 2;
	return xreallocarray(v, *cap, size);
}

int
catalog_collect(struct catalog *c, sqlite3_stmt *st, void **v, size_t *n, size_t size,
		struct pool *pool, void (*row)(struct pool *, sqlite3_stmt *, void *),
		struct pp_error *err)
{
	size_t cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = catalog_grow(*v, *n, &cap, size);
		memset((char *)*v + *n * size, 0, size);
		row(pool, st, (char *)*v + *n * size);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		return -1;
	}
	if (*n > 0 && *n < cap)
		*v = xreallocarray(*v, *n, size);
	return 0;
}

static void
zone_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_zone *z = out;

	z->id = catalog_col(p, st, 0);
	z->label = catalog_col(p, st, 1);
}

int
catalog_zones(struct catalog *c, struct catalog_zones *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	CATALOG_LIST_INIT(out);
	if (catalog_prepare(c, "SELECT id, " TXT(ZONE, "zone.rid", "label")
			    " FROM zone ORDER BY rid", &st, err) != 0)
		return -1;
	return catalog_collect(c, st, (void **)&out->v, &out->n, sizeof *out->v,
			       out->pool, zone_row, err);
}

void
catalog_product_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_product *r = out;

	r->id = catalog_col(p, st, 0);
	r->vendor = catalog_col(p, st, 1);
	r->label = catalog_col(p, st, 2);
	r->description = catalog_col(p, st, 3);
	r->file = catalog_col(p, st, 4);
}

int
catalog_products(struct catalog *c, struct catalog_products *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	CATALOG_LIST_INIT(out);
	if (catalog_prepare(c, "SELECT " PRODUCT_COLS " FROM product p ORDER BY p.rid",
			    &st, err) != 0)
		return -1;
	return catalog_collect(c, st, (void **)&out->v, &out->n, sizeof *out->v,
			       out->pool, catalog_product_row, err);
}

bool
catalog_has_product(struct catalog *c, const char *id)
{
	sqlite3_stmt *st;
	bool found;

	if (sqlite3_prepare_v2(c->db, "SELECT 1 FROM product WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Lists use two statements, one for every product and one for a single
 * product: "?1 IS NULL OR product = ?1" would make SQLite scan every row
 * for each product the front ends ask about.  (Where a query starts from
 * a temporary sel_ table, CROSS JOIN keeps it the outer loop: SQLite has
 * no statistics for those and would otherwise scan the catalog.) */
static int
prepare_for(struct catalog *c, const char *product, const char *all_sql,
	    const char *one_sql, sqlite3_stmt **st, struct pp_error *err)
{
	if (catalog_prepare(c, product != NULL ? one_sql : all_sql, st, err) != 0)
		return -1;
	if (product != NULL)
		sqlite3_bind_text(*st, 1, product, -1, SQLITE_TRANSIENT);
	return 0;
}

void
catalog_feature_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_feature *r = out;

	r->product = catalog_col(p, st, 0);
	r->id = catalog_col(p, st, 1);
	r->kind = catalog_col(p, st, 2);
	r->group = catalog_col(p, st, 3);
	r->dflt = sqlite3_column_int(st, 4) != 0;
	if (sqlite3_column_count(st) > 5) {
		r->label = catalog_col(p, st, 5);
		r->help = catalog_col(p, st, 6);
	}
}

/* Features are imported inside their product, so rowid order is catalog
 * order (product by product). */
#define FEATURE_SQL \
	"SELECT f.product, f.id, f.kind, f.grp, f.dflt, " \
	TXT(FEATURE, "f.rid", "label") ", " TXT(FEATURE, "f.rid", "help") " FROM feature f"

int
catalog_features(struct catalog *c, const char *product,
		 struct catalog_features *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	CATALOG_LIST_INIT(out);
	if (prepare_for(c, product, FEATURE_SQL " ORDER BY f.rid",
			FEATURE_SQL " WHERE f.product = ?1 ORDER BY f.rid", &st, err) != 0)
		return -1;
	return catalog_collect(c, st, (void **)&out->v, &out->n, sizeof *out->v,
			       out->pool, catalog_feature_row, err);
}

void
catalog_endpoint_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_endpoint *r = out;

	r->id = catalog_col(p, st, 0);
	r->product = catalog_col(p, st, 1);
	r->zone = catalog_col(p, st, 2);
	r->label = catalog_col(p, st, 3);
	r->fqdn = catalog_col(p, st, 4);
}

#define ENDPOINT_SQL ENDPOINT_COLS " FROM endpoint e"

int
catalog_endpoints(struct catalog *c, const char *product,
		  struct catalog_endpoints *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	CATALOG_LIST_INIT(out);
	if (prepare_for(c, product, ENDPOINT_SQL " ORDER BY e.rid",
			ENDPOINT_SQL " WHERE e.rid IN"
			" (SELECT rid FROM endpoint WHERE product = ?1"
			"  UNION SELECT f.src_rid FROM product p CROSS JOIN flow f"
			"  ON f.product_rid = p.rid WHERE p.id = ?1"
			"  UNION SELECT f.dst_rid FROM product p CROSS JOIN flow f"
			"  ON f.product_rid = p.rid WHERE p.id = ?1)"
			" ORDER BY e.rid", &st, err) != 0)
		return -1;
	return catalog_collect(c, st, (void **)&out->v, &out->n, sizeof *out->v,
			       out->pool, catalog_endpoint_row, err);
}

#define FLOW_COLS \
	"f.product, f.id, f.src, f.dst, f.proto, f.ports, f.cond, f.required," \
	" f.inferred, f.doc, f.section, " TXT(FLOW, "f.rid", "purpose") ", " \
	TXT(FLOW, "f.rid", "reason") ", " TXT(FLOW, "f.rid", "note") ", f.interfaces," \
	" f.preferred, f.digest, f.file, f.line"

static void
flow_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_flow *r = out;

	r->product = catalog_col(p, st, 0);
	r->id = catalog_col(p, st, 1);
	r->from = catalog_col(p, st, 2);
	r->to = catalog_col(p, st, 3);
	r->proto = sqlite3_column_int(st, 4);
	r->ports = catalog_col(p, st, 5);
	r->cond = catalog_col(p, st, 6);
	r->required = sqlite3_column_int(st, 7) != 0;
	r->inferred = sqlite3_column_int(st, 8) != 0;
	r->doc = catalog_col(p, st, 9);
	r->section = catalog_col(p, st, 10);
	r->purpose = catalog_col(p, st, 11);
	r->reason = catalog_col(p, st, 12);
	r->note = catalog_col(p, st, 13);
	r->interfaces = catalog_col(p, st, 14);
	r->preferred = catalog_col(p, st, 15);
	r->digest = catalog_col(p, st, 16);
	r->file = catalog_col(p, st, 17);
	r->line = sqlite3_column_int(st, 18);
}

#define FLOWS_SQL "SELECT " FLOW_COLS " FROM flow f"

int
catalog_flows(struct catalog *c, const char *product,
	      struct catalog_flows *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	CATALOG_LIST_INIT(out);
	if (prepare_for(c, product, FLOWS_SQL " ORDER BY f.rid",
			FLOWS_SQL " WHERE f.product_rid = (SELECT rid FROM product WHERE id = ?1)"
			" ORDER BY f.rid", &st, err) != 0)
		return -1;
	return catalog_collect(c, st, (void **)&out->v, &out->n, sizeof *out->v,
			       out->pool, flow_row, err);
}

void
catalog_gap_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_gap *r = out;

	r->product = catalog_col(p, st, 0);
	r->id = catalog_col(p, st, 1);
	r->cond = catalog_col(p, st, 2);
	r->doc = catalog_col(p, st, 3);
	r->section = catalog_col(p, st, 4);
	r->text = catalog_col(p, st, 5);
}

#define GAPS_SQL "SELECT " GAP_COLS " FROM gap g"

int
catalog_gaps(struct catalog *c, const char *product,
	     struct catalog_gaps *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	CATALOG_LIST_INIT(out);
	if (prepare_for(c, product, GAPS_SQL " ORDER BY g.rid",
			GAPS_SQL " WHERE g.product_rid = (SELECT rid FROM product WHERE id = ?1)"
			" ORDER BY g.rid", &st, err) != 0)
		return -1;
	return catalog_collect(c, st, (void **)&out->v, &out->n, sizeof *out->v,
			       out->pool, catalog_gap_row, err);
}
