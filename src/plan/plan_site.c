/* plan_site.c: what a plan says about the site beyond its products:
 * the subnets of zones, the firewalls, the options, and the record of the
 * rule ids it handed out with each rule's lifecycle. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/internal.h"
#include "plan/plan.h"
#include "util/i18n.h"
#include "util/ipnet.h"
#include "util/search.h"

/* ---- subnets ---------------------------------------------------------- */

struct subnet_key {
	const char *zone, *cidr;
};

static int
subnet_cmp(const void *key, const void *item)
{
	const struct subnet_key *k = key;
	const struct plan_subnet *s = item;
	int c = strcmp(k->zone, s->zone);

	return c != 0 ? c : (k->cidr != NULL ? strcmp(k->cidr, s->cidr) : -1);
}

char *
plan_subnet_canon(const char *cidr, struct pp_error *err)
{
	struct ip_net n;
	char canon[IP_NET_TEXT];

	switch (ip_net_parse(cidr, &n)) {
	case IP_OK:
		break;
	case IP_HOST_BITS:
		error_set(err, NULL, 0,
			  _("\"%1$s\" has host bits set: a network is written with them zero (did you mean %2$s?)"),
			  cidr, ip_net_format(&n, canon));
		return NULL;
	case IP_INVALID:
		error_set(err, NULL, 0,
			  _("\"%s\" is not a network (write it as a CIDR range: 192.0.2.0/24, 2001:db8::/32)"),
			  cidr != NULL ? cidr : "");
		return NULL;
	}
	if (strchr(cidr, '/') == NULL) {
		error_set(err, NULL, 0,
			  _("\"%s\" is not a network (write it as a CIDR range: 192.0.2.0/24, 2001:db8::/32)"),
			  cidr);
		return NULL;
	}
	/* canonical, with the prefix even for a host network */
	ip_net_format(&n, canon);
	if (ip_net_is_host(&n))
		snprintf(canon + strlen(canon), sizeof canon - strlen(canon), "/%u", n.prefix);
	return xstrdup(canon);
}

int
plan_add_subnet(struct plan *p, const char *zone, const char *cidr, struct pp_error *err)
{
	char *canon = plan_subnet_canon(cidr, err);
	struct subnet_key k;
	size_t i;

	if (canon == NULL)
		return -1;
	k.zone = zone;
	k.cidr = canon;
	i = search_lower_bound(&k, p->subnets, p->nsubnets, sizeof *p->subnets, subnet_cmp);
	if (i < p->nsubnets && subnet_cmp(&k, &p->subnets[i]) == 0) {
		free(canon);
		return 0;
	}
	p->subnets = xreallocarray(p->subnets, p->nsubnets + 1, sizeof *p->subnets);
	memmove(&p->subnets[i + 1], &p->subnets[i], (p->nsubnets - i) * sizeof *p->subnets);
	p->subnets[i].zone = xstrdup(zone);
	p->subnets[i].cidr = canon;
	p->nsubnets++;
	return 0;
}

void
plan_remove_subnet(struct plan *p, const char *zone, const char *cidr)
{
	struct ip_net n;
	char canon[IP_NET_TEXT];
	struct subnet_key k;
	size_t i;

	if (ip_net_parse(cidr, &n) == IP_INVALID)
		return;
	ip_net_format(&n, canon);
	if (ip_net_is_host(&n))
		snprintf(canon + strlen(canon), sizeof canon - strlen(canon), "/%u", n.prefix);
	k.zone = zone;
	k.cidr = canon;
	i = search_lower_bound(&k, p->subnets, p->nsubnets, sizeof *p->subnets, subnet_cmp);
	if (i == p->nsubnets || subnet_cmp(&k, &p->subnets[i]) != 0)
		return;
	free(p->subnets[i].zone);
	free(p->subnets[i].cidr);
	memmove(&p->subnets[i], &p->subnets[i + 1], (p->nsubnets - i - 1) * sizeof *p->subnets);
	p->nsubnets--;
}

void
plan_zone_subnets(const struct plan *p, const char *zone, size_t *first, size_t *end)
{
	struct subnet_key k = { zone, NULL };

	*first = search_lower_bound(&k, p->subnets, p->nsubnets, sizeof *p->subnets,
				    subnet_cmp);
	for (*end = *first; *end < p->nsubnets && strcmp(p->subnets[*end].zone, zone) == 0;)
		(*end)++;
}

/* ---- firewalls -------------------------------------------------------- */

static int
firewall_cmp(const void *key, const void *item)
{
	return strcmp(key, ((const struct plan_firewall *)item)->id);
}

const struct plan_firewall *
plan_firewall(const struct plan *p, const char *id)
{
	size_t i = search_lower_bound(id, p->firewalls, p->nfirewalls, sizeof *p->firewalls,
				      firewall_cmp);

	return i < p->nfirewalls && strcmp(p->firewalls[i].id, id) == 0 ? &p->firewalls[i] : NULL;
}

void
plan_set_firewall(struct plan *p, const char *id, const struct strlist *zones)
{
	size_t i = search_lower_bound(id, p->firewalls, p->nfirewalls, sizeof *p->firewalls,
				      firewall_cmp);
	struct plan_firewall *f;

	if (i < p->nfirewalls && strcmp(p->firewalls[i].id, id) == 0) {
		f = &p->firewalls[i];
		strlist_fini(&f->zones);
	} else {
		p->firewalls = xreallocarray(p->firewalls, p->nfirewalls + 1, sizeof *p->firewalls);
		memmove(&p->firewalls[i + 1], &p->firewalls[i],
			(p->nfirewalls - i) * sizeof *p->firewalls);
		f = &p->firewalls[i];
		f->id = xstrdup(id);
		p->nfirewalls++;
	}
	strlist_init(&f->zones);
	for (size_t k = 0; k < zones->n; k++)
		strlist_add_unique(&f->zones, zones->v[k]);
}

void
plan_remove_firewall(struct plan *p, const char *id)
{
	size_t i = search_lower_bound(id, p->firewalls, p->nfirewalls, sizeof *p->firewalls,
				      firewall_cmp);

	if (i == p->nfirewalls || strcmp(p->firewalls[i].id, id) != 0)
		return;
	free(p->firewalls[i].id);
	strlist_fini(&p->firewalls[i].zones);
	memmove(&p->firewalls[i], &p->firewalls[i + 1],
		(p->nfirewalls - i - 1) * sizeof *p->firewalls);
	p->nfirewalls--;
}

/* ---- rule records ----------------------------------------------------- */

/* Ids compare by letter, then number ("R9" < "R10"). */
static int
rule_id_cmp(const char *a, const char *b)
{
	if (a[0] != b[0])
		return (unsigned char)a[0] - (unsigned char)b[0];
	{
		unsigned long x = strtoul(a + 1, NULL, 10), y = strtoul(b + 1, NULL, 10);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return strcmp(a, b);
}

static int
rule_cmp(const void *key, const void *item)
{
	return rule_id_cmp(key, ((const struct plan_rule *)item)->id);
}

const struct plan_rule *
plan_rule(const struct plan *p, const char *id)
{
	size_t i = search_lower_bound(id, p->rules, p->nrules, sizeof *p->rules, rule_cmp);

	return i < p->nrules && strcmp(p->rules[i].id, id) == 0 ? &p->rules[i] : NULL;
}

/* Rebuilds the key index (after the rules array moved). */
static void
index_keys(struct plan *p)
{
	strset_fini(&p->rule_keys);
	strset_init(&p->rule_keys);
	for (size_t i = 0; i < p->nrules; i++)
		strset_put(&p->rule_keys, p->rules[i].key, (long long)i);
}

const struct plan_rule *
plan_rule_by_key(const struct plan *p, const char *key)
{
	long long i;

	return strset_get(&p->rule_keys, key, &i) ? &p->rules[i] : NULL;
}

void
plan_record_rule(struct plan *p, const char *id, const char *key)
{
	size_t i = search_lower_bound(id, p->rules, p->nrules, sizeof *p->rules, rule_cmp);
	struct plan_rule *r;

	if ((i < p->nrules && strcmp(p->rules[i].id, id) == 0) ||
	    plan_rule_by_key(p, key) != NULL)
		return;
	p->rules = xreallocarray(p->rules, p->nrules + 1, sizeof *p->rules);
	memmove(&p->rules[i + 1], &p->rules[i], (p->nrules - i) * sizeof *p->rules);
	r = &p->rules[i];
	memset(r, 0, sizeof *r);
	r->id = xstrdup(id);
	r->key = xstrdup(key);
	p->nrules++;
	if (i + 1 == p->nrules)
		strset_put(&p->rule_keys, r->key, (long long)i);	/* appended */
	else
		index_keys(p);
}

unsigned
plan_rule_last(const struct plan *p, char letter)
{
	unsigned last = 0;

	for (size_t i = 0; i < p->nrules; i++)
		if (p->rules[i].id[0] == letter) {
			unsigned long n = strtoul(p->rules[i].id + 1, NULL, 10);

			if (n > last && n < 1000000)
				last = (unsigned)n;
		}
	return last;
}

static char **
rule_slot(struct plan_rule *r, enum plan_rule_field f)
{
	switch (f) {
	case PLAN_RULE_OWNER:
		return &r->owner;
	case PLAN_RULE_JUSTIFICATION:
		return &r->justification;
	case PLAN_RULE_EXPIRY:
		return &r->expiry;
	case PLAN_RULE_EXCLUDED:
		break;
	}
	return &r->excluded;
}

const char *
plan_rule_get(const struct plan_rule *r, enum plan_rule_field f)
{
	return *rule_slot((struct plan_rule *)r, f);
}

const char *
plan_rule_field_name(enum plan_rule_field f)
{
	static const char *const names[] = { "owner", "justification", "expiry", "excluded" };

	return names[f];
}

int
plan_rule_set_field(struct plan_rule *r, enum plan_rule_field field, const char *value,
		    struct pp_error *err)
{
	if (field == PLAN_RULE_EXPIRY && plan_meta_check(PLAN_META_EXPIRY, value, err) != 0)
		return -1;
	plan_set_meta(rule_slot(r, field), value);
	return 0;
}

int
plan_rule_set(struct plan *p, const char *id, enum plan_rule_field field,
	      const char *value, struct pp_error *err)
{
	struct plan_rule *r = (struct plan_rule *)plan_rule(p, id);

	if (r == NULL) {
		error_set(err, NULL, 0,
			  _("no rule \"%s\" in this plan (rule ids are in the change request; save the plan first to give new rules their ids)"),
			  id);
		return -1;
	}
	return plan_rule_set_field(r, field, value, err);
}

/* ---- the site part of the plan's life cycle -------------------------- */

void
plan_site_fini(struct plan *p)
{
	for (size_t i = 0; i < p->nsubnets; i++) {
		free(p->subnets[i].zone);
		free(p->subnets[i].cidr);
	}
	free(p->subnets);
	for (size_t i = 0; i < p->nfirewalls; i++) {
		free(p->firewalls[i].id);
		strlist_fini(&p->firewalls[i].zones);
	}
	free(p->firewalls);
	for (size_t i = 0; i < p->nrules; i++) {
		struct plan_rule *r = &p->rules[i];

		free(r->id);
		free(r->key);
		free(r->owner);
		free(r->justification);
		free(r->expiry);
		free(r->excluded);
	}
	free(p->rules);
	strset_fini(&p->rule_keys);
}

void
plan_site_copy(struct plan *d, const struct plan *s)
{
	d->subnets = xcalloc(s->nsubnets ? s->nsubnets : 1, sizeof *d->subnets);
	for (size_t i = 0; i < s->nsubnets; i++) {
		d->subnets[i].zone = xstrdup(s->subnets[i].zone);
		d->subnets[i].cidr = xstrdup(s->subnets[i].cidr);
	}
	d->nsubnets = s->nsubnets;
	d->firewalls = xcalloc(s->nfirewalls ? s->nfirewalls : 1, sizeof *d->firewalls);
	for (size_t i = 0; i < s->nfirewalls; i++) {
		d->firewalls[i].id = xstrdup(s->firewalls[i].id);
		strlist_init(&d->firewalls[i].zones);
		strlist_copy(&d->firewalls[i].zones, &s->firewalls[i].zones);
	}
	d->nfirewalls = s->nfirewalls;
	d->rules = xcalloc(s->nrules ? s->nrules : 1, sizeof *d->rules);
	for (size_t i = 0; i < s->nrules; i++) {
		const struct plan_rule *r = &s->rules[i];

		d->rules[i].id = xstrdup(r->id);
		d->rules[i].key = xstrdup(r->key);
		d->rules[i].owner = xstrdup(r->owner);
		d->rules[i].justification = xstrdup(r->justification);
		d->rules[i].expiry = xstrdup(r->expiry);
		d->rules[i].excluded = xstrdup(r->excluded);
	}
	d->nrules = s->nrules;
	index_keys(d);
	d->options = s->options;
}

static bool
eq(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

bool
plan_site_equal(const struct plan *a, const struct plan *b)
{
	if (a->nsubnets != b->nsubnets || a->nfirewalls != b->nfirewalls ||
	    a->nrules != b->nrules || a->options.group_ports != b->options.group_ports ||
	    a->options.tls_only != b->options.tls_only)
		return false;
	for (size_t i = 0; i < a->nsubnets; i++)
		if (!eq(a->subnets[i].zone, b->subnets[i].zone) ||
		    !eq(a->subnets[i].cidr, b->subnets[i].cidr))
			return false;
	for (size_t i = 0; i < a->nfirewalls; i++) {
		const struct strlist *x = &a->firewalls[i].zones, *y = &b->firewalls[i].zones;

		if (!eq(a->firewalls[i].id, b->firewalls[i].id) || x->n != y->n)
			return false;
		for (size_t k = 0; k < x->n; k++)
			if (strcmp(x->v[k], y->v[k]) != 0)
				return false;
	}
	for (size_t i = 0; i < a->nrules; i++) {
		const struct plan_rule *x = &a->rules[i], *y = &b->rules[i];

		if (!eq(x->id, y->id) || !eq(x->key, y->key) || !eq(x->owner, y->owner) ||
		    !eq(x->justification, y->justification) || !eq(x->expiry, y->expiry) ||
		    !eq(x->excluded, y->excluded))
			return false;
	}
	return true;
}

/* ---- the site part of plan_sort --------------------------------------- */

static int
cmp_subnet(const void *a, const void *b)
{
	const struct plan_subnet *x = a;
	struct subnet_key k = { x->zone, x->cidr };

	return subnet_cmp(&k, b);
}

static int
cmp_firewall(const void *a, const void *b)
{
	return strcmp(((const struct plan_firewall *)a)->id, ((const struct plan_firewall *)b)->id);
}

static int
cmp_rule(const void *a, const void *b)
{
	return rule_id_cmp(((const struct plan_rule *)a)->id, ((const struct plan_rule *)b)->id);
}

void
plan_site_sort(struct plan *p)
{
	size_t j = 0;

	if (p->nsubnets > 1)
		qsort(p->subnets, p->nsubnets, sizeof *p->subnets, cmp_subnet);
	for (size_t i = 0; i < p->nsubnets; i++) {
		if (j > 0 && cmp_subnet(&p->subnets[j - 1], &p->subnets[i]) == 0) {
			free(p->subnets[i].zone);
			free(p->subnets[i].cidr);
		} else
			p->subnets[j++] = p->subnets[i];
	}
	p->nsubnets = j;
	if (p->nfirewalls > 1)
		qsort(p->firewalls, p->nfirewalls, sizeof *p->firewalls, cmp_firewall);
	if (p->nrules > 1)
		qsort(p->rules, p->nrules, sizeof *p->rules, cmp_rule);
	index_keys(p);
}
