/* planfile.h: the .portplan file (XML, schema embedded, format version).
 * The writer is canonical (stable order and formatting, so plans diff well
 * in git); the reader is tolerant of order and white space and refuses
 * DOCTYPE, entities, unknown elements, newer formats and invalid data with
 * file:line and the problem. */
#ifndef PORTPLAN_PLAN_PLANFILE_H
#define PORTPLAN_PLAN_PLANFILE_H

#include <stddef.h>

#include "util/error.h"
#include "util/str.h"

struct plan;

/* The format written; every format from 1 up to it is read. */
#define PLANFILE_FORMAT 2
#define PLANFILE_MAX ((size_t)16 << 20)
/* The longest text (a title, a label, the notes) and the longest tag:
 * what libxml2 handles without its "Huge input lookup" failure, far more
 * than a plan needs; the writer never writes what the reader refuses. */
#define PLANFILE_TEXT_MAX ((size_t)1 << 20)

/* Reads PATH.  Caller-owned *OUT.  Notes that do not stop the load are
 * appended to WARNINGS (may be NULL). */
int planfile_load(const char *path, struct plan **out, struct strlist *warnings,
		  struct pp_error *err);
/* The same from memory; NAME is used in messages (fuzz target entry). */
int planfile_parse(const char *data, size_t len, const char *name,
		   struct plan **out, struct strlist *warnings, struct pp_error *err);
/* Canonical bytes of P.  Caller-owned. */
char *planfile_serialize(const struct plan *p);
/* Writes P atomically to PATH; FLAGS as file_write_atomic. */
int planfile_save(const struct plan *p, const char *path, int flags,
		  struct pp_error *err);

#endif
