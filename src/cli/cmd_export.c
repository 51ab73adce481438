/* cmd_export.c: portplan export [PLAN] [SCENARIO] [--format FORMAT] [-o FILE] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "export/export.h"
#include "plan/plan.h"
#include "plan/session.h"
#include "util/file.h"
#include "util/i18n.h"

/* A problem with the plan's choices, on stderr (an export_notify). */
static void
warn_problem(void *arg, const struct plan *p, const char *text)
{
	(void)arg;
	(void)p;
	cli_warn(text);
}

int
cli_render(const struct cli_args *a, struct catalog *c, const struct plan *p,
	   struct sbuf *out, struct pp_error *err)
{
	const struct exporter *ex = export_find(a->format != NULL ? a->format : "md");
	const struct export_notify notify = { warn_problem, NULL };

	return export_render(ex, c, p, cli_lang(a), &notify, out, err);
}

int
cli_cmd_export(struct cli_args *a)
{
	struct session s;
	struct file_out *o = NULL;
	struct file_out_sink sink;
	struct pp_error err;
	struct sbuf out;
	int rc = EXIT_DATA;

	error_clear(&err);
	memset(&s, 0, sizeof s);
	sbuf_init(&out);
	if (cli_open_session(a, false, &s, &err) != 0)
		goto fail;
	if (s.plan->products.n == 0) {
		error_set(&err, NULL, 0,
			  _("nothing to export: choose a product with --product ID (see: portplan list products)"));
		goto fail;
	}
	/* the document goes to the (temporary) file as it is made: memory
	 * stays bounded whatever its size; the output appears on commit */
	if (file_out_open(a->output != NULL ? a->output : "-",
			  a->force ? 0 : FILE_WRITE_NOREPLACE, &o, &err) != 0)
		goto fail;
	sink.out = o;
	sink.err = &err;
	sbuf_set_sink(&out, file_out_sink, &sink);
	if (cli_render(a, s.cat, s.plan, &out, &err) != 0 || sbuf_flush(&out) != 0 ||
	    file_out_commit(&o, &err) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	cli_error(&err);
out:
	file_out_abort(&o);
	sbuf_fini(&out);
	session_fini(&s);
	return rc;
}
