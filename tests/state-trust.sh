#!/bin/sh
# State (the catalog cache, the planner's recovery file) is kept only in
# the user's own directories: never in a shared or world-writable one,
# never in /tmp or the current directory (no home directory: the catalog
# is built in memory and no recovery file is kept), never from a file of
# another user's or one others may write.  Parts need root (chown, a
# second user, a mount namespace); they are skipped otherwise, and the
# whole test exits 77 when nothing but those could have run.
. "$(dirname "$0")/lib.sh"
H=${TESTS_SRCDIR:-$(dirname "$0")}/hostile
. "$H/common.sh"

OTHER=65534	# nobody
root=no
[ "$(id -u)" -eq 0 ] && root=yes
ran_root=no

# A cache of the bundled catalog whose texts say DOCTORED with escapes and
# whose port 443 rules say 1-65535: what another user could plant.
"$PORTPLAN" list products >/dev/null 2>"$T/err" || fail "building a cache: $(cat "$T/err")"
good=$XDG_CACHE_HOME/portplan/catalog.sqlite
cp "$good" "$T/doctored.sqlite"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$T/doctored.sqlite" "UPDATE text SET value = 'DOCTORED ' || char(27) || '[2J' WHERE field = 'label';
		UPDATE flow SET ports = '1-65535' WHERE ports = '443'" || fail "doctoring the cache"
else
	python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE text SET value = ? WHERE field = ?", ("DOCTORED \x1b[2J", "label"))
c.execute("UPDATE flow SET ports = ? WHERE ports = ?", ("1-65535", "443"))
c.commit()' "$T/doctored.sqlite" || fail "doctoring the cache"
fi

# not_used DESC: the last run did not use the doctored cache, warned and
# was right
not_used() {
	if [ "$rc" -ne 0 ]; then
		fail "$1: exit $rc: $(head -c 300 "$T/err")"
		return
	fi
	expect_no_grep 'DOCTORED|1-65535' "$T/out" "$1: the planted cache is not used"
	expect_grep 'warning: .*(owned by another user|writable by others).*in memory' "$T/err" "$1: a warning says why"
	expect_clean "$T/out" "$1: clean output" yes
}

# ---- a cache directory that is not the user's own ------------------------------------
run_export() {	# run_export CACHE-HOME
	bounded env XDG_CACHE_HOME="$1" "$PORTPLAN" export --product bems --feature ssl --format csv
	check_run "export with XDG_CACHE_HOME=$1"
}
mkdir -p "$T/shared/portplan"
cp "$T/doctored.sqlite" "$T/shared/portplan/catalog.sqlite"
chmod 0777 "$T/shared/portplan"
before=$(snapshot "$T/shared")
run_export "$T/shared"
not_used "a world-writable cache directory"
[ "$before" = "$(snapshot "$T/shared")" ] && pass "the world-writable directory is untouched" ||
	fail "the world-writable directory changed"
chmod 0755 "$T/shared/portplan"
mkdir -p "$T/open"
chmod 0777 "$T/open"
run_export "$T/open"
not_used "a cache directory in a world-writable parent"
[ ! -e "$T/open/portplan" ] && pass "nothing was created there" || fail "a cache was created there"
chmod 0755 "$T/open"

if [ $root = yes ]; then
	ran_root=yes
	mkdir -p "$T/theirs/portplan"
	cp "$T/doctored.sqlite" "$T/theirs/portplan/catalog.sqlite"
	chown -R $OTHER "$T/theirs/portplan"
	before=$(snapshot "$T/theirs")
	run_export "$T/theirs"
	not_used "another user's cache directory"
	[ "$before" = "$(snapshot "$T/theirs")" ] && pass "another user's directory is untouched" ||
		fail "another user's directory changed"
	# a file of another user's in the user's own directory: not opened,
	# replaced by a cache built from the sources
	mkdir -p "$T/mine/portplan"
	chmod 0700 "$T/mine/portplan"
	cp "$T/doctored.sqlite" "$T/mine/portplan/catalog.sqlite"
	chown $OTHER "$T/mine/portplan/catalog.sqlite"
	run_export "$T/mine"
	[ "$rc" -eq 0 ] && pass "another user's cache file in my directory: export works" ||
		fail "another user's cache file: exit $rc: $(head -c 300 "$T/err")"
	expect_no_grep 'DOCTORED|1-65535' "$T/out" "another user's cache file is not used"
	[ "$(stat -c %u "$T/mine/portplan/catalog.sqlite")" -eq "$(id -u)" ] &&
		pass "it was replaced by the user's own cache" || fail "the foreign cache file is still there"
fi

# ---- no home directory at all --------------------------------------------------------
# As a user whose passwd home does not exist, without HOME or XDG_*_HOME:
# the catalog is built in memory with a warning, nothing is written to
# /tmp or the current directory, and a cache planted in /tmp/.cache (in
# a private mount namespace, on a tmpfs) is not read.
# (the test mounts a tmpfs over /tmp: a build under /tmp cannot run it)
case $PORTPLAN:$PORTPLAN_DATADIR in /tmp/*|*:/tmp/*) under_tmp=yes ;; *) under_tmp=no ;; esac
if [ $root = yes ] && [ $under_tmp = no ] && command -v setpriv >/dev/null 2>&1 &&
   [ ! -d "$(getent passwd $OTHER | cut -d: -f6)" ]; then
	cat >"$T/nohome.sh" <<'EOF'
# runs in a mount namespace: /tmp is a fresh tmpfs; $1 (under /tmp)
# holds the inputs and outputs, seen at /mnt
mount --bind "$1" /mnt || exit 3
in=/mnt
mount -t tmpfs -o mode=1777 tmpfs /tmp || exit 3
mkdir -p /tmp/.cache/portplan /tmp/cwd/.cache/portplan
cp "$in/doctored.sqlite" /tmp/.cache/portplan/catalog.sqlite
cp "$in/doctored.sqlite" /tmp/cwd/.cache/portplan/catalog.sqlite
chmod -R a+rwX /tmp/.cache /tmp/cwd
chown -R "$OTHER" /tmp/cwd
find /tmp | sort >"$in/before"
cd /tmp/cwd || exit 3
setpriv --reuid="$OTHER" --regid="$OTHER" --clear-groups \
	env -u HOME -u XDG_CACHE_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME -u XDG_CONFIG_HOME \
	"$PORTPLAN" export --product bems --feature ssl --format csv >"$in/out" 2>"$in/err"
echo $? >"$in/rc"
find /tmp | sort >"$in/after"
EOF
	mkdir -p "$T/nh"
	cp "$T/doctored.sqlite" "$T/nh/"
	chmod 0711 "$T"
	chmod 0777 "$T/nh"
	if OTHER=$OTHER unshare -m sh "$T/nohome.sh" "$T/nh" 2>"$T/nh/ns-err"; then
		ran_root=yes
		rc=$(cat "$T/nh/rc")
		[ "$rc" -eq 0 ] && pass "no home directory: export works (exit 0)" ||
			fail "no home directory: exit $rc: $(head -c 300 "$T/nh/err")"
		expect_grep 'warning: .*in memory' "$T/nh/err" \
			"no home directory: a warning says the catalog is built in memory"
		expect_no_grep 'DOCTORED|1-65535' "$T/nh/out" "no home directory: the caches planted in /tmp and ./.cache are not read"
		cmp -s "$T/nh/before" "$T/nh/after" && pass "no home directory: nothing written to /tmp or the current directory" ||
			fail "no home directory: /tmp changed: $(diff "$T/nh/before" "$T/nh/after" | head -5 | tr '\n' ' ')"
	else
		echo "note: no mount namespace here: the no-home-directory test is skipped ($(head -c 200 "$T/nh/ns-err"))"
	fi
	chmod 0700 "$T"
fi

# ---- the planner's recovery file --------------------------------------------------------
if command -v tmux >/dev/null 2>&1; then
	. "$(dirname "$0")/tui-lib.sh"
	state=$XDG_STATE_HOME/portplan
	# a recovery file that names a decoy for F2 to overwrite
	"$PORTPLAN" save --product bems -o "$T/recovery.portplan" 2>/dev/null
	printf 'root:x:0:0:decoy:/root:/bin/sh\n' >"$T/decoy"
	cp "$T/decoy" "$T/decoy.orig"
	plant() {	# plant MODE: a recovery naming the decoy, files of MODE
		rm -rf "$state"
		mkdir -p "$state"
		chmod 0700 "$state"
		cp "$T/recovery.portplan" "$state/recovery.portplan"
		printf '%s\n' "$T/decoy" >"$state/recovery.path"
		chmod "$1" "$state/recovery.portplan" "$state/recovery.path"
	}

	# files others may write: not offered, and a warning
	plant 0666
	tui_start
	tui_wait "recovery file exists but cannot be read" "a world-writable recovery file is refused"
	tui_lacks "Restore them?" && pass "it is not offered" || fail "a world-writable recovery is offered"
	tui_keys q
	tui_wait_exit "quit"

	# a state directory others may write: no recovery at all
	plant 0600
	chmod 0777 "$state"
	tui_start
	tui_wait "No recovery file is read or written" "a world-writable state directory is refused"
	tui_lacks "Restore them?" && pass "it is not offered" || fail "a recovery from a shared directory is offered"
	tui_keys q
	tui_wait_exit "quit"
	chmod 0700 "$state"

	if [ $root = yes ]; then
		ran_root=yes
		plant 0600
		chown $OTHER "$state/recovery.portplan" "$state/recovery.path"
		tui_start
		tui_wait "A recovery file exists but cannot be read" "another user's recovery file is refused"
		tui_lacks "Restore them?" && pass "it is not offered" || fail "another user's recovery is offered"
		tui_keys q
		tui_wait_exit "quit"
	fi

	# the user's own recovery naming a file that is not a plan: offered
	# as a new plan; F2 then asks for a name instead of overwriting it
	plant 0600
	tui_start
	tui_wait "unsaved changes to a new plan" "a recovery naming a non-plan file restores a new plan"
	tui_keys y
	tui_wait "Restored the unsaved changes" "restored"
	tui_keys F2
	tui_wait "Save the plan as:" "F2 asks for a name"
	tui_keys Escape
	tui_keys q
	tui_wait "unsaved changes" "q asks"
	tui_keys n
	tui_wait_exit "quit without saving"
	cmp -s "$T/decoy" "$T/decoy.orig" && pass "the decoy named by the recovery is untouched" ||
		fail "the decoy was overwritten"
fi

if [ "$failures" -eq 0 ] && [ $ran_root = no ]; then
	echo "not root: the tests with another user and mount namespaces were skipped"
fi
finish
