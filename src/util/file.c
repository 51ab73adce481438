#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/i18n.h"
#include "util/str.h"

int
file_read(const char *path, size_t cap, char **data, size_t *len,
	  struct pp_error *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not hang; it is refused below. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		error_set(err, path, 0, _("cannot open: %s"), strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		error_set(err, path, 0, _("cannot read: %s"), strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		error_set(err, path, 0, _("is a directory, not a file"));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, path, 0, _("not a regular file"));
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > cap) {
		error_set(err, path, 0,
			  _("file too large (%lld bytes, the limit is %zu)"),
			  (long long)st.st_size, cap);
		close(fd);
		return -1;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		ssize_t n;

		if (got == (size_t)st.st_size) {
			/* the file may have grown since fstat: stop at the cap */
			char extra;
			n = read(fd, &extra, 1);
			if (n > 0) {
				error_set(err, path, 0, _("file changed while being read"));
				free(buf);
				close(fd);
				return -1;
			}
			break;
		}
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, path, 0, _("cannot read: %s"), strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}

char *
file_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

bool
file_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
write_stdout(const char *data, size_t len, struct pp_error *err)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		error_set(err, _("standard output"), 0, _("write failed: %s"),
			  strerror(errno));
		return -1;
	}
	return 0;
}

int
file_write_atomic(const char *path, const char *data, size_t len, int flags,
		  struct pp_error *err)
{
	char *dir, *tmp;
	int fd, dfd, saved;
	mode_t mask;
	struct stat st;

	if (strcmp(path, "-") == 0)
		return write_stdout(data, len, err);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		error_set(err, path, 0, _("is a directory, not a file"));
		return -1;
	}
	if ((flags & FILE_WRITE_NOREPLACE) && file_exists(path)) {
		error_set(err, path, 0,
			  _("file exists (use --force to overwrite it)"));
		return -1;
	}
	dir = file_dirname(path);
	tmp = xasprintf("%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		error_set(err, path, 0, _("cannot create a file in %s: %s"),
			  dir, strerror(errno));
		goto fail_nofile;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		saved = errno;
		close(fd);
		error_set(err, path, 0, _("write failed: %s"), strerror(saved));
		goto fail;
	}
	if (close(fd) != 0) {
		error_set(err, path, 0, _("write failed: %s"), strerror(errno));
		goto fail;
	}
	if (flags & FILE_WRITE_NOREPLACE) {
		/* link() fails if PATH appeared meanwhile: never clobber */
		if (link(tmp, path) != 0) {
			error_set(err, path, 0, errno == EEXIST ?
				  _("file exists (use --force to overwrite it)") :
				  _("cannot create: %s"), strerror(errno));
			goto fail;
		}
		unlink(tmp);
	} else if (rename(tmp, path) != 0) {
		error_set(err, path, 0, _("cannot replace: %s"), strerror(errno));
		goto fail;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;
fail:
	unlink(tmp);
fail_nofile:
	free(tmp);
	free(dir);
	return -1;
}

int
file_mkdirs(const char *dir, struct pp_error *err)
{
	char *p = xstrdup(dir);
	struct stat st;

	for (char *s = p + 1; ; s++) {
		bool end = *s == '\0';

		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			error_set(err, p, 0, _("cannot create directory: %s"),
				  strerror(errno));
			free(p);
			return -1;
		}
		if (end)
			break;
		*s = '/';
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		error_set(err, p, 0, _("not a directory"));
		free(p);
		return -1;
	}
	free(p);
	return 0;
}
