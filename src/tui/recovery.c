/* recovery.c: the recovery file.  When a signal stops the planner with
 * unsaved changes, the plan (and the name of its file) is written to the
 * state directory (util/xdg.h: $XDG_STATE_HOME/portplan, else
 * ~/.local/state/portplan; no home directory: no recovery file at all);
 * the next start offers to restore it.  The directory must be the user's
 * own and closed to others, the files the user's and not writable by
 * others (util/file.h): a recovery planted by someone else could name any
 * file for F2 to overwrite. */
#include "config.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/plan.h"
#include "plan/planfile.h"
#include "tui/internal.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/xdg.h"

/* Caller-owned path of the recovery file NAME in the state directory, or
 * NULL: no home directory, or a state directory that is not the user's
 * own (file_check_private_dir).  ERR (may be NULL) says why when it is
 * refused. */
static char *
recovery_file(const char *name, struct pp_error *err)
{
	char *dir = xdg_app_path(XDG_BASE_STATE, NULL), *path;
	struct pp_error e;

	if (dir == NULL)
		return NULL;
	error_clear(&e);
	if (file_check_private_dir(dir, err != NULL ? err : &e) != 0) {
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

/* Writes the unsaved plan (and the name of its file) for the next start.
 * Called after a signal, outside the handler. */
void
tui_recovery_write(struct tui *t)
{
	char *dir = xdg_app_path(XDG_BASE_STATE, NULL);
	char *plan_path = recovery_file("recovery.portplan", NULL);
	char *name_path = recovery_file("recovery.path", NULL);
	struct pp_error err;

	error_clear(&err);
	if (plan_path != NULL && name_path != NULL && file_mkdirs(dir, &err) == 0 &&
	    planfile_save(t->s->plan, plan_path, FILE_WRITE_PRIVATE, &err) == 0) {
		if (t->s->path != NULL) {
			char *abs = realpath(t->s->path, NULL);
			const char *p = abs != NULL ? abs : t->s->path;

			file_write_atomic(name_path, p, strlen(p), FILE_WRITE_PRIVATE, &err);
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
	char *plan_path = recovery_file("recovery.portplan", NULL);
	char *name_path = recovery_file("recovery.path", NULL);

	if (plan_path != NULL)
		unlink(plan_path);
	if (name_path != NULL)
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

/* The file a recovery names, when it may be written again: an absolute
 * path to nothing yet, or to a plan (F2 replaces it). */
static bool
recovered_path_ok(const char *path)
{
	struct plan *disk = NULL;
	struct pp_error err;

	if (path[0] != '/')
		return false;
	if (!file_exists(path))
		return true;
	if (planfile_load(path, &disk, NULL, &err) != 0)
		return false;
	plan_free(&disk);
	return true;
}

void
tui_recovery_offer(struct tui *t)
{
	struct pp_error err;
	char *plan_path, *name_path = NULL;
	char *data = NULL, *q;
	size_t len;

	error_clear(&err);
	plan_path = recovery_file("recovery.portplan", &err);
	if (plan_path == NULL) {
		if (err.msg[0] != '\0') {
			char buf[2200];

			error_format(&err, buf, sizeof buf);
			tui_message(t, TUI_MSG_WARN, _("No recovery file is read or written: %s"), buf);
		}
		goto out;
	}
	name_path = recovery_file("recovery.path", NULL);
	if (!file_exists(plan_path))
		goto out;
	/* only the user's own files: another user's could name any file
	 * for F2 to overwrite */
	if (file_check_private_file(plan_path, &err) != 0 ||
	    file_check_private_file(name_path, &err) != 0 ||
	    planfile_load(plan_path, &t->recovered, NULL, &err) != 0) {
		char buf[2200];

		error_format(&err, buf, sizeof buf);
		tui_message(t, TUI_MSG_WARN, _("A recovery file exists but cannot be read: %s"), buf);
		goto out;
	}
	if (file_read(name_path, PATH_MAX, &data, &len, &err) == 0 && len > 0) {
		data[strcspn(data, "\n")] = '\0';
		if (recovered_path_ok(data))
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
