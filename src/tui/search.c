/* search.c: "/" and its repetitions (n, N).  The text is asked on the
 * message line; the current screen's list (through its row_text) or the
 * open view is searched from the cursor, wrapping around. */
#include "config.h"

#include <stdlib.h>

#include "tui/internal.h"
#include "util/i18n.h"

static unsigned
search_run(struct tui *t, int dir)
{
	const struct tui_screen *s = t->screens[t->cur];
	bool found;

	if (t->search == NULL || t->search[0] == '\0')
		return TUI_R_NONE;
	if (t->view != NULL)
		found = tui_view_search(t, t->search, dir);
	else
		found = s->list != NULL && tui_list_search(t, s->list(t), t->search, dir,
							   s->row_text);
	if (!found)
		/* TRANSLATORS: %s is the searched text */
		tui_message(t, TUI_MSG_WARN, _("Not found: %s"), t->search);
	return TUI_R_REDRAW;
}

static unsigned
search_done(struct tui *t, enum tui_answer answer, size_t item, const char *text,
	    const char *arg)
{
	(void)item;
	(void)arg;
	if (answer != TUI_ANSWER_OK || text == NULL || text[0] == '\0')
		return TUI_R_REDRAW;
	free(t->search);
	t->search = xstrdup(text);
	return search_run(t, 1);
}

unsigned
tui_search_start(struct tui *t)
{
	tui_prompt(t, NULL, "/", "", true, search_done, NULL);
	return TUI_R_REDRAW;
}

unsigned
tui_search_again(struct tui *t, int dir)
{
	if (t->search == NULL) {
		tui_message(t, TUI_MSG_INFO, _("Press / to search."));
		return TUI_R_REDRAW;
	}
	return search_run(t, dir);
}
