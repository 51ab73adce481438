#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/netspec.h"
#include "util/str.h"

static void
seterr(char *buf, size_t size, const char *fmt, const char *arg)
{
	if (buf != NULL && size > 0)
		snprintf(buf, size, fmt, arg);
}

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* Reads a port number 1..65535 at *S.  Returns -1 on error. */
static long
read_port(const char **s)
{
	const char *p = *s;
	long v = 0;
	int digits = 0;

	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (*p - '0');
		if (++digits > 5)
			return -1;
		p++;
	}
	if (digits == 0 || v < 1 || v > 65535)
		return -1;
	*s = p;
	return v;
}

static int
cmp_range(const void *a, const void *b)
{
	const struct port_range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->hi < y->hi ? -1 : (x->hi > y->hi);
}

int
ports_parse(const char *s, struct port_range **out, size_t *n,
	    char *errbuf, size_t errsize)
{
	struct port_range *v = NULL;
	size_t cnt = 0;

	*out = NULL;
	*n = 0;
	if (s == NULL || *skip_space(s) == '\0') {
		seterr(errbuf, errsize, _("empty port list%s"), "");
		return -1;
	}
	for (;;) {
		const char *start;
		long lo, hi;

		s = skip_space(s);
		start = s;
		lo = read_port(&s);
		if (lo < 0) {
			seterr(errbuf, errsize,
			       _("invalid port near \"%.20s\" (ports are 1 to 65535)"), start);
			goto fail;
		}
		hi = lo;
		s = skip_space(s);
		if (*s == '-') {
			s = skip_space(s + 1);
			hi = read_port(&s);
			if (hi < 0) {
				seterr(errbuf, errsize,
				       _("invalid port range near \"%.20s\" (ports are 1 to 65535)"), start);
				goto fail;
			}
			if (hi < lo) {
				seterr(errbuf, errsize,
				       _("port range \"%.20s\" ends before it starts"), start);
				goto fail;
			}
		}
		if (cnt == PORTS_MAX_ITEMS) {
			seterr(errbuf, errsize, _("too many items in a port list%s"), "");
			goto fail;
		}
		v = xreallocarray(v, cnt + 1, sizeof *v);
		v[cnt].lo = (unsigned)lo;
		v[cnt].hi = (unsigned)hi;
		cnt++;
		s = skip_space(s);
		if (*s == '\0')
			break;
		if (*s != ',') {
			seterr(errbuf, errsize, _("unexpected text in port list: \"%.20s\""), s);
			goto fail;
		}
		s++;
	}
	if (cnt > 1)
		qsort(v, cnt, sizeof *v, cmp_range);
	for (size_t i = 1; i < cnt; i++) {
		if (v[i].lo <= v[i - 1].hi) {
			char what[32];

			snprintf(what, sizeof what, "%u", v[i].lo);
			seterr(errbuf, errsize, _("port %s is listed twice"), what);
			goto fail;
		}
	}
	*out = v;
	*n = cnt;
	return 0;
fail:
	free(v);
	return -1;
}

char *
ports_format(const struct port_range *r, size_t n)
{
	struct sbuf b;

	sbuf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_addc(&b, ',');
		if (r[i].lo == r[i].hi)
			sbuf_addf(&b, "%u", r[i].lo);
		else
			sbuf_addf(&b, "%u-%u", r[i].lo, r[i].hi);
	}
	return sbuf_take(&b);
}

char *
ports_canonical(const char *s, char *errbuf, size_t errsize)
{
	struct port_range *r;
	size_t n;
	char *out;

	if (ports_parse(s, &r, &n, errbuf, errsize) != 0)
		return NULL;
	out = ports_format(r, n);
	free(r);
	return out;
}

static bool
id_char(char c, bool first)
{
	if (c >= 'a' && c <= 'z')
		return true;
	if (first)
		return false;
	return (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool
iface_valid(const char *s)
{
	size_t n;

	if (s == NULL || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
			   (s[0] >= '0' && s[0] <= '9')))
		return false;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
	return s[n] == '\0' && n <= 32;
}

bool
id_valid(const char *s)
{
	size_t i;

	if (s == NULL || !id_char(s[0], true))
		return false;
	for (i = 1; s[i] != '\0'; i++)
		if (!id_char(s[i], false) || i >= ID_MAX)
			return false;
	return true;
}

static int
cmp_lit(const void *a, const void *b)
{
	const struct cond_lit *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : (int)x->neg - (int)y->neg;
}

int
cond_parse(const char *s, struct cond_lit **out, size_t *n,
	   char *errbuf, size_t errsize)
{
	struct cond_lit *v = NULL;
	size_t cnt = 0, w;

	*out = NULL;
	*n = 0;
	if (s == NULL || *skip_space(s) == '\0')
		return 0;
	for (;;) {
		struct cond_lit lit;
		size_t len = 0;

		s = skip_space(s);
		lit.neg = false;
		if (*s == '!') {
			lit.neg = true;
			s = skip_space(s + 1);
		}
		if (!id_char(*s, true)) {
			seterr(errbuf, errsize,
			       _("expected a feature id in condition near \"%.20s\""), s);
			goto fail;
		}
		while (id_char(s[len], false)) {
			if (len == ID_MAX) {
				seterr(errbuf, errsize, _("feature id too long in condition%s"), "");
				goto fail;
			}
			lit.id[len] = s[len];
			len++;
		}
		lit.id[len] = '\0';
		s = skip_space(s + len);
		if (cnt == COND_MAX_LITS) {
			seterr(errbuf, errsize, _("too many terms in condition%s"), "");
			goto fail;
		}
		v = xreallocarray(v, cnt + 1, sizeof *v);
		v[cnt++] = lit;
		if (*s == '\0')
			break;
		if (*s != '&') {
			seterr(errbuf, errsize,
			       _("conditions join features with '&' only, near \"%.20s\""), s);
			goto fail;
		}
		s++;
	}
	if (cnt > 1)
		qsort(v, cnt, sizeof *v, cmp_lit);
	for (size_t i = 1, j = 0; i < cnt; i++, j++) {
		if (strcmp(v[i].id, v[j].id) == 0 && v[i].neg != v[j].neg) {
			seterr(errbuf, errsize,
			       _("condition requires both \"%s\" and its negation"), v[i].id);
			goto fail;
		}
	}
	/* drop repeated literals */
	for (size_t i = w = (cnt > 0); i < cnt; i++)
		if (cmp_lit(&v[i], &v[w - 1]) != 0)
			v[w++] = v[i];
	*out = v;
	*n = w;
	return 0;
fail:
	free(v);
	return -1;
}

char *
cond_format(const struct cond_lit *l, size_t n)
{
	struct sbuf b;

	sbuf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_add(&b, " & ");
		if (l[i].neg)
			sbuf_addc(&b, '!');
		sbuf_add(&b, l[i].id);
	}
	return sbuf_take(&b);
}

int
proto_parse(const char *s)
{
	long v = 0;

	if (s == NULL)
		return -1;
	if (strcmp(s, "tcp") == 0)
		return PROTO_TCP;
	if (strcmp(s, "udp") == 0)
		return PROTO_UDP;
	if (strcmp(s, "icmp") == 0)
		return PROTO_ICMP;
	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v <= 255 ? (int)v : -1;
}

const char *
proto_name(int proto, char buf[8])
{
	switch (proto) {
	case PROTO_TCP: return "tcp";
	case PROTO_UDP: return "udp";
	case PROTO_ICMP: return "icmp";
	default:
		snprintf(buf, 8, "%d", proto);
		return buf;
	}
}

const char *
proto_label(int proto, char buf[32])
{
	switch (proto) {
	case PROTO_TCP: return "TCP";
	case PROTO_UDP: return "UDP";
	case PROTO_ICMP: return "ICMP";
	case 50: return "ESP (IP 50)";
	case 51: return "AH (IP 51)";
	default:
		/* TRANSLATORS: a raw IP protocol number, e.g. "IP protocol 47" */
		snprintf(buf, 32, _("IP protocol %d"), proto);
		return buf;
	}
}

bool
proto_has_ports(int proto)
{
	return proto == PROTO_TCP || proto == PROTO_UDP;
}

static bool
hostname_valid(const char *s)
{
	size_t len = strlen(s), label = 0;
	bool alpha = false;

	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (c == '-') {
			if (label == 0)
				return false;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			alpha = true;
		} else if (!(c >= '0' && c <= '9')) {
			return false;
		}
		if (++label > 63)
			return false;
	}
	/* a trailing dot is allowed; an all-numeric name looks like a
	 * mistyped IPv4 address and is refused */
	return alpha && s[len - 1] != '-';
}

static bool
host_bits_zero(const unsigned char *a, size_t bytes, unsigned prefix)
{
	for (size_t i = 0; i < bytes; i++) {
		unsigned bit = (unsigned)i * 8;
		unsigned char mask;

		if (bit + 8 <= prefix)
			continue;
		mask = bit >= prefix ? 0xff : (unsigned char)(0xff >> (prefix - bit));
		if (a[i] & mask)
			return false;
	}
	return true;
}

enum addr_kind
addr_classify(const char *s)
{
	unsigned char buf[16];
	const char *slash;

	if (s == NULL || *s == '\0' || strlen(s) > 253)
		return ADDR_INVALID;
	if (strcmp(s, "any") == 0)
		return ADDR_ANY;
	slash = strchr(s, '/');
	if (slash != NULL) {
		char host[64];
		size_t hl = (size_t)(slash - s);
		long prefix = 0;
		const char *p = slash + 1;

		if (hl == 0 || hl >= sizeof host || *p == '\0' || strlen(p) > 3)
			return ADDR_INVALID;
		for (; *p != '\0'; p++) {
			if (*p < '0' || *p > '9')
				return ADDR_INVALID;
			prefix = prefix * 10 + (*p - '0');
		}
		memcpy(host, s, hl);
		host[hl] = '\0';
		if (inet_pton(AF_INET, host, buf) == 1)
			return prefix <= 32 && host_bits_zero(buf, 4, (unsigned)prefix)
			    ? ADDR_CIDR4 : ADDR_INVALID;
		if (inet_pton(AF_INET6, host, buf) == 1)
			return prefix <= 128 && host_bits_zero(buf, 16, (unsigned)prefix)
			    ? ADDR_CIDR6 : ADDR_INVALID;
		return ADDR_INVALID;
	}
	if (inet_pton(AF_INET, s, buf) == 1)
		return ADDR_IPV4;
	if (inet_pton(AF_INET6, s, buf) == 1)
		return ADDR_IPV6;
	/* a name pattern of the catalog's kind: "*.box.com" */
	if (s[0] == '*' && s[1] == '.')
		return hostname_valid(s + 2) ? ADDR_HOSTNAME : ADDR_INVALID;
	return hostname_valid(s) ? ADDR_HOSTNAME : ADDR_INVALID;
}
