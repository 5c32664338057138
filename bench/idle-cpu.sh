#!/usr/bin/env bash
# CPU used by an idle cockpit: the release binary runs in tmux on a demo
# database at 200x60, nothing is typed, and utime+stime are read from
# /proc/PID/stat before and after the window.
# Usage: bench/idle-cpu.sh [seconds, default 60] [path to steerco]
set -euo pipefail
secs=${1:-60}
bin=$(realpath "${2:-target/release/steerco}")
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 2; }
work=$(mktemp -d)
session=steerco-idle-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/idle.sqlite
"$bin" demo --db "$db" --as-of 2026-11-21 --no-tui >/dev/null
tmux new-session -d -s "$session" -x 200 -y 60 "exec '$bin' --db '$db'"
sleep 2
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$secs"
after=$(ticks)
python3 -c "t=($after-$before)/$hz; print(f'idle cockpit: {t:.2f} s of CPU in $secs s = {100*t/$secs:.3f} % of one core')"
