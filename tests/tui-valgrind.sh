#!/bin/sh
# The planner under valgrind, end to end: BEMS with SSL, the server in the
# DMZ with an address, the review and a rule's details, the help, a
# Markdown export, F2 save, resize, quit.  Any memory error or a definite
# or indirect leak fails; what ncurses keeps for the life of the process
# is suppressed (tests/valgrind.supp).  Skipped without valgrind or in a
# sanitizer build.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"
S=${TESTS_SRCDIR:-$(dirname "$0")}

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed: skipped"
	exit 77
fi
if grep -qa '__asan_init' "$PORTPLAN" 2>/dev/null; then
	echo "sanitizer build: valgrind cannot run it: skipped"
	exit 77
fi
TUI_TIMEOUT=${TUI_TIMEOUT_VALGRIND:-90}
TUI_WRAP="valgrind -q --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
--suppressions=$(tui_quote "$S/valgrind.supp") --log-file=$(tui_quote "$T/vg.log")"

tui_start
tui_wait "Select products with Space" "the planner starts under valgrind"
tui_keys Space
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "BEMS selected"
tui_keys Tab
tui_wait "[x] Use the SSL/TLS ports" "Features, SSL on"
tui_keys Tab
tui_wait "BEMS server (bems)" "Placement"
tui_keys Enter
tui_wait "Zone of BEMS server" "the zone list"
tui_keys Down Enter
tui_wait "BEMS server is now in Perimeter network (DMZ)." "BEMS in the DMZ"
tui_keys a
tui_wait "Add address" "the address prompt"
tui_type "192.0.2.10"
tui_keys Enter
tui_wait "Added to BEMS server." "an address"
tui_keys Tab
tui_wait "Perimeter network (DMZ) → Internal network: 6 rules" "Review"
tui_keys Enter
tui_wait "Esc Back" "a rule's details"
tui_keys Escape '?'
tui_wait "Help: Review" "the help"
tui_keys Escape
tui_resize 50 12
tui_wait "Terminal too small" "too small"
tui_resize 80 24
tui_wait "Perimeter network (DMZ) → Internal network: 6 rules" "back at 80x24"
tui_keys 5 Enter
tui_wait "change request" "the export asks for a file name"
tui_keys C-u
tui_type "vg.md"
tui_keys Enter
tui_wait "vg.md" "the export says where it wrote"
tui_keys F2
tui_wait "Save the plan as:" "F2 asks for a file name"
tui_keys C-u
tui_type "vg.portplan"
tui_keys Enter
tui_wait_gone "[modified]" "saved"
tui_keys q
tui_wait_exit "quit"
tui_expect_status 0 "the planner exits normally under valgrind"
[ -s "$WORK/vg.md" ] && grep -q "TCP" "$WORK/vg.md" && pass "the export was written" ||
	fail "no export in $WORK/vg.md"
if [ -s "$T/vg.log" ]; then
	fail "valgrind reports: $(head -c 3000 "$T/vg.log")"
else
	pass "valgrind: no memory error, no leak"
fi
finish
