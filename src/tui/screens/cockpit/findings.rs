//! Item c)6: the audit programme's progress and the findings still open,
//! beside any KPIs of the audit input.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::domain::audit::{Finding, Summary};
use crate::tui::screens::registers::view::{audit_line, finding_next_step, grade_style};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// KPI tiles above, then the summary, the open findings (overdue first) and
/// this year's programme.
pub fn draw_item_c6(frame: &mut Frame, area: Rect, state: &State) {
    let today = state.today;
    let rest = super::evidence::kpis_above(frame, area, "c6", state);
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.audits, &state.data.findings, since, today);
    let caption = Paragraph::new(vec![
        Line::from(Span::styled(
            "Audit results (N opens the findings)",
            theme::title(),
        )),
        Line::from(Span::raw(summary.line())),
    ])
    .wrap(Wrap { trim: true });
    let caption_rows = caption.line_count(rest.width).min(usize::from(rest.height)) as u16;
    let programme: Vec<Line> = state
        .data
        .audits
        .iter()
        .filter(|a| a.planned_on.year() == today.year() || a.overdue(today))
        .map(|a| audit_line(a, today))
        .collect();
    let open = state.registers.findings(&state.data.findings, today);
    let open: Vec<&Finding> = open.into_iter().filter(|f| !f.closed).collect();
    // the open findings come first; the programme gets what is left
    let table_rows = open.len().max(1) as u16 + 1;
    let programme_rows =
        (programme.len() as u16 + 1).min(rest.height.saturating_sub(caption_rows + table_rows));
    let programme_rows = if programme_rows < 2 {
        0
    } else {
        programme_rows
    };
    // the programme follows the findings, a line apart when there is room
    let gap = u16::from(rest.height > caption_rows + table_rows + programme_rows);
    let [caption_area, table_area, _, programme_area, _] = Layout::vertical([
        Constraint::Length(caption_rows),
        Constraint::Length(table_rows),
        Constraint::Length(gap),
        Constraint::Length(programme_rows),
        Constraint::Fill(1),
    ])
    .areas(rest);
    frame.render_widget(caption, caption_area);
    let wide = rest.width >= 90;
    // only the rows the pane can show are built
    let rows: Vec<Row> = open
        .iter()
        .take(usize::from(table_area.height))
        .map(|f| {
            let (step, style) = finding_next_step(f, today);
            let mut cells = vec![
                Cell::from(f.reference.clone()),
                Cell::from(format!("{} d", f.age_days(today))),
                Cell::from(Span::styled(f.grade.as_str(), grade_style(f.grade))),
            ];
            if wide {
                cells.push(Cell::from(f.audit.clone()));
                cells.push(Cell::from(
                    f.due_on
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".into()),
                ));
            }
            cells.push(Cell::from(Span::styled(step, style)));
            cells.push(Cell::from(safe(&f.title)));
            Row::new(cells)
        })
        .collect();
    let (header, widths) = if wide {
        (
            vec!["OPEN", "AGE", "GRADE", "AUDIT", "DUE", "NEXT", "TITLE"],
            vec![
                Constraint::Length(10),
                Constraint::Length(5),
                Constraint::Length(11),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(14),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec!["OPEN", "AGE", "GRADE", "NEXT", "TITLE"],
            vec![
                Constraint::Length(10),
                Constraint::Length(5),
                Constraint::Length(11),
                Constraint::Length(14),
                Constraint::Fill(1),
            ],
        )
    };
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No finding open.").style(theme::dim()),
            table_area,
        );
    } else {
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme::dim()))
            .column_spacing(1);
        frame.render_widget(table, table_area);
    }
    if programme_rows > 0 {
        let mut lines = vec![Line::from(Span::styled(
            format!("Programme {}", today.year()),
            theme::title(),
        ))];
        lines.extend(programme);
        frame.render_widget(Paragraph::new(lines), programme_area);
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::tui::app::App;
    use crate::tui::keymap::Msg;
    use crate::tui::screens::registers::Register;
    use crate::tui::state::Screen;
    use crate::tui::testkit::{demo_app, key, render};

    fn go_to(app: &mut App, input: &str) {
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != input {
            app.update(Msg::NextItem);
        }
    }

    #[test]
    fn item_c6_shows_the_programme_and_the_open_findings_and_n_opens_them() {
        let (_dir, mut app) = demo_app();
        go_to(&mut app, "c6");
        let drawn = render(&app, 200, 60);
        assert!(
            drawn.contains(
                "programme 2026: 3 of 5 audits held, 3 reported · 1 past their planned date"
            ),
            "{drawn}"
        );
        assert!(
            drawn.contains("Connector supplier: the J-series line"),
            "{drawn}"
        );
        assert!(drawn.contains("F-2026-005"), "{drawn}");
        insta::assert_snapshot!("c6_200x60", drawn);
        insta::assert_snapshot!("c6_80x24", render(&app, 80, 24));
        app.handle_key(key(KeyCode::Char('N')));
        assert_eq!(app.state.screen, Screen::Registers);
        assert_eq!(app.state.registers.tab, Register::Findings);
    }
}
