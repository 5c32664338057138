//! Two cockpits and a follower on one file, as in a hybrid meeting: only
//! the driver moves the room.

use crossterm::event::KeyCode;

use super::Wanted;
use crate::store::{Store, reviews};
use crate::tui::app::App;
use crate::tui::state::{Overlay, Seat};
use crate::tui::testkit::{demo_db, key, nine_am, render, today};

fn cockpit(path: &std::path::Path, wanted: Wanted) -> App {
    let store = Store::open(path).unwrap();
    let review = reviews::cockpit_review(store.conn()).unwrap().unwrap();
    App::seated(store, review.id, nine_am(), today(), wanted).unwrap()
}

/// The room's current item as stored.
fn room(app: &App) -> i64 {
    let review = reviews::review_by_id(app.store().conn(), app.review_id).unwrap();
    review.current_item_id.unwrap()
}

#[test]
fn only_the_driver_moves_the_room_and_a_second_cockpit_browses_on_its_own() {
    let (_dir, path) = demo_db();
    let mut projector = cockpit(&path, Wanted::Drive);
    let mut laptop = cockpit(&path, Wanted::Drive);
    assert_eq!(
        projector.state.seat,
        Seat::Driver,
        "the first to open drives"
    );
    assert_eq!(laptop.state.seat, Seat::Browser);
    let first = room(&projector);

    laptop.handle_key(key(KeyCode::Down));
    laptop.handle_key(key(KeyCode::Down));
    assert_eq!(laptop.state.selected, 2, "the laptop looks at item 3");
    assert_eq!(room(&laptop), first, "the room has not moved");
    laptop.handle_key(key(KeyCode::Char(' ')));
    assert!(
        !reviews::review_by_id(laptop.store().conn(), laptop.review_id)
            .unwrap()
            .clock
            .is_running()
    );
    assert!(
        laptop
            .state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("the clock is the room's"),
        "{:?}",
        laptop.state.status.as_ref().map(|s| &s.text)
    );

    projector.handle_key(key(KeyCode::Down));
    assert_eq!(room(&projector), projector.state.data.items[1].id);
    laptop.reload();
    assert_eq!(laptop.state.selected, 2, "a browser is not pulled along");
    let header = render(&laptop, 200, 60);
    assert!(header.contains("room on 2 · "), "{header}");
    assert!(header.contains(" drives"), "{header}");
}

#[test]
fn taking_over_asks_first_and_the_old_driver_browses_after() {
    let (_dir, path) = demo_db();
    let mut projector = cockpit(&path, Wanted::Drive);
    let mut laptop = cockpit(&path, Wanted::Drive);
    laptop.handle_key(key(KeyCode::Char('T')));
    assert!(matches!(laptop.state.overlay, Overlay::ConfirmTakeOver));
    assert!(render(&laptop, 80, 24).contains("Take over the meeting?"));
    laptop.handle_key(key(KeyCode::Char('n')));
    assert_eq!(laptop.state.seat, Seat::Browser, "n keeps browsing");
    laptop.handle_key(key(KeyCode::Char('T')));
    laptop.handle_key(key(KeyCode::Char('y')));
    assert_eq!(laptop.state.seat, Seat::Driver);
    laptop.handle_key(key(KeyCode::End));
    assert_eq!(room(&laptop), laptop.state.data.items.last().unwrap().id);
    projector.reload();
    assert_eq!(projector.state.seat, Seat::Browser);
    assert!(
        projector
            .state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("took over the meeting"),
        "{:?}",
        projector.state.status.as_ref().map(|s| &s.text)
    );
    let before = room(&projector);
    projector.handle_key(key(KeyCode::Home));
    assert_eq!(
        room(&projector),
        before,
        "the old driver no longer moves the room"
    );
}

#[test]
fn when_the_driver_leaves_the_next_move_takes_the_room() {
    let (_dir, path) = demo_db();
    let projector = cockpit(&path, Wanted::Drive);
    let mut laptop = cockpit(&path, Wanted::Drive);
    drop(projector);
    laptop.handle_key(key(KeyCode::Down));
    assert_eq!(laptop.state.seat, Seat::Driver);
    assert_eq!(room(&laptop), laptop.state.data.items[1].id);
}

#[test]
fn a_follower_shows_the_rooms_item_and_no_key_of_it_changes_anything() {
    let (_dir, path) = demo_db();
    let mut projector = cockpit(&path, Wanted::Drive);
    let mut remote = cockpit(&path, Wanted::Follow);
    assert_eq!(remote.state.seat, Seat::Follower);
    projector.reload();
    assert!(render(&projector, 200, 60).contains("driving · 1 follow"));

    let log = |app: &App| -> i64 {
        app.store()
            .conn()
            .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
            .unwrap()
    };
    let (room_before, logged) = (room(&remote), log(&remote));
    for k in [
        KeyCode::Down,
        KeyCode::Char(' '),
        KeyCode::Char('c'),
        KeyCode::Char('n'),
        KeyCode::Char('a'),
        KeyCode::Char('T'),
    ] {
        remote.handle_key(key(k));
    }
    assert_eq!(room(&remote), room_before);
    assert_eq!(log(&remote), logged, "nothing written");
    assert!(matches!(remote.state.overlay, Overlay::None));
    assert!(remote.state.editor.is_none());

    projector.handle_key(key(KeyCode::Right));
    projector.handle_key(key(KeyCode::Right));
    remote.reload();
    assert_eq!(remote.state.selected, 2, "it follows the room");
    assert!(render(&remote, 80, 24).contains("following"));
    // the account running the tests drives: named the same on every machine
    let me = crate::store::os_user();
    let frame = |app: &App, w, h| {
        render(app, w, h).replace(&format!("following {me}"), "following ACCOUNT")
    };
    remote.state.status = None;
    // item b) offers the room's keys (C, r, R) to the driver, not to a follower
    let large = frame(&remote, 200, 60);
    for offer in ["C confirms", "r raises one now", "R opens"] {
        assert!(!large.contains(offer), "{offer}: {large}");
    }
    insta::assert_snapshot!("follower_80x24", frame(&remote, 80, 24));
    insta::assert_snapshot!("follower_200x60", frame(&remote, 200, 60));
    drop(remote);
    projector.reload();
    assert!(!render(&projector, 200, 60).contains("follow"));
}

#[test]
fn the_facilitators_account_takes_the_room_from_another_account_on_opening() {
    let (_dir, path) = demo_db();
    let store = Store::open(&path).unwrap();
    let review = reviews::cockpit_review(store.conn()).unwrap().unwrap();
    // a colleague's cockpit drives (this process, another account)
    let colleague = crate::store::sessions::Session::this_process("rng");
    assert!(
        crate::store::sessions::drive_if_free(store.conn(), review.id, &colleague, nine_am())
            .unwrap()
    );
    store
        .conn()
        .execute(
            "UPDATE person SET os_user = ?1 WHERE id = (SELECT facilitator_id FROM review WHERE id = ?2)",
            rusqlite::params![crate::store::os_user(), review.id],
        )
        .unwrap();
    let projector = cockpit(&path, Wanted::Drive);
    assert_eq!(
        projector.state.seat,
        Seat::Driver,
        "the facilitator drives by right"
    );
    let presence = crate::store::sessions::presence(store.conn(), review.id).unwrap();
    assert_eq!(presence.driver.unwrap().os_user, crate::store::os_user());
}
