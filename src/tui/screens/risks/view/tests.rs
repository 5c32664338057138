//! The risks screen and item e) rendered at 80×24 and 200×60 from a fixed register.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::domain::risk::Basis;
use crate::store::risks;
use crate::tui::screens::risks::fixture::{self, now, today};
use crate::tui::screens::risks::{RatingForm, RiskFocus};
use crate::tui::state::{CockpitData, Overlay, Screen, State};

fn state() -> State {
    let (_dir, store, review_id) = fixture::register();
    let data = CockpitData::load(store.conn(), review_id).expect("the cockpit loads");
    let mut state = State::new(data, now(), today());
    state.screen = Screen::Risks;
    // rated twice, with an open action and a decision
    select(&mut state, &store, 1);
    state
}

fn select(state: &mut State, store: &crate::store::Store, index: usize) {
    state.risks.selected = index;
    let id = state
        .risks
        .selected_entry(&state.data.board, state.today)
        .expect("an entry")
        .id;
    state.risks.detail = Some(risks::detail(store.conn(), id).expect("a detail"));
}

fn render(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
    terminal
        .draw(|frame| crate::tui::ui::draw(frame, state))
        .expect("drawn");
    terminal.backend().to_string()
}

#[test]
fn register_at_80x24() {
    let out = render(&state(), 80, 24);
    insta::assert_snapshot!(out);
    assert!(out.contains("R-001"));
    assert!(
        out.contains("⚑ no action"),
        "R-002 is high with no open action"
    );
    assert!(
        !out.contains("End of life"),
        "closed entries are hidden by default"
    );
}

#[test]
fn register_at_200x60() {
    let out = render(&state(), 200, 60);
    insta::assert_snapshot!(out);
    assert!(
        out.contains("Rating history"),
        "the detail shows beside the list"
    );
    assert!(out.contains("CRITICAL"));
}

#[test]
fn detail_at_80x24() {
    let mut state = state();
    state.risks.detail_open = true;
    let out = render(&state, 80, 24);
    insta::assert_snapshot!(out);
    assert!(out.contains("Second-source samples passed"));
}

#[test]
fn detail_at_200x60_shows_decisions_and_actions() {
    let mut state = state();
    state.risks.detail_open = true;
    let out = render(&state, 200, 60);
    insta::assert_snapshot!(out);
    assert!(out.contains("Treat R-001 Single source"));
    assert!(out.contains("A-2026-001"));
}

#[test]
fn a_picked_cell_narrows_the_list_and_the_map_marks_the_cursor() {
    let mut state = state();
    state.risks.focus = RiskFocus::Map;
    state.risks.cursor = (3, 4);
    state.risks.filter.cell = Some((Basis::Residual, 3, 4));
    let out = render(&state, 80, 24);
    insta::assert_snapshot!(out);
    assert!(out.contains("[2H]"), "two residual ratings at L3×I4");
    assert!(out.contains("Register (2; residual L3×I4)"));
}

#[test]
fn inherent_map_counts_every_live_entry() {
    let mut state = state();
    state.risks.basis = Basis::Inherent;
    let out = render(&state, 80, 24);
    insta::assert_snapshot!(out);
    assert!(out.contains("Heat map · inherent"));
    assert!(
        !out.contains("not rated"),
        "every entry has an inherent rating"
    );
}

#[test]
fn item_e_asks_whether_treatment_worked() {
    let mut state = state();
    state.screen = Screen::Cockpit;
    state.selected = state
        .data
        .items
        .iter()
        .position(|i| i.input_key == "e")
        .expect("item e");
    let narrow = render(&state, 80, 24);
    insta::assert_snapshot!("item_e_80x24", narrow);
    let wide = render(&state, 200, 60);
    insta::assert_snapshot!("item_e_200x60", wide);
    assert!(wide.contains("R-003 15→8 fell"), "{wide}");
    assert!(wide.contains("R-002 12→? not re-rated"), "{wide}");
    assert!(wide.contains("⚑ High risks with no open treatment action"));
}

#[test]
fn forms_draw_over_the_screen() {
    let mut state = state();
    state.overlay = Overlay::NewRisk(Box::default());
    let out = render(&state, 80, 24);
    insta::assert_snapshot!("new_risk_form_80x24", out);
    assert!(out.contains("Raise a risk or opportunity"));
    let entry = state
        .risks
        .selected_entry(&state.data.board, state.today)
        .expect("an entry")
        .clone();
    state.overlay = Overlay::RateRisk(Box::new(RatingForm::new(&entry, Basis::Residual)));
    let out = render(&state, 80, 24);
    insta::assert_snapshot!("rating_form_80x24", out);
    assert!(out.contains("now L3×I4=12 HIGH"));
}

#[test]
fn the_smallest_usable_terminal_still_shows_the_register() {
    let mut state = state();
    let out = render(&state, 60, 16);
    assert!(out.contains("Heat map"), "{out}");
    assert!(out.contains("R-001"), "{out}");
    state.risks.detail_open = true;
    assert!(render(&state, 60, 16).contains("R-001 · detail"));
    state.screen = Screen::Cockpit;
    state.selected = 11;
    assert!(render(&state, 60, 16).contains("Risks"));
}
