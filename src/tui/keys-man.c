/* keys-man.c: portplan-keys, the man page's key table from the action
 * table (src/tui/actions.def), so that the two never disagree.
 *
 *   portplan-keys                 print the roff block
 *   portplan-keys --check         check that no key has two actions in one place
 *   portplan-keys --update FILE   replace the block between the lines
 *                                 .\" BEGIN KEYS and .\" END KEYS of FILE
 *
 * tests/tui-keys.sh compares the block in man/portplan.1 with the output. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/actions.h"
#include "tui/internal.h"

#define BEGIN_MARK ".\\\" BEGIN KEYS"
#define END_MARK ".\\\" END KEYS"

/* Appends S to OUT with roff escapes: backslash, hyphens, a leading dot
 * or quote. */
static void
roff(struct sbuf *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		sbuf_add(out, "\\&");
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			sbuf_add(out, "\\e");
		else if (*s == '-')
			sbuf_add(out, "\\-");
		else if (*s == '"')
			sbuf_add(out, "\\(dq");
		else
			sbuf_addc(out, *s);
	}
}

static void
block(struct sbuf *out)
{
	sbuf_add(out, ".\\\" Generated from src/tui/actions.def by portplan-keys --update; do not edit.\n");
	for (int sec = 0; sec < TUI_SECTION_COUNT; sec++) {
		bool any = false;

		for (int a = 1; a < ACT_COUNT; a++) {
			const struct tui_action_info *ai = &tui_actions[a];

			if ((int)ai->section != sec)
				continue;
			if (!any) {
				sbuf_add(out, ".SS ");
				roff(out, tui_section_titles[sec]);
				sbuf_addc(out, '\n');
			}
			any = true;
			sbuf_add(out, ".TP\n.B \"");
			roff(out, ai->keys);
			sbuf_add(out, "\"\n");
			roff(out, ai->help);
			sbuf_addc(out, '\n');
		}
	}
}

static int
update(const char *path)
{
	FILE *f = fopen(path, "r");
	struct sbuf out;
	char line[4096];
	int state = 0;		/* 0 before, 1 inside, 2 after the block */

	if (f == NULL) {
		perror(path);
		return 1;
	}
	sbuf_init(&out);
	while (fgets(line, sizeof line, f) != NULL) {
		if (state == 0) {
			sbuf_add(&out, line);
			if (strncmp(line, BEGIN_MARK, strlen(BEGIN_MARK)) == 0) {
				block(&out);
				state = 1;
			}
		} else if (state == 1) {
			if (strncmp(line, END_MARK, strlen(END_MARK)) == 0) {
				sbuf_add(&out, line);
				state = 2;
			}
		} else
			sbuf_add(&out, line);
	}
	fclose(f);
	if (state != 2) {
		fprintf(stderr, "portplan-keys: %s: no \"%s\" ... \"%s\" block\n", path,
			BEGIN_MARK, END_MARK);
		sbuf_fini(&out);
		return 1;
	}
	f = fopen(path, "w");
	if (f == NULL || fputs(sbuf_str(&out), f) == EOF || fclose(f) != 0) {
		perror(path);
		sbuf_fini(&out);
		return 1;
	}
	sbuf_fini(&out);
	return 0;
}

int
main(int argc, char **argv)
{
	struct sbuf out;
	char msg[256];

	if (argc == 2 && strcmp(argv[1], "--check") == 0) {
		int n = tui_keys_check(msg, sizeof msg);

		if (n > 0) {
			fprintf(stderr, "portplan-keys: %d conflict(s), first: %s\n", n, msg);
			return 1;
		}
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--update") == 0)
		return update(argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: portplan-keys [--check | --update MAN-PAGE]\n");
		return 2;
	}
	sbuf_init(&out);
	block(&out);
	fputs(sbuf_str(&out), stdout);
	sbuf_fini(&out);
	return fflush(stdout) == 0 ? 0 : 1;
}
