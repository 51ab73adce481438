/* error.h: the error record every core function fills on failure.
 *
 * Core functions never print and never exit: they return 0 on success and
 * -1 on failure, with the record saying which file, which line and what is
 * wrong.  The front ends decide what to show. */
#ifndef PORTPLAN_UTIL_ERROR_H
#define PORTPLAN_UTIL_ERROR_H

#include <stddef.h>

#define PP_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Exit statuses of the program (main and the front ends decide them). */
#define EXIT_DATA 1		/* a data or user error: the message says which */
#define EXIT_USAGE 2		/* a usage error */

struct pp_error {
	char file[1024];	/* "" when the error is not about a file */
	long line;		/* 0 when unknown */
	char msg[1024];
};

void error_clear(struct pp_error *err);
/* Sets the record.  FILE may be NULL.  The message is cleaned of control
 * and bidirectional characters, since it may quote file content. */
void error_set(struct pp_error *err, const char *file, long line,
	       const char *fmt, ...) PP_PRINTF(4, 5);
/* "FILE:LINE: MSG", "FILE: MSG" or "MSG" into BUF. */
void error_format(const struct pp_error *err, char *buf, size_t size);

#endif
