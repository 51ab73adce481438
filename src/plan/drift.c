/* drift.c: the plan's catalog fingerprint, and what changed since. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "plan/plan.h"
#include "plan/drift.h"
#include "util/i18n.h"
#include "util/netspec.h"

int
drift_fingerprint(struct catalog *c, struct plan *p, struct pp_error *err)
{
	struct strlist fp;

	strlist_init(&fp);
	for (size_t i = 0; i < p->products.n; i++) {
		struct catalog_flows flows;

		if (catalog_flows(c, p->products.v[i], &flows, err) != 0) {
			catalog_list_fini(&flows);
			strlist_fini(&fp);
			return -1;
		}
		for (size_t k = 0; k < flows.n; k++)
			strlist_addf(&fp, "%s %s %s", flows.v[k].product, flows.v[k].id,
				     flows.v[k].digest != NULL ? flows.v[k].digest : "");
		catalog_list_fini(&flows);
	}
	strlist_sort(&fp);
	strlist_fini(&p->fingerprint);
	p->fingerprint = fp;
	return 0;
}

/* One flow on either side of the comparison. */
struct entry {
	const char *id;		/* borrowed */
	const char *digest;	/* borrowed */
	const struct catalog_flow *flow;	/* current side only */
};

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->id, ((const struct entry *)b)->id);
}

/* "bems → mail, TCP 443".  Caller-owned. */
static char *
describe(const struct catalog_flow *f)
{
	char buf[32];

	if (f->ports != NULL)
		return xasprintf("%s → %s, %s %s", f->from, f->to,
				 proto_label(f->proto, buf), f->ports);
	return xasprintf("%s → %s, %s", f->from, f->to, proto_label(f->proto, buf));
}

/* The recorded entries of PRODUCT: pointers into the copy LINES, whose
 * strings are split in place. */
static struct entry *
recorded(struct strlist *lines, const char *product, size_t *n)
{
	struct entry *v = NULL;
	size_t plen = strlen(product);

	*n = 0;
	for (size_t i = 0; i < lines->n; i++) {
		char *s = lines->v[i], *id, *digest;

		if (strncmp(s, product, plen) != 0 || s[plen] != ' ')
			continue;
		id = s + plen + 1;
		digest = strchr(id, ' ');
		if (digest == NULL)
			continue;
		*digest++ = '\0';
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[*n].id = id;
		v[*n].digest = digest;
		v[*n].flow = NULL;
		(*n)++;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, cmp_entry);
	return v;
}

static bool
product_known(const struct catalog_products *prods, const char *id)
{
	for (size_t i = 0; i < prods->n; i++)
		if (strcmp(prods->v[i].id, id) == 0)
			return true;
	return false;
}

static void
compare_product(const char *product, bool known, const struct catalog_flows *flows,
		struct entry *old, size_t nold, struct strlist *changes)
{
	struct entry *cur = NULL;
	size_t ncur = flows->n, i = 0, j = 0;

	if (!known) {
		if (nold > 0)
			strlist_addf(changes,
				     P_("Product \"%2$s\" is no longer in the catalog; the plan was saved with %1$zu flow of it.",
					"Product \"%2$s\" is no longer in the catalog; the plan was saved with %1$zu flows of it.",
					nold), nold, product);
		return;
	}
	if (nold == 0) {
		if (ncur > 0)
			strlist_addf(changes,
				     _("The plan records no catalog fingerprint for product \"%s\": changes to its flows since the plan was written cannot be listed."),
				     product);
		return;
	}
	cur = xcalloc(ncur > 0 ? ncur : 1, sizeof *cur);
	for (size_t k = 0; k < ncur; k++) {
		cur[k].id = flows->v[k].id;
		cur[k].digest = flows->v[k].digest != NULL ? flows->v[k].digest : "";
		cur[k].flow = &flows->v[k];
	}
	if (ncur > 1)
		qsort(cur, ncur, sizeof *cur, cmp_entry);
	while (i < ncur || j < nold) {
		int c = i == ncur ? 1 : j == nold ? -1 : strcmp(cur[i].id, old[j].id);
		char *d;

		if (c < 0) {
			d = describe(cur[i].flow);
			strlist_addf(changes,
				     /* TRANSLATORS: %3$s describes the flow: "bems → mail, TCP 443" */
				     _("New flow \"%2$s\" in product \"%1$s\" since the plan was saved: %3$s."),
				     product, cur[i].id, d);
			free(d);
			i++;
		} else if (c > 0) {
			strlist_addf(changes,
				     _("Flow \"%2$s\" of product \"%1$s\" was removed from the catalog since the plan was saved."),
				     product, old[j].id);
			j++;
		} else {
			if (strcmp(cur[i].digest, old[j].digest) != 0) {
				d = describe(cur[i].flow);
				strlist_addf(changes,
					     /* TRANSLATORS: %3$s describes the flow: "bems → mail, TCP 443" */
					     _("Flow \"%2$s\" of product \"%1$s\" changed since the plan was saved; now: %3$s."),
					     product, cur[i].id, d);
				free(d);
			}
			i++;
			j++;
		}
	}
	free(cur);
}

int
drift_compare(struct catalog *c, const struct plan *p, struct strlist *changes,
	      struct pp_error *err)
{
	struct catalog_products prods;
	struct strlist products, lines;
	int rc = -1;

	if (catalog_products(c, &prods, err) != 0) {
		catalog_list_fini(&prods);
		return -1;
	}
	strlist_init(&products);
	strlist_copy(&products, &p->products);
	strlist_sort(&products);
	strlist_init(&lines);
	strlist_copy(&lines, &p->fingerprint);
	for (size_t i = 0; i < products.n; i++) {
		struct catalog_flows flows;
		struct entry *old;
		size_t nold;
		bool known = product_known(&prods, products.v[i]);

		if (i > 0 && strcmp(products.v[i], products.v[i - 1]) == 0)
			continue;
		if (catalog_flows(c, products.v[i], &flows, err) != 0) {
			catalog_list_fini(&flows);
			goto out;
		}
		old = recorded(&lines, products.v[i], &nold);
		compare_product(products.v[i], known, &flows, old, nold, changes);
		free(old);
		catalog_list_fini(&flows);
	}
	rc = 0;
out:
	strlist_fini(&lines);
	strlist_fini(&products);
	catalog_list_fini(&prods);
	return rc;
}
