/* internal.h: shared between the catalog module's files only. */
#ifndef PORTPLAN_CATALOG_INTERNAL_H
#define PORTPLAN_CATALOG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "catalog/catalog.h"
#include "util/file.h"

/* An open catalog (cache.c opens and frees it; query.c and select.c
 * read through it). */
struct catalog {
	sqlite3 *db;
	char *path;		/* "" for in-memory */
	char lang[8];
	bool rebuilt;
};

/* The owners of rows in the text table (and the objects the loader
 * imports).  Each kind's number is written here once: the cache stores
 * it (renumbering one needs a new CATALOG_DB_VERSION), the enum takes it,
 * and SQL names a kind with KIND_SQL(NAME), the number pasted in as text
 * at compile time.  CATALOG_KINDS lists each kind with the text every
 * object of the kind must have in English (the loader checks it). */
#define KIND_NUM_ZONE 1
#define KIND_NUM_PRODUCT 2
#define KIND_NUM_FEATURE 3
#define KIND_NUM_ENDPOINT 4
#define KIND_NUM_FLOW 5
#define KIND_NUM_GAP 6
#define CATALOG_KINDS(X) \
	X(ZONE, "label") \
	X(PRODUCT, "label") \
	X(FEATURE, "label") \
	X(ENDPOINT, "label") \
	X(FLOW, "purpose") \
	X(GAP, "text")

enum catalog_kind {
#define X(name, required) KIND_##name = KIND_NUM_##name,
	CATALOG_KINDS(X)
#undef X
};

/* "5" for KIND_SQL(FLOW) (KIND_SQL_ expands the number before # quotes it). */
#define KIND_SQL(name) KIND_SQL_(KIND_NUM_##name)
#define KIND_SQL_(num) KIND_SQL__(num)
#define KIND_SQL__(num) #num

/* Bumped whenever the database layout or the import changes: a cache
 * built by another version is rebuilt. */
#define CATALOG_DB_VERSION 6
#define CATALOG_APP_ID 0x70706c6e	/* "ppln" */

/* Creates the tables in an empty database. */
int catalog_db_create(sqlite3 *db, struct pp_error *err);

struct catalog_source {
	char *path;
	char hash[17];		/* "" until known */
	struct file_meta meta;	/* when the file was listed */
	const char *data;	/* when set, the content (not read from path) */
	size_t len;
};

/* Validates and imports every source into DB, inside the caller's
 * transaction, and sets each source's hash from the content it read.
 * Stops at the first error. */
int catalog_import(sqlite3 *db, struct catalog_source *src, size_t n,
		   struct pp_error *err);

/* Lists *.xml files of DIRS (sorted by name within each directory, the
 * directories in order) with their metadata, not their content.  A
 * missing user directory is skipped; a missing bundled directory is an
 * error. */
int catalog_sources(const struct strlist *dirs, struct catalog_source **out,
		    size_t *n, struct pp_error *err);
void catalog_sources_free(struct catalog_source *src, size_t n);

/* Sets ERR from the database's last error. */
void catalog_db_error(sqlite3 *db, const char *what, struct pp_error *err);

/* ---- queries (query.c), shared with catalog_select (select.c) ---- */

/* The text FIELD of the object of KIND (a CATALOG_KINDS name) whose rowid
 * is OWNER (SQL), in the catalog's language, else English: two
 * primary-key lookups.  ?9 is the language (catalog_prepare binds it). */
#define TXT1(kind, owner, field, lang) \
	"(SELECT value FROM text WHERE kind = " KIND_SQL(kind) " AND owner = " owner \
	" AND field = '" field "' AND lang = " lang ")"
#define TXT(kind, owner, field) \
	"COALESCE(" TXT1(kind, owner, field, "?9") ", " TXT1(kind, owner, field, "'en'") ")"

/* The columns catalog_product_row, catalog_endpoint_row (with its SELECT)
 * and catalog_gap_row read. */
#define PRODUCT_COLS "p.id, p.vendor, " TXT(PRODUCT, "p.rid", "label") ", " \
	TXT(PRODUCT, "p.rid", "description") ", p.file"
#define ENDPOINT_COLS \
	"SELECT e.id, e.product, e.zone, " TXT(ENDPOINT, "e.rid", "label") "," \
	" (SELECT group_concat(pattern, ', ') FROM" \
	"   (SELECT pattern FROM fqdn WHERE endpoint = e.rid ORDER BY rowid))"
#define GAP_COLS "g.product, g.id, g.cond, g.doc, g.section, " TXT(GAP, "g.rid", "text")

/* Prepares SQL on C's database and binds ?9 (when SQL has it) to the
 * catalog's language.  -1 with ERR set and *ST NULL on failure. */
int catalog_prepare(struct catalog *c, const char *sql, sqlite3_stmt **st,
		    struct pp_error *err);
/* Column I of ST's row copied into pool P (NULL for NULL). */
const char *catalog_col(struct pool *p, sqlite3_stmt *st, int i);
/* V with room for item N (of SIZE bytes): grown by half when full. */
void *catalog_grow(void *v, size_t n, size_t *cap, size_t size);
/* Runs and finalizes ST, calling ROW for each result row into a growing
 * heap array *V of *N items (freed by catalog_list_fini). */
int catalog_collect(struct catalog *c, sqlite3_stmt *st, void **v, size_t *n, size_t size,
		    struct pool *pool, void (*row)(struct pool *, sqlite3_stmt *, void *),
		    struct pp_error *err);
/* Row readers for catalog_collect: OUT is the record to fill. */
void catalog_product_row(struct pool *p, sqlite3_stmt *st, void *out);
void catalog_feature_row(struct pool *p, sqlite3_stmt *st, void *out);
void catalog_endpoint_row(struct pool *p, sqlite3_stmt *st, void *out);
void catalog_gap_row(struct pool *p, sqlite3_stmt *st, void *out);

/* An empty list with its pool. */
#define CATALOG_LIST_INIT(l) ((l)->v = NULL, (l)->n = 0, (l)->pool = pool_new())

#endif
