//! The texts the page fetches for the language a learner reads, so that nobody downloads the
//! other language (and the lessons' prose stays out of the wasm):
//!
//! - `text/<lang>/<lesson>.html` — every lesson's narrative (`lessons/content/<id>/lesson.md`,
//!   German in `lesson.de.md`), rendered from Markdown;
//! - `text/<lang>/review-answers.html` — the review's answers (`answers.md`, `answers.de.md`);
//! - `text/<lang>/review-why-<program>.html` — why a review program is leaky or safe, as the
//!   quiz shows it once answered (a row of `answers.md`, of `answers.de.md` in German);
//! - `text/en/ui.txt` — the interface's English texts, in the order the `t!` macro numbers
//!   them (`app/i18n/de.tsv`'s), see `app/i18n/gen.rs`;
//! - `text/de/ui.txt` — the interface's German texts in the same order, then the lessons' own
//!   (`lessons/content/lessons.de.tsv`).
//!
//! `files` makes them; the `sitetext` binary writes them into Trunk's staging directory (a
//! post-build hook in `Trunk.toml`). Every lesson must have both languages: a missing or extra
//! translation fails the build.

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[allow(dead_code)]
#[path = "../../app/i18n/gen.rs"]
mod gen;

/// The review's quiz (its parser is shared with the lessons crate and the app's build).
#[allow(dead_code)]
#[path = "../../lessons/src/quiz.rs"]
mod quiz;

/// The page's languages, as `text/` names them; English first.
pub const LANGS: [&str; 2] = ["en", "de"];

/// The workspace's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The Markdown file of `lesson`'s `kind` (`lesson` or `answers`) in `lang`.
fn source(content: &Path, lesson: &str, kind: &str, lang: &str) -> PathBuf {
    let name = if lang == "en" { format!("{kind}.md") } else { format!("{kind}.{lang}.md") };
    content.join(lesson).join(name)
}

/// Every file the page fetches, as (path under the site, contents). Fails, naming the file,
/// when a lesson lacks a language or a German text uses a spelling the glossary rules out.
pub fn files(root: &Path) -> Result<Vec<(String, String)>, String> {
    let content = root.join("lessons/content");
    let mut out = Vec::new();
    let mut lessons: Vec<String> = fs::read_dir(&content)
        .map_err(|e| format!("{}: {e}", content.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    lessons.sort();
    let mut german = Vec::new();
    for lesson in &lessons {
        for kind in ["lesson", "answers"] {
            let have: Vec<bool> = LANGS.iter().map(|l| source(&content, lesson, kind, l).exists()).collect();
            if have.iter().all(|h| !h) {
                continue;
            }
            for (lang, has) in LANGS.iter().zip(&have) {
                let path = source(&content, lesson, kind, lang);
                if !has {
                    return Err(format!("{} is missing: every language needs it", path.display()));
                }
                let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                if *lang == "de" {
                    german.push((path.display().to_string(), text.clone()));
                }
                let name = if kind == "lesson" { lesson.clone() } else { format!("{lesson}-answers") };
                out.push((format!("text/{lang}/{name}.html"), markdown_html(&text)));
            }
        }
        // A German file without its English one is a translation of nothing.
        for entry in fs::read_dir(content.join(lesson)).map_err(|e| e.to_string())?.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".de.md") {
                if !content.join(lesson).join(format!("{stem}.md")).exists() {
                    return Err(format!("{}: no English {stem}.md beside it", entry.path().display()));
                }
            }
        }
    }
    let texts: Vec<(&str, &str)> = german.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    std::panic::catch_unwind(|| gen::check_glossary(&content.join("glossary.tsv"), &texts))
        .map_err(|_| "a German narrative uses a spelling lessons/content/glossary.tsv rules out".to_string())?;
    for (variant, [en, de]) in quiz_why(&content)? {
        out.push((format!("text/en/review-why-{variant}.html"), format!("<p>{en}</p>\n")));
        out.push((format!("text/de/review-why-{variant}.html"), format!("<p>{de}</p>\n")));
    }
    out.push(("text/listings.txt".to_string(), listings(&content)?));
    out.push(("text/en/ui.txt".to_string(), gen::english_file(&root.join("app/i18n/de.tsv"))));
    out.push((
        "text/de/ui.txt".to_string(),
        gen::german_file(&root.join("app/i18n/de.tsv"), &content.join("lessons.de.tsv")),
    ));
    Ok(out)
}

/// Every lesson's listings in one file, which the page fetches with the lessons after the first
/// (`lessons::catalog::supply_listings` reads it): for each `content/<lesson>/<variant>.go`,
/// sorted, the byte 0x01, `lesson/variant`, a line break and the listing.
pub fn listings(content: &Path) -> Result<String, String> {
    const MARK: char = '\u{1}';
    let sorted = |dir: &Path, keep: &dyn Fn(&Path) -> bool| -> Result<Vec<PathBuf>, String> {
        let mut v: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| keep(p))
            .collect();
        v.sort();
        Ok(v)
    };
    let mut out = String::new();
    for dir in sorted(content, &|p| p.join("lesson.toml").exists())? {
        let lesson = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        for f in sorted(&dir, &|p| p.extension().is_some_and(|x| x == "go"))? {
            let text = fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            if text.contains(MARK) {
                return Err(format!("{} holds the byte 0x01 that separates the listings", f.display()));
            }
            let variant = f.file_stem().unwrap_or_default().to_string_lossy();
            out.push_str(&format!("{MARK}{lesson}/{variant}\n{text}"));
        }
    }
    Ok(out)
}

/// For every review program, why it is leaky or safe as inline HTML, in English and German;
/// fails when `answers.de.md` lacks a program's row or disagrees with the quiz's verdict.
pub fn quiz_why(content: &Path) -> Result<Vec<(&'static str, [String; 2])>, String> {
    let german_path = content.join("review/answers.de.md");
    let german = fs::read_to_string(&german_path).map_err(|e| format!("{}: {e}", german_path.display()))?;
    let inline = |md: &str| {
        let html = markdown_html(md);
        html.trim().trim_start_matches("<p>").trim_end_matches("</p>").to_string()
    };
    let mut out = Vec::new();
    for item in quiz::review() {
        let at = german_path.display();
        let row = german
            .lines()
            .find(|l| l.starts_with(&format!("| `{}.go` |", item.variant)))
            .ok_or_else(|| format!("{at} has no row for {}", item.variant))?;
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let [_, said, why] = cells.as_slice() else {
            return Err(format!("{at}: the row for {} has not three cells", item.variant));
        };
        let said_leaky = match said.trim_matches('*') {
            "Leak" => true,
            "sicher" => false,
            other => return Err(format!("{at} calls {} {other:?}: say Leak or sicher", item.variant)),
        };
        if said_leaky != item.leaky {
            return Err(format!("{at} and the quiz disagree on {}", item.variant));
        }
        out.push((item.variant, [inline(item.why), inline(why)]));
    }
    Ok(out)
}

/// Renders a lesson's Markdown as HTML. The first line, `# Title`, is left out (the page shows
/// the title); the remaining headings move one level down, under the region's `<h2>`; raw HTML
/// is shown as text, so the lessons' files cannot inject markup.
pub fn markdown_html(markdown: &str) -> String {
    let body = match markdown.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => rest,
        _ => markdown,
    };
    let demote = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let events = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: demote(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(CowStr::from(raw.to_string())),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_has_both_languages_without_title_or_scripts() {
        let files = files(&root()).unwrap();
        let lessons = ["unbounded-send", "upstream", "workers", "pprof", "num-goroutine", "review"];
        for lang in LANGS {
            for lesson in lessons {
                let (_, html) = files
                    .iter()
                    .find(|(p, _)| *p == format!("text/{lang}/{lesson}.html"))
                    .unwrap_or_else(|| panic!("no {lang} narrative for {lesson}"));
                assert!(html.contains("<p>") && !html.contains("<h1") && !html.contains("<script"), "{lang} {lesson}");
            }
            let (_, answers) = files.iter().find(|(p, _)| *p == format!("text/{lang}/review-answers.html")).unwrap();
            assert!(answers.contains("<table>"), "{lang}");
            let (_, why) = files.iter().find(|(p, _)| *p == format!("text/{lang}/review-why-review-2.html")).unwrap();
            assert!(why.starts_with("<p>") && why.contains("<code>fastest</code>"), "{lang}: {why}");
        }
        let (_, ui) = files.iter().find(|(p, _)| p == "text/de/ui.txt").unwrap();
        assert!(ui.lines().count() > 100 && ui.lines().all(|l| !l.trim().is_empty()));
        // The interface's texts, then the lessons' (app/src/i18n.rs reads it in that order).
        let rows = |p: &str| {
            fs::read_to_string(root().join(p)).unwrap().lines().filter(|l| !l.is_empty() && !l.starts_with('#')).count()
        };
        assert_eq!(ui.lines().count(), rows("app/i18n/de.tsv") + rows("lessons/content/lessons.de.tsv"));
        assert!(ui.contains("Lookup mit Timeout"), "the lessons' German is in ui.txt");
    }

    #[test]
    fn every_quiz_answer_is_explained_in_both_languages() {
        let why = quiz_why(&root().join("lessons/content")).unwrap();
        assert_eq!(why.len(), quiz::review().len());
        for (variant, [en, de]) in &why {
            assert!(!en.is_empty() && !de.is_empty() && en != de, "{variant}");
        }
    }

    #[test]
    fn raw_html_in_markdown_is_text() {
        let html = markdown_html("# T\n\nA <script>x</script> b\n\n## Sub\n");
        assert!(html.contains("&lt;script&gt;") && html.contains("<h3>Sub</h3>"), "{html}");
    }
}
