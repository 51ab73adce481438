/* actions.h: the planner's actions, generated from actions.def.  Free of
 * curses so that src/tui/keys-man.c (the man page's key table) can use
 * it. */
#ifndef PORTPLAN_TUI_ACTIONS_H
#define PORTPLAN_TUI_ACTIONS_H

#include <stddef.h>

/* Where an action works: one bit per screen, view and dialog. */
enum tui_ctx {
	TUI_CTX_PRODUCTS = 1 << 0,
	TUI_CTX_FEATURES = 1 << 1,
	TUI_CTX_PLACEMENT = 1 << 2,
	TUI_CTX_REVIEW = 1 << 3,
	TUI_CTX_EXPORT = 1 << 4,
	TUI_CTX_VIEW = 1 << 5,		/* help, rule details, warnings */
	TUI_CTX_MENU = 1 << 6,		/* a list of choices */
	TUI_CTX_CONFIRM = 1 << 7,	/* a yes/no question */
	TUI_CTX_PROMPT = 1 << 8,	/* a text field */
};
#define TUI_CTX_MAIN (TUI_CTX_PRODUCTS | TUI_CTX_FEATURES | TUI_CTX_PLACEMENT | \
		      TUI_CTX_REVIEW | TUI_CTX_EXPORT)
#define TUI_CTX_MOVE (TUI_CTX_MAIN | TUI_CTX_VIEW | TUI_CTX_MENU)

enum tui_section {
#define SECTION(id, title) TUI_SECTION_##id,
#define ACTION(id, section, ctx, keys, k1, k2, k3, hint, help)
#include "tui/actions.def"
#undef SECTION
#undef ACTION
	TUI_SECTION_COUNT
};

enum tui_action {
	ACT_NONE,
#define SECTION(id, title)
#define ACTION(id, section, ctx, keys, k1, k2, k3, hint, help) ACT_##id,
#include "tui/actions.def"
#undef SECTION
#undef ACTION
	ACT_COUNT
};

/* One row of the table, without the key codes (those need curses). */
struct tui_action_info {
	const char *name;	/* "HELP" */
	enum tui_section section;
	unsigned ctx;
	const char *keys;	/* "?, F1" */
	const char *hint;	/* N_() or NULL */
	const char *help;	/* N_() */
};

/* Indexed by enum tui_action (entry 0 is ACT_NONE, all NULL). */
extern const struct tui_action_info tui_actions[ACT_COUNT];
/* Untranslated section titles (N_()). */
extern const char *const tui_section_titles[TUI_SECTION_COUNT];

#endif
