/* Unit tests: the lower bound (src/util/search.c) and the sorted lists
 * built on it. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "plan/plan.h"
#include "util/search.h"
#include "util/str.h"

static int
cmp_int(const void *key, const void *item)
{
	int a = *(const int *)key, b = *(const int *)item;

	return a < b ? -1 : a > b;
}

static size_t
lb(const int *v, size_t n, int key)
{
	return search_lower_bound(&key, v, n, sizeof *v, cmp_int);
}

Test(search, lower_bound_of_every_place)
{
	static const int v[] = { 10, 20, 20, 20, 30, 40 };
	size_t n = sizeof v / sizeof *v;

	cr_assert_eq(lb(v, n, 5), 0, "before the first");
	cr_assert_eq(lb(v, n, 10), 0, "the first");
	cr_assert_eq(lb(v, n, 15), 1, "between two");
	cr_assert_eq(lb(v, n, 20), 1, "the first of equal items");
	cr_assert_eq(lb(v, n, 25), 4);
	cr_assert_eq(lb(v, n, 40), 5, "the last");
	cr_assert_eq(lb(v, n, 99), n, "after the last: N");
}

Test(search, empty_and_single)
{
	static const int one[] = { 7 };

	cr_assert_eq(lb(NULL, 0, 1), 0, "an empty array (NULL base) gives 0");
	cr_assert_eq(lb(one, 1, 6), 0);
	cr_assert_eq(lb(one, 1, 7), 0);
	cr_assert_eq(lb(one, 1, 8), 1);
}

Test(search, agrees_with_a_linear_scan)
{
	int v[257];

	for (size_t n = 0; n <= 257; n++) {
		for (size_t i = 0; i < n; i++)
			v[i] = (int)(i / 3) * 2;	/* runs of three, gaps */
		for (int key = -1; key <= (int)n; key++) {
			size_t want = 0;

			while (want < n && v[want] < key)
				want++;
			cr_assert_eq(lb(v, n, key), want, "n %zu key %d", n, key);
		}
	}
}

static int
cmp_str_key(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

Test(search, a_key_of_another_type)
{
	static const char *const v[] = { "apple", "kiwi", "pear" };

	cr_assert_eq(search_lower_bound("banana", v, 3, sizeof *v, cmp_str_key), 1);
	cr_assert_eq(search_lower_bound("pear", v, 3, sizeof *v, cmp_str_key), 2);
	cr_assert_eq(search_lower_bound("zucchini", v, 3, sizeof *v, cmp_str_key), 3);
}

/* The sorted lists that use it: the string list and the plan's features
 * and endpoints stay sorted and find what they hold. */
Test(search, sorted_lists_use_it)
{
	struct strlist l;
	struct plan *p = plan_new();
	static const char *const ids[] = { "m", "c", "x", "a", "m", "b" };

	strlist_init(&l);
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		strlist_sorted_add(&l, ids[i]);
		plan_set_feature(p, "prod", ids[i], true);
		plan_set_feature(p, "other", ids[i], true);
		(void)plan_endpoint_get(p, ids[i]);
	}
	cr_assert_eq(l.n, 5);
	cr_assert_eq(p->nfeatures, 10);
	cr_assert_eq(p->nendpoints, 5);
	for (size_t i = 1; i < l.n; i++) {
		cr_assert(strcmp(l.v[i - 1], l.v[i]) < 0);
		cr_assert(strcmp(p->endpoints[i - 1].id, p->endpoints[i].id) < 0);
	}
	cr_assert_str_eq(p->features[0].product, "other");
	cr_assert_str_eq(p->features[5].product, "prod");
	cr_assert_str_eq(p->features[5].id, "a");
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		cr_assert(strlist_sorted_contains(&l, ids[i]));
		cr_assert(plan_has_feature(p, "prod", ids[i]));
		cr_assert_not_null(plan_endpoint(p, ids[i]));
	}
	cr_assert(!strlist_sorted_contains(&l, "d"));
	cr_assert(!plan_has_feature(p, "prod", "d"));
	cr_assert(!plan_has_feature(p, "zzz", "a"));
	cr_assert_null(plan_endpoint(p, "d"));
	plan_set_feature(p, "prod", "c", false);
	cr_assert(!plan_has_feature(p, "prod", "c"));
	cr_assert(plan_has_feature(p, "other", "c"));
	strlist_fini(&l);
	plan_free(&p);
}
