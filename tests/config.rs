//! The config file, as a user writes it: every file in tests/config/valid is
//! accepted, and every file in tests/config/invalid is refused with one line
//! naming the file, the line and the problem its first comment expects.

use std::path::Path;
use std::process::Command;

fn check(file: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_steerco"))
        .args(["config", "check"])
        .env("STEERCO_CONFIG", file)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn files(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/config")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

#[test]
fn every_valid_file_is_accepted() {
    for file in files("valid") {
        let out = check(&file);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stdout.trim(), format!("{}: ok", file.display()));
    }
}

#[test]
fn every_invalid_file_is_refused_naming_file_line_and_problem() {
    for file in files("invalid") {
        let text = std::fs::read_to_string(&file).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no # expect: line", file.display()));
        let out = check(&file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{} was accepted", file.display());
        assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", file.display());
        let line = stderr.trim();
        let name = file.display().to_string();
        assert!(line.starts_with(&format!("steerco: {name}:")), "{line}");
        assert!(
            line.contains(expect),
            "{}: wanted {expect:?} in {line}",
            file.display()
        );
    }
}

#[test]
fn a_missing_file_means_every_default_and_the_path_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("none.toml");
    let out = check(&file);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("no such file; every setting is its default")
    );
    let out = Command::new(env!("CARGO_BIN_EXE_steerco"))
        .args(["config", "path"])
        .env("STEERCO_CONFIG", &file)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        file.display().to_string()
    );
}

/// What `config default` prints is itself a valid file, and uncommenting
/// any binding in it as printed changes nothing that clashes.
#[test]
fn the_printed_defaults_are_a_valid_file_even_uncommented() {
    let out = Command::new(env!("CARGO_BIN_EXE_steerco"))
        .args(["config", "default"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# theme = \"default\""));
    assert!(text.contains("# new_decision = [\"d\"]"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, &text).unwrap();
    assert!(check(&file).status.success());
    // the theme and every binding of the cockpit section, uncommented
    let mut uncommented = String::new();
    let mut section = "";
    for line in text.lines() {
        if line.starts_with("[keys.") {
            section = line;
            uncommented.push_str(line);
        } else if let Some(rest) = line.strip_prefix("# ") {
            let setting = rest.split("  # ").next().unwrap_or(rest);
            let is_setting = setting.contains(" = ") && !setting.contains("NAME");
            let wanted = if section.is_empty() {
                setting.starts_with("theme")
            } else {
                section == "[keys.cockpit]"
            };
            if is_setting && wanted {
                uncommented.push_str(setting);
            }
        }
        uncommented.push('\n');
    }
    std::fs::write(&file, &uncommented).unwrap();
    let out = check(&file);
    assert!(
        out.status.success(),
        "{}\n{uncommented}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_bad_file_stops_the_cockpit_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = \"neon\"\n").unwrap();
    let db = dir.path().join("demo.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_steerco"))
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .env("STEERCO_CONFIG", &config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("config.toml:1: theme: unknown theme"),
        "{stderr}"
    );
    assert!(
        !db.exists(),
        "the demo was written before the config was checked"
    );
}

/// The example in the README's Settings section is a file steerco accepts.
#[test]
fn the_readme_example_is_a_valid_file() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```toml\n")
        .expect("a toml example in the README")
        + 8;
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    assert!(example.contains("theme = "));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, example).unwrap();
    let out = check(&file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Without STEERCO_CONFIG the file is config.toml in the platform's config
/// directory: on Linux $XDG_CONFIG_HOME/steerco, and it is read from there.
#[test]
fn without_steerco_config_the_platform_config_directory_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_steerco"))
            .args(args)
            .env_remove("STEERCO_CONFIG")
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .unwrap()
    };
    let expected = dir.path().join("steerco/config.toml");
    let out = run(&["config", "path"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        expected.display().to_string()
    );
    std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
    std::fs::write(&expected, "theme = \"neon\"\n").unwrap();
    let out = run(&["config", "check"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("steerco/config.toml:1: theme"));
}
