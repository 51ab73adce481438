/* str.h: allocation, growable strings, string lists and text cleaning. */
#ifndef PORTPLAN_UTIL_STR_H
#define PORTPLAN_UTIL_STR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* Allocation that aborts on exhaustion (there is nothing sensible to do). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
/* Caller-owned copy; NULL gives NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Caller-owned formatted string. */
char *xasprintf(const char *fmt, ...) PP_PRINTF(1, 2);
/* Frees *P and sets it to NULL. */
void xfree(char **p);

/* Growable NUL-terminated buffer.  Embedded: sbuf_init/sbuf_fini. */
struct sbuf {
	char *s;
	size_t len;
	size_t cap;
	/* optional: where the content goes as it grows (sbuf_set_sink) */
	int (*sink)(void *arg, const char *data, size_t len);
	void *sink_arg;
	int sink_failed;
};
void sbuf_init(struct sbuf *b);
void sbuf_fini(struct sbuf *b);
/* From now on B hands its content to SINK (0 on success) whenever it
 * holds SBUF_SINK_CHUNK bytes, and on sbuf_flush: a document of any size
 * is written with a bounded buffer.  What was handed over is gone from B
 * (len counts what is left).  After a failure of SINK, later content is
 * dropped and sbuf_flush returns -1. */
#define SBUF_SINK_CHUNK ((size_t)1 << 16)
void sbuf_set_sink(struct sbuf *b, int (*sink)(void *arg, const char *data, size_t len),
		   void *arg);
int sbuf_flush(struct sbuf *b);
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) PP_PRINTF(2, 3);
void sbuf_reset(struct sbuf *b);
/* Caller-owned string; leaves B empty. */
char *sbuf_take(struct sbuf *b);
/* Borrowed until the next change of B; never NULL. */
const char *sbuf_str(const struct sbuf *b);

/* "A" SEP "B" into BUF of SIZE bytes (cut to fit): the keys of lookups
 * by two ids, without printf's cost.  Returns BUF. */
char *str_pair(char *buf, size_t size, const char *a, char sep, const char *b);

/* Growable list of caller-owned strings (the list owns them). */
struct strlist {
	char **v;
	size_t n;
	size_t cap;
};
void strlist_init(struct strlist *l);
void strlist_fini(struct strlist *l);
void strlist_add(struct strlist *l, const char *s);
void strlist_addf(struct strlist *l, const char *fmt, ...) PP_PRINTF(2, 3);
/* Adds S unless an equal string is present. */
void strlist_add_unique(struct strlist *l, const char *s);
bool strlist_contains(const struct strlist *l, const char *s);
/* For a list kept sorted (strlist_sort order): binary search, and
 * insertion in place unless an equal string is present (true if added). */
bool strlist_sorted_contains(const struct strlist *l, const char *s);
bool strlist_sorted_add(struct strlist *l, const char *s);
void strlist_remove(struct strlist *l, const char *s);
void strlist_sort(struct strlist *l);
void strlist_copy(struct strlist *dst, const struct strlist *src);
/* Caller-owned "a, b, c" (SEP between items). */
char *strlist_join(const struct strlist *l, const char *sep);

/* Set of strings (the set owns copies), hashed, each with an integer
 * value: for lookups over lists that may hold tens of thousands of ids.
 * Embedded: strset_init/strset_fini. */
struct strset {
	char **slot;		/* open addressing, NULL = empty */
	long long *val;		/* the value of each slot */
	size_t n;
	size_t cap;		/* a power of two, or 0 */
};
void strset_init(struct strset *s);
void strset_fini(struct strset *s);
/* Adds a copy of KEY with VALUE; false (and nothing changes) when an
 * equal string is present. */
bool strset_put(struct strset *s, const char *key, long long value);
bool strset_add(struct strset *s, const char *key);	/* value 0 */
bool strset_contains(const struct strset *s, const char *key);
/* The set's own copy of KEY, added (value 0) when absent: interned
 * strings, stable until strset_fini. */
const char *strset_intern(struct strset *s, const char *key);
/* The value of KEY into *VALUE; false when absent. */
bool strset_get(const struct strset *s, const char *key, long long *value);

/* Text from files (catalog, plan) is cleaned before it reaches a terminal:
 * C0 and C1 controls (newline, tab and the line and paragraph separators
 * U+2028/9 become a space), DEL, bidirectional embedding/override/isolate
 * characters and marks, invisible characters (soft hyphen, zero-width
 * space and joiners, word joiner, tag characters, every other format
 * character, noncharacters) and invalid UTF-8 (as U+FFFD) are removed.
 * Caller-owned result. */
char *text_clean(const char *s);
/* The same into a fixed buffer, truncated at a character boundary. */
void text_clean_into(char *dst, size_t size, const char *s);
/* True when S is valid UTF-8 without control or bidi characters. */
bool text_is_clean(const char *s);
/* Collapses runs of white space into one space and trims both ends, in place. */
void text_squeeze(char *s);

#endif
