//! One entry in full: ratings and their history, controls, links.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::text::visible_lines;
use crate::store::risks::RiskDetail;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let view = &state.risks;
    let Some(d) = view.detail.as_ref() else {
        let block = Block::bordered().title(Span::styled(" Detail ", theme::title()));
        frame.render_widget(
            Paragraph::new(Span::styled("Nothing selected.", theme::dim())).block(block),
            area,
        );
        return;
    };
    let lines = detail_lines(d, state);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} · detail ", d.entry.reference),
            theme::title(),
        ))
        .title_bottom(
            Line::from(Span::styled(
                " e re-rate · d decide · PgDn more · Esc back ",
                theme::dim(),
            ))
            .right_aligned(),
        );
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block);
    let total = paragraph.line_count(area.width.saturating_sub(2));
    let room = area.height.saturating_sub(2) as usize;
    let offset = view.detail_offset.min(total.saturating_sub(room));
    frame.render_widget(paragraph.scroll((offset as u16, 0)), area);
}

fn heading(text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme::title()))
}

fn detail_lines(d: &RiskDetail, state: &State) -> Vec<Line<'static>> {
    let limits = &state.data.board.limits;
    let e = &d.entry;
    let dim = theme::dim();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", e.reference), theme::key()),
            Span::styled(safe(&e.title), theme::title()),
        ]),
        Line::from(e.facts()),
        Line::from(vec![
            Span::raw("Inherent "),
            Span::styled(
                limits.label(e.inherent),
                theme::band(limits.band(e.inherent.score())),
            ),
            Span::raw("  Residual "),
            match e.residual {
                Some(r) => Span::styled(limits.label(r), theme::band(limits.band(r.score()))),
                None => Span::styled("not rated", theme::warn()),
            },
        ]),
        Line::from(match e.next_review {
            Some(day) if e.review_overdue(state.today) => Span::styled(
                format!("Review was due {}", day.format("%Y-%m-%d")),
                theme::warn(),
            ),
            Some(day) => Span::raw(format!("Next review {}", day.format("%Y-%m-%d"))),
            None => Span::styled("No review date", dim),
        }),
    ];
    for (label, text) in [("Description", &d.description), ("Controls", &d.controls)] {
        if !text.trim().is_empty() {
            lines.push(heading(label));
            lines.extend(
                visible_lines(text.trim())
                    .into_iter()
                    .map(|l| Line::from(format!("  {l}"))),
            );
        }
    }
    lines.push(heading("Rating history"));
    for r in &d.ratings {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {} {:<8} ",
                    r.at.map_or("?".into(), |t| t.format("%Y-%m-%d").to_string()),
                    r.basis.as_str()
                ),
                dim,
            ),
            Span::styled(
                limits.label(r.rating),
                theme::band(limits.band(r.rating.score())),
            ),
            Span::raw(format!(" {} ", safe(&r.rationale))),
            Span::styled(format!("({})", safe(&r.actor)), dim),
        ]));
    }
    lines.push(heading("Actions"));
    if d.actions.is_empty() {
        lines.push(Line::from(Span::styled(
            "  none: no treatment action yet",
            theme::warn(),
        )));
    }
    for a in &d.actions {
        let due = a
            .due
            .map_or("no date".into(), |d| d.format("%Y-%m-%d").to_string());
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", a.reference), theme::key()),
            Span::raw(format!("{:<13} {due} ", a.status.label())),
            Span::raw(safe(&a.title)),
        ]));
    }
    if !d.kpis.is_empty() {
        lines.push(heading("Linked KPIs"));
        let names: Vec<String> = d.kpis.iter().map(|k| safe(&k.name)).collect();
        lines.push(Line::from(format!("  {}", names.join(", "))));
    }
    lines.push(heading("Decisions"));
    if d.decisions.is_empty() {
        lines.push(Line::from(Span::styled("  none recorded", dim)));
    }
    for dec in &d.decisions {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", dec.reference), theme::key()),
            Span::styled(format!("{} ", dec.review_ref), dim),
            Span::raw(safe(&dec.text)),
        ]));
    }
    lines
}
