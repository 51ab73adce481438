#!/bin/sh
# CSV is a machine format from every front end (issue 12): the planner,
# in German, exports the same bytes as `portplan export --format csv` of
# the same plan (English catalog texts), while its Markdown is German.
# Driven the way a person would: select products, Export screen, the CSV
# row, Enter, a file name; F2 saves the plan for the command line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

TUI_ENV="LANGUAGE=de"
tui_start
tui_wait "1 Produkte  2 Funktionen" "the planner speaks German"
# BEMS and BlueMind: both catalogs have German texts
tui_keys Space
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "BEMS selected"
tui_keys Down Space
tui_wait "2 Produkte ausgewählt" "BlueMind selected too"
tui_keys 5
tui_wait "Format des Änderungsantrags" "the Export screen"
tui_wait "Vorgeschlagene Datei: bems-bluemind-aenderungsantrag.md" "Markdown is under the cursor"
tui_keys Down
tui_wait "Vorgeschlagene Datei: bems-bluemind-aenderungsantrag.csv" "CSV is under the cursor"
tui_keys Enter
tui_wait "In diese Datei schreiben" "Enter asks for the file name"
tui_keys C-u
tui_type "planner.csv"
tui_keys Enter
tui_wait "planner.csv geschrieben" "the CSV is written"
# the Markdown too, for the contrast: it is in German
tui_keys Up Enter
tui_wait "In diese Datei schreiben" "and the Markdown"
tui_keys C-u
tui_type "planner.md"
tui_keys Enter
tui_wait "planner.md geschrieben" "the Markdown is written"
tui_keys F2
tui_wait "Plan speichern unter:" "F2 asks for a file name"
tui_keys C-u
tui_type "planner.portplan"
tui_keys Enter
tui_wait "Plan in planner.portplan gespeichert." "F2 saves the plan"
tui_keys q
tui_wait_exit "q quits (everything is saved)"
tui_expect_status 0 "quitting"
tui_expect_quiet_stderr

# the same plan on the command line, in English and in German
csv=$WORK/planner.csv
if [ -f "$csv" ] && [ -f "$WORK/planner.portplan" ]; then
	"$PORTPLAN" export "$WORK/planner.portplan" --format csv -o "$T/cli-en.csv" 2>"$T/err" ||
		fail "portplan export of the saved plan failed: $(cat "$T/err")"
	LC_ALL=C.UTF-8 LANGUAGE=de "$PORTPLAN" export "$WORK/planner.portplan" --format csv \
		-o "$T/cli-de.csv" 2>"$T/err" || fail "portplan export in German failed: $(cat "$T/err")"
	"$PORTPLAN" export --product bems --product bluemind --format csv -o "$T/flags.csv" 2>"$T/err" ||
		fail "portplan export of the scenario failed: $(cat "$T/err")"
	for f in cli-en cli-de flags; do
		if cmp -s "$csv" "$T/$f.csv"; then
			pass "the planner's CSV (German planner) is byte-identical to $f.csv"
		else
			fail "the planner's CSV differs from $f.csv: $(diff "$T/$f.csv" "$csv" | head -4 | cut -c1-240)"
		fi
	done
	expect_no_grep 'BlueMind-Server|Clients im Internet' "$csv" "no German catalog texts in the CSV"
	expect_grep '"BlueMind server"' "$csv" "the CSV has the English catalog texts"
	expect_grep 'BlueMind-Server' "$WORK/planner.md" "the planner's Markdown is in German"
	LC_ALL=C.UTF-8 LANGUAGE=de "$PORTPLAN" export "$WORK/planner.portplan" --format md \
		-o "$T/cli-de.md" 2>/dev/null
	cmp -s "$T/cli-de.md" "$WORK/planner.md" && pass "and is portplan export --format md in German" ||
		fail "the planner's Markdown differs from portplan export in German: $(diff "$T/cli-de.md" "$WORK/planner.md" | head -4)"
else
	fail "the planner wrote no CSV or no plan: $(ls "$WORK")"
fi
finish
