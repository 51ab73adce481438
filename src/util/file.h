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

enum file_write_flags {
	FILE_WRITE_NOREPLACE = 1 << 0,	/* fail if PATH exists */
};

/* Writes DATA to PATH atomically: a temporary file in the same directory,
 * fsync, rename, fsync of the directory.  On any failure the temporary is
 * removed and the old PATH is untouched.  PATH "-" writes to stdout. */
int file_write_atomic(const char *path, const char *data, size_t len,
		      int flags, struct pp_error *err);

/* Creates DIR and its parents (mode 0700 for new ones). */
int file_mkdirs(const char *dir, struct pp_error *err);

bool file_exists(const char *path);

/* Caller-owned directory part of PATH ("." when there is none). */
char *file_dirname(const char *path);

#endif
