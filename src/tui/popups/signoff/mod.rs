//! The close-out check and the chair's sign-off.

#[cfg(test)]
mod tests;
mod update;
pub mod view;
