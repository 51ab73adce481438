#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"
#include "util/str.h"

void
error_clear(struct pp_error *err)
{
	if (err == NULL)
		return;
	err->file[0] = '\0';
	err->line = 0;
	err->msg[0] = '\0';
}

void
error_set(struct pp_error *err, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	char raw[sizeof err->msg];

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	text_clean_into(err->msg, sizeof err->msg, raw);
	if (file != NULL)
		text_clean_into(err->file, sizeof err->file, file);
	else
		err->file[0] = '\0';
	err->line = line;
}

void
error_format(const struct pp_error *err, char *buf, size_t size)
{
	if (err->file[0] != '\0' && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0] != '\0')
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
}
