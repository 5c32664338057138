//! Operations the CLI and the cockpit share: the steps one user action takes
//! in the store, composed once, in the caller's transaction. (Sign-off, which
//! also renders the minutes, is `export::signed::sign_off`.)

pub mod actions;
