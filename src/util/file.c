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

/* A regular file of at most CAP bytes, else ERR says what it is. */
static int
check_regular(const char *path, const struct stat *st, size_t cap, struct pp_error *err)
{
	if (S_ISDIR(st->st_mode)) {
		error_set(err, path, 0, _("is a directory, not a file"));
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		error_set(err, path, 0, _("not a regular file"));
		return -1;
	}
	if ((unsigned long long)st->st_size > cap) {
		error_set(err, path, 0,
			  _("file too large (%lld bytes, the limit is %zu)"),
			  (long long)st->st_size, cap);
		return -1;
	}
	return 0;
}

int
file_stat(const char *path, size_t cap, struct file_meta *meta, struct pp_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		error_set(err, path, 0, _("cannot open: %s"), strerror(errno));
		return -1;
	}
	if (check_regular(path, &st, cap, err) != 0)
		return -1;
	meta->size = (long long)st.st_size;
	meta->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	meta->ctime_ns = (long long)st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec;
	meta->ino = (long long)st.st_ino;
	meta->dev = (long long)st.st_dev;
	return 0;
}

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
	if (check_regular(path, &st, cap, err) != 0) {
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

struct file_out {
	char *path;		/* NULL: standard output */
	char *dir, *tmp;
	int fd;
	int flags;
};

static void
file_out_free(struct file_out **op)
{
	struct file_out *o = *op;

	if (o == NULL)
		return;
	if (o->fd >= 0)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->path);
	free(o->dir);
	free(o->tmp);
	free(o);
	*op = NULL;
}

void
file_out_abort(struct file_out **op)
{
	file_out_free(op);
}

int
file_out_open(const char *path, int flags, struct file_out **out, struct pp_error *err)
{
	struct file_out *o;
	struct stat st;
	mode_t mask;

	*out = NULL;
	o = xcalloc(1, sizeof *o);
	o->fd = -1;
	o->flags = flags;
	if (strcmp(path, "-") == 0) {
		*out = o;
		return 0;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		error_set(err, path, 0, _("is a directory, not a file"));
		goto fail;
	}
	if ((flags & FILE_WRITE_NOREPLACE) && file_exists(path)) {
		error_set(err, path, 0, _("file exists (use --force to overwrite it)"));
		goto fail;
	}
	o->path = xstrdup(path);
	o->dir = file_dirname(path);
	o->tmp = xasprintf("%s.tmpXXXXXX", path);
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0) {
		error_set(err, path, 0, _("cannot create a file in %s: %s"),
			  o->dir, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(o->fd, 0666 & ~mask) != 0) {
		error_set(err, path, 0, _("write failed: %s"), strerror(errno));
		goto fail;
	}
	*out = o;
	return 0;
fail:
	file_out_free(&o);
	return -1;
}

int
file_out_write(struct file_out *o, const char *data, size_t len, struct pp_error *err)
{
	if (o->path == NULL) {
		if (fwrite(data, 1, len, stdout) != len) {
			error_set(err, _("standard output"), 0, _("write failed: %s"),
				  strerror(errno));
			return -1;
		}
		return 0;
	}
	if (write_all(o->fd, data, len) != 0) {
		error_set(err, o->path, 0, _("write failed: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

int
file_out_commit(struct file_out **op, struct pp_error *err)
{
	struct file_out *o = *op;
	int dfd, fd;

	if (o->path == NULL) {
		int rc = 0;

		if (fflush(stdout) != 0) {
			error_set(err, _("standard output"), 0, _("write failed: %s"),
				  strerror(errno));
			rc = -1;
		}
		file_out_free(op);
		return rc;
	}
	fd = o->fd;
	o->fd = -1;
	if (fsync(fd) != 0) {
		error_set(err, o->path, 0, _("write failed: %s"), strerror(errno));
		close(fd);
		goto fail;
	}
	if (close(fd) != 0) {
		error_set(err, o->path, 0, _("write failed: %s"), strerror(errno));
		goto fail;
	}
	if (o->flags & FILE_WRITE_NOREPLACE) {
		/* link() fails if PATH appeared meanwhile: never clobber */
		if (link(o->tmp, o->path) != 0) {
			error_set(err, o->path, 0, errno == EEXIST ?
				  _("file exists (use --force to overwrite it)") :
				  _("cannot create: %s"), strerror(errno));
			goto fail;
		}
	} else if (rename(o->tmp, o->path) != 0) {
		error_set(err, o->path, 0, _("cannot replace: %s"), strerror(errno));
		goto fail;
	} else {
		free(o->tmp);	/* renamed: nothing to remove */
		o->tmp = NULL;
	}
	dfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	file_out_free(op);	/* after link(): removes the temporary name */
	return 0;
fail:
	file_out_free(op);
	return -1;
}

int
file_out_sink(void *arg, const char *data, size_t len)
{
	struct file_out_sink *s = arg;

	return file_out_write(s->out, data, len, s->err);
}

int
file_write_atomic(const char *path, const char *data, size_t len, int flags,
		  struct pp_error *err)
{
	struct file_out *o;

	if (file_out_open(path, flags, &o, err) != 0)
		return -1;
	if (file_out_write(o, data, len, err) != 0) {
		file_out_abort(&o);
		return -1;
	}
	return file_out_commit(&o, err);
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
