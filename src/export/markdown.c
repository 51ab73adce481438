/* markdown.c: the change request an approver reads and signs, and the
 * cells, rows and sections it shares with the delta change request
 * (markdown_delta.c). */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "util/i18n.h"
#include "util/netspec.h"

/* Whether S at P starts "www." as a word (GFM's extended www autolink). */
static bool
starts_www(const char *start, const char *p)
{
	return (p == start || !isalnum((unsigned char)p[-1])) &&
	       (p[0] == 'w' || p[0] == 'W') && strncasecmp(p, "www.", 4) == 0;
}

void
export_md_cell(struct sbuf *out, const char *s)
{
	const char *start = s;

	if (s == NULL || *s == '\0') {
		sbuf_add(out, "");
		return;
	}
	/* what would start a block where the text starts a line or a list
	 * item (the notes paragraph, a bullet): a list marker ("- ", "+ ",
	 * "1. ", "1) "), a thematic break or setext underline ("---", "===") */
	if (((*s == '-' || *s == '+') && (s[1] == ' ' || s[1] == '\0')) ||
	    ((*s == '-' || *s == '=') && s[1] == *s)) {
		sbuf_addc(out, '\\');
	} else if (isdigit((unsigned char)*s)) {
		size_t n = strspn(s, "0123456789");

		if (n <= 9 && (s[n] == '.' || s[n] == ')') &&
		    (s[n + 1] == ' ' || s[n + 1] == '\0')) {
			sbuf_addn(out, s, n);
			sbuf_addc(out, '\\');
			s += n;
		}
	}
	for (; *s != '\0'; s++) {
		/* an underscore inside a word never starts emphasis (GFM):
		 * file names like 000_15f2.txt stay readable */
		if (*s == '_' && s > start && isalnum((unsigned char)s[-1]) &&
		    isalnum((unsigned char)s[1])) {
			sbuf_addc(out, '_');
			continue;
		}
		/* bare URLs are not turned into links: "http\://", "www\." */
		if (*s == ':' && s[1] == '/' && s[2] == '/') {
			sbuf_add(out, "\\:");
			continue;
		}
		if (starts_www(start, s)) {
			sbuf_addn(out, s, 3);
			sbuf_add(out, "\\.");
			s += 3;
			continue;
		}
		switch (*s) {
		case '|': case '\\': case '*': case '_': case '`':
		case '[': case ']': case '#': case '~':
			sbuf_addc(out, '\\');
			sbuf_addc(out, *s);
			break;
		case '<':
			sbuf_add(out, "&lt;");
			break;
		case '>':
			sbuf_add(out, "&gt;");
			break;
		case '&':
			/* an entity or character reference ("&copy;", "&#64;")
			 * would be shown as the character it names */
			if (isalnum((unsigned char)s[1]) || s[1] == '#')
				sbuf_add(out, "&amp;");
			else
				sbuf_addc(out, '&');
			break;
		case '\n': case '\r': case '\t':
			sbuf_addc(out, ' ');
			break;
		default:
			sbuf_addc(out, *s);
		}
	}
}

/* Plain text outside tables: same escaping. */
static void
md_text(struct sbuf *out, const char *s)
{
	export_md_cell(out, s);
}

void
export_md_end(struct sbuf *out, const struct rule_end *e, unsigned flags)
{
	export_md_cell(out, e->label);
	sbuf_add(out, " (");
	export_md_cell(out, e->id);
	sbuf_add(out, ")");
	if (flags & EXPORT_MD_ZONE) {
		sbuf_add(out, "<br>");
		/* TRANSLATORS: in a table cell, before a zone name */
		sbuf_add(out, _("Zone:"));
		sbuf_addc(out, ' ');
		export_md_cell(out, e->zone_label);
	}
	if (!(flags & EXPORT_MD_ADDRESS))
		return;
	if (e->address != NULL) {
		sbuf_add(out, "<br>");
		export_md_cell(out, e->address);
	} else if (flags & EXPORT_MD_NEED_ADDRESS) {
		sbuf_add(out, "<br>");
		/* TRANSLATORS: shown when the plan gives an endpoint no address */
		sbuf_add(out, _("**address to be supplied**"));
	}
}

void
export_md_opening(struct sbuf *out, const struct rule *rule, unsigned flags)
{
	char buf[32];

	export_md_end(out, &rule->src, flags);
	sbuf_add(out, " | ");
	if ((flags & EXPORT_MD_SAME_HOST) && rule->section == RULE_HOST_LOCAL)
		/* TRANSLATORS: destination of a port used inside one host */
		sbuf_add(out, _("the same host"));
	else
		export_md_end(out, &rule->dst, flags);
	sbuf_add(out, " | ");
	sbuf_add(out, proto_label(rule->proto, buf));
	sbuf_add(out, " | ");
	sbuf_add(out, rule->ports != NULL ? rule->ports : "–");
}

/* A rule of the full request: its opening (the zones of its ends outside
 * the boundary tables, the address a firewall rule still needs), every
 * purpose, product and condition, and citation. */
static void
md_rule_row(struct sbuf *out, const struct rule *rule, bool with_zone)
{
	sbuf_add(out, "| ");
	sbuf_add(out, rule->id);
	sbuf_add(out, " | ");
	export_md_opening(out, rule, (with_zone ? EXPORT_MD_ZONE : 0u) | EXPORT_MD_ADDRESS |
			  EXPORT_MD_SAME_HOST |
			  (rule->section == RULE_FIREWALL ? EXPORT_MD_NEED_ADDRESS : 0u));
	sbuf_add(out, " | ");
	for (size_t i = 0; i < rule->norigins; i++) {
		const struct catalog_flow *f = rule->origins[i];

		if (i > 0)
			sbuf_add(out, "<br>");
		export_md_cell(out, f->purpose);
		if (!f->required) {
			sbuf_addc(out, ' ');
			/* TRANSLATORS: marks an optional opening in a table cell */
			sbuf_add(out, _("(optional)"));
		}
		if (f->inferred) {
			sbuf_addc(out, ' ');
			/* TRANSLATORS: marks a flow not stated by the vendor document */
			sbuf_add(out, _("**(inferred)**"));
		}
	}
	sbuf_add(out, " | ");
	for (size_t i = 0; i < rule->norigins; i++) {
		const struct catalog_flow *f = rule->origins[i];

		if (i > 0)
			sbuf_add(out, "<br>");
		export_md_cell(out, f->product);
		sbuf_add(out, ": ");
		if (f->cond[0] != '\0')
			export_md_cell(out, f->cond);
		else
			/* TRANSLATORS: condition of a flow that always applies */
			sbuf_add(out, _("always"));
	}
	sbuf_add(out, " | ");
	for (size_t i = 0; i < rule->norigins; i++) {
		const struct catalog_flow *f = rule->origins[i];

		if (i > 0)
			sbuf_add(out, "<br>");
		export_md_cell(out, f->doc);
		sbuf_add(out, ", ");
		export_md_cell(out, f->section);
		sbuf_add(out, " (");
		export_md_cell(out, f->id);
		sbuf_add(out, ")");
	}
	sbuf_add(out, " |\n");
}

static void
md_table_head(struct sbuf *out)
{
	sbuf_addf(out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
		  /* TRANSLATORS: column headings of a rule table */
		  _("Rule"), _("Source"), _("Destination"), _("Protocol"),
		  _("Ports"), _("Purpose"), _("Product: condition"), _("Reference"));
	sbuf_add(out, "|---|---|---|---|---|---|---|---|\n");
}

void
export_md_meta_row(struct sbuf *out, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	sbuf_add(out, "| ");
	sbuf_add(out, name);
	sbuf_add(out, " | ");
	export_md_cell(out, value);
	sbuf_add(out, " |\n");
}

void
export_md_header(struct sbuf *out, const char *title, const struct plan *p,
		 const struct resolution *r, const struct plan *previous)
{
	struct sbuf prods;

	sbuf_add(out, "# ");
	sbuf_add(out, title);
	if (p->meta.title != NULL) {
		sbuf_add(out, ": ");
		md_text(out, p->meta.title);
	}
	sbuf_add(out, "\n\n");
	sbuf_addf(out, "| %s | %s |\n|---|---|\n", _("Field"), _("Value"));
	/* the details between the title and the notes, in the table's order */
	for (int f = PLAN_META_TITLE + 1; f < PLAN_META_NOTES; f++)
		export_md_meta_row(out, plan_meta_label((enum plan_meta_field)f),
				   plan_meta_get(&p->meta, (enum plan_meta_field)f));
	if (previous != NULL) {
		/* TRANSLATORS: the earlier plan this request is compared with */
		export_md_meta_row(out, _("Previous title"), previous->meta.title);
		export_md_meta_row(out, _("Previous change ID"), previous->meta.change_id);
	}
	sbuf_init(&prods);
	for (size_t i = 0; i < p->products.n; i++) {
		if (i > 0)
			sbuf_add(&prods, ", ");
		sbuf_add(&prods, resolution_product_label(r, p->products.v[i]));
	}
	export_md_meta_row(out, _("Products"), sbuf_str(&prods));
	sbuf_fini(&prods);
	export_md_meta_row(out, _("Generated by"), PACKAGE_STRING);
	if (p->meta.notes != NULL) {
		sbuf_addc(out, '\n');
		md_text(out, p->meta.notes);
		sbuf_addc(out, '\n');
	}
}

void
export_md_none(struct sbuf *out)
{
	sbuf_add(out, _("None."));
	sbuf_addc(out, '\n');
}

void
export_md_bullet(struct sbuf *out, const char *text)
{
	sbuf_add(out, "- ");
	export_md_cell(out, text);
	sbuf_addc(out, '\n');
}

void
export_md_warning(struct sbuf *out, const struct resolution *r, const struct warning *w)
{
	sbuf_add(out, "- ");
	resolution_warning_text(out, r, w, export_md_cell);
	sbuf_addc(out, '\n');
}

void
export_md_approval(struct sbuf *out)
{
	sbuf_addf(out, "\n## %s\n\n", _("Approval"));
	sbuf_addf(out, "| %s | %s | %s | %s |\n|---|---|---|---|\n",
		  _("Role"), _("Name"), _("Signature"), _("Date"));
	sbuf_addf(out, "| %s | | | |\n", _("Requester"));
	sbuf_addf(out, "| %s | | | |\n", _("Security review"));
	sbuf_addf(out, "| %s | | | |\n", _("Firewall team"));
}

static void
md_section_rules(struct sbuf *out, const struct resolution *r, enum rule_section s)
{
	bool any = false;

	for (size_t i = 0; i < r->nrules; i++) {
		if (r->rules[i].section != s)
			continue;
		if (!any)
			md_table_head(out);
		any = true;
		md_rule_row(out, &r->rules[i], true);
	}
	if (!any)
		export_md_none(out);
}

struct md_warning_ctx {
	struct sbuf *out;
	const struct resolution *res;
};

/* One warning as a Markdown bullet (a resolution_warnings callback). */
static void
md_warning(void *arg, const struct warning *w)
{
	const struct md_warning_ctx *ctx = arg;

	export_md_warning(ctx->out, ctx->res, w);
}

static void
md_warnings(struct sbuf *out, const struct export_input *in)
{
	struct md_warning_ctx ctx = { out, in->res };

	sbuf_addf(out, "\n## %s\n\n", _("Warnings"));
	if (resolution_warnings(in->res, md_warning, &ctx) == 0)
		export_md_none(out);
}

static void
md_selections(struct sbuf *out, const struct export_input *in)
{
	const struct plan *p = in->plan;
	const struct resolution *r = in->res;

	sbuf_addf(out, "\n## %s\n\n", _("Selections that produced this request"));
	/* both lists are sorted by product: one merge pass */
	for (size_t i = 0, k = 0; i < p->products.n; i++) {
		const char *prod = p->products.v[i];
		bool any = false;

		sbuf_add(out, "- ");
		export_md_cell(out, resolution_product_label(r, prod));
		sbuf_add(out, " (");
		export_md_cell(out, prod);
		sbuf_add(out, "): ");
		while (k < p->nfeatures && strcmp(p->features[k].product, prod) < 0)
			k++;
		for (; k < p->nfeatures && strcmp(p->features[k].product, prod) == 0; k++) {
			sbuf_add(out, any ? ", " : "");
			export_md_cell(out, p->features[k].id);
			any = true;
		}
		if (!any)
			/* TRANSLATORS: a product with no feature selected */
			sbuf_add(out, _("no features"));
		sbuf_addc(out, '\n');
	}
	if (p->products.n == 0)
		sbuf_addf(out, "- %s\n", _("No products selected."));
	for (size_t i = 0; i < p->nzones; i++) {
		sbuf_add(out, "- ");
		/* TRANSLATORS: a zone the admin defined; id and label follow */
		sbuf_add(out, _("Zone defined in this plan:"));
		sbuf_addc(out, ' ');
		export_md_cell(out, p->zones[i].id);
		sbuf_add(out, " (");
		export_md_cell(out, p->zones[i].label);
		sbuf_add(out, ")\n");
	}
	for (size_t i = 0; i < p->nendpoints; i++) {
		const struct plan_endpoint *e = &p->endpoints[i];

		if (e->zone == NULL && e->addresses.n == 0 && e->hostnames.n == 0)
			continue;
		sbuf_add(out, "- ");
		export_md_cell(out, e->id);
		if (e->zone != NULL) {
			sbuf_add(out, ": ");
			/* TRANSLATORS: an endpoint placed in a zone; the zone follows */
			sbuf_add(out, _("placed in"));
			sbuf_addc(out, ' ');
			export_md_cell(out, resolution_zone_label(r, p, e->zone));
		}
		for (size_t k = 0; k < e->hostnames.n; k++) {
			sbuf_add(out, k == 0 && e->zone == NULL ? ": " : ", ");
			export_md_cell(out, e->hostnames.v[k]);
		}
		for (size_t k = 0; k < e->addresses.n; k++) {
			sbuf_add(out, k == 0 && e->zone == NULL && e->hostnames.n == 0 ? ": " : ", ");
			export_md_cell(out, e->addresses.v[k]);
		}
		sbuf_addc(out, '\n');
	}
}

int
export_markdown(const struct export_input *in, struct sbuf *out, struct pp_error *err)
{
	const struct plan *p = in->plan;
	const struct resolution *r = in->res;
	char num[32];

	(void)err;
	/* TRANSLATORS: document title; the plan's title follows */
	export_md_header(out, _("Firewall change request"), p, r, NULL);

	sbuf_addf(out, "\n## %s\n\n", _("Summary"));
	if (r->nboundaries > 0) {
		sbuf_addf(out, "| %s | %s |\n|---|---|\n", _("Boundary (source → destination)"),
			  _("Rules"));
		for (size_t i = 0; i < r->nboundaries; i++) {
			const struct boundary *b = &r->boundaries[i];

			sbuf_add(out, "| ");
			export_md_cell(out, b->src_label);
			sbuf_add(out, " → ");
			export_md_cell(out, b->dst_label);
			sbuf_addf(out, " | %s |\n", export_count(num, b->count, in->catalog_lang));
		}
		sbuf_addc(out, '\n');
	}
	/* TRANSLATORS: %s is a count, grouped for the language (71.057) */
	sbuf_addf(out, P_("%s firewall rule to open", "%s firewall rules to open",
			  r->count[RULE_FIREWALL]),
		  export_count(num, r->count[RULE_FIREWALL], in->catalog_lang));
	/* TRANSLATORS: between the parts of the summary sentence */
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s flow inside one zone (no firewall change)",
			  "%s flows inside one zone (no firewall change)",
			  r->count[RULE_NO_CHANGE]),
		  export_count(num, r->count[RULE_NO_CHANGE], in->catalog_lang));
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s host-local port", "%s host-local ports",
			  r->count[RULE_HOST_LOCAL]),
		  export_count(num, r->count[RULE_HOST_LOCAL], in->catalog_lang));
	sbuf_add(out, ".\n");

	for (size_t i = 0; i < r->nboundaries; i++) {
		const struct boundary *b = &r->boundaries[i];

		sbuf_addf(out, "\n## %s ", _("Firewall rules:"));
		export_md_cell(out, b->src_label);
		sbuf_add(out, " → ");
		export_md_cell(out, b->dst_label);
		sbuf_add(out, "\n\n");
		md_table_head(out);
		for (size_t k = b->first; k < b->first + b->count; k++)
			md_rule_row(out, &r->rules[k], false);
	}
	if (r->nboundaries == 0) {
		sbuf_addf(out, "\n## %s\n\n%s\n", _("Firewall rules"),
			  _("No flow crosses a zone boundary: no firewall rule is needed."));
	}

	sbuf_addf(out, "\n## %s\n\n", _("No firewall change (both ends in the same zone)"));
	md_section_rules(out, r, RULE_NO_CHANGE);
	sbuf_addf(out, "\n## %s\n\n", _("Host-local ports (inside one host)"));
	md_section_rules(out, r, RULE_HOST_LOCAL);

	md_warnings(out, in);
	md_selections(out, in);

	export_md_approval(out);
	return 0;
}
