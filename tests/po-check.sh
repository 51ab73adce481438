#!/bin/sh
# Translations are complete and every file with translatable strings is
# listed in po/POTFILES.in (else its strings never reach the translators).
. "$(dirname "$0")/lib.sh"
top="$TESTS_SRCDIR/.."
cd "$top" || exit 99

for f in $(find src -name '*.c' | sort); do
	if grep -qE '(^|[^A-Za-z0-9_])(_|N_|P_|C_|NC_)\("' "$f"; then
		grep -qxF "$f" po/POTFILES.in && pass "$f is in po/POTFILES.in" ||
			fail "$f uses _() but is missing from po/POTFILES.in"
	fi
done
for f in $(grep -v '^#' po/POTFILES.in); do
	[ -f "$f" ] && pass "$f exists" || fail "po/POTFILES.in names a missing file: $f"
done

command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt not installed"; exit 77; }
# The sources' strings, extracted now, against each translation.
xgettext --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 \
	--keyword=NC_:1c,2 --from-code=UTF-8 \
	--add-comments=TRANSLATORS: -f po/POTFILES.in -o "$T/current.pot" 2>"$T/err" ||
	fail "xgettext failed: $(cat "$T/err")"
for lang in de fr; do
	msgmerge -q --no-fuzzy-matching -o "$T/$lang.po" "po/$lang.po" "$T/current.pot" 2>"$T/err" ||
		fail "msgmerge $lang: $(cat "$T/err")"
	stats=$(msgfmt --check --statistics -o /dev/null "$T/$lang.po" 2>&1)
	case "$stats" in
	*untranslated*|*fuzzy*) fail "po/$lang.po is incomplete: $stats" ;;
	*" translated message"*) pass "po/$lang.po: $stats" ;;
	*) fail "po/$lang.po: msgfmt says: $stats" ;;
	esac
done
finish
