//! The raise form, over the actions screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{RaiseField, RaiseForm};
use crate::tui::theme;
use crate::tui::ui::{centered, safe};

const LABEL_W: u16 = 12;

pub fn draw(frame: &mut Frame, area: Rect, form: &RaiseForm) {
    let rect = centered(area, 76, 10);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .title(Span::styled(
            " Raise a concern or an idea for the next review ",
            theme::title(),
        ))
        .title_bottom(
            Line::from(" Enter raise · Tab next · ←/→ change · Esc cancel ").right_aligned(),
        );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([Constraint::Length(1); 8]).split(inner);
    for (i, f) in RaiseField::ALL.iter().enumerate() {
        let focused = form.field == *f;
        let [label, value] =
            Layout::horizontal([Constraint::Length(LABEL_W), Constraint::Fill(1)]).areas(rows[i]);
        let (mark, style) = if focused {
            ("▶", theme::key())
        } else {
            (" ", theme::dim())
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{mark}{}", f.label()), style)),
            label,
        );
        let choice = |text: &str| {
            if focused {
                Line::from(Span::styled(format!("◀ {text} ▶"), theme::key()))
            } else {
                Line::from(text.to_string())
            }
        };
        match f {
            RaiseField::Text => frame.render_widget(&form.text, value),
            RaiseField::For => frame.render_widget(&form.input, value),
            RaiseField::Kind => {
                frame.render_widget(Paragraph::new(choice(form.kind.as_str())), value)
            }
            RaiseField::Anonymous => frame.render_widget(
                Paragraph::new(choice(if form.anonymous {
                    "yes: nothing stored says who raised it"
                } else {
                    "no: raised under your account"
                })),
                value,
            ),
        }
    }
    let note = match &form.error {
        Some(e) => Line::from(Span::styled(safe(e), theme::bad())),
        None => Line::from(Span::styled(
            "You get a receipt code to follow what becomes of it.",
            theme::dim(),
        )),
    };
    let [_, note_area] =
        Layout::vertical([Constraint::Length(5), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), note_area);
}
