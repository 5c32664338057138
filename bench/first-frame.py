#!/usr/bin/env python3
"""Start-up to first frame, measured as a user sees it.

Runs the release binary in a pseudo-terminal at 200x60 and times from launch
until the screen asked for has been drawn, then quits with `q`:

- `cockpit` (the default): launch until the agenda shows;
- `kpis`, `risks`: launch, then K or R as soon as the agenda shows, until
  that screen shows (the key's own time is printed apart);
- `actions`: `steerco actions` until the actions screen shows.

Usage: bench/first-frame.py [RUNS] [--scale] [--screen cockpit|kpis|risks|actions|all]

`--scale` measures on ten years of history (`steerco demo --scale`: 100,000
actions, 1,000,000 KPI values), the default on the demo. Builds nothing: run
`cargo build --release` first.
"""
import os, statistics, subprocess, sys, tempfile

from ptyterm import BIN, Screen, quit, start

# what each screen shows once drawn, and how it is reached
SCREENS = {
    "cockpit": ([], None, b"Agenda"),
    "kpis": ([], b"K", b"per month"),
    "risks": ([], b"R", b"Register ("),
    "actions": (["actions"], None, b"Selected"),
}


def first_frame_ms(db, env, screen):
    args, key, marker = SCREENS[screen]
    pid, fd, started = start(["--db", db] + args, env)
    terminal = Screen(fd)
    total = key_ms = None
    if key is None:
        shown = terminal.wait_for(marker)
    else:
        agenda = terminal.wait_for(b"Agenda")
        shown = None
        if agenda is not None:
            os.write(fd, key)
            shown = terminal.wait_for(marker)
            if shown is not None:
                key_ms = (shown - agenda) * 1000
    if shown is not None:
        total = (shown - started) * 1000
    quit(pid, fd)
    return total, key_ms


def report(name, times):
    times = sorted(times)
    return (f"median {statistics.median(times):.1f} ms, min {times[0]:.1f} ms, "
            f"max {times[-1]:.1f} ms")


def main():
    args = [a for i, a in enumerate(sys.argv[1:]) if not a.startswith("--")
            and sys.argv[i] != "--screen"]
    runs = int(args[0]) if args else 20
    scale = "--scale" in sys.argv
    screen = sys.argv[sys.argv.index("--screen") + 1] if "--screen" in sys.argv else "cockpit"
    screens = list(SCREENS) if screen == "all" else [screen]
    if any(s not in SCREENS for s in screens):
        sys.exit(f"no screen {screen}: cockpit, kpis, risks, actions or all")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "demo.sqlite")
        seed = [BIN, "demo", "--no-tui", "--db", db, "--as-of", "2026-11-21"]
        subprocess.run(seed + (["--scale"] if scale else []), check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, STEERCO_CONFIG=os.path.join(tmp, "none.toml"))
        first_frame_ms(db, env, "cockpit")  # the first open after seeding checkpoints once
        for name in screens:
            results = [first_frame_ms(db, env, name) for _ in range(runs)]
            totals = [t for t, _ in results if t is not None]
            keys = [k for _, k in results if k is not None]
            if not totals:
                sys.exit(f"{name}: no frame seen")
            where = " at scale" if scale else ""
            print(f"{name}{where}, launch to first frame over {len(totals)} runs: {report(name, totals)}")
            if keys:
                print(f"  of which the key from the agenda to {name}: {report(name, keys)}")


if __name__ == "__main__":
    main()
