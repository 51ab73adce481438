/* export.c: the registry of formats and the one way from plans to a
 * document (export_render), whichever front end asks. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "resolve/delta.h"
#include "resolve/resolve.h"
#include "util/i18n.h"

const struct exporter export_formats[] = {
	{
		.name = "md", .ext = ".md",
		.help = N_("Markdown change request for people to read and sign"),
		.machine = false,
		.write = export_markdown, .write_delta = export_markdown_delta,
	},
	{
		.name = "csv", .ext = ".csv",
		.help = N_("CSV, one row per rule, for ticket systems"),
		.machine = true,
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

/* The language of catalog texts in a document of format EX in LANG. */
static const char *
text_lang(const struct exporter *ex, const char *lang)
{
	return ex->machine || lang == NULL ? I18N_ENGLISH : lang;
}

/* Resolves P with the catalog in the language of EX's texts, then puts
 * the catalog back in LANG; tells NOTIFY of the plan's problems. */
static int
resolve_for(const struct exporter *ex, struct catalog *c, const struct plan *p,
	    const char *lang, struct resolution **out, struct pp_error *err)
{
	int rc;

	catalog_set_lang(c, text_lang(ex, lang));
	rc = resolve(c, p, out, err);
	catalog_set_lang(c, lang != NULL ? lang : I18N_ENGLISH);
	return rc;
}

/* Tells NOTIFY of the plan's problems and conflicts; -1 with ERR (the
 * first, the others told) when the plan is wrong for the site: nothing
 * is exported then. */
static int
notify_problems(const struct export_notify *notify, const struct plan *p,
		const struct resolution *r, struct pp_error *err)
{
	const struct strlist *lists[] = { &r->conflicts, &r->problems };

	for (size_t k = 0; k < 2 && notify != NULL && notify->problem != NULL; k++)
		for (size_t i = 0; i < lists[k]->n; i++)
			notify->problem(notify->arg, p, lists[k]->v[i]);
	if (r->errors.n == 0)
		return 0;
	for (size_t i = 1; i < r->errors.n && notify != NULL && notify->problem != NULL; i++)
		notify->problem(notify->arg, p, r->errors.v[i]);
	error_set(err, NULL, 0, "%s", r->errors.v[0]);
	return -1;
}

int
export_render(const struct exporter *ex, struct catalog *c, const struct plan *p,
	      const char *lang, const struct export_notify *notify,
	      struct sbuf *out, struct pp_error *err)
{
	struct resolution *r = NULL;
	struct export_input in;
	int rc;

	if (resolve_for(ex, c, p, lang, &r, err) != 0)
		return -1;
	if (notify_problems(notify, p, r, err) != 0) {
		resolution_free(&r);
		return -1;
	}
	in.plan = p;
	in.res = r;
	in.catalog_lang = text_lang(ex, lang);
	rc = ex->write(&in, out, err);
	resolution_free(&r);
	return rc;
}

int
export_render_delta(const struct exporter *ex, struct catalog *c,
		    const struct plan *old, const struct plan *new,
		    const struct strlist *notes, const char *lang,
		    const struct export_notify *notify, struct sbuf *out,
		    struct pp_error *err)
{
	struct resolution *ro = NULL, *rn = NULL;
	struct export_delta_input in;
	struct delta d;
	int rc = -1;

	if (ex->write_delta == NULL) {
		/* TRANSLATORS: %s is an export format (md, csv) */
		error_set(err, NULL, 0, _("the format \"%s\" has no delta change request"),
			  ex->name);
		return -1;
	}
	delta_init(&d);
	if (resolve_for(ex, c, old, lang, &ro, err) != 0 ||
	    resolve_for(ex, c, new, lang, &rn, err) != 0)
		goto out;
	if (notify_problems(notify, old, ro, err) != 0 ||
	    notify_problems(notify, new, rn, err) != 0)
		goto out;
	delta_compute(&d, old, ro, new, rn, notes);
	in.delta = &d;
	in.catalog_lang = text_lang(ex, lang);
	rc = ex->write_delta(&in, out, err);
out:
	delta_fini(&d);
	resolution_free(&ro);
	resolution_free(&rn);
	return rc;
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
