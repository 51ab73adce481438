#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/search.h"
#include "util/str.h"

static void
oom(void)
{
	static const char msg[] = "portplan: out of memory\n";
	fwrite(msg, 1, sizeof msg - 1, stderr);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	if (s == NULL)
		return NULL;
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	struct sbuf b;

	sbuf_init(&b);
	va_start(ap, fmt);
	{
		va_list ap2;
		int n;

		va_copy(ap2, ap);
		n = vsnprintf(NULL, 0, fmt, ap2);
		va_end(ap2);
		if (n < 0)
			oom();
		b.s = xmalloc((size_t)n + 1);
		b.cap = (size_t)n + 1;
		vsnprintf(b.s, b.cap, fmt, ap);
		b.len = (size_t)n;
	}
	va_end(ap);
	return b.s;
}

void
xfree(char **p)
{
	free(*p);
	*p = NULL;
}

void
sbuf_init(struct sbuf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
	b->sink = NULL;
	b->sink_arg = NULL;
	b->sink_failed = 0;
}

void
sbuf_fini(struct sbuf *b)
{
	free(b->s);
	sbuf_init(b);
}

static void
sbuf_grow(struct sbuf *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
sbuf_set_sink(struct sbuf *b, int (*sink)(void *arg, const char *data, size_t len),
	      void *arg)
{
	b->sink = sink;
	b->sink_arg = arg;
	b->sink_failed = 0;
}

int
sbuf_flush(struct sbuf *b)
{
	if (b->sink == NULL)
		return 0;
	if (b->len > 0 && !b->sink_failed && b->sink(b->sink_arg, b->s, b->len) != 0)
		b->sink_failed = 1;
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
	return b->sink_failed ? -1 : 0;
}

void
sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->sink != NULL && b->len + n > SBUF_SINK_CHUNK) {
		sbuf_flush(b);
		if (n > SBUF_SINK_CHUNK) {	/* too big to buffer: straight through */
			if (!b->sink_failed && b->sink(b->sink_arg, s, n) != 0)
				b->sink_failed = 1;
			return;
		}
	}
	sbuf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sbuf_add(struct sbuf *b, const char *s)
{
	if (s != NULL)
		sbuf_addn(b, s, strlen(s));
}

void
sbuf_addc(struct sbuf *b, char c)
{
	sbuf_addn(b, &c, 1);
}

void
sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	if (b->sink != NULL && b->len + (size_t)n > SBUF_SINK_CHUNK)
		sbuf_flush(b);
	sbuf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	va_end(ap);
}

void
sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

char *
sbuf_take(struct sbuf *b)
{
	char *s = b->s != NULL ? b->s : xstrdup("");

	sbuf_init(b);
	return s;
}

const char *
sbuf_str(const struct sbuf *b)
{
	return b->s != NULL ? b->s : "";
}

char *
str_pair(char *buf, size_t size, const char *a, char sep, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (size == 0)
		return buf;
	if (la >= size)
		la = size - 1;
	memcpy(buf, a, la);
	if (la + 1 < size) {
		buf[la++] = sep;
		if (lb > size - 1 - la)
			lb = size - 1 - la;
		memcpy(buf + la, b, lb);
		la += lb;
	}
	buf[la] = '\0';
	return buf;
}

void
strlist_init(struct strlist *l)
{
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
}

void
strlist_fini(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	strlist_init(l);
}

void
strlist_add(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = xstrdup(s);
}

void
strlist_addf(struct strlist *l, const char *fmt, ...)
{
	va_list ap;
	struct sbuf b;
	int n;

	va_start(ap, fmt);
	{
		va_list ap2;
		va_copy(ap2, ap);
		n = vsnprintf(NULL, 0, fmt, ap2);
		va_end(ap2);
	}
	if (n < 0)
		oom();
	sbuf_init(&b);
	b.s = xmalloc((size_t)n + 1);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	strlist_add(l, b.s);
	free(b.s);
}

bool
strlist_contains(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static int
cmp_key_item(const void *key, const void *item)
{
	return strcmp(key, *(char *const *)item);
}

/* Index of the first item not less than S in sorted L. */
static size_t
strlist_lower_bound(const struct strlist *l, const char *s)
{
	return search_lower_bound(s, l->v, l->n, sizeof *l->v, cmp_key_item);
}

bool
strlist_sorted_contains(const struct strlist *l, const char *s)
{
	size_t i = strlist_lower_bound(l, s);

	return i < l->n && strcmp(l->v[i], s) == 0;
}

bool
strlist_sorted_add(struct strlist *l, const char *s)
{
	size_t i = strlist_lower_bound(l, s);

	if (i < l->n && strcmp(l->v[i], s) == 0)
		return false;
	strlist_add(l, s);	/* appended; rotate it into place */
	{
		char *last = l->v[l->n - 1];

		memmove(&l->v[i + 1], &l->v[i], (l->n - 1 - i) * sizeof *l->v);
		l->v[i] = last;
	}
	return true;
}

void
strlist_add_unique(struct strlist *l, const char *s)
{
	if (!strlist_contains(l, s))
		strlist_add(l, s);
}

void
strlist_remove(struct strlist *l, const char *s)
{
	size_t j = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], s) == 0)
			free(l->v[i]);
		else
			l->v[j++] = l->v[i];
	}
	l->n = j;
}

void
strset_init(struct strset *s)
{
	s->slot = NULL;
	s->val = NULL;
	s->n = 0;
	s->cap = 0;
}

void
strset_fini(struct strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	free(s->val);
	strset_init(s);
}

/* FNV-1a with its high bits folded in: the slot is taken from the low
 * bits, which FNV's last multiplication mixes least. */
static size_t
strset_hash(const char *key)
{
	uint64_t h = hash_fnv1a_str(key);

	return (size_t)(h ^ (h >> 29));
}

/* The slot holding KEY, or the empty slot where it would go. */
static size_t
strset_find(const struct strset *s, const char *key)
{
	size_t i = strset_hash(key) & (s->cap - 1);

	while (s->slot[i] != NULL && strcmp(s->slot[i], key) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool
strset_contains(const struct strset *s, const char *key)
{
	return s->cap > 0 && s->slot[strset_find(s, key)] != NULL;
}

bool
strset_get(const struct strset *s, const char *key, long long *value)
{
	size_t i;

	if (s->cap == 0)
		return false;
	i = strset_find(s, key);
	if (s->slot[i] == NULL)
		return false;
	*value = s->val[i];
	return true;
}

bool
strset_put(struct strset *s, const char *key, long long value)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {	/* keep the load under one half */
		struct strset bigger;

		bigger.n = s->n;
		bigger.cap = s->cap > 0 ? 2 * s->cap : 16;
		bigger.slot = xcalloc(bigger.cap, sizeof *bigger.slot);
		bigger.val = xcalloc(bigger.cap, sizeof *bigger.val);
		for (size_t k = 0; k < s->cap; k++) {
			if (s->slot[k] != NULL) {
				size_t j = strset_find(&bigger, s->slot[k]);

				bigger.slot[j] = s->slot[k];
				bigger.val[j] = s->val[k];
			}
		}
		free(s->slot);
		free(s->val);
		*s = bigger;
	}
	i = strset_find(s, key);
	if (s->slot[i] != NULL)
		return false;
	s->slot[i] = xstrdup(key);
	s->val[i] = value;
	s->n++;
	return true;
}

const char *
strset_intern(struct strset *s, const char *key)
{
	size_t i;

	if (s->cap > 0) {
		i = strset_find(s, key);
		if (s->slot[i] != NULL)
			return s->slot[i];
	}
	strset_put(s, key, 0);
	return s->slot[strset_find(s, key)];
}

bool
strset_add(struct strset *s, const char *key)
{
	return strset_put(s, key, 0);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strlist_sort(struct strlist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_str);
}

void
strlist_copy(struct strlist *dst, const struct strlist *src)
{
	for (size_t i = 0; i < src->n; i++)
		strlist_add(dst, src->v[i]);
}

char *
strlist_join(const struct strlist *l, const char *sep)
{
	struct sbuf b;

	sbuf_init(&b);
	for (size_t i = 0; i < l->n; i++) {
		if (i > 0)
			sbuf_add(&b, sep);
		sbuf_add(&b, l->v[i]);
	}
	return sbuf_take(&b);
}

/* Decodes one UTF-8 sequence at S (LEN bytes available).  Returns its length
 * and stores the code point, or returns 0 for an invalid sequence. */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static bool
is_unsafe(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	    (c >= 0x202a && c <= 0x202e) ||	/* LRE RLE PDF LRO RLO */
	    (c >= 0x2066 && c <= 0x2069) ||	/* LRI RLI FSI PDI */
	    c == 0x200e || c == 0x200f || c == 0x061c ||	/* marks */
	    c == 0xfeff;			/* BOM / ZWNBSP */
}

/* Characters that show nothing, or nothing reliably, yet change what a
 * text says or how it is searched and compared: the format characters
 * (Unicode category Cf: soft hyphen, zero-width space, joiners, word
 * joiner, invisible operators, tag characters...), the Hangul fillers
 * and the noncharacters.  Removed like controls. */
static bool
is_invisible(uint32_t c)
{
	return c == 0x00ad || (c >= 0x0600 && c <= 0x0605) || c == 0x06dd ||
	    c == 0x070f || c == 0x0890 || c == 0x0891 || c == 0x08e2 ||
	    c == 0x115f || c == 0x1160 || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200d) ||	/* ZWSP ZWNJ ZWJ */
	    (c >= 0x2060 && c <= 0x2064) ||	/* WJ, invisible operators */
	    (c >= 0x206a && c <= 0x206f) ||	/* deprecated format characters */
	    c == 0x3164 || c == 0xffa0 ||	/* Hangul fillers */
	    (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe ||	/* noncharacters */
	    (c >= 0xfff9 && c <= 0xfffb) ||	/* interlinear annotation */
	    c == 0x110bd || c == 0x110cd || (c >= 0x13430 && c <= 0x1343f) ||
	    (c >= 0x1bca0 && c <= 0x1bca3) || (c >= 0x1d173 && c <= 0x1d17a) ||
	    (c >= 0xe0000 && c <= 0xe007f);	/* tag characters */
}

char *
text_clean(const char *s)
{
	struct sbuf b;
	const unsigned char *p = (const unsigned char *)s;
	size_t len;

	sbuf_init(&b);
	if (s == NULL)
		return sbuf_take(&b);
	len = strlen(s);
	while (len > 0) {
		uint32_t c;
		size_t n = utf8_decode(p, len, &c);

		if (n == 0) {
			sbuf_add(&b, "\xef\xbf\xbd");	/* U+FFFD */
			n = 1;
		} else if (c == '\n' || c == '\t' || c == '\r' || c == 0x2028 || c == 0x2029) {
			sbuf_addc(&b, ' ');	/* line and paragraph separators too */
		} else if (!is_unsafe(c) && !is_invisible(c)) {
			sbuf_addn(&b, (const char *)p, n);
		}
		p += n;
		len -= n;
	}
	return sbuf_take(&b);
}

void
text_clean_into(char *dst, size_t size, const char *s)
{
	char *c;
	size_t n;

	if (size == 0)
		return;
	c = text_clean(s);
	n = strlen(c);
	if (n >= size) {
		n = size - 1;
		/* do not cut a UTF-8 sequence in half */
		while (n > 0 && ((unsigned char)c[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, c, n);
	dst[n] = '\0';
	free(c);
}

bool
text_is_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);

	while (len > 0) {
		uint32_t c;
		size_t n = utf8_decode(p, len, &c);

		if (n == 0 || is_unsafe(c) || is_invisible(c) || c == 0x2028 || c == 0x2029)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

void
text_squeeze(char *s)
{
	char *w = s;
	bool space = false;

	for (char *r = s; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = *r;
	}
	*w = '\0';
}
