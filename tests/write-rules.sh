#!/bin/sh
# The rules every writer follows (README.md, Security): only regular
# files are written, never through or over a symbolic link, a device, a
# FIFO or a socket, with or without --force (saving a plan back to the
# file it was read from follows a link to it); names up to NAME_MAX work;
# temporaries are removed when a write is interrupted by SIGTERM or
# SIGHUP, and those of a killed (SIGKILL) writer by the next run that
# writes there, never those of a live one.
. "$(dirname "$0")/lib.sh"
H=${TESTS_SRCDIR:-$(dirname "$0")}/hostile
. "$H/common.sh"

W=$T/w
mkdir -p "$W"
# temps DIR: our temporaries (and journals) left in DIR
temps() {
	ls -A "$1" 2>/dev/null | grep '\.portplan-' | tr '\n' ' '
}
no_temps() {	# no_temps DIR DESC
	t=$(temps "$1")
	[ -z "$t" ] && pass "$2: no temporary left" || fail "$2: left in $1: $t"
}

"$PORTPLAN" save --product bems --feature ssl -o "$T/plan.portplan" 2>"$T/err" ||
	fail "saving a plan: $(cat "$T/err")"

# ---- symbolic links ------------------------------------------------------------------
printf 'root:x:0:0:decoy:/root:/bin/sh\n' >"$W/passwd"
cp "$W/passwd" "$T/passwd.orig"
ln -s "$W/passwd" "$W/link.portplan"
ln -s "$W/passwd" "$W/link.md"
ln -s "$W/nothing-yet" "$W/dangling.md"
for force in "" --force; do
	bounded "$PORTPLAN" save --product bems -o "$W/link.portplan" $force
	check_run "save -o LINK $force" &&
		{ [ "$rc" -eq 1 ] && grep -qF "portplan: $W/link.portplan: a symbolic link" "$T/err" &&
		  pass "save -o LINK $force: refused, named: $(head -c 160 "$T/err")" ||
		  fail "save -o LINK $force: exit $rc: $(head -c 300 "$T/err")"; }
	for f in link.md dangling.md; do
		bounded "$PORTPLAN" export --product bems -o "$W/$f" $force
		check_run "export -o $f $force" &&
			{ [ "$rc" -eq 1 ] && grep -qF "portplan: $W/$f: a symbolic link" "$T/err" &&
			  pass "export -o $f $force: refused" ||
			  fail "export -o $f $force: exit $rc: $(head -c 300 "$T/err")"; }
	done
done
cmp -s "$W/passwd" "$T/passwd.orig" && pass "the links' target is untouched" ||
	fail "the links' target was overwritten"
[ -L "$W/link.portplan" ] && [ -L "$W/link.md" ] && [ -L "$W/dangling.md" ] &&
	pass "the links are still links" || fail "a link was replaced"
[ ! -e "$W/nothing-yet" ] && pass "nothing was created through the dangling link" ||
	fail "a file was created through the dangling link"
no_temps "$W" "links"

# saving the plan back to the file it was read from follows its link
cp "$T/plan.portplan" "$W/real.portplan"
ln -s real.portplan "$W/mine.portplan"
expect_exit 0 "save PLAN -o PLAN through a link to it" -- \
	"$PORTPLAN" save "$W/mine.portplan" --title "Edited" -o "$W/mine.portplan"
[ -L "$W/mine.portplan" ] && grep -q '<title>Edited</title>' "$W/real.portplan" &&
	pass "the link is kept and its target saved" || fail "in-place save through a link"
# but another plan saved over a link to it is refused
expect_exit 1 "save OTHER -o LINK --force" -- \
	"$PORTPLAN" save "$T/plan.portplan" -o "$W/mine.portplan" --force
grep -q '<title>Edited</title>' "$W/real.portplan" && pass "the link's target is untouched" ||
	fail "the link's target was replaced"

# ---- devices, FIFOs, directories, empty names ------------------------------------------
# The system's own nodes are never the targets: an old or broken portplan
# run as root would replace them (an old one once replaced /dev/null and
# /dev/full with regular files).  Nodes and links made here stand in.
mkfifo "$W/fifo.md"
ln -s /proc/self/fd/1 "$W/stdout"	# what /dev/stdout is
targets="$W/fifo.md $W/stdout"
if [ "$(id -u)" -eq 0 ] && mknod "$W/full" c 1 7 2>/dev/null && mknod "$W/null" c 1 3 2>/dev/null; then
	targets="$targets $W/full $W/null"
	ln -s "$W/full" "$W/link-to-full"
	targets="$targets $W/link-to-full"
else
	echo "note: cannot make device nodes here: only a FIFO and a link stand for them"
fi
for target in $targets; do
	for force in "" --force; do
		for cmd in save export; do
			bounded "$PORTPLAN" $cmd --product bems -o "$target" $force
			desc="$cmd -o $target $force"
			check_run "$desc" || continue
			if [ "$rc" -eq 1 ] && grep -qE "portplan: $target: (not a regular file|a symbolic link)" "$T/err" &&
			   ! grep -q 'file exists' "$T/err"; then
				pass "$desc: refused: $(head -c 120 "$T/err")"
			else
				fail "$desc: exit $rc: $(head -c 300 "$T/err")"
			fi
		done
	done
done
if [ -e "$W/full" ]; then
	[ -c "$W/full" ] && [ -c "$W/null" ] && [ -L "$W/link-to-full" ] &&
		pass "the device nodes are still device nodes" || fail "a device node was replaced"
fi
[ -L "$W/stdout" ] && pass "the link to standard output is still a link" ||
	fail "the link to standard output was replaced"
[ -p "$W/fifo.md" ] && pass "the FIFO is still a FIFO" || fail "the FIFO was replaced"
for cmd in save export; do
	expect_exit 2 "$cmd -o ''" -- "$PORTPLAN" $cmd --product bems -o ''
	expect_grep "needs a file name" "$T/err" "$cmd -o '': says a file name is needed"
done

# ---- long names -------------------------------------------------------------------------
long=$(awk 'BEGIN { for (i = 0; i < 251; i++) printf "n" }')
expect_exit 0 "save to a 251-byte file name" -- "$PORTPLAN" save --product bems -o "$W/$long"
expect_exit 0 "export to a 251-byte file name" -- "$PORTPLAN" export --product bems -o "$W/$long.md"
expect_exit 0 "export --force to a 255-byte file name" -- "$PORTPLAN" export --product bems -o "$W/$long.xyz" --force
no_temps "$W" "long names"

# ---- interrupted writes -------------------------------------------------------------------
# a catalog big enough that building its cache and writing its change
# request take a while (60,000 flows: about 1.5 s and 0.5 s)
BC=$T/bigcat
mkdir -p "$BC"
awk 'BEGIN {
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog format=\"1\">\n  <product id=\"big\" vendor=\"Big\">\n    <label>Big</label>\n    <endpoint id=\"big\" zone=\"dmz\"><label>Big server</label></endpoint>\n"
	for (i = 0; i < 60000; i++)
		printf "    <flow id=\"f%d\" from=\"big\" to=\"ad\" proto=\"tcp\" ports=\"%d\" doc=\"Big doc\" section=\"%d\"><purpose>Purpose of flow %d</purpose></flow>\n", i, i % 65535 + 1, i, i
	printf "  </product>\n</catalog>\n" }' >"$BC/big.xml"

# wait_temp DIR PID: waits (10 s at most) until DIR holds a temporary of
# ours while PID runs; returns 1 if PID ended first
wait_temp() {
	i=0
	while [ $i -lt 1000 ]; do
		[ -n "$(temps "$1")" ] && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

for sig in TERM HUP KILL; do
	kc=$T/kc-$sig
	caught=no
	for try in 1 2 3; do
		rm -rf "$kc"
		XDG_CACHE_HOME=$kc "$PORTPLAN" list products --catalog "$BC" >/dev/null 2>"$T/err" &
		pid=$!
		if wait_temp "$kc/portplan" $pid; then
			kill -$sig $pid
			wait $pid
			rc=$?
			caught=yes
			break
		fi
		wait $pid
	done
	if [ $caught = no ]; then
		fail "SIG$sig during a cache build: the build ended before its temporary was seen"
		continue
	fi
	[ $rc -ge 128 ] && pass "SIG$sig during a cache build: ended by the signal (exit $rc)" ||
		fail "SIG$sig during a cache build: exit $rc"
	if [ $sig != KILL ]; then
		no_temps "$kc/portplan" "SIG$sig during a cache build"
	else
		[ -n "$(temps "$kc/portplan")" ] && pass "SIGKILL leaves a temporary (it cannot be caught)" ||
			fail "SIGKILL: no temporary to sweep (the test did not test)"
		expect_exit 0 "the next run after SIGKILL" -- env XDG_CACHE_HOME="$kc" "$PORTPLAN" list products --catalog "$BC"
		no_temps "$kc/portplan" "the next run after SIGKILL"
	fi
done

# a live build's temporary is left alone by a second process
kc=$T/kc-live
XDG_CACHE_HOME=$kc "$PORTPLAN" list products --catalog "$BC" >"$T/a.out" 2>"$T/a.err" &
pa=$!
if wait_temp "$kc/portplan" $pa; then
	XDG_CACHE_HOME=$kc "$PORTPLAN" list products --catalog "$BC" >"$T/b.out" 2>"$T/b.err"
	rb=$?
	wait $pa
	ra=$?
	[ $ra -eq 0 ] && [ $rb -eq 0 ] && grep -q '^big ' "$T/a.out" &&
		pass "two builds at once: both succeed (the second swept nothing of the first)" ||
		fail "two builds at once: exits $ra/$rb: $(cat "$T/a.err" "$T/b.err" | head -c 300)"
	no_temps "$kc/portplan" "two builds at once"
else
	wait $pa
	fail "live build: its temporary was never seen"
fi

# an export killed while it writes; the next write there sweeps
XDG_CACHE_HOME=$T/kc-live "$PORTPLAN" list products --catalog "$BC" >/dev/null 2>&1	# warm
for sig in TERM HUP KILL; do
	kx=$T/kx-$sig
	mkdir -p "$kx"
	caught=no
	for try in 1 2 3; do
		XDG_CACHE_HOME=$T/kc-live "$PORTPLAN" export --product big --catalog "$BC" -o "$kx/cr.md" --force 2>"$T/err" &
		pid=$!
		if wait_temp "$kx" $pid; then
			kill -$sig $pid
			wait $pid
			caught=yes
			break
		fi
		wait $pid
		rm -f "$kx/cr.md"
	done
	if [ $caught = no ]; then
		fail "SIG$sig during an export: it ended before its temporary was seen"
		continue
	fi
	[ ! -e "$kx/cr.md" ] && pass "SIG$sig during an export: no partial change request" ||
		fail "SIG$sig during an export: a change request was left"
	if [ $sig != KILL ]; then
		no_temps "$kx" "SIG$sig during an export"
	else
		[ -n "$(temps "$kx")" ] || fail "SIGKILL during an export: no temporary to sweep"
		expect_exit 0 "the next export into that directory" -- \
			"$PORTPLAN" export --product bems -o "$kx/other.md"
		no_temps "$kx" "the next export after SIGKILL"
	fi
done

# a temporary whose writer still holds its lock is never swept
if command -v flock >/dev/null 2>&1; then
	kl=$T/kl
	mkdir -p "$kl"
	# one process (sleep) holds the lock: killing it releases the lock
	sh -c 'exec 9>>"$1" && flock -x 9 && exec sleep 30' sh "$kl/.cr.md.portplan-LiVe00.tmp" &
	fl=$!
	i=0
	# until the lock is held (flock -n fails)
	while flock -n "$kl/.cr.md.portplan-LiVe00.tmp" true 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	expect_exit 0 "an export next to a live writer's temporary" -- \
		"$PORTPLAN" export --product bems -o "$kl/cr.md"
	[ -e "$kl/.cr.md.portplan-LiVe00.tmp" ] && pass "the live writer's temporary is kept" ||
		fail "the live writer's temporary was removed"
	kill $fl 2>/dev/null
	wait $fl 2>/dev/null
	expect_exit 0 "an export after that writer ended" -- \
		"$PORTPLAN" export --product bems -o "$kl/cr.md" --force
	no_temps "$kl" "after the writer ended"
else
	echo "note: flock(1) not available: the live-writer check is skipped"
fi
finish
