#include "config.h"

#include <string.h>

#include "export/export.h"
#include "util/i18n.h"

const struct exporter export_formats[] = {
	{ "md", ".md", N_("Markdown change request for people to read and sign"),
	  export_markdown },
	{ "csv", ".csv", N_("CSV, one row per rule, for ticket systems"),
	  export_csv },
	{ NULL, NULL, NULL, NULL },
};

const struct exporter *
export_find(const char *name)
{
	for (const struct exporter *e = export_formats; e->name != NULL; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}
