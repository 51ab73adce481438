/* frame.c: drawing the whole screen from the state: the tabs and the
 * plan's name on the top line, the current screen or the open view, the
 * message line, the status line with the keys that work here, the open
 * dialog over everything; below the minimum size, only a message. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/internal.h"
#include "util/i18n.h"
#include "util/width.h"

static void
draw_tabs(struct tui *t, const struct tui_layout *lo)
{
	struct sbuf name, full;
	bool dirty = tui_dirty(t);
	bool compact = false;
	int x = 0, tabs_w = 1, avail;

	sbuf_init(&name);
	sbuf_init(&full);
	if (t->s->path != NULL) {
		const char *slash = strrchr(t->s->path, '/');

		sbuf_add(&name, slash != NULL ? slash + 1 : t->s->path);
	} else
		sbuf_add(&name, _("new plan"));
	sbuf_addf(&full, "%s%s ", sbuf_str(&name),
		  /* TRANSLATORS: after the plan's name in the top line */
		  dirty ? _(" [modified]") : "");
	for (int i = 0; i < TUI_SCREEN_COUNT; i++)
		tabs_w += (int)text_width(_(t->screens[i]->title)) + 3;
	if (tabs_w + 8 > lo->tabs.w)
		/* only the current screen's name: " 1 2 Features  3 ..." */
		compact = true;
	tui_put(lo->tabs.y, 0, lo->tabs.w, "", TUI_ROLE_TABS);
	for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
		/* " 1 Products 2 Features": the current one gets a space more */
		char *label = compact && i != (int)t->cur ? xasprintf(" %d", i + 1) :
			xasprintf(i == (int)t->cur ? " %d %s " : " %d %s", i + 1,
				  _(t->screens[i]->title));
		int w = (int)text_width(label);

		if (x + w > lo->tabs.w)
			w = lo->tabs.w - x;
		if (w > 0)
			tui_put(lo->tabs.y, x, w, label,
				i == (int)t->cur ? TUI_ROLE_TAB_ACTIVE : TUI_ROLE_TABS);
		x += w;
		free(label);
	}
	avail = lo->tabs.w - x - 1;
	if (avail > 0) {
		/* "name [modified]"; when short of room the name is cut, and
		 * in the end "*name" */
		const char *mark = dirty ? _(" [modified]") : "";
		int mw = (int)text_width(mark);
		char *s;
		int w;

		if ((int)text_width(sbuf_str(&full)) <= avail)
			s = xstrdup(sbuf_str(&full));
		else if (avail - mw - 1 >= 6) {
			char *cut = text_pad(sbuf_str(&name), (size_t)(avail - mw - 1));

			s = xasprintf("%s%s ", cut, mark);
			free(cut);
		} else
			s = xasprintf("%s%s", dirty ? "*" : "", sbuf_str(&name));
		w = (int)text_width(s);
		if (w > avail)
			w = avail;
		tui_put_attr(lo->tabs.y, lo->tabs.w - w, w, s,
			     tui_attr(TUI_ROLE_TABS) | (dirty ? A_BOLD : 0));
		free(s);
	}
	sbuf_fini(&name);
	sbuf_fini(&full);
}

struct hint {
	const char *key, *label;
	int prio;		/* lower goes first when space is short */
};

/* The first of KEYS ("Space, Enter" -> "Space") into BUF; its width in
 * columns (translated key names may be accented). */
static int
hint_key(const char *keys, char *buf, size_t size)
{
	size_t kl = strcspn(keys, ",");

	if (kl >= size)
		kl = size - 1;
	memcpy(buf, keys, kl);
	buf[kl] = '\0';
	return (int)text_width(buf);
}

static int
hint_key_width(const char *keys)
{
	char buf[64];

	return hint_key(keys, buf, sizeof buf);
}

/* What stays longest when the status line is short: Help (the way to
 * everything else), then the keys of this screen, Quit and Save, Next,
 * and first to go, Search (Tab and / are in the help). */
static int
hint_priority(enum tui_action a)
{
	switch (a) {
	case ACT_HELP:
		return 5;
	case ACT_QUIT:
	case ACT_SAVE:
		return 3;
	case ACT_NEXT_SCREEN:
		return 2;
	case ACT_SEARCH:
		return 1;
	default:
		return 4;
	}
}

static void
draw_status(const struct tui_layout *lo, unsigned ctx)
{
	struct hint hints[ACT_COUNT];
	size_t n = 0;
	int width, x = 0;

	/* the context's own keys, then searching, then the global ones */
	for (int pass = 0; pass < 3; pass++) {
		for (int a = 1; a < ACT_COUNT; a++) {
			const struct tui_action_info *ai = &tui_actions[a];
			bool global = ai->section == TUI_SECTION_GLOBAL;
			int want = global ? 2 : ai->section == TUI_SECTION_MOVE ? 1 : 0;

			if (ai->hint == NULL || !(ai->ctx & ctx) || want != pass)
				continue;
			hints[n].key = C_("key", ai->keys);
			hints[n].label = C_("status line", ai->hint);
			hints[n].prio = hint_priority((enum tui_action)a);
			n++;
		}
	}
	/* drop the least important hints until the line fits */
	for (;;) {
		width = 0;
		for (size_t i = 0; i < n; i++)
			width += hint_key_width(hints[i].key) + 1 +
				 (int)text_width(hints[i].label) + (i + 1 < n ? 2 : 0);
		if (width <= lo->status.w || n == 0)
			break;
		{
			size_t drop = n - 1;

			for (size_t i = 0; i < n; i++)
				if (hints[i].prio <= hints[drop].prio)
					drop = i;
			memmove(&hints[drop], &hints[drop + 1], (n - drop - 1) * sizeof *hints);
			n--;
		}
	}
	tui_put(lo->status.y, 0, lo->status.w, "", TUI_ROLE_STATUS);
	for (size_t i = 0; i < n && x < lo->status.w; i++) {
		char key[64];
		int kw = hint_key(hints[i].key, key, sizeof key);
		int lw = (int)text_width(hints[i].label) + 2;

		tui_put(lo->status.y, x, kw + 1 <= lo->status.w - x ? kw + 1 : lo->status.w - x,
			key, TUI_ROLE_STATUS_KEY);
		x += kw + 1;
		if (x >= lo->status.w)
			break;
		tui_put(lo->status.y, x, lw <= lo->status.w - x ? lw : lo->status.w - x,
			hints[i].label, TUI_ROLE_STATUS);
		x += lw;
	}
}

static void
draw_too_small(const struct tui_layout *lo)
{
	struct strlist lines;
	char *msg;
	int y;

	strlist_init(&lines);
	/* TRANSLATORS: %1$d x %2$d is the terminal's size, %3$d x %4$d the minimum */
	msg = xasprintf(_("Terminal too small (%1$dx%2$d). Make it at least %3$dx%4$d."),
			COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	tui_wrap(msg, COLS > 2 ? COLS - 2 : 1, &lines);
	y = (LINES - (int)lines.n) / 2;
	if (y < 0)
		y = 0;
	for (size_t i = 0; i < lines.n && y + (int)i < LINES; i++)
		tui_put(y + (int)i, 1, COLS > 2 ? COLS - 2 : COLS, lines.v[i], TUI_ROLE_NORMAL);
	(void)lo;
	strlist_fini(&lines);
	free(msg);
}

void
tui_draw(struct tui *t)
{
	struct tui_layout lo;
	unsigned ctx;

	curs_set(0);
	erase();
	tui_layout_compute(LINES, COLS, &lo);
	if (lo.too_small) {
		draw_too_small(&lo);
		refresh();
		return;
	}
	tui_screen_sync(t);
	draw_tabs(t, &lo);
	if (t->view != NULL) {
		tui_view_draw(t, &lo);
		ctx = TUI_CTX_VIEW;
	} else {
		t->screens[t->cur]->draw(t, &lo);
		ctx = t->screens[t->cur]->ctx;
	}
	if (t->msg != NULL)
		tui_put(lo.message.y, 0, lo.message.w, t->msg,
			t->msg_level == TUI_MSG_ERROR ? TUI_ROLE_ERROR :
			t->msg_level == TUI_MSG_WARN ? TUI_ROLE_WARN : TUI_ROLE_INFO);
	if (t->dialog != NULL)
		ctx = tui_dialog_ctx(t);
	draw_status(&lo, ctx);
	if (t->dialog != NULL)
		tui_dialog_draw(t, &lo);	/* last: it places the cursor */
	refresh();
}
