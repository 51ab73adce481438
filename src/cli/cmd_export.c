/* cmd_export.c: portplan export [PLAN] [SCENARIO] --format md|csv [-o FILE] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "export/export.h"
#include "plan/plan.h"
#include "plan/planfile.h"
#include "resolve/drift.h"
#include "resolve/resolve.h"
#include "util/file.h"
#include "util/i18n.h"

/* Prints how the catalog changed since PLAN (read from PATH) was saved. */
static int
warn_drift(struct catalog *c, const struct plan *p, const char *path,
	   struct pp_error *err)
{
	struct strlist changes;

	strlist_init(&changes);
	if (drift_compare(c, p, &changes, err) != 0) {
		strlist_fini(&changes);
		return -1;
	}
	if (changes.n > 0) {
		char *head = xasprintf(_("the catalog has changed since %s was saved; the current catalog is used:"),
				       path);

		cli_warn(head);
		free(head);
	}
	for (size_t i = 0; i < changes.n; i++)
		cli_warn(changes.v[i]);
	strlist_fini(&changes);
	return 0;
}

int
cli_load_plan(const struct cli_args *a, struct catalog *c, struct plan **out,
	      struct pp_error *err)
{
	struct strlist warnings;
	struct plan *p = NULL;

	*out = NULL;
	strlist_init(&warnings);
	if (a->files.n > 0) {
		if (planfile_load(a->files.v[0], &p, &warnings, err) != 0) {
			strlist_fini(&warnings);
			return -1;
		}
	} else
		p = plan_new();
	for (size_t i = 0; i < warnings.n; i++)
		cli_warn(warnings.v[i]);
	strlist_fini(&warnings);
	/* the catalog may have changed since the plan was saved: say what
	 * changed rather than hand over a silently different request (before
	 * the scenario, which may add products the plan has no record of) */
	if (a->files.n > 0 && warn_drift(c, p, a->files.v[0], err) != 0) {
		plan_free(&p);
		return -1;
	}
	if (cli_apply_scenario(a, c, p, err) != 0) {
		plan_free(&p);
		return -1;
	}
	*out = p;
	return 0;
}

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
	struct catalog *c = NULL;
	struct plan *p = NULL;
	struct file_out *o = NULL;
	struct file_out_sink sink;
	struct pp_error err;
	struct sbuf out;
	int rc = EXIT_DATA;

	error_clear(&err);
	sbuf_init(&out);
	if (cli_open_catalog(a, false, &c, &err) != 0 ||
	    cli_load_plan(a, c, &p, &err) != 0)
		goto fail;
	if (p->products.n == 0) {
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
	if (cli_render(a, c, p, &out, &err) != 0 || sbuf_flush(&out) != 0 ||
	    file_out_commit(&o, &err) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	cli_error(&err);
out:
	file_out_abort(&o);
	sbuf_fini(&out);
	plan_free(&p);
	catalog_free(&c);
	return rc;
}
