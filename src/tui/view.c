/* view.c: a full-screen text view (help, rule details, warnings).  The
 * text is a list of paragraphs, wrapped to the width at draw time, so a
 * resize re-wraps it. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/internal.h"
#include "util/i18n.h"
#include "util/width.h"

struct vline {
	enum tui_para_style style;
	int indent;		/* columns before the text */
	bool first;		/* first line of its paragraph */
	char *key;		/* TUI_PARA_KEY: first line only */
	char *text;
};

struct tui_view {
	char *title;
	struct tui_text text;
	struct vline *lines;
	size_t nlines;
	int wrap_w;		/* width of the last wrap; 0: not wrapped */
	size_t top;
	bool bottom;		/* End: stay on the last page across resizes */
	int height;
	size_t match;		/* line of the last search match + 1; 0: none */
};

void
tui_text_init(struct tui_text *x)
{
	memset(x, 0, sizeof *x);
}

void
tui_text_fini(struct tui_text *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->v[i].key);
		free(x->v[i].text);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

static struct tui_para *
text_new(struct tui_text *x, enum tui_para_style style)
{
	struct tui_para *p;

	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		x->v = xreallocarray(x->v, x->cap, sizeof *x->v);
	}
	p = &x->v[x->n++];
	p->style = style;
	p->key = NULL;
	p->text = NULL;
	return p;
}

void
tui_text_add(struct tui_text *x, enum tui_para_style style, const char *text)
{
	text_new(x, style)->text = xstrdup(text != NULL ? text : "");
}

void
tui_text_addf(struct tui_text *x, enum tui_para_style style, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	tui_text_add(x, style, s != NULL ? s : "");
	free(s);
}

void
tui_text_key(struct tui_text *x, const char *key, const char *text)
{
	struct tui_para *p = text_new(x, TUI_PARA_KEY);

	p->key = xstrdup(key);
	p->text = xstrdup(text);
}

static void
unwrap(struct tui_view *v)
{
	for (size_t i = 0; i < v->nlines; i++) {
		free(v->lines[i].key);
		free(v->lines[i].text);
	}
	free(v->lines);
	v->lines = NULL;
	v->nlines = 0;
	v->wrap_w = 0;
}

static void
add_line(struct tui_view *v, size_t *cap, enum tui_para_style style, int indent,
	 bool first, const char *key, const char *text)
{
	struct vline *l;

	if (v->nlines == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		v->lines = xreallocarray(v->lines, *cap, sizeof *v->lines);
	}
	l = &v->lines[v->nlines++];
	l->style = style;
	l->indent = indent;
	l->first = first;
	l->key = key != NULL ? xstrdup(key) : NULL;
	l->text = xstrdup(text);
}

static void
wrap(struct tui_view *v, int w)
{
	size_t cap = 0, keyw = 0;

	unwrap(v);
	v->wrap_w = w;
	v->match = 0;		/* line numbers change */
	for (size_t i = 0; i < v->text.n; i++)
		if (v->text.v[i].style == TUI_PARA_KEY && text_width(v->text.v[i].key) > keyw)
			keyw = text_width(v->text.v[i].key);
	if ((int)keyw > w / 3)
		keyw = (size_t)w / 3;
	for (size_t i = 0; i < v->text.n; i++) {
		const struct tui_para *p = &v->text.v[i];
		struct strlist lines;
		int indent = 0;

		switch (p->style) {
		case TUI_PARA_ITEM:
		case TUI_PARA_WARN:
			indent = 4;
			break;
		case TUI_PARA_DETAIL:
			indent = 6;
			break;
		case TUI_PARA_KEY:
			indent = 2 + (int)keyw + 2;
			break;
		case TUI_PARA_BLANK:
			add_line(v, &cap, p->style, 0, true, NULL, "");
			continue;
		default:
			indent = 1;
			break;
		}
		strlist_init(&lines);
		tui_wrap(p->text, w - indent - 1, &lines);
		for (size_t k = 0; k < lines.n; k++)
			add_line(v, &cap, p->style, indent, k == 0, k == 0 ? p->key : NULL,
				 lines.v[k]);
		strlist_fini(&lines);
	}
}

void
tui_view_open(struct tui *t, const char *title, struct tui_text *x)
{
	struct tui_view *v;

	tui_view_close(t);
	v = xcalloc(1, sizeof *v);
	v->title = xstrdup(title);
	v->text = *x;
	tui_text_init(x);
	v->height = 10;
	t->view = v;
}

void
tui_view_close(struct tui *t)
{
	struct tui_view *v = t->view;

	if (v == NULL)
		return;
	unwrap(v);
	tui_text_fini(&v->text);
	free(v->title);
	free(v);
	t->view = NULL;
}

bool
tui_view_is_open(const struct tui *t)
{
	return t->view != NULL;
}

void
tui_view_fini(struct tui *t)
{
	tui_view_close(t);
}

static size_t
max_top(const struct tui_view *v)
{
	size_t h = v->height > 0 ? (size_t)v->height : 1;

	return v->nlines > h ? v->nlines - h : 0;
}

static bool
view_search(struct tui *t, const char *needle, int dir)
{
	struct tui_view *v = t->view;
	size_t from = v->match > 0 ? v->match - 1 : v->top;

	if (v->nlines == 0 || needle == NULL || *needle == '\0')
		return false;
	if (v->match == 0 && dir > 0)
		from = v->top + v->nlines - 1;	/* start at the top line */
	for (size_t step = 1; step <= v->nlines; step++) {
		size_t i = dir > 0 ? (from + step) % v->nlines :
			(from + v->nlines - step % v->nlines) % v->nlines;
		const struct vline *l = &v->lines[i];

		if (strcasestr(l->text, needle) != NULL ||
		    (l->key != NULL && strcasestr(l->key, needle) != NULL)) {
			v->match = i + 1;
			v->bottom = false;
			if (i < v->top || i >= v->top + (size_t)v->height)
				v->top = i > 2 ? i - 2 : 0;
			if (v->top > max_top(v))
				v->top = max_top(v);
			return true;
		}
	}
	return false;
}

bool
tui_view_search(struct tui *t, const char *needle, int dir)
{
	return t->view != NULL && view_search(t, needle, dir);
}

/* Scrolling and closing: TUI_R_REDRAW when the view closed or the lines
 * shown change, TUI_R_NONE when not (Up on the first line),
 * TUI_R_UNHANDLED for other actions. */
unsigned
tui_view_handle(struct tui *t, enum tui_action a)
{
	struct tui_view *v = t->view;
	size_t page = v->height > 1 ? (size_t)v->height - 1 : 1, top;

	if (a != ACT_LAST && a != ACT_NONE && v->bottom) {
		v->bottom = false;
		v->top = max_top(v);	/* where the last draw put it */
	}
	top = v->top;
	switch (a) {
	case ACT_CLOSE:
		tui_view_close(t);
		return TUI_R_REDRAW;
	case ACT_UP:
		if (v->top > 0)
			v->top--;
		break;
	case ACT_DOWN:
		if (v->top < max_top(v))
			v->top++;
		break;
	case ACT_PAGE_UP:
		v->top = v->top > page ? v->top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		v->top = v->top + page < max_top(v) ? v->top + page : max_top(v);
		break;
	case ACT_FIRST:
		v->top = 0;
		break;
	case ACT_LAST:
		v->bottom = true;	/* the draw puts the last page in view */
		return top != max_top(v) ? TUI_R_REDRAW : TUI_R_NONE;
	default:
		return TUI_R_UNHANDLED;
	}
	return v->top != top ? TUI_R_REDRAW : TUI_R_NONE;
}

void
tui_view_draw(struct tui *t, const struct tui_layout *lo)
{
	struct tui_view *v = t->view;
	const struct tui_rect *b = &lo->body;
	char pos[64];
	int h = b->h - 1, posw;

	if (v->wrap_w != b->w)
		wrap(v, b->w);
	v->height = h > 0 ? h : 1;
	if (v->bottom || v->top > max_top(v))
		v->top = max_top(v);
	/* TRANSLATORS: position in a text view: first and last line shown, of all */
	snprintf(pos, sizeof pos, _("%zu-%zu of %zu"), v->nlines ? v->top + 1 : 0,
		 v->top + (size_t)h < v->nlines ? v->top + (size_t)h : v->nlines, v->nlines);
	posw = (int)text_width(pos) + 1;
	if (posw > b->w / 2)
		posw = 0;
	tui_put(b->y, b->x, b->w - posw, v->title, TUI_ROLE_HEADING);
	if (posw > 0)
		tui_put(b->y, b->x + b->w - posw, posw, pos, TUI_ROLE_DIM);
	for (int i = 0; i < h; i++) {
		size_t n = v->top + (size_t)i;
		int y = b->y + 1 + i;
		const struct vline *l;
		enum tui_role role = TUI_ROLE_NORMAL;

		if (n >= v->nlines) {
			tui_put(y, b->x, b->w, "", TUI_ROLE_NORMAL);
			continue;
		}
		l = &v->lines[n];
		tui_put(y, b->x, b->w, "", TUI_ROLE_NORMAL);
		if (l->style == TUI_PARA_TITLE)
			role = TUI_ROLE_HEADING;
		else if (l->style == TUI_PARA_WARN)
			role = TUI_ROLE_WARN;
		if (l->key != NULL)
			tui_put(y, b->x + 2, l->indent - 4 > 0 ? l->indent - 4 : 1, l->key,
				TUI_ROLE_HEADING);
		if (l->first && l->style == TUI_PARA_ITEM)
			tui_put(y, b->x + 2, 1, "\xe2\x80\xa2", TUI_ROLE_NORMAL);	/* • */
		else if (l->first && l->style == TUI_PARA_WARN)
			tui_put(y, b->x + 2, 1, "!", TUI_ROLE_WARN);
		if (v->match == n + 1)
			tui_put_attr(y, b->x + l->indent, b->w - l->indent, l->text,
				     tui_attr(TUI_ROLE_CURSOR));
		else
			tui_put(y, b->x + l->indent, b->w - l->indent, l->text, role);
	}
}
