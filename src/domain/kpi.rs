//! Quality objectives and KPIs: status of a value against its target.

mod range;

pub use range::ValidRange;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
pub enum Direction {
    #[strum(serialize = "higher")]
    HigherIsBetter,
    #[strum(serialize = "lower")]
    LowerIsBetter,
    /// Within a band: `target` is the lower edge, `target_high` the upper.
    #[strum(serialize = "band")]
    WithinBand,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
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
}

/// Which way the values themselves have been going, good or bad aside: the
/// arrow on a tile. (Whether that is good is the trend's word and colour.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    Rising,
    Flat,
    Falling,
    /// Fewer than two values.
    Unknown,
}

impl Movement {
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::Rising => "rising",
            Movement::Flat => "flat",
            Movement::Falling => "falling",
            Movement::Unknown => "unknown",
        }
    }

    /// Arrows, not triangles: ▲ is the "at risk" symbol.
    pub fn arrow(self) -> &'static str {
        match self {
            Movement::Rising => "↑",
            Movement::Flat => "→",
            Movement::Falling => "↓",
            Movement::Unknown => " ",
        }
    }
}

/// What the arrows mean, for the help.
pub const ARROW_LEGEND: &str =
    "↑ ↓ → the values rise, fall or hold; the word and its colour say whether that is good";

/// How many of the recent periods a trend looks at.
pub const TREND_WINDOW: usize = 6;

impl Target {
    /// Which way the last `TREND_WINDOW` values (oldest first) go: the slope
    /// of a least-squares line, flat when it moves less than 1 % of the
    /// target's size per period.
    pub fn movement(&self, values: &[f64]) -> Movement {
        let recent = &values[values.len().saturating_sub(TREND_WINDOW)..];
        if recent.len() < 2 {
            return Movement::Unknown;
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
            Movement::Flat
        } else if slope > 0.0 {
            Movement::Rising
        } else {
            Movement::Falling
        }
    }

    /// The movement judged against the KPI's direction: a falling complaint
    /// count is an improvement.
    pub fn trend(&self, values: &[f64]) -> Trend {
        let rising = match self.movement(values) {
            Movement::Unknown => return Trend::Unknown,
            Movement::Flat => return Trend::Steady,
            Movement::Rising => true,
            Movement::Falling => false,
        };
        let recent = &values[values.len().saturating_sub(TREND_WINDOW)..];
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

/// A reporting period: a calendar month, stored as `YYYY-MM`. Quarterly KPIs
/// are recorded against the quarter's last month, yearly ones against December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

/// A KPI value as a person types it, or why it is not one (the CLI and the
/// cockpit say the same).
pub fn read_value(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("'{}' is not a number", crate::domain::text::visible_line(s)))
}

impl Period {
    /// A period as a person types it, or why it is not one.
    pub fn read(s: &str) -> Result<Period, String> {
        Period::parse(s).ok_or_else(|| {
            let s = crate::domain::text::visible_line(s);
            format!("'{s}' is not a period; write it as YYYY-MM, e.g. 2026-10")
        })
    }

    /// `2026-10`, or `2026-Q3` for a quarter (its last month).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let (year, rest) = s.split_once('-')?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month = match rest.as_bytes() {
            [b'Q' | b'q', q @ b'1'..=b'4'] => u32::from(q - b'0') * 3,
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                u32::from(a - b'0') * 10 + u32::from(b - b'0')
            }
            _ => return None,
        };
        (1..=12).contains(&month).then_some(Period { year, month })
    }

    /// The period a date falls in.
    pub fn of(date: chrono::NaiveDate) -> Period {
        use chrono::Datelike;
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(i: i64) -> Period {
        Period {
            year: i.div_euclid(12) as i32,
            month: i.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn plus_months(self, months: i64) -> Period {
        Period::from_index(self.index() + months)
    }

    /// Months from `self` to `later`.
    pub fn months_until(self, later: Period) -> i64 {
        later.index() - self.index()
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// How often a KPI is reported.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    Yearly,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// Months between two reports.
    pub fn months(self) -> i64 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Yearly => 12,
        }
    }

    /// Whether a value may be recorded against `period`: a quarter's last
    /// month for quarterly KPIs, December for yearly ones.
    pub fn accepts(self, period: Period) -> bool {
        period.month as i64 % self.months() == 0
    }

    /// What `accepts` wants, said to the person typing the period.
    pub fn period_hint(self) -> &'static str {
        match self {
            Frequency::Monthly => "a month, e.g. 2026-10",
            Frequency::Quarterly => {
                "a quarter's last month or the quarter, e.g. 2026-09 or 2026-Q3"
            }
            Frequency::Yearly => "December of the year, e.g. 2026-12",
        }
    }

    /// The last complete period before `today`: the value people should have by now.
    pub fn expected_latest(self, today: chrono::NaiveDate) -> Period {
        let last_month = Period::of(today).plus_months(-1);
        let back = last_month.month as i64 % self.months();
        last_month.plus_months(-back)
    }

    /// Periods with no value between the first recorded one and the one
    /// expected by `today`, oldest first. `recorded` must be sorted.
    pub fn missing(self, recorded: &[Period], today: chrono::NaiveDate) -> Vec<Period> {
        let Some(first) = recorded.first() else {
            return Vec::new();
        };
        let expected = self.expected_latest(today);
        let mut out = Vec::new();
        let mut next = recorded.iter().peekable();
        let mut p = *first;
        while p <= expected {
            while next.peek().is_some_and(|r| **r < p) {
                next.next();
            }
            if next.peek() != Some(&&p) {
                out.push(p);
            }
            p = p.plus_months(self.months());
        }
        out
    }
}

/// "Target met in N of the last 12 periods".
pub const MET_WINDOW: usize = 12;

/// Everything the room reads off one KPI, judged from its history.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub latest: Option<(Period, f64)>,
    pub status: KpiStatus,
    pub trend: Trend,
    /// Which way the values go: the arrow.
    pub movement: Movement,
    /// (periods on target, periods with a value) in the last `MET_WINDOW`.
    pub met: (usize, usize),
    /// Gaps in the history and reports not yet in, oldest first.
    pub missing: Vec<Period>,
}

impl Assessment {
    /// `periods` and `values` run in step, oldest first.
    pub fn of(
        target: &Target,
        frequency: Frequency,
        periods: &[Period],
        values: &[f64],
        today: chrono::NaiveDate,
    ) -> Assessment {
        let latest = periods.last().copied().zip(values.last().copied());
        Assessment {
            latest,
            status: target.status(latest.map(|(_, v)| v)),
            trend: target.trend(values),
            movement: target.movement(values),
            met: target.met_in_last(values, MET_WINDOW),
            missing: frequency.missing(periods, today),
        }
    }

    /// The latest report is overdue: the expected period has no value yet.
    pub fn is_late(&self, frequency: Frequency, today: chrono::NaiveDate) -> bool {
        let expected = frequency.expected_latest(today);
        self.latest.is_some_and(|(p, _)| p < expected)
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
        // the arrow is the direction of the values, whatever it means
        assert_eq!(complaints.movement(&[3.0, 5.0, 7.0, 9.0]).arrow(), "↑");
        assert_eq!(complaints.movement(&[9.0, 8.0, 7.0, 6.0]).arrow(), "↓");
        assert_eq!(otd.movement(&[93.0, 92.0, 91.0, 90.0]).arrow(), "↓");
        assert_eq!(otd.movement(&[93.0, 93.2, 92.9, 93.1]), Movement::Flat);
        assert_eq!(otd.movement(&[93.0]), Movement::Unknown);
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

    #[test]
    fn periods_parse_months_and_quarters() {
        assert_eq!(
            Period::parse("2026-10"),
            Some(Period {
                year: 2026,
                month: 10
            })
        );
        assert_eq!(
            Period::parse(" 2026-Q3 "),
            Some(Period {
                year: 2026,
                month: 9
            })
        );
        assert_eq!(
            Period::parse("2026-q1").map(|p| p.to_string()),
            Some("2026-03".into())
        );
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-10",
            "2026/10",
            "2026-Q5",
            "",
            "2026-10-01",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let dec = Period {
            year: 2025,
            month: 12,
        };
        assert_eq!(dec.plus_months(1).to_string(), "2026-01");
        assert_eq!(dec.plus_months(-12).to_string(), "2024-12");
        assert_eq!(
            dec.months_until(Period {
                year: 2026,
                month: 3
            }),
            3
        );
    }

    #[test]
    fn frequencies_accept_their_own_periods() {
        let p = |s| Period::parse(s).unwrap();
        assert!(Frequency::Monthly.accepts(p("2026-02")));
        assert!(Frequency::Quarterly.accepts(p("2026-09")));
        assert!(!Frequency::Quarterly.accepts(p("2026-10")));
        assert!(Frequency::Yearly.accepts(p("2026-12")));
        assert!(!Frequency::Yearly.accepts(p("2026-06")));
    }

    #[test]
    fn expected_latest_is_the_last_complete_period() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(
            Frequency::Monthly.expected_latest(today).to_string(),
            "2026-10"
        );
        assert_eq!(
            Frequency::Quarterly.expected_latest(today).to_string(),
            "2026-09"
        );
        assert_eq!(
            Frequency::Yearly.expected_latest(today).to_string(),
            "2025-12"
        );
        let jan = chrono::NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(
            Frequency::Quarterly.expected_latest(jan).to_string(),
            "2026-12"
        );
    }

    #[test]
    fn missing_periods_are_gaps_and_late_reports() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let p = |s| Period::parse(s).unwrap();
        let recorded = [p("2026-06"), p("2026-07"), p("2026-09")];
        let missing: Vec<String> = Frequency::Monthly
            .missing(&recorded, today)
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(missing, ["2026-08", "2026-10"]);
        assert!(
            Frequency::Quarterly
                .missing(&[p("2026-03"), p("2026-06"), p("2026-09")], today)
                .is_empty()
        );
        assert!(Frequency::Monthly.missing(&[], today).is_empty());
    }

    #[test]
    fn band_without_warning_and_nan_are_off_target() {
        let band = Target {
            direction: Direction::WithinBand,
            target: 20.0,
            target_high: Some(30.0),
            warning: None,
        };
        assert_eq!(band.status(Some(30.1)), KpiStatus::OffTarget);
        assert_eq!(band.status(Some(19.9)), KpiStatus::OffTarget);
        let otd = t(Direction::HigherIsBetter, 95.0, Some(90.0));
        assert_eq!(otd.status(Some(f64::NAN)), KpiStatus::OffTarget);
    }

    #[test]
    fn trend_of_a_small_target_uses_a_floor_of_one() {
        // a target of 0 must not make every wobble a trend
        let defects = t(Direction::LowerIsBetter, 0.0, None);
        assert_eq!(defects.trend(&[0.0, 0.001, 0.0, 0.002]), Trend::Steady);
        assert_eq!(defects.trend(&[0.0, 1.0, 2.0, 3.0]), Trend::Worsening);
    }

    #[test]
    fn an_assessment_reads_latest_status_trend_and_gaps() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let otd = t(Direction::HigherIsBetter, 95.0, Some(90.0));
        let periods: Vec<Period> = ["2026-06", "2026-07", "2026-08", "2026-09"]
            .iter()
            .map(|s| Period::parse(s).unwrap())
            .collect();
        let a = Assessment::of(
            &otd,
            Frequency::Monthly,
            &periods,
            &[97.0, 96.0, 94.0, 92.0],
            today,
        );
        assert_eq!(a.latest, Some((periods[3], 92.0)));
        assert_eq!(a.status, KpiStatus::AtRisk);
        assert_eq!(a.trend, Trend::Worsening);
        assert_eq!(a.met, (2, 4));
        assert_eq!(a.missing, [Period::parse("2026-10").unwrap()]);
        assert!(a.is_late(Frequency::Monthly, today));
        let empty = Assessment::of(&otd, Frequency::Monthly, &[], &[], today);
        assert_eq!(
            (empty.status, empty.trend, empty.met),
            (KpiStatus::NoData, Trend::Unknown, (0, 0))
        );
        assert!(!empty.is_late(Frequency::Monthly, today));
    }
}
