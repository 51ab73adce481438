/* libFuzzer target: the command line (src/cli/args.c) and the parsers of
 * its values: NAME=VALUE pairs of --place, --address and --zone, feature
 * names, formats and languages.  The input is the arguments, separated by
 * NUL bytes. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "util/netspec.h"
#include "util/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	char *argv[65];
	int argc = 0;
	struct cli_args a;
	char msg[512];

	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = (char *)"portplan";
	for (size_t i = 0; i <= size && argc < 64; ) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	cli_args_init(&a);
	if (cli_parse(argc, argv, &a, msg, sizeof msg) == 0) {
		for (size_t i = 0; i < a.nchoices; i++) {
			const struct cli_choice *c = &a.choices[i];

			if (c->a == NULL)
				abort();
			(void)id_valid(c->a);
			if (c->kind == CHOICE_ADDRESS && c->b != NULL)
				(void)addr_classify(c->b);
			if (c->kind == CHOICE_PLACE && c->b == NULL)
				abort();
		}
	} else if (memchr(msg, '\0', sizeof msg) == NULL) {
		abort();	/* the message is a string */
	}
	cli_args_fini(&a);
	free(buf);
	return 0;
}
