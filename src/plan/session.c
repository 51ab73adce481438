/* session.c: the catalog, the plan and its editor, opened once for every
 * front end (see session.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "plan/drift.h"
#include "plan/plan.h"
#include "plan/planfile.h"
#include "plan/session.h"
#include "util/file.h"
#include "util/i18n.h"

int
session_open_catalog(const struct session_config *cfg, struct catalog **out,
		     struct strlist *notes, struct pp_error *err)
{
	struct catalog_config cc;
	int rc;

	catalog_config_init(&cc);
	catalog_config_default_dirs(&cc);
	if (cfg->catalog_dirs != NULL)
		strlist_copy(&cc.dirs, cfg->catalog_dirs);
	cc.db_path = xstrdup(cfg->db);
	cc.allow_stale = cfg->allow_stale;
	rc = catalog_open(&cc, out, notes, err);
	catalog_config_fini(&cc);
	if (rc == 0 && cfg->lang != NULL)
		catalog_set_lang(*out, cfg->lang);
	return rc;
}

int
session_load_plan(struct catalog *c, const char *path, struct plan **out,
		  struct strlist *warnings, struct strlist *changes, struct pp_error *err)
{
	*out = NULL;
	if (planfile_load(path, out, warnings, err) != 0)
		return -1;
	/* the catalog may have changed since the plan was saved: say what
	 * changed rather than hand over a silently different request */
	if (drift_compare(c, *out, changes, err) != 0) {
		plan_free(out);
		return -1;
	}
	return 0;
}

int
session_open(struct session *s, const struct session_config *cfg, struct pp_error *err)
{
	memset(s, 0, sizeof *s);
	strlist_init(&s->notes);
	s->lang = cfg->lang != NULL ? cfg->lang : "en";
	if (session_open_catalog(cfg, &s->cat, &s->notes, err) != 0)
		return -1;
	if (cfg->plan_path != NULL)
		s->path = xstrdup(cfg->plan_path);
	if (cfg->plan_path != NULL && (!cfg->plan_may_be_new || file_exists(cfg->plan_path))) {
		struct strlist changes;

		strlist_init(&changes);
		if (session_load_plan(s->cat, cfg->plan_path, &s->plan, &s->notes, &changes,
				      err) != 0) {
			strlist_fini(&changes);
			return -1;
		}
		if (changes.n > 0)
			strlist_addf(&s->notes,
				     _("the catalog has changed since %s was saved; the current catalog is used:"),
				     cfg->plan_path);
		for (size_t i = 0; i < changes.n; i++)
			strlist_add(&s->notes, changes.v[i]);
		strlist_fini(&changes);
		s->path_exists = true;
	} else
		s->plan = plan_new();
	s->saved = plan_dup(s->plan);
	return edit_init(&s->ed, s->cat, s->plan, err);
}

void
session_fini(struct session *s)
{
	if (s->cat != NULL || s->plan != NULL)
		edit_fini(&s->ed);
	plan_free(&s->plan);
	plan_free(&s->saved);
	free(s->path);
	strlist_fini(&s->notes);
	catalog_free(&s->cat);
	memset(s, 0, sizeof *s);
}

void
session_replace_plan(struct session *s, struct plan *p)
{
	plan_free(&s->plan);
	s->plan = p;
	edit_set_plan(&s->ed, p);
}
