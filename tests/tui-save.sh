#!/bin/sh
# F2 saves the plan (asking for a name the first time, and before
# replacing another file); portplan FILE reloads it; q quits at once when
# everything is saved.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

# A BEMS plan with the server in the DMZ, saved with F2.
tui_start
tui_wait "Select products with Space" "the planner starts"
tui_keys Space
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "BEMS selected"
tui_keys 3
tui_wait "Enter Zone" "Placement"
tui_keys Enter
tui_wait "Zone of BEMS server" "zone list"
tui_keys Down Enter
tui_wait "BEMS server is now in Perimeter network (DMZ)." "BEMS in the DMZ"
tui_keys F2
tui_wait "Save the plan as:" "F2 asks for a file name the first time"
tui_wait "bems.portplan" "a name is suggested"
tui_keys C-u
tui_type "dmz.portplan"
tui_keys Enter
tui_wait "Saved the plan to dmz.portplan." "F2 saves"
tui_wait "dmz.portplan" "the top line names the file"
tui_wait_gone "[modified]" "and no longer says modified"
tui_keys q
tui_wait_exit "q quits at once when the plan is saved"
tui_expect_status 0 "quitting a saved plan"
tui_expect_quiet_stderr

plan="$WORK/dmz.portplan"
if [ -f "$plan" ]; then
	pass "the plan file exists"
	expect_grep '<plan' "$plan" "it is a plan file"
	expect_grep 'id="bems"' "$plan" "with BEMS"
	expect_grep 'zone="dmz"' "$plan" "and the DMZ placement"
	"$PORTPLAN" export "$plan" --format md >"$T/from-plan.md" 2>"$T/err"
	expect_grep '\| TCP \| 17433 \|' "$T/from-plan.md" "portplan export reads the saved plan"
else
	fail "no plan file $plan"
fi

# Reload it: the placement is back; a change is saved to the same file
# without asking.
tui_start dmz.portplan
tui_wait "dmz.portplan" "portplan FILE opens the plan"
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "BEMS is selected"
tui_keys 3
tui_wait "Zone: Perimeter network (DMZ) (catalog default: Internal network)" "BEMS is still in the DMZ"
tui_keys a
tui_wait "Add address" "add an address"
tui_type "bems.example.org"
tui_keys Enter
tui_wait "Added to BEMS server." "host name added"
tui_wait "dmz.portplan [modified]" "modified"
# a zone of the admin's own, for the BlackBerry Proxy
tui_keys Down +
tui_wait "Id of the new zone" "+ defines a new zone"
tui_type "Partner"
tui_keys Enter
tui_wait "A zone id is lower-case letters" "an invalid zone id is refused"
tui_keys C-u
tui_type "partner-net"
tui_keys Enter
tui_wait "Name of zone partner-net" "then its name"
tui_keys C-u
tui_type "Partner network"
tui_keys Enter
tui_wait "BlackBerry Proxy server (all instances) is now in Partner network." "placed in the new zone"
tui_keys 4
tui_wait "Perimeter network (DMZ) → Partner network: 1 rule" "the review has the new boundary"
tui_keys 3
tui_wait "Enter Zone" "back on Placement"
tui_keys F2
tui_wait "Saved the plan to dmz.portplan." "F2 saves to the plan's own file without asking"
tui_keys F10
tui_wait_exit "F10 quits"
tui_expect_status 0 "quitting"
expect_grep 'bems.example.org' "$plan" "the host name is in the file"
expect_grep 'partner-net' "$plan" "the new zone is in the file"
tui_start dmz.portplan
tui_wait "dmz.portplan" "reloaded once more"
tui_keys 3 Down
tui_wait "Zone: Partner network (catalog default: Internal network)" "the zone survives save and reload"
tui_keys Enter
tui_wait "Partner network (your zone)" "the zone list offers it"
tui_keys Escape
tui_wait_gone "Partner network (your zone)" "Esc"
tui_keys q
tui_wait_exit "quit"
tui_expect_status 0 "quit without changes"

# A plan saved with another catalog: the planner says what changed.
sed 's/digest="[0-9a-f]*"/digest="0000000000000000"/' "$plan" >"$WORK/old.portplan"
tui_start old.portplan
tui_wait "notes while loading; ? shows them." "catalog changes are announced"
tui_keys '?'
tui_wait "the catalog has changed since old.portplan was saved" "the help lists them"
tui_keys Escape
tui_wait_gone "Help:" "Esc"
tui_keys q
tui_wait_exit "quit"

# A new plan saved over an existing file: asked first; n asks for another
# name, Esc cancels; y replaces.
cp "$plan" "$T/before"
tui_start
tui_wait "Select products with Space" "a new plan"
tui_keys Down Space
tui_wait "[x] BlueMind" "BlueMind selected"
tui_keys F2
tui_wait "Save the plan as:" "F2 asks for a name"
tui_keys C-u
tui_type "dmz.portplan"
tui_keys Enter
tui_wait "dmz.portplan already exists. Replace it" "saving over another file asks first"
tui_keys n
tui_wait "Save the plan as (another name):" "n asks for another name"
tui_keys Escape
tui_wait_gone "Save the plan as" "Esc cancels"
cmp -s "$plan" "$T/before" && pass "the other file is untouched" || fail "the other file changed"
tui_keys F2
tui_wait "Save the plan as:" "F2 asks again"
tui_keys C-u
tui_type "dmz.portplan"
tui_keys Enter
tui_wait "already exists. Replace it" "asked again"
tui_keys y
tui_wait "Saved the plan to dmz.portplan." "y replaces it"
expect_grep 'id="bluemind"' "$plan" "the file holds the new plan"

# Quit with unsaved changes, answering yes: saved, then quit.
tui_keys Space
tui_wait "dmz.portplan [modified]" "a change"
tui_keys q
tui_wait "The plan has unsaved changes" "q asks"
tui_keys y
tui_wait_exit "y saves and quits"
tui_expect_status 0 "save and quit"
expect_no_grep 'id="bluemind"' "$plan" "the change was saved"
tui_expect_quiet_stderr

# A plan file that does not exist yet: a new plan, saved there by F2.
tui_start fresh.portplan
tui_wait "F2 saves it to fresh.portplan" "a new file name is accepted"
tui_keys Space
tui_wait "[x] BlackBerry" "BEMS selected"
tui_keys F2
tui_wait "Saved the plan to fresh.portplan." "F2 saves to the named file"
tui_keys q
tui_wait_exit "quit"
[ -f "$WORK/fresh.portplan" ] && pass "fresh.portplan written" || fail "fresh.portplan missing"

# A plan opened through a symbolic link: F2 saves the link's target and
# keeps the link (as save PLAN -o PLAN does); saving over a link to
# another file is refused (tests/write-rules.sh)
ln -s fresh.portplan "$WORK/linked.portplan"
cp "$WORK/fresh.portplan" "$T/fresh.before"
tui_start linked.portplan
tui_wait "linked.portplan" "a plan opened through a link"
tui_keys Down Space
tui_wait "[modified]" "a change"
tui_keys F2
tui_wait "Saved the plan to linked.portplan." "F2 saves"
tui_keys q
tui_wait_exit "quit"
[ -L "$WORK/linked.portplan" ] && pass "F2 keeps the link" || fail "F2 replaced the link by a file"
cmp -s "$WORK/fresh.portplan" "$T/fresh.before" && fail "F2 did not save the link's target" ||
	pass "F2 saved the link's target"
finish
