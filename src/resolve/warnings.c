/* warnings.c: what the approver must be warned about, in the order every
 * front end lists it, and the sentence for each (see resolve.h). */
#include "config.h"

#include <string.h>

#include "catalog/catalog.h"
#include "resolve/resolve.h"
#include "util/i18n.h"
#include "util/str.h"

size_t
resolution_warnings(const struct resolution *r,
		    void (*fn)(void *arg, const struct warning *w), void *arg)
{
	struct warning w;
	size_t n = 0;

	memset(&w, 0, sizeof w);
#define EMIT() do { n++; if (fn != NULL) fn(arg, &w); } while (0)
	/* what makes the plan wrong for the site, first */
	w.kind = WARNING_ERROR;
	for (size_t i = 0; i < r->errors.n; i++) {
		w.text = r->errors.v[i];
		EMIT();
	}
	w.kind = WARNING_CONFLICT;
	for (size_t i = 0; i < r->conflicts.n; i++) {
		w.text = r->conflicts.v[i];
		EMIT();
	}
	w.kind = WARNING_PROBLEM;
	for (size_t i = 0; i < r->problems.n; i++) {
		w.text = r->problems.v[i];
		EMIT();
	}
	w.text = NULL;
	if (r->unaddressed.n > 0) {
		w.kind = WARNING_UNADDRESSED;
		EMIT();
	}
	w.kind = WARNING_INFERRED;
	for (size_t i = 0; i < r->nrules; i++)
		for (size_t k = 0; k < r->rules[i].norigins; k++) {
			w.rule = &r->rules[i];
			w.flow = r->rules[i].origins[k];
			if (w.flow->inferred)
				EMIT();
		}
	w.rule = NULL;
	w.flow = NULL;
	w.kind = WARNING_GAP;
	for (size_t i = 0; i < r->gaps.n; i++) {
		w.gap = &r->gaps.v[i];
		EMIT();
	}
	w.gap = NULL;
	w.kind = WARNING_NOTE;
	for (size_t i = 0; i < r->nrules; i++) {
		if (r->rules[i].section != RULE_FIREWALL)
			continue;
		for (size_t k = 0; k < r->rules[i].norigins; k++) {
			w.rule = &r->rules[i];
			w.flow = r->rules[i].origins[k];
			if (w.flow->note != NULL && w.flow->note[0] != '\0')
				EMIT();
		}
	}
#undef EMIT
	return n;
}

static void
add_plain(struct sbuf *out, const char *s)
{
	sbuf_add(out, s);
}

void
resolution_warning_text(struct sbuf *out, const struct resolution *r,
			const struct warning *w,
			void (*quote)(struct sbuf *out, const char *s))
{
	if (quote == NULL)
		quote = add_plain;
	switch (w->kind) {
	case WARNING_ERROR:
	case WARNING_CONFLICT:
	case WARNING_PROBLEM:
		quote(out, w->text != NULL ? w->text : "");
		break;
	case WARNING_UNADDRESSED:
		sbuf_add(out, P_("This endpoint of a firewall rule has no address yet; supply it before implementation:",
				 "These endpoints of firewall rules have no address yet; supply them before implementation:",
				 r->unaddressed.n));
		for (size_t i = 0; i < r->unaddressed.n; i++) {
			const struct catalog_endpoint *e = resolution_endpoint(r, r->unaddressed.v[i]);

			sbuf_add(out, i == 0 ? " " : ", ");
			quote(out, e != NULL ? e->label : r->unaddressed.v[i]);
			sbuf_add(out, " (");
			quote(out, r->unaddressed.v[i]);
			sbuf_add(out, ")");
		}
		sbuf_addc(out, '.');
		break;
	case WARNING_INFERRED:
		/* TRANSLATORS: %1$s is a rule id, %2$s/%3$s the product and
		 * flow ids; a reason follows */
		sbuf_addf(out, _("%1$s (%2$s/%3$s) is inferred, not stated by the vendor document:"),
			  w->rule->id, w->flow->product, w->flow->id);
		sbuf_addc(out, ' ');
		quote(out, w->flow->reason != NULL ? w->flow->reason : "");
		break;
	case WARNING_GAP:
		/* TRANSLATORS: %s is a product id; the text of the gap follows */
		sbuf_addf(out, _("Not stated by the vendor document (%s):"), w->gap->product);
		sbuf_addc(out, ' ');
		quote(out, w->gap->text != NULL ? w->gap->text : "");
		sbuf_add(out, " (");
		quote(out, w->gap->doc != NULL ? w->gap->doc : "");
		sbuf_add(out, ", ");
		quote(out, w->gap->section != NULL ? w->gap->section : "");
		sbuf_addc(out, ')');
		break;
	case WARNING_NOTE:
		sbuf_addf(out, "%s (%s/%s): ", w->rule->id, w->flow->product, w->flow->id);
		quote(out, w->flow->note != NULL ? w->flow->note : "");
		break;
	}
}

