//! The strategy tree and the selected objective in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::in_tree_order;
use crate::domain::strategy::Objective;
use crate::tui::screens::cockpit::objectives::{status_of, status_style};
use crate::tui::screens::registers::view::field;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let side_by_side = area.width >= 140;
    let [tree_area, detail_area] = if side_by_side {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area)
    };
    let data = &state.data;
    let order = in_tree_order(data);
    let cursor = state.strategy_cursor.min(order.len().saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_direction: Option<Option<i64>> = None;
    for (i, o) in order.iter().enumerate() {
        let direction = data
            .directions
            .iter()
            .find(|d| Some(d.id) == o.direction_id);
        if last_direction != Some(direction.map(|d| d.id)) {
            last_direction = Some(direction.map(|d| d.id));
            lines.push(Line::from(Span::styled(
                match direction {
                    Some(d) => format!("{} {}", d.reference, safe(&d.title)),
                    None => "Under no direction yet".to_string(),
                },
                theme::title(),
            )));
        }
        let s = status_of(o, state);
        let mut line = Line::from(vec![
            Span::raw(format!("  {} ", o.reference)),
            Span::styled(format!("{:<12}", s.word()), status_style(s)),
            Span::raw(safe(&o.title)),
        ]);
        if i == cursor {
            selected_line = lines.len();
            line = line.style(theme::selected());
        }
        lines.push(line);
    }
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " Strategy · {} directions, {} objectives ",
                data.directions.len(),
                data.objectives.len()
            ),
            theme::title(),
        ))
        .border_style(theme::focus_border());
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "No strategy yet: steerco strategy add \"…\", then steerco objective add \"…\" --direction SD-1",
            theme::dim(),
        )));
    }
    let visible = usize::from(tree_area.height.saturating_sub(2)).max(1);
    let offset = (selected_line + 1).saturating_sub(visible) as u16;
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((offset, 0)),
        tree_area,
    );
    let detail = order
        .get(cursor)
        .map(|o| detail(o, state))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(detail)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(Span::styled(" Objective ", theme::title()))),
        detail_area,
    );
}

fn detail<'a>(o: &Objective, state: &State) -> Vec<Line<'a>> {
    let s = status_of(o, state);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", o.reference), theme::title()),
            Span::styled(safe(&o.title), theme::title()),
        ]),
        Line::from(Span::styled(s.word(), status_style(s))),
        field("Who", o.owner.clone().unwrap_or_default()),
        field(
            "By when",
            o.due_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
        field("Resources", safe(&o.resources)),
        field("Evaluated", safe(&o.evaluation)),
        Line::from(""),
        Line::from(Span::styled("Measured by", theme::dim())),
    ];
    let kpis: Vec<_> = state
        .data
        .kpis
        .iter()
        .filter(|k| o.kpis.contains(&k.id))
        .collect();
    if kpis.is_empty() {
        lines.push(Line::from(
            "  no KPI yet: steerco objective link REF --kpi KEY",
        ));
    }
    for k in kpis {
        let status = k.target.status(k.latest.as_ref().map(|l| l.1));
        let value = k
            .latest
            .as_ref()
            .map(|(period, v)| format!("{v} {} ({period})", safe(&k.unit)))
            .unwrap_or_else(|| "no value yet".into());
        lines.push(Line::from(vec![
            Span::raw(format!("  {}  {value}  ", safe(&k.name))),
            Span::styled(status.word(), crate::tui::theme::kpi_status(status)),
        ]));
    }
    lines.push(Line::from(Span::styled(
        "Risks and opportunities",
        theme::dim(),
    )));
    if o.risks.is_empty() {
        lines.push(Line::from("  none linked"));
    }
    for r in &o.risks {
        let title = state
            .data
            .board
            .entries
            .iter()
            .find(|e| &e.reference == r)
            .map(|e| safe(&e.title))
            .unwrap_or_default();
        lines.push(Line::from(format!("  {r}  {title}")));
    }
    lines.push(Line::from(Span::styled("Open actions", theme::dim())));
    let open: Vec<_> = o.actions.iter().filter(|(_, s)| s.is_open()).collect();
    if open.is_empty() {
        lines.push(Line::from("  none"));
    }
    for (a, st) in open {
        lines.push(Line::from(format!("  {a}  {}", st.label())));
    }
    lines
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::tui::state::Screen;
    use crate::tui::testkit::{demo_app, key, render};

    #[test]
    fn o_opens_the_strategy_tree_and_the_selected_objective_in_full() {
        let (_dir, mut app) = demo_app();
        app.handle_key(key(KeyCode::Char('O')));
        assert_eq!(app.state.screen, Screen::Strategy);
        app.handle_key(key(KeyCode::Down));
        let drawn = render(&app, 200, 60);
        assert!(drawn.contains("SD-1 Customers first"), "{drawn}");
        assert!(
            drawn.contains("QO-2 A supply base we can rely on"),
            "{drawn}"
        );
        assert!(
            drawn.contains("Single source for FR-4 PCB laminate"),
            "{drawn}"
        );
        insta::assert_snapshot!("strategy_200x60", drawn);
        insta::assert_snapshot!("strategy_80x24", render(&app, 80, 24));
        app.handle_key(key(KeyCode::Esc));
        assert_eq!(app.state.screen, Screen::Cockpit);
    }
}
