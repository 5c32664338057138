//! Item c)4: the nonconformity register beside the KPIs that measure it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::domain::nc::{Nonconformity, Summary};
use crate::tui::screens::registers::view::{next_step, severity_style};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// KPI tiles above, the open nonconformities below; only the tiles while
/// the register is empty.
pub fn draw_item_c4(frame: &mut Frame, area: Rect, state: &State) {
    let draw_kpis = crate::tui::screens::kpis::view::draw_compact;
    if state.data.ncs.is_empty() {
        return draw_kpis(frame, area, "c4", state);
    }
    let nc_area = super::evidence::kpis_above(frame, area, "c4", state);
    draw_register(frame, nc_area, state);
}

fn draw_register(frame: &mut Frame, area: Rect, state: &State) {
    let today = state.today;
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.ncs, since, today);
    let mut open: Vec<&Nonconformity> = state.data.ncs.iter().filter(|n| !n.closed).collect();
    open.sort_by_key(|n| std::cmp::Reverse(n.age_days(today)));
    let caption = Paragraph::new(vec![
        Line::from(Span::styled(
            format!("Nonconformities ({} in the register)", state.data.ncs.len()),
            theme::title(),
        )),
        Line::from(Span::raw(summary.line())),
    ])
    .wrap(Wrap { trim: true });
    let caption_rows = caption.line_count(area.width).min(usize::from(area.height)) as u16;
    let [caption_area, table_area] =
        Layout::vertical([Constraint::Length(caption_rows), Constraint::Fill(1)]).areas(area);
    frame.render_widget(caption, caption_area);
    // a narrow pane keeps what says what to do: reference, age, next step, title
    let wide = area.width >= 90;
    // only the rows the pane can show are built
    let rows: Vec<Row> = open
        .iter()
        .take(usize::from(table_area.height))
        .map(|n| {
            let severity = severity_style(n.severity);
            let (step, step_style) = next_step(n);
            let mut cells = vec![
                Cell::from(n.reference.clone()),
                Cell::from(format!("{} d", n.age_days(today))),
            ];
            if wide {
                cells.push(Cell::from(Span::styled(n.severity.as_str(), severity)));
                cells.push(Cell::from(n.source.as_str()));
            }
            cells.push(Cell::from(Span::styled(step, step_style)));
            cells.push(Cell::from(safe(&n.title)));
            Row::new(cells)
        })
        .collect();
    let (header, widths) = if wide {
        (
            vec!["OPEN", "AGE", "SEVERITY", "SOURCE", "NEXT", "TITLE"],
            vec![
                Constraint::Length(11),
                Constraint::Length(5),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(14),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec!["OPEN", "AGE", "NEXT", "TITLE"],
            vec![
                Constraint::Length(11),
                Constraint::Length(5),
                Constraint::Length(14),
                Constraint::Fill(1),
            ],
        )
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::dim()))
        .column_spacing(1);
    frame.render_widget(table, table_area);
}

#[cfg(test)]
mod tests {
    use crate::domain::nc::{Severity, Source};
    use crate::store::Store;
    use crate::store::ncs::{self, NewNc};
    use crate::tui::app::App;
    use crate::tui::keymap::Msg;
    use crate::tui::testkit::{demo_app, nine_am, render, today};

    fn go_to_c4(app: &mut App) {
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "c4" {
            app.update(Msg::NextItem);
        }
    }

    #[test]
    fn item_c4_shows_the_open_ncs_oldest_first_with_what_each_still_needs() {
        let (_dir, mut app) = demo_app();
        go_to_c4(&mut app);
        let drawn = render(&app, 200, 60);
        assert!(drawn.contains("3 open · oldest 95 days"), "{drawn}");
        // the summary wraps at the pane's width; its parts are all there
        assert!(
            drawn.contains("repeating:") && drawn.contains("crimping ×2"),
            "{drawn}"
        );
        let oldest = drawn.find("NC-2026-002").unwrap();
        let newest = drawn.find("NC-2026-004").unwrap();
        assert!(oldest < newest, "oldest first");
        assert!(
            drawn.contains("not effective") && drawn.contains("no action !"),
            "{drawn}"
        );
        insta::assert_snapshot!("c4_200x60", drawn);
        insta::assert_snapshot!("c4_80x24", render(&app, 80, 24));
    }

    /// Raised in another session (a quality manager's shell), the NC is on
    /// the room's screen at the next look for changes.
    #[test]
    fn an_nc_raised_elsewhere_appears_on_c4_at_the_next_look() {
        let (_dir, mut app) = demo_app();
        go_to_c4(&mut app);
        let mut other = Store::open(app.store().path()).unwrap();
        other
            .write(|tx, _| {
                ncs::add(
                    tx,
                    "akhan",
                    nine_am(),
                    &NewNc {
                        title: "Wrong label on the H-300 carton",
                        description: "",
                        source: Source::Customer,
                        area: "packing",
                        severity: Severity::Minor,
                        raised_on: today(),
                        owner_id: None,
                    },
                )
            })
            .unwrap();
        assert!(!render(&app, 200, 60).contains("Wrong label"));
        assert!(app.tick(nine_am()), "the change is seen and redrawn");
        assert!(render(&app, 200, 60).contains("Wrong label on the H-300 carton"));
    }
}
