/* placeholder: replaced by the plan file reader/writer (issue 5) */
#include "config.h"

#include "plan/plan.h"
#include "plan/planfile.h"
#include "plan/plan_xsd.h"

int
planfile_load(const char *path, struct plan **out, struct strlist *warnings,
	      struct pp_error *err)
{
	(void)warnings;
	(void)plan_xsd;
	(void)plan_xsd_len;
	*out = NULL;
	error_set(err, path, 0, "plan files are not supported yet");
	return -1;
}
