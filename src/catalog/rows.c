/* rows.c: the catalog's elements into rows, one function per element as
 * it starts (zone, product, feature, endpoint, flow, cite, gap, hint,
 * decision, document) and the checks the schema cannot make when an
 * object or a product ends.  load.c streams the file and calls these. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/loader.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/str.h"
#include "util/xmldoc.h"

void
loader_start_zone(struct loader *l)
{
	char *id = loader_attr(l, "id");

	loader_begin_object(l, KIND_ZONE);
	loader_bind_text(l->st[S_ZONE], 1, id);
	loader_bind_text(l->st[S_ZONE], 2, l->doc.name);
	sqlite3_bind_int64(l->st[S_ZONE], 3, l->line);
	loader_insert_unique(l, l->st[S_ZONE], "zone", _("zone"), NULL, id);
	free(id);
}

void
loader_start_product(struct loader *l)
{
	char *id = loader_attr(l, "id"), *vendor = loader_attr(l, "vendor");

	loader_begin_object(l, KIND_PRODUCT);
	loader_product_fini(l);
	l->product = xstrdup(id);
	l->product_line = l->line;
	l->product_has_server = false;
	l->product_label = false;
	loader_bind_text(l->st[S_PRODUCT], 1, id);
	loader_bind_text(l->st[S_PRODUCT], 2, vendor);
	loader_bind_text(l->st[S_PRODUCT], 3, l->doc.name);
	sqlite3_bind_int64(l->st[S_PRODUCT], 4, l->line);
	if (loader_insert_unique(l, l->st[S_PRODUCT], "product", _("product"), NULL, id))
		l->product_rid = l->rid;
	free(id);
	free(vendor);
}

void
loader_start_feature(struct loader *l)
{
	char *id = loader_attr(l, "id"), *kind = loader_attr(l, "kind"), *grp = loader_attr(l, "group");
	char *req = loader_attr(l, "requires"), *canon = NULL;
	sqlite3_stmt *st = l->st[S_FEATURE];

	loader_begin_object(l, KIND_FEATURE);
	if (req != NULL) {
		struct cond_lit *lits = NULL;
		size_t n = 0;
		char msg[256];

		if (cond_parse(req, &lits, &n, msg, sizeof msg) != 0) {
			xmldoc_fail(&l->doc, l->line, _("feature \"%s\": invalid requires \"%s\": %s"),
				    id, req, msg);
			goto out;
		}
		canon = cond_format(lits, n);
		for (size_t i = 0; i < n; i++)
			if (lits[i].neg) {
				xmldoc_fail(&l->doc, l->line,
					    _("feature \"%s\": requires names what it needs, not what it excludes (\"!%s\")"),
					    id, lits[i].id);
				free(lits);
				goto out;
			}
		free(lits);
		/* the features it names may come later in the product */
		strlist_addf(&l->requires, "%s\t%s\t%ld", id != NULL ? id : "", canon, l->line);
	}
	loader_bind_text(st, 1, l->product);
	loader_bind_text(st, 2, id);
	loader_bind_text(st, 3, kind != NULL ? kind : "feature");
	loader_bind_text(st, 4, grp);
	sqlite3_bind_int(st, 5, loader_attr_bool(l, "default", false));
	loader_bind_text(st, 6, l->doc.name);
	sqlite3_bind_int64(st, 7, l->line);
	loader_bind_text(st, 8, canon);
	if (loader_insert_unique(l, st, "feature", _("feature"), l->product, id)) {
		strset_put(&l->features, id, l->rid);
		if (grp != NULL)
			loader_add_to_group(l, id, grp, loader_attr_bool(l, "default", false));
	}
out:
	free(id);
	free(kind);
	free(grp);
	free(req);
	free(canon);
}

/* At the product's end: every feature a feature requires is one of the
 * product's, and not the feature itself. */
static void
check_requires(struct loader *l)
{
	for (size_t i = 0; i < l->requires.n && !l->doc.failed; i++) {
		char *id = xstrdup(l->requires.v[i]), *cond = strchr(id, '\t'), *line;
		struct cond_lit *lits = NULL;
		size_t n = 0;
		char msg[256];

		*cond++ = '\0';
		line = strchr(cond, '\t');
		*line++ = '\0';
		if (cond_parse(cond, &lits, &n, msg, sizeof msg) == 0)
			for (size_t k = 0; k < n && !l->doc.failed; k++) {
				if (strcmp(lits[k].id, id) == 0)
					xmldoc_fail(&l->doc, strtol(line, NULL, 10),
						    _("feature \"%s\" requires itself"), id);
				else if (!strset_contains(&l->features, lits[k].id))
					xmldoc_fail(&l->doc, strtol(line, NULL, 10),
						    _("feature \"%1$s\" requires \"%2$s\", which product \"%3$s\" does not declare"),
						    id, lits[k].id, l->product);
			}
		free(lits);
		free(id);
	}
	strlist_fini(&l->requires);
	strlist_init(&l->requires);
}

void
loader_start_endpoint(struct loader *l)
{
	char *id = loader_attr(l, "id"), *zone = loader_attr(l, "zone"), *follows = loader_attr(l, "follows");
	sqlite3_stmt *st = l->st[S_ENDPOINT];

	loader_begin_object(l, KIND_ENDPOINT);
	loader_bind_text(st, 1, id);
	loader_bind_text(st, 2, l->product);
	loader_bind_text(st, 3, zone);
	loader_bind_text(st, 4, l->doc.name);
	sqlite3_bind_int64(st, 5, l->line);
	loader_bind_text(st, 6, follows);
	loader_insert_unique(l, st, "endpoint", _("endpoint"), NULL, id);
	if (l->product != NULL && id != NULL && strcmp(id, l->product) == 0)
		l->product_has_server = true;
	free(id);
	free(zone);
	free(follows);
}

static void
insert_conds(struct loader *l, enum stmt_id sid, const struct cond_lit *lits, size_t n)
{
	sqlite3_stmt *st = l->st[sid];

	for (size_t i = 0; i < n && !l->doc.failed; i++) {
		long long feature = 0;

		/* check_cond made sure every literal names a declared feature */
		strset_get(&l->features, lits[i].id, &feature);
		sqlite3_bind_int64(st, 1, l->rid);
		sqlite3_bind_int64(st, 2, feature);
		sqlite3_bind_int(st, 3, lits[i].neg);
		loader_step(l, st, l->line);
	}
}

/* Whether WORD is one of the space-separated names in LIST. */
static bool
word_in_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	if (list == NULL || n == 0)
		return false;
	for (const char *p = list; *p != '\0'; ) {
		size_t len = strcspn(p, " ");

		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p += len;
		p += strspn(p, " ");
	}
	return false;
}

void
loader_start_flow(struct loader *l)
{
	char *id = loader_attr(l, "id"), *from = loader_attr(l, "from"), *to = loader_attr(l, "to");
	char *proto_s = loader_attr(l, "proto"), *ports_s = loader_attr(l, "ports");
	char *when = loader_attr(l, "when"), *doc = loader_attr(l, "doc");
	char *section = loader_attr(l, "section"), *prov = loader_attr(l, "provenance");
	char *ifaces = loader_attr(l, "interfaces"), *pref = loader_attr(l, "preferred-interface");
	char *twin = loader_attr(l, "tls-twin");
	char *ports = NULL, *cond = NULL;
	struct cond_lit *lits = NULL;
	size_t nlits = 0;
	int proto;
	sqlite3_stmt *st = l->st[S_FLOW];
	char msg[256];

	loader_begin_object(l, KIND_FLOW);
	l->inferred = prov != NULL && strcmp(prov, "inferred") == 0;
	proto = proto_parse(proto_s);
	if (proto == 0) {
		xmldoc_fail(&l->doc, l->line,
			    _("flow \"%s\": protocol 0 is not a protocol (many firewalls read it as \"any\"); name the protocol"),
			    id);
		goto out;
	}
	if (proto < 0) {
		xmldoc_fail(&l->doc, l->line, _("flow \"%s\": invalid protocol \"%s\""), id,
			    proto_s != NULL ? proto_s : "");
		goto out;
	}
	if (proto_has_ports(proto)) {
		if (ports_s == NULL) {
			xmldoc_fail(&l->doc, l->line,
				    _("flow \"%s\": a %s flow needs a ports attribute"),
				    id, proto_s);
			goto out;
		}
		ports = ports_canonical(ports_s, msg, sizeof msg);
		if (ports == NULL) {
			xmldoc_fail(&l->doc, l->line, _("flow \"%s\": %s"), id, msg);
			goto out;
		}
	} else if (ports_s != NULL) {
		xmldoc_fail(&l->doc, l->line,
			    _("flow \"%s\": protocol %s has no ports; remove the ports attribute"),
			    id, proto_s);
		goto out;
	}
	if (!loader_check_cond(l, when, &lits, &nlits))
		goto out;
	cond = cond_format(lits, nlits);
	if (pref != NULL && !word_in_list(ifaces, pref)) {
		xmldoc_fail(&l->doc, l->line,
			    _("flow \"%s\": preferred interface \"%s\" is not among its interfaces"),
			    id, pref);
		goto out;
	}
	loader_bind_text(st, 1, l->product);
	loader_bind_text(st, 2, id);
	loader_bind_text(st, 3, from);
	loader_bind_text(st, 4, to);
	sqlite3_bind_int(st, 5, proto);
	loader_bind_text(st, 6, ports);
	loader_bind_text(st, 7, cond);
	sqlite3_bind_int(st, 8, loader_attr_bool(l, "required", true));
	loader_bind_text(st, 9, doc);
	loader_bind_text(st, 10, section);
	sqlite3_bind_int(st, 11, l->inferred);
	loader_bind_text(st, 12, ifaces);
	loader_bind_text(st, 13, pref);
	loader_bind_text(st, 14, l->doc.name);
	sqlite3_bind_int64(st, 15, l->line);
	sqlite3_bind_int64(st, 16, l->product_rid);
	sqlite3_bind_int64(st, 17, (sqlite3_int64)nlits);
	loader_bind_text(st, 18, twin);
	if (!loader_insert_unique(l, st, "flow", _("flow"), l->product, id))
		goto out;
	insert_conds(l, S_COND, lits, nlits);
	sbuf_addf(&l->digest, "%s|%s|%d|%s|%s|%d|%s|%s|%d|%s|%s",
		  from, to, proto, ports != NULL ? ports : "", cond,
		  loader_attr_bool(l, "required", true), doc, section, l->inferred,
		  ifaces != NULL ? ifaces : "", pref != NULL ? pref : "");
	/* (only when set: the digests of flows without one stay as they were) */
	if (twin != NULL)
		sbuf_addf(&l->digest, "|twin=%s", twin);
out:
	free(lits);
	free(cond);
	free(ports);
	free(id); free(from); free(to); free(proto_s); free(ports_s);
	free(when); free(doc); free(section); free(prov); free(ifaces); free(pref);
	free(twin);
}

/* <cite>: the same flow in another language's page. */
void
loader_start_cite(struct loader *l)
{
	char *lang = loader_attr(l, "lang"), *doc = loader_attr(l, "doc"), *section = loader_attr(l, "section");
	sqlite3_stmt *st = l->st[S_CITE];

	if (l->kind == KIND_FLOW && !l->doc.failed) {
		sqlite3_bind_int64(st, 1, l->rid);
		loader_bind_text(st, 2, lang);
		loader_bind_text(st, 3, doc);
		loader_bind_text(st, 4, section);
		loader_step(l, st, l->line);
		sbuf_addf(&l->digest, "|cite=%s:%s:%s", lang, doc, section);
	}
	free(lang);
	free(doc);
	free(section);
}

/* <document>: a vendor source the flows cite. */
void
loader_start_document(struct loader *l)
{
	static const char *const names[] = {
		"source", "vendor", "product", "lang", "edition", "version", "date", "url",
	};
	sqlite3_stmt *st = l->st[S_DOCUMENT];
	char *v[8];

	loader_begin_object(l, KIND_DOCUMENT);
	for (int i = 0; i < 8; i++) {
		v[i] = loader_attr(l, names[i]);
		loader_bind_text(st, i + 1, v[i]);
	}
	loader_bind_text(st, 9, l->doc.name);
	sqlite3_bind_int64(st, 10, l->line);
	loader_insert_unique(l, st, "document", _("document"), NULL, v[0]);
	for (int i = 0; i < 8; i++)
		free(v[i]);
}

/* A gap, a hint or a decision (KIND): the same table, told apart. */
void
loader_start_gap(struct loader *l, const char *kind)
{
	char *id = loader_attr(l, "id"), *when = loader_attr(l, "when");
	char *doc = loader_attr(l, "doc"), *section = loader_attr(l, "section");
	struct cond_lit *lits = NULL;
	size_t nlits = 0;
	char *cond = NULL;
	sqlite3_stmt *st = l->st[S_GAP];

	loader_begin_object(l, KIND_GAP);
	if (!loader_check_cond(l, when, &lits, &nlits))
		goto out;
	cond = cond_format(lits, nlits);
	loader_bind_text(st, 1, l->product);
	loader_bind_text(st, 2, id);
	loader_bind_text(st, 3, cond);
	loader_bind_text(st, 4, doc);
	loader_bind_text(st, 5, section);
	loader_bind_text(st, 6, l->doc.name);
	sqlite3_bind_int64(st, 7, l->line);
	sqlite3_bind_int64(st, 8, l->product_rid);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)nlits);
	loader_bind_text(st, 10, kind);
	if (loader_insert_unique(l, st, "gap", strcmp(kind, "hint") == 0 ? _("hint") :
				 strcmp(kind, "decision") == 0 ? _("decision") : _("gap"),
				 l->product, id))
		insert_conds(l, S_GAP_COND, lits, nlits);
out:
	free(lits);
	free(cond);
	free(id); free(when); free(doc); free(section);
}

static bool
has_text(struct loader *l, const char *field, const char *lang)
{
	char key[64];

	snprintf(key, sizeof key, "%s/%s", field, lang);
	return strset_contains(&l->seen_text, key);
}

/* Ends the current object: checks what the schema cannot say. */
void
loader_end_object(struct loader *l)
{
	static const char *const required_en[] = {
#define X(name, required) [KIND_##name] = required,
		CATALOG_KINDS(X)
#undef X
	};
	const char *need = required_en[l->kind];

	if (l->doc.failed)
		return;
	if (l->kind == KIND_DOCUMENT && l->seen_text.n == 0) {
		xmldoc_fail(&l->doc, l->line, _("<document> without a <title>"));
		return;
	}
	if (need != NULL && !has_text(l, need, "en")) {
		xmldoc_fail(&l->doc, l->line, _("<%s> without an English text (lang=\"en\")"),
			    need);
		return;
	}
	if (l->kind == KIND_FLOW) {
		char hex[17];

		if (l->inferred && !has_text(l, "reason", "en")) {
			xmldoc_fail(&l->doc, l->line,
				    _("an inferred flow must give its <reason>"));
			return;
		}
		hash_hex(sbuf_str(&l->digest), l->digest.len, hex);
		sqlite3_bind_int64(l->st[S_FLOW_DIGEST], 1, l->rid);
		sqlite3_bind_text(l->st[S_FLOW_DIGEST], 2, hex, -1, SQLITE_TRANSIENT);
		loader_step(l, l->st[S_FLOW_DIGEST], l->line);
	}
}

void
loader_end_product(struct loader *l)
{
	check_requires(l);
	if (!l->doc.failed && !l->product_label)
		xmldoc_fail(&l->doc, l->product_line,
			    _("<label> without an English text (lang=\"en\")"));
	if (!l->doc.failed && !l->product_has_server)
		xmldoc_fail(&l->doc, l->product_line,
			    _("product \"%s\" declares no endpoint with its own id (its server)"),
			    l->product);
	loader_product_fini(l);
}

