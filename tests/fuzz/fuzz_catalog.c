/* libFuzzer target: the catalog loader (prescan, XML, XSD, import). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_error err;

	error_clear(&err);
	(void)catalog_check_buffer("fuzz.xml", (const char *)data, size, &err);
	return 0;
}
