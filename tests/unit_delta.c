/* Unit tests of the delta model (resolve/delta.h): which rules are added,
 * removed and changed, which fields of a changed rule changed, the order,
 * the plan changes and the notes; on hand-made resolutions for each field,
 * and on the bundled BEMS catalog end to end.  And the one entry point of
 * the front ends (export_render): machine formats in English whatever
 * the language asked for, the catalog's language kept. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "plan/plan.h"
#include "resolve/delta.h"
#include "resolve/resolve.h"
#include "util/str.h"

/* ---- hand-made rules -------------------------------------------------- */

static struct catalog_flow flow_a = {
	.product = "p", .id = "f-a", .from = "x", .to = "y", .proto = 6, .ports = "443",
	.cond = "", .required = true, .doc = "doc.txt", .section = "table 1",
	.purpose = "Purpose A",
};
static struct catalog_flow flow_b = {
	.product = "p", .id = "f-b", .from = "x", .to = "y", .proto = 6, .ports = "443",
	.cond = "", .required = false, .doc = "doc.txt", .section = "table 2",
	.purpose = "Purpose B",
};

static const struct catalog_flow *origins_a[] = { &flow_a };
static const struct catalog_flow *origins_b[] = { &flow_b };
static const struct catalog_flow *origins_ab[] = { &flow_a, &flow_b };

/* A firewall rule x (internal) -> y (dmz), TCP PORTS. */
static struct rule
mkrule(const char *id, const char *ports)
{
	struct rule r;

	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", id);
	r.section = RULE_FIREWALL;
	r.src.id = "x";
	r.src.label = "X";
	r.src.zone = "internal";
	r.src.zone_label = "Internal";
	r.dst.id = "y";
	r.dst.label = "Y";
	r.dst.zone = "dmz";
	r.dst.zone_label = "DMZ";
	r.dst.address = "192.0.2.1";
	r.proto = 6;
	r.ports = ports;
	r.required = true;
	r.origins = origins_a;
	r.norigins = 1;
	return r;
}

/* The delta from the one rule A to the one rule B. */
static unsigned
fields_between(struct rule a, struct rule b, enum delta_kind *kind)
{
	struct resolution ro, rn;
	struct plan *p = plan_new();
	struct delta d;
	unsigned fields;

	memset(&ro, 0, sizeof ro);
	memset(&rn, 0, sizeof rn);
	ro.rules = &a;
	ro.nrules = 1;
	rn.rules = &b;
	rn.nrules = 1;
	delta_init(&d);
	delta_compute(&d, p, &ro, p, &rn, NULL);
	cr_assert_leq(d.nrules, 1);
	fields = d.nrules == 1 ? d.rules[0].fields : 0;
	*kind = d.nrules == 1 ? d.rules[0].kind : DELTA_NKINDS;
	if (d.nrules == 0)
		cr_assert_eq(d.unchanged, 1);
	delta_fini(&d);
	plan_free(&p);
	return fields;
}

#define EXPECT_FIELDS(a, b, want) do { \
	enum delta_kind k_; \
	unsigned got_ = fields_between((a), (b), &k_); \
	cr_assert_eq(got_, (unsigned)(want), "fields %#x, expected %#x", got_, (unsigned)(want)); \
	if ((want) != 0) \
		cr_assert_eq(k_, DELTA_CHANGE); \
} while (0)

Test(delta, each_field)
{
	struct rule a = mkrule("R001", "443"), b;

	EXPECT_FIELDS(a, a, 0);
	/* the id is not the opening: a renumbered rule is the same rule */
	b = mkrule("R007", "443");
	EXPECT_FIELDS(a, b, 0);

	/* a rule that moves zones is another opening: see zone_move */

	b = a;
	b.src.address = "10.0.0.1";
	EXPECT_FIELDS(a, b, 1u << DELTA_SRC_ADDRESS);
	b = a;
	b.dst.address = NULL;
	EXPECT_FIELDS(a, b, 1u << DELTA_DST_ADDRESS);
	b = a;
	b.dst.address = "192.0.2.2";
	EXPECT_FIELDS(a, b, 1u << DELTA_DST_ADDRESS);

	b = a;
	b.required = false;
	EXPECT_FIELDS(a, b, 1u << DELTA_REQUIRED);

	/* another flow behind the same opening: purposes and citations */
	b = a;
	b.origins = origins_ab;
	b.norigins = 2;
	EXPECT_FIELDS(a, b, (1u << DELTA_PURPOSE) | (1u << DELTA_CITATION));
	b.origins = origins_b;
	b.norigins = 1;
	EXPECT_FIELDS(a, b, (1u << DELTA_PURPOSE) | (1u << DELTA_CITATION));

	/* the rule's own lifecycle and its firewalls */
	b = a;
	b.life.owner = "Mail team";
	EXPECT_FIELDS(a, b, 1u << DELTA_LIFECYCLE);
	b = a;
	b.life.excluded = "not this year";
	EXPECT_FIELDS(a, b, 1u << DELTA_LIFECYCLE);
	{
		static const char *fw[] = { "fw-int" };

		b = a;
		b.firewalls = fw;
		b.nfirewalls = 1;
		EXPECT_FIELDS(a, b, 1u << DELTA_FIREWALLS);
	}

	/* several at once */
	b = a;
	b.src.address = "203.0.113.9";
	b.required = false;
	EXPECT_FIELDS(a, b, (1u << DELTA_SRC_ADDRESS) | (1u << DELTA_REQUIRED));
}

/* A rule that moves zones is a removal and an addition, never a change
 * (its stable id names the opening between those zones). */
Test(delta, zone_move)
{
	struct rule a = mkrule("R001", "443"), b = a;
	struct resolution ro, rn;
	struct plan *p = plan_new();
	struct delta d;

	b.dst.zone = "public";
	memset(&ro, 0, sizeof ro);
	memset(&rn, 0, sizeof rn);
	ro.rules = &a;
	ro.nrules = 1;
	rn.rules = &b;
	rn.nrules = 1;
	delta_init(&d);
	delta_compute(&d, p, &ro, p, &rn, NULL);
	cr_assert_eq(d.nrules, 2);
	cr_assert_eq(d.count[DELTA_ADD], 1);
	cr_assert_eq(d.count[DELTA_REMOVE], 1);
	cr_assert_eq(d.count[DELTA_CHANGE], 0);
	delta_fini(&d);
	plan_free(&p);
}

Test(delta, citation_alone)
{
	static struct catalog_flow moved;
	static const struct catalog_flow *origins_moved[] = { &moved };
	struct rule a = mkrule("R001", "443"), b = a;

	moved = flow_a;
	moved.section = "table 9";	/* the same purpose, cited elsewhere */
	b.origins = origins_moved;
	EXPECT_FIELDS(a, b, 1u << DELTA_CITATION);
	moved = flow_a;
	moved.inferred = true;
	moved.reason = "not in the table";
	EXPECT_FIELDS(a, b, 1u << DELTA_CITATION);
	moved = flow_a;
	moved.purpose = "Another purpose";
	EXPECT_FIELDS(a, b, 1u << DELTA_PURPOSE);
	/* no purpose is the empty purpose */
	moved = flow_a;
	moved.purpose = NULL;
	flow_a.purpose = "";
	EXPECT_FIELDS(a, b, 0);
	flow_a.purpose = "Purpose A";
}

Test(delta, host_local_zones_and_addresses_concern_no_firewall)
{
	struct rule a = mkrule("H001", "8099"), b;

	a.section = RULE_HOST_LOCAL;
	a.dst = a.src;
	b = a;
	b.src.zone = b.dst.zone = "dmz";
	b.src.address = b.dst.address = "10.0.0.5";
	EXPECT_FIELDS(a, b, 0);
	b.required = false;
	EXPECT_FIELDS(a, b, 1u << DELTA_REQUIRED);
}

Test(delta, order_and_counts)
{
	/* old: 80, 443, 8443; new: 25, 443 (changed), 8080; 8443 gone, 80 gone */
	struct rule old[3] = { mkrule("R001", "80"), mkrule("R002", "443"), mkrule("R003", "8443") };
	struct rule new[3] = { mkrule("R001", "25"), mkrule("R002", "443"), mkrule("R003", "8080") };
	struct resolution ro, rn;
	struct plan *p = plan_new();
	struct strlist notes;
	struct delta d;

	new[1].required = false;
	memset(&ro, 0, sizeof ro);
	memset(&rn, 0, sizeof rn);
	ro.rules = old;
	ro.nrules = 3;
	rn.rules = new;
	rn.nrules = 3;
	strlist_init(&notes);
	strlist_add(&notes, "the catalog changed");
	delta_init(&d);
	delta_compute(&d, p, &ro, p, &rn, &notes);
	strlist_fini(&notes);
	cr_assert_eq(d.nrules, 5);
	/* additions and changes in the new order, then removals in the old */
	cr_assert_eq(d.rules[0].kind, DELTA_ADD);
	cr_assert_eq(d.rules[0].new, &new[0]);
	cr_assert_null(d.rules[0].old);
	cr_assert_eq(d.rules[1].kind, DELTA_CHANGE);
	cr_assert_eq(d.rules[1].old, &old[1]);
	cr_assert_eq(d.rules[1].new, &new[1]);
	cr_assert_eq(d.rules[1].fields, 1u << DELTA_REQUIRED);
	cr_assert_eq(d.rules[2].kind, DELTA_ADD);
	cr_assert_eq(d.rules[2].new, &new[2]);
	cr_assert_eq(d.rules[3].kind, DELTA_REMOVE);
	cr_assert_eq(d.rules[3].old, &old[0]);
	cr_assert_null(d.rules[3].new);
	cr_assert_eq(d.rules[4].kind, DELTA_REMOVE);
	cr_assert_eq(d.rules[4].old, &old[2]);
	cr_assert_eq(d.count[DELTA_ADD], 2);
	cr_assert_eq(d.count[DELTA_REMOVE], 2);
	cr_assert_eq(d.count[DELTA_CHANGE], 1);
	cr_assert_eq(d.unchanged, 0);
	cr_assert_eq(d.nchanges, 0, "the same plan: no plan changes");
	cr_assert_eq(d.notes.n, 1);
	cr_assert_str_eq(d.notes.v[0], "the catalog changed");
	/* computed again: the same delta, nothing kept from the first */
	delta_compute(&d, p, &rn, p, &rn, NULL);
	cr_assert_eq(d.nrules, 0);
	cr_assert_eq(d.unchanged, 3);
	cr_assert_eq(d.notes.n, 0);
	delta_fini(&d);
	plan_free(&p);
}

Test(delta, names)
{
	cr_assert_str_eq(delta_kind_name(DELTA_ADD), "add");
	cr_assert_str_eq(delta_kind_name(DELTA_REMOVE), "remove");
	cr_assert_str_eq(delta_kind_name(DELTA_CHANGE), "change");
	cr_assert_str_eq(delta_field_label(DELTA_FIREWALLS), "Firewalls");
	cr_assert_str_eq(delta_field_label(DELTA_CITATION), "Reference");
}

/* ---- the bundled BEMS catalog ----------------------------------------- */

static char root[PATH_MAX];
static struct catalog *cat;

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR"), *data = getenv("PORTPLAN_DATADIR");
	struct catalog_config cfg;
	struct pp_error err;

	snprintf(root, sizeof root, "%s/pp-unit-delta-XXXXXX",
		 tmp != NULL && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(root), "mkdtemp: %s", strerror(errno));
	catalog_config_init(&cfg);
	strlist_addf(&cfg.dirs, "%s/catalog", data != NULL && *data ? data : DATADIR_DEFAULT);
	cfg.db_path = xasprintf("%s/catalog.sqlite", root);
	cr_assert_eq(catalog_open(&cfg, &cat, NULL, &err), 0, "%s:%ld: %s",
		     err.file, err.line, err.msg);
	catalog_config_fini(&cfg);
}

static void
teardown(void)
{
	catalog_free(&cat);
	if (root[0] != '\0')
		nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(bems, .init = setup, .fini = teardown);

static struct plan *
bems_plan(void)
{
	struct plan *p = plan_new();

	plan_add_product(p, "bems");
	plan_set_feature(p, "bems", "core", true);
	plan_set_feature(p, "bems", "mail", true);
	plan_set_feature(p, "bems", "dashboard", true);
	plan_set_feature(p, "bems", "ssl", true);
	plan_set_feature(p, "bems", "skype", true);
	return p;
}

static const struct delta_rule *
find(const struct delta *d, enum delta_kind kind, const char *src, const char *dst,
     const char *ports)
{
	for (size_t i = 0; i < d->nrules; i++) {
		const struct delta_rule *x = &d->rules[i];
		const struct rule *r = x->new != NULL ? x->new : x->old;

		if (x->kind == kind && strcmp(r->src.id, src) == 0 &&
		    strcmp(r->dst.id, dst) == 0 && r->ports != NULL && strcmp(r->ports, ports) == 0)
			return x;
	}
	return NULL;
}

Test(bems, docs_box_dmz)
{
	struct plan *po = bems_plan(), *pn = bems_plan();
	struct resolution *ro = NULL, *rn = NULL;
	const struct delta_rule *x;
	struct pp_error err;
	struct delta d;

	plan_set_feature(pn, "bems", "docs", true);
	plan_set_feature(pn, "bems", "box", true);
	plan_set_feature(pn, "bems", "dashboard", false);
	plan_place(pn, "bems", "dmz");
	cr_assert_eq(plan_add_address(pn, "bems", "10.0.0.5", &err), 0, "%s", err.msg);
	catalog_set_lang(cat, "en");
	cr_assert_eq(resolve(cat, po, &ro, &err), 0, "%s", err.msg);
	cr_assert_eq(resolve(cat, pn, &rn, &err), 0, "%s", err.msg);
	delta_init(&d);
	delta_compute(&d, po, ro, pn, rn, NULL);

	/* Box opens 443 to *.box.com; the Dashboard's 8443 goes */
	x = find(&d, DELTA_ADD, "bems", "box-cloud", "443");
	cr_assert_not_null(x, "BEMS -> Box 443 is added");
	cr_assert_eq(x->new->section, RULE_FIREWALL);
	x = find(&d, DELTA_REMOVE, "admin", "bems", "8443");
	cr_assert_not_null(x, "the Dashboard's 8443 is removed");
	cr_assert_eq(x->old->section, RULE_NO_CHANGE);
	/* BEMS moved to the DMZ: its rules to the internal network are new
	 * openings across a boundary, the old ones inside the zone go */
	x = find(&d, DELTA_ADD, "bems", "sql", "1433");
	cr_assert_not_null(x, "BEMS -> SQL 1433 (DMZ to internal) is added");
	cr_assert_eq(x->new->section, RULE_FIREWALL);
	x = find(&d, DELTA_REMOVE, "bems", "sql", "1433");
	cr_assert_not_null(x, "BEMS -> SQL 1433 (inside the internal network) is removed");
	cr_assert_eq(x->old->section, RULE_NO_CHANGE);
	/* Docs adds its own LDAPS flow to Mail's, in the new opening */
	x = find(&d, DELTA_ADD, "bems", "ad", "636");
	cr_assert_not_null(x, "BEMS -> AD 636 is added");
	cr_assert_eq(x->new->norigins, 2);
	/* host-local ports moved with the host: the same openings; only the
	 * address, which concerns no firewall, differs */
	cr_assert_null(find(&d, DELTA_CHANGE, "bems", "bems", "8099"));
	cr_assert_null(find(&d, DELTA_ADD, "bems", "bems", "8099"));
	cr_assert_eq(d.count[DELTA_ADD], 8);
	cr_assert_eq(d.count[DELTA_REMOVE], 8);
	cr_assert_eq(d.count[DELTA_CHANGE], 0);
	cr_assert_eq(d.unchanged, 3);
	cr_assert_eq(d.count[DELTA_ADD] + d.count[DELTA_CHANGE] + d.unchanged, rn->nrules);
	cr_assert_eq(d.count[DELTA_REMOVE] + d.count[DELTA_CHANGE] + d.unchanged, ro->nrules);

	/* the plan changes behind them, in their order */
	cr_assert_eq(d.nchanges, 5);
	cr_assert_eq(d.changes[0].kind, DELTA_FEATURE_ON);
	cr_assert_str_eq(d.changes[0].id, "box");
	cr_assert_str_eq(d.changes[0].a, "bems");
	cr_assert_eq(d.changes[1].kind, DELTA_FEATURE_ON);
	cr_assert_str_eq(d.changes[1].id, "docs");
	cr_assert_eq(d.changes[2].kind, DELTA_FEATURE_OFF);
	cr_assert_str_eq(d.changes[2].id, "dashboard");
	cr_assert_eq(d.changes[3].kind, DELTA_ENDPOINT_MOVED);
	cr_assert_str_eq(d.changes[3].id, "bems");
	cr_assert_str_eq(d.changes[3].a, "internal");
	cr_assert_str_eq(d.changes[3].b, "dmz");
	cr_assert_eq(d.changes[4].kind, DELTA_ADDRESS_ADDED);
	cr_assert_str_eq(d.changes[4].a, "10.0.0.5");
	{
		struct sbuf s;

		sbuf_init(&s);
		delta_plan_change_text(&s, &d.changes[3]);
		cr_assert_str_eq(sbuf_str(&s), "Endpoint bems moved from zone internal to zone dmz");
		sbuf_fini(&s);
	}

	/* the other way round: additions and removals swap */
	delta_compute(&d, pn, rn, po, ro, NULL);
	cr_assert_not_null(find(&d, DELTA_REMOVE, "bems", "box-cloud", "443"));
	cr_assert_not_null(find(&d, DELTA_ADD, "admin", "bems", "8443"));
	cr_assert_eq(d.count[DELTA_CHANGE], 0);
	cr_assert_eq(d.count[DELTA_ADD], 8);
	cr_assert_eq(d.changes[0].kind, DELTA_FEATURE_ON);
	cr_assert_str_eq(d.changes[0].id, "dashboard");
	cr_assert_eq(d.changes[4].kind, DELTA_ADDRESS_REMOVED);

	delta_fini(&d);
	resolution_free(&ro);
	resolution_free(&rn);
	plan_free(&po);
	plan_free(&pn);
}

/* ---- export_render ---------------------------------------------------- */

static char *
render(const char *format, const char *lang)
{
	struct plan *p = bems_plan();
	struct pp_error err;
	struct sbuf out;

	sbuf_init(&out);
	cr_assert_eq(export_render(export_find(format), cat, p, lang, NULL, &out, &err), 0,
		     "%s", err.msg);
	plan_free(&p);
	return sbuf_take(&out);
}

Test(bems, machine_formats_are_english)
{
	char *en = render("csv", "en"), *de = render("csv", "de"), *fr = render("csv", "fr");
	char *md_en = render("md", "en"), *md_de = render("md", "de");

	cr_assert(export_find("csv")->machine);
	cr_assert(!export_find("md")->machine);
	cr_assert_str_eq(de, en, "CSV with LANG de");
	cr_assert_str_eq(fr, en, "CSV with LANG fr");
	cr_assert_not_null(strstr(en, "\"BEMS server\""));
	/* the people's format takes the catalog's German texts */
	cr_assert_not_null(strstr(md_de, "BEMS-Server"), "German Markdown");
	cr_assert_null(strstr(md_en, "BEMS-Server"));
	free(en);
	free(de);
	free(fr);
	free(md_en);
	free(md_de);
}

Test(bems, the_catalog_keeps_its_language)
{
	struct plan *p = bems_plan();
	struct resolution *r = NULL;
	struct pp_error err;
	char *csv;

	catalog_set_lang(cat, "de");
	csv = render("csv", "de");
	cr_assert_eq(resolve(cat, p, &r, &err), 0, "%s", err.msg);
	cr_assert_str_eq(resolution_endpoint(r, "bems")->label, "BEMS-Server",
			 "the catalog is in German again after an English CSV");
	resolution_free(&r);
	plan_free(&p);
	free(csv);
}

Test(bems, delta_through_the_registry)
{
	struct plan *po = bems_plan(), *pn = bems_plan();
	struct pp_error err;
	struct sbuf out;

	plan_set_feature(pn, "bems", "dashboard", false);
	for (const struct exporter *ex = export_formats; ex->name != NULL; ex++) {
		cr_assert_not_null(ex->write_delta, "%s has a delta writer", ex->name);
		sbuf_init(&out);
		cr_assert_eq(export_render_delta(ex, cat, po, pn, NULL, "de", NULL, &out, &err), 0,
			     "%s", err.msg);
		if (ex->machine)
			cr_assert_eq(strncmp(sbuf_str(&out), "change,rule_id,section,", 23), 0,
				     "%s: %.60s", ex->name, sbuf_str(&out));
		cr_assert_not_null(strstr(sbuf_str(&out), ex->machine ? "\"remove\"," : "N001"),
				   "%s: the Dashboard's rule goes", ex->name);
		sbuf_fini(&out);
	}
	plan_free(&po);
	plan_free(&pn);
}
