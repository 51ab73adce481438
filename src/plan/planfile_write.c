/* planfile_write.c: writing .portplan files.
 *
 * Canonical.  Fixed element order, lists sorted, two-space indentation,
 * text cleaned and escaped, a final newline, no timestamps: load then
 * save gives the same bytes.  A plan is saved only when it reads back
 * (planfile_read.c), and atomically. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/internal.h"
#include "plan/plan.h"
#include "plan/planfile.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/str.h"

char *
planfile_clean_text(const char *s)
{
	char *c, *w;

	if (s == NULL)
		return NULL;
	c = text_clean(s);
	/* U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters */
	w = c;
	for (char *r = c; *r != '\0'; ) {
		if ((unsigned char)r[0] == 0xef && (unsigned char)r[1] == 0xbf &&
		    ((unsigned char)r[2] == 0xbe || (unsigned char)r[2] == 0xbf)) {
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	text_squeeze(c);
	return c;
}

static void
put_escaped(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': sbuf_add(b, "&amp;"); break;
		case '<': sbuf_add(b, "&lt;"); break;
		case '>': sbuf_add(b, "&gt;"); break;
		case '"': sbuf_add(b, "&quot;"); break;
		default: sbuf_addc(b, *s);
		}
	}
}

/* ` NAME="VALUE"` with VALUE escaped (not cleaned: ids and addresses). */
static void
put_attr(struct sbuf *b, const char *name, const char *value)
{
	sbuf_addf(b, " %s=\"", name);
	put_escaped(b, value);
	sbuf_addc(b, '"');
}

/* An element with cleaned free text; nothing when the text is empty. */
static void
put_text_element(struct sbuf *b, const char *indent, const char *name,
		 const char *value)
{
	char *c = planfile_clean_text(value);

	if (c != NULL && *c != '\0') {
		sbuf_addf(b, "%s<%s>", indent, name);
		put_escaped(b, c);
		sbuf_addf(b, "</%s>\n", name);
	}
	free(c);
}

static bool
meta_empty(const struct plan_meta *m)
{
	bool empty = true;

	for (int i = 0; i < PLAN_META_COUNT && empty; i++) {
		char *c = planfile_clean_text(plan_meta_get(m, (enum plan_meta_field)i));

		empty = c == NULL || *c == '\0';
		free(c);
	}
	return empty;
}

static void
sorted_copy(struct strlist *dst, const struct strlist *src)
{
	strlist_init(dst);
	strlist_copy(dst, src);
	strlist_sort(dst);
}

char *
planfile_serialize(const struct plan *p)
{
	struct sbuf b;
	struct strlist l;

	sbuf_init(&b);
	sbuf_add(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sbuf_addf(&b, "<plan format=\"%d\">\n", PLANFILE_FORMAT);

	if (!meta_empty(&p->meta)) {
		sbuf_add(&b, "  <meta>\n");
		for (int f = 0; f < PLAN_META_COUNT; f++)
			put_text_element(&b, "    ", plan_meta_name((enum plan_meta_field)f),
					 plan_meta_get(&p->meta, (enum plan_meta_field)f));
		sbuf_add(&b, "  </meta>\n");
	}

	if (p->options.group_ports || p->options.tls_only) {
		sbuf_add(&b, "  <options");
		if (p->options.group_ports)
			put_attr(&b, "group-ports", "true");
		if (p->options.tls_only)
			put_attr(&b, "tls-only", "true");
		sbuf_add(&b, "/>\n");
	}

	/* products with their features (features of a product the plan does
	 * not select cannot be expressed and are left out) */
	sorted_copy(&l, &p->products);
	for (size_t i = 0; i < l.n; i++) {
		bool any = false;

		if (i > 0 && strcmp(l.v[i], l.v[i - 1]) == 0)
			continue;
		sbuf_add(&b, "  <product");
		put_attr(&b, "id", l.v[i]);
		for (size_t k = 0; k < p->nfeatures; k++) {
			if (strcmp(p->features[k].product, l.v[i]) != 0)
				continue;
			if (!any)
				sbuf_add(&b, ">\n");
			any = true;
			sbuf_add(&b, "    <feature");
			put_attr(&b, "id", p->features[k].id);
			sbuf_add(&b, "/>\n");
		}
		sbuf_add(&b, any ? "  </product>\n" : "/>\n");
	}
	strlist_fini(&l);

	for (size_t i = 0; i < p->nzones; i++) {
		char *label = planfile_clean_text(p->zones[i].label);

		sbuf_add(&b, "  <zone");
		put_attr(&b, "id", p->zones[i].id);
		if (label != NULL && *label != '\0')
			put_attr(&b, "label", label);
		sbuf_add(&b, "/>\n");
		free(label);
	}

	for (size_t i = 0; i < p->nsubnets; i++) {
		sbuf_add(&b, "  <subnet");
		put_attr(&b, "zone", p->subnets[i].zone);
		put_attr(&b, "cidr", p->subnets[i].cidr);
		sbuf_add(&b, "/>\n");
	}

	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *e = &p->endpoints[i];
		struct strlist hosts, addrs;

		if (plan_endpoint_is_empty(e))
			continue;
		sbuf_add(&b, "  <endpoint");
		put_attr(&b, "id", e->id);
		if (e->product != NULL)
			put_attr(&b, "product", e->product);
		if (e->iface != NULL)
			put_attr(&b, "interface", e->iface);
		if (e->zone != NULL)
			put_attr(&b, "zone", e->zone);
		if (e->addresses.n == 0 && e->hostnames.n == 0) {
			sbuf_add(&b, "/>\n");
			continue;
		}
		sbuf_add(&b, ">\n");
		sorted_copy(&hosts, &e->hostnames);
		sorted_copy(&addrs, &e->addresses);
		for (size_t k = 0; k < hosts.n; k++) {
			sbuf_add(&b, "    <hostname>");
			put_escaped(&b, hosts.v[k]);
			sbuf_add(&b, "</hostname>\n");
		}
		for (size_t k = 0; k < addrs.n; k++) {
			sbuf_add(&b, "    <address>");
			put_escaped(&b, addrs.v[k]);
			sbuf_add(&b, "</address>\n");
		}
		strlist_fini(&hosts);
		strlist_fini(&addrs);
		sbuf_add(&b, "  </endpoint>\n");
	}

	for (size_t i = 0; i < p->nfirewalls; i++) {
		char *zones = strlist_join(&p->firewalls[i].zones, " ");

		sbuf_add(&b, "  <firewall");
		put_attr(&b, "id", p->firewalls[i].id);
		put_attr(&b, "zones", zones);
		sbuf_add(&b, "/>\n");
		free(zones);
	}

	/* the rule ids handed out, with each rule's lifecycle */
	for (size_t i = 0; i < p->nrules; i++) {
		const struct plan_rule *r = &p->rules[i];

		sbuf_add(&b, "  <rule");
		put_attr(&b, "id", r->id);
		put_attr(&b, "key", r->key);
		for (int f = PLAN_RULE_OWNER; f <= PLAN_RULE_EXCLUDED; f++) {
			char *v = planfile_clean_text(plan_rule_get(r, (enum plan_rule_field)f));

			if (v != NULL && *v != '\0')
				put_attr(&b, plan_rule_field_name((enum plan_rule_field)f), v);
			free(v);
		}
		sbuf_add(&b, "/>\n");
	}

	/* the catalog fingerprint: "product id digest" lines */
	sorted_copy(&l, &p->fingerprint);
	if (l.n > 0) {
		sbuf_add(&b, "  <fingerprint>\n");
		for (size_t i = 0; i < l.n; i++) {
			char *line = xstrdup(l.v[i]);
			char *id = strchr(line, ' ');
			char *digest = id != NULL ? strchr(id + 1, ' ') : NULL;

			if (digest == NULL) {	/* not a fingerprint line */
				free(line);
				continue;
			}
			*id++ = '\0';
			*digest++ = '\0';
			sbuf_add(&b, "    <flow");
			put_attr(&b, "product", line);
			put_attr(&b, "id", id);
			put_attr(&b, "digest", digest);
			sbuf_add(&b, "/>\n");
			free(line);
		}
		sbuf_add(&b, "  </fingerprint>\n");
	}
	strlist_fini(&l);

	sbuf_add(&b, "</plan>\n");
	return sbuf_take(&b);
}

int
planfile_save(const struct plan *p, const char *path, int flags,
	      struct pp_error *err)
{
	char *data = planfile_serialize(p);
	struct plan *back = NULL;
	size_t len = strlen(data);
	int rc;

	/* never write a file this version could not read back */
	if (planfile_parse(data, len, path, &back, NULL, err) != 0) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		error_set(err, path, 0, _("not saved: the plan would not read back (%s)"), msg);
		free(data);
		return -1;
	}
	plan_free(&back);
	rc = file_write_atomic(path, data, len, flags, err);
	free(data);
	return rc;
}
