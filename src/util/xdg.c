#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/str.h"
#include "util/xdg.h"

static const struct {
	const char *var;	/* the variable that names the base */
	const char *under_home;	/* else this under the home directory */
} bases[] = {
	[XDG_BASE_CACHE] = { "XDG_CACHE_HOME", ".cache" },
	[XDG_BASE_DATA] = { "XDG_DATA_HOME", ".local/share" },
	[XDG_BASE_STATE] = { "XDG_STATE_HOME", ".local/state" },
	[XDG_BASE_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
};

static int
is_absolute(const char *s)
{
	return s != NULL && s[0] == '/';
}

char *
xdg_home(void)
{
	const char *home = getenv("HOME");
	const struct passwd *pw;

	if (is_absolute(home))
		return xstrdup(home);
	pw = getpwuid(getuid());
	if (pw != NULL && is_absolute(pw->pw_dir))
		return xstrdup(pw->pw_dir);
	return NULL;
}

char *
xdg_base_dir(enum xdg_base base)
{
	const char *v;
	char *home, *dir;

	if ((size_t)base >= sizeof bases / sizeof *bases)
		return NULL;
	v = getenv(bases[base].var);
	if (is_absolute(v))
		return xstrdup(v);
	home = xdg_home();
	if (home == NULL)
		return NULL;
	dir = xasprintf("%s/%s", home, bases[base].under_home);
	free(home);
	return dir;
}

char *
xdg_app_path(enum xdg_base base, const char *name)
{
	char *dir = xdg_base_dir(base), *path;

	if (dir == NULL)
		return NULL;
	path = name != NULL ? xasprintf("%s/portplan/%s", dir, name) :
			      xasprintf("%s/portplan", dir);
	free(dir);
	return path;
}

char *
xdg_expand_home(const char *path)
{
	char *home, *out;

	if (path[0] != '~' || path[1] != '/')
		return xstrdup(path);
	home = xdg_home();
	if (home == NULL)
		return xstrdup(path);
	out = xasprintf("%s%s", home, path + 1);
	free(home);
	return out;
}
