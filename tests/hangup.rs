//! A hang-up of any kind saves what is being typed and ends steerco: tested
//! on a real pseudo-terminal, as sshd and terminal windows run it.

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::Cockpit;

fn demo_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    db
}

fn notes_containing(db: &Path, text: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT notes FROM agenda_item WHERE instr(notes, ?1) > 0")
        .unwrap();
    stmt.query_map([text], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// CPU time the process has used, in clock ticks (Linux).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

#[test]
fn closing_the_terminal_while_typing_saves_the_notes_and_exits() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cockpit = Cockpit::start(&db, &[], 100, 30);
    cockpit.wait_for("Agenda");
    cockpit.type_keys("n");
    cockpit.type_keys("said just before the link dropped");
    // well before the autosave pause: only the hang-up can save it
    cockpit.hang_up();
    let status = cockpit.wait_exit(Duration::from_secs(2));
    assert!(
        status.is_some(),
        "steerco still runs after its terminal closed"
    );
    assert_eq!(
        notes_containing(&db, "said just before the link dropped").len(),
        1,
        "the notes being typed were lost"
    );
}

#[test]
fn sigterm_while_typing_saves_the_notes_and_exits() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cockpit = Cockpit::start(&db, &[], 80, 24);
    cockpit.wait_for("Agenda");
    cockpit.type_keys("n");
    cockpit.type_keys("kept on a polite kill");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(cockpit.child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert!(cockpit.wait_exit(Duration::from_secs(2)).is_some());
    assert_eq!(notes_containing(&db, "kept on a polite kill").len(), 1);
}

#[test]
fn an_idle_cockpit_uses_no_cpu_and_a_hang_up_ends_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cockpit = Cockpit::start(&db, &[], 100, 30);
    cockpit.wait_for("Agenda");
    let pid = cockpit.child.id();
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(1));
    if let (Some(a), Some(b)) = (before, cpu_ticks(pid)) {
        // a tick is 10 ms: a spinning loop would use about 100 in this second
        assert!(b - a < 20, "idle cockpit used {} ticks in 1 s", b - a);
    }
    cockpit.hang_up();
    assert!(
        cockpit.wait_exit(Duration::from_secs(1)).is_some(),
        "steerco still runs a second after its terminal closed"
    );
}

#[test]
fn closing_a_terminal_window_with_steerco_started_from_its_shell_saves_and_closes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cockpit = Cockpit::start_from_shell(&db, &[], 100, 30);
    cockpit.wait_for("Agenda");
    cockpit.type_keys("n");
    cockpit.type_keys("typed in a window that was closed");
    cockpit.hang_up();
    // the shell goes with the terminal; what counts is what steerco left on disk
    let wal = std::path::PathBuf::from(format!("{}-wal", db.display()));
    let closed = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(20));
        !wal.exists()
    });
    assert!(
        closed,
        "steerco never closed the database: its -wal is left"
    );
    assert_eq!(
        notes_containing(&db, "typed in a window that was closed").len(),
        1
    );
}

#[test]
fn closing_the_terminal_on_the_outcome_form_keeps_it_for_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cockpit = Cockpit::start(&db, &[], 100, 30);
    cockpit.wait_for("Agenda");
    cockpit.type_keys("o");
    cockpit.wait_for("Outcome of");
    cockpit.type_keys("Suitable, said as the link dropped");
    cockpit.hang_up();
    assert!(
        cockpit.wait_exit(Duration::from_secs(2)).is_some(),
        "steerco still runs after its terminal closed"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let kept: String = conn
        .query_row("SELECT fields FROM draft WHERE kind = 'outcome'", [], |r| {
            r.get(0)
        })
        .expect("the outcome form is kept as a draft");
    assert!(
        kept.contains("Suitable, said as the link dropped"),
        "{kept}"
    );
    drop(conn);
    // next time, the form opens again filled in
    let mut again = Cockpit::start(&db, &[], 100, 30);
    again.wait_for("your unfinished conclusion");
    again.wait_for("Ctrl-S saves it");
    again.type_keys("\x1b");
}
