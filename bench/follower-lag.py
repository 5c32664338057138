#!/usr/bin/env python3
"""How soon remote attendees see the facilitator's move.

Opens the facilitator's cockpit at 200x60 and FOLLOWERS `steerco follow`
sessions at 80x24, each in its own pseudo-terminal, on the demo. The
facilitator then jumps between the first and the last agenda item (Home,
End) again and again; each time, every follower's screen is read until
the new item's title shows. Prints the lag per move and follower, from the
key to the title on the follower's terminal. Usage:

    bench/follower-lag.py [RUNS] [--followers N] [--scale]

Builds nothing: run `cargo build --release` first.
"""
import os, select, statistics, subprocess, sys, tempfile, time

from ptyterm import BIN, Screen, quit, start

TITLES = {b"\x1b[H": b"Opening and purpose", b"\x1b[F": b"Close and sign-off"}


def main():
    args = sys.argv[1:]
    followers = int(args[args.index("--followers") + 1]) if "--followers" in args else 3
    rest = [a for i, a in enumerate(args)
            if not a.startswith("--") and (i == 0 or args[i - 1] != "--followers")]
    runs = int(rest[0]) if rest else 30
    scale = "--scale" in args
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "steerco.sqlite")
        seed = [BIN, "demo", "--no-tui", "--db", db] + (["--scale"] if scale else [])
        subprocess.run(seed, check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, STEERCO_CONFIG=os.path.join(tmp, "none.toml"), STEERCO_DB=db)
        driver, dfd, _ = start([], env)
        dscreen = Screen(dfd)
        if dscreen.wait_for(b"Agenda") is None:
            sys.exit("the facilitator's cockpit did not start")
        remote = []
        for _ in range(followers):
            pid, fd, _ = start(["follow"], env, rows=24, cols=80)
            screen = Screen(fd)
            if screen.wait_for(b"following") is None:
                sys.exit("a follower did not start")
            remote.append((pid, fd, screen))
        time.sleep(0.5)
        lags = []
        for run in range(runs):
            key = b"\x1b[F" if run % 2 == 0 else b"\x1b[H"
            pressed = time.perf_counter()
            os.write(dfd, key)
            for _, _, screen in remote:
                shown = screen.wait_for(TITLES[key], timeout=5)
                if shown is None:
                    print(f"run {run}: a follower did not show the move within 5 s")
                    continue
                lags.append((shown - pressed) * 1000)
            # the facilitator's own terminal is read too, or it blocks
            while select.select([dfd], [], [], 0.05)[0]:
                os.read(dfd, 1 << 16)
        for pid, fd, _ in remote:
            quit(pid, fd)
        quit(driver, dfd)
    lags.sort()
    print(f"{followers} followers, {runs} moves{' at scale' if scale else ''}: "
          f"median {statistics.median(lags):.1f} ms, "
          f"p90 {lags[int(len(lags) * 0.9) - 1]:.1f} ms, worst {lags[-1]:.1f} ms "
          f"(key on the facilitator's terminal to the title on each follower's)")


if __name__ == "__main__":
    main()
