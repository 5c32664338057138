//! Running the steerco binary from the CLI tests, as a script or SSH user would.
// each test file uses only some of these
#![allow(dead_code)]

pub mod pty;

use std::path::Path;
use std::process::{Command, Output};

/// The account running the tests: steerco's actor in every command they run.
pub fn me() -> String {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
        .expect("the test account has a name")
}

/// `steerco --db DB ARGS…` as the account running the tests. `user` sets
/// USER, which steerco must ignore: the actor is the account, not a variable.
pub fn run(user: Option<&str>, db: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steerco"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("STEERCO_DB");
    if let Some(user) = user {
        command.env("USER", user);
    }
    command.output().expect("steerco runs")
}

/// The standard output of a command that must succeed.
pub fn ok(user: Option<&str>, db: &Path, args: &[&str]) -> String {
    let out = run(user, db, args);
    assert!(
        out.status.success(),
        "steerco {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}
