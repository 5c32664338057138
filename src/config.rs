//! The config file: TOML in the platform's config directory (or the file
//! `STEERCO_CONFIG` names). It chooses the theme and overrides key bindings;
//! a missing file means every default. It only reads text into settings:
//! whether a key binding exists is the cockpit's to check.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

/// What `steerco config` asks of the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Where the file is read from.
    Path,
    /// Every setting with its default.
    Default,
    /// The file checked.
    Check,
}

/// Where the config file is read from.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("STEERCO_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "steerco").map(|d| d.config_dir().join("config.toml"))
}

/// One key, or several, as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<String, BTreeMap<String, Spanned<KeyList>>>,
}

/// A key binding the file changes: `[keys.SCREEN] NAME = "KEY"`.
#[derive(Debug, Clone)]
pub struct KeyOverride {
    pub screen: String,
    pub name: String,
    pub keys: KeyList,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Config {
    /// None when the file does not exist.
    pub file: Option<PathBuf>,
    pub theme: Option<(String, usize)>,
    pub keys: Vec<KeyOverride>,
}

/// A problem in the file, said as "FILE:LINE: what".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.problem),
            None => write!(f, "{}: {}", self.file.display(), self.problem),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the file; a missing file is every default.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(ConfigError {
                    file: path.to_path_buf(),
                    line: None,
                    problem: format!("cannot read it: {e}"),
                });
            }
        };
        Config::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let file: File = toml::from_str(text).map_err(|e| ConfigError {
            file: path.to_path_buf(),
            line: e.span().map(|s| line_of(s.start)),
            problem: e.message().trim().replace('\n', " "),
        })?;
        let keys = file
            .keys
            .into_iter()
            .flat_map(|(screen, names)| {
                names.into_iter().map(move |(name, keys)| KeyOverride {
                    screen: screen.clone(),
                    name,
                    line: line_of(keys.span().start),
                    keys: keys.into_inner(),
                })
            })
            .collect();
        Ok(Config {
            file: Some(path.to_path_buf()),
            theme: file
                .theme
                .map(|t| (line_of(t.span().start), t.into_inner()))
                .map(|(line, t)| (t, line)),
            keys,
        })
    }

    /// An error at a line of this file.
    pub fn error(&self, line: usize, problem: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.clone().unwrap_or_default(),
            line: Some(line),
            problem: problem.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_every_default() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(&dir.path().join("config.toml")).unwrap();
        assert!(config.file.is_none() && config.theme.is_none() && config.keys.is_empty());
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = Config::parse(Path::new("c.toml"), "theme = \"projector\"\n\ncolour = 1\n")
            .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.to_string().starts_with("c.toml:3: "), "{e}");
    }

    #[test]
    fn key_overrides_keep_their_lines() {
        let c = Config::parse(
            Path::new("c.toml"),
            "[keys.cockpit]\nnew_decision = \"D\"\nquit = [\"q\", \"Q\"]\n",
        )
        .unwrap();
        let lines: Vec<(String, usize)> = c.keys.iter().map(|k| (k.name.clone(), k.line)).collect();
        assert_eq!(lines, [("new_decision".into(), 2), ("quit".into(), 3)]);
    }
}
