#include "config.h"

#include <stdarg.h>
#include <stdio.h>
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

/* Bump allocation aligned to ALIGN (a power of two); strings take 1, so
 * thousands of short ones are not each padded to 16 bytes. */
static void *
bump(struct pool *p, size_t size, size_t align)
{
	struct block *b = p->head;
	size_t off = b != NULL ? (b->used + align - 1) & ~(align - 1) : 0;

	if (b == NULL || off > b->size || b->size - off < size) {
		size_t cap = size > POOL_BLOCK ? size : POOL_BLOCK;

		b = xmalloc(sizeof *b + cap);
		b->size = cap;
		b->next = p->head;
		p->head = b;
		off = 0;
	}
	b->used = off + size;
	return (char *)b->data + off;
}

void *
pool_alloc(struct pool *p, size_t size)
{
	return bump(p, size, sizeof(max_align_t));
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *r;

	if (s == NULL)
		return NULL;
	r = bump(p, n + 1, 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return s == NULL ? NULL : pool_strndup(p, s, strlen(s));
}

char *
pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return pool_strdup(p, "");
	s = pool_alloc(p, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
