/* snapread.h: what the two files that read a snapshot share
 * (snapshot.c, snapshot_flows.c; src/catalog only). */
#ifndef PORTPLAN_CATALOG_SNAPREAD_H
#define PORTPLAN_CATALOG_SNAPREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "catalog/internal.h"
#include "catalog/snapshot.h"

/* rowid -> index for one table */
struct rid_map {
	uint32_t *v;
	size_t n;		/* rowids 0..n-1 */
};

/* Sizes M for TABLE (rowids 1..max, none far beyond the row count) and
 * *COUNT to its row count. */
int snap_rid_init(struct catalog *c, const char *table, struct rid_map *m, size_t *count,
		  struct pp_error *err);
/* The index of rowid RID, CATALOG_NONE when it has none. */
uint32_t snap_rid_get(const struct rid_map *m, sqlite3_int64 rid);
/* Records rowid RID of the row at index I; false for a rowid out of the
 * map or given twice (a damaged cache). */
bool snap_rid_set(struct rid_map *m, sqlite3_int64 rid, size_t i);
void snap_rid_fini(struct rid_map *m);

/* -1 with ERR saying the cache is damaged (WHAT: the table). */
int snap_corrupt(struct catalog *c, const char *what, struct pp_error *err);
/* Steps ST once: 1 for a row, 0 at the end, -1 with ERR on an error. */
int snap_step(struct catalog *c, sqlite3_stmt *st, struct pp_error *err);
/* Column I as an interned string (ids, documents, sections...), checked
 * as KIND (catalog_col_interned). */
const char *snap_col_interned(struct catalog *c, struct catalog_snapshot *s, sqlite3_stmt *st,
			      int i, enum catalog_value_kind kind);
/* A zeroed array of N items of SIZE bytes (at least one). */
void *snap_alloc(size_t n, size_t size);

/* Where the texts of one kind go: for each owner index, the slot of each
 * field (up to three). */
struct text_target {
	enum catalog_kind kind;
	const struct rid_map *map;
	void *records;		/* the list's array */
	size_t size;		/* of one record */
	const char *field[3];
	size_t offset[3];	/* of the field's const char * in a record */
};
/* Fills the text fields of the NT kinds T (in ascending kind order): the
 * catalog's language where it has a text, else English.  One pass over
 * the text table's primary key. */
int snap_load_texts(struct catalog *c, struct catalog_snapshot *s,
		    const struct text_target *t, size_t nt, struct pp_error *err);

/* The flows part (snapshot_flows.c); the lists must be loaded. */
int snap_load_flows(struct catalog *c, struct catalog_snapshot *s, struct pp_error *err);

#endif
