/* edit_site.c: the editor's rules for what a plan says about the site:
 * placements and addresses per product and interface, subnets, firewalls,
 * options, the rules' own lifecycle, and what features require (see
 * edit.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "plan/edit.h"
#include "util/i18n.h"
#include "util/ipnet.h"
#include "util/netspec.h"

static int
unknown_endpoint(const char *endpoint, struct pp_error *err)
{
	error_set(err, NULL, 0, _("unknown endpoint \"%s\" (see: portplan list endpoints)"),
		  endpoint);
	return -1;
}

/* Whether PRODUCT's flows use endpoint E (snapshot indexes). */
static bool
product_uses(const struct editor *ed, uint32_t product, uint32_t e)
{
	const struct catalog_snapshot *s;
	struct pp_error err;

	if (ed->snap->ep_product[e] == product)
		return true;
	s = catalog_snapshot(ed->cat, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, &err);
	if (s == NULL)
		return true;	/* cannot tell: let the resolver judge */
	for (size_t k = s->flow_first[product]; k < s->flow_first[product + 1]; k++)
		if (s->flow_src[k] == e || s->flow_dst[k] == e)
			return true;
	return false;
}

/* Checks ENDPOINT and, when not NULL, PRODUCT (known, and using it). */
static int
check_names(const struct editor *ed, const char *product, const char *endpoint,
	    struct pp_error *err)
{
	uint32_t e = catalog_endpoint_index(ed->snap, endpoint), p;

	if (e == CATALOG_NONE)
		return unknown_endpoint(endpoint, err);
	if (product == NULL)
		return 0;
	p = catalog_product_index(ed->snap, product);
	if (p == CATALOG_NONE) {
		error_set(err, NULL, 0,
			  _("%1$s:%2$s: unknown product \"%1$s\" (see: portplan list products)"),
			  product, endpoint);
		return -1;
	}
	if (!product_uses(ed, p, e)) {
		error_set(err, NULL, 0,
			  _("%1$s:%2$s: product \"%1$s\" has no flow to or from endpoint \"%2$s\" (see: portplan list endpoints --product %1$s)"),
			  product, endpoint);
		return -1;
	}
	return 0;
}

int
edit_place_at(struct editor *ed, const char *product, const char *endpoint,
	      const char *zone, bool *changed, struct pp_error *err)
{
	const struct plan_endpoint *pe;

	if (product == NULL)
		return edit_place(ed, endpoint, zone, changed, err);
	if (changed != NULL)
		*changed = false;
	if (check_names(ed, product, endpoint, err) != 0)
		return -1;
	if (!edit_zone_known(ed, zone)) {
		error_set(err, NULL, 0,
			  _("unknown zone \"%s\" (catalog zones: see portplan list zones; define your own with --zone %s=LABEL)"),
			  zone, zone);
		return -1;
	}
	pe = plan_endpoint_at(ed->plan, product, endpoint, NULL);
	if (pe != NULL && pe->zone != NULL && strcmp(pe->zone, zone) == 0)
		return 0;
	plan_place_at(ed->plan, product, endpoint, zone);
	if (changed != NULL)
		*changed = true;
	return 0;
}

int
edit_unplace(struct editor *ed, const char *product, const char *endpoint, bool *changed,
	     struct pp_error *err)
{
	const struct plan_endpoint *pe;

	if (changed != NULL)
		*changed = false;
	if (check_names(ed, product, endpoint, err) != 0)
		return -1;
	pe = plan_endpoint_at(ed->plan, product, endpoint, NULL);
	if (pe == NULL || pe->zone == NULL)
		return 0;
	plan_place_at(ed->plan, product, endpoint, NULL);
	if (changed != NULL)
		*changed = true;
	return 0;
}

void
edit_endpoint_interfaces(const struct editor *ed, const char *endpoint, struct strlist *out)
{
	const struct catalog_snapshot *s;
	struct pp_error err;
	uint32_t e = catalog_endpoint_index(ed->snap, endpoint);

	s = catalog_snapshot(ed->cat, CATALOG_PART_LISTS | CATALOG_PART_FLOWS, &err);
	if (s == NULL || e == CATALOG_NONE)
		return;
	for (size_t k = 0; k < s->flows.n; k++) {
		char *copy, *save = NULL;

		if (s->flows.v[k].interfaces == NULL || (s->flow_src[k] != e && s->flow_dst[k] != e))
			continue;
		copy = xstrdup(s->flows.v[k].interfaces);
		for (char *i = strtok_r(copy, " ", &save); i != NULL; i = strtok_r(NULL, " ", &save))
			strlist_add_unique(out, i);
		free(copy);
	}
}

static int
check_iface(const struct editor *ed, const char *endpoint, const char *iface,
	    struct pp_error *err)
{
	struct strlist l;
	char *names;
	int rc = 0;

	if (iface == NULL)
		return 0;
	strlist_init(&l);
	edit_endpoint_interfaces(ed, endpoint, &l);
	if (!strlist_contains(&l, iface)) {
		names = strlist_join(&l, ", ");
		if (l.n == 0)
			error_set(err, NULL, 0,
				  _("%1$s/%2$s: no flow of endpoint \"%1$s\" names an interface"),
				  endpoint, iface);
		else
			error_set(err, NULL, 0,
				  _("%1$s/%2$s: endpoint \"%1$s\" has no interface \"%2$s\" (its flows name: %3$s)"),
				  endpoint, iface, names);
		free(names);
		rc = -1;
	}
	strlist_fini(&l);
	return rc;
}

/* ADDR must lie in a subnet of ZONE when the zone has any. */
static int
check_subnet(const struct editor *ed, const char *endpoint, const char *zone, const char *addr,
	     struct pp_error *err)
{
	struct ip_net n, net;
	size_t first, end;
	struct sbuf nets;

	if (zone == NULL || ip_net_parse(addr, &n) != IP_OK)
		return 0;	/* host names and "any" */
	plan_zone_subnets(ed->plan, zone, &first, &end);
	if (first == end)
		return 0;
	for (size_t i = first; i < end; i++)
		if (ip_net_parse(ed->plan->subnets[i].cidr, &net) == IP_OK && ip_net_contains(&net, &n))
			return 0;
	sbuf_init(&nets);
	for (size_t i = first; i < end; i++)
		sbuf_addf(&nets, "%s%s", i > first ? ", " : "", ed->plan->subnets[i].cidr);
	error_set(err, NULL, 0,
		  _("Endpoint \"%1$s\" has address %2$s, which is outside every subnet of its zone \"%3$s\" (%4$s): give it an address of the zone, or place it in the zone the address belongs to."),
		  endpoint, addr, zone, sbuf_str(&nets));
	sbuf_fini(&nets);
	return -1;
}

int
edit_add_address_at(struct editor *ed, const char *product, const char *endpoint,
		    const char *iface, const char *addr, struct pp_error *err)
{
	if (check_names(ed, product, endpoint, err) != 0 ||
	    check_iface(ed, endpoint, iface, err) != 0 || plan_check_address(addr, err) != 0 ||
	    check_subnet(ed, endpoint, edit_endpoint_zone_for(ed, product, endpoint), addr,
			 err) != 0)
		return -1;
	return plan_add_address_at(ed->plan, product, endpoint, iface, addr, err);
}

int
edit_remove_address_at(struct editor *ed, const char *product, const char *endpoint,
		       const char *iface, const char *addr, struct pp_error *err)
{
	if (check_names(ed, product, endpoint, err) != 0 ||
	    check_iface(ed, endpoint, iface, err) != 0)
		return -1;
	plan_remove_address_at(ed->plan, product, endpoint, iface, addr);
	return 0;
}

/* ---- subnets, firewalls, options -------------------------------------- */

static int
check_zone(const struct editor *ed, const char *zone, struct pp_error *err)
{
	if (edit_zone_known(ed, zone))
		return 0;
	error_set(err, NULL, 0,
		  _("unknown zone \"%s\" (catalog zones: see portplan list zones; define your own with --zone %s=LABEL)"),
		  zone, zone);
	return -1;
}

int
edit_add_subnet(struct editor *ed, const char *zone, const char *cidr, struct pp_error *err)
{
	if (check_zone(ed, zone, err) != 0)
		return -1;
	return plan_add_subnet(ed->plan, zone, cidr, err);
}

int
edit_remove_subnet(struct editor *ed, const char *zone, const char *cidr,
		   struct pp_error *err)
{
	if (check_zone(ed, zone, err) != 0)
		return -1;
	plan_remove_subnet(ed->plan, zone, cidr);
	return 0;
}

int
edit_set_firewall(struct editor *ed, const char *id, const char *zones, struct pp_error *err)
{
	struct strlist l;
	char *copy, *save = NULL;
	int rc = -1;

	if (id == NULL || !id_valid(id)) {
		error_set(err, NULL, 0,
			  _("invalid firewall id \"%s\" (lower-case letters, digits, '-', '_' and '.', starting with a letter)"),
			  id != NULL ? id : "");
		return -1;
	}
	strlist_init(&l);
	copy = xstrdup(zones != NULL ? zones : "");
	for (char *z = strtok_r(copy, ", ", &save); z != NULL; z = strtok_r(NULL, ", ", &save)) {
		if (check_zone(ed, z, err) != 0)
			goto out;
		if (strlist_contains(&l, z)) {
			error_set(err, NULL, 0, _("firewall \"%1$s\": zone \"%2$s\" is given twice"),
				  id, z);
			goto out;
		}
		strlist_add(&l, z);
	}
	if (l.n < 2) {
		error_set(err, NULL, 0,
			  _("firewall \"%s\": a firewall joins at least two zones (--firewall %s=ZONE,ZONE)"),
			  id, id);
		goto out;
	}
	plan_set_firewall(ed->plan, id, &l);
	rc = 0;
out:
	free(copy);
	strlist_fini(&l);
	return rc;
}

int
edit_remove_firewall(struct editor *ed, const char *id, struct pp_error *err)
{
	if (plan_firewall(ed->plan, id) == NULL) {
		error_set(err, NULL, 0, _("the plan has no firewall \"%s\""), id);
		return -1;
	}
	plan_remove_firewall(ed->plan, id);
	return 0;
}

void
edit_set_option(struct editor *ed, enum edit_option option, bool on)
{
	if (option == EDIT_OPTION_GROUP_PORTS)
		ed->plan->options.group_ports = on;
	else
		ed->plan->options.tls_only = on;
}

int
edit_rule_set(struct editor *ed, const char *id, enum plan_rule_field field,
	      const char *value, struct pp_error *err)
{
	return plan_rule_set(ed->plan, id, field, value, err);
}

/* ---- requirements ----------------------------------------------------- */

char *
edit_missing_requirements(const struct editor *ed, const char *product, const char *id)
{
	uint32_t f = catalog_feature_index(ed->snap, product, id);
	struct sbuf b;

	if (f == CATALOG_NONE)
		return NULL;
	sbuf_init(&b);
	for (size_t k = ed->snap->req_first[f]; k < ed->snap->req_first[f + 1]; k++) {
		const struct catalog_feature *r = &ed->snap->features.v[ed->snap->req[k]];

		if (!plan_has_feature(ed->plan, r->product, r->id))
			sbuf_addf(&b, "%s%s", b.len ? ", " : "", r->id);
	}
	if (b.len == 0) {
		sbuf_fini(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

int
edit_check_requirements(const struct editor *ed, struct pp_error *err)
{
	const struct plan *p = ed->plan;

	for (size_t i = 0; i < p->nfeatures; i++) {
		const struct plan_feature *f = &p->features[i];
		char *missing, *first;

		if (!plan_has_product(p, f->product))
			continue;
		missing = edit_missing_requirements(ed, f->product, f->id);
		if (missing == NULL)
			continue;
		/* TRANSLATORS: %1$s/%2$s product and feature, %3$s what it
		   needs ("docs"), %4$s the first of it */
		first = xstrndup(missing, strcspn(missing, ","));
		error_set(err, NULL, 0,
			  _("feature \"%2$s\" of product \"%1$s\" needs %3$s, which is off: it would have no effect (turn it on with --feature %1$s:%4$s, or leave %2$s off)"),
			  f->product, f->id, missing, first);
		free(first);
		free(missing);
		return -1;
	}
	return 0;
}
