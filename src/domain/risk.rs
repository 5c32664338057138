//! Risks and opportunities: score = likelihood × impact on a 5×5 scale, banded;
//! the register's filters, the re-rating rules and what a decision on a risk means.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Low,
    Medium,
    High,
    Critical,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Low, Band::Medium, Band::High, Band::Critical];

    pub fn parse(s: &str) -> Option<Band> {
        Band::ALL
            .into_iter()
            .find(|b| b.word().eq_ignore_ascii_case(s.trim()))
    }

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
    /// Limits must rise strictly and leave room for every band on a 1–25 scale.
    pub fn new(low_max: u8, medium_max: u8, high_max: u8) -> Result<Self, String> {
        if !(1 <= low_max && low_max < medium_max && medium_max < high_max && high_max < 25) {
            return Err(format!(
                "band limits must rise: 1 ≤ low ({low_max}) < medium ({medium_max}) < high ({high_max}) < 25"
            ));
        }
        Ok(BandLimits {
            low_max,
            medium_max,
            high_max,
        })
    }

    /// "low ≤4 · medium ≤9 · high ≤15 · critical above", for legends.
    pub fn describe(&self) -> String {
        format!(
            "low ≤{} · medium ≤{} · high ≤{} · critical above",
            self.low_max, self.medium_max, self.high_max
        )
    }

    /// `L3×I4=12 HIGH`: the rating, its score and its band in words.
    pub fn label(&self, r: Rating) -> String {
        format!(
            "L{}×I{}={} {}",
            r.likelihood,
            r.impact,
            r.score(),
            self.band(r.score()).word()
        )
    }

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

/// A risk threatens an objective; an opportunity could help one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(ascii_case_insensitive)]
pub enum Kind {
    #[strum(to_string = "risk", serialize = "r")]
    Risk,
    #[strum(to_string = "opportunity", serialize = "opp", serialize = "o")]
    Opportunity,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }

    /// References read `R-014` and `O-003`.
    pub fn prefix(self) -> char {
        match self {
            Kind::Risk => 'R',
            Kind::Opportunity => 'O',
        }
    }

    /// The treatments that fit: avoid/reduce/share/accept a risk, pursue/enhance/decline an opportunity.
    pub fn treatments(self) -> &'static [&'static str] {
        match self {
            Kind::Risk => &["avoid", "reduce", "share", "accept"],
            Kind::Opportunity => &["pursue", "enhance", "decline"],
        }
    }
}

/// The next free reference of a kind, after the highest one in use.
pub fn next_ref<'a>(kind: Kind, existing: impl IntoIterator<Item = &'a str>) -> String {
    let prefix = format!("{}-", kind.prefix());
    let highest = existing
        .into_iter()
        .filter_map(|r| r.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", highest + 1)
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum RiskStatus {
    Open,
    Treating,
    Accepted,
    Closed,
}

impl RiskStatus {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

/// Which rating: before controls (inherent) or with them (residual).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Basis {
    Inherent,
    Residual,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn toggled(self) -> Basis {
        match self {
            Basis::Inherent => Basis::Residual,
            Basis::Residual => Basis::Inherent,
        }
    }
}

/// The first rating is the assessment itself; every later one must say why it moved,
/// so that the history shows how a risk moved and why. Returns the rationale to store.
pub fn rating_rationale(is_first: bool, rationale: &str) -> Result<String, String> {
    let why = rationale.trim();
    match (is_first, why.is_empty()) {
        (true, true) => Ok("Initial assessment".to_string()),
        (false, true) => {
            Err("a re-rating needs a rationale: say why the rating moved (--why \"…\")".to_string())
        }
        (_, false) => Ok(why.to_string()),
    }
}

/// Did a re-rating lower, keep or raise the score?
pub fn movement(before: Option<Rating>, after: Rating) -> &'static str {
    match before.map(|b| after.score().cmp(&b.score())) {
        None => "first rating",
        Some(std::cmp::Ordering::Less) => "fell",
        Some(std::cmp::Ordering::Equal) => "unchanged",
        Some(std::cmp::Ordering::Greater) => "rose",
    }
}

/// What management decides about a risk in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskDecision {
    Accept,
    Treat,
    Escalate,
}

impl RiskDecision {
    pub const ALL: [RiskDecision; 3] = [
        RiskDecision::Accept,
        RiskDecision::Treat,
        RiskDecision::Escalate,
    ];

    pub fn word(self) -> &'static str {
        match self {
            RiskDecision::Accept => "accept",
            RiskDecision::Treat => "treat",
            RiskDecision::Escalate => "escalate",
        }
    }

    pub fn parse(s: &str) -> Option<RiskDecision> {
        RiskDecision::ALL
            .into_iter()
            .find(|d| d.word().eq_ignore_ascii_case(s.trim()))
    }

    /// The 9.3.3 output it counts as: accepting a risk changes what the QMS
    /// tolerates, treating it is an improvement, escalating asks for resources.
    pub fn category(self) -> &'static str {
        match self {
            RiskDecision::Accept => "qms_change",
            RiskDecision::Treat => "improvement",
            RiskDecision::Escalate => "resources",
        }
    }

    /// The risk's status after the decision; escalating leaves it as it is.
    pub fn status_after(self, current: RiskStatus) -> RiskStatus {
        match self {
            RiskDecision::Accept => RiskStatus::Accepted,
            RiskDecision::Treat => RiskStatus::Treating,
            RiskDecision::Escalate => current,
        }
    }
}

/// One row of the register with what the filters need.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskEntry {
    pub id: i64,
    pub reference: String,
    pub kind: Kind,
    pub title: String,
    pub area: String,
    pub owner: Option<String>,
    pub inherent: Rating,
    pub residual: Option<Rating>,
    pub treatment: String,
    pub status: RiskStatus,
    pub next_review: Option<NaiveDate>,
    /// Open actions with this risk: its treatment actions still under way.
    pub open_actions: u32,
    pub version: i64,
}

impl RiskEntry {
    pub fn rating(&self, basis: Basis) -> Option<Rating> {
        match basis {
            Basis::Inherent => Some(self.inherent),
            Basis::Residual => self.residual,
        }
    }

    /// The rating that counts now: residual once rated, inherent before.
    pub fn current(&self) -> Rating {
        self.residual.unwrap_or(self.inherent)
    }

    pub fn band(&self, limits: &BandLimits) -> Band {
        limits.band(self.current().score())
    }

    /// "risk · suppliers · owner Rachel Ng · treating · treatment reduce",
    /// with stored text made safe to show.
    pub fn facts(&self) -> String {
        use super::text::visible_line;
        let or = |text: &str, none: &str| {
            if text.trim().is_empty() {
                none.to_string()
            } else {
                visible_line(text).into_owned()
            }
        };
        format!(
            "{} · {} · owner {} · {} · treatment {}",
            self.kind.as_str(),
            or(&self.area, "no area"),
            or(self.owner.as_deref().unwrap_or(""), "none"),
            self.status.as_str(),
            or(&self.treatment, "not chosen"),
        )
    }

    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.status != RiskStatus::Closed && self.next_review.is_some_and(|d| d < today)
    }

    /// A high or critical risk nobody is working on: flagged in item e).
    /// Accepted and closed risks are decided, so they are not flagged.
    pub fn untreated_high(&self, limits: &BandLimits) -> bool {
        self.kind == Kind::Risk
            && matches!(self.status, RiskStatus::Open | RiskStatus::Treating)
            && self.band(limits) >= Band::High
            && self.open_actions == 0
    }
}

/// The register sorted as it is read: highest current score first.
pub fn sort_by_score(entries: &mut [RiskEntry]) {
    entries.sort_by(|a, b| {
        b.current()
            .score()
            .cmp(&a.current().score())
            .then(b.inherent.score().cmp(&a.inherent.score()))
            .then(a.reference.cmp(&b.reference))
    });
}

/// Which statuses a register view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Everything still live: not closed.
    #[default]
    Live,
    All,
    Only(RiskStatus),
}

impl StatusFilter {
    pub fn matches(self, status: RiskStatus) -> bool {
        match self {
            StatusFilter::Live => status != RiskStatus::Closed,
            StatusFilter::All => true,
            StatusFilter::Only(s) => s == status,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Live => "not closed",
            StatusFilter::All => "any",
            StatusFilter::Only(s) => s.as_str(),
        }
    }

    /// not closed → open → treating → accepted → closed → any → not closed.
    pub fn next(self) -> StatusFilter {
        match self {
            StatusFilter::Live => StatusFilter::Only(RiskStatus::Open),
            StatusFilter::Only(RiskStatus::Open) => StatusFilter::Only(RiskStatus::Treating),
            StatusFilter::Only(RiskStatus::Treating) => StatusFilter::Only(RiskStatus::Accepted),
            StatusFilter::Only(RiskStatus::Accepted) => StatusFilter::Only(RiskStatus::Closed),
            StatusFilter::Only(RiskStatus::Closed) => StatusFilter::All,
            StatusFilter::All => StatusFilter::Live,
        }
    }
}

/// The register's filters; every one left empty lets everything through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskFilter {
    pub kind: Option<Kind>,
    /// Matched against the owner's name, case-insensitively.
    pub owner: Option<String>,
    pub band: Option<Band>,
    pub status: StatusFilter,
    pub review_overdue: bool,
    /// Only those with no open treatment action.
    pub no_treatment: bool,
    /// Only those in this heat-map cell (likelihood, impact) on this basis.
    pub cell: Option<(Basis, u8, u8)>,
}

impl RiskFilter {
    pub fn matches(&self, e: &RiskEntry, limits: &BandLimits, today: NaiveDate) -> bool {
        self.kind.is_none_or(|k| e.kind == k)
            && self.owner.as_deref().is_none_or(|o| {
                e.owner
                    .as_deref()
                    .is_some_and(|name| name.eq_ignore_ascii_case(o.trim()))
            })
            && self.band.is_none_or(|b| e.band(limits) == b)
            && self.status.matches(e.status)
            && (!self.review_overdue || e.review_overdue(today))
            && (!self.no_treatment || e.open_actions == 0)
            && self.cell.is_none_or(|(basis, l, i)| {
                e.rating(basis)
                    .is_some_and(|r| r.likelihood == l && r.impact == i)
            })
    }

    pub fn apply<'a>(
        &self,
        entries: &'a [RiskEntry],
        limits: &BandLimits,
        today: NaiveDate,
    ) -> Vec<&'a RiskEntry> {
        entries
            .iter()
            .filter(|e| self.matches(e, limits, today))
            .collect()
    }

    /// What is filtered, in words, for captions; empty when nothing is.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(k) = self.kind {
            out.push(format!("kind {}", k.as_str()));
        }
        if let Some(o) = &self.owner {
            out.push(format!("owner {o}"));
        }
        if let Some(b) = self.band {
            out.push(format!("band {}", b.word()));
        }
        if self.status != StatusFilter::Live {
            out.push(format!("status {}", self.status.label()));
        }
        if self.review_overdue {
            out.push("review overdue".into());
        }
        if self.no_treatment {
            out.push("no treatment action".into());
        }
        if let Some((basis, l, i)) = self.cell {
            out.push(format!("{} L{l}×I{i}", basis.as_str()));
        }
        out
    }
}

/// The heat map of the entries that pass `filter` (without its cell), on one basis.
/// Entries not yet rated on that basis are counted apart.
pub fn heat_map(
    entries: &[RiskEntry],
    filter: &RiskFilter,
    basis: Basis,
    limits: &BandLimits,
    today: NaiveDate,
) -> (HeatMap, usize) {
    let without_cell = RiskFilter {
        cell: None,
        ..filter.clone()
    };
    let shown = without_cell.apply(entries, limits, today);
    let unrated = shown.iter().filter(|e| e.rating(basis).is_none()).count();
    (
        HeatMap::from_ratings(shown.iter().filter_map(|e| e.rating(basis))),
        unrated,
    )
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

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn entry(reference: &str, inherent: (u8, u8), residual: Option<(u8, u8)>) -> RiskEntry {
        RiskEntry {
            id: 1,
            reference: reference.into(),
            kind: if reference.starts_with('O') {
                Kind::Opportunity
            } else {
                Kind::Risk
            },
            title: "t".into(),
            area: "production".into(),
            owner: Some("Rita Ng".into()),
            inherent: Rating::new(inherent.0, inherent.1).unwrap(),
            residual: residual.map(|(l, i)| Rating::new(l, i).unwrap()),
            treatment: "reduce".into(),
            status: RiskStatus::Open,
            next_review: Some(date(30)),
            open_actions: 1,
            version: 1,
        }
    }

    #[test]
    fn band_limits_must_rise() {
        assert!(BandLimits::new(4, 9, 15).is_ok());
        assert!(BandLimits::new(5, 5, 15).is_err());
        assert!(BandLimits::new(0, 9, 15).is_err());
        assert!(BandLimits::new(4, 9, 25).is_err());
        let tight = BandLimits::new(2, 6, 12).unwrap();
        assert_eq!(tight.band(3), Band::Medium);
        assert_eq!(tight.band(13), Band::Critical);
    }

    #[test]
    fn bands_parse_from_words_any_case() {
        assert_eq!(Band::parse("high"), Some(Band::High));
        assert_eq!(Band::parse("CRITICAL"), Some(Band::Critical));
        assert_eq!(Band::parse("severe"), None);
    }

    #[test]
    fn references_count_up_per_kind() {
        let refs = ["R-001", "R-014", "O-003", "R-x"];
        assert_eq!(next_ref(Kind::Risk, refs), "R-015");
        assert_eq!(next_ref(Kind::Opportunity, refs), "O-004");
        assert_eq!(next_ref(Kind::Opportunity, []), "O-001");
    }

    #[test]
    fn a_re_rating_needs_a_rationale_the_first_rating_does_not() {
        assert_eq!(rating_rationale(true, "  ").unwrap(), "Initial assessment");
        assert!(rating_rationale(false, " ").is_err());
        assert_eq!(
            rating_rationale(false, " restore tested ").unwrap(),
            "restore tested"
        );
    }

    #[test]
    fn movement_compares_scores() {
        let r = |l, i| Rating::new(l, i).unwrap();
        assert_eq!(movement(None, r(3, 3)), "first rating");
        assert_eq!(movement(Some(r(3, 4)), r(2, 4)), "fell");
        assert_eq!(movement(Some(r(2, 3)), r(3, 2)), "unchanged");
        assert_eq!(movement(Some(r(1, 1)), r(1, 2)), "rose");
    }

    #[test]
    fn decisions_map_to_a_category_and_a_status() {
        assert_eq!(RiskDecision::Accept.category(), "qms_change");
        assert_eq!(RiskDecision::Treat.category(), "improvement");
        assert_eq!(RiskDecision::Escalate.category(), "resources");
        assert_eq!(
            RiskDecision::Accept.status_after(RiskStatus::Open),
            RiskStatus::Accepted
        );
        assert_eq!(
            RiskDecision::Treat.status_after(RiskStatus::Open),
            RiskStatus::Treating
        );
        assert_eq!(
            RiskDecision::Escalate.status_after(RiskStatus::Treating),
            RiskStatus::Treating
        );
    }

    #[test]
    fn current_rating_is_residual_once_rated() {
        let limits = BandLimits::default();
        assert_eq!(entry("R-1", (4, 5), None).band(&limits), Band::Critical);
        assert_eq!(entry("R-1", (4, 5), Some((2, 2))).band(&limits), Band::Low);
    }

    #[test]
    fn sorting_puts_the_highest_current_score_first() {
        let mut list = vec![
            entry("R-003", (2, 2), None),
            entry("R-001", (5, 5), Some((1, 1))),
            entry("R-002", (4, 4), None),
            entry("R-004", (3, 3), Some((2, 2))),
        ];
        sort_by_score(&mut list);
        let refs: Vec<&str> = list.iter().map(|e| e.reference.as_str()).collect();
        assert_eq!(refs, ["R-002", "R-004", "R-003", "R-001"]);
    }

    #[test]
    fn each_filter_narrows_the_register() {
        let limits = BandLimits::default();
        let today = date(21);
        let mut overdue = entry("R-002", (4, 4), None);
        overdue.next_review = Some(date(20));
        overdue.owner = Some("Leo Novak".into());
        let mut untreated = entry("R-003", (2, 2), None);
        untreated.open_actions = 0;
        let mut closed = entry("R-004", (4, 4), None);
        closed.status = RiskStatus::Closed;
        closed.next_review = Some(date(1));
        let list = vec![
            entry("R-001", (4, 5), Some((3, 4))),
            overdue,
            untreated,
            closed,
            entry("O-001", (3, 4), None),
        ];
        let refs = |f: RiskFilter| -> Vec<String> {
            f.apply(&list, &limits, today)
                .into_iter()
                .map(|e| e.reference.clone())
                .collect()
        };
        assert_eq!(
            refs(RiskFilter::default()),
            ["R-001", "R-002", "R-003", "O-001"]
        );
        assert_eq!(
            refs(RiskFilter {
                kind: Some(Kind::Opportunity),
                ..Default::default()
            }),
            ["O-001"]
        );
        assert_eq!(
            refs(RiskFilter {
                owner: Some("leo novak".into()),
                ..Default::default()
            }),
            ["R-002"]
        );
        assert_eq!(
            refs(RiskFilter {
                band: Some(Band::High),
                ..Default::default()
            }),
            ["R-001", "O-001"]
        );
        assert_eq!(
            refs(RiskFilter {
                band: Some(Band::Critical),
                ..Default::default()
            }),
            ["R-002"]
        );
        assert_eq!(
            refs(RiskFilter {
                status: StatusFilter::Only(RiskStatus::Closed),
                ..Default::default()
            }),
            ["R-004"]
        );
        // a closed risk is never overdue for review
        assert_eq!(
            refs(RiskFilter {
                review_overdue: true,
                status: StatusFilter::All,
                ..Default::default()
            }),
            ["R-002"]
        );
        assert_eq!(
            refs(RiskFilter {
                no_treatment: true,
                ..Default::default()
            }),
            ["R-003"]
        );
        assert_eq!(
            refs(RiskFilter {
                cell: Some((Basis::Residual, 3, 4)),
                ..Default::default()
            }),
            ["R-001"]
        );
        assert_eq!(
            refs(RiskFilter {
                cell: Some((Basis::Inherent, 3, 4)),
                ..Default::default()
            }),
            ["O-001"]
        );
    }

    #[test]
    fn status_filter_cycles_back_to_live() {
        let mut f = StatusFilter::Live;
        for _ in 0..6 {
            f = f.next();
        }
        assert_eq!(f, StatusFilter::Live);
    }

    #[test]
    fn untreated_high_risks_are_flagged_but_not_opportunities_or_accepted_ones() {
        let limits = BandLimits::default();
        let mut high = entry("R-001", (4, 4), None);
        high.open_actions = 0;
        assert!(high.untreated_high(&limits));
        let mut accepted = high.clone();
        accepted.status = RiskStatus::Accepted;
        assert!(!accepted.untreated_high(&limits));
        let mut opportunity = entry("O-001", (4, 4), None);
        opportunity.open_actions = 0;
        assert!(!opportunity.untreated_high(&limits));
        let mut medium = entry("R-002", (3, 3), None);
        medium.open_actions = 0;
        assert!(!medium.untreated_high(&limits));
        assert!(!entry("R-003", (4, 4), None).untreated_high(&limits));
    }

    #[test]
    fn heat_map_follows_filter_and_basis_and_counts_the_unrated() {
        let limits = BandLimits::default();
        let list = vec![
            entry("R-001", (4, 5), Some((3, 4))),
            entry("R-002", (4, 5), None),
            entry("O-001", (3, 4), None),
        ];
        let all = RiskFilter {
            cell: Some((Basis::Inherent, 1, 1)),
            ..Default::default()
        };
        let (map, unrated) = heat_map(&list, &all, Basis::Inherent, &limits, date(21));
        assert_eq!((map.count(4, 5), map.count(3, 4), unrated), (2, 1, 0));
        let (map, unrated) = heat_map(&list, &all, Basis::Residual, &limits, date(21));
        assert_eq!((map.count(3, 4), map.count(4, 5), unrated), (1, 0, 2));
        let risks = RiskFilter {
            kind: Some(Kind::Risk),
            ..Default::default()
        };
        let (map, _) = heat_map(&list, &risks, Basis::Inherent, &limits, date(21));
        assert_eq!(map.count(3, 4), 0);
    }
}
