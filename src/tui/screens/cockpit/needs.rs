//! Item d): the resource needs waiting for this review, and what earlier
//! reviews decided on the others, with the amounts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::domain::need::{Need, NeedStatus, Summary};
use crate::tui::screens::registers::view::status_style;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn draw_item_d(frame: &mut Frame, area: Rect, state: &State) {
    let today = state.today;
    let rest = super::evidence::kpis_above(frame, area, "d", state);
    let since = state.data.board.since.map(|t| t.date_naive());
    let caption = Paragraph::new(vec![
        Line::from(Span::styled(
            "Resource needs (N opens them)",
            theme::title(),
        )),
        Line::from(Span::raw(Summary::of(&state.data.needs, since).line())),
    ])
    .wrap(Wrap { trim: true });
    let caption_rows = caption.line_count(rest.width).min(usize::from(rest.height)) as u16;
    let mut waiting: Vec<&Need> = state
        .data
        .needs
        .iter()
        .filter(|n| n.status.awaiting())
        .collect();
    waiting.sort_by_key(|n| n.raised_on);
    let mut decided: Vec<&Need> = state
        .data
        .needs
        .iter()
        .filter(|n| !n.status.awaiting())
        .collect();
    decided.sort_by_key(|n| std::cmp::Reverse(n.decided_on));
    let waiting_rows = waiting.len().max(1) as u16 + 1;
    let [caption_area, waiting_area, _, decided_area] = Layout::vertical([
        Constraint::Length(caption_rows),
        Constraint::Length(waiting_rows),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(rest);
    frame.render_widget(caption, caption_area);
    // a narrow pane keeps the reference, the amount and the title
    let narrow = rest.width < 90;
    let keep = move |i: usize| !narrow || matches!(i, 0 | 2 | 4);
    let table = |rows: Vec<Vec<Cell<'static>>>, header: [&'static str; 5], widths: [u16; 4]| {
        let mut constraints: Vec<Constraint> =
            widths.iter().map(|&w| Constraint::Length(w)).collect();
        constraints.push(Constraint::Fill(1));
        let pick = |cells: Vec<Cell<'static>>| -> Vec<Cell<'static>> {
            cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| keep(*i))
                .map(|(_, c)| c)
                .collect()
        };
        let constraints: Vec<Constraint> = constraints
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
            .collect();
        let header: Vec<&str> = header
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, h)| h)
            .collect();
        Table::new(rows.into_iter().map(|r| Row::new(pick(r))), constraints)
            .header(Row::new(header).style(theme::dim()))
            .column_spacing(1)
    };
    if waiting.is_empty() {
        frame.render_widget(
            Paragraph::new("Nothing waits for a decision.").style(theme::dim()),
            waiting_area,
        );
    } else {
        let rows = waiting
            .iter()
            .take(usize::from(waiting_area.height))
            .map(|n| {
                vec![
                    Cell::from(n.reference.clone()),
                    Cell::from(Span::styled(n.status.as_str(), status_style(n.status))),
                    Cell::from(safe(&n.amount)),
                    Cell::from(format!("{} d {}", n.age_days(today), n.kind.as_str())),
                    Cell::from(safe(&n.title)),
                ]
            })
            .collect();
        frame.render_widget(
            table(
                rows,
                ["TO DECIDE", "STATUS", "ASKED", "AGE, KIND", "TITLE"],
                [11, 8, 18, 20],
            ),
            waiting_area,
        );
    }
    if decided.is_empty() || decided_area.height < 2 {
        return;
    }
    let rows = decided
        .iter()
        .take(usize::from(decided_area.height))
        .map(|n| {
            let by = match (&n.decision, &n.review) {
                (Some(d), Some(r)) => format!("{d} {r}"),
                _ => String::new(),
            };
            let status = if n.status == NeedStatus::Approved {
                "approved, not delivered".to_string()
            } else {
                n.status.as_str().to_string()
            };
            vec![
                Cell::from(n.reference.clone()),
                Cell::from(Span::styled(status, status_style(n.status))),
                Cell::from(safe(&n.granted)),
                Cell::from(by),
                Cell::from(safe(&n.title)),
            ]
        })
        .collect();
    frame.render_widget(
        table(
            rows,
            ["DECIDED", "STATUS", "GRANTED", "BY", "TITLE"],
            [11, 23, 18, 21],
        ),
        decided_area,
    );
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::tui::keymap::Msg;
    use crate::tui::screens::registers::Register;
    use crate::tui::testkit::{demo_app, key, render, type_text};

    #[test]
    fn item_d_shows_what_waits_for_a_decision_and_what_the_last_review_granted() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "d" {
            app.update(Msg::NextItem);
        }
        let drawn = render(&app, 200, 60);
        assert!(drawn.contains("2 awaiting a decision"), "{drawn}");
        assert!(
            drawn.contains("A crimp cross-section microscope for the night shift"),
            "{drawn}"
        );
        assert!(drawn.contains("GBP 48,000 capital"), "{drawn}");
        insta::assert_snapshot!("d_200x60", drawn);
        insta::assert_snapshot!("d_80x24", render(&app, 80, 24));
        app.handle_key(key(KeyCode::Char('N')));
        assert_eq!(app.state.registers.tab, Register::Needs);
        let tab = render(&app, 200, 60);
        insta::assert_snapshot!("needs_tab_200x60", tab);
        // an action captured on the oldest waiting need delivers it
        app.handle_key(key(KeyCode::Char('a')));
        type_text(&mut app, "Book the trainer course");
        app.handle_key(key(KeyCode::Enter));
        let need = crate::store::needs::list(app.store().conn(), false)
            .unwrap()
            .into_iter()
            .find(|n| n.title.starts_with("IPC-A-610"))
            .unwrap();
        assert_eq!(need.actions.len(), 2, "{need:?}");
    }
}
