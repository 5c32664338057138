#!/usr/bin/env python3
"""Eight quality managers updating their actions at once, with the cockpit open.

Builds the scale fixture (`steerco demo --scale`: 100,000 actions, 1,000,000
KPI values), opens the cockpit in a real pseudo-terminal at 200x60, and starts
eight writers, each making 60 updates one after another (`steerco action
update REF --note ...` on open actions of its own). Meanwhile the cockpit's
keys are timed: K switches between the agenda and the KPI grid, and the time
from the key to the new screen's text is taken, again and again, while the
writers run. Prints the failed updates (any non-zero exit, with its message),
the writers' time per update, and the cockpit's key response. Usage:

    bench/eight-writers.py [--demo] [--writers N] [--updates N]

`--demo` runs on the demo database instead. Builds nothing: run
`cargo build --release` first.
"""
import csv, io, os, statistics, subprocess, sys, tempfile, threading, time

from ptyterm import BIN, Screen, quit, start


def option(name, default):
    if name in sys.argv:
        return int(sys.argv[sys.argv.index(name) + 1])
    return default


def cpu_seconds(pid):
    """User and system CPU a process has used, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def writer(env, db, refs, number, results):
    for i, ref in enumerate(refs):
        started = time.perf_counter()
        done = subprocess.run([BIN, "--db", db, "action", "update", ref, "--note",
                               f"writer {number}, update {i + 1}"],
                              env=env, capture_output=True, text=True)
        took = (time.perf_counter() - started) * 1000
        results.append((number, ref, done.returncode, done.stderr.strip(), took))


def main():
    writers = option("--writers", 8)
    updates = option("--updates", 60)
    demo = "--demo" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "steerco.sqlite")
        seed = [BIN, "demo", "--no-tui", "--db", db] + ([] if demo else ["--scale"])
        subprocess.run(seed, check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, STEERCO_CONFIG=os.path.join(tmp, "none.toml"), STEERCO_DB=db)
        listing = subprocess.run([BIN, "--db", db, "action", "list", "--csv"], env=env,
                                 check=True, capture_output=True, text=True).stdout
        refs = [row["ref"] for row in csv.DictReader(io.StringIO(listing))]
        if len(refs) < writers * updates:
            # the demo has few open actions: writers share them
            refs = (refs * (writers * updates // max(len(refs), 1) + 1))
        refs = refs[: writers * updates]

        pid, fd, _ = start([], env)
        screen = Screen(fd)
        if screen.wait_for(b"Agenda") is None:
            sys.exit("the cockpit did not start")
        time.sleep(1.0)  # the KPI history loads after the first frame

        def toggle(on_kpis):
            pressed = time.perf_counter()
            os.write(fd, b"K")
            shown = screen.wait_for(b"Agenda" if on_kpis else b"per month", timeout=5)
            return None if shown is None else (shown - pressed) * 1000

        # the same keys with nothing else running, to compare with
        quiet = [toggle(i % 2 == 1) for i in range(20)]
        quiet = sorted(k for k in quiet if k is not None)

        results = []
        threads = [threading.Thread(target=writer,
                                    args=(env, db, refs[n::writers], n + 1, results))
                   for n in range(writers)]
        cpu_before = cpu_seconds(pid)
        started = time.perf_counter()
        for t in threads:
            t.start()
        keys = []
        lost = 0
        on_kpis = False
        while any(t.is_alive() for t in threads):
            answered = toggle(on_kpis)
            if answered is None:
                lost += 1
            else:
                keys.append(answered)
            on_kpis = not on_kpis
            time.sleep(0.1)
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        cockpit_cpu = cpu_seconds(pid) - cpu_before
        quit(pid, fd)

    failed = [r for r in results if r[2] != 0]
    took = sorted(r[4] for r in results)
    print(f"{writers} writers x {updates} updates{'' if demo else ' at 100,000 actions'}, "
          f"cockpit open: {len(failed)} of {len(results)} failed, in {wall:.1f} s")
    for number, ref, code, err, _ in failed[:10]:
        print(f"  writer {number}, {ref}: exit {code}: {err}")
    print(f"an update, start to exit: median {statistics.median(took):.1f} ms, "
          f"worst {took[-1]:.1f} ms")
    if keys:
        keys.sort()
        print(f"cockpit key to new screen, {len(keys)} keys during the load: median "
              f"{statistics.median(keys):.1f} ms, worst {keys[-1]:.1f} ms"
              f"{f', {lost} not answered within 5 s' if lost else ''}")
    print(f"the cockpit's own CPU during the load: {cockpit_cpu:.2f} s of {wall:.1f} s")
    if quiet:
        print(f"the same key with no writers: median {statistics.median(quiet):.1f} ms, "
              f"worst {quiet[-1]:.1f} ms")
    sys.exit(1 if failed or lost else 0)


if __name__ == "__main__":
    main()
