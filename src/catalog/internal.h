/* internal.h: shared between the catalog module's files only. */
#ifndef PORTPLAN_CATALOG_INTERNAL_H
#define PORTPLAN_CATALOG_INTERNAL_H

#include <sqlite3.h>

#include "catalog/catalog.h"
#include "util/file.h"

/* Owners of rows in the text table. */
enum catalog_kind {
	KIND_ZONE = 1,
	KIND_PRODUCT,
	KIND_FEATURE,
	KIND_ENDPOINT,
	KIND_FLOW,
	KIND_GAP,
};

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

#endif
