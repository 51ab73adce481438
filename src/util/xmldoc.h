/* xmldoc.h: what every reader of untrusted XML shares: the catalog loader
 * (a stream, src/catalog) and the plan reader (a tree, src/plan).  Only
 * those two modules include this header; it is the one place beside them
 * where libxml2's types appear.
 *
 * A document is read in steps, each refusing what the next must never
 * see:
 *   1. xmldoc_check: not empty, not over INT_MAX bytes (libxml2 takes an
 *      int), then the prescan (util/xmlscan.h): any encoding but UTF-8,
 *      NUL bytes, DOCTYPE and ENTITY declarations, too many attributes,
 *      too long a text or tag;
 *   2. xmldoc_parse (a tree) or xmldoc_reader_open (a stream), with the
 *      safe options only (XMLDOC_PARSE_OPTIONS), every libxml2 message
 *      recorded with its line as the document's error, never printed
 *      (stderr would corrupt a curses screen), and for a tree a DOCTYPE
 *      that got past the prescan stopped by the parser itself;
 *   3. the schema, compiled from memory (xmldoc_schema_new): checked by
 *      xmldoc_validate for a tree, by the reader as it goes for a stream
 *      (xmldoc_reader_close tells).
 * The first error wins; later ones are dropped. */
#ifndef PORTPLAN_UTIL_XMLDOC_H
#define PORTPLAN_UTIL_XMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "util/error.h"

/* No network, line numbers past 65535, the encoding declaration ignored
 * (the file is UTF-8, which the prescan checked: what it read is what
 * libxml2 reads), and nothing else: never NOENT or DTDVALID (they read
 * file:///etc/passwd into the tree), HUGE (it turns the billion-laughs
 * guard off), DTDLOAD, DTDATTR or XINCLUDE. */
#define XMLDOC_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC)

/* What differs between kinds of document.  The messages name the kind,
 * so each is a whole sentence for the translators: the reader marks them
 * with N_() and they are translated when used. */
struct xmldoc_kind {
	/* "... files must be UTF-8 (this one is %s)": "UTF-16", "UTF-32",
	 * "EBCDIC" */
	const char *not_utf8;
	/* "... files must be UTF-8 (the XML declaration says %s)" */
	const char *declared;
	const char *decl;	/* "DOCTYPE and ENTITY declarations are not allowed in ..." */
	const char *invalid;	/* "the file does not match the ... schema" */
	const char *schema_load;	/* "internal error: cannot load the ... schema" */
	const char *schema_bad;	/* "internal error: the ... schema is invalid" */
	/* the longest run of text between two tags, and the message for a
	 * longer one (a format with one %zu, the limit); 0 and NULL: none */
	size_t max_text;
	const char *text_long;
};

/* One document being read: where its first error goes. */
struct xmldoc {
	const char *name;	/* in messages (borrowed; NULL: none) */
	const struct xmldoc_kind *kind;	/* borrowed */
	struct pp_error *err;
	bool failed;		/* ERR is set */
};

void xmldoc_init(struct xmldoc *d, const char *name, const struct xmldoc_kind *kind,
		 struct pp_error *err);
/* Sets D's error (NAME:LINE: the message) unless one is set already. */
void xmldoc_fail(struct xmldoc *d, long line, const char *fmt, ...) PP_PRINTF(3, 4);

/* Step 1 on LEN bytes at DATA.  -1 with D's error set. */
int xmldoc_check(struct xmldoc *d, const char *data, size_t len);

/* Step 2, a tree: caller-owned document (xmlFreeDoc), or NULL with D's
 * error set (not well-formed, a DOCTYPE, out of memory). */
xmlDocPtr xmldoc_parse(struct xmldoc *d, const char *data, size_t len);
/* Step 3 for a tree: -1 with D's error set when DOC does not match
 * SCHEMA (the validator's first message, with its line). */
int xmldoc_validate(struct xmldoc *d, xmlDocPtr doc, xmlSchemaPtr schema);

/* Step 2, a stream over DATA, which must outlive the reader: a
 * caller-owned reader, or NULL with D's error set.  Until
 * xmldoc_reader_close, libxml2's messages (also those that 2.9 sends to
 * the global handler) go to D.  Attach the schema with
 * xmlTextReaderSetSchema before the first read. */
xmlTextReaderPtr xmldoc_reader_open(struct xmldoc *d, const char *data, size_t len);
/* After the last xmlTextReaderRead (LAST: what it returned): unless D
 * has failed already, a stream that ended in an error is not well-formed
 * and one the schema did not accept does not match it.  Frees *READER
 * (and sets it to NULL) and silences libxml2 again.  -1 when D failed. */
int xmldoc_reader_close(struct xmldoc *d, xmlTextReaderPtr *reader, int last);

/* The schema of LEN bytes at XSD, compiled: caller-owned (xmlSchemaFree),
 * or NULL with D's error set (D's kind gives the messages). */
xmlSchemaPtr xmldoc_schema_new(struct xmldoc *d, const unsigned char *xsd, size_t len);

/* Points libxml2's global error handler at nothing: its default prints
 * to stderr.  The functions above call it; a reader calls it before
 * anything else of libxml2 that might complain. */
void xmldoc_quiet(void);

#endif
