//! The actions screen: the filter in words, a table of one page of actions
//! (only the rows that fit are drawn), and the selected action's history.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::domain::action::{ActionStatus, is_overdue};
use crate::domain::text::visible_lines;
use crate::store::actions::ActionRecord;
use crate::tui::screens::actions::ActionsView;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// From this width on, the selected action's detail is shown beside the list.
const SIDE_BY_SIDE_FROM: u16 = 140;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let view = &state.actions;
    let (list_area, detail_area) = if area.width >= SIDE_BY_SIDE_FROM {
        let [l, d] = Layout::horizontal([Constraint::Fill(2), Constraint::Fill(1)]).areas(area);
        (l, d)
    } else {
        let detail_height = (area.height / 3).clamp(6, 10);
        let [l, d] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(area);
        (l, d)
    };
    draw_list(frame, list_area, view, state);
    draw_detail(frame, detail_area, view, state);
}

fn status_cell(a: &ActionRecord, state: &State) -> Cell<'static> {
    if is_overdue(a.status, a.due, state.today) {
        Cell::from(Span::styled("OVERDUE", theme::bad()))
    } else {
        match a.status {
            ActionStatus::Done => Cell::from(Span::styled("done: check", theme::warn())),
            ActionStatus::Effective => Cell::from(Span::styled("✓ effective", theme::good())),
            ActionStatus::NotEffective => Cell::from(Span::styled("✗ ineffective", theme::bad())),
            s => Cell::from(s.label()),
        }
    }
}

fn row(a: &ActionRecord, state: &State, wide: bool) -> Row<'static> {
    let due = match a.due {
        Some(d) => Cell::from(d.to_string()),
        None => Cell::from(Span::styled("no date !", theme::warn())),
    };
    let owner = match &a.owner {
        Some(o) => Cell::from(safe(o)),
        None => Cell::from(Span::styled("no owner !", theme::warn())),
    };
    let mut cells = vec![
        Cell::from(a.reference.clone()),
        due,
        status_cell(a, state),
        owner,
        Cell::from(safe(&a.title)),
    ];
    if wide {
        let link = [
            a.review_ref.clone(),
            a.kpi_key.as_ref().map(|k| format!("KPI {}", safe(k))),
            a.risk_ref.as_ref().map(|r| safe(r)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        cells.push(Cell::from(Span::styled(link, theme::dim())));
    }
    Row::new(cells)
}

fn draw_list(frame: &mut Frame, area: Rect, view: &ActionsView, state: &State) {
    let position = if view.total == 0 {
        "none".to_string()
    } else {
        format!("{} of {}", view.cursor + 1, view.total)
    };
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .title(Line::from(vec![
            Span::styled(" Actions ", theme::title()),
            Span::raw(format!("{} ", safe(&view.describe()))),
        ]))
        .title(
            Line::from(Span::styled(
                format!(" {position} · {:.0} ms ", view.query_ms),
                theme::dim(),
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.total == 0 {
        let text = vec![
            Line::from(Span::styled("No actions match this filter.", theme::dim())),
            Line::from(Span::styled(
                "0 clears the filters; m switches \"mine\" off; a raises one.",
                theme::dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(text), inner);
        return;
    }
    let wide = inner.width >= 110;
    let visible = inner.height.saturating_sub(1).max(1) as usize;
    let in_page = view.cursor.saturating_sub(view.page_start);
    // scroll a screenful at a time, so a cursor move repaints two rows, not all
    let start = (in_page / visible) * visible;
    let rows: Vec<Row> = view
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(visible)
        .map(|(i, a)| {
            let r = row(a, state, wide);
            if i == in_page {
                r.style(theme::selected())
            } else {
                r
            }
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(13),
        Constraint::Length(10),
        Constraint::Length(13),
        Constraint::Length(if wide { 18 } else { 14 }),
        Constraint::Fill(1),
    ];
    let mut header = vec!["REF", "DUE", "STATUS", "OWNER", "TITLE"];
    if wide {
        widths.push(Constraint::Length(26));
        header.push("LINKED TO");
    }
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme::dim()))
            .column_spacing(1),
        inner,
    );
}

fn draw_detail(frame: &mut Frame, area: Rect, view: &ActionsView, state: &State) {
    let block = Block::bordered().title(Span::styled(" Selected ", theme::title()));
    let Some(a) = view.selected() else {
        frame.render_widget(block, area);
        return;
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(a.reference.clone(), theme::key()),
        Span::raw(format!(" {}", safe(&a.title))),
    ])];
    let mut facts = vec![a.status.label().to_string()];
    facts.push(
        a.owner
            .as_deref()
            .map(safe)
            .unwrap_or_else(|| "no owner".into()),
    );
    facts.push(
        a.due
            .map(|d| format!("due {d}"))
            .unwrap_or_else(|| "no due date".into()),
    );
    if let Some(p) = &a.priority {
        facts.push(format!("{} priority", safe(p)));
    }
    let style = if a.incomplete() || is_overdue(a.status, a.due, state.today) {
        theme::warn()
    } else {
        theme::dim()
    };
    lines.push(Line::from(Span::styled(facts.join(" · "), style)));
    let links: Vec<String> = [
        a.review_ref.as_ref().map(|r| format!("raised in {r}")),
        a.kpi_key.as_ref().map(|k| format!("KPI {}", safe(k))),
        a.risk_ref.as_ref().map(|r| format!("risk {}", safe(r))),
        a.follow_up_of.as_ref().map(|r| format!("follow-up of {r}")),
    ]
    .into_iter()
    .flatten()
    .chain(view.decisions.iter().map(|d| format!("decision {d}")))
    .collect();
    if !links.is_empty() {
        lines.push(Line::from(Span::styled(links.join(" · "), theme::dim())));
    }
    // history before the detail: on a short screen what happened matters most
    for e in view.history.iter().rev() {
        let what = match (&e.from, &e.to) {
            (None, Some(to)) => format!("raised, {to}"),
            (Some(from), Some(to)) => format!("{from} → {to}"),
            _ => "note".to_string(),
        };
        let day = e.at.get(..10).unwrap_or(&e.at);
        let note = if e.note.is_empty() {
            String::new()
        } else {
            format!(": {}", safe(&e.note))
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{day} {} ", safe(&e.actor)), theme::dim()),
            Span::raw(format!("{what}{note}")),
        ]));
    }
    for l in visible_lines(&a.detail)
        .into_iter()
        .filter(|l| !l.is_empty())
    {
        lines.push(Line::from(Span::styled(l.into_owned(), theme::guidance())));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

#[cfg(test)]
mod tests;
