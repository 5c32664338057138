//! Risks and opportunities: score = likelihood × impact on a 5×5 scale, banded.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Low,
    Medium,
    High,
    Critical,
}

impl Band {
    pub fn word(self) -> &'static str {
        match self {
            Band::Low => "LOW",
            Band::Medium => "MEDIUM",
            Band::High => "HIGH",
            Band::Critical => "CRITICAL",
        }
    }
}

/// Upper score of each band below critical; the classic 5×5 defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandLimits {
    pub low_max: u8,
    pub medium_max: u8,
    pub high_max: u8,
}

impl Default for BandLimits {
    fn default() -> Self {
        BandLimits {
            low_max: 4,
            medium_max: 9,
            high_max: 15,
        }
    }
}

impl BandLimits {
    pub fn band(&self, score: u8) -> Band {
        if score <= self.low_max {
            Band::Low
        } else if score <= self.medium_max {
            Band::Medium
        } else if score <= self.high_max {
            Band::High
        } else {
            Band::Critical
        }
    }
}

/// A likelihood × impact rating, each 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    pub likelihood: u8,
    pub impact: u8,
}

impl Rating {
    pub fn new(likelihood: u8, impact: u8) -> Result<Self, String> {
        for (name, v) in [("likelihood", likelihood), ("impact", impact)] {
            if !(1..=5).contains(&v) {
                return Err(format!("{name} must be 1 to 5, not {v}"));
            }
        }
        Ok(Rating { likelihood, impact })
    }

    pub fn score(self) -> u8 {
        self.likelihood * self.impact
    }
}

/// Counts of ratings in each cell of the 5×5 map: `cells[likelihood-1][impact-1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeatMap {
    pub cells: [[u32; 5]; 5],
}

impl HeatMap {
    pub fn from_ratings(ratings: impl IntoIterator<Item = Rating>) -> Self {
        let mut map = HeatMap::default();
        for r in ratings {
            if (1..=5).contains(&r.likelihood) && (1..=5).contains(&r.impact) {
                map.cells[usize::from(r.likelihood - 1)][usize::from(r.impact - 1)] += 1;
            }
        }
        map
    }

    pub fn count(&self, likelihood: u8, impact: u8) -> u32 {
        self.cells
            .get(usize::from(likelihood.wrapping_sub(1)))
            .and_then(|row| row.get(usize::from(impact.wrapping_sub(1))))
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_likelihood_times_impact() {
        assert_eq!(Rating::new(4, 5).unwrap().score(), 20);
        assert_eq!(Rating::new(1, 1).unwrap().score(), 1);
    }

    #[test]
    fn ratings_outside_one_to_five_are_refused() {
        assert!(Rating::new(0, 3).is_err());
        assert!(Rating::new(3, 6).is_err());
    }

    #[test]
    fn heat_map_counts_each_cell() {
        let r = |l, i| Rating::new(l, i).unwrap();
        let map = HeatMap::from_ratings([r(4, 5), r(4, 5), r(1, 1)]);
        assert_eq!(map.count(4, 5), 2);
        assert_eq!(map.count(1, 1), 1);
        assert_eq!(map.count(5, 5), 0);
        assert_eq!(map.count(0, 9), 0);
    }

    #[test]
    fn default_band_edges() {
        let b = BandLimits::default();
        assert_eq!(b.band(4), Band::Low);
        assert_eq!(b.band(5), Band::Medium);
        assert_eq!(b.band(9), Band::Medium);
        assert_eq!(b.band(10), Band::High);
        assert_eq!(b.band(15), Band::High);
        assert_eq!(b.band(16), Band::Critical);
        assert_eq!(b.band(25), Band::Critical);
    }
}
