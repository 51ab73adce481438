/* Unit tests of the plan-editing engine (src/plan/edit.c) and the session
 * that opens the catalog and a plan for a front end, over the bundled
 * catalog: every rule a front end relies on, with its errors. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan/edit.h"
#include "plan/plan.h"
#include "plan/planfile.h"
#include "plan/session.h"
#include "util/str.h"

static char root[PATH_MAX];
static struct session s;

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
open_session(const char *plan_path, bool may_be_new)
{
	struct session_config cfg;
	struct pp_error err;
	char *db = xasprintf("%s/catalog.sqlite", root);

	memset(&cfg, 0, sizeof cfg);
	cfg.db = db;
	cfg.lang = "en";
	cfg.plan_path = plan_path;
	cfg.plan_may_be_new = may_be_new;
	cr_assert_eq(session_open(&s, &cfg, &err), 0, "%s:%ld: %s", err.file, err.line,
		     err.msg);
	free(db);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(root, sizeof root, "%s/pp-unit-edit-XXXXXX",
		 tmp != NULL && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(root), "mkdtemp: %s", strerror(errno));
	open_session(NULL, false);
}

static void
teardown(void)
{
	session_fini(&s);
	if (root[0] != '\0')
		nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(edit, .init = setup, .fini = teardown);

static bool
has(const char *product, const char *feature)
{
	return plan_has_feature(s.plan, product, feature);
}

Test(edit, product_comes_with_its_defaults)
{
	struct pp_error err;

	cr_assert_eq(edit_select_product(&s.ed, "bems", &err), 0, "%s", err.msg);
	cr_assert(plan_has_product(s.plan, "bems"));
	cr_assert(has("bems", "mail") && has("bems", "core") && has("bems", "ssl"));
	cr_assert(!has("bems", "connect") && !has("bems", "docs"));
	/* selecting it again changes nothing */
	cr_assert_eq(edit_select_product(&s.ed, "bems", &err), 0);
	cr_assert_eq(s.plan->products.n, 1);
}

Test(edit, unknown_product_lists_the_catalog)
{
	struct pp_error err;

	cr_assert_eq(edit_select_product(&s.ed, "nope", &err), -1);
	cr_assert(strstr(err.msg, "unknown product \"nope\"") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "bems") != NULL && strstr(err.msg, "forcepoint") != NULL,
		  "%s", err.msg);
	cr_assert_eq(s.plan->products.n, 0);
}

Test(edit, reselected_product_keeps_its_choices)
{
	struct pp_error err;

	edit_select_product(&s.ed, "bems", &err);
	cr_assert_eq(edit_set_feature(&s.ed, "bems", "connect", true, NULL, &err), 0, "%s",
		     err.msg);
	cr_assert_eq(edit_set_feature(&s.ed, "bems", "dashboard", false, NULL, &err), 0);
	edit_deselect_product(&s.ed, "bems");
	cr_assert(!plan_has_product(s.plan, "bems"));
	cr_assert_eq(s.plan->nfeatures, 0, "the features go with the product");
	edit_select_product(&s.ed, "bems", &err);
	cr_assert(has("bems", "connect"), "connect is back");
	cr_assert(!has("bems", "dashboard"), "dashboard stays off");
	cr_assert(has("bems", "mail"));
	/* a new plan forgets what the old one had */
	edit_deselect_product(&s.ed, "bems");
	session_replace_plan(&s, plan_new());
	edit_select_product(&s.ed, "bems", &err);
	cr_assert(!has("bems", "connect") && has("bems", "dashboard"));
}

Test(edit, one_alternative_of_a_group)
{
	struct pp_error err;
	bool changed;

	edit_select_product(&s.ed, "mis", &err);
	cr_assert_eq(edit_set_feature(&s.ed, "mis", "ex55", true, &changed, &err), 0, "%s",
		     err.msg);
	cr_assert(changed);
	cr_assert(has("mis", "ex55"));
	cr_assert(!has("mis", "ex2000"), "the other alternative went off");
	cr_assert_eq(edit_set_feature(&s.ed, "mis", "ex2000", true, NULL, &err), 0);
	cr_assert(has("mis", "ex2000") && !has("mis", "ex55"));
	cr_assert_eq(edit_set_feature(&s.ed, "mis", "ex2000", true, &changed, &err), 0);
	cr_assert(!changed, "turning on what is on changes nothing");
}

Test(edit, feature_specs_and_their_errors)
{
	struct pp_error err;

	cr_assert_eq(edit_set_feature_spec(&s.ed, "ssl", true, &err), -1);
	cr_assert(strstr(err.msg, "no selected product has a feature \"ssl\"") != NULL,
		  "%s", err.msg);
	cr_assert_eq(edit_set_feature_spec(&s.ed, "bems:ssl", true, &err), -1);
	cr_assert(strstr(err.msg, "product \"bems\" is not selected") != NULL, "%s", err.msg);
	edit_select_product(&s.ed, "bems", &err);
	edit_select_product(&s.ed, "bluemind", &err);
	cr_assert_eq(edit_set_feature_spec(&s.ed, "bems:nope", true, &err), -1);
	cr_assert(strstr(err.msg, "\"bems:nope\"") != NULL, "%s", err.msg);
	/* a bare id names the feature in every selected product that has it */
	cr_assert_eq(edit_set_feature_spec(&s.ed, "connect", true, &err), 0, "%s", err.msg);
	cr_assert(has("bems", "connect"));
	cr_assert_eq(edit_set_feature_spec(&s.ed, "bems:connect", false, &err), 0);
	cr_assert(!has("bems", "connect"));
}

Test(edit, placement)
{
	struct pp_error err;
	bool changed;

	cr_assert_str_eq(edit_endpoint_zone(&s.ed, "bems"), "internal");
	cr_assert_eq(edit_place(&s.ed, "nope", "dmz", NULL, &err), -1);
	cr_assert(strstr(err.msg, "unknown endpoint \"nope\"") != NULL, "%s", err.msg);
	cr_assert_eq(edit_place(&s.ed, "bems", "mars", NULL, &err), -1);
	cr_assert(strstr(err.msg, "unknown zone \"mars\"") != NULL, "%s", err.msg);
	cr_assert_null(plan_endpoint(s.plan, "bems"), "nothing changed on an error");
	/* the catalog's default, chosen explicitly, is recorded */
	cr_assert_eq(edit_place(&s.ed, "bems", "internal", &changed, &err), 0);
	cr_assert(changed);
	cr_assert_str_eq(plan_endpoint(s.plan, "bems")->zone, "internal");
	cr_assert_eq(edit_place(&s.ed, "bems", "internal", &changed, &err), 0);
	cr_assert(!changed, "placing it where it is changes nothing");
	cr_assert_eq(edit_place(&s.ed, "bems", "dmz", &changed, &err), 0);
	cr_assert(changed);
	cr_assert_str_eq(edit_endpoint_zone(&s.ed, "bems"), "dmz");
	cr_assert_str_eq(edit_zone_label(&s.ed, "dmz"), "Perimeter network (DMZ)");
}

Test(edit, zones_of_the_plan)
{
	struct pp_error err;

	cr_assert_eq(edit_define_zone(&s.ed, "Partner", NULL, &err), -1);
	cr_assert(strstr(err.msg, "invalid zone id \"Partner\"") != NULL, "%s", err.msg);
	cr_assert_eq(edit_define_zone(&s.ed, "dmz", "Mine", &err), -1);
	cr_assert(strstr(err.msg, "already a catalog zone") != NULL, "%s", err.msg);
	cr_assert_eq(s.plan->nzones, 0);
	cr_assert_eq(edit_define_zone(&s.ed, "partner-net", NULL, &err), 0);
	cr_assert_str_eq(edit_zone_label(&s.ed, "partner-net"), "partner-net",
			 "no label: the id");
	cr_assert_eq(edit_define_zone(&s.ed, "partner-net", "Partner network", &err), 0);
	cr_assert_str_eq(edit_zone_label(&s.ed, "partner-net"), "Partner network");
	cr_assert(edit_zone_known(&s.ed, "partner-net") && edit_zone_known(&s.ed, "public"));
	cr_assert(!edit_zone_known(&s.ed, "mars"));
	cr_assert_eq(edit_place(&s.ed, "bems", "partner-net", NULL, &err), 0, "%s", err.msg);
}

Test(edit, addresses_all_or_none)
{
	struct pp_error err;
	size_t n;
	char *text;

	cr_assert_eq(edit_add_addresses(&s.ed, "ad", "10.0.0.5, 10.0.0.300", &n, &err), -1);
	cr_assert(strstr(err.msg, "10.0.0.300") != NULL, "%s", err.msg);
	cr_assert_null(plan_address_text(plan_endpoint(s.plan, "ad")), "none added");
	cr_assert_eq(edit_add_addresses(&s.ed, "ad", " , ", &n, &err), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(edit_add_addresses(&s.ed, "ad", "10.0.0.6 dc1.example.org,10.0.0.5", &n,
					&err), 0, "%s", err.msg);
	cr_assert_eq(n, 3);
	text = plan_address_text(plan_endpoint(s.plan, "ad"));
	cr_assert_str_eq(text, "dc1.example.org, 10.0.0.5, 10.0.0.6",
			 "host names first, then addresses, sorted");
	free(text);
	edit_remove_address(&s.ed, "ad", "10.0.0.5");
	edit_remove_address(&s.ed, "sql", "10.0.0.5");	/* nothing there: no entry made */
	cr_assert_null(plan_endpoint(s.plan, "sql"));
	text = plan_address_text(plan_endpoint(s.plan, "ad"));
	cr_assert_str_eq(text, "dc1.example.org, 10.0.0.6");
	free(text);
	cr_assert_eq(edit_add_address(&s.ed, "nope", "10.0.0.1", &err), -1);
	cr_assert(strstr(err.msg, "unknown endpoint") != NULL, "%s", err.msg);
}

Test(edit, details)
{
	struct pp_error err;

	cr_assert_eq(edit_set_meta(&s.ed, PLAN_META_TITLE, "BEMS pilot", &err), 0);
	cr_assert_eq(edit_set_meta(&s.ed, PLAN_META_WINDOW, "Sat 02:00-04:00", &err), 0);
	cr_assert_str_eq(s.plan->meta.title, "BEMS pilot");
	cr_assert_str_eq(s.plan->meta.window, "Sat 02:00-04:00");
	cr_assert_eq(edit_set_meta(&s.ed, PLAN_META_TITLE, "", &err), 0);
	cr_assert_null(s.plan->meta.title, "an empty value clears it");
	cr_assert_eq(edit_set_meta(&s.ed, PLAN_META_EXPIRY, "2027-02-29", &err), -1,
		     "2027 is not a leap year");
	cr_assert(strstr(err.msg, "YYYY-MM-DD") != NULL, "%s", err.msg);
	cr_assert_null(s.plan->meta.expiry, "nothing set on an error");
	cr_assert_eq(edit_set_meta(&s.ed, PLAN_META_EXPIRY, "2028-02-29", &err), 0);
	cr_assert_str_eq(plan_meta_get(&s.plan->meta, PLAN_META_EXPIRY), "2028-02-29");
	cr_assert_str_eq(plan_meta_name(PLAN_META_CHANGE_ID), "change-id");
}

Test(edit, session_reads_a_plan_and_knows_a_new_one)
{
	struct pp_error err;
	char *path = xasprintf("%s/a.portplan", root);

	edit_select_product(&s.ed, "bems", &err);
	edit_place(&s.ed, "bems", "dmz", NULL, &err);
	cr_assert_eq(planfile_save(s.plan, path, 0, &err), 0, "%s", err.msg);
	session_fini(&s);
	open_session(path, false);
	cr_assert(s.path_exists);
	cr_assert_str_eq(s.path, path);
	cr_assert_str_eq(edit_endpoint_zone(&s.ed, "bems"), "dmz");
	cr_assert(plan_equal(s.plan, s.saved), "the saved copy is the plan on disk");
	session_fini(&s);
	free(path);
	path = xasprintf("%s/new.portplan", root);
	open_session(path, true);
	cr_assert(!s.path_exists);
	cr_assert_eq(s.plan->products.n, 0);
	free(path);
}
