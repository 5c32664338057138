//! The capture forms and one-line prompts, drawn over any screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::action::DecisionCategory;
use crate::tui::popups::capture::{
    ActionForm, DUE, DecisionFocus, FIELD_NAMES, OWNER, ReviewDecisionForm,
};
use crate::tui::state::{Prompt, State};
use crate::tui::theme;
use crate::tui::ui::{centered, safe};

const LABEL: u16 = 10;

fn label(name: &str, focused: bool) -> Span<'static> {
    if focused {
        Span::styled(format!("▶ {name:<6} "), theme::key())
    } else {
        Span::styled(format!("  {name:<6} "), theme::dim())
    }
}

/// Where the form was opened from, for its title.
fn item_title(state: &State, item_id: Option<i64>) -> String {
    item_id
        .and_then(|id| state.data.items.iter().find(|i| i.id == id))
        .map(|i| {
            let clause = crate::tui::screens::cockpit::agenda::input_label(&i.input_key);
            let name = if i.short_title.is_empty() {
                &i.title
            } else {
                &i.short_title
            };
            format!(
                " on {} {}{}",
                i.position,
                if clause.is_empty() {
                    String::new()
                } else {
                    format!("{clause} ")
                },
                safe(name)
            )
        })
        .unwrap_or_default()
}

fn error_lines(error: &Option<String>, discard: bool) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if discard {
        lines.push(Line::from(Span::styled(
            "Esc again throws away what you typed; Enter saves it",
            theme::warn(),
        )));
    }
    if let Some(e) = error {
        lines.push(Line::from(Span::styled(
            format!("✗ {}", safe(e)),
            theme::bad(),
        )));
    }
    lines
}

pub fn draw_action_form(frame: &mut Frame, area: Rect, state: &State, form: &ActionForm) {
    let rect = centered(area, 76, 13);
    frame.render_widget(Clear, rect);
    let title = match &form.editing {
        Some(a) => format!(" Edit {} ", a.reference),
        None => format!(
            " New action{} ",
            item_title(state, form.link.agenda_item_id)
        ),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(
            Line::from(" Enter save · Tab next field (completes the owner) · Esc cancel ")
                .right_aligned(),
        )
        .border_style(theme::focus_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([Constraint::Length(1); 9]).split(inner);
    let field_row = |i: usize| match i {
        0 => rows[0],
        1 => rows[1],
        2 => rows[3],
        _ => rows[5],
    };
    for (i, name) in FIELD_NAMES.iter().enumerate() {
        let [l, f] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)])
            .areas(field_row(i));
        frame.render_widget(Paragraph::new(label(name, form.focus == i)), l);
        frame.render_widget(&form.fields[i], f);
    }
    let hint_area = |r: Rect| {
        let [_, h] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(r);
        h
    };
    // owner: who it could be, or a flag when nobody is named
    let suggestions = form.suggestions();
    let owner_hint = if !suggestions.is_empty() {
        let names: Vec<String> = suggestions.iter().map(|p| safe(&p.name)).collect();
        Line::from(vec![
            Span::styled("Tab → ", theme::key()),
            Span::raw(names.join(" · ")),
        ])
    } else if form.value(OWNER).is_empty() {
        Line::from(Span::styled(
            "! no owner yet: allowed, but flagged",
            theme::warn(),
        ))
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(owner_hint), hint_area(rows[2]));
    let due_hint = match form.due(state.today) {
        Ok(Some(d)) => Line::from(Span::styled(
            format!("→ {}", d.format("%a %-d %b %Y")),
            theme::good(),
        )),
        Ok(None) => Line::from(Span::styled(
            "! no due date yet: allowed, but flagged",
            theme::warn(),
        )),
        Err(_) if form.focus == DUE => Line::from(Span::styled(
            "? YYYY-MM-DD, +3d, +2w, fri, next month, eoq, tomorrow",
            theme::dim(),
        )),
        Err(e) => Line::from(Span::styled(format!("✗ {}", safe(&e)), theme::bad())),
    };
    frame.render_widget(Paragraph::new(due_hint), hint_area(rows[4]));
    let [_, msg] = Layout::vertical([Constraint::Length(7), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(error_lines(&form.error, form.confirm_discard))
            .wrap(ratatui::widgets::Wrap { trim: true }),
        msg,
    );
}

pub fn draw_decision_form(frame: &mut Frame, area: Rect, state: &State, form: &ReviewDecisionForm) {
    let shown_actions = form.actions.len().min(4);
    let height = 2 + 3 + 3 + shown_actions.max(1) as u16 + 2;
    let rect = centered(area, 76, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(
            match &form.amending {
                Some(d) => format!(
                    " Correct {}{} ",
                    d.reference,
                    item_title(state, form.agenda_item_id)
                ),
                None => format!(" New decision{} ", item_title(state, form.agenda_item_id)),
            },
            theme::title(),
        ))
        .title_bottom(
            Line::from(" Enter save · Tab next · a/b/c category · space links an action · Esc ")
                .right_aligned(),
        )
        .border_style(theme::focus_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [
        text_row,
        owner_row,
        amount_row,
        cat_area,
        act_area,
        msg_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(shown_actions.max(1) as u16),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let split = |r: Rect| {
        let [l, f] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(r);
        (l, f)
    };
    let (l, f) = split(text_row);
    frame.render_widget(
        Paragraph::new(label("Text", form.focus == DecisionFocus::Text)),
        l,
    );
    frame.render_widget(&form.text, f);
    for (row, name, focus, area) in [
        (owner_row, "Owner", DecisionFocus::Owner, &form.owner),
        (amount_row, "Amount", DecisionFocus::Amount, &form.amount),
    ] {
        let (l, f) = split(row);
        frame.render_widget(Paragraph::new(label(name, form.focus == focus)), l);
        frame.render_widget(area, f);
    }
    let (l, f) = split(cat_area);
    frame.render_widget(
        Paragraph::new(label("9.3.3", form.focus == DecisionFocus::Category)),
        l,
    );
    let cats: Vec<Line> = DecisionCategory::ALL
        .iter()
        .map(|c| {
            let on = form.category == Some(*c);
            let mark = if on { "(•)" } else { "( )" };
            let style = if on { theme::title() } else { theme::dim() };
            Line::from(Span::styled(format!("{mark} {}", c.label()), style))
        })
        .collect();
    let mut cat_lines = cats;
    if form.category.is_none() {
        cat_lines[0]
            .spans
            .push(Span::styled("   ← choose one", theme::warn()));
    }
    frame.render_widget(Paragraph::new(cat_lines), f);
    let (l, f) = split(act_area);
    frame.render_widget(
        Paragraph::new(label("Actions", form.focus == DecisionFocus::Actions)),
        l,
    );
    let lines: Vec<Line> = if form.actions.is_empty() {
        vec![Line::from(Span::styled(
            "none raised in this review yet (a raises one)",
            theme::dim(),
        ))]
    } else {
        let start = form.cursor.saturating_sub(shown_actions.saturating_sub(1));
        form.actions
            .iter()
            .enumerate()
            .skip(start)
            .take(shown_actions)
            .map(|(i, a)| {
                let mark = if form.linked.contains(&a.id) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let text = format!("{mark} {} {}", a.reference, safe(&a.title));
                if form.focus == DecisionFocus::Actions && i == form.cursor {
                    Line::from(Span::styled(text, theme::selected()))
                } else {
                    Line::from(text)
                }
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), f);
    frame.render_widget(
        Paragraph::new(error_lines(&form.error, form.confirm_discard))
            .wrap(ratatui::widgets::Wrap { trim: true }),
        msg_area,
    );
}

pub fn draw_prompt(frame: &mut Frame, area: Rect, prompt: &Prompt) {
    // as wide as its question, so that the question is never cut where there is room
    let title = format!(" {} ", safe(&prompt.title));
    let wide = u16::try_from(unicode_width::UnicodeWidthStr::width(title.as_str()) + 2)
        .unwrap_or(u16::MAX)
        .clamp(70, area.width.max(70));
    let rect = centered(area, wide, 3);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::from(" Enter save · Esc cancel ").right_aligned())
        .border_style(theme::focus_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(&prompt.area, inner);
}

#[cfg(test)]
pub(crate) mod tests;
