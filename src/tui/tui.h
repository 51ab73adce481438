/* tui.h: the full-screen ncurses planner, a thin front end over the core. */
#ifndef PORTPLAN_TUI_TUI_H
#define PORTPLAN_TUI_TUI_H

struct cli_args;

/* Runs the planner on A's plan file (if any) and scenario; returns the exit
 * status.  Restores the terminal on every path. */
int tui_main(struct cli_args *a);

#endif
