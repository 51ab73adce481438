#!/bin/sh
# CLI contract: help, version, exit codes, messages, no file left behind.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "--help" -- "$PORTPLAN" --help
expect_grep '^Usage: portplan' "$T/out" "--help prints the usage"
expect_grep 'md +Markdown' "$T/out" "--help lists the export formats from the registry"
expect_exit 0 "--version" -- "$PORTPLAN" --version
expect_grep '^portplan [0-9]' "$T/out" "--version prints name and version"

expect_exit 2 "unknown option is a usage error" -- "$PORTPLAN" export --bogus
expect_grep 'unknown option "--bogus"' "$T/err" "unknown option is named"
expect_exit 2 "unknown format is a usage error" -- "$PORTPLAN" export --product bems --format pdf
expect_exit 2 "list without a subject" -- "$PORTPLAN" list
expect_exit 2 "--place without =" -- "$PORTPLAN" export --product bems --place bems

expect_exit 1 "unknown product is a data error" -- "$PORTPLAN" export --product nosuch
expect_grep 'unknown product "nosuch"' "$T/err" "unknown product is named"
expect_exit 1 "unknown feature" -- "$PORTPLAN" export --product bems --feature nosuch
expect_grep 'no selected product has a feature "nosuch"' "$T/err" "unknown feature is named"
expect_exit 1 "unknown zone" -- "$PORTPLAN" export --product bems --place bems=mars
expect_exit 1 "invalid address" -- "$PORTPLAN" export --product bems --address bems=10.0.0.300
expect_grep '10.0.0.300' "$T/err" "invalid address is quoted"
expect_exit 1 "nothing selected" -- "$PORTPLAN" export

# A failed export leaves no file behind.
expect_exit 1 "failed export to a file" -- "$PORTPLAN" export --product nosuch -o "$T/cr.md"
[ ! -e "$T/cr.md" ] && pass "no output file after a failure" || fail "output file left behind"
ls "$T" | grep -q 'tmp' && fail "temporary file left behind" || pass "no temporary file left"

# A successful export to a file; a second one refuses to overwrite without --force.
expect_exit 0 "export to a file" -- "$PORTPLAN" export --product bems --feature ssl --place bems=dmz --format md -o "$T/cr.md"
expect_grep '^# Firewall change request' "$T/cr.md" "Markdown title"
cp "$T/cr.md" "$T/cr.before"
expect_exit 1 "existing file is not overwritten" -- "$PORTPLAN" export --product bems --format csv -o "$T/cr.md"
cmp -s "$T/cr.md" "$T/cr.before" && pass "old file intact" || fail "old file changed"
expect_exit 0 "--force overwrites" -- "$PORTPLAN" export --product bems --format csv -o "$T/cr.md" --force
expect_grep '^rule_id,section,boundary' "$T/cr.md" "CSV header"

# Determinism: same input, same bytes.
"$PORTPLAN" export --product bems --feature ssl --place bems=dmz --format csv >"$T/a.csv"
"$PORTPLAN" export --product bems --feature ssl --place bems=dmz --format csv >"$T/b.csv"
cmp -s "$T/a.csv" "$T/b.csv" && pass "CSV export is deterministic" || fail "CSV differs between runs"

# Writing to a full device fails with exit 1.
if [ -w /dev/full ]; then
	"$PORTPLAN" export --product bems >/dev/full 2>"$T/err"
	[ $? -eq 1 ] && pass "write error on stdout is exit 1" || fail "write error on stdout not reported"
fi

expect_exit 0 "list products" -- "$PORTPLAN" list products
expect_grep '^bems +BlackBerry' "$T/out" "bems is listed"
expect_exit 0 "check the bundled catalog" -- "$PORTPLAN" check
finish
