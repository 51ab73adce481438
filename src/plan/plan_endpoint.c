/* plan_endpoint.c: what a plan says about endpoints: placement and
 * addresses, for every product or one, for the endpoint or one of its
 * interfaces. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan/internal.h"
#include "plan/plan.h"
#include "util/i18n.h"
#include "util/ipnet.h"
#include "util/netspec.h"
#include "util/search.h"

/* NULL sorts first. */
static int
cmp_opt(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

struct ep_key {
	const char *id, *product, *iface;
};

static int
ep_key_cmp(const void *key, const void *item)
{
	const struct ep_key *k = key;
	const struct plan_endpoint *e = item;
	int c = strcmp(k->id, e->id);

	if (c == 0)
		c = cmp_opt(k->product, e->product);
	if (c == 0)
		c = cmp_opt(k->iface, e->iface);
	return c;
}

int
plan_endpoint_cmp(const struct plan_endpoint *a, const struct plan_endpoint *b)
{
	struct ep_key k = { a->id, a->product, a->iface };

	return ep_key_cmp(&k, b);
}

static size_t
lower_bound(const struct plan *p, const struct ep_key *k)
{
	return search_lower_bound(k, p->endpoints, p->nendpoints, sizeof *p->endpoints,
				  ep_key_cmp);
}

const struct plan_endpoint *
plan_endpoint_at(const struct plan *p, const char *product, const char *id,
		 const char *iface)
{
	struct ep_key k = { id, product, iface };
	size_t i = lower_bound(p, &k);

	return i < p->nendpoints && ep_key_cmp(&k, &p->endpoints[i]) == 0 ?
	       &p->endpoints[i] : NULL;
}

struct plan_endpoint *
plan_endpoint_at_get(struct plan *p, const char *product, const char *id,
		     const char *iface)
{
	struct ep_key k = { id, product, iface };
	size_t i = lower_bound(p, &k);
	struct plan_endpoint *e;

	if (i < p->nendpoints && ep_key_cmp(&k, &p->endpoints[i]) == 0)
		return &p->endpoints[i];
	p->endpoints = xreallocarray(p->endpoints, p->nendpoints + 1,
				     sizeof *p->endpoints);
	memmove(&p->endpoints[i + 1], &p->endpoints[i],
		(p->nendpoints - i) * sizeof *p->endpoints);
	e = &p->endpoints[i];
	memset(e, 0, sizeof *e);
	e->id = xstrdup(id);
	e->product = xstrdup(product);
	e->iface = xstrdup(iface);
	strlist_init(&e->addresses);
	strlist_init(&e->hostnames);
	p->nendpoints++;
	return e;
}

const struct plan_endpoint *
plan_endpoint(const struct plan *p, const char *id)
{
	return plan_endpoint_at(p, NULL, id, NULL);
}

struct plan_endpoint *
plan_endpoint_get(struct plan *p, const char *id)
{
	return plan_endpoint_at_get(p, NULL, id, NULL);
}

static int
id_only_cmp(const void *key, const void *item)
{
	return strcmp(key, ((const struct plan_endpoint *)item)->id);
}

static int
id_upper_cmp(const void *key, const void *item)
{
	/* the first entry whose id is greater */
	return strcmp(key, ((const struct plan_endpoint *)item)->id) < 0 ? -1 : 1;
}

void
plan_endpoint_range(const struct plan *p, const char *id, size_t *first, size_t *end)
{
	*first = search_lower_bound(id, p->endpoints, p->nendpoints, sizeof *p->endpoints,
				    id_only_cmp);
	*end = search_lower_bound(id, p->endpoints, p->nendpoints, sizeof *p->endpoints,
				  id_upper_cmp);
}

void
plan_endpoint_fini(struct plan_endpoint *e)
{
	free(e->id);
	free(e->product);
	free(e->iface);
	free(e->zone);
	strlist_fini(&e->addresses);
	strlist_fini(&e->hostnames);
}

void
plan_endpoint_copy(struct plan_endpoint *d, const struct plan_endpoint *s)
{
	d->id = xstrdup(s->id);
	d->product = xstrdup(s->product);
	d->iface = xstrdup(s->iface);
	d->zone = xstrdup(s->zone);
	strlist_init(&d->addresses);
	strlist_init(&d->hostnames);
	strlist_copy(&d->addresses, &s->addresses);
	strlist_copy(&d->hostnames, &s->hostnames);
}

bool
plan_endpoint_is_empty(const struct plan_endpoint *e)
{
	return e->zone == NULL && e->addresses.n == 0 && e->hostnames.n == 0;
}

/* Drops entry E when it says nothing. */
static void
drop_if_empty(struct plan *p, struct plan_endpoint *e)
{
	size_t i = (size_t)(e - p->endpoints);

	if (!plan_endpoint_is_empty(e))
		return;
	plan_endpoint_fini(e);
	memmove(&p->endpoints[i], &p->endpoints[i + 1],
		(p->nendpoints - i - 1) * sizeof *p->endpoints);
	p->nendpoints--;
}

void
plan_place_at(struct plan *p, const char *product, const char *endpoint, const char *zone)
{
	struct plan_endpoint *e;

	if (zone == NULL && plan_endpoint_at(p, product, endpoint, NULL) == NULL)
		return;
	e = plan_endpoint_at_get(p, product, endpoint, NULL);
	free(e->zone);
	e->zone = xstrdup(zone);
	if (zone == NULL)
		drop_if_empty(p, e);
}

void
plan_place(struct plan *p, const char *endpoint, const char *zone)
{
	plan_place_at(p, NULL, endpoint, zone);
}

int
plan_check_address(const char *addr, struct pp_error *err)
{
	struct ip_net n;
	char buf[IP_NET_TEXT];

	if (addr_classify(addr) != ADDR_INVALID)
		return 0;
	if (addr != NULL && strchr(addr, '/') != NULL && ip_net_parse(addr, &n) == IP_HOST_BITS) {
		/* TRANSLATORS: %1$s is what was given, %2$s the network it
		   probably means */
		error_set(err, NULL, 0,
			  _("\"%1$s\" has host bits set: a network is written with them zero (did you mean %2$s?)"),
			  addr, ip_net_format(&n, buf));
		return -1;
	}
	error_set(err, NULL, 0,
		  _("\"%s\" is not an IPv4 or IPv6 address, a CIDR range or a host name"),
		  addr != NULL ? addr : "");
	return -1;
}

int
plan_add_address_at(struct plan *p, const char *product, const char *endpoint,
		    const char *iface, const char *addr, struct pp_error *err)
{
	struct plan_endpoint *e;

	if (plan_check_address(addr, err) != 0)
		return -1;
	e = plan_endpoint_at_get(p, product, endpoint, iface);
	if (addr_classify(addr) == ADDR_HOSTNAME)
		strlist_sorted_add(&e->hostnames, addr);
	else
		strlist_sorted_add(&e->addresses, addr);
	return 0;
}

int
plan_add_address(struct plan *p, const char *endpoint, const char *addr,
		 struct pp_error *err)
{
	return plan_add_address_at(p, NULL, endpoint, NULL, addr, err);
}

char *
plan_address_text(const struct plan_endpoint *e)
{
	struct sbuf b;

	if (e == NULL || (e->addresses.n == 0 && e->hostnames.n == 0))
		return NULL;
	sbuf_init(&b);
	for (size_t i = 0; i < e->hostnames.n; i++)
		sbuf_addf(&b, "%s%s", b.len ? ", " : "", e->hostnames.v[i]);
	for (size_t i = 0; i < e->addresses.n; i++)
		sbuf_addf(&b, "%s%s", b.len ? ", " : "", e->addresses.v[i]);
	return sbuf_take(&b);
}

void
plan_remove_address_at(struct plan *p, const char *product, const char *endpoint,
		       const char *iface, const char *addr)
{
	struct plan_endpoint *e = (struct plan_endpoint *)plan_endpoint_at(p, product, endpoint,
									   iface);

	if (e == NULL)
		return;
	if (addr == NULL) {
		strlist_fini(&e->addresses);
		strlist_fini(&e->hostnames);
		strlist_init(&e->addresses);
		strlist_init(&e->hostnames);
	} else {
		strlist_remove(&e->addresses, addr);
		strlist_remove(&e->hostnames, addr);
	}
	drop_if_empty(p, e);
}

void
plan_remove_address(struct plan *p, const char *endpoint, const char *addr)
{
	plan_remove_address_at(p, NULL, endpoint, NULL, addr);
}

static int
cmp_entry(const void *a, const void *b)
{
	return plan_endpoint_cmp(a, b);
}

void
plan_endpoint_sort(struct plan *p)
{
	if (p->nendpoints > 1)
		qsort(p->endpoints, p->nendpoints, sizeof *p->endpoints, cmp_entry);
	for (size_t i = 0; i < p->nendpoints; i++) {
		plan_strlist_sort_unique(&p->endpoints[i].addresses);
		plan_strlist_sort_unique(&p->endpoints[i].hostnames);
	}
}
