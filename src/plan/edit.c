/* edit.c: the plan-editing engine (see edit.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "plan/edit.h"
#include "plan/zone.h"
#include "util/i18n.h"
#include "util/netspec.h"

/* The features a deselected product had, to bring them back. */
struct edit_stash {
	char *product;
	struct strlist features;
};

/* Groups N items by GROUP(i) (0..ngroups-1) into CSR arrays, keeping their
 * order within a group. */
static void
group_by(size_t n, size_t ngroups, const size_t *group, size_t **first, size_t **list)
{
	size_t *f = xcalloc(ngroups + 1, sizeof *f), *l = xcalloc(n ? n : 1, sizeof *l);
	size_t *fill = xcalloc(ngroups + 1, sizeof *fill);

	for (size_t i = 0; i < n; i++)
		f[group[i] + 1]++;
	for (size_t g = 0; g < ngroups; g++)
		f[g + 1] += f[g];
	for (size_t i = 0; i < n; i++)
		l[f[group[i]] + fill[group[i]]++] = i;
	free(fill);
	*first = f;
	*list = l;
}

static const struct catalog_features *sort_features;

static int
cmp_by_id(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sort_features->v[x].id, sort_features->v[y].id);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

static void
build_indexes(struct editor *ed)
{
	size_t np = ed->products.n, *group;
	char key[2 * ID_MAX + 2];

	for (size_t i = 0; i < np; i++)
		strset_put(&ed->product_index, ed->products.v[i].id, (long long)i);
	for (size_t i = 0; i < ed->endpoints.n; i++)
		strset_put(&ed->endpoint_index, ed->endpoints.v[i].id, (long long)i);
	for (size_t i = 0; i < ed->zones.n; i++)
		strset_put(&ed->zone_index, ed->zones.v[i].id, (long long)i);
	for (size_t i = 0; i < ed->features.n; i++) {
		str_pair(key, sizeof key, ed->features.v[i].product, ':', ed->features.v[i].id);
		strset_put(&ed->feature_index, key, (long long)i);
	}

	/* features of unknown products (none in a valid catalog) go last */
	group = xcalloc(ed->features.n ? ed->features.n : 1, sizeof *group);
	for (size_t i = 0; i < ed->features.n; i++)
		group[i] = edit_product_index(ed, ed->features.v[i].product);
	group_by(ed->features.n, np + 1, group, &ed->feat_first, &ed->feat_list);
	free(group);
	group = xcalloc(ed->endpoints.n ? ed->endpoints.n : 1, sizeof *group);
	for (size_t i = 0; i < ed->endpoints.n; i++)
		group[i] = ed->endpoints.v[i].product != NULL ?
			edit_product_index(ed, ed->endpoints.v[i].product) : np;
	group_by(ed->endpoints.n, np + 1, group, &ed->ep_first, &ed->ep_list);
	free(group);

	/* a bare feature id names every product's feature of that id */
	ed->by_id = xcalloc(ed->features.n ? ed->features.n : 1, sizeof *ed->by_id);
	for (size_t i = 0; i < ed->features.n; i++)
		ed->by_id[i] = i;
	sort_features = &ed->features;
	if (ed->features.n > 1)
		qsort(ed->by_id, ed->features.n, sizeof *ed->by_id, cmp_by_id);
	sort_features = NULL;
	for (size_t i = 0; i < ed->features.n; i++)
		strset_put(&ed->by_id_first, ed->features.v[ed->by_id[i]].id, (long long)i);
}

int
edit_init(struct editor *ed, struct catalog *c, struct plan *p, struct pp_error *err)
{
	memset(ed, 0, sizeof *ed);
	ed->cat = c;
	ed->plan = p;
	strset_init(&ed->product_index);
	strset_init(&ed->endpoint_index);
	strset_init(&ed->zone_index);
	strset_init(&ed->feature_index);
	strset_init(&ed->by_id_first);
	ed->snap = catalog_snapshot(c, CATALOG_PART_LISTS, err);
	if (ed->snap == NULL || catalog_products(c, &ed->products, err) != 0 ||
	    catalog_features(c, NULL, &ed->features, err) != 0 ||
	    catalog_zones(c, &ed->zones, err) != 0 ||
	    catalog_endpoints(c, NULL, &ed->endpoints, err) != 0) {
		edit_fini(ed);
		return -1;
	}
	build_indexes(ed);
	return 0;
}

static void
stash_clear(struct editor *ed)
{
	for (size_t i = 0; i < ed->nstash; i++) {
		free(ed->stash[i].product);
		strlist_fini(&ed->stash[i].features);
	}
	free(ed->stash);
	ed->stash = NULL;
	ed->nstash = 0;
}

void
edit_fini(struct editor *ed)
{
	catalog_list_fini(&ed->products);
	catalog_list_fini(&ed->features);
	catalog_list_fini(&ed->zones);
	catalog_list_fini(&ed->endpoints);
	free(ed->feat_first);
	free(ed->feat_list);
	free(ed->ep_first);
	free(ed->ep_list);
	free(ed->by_id);
	strset_fini(&ed->product_index);
	strset_fini(&ed->endpoint_index);
	strset_fini(&ed->zone_index);
	strset_fini(&ed->feature_index);
	strset_fini(&ed->by_id_first);
	stash_clear(ed);
	memset(ed, 0, sizeof *ed);
}

void
edit_set_plan(struct editor *ed, struct plan *p)
{
	ed->plan = p;
	stash_clear(ed);
}

/* ---- lookups ---- */

static long long
index_of(const struct strset *s, const char *id)
{
	long long v;

	return id != NULL && strset_get(s, id, &v) ? v : -1;
}

size_t
edit_product_index(const struct editor *ed, const char *id)
{
	long long i = index_of(&ed->product_index, id);

	return i >= 0 ? (size_t)i : ed->products.n;
}

const struct catalog_product *
edit_product(const struct editor *ed, const char *id)
{
	long long i = index_of(&ed->product_index, id);

	return i >= 0 ? &ed->products.v[i] : NULL;
}

const struct catalog_feature *
edit_feature(const struct editor *ed, const char *product, const char *id)
{
	char key[2 * ID_MAX + 2];
	long long i;

	if (product == NULL || id == NULL || strlen(product) > ID_MAX || strlen(id) > ID_MAX)
		return NULL;
	str_pair(key, sizeof key, product, ':', id);
	i = index_of(&ed->feature_index, key);
	return i >= 0 ? &ed->features.v[i] : NULL;
}

const struct catalog_endpoint *
edit_endpoint(const struct editor *ed, const char *id)
{
	long long i = index_of(&ed->endpoint_index, id);

	return i >= 0 ? &ed->endpoints.v[i] : NULL;
}

const struct catalog_zone *
edit_catalog_zone(const struct editor *ed, const char *id)
{
	long long i = index_of(&ed->zone_index, id);

	return i >= 0 ? &ed->zones.v[i] : NULL;
}

bool
edit_zone_known(const struct editor *ed, const char *zone)
{
	return edit_catalog_zone(ed, zone) != NULL || plan_zone(ed->plan, zone) != NULL;
}

/* ---- derived facts ---- */

const char *
edit_endpoint_zone(const struct editor *ed, const char *endpoint)
{
	return edit_endpoint_zone_for(ed, NULL, endpoint);
}

const char *
edit_endpoint_zone_for(const struct editor *ed, const char *product, const char *endpoint)
{
	uint32_t e = catalog_endpoint_index(ed->snap, endpoint);
	const struct plan_endpoint *pe;

	if (e != CATALOG_NONE)
		return plan_zone_of(ed->plan, ed->snap, product, e, NULL);
	/* not in the catalog: what the plan says, if anything */
	pe = product != NULL ? plan_endpoint_at(ed->plan, product, endpoint, NULL) : NULL;
	if (pe == NULL || pe->zone == NULL)
		pe = plan_endpoint(ed->plan, endpoint);
	return pe != NULL ? pe->zone : NULL;
}

const char *
edit_zone_label(const struct editor *ed, const char *zone)
{
	const struct catalog_zone *cz;

	if (zone == NULL)
		return "";
	cz = edit_catalog_zone(ed, zone);
	if (cz != NULL)
		return cz->label != NULL ? cz->label : zone;
	return plan_zone_label(ed->plan, zone);
}

size_t
edit_features_on(const struct editor *ed)
{
	size_t n = 0;

	for (size_t i = 0; i < ed->plan->nfeatures; i++)
		n += plan_has_product(ed->plan, ed->plan->features[i].product);
	return n;
}

/* ---- products ---- */

static struct edit_stash *
stash_find(const struct editor *ed, const char *product)
{
	for (size_t i = 0; i < ed->nstash; i++)
		if (strcmp(ed->stash[i].product, product) == 0)
			return &ed->stash[i];
	return NULL;
}

int
edit_select_product(struct editor *ed, const char *product, struct pp_error *err)
{
	size_t pi = edit_product_index(ed, product);
	struct edit_stash *st;

	if (pi == ed->products.n) {
		struct sbuf ids;

		sbuf_init(&ids);
		for (size_t i = 0; i < ed->products.n; i++)
			sbuf_addf(&ids, "%s%s", i ? ", " : "", ed->products.v[i].id);
		error_set(err, NULL, 0, _("unknown product \"%s\" (the catalog has: %s)"),
			  product, sbuf_str(&ids));
		sbuf_fini(&ids);
		return -1;
	}
	if (plan_has_product(ed->plan, product))
		return 0;
	plan_add_product(ed->plan, product);
	st = stash_find(ed, product);
	if (st != NULL) {
		/* the choices it had when it was deselected */
		for (size_t i = 0; i < st->features.n; i++)
			plan_set_feature(ed->plan, product, st->features.v[i], true);
		return 0;
	}
	for (size_t k = ed->feat_first[pi]; k < ed->feat_first[pi + 1]; k++) {
		const struct catalog_feature *f = &ed->features.v[ed->feat_list[k]];

		if (f->dflt)
			plan_set_feature(ed->plan, product, f->id, true);
	}
	return 0;
}

void
edit_deselect_product(struct editor *ed, const char *product)
{
	struct edit_stash *st;

	if (!plan_has_product(ed->plan, product))
		return;
	st = stash_find(ed, product);
	if (st == NULL) {
		ed->stash = xreallocarray(ed->stash, ed->nstash + 1, sizeof *ed->stash);
		st = &ed->stash[ed->nstash++];
		st->product = xstrdup(product);
		strlist_init(&st->features);
	} else {
		strlist_fini(&st->features);
		strlist_init(&st->features);
	}
	for (size_t i = 0; i < ed->plan->nfeatures; i++)
		if (strcmp(ed->plan->features[i].product, product) == 0)
			strlist_add(&st->features, ed->plan->features[i].id);
	plan_remove_product(ed->plan, product);
}

/* ---- features ---- */

/* Sets F in the plan, turning the other alternatives of its group off. */
static bool
set_one(struct editor *ed, const struct catalog_feature *f, bool on)
{
	size_t pi = edit_product_index(ed, f->product);
	bool changed = plan_has_feature(ed->plan, f->product, f->id) != on;

	if (on && f->group != NULL) {
		for (size_t k = ed->feat_first[pi]; k < ed->feat_first[pi + 1]; k++) {
			const struct catalog_feature *o = &ed->features.v[ed->feat_list[k]];

			if (o == f || o->group == NULL || strcmp(o->group, f->group) != 0 ||
			    !plan_has_feature(ed->plan, o->product, o->id))
				continue;
			plan_set_feature(ed->plan, o->product, o->id, false);
			changed = true;
		}
	}
	plan_set_feature(ed->plan, f->product, f->id, on);
	return changed;
}

/* NAME: the feature as the user wrote it, for messages. */
static int
set_feature(struct editor *ed, const char *product, const char *id, const char *name,
	    bool on, bool *changed, struct pp_error *err)
{
	bool any = false;
	size_t matched = 0;
	long long first;

	if (product != NULL) {
		const struct catalog_feature *f;

		if (!plan_has_product(ed->plan, product)) {
			error_set(err, NULL, 0,
				  _("feature \"%s\": product \"%s\" is not selected (add --product %s first)"),
				  name, product, product);
			return -1;
		}
		f = edit_feature(ed, product, id);
		if (f != NULL) {
			any = set_one(ed, f, on);
			matched = 1;
		}
	} else if ((first = index_of(&ed->by_id_first, id)) >= 0) {
		for (size_t k = (size_t)first;
		     k < ed->features.n && strcmp(ed->features.v[ed->by_id[k]].id, id) == 0; k++) {
			const struct catalog_feature *f = &ed->features.v[ed->by_id[k]];

			if (!plan_has_product(ed->plan, f->product))
				continue;
			any |= set_one(ed, f, on);
			matched++;
		}
	}
	if (changed != NULL)
		*changed = any;
	if (matched == 0) {
		error_set(err, NULL, 0,
			  _("no selected product has a feature \"%s\" (see: portplan list features)"),
			  name);
		return -1;
	}
	return 0;
}

int
edit_set_feature(struct editor *ed, const char *product, const char *id, bool on,
		 bool *changed, struct pp_error *err)
{
	char *name = product != NULL ? xasprintf("%s:%s", product, id) : NULL;
	int rc = set_feature(ed, product, id, name != NULL ? name : id, on, changed, err);

	free(name);
	return rc;
}

int
edit_set_feature_spec(struct editor *ed, const char *spec, bool on, struct pp_error *err)
{
	const char *colon = strchr(spec, ':');
	char *product = colon != NULL ? xstrndup(spec, (size_t)(colon - spec)) : NULL;
	int rc = set_feature(ed, product, colon != NULL ? colon + 1 : spec, spec, on, NULL, err);

	free(product);
	return rc;
}

/* ---- zones and placement ---- */

int
edit_check_zone_id(const struct editor *ed, const char *id, struct pp_error *err)
{
	if (id == NULL || !id_valid(id)) {
		error_set(err, NULL, 0,
			  _("invalid zone id \"%s\" (lower-case letters, digits, '-', '_' and '.', starting with a letter)"),
			  id != NULL ? id : "");
		return -1;
	}
	if (edit_catalog_zone(ed, id) != NULL) {
		error_set(err, NULL, 0, _("zone \"%s\" is already a catalog zone"), id);
		return -1;
	}
	return 0;
}

int
edit_define_zone(struct editor *ed, const char *id, const char *label,
		 struct pp_error *err)
{
	if (edit_check_zone_id(ed, id, err) != 0)
		return -1;
	plan_add_zone(ed->plan, id, label != NULL && label[0] != '\0' ? label : id);
	return 0;
}

static int
check_endpoint(const struct editor *ed, const char *endpoint, struct pp_error *err)
{
	if (edit_endpoint(ed, endpoint) != NULL)
		return 0;
	error_set(err, NULL, 0, _("unknown endpoint \"%s\" (see: portplan list endpoints)"),
		  endpoint);
	return -1;
}

int
edit_place(struct editor *ed, const char *endpoint, const char *zone, bool *changed,
	   struct pp_error *err)
{
	const struct plan_endpoint *pe;

	if (changed != NULL)
		*changed = false;
	if (check_endpoint(ed, endpoint, err) != 0)
		return -1;
	if (!edit_zone_known(ed, zone)) {
		error_set(err, NULL, 0,
			  _("unknown zone \"%s\" (catalog zones: see portplan list zones; define your own with --zone %s=LABEL)"),
			  zone, zone);
		return -1;
	}
	/* placed there already: nothing changes */
	pe = plan_endpoint(ed->plan, endpoint);
	if (pe != NULL && pe->zone != NULL && strcmp(pe->zone, zone) == 0)
		return 0;
	plan_place(ed->plan, endpoint, zone);
	if (changed != NULL)
		*changed = true;
	return 0;
}

/* ---- addresses ---- */

int
edit_add_address(struct editor *ed, const char *endpoint, const char *addr,
		 struct pp_error *err)
{
	if (check_endpoint(ed, endpoint, err) != 0)
		return -1;
	return plan_add_address(ed->plan, endpoint, addr, err);
}

int
edit_add_addresses(struct editor *ed, const char *endpoint, const char *list,
		   size_t *count, struct pp_error *err)
{
	struct plan *check;
	char *copy, *save = NULL;
	size_t n = 0;
	int rc = 0;

	if (count != NULL)
		*count = 0;
	if (check_endpoint(ed, endpoint, err) != 0)
		return -1;
	/* all or nothing: every item is checked before the plan changes */
	check = plan_new();
	copy = xstrdup(list != NULL ? list : "");
	for (char *tok = strtok_r(copy, ", \t", &save); tok != NULL && rc == 0;
	     tok = strtok_r(NULL, ", \t", &save), n++)
		rc = plan_add_address(check, endpoint, tok, err);
	free(copy);
	plan_free(&check);
	if (rc != 0)
		return -1;
	copy = xstrdup(list != NULL ? list : "");
	for (char *tok = strtok_r(copy, ", \t", &save); tok != NULL;
	     tok = strtok_r(NULL, ", \t", &save))
		(void)plan_add_address(ed->plan, endpoint, tok, err);
	free(copy);
	if (count != NULL)
		*count = n;
	return 0;
}

void
edit_remove_address(struct editor *ed, const char *endpoint, const char *addr)
{
	if (plan_endpoint(ed->plan, endpoint) != NULL)
		plan_remove_address(ed->plan, endpoint, addr);
}

/* ---- change-request details ---- */

int
edit_set_meta(struct editor *ed, enum plan_meta_field field, const char *value,
	      struct pp_error *err)
{
	if (plan_meta_check(field, value, err) != 0)
		return -1;
	plan_set_meta(plan_meta_slot(&ed->plan->meta, field), value);
	return 0;
}
