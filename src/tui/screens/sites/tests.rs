//! The corporate screen on three demo sites, at 80×24 and 200×60, and with
//! one site's record edited by hand.

use chrono::Utc;
use crossterm::event::KeyCode;

use crate::store::Store;
use crate::tui::state::Screen;
use crate::tui::testkit::{app_at, demo_db, nine_am, press, render, today};

/// A corporate database in the cockpit with three demo sites registered.
fn group() -> (
    tempfile::TempDir,
    crate::tui::app::App,
    Vec<std::path::PathBuf>,
) {
    let (dir, corporate) = demo_db();
    let mut sites = Vec::new();
    let mut store = Store::open(&corporate).unwrap();
    for name in ["Leeds", "Lyon", "Brno"] {
        let path = dir.path().join(format!("{name}.sqlite"));
        let mut site = Store::open(&path).unwrap();
        crate::demo::seed_site(&mut site, today(), "qm", name).unwrap();
        drop(site);
        store
            .write(|tx, actor| crate::store::sites::add(tx, actor, Utc::now(), name, &path))
            .unwrap();
        sites.push(path);
    }
    drop(store);
    let app = app_at(&corporate, nine_am());
    (dir, app, sites)
}

#[test]
fn m_shows_the_sites_side_by_side_with_their_kpis_by_key() {
    let (_dir, mut app, _) = group();
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(app.state.screen, Screen::Sites);
    let large = render(&app, 200, 60);
    assert!(large.contains("The group's sites: 3 · 3 intact"), "{large}");
    assert!(large.contains("Acme Components Ltd Lyon"), "{large}");
    assert!(large.contains("On-time delivery"), "{large}");
    // one row a key, a value a site: each site's own figure
    let otd = large
        .lines()
        .find(|l| l.contains("On-time delivery"))
        .expect("on-time delivery across the sites");
    assert_eq!(otd.matches(" % ").count(), 3, "{otd}");
    assert!(large.contains("High and critical risks"), "{large}");
    insta::assert_snapshot!("sites_200x60", large);
    insta::assert_snapshot!("sites_80x24", render(&app, 80, 24));
    press(&mut app, KeyCode::Char('v'));
    let said = app.state.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains("all 3 sites verified again: intact"),
        "{said}"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.screen, Screen::Cockpit);
}

#[test]
fn a_site_edited_by_hand_is_refused_by_name_and_shows_no_figures() {
    let (_dir, mut app, sites) = group();
    let conn = rusqlite::Connection::open(&sites[1]).unwrap();
    conn.execute(
        "UPDATE action SET title = 'Nothing to see' WHERE id = (SELECT min(id) FROM action)",
        [],
    )
    .unwrap();
    drop(conn);
    press(&mut app, KeyCode::Char('M'));
    let large = render(&app, 200, 60);
    assert!(large.contains("3 · 2 intact, 1 refused"), "{large}");
    assert!(large.contains("✖ REFUSED"), "{large}");
    assert!(
        large.contains("Lyon: its record does NOT verify"),
        "{large}"
    );
    let said = app.state.status.as_ref().unwrap().text.clone();
    assert!(said.contains("1 of 3 sites refused"), "{said}");
    insta::assert_snapshot!("sites_refused_80x24", render(&app, 80, 24));
}

#[test]
fn a_central_reviews_inputs_show_what_each_site_brings_to_them() {
    let (_dir, mut app, _) = group();
    assert_eq!(app.state.sites.registered, 3);
    assert!(app.state.sites.loaded, "read when the cockpit opened");
    go_to(&mut app, "e");
    let large = render(&app, 200, 60);
    assert!(large.contains("The group's sites on e)"), "{large}");
    assert!(large.contains("high risks ·"), "{large}");
    insta::assert_snapshot!("central_item_e_200x60", large);
    go_to(&mut app, "c3");
    let small = render(&app, 80, 24);
    assert!(small.contains("The group's sites on c)3"), "{small}");
    insta::assert_snapshot!("central_item_c3_80x24", small);
    go_to(&mut app, "c3");
    insta::assert_snapshot!("central_item_c3_200x60", render(&app, 200, 60));
    // the opening draws on no site
    go_to(&mut app, "opening");
    assert!(!render(&app, 200, 60).contains("The group's sites on"));
}

#[test]
fn a_site_refused_while_the_review_runs_is_named_on_every_input() {
    let (_dir, mut app, sites) = group();
    let conn = rusqlite::Connection::open(&sites[2]).unwrap();
    conn.execute("UPDATE kpi SET target = 1 WHERE key = 'otd'", [])
        .unwrap();
    drop(conn);
    app.refresh_sites();
    go_to(&mut app, "c4");
    let large = render(&app, 200, 60);
    assert!(
        large.contains("1 refused, their record does not verify"),
        "{large}"
    );
    assert!(
        large.contains("refused: its record does not verify, nothing drawn on"),
        "{large}"
    );
}

#[test]
fn signing_the_central_review_off_in_the_cockpit_records_each_sites_record() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    let (dir, mut app, _) = group();
    // the meeting is held: the clock started, everyone present
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Esc);
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    let dialog = render(&app, 200, 60);
    assert!(
        dialog.contains("The minutes name the 3 sites' records as they stand now"),
        "{dialog}"
    );
    crate::tui::testkit::type_text(&mut app, "Central review, trial");
    app.handle_key(crate::tui::testkit::key(KeyCode::Enter));
    let said = app.state.status.as_ref().map(|s| s.text.clone());
    assert_eq!(
        app.state.data.review.status,
        crate::domain::review::ReviewStatus::Closed,
        "{said:?}"
    );
    let drawn =
        crate::store::sites::drawn_on(app.store().conn(), app.state.data.review.id).unwrap();
    let names: Vec<&str> = drawn.iter().map(|(f, _)| f.name.as_str()).collect();
    assert_eq!(names, ["Leeds", "Lyon", "Brno"]);
    let minutes =
        std::fs::read_to_string(dir.path().join("minutes/MR-2026-02-minutes.md")).unwrap();
    assert!(
        minutes.contains("## The sites' records drawn on"),
        "{minutes}"
    );
}

fn go_to(app: &mut crate::tui::app::App, input: &str) {
    use crate::tui::keymap::Msg;
    app.update(Msg::FirstItem);
    while app.state.current_item().unwrap().input_key != input {
        app.update(Msg::NextItem);
    }
}

#[test]
fn with_no_sites_the_screen_says_how_to_add_one() {
    let (_dir, corporate) = demo_db();
    let mut app = app_at(&corporate, nine_am());
    press(&mut app, KeyCode::Char('M'));
    assert!(render(&app, 80, 24).contains("steerco sites add"));
}
