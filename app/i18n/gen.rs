//! The string tables, generated at build time from `app/i18n/de.tsv` (included by `build.rs`).
//!
//! English is the key: the page's code writes `t!("Play")`, and `de.tsv` holds
//! `Play<TAB>Abspielen`. The build fails when a `t!` key has no German line, when a German
//! line is for no `t!` key, when the two name different placeholders (`{0}`, `{1}`), or when
//! the German uses a spelling the glossary (`lessons/content/glossary.tsv`) rules out. The
//! result is a `t!` macro with one arm per key (an unknown key does not compile), the two
//! tables it indexes, and the table of the lessons' own texts (`lessons/content/lessons.de.tsv`)
//! looked up by their English. The browser build holds English only: it fetches the German
//! (`text/de/ui.txt`, see [`german_file`]) when a learner reads German.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// One line of a table: the English, the German and where it was.
struct Entry {
    en: String,
    de: String,
    at: String,
}

fn read_table(path: &Path) -> Vec<Entry> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut out: Vec<Entry> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = format!("{}:{}", path.display(), i + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((en, de)) = line.split_once('\t') else { panic!("{at}: no tab between English and German") };
        assert!(!de.trim().is_empty(), "{at}: the German of {en:?} is empty");
        assert!(!de.contains('\t'), "{at}: more than one tab");
        if let Some(prev) = out.iter().find(|e| e.en == en) {
            panic!("{at}: {en:?} is translated twice (also at {})", prev.at);
        }
        let (en, de) = (unescape(en), unescape(de));
        assert_eq!(placeholders(&en), placeholders(&de), "{at}: English and German name different placeholders");
        out.push(Entry { en, de, at });
    }
    out
}

/// `\n` in a table stands for a line break.
fn unescape(s: &str) -> String {
    s.replace("\\n", "\n")
}

/// The placeholders `{0}`, `{1}`, … a text names.
fn placeholders(s: &str) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if let Some(j) = rest.find('}') {
            if let Ok(n) = rest[..j].parse::<usize>() {
                out.insert(n);
            }
        }
    }
    out
}

/// Every key of `t!("…")` in the Rust files under `dir`, with the file it is in.
fn keys_in_source(dir: &Path, out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            keys_in_source(&path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("t!(") {
            // Not `format!(`, `assert!(` … : the macro is `t!` alone.
            let before = rest[..i].chars().last();
            let line_start = rest[..i].rfind('\n').map_or(0, |n| n + 1);
            let comment = rest[line_start..i].contains("//");
            rest = rest[i + 3..].trim_start();
            if comment || before.is_some_and(|c| c.is_alphanumeric() || c == '_') || !rest.starts_with('"') {
                continue;
            }
            rest = &rest[1..];
            let mut key = String::new();
            let mut chars = rest.char_indices();
            let mut end = rest.len();
            while let Some((j, c)) = chars.next() {
                match c {
                    '"' => {
                        end = j + 1;
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, 'n')) => key.push('\n'),
                        Some((_, c)) => key.push(c),
                        None => {}
                    },
                    c => key.push(c),
                }
            }
            rest = &rest[end..];
            out.entry(key).or_insert_with(|| path.display().to_string());
        }
    }
}

/// Glossary rows: English term, the German text's term, spellings the German must not use.
fn glossary(path: &Path) -> Vec<(String, String, Vec<String>)> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert!(cells.len() >= 2, "{}: a glossary row has English and German: {l:?}", path.display());
            let avoid = cells
                .get(2)
                .map_or(Vec::new(), |c| c.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
            (cells[0].to_string(), cells[1].to_string(), avoid)
        })
        .collect()
}

/// Fails when a German text uses a spelling the glossary rules out.
pub fn check_glossary(glossary_path: &Path, texts: &[(&str, &str)]) {
    for (_, _, avoid) in glossary(glossary_path) {
        for bad in &avoid {
            for (at, de) in texts {
                assert!(!de.contains(bad.as_str()), "{at}: the glossary rules out {bad:?}: {de:?}");
            }
        }
    }
}

/// The German texts in the order of the generated tables, as `text/de/ui.txt` holds them: one
/// a line, a line break within a text written `\n`; first the interface's (`table`, in `EN`'s
/// order), then the lessons' own (`lessons`, in `LESSON_EN`'s order: sorted by the English).
pub fn german_file(table: &Path, lessons: &Path) -> String {
    let line = |e: &Entry| file_line(&e.de);
    let mut out: String = read_table(table).iter().map(line).collect();
    out.extend(sorted(read_table(lessons)).iter().map(line));
    out
}

/// The English interface texts in `EN`'s order, as `text/en/ui.txt` holds them: one a line, a
/// line break within a text written `\n`.
pub fn english_file(table: &Path) -> String {
    read_table(table).iter().map(|e| file_line(&e.en)).collect()
}

/// A text as a line of a `ui.txt` file: a line break within it written `\n`.
fn file_line(text: &str) -> String {
    format!("{}\n", text.replace('\n', "\\n"))
}

/// A table sorted by its English, as `LESSON_EN` is.
fn sorted(mut table: Vec<Entry>) -> Vec<Entry> {
    table.sort_by(|a, b| a.en.cmp(&b.en));
    table
}

/// Writes the tables and the `t!` macro for the keys used under `src` to `out`.
pub fn generate(src: &Path, table: &Path, dynamic: Option<&Path>, glossary_path: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", table.display());
    println!("cargo:rerun-if-changed={}", glossary_path.display());
    let entries = read_table(table);
    let mut used = BTreeMap::new();
    keys_in_source(src, &mut used);
    let known: BTreeSet<&str> = entries.iter().map(|e| e.en.as_str()).collect();
    let missing: Vec<String> =
        used.iter().filter(|(k, _)| !known.contains(k.as_str())).map(|(k, f)| format!("{f}: {k:?}")).collect();
    assert!(missing.is_empty(), "these texts have no German in {}:\n{}", table.display(), missing.join("\n"));
    let extra: Vec<&str> = entries.iter().filter(|e| !used.contains_key(&e.en)).map(|e| e.at.as_str()).collect();
    assert!(extra.is_empty(), "these German lines translate no t!(…) key:\n{}", extra.join("\n"));

    let mut code = String::from("// Generated by app/i18n/gen.rs: do not edit.\n\n");
    let _ = writeln!(code, "/// How many texts the interface has (the tables' length).");
    let _ = writeln!(code, "pub const TEXTS: usize = {};", entries.len());
    let _ = writeln!(code, "/// Every text in English, indexed by the `t!` macro (the browser fetches them instead:");
    let _ = writeln!(code, "/// `text/en/ui.txt`).");
    let _ = writeln!(code, "#[cfg(not(target_arch = \"wasm32\"))]");
    let _ = writeln!(code, "pub static EN: [&str; {}] = [", entries.len());
    for e in &entries {
        let _ = writeln!(code, "    {:?},", e.en);
    }
    let _ = writeln!(code, "];\n/// The same texts in German (the browser fetches them instead: `text/de/ui.txt`).");
    let _ = writeln!(code, "#[cfg(not(target_arch = \"wasm32\"))]");
    let _ = writeln!(code, "pub static DE: [&str; {}] = [", entries.len());
    for e in &entries {
        let _ = writeln!(code, "    {:?},", e.de);
    }
    let _ = writeln!(code, "];\n");
    let _ = writeln!(code, "/// A text in the current language: `t!(\"English\")`, or with its placeholders filled,");
    let _ = writeln!(code, "/// `t!(\"{{0}} of {{1}}\", a, b)`. A key without a translation does not compile.");
    let _ = writeln!(code, "macro_rules! t {{");
    for (i, e) in entries.iter().enumerate() {
        let n = placeholders(&e.en).len();
        if n == 0 {
            let _ = writeln!(code, "    ({:?}) => {{ $crate::i18n::text({i}) }};", e.en);
        } else {
            let params: Vec<String> = (0..n).map(|j| format!("$a{j}:expr")).collect();
            let args: Vec<String> = (0..n).map(|j| format!("&$a{j}")).collect();
            let _ = writeln!(
                code,
                "    ({:?}, {} $(,)?) => {{ $crate::i18n::fill($crate::i18n::text({i}), &[{}]) }};",
                e.en,
                params.join(", "),
                args.join(", ")
            );
        }
    }
    let _ = writeln!(code, "}}\n");

    let mut texts: Vec<(&str, &str)> = entries.iter().map(|e| (e.at.as_str(), e.de.as_str())).collect();
    let dyn_entries = dynamic.map(|p| {
        println!("cargo:rerun-if-changed={}", p.display());
        sorted(read_table(p))
    });
    if let Some(d) = &dyn_entries {
        texts.extend(d.iter().map(|e| (e.at.as_str(), e.de.as_str())));
    }
    check_glossary(glossary_path, &texts);
    let d = dyn_entries.unwrap_or_default();
    let _ = writeln!(code, "/// The lessons' own texts (titles, knobs, variants) in English, sorted.");
    let _ = writeln!(code, "pub static LESSON_EN: [&str; {}] = [", d.len());
    for e in &d {
        let _ = writeln!(code, "    {:?},", e.en);
    }
    let _ =
        writeln!(code, "];\n/// The same in German (the browser fetches them instead, after the interface's texts in");
    let _ = writeln!(code, "/// `text/de/ui.txt`).");
    let _ = writeln!(code, "#[cfg(not(target_arch = \"wasm32\"))]");
    let _ = writeln!(code, "pub static LESSON_DE: [&str; {}] = [", d.len());
    for e in &d {
        let _ = writeln!(code, "    {:?},", e.de);
    }
    let _ = writeln!(code, "];");
    fs::write(out, code).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
