/* cli.h: the command-line front end over the core. */
#ifndef PORTPLAN_CLI_CLI_H
#define PORTPLAN_CLI_CLI_H

#include "cli/args.h"
#include "util/error.h"
#include "util/str.h"

struct catalog;
struct plan;

/* Exit statuses. */
#define EXIT_DATA 1
#define EXIT_USAGE 2

/* Runs the command in A; returns the exit status. */
int cli_run(struct cli_args *a);

/* Shared by the commands and the TUI. */
/* The language of exported documents and catalog texts: --lang, else the
 * locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else "en".  Static. */
const char *cli_lang(const struct cli_args *a);
/* Makes gettext use LANG ("en", "de", "fr") whatever the locale says
 * (--lang): an admin in Lyon may file a change request in English. */
void cli_force_lang(const char *lang);
/* Opens the catalog named by A's --db and --catalog; prints warnings. */
int cli_open_catalog(const struct cli_args *a, bool allow_stale, struct catalog **out,
		     struct pp_error *err);
/* Applies A's scenario and metadata options to P, checking every name
 * against the catalog.  -1 with ERR on an unknown name or a bad value. */
int cli_apply_scenario(const struct cli_args *a, struct catalog *c, struct plan *p,
		       struct pp_error *err);
/* Turns on the default features of PRODUCT in P. */
int cli_add_product(struct catalog *c, struct plan *p, const char *product,
		    struct pp_error *err);
/* Prints "portplan: MSG" to stderr, cleaned of control characters. */
void cli_error(const struct pp_error *err);
void cli_warn(const char *msg);
/* Writes DATA to A's -o (or stdout), honouring --force. */
int cli_write_output(const struct cli_args *a, const char *data, size_t len,
		     struct pp_error *err);

/* Loads the positional PLAN (or starts an empty plan) and applies A's
 * scenario to it.  Caller-owned *OUT. */
int cli_load_plan(const struct cli_args *a, struct catalog *c, struct plan **out,
		  struct pp_error *err);
/* Resolves P and renders it in A's format into OUT; prints the plan's
 * problems as warnings. */
int cli_render(const struct cli_args *a, struct catalog *c, const struct plan *p,
	       struct sbuf *out, struct pp_error *err);

/* Commands (cmd_*.c). */
int cli_cmd_export(struct cli_args *a);
int cli_cmd_list(struct cli_args *a);
int cli_cmd_check(struct cli_args *a);
int cli_cmd_save(struct cli_args *a);
int cli_cmd_diff(struct cli_args *a);

#endif
