#!/bin/sh
# Faults: a full disk during export, plan save and cache build (in a mount
# namespace with a small tmpfs); an unwritable or read-only cache location;
# a corrupt or foreign file where the cache should be; sources changed or
# broken after a build; two processes at once on a cold cache and on one
# plan file.  Exits 77 when everything else passed but the full-disk and
# read-only-mount tests could not run (unshare or mount not permitted).
. "$(dirname "$0")/lib.sh"
H=${TESTS_SRCDIR:-$(dirname "$0")}/hostile
. "$H/common.sh"

cache=$XDG_CACHE_HOME/portplan
db=$cache/catalog.sqlite
set -- --product bems --product bluemind --product mis --product forcepoint \
	--feature ssl --place bems=dmz
EXPORT_ARGS="$*"	# no argument contains a blank
APP_ID=1886415982	# "ppln", PRAGMA application_id of a portplan cache

# export_ok DESC [VAR=VALUE...]: the export, with the given environment,
# succeeds and equals the reference.
export_ok() {
	eo_desc=$1
	shift
	# shellcheck disable=SC2086
	bounded env "$@" "$PORTPLAN" export $EXPORT_ARGS --format md
	check_run "$eo_desc" || return 1
	if [ "$rc" -ne 0 ]; then
		fail "$eo_desc: exit $rc: $(head -c 400 "$T/err")"
		return 1
	fi
	if ! cmp -s "$T/out" "$T/ref.md"; then
		fail "$eo_desc: output differs from the reference: $(diff "$T/ref.md" "$T/out" | head -5 | tr '\n' ' ')"
		return 1
	fi
	pass "$eo_desc: correct output"
}

# sql DB SQL: runs SQL on DB with the sqlite3 shell or python3 (empty
# output when neither is installed; see have_sql)
sql() {
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 -batch "$1" "$2" 2>&1
	else
		python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for row in c.execute(sys.argv[2]):
	print("|".join(str(x) for x in row))
c.commit()' "$1" "$2" 2>&1
	fi
}
have_sql() {
	command -v sqlite3 >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1
}

# cache_valid DESC [DB]: DB is a portplan cache again and passes quick_check
cache_valid() {
	cv_db=${2:-$db}
	have_sql || return 0
	if [ "$(sql "$cv_db" 'PRAGMA application_id')" = "$APP_ID" ] &&
	   [ "$(sql "$cv_db" 'PRAGMA quick_check')" = ok ]; then
		pass "$1: the cache is a valid portplan cache"
	else
		fail "$1: the cache is not valid: application_id $(sql "$cv_db" 'PRAGMA application_id' | head -1), quick_check $(sql "$cv_db" 'PRAGMA quick_check' | head -1)"
	fi
}

# no_temp DIR DESC: no temporary file left in DIR
no_temp() {
	if ls -A "$1" 2>/dev/null | grep -q 'tmp'; then
		fail "$2: temporary file left in $1: $(ls -A "$1" | tr '\n' ' ')"
	else
		pass "$2: no temporary file left"
	fi
}

# The reference outputs, from a normal cold build.
# shellcheck disable=SC2086
"$PORTPLAN" export $EXPORT_ARGS --format md >"$T/ref.md" 2>"$T/err" ||
	fail "reference export: $(cat "$T/err")"
# shellcheck disable=SC2086
"$PORTPLAN" export $EXPORT_ARGS --format csv >"$T/ref.csv" 2>"$T/err" ||
	fail "reference CSV export: $(cat "$T/err")"
[ -s "$T/ref.md" ] || fail "empty reference export"
cp "$db" "$T/good.sqlite" || fail "no cache after the reference export"
cache_valid "reference build"

# ---- 1. full disk and read-only mounts (mount namespace) --------------------------
mkdir -p "$T/mnt"
ns=
if unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh "$T/mnt" 2>/dev/null; then
	ns="unshare -m"
elif unshare -r -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh "$T/mnt" 2>/dev/null; then
	ns="unshare -r -m"	# an unprivileged user namespace
fi

cat >"$T/inner.sh" <<'EOF'
# Runs inside the mount namespace with the environment of faults.sh
# (PORTPLAN, XDG directories, locale); prints ok:/FAIL: lines.
T=$OUTER_T
fail() { printf 'FAIL: %s\n' "$*"; }
pass() { printf 'ok: %s\n' "$*"; }
. "$TESTS_SRCDIR/hostile/common.sh"
M=$T/mnt

# fill: takes every free block of the tmpfs on $M, then frees KB kilobytes
fill() {
	dd if=/dev/zero of="$M/filler" bs=4096 2>/dev/null
	if [ "${1:-0}" -gt 0 ]; then
		sz=$(wc -c <"$M/filler")
		truncate -s $((sz - $1 * 1024)) "$M/filler"
	fi
}
tmpfs() {	# tmpfs SIZE: a fresh tmpfs on $M
	umount "$M" 2>/dev/null
	mount -t tmpfs -o "size=$1,mode=0755" tmpfs "$M" || { fail "mount tmpfs"; exit 1; }
}
only() {	# only DESC NAMES: $M holds exactly NAMES (sorted, blank-separated)
	got=$(ls -A "$M" | LC_ALL=C sort | tr '\n' ' ')
	if [ "$got" = "$2 " ]; then
		pass "$1: no temporary file left"
	else
		fail "$1: $M holds: $got"
	fi
}

# export over an existing file on a full disk
for free in 0 8; do
	tmpfs 256k
	printf 'the old change request\n' >"$M/cr.md"
	cp "$M/cr.md" "$T/old.md"
	fill $free
	bounded "$PORTPLAN" export $EXPORT_ARGS --format md -o "$M/cr.md" --force
	desc="export --force on a full disk ($free KB free)"
	check_run "$desc" && { [ "$rc" -eq 1 ] && pass "$desc: exit 1" || fail "$desc: exit $rc"; }
	grep -qF "portplan: $M/cr.md: " "$T/err" && pass "$desc: the file is named" ||
		fail "$desc: message: $(cat "$T/err")"
	cmp -s "$M/cr.md" "$T/old.md" && pass "$desc: the old file is intact" || fail "$desc: the old file changed"
	only "$desc" "cr.md filler"
done

# export to a new file on a full disk: no file at all
tmpfs 256k
fill 8
bounded "$PORTPLAN" export $EXPORT_ARGS --format csv -o "$M/new.csv"
desc="export to a new file on a full disk"
check_run "$desc" && { [ "$rc" -eq 1 ] && pass "$desc: exit 1" || fail "$desc: exit $rc"; }
[ ! -e "$M/new.csv" ] && pass "$desc: no file left" || fail "$desc: a file was left"
only "$desc" "filler"

# plan save over an existing plan (with --force, and the plan being edited)
tmpfs 256k
"$PORTPLAN" save --product bems --feature ssl -o "$M/plan.portplan" 2>"$T/err" ||
	fail "saving the first plan: $(cat "$T/err")"
cp "$M/plan.portplan" "$T/old.portplan"
fill 0
bounded "$PORTPLAN" save --product bluemind --product mis -o "$M/plan.portplan" --force
desc="save --force on a full disk"
check_run "$desc" && { [ "$rc" -eq 1 ] && pass "$desc: exit 1" || fail "$desc: exit $rc"; }
cmp -s "$M/plan.portplan" "$T/old.portplan" && pass "$desc: the old plan is intact" || fail "$desc: the old plan changed"
only "$desc" "filler plan.portplan"
bounded "$PORTPLAN" save "$M/plan.portplan" --product bluemind --title "Edited" -o "$M/plan.portplan"
desc="saving the edited plan in place on a full disk"
check_run "$desc" && { [ "$rc" -eq 1 ] && pass "$desc: exit 1" || fail "$desc: exit $rc: $(cat "$T/err")"; }
cmp -s "$M/plan.portplan" "$T/old.portplan" && pass "$desc: the old plan is intact" || fail "$desc: the old plan changed"
only "$desc" "filler plan.portplan"
bounded "$PORTPLAN" check "$M/plan.portplan"
[ "$rc" -eq 0 ] && pass "the old plan still loads" || fail "the old plan does not load: $(cat "$T/err")"

# the catalog cache on a full disk, from the start or in the middle of
# the build (the tables, the indexes, the commit): built in memory
# instead, with a warning, and nothing left behind (no temporary, no
# journal)
for free in 0 16 64 160 400 800; do
	tmpfs 4m
	mkdir -p "$M/cache/portplan"
	fill $free
	bounded env XDG_CACHE_HOME="$M/cache" "$PORTPLAN" export $EXPORT_ARGS --format md
	desc="cold cache on a full disk ($free KB free)"
	if check_run "$desc"; then
		[ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/ref.md" && pass "$desc: correct output" ||
			fail "$desc: exit $rc: $(head -c 300 "$T/err")"
		grep -q 'warning:.*in memory' "$T/err" && pass "$desc: a warning" ||
			fail "$desc: no warning: $(head -c 300 "$T/err")"
	fi
	ls -A "$M/cache/portplan" 2>/dev/null | grep -q . &&
		fail "$desc: left in the cache dir: $(ls -A "$M/cache/portplan")" ||
		pass "$desc: nothing left in the cache directory"
done

# a read-only cache directory (even for root): a cold cache, a fresh cache
# and a stale cache
for state in cold fresh stale; do
	tmpfs 4m
	mkdir -p "$M/cache/portplan"
	case $state in
	fresh) cp "$T/good.sqlite" "$M/cache/portplan/catalog.sqlite" ;;
	stale) [ -f "$T/stale.sqlite" ] || continue
	       cp "$T/stale.sqlite" "$M/cache/portplan/catalog.sqlite" ;;
	esac
	before=$(snapshot "$M")
	# read-only for this mount (a bind remount also works in a user namespace)
	mount -o remount,ro,bind "$M" 2>/dev/null || mount -o remount,ro "$M" ||
		{ fail "remount read-only"; continue; }
	if touch "$M/probe" 2>/dev/null; then
		fail "$M is still writable after the read-only remount"
		continue
	fi
	bounded env XDG_CACHE_HOME="$M/cache" "$PORTPLAN" export $EXPORT_ARGS --format md
	desc="$state cache in a read-only directory"
	if check_run "$desc"; then
		if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/ref.md"; then
			pass "$desc: correct output"
		else
			fail "$desc: exit $rc: $(head -c 300 "$T/err")"
		fi
		if [ "$state" = fresh ]; then
			grep -q 'warning' "$T/err" && fail "$desc: a warning: $(cat "$T/err")" || pass "$desc: used without a warning"
		else
			grep -q 'warning' "$T/err" && pass "$desc: a warning: $(head -c 200 "$T/err")" || fail "$desc: no warning"
		fi
	fi
	[ "$before" = "$(snapshot "$M")" ] && pass "$desc: unchanged" || fail "$desc: the directory changed"
done
umount "$M" 2>/dev/null
exit 0
EOF

# a stale cache: a portplan cache built from other sources
if have_sql; then
	cp "$T/good.sqlite" "$T/stale.sqlite"
	sql "$T/stale.sqlite" "UPDATE meta SET value = 'v0;stale' WHERE key = 'sources'" >/dev/null
fi

diskfull=skipped
if [ -n "$ns" ]; then
	# shellcheck disable=SC2086
	OUTER_T=$T EXPORT_ARGS=$EXPORT_ARGS PORTPLAN_DATADIR=$PORTPLAN_DATADIR \
		$ns sh "$T/inner.sh" >"$T/inner.out" 2>&1
	cat "$T/inner.out"
	n=$(grep -c '^FAIL' "$T/inner.out")
	failures=$((failures + n))
	grep -q '^ok' "$T/inner.out" && diskfull=run || fail "the mount-namespace tests printed nothing"
else
	echo "SKIP: full disk and read-only mounts: unshare -m / mount not permitted here"
fi

# ---- 2. unwritable cache locations ---------------------------------------------------
printf 'a regular file\n' >"$T/regular"
export_ok "XDG_CACHE_HOME below a regular file" XDG_CACHE_HOME="$T/regular/sub" &&
	{ grep -q 'warning:.*in memory' "$T/err" && pass "below a regular file: a warning" ||
	  fail "below a regular file: no warning: $(cat "$T/err")"; }
cmp -s "$T/regular" - <<EOF && pass "the regular file is untouched" || fail "the regular file changed"
a regular file
EOF
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T/ro/portplan"
	chmod 0555 "$T/ro/portplan"
	export_ok "cache directory mode 0555" XDG_CACHE_HOME="$T/ro" &&
		{ grep -q 'warning' "$T/err" && pass "mode 0555: a warning" || fail "mode 0555: no warning"; }
	[ -z "$(ls -A "$T/ro/portplan")" ] && pass "mode 0555: nothing written" || fail "mode 0555: files written"
	chmod 0755 "$T/ro/portplan"
else
	echo "note: running as root: the mode 0555 test is replaced by the read-only mount above"
fi
mkdir -p "$T/isdir/portplan/catalog.sqlite"
export_ok "a directory where the cache file should be" XDG_CACHE_HOME="$T/isdir" &&
	{ grep -q 'warning' "$T/err" && pass "directory as cache: a warning" || fail "directory as cache: no warning"; }
no_temp "$T/isdir/portplan" "directory as cache"

# ---- 3. corrupt and foreign files where the cache should be ---------------------------
# corrupt NAME: replaces the cache by a damaged one, runs an export, checks
# the output and that the cache was rebuilt
corrupt() {
	export_ok "cache: $1" && { cache_valid "cache: $1"; no_temp "$cache" "cache: $1"; }
	cp "$T/good.sqlite" "$db"
}
head -c 100000 /dev/urandom >"$db"; corrupt "random bytes"
head -c 8192 "$T/good.sqlite" >"$db"; corrupt "truncated to 8 KB"
head -c 100 "$T/good.sqlite" >"$db"; corrupt "truncated inside the header"
: >"$db"; corrupt "zero-length file"
printf 'SQLite format 3\000 but not really\n' >"$db"; corrupt "a fake SQLite header"
# damaged pages inside the file, the header and the meta table intact
cp "$T/good.sqlite" "$db"
size=$(wc -c <"$db")
off=12288
while [ $off -lt "$size" ]; do
	printf '\336\255\276\357\336\255\276\357\336\255\276\357\336\255\276\357' |
		dd of="$db" bs=1 seek=$((off + 200)) conv=notrunc 2>/dev/null
	off=$((off + 16384))
done
corrupt "damaged pages (header and meta table intact)"
if have_sql; then
	rm -f "$db"
	sql "$db" "PRAGMA application_id=42; CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
		INSERT INTO meta VALUES ('sources', 'x'); CREATE TABLE notes(t TEXT);
		INSERT INTO notes VALUES ('someone else''s data')" >/dev/null
	corrupt "a foreign SQLite database (application_id 42)"
	rm -f "$db"
	sql "$db" "CREATE TABLE flow(x); INSERT INTO flow VALUES (1)" >/dev/null
	corrupt "a plain SQLite database"
	# a portplan cache claiming to be fresh for other sources
	cp "$T/good.sqlite" "$db"
	sql "$db" "UPDATE meta SET value = 'v0;stale' WHERE key = 'sources'" >/dev/null
	corrupt "a cache of other sources"
	# a doctored cache, fresh for the sources: what it holds is cleaned
	# and checked again when read (texts, ids, port lists, conditions)
	doctor() {	# doctor DESC SQL: DESC is refused, named, and rebuilt next time
		cp "$T/good.sqlite" "$db"
		sql "$db" "$2" >/dev/null
		# shellcheck disable=SC2086
		bounded "$PORTPLAN" export $EXPORT_ARGS --format csv
		if check_run "doctored cache: $1"; then
			[ "$rc" -eq 1 ] && grep -qF "portplan: $db: the catalog cache was changed outside portplan" "$T/err" &&
				pass "doctored cache: $1: refused: $(head -c 200 "$T/err")" ||
				fail "doctored cache: $1: exit $rc: $(head -c 300 "$T/err")"
			expect_clean "$T/err" "doctored cache: $1: clean message"
		fi
		export_ok "doctored cache: $1: the next run rebuilds it"
	}
	doctor "port list 1-99999" "UPDATE flow SET ports = '1-99999' WHERE ports = '443'"
	doctor "port list garbage" "UPDATE flow SET ports = '443;rm -rf' WHERE ports = '443'"
	doctor "protocol 0" "UPDATE flow SET proto = 0 WHERE ports = '443'"
	doctor "an endpoint id with an escape" "UPDATE endpoint SET id = 'ad' || char(27) || '[2J' WHERE id = 'ad'"
	doctor "a condition" "UPDATE flow SET cond = cond || ' &' WHERE cond <> ''"
	doctor "a zone id" "UPDATE endpoint SET zone = 'dmz zone' WHERE zone = 'dmz'"
	# escapes and invisible characters in texts: cleaned, not refused
	cp "$T/good.sqlite" "$db"
	sql "$db" "UPDATE text SET value = 'Evil ' || char(27) || ']0;pwned' || char(7) || ' ' || char(8238) || 'label' || char(8203) WHERE field IN ('label', 'purpose')" >/dev/null
	for cmd in "list products" "list features --product bems" "export $EXPORT_ARGS --format csv" "export $EXPORT_ARGS --format md"; do
		# shellcheck disable=SC2086
		bounded "$PORTPLAN" $cmd
		if check_run "doctored texts: $cmd"; then
			[ "$rc" -eq 0 ] && grep -q 'Evil' "$T/out" && pass "doctored texts: $cmd: shown" ||
				fail "doctored texts: $cmd: exit $rc: $(head -c 200 "$T/err")"
			expect_clean "$T/out" "doctored texts: $cmd: cleaned" yes
		fi
	done
	cp "$T/good.sqlite" "$db"
else
	echo "note: neither sqlite3 nor python3: foreign-database tests skipped"
fi
# a leftover journal of garbage next to a good cache
cp "$T/good.sqlite" "$db"
head -c 5000 /dev/urandom >"$db-journal"
export_ok "a garbage -journal next to the cache" && cache_valid "garbage journal"
rm -f "$db-journal"
# the cache path is a symbolic link: the link is replaced, never its target
printf 'victim\n' >"$T/victim"
rm -f "$db"
ln -s "$T/victim" "$db"
export_ok "cache path is a symbolic link to another file"
[ "$(cat "$T/victim")" = victim ] && pass "the symbolic link's target is untouched" ||
	fail "the symbolic link's target was overwritten"
rm -f "$db"
cp "$T/good.sqlite" "$db"

# ---- 4. sources that change after the cache was built ---------------------------------
site=$XDG_DATA_HOME/portplan/catalog
mkdir -p "$site"
site_xml() {	# site_xml PORT [EXTRA-ATTRIBUTE]
	cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<catalog format="1">
  <product id="site" vendor="Site">
    <label>Site product</label>
    <endpoint id="site" zone="dmz"><label>Site server</label></endpoint>
    <flow id="web" from="site" to="ad" proto="tcp" ports="$1" doc="Site doc" section="1"${2:-}>
      <purpose>Site flow</purpose>
    </flow>
  </product>
</catalog>
EOF
}
site_xml 1111 >"$site/site.xml"
expect_exit 0 "export with a user catalog" -- "$PORTPLAN" export --product site --format csv
expect_grep '"1111"' "$T/out" "the user catalog's port is used"
ino1=$(ls -i "$db" | cut -d' ' -f1)
# same size, same modification time: only the content tells
touch -r "$site/site.xml" "$T/stamp"
site_xml 2222 >"$site/site.xml"
touch -r "$T/stamp" "$site/site.xml"
expect_exit 0 "export after the source changed (same size and time)" -- "$PORTPLAN" export --product site --format csv
expect_grep '"2222"' "$T/out" "the changed port is used"
expect_no_grep '"1111"' "$T/out" "the old port is gone"
[ "$(ls -i "$db" | cut -d' ' -f1)" != "$ino1" ] && pass "the cache was rebuilt" || fail "the cache was not rebuilt"
cache_valid "after a source changed"
# a new source, then a removed one
site_xml 3333 | sed 's/"site"/"site2"/g; s/id="web"/id="web2"/' >"$site/site2.xml"
expect_exit 0 "a source added" -- "$PORTPLAN" list products
expect_grep '^site2 ' "$T/out" "the new product is listed"
rm -f "$site/site2.xml"
expect_exit 0 "a source removed" -- "$PORTPLAN" list products
expect_no_grep '^site2 ' "$T/out" "the removed product is gone"

# ---- 5. a broken source after a good build --------------------------------------------
expect_exit 0 "a good build" -- "$PORTPLAN" list products
cp "$db" "$T/before.sqlite"
site_xml 2222 ' proto-bogus="1"' >"$site/site.xml"
expect_exit 1 "check with a broken source" -- "$PORTPLAN" check
expect_grep "^portplan: $site/site.xml:6: " "$T/err" "check names the file and line"
cmp -s "$db" "$T/before.sqlite" && pass "check leaves the cache byte-identical" || fail "check changed the cache"
expect_exit 1 "list with a broken source" -- "$PORTPLAN" list products
expect_grep "^portplan: $site/site.xml:6: " "$T/err" "list names the file and line"
cmp -s "$db" "$T/before.sqlite" && pass "list leaves the cache byte-identical" || fail "list changed the cache"
no_temp "$cache" "broken source"
expect_exit 1 "export with a broken source" -- "$PORTPLAN" export --product bems -o "$T/cr.md"
[ ! -e "$T/cr.md" ] && pass "no change request from a broken catalog" || fail "a change request was written"
cmp -s "$db" "$T/before.sqlite" && pass "export leaves the cache byte-identical" || fail "export changed the cache"
site_xml 2222 >"$site/site.xml"
expect_exit 0 "fixed source" -- "$PORTPLAN" export --product site --format csv
expect_grep '"2222"' "$T/out" "the fixed source is used"
rm -rf "$site"

# ---- 6. two processes at once on a cold cache -------------------------------------------
mkdir -p "$T/par"
bad=0
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	rm -rf "$cache"
	# shellcheck disable=SC2086
	"$PORTPLAN" export $EXPORT_ARGS --format md >"$T/par/a" 2>"$T/par/ea" & pa=$!
	# shellcheck disable=SC2086
	"$PORTPLAN" export $EXPORT_ARGS --format md >"$T/par/b" 2>"$T/par/eb" & pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	if [ $ra -ne 0 ] || [ $rb -ne 0 ] || ! cmp -s "$T/par/a" "$T/ref.md" || ! cmp -s "$T/par/b" "$T/ref.md"; then
		bad=$((bad + 1))
		fail "cold cache, pair $i: exits $ra/$rb: $(head -c 200 "$T/par/ea") $(head -c 200 "$T/par/eb")"
	fi
	if [ -s "$T/par/ea" ] || [ -s "$T/par/eb" ]; then
		fail "cold cache, pair $i: messages: $(head -c 200 "$T/par/ea") $(head -c 200 "$T/par/eb")"
	fi
	ls -A "$cache" | grep -q tmp && { bad=$((bad + 1)); fail "cold cache, pair $i: temporary left: $(ls -A "$cache")"; }
done
[ $bad -eq 0 ] && pass "20 pairs of processes on a cold cache: identical, correct outputs"
cache_valid "after the parallel builds"
expect_exit 0 "the cache works after the parallel builds" -- "$PORTPLAN" export $EXPORT_ARGS --format csv
cmp -s "$T/out" "$T/ref.csv" && pass "CSV after the parallel builds is correct" || fail "CSV after the parallel builds differs"

# ---- 7. one plan saved by two processes at once -------------------------------------------
"$PORTPLAN" save --product bems --feature ssl --title "Plan A" -o "$T/refA.portplan" 2>"$T/err" || fail "plan A: $(cat "$T/err")"
"$PORTPLAN" save --product bluemind --product mis --product forcepoint --title "Plan B, longer" \
	-o "$T/refB.portplan" 2>"$T/err" || fail "plan B: $(cat "$T/err")"
bad=0
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	p=$T/par/plan.portplan
	rm -f "$p"
	[ $((i % 2)) -eq 0 ] && force=--force || force=
	"$PORTPLAN" save --product bems --feature ssl --title "Plan A" -o "$p" $force 2>"$T/par/ea" & pa=$!
	"$PORTPLAN" save --product bluemind --product mis --product forcepoint --title "Plan B, longer" \
		-o "$p" $force 2>"$T/par/eb" & pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	if ! cmp -s "$p" "$T/refA.portplan" && ! cmp -s "$p" "$T/refB.portplan"; then
		bad=$((bad + 1))
		fail "plan saved twice at once ($i${force:+, --force}): neither plan A nor plan B: $(head -c 200 "$p")"
	fi
	if [ -n "$force" ]; then
		[ $ra -eq 0 ] && [ $rb -eq 0 ] || { bad=$((bad + 1)); fail "save --force pair $i: exits $ra/$rb"; }
	else
		# without --force exactly one wins; the other says the file exists
		if [ $((ra + rb)) -ne 1 ]; then
			bad=$((bad + 1)); fail "save pair $i without --force: exits $ra/$rb"
		elif { [ $ra -eq 0 ] && ! cmp -s "$p" "$T/refA.portplan"; } ||
		     { [ $rb -eq 0 ] && ! cmp -s "$p" "$T/refB.portplan"; }; then
			bad=$((bad + 1)); fail "save pair $i without --force: the file is not the winner's"
		fi
	fi
	ls -A "$T/par" | grep -q 'tmp' && { bad=$((bad + 1)); fail "save pair $i: temporary left: $(ls -A "$T/par")"; }
done
[ $bad -eq 0 ] && pass "20 pairs of concurrent saves: always one complete plan"
expect_exit 0 "the plan saved last loads" -- "$PORTPLAN" check "$T/par/plan.portplan"

if [ "$failures" -eq 0 ] && [ "$diskfull" = skipped ]; then
	exit 77
fi
finish
