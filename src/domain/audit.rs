//! The audit programme and its findings (ISO 9001:2015 clause 9.2): what
//! was planned, held and reported, how each finding is graded, and when one
//! may be closed.

use chrono::NaiveDate;

use crate::domain::action::ActionStatus;
use crate::domain::nc::Corrective;

/// Who audits whom. Stored as its word.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum AuditKind {
    /// The organisation's own auditors.
    Internal,
    /// A certification body or a customer auditing the organisation.
    External,
    /// The organisation auditing a supplier.
    Supplier,
}
words!(AuditKind, "kind of audit");

/// How serious a finding is, as certification bodies grade them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Grade {
    Major,
    Minor,
    Observation,
    Opportunity,
}
words!(Grade);

impl Grade {
    /// A major or minor finding is a nonconformity: it needs corrective action.
    pub fn needs_correction(self) -> bool {
        matches!(self, Grade::Major | Grade::Minor)
    }
}

/// References read `AU-2026-03` and `F-2026-012`.
pub fn audit_ref(year: i32, seq: u32) -> String {
    format!("AU-{year}-{seq:02}")
}

pub fn finding_ref(year: i32, seq: u32) -> String {
    format!("F-{year}-{seq:03}")
}

/// Where an audit stands in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Planned,
    Held,
    Reported,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Planned => "planned",
            Stage::Held => "held, report awaited",
            Stage::Reported => "report received",
        }
    }
}

/// One audit of the programme.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub id: i64,
    pub reference: String,
    pub kind: AuditKind,
    pub scope: String,
    pub auditor: String,
    pub planned_on: NaiveDate,
    pub held_on: Option<NaiveDate>,
    pub reported_on: Option<NaiveDate>,
}

impl Audit {
    pub fn stage(&self) -> Stage {
        match (self.held_on, self.reported_on) {
            (_, Some(_)) => Stage::Reported,
            (Some(_), None) => Stage::Held,
            (None, None) => Stage::Planned,
        }
    }

    /// Planned for a day that has passed without it being held.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.held_on.is_none() && self.planned_on < today
    }
}

/// One finding of an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub id: i64,
    pub reference: String,
    pub audit: String,
    pub audit_kind: AuditKind,
    pub grade: Grade,
    pub title: String,
    pub clause: String,
    pub raised_on: NaiveDate,
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// The nonconformity it raised, by reference.
    pub nc: Option<String>,
    pub closed: bool,
    pub closed_on: Option<NaiveDate>,
    pub evidence: String,
    pub actions: Vec<Corrective>,
}

impl Finding {
    /// Days open: until it closed, or until today.
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (self.closed_on.unwrap_or(today) - self.raised_on)
            .num_days()
            .max(0)
    }

    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.closed && self.due_on.is_some_and(|d| d < today)
    }

    pub fn gaps(&self, evidence: &str) -> Vec<String> {
        closure_gaps(self.grade, &self.actions, self.nc.is_some(), evidence)
    }

    /// What closing it needs besides the evidence, which is given when closing.
    pub fn correction_gaps(&self) -> Vec<String> {
        correction_gaps(self.grade, &self.actions, self.nc.is_some())
    }
}

/// Why a finding cannot be closed with this evidence, every reason named;
/// empty when it may. Any finding needs its closure evidence; a major or
/// minor one also needs corrective action (an action or a nonconformity
/// raised for it), and none of its actions may still be open.
pub fn closure_gaps(
    grade: Grade,
    actions: &[Corrective],
    has_nc: bool,
    evidence: &str,
) -> Vec<String> {
    let mut gaps = correction_gaps(grade, actions, has_nc);
    if evidence.trim().is_empty() {
        gaps.push("say what shows it is dealt with (the closure evidence)".into());
    }
    gaps
}

fn correction_gaps(grade: Grade, actions: &[Corrective], has_nc: bool) -> Vec<String> {
    let mut gaps = Vec::new();
    let live: Vec<&Corrective> = actions
        .iter()
        .filter(|a| a.status != ActionStatus::Cancelled)
        .collect();
    if grade.needs_correction() && live.is_empty() && !has_nc {
        gaps.push(format!(
            "a {} finding needs corrective action: link an action or a nonconformity",
            grade.as_str()
        ));
    }
    for a in live {
        match a.status {
            ActionStatus::Open | ActionStatus::InProgress => {
                gaps.push(format!("{} is still open", a.reference))
            }
            ActionStatus::NotEffective => {
                gaps.push(format!("{} was judged not effective", a.reference))
            }
            _ => {}
        }
    }
    gaps
}

/// What item c)6 says: the programme's progress this year, and the findings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub year: i32,
    pub planned: usize,
    pub held: usize,
    pub reported: usize,
    pub late: usize,
    /// Open findings by grade, in `Grade::VARIANTS` order.
    pub open_by_grade: Vec<(Grade, usize)>,
    pub overdue: usize,
    pub oldest_open_days: Option<i64>,
    pub raised_since: usize,
    pub closed_since: usize,
}

impl Summary {
    pub fn of(
        audits: &[Audit],
        findings: &[Finding],
        since: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Summary {
        use chrono::Datelike;
        let after = |d: NaiveDate| since.is_none_or(|s| d > s);
        let year = today.year();
        let this_year: Vec<&Audit> = audits
            .iter()
            .filter(|a| a.planned_on.year() == year)
            .collect();
        let open: Vec<&Finding> = findings.iter().filter(|f| !f.closed).collect();
        let open_by_grade = <Grade as strum::VariantArray>::VARIANTS
            .iter()
            .map(|&g| (g, open.iter().filter(|f| f.grade == g).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        Summary {
            year,
            planned: this_year.len(),
            held: this_year.iter().filter(|a| a.held_on.is_some()).count(),
            reported: this_year.iter().filter(|a| a.reported_on.is_some()).count(),
            late: audits.iter().filter(|a| a.overdue(today)).count(),
            open_by_grade,
            overdue: open.iter().filter(|f| f.overdue(today)).count(),
            oldest_open_days: open.iter().map(|f| f.age_days(today)).max(),
            raised_since: findings.iter().filter(|f| after(f.raised_on)).count(),
            closed_since: findings
                .iter()
                .filter(|f| f.closed_on.is_some_and(after))
                .count(),
        }
    }

    /// One line for the cockpit and the minutes.
    pub fn line(&self) -> String {
        let mut parts = vec![format!(
            "programme {}: {} of {} audits held, {} reported",
            self.year, self.held, self.planned, self.reported
        )];
        if self.late > 0 {
            parts.push(format!("{} past their planned date", self.late));
        }
        let open: usize = self.open_by_grade.iter().map(|(_, n)| n).sum();
        if open == 0 {
            parts.push("no finding open".into());
        } else {
            let grades: Vec<String> = self
                .open_by_grade
                .iter()
                .map(|(g, n)| format!("{n} {}", g.as_str()))
                .collect();
            parts.push(format!(
                "{open} finding{} open ({})",
                if open == 1 { "" } else { "s" },
                grades.join(", ")
            ));
        }
        if self.overdue > 0 {
            parts.push(format!("{} overdue", self.overdue));
        }
        if let Some(days) = self.oldest_open_days {
            parts.push(format!("oldest {days} days"));
        }
        parts.push(format!(
            "{} raised, {} closed since the last review",
            self.raised_since, self.closed_since
        ));
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests;
