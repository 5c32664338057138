//! Text that users type is shown, never executed: control characters, escape
//! sequences and bidi overrides are made visible before they reach a terminal.

use std::borrow::Cow;

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
    if !text.chars().any(is_hazard) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
