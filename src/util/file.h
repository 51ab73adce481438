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
};

/* Writes DATA to PATH atomically: a temporary file in the same directory,
 * fsync, rename, fsync of the directory.  On any failure the temporary is
 * removed and the old PATH is untouched.  PATH "-" writes to stdout. */
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

/* Creates DIR and its parents (mode 0700 for new ones). */
int file_mkdirs(const char *dir, struct pp_error *err);

bool file_exists(const char *path);

/* Caller-owned directory part of PATH ("." when there is none). */
char *file_dirname(const char *path);

#endif
