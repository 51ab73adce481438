/* export.h: change-request writers, one per format, in one registry.
 * `--help`, the man page and the TUI's format list read the registry;
 * export_render() is the one way from a plan to a document, for every
 * front end. */
#ifndef PORTPLAN_EXPORT_EXPORT_H
#define PORTPLAN_EXPORT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"
#include "util/str.h"

struct catalog;
struct delta;
struct plan;
struct resolution;
struct rule;
struct rule_end;
struct warning;

struct export_input {
	const struct plan *plan;
	const struct resolution *res;
	const char *catalog_lang;	/* language of catalog texts */
};

/* A delta change request: the delta holds both plans and resolutions. */
struct export_delta_input {
	const struct delta *delta;
	const char *catalog_lang;
};

struct exporter {
	const char *name;	/* "md", "csv" */
	const char *ext;	/* ".md" */
	const char *help;	/* N_() text */
	/* A machine format (read by programs, not people): written in
	 * English whatever the locale or --lang (catalog texts included),
	 * with no translated text in it. */
	bool machine;
	/* Appends the document to OUT.  Deterministic: same input, same bytes. */
	int (*write)(const struct export_input *in, struct sbuf *out,
		     struct pp_error *err);
	/* Appends the delta change request to OUT (same rows and cells as
	 * WRITE); NULL when the format has none. */
	int (*write_delta)(const struct export_delta_input *in, struct sbuf *out,
			   struct pp_error *err);
};

/* NULL-terminated by a zeroed entry. */
extern const struct exporter export_formats[];

/* Borrowed (static); NULL if unknown. */
const struct exporter *export_find(const char *name);
/* Appends the names of the formats joined by SEP ("md|csv"); with
 * DELTA_ONLY, only those with a delta writer. */
void export_format_list(struct sbuf *out, const char *sep, bool delta_only);

/* Told of each problem with a plan's choices (resolution.problems, a
 * sentence in the locale's language) before the document is written. */
struct export_notify {
	void (*problem)(void *arg, const struct plan *p, const char *text);
	void *arg;
};

/* The one entry point of every front end: resolves P against C and
 * appends the document in format EX to OUT.  LANG ("en", "de", "fr") is
 * the language of the document; catalog texts are in LANG, or in English
 * for a machine format whatever LANG is.  C is in LANG again on return
 * (the front ends keep their catalog in the document language).  NOTIFY
 * may be NULL. */
int export_render(const struct exporter *ex, struct catalog *c, const struct plan *p,
		  const char *lang, const struct export_notify *notify,
		  struct sbuf *out, struct pp_error *err);
/* The same for a delta change request from OLD to NEW (delta_compute);
 * NOTES (may be NULL) are what the reader must know besides (how the
 * catalog changed since a plan was saved).  -1 with ERR when EX has no
 * delta writer. */
int export_render_delta(const struct exporter *ex, struct catalog *c,
			const struct plan *old, const struct plan *new,
			const struct strlist *notes, const char *lang,
			const struct export_notify *notify, struct sbuf *out,
			struct pp_error *err);

/* The writers of the registry. */
int export_markdown(const struct export_input *in, struct sbuf *out,
		    struct pp_error *err);
int export_markdown_delta(const struct export_delta_input *in, struct sbuf *out,
			  struct pp_error *err);
int export_csv(const struct export_input *in, struct sbuf *out,
	       struct pp_error *err);
int export_csv_delta(const struct export_delta_input *in, struct sbuf *out,
		     struct pp_error *err);

/* ---- helpers shared by the writers of a document and of a delta ---- */

/* CSV (csv.c).  S as one RFC 4180 field; FREE_TEXT guards against
 * spreadsheet formula injection. */
void export_csv_field(struct sbuf *out, const char *s, int free_text);
/* The header line (the column names, CRLF). */
void export_csv_header(struct sbuf *out);
/* RULE as one record (its fields under the header's columns, CRLF). */
void export_csv_rule(struct sbuf *out, const struct rule *rule);

/* Markdown (markdown.c).  S escaped for a Markdown table cell. */
void export_md_cell(struct sbuf *out, const char *s);
/* What export_md_end() shows of an end besides "label (id)". */
enum {
	EXPORT_MD_ZONE = 1 << 0,	/* "<br>Zone: label" */
	EXPORT_MD_ADDRESS = 1 << 1,	/* "<br>address" when it has one */
	EXPORT_MD_NEED_ADDRESS = 1 << 2,	/* else "address to be supplied" */
	EXPORT_MD_SAME_HOST = 1 << 3,	/* a host-local rule's destination is
					 * "the same host" (export_md_opening) */
};
void export_md_end(struct sbuf *out, const struct rule_end *e, unsigned flags);
/* The cells "source | destination | protocol | ports" of RULE. */
void export_md_opening(struct sbuf *out, const struct rule *rule, unsigned flags);
/* "| NAME | VALUE |" of the metadata table; nothing when VALUE is empty. */
void export_md_meta_row(struct sbuf *out, const char *name, const char *value);
/* "# TITLE: plan title", the metadata table of P (with rows for the
 * title and change id of PREVIOUS, may be NULL), the plan's notes. */
void export_md_header(struct sbuf *out, const char *title, const struct plan *p,
		      const struct resolution *r, const struct plan *previous);
/* "- TEXT", TEXT escaped. */
void export_md_bullet(struct sbuf *out, const char *text);
/* W of R as a bullet: resolution_warning_text() with its data escaped. */
void export_md_warning(struct sbuf *out, const struct resolution *r,
		       const struct warning *w);
/* "None." on a line. */
void export_md_none(struct sbuf *out);
/* The approval section. */
void export_md_approval(struct sbuf *out);

/* A count for people, grouped the way LANG writes it: 71,057 (en),
 * 71.057 (de), 71 057 with a narrow no-break space (fr).  Never for ports
 * or rule ids.  Returns BUF. */
const char *export_count(char buf[32], size_t n, const char *lang);

#endif
