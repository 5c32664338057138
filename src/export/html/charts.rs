//! The SVG charts of the HTML minutes: KPI sparklines and the risk heat map.

use std::fmt::Write;

use super::esc_line;
use crate::domain::kpi::{Direction, fmt_num};
use crate::domain::risk::{Band, BandLimits};
use crate::export::minutes::{KpiLine, Minutes};

/// A small line chart of the last values, with the target as a dashed line.
pub(super) fn sparkline(k: &KpiLine) -> String {
    const W: f64 = 130.0;
    const H: f64 = 30.0;
    let values = &k.history;
    if values.len() < 2 {
        return "<span class=\"muted\">too few values</span>".into();
    }
    let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let target = k.target_rule.map(|t| match t.direction {
        Direction::WithinBand => (t.target, t.target_high),
        _ => (t.target, None),
    });
    if let Some((t, high)) = target {
        lo = lo.min(t);
        hi = hi.max(high.unwrap_or(t));
    }
    let span = if hi - lo > f64::EPSILON { hi - lo } else { 1.0 };
    let y = |v: f64| 3.0 + (H - 6.0) * (1.0 - (v - lo) / span);
    let step = (W - 6.0) / (values.len() - 1) as f64;
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", 3.0 + i as f64 * step, y(*v)))
        .collect();
    let mut svg = format!(
        "<svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} trend over the last {} periods: {}\">",
        esc_line(&k.name),
        values.len(),
        k.trend
    );
    if let Some((t, high)) = target {
        for edge in std::iter::once(t).chain(high) {
            let _ = write!(
                svg,
                "<line x1=\"0\" x2=\"{W}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#3c8d3c\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>",
                y(edge)
            );
        }
    }
    let _ = write!(
        svg,
        "<polyline fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"1.6\" points=\"{}\"/>",
        points.join(" ")
    );
    if let Some(last) = points.last() {
        let (x, yy) = last.split_once(',').unwrap_or(("0", "0"));
        let _ = write!(
            svg,
            "<circle cx=\"{x}\" cy=\"{yy}\" r=\"2.5\" fill=\"#1f3a5f\"/>"
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The sparkline's first and last points, labelled: `2025-11 8 → 2026-10 10`.
pub(super) fn spark_span(k: &KpiLine) -> String {
    match (
        &k.history_from,
        &k.history_to,
        k.history.first(),
        k.history.last(),
    ) {
        (Some(a), Some(b), Some(first), Some(last)) => format!(
            "{} {} → {} {}",
            esc_line(a),
            fmt_num(*first),
            esc_line(b),
            fmt_num(*last)
        ),
        _ => String::new(),
    }
}

fn band_fill(band: Band) -> &'static str {
    match band {
        Band::Low => "#cfe8cf",
        Band::Medium => "#fff0b3",
        Band::High => "#ffc99e",
        Band::Critical => "#f2a0a0",
    }
}

/// The 5×5 map: likelihood up, impact across; each cell shows its count and band.
pub(super) fn heat_map(m: &Minutes) -> String {
    const CELL: u32 = 46;
    const LEFT: u32 = 34;
    let size = LEFT + CELL * 5 + 4;
    let bands = BandLimits::default();
    let mut svg = format!(
        "<svg class=\"heat\" width=\"{size}\" height=\"{}\" viewBox=\"0 0 {size} {}\" role=\"img\" aria-label=\"Risk heat map, likelihood by impact\" font-family=\"system-ui, sans-serif\">",
        CELL * 5 + 40,
        CELL * 5 + 40
    );
    for likelihood in 1..=5u8 {
        let row = 5 - u32::from(likelihood);
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{likelihood}</text>",
            LEFT - 6,
            row * CELL + CELL / 2 + 4
        );
        for impact in 1..=5u8 {
            let col = u32::from(impact - 1);
            let band = bands.band(likelihood * impact);
            let n = m.heat_map[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let (x, y) = (LEFT + col * CELL, row * CELL);
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{CELL}\" height=\"{CELL}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"2\"/>",
                band_fill(band)
            );
            if n > 0 {
                let _ = write!(
                    svg,
                    "<text x=\"{}\" y=\"{}\" font-size=\"16\" font-weight=\"700\" text-anchor=\"middle\">{n}</text>",
                    x + CELL / 2,
                    y + CELL / 2 + 2
                );
            }
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
                x + CELL / 2,
                y + CELL - 5,
                band.word()
            );
        }
    }
    for impact in 1..=5u32 {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{impact}</text>",
            LEFT + (impact - 1) * CELL + CELL / 2,
            CELL * 5 + 16
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">impact →</text><text x=\"10\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 10 {})\">likelihood →</text></svg>",
        LEFT + CELL * 5 / 2,
        CELL * 5 + 34,
        CELL * 5 / 2,
        CELL * 5 / 2
    );
    svg
}
