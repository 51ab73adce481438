#!/bin/sh
# run-scenario.sh FILE.scn: exports the scenario as CSV and compares the set
# of rules with the one worked out by hand (format: tests/scenarios/README.md).
. "$(dirname "$0")/lib.sh"

scn=$1
args=$(sed -n 's/^args[[:space:]]\{1,\}//p' "$scn" | tr '\n' ' ')
[ -n "$args" ] || { echo "no args line in $scn" >&2; exit 99; }

# shellcheck disable=SC2086
if ! "$PORTPLAN" export $args --format csv -o "$T/out.csv" 2>"$T/err"; then
	echo "portplan export $args failed: $(cat "$T/err")" >&2
	exit 1
fi

# CSV -> "section src_zone dst_zone src dst proto ports" lines.  The fields
# we need never contain commas or quotes, so a quote-aware split suffices.
python3 - "$T/out.csv" >"$T/got" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        print(row['section'], row['source_zone'], row['destination_zone'],
              row['source'], row['destination'], row['protocol'],
              row['ports'] or '-')
PY
sed -n 's/^rule[[:space:]]\{1,\}//p' "$scn" | sed 's/[[:space:]]*#.*//; s/[[:space:]]\{1,\}/ /g; s/ $//' | sort >"$T/want"
sort "$T/got" -o "$T/got"

rc=0
if ! diff -u "$T/want" "$T/got" >"$T/diff"; then
	echo "rules differ from the hand-worked set in $scn (- expected, + exported):" >&2
	cat "$T/diff" >&2
	rc=1
fi
# absent SRC DST PROTO PORTS
sed -n 's/^absent[[:space:]]\{1,\}//p' "$scn" | sed 's/[[:space:]]*#.*//' |
while read -r src dst proto ports; do
	if awk -v s="$src" -v d="$dst" -v p="$proto" -v o="$ports" \
		'$4 == s && $5 == d && $6 == p && $7 == o { found = 1 } END { exit !found }' "$T/got"; then
		echo "rule that must be absent is present: $src $dst $proto $ports" >&2
		exit 1
	fi
done || rc=1
[ "$rc" -eq 0 ] && echo "ok: $(grep -c . "$T/want") rules as worked out by hand"
exit $rc
