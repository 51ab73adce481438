/* Unit tests: the string set, sorted string lists, the XML prescan, text
 * cleaning and display width. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/width.h"
#include "util/xmlscan.h"

Test(strset, add_and_contains)
{
	struct strset s;
	char key[32];

	strset_init(&s);
	cr_assert(!strset_contains(&s, "a"), "an empty set holds nothing");
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "f%d", i);
		cr_assert(strset_add(&s, key), "%s is new", key);
	}
	cr_assert(!strset_add(&s, "f42"), "a second f42 is refused");
	cr_assert_eq(s.n, 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "f%d", i);
		cr_assert(strset_contains(&s, key), "%s survives growth", key);
	}
	cr_assert(!strset_contains(&s, "f5000"));
	cr_assert(!strset_contains(&s, ""));
	strset_fini(&s);
	cr_assert(!strset_contains(&s, "f1"), "fini empties the set");
	cr_assert(strset_add(&s, "f1"), "and it can be used again");
	strset_fini(&s);
}

Test(strlist, sorted_add_keeps_order_and_uniqueness)
{
	struct strlist l;
	const char *in[] = { "m", "c", "x", "a", "m", "b", "z", "a" };

	strlist_init(&l);
	for (size_t i = 0; i < sizeof in / sizeof *in; i++)
		strlist_sorted_add(&l, in[i]);
	cr_assert_eq(l.n, 6);
	for (size_t i = 1; i < l.n; i++)
		cr_assert(strcmp(l.v[i - 1], l.v[i]) < 0, "%s before %s", l.v[i - 1], l.v[i]);
	cr_assert(strlist_sorted_contains(&l, "a"));
	cr_assert(strlist_sorted_contains(&l, "z"));
	cr_assert(!strlist_sorted_contains(&l, "n"));
	cr_assert(!strlist_sorted_add(&l, "x"), "x is present already");
	strlist_fini(&l);
}

/* xmlscan without a text limit; *LINE is the line of a refusal */
static enum xmlscan_status
scan_n(const char *s, size_t len, size_t max_text, long *line)
{
	struct xmlscan_result res;
	enum xmlscan_status st = xmlscan(s, len, max_text, &res);

	*line = res.line;
	return st;
}

static enum xmlscan_status
scan(const char *s, long *line)
{
	return scan_n(s, strlen(s), 0, line);
}

Test(xmlscan, refusals_name_the_line)
{
	long line;

	cr_assert_eq(scan("<a b=\"1\">\n<c/></a>", &line), XMLSCAN_OK);
	cr_assert_eq(scan("<?xml version='1.0'?>\n\n<!DOCTYPE a [\n]><a/>", &line), XMLSCAN_DECL);
	cr_assert_eq(line, 3);
	cr_assert_eq(scan("<a>\n<!-- <!doctype in a comment --></a>", &line), XMLSCAN_DECL,
		     "declarations are refused anywhere, in any case");
	cr_assert_eq(scan("<a>\n<!ENTITY x 'y'></a>", &line), XMLSCAN_DECL);
	cr_assert_eq(line, 2);
	cr_assert_eq(scan_n("<a>\n\n\0</a>", 9, 0, &line), XMLSCAN_NUL);
	cr_assert_eq(line, 3);
	/* lines end as libxml2 ends them: LF, CR LF, a lone CR */
	cr_assert_eq(scan("<a>\r\n\r<!ENTITY x 'y'></a>", &line), XMLSCAN_DECL);
	cr_assert_eq(line, 3, "CR LF and CR: line 3, got %ld", line);
}

Test(xmlscan, only_utf8)
{
	static const struct {
		const char *data;
		size_t len;
		enum xmlscan_status want;
		const char *what;
	} cases[] = {
		{ "\xff\xfe<\0a\0/\0>\0", 10, XMLSCAN_NOT_UTF8, "UTF-16" },
		{ "\xfe\xff\0<\0a\0/\0>", 10, XMLSCAN_NOT_UTF8, "UTF-16" },
		{ "\0<\0?\0x", 6, XMLSCAN_NOT_UTF8, "UTF-16" },
		{ "\xff\xfe\0\0<\0\0\0", 8, XMLSCAN_NOT_UTF8, "UTF-32" },
		{ "\0\0\xfe\xff\0\0\0<", 8, XMLSCAN_NOT_UTF8, "UTF-32" },
		{ "<\0\0\0?\0\0\0", 8, XMLSCAN_NOT_UTF8, "UTF-32" },
		{ "\x4c\x6f\xa7\x94\x93", 5, XMLSCAN_NOT_UTF8, "EBCDIC" },
		{ "\xef\xbb\xbf\xff\xfe<\0", 7, XMLSCAN_NOT_UTF8, "UTF-16" },
		{ "\xef\xbb\xbf\xef\xbb\xbf<a/>", 10, XMLSCAN_BOM2, NULL },
		{ "\xef\xbb\xbf<a/>", 7, XMLSCAN_OK, NULL },
	};
	long line;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct xmlscan_result res;

		cr_assert_eq(xmlscan(cases[i].data, cases[i].len, 0, &res), cases[i].want,
			     "case %zu", i);
		if (cases[i].what != NULL)
			cr_assert_str_eq(res.what, cases[i].what, "case %zu", i);
	}
	{
		struct xmlscan_result res;
		const char *d = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<a/>";

		cr_assert_eq(xmlscan(d, strlen(d), 0, &res), XMLSCAN_ENCODING);
		cr_assert_str_eq(res.encoding, "UTF-7");
		d = "\xef\xbb\xbf<?xml version='1.0'\n  encoding = 'Shift_JIS' ?><a/>";
		cr_assert_eq(xmlscan(d, strlen(d), 0, &res), XMLSCAN_ENCODING);
		cr_assert_str_eq(res.encoding, "Shift_JIS");
	}
	cr_assert_eq(scan("<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>", &line), XMLSCAN_OK);
	cr_assert_eq(scan("<?xml version='1.0' encoding='UTF8' standalone='yes'?><a/>", &line),
		     XMLSCAN_OK);
	cr_assert_eq(scan("<?xml version='1.0'?><a/>", &line), XMLSCAN_OK);
	cr_assert_eq(scan("<?xml-stylesheet href='x' encoding='latin1'?><a/>", &line), XMLSCAN_OK,
		     "only the XML declaration names the encoding");
}

Test(xmlscan, attribute_count)
{
	struct sbuf b;
	long line;

	sbuf_init(&b);
	sbuf_add(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a");
	for (int i = 0; i < XMLSCAN_MAX_ATTRS; i++)
		sbuf_addf(&b, " a%d=\"x=y\"", i);	/* '=' inside a value is not counted */
	sbuf_add(&b, "/>\n<!-- a=1 b=2 --><![CDATA[ c=3 ]]>");
	cr_assert_eq(scan(sbuf_str(&b), &line), XMLSCAN_OK, "the limit itself is accepted");
	sbuf_reset(&b);
	sbuf_add(&b, "<r>\n<a\n");
	for (int i = 0; i <= XMLSCAN_MAX_ATTRS; i++)
		sbuf_addf(&b, " a%d='x'", i);
	sbuf_add(&b, "/></r>");
	cr_assert_eq(scan(sbuf_str(&b), &line), XMLSCAN_ATTRS, "one over the limit is refused");
	cr_assert_eq(line, 2, "the line of the element, got %ld", line);
	sbuf_fini(&b);
}

Test(xmlscan, text_runs)
{
	const char *doc = "<a>\n<b>0123456789</b><c><![CDATA[0123]]>456789</c><!-- 0123456789 --></a>";
	long line;

	/* the longest run is <![CDATA[0123]]>456789: 22 bytes, markup included */
	cr_assert_eq(scan_n(doc, strlen(doc), 22, &line), XMLSCAN_OK, "22 bytes pass");
	cr_assert_eq(scan_n(doc, strlen(doc), 21, &line), XMLSCAN_TEXT, "limit 21: refused");
	cr_assert_eq(scan_n(doc, strlen(doc), 10, &line), XMLSCAN_TEXT, "limit 10: refused");
	cr_assert_eq(line, 2);
	cr_assert_eq(scan_n("<b>0123456789</b>", 17, 10, &line), XMLSCAN_OK, "exactly the limit");
	cr_assert_eq(scan_n("<b>0123456789</b>", 17, 9, &line), XMLSCAN_TEXT);
	cr_assert_eq(scan_n(doc, strlen(doc), 0, &line), XMLSCAN_OK, "0: no limit");
	/* comments and processing instructions do not end a run */
	doc = "<a>\n<b>01234<!---->56789<?p?>01234</b></a>";
	cr_assert_eq(scan_n(doc, strlen(doc), 15, &line), XMLSCAN_OK, "15 bytes of text pass");
	cr_assert_eq(scan_n(doc, strlen(doc), 14, &line), XMLSCAN_TEXT,
		     "a text cut by comments is one run");
	cr_assert_eq(line, 2);
}

Test(xmlscan, markup_length)
{
	long line;

	cr_assert_eq(scan_n("<a>\n<b c='0123456789'/></a>", 27, 20, &line), XMLSCAN_OK);
	cr_assert_eq(scan_n("<a>\n<b c='0123456789'/></a>", 27, 15, &line), XMLSCAN_MARKUP);
	cr_assert_eq(line, 2);
	cr_assert_eq(scan_n("<a><!-- 0123456789 --></a>", 26, 15, &line), XMLSCAN_MARKUP);
	cr_assert_eq(scan_n("<a><?pi 0123456789?></a>", 24, 15, &line), XMLSCAN_MARKUP);
	cr_assert_eq(scan_n("<a><?pi 0123456789?></a>", 24, 0, &line), XMLSCAN_OK);
}

Test(strset, values)
{
	struct strset s;
	long long v = -1;

	strset_init(&s);
	cr_assert(!strset_get(&s, "x", &v));
	cr_assert(strset_put(&s, "x", 42));
	cr_assert(!strset_put(&s, "x", 7), "the first value stays");
	cr_assert(strset_get(&s, "x", &v));
	cr_assert_eq(v, 42);
	for (long long i = 0; i < 1000; i++) {
		char key[16];

		snprintf(key, sizeof key, "k%lld", i);
		strset_put(&s, key, i * 3);
	}
	cr_assert(strset_get(&s, "k999", &v));
	cr_assert_eq(v, 2997);
	cr_assert(strset_get(&s, "x", &v));
	cr_assert_eq(v, 42, "values survive growth");
	strset_fini(&s);
}

static int
collect_sink(void *arg, const char *data, size_t len)
{
	sbuf_addn(arg, data, len);
	return 0;
}

static int
failing_sink(void *arg, const char *data, size_t len)
{
	(void)data;
	(void)len;
	++*(int *)arg;
	return -1;
}

Test(sbuf, sink_hands_over_everything_in_order)
{
	struct sbuf got, b;
	char big[3 * SBUF_SINK_CHUNK];

	sbuf_init(&got);
	sbuf_init(&b);
	sbuf_set_sink(&b, collect_sink, &got);
	memset(big, 'x', sizeof big);
	for (int i = 0; i < 20000; i++)
		sbuf_addf(&b, "%d,", i);
	sbuf_addn(&b, big, sizeof big);	/* larger than a chunk: straight through */
	sbuf_addc(&b, '!');
	cr_assert(b.len <= SBUF_SINK_CHUNK, "the buffer stays bounded (%zu)", b.len);
	cr_assert_eq(sbuf_flush(&b), 0);
	cr_assert_eq(b.len, 0);
	cr_assert(strncmp(sbuf_str(&got), "0,1,2,", 6) == 0);
	cr_assert(strstr(sbuf_str(&got), "19998,19999,xxx") != NULL, "in order");
	cr_assert_eq(got.s[got.len - 1], '!');
	sbuf_fini(&b);
	sbuf_fini(&got);
}

Test(sbuf, a_failing_sink_is_reported_once_and_content_dropped)
{
	struct sbuf b;
	int calls = 0;

	sbuf_init(&b);
	sbuf_set_sink(&b, failing_sink, &calls);
	for (int i = 0; i < 50000; i++)
		sbuf_add(&b, "0123456789");
	cr_assert_eq(sbuf_flush(&b), -1);
	cr_assert_eq(calls, 1, "after the first failure nothing more is handed over");
	cr_assert(b.len <= SBUF_SINK_CHUNK);
	sbuf_fini(&b);
}

Test(text, clean_removes_controls_bidi_and_invisible_characters)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "plain" },
		{ "a\nb\tc\rd", "a b c d" },
		{ "esc\x1b[2Jx", "esc[2Jx" },
		{ "c1\xc2\x9b" "31m", "c131m" },
		{ "rlo\xe2\x80\xaeoff\xe2\x80\xac", "rlooff" },
		{ "soft\xc2\xadhyphen", "softhyphen" },
		{ "zero\xe2\x80\x8bwidth\xe2\x80\x8cnon\xe2\x80\x8djoiner", "zerowidthnonjoiner" },
		{ "word\xe2\x81\xa0joiner\xe2\x81\xa3op", "wordjoinerop" },
		{ "line\xe2\x80\xa8sep\xe2\x80\xa9para", "line sep para" },
		{ "tag\xf3\xa0\x80\x81\xf3\xa0\x81\xa1\xf3\xa0\x81\xbfs", "tags" },
		{ "mongolian\xe1\xa0\x8evs", "mongolianvs" },
		{ "anno\xef\xbf\xb9tation\xef\xbf\xbb", "annotation" },
		{ "nonchar\xef\xbf\xbe\xef\xb7\x90", "nonchar" },
		{ "bad\xff utf8", "bad\xef\xbf\xbd utf8" },
		/* visible text stays: accents, CJK, emoji, Arabic, Hebrew */
		{ "caf\xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x98\x80 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a \xd7\xa2\xd7\x91",
		  "caf\xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x98\x80 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a \xd7\xa2\xd7\x91" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *c = text_clean(cases[i].in);

		cr_assert_str_eq(c, cases[i].out, "case %zu: got \"%s\"", i, c);
		cr_assert(text_is_clean(c), "case %zu: the result is clean", i);
		cr_assert(strcmp(cases[i].in, cases[i].out) == 0 || !text_is_clean(cases[i].in),
			  "case %zu: text_is_clean agrees", i);
		free(c);
	}
}

/* The sum of wcwidth over S, -1 when one character has none. */
static int
wcwidth_sum(const char *s)
{
	mbstate_t st;
	int total = 0;

	memset(&st, 0, sizeof st);
	while (*s != '\0') {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, strlen(s), &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			return -1;
		w = wcwidth(wc);
		if (w < 0)
			return -1;
		total += w;
		s += n;
	}
	return total;
}

/* What curses (wcwidth) counts of a padded cell is what was asked for:
 * the columns of a row stay in place whatever the text holds. */
Test(width, padded_cells_have_their_width)
{
	static const char *const texts[] = {
		"plain",
		"mail \xf0\x9f\x93\xa7 server",			/* emoji */
		"smile \xe2\x98\xba\xef\xb8\x8f ok",		/* VS16 */
		"thumb \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd up",	/* skin tone */
		"flag \xf0\x9f\x87\xa9\xf0\x9f\x87\xaa de",	/* regional indicators */
		"unassigned \xcd\xb8 and \xf0\x9f\xa3\xbf x",	/* U+0378, U+1F8FF */
		"\xd7\xa9\xd7\xa8\xd7\xaa \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a",	/* Hebrew, Arabic */
		"e\xcc\x81\xcc\x81 Z\xcc\xb6",			/* combining marks */
		"cjk \xe6\xbc\xa2\xe5\xad\x97 wide",
		"bad \xff byte",
	};

	cr_assert_not_null(setlocale(LC_CTYPE, "C.UTF-8"));
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		for (size_t cols = 0; cols < 30; cols++) {
			char *p = text_pad(texts[i], cols);

			cr_assert_eq(wcwidth_sum(p), (int)cols, "text %zu, %zu columns: \"%s\" is %d",
				     i, cols, p, wcwidth_sum(p));
			cr_assert_eq(text_width(p), cols);
			cr_assert_null(strstr(p, "\xef\xb8\x8f"), "no VS16 is drawn");
			free(p);
		}
	}
	{
		char *p = text_pad("a\xcd\xb8" "b", 4);

		cr_assert_str_eq(p, "a\xef\xbf\xbd" "b ", "an unassigned character is drawn as U+FFFD");
		free(p);
	}
}
