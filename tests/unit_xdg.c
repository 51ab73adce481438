/* Unit tests: the XDG base directories (src/util/xdg.c).  Criterion runs
 * every test in its own process, so setenv and unsetenv (and setuid)
 * stay inside the test. */
#include "config.h"

#include <criterion/criterion.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "util/str.h"
#include "util/xdg.h"

static const char *const vars[] = {
	"XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME",
};

static void
clean_env(void)
{
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++)
		unsetenv(vars[i]);
	setenv("HOME", "/home/tester", 1);
}

TestSuite(xdg, .init = clean_env);

static void
expect_dir(enum xdg_base base, const char *want)
{
	char *got = xdg_base_dir(base);

	if (want == NULL)
		cr_assert_null(got, "base %d: expected none, got %s", (int)base, got);
	else {
		cr_assert_not_null(got, "base %d: expected %s, got none", (int)base, want);
		cr_assert_str_eq(got, want, "base %d", (int)base);
	}
	free(got);
}

Test(xdg, variables_win_when_absolute)
{
	setenv("XDG_CACHE_HOME", "/c", 1);
	setenv("XDG_DATA_HOME", "/d/share", 1);
	setenv("XDG_STATE_HOME", "/s", 1);
	setenv("XDG_CONFIG_HOME", "/etc-of-mine", 1);
	expect_dir(XDG_BASE_CACHE, "/c");
	expect_dir(XDG_BASE_DATA, "/d/share");
	expect_dir(XDG_BASE_STATE, "/s");
	expect_dir(XDG_BASE_CONFIG, "/etc-of-mine");
}

Test(xdg, each_fallback_under_home)
{
	expect_dir(XDG_BASE_CACHE, "/home/tester/.cache");
	expect_dir(XDG_BASE_DATA, "/home/tester/.local/share");
	expect_dir(XDG_BASE_STATE, "/home/tester/.local/state");
	expect_dir(XDG_BASE_CONFIG, "/home/tester/.config");
}

Test(xdg, relative_and_empty_values_are_ignored)
{
	setenv("XDG_CACHE_HOME", "cache", 1);
	setenv("XDG_DATA_HOME", "./data", 1);
	setenv("XDG_STATE_HOME", "", 1);
	setenv("XDG_CONFIG_HOME", "~/.config", 1);	/* no shell expanded it */
	expect_dir(XDG_BASE_CACHE, "/home/tester/.cache");
	expect_dir(XDG_BASE_DATA, "/home/tester/.local/share");
	expect_dir(XDG_BASE_STATE, "/home/tester/.local/state");
	expect_dir(XDG_BASE_CONFIG, "/home/tester/.config");
}

Test(xdg, app_path_names_our_directory)
{
	char *p;

	setenv("XDG_CACHE_HOME", "/c", 1);
	p = xdg_app_path(XDG_BASE_CACHE, "catalog.sqlite");
	cr_assert_str_eq(p, "/c/portplan/catalog.sqlite");
	free(p);
	p = xdg_app_path(XDG_BASE_STATE, NULL);
	cr_assert_str_eq(p, "/home/tester/.local/state/portplan");
	free(p);
}

/* The real user's passwd home, or skip (a uid without an entry). */
static char *
passwd_home(void)
{
	const struct passwd *pw = getpwuid(getuid());

	if (pw == NULL || pw->pw_dir == NULL || pw->pw_dir[0] != '/')
		cr_skip_test("uid %ld has no passwd entry with a home directory", (long)getuid());
	return xstrdup(pw->pw_dir);
}

Test(xdg, home_unset_or_empty_or_relative_is_the_passwd_home)
{
	static const char *const homes[] = { NULL, "", "relative/home" };
	char *pw = passwd_home();
	char *want = xasprintf("%s/.cache", pw);

	for (size_t i = 0; i < sizeof homes / sizeof *homes; i++) {
		char *h;

		if (homes[i] == NULL)
			unsetenv("HOME");
		else
			setenv("HOME", homes[i], 1);
		h = xdg_home();
		cr_assert_str_eq(h, pw, "HOME %s", homes[i] != NULL ? homes[i] : "unset");
		free(h);
		expect_dir(XDG_BASE_CACHE, want);
	}
	free(want);
	free(pw);
}

/* No HOME and no passwd entry: no directory at all, not /tmp and not
 * the current directory.  Needs root, to become a uid without an entry. */
Test(xdg, no_home_at_all_gives_none)
{
	uid_t uid = 3999999;
	char *p;

	if (getuid() != 0)
		cr_skip_test("needs root to become a user without a passwd entry");
	while (getpwuid(uid) != NULL && uid > 3000000)
		uid--;
	cr_assert_null(getpwuid(uid));
	unsetenv("HOME");
	cr_assert_eq(setuid(uid), 0);
	/* setuid makes the process undumpable: LeakSanitizer could not
	 * inspect it at exit */
	(void)prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	cr_assert_null(xdg_home());
	expect_dir(XDG_BASE_CACHE, NULL);
	expect_dir(XDG_BASE_DATA, NULL);
	expect_dir(XDG_BASE_STATE, NULL);
	expect_dir(XDG_BASE_CONFIG, NULL);
	cr_assert_null(xdg_app_path(XDG_BASE_CACHE, "catalog.sqlite"));
	/* a variable that names a base still works without a home */
	setenv("XDG_CACHE_HOME", "/c", 1);
	p = xdg_app_path(XDG_BASE_CACHE, "catalog.sqlite");
	cr_assert_str_eq(p, "/c/portplan/catalog.sqlite");
	free(p);
	p = xdg_expand_home("~/plan.portplan");
	cr_assert_str_eq(p, "~/plan.portplan", "nothing to expand ~ into");
	free(p);
}

Test(xdg, expand_home)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "~/plans/a.portplan", "/home/tester/plans/a.portplan" },
		{ "~/", "/home/tester/" },
		{ "~", "~" },
		{ "~other/x", "~other/x" },
		{ "/abs/~/x", "/abs/~/x" },
		{ "rel.portplan", "rel.portplan" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *p = xdg_expand_home(cases[i].in);

		cr_assert_str_eq(p, cases[i].out, "\"%s\"", cases[i].in);
		free(p);
	}
}
