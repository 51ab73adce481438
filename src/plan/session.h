/* session.h: what a front end works on.
 *
 * Opening the catalog the way every front end does (the bundled and the
 * user's catalog directories, then --catalog DIRs; the default cache), and
 * loading a plan with what the admin must be told about it (the reader's
 * notes, then how the catalog changed since the plan was saved), are
 * written once, here.  A session holds the catalog, the plan, the plan as
 * it is on disk, and the editor over them. */
#ifndef PORTPLAN_PLAN_SESSION_H
#define PORTPLAN_PLAN_SESSION_H

#include <stdbool.h>

#include "plan/edit.h"
#include "util/error.h"
#include "util/str.h"

struct catalog;
struct plan;

struct session_config {
	const struct strlist *catalog_dirs;	/* after the default ones; may be NULL */
	const char *db;		/* NULL: the default cache */
	bool allow_stale;	/* on a bad source, open the previous cache */
	const char *lang;	/* language of catalog texts */
	const char *plan_path;	/* NULL: a new plan */
	bool plan_may_be_new;	/* a missing PLAN_PATH starts a new plan */
};

struct session {
	struct catalog *cat;
	struct plan *plan;	/* the plan being edited */
	struct plan *saved;	/* as on disk (empty for a new plan) */
	struct editor ed;	/* over cat and plan */
	char *path;		/* the plan's file; NULL for none */
	bool path_exists;	/* PATH was read (not a new plan) */
	const char *lang;	/* static */
	/* what the admin is told: catalog warnings, the plan reader's notes,
	 * how the catalog changed since the plan was saved */
	struct strlist notes;
};

/* Opens the catalog as CFG says; warnings are appended to NOTES.
 * Caller-owned *OUT. */
int session_open_catalog(const struct session_config *cfg, struct catalog **out,
			 struct strlist *notes, struct pp_error *err);

/* Reads the plan at PATH: the reader's notes go to WARNINGS, one sentence
 * per catalog flow added, changed or removed since it was saved to
 * CHANGES.  Caller-owned *OUT. */
int session_load_plan(struct catalog *c, const char *path, struct plan **out,
		      struct strlist *warnings, struct strlist *changes,
		      struct pp_error *err);

/* Opens the catalog and the plan.  On failure S still holds the notes
 * gathered so far; free it with session_fini in any case. */
int session_open(struct session *s, const struct session_config *cfg,
		 struct pp_error *err);
void session_fini(struct session *s);
/* Edits P from now on (taken; the old plan is freed). */
void session_replace_plan(struct session *s, struct plan *p);

#endif
