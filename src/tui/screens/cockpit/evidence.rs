//! The evidence each agenda item brings on screen: carried-forward actions
//! for a), KPIs for the c) inputs, risks for e), attendance for the opening,
//! outputs for 9.3.3 and a tally for the close.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::action::{ActionStatus, DecisionCategory, is_overdue};
use crate::domain::agenda::ItemState;
use crate::domain::model::{ActionSummary, AgendaItem};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn has_evidence(item: &AgendaItem, state: &State) -> bool {
    if super::sites::draws_on_sites(&item.input_key, state) {
        return true;
    }
    match item.input_key.as_str() {
        "opening" | "a" | "b" | "e" | "outputs" | "close" => true,
        "c1" if !state.data.feedback.is_empty() => true,
        "c4" if !state.data.ncs.is_empty() => true,
        "c6" if !state.data.audits.is_empty() => true,
        "d" if !state.data.needs.is_empty() => true,
        "c7" if !state.data.providers.is_empty() => true,
        "f" if !state.data.raised.is_empty() => true,
        "c2" if state.data.policy.is_some() || !state.data.objectives.is_empty() => true,
        key if state
            .data
            .raised
            .iter()
            .any(|r| r.waiting() && r.input_key == key) =>
        {
            true
        }
        key => state.data.kpis.iter().any(|k| k.input_key == key),
    }
}

/// Item c)2: the quality policy's version and what this review said of it,
/// in a line above the objectives; the rest of the pane is given back.
fn policy_above(frame: &mut Frame, area: Rect, state: &State) -> Rect {
    let line = match &state.data.policy {
        Some(p) if p.outcome.is_none() => Line::from(vec![
            Span::styled(safe(&p.line()), theme::warn()),
            Span::styled(
                if state.offers_keys() {
                    " · P: reviewed, no change"
                } else {
                    " · not yet reviewed"
                },
                theme::dim(),
            ),
        ]),
        Some(p) => Line::from(Span::styled(safe(&p.line()), theme::good())),
        None => Line::from(Span::styled(
            "No quality policy recorded yet: steerco policy set --file FILE",
            theme::dim(),
        )),
    };
    let [top, rest] =
        ratatui::layout::Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: true }),
        top,
    );
    rest
}

/// Draws an input's KPI tiles at the top of a register's pane and gives back
/// the rest: a caption and two lines a tile, never more than half the pane.
pub fn kpis_above(frame: &mut Frame, area: Rect, input_key: &str, state: &State) -> Rect {
    let tiles = state.kpis.for_input(input_key).count() as u16;
    let kpi_rows = if !state.kpis.is_loaded() {
        1
    } else if tiles == 0 {
        0
    } else {
        (1 + tiles * 3).min(area.height / 2)
    };
    let [kpi_area, rest] =
        ratatui::layout::Layout::vertical([Constraint::Length(kpi_rows), Constraint::Fill(1)])
            .areas(area);
    if kpi_rows > 0 {
        crate::tui::screens::kpis::view::draw_compact(frame, kpi_area, input_key, state);
    }
    rest
}

pub fn draw(frame: &mut Frame, area: Rect, item: &AgendaItem, state: &State) {
    let area = super::sites::strip_below(frame, area, &item.input_key, state);
    let area = super::raised::strip_below(frame, area, &item.input_key, state);
    let area = if item.input_key == "c2" {
        policy_above(frame, area, state)
    } else {
        area
    };
    let (title, header, widths, rows) = match item.input_key.as_str() {
        "opening" => attendance(state),
        "a" => carried_table(state, area.width),
        "b" => return super::context::draw_item_b(frame, area, state),
        "e" => return crate::tui::screens::risks::view::draw_item_e(frame, area, state),
        "outputs" => outputs_table(state),
        "close" => return draw_close_tally(frame, area, state),
        "c1" if !state.data.feedback.is_empty() => {
            return super::feedback::draw_item_c1(frame, area, state);
        }
        "c4" => return super::ncs::draw_item_c4(frame, area, state),
        "c6" => return super::findings::draw_item_c6(frame, area, state),
        "c7" if !state.data.providers.is_empty() => {
            return super::providers::draw_item_c7(frame, area, state);
        }
        "d" if !state.data.needs.is_empty() => {
            return super::needs::draw_item_d(frame, area, state);
        }
        "f" if !state.data.raised.is_empty() => {
            return super::raised::draw_item_f(frame, area, state);
        }
        "c2" => return super::objectives::draw_item_c2(frame, area, state),
        key => return crate::tui::screens::kpis::view::draw_compact(frame, area, key, state),
    };
    let visible = area.height.saturating_sub(2) as usize;
    let mut offset = state
        .evidence_offset
        .min(rows.len().saturating_sub(visible));
    let carry = state.carry;
    if item.input_key == "a" && carry.focused {
        // keep the selected action in view
        if carry.cursor < offset {
            offset = carry.cursor;
        } else if carry.cursor >= offset + visible.max(1) {
            offset = carry.cursor + 1 - visible.max(1);
        }
    }
    let more = rows.len().saturating_sub(offset + visible);
    let caption = if more > 0 {
        format!("{title} ({}) · PgDn: {more} more", rows.len())
    } else {
        format!("{title} ({})", rows.len())
    };
    let mut lines = vec![Line::from(Span::styled(caption, theme::title()))];
    if rows.is_empty() {
        lines.push(Line::from(Span::styled("None.", theme::dim())));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [caption_area, table_area] =
        ratatui::layout::Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines), caption_area);
    let table = Table::new(rows.into_iter().skip(offset), widths)
        .header(Row::new(header).style(theme::dim()))
        .column_spacing(1);
    frame.render_widget(table, table_area);
}

type TableParts = (
    &'static str,
    Vec<&'static str>,
    Vec<Constraint>,
    Vec<Row<'static>>,
);

fn attendance(state: &State) -> TableParts {
    let rows = state
        .data
        .attendees
        .iter()
        .map(|a| {
            let style = match a.presence.as_str() {
                "present" => theme::good(),
                "apologies" | "absent" => theme::warn(),
                _ => Style::default(),
            };
            Row::new(vec![
                Cell::from(safe(&a.name)),
                Cell::from(safe(&a.role)),
                Cell::from(Span::styled(a.presence.clone(), style)),
            ])
        })
        .collect();
    (
        "Attendees",
        vec!["NAME", "ROLE", "PRESENCE"],
        vec![
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Length(9),
        ],
        rows,
    )
}

fn action_status_cell(action: &ActionSummary, state: &State) -> Cell<'static> {
    if is_overdue(action.status, action.due, state.today) {
        Cell::from(Span::styled("OVERDUE", theme::bad()))
    } else if action.status == ActionStatus::Done {
        Cell::from(Span::styled("done: check", theme::warn()))
    } else {
        Cell::from(action.status.label())
    }
}

fn owner_cell(action: &ActionSummary) -> Cell<'static> {
    match &action.owner {
        Some(o) => Cell::from(safe(o)),
        None => Cell::from(Span::styled("no owner", theme::warn())),
    }
}

fn due_cell(action: &ActionSummary) -> Cell<'static> {
    match action.due {
        Some(d) => Cell::from(d.format("%Y-%m-%d").to_string()),
        None => Cell::from(Span::styled("no date", theme::warn())),
    }
}

fn action_row(action: &ActionSummary, state: &State) -> Row<'static> {
    Row::new(vec![
        Cell::from(action.reference.clone()),
        Cell::from(safe(&action.title)),
        owner_cell(action),
        due_cell(action),
        action_status_cell(action, state),
    ])
}

fn action_widths() -> Vec<Constraint> {
    vec![
        Constraint::Length(10),
        Constraint::Fill(3),
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(11),
    ]
}

/// Item a): each carried action with what the facilitator did with it here.
/// Narrow panes show the check in place of the status and leave out the owner.
fn carried_table(state: &State, width: u16) -> TableParts {
    let carry = state.carry;
    let wide = width >= 90;
    let rows = state
        .data
        .carried
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let check = state
                .data
                .check_of(a.id)
                .map(|c| Cell::from(Span::styled(c.label(), theme::good())));
            let mut cells = vec![Cell::from(a.reference.clone()), Cell::from(safe(&a.title))];
            if wide {
                cells.push(owner_cell(a));
            }
            cells.push(due_cell(a));
            if wide {
                cells.push(action_status_cell(a, state));
                cells.push(
                    check.unwrap_or_else(|| Cell::from(Span::styled("· to check", theme::dim()))),
                );
            } else {
                cells.push(check.unwrap_or_else(|| action_status_cell(a, state)));
            }
            let row = Row::new(cells);
            if carry.focused && i == carry.cursor {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    let title = if carry.focused {
        "Carried forward: r reviewed · t re-date · E effective · f not effective"
    } else if state.offers_keys() {
        "Carried forward (Tab checks them one by one)"
    } else {
        "Carried forward"
    };
    let (header, widths) = if wide {
        (
            vec!["REF", "TITLE", "OWNER", "DUE", "STATUS", "THIS REVIEW"],
            // the columns of every action table, and what this review did
            [action_widths(), vec![Constraint::Length(13)]].concat(),
        )
    } else {
        (
            vec!["REF", "TITLE", "DUE", "STATUS"],
            vec![
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Length(10),
                Constraint::Length(13),
            ],
        )
    };
    (title, header, widths, rows)
}

fn outputs_table(state: &State) -> TableParts {
    let mut rows: Vec<Row> = state
        .data
        .decisions
        .iter()
        .map(|d| {
            Row::new(vec![
                Cell::from(d.reference.clone()),
                Cell::from(safe(&d.text)),
                Cell::from(DecisionCategory::short_label(&d.category)),
                Cell::from(""),
                Cell::from("decision"),
            ])
        })
        .collect();
    rows.extend(state.data.actions.iter().map(|a| action_row(a, state)));
    (
        "Decisions and actions of this review",
        vec!["REF", "TEXT", "OWNER / 9.3.3", "DUE", "STATUS"],
        action_widths(),
        rows,
    )
}

fn draw_close_tally(frame: &mut Frame, area: Rect, state: &State) {
    let items = &state.data.items;
    let count = |s: ItemState| items.iter().filter(|i| i.state == s).count();
    let pending: Vec<String> = items
        .iter()
        .filter(|i| i.state == ItemState::Pending && i.input_key != "close")
        .map(|i| format!("{} {}", i.position, safe(&i.title)))
        .collect();
    let mut lines = vec![
        Line::from(Span::styled("Where the review stands", theme::title())),
        Line::from(format!(
            "{} covered · {} not applicable · {} pending",
            count(ItemState::Covered),
            count(ItemState::NotApplicable),
            count(ItemState::Pending)
        )),
        Line::from(format!(
            "{} decisions and {} actions recorded in this review",
            state.data.decisions.len(),
            state.data.actions.len()
        )),
    ];
    let data = &state.data;
    let check = data.close_check();
    if data.review.status == crate::domain::review::ReviewStatus::Closed {
        lines.push(Line::from(Span::styled(
            "CLOSED: signed off and locked. Corrections go in as addenda (steerco review addendum).",
            theme::good(),
        )));
    } else {
        let style = if check.is_complete() {
            theme::good()
        } else {
            theme::warn()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("Close-out check: {}. ", check.summary()), style),
            Span::styled("o", theme::key()),
            Span::raw(" records the conclusion and next review; "),
            Span::styled("S", theme::key()),
            Span::raw(" shows the check and signs off."),
        ]));
    }
    if !pending.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Not yet covered: {}", pending.join(", ")),
            theme::warn(),
        )));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
