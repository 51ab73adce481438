/* term.c: the terminal and the signals.  curses is started here and the
 * terminal restored on every way out (atexit too); SIGINT, SIGTERM and
 * SIGHUP only set a flag, which ends the wait for a key: the loop then
 * writes the recovery file and leaves. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "tui/internal.h"

static volatile sig_atomic_t got_signal;
static bool curses_on;
static SCREEN *screen;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
restore_terminal(void)
{
	if (!curses_on)
		return;
	curs_set(1);
	endwin();
	curses_on = false;
}

void
tui_term_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a signal ends the wait for a key */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int
tui_term_signal(void)
{
	return got_signal;
}

int
tui_term_start(void)
{
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL)
		return -1;
	set_term(screen);
	curses_on = true;
	atexit(restore_terminal);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	wtimeout(stdscr, 250);	/* to notice signals even if a read restarts */
	curs_set(0);
	tui_theme_init();
	return 0;
}

void
tui_term_stop(void)
{
	restore_terminal();
	if (screen != NULL) {
		delscreen(screen);
		screen = NULL;
	}
}
