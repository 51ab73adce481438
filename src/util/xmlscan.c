/* xmlscan.c: refuse what an XML file never needs before it is parsed:
 * UTF-16 (a DOCTYPE could hide in it), NUL bytes, DOCTYPE and ENTITY
 * declarations (how billion-laughs and external-entity attacks work), and
 * elements with absurd numbers of attributes.  A small tokenizer: it
 * skips comments, CDATA sections and processing instructions, and counts
 * attributes as the '=' signs outside quotes in a tag. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "util/xmlscan.h"

struct scan {
	const char *p, *end;
	long line;
};

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
		if (*s->p == '\n')
			s->line++;
		s->p++;
	}
}

/* Counts attributes tag by tag and measures the runs of text between
 * tags (CDATA sections included); comments and processing instructions
 * are skipped (an '=' there is not an attribute). */
static enum xmlscan_status
count_attributes(const char *data, size_t len, size_t max_text, long *line)
{
	struct scan s = { data, data + len, 1 };
	const char *text = data;	/* where the current run of text began */
	long text_line = 1;

	while (s.p < s.end) {
		char c = *s.p;

		if (c == '\n')
			s.line++;
		if (c != '<') {
			if (max_text > 0 && (size_t)(s.p - text) >= max_text) {
				*line = text_line;
				return XMLSCAN_TEXT;
			}
			s.p++;
			continue;
		}
		if (starts(&s, "<![CDATA[")) {
			s.p += 9;
			skip_past(&s, "]]>");
			if (max_text > 0 && (size_t)(s.p - text) > max_text) {
				*line = text_line;
				return XMLSCAN_TEXT;
			}
			continue;	/* CDATA is text: the run goes on */
		} else if (starts(&s, "<!--")) {
			s.p += 4;
			skip_past(&s, "-->");
		} else if (starts(&s, "<?")) {
			s.p += 2;
			skip_past(&s, "?>");
		} else {
			/* a tag: up to '>' outside quotes */
			long tag_line = s.line;
			char quote = 0;
			size_t attrs = 0;

			for (s.p++; s.p < s.end; s.p++) {
				c = *s.p;
				if (c == '\n')
					s.line++;
				if (quote != 0) {
					if (c == quote)
						quote = 0;
				} else if (c == '"' || c == '\'') {
					quote = c;
				} else if (c == '=') {
					if (++attrs > XMLSCAN_MAX_ATTRS) {
						*line = tag_line;
						return XMLSCAN_ATTRS;
					}
				} else if (c == '>' || c == '<') {
					break;	/* '<': malformed; the parser will say so */
				}
			}
			if (s.p < s.end && *s.p == '>')
				s.p++;
		}
		text = s.p;
		text_line = s.line;
	}
	return XMLSCAN_OK;
}

enum xmlscan_status
xmlscan(const char *data, size_t len, size_t max_text, long *line)
{
	static const char *const banned[] = { "<!DOCTYPE", "<!ENTITY" };
	long l = 1;

	*line = 1;
	if (len >= 2 && (((unsigned char)data[0] == 0xfe && (unsigned char)data[1] == 0xff) ||
			 ((unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe)))
		return XMLSCAN_UTF16;
	/* NUL bytes and declarations anywhere, comments included: a
	 * declaration is never needed, so there is no reason to be subtle */
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n') {
			l++;
		} else if (data[i] == '\0') {
			*line = l;
			return XMLSCAN_NUL;
		} else if (data[i] == '<' && i + 1 < len && data[i + 1] == '!') {
			for (size_t k = 0; k < sizeof banned / sizeof *banned; k++) {
				size_t n = strlen(banned[k]);

				if (len - i >= n && strncasecmp(data + i, banned[k], n) == 0) {
					*line = l;
					return XMLSCAN_DECL;
				}
			}
		}
	}
	return count_attributes(data, len, max_text, line);
}
