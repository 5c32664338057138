//! The layers, as ARCHITECTURE.md draws them: no module imports one above
//! it, and the two front ends (cli, tui) do not import each other; `main`
//! chooses between them. Checked on the source, outside its tests.

use std::collections::BTreeSet;
use std::path::Path;

const MODULES: &[&str] = &[
    "domain", "config", "store", "ops", "report", "export", "demo", "cli", "tui",
];

/// What each module may import from the crate.
fn allowed(module: &str) -> &'static [&'static str] {
    match module {
        "domain" | "config" => &[],
        "store" => &["domain"],
        "ops" => &["domain", "store"],
        "report" => &["store"],
        "export" => &["domain", "store", "ops"],
        "demo" => &["domain", "store", "ops", "export"],
        "cli" | "tui" => &[
            "domain", "config", "store", "ops", "report", "export", "demo",
        ],
        other => panic!("a module the layers do not know: {other}"),
    }
}

/// The source of a file without its tests.
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    }
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" {
                sources(&path, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" && name != "testkit.rs" {
            out.push(path);
        }
    }
}

fn imports(module: &str) -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let dir = src.join(module);
    if dir.is_dir() {
        sources(&dir, &mut files);
    }
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        files.push(file);
    }
    assert!(!files.is_empty(), "no source for {module}");
    let mut found = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (at, _) in without_tests(&text).match_indices("crate::") {
            let rest = &text[at + 7..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if MODULES.contains(&name.as_str()) && name != module {
                found.insert(format!(
                    "{name} (in {})",
                    f.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    found
}

#[test]
fn no_module_imports_one_above_it() {
    let mut wrong = Vec::new();
    for module in MODULES {
        for import in imports(module) {
            let target = import.split(' ').next().unwrap();
            if !allowed(module).contains(&target) {
                wrong.push(format!("{module} imports {import}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run the wrong way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_that_runs_the_wrong_way() {
    // the store really uses the domain: the scan finds what is there
    assert!(imports("store").iter().any(|i| i.starts_with("domain")));
    assert!(!allowed("store").contains(&"tui"));
}
