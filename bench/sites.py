#!/usr/bin/env python3
"""The corporate screen over ten sites, measured as a user sees it.

Builds one site with ten years of history (`steerco demo --scale`: 100,000
actions, 1,000,000 KPI values), copies it to ten site files, registers them in
a corporate database (`sites add` reads each trail through once), then times:

- `steerco sites list --json`, every trail already checked and unchanged;
- `steerco sites view` in a real pseudo-terminal at 200x60, from launch until
  the sites' table is drawn;
- `steerco sites list --recheck`: every trail read through again;
- the central review's cockpit, from launch to its first frame (the sites
  are read on a thread of their own), and its sign-off (`review close`),
  which records each site's record as it stands.

Usage: bench/sites.py [RUNS]. Builds nothing: run `cargo build --release` first.
"""
import os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

from ptyterm import BIN, Screen, quit, start

SITES = 10


def steerco(db, *args):
    subprocess.run([BIN, "--db", db, *args], check=True, stdout=subprocess.DEVNULL)


def timed(db, *args):
    started = time.perf_counter()
    subprocess.run([BIN, "--db", db, *args], stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def report(times):
    times = sorted(times)
    return f"median {statistics.median(times):.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms"


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    env = dict(os.environ, STEERCO_CONFIG="/nonexistent")
    with tempfile.TemporaryDirectory() as tmp:
        first = os.path.join(tmp, "site-0.sqlite")
        print("building one site with ten years of history…", flush=True)
        subprocess.run([BIN, "--db", first, "demo", "--no-tui", "--scale", "--site", "S0"],
                       check=True, stdout=subprocess.DEVNULL, env=env)
        corporate = os.path.join(tmp, "group.sqlite")
        subprocess.run([BIN, "--db", corporate, "demo", "--no-tui", "--site", "HQ"],
                       check=True, stdout=subprocess.DEVNULL, env=env)
        started = time.perf_counter()
        for n in range(SITES):
            path = os.path.join(tmp, f"site-{n}.sqlite")
            if n:
                shutil.copyfile(first, path)
            steerco(corporate, "sites", "add", f"Site {n}", path)
        print(f"sites add, ten sites of 100,000 actions: {time.perf_counter() - started:.1f} s in all")
        print("sites list --json, trails unchanged:", report([timed(corporate, "sites", "list", "--json") for _ in range(runs)]))
        frames = []
        for _ in range(runs):
            pid, fd, begun = start(["--db", corporate, "sites", "view"], env)
            shown = Screen(fd).wait_for(b"10 intact", timeout=30)
            if shown is not None:
                frames.append((shown - begun) * 1000)
            quit(pid, fd)
        print("sites view, launch to the sites' table at 200x60:", report(frames) if frames else "never drawn")
        print("sites list --recheck, every trail read through:", report([timed(corporate, "sites", "list", "--recheck") for _ in range(max(1, runs // 5))]))
        frames = []
        for _ in range(runs):
            pid, fd, begun = start(["--db", corporate], env)
            shown = Screen(fd).wait_for(b"Agenda", timeout=30)
            if shown is not None:
                frames.append((shown - begun) * 1000)
            quit(pid, fd)
        print("central review's cockpit, launch to the first frame:", report(frames) if frames else "never drawn")
        conn = sqlite3.connect(corporate)
        (ref,) = conn.execute("SELECT ref FROM review WHERE status != 'closed' ORDER BY id DESC").fetchone()
        conn.close()
        steerco(corporate, "review", "start", ref)
        steerco(corporate, "review", "attend", ref, "David Okafor", "--presence", "present")
        started = time.perf_counter()
        steerco(corporate, "review", "close", ref, "--reason", "bench")
        print(f"sign-off of the central review over ten sites: {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
