/* Placeholder until the TUI lands (issue 4): the helper replaces this file. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"
#include "tui/tui.h"

int
tui_main(struct cli_args *a)
{
	(void)a;
	fprintf(stderr, "portplan: the interactive planner is not built yet; see portplan --help\n");
	return EXIT_USAGE;
}
