/* checks.c: what is wrong with a plan for its catalog and its site:
 * names the catalog lacks, alternatives chosen together, features whose
 * requirement is off, zones nobody defines (problems: the plan is kept
 * as it is and the approver told); addresses outside their zone's subnets
 * (errors: the change request would be wrong); two endpoints of one host
 * that listen on the same port (conflicts). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "plan/plan.h"
#include "resolve/internal.h"
#include "util/i18n.h"
#include "util/ipnet.h"
#include "util/netspec.h"
#include "util/pool.h"

static int
cmp_group_member(const void *a, const void *b)
{
	const struct catalog_feature *x = *(const struct catalog_feature *const *)a;
	const struct catalog_feature *y = *(const struct catalog_feature *const *)b;
	int c = strcmp(x->product, y->product);

	if (c == 0)
		c = strcmp(x->group, y->group);
	/* then catalog order: the pointers are into one array */
	return c != 0 ? c : (x < y ? -1 : x > y);
}

/* Alternatives: at most one feature of a group.  GROUPED holds the
 * selected features that belong to a group, in catalog order; every
 * pair of one group is reported, earlier feature first. */
static void
check_alternatives(struct resolution *r, const struct selection *sel)
{
	size_t n = sel->ngrouped;
	const struct catalog_feature **m = xcalloc(n ? n : 1, sizeof *m);

	for (size_t i = 0; i < n; i++)
		m[i] = &sel->snap->features.v[sel->grouped[i]];
	if (n > 1)
		qsort(m, n, sizeof *m, cmp_group_member);
	for (size_t i = 0; i < n; ) {
		size_t j = i + 1;

		while (j < n && strcmp(m[j]->product, m[i]->product) == 0 &&
		       strcmp(m[j]->group, m[i]->group) == 0)
			j++;
		for (size_t a = i; a < j; a++)
			for (size_t b = a + 1; b < j; b++)
				strlist_addf(&r->problems,
					     _("Features \"%s\" and \"%s\" of product \"%s\" are alternatives, but both are selected."),
					     m[a]->id, m[b]->id, m[a]->product);
		i = j;
	}
	free(m);
}

/* A feature the plan turns on while what it requires is off: it has no
 * effect, say so (the editor refuses it; a plan file may still hold it). */
static void
check_requirements(struct resolution *r, const struct selection *sel)
{
	const struct catalog_snapshot *s = sel->snap;

	for (size_t i = 0; i < sel->nunmet; i++) {
		const struct catalog_feature *f = &s->features.v[sel->unmet[i]];

		strlist_addf(&r->problems,
			     _("Feature \"%1$s\" of product \"%2$s\" needs %3$s, which is not on: it has no effect (turn on %3$s, or turn %1$s off)."),
			     f->id, f->product, f->requires != NULL ? f->requires : "?");
	}
}

/* Zones the plan gives subnets or firewalls but nobody defines. */
static void
check_site(struct resolution *r, const struct plan *p)
{
	for (size_t i = 0; i < p->nsubnets; i++)
		if ((i == 0 || strcmp(p->subnets[i - 1].zone, p->subnets[i].zone) != 0) &&
		    resolve_zone_rank(r, p, p->subnets[i].zone) == r->zones.n + p->nzones)
			strlist_addf(&r->problems,
				     _("The plan gives zone \"%s\" a subnet, but it is neither a catalog zone nor one the plan defines."),
				     p->subnets[i].zone);
	for (size_t i = 0; i < p->nfirewalls; i++)
		for (size_t k = 0; k < p->firewalls[i].zones.n; k++)
			if (resolve_zone_rank(r, p, p->firewalls[i].zones.v[k]) ==
			    r->zones.n + p->nzones)
				strlist_addf(&r->problems,
					     _("Firewall \"%1$s\" joins zone \"%2$s\", which is neither a catalog zone nor one the plan defines."),
					     p->firewalls[i].id, p->firewalls[i].zones.v[k]);
}

void
checks_plan(struct resolution *r, const struct plan *p, const struct selection *sel)
{
	for (size_t i = 0; i < sel->unknown_products.n; i++)
		strlist_addf(&r->problems,
			     _("The plan names product \"%s\", which the catalog does not have; it is kept but contributes no rules."),
			     sel->unknown_products.v[i]);
	for (size_t i = 0; i < sel->unknown_features.n; i++) {
		char *product = xstrdup(sel->unknown_features.v[i]);
		char *id = strchr(product, ':');

		if (id != NULL)
			*id++ = '\0';
		strlist_addf(&r->problems,
			     _("The plan selects feature \"%s\" of product \"%s\", which the catalog does not have; it is kept but has no effect."),
			     id != NULL ? id : "", product);
		free(product);
	}
	struct strset unknown;

	check_alternatives(r, sel);
	check_requirements(r, sel);
	check_site(r, p);
	/* a catalog zone keeps the catalog's label: a plan cannot relabel
	 * "public" as "internal" */
	for (size_t i = 0; i < p->nzones; i++) {
		const struct plan_zone *pz = &p->zones[i];
		long long k;

		if (strset_get(&r->zone_index, pz->id, &k))
			strlist_addf(&r->problems,
				     _("The plan defines zone \"%1$s\" (\"%2$s\"), which is a catalog zone: the catalog's label \"%3$s\" is used and the plan's definition is ignored."),
				     pz->id, pz->label != NULL ? pz->label : "",
				     r->zones.v[k].label != NULL ? r->zones.v[k].label : pz->id);
	}
	strset_init(&unknown);
	for (size_t i = 0; i < sel->unknown_endpoints.n; i++)
		strset_add(&unknown, sel->unknown_endpoints.v[i]);
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *pe = &p->endpoints[i];

		if (strset_contains(&unknown, pe->id))
			strlist_addf(&r->problems,
				     _("The plan places endpoint \"%s\", which the catalog does not have; it is kept but has no effect."),
				     pe->id);
		if (i > 0 && strcmp(p->endpoints[i - 1].id, pe->id) == 0 &&
		    strset_contains(&unknown, pe->id))
			continue;	/* told once per endpoint */
		if (pe->zone != NULL &&
		    resolve_zone_rank(r, p, pe->zone) == r->zones.n + p->nzones)
			strlist_addf(&r->problems,
				     _("Endpoint \"%s\" is placed in zone \"%s\", which is neither a catalog zone nor one the plan defines."),
				     pe->id, pe->zone);
	}
	strset_fini(&unknown);
}

/* ---- the site: subnets and shared hosts ------------------------------ */

/* Calls FN for each address of a rule end's address text ("a, b"). */
static void
each_address(const char *text, void (*fn)(void *arg, const char *addr), void *arg)
{
	char *copy, *save = NULL;

	if (text == NULL)
		return;
	copy = xstrdup(text);
	for (char *a = strtok_r(copy, ", ", &save); a != NULL; a = strtok_r(NULL, ", ", &save))
		fn(arg, a);
	free(copy);
}

struct subnet_check {
	struct resolution *r;
	const struct plan *p;
	const struct rule_end *end;
	struct strset *told;
};

static void
check_one_address(void *arg, const char *addr)
{
	struct subnet_check *c = arg;
	struct ip_net n, net;
	size_t first, end;
	char *key;

	if (ip_net_parse(addr, &n) != IP_OK)
		return;		/* host names and "any": nothing to check */
	plan_zone_subnets(c->p, c->end->zone, &first, &end);
	if (first == end)
		return;		/* the zone has no subnets: anything goes */
	for (size_t i = first; i < end; i++)
		if (ip_net_parse(c->p->subnets[i].cidr, &net) == IP_OK && ip_net_contains(&net, &n))
			return;
	key = xasprintf("%s %s %s", c->end->ids, addr, c->end->zone);
	if (strset_add(c->told, key)) {
		struct sbuf nets;

		sbuf_init(&nets);
		for (size_t i = first; i < end; i++)
			sbuf_addf(&nets, "%s%s", i > first ? ", " : "", c->p->subnets[i].cidr);
		/* TRANSLATORS: %1$s is an endpoint, %2$s an address, %3$s a
		   zone, %4$s its subnets */
		strlist_addf(&c->r->errors,
			     _("Endpoint \"%1$s\" has address %2$s, which is outside every subnet of its zone \"%3$s\" (%4$s): give it an address of the zone, or place it in the zone the address belongs to."),
			     c->end->ids, addr, c->end->zone, sbuf_str(&nets));
		sbuf_fini(&nets);
	}
	free(key);
}

/* A port some endpoint listens on at one address. */
struct listener {
	const char *addr;	/* pool copy */
	int proto;
	unsigned lo, hi;
	const struct rule *rule;
};

static int
cmp_listener(const void *a, const void *b)
{
	const struct listener *x = a, *y = b;
	int c = strcmp(x->addr, y->addr);

	if (c != 0)
		return c;
	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

struct listen_collect {
	struct resolution *r;
	const struct rule *rule;
	struct listener **v;
	size_t *n, *cap;
};

static void
add_listener(void *arg, const char *addr)
{
	struct listen_collect *c = arg;
	struct port_range *ranges = NULL;
	size_t nr = 0;
	char msg[64];

	if (strcmp(addr, "any") == 0 || c->rule->ports == NULL ||
	    ports_parse(c->rule->ports, &ranges, &nr, msg, sizeof msg) != 0)
		return;
	for (size_t i = 0; i < nr; i++) {
		if (*c->n == *c->cap) {
			*c->cap = *c->cap ? 2 * *c->cap : 64;
			*c->v = xreallocarray(*c->v, *c->cap, sizeof **c->v);
		}
		(*c->v)[*c->n].addr = pool_strdup(c->r->pool, addr);
		(*c->v)[*c->n].proto = c->rule->proto;
		(*c->v)[*c->n].lo = ranges[i].lo;
		(*c->v)[*c->n].hi = ranges[i].hi;
		(*c->v)[(*c->n)++].rule = c->rule;
	}
	free(ranges);
}

/* The products and flows behind a rule, "BEMS (bems/connect-8082)". */
static void
describe_origins(struct sbuf *b, const struct resolution *r, const struct rule *rule)
{
	for (size_t k = 0; k < rule->norigins; k++) {
		const struct catalog_flow *f = rule->origins[k];

		sbuf_addf(b, "%s%s (%s/%s)", k ? ", " : "",
			  resolution_product_label(r, f->product), f->product, f->id);
	}
}

/* Two different endpoints at one address listening on the same protocol
 * and port: one of them cannot run there. */
static void
check_conflicts(struct resolution *r)
{
	struct listener *v = NULL;
	size_t n = 0, cap = 0;
	struct strset told;

	for (size_t i = 0; i < r->nrules; i++) {
		struct listen_collect c = { r, &r->rules[i], &v, &n, &cap };

		if (r->rules[i].dst.given)
			each_address(r->rules[i].dst.address, add_listener, &c);
	}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_listener);
	strset_init(&told);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n && strcmp(v[j].addr, v[i].addr) == 0 &&
		     v[j].proto == v[i].proto && v[j].lo <= v[i].hi; j++) {
			const struct rule *a = v[i].rule, *b = v[j].rule;
			unsigned port = v[j].lo;
			char pn[8], *key;
			struct sbuf fa, fb;

			if (strcmp(a->dst.id, b->dst.id) == 0)
				continue;	/* one endpoint, one service */
			key = xasprintf("%s %d %s %s", v[i].addr, v[i].proto,
					strcmp(a->dst.id, b->dst.id) < 0 ? a->dst.id : b->dst.id,
					strcmp(a->dst.id, b->dst.id) < 0 ? b->dst.id : a->dst.id);
			if (!strset_add(&told, key)) {
				free(key);
				continue;
			}
			free(key);
			sbuf_init(&fa);
			sbuf_init(&fb);
			describe_origins(&fa, r, a);
			describe_origins(&fb, r, b);
			/* TRANSLATORS: %1$s is an address, %2$s/%3$u protocol and
			   port, then two endpoints with their rules and flows */
			strlist_addf(&r->conflicts,
				     _("Port conflict on host %1$s: %2$s/%3$u is needed by %4$s (%5$s, rule %6$s: %7$s) and by %8$s (%9$s, rule %10$s: %11$s); both cannot listen there: give them different hosts, or change one service's port."),
				     v[i].addr, proto_name(v[i].proto, pn), port,
				     a->dst.label, a->dst.id, a->id, sbuf_str(&fa),
				     b->dst.label, b->dst.id, b->id, sbuf_str(&fb));
			sbuf_fini(&fa);
			sbuf_fini(&fb);
		}
	}
	strset_fini(&told);
	free(v);
}

void
checks_hosts(struct resolution *r, const struct plan *p)
{
	struct strset told;

	strset_init(&told);
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rule_end *ends[2] = { &r->rules[i].src, &r->rules[i].dst };

		for (int k = 0; k < 2; k++) {
			struct subnet_check c = { r, p, ends[k], &told };

			if (ends[k]->given)
				each_address(ends[k]->address, check_one_address, &c);
		}
	}
	strset_fini(&told);
	check_conflicts(r);
}
