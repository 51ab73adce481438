/* cmd_plan.c: portplan save [PLAN] [SCENARIO] [METADATA] -o FILE [--force]
 *             portplan diff OLD NEW [--format FORMAT] [-o FILE] */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "export/export.h"
#include "plan/plan.h"
#include "plan/drift.h"
#include "plan/planfile.h"
#include "plan/session.h"
#include "resolve/resolve.h"
#include "util/file.h"
#include "util/i18n.h"

/* Whether A and B name the same existing file. */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
cli_cmd_save(struct cli_args *a)
{
	struct session s;
	struct resolution *r = NULL;
	struct pp_error err;
	char *target = NULL;
	int flags = FILE_WRITE_NOREPLACE;
	int rc = EXIT_DATA;

	error_clear(&err);
	memset(&s, 0, sizeof s);
	if (a->files.n == 0 && !a->has_scenario) {
		error_set(&err, NULL, 0,
			  _("nothing to save: choose a product with --product ID (see: portplan list products)"));
		cli_error(&err);
		return EXIT_DATA;
	}
	if (cli_open_session(a, false, &s, &err) != 0 ||
	    resolve(s.cat, s.plan, &r, &err) != 0)
		goto fail;
	/* names the catalog does not know are kept: say so */
	if (cli_report_resolution(r, &err) != 0)
		goto fail;
	/* never overwrite a file that is not the plan being edited; saving
	 * the plan back to the file it was read from follows a symbolic link
	 * to it (a plan linked into a repository stays linked), any other
	 * link is refused (util/file.h) */
	if (a->force || strcmp(a->output, "-") == 0)
		flags = 0;
	if (a->files.n == 1 && strcmp(a->output, "-") != 0 &&
	    same_file(a->files.v[0], a->output)) {
		flags = 0;
		target = file_resolve_link(a->output);
	} else
		target = xstrdup(a->output);
	if (resolve_save_plan(s.cat, s.plan, target, flags, &err) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	cli_error(&err);
out:
	free(target);
	resolution_free(&r);
	session_fini(&s);
	return rc;
}

/* Loads PATH and notes, as warnings on stderr and in NOTES, how the
 * catalog changed since it was saved. */
static int
load_for_diff(struct catalog *c, const char *path, struct plan **out,
	      struct strlist *notes, struct pp_error *err)
{
	struct strlist warnings, changes;
	int rc = -1;

	strlist_init(&warnings);
	strlist_init(&changes);
	rc = session_load_plan(c, path, out, &warnings, &changes, err);
	for (size_t i = 0; i < warnings.n; i++)
		cli_warn(warnings.v[i]);
	if (rc != 0)
		goto out;
	rc = -1;
	if (changes.n > 0) {
		char *head = xasprintf(_("The catalog has changed since %s was saved. Both plans are resolved against the current catalog, so the rules in place may also differ where these flows changed:"),
				       path);

		cli_warn(head);
		strlist_add(notes, head);
		free(head);
		for (size_t i = 0; i < changes.n; i++) {
			cli_warn(changes.v[i]);
			strlist_add(notes, changes.v[i]);
		}
	}
	rc = 0;
out:
	strlist_fini(&warnings);
	strlist_fini(&changes);
	return rc;
}

/* The plan files of a diff, for its warnings. */
struct diff_files {
	const struct plan *old, *new;
	const char *old_path, *new_path;
};

/* "FILE: problem" on stderr (an export_notify). */
static void
warn_problem(void *arg, const struct plan *p, const char *text)
{
	const struct diff_files *f = arg;
	char *msg = xasprintf("%s: %s", p == f->old ? f->old_path : f->new_path, text);

	cli_warn(msg);
	free(msg);
}

int
cli_cmd_diff(struct cli_args *a)
{
	const struct exporter *ex = export_find(a->format != NULL ? a->format : "md");
	struct catalog *c = NULL;
	struct plan *po = NULL, *pn = NULL;
	struct diff_files files;
	struct export_notify notify;
	struct strlist notes;
	struct pp_error err;
	struct sbuf out;
	int rc = EXIT_DATA;

	if (a->has_scenario) {
		fprintf(stderr, "portplan: %s\n",
			_("diff compares two plan files; it takes no scenario or metadata options"));
		return EXIT_USAGE;
	}
	error_clear(&err);
	strlist_init(&notes);
	sbuf_init(&out);
	if (cli_open_catalog(a, false, &c, &err) != 0 ||
	    load_for_diff(c, a->files.v[0], &po, &notes, &err) != 0 ||
	    load_for_diff(c, a->files.v[1], &pn, &notes, &err) != 0)
		goto fail;
	files.old = po;
	files.new = pn;
	files.old_path = a->files.v[0];
	files.new_path = a->files.v[1];
	notify.problem = warn_problem;
	notify.arg = &files;
	if (export_render_delta(ex, c, po, pn, &notes, cli_lang(a), &notify, &out, &err) != 0 ||
	    cli_write_output(a, out.s != NULL ? out.s : "", out.len, &err) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	cli_error(&err);
out:
	sbuf_fini(&out);
	strlist_fini(&notes);
	plan_free(&po);
	plan_free(&pn);
	catalog_free(&c);
	return rc;
}
