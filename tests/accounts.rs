//! Real OS accounts: the README's team recipe with two of them, and a
//! database someone may read but not write. The test makes its own accounts
//! (it needs root and useradd) and says it was skipped where it cannot.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Accounts and a group made for one test, removed when it ends.
struct Accounts {
    group: String,
    users: Vec<String>,
}

impl Accounts {
    fn make(tag: &str, users: usize) -> Option<Accounts> {
        let root = nix::unistd::geteuid().is_root();
        let tools = ["useradd", "groupadd", "userdel", "groupdel", "runuser"]
            .iter()
            .all(|t| {
                Command::new("sh")
                    .args(["-c", &format!("command -v {t}")])
                    .output()
                    .is_ok_and(|o| o.status.success())
            });
        if !root || !tools {
            eprintln!("skipped: making OS accounts needs root and useradd, groupadd, runuser");
            return None;
        }
        let id = std::process::id();
        let group = format!("st{tag}{id}");
        let made = Accounts {
            group: group.clone(),
            users: (0..users).map(|i| format!("st{tag}{i}{id}")).collect(),
        };
        assert!(quiet("groupadd", &[&group]), "groupadd {group}");
        for user in &made.users {
            assert!(
                quiet(
                    "useradd",
                    &["-M", "-N", "-g", &group, "-s", "/bin/sh", user]
                ),
                "useradd {user}"
            );
        }
        Some(made)
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for user in &self.users {
            quiet("userdel", &[user]);
        }
        quiet("groupdel", &[&self.group]);
    }
}

fn quiet(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A copy of the binary every account can run, in a folder every account can enter.
fn shared_binary(dir: &Path) -> PathBuf {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    // copied once for all tests: a copy written while another test starts a
    // process can be inherited open by it, and then cannot be run ("text file busy")
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let home = tempfile::tempdir().unwrap().keep();
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o755)).unwrap();
        let bin = home.join("steerco");
        std::fs::copy(env!("CARGO_BIN_EXE_steerco"), &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        bin
    })
    .clone()
}

/// `steerco --db DB ARGS…` as `user`, with the umask the team agreed on.
fn as_user(user: &str, bin: &Path, db: &Path, args: &[&str]) -> Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "umask 002 && exec '{}' --db '{}' {}",
        bin.display(),
        db.display(),
        quoted.join(" ")
    );
    Command::new("runuser")
        .args(["-u", user, "--", "sh", "-c", &script])
        .env_remove("STEERCO_DB")
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The README's recipe: a folder owned by the team's group, setgid and
/// group-writable.
fn team_folder(team: &Accounts, dir: &Path) -> PathBuf {
    let folder = dir.join("qms");
    std::fs::create_dir(&folder).unwrap();
    assert!(quiet("chgrp", &[&team.group, folder.to_str().unwrap()]));
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o2775)).unwrap();
    folder
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn the_team_recipe_works_for_two_accounts() {
    let Some(team) = Accounts::make("t", 2) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = shared_binary(dir.path());
    let folder = team_folder(&team, dir.path());
    let db = folder.join("steerco.sqlite");
    let (first, second) = (&team.users[0], &team.users[1]);
    ok(as_user(first, &bin, &db, &["init"]));
    assert_eq!(mode(&db) & 0o660, 0o660, "mode {:o}", mode(&db));
    ok(as_user(
        first,
        &bin,
        &db,
        &["person", "add", "Rachel Ng", "--user", first],
    ));
    ok(as_user(
        second,
        &bin,
        &db,
        &["person", "add", "Tom Brennan", "--user", second],
    ));
    ok(as_user(
        second,
        &bin,
        &db,
        &["action", "add", "Second source", "--owner", "Rachel Ng"],
    ));
    let mine = ok(as_user(first, &bin, &db, &["action", "list", "--mine"]));
    assert!(mine.contains("Second source"), "{mine}");
    ok(as_user(
        first,
        &bin,
        &db,
        &["action", "done", "A-2026-001", "--note", "done"],
    ));
    let log = ok(as_user(second, &bin, &db, &["log", "--json"]));
    assert!(log.contains(&format!("\"{first}\"")), "{log}");
    assert!(log.contains(&format!("\"{second}\"")), "{log}");
    // nothing left behind that only one of them could open
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(
            mode(&path) & 0o060,
            0o060,
            "{} is {:o}",
            path.display(),
            mode(&path)
        );
    }
}

#[test]
fn a_database_in_a_folder_one_cannot_write_is_read_only_not_unreadable() {
    let Some(readers) = Accounts::make("r", 1) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = shared_binary(dir.path());
    let folder = dir.path().join("published");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("steerco.sqlite");
    let made = Command::new(&bin)
        .args(["--db", db.to_str().unwrap(), "demo", "--no-tui"])
        .output()
        .unwrap();
    assert!(made.status.success());
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let reader = &readers.users[0];
    for args in [
        &["review", "list"][..],
        &["action", "list"][..],
        &["kpi", "list"][..],
        &["audit", "verify"][..],
    ] {
        ok(as_user(reader, &bin, &db, args));
    }
    let refused = as_user(reader, &bin, &db, &["action", "add", "X"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("is read-only for you"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file changed");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn init_with_a_group_shares_the_file_whatever_the_umask() {
    let Some(team) = Accounts::make("g", 1) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = shared_binary(dir.path());
    let db = dir.path().join("steerco.sqlite");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022 && exec '{}' --db '{}' init --group {}",
            bin.display(),
            db.display(),
            team.group
        ))
        .output()
        .unwrap();
    ok(out);
    assert_eq!(mode(&db) & 0o060, 0o060, "mode {:o}", mode(&db));
    let group = nix::unistd::Group::from_name(&team.group).unwrap().unwrap();
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&db).unwrap().gid(), group.gid.as_raw());
    let unknown = Command::new(&bin)
        .args(["--db", dir.path().join("x.sqlite").to_str().unwrap()])
        .args(["init", "--group", "no-such-group-here"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no group called"));
    assert!(
        !dir.path().join("x.sqlite").exists(),
        "a refused init left a file"
    );
}

#[test]
fn a_reader_who_cannot_write_the_file_leaves_nothing_that_blocks_its_owner() {
    let Some(people) = Accounts::make("o", 2) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = shared_binary(dir.path());
    // a folder both may write; the file is the owner's alone (umask 022)
    let folder = dir.path().join("open");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
    let db = folder.join("steerco.sqlite");
    let (owner, reader) = (&people.users[0], &people.users[1]);
    let as_owner = |args: &[&str]| {
        let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        let script = format!(
            "umask 022 && exec '{}' --db '{}' {}",
            bin.display(),
            db.display(),
            quoted.join(" ")
        );
        Command::new("runuser")
            .args(["-u", owner, "--", "sh", "-c", &script])
            .output()
            .unwrap()
    };
    ok(as_owner(&["init"]));
    ok(as_owner(&["person", "add", "Rachel Ng"]));
    assert_eq!(mode(&db) & 0o022, 0, "the reader may not write the file");
    ok(as_user(reader, &bin, &db, &["person", "list"]));
    let refused = as_user(reader, &bin, &db, &["person", "add", "X"]);
    assert_eq!(refused.status.code(), Some(1));
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["steerco.sqlite"], "the reader left files behind");
    ok(as_owner(&["person", "add", "Tom Brennan"]));
}

#[test]
fn an_anonymous_raise_by_another_account_names_neither_it_nor_its_uid() {
    let Some(team) = Accounts::make("a", 2) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = shared_binary(dir.path());
    let db = team_folder(&team, dir.path()).join("steerco.sqlite");
    let (facilitator, raiser) = (&team.users[0], &team.users[1]);
    ok(as_user(facilitator, &bin, &db, &["init"]));
    ok(as_user(
        facilitator,
        &bin,
        &db,
        &["review", "new", "Q4 review", "--date", "2026-12-10"],
    ));
    let uid = nix::unistd::User::from_name(raiser)
        .unwrap()
        .expect("the raiser exists")
        .uid
        .to_string();
    let before = common::rows::all_rows(&db);
    let out = ok(as_user(
        raiser,
        &bin,
        &db,
        &["raise", "--anonymous", "The torque tool drifts after lunch"],
    ));
    let code = out
        .lines()
        .find_map(|l| l.strip_prefix("Your receipt code: "))
        .expect("a receipt")
        .to_string();
    let added: Vec<String> = common::rows::all_rows(&db)
        .difference(&before)
        .cloned()
        .collect();
    assert!(!added.is_empty());
    for row in &added {
        assert!(!row.contains(raiser.as_str()), "{raiser} is named in {row}");
        assert!(
            !row.split(" | ")
                .any(|v| v == uid || v == format!("uid {uid}")),
            "the uid {uid} is in {row}"
        );
    }
    // the raiser follows it; the facilitator sees it as anonymous
    let followed = ok(as_user(raiser, &bin, &db, &["raised", &code]));
    assert!(followed.contains("raised anonymously"), "{followed}");
    let queue = ok(as_user(facilitator, &bin, &db, &["raised", "list"]));
    assert!(queue.contains("anonymous"), "{queue}");
    assert!(!queue.contains(raiser.as_str()), "{queue}");
    // a named raise by the same account does name it
    ok(as_user(raiser, &bin, &db, &["raise", "Label printer jams"]));
    let queue = ok(as_user(facilitator, &bin, &db, &["raised", "list"]));
    assert!(queue.contains(raiser.as_str()), "{queue}");
    assert!(ok(as_user(facilitator, &bin, &db, &["audit", "verify"])).contains("intact"));
}
