/* args.h: command-line parsing, pure (no I/O), tested directly. */
#ifndef PORTPLAN_CLI_ARGS_H
#define PORTPLAN_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/plan.h"
#include "util/str.h"

enum cli_command {
	CMD_TUI,
	CMD_EXPORT,
	CMD_LIST,
	CMD_CHECK,
	CMD_DIFF,
	CMD_SAVE,
	CMD_HELP,
	CMD_VERSION,
};

/* One scenario choice, in command-line order (order matters: a later
 * --no-feature undoes an earlier --feature). */
enum cli_choice_kind {
	CHOICE_PRODUCT,
	CHOICE_FEATURE,
	CHOICE_NO_FEATURE,
	CHOICE_PLACE,
	CHOICE_ADDRESS,
	CHOICE_ZONE,
	CHOICE_NO_PLACE,	/* a: endpoint */
	CHOICE_NO_ADDRESS,	/* a: endpoint, b: address or NULL (all) */
	CHOICE_SUBNET,		/* a: zone, b: CIDR */
	CHOICE_NO_SUBNET,
	CHOICE_FIREWALL,	/* a: id, b: "zone,zone,..." */
	CHOICE_NO_FIREWALL,	/* a: id */
	CHOICE_RULE_OWNER,	/* a: rule id, b: value */
	CHOICE_RULE_JUSTIFICATION,
	CHOICE_RULE_EXPIRY,
	CHOICE_EXCLUDE,		/* a: rule id, b: the reason */
	CHOICE_INCLUDE,		/* a: rule id */
	CHOICE_OPTION,		/* a: "group-ports" or "tls-only", b: "on"/"off" */
};

struct cli_choice {
	enum cli_choice_kind kind;
	char *a;	/* product, feature ([PRODUCT:]ID), endpoint, zone id,
			 * firewall id, rule id, option */
	char *b;	/* zone, address, zone label, CIDR, zones, value;
			 * NULL otherwise */
	/* endpoints written [PRODUCT:]ENDPOINT[/INTERFACE]: the parts, NULL
	 * when absent */
	char *scope, *iface;
};

struct cli_args {
	enum cli_command cmd;
	struct cli_choice *choices;
	size_t nchoices;
	struct strlist files;	/* positional: PLAN, OLD NEW, list's WHAT */
	struct strlist catalog_dirs;
	char *format;		/* NULL: the command's default */
	char *output;		/* NULL: stdout */
	char *db;
	char *product;		/* list --product */
	char *lang;
	char *meta[PLAN_META_COUNT];	/* --title ... --notes; NULL: not given */
	bool force;
	bool has_scenario;	/* any scenario or metadata option */
};

void cli_args_init(struct cli_args *a);
void cli_args_fini(struct cli_args *a);

/* Parses ARGV.  On a usage error returns -1 with a message in ERRBUF. */
int cli_parse(int argc, char **argv, struct cli_args *a, char *errbuf, size_t errsize);

/* The --help text (translated), caller-owned. */
char *cli_usage(void);

#endif
