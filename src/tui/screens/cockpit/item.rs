//! The current item: what ISO asks, the evidence for it, and the notes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::evidence;
use crate::domain::agenda::{ItemState, format_duration, timebox_use};
use crate::domain::model::AgendaItem;
use crate::domain::text::visible_lines;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(item) = state.current_item() else {
        let empty = Paragraph::new("This review has no agenda items.").block(Block::bordered());
        frame.render_widget(empty, area);
        return;
    };
    let spent = state.data.spent_secs(item, state.now);
    let clause = super::agenda::input_label(&item.input_key);
    let heading = if clause.is_empty() {
        safe(&item.title)
    } else {
        format!("{clause} {}", safe(&item.title))
    };
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .title(Line::from(vec![
            Span::styled(format!(" {heading} "), theme::title()),
            Span::styled(format!("{} ", item.clause), theme::dim()),
        ]))
        .title(
            Line::from(Span::styled(
                format!(
                    " {} / {} ",
                    format_duration(spent),
                    format_duration(item.timebox_secs)
                ),
                theme::timebox(timebox_use(spent, item.timebox_secs)),
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let guidance = Paragraph::new(safe(&item.guidance))
        .style(theme::guidance())
        .wrap(Wrap { trim: true });
    let guidance_lines = (guidance.line_count(inner.width) as u16).clamp(1, 4);
    let has_evidence = evidence::has_evidence(item, state);
    let notes_height = if has_evidence {
        (inner.height / 3).max(6)
    } else {
        inner.height
    };
    let [guidance_area, state_area, evidence_area, notes_area] = Layout::vertical([
        Constraint::Length(guidance_lines),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Max(notes_height),
    ])
    .areas(inner);
    frame.render_widget(guidance, guidance_area);
    let locked = state.data.review.status == crate::domain::review::ReviewStatus::Closed;
    // a follower's keys do nothing: it is not told which to press
    let hints = state.seat != crate::tui::state::Seat::Follower;
    frame.render_widget(Paragraph::new(state_line(item, locked, hints)), state_area);
    if has_evidence {
        evidence::draw(frame, evidence_area, item, state);
    }
    draw_notes(frame, notes_area, item, state);
}

fn state_line(item: &AgendaItem, locked: bool, hints: bool) -> Line<'static> {
    match item.state {
        ItemState::Covered => Line::from(Span::styled("✓ covered", theme::good())),
        ItemState::NotApplicable => Line::from(vec![
            Span::styled("– not applicable: ", theme::dim()),
            Span::raw(safe(&item.na_reason)),
        ]),
        ItemState::Pending if locked => Line::from(Span::styled(
            "○ not covered when the review was signed off",
            theme::warn(),
        )),
        ItemState::Pending => Line::from(Span::styled(
            if hints {
                "○ not yet covered  (c marks it covered)"
            } else {
                "○ not yet covered"
            },
            theme::dim(),
        )),
    }
}

fn draw_notes(frame: &mut Frame, area: Rect, item: &AgendaItem, state: &State) {
    if let Some(editor) = state.editor.as_ref().filter(|e| e.item_id == item.id) {
        let title = if editor.conflict.is_some() {
            Span::styled(
                " Notes: yours above, the notes saved meanwhile below ",
                theme::bad(),
            )
        } else {
            Span::styled(" Notes (writing; Esc when done) ", theme::key())
        };
        let block = Block::bordered()
            .border_style(theme::focus_border())
            .title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let (editor_area, theirs_area) = match &editor.conflict {
            Some(_) => {
                let [a, b] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
                (a, Some(b))
            }
            None => (inner, None),
        };
        frame.render_widget(&editor.textarea, editor_area);
        if let (Some(conflict), Some(theirs_area)) = (&editor.conflict, theirs_area) {
            let by = conflict.by.as_deref().unwrap_or("another session");
            let mut lines = vec![Line::from(Span::styled(
                format!("─ saved by {} ─", safe(by)),
                theme::warn(),
            ))];
            lines.extend(
                visible_lines(&conflict.theirs)
                    .into_iter()
                    .map(|l| Line::from(l.into_owned())),
            );
            frame.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }),
                theirs_area,
            );
        }
        return;
    }
    let block = Block::bordered().title(Span::styled(" Notes ", theme::title()));
    let text = if item.notes.trim().is_empty() {
        Text::from(Span::styled(
            if state.seat == crate::tui::state::Seat::Follower {
                "No notes yet."
            } else {
                "No notes yet. n writes notes on this item."
            },
            theme::dim(),
        ))
    } else {
        Text::from(
            visible_lines(&item.notes)
                .into_iter()
                .map(|l| Line::from(l.into_owned()))
                .collect::<Vec<_>>(),
        )
    };
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
        area,
    );
}

/// Actions and decisions raised while this item was discussed.
pub fn draw_captured(frame: &mut Frame, area: Rect, state: &State) {
    let block = Block::bordered().title(Span::styled(" Captured here ", theme::title()));
    let Some(item) = state.current_item() else {
        frame.render_widget(block, area);
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    for action in state
        .data
        .actions
        .iter()
        .filter(|a| a.agenda_item_id == Some(item.id))
    {
        lines.push(Line::from(vec![
            Span::styled(action.reference.clone(), theme::key()),
            Span::raw(format!(" {}", safe(&action.title))),
        ]));
        let owner = action
            .owner
            .as_deref()
            .map(safe)
            .unwrap_or_else(|| "no owner".into());
        let due = action
            .due
            .map(|d| format!("due {}", d.format("%-d %b %Y")))
            .unwrap_or_else(|| "no due date".into());
        let style = if action.owner.is_none() || action.due.is_none() {
            theme::warn()
        } else {
            theme::dim()
        };
        lines.push(Line::from(Span::styled(
            format!("  {owner} · {due}"),
            style,
        )));
    }
    for decision in state
        .data
        .decisions
        .iter()
        .filter(|d| d.agenda_item_id == Some(item.id))
    {
        lines.push(Line::from(vec![
            Span::styled(decision.reference.clone(), theme::key()),
            Span::raw(format!(" {}", safe(&decision.text))),
        ]));
        lines.push(Line::from(Span::styled(
            format!(
                "  (9.3.3 {})",
                crate::domain::action::DecisionCategory::short_label(&decision.category)
            ),
            theme::dim(),
        )));
    }
    for topic in &state.captured_here().parked {
        lines.push(Line::from(vec![
            Span::styled(topic.reference.clone(), theme::key()),
            Span::raw(format!(" {}", safe(&topic.topic))),
        ]));
        let owner = topic.owner.as_deref().map_or("no owner".to_string(), safe);
        lines.push(Line::from(Span::styled(
            format!("  {owner} · {}", safe(&topic.settled_as())),
            theme::dim(),
        )));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing captured on this item yet.",
            theme::dim(),
        )));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
