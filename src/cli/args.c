#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "export/export.h"
#include "plan/plan.h"
#include "util/i18n.h"

enum {
	OPT_PRODUCT = 'p',
	OPT_FEATURE = 'f',
	OPT_OUTPUT = 'o',
	OPT_HELP = 'h',
	OPT_VERSION = 'V',
	OPT_NO_FEATURE = 256,
	OPT_PLACE,
	OPT_ADDRESS,
	OPT_ZONE,
	OPT_FORMAT,
	OPT_DB,
	OPT_CATALOG,
	OPT_LANG,
	OPT_FORCE,
	OPT_NO_PLACE,
	OPT_NO_ADDRESS,
	OPT_SUBNET,
	OPT_NO_SUBNET,
	OPT_FIREWALL,
	OPT_NO_FIREWALL,
	OPT_RULE_OWNER,
	OPT_RULE_JUSTIFICATION,
	OPT_RULE_EXPIRY,
	OPT_EXCLUDE,
	OPT_INCLUDE,
	OPT_GROUP_PORTS,
	OPT_NO_GROUP_PORTS,
	OPT_TLS_ONLY,
	OPT_NO_TLS_ONLY,
	OPT_META,		/* + enum plan_meta_field: --title ... --notes */
};

static const struct option long_options[] = {
	{ "product", required_argument, NULL, OPT_PRODUCT },
	{ "feature", required_argument, NULL, OPT_FEATURE },
	{ "no-feature", required_argument, NULL, OPT_NO_FEATURE },
	{ "place", required_argument, NULL, OPT_PLACE },
	{ "address", required_argument, NULL, OPT_ADDRESS },
	{ "zone", required_argument, NULL, OPT_ZONE },
	{ "no-place", required_argument, NULL, OPT_NO_PLACE },
	{ "no-address", required_argument, NULL, OPT_NO_ADDRESS },
	{ "subnet", required_argument, NULL, OPT_SUBNET },
	{ "no-subnet", required_argument, NULL, OPT_NO_SUBNET },
	{ "firewall", required_argument, NULL, OPT_FIREWALL },
	{ "no-firewall", required_argument, NULL, OPT_NO_FIREWALL },
	{ "rule-owner", required_argument, NULL, OPT_RULE_OWNER },
	{ "rule-justification", required_argument, NULL, OPT_RULE_JUSTIFICATION },
	{ "rule-expiry", required_argument, NULL, OPT_RULE_EXPIRY },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "include", required_argument, NULL, OPT_INCLUDE },
	{ "group-ports", no_argument, NULL, OPT_GROUP_PORTS },
	{ "no-group-ports", no_argument, NULL, OPT_NO_GROUP_PORTS },
	{ "tls-only", no_argument, NULL, OPT_TLS_ONLY },
	{ "no-tls-only", no_argument, NULL, OPT_NO_TLS_ONLY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "db", required_argument, NULL, OPT_DB },
	{ "catalog", required_argument, NULL, OPT_CATALOG },
	{ "lang", required_argument, NULL, OPT_LANG },
#define X(e, field, name) { name, required_argument, NULL, OPT_META + PLAN_META_##e },
	PLAN_META_FIELDS(X)
#undef X
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const struct {
	const char *name;
	enum cli_command cmd;
} commands[] = {
	{ "export", CMD_EXPORT },
	{ "list", CMD_LIST },
	{ "check", CMD_CHECK },
	{ "diff", CMD_DIFF },
	{ "save", CMD_SAVE },
	{ "help", CMD_HELP },
};

void
cli_args_init(struct cli_args *a)
{
	memset(a, 0, sizeof *a);
	strlist_init(&a->files);
	strlist_init(&a->catalog_dirs);
}

void
cli_args_fini(struct cli_args *a)
{
	for (size_t i = 0; i < a->nchoices; i++) {
		free(a->choices[i].a);
		free(a->choices[i].b);
		free(a->choices[i].scope);
		free(a->choices[i].iface);
	}
	free(a->choices);
	strlist_fini(&a->files);
	strlist_fini(&a->catalog_dirs);
	free(a->format);
	free(a->output);
	free(a->db);
	free(a->product);
	free(a->lang);
	for (int f = 0; f < PLAN_META_COUNT; f++)
		free(a->meta[f]);
	memset(a, 0, sizeof *a);
}

static void
add_choice(struct cli_args *a, enum cli_choice_kind kind, const char *x, const char *y)
{
	a->choices = xreallocarray(a->choices, a->nchoices + 1, sizeof *a->choices);
	memset(&a->choices[a->nchoices], 0, sizeof *a->choices);
	a->choices[a->nchoices].kind = kind;
	a->choices[a->nchoices].a = xstrdup(x);
	a->choices[a->nchoices].b = xstrdup(y);
	a->nchoices++;
	a->has_scenario = true;
}

/* Splits the last choice's endpoint "[PRODUCT:]ENDPOINT[/INTERFACE]"
 * (IFACE_OK: whether an interface may be named). */
static int
split_endpoint(struct cli_args *a, const char *opt, bool iface_ok, char *errbuf,
	       size_t errsize)
{
	struct cli_choice *ch = &a->choices[a->nchoices - 1];
	char *colon = strchr(ch->a, ':'), *slash = strchr(ch->a, '/'), *id;

	if (slash != NULL) {
		if (!iface_ok || slash[1] == '\0') {
			snprintf(errbuf, errsize, iface_ok ?
				 _("--%1$s %2$s: no interface after \"/\"") :
				 _("--%1$s %2$s: an interface has addresses, not a zone (place ENDPOINT, not ENDPOINT/INTERFACE)"),
				 opt, ch->a);
			return -1;
		}
		ch->iface = xstrdup(slash + 1);
		*slash = '\0';
	}
	if (colon != NULL) {
		if (colon == ch->a || colon[1] == '\0') {
			snprintf(errbuf, errsize, _("--%1$s %2$s: write PRODUCT:ENDPOINT"), opt, ch->a);
			return -1;
		}
		ch->scope = xstrndup(ch->a, (size_t)(colon - ch->a));
		id = xstrdup(colon + 1);
		free(ch->a);
		ch->a = id;
	}
	return 0;
}

/* Splits "A=B" for --place, --address, --zone. */
static int
add_pair(struct cli_args *a, enum cli_choice_kind kind, const char *opt,
	 const char *arg, bool b_optional, char *errbuf, size_t errsize)
{
	const char *eq = strchr(arg, '=');
	char *left;

	if (eq == NULL && b_optional) {
		add_choice(a, kind, arg, NULL);
		return 0;
	}
	if (eq == NULL || eq == arg || eq[1] == '\0') {
		snprintf(errbuf, errsize, _("--%s expects NAME=VALUE, got \"%s\""), opt, arg);
		return -1;
	}
	left = xstrndup(arg, (size_t)(eq - arg));
	add_choice(a, kind, left, eq + 1);
	free(left);
	return 0;
}

static void
set_str(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

int
cli_parse(int argc, char **argv, struct cli_args *a, char *errbuf, size_t errsize)
{
	int c;

	errbuf[0] = '\0';
	a->cmd = CMD_TUI;
	/* GNU getopt permutes: options may come before or after the command
	 * and its arguments; the first positional argument that names a
	 * command is the command. */
	optind = 0;
	opterr = 0;
	{
		int sub_argc = argc;
		char **sub_argv = argv;

		while ((c = getopt_long(sub_argc, sub_argv, ":p:f:o:hV", long_options, NULL)) != -1) {
			switch (c) {
			case OPT_PRODUCT:
				add_choice(a, CHOICE_PRODUCT, optarg, NULL);
				break;
			case OPT_FEATURE:
				add_choice(a, CHOICE_FEATURE, optarg, NULL);
				break;
			case OPT_NO_FEATURE:
				add_choice(a, CHOICE_NO_FEATURE, optarg, NULL);
				break;
			case OPT_PLACE:
				if (add_pair(a, CHOICE_PLACE, "place", optarg, false, errbuf, errsize) != 0 ||
				    split_endpoint(a, "place", false, errbuf, errsize) != 0)
					return -1;
				break;
			case OPT_ADDRESS:
				if (add_pair(a, CHOICE_ADDRESS, "address", optarg, false, errbuf, errsize) != 0 ||
				    split_endpoint(a, "address", true, errbuf, errsize) != 0)
					return -1;
				break;
			case OPT_NO_PLACE:
				add_choice(a, CHOICE_NO_PLACE, optarg, NULL);
				if (split_endpoint(a, "no-place", false, errbuf, errsize) != 0)
					return -1;
				break;
			case OPT_NO_ADDRESS:
				if (add_pair(a, CHOICE_NO_ADDRESS, "no-address", optarg, true, errbuf,
					     errsize) != 0 ||
				    split_endpoint(a, "no-address", true, errbuf, errsize) != 0)
					return -1;
				break;
			case OPT_SUBNET:
			case OPT_NO_SUBNET:
			case OPT_FIREWALL:
			case OPT_RULE_OWNER:
			case OPT_RULE_JUSTIFICATION:
			case OPT_RULE_EXPIRY:
			case OPT_EXCLUDE: {
				static const struct { int opt; enum cli_choice_kind kind; const char *name; } pairs[] = {
					{ OPT_SUBNET, CHOICE_SUBNET, "subnet" },
					{ OPT_NO_SUBNET, CHOICE_NO_SUBNET, "no-subnet" },
					{ OPT_FIREWALL, CHOICE_FIREWALL, "firewall" },
					{ OPT_RULE_OWNER, CHOICE_RULE_OWNER, "rule-owner" },
					{ OPT_RULE_JUSTIFICATION, CHOICE_RULE_JUSTIFICATION, "rule-justification" },
					{ OPT_RULE_EXPIRY, CHOICE_RULE_EXPIRY, "rule-expiry" },
					{ OPT_EXCLUDE, CHOICE_EXCLUDE, "exclude" },
				};

				for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
					if (pairs[k].opt == c &&
					    add_pair(a, pairs[k].kind, pairs[k].name, optarg, false, errbuf,
						     errsize) != 0)
						return -1;
				break;
			}
			case OPT_NO_FIREWALL:
				add_choice(a, CHOICE_NO_FIREWALL, optarg, NULL);
				break;
			case OPT_INCLUDE:
				add_choice(a, CHOICE_INCLUDE, optarg, NULL);
				break;
			case OPT_GROUP_PORTS:
			case OPT_NO_GROUP_PORTS:
				add_choice(a, CHOICE_OPTION, "group-ports", c == OPT_GROUP_PORTS ? "on" : "off");
				break;
			case OPT_TLS_ONLY:
			case OPT_NO_TLS_ONLY:
				add_choice(a, CHOICE_OPTION, "tls-only", c == OPT_TLS_ONLY ? "on" : "off");
				break;
			case OPT_ZONE:
				if (add_pair(a, CHOICE_ZONE, "zone", optarg, true, errbuf, errsize) != 0)
					return -1;
				break;
			case OPT_FORMAT: set_str(&a->format, optarg); break;
			case OPT_OUTPUT: set_str(&a->output, optarg); break;
			case OPT_DB: set_str(&a->db, optarg); break;
			case OPT_CATALOG: strlist_add(&a->catalog_dirs, optarg); break;
			case OPT_LANG: set_str(&a->lang, optarg); break;
			case OPT_FORCE: a->force = true; break;
			case OPT_HELP: a->cmd = CMD_HELP; return 0;
			case OPT_VERSION: a->cmd = CMD_VERSION; return 0;
			case ':':
				snprintf(errbuf, errsize, _("option %s needs a value"),
					 sub_argv[optind - 1]);
				return -1;
			default:
				if (c >= OPT_META && c < OPT_META + PLAN_META_COUNT) {
					set_str(&a->meta[c - OPT_META], optarg);
					a->has_scenario = true;
					break;
				}
				snprintf(errbuf, errsize, _("unknown option \"%s\""),
					 sub_argv[optind - 1]);
				return -1;
			}
		}
		for (int i = optind; i < sub_argc; i++)
			strlist_add(&a->files, sub_argv[i]);
	}
	if (a->files.n > 0) {
		for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
			if (strcmp(a->files.v[0], commands[i].name) == 0) {
				a->cmd = commands[i].cmd;
				free(a->files.v[0]);
				memmove(a->files.v, a->files.v + 1,
					(a->files.n - 1) * sizeof *a->files.v);
				a->files.n--;
				break;
			}
		}
	}
	if (a->cmd == CMD_HELP)
		return 0;

	if (a->output != NULL && a->output[0] == '\0') {
		snprintf(errbuf, errsize, _("-o needs a file name (- for standard output)"));
		return -1;
	}
	if (a->format != NULL && a->cmd != CMD_LIST) {
		/* the registry's formats; for diff, those with a delta */
		const struct exporter *ex = export_find(a->format);
		bool delta = a->cmd == CMD_DIFF;

		if (ex == NULL || (delta && ex->write_delta == NULL)) {
			struct sbuf names;

			sbuf_init(&names);
			export_format_list(&names, ", ", delta);
			/* TRANSLATORS: %2$s lists the formats: "md, csv" */
			snprintf(errbuf, errsize, _("unknown format \"%1$s\" (formats: %2$s)"),
				 a->format, sbuf_str(&names));
			sbuf_fini(&names);
			return -1;
		}
	}
	if (a->lang != NULL && i18n_language(a->lang) == NULL) {
		char langs[64];

		/* TRANSLATORS: %2$s lists the languages: "en, de, fr" */
		snprintf(errbuf, errsize, _("unknown language \"%1$s\" (languages: %2$s)"), a->lang,
			 i18n_language_list(langs, sizeof langs, ", "));
		return -1;
	}
	switch (a->cmd) {
	case CMD_TUI:
		if (a->files.n > 1) {
			snprintf(errbuf, errsize, _("unknown command \"%s\""), a->files.v[0]);
			return -1;
		}
		if (a->files.n == 1 && strchr(a->files.v[0], '.') == NULL &&
		    strchr(a->files.v[0], '/') == NULL) {
			snprintf(errbuf, errsize,
				 _("unknown command \"%s\" (a plan file is named like NAME.portplan)"),
				 a->files.v[0]);
			return -1;
		}
		break;
	case CMD_EXPORT:
	case CMD_CHECK:
		if (a->files.n > 1) {
			snprintf(errbuf, errsize, _("too many arguments"));
			return -1;
		}
		if (a->cmd == CMD_CHECK && a->has_scenario) {
			snprintf(errbuf, errsize, _("check takes a plan file or --catalog DIR, not a scenario"));
			return -1;
		}
		break;
	case CMD_LIST:
		if (a->files.n != 1) {
			snprintf(errbuf, errsize,
				 _("list needs one of: products, features, endpoints, zones, flows, gaps"));
			return -1;
		}
		{
			static const char *const what[] = {
				"products", "features", "endpoints", "zones", "flows", "gaps",
			};
			bool ok = false;

			for (size_t i = 0; i < sizeof what / sizeof *what; i++)
				ok |= strcmp(a->files.v[0], what[i]) == 0;
			if (!ok) {
				snprintf(errbuf, errsize,
					 _("cannot list \"%s\" (use products, features, endpoints, zones, flows or gaps)"),
					 a->files.v[0]);
				return -1;
			}
		}
		if (a->format != NULL && strcmp(a->format, "text") != 0 &&
		    strcmp(a->format, "csv") != 0) {
			snprintf(errbuf, errsize, _("list formats are text and csv, not \"%s\""), a->format);
			return -1;
		}
		for (size_t i = 0; i < a->nchoices; i++) {
			if (a->choices[i].kind != CHOICE_PRODUCT || a->product != NULL) {
				snprintf(errbuf, errsize, _("list takes at most one --product"));
				return -1;
			}
			a->product = xstrdup(a->choices[i].a);
		}
		break;
	case CMD_DIFF:
		if (a->files.n != 2) {
			snprintf(errbuf, errsize, _("diff needs two plan files: OLD NEW"));
			return -1;
		}
		break;
	case CMD_SAVE:
		if (a->output == NULL || strcmp(a->output, "-") == 0) {
			if (a->output == NULL) {
				snprintf(errbuf, errsize, _("save needs -o FILE"));
				return -1;
			}
		}
		if (a->files.n > 1) {
			snprintf(errbuf, errsize, _("too many arguments"));
			return -1;
		}
		break;
	case CMD_HELP:
	case CMD_VERSION:
		break;
	}
	return 0;
}

/* The --help text, a section at a time and an option a line at a time
 * (each line one message: adding an option adds one translation). */
static const char *const scenario_help[] = {
	N_("  -p, --product ID          select a product (and its default features)\n"),
	N_("  -f, --feature [PRODUCT:]ID  turn a feature or service on\n"),
	N_("      --no-feature [PRODUCT:]ID  turn a feature or service off\n"),
	N_("      --place ENDPOINT=ZONE place an endpoint in a zone\n"),
	N_("      --address ENDPOINT=ADDR  give an endpoint an IPv4/IPv6 address,\n"
	   "                            a CIDR range or a host name\n"),
	N_("                            (PRODUCT:ENDPOINT: for one product only;\n"
	   "                            ENDPOINT/INTERFACE: an appliance interface;\n"
	   "                            ADDR any: every address)\n"),
	N_("      --no-place [PRODUCT:]ENDPOINT  back to the default zone\n"),
	N_("      --no-address [PRODUCT:]ENDPOINT[/INTERFACE][=ADDR]  remove an address\n"
	   "                            (all of them without =ADDR)\n"),
	N_("      --zone ID[=LABEL]     define a zone of your own\n"),
	N_("      --subnet ZONE=CIDR    a network of a zone; addresses must lie in one\n"),
	N_("      --no-subnet ZONE=CIDR remove a subnet\n"),
	N_("      --firewall ID=ZONE,ZONE[,...]  a firewall with interfaces in the zones\n"),
	N_("      --no-firewall ID      remove a firewall\n"),
	N_("      --group-ports, --no-group-ports  one rule per source, destination\n"
	   "                            and protocol, with all its ports\n"),
	N_("      --tls-only, --no-tls-only  open the TLS twin only, not the plaintext port\n"),
};

static const char *const rules_help[] = {
	N_("      --rule-owner ID=NAME, --rule-justification ID=TEXT,\n"
	   "      --rule-expiry ID=YYYY-MM-DD  a rule's own lifecycle, by its stable id\n"),
	N_("      --exclude ID=REASON   leave a rule out (listed as excluded, with the reason)\n"),
	N_("      --include ID          take an excluded rule back\n"),
};

static const char *const details_help[] = {
	N_("      --title TEXT          the change request's title\n"),
	N_("      --change-id ID        its ticket or change number\n"),
	N_("      --requester NAME      who asks for the change\n"),
	N_("      --owner NAME          who owns the openings\n"),
	N_("      --justification TEXT  the business justification\n"),
	N_("      --window TEXT         the implementation window\n"),
	N_("      --expiry YYYY-MM-DD   when the openings expire or are reviewed\n"),
	N_("      --notes TEXT          notes for the approver\n"),
};

static const char *const options_help[] = {
	N_("      --format FORMAT       output format (see below)\n"),
	N_("  -o, --output FILE         write to FILE (\"-\" for standard output)\n"),
	N_("      --force               overwrite an existing file\n"),
	NULL,	/* --lang, with the languages */
	N_("      --catalog DIR         also read catalog sources from DIR\n"),
	N_("      --db PATH             catalog cache (default:\n"
	   "                            $XDG_CACHE_HOME/portplan/catalog.sqlite)\n"),
	N_("  -h, --help                show this help and exit\n"),
	N_("  -V, --version             show the version and exit\n"),
};

static void
add_rows(struct sbuf *b, const char *heading, const char *const *rows, size_t n,
	 const char *langs)
{
	sbuf_addf(b, "\n%s\n", heading);
	for (size_t i = 0; i < n; i++) {
		if (rows[i] != NULL)
			sbuf_add(b, _(rows[i]));
		else
			/* TRANSLATORS: %s lists the languages ("en|de|fr"),
			   padded to 14 columns: keep the width so that the
			   descriptions stay aligned */
			sbuf_addf(b, _("      --lang %-14s language of the exported document\n"), langs);
	}
}

char *
cli_usage(void)
{
	struct sbuf b, formats, deltas;
	char langs[64];

	sbuf_init(&b);
	sbuf_init(&formats);
	sbuf_init(&deltas);
	export_format_list(&formats, "|", false);
	export_format_list(&deltas, "|", true);
	i18n_language_list(langs, sizeof langs, "|");
	/* TRANSLATORS: %1$s lists the export formats ("md|csv"), %2$s those
	   of diff */
	sbuf_addf(&b, _("Usage: portplan [PLAN]\n"
		       "       portplan export [PLAN] [SCENARIO] [--format %1$s] [-o FILE|-]\n"
		       "       portplan save [PLAN] [SCENARIO] [DETAILS] -o FILE [--force]\n"
		       "       portplan list products|features|endpoints|zones|flows|gaps\n"
		       "                     [--product ID] [--format text|csv]\n"
		       "       portplan check [PLAN | --catalog DIR]\n"
		       "       portplan diff OLD NEW [--format %2$s] [-o FILE|-]\n"),
		  sbuf_str(&formats), sbuf_str(&deltas));
	sbuf_addf(&b, "\n%s", _("Plan the firewall openings an enterprise messaging product needs and\n"
				"write the change request.  Without a command, open the interactive planner.\n"));
	add_rows(&b, _("Scenario (each option may be repeated):"), scenario_help,
		 sizeof scenario_help / sizeof *scenario_help, langs);
	add_rows(&b, _("Change-request details:"), details_help,
		 sizeof details_help / sizeof *details_help, langs);
	add_rows(&b, _("Rules (by the id the change request gives them):"), rules_help,
		 sizeof rules_help / sizeof *rules_help, langs);
	add_rows(&b, _("Options:"), options_help, sizeof options_help / sizeof *options_help,
		 langs);
	sbuf_addf(&b, "\n%s\n", _("Export formats:"));
	sbuf_fini(&formats);
	sbuf_fini(&deltas);
	for (const struct exporter *e = export_formats; e->name != NULL; e++)
		sbuf_addf(&b, "  %-24s  %s\n", e->name, _(e->help));
	sbuf_add(&b, _("\n"
		       "Exit status: 0 success, 1 data or user error, 2 usage error.\n"
		       "\n"
		       "Example:\n"
		       "  portplan export --product bems --feature ssl --place bems=dmz --format md\n"));
	return sbuf_take(&b);
}
