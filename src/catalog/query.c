/* query.c: the lists of zones, products, features, endpoints, flows and
 * gaps, as views of the catalog's snapshot (their strings are the
 * snapshot's), and the helpers every reader of the cache uses. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/internal.h"
#include "catalog/snapshot.h"
#include "util/i18n.h"
#include "util/netspec.h"
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

/* ---- values read back from the cache (internal.h) ---- */

/* Records the first value that failed: WHAT it should have been. */
static void
damaged(struct catalog *c, sqlite3_stmt *st, int i, const char *what, const char *v)
{
	char quoted[80];
	const char *col = sqlite3_column_name(st, i);

	if (c->damage[0] != '\0')
		return;
	text_clean_into(quoted, sizeof quoted, v != NULL ? v : "");
	/* TRANSLATORS: %1$s is what the value should be ("an id"), %2$s
	 * the value, %3$s the database column */
	snprintf(c->damage, sizeof c->damage, _("%1$s expected, \"%2$s\" found (column %3$s)"),
		 what, quoted, col != NULL ? col : "?");
}

static bool
is_digest(const char *v)
{
	size_t n = 0;

	for (; v[n] != '\0'; n++)
		if (!((v[n] >= '0' && v[n] <= '9') || (v[n] >= 'a' && v[n] <= 'f')))
			return false;
	return n == 16;
}

/* Whether V is the canonical form of a port list or a condition. */
static bool
is_canonical(const char *v, enum catalog_value_kind kind)
{
	char msg[128], *canon = NULL;
	bool ok;

	if (kind == CV_PORTS) {
		canon = ports_canonical(v, msg, sizeof msg);
	} else {
		struct cond_lit *lits;
		size_t n;

		if (cond_parse(v, &lits, &n, msg, sizeof msg) != 0)
			return false;
		canon = cond_format(lits, n);
		free(lits);
	}
	ok = canon != NULL && strcmp(canon, v) == 0;
	free(canon);
	return ok;
}

/* Column I of ST checked as KIND: V itself, a harmless stand-in for a
 * value that fails (recorded), or for text, *CLEAN (caller-owned) when
 * cleaning changed it. */
static const char *
checked(struct catalog *c, sqlite3_stmt *st, int i, enum catalog_value_kind kind,
	char **clean)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	*clean = NULL;
	if (v == NULL)
		return NULL;
	switch (kind) {
	case CV_TEXT:
		if (!text_is_clean(v))
			return *clean = text_clean(v);
		return v;
	case CV_ID:
		if (id_valid(v))
			return v;
		damaged(c, st, i, _("an id"), v);
		return "?";
	case CV_PORTS:
		if (is_canonical(v, kind))
			return v;
		damaged(c, st, i, _("a port list"), v);
		return NULL;
	case CV_COND:
		if (v[0] == '\0' || is_canonical(v, kind))
			return v;
		damaged(c, st, i, _("a condition"), v);
		return "";
	case CV_DIGEST:
		if (is_digest(v))
			return v;
		damaged(c, st, i, _("a digest"), v);
		return "0000000000000000";
	}
	return v;
}

const char *
catalog_col(struct catalog *c, struct pool *p, sqlite3_stmt *st, int i,
	    enum catalog_value_kind kind)
{
	char *clean;
	const char *v = checked(c, st, i, kind, &clean), *r = pool_strdup(p, v);

	free(clean);
	return r;
}

const char *
catalog_col_interned(struct catalog *c, struct strset *set, sqlite3_stmt *st, int i,
		     enum catalog_value_kind kind)
{
	char *clean;
	const char *v = checked(c, st, i, kind, &clean), *r;

	r = v != NULL ? strset_intern(set, v) : NULL;
	free(clean);
	return r;
}

long long
catalog_col_int(struct catalog *c, sqlite3_stmt *st, int i, long long lo, long long hi)
{
	long long v = sqlite3_column_int64(st, i);
	int type = sqlite3_column_type(st, i);

	if (type == SQLITE_INTEGER && v >= lo && v <= hi)
		return v;
	if (type == SQLITE_NULL && lo <= 0 && 0 <= hi)
		return 0;
	if (type == SQLITE_INTEGER) {
		char num[32];

		snprintf(num, sizeof num, "%lld", v);
		damaged(c, st, i, _("a number in range"), num);
	} else
		damaged(c, st, i, _("a number in range"), (const char *)sqlite3_column_text(st, i));
	return lo;
}

int
catalog_damage_error(struct catalog *c, struct pp_error *err)
{
	if (c->damage[0] == '\0')
		return 0;
	if (c->path[0] == '\0') {
		error_set(err, NULL, 0, _("catalog database: %s"), c->damage);
		return -1;
	}
	/* it is ours (a private directory) and only a cache: the next run
	 * builds it again from the sources */
	(void)unlink(c->path);
	error_set(err, c->path, 0,
		  _("the catalog cache was changed outside portplan (%s); it has been removed: run the command again to rebuild it"),
		  c->damage);
	return -1;
}

void *
catalog_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap < 64 ? 64 : *cap + *cap / 2;
	return xreallocarray(v, *cap, size);
}

/* A copy of N records of SIZE bytes from V (the records only: their
 * strings stay the snapshot's). */
static void *
copy_records(const void *v, size_t n, size_t size)
{
	void *out = xmalloc(n ? n * size : 1);

	if (n > 0)
		memcpy(out, v, n * size);
	return out;
}

#define VIEW(out, list, first, count) \
	((out)->v = copy_records((list).v + (first), (count), sizeof *(out)->v), \
	 (out)->n = (count), (out)->pool = NULL)

static const struct catalog_snapshot *
snap(struct catalog *c, unsigned parts, struct pp_error *err)
{
	return catalog_snapshot(c, parts, err);
}

/* Product ID's index; -1 with ERR when the catalog lacks it (an empty
 * list, as the SQL of old gave). */
static int
product_range(const struct catalog_snapshot *s, const char *product, const size_t *first,
	      size_t n, size_t *lo, size_t *hi)
{
	uint32_t p;

	if (product == NULL) {
		*lo = 0;
		*hi = n;
		return 0;
	}
	p = catalog_product_index(s, product);
	if (p == CATALOG_NONE) {
		*lo = *hi = 0;
		return 0;
	}
	*lo = first[p];
	*hi = first[p + 1];
	return 0;
}

int
catalog_zones(struct catalog *c, struct catalog_zones *out, struct pp_error *err)
{
	const struct catalog_snapshot *s = snap(c, CATALOG_PART_LISTS, err);

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	VIEW(out, s->zones, 0, s->zones.n);
	return 0;
}

int
catalog_products(struct catalog *c, struct catalog_products *out, struct pp_error *err)
{
	const struct catalog_snapshot *s = snap(c, CATALOG_PART_LISTS, err);

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	VIEW(out, s->products, 0, s->products.n);
	return 0;
}

bool
catalog_has_product(struct catalog *c, const char *id)
{
	struct pp_error err;
	const struct catalog_snapshot *s = snap(c, CATALOG_PART_LISTS, &err);

	return s != NULL && catalog_product_index(s, id) != CATALOG_NONE;
}

int
catalog_features(struct catalog *c, const char *product,
		 struct catalog_features *out, struct pp_error *err)
{
	const struct catalog_snapshot *s = snap(c, CATALOG_PART_LISTS, err);
	size_t lo, hi;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	product_range(s, product, s->feat_first, s->features.n, &lo, &hi);
	VIEW(out, s->features, lo, hi - lo);
	return 0;
}

/* With PRODUCT: the product's own endpoints and every shared endpoint
 * its flows use, in catalog order. */
int
catalog_endpoints(struct catalog *c, const char *product,
		  struct catalog_endpoints *out, struct pp_error *err)
{
	const struct catalog_snapshot *s;
	unsigned char *use;
	uint32_t p;

	memset(out, 0, sizeof *out);
	s = snap(c, product != NULL ? CATALOG_PART_LISTS | CATALOG_PART_FLOWS :
		 CATALOG_PART_LISTS, err);
	if (s == NULL)
		return -1;
	if (product == NULL) {
		VIEW(out, s->endpoints, 0, s->endpoints.n);
		return 0;
	}
	out->v = xmalloc((s->endpoints.n ? s->endpoints.n : 1) * sizeof *out->v);
	p = catalog_product_index(s, product);
	if (p == CATALOG_NONE)
		return 0;
	use = xcalloc(s->endpoints.n ? s->endpoints.n : 1, 1);
	for (size_t i = 0; i < s->endpoints.n; i++)
		use[i] = s->ep_product[i] == p;
	for (size_t i = s->flow_first[p]; i < s->flow_first[p + 1]; i++) {
		if (s->flow_src[i] != CATALOG_NONE)
			use[s->flow_src[i]] = 1;
		if (s->flow_dst[i] != CATALOG_NONE)
			use[s->flow_dst[i]] = 1;
	}
	for (size_t i = 0; i < s->endpoints.n; i++)
		if (use[i])
			out->v[out->n++] = s->endpoints.v[i];
	free(use);
	return 0;
}

int
catalog_flows(struct catalog *c, const char *product,
	      struct catalog_flows *out, struct pp_error *err)
{
	const struct catalog_snapshot *s = snap(c, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, err);
	size_t lo, hi;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	product_range(s, product, s->flow_first, s->flows.n, &lo, &hi);
	VIEW(out, s->flows, lo, hi - lo);
	return 0;
}

int
catalog_gaps(struct catalog *c, const char *product,
	     struct catalog_gaps *out, struct pp_error *err)
{
	const struct catalog_snapshot *s = snap(c, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, err);
	size_t lo, hi;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	product_range(s, product, s->gap_first, s->gaps.n, &lo, &hi);
	VIEW(out, s->gaps, lo, hi - lo);
	return 0;
}

int
catalog_documents(struct catalog *c, struct catalog_documents *out, struct pp_error *err)
{
	const struct catalog_snapshot *s = snap(c, CATALOG_PART_LISTS, err);

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	VIEW(out, s->documents, 0, s->documents.n);
	return 0;
}
