//! Item c)1: customer satisfaction and feedback. The KPI tiles above, then
//! the complaints by theme and month beside the complaints still open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::domain::feedback::{Feedback, Kind, Summary};
use crate::tui::screens::registers::view::{feedback_step, kind_label, theme_lines};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn draw_item_c1(frame: &mut Frame, area: Rect, state: &State) {
    let today = state.today;
    let rest = super::evidence::kpis_above(frame, area, "c1", state);
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.feedback, since, today);
    let caption = Paragraph::new(vec![
        Line::from(Span::styled(
            "Customer feedback (N opens it)",
            theme::title(),
        )),
        Line::from(Span::raw(summary.line())),
    ])
    .wrap(Wrap { trim: true });
    let caption_rows = caption.line_count(rest.width).min(usize::from(rest.height)) as u16;
    let [caption_area, body] =
        Layout::vertical([Constraint::Length(caption_rows), Constraint::Fill(1)]).areas(rest);
    frame.render_widget(caption, caption_area);
    let themes = theme_lines(&state.data.feedback, today, 6);
    // the grid, a line apart, then the open complaints at the pane's full width
    let rows = (themes.len() as u16 + 1).min(body.height / 2);
    let [theme_area, open_area] =
        Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(body);
    frame.render_widget(Paragraph::new(themes), theme_area);
    let mut open: Vec<&Feedback> = state
        .data
        .feedback
        .iter()
        .filter(|f| !f.closed && f.kind == Kind::Complaint)
        .collect();
    open.sort_by_key(|f| f.received_on);
    if open.is_empty() {
        frame.render_widget(
            Paragraph::new("No complaint open.").style(theme::dim()),
            open_area,
        );
        return;
    }
    // only the rows the pane can show are built
    let rows: Vec<Row> = open
        .iter()
        .take(usize::from(open_area.height))
        .map(|f| {
            let (kind, kind_style) = kind_label(f);
            let (step, step_style) = feedback_step(f);
            Row::new(vec![
                Cell::from(f.reference.clone()),
                Cell::from(format!("{} d", f.age_days(today))),
                Cell::from(Span::styled(kind, kind_style)),
                Cell::from(Span::styled(step, step_style)),
                Cell::from(safe(&format!("{}: {}", f.customer, f.summary))),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(11),
            Constraint::Length(5),
            Constraint::Length(15),
            Constraint::Length(8),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new(["OPEN", "AGE", "KIND", "NEXT", "CUSTOMER: WHAT THEY SAID"]).style(theme::dim()),
    )
    .column_spacing(1);
    frame.render_widget(table, open_area);
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::tui::keymap::Msg;
    use crate::tui::screens::registers::Register;
    use crate::tui::testkit::{demo_app, key, render};

    #[test]
    fn item_c1_shows_complaints_by_theme_and_month_beside_the_open_ones() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "c1" {
            app.update(Msg::NextItem);
        }
        let drawn = render(&app, 200, 60);
        assert!(
            drawn.contains("COMPLAINTS       Jun Jul Aug Sep Oct Nov"),
            "{drawn}"
        );
        let crimp = drawn.find("crimp height").expect("the crimp theme");
        let delivery = drawn.find("delivery ").expect("the delivery theme");
        assert!(crimp < delivery, "the most common theme first");
        assert!(
            drawn.contains("Northwind Automotive: Crimp height out of tolerance again"),
            "{drawn}"
        );
        assert!(
            drawn.contains("answer !"),
            "the newest complaint is unanswered: {drawn}"
        );
        insta::assert_snapshot!("c1_200x60", drawn);
        insta::assert_snapshot!("c1_80x24", render(&app, 80, 24));
        app.handle_key(key(KeyCode::Char('N')));
        assert_eq!(app.state.registers.tab, Register::Feedback);
        let tab = render(&app, 200, 60);
        assert!(tab.contains("Customer feedback"), "{tab}");
        insta::assert_snapshot!("feedback_tab_200x60", tab);
        insta::assert_snapshot!("feedback_tab_80x24", render(&app, 80, 24));
        // `a` on the oldest open complaint captures an action that answers it
        app.handle_key(key(KeyCode::Char('a')));
        crate::tui::testkit::type_text(&mut app, "Call Northwind about the H-220 sort");
        app.handle_key(key(KeyCode::Enter));
        let answered = crate::store::feedback::list(app.store().conn(), false)
            .unwrap()
            .into_iter()
            .filter(|f| f.actions.len() == 1)
            .count();
        assert_eq!(answered, 1);
    }
}
