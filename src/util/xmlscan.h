/* xmlscan.h: the first look at an untrusted XML file, before libxml2 sees
 * a byte.  Catalog sources and plan files share it. */
#ifndef PORTPLAN_UTIL_XMLSCAN_H
#define PORTPLAN_UTIL_XMLSCAN_H

#include <stddef.h>

/* More attributes on one element than this are refused: libxml2 2.9
 * checks attributes for duplicates in quadratic time (100,000 attributes
 * take 20 s), and no portplan file needs more than a dozen. */
#define XMLSCAN_MAX_ATTRS 256

enum xmlscan_status {
	XMLSCAN_OK,
	XMLSCAN_NOT_UTF8,	/* UTF-16, UTF-32 or EBCDIC (a BOM or the first bytes) */
	XMLSCAN_ENCODING,	/* the XML declaration names another encoding */
	XMLSCAN_BOM2,		/* a second byte-order mark after the first */
	XMLSCAN_NUL,		/* a NUL byte */
	XMLSCAN_DECL,		/* <!DOCTYPE or <!ENTITY, in any case */
	XMLSCAN_ATTRS,		/* an element with over XMLSCAN_MAX_ATTRS */
	XMLSCAN_TEXT,		/* a run of text longer than the limit */
	XMLSCAN_MARKUP,		/* a tag, comment or PI longer than the limit */
};

struct xmlscan_result {
	long line;		/* where the refusal is, from 1 */
	const char *what;	/* XMLSCAN_NOT_UTF8: "UTF-16", "UTF-32", "EBCDIC" */
	char encoding[32];	/* XMLSCAN_ENCODING: the name declared (ASCII) */
};

/* Scans LEN bytes at DATA and fills *RES.
 *
 * A file must be UTF-8: a UTF-8 byte-order mark is allowed (one), any
 * other (or the first bytes of UTF-16, UTF-32 or EBCDIC) is refused, and
 * so is an XML declaration naming any encoding but UTF-8: libxml2 would
 * otherwise decode the file as something else than what this scan read
 * (an '=' written in UTF-7 is "+AD0-"), and the readers also tell it to
 * ignore the declaration (XML_PARSE_IGNORE_ENC).
 *
 * MAX_TEXT, when not 0, limits each run of character data inside one
 * element (CDATA sections included, their markup counted; comments and
 * processing instructions do not end a run): libxml2's stream reader and
 * schema validator grow a text by reallocating it for every piece, which
 * turns a long text, or one cut into pieces by empty comments, into
 * quadratic time.  The same limit applies to each tag, comment and
 * processing instruction: longer ones are where libxml2 stops with
 * "Huge input lookup" or "AttValue length too long". */
enum xmlscan_status xmlscan(const char *data, size_t len, size_t max_text,
			    struct xmlscan_result *res);

#endif
