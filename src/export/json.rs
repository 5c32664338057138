//! Minutes as JSON for other tools; stable keys, and the digest for a locked review.

use crate::store::error::Result;
use serde::Serialize;

use super::digest;
use super::minutes::Minutes;
use crate::domain::text::to_json_pretty;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    minutes: &'a Minutes,
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<String>,
}

pub fn render(m: &Minutes) -> Result<String> {
    let doc = Document {
        format: "steerco-minutes",
        minutes: m,
        digest: m.is_locked().then(digest::placeholder),
    };
    // sealed over the escaped text, which is exactly what gets written
    let text = to_json_pretty(&doc)? + "\n";
    Ok(digest::seal(&text))
}
