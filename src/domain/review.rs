//! Reviews and the meeting clock.

use chrono::{DateTime, Utc};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    strum::EnumMessage,
)]
#[strum(serialize_all = "snake_case")]
pub enum ReviewStatus {
    Planned,
    #[strum(message = "in progress")]
    InProgress,
    Closed,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_else(|| self.as_str())
    }
}

/// The meeting clock: seconds banked from earlier segments plus the segment
/// running now, if any. Time runs on wall-clock time, so a restarted cockpit
/// (or one that crashed mid-meeting) shows the same clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MeetingClock {
    pub banked_secs: i64,
    pub running_since: Option<DateTime<Utc>>,
}

impl MeetingClock {
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Seconds of the running segment (0 when paused).
    pub fn running_secs(&self, now: DateTime<Utc>) -> i64 {
        self.running_since
            .map(|since| (now - since).num_seconds().max(0))
            .unwrap_or(0)
    }

    pub fn total_secs(&self, now: DateTime<Utc>) -> i64 {
        self.banked_secs + self.running_secs(now)
    }
}

/// Review references read like `MR-2026-02`: year of the meeting and a sequence.
pub fn review_ref(year: i32, seq: u32) -> String {
    format!("MR-{year}-{seq:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn status_round_trips() {
        for s in [
            ReviewStatus::Planned,
            ReviewStatus::InProgress,
            ReviewStatus::Closed,
        ] {
            assert_eq!(ReviewStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(ReviewStatus::parse("open"), None);
    }

    #[test]
    fn clock_adds_the_running_segment_to_banked_time() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
        let paused = MeetingClock {
            banked_secs: 120,
            running_since: None,
        };
        assert_eq!(paused.total_secs(t0), 120);
        let running = MeetingClock {
            banked_secs: 120,
            running_since: Some(t0),
        };
        assert_eq!(running.total_secs(t0 + chrono::Duration::seconds(42)), 162);
        // a clock set in the future (skewed machine) never runs backwards
        assert_eq!(running.total_secs(t0 - chrono::Duration::seconds(10)), 120);
    }

    #[test]
    fn refs_are_zero_padded() {
        assert_eq!(review_ref(2026, 2), "MR-2026-02");
    }
}
