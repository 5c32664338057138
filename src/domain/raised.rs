//! Concerns and improvement ideas raised by anyone with a shell, for the next
//! review to triage: each becomes an action, a risk, an NC or an improvement
//! decision, or is declined with a reason the raiser can read.

use chrono::NaiveDate;

/// The actor the change log records for an anonymous raise.
pub const ANONYMOUS: &str = "anonymous";

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum RaisedKind {
    /// Something going wrong, or about to.
    Concern,
    /// A way to do better.
    Idea,
}
words!(RaisedKind, "kind of raised item");

/// What became of a raised item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum RaisedStatus {
    /// Not yet triaged: it waits on the next review.
    Waiting,
    Action,
    Risk,
    Nc,
    Decision,
    Declined,
}
words!(RaisedStatus, "outcome");

/// A triage: the record the raised item became, or why it was declined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Action(String),
    Risk(String),
    Nc(String),
    /// An improvement decision (9.3.3 a) of the review.
    Decision(String),
    /// The reason, which the raiser reads.
    Declined(String),
}

impl Outcome {
    pub fn status(&self) -> RaisedStatus {
        match self {
            Outcome::Action(_) => RaisedStatus::Action,
            Outcome::Risk(_) => RaisedStatus::Risk,
            Outcome::Nc(_) => RaisedStatus::Nc,
            Outcome::Decision(_) => RaisedStatus::Decision,
            Outcome::Declined(_) => RaisedStatus::Declined,
        }
    }
}

/// A raise as a user gave it, checked: what, which kind, for which input,
/// and whether anonymously.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRaiseText {
    pub kind: RaisedKind,
    pub text: String,
    pub input_key: String,
    pub anonymous: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Raised {
    pub id: i64,
    /// The receipt code the raiser follows it by.
    pub code: String,
    pub kind: RaisedKind,
    pub text: String,
    /// The OS account that raised it; none when raised anonymously.
    pub raised_by: Option<String>,
    pub raised_on: NaiveDate,
    /// The 9.3.2 input it waits on (`f` unless the raiser named one).
    pub input_key: String,
    pub status: RaisedStatus,
    /// The action, risk, NC or decision it became.
    pub outcome_ref: String,
    /// Why it was declined.
    pub reason: String,
    /// The review that triaged it.
    pub review: Option<String>,
    pub triaged_on: Option<NaiveDate>,
}

impl Raised {
    pub fn waiting(&self) -> bool {
        self.status == RaisedStatus::Waiting
    }

    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (today - self.raised_on).num_days().max(0)
    }

    /// Who raised it, as the minutes and the queue say it.
    pub fn by(&self) -> &str {
        self.raised_by.as_deref().unwrap_or(ANONYMOUS)
    }

    /// What became of it, in a few words: "action A-2026-031",
    /// "declined: already fixed by the new jig", "waiting".
    pub fn outcome(&self) -> String {
        match self.status {
            RaisedStatus::Waiting => "waiting".to_string(),
            RaisedStatus::Declined => format!("declined: {}", self.reason),
            RaisedStatus::Nc => format!("nonconformity {}", self.outcome_ref),
            other => format!("{} {}", other.as_str(), self.outcome_ref),
        }
    }
}

/// The letters of a receipt code: Crockford's base 32, which has no I, L, O
/// or U, so a code read aloud or copied by hand survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A receipt code from 40 random bits, as `K7QM-4XD2`: random, so it says
/// nothing of who raised it or when.
pub fn receipt_code(random: [u8; 5]) -> String {
    let bits = random
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    let chars: String = (0..8)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A receipt code as someone typed it: any case, with or without the dash,
/// O read as 0 and I or L as 1. None when it cannot be one.
pub fn read_code(typed: &str) -> Option<String> {
    let mut chars = String::with_capacity(8);
    for c in typed.trim().chars().filter(|c| !matches!(c, '-' | ' ')) {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        chars.push(c);
    }
    (chars.len() == 8).then(|| format!("{}-{}", &chars[..4], &chars[4..]))
}

/// Longest text a raise keeps: a concern, not a report.
pub const MAX_TEXT: usize = 1000;

/// The text of a raise, trimmed, or why it cannot be one.
pub fn check_text(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("say what you raise: the concern or the idea, in a sentence".to_string());
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT {
        return Err(format!(
            "that is {chars} characters; say it in at most {MAX_TEXT} (the review will ask for more if it needs it)"
        ));
    }
    Ok(text.to_string())
}

/// The 9.3.2 input a raise is for, as typed (`c4`, `c)4`, `f)`), or why it
/// is not one.
pub fn read_input(typed: &str) -> Result<String, String> {
    let key: String = typed
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !matches!(c, ')' | ' '))
        .collect();
    let inputs = crate::domain::agenda::REQUIRED_INPUTS;
    if key != "outputs" && inputs.contains(&key.as_str()) {
        Ok(key)
    } else {
        Err(format!(
            "'{}' is not a 9.3.2 input; use one of a, b, c1 to c7, d, e, f",
            crate::domain::text::visible_line(typed.trim())
        ))
    }
}

/// A reason to decline, or why it cannot be one: the raiser reads it.
pub fn check_reason(reason: &str) -> Result<String, String> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err("say why it is declined: the raiser reads the reason".to_string())
    } else {
        Ok(reason.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_code_reads_back_however_it_is_typed() {
        let code = receipt_code([0xde, 0xad, 0xbe, 0xef, 0x42]);
        assert_eq!(code.len(), 9);
        assert_eq!(code.as_bytes()[4], b'-');
        assert_eq!(read_code(&code).as_deref(), Some(code.as_str()));
        assert_eq!(
            read_code(&code.to_lowercase().replace('-', "")).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(read_code("k7qm-4xdo").as_deref(), Some("K7QM-4XD0"));
        assert_eq!(read_code("I1L1 0000").as_deref(), Some("1111-0000"));
        assert_eq!(read_code("K7QM-4XD"), None);
        assert_eq!(read_code("K7QM-4XDU"), None, "U is not in the alphabet");
        assert_eq!(read_code("K7QM-4XD2X"), None);
        assert_eq!(read_code("ÄÄÄÄ-ÄÄÄÄ"), None);
    }

    #[test]
    fn receipt_codes_use_all_forty_bits() {
        assert_eq!(receipt_code([0; 5]), "0000-0000");
        assert_eq!(receipt_code([0xff; 5]), "ZZZZ-ZZZZ");
        assert_ne!(receipt_code([0, 0, 0, 0, 1]), receipt_code([0, 0, 0, 0, 2]));
        assert_ne!(receipt_code([0x80, 0, 0, 0, 0]), receipt_code([0; 5]));
    }

    #[test]
    fn a_raise_needs_words_and_not_a_report() {
        assert!(check_text("  ").is_err());
        assert_eq!(check_text(" torque drifts ").unwrap(), "torque drifts");
        let long = "x".repeat(MAX_TEXT + 1);
        assert!(check_text(&long).unwrap_err().contains("1001 characters"));
    }

    #[test]
    fn an_input_is_read_as_the_agenda_writes_it() {
        assert_eq!(read_input("c)4").unwrap(), "c4");
        assert_eq!(read_input("F)").unwrap(), "f");
        assert!(read_input("outputs").is_err());
        assert!(read_input("c8").unwrap_err().contains("not a 9.3.2 input"));
    }

    #[test]
    fn the_outcome_reads_as_a_few_words() {
        let mut r = Raised {
            id: 1,
            code: "K7QM-4XD2".into(),
            kind: RaisedKind::Concern,
            text: "t".into(),
            raised_by: None,
            raised_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            input_key: "f".into(),
            status: RaisedStatus::Waiting,
            outcome_ref: String::new(),
            reason: String::new(),
            review: None,
            triaged_on: None,
        };
        assert_eq!(r.by(), "anonymous");
        assert_eq!(r.outcome(), "waiting");
        assert_eq!(
            r.age_days(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()),
            30
        );
        r.status = RaisedStatus::Nc;
        r.outcome_ref = "NC-2026-007".into();
        assert_eq!(r.outcome(), "nonconformity NC-2026-007");
        r.status = RaisedStatus::Declined;
        r.reason = "fixed by the new jig".into();
        assert_eq!(r.outcome(), "declined: fixed by the new jig");
    }
}
