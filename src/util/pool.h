/* pool.h: an arena for many small strings freed together (query results
 * with thousands of rows). */
#ifndef PORTPLAN_UTIL_POOL_H
#define PORTPLAN_UTIL_POOL_H

#include <stddef.h>

struct pool;

/* Caller-owned; free with pool_free. */
struct pool *pool_new(void);
void pool_free(struct pool **p);
/* Borrowed until pool_free; NULL gives NULL. */
char *pool_strdup(struct pool *p, const char *s);
char *pool_strndup(struct pool *p, const char *s, size_t n);
void *pool_alloc(struct pool *p, size_t size);
/* A formatted string, borrowed until pool_free. */
char *pool_printf(struct pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
