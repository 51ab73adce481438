#!/bin/sh
# Every screen survives a resize, down to "terminal too small" and back;
# the help screen; quitting without changes; NO_COLOR; a wide terminal.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

# A plan with something on every screen.
"$PORTPLAN" save --product bems --place bems=dmz -o "$WORK/p.portplan" >/dev/null 2>&1 ||
	fail "portplan save (needed for the set-up) failed"

tui_start p.portplan
tui_wait "p.portplan" "the planner opens the plan"
tui_wait "Space Select" "the status line shows the keys"

# key, a text of that screen at 80x24, a shorter one that fits at 60x16
check_screen() {
	tui_keys "$1"
	tui_wait "$2" "screen $1 shows \"$2\""
	tui_resize 50 12
	tui_wait "Terminal too small (50x12)" "screen $1 at 50x12: plain message"
	tui_resize 59 24
	tui_wait "Terminal too small (59x24)" "screen $1 at 59x24: still too small"
	tui_resize 60 16
	tui_wait "$3" "screen $1 at the minimum 60x16"
	tui_wait "? Help" "screen $1 at 60x16: the status line"
	tui_resize 80 24
	tui_wait "$2" "screen $1 recovers at 80x24"
	tui_wait_gone "too small" "screen $1: no trace of the message"
}
check_screen 1 "[x] BlackBerry Enterprise Mobility Server (BEMS)" "[x] BlackBerry Enterprise"
check_screen 2 "[x] Use the SSL/TLS ports" "[x] BEMS-Core (base platform)"
check_screen 3 "Zone: Perimeter network (DMZ) (catalog default: Internal network)" "Zone: Perimeter network (DMZ)"
check_screen 4 "Perimeter network (DMZ) → Internal network: 6 rules" "TCP 17433"
check_screen 5 "Format of the change request" "(*) md"

# Keys still work after a resize; a dialog survives one too.
tui_keys 3 Enter
tui_wait "Zone of BEMS server" "a dialog"
tui_resize 40 10
tui_wait "Terminal too small" "the dialog at 40x10"
tui_resize 100 30
tui_wait "Zone of BEMS server" "the dialog is back at 100x30"
tui_keys Escape
tui_wait_gone "Zone of BEMS server" "Esc closes it"
tui_resize 80 24

# Help: F1 and ?, for the item under the cursor, with the key table.
tui_keys 2 F1
tui_wait "Help: Features" "F1 opens the help of the screen"
tui_wait "The item under the cursor" "help for the item under the cursor"
tui_wait "Select or deselect the product, service or feature" "the keys of this screen"
tui_wait "Esc Back" "the status line of the help"
tui_keys End
tui_wait "Clear the text." "the whole key table is there"
tui_resize 60 16
tui_wait "Help: Features" "help at 60x16"
tui_resize 80 24
tui_keys Escape
tui_wait_gone "Help: Features" "Esc closes the help"
tui_keys 4 '?'
tui_wait "Help: Review" "? opens the help too"
tui_wait "Show only the rules of one zone boundary" "with the Review keys"
tui_keys q
tui_wait_gone "Help: Review" "q closes the help"

# Quit without unsaved changes: at once.
tui_keys q
tui_wait_exit "q quits at once without unsaved changes"
tui_expect_status 0 "quit"
tui_expect_quiet_stderr

# Quit with changes, cancelled with Esc, then F10 and n.
tui_start
tui_wait "Select products with Space" "a new plan"
tui_keys Space
tui_wait "[x] BlackBerry" "a change"
tui_keys q
tui_wait "The plan has unsaved changes" "q asks"
tui_keys Escape
tui_wait_gone "The plan has unsaved changes" "Esc: back to the plan"
tui_keys F10
tui_wait "The plan has unsaved changes" "F10 asks too"
tui_keys n
tui_wait_exit "n quits without saving"
tui_expect_status 0 "quit without saving"

# NO_COLOR and a wide terminal.
TUI_ENV="NO_COLOR=1"
tui_start
tui_wait "Select products with Space" "NO_COLOR: the planner works"
tui_resize 160 50
tui_wait "Microsoft Mobile Information Server" "a wide terminal"
tui_keys q
tui_wait_exit "quit"
tui_expect_status 0 "quit with NO_COLOR"
TUI_ENV=

# Not on a terminal: a message, not a broken screen.
"$PORTPLAN" </dev/null >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 2 ] && pass "without a terminal: exit 2" || fail "without a terminal: exit $rc"
expect_grep 'needs a terminal' "$T/err" "without a terminal: says so"
finish
