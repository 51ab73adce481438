/* Unit tests: the plan file reader and writer (src/plan/planfile_read.c,
 * src/plan/planfile_write.c). */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/plan.h"
#include "plan/planfile.h"
#include "util/file.h"
#include "util/str.h"

/* Caller-owned path of a fixture in tests/plans. */
static char *
fixture(const char *name)
{
	const char *dir = getenv("TESTS_SRCDIR");

	return xasprintf("%s/plans/%s", dir != NULL ? dir : "tests", name);
}

/* Caller-owned contents of a fixture. */
static char *
fixture_data(const char *name, size_t *len)
{
	char *path = fixture(name), *data;
	struct pp_error err;

	cr_assert_eq(file_read(path, PLANFILE_MAX, &data, len, &err), 0,
		     "cannot read %s: %s", path, err.msg);
	free(path);
	return data;
}

static struct plan *
load_ok(const char *name)
{
	char *path = fixture(name);
	struct plan *p = NULL;
	struct pp_error err;

	error_clear(&err);
	cr_assert_eq(planfile_load(path, &p, NULL, &err), 0, "%s: line %ld: %s",
		     path, err.line, err.msg);
	cr_assert_not_null(p);
	free(path);
	return p;
}

static struct plan *
parse_str(const char *s, struct strlist *warnings, struct pp_error *err)
{
	struct plan *p = NULL;

	error_clear(err);
	if (planfile_parse(s, strlen(s), "mem.portplan", &p, warnings, err) != 0) {
		cr_assert_null(p);
		return NULL;
	}
	return p;
}

Test(planfile, load_then_save_gives_identical_bytes)
{
	size_t len;
	char *want = fixture_data("good.portplan", &len);
	struct plan *p = load_ok("good.portplan");
	char *got = planfile_serialize(p);

	cr_assert_str_eq(got, want);
	free(got);
	plan_free(&p);
	free(want);
}

Test(planfile, reads_what_the_file_says)
{
	struct plan *p = load_ok("good.portplan");
	const struct plan_endpoint *e;

	cr_assert_str_eq(p->meta.title, "Mobile mail in the DMZ");
	cr_assert_str_eq(p->meta.change_id, "CHG-2041");
	cr_assert_str_eq(p->meta.requester, "Jane Admin <jane@example.com>");
	cr_assert_str_eq(p->meta.window, "Saturday 02:00-04:00 UTC");
	cr_assert_str_eq(p->meta.notes, "Replaces CHG-1977 & CHG-1978.");
	cr_assert_eq(p->products.n, 1);
	cr_assert_str_eq(p->products.v[0], "bems");
	cr_assert(plan_has_feature(p, "bems", "ssl"));
	cr_assert(plan_has_feature(p, "bems", "mail"));
	cr_assert_eq(p->nfeatures, 3);
	cr_assert_str_eq(plan_zone(p, "lab")->label, "Lab network \"B\"");
	e = plan_endpoint(p, "bems");
	cr_assert_not_null(e);
	cr_assert_str_eq(e->zone, "dmz");
	cr_assert_eq(e->hostnames.n, 1);
	cr_assert_str_eq(e->hostnames.v[0], "bems.example.com");
	cr_assert_eq(e->addresses.n, 2);
	cr_assert_str_eq(plan_endpoint(p, "bems-peer")->zone, "lab");
	cr_assert_eq(p->fingerprint.n, 2);
	cr_assert_str_eq(p->fingerprint.v[0], "bems a-flow 0123456789abcdef");
	plan_free(&p);
}

Test(planfile, order_and_white_space_do_not_matter)
{
	size_t len;
	char *want = fixture_data("good.portplan", &len);
	struct plan *a = load_ok("good.portplan");
	struct plan *b = load_ok("unordered.portplan");
	char *got = planfile_serialize(b);

	cr_assert(plan_equal(a, b));
	cr_assert_str_eq(got, want);
	free(got);
	plan_free(&a);
	plan_free(&b);
	free(want);
}

Test(planfile, model_round_trip)
{
	struct plan *p = plan_new(), *q;
	struct pp_error err;
	char *s1, *s2;

	/* added out of order: the writer sorts */
	plan_add_product(p, "mis");
	plan_add_product(p, "bems");
	plan_set_feature(p, "mis", "ipsec", true);
	plan_set_feature(p, "bems", "ssl", true);
	plan_set_feature(p, "bems", "docs", true);
	plan_add_zone(p, "partner", "Partner <B&C> \"net\"");
	plan_place(p, "bems", "partner");
	plan_place(p, "mis", "dmz");
	cr_assert_eq(plan_add_address(p, "mis", "192.0.2.0/24", &err), 0);
	cr_assert_eq(plan_add_address(p, "mis", "mis.example.org", &err), 0);
	cr_assert_eq(plan_add_address(p, "bems", "2001:db8::5", &err), 0);
	(void)plan_endpoint_get(p, "empty");	/* holds nothing: not written */
	plan_set_meta(&p->meta.title, "Q3 <rollout> & \"more\"");
	plan_set_meta(&p->meta.notes, "über ünïcödé ✓");
	strlist_add(&p->fingerprint, "mis z-flow 00000000000000ff");
	strlist_add(&p->fingerprint, "bems a-flow 0123456789abcdef");

	s1 = planfile_serialize(p);
	cr_assert_not_null(strstr(s1, "<title>Q3 &lt;rollout&gt; &amp; &quot;more&quot;</title>"));
	cr_assert_null(strstr(s1, "\"empty\""));
	cr_assert(strstr(s1, "<product id=\"bems\">") < strstr(s1, "<product id=\"mis\">"));
	cr_assert_eq(s1[strlen(s1) - 1], '\n');
	q = parse_str(s1, NULL, &err);
	cr_assert_not_null(q, "line %ld: %s", err.line, err.msg);
	cr_assert(plan_equal(p, q));
	s2 = planfile_serialize(q);
	cr_assert_str_eq(s1, s2);
	free(s1);
	free(s2);
	plan_free(&p);
	plan_free(&q);
}

Test(planfile, empty_plan)
{
	struct plan *p = plan_new(), *q;
	struct pp_error err;
	char *s = planfile_serialize(p);

	cr_assert_str_eq(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plan format=\"2\">\n</plan>\n");
	q = parse_str(s, NULL, &err);
	cr_assert_not_null(q, "%s", err.msg);
	cr_assert(plan_equal(p, q));
	free(s);
	plan_free(&p);
	plan_free(&q);
}

struct bad_case {
	const char *file;
	long line;
	const char *msg;
};

Test(planfile, bad_fixtures_give_file_line_and_problem)
{
	static const struct bad_case cases[] = {
		{ "malformed.portplan", 8, "Opening and ending tag mismatch" },
		{ "newer-format.portplan", 2, "written by a newer portplan: format 3, this version reads 2" },
		{ "unknown-format.portplan", 2, "unknown plan file format \"one\"" },
		{ "unknown-element.portplan", 6, "Element 'schedule': This element is not expected" },
		{ "invalid-address.portplan", 6, "invalid address \"10.0.0.300\"" },
		{ "invalid-cidr.portplan", 5, "did you mean 10.0.0.0/24?" },
		{ "invalid-id.portplan", 4, "'Bad Product'" },
		{ "doctype.portplan", 2, "DOCTYPE and ENTITY declarations are not allowed" },
		{ "entity.portplan", 3, "DOCTYPE and ENTITY declarations are not allowed" },
		{ "entity-ref.portplan", 4, "Entity 'xxe' not defined" },
		{ "empty.portplan", 0, "empty file" },
		{ "duplicate-endpoint.portplan", 5, "endpoint \"bems\" is given twice" },
		{ "not-a-plan.portplan", 2, "the root element is <catalog>" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *path = fixture(cases[i].file);
		struct plan *p = (struct plan *)1;
		struct pp_error err;

		error_clear(&err);
		cr_assert_eq(planfile_load(path, &p, NULL, &err), -1, "%s loaded", path);
		cr_assert_null(p, "%s: *out not NULL", path);
		cr_assert_str_eq(err.file, path);
		cr_assert_eq(err.line, cases[i].line, "%s: line %ld, expected %ld (%s)",
			     cases[i].file, err.line, cases[i].line, err.msg);
		cr_assert_not_null(strstr(err.msg, cases[i].msg), "%s: \"%s\" lacks \"%s\"",
				   cases[i].file, err.msg, cases[i].msg);
		free(path);
	}
}

Test(planfile, directory_is_refused)
{
	char *path = fixture("");
	struct plan *p = NULL;
	struct pp_error err;

	cr_assert_eq(planfile_load(path, &p, NULL, &err), -1);
	cr_assert_null(p);
	cr_assert_not_null(strstr(err.msg, "directory"), "%s", err.msg);
	free(path);
}

Test(planfile, missing_file)
{
	struct plan *p = NULL;
	struct pp_error err;

	cr_assert_eq(planfile_load("/nonexistent/x.portplan", &p, NULL, &err), -1);
	cr_assert_null(p);
}

Test(planfile, binary_and_utf16_are_refused)
{
	static const char nul[] = "<?xml version=\"1.0\"?>\n<plan format=\"1\">\n\0</plan>\n";
	static const char utf16[] = "\xff\xfe<\0p\0l\0a\0n\0";
	struct plan *p = NULL;
	struct pp_error err;

	cr_assert_eq(planfile_parse(nul, sizeof nul - 1, "nul", &p, NULL, &err), -1);
	cr_assert_eq(err.line, 3);
	cr_assert_not_null(strstr(err.msg, "NUL byte"), "%s", err.msg);
	cr_assert_eq(planfile_parse(utf16, sizeof utf16 - 1, "u16", &p, NULL, &err), -1);
	cr_assert_not_null(strstr(err.msg, "UTF-16"), "%s", err.msg);
	cr_assert_null(p);
}

Test(planfile, too_large_is_refused)
{
	size_t len = PLANFILE_MAX + 1;
	char *big = xcalloc(1, len);
	struct plan *p = NULL;
	struct pp_error err;

	cr_assert_eq(planfile_parse(big, len, "big", &p, NULL, &err), -1);
	cr_assert_not_null(strstr(err.msg, "too large"), "%s", err.msg);
	free(big);
}

Test(planfile, doctype_in_any_case_and_billion_laughs)
{
	struct pp_error err;

	cr_assert_null(parse_str("<?xml version=\"1.0\"?>\n<!doctype plan>\n<plan format=\"1\"/>\n",
				 NULL, &err));
	cr_assert_eq(err.line, 2);
	cr_assert_null(parse_str("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
				 " <!ENTITY lol \"lol\">\n"
				 " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
				 "]>\n<plan format=\"1\"><meta><title>&lol2;</title></meta></plan>\n",
				 NULL, &err));
	cr_assert_not_null(strstr(err.msg, "DOCTYPE"), "%s", err.msg);
}

Test(planfile, addresses_and_host_names_are_checked)
{
	static const struct {
		const char *xml;
		const char *msg;
	} cases[] = {
		{ "<address>bems.example.com</address>", "is a host name, not an address" },
		{ "<hostname>10.0.0.1</hostname>", "is an address, not a host name" },
		{ "<hostname>-bad-.example</hostname>", "is not a valid host name" },
		{ "<address>2001:db8::1/200</address>", "invalid address" },
		{ "<address>fe80::1%eth0</address>", "invalid address" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = xasprintf("<plan format=\"1\">\n<endpoint id=\"x\">\n%s\n</endpoint>\n</plan>\n",
				    cases[i].xml);
		struct pp_error err;

		cr_assert_null(parse_str(s, NULL, &err), "accepted %s", cases[i].xml);
		cr_assert_eq(err.line, 3, "%s: line %ld", cases[i].xml, err.line);
		cr_assert_not_null(strstr(err.msg, cases[i].msg), "%s: %s", cases[i].xml, err.msg);
		free(s);
	}
}

Test(planfile, other_refusals)
{
	static const struct {
		const char *xml;
		long line;
		const char *msg;
	} cases[] = {
		{ "<plan>\n</plan>\n", 1, "no format attribute" },
		{ "<plan format=\"0\"/>\n", 1, "unknown plan file format \"0\"" },
		{ "<plan format=\"99999999999999999999\"/>\n", 1, "written by a newer portplan" },
		{ "<plan format=\"1\">\n<meta/>\n<meta/>\n</plan>\n", 3, "<meta> is given twice" },
		{ "<plan format=\"1\">\n<product id=\"a\"/>\n<product id=\"a\"/>\n</plan>\n", 3, "product \"a\" is given twice" },
		{ "<plan format=\"1\">\n<zone id=\"a\"/>\n<zone id=\"a\"/>\n</plan>\n", 3, "zone \"a\" is given twice" },
		{ "<plan format=\"1\">\n<endpoint id=\"b\"/>\n<endpoint id=\"a\"/>\n<endpoint id=\"b\"/>\n</plan>\n",
		  4, "endpoint \"b\" is given twice" },
		{ "<plan format=\"1\">\n<product id=\"b\"/>\n<product id=\"a\"/>\n<zone id=\"z\"/>\n"
		  "<product id=\"b\"/>\n<zone id=\"z\"/>\n</plan>\n", 5, "product \"b\" is given twice" },
		{ "<plan format=\"1\">\n<fingerprint>\n<flow product=\"a\" id=\"f\" digest=\"0000000000000000\"/>\n"
		  "<flow product=\"a\" id=\"f\" digest=\"1111111111111111\"/>\n</fingerprint>\n</plan>\n",
		  2, "flow \"a f\" is given twice" },
		{ "<plan format=\"1\">\n<fingerprint>\n<flow product=\"a\" id=\"f\" digest=\"xyz\"/>\n</fingerprint>\n</plan>\n",
		  3, "digest" },
		{ "<plan format=\"1\">\n<meta><title>a<b/></title></meta>\n</plan>\n", 2, "title" },
		{ "<plan format=\"1\">\n<endpoint id=\"e\" zone=\"Not An Id\"/>\n</plan>\n", 2, "zone" },
		{ "<plan format=\"1\" extra=\"x\"/>\n", 1, "extra" },
		{ "<p:plan xmlns:p=\"urn:x\" format=\"1\"/>\n", 1, "namespace" },
		{ "   \n\n", 3, "" },
		{ "<plan format=\"1\">\n<title>\xff\xfe</title>\n</plan>\n", 2, "" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct pp_error err;

		cr_assert_null(parse_str(cases[i].xml, NULL, &err), "accepted %s", cases[i].xml);
		cr_assert_eq(err.line, cases[i].line, "%s: line %ld (%s)", cases[i].xml,
			     err.line, err.msg);
		cr_assert_not_null(strstr(err.msg, cases[i].msg), "%s: %s", cases[i].xml, err.msg);
		cr_assert_str_eq(err.file, "mem.portplan");
	}
}

Test(planfile, free_text_is_cleaned_with_a_warning)
{
	/* a right-to-left override (U+202E) and a C1 control (U+0085); XML
	 * itself refuses C0 controls */
	const char *xml = "<plan format=\"1\">\n<meta>\n"
			  "<title>evil[31m \xe2\x80\xae" "txt.exe\xc2\x85</title>\n"
			  "</meta>\n<zone id=\"z\" label=\"a&#9;b\"/>\n</plan>\n";
	struct strlist warnings;
	struct pp_error err;
	struct plan *p;

	strlist_init(&warnings);
	p = parse_str(xml, &warnings, &err);
	cr_assert_not_null(p, "%s", err.msg);
	cr_assert(text_is_clean(p->meta.title), "%s", p->meta.title);
	cr_assert_str_eq(p->meta.title, "evil[31m txt.exe");
	cr_assert_str_eq(plan_zone(p, "z")->label, "a b");
	cr_assert_eq(warnings.n, 1);
	cr_assert_not_null(strstr(warnings.v[0], "mem.portplan:3:"), "%s", warnings.v[0]);
	strlist_fini(&warnings);
	plan_free(&p);
}

Test(planfile, writer_cleans_free_text_so_reload_is_stable)
{
	struct plan *p = plan_new(), *q;
	struct pp_error err;
	char *s1, *s2;

	plan_set_meta(&p->meta.notes, "two\nlines\twith \x1b tabs \xef\xbf\xbe");
	plan_set_meta(&p->meta.requester, "   ");
	s1 = planfile_serialize(p);
	cr_assert_not_null(strstr(s1, "<notes>two lines with tabs</notes>"), "%s", s1);
	cr_assert_null(strstr(s1, "requester"));
	q = parse_str(s1, NULL, &err);
	cr_assert_not_null(q, "%s", err.msg);
	s2 = planfile_serialize(q);
	cr_assert_str_eq(s1, s2);
	free(s1);
	free(s2);
	plan_free(&p);
	plan_free(&q);
}

Test(planfile, save_is_atomic_and_refuses_to_clobber)
{
	char dir[] = "/tmp/unit_planfile.XXXXXX";
	struct plan *p = plan_new();
	struct pp_error err;
	char *path, *data;
	size_t len;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/a.portplan", dir);
	plan_add_product(p, "bems");
	cr_assert_eq(planfile_save(p, path, FILE_WRITE_NOREPLACE, &err), 0, "%s", err.msg);
	cr_assert_eq(planfile_save(p, path, FILE_WRITE_NOREPLACE, &err), -1);
	cr_assert_not_null(strstr(err.msg, "exists"), "%s", err.msg);
	plan_add_product(p, "mis");
	cr_assert_eq(planfile_save(p, path, 0, &err), 0, "%s", err.msg);
	cr_assert_eq(file_read(path, PLANFILE_MAX, &data, &len, &err), 0);
	cr_assert_not_null(strstr(data, "<product id=\"mis\"/>"));
	free(data);
	cr_assert_eq(remove(path), 0);
	cr_assert_eq(remove(dir), 0, "a temporary file was left in %s", dir);
	free(path);
	plan_free(&p);
}

Test(planfile, save_refuses_what_would_not_read_back)
{
	char dir[] = "/tmp/unit_planfile.XXXXXX";
	struct plan *p = plan_new();
	struct pp_error err;
	char *path;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/a.portplan", dir);
	plan_add_product(p, "Not An Id");
	cr_assert_eq(planfile_save(p, path, 0, &err), -1);
	cr_assert_not_null(strstr(err.msg, "would not read back"), "%s", err.msg);
	cr_assert_not(file_exists(path));
	cr_assert_eq(remove(dir), 0, "a file was left in %s", dir);
	free(path);
	plan_free(&p);
}

/* Lists in any order are read in one pass and sorted once: what a
 * plan with hundreds of thousands of items needs (tests/hostile.sh has
 * the large ones). */
Test(planfile, lists_in_reverse_order_read_sorted)
{
	struct sbuf b;
	struct plan *p;
	struct pp_error err;
	const int n = 2000;

	sbuf_init(&b);
	sbuf_add(&b, "<plan format=\"1\">\n<product id=\"p\">\n");
	for (int i = n - 1; i >= 0; i--)
		sbuf_addf(&b, "<feature id=\"f%04d\"/>\n", i);
	sbuf_add(&b, "<feature id=\"f0007\"/>\n</product>\n");
	for (int i = n - 1; i >= 0; i--)
		sbuf_addf(&b, "<zone id=\"z%04d\" label=\"Z%d\"/>\n", i, i);
	for (int i = n - 1; i >= 0; i--)
		sbuf_addf(&b, "<endpoint id=\"e%04d\"/>\n", i);
	sbuf_add(&b, "<endpoint id=\"host\">");
	for (int i = n - 1; i >= 0; i--)
		sbuf_addf(&b, "<address>10.0.%d.%d</address>", i / 256, i % 256);
	sbuf_add(&b, "<address>10.0.0.1</address><hostname>b.example</hostname>"
		  "<hostname>a.example</hostname><hostname>b.example</hostname></endpoint>\n");
	sbuf_add(&b, "</plan>\n");
	p = parse_str(sbuf_str(&b), NULL, &err);
	cr_assert_not_null(p, "%ld: %s", err.line, err.msg);
	cr_assert_eq(p->nfeatures, (size_t)n, "the feature listed twice is one choice");
	cr_assert_eq(p->nzones, (size_t)n);
	cr_assert_eq(p->nendpoints, (size_t)n + 1);
	for (int i = 1; i < n; i++) {
		cr_assert(strcmp(p->features[i - 1].id, p->features[i].id) < 0);
		cr_assert(strcmp(p->zones[i - 1].id, p->zones[i].id) < 0);
		cr_assert(strcmp(p->endpoints[i - 1].id, p->endpoints[i].id) < 0);
	}
	cr_assert_str_eq(plan_zone_label(p, "z0042"), "Z42", "lookups work on the sorted lists");
	cr_assert(plan_has_feature(p, "p", "f1999"));
	{
		const struct plan_endpoint *e = plan_endpoint(p, "host");

		cr_assert_not_null(e);
		cr_assert_eq(e->addresses.n, (size_t)n, "the address listed twice is one");
		cr_assert_eq(e->hostnames.n, 2);
		cr_assert_str_eq(e->hostnames.v[0], "a.example");
		for (size_t i = 1; i < e->addresses.n; i++)
			cr_assert(strcmp(e->addresses.v[i - 1], e->addresses.v[i]) < 0);
	}
	/* and the writer writes it canonically: it reads back equal */
	{
		char *out = planfile_serialize(p);
		struct plan *q = parse_str(out, NULL, &err);

		cr_assert_not_null(q, "%s", err.msg);
		cr_assert(plan_equal(p, q));
		plan_free(&q);
		free(out);
	}
	plan_free(&p);
	sbuf_fini(&b);
}

Test(planfile, long_free_text_reads_back)
{
	struct plan *p = plan_new(), *q;
	struct pp_error err;
	char *big = xmalloc(200001), *s;

	memset(big, 'x', 200000);
	big[200000] = '\0';
	plan_set_meta(&p->meta.notes, big);
	plan_set_meta(&p->meta.title, big);
	s = planfile_serialize(p);
	q = parse_str(s, NULL, &err);
	cr_assert_not_null(q, "%s", err.msg);
	cr_assert(plan_equal(p, q));
	free(s);
	free(big);
	plan_free(&p);
	plan_free(&q);
}

Test(file_out, commit_abort_and_noreplace)
{
	char dir[] = "/tmp/pp-file-out-XXXXXX", path[64];
	struct file_out *o = NULL;
	struct pp_error err;
	char *data = NULL;
	size_t len;
	DIR *d;
	struct dirent *de;
	int entries = 0;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/doc.md", dir);
	error_clear(&err);
	cr_assert_eq(file_out_open(path, FILE_WRITE_NOREPLACE, &o, &err), 0, "%s", err.msg);
	cr_assert_eq(file_out_write(o, "part one, ", 10, &err), 0);
	cr_assert(!file_exists(path), "nothing at PATH before the commit");
	cr_assert_eq(file_out_write(o, "part two", 8, &err), 0);
	cr_assert_eq(file_out_commit(&o, &err), 0, "%s", err.msg);
	cr_assert_null(o);
	cr_assert_eq(file_read(path, 1024, &data, &len, &err), 0);
	cr_assert_str_eq(data, "part one, part two");
	free(data);
	/* an existing file is refused without replacing, and left alone */
	cr_assert_neq(file_out_open(path, FILE_WRITE_NOREPLACE, &o, &err), 0);
	cr_assert(strstr(err.msg, "exists") != NULL, "%s", err.msg);
	/* abort: the old file stays, no temporary */
	cr_assert_eq(file_out_open(path, 0, &o, &err), 0);
	cr_assert_eq(file_out_write(o, "new", 3, &err), 0);
	file_out_abort(&o);
	cr_assert_null(o);
	cr_assert_eq(file_read(path, 1024, &data, &len, &err), 0);
	cr_assert_str_eq(data, "part one, part two", "the old file is untouched");
	free(data);
	d = opendir(dir);
	while ((de = readdir(d)) != NULL)	/* temporaries are hidden files */
		entries += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	cr_assert_eq(entries, 1, "no temporary left");
	unlink(path);
	rmdir(dir);
}

/* Format 2: subnets, endpoints per product and interface, firewalls, rule
 * records with their lifecycle, options; load then save is canonical. */
Test(planfile, site_model_round_trips)
{
	size_t len;
	char *want = fixture_data("site.portplan", &len);
	struct plan *p = load_ok("site.portplan");
	char *got = planfile_serialize(p);
	const struct plan_endpoint *e;
	const struct plan_rule *r;
	size_t first, end;

	cr_assert_str_eq(got, want);
	cr_assert(p->options.group_ports && p->options.tls_only);
	plan_zone_subnets(p, "internal", &first, &end);
	cr_assert_eq(end - first, 2);
	e = plan_endpoint_at(p, "bems", "sql", NULL);
	cr_assert_not_null(e);
	cr_assert_str_eq(e->zone, "internal");
	cr_assert_str_eq(e->addresses.v[0], "198.51.100.7");
	e = plan_endpoint_at(p, NULL, "forcepoint", "C");
	cr_assert_not_null(e);
	cr_assert_null(e->zone);
	plan_endpoint_range(p, "sql", &first, &end);
	cr_assert_eq(end - first, 3, "sql: unscoped, bems, forcepoint");
	cr_assert_str_eq(plan_firewall(p, "fw-int")->zones.v[2], "partner");
	r = plan_rule(p, "R002");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->owner, "DBA team");
	cr_assert_str_eq(plan_rule_by_key(p, "bems@dmz>ad@internal 6 389")->id, "R010");
	cr_assert_str_eq(plan_rule_get(plan_rule(p, "R010"), PLAN_RULE_EXCLUDED), "LDAPS only");
	cr_assert_eq(plan_rule_last(p, 'R'), 10);
	cr_assert_eq(plan_rule_last(p, 'H'), 0);
	{
		struct plan *d = plan_dup(p);

		cr_assert(plan_equal(p, d), "a copy is equal");
		plan_place_at(d, "bems", "sql", "dmz");
		cr_assert(!plan_equal(p, d), "a scoped placement counts");
		plan_free(&d);
	}
	free(got);
	free(want);
	plan_free(&p);
}

Test(planfile, site_model_errors_name_the_line)
{
	static const struct {
		const char *xml;
		long line;
		const char *msg;
	} cases[] = {
		{ "<plan format=\"2\">\n<endpoint id=\"fp\" interface=\"C\" zone=\"dmz\"/>\n</plan>\n", 2,
		  "an interface (\"C\") has addresses, not a zone" },
		{ "<plan format=\"2\">\n<endpoint id=\"fp\" interface=\"C\"/>\n<endpoint id=\"fp\" interface=\"C\"/>\n</plan>\n",
		  3, "endpoint \"fp/C\" is given twice" },
		{ "<plan format=\"2\">\n<endpoint id=\"sql\" product=\"bems\"/>\n<endpoint id=\"sql\" product=\"bems\"/>\n</plan>\n",
		  3, "endpoint \"bems:sql\" is given twice" },
		{ "<plan format=\"2\">\n<subnet zone=\"dmz\" cidr=\"192.0.2.1/24\"/>\n</plan>\n", 2,
		  "did you mean 192.0.2.0/24?" },
		{ "<plan format=\"2\">\n<subnet zone=\"dmz\" cidr=\"192.0.2.1\"/>\n</plan>\n", 2,
		  "is not a network" },
		{ "<plan format=\"2\">\n<firewall id=\"fw\" zones=\"dmz dmz\"/>\n</plan>\n", 2,
		  "zone \"dmz\" is given twice" },
		{ "<plan format=\"2\">\n<rule id=\"R001\" key=\"a\"/>\n<rule id=\"R001\" key=\"b\"/>\n</plan>\n", 3,
		  "rule \"R001\" is given twice" },
		{ "<plan format=\"2\">\n<rule id=\"R001\" key=\"a\"/>\n<rule id=\"R002\" key=\"a\"/>\n</plan>\n", 3,
		  "names an opening another rule names" },
		{ "<plan format=\"2\">\n<rule id=\"R001\" key=\"a\" expiry=\"tomorrow\"/>\n</plan>\n", 2,
		  "\"tomorrow\" is not a date" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct pp_error err;
		struct plan *p = parse_str(cases[i].xml, NULL, &err);

		cr_assert_null(p, "case %zu loaded", i);
		cr_expect_eq(err.line, cases[i].line, "case %zu: line %ld", i, err.line);
		cr_expect(strstr(err.msg, cases[i].msg) != NULL, "case %zu: \"%s\" lacks \"%s\"", i,
			  err.msg, cases[i].msg);
	}
}

/* Entries of DIR but . and .. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	cr_assert_not_null(d);
	while ((de = readdir(d)) != NULL)
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* One rule for every writer: regular files only, never through or over a
 * link, a device or a FIFO, with or without --force. */
Test(file_out, links_devices_and_long_names)
{
	char dir[] = "/tmp/pp-file-rule-XXXXXX", path[512], link[512], fifo[512], *data;
	struct file_out *o = NULL;
	struct pp_error err;
	size_t len;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/victim", dir);
	snprintf(link, sizeof link, "%s/link.md", dir);
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_eq(file_write_atomic(path, "victim\n", 7, 0, &err), 0, "%s", err.msg);
	cr_assert_eq(symlink(path, link), 0);
	for (int flags = 0; flags <= FILE_WRITE_NOREPLACE; flags += FILE_WRITE_NOREPLACE) {
		cr_assert_neq(file_write_atomic(link, "x", 1, flags, &err), 0, "a link is refused");
		cr_assert_not_null(strstr(err.msg, "symbolic link"), "%s", err.msg);
		/* never the system's own nodes: a regression would replace
		 * them (file_check_target only looks) */
		cr_assert_neq(file_check_target("/dev/null", flags, &err), 0, "a device is refused");
		cr_assert_not_null(strstr(err.msg, "not a regular file"), "%s", err.msg);
		cr_assert_neq(file_check_target("/dev/stdout", flags, &err), 0,
			      "a link to a device is refused");
		cr_assert_neq(file_write_atomic(fifo, "x", 1, flags, &err), 0, "a FIFO is refused");
		cr_assert_not_null(strstr(err.msg, "not a regular file"), "%s", err.msg);
		cr_assert_neq(file_out_open(fifo, flags, &o, &err), 0);
		cr_assert_neq(file_write_atomic("", "x", 1, flags, &err), 0, "no name");
	}
	cr_assert_eq(file_read(path, 64, &data, &len, &err), 0);
	cr_assert_str_eq(data, "victim\n", "the link's target is untouched");
	free(data);
	{
		struct stat st;

		cr_assert_eq(lstat(link, &st), 0);
		cr_assert(S_ISLNK(st.st_mode), "the link is still a link");
	}
	{
		char *real = file_resolve_link(link);

		cr_assert_str_eq(real, path, "the plan being edited may follow its link");
		free(real);
	}
	/* a name of 251 bytes: the temporary must fit NAME_MAX too */
	{
		char name[252];

		memset(name, 'n', 251);
		name[251] = '\0';
		snprintf(path, sizeof path, "%s/%s", dir, name);
		cr_assert_eq(file_write_atomic(path, "long\n", 5, FILE_WRITE_NOREPLACE, &err), 0,
			     "%s", err.msg);
		cr_assert_eq(count_entries(dir), 4, "no temporary left");
		unlink(path);
	}
	{
		struct stat st;

		cr_assert_eq(lstat(fifo, &st), 0);
		cr_assert(S_ISFIFO(st.st_mode), "the FIFO is still a FIFO");
	}
	unlink(fifo);
	unlink(link);
	snprintf(path, sizeof path, "%s/victim", dir);
	unlink(path);
	cr_assert_eq(rmdir(dir), 0);
}

/* A temporary whose writer died is swept; one whose writer lives (holds
 * its lock) is not; other files are never touched. */
Test(file_temp, sweep_removes_only_dead_writers)
{
	char dir[] = "/tmp/pp-sweep-XXXXXX", stale[256], journal[256], other[256], target[256];
	struct file_temp live;
	struct pp_error err;
	int fd;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(stale, sizeof stale, "%s/.cr.md.portplan-Ab12Cd.tmp", dir);
	snprintf(journal, sizeof journal, "%s/.gone.portplan-Zz99Zz.tmp-journal", dir);
	snprintf(other, sizeof other, "%s/.cr.md.portplan-notmine", dir);
	snprintf(target, sizeof target, "%s/plan.portplan", dir);
	fd = open(stale, O_CREAT | O_WRONLY, 0600);
	cr_assert_geq(fd, 0);
	close(fd);	/* its writer is gone: no lock */
	fd = open(journal, O_CREAT | O_WRONLY, 0600);
	close(fd);
	fd = open(other, O_CREAT | O_WRONLY, 0600);
	close(fd);
	cr_assert_eq(file_temp_open(target, true, &live, &err), 0, "%s", err.msg);
	cr_assert(!file_exists(stale), "the dead writer's temporary was swept on open");
	cr_assert(!file_exists(journal), "and a journal without its temporary");
	cr_assert(file_exists(other), "a name that is not ours is left alone");
	file_temp_sweep(dir);
	cr_assert(file_exists(live.path), "a live writer's temporary is left alone");
	file_temp_cleanup();	/* what a SIGTERM handler does */
	cr_assert(!file_exists(live.path), "the cleanup removes registered temporaries");
	file_temp_close(&live, true);
	unlink(other);
	cr_assert_eq(rmdir(dir), 0, "nothing else was left");
}
