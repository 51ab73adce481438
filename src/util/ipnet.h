/* ipnet.h: IPv4 and IPv6 addresses and networks, as a plan gives them to
 * endpoints and zones: parsing, containment, formatting.  Pure. */
#ifndef PORTPLAN_UTIL_IPNET_H
#define PORTPLAN_UTIL_IPNET_H

#include <stdbool.h>
#include <stddef.h>

struct ip_net {
	int family;		/* 4 or 6 */
	unsigned char a[16];	/* network order; IPv4 in the first 4 bytes */
	unsigned prefix;	/* 0..32 or 0..128; a host is a full prefix */
};

enum ip_parse {
	IP_OK,
	IP_INVALID,		/* not an address or a network */
	IP_HOST_BITS,		/* a network with host bits set */
};

/* Parses "192.0.2.10", "2001:db8::1", "192.0.2.0/24", "2001:db8::/32".
 * IP_HOST_BITS still fills *OUT, with the host bits cleared: the network
 * the writer probably meant. */
enum ip_parse ip_net_parse(const char *s, struct ip_net *out);
/* Whether OUTER contains INNER (same family, INNER's prefix at least as
 * long, the same leading bits). */
bool ip_net_contains(const struct ip_net *outer, const struct ip_net *inner);
/* Whether two networks share an address. */
bool ip_net_overlaps(const struct ip_net *a, const struct ip_net *b);
/* Canonical text ("192.0.2.0/24", "2001:db8::/32", a host without its
 * prefix) into BUF of at least IP_NET_TEXT bytes; returns BUF. */
#define IP_NET_TEXT 64
char *ip_net_format(const struct ip_net *n, char *buf);
/* Whether the net is a single host. */
bool ip_net_is_host(const struct ip_net *n);

#endif
