//! The cockpit in a real pseudo-terminal, as sshd or a terminal window runs
//! it: steerco leads its own session with the terminal as its controlling
//! terminal, so closing the other end is a real hang-up.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::pty::{Winsize, openpty};

pub struct Cockpit {
    pub child: Child,
    master: Option<File>,
    screen: Vec<u8>,
    size: (u16, u16),
}

impl Cockpit {
    /// `steerco --db DB ARGS…` on a new terminal of `cols`×`rows`, as
    /// `ssh host steerco` runs it: steerco leads the terminal's session.
    pub fn start(db: &Path, args: &[&str], cols: u16, rows: u16) -> Cockpit {
        Self::start_with(db, args, cols, rows, &[])
    }

    /// The same with these variables set (NO_COLOR, STEERCO_CONFIG).
    pub fn start_with(
        db: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &Path)],
    ) -> Cockpit {
        let mut command = Command::new(env!("CARGO_BIN_EXE_steerco"));
        command.envs(env.iter().copied());
        Self::start_in(command, db, args, cols, rows)
    }

    /// The same, typed at a shell's prompt: the shell leads the session and
    /// steerco is its child, as in a terminal window or an SSH login.
    pub fn start_from_shell(db: &Path, args: &[&str], cols: u16, rows: u16) -> Cockpit {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(format!(
            "'{}' \"$@\"; echo steerco ended",
            env!("CARGO_BIN_EXE_steerco")
        ));
        shell.arg("sh");
        Self::start_in(shell, db, args, cols, rows)
    }

    fn start_in(mut command: Command, db: &Path, args: &[&str], cols: u16, rows: u16) -> Cockpit {
        let size = Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(&size, None).expect("a pseudo-terminal");
        // steerco must not inherit the terminal's other end, or it never hangs up
        for fd in [pty.master.as_raw_fd(), pty.slave.as_raw_fd()] {
            // SAFETY: fcntl on descriptors this function owns.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        let slave: OwnedFd = pty.slave;
        let stdio = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("dup"));
        // the tester's own settings stay out of it, unless a test sets them
        for (name, value) in [
            ("STEERCO_CONFIG", "/nonexistent/steerco-test.toml"),
            ("NO_COLOR", ""),
        ] {
            if !command.get_envs().any(|(k, _)| k == name) {
                command.env(name, value);
            }
        }
        command
            .arg("--db")
            .arg(db)
            .args(args)
            .env_remove("STEERCO_DB")
            .env("TERM", "xterm-256color")
            .stdin(stdio(&slave))
            .stdout(stdio(&slave))
            .stderr(stdio(&slave));
        let slave_fd = slave.as_raw_fd();
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            use std::os::unix::process::CommandExt;
            command.pre_exec(move || {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                let _ = slave_fd;
                Ok(())
            });
        }
        let child = command.spawn().expect("steerco starts");
        drop(command);
        drop(slave);
        // read without blocking, so that closing this one descriptor is the hang-up
        let master = File::from(pty.master);
        // SAFETY: fcntl on a descriptor this function owns.
        unsafe {
            let fd = master.as_raw_fd();
            libc::fcntl(
                fd,
                libc::F_SETFL,
                libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK,
            );
        }
        Cockpit {
            child,
            master: Some(master),
            screen: Vec::new(),
            size: (rows, cols),
        }
    }

    /// Everything steerco has written to the terminal so far, as text.
    pub fn output(&mut self) -> String {
        if let Some(master) = self.master.as_mut() {
            let mut buf = [0u8; 16384];
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                self.screen.extend_from_slice(&buf[..n]);
            }
        }
        String::from_utf8_lossy(&self.screen).into_owned()
    }

    /// The screen as a person sees it now, row by row: the output played
    /// through a terminal emulator.
    pub fn screen(&mut self) -> String {
        self.output();
        let size = |n: u16| std::num::NonZero::new(n).expect("a terminal has a size");
        let mut parser = vt100::Parser::new(size(self.size.0), size(self.size.1), 0);
        parser.process(&self.screen);
        parser.screen().contents()
    }

    /// Waits until `text` is on the screen; panics with the screen otherwise.
    pub fn wait_on_screen(&mut self, text: &str) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "never saw {text:?} on: {}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `text` has been drawn; panics with the output otherwise.
    pub fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while !self.output().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "never saw {text:?} in: {}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `keys` as a person would, a few at a time.
    pub fn type_keys(&mut self, keys: &str) {
        self.output();
        let master = self.master.as_mut().expect("terminal still open");
        master
            .write_all(keys.as_bytes())
            .expect("typing reaches steerco");
        master.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Closes the terminal under steerco, as sshd does when the link drops.
    pub fn hang_up(&mut self) {
        self.output();
        self.master = None;
    }

    /// Waits for steerco to end; `None` if it is still running after `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            if start.elapsed() > limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Cockpit {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
