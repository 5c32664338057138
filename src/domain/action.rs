//! Actions: status and whether they are late.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Effective,
    NotEffective,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 6] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Effective,
        ActionStatus::NotEffective,
        ActionStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Effective => "effective",
            ActionStatus::NotEffective => "not_effective",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in progress",
            ActionStatus::Done => "done",
            ActionStatus::Effective => "effective",
            ActionStatus::NotEffective => "not effective",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    /// Still work to do: carried into the next review's item a).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// An open action is overdue the day after its due date.
pub fn is_overdue(status: ActionStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_open() && due.is_some_and(|d| d < today)
}

/// Action references read like `A-2026-031`.
pub fn action_ref(year: i32, seq: u32) -> String {
    format!("A-{year}-{seq:03}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips() {
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(ActionStatus::parse("closed"), None);
    }

    #[test]
    fn only_open_work_is_overdue() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let yesterday = today.pred_opt().unwrap();
        assert!(is_overdue(ActionStatus::Open, Some(yesterday), today));
        assert!(!is_overdue(ActionStatus::Open, Some(today), today));
        assert!(!is_overdue(ActionStatus::Done, Some(yesterday), today));
        assert!(!is_overdue(ActionStatus::InProgress, None, today));
    }

    #[test]
    fn refs_are_zero_padded() {
        assert_eq!(action_ref(2026, 31), "A-2026-031");
    }
}
