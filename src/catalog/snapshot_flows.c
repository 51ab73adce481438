/* snapshot_flows.c: the flows part of a snapshot (see snapshot.h): the
 * flows and gaps of every product, grouped by product, their conditions
 * as literals, their texts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/internal.h"
#include "catalog/snapread.h"
#include "catalog/snapshot.h"
#include "util/pool.h"
#include "util/str.h"

/* ---- flows and gaps --------------------------------------------------- */

/* Maps of the lists' rowids, needed again by the flows part. */
struct maps {
	struct rid_map product, feature, endpoint, flow, gap;
};

static int
lists_maps(struct catalog *c, struct maps *m, struct pp_error *err)
{
	static const char *const table[] = { "product", "feature", "endpoint" };
	struct rid_map *map[] = { &m->product, &m->feature, &m->endpoint };

	for (size_t t = 0; t < 3; t++) {
		char sql[64];
		sqlite3_stmt *st;
		size_t n, i = 0;
		int rc;

		if (snap_rid_init(c, table[t], map[t], &n, err) != 0)
			return -1;
		snprintf(sql, sizeof sql, "SELECT rid FROM %s ORDER BY rid", table[t]);
		if (catalog_prepare(c, sql, &st, err) != 0)
			return -1;
		while ((rc = snap_step(c, st, err)) == 1 && i < n)
			if (!snap_rid_set(map[t], sqlite3_column_int64(st, 0), i++))
				rc = snap_corrupt(c, table[t], err);
		sqlite3_finalize(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Reads the literals of TABLE ("flow_cond" or "gap_cond") into s->lits
 * after those already there, grouped by owner: *FIRST[i] .. (*FIRST)[i+1]. */
static int
load_lits(struct catalog *c, struct catalog_snapshot *s, const char *table,
	  const struct rid_map *owners, size_t n, const struct rid_map *features,
	  size_t **first, size_t *nlits, struct pp_error *err)
{
	char sql[96];
	sqlite3_stmt *st;
	struct { uint32_t owner, feature; bool neg; } *rows = NULL;
	size_t nrows = 0, cap = 0, base = *nlits, *fill;
	int rc;

	snprintf(sql, sizeof sql, "SELECT %s, feature, neg FROM %s",
		 strcmp(table, "flow_cond") == 0 ? "flow" : "gap", table);
	if (catalog_prepare(c, sql, &st, err) != 0)
		return -1;
	while ((rc = snap_step(c, st, err)) == 1) {
		uint32_t o = snap_rid_get(owners, sqlite3_column_int64(st, 0));
		uint32_t f = snap_rid_get(features, sqlite3_column_int64(st, 1));

		if (o == CATALOG_NONE || f == CATALOG_NONE) {
			sqlite3_finalize(st);
			free(rows);
			return snap_corrupt(c, table, err);
		}
		rows = catalog_grow(rows, nrows, &cap, sizeof *rows);
		rows[nrows].owner = o;
		rows[nrows].feature = f;
		rows[nrows++].neg = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_finalize(st);
	if (rc < 0) {
		free(rows);
		return -1;
	}
	*first = xcalloc(n + 1, sizeof **first);
	for (size_t i = 0; i < nrows; i++)
		(*first)[rows[i].owner + 1]++;
	(*first)[0] = base;
	for (size_t i = 0; i < n; i++)
		(*first)[i + 1] += (*first)[i];
	s->lits = xreallocarray(s->lits, base + nrows + 1, sizeof *s->lits);
	fill = xcalloc(n ? n : 1, sizeof *fill);
	for (size_t i = 0; i < nrows; i++) {
		struct catalog_lit *l = &s->lits[(*first)[rows[i].owner] + fill[rows[i].owner]++];

		l->feature = rows[i].feature;
		l->neg = rows[i].neg;
	}
	free(fill);
	free(rows);
	*nlits = base + nrows;
	return 0;
}

/* Counts per product of TABLE's rows, into FIRST (a prefix sum). */
static int
count_by_product(struct catalog *c, struct catalog_snapshot *s, const char *table,
		 const struct rid_map *products, size_t **first, struct pp_error *err)
{
	char sql[96];
	sqlite3_stmt *st;
	size_t np = s->products.n;
	int rc;

	*first = xcalloc(np + 1, sizeof **first);
	snprintf(sql, sizeof sql, "SELECT product_rid, count(*) FROM %s GROUP BY product_rid",
		 table);
	if (catalog_prepare(c, sql, &st, err) != 0)
		return -1;
	while ((rc = snap_step(c, st, err)) == 1) {
		uint32_t p = snap_rid_get(products, sqlite3_column_int64(st, 0));
		sqlite3_int64 n = sqlite3_column_int64(st, 1);

		if (p == CATALOG_NONE || n < 0 || n >= (sqlite3_int64)CATALOG_NONE) {
			sqlite3_finalize(st);
			return snap_corrupt(c, table, err);
		}
		(*first)[p + 1] = (size_t)n;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < np; i++)
		(*first)[i + 1] += (*first)[i];
	return rc;
}

static int
load_flow_rows(struct catalog *c, struct catalog_snapshot *s, struct maps *m,
	       struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t n, *fill, total;
	int rc;

	if (snap_rid_init(c, "flow", &m->flow, &n, err) != 0 ||
	    count_by_product(c, s, "flow", &m->product, &s->flow_first, err) != 0)
		return -1;
	total = s->flow_first[s->products.n];
	if (total != n)
		return snap_corrupt(c, "flow", err);
	s->flows.v = snap_alloc(n, sizeof *s->flows.v);
	s->flow_product = snap_alloc(n, sizeof *s->flow_product);
	s->flow_src = snap_alloc(n, sizeof *s->flow_src);
	s->flow_dst = snap_alloc(n, sizeof *s->flow_dst);
	if (catalog_prepare(c, "SELECT rid, product_rid, src_rid, dst_rid, id, src, dst, proto,"
			    " ports, cond, required, inferred, doc, section, interfaces,"
			    " preferred, digest, line, tls_twin FROM flow ORDER BY rid", &st, err) != 0)
		return -1;
	fill = xcalloc(s->products.n + 1, sizeof *fill);
	while ((rc = snap_step(c, st, err)) == 1) {
		uint32_t p = snap_rid_get(&m->product, sqlite3_column_int64(st, 1));
		struct catalog_flow *f;
		size_t i;

		if (p == CATALOG_NONE || fill[p] >= s->flow_first[p + 1] - s->flow_first[p]) {
			rc = snap_corrupt(c, "flow", err);
			break;
		}
		i = s->flow_first[p] + fill[p]++;
		if (!snap_rid_set(&m->flow, sqlite3_column_int64(st, 0), i)) {
			rc = snap_corrupt(c, "flow", err);
			break;
		}
		f = &s->flows.v[i];
		s->flow_product[i] = p;
		s->flow_src[i] = snap_rid_get(&m->endpoint, sqlite3_column_int64(st, 2));
		s->flow_dst[i] = snap_rid_get(&m->endpoint, sqlite3_column_int64(st, 3));
		f->product = s->products.v[p].id;
		f->file = s->products.v[p].file;
		f->id = catalog_col(c, s->pool, st, 4, CV_ID);
		/* the ends' ids shared with the endpoints where they are known */
		f->from = s->flow_src[i] != CATALOG_NONE ? s->endpoints.v[s->flow_src[i]].id :
			snap_col_interned(c, s, st, 5, CV_ID);
		f->to = s->flow_dst[i] != CATALOG_NONE ? s->endpoints.v[s->flow_dst[i]].id :
			snap_col_interned(c, s, st, 6, CV_ID);
		f->proto = (int)catalog_col_int(c, st, 7, 1, 255);
		f->ports = snap_col_interned(c, s, st, 8, CV_PORTS);
		f->cond = snap_col_interned(c, s, st, 9, CV_COND);
		f->required = catalog_col_int(c, st, 10, 0, 1) != 0;
		f->inferred = catalog_col_int(c, st, 11, 0, 1) != 0;
		f->doc = snap_col_interned(c, s, st, 12, CV_TEXT);
		f->section = snap_col_interned(c, s, st, 13, CV_TEXT);
		f->interfaces = snap_col_interned(c, s, st, 14, CV_TEXT);
		f->preferred = snap_col_interned(c, s, st, 15, CV_TEXT);
		f->digest = catalog_col(c, s->pool, st, 16, CV_DIGEST);
		f->line = (long)catalog_col_int(c, st, 17, 0, 0x7fffffff);
		f->tls_twin = snap_col_interned(c, s, st, 18, CV_ID);
		if (f->id == NULL || f->from == NULL || f->to == NULL || f->cond == NULL ||
		    f->doc == NULL || f->section == NULL) {
			rc = snap_corrupt(c, "flow", err);
			break;
		}
	}
	sqlite3_finalize(st);
	free(fill);
	if (rc != 0)
		return -1;
	s->flows.n = n;
	return 0;
}

static int
load_gap_rows(struct catalog *c, struct catalog_snapshot *s, struct maps *m,
	      struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t n, *fill;
	int rc;

	if (snap_rid_init(c, "gap", &m->gap, &n, err) != 0 ||
	    count_by_product(c, s, "gap", &m->product, &s->gap_first, err) != 0)
		return -1;
	if (s->gap_first[s->products.n] != n)
		return snap_corrupt(c, "gap", err);
	s->gaps.v = snap_alloc(n, sizeof *s->gaps.v);
	s->gap_product = snap_alloc(n, sizeof *s->gap_product);
	if (catalog_prepare(c, "SELECT rid, product_rid, id, cond, doc, section, kind FROM gap"
			    " ORDER BY rid", &st, err) != 0)
		return -1;
	fill = xcalloc(s->products.n + 1, sizeof *fill);
	while ((rc = snap_step(c, st, err)) == 1) {
		uint32_t p = snap_rid_get(&m->product, sqlite3_column_int64(st, 1));
		struct catalog_gap *g;
		size_t i;

		if (p == CATALOG_NONE || fill[p] >= s->gap_first[p + 1] - s->gap_first[p]) {
			rc = snap_corrupt(c, "gap", err);
			break;
		}
		i = s->gap_first[p] + fill[p]++;
		if (!snap_rid_set(&m->gap, sqlite3_column_int64(st, 0), i)) {
			rc = snap_corrupt(c, "gap", err);
			break;
		}
		g = &s->gaps.v[i];
		s->gap_product[i] = p;
		g->product = s->products.v[p].id;
		g->id = catalog_col(c, s->pool, st, 2, CV_ID);
		g->cond = snap_col_interned(c, s, st, 3, CV_COND);
		g->doc = snap_col_interned(c, s, st, 4, CV_TEXT);
		g->section = snap_col_interned(c, s, st, 5, CV_TEXT);
		g->kind = snap_col_interned(c, s, st, 6, CV_ID);
		if (g->kind == NULL)
			g->kind = "gap";
		if (g->id == NULL || g->cond == NULL || g->doc == NULL || g->section == NULL) {
			rc = snap_corrupt(c, "gap", err);
			break;
		}
	}
	sqlite3_finalize(st);
	free(fill);
	if (rc != 0)
		return -1;
	s->gaps.n = n;
	return 0;
}

/* The flows by "product:id", their TLS twins as indexes, and the other
 * pages that document them. */
static int
link_flows(struct catalog *c, struct catalog_snapshot *s, const struct rid_map *flows,
	   struct pp_error *err)
{
	sqlite3_stmt *st;
	struct catalog_cite *cites = NULL;
	uint32_t *owner = NULL;
	size_t n = 0, cap = 0;
	int rc;

	for (size_t i = 0; i < s->flows.n; i++) {
		char key[160];

		str_pair(key, sizeof key, s->flows.v[i].product, ':', s->flows.v[i].id);
		strset_put(&s->flow_index, key, (long long)i);
	}
	s->flow_twin = snap_alloc(s->flows.n, sizeof *s->flow_twin);
	for (size_t i = 0; i < s->flows.n; i++)
		s->flow_twin[i] = catalog_flow_index(s, s->flows.v[i].product,
						     s->flows.v[i].tls_twin);
	if (catalog_prepare(c, "SELECT flow, lang, doc, section FROM cite ORDER BY flow, rowid",
			    &st, err) != 0)
		return -1;
	while ((rc = snap_step(c, st, err)) == 1) {
		uint32_t f = snap_rid_get(flows, sqlite3_column_int64(st, 0));

		if (f == CATALOG_NONE) {
			rc = snap_corrupt(c, "cite", err);
			break;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			cites = xreallocarray(cites, cap, sizeof *cites);
			owner = xreallocarray(owner, cap, sizeof *owner);
		}
		cites[n].lang = snap_col_interned(c, s, st, 1, CV_TEXT);
		cites[n].doc = snap_col_interned(c, s, st, 2, CV_TEXT);
		cites[n].section = snap_col_interned(c, s, st, 3, CV_TEXT);
		owner[n++] = f;
	}
	sqlite3_finalize(st);
	if (rc == 0 && n > 0) {
		/* one block in the pool; each flow points at its run */
		struct catalog_cite *all = pool_alloc(s->pool, n * sizeof *all);

		memcpy(all, cites, n * sizeof *all);
		for (size_t i = 0; i < n; ) {
			size_t j = i;

			while (j < n && owner[j] == owner[i])
				j++;
			s->flows.v[owner[i]].cites = &all[i];
			s->flows.v[owner[i]].ncites = j - i;
			i = j;
		}
	}
	free(cites);
	free(owner);
	return rc;
}

int
snap_load_flows(struct catalog *c, struct catalog_snapshot *s, struct pp_error *err)
{
	struct maps m;
	size_t nlits = 0;
	int rc = -1;

	memset(&m, 0, sizeof m);
	if (lists_maps(c, &m, err) == 0 && load_flow_rows(c, s, &m, err) == 0 &&
	    load_gap_rows(c, s, &m, err) == 0 &&
	    load_lits(c, s, "flow_cond", &m.flow, s->flows.n, &m.feature, &s->flow_lit,
		      &nlits, err) == 0 &&
	    load_lits(c, s, "gap_cond", &m.gap, s->gaps.n, &m.feature, &s->gap_lit,
		      &nlits, err) == 0) {
		const struct text_target t[] = {
			{ KIND_FLOW, &m.flow, s->flows.v, sizeof *s->flows.v,
			  { "purpose", "reason", "note" },
			  { offsetof(struct catalog_flow, purpose),
			    offsetof(struct catalog_flow, reason),
			    offsetof(struct catalog_flow, note) } },
			{ KIND_GAP, &m.gap, s->gaps.v, sizeof *s->gaps.v, { "text", NULL, NULL },
			  { offsetof(struct catalog_gap, text), 0, 0 } },
		};

		rc = snap_load_texts(c, s, t, sizeof t / sizeof *t, err);
		if (rc == 0)
			rc = link_flows(c, s, &m.flow, err);
	}
	snap_rid_fini(&m.product);
	snap_rid_fini(&m.feature);
	snap_rid_fini(&m.endpoint);
	snap_rid_fini(&m.flow);
	snap_rid_fini(&m.gap);
	return rc;
}

