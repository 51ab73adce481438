#!/bin/sh
# CLI exit codes and messages for user and data errors (tests/cli-basics.sh
# has the common ones): a broken catalog, unknown names, unusable output
# paths, a --db that is not a catalog cache; nothing is ever left behind
# or destroyed.
. "$(dirname "$0")/lib.sh"

cache=$XDG_CACHE_HOME/portplan
# snapshot: the cache directory's names and checksums
snapshot() {
	(cd "$cache" 2>/dev/null && ls -A | sort && cat ./* 2>/dev/null | cksum)
}

# A warm cache from the bundled catalog.
expect_exit 0 "list products builds the cache" -- "$PORTPLAN" list products
[ -f "$cache/catalog.sqlite" ] && pass "cache built" || fail "no cache at $cache/catalog.sqlite"
snapshot >"$T/cache.before"

# ---- check --catalog DIR with a broken file --------------------------------
mkdir -p "$T/site"
cat >"$T/site/acme.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<catalog format="1">
  <product id="acme" vendor="ACME">
    <label>ACME</label>
    <endpoint id="acme" zone="dmz"><label>ACME server</label></endpoint>
    <flow id="web" from="internet-clients" to="acme" proto="tcp" ports="443,70000"
          doc="acme.pdf" section="Ports"><purpose>Web access</purpose></flow>
  </product>
</catalog>
EOF
expect_exit 1 "check --catalog with a port out of range" -- "$PORTPLAN" check --catalog "$T/site"
expect_grep "^portplan: $T/site/acme.xml:[67]: flow \"web\": invalid port near \"70000\"" "$T/err" \
	"the error names file:line and the problem"
[ -s "$T/out" ] && fail "check printed on stdout after an error: $(cat "$T/out")" ||
	pass "nothing on stdout"
snapshot >"$T/cache.after"
cmp -s "$T/cache.before" "$T/cache.after" && pass "check left the cache alone" ||
	fail "check changed the cache: $(diff "$T/cache.before" "$T/cache.after")"

# the same broken directory for export: exit 1, no output, cache intact
expect_exit 1 "export with a broken --catalog" -- \
	"$PORTPLAN" export --catalog "$T/site" --product bems -o "$T/cr.md"
expect_grep "acme.xml:[67]: flow \"web\"" "$T/err" "export names the broken file"
[ ! -e "$T/cr.md" ] && pass "no output file" || fail "output file written from a broken catalog"
snapshot >"$T/cache.after"
cmp -s "$T/cache.before" "$T/cache.after" && pass "a bad source leaves the cache intact" ||
	fail "a bad source changed the cache"
expect_exit 0 "the previous catalog still works" -- "$PORTPLAN" list products
expect_grep '^bems ' "$T/out" "bems still listed"

# fixed: check passes and names both directories
sed -i 's/443,70000/443/' "$T/site/acme.xml"
expect_exit 0 "check --catalog after the fix" -- "$PORTPLAN" check --catalog "$T/site"
expect_grep "^$T/site: catalog OK" "$T/out" "the site directory is reported OK"

# other broken files: malformed, DOCTYPE, unknown reference
mkdir -p "$T/bad1" "$T/bad2" "$T/bad3"
printf '<?xml version="1.0"?>\n<catalog format="1">\n<zone id="lab"><label>Lab</label>\n</catalog>\n' \
	>"$T/bad1/lab.xml"
expect_exit 1 "malformed XML" -- "$PORTPLAN" check --catalog "$T/bad1"
expect_grep "lab.xml:4: " "$T/err" "malformed XML: file:line"
printf '<?xml version="1.0"?>\n<!DOCTYPE catalog [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<catalog format="1"><zone id="lab"><label>&x;</label></zone></catalog>\n' \
	>"$T/bad2/xxe.xml"
expect_exit 1 "external entity" -- "$PORTPLAN" check --catalog "$T/bad2"
expect_grep "xxe.xml:2: DOCTYPE" "$T/err" "DOCTYPE refused at its line"
expect_no_grep "root:" "$T/err" "/etc/passwd is not read"
sed 's/to="acme"/to="nowhere"/; s/443,70000/443/' "$T/site/acme.xml" >"$T/bad3/acme.xml"
expect_exit 1 "unknown endpoint" -- "$PORTPLAN" check --catalog "$T/bad3"
expect_grep 'acme.xml:[67]: flow "web": unknown endpoint "nowhere" in to' "$T/err" \
	"unknown endpoint named"
expect_exit 1 "missing catalog directory" -- "$PORTPLAN" check --catalog "$T/no-such-dir"
expect_grep "no-such-dir: cannot open catalog directory" "$T/err" "missing directory named"

# control and bidirectional characters from a file never reach the terminal
mkdir -p "$T/bad4"
printf '<?xml version="1.0"?>\n<catalog format="1">\n<zone id="l\302\233[31m\342\200\256x"><label>Lab</label></zone>\n</catalog>\n' \
	>"$T/bad4/lab.xml"
expect_exit 1 "schema error quoting hostile text" -- "$PORTPLAN" check --catalog "$T/bad4"
expect_grep "lab.xml:3: .*'l\\[31mx'" "$T/err" "schema error: file:line and the value"
if LC_ALL=C grep -q "$(printf '\302\233\|\342\200\256\|\033')" "$T/err"; then
	fail "control or bidi characters in the message: $(od -c "$T/err" | head -5)"
else
	pass "the message is cleaned"
fi

# ... nor do they through a file name
mkdir -p "$T/bad5"
printf '<catalog>' >"$T/bad5/$(printf 'e\033[31mvil\342\200\256.xml')"
expect_exit 1 "broken file with control characters in its name" -- "$PORTPLAN" check --catalog "$T/bad5"
if LC_ALL=C grep -q "$(printf '\342\200\256\|\033')" "$T/err"; then
	fail "control or bidi characters from a file name in the message"
else
	pass "the file name is cleaned"
fi
expect_grep 'vil' "$T/err" "the file is still named"

# ---- unknown names ---------------------------------------------------------
expect_exit 1 "list --product unknown" -- "$PORTPLAN" list flows --product nosuch
expect_grep '^portplan: unknown product "nosuch"' "$T/err" "unknown product named"
[ -s "$T/out" ] && fail "list printed a table for an unknown product" || pass "no table"
expect_exit 1 "list --product unknown as CSV" -- "$PORTPLAN" list features --product nosuch --format csv
expect_exit 1 "unknown endpoint in --place" -- "$PORTPLAN" export --product bems --place nosuch=dmz
expect_grep 'unknown endpoint "nosuch"' "$T/err" "unknown endpoint named"
expect_exit 1 "feature of a product not selected" -- "$PORTPLAN" export --product bems --feature mis:ipsec
expect_grep 'product "mis" is not selected' "$T/err" "product of the feature named"

# ---- output paths ----------------------------------------------------------
mkdir -p "$T/outdir"
expect_exit 1 "export to a directory" -- "$PORTPLAN" export --product bems -o "$T/outdir"
expect_grep "$T/outdir: .*directory" "$T/err" "the directory is named"
[ -z "$(ls -A "$T/outdir")" ] && pass "nothing written into the directory" ||
	fail "files left in the directory: $(ls -A "$T/outdir")"
expect_exit 1 "export to a directory with --force" -- "$PORTPLAN" export --product bems -o "$T/outdir" --force
[ -d "$T/outdir" ] && pass "--force does not replace a directory" || fail "directory replaced"

expect_exit 1 "export into a missing directory" -- "$PORTPLAN" export --product bems -o "$T/missing/cr.md"
expect_grep "$T/missing" "$T/err" "the missing directory is named"
[ ! -e "$T/missing" ] && pass "the directory is not created" || fail "$T/missing created"

expect_exit 1 "list into a missing directory" -- "$PORTPLAN" list products -o "$T/missing/p.txt"

# ---- --db ------------------------------------------------------------------
# A file that is not a catalog cache (here: someone's notes) is never
# overwritten: the user named it, portplan did not create it.
printf 'my notes\nline two\n' >"$T/notes.txt"
cp "$T/notes.txt" "$T/notes.orig"
"$PORTPLAN" list products --db "$T/notes.txt" >"$T/out" 2>"$T/err"
rc=$?
cmp -s "$T/notes.txt" "$T/notes.orig" && pass "--db: a foreign file is left intact" ||
	fail "--db: the foreign file $T/notes.txt was overwritten (exit $rc)"
[ "$rc" -eq 1 ] && pass "--db foreign file is a data error (exit 1)" ||
	fail "--db foreign file: exit $rc, expected 1"
grep -q "notes.txt" "$T/err" && pass "--db: the file is named" ||
	fail "--db: the file is not named: $(cat "$T/err")"

# a --db whose directory cannot exist: works from memory, with a warning
printf 'x' >"$T/plainfile"
expect_exit 0 "--db in an impossible place" -- "$PORTPLAN" list products --db "$T/plainfile/c.sqlite"
expect_grep "^portplan: warning: .*in memory" "$T/err" "warning about the in-memory catalog"
expect_grep '^bems ' "$T/out" "products listed anyway"

# a --db that is a directory
mkdir -p "$T/dbdir"
"$PORTPLAN" list products --db "$T/dbdir" >"$T/out" 2>"$T/err"
rc=$?
[ -d "$T/dbdir" ] && [ -z "$(ls -A "$T/dbdir")" ] && pass "--db directory left alone" ||
	fail "--db directory changed: $(ls -A "$T/dbdir")"
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] && pass "--db directory: exit $rc" || fail "--db directory: exit $rc"

finish
