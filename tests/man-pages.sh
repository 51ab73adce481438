#!/bin/sh
# The manual pages stay in step with the program:
# - every option `portplan --help` prints is documented in portplan(1), with
#   the same wording, and every export format of the registry;
# - the example product of portplan-catalog(5) passes `portplan check`;
# - both pages are free of groff warnings (when groff is installed).
. "$(dirname "$0")/lib.sh"

man=${TESTS_SRCDIR:-$(dirname "$0")}/../man
page1=$man/portplan.1
page5=$man/portplan-catalog.5
for f in "$page1" "$page5"; do
	[ -s "$f" ] || { echo "missing or empty: $f" >&2; exit 1; }
done

# The text of a page, roughly as a reader sees it: no comments, no macro
# names, no font changes, escapes resolved, white space collapsed.
plain() {
	sed -e '/^\.\\"/d' -e '/^\./s/"//g' -e 's/^\.[A-Za-z]*[[:space:]]*//' \
	    -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\f\[[^]]*\]//g' \
	    -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\(aq/'"'"'/g' -e 's/\\(dq/"/g' \
	    -e 's/\\e/\\/g' "$1" | tr '\n' ' ' | tr -s ' '
}
plain "$page1" >"$T/page1.txt"

# ---- options of --help -------------------------------------------------------
"$PORTPLAN" --help >"$T/help" || { fail "portplan --help failed"; finish; }

# every long and short option
grep -oE -- '(^|[[:space:],[])--[a-z][a-z-]*' "$T/help" | sed 's/^[^-]*//' | sort -u >"$T/long"
grep -oE -- '^ +-[a-zA-Z],' "$T/help" | sed 's/^ *//; s/,$//' | sort -u >"$T/short"
[ -s "$T/long" ] || fail "no long options found in --help"
while read -r opt; do
	if grep -qE -- "(^|[^a-z-])$opt([^a-z-]|$)" "$T/page1.txt"; then
		pass "portplan.1 documents $opt"
	else
		fail "option $opt of --help is missing from man/portplan.1"
	fi
done <"$T/long"
while read -r opt; do
	if grep -qE -- "(^|[^a-z-])$opt ?, ?--[a-z]" "$T/page1.txt"; then
		pass "portplan.1 documents $opt"
	else
		fail "short option $opt of --help is missing from man/portplan.1"
	fi
done <"$T/short"

# same wording: the description of each option line of --help, with its
# continuation lines, appears in the page
awk '
	function flush() { if (desc != "") print desc; desc = "" }
	/^ +-/ {
		flush()
		line = $0
		sub(/^ +/, "", line)
		if (gsub(/--[a-z]/, "&", line) > 1)	# "--title TEXT, --change-id ID, ..."
			next
		sub(/^-[a-zA-Z], /, "", line)		# "-o, "
		sub(/^--[a-z-]+/, "", line)		# "--output"
		if (line ~ /^ [^ ]/)			# " FILE": the argument
			sub(/^ [^ ]+/, "", line)
		sub(/^ +/, "", line)
		desc = line
		next
	}
	/^                            [^ ]/ && desc != "" {
		line = $0
		sub(/^ +/, "", line)
		desc = desc " " line
		next
	}
	{ flush() }
	END { flush() }
' "$T/help" >"$T/descs"
[ -s "$T/descs" ] || fail "no option descriptions found in --help"
while IFS= read -r desc; do
	if grep -qF -- "$desc" "$T/page1.txt"; then
		pass "same wording: $desc"
	else
		fail "the wording of --help is not in man/portplan.1: \"$desc\""
	fi
done <"$T/descs"

# every export format of the registry
sed -n '/^Export formats:/,/^$/p' "$T/help" | sed -n 's/^  \([a-z][a-z0-9]*\)  .*/\1/p' >"$T/formats"
[ -s "$T/formats" ] || fail "no export formats found in --help"
while read -r f; do
	if grep -q "^\.B $f\$" "$page1"; then
		pass "portplan.1 documents the export format $f"
	else
		fail "export format $f is missing from man/portplan.1 (Export formats)"
	fi
done <"$T/formats"

# the formats of export and diff and the languages of --lang, which --help
# takes from the registry and the language table: the page says the same,
# and the languages are English and po/LINGUAS
for cmd in export diff; do
	line=$(sed -n "s/^.*\(portplan $cmd .*\)\$/\1/p" "$T/help" | head -1)
	if [ -z "$line" ]; then
		fail "no synopsis of portplan $cmd in --help"
	elif grep -qF -- "$line" "$T/page1.txt"; then
		pass "portplan.1 has the synopsis of --help: $line"
	else
		fail "portplan.1 lacks the synopsis of --help: $line"
	fi
done
langs=$(sed -n 's/^ *--lang \([^ ]*\) .*/\1/p' "$T/help")
linguas=$(sed 's/#.*//' "${TESTS_SRCDIR:-$(dirname "$0")}/../po/LINGUAS" | tr -s ' \n' '|' | sed 's/^|//; s/|$//')
[ "$langs" = "en|$linguas" ] && pass "--lang $langs: English and po/LINGUAS" ||
	fail "--help offers --lang $langs, po/LINGUAS has $linguas"
grep -qF -- "--lang $langs" "$T/page1.txt" && pass "portplan.1 documents --lang $langs" ||
	fail "portplan.1 does not document --lang $langs"

# the commands of the synopsis
for cmd in export save list check diff; do
	grep -q "^\.B portplan $cmd" "$page1" && pass "portplan.1 has portplan $cmd" ||
		fail "command $cmd missing from man/portplan.1"
done

# the key table's markers, for the generator
if awk '/^\.\\" BEGIN KEYS$/ { b = NR } /^\.\\" END KEYS$/ { e = NR } END { exit !(b && e > b) }' "$page1"; then
	pass "portplan.1 has the KEYS markers"
else
	fail "portplan.1 lacks the .\\\" BEGIN KEYS / .\\\" END KEYS markers"
fi

# ---- the example of portplan-catalog(5) ------------------------------------
mkdir -p "$T/site"
awk '/^\.\\" END EXAMPLE/ { on = 0 } on && !/^\./ { print } /^\.\\" BEGIN EXAMPLE/ { on = 1 }' "$page5" |
	sed -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g' -e 's/^\\&//' -e 's/\\e/\\/g' >"$T/site/example.xml"
if [ "$(wc -l <"$T/site/example.xml")" -lt 20 ]; then
	fail "no example between the EXAMPLE markers of portplan-catalog.5"
else
	expect_exit 0 "the example of portplan-catalog.5 passes portplan check" -- \
		"$PORTPLAN" check --catalog "$T/site"
	expect_grep "^$T/site: catalog OK" "$T/out" "the example's directory is reported OK"
	id=$(sed -n 's/.*<product id="\([^"]*\)".*/\1/p' "$T/site/example.xml" | head -1)
	expect_exit 0 "the example product exports" -- \
		"$PORTPLAN" export --catalog "$T/site" --product "$id" --format csv
	expect_grep '^"R001","firewall"' "$T/out" "the example opens firewall rules"
	# every element and attribute of the schema appears in the example or
	# at least in the page
	xsd=${PORTPLAN_DATADIR:?}/catalog.xsd
	if [ -f "$xsd" ]; then
		plain "$page5" >"$T/page5.txt"
		sed -n 's/.*<xs:\(element\|attribute\) name="\([^"]*\)".*/\2/p' "$xsd" | sort -u |
		while read -r name; do
			grep -qE -- "(<|[^a-z-])$name([^a-z-]|$)" "$T/page5.txt" ||
				echo "$name"
		done >"$T/undocumented"
		if [ -s "$T/undocumented" ]; then
			fail "portplan-catalog.5 does not mention: $(tr '\n' ' ' <"$T/undocumented")"
		else
			pass "portplan-catalog.5 mentions every element and attribute of catalog.xsd"
		fi
	fi
fi

# ---- groff -------------------------------------------------------------------
if command -v groff >/dev/null 2>&1; then
	for f in "$page1" "$page5"; do
		for dev in utf8 ascii; do
			groff -man -ww -z -T"$dev" "$f" >"$T/groff" 2>&1
			if [ -s "$T/groff" ]; then
				fail "groff -T$dev warns about $(basename "$f"): $(head -5 "$T/groff")"
			else
				pass "$(basename "$f"): no groff warnings (-T$dev)"
			fi
		done
	done
else
	echo "groff not installed: page warnings not checked"
fi
finish
