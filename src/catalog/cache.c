/* cache.c: the SQLite cache of the catalog: its configuration and
 * default places, the tables, freshness (which sources it was built from,
 * trusted by their metadata), building it beside the old one and renaming
 * it into place, and opening and closing a catalog. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/internal.h"
#include "util/file.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/xdg.h"

static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	/* what each source was when it was imported: its hash, and the
	 * metadata that lets a later open trust the hash without reading */
	"CREATE TABLE source(ord INTEGER PRIMARY KEY, path TEXT NOT NULL, hash TEXT NOT NULL,"
	" size INTEGER, mtime INTEGER, ctime INTEGER, ino INTEGER, dev INTEGER);"
	"CREATE TABLE zone(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, file TEXT, line INTEGER);"
	"CREATE TABLE product(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, vendor TEXT,"
	" file TEXT, line INTEGER);"
	"CREATE TABLE feature(rid INTEGER PRIMARY KEY, product TEXT NOT NULL, id TEXT NOT NULL,"
	" kind TEXT NOT NULL, grp TEXT, dflt INTEGER NOT NULL, requires TEXT, file TEXT,"
	" line INTEGER, UNIQUE(product, id));"
	"CREATE TABLE endpoint(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, product TEXT,"
	" zone TEXT NOT NULL, follows TEXT, file TEXT, line INTEGER);"
	"CREATE TABLE fqdn(endpoint INTEGER NOT NULL, pattern TEXT NOT NULL);"
	/* product_rid, src_rid, dst_rid: rowids of the product and the two
	 * endpoints (the resolver joins on them); ncond: literals in cond */
	"CREATE TABLE flow(rid INTEGER PRIMARY KEY, product TEXT NOT NULL, id TEXT NOT NULL,"
	" src TEXT NOT NULL, dst TEXT NOT NULL, proto INTEGER NOT NULL, ports TEXT,"
	" cond TEXT NOT NULL, required INTEGER NOT NULL, doc TEXT NOT NULL,"
	" section TEXT NOT NULL, inferred INTEGER NOT NULL, interfaces TEXT, preferred TEXT,"
	" tls_twin TEXT, digest TEXT, file TEXT, line INTEGER, product_rid INTEGER NOT NULL,"
	" src_rid INTEGER, dst_rid INTEGER, ncond INTEGER NOT NULL, UNIQUE(product, id));"
	/* a condition, normalised: one row per literal; feature is a rowid */
	"CREATE TABLE flow_cond(flow INTEGER NOT NULL, feature INTEGER NOT NULL, neg INTEGER NOT NULL);"
	/* where else a flow is documented (another language's page) */
	"CREATE TABLE cite(flow INTEGER NOT NULL, lang TEXT NOT NULL, doc TEXT NOT NULL,"
	" section TEXT NOT NULL);"
	/* gaps, hints and decisions: what the approver must be told */
	"CREATE TABLE gap(rid INTEGER PRIMARY KEY, product TEXT NOT NULL, id TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" cond TEXT NOT NULL, doc TEXT NOT NULL, section TEXT NOT NULL, file TEXT, line INTEGER,"
	" product_rid INTEGER NOT NULL, ncond INTEGER NOT NULL, UNIQUE(product, id));"
	"CREATE TABLE gap_cond(gap INTEGER NOT NULL, feature INTEGER NOT NULL, neg INTEGER NOT NULL);"
	"CREATE TABLE document(rid INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE,"
	" vendor TEXT NOT NULL, product TEXT NOT NULL, lang TEXT NOT NULL, edition TEXT,"
	" version TEXT, date TEXT, url TEXT, file TEXT, line INTEGER);"
	"CREATE TABLE text(kind INTEGER NOT NULL, owner INTEGER NOT NULL, field TEXT NOT NULL,"
	" lang TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(kind, owner, field, lang))"
	" WITHOUT ROWID;";

/* Indexes are built after the import: faster than maintaining them. */
static const char index_sql[] =
	"CREATE INDEX flow_cond_flow ON flow_cond(flow);"
	"CREATE INDEX gap_cond_gap ON gap_cond(gap);"
	"CREATE INDEX flow_product ON flow(product_rid);"
	"CREATE INDEX flow_src ON flow(src_rid);"
	"CREATE INDEX flow_dst ON flow(dst_rid);"
	"CREATE INDEX gap_product ON gap(product_rid);"
	"CREATE INDEX endpoint_product ON endpoint(product);"
	"CREATE INDEX fqdn_endpoint ON fqdn(endpoint);"
	"CREATE INDEX cite_flow ON cite(flow);";

void
catalog_db_error(sqlite3 *db, const char *what, struct pp_error *err)
{
	error_set(err, NULL, 0, _("catalog database (%s): %s"), what,
		  sqlite3_errmsg(db));
}

int
catalog_db_create(sqlite3 *db, struct pp_error *err)
{
	if (sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
		catalog_db_error(db, "create", err);
		return -1;
	}
	return 0;
}

void
catalog_config_init(struct catalog_config *cfg)
{
	cfg->db_path = NULL;
	strlist_init(&cfg->dirs);
	cfg->allow_stale = false;
}

void
catalog_config_fini(struct catalog_config *cfg)
{
	free(cfg->db_path);
	strlist_fini(&cfg->dirs);
}

char *
catalog_bundled_dir(void)
{
	const char *env = getenv("PORTPLAN_DATADIR");

	if (env != NULL && env[0] != '\0')
		return xasprintf("%s/catalog", env);
	return xstrdup(PKGDATADIR "/catalog");
}

char *
catalog_default_db_path(void)
{
	return xdg_app_path(XDG_BASE_CACHE, "catalog.sqlite");
}

void
catalog_config_default_dirs(struct catalog_config *cfg)
{
	char *bundled = catalog_bundled_dir();
	char *user = xdg_app_path(XDG_BASE_DATA, "catalog");
	struct stat st;

	strlist_add(&cfg->dirs, bundled);
	if (user != NULL && stat(user, &st) == 0 && S_ISDIR(st.st_mode))
		strlist_add(&cfg->dirs, user);
	free(bundled);
	free(user);
}

/* An identity for everything a cache depends on: this program's importer
 * and schema, and each source's path and content. */
static char *
sources_key(const struct catalog_source *src, size_t n)
{
	struct sbuf b;

	sbuf_init(&b);
	sbuf_addf(&b, "v%d;", CATALOG_DB_VERSION);
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s=%s;", src[i].path, src[i].hash);
	return sbuf_take(&b);
}

/* Whether every page of DB reads back as written: a cache damaged on disk
 * (its header and meta table intact) would otherwise fail in the middle
 * of a query.  quick_check answers rows of text, "ok" when all is well;
 * it costs about 1 ms per MB of cache (BENCHMARKS.md). */
static bool
cache_is_intact(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		ok = v != NULL && strcmp(v, "ok") == 0;
	}
	sqlite3_finalize(st);
	return ok;
}

/* Whether DB is a catalog cache built from exactly KEY, undamaged. */
static bool
cache_is_fresh(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	bool fresh = false;

	if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL) != SQLITE_OK)
		return false;	/* SQLITE_NOTADB shows up here */
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != CATALOG_APP_ID) {
		sqlite3_finalize(st);
		return false;
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'sources'",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		fresh = v != NULL && strcmp(v, key) == 0;
	}
	sqlite3_finalize(st);
	return fresh && cache_is_intact(db);
}

static sqlite3 *
open_db(const char *path, int flags)
{
	sqlite3 *db = NULL;

	/* NOMUTEX: a connection is used by one thread only; SQLite's own
	 * locking was 5 % of a resolve */
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	return db;
}

/* Whether PATH exists, is not empty and is not a portplan cache. */
static bool
is_foreign(const char *path)
{
	struct stat st;
	sqlite3 *db;
	sqlite3_stmt *st2 = NULL;
	bool foreign = true;

	if (stat(path, &st) != 0 || (S_ISREG(st.st_mode) && st.st_size == 0))
		return false;
	if (!S_ISREG(st.st_mode))
		return true;
	db = open_db(path, SQLITE_OPEN_READONLY);
	if (db == NULL)
		return true;
	if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st2, NULL) == SQLITE_OK &&
	    sqlite3_step(st2) == SQLITE_ROW)
		foreign = sqlite3_column_int(st2, 0) != CATALOG_APP_ID;
	sqlite3_finalize(st2);
	sqlite3_close(db);
	return foreign;
}

/* Imports SRC into DB (the hashes come from what the import read) and
 * records the sources, the key and BUILT (the time before any source was
 * listed, in ns). */
static int
build(sqlite3 *db, struct catalog_source *src, size_t n, long long built,
      int *dbcode, struct pp_error *err)
{
	sqlite3_stmt *st = NULL;
	char pragma[96];
	char *key = NULL;

	/* 64 KB pages: the resolver reads most of a big cache in a few
	 * scans, and every page SQLite's small page cache does not hold is a
	 * read(2): at 1,000,000 flows 4 KB pages made reads 43 % of the
	 * resolve (BENCHMARKS.md); 64 KB pages take the resolve from 8.6 to
	 * 6.4 s and a warm open from 2.3 to 1.2 s, at the same memory */
	*dbcode = SQLITE_OK;
	if (sqlite3_exec(db, "PRAGMA page_size=65536; PRAGMA journal_mode=OFF;"
			 " PRAGMA synchronous=OFF; BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		*dbcode = sqlite3_errcode(db);
		catalog_db_error(db, "begin", err);
		return -1;
	}
	if (catalog_db_create(db, err) != 0 ||
	    catalog_import(db, src, n, err) != 0)
		goto rollback;
	if (sqlite3_exec(db, index_sql, NULL, NULL, NULL) != SQLITE_OK) {
		catalog_db_error(db, "index", err);
		goto rollback;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO source(ord, path, hash, size, mtime, ctime,"
			       " ino, dev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			       -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	for (size_t i = 0; i < n; i++) {
		const struct file_meta *m = &src[i].meta;

		sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
		sqlite3_bind_text(st, 2, src[i].path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, src[i].hash, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, m->size);
		sqlite3_bind_int64(st, 5, m->mtime_ns);
		sqlite3_bind_int64(st, 6, m->ctime_ns);
		sqlite3_bind_int64(st, 7, m->ino);
		sqlite3_bind_int64(st, 8, m->dev);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto dberr;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	key = sources_key(src, n);
	if (sqlite3_prepare_v2(db, "INSERT INTO meta(key, value) VALUES ('sources', ?1),"
			       " ('built', ?2)", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, built);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_finalize(st);
	st = NULL;
	snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d; PRAGMA user_version=%d",
		 CATALOG_APP_ID, CATALOG_DB_VERSION);
	if (sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	free(key);
	return 0;
dberr:
	catalog_db_error(db, "import", err);
	sqlite3_finalize(st);
rollback:
	/* what failed, before ROLLBACK sets the code back to SQLITE_OK */
	if (*dbcode == SQLITE_OK)
		*dbcode = sqlite3_errcode(db);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	free(key);
	return -1;
}

/* Whether a failure of SQLite (CODE) is about the place of the cache (a
 * full disk, an I/O error, no permission) rather than the sources. */
static bool
about_the_place(int code)
{
	switch (code & 0xff) {
	case SQLITE_FULL: case SQLITE_IOERR: case SQLITE_CANTOPEN:
	case SQLITE_READONLY: case SQLITE_PERM: case SQLITE_NOLFS:
		return true;
	default:
		return false;
	}
}

/* Builds a new cache next to PATH (a locked temporary, removed with its
 * journal on any failure and by a SIGTERM or SIGHUP handler, swept by a
 * later run if this one is killed) and renames it into place.  Returns
 * the opened (read-only) database, or NULL with ERR set; *NOCACHE is set
 * when the failure is about the cache location rather than the sources. */
static sqlite3 *
rebuild_file(const char *path, struct catalog_source *src, size_t n,
	     long long built, bool *nocache, struct pp_error *err)
{
	char *dir = file_dirname(path);
	struct file_temp tmp;
	sqlite3 *db = NULL;
	int code;

	*nocache = true;
	tmp.path = NULL;
	tmp.fd = -1;
	tmp.slot[0] = tmp.slot[1] = -1;
	if (file_mkdirs(dir, err) != 0 || file_temp_open(path, true, &tmp, err) != 0)
		goto out;
	db = open_db(tmp.path, SQLITE_OPEN_READWRITE);
	if (db == NULL) {
		error_set(err, tmp.path, 0, _("cannot create the catalog cache"));
		goto fail;
	}
	if (build(db, src, n, built, &code, err) != 0) {
		/* a full disk is about the cache, not the sources */
		*nocache = about_the_place(code);
		goto fail;
	}
	if (sqlite3_close(db) != SQLITE_OK || fsync(tmp.fd) != 0) {
		error_set(err, tmp.path, 0, _("cannot write the catalog cache: %s"),
			  strerror(errno));
		db = NULL;
		goto fail;
	}
	db = NULL;
	/* A journal left beside the old cache belongs to the old file: once
	 * the new one is renamed into place SQLite would play it back into
	 * it.  (We never write a cache in place, so it is never ours.) */
	{
		char *journal = xasprintf("%s-journal", path);

		(void)unlink(journal);
		free(journal);
	}
	if (rename(tmp.path, path) != 0) {
		error_set(err, path, 0, _("cannot replace the catalog cache: %s"),
			  strerror(errno));
		goto fail;
	}
	xfree(&tmp.path);	/* renamed */
	/* the lock goes before SQLite opens the file again: closing another
	 * descriptor of it would drop SQLite's own (POSIX) locks */
	file_temp_close(&tmp, false);
	*nocache = false;
	db = open_db(path, SQLITE_OPEN_READONLY);
	if (db == NULL) {
		error_set(err, path, 0, _("cannot open the catalog cache"));
		*nocache = true;
	}
	goto out;
fail:
	sqlite3_close(db);
	db = NULL;
	file_temp_close(&tmp, true);
out:
	free(dir);
	return db;
}

static sqlite3 *
build_memory(struct catalog_source *src, size_t n, long long built,
	     struct pp_error *err)
{
	sqlite3 *db = open_db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	int code;

	if (db == NULL) {
		error_set(err, NULL, 0, _("cannot create an in-memory catalog"));
		return NULL;
	}
	if (build(db, src, n, built, &code, err) != 0) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A file changed within this long of the last build may have changed
 * again without its timestamps showing it (coarse file system clocks):
 * its recorded hash is not trusted (git's "racily clean" entries). */
#define RACY_NS (2LL * 1000000000LL)

/* Fills the hash of every source: the one the cache DB recorded when the
 * file's size, times, inode and device are the same and the file was last
 * changed well before that build; otherwise from its content.  A warm
 * open reads no source (1M flows: 755 MB of XML). */
static int
hash_sources(sqlite3 *db, struct catalog_source *src, size_t n, struct pp_error *err)
{
	sqlite3_stmt *st = NULL;
	long long built = 0;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'built'", -1, &st,
			       NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		built = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (built > 0 &&
	    sqlite3_prepare_v2(db, "SELECT hash FROM source WHERE path = ?1 AND size = ?2"
			       " AND mtime = ?3 AND ctime = ?4 AND ino = ?5 AND dev = ?6",
			       -1, &st, NULL) != SQLITE_OK)
		st = NULL;	/* not a cache of ours: hash everything */
	for (size_t i = 0; i < n; i++) {
		const struct file_meta *m = &src[i].meta;
		char *data;
		size_t len;

		src[i].hash[0] = '\0';
		if (st != NULL && m->mtime_ns < built - RACY_NS && m->ctime_ns < built - RACY_NS) {
			sqlite3_bind_text(st, 1, src[i].path, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, m->size);
			sqlite3_bind_int64(st, 3, m->mtime_ns);
			sqlite3_bind_int64(st, 4, m->ctime_ns);
			sqlite3_bind_int64(st, 5, m->ino);
			sqlite3_bind_int64(st, 6, m->dev);
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 16)
				memcpy(src[i].hash, sqlite3_column_text(st, 0), 17);
			sqlite3_reset(st);
		}
		if (src[i].hash[0] != '\0')
			continue;
		if (file_read(src[i].path, CATALOG_FILE_MAX, &data, &len, err) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
		hash_hex(data, len, src[i].hash);
		free(data);
	}
	sqlite3_finalize(st);
	return 0;
}

/* Whether PATH is missing or a regular file of the user's that nobody
 * else may write. */
static bool
own_file(const char *path)
{
	struct pp_error e;

	error_clear(&e);
	return file_check_private_file(path, &e) == 0;
}

/* The default cache lives in the user's cache directory, which must be a
 * private one (file_check_private_dir): another user's directory, or one
 * others may write to, is never used; the catalog is then built in
 * memory (into *DB), with a warning.  False with ERR when even that
 * fails. */
static bool
private_place(const char *path, sqlite3 **db, struct catalog_source *src, size_t n,
	      long long built, struct strlist *warnings, struct pp_error *err)
{
	char *dir = file_dirname(path);
	struct pp_error why;

	*db = NULL;
	error_clear(&why);
	if (file_check_private_dir(dir, &why) == 0) {
		free(dir);
		return true;
	}
	free(dir);
	*db = build_memory(src, n, built, err);
	if (*db == NULL)
		return false;
	if (warnings != NULL) {
		char msg[2200];

		error_format(&why, msg, sizeof msg);
		strlist_addf(warnings, _("%s; using a catalog built in memory"), msg);
	}
	return true;
}

int
catalog_open(const struct catalog_config *cfg, struct catalog **out,
	     struct strlist *warnings, struct pp_error *err)
{
	struct catalog_source *src = NULL;
	size_t n = 0;
	char *path = cfg->db_path != NULL ? xstrdup(cfg->db_path) : catalog_default_db_path();
	char *key = NULL;
	sqlite3 *db = NULL;
	bool rebuilt = false, nocache;
	long long built;
	struct catalog *c;

	*out = NULL;
	built = now_ns();	/* before anything is listed or read */
	if (catalog_sources(&cfg->dirs, &src, &n, err) != 0)
		goto fail;
	if (path == NULL) {
		/* neither $XDG_CACHE_HOME nor a home directory: no cache on
		 * disk (never one in /tmp, where anyone may have made it) */
		db = build_memory(src, n, built, err);
		if (db == NULL)
			goto fail;
		if (warnings != NULL)
			strlist_addf(warnings, _("%s; using a catalog built in memory"),
				     _("no directory for the catalog cache"
				       " (neither XDG_CACHE_HOME nor a home directory)"));
		path = xstrdup("");
		rebuilt = true;
		goto opened;
	}
	if (cfg->db_path != NULL && is_foreign(path)) {
		/* a path the user named that holds something else (a plan, a
		 * note, another program's database): never overwrite it */
		error_set(err, path, 0,
			  _("not a portplan catalog cache; refusing to overwrite it (choose another --db path)"));
		goto fail;
	}
	if (cfg->db_path == NULL && !private_place(path, &db, src, n, built, warnings, err))
		goto fail;
	if (db != NULL) {
		free(path);
		path = xstrdup("");
		rebuilt = true;
		goto opened;
	}
	{
		char *dir = file_dirname(path);

		file_temp_sweep(dir);	/* what a killed build left */
		free(dir);
	}
	/* read-write (never create): SQLite can then roll back, or discard,
	 * a leftover -journal next to the cache; where the file or directory
	 * is read-only it opens read-only by itself.  What is not a file of
	 * ours (a FIFO would block the open) is not opened: rebuilt, the new
	 * cache replaces it. */
	if (cfg->db_path != NULL || own_file(path))
		db = open_db(path, SQLITE_OPEN_READWRITE);
	if (db != NULL) {
		if (hash_sources(db, src, n, err) != 0)
			goto fail;
		key = sources_key(src, n);
		if (!cache_is_fresh(db, key)) {
			sqlite3_close(db);
			db = NULL;
		}
	}
	if (db == NULL) {
		struct pp_error e2;

		error_clear(&e2);
		db = rebuild_file(path, src, n, built, &nocache, &e2);
		rebuilt = true;
		if (db == NULL && nocache) {
			char msg[2200];

			error_format(&e2, msg, sizeof msg);
			error_clear(&e2);
			db = build_memory(src, n, built, &e2);
			if (db != NULL && warnings != NULL)
				strlist_addf(warnings,
					     _("%s; using a catalog built in memory"), msg);
			free(path);
			path = xstrdup("");
		}
		if (db == NULL && cfg->allow_stale) {
			sqlite3 *old = open_db(path, SQLITE_OPEN_READONLY);

			if (old != NULL && sqlite3_exec(old, "SELECT 1 FROM flow LIMIT 1",
							NULL, NULL, NULL) == SQLITE_OK) {
				char msg[2200];

				error_format(&e2, msg, sizeof msg);
				if (warnings != NULL)
					strlist_addf(warnings,
						     _("%s; using the previous catalog"), msg);
				db = old;
				rebuilt = false;
			} else
				sqlite3_close(old);
		}
		if (db == NULL) {
			*err = e2;
			goto fail;
		}
	}
opened:
	c = xcalloc(1, sizeof *c);
	c->db = db;
	c->path = path;
	c->rebuilt = rebuilt;
	snprintf(c->lang, sizeof c->lang, "en");
	*out = c;
	catalog_sources_free(src, n);
	free(key);
	return 0;
fail:
	sqlite3_close(db);
	catalog_sources_free(src, n);
	free(key);
	free(path);
	return -1;
}

int
catalog_check(const struct strlist *dirs, struct pp_error *err)
{
	struct catalog_source *src;
	size_t n;
	sqlite3 *db;

	if (catalog_sources(dirs, &src, &n, err) != 0)
		return -1;
	db = build_memory(src, n, 0, err);
	catalog_sources_free(src, n);
	if (db == NULL)
		return -1;
	sqlite3_close(db);
	return 0;
}

int
catalog_check_buffer(const char *name, const char *data, size_t len,
		     struct pp_error *err)
{
	struct catalog_source src;
	sqlite3 *db;

	memset(&src, 0, sizeof src);
	src.path = (char *)name;
	src.data = data;
	src.len = len;
	db = build_memory(&src, 1, 0, err);
	if (db == NULL)
		return -1;
	sqlite3_close(db);
	return 0;
}

void
catalog_free(struct catalog **cp)
{
	struct catalog *c = *cp;

	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nsnap; i++)
		catalog_snapshot_free(&c->snap[i]);
	free(c->snap);
	sqlite3_close(c->db);
	free(c->path);
	free(c);
	*cp = NULL;
}

void
catalog_set_lang(struct catalog *c, const char *lang)
{
	snprintf(c->lang, sizeof c->lang, "%s", lang != NULL && *lang ? lang : "en");
}

bool
catalog_was_rebuilt(const struct catalog *c)
{
	return c->rebuilt;
}

const char *
catalog_db_path(const struct catalog *c)
{
	return c->path;
}
