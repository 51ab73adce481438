/* main.c: locale and gettext set-up, then the CLI or the TUI. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "plan/session.h"
#include "tui/tui.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/str.h"

/* SIGTERM, SIGHUP, SIGINT: the temporaries being written (a cache being
 * built, a plan or change request being saved) are removed, then the
 * signal does what it would have done.  The planner installs its own
 * handlers once it runs (it saves a recovery file instead). */
static void
on_fatal_signal(int sig)
{
	file_temp_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_cleanup(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT };

	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa, old;

		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;	/* ignored by whoever started us: stays so */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

/* The planner on the session the command line describes. */
static int
run_planner(const struct cli_args *a)
{
	struct session s;
	struct pp_error err;
	int rc;

	if (!tui_has_terminal()) {
		fprintf(stderr, "portplan: %s\n",
			_("the interactive planner needs a terminal; for scripts see portplan --help (export, list)"));
		return EXIT_USAGE;
	}
	error_clear(&err);
	memset(&s, 0, sizeof s);
	if (cli_open_session(a, true, &s, &err) != 0) {
		cli_error(&err);
		session_fini(&s);
		return EXIT_DATA;
	}
	rc = tui_main(&s);
	session_fini(&s);
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli_args a;
	char msg[512];
	const char *localedir = getenv("PORTPLAN_LOCALEDIR");
	int rc;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);

	install_cleanup();
	cli_args_init(&a);
	if (cli_parse(argc, argv, &a, msg, sizeof msg) != 0) {
		char *clean = text_clean(msg);	/* it may quote an argument */

		fprintf(stderr, "portplan: %s\n", clean);
		free(clean);
		fprintf(stderr, _("Try 'portplan --help' for more information.\n"));
		cli_args_fini(&a);
		return EXIT_USAGE;
	}
	if (a.lang != NULL)
		i18n_force_lang(a.lang);
	rc = a.cmd == CMD_TUI ? run_planner(&a) : cli_run(&a);
	cli_args_fini(&a);
	return rc;
}
