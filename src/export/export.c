#include "config.h"

#include <stdio.h>

#include <string.h>

#include "export/export.h"
#include "util/i18n.h"

const struct exporter export_formats[] = {
	{
		.name = "md", .ext = ".md",
		.help = N_("Markdown change request for people to read and sign"),
		.write = export_markdown, .write_delta = export_markdown_delta,
	},
	{
		.name = "csv", .ext = ".csv",
		.help = N_("CSV, one row per rule, for ticket systems"),
		.write = export_csv, .write_delta = export_csv_delta,
	},
	{ .name = NULL },
};

const struct exporter *
export_find(const char *name)
{
	for (const struct exporter *e = export_formats; e->name != NULL; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

void
export_format_list(struct sbuf *out, const char *sep, bool delta_only)
{
	bool first = true;

	for (const struct exporter *e = export_formats; e->name != NULL; e++) {
		if (delta_only && e->write_delta == NULL)
			continue;
		if (!first)
			sbuf_add(out, sep);
		sbuf_add(out, e->name);
		first = false;
	}
}

const char *
export_count(char buf[32], size_t n, const char *lang)
{
	const struct i18n_language *l = i18n_language_of(lang);
	const char *sep = l != NULL ? l->group_sep : ",";
	char digits[24];
	size_t nd = (size_t)snprintf(digits, sizeof digits, "%zu", n), o = 0;

	for (size_t i = 0; i < nd && o + 4 < 32; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			for (const char *c = sep; *c != '\0'; c++)
				buf[o++] = *c;
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}
