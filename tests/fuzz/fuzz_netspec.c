/* libFuzzer target: port lists, conditions, protocols, addresses. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/netspec.h"
#include "util/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char msg[256];
	struct port_range *r;
	struct cond_lit *l;
	size_t n;

	if (ports_parse(s, &r, &n, msg, sizeof msg) == 0) {
		/* canonical text parses back to itself */
		char *c = ports_format(r, n), *c2 = ports_canonical(c, msg, sizeof msg);

		if (c2 == NULL || strcmp(c, c2) != 0)
			abort();
		free(c);
		free(c2);
		free(r);
	}
	if (cond_parse(s, &l, &n, msg, sizeof msg) == 0) {
		char *c = cond_format(l, n);
		struct cond_lit *l2;
		size_t n2;

		if (cond_parse(c, &l2, &n2, msg, sizeof msg) != 0 || n2 != n)
			abort();
		free(l2);
		free(c);
		free(l);
	}
	(void)proto_parse(s);
	(void)addr_classify(s);
	(void)id_valid(s);
	{
		char *clean = text_clean(s);

		if (!text_is_clean(clean))
			abort();
		free(clean);
	}
	free(s);
	return 0;
}
