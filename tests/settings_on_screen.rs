//! The settings as the terminal shows them: the cockpit drawn on a real
//! pseudo-terminal with NO_COLOR, with the projector theme, and with a key
//! moved in the config file.

mod common;

use std::path::{Path, PathBuf};

use common::pty::Cockpit;

fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    db
}

fn config(dir: &Path, text: &str) -> PathBuf {
    let file = dir.join("config.toml");
    std::fs::write(&file, text).unwrap();
    file
}

/// What the cockpit writes to the terminal until its footer is drawn.
fn first_screen(db: &Path, env: &[(&str, &Path)]) -> String {
    let mut cockpit = Cockpit::start_with(db, &[], 100, 30, env);
    cockpit.wait_for("quit");
    cockpit.output()
}

// crossterm writes a 16-colour foreground as 38;5;N and a background as
// 48;5;N, both in one sequence when both change
const FOREGROUND: &str = "38;5;";
const BACKGROUND: &str = "48;5;";

fn has_dark_grey(output: &str) -> bool {
    output.contains("[38;5;8;") || output.contains("[38;5;8m")
}

#[test]
fn no_color_draws_the_cockpit_without_any_colour() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let coloured = first_screen(&db, &[]);
    assert!(coloured.contains(FOREGROUND) && coloured.contains(BACKGROUND));
    let plain = first_screen(&db, &[("NO_COLOR", Path::new("1"))]);
    assert!(plain.contains("Agenda"));
    assert!(
        !plain.contains(FOREGROUND),
        "a foreground colour with NO_COLOR"
    );
    assert!(
        !plain.contains(BACKGROUND),
        "a background colour with NO_COLOR"
    );
    // it wins over a theme chosen in the file, too
    let file = config(dir.path(), "theme = \"projector\"\n");
    let env = [
        ("NO_COLOR", Path::new("1")),
        ("STEERCO_CONFIG", file.as_path()),
    ];
    assert!(!first_screen(&db, &env).contains(FOREGROUND));
}

#[test]
fn no_theme_draws_dark_grey_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // the secondary text is there, in light grey (SGR 38;5;7), not dark grey
    let default = first_screen(&db, &[]);
    assert!(
        default.contains("[38;5;7;") || default.contains("[38;5;7m"),
        "the default draws its secondary text light grey"
    );
    assert!(!has_dark_grey(&default), "dark grey in the default theme");
    for theme in ["projector", "plain"] {
        let file = config(dir.path(), &format!("theme = \"{theme}\"\n"));
        let drawn = first_screen(&db, &[("STEERCO_CONFIG", file.as_path())]);
        assert!(drawn.contains("Agenda"));
        assert!(!has_dark_grey(&drawn), "dark grey in the {theme} theme");
    }
}

#[test]
fn a_moved_key_opens_its_form_and_the_footer_and_help_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let file = config(dir.path(), "[keys.cockpit]\nnew_decision = \"D\"\n");
    let mut cockpit = Cockpit::start_with(&db, &[], 160, 40, &[("STEERCO_CONFIG", file.as_path())]);
    cockpit.wait_on_screen("D decision");
    // the old key does nothing now
    cockpit.type_keys("d");
    assert!(!cockpit.screen().contains("New decision"));
    cockpit.type_keys("D");
    cockpit.wait_on_screen("New decision");
    cockpit.type_keys("\u{1b}");
    cockpit.type_keys("?");
    cockpit.wait_on_screen("D        record a decision with its 9.3.3 category");
}
