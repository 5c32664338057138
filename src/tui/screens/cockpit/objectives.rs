//! Item c)2: the quality objectives under their strategic directions, each
//! with its status rolled up from the KPIs that measure it, its owner and
//! date, and what threatens or advances it; the KPI tiles below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::strategy::{Objective, ObjectiveStatus, rollup};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn status_style(s: ObjectiveStatus) -> ratatui::style::Style {
    match s {
        ObjectiveStatus::OnTrack => theme::good(),
        ObjectiveStatus::AtRisk => theme::warn(),
        ObjectiveStatus::OffTrack => theme::bad(),
        ObjectiveStatus::NotMeasured => theme::dim(),
    }
}

/// An objective's status from the KPIs loaded for the cockpit.
pub fn status_of(o: &Objective, state: &State) -> ObjectiveStatus {
    let statuses: Vec<_> = state
        .data
        .kpis
        .iter()
        .filter(|k| o.kpis.contains(&k.id))
        .map(|k| k.target.status(k.latest.as_ref().map(|l| l.1)))
        .collect();
    rollup(&statuses)
}

/// The tree as lines: a direction, then its objectives indented.
fn tree(state: &State, wide: bool) -> Vec<Line<'static>> {
    let data = &state.data;
    let mut lines = Vec::new();
    let mut group = |title: Line<'static>, objectives: Vec<&Objective>| {
        if objectives.is_empty() && title.spans.is_empty() {
            return;
        }
        lines.push(title);
        for o in objectives {
            let s = status_of(o, state);
            let mut spans = vec![
                Span::raw(format!("  {} ", o.reference)),
                Span::styled(format!("{:<12}", s.word()), status_style(s)),
                Span::raw(safe(&o.title)),
            ];
            if wide {
                let owner = o.owner.clone().unwrap_or_else(|| "no owner".into());
                let due = o.due_on.map(|d| format!(" · by {d}")).unwrap_or_default();
                spans.push(Span::styled(
                    format!(
                        "  {owner}{due} · {} KPIs · {} risks · {} open actions",
                        o.kpis.len(),
                        o.risks.len(),
                        o.open_actions()
                    ),
                    theme::dim(),
                ));
            }
            lines.push(Line::from(spans));
        }
    };
    for d in &data.directions {
        let under: Vec<&Objective> = data
            .objectives
            .iter()
            .filter(|o| o.direction_id == Some(d.id))
            .collect();
        group(
            Line::from(Span::styled(
                format!("{} {}", d.reference, safe(&d.title)),
                theme::title(),
            )),
            under,
        );
    }
    let loose: Vec<&Objective> = data
        .objectives
        .iter()
        .filter(|o| !data.directions.iter().any(|d| Some(d.id) == o.direction_id))
        .collect();
    if !loose.is_empty() {
        group(
            Line::from(Span::styled("Under no direction yet", theme::title())),
            loose,
        );
    }
    lines
}

pub fn draw_item_c2(frame: &mut Frame, area: Rect, state: &State) {
    let lines = tree(state, area.width >= 120);
    if lines.is_empty() {
        return crate::tui::screens::kpis::view::draw_compact(frame, area, "c2", state);
    }
    let rows = (lines.len() as u16 + 1).min(area.height / 2);
    let [top, rest] = Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines), top);
    crate::tui::screens::kpis::view::draw_compact(frame, rest, "c2", state);
}

#[cfg(test)]
mod tests {
    use crate::tui::keymap::Msg;
    use crate::tui::testkit::{demo_app, render};

    #[test]
    fn item_c2_shows_the_objectives_under_their_directions_with_their_status() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "c2" {
            app.update(Msg::NextItem);
        }
        let drawn = render(&app, 200, 60);
        assert!(drawn.contains("SD-1 Customers first"), "{drawn}");
        assert!(drawn.contains("QO-1"), "{drawn}");
        insta::assert_snapshot!("c2_200x60", drawn);
        insta::assert_snapshot!("c2_80x24", render(&app, 80, 24));
    }
}
