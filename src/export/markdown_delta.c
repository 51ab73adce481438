/* markdown_delta.c: the delta change request in Markdown: the rules to
 * add, to remove and changed (struct delta, resolve/delta.h), the plan
 * changes behind them and the notes, with the head, cells and approval
 * table of the full request (markdown.c). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "plan/plan.h"
#include "resolve/delta.h"
#include "resolve/resolve.h"
#include "util/i18n.h"

/* The rule's boundary for people: "Internal network → DMZ".  Caller-owned. */
static char *
boundary_text(const struct rule *rule)
{
	switch (rule->section) {
	case RULE_FIREWALL:
		return xasprintf("%s → %s", rule->src.zone_label, rule->dst.zone_label);
	case RULE_NO_CHANGE:
		/* TRANSLATORS: %s is a zone; both ends of the rule are in it */
		return xasprintf(_("%s (no firewall change)"), rule->src.zone_label);
	case RULE_HOST_LOCAL:
		break;
	}
	return xstrdup(_("host-local (inside one host)"));
}

/* One line per origin of RULE, "\n"-joined: its purpose or its citation.
 * Caller-owned. */
static char *
origins_text(const struct rule *rule, enum delta_field what)
{
	struct sbuf b;

	sbuf_init(&b);
	for (size_t i = 0; i < rule->norigins; i++) {
		const struct catalog_flow *f = rule->origins[i];

		if (i > 0)
			sbuf_addc(&b, '\n');
		if (what == DELTA_PURPOSE) {
			sbuf_add(&b, f->purpose != NULL ? f->purpose : "");
		} else {
			sbuf_addf(&b, "%s, %s (%s/%s)", f->doc != NULL ? f->doc : "",
				  f->section != NULL ? f->section : "", f->product, f->id);
			if (f->inferred) {
				sbuf_addc(&b, ' ');
				/* TRANSLATORS: marks a flow not stated by the vendor document */
				sbuf_add(&b, _("(inferred)"));
			}
		}
	}
	return sbuf_take(&b);
}

/* What RULE shows for WHAT, for people.  Caller-owned. */
static char *
field_value(const struct rule *rule, enum delta_field what)
{
	switch (what) {
	case DELTA_SRC_ADDRESS:
	case DELTA_DST_ADDRESS: {
		const struct rule_end *e = what == DELTA_SRC_ADDRESS ? &rule->src : &rule->dst;

		return e->address != NULL ? xstrdup(e->address) :
			/* TRANSLATORS: an endpoint the plan gives no address */
			xstrdup(_("to be supplied"));
	}
	case DELTA_PURPOSE:
	case DELTA_CITATION:
		return origins_text(rule, what);
	case DELTA_REQUIRED:
		return xstrdup(rule->required ? _("yes") : _("no"));
	case DELTA_LIFECYCLE: {
		struct sbuf b;

		sbuf_init(&b);
		if (rule->life.owner != NULL)
			sbuf_addf(&b, "%s: %s\n", plan_meta_label(PLAN_META_OWNER), rule->life.owner);
		if (rule->life.justification != NULL)
			sbuf_addf(&b, "%s: %s\n", plan_meta_label(PLAN_META_JUSTIFICATION),
				  rule->life.justification);
		if (rule->life.expiry != NULL)
			sbuf_addf(&b, "%s: %s\n", plan_meta_label(PLAN_META_EXPIRY), rule->life.expiry);
		if (rule->life.excluded != NULL)
			/* TRANSLATORS: a rule the plan leaves out, with the reason */
			sbuf_addf(&b, _("Excluded: %s"), rule->life.excluded);
		if (b.len > 0 && b.s[b.len - 1] == '\n')
			b.s[--b.len] = '\0';
		return sbuf_take(&b);
	}
	case DELTA_FIREWALLS: {
		struct sbuf b;

		sbuf_init(&b);
		for (size_t i = 0; i < rule->nfirewalls; i++)
			sbuf_addf(&b, "%s%s", i ? ", " : "", rule->firewalls[i]);
		return sbuf_take(&b);
	}
	case DELTA_NFIELDS:
		break;
	}
	return xstrdup("");
}

/* A "\n"-separated value in one cell, lines joined with <br>. */
static void
md_lines(struct sbuf *out, const char *s)
{
	char *copy = xstrdup(s), *line = copy, *nl;

	if (*s == '\0') {
		sbuf_add(out, "–");
		free(copy);
		return;
	}
	for (;;) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		export_md_cell(out, line);
		if (nl == NULL)
			break;
		sbuf_add(out, "<br>");
		line = nl + 1;
	}
	free(copy);
}

/* Appends FN(RULE, WHAT) as the lines of a cell. */
static void
md_value(struct sbuf *out, const struct rule *rule, enum delta_field what)
{
	char *s = field_value(rule, what);

	md_lines(out, s);
	free(s);
}

/* The rules of KIND: a removed rule as it was, the others as they are. */
static void
md_rules(struct sbuf *out, const struct delta *d, enum delta_kind kind)
{
	bool any = false;

	for (size_t i = 0; i < d->nrules; i++) {
		const struct rule *rule;
		char *s;

		if (d->rules[i].kind != kind)
			continue;
		rule = kind == DELTA_REMOVE ? d->rules[i].old : d->rules[i].new;
		if (!any)
			sbuf_addf(out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n"
				  "|---|---|---|---|---|---|---|---|\n",
				  /* TRANSLATORS: column headings of a rule table */
				  _("Rule"), _("Boundary"), _("Source"), _("Destination"),
				  _("Protocol"), _("Ports"), _("Purpose"), _("Reference"));
		any = true;
		sbuf_addf(out, "| %s | ", rule->id);
		s = boundary_text(rule);
		export_md_cell(out, s);
		free(s);
		sbuf_add(out, " | ");
		export_md_opening(out, rule, EXPORT_MD_ADDRESS | EXPORT_MD_NEED_ADDRESS);
		sbuf_add(out, " | ");
		md_value(out, rule, DELTA_PURPOSE);
		sbuf_add(out, " | ");
		md_value(out, rule, DELTA_CITATION);
		sbuf_add(out, " |\n");
	}
	if (!any)
		export_md_none(out);
}

/* One row per changed field of each changed rule: before and after. */
static void
md_changed(struct sbuf *out, const struct delta *d)
{
	bool any = false;

	for (size_t i = 0; i < d->nrules; i++) {
		const struct delta_rule *x = &d->rules[i];

		if (x->kind != DELTA_CHANGE)
			continue;
		if (!any)
			sbuf_addf(out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n"
				  "|---|---|---|---|---|---|---|---|\n",
				  _("Rule"), _("Source"), _("Destination"), _("Protocol"),
				  /* TRANSLATORS: column headings of the changed-rules table */
				  _("Ports"), _("Change"), _("Before"), _("After"));
		any = true;
		for (int w = 0; w < DELTA_NFIELDS; w++) {
			if (!(x->fields & (1u << w)))
				continue;
			sbuf_addf(out, "| %s | ", x->new->id);
			export_md_opening(out, x->new, 0);
			sbuf_add(out, " | ");
			sbuf_add(out, delta_field_label((enum delta_field)w));
			sbuf_add(out, " | ");
			md_value(out, x->old, (enum delta_field)w);
			sbuf_add(out, " | ");
			md_value(out, x->new, (enum delta_field)w);
			sbuf_add(out, " |\n");
		}
	}
	if (!any)
		export_md_none(out);
}

/* What the admin changed between the plans, so that the approver sees why
 * the rules changed. */
static void
md_plan_changes(struct sbuf *out, const struct delta *d)
{
	struct sbuf text;

	sbuf_addf(out, "\n## %s\n\n", _("Plan changes"));
	sbuf_init(&text);
	for (size_t i = 0; i < d->nchanges; i++) {
		sbuf_reset(&text);
		delta_plan_change_text(&text, &d->changes[i]);
		export_md_bullet(out, sbuf_str(&text));
	}
	sbuf_fini(&text);
	if (d->nchanges == 0)
		export_md_none(out);
}

struct md_problem_ctx {
	struct sbuf *out;
	const struct resolution *res;
	size_t n;
};

/* The plan's problems among the warnings (a resolution_warnings callback). */
static void
md_problem(void *arg, const struct warning *w)
{
	struct md_problem_ctx *ctx = arg;

	if (w->kind != WARNING_PROBLEM)
		return;
	export_md_warning(ctx->out, ctx->res, w);
	ctx->n++;
}

/* The notes, then the problems with the new plan's choices. */
static void
md_warnings(struct sbuf *out, const struct delta *d)
{
	struct md_problem_ctx ctx = { out, d->new, 0 };

	sbuf_addf(out, "\n## %s\n\n", _("Warnings"));
	for (size_t i = 0; i < d->notes.n; i++)
		export_md_bullet(out, d->notes.v[i]);
	resolution_warnings(d->new, md_problem, &ctx);
	if (d->notes.n == 0 && ctx.n == 0)
		export_md_none(out);
}

int
export_markdown_delta(const struct export_delta_input *in, struct sbuf *out,
		      struct pp_error *err)
{
	const struct delta *d = in->delta;
	const char *lang = in->catalog_lang;
	char num[32];

	(void)err;
	/* TRANSLATORS: title of a delta change request; the plan's title follows */
	export_md_header(out, _("Firewall change request (changes)"), d->new_plan, d->new,
			 d->old_plan);

	sbuf_addf(out, "\n## %s\n\n", _("Summary"));
	/* TRANSLATORS: %s is a count, grouped for the language (71.057) */
	sbuf_addf(out, P_("%s rule to add", "%s rules to add", d->count[DELTA_ADD]),
		  export_count(num, d->count[DELTA_ADD], lang));
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s rule to remove", "%s rules to remove", d->count[DELTA_REMOVE]),
		  export_count(num, d->count[DELTA_REMOVE], lang));
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s rule changed", "%s rules changed", d->count[DELTA_CHANGE]),
		  export_count(num, d->count[DELTA_CHANGE], lang));
	sbuf_add(out, _("; "));
	sbuf_addf(out, P_("%s rule unchanged", "%s rules unchanged", d->unchanged),
		  export_count(num, d->unchanged, lang));
	sbuf_add(out, ".\n");

	sbuf_addf(out, "\n## %s\n\n", _("Rules to add"));
	md_rules(out, d, DELTA_ADD);
	sbuf_addf(out, "\n## %s\n\n", _("Rules to remove"));
	md_rules(out, d, DELTA_REMOVE);
	sbuf_addf(out, "\n## %s\n\n", _("Rules changed"));
	md_changed(out, d);

	md_plan_changes(out, d);
	md_warnings(out, d);

	export_md_approval(out);
	return 0;
}
