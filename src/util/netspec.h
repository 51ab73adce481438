/* netspec.h: parsers for the small languages of the catalog and plans:
 * port lists, feature conditions, protocols and addresses.  Pure functions,
 * fuzzed (see tests/fuzz). */
#ifndef PORTPLAN_UTIL_NETSPEC_H
#define PORTPLAN_UTIL_NETSPEC_H

#include <stdbool.h>
#include <stddef.h>

#define PORTS_MAX_ITEMS 1024	/* items in one port list */
#define COND_MAX_LITS 32	/* literals in one condition */
#define ID_MAX 64		/* length of an id */

struct port_range {
	unsigned lo, hi;	/* 1..65535, lo <= hi */
};

/* Parses "443", "1433,1434", "49152-57500" (spaces allowed around items).
 * On success stores a caller-owned array sorted ascending; duplicates and
 * overlaps are errors (a catalog listing a port twice is a typo). */
int ports_parse(const char *s, struct port_range **out, size_t *n,
		char *errbuf, size_t errsize);
/* Canonical text: ascending, ",", ranges "A-B".  Caller-owned. */
char *ports_format(const struct port_range *r, size_t n);
/* Parses then formats; NULL and ERRBUF set on error. */
char *ports_canonical(const char *s, char *errbuf, size_t errsize);

struct cond_lit {
	char id[ID_MAX + 1];
	bool neg;
};

/* Parses a conjunction "docs & !box".  Empty or NULL is "always" (n = 0).
 * A literal and its negation together are an error.  Literals are sorted by
 * id.  Caller-owned array. */
int cond_parse(const char *s, struct cond_lit **out, size_t *n,
	       char *errbuf, size_t errsize);
/* Canonical text "box & !docs" ("" for always).  Caller-owned. */
char *cond_format(const struct cond_lit *l, size_t n);

/* Protocols: the IP protocol number (tcp 6, udp 17, icmp 1). */
#define PROTO_ICMP 1
#define PROTO_TCP 6
#define PROTO_UDP 17
/* "tcp", "udp", "icmp" or "0".."255"; -1 when invalid. */
int proto_parse(const char *s);
/* "tcp", "udp", "icmp" or the number ("50"); static or BUF. */
const char *proto_name(int proto, char buf[8]);
/* A human name: "TCP", "UDP", "ICMP", "ESP (IP 50)", "AH (IP 51)",
 * "IP protocol 47".  Static or BUF. */
const char *proto_label(int proto, char buf[32]);
/* Whether the protocol carries ports (tcp, udp). */
bool proto_has_ports(int proto);

enum addr_kind {
	ADDR_INVALID,
	ADDR_IPV4,
	ADDR_IPV6,
	ADDR_CIDR4,
	ADDR_CIDR6,
	ADDR_HOSTNAME,
	ADDR_ANY,		/* the keyword "any": every address */
};
/* Classifies an address a plan gives an endpoint: an IPv4 or IPv6
 * address, a CIDR range (host bits must be zero), a DNS host name, or the
 * keyword "any" (never a host name). */
enum addr_kind addr_classify(const char *s);

/* True for a catalog or plan id: [a-z][a-z0-9_.-]{0,63}. */
bool id_valid(const char *s);
/* True for an appliance interface's name as vendors write them ("C",
 * "P1", "eth0"): [A-Za-z0-9][A-Za-z0-9_.-]{0,31}. */
bool iface_valid(const char *s);

#endif
