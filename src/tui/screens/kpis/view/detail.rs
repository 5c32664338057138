//! One KPI: its history as a line against the target, the facts that go with
//! it, and the notes recorded with its values.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, LegendPosition, Paragraph, Wrap};

use super::tile::{period_span, status_span, trend_span};
use crate::domain::kpi::fmt_num;
use crate::tui::screens::cockpit::agenda::input_label;
use crate::tui::screens::kpis::KpiTile;
use crate::tui::state::State;
use crate::tui::theme;

/// From this width on, the facts sit beside the chart instead of below it.
const SIDE_BY_SIDE_FROM: u16 = 120;

pub fn draw(frame: &mut Frame, area: Rect, tile: &KpiTile, state: &State) {
    let (chart_area, facts_area) = if area.width >= SIDE_BY_SIDE_FROM {
        let [c, f] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(52)]).areas(area);
        (c, f)
    } else {
        let [c, f] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area);
        (c, f)
    };
    draw_chart(frame, chart_area, tile);
    draw_facts(frame, facts_area, tile, state);
}

pub(super) fn draw_chart(frame: &mut Frame, area: Rect, tile: &KpiTile) {
    let status_style = theme::kpi_status(tile.assessment.status);
    let warning = tile
        .def
        .target
        .warning
        .map(|w| format!("at risk from {}", fmt_num(w)));
    let actual = format!("actual {}", tile.latest_text);
    let target = format!("target {}", tile.target_text);
    // the legend does not clear behind shorter names: pad them to one width
    let width = [Some(&actual), Some(&target), warning.as_ref()]
        .iter()
        .flatten()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0);
    let pad = |s: &str| format!("{s:<width$}");
    let mut datasets = vec![
        Dataset::default()
            .name(pad(&actual))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(status_style)
            .data(&tile.points),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(status_style)
            .data(&tile.latest_point),
    ];
    for line in &tile.target_lines {
        datasets.push(
            Dataset::default()
                .name(pad(&target))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme::good())
                .data(line),
        );
    }
    if let (Some(line), Some(w)) = (&tile.warning_line, &warning) {
        datasets.push(
            Dataset::default()
                .name(pad(w))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme::warn())
                .data(line),
        );
    }
    let [lo, hi] = tile.y_bounds;
    let y_labels = [lo, (lo + hi) / 2.0, hi].map(|v| Span::raw(fmt_num(v)));
    let x_labels = tile.x_labels.iter().map(|s| Span::raw(s.as_str()));
    let label = input_label(&tile.def.input_key);
    let title = Line::from(vec![
        Span::styled(format!(" {label} {} ", tile.name), theme::title()),
        status_span(tile),
        Span::raw(" "),
    ]);
    let chart = Chart::new(datasets)
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme::focus_border()),
        )
        .x_axis(
            Axis::default()
                .bounds(tile.x_bounds)
                .labels(x_labels)
                .style(theme::dim()),
        )
        .y_axis(
            Axis::default()
                .bounds(tile.y_bounds)
                .labels(y_labels)
                .style(theme::dim()),
        )
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Percentage(60), Constraint::Percentage(60)));
    frame.render_widget(chart, area);
}

fn fact(name: &'static str, value: impl Into<Span<'static>>) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name:<10}"), theme::dim()),
        value.into(),
    ])
}

fn draw_facts(frame: &mut Frame, area: Rect, tile: &KpiTile, state: &State) {
    let a = &tile.assessment;
    let d = &tile.def;
    let owner = if tile.owner.is_empty() {
        "no owner"
    } else {
        &tile.owner
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{:<10}", "latest"), theme::dim()),
            Span::styled(tile.latest_text.clone(), theme::title()),
            Span::raw("  "),
            period_span(tile),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<10}", "status"), theme::dim()),
            status_span(tile),
            Span::raw("  "),
            trend_span(tile),
        ]),
        fact(
            "target",
            Span::raw(format!(
                "{}, met in {} of the last {} periods",
                tile.target_text, a.met.0, a.met.1
            )),
        ),
        fact(
            "reported",
            Span::raw(format!("{} by {owner}", d.frequency.as_str())),
        ),
    ];
    if !tile.objective.is_empty() {
        lines.push(fact("objective", Span::raw(tile.objective.clone())));
    }
    if !a.missing.is_empty() {
        let shown: Vec<String> = a
            .missing
            .iter()
            .rev()
            .take(6)
            .map(|p| p.to_string())
            .collect();
        let more = a.missing.len().saturating_sub(shown.len());
        let mut text = shown.join(", ");
        if more > 0 {
            text.push_str(&format!(" and {more} earlier"));
        }
        lines.push(fact("missing", Span::styled(text, theme::warn())));
    }
    lines.push(Line::from(Span::styled("Notes", theme::title())));
    if tile.notes.is_empty() {
        lines.push(Line::from(Span::styled(
            "No notes recorded with the values.",
            theme::dim(),
        )));
    }
    for (period, note) in &tile.notes {
        lines.push(Line::from(vec![
            Span::styled(format!("{period} "), theme::key()),
            Span::raw(note.clone()),
        ]));
    }
    lines.push(Line::from(Span::styled(
        "Values, newest first",
        theme::title(),
    )));
    for (period, value) in tile.history.iter().rev().take(usize::from(area.height)) {
        let status = d.target.status(Some(*value));
        lines.push(Line::from(vec![
            Span::styled(format!("{period}  "), theme::dim()),
            Span::raw(format!("{:>10}  ", fmt_num(*value))),
            Span::styled(
                format!("{} {}", status.symbol(), status.word()),
                theme::kpi_status(status),
            ),
        ]));
    }
    let hint = if state.kpis.form.is_none() {
        " r records a value "
    } else {
        ""
    };
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(Span::styled(format!(" {} ", tile.key), theme::title()))
                .title_bottom(Line::from(Span::styled(hint, theme::dim())).right_aligned()),
        ),
        area,
    );
}
