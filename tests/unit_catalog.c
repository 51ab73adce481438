/* Unit tests of the catalog: the loader on valid input and on every kind
 * of invalid input (file:line and message), hostile XML, the SQLite cache
 * (build, automatic rebuild, corrupt cache, a bad source keeping the old
 * cache), and the resolver (the selection over the snapshot + resolve) on a small catalog
 * whose rules are worked out by hand below.
 *
 * Every test gets its own temporary directory and XDG_CACHE_HOME (Criterion
 * runs each test in its own process, tests run in parallel). */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/snapshot.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "resolve/select.h"
#include "util/netspec.h"
#include "util/str.h"

/* ---- fixture ---------------------------------------------------------- */

static char root[PATH_MAX];	/* this test's temporary directory */

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	return remove(path);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char *buf;

	snprintf(root, sizeof root, "%s/pp-unit-catalog-XXXXXX",
		 tmp != NULL && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(root), "mkdtemp: %s", strerror(errno));
	buf = xasprintf("%s/cache", root);
	setenv("XDG_CACHE_HOME", buf, 1);
	free(buf);
	buf = xasprintf("%s/data", root);
	setenv("XDG_DATA_HOME", buf, 1);
	free(buf);
	setenv("HOME", root, 1);
}

static void
teardown(void)
{
	if (root[0] != '\0')
		nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(load, .init = setup, .fini = teardown);
TestSuite(hostile, .init = setup, .fini = teardown);
TestSuite(cache, .init = setup, .fini = teardown);
TestSuite(resolver, .init = setup, .fini = teardown);

/* ROOT/SUB, created.  Caller-owned. */
static char *
subdir(const char *sub)
{
	char *d = xasprintf("%s/%s", root, sub);

	if (mkdir(d, 0700) != 0 && errno != EEXIST)
		cr_assert_fail("mkdir %s: %s", d, strerror(errno));
	return d;
}

/* Writes LEN bytes to ROOT/SUB/NAME.  Caller-owned path. */
static char *
put_bytes(const char *sub, const char *name, const void *data, size_t len)
{
	char *dir = subdir(sub);
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f, "fopen %s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
	free(dir);
	return path;
}

static char *
put(const char *sub, const char *name, const char *text)
{
	return put_bytes(sub, name, text, strlen(text));
}

static void
put_free(const char *sub, const char *name, const char *text)
{
	free(put(sub, name, text));
}

/* Reads a whole file (caller-owned, NUL-terminated); NULL if absent. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b;
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	sbuf_init(&b);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_addn(&b, buf, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	if (b.s == NULL)
		sbuf_add(&b, "");
	return sbuf_take(&b);
}

/* Zones and shared endpoints; line numbers matter to the tests. */
static const char common_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"			/* 1 */
	"<catalog format=\"1\">\n"					/* 2 */
	"  <zone id=\"internal\"><label>Internal network</label>"
	"<label lang=\"de\">Internes Netz</label></zone>\n"		/* 3 */
	"  <zone id=\"dmz\"><label>DMZ</label></zone>\n"		/* 4 */
	"  <zone id=\"public\"><label>Internet</label></zone>\n"	/* 5 */
	"  <endpoint id=\"ad\" zone=\"internal\"><label>Directory</label></endpoint>\n"	/* 6 */
	"  <endpoint id=\"clients\" zone=\"public\"><label>Clients</label></endpoint>\n"	/* 7 */
	"</catalog>\n";

/* A product file: the head is lines 1-7, BODY starts on line 8. */
#define PRODUCT_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"			/* 1 */ \
	"<catalog format=\"1\">\n"					/* 2 */ \
	"  <product id=\"acme\" vendor=\"ACME\">\n"			/* 3 */ \
	"    <label>ACME gateway</label>\n"				/* 4 */ \
	"    <feature id=\"ssl\" default=\"true\"><label>SSL</label></feature>\n"	/* 5 */ \
	"    <feature id=\"sso\"><label>SSO</label></feature>\n"	/* 6 */ \
	"    <endpoint id=\"acme\" zone=\"dmz\"><label>ACME server</label></endpoint>\n"	/* 7 */
#define PRODUCT_TAIL "  </product>\n</catalog>\n"
#define PRODUCT(body) PRODUCT_HEAD body PRODUCT_TAIL
/* One flow on one line, with ATTRS (proto, ports, when...). */
#define FLOW(id, attrs) \
	"    <flow id=\"" id "\" from=\"acme\" to=\"ad\" " attrs \
	" doc=\"acme.txt\" section=\"Ports\"><purpose>Purpose " id "</purpose></flow>\n"

/* Runs catalog_check on ROOT/SUB. */
static int
check_dir(const char *sub, struct pp_error *err)
{
	struct strlist dirs;
	char *dir = xasprintf("%s/%s", root, sub);
	int rc;

	strlist_init(&dirs);
	strlist_add(&dirs, dir);
	error_clear(err);
	rc = catalog_check(&dirs, err);
	strlist_fini(&dirs);
	free(dir);
	return rc;
}

static int seq;

/* Checks common.xml plus NAME=TEXT in a fresh directory; the check must
 * fail in NAME at LINE (-1: any line) with a message containing WANT. */
static void
expect_error_in(const char *name, const char *text, size_t len, long line,
		const char *want)
{
	struct pp_error err;
	char sub[32];
	const char *base;

	snprintf(sub, sizeof sub, "case%d", ++seq);
	put_free(sub, "common.xml", common_xml);
	free(put_bytes(sub, name, text, len));
	cr_assert_eq(check_dir(sub, &err), -1, "accepted: %s", text);
	base = strrchr(err.file, '/');
	cr_assert(base != NULL && strcmp(base + 1, name) == 0,
		  "error names file \"%s\", expected %s (%s)", err.file, name, err.msg);
	if (line >= 0)
		cr_assert_eq(err.line, line, "line %ld, expected %ld: %s", err.line, line,
			     err.msg);
	cr_assert(strstr(err.msg, want) != NULL, "message \"%s\" lacks \"%s\"",
		  err.msg, want);
	cr_assert(text_is_clean(err.msg), "message not cleaned: %s", err.msg);
}

static void
expect_error(const char *text, long line, const char *want)
{
	expect_error_in("acme.xml", text, strlen(text), line, want);
}

/* Opens ROOT/SUB (and ROOT/SUB2 when not NULL) with the default cache. */
static int
open_dirs(const char *sub, const char *sub2, bool allow_stale, struct catalog **c,
	  struct strlist *warnings, struct pp_error *err)
{
	struct catalog_config cfg;
	int rc;

	catalog_config_init(&cfg);
	strlist_add(&cfg.dirs, sub);
	if (sub2 != NULL)
		strlist_add(&cfg.dirs, sub2);
	for (size_t i = 0; i < cfg.dirs.n; i++) {
		char *abs = xasprintf("%s/%s", root, cfg.dirs.v[i]);
		free(cfg.dirs.v[i]);
		cfg.dirs.v[i] = abs;
	}
	cfg.allow_stale = allow_stale;
	error_clear(err);
	rc = catalog_open(&cfg, c, warnings, err);
	catalog_config_fini(&cfg);
	return rc;
}

static char *
cache_path(void)
{
	return xasprintf("%s/cache/portplan/catalog.sqlite", root);
}

/* ---- valid input ------------------------------------------------------ */

static const char acme_full[] = PRODUCT(
	"    <endpoint id=\"acme-db\" zone=\"internal\"><label>ACME database</label>"
	"<label lang=\"de\">ACME-Datenbank</label><fqdn>db.acme.example</fqdn>"
	"<fqdn>*.db.acme.example</fqdn></endpoint>\n"
	"    <flow id=\"db\" from=\"acme\" to=\"acme-db\" proto=\"tcp\" ports=\"1434,1433\""
	" doc=\"acme.txt\" section=\"Database\"><purpose>Database</purpose>"
	"<purpose lang=\"de\">Datenbank</purpose></flow>\n"
	"    <flow id=\"ldaps\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"636\""
	" when=\" sso &amp;ssl \" doc=\"acme.txt\" section=\"Directory\"><purpose>LDAPS</purpose></flow>\n"
	"    <flow id=\"esp\" from=\"acme\" to=\"ad\" proto=\"50\" when=\"!ssl\" required=\"false\""
	" provenance=\"inferred\" doc=\"acme.txt\" section=\"IPsec\"><purpose>ESP</purpose>"
	"<reason>The page implies IPsec.</reason><note>Check.</note></flow>\n"
	"    <flow id=\"ping\" from=\"acme\" to=\"ad\" proto=\"icmp\""
	" doc=\"acme.txt\" section=\"ICMP\"><purpose>Ping</purpose></flow>\n"
	"    <gap id=\"g1\" when=\"sso\" doc=\"acme.txt\" section=\"SSO\"><text>SSO ports unknown.</text></gap>\n");

Test(load, valid_catalog_checks_and_opens)
{
	struct pp_error err;
	struct catalog *c = NULL;
	struct catalog_flows flows;
	struct catalog_endpoints eps;
	struct catalog_features feats;
	struct catalog_zones zones;
	struct catalog_gaps gaps;

	put_free("src", "common.xml", common_xml);
	put_free("src", "acme.xml", acme_full);
	cr_assert_eq(check_dir("src", &err), 0, "%s:%ld: %s", err.file, err.line, err.msg);
	cr_assert_eq(open_dirs("src", NULL, false, &c, NULL, &err), 0, "%s", err.msg);

	cr_assert_eq(catalog_zones(c, &zones, &err), 0);
	cr_assert_eq(zones.n, 3);
	cr_assert_str_eq(zones.v[0].id, "internal");
	cr_assert_str_eq(zones.v[0].label, "Internal network");
	catalog_list_fini(&zones);

	cr_assert_eq(catalog_features(c, "acme", &feats, &err), 0);
	cr_assert_eq(feats.n, 2);
	cr_assert_str_eq(feats.v[0].id, "ssl");
	cr_assert(feats.v[0].dflt);
	cr_assert_str_eq(feats.v[0].kind, "feature");
	cr_assert(!feats.v[1].dflt);
	catalog_list_fini(&feats);

	cr_assert_eq(catalog_flows(c, "acme", &flows, &err), 0);
	cr_assert_eq(flows.n, 4);
	cr_assert_str_eq(flows.v[0].id, "db");
	cr_assert_str_eq(flows.v[0].ports, "1433,1434", "ports are stored canonical");
	cr_assert_str_eq(flows.v[0].cond, "");
	cr_assert_eq(flows.v[0].proto, PROTO_TCP);
	cr_assert(flows.v[0].required);
	cr_assert(!flows.v[0].inferred);
	cr_assert_str_eq(flows.v[1].cond, "ssl & sso", "conditions are stored canonical");
	cr_assert_eq(flows.v[2].proto, 50);
	cr_assert_null(flows.v[2].ports);
	cr_assert_str_eq(flows.v[2].cond, "!ssl");
	cr_assert(!flows.v[2].required);
	cr_assert(flows.v[2].inferred);
	cr_assert_str_eq(flows.v[2].reason, "The page implies IPsec.");
	cr_assert_str_eq(flows.v[2].note, "Check.");
	cr_assert_eq(flows.v[3].proto, PROTO_ICMP);
	cr_assert_null(flows.v[3].ports);
	cr_assert_eq(flows.v[0].line, 9, "flow line %ld", flows.v[0].line);
	cr_assert(strstr(flows.v[0].file, "acme.xml") != NULL);
	catalog_list_fini(&flows);

	cr_assert_eq(catalog_gaps(c, NULL, &gaps, &err), 0);
	cr_assert_eq(gaps.n, 1);
	cr_assert_str_eq(gaps.v[0].cond, "sso");
	cr_assert_str_eq(gaps.v[0].text, "SSO ports unknown.");
	catalog_list_fini(&gaps);

	/* product endpoints: its own plus the shared ones its flows use */
	cr_assert_eq(catalog_endpoints(c, "acme", &eps, &err), 0);
	cr_assert_eq(eps.n, 3);
	catalog_list_fini(&eps);

	/* texts: the language asked for, else English */
	catalog_set_lang(c, "de");
	cr_assert_eq(catalog_endpoints(c, NULL, &eps, &err), 0);
	for (size_t i = 0; i < eps.n; i++) {
		if (strcmp(eps.v[i].id, "acme-db") == 0) {
			cr_assert_str_eq(eps.v[i].label, "ACME-Datenbank");
			cr_assert_str_eq(eps.v[i].fqdn, "db.acme.example, *.db.acme.example");
		} else if (strcmp(eps.v[i].id, "acme") == 0) {
			cr_assert_str_eq(eps.v[i].label, "ACME server", "English fallback");
		}
	}
	catalog_list_fini(&eps);
	cr_assert_eq(catalog_flows(c, "acme", &flows, &err), 0);
	cr_assert_str_eq(flows.v[0].purpose, "Datenbank");
	cr_assert_str_eq(flows.v[1].purpose, "LDAPS");
	catalog_list_fini(&flows);
	catalog_free(&c);
	cr_assert_null(c);
}

Test(load, references_resolve_across_files)
{
	struct pp_error err;

	/* a.xml uses an endpoint that z.xml (read later) declares */
	put_free("src", "common.xml", common_xml);
	put_free("src", "a.xml", PRODUCT(
		"    <flow id=\"f\" from=\"acme\" to=\"zed\" proto=\"tcp\" ports=\"1\""
		" doc=\"d\" section=\"s\"><purpose>P</purpose></flow>\n"));
	put_free("src", "z.xml",
		 "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		 "  <endpoint id=\"zed\" zone=\"public\"><label>Zed</label></endpoint>\n"
		 "</catalog>\n");
	cr_assert_eq(check_dir("src", &err), 0, "%s:%ld: %s", err.file, err.line, err.msg);
}

Test(load, same_flow_id_in_two_products)
{
	struct pp_error err;

	put_free("src", "common.xml", common_xml);
	put_free("src", "acme.xml", PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\"")));
	put_free("src", "beta.xml",
		 "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		 "  <product id=\"beta\" vendor=\"B\"><label>Beta</label>\n"
		 "    <endpoint id=\"beta\" zone=\"dmz\"><label>Beta</label></endpoint>\n"
		 "    <flow id=\"f1\" from=\"beta\" to=\"ad\" proto=\"tcp\" ports=\"1\""
		 " doc=\"d\" section=\"s\"><purpose>P</purpose></flow>\n"
		 "  </product>\n</catalog>\n");
	cr_assert_eq(check_dir("src", &err), 0, "%s:%ld: %s", err.file, err.line, err.msg);
}

Test(load, check_touches_no_cache)
{
	struct pp_error err;
	struct stat st;
	char *cache = xasprintf("%s/cache", root);

	put_free("src", "common.xml", common_xml);
	put_free("src", "acme.xml", acme_full);
	cr_assert_eq(check_dir("src", &err), 0, "%s", err.msg);
	cr_assert_neq(stat(cache, &st), 0, "catalog_check created %s", cache);
	free(cache);
}

Test(load, control_and_bidi_characters_are_cleaned)
{
	struct pp_error err;
	struct catalog *c = NULL;
	struct catalog_flows flows;

	put_free("src", "common.xml", common_xml);
	put_free("src", "acme.xml", PRODUCT(
		"    <flow id=\"f\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"1\""
		" doc=\"d\xe2\x80\xaeoc\" section=\"s\"><purpose>a\xe2\x80\xae"
		"b\xc2\x9b" "31m c&#9;d\n  e</purpose></flow>\n"));
	cr_assert_eq(open_dirs("src", NULL, false, &c, NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(catalog_flows(c, "acme", &flows, &err), 0);
	cr_assert_eq(flows.n, 1);
	cr_assert(text_is_clean(flows.v[0].purpose), "purpose: %s", flows.v[0].purpose);
	cr_assert(text_is_clean(flows.v[0].doc), "doc: %s", flows.v[0].doc);
	cr_assert_str_eq(flows.v[0].purpose, "ab31m c d e");
	catalog_list_fini(&flows);
	catalog_free(&c);
}

/* ---- invalid input ---------------------------------------------------- */

Test(load, malformed_xml)
{
	expect_error(PRODUCT("    <flow id=\"f1\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"1\"\n"
			     "    <purpose>P</purpose></flow>\n"),
		     -1, "");
	/* mismatched tags: the error is where the wrong end tag is */
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		     "  <zone id=\"x\"><label>X</label>\n"
		     "</catalog>\n", 4, "");
	/* an attribute given twice */
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		     "  <zone id=\"x\" id=\"y\"><label>X</label></zone>\n"
		     "</catalog>\n", 3, "");
	/* truncated */
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n  <zone id=\"x\"><lab",
		     -1, "");
	/* not XML at all */
	expect_error("hello, world\n", 1, "");
	/* an undefined entity reference */
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" when=\"&ssl;\"")), 8, "");
}

/* The message says what is wrong, not only that something is. */
Test(load, malformed_xml_says_what_is_wrong)
{
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		     "  <zone id=\"x\"><label>X</label>\n"
		     "</catalog>\n", 4, "ending tag mismatch");
}

Test(load, schema_violations)
{
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcpx\" ports=\"1\"")), 8,
		     "attribute 'proto'");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" colour=\"red\"")), 8,
		     "attribute 'colour'");
	expect_error(PRODUCT(FLOW("f1", "proto=\"256\"")), 8, "attribute 'proto'");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"80 81\"")), 8,
		     "attribute 'ports'");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" when=\"ssl | sso\"")), 8,
		     "attribute 'when'");
	expect_error(PRODUCT(FLOW("F1", "proto=\"tcp\" ports=\"1\"")), 8, "attribute 'id'");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" provenance=\"guess\"")), 8,
		     "attribute 'provenance'");
	/* a required attribute is missing */
	expect_error(PRODUCT("    <flow id=\"f1\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"1\""
			     " section=\"s\"><purpose>P</purpose></flow>\n"), 8, "doc");
	/* elements out of order: a feature after an endpoint */
	expect_error(PRODUCT("    <feature id=\"late\"><label>L</label></feature>\n"), 8,
		     "feature");
	/* an unknown element */
	expect_error(PRODUCT("    <rule id=\"r\"/>\n"), 8, "rule");
	/* wrong format version, wrong root */
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"2\">\n</catalog>\n", 2,
		     "format");
	expect_error("<?xml version=\"1.0\"?>\n<plan format=\"1\"/>\n", 2, "");
}

Test(load, unknown_feature_in_condition)
{
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" when=\"ssl &amp; !nossl\"")),
		     8, "unknown feature \"nossl\"");
	/* a feature of another product does not count */
	expect_error(PRODUCT("    <gap id=\"g\" when=\"docs\" doc=\"d\" section=\"s\">"
			     "<text>T</text></gap>\n"), 8, "unknown feature \"docs\"");
	/* a literal and its negation */
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" when=\"ssl &amp; !ssl\"")),
		     8, "invalid condition");
}

Test(load, unknown_endpoint_in_from_or_to)
{
	expect_error(PRODUCT("    <flow id=\"f1\" from=\"nowhere\" to=\"ad\" proto=\"tcp\" ports=\"1\""
			     " doc=\"d\" section=\"s\"><purpose>P</purpose></flow>\n"),
		     8, "unknown endpoint \"nowhere\" in from");
	expect_error(PRODUCT("    <flow id=\"f1\" from=\"acme\" to=\"nowhere\" proto=\"tcp\" ports=\"1\""
			     " doc=\"d\" section=\"s\"><purpose>P</purpose></flow>\n"),
		     8, "unknown endpoint \"nowhere\" in to");
	/* an endpoint in a zone nobody declares */
	expect_error(PRODUCT("    <endpoint id=\"x\" zone=\"mars\"><label>X</label></endpoint>\n"),
		     8, "unknown zone \"mars\"");
}

Test(load, unknown_endpoint_reported_in_the_file_that_uses_it)
{
	struct pp_error err;

	/* the bad reference sits in b.xml, which is read after a.xml */
	put_free("src", "common.xml", common_xml);
	put_free("src", "a.xml",
		 "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		 "  <endpoint id=\"peer\" zone=\"public\"><label>Peer</label></endpoint>\n"
		 "</catalog>\n");
	put_free("src", "b.xml", PRODUCT(
		"    <flow id=\"ok\" from=\"acme\" to=\"peer\" proto=\"tcp\" ports=\"1\""
		" doc=\"d\" section=\"s\"><purpose>P</purpose></flow>\n"
		"    <flow id=\"bad\" from=\"acme\" to=\"pier\" proto=\"tcp\" ports=\"2\""
		" doc=\"d\" section=\"s\"><purpose>P</purpose></flow>\n"));
	cr_assert_eq(check_dir("src", &err), -1);
	cr_assert(strstr(err.file, "/b.xml") != NULL, "file %s", err.file);
	cr_assert_eq(err.line, 9);
	cr_assert(strstr(err.msg, "flow \"bad\": unknown endpoint \"pier\" in to") != NULL,
		  "%s", err.msg);
}

/* A duplicate in NAME at LINE naming the first declaration FIRST_FILE:FIRST_LINE. */
static void
expect_duplicate(const char *sub, long line, const char *what, const char *first)
{
	struct pp_error err;

	cr_assert_eq(check_dir(sub, &err), -1);
	cr_assert_eq(err.line, line, "line %ld: %s", err.line, err.msg);
	cr_assert(strstr(err.msg, what) != NULL, "\"%s\" lacks \"%s\"", err.msg, what);
	cr_assert(strstr(err.msg, "first declared at") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, first) != NULL, "\"%s\" lacks \"%s\"", err.msg, first);
}

Test(load, duplicate_ids_name_the_first_declaration)
{
	/* zone, across files */
	put_free("z", "common.xml", common_xml);
	put_free("z", "more.xml", "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n\n"
		 "  <zone id=\"dmz\"><label>Again</label></zone>\n</catalog>\n");
	expect_duplicate("z", 4, "duplicate zone id \"dmz\"", "/z/common.xml:4)");

	/* product, across files */
	put_free("p", "common.xml", common_xml);
	put_free("p", "acme.xml", PRODUCT(""));
	put_free("p", "acme2.xml", PRODUCT(""));
	expect_duplicate("p", 3, "duplicate product id \"acme\"", "/p/acme.xml:3)");

	/* feature, same product */
	put_free("f", "common.xml", common_xml);
	put_free("f", "acme.xml",
		 "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		 "  <product id=\"acme\" vendor=\"ACME\"><label>A</label>\n"
		 "    <feature id=\"ssl\"><label>SSL</label></feature>\n"
		 "    <feature id=\"ssl\"><label>SSL again</label></feature>\n"
		 "    <endpoint id=\"acme\" zone=\"dmz\"><label>A</label></endpoint>\n"
		 "  </product>\n</catalog>\n");
	expect_duplicate("f", 5, "duplicate feature id \"ssl\"", "/f/acme.xml:4)");

	/* endpoint, a product re-declaring a shared endpoint */
	put_free("e", "common.xml", common_xml);
	put_free("e", "x-acme.xml", PRODUCT(
		"    <endpoint id=\"ad\" zone=\"dmz\"><label>My AD</label></endpoint>\n"));
	expect_duplicate("e", 8, "duplicate endpoint id \"ad\"", "/e/common.xml:6)");

	/* flow, same product */
	put_free("w", "common.xml", common_xml);
	put_free("w", "acme.xml", PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\"")
					  FLOW("f1", "proto=\"tcp\" ports=\"2\"")));
	expect_duplicate("w", 9, "duplicate flow id \"f1\"", "/w/acme.xml:8)");

	/* gap, same product */
	put_free("g", "common.xml", common_xml);
	put_free("g", "acme.xml", PRODUCT(
		"    <gap id=\"g\" doc=\"d\" section=\"s\"><text>T</text></gap>\n"
		"    <gap id=\"g\" doc=\"d\" section=\"s\"><text>T</text></gap>\n"));
	expect_duplicate("g", 9, "duplicate gap id \"g\"", "/g/acme.xml:8)");
}

Test(load, ports)
{
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"65536\"")), 8,
		     "flow \"f1\": invalid port near \"65536\"");
	expect_error(PRODUCT(FLOW("f1", "proto=\"udp\" ports=\"0\"")), 8, "invalid port");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"80-99999\"")), 8,
		     "invalid port range");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"90-80\"")), 8,
		     "ends before it starts");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"443,80,443\"")), 8,
		     "port 443 is listed twice");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1000-2000,1500\"")), 8,
		     "listed twice");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\"")), 8, "needs a ports attribute");
	expect_error(PRODUCT(FLOW("f1", "proto=\"icmp\" ports=\"8\"")), 8,
		     "protocol icmp has no ports");
	expect_error(PRODUCT(FLOW("f1", "proto=\"50\" ports=\"500\"")), 8,
		     "protocol 50 has no ports");
}

Test(load, english_text_required)
{
	expect_error(PRODUCT("    <endpoint id=\"x\" zone=\"dmz\"><label lang=\"de\">X</label></endpoint>\n"),
		     8, "<label> without an English text");
	expect_error(PRODUCT("    <flow id=\"f1\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"1\""
			     " doc=\"d\" section=\"s\"><purpose lang=\"fr\">P</purpose></flow>\n"),
		     8, "<purpose> without an English text");
	expect_error(PRODUCT("    <gap id=\"g\" doc=\"d\" section=\"s\"><text lang=\"de\">T</text></gap>\n"),
		     8, "<text> without an English text");
	/* the product's own label */
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		     "  <product id=\"acme\" vendor=\"ACME\">\n"
		     "    <label lang=\"de\">ACME</label>\n"
		     "    <endpoint id=\"acme\" zone=\"dmz\"><label>A</label></endpoint>\n"
		     "  </product>\n</catalog>\n", 3, "<label> without an English text");
	/* a zone's */
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		     "  <zone id=\"lab\"><label lang=\"fr\">Labo</label></zone>\n</catalog>\n",
		     3, "<label> without an English text");
}

Test(load, text_given_twice)
{
	expect_error(PRODUCT("    <endpoint id=\"x\" zone=\"dmz\"><label>X</label><label lang=\"en\">Y</label></endpoint>\n"),
		     -1, "<label lang=\"en\"> given twice");
	/* at the line of the second text, not wherever the parser has read to */
	expect_error(PRODUCT("    <endpoint id=\"x\" zone=\"dmz\"><label>X</label><label lang=\"en\">Y</label></endpoint>\n"),
		     8, "given twice");
}

Test(load, inferred_flow_needs_a_reason)
{
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" provenance=\"inferred\"")), 8,
		     "an inferred flow must give its <reason>");
	expect_error(PRODUCT("    <flow id=\"f1\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"1\""
			     " provenance=\"inferred\" doc=\"d\" section=\"s\"><purpose>P</purpose>"
			     "<reason lang=\"de\">Grund</reason></flow>\n"),
		     8, "an inferred flow must give its <reason>");
}

Test(load, product_needs_its_own_endpoint)
{
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		     "  <product id=\"acme\" vendor=\"ACME\">\n"
		     "    <label>ACME</label>\n"
		     "    <endpoint id=\"acme-server\" zone=\"dmz\"><label>A</label></endpoint>\n"
		     "  </product>\n</catalog>\n",
		     3, "product \"acme\" declares no endpoint with its own id");
}

Test(load, preferred_interface_must_be_listed)
{
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" interfaces=\"C P1\""
				  " preferred-interface=\"P2\"")),
		     8, "preferred interface \"P2\"");
}

/* A part of an interface name, or of the list, is not an interface. */
Test(load, preferred_interface_is_a_whole_name)
{
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" interfaces=\"eth0 eth1\""
				  " preferred-interface=\"eth\"")),
		     8, "preferred interface \"eth\"");
	expect_error(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\" interfaces=\"eth0 eth1\""
				  " preferred-interface=\"h0 e\"")),
		     8, "preferred interface \"h0 e\"");
}

Test(load, no_zones_at_all)
{
	struct pp_error err;

	put_free("nz", "a.xml", "<?xml version=\"1.0\"?>\n<catalog format=\"1\"/>\n");
	cr_assert_eq(check_dir("nz", &err), -1);
	cr_assert(strstr(err.msg, "declares no zones") != NULL, "%s", err.msg);
}

Test(load, missing_directory)
{
	struct pp_error err;

	cr_assert_eq(check_dir("no-such-dir", &err), -1);
	cr_assert(strstr(err.file, "no-such-dir") != NULL, "%s", err.file);
	cr_assert(strstr(err.msg, "cannot open catalog directory") != NULL, "%s", err.msg);
}

Test(load, only_xml_files_are_read)
{
	struct pp_error err;

	put_free("src", "common.xml", common_xml);
	put_free("src", "README", "not xml");
	put_free("src", "acme.xml~", "<broken");
	put_free("src", ".hidden.xml", "<broken");
	cr_assert_eq(check_dir("src", &err), 0, "%s:%ld: %s", err.file, err.line, err.msg);
}

/* ---- hostile input ---------------------------------------------------- */

static const char billion_laughs[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE catalog [\n"
	" <!ENTITY lol \"lol\">\n"
	" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	"]>\n"
	"<catalog format=\"1\">\n"
	"  <zone id=\"x\"><label>&lol9;</label></zone>\n"
	"</catalog>\n";

Test(hostile, billion_laughs_is_refused)
{
	expect_error(billion_laughs, 2, "DOCTYPE and ENTITY declarations are not allowed");
}

/* No error or record may carry the content of /etc/passwd (or the URL). */
static void
expect_xxe_refused(const char *text, long line)
{
	struct pp_error err;
	char sub[32];

	expect_error(text, line, "not allowed");
	/* the same file opened into a cache: refused too, nothing read */
	snprintf(sub, sizeof sub, "case%d", seq);
	cr_assert_eq(open_dirs(sub, NULL, false, &(struct catalog *){ NULL }, NULL, &err), -1);
	cr_assert(strstr(err.msg, "root:") == NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "/etc/passwd") == NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "not allowed") != NULL, "%s", err.msg);
}

Test(hostile, external_entity_is_refused)
{
	expect_xxe_refused("<?xml version=\"1.0\"?>\n"
			   "<!DOCTYPE catalog [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
			   "<catalog format=\"1\">\n"
			   "  <zone id=\"x\"><label>&xxe;</label></zone>\n"
			   "</catalog>\n", 2);
	/* parameter entity and network */
	expect_xxe_refused("<?xml version=\"1.0\"?>\n\n"
			   "<!DOCTYPE catalog [ <!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p; ]>\n"
			   "<catalog format=\"1\"/>\n", 3);
	/* external DTD */
	expect_xxe_refused("<?xml version=\"1.0\"?>\n"
			   "<!DOCTYPE catalog SYSTEM \"file:///etc/passwd\">\n"
			   "<catalog format=\"1\"/>\n", 2);
	/* spelled in lower case */
	expect_xxe_refused("<?xml version=\"1.0\"?>\n"
			   "<!doctype catalog [ <!entity xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
			   "<catalog format=\"1\"/>\n", 2);
}

Test(hostile, external_entity_never_reaches_the_catalog)
{
	/* even a file that slipped an entity in must not import /etc/passwd:
	 * open whatever survives and look at every text */
	struct pp_error err;
	struct catalog *c = NULL;

	put_free("src", "common.xml", common_xml);
	put_free("src", "x.xml", "<?xml version=\"1.0\"?>\n"
		 "<!DOCTYPE catalog [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
		 "<catalog format=\"1\">\n"
		 "  <zone id=\"x\"><label>&xxe;</label></zone>\n</catalog>\n");
	cr_assert_eq(open_dirs("src", NULL, false, &c, NULL, &err), -1);
	cr_assert_null(c);
	{
		char *path = cache_path();
		char *db = slurp(path, NULL);

		cr_assert(db == NULL || strstr(db, "root:") == NULL,
			  "the cache holds /etc/passwd");
		free(db);
		free(path);
	}
}

Test(hostile, utf16_is_refused)
{
	/* "<?xml" in UTF-16LE with a byte-order mark */
	static const char le[] = "\xff\xfe<\0?\0x\0m\0l\0 \0?\0>\0\n\0";
	static const char be[] = "\xfe\xff\0<\0?\0x\0m\0l\0 \0?\0>\0\n";
	static const char nobom[] = "<\0c\0a\0t\0a\0l\0o\0g\0/\0>\0";

	expect_error_in("u16.xml", le, sizeof le - 1, 1, "must be UTF-8");
	expect_error_in("u16.xml", be, sizeof be - 1, 1, "must be UTF-8");
	expect_error_in("u16.xml", nobom, sizeof nobom - 1, 1, "NUL byte");
}

Test(hostile, nul_bytes_are_refused)
{
	static const char text[] = "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
				   "  <zone id=\"x\"><label>a\0b</label></zone>\n</catalog>\n";

	expect_error_in("nul.xml", text, sizeof text - 1, 3, "NUL byte");
}

Test(hostile, invalid_utf8_is_refused)
{
	expect_error("<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		     "  <zone id=\"x\"><label>caf\xe9</label></zone>\n</catalog>\n", 3, "");
}

Test(hostile, empty_file)
{
	expect_error_in("empty.xml", "", 0, 0, "empty file");
}

Test(hostile, directory_named_like_a_source)
{
	struct pp_error err;
	char *d;

	put_free("src", "common.xml", common_xml);
	d = subdir("src/x.xml");
	free(d);
	cr_assert_eq(check_dir("src", &err), -1);
	cr_assert(strstr(err.file, "/x.xml") != NULL, "%s", err.file);
	cr_assert(strstr(err.msg, "directory") != NULL, "%s", err.msg);
}

Test(hostile, fifo_named_like_a_source)
{
	struct pp_error err;
	char *f;

	put_free("src", "common.xml", common_xml);
	f = xasprintf("%s/src/x.xml", root);
	cr_assert_eq(mkfifo(f, 0600), 0);
	free(f);
	cr_assert_eq(check_dir("src", &err), -1);	/* and does not hang */
	cr_assert(strstr(err.msg, "not a regular file") != NULL, "%s", err.msg);
}

Test(hostile, size_cap)
{
	struct pp_error err;
	char *path;
	int fd;

	put_free("src", "common.xml", common_xml);
	path = put("src", "huge.xml", "<?xml version=\"1.0\"?>\n");
	fd = open(path, O_WRONLY);
	cr_assert_geq(fd, 0);
	/* sparse: costs no disk */
	cr_assert_eq(ftruncate(fd, (off_t)CATALOG_FILE_MAX + 1), 0);
	close(fd);
	free(path);
	cr_assert_eq(check_dir("src", &err), -1);
	cr_assert(strstr(err.file, "huge.xml") != NULL, "%s", err.file);
	cr_assert(strstr(err.msg, "too large") != NULL, "%s", err.msg);
}

Test(hostile, deep_nesting_is_bounded)
{
	struct sbuf b;

	sbuf_init(&b);
	sbuf_add(&b, "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n");
	for (int i = 0; i < 100000; i++)
		sbuf_add(&b, "<a>");
	sbuf_add(&b, "\n</catalog>\n");
	expect_error_in("deep.xml", b.s, b.len, -1, "");
	sbuf_fini(&b);
}

/* ---- the cache -------------------------------------------------------- */

static void
write_sources(const char *acme_text)
{
	put_free("src", "common.xml", common_xml);
	put_free("src", "acme.xml", acme_text);
}

static size_t
count_flows(struct catalog *c)
{
	struct catalog_flows flows;
	struct pp_error err;
	size_t n;

	cr_assert_eq(catalog_flows(c, NULL, &flows, &err), 0, "%s", err.msg);
	n = flows.n;
	catalog_list_fini(&flows);
	return n;
}

/* Opens src/ with the default cache: rebuilt as WANT_REBUILT, FLOWS flows. */
static void
open_expect(bool want_rebuilt, size_t flows)
{
	struct catalog *c = NULL;
	struct pp_error err;
	struct strlist warnings;
	char *path = cache_path();

	strlist_init(&warnings);
	cr_assert_eq(open_dirs("src", NULL, false, &c, &warnings, &err), 0,
		     "%s:%ld: %s", err.file, err.line, err.msg);
	cr_assert_eq(warnings.n, 0, "warning: %s", warnings.n ? warnings.v[0] : "");
	cr_assert_eq(catalog_was_rebuilt(c), want_rebuilt, "rebuilt %d, expected %d",
		     catalog_was_rebuilt(c), want_rebuilt);
	cr_assert_str_eq(catalog_db_path(c), path);
	cr_assert_eq(count_flows(c), flows);
	catalog_free(&c);
	strlist_fini(&warnings);
	free(path);
}

static const char acme_one[] = PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\""));
static const char acme_two[] = PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\"")
				       FLOW("f2", "proto=\"tcp\" ports=\"2\""));

/* Nothing but the cache itself in its directory (no temporaries). */
static void
expect_clean_cache_dir(void)
{
	char *dir = xasprintf("%s/cache/portplan", root);
	char *cmd = xasprintf("test \"$(ls -A '%s')\" = catalog.sqlite", dir);

	cr_assert_eq(system(cmd), 0, "stray files in %s", dir);
	free(cmd);
	free(dir);
}

Test(cache, built_once_then_reused)
{
	struct stat st;
	char *path = cache_path();

	write_sources(acme_one);
	open_expect(true, 1);
	cr_assert_eq(stat(path, &st), 0, "no cache at %s", path);
	open_expect(false, 1);
	expect_clean_cache_dir();
	free(path);
}

Test(cache, rebuilt_when_a_source_changes)
{
	write_sources(acme_one);
	open_expect(true, 1);
	/* same bytes rewritten (new mtime): not rebuilt */
	sleep(1);
	write_sources(acme_one);
	open_expect(false, 1);
	/* content changed: rebuilt, new content visible */
	write_sources(acme_two);
	open_expect(true, 2);
	open_expect(false, 2);
	/* a file added */
	put_free("src", "zz.xml", "<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		 "  <zone id=\"lab\"><label>Lab</label></zone>\n</catalog>\n");
	open_expect(true, 2);
	/* a file removed */
	{
		char *p = xasprintf("%s/src/zz.xml", root);
		cr_assert_eq(unlink(p), 0);
		free(p);
	}
	open_expect(true, 2);
	open_expect(false, 2);
	expect_clean_cache_dir();
}

/* A warm open trusts the hash it recorded only while a source's size,
 * times, inode and device are what they were: same-size edits with the
 * modification time put back, and files changed moments before the
 * build, are still read. */
Test(cache, metadata_shortcut_never_hides_an_edit)
{
	static const char acme_one_b[] = PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"2\""));
	char *path = xasprintf("%s/src/acme.xml", root);
	struct stat st;
	struct timespec times[2];

	cr_assert_eq(sizeof acme_one, sizeof acme_one_b, "the two versions have one size");
	write_sources(acme_one);
	/* built moments after the files were written: they are racy, read */
	open_expect(true, 1);
	open_expect(false, 1);
	/* the same size, the modification time put back: the change time
	 * still tells */
	cr_assert_eq(stat(path, &st), 0);
	put_free("src", "acme.xml", acme_one_b);
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	cr_assert_eq(utimensat(AT_FDCWD, path, times, 0), 0);
	open_expect(true, 1);
	{
		struct catalog *c = NULL;
		struct catalog_flows flows;
		struct pp_error err;
		struct catalog_config cfg;

		catalog_config_init(&cfg);
		strlist_add(&cfg.dirs, "");
		free(cfg.dirs.v[0]);
		cfg.dirs.v[0] = xasprintf("%s/src", root);
		cr_assert_eq(catalog_open(&cfg, &c, NULL, &err), 0, "%s", err.msg);
		cr_assert_eq(catalog_flows(c, "acme", &flows, &err), 0, "%s", err.msg);
		cr_assert_eq(flows.n, 1);
		cr_assert_str_eq(flows.v[0].ports, "2", "the edit is in the catalog");
		catalog_list_fini(&flows);
		catalog_free(&c);
		catalog_config_fini(&cfg);
	}
	free(path);
}

Test(cache, explicit_db_path)
{
	struct catalog_config cfg;
	struct catalog *c = NULL;
	struct pp_error err;
	char *db = xasprintf("%s/elsewhere/my.sqlite", root);
	struct stat st;

	write_sources(acme_one);
	catalog_config_init(&cfg);
	strlist_add(&cfg.dirs, "");
	free(cfg.dirs.v[0]);
	cfg.dirs.v[0] = xasprintf("%s/src", root);
	cfg.db_path = xstrdup(db);
	cr_assert_eq(catalog_open(&cfg, &c, NULL, &err), 0, "%s", err.msg);
	cr_assert_str_eq(catalog_db_path(c), db);
	cr_assert(catalog_was_rebuilt(c));
	catalog_free(&c);
	cr_assert_eq(stat(db, &st), 0);
	catalog_config_fini(&cfg);
	free(db);
}

/* Replaces the cache file with LEN bytes of DATA. */
static void
spoil_cache(const void *data, size_t len)
{
	char *path = cache_path();
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	free(path);
}

Test(cache, corrupt_or_foreign_cache_is_rebuilt)
{
	char *path = cache_path();
	char *good;
	size_t len;
	sqlite3 *db;

	write_sources(acme_one);
	open_expect(true, 1);
	good = slurp(path, &len);
	cr_assert_gt(len, 100);

	spoil_cache("this is not a database\n", 23);
	open_expect(true, 1);
	open_expect(false, 1);

	spoil_cache("", 0);			/* a valid, empty SQLite file */
	open_expect(true, 1);

	spoil_cache(good, 100);			/* truncated */
	open_expect(true, 1);

	{					/* random bytes after the header */
		char *bad = xmalloc(len);

		memcpy(bad, good, len);
		for (size_t i = 100; i < len; i++)
			bad[i] = (char)(i * 7 + 3);
		spoil_cache(bad, len);
		free(bad);
	}
	open_expect(true, 1);

	/* another program's SQLite database */
	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "CREATE TABLE flow(x); INSERT INTO flow VALUES (1);"
				  "CREATE TABLE meta(key, value);"
				  "INSERT INTO meta VALUES ('sources', 'x')", NULL, NULL, NULL),
		     SQLITE_OK);
	sqlite3_close(db);
	open_expect(true, 1);
	expect_clean_cache_dir();
	free(good);
	free(path);
}

Test(cache, bad_source_keeps_the_previous_cache)
{
	char *path = cache_path();
	char *before, *after;
	size_t blen, alen;
	struct catalog *c = NULL;
	struct pp_error err;
	struct strlist warnings;

	write_sources(acme_two);
	open_expect(true, 2);
	before = slurp(path, &blen);

	/* a broken edit: port out of range on line 9 */
	write_sources(PRODUCT(FLOW("f1", "proto=\"tcp\" ports=\"1\"")
			      FLOW("f2", "proto=\"tcp\" ports=\"70000\"")));
	strlist_init(&warnings);
	cr_assert_eq(open_dirs("src", NULL, false, &c, &warnings, &err), -1);
	cr_assert_null(c);
	cr_assert(strstr(err.file, "/src/acme.xml") != NULL, "%s", err.file);
	cr_assert_eq(err.line, 9);
	cr_assert(strstr(err.msg, "invalid port") != NULL, "%s", err.msg);
	after = slurp(path, &alen);
	cr_assert_not_null(after, "the cache was removed");
	cr_assert(alen == blen && memcmp(before, after, blen) == 0, "the cache changed");
	free(after);
	expect_clean_cache_dir();

	/* allow_stale: the previous catalog, with a warning naming the error */
	cr_assert_eq(open_dirs("src", NULL, true, &c, &warnings, &err), 0, "%s", err.msg);
	cr_assert_eq(warnings.n, 1);
	cr_assert(strstr(warnings.v[0], "acme.xml:9") != NULL, "%s", warnings.v[0]);
	cr_assert(strstr(warnings.v[0], "using the previous catalog") != NULL, "%s",
		  warnings.v[0]);
	cr_assert(!catalog_was_rebuilt(c));
	cr_assert_eq(count_flows(c), 2, "the previous catalog is usable");
	catalog_free(&c);
	strlist_fini(&warnings);
	after = slurp(path, &alen);
	cr_assert(alen == blen && memcmp(before, after, blen) == 0, "the cache changed");
	free(after);

	/* fixed: rebuilt */
	write_sources(acme_one);
	open_expect(true, 1);
	free(before);
	free(path);
}

Test(cache, bad_source_without_a_previous_cache)
{
	struct catalog *c = NULL;
	struct pp_error err;
	struct strlist warnings;
	struct stat st;
	char *path = cache_path();

	write_sources(PRODUCT(FLOW("f1", "proto=\"icmp\" ports=\"1\"")));
	strlist_init(&warnings);
	cr_assert_eq(open_dirs("src", NULL, true, &c, &warnings, &err), -1);
	cr_assert_null(c);
	cr_assert_eq(err.line, 8);
	cr_assert_neq(stat(path, &st), 0, "a cache was written from a bad source");
	strlist_fini(&warnings);
	free(path);
}

Test(cache, unusable_cache_location_falls_back_to_memory)
{
	struct catalog_config cfg;
	struct catalog *c = NULL;
	struct pp_error err;
	struct strlist warnings;

	write_sources(acme_one);
	put_free("blocker", "file", "a file where a directory should be");
	catalog_config_init(&cfg);
	strlist_add(&cfg.dirs, "x");
	free(cfg.dirs.v[0]);
	cfg.dirs.v[0] = xasprintf("%s/src", root);
	cfg.db_path = xasprintf("%s/blocker/file/catalog.sqlite", root);
	strlist_init(&warnings);
	cr_assert_eq(catalog_open(&cfg, &c, &warnings, &err), 0, "%s", err.msg);
	cr_assert_str_eq(catalog_db_path(c), "");
	cr_assert_eq(warnings.n, 1);
	cr_assert(strstr(warnings.v[0], "in memory") != NULL, "%s", warnings.v[0]);
	cr_assert_eq(count_flows(c), 1);
	catalog_free(&c);
	strlist_fini(&warnings);
	catalog_config_fini(&cfg);
}

/* No $XDG_CACHE_HOME and no home directory (no HOME, no passwd entry):
 * no cache anywhere on disk (never in /tmp), a catalog in memory and a
 * warning saying so.  Needs root to become a uid without a passwd entry;
 * that part runs in a child, so that the teardown can remove root's files. */
Test(cache, no_home_keeps_the_catalog_in_memory)
{
	uid_t uid = 3999999;
	pid_t pid;
	int status;

	if (getuid() != 0)
		cr_skip_test("needs root to become a user without a passwd entry");
	while (getpwuid(uid) != NULL && uid > 3000000)
		uid--;
	write_sources(acme_one);
	cr_assert_eq(chmod(root, 0755), 0);
	{
		char *src = xasprintf("%s/src", root);

		cr_assert_eq(chmod(src, 0755), 0);
		free(src);
	}
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		struct catalog_config cfg;
		struct catalog *c = NULL;
		struct pp_error err;
		struct strlist warnings;
		int code = 0;

		unsetenv("HOME");
		unsetenv("XDG_CACHE_HOME");
		if (getpwuid(uid) != NULL || setuid(uid) != 0)
			exit(10);
		/* setuid made the process undumpable: LeakSanitizer needs it */
		(void)prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		if (catalog_default_db_path() != NULL)
			exit(11);
		catalog_config_init(&cfg);
		strlist_addf(&cfg.dirs, "%s/src", root);
		strlist_init(&warnings);
		if (catalog_open(&cfg, &c, &warnings, &err) != 0)
			code = 12;
		else if (strcmp(catalog_db_path(c), "") != 0)
			code = 13;
		else if (warnings.n != 1 || strstr(warnings.v[0], "in memory") == NULL ||
			 strstr(warnings.v[0], "home directory") == NULL)
			code = 14;
		else if (count_flows(c) != 1)
			code = 15;
		catalog_free(&c);
		strlist_fini(&warnings);
		catalog_config_fini(&cfg);
		exit(code);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status), "the child died (status %d)", status);
	cr_assert_eq(WEXITSTATUS(status), 0,
		     "check %d failed (10 setuid, 11 a default path, 12 open, 13 a path,"
		     " 14 the warning, 15 the flows)", WEXITSTATUS(status));
}

/* ---- the resolver ----------------------------------------------------- */

/* Worked out by hand:
 *   clients(public) -> acme(dmz)  tcp 443         always    "web"
 *   clients(public) -> acme(dmz)  tcp 443         sso       "sso"  (same opening: merged)
 *   acme(dmz) -> ad(internal)     tcp 389         !ssl      "ldap"
 *   acme(dmz) -> ad(internal)     tcp 636         ssl       "ldaps"
 *   acme(dmz) -> acme-db(internal) tcp 1433,1434  always    "db"
 *   acme(dmz) -> acme-db(internal) tcp 1433,1434  ssl       "db2"  (merged, with a
 *                                                 different purpose and citation)
 *   acme -> acme                  tcp 8080        always    "local" (host-local)
 *   acme(dmz) -> ad(internal)     50 (ESP)        legacy    "esp"  (inferred)
 *   acme(dmz) -> peer(dmz)        udp 514         always    "syslog" (no change) */
static const char acme_resolver[] =
	"<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
	"  <product id=\"acme\" vendor=\"ACME\"><label>ACME gateway</label>\n"
	"    <feature id=\"ssl\" default=\"true\"><label>SSL</label></feature>\n"
	"    <feature id=\"sso\"><label>SSO</label></feature>\n"
	"    <feature id=\"legacy\"><label>Legacy IPsec</label></feature>\n"
	"    <endpoint id=\"acme\" zone=\"dmz\"><label>ACME server</label></endpoint>\n"
	"    <endpoint id=\"acme-db\" zone=\"internal\"><label>ACME database</label></endpoint>\n"
	"    <endpoint id=\"peer\" zone=\"dmz\"><label>Syslog</label></endpoint>\n"
	"    <flow id=\"web\" from=\"clients\" to=\"acme\" proto=\"tcp\" ports=\"443\" doc=\"a.txt\" section=\"Web\"><purpose>Web</purpose></flow>\n"
	"    <flow id=\"sso\" from=\"clients\" to=\"acme\" proto=\"tcp\" ports=\"443\" when=\"sso\" doc=\"a.txt\" section=\"SSO\"><purpose>Sign-on</purpose></flow>\n"
	"    <flow id=\"ldap\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"389\" when=\"!ssl\" doc=\"a.txt\" section=\"LDAP\"><purpose>LDAP</purpose></flow>\n"
	"    <flow id=\"ldaps\" from=\"acme\" to=\"ad\" proto=\"tcp\" ports=\"636\" when=\"ssl\" doc=\"a.txt\" section=\"LDAP\"><purpose>LDAPS</purpose></flow>\n"
	"    <flow id=\"db\" from=\"acme\" to=\"acme-db\" proto=\"tcp\" ports=\"1433,1434\" doc=\"a.txt\" section=\"DB\"><purpose>Database</purpose></flow>\n"
	"    <flow id=\"db2\" from=\"acme\" to=\"acme-db\" proto=\"tcp\" ports=\"1434,1433\" when=\"ssl\" doc=\"b.txt\" section=\"DB TLS\"><purpose>Database TLS</purpose></flow>\n"
	"    <flow id=\"local\" from=\"acme\" to=\"acme\" proto=\"tcp\" ports=\"8080\" doc=\"a.txt\" section=\"Local\"><purpose>Local</purpose></flow>\n"
	"    <flow id=\"esp\" from=\"acme\" to=\"ad\" proto=\"50\" when=\"legacy\" provenance=\"inferred\" doc=\"a.txt\" section=\"IPsec\"><purpose>ESP</purpose><reason>Implied.</reason></flow>\n"
	"    <flow id=\"syslog\" from=\"acme\" to=\"peer\" proto=\"udp\" ports=\"514\" required=\"false\" doc=\"a.txt\" section=\"Log\"><purpose>Syslog</purpose></flow>\n"
	"    <gap id=\"sso-gap\" when=\"sso\" doc=\"a.txt\" section=\"SSO\"><text>IdP unknown.</text></gap>\n"
	"    <gap id=\"always-gap\" doc=\"a.txt\" section=\"Intro\"><text>Something.</text></gap>\n"
	"  </product>\n</catalog>\n";

static struct catalog *
open_resolver_catalog(void)
{
	struct catalog *c = NULL;
	struct pp_error err;

	write_sources(acme_resolver);
	cr_assert_eq(open_dirs("src", NULL, false, &c, NULL, &err), 0,
		     "%s:%ld: %s", err.file, err.line, err.msg);
	return c;
}

static struct plan *
acme_plan(bool ssl, bool sso, bool legacy)
{
	struct plan *p = plan_new();

	plan_add_product(p, "acme");
	plan_set_feature(p, "acme", "ssl", ssl);
	plan_set_feature(p, "acme", "sso", sso);
	plan_set_feature(p, "acme", "legacy", legacy);
	return p;
}

static const struct rule *
find_rule(const struct resolution *r, const char *src, const char *dst, int proto,
	  const char *ports)
{
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rule *x = &r->rules[i];

		if (strcmp(x->src.id, src) == 0 && strcmp(x->dst.id, dst) == 0 &&
		    x->proto == proto &&
		    ((ports == NULL && x->ports == NULL) ||
		     (ports != NULL && x->ports != NULL && strcmp(ports, x->ports) == 0)))
			return x;
	}
	return NULL;
}

static struct resolution *
resolve_ok(struct catalog *c, const struct plan *p)
{
	struct resolution *r = NULL;
	struct pp_error err;

	cr_assert_eq(resolve(c, p, &r, &err), 0, "%s", err.msg);
	cr_assert_not_null(r);
	return r;
}

Test(resolver, select_maps_zones_and_conditions)
{
	struct catalog *c = open_resolver_catalog();
	struct plan *p = acme_plan(true, false, false);
	const struct catalog_snapshot *s;
	struct selection sel;
	struct pp_error err;
	size_t seen = 0;

	plan_place(p, "ad", "dmz");
	plan_set_feature(p, "acme", "no-such-feature", true);
	plan_add_product(p, "no-such-product");
	plan_place(p, "no-such-endpoint", "dmz");
	s = catalog_snapshot(c, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, &err);
	cr_assert_not_null(s, "%s", err.msg);
	selection_make(s, p, &sel);
	/* web, ldaps, db, db2, local, syslog */
	cr_assert_eq(sel.nflows, 6, "%zu flows", sel.nflows);
	for (size_t i = 0; i < sel.nflows; i++) {
		const struct catalog_flow *f = &s->flows.v[sel.flows[i]];

		cr_assert(strcmp(f->id, "ldap") != 0 && strcmp(f->id, "sso") != 0 &&
			  strcmp(f->id, "esp") != 0, "%s selected", f->id);
		cr_assert(i == 0 || sel.flows[i - 1] < sel.flows[i], "catalog order");
		cr_assert_not_null(f->purpose, "%s has its purpose", f->id);
		if (strcmp(f->id, "ldaps") == 0) {
			cr_assert_str_eq(sel.from_zone[i], "dmz");
			cr_assert_str_eq(sel.to_zone[i], "dmz", "placement overrides the default");
			seen++;
		}
		if (strcmp(f->id, "web") == 0) {
			cr_assert_str_eq(sel.from_zone[i], "public");
			cr_assert_str_eq(sel.to_zone[i], "dmz");
			seen++;
		}
	}
	cr_assert_eq(seen, 2);
	cr_assert_eq(sel.ngaps, 1);
	cr_assert_str_eq(s->gaps.v[sel.gaps[0]].id, "always-gap");
	cr_assert_eq(sel.nproducts, 1, "only the plan's known products");
	cr_assert_str_eq(s->products.v[sel.products[0]].id, "acme");
	cr_assert_eq(sel.unknown_products.n, 1);
	cr_assert_str_eq(sel.unknown_products.v[0], "no-such-product");
	cr_assert_eq(sel.unknown_features.n, 1);
	cr_assert_str_eq(sel.unknown_features.v[0], "acme:no-such-feature");
	cr_assert_eq(sel.unknown_endpoints.n, 1);
	cr_assert_str_eq(sel.unknown_endpoints.v[0], "no-such-endpoint");
	selection_fini(&sel);
	plan_free(&p);
	catalog_free(&c);
}

Test(resolver, identical_openings_merge_into_one_rule)
{
	struct catalog *c = open_resolver_catalog();
	struct plan *p = acme_plan(true, true, false);
	struct resolution *r = resolve_ok(c, p);
	const struct rule *web, *db;

	web = find_rule(r, "clients", "acme", PROTO_TCP, "443");
	cr_assert_not_null(web);
	cr_assert_eq(web->norigins, 2, "443 has %zu origins", web->norigins);
	cr_assert_str_eq(web->origins[0]->id, "web");
	cr_assert_str_eq(web->origins[1]->id, "sso");
	db = find_rule(r, "acme", "acme-db", PROTO_TCP, "1433,1434");
	cr_assert_not_null(db, "port lists in different spellings are one opening");
	cr_assert_eq(db->norigins, 2);
	cr_assert_str_eq(db->origins[1]->doc, "b.txt", "each origin keeps its citation");
	cr_assert_str_eq(db->origins[1]->purpose, "Database TLS");
	/* nothing else is merged: 443, 636, 1433-1434 firewall; 514 no change; 8080 host */
	cr_assert_eq(r->count[RULE_FIREWALL], 3);
	cr_assert_eq(r->count[RULE_NO_CHANGE], 1);
	cr_assert_eq(r->count[RULE_HOST_LOCAL], 1);
	cr_assert_eq(r->nrules, 5);
	cr_assert_eq(r->gaps.n, 2);
	resolution_free(&r);
	cr_assert_null(r);
	plan_free(&p);
	catalog_free(&c);
}

Test(resolver, sections_and_boundaries)
{
	struct catalog *c = open_resolver_catalog();
	struct plan *p = acme_plan(true, false, false);
	struct resolution *r = resolve_ok(c, p);
	const struct rule *x;

	x = find_rule(r, "acme", "acme", PROTO_TCP, "8080");
	cr_assert_not_null(x);
	cr_assert_eq(x->section, RULE_HOST_LOCAL);
	cr_assert_str_eq(x->id, "H001");
	x = find_rule(r, "acme", "peer", PROTO_UDP, "514");
	cr_assert_not_null(x);
	cr_assert_eq(x->section, RULE_NO_CHANGE, "both ends in the dmz");
	cr_assert_str_eq(x->id, "N001");
	cr_assert(!x->required);
	x = find_rule(r, "clients", "acme", PROTO_TCP, "443");
	cr_assert_eq(x->section, RULE_FIREWALL);
	cr_assert_str_eq(x->id, "R003", "zones in catalog order: dmz>internal first");
	/* boundaries in catalog zone order: dmz>internal, public>dmz */
	cr_assert_eq(r->nboundaries, 2);
	cr_assert_str_eq(r->boundaries[0].src_zone, "dmz");
	cr_assert_str_eq(r->boundaries[0].dst_zone, "internal");
	cr_assert_eq(r->boundaries[0].count, 2);
	cr_assert_str_eq(r->boundaries[1].src_zone, "public");
	cr_assert_str_eq(r->boundaries[1].dst_zone, "dmz");
	cr_assert_str_eq(r->boundaries[1].src_label, "Internet");
	/* rules are sorted by section first */
	for (size_t i = 1; i < r->nrules; i++)
		cr_assert_leq(r->rules[i - 1].section, r->rules[i].section);
	/* endpoints without addresses are listed */
	cr_assert(strlist_contains(&r->unaddressed, "acme"));
	cr_assert(strlist_contains(&r->unaddressed, "clients"));
	cr_assert(!strlist_contains(&r->unaddressed, "peer"), "no-change ends need none");
	resolution_free(&r);
	plan_free(&p);
	catalog_free(&c);
}

Test(resolver, placement_overrides_default_zones)
{
	struct catalog *c = open_resolver_catalog();
	struct plan *p = acme_plan(true, false, false);
	struct resolution *r;
	const struct rule *x;
	struct pp_error err;

	/* move the server inside: LDAPS and the database need no change, the
	 * web opening now crosses public>internal; a zone of the plan's own */
	plan_place(p, "acme", "internal");
	plan_add_zone(p, "lab", "Test lab");
	plan_place(p, "peer", "lab");
	cr_assert_eq(plan_add_address(p, "acme", "192.0.2.10", &err), 0);
	r = resolve_ok(c, p);
	x = find_rule(r, "acme", "ad", PROTO_TCP, "636");
	cr_assert_eq(x->section, RULE_NO_CHANGE);
	cr_assert_str_eq(x->src.zone, "internal");
	x = find_rule(r, "clients", "acme", PROTO_TCP, "443");
	cr_assert_eq(x->section, RULE_FIREWALL);
	cr_assert_str_eq(x->dst.zone, "internal");
	cr_assert_str_eq(x->dst.address, "192.0.2.10");
	x = find_rule(r, "acme", "peer", PROTO_UDP, "514");
	cr_assert_eq(x->section, RULE_FIREWALL);
	cr_assert_str_eq(x->dst.zone, "lab");
	cr_assert_str_eq(x->dst.zone_label, "Test lab");
	x = find_rule(r, "acme", "acme", PROTO_TCP, "8080");
	cr_assert_eq(x->section, RULE_HOST_LOCAL, "host-local whatever the zone");
	cr_assert(!strlist_contains(&r->unaddressed, "acme"), "acme has an address");
	cr_assert_eq(r->problems.n, 0, "%s", r->problems.n ? r->problems.v[0] : "");
	resolution_free(&r);
	plan_free(&p);
	catalog_free(&c);
}

Test(resolver, feature_negation)
{
	struct catalog *c = open_resolver_catalog();
	struct plan *p = acme_plan(false, false, true);
	struct resolution *r = resolve_ok(c, p);
	const struct rule *x;

	cr_assert_not_null(find_rule(r, "acme", "ad", PROTO_TCP, "389"), "!ssl selects LDAP");
	cr_assert_null(find_rule(r, "acme", "ad", PROTO_TCP, "636"), "LDAPS without ssl");
	x = find_rule(r, "acme", "acme-db", PROTO_TCP, "1433,1434");
	cr_assert_eq(x->norigins, 1, "db2 needs ssl");
	x = find_rule(r, "acme", "ad", 50, NULL);
	cr_assert_not_null(x, "ESP selected by legacy");
	cr_assert(x->inferred);
	cr_assert_null(x->ports);
	resolution_free(&r);
	plan_free(&p);
	catalog_free(&c);
}

Test(resolver, unknown_plan_entries_are_kept_and_reported)
{
	struct catalog *c = open_resolver_catalog();
	struct plan *p = acme_plan(true, false, false);
	struct resolution *r;

	plan_add_product(p, "gone");
	plan_set_feature(p, "acme", "retired", true);
	plan_place(p, "vanished", "dmz");
	r = resolve_ok(c, p);
	cr_assert_eq(r->problems.n, 3, "%zu problems", r->problems.n);
	cr_assert(strstr(r->problems.v[0], "\"gone\"") != NULL, "%s", r->problems.v[0]);
	cr_assert(strstr(r->problems.v[1], "\"retired\"") != NULL, "%s", r->problems.v[1]);
	cr_assert(strstr(r->problems.v[2], "\"vanished\"") != NULL, "%s", r->problems.v[2]);
	cr_assert_eq(r->nrules, 5);
	cr_assert(plan_has_product(p, "gone"), "the plan is not changed");
	resolution_free(&r);
	plan_free(&p);
	catalog_free(&c);
}

Test(resolver, deterministic)
{
	struct catalog *c = open_resolver_catalog();
	struct plan *p = acme_plan(true, true, true);
	struct resolution *a = resolve_ok(c, p), *b = resolve_ok(c, p);

	cr_assert_eq(a->nrules, b->nrules);
	for (size_t i = 0; i < a->nrules; i++) {
		char *ka = rule_key(&a->rules[i]), *kb = rule_key(&b->rules[i]);

		cr_assert_str_eq(ka, kb);
		cr_assert_str_eq(a->rules[i].id, b->rules[i].id);
		free(ka);
		free(kb);
	}
	resolution_free(&a);
	resolution_free(&b);
	plan_free(&p);
	catalog_free(&c);
}

Test(resolver, selected_alternatives_are_reported_in_catalog_order)
{
	static const char alt[] =
		"<?xml version=\"1.0\"?>\n<catalog format=\"1\">\n"
		"  <product id=\"alt\" vendor=\"V\"><label>Alt</label>\n"
		"    <feature id=\"e1\" group=\"edition\"><label>E1</label></feature>\n"
		"    <feature id=\"d1\" group=\"db\"><label>D1</label></feature>\n"
		"    <feature id=\"e2\" group=\"edition\"><label>E2</label></feature>\n"
		"    <feature id=\"d2\" group=\"db\"><label>D2</label></feature>\n"
		"    <feature id=\"e3\" group=\"edition\"><label>E3</label></feature>\n"
		"    <feature id=\"plain\"><label>P</label></feature>\n"
		"    <endpoint id=\"alt\" zone=\"dmz\"><label>S</label></endpoint>\n"
		"    <flow id=\"f\" from=\"alt\" to=\"ad\" proto=\"tcp\" ports=\"1\" doc=\"d\" section=\"s\"><purpose>p</purpose></flow>\n"
		"  </product>\n</catalog>\n";
	struct catalog *c = NULL;
	struct plan *p = plan_new();
	struct resolution *r;
	struct pp_error err;

	write_sources(alt);
	cr_assert_eq(open_dirs("src", NULL, false, &c, NULL, &err), 0, "%s", err.msg);
	plan_add_product(p, "alt");
	/* the plan's order (sorted by id) differs from the catalog's */
	plan_set_feature(p, "alt", "e3", true);
	plan_set_feature(p, "alt", "e1", true);
	plan_set_feature(p, "alt", "e2", true);
	plan_set_feature(p, "alt", "d2", true);
	plan_set_feature(p, "alt", "plain", true);
	r = resolve_ok(c, p);
	cr_assert_eq(r->problems.n, 3, "%zu problems", r->problems.n);
	cr_assert(strstr(r->problems.v[0], "\"e1\" and \"e2\"") != NULL, "%s", r->problems.v[0]);
	cr_assert(strstr(r->problems.v[1], "\"e1\" and \"e3\"") != NULL, "%s", r->problems.v[1]);
	cr_assert(strstr(r->problems.v[2], "\"e2\" and \"e3\"") != NULL, "%s", r->problems.v[2]);
	resolution_free(&r);
	plan_set_feature(p, "alt", "e2", false);
	plan_set_feature(p, "alt", "e3", false);
	plan_set_feature(p, "alt", "d1", true);
	r = resolve_ok(c, p);
	cr_assert_eq(r->problems.n, 1, "%zu problems", r->problems.n);
	cr_assert(strstr(r->problems.v[0], "\"d1\" and \"d2\"") != NULL, "%s", r->problems.v[0]);
	resolution_free(&r);
	plan_free(&p);
	catalog_free(&c);
}

/* ---- catalog v2: dependencies, followers, TLS twins, citations, hints,
 * decisions, documents --------------------------------------------------- */

/* A product whose features are FEATURES (line 5 on), then its server and
 * BODY. */
#define PRODUCT_F(features, body) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog format=\"1\">\n" \
	"  <product id=\"acme\" vendor=\"ACME\">\n    <label>ACME gateway</label>\n" \
	"    <feature id=\"ssl\" default=\"true\"><label>SSL</label></feature>\n" features \
	"    <endpoint id=\"acme\" zone=\"dmz\"><label>ACME server</label></endpoint>\n" \
	body PRODUCT_TAIL

Test(load, requires_names_features_of_the_product)
{
	expect_error(PRODUCT_F("    <feature id=\"box\" requires=\"docs\"><label>Box</label></feature>\n", ""),
		     6, "feature \"box\" requires \"docs\", which product \"acme\" does not declare");
	expect_error(PRODUCT_F("    <feature id=\"box\" requires=\"box\"><label>Box</label></feature>\n", ""),
		     6, "feature \"box\" requires itself");
	expect_error(PRODUCT_F("    <feature id=\"box\" requires=\"!ssl\"><label>Box</label></feature>\n", ""),
		     6, "requires names what it needs, not what it excludes");
}

Test(load, follows_and_tls_twin_name_what_exists)
{
	expect_error(PRODUCT("    <endpoint id=\"acme-peer\" zone=\"dmz\" follows=\"nope\">"
			     "<label>Peer</label></endpoint>\n"),
		     8, "endpoint \"acme-peer\": follows \"nope\"");
	expect_error(PRODUCT(FLOW("imap", "proto=\"tcp\" ports=\"143\" tls-twin=\"imaps\"")),
		     8, "flow \"imap\": its TLS twin \"imaps\" is not another flow");
}

/* Everything new reaches the snapshot: a requirement declared before the
 * feature it names, the follower, the twin, the other page, the kinds of
 * gaps, the document record. */
Test(load, v2_records_reach_the_snapshot)
{
	static const char doc_xml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog format=\"1\">\n"
		"  <document source=\"acme.txt\" vendor=\"ACME\" product=\"ACME gateway\" lang=\"de\""
		" version=\"2.1\"><title>ACME Ports</title></document>\n</catalog>\n";
	static const char body[] = PRODUCT_F(
		"    <feature id=\"box\" requires=\"docs &amp; ssl\"><label>Box</label></feature>\n"
		"    <feature id=\"docs\" kind=\"service\"><label>Docs</label></feature>\n",
		"    <endpoint id=\"acme-peer\" zone=\"internal\" follows=\"acme\"><label>Peer</label></endpoint>\n"
		"    <flow id=\"imaps\" from=\"ad\" to=\"acme\" proto=\"tcp\" ports=\"993\" doc=\"acme.txt\""
		" section=\"IMAP\"><purpose>IMAPS</purpose></flow>\n"
		"    <flow id=\"imap\" from=\"ad\" to=\"acme\" proto=\"tcp\" ports=\"143\" tls-twin=\"imaps\""
		" doc=\"acme.txt\" section=\"IMAP\"><purpose>IMAP</purpose>"
		"<cite lang=\"fr\" doc=\"acme-fr.txt\" section=\"Ports IMAP\"/></flow>\n"
		"    <hint id=\"h\" when=\"box &amp; !docs\" doc=\"acme.txt\" section=\"Box\"><text>No Box without Docs.</text></hint>\n"
		"    <decision id=\"d\" doc=\"acme.txt\" section=\"IMAP\"><text>143 or 993?</text></decision>\n");
	struct catalog *c;
	struct pp_error err;
	const struct catalog_snapshot *s;
	uint32_t box, imap, peer;

	put_free("v2", "common.xml", common_xml);
	put_free("v2", "docs.xml", doc_xml);
	put_free("v2", "acme.xml", body);
	cr_assert_eq(open_dirs("v2", NULL, false, &c, NULL, &err), 0, "%s:%ld: %s", err.file,
		     err.line, err.msg);
	s = catalog_snapshot(c, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, &err);
	cr_assert_not_null(s, "%s", err.msg);
	box = catalog_feature_index(s, "acme", "box");
	cr_assert_eq(s->req_first[box + 1] - s->req_first[box], 2);
	cr_assert_str_eq(s->features.v[s->req[s->req_first[box]]].id, "docs");
	peer = catalog_endpoint_index(s, "acme-peer");
	cr_assert_eq(s->ep_follows[peer], catalog_endpoint_index(s, "acme"));
	imap = catalog_flow_index(s, "acme", "imap");
	cr_assert_eq(s->flow_twin[imap], catalog_flow_index(s, "acme", "imaps"));
	cr_assert_eq(s->flows.v[imap].ncites, 1);
	cr_assert_str_eq(s->flows.v[imap].cites[0].doc, "acme-fr.txt");
	cr_assert_eq(s->flow_twin[catalog_flow_index(s, "acme", "imaps")], CATALOG_NONE);
	cr_assert_eq(s->gaps.n, 2);
	cr_assert_str_eq(s->gaps.v[0].kind, "hint");
	cr_assert_str_eq(s->gaps.v[1].kind, "decision");
	cr_assert_not_null(catalog_document(s, "acme.txt"));
	cr_assert_str_eq(catalog_document(s, "acme.txt")->title, "ACME Ports");
	cr_assert_str_eq(catalog_document(s, "acme.txt")->version, "2.1");
	cr_assert_null(catalog_document(s, "acme.txt")->date, "what it does not state stays NULL");
	catalog_free(&c);
}

/* A document whose only title is in its own language keeps it in every
 * session language; the session's language wins where it has one. */
Test(load, document_title_in_its_own_language)
{
	static const char docs[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog format=\"1\">\n"
		"  <document source=\"de.txt\" vendor=\"V\" product=\"P\" lang=\"de\">"
		"<title lang=\"de\">Ports (Deutsch)</title></document>\n"
		"  <document source=\"fr.txt\" vendor=\"V\" product=\"P\" lang=\"fr\">"
		"<title lang=\"fr\">Ports (français)</title><title>Ports (English)</title></document>\n"
		"</catalog>\n";
	struct catalog *c;
	struct pp_error err;
	const struct catalog_snapshot *s;

	put_free("titles", "common.xml", common_xml);
	put_free("titles", "docs.xml", docs);
	cr_assert_eq(open_dirs("titles", NULL, false, &c, NULL, &err), 0, "%s", err.msg);
	catalog_set_lang(c, "en");
	s = catalog_snapshot(c, CATALOG_PART_LISTS, &err);
	cr_assert_not_null(s, "%s", err.msg);
	cr_assert_str_eq(catalog_document(s, "de.txt")->title, "Ports (Deutsch)");
	cr_assert_str_eq(catalog_document(s, "fr.txt")->title, "Ports (English)");
	catalog_set_lang(c, "fr");
	s = catalog_snapshot(c, CATALOG_PART_LISTS, &err);
	cr_assert_str_eq(catalog_document(s, "fr.txt")->title, "Ports (français)");
	catalog_free(&c);
}
