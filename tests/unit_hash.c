/* Unit tests: the one hash (src/util/hash.c), against the published
 * FNV-1a 64-bit test vectors (Fowler, Noll, Vo: the FNV reference code's
 * test suite). */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "util/hash.h"

static const struct {
	const char *in;
	unsigned long long fnv1a;
} vectors[] = {
	{ "", 0xcbf29ce484222325ULL },	/* the offset basis */
	{ "a", 0xaf63dc4c8601ec8cULL },
	{ "b", 0xaf63df4c8601f1a5ULL },
	{ "c", 0xaf63de4c8601eff2ULL },
	{ "foo", 0xdcb27518fed9d577ULL },
	{ "foobar", 0x85944171f73967e8ULL },
	{ "chongo was here!\n", 0x46810940eff5f915ULL },
};

Test(hash, fnv1a_known_vectors)
{
	for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
		const char *s = vectors[i].in;

		cr_assert_eq(hash_fnv1a(s, strlen(s)), vectors[i].fnv1a,
			     "fnv1a(\"%s\") = %016llx", s,
			     (unsigned long long)hash_fnv1a(s, strlen(s)));
		cr_assert_eq(hash_fnv1a_str(s), vectors[i].fnv1a,
			     "the NUL-terminated form agrees for \"%s\"", s);
	}
}

Test(hash, bytes_after_a_nul_count_with_a_length)
{
	static const char data[] = { 'a', '\0', 'b' };

	cr_assert_neq(hash_fnv1a(data, sizeof data), hash_fnv1a("a", 1));
	cr_assert_eq(hash_fnv1a_str(data), hash_fnv1a("a", 1),
		     "the string form stops at the NUL");
}

Test(hash, hex_is_sixteen_lower_case_digits)
{
	char out[17];

	memset(out, 'x', sizeof out);
	hash_hex("", 0, out);
	cr_assert_str_eq(out, "cbf29ce484222325");
	hash_hex("foobar", 6, out);
	cr_assert_str_eq(out, "85944171f73967e8");
	hash_hex("a", 1, out);
	cr_assert_str_eq(out, "af63dc4c8601ec8c");
}
