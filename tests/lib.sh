# tests/lib.sh: helpers for the shell tests.  Source it first thing.
#
# Every test gets its own HOME, XDG directories and temporary directory
# (tests run in parallel), a pinned locale and time zone, and $PORTPLAN.
set -u

: "${PORTPLAN:?run through make check (PORTPLAN is not set)}"
T=$(mktemp -d "${TMPDIR:-/tmp}/portplan-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CACHE_HOME="$T/cache" XDG_DATA_HOME="$T/data" \
	XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME"
export LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE LANG

failures=0
fail() {
	printf 'FAIL: %s\n' "$*" >&2
	failures=$((failures + 1))
}
pass() {
	printf 'ok: %s\n' "$*"
}

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND with stdout in
# $T/out and stderr in $T/err and checks its exit status.
expect_exit() {
	want=$1 desc=$2
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass "$desc (exit $got)"
	else
		fail "$desc: exit $got, expected $want; stderr: $(head -c 600 "$T/err")"
	fi
}

# expect_grep PATTERN FILE DESCRIPTION: FILE contains PATTERN (grep -E).
expect_grep() {
	if grep -qE -- "$1" "$2"; then pass "$3"; else
		fail "$3: no match for /$1/ in $2: $(head -c 600 "$2")"; fi
}

# expect_no_grep PATTERN FILE DESCRIPTION
expect_no_grep() {
	if grep -qE -- "$1" "$2"; then
		fail "$3: unexpected match for /$1/ in $2: $(grep -E -- "$1" "$2" | head -3)"
	else pass "$3"; fi
}

# finish: exit status for the automake driver.
finish() {
	if [ "$failures" -gt 0 ]; then
		printf '%d check(s) failed\n' "$failures" >&2
		exit 1
	fi
	exit 0
}
