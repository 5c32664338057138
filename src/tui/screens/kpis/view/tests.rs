//! The KPI screens on the demo database, drawn at 80×24 and 200×60, and the
//! keys and live refresh that drive them.

use crossterm::event::KeyCode;

use crate::domain::kpi::Period;
use crate::store::{Store, kpis};
use crate::tui::app::App;
use crate::tui::keymap::Msg;
use crate::tui::screens::kpis::KpiView;
use crate::tui::screens::kpis::keys::KpiMsg;
use crate::tui::state::Screen;
use crate::tui::testkit::{demo_app, nine_am, press, record_elsewhere, render, type_text};

/// Walks the agenda to the first item about `input`.
fn go_to_item(app: &mut App, input: &str) {
    app.update(Msg::FirstItem);
    while app.state.current_item().unwrap().input_key != input {
        app.update(Msg::NextItem);
    }
}

fn select(app: &mut App, kpi: &str) {
    let board = &mut app.state.kpis;
    board.selected = board.tiles.iter().position(|t| t.def.key == kpi).unwrap();
}

fn open(app: &mut App, kpi: &str, view: KpiView, width: u16) {
    app.state.width = width;
    app.update(Msg::OpenKpis);
    select(app, kpi);
    app.state.kpis.view = view;
}

#[test]
fn grid_reflows_from_80x24_to_200x60() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "otd", KpiView::Grid, 80);
    insta::assert_snapshot!("grid_80x24", render(&app, 80, 24));
    app.state.width = 200;
    insta::assert_snapshot!("grid_200x60", render(&app, 200, 60));
}

#[test]
fn detail_shows_the_chart_facts_and_notes() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "complaints", KpiView::Detail, 80);
    insta::assert_snapshot!("detail_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("detail_200x60", render(&app, 200, 60));
}

#[test]
fn focus_shows_the_value_in_big_digits() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "otd", KpiView::Focus, 80);
    insta::assert_snapshot!("focus_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("focus_200x60", render(&app, 200, 60));
}

#[test]
fn the_objectives_item_shows_its_kpis_as_tiles() {
    let (_dir, mut app) = demo_app();
    go_to_item(&mut app, "c2");
    insta::assert_snapshot!("cockpit_c2_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("cockpit_c2_200x60", render(&app, 200, 60));
}

#[test]
fn keys_move_through_the_grid_and_views() {
    let (_dir, mut app) = demo_app();
    app.state.width = 80; // two columns
    go_to_item(&mut app, "c7");
    press(&mut app, KeyCode::Char('K'));
    assert_eq!(app.state.screen, Screen::Kpis);
    let current = |app: &App| app.state.kpis.current().unwrap().def.key.clone();
    // opened on the first KPI of the item being discussed
    assert_eq!(app.state.kpis.current().unwrap().def.input_key, "c7");
    app.state.kpis.selected = 0;
    press(&mut app, KeyCode::Down);
    assert_eq!(app.state.kpis.selected, 2);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.state.kpis.selected, 3);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.state.kpis.selected, 1);
    let before = current(&app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.kpis.view, KpiView::Detail);
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.state.kpis.view, KpiView::Focus);
    assert_eq!(current(&app), before);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.kpis.view, KpiView::Grid);
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(
        app.state.overlay,
        crate::tui::state::Overlay::ActionForm(_)
    ));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(
        app.state.overlay,
        crate::tui::state::Overlay::None
    ));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.screen, Screen::Cockpit);
}

#[test]
fn recording_from_the_form_asks_before_replacing() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "otd", KpiView::Detail, 80);
    app.kpi_update(KpiMsg::Record);
    let form = app.state.kpis.form.as_ref().unwrap();
    assert_eq!(
        form.text(0),
        "2026-10",
        "the last complete period is offered, as on the command line"
    );
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.state.kpis.form.as_ref().unwrap().message.as_deref(),
        Some("'abc' is not a number")
    );
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "96.1");
    // back to the period, make it the already recorded October
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "0");
    press(&mut app, KeyCode::Enter);
    let form = app.state.kpis.form.as_ref().unwrap();
    assert!(form.confirm_replace);
    insta::assert_snapshot!("record_replace_80x24", render(&app, 80, 24));
    press(&mut app, KeyCode::Enter);
    assert!(app.state.kpis.form.is_none());
    let tile = app.state.kpis.current().unwrap();
    assert_eq!(tile.latest_text, "96.1 %");
    assert_eq!(
        app.state.status.as_ref().unwrap().text,
        "otd 2026-10: replaced 94.2 with 96.1"
    );
    let old: String = app
        .store()
        .conn()
        .query_row(
            "SELECT old_value FROM change_log WHERE entity_ref = 'otd 2026-10'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, "94.2");
}

#[test]
fn a_value_committed_elsewhere_shows_on_the_next_tick() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "otd", KpiView::Grid, 200);
    assert!(!render(&app, 200, 60).contains("97.5 %"));
    let mut other = Store::open(app.store().path()).unwrap();
    other
        .write(|tx, actor| {
            let p = Period::parse("2026-11").unwrap();
            kpis::record_value(tx, actor, nine_am(), "otd", p, 97.5, "recovered", false)
        })
        .unwrap();
    // nothing is read until the poll notices the other connection's commit
    assert_ne!(app.state.kpis.current().unwrap().latest_text, "97.5 %");
    assert!(app.tick(nine_am()));
    let tile = app.state.kpis.current().unwrap();
    assert_eq!(tile.def.key, "otd", "the selection follows the KPI");
    assert_eq!(tile.latest_text, "97.5 %");
    assert_eq!(tile.notes[0].1, "recovered");
    let drawn = render(&app, 200, 60);
    assert!(drawn.contains("97.5 %"));
    assert!(drawn.contains("● live"));
    // and with nothing new, a tick neither reloads nor asks for a redraw
    assert!(!app.tick(nine_am()));
}

#[test]
fn the_grid_scrolls_to_keep_the_selected_kpi_on_screen() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "supplier-otd", KpiView::Grid, 80);
    assert_eq!(app.state.kpis.selected, app.state.kpis.tiles.len() - 1);
    let drawn = render(&app, 80, 24);
    assert!(drawn.contains("┏ c)7 Supplier on-time deliv"), "{drawn}");
    assert!(drawn.contains("rows 3–6 of 6"), "{drawn}");
    assert!(!drawn.contains("Customer complaints"), "{drawn}");
}

#[test]
fn a_commit_reads_again_only_the_kpis_whose_values_it_recorded() {
    let (_dir, mut app) = demo_app();
    let latest = |app: &App, key: &str| {
        let tile = app.state.kpis.tiles.iter().find(|t| t.def.key == key);
        tile.unwrap().latest_text.clone()
    };
    let path = app.store().path().to_path_buf();
    // a value changed behind steerco's back: only a reload of every KPI shows it
    let hand = rusqlite::Connection::open(&path).unwrap();
    hand.execute(
        "UPDATE kpi_value SET value = 1 WHERE id = (
            SELECT v.id FROM kpi_value v JOIN kpi k ON k.id = v.kpi_id
             WHERE k.key = 'csat' ORDER BY v.period DESC LIMIT 1)",
        [],
    )
    .unwrap();
    let csat_before = latest(&app, "csat");
    // moving the meeting on writes, but not to KPIs
    app.update(Msg::NextItem);
    let mut other = record_elsewhere(&path, "otd", "2026-10", 95.0);
    assert!(app.tick(nine_am()));
    assert_eq!(latest(&app, "otd"), "95 %");
    assert_eq!(latest(&app, "csat"), csat_before, "csat was read again");
    // a KPI defined by another session: every tile is read again
    other
        .write(|tx, actor| {
            let new = kpis::NewKpi {
                key: "rework".into(),
                name: "Rework hours".into(),
                unit: "%".into(),
                target: crate::domain::kpi::Target {
                    direction: crate::domain::kpi::Direction::LowerIsBetter,
                    target: 2.0,
                    target_high: None,
                    warning: None,
                },
                frequency: crate::domain::kpi::Frequency::Monthly,
                owner_id: None,
                input_key: "c3".into(),
                objective: String::new(),
                range: None,
            };
            kpis::add_kpi(tx, actor, nine_am(), &new)
        })
        .unwrap();
    assert!(app.tick(nine_am()));
    assert!(app.state.kpis.tiles.iter().any(|t| t.def.key == "rework"));
    assert_ne!(latest(&app, "csat"), csat_before);
}

#[test]
fn every_view_draws_at_odd_sizes() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "csat", KpiView::Grid, 60);
    for (width, height) in [
        (60, 16),
        (61, 17),
        (79, 23),
        (100, 30),
        (133, 41),
        (250, 70),
    ] {
        app.state.width = width;
        for view in [KpiView::Grid, KpiView::Detail, KpiView::Focus] {
            app.state.kpis.view = view;
            let drawn = render(&app, width, height);
            assert!(
                drawn.contains("Customer satisfaction"),
                "{view:?} {width}x{height}"
            );
        }
        app.kpi_update(KpiMsg::Record);
        assert!(render(&app, width, height).contains("Record a value"));
        press(&mut app, KeyCode::Esc);
    }
    go_to_item(&mut app, "c1");
    app.state.screen = Screen::Cockpit;
    for (width, height) in [(60, 16), (80, 24), (100, 30), (200, 60)] {
        assert!(
            render(&app, width, height).contains("Customer satisfaction"),
            "{width}x{height}"
        );
    }
}

#[test]
fn a_first_screenful_of_tiles_shows_while_the_rest_load_and_the_whole_board_replaces_it() {
    use crate::tui::loader::Loaded;
    use crate::tui::screens::kpis::KpiBoard;
    let (_dir, mut app) = demo_app();
    open(&mut app, "otd", KpiView::Grid, 200);
    let today = app.state.today;
    let conn = app.store().conn();
    let first = KpiBoard::load_first(conn, today, 3).unwrap();
    let (prepared, whole) = KpiBoard::read_all(conn, today).unwrap();
    assert_eq!(first.len(), 3);
    assert!(
        whole.len() > 3,
        "the demo has more KPIs than the first screenful here"
    );
    let first_keys: Vec<String> = first.iter().map(|t| t.def.key.clone()).collect();
    app.state.kpis = KpiBoard::new(Vec::new());
    app.state.kpis.view = KpiView::Grid;

    app.loaded(Loaded::FirstKpiTiles(first.clone()));
    let screen = render(&app, 200, 60);
    assert!(screen.contains("KPIs · reading their history…"), "{screen}");
    assert!(
        !screen.contains("on target"),
        "no counts of a part of the board: {screen}"
    );
    for tile in &first {
        assert!(
            screen.contains(&tile.def.name),
            "{} shows: {screen}",
            tile.def.name
        );
    }
    assert!(!app.state.kpis.is_loaded());

    app.loaded(Loaded::KpiTiles(Ok((prepared, whole.clone()))));
    let screen = render(&app, 200, 60);
    assert!(
        screen.contains(&format!("KPIs · {}", whole.len())),
        "{screen}"
    );
    assert!(!screen.contains("reading their history"), "{screen}");
    // a first screenful arriving late never replaces the whole board
    app.loaded(Loaded::FirstKpiTiles(first));
    assert_eq!(app.state.kpis.tiles.len(), whole.len());
    let shown: Vec<String> = app
        .state
        .kpis
        .tiles
        .iter()
        .take(3)
        .map(|t| t.def.key.clone())
        .collect();
    assert_eq!(
        shown, first_keys,
        "the first screenful is the board's first tiles"
    );
}

#[test]
fn the_record_form_refuses_a_figure_outside_the_kpis_valid_range_and_names_it() {
    let (_dir, mut app) = demo_app();
    open(&mut app, "complaints", KpiView::Detail, 80);
    let before = app.state.kpis.current().unwrap().latest_text.clone();
    app.kpi_update(KpiMsg::Record);
    insta::assert_snapshot!("record_form_names_the_range_80x24", render(&app, 80, 24));
    type_text(&mut app, "-5");
    press(&mut app, KeyCode::Enter);
    let form = app.state.kpis.form.as_ref().expect("the form stays open");
    assert_eq!(
        form.message.as_deref(),
        Some("complaints: -5 is outside the KPI's valid range (at least 0 per month)")
    );
    assert_eq!(app.state.kpis.current().unwrap().latest_text, before);
    let recorded: i64 = app
        .store()
        .conn()
        .query_row("SELECT count(*) FROM kpi_value WHERE value < 0", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(recorded, 0, "nothing was recorded");
}

#[test]
fn a_value_recorded_by_mistake_is_removed_with_a_reason_and_the_tile_goes_back() {
    let (_d, mut app) = demo_app();
    open(&mut app, "complaints", KpiView::Detail, 200);
    let (period, _) = app.state.kpis.current().unwrap().assessment.latest.unwrap();
    press(&mut app, KeyCode::Char('X'));
    let asked = render(&app, 200, 60);
    assert!(
        asked.contains(&format!("Remove complaints {period} (")),
        "{asked}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(
        app.state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("say why the value goes"),
        "no reason, nothing removed"
    );
    type_text(&mut app, "belongs to the next month");
    press(&mut app, KeyCode::Enter);
    let (now_latest, _) = app.state.kpis.current().unwrap().assessment.latest.unwrap();
    assert!(
        now_latest < period,
        "the tile shows the period before: {now_latest}"
    );
    let logged: String = app
        .store()
        .conn()
        .query_row(
            "SELECT new_value FROM change_log WHERE op = 'delete' AND field = 'reason'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, "belongs to the next month");
}
