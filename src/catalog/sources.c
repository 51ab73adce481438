/* sources.c: which files a catalog is made of: the *.xml files of its
 * directories, in order, with what tells later that one changed. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/internal.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/str.h"

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether the file or directory META describes was listed already (a
 * directory given twice, the bundled one named again, a file linked into
 * two directories): it is read once.  SEEN maps "dev:ino" to nothing. */
static bool
seen_before(struct strset *seen, const struct stat *st)
{
	char key[64];

	snprintf(key, sizeof key, "%llu:%llu", (unsigned long long)st->st_dev,
		 (unsigned long long)st->st_ino);
	return !strset_add(seen, key);
}

int
catalog_sources(const struct strlist *dirs, struct catalog_source **out,
		size_t *n, struct pp_error *err)
{
	struct catalog_source *v = NULL;
	size_t cnt = 0, cap = 0;
	struct strset seen;

	*out = NULL;
	*n = 0;
	strset_init(&seen);
	for (size_t d = 0; d < dirs->n; d++) {
		DIR *dir = opendir(dirs->v[d]);
		struct dirent *de;
		struct strlist names;
		struct stat st;

		if (dir == NULL) {
			error_set(err, dirs->v[d], 0,
				  _("cannot open catalog directory: %s"), strerror(errno));
			goto fail;
		}
		if (fstat(dirfd(dir), &st) == 0 && seen_before(&seen, &st)) {
			closedir(dir);
			continue;
		}
		strlist_init(&names);
		while ((de = readdir(dir)) != NULL) {
			size_t len = strlen(de->d_name);

			if (de->d_name[0] == '.' || len < 5 ||
			    strcmp(de->d_name + len - 4, ".xml") != 0)
				continue;
			strlist_add(&names, de->d_name);
		}
		closedir(dir);
		if (names.n > 1)
			qsort(names.v, names.n, sizeof *names.v, cmp_cstr);
		for (size_t i = 0; i < names.n; i++) {
			char *path = xasprintf("%s/%s", dirs->v[d], names.v[i]);
			struct file_meta meta;

			if (file_stat(path, CATALOG_FILE_MAX, &meta, err) != 0) {
				free(path);
				strlist_fini(&names);
				goto fail;
			}
			st.st_dev = (dev_t)meta.dev;
			st.st_ino = (ino_t)meta.ino;
			if (seen_before(&seen, &st)) {
				free(path);
				continue;
			}
			if (cnt == cap) {
				cap = cap < 16 ? 16 : 2 * cap;
				v = xreallocarray(v, cap, sizeof *v);
			}
			memset(&v[cnt], 0, sizeof v[cnt]);
			v[cnt].path = path;
			v[cnt].meta = meta;
			cnt++;
		}
		strlist_fini(&names);
	}
	strset_fini(&seen);
	*out = v;
	*n = cnt;
	return 0;
fail:
	strset_fini(&seen);
	catalog_sources_free(v, cnt);
	return -1;
}

void
catalog_sources_free(struct catalog_source *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(src[i].path);
	free(src);
}
