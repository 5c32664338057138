#!/usr/bin/env python3
"""Start-up to first frame, measured as a user sees it.

Runs the release binary in a pseudo-terminal on a demo database and times
from launch until the first frame (the agenda) has been written, then quits
with `q`. Usage: bench/first-frame.py [RUNS]  (builds nothing: run
`cargo build --release` first).
"""
import os, pty, select, statistics, subprocess, sys, tempfile, time, fcntl, termios, struct

BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "steerco")


def first_frame_ms(db):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BIN, [BIN, "--db", db])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
    start = time.perf_counter()
    seen = b""
    elapsed = None
    while time.perf_counter() - start < 10:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if b"Agenda" in seen and elapsed is None:
                elapsed = (time.perf_counter() - start) * 1000
                os.write(fd, b"q")
                break
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "demo.sqlite")
        subprocess.run([BIN, "demo", "--no-tui", "--db", db, "--as-of", "2026-11-21"],
                       check=True, stdout=subprocess.DEVNULL)
        times = [t for t in (first_frame_ms(db) for _ in range(runs)) if t is not None]
    if not times:
        sys.exit("no frame seen")
    print(f"start-up to first frame over {len(times)} runs: "
          f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms")


if __name__ == "__main__":
    main()
