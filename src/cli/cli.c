#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "plan/plan.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/netspec.h"

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
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

	if (a != NULL && a->lang != NULL)
		return a->lang;
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || *v == '\0')
			continue;
		/* LANGUAGE is ignored by gettext in the C locale */
		if (i == 0) {
			const char *lc = getenv("LC_ALL");
			if (lc == NULL || *lc == '\0')
				lc = getenv("LC_MESSAGES");
			if (lc == NULL || *lc == '\0')
				lc = getenv("LANG");
			if (lc == NULL || strcmp(lc, "C") == 0 || strcmp(lc, "POSIX") == 0)
				continue;
		}
		if (strncmp(v, "de", 2) == 0)
			return "de";
		if (strncmp(v, "fr", 2) == 0)
			return "fr";
		return "en";
	}
	return "en";
}

void
cli_force_lang(const char *lang)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);

	/* gettext ignores LANGUAGE in the C locale; C.UTF-8 always exists */
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
}

int
cli_open_catalog(const struct cli_args *a, bool allow_stale, struct catalog **out,
		 struct pp_error *err)
{
	struct catalog_config cfg;
	struct strlist warnings;
	int rc;

	catalog_config_init(&cfg);
	catalog_config_default_dirs(&cfg);
	strlist_copy(&cfg.dirs, &a->catalog_dirs);
	cfg.db_path = xstrdup(a->db);
	cfg.allow_stale = allow_stale;
	strlist_init(&warnings);
	rc = catalog_open(&cfg, out, &warnings, err);
	for (size_t i = 0; i < warnings.n; i++)
		cli_warn(warnings.v[i]);
	strlist_fini(&warnings);
	catalog_config_fini(&cfg);
	if (rc == 0)
		catalog_set_lang(*out, cli_lang(a));
	return rc;
}

int
cli_add_product(struct catalog *c, struct plan *p, const char *product,
		struct pp_error *err)
{
	struct catalog_features feats;

	if (!catalog_has_product(c, product)) {
		struct catalog_products prods;
		struct sbuf ids;

		if (catalog_products(c, &prods, err) != 0)
			return -1;
		sbuf_init(&ids);
		for (size_t i = 0; i < prods.n; i++)
			sbuf_addf(&ids, "%s%s", i ? ", " : "", prods.v[i].id);
		error_set(err, NULL, 0, _("unknown product \"%s\" (the catalog has: %s)"),
			  product, sbuf_str(&ids));
		sbuf_fini(&ids);
		catalog_list_fini(&prods);
		return -1;
	}
	if (plan_has_product(p, product))
		return 0;
	plan_add_product(p, product);
	if (catalog_features(c, product, &feats, err) != 0)
		return -1;
	for (size_t i = 0; i < feats.n; i++)
		if (feats.v[i].dflt)
			plan_set_feature(p, product, feats.v[i].id, true);
	catalog_list_fini(&feats);
	return 0;
}

/* Turns feature SPEC ("id" or "product:id") on or off in every selected
 * product that has it.  Turning one alternative on turns the others of its
 * group off. */
static int
set_feature(struct catalog *c, struct plan *p, const char *spec, bool on,
	    struct pp_error *err)
{
	struct catalog_features feats;
	const char *colon = strchr(spec, ':');
	char *product = colon != NULL ? xstrndup(spec, (size_t)(colon - spec)) : NULL;
	const char *id = colon != NULL ? colon + 1 : spec;
	int matched = 0;

	if (product != NULL && !plan_has_product(p, product)) {
		error_set(err, NULL, 0,
			  _("feature \"%s\": product \"%s\" is not selected (add --product %s first)"),
			  spec, product, product);
		free(product);
		return -1;
	}
	if (catalog_features(c, product, &feats, err) != 0) {
		free(product);
		return -1;
	}
	for (size_t i = 0; i < feats.n; i++) {
		const struct catalog_feature *f = &feats.v[i];

		if (strcmp(f->id, id) != 0 || !plan_has_product(p, f->product))
			continue;
		matched++;
		if (on && f->group != NULL) {
			for (size_t k = 0; k < feats.n; k++)
				if (k != i && feats.v[k].group != NULL &&
				    strcmp(feats.v[k].product, f->product) == 0 &&
				    strcmp(feats.v[k].group, f->group) == 0)
					plan_set_feature(p, f->product, feats.v[k].id, false);
		}
		plan_set_feature(p, f->product, f->id, on);
	}
	catalog_list_fini(&feats);
	free(product);
	if (matched == 0) {
		error_set(err, NULL, 0,
			  _("no selected product has a feature \"%s\" (see: portplan list features)"),
			  spec);
		return -1;
	}
	return 0;
}

static bool
zone_known(const struct catalog_zones *zones, const struct plan *p, const char *id)
{
	for (size_t i = 0; i < zones->n; i++)
		if (strcmp(zones->v[i].id, id) == 0)
			return true;
	return plan_zone(p, id) != NULL;
}

static bool
endpoint_known(const struct catalog_endpoints *eps, const char *id)
{
	for (size_t i = 0; i < eps->n; i++)
		if (strcmp(eps->v[i].id, id) == 0)
			return true;
	return false;
}

int
cli_apply_scenario(const struct cli_args *a, struct catalog *c, struct plan *p,
		   struct pp_error *err)
{
	struct catalog_zones zones;
	struct catalog_endpoints eps;
	int rc = -1;

	if (catalog_zones(c, &zones, err) != 0)
		return -1;
	if (catalog_endpoints(c, NULL, &eps, err) != 0) {
		catalog_list_fini(&zones);
		return -1;
	}
	/* zones first, so that --place may use a zone defined later */
	for (size_t i = 0; i < a->nchoices; i++) {
		const struct cli_choice *ch = &a->choices[i];

		if (ch->kind != CHOICE_ZONE)
			continue;
		if (!id_valid(ch->a)) {
			error_set(err, NULL, 0,
				  _("invalid zone id \"%s\" (lower-case letters, digits, '-', '_' and '.', starting with a letter)"),
				  ch->a);
			goto out;
		}
		for (size_t k = 0; k < zones.n; k++) {
			if (strcmp(zones.v[k].id, ch->a) == 0) {
				error_set(err, NULL, 0, _("zone \"%s\" is already a catalog zone"), ch->a);
				goto out;
			}
		}
		plan_add_zone(p, ch->a, ch->b != NULL ? ch->b : ch->a);
	}
	for (size_t i = 0; i < a->nchoices; i++) {
		const struct cli_choice *ch = &a->choices[i];

		switch (ch->kind) {
		case CHOICE_PRODUCT:
			if (cli_add_product(c, p, ch->a, err) != 0)
				goto out;
			break;
		case CHOICE_FEATURE:
		case CHOICE_NO_FEATURE:
			if (set_feature(c, p, ch->a, ch->kind == CHOICE_FEATURE, err) != 0)
				goto out;
			break;
		case CHOICE_PLACE:
			if (!endpoint_known(&eps, ch->a)) {
				error_set(err, NULL, 0,
					  _("unknown endpoint \"%s\" (see: portplan list endpoints)"), ch->a);
				goto out;
			}
			if (!zone_known(&zones, p, ch->b)) {
				error_set(err, NULL, 0,
					  _("unknown zone \"%s\" (catalog zones: see portplan list zones; define your own with --zone %s=LABEL)"),
					  ch->b, ch->b);
				goto out;
			}
			plan_place(p, ch->a, ch->b);
			break;
		case CHOICE_ADDRESS:
			if (!endpoint_known(&eps, ch->a)) {
				error_set(err, NULL, 0,
					  _("unknown endpoint \"%s\" (see: portplan list endpoints)"), ch->a);
				goto out;
			}
			if (plan_add_address(p, ch->a, ch->b, err) != 0) {
				char msg[sizeof err->msg];

				snprintf(msg, sizeof msg, "%s", err->msg);
				error_set(err, NULL, 0, "--address %s: %s", ch->a, msg);
				goto out;
			}
			break;
		case CHOICE_ZONE:
			break;
		}
	}
	if (a->title != NULL)
		plan_set_meta(&p->meta.title, a->title);
	if (a->change_id != NULL)
		plan_set_meta(&p->meta.change_id, a->change_id);
	if (a->requester != NULL)
		plan_set_meta(&p->meta.requester, a->requester);
	if (a->window != NULL)
		plan_set_meta(&p->meta.window, a->window);
	if (a->notes != NULL)
		plan_set_meta(&p->meta.notes, a->notes);
	rc = 0;
out:
	catalog_list_fini(&zones);
	catalog_list_fini(&eps);
	return rc;
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
