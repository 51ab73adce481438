/* hash.h: the one hash of the program, 64-bit FNV-1a: source digests and
 * flow digests in the catalog cache (hash_hex) and the string set's slots
 * (hash_fnv1a_str).  Not for anything an adversary must not collide: the
 * cache keys it makes are checked against the content they came from. */
#ifndef PORTPLAN_UTIL_HASH_H
#define PORTPLAN_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a of LEN bytes at DATA. */
uint64_t hash_fnv1a(const void *data, size_t len);
/* FNV-1a of the bytes of S before its NUL (the same value as
 * hash_fnv1a(s, strlen(s)), in one pass). */
uint64_t hash_fnv1a_str(const char *s);
/* hash_fnv1a(DATA, LEN) as 16 lower-case hex digits and a NUL in OUT. */
void hash_hex(const void *data, size_t len, char out[17]);

#endif
