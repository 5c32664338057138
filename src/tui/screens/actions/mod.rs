//! The actions screen's state: the filter, one page of matching actions
//! around the cursor, and the selected action's history. Only a page is ever
//! read, so a hundred thousand actions cost no more than a hundred.

use chrono::NaiveDate;
use color_eyre::eyre::Result;
use rusqlite::Connection;

use crate::domain::action::ActionStatus;
use crate::store::actions::{
    self, ActionEvent, ActionFilter, ActionRecord, LinkKind, count_actions, list_actions,
};

/// Rows read at a time.
pub const PAGE: usize = 200;
/// "Due soon" means within this many days.
pub const DUE_SOON_DAYS: u32 = 14;

/// The status choices the screen cycles through.
pub const STATUS_CHOICES: &[(&str, &[ActionStatus])] = &[
    ("open work", &[ActionStatus::Open, ActionStatus::InProgress]),
    ("done, to check", &[ActionStatus::Done]),
    (
        "closed",
        &[
            ActionStatus::Effective,
            ActionStatus::NotEffective,
            ActionStatus::Cancelled,
        ],
    ),
    ("any status", &[]),
];

pub const LINK_CHOICES: &[Option<LinkKind>] = &[
    None,
    Some(LinkKind::Review),
    Some(LinkKind::Kpi),
    Some(LinkKind::Risk),
    Some(LinkKind::Unlinked),
];

pub struct ActionsView {
    pub filter: ActionFilter,
    pub status_choice: usize,
    pub link_choice: usize,
    /// (review id, reference) of the review filtered on, if any.
    pub review: Option<(i64, String)>,
    /// The owner filtered on, by name.
    pub owner_name: Option<String>,
    pub me: String,
    /// Every review, newest first, to cycle the "by review" filter.
    pub reviews: Vec<(i64, String)>,
    pub total: usize,
    /// Absolute position of the selected row among all matches.
    pub cursor: usize,
    /// Absolute position of `rows[0]`.
    pub page_start: usize,
    pub rows: Vec<ActionRecord>,
    pub history: Vec<ActionEvent>,
    pub decisions: Vec<String>,
    /// How long the last query took, shown for the curious.
    pub query_ms: f64,
    pub loaded: bool,
}

impl ActionsView {
    /// Starts on "mine, open work" as the issue of the day is one's own list.
    pub fn new(me: String) -> Self {
        ActionsView {
            filter: ActionFilter {
                owner_user: Some(me.clone()),
                ..ActionFilter::open_work()
            },
            status_choice: 0,
            link_choice: 0,
            review: None,
            owner_name: None,
            me,
            reviews: Vec::new(),
            total: 0,
            cursor: 0,
            page_start: 0,
            rows: Vec::new(),
            history: Vec::new(),
            decisions: Vec::new(),
            query_ms: 0.0,
            loaded: false,
        }
    }

    pub fn selected(&self) -> Option<&ActionRecord> {
        self.cursor
            .checked_sub(self.page_start)
            .and_then(|i| self.rows.get(i))
    }

    /// Reads the page around the cursor and the selected action's history.
    pub fn load(&mut self, conn: &Connection, today: NaiveDate) -> Result<()> {
        let started = std::time::Instant::now();
        let keep = self.selected().map(|a| a.id);
        self.total = count_actions(conn, &self.filter, today)?;
        self.cursor = self.cursor.min(self.total.saturating_sub(1));
        self.page_start = self.cursor.saturating_sub(PAGE / 2);
        self.rows = list_actions(conn, &self.filter, today, self.page_start, PAGE)?;
        // the same action stays selected when others' changes move it
        if let Some(id) = keep
            && let Some(i) = self.rows.iter().position(|a| a.id == id)
        {
            self.cursor = self.page_start + i;
        }
        self.load_selected(conn)?;
        if !self.loaded {
            self.reviews = crate::store::reviews::list_reviews(conn)?
                .into_iter()
                .map(|r| (r.id, r.reference))
                .collect();
            self.loaded = true;
        }
        self.query_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(())
    }

    fn load_selected(&mut self, conn: &Connection) -> Result<()> {
        match self.selected().map(|a| a.id) {
            Some(id) => {
                self.history = actions::events(conn, id)?;
                self.decisions = actions::decisions_of_action(conn, id)?;
            }
            None => {
                self.history.clear();
                self.decisions.clear();
            }
        }
        Ok(())
    }

    /// Moves the cursor; reads another page only when it leaves this one.
    pub fn move_to(&mut self, conn: &Connection, today: NaiveDate, cursor: usize) -> Result<()> {
        let cursor = cursor.min(self.total.saturating_sub(1));
        self.cursor = cursor;
        if cursor < self.page_start || cursor >= self.page_start + self.rows.len() {
            self.load(conn, today)
        } else {
            self.load_selected(conn)
        }
    }

    pub fn cycle_status(&mut self) {
        self.status_choice = (self.status_choice + 1) % STATUS_CHOICES.len();
        self.filter.statuses = STATUS_CHOICES[self.status_choice].1.to_vec();
    }

    pub fn cycle_link(&mut self) {
        self.link_choice = (self.link_choice + 1) % LINK_CHOICES.len();
        self.filter.link = LINK_CHOICES[self.link_choice];
    }

    pub fn cycle_review(&mut self) {
        let next = match &self.review {
            None => self.reviews.first().cloned(),
            Some((id, _)) => self
                .reviews
                .iter()
                .position(|(r, _)| r == id)
                .and_then(|i| self.reviews.get(i + 1).cloned()),
        };
        self.filter.review_id = next.as_ref().map(|(id, _)| *id);
        self.review = next;
    }

    pub fn toggle_mine(&mut self) {
        self.filter.owner_user = match self.filter.owner_user {
            Some(_) => None,
            None => Some(self.me.clone()),
        };
        if self.filter.owner_user.is_some() {
            self.filter.owner_id = None;
            self.owner_name = None;
            self.filter.unowned = false;
        }
    }

    pub fn clear_filters(&mut self) {
        self.filter = ActionFilter::open_work();
        self.status_choice = 0;
        self.link_choice = 0;
        self.review = None;
        self.owner_name = None;
        self.cursor = 0;
    }

    /// The filter in words, for the screen's title.
    pub fn describe(&self) -> String {
        let f = &self.filter;
        let mut parts = vec![STATUS_CHOICES[self.status_choice].0.to_string()];
        if f.owner_user.is_some() {
            parts.push("mine".into());
        }
        if let Some(name) = &self.owner_name {
            parts.push(format!("owner {name}"));
        }
        if f.unowned {
            parts.push("no owner".into());
        }
        if f.overdue {
            parts.push("overdue".into());
        }
        if f.due_within.is_some() {
            parts.push(format!("due within {DUE_SOON_DAYS} days"));
        }
        if let Some((_, r)) = &self.review {
            parts.push(format!("raised in {r}"));
        }
        if let Some(link) = f.link {
            parts.push(link.label().into());
        }
        if let Some(t) = f.text.as_deref().filter(|t| !t.is_empty()) {
            parts.push(format!("\"{t}\""));
        }
        parts.join(" · ")
    }
}

pub mod keys;
mod update;
pub mod view;

pub const SCREEN: super::ScreenDef = super::ScreenDef {
    screen: crate::tui::state::Screen::Actions,
    draw: view::draw,
    key: |app, key| {
        if let Some(msg) = crate::tui::keymap::table_msg(keys::ACTIONS, &key) {
            app.update(msg);
        }
    },
    footer: |_| crate::tui::ui::footer_keys(keys::ACTIONS),
    help: || {
        vec![crate::tui::ui::overlay::binding_lines(
            "On the actions screen",
            keys::ACTIONS,
        )]
    },
};
pub(crate) use update::cannot_judge;
