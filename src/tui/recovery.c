/* recovery.c: the recovery file.  When a signal stops the planner with
 * unsaved changes, the plan (and the name of its file) is written to
 * $XDG_STATE_HOME/portplan (else the cache directory); the next start
 * offers to restore it. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/plan.h"
#include "plan/planfile.h"
#include "tui/internal.h"
#include "util/file.h"
#include "util/i18n.h"

/* Caller-owned directory of the recovery file. */
static char *
recovery_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *cache = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (state != NULL && state[0] == '/')
		return xasprintf("%s/portplan", state);
	if (cache != NULL && cache[0] == '/')
		return xasprintf("%s/portplan", cache);
	return xasprintf("%s/.cache/portplan", home != NULL ? home : ".");
}

/* Caller-owned path of NAME in that directory. */
static char *
recovery_file(const char *name)
{
	char *dir = recovery_dir();
	char *path = xasprintf("%s/%s", dir, name);

	free(dir);
	return path;
}

/* Writes the unsaved plan (and the name of its file) for the next start.
 * Called after a signal, outside the handler. */
void
tui_recovery_write(struct tui *t)
{
	char *dir = recovery_dir();
	char *plan_path = recovery_file("recovery.portplan");
	char *name_path = recovery_file("recovery.path");
	struct pp_error err;

	error_clear(&err);
	if (file_mkdirs(dir, &err) == 0 &&
	    planfile_save(t->s->plan, plan_path, 0, &err) == 0) {
		if (t->s->path != NULL) {
			char *abs = realpath(t->s->path, NULL);
			const char *p = abs != NULL ? abs : t->s->path;

			file_write_atomic(name_path, p, strlen(p), 0, &err);
			free(abs);
		} else
			unlink(name_path);
	}
	free(dir);
	free(plan_path);
	free(name_path);
}

static void
remove_recovery(void)
{
	char *plan_path = recovery_file("recovery.portplan");
	char *name_path = recovery_file("recovery.path");

	unlink(plan_path);
	unlink(name_path);
	free(plan_path);
	free(name_path);
}

static unsigned
recovery_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	      const char *arg)
{
	(void)item;
	(void)text;
	(void)arg;
	if (answer == TUI_ANSWER_YES) {
		session_replace_plan(t->s, t->recovered);
		t->recovered = NULL;
		if (t->recovered_path != NULL) {
			free(t->s->path);
			t->s->path = t->recovered_path;
			t->recovered_path = NULL;
			/* the file on disk is what was last saved */
			{
				struct plan *disk = NULL;
				struct pp_error err;

				if (planfile_load(t->s->path, &disk, NULL, &err) == 0) {
					plan_free(&t->s->saved);
					t->s->saved = disk;
				}
			}
		}
		remove_recovery();
		tui_message(t, TUI_MSG_INFO,
			    _("Restored the unsaved changes. Press F2 to save them."));
		return TUI_R_PLAN | TUI_R_REDRAW;
	}
	if (answer == TUI_ANSWER_NO) {
		remove_recovery();
		tui_message(t, TUI_MSG_INFO, _("Discarded the recovered changes."));
	}
	plan_free(&t->recovered);
	xfree(&t->recovered_path);
	return TUI_R_REDRAW;
}

void
tui_recovery_offer(struct tui *t)
{
	char *plan_path = recovery_file("recovery.portplan");
	char *name_path = recovery_file("recovery.path");
	struct pp_error err;
	char *data = NULL, *q;
	size_t len;

	error_clear(&err);
	if (!file_exists(plan_path))
		goto out;
	if (planfile_load(plan_path, &t->recovered, NULL, &err) != 0) {
		char buf[2200];

		error_format(&err, buf, sizeof buf);
		tui_message(t, TUI_MSG_WARN, _("A recovery file exists but cannot be read: %s"), buf);
		goto out;
	}
	if (file_read(name_path, PATH_MAX, &data, &len, &err) == 0 && len > 0) {
		data[strcspn(data, "\n")] = '\0';
		t->recovered_path = xstrdup(data);
	}
	if (t->recovered_path != NULL)
		/* TRANSLATORS: %s is the plan's file name */
		q = xasprintf(_("portplan was stopped with unsaved changes to %s. Restore them? (n discards them, Esc asks again next time)"),
			      t->recovered_path);
	else
		q = xasprintf("%s", _("portplan was stopped with unsaved changes to a new plan. Restore them? (n discards them, Esc asks again next time)"));
	tui_confirm(t, _("Recover unsaved changes"), q, TUI_ANSWER_YES, recovery_done, NULL);
	free(q);
out:
	free(data);
	free(plan_path);
	free(name_path);
}
