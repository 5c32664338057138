//! Item c)7: the supplier KPIs above, then every provider with its
//! approval, last score and what needs the review's attention.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::domain::provider::summary_line;
use crate::tui::screens::registers::view::{approval_style, last_score};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn draw_item_c7(frame: &mut Frame, area: Rect, state: &State) {
    let today = state.today;
    let rest = super::evidence::kpis_above(frame, area, "c7", state);
    let caption = Paragraph::new(vec![
        Line::from(Span::styled(
            "External providers (N opens them)",
            theme::title(),
        )),
        Line::from(Span::raw(summary_line(&state.data.providers, today))),
    ])
    .wrap(Wrap { trim: true });
    let caption_rows = caption.line_count(rest.width).min(usize::from(rest.height)) as u16;
    let [caption_area, table_area] =
        Layout::vertical([Constraint::Length(caption_rows), Constraint::Fill(1)]).areas(rest);
    frame.render_widget(caption, caption_area);
    let shown = crate::tui::screens::registers::RegisterView::current_only()
        .providers(&state.data.providers, today);
    let wide = rest.width >= 90;
    // only the rows the pane can show are built
    let rows: Vec<Row> = shown
        .iter()
        .take(usize::from(table_area.height))
        .map(|p| {
            let (score, score_style) = last_score(p);
            let mut cells = vec![
                Cell::from(safe(&p.name)),
                Cell::from(Span::styled(p.approval.as_str(), approval_style(p))),
            ];
            if wide {
                cells.push(Cell::from(Span::styled(score, score_style)));
            }
            cells.push(Cell::from(Span::styled(
                p.concerns(today).join("; "),
                theme::warn(),
            )));
            Row::new(cells)
        })
        .collect();
    let (header, widths) = if wide {
        (
            vec!["PROVIDER", "APPROVAL", "LAST SCORE", "FOR THE REVIEW"],
            vec![
                Constraint::Length(22),
                Constraint::Length(12),
                Constraint::Length(17),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec!["PROVIDER", "APPROVAL", "FOR THE REVIEW"],
            vec![
                Constraint::Length(18),
                Constraint::Length(12),
                Constraint::Fill(1),
            ],
        )
    };
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme::dim()))
            .column_spacing(1),
        table_area,
    );
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::tui::keymap::Msg;
    use crate::tui::screens::registers::Register;
    use crate::tui::testkit::{demo_app, key, nine_am, render};

    #[test]
    fn item_c7_lists_the_providers_with_a_concern_first() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "c7" {
            app.update(Msg::NextItem);
        }
        let drawn = render(&app, 200, 60);
        assert!(
            drawn.contains("Supplier on-time delivery"),
            "the KPIs stay: {drawn}"
        );
        let kabelwerk = drawn
            .find("Kabelwerk Nord")
            .expect("the escalated supplier");
        let laminex = drawn
            .find("Laminex PCB")
            .expect("a supplier in good standing");
        assert!(kabelwerk < laminex, "a concern first");
        let calibra = drawn
            .find("Calibra Services")
            .expect("the one due for evaluation");
        assert!(
            kabelwerk < calibra,
            "the most concerns first, before the alphabet"
        );
        insta::assert_snapshot!("c7_200x60", drawn);
        insta::assert_snapshot!("c7_80x24", render(&app, 80, 24));
        app.handle_key(key(KeyCode::Char('N')));
        assert_eq!(app.state.registers.tab, Register::Providers);
        insta::assert_snapshot!("providers_tab_200x60", render(&app, 200, 60));
        insta::assert_snapshot!("providers_tab_80x24", render(&app, 80, 24));
        // a provider removed in another session leaves item c)7
        let mut other = crate::store::Store::open(app.store().path()).unwrap();
        other
            .write(|tx, actor| {
                let removed = Some(crate::domain::provider::Approval::Removed);
                crate::store::providers::update(
                    tx,
                    actor,
                    nine_am(),
                    "Swift Freight",
                    None,
                    removed,
                )
            })
            .unwrap();
        app.tick(nine_am());
        app.handle_key(key(KeyCode::Esc));
        assert!(!render(&app, 200, 60).contains("Swift Freight"));
    }
}
