/* xmlscan.c: refuse what an XML file never needs before it is parsed:
 * any encoding but UTF-8 (a DOCTYPE or an attribute could hide in it),
 * NUL bytes, DOCTYPE and ENTITY declarations (how billion-laughs and
 * external-entity attacks work), elements with absurd numbers of
 * attributes, and texts and markup long enough to send libxml2 down its
 * slow or failing paths.  A small tokenizer: it skips comments, CDATA
 * sections and processing instructions, and counts attributes as the '='
 * signs outside quotes in a tag.  Lines are counted as libxml2 counts
 * them (LF, CR LF and a lone CR each end one). */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "util/xmlscan.h"

struct scan {
	const char *p, *end;
	long line;
};

/* Whether the byte at P ends a line (a CR followed by LF does not: the
 * LF does). */
static bool
is_newline(const char *p, const char *end)
{
	return *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'));
}

static int
starts(const struct scan *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(s->end - s->p) >= n && strncmp(s->p, prefix, n) == 0;
}

/* Advances past the next TERM (or to the end), counting lines. */
static void
skip_past(struct scan *s, const char *term)
{
	size_t n = strlen(term);

	while (s->p < s->end) {
		if ((size_t)(s->end - s->p) >= n && memcmp(s->p, term, n) == 0) {
			s->p += n;
			return;
		}
		if (is_newline(s->p, s->end))
			s->line++;
		s->p++;
	}
}

static bool
has_prefix(const unsigned char *d, size_t len, const char *bytes, size_t n)
{
	return len >= n && memcmp(d, bytes, n) == 0;
}

/* The encoding the first bytes announce, when it is not UTF-8: byte-order
 * marks and the patterns of "<?" in the encodings libxml2 detects by
 * itself (XML 1.0, appendix F). */
static const char *
foreign_encoding(const unsigned char *d, size_t len)
{
	static const struct {
		const char *bytes;
		size_t n;
		const char *name;
	} sigs[] = {
		/* UTF-32 first: its little-endian BOM starts like UTF-16's */
		{ "\x00\x00\xfe\xff", 4, "UTF-32" }, { "\xff\xfe\x00\x00", 4, "UTF-32" },
		{ "\x00\x00\x00\x3c", 4, "UTF-32" }, { "\x3c\x00\x00\x00", 4, "UTF-32" },
		{ "\x00\x00\x3c\x00", 4, "UTF-32" }, { "\x00\x3c\x00\x00", 4, "UTF-32" },
		{ "\xfe\xff", 2, "UTF-16" }, { "\xff\xfe", 2, "UTF-16" },
		{ "\x00\x3c\x00\x3f", 4, "UTF-16" }, { "\x3c\x00\x3f\x00", 4, "UTF-16" },
		{ "\x4c\x6f\xa7\x94", 4, "EBCDIC" },
	};

	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		if (has_prefix(d, len, sigs[i].bytes, sigs[i].n))
			return sigs[i].name;
	return NULL;
}

static bool
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The XML declaration at the start of S (after the BOM), if any: the
 * encoding it names, when that is not UTF-8, is copied to RES. */
static bool
declares_other_encoding(const char *s, const char *end, struct xmlscan_result *res)
{
	const char *p = s + 5;

	if (end - s < 6 || memcmp(s, "<?xml", 5) != 0 || !is_xml_space(s[5]))
		return false;
	/* pseudo-attributes up to "?>": NAME S? = S? QUOTE VALUE QUOTE */
	for (;;) {
		const char *name, *value;
		size_t nlen, vlen;
		char quote;

		while (p < end && is_xml_space(*p))
			p++;
		name = p;
		while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		nlen = (size_t)(p - name);
		while (p < end && is_xml_space(*p))
			p++;
		if (nlen == 0 || p >= end || *p != '=')
			return false;	/* "?>" or a broken declaration: libxml2 says */
		for (p++; p < end && is_xml_space(*p); p++)
			;
		if (p >= end || (*p != '"' && *p != '\''))
			return false;
		quote = *p++;
		value = p;
		while (p < end && *p != quote && *p != '<' && *p != '>')
			p++;
		if (p >= end || *p != quote)
			return false;
		vlen = (size_t)(p - value);
		p++;
		if (nlen != 8 || strncmp(name, "encoding", 8) != 0)
			continue;
		if ((vlen == 5 && strncasecmp(value, "UTF-8", 5) == 0) ||
		    (vlen == 4 && strncasecmp(value, "UTF8", 4) == 0))
			return false;
		if (vlen >= sizeof res->encoding)
			vlen = sizeof res->encoding - 1;
		for (size_t i = 0; i < vlen; i++) {
			char c = value[i];

			res->encoding[i] = c > ' ' && c < 0x7f ? c : '?';
		}
		res->encoding[vlen] = '\0';
		return true;
	}
}

/* Counts attributes tag by tag, measures the runs of character data
 * inside elements (CDATA sections included) and the length of each tag,
 * comment and processing instruction (an '=' in those is not an
 * attribute). */
static enum xmlscan_status
tokenize(const char *data, size_t len, size_t max_text, struct xmlscan_result *res)
{
	struct scan s = { data, data + len, 1 };
	size_t run = 0;		/* character data since the last tag */
	long run_line = 1;	/* where that run began */

	while (s.p < s.end) {
		const char *start = s.p;
		long start_line = s.line;

		if (*s.p != '<') {
			if (run == 0)
				run_line = s.line;
			if (is_newline(s.p, s.end))
				s.line++;
			s.p++;
			if (max_text > 0 && ++run > max_text) {
				res->line = run_line;
				return XMLSCAN_TEXT;
			}
			continue;
		}
		if (starts(&s, "<![CDATA[")) {
			if (run == 0)
				run_line = s.line;
			s.p += 9;
			skip_past(&s, "]]>");
			run += (size_t)(s.p - start);
			if (max_text > 0 && run > max_text) {
				res->line = run_line;
				return XMLSCAN_TEXT;
			}
			continue;	/* CDATA is text: the run goes on */
		}
		if (starts(&s, "<!--")) {
			s.p += 4;
			skip_past(&s, "-->");
		} else if (starts(&s, "<?")) {
			s.p += 2;
			skip_past(&s, "?>");
		} else {
			/* a tag: up to '>' outside quotes */
			char quote = 0;
			size_t attrs = 0;

			for (s.p++; s.p < s.end; s.p++) {
				char c = *s.p;

				if (is_newline(s.p, s.end))
					s.line++;
				if (quote != 0) {
					if (c == quote)
						quote = 0;
				} else if (c == '"' || c == '\'') {
					quote = c;
				} else if (c == '=') {
					if (++attrs > XMLSCAN_MAX_ATTRS) {
						res->line = start_line;
						return XMLSCAN_ATTRS;
					}
				} else if (c == '>' || c == '<') {
					break;	/* '<': malformed; the parser will say so */
				}
			}
			if (s.p < s.end && *s.p == '>')
				s.p++;
			run = 0;	/* a tag ends the run; comments and PIs do not */
		}
		if (max_text > 0 && (size_t)(s.p - start) > max_text) {
			res->line = start_line;
			return XMLSCAN_MARKUP;
		}
	}
	return XMLSCAN_OK;
}

enum xmlscan_status
xmlscan(const char *data, size_t len, size_t max_text, struct xmlscan_result *res)
{
	static const char *const banned[] = { "<!DOCTYPE", "<!ENTITY" };
	const unsigned char *u = (const unsigned char *)data;
	long l = 1;

	res->line = 1;
	res->what = NULL;
	res->encoding[0] = '\0';
	if ((res->what = foreign_encoding(u, len)) != NULL)
		return XMLSCAN_NOT_UTF8;
	if (has_prefix(u, len, "\xef\xbb\xbf", 3)) {
		if (has_prefix(u + 3, len - 3, "\xef\xbb\xbf", 3))
			return XMLSCAN_BOM2;
		if ((res->what = foreign_encoding(u + 3, len - 3)) != NULL)
			return XMLSCAN_NOT_UTF8;
		data += 3;
		len -= 3;
	}
	if (declares_other_encoding(data, data + len, res))
		return XMLSCAN_ENCODING;
	/* NUL bytes and declarations anywhere, comments included: a
	 * declaration is never needed, so there is no reason to be subtle */
	for (size_t i = 0; i < len; i++) {
		if (is_newline(data + i, data + len)) {
			l++;
		} else if (data[i] == '\0') {
			res->line = l;
			return XMLSCAN_NUL;
		} else if (data[i] == '<' && i + 1 < len && data[i + 1] == '!') {
			for (size_t k = 0; k < sizeof banned / sizeof *banned; k++) {
				size_t n = strlen(banned[k]);

				if (len - i >= n && strncasecmp(data + i, banned[k], n) == 0) {
					res->line = l;
					return XMLSCAN_DECL;
				}
			}
		}
	}
	return tokenize(data, len, max_text, res);
}
