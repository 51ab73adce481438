/* xmldoc.c: reading untrusted XML (see xmldoc.h). */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include "util/i18n.h"
#include "util/xmldoc.h"
#include "util/xmlscan.h"

/* The error callbacks take a const xmlError from libxml2 2.12 on. */
#if LIBXML_VERSION >= 21200
#define XMLDOC_ERROR_CONST const
#else
#define XMLDOC_ERROR_CONST
#endif

void
xmldoc_init(struct xmldoc *d, const char *name, const struct xmldoc_kind *kind,
	    struct pp_error *err)
{
	d->name = name;
	d->kind = kind;
	d->err = err;
	d->failed = false;
}

void
xmldoc_fail(struct xmldoc *d, long line, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	if (d->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	d->failed = true;
	error_set(d->err, d->name, line, "%s", msg);
}

int
xmldoc_check(struct xmldoc *d, const char *data, size_t len)
{
	const struct xmldoc_kind *k = d->kind;
	struct xmlscan_result res;

	if (len == 0) {
		xmldoc_fail(d, 0, _("empty file"));
		return -1;
	}
	/* libxml2 takes the length as an int */
	if (len > INT_MAX) {
		xmldoc_fail(d, 0, _("file too large (%zu bytes)"), len);
		return -1;
	}
	switch (xmlscan(data, len, k->text_long != NULL ? k->max_text : 0, &res)) {
	case XMLSCAN_OK:
		return 0;
	case XMLSCAN_NOT_UTF8:
		xmldoc_fail(d, res.line, _(k->not_utf8), res.what);
		break;
	case XMLSCAN_ENCODING:
		xmldoc_fail(d, res.line, _(k->declared), res.encoding);
		break;
	case XMLSCAN_BOM2:
		xmldoc_fail(d, res.line,
			    _("two byte-order marks at the start of the file (remove the second)"));
		break;
	case XMLSCAN_NUL:
		xmldoc_fail(d, res.line, _("NUL byte in the file (binary data, or not UTF-8)"));
		break;
	case XMLSCAN_DECL:
		xmldoc_fail(d, res.line, "%s", _(k->decl));
		break;
	case XMLSCAN_ATTRS:
		xmldoc_fail(d, res.line, _("an element with more than %d attributes"),
			    XMLSCAN_MAX_ATTRS);
		break;
	case XMLSCAN_TEXT:
		xmldoc_fail(d, res.line, _(k->text_long), k->max_text);
		break;
	case XMLSCAN_MARKUP:
		xmldoc_fail(d, res.line,
			    _("a tag, comment or processing instruction of more than %zu bytes"),
			    k->max_text);
		break;
	}
	return -1;
}

/* ---- messages --------------------------------------------------------- */

/* The first error of the parser or the validator, with its line. */
static void
record(struct xmldoc *d, XMLDOC_ERROR_CONST xmlError *e)
{
	char msg[600];
	size_t n;

	if (d->failed || e == NULL || e->level == XML_ERR_WARNING)
		return;
	snprintf(msg, sizeof msg, "%s", e->message != NULL ? e->message : "?");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	xmldoc_fail(d, e->line > 0 ? e->line : 0, "%s", msg);
}

/* Messages of a reader, a validator and the global handler: ARG is the
 * document. */
static void
on_error(void *arg, XMLDOC_ERROR_CONST xmlError *e)
{
	record(arg, e);
}

/* Messages of a tree's parser: ARG is the parser context (its userData;
 * the document is its _private, userData belongs to libxml2's SAX). */
static void
on_parser_error(void *arg, XMLDOC_ERROR_CONST xmlError *e)
{
	xmlParserCtxtPtr ctxt = arg;

	if (ctxt != NULL && ctxt->_private != NULL)
		record(ctxt->_private, e);
}

static void
silent(void *arg, XMLDOC_ERROR_CONST xmlError *e)
{
	(void)arg;
	(void)e;
}

/* libxml2's generic messages ("xmlParseChunk: encoder error") bypass
 * the structured handlers and go to stderr by default. */
static void
silent_generic(void *arg, const char *msg, ...)
{
	(void)arg;
	(void)msg;
}

void
xmldoc_quiet(void)
{
	xmlSetStructuredErrorFunc(NULL, silent);
	xmlSetGenericErrorFunc(NULL, silent_generic);
}

/* ---- a tree ----------------------------------------------------------- */

/* A DOCTYPE the prescan missed: refuse it and stop before any declaration
 * in it is read.  (After xmlStopParser the document may still look
 * well-formed: only D's error tells.) */
static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid,
		   const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xmldoc *d = ctxt->_private;

	(void)name;
	(void)eid;
	(void)sid;
	xmldoc_fail(d, ctxt->input != NULL ? ctxt->input->line : 0, "%s", _(d->kind->decl));
	xmlStopParser(ctxt);
}

xmlDocPtr
xmldoc_parse(struct xmldoc *d, const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	xmldoc_quiet();
	if (len > INT_MAX) {
		xmldoc_fail(d, 0, _("file too large (%zu bytes)"), len);
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		xmldoc_fail(d, 0, _("cannot start the XML parser"));
		return NULL;
	}
	ctxt->_private = d;
	ctxt->sax->serror = on_parser_error;
	ctxt->sax->internalSubset = on_internal_subset;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, d->name, "UTF-8", XMLDOC_PARSE_OPTIONS);
	if (!d->failed && (doc == NULL || !ctxt->wellFormed ||
			   ctxt->errNo == XML_ERR_USER_STOP))
		xmldoc_fail(d, ctxt->input != NULL ? ctxt->input->line : 0,
			    _("the file is not well-formed XML"));
	xmlFreeParserCtxt(ctxt);
	if (d->failed) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int
xmldoc_validate(struct xmldoc *d, xmlDocPtr doc, xmlSchemaPtr schema)
{
	xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);

	if (vctxt == NULL) {
		xmldoc_fail(d, 0, "%s", _(d->kind->schema_load));
		return -1;
	}
	xmlSchemaSetValidStructuredErrors(vctxt, on_error, d);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0)
		xmldoc_fail(d, 0, "%s", _(d->kind->invalid));
	xmlSchemaFreeValidCtxt(vctxt);
	return d->failed ? -1 : 0;
}

/* ---- a stream --------------------------------------------------------- */

xmlTextReaderPtr
xmldoc_reader_open(struct xmldoc *d, const char *data, size_t len)
{
	xmlTextReaderPtr reader;

	xmldoc_quiet();
	if (len > INT_MAX) {
		xmldoc_fail(d, 0, _("file too large (%zu bytes)"), len);
		return NULL;
	}
	reader = xmlReaderForMemory(data, (int)len, d->name, "UTF-8", XMLDOC_PARSE_OPTIONS);
	if (reader == NULL) {
		xmldoc_fail(d, 0, _("cannot start the XML parser"));
		return NULL;
	}
	/* libxml2 2.9 sends well-formedness errors of a reader with a schema
	 * to the global handler: point it at this document meanwhile */
	xmlSetStructuredErrorFunc(d, on_error);
	xmlTextReaderSetStructuredErrorHandler(reader, on_error, d);
	return reader;
}

int
xmldoc_reader_close(struct xmldoc *d, xmlTextReaderPtr *reader, int last)
{
	if (*reader != NULL) {
		if (!d->failed && last != 0)
			xmldoc_fail(d, xmlTextReaderGetParserLineNumber(*reader),
				    _("the file is not well-formed XML"));
		if (!d->failed && xmlTextReaderIsValid(*reader) != 1)
			xmldoc_fail(d, 0, "%s", _(d->kind->invalid));
	}
	xmldoc_quiet();
	xmlFreeTextReader(*reader);
	*reader = NULL;
	return d->failed ? -1 : 0;
}

/* ---- schemas ---------------------------------------------------------- */

xmlSchemaPtr
xmldoc_schema_new(struct xmldoc *d, const unsigned char *xsd, size_t len)
{
	xmlSchemaParserCtxtPtr pctxt;
	xmlSchemaPtr schema;

	xmldoc_quiet();
	if (len > INT_MAX) {
		xmldoc_fail(d, 0, "%s", _(d->kind->schema_load));
		return NULL;
	}
	pctxt = xmlSchemaNewMemParserCtxt((const char *)xsd, (int)len);
	if (pctxt == NULL) {
		xmldoc_fail(d, 0, "%s", _(d->kind->schema_load));
		return NULL;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, silent, NULL);
	schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	if (schema == NULL)
		xmldoc_fail(d, 0, "%s", _(d->kind->schema_bad));
	return schema;
}
