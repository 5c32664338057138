"""A steerco session in a real pseudo-terminal, for the bench scripts."""
import fcntl, os, pty, select, struct, termios, time

BIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "steerco")


def start(args, env, rows=60, cols=200):
    """Starts steerco with `args` in a terminal of that size: (pid, fd, started)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN] + args, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd, time.perf_counter()


class Screen:
    """What the terminal is sent, read until a text shows."""

    def __init__(self, fd):
        self.fd = fd
        self.seen = b""

    def wait_for(self, marker, timeout=10.0):
        """The time `marker` showed, or None when it did not within `timeout`."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.005)
            if ready:
                try:
                    self.seen += os.read(self.fd, 1 << 16)
                except OSError:
                    return None
                if marker in self.seen:
                    self.seen = b""
                    return time.perf_counter()
                self.seen = self.seen[-8192:]
        return None


def quit(pid, fd):
    """q, reading what steerco draws until it has gone (a terminal nobody
    reads fills up and blocks it)."""
    os.write(fd, b"q")
    end = time.perf_counter() + 10
    while time.perf_counter() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                os.read(fd, 1 << 16)
            except OSError:
                pass
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
