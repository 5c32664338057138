//! Colours from the 16-colour palette only, so the cockpit reads the same on
//! a projector, over SSH and in a basic terminal. Colour is never the only
//! signal: every status also has a word or a symbol.
//!
//! Four themes share one set of roles; the config file picks one and
//! `NO_COLOR` turns every theme monochrome.

use std::cell::Cell;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::domain::agenda::TimeboxUse;
use crate::domain::kpi::KpiStatus;
use crate::domain::risk::Band;

/// The built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// The cockpit as it always looked.
    #[default]
    Default,
    /// For the back of a room: high contrast, bold, no dim grey text.
    Projector,
    /// The 16 basic colours without bold or italics, for terminals that draw them badly.
    Plain,
    /// No colour at all: reverse video and bold only.
    Monochrome,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Default,
        ThemeName::Projector,
        ThemeName::Plain,
        ThemeName::Monochrome,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Projector => "projector",
            ThemeName::Plain => "plain",
            ThemeName::Monochrome => "monochrome",
        }
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ThemeName::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.as_str()).collect();
                format!("unknown theme {s:?}; choose {}", names.join(", "))
            })
    }
}

thread_local! {
    // the cockpit draws on one thread; tests each draw on their own with the default
    static ACTIVE: Cell<ThemeName> = const { Cell::new(ThemeName::Default) };
}

/// The theme this thread draws with; `NO_COLOR` (any value) makes it monochrome.
pub fn set(theme: ThemeName) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    ACTIVE.with(|a| {
        a.set(if no_color {
            ThemeName::Monochrome
        } else {
            theme
        })
    });
}

pub fn active() -> ThemeName {
    ACTIVE.with(Cell::get)
}

fn pick(default: Style, projector: Style, plain: Style, mono: Style) -> Style {
    match active() {
        ThemeName::Default => default,
        ThemeName::Projector => projector,
        ThemeName::Plain => plain,
        ThemeName::Monochrome => mono,
    }
}

fn fg(c: Color) -> Style {
    Style::default().fg(c)
}

const BOLD: Modifier = Modifier::BOLD;

pub fn header() -> Style {
    let bar = Style::default().fg(Color::White).bg(Color::Blue);
    pick(
        bar.add_modifier(BOLD),
        bar.add_modifier(BOLD),
        bar,
        Style::default().add_modifier(Modifier::REVERSED | BOLD),
    )
}

pub fn title() -> Style {
    pick(
        Style::default().add_modifier(BOLD),
        fg(Color::White).add_modifier(BOLD),
        Style::default(),
        Style::default().add_modifier(BOLD),
    )
}

/// Secondary text: light grey, as dark grey is hard to read on a dark
/// background and cannot be read at all from the back of a room, where the
/// projector shows it in the normal colour.
pub fn dim() -> Style {
    pick(
        fg(Color::Gray),
        Style::default(),
        fg(Color::Gray),
        Style::default(),
    )
}

pub fn guidance() -> Style {
    pick(
        fg(Color::Gray).add_modifier(Modifier::ITALIC),
        fg(Color::White),
        fg(Color::Gray),
        Style::default().add_modifier(Modifier::ITALIC),
    )
}

pub fn key() -> Style {
    pick(
        fg(Color::Cyan).add_modifier(BOLD),
        fg(Color::LightCyan).add_modifier(BOLD),
        fg(Color::Cyan),
        Style::default().add_modifier(BOLD),
    )
}

pub fn selected() -> Style {
    let reversed = Style::default().add_modifier(Modifier::REVERSED);
    pick(
        reversed.add_modifier(BOLD),
        reversed.add_modifier(BOLD),
        reversed,
        reversed.add_modifier(BOLD),
    )
}

pub fn good() -> Style {
    pick(
        fg(Color::Green),
        fg(Color::LightGreen).add_modifier(BOLD),
        fg(Color::Green),
        Style::default(),
    )
}

pub fn warn() -> Style {
    pick(
        fg(Color::Yellow),
        fg(Color::LightYellow).add_modifier(BOLD),
        fg(Color::Yellow),
        Style::default().add_modifier(BOLD),
    )
}

pub fn bad() -> Style {
    pick(
        fg(Color::Red).add_modifier(BOLD),
        fg(Color::LightRed).add_modifier(BOLD),
        fg(Color::Red),
        Style::default().add_modifier(BOLD | Modifier::UNDERLINED),
    )
}

pub fn error() -> Style {
    let alarm = Style::default().fg(Color::White).bg(Color::Red);
    pick(
        alarm.add_modifier(BOLD),
        alarm.add_modifier(BOLD),
        alarm,
        Style::default().add_modifier(Modifier::REVERSED | BOLD),
    )
}

pub fn focus_border() -> Style {
    pick(
        fg(Color::Cyan),
        fg(Color::LightCyan).add_modifier(BOLD),
        fg(Color::Cyan),
        Style::default().add_modifier(BOLD),
    )
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
        Band::High => pick(
            fg(Color::LightRed),
            fg(Color::LightRed).add_modifier(BOLD),
            fg(Color::LightRed),
            Style::default().add_modifier(BOLD),
        ),
        Band::Critical => bad(),
    }
}

/// A heat-map cell: the band as a background, so the map reads as heat.
/// The count and the band letter or word carry the same meaning without colour.
pub fn band_cell(band: Band) -> Style {
    if active() == ThemeName::Monochrome {
        return match band {
            Band::Low | Band::Medium => Style::default(),
            Band::High | Band::Critical => Style::default().add_modifier(Modifier::REVERSED),
        };
    }
    let bg = match band {
        Band::Low => Color::Green,
        Band::Medium => Color::Yellow,
        Band::High => Color::LightRed,
        Band::Critical => Color::Red,
    };
    Style::default().fg(Color::Black).bg(bg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_is_named_and_read_back() {
        for t in ThemeName::ALL {
            assert_eq!(t.as_str().parse::<ThemeName>(), Ok(t));
        }
        let err = "neon".parse::<ThemeName>().unwrap_err();
        assert!(
            err.contains("default, projector, plain, monochrome"),
            "{err}"
        );
    }

    #[test]
    fn the_projector_has_no_dark_grey_and_monochrome_no_colour() {
        ACTIVE.with(|a| a.set(ThemeName::Projector));
        assert_ne!(dim().fg, Some(Color::DarkGray));
        assert_ne!(guidance().fg, Some(Color::Gray));
        for (style, colour) in [
            (good(), Color::LightGreen),
            (warn(), Color::LightYellow),
            (bad(), Color::LightRed),
            (key(), Color::LightCyan),
        ] {
            assert_eq!(style.fg, Some(colour));
            assert!(style.add_modifier.contains(Modifier::BOLD), "{style:?}");
        }
        ACTIVE.with(|a| a.set(ThemeName::Monochrome));
        for style in [
            header(),
            dim(),
            key(),
            good(),
            warn(),
            bad(),
            error(),
            band_cell(Band::High),
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        ACTIVE.with(|a| a.set(ThemeName::Default));
        // not dark grey in the default theme either: it cannot be read on a dark background
        assert_eq!(dim().fg, Some(Color::Gray));
    }
}
