//! Text that users type is shown, never executed: control characters, escape
//! sequences and bidi overrides are made visible before they reach a terminal.

use std::borrow::Cow;

/// The most an agenda item's notes hold, in characters: about forty pages,
/// far past what a meeting types, and small enough to stay quick to edit.
/// The longest amount a decision commits, e.g. "GBP 38,000 capital".
pub const AMOUNT_LIMIT: usize = 40;

/// An amount a decision commits: a figure with its currency or unit, e.g.
/// "GBP 38,000" or "2 FTE". Empty means none. A negative figure commits
/// nothing anyone would believe, so it is refused.
pub fn check_amount(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    if t.chars().count() > AMOUNT_LIMIT {
        return Err(format!(
            "an amount holds at most {AMOUNT_LIMIT} characters, e.g. GBP 38,000"
        ));
    }
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!(
            "'{t}' has no figure; say it as e.g. GBP 38,000 or 2 FTE"
        ));
    }
    let negative = t.char_indices().any(|(i, c)| {
        matches!(c, '-' | '−')
            && t[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_digit())
    });
    if negative {
        return Err("an amount committed cannot be negative".to_string());
    }
    Ok(t.to_string())
}

pub const NOTES_LIMIT: usize = 100_000;
use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// True for characters that must never reach a terminal raw.
fn is_hazard(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidi embeddings, overrides and isolates can reorder what a reader sees
/// ("Trojan Source"); they are shown by code point instead.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("    "),
        '\u{7f}' => out.push_str("^?"),
        c if (c as u32) < 0x20 => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        c => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// One line of stored text made safe to show: a newline becomes `⏎` and every
/// other control character takes a visible form (`^[`, `<U+202E>`).
pub fn visible_line(text: &str) -> Cow<'_, str> {
    // printable ASCII, as most stored text is, checked a byte at a time
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) || !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push('⏎'),
            '\r' => {}
            c if is_hazard(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Multi-line stored text made safe to show, keeping its line breaks.
pub fn visible_lines(text: &str) -> Vec<Cow<'_, str>> {
    text.split('\n')
        .map(|line| visible_line(line.strip_suffix('\r').unwrap_or(line)))
        .collect()
}

/// Multi-line text made safe for plain output (CLI, exports): line breaks kept.
pub fn visible_multiline(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_hazard(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(visible_lines(text).join("\n"))
}

/// Characters JSON output writes as `\uXXXX`: the terminal hazards above
/// (serde escapes only C0 itself), plus the line and paragraph separators
/// that some viewers and older JavaScript take as line breaks.
fn json_escapes(c: char) -> bool {
    is_hazard(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// serde_json's pretty layout, but strings escape every `json_escapes`
/// character. A formatter rather than a pass over the finished text: it sees
/// string contents only, so nothing outside a string can be touched.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if json_escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                // every escaped character is in the BMP, so four digits suffice
                write!(writer, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // the layout is PrettyFormatter's
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Pretty JSON that is exact and safe to print: it parses back to the same
/// values, and control and bidi characters appear only as `\uXXXX` escapes.
/// Every JSON steerco writes goes through here.
pub fn to_json_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    // serde writes UTF-8 and the escapes are ASCII, so this cannot fail
    String::from_utf8(out).map_err(serde::ser::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_need_a_figure_and_cannot_be_negative() {
        assert_eq!(check_amount("  GBP 38,000 ").unwrap(), "GBP 38,000");
        assert_eq!(check_amount("2 FTE").unwrap(), "2 FTE");
        assert_eq!(check_amount("").unwrap(), "");
        assert!(check_amount("lots").unwrap_err().contains("no figure"));
        assert!(check_amount("GBP -5,000").unwrap_err().contains("negative"));
        assert!(check_amount("−5 FTE").unwrap_err().contains("negative"));
        assert!(check_amount(&"9".repeat(41)).is_err());
        // a hyphen that is not a minus sign is fine
        assert_eq!(check_amount("Q1-Q2 GBP 10k").unwrap(), "Q1-Q2 GBP 10k");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            visible_line("Add second source"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_become_caret_notation() {
        assert_eq!(visible_line("\u{1b}[2Jboom"), "^[[2Jboom");
        assert_eq!(visible_line("bell\u{7}"), "bell^G");
        assert_eq!(visible_line("del\u{7f}"), "del^?");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_shown_by_code_point() {
        assert_eq!(visible_line("a\u{9b}b"), "a<U+009B>b");
        assert_eq!(visible_line("abc\u{202E}fed"), "abc<U+202E>fed");
        assert_eq!(visible_line("x\u{2066}y"), "x<U+2066>y");
    }

    #[test]
    fn newlines_in_a_single_line_view_are_marked() {
        assert_eq!(visible_line("one\ntwo"), "one⏎two");
        assert_eq!(visible_lines("one\r\ntwo"), vec!["one", "two"]);
    }

    #[test]
    fn multiline_keeps_breaks_but_neutralises_escapes() {
        assert_eq!(visible_multiline("a\n\u{1b}b"), "a\n^[b");
        assert!(matches!(visible_multiline("a\nb"), Cow::Borrowed(_)));
    }

    /// Everything JSON output must escape, listed again rather than shared
    /// with the code so a slip in one shows up in the other.
    fn must_escape(c: char) -> bool {
        let u = c as u32;
        u < 0x20
            || (0x7f..=0x9f).contains(&u)
            || (0x202a..=0x202e).contains(&u)
            || (0x2066..=0x2069).contains(&u)
            || matches!(u, 0x200e | 0x200f | 0x061c | 0x2028 | 0x2029)
    }

    #[test]
    fn json_escapes_c1_del_and_bidi_and_parses_back_exactly() {
        let title = "Pay \u{9b}31m now\u{202e}fdp.exe\u{7f}\u{2066}x\u{2069}\u{2028}\u{1b}[2J";
        let out = to_json_pretty(&serde_json::json!({ "title": title })).unwrap();
        assert_eq!(
            out,
            "{\n  \"title\": \"Pay \\u009b31m now\\u202efdp.exe\\u007f\\u2066x\\u2069\\u2028\\u001b[2J\"\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["title"], title);
    }

    #[test]
    fn json_keys_are_escaped_too() {
        let map = std::collections::BTreeMap::from([("k\u{202e}", 1)]);
        assert_eq!(to_json_pretty(&map).unwrap(), "{\n  \"k\\u202e\": 1\n}");
    }

    #[test]
    fn json_of_plain_data_is_serdes_pretty_output() {
        let value = serde_json::json!({
            "ref": "A-2026-001",
            "title": "Qualify a second source — “now”, 5 % ✓",
            "quote": "say \"hi\"\\",
            "n": [1, -2.5, null, true],
            "empty": {},
            "none": [],
        });
        assert_eq!(
            to_json_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn every_character_round_trips_and_none_to_escape_is_left_raw() {
        let all: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        let out = to_json_pretty(&all).unwrap();
        assert!(
            !out.chars().any(must_escape),
            "a raw control or bidi character"
        );
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), all);
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| must_escape(c))
        {
            let one = to_json_pretty(&c.to_string()).unwrap();
            // serde's short forms (\n, \t, …) are escapes as well
            assert!(one.starts_with("\"\\"), "{c:?} came out as {one}");
        }
    }
}
