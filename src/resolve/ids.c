/* ids.c: stable rule ids and the rules' lifecycle.
 *
 * A rule's key names its opening (rule_key); the plan records the id it
 * handed out for each key.  A rule whose key the plan has recorded keeps
 * that id; any other gets the next number of its section after every id
 * the plan ever recorded, in rule order, so that a plan with no records
 * numbers its rules R001, R002... as they appear, and an id is never
 * given to another opening. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/drift.h"
#include "plan/plan.h"
#include "plan/planfile.h"
#include "resolve/internal.h"
#include "util/pool.h"

/* An end of a rule's key; ZONE false for a rule inside one host (moving
 * the host does not change what opens inside it). */
static void
put_end(struct sbuf *b, const struct rule_end *e, bool zone)
{
	if (e->scope != NULL) {
		sbuf_add(b, e->scope);
		sbuf_addc(b, ':');
	}
	sbuf_add(b, e->id);
	if (e->iface != NULL) {
		sbuf_addc(b, '/');
		sbuf_add(b, e->iface);
	}
	if (zone) {
		sbuf_addc(b, '@');
		sbuf_add(b, e->zone);
	}
}

char *
rule_key(const struct rule *rule)
{
	struct sbuf b;
	char proto[8];

	sbuf_init(&b);
	put_end(&b, &rule->src, rule->section != RULE_HOST_LOCAL);
	sbuf_addc(&b, '>');
	put_end(&b, &rule->dst, rule->section != RULE_HOST_LOCAL);
	sbuf_addc(&b, ' ');
	snprintf(proto, sizeof proto, "%d", rule->proto);
	sbuf_add(&b, proto);
	sbuf_addc(&b, ' ');
	sbuf_add(&b, rule->ports != NULL ? rule->ports : "-");
	return sbuf_take(&b);
}

static const char letters[3] = { 'R', 'N', 'H' };

void
ids_assign(struct resolution *r, const struct plan *p)
{
	unsigned last[3];
	struct rule_life base;

	for (int s = 0; s < 3; s++)
		last[s] = plan_rule_last(p, letters[s]);
	/* copied: the plan may change while the resolution is shown */
	memset(&base, 0, sizeof base);
	base.owner = pool_strdup(r->pool, p->meta.owner);
	base.justification = pool_strdup(r->pool, p->meta.justification);
	base.expiry = pool_strdup(r->pool, p->meta.expiry);
	for (size_t i = 0; i < r->nrules; i++) {
		struct rule *rule = &r->rules[i];
		const struct plan_rule *rec = NULL;

		/* the key only where the plan has records to look it up in
		 * (rule_key() makes it on demand otherwise) */
		if (p->nrules > 0) {
			char *key = rule_key(rule);

			rec = plan_rule_by_key(p, key);
			rule->key = pool_strdup(r->pool, key);
			free(key);
		}
		rule->life = base;
		if (rec != NULL && rec->id[0] == letters[rule->section]) {
			snprintf(rule->id, sizeof rule->id, "%s", rec->id);
			if (rec->owner != NULL)
				rule->life.owner = pool_strdup(r->pool, rec->owner);
			if (rec->justification != NULL)
				rule->life.justification = pool_strdup(r->pool, rec->justification);
			if (rec->expiry != NULL)
				rule->life.expiry = pool_strdup(r->pool, rec->expiry);
			rule->life.excluded = pool_strdup(r->pool, rec->excluded);
		} else {
			snprintf(rule->id, sizeof rule->id, "%c%03u", letters[rule->section],
				 ++last[rule->section]);
			rule->new_id = true;
			r->new_ids++;
		}
		if (rule->life.excluded != NULL)
			r->excluded++;
	}
}

void
resolution_record_ids(const struct resolution *r, struct plan *p)
{
	for (size_t i = 0; i < r->nrules; i++) {
		char *key;

		if (!r->rules[i].new_id)
			continue;
		key = r->rules[i].key != NULL ? xstrdup(r->rules[i].key) : rule_key(&r->rules[i]);
		plan_record_rule(p, r->rules[i].id, key);
		free(key);
	}
}

int
resolve_save_plan(struct catalog *c, struct plan *p, const char *path, int flags,
		  struct pp_error *err)
{
	struct resolution *r = NULL;

	/* the catalog as it is now, so that a later load can tell what
	 * changed; the ids of the rules as the change request shows them,
	 * so that every later revision keeps them */
	if (drift_fingerprint(c, p, err) != 0 || resolve(c, p, &r, err) != 0)
		return -1;
	resolution_record_ids(r, p);
	resolution_free(&r);
	return planfile_save(p, path, flags, err);
}
