#!/usr/bin/env python3
"""tui-time.py: time the real portplan TUI, driven through tmux.

    bench/tui-time.py --portplan BIN --datadir DIR --cache DIR [--runs N]
                      [--presses N] [--key Down] [-- EXTRA ARGS...]

Prints one line of key=value pairs:

  tui_first_frame_ms   start of the program to its first complete frame,
                       median of --runs starts, tmux overhead subtracted
  tui_key_ms           key press to the complete redraw, median of
                       --presses presses (--keys: cursor movement), tmux
                       overhead subtracted
  tui_toggle_ms        the same for --toggle-key (Space: select/deselect the
                       item under the cursor, which changes the plan)
  tui_first_frame_raw_ms, tui_key_raw_ms, tmux_frame_ms, tmux_key_ms
                       the raw figures and the overhead that was subtracted
  tui=missing reason="..."
                       when the TUI does not run (e.g. not built yet):
                       nothing is measured

A "complete frame" is the screen the program settles on: tmux capture-pane
is polled as fast as tmux answers (about 1-2 ms a poll) until the screen
has not changed for --settle-ms; the time is that of the first poll that
already showed the settled screen.  The same measurement on a trivial
program (printf for the start, a shell loop that prints a counter per key
for the key presses) gives the cost of tmux and of the polling itself,
which is subtracted.  The cache is warmed by one start before timing.

Python 3 standard library and tmux only.
"""

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


class Tmux:
    def __init__(self, width=100, height=30):
        self.dir = tempfile.mkdtemp(prefix="pp-tui-")
        self.sock = os.path.join(self.dir, "sock")
        self.width, self.height = width, height
        self.started = False

    def run(self, *args, check=True):
        return subprocess.run(["tmux", "-S", self.sock, "-f", "/dev/null", *args],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, check=check)

    def start(self, command):
        """Starts COMMAND in a fresh pane; returns the time just before."""
        if not self.started:
            self.run("new-session", "-d", "-x", str(self.width), "-y", str(self.height),
                     "sh -c 'exec sleep 100000'")
            self.run("set-option", "-g", "remain-on-exit", "on")
            self.started = True
        t0 = time.monotonic()
        self.run("respawn-pane", "-k", "-t", "0", command)
        return t0

    def capture(self):
        # -e: with attributes, so that a moved highlight is a change
        return self.run("capture-pane", "-p", "-e", "-t", "0", check=False).stdout

    def dead(self):
        r = self.run("display", "-p", "-t", "0", "#{pane_dead}", check=False)
        return r.stdout.strip() == "1"

    def keys(self, key):
        t0 = time.monotonic()
        self.run("send-keys", "-t", "0", key)
        return t0

    def close(self):
        self.run("kill-server", check=False)
        try:
            os.unlink(self.sock)
        except OSError:
            pass
        os.rmdir(self.dir)


def settle(tm, prev, settle_s, timeout_s):
    """Polls until the screen differs from PREV and then stays the same for
    SETTLE_S.  Returns (time of the first poll showing the final screen,
    final screen), or (None, screen) on a time-out."""
    start = time.monotonic()
    first_seen, screen = None, prev
    while True:
        now = time.monotonic()
        s = tm.capture()
        if s != screen:
            screen, first_seen = s, now
        elif first_seen is not None and s != prev and now - first_seen >= settle_s:
            return first_seen, screen
        if now - start > timeout_s:
            return None, screen


def env_command(args, extra):
    env = {
        "LANG": "C.UTF-8", "TERM": "tmux-256color", "ESCDELAY": "25",
        "PORTPLAN_DATADIR": args.datadir,
        "XDG_CACHE_HOME": args.cache, "XDG_DATA_HOME": os.path.join(args.cache, "data"),
        "XDG_CONFIG_HOME": os.path.join(args.cache, "config"), "HOME": args.cache,
    }
    return ("env " + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + " "
            + shlex.quote(args.portplan) + "".join(" " + shlex.quote(a) for a in extra))


BASE_FRAME = "sh -c 'printf \"portplan baseline frame\\n\"; exec sleep 100000'"
BASE_KEYS = ("bash -c 'stty -icanon -echo min 1; i=0; "
             "while IFS= read -rsn1 c; do i=$((i+1)); printf \"\\rkeys %d \" $i; done'")


BLANK = "sh -c 'clear; exec sleep 100000'"


def blank_pane(tm, timeout_s=5):
    """Replaces the pane's program by one that clears the screen, so that
    the next start cannot be mistaken for the previous program's screen."""
    tm.start(BLANK)
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        s = tm.capture()
        if not s.strip():
            return s
    return tm.capture()


def time_starts(tm, command, runs, settle_s, timeout_s):
    out = []
    for _ in range(runs):
        blank = blank_pane(tm)
        t0 = tm.start(command)
        t, screen = settle(tm, blank, settle_s, timeout_s)
        if t is None or tm.dead():
            return None, screen
        out.append((t - t0) * 1000)
    return out, None


def time_keys(tm, presses, keys, settle_s, timeout_s):
    """Presses keys[0] until it changes nothing (e.g. Down on the last row),
    then the next key (Up), and so on; a press that changes nothing is no
    sample."""
    out = []
    prev = tm.capture()
    k = 0
    for _ in range(presses):
        t0 = tm.keys(keys[k])
        t, screen = settle(tm, prev, settle_s, timeout_s)
        if t is None:
            k = (k + 1) % len(keys)
            continue
        out.append((t - t0) * 1000)
        prev = screen
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--portplan", required=True)
    ap.add_argument("--datadir", required=True, help="PORTPLAN_DATADIR (its catalog/ is used)")
    ap.add_argument("--cache", required=True, help="a private XDG/HOME directory")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--presses", type=int, default=40)
    ap.add_argument("--keys", default="Down,Up", help="comma-separated tmux key names")
    ap.add_argument("--toggle-key", default="Space",
                    help="a key that changes the plan (pressed --toggles times: "
                         "select, deselect...); '' for none")
    ap.add_argument("--toggles", type=int, default=10)
    ap.add_argument("--settle-ms", type=float, default=150)
    ap.add_argument("--timeout", type=float, default=10,
                    help="seconds to wait for a frame")
    ap.add_argument("--key-timeout", type=float, default=2,
                    help="seconds to wait for a redraw after a key (a key that changes "
                         "nothing, e.g. Down on the last row, counts as no sample)")
    ap.add_argument("--warm-timeout", type=float, default=600,
                    help="seconds for the first start (it may build the cache)")
    ap.add_argument("--no-frame", action="store_true", help="only the key presses")
    ap.add_argument("extra", nargs="*")
    args = ap.parse_args()
    os.makedirs(args.cache, exist_ok=True)
    settle_s = args.settle_ms / 1000
    command = env_command(args, args.extra)
    keys = args.keys.split(",")
    tm = Tmux()
    try:
        # warm the cache and check that there is a TUI at all
        tm.start(command)
        t, screen = settle(tm, None, settle_s, args.warm_timeout)
        time.sleep(0.3)
        if t is None or tm.dead():
            lines = [l.strip() for l in (screen or "").splitlines()
                     if l.strip() and not l.startswith("Pane is dead")]
            status = tm.run("display", "-p", "-t", "0", "#{pane_dead_status}",
                            check=False).stdout.strip()
            if not lines:
                # tmux may lose the output of a program that exits at once:
                # run it again outside tmux for its message
                try:
                    r = subprocess.run(["sh", "-c", command], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       text=True, timeout=10)
                    lines = [l.strip() for l in r.stdout.splitlines() if l.strip()]
                except subprocess.TimeoutExpired:
                    pass
            why = " ".join(lines)[:160] or "no output"
            if status:
                why += f" (exit status {status})"
            print(f'tui=missing reason={shlex.quote(why)}')
            return 0
        res = {}
        if not args.no_frame:
            base, _ = time_starts(tm, BASE_FRAME, args.runs, settle_s, args.timeout)
            raw, bad = time_starts(tm, command, args.runs, settle_s, args.timeout)
            if raw is None:
                seen = " ".join(l.strip() for l in (bad or "").splitlines() if l.strip())
                why = f"no stable first frame within {args.timeout:g} s"
                print(f'tui=missing reason={shlex.quote(why + (": " + seen[:80] if seen else ""))}')
                return 0
            b, r = statistics.median(base), statistics.median(raw)
            res.update(tui_first_frame_ms=max(0.0, r - b), tui_first_frame_raw_ms=r,
                       tmux_frame_ms=b)
        else:
            tm.start(command)
            settle(tm, None, settle_s, args.timeout)
        kr = time_keys(tm, args.presses, keys, settle_s, args.key_timeout)
        kt = (time_keys(tm, args.toggles, [args.toggle_key], settle_s, args.key_timeout)
              if args.toggle_key else [])
        tm.start(BASE_KEYS)
        time.sleep(0.3)
        kb = time_keys(tm, args.presses, ["x"], settle_s, args.key_timeout)
        if kr and kb:
            r, b = statistics.median(kr), statistics.median(kb)
            res.update(tui_key_ms=max(0.0, r - b), tui_key_raw_ms=r, tmux_key_ms=b,
                       tui_key_samples=len(kr))
        else:
            res.update(tui_key="no-change")
        if kt and kb:
            r, b = statistics.median(kt), statistics.median(kb)
            res.update(tui_toggle_ms=max(0.0, r - b), tui_toggle_raw_ms=r,
                       tui_toggle_samples=len(kt))
        print("tui=ok " + " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                                   for k, v in res.items()))
    finally:
        tm.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
