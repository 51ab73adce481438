#!/bin/sh
# The planner end to end, as a first-time user at 80x24 would go: BEMS with
# SSL, the BEMS server in the DMZ with an address, review (live update,
# search, filter, details), export Markdown; the file must hold the right
# rules and be the very document the command line writes for the same
# choices.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

tui_start
tui_wait "Select products with Space" "the first screen says what to do"
tui_wait "Space Select" "the status line shows the keys of the screen"

# 1 Products
tui_keys Space
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "Space selects BEMS"
tui_wait "[modified]" "the top line marks unsaved changes"

# 2 Features: SSL is on by default; switching it off and on again
tui_keys Tab
tui_wait "[x] Use the SSL/TLS ports" "Tab goes to Features; SSL is on"
tui_wait "BEMS-Core (base platform)" "services are listed with the features"
tui_wait "Base platform that every BEMS" "help of the item under the cursor"
tui_keys /
tui_type "SSL/TLS"
tui_keys Enter
tui_wait "Where the document gives a plain port" "search moves to the SSL feature and shows its help"
tui_keys Space
tui_wait "[ ] Use the SSL/TLS ports" "Space turns SSL off"
tui_keys 4
tui_wait "TCP 17080" "the review follows the choices: 17080 without SSL"
tui_keys 2
tui_wait "[ ] Use the SSL/TLS ports" "back on Features"
tui_keys Space
tui_wait "[x] Use the SSL/TLS ports" "Space turns SSL on again"

# 3 Placement: the BEMS server into the DMZ, with an address
tui_keys Tab
tui_wait "Enter Zone" "Tab goes to Placement"
tui_wait "BEMS server (bems)" "the cursor is on the BEMS server"
tui_keys Enter
tui_wait "Zone of BEMS server" "Enter opens the zone list"
tui_keys Down Enter
tui_wait "BEMS server is now in Perimeter network (DMZ)." "the BEMS server is in the DMZ"
tui_keys a
tui_wait "Add address" "a asks for an address"
tui_type "10.0.0.300"
tui_keys Enter
tui_wait "is not an IPv4 or IPv6 address" "an invalid address is refused in the dialog"
tui_keys C-u
tui_type "192.0.2.10"
tui_keys Enter
tui_wait "Added to BEMS server." "a valid address is added"
tui_wait "Addresses: 192.0.2.10" "the pane shows the address"

# 4 Review
tui_keys Tab
tui_wait "Perimeter network (DMZ) → Internal network: 6 rules" "rules grouped by boundary"
tui_wait "Internal network → Perimeter network (DMZ): 2 rules" "both directions"
tui_wait "TCP 17433" "the SSL port of the BlackBerry Proxy"
tui_wait "Firewall rules: 8   no change: 0   host-local: 3" "the totals"
if tui_has "TCP 17080"; then fail "17080 is listed with SSL on"; else pass "no 17080 with SSL on"; fi
tui_keys /
tui_type "17433"
tui_keys Enter
tui_wait "R005  TCP 17433  required" "/ finds the rule; the pane shows it"
tui_keys Enter
tui_wait "Rule R005: TCP 17433" "Enter shows the rule's details"
tui_wait "Purpose and citation" "with its purposes and citations"
tui_wait "Source: 000_15f20947a92a4b07.txt" "and the document it cites"
tui_keys Escape
tui_wait_gone "Rule R005:" "Esc closes the details"
tui_keys f
tui_wait "Show which rules?" "f offers the filters"
tui_keys Down Enter
tui_wait "Filter: Internal network → Perimeter network (DMZ)" "filter by boundary"
tui_wait_gone "TCP 17433" "the other boundary is hidden"
tui_keys Escape
tui_wait "TCP 17433" "Esc shows every rule again"
tui_keys f
tui_wait "Show which rules?" "f again"
tui_keys End Enter
tui_wait "Filter: BlackBerry Enterprise Mobility Server (BEMS)" "filter by product"
tui_wait "TCP 17433" "BEMS rules shown"
tui_keys Escape
tui_wait_gone "Filter:" "Esc clears it"
tui_keys w
tui_wait "Warnings of the change request" "w shows the warnings"
tui_wait "R007 (bems/svc443-mail-exchange) is inferred" "inferred flows are warned about"
tui_keys q
tui_wait_gone "Warnings of the change request" "q closes the warnings"

# 5 Export
tui_keys Tab
tui_wait "Format of the change request" "Tab goes to Export"
tui_wait "(*) md" "Markdown is the default format"
tui_keys Enter
tui_wait "Write the change request" "Enter asks for the file name"
tui_wait "bems-change-request.md" "a file name is suggested"
tui_keys Enter
tui_wait "Wrote 8 firewall rules to $WORK/bems-change-request.md" "it says where it wrote"

md="$WORK/bems-change-request.md"
if [ -f "$md" ]; then
	expect_grep '^# Firewall change request' "$md" "the file is a Markdown change request"
	expect_grep '\| TCP \| 17433 \|' "$md" "17433 (SSL) is in the change request"
	expect_no_grep '\| TCP \| 17080 \|' "$md" "17080 (plain) is not"
	expect_grep 'BEMS server \(bems\)<br>192\.0\.2\.10' "$md" "the BEMS server's address is in it"
	expect_grep '^\| Perimeter network \(DMZ\) → Internal network \| 6 \|' "$md" "six rules from the DMZ inward"
	"$PORTPLAN" export --product bems --feature ssl --place bems=dmz \
		--address bems=192.0.2.10 --format md >"$T/cli.md" 2>"$T/cli.err"
	if cmp -s "$md" "$T/cli.md"; then
		pass "the planner writes the same document as portplan export"
	else
		fail "the planner's document differs from portplan export: $(diff "$T/cli.md" "$md" | head -20)"
	fi
else
	fail "no file $md"
fi

# Exporting again asks before replacing the file.
tui_keys Enter
tui_wait "Write the change request" "Enter asks again"
tui_keys Enter
tui_wait "already exists. Replace it" "an existing file is not replaced without asking"
tui_keys n
tui_wait "Write the change request" "n asks for another name"
tui_keys Escape
tui_wait_gone "Write the change request" "Esc cancels"

# CSV too: the format from the registry.
tui_keys Down Enter
tui_wait "bems-change-request.csv" "the CSV file name is suggested"
tui_keys Enter
tui_wait "Wrote 8 firewall rules to $WORK/bems-change-request.csv" "CSV written"
expect_grep '^rule_id,section,boundary' "$WORK/bems-change-request.csv" "the CSV header"
expect_grep '"tcp","17433"' "$WORK/bems-change-request.csv" "17433 in the CSV"

# Quit with unsaved changes: asked; n quits without saving.
tui_keys q
tui_wait "The plan has unsaved changes" "q asks about the unsaved plan"
tui_keys n
tui_wait_exit "n quits without saving"
tui_expect_status 0 "quitting"
tui_expect_quiet_stderr
ls "$WORK"/*.portplan >/dev/null 2>&1 && fail "a plan was saved" || pass "no plan saved"
[ ! -e "$XDG_STATE_HOME/portplan/recovery.portplan" ] && pass "no recovery file after a normal quit" ||
	fail "recovery file after a normal quit"
finish
