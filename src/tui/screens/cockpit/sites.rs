//! A central review's items: under each 9.3.2 input, what each of the
//! group's sites shows there (their KPIs of that input, high risks, open
//! NCs, …), in a strip at the bottom of the item's pane. `M` shows the
//! sites side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::agenda::input_mark;
use crate::domain::sites::evidence_for;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// The sites' evidence on this input at the bottom of the pane; the rest of
/// the pane is given back. At most a third of the pane: the item's own
/// evidence keeps its room, and a short pane gets one line.
pub fn strip_below(frame: &mut Frame, area: Rect, input_key: &str, state: &State) -> Rect {
    let sites = &state.sites;
    if !draws_on_sites(input_key, state) || area.height < 6 {
        return area;
    }
    let lines: Vec<(&str, bool, String)> = sites
        .sites
        .iter()
        .filter_map(|s| {
            evidence_for(s, input_key).map(|said| (s.name.as_str(), s.trail.is_intact(), said))
        })
        .collect();
    // a third of the pane at most, so that the item's own evidence keeps two thirds
    let room = (area.height / 3) as usize;
    let shown = if area.height < 9 {
        0
    } else {
        lines.len().min(room)
    };
    let [rest, strip] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(shown as u16 + 1)]).areas(area);
    let [caption_area, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(strip);
    let refused = lines.iter().filter(|l| !l.1).count();
    let mut caption = vec![Span::styled(
        format!("The group's sites on {}", input_mark(input_key)),
        theme::title(),
    )];
    if !sites.loaded {
        caption.push(Span::styled(
            format!(": reading {} sites…", sites.registered),
            theme::dim(),
        ));
    } else if refused > 0 {
        caption.push(Span::styled(
            format!(": {refused} refused, their record does not verify"),
            theme::bad(),
        ));
    }
    if lines.len() > shown && sites.loaded {
        let hidden = lines.len() - shown;
        caption.push(Span::styled(
            format!(
                " · {hidden} {} not shown",
                if hidden == 1 { "site" } else { "sites" }
            ),
            theme::dim(),
        ));
    }
    if state.offers_keys() || state.sites_only {
        caption.push(Span::styled(" · M: side by side", theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(caption)), caption_area);
    if shown > 0 {
        let name_width = lines
            .iter()
            .map(|l| l.0.chars().count())
            .max()
            .unwrap_or(4)
            .clamp(4, 16) as u16;
        let rows = lines[..shown].iter().map(|(name, intact, said)| {
            let style = if *intact { theme::dim() } else { theme::bad() };
            Row::new(vec![
                Cell::from(Span::styled(safe(name), theme::title())),
                Cell::from(Span::styled(safe(said), style)),
            ])
        });
        let table = Table::new(rows, [Constraint::Length(name_width), Constraint::Fill(1)])
            .column_spacing(1);
        frame.render_widget(table, table_area);
    }
    rest
}

/// A central review's 9.3.2 inputs draw on the sites; the opening, the
/// outputs and the close do not.
pub fn draws_on_sites(input_key: &str, state: &State) -> bool {
    state.sites.registered > 0
        && crate::domain::agenda::REQUIRED_INPUTS.contains(&input_key)
        && input_key != "outputs"
}
