/* ipnet.c: IPv4 and IPv6 networks (see ipnet.h). */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "util/ipnet.h"

enum ip_parse
ip_net_parse(const char *s, struct ip_net *out)
{
	char host[64];
	const char *slash;
	size_t hl;
	long prefix = -1;
	bool host_bits = false;
	unsigned bytes;

	memset(out, 0, sizeof *out);
	if (s == NULL || *s == '\0')
		return IP_INVALID;
	slash = strchr(s, '/');
	hl = slash != NULL ? (size_t)(slash - s) : strlen(s);
	if (hl == 0 || hl >= sizeof host)
		return IP_INVALID;
	memcpy(host, s, hl);
	host[hl] = '\0';
	if (slash != NULL) {
		const char *p = slash + 1;

		if (*p == '\0' || strlen(p) > 3)
			return IP_INVALID;
		prefix = 0;
		for (; *p != '\0'; p++) {
			if (*p < '0' || *p > '9')
				return IP_INVALID;
			prefix = prefix * 10 + (*p - '0');
		}
	}
	if (inet_pton(AF_INET, host, out->a) == 1)
		out->family = 4;
	else if (inet_pton(AF_INET6, host, out->a) == 1)
		out->family = 6;
	else
		return IP_INVALID;
	bytes = out->family == 4 ? 4 : 16;
	if (prefix < 0)
		prefix = (long)bytes * 8;
	if ((unsigned long)prefix > bytes * 8)
		return IP_INVALID;
	out->prefix = (unsigned)prefix;
	for (unsigned i = 0; i < bytes; i++) {
		unsigned bit = i * 8;
		unsigned char keep;

		if (bit + 8 <= out->prefix)
			continue;
		keep = bit >= out->prefix ? 0 : (unsigned char)(0xff << (8 - (out->prefix - bit)));
		if (out->a[i] & (unsigned char)~keep)
			host_bits = true;
		out->a[i] &= keep;
	}
	return host_bits ? IP_HOST_BITS : IP_OK;
}

/* Whether the first PREFIX bits of A and B agree. */
static bool
same_bits(const unsigned char *a, const unsigned char *b, unsigned prefix)
{
	unsigned full = prefix / 8, rest = prefix % 8;

	if (memcmp(a, b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((a[full] ^ b[full]) & (unsigned char)(0xff << (8 - rest))) == 0;
}

bool
ip_net_contains(const struct ip_net *outer, const struct ip_net *inner)
{
	return outer->family == inner->family && inner->prefix >= outer->prefix &&
	       same_bits(outer->a, inner->a, outer->prefix);
}

bool
ip_net_overlaps(const struct ip_net *a, const struct ip_net *b)
{
	return ip_net_contains(a, b) || ip_net_contains(b, a);
}

bool
ip_net_is_host(const struct ip_net *n)
{
	return n->prefix == (n->family == 4 ? 32u : 128u);
}

char *
ip_net_format(const struct ip_net *n, char *buf)
{
	char addr[INET6_ADDRSTRLEN];

	if (inet_ntop(n->family == 4 ? AF_INET : AF_INET6, n->a, addr, sizeof addr) == NULL)
		snprintf(addr, sizeof addr, "?");
	if (ip_net_is_host(n))
		snprintf(buf, IP_NET_TEXT, "%s", addr);
	else
		snprintf(buf, IP_NET_TEXT, "%s/%u", addr, n->prefix);
	return buf;
}
