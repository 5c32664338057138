//! The digest a locked review's minutes carry: SHA-256 of the document with
//! the digest itself written as zeros, so any copy can be checked later with
//! `steerco audit verify FILE`.

use sha2::{Digest, Sha256};

use crate::store::GENESIS;

/// Written just before the digest in every format.
pub const MARK: &str = "SHA-256 ";

fn sha256_hex(text: &str) -> String {
    crate::store::hex_digest(&Sha256::digest(text.as_bytes()))
}

/// Fills the zeroed digest after the last `MARK` in `doc` with the document's digest.
pub fn seal(doc: &str) -> String {
    let placeholder = format!("{MARK}{GENESIS}");
    match doc.rfind(&placeholder) {
        Some(at) => {
            let digest = sha256_hex(doc);
            let mut out = doc.to_string();
            out.replace_range(at + MARK.len()..at + placeholder.len(), &digest);
            out
        }
        None => doc.to_string(),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Check {
    Matches(String),
    Altered,
    NoDigest,
}

/// Recomputes the digest of a sealed document.
pub fn check(doc: &str) -> Check {
    let mut search = doc.len();
    while let Some(at) = doc[..search].rfind(MARK) {
        let start = at + MARK.len();
        let candidate = doc.get(start..start + 64);
        if let Some(hex) = candidate.filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit())) {
            let mut zeroed = doc.to_string();
            zeroed.replace_range(start..start + 64, GENESIS);
            return if sha256_hex(&zeroed) == hex {
                Check::Matches(hex.to_string())
            } else {
                Check::Altered
            };
        }
        search = at;
    }
    Check::NoDigest
}

/// The placeholder a renderer writes where the digest goes.
pub fn placeholder() -> String {
    format!("{MARK}{GENESIS}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_document_checks_and_any_change_is_found() {
        let doc = format!(
            "# Minutes\nDecided: fund it.\n\nDigest: {}\n",
            placeholder()
        );
        let sealed = seal(&doc);
        assert!(!sealed.contains(GENESIS));
        assert!(matches!(check(&sealed), Check::Matches(_)));
        let altered = sealed.replace("fund it", "drop it");
        assert_eq!(check(&altered), Check::Altered);
        assert_eq!(check("no digest here"), Check::NoDigest);
    }
}
