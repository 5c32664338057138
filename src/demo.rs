//! The demo organisation (being written).
use chrono::NaiveDate;
use color_eyre::eyre::Result;

use crate::store::Store;

pub fn seed(_store: &mut Store, _today: NaiveDate) -> Result<()> {
    Ok(())
}
