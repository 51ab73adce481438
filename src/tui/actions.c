/* actions.c: the action table's texts (no curses: the man page generator
 * links this file too).  The key codes are in keymap.c. */
#include "config.h"

#include "tui/actions.h"
#include "util/i18n.h"

const struct tui_action_info tui_actions[ACT_COUNT] = {
	[ACT_NONE] = { NULL, TUI_SECTION_GLOBAL, 0, NULL, NULL, NULL },
#define SECTION(id, title)
#define ACTION(id, section, ctx, keys, k1, k2, k3, hint, help) \
	[ACT_##id] = { #id, TUI_SECTION_##section, ctx, keys, hint, help },
#include "tui/actions.def"
#undef SECTION
#undef ACTION
};

const char *const tui_section_titles[TUI_SECTION_COUNT] = {
#define SECTION(id, title) [TUI_SECTION_##id] = title,
#define ACTION(id, section, ctx, keys, k1, k2, k3, hint, help)
#include "tui/actions.def"
#undef SECTION
#undef ACTION
};
