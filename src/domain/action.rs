//! Actions: status, the lifecycle between statuses, and whether they are late.

use chrono::NaiveDate;

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
pub enum ActionStatus {
    Open,
    #[strum(message = "in progress")]
    InProgress,
    Done,
    Effective,
    #[strum(message = "not effective")]
    NotEffective,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_else(|| self.as_str())
    }

    /// Still work to do: carried into the next review's item a).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// How urgent an action is. Stored as its word.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Priority {
    Low,
    Medium,
    High,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

/// Why a status change is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveError {
    /// The action already has that status.
    Same(ActionStatus),
    Illegal {
        from: ActionStatus,
        to: ActionStatus,
    },
    /// Cancelling (and judging an action not effective) needs a reason.
    NeedsReason(ActionStatus),
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveError::Same(s) => write!(f, "it is already {}", s.label()),
            MoveError::Illegal { from, to } => {
                let why = match (from, to) {
                    (_, ActionStatus::Effective | ActionStatus::NotEffective) => {
                        "only a done action can be checked for effectiveness"
                    }
                    (ActionStatus::Effective | ActionStatus::Cancelled, _) => {
                        "it is closed; raise a new action instead"
                    }
                    (ActionStatus::NotEffective, _) => {
                        "reopen it (open or in progress) or raise a follow-up"
                    }
                    _ => "that move is not part of the action lifecycle",
                };
                let allowed: Vec<&str> = from.moves().iter().map(|s| s.as_str()).collect();
                let allowed = if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed.join(", ")
                };
                write!(
                    f,
                    "cannot go from {} to {}: {why} (allowed: {allowed})",
                    from.label(),
                    to.label()
                )
            }
            MoveError::NeedsReason(to) => match to {
                ActionStatus::Cancelled => {
                    write!(f, "cancelling an action needs a reason (--note)")
                }
                _ => write!(
                    f,
                    "marking an action {} needs a note saying why",
                    to.label()
                ),
            },
        }
    }
}

impl std::error::Error for MoveError {}

impl ActionStatus {
    /// Where an action may go from here. Effective and cancelled are final;
    /// not effective reopens the action (or a follow-up is raised and it stays).
    pub fn moves(self) -> &'static [ActionStatus] {
        use ActionStatus::*;
        match self {
            Open => &[InProgress, Done, Cancelled],
            InProgress => &[Open, Done, Cancelled],
            Done => &[Effective, NotEffective, InProgress],
            NotEffective => &[Open, InProgress],
            Effective | Cancelled => &[],
        }
    }

    /// No further moves: nothing more to do on this action.
    pub fn is_final(self) -> bool {
        self.moves().is_empty()
    }

    /// Checks a move against the lifecycle; `note` is the reason given, if any.
    pub fn check_move(self, to: ActionStatus, note: &str) -> Result<(), MoveError> {
        if self == to {
            return Err(MoveError::Same(to));
        }
        if !self.moves().contains(&to) {
            return Err(MoveError::Illegal { from: self, to });
        }
        if matches!(to, ActionStatus::Cancelled | ActionStatus::NotEffective)
            && note.trim().is_empty()
        {
            return Err(MoveError::NeedsReason(to));
        }
        Ok(())
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

/// Decision references read like `D-2026-012`.
pub fn decision_ref(year: i32, seq: u32) -> String {
    format!("D-{year}-{seq:03}")
}

/// The 9.3.3 output a decision belongs to.
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
#[strum(ascii_case_insensitive)]
pub enum DecisionCategory {
    #[strum(
        to_string = "improvement",
        serialize = "a",
        serialize = "improve",
        message = "a) opportunity for improvement"
    )]
    Improvement,
    #[strum(
        to_string = "qms_change",
        serialize = "b",
        serialize = "qms",
        serialize = "change",
        message = "b) change to the QMS"
    )]
    QmsChange,
    #[strum(
        to_string = "resources",
        serialize = "c",
        serialize = "resource",
        message = "c) resource need"
    )]
    Resources,
}

impl DecisionCategory {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// As the standard lists them: 9.3.3 a), b), c).
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_else(|| self.as_str())
    }

    /// A stored category as the cockpit lists it, "a improvement"; an
    /// unknown word reads as uncategorised.
    pub fn short_label(stored: &str) -> &'static str {
        match Self::parse(stored) {
            Some(DecisionCategory::Improvement) => "a improvement",
            Some(DecisionCategory::QmsChange) => "b change to the QMS",
            Some(DecisionCategory::Resources) => "c resource need",
            None => "uncategorised",
        }
    }

    /// Accepts the stored word, the clause letter or a plain word.
    pub fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActionStatus::*;

    #[test]
    fn every_legal_move_is_accepted() {
        let legal = [
            (Open, InProgress),
            (Open, Done),
            (Open, Cancelled),
            (InProgress, Open),
            (InProgress, Done),
            (InProgress, Cancelled),
            (Done, Effective),
            (Done, NotEffective),
            (Done, InProgress),
            (NotEffective, Open),
            (NotEffective, InProgress),
        ];
        for (from, to) in legal {
            assert_eq!(from.check_move(to, "because"), Ok(()), "{from:?} -> {to:?}");
        }
        // and every other pair is refused
        for &from in ActionStatus::ALL {
            for &to in ActionStatus::ALL {
                if !legal.contains(&(from, to)) {
                    assert!(
                        from.check_move(to, "because").is_err(),
                        "{from:?} -> {to:?} should be refused"
                    );
                }
            }
        }
    }

    #[test]
    fn illegal_moves_say_why() {
        let e = Open.check_move(Effective, "").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot go from open to effective: only a done action can be checked for effectiveness (allowed: in_progress, done, cancelled)"
        );
        let e = Cancelled.check_move(Open, "").unwrap_err();
        assert!(e.to_string().contains("it is closed"), "{e}");
        assert!(e.to_string().ends_with("(allowed: none)"), "{e}");
        assert_eq!(Done.check_move(Done, ""), Err(MoveError::Same(Done)));
    }

    #[test]
    fn cancel_and_not_effective_need_a_reason() {
        assert_eq!(
            Open.check_move(Cancelled, "  "),
            Err(MoveError::NeedsReason(Cancelled))
        );
        assert_eq!(
            Done.check_move(NotEffective, ""),
            Err(MoveError::NeedsReason(NotEffective))
        );
        assert_eq!(Open.check_move(Done, ""), Ok(()));
        assert_eq!(Done.check_move(Effective, ""), Ok(()));
    }

    #[test]
    fn final_statuses_have_no_moves() {
        assert!(Effective.is_final());
        assert!(Cancelled.is_final());
        assert!(!NotEffective.is_final());
    }

    #[test]
    fn decision_refs_and_categories() {
        assert_eq!(decision_ref(2026, 12), "D-2026-012");
        for &c in DecisionCategory::ALL {
            assert_eq!(DecisionCategory::parse(c.as_str()), Some(c));
        }
        assert_eq!(
            DecisionCategory::parse("B"),
            Some(DecisionCategory::QmsChange)
        );
        assert_eq!(DecisionCategory::parse("budget"), None);
    }

    #[test]
    fn status_round_trips() {
        for &s in ActionStatus::ALL {
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
