/* dialog.c: questions, lists of choices and text fields.  One dialog is
 * open at a time; the loop gives it the keys and draws it over the screen.
 * When it ends, its callback runs and returns what changed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "tui/internal.h"
#include "util/i18n.h"
#include "util/width.h"

enum dialog_kind {
	DIALOG_CONFIRM,
	DIALOG_MENU,
	DIALOG_PROMPT,
};

struct tui_dialog {
	enum dialog_kind kind;
	char *title;
	char *text;		/* question or label */
	enum tui_answer dflt;
	struct strlist items;	/* menu */
	struct tui_list list;
	wchar_t *buf;		/* prompt: the text */
	size_t len, cap, pos;
	size_t hscroll;		/* first character shown */
	bool bottom;
	char *error;
	tui_dialog_fn *done;
	char *arg;
};

/* The dialog whose callback is running (for tui_prompt_error). */
static struct tui_dialog *closing;

static void
dialog_free(struct tui_dialog **dp)
{
	struct tui_dialog *d = *dp;

	if (d == NULL)
		return;
	free(d->title);
	free(d->text);
	strlist_fini(&d->items);
	free(d->buf);
	free(d->error);
	free(d->arg);
	free(d);
	*dp = NULL;
}

static struct tui_dialog *
dialog_new(struct tui *t, enum dialog_kind kind, const char *title, const char *text,
	   tui_dialog_fn *done, const char *arg)
{
	struct tui_dialog *d = xcalloc(1, sizeof *d);

	dialog_free(&t->dialog);
	d->kind = kind;
	d->title = xstrdup(title);
	d->text = xstrdup(text != NULL ? text : "");
	strlist_init(&d->items);
	tui_list_init(&d->list);
	d->done = done;
	d->arg = xstrdup(arg);
	t->dialog = d;
	return d;
}

void
tui_confirm(struct tui *t, const char *title, const char *question,
	    enum tui_answer dflt, tui_dialog_fn *done, const char *arg)
{
	struct tui_dialog *d = dialog_new(t, DIALOG_CONFIRM, title, question, done, arg);

	d->dflt = dflt;
}

void
tui_menu(struct tui *t, const char *title, struct strlist *items, size_t cur,
	 tui_dialog_fn *done, const char *arg)
{
	struct tui_dialog *d = dialog_new(t, DIALOG_MENU, title, NULL, done, arg);

	d->items = *items;
	strlist_init(items);
	d->list.cur = cur;
	tui_list_reset(t, &d->list, d->items.n);
}

static void
buf_reserve(struct tui_dialog *d, size_t n)
{
	if (n + 1 > d->cap) {
		d->cap = (n + 1) * 2;
		d->buf = xreallocarray(d->buf, d->cap, sizeof *d->buf);
	}
}

void
tui_prompt(struct tui *t, const char *title, const char *label, const char *initial,
	   bool bottom, tui_dialog_fn *done, const char *arg)
{
	struct tui_dialog *d = dialog_new(t, DIALOG_PROMPT, title, label, done, arg);
	char *clean = tui_clean(initial);
	size_t n = mbstowcs(NULL, clean, 0);

	d->bottom = bottom;
	if (n == (size_t)-1)
		n = 0;
	buf_reserve(d, n);
	if (n > 0)
		mbstowcs(d->buf, clean, n + 1);
	d->buf[n] = L'\0';
	d->len = d->pos = n;
	free(clean);
}

void
tui_prompt_error(struct tui *t, const char *error)
{
	struct tui_dialog *d = closing != NULL ? closing : t->dialog;

	if (d == NULL)
		return;
	free(d->error);
	d->error = tui_clean(error);
}

bool
tui_dialog_is_open(const struct tui *t)
{
	return t->dialog != NULL;
}

unsigned
tui_dialog_ctx(const struct tui *t)
{
	switch (t->dialog->kind) {
	case DIALOG_CONFIRM:
		return TUI_CTX_CONFIRM;
	case DIALOG_MENU:
		return TUI_CTX_MENU;
	case DIALOG_PROMPT:
		break;
	}
	return TUI_CTX_PROMPT;
}

void
tui_dialog_fini(struct tui *t)
{
	dialog_free(&t->dialog);
}

/* Caller-owned UTF-8 of the prompt's text, cleaned: no control or
 * bidirectional characters reach the plan from the keyboard either. */
static char *
prompt_text(const struct tui_dialog *d)
{
	size_t n = wcstombs(NULL, d->buf, 0);
	char *s, *clean;

	if (n == (size_t)-1)
		return xstrdup("");
	s = xmalloc(n + 1);
	wcstombs(s, d->buf, n + 1);
	clean = tui_clean(s);
	free(s);
	return clean;
}

static unsigned
finish(struct tui *t, enum tui_answer answer)
{
	struct tui_dialog *d = t->dialog;
	char *text = d->kind == DIALOG_PROMPT ? prompt_text(d) : NULL;
	unsigned r = TUI_R_REDRAW;	/* it closes, or shows its error */

	t->dialog = NULL;
	if (d->done != NULL) {
		free(d->error);
		d->error = NULL;
		closing = d;
		r |= d->done(t, answer, d->list.cur, text, d->arg);
		closing = NULL;
	}
	free(text);
	if ((r & TUI_R_KEEP) && t->dialog == NULL)
		t->dialog = d;
	else
		dialog_free(&d);
	return r & ~(unsigned)TUI_R_KEEP;
}

/* Editing the prompt's text: TUI_R_REDRAW when the text or the text
 * cursor moved (the cursor is drawn too), else TUI_R_NONE. */
static unsigned
edit(struct tui_dialog *d, enum tui_action a, int key)
{
	switch (a) {
	case ACT_EDIT_LEFT:
		if (d->pos == 0)
			return TUI_R_NONE;
		d->pos--;
		return TUI_R_REDRAW;
	case ACT_EDIT_RIGHT:
		if (d->pos >= d->len)
			return TUI_R_NONE;
		d->pos++;
		return TUI_R_REDRAW;
	case ACT_EDIT_HOME:
		if (d->pos == 0)
			return TUI_R_NONE;
		d->pos = 0;
		return TUI_R_REDRAW;
	case ACT_EDIT_END:
		if (d->pos == d->len)
			return TUI_R_NONE;
		d->pos = d->len;
		return TUI_R_REDRAW;
	case ACT_EDIT_BACKSPACE:
		if (d->pos == 0)
			return TUI_R_NONE;
		d->pos--;
		/* fall through */
	case ACT_EDIT_DELETE:
		if (d->pos >= d->len)
			return TUI_R_NONE;
		memmove(&d->buf[d->pos], &d->buf[d->pos + 1],
			(d->len - d->pos) * sizeof *d->buf);
		d->len--;
		return TUI_R_REDRAW;
	case ACT_EDIT_CLEAR:
		if (d->len == 0)
			return TUI_R_NONE;
		d->len = d->pos = d->hscroll = 0;
		d->buf[0] = L'\0';
		return TUI_R_REDRAW;
	default:
		break;
	}
	if ((key & TUI_KEY_FUNC) || key < 0x20 || !iswprint((wint_t)key) || d->len >= 4096)
		return TUI_R_NONE;
	buf_reserve(d, d->len + 1);
	memmove(&d->buf[d->pos + 1], &d->buf[d->pos], (d->len - d->pos + 1) * sizeof *d->buf);
	d->buf[d->pos++] = (wchar_t)key;
	d->len++;
	free(d->error);
	d->error = NULL;
	return TUI_R_REDRAW;
}

unsigned
tui_dialog_handle(struct tui *t, enum tui_action a, int key)
{
	struct tui_dialog *d = t->dialog;

	if (a == ACT_CANCEL)
		return finish(t, TUI_ANSWER_CANCEL);
	switch (d->kind) {
	case DIALOG_CONFIRM:
		if (a == ACT_YES)
			return finish(t, TUI_ANSWER_YES);
		if (a == ACT_NO)
			return finish(t, TUI_ANSWER_NO);
		if (a == ACT_ACCEPT)
			return finish(t, d->dflt);
		return TUI_R_NONE;
	case DIALOG_MENU:
		if (a == ACT_ACCEPT && d->items.n > 0)
			return finish(t, TUI_ANSWER_OK);
		return tui_list_handle(t, &d->list, a) & ~(unsigned)TUI_R_UNHANDLED;
	case DIALOG_PROMPT:
		if (a == ACT_ACCEPT)
			return finish(t, TUI_ANSWER_OK);
		return edit(d, a, key);
	}
	return TUI_R_NONE;
}

/* ---- drawing ---- */

/* Columns of N characters of S, measured by text_width (util/width.c is
 * the one place where text is measured). */
static int
wcs_width(const wchar_t *s, size_t n)
{
	wchar_t *part = xcalloc(n + 1, sizeof *part);
	size_t len;
	char *mb;
	int w = 0;

	wmemcpy(part, s, n);
	len = wcstombs(NULL, part, 0);
	if (len != (size_t)-1) {
		mb = xmalloc(len + 1);
		wcstombs(mb, part, len + 1);
		w = (int)text_width(mb);
		free(mb);
	}
	free(part);
	return w;
}

/* Draws the text field at Y, X, W columns and puts the cursor in it. */
static void
draw_field(struct tui_dialog *d, int y, int x, int w)
{
	char *shown;
	size_t n;

	if (w < 2)
		return;
	if (d->pos < d->hscroll)
		d->hscroll = d->pos;
	while (d->hscroll < d->pos && wcs_width(d->buf + d->hscroll, d->pos - d->hscroll) > w - 1)
		d->hscroll++;
	/* the text from the first character shown, cut to the field */
	n = wcstombs(NULL, d->buf + d->hscroll, 0);
	shown = xmalloc(n != (size_t)-1 ? n + 1 : 1);
	if (n == (size_t)-1 || wcstombs(shown, d->buf + d->hscroll, n + 1) == (size_t)-1)
		shown[0] = '\0';
	tui_put(y, x, w, shown, TUI_ROLE_INPUT);
	free(shown);
	move(y, x + wcs_width(d->buf + d->hscroll, d->pos - d->hscroll));
	curs_set(1);
}

static void
draw_menu_row(struct tui *t, size_t i, const struct tui_rect *line, bool cursor)
{
	tui_put(line->y, line->x, line->w, t->dialog->items.v[i],
		cursor ? TUI_ROLE_CURSOR : TUI_ROLE_DIALOG);
}

static int
max_width(const struct strlist *l)
{
	size_t w = 0;

	for (size_t i = 0; i < l->n; i++)
		if (text_width(l->v[i]) > w)
			w = text_width(l->v[i]);
	return (int)w;
}

void
tui_dialog_draw(struct tui *t, const struct tui_layout *lo)
{
	struct tui_dialog *d = t->dialog;
	struct strlist lines, errors;
	struct tui_rect box;
	int w, h, y;

	strlist_init(&lines);
	strlist_init(&errors);
	switch (d->kind) {
	case DIALOG_PROMPT:
		if (d->bottom) {
			int lw = (int)text_width(d->text);

			if (lw > lo->message.w / 2)
				lw = lo->message.w / 2;
			tui_put(lo->message.y, 0, lw + 1, d->text, TUI_ROLE_NORMAL);
			draw_field(d, lo->message.y, lw + 1, lo->message.w - lw - 1);
			break;
		}
		w = lo->body.w - 8 < 70 ? lo->body.w - 8 : 70;
		tui_wrap(d->text, w - 4, &lines);
		if (d->error != NULL)
			tui_wrap(d->error, w - 4, &errors);
		h = (int)(lines.n + errors.n) + 5;
		box = tui_layout_center(&lo->body, h, w);
		tui_box(&box, d->title);
		y = box.y + 2;
		for (size_t i = 0; i < lines.n && y < box.y + box.h - 2; i++, y++)
			tui_put(y, box.x + 2, box.w - 4, lines.v[i], TUI_ROLE_DIALOG);
		for (size_t i = 0; i < errors.n && y < box.y + box.h - 2; i++, y++)
			tui_put(y, box.x + 2, box.w - 4, errors.v[i], TUI_ROLE_ERROR);
		draw_field(d, box.y + box.h - 2, box.x + 2, box.w - 4);
		break;
	case DIALOG_CONFIRM: {
		char *keys;

		w = lo->body.w - 8 < 64 ? lo->body.w - 8 : 64;
		tui_wrap(d->text, w - 4, &lines);
		h = (int)lines.n + 5;
		box = tui_layout_center(&lo->body, h, w);
		tui_box(&box, d->title);
		y = box.y + 2;
		for (size_t i = 0; i < lines.n && y < box.y + box.h - 2; i++, y++)
			tui_put(y, box.x + 2, box.w - 4, lines.v[i], TUI_ROLE_DIALOG);
		if (d->dflt == TUI_ANSWER_YES)
			/* TRANSLATORS: the answers of a yes/no question, the
			   suggested one in brackets; use the letters you gave
			   for "yn", keep Esc */
			keys = xstrdup(_("[y] Yes   n No   Esc Cancel"));
		else
			/* TRANSLATORS: the same with "no" suggested */
			keys = xstrdup(_("y Yes   [n] No   Esc Cancel"));
		tui_put(box.y + box.h - 2, box.x + 2, box.w - 4, keys, TUI_ROLE_DIALOG_TITLE);
		free(keys);
		break;
	}
	case DIALOG_MENU: {
		struct tui_rect inner;

		w = max_width(&d->items) + 6;
		if (w < (int)text_width(d->title) + 8)
			w = (int)text_width(d->title) + 8;
		h = (int)d->items.n + 2;
		box = tui_layout_center(&lo->body, h, w);
		tui_box(&box, d->title);
		inner.y = box.y + 1;
		inner.x = box.x + 2;
		inner.h = box.h - 2;
		inner.w = box.w - 4;
		tui_list_draw(t, &d->list, &inner, draw_menu_row);
		break;
	}
	}
	strlist_fini(&lines);
	strlist_fini(&errors);
}
