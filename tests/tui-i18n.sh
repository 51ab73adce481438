#!/bin/sh
# The planner in German and in French at 80x24: every screen, the help,
# a dialog and the answer letters of the language; what must be there in
# that language (the tabs, the keys of each screen in the status line),
# what must not (English words of the interface), and the rule list's
# columns aligned.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

"$PORTPLAN" save --product bems --feature ssl --place bems=dmz -o "$WORK/p.portplan" >/dev/null 2>&1 ||
	fail "portplan save (needed for the set-up) failed"

# no_english WORD...: none of the words is on the screen (as a word:
# "Quitter" is not "Quit")
no_english() {
	for w in "$@"; do
		if tui_screen | grep -qwF -- "$w"; then
			fail "$LANG_UNDER_TEST: English \"$w\" on the screen:
$(tui_screen)"
		fi
	done
	pass "$LANG_UNDER_TEST: no English interface words on this screen"
}

# aligned: the arrows of the rule rows on the screen are in one column
aligned() {
	cols=$(tui_screen | grep -E '^[RNH][0-9]{3} ' |
		perl -CSD -ne 'print index($_, "\x{2192}"), "\n"' | sort -u | wc -l)
	if [ "$cols" -eq 1 ]; then
		pass "$LANG_UNDER_TEST: the rule columns are aligned"
	else
		fail "$LANG_UNDER_TEST: the rule rows are not aligned:
$(tui_screen)"
	fi
}

# status_has TEXT...: the last line shows every TEXT
status_has() {
	for w in "$@"; do
		tui_screen | tail -n 1 | grep -qF -- "$w" ||
			fail "$LANG_UNDER_TEST: the status line lacks \"$w\": $(tui_screen | tail -n 1)"
	done
	pass "$LANG_UNDER_TEST: the status line shows $*"
}

run_language() {
	LANG_UNDER_TEST=$1
	TUI_ENV="LANGUAGE=$1"
	cp "$WORK/p.portplan" "$WORK/$1.portplan"
	tui_start "$1.portplan"
	tui_wait "$2" "$1: the tab bar"
	shift 2
	# per screen: key, a text of the screen, the status-line hints, ...
	tui_keys 1; tui_wait "$P1"; status_has "$S1" "$HELP"; no_english $EN_COMMON
	tui_keys 2; tui_wait "$P2"; status_has "$S1" "$HELP"; no_english $EN_COMMON
	tui_keys 3; tui_wait "$P3"; status_has "$S3" "$HELP"; no_english $EN_COMMON "no address yet"
	tui_keys 4; tui_wait "$P4"; status_has "$S4" "$HELP"; no_english $EN_COMMON "firewall rules" "Warnings"
	aligned
	tui_keys 5; tui_wait "$P5"; status_has "$S5" "$HELP"; no_english $EN_COMMON "Format of"
	tui_keys '?'; tui_wait "$HELP5" "$LANG_UNDER_TEST: the help of the Export screen"
	no_english "The item under the cursor" "From nothing"
	tui_keys Escape; tui_wait_gone "$HELP5"
	# a change, then quit: the question answers to the language's letter
	tui_keys 1 Down Space
	tui_wait "$MODIFIED" "$LANG_UNDER_TEST: the plan is marked changed"
	tui_keys q
	tui_wait "$YES_NO" "$LANG_UNDER_TEST: the question shows the answers of the language"
	tui_keys "$YES_KEY"
	tui_wait_exit "$LANG_UNDER_TEST: \"$YES_KEY\" answers yes (save, then quit)"
	tui_expect_status 0 "$LANG_UNDER_TEST: quit after saving"
	grep -q '<product id="bluemind"/>' "$WORK/$LANG_UNDER_TEST.portplan" &&
		pass "$LANG_UNDER_TEST: the plan was saved with the change" ||
		fail "$LANG_UNDER_TEST: the plan was not saved: $(cat "$WORK/$LANG_UNDER_TEST.portplan")"
	tui_expect_quiet_stderr
}

EN_COMMON="Select Search Next Help Save Quit Products Features Review"

P1="1 Produkt ausgewählt" S1="Leertaste Auswahl" HELP="? Hilfe"
P2="SSL/TLS-Ports verwenden" P3="Zone: Perimeternetz (DMZ)" S3="Eingabe Zone"
P4="Perimeternetz (DMZ) → Internes Netz: 6 Regeln" S4="Eingabe Öffnen"
P5="Format des Änderungsantrags" S5="Eingabe Exportieren" HELP5="Hilfe: Export"
MODIFIED="[geändert]" YES_NO="[j] Ja   n Nein" YES_KEY=j
run_language de "1 Produkte  2 Funktionen 3 Zonen 4 Prüfung 5 Export"

NB=$(printf '\302\240')	# French puts a no-break space before a colon
P1="1 produit sélectionné" S1="Espace Choisir" HELP="? Aide"
P2="Utiliser les ports SSL/TLS" P3="Zone${NB}: Réseau périmétrique (DMZ)" S3="Entrée Zone"
P4="Réseau périmétrique (DMZ) → Réseau interne${NB}: 6 règles" S4="Entrée Détails"
P5="Format de la demande de changement" S5="Entrée Exporter" HELP5="Aide${NB}: Export"
MODIFIED="[modifié]" YES_NO="[o] Oui   n Non" YES_KEY=o
run_language fr "1 Produits  2 Fonctionnalités 3 Placement 4 Revue 5 Export"

finish
