/* cmd_export.c: portplan export [PLAN] [SCENARIO] --format md|csv [-o FILE] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "export/export.h"
#include "plan/plan.h"
#include "plan/session.h"
#include "resolve/resolve.h"
#include "util/file.h"
#include "util/i18n.h"

int
cli_render(const struct cli_args *a, struct catalog *c, const struct plan *p,
	   struct sbuf *out, struct pp_error *err)
{
	const struct exporter *ex = export_find(a->format != NULL ? a->format : "md");
	struct resolution *r = NULL;
	struct export_input in;
	int rc;

	/* CSV is a machine format: English catalog texts unless --lang asks
	 * otherwise, whatever the locale */
	if (strcmp(ex->name, "csv") == 0 && a->lang == NULL)
		catalog_set_lang(c, "en");
	if (resolve(c, p, &r, err) != 0)
		return -1;
	for (size_t i = 0; i < r->problems.n; i++)
		cli_warn(r->problems.v[i]);
	in.plan = p;
	in.res = r;
	in.catalog_lang = cli_lang(a);
	rc = ex->write(&in, out, err);
	resolution_free(&r);
	return rc;
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
