/* load.c: one catalog source into rows.
 *
 * The source is read by us (regular file, size cap), then streamed through
 * libxml2's xmlTextReader with the embedded XSD validating as it goes: no
 * tree of the whole file is ever built.  XML is untrusted: no network, no
 * DOCTYPE (refused before any entity is declared), no XInclude; the
 * plumbing is shared with the plan reader (util/xmldoc.h).  Each element
 * becomes rows as it starts (zone, product, feature, endpoint, flow, gap)
 * and its texts as they end; what the schema cannot say is checked when
 * the object ends. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_xsd.h"
#include "catalog/loader.h"
#include "util/file.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/str.h"
#include "util/xmldoc.h"

void
loader_fail_db(struct loader *l, long line)
{
	xmldoc_fail(&l->doc, line, _("catalog database: %s"), sqlite3_errmsg(l->db));
}

char *
loader_attr(struct loader *l, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(l->reader, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = text_clean((const char *)v);
	text_squeeze(s);
	xmlFree(v);
	return s;
}

bool
loader_attr_bool(struct loader *l, const char *name, bool dflt)
{
	char *v = loader_attr(l, name);
	bool r = dflt;

	if (v != NULL)
		r = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
	free(v);
	return r;
}

bool
loader_step(struct loader *l, sqlite3_stmt *st, long line)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return true;
	loader_fail_db(l, line);
	return false;
}

void
loader_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Reports a duplicate id with where it was first declared. */
void
loader_fail_duplicate(struct loader *l, const char *table, const char *what,
	       const char *product, const char *id)
{
	char *sql;
	sqlite3_stmt *st = NULL;

	if (product != NULL)
		sql = xasprintf("SELECT file, line FROM %s WHERE product = ?2 AND id = ?1", table);
	else
		sql = xasprintf("SELECT file, line FROM %s WHERE id = ?1", table);
	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) == SQLITE_OK) {
		loader_bind_text(st, 1, id);
		if (product != NULL)
			loader_bind_text(st, 2, product);
		if (sqlite3_step(st) == SQLITE_ROW) {
			char where[1200];

			snprintf(where, sizeof where, "%s:%d",
				 (const char *)sqlite3_column_text(st, 0),
				 sqlite3_column_int(st, 1));
			xmldoc_fail(&l->doc, l->line,
				    _("duplicate %s id \"%s\" (first declared at %s)"),
				    what, id, where);
		}
	}
	sqlite3_finalize(st);
	free(sql);
	if (!l->doc.failed)
		xmldoc_fail(&l->doc, l->line, _("duplicate %s id \"%s\""), what, id);
}

/* Inserts with ST; on a UNIQUE violation reports the duplicate. */
bool
loader_insert_unique(struct loader *l, sqlite3_stmt *st, const char *table,
	      const char *what, const char *product, const char *id)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE) {
		l->rid = sqlite3_last_insert_rowid(l->db);
		return true;
	}
	if (rc == SQLITE_CONSTRAINT)
		loader_fail_duplicate(l, table, what, product, id);
	else
		loader_fail_db(l, l->line);
	return false;
}

void
loader_product_fini(struct loader *l)
{
	xfree(&l->product);
	strset_fini(&l->features);
	strlist_fini(&l->groups);
	strlist_fini(&l->defaults);
	strset_fini(&l->group_index);
	strset_fini(&l->feature_group);
	strset_fini(&l->group_default);
}

void
loader_add_to_group(struct loader *l, const char *id, const char *grp, bool dflt)
{
	long long g, d;

	if (!strset_get(&l->group_index, grp, &g)) {
		g = (long long)l->groups.n;
		strlist_add(&l->groups, grp);
		strset_put(&l->group_index, grp, g);
	}
	strset_put(&l->feature_group, id, g);
	if (!dflt)
		return;
	if (strset_get(&l->group_default, grp, &d)) {
		xmldoc_fail(&l->doc, l->line,
			    _("features \"%1$s\" and \"%2$s\" are both the default of group \"%3$s\" (alternatives: at most one of a group is selected)"),
			    l->defaults.v[d], id, grp);
		return;
	}
	strset_put(&l->group_default, grp, (long long)l->defaults.n);
	strlist_add(&l->defaults, id);
}

/* Whether a condition can hold: two positive literals from one group of
 * alternatives never hold together. */
static bool
check_satisfiable(struct loader *l, const char *cond, const struct cond_lit *lits, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long long gi, gj;

		if (lits[i].neg || !strset_get(&l->feature_group, lits[i].id, &gi))
			continue;
		for (size_t j = i + 1; j < n; j++) {
			if (lits[j].neg || !strset_get(&l->feature_group, lits[j].id, &gj) ||
			    gi != gj)
				continue;
			xmldoc_fail(&l->doc, l->line,
				    _("condition \"%1$s\" can never hold: \"%2$s\" and \"%3$s\" are alternatives of group \"%4$s\" (at most one is selected)"),
				    cond, lits[i].id, lits[j].id, l->groups.v[gi]);
			return false;
		}
	}
	return true;
}

bool
loader_check_cond(struct loader *l, const char *cond, struct cond_lit **lits, size_t *n)
{
	char msg[256];

	if (cond_parse(cond, lits, n, msg, sizeof msg) != 0) {
		xmldoc_fail(&l->doc, l->line, _("invalid condition \"%s\": %s"), cond, msg);
		return false;
	}
	for (size_t i = 0; i < *n; i++) {
		if (!strset_contains(&l->features, (*lits)[i].id)) {
			xmldoc_fail(&l->doc, l->line,
				    _("condition refers to unknown feature \"%s\" (product \"%s\" declares no such feature)"),
				    (*lits)[i].id, l->product);
			free(*lits);
			*lits = NULL;
			return false;
		}
	}
	if (!check_satisfiable(l, cond, *lits, *n)) {
		free(*lits);
		*lits = NULL;
		return false;
	}
	return true;
}

void
loader_begin_object(struct loader *l, enum catalog_kind kind)
{
	l->kind = kind;
	l->line = xmlTextReaderGetParserLineNumber(l->reader);
	{
		xmlNodePtr node = xmlTextReaderCurrentNode(l->reader);
		if (node != NULL && xmlGetLineNo(node) > 0)
			l->line = xmlGetLineNo(node);
	}
	l->depth = xmlTextReaderDepth(l->reader);
	strset_fini(&l->seen_text);
	sbuf_reset(&l->digest);
	l->inferred = false;
}

static void
store_text(struct loader *l)
{
	char key[64];
	char *value;
	sqlite3_stmt *st = l->st[S_TEXT];

	if (l->doc.failed)
		return;
	value = text_clean(sbuf_str(&l->text));
	text_squeeze(value);
	if (strcmp(l->text_field, "fqdn") == 0) {
		sqlite3_bind_int64(l->st[S_FQDN], 1, l->rid);
		loader_bind_text(l->st[S_FQDN], 2, value);
		loader_step(l, l->st[S_FQDN], l->line);
		free(value);
		return;
	}
	snprintf(key, sizeof key, "%s/%s", l->text_field, l->text_lang);
	if (!strset_add(&l->seen_text, key)) {
		xmldoc_fail(&l->doc, l->text_line,
			    _("<%s lang=\"%s\"> given twice"), l->text_field, l->text_lang);
		free(value);
		return;
	}
	if (l->kind == KIND_PRODUCT && strcmp(l->text_field, "label") == 0 &&
	    strcmp(l->text_lang, "en") == 0)
		l->product_label = true;
	if (l->kind == KIND_FLOW && strcmp(l->text_lang, "en") == 0 &&
	    strcmp(l->text_field, "purpose") == 0) {
		sbuf_addc(&l->digest, '|');
		sbuf_add(&l->digest, value);
	}
	sqlite3_bind_int(st, 1, l->kind);
	sqlite3_bind_int64(st, 2, l->rid);
	loader_bind_text(st, 3, l->text_field);
	loader_bind_text(st, 4, l->text_lang);
	loader_bind_text(st, 5, value);
	loader_step(l, st, l->line);
	free(value);
}

static bool
is_text_element(const char *name)
{
	static const char *const names[] = {
		"label", "description", "help", "purpose", "reason", "note",
		"text", "fqdn", "title",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

static void
on_start(struct loader *l, const char *name)
{
	bool empty = xmlTextReaderIsEmptyElement(l->reader) == 1;
	int depth = xmlTextReaderDepth(l->reader);

	if (l->product != NULL && depth == 2 && l->kind == KIND_PRODUCT) {
		l->outer_kind = l->kind;
		l->outer_rid = l->rid;
	}
	if (is_text_element(name)) {
		char *lang = loader_attr(l, "lang");

		free(l->text_field);
		free(l->text_lang);
		l->text_field = xstrdup(name);
		l->text_lang = lang != NULL ? lang : xstrdup("en");
		{
			xmlNodePtr node = xmlTextReaderCurrentNode(l->reader);

			l->text_line = node != NULL && xmlGetLineNo(node) > 0 ?
				xmlGetLineNo(node) : l->line;
		}
		sbuf_reset(&l->text);
		l->in_text = true;
		if (empty) {
			store_text(l);
			l->in_text = false;
		}
		return;
	}
	if (strcmp(name, "zone") == 0)
		loader_start_zone(l);
	else if (strcmp(name, "product") == 0)
		loader_start_product(l);
	else if (strcmp(name, "feature") == 0)
		loader_start_feature(l);
	else if (strcmp(name, "endpoint") == 0)
		loader_start_endpoint(l);
	else if (strcmp(name, "flow") == 0)
		loader_start_flow(l);
	else if (strcmp(name, "gap") == 0 || strcmp(name, "hint") == 0 ||
		 strcmp(name, "decision") == 0)
		loader_start_gap(l, name);
	else if (strcmp(name, "document") == 0)
		loader_start_document(l);
	else if (strcmp(name, "cite") == 0) {
		loader_start_cite(l);
		return;
	} else
		return;
	if (empty)
		loader_end_object(l);
}

static void
on_end(struct loader *l, const char *name)
{
	if (l->in_text && is_text_element(name)) {
		store_text(l);
		l->in_text = false;
		return;
	}
	if (strcmp(name, "product") == 0) {
		/* the product's own texts were checked when its first child
		 * started; check again for a product without children */
		loader_end_product(l);
		return;
	}
	if (strcmp(name, "zone") == 0 || strcmp(name, "feature") == 0 ||
	    strcmp(name, "endpoint") == 0 || strcmp(name, "flow") == 0 ||
	    strcmp(name, "gap") == 0 || strcmp(name, "hint") == 0 ||
	    strcmp(name, "decision") == 0 || strcmp(name, "document") == 0) {
		loader_end_object(l);
		if (l->product != NULL) {
			l->kind = KIND_PRODUCT;
			l->rid = l->outer_rid;
		}
	}
}

/* What the shared XML plumbing (util/xmldoc.h) says about catalog files. */
static const struct xmldoc_kind catalog_doc = {
	/* TRANSLATORS: %s is an encoding: UTF-16, UTF-32, EBCDIC */
	.not_utf8 = N_("catalog files must be UTF-8 (this one is %s)"),
	/* TRANSLATORS: %s is the encoding the file's XML declaration names */
	.declared = N_("catalog files must be UTF-8 (its XML declaration says encoding=\"%s\")"),
	.decl = N_("DOCTYPE and ENTITY declarations are not allowed in catalog files"),
	.invalid = N_("the file does not match the catalog schema"),
	.schema_load = N_("internal error: cannot load the catalog schema"),
	.schema_bad = N_("internal error: the catalog schema is invalid"),
	.max_text = CATALOG_TEXT_MAX,
	/* xgettext:c-format */
	.text_long = N_("a text of more than %zu bytes (catalog texts are labels and sentences)"),
};

/* The compiled schema, built once per process and kept (reachable) for
 * the next import: compiling it costs more than importing a small file. */
static xmlSchemaPtr cached_schema;

xmlSchemaPtr
catalog_load_schema(struct pp_error *err)
{
	struct xmldoc d;

	if (cached_schema == NULL) {
		xmldoc_init(&d, NULL, &catalog_doc, err);
		cached_schema = xmldoc_schema_new(&d, catalog_xsd, catalog_xsd_len);
	}
	return cached_schema;
}

int
catalog_load_file(struct loader *l, xmlSchemaPtr schema, struct catalog_source *src)
{
	char *data;
	size_t len;
	int rc = 0;

	xmldoc_init(&l->doc, src->path, &catalog_doc, l->err);
	if (src->data != NULL) {
		if (src->len > CATALOG_FILE_MAX) {
			xmldoc_fail(&l->doc, 0, _("file too large (the limit is %zu bytes)"),
				    CATALOG_FILE_MAX);
			return -1;
		}
		data = xstrndup(src->data, src->len);
		len = src->len;
	} else if (file_read(src->path, CATALOG_FILE_MAX, &data, &len, l->err) != 0) {
		l->doc.failed = true;
		return -1;
	}
	/* the cache records what was imported, not what was listed */
	hash_hex(data, len, src->hash);
	/* refused before libxml2 sees a byte: what a catalog never needs */
	if (xmldoc_check(&l->doc, data, len) != 0) {
		free(data);
		return -1;
	}
	l->reader = xmldoc_reader_open(&l->doc, data, len);
	if (l->reader == NULL) {
		free(data);
		return -1;
	}
	if (xmlTextReaderSetSchema(l->reader, schema) != 0)
		xmldoc_fail(&l->doc, 0, _("cannot attach the catalog schema"));
	while (!l->doc.failed && (rc = xmlTextReaderRead(l->reader)) == 1) {
		int type = xmlTextReaderNodeType(l->reader);
		const char *name = (const char *)xmlTextReaderConstLocalName(l->reader);

		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			xmldoc_fail(&l->doc, xmlTextReaderGetParserLineNumber(l->reader),
				    _("DOCTYPE declarations are not allowed in catalog files"));
			break;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			if (xmlTextReaderDepth(l->reader) == 0 &&
			    strcmp(name, "catalog") != 0) {
				xmldoc_fail(&l->doc, xmlTextReaderGetParserLineNumber(l->reader),
					    _("the root element must be <catalog>, not <%s>"),
					    name);
				break;
			}
			on_start(l, name);
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			on_end(l, name);
		} else if (l->in_text && (type == XML_READER_TYPE_TEXT ||
					  type == XML_READER_TYPE_CDATA ||
					  type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
					  type == XML_READER_TYPE_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(l->reader);
			sbuf_add(&l->text, v);
		} else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
			xmldoc_fail(&l->doc, xmlTextReaderGetParserLineNumber(l->reader),
				    _("entity references are not allowed in catalog files"));
		}
	}
	xmldoc_reader_close(&l->doc, &l->reader, rc);
	free(data);
	loader_product_fini(l);
	return l->doc.failed ? -1 : 0;
}
