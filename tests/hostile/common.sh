# tests/hostile/common.sh: helpers shared by hostile.sh, faults.sh and
# output-safety.sh.  Source it after tests/lib.sh.

# Time and memory bounds for one portplan run: 10 s and 1 GB.
# AddressSanitizer reserves terabytes of address space, so `ulimit -v`
# cannot be used with a sanitizer build: its own RSS limit is used
# instead, and the time limit is doubled (ASan's usual slowdown; every
# input the hostile tests use is refused or loaded in under 1 s without
# it, and the inputs that once hit slow paths took 20 s to minutes).
TIME_LIMIT=10
MEM_LIMIT_KB=1048576
if (ulimit -v "$MEM_LIMIT_KB" && exec "$PORTPLAN" --version) >/dev/null 2>&1; then
	SANITIZED=no
else
	SANITIZED=yes
	TIME_LIMIT=20
	ASAN_OPTIONS="hard_rss_limit_mb=$((MEM_LIMIT_KB / 1024))${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
	export ASAN_OPTIONS
fi

# bounded CMD...: runs CMD within TIME_LIMIT seconds and MEM_LIMIT_KB of
# address space, stdin from /dev/null, stdout in $T/out, stderr in $T/err.
# Sets rc (124: time limit reached; 128+N: killed by signal N).
bounded() {
	(
		if [ "$SANITIZED" = no ]; then ulimit -v "$MEM_LIMIT_KB" || exit 125; fi
		exec timeout -k 2 "$TIME_LIMIT" "$@"
	) >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

# check_run DESC: the usual checks after `bounded`: no time-out, no crash,
# no sanitizer report.  Returns 1 when one failed.
check_run() {
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		fail "$1: no result within $TIME_LIMIT s (exit $rc)"
		return 1
	fi
	if [ "$rc" -eq 125 ]; then
		fail "$1: could not set the memory limit"
		return 1
	fi
	if [ "$rc" -ge 128 ]; then
		fail "$1: crashed (exit $rc, signal $((rc - 128))); stderr: $(head -c 400 "$T/err")"
		return 1
	fi
	if grep -qaE 'AddressSanitizer|LeakSanitizer|runtime error:|hard rss limit|out of memory' "$T/err"; then
		fail "$1: sanitizer or memory report: $(grep -aE 'Sanitizer|runtime error|rss|memory' "$T/err" | head -3)"
		return 1
	fi
	return 0
}

# Bytes that must never reach a terminal or a document: C0 controls other
# than LF (and CR when ALLOW_CR=yes, for CSV), DEL, C1 controls (U+0080 to
# U+009F), bidirectional overrides, embeddings, isolates and marks, the
# BOM, and invisible characters: soft hyphen U+00AD, U+180E, zero-width
# space and joiners U+200B-D, line and paragraph separators U+2028/9, word
# joiner and invisible operators U+2060-4, U+206A-F, U+FFF9-B, tag
# characters U+E0000-7F.  Checked on bytes, in UTF-8.
UNSAFE_RE='[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f\xad]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xaf]|\xd8\x9c|\xef\xbb\xbf|\xe1\xa0\x8e|\xef\xbf[\xb9-\xbb]|\xf3\xa0[\x80-\x81]'

# unsafe_bytes FILE [ALLOW_CR]: prints a description of the first unsafe
# byte sequences in FILE (nothing when FILE is clean); invalid UTF-8 counts.
# ALLOW_CR=yes allows CR at the end of a line (CSV's CR LF).
unsafe_bytes() {
	if [ "${2:-no}" = yes ]; then re="$UNSAFE_RE|\\r(?!\$)"; else re="$UNSAFE_RE|\\r"; fi
	if LC_ALL=C grep -qaP "$re" "$1" 2>/dev/null; then
		LC_ALL=C grep -aoP "$re" "$1" | head -3 | od -An -tx1 | head -2 | tr -s " \n" " "
		return
	fi
	if ! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; then
		echo "invalid UTF-8"
	fi
}

# expect_clean FILE DESC [ALLOW_CR]
expect_clean() {
	ec_u=$(unsafe_bytes "$1" "${3:-no}")
	if [ -n "$ec_u" ]; then fail "$2: unsafe bytes in $(basename "$1"): $ec_u"; else pass "$2"; fi
}

# The lines of /etc/passwd that no output may ever contain (XXE).
PASSWD_LINES=$T/passwd-lines
grep -E '^[^:]+:[^:]*:[0-9]+:' /etc/passwd 2>/dev/null >"$PASSWD_LINES" || :
[ -s "$PASSWD_LINES" ] || echo 'root:x:0:0:root:/root:/bin/bash' >"$PASSWD_LINES"

# expect_no_passwd FILE... DESC
expect_no_passwd() {
	np_desc=$1
	shift
	for np_f in "$@"; do
		[ -f "$np_f" ] || continue
		if grep -qaF -f "$PASSWD_LINES" "$np_f"; then
			fail "$np_desc: /etc/passwd content in $(basename "$np_f")"
			return
		fi
	done
}

# snapshot DIR...: a listing of everything under DIRs (type, size, and for
# files modification time and content hash); compare two snapshots to see
# whether anything was written.  Directory times are left out: a temporary
# file created and removed again is allowed.
snapshot() {
	for d in "$@"; do
		[ -e "$d" ] || continue
		find "$d" ! -type f -printf '%p %y\n'
		find "$d" -type f -printf '%p %s %T@\n'
		find "$d" -type f -exec md5sum {} +
	done 2>/dev/null | LC_ALL=C sort
}

# have_grep_p: whether grep -P works (the unsafe-byte checks need it).
have_grep_p() {
	printf 'a\n' | LC_ALL=C grep -qP '\x61' 2>/dev/null
}
