#!/bin/sh
# The planner's keys come from one table (src/tui/actions.def): no key has
# two actions in one place, and the man page's key list (between the
# .\" BEGIN KEYS and .\" END KEYS lines of man/portplan.1) is the table.
# After changing the table: src/tui/portplan-keys --update man/portplan.1
. "$(dirname "$0")/lib.sh"

keys="$TESTS_BUILDDIR/../src/tui/portplan-keys"
man="$TESTS_SRCDIR/../man/portplan.1"

expect_exit 0 "no key is bound twice in one context" -- "$keys" --check
expect_exit 0 "the key table prints" -- "$keys"
cp "$T/out" "$T/table"
expect_grep '^\.SS Everywhere$' "$T/table" "sections"
expect_grep '^\.B "q, F10"$' "$T/table" "keys"

if ! grep -q '^\.\\" BEGIN KEYS' "$man" || ! grep -q '^\.\\" END KEYS' "$man"; then
	fail "man/portplan.1 has no .\\\" BEGIN KEYS / .\\\" END KEYS block"
else
	sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' "$man" | sed '1d;$d' >"$T/man"
	if cmp -s "$T/man" "$T/table"; then
		pass "the man page lists the keys of the action table"
	else
		fail "the man page's key list differs from the action table (run: src/tui/portplan-keys --update man/portplan.1):
$(diff "$T/man" "$T/table" | head -20)"
	fi
	# --update rewrites only the block
	cp "$man" "$T/copy.1"
	expect_exit 0 "--update" -- "$keys" --update "$T/copy.1"
	sed '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/d' "$man" >"$T/outside.man"
	sed '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/d' "$T/copy.1" >"$T/outside.copy"
	cmp -s "$T/outside.man" "$T/outside.copy" && pass "--update leaves the rest of the page alone" ||
		fail "--update changed the page outside the block"
fi
if command -v groff >/dev/null 2>&1 && grep -q '^\.\\" BEGIN KEYS' "$man"; then
	groff -man -Tutf8 -ww "$man" >/dev/null 2>"$T/groff.err"
	[ ! -s "$T/groff.err" ] && pass "the man page formats without warnings" ||
		fail "groff warnings: $(head -5 "$T/groff.err")"
fi
finish
