//! The risks screen's update step and its forms: raise, re-rate, decide.
//! Writes go through the store; the register reloads with the cockpit.

use crate::domain::risk::{Basis, RiskFilter, StatusFilter};
use crate::store::error::Error;
use crate::store::people;
use crate::store::risks::{self, NewRisk};
use crate::tui::app::App;
use crate::tui::screens::risks::keys::RiskMsg;
use crate::tui::screens::risks::{
    DecisionForm, NewRiskForm, RatingForm, RiskFocus, field_text, next_band, next_kind,
};
use crate::tui::state::{Overlay, Screen};

impl App {
    pub(crate) fn open_risks(&mut self) {
        self.state.screen = Screen::Risks;
        self.sync_risk_detail(true);
    }

    pub(crate) fn raise_risk(&mut self) {
        self.state.overlay = Overlay::NewRisk(Box::default());
    }

    /// Keeps the loaded detail on the selected entry; `force` reads it again
    /// (after a reload, someone may have changed it).
    pub(crate) fn sync_risk_detail(&mut self, force: bool) {
        let today = self.state.today;
        let view = &mut self.state.risks;
        let count = view.visible(&self.state.data.board, today).len();
        view.selected = view.selected.min(count.saturating_sub(1));
        if self.state.screen != Screen::Risks {
            return;
        }
        let id = view
            .selected_entry(&self.state.data.board, today)
            .map(|e| e.id);
        let loaded = view.detail.as_ref().map(|d| d.entry.id);
        if id == loaded && !force {
            return;
        }
        match id
            .map(|id| risks::detail(self.store.conn(), id))
            .transpose()
        {
            Ok(detail) => {
                if detail.as_ref().map(|d| d.entry.id) != loaded {
                    view.detail_offset = 0;
                }
                view.detail = detail;
            }
            Err(e) => self.state.error(format!(
                "cannot read the risk: {}",
                crate::report::one_line_error(&e)
            )),
        }
    }

    /// After a filter change, stays on the same entry when it is still shown.
    fn refilter(&mut self, filter: RiskFilter) {
        let today = self.state.today;
        let board = &self.state.data.board;
        let view = &mut self.state.risks;
        let keep = view.selected_entry(board, today).map(|e| e.id);
        view.filter = filter;
        view.selected = keep
            .and_then(|id| view.visible(board, today).iter().position(|e| e.id == id))
            .unwrap_or(0);
        self.sync_risk_detail(false);
    }

    pub(crate) fn risks_update(&mut self, msg: RiskMsg) {
        self.state.status = None;
        let today = self.state.today;
        let count = self
            .state
            .risks
            .visible(&self.state.data.board, today)
            .len();
        let view = &mut self.state.risks;
        let on_map = view.focus == RiskFocus::Map && !view.detail_open;
        let mut filter = view.filter.clone();
        match msg {
            RiskMsg::Up | RiskMsg::Down if on_map => {
                let (l, i) = view.cursor;
                let l = if msg == RiskMsg::Up { l + 1 } else { l - 1 };
                view.cursor = (l.clamp(1, 5), i);
            }
            RiskMsg::Left | RiskMsg::Right if on_map => {
                let (l, i) = view.cursor;
                let i = if msg == RiskMsg::Right { i + 1 } else { i - 1 };
                view.cursor = (l, i.clamp(1, 5));
            }
            RiskMsg::Left | RiskMsg::Right => {}
            RiskMsg::Up => view.selected = view.selected.saturating_sub(1),
            RiskMsg::Down => view.selected = (view.selected + 1).min(count.saturating_sub(1)),
            RiskMsg::Top => view.selected = 0,
            RiskMsg::Bottom => view.selected = count.saturating_sub(1),
            RiskMsg::Select if on_map => {
                let (l, i) = view.cursor;
                filter.cell = Some((view.basis, l, i));
                view.focus = RiskFocus::List;
                view.selected = 0;
                view.filter = filter.clone();
            }
            RiskMsg::Select => {
                if count > 0 {
                    view.detail_open = true;
                    view.detail_offset = 0;
                }
            }
            RiskMsg::Back => {
                if view.detail_open {
                    view.detail_open = false;
                } else if filter.cell.is_some() {
                    filter.cell = None;
                } else {
                    self.state.screen = Screen::Cockpit;
                }
            }
            RiskMsg::SwitchFocus => {
                view.detail_open = false;
                view.focus = match view.focus {
                    RiskFocus::Map => RiskFocus::List,
                    RiskFocus::List => RiskFocus::Map,
                };
            }
            RiskMsg::ToggleBasis => {
                view.basis = view.basis.toggled();
                filter.cell = filter.cell.map(|(_, l, i)| (view.basis, l, i));
                let word = match view.basis {
                    Basis::Inherent => "heat map: inherent ratings (before controls)",
                    Basis::Residual => "heat map: residual ratings (with controls)",
                };
                self.state.info(word);
            }
            RiskMsg::CycleKind => filter.kind = next_kind(filter.kind),
            RiskMsg::CycleOwner => filter.owner = view.next_owner(&self.state.data.board),
            RiskMsg::CycleBand => filter.band = next_band(filter.band),
            RiskMsg::CycleStatus => filter.status = filter.status.next(),
            RiskMsg::ToggleOverdue => filter.review_overdue = !filter.review_overdue,
            RiskMsg::ToggleNoTreatment => filter.no_treatment = !filter.no_treatment,
            RiskMsg::ClearFilters => {
                filter = RiskFilter {
                    status: StatusFilter::Live,
                    ..Default::default()
                }
            }
            RiskMsg::Raise => self.raise_risk(),
            RiskMsg::Rate => {
                let basis = view.basis;
                if let Some(entry) = view.selected_entry(&self.state.data.board, today) {
                    self.state.overlay = Overlay::RateRisk(Box::new(RatingForm::new(entry, basis)));
                } else {
                    self.state.error("nothing selected to re-rate");
                }
            }
            RiskMsg::Decide => {
                if self.state.data.review.status == crate::domain::review::ReviewStatus::Closed {
                    self.state
                        .error("this review is closed; decisions belong to an open review");
                } else if let Some(entry) = view.selected_entry(&self.state.data.board, today) {
                    self.state.overlay = Overlay::DecideRisk(Box::new(DecisionForm::new(entry)));
                } else {
                    self.state.error("nothing selected to decide on");
                }
            }
            RiskMsg::CaptureAction => match view.selected_entry(&self.state.data.board, today) {
                Some(entry) => {
                    let link = crate::tui::popups::capture::ActionLink {
                        agenda_item_id: self.state.item_for_input("e"),
                        risk_id: Some(entry.id),
                        ..Default::default()
                    };
                    self.open_action_form(link);
                }
                None => self.state.error("nothing selected to act on"),
            },
            RiskMsg::ScrollDown => view.detail_offset += 5,
            RiskMsg::ScrollUp => view.detail_offset = view.detail_offset.saturating_sub(5),
            RiskMsg::Cockpit => self.state.screen = Screen::Cockpit,
            RiskMsg::Help => self.state.open_help(),
            RiskMsg::Quit => self.request_quit(),
        }
        if filter != self.state.risks.filter {
            self.refilter(filter);
        } else {
            self.sync_risk_detail(false);
        }
    }

    /// Someone changed the entry first: show theirs, say so, and return the
    /// version a second Enter deliberately writes over.
    fn after_conflict(&mut self, id: i64, conflict: &crate::store::Conflict, again: &str) -> i64 {
        self.reload();
        let version = self
            .state
            .data
            .board
            .entries
            .iter()
            .find(|e| e.id == id)
            .map_or(0, |e| e.version);
        self.state.error(format!("{conflict}. Enter again {again}"));
        version
    }

    pub(crate) fn save_new_risk(&mut self, form: &NewRiskForm) -> bool {
        let title = field_text(&form.title);
        if title.is_empty() {
            self.state
                .error("give it a title (what could happen), or Esc to leave");
            return false;
        }
        let owner = field_text(&form.owner);
        let owner_id = if owner.is_empty() {
            None
        } else {
            match people::find(self.store.conn(), &owner) {
                Ok(id) => Some(id),
                Err(e) => {
                    self.state.error(crate::report::one_line_error(&e));
                    return false;
                }
            }
        };
        let area = field_text(&form.area);
        let new = NewRisk {
            kind: form.kind,
            title: &title,
            description: "",
            area: &area,
            owner_id,
            rating: form.rating(),
            treatment: "",
            next_review: None,
        };
        let (now, review_id) = (self.state.now, self.review_id);
        let raised = form.raised.and_then(|id| self.state.raised_code(id));
        let Some((id, reference)) = self.write(|tx, actor| {
            let (id, reference) = risks::add_risk(tx, actor, now, &new)?;
            if let Some(code) = &raised {
                let became = crate::domain::raised::Outcome::Risk(reference.clone());
                crate::store::raised::triage(tx, actor, now, code, review_id, &became)?;
            }
            Ok((id, reference))
        }) else {
            return false;
        };
        let label = self.state.data.board.limits.label(form.rating());
        let triaged = raised
            .map(|code| format!("; {code} became it"))
            .unwrap_or_default();
        self.state.info(format!(
            "Added {reference} ({}, {label}){triaged}; R shows the register",
            form.kind.as_str()
        ));
        if self.state.screen == Screen::Risks {
            let today = self.state.today;
            let view = &mut self.state.risks;
            if let Some(pos) = view
                .visible(&self.state.data.board, today)
                .iter()
                .position(|e| e.id == id)
            {
                view.selected = pos;
            }
            self.sync_risk_detail(true);
        }
        true
    }

    pub(crate) fn save_rating(&mut self, form: &mut RatingForm) -> bool {
        let (id, version, basis, rating, now) = (
            form.risk_id,
            form.version,
            form.basis,
            form.rating(),
            self.state.now,
        );
        let why = field_text(&form.why);
        if why.is_empty() {
            self.state
                .error("say why the rating moved; the reason is kept in the history");
            form.field = 3;
            return false;
        }
        match self.store.write(|tx, actor| {
            risks::rate_risk(tx, actor, now, id, Some(version), basis, rating, &why)
        }) {
            Ok(before) => {
                self.reload();
                let limits = self.state.data.board.limits;
                self.state.info(format!(
                    "{} {} rating {} ({})",
                    form.reference,
                    basis.as_str(),
                    limits.label(rating),
                    crate::domain::risk::movement(before, rating)
                ));
                true
            }
            Err(Error::Conflict(conflict)) => {
                form.version = self.after_conflict(id, &conflict, "re-rates over theirs");
                false
            }
            Err(e) => {
                self.state.error(crate::report::one_line_error(&e));
                false
            }
        }
    }

    pub(crate) fn save_decision(&mut self, form: &mut DecisionForm) -> bool {
        let (id, version, choice, category, now, review_id) = (
            form.risk_id,
            form.version,
            form.choice,
            form.category,
            self.state.now,
            self.review_id,
        );
        // a decision on a risk belongs to input e), whichever item is on screen
        let item = self.state.item_for_input("e");
        let note = field_text(&form.note);
        match self.store.write(|tx, actor| {
            risks::decide(
                tx,
                actor,
                now,
                id,
                Some(version),
                review_id,
                item,
                choice,
                category,
                &note,
            )
        }) {
            Ok(reference) => {
                self.reload();
                let status = self
                    .state
                    .data
                    .board
                    .entries
                    .iter()
                    .find(|e| e.id == id)
                    .map_or("", |e| e.status.as_str());
                self.state.info(format!(
                    "{reference} recorded: {} {} (9.3.3 {}); status {status}",
                    choice.word(),
                    form.reference,
                    crate::domain::action::DecisionCategory::short_label(category.as_str())
                ));
                true
            }
            Err(Error::Conflict(conflict)) => {
                form.version = self.after_conflict(id, &conflict, "records the decision");
                false
            }
            Err(e) => {
                self.state.error(crate::report::one_line_error(&e));
                false
            }
        }
    }
}

#[cfg(test)]
mod tests;
