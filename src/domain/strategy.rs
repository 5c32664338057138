//! Strategy down to the measures: strategic directions, the quality
//! objectives under them (clause 6.2), and each objective's status rolled up
//! from the KPIs that measure it.

use chrono::NaiveDate;

use crate::domain::action::ActionStatus;
use crate::domain::kpi::KpiStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direction {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objective {
    pub id: i64,
    pub reference: String,
    pub direction_id: Option<i64>,
    /// What will be done.
    pub title: String,
    pub resources: String,
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// How results are evaluated.
    pub evaluation: String,
    /// The KPIs that measure it, by id.
    pub kpis: Vec<i64>,
    /// The risks and opportunities that threaten or serve it, by reference.
    pub risks: Vec<String>,
    /// The actions that advance it: reference and status.
    pub actions: Vec<(String, ActionStatus)>,
}

impl Objective {
    pub fn open_actions(&self) -> usize {
        self.actions.iter().filter(|(_, s)| s.is_open()).count()
    }
}

/// An objective's status, from its KPIs: the worst of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ObjectiveStatus {
    OnTrack,
    AtRisk,
    OffTrack,
    /// No KPI measures it, or none has a value yet.
    NotMeasured,
}

impl ObjectiveStatus {
    pub fn word(self) -> &'static str {
        match self {
            ObjectiveStatus::OnTrack => "on track",
            ObjectiveStatus::AtRisk => "at risk",
            ObjectiveStatus::OffTrack => "off track",
            ObjectiveStatus::NotMeasured => "not measured",
        }
    }
}

/// The worst status of the KPIs measuring an objective; KPIs with no value
/// yet do not count, and an objective none of whose KPIs has a value is not
/// measured.
pub fn rollup(statuses: &[KpiStatus]) -> ObjectiveStatus {
    statuses
        .iter()
        .filter_map(|s| match s {
            KpiStatus::OnTarget => Some(ObjectiveStatus::OnTrack),
            KpiStatus::AtRisk => Some(ObjectiveStatus::AtRisk),
            KpiStatus::OffTarget => Some(ObjectiveStatus::OffTrack),
            KpiStatus::NoData => None,
        })
        .max()
        .unwrap_or(ObjectiveStatus::NotMeasured)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_objective_is_as_good_as_its_worst_measured_kpi() {
        use KpiStatus::*;
        assert_eq!(rollup(&[]), ObjectiveStatus::NotMeasured);
        assert_eq!(rollup(&[NoData, NoData]), ObjectiveStatus::NotMeasured);
        assert_eq!(rollup(&[OnTarget, NoData]), ObjectiveStatus::OnTrack);
        assert_eq!(rollup(&[OnTarget, AtRisk]), ObjectiveStatus::AtRisk);
        assert_eq!(
            rollup(&[AtRisk, OffTarget, OnTarget]),
            ObjectiveStatus::OffTrack
        );
    }
}
