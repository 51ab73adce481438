/* search.h: binary search in sorted arrays.  libc's bsearch() answers
 * only "where is an equal item"; sorted lists that are also inserted into
 * in place need where an item is or would go. */
#ifndef PORTPLAN_UTIL_SEARCH_H
#define PORTPLAN_UTIL_SEARCH_H

#include <stddef.h>

/* The index of the first of the N items at BASE (SIZE bytes each) that is
 * not less than KEY: where KEY is, or where it would be inserted to keep
 * the order; N when every item is less.  CMP(KEY, ITEM) is negative, 0 or
 * positive as KEY sorts before, with or after ITEM (KEY need not have the
 * items' type), and the items are sorted by it.  Of equal items, the first
 * is found.  BASE may be NULL when N is 0. */
size_t search_lower_bound(const void *key, const void *base, size_t n, size_t size,
			  int (*cmp)(const void *key, const void *item));

#endif
