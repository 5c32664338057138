//! The corporate screen as drawn: the sites, their KPIs by key, their high risks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::domain::kpi::fmt_num;
use crate::domain::sites::{KpiRow, SiteFacts, Trail};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// From this width on, the sites table names each organisation and its conclusion.
const WIDE: u16 = 140;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let sites = &state.sites.sites;
    if sites.is_empty() {
        let said = if state.sites.loaded {
            "No sites yet. Register each site's database (a restored replica or a shared file):\n\n  steerco sites add Leeds /srv/replicas/leeds.sqlite"
        } else {
            "Reading the sites…"
        };
        frame.render_widget(
            Paragraph::new(said).wrap(Wrap { trim: false }).block(
                Block::bordered().title(Span::styled(" The group's sites ", theme::title())),
            ),
            area,
        );
        return;
    }
    let refused: Vec<&SiteFacts> = sites.iter().filter(|s| !s.trail.is_intact()).collect();
    let sites_rows = sites.len() as u16 + 1 + refused.len() as u16 + 2;
    // the KPIs as tall as they are, the risks below them taking what is left
    let rows = &state.sites.kpi_rows;
    let kpi_height = rows.len() as u16 + 3;
    let [top, kpis, risks] = Layout::vertical([
        Constraint::Length(sites_rows.min(area.height / 2)),
        Constraint::Max(kpi_height),
        Constraint::Min(4),
    ])
    .areas(area);
    draw_sites(frame, top, sites, &refused);
    draw_kpis(frame, kpis, sites, rows, state.sites.offset);
    draw_risks(frame, risks, sites);
}

fn draw_sites(frame: &mut Frame, area: Rect, sites: &[SiteFacts], refused: &[&SiteFacts]) {
    let wide = area.width >= WIDE;
    let title = format!(
        " The group's sites: {} · {} intact{} ",
        sites.len(),
        sites.len() - refused.len(),
        if refused.is_empty() {
            String::new()
        } else {
            format!(", {} refused", refused.len())
        }
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, why_area] = Layout::vertical([
        Constraint::Length(sites.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let rows = sites.iter().map(|s| {
        let intact = s.trail.is_intact();
        let figure = |n: usize| {
            if !intact {
                Cell::from("—")
            } else if n > 0 {
                Cell::from(Span::styled(n.to_string(), theme::warn()))
            } else {
                Cell::from(Span::styled("0", theme::good()))
            }
        };
        let trail = match &s.trail {
            Trail::Intact { entries, .. } => {
                Cell::from(Span::styled(format!("✓ intact ({entries})"), theme::good()))
            }
            Trail::Refused { .. } => Cell::from(Span::styled("✖ REFUSED", theme::bad())),
        };
        let last = s.last_review.as_ref().map_or_else(
            || Cell::from(Span::styled("none signed off", theme::dim())),
            |r| {
                let text = format!("{} {}", r.reference, r.date);
                if r.gaps_reason.is_some() {
                    Cell::from(Span::styled(format!("{text} with gaps"), theme::warn()))
                } else {
                    Cell::from(text)
                }
            },
        );
        let mut cells = vec![
            Cell::from(Span::styled(safe(&s.name), theme::title())),
            trail,
            figure(s.high_risks.len()),
            figure(s.overdue_actions),
            figure(s.open_ncs),
            figure(s.open_findings),
            last,
        ];
        if wide {
            cells.insert(1, Cell::from(safe(&s.organisation)));
            let effective = s
                .last_review
                .as_ref()
                .map(|r| safe(&r.effective))
                .filter(|e| !e.is_empty())
                .unwrap_or_else(|| "—".to_string());
            cells.push(Cell::from(effective));
        }
        Row::new(cells)
    });
    let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
        (
            vec![
                "SITE",
                "ORGANISATION",
                "TRAIL",
                "HIGH RISKS",
                "OVERDUE",
                "OPEN NCS",
                "FINDINGS",
                "LAST REVIEW",
                "EFFECTIVE? (9.3.1)",
            ],
            vec![
                Constraint::Length(12),
                Constraint::Length(28),
                Constraint::Length(14),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(28),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec![
                "SITE",
                "TRAIL",
                "HIGH",
                "OVERDUE",
                "NCS",
                "FINDINGS",
                "LAST REVIEW",
            ],
            vec![
                Constraint::Length(10),
                Constraint::Length(13),
                Constraint::Length(4),
                Constraint::Length(7),
                Constraint::Length(3),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
        )
    };
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme::dim()))
            .column_spacing(1),
        table_area,
    );
    let why: Vec<Line> = refused
        .iter()
        .map(|s| {
            let said = match &s.trail {
                Trail::Refused { why } => safe(why),
                Trail::Intact { .. } => String::new(),
            };
            Line::from(vec![
                Span::styled(format!("{}: ", safe(&s.name)), theme::bad()),
                Span::raw(said),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(why), why_area);
}

fn draw_kpis(frame: &mut Frame, area: Rect, sites: &[SiteFacts], rows: &[KpiRow], offset: usize) {
    let visible = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = offset.min(rows.len().saturating_sub(visible));
    let more = rows.len().saturating_sub(offset + visible);
    let title = if more > 0 {
        format!(
            " KPIs by key, latest value ({}) · PgDn: {more} more ",
            rows.len()
        )
    } else {
        format!(" KPIs by key, latest value ({}) ", rows.len())
    };
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let name_width = rows
        .iter()
        .map(|r| r.name.chars().count() as u16)
        .max()
        .unwrap_or(3)
        .clamp(3, 30);
    let site_width =
        (inner.width.saturating_sub(name_width + 1) / sites.len().max(1) as u16).clamp(8, 30);
    // "10 per month ✖ OFF TARGET": the word where it fits, the symbol always
    let words = site_width >= 27;
    let table_rows = rows.iter().skip(offset).map(|row| {
        let mut cells = vec![Cell::from(safe(&row.name))];
        cells.extend(row.by_site(sites).map(|k| match k {
            Some(k) => {
                let value = k.value.map_or("—".to_string(), |v| {
                    format!("{} {}", fmt_num(v), row.unit)
                });
                let status = if words {
                    format!(" {} {}", k.status.symbol(), k.status.word())
                } else {
                    format!(" {}", k.status.symbol())
                };
                Cell::from(Line::from(vec![
                    Span::raw(value),
                    Span::styled(status, theme::kpi_status(k.status)),
                ]))
            }
            None => Cell::from(Span::styled("—", theme::dim())),
        }));
        Row::new(cells)
    });
    let mut header = vec![Cell::from("KPI")];
    header.extend(
        sites
            .iter()
            .map(|s| Cell::from(Span::styled(safe(&s.name), Style::default()))),
    );
    let mut widths = vec![Constraint::Length(name_width)];
    widths.extend(
        sites
            .iter()
            .map(|_| Constraint::Length(site_width.saturating_sub(1))),
    );
    frame.render_widget(
        Table::new(table_rows, widths)
            .header(Row::new(header).style(theme::dim()))
            .column_spacing(1),
        inner,
    );
}

fn draw_risks(frame: &mut Frame, area: Rect, sites: &[SiteFacts]) {
    let block = Block::bordered().title(Span::styled(
        " High and critical risks, highest first ",
        theme::title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let shown: Vec<&SiteFacts> = sites.iter().filter(|s| s.trail.is_intact()).collect();
    if shown.is_empty() {
        return;
    }
    let columns = Layout::horizontal(vec![Constraint::Fill(1); shown.len()])
        .spacing(2)
        .split(inner);
    let room = usize::from(inner.height.saturating_sub(1));
    for (site, column) in shown.iter().zip(columns.iter()) {
        let count = site.high_risks.len();
        let hidden = count.saturating_sub(room);
        let mut heading = vec![Span::styled(safe(&site.name), theme::title())];
        heading.push(Span::styled(
            match (count, hidden) {
                (0, _) => " · none".to_string(),
                (n, 0) => format!(" · {n}"),
                (n, h) => format!(" · {n}, {h} not shown"),
            },
            if count == 0 {
                theme::good()
            } else {
                theme::dim()
            },
        ));
        let mut lines = vec![Line::from(heading)];
        for (reference, title, score) in site.high_risks.iter().take(room) {
            lines.push(Line::from(vec![
                Span::styled(format!("{reference} ({score:>2}) "), theme::bad()),
                Span::raw(safe(title)),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), *column);
    }
}
