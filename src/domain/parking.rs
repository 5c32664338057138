//! The parking lot: a topic that would derail the item being discussed is
//! parked with an owner, and settled before sign-off as an action, an item on
//! the next review's agenda, or dropped with a reason.

/// What became of a parked topic.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum ParkedOutcome {
    /// Not settled yet.
    Parked,
    Action,
    /// An item on the next review's agenda.
    NextReview,
    Dropped,
}
words!(ParkedOutcome, "outcome of a parked topic");

impl ParkedOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ParkedOutcome::Parked => "parked",
            ParkedOutcome::Action => "became an action",
            ParkedOutcome::NextReview => "on the next review's agenda",
            ParkedOutcome::Dropped => "dropped",
        }
    }
}

/// A parked topic as the lists, the minutes and the CLI show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkedTopic {
    pub id: i64,
    pub reference: String,
    pub review_ref: String,
    /// The item it came up on: its number and title.
    pub item: Option<(i64, String)>,
    pub topic: String,
    pub owner: Option<String>,
    pub outcome: ParkedOutcome,
    /// The action it became, or the review whose agenda holds it.
    pub outcome_ref: Option<String>,
    pub reason: String,
}

impl ParkedTopic {
    /// What became of it, in words: "became A-2026-040", "on MR-2027-01's agenda".
    pub fn settled_as(&self) -> String {
        match (self.outcome, self.outcome_ref.as_deref()) {
            (ParkedOutcome::Action, Some(r)) => format!("became {r}"),
            (ParkedOutcome::NextReview, Some(r)) => format!("on {r}'s agenda"),
            (ParkedOutcome::NextReview, None) => {
                "for the next review's agenda (once it is planned)".to_string()
            }
            (ParkedOutcome::Dropped, _) => format!("dropped: {}", self.reason),
            (outcome, _) => outcome.label().to_string(),
        }
    }
}

/// The reference of a parked topic: P-2026-003.
pub fn parked_ref(year: i32, seq: u32) -> String {
    format!("P-{year}-{seq:03}")
}

/// The longest topic, in characters: a sentence or two, not a discussion.
pub const MAX_TOPIC: usize = 300;

/// A topic as typed, trimmed, or why it cannot be parked.
pub fn check_topic(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("say what is parked: the topic, in a sentence".to_string());
    }
    let chars = text.chars().count();
    if chars > MAX_TOPIC {
        return Err(format!(
            "that is {chars} characters; park the topic in at most {MAX_TOPIC}"
        ));
    }
    Ok(text.to_string())
}

/// The agenda item title a topic carried to the next review gets.
pub fn agenda_title(topic: &str) -> String {
    format!("Parked: {topic}")
}

/// A short title for narrow agenda columns: "Parked: " and the topic's start.
pub fn agenda_short_title(topic: &str) -> String {
    let mut short: String = topic.chars().take(14).collect();
    if topic.chars().count() > 14 {
        short.push('…');
    }
    format!("P: {short}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topic_is_a_sentence_not_nothing_nor_an_essay() {
        assert_eq!(
            check_topic("  8D for supplier complaints? "),
            Ok("8D for supplier complaints?".into())
        );
        assert!(
            check_topic("   ")
                .unwrap_err()
                .contains("say what is parked")
        );
        assert!(
            check_topic(&"x".repeat(MAX_TOPIC + 1))
                .unwrap_err()
                .contains("at most 300")
        );
        assert_eq!(parked_ref(2026, 3), "P-2026-003");
        assert_eq!(
            agenda_short_title("Move to 8D for all suppliers"),
            "P: Move to 8D for…"
        );
        assert_eq!(agenda_short_title("Short"), "P: Short");
    }

    #[test]
    fn what_became_of_a_topic_reads_as_a_phrase() {
        let mut t = ParkedTopic {
            id: 1,
            reference: "P-2026-001".into(),
            review_ref: "MR-2026-02".into(),
            item: None,
            topic: "x".into(),
            owner: None,
            outcome: ParkedOutcome::Action,
            outcome_ref: Some("A-2026-040".into()),
            reason: String::new(),
        };
        assert_eq!(t.settled_as(), "became A-2026-040");
        t.outcome = ParkedOutcome::NextReview;
        t.outcome_ref = None;
        assert!(t.settled_as().contains("once it is planned"));
        t.outcome_ref = Some("MR-2027-01".into());
        assert_eq!(t.settled_as(), "on MR-2027-01's agenda");
        t.outcome = ParkedOutcome::Dropped;
        t.reason = "out of scope".into();
        assert_eq!(t.settled_as(), "dropped: out of scope");
    }
}
