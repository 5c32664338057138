//! A central review's items: under each 9.3.2 input, what each of the
//! group's sites shows there (their KPIs of that input, high risks, open
//! NCs, …), in a strip at the bottom of the item's pane. `M` shows the
//! sites side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::agenda::input_mark;
use crate::domain::sites::evidence_parts;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// The sites' evidence on this input at the bottom of the pane; the rest of
/// the pane is given back. At most a third of the pane: the item's own
/// evidence keeps its room, a site's line too long for the pane goes on
/// over the next rows, and a short pane gets the caption alone.
pub fn strip_below(frame: &mut Frame, area: Rect, input_key: &str, state: &State) -> Rect {
    let sites = &state.sites;
    if !draws_on_sites(input_key, state) || area.height < 6 {
        return area;
    }
    let found: Vec<(&str, bool, Vec<String>)> = sites
        .sites
        .iter()
        .filter_map(|s| {
            evidence_parts(s, input_key).map(|parts| (s.name.as_str(), s.trail.is_intact(), parts))
        })
        .collect();
    let name_width = found
        .iter()
        .map(|l| l.0.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 16) as u16;
    // a site's parts fill its rows, broken between parts, never inside one
    let text_width = area.width.saturating_sub(name_width + 1).max(10) as usize;
    // a third of the pane at most, so that the item's own evidence keeps two thirds
    let room = if area.height < 9 {
        0
    } else {
        (area.height / 3) as usize
    };
    let packed: Vec<Vec<String>> = found
        .iter()
        .map(|(_, _, parts)| pack(parts, text_width))
        .collect();
    // every site whole where they all fit; else a line a site, cut at the
    // edge, so that the sites can still be compared
    let whole = packed.iter().map(Vec::len).sum::<usize>() <= room;
    let mut rows: Vec<Row> = Vec::new();
    let mut sites_shown = 0;
    for ((name, intact, parts), lines) in found.iter().zip(&packed).take(room) {
        let lines = if whole {
            lines.clone()
        } else {
            vec![parts.join(" · ")]
        };
        let style = if *intact { theme::dim() } else { theme::bad() };
        for (n, line) in lines.iter().enumerate() {
            let first = if n == 0 { safe(name) } else { String::new() };
            rows.push(Row::new(vec![
                Cell::from(Span::styled(first, theme::title())),
                Cell::from(Span::styled(safe(line), style)),
            ]));
        }
        sites_shown += 1;
    }
    let shown = rows.len() as u16;
    let [rest, strip] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(shown + 1)]).areas(area);
    let [caption_area, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(strip);
    let refused = found.iter().filter(|l| !l.1).count();
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
    if found.len() > sites_shown && sites.loaded {
        let hidden = found.len() - sites_shown;
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

/// Parts joined by ` · ` into lines of at most `width` characters, broken
/// between parts; a part longer than a line has a line of its own (cut).
fn pack(parts: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        let wanted = line.chars().count() + 3 + part.chars().count();
        if line.is_empty() {
            line = part.clone();
        } else if wanted <= width {
            line.push_str(" · ");
            line.push_str(part);
        } else {
            lines.push(std::mem::take(&mut line));
            line = part.clone();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn parts_fill_a_line_and_break_between_parts() {
        let parts: Vec<String> = ["3 open NCs", "OTD 94 % on target", "FPY 98 % at risk"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            super::pack(&parts, 34),
            ["3 open NCs · OTD 94 % on target", "FPY 98 % at risk"]
        );
        assert_eq!(super::pack(&parts, 200).len(), 1);
        assert_eq!(super::pack(&parts, 5).len(), 3, "one part a line");
    }
}
