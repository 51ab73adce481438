/* catalog.c: the SQLite cache (build, freshness, atomic replace) and the
 * typed queries the front ends use. */
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
#include "plan/plan.h"
#include "util/file.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/pool.h"
#include "util/str.h"
#include "util/xdg.h"

struct catalog {
	sqlite3 *db;
	char *path;		/* "" for in-memory */
	char lang[8];
	bool rebuilt;
};

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
	" kind TEXT NOT NULL, grp TEXT, dflt INTEGER NOT NULL, file TEXT, line INTEGER,"
	" UNIQUE(product, id));"
	"CREATE TABLE endpoint(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, product TEXT,"
	" zone TEXT NOT NULL, file TEXT, line INTEGER);"
	"CREATE TABLE fqdn(endpoint INTEGER NOT NULL, pattern TEXT NOT NULL);"
	/* product_rid, src_rid, dst_rid: rowids of the product and the two
	 * endpoints (the resolver joins on them); ncond: literals in cond */
	"CREATE TABLE flow(rid INTEGER PRIMARY KEY, product TEXT NOT NULL, id TEXT NOT NULL,"
	" src TEXT NOT NULL, dst TEXT NOT NULL, proto INTEGER NOT NULL, ports TEXT,"
	" cond TEXT NOT NULL, required INTEGER NOT NULL, doc TEXT NOT NULL,"
	" section TEXT NOT NULL, inferred INTEGER NOT NULL, interfaces TEXT, preferred TEXT,"
	" digest TEXT, file TEXT, line INTEGER, product_rid INTEGER NOT NULL,"
	" src_rid INTEGER, dst_rid INTEGER, ncond INTEGER NOT NULL, UNIQUE(product, id));"
	/* a condition, normalised: one row per literal; feature is a rowid */
	"CREATE TABLE flow_cond(flow INTEGER NOT NULL, feature INTEGER NOT NULL, neg INTEGER NOT NULL);"
	"CREATE TABLE gap(rid INTEGER PRIMARY KEY, product TEXT NOT NULL, id TEXT NOT NULL,"
	" cond TEXT NOT NULL, doc TEXT NOT NULL, section TEXT NOT NULL, file TEXT, line INTEGER,"
	" product_rid INTEGER NOT NULL, ncond INTEGER NOT NULL, UNIQUE(product, id));"
	"CREATE TABLE gap_cond(gap INTEGER NOT NULL, feature INTEGER NOT NULL, neg INTEGER NOT NULL);"
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
	"CREATE INDEX fqdn_endpoint ON fqdn(endpoint);";

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
      struct pp_error *err)
{
	sqlite3_stmt *st = NULL;
	char pragma[96];
	char *key = NULL;

	/* 64 KB pages: the resolver reads most of a big cache in a few
	 * scans, and every page SQLite's small page cache does not hold is a
	 * read(2): at 1,000,000 flows 4 KB pages made reads 43 % of the
	 * resolve (BENCHMARKS.md); 64 KB pages take the resolve from 8.6 to
	 * 6.4 s and a warm open from 2.3 to 1.2 s, at the same memory */
	if (sqlite3_exec(db, "PRAGMA page_size=65536; PRAGMA journal_mode=OFF;"
			 " PRAGMA synchronous=OFF; BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
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
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	free(key);
	return -1;
}

/* Builds a new cache next to PATH and renames it into place.  Returns the
 * opened (read-only) database, or NULL with ERR set; *NOCACHE is set when
 * the failure is about the cache location rather than the sources. */
static sqlite3 *
rebuild_file(const char *path, struct catalog_source *src, size_t n,
	     long long built, bool *nocache, struct pp_error *err)
{
	char *dir = file_dirname(path);
	char *tmp = xasprintf("%s.tmpXXXXXX", path);
	sqlite3 *db = NULL;
	int fd;

	*nocache = false;
	if (file_mkdirs(dir, err) != 0 || (fd = mkstemp(tmp)) < 0) {
		if (err->msg[0] == '\0')
			error_set(err, dir, 0, _("cannot write the catalog cache: %s"),
				  strerror(errno));
		*nocache = true;
		goto out;
	}
	close(fd);
	db = open_db(tmp, SQLITE_OPEN_READWRITE);
	if (db == NULL) {
		error_set(err, tmp, 0, _("cannot create the catalog cache"));
		*nocache = true;
		unlink(tmp);
		goto out;
	}
	if (build(db, src, n, built, err) != 0) {
		/* a full disk is about the cache, not the sources */
		*nocache = sqlite3_errcode(db) == SQLITE_FULL ||
			   sqlite3_errcode(db) == SQLITE_IOERR;
		sqlite3_close(db);
		db = NULL;
		unlink(tmp);
		goto out;
	}
	sqlite3_close(db);
	db = NULL;
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	/* A journal left beside the old cache belongs to the old file: once
	 * the new one is renamed into place SQLite would play it back into
	 * it.  (We never write a cache in place, so it is never ours.) */
	{
		char *journal = xasprintf("%s-journal", path);

		(void)unlink(journal);
		free(journal);
	}
	if (rename(tmp, path) != 0) {
		error_set(err, path, 0, _("cannot replace the catalog cache: %s"),
			  strerror(errno));
		*nocache = true;
		unlink(tmp);
		goto out;
	}
	db = open_db(path, SQLITE_OPEN_READONLY);
	if (db == NULL) {
		error_set(err, path, 0, _("cannot open the catalog cache"));
		*nocache = true;
	}
out:
	free(tmp);
	free(dir);
	return db;
}

static sqlite3 *
build_memory(struct catalog_source *src, size_t n, long long built,
	     struct pp_error *err)
{
	sqlite3 *db = open_db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

	if (db == NULL) {
		error_set(err, NULL, 0, _("cannot create an in-memory catalog"));
		return NULL;
	}
	if (build(db, src, n, built, err) != 0) {
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
				     _("no directory for the catalog cache (neither XDG_CACHE_HOME nor a home directory)"));
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
	/* read-write (never create): SQLite can then roll back, or discard,
	 * a leftover -journal next to the cache; where the file or directory
	 * is read-only it opens read-only by itself */
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

void
catalog_list_fini_(void **v, size_t *n, struct pool **pool)
{
	free(*v);
	*v = NULL;
	*n = 0;
	pool_free(pool);
}

/* ---- queries ---------------------------------------------------------- */

/* A text in the catalog's language, else English: two primary-key
 * lookups.  ?9 is the language. */
#define TXT1(kind, owner, field, lang) \
	"(SELECT value FROM text WHERE kind = " #kind " AND owner = " owner \
	" AND field = '" field "' AND lang = " lang ")"
#define TXT(kind, owner, field) \
	"COALESCE(" TXT1(kind, owner, field, "?9") ", " TXT1(kind, owner, field, "'en'") ")"

static int
prepare(struct catalog *c, const char *sql, sqlite3_stmt **st, struct pp_error *err)
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

static const char *
col(struct pool *p, sqlite3_stmt *st, int i)
{
	return pool_strdup(p, (const char *)sqlite3_column_text(st, i));
}

/* V with room for item N (of SIZE bytes): grown by half when full. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap < 64 ? 64 : *cap + *cap / 2;
	return xreallocarray(v, *cap, size);
}

/* Runs ST, calling ROW for each result row into a growing heap array
 * (freed by catalog_list_fini). */
static int
collect(struct catalog *c, sqlite3_stmt *st, void **v, size_t *n, size_t size,
	struct pool *pool, void (*row)(struct pool *, sqlite3_stmt *, void *),
	struct pp_error *err)
{
	size_t cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = grow(*v, *n, &cap, size);
		memset((char *)*v + *n * size, 0, size);
		row(pool, st, (char *)*v + *n * size);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		return -1;
	}
	if (*n > 0 && *n < cap)
		*v = xreallocarray(*v, *n, size);
	return 0;
}

#define LIST_INIT(l) ((l)->v = NULL, (l)->n = 0, (l)->pool = pool_new())

static void
zone_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_zone *z = out;

	z->id = col(p, st, 0);
	z->label = col(p, st, 1);
}

int
catalog_zones(struct catalog *c, struct catalog_zones *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	LIST_INIT(out);
	if (prepare(c, "SELECT id, " TXT(1, "zone.rid", "label") " FROM zone ORDER BY rid",
		    &st, err) != 0)
		return -1;
	return collect(c, st, (void **)&out->v, &out->n, sizeof *out->v, out->pool,
		       zone_row, err);
}

static void
product_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_product *r = out;

	r->id = col(p, st, 0);
	r->vendor = col(p, st, 1);
	r->label = col(p, st, 2);
	r->description = col(p, st, 3);
	r->file = col(p, st, 4);
}

#define PRODUCT_COLS "p.id, p.vendor, " TXT(2, "p.rid", "label") ", " \
	TXT(2, "p.rid", "description") ", p.file"

int
catalog_products(struct catalog *c, struct catalog_products *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	LIST_INIT(out);
	if (prepare(c, "SELECT " PRODUCT_COLS " FROM product p ORDER BY p.rid", &st, err) != 0)
		return -1;
	return collect(c, st, (void **)&out->v, &out->n, sizeof *out->v, out->pool,
		       product_row, err);
}

bool
catalog_has_product(struct catalog *c, const char *id)
{
	sqlite3_stmt *st;
	bool found;

	if (sqlite3_prepare_v2(c->db, "SELECT 1 FROM product WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Lists use two statements, one for every product and one for a single
 * product: "?1 IS NULL OR product = ?1" would make SQLite scan every row
 * for each product the front ends ask about.  (Where a query starts from
 * a temporary sel_ table, CROSS JOIN keeps it the outer loop: SQLite has
 * no statistics for those and would otherwise scan the catalog.) */
static int
prepare_for(struct catalog *c, const char *product, const char *all_sql,
	    const char *one_sql, sqlite3_stmt **st, struct pp_error *err)
{
	if (prepare(c, product != NULL ? one_sql : all_sql, st, err) != 0)
		return -1;
	if (product != NULL)
		sqlite3_bind_text(*st, 1, product, -1, SQLITE_TRANSIENT);
	return 0;
}

static void
feature_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_feature *r = out;

	r->product = col(p, st, 0);
	r->id = col(p, st, 1);
	r->kind = col(p, st, 2);
	r->group = col(p, st, 3);
	r->dflt = sqlite3_column_int(st, 4) != 0;
	if (sqlite3_column_count(st) > 5) {
		r->label = col(p, st, 5);
		r->help = col(p, st, 6);
	}
}

/* Features are imported inside their product, so rowid order is catalog
 * order (product by product). */
#define FEATURE_SQL \
	"SELECT f.product, f.id, f.kind, f.grp, f.dflt, " \
	TXT(3, "f.rid", "label") ", " TXT(3, "f.rid", "help") " FROM feature f"

int
catalog_features(struct catalog *c, const char *product,
		 struct catalog_features *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	LIST_INIT(out);
	if (prepare_for(c, product, FEATURE_SQL " ORDER BY f.rid",
			FEATURE_SQL " WHERE f.product = ?1 ORDER BY f.rid", &st, err) != 0)
		return -1;
	return collect(c, st, (void **)&out->v, &out->n, sizeof *out->v, out->pool,
		       feature_row, err);
}

static void
endpoint_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_endpoint *r = out;

	r->id = col(p, st, 0);
	r->product = col(p, st, 1);
	r->zone = col(p, st, 2);
	r->label = col(p, st, 3);
	r->fqdn = col(p, st, 4);
}

#define ENDPOINT_COLS \
	"SELECT e.id, e.product, e.zone, " TXT(4, "e.rid", "label") "," \
	" (SELECT group_concat(pattern, ', ') FROM" \
	"   (SELECT pattern FROM fqdn WHERE endpoint = e.rid ORDER BY rowid))"
#define ENDPOINT_SQL ENDPOINT_COLS " FROM endpoint e"

int
catalog_endpoints(struct catalog *c, const char *product,
		  struct catalog_endpoints *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	LIST_INIT(out);
	if (prepare_for(c, product, ENDPOINT_SQL " ORDER BY e.rid",
			ENDPOINT_SQL " WHERE e.rid IN"
			" (SELECT rid FROM endpoint WHERE product = ?1"
			"  UNION SELECT f.src_rid FROM product p CROSS JOIN flow f"
			"  ON f.product_rid = p.rid WHERE p.id = ?1"
			"  UNION SELECT f.dst_rid FROM product p CROSS JOIN flow f"
			"  ON f.product_rid = p.rid WHERE p.id = ?1)"
			" ORDER BY e.rid", &st, err) != 0)
		return -1;
	return collect(c, st, (void **)&out->v, &out->n, sizeof *out->v, out->pool,
		       endpoint_row, err);
}

#define FLOW_COLS \
	"f.product, f.id, f.src, f.dst, f.proto, f.ports, f.cond, f.required," \
	" f.inferred, f.doc, f.section, " TXT(5, "f.rid", "purpose") ", " \
	TXT(5, "f.rid", "reason") ", " TXT(5, "f.rid", "note") ", f.interfaces," \
	" f.preferred, f.digest, f.file, f.line"

static void
flow_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_flow *r = out;

	r->product = col(p, st, 0);
	r->id = col(p, st, 1);
	r->from = col(p, st, 2);
	r->to = col(p, st, 3);
	r->proto = sqlite3_column_int(st, 4);
	r->ports = col(p, st, 5);
	r->cond = col(p, st, 6);
	r->required = sqlite3_column_int(st, 7) != 0;
	r->inferred = sqlite3_column_int(st, 8) != 0;
	r->doc = col(p, st, 9);
	r->section = col(p, st, 10);
	r->purpose = col(p, st, 11);
	r->reason = col(p, st, 12);
	r->note = col(p, st, 13);
	r->interfaces = col(p, st, 14);
	r->preferred = col(p, st, 15);
	r->digest = col(p, st, 16);
	r->file = col(p, st, 17);
	r->line = sqlite3_column_int(st, 18);
}

#define FLOWS_SQL "SELECT " FLOW_COLS " FROM flow f"

int
catalog_flows(struct catalog *c, const char *product,
	      struct catalog_flows *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	LIST_INIT(out);
	if (prepare_for(c, product, FLOWS_SQL " ORDER BY f.rid",
			FLOWS_SQL " WHERE f.product_rid = (SELECT rid FROM product WHERE id = ?1)"
			" ORDER BY f.rid", &st, err) != 0)
		return -1;
	return collect(c, st, (void **)&out->v, &out->n, sizeof *out->v, out->pool,
		       flow_row, err);
}

static void
gap_row(struct pool *p, sqlite3_stmt *st, void *out)
{
	struct catalog_gap *r = out;

	r->product = col(p, st, 0);
	r->id = col(p, st, 1);
	r->cond = col(p, st, 2);
	r->doc = col(p, st, 3);
	r->section = col(p, st, 4);
	r->text = col(p, st, 5);
}

#define GAP_COLS "g.product, g.id, g.cond, g.doc, g.section, " TXT(6, "g.rid", "text")
#define GAPS_SQL "SELECT " GAP_COLS " FROM gap g"

int
catalog_gaps(struct catalog *c, const char *product,
	     struct catalog_gaps *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	LIST_INIT(out);
	if (prepare_for(c, product, GAPS_SQL " ORDER BY g.rid",
			GAPS_SQL " WHERE g.product_rid = (SELECT rid FROM product WHERE id = ?1)"
			" ORDER BY g.rid", &st, err) != 0)
		return -1;
	return collect(c, st, (void **)&out->v, &out->n, sizeof *out->v, out->pool,
		       gap_row, err);
}

/* ---- resolution ------------------------------------------------------- */

/* Steps ST (an INSERT ... SELECT) with text parameters A and B; *HIT
 * tells whether the catalog had what was named. */
static int
insert_choice(sqlite3_stmt *st, const char *a, const char *b, bool *hit)
{
	int rc;

	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*hit = sqlite3_changes(sqlite3_db_handle(st)) > 0;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static bool
sorted_has(const struct strlist *sorted, const char *s)
{
	return strlist_sorted_contains(sorted, s);
}

/* The plan's choices as rowids in temporary tables: the selected
 * products and features, the placements, and the endpoints the plan
 * names.  What the catalog does not have is listed in OUT. */
static int
load_choices(struct catalog *c, const struct plan *p, struct catalog_selection *out,
	     struct pp_error *err)
{
	static const char *const sql[] = {
		"INSERT OR IGNORE INTO sel_product SELECT rid FROM product WHERE id = ?1",
		"INSERT OR IGNORE INTO sel_feature"
		" SELECT rid FROM feature WHERE product = ?1 AND id = ?2",
		"INSERT OR IGNORE INTO sel_endpoint SELECT rid FROM endpoint WHERE id = ?1",
		"INSERT OR REPLACE INTO sel_place SELECT rid, ?2 FROM endpoint WHERE id = ?1",
	};
	sqlite3_stmt *st[4] = { NULL, NULL, NULL, NULL };
	bool hit;
	int rc = -1;

	if (sqlite3_exec(c->db,
			 "CREATE TEMP TABLE IF NOT EXISTS sel_product(rid INTEGER PRIMARY KEY);"
			 "CREATE TEMP TABLE IF NOT EXISTS sel_feature(rid INTEGER PRIMARY KEY);"
			 "CREATE TEMP TABLE IF NOT EXISTS sel_endpoint(rid INTEGER PRIMARY KEY);"
			 "CREATE TEMP TABLE IF NOT EXISTS sel_place(endpoint INTEGER PRIMARY KEY,"
			 " zone TEXT NOT NULL);"
			 "BEGIN;"
			 "DELETE FROM sel_product; DELETE FROM sel_feature;"
			 " DELETE FROM sel_endpoint; DELETE FROM sel_place;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		catalog_db_error(c->db, "plan", err);
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	for (size_t i = 0; i < 4; i++)
		if (sqlite3_prepare_v2(c->db, sql[i], -1, &st[i], NULL) != SQLITE_OK)
			goto dberr;
	for (size_t i = 0; i < p->products.n; i++) {
		if (insert_choice(st[0], p->products.v[i], NULL, &hit) != 0)
			goto dberr;
		if (!hit)
			strlist_add(&out->unknown_products, p->products.v[i]);
	}
	for (size_t i = 0; i < p->nfeatures; i++) {
		const struct plan_feature *f = &p->features[i];

		if (insert_choice(st[1], f->product, f->id, &hit) != 0)
			goto dberr;
		if (!hit && sorted_has(&p->products, f->product))
			strlist_addf(&out->unknown_features, "%s:%s", f->product, f->id);
	}
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *e = &p->endpoints[i];

		if (insert_choice(st[2], e->id, NULL, &hit) != 0)
			goto dberr;
		if (!hit)
			strlist_add(&out->unknown_endpoints, e->id);
		else if (e->zone != NULL && insert_choice(st[3], e->id, e->zone, &hit) != 0)
			goto dberr;
	}
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	catalog_db_error(c->db, "plan", err);
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
out:
	for (size_t i = 0; i < 4; i++)
		sqlite3_finalize(st[i]);
	return rc;
}

/* A condition holds when none of its literals fails: a positive literal
 * whose feature is not selected, or a negative one whose feature is. */
#define COND_HOLDS(alias, condtab, key) \
	" (" alias ".ncond = 0 OR NOT EXISTS (SELECT 1 FROM " condtab " c" \
	"   WHERE c." key " = " alias ".rid AND c.neg = (c.feature IN sel_feature)))"

/* Strings by rowid (rowids are dense from 1): SQL returns (rid, text). */
struct by_rid {
	const char **v;
	size_t n;
};

static int
load_by_rid(struct catalog *c, const char *sql, struct pool *pool, struct by_rid *out,
	    struct pp_error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (prepare(c, sql, &st, err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 rid = sqlite3_column_int64(st, 0);

		if (rid < 0 || rid >= (sqlite3_int64)1 << 32)
			continue;
		if ((size_t)rid >= cap) {
			size_t old = cap;

			cap = (size_t)rid + 1 > 2 * cap ? (size_t)rid + 1 : 2 * cap;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
			memset(out->v + old, 0, (cap - old) * sizeof *out->v);
		}
		out->v[rid] = col(pool, st, 1);
		if ((size_t)rid >= out->n)
			out->n = (size_t)rid + 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		return -1;
	}
	return 0;
}

static const char *
by_rid(const struct by_rid *b, sqlite3_int64 rid)
{
	return rid >= 0 && (size_t)rid < b->n && b->v[rid] != NULL ? b->v[rid] : "?";
}

/* Interns the few distinct zone ids of a selection. */
struct zone_cache {
	const char *v[32];
	size_t n;
};

static const char *
zone_intern(struct zone_cache *zc, struct pool *pool, const char *zone)
{
	if (zone == NULL)
		zone = "?";
	for (size_t i = 0; i < zc->n; i++)
		if (strcmp(zc->v[i], zone) == 0)
			return zc->v[i];
	if (zc->n < sizeof zc->v / sizeof *zc->v)
		return zc->v[zc->n++] = pool_strdup(pool, zone);
	return pool_strdup(pool, zone);
}

/* A selected flow's rowid and its index in the list. */
struct rid_index {
	sqlite3_int64 rid;
	size_t i;
};

static int
cmp_rid(const void *a, const void *b)
{
	sqlite3_int64 x = ((const struct rid_index *)a)->rid;
	sqlite3_int64 y = ((const struct rid_index *)b)->rid;

	return x < y ? -1 : x > y;
}

/* Fills purpose, reason and note of the selected flows (RIDS: their
 * rowids) in one pass over the text table: the catalog's language where
 * it has a text, else English. */
static int
select_texts(struct catalog *c, struct catalog_flows *flows, struct rid_index *rids,
	     struct pp_error *err)
{
	sqlite3_stmt *st;
	bool sorted = true;
	int rc;

	for (size_t i = 1; i < flows->n && sorted; i++)
		sorted = rids[i - 1].rid < rids[i].rid;
	if (!sorted)
		qsort(rids, flows->n, sizeof *rids, cmp_rid);
	/* one range of the primary key per flow ('+': filtered, not seeks) */
	if (prepare(c, "SELECT t.owner, t.field, t.lang = ?9, t.value"
		    " FROM sel_product sp CROSS JOIN flow f ON f.product_rid = sp.rid"
		    " CROSS JOIN text t ON t.kind = 5 AND t.owner = f.rid"
		    " WHERE +t.lang IN (?9, 'en') AND +t.field IN ('purpose', 'reason', 'note')",
		    &st, err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rid_index key = { sqlite3_column_int64(st, 0), 0 };
		const char *field = (const char *)sqlite3_column_text(st, 1);
		bool preferred = sqlite3_column_int(st, 2) != 0;
		const struct rid_index *hit = bsearch(&key, rids, flows->n, sizeof *rids, cmp_rid);
		struct catalog_flow *f;
		const char **slot;

		if (hit == NULL || field == NULL)
			continue;	/* a flow whose condition does not hold */
		f = &flows->v[hit->i];
		slot = field[0] == 'p' ? &f->purpose : field[0] == 'r' ? &f->reason : &f->note;
		if (*slot == NULL || preferred)
			*slot = col(flows->pool, st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		return -1;
	}
	return 0;
}

/* The selected flows, with their ends' rowids into sel_endpoint. */
static int
select_flows(struct catalog *c, struct catalog_selection *out, struct pp_error *err)
{
	struct catalog_flows *flows = &out->flows;
	struct by_rid products, files, endpoints;
	struct rid_index *rids = NULL;
	unsigned char *used = NULL;	/* by endpoint rowid: an end of a selected flow */
	sqlite3_stmt *st = NULL;
	size_t cap = 0, rcap = 0;
	struct zone_cache zc;
	int rc = -1, step;

	zc.n = 0;
	products.v = files.v = endpoints.v = NULL;
	if (load_by_rid(c, "SELECT p.rid, p.id FROM sel_product s CROSS JOIN product p"
			" ON p.rid = s.rid", flows->pool, &products, err) != 0 ||
	    load_by_rid(c, "SELECT p.rid, p.file FROM sel_product s CROSS JOIN product p"
			" ON p.rid = s.rid",
			flows->pool, &files, err) != 0 ||
	    load_by_rid(c, "SELECT rid, id FROM endpoint", flows->pool, &endpoints, err) != 0)
		goto out;
	used = xcalloc(endpoints.n ? endpoints.n : 1, 1);
	/* The one query: the flows of the selected products whose condition
	 * holds, both ends mapped to zones, in catalog order.  resolve.c
	 * merges and orders them: sorting these rows in SQL cost more than
	 * the whole resolution may (BENCHMARKS.md). */
	if (prepare(c,
		    "SELECT f.rid, f.product_rid, f.src_rid, f.dst_rid, f.id, f.proto, f.ports,"
		    " f.cond, f.required, f.inferred, f.doc, f.section, f.interfaces,"
		    " f.preferred, f.digest, f.line,"
		    " COALESCE(ps.zone, es.zone), COALESCE(pd.zone, ed.zone)"
		    " FROM sel_product sp"
		    " CROSS JOIN flow f ON f.product_rid = sp.rid"
		    " CROSS JOIN endpoint es ON es.rid = f.src_rid"
		    " CROSS JOIN endpoint ed ON ed.rid = f.dst_rid"
		    " LEFT JOIN sel_place ps ON ps.endpoint = f.src_rid"
		    " LEFT JOIN sel_place pd ON pd.endpoint = f.dst_rid"
		    " WHERE" COND_HOLDS("f", "flow_cond", "flow")
		    " ORDER BY f.product_rid, f.rid", &st, err) != 0)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 prod = sqlite3_column_int64(st, 1);
		struct catalog_flow *f;

		flows->v = grow(flows->v, flows->n, &cap, sizeof *flows->v);
		rids = grow(rids, flows->n, &rcap, sizeof *rids);
		f = &flows->v[flows->n];
		memset(f, 0, sizeof *f);
		rids[flows->n].rid = sqlite3_column_int64(st, 0);
		rids[flows->n].i = flows->n;
		flows->n++;
		f->product = by_rid(&products, prod);
		f->file = by_rid(&files, prod);
		for (int k = 2; k <= 3; k++) {
			sqlite3_int64 end = sqlite3_column_int64(st, k);

			if (end >= 0 && (size_t)end < endpoints.n)
				used[end] = 1;
		}
		f->from = by_rid(&endpoints, sqlite3_column_int64(st, 2));
		f->to = by_rid(&endpoints, sqlite3_column_int64(st, 3));
		f->id = col(flows->pool, st, 4);
		f->proto = sqlite3_column_int(st, 5);
		f->ports = col(flows->pool, st, 6);
		f->cond = col(flows->pool, st, 7);
		f->required = sqlite3_column_int(st, 8) != 0;
		f->inferred = sqlite3_column_int(st, 9) != 0;
		f->doc = col(flows->pool, st, 10);
		f->section = col(flows->pool, st, 11);
		f->interfaces = col(flows->pool, st, 12);
		f->preferred = col(flows->pool, st, 13);
		f->digest = col(flows->pool, st, 14);
		f->line = sqlite3_column_int(st, 15);
		f->from_zone = zone_intern(&zc, flows->pool, (const char *)sqlite3_column_text(st, 16));
		f->to_zone = zone_intern(&zc, flows->pool, (const char *)sqlite3_column_text(st, 17));
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE) {
		catalog_db_error(c->db, "query", err);
		goto out;
	}
	if (flows->n > 0 && select_texts(c, flows, rids, err) != 0)
		goto out;
	/* the ends of the selected flows, for their labels */
	if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT OR IGNORE INTO sel_endpoint VALUES (?1)", -1,
			       &st, NULL) != SQLITE_OK)
		goto dberr;
	for (size_t rid = 0; rid < endpoints.n; rid++) {
		if (!used[rid])
			continue;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)rid);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto dberr;
		sqlite3_reset(st);
	}
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	catalog_db_error(c->db, "query", err);
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
out:
	sqlite3_finalize(st);
	free(used);
	free(products.v);
	free(files.v);
	free(endpoints.v);
	free(rids);
	return rc;
}

int
catalog_select(struct catalog *c, const struct plan *p,
	       struct catalog_selection *out, struct pp_error *err)
{
	sqlite3_stmt *st;

	LIST_INIT(&out->flows);
	LIST_INIT(&out->gaps);
	LIST_INIT(&out->products);
	LIST_INIT(&out->endpoints);
	LIST_INIT(&out->grouped);
	strlist_init(&out->unknown_products);
	strlist_init(&out->unknown_features);
	strlist_init(&out->unknown_endpoints);
	if (load_choices(c, p, out, err) != 0 || select_flows(c, out, err) != 0)
		return -1;
	if (prepare(c, "SELECT " GAP_COLS " FROM sel_product sp"
		    " CROSS JOIN gap g ON g.product_rid = sp.rid"
		    " WHERE" COND_HOLDS("g", "gap_cond", "gap")
		    " ORDER BY g.product_rid, g.rid", &st, err) != 0 ||
	    collect(c, st, (void **)&out->gaps.v, &out->gaps.n, sizeof *out->gaps.v,
		    out->gaps.pool, gap_row, err) != 0)
		return -1;
	if (prepare(c, "SELECT " PRODUCT_COLS " FROM sel_product s CROSS JOIN product p"
		    " ON p.rid = s.rid ORDER BY p.rid", &st, err) != 0 ||
	    collect(c, st, (void **)&out->products.v, &out->products.n,
		    sizeof *out->products.v, out->products.pool, product_row, err) != 0)
		return -1;
	if (prepare(c, ENDPOINT_COLS " FROM sel_endpoint s CROSS JOIN endpoint e ON e.rid = s.rid"
		    " ORDER BY e.rid", &st, err) != 0 ||
	    collect(c, st, (void **)&out->endpoints.v, &out->endpoints.n,
		    sizeof *out->endpoints.v, out->endpoints.pool, endpoint_row, err) != 0)
		return -1;
	if (prepare(c, "SELECT f.product, f.id, f.kind, f.grp, f.dflt FROM sel_feature s"
		    " CROSS JOIN feature f ON f.rid = s.rid WHERE f.grp IS NOT NULL ORDER BY f.rid",
		    &st, err) != 0 ||
	    collect(c, st, (void **)&out->grouped.v, &out->grouped.n,
		    sizeof *out->grouped.v, out->grouped.pool, feature_row, err) != 0)
		return -1;
	return 0;
}

void
catalog_selection_fini(struct catalog_selection *s)
{
	catalog_list_fini(&s->flows);
	catalog_list_fini(&s->gaps);
	catalog_list_fini(&s->products);
	catalog_list_fini(&s->endpoints);
	catalog_list_fini(&s->grouped);
	strlist_fini(&s->unknown_products);
	strlist_fini(&s->unknown_features);
	strlist_fini(&s->unknown_endpoints);
}
