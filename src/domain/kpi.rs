//! Quality objectives and KPIs: status of a value against its target.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    /// Within a band: `target` is the lower edge, `target_high` the upper.
    WithinBand,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher",
            Direction::LowerIsBetter => "lower",
            Direction::WithinBand => "band",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "higher" => Some(Direction::HigherIsBetter),
            "lower" => Some(Direction::LowerIsBetter),
            "band" => Some(Direction::WithinBand),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiStatus {
    OnTarget,
    AtRisk,
    OffTarget,
    NoData,
}

impl KpiStatus {
    /// A word, so status reads without colour.
    pub fn word(self) -> &'static str {
        match self {
            KpiStatus::OnTarget => "ON TARGET",
            KpiStatus::AtRisk => "AT RISK",
            KpiStatus::OffTarget => "OFF TARGET",
            KpiStatus::NoData => "NO DATA",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            KpiStatus::OnTarget => "●",
            KpiStatus::AtRisk => "▲",
            KpiStatus::OffTarget => "✖",
            KpiStatus::NoData => "○",
        }
    }
}

/// A KPI's target: where it should be and where "at risk" turns into "off target".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub direction: Direction,
    pub target: f64,
    pub target_high: Option<f64>,
    /// The far edge of the "at risk" zone; without it, anything missing the target is off target.
    pub warning: Option<f64>,
}

impl Target {
    pub fn status(&self, latest: Option<f64>) -> KpiStatus {
        let Some(v) = latest else {
            return KpiStatus::NoData;
        };
        match self.direction {
            Direction::HigherIsBetter => {
                if v >= self.target {
                    KpiStatus::OnTarget
                } else if self.warning.is_some_and(|w| v >= w) {
                    KpiStatus::AtRisk
                } else {
                    KpiStatus::OffTarget
                }
            }
            Direction::LowerIsBetter => {
                if v <= self.target {
                    KpiStatus::OnTarget
                } else if self.warning.is_some_and(|w| v <= w) {
                    KpiStatus::AtRisk
                } else {
                    KpiStatus::OffTarget
                }
            }
            Direction::WithinBand => {
                let high = self.target_high.unwrap_or(self.target);
                if v >= self.target && v <= high {
                    KpiStatus::OnTarget
                } else {
                    // warning is the margin allowed outside the band
                    let margin = self.warning.unwrap_or(0.0).abs();
                    if v >= self.target - margin && v <= high + margin {
                        KpiStatus::AtRisk
                    } else {
                        KpiStatus::OffTarget
                    }
                }
            }
        }
    }

    /// The target as people say it: `≥ 95`, `≤ 5`, `2–4`.
    pub fn describe(&self, unit: &str) -> String {
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        match self.direction {
            Direction::HigherIsBetter => format!("≥ {}{unit}", fmt_num(self.target)),
            Direction::LowerIsBetter => format!("≤ {}{unit}", fmt_num(self.target)),
            Direction::WithinBand => format!(
                "{}–{}{unit}",
                fmt_num(self.target),
                fmt_num(self.target_high.unwrap_or(self.target))
            ),
        }
    }
}

/// Numbers as a person writes them: no trailing `.0`, at most two decimals.
pub fn fmt_num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(direction: Direction, target: f64, warning: Option<f64>) -> Target {
        Target {
            direction,
            target,
            target_high: None,
            warning,
        }
    }

    #[test]
    fn higher_is_better_edges() {
        let otd = t(Direction::HigherIsBetter, 95.0, Some(90.0));
        assert_eq!(otd.status(Some(95.0)), KpiStatus::OnTarget);
        assert_eq!(otd.status(Some(94.9)), KpiStatus::AtRisk);
        assert_eq!(otd.status(Some(90.0)), KpiStatus::AtRisk);
        assert_eq!(otd.status(Some(89.9)), KpiStatus::OffTarget);
        assert_eq!(otd.status(None), KpiStatus::NoData);
    }

    #[test]
    fn lower_is_better_edges() {
        let complaints = t(Direction::LowerIsBetter, 5.0, Some(8.0));
        assert_eq!(complaints.status(Some(5.0)), KpiStatus::OnTarget);
        assert_eq!(complaints.status(Some(8.0)), KpiStatus::AtRisk);
        assert_eq!(complaints.status(Some(8.5)), KpiStatus::OffTarget);
        let no_warning = t(Direction::LowerIsBetter, 5.0, None);
        assert_eq!(no_warning.status(Some(5.1)), KpiStatus::OffTarget);
    }

    #[test]
    fn band_edges() {
        let stock = Target {
            direction: Direction::WithinBand,
            target: 20.0,
            target_high: Some(30.0),
            warning: Some(5.0),
        };
        assert_eq!(stock.status(Some(20.0)), KpiStatus::OnTarget);
        assert_eq!(stock.status(Some(30.0)), KpiStatus::OnTarget);
        assert_eq!(stock.status(Some(35.0)), KpiStatus::AtRisk);
        assert_eq!(stock.status(Some(14.9)), KpiStatus::OffTarget);
    }

    #[test]
    fn targets_and_numbers_read_naturally() {
        assert_eq!(
            t(Direction::HigherIsBetter, 95.0, None).describe("%"),
            "≥ 95 %"
        );
        assert_eq!(t(Direction::LowerIsBetter, 2.5, None).describe(""), "≤ 2.5");
        assert_eq!(fmt_num(94.25), "94.25");
        assert_eq!(fmt_num(-0.001), "0");
    }
}
