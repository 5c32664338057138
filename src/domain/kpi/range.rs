//! The values a KPI can take at all: a percentage lies in 0–100, a count is
//! never negative, a rating on a scale of 5 is at most 5. A figure outside
//! is a typing error, refused before anyone reads it as a trend.

use super::fmt_num;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ValidRange {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl ValidRange {
    /// What the unit implies: `%` (and "% of sales") 0–100, "/5" 0–5, and
    /// any other unit (counts, days, ppm, hours) at least 0. A KPI that can
    /// go below zero (a variance, a temperature) is given its own range.
    pub fn for_unit(unit: &str) -> ValidRange {
        let unit = unit.trim();
        if unit.starts_with('%') {
            return ValidRange {
                min: Some(0.0),
                max: Some(100.0),
            };
        }
        if let Some(top) = unit
            .strip_prefix('/')
            .and_then(|n| n.trim().parse::<f64>().ok())
            .filter(|n| n.is_finite() && *n > 0.0)
        {
            return ValidRange {
                min: Some(0.0),
                max: Some(top),
            };
        }
        ValidRange {
            min: Some(0.0),
            max: None,
        }
    }

    /// A range as typed: both ends numbers or absent, the lower not above the upper.
    pub fn new(min: Option<f64>, max: Option<f64>) -> Result<ValidRange, String> {
        if min.is_some_and(|v| !v.is_finite()) || max.is_some_and(|v| !v.is_finite()) {
            return Err("the ends of a valid range must be numbers".into());
        }
        if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            return Err(format!(
                "the valid range's lower end {} is above its upper end {}",
                fmt_num(lo),
                fmt_num(hi)
            ));
        }
        Ok(ValidRange { min, max })
    }

    pub fn contains(&self, value: f64) -> bool {
        self.min.is_none_or(|lo| value >= lo) && self.max.is_none_or(|hi| value <= hi)
    }

    /// "0–100 %", "at least 0", "at most 5", "any value".
    pub fn describe(&self, unit: &str) -> String {
        // a scale's unit ("/5") is the range itself
        let unit = if unit.is_empty() || unit.starts_with('/') {
            String::new()
        } else {
            format!(" {unit}")
        };
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => format!("{}–{}{unit}", fmt_num(lo), fmt_num(hi)),
            (Some(lo), None) => format!("at least {}{unit}", fmt_num(lo)),
            (None, Some(hi)) => format!("at most {}{unit}", fmt_num(hi)),
            (None, None) => "any value".into(),
        }
    }

    /// Why nobody would believe `value`, naming the range, if they wouldn't.
    pub fn check(&self, value: f64, unit: &str) -> Result<(), String> {
        if self.contains(value) {
            Ok(())
        } else {
            Err(format!(
                "{} is outside the KPI's valid range ({})",
                fmt_num(value),
                self.describe(unit)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_sets_what_a_value_can_be() {
        let pct = ValidRange::for_unit("%");
        assert!(pct.contains(0.0) && pct.contains(100.0));
        assert!(!pct.contains(250.0) && !pct.contains(-0.1));
        assert_eq!(ValidRange::for_unit("% of sales"), pct);
        let rating = ValidRange::for_unit("/5");
        assert!(rating.contains(4.1) && !rating.contains(9.0));
        let count = ValidRange::for_unit("per month");
        assert!(count.contains(0.0) && count.contains(1e9) && !count.contains(-5.0));
        assert_eq!(
            ValidRange::for_unit("/0"),
            count,
            "a scale of nothing is no scale"
        );
    }

    #[test]
    fn a_refusal_names_the_range() {
        let err = ValidRange::for_unit("per month")
            .check(-5.0, "per month")
            .unwrap_err();
        assert_eq!(
            err,
            "-5 is outside the KPI's valid range (at least 0 per month)"
        );
        let err = ValidRange::for_unit("%").check(250.0, "%").unwrap_err();
        assert_eq!(err, "250 is outside the KPI's valid range (0–100 %)");
        let err = ValidRange::for_unit("/5").check(9.0, "/5").unwrap_err();
        assert_eq!(err, "9 is outside the KPI's valid range (0–5)");
        assert_eq!(ValidRange::default().describe("°C"), "any value");
        assert_eq!(ValidRange::default().check(-40.0, "°C"), Ok(()));
    }

    #[test]
    fn a_range_typed_upside_down_or_not_a_number_is_refused() {
        assert!(ValidRange::new(Some(5.0), Some(1.0)).is_err());
        assert!(ValidRange::new(Some(f64::NAN), None).is_err());
        assert_eq!(
            ValidRange::new(None, Some(10.0)),
            Ok(ValidRange {
                min: None,
                max: Some(10.0)
            })
        );
    }
}
