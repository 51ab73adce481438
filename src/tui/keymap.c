/* keymap.c: the key codes of the action table and the lookup. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tui/internal.h"
#include "util/i18n.h"

static const int action_keys[ACT_COUNT][3] = {
	[ACT_NONE] = { 0, 0, 0 },
#define SECTION(id, title)
#define ACTION(id, section, ctx, keys, k1, k2, k3, hint, help) \
	[ACT_##id] = { k1, k2, k3 },
#include "tui/actions.def"
#undef SECTION
#undef ACTION
};

static bool
action_has_key(enum tui_action a, int key)
{
	for (int i = 0; i < 3; i++)
		if (action_keys[a][i] != 0 && action_keys[a][i] == key)
			return true;
	return false;
}

/* In a yes/no question the letters the translation shows answer too
 * ("j" and "n" in German, "o" and "n" in French); y and n always work. */
static enum tui_action
answer_letter(int key)
{
	/* TRANSLATORS: the two letters that answer yes and no in a question
	   of the planner, in this order, lower case, without a space; use
	   the same letters in "[y] Yes   n No   Esc Cancel" */
	const char *yn = _("yn");

	if (key <= 0 || key >= 0x80 || strlen(yn) != 2 ||
	    (unsigned char)yn[0] >= 0x80 || (unsigned char)yn[1] >= 0x80)
		return ACT_NONE;
	key = tolower(key);
	if (key == yn[0])
		return ACT_YES;
	if (key == yn[1])
		return ACT_NO;
	return ACT_NONE;
}

enum tui_action
tui_key_action(unsigned ctx, int key)
{
	if (key == 0)
		return ACT_NONE;
	/* Enter arrives as '\n' or '\r' depending on the terminal mode */
	if (key == '\r')
		key = '\n';
	if ((ctx & TUI_CTX_CONFIRM) && answer_letter(key) != ACT_NONE)
		return answer_letter(key);
	for (int a = 1; a < ACT_COUNT; a++)
		if ((tui_actions[a].ctx & ctx) && action_has_key((enum tui_action)a, key))
			return (enum tui_action)a;
	return ACT_NONE;
}

bool
tui_key_conflict(unsigned ctx, int key, enum tui_action *first, enum tui_action *second)
{
	enum tui_action found = ACT_NONE;

	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(tui_actions[a].ctx & ctx) || !action_has_key((enum tui_action)a, key))
			continue;
		if (found != ACT_NONE) {
			*first = found;
			*second = (enum tui_action)a;
			return true;
		}
		found = (enum tui_action)a;
	}
	return false;
}

int
tui_keys_check(char *buf, size_t size)
{
	int conflicts = 0;

	if (size > 0)
		buf[0] = '\0';
	for (unsigned bit = 1; bit <= TUI_CTX_PROMPT; bit <<= 1) {
		for (int a = 1; a < ACT_COUNT; a++) {
			if (!(tui_actions[a].ctx & bit))
				continue;
			for (int k = 0; k < 3; k++) {
				enum tui_action x, y;
				int key = action_keys[a][k];

				if (key == 0 || !tui_key_conflict(bit, key, &x, &y) ||
				    x != (enum tui_action)a)
					continue;
				if (conflicts++ == 0)
					snprintf(buf, size, "context %#x: %s and %s share a key",
						 bit, tui_actions[x].name, tui_actions[y].name);
			}
		}
	}
	return conflicts;
}
