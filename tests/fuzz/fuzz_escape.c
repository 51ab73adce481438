/* libFuzzer target: the escaping of what portplan writes for others to
 * read: text cleaning, CSV fields, Markdown cells, padded terminal cells.
 * Each is checked against what it promises, not only for crashes. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/export.h"
#include "util/str.h"
#include "util/width.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_CTYPE, "C.UTF-8");
	return 0;
}

static bool
formula_start(const char *s)
{
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	       *s == '\r' || *s == '\n' || strncmp(s, "\xef\xbc\x9d", 3) == 0 ||
	       strncmp(s, "\xef\xbc\x8b", 3) == 0 || strncmp(s, "\xef\xbc\x8d", 3) == 0 ||
	       strncmp(s, "\xef\xbc\xa0", 3) == 0;
}

/* An RFC 4180 field reads back as S (after the formula guard's quote). */
static void
check_csv(const char *s)
{
	struct sbuf b;
	const char *p;
	struct sbuf back;

	sbuf_init(&b);
	sbuf_init(&back);
	export_csv_field(&b, s, 1);
	p = sbuf_str(&b);
	if (b.len < 2 || p[0] != '"' || p[b.len - 1] != '"')
		abort();
	for (size_t i = 1; i + 1 < b.len; i++) {
		if (p[i] == '"') {
			if (p[i + 1] != '"' || i + 2 >= b.len)
				abort();	/* a lone quote inside the field */
			i++;
		}
		sbuf_addc(&back, p[i]);
	}
	p = sbuf_str(&back);
	if (formula_start(s)) {
		if (p[0] != '\'' || strcmp(p + 1, s) != 0)
			abort();
	} else if (strcmp(p, s) != 0 || formula_start(p)) {
		abort();
	}
	sbuf_fini(&b);
	sbuf_fini(&back);
}

/* A Markdown cell of cleaned text: no line break, no unescaped pipe, no
 * raw HTML, no bare URL, no block marker at its start. */
static void
check_md(const char *clean)
{
	struct sbuf b;
	const char *p;

	sbuf_init(&b);
	export_md_cell(&b, clean);
	p = sbuf_str(&b);
	for (size_t i = 0; p[i] != '\0'; i++) {
		if (p[i] == '\\' && p[i + 1] != '\0') {
			i++;	/* an escaped character */
			continue;
		}
		if (p[i] == '|' || p[i] == '\n' || p[i] == '\r' || p[i] == '<' || p[i] == '>')
			abort();
		if (p[i] == ':' && p[i + 1] == '/' && p[i + 2] == '/')
			abort();
		if ((i == 0 || !((p[i - 1] >= 'a' && p[i - 1] <= 'z') || (p[i - 1] >= 'A' && p[i - 1] <= 'Z') ||
				 (p[i - 1] >= '0' && p[i - 1] <= '9'))) &&
		    strncasecmp(p + i, "www.", 4) == 0)
			abort();
	}
	if ((p[0] == '-' || p[0] == '+') && (p[1] == ' ' || p[1] == '\0'))
		abort();
	sbuf_fini(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char *clean = text_clean(s);

	if (!text_is_clean(clean))
		abort();
	check_csv(s);
	check_csv(clean);
	check_md(clean);
	for (size_t cols = 0; cols < 24; cols += 5) {
		char *p = text_pad(clean, cols);

		if (text_width(p) != cols)
			abort();
		free(p);
	}
	free(clean);
	free(s);
	return 0;
}
