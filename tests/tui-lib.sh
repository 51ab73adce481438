# tests/tui-lib.sh: drive the real planner in tmux (tmux regress/, tig
# test/).  Source it after lib.sh.
#
# Every test gets a private tmux server (its own socket, no configuration
# file), an 80x24 window, a pinned locale, terminal and Esc delay, and
# polls the screen (every 0.1 s, with a time-out) instead of sleeping.
#
#   tui_start [ARGS...]     run portplan ARGS in $WORK (the pane stays after exit);
#                           $TUI_ENV adds environment assignments (NO_COLOR=1),
#                           $TUI_WRAP a command to run it under (valgrind ...)
#   tui_keys KEY...         tmux send-keys (Enter, Tab, Space, F2, Escape, Down...)
#   tui_type TEXT           type TEXT literally
#   tui_wait TEXT [DESC]    wait until TEXT (fixed string) is on the screen
#   tui_wait_gone TEXT [DESC]
#   tui_wait_exit [DESC]    wait until portplan exits; its status in $TUI_STATUS
#   tui_pid                 portplan's process id (to send it signals)
#   tui_screen              print the screen
#   tui_highlight           print the text under the cursor highlight (lists,
#                           menus), one line per highlighted stretch; not the
#                           tabs on the top line (colour terminals only)
#   tui_wait_highlight TEXT [DESC]
#                           wait until the highlight shows TEXT
#   tui_wait_line N TEXT [DESC]
#                           wait until line N (from 1) is TEXT, exactly
#   tui_column TEXT         the column where TEXT (no regex characters) first
#                           is on the screen, from 0
#   tui_wait_cursor_x COL [DESC]
#                           wait until the terminal's cursor is in column COL
#                           (a text field's cursor)
#   tui_resize COLS LINES
#   tui_stop                kill the session

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: skipping the planner's end-to-end tests"
	exit 77
fi

unset TMUX TMUX_PANE
TUI_N=0
TUI_SOCK="$T/tmux0.sock"
TUI_TIMEOUT=${TUI_TIMEOUT:-30}	# seconds; generous for sanitizer builds
WORK="$T/work"
export XDG_STATE_HOME="$T/state"
mkdir -p "$WORK" "$XDG_STATE_HOME"
TUI_TERM=tmux-256color
infocmp "$TUI_TERM" >/dev/null 2>&1 || TUI_TERM=screen
trap 'tmux -S "$TUI_SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

tm() {
	tmux -S "$TUI_SOCK" -f /dev/null "$@"
}

# Quotes each argument for a shell command line.
tui_quote() {
	for a in "$@"; do
		printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
}

# The pane runs a shell that records portplan's exit status in $T/status
# (tmux 3.3 does not always reap a pane's process, so #{pane_dead_status}
# is not reliable).
tui_start() {
	# a new server on a new socket: a client of the old socket could
	# still reach the old server while it shuts down
	tm kill-server >/dev/null 2>&1
	TUI_N=$((TUI_N + 1))
	TUI_SOCK="$T/tmux$TUI_N.sock"
	rm -f "$T/status"
	tm set -g remain-on-exit on \; \
	   new-session -d -x 80 -y 24 -s pp \
	   "cd $(tui_quote "$WORK") && env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=$TUI_TERM ESCDELAY=25 ${TUI_ENV:-} ${TUI_WRAP:-} $(tui_quote "$PORTPLAN" "$@") 2>$(tui_quote "$T/stderr"); echo \$? >$(tui_quote "$T/status.tmp") && mv $(tui_quote "$T/status.tmp") $(tui_quote "$T/status")"
	if ! tm has-session -t pp >/dev/null 2>&1; then
		# a broken tmux must not look like 30 s time-outs per check
		fail "tmux cannot start a session: $(tm new-session -d 'true' 2>&1 | head -c 300)"
		finish
	fi
}

tui_keys() {
	tm send-keys -t pp "$@"
}

tui_type() {
	tm send-keys -t pp -l "$1"
}

tui_screen() {
	tm capture-pane -p -t pp
}

# The cursor role is the only one drawn black on cyan (src/tui/theme.c)
# below the tabs: print what follows each such colour change.
tui_highlight() {
	tm capture-pane -p -e -t pp | sed 1d |
		grep -o "$(printf '\033')\[46m[^$(printf '\033')]*" | cut -c6-
}

tui_has_highlight() {
	tui_highlight | grep -qF -- "$1"
}

tui_wait_highlight() {
	if tui_poll tui_has_highlight "$1"; then
		pass "${2:-the highlight shows \"$1\"}"
		return 0
	fi
	fail "${2:-the highlight shows \"$1\"}: not within ${TUI_TIMEOUT}s; highlighted:
$(tui_highlight)"
	return 1
}

tui_line_is() {
	[ "$(tui_screen | sed -n "$1p")" = "$2" ]
}

tui_wait_line() {
	if tui_poll tui_line_is "$1" "$2"; then
		pass "${3:-line $1 is \"$2\"}"
		return 0
	fi
	fail "${3:-line $1 is \"$2\"}: it is \"$(tui_screen | sed -n "$1p")\" after ${TUI_TIMEOUT}s"
	return 1
}

# Characters, not bytes, before TEXT on its line (the locale is UTF-8).
tui_column() {
	tui_screen | grep -F -- "$1" | head -1 | sed "s/$1.*//" | tr -d '\n' | wc -m
}

tui_cursor_at() {
	[ "$(tm display -p -t pp '#{cursor_x}')" = "$1" ]
}

tui_wait_cursor_x() {
	if tui_poll tui_cursor_at "$1"; then
		pass "${2:-the cursor is in column $1}"
		return 0
	fi
	fail "${2:-the cursor is in column $1}: in column $(tm display -p -t pp '#{cursor_x}') after ${TUI_TIMEOUT}s; the screen:
$(tui_screen)"
	return 1
}

tui_resize() {
	tm resize-window -t pp -x "$1" -y "$2"
}

tui_stop() {
	tm kill-server >/dev/null 2>&1
}

# Polls the screen every 0.1 s; the time-out is counted in polls.
tui_poll() {	# CONDITION-COMMAND...
	n=0
	limit=$((TUI_TIMEOUT * 10))
	while [ "$n" -lt "$limit" ]; do
		if "$@"; then
			return 0
		fi
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

tui_has() {
	tui_screen | grep -qF -- "$1"
}

tui_lacks() {
	! tui_screen | grep -qF -- "$1"
}

tui_dead() {
	[ -s "$T/status" ]
}

tui_wait() {
	if tui_poll tui_has "$1"; then
		pass "${2:-screen shows \"$1\"}"
		return 0
	fi
	fail "${2:-screen shows \"$1\"}: not within ${TUI_TIMEOUT}s; the screen:
$(tui_screen)
stderr: $(cat "$T/stderr" 2>/dev/null | head -c 2000)"
	return 1
}

tui_wait_gone() {
	if tui_poll tui_lacks "$1"; then
		pass "${2:-\"$1\" is gone}"
		return 0
	fi
	fail "${2:-\"$1\" is gone}: still there after ${TUI_TIMEOUT}s; the screen:
$(tui_screen)"
	return 1
}

TUI_STATUS=
tui_wait_exit() {
	if tui_poll tui_dead; then
		TUI_STATUS=$(cat "$T/status")
		pass "${1:-portplan exited} (status $TUI_STATUS)"
		return 0
	fi
	TUI_STATUS=
	fail "${1:-portplan exited}: still running after ${TUI_TIMEOUT}s; the screen:
$(tui_screen)"
	return 1
}

# tui_expect_status CODE DESC: after tui_wait_exit.
tui_expect_status() {
	if [ "$TUI_STATUS" = "$1" ]; then
		pass "$2 (exit $1)"
	else
		fail "$2: exit ${TUI_STATUS:-none}, expected $1; stderr: $(head -c 2000 "$T/stderr" 2>/dev/null)"
	fi
}

# The planner's process id (for signals): the child of the pane's shell.
tui_pid() {
	ps -o pid= --ppid "$(tm display -p -t pp '#{pane_pid}')" | tr -d ' '
}

# Nothing may reach stderr while curses owns the terminal.
tui_expect_quiet_stderr() {
	if [ -s "$T/stderr" ]; then
		fail "portplan wrote to stderr: $(head -c 2000 "$T/stderr")"
	else
		pass "nothing written to stderr"
	fi
}
