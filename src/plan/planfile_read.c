/* planfile_read.c: reading .portplan files.
 *
 * The file is read by us (regular file, size cap) and scanned before
 * libxml2 sees a byte (UTF-16, NUL, DOCTYPE and ENTITY are refused), then
 * parsed into a tree with no network, no entity substitution and no DTD
 * (a DOCTYPE that slipped through stops the parser), the format version
 * checked, the tree validated against the embedded schema, and walked.
 * The plumbing of those steps is shared with the catalog loader
 * (util/xmldoc.h): nothing from libxml2 reaches stderr, errors are
 * collected with their line.  The tree lets the reader accept the
 * elements in any order; free text is cleaned as the writer would write
 * it (planfile_clean_text), so that load then save gives the same bytes. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/internal.h"
#include "plan/plan.h"
#include "plan/plan_xsd.h"
#include "plan/planfile.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/ipnet.h"
#include "util/netspec.h"
#include "util/str.h"
#include "util/xmldoc.h"

/* The plan is built by appending to its arrays and sorted once at the
 * end (plan_sort, plan/internal.h): inserting each item in order made a
 * plan of 200,000 zones take 75 s.  Ids given twice are found with hash
 * sets as the elements come, so that the message names the line of the
 * second. */
struct reader {
	struct xmldoc doc;	/* the file: its name, its first error */
	struct strlist *warnings;
	struct plan *p;
	/* what was read so far: product, zone, firewall and rule ids, rule
	 * keys, endpoint entries ("product|id|interface") */
	struct strset products, zones, endpoints, firewalls, rule_ids, rule_keys;
};

/* What the shared XML plumbing (util/xmldoc.h) says about plan files. */
static const struct xmldoc_kind plan_doc = {
	/* TRANSLATORS: %s is an encoding: UTF-16, UTF-32, EBCDIC */
	.not_utf8 = N_("plan files must be UTF-8 (this one is %s)"),
	/* TRANSLATORS: %s is the encoding the file's XML declaration names */
	.declared = N_("plan files must be UTF-8 (its XML declaration says encoding=\"%s\")"),
	.decl = N_("DOCTYPE and ENTITY declarations are not allowed in plan files"),
	.invalid = N_("the file does not match the plan schema"),
	.schema_load = N_("internal error: cannot load the plan schema"),
	.schema_bad = N_("internal error: the plan schema is invalid"),
	.max_text = PLANFILE_TEXT_MAX,
	/* xgettext:c-format */
	.text_long = N_("a text of more than %zu bytes (plan texts are titles, labels and notes)"),
};

static long
node_line(xmlNodePtr n)
{
	long line = xmlGetLineNo(n);

	return line > 0 ? line : 0;
}

static bool
is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Attribute NAME trimmed, caller-owned; NULL when absent. */
static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	text_squeeze(s);
	return s;
}

/* An id attribute (the schema requires it; checked again here). */
static char *
prop_id(struct reader *r, xmlNodePtr n, const char *name)
{
	char *v = prop(n, name);

	if (v == NULL || !id_valid(v)) {
		xmldoc_fail(&r->doc, node_line(n),
			    _("<%1$s>: invalid %2$s \"%3$s\" (lower-case letters, digits, '-', '_' and '.', starting with a letter)"),
			    (const char *)n->name, name, v != NULL ? v : "");
		free(v);
		return NULL;
	}
	return v;
}

/* Free text (element content or attribute), cleaned; warns when cleaning
 * removed something.  Caller-owned; NULL when empty. */
static char *
free_text(struct reader *r, xmlNodePtr n, const char *raw)
{
	char *plain, *clean;

	if (raw == NULL)
		return NULL;
	clean = planfile_clean_text(raw);
	plain = xstrdup(raw);
	text_squeeze(plain);
	if (strcmp(plain, clean) != 0 && r->warnings != NULL)
		strlist_addf(r->warnings,
			     /* TRANSLATORS: %1$s is a file, %2$ld a line, %3$s an element */
			     _("%1$s:%2$ld: control or invalid characters removed from <%3$s>"),
			     r->doc.name, node_line(n), (const char *)n->name);
	free(plain);
	if (*clean == '\0') {
		free(clean);
		return NULL;
	}
	return clean;
}

static char *
content_text(struct reader *r, xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s;

	if (v == NULL)
		return NULL;
	s = free_text(r, n, (const char *)v);
	xmlFree(v);
	return s;
}

static void
read_meta(struct reader *r, xmlNodePtr meta)
{
	struct plan_meta *m = &r->p->meta;

	for (xmlNodePtr n = meta->children; n != NULL && !r->doc.failed; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (int i = 0; i < PLAN_META_COUNT; i++) {
			enum plan_meta_field f = (enum plan_meta_field)i;
			char **slot = plan_meta_slot(m, f);
			struct pp_error err;

			if (strcmp((const char *)n->name, plan_meta_name(f)) != 0)
				continue;
			free(*slot);
			*slot = content_text(r, n);
			if (*slot != NULL && plan_meta_check(f, *slot, &err) != 0)
				xmldoc_fail(&r->doc, node_line(n), "%s", err.msg);
		}
	}
}

static void
read_product(struct reader *r, xmlNodePtr prod)
{
	struct plan *p = r->p;
	char *id = prop_id(r, prod, "id");

	if (id == NULL)
		return;
	if (!strset_add(&r->products, id)) {
		xmldoc_fail(&r->doc, node_line(prod), _("product \"%s\" is given twice"), id);
		free(id);
		return;
	}
	strlist_add(&p->products, id);
	for (xmlNodePtr n = prod->children; n != NULL && !r->doc.failed; n = n->next) {
		char *fid;

		if (!is_element(n, "feature"))
			continue;
		fid = prop_id(r, n, "id");
		if (fid == NULL)
			continue;
		/* a feature listed twice is one choice: plan_sort drops it */
		p->features = plan_grow(p->features, p->nfeatures, sizeof *p->features);
		p->features[p->nfeatures].product = xstrdup(id);
		p->features[p->nfeatures].id = fid;
		p->nfeatures++;
	}
	free(id);
}

static void
read_zone(struct reader *r, xmlNodePtr z)
{
	struct plan *p = r->p;
	char *id = prop_id(r, z, "id"), *raw;

	if (id == NULL)
		return;
	if (!strset_add(&r->zones, id)) {
		xmldoc_fail(&r->doc, node_line(z), _("zone \"%s\" is given twice"), id);
		free(id);
		return;
	}
	raw = prop(z, "label");
	p->zones = plan_grow(p->zones, p->nzones, sizeof *p->zones);
	p->zones[p->nzones].id = id;
	p->zones[p->nzones].label = free_text(r, z, raw);
	p->nzones++;
	free(raw);
}

/* An optional attribute that must be an id; false after a failure. */
static bool
opt_id(struct reader *r, xmlNodePtr n, const char *name, char **out)
{
	*out = NULL;
	if (xmlHasProp(n, (const xmlChar *)name) == NULL)
		return true;
	*out = prop_id(r, n, name);
	return *out != NULL;
}

static void
read_endpoint(struct reader *r, xmlNodePtr ep)
{
	char *id = prop_id(r, ep, "id"), *zone = NULL, *product = NULL, *iface = NULL;
	char *key = NULL;
	const char *what;
	struct plan_endpoint *e;

	if (id == NULL || !opt_id(r, ep, "product", &product) || !opt_id(r, ep, "zone", &zone))
		goto out;
	iface = prop(ep, "interface");
	if (iface != NULL && !iface_valid(iface)) {
		xmldoc_fail(&r->doc, node_line(ep),
			    _("endpoint \"%1$s\": invalid interface \"%2$s\" (letters, digits, '-', '_' and '.')"),
			    id, iface);
		goto out;
	}
	/* as the command line writes it: bems:sql, forcepoint/C */
	what = iface != NULL || product != NULL ? NULL : id;
	key = xasprintf("%s|%s|%s", product != NULL ? product : "", id, iface != NULL ? iface : "");
	if (!strset_add(&r->endpoints, key)) {
		char *name = xasprintf("%s%s%s%s%s", product != NULL ? product : "",
				       product != NULL ? ":" : "", id, iface != NULL ? "/" : "",
				       iface != NULL ? iface : "");

		xmldoc_fail(&r->doc, node_line(ep), _("endpoint \"%s\" is given twice"),
			    what != NULL ? what : name);
		free(name);
		goto out;
	}
	if (iface != NULL && zone != NULL) {
		xmldoc_fail(&r->doc, node_line(ep),
			    _("endpoint \"%1$s\": an interface (\"%2$s\") has addresses, not a zone: place the endpoint itself"),
			    id, iface);
		goto out;
	}
	r->p->endpoints = plan_grow(r->p->endpoints, r->p->nendpoints, sizeof *r->p->endpoints);
	e = &r->p->endpoints[r->p->nendpoints++];
	memset(e, 0, sizeof *e);
	e->id = xstrdup(id);
	e->product = xstrdup(product);
	e->iface = xstrdup(iface);
	e->zone = xstrdup(zone);
	strlist_init(&e->addresses);
	strlist_init(&e->hostnames);
	for (xmlNodePtr n = ep->children; n != NULL && !r->doc.failed; n = n->next) {
		bool host = is_element(n, "hostname");
		xmlChar *v;
		char *addr;
		enum addr_kind kind;
		struct pp_error err;
		struct ip_net net;

		if (!host && !is_element(n, "address"))
			continue;
		v = xmlNodeGetContent(n);
		addr = xstrdup(v != NULL ? (const char *)v : "");
		xmlFree(v);
		text_squeeze(addr);
		kind = addr_classify(addr);
		if (host && kind != ADDR_HOSTNAME) {
			xmldoc_fail(&r->doc, node_line(n),
				    kind == ADDR_INVALID ?
				    _("endpoint \"%1$s\": \"%2$s\" is not a valid host name") :
				    _("endpoint \"%1$s\": \"%2$s\" is an address, not a host name (write it as <address>)"),
				    id, addr);
		} else if (!host && kind == ADDR_INVALID && ip_net_parse(addr, &net) == IP_HOST_BITS &&
			   plan_check_address(addr, &err) != 0) {
			/* a network with host bits: say which one was meant */
			xmldoc_fail(&r->doc, node_line(n), _("endpoint \"%1$s\": %2$s"), id, err.msg);
		} else if (!host && (kind == ADDR_INVALID || kind == ADDR_HOSTNAME)) {
			xmldoc_fail(&r->doc, node_line(n),
				    kind == ADDR_INVALID ?
				    _("endpoint \"%1$s\": invalid address \"%2$s\" (expected an IPv4 or IPv6 address, or a CIDR range with zero host bits)") :
				    _("endpoint \"%1$s\": \"%2$s\" is a host name, not an address (write it as <hostname>)"),
				    id, addr);
		} else if (plan_check_address(addr, &err) != 0) {
			xmldoc_fail(&r->doc, node_line(n), "%s", err.msg);
		} else {
			/* one listed twice is one address: plan_sort drops it */
			strlist_add(kind == ADDR_HOSTNAME ? &e->hostnames : &e->addresses, addr);
		}
		free(addr);
	}
out:
	free(key);
	free(zone);
	free(product);
	free(iface);
	free(id);
}

static void
read_subnet(struct reader *r, xmlNodePtr n)
{
	char *zone = prop_id(r, n, "zone"), *cidr = prop(n, "cidr");
	struct pp_error e;

	char *canon = zone != NULL ? plan_subnet_canon(cidr != NULL ? cidr : "", &e) : NULL;
	struct plan *p = r->p;

	if (zone != NULL && canon == NULL) {
		xmldoc_fail(&r->doc, node_line(n), _("zone \"%1$s\": %2$s"), zone, e.msg);
	} else if (canon != NULL) {
		/* one listed twice is one subnet: plan_sort drops it */
		p->subnets = plan_grow(p->subnets, p->nsubnets, sizeof *p->subnets);
		p->subnets[p->nsubnets].zone = zone;
		p->subnets[p->nsubnets].cidr = canon;
		p->nsubnets++;
		zone = NULL;
	}
	free(zone);
	free(cidr);
}

static void
read_firewall(struct reader *r, xmlNodePtr n)
{
	char *id = prop_id(r, n, "id"), *zones = NULL, *save = NULL;
	struct strlist l;
	struct strset seen;
	struct plan_firewall *f;

	strlist_init(&l);
	strset_init(&seen);
	if (id == NULL)
		goto out;
	if (!strset_add(&r->firewalls, id)) {
		xmldoc_fail(&r->doc, node_line(n), _("firewall \"%s\" is given twice"), id);
		goto out;
	}
	zones = prop(n, "zones");
	for (char *z = strtok_r(zones != NULL ? zones : (char *)"", " ", &save); z != NULL;
	     z = strtok_r(NULL, " ", &save)) {
		if (!id_valid(z)) {
			xmldoc_fail(&r->doc, node_line(n),
				    _("firewall \"%1$s\": invalid zone id \"%2$s\""), id, z);
			goto out;
		}
		if (!strset_add(&seen, z)) {
			xmldoc_fail(&r->doc, node_line(n),
				    _("firewall \"%1$s\": zone \"%2$s\" is given twice"), id, z);
			goto out;
		}
		strlist_add(&l, z);
	}
	if (l.n < 2) {
		xmldoc_fail(&r->doc, node_line(n),
			    _("firewall \"%s\": a firewall joins at least two zones"), id);
		goto out;
	}
	r->p->firewalls = plan_grow(r->p->firewalls, r->p->nfirewalls, sizeof *r->p->firewalls);
	f = &r->p->firewalls[r->p->nfirewalls++];
	f->id = id;
	f->zones = l;	/* taken over */
	strlist_init(&l);
	id = NULL;
out:
	strset_fini(&seen);
	strlist_fini(&l);
	free(zones);
	free(id);
}

/* R001, N12, H003: a section letter and a number. */
static bool
rule_id_valid(const char *s)
{
	size_t n;

	if (s == NULL || (s[0] != 'R' && s[0] != 'N' && s[0] != 'H'))
		return false;
	n = strspn(s + 1, "0123456789");
	return n >= 1 && n <= 6 && s[1 + n] == '\0';
}

static void
read_rule(struct reader *r, xmlNodePtr n)
{
	char *id = prop(n, "id"), *key = prop(n, "key");
	struct pp_error e;
	struct plan *p = r->p;
	struct plan_rule *rule;

	if (!rule_id_valid(id)) {
		xmldoc_fail(&r->doc, node_line(n),
			    _("<rule>: invalid id \"%s\" (R, N or H and a number: R007)"),
			    id != NULL ? id : "");
		goto out;
	}
	if (key == NULL || key[0] == '\0') {
		xmldoc_fail(&r->doc, node_line(n), _("rule \"%s\" has no key"), id);
		goto out;
	}
	if (strset_contains(&r->rule_ids, id) || strset_contains(&r->rule_keys, key)) {
		xmldoc_fail(&r->doc, node_line(n),
			    strset_contains(&r->rule_ids, id) ? _("rule \"%s\" is given twice") :
			    _("rule \"%s\" names an opening another rule names"), id);
		goto out;
	}
	strset_add(&r->rule_ids, id);
	strset_add(&r->rule_keys, key);
	p->rules = plan_grow(p->rules, p->nrules, sizeof *p->rules);
	rule = &p->rules[p->nrules++];
	memset(rule, 0, sizeof *rule);
	rule->id = xstrdup(id);
	rule->key = xstrdup(key);
	for (int f = PLAN_RULE_OWNER; f <= PLAN_RULE_EXCLUDED; f++) {
		char *raw = prop(n, plan_rule_field_name((enum plan_rule_field)f));
		char *v = free_text(r, n, raw);

		if (v != NULL && plan_rule_set_field(rule, (enum plan_rule_field)f, v, &e) != 0)
			xmldoc_fail(&r->doc, node_line(n), _("rule \"%1$s\": %2$s"), id, e.msg);
		free(raw);
		free(v);
	}
out:
	free(id);
	free(key);
}

static void
read_options(struct reader *r, xmlNodePtr n)
{
	static const char *const names[] = { "group-ports", "tls-only" };
	bool *slots[] = { &r->p->options.group_ports, &r->p->options.tls_only };

	for (size_t i = 0; i < 2; i++) {
		char *v = prop(n, names[i]);

		/* the schema takes xs:boolean: true, false, 1, 0 */
		if (v != NULL)
			*slots[i] = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
		free(v);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
read_fingerprint(struct reader *r, xmlNodePtr fp)
{
	struct strlist *l = &r->p->fingerprint;

	for (xmlNodePtr n = fp->children; n != NULL && !r->doc.failed; n = n->next) {
		char *prod, *id, *digest;

		if (!is_element(n, "flow"))
			continue;
		prod = prop_id(r, n, "product");
		id = prod != NULL ? prop_id(r, n, "id") : NULL;
		digest = id != NULL ? prop(n, "digest") : NULL;
		if (digest != NULL) {
			bool ok = strlen(digest) == 16;

			for (size_t i = 0; ok && i < 16; i++)
				ok = (digest[i] >= '0' && digest[i] <= '9') ||
				     (digest[i] >= 'a' && digest[i] <= 'f');
			if (ok)
				strlist_addf(l, "%s %s %s", prod, id, digest);
			else
				xmldoc_fail(&r->doc, node_line(n),
					    _("fingerprint of flow \"%1$s\": invalid digest \"%2$s\""),
					    id, digest);
		}
		free(prod);
		free(id);
		free(digest);
	}
	if (r->doc.failed)
		return;
	/* "product id digest": sorting the lines sorts by product and id
	 * (a space sorts before every id character) */
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_str);
	for (size_t i = 1; i < l->n; i++) {
		const char *a = l->v[i - 1], *b = l->v[i];
		size_t ka = (size_t)(strrchr(a, ' ') - a);
		size_t kb = (size_t)(strrchr(b, ' ') - b);

		if (ka == kb && strncmp(a, b, ka) == 0) {
			char *key = xstrndup(a, ka);

			xmldoc_fail(&r->doc, node_line(fp),
				    _("fingerprint: flow \"%s\" is given twice"), key);
			free(key);
			return;
		}
	}
}

static void
read_plan(struct reader *r, xmlNodePtr root)
{
	bool seen_meta = false, seen_fp = false, seen_options = false;

	for (xmlNodePtr n = root->children; n != NULL && !r->doc.failed; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_element(n, "meta")) {
			if (seen_meta) {
				xmldoc_fail(&r->doc, node_line(n), _("<%s> is given twice"), "meta");
				return;
			}
			seen_meta = true;
			read_meta(r, n);
		} else if (is_element(n, "product")) {
			read_product(r, n);
		} else if (is_element(n, "zone")) {
			read_zone(r, n);
		} else if (is_element(n, "endpoint")) {
			read_endpoint(r, n);
		} else if (is_element(n, "subnet")) {
			read_subnet(r, n);
		} else if (is_element(n, "firewall")) {
			read_firewall(r, n);
		} else if (is_element(n, "rule")) {
			read_rule(r, n);
		} else if (is_element(n, "options")) {
			if (seen_options) {
				xmldoc_fail(&r->doc, node_line(n), _("<%s> is given twice"), "options");
				return;
			}
			seen_options = true;
			read_options(r, n);
		} else if (is_element(n, "fingerprint")) {
			if (seen_fp) {
				xmldoc_fail(&r->doc, node_line(n), _("<%s> is given twice"),
					    "fingerprint");
				return;
			}
			seen_fp = true;
			read_fingerprint(r, n);
		} else {
			/* the schema refuses these; never ignore one silently */
			xmldoc_fail(&r->doc, node_line(n), _("unknown element <%s>"),
				    (const char *)n->name);
		}
	}
}

/* The root and its format, before validation: a newer file would fail
 * validation with a confusing message. */
static void
check_root(struct reader *r, xmlNodePtr root)
{
	char *format;
	bool digits;

	if (root == NULL) {
		xmldoc_fail(&r->doc, 0, _("the file holds no XML element"));
		return;
	}
	if (strcmp((const char *)root->name, "plan") != 0) {
		xmldoc_fail(&r->doc, node_line(root),
			    _("not a portplan plan: the root element is <%s>, expected <plan>"),
			    (const char *)root->name);
		return;
	}
	if (root->ns != NULL) {
		xmldoc_fail(&r->doc, node_line(root),
			    _("not a portplan plan: the root element <plan> is in the namespace \"%s\" (plan files use none)"),
			    root->ns->href != NULL ? (const char *)root->ns->href : "");
		return;
	}
	format = prop(root, "format");
	if (format == NULL) {
		xmldoc_fail(&r->doc, node_line(root),
			    _("<plan> has no format attribute (this version reads format %d)"),
			    PLANFILE_FORMAT);
		return;
	}
	digits = format[0] != '\0' && strspn(format, "0123456789") == strlen(format);
	if (digits && format[0] != '0' &&
	    (strlen(format) > 9 || strtol(format, NULL, 10) > PLANFILE_FORMAT))
		xmldoc_fail(&r->doc, node_line(root),
			    _("written by a newer portplan: format %1$s, this version reads %2$d"),
			    format, PLANFILE_FORMAT);
	else if (!digits || strtol(format, NULL, 10) < 1 || format[0] == '0')
		xmldoc_fail(&r->doc, node_line(root),
			    _("unknown plan file format \"%1$s\" (this version reads %2$d)"),
			    format, PLANFILE_FORMAT);
	free(format);
}

/* The compiled schema, built once per process and kept (reachable) for
 * the next parse, as the catalog's is: a save parses twice (the plan
 * must read back before it is written). */
static xmlSchemaPtr cached_schema;

static xmlSchemaPtr
plan_schema(struct xmldoc *d)
{
	if (cached_schema == NULL)
		cached_schema = xmldoc_schema_new(d, plan_xsd, plan_xsd_len);
	return cached_schema;
}

int
planfile_parse(const char *data, size_t len, const char *name,
	       struct plan **out, struct strlist *warnings, struct pp_error *err)
{
	struct reader r;
	xmlDocPtr doc;
	xmlSchemaPtr schema;

	*out = NULL;
	memset(&r, 0, sizeof r);
	xmldoc_init(&r.doc, name, &plan_doc, err);
	r.warnings = warnings;
	if (len > PLANFILE_MAX) {
		xmldoc_fail(&r.doc, 0, _("file too large (%zu bytes, the limit is %zu)"),
			    len, PLANFILE_MAX);
		return -1;
	}
	/* refused before libxml2 sees a byte: what a plan never needs */
	if (xmldoc_check(&r.doc, data, len) != 0)
		return -1;
	doc = xmldoc_parse(&r.doc, data, len);
	if (doc == NULL)
		return -1;
	check_root(&r, xmlDocGetRootElement(doc));
	if (!r.doc.failed) {
		schema = plan_schema(&r.doc);
		if (schema != NULL)
			xmldoc_validate(&r.doc, doc, schema);
	}
	if (!r.doc.failed) {
		r.p = plan_new();
		strset_init(&r.products);
		strset_init(&r.zones);
		strset_init(&r.endpoints);
		strset_init(&r.firewalls);
		strset_init(&r.rule_ids);
		strset_init(&r.rule_keys);
		read_plan(&r, xmlDocGetRootElement(doc));
		strset_fini(&r.products);
		strset_fini(&r.zones);
		strset_fini(&r.endpoints);
		strset_fini(&r.firewalls);
		strset_fini(&r.rule_ids);
		strset_fini(&r.rule_keys);
		plan_sort(r.p);
	}
	xmlFreeDoc(doc);
	if (r.doc.failed) {
		plan_free(&r.p);
		return -1;
	}
	*out = r.p;
	return 0;
}

int
planfile_load(const char *path, struct plan **out, struct strlist *warnings,
	      struct pp_error *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (file_read(path, PLANFILE_MAX, &data, &len, err) != 0)
		return -1;
	rc = planfile_parse(data, len, path, out, warnings, err);
	free(data);
	return rc;
}
