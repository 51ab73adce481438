/* cmd_list.c: portplan list products|features|endpoints|zones|flows|gaps */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "export/export.h"
#include "util/i18n.h"
#include "util/netspec.h"
#include "util/width.h"

/* A table of strings printed as aligned text or as CSV. */
struct table {
	size_t ncols, nrows;
	char **cells;		/* nrows * ncols, row 0 the header */
};

static void
table_init(struct table *t, size_t ncols)
{
	t->ncols = ncols;
	t->nrows = 0;
	t->cells = NULL;
}

static void
table_row(struct table *t, const char *const *v)
{
	t->cells = xreallocarray(t->cells, (t->nrows + 1) * t->ncols, sizeof *t->cells);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(v[i] != NULL ? v[i] : "");
	t->nrows++;
}

static void
table_fini(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

static void
table_render(struct table *t, bool csv, struct sbuf *out)
{
	size_t *w = xcalloc(t->ncols, sizeof *w);

	if (csv) {
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c > 0)
					sbuf_addc(out, ',');
				if (r == 0)
					sbuf_add(out, t->cells[c]);
				else
					export_csv_field(out, t->cells[r * t->ncols + c], 1);
			}
			sbuf_add(out, "\r\n");
		}
		free(w);
		return;
	}
	/* text is for people: the column names in their language (CSV
	 * keeps the stable English names above) */
	for (size_t c = 0; c < t->ncols && t->nrows > 0; c++) {
		char *name = xstrdup(C_("list column", t->cells[c]));

		free(t->cells[c]);
		t->cells[c] = name;
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t cw = text_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];

			sbuf_add(out, s);
			if (c + 1 < t->ncols)
				for (size_t k = text_width(s); k < w[c] + 2; k++)
					sbuf_addc(out, ' ');
		}
		/* no trailing blanks */
		while (out->len > 0 && out->s[out->len - 1] == ' ')
			out->s[--out->len] = '\0';
		sbuf_addc(out, '\n');
	}
	free(w);
}

/* TRANSLATORS: msgctxt "list column" entries are the column names of
   "portplan list" as text (CSV keeps the English ones); "list value"
   entries are values in those columns. */

/* A yes/no cell: stable English in CSV, the language's word in text. */
static const char *
yes_no(bool v, bool csv)
{
	if (csv)
		return v ? "yes" : "no";
	return v ? C_("list value", "yes") : C_("list value", "no");
}

static int
list_products(struct catalog *c, struct table *t, struct pp_error *err)
{
	struct catalog_products l;
	const char *head[] = { NC_("list column", "id"), NC_("list column", "vendor"),
		NC_("list column", "label"), NC_("list column", "description") };

	if (catalog_products(c, &l, err) != 0)
		return -1;
	table_init(t, 4);
	table_row(t, head);
	for (size_t i = 0; i < l.n; i++) {
		const char *v[] = { l.v[i].id, l.v[i].vendor, l.v[i].label, l.v[i].description };
		table_row(t, v);
	}
	catalog_list_fini(&l);
	return 0;
}

static int
list_features(struct catalog *c, const char *product, bool csv, struct table *t,
	      struct pp_error *err)
{
	struct catalog_features l;
	const char *head[] = { NC_("list column", "product"), NC_("list column", "id"),
		NC_("list column", "kind"), NC_("list column", "default"),
		NC_("list column", "group"), NC_("list column", "label"),
		NC_("list column", "help") };

	if (catalog_features(c, product, &l, err) != 0)
		return -1;
	/* the help text is long: CSV only */
	table_init(t, csv ? 7 : 6);
	table_row(t, head);
	for (size_t i = 0; i < l.n; i++) {
		const char *v[] = { l.v[i].product, l.v[i].id, l.v[i].kind,
				    yes_no(l.v[i].dflt, csv), l.v[i].group,
				    l.v[i].label, l.v[i].help };
		table_row(t, v);
	}
	catalog_list_fini(&l);
	return 0;
}

static int
list_endpoints(struct catalog *c, const char *product, struct table *t,
	       struct pp_error *err)
{
	struct catalog_endpoints l;
	const char *head[] = { NC_("list column", "id"), NC_("list column", "zone"),
		NC_("list column", "product"), NC_("list column", "label"),
		NC_("list column", "fqdn") };

	if (catalog_endpoints(c, product, &l, err) != 0)
		return -1;
	table_init(t, 5);
	table_row(t, head);
	for (size_t i = 0; i < l.n; i++) {
		const char *v[] = { l.v[i].id, l.v[i].zone, l.v[i].product,
				    l.v[i].label, l.v[i].fqdn };
		table_row(t, v);
	}
	catalog_list_fini(&l);
	return 0;
}

static int
list_zones(struct catalog *c, struct table *t, struct pp_error *err)
{
	struct catalog_zones l;
	const char *head[] = { NC_("list column", "id"), NC_("list column", "label") };

	if (catalog_zones(c, &l, err) != 0)
		return -1;
	table_init(t, 2);
	table_row(t, head);
	for (size_t i = 0; i < l.n; i++) {
		const char *v[] = { l.v[i].id, l.v[i].label };
		table_row(t, v);
	}
	catalog_list_fini(&l);
	return 0;
}

static int
list_flows(struct catalog *c, const char *product, bool csv, struct table *t,
	   struct pp_error *err)
{
	struct catalog_flows l;
	const char *head[] = { NC_("list column", "product"),
		NC_("list column", "flow_id"), NC_("list column", "source"),
		NC_("list column", "destination"), NC_("list column", "protocol"),
		NC_("list column", "ports"), NC_("list column", "condition"),
		NC_("list column", "required"), NC_("list column", "reference"),
		NC_("list column", "provenance"), NC_("list column", "purpose"),
		NC_("list column", "interfaces"),
		NC_("list column", "preferred_interface"),
		NC_("list column", "inferred_reason"), NC_("list column", "note") };

	if (catalog_flows(c, product, &l, err) != 0)
		return -1;
	table_init(t, csv ? 15 : 10);
	table_row(t, head);
	for (size_t i = 0; i < l.n; i++) {
		const struct catalog_flow *f = &l.v[i];
		char pbuf[8], *ref = xasprintf("%s, %s", f->doc, f->section);
		const char *v[] = { f->product, f->id, f->from, f->to, proto_name(f->proto, pbuf),
				    f->ports != NULL ? f->ports : (csv ? "" : "-"), f->cond,
				    yes_no(f->required, csv), ref,
				    f->inferred ? (csv ? "inferred" : C_("list value", "inferred")) :
				    (csv ? "source" : C_("list value", "source")), f->purpose,
				    f->interfaces, f->preferred, f->reason, f->note };
		table_row(t, v);
		free(ref);
	}
	catalog_list_fini(&l);
	return 0;
}

static int
list_gaps(struct catalog *c, const char *product, struct table *t, struct pp_error *err)
{
	struct catalog_gaps l;
	const char *head[] = { NC_("list column", "product"),
		NC_("list column", "gap_id"), NC_("list column", "condition"),
		NC_("list column", "reference"), NC_("list column", "text") };

	if (catalog_gaps(c, product, &l, err) != 0)
		return -1;
	table_init(t, 5);
	table_row(t, head);
	for (size_t i = 0; i < l.n; i++) {
		char *ref = xasprintf("%s, %s", l.v[i].doc, l.v[i].section);
		const char *v[] = { l.v[i].product, l.v[i].id, l.v[i].cond, ref, l.v[i].text };
		table_row(t, v);
		free(ref);
	}
	catalog_list_fini(&l);
	return 0;
}

static bool
product_exists(struct catalog *c, const char *product, struct pp_error *err)
{
	if (catalog_has_product(c, product))
		return true;
	error_set(err, NULL, 0, _("unknown product \"%s\" (see: portplan list products)"),
		  product);
	return false;
}

int
cli_cmd_list(struct cli_args *a)
{
	struct catalog *c = NULL;
	struct pp_error err;
	struct table t;
	struct sbuf out;
	const char *what = a->files.v[0];
	bool csv = a->format != NULL && strcmp(a->format, "csv") == 0;
	int rc = -1;

	error_clear(&err);
	table_init(&t, 0);
	sbuf_init(&out);
	if (cli_open_catalog(a, false, &c, &err) != 0)
		goto fail;
	if (csv && a->lang == NULL)
		catalog_set_lang(c, I18N_ENGLISH);	/* a machine format: not the locale's */
	if (a->product != NULL && !product_exists(c, a->product, &err))
		goto fail;
	if (strcmp(what, "products") == 0)
		rc = list_products(c, &t, &err);
	else if (strcmp(what, "features") == 0)
		rc = list_features(c, a->product, csv, &t, &err);
	else if (strcmp(what, "endpoints") == 0)
		rc = list_endpoints(c, a->product, &t, &err);
	else if (strcmp(what, "zones") == 0)
		rc = list_zones(c, &t, &err);
	else if (strcmp(what, "flows") == 0)
		rc = list_flows(c, a->product, csv, &t, &err);
	else
		rc = list_gaps(c, a->product, &t, &err);
	if (rc != 0)
		goto fail;
	table_render(&t, csv, &out);
	if (cli_write_output(a, out.s != NULL ? out.s : "", out.len, &err) != 0)
		goto fail;
	table_fini(&t);
	sbuf_fini(&out);
	catalog_free(&c);
	return 0;
fail:
	cli_error(&err);
	table_fini(&t);
	sbuf_fini(&out);
	catalog_free(&c);
	return EXIT_DATA;
}
