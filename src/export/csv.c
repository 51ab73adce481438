/* csv.c: RFC 4180 (UTF-8, CRLF), one row per rule; the delta's rows are
 * the same rows after a change column.  A machine format: column names
 * are never translated, only ever appended to, and nothing here goes
 * through gettext (export_render gives it English catalog texts). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "plan/plan.h"
#include "resolve/delta.h"
#include "resolve/resolve.h"
#include "util/netspec.h"

static const char *const columns[] = {
	"rule_id", "section", "boundary", "source_zone", "source", "source_label",
	"source_address", "destination_zone", "destination", "destination_label",
	"destination_address", "protocol", "ports", "purpose", "product",
	"flow_id", "condition", "reference", "provenance", "inferred_reason",
	"required", "note",
};

static bool
formula_start(const char *s)
{
	static const char *const fullwidth[] = {
		"\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0",
	};	/* ＝ ＋ － ＠ */

	if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	    *s == '\r' || *s == '\n')
		return true;
	for (size_t i = 0; i < sizeof fullwidth / sizeof *fullwidth; i++)
		if (strncmp(s, fullwidth[i], 3) == 0)
			return true;
	return false;
}

void
export_csv_field(struct sbuf *out, const char *s, int free_text)
{
	if (s == NULL)
		s = "";
	sbuf_addc(out, '"');
	if (free_text && formula_start(s))
		sbuf_addc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			sbuf_addc(out, '"');
		sbuf_addc(out, *s);
	}
	sbuf_addc(out, '"');
}

static const char *const section_names[] = {
	[RULE_FIREWALL] = "firewall",
	[RULE_NO_CHANGE] = "no-change",
	[RULE_HOST_LOCAL] = "host-local",
};

/* Joins one field of every origin with " | ": PUT appends the field of
 * one flow (nothing when it has none).  No fixed buffer: a value is
 * never cut, whatever its length. */
static char *
join_origins(const struct rule *rule, void (*put)(struct sbuf *, const struct catalog_flow *))
{
	struct sbuf b;
	bool any = false;

	sbuf_init(&b);
	for (size_t i = 0; i < rule->norigins; i++) {
		size_t before;

		if (i > 0)
			sbuf_add(&b, " | ");
		before = b.len;
		put(&b, rule->origins[i]);
		any |= b.len > before;
	}
	if (!any)
		sbuf_reset(&b);
	return sbuf_take(&b);
}

static void o_purpose(struct sbuf *b, const struct catalog_flow *f) { sbuf_add(b, f->purpose); }
static void o_product(struct sbuf *b, const struct catalog_flow *f) { sbuf_add(b, f->product); }
static void o_id(struct sbuf *b, const struct catalog_flow *f) { sbuf_add(b, f->id); }
static void o_cond(struct sbuf *b, const struct catalog_flow *f) { sbuf_add(b, f->cond); }
static void o_note(struct sbuf *b, const struct catalog_flow *f) { sbuf_add(b, f->note); }

static void
o_reason(struct sbuf *b, const struct catalog_flow *f)
{
	if (f->inferred)
		sbuf_add(b, f->reason);
}

static void
o_reference(struct sbuf *b, const struct catalog_flow *f)
{
	sbuf_add(b, f->doc);
	sbuf_add(b, ", ");
	sbuf_add(b, f->section);
}

static void
o_provenance(struct sbuf *b, const struct catalog_flow *f)
{
	sbuf_add(b, f->inferred ? "inferred" : "source");
}

static void
field_owned(struct sbuf *out, char *s)
{
	sbuf_addc(out, ',');
	export_csv_field(out, s, 1);
	free(s);
}

void
export_csv_header(struct sbuf *out)
{
	for (size_t i = 0; i < sizeof columns / sizeof *columns; i++) {
		if (i > 0)
			sbuf_addc(out, ',');
		sbuf_add(out, columns[i]);
	}
	sbuf_add(out, "\r\n");
}

void
export_csv_rule(struct sbuf *out, const struct rule *rule)
{
	char pbuf[8], *boundary;

	if (rule->section == RULE_FIREWALL)
		boundary = xasprintf("%s>%s", rule->src.zone, rule->dst.zone);
	else
		boundary = xstrdup(rule->section == RULE_HOST_LOCAL ? "host" :
				   rule->src.zone);
	export_csv_field(out, rule->id, 0);
	sbuf_addc(out, ',');
	export_csv_field(out, section_names[rule->section], 0);
	field_owned(out, boundary);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->src.zone, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->src.id, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->src.label, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->src.address, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->dst.zone, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->dst.id, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->dst.label, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->dst.address, 1);
	sbuf_addc(out, ',');
	export_csv_field(out, proto_name(rule->proto, pbuf), 0);
	sbuf_addc(out, ',');
	export_csv_field(out, rule->ports, 0);
	field_owned(out, join_origins(rule, o_purpose));
	field_owned(out, join_origins(rule, o_product));
	field_owned(out, join_origins(rule, o_id));
	field_owned(out, join_origins(rule, o_cond));
	field_owned(out, join_origins(rule, o_reference));
	field_owned(out, join_origins(rule, o_provenance));
	field_owned(out, join_origins(rule, o_reason));
	sbuf_addc(out, ',');
	export_csv_field(out, rule->required ? "yes" : "no", 0);
	field_owned(out, join_origins(rule, o_note));
	sbuf_add(out, "\r\n");
}

int
export_csv(const struct export_input *in, struct sbuf *out, struct pp_error *err)
{
	const struct resolution *r = in->res;

	(void)err;
	export_csv_header(out);
	for (size_t i = 0; i < r->nrules; i++)
		export_csv_rule(out, &r->rules[i]);
	return 0;
}

/* The delta: a leading "change" column (add, remove, change), then the
 * export's columns; a changed rule as it is now, a removed one as it was. */
int
export_csv_delta(const struct export_delta_input *in, struct sbuf *out,
		 struct pp_error *err)
{
	const struct delta *d = in->delta;

	(void)err;
	sbuf_add(out, "change,");
	export_csv_header(out);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct delta_rule *x = &d->rules[i];

		export_csv_field(out, delta_kind_name(x->kind), 0);
		sbuf_addc(out, ',');
		export_csv_rule(out, x->new != NULL ? x->new : x->old);
	}
	return 0;
}
