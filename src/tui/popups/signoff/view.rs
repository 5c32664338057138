//! The sign-off overlay: the close-out check, who signs, and the reason
//! asked for when the check has gaps.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::state::{SignOffForm, State};
use crate::tui::theme;
use crate::tui::ui::{centered, safe};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, form: &SignOffForm) {
    // the header and the footer (with the keys) stay visible
    let area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    let check = &form.check;
    let gaps: Vec<_> = check.gaps().collect();
    let total = check.lines.len();
    let reason_rows: u16 = if gaps.is_empty() { 0 } else { 3 };
    // summary, blank, two lines on who signs, borders, the reason box
    let fixed = 2 + 2 + 2 + reason_rows + 1;
    let room = area.height.saturating_sub(fixed) as usize;
    let shown = if gaps.len() > room {
        room.saturating_sub(1)
    } else {
        gaps.len()
    };
    let width = area.width.saturating_sub(4).min(84);
    let text_width = width.saturating_sub(2) as usize;
    let clip = |s: String| {
        if s.chars().count() > text_width {
            format!(
                "{}…",
                s.chars()
                    .take(text_width.saturating_sub(1))
                    .collect::<String>()
            )
        } else {
            s
        }
    };

    let mut lines = vec![Line::from(Span::styled(
        format!("✓ {} of {total} checks pass", total - gaps.len()),
        theme::good(),
    ))];
    for gap in gaps.iter().take(shown) {
        lines.push(Line::from(Span::styled(
            clip(format!("✗ {}: {}", safe(&gap.what), safe(&gap.detail))),
            theme::bad(),
        )));
    }
    if shown < gaps.len() {
        lines.push(Line::from(Span::styled(
            format!(
                "… and {} more (steerco review check {} lists them all)",
                gaps.len() - shown,
                state.data.review.reference
            ),
            theme::warn(),
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::raw("Signs off as chair: "),
        Span::styled(safe(&form.signer), theme::title()),
    ]));
    lines.push(Line::from(Span::styled(
        "The review is then locked and its minutes written beside the database.",
        theme::dim(),
    )));
    let parked = state
        .data
        .parked
        .iter()
        .filter(|t| t.outcome == crate::domain::parking::ParkedOutcome::Parked)
        .count();
    if parked > 0 {
        let said = if parked == 1 {
            "1 parked topic is not settled: it goes".to_string()
        } else {
            format!("{parked} parked topics are not settled: they go")
        };
        lines.push(Line::from(Span::styled(
            clip(format!(
                "{said} onto the next review's agenda (L settles them now)."
            )),
            theme::warn(),
        )));
    }
    let sites = &state.sites;
    if sites.registered > 0 {
        let refused = sites.sites.iter().filter(|s| !s.trail.is_intact()).count();
        let said = match refused {
            0 => format!(
                "The minutes name the {} sites' records as they stand now (last review, log head).",
                sites.registered
            ),
            n => format!(
                "The minutes name the {} sites' records as they stand now; {n} refused, nothing drawn from it.",
                sites.registered
            ),
        };
        let style = if refused > 0 {
            theme::warn()
        } else {
            theme::dim()
        };
        lines.push(Line::from(Span::styled(clip(said), style)));
    }
    let height = lines.len() as u16 + reason_rows + 2;
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let title = format!(
        " Close-out check for {}: {} ",
        state.data.review.reference,
        check.summary()
    );
    let border = if gaps.is_empty() {
        theme::focus_border()
    } else {
        theme::warn()
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(Line::from(" Enter sign off · Esc cancel ").right_aligned())
        .border_style(border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [text_area, reason_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(reason_rows)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
    if reason_rows > 0 {
        let reason_block = Block::bordered()
            .title(" Why close despite the gaps? (printed in the minutes) ")
            .border_style(theme::focus_border());
        let reason_inner = reason_block.inner(reason_area);
        frame.render_widget(reason_block, reason_area);
        frame.render_widget(&form.reason, reason_inner);
    }
}
