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

/// Whether someone on a review's list was there. Stored as its word.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Presence {
    Expected,
    Present,
    Apologies,
    Absent,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// Taking attendance with one key: expected → present → apologies → absent → expected.
    pub fn next(self) -> Self {
        match self {
            Presence::Expected => Presence::Present,
            Presence::Present => Presence::Apologies,
            Presence::Apologies => Presence::Absent,
            Presence::Absent => Presence::Expected,
        }
    }
}

/// What someone is in a review. A delegate is someone from top management
/// standing in for an absent chair. Stored as its word.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    Chair,
    Facilitator,
    Member,
    Guest,
    Delegate,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// A member or guest stands in for the chair, and a delegate steps back
    /// to member; the chair and facilitator stay what they are (None).
    pub fn toggled_delegate(self) -> Option<Self> {
        match self {
            Role::Delegate => Some(Role::Member),
            Role::Member | Role::Guest => Some(Role::Delegate),
            Role::Chair | Role::Facilitator => None,
        }
    }
}

/// The words of an enum for an error message: "a, b or c".
pub fn words<T: Copy + Into<&'static str>>(all: &[T]) -> String {
    let words: Vec<&str> = all.iter().map(|&t| t.into()).collect();
    words.join(", ")
}

#[cfg(test)]
mod attendance_tests {
    use super::*;

    #[test]
    fn presence_cycles_through_every_word_and_back() {
        let mut p = Presence::Expected;
        let mut seen = Vec::new();
        for _ in 0..4 {
            seen.push(p.as_str());
            p = p.next();
        }
        assert_eq!(p, Presence::Expected);
        assert_eq!(seen, ["expected", "present", "apologies", "absent"]);
        assert_eq!(Presence::parse("apologies"), Some(Presence::Apologies));
        assert_eq!(Presence::parse("late"), None);
    }

    #[test]
    fn only_members_and_guests_stand_in_for_the_chair() {
        assert_eq!(Role::Member.toggled_delegate(), Some(Role::Delegate));
        assert_eq!(Role::Delegate.toggled_delegate(), Some(Role::Member));
        assert_eq!(Role::Chair.toggled_delegate(), None);
        assert_eq!(
            words(<Role as strum::VariantArray>::VARIANTS),
            "chair, facilitator, member, guest, delegate"
        );
    }
}
