/* hosts.c: the addresses of rules' ends, and the rules that become one
 * because their ends are one host: identical openings between the same
 * addresses (across endpoints and products), and, with the plan's
 * group-ports option, every port of one source, destination and
 * protocol. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "resolve/internal.h"
#include "util/netspec.h"
#include "util/pool.h"

/* Whether WORD is one of the space-separated names in LIST. */
static bool
in_list(const char *list, const char *word, size_t n)
{
	for (const char *p = list; p != NULL && *p != '\0'; ) {
		size_t len = strcspn(p, " ");

		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p += len;
		p += strspn(p, " ");
	}
	return false;
}

/* The entry of the interface FLOW uses at endpoint ID: the preferred one
 * first, then the others in the order listed, the first the plan gives
 * addresses (scoped before unscoped).  NULL when none. */
static const struct plan_endpoint *
iface_entry(const struct plan *p, const struct catalog_flow *flow, const char *id,
	    const char *scope)
{
	const char *list = flow->interfaces;
	char name[64];

	if (list == NULL)
		return NULL;
	for (int pass = 0; pass < 2; pass++) {
		for (const char *q = pass == 0 && flow->preferred != NULL ? flow->preferred : list;
		     *q != '\0'; ) {
			size_t len = strcspn(q, " ");
			const struct plan_endpoint *e;

			if (len < sizeof name && (pass == 1 || in_list(list, q, len))) {
				memcpy(name, q, len);
				name[len] = '\0';
				e = scope != NULL ? plan_endpoint_at(p, scope, id, name) : NULL;
				if (e == NULL || plan_endpoint_is_empty(e))
					e = plan_endpoint_at(p, NULL, id, name);
				if (e != NULL && !plan_endpoint_is_empty(e))
					return e;
			}
			if (pass == 0)
				break;	/* the preferred one only */
			q += len;
			q += strspn(q, " ");
		}
	}
	return NULL;
}

static bool
has_address(const struct plan_endpoint *e)
{
	return e != NULL && (e->addresses.n > 0 || e->hostnames.n > 0);
}

void
hosts_address(struct resolution *r, const struct plan *p, const struct catalog_flow *flow,
	      const char *id, const char *scope, const struct catalog_endpoint *ce,
	      struct rule_end *e)
{
	const struct plan_endpoint *pe = NULL, *ie;
	char *text;

	e->iface = NULL;
	e->given = e->any = e->fqdn = false;
	ie = iface_entry(p, flow, id, scope);
	if (ie != NULL) {
		pe = ie;
		e->iface = ie->iface;
	} else {
		if (scope != NULL)
			pe = plan_endpoint_at(p, scope, id, NULL);
		if (!has_address(pe))
			pe = plan_endpoint_at(p, NULL, id, NULL);
	}
	if (!has_address(pe)) {
		e->address = ce != NULL ? ce->fqdn : NULL;
		e->fqdn = e->address != NULL;
		return;
	}
	text = plan_address_text(pe);
	e->address = pool_strdup(r->pool, text);
	free(text);
	e->given = true;
	e->any = strlist_contains(&pe->addresses, "any");
	e->fqdn = pe->hostnames.n > 0;
}

/* ---- one host, one rule ----------------------------------------------- */

/* TO with FROM's items (separated by SEP) it lacks appended; in R's pool. */
static const char *
join_once(struct resolution *r, const char *to, const char *from, const char *sep)
{
	size_t ls = strlen(sep);
	struct sbuf b;
	const char *s;

	sbuf_init(&b);
	sbuf_add(&b, to);
	for (const char *q = from; *q != '\0'; ) {
		const char *end = strstr(q, sep);
		size_t n = end != NULL ? (size_t)(end - q) : strlen(q);
		bool have = false;

		for (const char *t = to; !have && *t != '\0'; ) {
			const char *te = strstr(t, sep);
			size_t tn = te != NULL ? (size_t)(te - t) : strlen(t);

			have = tn == n && strncmp(t, q, n) == 0;
			t += tn;
			if (te != NULL)
				t += ls;
		}
		if (!have) {
			sbuf_add(&b, sep);
			sbuf_addn(&b, q, n);
		}
		q += n;
		if (end != NULL)
			q += ls;
	}
	s = pool_strdup(r->pool, sbuf_str(&b));
	sbuf_fini(&b);
	return s;
}

/* Folds rule B into rule A: B's origins and, where B's ends are other
 * endpoints of the same host, their ids and labels. */
static void
fold(struct resolution *r, struct rule *a, const struct rule *b)
{
	const struct catalog_flow **o = pool_alloc(r->pool, (a->norigins + b->norigins) *
						   sizeof *o);

	memcpy(o, a->origins, a->norigins * sizeof *o);
	memcpy(o + a->norigins, b->origins, b->norigins * sizeof *o);
	a->origins = o;
	a->norigins += b->norigins;
	a->required |= b->required;
	a->inferred |= b->inferred;
	if (strcmp(a->src.ids, b->src.ids) != 0) {
		a->src.ids = join_once(r, a->src.ids, b->src.ids, ", ");
		a->src.label = join_once(r, a->src.label, b->src.label, " + ");
	}
	if (strcmp(a->dst.ids, b->dst.ids) != 0) {
		a->dst.ids = join_once(r, a->dst.ids, b->dst.ids, ", ");
		a->dst.label = join_once(r, a->dst.label, b->dst.label, " + ");
	}
}

/* Drops the rules marked in GONE, keeping the others' order. */
static void
compact(struct resolution *r, const unsigned char *gone)
{
	size_t j = 0;

	for (size_t i = 0; i < r->nrules; i++)
		if (!gone[i])
			r->rules[j++] = r->rules[i];
	for (int s = 0; s < 3; s++)
		r->count[s] = 0;
	r->nrules = j;
	for (size_t i = 0; i < r->nrules; i++)
		r->count[r->rules[i].section]++;
}

void
hosts_merge(struct resolution *r)
{
	struct strset seen;
	unsigned char *gone = xcalloc(r->nrules ? r->nrules : 1, 1);
	bool any = false;

	strset_init(&seen);
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rule *x = &r->rules[i];
		char *key;
		long long first;

		/* the same addresses at both ends, given by the plan */
		if (!x->src.given || !x->dst.given)
			continue;
		key = xasprintf("%d|%s|%s|%s|%s|%d|%s", (int)x->section, x->src.zone, x->dst.zone,
				x->src.address, x->dst.address, x->proto,
				x->ports != NULL ? x->ports : "-");
		if (strset_get(&seen, key, &first)) {
			fold(r, &r->rules[first], x);
			gone[i] = 1;
			any = true;
		} else
			strset_put(&seen, key, (long long)i);
		free(key);
	}
	if (any)
		compact(r, gone);
	strset_fini(&seen);
	free(gone);
}

/* ---- one rule per source, destination and protocol -------------------- */

static bool
same_end(const struct rule_end *a, const struct rule_end *b)
{
	return strcmp(a->ids, b->ids) == 0 && strcmp(a->zone, b->zone) == 0 &&
	       (a->scope == b->scope || (a->scope != NULL && b->scope != NULL &&
					 strcmp(a->scope, b->scope) == 0)) &&
	       (a->iface == b->iface || (a->iface != NULL && b->iface != NULL &&
					 strcmp(a->iface, b->iface) == 0));
}

static int
cmp_range(const void *a, const void *b)
{
	const struct port_range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The union of the port lists of RULES[0..N), canonical, in R's pool. */
static const char *
union_ports(struct resolution *r, const struct rule *rules, size_t n)
{
	struct port_range *all = NULL;
	size_t nall = 0, m = 0;
	char msg[64], *text;
	const char *s;

	for (size_t i = 0; i < n; i++) {
		struct port_range *v = NULL;
		size_t nv = 0;

		if (ports_parse(rules[i].ports, &v, &nv, msg, sizeof msg) != 0)
			continue;
		all = xreallocarray(all, nall + nv, sizeof *all);
		memcpy(all + nall, v, nv * sizeof *v);
		nall += nv;
		free(v);
	}
	qsort(all, nall, sizeof *all, cmp_range);
	for (size_t i = 0; i < nall; i++) {
		if (m > 0 && all[i].lo <= all[m - 1].hi + 1) {
			if (all[i].hi > all[m - 1].hi)
				all[m - 1].hi = all[i].hi;
		} else
			all[m++] = all[i];
	}
	text = ports_format(all, m);
	s = pool_strdup(r->pool, text);
	free(text);
	free(all);
	return s;
}

void
hosts_group_ports(struct resolution *r)
{
	unsigned char *gone = xcalloc(r->nrules ? r->nrules : 1, 1);
	bool any = false;

	for (size_t i = 0; i < r->nrules; ) {
		struct rule *a = &r->rules[i];
		size_t j = i + 1;

		while (j < r->nrules && proto_has_ports(a->proto) &&
		       r->rules[j].section == a->section && r->rules[j].proto == a->proto &&
		       same_end(&r->rules[j].src, &a->src) && same_end(&r->rules[j].dst, &a->dst))
			j++;
		if (j > i + 1) {
			const char *ports = union_ports(r, &r->rules[i], j - i);

			for (size_t k = i + 1; k < j; k++) {
				fold(r, a, &r->rules[k]);
				gone[k] = 1;
			}
			a->ports = ports;
			any = true;
		}
		i = j;
	}
	if (any)
		compact(r, gone);
	free(gone);
}
