//! Everything the screens draw from. Loaded from the store by the app;
//! drawing reads it and never touches the database.

use chrono::{DateTime, NaiveDate, Utc};
use color_eyre::eyre::Result;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;
use rusqlite::Connection;

use super::popups::capture::{ActionForm, ReviewDecisionForm};
use super::popups::form::{FormKey, Hint, Popup, leaves, one_line};
use super::screens::actions::ActionsView;
use super::screens::kpis::KpiBoard;
use super::screens::risks::{DecisionForm, NewRiskForm, RatingForm, RiskBoard, RisksView};
use crate::domain::model::{
    ActionSummary, AgendaItem, Attendee, DecisionSummary, KpiSummary, Review,
};
use crate::store::actions::CheckOutcome;
use crate::store::writes::Changed;
use crate::store::{Conflict, actions, evidence, reviews};

/// One consistent read of the review and its evidence.
#[derive(Debug, Clone)]
pub struct CockpitData {
    pub organisation: String,
    pub review: Review,
    pub attendees: Vec<Attendee>,
    pub items: Vec<AgendaItem>,
    /// Item a): actions from earlier reviews still open or awaiting an effectiveness check.
    pub carried: Vec<ActionSummary>,
    /// What the facilitator did with each carried action in this review, by action id.
    pub carried_checks: Vec<(i64, CheckOutcome)>,
    pub kpis: Vec<KpiSummary>,
    /// The risk and opportunity register, for item e) and the risks screen.
    pub board: RiskBoard,
    /// Actions and decisions raised in this review.
    pub actions: Vec<ActionSummary>,
    pub decisions: Vec<DecisionSummary>,
    /// The parking lot: topics parked in this review and what became of each.
    pub parked: Vec<crate::domain::parking::ParkedTopic>,
    /// 9.3.3 categories the review said needed nothing: (category, why).
    pub none_needed: Vec<(String, String)>,
    /// The nonconformity register, for item c)4.
    pub ncs: Vec<crate::domain::nc::Nonconformity>,
    /// Customer feedback, for item c)1.
    pub feedback: Vec<crate::domain::feedback::Feedback>,
    /// External providers, for item c)7.
    pub providers: Vec<crate::domain::provider::Provider>,
    /// Resource needs, for item d).
    pub needs: Vec<crate::domain::need::Need>,
    /// The audit programme and its findings, for item c)6.
    pub audits: Vec<crate::domain::audit::Audit>,
    pub findings: Vec<crate::domain::audit::Finding>,
    /// Raised concerns and ideas, for item f) and the input each names.
    pub raised: Vec<crate::domain::raised::Raised>,
    /// The quality policy in force and what this review said of it, for item c)2.
    pub policy: Option<crate::domain::policy::PolicyInReview>,
    /// The context register for item b), the last review's day, and the
    /// entries this review confirmed unchanged.
    pub context: Vec<crate::domain::context::ContextEntry>,
    pub context_since: Option<NaiveDate>,
    pub context_confirmed: Vec<i64>,
    /// The strategy for item c)2: directions, and objectives with their links.
    pub directions: Vec<crate::domain::strategy::Direction>,
    pub objectives: Vec<crate::domain::strategy::Objective>,
}

/// The tables each part of the cockpit's data is read from (actions and
/// people feed nearly every list, as links and owners): a commit that
/// changed none of a part's tables leaves that part as it was.
mod reads {
    pub const CARRIED: &[&str] = &["action", "person", "review", "review_action_check"];
    pub const KPIS: &[&str] = &["kpi", "kpi_value"];
    pub const RISKS: &[&str] = &[
        "risk",
        "risk_rating",
        "risk_kpi",
        "risk_band_limits",
        "action",
        "person",
        "review",
    ];
    pub const NCS: &[&str] = &["nonconformity", "nonconformity_action", "action", "person"];
    pub const FEEDBACK: &[&str] = &[
        "feedback",
        "feedback_action",
        "nonconformity",
        "action",
        "person",
    ];
    pub const PROVIDERS: &[&str] = &[
        "provider",
        "provider_evaluation",
        "provider_nc",
        "provider_kpi",
        "provider_action",
        "nonconformity",
        "kpi",
        "kpi_value",
        "action",
        "person",
    ];
    pub const NEEDS: &[&str] = &[
        "resource_need",
        "resource_need_action",
        "agenda_item",
        "decision",
        "review",
        "action",
        "person",
    ];
    pub const AUDITS: &[&str] = &[
        "audit",
        "finding",
        "finding_action",
        "nonconformity",
        "action",
        "person",
    ];
    pub const RAISED: &[&str] = &[
        "raised",
        "action",
        "risk",
        "nonconformity",
        "decision",
        "review",
    ];
    pub const CONTEXT: &[&str] = &["context_entry", "risk", "review"];
    pub const STRATEGY: &[&str] = &[
        "strategic_direction",
        "quality_objective",
        "kpi_objective",
        "risk_objective",
        "action_objective",
        "kpi",
        "kpi_value",
        "risk",
        "action",
        "person",
    ];
}

impl CockpitData {
    pub fn load(conn: &Connection, review_id: i64) -> Result<Self> {
        let mut data = CockpitData {
            organisation: String::new(),
            review: reviews::review_by_id(conn, review_id)?,
            attendees: Vec::new(),
            items: Vec::new(),
            carried: Vec::new(),
            carried_checks: Vec::new(),
            kpis: Vec::new(),
            board: RiskBoard::default(),
            actions: Vec::new(),
            decisions: Vec::new(),
            parked: Vec::new(),
            none_needed: Vec::new(),
            ncs: Vec::new(),
            feedback: Vec::new(),
            providers: Vec::new(),
            needs: Vec::new(),
            audits: Vec::new(),
            findings: Vec::new(),
            raised: Vec::new(),
            policy: None,
            context: Vec::new(),
            context_since: None,
            context_confirmed: Vec::new(),
            directions: Vec::new(),
            objectives: Vec::new(),
        };
        data.refresh(conn, review_id, &Changed::All)?;
        Ok(data)
    }

    /// Reads again the parts fed by the tables that `changed`, in one read
    /// transaction so that the panes agree with each other. The review's own
    /// rows are few and always read.
    pub fn refresh(&mut self, conn: &Connection, review_id: i64, changed: &Changed) -> Result<()> {
        conn.execute_batch("BEGIN DEFERRED")?;
        let read = self.refresh_inner(conn, review_id, changed);
        conn.execute_batch("COMMIT")?;
        read
    }

    fn refresh_inner(&mut self, conn: &Connection, id: i64, changed: &Changed) -> Result<()> {
        use crate::store as s;
        self.organisation = evidence::organisation_name(conn)?.unwrap_or_default();
        self.review = reviews::review_by_id(conn, id)?;
        self.attendees = reviews::attendees(conn, id)?;
        self.items = reviews::agenda(conn, id)?;
        self.carried_checks = actions::review_checks(conn, id)?;
        self.actions = evidence::review_actions(conn, id)?;
        self.decisions = evidence::review_decisions(conn, id)?;
        self.parked = s::parking::list(conn, id)?;
        self.none_needed = s::outcome::none_needed(conn, id)?;
        self.policy = s::policy::in_review(conn, id)?;
        self.context_since = s::context::since(conn, id)?;
        self.context_confirmed = s::context::confirmed(conn, id)?;
        if changed.any(reads::CARRIED) {
            self.carried = evidence::carried_forward_actions(conn, id)?;
        }
        if changed.any(reads::KPIS) {
            self.kpis = evidence::kpis_with_latest(conn)?;
        }
        if changed.any(reads::RISKS) {
            self.board = RiskBoard::load(conn, id)?;
        }
        if changed.any(reads::NCS) {
            self.ncs = s::ncs::list(conn, false)?;
        }
        if changed.any(reads::FEEDBACK) {
            self.feedback = s::feedback::list(conn, false)?;
        }
        if changed.any(reads::PROVIDERS) {
            self.providers = s::providers::list(conn, false)?;
        }
        if changed.any(reads::NEEDS) {
            self.needs = s::needs::list(conn, false)?;
        }
        if changed.any(reads::AUDITS) {
            self.audits = s::findings::audits(conn)?;
            self.findings = s::findings::list(conn, false)?;
        }
        if changed.any(reads::RAISED) {
            self.raised = s::raised::list(conn, false)?;
        }
        if changed.any(reads::CONTEXT) {
            self.context = s::context::list(conn)?;
        }
        if changed.any(reads::STRATEGY) {
            self.directions = s::strategy::directions(conn)?;
            self.objectives = s::strategy::objectives(conn)?;
        }
        Ok(())
    }

    /// The agenda item a raised item waits on: the input it names, else f).
    pub fn raised_item(&self, raised_id: i64) -> Option<&AgendaItem> {
        let key = self
            .raised
            .iter()
            .find(|r| r.id == raised_id)
            .map_or("f", |r| r.input_key.as_str());
        self.items
            .iter()
            .find(|i| i.input_key == key)
            .or_else(|| self.items.iter().find(|i| i.input_key == "f"))
    }

    pub fn item(&self, id: i64) -> Option<&AgendaItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Seconds spent on an item, including the clock segment running now.
    pub fn spent_secs(&self, item: &AgendaItem, now: DateTime<Utc>) -> i64 {
        let running = if self.review.current_item_id == Some(item.id) {
            self.review.clock.running_secs(now)
        } else {
            0
        };
        item.spent_secs + running
    }

    /// The close-out check on what is loaded: no database needed.
    pub fn close_check(&self) -> crate::domain::closeout::CloseCheck {
        let categories: Vec<&str> = self.decisions.iter().map(|d| d.category.as_str()).collect();
        let judged: Vec<i64> = self.carried_checks.iter().map(|(id, _)| *id).collect();
        crate::domain::closeout::check(&crate::domain::closeout::CheckInput {
            items: &self.items,
            attendees: &self.attendees,
            chair: self.review.chair.as_deref(),
            decision_categories: &categories,
            none_needed: &self.none_needed,
            actions: &self.actions,
            carried: &self.carried,
            judged: &judged,
            conclusion: &self.review.conclusion,
            next_review: self.review.next_review,
        })
    }

    pub fn check_of(&self, action_id: i64) -> Option<CheckOutcome> {
        self.carried_checks
            .iter()
            .find(|(id, _)| *id == action_id)
            .map(|(_, c)| *c)
    }

    pub fn total_timebox_secs(&self) -> i64 {
        self.items.iter().map(|i| i.timebox_secs).sum()
    }
}

/// The notes being written on one item.
pub struct NotesEditor {
    pub item_id: i64,
    /// The version the text was based on; a save against another version is a conflict.
    pub base_version: i64,
    /// After a refused save: the version of the colleague's notes shown beside
    /// ours, the one an explicit "keep mine" or "keep both" replaces.
    pub theirs_version: i64,
    pub textarea: TextArea<'static>,
    /// Typed and not yet saved to the review.
    pub dirty: bool,
    pub edited_at: DateTime<Utc>,
    pub conflict: Option<Conflict>,
    /// A save was refused and the writer is choosing: keep mine, take theirs, keep both.
    pub resolving: bool,
    /// What is typed is stored as this account's draft (a crash loses nothing).
    pub kept_as_draft: bool,
    /// A draft row exists for this item, to remove once the notes are saved.
    pub draft_stored: bool,
}

impl NotesEditor {
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Characters typed, line breaks included.
    pub fn char_count(&self) -> usize {
        let lines = self.textarea.lines();
        lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
    }
}

/// Which full screen is showing under the header and above the footer;
/// each registers itself in `screens::SCREENS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum Screen {
    Cockpit,
    /// The KPI grid, one KPI's detail or its focus view (see `KpiBoard::view`).
    Kpis,
    /// The risk and opportunity register: heat map, list and detail.
    Risks,
    /// Every action, filtered: between meetings and from the cockpit with `A`.
    Actions,
    /// The registers the 9.3.2 inputs are fed from (`N`): nonconformities,
    /// audit findings.
    Registers,
    /// Strategic directions and the quality objectives under them (`O`).
    Strategy,
    /// The group's sites side by side (`M`, `steerco sites view`).
    Sites,
}

pub enum Overlay {
    None,
    ConfirmQuit,
    /// "Take over the meeting from …?": y or n.
    ConfirmTakeOver,
    /// What was captured on the current item, read back before moving on to item `to`.
    ReadBack {
        to: usize,
    },
    /// The parking lot, its cursor on a topic.
    Parking {
        cursor: usize,
    },
    /// Taking attendance.
    Attendance(Box<crate::tui::screens::cockpit::attendance::AttendanceList>),
    /// Asking why the current item is not applicable.
    NotApplicableReason(Box<TextArea<'static>>),
    /// Raising a risk or an opportunity.
    NewRisk(Box<NewRiskForm>),
    /// Re-rating the selected risk, with the reason why.
    RateRisk(Box<RatingForm>),
    /// Recording a decision (accept, treat, escalate) on the selected risk.
    DecideRisk(Box<DecisionForm>),
    /// The close-out check, and the chair's sign-off.
    SignOff(Box<SignOffForm>),
    ActionForm(Box<ActionForm>),
    DecisionForm(Box<ReviewDecisionForm>),
    /// One line of text for an action: a new date, a reason, a note, a filter.
    Prompt(Box<Prompt>),
    /// The 9.3.1 conclusion, the next review, and the outputs not needed.
    Conclusion(Box<crate::tui::popups::conclusion::ConclusionForm>),
    /// Raising a concern or an idea for the next review.
    Raise(Box<crate::tui::popups::raise::RaiseForm>),
}

/// What the sign-off overlay shows: the check as it stood when opened, who
/// signs, and the reason for closing despite gaps.
pub struct SignOffForm {
    pub check: crate::domain::closeout::CloseCheck,
    pub signer: String,
    pub reason: TextArea<'static>,
}

/// A cockpit's part in the meeting: the driver moves the current item and
/// runs the clock; a browser looks around on its own without moving the
/// room; a follower (`steerco follow`) shows what the room shows and no key
/// of it changes anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Driver,
    Browser,
    Follower,
}

/// What a one-line prompt's text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    /// A new due date for a carried-forward action (checked in this review).
    Redate(i64),
    /// Why the action is re-dated to this day; the reason goes to the minutes.
    RedateWhy(i64, chrono::NaiveDate),
    /// Why a done action was not effective; it is reopened.
    NotEffective(i64),
    /// The due date of an action reopened as not effective, for this reason.
    ReopenDue(i64, String),
    /// Why an edited action's due date moves; the form waits in `parked_form`.
    MoveDueWhy,
    /// Which captured action or decision to withdraw.
    WithdrawWhich,
    /// Which captured action or decision to correct.
    CorrectWhich,
    /// Why this captured action or decision is withdrawn.
    WithdrawWhy(String),
    /// A topic to park.
    ParkTopic,
    /// Who takes the topic being parked away.
    ParkOwner(String),
    /// The due date of the action a parked topic becomes.
    ParkedDue(String),
    /// Why a parked topic is dropped.
    ParkedDropWhy(String),
    /// Why a KPI's value for this period, recorded by mistake, goes.
    RemoveKpiValue(String, crate::domain::kpi::Period),
    Cancel(i64),
    Note(i64),
    OwnerFilter,
    TextFilter,
    /// The title of the nonconformity a raised item becomes.
    RaisedNc(i64),
    /// Why a raised item is declined.
    DeclineRaised(i64),
}

pub struct Prompt {
    pub purpose: PromptFor,
    pub title: String,
    pub area: TextArea<'static>,
}

impl Popup for Prompt {
    fn hints(&self) -> &'static [Hint] {
        Popup::hints(&self.area)
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        Popup::key(&mut self.area, key)
    }

    fn paste(&mut self, text: &str) {
        Popup::paste(&mut self.area, text)
    }
}

impl Popup for SignOffForm {
    fn hints(&self) -> &'static [Hint] {
        if self.check.is_complete() {
            &[("Enter", "sign off and lock"), ("Esc", "cancel")]
        } else {
            &[
                ("Enter", "sign off and lock"),
                ("type", "the reason"),
                ("Esc", "cancel"),
            ]
        }
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        match key.code {
            _ if leaves(&key) => FormKey::Close,
            KeyCode::Enter => FormKey::Submit,
            _ if !self.check.is_complete() => {
                self.reason.input(key);
                FormKey::Stay
            }
            _ => FormKey::Stay,
        }
    }

    fn paste(&mut self, text: &str) {
        if !self.check.is_complete() {
            self.reason.insert_str(one_line(text));
        }
    }

    fn left_note(&self) -> Option<&'static str> {
        Some("not signed off")
    }
}

impl Overlay {
    /// The form, prompt or pop-up editor open, if the overlay is one.
    pub fn popup(&self) -> Option<&dyn Popup> {
        Some(match self {
            Overlay::NotApplicableReason(area) => area.as_ref(),
            Overlay::NewRisk(f) => f.as_ref(),
            Overlay::RateRisk(f) => f.as_ref(),
            Overlay::DecideRisk(f) => f.as_ref(),
            Overlay::SignOff(f) => f.as_ref(),
            Overlay::ActionForm(f) => f.as_ref(),
            Overlay::DecisionForm(f) => f.as_ref(),
            Overlay::Prompt(p) => p.as_ref(),
            Overlay::Conclusion(f) => f.as_ref(),
            Overlay::Raise(f) => f.as_ref(),
            Overlay::Attendance(list) => list.as_ref(),
            Overlay::None
            | Overlay::ConfirmQuit
            | Overlay::ConfirmTakeOver
            | Overlay::ReadBack { .. }
            | Overlay::Parking { .. } => {
                return None;
            }
        })
    }

    pub fn popup_mut(&mut self) -> Option<&mut dyn Popup> {
        Some(match self {
            Overlay::NotApplicableReason(area) => area.as_mut(),
            Overlay::NewRisk(f) => f.as_mut(),
            Overlay::RateRisk(f) => f.as_mut(),
            Overlay::DecideRisk(f) => f.as_mut(),
            Overlay::SignOff(f) => f.as_mut(),
            Overlay::ActionForm(f) => f.as_mut(),
            Overlay::DecisionForm(f) => f.as_mut(),
            Overlay::Prompt(p) => p.as_mut(),
            Overlay::Conclusion(f) => f.as_mut(),
            Overlay::Raise(f) => f.as_mut(),
            Overlay::Attendance(list) => list.as_mut(),
            Overlay::None
            | Overlay::ConfirmQuit
            | Overlay::ConfirmTakeOver
            | Overlay::ReadBack { .. }
            | Overlay::Parking { .. } => {
                return None;
            }
        })
    }
}

/// The carried-forward list on item a) can take the keys (Tab) to check actions one by one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CarryFocus {
    pub focused: bool,
    pub cursor: usize,
    /// The action under the cursor, so it stays selected when the list re-sorts.
    pub action_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

pub struct StatusLine {
    pub text: String,
    pub kind: StatusKind,
    /// A warning about the key just pressed: the next key clears it.
    pub until_next_key: bool,
}

pub struct State {
    pub screen: Screen,
    pub data: CockpitData,
    /// Index of the current item in `data.items`.
    pub selected: usize,
    pub editor: Option<NotesEditor>,
    pub overlay: Overlay,
    /// An action form waiting behind the prompt asking why its due date moves.
    pub parked_form: Option<Box<ActionForm>>,
    /// The help shows over whatever is open, a form included.
    pub help_open: bool,
    /// How far the help is scrolled.
    pub help_scroll: u16,
    pub status: Option<StatusLine>,
    pub evidence_offset: usize,
    pub risks: RisksView,
    pub carry: CarryFocus,
    pub actions: ActionsView,
    /// Started as `steerco actions`: leaving the screen quits.
    pub actions_only: bool,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// False once a refresh from the database failed: the view may be stale.
    pub live: bool,
    /// Whether this cockpit moves the room, browses, or only follows.
    pub seat: Seat,
    /// Who drives the meeting now, and how many follow it.
    pub presence: crate::store::sessions::Presence,
    /// The database cannot be written by this account: the cockpit only shows.
    pub read_only: bool,
    pub kpis: KpiBoard,
    pub registers: crate::tui::screens::registers::RegisterView,
    /// The selected objective on the strategy screen, in tree order.
    pub strategy_cursor: usize,
    /// The terminal's width, for moving up and down a grid that reflows.
    pub width: u16,
    /// Items read back, with how many captures they held then.
    pub read_back: std::collections::HashMap<i64, usize>,
    /// The corporate screen's sites, as read when it opened.
    pub sites: crate::tui::screens::sites::SitesView,
    /// `steerco sites view`: the corporate screen, which quits when left.
    pub sites_only: bool,
}

impl State {
    /// A raised item's receipt code, by id.
    pub fn raised_code(&self, id: i64) -> Option<String> {
        self.data
            .raised
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.code.clone())
    }

    /// Opens the help at its top.
    /// Whether the panes say which key does what: a follower's keys change
    /// nothing, so it is never told to press one.
    pub fn offers_keys(&self) -> bool {
        self.seat != Seat::Follower
    }

    pub fn open_help(&mut self) {
        self.help_scroll = 0;
        self.help_open = true;
    }

    pub fn new(data: CockpitData, now: DateTime<Utc>, today: NaiveDate) -> Self {
        let selected = data
            .review
            .current_item_id
            .and_then(|id| data.items.iter().position(|i| i.id == id))
            .unwrap_or(0);
        State {
            screen: Screen::Cockpit,
            data,
            selected,
            editor: None,
            overlay: Overlay::None,
            parked_form: None,
            help_open: false,
            help_scroll: 0,
            status: None,
            evidence_offset: 0,
            risks: RisksView::default(),
            carry: CarryFocus::default(),
            actions: ActionsView::new(crate::store::os_user()),
            actions_only: false,
            now,
            today,
            live: true,
            seat: Seat::Driver,
            presence: Default::default(),
            read_only: false,
            kpis: KpiBoard::new(Vec::new()),
            registers: Default::default(),
            strategy_cursor: 0,
            width: 80,
            read_back: Default::default(),
            sites: Default::default(),
            sites_only: false,
        }
    }

    pub fn current_item(&self) -> Option<&AgendaItem> {
        self.data.items.get(self.selected)
    }

    /// Where something captured about a 9.3.2 input is filed: that input's
    /// agenda item ("c1" for a KPI of customer satisfaction, "e" for a
    /// risk), else the item on screen.
    pub fn item_for_input(&self, input_key: &str) -> Option<i64> {
        self.data
            .items
            .iter()
            .find(|i| i.input_key == input_key)
            .or_else(|| self.current_item())
            .map(|i| i.id)
    }

    /// The pop-up taking the keys: an overlay's, or the KPI screen's record form.
    /// An overlay comes first: help or a capture form may open over the form.
    pub fn popup(&self) -> Option<&dyn Popup> {
        match (&self.overlay, &self.kpis.form) {
            (Overlay::None, Some(form)) if self.screen == Screen::Kpis => Some(form),
            (overlay, _) => overlay.popup(),
        }
    }

    pub fn popup_mut(&mut self) -> Option<&mut dyn Popup> {
        match (&mut self.overlay, &mut self.kpis.form) {
            (Overlay::None, Some(form)) if self.screen == Screen::Kpis => Some(form),
            (overlay, _) => overlay.popup_mut(),
        }
    }

    pub fn has_unsaved_notes(&self) -> bool {
        self.editor.as_ref().is_some_and(|e| e.dirty)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            kind: StatusKind::Info,
            until_next_key: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            kind: StatusKind::Error,
            until_next_key: false,
        });
    }

    /// A warning that holds only until the next key, such as "Esc again discards".
    pub fn warn_until_next_key(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            kind: StatusKind::Error,
            until_next_key: true,
        });
    }
}
