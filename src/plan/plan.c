#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "plan/internal.h"
#include "plan/plan.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/search.h"

struct plan *
plan_new(void)
{
	struct plan *p = xcalloc(1, sizeof *p);

	strlist_init(&p->products);
	strlist_init(&p->fingerprint);
	strset_init(&p->rule_keys);
	return p;
}

void
plan_free(struct plan **pp)
{
	struct plan *p = *pp;

	if (p == NULL)
		return;
	for (int f = 0; f < PLAN_META_COUNT; f++)
		free(*plan_meta_slot(&p->meta, (enum plan_meta_field)f));
	strlist_fini(&p->products);
	strlist_fini(&p->fingerprint);
	for (size_t i = 0; i < p->nfeatures; i++) {
		free(p->features[i].product);
		free(p->features[i].id);
	}
	free(p->features);
	for (size_t i = 0; i < p->nzones; i++) {
		free(p->zones[i].id);
		free(p->zones[i].label);
	}
	free(p->zones);
	for (size_t i = 0; i < p->nendpoints; i++)
		plan_endpoint_fini(&p->endpoints[i]);
	free(p->endpoints);
	plan_site_fini(p);
	free(p);
	*pp = NULL;
}

struct plan *
plan_dup(const struct plan *src)
{
	struct plan *p = plan_new();

	for (int f = 0; f < PLAN_META_COUNT; f++)
		*plan_meta_slot(&p->meta, (enum plan_meta_field)f) =
			xstrdup(plan_meta_get(&src->meta, (enum plan_meta_field)f));
	strlist_copy(&p->products, &src->products);
	strlist_copy(&p->fingerprint, &src->fingerprint);
	p->features = xcalloc(src->nfeatures, sizeof *p->features);
	for (size_t i = 0; i < src->nfeatures; i++) {
		p->features[i].product = xstrdup(src->features[i].product);
		p->features[i].id = xstrdup(src->features[i].id);
	}
	p->nfeatures = src->nfeatures;
	p->zones = xcalloc(src->nzones, sizeof *p->zones);
	for (size_t i = 0; i < src->nzones; i++) {
		p->zones[i].id = xstrdup(src->zones[i].id);
		p->zones[i].label = xstrdup(src->zones[i].label);
	}
	p->nzones = src->nzones;
	p->endpoints = xcalloc(src->nendpoints ? src->nendpoints : 1, sizeof *p->endpoints);
	for (size_t i = 0; i < src->nendpoints; i++)
		plan_endpoint_copy(&p->endpoints[i], &src->endpoints[i]);
	p->nendpoints = src->nendpoints;
	plan_site_copy(p, src);
	return p;
}

bool
plan_has_product(const struct plan *p, const char *product)
{
	return strlist_sorted_contains(&p->products, product);
}

void
plan_add_product(struct plan *p, const char *product)
{
	strlist_sorted_add(&p->products, product);
}

void
plan_remove_product(struct plan *p, const char *product)
{
	size_t j = 0;

	strlist_remove(&p->products, product);
	for (size_t i = 0; i < p->nfeatures; i++) {
		if (strcmp(p->features[i].product, product) == 0) {
			free(p->features[i].product);
			free(p->features[i].id);
		} else
			p->features[j++] = p->features[i];
	}
	p->nfeatures = j;
}

static int
feature_cmp(const char *pa, const char *ia, const char *pb, const char *ib)
{
	int c = strcmp(pa, pb);

	return c != 0 ? c : strcmp(ia, ib);
}

struct feature_key {
	const char *product, *id;
};

static int
feature_key_cmp(const void *key, const void *item)
{
	const struct feature_key *k = key;
	const struct plan_feature *f = item;

	return feature_cmp(k->product, k->id, f->product, f->id);
}

/* Index of the first feature not less than (PRODUCT, ID): the features
 * are sorted, so lookups stay fast in plans with thousands of them. */
static size_t
feature_lower_bound(const struct plan *p, const char *product, const char *id)
{
	struct feature_key key = { product, id };

	return search_lower_bound(&key, p->features, p->nfeatures, sizeof *p->features,
				  feature_key_cmp);
}

bool
plan_has_feature(const struct plan *p, const char *product, const char *id)
{
	size_t i = feature_lower_bound(p, product, id);

	return i < p->nfeatures &&
	       feature_cmp(p->features[i].product, p->features[i].id, product, id) == 0;
}

void
plan_set_feature(struct plan *p, const char *product, const char *id, bool on)
{
	size_t i = feature_lower_bound(p, product, id);

	if (i < p->nfeatures &&
	    feature_cmp(p->features[i].product, p->features[i].id, product, id) == 0) {
		if (!on) {
			free(p->features[i].product);
			free(p->features[i].id);
			memmove(&p->features[i], &p->features[i + 1],
				(p->nfeatures - i - 1) * sizeof *p->features);
			p->nfeatures--;
		}
		return;
	}
	if (!on)
		return;
	p->features = xreallocarray(p->features, p->nfeatures + 1, sizeof *p->features);
	memmove(&p->features[i + 1], &p->features[i],
		(p->nfeatures - i) * sizeof *p->features);
	p->features[i].product = xstrdup(product);
	p->features[i].id = xstrdup(id);
	p->nfeatures++;
}

static int
zone_key_cmp(const void *key, const void *item)
{
	return strcmp(key, ((const struct plan_zone *)item)->id);
}

/* Index of the first zone whose id is not less than ID (the zones are
 * sorted by id). */
static size_t
zone_lower_bound(const struct plan *p, const char *id)
{
	return search_lower_bound(id, p->zones, p->nzones, sizeof *p->zones, zone_key_cmp);
}

void
plan_add_zone(struct plan *p, const char *id, const char *label)
{
	size_t i = zone_lower_bound(p, id);

	if (i < p->nzones && strcmp(p->zones[i].id, id) == 0) {
		free(p->zones[i].label);
		p->zones[i].label = xstrdup(label);
		return;
	}
	p->zones = xreallocarray(p->zones, p->nzones + 1, sizeof *p->zones);
	memmove(&p->zones[i + 1], &p->zones[i], (p->nzones - i) * sizeof *p->zones);
	p->zones[i].id = xstrdup(id);
	p->zones[i].label = xstrdup(label);
	p->nzones++;
}

void
plan_remove_zone(struct plan *p, const char *id)
{
	for (size_t i = 0; i < p->nzones; i++) {
		if (strcmp(p->zones[i].id, id) != 0)
			continue;
		free(p->zones[i].id);
		free(p->zones[i].label);
		memmove(&p->zones[i], &p->zones[i + 1],
			(p->nzones - i - 1) * sizeof *p->zones);
		p->nzones--;
		return;
	}
}

const struct plan_zone *
plan_zone(const struct plan *p, const char *id)
{
	size_t i = zone_lower_bound(p, id);

	return i < p->nzones && strcmp(p->zones[i].id, id) == 0 ? &p->zones[i] : NULL;
}

const char *
plan_zone_label(const struct plan *p, const char *id)
{
	const struct plan_zone *pz = plan_zone(p, id);

	return pz != NULL && pz->label != NULL && pz->label[0] != '\0' ? pz->label : id;
}

/* ---- building a plan in bulk (plan/internal.h) ---- */

void *
plan_grow(void *v, size_t n, size_t size)
{
	/* the capacity is the next power of two (at least 16): it doubles
	 * when N reaches one */
	if (n == 0)
		return xreallocarray(v, 16, size);
	if (n >= 16 && (n & (n - 1)) == 0)
		return xreallocarray(v, 2 * n, size);
	return v;
}

static int
cmp_feature(const void *a, const void *b)
{
	const struct plan_feature *x = a, *y = b;

	return feature_cmp(x->product, x->id, y->product, y->id);
}

static int
cmp_zone(const void *a, const void *b)
{
	return strcmp(((const struct plan_zone *)a)->id, ((const struct plan_zone *)b)->id);
}

void
plan_strlist_sort_unique(struct strlist *l)
{
	size_t j = 0;

	strlist_sort(l);
	for (size_t i = 0; i < l->n; i++) {
		if (j > 0 && strcmp(l->v[j - 1], l->v[i]) == 0)
			free(l->v[i]);
		else
			l->v[j++] = l->v[i];
	}
	l->n = j;
}

void
plan_sort(struct plan *p)
{
	size_t j = 0;

	plan_strlist_sort_unique(&p->products);
	if (p->nfeatures > 1)
		qsort(p->features, p->nfeatures, sizeof *p->features, cmp_feature);
	for (size_t i = 0; i < p->nfeatures; i++) {
		struct plan_feature *f = &p->features[i];

		if (j > 0 && cmp_feature(&p->features[j - 1], f) == 0) {
			free(f->product);
			free(f->id);
		} else
			p->features[j++] = *f;
	}
	p->nfeatures = j;
	if (p->nzones > 1)
		qsort(p->zones, p->nzones, sizeof *p->zones, cmp_zone);
	plan_endpoint_sort(p);
	plan_site_sort(p);
}

void
plan_set_meta(char **field, const char *value)
{
	free(*field);
	*field = (value != NULL && *value != '\0') ? xstrdup(value) : NULL;
}

static const struct {
	const char *name;
	const char *label;	/* N_() */
	size_t offset;
} meta_fields[PLAN_META_COUNT] = {
	{ "title", N_("Title"), offsetof(struct plan_meta, title) },
	{ "change-id", N_("Change ID"), offsetof(struct plan_meta, change_id) },
	{ "requester", N_("Requester"), offsetof(struct plan_meta, requester) },
	{ "owner", N_("Owner"), offsetof(struct plan_meta, owner) },
	{ "justification", N_("Business justification"),
	  offsetof(struct plan_meta, justification) },
	{ "window", N_("Implementation window"), offsetof(struct plan_meta, window) },
	{ "expiry", N_("Expiry or review date"), offsetof(struct plan_meta, expiry) },
	{ "notes", N_("Notes"), offsetof(struct plan_meta, notes) },
};

char **
plan_meta_slot(struct plan_meta *meta, enum plan_meta_field field)
{
	return (char **)((char *)meta + meta_fields[field].offset);
}

const char *
plan_meta_get(const struct plan_meta *meta, enum plan_meta_field field)
{
	return *(char *const *)((const char *)meta + meta_fields[field].offset);
}

const char *
plan_meta_name(enum plan_meta_field field)
{
	return meta_fields[field].name;
}

const char *
plan_meta_label(enum plan_meta_field field)
{
	return _(meta_fields[field].label);
}

/* YYYY-MM-DD, a day that exists. */
static bool
is_date(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	if (s[10] != '\0')
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

int
plan_meta_check(enum plan_meta_field field, const char *value, struct pp_error *err)
{
	if (field == PLAN_META_EXPIRY && value != NULL && value[0] != '\0' && !is_date(value)) {
		error_set(err, NULL, 0,
			  _("\"%s\" is not a date: the expiry or review date is written YYYY-MM-DD (for example 2027-06-30)"),
			  value);
		return -1;
	}
	return 0;
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
strlist_eq(const struct strlist *a, const struct strlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}


bool
plan_equal(const struct plan *a, const struct plan *b)
{
	size_t i, j;

	for (int f = 0; f < PLAN_META_COUNT; f++)
		if (!str_eq(plan_meta_get(&a->meta, (enum plan_meta_field)f),
			    plan_meta_get(&b->meta, (enum plan_meta_field)f)))
			return false;
	if (!plan_site_equal(a, b) || !strlist_eq(&a->products, &b->products) ||
	    a->nfeatures != b->nfeatures || a->nzones != b->nzones)
		return false;
	for (i = 0; i < a->nfeatures; i++)
		if (feature_cmp(a->features[i].product, a->features[i].id,
				b->features[i].product, b->features[i].id) != 0)
			return false;
	for (i = 0; i < a->nzones; i++)
		if (!str_eq(a->zones[i].id, b->zones[i].id) ||
		    !str_eq(a->zones[i].label, b->zones[i].label))
			return false;
	/* endpoints equal, ignoring entries that hold nothing */
	for (i = 0, j = 0;;) {
		while (i < a->nendpoints && plan_endpoint_is_empty(&a->endpoints[i]))
			i++;
		while (j < b->nendpoints && plan_endpoint_is_empty(&b->endpoints[j]))
			j++;
		if (i == a->nendpoints || j == b->nendpoints)
			return i == a->nendpoints && j == b->nendpoints;
		if (plan_endpoint_cmp(&a->endpoints[i], &b->endpoints[j]) != 0 ||
		    !str_eq(a->endpoints[i].zone, b->endpoints[j].zone) ||
		    !strlist_eq(&a->endpoints[i].addresses, &b->endpoints[j].addresses) ||
		    !strlist_eq(&a->endpoints[i].hostnames, &b->endpoints[j].hostnames))
			return false;
		i++;
		j++;
	}
}
