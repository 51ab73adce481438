#!/bin/sh
# The CLI under valgrind: exports (md, csv), lists, checks, a plan saved,
# checked, exported and compared, and the error paths of a refused catalog
# and a refused plan.  Any memory error or definite/indirect leak fails.
# Skipped (77) without valgrind or with a sanitizer build (valgrind cannot
# run AddressSanitizer binaries).
. "$(dirname "$0")/lib.sh"
S=${TESTS_SRCDIR:-$(dirname "$0")}
H=$S/hostile
. "$H/common.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed: skipped"
	exit 77
fi
if [ "$SANITIZED" = yes ] || grep -qa '__asan_init' "$PORTPLAN" 2>/dev/null; then
	echo "sanitizer build: valgrind cannot run it: skipped"
	exit 77
fi

# vg DESC EXIT COMMAND...: COMMAND under valgrind exits EXIT with no error
vg() {
	vg_desc=$1 vg_want=$2
	shift 2
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect \
		--suppressions="$S/valgrind.supp" \
		--log-file="$T/vg.log" "$PORTPLAN" "$@" >"$T/out" 2>"$T/err" </dev/null
	vg_rc=$?
	if [ "$vg_rc" -eq 99 ] || [ -s "$T/vg.log" ]; then
		fail "$vg_desc: valgrind errors (exit $vg_rc): $(head -c 1500 "$T/vg.log")"
	elif [ "$vg_rc" -ne "$vg_want" ]; then
		fail "$vg_desc: exit $vg_rc, expected $vg_want: $(head -c 400 "$T/err")"
	else
		pass "$vg_desc: no valgrind error (exit $vg_rc)"
	fi
}

set -- --product bems --feature ssl --place bems=dmz --address bems=192.0.2.10
vg "export md, cold cache" 0 export "$@" --format md
vg "export csv, warm cache" 0 export "$@" --format csv -o "$T/cr.csv"
vg "export, all products" 0 export --product bems --product bluemind --product mis --product forcepoint
vg "list products" 0 list products
vg "list flows" 0 list flows --product bems
vg "list flows csv" 0 list flows --format csv
vg "list features" 0 list features --product forcepoint
vg "list gaps" 0 list gaps
vg "check the catalog" 0 check
vg "save a plan" 0 save "$@" --title "Valgrind" -o "$T/a.portplan"
vg "check the plan" 0 check "$T/a.portplan"
vg "export the plan" 0 export "$T/a.portplan" --format md
"$PORTPLAN" save --product bluemind -o "$T/b.portplan" 2>/dev/null
vg "diff two plans" 0 diff "$T/a.portplan" "$T/b.portplan"

# error paths
vg "unknown product" 1 export --product nosuch
vg "export to an existing file without --force" 1 export "$@" -o "$T/cr.csv"
mkdir -p "$T/bad"
cp "$H/catalog/billion-laughs.xml" "$T/bad/"
vg "a refused catalog (DOCTYPE)" 1 check --catalog "$T/bad"
rm -f "$T/bad/billion-laughs.xml"
cp "$H/catalog/bidi-id.xml" "$T/bad/"
vg "a refused catalog (schema)" 1 list products --catalog "$T/bad"
rm -f "$T/bad/bidi-id.xml"
cp "$H/catalog/ports-duplicate.xml" "$T/bad/"
vg "a refused catalog (loader)" 1 check --catalog "$T/bad"
vg "a refused plan (DOCTYPE)" 1 check "$H/plan/xxe-file.portplan"
vg "a refused plan (schema)" 1 check "$H/plan/bidi-id.portplan"
vg "a refused plan (address)" 1 export "$H/plan/cidr-overflow.portplan"
vg "a plan with control characters" 0 check "$H/plan/accept-c1-bidi.portplan"
printf 'not a database' >"$T/cache/portplan/catalog.sqlite"
vg "a corrupt cache is rebuilt" 0 list zones
finish
