/* internal.h: what the planner's files share (src/tui only).
 *
 * Shape (tig, htop): one action table (actions.def), one scrolling list
 * widget (list.c), a layout that is a pure function of LINES and COLS
 * (layout.c), semantic colour roles (theme.c), one file per screen ending
 * with its ops table (its private state allocated by the engine), and a
 * loop (tui.c) that hands keys to dispatch.c, which maps them to actions
 * and lets the dialog, view or screen handle them, and redraws from the
 * state (frame.c) only when a handler says something changed: handlers
 * return what changed and never draw.  HACKING.md lists the files. */
#ifndef PORTPLAN_TUI_INTERNAL_H
#define PORTPLAN_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

#include "catalog/catalog.h"
#include "plan/edit.h"
#include "plan/session.h"
#include "tui/actions.h"
#include "util/str.h"

struct plan;
struct resolution;
struct tui;

/* ---- the terminal and signals (term.c) ---- */

/* Catches SIGINT, SIGTERM and SIGHUP: each ends the wait for a key. */
void tui_term_signals(void);
/* The signal caught, 0 if none. */
int tui_term_signal(void);
/* Starts curses (the terminal is restored at exit too); -1 if it cannot. */
int tui_term_start(void);
/* Restores the terminal and frees curses' screen. */
void tui_term_stop(void);

/* ---- keys (keymap.c) ---- */

/* A key as the loop sees it: a character, or TUI_KEY_FUNC | KEY_xxx. */
#define TUI_KEY_FUNC 0x1000000
#define FK(k) (TUI_KEY_FUNC | (k))

/* The action KEY triggers in CTX (one TUI_CTX_* bit); ACT_NONE if none. */
enum tui_action tui_key_action(unsigned ctx, int key);
/* Whether KEY is bound in CTX to more than one action (the table check). */
bool tui_key_conflict(unsigned ctx, int key, enum tui_action *a, enum tui_action *b);
/* Checks the whole table; returns the number of conflicts and describes
 * the first in BUF. */
int tui_keys_check(char *buf, size_t size);

/* ---- layout (layout.c): pure, no curses ---- */

struct tui_rect {
	int y, x, h, w;
};

#define TUI_MIN_COLS 60
#define TUI_MIN_LINES 16

struct tui_layout {
	bool too_small;
	struct tui_rect tabs;	/* top line: screens, plan name */
	struct tui_rect body;	/* between the tabs and the message line */
	struct tui_rect list;	/* upper part of body: the screen's list */
	struct tui_rect rule;	/* one line between list and pane */
	struct tui_rect pane;	/* lower part of body: the item under the cursor */
	struct tui_rect message;	/* messages, the search field */
	struct tui_rect status;	/* the keys that work here */
};

void tui_layout_compute(int lines, int cols, struct tui_layout *out);
/* A centred box of at most WANT_H x WANT_W inside BODY. */
struct tui_rect tui_layout_center(const struct tui_rect *body, int want_h, int want_w);

/* ---- theme (theme.c) ---- */

enum tui_role {
	TUI_ROLE_NORMAL,
	TUI_ROLE_TABS,
	TUI_ROLE_TAB_ACTIVE,
	TUI_ROLE_CURSOR,
	TUI_ROLE_HEADING,
	TUI_ROLE_DIM,
	TUI_ROLE_RULE,
	TUI_ROLE_STATUS,
	TUI_ROLE_STATUS_KEY,
	TUI_ROLE_INFO,
	TUI_ROLE_WARN,
	TUI_ROLE_ERROR,
	TUI_ROLE_DIALOG,
	TUI_ROLE_DIALOG_TITLE,
	TUI_ROLE_INPUT,
	TUI_ROLE_ON,
	TUI_ROLE_COUNT
};

/* Chooses colour or monochrome (NO_COLOR, terminals without colours). */
void tui_theme_init(void);
attr_t tui_attr(enum tui_role role);
bool tui_theme_is_mono(void);

/* ---- drawing helpers (draw.c) ---- */

/* Draws S (cleaned by the caller or not: it is cleaned again here) at Y, X,
 * cut and padded to exactly W columns. */
void tui_put(int y, int x, int w, const char *s, enum tui_role role);
/* The same with an extra attribute (A_BOLD for the cursor line...). */
void tui_put_attr(int y, int x, int w, const char *s, attr_t attr);
/* Fills a rectangle with spaces. */
void tui_fill(const struct tui_rect *r, enum tui_role role);
/* A framed box with a title; the inside is filled. */
void tui_box(const struct tui_rect *r, const char *title);
/* Word-wraps S to W columns into LINES (cleaned copies).  Returns the
 * number of lines added. */
size_t tui_wrap(const char *s, int w, struct strlist *lines);

/* ---- the list widget (list.c) ---- */

struct tui_list {
	size_t n;		/* rows */
	size_t cur;		/* cursor row */
	size_t top;		/* first visible row */
	int height;		/* rows shown at the last draw */
	/* rows that cannot hold the cursor (headings); NULL: none */
	bool (*skip)(const struct tui *t, size_t i);
};

typedef void tui_row_draw_fn(struct tui *t, size_t i, const struct tui_rect *line,
			     bool cursor);
typedef void tui_row_text_fn(struct tui *t, size_t i, struct sbuf *out);

void tui_list_init(struct tui_list *l);
/* Sets the number of rows, keeping the cursor in range and off headings. */
void tui_list_reset(struct tui *t, struct tui_list *l, size_t n);
/* Moving: UP, DOWN, PAGE_UP, PAGE_DOWN, FIRST, LAST.  Returns
 * TUI_R_REDRAW if the cursor or the scroll position moved, TUI_R_NONE if
 * not (Up on the first row), TUI_R_UNHANDLED if A is not a movement. */
unsigned tui_list_handle(struct tui *t, struct tui_list *l, enum tui_action a);
/* Puts the cursor on row I (or the next row that can hold it). */
void tui_list_goto(struct tui *t, struct tui_list *l, size_t i);
/* Draws the visible rows into R (and a scroll mark on the right edge). */
void tui_list_draw(struct tui *t, struct tui_list *l, const struct tui_rect *r,
		   tui_row_draw_fn *draw);
/* Moves to the next (DIR 1) or previous (-1) row after the cursor whose
 * text contains NEEDLE (case-insensitive), wrapping around.  False if
 * there is none. */
bool tui_list_search(struct tui *t, struct tui_list *l, const char *needle, int dir,
		     tui_row_text_fn *text);

/* ---- text for views (view.c): help, rule details, warnings ---- */

enum tui_para_style {
	TUI_PARA_TEXT,
	TUI_PARA_TITLE,		/* a heading */
	TUI_PARA_ITEM,		/* indented, with a bullet */
	TUI_PARA_DETAIL,	/* indented under an item, no bullet */
	TUI_PARA_KEY,		/* KEY column, then text */
	TUI_PARA_WARN,		/* a warning item */
	TUI_PARA_BLANK,
};

struct tui_para {
	enum tui_para_style style;
	char *key;		/* TUI_PARA_KEY only */
	char *text;
};

struct tui_text {
	struct tui_para *v;
	size_t n, cap;
};

void tui_text_init(struct tui_text *x);
void tui_text_fini(struct tui_text *x);
void tui_text_add(struct tui_text *x, enum tui_para_style style, const char *text);
void tui_text_addf(struct tui_text *x, enum tui_para_style style, const char *fmt, ...)
	PP_PRINTF(3, 4);
void tui_text_key(struct tui_text *x, const char *key, const char *text);

/* Opens the full-screen view with TITLE and the text (taken: X is left
 * empty). */
void tui_view_open(struct tui *t, const char *title, struct tui_text *x);
void tui_view_close(struct tui *t);
bool tui_view_is_open(const struct tui *t);
unsigned tui_view_handle(struct tui *t, enum tui_action a);
void tui_view_draw(struct tui *t, const struct tui_layout *lo);
void tui_view_fini(struct tui *t);
/* Searches the open view for NEEDLE from the last match (DIR 1 or -1). */
bool tui_view_search(struct tui *t, const char *needle, int dir);

/* ---- dialogs (dialog.c): one at a time, drawn over everything ---- */

enum tui_answer {
	TUI_ANSWER_CANCEL,
	TUI_ANSWER_YES,
	TUI_ANSWER_NO,
	TUI_ANSWER_OK,		/* a menu item or a text was accepted */
};

/* Called when the dialog ends.  ITEM is the chosen menu row, TEXT the
 * entered text (both only with TUI_ANSWER_OK).  ARG is the string given
 * when the dialog was opened (freed after the call).  The callback may
 * open another dialog.  Returns reaction bits. */
typedef unsigned tui_dialog_fn(struct tui *t, enum tui_answer answer, size_t item,
			       const char *text, const char *arg);

/* A yes/no question; Enter gives DFLT (TUI_ANSWER_YES or TUI_ANSWER_NO). */
void tui_confirm(struct tui *t, const char *title, const char *question,
		 enum tui_answer dflt, tui_dialog_fn *done, const char *arg);
/* A list of choices (the list takes ITEMS); the cursor starts on CUR. */
void tui_menu(struct tui *t, const char *title, struct strlist *items, size_t cur,
	      tui_dialog_fn *done, const char *arg);
/* A text field with LABEL, starting with INITIAL.  BOTTOM: on the message
 * line (the search field), else a centred box. */
void tui_prompt(struct tui *t, const char *title, const char *label, const char *initial,
		bool bottom, tui_dialog_fn *done, const char *arg);
/* Shows ERROR under the text field of the open prompt (for validation:
 * the callback returns TUI_R_KEEP to keep the prompt open). */
void tui_prompt_error(struct tui *t, const char *error);
bool tui_dialog_is_open(const struct tui *t);
unsigned tui_dialog_ctx(const struct tui *t);
unsigned tui_dialog_handle(struct tui *t, enum tui_action a, int key);
void tui_dialog_draw(struct tui *t, const struct tui_layout *lo);
void tui_dialog_fini(struct tui *t);

/* ---- screens ---- */

/* What a handler changed (htop's Htop_Reaction).  The loop acts on
 * exactly that: it draws only after TUI_R_REDRAW or TUI_R_PLAN, so a
 * handler that changes what is on screen (a cursor, a scroll position, a
 * message, a dialog or view opened or closed, a prompt's text) must say
 * so, and one that changes nothing returns TUI_R_NONE. */
enum tui_reaction {
	TUI_R_NONE = 0,		/* nothing changed: nothing is drawn */
	TUI_R_REDRAW = 1 << 0,	/* what the screen shows changed */
	TUI_R_PLAN = 1 << 1,	/* the plan changed: a new generation (screens
				 * rebuild, the plan is resolved again when
				 * needed), and a redraw */
	TUI_R_QUIT = 1 << 2,
	TUI_R_UNHANDLED = 1 << 3,	/* not for this handler */
	TUI_R_KEEP = 1 << 4,	/* dialog callback: keep the dialog open */
};

/* A screen: its ops over the one list engine (tig's struct view_ops).
 * The engine (tui.c) allocates PRIV_SIZE bytes of private state, zeroed,
 * and initialises the screen's list in it before INIT, and frees them
 * after FINI; the screen reaches them with TUI_STATE.  INIT and FINI
 * (either may be NULL) set up and free only what the state points to. */
struct tui_screen {
	const char *title;	/* N_() */
	unsigned ctx;		/* its TUI_CTX_* bit */
	size_t priv_size;	/* its private state: sizeof(struct ...) */
	void (*init)(struct tui *t);
	void (*fini)(struct tui *t);
	/* Rebuilds the rows from the plan and the resolution. */
	void (*rebuild)(struct tui *t);
	unsigned (*handle)(struct tui *t, enum tui_action a);
	void (*draw)(struct tui *t, const struct tui_layout *lo);
	/* Appends help on the item under the cursor. */
	void (*item_help)(struct tui *t, struct tui_text *out);
	struct tui_list *(*list)(struct tui *t);
	tui_row_text_fn *row_text;	/* for searching */
};

enum tui_screen_id {
	TUI_SCREEN_PRODUCTS,
	TUI_SCREEN_FEATURES,
	TUI_SCREEN_PLACEMENT,
	TUI_SCREEN_REVIEW,
	TUI_SCREEN_EXPORT,
	TUI_SCREEN_COUNT
};

extern const struct tui_screen tui_products_screen;
extern const struct tui_screen tui_features_screen;
extern const struct tui_screen tui_placement_screen;
extern const struct tui_screen tui_review_screen;
extern const struct tui_screen tui_export_screen;

enum tui_msg_level {
	TUI_MSG_INFO,
	TUI_MSG_WARN,
	TUI_MSG_ERROR,
};

/* The planner's state. */
struct tui {
	/* the catalog, the plan, the plan as on disk, its file and the
	 * editor: borrowed from main for the planner's life */
	struct session *s;
	struct editor *ed;	/* &s->ed: every plan change goes through it */
	bool pending_quit;	/* quit once the save succeeds */

	/* resolution of the plan, recomputed when the plan changed and a
	 * screen needs it (see tui_resolution) */
	struct resolution *res;
	char res_error[1200];
	unsigned long plan_gen, res_gen;
	unsigned long seen_gen[TUI_SCREEN_COUNT];

	const struct tui_screen *screens[TUI_SCREEN_COUNT];
	void *priv[TUI_SCREEN_COUNT];	/* each screen's state: TUI_STATE */
	enum tui_screen_id cur;

	struct tui_view *view;
	struct tui_dialog *dialog;

	/* a recovery file found at start, waiting for the answer */
	struct plan *recovered;
	char *recovered_path;

	struct strlist notes;	/* warnings while loading the catalog and plan */

	char *search;		/* the last search text */
	char *msg;		/* the message line; a key clears it */
	enum tui_msg_level msg_level;
};

/* Screen ID's private state, borrowed until tui_main returns.  SIZE must
 * be the screen's priv_size (a mismatch is a bug: it aborts). */
void *tui_screen_state(const struct tui *t, enum tui_screen_id id, size_t size);
/* The typed accessor: TUI_STATE(t, TUI_SCREEN_REVIEW, struct review). */
#define TUI_STATE(t, id, type) ((type *)tui_screen_state((t), (id), sizeof(type)))

/* Rebuilds the current screen's rows if the plan changed since it last
 * saw it (tui.c). */
void tui_screen_sync(struct tui *t);
/* The action KEY means where it arrives, handled (dispatch.c). */
unsigned tui_dispatch(struct tui *t, int key);
/* Draws everything from the state (frame.c). */
void tui_draw(struct tui *t);

/* The resolution of the current plan (resolving when stale); NULL when the
 * catalog query failed (t->res_error says why). */
const struct resolution *tui_resolution(struct tui *t);
/* Messages on the message line (cleaned). */
void tui_message(struct tui *t, enum tui_msg_level level, const char *fmt, ...)
	PP_PRINTF(3, 4);
bool tui_dirty(const struct tui *t);

/* Caller-owned cleaned copy of S ("" for NULL). */
char *tui_clean(const char *s);

/* ---- searching (search.c) ---- */

/* Starts the search prompt, searching the current screen's list or the
 * open view; SEARCH_NEXT/PREV repeat it. */
unsigned tui_search_start(struct tui *t);
unsigned tui_search_again(struct tui *t, int dir);

/* ---- help (help.c) ---- */

/* Opens the help view of the current screen and the item under its
 * cursor. */
unsigned tui_help_open(struct tui *t);

/* ---- the recovery file (recovery.c) ---- */

/* Writes the unsaved plan (and the name of its file) for the next start.
 * Called after a signal, outside the handler. */
void tui_recovery_write(struct tui *t);
/* At start: when a recovery file exists, asks whether to restore it. */
void tui_recovery_offer(struct tui *t);

/* ---- saving and quitting (save.c) ---- */

/* Saves to the plan's file, or asks for one first. */
unsigned tui_save(struct tui *t);
/* Quits, asking first (and maybe saving) when the plan has unsaved
 * changes. */
unsigned tui_quit(struct tui *t);

#endif
