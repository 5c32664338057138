//! Who moves the room. The cockpit that drives the meeting moves its current
//! item and runs its clock: the facilitator's account when it opens one, else
//! the first cockpit to open, move or start the clock while nobody drives.
//! Every other cockpit browses on its own without moving the room, until it
//! takes over (T, confirmed). A follower (`steerco follow`) shows what the
//! room shows, and no key of it changes anything.

use super::App;
use crate::domain::review::ReviewStatus;
use crate::store::sessions;
use crate::tui::state::{Overlay, Seat};

/// What a cockpit asks for as it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// The cockpit: it drives when nobody does, or by right.
    Drive,
    /// The actions screen between meetings: it never takes the room.
    Browse,
    /// `steerco follow`.
    Follow,
}

impl App {
    /// Takes the seat asked for, as far as the meeting allows.
    pub(super) fn take_seat(&mut self, wanted: Wanted) {
        let (conn, review, now) = (self.store.conn(), self.review_id, self.state.now);
        let me = &self.meeting;
        let seat = match wanted {
            Wanted::Follow => {
                // not counted where the file cannot be written; it follows all the same
                let _ = sessions::follow(conn, review, me, now);
                Seat::Follower
            }
            Wanted::Browse => Seat::Browser,
            Wanted::Drive if self.state.read_only => Seat::Browser,
            // a signed-off review has no room to move: it is read
            Wanted::Drive if self.state.data.review.status == ReviewStatus::Closed => Seat::Browser,
            Wanted::Drive => {
                let free = sessions::drive_if_free(conn, review, me, now).unwrap_or(false);
                if free || self.drives_by_right() {
                    Seat::Driver
                } else {
                    Seat::Browser
                }
            }
        };
        self.state.seat = seat;
        self.refresh_presence();
    }

    /// The facilitator's account takes the room from any other account.
    fn drives_by_right(&mut self) -> bool {
        let conn = self.store.conn();
        let facilitator = sessions::facilitator_user(conn, self.review_id)
            .ok()
            .flatten();
        let Some(facilitator) = facilitator.filter(|f| *f == self.meeting.os_user) else {
            return false;
        };
        let driver = sessions::presence(conn, self.review_id)
            .ok()
            .and_then(|p| p.driver);
        if driver.is_some_and(|d| d.os_user == facilitator) {
            return false;
        }
        let taken = sessions::take_over(conn, self.review_id, &self.meeting, self.state.now);
        taken.is_ok()
    }

    /// Reads who drives and who follows; a driver that was taken over says so.
    pub(crate) fn refresh_presence(&mut self) {
        let Ok(presence) = sessions::presence(self.store.conn(), self.review_id) else {
            return;
        };
        let mine = presence
            .driver
            .as_ref()
            .is_some_and(|d| d.session == self.meeting.id);
        if self.state.seat == Seat::Driver && !mine {
            self.state.seat = Seat::Browser;
            let by = presence
                .driver
                .as_ref()
                .map_or("nobody".to_string(), |d| d.os_user.clone());
            self.state.info(format!(
                "{by} took over the meeting; you browse on your own now"
            ));
        }
        self.state.presence = presence;
    }

    /// Every other second, while another cockpit drives: whether it is still
    /// alive. A driver's process that was killed writes nothing as it goes,
    /// so only looking finds the room free. True when what is shown changed.
    pub(crate) fn recheck_driver(&mut self, now: chrono::DateTime<chrono::Utc>) -> bool {
        let someone_else = self
            .state
            .presence
            .driver
            .as_ref()
            .is_some_and(|d| d.session != self.meeting.id);
        if !someone_else || now.timestamp() % 2 != 0 {
            return false;
        }
        let before = self.state.presence.clone();
        self.refresh_presence();
        self.state.presence != before
    }

    /// Before moving the room (the current item, the clock): true when this
    /// cockpit drives it, taking the wheel if nobody has it. A browser is
    /// told who drives.
    pub(crate) fn may_move_room(&mut self) -> bool {
        match self.state.seat {
            Seat::Driver => true,
            Seat::Follower => false,
            Seat::Browser => {
                if self.state.read_only {
                    return false;
                }
                let (conn, now) = (self.store.conn(), self.state.now);
                if sessions::drive_if_free(conn, self.review_id, &self.meeting, now)
                    .unwrap_or(false)
                {
                    self.state.seat = Seat::Driver;
                    self.refresh_presence();
                    return true;
                }
                self.refresh_presence();
                false
            }
        }
    }

    /// Who drives, for a browser's message: "sarah drives the meeting".
    pub(crate) fn driver_said(&self) -> String {
        match &self.state.presence.driver {
            Some(d) => format!("{} drives the meeting (T takes over)", d.os_user),
            None => "nobody drives the meeting (T takes it)".to_string(),
        }
    }

    /// T: asks before taking the room from its driver.
    pub(crate) fn ask_take_over(&mut self) {
        match self.state.seat {
            Seat::Driver => self.state.info("you drive the meeting"),
            Seat::Follower => {}
            Seat::Browser if self.state.read_only => self
                .state
                .error("this database is read-only for you: you can only browse"),
            Seat::Browser => {
                self.refresh_presence();
                self.state.overlay = Overlay::ConfirmTakeOver;
            }
        }
    }

    /// y on the question: this cockpit drives, and shows the room's item.
    pub(crate) fn take_over(&mut self) {
        self.state.overlay = Overlay::None;
        let (conn, now) = (self.store.conn(), self.state.now);
        match sessions::take_over(conn, self.review_id, &self.meeting, now) {
            Ok(()) => {
                self.state.seat = Seat::Driver;
                self.refresh_presence();
                self.follow_current_item();
                self.state
                    .info("you drive the meeting now: the room follows your moves");
            }
            Err(e) => self.state.error(format!(
                "cannot take over: {}",
                crate::report::one_line_error(&e)
            )),
        }
    }

    /// The cockpit closes: the others are told it has gone.
    pub(super) fn leave_meeting(&mut self) {
        let _ = sessions::leave(self.store.conn(), self.review_id, &self.meeting);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.leave_meeting();
    }
}

#[cfg(test)]
mod tests;
