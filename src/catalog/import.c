/* import.c: importing catalog sources into SQLite, inside the caller's
 * transaction: the loader's statements, the sources one after the other
 * (load.c), then what can only be checked once every file is in. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/loader.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/xmldoc.h"

static const char *const stmt_sql[S_COUNT] = {
	[S_ZONE] = "INSERT INTO zone(id, file, line) VALUES (?1, ?2, ?3)",
	[S_PRODUCT] = "INSERT INTO product(id, vendor, file, line) VALUES (?1, ?2, ?3, ?4)",
	[S_FEATURE] = "INSERT INTO feature(product, id, kind, grp, dflt, file, line, requires)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_ENDPOINT] = "INSERT INTO endpoint(id, product, zone, file, line, follows)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_FQDN] = "INSERT INTO fqdn(endpoint, pattern) VALUES (?1, ?2)",
	[S_FLOW] = "INSERT INTO flow(product, id, src, dst, proto, ports, cond,"
		   " required, doc, section, inferred, interfaces, preferred, file, line,"
		   " product_rid, ncond, tls_twin)"
		   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
		   " ?16, ?17, ?18)",
	[S_FLOW_DIGEST] = "UPDATE flow SET digest = ?2 WHERE rid = ?1",
	[S_COND] = "INSERT INTO flow_cond(flow, feature, neg) VALUES (?1, ?2, ?3)",
	[S_GAP] = "INSERT INTO gap(product, id, cond, doc, section, file, line,"
		  " product_rid, ncond, kind)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[S_CITE] = "INSERT INTO cite(flow, lang, doc, section) VALUES (?1, ?2, ?3, ?4)",
	[S_DOCUMENT] = "INSERT INTO document(source, vendor, product, lang, edition, version,"
		       " date, url, file, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[S_GAP_COND] = "INSERT INTO gap_cond(gap, feature, neg) VALUES (?1, ?2, ?3)",
	[S_TEXT] = "INSERT INTO text(kind, owner, field, lang, value)"
		   " VALUES (?1, ?2, ?3, ?4, ?5)",
};

/* Cross-file references, resolved and checked once everything is in: a
 * flow's ends become endpoint rowids, which the resolver joins on. */
static int
check_references(sqlite3 *db, struct pp_error *err)
{
	static const struct {
		const char *sql, *msg;
	} checks[] = {
		{ "SELECT f.file, f.line, f.id, f.src FROM flow f"
		  " WHERE f.src_rid IS NULL LIMIT 1",
		  N_("flow \"%s\": unknown endpoint \"%s\" in from") },
		{ "SELECT f.file, f.line, f.id, f.dst FROM flow f"
		  " WHERE f.dst_rid IS NULL LIMIT 1",
		  N_("flow \"%s\": unknown endpoint \"%s\" in to") },
		{ "SELECT e.file, e.line, e.id, e.zone FROM endpoint e"
		  " WHERE NOT EXISTS (SELECT 1 FROM zone z WHERE z.id = e.zone) LIMIT 1",
		  N_("endpoint \"%s\": unknown zone \"%s\"") },
		{ "SELECT e.file, e.line, e.id, e.follows FROM endpoint e"
		  " WHERE e.follows IS NOT NULL AND (e.follows = e.id OR NOT EXISTS"
		  " (SELECT 1 FROM endpoint o WHERE o.id = e.follows)) LIMIT 1",
		  N_("endpoint \"%s\": follows \"%s\", which is not another endpoint of the catalog") },
		{ "SELECT f.file, f.line, f.id, f.tls_twin FROM flow f"
		  " WHERE f.tls_twin IS NOT NULL AND (f.tls_twin = f.id OR NOT EXISTS"
		  " (SELECT 1 FROM flow g WHERE g.product = f.product AND g.id = f.tls_twin)) LIMIT 1",
		  N_("flow \"%s\": its TLS twin \"%s\" is not another flow of its product") },
	};

	if (sqlite3_exec(db, "UPDATE flow SET"
			 " src_rid = (SELECT rid FROM endpoint e WHERE e.id = flow.src),"
			 " dst_rid = (SELECT rid FROM endpoint e WHERE e.id = flow.dst)",
			 NULL, NULL, NULL) != SQLITE_OK) {
		catalog_db_error(db, "check", err);
		return -1;
	}
	/* a product's own endpoints are private to it: its flows and the
	 * shared endpoints (common.xml) are what other products may use */
	static const struct {
		const char *sql, *msg;
	} private_checks[] = {
		{ "SELECT f.file, f.line, f.id, e.id, e.product FROM flow f"
		  " CROSS JOIN endpoint e ON e.rid = f.src_rid"
		  " WHERE e.product IS NOT NULL AND e.product <> f.product LIMIT 1",
		  N_("flow \"%1$s\": endpoint \"%2$s\" in from belongs to product \"%3$s\" (a flow may use its own product's endpoints and the shared ones)") },
		{ "SELECT f.file, f.line, f.id, e.id, e.product FROM flow f"
		  " CROSS JOIN endpoint e ON e.rid = f.dst_rid"
		  " WHERE e.product IS NOT NULL AND e.product <> f.product LIMIT 1",
		  N_("flow \"%1$s\": endpoint \"%2$s\" in to belongs to product \"%3$s\" (a flow may use its own product's endpoints and the shared ones)") },
	};
	size_t nc = sizeof checks / sizeof *checks;

	for (size_t i = 0; i < nc + sizeof private_checks / sizeof *private_checks; i++) {
		const char *sql = i < nc ? checks[i].sql : private_checks[i - nc].sql;
		const char *msg = i < nc ? checks[i].msg : private_checks[i - nc].msg;
		sqlite3_stmt *st;
		int rc;

		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
			catalog_db_error(db, "check", err);
			return -1;
		}
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			/* the first messages take two strings, the private
			 * endpoint checks three */
			error_set(err, (const char *)sqlite3_column_text(st, 0),
				  sqlite3_column_int(st, 1), _(msg),
				  (const char *)sqlite3_column_text(st, 2),
				  (const char *)sqlite3_column_text(st, 3),
				  (const char *)sqlite3_column_text(st, 4));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			catalog_db_error(db, "check", err);
			return -1;
		}
	}
	return 0;
}

int
catalog_import(sqlite3 *db, struct catalog_source *src, size_t n,
	       struct pp_error *err)
{
	struct loader l;
	xmlSchemaPtr schema;
	int rc = -1;

	memset(&l, 0, sizeof l);
	l.db = db;
	l.err = err;
	strset_init(&l.features);
	strlist_init(&l.groups);
	strlist_init(&l.defaults);
	strset_init(&l.group_index);
	strset_init(&l.feature_group);
	strset_init(&l.group_default);
	strset_init(&l.seen_text);
	strlist_init(&l.requires);
	sbuf_init(&l.text);
	sbuf_init(&l.digest);
	/* nothing from libxml2 may reach stderr (it would break a curses
	 * screen): errors are collected per reader */
	xmldoc_quiet();
	schema = catalog_load_schema(err);
	if (schema == NULL)
		goto out;
	for (int i = 0; i < S_COUNT; i++) {
		if (sqlite3_prepare_v3(db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &l.st[i], NULL) != SQLITE_OK) {
			catalog_db_error(db, "prepare", err);
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (catalog_load_file(&l, schema, &src[i]) != 0)
			goto out;
	{
		sqlite3_stmt *st;
		bool any = false;

		if (sqlite3_prepare_v2(db, "SELECT 1 FROM zone LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
			any = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_finalize(st);
		}
		if (!any) {
			error_set(err, NULL, 0,
				  _("the catalog declares no zones (is common.xml missing?)"));
			goto out;
		}
	}
	rc = check_references(db, err);
out:
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(l.st[i]);
	loader_product_fini(&l);
	free(l.text_field);
	free(l.text_lang);
	strset_fini(&l.seen_text);
	strlist_fini(&l.requires);
	sbuf_fini(&l.text);
	sbuf_fini(&l.digest);
	return rc;
}
