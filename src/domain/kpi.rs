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

/// Which way a KPI has been moving over its recent periods, judged against
/// its direction: a falling complaint count is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Improving,
    Steady,
    Worsening,
    /// Fewer than two values.
    Unknown,
}

impl Trend {
    pub fn word(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::Steady => "steady",
            Trend::Worsening => "worsening",
            Trend::Unknown => "no trend",
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Improving => "▲",
            Trend::Steady => "─",
            Trend::Worsening => "▼",
            Trend::Unknown => " ",
        }
    }
}

/// How many of the recent periods a trend looks at.
pub const TREND_WINDOW: usize = 6;

impl Target {
    /// The trend over the last `TREND_WINDOW` values (oldest first): the slope of a
    /// least-squares line, called steady when it moves less than 1 % of the
    /// target's size per period.
    pub fn trend(&self, values: &[f64]) -> Trend {
        let recent = &values[values.len().saturating_sub(TREND_WINDOW)..];
        if recent.len() < 2 {
            return Trend::Unknown;
        }
        let n = recent.len() as f64;
        let mean_x = (n - 1.0) / 2.0;
        let mean_y = recent.iter().sum::<f64>() / n;
        let (mut num, mut den) = (0.0, 0.0);
        for (i, y) in recent.iter().enumerate() {
            let dx = i as f64 - mean_x;
            num += dx * (y - mean_y);
            den += dx * dx;
        }
        let slope = num / den;
        let scale = self.target.abs().max(1.0);
        if slope.abs() < scale * 0.01 {
            return Trend::Steady;
        }
        let rising = slope > 0.0;
        match self.direction {
            Direction::HigherIsBetter => {
                if rising {
                    Trend::Improving
                } else {
                    Trend::Worsening
                }
            }
            Direction::LowerIsBetter => {
                if rising {
                    Trend::Worsening
                } else {
                    Trend::Improving
                }
            }
            Direction::WithinBand => {
                // moving towards the middle of the band is an improvement
                let middle = (self.target + self.target_high.unwrap_or(self.target)) / 2.0;
                let last = recent[recent.len() - 1];
                if (last < middle) == rising {
                    Trend::Improving
                } else {
                    Trend::Worsening
                }
            }
        }
    }

    /// "Target met in N of the last `window` periods": (met, periods with a value).
    pub fn met_in_last(&self, values: &[f64], window: usize) -> (usize, usize) {
        let recent = &values[values.len().saturating_sub(window)..];
        let met = recent
            .iter()
            .filter(|v| self.status(Some(**v)) == KpiStatus::OnTarget)
            .count();
        (met, recent.len())
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
    fn trend_is_judged_by_direction() {
        let otd = t(Direction::HigherIsBetter, 95.0, Some(90.0));
        assert_eq!(otd.trend(&[90.0, 91.0, 92.0, 93.0]), Trend::Improving);
        assert_eq!(otd.trend(&[93.0, 92.0, 91.0, 90.0]), Trend::Worsening);
        assert_eq!(otd.trend(&[93.0, 93.2, 92.9, 93.1]), Trend::Steady);
        assert_eq!(otd.trend(&[93.0]), Trend::Unknown);
        let complaints = t(Direction::LowerIsBetter, 5.0, Some(8.0));
        assert_eq!(complaints.trend(&[9.0, 8.0, 7.0, 6.0]), Trend::Improving);
        assert_eq!(complaints.trend(&[3.0, 5.0, 7.0, 9.0]), Trend::Worsening);
    }

    #[test]
    fn trend_looks_only_at_recent_periods() {
        let otd = t(Direction::HigherIsBetter, 95.0, None);
        // an old fall does not hide a recent rise
        let values = [99.0, 80.0, 90.0, 91.0, 92.0, 93.0, 94.0, 95.0];
        assert_eq!(otd.trend(&values), Trend::Improving);
    }

    #[test]
    fn band_trend_improves_towards_the_middle() {
        let stock = Target {
            direction: Direction::WithinBand,
            target: 20.0,
            target_high: Some(30.0),
            warning: None,
        };
        assert_eq!(stock.trend(&[40.0, 38.0, 36.0]), Trend::Improving);
        assert_eq!(stock.trend(&[10.0, 8.0, 6.0]), Trend::Worsening);
    }

    #[test]
    fn met_in_last_counts_on_target_periods() {
        let otd = t(Direction::HigherIsBetter, 95.0, Some(90.0));
        assert_eq!(otd.met_in_last(&[96.0, 94.0, 95.0, 97.0], 3), (2, 3));
        assert_eq!(otd.met_in_last(&[], 12), (0, 0));
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
