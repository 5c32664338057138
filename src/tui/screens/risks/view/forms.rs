//! The small forms over the screen: raise, re-rate, decide.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::basis_word;
use crate::domain::risk::{BandLimits, Rating, movement};
use crate::tui::screens::risks::{DecisionForm, NewRiskField, NewRiskForm, RatingForm, field_text};
use crate::tui::state::{Overlay, State};
use crate::tui::theme;
use crate::tui::ui::{centered, safe};

const LABEL_W: u16 = 12;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let limits = &state.data.board.limits;
    match &state.overlay {
        Overlay::NewRisk(form) => new_risk(frame, area, form, limits),
        Overlay::RateRisk(form) => rating(frame, area, form, limits),
        Overlay::DecideRisk(form) => decision(frame, area, form),
        _ => {}
    }
}

/// A form box: bordered, titled, with the keys at the bottom; returns the inner rows.
fn frame_box(frame: &mut Frame, area: Rect, title: String, keys: &str, rows: u16) -> Vec<Rect> {
    let rect = centered(area, 72, rows + 2);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .title(Span::styled(title, theme::title()))
        .title_bottom(Line::from(format!(" {keys} ")).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    Layout::vertical(vec![Constraint::Length(1); rows as usize])
        .split(inner)
        .to_vec()
}

/// One row: the label (marked when focused) and the value's area.
fn row(frame: &mut Frame, rect: Rect, label: &str, focused: bool) -> Rect {
    let [l, v] = Layout::horizontal([Constraint::Length(LABEL_W), Constraint::Fill(1)]).areas(rect);
    let (mark, style) = if focused {
        ("▶", theme::key())
    } else {
        (" ", theme::dim())
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{mark}{label}"), style)),
        l,
    );
    v
}

fn choice(text: &str, focused: bool) -> Line<'static> {
    if focused {
        Line::from(Span::styled(format!("◀ {text} ▶"), theme::key()))
    } else {
        Line::from(format!("  {text}"))
    }
}

fn text(frame: &mut Frame, rect: Rect, area: &TextArea<'static>, focused: bool) {
    // lines up with the values of the choice rows
    let [_, rect] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]).areas(rect);
    if focused {
        frame.render_widget(area, rect);
    } else {
        let value = field_text(area);
        let shown = if value.is_empty() {
            Span::styled("—", theme::dim())
        } else {
            Span::raw(safe(&value))
        };
        frame.render_widget(Paragraph::new(shown), rect);
    }
}

fn score_line(r: Rating, limits: &BandLimits, extra: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("  {}", limits.label(r)),
            theme::band(limits.band(r.score())),
        ),
        Span::styled(extra.to_string(), theme::dim()),
    ])
}

fn new_risk(frame: &mut Frame, area: Rect, form: &NewRiskForm, limits: &BandLimits) {
    let rows = frame_box(
        frame,
        area,
        " Raise a risk or opportunity ".into(),
        "Enter save · Tab next · ←/→ change · Esc cancel",
        7,
    );
    for (i, field) in NewRiskField::ALL.iter().enumerate() {
        let focused = form.field == *field;
        let v = row(frame, rows[i], field.label(), focused);
        match field {
            NewRiskField::Kind => {
                frame.render_widget(Paragraph::new(choice(form.kind.as_str(), focused)), v)
            }
            NewRiskField::Title => text(frame, v, &form.title, focused),
            NewRiskField::Area => text(frame, v, &form.area, focused),
            NewRiskField::Owner => text(frame, v, &form.owner, focused),
            NewRiskField::Likelihood => frame.render_widget(
                Paragraph::new(choice(
                    &format!("{}  (1 rare … 5 almost certain)", form.likelihood),
                    focused,
                )),
                v,
            ),
            NewRiskField::Impact => frame.render_widget(
                Paragraph::new(choice(
                    &format!("{}  (1 minor … 5 severe)", form.impact),
                    focused,
                )),
                v,
            ),
        }
    }
    let v = row(frame, rows[6], "Score", false);
    frame.render_widget(
        Paragraph::new(score_line(form.rating(), limits, "  inherent")),
        v,
    );
}

fn rating(frame: &mut Frame, area: Rect, form: &RatingForm, limits: &BandLimits) {
    let rows = frame_box(
        frame,
        area,
        format!(" Re-rate {} {} ", form.reference, safe(&form.title)),
        "Enter save · Tab next · ←/→ change · Esc cancel",
        5,
    );
    let now = form.before.map_or("not rated yet".into(), |r| {
        format!("now {}", limits.label(r))
    });
    let v = row(frame, rows[0], "Basis", form.field == 0);
    frame.render_widget(
        Paragraph::new(Line::from(
            choice(basis_word(form.basis), form.field == 0)
                .spans
                .into_iter()
                .chain([Span::styled(format!("  {now}"), theme::dim())])
                .collect::<Vec<_>>(),
        )),
        v,
    );
    let v = row(frame, rows[1], "Likelihood", form.field == 1);
    frame.render_widget(
        Paragraph::new(choice(&form.likelihood.to_string(), form.field == 1)),
        v,
    );
    let v = row(frame, rows[2], "Impact", form.field == 2);
    frame.render_widget(
        Paragraph::new(choice(&form.impact.to_string(), form.field == 2)),
        v,
    );
    let v = row(frame, rows[3], "New", false);
    let moved = format!("  {}", movement(form.before, form.rating()));
    frame.render_widget(Paragraph::new(score_line(form.rating(), limits, &moved)), v);
    let v = row(frame, rows[4], "Why", form.field == 3);
    text(frame, v, &form.why, form.field == 3);
}

fn decision(frame: &mut Frame, area: Rect, form: &DecisionForm) {
    let rows = frame_box(
        frame,
        area,
        format!(" Decision on {} {} ", form.reference, safe(&form.title)),
        "Enter record · Tab accept/treat/escalate · Shift-Tab 9.3.3 · Esc cancel",
        3,
    );
    let v = row(frame, rows[0], "Decide", true);
    frame.render_widget(Paragraph::new(choice(form.choice.word(), true)), v);
    let v = row(frame, rows[1], "", false);
    let status = match form.choice {
        crate::domain::risk::RiskDecision::Accept => "status → accepted",
        crate::domain::risk::RiskDecision::Treat => "status → treating",
        crate::domain::risk::RiskDecision::Escalate => "status unchanged",
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "  9.3.3 {} · {status}",
                crate::domain::action::DecisionCategory::short_label(form.category.as_str())
            ),
            theme::dim(),
        )),
        v,
    );
    let v = row(frame, rows[2], "Note", false);
    text(frame, v, &form.note, true);
}
