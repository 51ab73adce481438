/* help.c: the help view (? and F1): the notes from loading, help on the
 * item under the cursor, the steps from nothing to a change request, and
 * the keys, from the action table, this screen's own first. */
#include "config.h"

#include <stdlib.h>

#include "tui/internal.h"
#include "util/i18n.h"

/* The keys of SECTION under its title; with CTX, instead every action
 * of a screen section (not global, not movement) that works in CTX. */
static void
add_section_keys(struct tui_text *x, enum tui_section section, unsigned ctx)
{
	bool any = false;

	for (int a = 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *ai = &tui_actions[a];

		if (ctx == 0 ? ai->section != section :
		    !(ai->ctx & ctx) || ai->section == TUI_SECTION_GLOBAL ||
		    ai->section == TUI_SECTION_MOVE)
			continue;
		if (!any)
			tui_text_add(x, TUI_PARA_TITLE, _(tui_section_titles[section]));
		any = true;
		tui_text_key(x, C_("key", ai->keys), _(ai->help));
	}
	if (any)
		tui_text_add(x, TUI_PARA_BLANK, "");
}

unsigned
tui_help_open(struct tui *t)
{
	const struct tui_screen *s = t->screens[t->cur];
	struct tui_text x;
	char *title;
	enum tui_section mine = TUI_SECTION_COUNT;

	tui_text_init(&x);
	if (t->notes.n > 0) {
		tui_text_add(&x, TUI_PARA_TITLE, _("Notes while loading the catalog and the plan"));
		for (size_t i = 0; i < t->notes.n; i++)
			tui_text_add(&x, TUI_PARA_WARN, t->notes.v[i]);
		tui_text_add(&x, TUI_PARA_BLANK, "");
	}
	if (s->item_help != NULL) {
		tui_text_add(&x, TUI_PARA_TITLE, _("The item under the cursor"));
		s->item_help(t, &x);
		tui_text_add(&x, TUI_PARA_BLANK, "");
	}
	/* this screen's own keys first, under the title of the section of
	 * an action that works here only (else of any that works here),
	 * then the rest of the table */
	for (int pass = 0; pass < 2 && mine == TUI_SECTION_COUNT; pass++)
		for (int a = 1; a < ACT_COUNT && mine == TUI_SECTION_COUNT; a++)
			if ((pass == 0 ? (tui_actions[a].ctx & TUI_CTX_MAIN) == s->ctx :
			     (tui_actions[a].ctx & s->ctx) != 0) &&
			    tui_actions[a].section != TUI_SECTION_GLOBAL &&
			    tui_actions[a].section != TUI_SECTION_MOVE)
				mine = tui_actions[a].section;
	if (mine != TUI_SECTION_COUNT)
		add_section_keys(&x, mine, s->ctx);
	tui_text_add(&x, TUI_PARA_TITLE, _("From nothing to a change request"));
	tui_text_add(&x, TUI_PARA_ITEM, _("1 Products: select what you install (Space)."));
	tui_text_add(&x, TUI_PARA_ITEM, _("2 Features: select the services and options in use; the help of each is shown below the list."));
	tui_text_add(&x, TUI_PARA_ITEM, _("3 Placement: put each server and peer in its zone (Enter) and give its addresses (a)."));
	tui_text_add(&x, TUI_PARA_ITEM, _("4 Review: check the rules per zone boundary; Enter shows every purpose and citation."));
	tui_text_add(&x, TUI_PARA_ITEM, _("5 Export: write the change request (Markdown for people, CSV for ticket systems)."));
	tui_text_add(&x, TUI_PARA_ITEM, _("F2 saves the plan so that you can change it later: portplan FILE."));
	tui_text_add(&x, TUI_PARA_BLANK, "");
	for (int sec = 0; sec < TUI_SECTION_COUNT; sec++)
		if ((enum tui_section)sec != mine)
			add_section_keys(&x, (enum tui_section)sec, 0);
	/* TRANSLATORS: title of the help view; %s is the screen's name */
	title = xasprintf(_("Help: %s"), _(s->title));
	tui_view_open(t, title, &x);
	free(title);
	tui_text_fini(&x);
	return TUI_R_REDRAW;
}
