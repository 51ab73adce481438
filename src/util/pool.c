#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/pool.h"
#include "util/str.h"

#define POOL_BLOCK 65536

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct pool {
	struct block *head;
};

struct pool *
pool_new(void)
{
	return xcalloc(1, sizeof(struct pool));
}

void
pool_free(struct pool **pp)
{
	struct pool *p = *pp;

	if (p == NULL)
		return;
	while (p->head != NULL) {
		struct block *b = p->head;

		p->head = b->next;
		free(b);
	}
	free(p);
	*pp = NULL;
}

void *
pool_alloc(struct pool *p, size_t size)
{
	struct block *b = p->head;
	const size_t align = sizeof(max_align_t);
	void *r;

	size = (size + align - 1) / align * align;
	if (b == NULL || b->size - b->used < size) {
		size_t cap = size > POOL_BLOCK ? size : POOL_BLOCK;

		b = xmalloc(sizeof *b + cap);
		b->size = cap;
		b->used = 0;
		b->next = p->head;
		p->head = b;
	}
	r = (char *)b->data + b->used;
	b->used += size;
	return r;
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *r;

	if (s == NULL)
		return NULL;
	r = pool_alloc(p, n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return s == NULL ? NULL : pool_strndup(p, s, strlen(s));
}
