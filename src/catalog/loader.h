/* loader.h: the state of one import, shared by import.c (the statements,
 * the files one after the other, the checks across files) and load.c
 * (one file: its elements into rows).  Only those two include it. */
#ifndef PORTPLAN_CATALOG_LOADER_H
#define PORTPLAN_CATALOG_LOADER_H

#include <stdbool.h>

#include <sqlite3.h>

#include "catalog/internal.h"
#include "util/netspec.h"
#include "util/str.h"
#include "util/xmldoc.h"

/* The loader's prepared statements (import.c holds their SQL). */
enum stmt_id {
	S_ZONE, S_PRODUCT, S_FEATURE, S_ENDPOINT, S_FQDN, S_FLOW, S_FLOW_DIGEST,
	S_COND, S_GAP, S_GAP_COND, S_TEXT, S_CITE, S_DOCUMENT,
	S_COUNT
};

struct loader {
	sqlite3 *db;
	sqlite3_stmt *st[S_COUNT];
	struct pp_error *err;
	struct xmldoc doc;	/* the file being read: its name, its first error */
	xmlTextReaderPtr reader;

	/* current product */
	char *product;
	sqlite3_int64 product_rid;
	long product_line;
	bool product_has_server;
	bool product_label;	/* an English label was given */
	struct strset features;	/* ids declared by the product -> rid */
	/* its groups of alternatives: each group's name (an index into
	 * groups, by name in group_index), each grouped feature's group, and
	 * each group's default feature (an index into defaults) */
	struct strlist groups, defaults;
	struct strset group_index, feature_group, group_default;
	/* features' requirements, checked when the product ends (a feature
	 * may need one declared after it): "id\tcondition\tline" */
	struct strlist requires;

	/* current object (zone, endpoint, product, feature, flow, gap) */
	enum catalog_kind kind;
	sqlite3_int64 rid;
	long line;
	int depth;
	struct strset seen_text;	/* "field/lang" already stored */
	bool inferred;
	struct sbuf digest;		/* what a flow's digest covers */
	/* outer object while inside a product's child */
	enum catalog_kind outer_kind;
	sqlite3_int64 outer_rid;

	/* current text element */
	char *text_field, *text_lang;
	long text_line;
	struct sbuf text;
	bool in_text;
};

/* Helpers of both files (load.c). */
void loader_fail_db(struct loader *l, long line);
/* Attribute NAME of the current element, caller-owned; NULL when absent. */
char *loader_attr(struct loader *l, const char *name);
bool loader_attr_bool(struct loader *l, const char *name, bool dflt);
/* Steps ST (an INSERT or UPDATE); false with L's error set. */
bool loader_step(struct loader *l, sqlite3_stmt *st, long line);
void loader_bind_text(sqlite3_stmt *st, int i, const char *s);
void loader_fail_duplicate(struct loader *l, const char *table, const char *what,
			   const char *product, const char *id);
/* Inserts with ST; on a UNIQUE violation reports the duplicate. */
bool loader_insert_unique(struct loader *l, sqlite3_stmt *st, const char *table,
			  const char *what, const char *product, const char *id);
/* Parses COND and checks each literal names a feature of the product. */
bool loader_check_cond(struct loader *l, const char *cond, struct cond_lit **lits,
		       size_t *n);
/* Records that feature ID of the current product belongs to group GRP
 * of alternatives; with DFLT it is the group's default (one at most). */
void loader_add_to_group(struct loader *l, const char *id, const char *grp, bool dflt);
/* Frees what L holds about the current product. */
void loader_product_fini(struct loader *l);
/* The current element starts an object of KIND (line, depth, texts). */
void loader_begin_object(struct loader *l, enum catalog_kind kind);

/* The elements (rows.c). */
void loader_start_zone(struct loader *l);
void loader_start_product(struct loader *l);
void loader_start_feature(struct loader *l);
void loader_start_endpoint(struct loader *l);
void loader_start_flow(struct loader *l);
void loader_start_cite(struct loader *l);
void loader_start_document(struct loader *l);
/* KIND: "gap", "hint" or "decision". */
void loader_start_gap(struct loader *l, const char *kind);
/* Checks what the schema cannot say when an object or a product ends. */
void loader_end_object(struct loader *l);
void loader_end_product(struct loader *l);

/* The catalog schema, compiled on the first call and kept for the
 * process (reachable, not leaked): borrowed, or NULL with ERR set. */
xmlSchemaPtr catalog_load_schema(struct pp_error *err);
/* Reads SRC (its file, or its data when set), sets its hash from what
 * was read, and imports its elements with L's statements, SCHEMA
 * validating as the file streams.  -1 with L's error set. */
int catalog_load_file(struct loader *l, xmlSchemaPtr schema, struct catalog_source *src);

#endif
