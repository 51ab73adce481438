#!/bin/sh
# The planner edits plans through the core's editor, as the command line
# does (issue 12): choosing the zone an endpoint is already placed in
# changes nothing, F2 on an unchanged reloaded plan writes the same file,
# and a product deselected and selected again keeps its features.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

# A plan saved by the command line, with an explicit placement in the
# catalog's default zone.
"$PORTPLAN" save --product bems --feature cluster --place bems-peer=internal \
	-o "$WORK/peer.portplan" 2>"$T/err"
expect_grep '<endpoint id="bems-peer" zone="internal"/>' "$WORK/peer.portplan" \
	"portplan save records the explicit placement"
cp "$WORK/peer.portplan" "$T/peer.orig"

tui_start peer.portplan
tui_wait "peer.portplan" "the planner opens the plan"
tui_keys 3
tui_wait "Other BEMS node in the same cluster" "Placement lists the cluster peer"
tui_keys Down
tui_wait "Other BEMS node in the same cluster (bems-peer)" "the cursor is on the peer"
tui_keys Enter
tui_wait "Zone of Other BEMS node" "the zone list opens"
tui_keys Enter
tui_wait "Other BEMS node in the same cluster is now in Internal network." \
	"choosing the zone it is in"
if tui_has "[modified]"; then
	fail "choosing the zone the plan already gives marks the plan modified"
else
	pass "choosing the zone the plan already gives changes nothing"
fi
tui_keys F2
tui_wait "Saved the plan to peer.portplan." "F2 saves"
if cmp -s "$T/peer.orig" "$WORK/peer.portplan"; then
	pass "F2 on the unchanged plan writes the same file"
else
	fail "F2 on the unchanged plan changed the file: $(diff "$T/peer.orig" "$WORK/peer.portplan" | head -20)"
fi
tui_keys q
tui_wait_exit "q quits"
tui_expect_status 0 "quitting the saved plan"

# Space twice on a product keeps the choices it had.
tui_start
tui_wait "Select products with Space" "a new plan"
tui_keys Space
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "BEMS selected"
tui_keys 2
tui_wait "[ ] BlackBerry Connect (instant messaging)" "Features"
tui_keys Down Down Space
tui_wait "On: BlackBerry Connect (instant messaging)" "Connect on"
tui_keys Down Down Down Space
tui_wait "Off: BEMS Dashboard (web administration console)" "Dashboard off"
tui_keys 1
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "back on Products"
tui_keys Space
tui_wait "Removed BlackBerry Enterprise Mobility Server (BEMS) and its features." "deselected"
tui_keys Space
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "selected again"
tui_keys 2
tui_wait "[x] BlackBerry Connect (instant messaging)" "Connect is still on"
tui_wait "[ ] BEMS Dashboard (web administration console)" "Dashboard is still off"
tui_keys F2
tui_wait "Save the plan as:" "F2 asks for a name"
tui_keys C-u
tui_type "again.portplan"
tui_keys Enter
tui_wait "Saved the plan to again.portplan." "saved"
tui_keys q
tui_wait_exit "q quits"
"$PORTPLAN" save --product bems --feature connect --no-feature dashboard \
	-o "$T/expected.portplan" 2>"$T/err"
if cmp -s "$T/expected.portplan" "$WORK/again.portplan"; then
	pass "the plan is the one the command line makes"
else
	fail "the reselected product lost its choices: $(diff "$T/expected.portplan" "$WORK/again.portplan" | head -20)"
fi
finish
