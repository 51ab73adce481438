#!/bin/sh
# SIGTERM, SIGHUP and SIGINT restore the terminal and end the planner;
# with unsaved changes a recovery file is written, and the next start
# offers it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

rec="$XDG_STATE_HOME/portplan/recovery.portplan"

# No unsaved changes: SIGHUP ends it, no recovery file.
tui_start
tui_wait "Select products with Space" "the planner starts"
kill -HUP "$(tui_pid)"
tui_wait_exit "SIGHUP ends the planner"
tui_expect_status 129 "SIGHUP"
[ ! -e "$rec" ] && pass "no recovery file without unsaved changes" || fail "recovery file written for nothing"
tui_expect_quiet_stderr

# Unsaved changes: SIGTERM writes the recovery file.
tui_start
tui_wait "Select products with Space" "the planner starts"
tui_keys Space
tui_wait "[x] BlackBerry" "BEMS selected (unsaved)"
tui_keys 3
tui_wait "Enter Zone" "Placement"
tui_keys Enter
tui_wait "Zone of BEMS server" "zone list"
tui_keys Down Enter
tui_wait "BEMS server is now in Perimeter network (DMZ)." "BEMS in the DMZ (unsaved)"
kill -TERM "$(tui_pid)"
tui_wait_exit "SIGTERM ends the planner"
tui_expect_status 143 "SIGTERM"
tui_expect_quiet_stderr
if [ -f "$rec" ]; then
	pass "SIGTERM with unsaved changes writes the recovery file"
	expect_grep 'zone="dmz"' "$rec" "the recovery file holds the unsaved placement"
else
	fail "no recovery file $rec"
fi
tui_has "Zone of" && fail "the curses screen is still shown" || pass "the terminal is restored"

# The next start offers it; Esc keeps it for later.
tui_start
tui_wait "was stopped with unsaved changes to a new plan." "the next start offers the recovery"
tui_wait "Restore them?" "as a question"
tui_keys Escape
tui_wait_gone "Restore them?" "Esc: not now"
[ -f "$rec" ] && pass "Esc keeps the recovery file" || fail "Esc removed the recovery file"
tui_keys q
tui_wait_exit "quit"

# y restores the plan (unsaved); F2 then saves it.
tui_start
tui_wait "Restore them?" "offered again"
tui_keys y
tui_wait "Restored the unsaved changes" "y restores"
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "BEMS is back"
tui_wait "[modified]" "as unsaved changes"
[ ! -e "$rec" ] && pass "the recovery file is gone once restored" || fail "recovery file left"
tui_keys 3
tui_wait "Zone: Perimeter network (DMZ)" "the placement is back"
tui_keys F2
tui_wait "Save the plan as:" "F2 asks for a name"
tui_keys C-u
tui_type "restored.portplan"
tui_keys Enter
tui_wait "Saved the plan to restored.portplan." "saved"

# With a plan file: SIGHUP keeps the changes and the file's name.
tui_keys 1
tui_wait "Space Select" "Products"
tui_keys Down Space
tui_wait "[x] BlueMind" "a change to the saved plan"
kill -HUP "$(tui_pid)"
tui_wait_exit "SIGHUP ends the planner"
tui_expect_status 129 "SIGHUP with unsaved changes"
[ -f "$rec" ] && pass "SIGHUP with unsaved changes writes the recovery file" || fail "no recovery file after SIGHUP"
tui_start
tui_wait "Restore" "the next start offers the recovery"
tui_wait "restored.portplan" "the offer names the plan's file"
tui_keys y
tui_wait "Restored the unsaved changes" "y restores"
tui_wait "restored.port" "with the file's name"
tui_wait "[modified]" "as unsaved changes"
tui_keys F2
tui_wait "Saved the plan to" "F2 saves to that file without asking"
expect_grep 'id="bluemind"' "$WORK/restored.portplan" "the change reached the file"
tui_keys q
tui_wait_exit "quit"
tui_expect_status 0 "quit after saving"

# n discards a recovery file.
tui_start
tui_wait "Select products with Space" "the planner starts"
tui_keys Space
tui_wait "[x] BlackBerry" "a change"
kill -TERM "$(tui_pid)"
tui_wait_exit "SIGTERM"
tui_start
tui_wait "Restore them?" "offered"
tui_keys n
tui_wait "Discarded the recovered changes." "n discards"
[ ! -e "$rec" ] && pass "the recovery file is removed" || fail "recovery file left after n"
tui_wait "[ ] BlackBerry" "the plan is empty"
tui_keys q
tui_wait_exit "quit"

# SIGINT (Ctrl-C) restores the terminal too.
tui_start
tui_wait "Select products with Space" "the planner starts"
kill -INT "$(tui_pid)"
tui_wait_exit "SIGINT ends the planner"
tui_expect_status 130 "SIGINT"
tui_expect_quiet_stderr
finish
