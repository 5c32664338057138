//! The review agenda: the ISO 9001:2015 9.3 template and the state of each item.

use serde::Deserialize;

/// One row of an agenda template (see assets/).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct TemplateItem {
    /// What the item covers: `opening`, `a`, `b`, `c1`..`c7`, `d`, `e`, `f`, `outputs`, `close`.
    pub key: String,
    pub clause: String,
    pub title: String,
    /// At most 13 characters, for the agenda column at 80×24.
    pub short: String,
    pub guidance: String,
    pub minutes: u32,
}

const ISO_9001_2015: &str = include_str!("../../assets/iso9001-2015-agenda.json");

/// The agenda template that ships with steerco: one item per 9.3.2 input.
pub fn iso_9001_template() -> Vec<TemplateItem> {
    serde_json::from_str(ISO_9001_2015).expect("the shipped agenda template is valid JSON")
}

/// An input's key as the agenda writes it: `f` is `f)`, `c4` is `c)4`.
pub fn input_mark(key: &str) -> String {
    match key.split_at(1.min(key.len())) {
        (letter, "") => format!("{letter})"),
        (letter, n) => format!("{letter}){n}"),
    }
}

/// The 9.3.2 inputs a review must consider; the close-out check is built on these.
pub const REQUIRED_INPUTS: [&str; 13] = [
    "a", "b", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "d", "e", "f", "outputs",
];

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum ItemState {
    Pending,
    Covered,
    NotApplicable,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// Covered toggles back to pending; anything else becomes covered.
    pub fn toggled_covered(self) -> Self {
        match self {
            ItemState::Covered => ItemState::Pending,
            _ => ItemState::Covered,
        }
    }

    pub fn is_done(self) -> bool {
        self != ItemState::Pending
    }
}

/// How an item's time compares with its timebox, for colouring the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeboxUse {
    Within,
    /// Past 80 % of the timebox.
    Nearly,
    Over,
}

pub fn timebox_use(spent_secs: i64, timebox_secs: i64) -> TimeboxUse {
    if timebox_secs <= 0 {
        return TimeboxUse::Within;
    }
    if spent_secs > timebox_secs {
        TimeboxUse::Over
    } else if spent_secs * 5 >= timebox_secs * 4 {
        TimeboxUse::Nearly
    } else {
        TimeboxUse::Within
    }
}

/// `mm:ss` below an hour, `h:mm:ss` above.
pub fn format_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_has_every_required_input_once_in_order() {
        let keys: Vec<String> = iso_9001_template().into_iter().map(|i| i.key).collect();
        for input in REQUIRED_INPUTS {
            assert_eq!(keys.iter().filter(|k| *k == input).count(), 1, "{input}");
        }
        assert_eq!(keys.first().map(String::as_str), Some("opening"));
        assert_eq!(keys.last().map(String::as_str), Some("close"));
        assert!(
            iso_9001_template()
                .iter()
                .all(|i| i.minutes > 0 && i.short.chars().count() <= 13)
        );
    }

    #[test]
    fn state_round_trips_and_toggles() {
        for s in [
            ItemState::Pending,
            ItemState::Covered,
            ItemState::NotApplicable,
        ] {
            assert_eq!(ItemState::parse(s.as_str()), Some(s));
        }
        assert_eq!(ItemState::parse("done"), None);
        assert_eq!(ItemState::Pending.toggled_covered(), ItemState::Covered);
        assert_eq!(ItemState::Covered.toggled_covered(), ItemState::Pending);
        assert_eq!(
            ItemState::NotApplicable.toggled_covered(),
            ItemState::Covered
        );
    }

    #[test]
    fn timebox_use_edges() {
        assert_eq!(timebox_use(0, 600), TimeboxUse::Within);
        assert_eq!(timebox_use(479, 600), TimeboxUse::Within);
        assert_eq!(timebox_use(480, 600), TimeboxUse::Nearly);
        assert_eq!(timebox_use(600, 600), TimeboxUse::Nearly);
        assert_eq!(timebox_use(601, 600), TimeboxUse::Over);
        assert_eq!(timebox_use(5000, 0), TimeboxUse::Within);
    }

    #[test]
    fn durations_format_for_a_meeting_clock() {
        assert_eq!(format_duration(0), "00:00");
        assert_eq!(format_duration(250), "04:10");
        assert_eq!(format_duration(3600 + 62), "1:01:02");
        assert_eq!(format_duration(-5), "00:00");
    }
}
