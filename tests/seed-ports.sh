#!/bin/sh
# Every port in a port table of a seed document is in the catalog, and the
# copies of the seeds in tests/seeds/ match ../shared/seeds/ when present.
. "$(dirname "$0")/lib.sh"
if [ -d "${PORTPLAN_SEEDS:-/nonexistent}" ]; then
	for f in "$PORTPLAN_SEEDS"/0*.txt; do
		cmp -s "$f" "$TESTS_SRCDIR/seeds/$(basename "$f")" &&
			pass "$(basename "$f") matches the shared copy" ||
			fail "$(basename "$f") differs from $f: update tests/seeds/"
	done
fi
python3 "$TESTS_SRCDIR/seed-ports.py" "$TESTS_SRCDIR/seeds" || fail "ports missing from the catalog"
finish
