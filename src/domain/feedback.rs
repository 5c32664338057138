//! Customer feedback (ISO 9001:2015 clauses 9.1.2 and 8.2.1): complaints,
//! compliments and survey comments, when one may be closed, and what item
//! c)1 says about them.

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::nc::Severity;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Kind {
    Complaint,
    Compliment,
    /// A comment from a satisfaction survey.
    Survey,
}
words!(Kind, "kind of feedback");

/// How it reached the organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Channel {
    Email,
    Phone,
    Meeting,
    Portal,
    Survey,
    Other,
}
words!(Channel);

/// References read `FB-2026-014`.
pub fn feedback_ref(year: i32, seq: u32) -> String {
    format!("FB-{year}-{seq:03}")
}

/// One piece of feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub id: i64,
    pub reference: String,
    pub kind: Kind,
    pub customer: String,
    pub channel: Channel,
    pub received_on: NaiveDate,
    pub category: String,
    pub severity: Option<Severity>,
    pub summary: String,
    pub owner: Option<String>,
    pub response: String,
    pub responded_on: Option<NaiveDate>,
    /// The nonconformity it raised, by reference.
    pub nc: Option<String>,
    pub actions: Vec<crate::domain::nc::Corrective>,
    pub closed: bool,
    pub closed_on: Option<NaiveDate>,
}

impl Feedback {
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (self.closed_on.unwrap_or(today) - self.received_on)
            .num_days()
            .max(0)
    }

    pub fn gaps(&self) -> Vec<String> {
        closure_gaps(
            self.kind,
            self.severity,
            !self.response.trim().is_empty(),
            self.nc.is_some(),
        )
    }
}

/// Why feedback cannot be closed yet, every reason named; empty when it
/// may. A complaint is closed once the customer has had an answer, and a
/// major or critical one only once the nonconformity it raised is linked.
pub fn closure_gaps(
    kind: Kind,
    severity: Option<Severity>,
    responded: bool,
    has_nc: bool,
) -> Vec<String> {
    let mut gaps = Vec::new();
    if kind != Kind::Complaint {
        return gaps;
    }
    if !responded {
        gaps.push("the customer has had no response yet".to_string());
    }
    if matches!(severity, Some(Severity::Major | Severity::Critical)) && !has_nc {
        gaps.push(format!(
            "a {} complaint needs the nonconformity it raised linked",
            severity.map_or("", Severity::as_str)
        ));
    }
    gaps
}

/// Complaints by theme and month: the themes most complained about first,
/// and a count for each of the last `months` months, oldest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThemeGrid {
    /// The first day of each month shown.
    pub months: Vec<NaiveDate>,
    pub themes: Vec<(String, Vec<usize>)>,
}

impl ThemeGrid {
    pub fn of(feedback: &[Feedback], today: NaiveDate, months: u32) -> ThemeGrid {
        let this_month = today.with_day(1).unwrap_or(today);
        let months: Vec<NaiveDate> = (0..months)
            .rev()
            .filter_map(|back| this_month.checked_sub_months(Months::new(back)))
            .collect();
        let Some(&first) = months.first() else {
            return ThemeGrid::default();
        };
        let mut themes: Vec<(String, Vec<usize>)> = Vec::new();
        for f in feedback
            .iter()
            .filter(|f| f.kind == Kind::Complaint && f.received_on >= first)
        {
            let theme = match f.category.trim() {
                "" => "(no theme)".to_string(),
                t => t.to_lowercase(),
            };
            let at = months
                .iter()
                .rposition(|m| f.received_on >= *m)
                .unwrap_or(0);
            match themes.iter_mut().find(|(t, _)| *t == theme) {
                Some((_, counts)) => counts[at] += 1,
                None => {
                    let mut counts = vec![0; months.len()];
                    counts[at] = 1;
                    themes.push((theme, counts));
                }
            }
        }
        themes.sort_by(|a, b| {
            let total = |c: &[usize]| c.iter().sum::<usize>();
            total(&b.1).cmp(&total(&a.1)).then(a.0.cmp(&b.0))
        });
        ThemeGrid { months, themes }
    }
}

/// What item c)1 says about the feedback.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub complaints_since: usize,
    pub compliments_since: usize,
    pub open_complaints: usize,
    pub unanswered: usize,
    pub oldest_open_days: Option<i64>,
    pub with_nc: usize,
}

impl Summary {
    pub fn of(feedback: &[Feedback], since: Option<NaiveDate>, today: NaiveDate) -> Summary {
        let after = |d: NaiveDate| since.is_none_or(|s| d > s);
        let complaints: Vec<&Feedback> = feedback
            .iter()
            .filter(|f| f.kind == Kind::Complaint)
            .collect();
        let open: Vec<&&Feedback> = complaints.iter().filter(|f| !f.closed).collect();
        Summary {
            complaints_since: complaints.iter().filter(|f| after(f.received_on)).count(),
            compliments_since: feedback
                .iter()
                .filter(|f| f.kind == Kind::Compliment && after(f.received_on))
                .count(),
            open_complaints: open.len(),
            unanswered: open.iter().filter(|f| f.response.trim().is_empty()).count(),
            oldest_open_days: open.iter().map(|f| f.age_days(today)).max(),
            with_nc: complaints
                .iter()
                .filter(|f| after(f.received_on) && f.nc.is_some())
                .count(),
        }
    }

    pub fn line(&self) -> String {
        let n = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        let mut parts = vec![format!(
            "{} and {} since the last review",
            n(self.complaints_since, "complaint"),
            n(self.compliments_since, "compliment")
        )];
        parts.push(format!("{} open", n(self.open_complaints, "complaint")));
        if self.unanswered > 0 {
            parts.push(format!("{} not answered yet", self.unanswered));
        }
        if let Some(days) = self.oldest_open_days {
            parts.push(format!("oldest {days} days"));
        }
        if self.with_nc > 0 {
            parts.push(format!("{} raised a nonconformity", self.with_nc));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests;
