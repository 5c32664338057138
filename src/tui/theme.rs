//! Colours from the 16-colour palette only, so the cockpit reads the same on
//! a projector, over SSH and in a basic terminal. Colour is never the only
//! signal: every status also has a word or a symbol.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::agenda::TimeboxUse;
use crate::domain::kpi::KpiStatus;
use crate::domain::risk::Band;

pub fn header() -> Style {
    Style::default()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD)
}

pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

pub fn guidance() -> Style {
    Style::default()
        .fg(Color::Gray)
        .add_modifier(Modifier::ITALIC)
}

pub fn key() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn good() -> Style {
    Style::default().fg(Color::Green)
}

pub fn warn() -> Style {
    Style::default().fg(Color::Yellow)
}

pub fn bad() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::default()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD)
}

pub fn focus_border() -> Style {
    Style::default().fg(Color::Cyan)
}

pub fn timebox(use_: TimeboxUse) -> Style {
    match use_ {
        TimeboxUse::Within => Style::default(),
        TimeboxUse::Nearly => warn(),
        TimeboxUse::Over => bad(),
    }
}

pub fn kpi_status(status: KpiStatus) -> Style {
    match status {
        KpiStatus::OnTarget => good(),
        KpiStatus::AtRisk => warn(),
        KpiStatus::OffTarget => bad(),
        KpiStatus::NoData => dim(),
    }
}

pub fn band(band: Band) -> Style {
    match band {
        Band::Low => good(),
        Band::Medium => warn(),
        Band::High => Style::default().fg(Color::LightRed),
        Band::Critical => bad(),
    }
}

/// A heat-map cell: the band as a background, so the map reads as heat.
/// The count and the band letter or word carry the same meaning without colour.
pub fn band_cell(band: Band) -> Style {
    let bg = match band {
        Band::Low => Color::Green,
        Band::Medium => Color::Yellow,
        Band::High => Color::LightRed,
        Band::Critical => Color::Red,
    };
    Style::default().fg(Color::Black).bg(bg)
}
