//! What the demo organisation is made of. Days are counted from the day the
//! demo is seeded (negative: in the past), so the data always looks current.
//! People are named by their default OS user, risks by their reference, KPIs
//! by their key; `mod.rs` resolves those names to row ids.

pub const ORGANISATION: &str = "Acme Components Ltd";

/// The person whose OS user becomes the one running the demo, so that "mine"
/// shows something (see `mod.rs`).
pub const STAND_IN: &str = "swhitfield";
pub const CHAIR: &str = "dokafor";
pub const FACILITATOR: &str = "swhitfield";

pub struct PersonSeed {
    pub user: &'static str,
    pub name: &'static str,
    pub title: &'static str,
}

pub const PEOPLE: &[PersonSeed] = &[
    PersonSeed { user: "dokafor", name: "David Okafor", title: "Managing Director" },
    PersonSeed { user: "swhitfield", name: "Sarah Whitfield", title: "Quality Manager" },
    PersonSeed { user: "mhale", name: "Marcus Hale", title: "Operations Director" },
    PersonSeed { user: "rng", name: "Rachel Ng", title: "Purchasing Lead" },
    PersonSeed { user: "psharma", name: "Priya Sharma", title: "HR Manager" },
    PersonSeed { user: "tbrennan", name: "Tom Brennan", title: "Sales Director" },
    PersonSeed { user: "lnovak", name: "Lukas Novak", title: "IT Lead" },
    PersonSeed { user: "gevans", name: "Gareth Evans", title: "Production Manager" },
    PersonSeed { user: "akhan", name: "Aisha Khan", title: "Customer Service Lead" },
    PersonSeed { user: "hcarter", name: "Helen Carter", title: "Finance Director" },
];

pub const EMAIL_DOMAIN: &str = "acme-components.example";

/// Who sat in the previous review, with their role and presence.
pub const PREVIOUS_ATTENDEES: &[(&str, &str, &str)] = &[
    ("dokafor", "chair", "present"),
    ("swhitfield", "facilitator", "present"),
    ("mhale", "member", "present"),
    ("gevans", "member", "present"),
    ("rng", "member", "present"),
    ("tbrennan", "member", "present"),
    ("akhan", "member", "present"),
    ("psharma", "member", "present"),
    ("hcarter", "member", "apologies"),
];

/// Who is invited to the coming review.
pub const CURRENT_ATTENDEES: &[(&str, &str)] = &[
    ("dokafor", "chair"),
    ("swhitfield", "facilitator"),
    ("mhale", "member"),
    ("gevans", "member"),
    ("rng", "member"),
    ("tbrennan", "member"),
    ("hcarter", "member"),
    ("akhan", "member"),
];

pub struct KpiSeed {
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub direction: &'static str,
    pub target: f64,
    pub target_high: Option<f64>,
    pub warning: Option<f64>,
    pub owner: &'static str,
    pub quarterly: bool,
    pub input_key: &'static str,
    pub objective: &'static str,
    /// The series runs from `first` to `last` with noise in between; `last`
    /// is exact so that each KPI's status is chosen here, not by chance.
    pub first: f64,
    pub last: f64,
    pub noise: f64,
    pub decimals: i32,
    pub max: f64,
    /// The latest period has not been recorded yet.
    pub late: bool,
}

const DELIVERY: &str = "Win and keep OEM customers through reliable delivery";
const RIGHT_FIRST_TIME: &str = "Build it right first time, every time";
const MARGIN: &str = "Grow margin by cutting the cost of poor quality";
const MEASUREMENT: &str = "Measurements that customers and auditors can trust";
const SUPPLY: &str = "A supply base we can rely on";
const CASH: &str = "Keep working capital under control";

pub const KPIS: &[KpiSeed] = &[
    KpiSeed {
        key: "csat", name: "Customer satisfaction", unit: "/5", direction: "higher",
        target: 4.2, target_high: None, warning: Some(3.8), owner: "tbrennan", quarterly: true,
        input_key: "c1", objective: DELIVERY,
        first: 4.4, last: 4.1, noise: 0.08, decimals: 2, max: 5.0, late: false,
    },
    KpiSeed {
        key: "complaints", name: "Customer complaints", unit: "per month", direction: "lower",
        target: 5.0, target_high: None, warning: Some(8.0), owner: "akhan", quarterly: false,
        input_key: "c1", objective: DELIVERY,
        first: 3.0, last: 10.0, noise: 1.2, decimals: 0, max: 99.0, late: false,
    },
    KpiSeed {
        key: "otd", name: "On-time delivery", unit: "%", direction: "higher",
        target: 95.0, target_high: None, warning: Some(90.0), owner: "mhale", quarterly: false,
        input_key: "c2", objective: DELIVERY,
        first: 96.5, last: 94.2, noise: 0.8, decimals: 1, max: 100.0, late: false,
    },
    KpiSeed {
        key: "fpy", name: "First-pass yield", unit: "%", direction: "higher",
        target: 97.0, target_high: None, warning: Some(95.0), owner: "gevans", quarterly: false,
        input_key: "c2", objective: RIGHT_FIRST_TIME,
        first: 96.2, last: 98.1, noise: 0.4, decimals: 1, max: 100.0, late: false,
    },
    KpiSeed {
        key: "copq", name: "Cost of poor quality", unit: "% of sales", direction: "lower",
        target: 1.5, target_high: None, warning: Some(2.0), owner: "hcarter", quarterly: false,
        input_key: "c2", objective: MARGIN,
        first: 2.2, last: 1.8, noise: 0.15, decimals: 2, max: 10.0, late: false,
    },
    KpiSeed {
        key: "fg-stock", name: "Finished-goods stock", unit: "days", direction: "band",
        target: 20.0, target_high: Some(30.0), warning: Some(5.0), owner: "mhale",
        quarterly: false, input_key: "c2", objective: CASH,
        first: 24.0, last: 33.0, noise: 1.5, decimals: 0, max: 90.0, late: false,
    },
    KpiSeed {
        key: "scrap", name: "Process scrap rate", unit: "%", direction: "lower",
        target: 1.0, target_high: None, warning: Some(1.5), owner: "gevans", quarterly: false,
        input_key: "c3", objective: RIGHT_FIRST_TIME,
        first: 1.4, last: 0.8, noise: 0.12, decimals: 2, max: 100.0, late: false,
    },
    KpiSeed {
        key: "ppm", name: "Customer-reported defects", unit: "ppm", direction: "lower",
        target: 250.0, target_high: None, warning: Some(400.0), owner: "swhitfield",
        quarterly: false, input_key: "c3", objective: RIGHT_FIRST_TIME,
        first: 420.0, last: 180.0, noise: 40.0, decimals: 0, max: 10_000.0, late: false,
    },
    KpiSeed {
        key: "calibration", name: "Calibration on time", unit: "%", direction: "higher",
        target: 100.0, target_high: None, warning: Some(95.0), owner: "swhitfield",
        quarterly: false, input_key: "c5", objective: MEASUREMENT,
        first: 96.0, last: 100.0, noise: 1.5, decimals: 1, max: 100.0, late: true,
    },
    KpiSeed {
        key: "supplier-otd", name: "Supplier on-time delivery", unit: "%", direction: "higher",
        target: 95.0, target_high: None, warning: Some(90.0), owner: "rng", quarterly: false,
        input_key: "c7", objective: SUPPLY,
        first: 93.5, last: 91.5, noise: 1.0, decimals: 1, max: 100.0, late: false,
    },
    KpiSeed {
        key: "supplier-ppm", name: "Supplier defects", unit: "ppm", direction: "lower",
        target: 500.0, target_high: None, warning: Some(800.0), owner: "rng", quarterly: false,
        input_key: "c7", objective: SUPPLY,
        first: 520.0, last: 1150.0, noise: 60.0, decimals: 0, max: 100_000.0, late: false,
    },
];

/// Monthly periods of history per KPI (quarterly KPIs get a third as many).
pub const MONTHS_OF_HISTORY: u32 = 18;

pub struct KpiNote {
    pub kpi: &'static str,
    /// 0 is the latest recorded period.
    pub periods_ago: usize,
    /// Replaces the generated value, for an event the note explains.
    pub value: Option<f64>,
    pub note: &'static str,
}

pub const KPI_NOTES: &[KpiNote] = &[
    KpiNote { kpi: "scrap", periods_ago: 6, value: Some(1.9), note: "Line 3 changeover issues" },
    KpiNote { kpi: "otd", periods_ago: 4, value: Some(91.8), note: "Connector allocation: 6 orders shipped late" },
    KpiNote { kpi: "complaints", periods_ago: 1, value: None, note: "Two crimp height complaints from the same OEM" },
    KpiNote { kpi: "complaints", periods_ago: 0, value: None, note: "Crimp height again; 8D reopened" },
    KpiNote { kpi: "supplier-ppm", periods_ago: 0, value: None, note: "Two J-series connector lots rejected at goods-in" },
    KpiNote { kpi: "fg-stock", periods_ago: 0, value: None, note: "Slow-moving harness variants built ahead of forecast" },
    KpiNote { kpi: "fpy", periods_ago: 9, value: Some(94.8), note: "New AOI programme on line 3 flagged false calls" },
];

pub struct RiskSeed {
    pub reference: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub area: &'static str,
    pub owner: &'static str,
    pub inherent: (u8, u8),
    pub treatment: &'static str,
    pub controls: &'static str,
    /// An earlier residual re-rating, about eight months ago.
    pub earlier: Option<(u8, u8, &'static str)>,
    /// The current residual rating, the day it was made and why.
    pub residual: Option<(u8, u8, i64, &'static str)>,
    pub status: &'static str,
    pub next_review: Option<i64>,
    pub kpis: &'static [&'static str],
}

pub const RISKS: &[RiskSeed] = &[
    RiskSeed {
        reference: "R-001", title: "Single source for FR-4 PCB laminate", area: "suppliers",
        description: "All bare boards use laminate from one mill; a stoppage there stops both SMT lines within weeks.",
        owner: "rng", inherent: (4, 5), treatment: "reduce",
        controls: "Six weeks of safety stock; quarterly review with the mill; second source being qualified",
        earlier: Some((4, 4, "Safety stock raised from two to six weeks")),
        residual: Some((3, 4, -95, "Second-source samples passed first tests")),
        status: "treating", next_review: Some(30), kpis: &["supplier-otd", "supplier-ppm"],
    },
    RiskSeed {
        reference: "R-002", title: "Component shortages and allocation", area: "suppliers",
        description: "Microcontrollers and connectors on allocation delay builds and customer deliveries.",
        owner: "rng", inherent: (4, 4), treatment: "reduce",
        controls: "Buffer stock on 40 critical parts; approved broker process; monthly shortage review",
        earlier: None,
        residual: Some((3, 4, -60, "Buffer stock set for 40 parts; allocation still tight on connectors")),
        status: "treating", next_review: Some(-10), kpis: &["otd"],
    },
    RiskSeed {
        reference: "R-003", title: "Changeover errors on line 3", area: "production",
        description: "Frequent product changeovers on line 3 lead to wrong feeders, scrap and rework.",
        owner: "gevans", inherent: (3, 3), treatment: "reduce",
        controls: "SMED changeover checklist; first-article inspection after every changeover",
        earlier: Some((3, 3, "Checklist drafted, not yet in use")),
        residual: Some((2, 3, -40, "Checklist in use; scrap below 1 % for two months")),
        status: "treating", next_review: Some(50), kpis: &["scrap", "fpy"],
    },
    RiskSeed {
        reference: "R-004", title: "Loss of the largest OEM customer", area: "sales",
        description: "One OEM is 32 % of revenue and is moving to dual sourcing; late deliveries put our share at risk.",
        owner: "tbrennan", inherent: (2, 5), treatment: "reduce",
        controls: "Quarterly business reviews; OTD recovery plan shared with the customer",
        earlier: None,
        residual: Some((2, 4, -95, "Recovery plan accepted at the business review")),
        status: "open", next_review: Some(45), kpis: &["otd", "csat"],
    },
    RiskSeed {
        reference: "R-005", title: "Crimp height drift escaping to customers", area: "production",
        description: "Harness crimps drifting out of specification are not caught before shipment.",
        owner: "swhitfield", inherent: (3, 4), treatment: "reduce",
        controls: "Crimp cross-section at set-up; pull test per batch; applicator maintenance plan",
        earlier: Some((2, 4, "Applicator maintenance plan introduced")),
        residual: Some((3, 4, -7, "Complaints still rising; the 8D fix was not effective")),
        status: "treating", next_review: Some(14), kpis: &["complaints", "ppm"],
    },
    RiskSeed {
        reference: "R-006", title: "Only two certified IPC-A-610 trainers", area: "people",
        description: "Operator training and recertification depend on two people; one is retiring next year.",
        owner: "psharma", inherent: (3, 3), treatment: "reduce",
        controls: "Skills matrix reviewed monthly; third trainer booked on the certification course",
        earlier: None,
        residual: Some((2, 3, -120, "Third trainer nominated")),
        status: "treating", next_review: Some(-20), kpis: &[],
    },
    RiskSeed {
        reference: "R-007", title: "Labour shortage for the second shift", area: "people",
        description: "Local competition for assembly staff makes the second shift hard to fill.",
        owner: "psharma", inherent: (3, 3), treatment: "accept",
        controls: "Agency pool agreement; referral bonus",
        earlier: None,
        residual: Some((3, 2, -150, "Agency pool covers peaks; accepted by the board")),
        status: "accepted", next_review: Some(60), kpis: &[],
    },
    RiskSeed {
        reference: "R-008", title: "Ransomware on production and ERP systems", area: "IT",
        description: "An encrypted ERP or line-control PC would stop planning, shipping and traceability.",
        owner: "lnovak", inherent: (3, 5), treatment: "reduce",
        controls: "Offline backups with quarterly restore tests; MFA on remote access; endpoint protection",
        earlier: Some((3, 4, "Endpoint protection on every PC")),
        residual: Some((2, 4, -30, "Restore tested in under four hours; MFA enforced")),
        status: "treating", next_review: Some(20), kpis: &[],
    },
    RiskSeed {
        reference: "R-009", title: "ERP reaches end of support", area: "IT",
        description: "The ERP version goes out of vendor support next year; no security fixes after that.",
        owner: "lnovak", inherent: (4, 3), treatment: "avoid",
        controls: "Upgrade project to be scoped",
        earlier: None, residual: None,
        status: "open", next_review: Some(-5), kpis: &[],
    },
    RiskSeed {
        reference: "R-010", title: "Calibration lapses on torque and crimp tools", area: "quality",
        description: "Tools used past their calibration date make product conformity unprovable.",
        owner: "swhitfield", inherent: (2, 4), treatment: "reduce",
        controls: "Calibration database with reminders 30 days ahead; labels checked in layered audits",
        earlier: None,
        residual: Some((1, 4, -15, "No tool overdue for three months")),
        status: "treating", next_review: Some(75), kpis: &["calibration"],
    },
    RiskSeed {
        reference: "R-011", title: "Copper price volatility", area: "finance",
        description: "Copper is 40 % of harness material cost; fixed-price contracts absorb every rise.",
        owner: "hcarter", inherent: (4, 3), treatment: "share",
        controls: "Metal price adjustment clause in new and renewed contracts",
        earlier: None,
        residual: Some((4, 2, -22, "Clause agreed with two of the three largest customers")),
        status: "open", next_review: Some(70), kpis: &[],
    },
    RiskSeed {
        reference: "R-012", title: "End of life of the BGA controller on the PX board", area: "production",
        description: "The controller on our highest-volume board was announced end of life.",
        owner: "mhale", inherent: (5, 4), treatment: "avoid",
        controls: "Last-time buy completed; board redesign approved by the customer",
        earlier: Some((3, 3, "Last-time buy placed")),
        residual: Some((1, 2, -100, "Redesigned board in production; risk closed")),
        status: "closed", next_review: None, kpis: &[],
    },
    RiskSeed {
        reference: "R-013", title: "Freight disruption on Asia to UK lanes", area: "suppliers",
        description: "Port congestion and route changes add weeks to component lead times.",
        owner: "rng", inherent: (3, 3), treatment: "accept",
        controls: "Air-freight contingency budget; lead times in ERP reviewed monthly",
        earlier: None,
        residual: Some((3, 2, -95, "Contingency budget approved")),
        status: "accepted", next_review: Some(90), kpis: &["supplier-otd"],
    },
    RiskSeed {
        reference: "R-014", title: "Customer-specific requirements missed at order review", area: "sales",
        description: "Special packaging, labelling or test requirements are missed when orders are entered.",
        owner: "akhan", inherent: (3, 4), treatment: "reduce",
        controls: "Contract review form; customer handbooks on the shared drive",
        earlier: None, residual: None,
        status: "open", next_review: Some(-30), kpis: &["complaints"],
    },
    RiskSeed {
        reference: "O-001", title: "Harnesses for EV charging infrastructure", area: "sales",
        description: "Charge-point makers are looking for UK harness suppliers with short lead times.",
        owner: "tbrennan", inherent: (3, 4), treatment: "pursue",
        controls: "Three quotes out; sample harnesses built for one prospect",
        earlier: None,
        residual: Some((4, 4, -45, "First sample order received")),
        status: "treating", next_review: Some(35), kpis: &[],
    },
    RiskSeed {
        reference: "O-002", title: "Second AOI machine on line 3", area: "production",
        description: "Automated optical inspection after reflow on line 3 would lift first-pass yield.",
        owner: "gevans", inherent: (4, 3), treatment: "pursue",
        controls: "Capital approved in the management review; suppliers quoted",
        earlier: None,
        residual: Some((4, 3, -50, "Budget approved; machine on order soon")),
        status: "treating", next_review: Some(45), kpis: &["fpy"],
    },
    RiskSeed {
        reference: "O-003", title: "Supplier portal for shipping notices and CoCs", area: "suppliers",
        description: "Advance shipping notices and certificates of conformity online would cut goods-in time.",
        owner: "rng", inherent: (3, 3), treatment: "enhance",
        controls: "Pilot with two suppliers agreed",
        earlier: None, residual: None,
        status: "open", next_review: Some(25), kpis: &["supplier-otd"],
    },
    RiskSeed {
        reference: "O-004", title: "Digital work instructions at the bench", area: "IT",
        description: "Work instructions on screens at each bench, always at the current revision.",
        owner: "lnovak", inherent: (3, 3), treatment: "pursue",
        controls: "Trial on one harness bench",
        earlier: None,
        residual: Some((3, 4, -70, "Trial cut instruction errors on the bench")),
        status: "open", next_review: Some(-3), kpis: &["fpy"],
    },
    RiskSeed {
        reference: "O-005", title: "Apprenticeship scheme with the local college", area: "people",
        description: "Two electronics apprentices a year would ease the skills shortage.",
        owner: "psharma", inherent: (3, 3), treatment: "enhance",
        controls: "Meeting held with the college; funding checked",
        earlier: None,
        residual: Some((4, 3, -30, "College keen; funding available")),
        status: "treating", next_review: Some(40), kpis: &[],
    },
    RiskSeed {
        reference: "O-006", title: "Solar panels on the factory roof", area: "finance",
        description: "Rooftop solar could cover a fifth of the factory's daytime electricity.",
        owner: "hcarter", inherent: (2, 2), treatment: "decline",
        controls: "Quote obtained",
        earlier: None,
        residual: Some((2, 2, -65, "Payback over nine years; declined for now")),
        status: "closed", next_review: None, kpis: &[],
    },
];

/// Notes the facilitator typed during the previous review, by agenda input.
pub const PREVIOUS_NOTES: &[(&str, &str)] = &[
    ("opening", "Quorum confirmed; the Finance Director sent apologies. Period: the last quarter."),
    ("a", "Nine actions from the review before: six effective, two awaiting a check, one late."),
    ("b", "Copper up 18 % on the year. Our largest OEM announced dual sourcing. New battery rules affect two harness customers."),
    ("c1", "Satisfaction steady. Complaints rising, crimp height the main theme."),
    ("c2", "On-time delivery below the 95 % target, driven by component allocation. First-pass yield on target."),
    ("c3", "Line 3 scrap spikes after changeovers; SMED checklist proposed."),
    ("c4", "Twelve nonconformities this quarter; three customer complaints open. Crimp 8D to start."),
    ("c5", "Two torque drivers found past calibration date; reminders to be automated."),
    ("c6", "Surveillance audit: no major findings, two minor (document control, training records)."),
    ("c7", "Connector supplier defects above the warning line; SCAR to be issued. Laminate single source discussed."),
    ("d", "AOI capacity on line 3 at its limit; quality engineering short by one person."),
    ("e", "R-001 and R-008 re-rated lower after safety stock and backups. R-009 needs an owner for the upgrade."),
    ("f", "Supplier portal, apprenticeships and rooftop solar raised."),
    ("outputs", "Five decisions recorded; every action has an owner and due date except the packaging review."),
    ("close", "Chair signed off. Next review planned for next quarter."),
];

/// Where an action came from.
pub enum Raised {
    /// In the previous review, at the agenda item with this input key.
    PreviousReview(&'static str),
    /// Outside a review (an audit, a complaint), this many days from the seed day.
    Outside(i64),
}

pub struct ActionSeed {
    pub title: &'static str,
    pub detail: &'static str,
    pub owner: Option<&'static str>,
    pub raised: Raised,
    pub kpi: Option<&'static str>,
    pub risk: Option<&'static str>,
    pub priority: &'static str,
    pub due: i64,
    /// Status changes after it was raised: (day, new status, note). The last one
    /// is the current status; none means still open.
    pub history: &'static [(i64, &'static str, &'static str)],
}

/// In the order they were raised, so that references count up with time.
/// Events of actions raised in the previous review fall after day -85
/// (that review is three months back).
pub const ACTIONS: &[ActionSeed] = &[
    ActionSeed {
        title: "Correct torque driver calibration labels",
        detail: "Internal audit found four drivers with labels that did not match the calibration database.",
        owner: Some("swhitfield"), raised: Raised::Outside(-160), kpi: Some("calibration"), risk: Some("R-010"),
        priority: "medium", due: -130,
        history: &[
            (-150, "in_progress", "Labels reprinted from the database"),
            (-132, "done", "All 212 tools relabelled and checked"),
            (-95, "effective", "Layered audits found no label mismatch in three months"),
        ],
    },
    ActionSeed {
        title: "Qualify second source for PCB laminate",
        detail: "Qualify a second laminate mill for FR-4 boards so a stoppage at one mill no longer stops both lines.",
        owner: Some("rng"), raised: Raised::PreviousReview("c7"), kpi: Some("supplier-ppm"), risk: Some("R-001"),
        priority: "high", due: 20,
        history: &[(-70, "in_progress", "Samples requested from two laminate mills")],
    },
    ActionSeed {
        title: "Retrain line 3 operators on IPC-A-610",
        detail: "Refresher on solder joint acceptance criteria for all line 3 operators, with assessment.",
        owner: Some("gevans"), raised: Raised::PreviousReview("c3"), kpi: Some("scrap"), risk: None,
        priority: "medium", due: -30,
        history: &[
            (-75, "in_progress", "Training booked with the in-house trainer"),
            (-40, "done", "14 operators retrained and assessed"),
            (-10, "effective", "Line 3 scrap below 1 % for two months"),
        ],
    },
    ActionSeed {
        title: "Introduce SMED changeover checklist on line 3",
        detail: "A checklist for feeder set-up and first-article inspection at every changeover.",
        owner: Some("gevans"), raised: Raised::PreviousReview("c3"), kpi: Some("scrap"), risk: Some("R-003"),
        priority: "medium", due: -45,
        history: &[
            (-80, "in_progress", "Draft checklist trialled on two changeovers"),
            (-50, "done", "Checklist live on every line 3 changeover"),
        ],
    },
    ActionSeed {
        title: "Run an 8D on crimp height complaints",
        detail: "Find the root cause of crimp height complaints from harness customers and fix it.",
        owner: Some("swhitfield"), raised: Raised::PreviousReview("c4"), kpi: Some("complaints"), risk: Some("R-005"),
        priority: "high", due: -21,
        history: &[
            (-80, "in_progress", "8D team formed with production and customer service"),
            (-35, "done", "Root cause: worn crimp applicator; applicator replaced"),
            (-7, "not_effective", "Two more crimp complaints last month; follow-up action raised"),
        ],
    },
    ActionSeed {
        title: "Revise complaint procedure QP-10 to require 8D",
        detail: "Every complaint above minor severity gets an 8D with a named owner.",
        owner: Some("swhitfield"), raised: Raised::PreviousReview("outputs"), kpi: Some("complaints"), risk: None,
        priority: "medium", due: -60,
        history: &[
            (-82, "in_progress", "Draft circulated to customer service and production"),
            (-62, "done", "QP-10 issue 5 released"),
            (-20, "effective", "Internal audit sampled six complaints: all had an 8D"),
        ],
    },
    ActionSeed {
        title: "Train customer service on 8D and complaint triage",
        detail: "Half-day session for the customer service team on the revised QP-10.",
        owner: Some("akhan"), raised: Raised::PreviousReview("outputs"), kpi: Some("complaints"), risk: None,
        priority: "medium", due: -30,
        history: &[],
    },
    ActionSeed {
        title: "Specify and order a second AOI machine for line 3",
        detail: "Capital approved in this review; specify, quote and order.",
        owner: Some("gevans"), raised: Raised::PreviousReview("d"), kpi: Some("fpy"), risk: Some("O-002"),
        priority: "high", due: 45,
        history: &[(-50, "in_progress", "Three suppliers quoted; demo booked")],
    },
    ActionSeed {
        title: "Recruit a second quality engineer",
        detail: "Headcount approved in this review.",
        owner: Some("psharma"), raised: Raised::PreviousReview("d"), kpi: None, risk: None,
        priority: "high", due: -15,
        history: &[(-70, "in_progress", "Advert placed; 11 applicants")],
    },
    ActionSeed {
        title: "Agree an OTD recovery plan with the largest OEM",
        detail: "Present the delivery recovery plan at the next quarterly business review.",
        owner: Some("tbrennan"), raised: Raised::PreviousReview("c2"), kpi: Some("otd"), risk: Some("R-004"),
        priority: "high", due: -40,
        history: &[
            (-60, "in_progress", "Plan drafted with operations"),
            (-45, "done", "Recovery plan presented and accepted at the business review"),
        ],
    },
    ActionSeed {
        title: "Reduce stock of slow-moving harness variants",
        detail: "Stop building ahead of forecast for the twenty slowest variants.",
        owner: Some("mhale"), raised: Raised::PreviousReview("c2"), kpi: Some("fg-stock"), risk: None,
        priority: "low", due: -20,
        history: &[],
    },
    ActionSeed {
        title: "Set buffer stock for 40 allocation-risk components",
        detail: "Buffer levels in ERP for the microcontrollers and connectors on allocation.",
        owner: Some("rng"), raised: Raised::PreviousReview("c7"), kpi: Some("otd"), risk: Some("R-002"),
        priority: "high", due: -50,
        history: &[
            (-80, "in_progress", "Part list agreed with planning"),
            (-55, "done", "Buffer stock levels set in ERP for 40 parts"),
        ],
    },
    ActionSeed {
        title: "Hold quarterly reviews with the five largest suppliers",
        detail: "Delivery and quality scorecards reviewed face to face.",
        owner: Some("rng"), raised: Raised::PreviousReview("c7"), kpi: Some("supplier-otd"), risk: None,
        priority: "medium", due: 30,
        history: &[(-40, "in_progress", "Two of five reviews held")],
    },
    ActionSeed {
        title: "Issue a SCAR to the connector supplier",
        detail: "Supplier corrective action request for the J-series connector defects.",
        owner: Some("rng"), raised: Raised::PreviousReview("c7"), kpi: Some("supplier-ppm"), risk: None,
        priority: "high", due: -60,
        history: &[
            (-84, "in_progress", "SCAR issued"),
            (-58, "done", "Supplier 8D response received and accepted"),
        ],
    },
    ActionSeed {
        title: "Test a full ERP restore from the offline backup",
        detail: "Restore the ERP to a spare server from the offline copy and time it.",
        owner: Some("lnovak"), raised: Raised::PreviousReview("e"), kpi: None, risk: Some("R-008"),
        priority: "high", due: -50,
        history: &[
            (-72, "in_progress", "Spare server prepared"),
            (-70, "done", "Full restore in 3 h 40 min"),
            (-30, "effective", "Second quarterly restore test passed"),
        ],
    },
    ActionSeed {
        title: "Enforce MFA on all remote access accounts",
        detail: "Multi-factor authentication for VPN and e-mail, no exceptions.",
        owner: Some("lnovak"), raised: Raised::PreviousReview("e"), kpi: None, risk: Some("R-008"),
        priority: "high", due: -30,
        history: &[
            (-60, "in_progress", "Pilot with the IT and finance teams"),
            (-33, "done", "MFA enforced for 52 accounts"),
        ],
    },
    ActionSeed {
        title: "Scope the ERP upgrade before end of support",
        detail: "Options, cost and timeline for the board.",
        owner: Some("lnovak"), raised: Raised::PreviousReview("e"), kpi: None, risk: Some("R-009"),
        priority: "medium", due: -5,
        history: &[],
    },
    ActionSeed {
        title: "Certify a third IPC-A-610 trainer",
        detail: "Send the line 2 team leader on the trainer certification course.",
        owner: Some("psharma"), raised: Raised::PreviousReview("d"), kpi: None, risk: Some("R-006"),
        priority: "medium", due: 60,
        history: &[],
    },
    ActionSeed {
        title: "Add a customer requirements checklist to order review",
        detail: "Packaging, labelling and test requirements checked at order entry.",
        owner: Some("akhan"), raised: Raised::PreviousReview("b"), kpi: None, risk: Some("R-014"),
        priority: "medium", due: -10,
        history: &[],
    },
    ActionSeed {
        title: "Automate calibration reminders 30 days ahead",
        detail: "Reminders from the calibration database to tool owners.",
        owner: Some("swhitfield"), raised: Raised::PreviousReview("c5"), kpi: Some("calibration"), risk: Some("R-010"),
        priority: "medium", due: -60,
        history: &[
            (-78, "in_progress", "Reminder rules written"),
            (-70, "done", "Reminders live in the calibration database"),
            (-15, "effective", "No tool overdue for three months"),
        ],
    },
    ActionSeed {
        title: "Analyse satisfaction survey comments by theme",
        detail: "Group the free-text comments of the last survey and report the top themes.",
        owner: Some("tbrennan"), raised: Raised::PreviousReview("c1"), kpi: Some("csat"), risk: None,
        priority: "low", due: -25,
        history: &[(-28, "done", "Top themes: delivery dates and packaging")],
    },
    ActionSeed {
        title: "Review packaging specifications with customers",
        detail: "Survey comments point at damaged packaging; no owner agreed yet.",
        owner: None, raised: Raised::PreviousReview("c1"), kpi: Some("csat"), risk: None,
        priority: "low", due: -14,
        history: &[],
    },
    ActionSeed {
        title: "Close the two minor surveillance audit findings",
        detail: "Document control and training records findings from the certification body.",
        owner: Some("swhitfield"), raised: Raised::PreviousReview("c6"), kpi: None, risk: None,
        priority: "high", due: -55,
        history: &[
            (-80, "in_progress", "Corrections made; root causes recorded"),
            (-60, "done", "Evidence sent to the certification body"),
            (-40, "effective", "Certification body closed both findings"),
        ],
    },
    ActionSeed {
        title: "Post a quality objectives board on the shop floor",
        detail: "A monthly printed board of the quality objectives by each line.",
        owner: None, raised: Raised::PreviousReview("f"), kpi: None, risk: None,
        priority: "low", due: -35,
        history: &[(-50, "cancelled", "Replaced by the screens of the digital work instructions trial")],
    },
    ActionSeed {
        title: "Evaluate an apprenticeship scheme with the local college",
        detail: "Costs, funding and mentoring load for two apprentices a year.",
        owner: Some("psharma"), raised: Raised::PreviousReview("f"), kpi: None, risk: Some("O-005"),
        priority: "low", due: 15,
        history: &[(-30, "in_progress", "First meeting held with the college")],
    },
    ActionSeed {
        title: "Get a quote for rooftop solar panels",
        detail: "Payback estimate for the board.",
        owner: Some("hcarter"), raised: Raised::PreviousReview("f"), kpi: None, risk: Some("O-006"),
        priority: "low", due: -60,
        history: &[(-65, "cancelled", "Opportunity declined: payback over nine years")],
    },
    ActionSeed {
        title: "Agree a metal price clause with the top three customers",
        detail: "Copper price adjustment in new and renewed contracts.",
        owner: Some("hcarter"), raised: Raised::PreviousReview("b"), kpi: None, risk: Some("R-011"),
        priority: "medium", due: -20,
        history: &[
            (-75, "in_progress", "Clause drafted with legal"),
            (-22, "done", "Clause agreed with two of three customers; third declined"),
        ],
    },
    ActionSeed {
        title: "Pilot the supplier portal with two suppliers",
        detail: "Shipping notices and certificates of conformity online for the laminate and connector suppliers.",
        owner: Some("rng"), raised: Raised::PreviousReview("f"), kpi: Some("supplier-otd"), risk: Some("O-003"),
        priority: "medium", due: 30,
        history: &[],
    },
    ActionSeed {
        title: "Contain J-series connector defects at goods-in",
        detail: "Full inspection of incoming J-series connector lots until the supplier's fix is proven.",
        owner: Some("swhitfield"), raised: Raised::Outside(-45), kpi: Some("supplier-ppm"), risk: None,
        priority: "high", due: -35,
        history: &[(-30, "done", "Containment in place; two lots rejected")],
    },
    ActionSeed {
        title: "Add a crimp cross-section check at every shift start",
        detail: "Follow-up to the crimp height 8D, which was not effective.",
        owner: Some("gevans"), raised: Raised::Outside(-6), kpi: Some("complaints"), risk: Some("R-005"),
        priority: "high", due: 14,
        history: &[],
    },
];

pub struct DecisionSeed {
    pub item: &'static str,
    pub category: &'static str,
    pub text: &'static str,
    pub risk: Option<&'static str>,
    /// Titles of the actions that carry the decision out.
    pub actions: &'static [&'static str],
}

pub const DECISIONS: &[DecisionSeed] = &[
    DecisionSeed {
        item: "c7", category: "improvement", risk: Some("R-001"),
        text: "Qualify a second laminate source; hold six weeks of safety stock until then.",
        actions: &["Qualify second source for PCB laminate"],
    },
    DecisionSeed {
        item: "c4", category: "qms_change", risk: Some("R-005"),
        text: "Every customer complaint above minor severity gets an 8D; QP-10 to be revised.",
        actions: &[
            "Revise complaint procedure QP-10 to require 8D",
            "Train customer service on 8D and complaint triage",
        ],
    },
    DecisionSeed {
        item: "d", category: "resources", risk: Some("O-002"),
        text: "Approve £48,000 capital for a second AOI machine on line 3.",
        actions: &["Specify and order a second AOI machine for line 3"],
    },
    DecisionSeed {
        item: "d", category: "resources", risk: None,
        text: "Recruit a second quality engineer this half-year.",
        actions: &["Recruit a second quality engineer"],
    },
    DecisionSeed {
        item: "f", category: "improvement", risk: Some("O-003"),
        text: "Pilot a supplier portal for shipping notices and certificates of conformity with two suppliers.",
        actions: &["Pilot the supplier portal with two suppliers"],
    },
];
