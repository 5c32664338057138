//! What was raised for the review: the queue on item f), and a strip on any
//! other item whose input a raised item names.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::raised::Raised;
use crate::tui::screens::registers::view::{TRIAGE_HINT, input_label};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::{safe, wrap_words};

fn waiting<'a>(state: &'a State, only: Option<&'a str>) -> Vec<&'a Raised> {
    let mut rows: Vec<&Raised> = state
        .data
        .raised
        .iter()
        .filter(|r| r.waiting() && only.is_none_or(|k| r.input_key == k))
        .collect();
    rows.sort_by_key(|r| (r.raised_on, r.id));
    rows
}

/// The queue's rows; the text wraps onto up to `most` lines of the room the
/// other columns leave in `width`.
fn rows<'a>(
    items: &[&'a Raised],
    state: &State,
    narrow: bool,
    width: u16,
    most: usize,
) -> Vec<Row<'a>> {
    let fixed = if narrow {
        9 + 5 + 2
    } else {
        9 + 5 + 7 + 4 + 12 + 5
    };
    let text_w = usize::from(width).saturating_sub(fixed);
    items
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::from(r.code.clone()),
                Cell::from(format!("{} d", r.age_days(state.today))),
            ];
            if !narrow {
                cells.push(Cell::from(r.kind.as_str()));
                cells.push(Cell::from(input_label(&r.input_key)));
                cells.push(Cell::from(r.by().to_string()));
            }
            let text = wrap_words(&r.text, text_w, most);
            let height = text.len() as u16;
            cells.push(Cell::from(text.join("\n")));
            Row::new(cells).height(height)
        })
        .collect()
}

fn widths(narrow: bool) -> Vec<Constraint> {
    if narrow {
        vec![
            Constraint::Length(9),
            Constraint::Length(5),
            Constraint::Fill(1),
        ]
    } else {
        vec![
            Constraint::Length(9),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(4),
            Constraint::Length(12),
            Constraint::Fill(1),
        ]
    }
}

/// Item f): the improvement KPIs, if any, then every raised item waiting to
/// be triaged, oldest first, whatever input it names.
pub fn draw_item_f(frame: &mut Frame, area: Rect, state: &State) {
    let rest = super::evidence::kpis_above(frame, area, "f", state);
    let queue = waiting(state, None);
    let triaged = state
        .data
        .raised
        .iter()
        .filter(|r| r.review.as_deref() == Some(state.data.review.reference.as_str()))
        .count();
    let narrow = rest.width < 80;
    let (count, hint) = if narrow {
        (
            format!("Raised: {} waiting, {triaged} triaged here", queue.len()),
            "N opens them; a r n i x triage",
        )
    } else {
        (
            format!(
                "Raised for this review: {} waiting, {triaged} triaged in it (N opens them)",
                queue.len()
            ),
            TRIAGE_HINT,
        )
    };
    let hint = if state.offers_keys() { hint } else { "" };
    let caption = vec![
        Line::from(Span::styled(count, theme::title())),
        Line::from(Span::styled(hint, theme::dim())),
    ];
    let [caption_area, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(rest);
    frame.render_widget(Paragraph::new(caption), caption_area);
    if queue.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "Nothing waits. Anyone can raise one: steerco raise \"…\" [--anonymous]",
            )
            .style(theme::dim()),
            table_area,
        );
        return;
    }
    let header: Vec<&str> = if narrow {
        vec!["CODE", "AGE", "TEXT"]
    } else {
        vec!["CODE", "AGE", "KIND", "FOR", "BY", "TEXT"]
    };
    let room = usize::from(table_area.height.saturating_sub(1));
    let most = if queue.len() * 2 <= room { 2 } else { 1 };
    let table = Table::new(
        rows(&queue, state, narrow, rest.width, most),
        widths(narrow),
    )
    .header(Row::new(header).style(theme::dim()))
    .column_spacing(1);
    frame.render_widget(table, table_area);
}

/// On an item other than f): the raised items that name its input, in a
/// strip at the bottom of the pane; the rest of the pane is given back. A
/// short pane gets one line, so the item's own evidence keeps its room.
pub fn strip_below(frame: &mut Frame, area: Rect, input_key: &str, state: &State) -> Rect {
    if input_key == "f" {
        return area;
    }
    let items = waiting(state, Some(input_key));
    if items.is_empty() || area.height < 6 {
        return area;
    }
    let one_line = area.height < 16;
    let shown = if one_line { 0 } else { items.len().min(3) };
    let [rest, strip] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(shown as u16 + 1)]).areas(area);
    let [caption_area, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(strip);
    let mut caption = vec![Span::styled(
        format!(
            "Raised for this item: {} waiting (N, Raised tab)",
            items.len()
        ),
        theme::warn(),
    )];
    if one_line {
        caption.push(Span::raw(format!(
            " {} {}",
            items[0].code,
            safe(&items[0].text)
        )));
    } else if items.len() > shown {
        caption.push(Span::styled(
            format!(", {} more there", items.len() - shown),
            theme::warn(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(caption)), caption_area);
    if shown > 0 {
        let table = Table::new(
            rows(&items[..shown], state, true, area.width, 1),
            widths(true),
        )
        .column_spacing(1);
        frame.render_widget(table, table_area);
    }
    rest
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::domain::raised::RaisedStatus;
    use crate::tui::keymap::Msg;
    use crate::tui::screens::registers::Register;
    use crate::tui::state::Overlay;
    use crate::tui::testkit::{demo_app, key, render, type_text};

    fn status_of(app: &crate::tui::app::App, code: &str) -> crate::domain::raised::Raised {
        crate::store::raised::by_code(app.store().conn(), code).unwrap()
    }

    #[test]
    fn item_f_shows_the_raised_queue_and_the_raised_tab_triages_it() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "f" {
            app.update(Msg::NextItem);
        }
        let drawn = render(&app, 200, 60);
        assert!(
            drawn.contains("Raised for this review: 3 waiting"),
            "{drawn}"
        );
        assert!(drawn.contains("K7QM-4XD2"), "{drawn}");
        assert!(drawn.contains("anonymous"), "{drawn}");
        insta::assert_snapshot!("f_200x60", drawn);
        insta::assert_snapshot!("f_80x24", render(&app, 80, 24));
        app.handle_key(key(KeyCode::Char('N')));
        assert_eq!(app.state.registers.tab, Register::Raised);
        insta::assert_snapshot!("raised_tab_200x60", render(&app, 200, 60));
        insta::assert_snapshot!("raised_tab_80x24", render(&app, 80, 24));
        // the oldest waiting one first: the night-shift concern becomes an NC
        app.handle_key(key(KeyCode::Char('n')));
        assert!(matches!(app.state.overlay, Overlay::Prompt(_)));
        app.handle_key(key(KeyCode::Enter));
        let nc = status_of(&app, "K7QM-4XD2");
        assert_eq!(nc.status, RaisedStatus::Nc, "{nc:?}");
        let made = crate::store::ncs::by_ref(app.store().conn(), &nc.outcome_ref).unwrap();
        assert!(made.title.starts_with("Nights skip the crimp"), "{made:?}");
        assert!(made.description.contains("K7QM-4XD2"), "{made:?}");
        // the selection stays on the next waiting one; a decline needs words
        app.handle_key(key(KeyCode::Char('x')));
        app.handle_key(key(KeyCode::Char(' ')));
        app.handle_key(key(KeyCode::Enter));
        assert!(matches!(app.state.overlay, Overlay::Prompt(_)), "kept open");
        assert!(status_of(&app, "P2WE-8R5N").waiting());
        app.handle_key(key(KeyCode::Backspace));
        type_text(&mut app, "Already on the c)4 action list");
        app.handle_key(key(KeyCode::Enter));
        let declined = status_of(&app, "P2WE-8R5N");
        assert_eq!(declined.status, RaisedStatus::Declined, "{declined:?}");
        assert_eq!(declined.reason, "Already on the c)4 action list");
        // the supplier concern becomes an improvement decision on item f)
        app.handle_key(key(KeyCode::Char('i')));
        assert!(matches!(app.state.overlay, Overlay::DecisionForm(_)));
        app.handle_key(key(KeyCode::Enter));
        let decided = status_of(&app, "D4HJ-6Y0F");
        assert_eq!(decided.status, RaisedStatus::Decision, "{decided:?}");
        assert!(
            app.state
                .data
                .decisions
                .iter()
                .any(|d| d.reference == decided.outcome_ref && d.category.as_str() == "improvement"),
            "{:?}",
            app.state.data.decisions
        );
        // nothing waits now; a triaged one is not triaged again
        app.handle_key(key(KeyCode::Char('x')));
        assert!(matches!(app.state.overlay, Overlay::None));
    }

    #[test]
    fn an_action_captured_on_a_raised_item_is_what_it_became() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        app.handle_key(key(KeyCode::Char('N')));
        while app.state.registers.tab != Register::Raised {
            app.handle_key(key(KeyCode::Tab));
        }
        app.handle_key(key(KeyCode::Char('a')));
        let Overlay::ActionForm(form) = &app.state.overlay else {
            panic!("an action form");
        };
        assert!(crate::tui::popups::capture::text_of(&form.fields[0]).starts_with("Nights skip"),);
        app.handle_key(key(KeyCode::Enter));
        let became = status_of(&app, "K7QM-4XD2");
        let said = app.state.status.as_ref().map(|s| s.text.clone());
        assert_eq!(became.status, RaisedStatus::Action, "{became:?} {said:?}");
        let action =
            crate::store::actions::require_action(app.store().conn(), &became.outcome_ref).unwrap();
        let f = app
            .state
            .data
            .items
            .iter()
            .find(|i| i.input_key == "f")
            .unwrap();
        assert_eq!(action.agenda_item_id, Some(f.id), "filed under item f)");
    }

    #[test]
    fn r_on_a_raised_item_raises_a_risk_that_answers_it() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        app.handle_key(key(KeyCode::Char('N')));
        while app.state.registers.tab != Register::Raised {
            app.handle_key(key(KeyCode::Tab));
        }
        app.handle_key(key(KeyCode::Char('r')));
        let Overlay::NewRisk(form) = &app.state.overlay else {
            panic!("the risk form");
        };
        assert!(crate::tui::screens::risks::field_text(&form.title).starts_with("Nights skip"));
        app.handle_key(key(KeyCode::Enter));
        let became = status_of(&app, "K7QM-4XD2");
        assert_eq!(became.status, RaisedStatus::Risk, "{became:?}");
        let said = app.state.status.as_ref().map(|s| s.text.clone()).unwrap();
        assert!(said.contains("K7QM-4XD2 became it"), "{said}");
        assert!(
            crate::store::risks::entry_by_ref(app.store().conn(), &became.outcome_ref)
                .unwrap()
                .is_some()
        );
    }
}
