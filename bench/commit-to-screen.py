#!/usr/bin/env python3
"""Another session's commit to the screen, measured as a user sees it.

Opens the cockpit in a real pseudo-terminal at 200x60 on its KPI grid, then
records a new value for "Customer complaints" from another process
(`steerco kpi record --replace`) again and again, timing from the start of
that process until the new figure is on the cockpit's screen. The writer's
own run is timed apart and printed, to be taken off (read from the terminal's output: every value differs from
the one before in each digit, so the figure is written whole). Usage:

    bench/commit-to-screen.py [RUNS] [--scale]

`--scale` measures on ten years of history (`steerco demo --scale`), the
default on the demo. Builds nothing: run `cargo build --release` first.
"""
import os, statistics, subprocess, sys, tempfile, time

from ptyterm import BIN, Screen, quit, start


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 30
    scale = "--scale" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "steerco.sqlite")
        seed = [BIN, "demo", "--no-tui", "--db", db] + (["--scale"] if scale else [])
        subprocess.run(seed, check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, STEERCO_CONFIG=os.path.join(tmp, "none.toml"), STEERCO_DB=db)
        pid, fd, _ = start([], env)
        screen = Screen(fd)
        if screen.wait_for(b"Agenda") is None:
            sys.exit("the cockpit did not start")
        os.write(fd, b"K")
        if screen.wait_for(b"per month") is None:
            sys.exit("the KPI grid did not show")
        time.sleep(0.5)
        lags = []
        for run in range(runs):
            # every digit differs from the value before, so the redraw writes all of
            # them (a terminal gets only the cells that changed)
            value = str(111 * (2 + run % 8))
            started = time.perf_counter()
            writer = subprocess.Popen([BIN, "--db", db, "kpi", "record", "complaints", value,
                                       "--replace"], stdout=subprocess.DEVNULL, env=env)
            shown = screen.wait_for(value.encode(), timeout=5)
            writer.wait()
            if shown is None:
                print(f"run {run}: not on screen within 5 s")
                continue
            lags.append((shown - started) * 1000)
            time.sleep(0.05)
        quit(pid, fd)
        # the writer's own run (start-up, commit, exit) on the same file with no
        # cockpit: the lags above include it, so it is shown to be taken off
        alone = []
        for run in range(10):
            started = time.perf_counter()
            subprocess.run([BIN, "--db", db, "kpi", "record", "complaints", str(111 * (1 + run % 9)),
                            "--replace"], check=True, stdout=subprocess.DEVNULL, env=env)
            alone.append((time.perf_counter() - started) * 1000)
    if not lags:
        sys.exit("no commit reached the screen")
    lags.sort()
    print(f"writer started to figure on screen, {len(lags)} of {runs} commits"
          f"{' at scale' if scale else ''}: median {statistics.median(lags):.1f} ms, "
          f"worst {lags[-1]:.1f} ms, best {lags[0]:.1f} ms")
    print(f"of which the writer's own run (start, commit, exit): median {statistics.median(alone):.1f} ms")


if __name__ == "__main__":
    main()
