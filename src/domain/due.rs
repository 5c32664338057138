//! Due dates as people say them in a meeting: `2026-12-15`, `+2w`, `+3d`,
//! `fri`, `next month`, `eoq`, `today`, `tomorrow`. Always relative to a
//! given `today`, so that the rule is testable and the CLI and the cockpit agree.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

const HINT: &str = "write YYYY-MM-DD, +3d, +2w, +1m, a weekday (fri), today, tomorrow, next week, next month, eom, eoq or eoy";

/// Parses a due date; the error is one line a user can act on.
pub fn parse_due(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = input.trim().to_ascii_lowercase();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let bad = || format!("'{}' is not a due date; {HINT}", input.trim());
    if text.is_empty() {
        return Err(format!("the due date is empty; {HINT}"));
    }
    if let Ok(d) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Some(rest) = text.strip_prefix('+') {
        return relative(rest.trim(), today).ok_or_else(bad);
    }
    let date = match text.as_str() {
        "today" => Some(today),
        "tomorrow" | "tmr" => today.checked_add_days(Days::new(1)),
        "next week" => today.checked_add_days(Days::new(7)),
        "next month" => today.checked_add_months(Months::new(1)),
        "eom" | "end of month" => Some(end_of_month(today.year(), today.month())),
        "eoq" | "end of quarter" => {
            let last_month = (today.month0() / 3) * 3 + 3;
            Some(end_of_month(today.year(), last_month))
        }
        "eoy" | "end of year" => NaiveDate::from_ymd_opt(today.year(), 12, 31),
        word => {
            weekday(word.strip_prefix("next ").unwrap_or(word)).map(|wd| next_weekday(today, wd))
        }
    };
    date.ok_or_else(bad)
}

/// Further ahead than this, a due date is a slip of the keyboard (9999-12-31),
/// not a plan: no action in a management review runs for longer.
pub const MAX_YEARS_AHEAD: u32 = 5;

/// Refuses a due date no plan would give: more than `MAX_YEARS_AHEAD` years
/// from today.
pub fn check_not_too_far(due: NaiveDate, today: NaiveDate) -> Result<(), String> {
    let furthest = today
        .checked_add_months(Months::new(12 * MAX_YEARS_AHEAD))
        .unwrap_or(NaiveDate::MAX);
    if due > furthest {
        return Err(format!(
            "{due} is more than {MAX_YEARS_AHEAD} years ahead; give a date by {furthest}, or split the work"
        ));
    }
    Ok(())
}

/// How a due date before today is said: "2026-11-13 is 20 days ago".
pub fn past_by(due: NaiveDate, today: NaiveDate) -> Option<String> {
    let days = (today - due).num_days();
    match days {
        ..=0 => None,
        1 => Some(format!("{due} was yesterday")),
        _ => Some(format!("{due} is {days} days ago")),
    }
}

/// A new due date for work still to be done: not in the past, not absurdly
/// far ahead. Re-dating and reopening keep to this; capturing an action may
/// keep a past date once the user confirms it (the work was due already).
pub fn check_ahead(due: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if let Some(past) = past_by(due, today) {
        return Err(format!("{past}; a new due date is today or later"));
    }
    check_not_too_far(due, today)
}

/// A new due date as typed, read and checked by `check_ahead`.
pub fn parse_ahead(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let due = parse_due(input, today)?;
    check_ahead(due, today)?;
    Ok(due)
}

/// `3d`, `2w`, `1m`: days, weeks or months from today.
fn relative(rest: &str, today: NaiveDate) -> Option<NaiveDate> {
    let unit_at = rest.find(|c: char| !c.is_ascii_digit())?;
    let (count, unit) = rest.split_at(unit_at);
    let n: u32 = count.parse().ok().filter(|n| *n <= 3650)?;
    match unit.trim() {
        "d" | "day" | "days" => today.checked_add_days(Days::new(n.into())),
        "w" | "wk" | "week" | "weeks" => today.checked_add_days(Days::new(u64::from(n) * 7)),
        "m" | "month" | "months" => today.checked_add_months(Months::new(n)),
        _ => None,
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    let days = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    // "fri", "frid", "friday"; at least three letters so that "s" or "t" are not guesses
    (word.len() >= 3)
        .then(|| days.iter().find(|(name, _)| name.starts_with(word)))
        .flatten()
        .map(|(_, wd)| *wd)
}

/// The next such weekday after today: on a Friday, "fri" means a week later.
fn next_weekday(today: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (7 + wd.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today + chrono::Duration::days(i64::from(ahead))
}

fn end_of_month(year: i32, month: u32) -> NaiveDate {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_next
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Saturday 21 November 2026.
    fn today() -> NaiveDate {
        d(2026, 11, 21)
    }

    #[test]
    fn plain_dates() {
        assert_eq!(parse_due("2026-12-15", today()), Ok(d(2026, 12, 15)));
        assert_eq!(parse_due(" 2027-01-04 ", today()), Ok(d(2027, 1, 4)));
    }

    #[test]
    fn relative_days_weeks_and_months() {
        assert_eq!(parse_due("+3d", today()), Ok(d(2026, 11, 24)));
        assert_eq!(parse_due("+2w", today()), Ok(d(2026, 12, 5)));
        assert_eq!(parse_due("+1m", today()), Ok(d(2026, 12, 21)));
        assert_eq!(parse_due("+ 10 days", today()), Ok(d(2026, 12, 1)));
        assert_eq!(parse_due("+0d", today()), Ok(today()));
    }

    #[test]
    fn words() {
        assert_eq!(parse_due("today", today()), Ok(today()));
        assert_eq!(parse_due("Tomorrow", today()), Ok(d(2026, 11, 22)));
        assert_eq!(parse_due("next week", today()), Ok(d(2026, 11, 28)));
        assert_eq!(parse_due("next  month", today()), Ok(d(2026, 12, 21)));
        assert_eq!(parse_due("eom", today()), Ok(d(2026, 11, 30)));
        assert_eq!(parse_due("eoq", today()), Ok(d(2026, 12, 31)));
        assert_eq!(parse_due("eoq", d(2026, 2, 3)), Ok(d(2026, 3, 31)));
        assert_eq!(parse_due("eoq", d(2026, 4, 1)), Ok(d(2026, 6, 30)));
        assert_eq!(parse_due("eoy", today()), Ok(d(2026, 12, 31)));
    }

    #[test]
    fn next_month_keeps_to_the_end_of_short_months() {
        assert_eq!(parse_due("next month", d(2027, 1, 31)), Ok(d(2027, 2, 28)));
        assert_eq!(parse_due("eom", d(2028, 2, 10)), Ok(d(2028, 2, 29)));
    }

    #[test]
    fn weekdays_are_the_next_one_after_today() {
        // today is a Saturday
        assert_eq!(parse_due("fri", today()), Ok(d(2026, 11, 27)));
        assert_eq!(parse_due("friday", today()), Ok(d(2026, 11, 27)));
        assert_eq!(parse_due("mon", today()), Ok(d(2026, 11, 23)));
        assert_eq!(parse_due("sat", today()), Ok(d(2026, 11, 28)));
        assert_eq!(parse_due("next tue", today()), Ok(d(2026, 11, 24)));
    }

    #[test]
    fn a_due_date_far_ahead_is_refused_and_a_past_one_is_named() {
        let today = today();
        assert!(check_not_too_far(d(2031, 11, 20), today).is_ok());
        let err = check_not_too_far(d(9999, 12, 31), today).unwrap_err();
        assert!(err.contains("more than 5 years ahead"), "{err}");
        assert!(check_not_too_far(d(1999, 1, 1), today).is_ok());
        assert_eq!(past_by(today, today), None);
        assert_eq!(
            past_by(today.pred_opt().unwrap(), today).as_deref(),
            Some("2026-11-20 was yesterday")
        );
        let err = check_ahead(d(1999, 1, 1), today).unwrap_err();
        assert!(err.starts_with("1999-01-01 is 10186 days ago"), "{err}");
        assert!(check_ahead(today, today).is_ok());
        assert!(check_ahead(d(2031, 11, 22), today).is_err());
    }

    #[test]
    fn nonsense_is_refused_with_a_hint() {
        for bad in [
            "",
            "soon",
            "+2x",
            "+w",
            "2026-13-01",
            "fr",
            "+99999d",
            "31/12/2026",
        ] {
            let e = parse_due(bad, today()).unwrap_err();
            assert!(e.contains("YYYY-MM-DD"), "{bad}: {e}");
        }
        assert_eq!(
            parse_due("soon", today()).unwrap_err().split(';').next(),
            Some("'soon' is not a due date")
        );
    }
}
