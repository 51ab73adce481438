/* Unit tests: port lists, conditions, protocols, addresses, ids. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>

#include "util/netspec.h"

static char *
canon(const char *s)
{
	char msg[128];
	return ports_canonical(s, msg, sizeof msg);
}

Test(ports, canonical_forms)
{
	char *s;

	s = canon("443");
	cr_assert_str_eq(s, "443");
	free(s);
	s = canon("1434, 1433");
	cr_assert_str_eq(s, "1433,1434");
	free(s);
	s = canon("49152-57500");
	cr_assert_str_eq(s, "49152-57500");
	free(s);
	s = canon("5290,5280,5701-5715");
	cr_assert_str_eq(s, "5280,5290,5701-5715");
	free(s);
}

Test(ports, rejects_bad_input)
{
	const char *bad[] = { "", "0", "65536", "99999999999", "-1", "80-", "90-80",
			      "80,,81", "80 81", "abc", "443,443", "1-100,50", "1e3" };

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		cr_assert_null(canon(bad[i]), "accepted \"%s\"", bad[i]);
}

Test(cond, parse_and_format)
{
	struct cond_lit *l;
	size_t n;
	char msg[128], *s;

	cr_assert_eq(cond_parse("docs & !box", &l, &n, msg, sizeof msg), 0);
	cr_assert_eq(n, 2);
	s = cond_format(l, n);
	cr_assert_str_eq(s, "!box & docs");
	free(s);
	free(l);
	cr_assert_eq(cond_parse("", &l, &n, msg, sizeof msg), 0);
	cr_assert_eq(n, 0);
	free(l);
	cr_assert_neq(cond_parse("ssl & !ssl", &l, &n, msg, sizeof msg), 0);
	cr_assert_neq(cond_parse("ssl | box", &l, &n, msg, sizeof msg), 0);
	cr_assert_neq(cond_parse("&", &l, &n, msg, sizeof msg), 0);
}

Test(proto, names)
{
	char buf[8];

	cr_assert_eq(proto_parse("tcp"), 6);
	cr_assert_eq(proto_parse("50"), 50);
	cr_assert_eq(proto_parse("256"), -1);
	cr_assert_eq(proto_parse("TCP"), -1);
	cr_assert_str_eq(proto_name(17, buf), "udp");
	cr_assert_str_eq(proto_name(51, buf), "51");
}

Test(addr, classify)
{
	cr_assert_eq(addr_classify("10.0.0.1"), ADDR_IPV4);
	cr_assert_eq(addr_classify("2001:db8::1"), ADDR_IPV6);
	cr_assert_eq(addr_classify("10.0.0.0/8"), ADDR_CIDR4);
	cr_assert_eq(addr_classify("2001:db8::/32"), ADDR_CIDR6);
	cr_assert_eq(addr_classify("bems01.example.com"), ADDR_HOSTNAME);
	cr_assert_eq(addr_classify("10.0.0.300"), ADDR_INVALID);
	cr_assert_eq(addr_classify("10.0.0.1/8"), ADDR_INVALID);	/* host bits */
	cr_assert_eq(addr_classify("10.0.0.0/33"), ADDR_INVALID);
	cr_assert_eq(addr_classify("-bad.example"), ADDR_INVALID);
	cr_assert_eq(addr_classify("a b"), ADDR_INVALID);
	cr_assert_eq(addr_classify(""), ADDR_INVALID);
}
