#!/bin/sh
# Hostile and broken inputs (tests/hostile/, listed with what portplan must
# do with each in tests/hostile/expect.txt): catalog sources through
# `check --catalog DIR` and `list products --catalog DIR`, plan files
# through `check FILE` and `export FILE -o OUT`.  Every run must finish
# within 10 s (20 s with sanitizers) and 1 GB, not crash, give the expected
# exit status and a message naming the file (and line), print no control
# or bidi character and no line of /etc/passwd, write nothing (no output,
# no temporary, the cache unchanged) and never touch the network.  Large
# inputs, directories, FIFOs and symbolic links are made here, at test
# time.
. "$(dirname "$0")/lib.sh"
H=${TESTS_SRCDIR:-$(dirname "$0")}/hostile
. "$H/common.sh"

if ! have_grep_p; then
	echo "grep -P is not available: skipped" >&2
	exit 77
fi

W=$T/w			# where exports go: must stay empty after a refusal
G=$T/gen		# inputs made at test time
mkdir -p "$W" "$G/catalog" "$G/plan" "$T/in"

# ---- a listener that records any connection (the network must stay unused) --
listener_pid=
port=
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import socket, sys, os
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
	f.write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
	c, a = s.accept()
	try:
		c.settimeout(1)
		data = c.recv(200)
	except Exception:
		data = b""
	with open(sys.argv[2], "ab") as f:
		f.write(b"connection: " + data.split(b"\r\n")[0] + b"\n")
	c.close()
' "$T/port" "$T/connections" 2>/dev/null &
	listener_pid=$!
	trap 'kill "$listener_pid" 2>/dev/null; rm -rf "$T"' EXIT
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$T/port" 2>/dev/null)
fi
if [ -n "$port" ]; then
	# the listener must see a connection when there is one
	python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 2).sendall(b"PROBE\r\n")' "$port"
	i=0
	while ! grep -q PROBE "$T/connections" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	if grep -q PROBE "$T/connections" 2>/dev/null; then
		pass "connection listener on 127.0.0.1:$port works"
	else
		fail "connection listener on 127.0.0.1:$port does not record connections"
	fi
	: >"$T/connections"
else
	echo "note: python3 not available: the no-network check is skipped"
fi

# ---- inputs made at test time --------------------------------------------------
hdr='<?xml version="1.0" encoding="UTF-8"?>'

# product LABEL PORTS: a small valid product file (uses the bundled zone dmz
# and endpoint ad)
product() {
	printf '%s\n<catalog format="1">\n' "$hdr"
	printf '  <zone id="hostile-zone"><label>Hostile zone</label></zone>\n'
	printf '  <product id="hostile" vendor="Hostile">\n'
	printf '    <label>%s</label>\n' "$1"
	printf '    <endpoint id="hostile" zone="dmz"><label>Hostile server</label></endpoint>\n'
	printf '    <flow id="f1" from="hostile" to="ad" proto="tcp" ports="%s" doc="d" section="1"><purpose>p</purpose></flow>\n' "$2"
	printf '  </product>\n</catalog>\n'
}
# plan BODY
plan() {
	printf '%s\n<plan format="1">\n  <meta><title>Hostile</title></meta>\n%s</plan>\n' "$hdr" "$1"
}
rep() {	# rep N TEXT: TEXT N times
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

big=$(rep 5000 XXXXXXXXXXXXXXXXXXXX)	# 100 KB, referenced 20,000 times
refs=$(rep 20000 '&a;')
{
	printf '%s\n<!DOCTYPE catalog [<!ENTITY a "%s">]>\n' "$hdr" "$big"
	product "$refs" 443 | sed 1d
} >"$G/catalog/quadratic-blowup.xml"
{
	printf '%s\n<!DOCTYPE plan [<!ENTITY a "%s">]>\n' "$hdr" "$big"
	printf '<plan format="1">\n  <meta><title>%s</title></meta>\n</plan>\n' "$refs"
} >"$G/plan/quadratic-blowup.portplan"
unset big refs

{
	printf '%s\n<catalog format="1">\n' "$hdr"
	rep 100000 '<zone>'; rep 100000 '</zone>'
	printf '\n</catalog>\n'
} >"$G/catalog/deep-nesting.xml"
{
	printf '%s\n<plan format="1">\n' "$hdr"
	rep 100000 '<meta>'; rep 100000 '</meta>'
	printf '\n</plan>\n'
} >"$G/plan/deep-nesting.portplan"

# a 20 MB label; a 20 MB plan title (over the plan size cap) and a 15 MB one
head -c 20971520 /dev/zero | tr '\0' A >"$T/20m"
{
	printf '%s\n<catalog format="1">\n  <product id="hostile" vendor="Hostile">\n    <label>' "$hdr"
	cat "$T/20m"
	printf '</label>\n    <endpoint id="hostile" zone="dmz"><label>S</label></endpoint>\n  </product>\n</catalog>\n'
} >"$G/catalog/huge-text.xml"
{
	printf '%s\n<plan format="1">\n  <meta><title>' "$hdr"
	cat "$T/20m"
	printf '</title></meta>\n  <product id="bems"/>\n</plan>\n'
} >"$G/plan/huge-text.portplan"
{
	printf '%s\n<plan format="1">\n  <meta><title>' "$hdr"
	head -c 15728640 "$T/20m"
	printf '</title></meta>\n  <product id="bems"/>\n</plan>\n'
} >"$G/plan/big-text.portplan"
rm -f "$T/20m"

truncate -s 65M "$G/catalog/too-large.xml"
truncate -s 17M "$G/plan/too-large.portplan"

# 100,000 attributes on one element; a 1 MB element name
attrs=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf " a%d=\"x\"", i }')
printf '%s\n<catalog format="1"%s>\n</catalog>\n' "$hdr" "$attrs" >"$G/catalog/many-attributes.xml"
printf '%s\n<plan format="1"%s>\n</plan>\n' "$hdr" "$attrs" >"$G/plan/many-attributes.portplan"
unset attrs
printf '%s\n<catalog format="1">\n<%s/>\n</catalog>\n' "$hdr" "$(rep 65536 zzzzzzzzzzzzzzzz)" >"$G/catalog/long-name.xml"

# declared UTF-7: 100,000 attributes whose '=' and '"' are encoded
# (+AD0- and +ACI-), invisible to a scan that reads the file as UTF-8
attrs=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf " a%d+AD0-+ACI-x+ACI-", i }')
printf '<?xml version="1.0" encoding="UTF-7"?>\n+ADw-catalog format+AD0-+ACI-1+ACI-%s+AD4-\n+ADw-/catalog+AD4-\n' "$attrs" >"$G/catalog/utf7-attributes.xml"
printf '<?xml version="1.0" encoding="UTF-7"?>\n+ADw-plan format+AD0-+ACI-1+ACI-%s+AD4-\n+ADw-/plan+AD4-\n' "$attrs" >"$G/plan/utf7-attributes.portplan"
unset attrs

# declared Shift_JIS with a bad sequence past the reader's first chunk
# (libxml2 printed "xmlParseChunk: encoder error" on stderr by itself)
{
	printf '<?xml version="1.0" encoding="Shift_JIS"?>\n<catalog format="1">\n  <zone id="z"><label>'
	rep 1000 AAAAAAAAAAAAAAAAAAAA
	printf '\202\377\202 bad</label></zone>\n</catalog>\n'
} >"$G/catalog/shift-jis-broken.xml"

# a 40 MB label (15 MB title) cut by empty comments into runs of 512 KB,
# each under the text limit
head -c 524288 /dev/zero | tr '\0' A >"$T/512k"
{
	printf '%s\n<catalog format="1">\n  <product id="hostile" vendor="Hostile">\n    <label>' "$hdr"
	i=0; while [ $i -lt 80 ]; do cat "$T/512k"; printf '<!---->'; i=$((i + 1)); done
	printf '</label>\n    <endpoint id="hostile" zone="dmz"><label>S</label></endpoint>\n  </product>\n</catalog>\n'
} >"$G/catalog/comment-split-text.xml"
{
	printf '%s\n<plan format="1">\n  <meta><title>' "$hdr"
	i=0; while [ $i -lt 30 ]; do cat "$T/512k"; printf '<?pi?>'; i=$((i + 1)); done
	printf '</title></meta>\n  <product id="bems"/>\n</plan>\n'
} >"$G/plan/comment-split-text.portplan"
# a plan under its cap with 9 MB of notes and a 7 MB zone label (libxml2:
# "Huge input lookup"), and a 12 MB attribute in a catalog
{
	printf '%s\n<plan format="1">\n  <meta><notes>' "$hdr"
	i=0; while [ $i -lt 18 ]; do cat "$T/512k"; i=$((i + 1)); done
	printf '</notes></meta>\n  <zone id="lab" label="'
	i=0; while [ $i -lt 13 ]; do cat "$T/512k"; i=$((i + 1)); done
	printf '"/>\n</plan>\n'
} >"$G/plan/huge-lookup.portplan"
{
	printf '%s\n<catalog format="1">\n  <product id="hostile" vendor="' "$hdr"
	i=0; while [ $i -lt 24 ]; do cat "$T/512k"; i=$((i + 1)); done
	printf '">\n    <label>L</label>\n  </product>\n</catalog>\n'
} >"$G/catalog/long-attribute.xml"
rm -f "$T/512k"

# port lists: 10,000 items (over the schema's 4 KB), 1,025 items in 4 KB
# (over the loader's 1,024), and exactly 1,024 (accepted)
product x "$(seq -s, 1 10000)" >"$G/catalog/ports-10k.xml"
product x "$(seq -s, 1 1025)" >"$G/catalog/ports-4k.xml"
product x "$(seq -s, 1 1024)" >"$G/catalog/accept-ports-1024.xml"

# a product with 60,000 features and 60,000 flows conditioned on the last one
{
	printf '%s\n<catalog format="1">\n  <product id="hostile" vendor="Hostile">\n    <label>L</label>\n' "$hdr"
	awk 'BEGIN { for (i = 0; i < 60000; i++) printf "    <feature id=\"f%d\"><label>F</label></feature>\n", i }'
	printf '    <endpoint id="hostile" zone="dmz"><label>S</label></endpoint>\n'
	awk 'BEGIN { for (i = 0; i < 60000; i++)
		printf "    <flow id=\"x%d\" from=\"hostile\" to=\"ad\" proto=\"tcp\" ports=\"%d\" when=\"f59999\" doc=\"d\" section=\"1\"><purpose>p</purpose></flow>\n", i, i % 65535 + 1 }'
	printf '  </product>\n</catalog>\n'
} >"$G/catalog/many-features.xml"

# plans with 20,000 products and 20,000 addresses
plan "$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "  <product id=\"p%d\"/>\n", i }')
" >"$G/plan/many-products.portplan"
plan "  <product id=\"bems\"/>
  <endpoint id=\"bems\">$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "<address>10.%d.%d.%d</address>", int(i / 65536), int(i / 256) % 256, i % 256 }')</endpoint>
" >"$G/plan/many-addresses.portplan"

# plans with hundreds of thousands of items, each list in descending
# order (inserting them one by one in order was quadratic: 200,000 zones
# took 75 s); half the counts that fill the 16 MB cap, so that a loaded
# machine and a sanitizer build stay within the time limit (the full
# sizes take 1-4 s without a sanitizer)
plan "  <product id=\"bems\"/>
$(awk 'BEGIN { for (i = 299999; i >= 0; i--) printf "  <zone id=\"z%06d\"/>\n", i }')
" >"$G/plan/accept-many-zones.portplan"
plan "  <product id=\"bems\">
$(awk 'BEGIN { for (i = 299999; i >= 0; i--) printf "<feature id=\"f%06d\"/>\n", i }')
  </product>
" >"$G/plan/accept-many-features.portplan"
plan "  <product id=\"bems\"/>
$(awk 'BEGIN { for (i = 199999; i >= 0; i--) printf "<endpoint id=\"e%06d\" zone=\"dmz\"/>\n", i }')
" >"$G/plan/accept-many-endpoints.portplan"
plan "  <product id=\"bems\"/>
  <endpoint id=\"bems\">
$(awk 'BEGIN { for (i = 249999; i >= 0; i--) printf "<address>10.%d.%d.%d</address>\n", int(i / 65536), int(i / 256) % 256, i % 256 }')
  </endpoint>
" >"$G/plan/accept-many-addresses-one.portplan"

# the bundled BEMS catalog cut in the middle of a tag
bems=$PORTPLAN_DATADIR/catalog/bems.xml
head -c $(($(wc -c <"$bems") / 2)) "$bems" >"$G/catalog/truncated-bems.xml"

# prepare KIND NAME DIR: puts input NAME into DIR (things that are not
# regular files are made there); prints nothing, returns 1 if unknown
prepare() {
	kind=$1 name=$2 dir=$3
	if [ -f "$H/$kind/$name" ]; then
		src=$H/$kind/$name
	elif [ -f "$G/$kind/$name" ]; then
		src=$G/$kind/$name
	else
		src=
	fi
	if [ -n "$src" ]; then
		if [ -n "$port" ] && grep -q '127\.0\.0\.1:9/' "$src"; then
			sed "s|127\\.0\\.0\\.1:9/|127.0.0.1:$port/|g" "$src" >"$dir/$name"
		else
			cp "$src" "$dir/$name"
		fi
		return 0
	fi
	case $name in
	directory.*) mkdir "$dir/$name" && product x 443 >"$dir/$name/inner.xml" ;;
	fifo.*) mkfifo "$dir/$name" ;;
	symlink-dev-zero.*) ln -s /dev/zero "$dir/$name" ;;
	symlink-passwd.*) ln -s /etc/passwd "$dir/$name" ;;
	symlink-proc.*) ln -s /proc/self/status "$dir/$name" ;;
	symlink-loop.*) ln -s "$name" "$dir/$name" ;;
	*) return 1 ;;
	esac
}

# check_message DESC PATH LINE ERE: stderr names PATH (and LINE) and matches ERE
check_message() {
	cm_desc=$1 cm_path=$2 cm_line=$3 cm_re=$4
	case $cm_line in
	-) cm_want="portplan: $cm_path: " ;;
	'*') cm_want="portplan: $cm_path:" ;;
	*) cm_want="portplan: $cm_path:$cm_line: " ;;
	esac
	if ! grep -qF -- "$cm_want" "$T/err"; then
		fail "$cm_desc: the message does not name \"$cm_want\": $(head -c 400 "$T/err")"
	elif ! grep -qaE -- "$cm_re" "$T/err"; then
		fail "$cm_desc: the message does not match /$cm_re/: $(head -c 400 "$T/err")"
	else
		pass "$cm_desc: $(head -n 1 "$T/err" | cut -c 1-160)"
	fi
}

# common_checks DESC [FILES...]: clean terminal output, no /etc/passwd
common_checks() {
	cc_desc=$1
	shift
	for f in "$T/out" "$T/err" "$@"; do
		[ -f "$f" ] || continue
		u=$(unsafe_bytes "$f")
		[ -z "$u" ] || fail "$cc_desc: unsafe bytes in $(basename "$f"): $u"
	done
	expect_no_passwd "$cc_desc" "$T/out" "$T/err" "$@"
	# every message is portplan's (libxml2 printing "xmlParseChunk:
	# encoder error" on its own once slipped through)
	if grep -qv '^portplan: ' "$T/err"; then
		fail "$cc_desc: a message not from portplan: $(grep -v '^portplan: ' "$T/err" | head -2)"
	fi
}

# exit_ok WANT: whether $rc is one of WANT ("0", "1" or "0|1")
exit_ok() {
	case "|$1|" in *"|$rc|"*) return 0 ;; esac
	return 1
}

# A warm cache of the bundled catalog, which the refusals must leave alone.
"$PORTPLAN" list products >/dev/null 2>"$T/err" || fail "warming the cache: $(cat "$T/err")"
cachedir=$XDG_CACHE_HOME/portplan
[ -f "$cachedir/catalog.sqlite" ] || fail "no cache after warming it"

# ---- every input ------------------------------------------------------------------
n=0
listed=$T/listed
: >"$listed"
while read -r kind name want line re; do
	case $kind in ''|'#'*) continue ;; esac
	echo "$kind/$name" >>"$listed"
	n=$((n + 1))
	dir=$T/in/$n
	mkdir -p "$dir"
	if ! prepare "$kind" "$name" "$dir"; then
		fail "$kind/$name: no such input"
		continue
	fi
	path=$dir/$name
	before=$(snapshot "$T/home" "$T/cache" "$T/data" "$T/config" "$W" "$dir")

	if [ "$kind" = catalog ]; then
		runs="check list"
	else
		runs="check export"
	fi
	for cmd in $runs; do
		desc="$kind/$name: $cmd"
		case $kind/$cmd in
		catalog/check) bounded "$PORTPLAN" check --catalog "$dir" ;;
		catalog/list) bounded "$PORTPLAN" list products --catalog "$dir" ;;
		plan/check) bounded "$PORTPLAN" check "$path" ;;
		plan/export) bounded "$PORTPLAN" export "$path" -o "$W/out.md" ;;
		esac
		if ! check_run "$desc"; then
			# a time-out or a crash: the other command would only repeat it
			[ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && break
			continue
		fi
		# whatever the exit status: clean output, no /etc/passwd
		common_checks "$desc" "$W/out.md"
		if ! exit_ok "$want"; then
			fail "$desc: exit $rc, expected $want; stderr: $(head -c 400 "$T/err")"
		elif [ "$rc" -ne 0 ]; then
			check_message "$desc" "$path" "$line" "$re"
		elif [ "$cmd" = check ] && [ "$re" != . ] && ! grep -qaE -- "$re" "$T/err"; then
			fail "$desc: stderr does not match /$re/: $(head -c 400 "$T/err")"
		elif [ "$cmd" = export ] && [ ! -s "$W/out.md" ]; then
			fail "$desc: exit 0 but no output file"
		else
			pass "$desc (exit 0)"
		fi
		rm -f "$W/out.md"
	done

	# a refusal writes nothing: no output, no temporary, the cache as it was
	if [ "$want" = 1 ]; then
		after=$(snapshot "$T/home" "$T/cache" "$T/data" "$T/config" "$W" "$dir")
		if [ "$before" = "$after" ]; then
			pass "$kind/$name: nothing written"
		else
			fail "$kind/$name: files changed: $(printf '%s\n' "$before" >"$T/b"; printf '%s\n' "$after" >"$T/a"; diff "$T/b" "$T/a" | head -6 | tr '\n' ' ')"
		fi
	fi
	rm -rf "$dir"
	# an accepted catalog was built into the cache: back to the bundled one
	if [ "$kind" = catalog ] && [ "$want" != 1 ]; then
		"$PORTPLAN" list products >/dev/null 2>&1 || fail "rebuilding the cache after $name"
	fi
done <"$H/expect.txt"

# every committed input is listed in expect.txt
for f in "$H"/catalog/* "$H"/plan/*; do
	k=$(basename "$(dirname "$f")")/$(basename "$f")
	grep -qxF "$k" "$listed" || fail "$k is not listed in tests/hostile/expect.txt"
done
[ "$n" -ge 90 ] && pass "$n hostile inputs run" || fail "only $n hostile inputs run"

# ---- one directory named twice: read once, never a clash with itself -------------
mkdir -p "$T/in/twice"
product x 443 >"$T/in/twice/twice.xml"
ln -s "$T/in/twice" "$T/in/twice-link"
for args in "--catalog $T/in/twice --catalog $T/in/twice" \
	    "--catalog $T/in/twice --catalog $T/in/twice-link" \
	    "--catalog $PORTPLAN_DATADIR/catalog"; do
	# shellcheck disable=SC2086
	bounded "$PORTPLAN" check $args
	check_run "check $args" &&
		{ [ "$rc" -eq 0 ] && pass "a directory named twice is read once ($args)" ||
		  fail "a directory named twice ($args): exit $rc: $(head -c 300 "$T/err")"; }
done

# ---- unreadable files (only when permissions are enforced) ---------------------------
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T/in/unreadable"
	product x 443 >"$T/in/unreadable/unreadable.xml"
	chmod 000 "$T/in/unreadable/unreadable.xml"
	bounded "$PORTPLAN" check --catalog "$T/in/unreadable"
	check_run "unreadable catalog file" &&
		{ [ "$rc" -eq 1 ] && grep -qF "$T/in/unreadable/unreadable.xml: cannot open" "$T/err" &&
		  pass "unreadable catalog file is named" ||
		  fail "unreadable catalog file: exit $rc: $(head -c 300 "$T/err")"; }
	plan '  <product id="bems"/>
' >"$T/in/unreadable.portplan"
	chmod 000 "$T/in/unreadable.portplan"
	bounded "$PORTPLAN" check "$T/in/unreadable.portplan"
	check_run "unreadable plan" &&
		{ [ "$rc" -eq 1 ] && grep -qF "$T/in/unreadable.portplan: cannot open" "$T/err" &&
		  pass "unreadable plan is named" ||
		  fail "unreadable plan: exit $rc: $(head -c 300 "$T/err")"; }
fi

# ---- nothing reached the network -------------------------------------------------------
if [ -n "$port" ]; then
	if [ -s "$T/connections" ]; then
		fail "portplan connected to 127.0.0.1:$port: $(head -3 "$T/connections" | tr '\n' ' ')"
	else
		pass "no connection to the network (listener on 127.0.0.1:$port)"
	fi
fi

# the cache is still the bundled catalog's and works
expect_exit 0 "the cache still works after the hostile inputs" -- "$PORTPLAN" list products
expect_grep '^bems ' "$T/out" "bundled products listed"
finish
