/* export.h: change-request writers, one per format, in one registry.
 * `--help`, the man page and the TUI's format list read the registry. */
#ifndef PORTPLAN_EXPORT_EXPORT_H
#define PORTPLAN_EXPORT_EXPORT_H

#include <stddef.h>

#include "util/error.h"
#include "util/str.h"

struct plan;
struct resolution;

struct export_input {
	const struct plan *plan;
	const struct resolution *res;
	const char *catalog_lang;	/* language of catalog texts */
};

struct exporter {
	const char *name;	/* "md", "csv" */
	const char *ext;	/* ".md" */
	const char *help;	/* N_() text */
	/* Appends the document to OUT.  Deterministic: same input, same bytes. */
	int (*write)(const struct export_input *in, struct sbuf *out,
		     struct pp_error *err);
};

/* NULL-terminated by a zeroed entry. */
extern const struct exporter export_formats[];

/* Borrowed (static); NULL if unknown. */
const struct exporter *export_find(const char *name);

int export_markdown(const struct export_input *in, struct sbuf *out,
		    struct pp_error *err);
int export_csv(const struct export_input *in, struct sbuf *out,
	       struct pp_error *err);

/* Helpers shared by the writers (and the diff writer). */
/* Appends S escaped for a Markdown table cell. */
void export_md_cell(struct sbuf *out, const char *s);
/* Appends S as one RFC 4180 field; FREE_TEXT guards against spreadsheet
 * formula injection. */
void export_csv_field(struct sbuf *out, const char *s, int free_text);
/* A count for people, grouped the way LANG writes it: 71,057 (en),
 * 71.057 (de), 71 057 with a narrow no-break space (fr).  Never for ports
 * or rule ids.  Returns BUF. */
const char *export_count(char buf[32], size_t n, const char *lang);

/* Delta change requests (diff.c).  OLD and NEW are two resolutions over
 * the same catalog.  Rules are matched by rule_key() ("src>dst proto
 * ports"): rules to add, rules to remove, and rules whose purpose,
 * citation, zones, addresses or requirement changed.  FORMAT "md" writes a
 * document with one section each; "csv" the CSV export's columns after a
 * leading "change" column (add, remove, change).  NOTES (may be NULL) are
 * listed among the Markdown document's warnings (e.g. catalog changes
 * since OLD was saved).  Deterministic: same input, same bytes. */
int export_diff(const char *format, const struct export_input *old_in,
		const struct export_input *new_in, const struct strlist *notes,
		struct sbuf *out, struct pp_error *err);

#endif
