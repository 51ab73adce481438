/* snapshot.c: reading the cache into memory once (see snapshot.h): the
 * snapshot, its lists, the lookups, and the helpers of the reading
 * (snapread.h) that snapshot_flows.c shares.
 *
 * Each table is read in one pass in rowid order (its primary key: no
 * sort), the texts of a part in one pass over the text table, and rowids
 * are mapped to indexes through arrays.  A rowid far beyond its table's
 * row count means a damaged or forged cache: refused, never sized by. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/internal.h"
#include "catalog/snapread.h"
#include "catalog/snapshot.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/pool.h"
#include "util/str.h"

uint32_t
snap_rid_get(const struct rid_map *m, sqlite3_int64 rid)
{
	return rid >= 0 && (size_t)rid < m->n ? m->v[rid] : CATALOG_NONE;
}

/* Records rowid RID of the row at index I; false for a rowid out of the
 * map (a damaged cache). */
bool
snap_rid_set(struct rid_map *m, sqlite3_int64 rid, size_t i)
{
	if (rid < 0 || (size_t)rid >= m->n || m->v[rid] != CATALOG_NONE)
		return false;
	m->v[rid] = (uint32_t)i;
	return true;
}

void
snap_rid_fini(struct rid_map *m)
{
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

int
snap_corrupt(struct catalog *c, const char *what, struct pp_error *err)
{
	error_set(err, c->path, 0,
		  _("catalog database (%s): the cache is damaged; delete it to rebuild it"),
		  what);
	return -1;
}

/* Sizes M for TABLE (rowids 1..max) and *COUNT to its row count. */
int
snap_rid_init(struct catalog *c, const char *table, struct rid_map *m, size_t *count,
	     struct pp_error *err)
{
	char sql[96];
	sqlite3_stmt *st;
	sqlite3_int64 max = 0, n = 0;
	int rc;

	m->v = NULL;
	m->n = 0;
	snprintf(sql, sizeof sql, "SELECT coalesce(max(rid), 0), count(*) FROM %s", table);
	if (catalog_prepare(c, sql, &st, err) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		max = sqlite3_column_int64(st, 0);
		n = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		catalog_db_error(c->db, table, err);
		return -1;
	}
	/* rowids are dense from 1 in a cache we built */
	if (max < 0 || n < 0 || max > 2 * n + 1024 || n >= (sqlite3_int64)CATALOG_NONE)
		return snap_corrupt(c, table, err);
	m->n = (size_t)max + 1;
	m->v = xmalloc(m->n * sizeof *m->v);
	for (size_t i = 0; i < m->n; i++)
		m->v[i] = CATALOG_NONE;
	*count = (size_t)n;
	return 0;
}

/* Column I as an interned string (ids, documents, sections...). */
const char *
snap_col_interned(struct catalog *c, struct catalog_snapshot *s, sqlite3_stmt *st, int i,
		  enum catalog_value_kind kind)
{
	return catalog_col_interned(c, &s->strings, st, i, kind);
}

/* Steps ST once: 1 for a row, 0 at the end, -1 on an error. */
int
snap_step(struct catalog *c, sqlite3_stmt *st, struct pp_error *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	catalog_db_error(c->db, "query", err);
	return -1;
}

/* ---- texts ---------------------------------------------------------- */

/* Fills the text fields of KINDS: the catalog's language where it has a
 * text, else English.  One pass over the text table's primary key. */
int
snap_load_texts(struct catalog *c, struct catalog_snapshot *s, const struct text_target *t,
	   size_t nt, struct pp_error *err)
{
	char sql[256];
	sqlite3_stmt *st;
	int rc;

	if (nt == 0)
		return 0;
	snprintf(sql, sizeof sql,
		 "SELECT kind, owner, field, lang = ?9, value FROM text"
		 " WHERE kind BETWEEN %d AND %d AND lang IN (?9, 'en')",
		 (int)t[0].kind, (int)t[nt - 1].kind);
	if (catalog_prepare(c, sql, &st, err) != 0)
		return -1;
	while ((rc = snap_step(c, st, err)) == 1) {
		int kind = sqlite3_column_int(st, 0);
		const char *field = (const char *)sqlite3_column_text(st, 2);
		bool preferred = sqlite3_column_int(st, 3) != 0;
		const struct text_target *k = NULL;
		uint32_t owner;

		for (size_t i = 0; i < nt; i++)
			if ((int)t[i].kind == kind)
				k = &t[i];
		if (k == NULL || field == NULL)
			continue;
		owner = snap_rid_get(k->map, sqlite3_column_int64(st, 1));
		if (owner == CATALOG_NONE)
			continue;
		for (size_t f = 0; f < 3 && k->field[f] != NULL; f++) {
			const char **slot;

			if (strcmp(field, k->field[f]) != 0)
				continue;
			slot = (const char **)((char *)k->records + owner * k->size + k->offset[f]);
			if (*slot == NULL || preferred)
				*slot = catalog_col(c, s->pool, st, 4, CV_TEXT);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- the lists -------------------------------------------------------- */

void *
snap_alloc(size_t n, size_t size)
{
	return xcalloc(n ? n : 1, size);
}

static int
load_zones(struct catalog *c, struct catalog_snapshot *s, struct rid_map *m,
	   struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t n;
	int rc;

	if (snap_rid_init(c, "zone", m, &n, err) != 0 ||
	    catalog_prepare(c, "SELECT rid, id FROM zone ORDER BY rid", &st, err) != 0)
		return -1;
	s->zones.v = snap_alloc(n, sizeof *s->zones.v);
	while ((rc = snap_step(c, st, err)) == 1 && s->zones.n < n) {
		struct catalog_zone *z = &s->zones.v[s->zones.n];

		z->id = snap_col_interned(c, s, st, 1, CV_ID);
		if (z->id == NULL || !snap_rid_set(m, sqlite3_column_int64(st, 0), s->zones.n)) {
			sqlite3_finalize(st);
			return snap_corrupt(c, "zone", err);
		}
		strset_put(&s->zone_index, z->id, (long long)s->zones.n++);
	}
	sqlite3_finalize(st);
	return rc;
}

static int
load_products(struct catalog *c, struct catalog_snapshot *s, struct rid_map *m,
	      struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t n;
	int rc;

	if (snap_rid_init(c, "product", m, &n, err) != 0 ||
	    catalog_prepare(c, "SELECT rid, id, vendor, file FROM product ORDER BY rid",
			    &st, err) != 0)
		return -1;
	s->products.v = snap_alloc(n, sizeof *s->products.v);
	while ((rc = snap_step(c, st, err)) == 1 && s->products.n < n) {
		struct catalog_product *p = &s->products.v[s->products.n];

		p->id = snap_col_interned(c, s, st, 1, CV_ID);
		if (p->id == NULL || !snap_rid_set(m, sqlite3_column_int64(st, 0), s->products.n)) {
			sqlite3_finalize(st);
			return snap_corrupt(c, "product", err);
		}
		p->vendor = snap_col_interned(c, s, st, 2, CV_TEXT);
		p->file = snap_col_interned(c, s, st, 3, CV_TEXT);
		strset_put(&s->product_index, p->id, (long long)s->products.n++);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Features are imported inside their product: rowid order is product by
 * product.  FIRST is filled per product. */
static int
load_features(struct catalog *c, struct catalog_snapshot *s, struct rid_map *m,
	      struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t n, np = s->products.n;
	uint32_t last = 0;
	int rc;

	if (snap_rid_init(c, "feature", m, &n, err) != 0 ||
	    catalog_prepare(c, "SELECT rid, product, id, kind, grp, dflt, requires FROM feature"
			    " ORDER BY rid", &st, err) != 0)
		return -1;
	s->features.v = snap_alloc(n, sizeof *s->features.v);
	s->feat_product = snap_alloc(n, sizeof *s->feat_product);
	s->feat_first = xcalloc(np + 1, sizeof *s->feat_first);
	while ((rc = snap_step(c, st, err)) == 1 && s->features.n < n) {
		struct catalog_feature *f = &s->features.v[s->features.n];
		uint32_t pi;
		char key[2 * ID_MAX + 2];

		f->product = snap_col_interned(c, s, st, 1, CV_ID);
		pi = f->product != NULL ? catalog_product_index(s, f->product) : CATALOG_NONE;
		if (pi == CATALOG_NONE || pi < last) {
			sqlite3_finalize(st);
			return snap_corrupt(c, "feature", err);
		}
		last = pi;
		if (!snap_rid_set(m, sqlite3_column_int64(st, 0), s->features.n)) {
			sqlite3_finalize(st);
			return snap_corrupt(c, "feature", err);
		}
		f->product = s->products.v[pi].id;
		f->id = snap_col_interned(c, s, st, 2, CV_ID);
		f->kind = snap_col_interned(c, s, st, 3, CV_ID);
		f->group = snap_col_interned(c, s, st, 4, CV_ID);
		f->dflt = catalog_col_int(c, st, 5, 0, 1) != 0;
		f->requires = snap_col_interned(c, s, st, 6, CV_COND);
		if (f->id == NULL || f->kind == NULL) {
			sqlite3_finalize(st);
			return snap_corrupt(c, "feature", err);
		}
		str_pair(key, sizeof key, f->product, ':', f->id);
		strset_put(&s->feature_index, key, (long long)s->features.n);
		s->feat_product[s->features.n++] = pi;
		s->feat_first[pi + 1]++;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < np; i++)
		s->feat_first[i + 1] += s->feat_first[i];
	return rc;
}

static int
load_endpoints(struct catalog *c, struct catalog_snapshot *s, struct rid_map *m,
	       struct pp_error *err)
{
	sqlite3_stmt *st;
	struct sbuf *fq;
	size_t n;
	int rc;

	if (snap_rid_init(c, "endpoint", m, &n, err) != 0 ||
	    catalog_prepare(c, "SELECT rid, id, product, zone, follows FROM endpoint ORDER BY rid",
			    &st, err) != 0)
		return -1;
	s->endpoints.v = snap_alloc(n, sizeof *s->endpoints.v);
	s->ep_product = snap_alloc(n, sizeof *s->ep_product);
	while ((rc = snap_step(c, st, err)) == 1 && s->endpoints.n < n) {
		struct catalog_endpoint *e = &s->endpoints.v[s->endpoints.n];

		e->id = snap_col_interned(c, s, st, 1, CV_ID);
		e->product = snap_col_interned(c, s, st, 2, CV_ID);
		e->zone = snap_col_interned(c, s, st, 3, CV_ID);
		e->follows = snap_col_interned(c, s, st, 4, CV_ID);
		if (e->id == NULL || e->zone == NULL ||
		    !snap_rid_set(m, sqlite3_column_int64(st, 0), s->endpoints.n)) {
			sqlite3_finalize(st);
			return snap_corrupt(c, "endpoint", err);
		}
		s->ep_product[s->endpoints.n] = e->product != NULL ?
			catalog_product_index(s, e->product) : CATALOG_NONE;
		strset_put(&s->endpoint_index, e->id, (long long)s->endpoints.n++);
	}
	sqlite3_finalize(st);
	if (rc != 0)
		return -1;
	/* FQDN patterns, ", "-joined in their order */
	if (catalog_prepare(c, "SELECT endpoint, pattern FROM fqdn ORDER BY rowid", &st,
			    err) != 0)
		return -1;
	fq = snap_alloc(s->endpoints.n, sizeof *fq);
	for (size_t i = 0; i < s->endpoints.n; i++)
		sbuf_init(&fq[i]);
	while ((rc = snap_step(c, st, err)) == 1) {
		uint32_t e = snap_rid_get(m, sqlite3_column_int64(st, 0));
		const char *pat = catalog_col(c, s->pool, st, 1, CV_TEXT);

		if (e != CATALOG_NONE && pat != NULL)
			sbuf_addf(&fq[e], "%s%s", fq[e].len ? ", " : "", pat);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < s->endpoints.n; i++) {
		if (fq[i].len > 0)
			s->endpoints.v[i].fqdn = pool_strdup(s->pool, sbuf_str(&fq[i]));
		sbuf_fini(&fq[i]);
	}
	free(fq);
	return rc;
}

static int
load_documents(struct catalog *c, struct catalog_snapshot *s, struct rid_map *m,
	       struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t n;
	int rc;

	if (snap_rid_init(c, "document", m, &n, err) != 0 ||
	    catalog_prepare(c, "SELECT rid, source, vendor, product, lang, edition, version,"
			    " date, url FROM document ORDER BY rid", &st, err) != 0)
		return -1;
	s->documents.v = snap_alloc(n, sizeof *s->documents.v);
	while ((rc = snap_step(c, st, err)) == 1 && s->documents.n < n) {
		struct catalog_document *d = &s->documents.v[s->documents.n];

		d->source = snap_col_interned(c, s, st, 1, CV_TEXT);
		d->vendor = snap_col_interned(c, s, st, 2, CV_TEXT);
		d->product = snap_col_interned(c, s, st, 3, CV_TEXT);
		d->lang = snap_col_interned(c, s, st, 4, CV_TEXT);
		d->edition = snap_col_interned(c, s, st, 5, CV_TEXT);
		d->version = snap_col_interned(c, s, st, 6, CV_TEXT);
		d->date = snap_col_interned(c, s, st, 7, CV_TEXT);
		d->url = snap_col_interned(c, s, st, 8, CV_TEXT);
		if (d->source == NULL || d->vendor == NULL || d->product == NULL ||
		    d->lang == NULL || !snap_rid_set(m, sqlite3_column_int64(st, 0), s->documents.n)) {
			sqlite3_finalize(st);
			return snap_corrupt(c, "document", err);
		}
		strset_put(&s->document_index, d->source, (long long)s->documents.n++);
	}
	sqlite3_finalize(st);
	return rc;
}

/* A document's title in the catalog's language, else English, else the
 * document's own: a German page may have only its German title. */
static int
load_titles(struct catalog *c, struct catalog_snapshot *s, const struct rid_map *m,
	    struct pp_error *err)
{
	sqlite3_stmt *st;
	unsigned char *rank = snap_alloc(s->documents.n, 1);
	int rc;

	if (catalog_prepare(c, "SELECT owner, (lang = ?9) * 2 + (lang = 'en'), value FROM text"
			    " WHERE kind = " KIND_SQL(DOCUMENT) " AND field = 'title'", &st, err) != 0) {
		free(rank);
		return -1;
	}
	while ((rc = snap_step(c, st, err)) == 1) {
		uint32_t d = snap_rid_get(m, sqlite3_column_int64(st, 0));
		unsigned char r = (unsigned char)(sqlite3_column_int(st, 1) + 1);

		if (d == CATALOG_NONE || r <= rank[d])
			continue;
		rank[d] = r;
		s->documents.v[d].title = catalog_col(c, s->pool, st, 2, CV_TEXT);
	}
	sqlite3_finalize(st);
	free(rank);
	return rc;
}

/* What the lists' ids name, as indexes: the endpoint an endpoint
 * follows, the features a feature requires (of its own product). */
static void
link_lists(struct catalog_snapshot *s)
{
	size_t total = 0;

	s->ep_follows = snap_alloc(s->endpoints.n, sizeof *s->ep_follows);
	for (size_t i = 0; i < s->endpoints.n; i++)
		s->ep_follows[i] = catalog_endpoint_index(s, s->endpoints.v[i].follows);
	s->req_first = xcalloc(s->features.n + 1, sizeof *s->req_first);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < s->features.n; i++) {
			const struct catalog_feature *f = &s->features.v[i];
			struct cond_lit *lits = NULL;
			size_t n = 0;
			char msg[64];

			if (pass == 1)
				s->req_first[i] = total;
			if (f->requires == NULL ||
			    cond_parse(f->requires, &lits, &n, msg, sizeof msg) != 0)
				continue;
			for (size_t k = 0; k < n; k++) {
				uint32_t r = catalog_feature_index(s, f->product, lits[k].id);

				if (r == CATALOG_NONE || lits[k].neg)
					continue;
				if (pass == 1)
					s->req[total] = r;
				total++;
			}
			free(lits);
		}
		if (pass == 0) {
			s->req = snap_alloc(total, sizeof *s->req);
			total = 0;
		}
	}
	s->req_first[s->features.n] = total;
}

static int
load_lists(struct catalog *c, struct catalog_snapshot *s, struct pp_error *err)
{
	struct rid_map zm, pm, fm, em, dm;
	int rc = -1;

	memset(&zm, 0, sizeof zm);
	pm = fm = em = dm = zm;
	if (load_zones(c, s, &zm, err) == 0 && load_products(c, s, &pm, err) == 0 &&
	    load_features(c, s, &fm, err) == 0 && load_endpoints(c, s, &em, err) == 0 &&
	    load_documents(c, s, &dm, err) == 0) {
		const struct text_target t[] = {
			{ KIND_ZONE, &zm, s->zones.v, sizeof *s->zones.v, { "label", NULL, NULL },
			  { offsetof(struct catalog_zone, label), 0, 0 } },
			{ KIND_PRODUCT, &pm, s->products.v, sizeof *s->products.v,
			  { "label", "description", NULL },
			  { offsetof(struct catalog_product, label),
			    offsetof(struct catalog_product, description), 0 } },
			{ KIND_FEATURE, &fm, s->features.v, sizeof *s->features.v,
			  { "label", "help", NULL },
			  { offsetof(struct catalog_feature, label),
			    offsetof(struct catalog_feature, help), 0 } },
			{ KIND_ENDPOINT, &em, s->endpoints.v, sizeof *s->endpoints.v,
			  { "label", NULL, NULL },
			  { offsetof(struct catalog_endpoint, label), 0, 0 } },
		};
		rc = snap_load_texts(c, s, t, sizeof t / sizeof *t, err);
		if (rc == 0)
			rc = load_titles(c, s, &dm, err);
		if (rc == 0)
			link_lists(s);
	}
	snap_rid_fini(&dm);
	snap_rid_fini(&zm);
	snap_rid_fini(&pm);
	snap_rid_fini(&fm);
	snap_rid_fini(&em);
	return rc;
}

/* ---- the snapshot ----------------------------------------------------- */

static struct catalog_snapshot *
snapshot_new(const char *lang)
{
	struct catalog_snapshot *s = xcalloc(1, sizeof *s);

	strset_init(&s->zone_index);
	strset_init(&s->product_index);
	strset_init(&s->endpoint_index);
	strset_init(&s->feature_index);
	strset_init(&s->document_index);
	strset_init(&s->flow_index);
	strset_init(&s->strings);
	s->pool = pool_new();
	snprintf(s->lang, sizeof s->lang, "%s", lang);
	return s;
}

void
catalog_snapshot_free(struct catalog_snapshot **sp)
{
	struct catalog_snapshot *s = *sp;

	if (s == NULL)
		return;
	free(s->zones.v);
	free(s->products.v);
	free(s->features.v);
	free(s->endpoints.v);
	free(s->flows.v);
	free(s->gaps.v);
	free(s->feat_first);
	free(s->feat_product);
	free(s->ep_product);
	free(s->ep_follows);
	free(s->req_first);
	free(s->req);
	free(s->documents.v);
	free(s->flow_twin);
	free(s->flow_first);
	free(s->gap_first);
	free(s->flow_product);
	free(s->flow_src);
	free(s->flow_dst);
	free(s->flow_lit);
	free(s->gap_lit);
	free(s->lits);
	free(s->gap_product);
	strset_fini(&s->zone_index);
	strset_fini(&s->product_index);
	strset_fini(&s->endpoint_index);
	strset_fini(&s->feature_index);
	strset_fini(&s->document_index);
	strset_fini(&s->flow_index);
	strset_fini(&s->strings);
	pool_free(&s->pool);
	free(s);
	*sp = NULL;
}

const struct catalog_snapshot *
catalog_snapshot(struct catalog *c, unsigned parts, struct pp_error *err)
{
	struct catalog_snapshot *s = NULL;
	size_t i;
	int rc = 0;

	/* one per language, kept until catalog_free: the editor and the
	 * resolutions point into them */
	for (i = 0; i < c->nsnap; i++)
		if (strcmp(c->snap[i]->lang, c->lang) == 0)
			break;
	if (i == c->nsnap) {
		c->snap = xreallocarray(c->snap, c->nsnap + 1, sizeof *c->snap);
		c->snap[c->nsnap++] = snapshot_new(c->lang);
	}
	s = c->snap[i];
	if ((parts & ~s->parts) == 0)
		return s;
	/* one read transaction: the parts agree with each other */
	if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		catalog_db_error(c->db, "snapshot", err);
		return NULL;
	}
	if (!(s->parts & CATALOG_PART_LISTS)) {
		rc = load_lists(c, s, err);
		if (rc == 0)
			s->parts |= CATALOG_PART_LISTS;
	}
	if (rc == 0 && (parts & CATALOG_PART_FLOWS) && !(s->parts & CATALOG_PART_FLOWS)) {
		rc = snap_load_flows(c, s, err);
		if (rc == 0)
			s->parts |= CATALOG_PART_FLOWS;
	}
	sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	/* a value that did not pass catalog_col: the cache was changed */
	if (rc == 0)
		rc = catalog_damage_error(c, err);
	if (rc != 0) {
		/* never half a snapshot: the next call starts again */
		catalog_snapshot_free(&c->snap[i]);
		c->snap[i] = snapshot_new(c->lang);
		return NULL;
	}
	return s;
}

/* ---- lookups ---------------------------------------------------------- */

static uint32_t
lookup(const struct strset *set, const char *id)
{
	long long v;

	return id != NULL && strset_get(set, id, &v) ? (uint32_t)v : CATALOG_NONE;
}

uint32_t
catalog_zone_index(const struct catalog_snapshot *s, const char *id)
{
	return lookup(&s->zone_index, id);
}

uint32_t
catalog_product_index(const struct catalog_snapshot *s, const char *id)
{
	return lookup(&s->product_index, id);
}

uint32_t
catalog_endpoint_index(const struct catalog_snapshot *s, const char *id)
{
	return lookup(&s->endpoint_index, id);
}

uint32_t
catalog_feature_index(const struct catalog_snapshot *s, const char *product, const char *id)
{
	char key[2 * ID_MAX + 2];

	if (product == NULL || id == NULL || strlen(product) > ID_MAX || strlen(id) > ID_MAX)
		return CATALOG_NONE;
	str_pair(key, sizeof key, product, ':', id);
	return lookup(&s->feature_index, key);
}

uint32_t
catalog_flow_index(const struct catalog_snapshot *s, const char *product, const char *id)
{
	char key[2 * ID_MAX + 2];

	if (product == NULL || id == NULL || strlen(product) > ID_MAX || strlen(id) > ID_MAX)
		return CATALOG_NONE;
	str_pair(key, sizeof key, product, ':', id);
	return lookup(&s->flow_index, key);
}

const struct catalog_document *
catalog_document(const struct catalog_snapshot *s, const char *source)
{
	uint32_t i = lookup(&s->document_index, source);

	return i != CATALOG_NONE ? &s->documents.v[i] : NULL;
}

static bool
holds(const struct catalog_snapshot *s, const size_t *first, size_t i, const bool *on)
{
	for (size_t k = first[i]; k < first[i + 1]; k++)
		if (on[s->lits[k].feature] == s->lits[k].neg)
			return false;
	return true;
}

bool
catalog_flow_holds(const struct catalog_snapshot *s, size_t i, const bool *on)
{
	return holds(s, s->flow_lit, i, on);
}

bool
catalog_gap_holds(const struct catalog_snapshot *s, size_t i, const bool *on)
{
	return holds(s, s->gap_lit, i, on);
}
