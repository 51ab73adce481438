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
	XMLSCAN_UTF16,		/* a UTF-16 byte-order mark */
	XMLSCAN_NUL,		/* a NUL byte */
	XMLSCAN_DECL,		/* <!DOCTYPE or <!ENTITY, in any case */
	XMLSCAN_ATTRS,		/* an element with over XMLSCAN_MAX_ATTRS */
	XMLSCAN_TEXT,		/* a run of text longer than the limit */
};

/* Scans DATA; on a refusal *LINE is the line it is on (from 1).
 * MAX_TEXT, when not 0, limits each run of character data between two
 * tags: libxml2's text reader grows a text node by reallocating it for
 * every chunk, which turns a 20 MB text into minutes of copying under
 * AddressSanitizer (and seconds without). */
enum xmlscan_status xmlscan(const char *data, size_t len, size_t max_text, long *line);

#endif
