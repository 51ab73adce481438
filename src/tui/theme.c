/* theme.c: semantic colour roles, declared once with a colour column and
 * a monochrome column (ncdu, htop).  NO_COLOR (https://no-color.org) and
 * terminals without colours get the monochrome column. */
#include "config.h"

#include <stdlib.h>

#include "tui/internal.h"

struct role {
	short fg, bg;		/* -1: the terminal's default */
	attr_t color_attr;	/* added to the colour pair */
	attr_t mono;		/* used alone without colours */
};

static const struct role roles[TUI_ROLE_COUNT] = {
	[TUI_ROLE_NORMAL]	= { -1, -1, A_NORMAL, A_NORMAL },
	[TUI_ROLE_TABS]		= { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[TUI_ROLE_TAB_ACTIVE]	= { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD },
	[TUI_ROLE_CURSOR]	= { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[TUI_ROLE_HEADING]	= { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[TUI_ROLE_DIM]		= { -1, -1, A_DIM, A_NORMAL },
	[TUI_ROLE_RULE]		= { COLOR_BLUE, -1, A_NORMAL, A_NORMAL },
	[TUI_ROLE_STATUS]	= { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[TUI_ROLE_STATUS_KEY]	= { COLOR_BLUE, COLOR_WHITE, A_BOLD, A_NORMAL | A_BOLD },
	[TUI_ROLE_INFO]		= { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[TUI_ROLE_WARN]		= { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[TUI_ROLE_ERROR]	= { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[TUI_ROLE_DIALOG]	= { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_NORMAL },
	[TUI_ROLE_DIALOG_TITLE]	= { COLOR_BLUE, COLOR_WHITE, A_BOLD, A_BOLD },
	[TUI_ROLE_INPUT]	= { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_UNDERLINE },
	[TUI_ROLE_ON]		= { COLOR_GREEN, -1, A_BOLD, A_BOLD },
};

static attr_t attrs[TUI_ROLE_COUNT];
static bool mono = true;

void
tui_theme_init(void)
{
	const char *no_color = getenv("NO_COLOR");

	mono = (no_color != NULL && no_color[0] != '\0') || !has_colors() ||
	       start_color() == ERR || COLORS < 8 || COLOR_PAIRS < TUI_ROLE_COUNT + 1;
	if (!mono && use_default_colors() == ERR) {
		/* no default colours: map -1 to white on black */
		for (int i = 0; i < TUI_ROLE_COUNT; i++) {
			short fg = roles[i].fg < 0 ? COLOR_WHITE : roles[i].fg;
			short bg = roles[i].bg < 0 ? COLOR_BLACK : roles[i].bg;

			init_pair((short)(i + 1), fg, bg);
		}
	} else if (!mono) {
		for (int i = 0; i < TUI_ROLE_COUNT; i++)
			init_pair((short)(i + 1), roles[i].fg, roles[i].bg);
	}
	for (int i = 0; i < TUI_ROLE_COUNT; i++)
		attrs[i] = mono ? roles[i].mono :
			(attr_t)COLOR_PAIR(i + 1) | roles[i].color_attr;
}

attr_t
tui_attr(enum tui_role role)
{
	return attrs[role];
}

bool
tui_theme_is_mono(void)
{
	return mono;
}
