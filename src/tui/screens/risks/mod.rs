//! What the risks screen and item e) draw from: the register as loaded, the
//! view's choices (basis, filters, heat-map cursor, selection) and the small
//! forms for raising, re-rating and deciding on a risk.

use crate::domain::action::DecisionCategory;
use chrono::{DateTime, NaiveDate, Utc};
use color_eyre::eyre::Result;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;
use rusqlite::Connection;

use crate::domain::risk::{
    Band, BandLimits, Basis, HeatMap, Kind, Rating, RiskDecision, RiskEntry, RiskFilter, heat_map,
};
use crate::store::risks::{self, CompletedTreatment, RiskDetail};
use crate::tui::popups::form::{FormKey, Hint, Popup, is_ctrl, leave_or_disarm, one_line};

/// The register as read in one go with the rest of the cockpit.
#[derive(Debug, Clone, Default)]
pub struct RiskBoard {
    pub limits: BandLimits,
    /// Every entry, closed ones too, highest current score first.
    pub entries: Vec<RiskEntry>,
    /// When the previous review closed: the start of "since the last review".
    pub since: Option<DateTime<Utc>>,
    pub completed: Vec<CompletedTreatment>,
}

impl RiskBoard {
    pub fn load(conn: &Connection, review_id: i64) -> Result<Self> {
        let since = risks::last_review_closed_at(conn, review_id)?;
        Ok(RiskBoard {
            limits: risks::band_limits(conn)?,
            entries: risks::register(conn)?,
            since,
            completed: risks::completed_treatments(conn, since)?,
        })
    }

    /// High and critical risks with no open treatment action, as item e) flags them.
    pub fn untreated_high(&self) -> impl Iterator<Item = &RiskEntry> {
        self.entries
            .iter()
            .filter(|e| e.untreated_high(&self.limits))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskFocus {
    Map,
    List,
}

/// The risks screen's own state.
#[derive(Debug, Clone)]
pub struct RisksView {
    pub basis: Basis,
    pub filter: RiskFilter,
    pub focus: RiskFocus,
    /// The heat-map cursor: (likelihood, impact).
    pub cursor: (u8, u8),
    /// Index into the filtered list.
    pub selected: usize,
    /// The selected entry in full, loaded by the app when the selection changes.
    pub detail: Option<RiskDetail>,
    /// On narrow screens the detail replaces the list while open.
    pub detail_open: bool,
    pub detail_offset: usize,
}

impl Default for RisksView {
    fn default() -> Self {
        RisksView {
            basis: Basis::Residual,
            filter: RiskFilter::default(),
            focus: RiskFocus::List,
            cursor: (3, 3),
            selected: 0,
            detail: None,
            detail_open: false,
            detail_offset: 0,
        }
    }
}

impl RisksView {
    pub fn visible<'a>(&self, board: &'a RiskBoard, today: NaiveDate) -> Vec<&'a RiskEntry> {
        self.filter.apply(&board.entries, &board.limits, today)
    }

    pub fn selected_entry<'a>(
        &self,
        board: &'a RiskBoard,
        today: NaiveDate,
    ) -> Option<&'a RiskEntry> {
        self.visible(board, today).get(self.selected).copied()
    }

    /// The map on the view's basis, with the number of entries not rated on it.
    pub fn map(&self, board: &RiskBoard, today: NaiveDate) -> (HeatMap, usize) {
        heat_map(
            &board.entries,
            &self.filter,
            self.basis,
            &board.limits,
            today,
        )
    }

    /// The next owner in the register after the current filter; back to all after the last.
    pub fn next_owner(&self, board: &RiskBoard) -> Option<String> {
        let mut owners: Vec<&str> = board
            .entries
            .iter()
            .filter_map(|e| e.owner.as_deref())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        let next = match &self.filter.owner {
            None => 0,
            Some(o) => owners.iter().position(|x| x == o).map_or(0, |i| i + 1),
        };
        owners.get(next).map(|s| s.to_string())
    }
}

/// all → LOW → MEDIUM → HIGH → CRITICAL → all.
pub fn next_band(band: Option<Band>) -> Option<Band> {
    match band {
        None => Some(Band::Low),
        Some(Band::Low) => Some(Band::Medium),
        Some(Band::Medium) => Some(Band::High),
        Some(Band::High) => Some(Band::Critical),
        Some(Band::Critical) => None,
    }
}

/// all → risks → opportunities → all.
pub fn next_kind(kind: Option<Kind>) -> Option<Kind> {
    match kind {
        None => Some(Kind::Risk),
        Some(Kind::Risk) => Some(Kind::Opportunity),
        Some(Kind::Opportunity) => None,
    }
}

fn text_field(placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_placeholder_text(placeholder);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

pub fn field_text(area: &TextArea) -> String {
    area.lines().join(" ").trim().to_string()
}

/// Raising a risk or an opportunity: a few keys from any agenda item.
pub struct NewRiskForm {
    /// The raised item this risk answers: it is triaged with it.
    pub raised: Option<i64>,
    pub kind: Kind,
    pub title: TextArea<'static>,
    pub area: TextArea<'static>,
    pub owner: TextArea<'static>,
    pub likelihood: u8,
    pub impact: u8,
    pub field: NewRiskField,
    /// Esc was pressed once with text typed; a second Esc discards it.
    pub confirm_discard: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewRiskField {
    Kind,
    Title,
    Area,
    Owner,
    Likelihood,
    Impact,
}

impl NewRiskField {
    pub const ALL: [NewRiskField; 6] = [
        NewRiskField::Kind,
        NewRiskField::Title,
        NewRiskField::Area,
        NewRiskField::Owner,
        NewRiskField::Likelihood,
        NewRiskField::Impact,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NewRiskField::Kind => "Kind",
            NewRiskField::Title => "Title",
            NewRiskField::Area => "Area",
            NewRiskField::Owner => "Owner",
            NewRiskField::Likelihood => "Likelihood",
            NewRiskField::Impact => "Impact",
        }
    }
}

impl Default for NewRiskForm {
    fn default() -> Self {
        NewRiskForm {
            raised: None,
            kind: Kind::Risk,
            title: text_field("what could happen"),
            area: text_field("process or area, e.g. suppliers"),
            owner: text_field("name or user; empty for none"),
            likelihood: 3,
            impact: 3,
            field: NewRiskField::Title,
            confirm_discard: false,
        }
    }
}

impl NewRiskForm {
    pub fn has_text(&self) -> bool {
        [&self.title, &self.area, &self.owner]
            .iter()
            .any(|a| !field_text(a).is_empty())
    }

    pub fn rating(&self) -> Rating {
        Rating {
            likelihood: self.likelihood,
            impact: self.impact,
        }
    }

    pub fn move_field(&mut self, forward: bool) {
        let all = NewRiskField::ALL;
        let i = all.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = all.len();
        self.field = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }
}

/// Re-rating the selected entry: basis, likelihood, impact and why.
pub struct RatingForm {
    pub risk_id: i64,
    pub reference: String,
    pub title: String,
    pub version: i64,
    pub basis: Basis,
    pub before: Option<Rating>,
    pub likelihood: u8,
    pub impact: u8,
    /// 0 basis, 1 likelihood, 2 impact, 3 rationale.
    pub field: usize,
    pub why: TextArea<'static>,
    pub confirm_discard: bool,
    /// The entry as the form was opened on, to start from when the basis changes.
    entry: RiskEntry,
}

impl RatingForm {
    pub fn new(entry: &RiskEntry, basis: Basis) -> Self {
        let before = entry.rating(basis);
        let start = before.unwrap_or(entry.inherent);
        RatingForm {
            risk_id: entry.id,
            reference: entry.reference.clone(),
            title: entry.title.clone(),
            version: entry.version,
            basis,
            before,
            likelihood: start.likelihood,
            impact: start.impact,
            field: 1,
            why: text_field("why the rating moved (required)"),
            confirm_discard: false,
            entry: entry.clone(),
        }
    }

    pub fn rating(&self) -> Rating {
        Rating {
            likelihood: self.likelihood,
            impact: self.impact,
        }
    }
}

/// Recording what management decided about the selected risk.
pub struct DecisionForm {
    pub risk_id: i64,
    pub reference: String,
    pub title: String,
    pub version: i64,
    pub choice: RiskDecision,
    /// Its 9.3.3 output: the choice's usual one until chosen (Shift-Tab).
    pub category: DecisionCategory,
    pub note: TextArea<'static>,
    pub confirm_discard: bool,
}

/// The 9.3.3 output a risk decision usually is.
fn usual_category(choice: RiskDecision) -> DecisionCategory {
    DecisionCategory::parse(choice.category()).unwrap_or(DecisionCategory::Improvement)
}

impl DecisionForm {
    pub fn new(entry: &RiskEntry) -> Self {
        DecisionForm {
            risk_id: entry.id,
            reference: entry.reference.clone(),
            title: entry.title.clone(),
            version: entry.version,
            choice: RiskDecision::Treat,
            category: usual_category(RiskDecision::Treat),
            note: text_field("what was decided, by whom, by when (optional)"),
            confirm_discard: false,
        }
    }

    pub fn cycle(&mut self) {
        let all = RiskDecision::ALL;
        let i = all.iter().position(|d| *d == self.choice).unwrap_or(0);
        self.choice = all[(i + 1) % all.len()];
        self.category = usual_category(self.choice);
    }

    /// Shift-Tab: the 9.3.3 output it counts as, chosen rather than assumed.
    pub fn cycle_category(&mut self) {
        let all = DecisionCategory::ALL;
        let i = all.iter().position(|c| *c == self.category).unwrap_or(0);
        self.category = all[(i + 1) % all.len()];
    }
}

/// Keys of the new-risk and re-rating forms.
const RISK_FORM_KEYS: &[Hint] = &[
    ("Enter", "save"),
    ("Tab", "next field"),
    ("←/→", "change"),
    ("Esc", "cancel"),
];

impl Popup for NewRiskForm {
    fn hints(&self) -> &'static [Hint] {
        RISK_FORM_KEYS
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        if let Some(left) = leave_or_disarm(&key, self.has_text(), &mut self.confirm_discard) {
            return left;
        }
        match key.code {
            KeyCode::Enter => return FormKey::Submit,
            _ if is_ctrl(&key, 's') => return FormKey::Submit,
            KeyCode::Tab | KeyCode::Down => self.move_field(true),
            KeyCode::BackTab | KeyCode::Up => self.move_field(false),
            code => match self.field {
                NewRiskField::Kind => match code {
                    KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') => {
                        self.kind = match self.kind {
                            Kind::Risk => Kind::Opportunity,
                            Kind::Opportunity => Kind::Risk,
                        }
                    }
                    KeyCode::Char('r') => self.kind = Kind::Risk,
                    KeyCode::Char('o') => self.kind = Kind::Opportunity,
                    _ => {}
                },
                NewRiskField::Likelihood => self.likelihood = adjust(self.likelihood, code),
                NewRiskField::Impact => self.impact = adjust(self.impact, code),
                NewRiskField::Title => {
                    self.title.input(key);
                }
                NewRiskField::Area => {
                    self.area.input(key);
                }
                NewRiskField::Owner => {
                    self.owner.input(key);
                }
            },
        }
        FormKey::Stay
    }

    fn paste(&mut self, text: &str) {
        let area = match self.field {
            NewRiskField::Title => &mut self.title,
            NewRiskField::Area => &mut self.area,
            NewRiskField::Owner => &mut self.owner,
            _ => return,
        };
        area.insert_str(one_line(text));
    }
}

impl Popup for RatingForm {
    fn hints(&self) -> &'static [Hint] {
        RISK_FORM_KEYS
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        let typed = !field_text(&self.why).is_empty();
        if let Some(left) = leave_or_disarm(&key, typed, &mut self.confirm_discard) {
            return left;
        }
        match key.code {
            KeyCode::Enter => return FormKey::Submit,
            KeyCode::Tab | KeyCode::Down => self.field = (self.field + 1) % 4,
            KeyCode::BackTab | KeyCode::Up => self.field = (self.field + 3) % 4,
            code => match self.field {
                0 if matches!(code, KeyCode::Left | KeyCode::Right) => {
                    let mut fresh = RatingForm::new(&self.entry, self.basis.toggled());
                    std::mem::swap(&mut fresh.why, &mut self.why);
                    fresh.field = 0;
                    *self = fresh;
                }
                1 => self.likelihood = adjust(self.likelihood, code),
                2 => self.impact = adjust(self.impact, code),
                3 => {
                    self.why.input(key);
                }
                _ => {}
            },
        }
        FormKey::Stay
    }

    fn paste(&mut self, text: &str) {
        if self.field == 3 {
            self.why.insert_str(one_line(text));
        }
    }
}

impl Popup for DecisionForm {
    fn hints(&self) -> &'static [Hint] {
        &[
            ("Enter", "record"),
            ("Tab", "accept/treat/escalate"),
            ("Shift-Tab", "9.3.3 a/b/c"),
            ("Esc", "cancel"),
        ]
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        let typed = !field_text(&self.note).is_empty();
        if let Some(left) = leave_or_disarm(&key, typed, &mut self.confirm_discard) {
            return left;
        }
        match key.code {
            KeyCode::Tab => self.cycle(),
            KeyCode::BackTab => self.cycle_category(),
            KeyCode::Enter => return FormKey::Submit,
            _ => {
                self.note.input(key);
            }
        }
        FormKey::Stay
    }

    fn paste(&mut self, text: &str) {
        self.note.insert_str(one_line(text));
    }
}

/// One step of a 1–5 value with ←/→, or a digit typed straight in.
pub fn adjust(value: u8, key: crossterm::event::KeyCode) -> u8 {
    use crossterm::event::KeyCode;
    match key {
        KeyCode::Left | KeyCode::Char('-') => value.saturating_sub(1).max(1),
        KeyCode::Right | KeyCode::Char('+') => (value + 1).min(5),
        KeyCode::Char(c @ '1'..='5') => c as u8 - b'0',
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    #[test]
    fn values_stay_between_one_and_five() {
        assert_eq!(adjust(1, KeyCode::Left), 1);
        assert_eq!(adjust(5, KeyCode::Right), 5);
        assert_eq!(adjust(3, KeyCode::Char('5')), 5);
        assert_eq!(adjust(3, KeyCode::Char('9')), 3);
    }

    #[test]
    fn band_and_kind_filters_cycle_back_to_all() {
        let mut b = None;
        for _ in 0..5 {
            b = next_band(b);
        }
        assert_eq!(b, None);
        assert_eq!(next_kind(next_kind(next_kind(None))), None);
    }

    #[test]
    fn the_form_walks_its_fields_both_ways() {
        let mut f = NewRiskForm::default();
        assert_eq!(f.field, NewRiskField::Title);
        f.move_field(false);
        assert_eq!(f.field, NewRiskField::Kind);
        f.move_field(false);
        assert_eq!(f.field, NewRiskField::Impact);
        f.move_field(true);
        assert_eq!(f.field, NewRiskField::Kind);
    }
}

#[cfg(test)]
pub mod fixture;
pub mod keys;
mod update;
pub mod view;

pub const SCREEN: super::ScreenDef = super::ScreenDef {
    screen: crate::tui::state::Screen::Risks,
    draw: view::draw,
    key: |app, key| {
        if let Some(msg) = keys::risks_msg(&key) {
            app.risks_update(msg);
        }
    },
    footer: |_| crate::tui::ui::footer_keys(keys::RISKS),
    help: || {
        vec![crate::tui::ui::overlay::binding_lines(
            "On the risks screen",
            keys::RISKS,
        )]
    },
};
