/* catalog.h: the flow catalog.
 *
 * XML sources (data/catalog/NAME.xml, the user's data directory, --catalog
 * DIR) are validated against the embedded XSD and imported in one
 * transaction into an SQLite cache, rebuilt whenever a source changes.
 * libxml2 and SQLite stay inside this module (libxml2 through the
 * plumbing it shares with the plan reader, util/xmldoc.h): callers get
 * plain records.
 *
 * Texts (labels, help, purposes) are returned in the catalog's language
 * (catalog_set_lang), falling back to English. */
#ifndef PORTPLAN_CATALOG_CATALOG_H
#define PORTPLAN_CATALOG_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"
#include "util/str.h"

struct catalog;
struct plan;
struct pool;

/* Largest catalog source file read, and the longest run of text in it. */
#define CATALOG_FILE_MAX ((size_t)64 << 20)
#define CATALOG_TEXT_MAX ((size_t)1 << 20)

struct catalog_config {
	/* NULL: catalog_default_db_path(), else a catalog in memory */
	char *db_path;
	struct strlist dirs;	/* source directories, in order */
	bool allow_stale;	/* on a bad source, open the previous cache */
};

void catalog_config_init(struct catalog_config *cfg);
void catalog_config_fini(struct catalog_config *cfg);
/* Appends the bundled catalog ($PORTPLAN_DATADIR/catalog or the installed
 * one) and the user's ($XDG_DATA_HOME/portplan/catalog, when it exists;
 * util/xdg.h). */
void catalog_config_default_dirs(struct catalog_config *cfg);
/* Caller-owned default cache path, $XDG_CACHE_HOME/portplan/catalog.sqlite
 * (util/xdg.h); NULL when there is no place for one (no home directory):
 * catalog_open then builds the catalog in memory, with a warning. */
char *catalog_default_db_path(void);
/* Caller-owned bundled catalog directory. */
char *catalog_bundled_dir(void);

/* Opens the catalog, rebuilding the cache when a source changed.  Notes for
 * the user (a rebuild that could not be cached, a stale catalog in use)
 * are appended to WARNINGS.  Caller-owned *OUT, free with catalog_free. */
int catalog_open(const struct catalog_config *cfg, struct catalog **out,
		 struct strlist *warnings, struct pp_error *err);
void catalog_free(struct catalog **c);

/* Validates and imports the sources of DIRS into a throw-away in-memory
 * database: the full check, without touching any cache. */
int catalog_check(const struct strlist *dirs, struct pp_error *err);

/* Validates and imports one catalog document held in memory (NAME is used
 * in messages): the fuzzing entry point of the loader. */
int catalog_check_buffer(const char *name, const char *data, size_t len,
			 struct pp_error *err);

/* Language of texts: "en", "de", "fr"... (copied). */
void catalog_set_lang(struct catalog *c, const char *lang);
/* Whether this open rebuilt the cache. */
bool catalog_was_rebuilt(const struct catalog *c);
/* Borrowed: the database path ("" for an in-memory catalog). */
const char *catalog_db_path(const struct catalog *c);

/* Records.  All strings are borrowed from the catalog (its snapshot, see
 * catalog/snapshot.h) and live until catalog_free; optional strings are
 * NULL when absent. */
struct catalog_zone {
	const char *id, *label;
};
struct catalog_product {
	const char *id, *vendor, *label, *description, *file;
};
struct catalog_feature {
	const char *product, *id, *kind, *group, *label, *help;
	const char *requires;	/* canonical condition: what it needs, or NULL */
	bool dflt;
};
struct catalog_endpoint {
	const char *id, *product, *zone, *label;
	const char *fqdn;	/* "*.box.com, …" or NULL */
	const char *follows;	/* the endpoint it sits with, or NULL */
};
/* Another language's page documenting the same flow. */
struct catalog_cite {
	const char *lang, *doc, *section;
};
struct catalog_flow {
	const char *product, *id, *from, *to;
	int proto;
	const char *ports;	/* canonical, NULL for protocols without */
	const char *cond;	/* canonical, "" for always */
	bool required, inferred;
	const char *doc, *section, *purpose, *reason, *note;
	const char *interfaces, *preferred;
	const char *tls_twin;	/* the flow opening the TLS port, or NULL */
	const struct catalog_cite *cites;	/* other languages' pages */
	size_t ncites;
	const char *digest;	/* changes when anything a rule shows changes */
	const char *file;
	long line;
};
/* KIND "gap" (the document leaves something unstated), "hint" (what the
 * approver must be told: a choice without effect), "decision" (an
 * either/or point of the document to decide before the change). */
struct catalog_gap {
	const char *product, *id, *kind, *cond, *doc, *section, *text;
};
/* A vendor document, by the source name flows cite (their doc); what
 * the document states of itself, optional strings NULL. */
struct catalog_document {
	const char *source, *vendor, *product, *lang, *title;
	const char *edition, *version, *date, *url;
};

#define CATALOG_LIST(name, type) \
	struct name { struct type *v; size_t n; struct pool *pool; }
CATALOG_LIST(catalog_zones, catalog_zone);
CATALOG_LIST(catalog_products, catalog_product);
CATALOG_LIST(catalog_features, catalog_feature);
CATALOG_LIST(catalog_endpoints, catalog_endpoint);
CATALOG_LIST(catalog_flows, catalog_flow);
CATALOG_LIST(catalog_gaps, catalog_gap);
CATALOG_LIST(catalog_documents, catalog_document);
#undef CATALOG_LIST

/* The lists, in catalog order (views of the snapshot: the records are
 * copied, their strings are not).  PRODUCT NULL means every product (for
 * endpoints: with PRODUCT, the product's own and every shared endpoint its
 * flows use).  Free with catalog_list_fini(&list). */
int catalog_zones(struct catalog *c, struct catalog_zones *out, struct pp_error *err);
int catalog_products(struct catalog *c, struct catalog_products *out, struct pp_error *err);
/* Whether the catalog has product ID (one indexed lookup). */
bool catalog_has_product(struct catalog *c, const char *id);
int catalog_features(struct catalog *c, const char *product,
		     struct catalog_features *out, struct pp_error *err);
int catalog_endpoints(struct catalog *c, const char *product,
		      struct catalog_endpoints *out, struct pp_error *err);
int catalog_flows(struct catalog *c, const char *product,
		  struct catalog_flows *out, struct pp_error *err);
int catalog_gaps(struct catalog *c, const char *product,
		 struct catalog_gaps *out, struct pp_error *err);
int catalog_documents(struct catalog *c, struct catalog_documents *out,
		      struct pp_error *err);

#define catalog_list_fini(l) catalog_list_fini_((void **)&(l)->v, &(l)->n, &(l)->pool)
void catalog_list_fini_(void **v, size_t *n, struct pool **pool);

#endif
