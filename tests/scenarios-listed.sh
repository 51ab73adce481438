#!/bin/sh
# Every tests/scenarios/*.scn is listed in tests/scenarios.inc (else it
# would silently not run).
. "$(dirname "$0")/lib.sh"
for f in "$TESTS_SRCDIR"/scenarios/*.scn; do
	name="tests/scenarios/$(basename "$f")"
	grep -qF "$name" "$TESTS_SRCDIR/scenarios.inc" && pass "$name listed" ||
		fail "$name is not in tests/scenarios.inc: run tests/update-scenarios.sh"
done
finish
