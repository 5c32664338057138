//! The raise form on the actions screen, as a quality manager uses it.

use crossterm::event::KeyCode;

use crate::domain::raised::RaisedKind;
use crate::tui::state::Overlay;
use crate::tui::testkit::{demo_app, key, render, type_text};

#[test]
fn r_on_the_actions_screen_raises_an_anonymous_concern_and_gives_its_receipt() {
    let (_dir, mut app) = demo_app();
    app.open_actions_screen();
    app.handle_key(key(KeyCode::Char('r')));
    assert!(matches!(app.state.overlay, Overlay::Raise(_)));
    type_text(&mut app, "Torque tool on line 3 drifts after lunch");
    // kind, input, then anonymous: yes
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "c)4");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Char('y')));
    app.state.actions.query_ms = 0.0;
    insta::assert_snapshot!("raise_form_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("raise_form_200x60", render(&app, 200, 60));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.state.overlay, Overlay::None));
    let said = app.state.status.as_ref().map(|s| s.text.clone()).unwrap();
    assert!(said.starts_with("Raised anonymously. Receipt "), "{said}");
    let raised = crate::store::raised::list(app.store().conn(), true)
        .unwrap()
        .into_iter()
        .find(|r| r.text.starts_with("Torque tool"))
        .expect("raised");
    assert_eq!(raised.raised_by, None);
    assert_eq!(raised.input_key, "c4");
    assert_eq!(raised.kind, RaisedKind::Concern);
    assert!(said.contains(&raised.code), "{said}");
    let actor: String = app
        .store()
        .conn()
        .query_row(
            "SELECT actor FROM change_log WHERE entity = 'raised' AND entity_ref = ?1",
            [&raised.code],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "anonymous");
    // the session goes on under its own account
    assert_ne!(app.store().actor(), "anonymous");
}

#[test]
fn a_raise_with_no_words_or_a_wrong_input_stays_open_saying_why() {
    let (_dir, mut app) = demo_app();
    app.open_actions_screen();
    app.handle_key(key(KeyCode::Char('r')));
    app.handle_key(key(KeyCode::Enter));
    let Overlay::Raise(form) = &app.state.overlay else {
        panic!("the form stays open");
    };
    assert!(
        form.error
            .as_deref()
            .unwrap()
            .starts_with("say what you raise")
    );
    type_text(&mut app, "An idea");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "z9");
    app.handle_key(key(KeyCode::Enter));
    let Overlay::Raise(form) = &app.state.overlay else {
        panic!("the form stays open");
    };
    assert_eq!(form.kind, RaisedKind::Idea);
    assert!(form.error.as_deref().unwrap().contains("not a 9.3.2 input"));
    // a named raise keeps the account
    app.handle_key(key(KeyCode::Backspace));
    app.handle_key(key(KeyCode::Backspace));
    app.handle_key(key(KeyCode::Enter));
    let named = crate::store::raised::list(app.store().conn(), true)
        .unwrap()
        .into_iter()
        .find(|r| r.text == "An idea")
        .expect("raised");
    assert_eq!(named.raised_by.as_deref(), Some(app.store().actor()));
    assert_eq!(named.input_key, "f");
}

#[test]
fn a_raise_form_open_when_the_session_ends_is_kept_nowhere() {
    let (_dir, mut app) = demo_app();
    app.open_actions_screen();
    app.handle_key(key(KeyCode::Char('r')));
    type_text(&mut app, "Half typed, and the link drops");
    app.keep_form_before_exit();
    let drafts: i64 = app
        .store()
        .conn()
        .query_row("SELECT count(*) FROM draft", [], |r| r.get(0))
        .unwrap();
    assert_eq!(drafts, 0, "a draft is kept under the account");
}
