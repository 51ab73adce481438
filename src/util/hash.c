/* hash.c: 64-bit FNV-1a (Fowler, Noll, Vo; the "1a" order: xor, then
 * multiply). */
#include "config.h"

#include <stdio.h>

#include "util/hash.h"

#define FNV1A_OFFSET 0xcbf29ce484222325ULL
#define FNV1A_PRIME 0x100000001b3ULL

uint64_t
hash_fnv1a(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = FNV1A_OFFSET;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV1A_PRIME;
	}
	return h;
}

uint64_t
hash_fnv1a_str(const char *s)
{
	uint64_t h = FNV1A_OFFSET;

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		h ^= *p;
		h *= FNV1A_PRIME;
	}
	return h;
}

void
hash_hex(const void *data, size_t len, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)hash_fnv1a(data, len));
}
