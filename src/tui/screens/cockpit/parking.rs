//! The parking lot in the cockpit (L): park a topic that would derail the
//! item, with who takes it away, and settle each before sign-off: an action
//! (a), the next review's agenda (v), or dropped with a reason (x).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::due::parse_ahead;
use crate::domain::parking::{ParkedOutcome, ParkedTopic};
use crate::store::parking::{self, NewParked};
use crate::tui::app::App;
use crate::tui::popups::form::Hint;
use crate::tui::state::{Overlay, Prompt, PromptFor, State};
use crate::tui::theme;
use crate::tui::ui::overlay::keyed_box;
use crate::tui::ui::safe;

/// Keys while the parking lot shows.
pub const PARKING_KEYS: &[Hint] = &[
    ("n", "park a topic"),
    ("a", "→ action"),
    ("v", "→ next review"),
    ("x", "drop"),
    ("↑/↓", "topic"),
    ("Esc", "close"),
];

impl App {
    /// L: the parking lot; an empty one asks for a topic at once.
    pub(crate) fn open_parking(&mut self) {
        if self.state.data.parked.is_empty() {
            if self.refuse_if_locked() {
                return;
            }
            return self.ask_park();
        }
        self.state.overlay = Overlay::Parking { cursor: 0 };
    }

    fn ask_park(&mut self) {
        self.prompt(
            PromptFor::ParkTopic,
            "Park which topic? (it comes back before sign-off)".to_string(),
            "",
        );
    }

    fn back_to_lot(&mut self, reference: Option<&str>) {
        let cursor = reference
            .and_then(|r| self.state.data.parked.iter().position(|t| t.reference == r))
            .unwrap_or(0);
        self.state.overlay = Overlay::Parking { cursor };
    }

    pub(crate) fn parking_key(&mut self, key: KeyEvent, cursor: usize) {
        let last = self.state.data.parked.len().saturating_sub(1);
        let selected = self.state.data.parked.get(cursor).cloned();
        let settle = |app: &mut App| -> Option<ParkedTopic> {
            if app.refuse_if_locked() {
                return None;
            }
            match selected.clone() {
                Some(t) if t.outcome == ParkedOutcome::Parked => Some(t),
                Some(t) => {
                    app.state.error(format!(
                        "{} is settled already: {}",
                        t.reference,
                        t.settled_as()
                    ));
                    None
                }
                None => None,
            }
        };
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                self.state.overlay = Overlay::Parking {
                    cursor: (cursor + 1).min(last),
                }
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.state.overlay = Overlay::Parking {
                    cursor: cursor.saturating_sub(1),
                }
            }
            KeyCode::Char('n') if !self.refuse_if_locked() => self.ask_park(),
            KeyCode::Char('a') => {
                if let Some(t) = settle(self) {
                    self.prompt(
                        PromptFor::ParkedDue(t.reference.clone()),
                        format!(
                            "{} becomes an action: due when? (+2w, fri, 2027-01-15)",
                            t.reference
                        ),
                        "",
                    );
                }
            }
            KeyCode::Char('v') => {
                if let Some(t) = settle(self) {
                    let now = self.state.now;
                    if let Some(placed) = self
                        .write(|tx, actor| parking::to_next_review(tx, actor, now, &t.reference))
                    {
                        self.state.info(match placed {
                            Some(next) => format!("{} is on {next}'s agenda", t.reference),
                            None => format!(
                                "{} goes onto the next review's agenda once it is planned",
                                t.reference
                            ),
                        });
                    }
                    self.back_to_lot(Some(&t.reference));
                }
            }
            KeyCode::Char('x') => {
                if let Some(t) = settle(self) {
                    self.prompt(
                        PromptFor::ParkedDropWhy(t.reference.clone()),
                        format!("Why drop {}? (the minutes print it)", t.reference),
                        "",
                    );
                }
            }
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('L') => {
                self.state.overlay = Overlay::None
            }
            _ => {}
        }
    }

    pub(crate) fn submit_parking_prompt(&mut self, prompt: Box<Prompt>, text: &str) {
        let (now, today) = (self.state.now, self.state.today);
        match prompt.purpose {
            PromptFor::ParkTopic => {
                if let Err(e) = crate::domain::parking::check_topic(text) {
                    self.state.error(e);
                    return self.state.overlay = Overlay::Prompt(prompt);
                }
                self.prompt(
                    PromptFor::ParkOwner(text.to_string()),
                    "Who takes it away? (a name; Enter for nobody yet)".to_string(),
                    "",
                );
            }
            PromptFor::ParkOwner(ref topic) => {
                let owner = match (!text.is_empty())
                    .then(|| crate::store::people::find_person(self.store.conn(), text))
                    .transpose()
                {
                    Ok(owner) => owner,
                    Err(e) => {
                        self.state.error(crate::report::one_line_error(&e));
                        return self.state.overlay = Overlay::Prompt(prompt);
                    }
                };
                let new = NewParked {
                    review_id: self.review_id,
                    agenda_item_id: self.state.current_item().map(|i| i.id),
                    topic,
                    owner_id: owner.map(|p| p.id),
                };
                if let Some(reference) = self.write(|tx, actor| parking::park(tx, actor, now, &new))
                {
                    self.state
                        .info(format!("{reference} parked; L shows the lot"));
                }
            }
            PromptFor::ParkedDue(ref reference) => {
                let due = match (!text.is_empty())
                    .then(|| parse_ahead(text, today))
                    .transpose()
                {
                    Ok(due) => due,
                    Err(e) => {
                        self.state.error(e);
                        return self.state.overlay = Overlay::Prompt(prompt);
                    }
                };
                let reference = reference.clone();
                if let Some(action) =
                    self.write(|tx, actor| parking::to_action(tx, actor, now, &reference, due))
                {
                    let flag = if due.is_none() {
                        " (no due date yet)"
                    } else {
                        ""
                    };
                    self.state
                        .info(format!("{reference} became {action}{flag}"));
                }
                self.back_to_lot(Some(&reference));
            }
            PromptFor::ParkedDropWhy(ref reference) => {
                if text.is_empty() {
                    self.state.error("say why it is dropped, or Esc");
                    return self.state.overlay = Overlay::Prompt(prompt);
                }
                let reference = reference.clone();
                if self
                    .write(|tx, actor| parking::drop_topic(tx, actor, now, &reference, text))
                    .is_some()
                {
                    self.state.info(format!("{reference} dropped"));
                }
                self.back_to_lot(Some(&reference));
            }
            _ => {}
        }
    }
}

/// The parking lot: each topic with its owner, where it came up and what became of it.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let lot = &state.data.parked;
    let mut lines = Vec::new();
    for (i, t) in lot.iter().enumerate() {
        let marker = if i == cursor { "▶ " } else { "  " };
        let outcome_style = if t.outcome == ParkedOutcome::Parked {
            theme::warn()
        } else {
            theme::good()
        };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{:<11} ", t.reference), theme::key()),
            Span::raw(safe(&t.topic)),
        ]));
        let owner = t.owner.as_deref().map_or("no owner".to_string(), safe);
        let came_up = t
            .item
            .as_ref()
            .map(|(n, title)| format!(" · came up on {n} {}", safe(title)))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("    {owner}{came_up} · "), theme::dim()),
            Span::styled(safe(&t.settled_as()), outcome_style),
        ]));
    }
    let waiting = lot
        .iter()
        .filter(|t| t.outcome == ParkedOutcome::Parked)
        .count();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        match waiting {
            0 => "Every topic is settled.".to_string(),
            n => format!(
                "{n} still parked: settle each before sign-off, or it goes onto the next review's agenda by itself."
            ),
        },
        theme::dim(),
    )));
    keyed_box(
        frame,
        area,
        format!(" Parking lot · {} ", state.data.review.reference),
        lines,
        PARKING_KEYS,
    );
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::domain::parking::ParkedOutcome;
    use crate::tui::popups::capture::view::tests::demo_app;
    use crate::tui::state::Overlay;
    use crate::tui::testkit::{press, render, type_text};

    #[test]
    fn l_parks_a_topic_with_an_owner_and_settles_it_from_the_lot() {
        let (_d, mut app) = demo_app();
        press(&mut app, KeyCode::Down);
        // an empty lot asks for a topic at once
        press(&mut app, KeyCode::Char('L'));
        press(&mut app, KeyCode::Enter);
        let said = app.state.status.as_ref().unwrap().text.clone();
        assert!(said.contains("say what is parked"), "{said}");
        type_text(&mut app, "Move to 8D for every supplier complaint");
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "Nobody Here");
        press(&mut app, KeyCode::Enter);
        let said = app.state.status.as_ref().unwrap().text.clone();
        assert!(
            said.contains("no person"),
            "an unknown owner is refused: {said}"
        );
        for _ in 0.."Nobody Here".len() {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "Rachel Ng");
        press(&mut app, KeyCode::Enter);
        let lot = &app.state.data.parked;
        assert_eq!(lot.len(), 1);
        assert_eq!(lot[0].owner.as_deref(), Some("Rachel Ng"));
        assert_eq!(lot[0].item.as_ref().map(|(n, _)| *n), Some(2));
        assert!(
            render(&app, 200, 60).contains("P-2026-001 Move to 8D"),
            "shown where it came up"
        );
        // a second, then the lot
        press(&mut app, KeyCode::Char('L'));
        assert!(matches!(app.state.overlay, Overlay::Parking { .. }));
        press(&mut app, KeyCode::Char('n'));
        type_text(&mut app, "A second canteen");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('L'));
        insta::assert_snapshot!("parking_200x60", render(&app, 200, 60));
        insta::assert_snapshot!("parking_80x24", render(&app, 80, 24));
        // the first becomes an action, due in three weeks
        press(&mut app, KeyCode::Char('a'));
        type_text(&mut app, "+3w");
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.state.overlay, Overlay::Parking { cursor: 0 }));
        let first = &app.state.data.parked[0];
        assert_eq!(first.outcome, ParkedOutcome::Action);
        let action = first.outcome_ref.clone().unwrap();
        let captured = app
            .state
            .data
            .actions
            .iter()
            .find(|a| a.reference == action);
        assert_eq!(captured.and_then(|a| a.owner.as_deref()), Some("Rachel Ng"));
        // settled once only
        press(&mut app, KeyCode::Char('x'));
        let said = app.state.status.as_ref().unwrap().text.clone();
        assert!(said.contains("settled already"), "{said}");
        // the second is dropped with a reason
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char('x'));
        press(&mut app, KeyCode::Enter);
        assert!(
            matches!(app.state.overlay, Overlay::Prompt(_)),
            "no reason, still asked"
        );
        type_text(&mut app, "not a QMS matter");
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.state.data.parked[1].outcome, ParkedOutcome::Dropped);
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.state.overlay, Overlay::None));
        // moving on reads back what was parked here too
        press(&mut app, KeyCode::Down);
        assert!(render(&app, 200, 60).contains("Read-back"));
    }
}
