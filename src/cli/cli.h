/* cli.h: the command-line front end over the core. */
#ifndef PORTPLAN_CLI_CLI_H
#define PORTPLAN_CLI_CLI_H

#include "cli/args.h"
#include "util/error.h"
#include "util/str.h"

struct catalog;
struct editor;
struct plan;
struct resolution;
struct session;

/* Runs the command in A; returns the exit status. */
int cli_run(struct cli_args *a);

/* Shared by the commands and the TUI. */
/* The language of exported documents and catalog texts: --lang, else the
 * locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else "en".  Static. */
const char *cli_lang(const struct cli_args *a);
/* Opens the catalog named by A's --db and --catalog; prints warnings. */
int cli_open_catalog(const struct cli_args *a, bool allow_stale, struct catalog **out,
		     struct pp_error *err);
/* Applies A's scenario and metadata options through the editor, in
 * command-line order (zones first).  -1 with ERR on an unknown name or a
 * bad value. */
int cli_apply_scenario(const struct cli_args *a, struct editor *ed, struct pp_error *err);
/* Opens the catalog and the positional PLAN (or a new plan) as A says and
 * applies A's scenario.  INTERACTIVE (the planner): a stale catalog may be
 * used, a missing PLAN starts a new plan, and the notes stay in S->notes
 * for the planner to show; else they are printed as warnings.  Free S
 * with session_fini in any case. */
int cli_open_session(const struct cli_args *a, bool interactive, struct session *s,
		     struct pp_error *err);
/* Prints R's conflicts and problems as warnings; -1 with ERR (the first
 * error, the others printed) when the plan is wrong for the site. */
int cli_report_resolution(const struct resolution *r, struct pp_error *err);
/* Prints "portplan: MSG" to stderr, cleaned of control characters. */
void cli_error(const struct pp_error *err);
void cli_warn(const char *msg);
/* Writes DATA to A's -o (or stdout), honouring --force. */
int cli_write_output(const struct cli_args *a, const char *data, size_t len,
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
