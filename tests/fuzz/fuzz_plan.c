/* libFuzzer target: the plan file reader, and the writer on what it read. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "plan/planfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_error err;
	struct plan *p = NULL;
	struct strlist warnings;

	error_clear(&err);
	strlist_init(&warnings);
	if (planfile_parse((const char *)data, size, "fuzz.portplan", &p, &warnings, &err) == 0) {
		/* what was read must write and read back to the same plan */
		char *out = planfile_serialize(p);
		struct plan *q = NULL;

		if (planfile_parse(out, strlen(out), "again.portplan", &q, NULL, &err) != 0 ||
		    !plan_equal(p, q))
			abort();
		plan_free(&q);
		free(out);
	}
	plan_free(&p);
	strlist_fini(&warnings);
	return 0;
}
