//! The conclusion form over the cockpit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::due::parse_due;
use crate::tui::popups::conclusion::{ConclusionForm, FIELDS, NEXT_REVIEW, NONE_NEEDED};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::{centered, safe};

const LABEL: u16 = 16;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, form: &ConclusionForm) {
    let rect = centered(area, 84, 17);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Outcome of {} ", safe(&state.data.review.reference)),
            theme::title(),
        ))
        .title_bottom(
            Line::from(" Tab/Enter next field · Ctrl-S save · Esc cancel ").right_aligned(),
        )
        .border_style(theme::focus_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([Constraint::Length(1); 15]).split(inner);
    let heading = |text: &str| Line::from(Span::styled(text.to_string(), theme::dim()));
    frame.render_widget(
        Paragraph::new(heading(
            "Conclusion on the QMS (9.3.1): a word or a sentence each",
        )),
        rows[0],
    );
    frame.render_widget(
        Paragraph::new(heading(
            "9.3.3 outputs not decided: why none is needed (blank if decided)",
        )),
        rows[8],
    );
    // the rows each field sits on, with the headings and the date's hint between
    let at = [1, 2, 3, 4, 6, 9, 10, 11];
    for (i, (name, _)) in FIELDS.iter().enumerate() {
        let [l, f] =
            Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(rows[at[i]]);
        let style = if form.focus == i {
            theme::key()
        } else {
            theme::dim()
        };
        frame.render_widget(Paragraph::new(Span::styled(*name, style)), l);
        frame.render_widget(&form.fields[i], f);
    }
    let next = form.value(NEXT_REVIEW);
    let hint = match (!next.is_empty()).then(|| parse_due(&next, state.today)) {
        Some(Ok(d)) => Span::styled(format!("→ {}", d.format("%a %-d %b %Y")), theme::good()),
        Some(Err(e)) => Span::styled(format!("✗ {}", safe(&e)), theme::bad()),
        None => Span::styled(
            "! no date yet: the close-out check asks for one",
            theme::warn(),
        ),
    };
    let [_, h] =
        Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(rows[7]);
    frame.render_widget(Paragraph::new(hint), h);
    let decided: Vec<&str> = state
        .data
        .decisions
        .iter()
        .map(|d| d.category.as_str())
        .collect();
    let counts: Vec<String> = crate::domain::closeout::OUTPUT_CATEGORIES
        .iter()
        .map(|(key, _)| decided.iter().filter(|c| *c == key).count().to_string())
        .collect();
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "decided so far: {} improvement · {} QMS change · {} resources",
                counts[0], counts[1], counts[2]
            ),
            theme::dim(),
        )),
        rows[NONE_NEEDED + 7],
    );
    if let Some(e) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(format!("✗ {}", safe(e)), theme::bad()))
                .wrap(Wrap { trim: true }),
            rows[14],
        );
    }
}
