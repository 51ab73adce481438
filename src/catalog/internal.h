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
	/* the snapshots read so far, one per language (snapshot.c) */
	struct catalog_snapshot **snap;
	size_t nsnap;
	/* a value read back did not pass catalog_col: what and where ("":
	 * none did); the reading that met it fails (catalog_damage_error) */
	char damage[512];
};

void catalog_snapshot_free(struct catalog_snapshot **s);

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
#define KIND_NUM_DOCUMENT 7
/* (a document's title is in the document's own language: checked apart) */
#define CATALOG_KINDS(X) \
	X(ZONE, "label") \
	X(PRODUCT, "label") \
	X(FEATURE, "label") \
	X(ENDPOINT, "label") \
	X(FLOW, "purpose") \
	X(GAP, "text") \
	X(DOCUMENT, NULL)

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
#define CATALOG_DB_VERSION 7
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

/* ---- reading the cache (query.c), for the lists and the snapshot ---- */

/* Prepares SQL on C's database and binds ?9 (when SQL has it) to the
 * catalog's language.  -1 with ERR set and *ST NULL on failure. */
int catalog_prepare(struct catalog *c, const char *sql, sqlite3_stmt **st,
		    struct pp_error *err);
/* Values read back from the cache.  The cache is a file: what the
 * importer stored was checked and cleaned, but anyone who can write the
 * file can put anything in it.  Every value a reader of the cache takes
 * from a row goes through these, the one place where it is cleaned and
 * checked again: texts are cleaned as on import, ids must be ids, port
 * lists and conditions the canonical forms the importer writes, digests
 * 16 hexadecimal digits, numbers in range.  A value that fails is
 * replaced by a harmless one and recorded in C (the first only); the
 * reading then fails with catalog_damage_error. */
enum catalog_value_kind {
	CV_TEXT,	/* free text: cleaned (text_clean) */
	CV_ID,		/* an id (id_valid) */
	CV_PORTS,	/* a port list in canonical form (ports_canonical) */
	CV_COND,	/* a condition in canonical form, "" for always */
	CV_DIGEST,	/* 16 lower-case hexadecimal digits */
};
/* Column I of ST's row as KIND, copied into pool P (NULL for NULL). */
const char *catalog_col(struct catalog *c, struct pool *p, sqlite3_stmt *st, int i,
			enum catalog_value_kind kind);
/* The same interned in SET: one copy of each distinct string. */
const char *catalog_col_interned(struct catalog *c, struct strset *set, sqlite3_stmt *st,
				 int i, enum catalog_value_kind kind);
/* Column I as an integer in LO..HI (else LO, recorded). */
long long catalog_col_int(struct catalog *c, sqlite3_stmt *st, int i, long long lo,
			  long long hi);
/* When a value read from C failed: -1 with ERR saying which, and the
 * cache file is removed (the next run rebuilds it); else 0. */
int catalog_damage_error(struct catalog *c, struct pp_error *err);
/* V with room for item N (of SIZE bytes): grown by half when full. */
void *catalog_grow(void *v, size_t n, size_t *cap, size_t size);

#endif
