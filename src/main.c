/* main.c: locale and gettext set-up, then the CLI or the TUI. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/str.h"

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
		cli_force_lang(a.lang);
	if (a.cmd == CMD_TUI)
		rc = tui_main(&a);
	else
		rc = cli_run(&a);
	cli_args_fini(&a);
	return rc;
}
