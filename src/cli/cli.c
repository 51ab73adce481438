#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "plan/plan.h"
#include "plan/session.h"
#include "resolve/resolve.h"
#include "util/file.h"
#include "util/i18n.h"

void
cli_warn(const char *msg)
{
	char *clean = text_clean(msg);

	/* TRANSLATORS: prefix of a warning on the terminal */
	fprintf(stderr, _("portplan: warning: %s\n"), clean);
	free(clean);
}

void
cli_error(const struct pp_error *err)
{
	char buf[2200];

	error_format(err, buf, sizeof buf);
	fprintf(stderr, "portplan: %s\n", buf);
}

const char *
cli_lang(const struct cli_args *a)
{
	return i18n_lang(a != NULL ? a->lang : NULL);
}

static void
session_config(const struct cli_args *a, struct session_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->catalog_dirs = &a->catalog_dirs;
	cfg->db = a->db;
	cfg->lang = cli_lang(a);
}

int
cli_open_catalog(const struct cli_args *a, bool allow_stale, struct catalog **out,
		 struct pp_error *err)
{
	struct session_config cfg;
	struct strlist warnings;
	int rc;

	session_config(a, &cfg);
	cfg.allow_stale = allow_stale;
	strlist_init(&warnings);
	rc = session_open_catalog(&cfg, out, &warnings, err);
	for (size_t i = 0; i < warnings.n; i++)
		cli_warn(warnings.v[i]);
	strlist_fini(&warnings);
	return rc;
}

/* Prefixes ERR's message with "OPTION VALUE: ". */
static void
error_prefix(struct pp_error *err, const char *option, const char *value)
{
	char msg[sizeof err->msg];

	snprintf(msg, sizeof msg, "%s", err->msg);
	error_set(err, NULL, 0, "%s %s: %s", option, value, msg);
}

/* Whether the scenario sets a rule's own lifecycle (needs the rules' ids). */
static bool
has_rule_choices(const struct cli_args *a)
{
	for (size_t i = 0; i < a->nchoices; i++)
		switch (a->choices[i].kind) {
		case CHOICE_RULE_OWNER:
		case CHOICE_RULE_JUSTIFICATION:
		case CHOICE_RULE_EXPIRY:
		case CHOICE_EXCLUDE:
		case CHOICE_INCLUDE:
			return true;
		default:
			break;
		}
	return false;
}

/* One choice of the scenario (not zones, not the rules' lifecycle). */
static int
apply_choice(struct editor *ed, const struct cli_choice *ch, struct pp_error *err)
{
	int rc = 0;

	switch (ch->kind) {
	case CHOICE_PRODUCT:
		return edit_select_product(ed, ch->a, err);
	case CHOICE_FEATURE:
	case CHOICE_NO_FEATURE:
		return edit_set_feature_spec(ed, ch->a, ch->kind == CHOICE_FEATURE, err);
	case CHOICE_PLACE:
		return edit_place_at(ed, ch->scope, ch->a, ch->b, NULL, err);
	case CHOICE_NO_PLACE:
		return edit_unplace(ed, ch->scope, ch->a, NULL, err);
	case CHOICE_ADDRESS:
		rc = ch->scope == NULL && ch->iface == NULL ? edit_add_address(ed, ch->a, ch->b, err) :
			edit_add_address_at(ed, ch->scope, ch->a, ch->iface, ch->b, err);
		if (rc != 0 && edit_endpoint(ed, ch->a) != NULL && strchr(err->msg, ':') == NULL)
			error_prefix(err, "--address", ch->a);
		return rc;
	case CHOICE_NO_ADDRESS:
		return edit_remove_address_at(ed, ch->scope, ch->a, ch->iface, ch->b, err);
	case CHOICE_SUBNET:
		return edit_add_subnet(ed, ch->a, ch->b, err);
	case CHOICE_NO_SUBNET:
		return edit_remove_subnet(ed, ch->a, ch->b, err);
	case CHOICE_FIREWALL:
		return edit_set_firewall(ed, ch->a, ch->b, err);
	case CHOICE_NO_FIREWALL:
		return edit_remove_firewall(ed, ch->a, err);
	case CHOICE_OPTION:
		edit_set_option(ed, strcmp(ch->a, "group-ports") == 0 ? EDIT_OPTION_GROUP_PORTS :
				EDIT_OPTION_TLS_ONLY, strcmp(ch->b, "on") == 0);
		return 0;
	case CHOICE_ZONE:
	case CHOICE_RULE_OWNER:
	case CHOICE_RULE_JUSTIFICATION:
	case CHOICE_RULE_EXPIRY:
	case CHOICE_EXCLUDE:
	case CHOICE_INCLUDE:
		break;
	}
	return 0;
}

/* The rules' own lifecycle, once the plan has recorded their ids. */
static int
apply_rule_choices(const struct cli_args *a, struct editor *ed, struct pp_error *err)
{
	struct resolution *r = NULL;

	if (!has_rule_choices(a))
		return 0;
	/* the ids the change request shows, recorded, so that they can be
	 * named (and keep their meaning in every later revision) */
	if (resolve(ed->cat, ed->plan, &r, err) != 0)
		return -1;
	resolution_record_ids(r, ed->plan);
	resolution_free(&r);
	for (size_t i = 0; i < a->nchoices; i++) {
		const struct cli_choice *ch = &a->choices[i];
		int rc = 0;

		switch (ch->kind) {
		case CHOICE_RULE_OWNER:
			rc = edit_rule_set(ed, ch->a, PLAN_RULE_OWNER, ch->b, err);
			break;
		case CHOICE_RULE_JUSTIFICATION:
			rc = edit_rule_set(ed, ch->a, PLAN_RULE_JUSTIFICATION, ch->b, err);
			break;
		case CHOICE_RULE_EXPIRY:
			rc = edit_rule_set(ed, ch->a, PLAN_RULE_EXPIRY, ch->b, err);
			break;
		case CHOICE_EXCLUDE:
			rc = edit_rule_set(ed, ch->a, PLAN_RULE_EXCLUDED, ch->b, err);
			break;
		case CHOICE_INCLUDE:
			rc = edit_rule_set(ed, ch->a, PLAN_RULE_EXCLUDED, NULL, err);
			break;
		default:
			break;
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

int
cli_apply_scenario(const struct cli_args *a, struct editor *ed, struct pp_error *err)
{
	/* zones first, so that --place may use a zone defined later */
	for (size_t i = 0; i < a->nchoices; i++) {
		const struct cli_choice *ch = &a->choices[i];

		if (ch->kind == CHOICE_ZONE && edit_define_zone(ed, ch->a, ch->b, err) != 0)
			return -1;
	}
	/* subnets before addresses, so that addresses are checked against them */
	for (size_t i = 0; i < a->nchoices; i++)
		if (a->choices[i].kind == CHOICE_SUBNET &&
		    apply_choice(ed, &a->choices[i], err) != 0)
			return -1;
	for (size_t i = 0; i < a->nchoices; i++)
		if (a->choices[i].kind != CHOICE_SUBNET &&
		    apply_choice(ed, &a->choices[i], err) != 0)
			return -1;
	for (int f = 0; f < PLAN_META_COUNT; f++)
		if (a->meta[f] != NULL &&
		    edit_set_meta(ed, (enum plan_meta_field)f, a->meta[f], err) != 0) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			error_set(err, NULL, 0, "--%s: %s", plan_meta_name((enum plan_meta_field)f), msg);
			return -1;
		}
	/* nothing silently without effect: a feature needs what it requires */
	if (edit_check_requirements(ed, err) != 0)
		return -1;
	return apply_rule_choices(a, ed, err);
}

int
cli_open_session(const struct cli_args *a, bool interactive, struct session *s,
		 struct pp_error *err)
{
	struct session_config cfg;
	int rc;

	session_config(a, &cfg);
	cfg.allow_stale = interactive;
	cfg.plan_path = a->files.n > 0 ? a->files.v[0] : NULL;
	cfg.plan_may_be_new = interactive;
	rc = session_open(s, &cfg, err);
	/* the planner shows the notes itself */
	if (!interactive) {
		for (size_t i = 0; i < s->notes.n; i++)
			cli_warn(s->notes.v[i]);
		strlist_fini(&s->notes);
		strlist_init(&s->notes);
	}
	if (rc != 0)
		return -1;
	return cli_apply_scenario(a, &s->ed, err);
}

int
cli_report_resolution(const struct resolution *r, struct pp_error *err)
{
	for (size_t i = 0; i < r->conflicts.n; i++)
		cli_warn(r->conflicts.v[i]);
	for (size_t i = 0; i < r->problems.n; i++)
		cli_warn(r->problems.v[i]);
	if (r->errors.n == 0)
		return 0;
	for (size_t i = 1; i < r->errors.n; i++)
		cli_warn(r->errors.v[i]);
	error_set(err, NULL, 0, "%s", r->errors.v[0]);
	return -1;
}

int
cli_write_output(const struct cli_args *a, const char *data, size_t len,
		 struct pp_error *err)
{
	const char *path = a->output != NULL ? a->output : "-";

	return file_write_atomic(path, data, len, a->force ? 0 : FILE_WRITE_NOREPLACE, err);
}

int
cli_run(struct cli_args *a)
{
	switch (a->cmd) {
	case CMD_EXPORT:
		return cli_cmd_export(a);
	case CMD_LIST:
		return cli_cmd_list(a);
	case CMD_CHECK:
		return cli_cmd_check(a);
	case CMD_SAVE:
		return cli_cmd_save(a);
	case CMD_DIFF:
		return cli_cmd_diff(a);
	case CMD_HELP: {
		char *u = cli_usage();
		fputs(u, stdout);
		free(u);
		return fflush(stdout) == 0 ? 0 : EXIT_DATA;
	}
	case CMD_VERSION:
		printf("%s\n", PACKAGE_STRING);
		return fflush(stdout) == 0 ? 0 : EXIT_DATA;
	case CMD_TUI:
		break;
	}
	return EXIT_USAGE;
}
