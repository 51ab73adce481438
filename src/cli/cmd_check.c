/* cmd_check.c: portplan check [PLAN | --catalog DIR] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "plan/plan.h"
#include "plan/session.h"
#include "resolve/resolve.h"
#include "util/i18n.h"

static int
check_catalog(const struct cli_args *a)
{
	struct catalog_config cfg;
	struct pp_error err;
	int rc;

	error_clear(&err);
	catalog_config_init(&cfg);
	catalog_config_default_dirs(&cfg);
	strlist_copy(&cfg.dirs, &a->catalog_dirs);
	rc = catalog_check(&cfg.dirs, &err);
	if (rc != 0)
		cli_error(&err);
	else
		for (size_t i = 0; i < cfg.dirs.n; i++) {
			char *dir = text_clean(cfg.dirs.v[i]);

			/* TRANSLATORS: %s is a catalog directory */
			printf(_("%s: catalog OK\n"), dir);
			free(dir);
		}
	catalog_config_fini(&cfg);
	return rc == 0 ? 0 : EXIT_DATA;
}

static int
check_plan(struct cli_args *a)
{
	struct session s;
	struct resolution *r = NULL;
	struct pp_error err;
	int rc = EXIT_DATA;

	error_clear(&err);
	memset(&s, 0, sizeof s);
	if (cli_open_session(a, false, &s, &err) != 0 ||
	    resolve(s.cat, s.plan, &r, &err) != 0) {
		cli_error(&err);
		goto out;
	}
	if (cli_report_resolution(r, &err) != 0) {
		cli_error(&err);
		goto out;
	}
	if (r->conflicts.n > 0) {
		error_set(&err, NULL, 0,
			  P_("%s: %zu port conflict between endpoints that share a host (see above)",
			     "%s: %zu port conflicts between endpoints that share a host (see above)",
			     r->conflicts.n), a->files.v[0], r->conflicts.n);
		cli_error(&err);
		goto out;
	}
	{
		char *name = text_clean(a->files.v[0]);

		printf(_("%s: plan OK\n"), name);
		free(name);
	}
	rc = 0;
out:
	resolution_free(&r);
	session_fini(&s);
	return rc;
}

int
cli_cmd_check(struct cli_args *a)
{
	return a->files.n == 1 ? check_plan(a) : check_catalog(a);
}
