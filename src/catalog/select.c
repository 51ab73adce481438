/* select.c: catalog_select, the plan's choices against the catalog: the
 * choices go into temporary tables, one query selects the flows whose
 * condition holds with both ends mapped to zones, a second pass fills
 * their texts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/internal.h"
#include "plan/plan.h"
#include "util/pool.h"
#include "util/str.h"

/* Steps ST (an INSERT ... SELECT) with text parameters A and B; *HIT
 * tells whether the catalog had what was named. */
static int
insert_choice(sqlite3_stmt *st, const char *a, const char *b, bool *hit)
{
	int rc;

	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*hit = sqlite3_changes(sqlite3_db_handle(st)) > 0;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The plan's choices as rowids in temporary tables: the selected
 * products and features, the placements, and the endpoints the plan
 * names.  What the catalog does not have is listed in OUT. */
static int
load_choices(struct catalog *c, const struct plan *p, struct catalog_selection *out,
	     struct pp_error *err)
{
	static const char *const sql[] = {
		"INSERT OR IGNORE INTO sel_product SELECT rid FROM product WHERE id = ?1",
		("INSERT OR IGNORE INTO sel_feature"
		 " SELECT rid FROM feature WHERE product = ?1 AND id = ?2"),
		"INSERT OR IGNORE INTO sel_endpoint SELECT rid FROM endpoint WHERE id = ?1",
		"INSERT OR REPLACE INTO sel_place SELECT rid, ?2 FROM endpoint WHERE id = ?1",
	};
	sqlite3_stmt *st[4] = { NULL, NULL, NULL, NULL };
	bool hit;
	int rc = -1;

	if (sqlite3_exec(c->db,
			 "CREATE TEMP TABLE IF NOT EXISTS sel_product(rid INTEGER PRIMARY KEY);"
			 "CREATE TEMP TABLE IF NOT EXISTS sel_feature(rid INTEGER PRIMARY KEY);"
			 "CREATE TEMP TABLE IF NOT EXISTS sel_endpoint(rid INTEGER PRIMARY KEY);"
			 "CREATE TEMP TABLE IF NOT EXISTS sel_place(endpoint INTEGER PRIMARY KEY,"
			 " zone TEXT NOT NULL);"
			 "BEGIN;"
			 "DELETE FROM sel_product; DELETE FROM sel_feature;"
			 " DELETE FROM sel_endpoint; DELETE FROM sel_place;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		catalog_db_error(c->db, "plan", err);
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	for (size_t i = 0; i < 4; i++)
		if (sqlite3_prepare_v2(c->db, sql[i], -1, &st[i], NULL) != SQLITE_OK)
			goto dberr;
	for (size_t i = 0; i < p->products.n; i++) {
		if (insert_choice(st[0], p->products.v[i], NULL, &hit) != 0)
			goto dberr;
		if (!hit)
			strlist_add(&out->unknown_products, p->products.v[i]);
	}
	for (size_t i = 0; i < p->nfeatures; i++) {
		const struct plan_feature *f = &p->features[i];

		if (insert_choice(st[1], f->product, f->id, &hit) != 0)
			goto dberr;
		if (!hit && strlist_sorted_contains(&p->products, f->product))
			strlist_addf(&out->unknown_features, "%s:%s", f->product, f->id);
	}
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *e = &p->endpoints[i];

		if (insert_choice(st[2], e->id, NULL, &hit) != 0)
			goto dberr;
		if (!hit)
			strlist_add(&out->unknown_endpoints, e->id);
		else if (e->zone != NULL && insert_choice(st[3], e->id, e->zone, &hit) != 0)
			goto dberr;
	}
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	catalog_db_error(c->db, "plan", err);
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
out:
	for (size_t i = 0; i < 4; i++)
		sqlite3_finalize(st[i]);
	return rc;
}

/* A condition holds when none of its literals fails: a positive literal
 * whose feature is not selected, or a negative one whose feature is. */
#define COND_HOLDS(alias, condtab, key) \
	" (" alias ".ncond = 0 OR NOT EXISTS (SELECT 1 FROM " condtab " c" \
	"   WHERE c." key " = " alias ".rid AND c.neg = (c.feature IN sel_feature)))"

/* Strings by rowid (rowids are dense from 1): SQL returns (rid, text). */
struct by_rid {
	const char **v;
	size_t n;
};

static int
load_by_rid(struct catalog *c, const char *sql, struct pool *pool, struct by_rid *out,
	    struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (catalog_prepare(c, sql, &st, err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 rid = sqlite3_column_int64(st, 0);

		if (rid < 0 || rid >= (sqlite3_int64)1 << 32)
			continue;
		if ((size_t)rid >= cap) {
			size_t old = cap;

			cap = (size_t)rid + 1 > 2 * cap ? (size_t)rid + 1 : 2 * cap;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
			memset(out->v + old, 0, (cap - old) * sizeof *out->v);
		}
		out->v[rid] = catalog_col(pool, st, 1);
		if ((size_t)rid >= out->n)
			out->n = (size_t)rid + 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		return -1;
	}
	return 0;
}

static const char *
by_rid(const struct by_rid *b, sqlite3_int64 rid)
{
	return rid >= 0 && (size_t)rid < b->n && b->v[rid] != NULL ? b->v[rid] : "?";
}

/* Interns the few distinct zone ids of a selection. */
struct zone_cache {
	const char *v[32];
	size_t n;
};

static const char *
zone_intern(struct zone_cache *zc, struct pool *pool, const char *zone)
{
	if (zone == NULL)
		zone = "?";
	for (size_t i = 0; i < zc->n; i++)
		if (strcmp(zc->v[i], zone) == 0)
			return zc->v[i];
	if (zc->n < sizeof zc->v / sizeof *zc->v)
		return zc->v[zc->n++] = pool_strdup(pool, zone);
	return pool_strdup(pool, zone);
}

/* A selected flow's rowid and its index in the list. */
struct rid_index {
	sqlite3_int64 rid;
	size_t i;
};

static int
cmp_rid(const void *a, const void *b)
{
	sqlite3_int64 x = ((const struct rid_index *)a)->rid;
	sqlite3_int64 y = ((const struct rid_index *)b)->rid;

	return x < y ? -1 : x > y;
}

/* Fills purpose, reason and note of the selected flows (RIDS: their
 * rowids) in one pass over the text table: the catalog's language where
 * it has a text, else English. */
static int
select_texts(struct catalog *c, struct catalog_flows *flows, struct rid_index *rids,
	     struct pp_error *err)
{
	sqlite3_stmt *st;
	bool sorted = true;
	int rc;

	for (size_t i = 1; i < flows->n && sorted; i++)
		sorted = rids[i - 1].rid < rids[i].rid;
	if (!sorted)
		qsort(rids, flows->n, sizeof *rids, cmp_rid);
	/* one range of the primary key per flow ('+': filtered, not seeks) */
	if (catalog_prepare(c, "SELECT t.owner, t.field, t.lang = ?9, t.value"
			    " FROM sel_product sp CROSS JOIN flow f ON f.product_rid = sp.rid"
			    " CROSS JOIN text t ON t.kind = " KIND_SQL(FLOW) " AND t.owner = f.rid"
			    " WHERE +t.lang IN (?9, 'en')"
			    " AND +t.field IN ('purpose', 'reason', 'note')", &st, err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rid_index key = { sqlite3_column_int64(st, 0), 0 };
		const char *field = (const char *)sqlite3_column_text(st, 1);
		bool preferred = sqlite3_column_int(st, 2) != 0;
		const struct rid_index *hit = bsearch(&key, rids, flows->n, sizeof *rids, cmp_rid);
		struct catalog_flow *f;
		const char **slot;

		if (hit == NULL || field == NULL)
			continue;	/* a flow whose condition does not hold */
		f = &flows->v[hit->i];
		slot = field[0] == 'p' ? &f->purpose : field[0] == 'r' ? &f->reason : &f->note;
		if (*slot == NULL || preferred)
			*slot = catalog_col(flows->pool, st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		return -1;
	}
	return 0;
}

/* The selected flows, with their ends' rowids into sel_endpoint. */
static int
select_flows(struct catalog *c, struct catalog_selection *out, struct pp_error *err)
{
	struct catalog_flows *flows = &out->flows;
	struct by_rid products, files, endpoints;
	struct rid_index *rids = NULL;
	unsigned char *used = NULL;	/* by endpoint rowid: an end of a selected flow */
	sqlite3_stmt *st = NULL;
	size_t cap = 0, rcap = 0;
	struct zone_cache zc;
	int rc = -1, step;

	zc.n = 0;
	products.v = files.v = endpoints.v = NULL;
	if (load_by_rid(c, "SELECT p.rid, p.id FROM sel_product s CROSS JOIN product p"
			" ON p.rid = s.rid", flows->pool, &products, err) != 0 ||
	    load_by_rid(c, "SELECT p.rid, p.file FROM sel_product s CROSS JOIN product p"
			" ON p.rid = s.rid",
			flows->pool, &files, err) != 0 ||
	    load_by_rid(c, "SELECT rid, id FROM endpoint", flows->pool, &endpoints, err) != 0)
		goto out;
	used = xcalloc(endpoints.n ? endpoints.n : 1, 1);
	/* The one query: the flows of the selected products whose condition
	 * holds, both ends mapped to zones, in catalog order.  resolve.c
	 * merges and orders them: sorting these rows in SQL cost more than
	 * the whole resolution may (BENCHMARKS.md). */
	if (catalog_prepare(c,
			    "SELECT f.rid, f.product_rid, f.src_rid, f.dst_rid, f.id, f.proto,"
			    " f.ports, f.cond, f.required, f.inferred, f.doc, f.section, f.interfaces,"
			    " f.preferred, f.digest, f.line,"
			    " COALESCE(ps.zone, es.zone), COALESCE(pd.zone, ed.zone)"
			    " FROM sel_product sp"
			    " CROSS JOIN flow f ON f.product_rid = sp.rid"
			    " CROSS JOIN endpoint es ON es.rid = f.src_rid"
			    " CROSS JOIN endpoint ed ON ed.rid = f.dst_rid"
			    " LEFT JOIN sel_place ps ON ps.endpoint = f.src_rid"
			    " LEFT JOIN sel_place pd ON pd.endpoint = f.dst_rid"
			    " WHERE" COND_HOLDS("f", "flow_cond", "flow")
			    " ORDER BY f.product_rid, f.rid", &st, err) != 0)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 prod = sqlite3_column_int64(st, 1);
		struct catalog_flow *f;

		flows->v = catalog_grow(flows->v, flows->n, &cap, sizeof *flows->v);
		rids = catalog_grow(rids, flows->n, &rcap, sizeof *rids);
		f = &flows->v[flows->n];
		memset(f, 0, sizeof *f);
		rids[flows->n].rid = sqlite3_column_int64(st, 0);
		rids[flows->n].i = flows->n;
		flows->n++;
		f->product = by_rid(&products, prod);
		f->file = by_rid(&files, prod);
		for (int k = 2; k <= 3; k++) {
			sqlite3_int64 end = sqlite3_column_int64(st, k);

			if (end >= 0 && (size_t)end < endpoints.n)
				used[end] = 1;
		}
		f->from = by_rid(&endpoints, sqlite3_column_int64(st, 2));
		f->to = by_rid(&endpoints, sqlite3_column_int64(st, 3));
		f->id = catalog_col(flows->pool, st, 4);
		f->proto = sqlite3_column_int(st, 5);
		f->ports = catalog_col(flows->pool, st, 6);
		f->cond = catalog_col(flows->pool, st, 7);
		f->required = sqlite3_column_int(st, 8) != 0;
		f->inferred = sqlite3_column_int(st, 9) != 0;
		f->doc = catalog_col(flows->pool, st, 10);
		f->section = catalog_col(flows->pool, st, 11);
		f->interfaces = catalog_col(flows->pool, st, 12);
		f->preferred = catalog_col(flows->pool, st, 13);
		f->digest = catalog_col(flows->pool, st, 14);
		f->line = sqlite3_column_int(st, 15);
		f->from_zone = zone_intern(&zc, flows->pool, (const char *)sqlite3_column_text(st, 16));
		f->to_zone = zone_intern(&zc, flows->pool, (const char *)sqlite3_column_text(st, 17));
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		goto out;
	}
	if (flows->n > 0 && select_texts(c, flows, rids, err) != 0)
		goto out;
	/* the ends of the selected flows, for their labels */
	if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT OR IGNORE INTO sel_endpoint VALUES (?1)", -1,
			       &st, NULL) != SQLITE_OK)
		goto dberr;
	for (size_t rid = 0; rid < endpoints.n; rid++) {
		if (!used[rid])
			continue;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)rid);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto dberr;
		sqlite3_reset(st);
	}
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	catalog_db_error(c->db, "query", err);
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
out:
	sqlite3_finalize(st);
	free(used);
	free(products.v);
	free(files.v);
	free(endpoints.v);
	free(rids);
	return rc;
}

int
catalog_select(struct catalog *c, const struct plan *p,
	       struct catalog_selection *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	CATALOG_LIST_INIT(&out->flows);
	CATALOG_LIST_INIT(&out->gaps);
	CATALOG_LIST_INIT(&out->products);
	CATALOG_LIST_INIT(&out->endpoints);
	CATALOG_LIST_INIT(&out->grouped);
	strlist_init(&out->unknown_products);
	strlist_init(&out->unknown_features);
	strlist_init(&out->unknown_endpoints);
	if (load_choices(c, p, out, err) != 0 || select_flows(c, out, err) != 0)
		return -1;
	if (catalog_prepare(c, "SELECT " GAP_COLS " FROM sel_product sp"
			    " CROSS JOIN gap g ON g.product_rid = sp.rid"
			    " WHERE" COND_HOLDS("g", "gap_cond", "gap")
			    " ORDER BY g.product_rid, g.rid", &st, err) != 0 ||
	    catalog_collect(c, st, (void **)&out->gaps.v, &out->gaps.n,
			    sizeof *out->gaps.v, out->gaps.pool, catalog_gap_row, err) != 0)
		return -1;
	if (catalog_prepare(c, "SELECT " PRODUCT_COLS " FROM sel_product s"
			    " CROSS JOIN product p ON p.rid = s.rid ORDER BY p.rid",
			    &st, err) != 0 ||
	    catalog_collect(c, st, (void **)&out->products.v, &out->products.n,
			    sizeof *out->products.v, out->products.pool,
			    catalog_product_row, err) != 0)
		return -1;
	if (catalog_prepare(c, ENDPOINT_COLS " FROM sel_endpoint s"
			    " CROSS JOIN endpoint e ON e.rid = s.rid ORDER BY e.rid",
			    &st, err) != 0 ||
	    catalog_collect(c, st, (void **)&out->endpoints.v, &out->endpoints.n,
			    sizeof *out->endpoints.v, out->endpoints.pool,
			    catalog_endpoint_row, err) != 0)
		return -1;
	if (catalog_prepare(c, "SELECT f.product, f.id, f.kind, f.grp, f.dflt FROM sel_feature s"
			    " CROSS JOIN feature f ON f.rid = s.rid"
			    " WHERE f.grp IS NOT NULL ORDER BY f.rid", &st, err) != 0 ||
	    catalog_collect(c, st, (void **)&out->grouped.v, &out->grouped.n,
			    sizeof *out->grouped.v, out->grouped.pool,
			    catalog_feature_row, err) != 0)
		return -1;
	return 0;
}

void
catalog_selection_fini(struct catalog_selection *s)
{
	catalog_list_fini(&s->flows);
	catalog_list_fini(&s->gaps);
	catalog_list_fini(&s->products);
	catalog_list_fini(&s->endpoints);
	catalog_list_fini(&s->grouped);
	strlist_fini(&s->unknown_products);
	strlist_fini(&s->unknown_features);
	strlist_fini(&s->unknown_endpoints);
}
