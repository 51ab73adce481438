/* placeholder: save and diff (issue 5) */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"

int
cli_cmd_save(struct cli_args *a)
{
	(void)a;
	fprintf(stderr, "portplan: save is not implemented yet\n");
	return EXIT_DATA;
}

int
cli_cmd_diff(struct cli_args *a)
{
	(void)a;
	fprintf(stderr, "portplan: diff is not implemented yet\n");
	return EXIT_DATA;
}
