#!/bin/sh
# The planner draws only when a handler says that something changed (enum
# tui_reaction in src/tui/internal.h): there is no redraw after every key.
# So every change a key makes must show on its own.  Each step below
# starts with an empty message line (a key that clears a message redraws,
# which would hide a handler that forgot to report its change) and waits
# for what the key changed: a cursor, a scroll position, a view or dialog
# opened or closed, the text and cursor of a prompt, a filter, a choice, a
# new size.  A handler returning TUI_R_NONE for any of these fails here.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-lib.sh"

# no-op: a key bound to nothing anywhere
NOOP=x

tui_start
tui_wait "Welcome! Select products with Space" "a new plan with its welcome message"
tui_keys "$NOOP"
tui_wait_gone "Welcome!" "a key that does nothing clears the message, and that shows"

# The list's cursor: the pane below shows the product under it.
tui_wait "(BlackBerry, bems)" "the cursor on the first product"
tui_keys Down
tui_wait "(BlueMind, bluemind)" "Down moves the cursor"
tui_keys End
tui_wait "(Microsoft, mis)" "End: the last product"
tui_keys k
tui_wait "(Forcepoint, forcepoint)" "k moves up"
tui_keys g
tui_wait "(BlackBerry, bems)" "g: the first product"

# The help view opens, scrolls and closes.
tui_keys '?'
tui_wait "Help: Products" "? opens the help"
help_pos() {
	tui_screen | sed -n 2p | grep -o '1-[0-9]* of [0-9]*$'
}
tui_poll help_pos >/dev/null || fail "the help shows no position: $(tui_screen | sed -n 2p)"
# (not $n: tui-lib.sh's polling counts in it)
pos=$(help_pos)
shown=$(printf '%s' "$pos" | sed 's/^1-\([0-9]*\) of.*/\1/')
lines=$(printf '%s' "$pos" | sed 's/.* of //')
if [ -n "$shown" ] && [ -n "$lines" ] && [ "$lines" -gt "$((shown + 1))" ]; then
	tui_keys Down
	tui_wait "2-$((shown + 1)) of $lines" "Down scrolls the help"
	tui_keys End
	tui_wait "$((lines - shown + 1))-$lines of $lines" "End: the help's last page"
	tui_keys Home
	tui_wait "$pos" "Home: the help's first page"
else
	fail "the help's position is not \"1-H of N\" with more than a page: \"$pos\""
fi
tui_keys Escape
tui_wait_gone "Help: Products" "Esc closes the help"
tui_wait "(BlackBerry, bems)" "the screen is back"

# Screens.
tui_keys Tab
tui_wait "No product is selected yet" "Tab: Features"
tui_keys 3
tui_wait "Nothing to place yet" "3: Placement"
tui_keys BTab
tui_wait "No product is selected yet" "Shift-Tab: back to Features"
tui_keys 1
tui_wait "(BlackBerry, bems)" "1: Products"

# A text field: typing, deleting, moving the text cursor, an error.
tui_keys F2
tui_wait "Save the plan as:" "F2 opens the prompt"
tui_wait "plan.portplan" "with a suggested name"
tui_keys C-u
tui_wait_gone "plan.portplan" "Ctrl-U clears the text"
tui_type "qq7"
tui_wait "qq7" "typed text shows"
tui_keys BSpace
tui_wait_gone "qq7" "Backspace deletes"
tui_wait "qq" "what is left"
col=$(tui_column qq)
tui_wait_cursor_x "$((col + 2))" "the text cursor after the text"
tui_keys Left
tui_wait_cursor_x "$((col + 1))" "Left moves the text cursor"
tui_type "Z"
tui_wait "qZq" "typing inserts at the text cursor"
tui_keys Home
tui_wait_cursor_x "$col" "Home moves it to the start"
tui_type "Y"
tui_wait "YqZq" "typing there"
tui_keys End
tui_wait_cursor_x "$((col + 4))" "End moves it to the end"
tui_type "W"
tui_wait "YqZqW" "typing at the end"
tui_keys Home DC
tui_wait_gone "YqZqW" "Delete deletes under the text cursor"
tui_wait "qZqW" "what is left"
tui_keys C-u Enter
tui_wait "Type a file name, or press Esc to cancel." "Enter on no text: the prompt says why"
tui_keys Escape
tui_wait_gone "Save the plan as:" "Esc closes the prompt"

# Searching: the prompt on the message line, matches, repeats.
tui_keys /
tui_wait_line 23 "/" "/ opens the search field on the message line"
tui_type "server"
tui_wait "/ server" "the search text shows"
tui_keys Enter
tui_wait "(BlueMind, bluemind)" "Enter: the first match after the cursor"
tui_keys n
tui_wait "(Forcepoint, forcepoint)" "n: the next match"
tui_keys N
tui_wait "(BlueMind, bluemind)" "N: the previous match"
tui_keys / 
tui_type "zzqq"
tui_keys Enter
tui_wait "Not found: zzqq" "no match: a message"
tui_keys "$NOOP"
tui_wait_gone "Not found: zzqq" "the next key clears it"

# A change of the plan.
tui_keys g Space
tui_wait "[x] BlackBerry Enterprise Mobility Server (BEMS)" "Space selects a product"
tui_wait "[modified]" "the plan is modified"
tui_keys "$NOOP"
tui_wait_gone "Added BlackBerry" "the message goes"

# A list of choices: its cursor.
tui_keys 3 Enter
tui_wait "Zone of BEMS server" "Enter: the list of zones"
tui_wait_highlight "Internal network (default)" "the menu's cursor on the current zone"
tui_keys Down
tui_wait_highlight "Perimeter network (DMZ)" "Down moves the menu's cursor"
tui_keys Up
tui_wait_highlight "Internal network (default)" "Up moves it back"
tui_keys Escape
tui_wait_gone "Zone of BEMS server" "Esc closes the menu"

# Review: a filter from a menu, cleared with Esc; the warnings view.
tui_keys 4
tui_wait "Firewall rules: " "4: Review with its totals"
tui_keys f
tui_wait "Show which rules?" "f: the filters"
tui_keys End Enter
tui_wait "Filter: BlackBerry Enterprise Mobility Server (BEMS) (Esc shows all rules)" "a product filter"
tui_keys Escape
tui_wait_gone "Filter: " "Esc clears the filter"
tui_wait "Firewall rules: " "the totals are back"
tui_keys w
tui_wait "Warnings of the change request" "w: the warnings"
tui_keys q
tui_wait_gone "Warnings of the change request" "q closes them"

# Export: the cursor and the chosen format.
tui_keys 5
tui_wait "Suggested file: bems-change-request.md" "5: Export"
tui_keys Down
tui_wait "Suggested file: bems-change-request.csv" "Down: the next format"
tui_keys Space
tui_wait "(*) csv" "Space chooses it"

# Resizing.
tui_resize 50 12
tui_wait "Terminal too small (50x12)" "a smaller terminal"
tui_resize 80 24
tui_wait "(*) csv" "back at 80x24"
tui_wait_gone "too small" "no trace of the message"

# Quitting asks, and n quits.
tui_keys q
tui_wait "The plan has unsaved changes" "q asks"
tui_keys n
tui_wait_exit "n quits"
tui_expect_status 0 "quit without saving"
tui_expect_quiet_stderr
finish
