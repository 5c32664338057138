//! Item b): what changed in the context and the interested parties since the
//! last review, and how many unchanged entries this review has confirmed;
//! the risk register's prompt below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::domain::context::{ContextEntry, summary};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::{safe, wrap_words};

pub fn draw_item_b(frame: &mut Frame, area: Rect, state: &State) {
    let data = &state.data;
    if data.context.is_empty() {
        return crate::tui::screens::risks::view::draw_item_b(frame, area, state);
    }
    let since = data.context_since;
    let changed: Vec<&ContextEntry> = data
        .context
        .iter()
        .filter(|e| e.changed_since(since))
        .collect();
    let unchanged = data
        .context
        .iter()
        .filter(|e| e.live() && !e.changed_since(since))
        .count();
    let confirmed = data.context_confirmed.len();
    let said = if area.width < 90 {
        format!(
            "Context: {} changed, {unchanged} unchanged, {confirmed} confirmed",
            changed.len()
        )
    } else {
        format!(
            "Context and interested parties: {}",
            summary(&data.context, since, confirmed)
        )
    };
    let mut caption = vec![Line::from(Span::styled(said, theme::title()))];
    caption.push(if confirmed >= unchanged {
        Line::from(Span::styled(
            "The unchanged entries are confirmed.",
            theme::good(),
        ))
    } else if !state.offers_keys() {
        Line::from(format!(
            "{} unchanged, not yet confirmed",
            unchanged - confirmed
        ))
    } else {
        Line::from(vec![
            Span::styled("C", theme::key()),
            Span::raw(format!(
                " confirms no change for the {} unchanged",
                unchanged - confirmed
            )),
        ])
    });
    let caption = Paragraph::new(caption).wrap(Wrap { trim: true });
    let narrow = area.width < 90;
    // the two text columns share what the fixed ones leave
    let free = usize::from(area.width).saturating_sub(if narrow { 7 + 2 } else { 7 + 16 + 10 + 4 });
    let (title_w, what_w) = if narrow {
        (free / 2, free - free / 2)
    } else {
        (free / 3, free - free / 3)
    };
    // a short pane shows every changed entry on a line; a tall one wraps them
    let most = if area.height >= 30 { 3 } else { 1 };
    let mut heights = 0u16;
    let rows: Vec<Row> = changed
        .iter()
        .map(|e| {
            let what = if let Some(r) = e.retired_on {
                format!("retired {r}")
            } else if e.what_changed.is_empty() {
                "new".to_string()
            } else {
                safe(&e.what_changed)
            };
            let mut cells = vec![Cell::from(e.reference.clone())];
            if !narrow {
                cells.push(Cell::from(e.kind.label()));
                cells.push(Cell::from(e.changed_on.to_string()));
            }
            let title = wrap_words(&e.title, title_w, most);
            let what = wrap_words(&what, what_w, most);
            let height = title.len().max(what.len()) as u16;
            heights += height;
            cells.push(Cell::from(title.join("\n")));
            cells.push(Cell::from(what.join("\n")));
            Row::new(cells).height(height)
        })
        .collect();
    let (header, widths): (Vec<&str>, Vec<Constraint>) = if narrow {
        (
            vec!["CHANGED", "TITLE", "WHAT"],
            vec![
                Constraint::Length(7),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec!["CHANGED", "KIND", "ON", "TITLE", "WHAT CHANGED"],
            vec![
                Constraint::Length(7),
                Constraint::Length(16),
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Fill(2),
            ],
        )
    };
    let caption_rows = caption.line_count(area.width).min(usize::from(area.height)) as u16;
    let table_rows = (heights + 1).min(area.height.saturating_sub(caption_rows + 4));
    let [caption_area, table_area, _, rest] = Layout::vertical([
        Constraint::Length(caption_rows),
        Constraint::Length(table_rows),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(caption, caption_area);
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme::dim()))
            .column_spacing(1),
        table_area,
    );
    crate::tui::screens::risks::view::draw_item_b(frame, rest, state);
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::tui::keymap::Msg;
    use crate::tui::testkit::{demo_app, key, render};

    #[test]
    fn item_b_shows_what_changed_and_c_confirms_the_rest_unchanged() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "b" {
            app.update(Msg::NextItem);
        }
        let drawn = render(&app, 200, 60);
        assert!(drawn.contains("changed since the last review"), "{drawn}");
        assert!(drawn.contains("C confirms no change"), "{drawn}");
        insta::assert_snapshot!("b_200x60", drawn);
        insta::assert_snapshot!("b_80x24", render(&app, 80, 24));
        app.handle_key(key(KeyCode::Char('C')));
        assert!(!app.state.data.context_confirmed.is_empty());
        assert!(render(&app, 200, 60).contains("The unchanged entries are confirmed."));
        app.handle_key(key(KeyCode::Char('C')));
        let said = app.state.status.as_ref().map(|s| s.text.clone()).unwrap();
        assert!(said.contains("nothing left to confirm"), "{said}");
    }
}
