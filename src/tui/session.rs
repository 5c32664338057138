//! Where the cockpit's input comes from, and how it learns that the person
//! is gone: a dropped SSH link, a closed terminal window, SIGHUP or SIGTERM.
//!
//! crossterm's reader loops forever once its terminal has hung up (a read of
//! zero bytes is retried, not reported), so it never runs on the thread that
//! owns the app. An input thread reads keys only after `poll` says the
//! terminal has something, and reports a hang-up instead; a signal thread
//! reports signals; the app thread waits on both and can always save and go.

use std::fs::File;
use std::os::fd::{AsFd, BorrowedFd};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

/// How long the input thread waits for a key before looking again; resizes
/// and signals come by the signal thread, so it can sleep long.
const READ_WAIT: Duration = Duration::from_secs(5);

/// The terminal went away: its other end closed, or reading it failed.
#[derive(Debug)]
struct Gone;

pub enum Input {
    Event(Event),
    /// The session ends without the person asking: the terminal is gone, or
    /// SIGHUP, SIGTERM or SIGINT came.
    HangUp,
    /// What the loader thread read.
    Loaded(Box<crate::tui::loader::Loaded>),
    /// The database's files changed: another session may have committed.
    FilesChanged,
}

/// The terminal the keys come from, as crossterm chooses it: standard input
/// when that is a terminal, else the process's controlling terminal.
enum Tty {
    Stdin(std::io::Stdin),
    Device(File),
}

impl Tty {
    fn open() -> std::io::Result<Tty> {
        let stdin = std::io::stdin();
        if std::io::IsTerminal::is_terminal(&stdin) {
            Ok(Tty::Stdin(stdin))
        } else {
            File::open("/dev/tty").map(Tty::Device)
        }
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            Tty::Stdin(stdin) => stdin.as_fd(),
            Tty::Device(file) => file.as_fd(),
        }
    }

    /// Waits up to `timeout` for input. `Err` means the terminal hung up.
    fn wait(&self, timeout: Duration) -> Result<bool, Gone> {
        let mut fds = [PollFd::new(self.fd(), PollFlags::POLLIN)];
        let timeout = PollTimeout::try_from(timeout).unwrap_or(PollTimeout::MAX);
        match poll(&mut fds, timeout) {
            Ok(0) => Ok(false),
            Ok(_) => {
                let gone = PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL;
                match fds[0].revents() {
                    Some(flags) if flags.intersects(gone) => Err(Gone),
                    _ => Ok(true),
                }
            }
            Err(nix::errno::Errno::EINTR) => Ok(false),
            Err(_) => Err(Gone),
        }
    }
}

/// The input of one cockpit session.
pub struct Session {
    inputs: Receiver<Input>,
    /// For other threads' results: they wake the loop like a key does.
    send: Sender<Input>,
    tty: Tty,
}

impl Session {
    /// Starts the input and signal threads. Call after the terminal is in raw mode.
    pub fn start() -> std::io::Result<Session> {
        let (send, inputs) = mpsc::channel();
        spawn_signal_thread(send.clone())?;
        let reader_tty = Tty::open()?;
        let keys = send.clone();
        thread::Builder::new()
            .name("steerco-input".into())
            .spawn(move || read_keys(&reader_tty, &keys))?;
        Ok(Session {
            inputs,
            send,
            tty: Tty::open()?,
        })
    }

    /// Wakes the session to look for other sessions' commits.
    pub fn waker(&self) -> impl Fn() + Send + 'static {
        let send = self.send.clone();
        move || {
            let _ = send.send(Input::FilesChanged);
        }
    }

    /// Where another thread of this session delivers what it read.
    pub fn results(&self) -> impl Fn(crate::tui::loader::Loaded) -> bool + Send + 'static {
        let send = self.send.clone();
        move |loaded| send.send(Input::Loaded(Box::new(loaded))).is_ok()
    }

    /// The next input, or `None` when `timeout` passed with nothing.
    pub fn next(&self, timeout: Duration) -> Option<Input> {
        match self.inputs.recv_timeout(timeout) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => self.hung_up().then_some(Input::HangUp),
            // both threads gone: nothing will ever arrive again
            Err(RecvTimeoutError::Disconnected) => Some(Input::HangUp),
        }
    }

    /// What is already queued, without waiting.
    pub fn queued(&self) -> Option<Input> {
        self.inputs.try_recv().ok()
    }

    /// The terminal is gone for good: standard output and error go to
    /// /dev/null, so that what writes there on the way out (ratatui showing
    /// the cursor again, an error line) cannot fail and abort steerco before
    /// it has closed the database.
    pub fn leave_dead_terminal(&self) {
        if !self.hung_up() {
            return;
        }
        if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
            let _ = nix::unistd::dup2_stdout(&null);
            let _ = nix::unistd::dup2_stderr(&null);
        }
    }

    /// A second look at the terminal from this thread, in case the reader is
    /// caught inside crossterm when the link drops.
    fn hung_up(&self) -> bool {
        self.tty.wait(Duration::ZERO).is_err()
    }
}

fn spawn_signal_thread(send: Sender<Input>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGWINCH])?;
    thread::Builder::new()
        .name("steerco-signals".into())
        .spawn(move || {
            // this thread lives as long as the process: were it to end, its
            // handlers would go, and a second SIGHUP while the notes are being
            // saved would kill steerco before it closes the database
            for signal in signals.forever() {
                let input = if signal == SIGWINCH {
                    // the key reader sleeps until a key comes: the resize is told here
                    match crossterm::terminal::size() {
                        Ok((cols, rows)) => Input::Event(Event::Resize(cols, rows)),
                        Err(_) => continue,
                    }
                } else {
                    Input::HangUp
                };
                let _ = send.send(input);
            }
        })?;
    Ok(())
}

fn read_keys(tty: &Tty, send: &Sender<Input>) {
    loop {
        if tty.wait(READ_WAIT).is_err() {
            let _ = send.send(Input::HangUp);
            return;
        }
        // everything the terminal sent
        loop {
            let next = match event::poll(Duration::ZERO) {
                Ok(true) => event::read().map(Some),
                Ok(false) => Ok(None),
                Err(e) => Err(e),
            };
            let input = match next {
                Ok(Some(e)) => Input::Event(e),
                Ok(None) => break,
                Err(_) => Input::HangUp,
            };
            let last = matches!(input, Input::HangUp);
            if send.send(input).is_err() || last {
                return;
            }
        }
    }
}
