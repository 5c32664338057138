//! The full screens, one folder each: its state, its keys, its update step
//! and its view.

pub mod actions;
pub mod cockpit;
pub mod kpis;
pub mod registers;
pub mod risks;
pub mod sites;
pub mod strategy;

use std::borrow::Cow;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::tui::app::App;
use crate::tui::state::{Screen, State};

/// The footer's hints: a key as written (moved by the config or not), and
/// the word for what it does.
pub type FooterKeys = Vec<(Cow<'static, str>, &'static str)>;

/// What a full screen registers with the app: the one place where the app,
/// the frame and the help look a screen up.
pub struct ScreenDef {
    pub screen: Screen,
    /// The body, between the header and the footer.
    pub draw: fn(&mut Frame, Rect, &State),
    /// A key that no pop-up, overlay or editor took.
    pub key: fn(&mut App, KeyEvent),
    /// The footer's key hints, as the screen stands.
    pub footer: fn(&State) -> FooterKeys,
    /// The help's sections for this screen.
    pub help: fn() -> Vec<Vec<Line<'static>>>,
}

/// Every screen. A new one is a folder with its `SCREEN` and a line here.
pub const SCREENS: &[ScreenDef] = &[
    cockpit::SCREEN,
    kpis::SCREEN,
    risks::SCREEN,
    actions::SCREEN,
    registers::SCREEN,
    strategy::SCREEN,
    sites::SCREEN,
];

/// The registration of a screen (each is registered: a test says so).
pub fn def(screen: Screen) -> &'static ScreenDef {
    SCREENS
        .iter()
        .find(|d| d.screen == screen)
        .unwrap_or(&SCREENS[0])
}

use std::fmt::Debug;

use crate::config::{Config, ConfigError};
use crate::tui::keymap::{Binding, Rebound, binding_name, family, parse_key};

/// The key bindings a config file moves, checked against the screens'
/// tables: every name must exist, and no key may end up bound twice in a table.
pub fn rebind(config: &Config) -> Result<Vec<Rebound>, ConfigError> {
    let mut rebound = Vec::new();
    for o in &config.keys {
        let mut keys = Vec::new();
        let mut labels = Vec::new();
        for k in o.keys.keys() {
            let (code, label) = parse_key(k).map_err(|e| config.error(o.line, e))?;
            keys.push(code);
            labels.push(label);
        }
        if keys.is_empty() {
            return Err(config.error(o.line, format!("{} needs at least one key", o.name)));
        }
        let family = match o.screen.as_str() {
            "cockpit" => family::<crate::tui::keymap::Msg>(),
            "kpis" => family::<kpis::keys::KpiMsg>(),
            "risks" => family::<risks::keys::RiskMsg>(),
            "registers" => family::<registers::keys::RegisterMsg>(),
            "strategy" => family::<strategy::keys::StrategyMsg>(),
            other => {
                return Err(config.error(
                    o.line,
                    format!("[keys.{other}]: no such screen; the sections are keys.cockpit, keys.kpis, keys.risks, keys.registers and keys.strategy"),
                ));
            }
        };
        rebound.push(Rebound {
            family,
            name: o.name.clone(),
            keys,
            label: labels.join("/"),
        });
    }
    let line_of = |r: &Rebound| {
        config
            .keys
            .iter()
            .find(|o| o.name == r.name)
            .map_or(1, |o| o.line)
    };
    for r in &rebound {
        let known = match r.family {
            "kpis" => has(kpis::keys::KPIS, &r.name),
            "risks" => has(risks::keys::RISKS, &r.name),
            "registers" => has(registers::keys::REGISTERS, &r.name),
            "strategy" => has(strategy::keys::STRATEGY, &r.name),
            _ => [
                cockpit::keys::COCKPIT,
                cockpit::keys::CARRY,
                actions::keys::ACTIONS,
            ]
            .iter()
            .any(|t| has(t, &r.name)),
        };
        if !known {
            return Err(config.error(
                line_of(r),
                format!(
                    "no key binding called {} on that screen (steerco config default lists them)",
                    r.name
                ),
            ));
        }
    }
    let clash = clash_in(cockpit::keys::COCKPIT, &rebound)
        .or_else(|| clash_in(cockpit::keys::CARRY, &rebound))
        .or_else(|| clash_in(actions::keys::ACTIONS, &rebound))
        .or_else(|| clash_in(kpis::keys::KPIS, &rebound))
        .or_else(|| clash_in(risks::keys::RISKS, &rebound))
        .or_else(|| clash_in(registers::keys::REGISTERS, &rebound))
        .or_else(|| clash_in(strategy::keys::STRATEGY, &rebound));
    if let Some((key, first, second)) = clash {
        let line = rebound
            .iter()
            .find(|r| r.name == first || r.name == second)
            .map_or(1, line_of);
        return Err(config.error(
            line,
            format!(
                "{} would mean both {first} and {second}; move one of them too",
                crate::tui::keymap::key_name(key)
            ),
        ));
    }
    Ok(rebound)
}

fn has<M: Copy + Debug>(table: &[Binding<M>], name: &str) -> bool {
    table.iter().any(|b| binding_name(b.msg) == name)
}

/// Two bindings of a table that would answer to the same key once moved: a
/// moved binding onto a key another one keeps, or two moved onto one key.
fn clash_in<M: Copy + Debug>(
    table: &[Binding<M>],
    rebound: &[Rebound],
) -> Option<(crossterm::event::KeyCode, String, String)> {
    let family = family::<M>();
    let moved = |name: &str| {
        rebound
            .iter()
            .find(|r| r.family == family && r.name == name)
    };
    let keys_of = |b: &Binding<M>| -> Vec<crossterm::event::KeyCode> {
        match moved(&binding_name(b.msg)) {
            Some(r) => r.keys.clone(),
            None => b.keys.to_vec(),
        }
    };
    let mut seen: Vec<(crossterm::event::KeyCode, String)> = Vec::new();
    for b in table {
        let name = binding_name(b.msg);
        for key in keys_of(b) {
            match seen.iter().find(|(k, n)| *k == key && *n != name) {
                Some((_, other)) => return Some((key, other.clone(), name)),
                None => seen.push((key, name.clone())),
            }
        }
    }
    None
}

/// Every setting with its default, as `steerco config default` prints it:
/// a file that changes nothing until a line is uncommented.
pub fn default_config() -> String {
    let themes: Vec<&str> = crate::tui::theme::ThemeName::ALL
        .iter()
        .map(|t| t.as_str())
        .collect();
    let mut out = format!(
        "# steerco's settings. Uncomment a line to change it.\n\n\
         # The colours: {}.\n\
         # projector: high contrast, no dim grey text, readable from the back of a room.\n\
         # NO_COLOR in the environment always wins (monochrome).\n\
         # theme = \"default\"\n",
        themes.join(", ")
    );
    out.push_str(
        "\n# Key bindings: NAME = \"KEY\" or [\"KEY\", \"KEY\"]. A key is one character or\n\
         # Enter, Esc, Tab, Space, Up, Down, Left, Right, Home, End, PageUp, PageDown,\n\
         # Backspace, Delete, F1-F12. A binding you move answers only to its new keys.\n",
    );
    // one name is one meaning in its section: `back` on the actions screen
    // and on item a)'s list is the same binding
    let mut seen = Vec::new();
    out.push_str("\n[keys.cockpit]\n");
    section_rows(&mut out, &mut seen, cockpit::keys::COCKPIT, "the cockpit");
    let carried = "item a), the carried-forward list (Tab)";
    section_rows(&mut out, &mut seen, cockpit::keys::CARRY, carried);
    let actions = "the actions screen (A); names above apply here too";
    section_rows(&mut out, &mut seen, actions::keys::ACTIONS, actions);
    out.push_str("\n[keys.kpis]\n");
    section_rows(
        &mut out,
        &mut Vec::new(),
        kpis::keys::KPIS,
        "the KPI screens (K)",
    );
    out.push_str("\n[keys.risks]\n");
    section_rows(
        &mut out,
        &mut Vec::new(),
        risks::keys::RISKS,
        "the risk register (R)",
    );
    out.push_str("\n[keys.registers]\n");
    let title = "the registers: nonconformities, audit findings (N)";
    section_rows(&mut out, &mut Vec::new(), registers::keys::REGISTERS, title);
    out.push_str("\n[keys.strategy]\n");
    let title = "the strategy: directions and objectives (O)";
    section_rows(&mut out, &mut Vec::new(), strategy::keys::STRATEGY, title);
    out
}

fn section_rows<M: Copy + Debug>(
    out: &mut String,
    seen: &mut Vec<String>,
    table: &[Binding<M>],
    what: &str,
) {
    out.push_str(&format!("# {what}\n"));
    for b in table {
        let name = binding_name(b.msg);
        if seen.contains(&name) {
            continue;
        }
        let keys: Vec<String> = b
            .keys
            .iter()
            .map(|k| format!("\"{}\"", crate::tui::keymap::key_name(*k)))
            .collect();
        let help = if b.help.is_empty() { "" } else { b.help };
        out.push_str(&format!("# {name} = [{}]  # {help}\n", keys.join(", ")));
        seen.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_is_registered_once() {
        for screen in <Screen as strum::VariantArray>::VARIANTS {
            let n = SCREENS.iter().filter(|d| d.screen == *screen).count();
            assert_eq!(n, 1, "{screen:?} is registered {n} times");
        }
    }
    use crate::tui::keymap::{Msg, label, lookup, set_rebound};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_moved_binding_answers_to_its_new_key_only_and_says_so() {
        let config = Config::parse(
            std::path::Path::new("c.toml"),
            "[keys.cockpit]\nnew_decision = \"D\"\n",
        )
        .unwrap();
        set_rebound(rebind(&config).unwrap());
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let table = cockpit::keys::COCKPIT;
        assert_eq!(lookup(table, &key('D'), Msg::Quit), Some(Msg::NewDecision));
        assert_eq!(lookup(table, &key('d'), Msg::Quit), None);
        let decision = table.iter().find(|b| b.msg == Msg::NewDecision).unwrap();
        assert_eq!(label(decision), "D");
        // the actions screen keeps its own D (done)
        let done = lookup(actions::keys::ACTIONS, &key('D'), Msg::Quit);
        set_rebound(Vec::new());
        assert_eq!(done, Some(Msg::DoneAction));
    }
}
