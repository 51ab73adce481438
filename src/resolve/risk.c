/* risk.c: what an approver should weigh in each firewall rule, with a
 * severity and a short reason: an opening from or to any address, a range
 * wider than 100 ports, a plaintext protocol where the document offers a
 * TLS port, the internet. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "resolve/internal.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/pool.h"

#define RISK_WIDE 100	/* ports in a range an approver looks at twice */

/* The number of ports of PORTS ("1024-65535" is 64512). */
static unsigned long
port_count(const char *ports)
{
	struct port_range *v = NULL;
	size_t n = 0;
	unsigned long count = 0;
	char msg[64];

	if (ports == NULL || ports_parse(ports, &v, &n, msg, sizeof msg) != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		count += v[i].hi - v[i].lo + 1;
	free(v);
	return count;
}

static int
cmp_flag(const void *a, const void *b)
{
	const struct rule_flag *x = a, *y = b;

	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return strcmp(x->code, y->code);
}

static void
add(struct rule_flag *v, size_t *n, enum rule_flag_severity sev, const char *code,
    const char *text)
{
	v[*n].severity = sev;
	v[*n].code = code;
	v[(*n)++].text = text;
}

/* The TLS twin's ports of an origin of RULE that has one ("" when the
 * twin has none), or NULL. */
static const char *
plaintext_twin(const struct resolution *r, const struct rule *rule)
{
	for (size_t k = 0; k < rule->norigins; k++) {
		const struct catalog_flow *f = rule->origins[k];
		uint32_t t;

		if (f->tls_twin == NULL)
			continue;
		t = catalog_flow_index(r->snap, f->product, f->tls_twin);
		return t != CATALOG_NONE && r->snap->flows.v[t].ports != NULL ?
			r->snap->flows.v[t].ports : "";
	}
	return NULL;
}

void
risk_flag(struct resolution *r)
{
	for (size_t i = 0; i < r->nrules; i++) {
		struct rule *rule = &r->rules[i];
		struct rule_flag v[6];
		size_t n = 0;
		unsigned long count;
		const char *twin;

		if (rule->section != RULE_FIREWALL)
			continue;
		if (rule->src.any)
			add(v, &n, FLAG_HIGH, "any", _("opens from any address"));
		if (rule->dst.any)
			add(v, &n, FLAG_HIGH, "any", _("opens to any address"));
		count = port_count(rule->ports);
		if (count > RISK_WIDE)
			add(v, &n, count > 1000 ? FLAG_HIGH : FLAG_WARN, "range",
			    pool_printf(r->pool, P_("%lu port, a range wider than 100",
						    "%lu ports, a range wider than 100", count), count));
		twin = plaintext_twin(r, rule);
		if (twin != NULL)
			add(v, &n, FLAG_WARN, "plaintext", *twin != '\0' ?
			    pool_printf(r->pool, _("plaintext, while the document offers TLS on %s"), twin) :
			    _("plaintext, while the document offers a TLS port"));
		if (strcmp(rule->src.zone, "public") == 0)
			add(v, &n, FLAG_WARN, "internet", _("from the internet"));
		else if (strcmp(rule->dst.zone, "public") == 0)
			add(v, &n, FLAG_INFO, "internet", _("to the internet"));
		if (n == 0)
			continue;
		qsort(v, n, sizeof *v, cmp_flag);
		rule->flags = pool_alloc(r->pool, n * sizeof *v);
		memcpy((void *)rule->flags, v, n * sizeof *v);
		rule->nflags = n;
	}
}
