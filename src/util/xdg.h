/* xdg.h: where per-user files go, by the XDG Base Directory specification
 * (0.8): the cache (the catalog database), data (the user's own catalog
 * sources), state (the planner's recovery file) and configuration.
 *
 * Each base is its $XDG_*_HOME variable when that is an absolute path; a
 * relative or empty value is invalid and ignored, as the specification
 * says.  Otherwise it is a directory under the home directory: $HOME when
 * it is absolute, else the home directory of the real user's passwd entry.
 * When there is no home directory either, the functions return NULL and
 * the caller keeps no state on disk: never /tmp (anyone can create our
 * directory there first) and never the current directory. */
#ifndef PORTPLAN_UTIL_XDG_H
#define PORTPLAN_UTIL_XDG_H

enum xdg_base {
	XDG_BASE_CACHE,		/* $XDG_CACHE_HOME, else ~/.cache */
	XDG_BASE_DATA,		/* $XDG_DATA_HOME, else ~/.local/share */
	XDG_BASE_STATE,		/* $XDG_STATE_HOME, else ~/.local/state */
	XDG_BASE_CONFIG,	/* $XDG_CONFIG_HOME, else ~/.config */
};

/* Caller-owned home directory ($HOME if absolute, else the passwd
 * entry's); NULL when there is none. */
char *xdg_home(void);
/* Caller-owned base directory BASE; NULL when there is none. */
char *xdg_base_dir(enum xdg_base base);
/* Caller-owned "BASE/portplan", or "BASE/portplan/NAME" when NAME is not
 * NULL: this program's directory (or a file in it) under BASE; NULL when
 * BASE has none.  Nothing is created. */
char *xdg_app_path(enum xdg_base base, const char *name);
/* Caller-owned PATH with a leading "~/" replaced by the home directory;
 * a copy of PATH otherwise, and when there is no home directory. */
char *xdg_expand_home(const char *path);

#endif
