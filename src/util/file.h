/* file.h: reading untrusted files and writing files atomically. */
#ifndef PORTPLAN_UTIL_FILE_H
#define PORTPLAN_UTIL_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* Reads a regular file of at most CAP bytes into a caller-owned,
 * NUL-terminated buffer.  Directories, FIFOs, devices and larger files are
 * refused with a clear error. */
int file_read(const char *path, size_t cap, char **data, size_t *len,
	      struct pp_error *err);

/* What tells that a file changed without reading it. */
struct file_meta {
	long long size, mtime_ns, ctime_ns, ino, dev;
};
/* The checks of file_read (a regular file of at most CAP bytes), without
 * reading; fills *META. */
int file_stat(const char *path, size_t cap, struct file_meta *meta,
	      struct pp_error *err);

enum file_write_flags {
	FILE_WRITE_NOREPLACE = 1 << 0,	/* fail if PATH exists */
	FILE_WRITE_PRIVATE = 1 << 1,	/* mode 0600 (state), not 0666 & ~umask */
};

/* The rule for every file portplan writes: only regular files.  Whether
 * PATH may be written: not empty, not a symbolic link (neither its target
 * nor the link itself is written: a link to a plan is followed only by
 * the caller that saves the plan it opened, file_resolve_link), not a
 * directory, device, FIFO or socket, and not existing at all with
 * FILE_WRITE_NOREPLACE.  -1 with ERR saying which. */
int file_check_target(const char *path, int flags, struct pp_error *err);
/* Caller-owned: the file a symbolic link PATH names (realpath), else a
 * copy of PATH. */
char *file_resolve_link(const char *path);

/* Temporary files.  A file is written as ".NAME.portplan-XXXXXX.tmp" in
 * its directory (NAME shortened so that the name fits NAME_MAX) and then
 * renamed.  While its writer lives the temporary is locked (flock) and
 * registered for file_temp_cleanup, which a SIGTERM, SIGHUP or SIGINT
 * handler calls; a temporary whose writer died without cleaning up
 * (SIGKILL, a crash, a power cut) is removed by the next file_temp_sweep
 * of its directory, which every file_temp_open runs: it removes only
 * regular files of the user's, with one link, whose lock is free (never
 * a live writer's). */
struct file_temp {
	char *path;		/* NULL when closed */
	int fd;			/* open for writing; holds the lock */
	int slot[2];		/* in the cleanup registry (the file, its journal) */
};
/* Creates the temporary for TARGET (0600, locked, registered; with
 * JOURNAL also its SQLite "-journal" name).  -1 with ERR set. */
int file_temp_open(const char *target, bool journal, struct file_temp *t,
		   struct pp_error *err);
/* Unregisters and closes T; with REMOVE also removes the file and its
 * journal (else it was renamed).  Closing releases the lock: rename
 * first. */
void file_temp_close(struct file_temp *t, bool remove);
/* Removes the temporaries (and their journals) of dead writers in DIR. */
void file_temp_sweep(const char *dir);
/* Removes every registered temporary: async-signal-safe, for a handler of
 * SIGTERM, SIGHUP or SIGINT (the front end installs it). */
void file_temp_cleanup(void);

/* Writes DATA to PATH atomically: a temporary file in the same directory,
 * fsync, rename, fsync of the directory.  On any failure the temporary is
 * removed and the old PATH is untouched.  PATH "-" writes to stdout;
 * file_check_target says which other paths are refused. */
int file_write_atomic(const char *path, const char *data, size_t len,
		      int flags, struct pp_error *err);

/* The same in pieces, for documents written as they are made:
 * file_out_open (refuses an existing PATH with FILE_WRITE_NOREPLACE, a
 * directory, an unwritable place), file_out_write as often as needed,
 * then file_out_commit (fsync, rename) or file_out_abort.  Until the
 * commit PATH is untouched; after a failed write or commit, and after an
 * abort, no temporary is left.  Both free *OUT and set it to NULL.
 * PATH "-" writes to stdout as it goes. */
struct file_out;
int file_out_open(const char *path, int flags, struct file_out **out,
		  struct pp_error *err);
int file_out_write(struct file_out *o, const char *data, size_t len,
		   struct pp_error *err);
int file_out_commit(struct file_out **o, struct pp_error *err);
void file_out_abort(struct file_out **o);
/* A sink for sbuf_set_sink: ARG is a struct file_out_sink. */
struct file_out_sink {
	struct file_out *out;
	struct pp_error *err;
};
int file_out_sink(void *arg, const char *data, size_t len);

/* State (the catalog cache, the planner's recovery file) is kept only
 * where nobody else can change it.  0 when DIR is missing (file_mkdirs
 * makes it 0700) or a directory of the user's that neither the group nor
 * others may write, in a parent they may not write either (unless it is
 * sticky); -1 with ERR saying why not. */
int file_check_private_dir(const char *dir, struct pp_error *err);
/* 0 when PATH is missing or a regular file (not a link) of the user's
 * that neither the group nor others may write; -1 with ERR. */
int file_check_private_file(const char *path, struct pp_error *err);

/* Creates DIR and its parents (mode 0700 for new ones). */
int file_mkdirs(const char *dir, struct pp_error *err);

bool file_exists(const char *path);

/* Caller-owned directory part of PATH ("." when there is none). */
char *file_dirname(const char *path);

#endif
