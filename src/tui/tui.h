/* tui.h: the full-screen ncurses planner, a thin front end over the core. */
#ifndef PORTPLAN_TUI_TUI_H
#define PORTPLAN_TUI_TUI_H

#include <stdbool.h>

struct session;

/* Whether the planner can run here: standard input and output are a
 * terminal. */
bool tui_has_terminal(void);

/* Runs the planner on the session (opened by the caller, which frees it
 * afterwards); returns the exit status.  Restores the terminal on every
 * path. */
int tui_main(struct session *s);

#endif
