#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
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
				/* a file of /proc or /sys says it is empty and is not */
				error_set(err, path, 0, st.st_size == 0 ?
					  _("a special file whose size is not known (such as a file of /proc or /sys): copy it to a regular file first") :
					  _("file changed while being read"));
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

/* ---- temporary files ---- */

/* The temporaries being written, for file_temp_cleanup (a signal
 * handler): fixed slots, a path each, no allocation. */
#define TEMP_SLOTS 8
static struct {
	volatile sig_atomic_t used;
	char path[PATH_MAX + 16];
} temps[TEMP_SLOTS];

static int
temp_register(const char *path)
{
	size_t n = strlen(path);

	if (n >= sizeof temps[0].path)
		return -1;
	for (int i = 0; i < TEMP_SLOTS; i++) {
		if (temps[i].used)
			continue;
		memcpy(temps[i].path, path, n + 1);
		temps[i].used = 1;
		return i;
	}
	return -1;
}

static void
temp_unregister(int *slot)
{
	if (*slot >= 0)
		temps[*slot].used = 0;
	*slot = -1;
}

void
file_temp_cleanup(void)
{
	for (int i = 0; i < TEMP_SLOTS; i++)
		if (temps[i].used)
			(void)unlink(temps[i].path);	/* async-signal-safe */
}

#define TEMP_MARK ".portplan-"
#define TEMP_SUFFIX ".tmp"
#define TEMP_JOURNAL "-journal"

/* Whether NAME is one of our temporaries: ".NAME.portplan-XXXXXX.tmp",
 * with JOURNAL its "-journal" (SQLite's, of a cache being built). */
static bool
is_temp_name(const char *name, bool journal)
{
	size_t n = strlen(name), mark = strlen(TEMP_MARK), suf = strlen(TEMP_SUFFIX);

	if (journal) {
		if (n < strlen(TEMP_JOURNAL) ||
		    strcmp(name + n - strlen(TEMP_JOURNAL), TEMP_JOURNAL) != 0)
			return false;
		n -= strlen(TEMP_JOURNAL);
	}
	return name[0] == '.' && n >= 1 + mark + 6 + suf &&
	       memcmp(name + n - suf, TEMP_SUFFIX, suf) == 0 &&
	       memcmp(name + n - suf - 6 - mark, TEMP_MARK, mark) == 0;
}

/* Removes the temporary NAME in DFD when its writer is gone: it is a
 * regular file of ours with one link and nobody holds its lock (a live
 * writer does until it is renamed or removed). */
static void
sweep_one(int dfd, const char *name)
{
	struct stat st, again;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    st.st_nlink == 1 && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    fstatat(dfd, name, &again, AT_SYMLINK_NOFOLLOW) == 0 &&
	    again.st_dev == st.st_dev && again.st_ino == st.st_ino) {
		char journal[NAME_MAX + 16];

		(void)unlinkat(dfd, name, 0);
		if ((size_t)snprintf(journal, sizeof journal, "%s" TEMP_JOURNAL, name) <
		    sizeof journal)
			(void)unlinkat(dfd, journal, 0);
	}
	close(fd);
}

void
file_temp_sweep(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (is_temp_name(de->d_name, false)) {
			sweep_one(dirfd(d), de->d_name);
		} else if (is_temp_name(de->d_name, true)) {
			/* a journal whose temporary is gone: nobody uses it */
			char base[NAME_MAX + 1];
			size_t n = strlen(de->d_name) - strlen(TEMP_JOURNAL);

			if (n >= sizeof base)
				continue;
			memcpy(base, de->d_name, n);
			base[n] = '\0';
			if (fstatat(dirfd(d), base, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
			    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISREG(st.st_mode) && st.st_uid == geteuid())
				(void)unlinkat(dirfd(d), de->d_name, 0);
		}
	}
	closedir(d);
}

static void
block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, old);
}

int
file_temp_open(const char *target, bool journal, struct file_temp *t, struct pp_error *err)
{
	char *dir = file_dirname(target);
	const char *slash = strrchr(target, '/');
	const char *base = slash != NULL ? slash + 1 : target;
	/* room for "." and the mark: the temporary name fits NAME_MAX when
	 * the target's does (a 251-byte name once did not) */
	size_t keep = strlen(base), room = NAME_MAX - 1 - strlen(TEMP_MARK "XXXXXX" TEMP_SUFFIX);
	sigset_t old;
	int rc = -1;

	t->path = NULL;
	t->fd = -1;
	t->slot[0] = t->slot[1] = -1;
	if (keep > room) {
		keep = room;
		while (keep > 0 && ((unsigned char)base[keep] & 0xc0) == 0x80)
			keep--;	/* not in the middle of a character */
	}
	file_temp_sweep(dir);
	block_signals(&old);	/* registered before a signal can see it */
	for (int tries = 0; tries < 16; tries++) {
		struct stat st;

		t->path = xasprintf("%s%s.%.*s" TEMP_MARK "XXXXXX" TEMP_SUFFIX,
				    slash != NULL ? dir : "", slash != NULL ? "/" : "",
				    (int)keep, base);
		t->fd = mkstemps(t->path, (int)strlen(TEMP_SUFFIX));
		if (t->fd < 0) {
			error_set(err, target, 0, _("cannot create a file in %s: %s"), dir,
				  strerror(errno));
			xfree(&t->path);
			goto out;
		}
		/* held until the temporary is renamed or removed: a sweep
		 * by another process leaves it alone (if the file system has
		 * no locks, the sweep cannot lock it either) */
		(void)flock(t->fd, LOCK_EX);
		if (fstat(t->fd, &st) == 0 && st.st_nlink > 0)
			break;
		/* a sweep took it between its creation and the lock */
		close(t->fd);
		t->fd = -1;
		xfree(&t->path);
	}
	if (t->fd < 0) {
		error_set(err, target, 0, _("cannot create a file in %s: %s"), dir,
			  strerror(EEXIST));
		goto out;
	}
	t->slot[0] = temp_register(t->path);
	if (journal) {
		char *j = xasprintf("%s" TEMP_JOURNAL, t->path);

		t->slot[1] = temp_register(j);
		free(j);
	}
	rc = 0;
out:
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(dir);
	return rc;
}

void
file_temp_close(struct file_temp *t, bool remove)
{
	sigset_t old;

	block_signals(&old);
	if (remove && t->path != NULL) {
		char *j = xasprintf("%s" TEMP_JOURNAL, t->path);

		(void)unlink(t->path);
		(void)unlink(j);
		free(j);
	}
	temp_unregister(&t->slot[0]);
	temp_unregister(&t->slot[1]);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	xfree(&t->path);
}

char *
file_resolve_link(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return xstrdup(path);
	real = realpath(path, NULL);
	return real != NULL ? real : xstrdup(path);
}

int
file_check_target(const char *path, int flags, struct pp_error *err)
{
	struct stat st;

	if (path[0] == '\0') {
		error_set(err, NULL, 0, _("an empty file name (- writes to standard output)"));
		return -1;
	}
	if (lstat(path, &st) != 0)
		return 0;	/* a new file */
	if (S_ISLNK(st.st_mode)) {
		error_set(err, path, 0,
			  _("a symbolic link: portplan neither writes through a link nor replaces one (name the file itself, or - for standard output)"));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		error_set(err, path, 0, _("is a directory, not a file"));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, path, 0,
			  _("not a regular file (a device, FIFO or socket): portplan writes only regular files (- writes to standard output)"));
		return -1;
	}
	if (flags & FILE_WRITE_NOREPLACE) {
		error_set(err, path, 0, _("file exists (use --force to overwrite it)"));
		return -1;
	}
	return 0;
}

/* ---- writing a file atomically ---- */

struct file_out {
	char *path;		/* NULL: standard output */
	char *dir;
	struct file_temp tmp;
	int flags;
};

static void
file_out_free(struct file_out **op)
{
	struct file_out *o = *op;

	if (o == NULL)
		return;
	file_temp_close(&o->tmp, true);
	free(o->path);
	free(o->dir);
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
	mode_t mask;

	*out = NULL;
	o = xcalloc(1, sizeof *o);
	o->tmp.fd = -1;
	o->tmp.slot[0] = o->tmp.slot[1] = -1;
	o->flags = flags;
	if (strcmp(path, "-") == 0) {
		*out = o;
		return 0;
	}
	if (file_check_target(path, flags, err) != 0)
		goto fail;
	o->path = xstrdup(path);
	o->dir = file_dirname(path);
	if (file_temp_open(path, false, &o->tmp, err) != 0)
		goto fail;
	mask = umask(0);
	umask(mask);
	if (fchmod(o->tmp.fd, (flags & FILE_WRITE_PRIVATE) ? 0600 : 0666 & ~mask) != 0) {
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
	if (write_all(o->tmp.fd, data, len) != 0) {
		error_set(err, o->path, 0, _("write failed: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

int
file_out_commit(struct file_out **op, struct pp_error *err)
{
	struct file_out *o = *op;
	int dfd;

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
	if (fsync(o->tmp.fd) != 0) {
		error_set(err, o->path, 0, _("write failed: %s"), strerror(errno));
		goto fail;
	}
	/* renamed while still open and locked: no sweep can take it first */
	if (o->flags & FILE_WRITE_NOREPLACE) {
		/* link() fails if PATH appeared meanwhile: never clobber */
		if (link(o->tmp.path, o->path) != 0) {
			error_set(err, o->path, 0, errno == EEXIST ?
				  _("file exists (use --force to overwrite it)") :
				  _("cannot create: %s"), strerror(errno));
			goto fail;
		}
	} else if (rename(o->tmp.path, o->path) != 0) {
		error_set(err, o->path, 0, _("cannot replace: %s"), strerror(errno));
		goto fail;
	} else {
		xfree(&o->tmp.path);	/* renamed: nothing to remove */
	}
	if (close(o->tmp.fd) != 0) {
		o->tmp.fd = -1;
		error_set(err, o->path, 0, _("write failed: %s"), strerror(errno));
		goto fail;
	}
	o->tmp.fd = -1;
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

/* Whether ST (of PATH) is the user's and nobody else may write it. */
static int
check_private(const char *path, const struct stat *st, struct pp_error *err)
{
	if (st->st_uid != geteuid()) {
		error_set(err, path, 0,
			  _("owned by another user (uid %lu): portplan keeps no state there"),
			  (unsigned long)st->st_uid);
		return -1;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		error_set(err, path, 0,
			  _("writable by others (mode %04o): portplan keeps no state there"),
			  (unsigned)(st->st_mode & 07777));
		return -1;
	}
	return 0;
}

int
file_check_private_dir(const char *dir, struct pp_error *err)
{
	struct stat st;
	char *parent;
	int rc = 0;

	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			error_set(err, dir, 0, _("not a directory"));
			return -1;
		}
		if (check_private(dir, &st, err) != 0)
			return -1;
	}
	/* missing: file_mkdirs makes it, 0700.  A parent others may write
	 * to (not sticky, as /tmp is) lets them put another directory in
	 * this one's place */
	parent = file_dirname(dir);
	if (stat(parent, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)) &&
	    !(st.st_mode & S_ISVTX)) {
		error_set(err, parent, 0,
			  _("writable by others (mode %04o): portplan keeps no state there"),
			  (unsigned)(st.st_mode & 07777));
		rc = -1;
	}
	free(parent);
	return rc;
}

int
file_check_private_file(const char *path, struct pp_error *err)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		error_set(err, path, 0,
			  _("a symbolic link: portplan reads its own state only from its own files"));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, path, 0, _("not a regular file"));
		return -1;
	}
	return check_private(path, &st, err);
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
