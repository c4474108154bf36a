//! The lesson registry. A lesson is its folder under `lessons/content/<id>/`: the narrative
//! (`lesson.md`, `lesson.de.md`), one Go listing per variant (`<variant>.go`) and
//! `lesson.toml`, which says everything else — the title, where it stands in the teaching
//! order, the request the virtual clients send, the load's defaults and the lesson's own knobs.
//! [`read_all`] reads and checks every lesson; the `lessons` crate and the app generate their
//! catalogs from it at build time, and the e2e tests and `lessons/oracle/gen.sh` list the same
//! folders, so no code names a lesson.
//!
//! ```toml
//! order = 1
//! title = "Unbounded channel sends"
//! summary = "One sentence for the overview."
//! minutes = 8
//! path = "/log"                   # what the virtual clients request
//! queries = ["task=resize"]       # optional: the k-th request's query, cycled
//!
//! [load]                          # the common knobs' defaults for this lesson
//! rate = "200"
//! duration = "2s"
//!
//! [[variants]]                    # in order, the leaky one first; <id>.go is its listing
//! id = "leaky"
//! label = "Leaky"
//! # path = "/user"; queries = [...]: this variant's own request, if it differs
//!
//! [[knobs]]                       # the lesson's own knobs
//! name = "buffer"
//! label = "logCh buffer"
//! unit = "entries"
//! default = "100"
//! kind = "int"                    # int, number, duration, duration-or-never, duration-or-hang
//! min = "0"
//! max = "100000"
//! ```

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sim_runtime::Duration;

/// One lesson as `lesson.toml` and its folder describe it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonData {
    /// The folder's name: the id in URLs and on the command line (not in the file).
    #[serde(skip)]
    pub id: String,
    /// The folder.
    #[serde(skip)]
    pub dir: PathBuf,
    /// Where the lesson stands in the teaching order (1 first).
    pub order: u32,
    /// The title.
    pub title: String,
    /// What the lesson shows, in one sentence, for the overview.
    pub summary: String,
    /// About how long it takes, in minutes.
    pub minutes: u32,
    /// The path the virtual clients request.
    pub path: String,
    /// The query of the k-th request, cycled (none: no query).
    #[serde(default)]
    pub queries: Vec<String>,
    /// Defaults of the common knobs (the load's and the process's) for this lesson.
    #[serde(default)]
    pub load: std::collections::BTreeMap<String, String>,
    /// The variants, in order.
    pub variants: Vec<VariantData>,
    /// The lesson's own knobs.
    #[serde(default)]
    pub knobs: Vec<KnobData>,
}

/// One variant.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantData {
    /// `leaky`, `safe`, `review-1`…; the listing is `<id>.go`.
    pub id: String,
    /// The toggle's label.
    pub label: String,
    /// This variant's own request path, if it differs from the lesson's.
    pub path: Option<String>,
    /// This variant's own queries, if they differ from the lesson's.
    pub queries: Option<Vec<String>>,
}

/// One knob of the lesson's own.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnobData {
    /// The name (`--name` on the command line, `name=` in the URL, `{{name}}` in listings).
    pub name: String,
    /// What it sets, for its label.
    pub label: String,
    /// The unit shown next to the value.
    #[serde(default)]
    pub unit: String,
    /// The default, as a learner writes it.
    pub default: String,
    /// `int`, `number`, `duration`, `duration-or-never`, `duration-or-hang`.
    pub kind: String,
    /// The smallest value accepted (as text: `0`, `1ms`).
    pub min: String,
    /// The largest value accepted.
    pub max: String,
}

/// A knob's accepted values, checked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Range {
    /// A whole number in `min..=max`.
    Int(i64, i64),
    /// A number in `min..=max`.
    Number(f64, f64),
    /// A duration in `min..=max`; `or` is the word also accepted (`never`, `hang`), if any.
    Duration(Duration, Duration, Option<&'static str>),
}

impl KnobData {
    /// The accepted values, or why the file's description of them is wrong.
    pub fn range(&self) -> Result<Range, String> {
        let int = |s: &str| s.parse::<i64>().map_err(|_| format!("knob {}: {s:?} is not a whole number", self.name));
        let num = |s: &str| s.parse::<f64>().map_err(|_| format!("knob {}: {s:?} is not a number", self.name));
        let dur = |s: &str| Duration::parse(s).map_err(|_| format!("knob {}: {s:?} is not a Go duration", self.name));
        let range = match self.kind.as_str() {
            "int" => Range::Int(int(&self.min)?, int(&self.max)?),
            "number" => Range::Number(num(&self.min)?, num(&self.max)?),
            "duration" => Range::Duration(dur(&self.min)?, dur(&self.max)?, None),
            "duration-or-never" => Range::Duration(dur(&self.min)?, dur(&self.max)?, Some("never")),
            "duration-or-hang" => Range::Duration(dur(&self.min)?, dur(&self.max)?, Some("hang")),
            other => {
                return Err(format!(
                    "knob {}: kind {other:?} is not one of int, number, duration, duration-or-never, duration-or-hang",
                    self.name
                ))
            }
        };
        let d = self.default.as_str();
        let ok = match range {
            Range::Int(lo, hi) => lo <= hi && int(d).is_ok_and(|v| (lo..=hi).contains(&v)),
            Range::Number(lo, hi) => lo <= hi && num(d).is_ok_and(|v| v >= lo && v <= hi),
            Range::Duration(lo, hi, or) => {
                lo <= hi && (Some(d) == or || Duration::parse(d).is_ok_and(|v| v >= lo && v <= hi))
            }
        };
        if !ok {
            return Err(format!("knob {}: the default {d:?} is outside {}..{}", self.name, self.min, self.max));
        }
        Ok(range)
    }
}

impl LessonData {
    /// The listing of variant `id`.
    pub fn listing_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.go"))
    }

    /// A file of the lesson's folder, if it is there (`answers.md`, `quiz.tsv`).
    pub fn file(&self, name: &str) -> Option<PathBuf> {
        let p = self.dir.join(name);
        p.is_file().then_some(p)
    }
}

/// The names a lesson's own knob may not take: the knobs every lesson has
/// (`lessons::knobs::common_knobs`, a test in `lessons` checks) and the flags of `leaklab run`
/// and the URL's own parameters.
pub const RESERVED: &[&str] = &[
    "rate",
    "duration",
    "arrivals",
    "burst",
    "give_up",
    "mem_limit",
    "gogc",
    "timer_slack",
    "seed",
    "at",
    "report",
    "out",
    "variant",
    "lesson",
    "path",
    "query",
    "progress",
    "source",
    "lang",
    "t",
    "panel",
    "compare",
    "embed",
    "page",
    "crash",
    "parent_origin",
];

/// Reads every lesson under `content` (the folders with a `lesson.toml`), in teaching order,
/// checking each: a lesson that cannot be run as written is an error naming its file.
pub fn read_all(content: &Path) -> Result<Vec<LessonData>, String> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(content)
        .map_err(|e| format!("{}: {e}", content.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("lesson.toml").is_file())
        .collect();
    dirs.sort();
    let mut lessons = Vec::new();
    for dir in dirs {
        let file = dir.join("lesson.toml");
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut l: LessonData = toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        l.id = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        l.dir = dir;
        check(&l).map_err(|e| format!("{}: {e}", file.display()))?;
        lessons.push(l);
    }
    lessons.sort_by_key(|l| l.order);
    for pair in lessons.windows(2) {
        if pair[0].order == pair[1].order {
            return Err(format!("lessons {} and {} both have order = {}", pair[0].id, pair[1].id, pair[0].order));
        }
    }
    if lessons.is_empty() {
        return Err(format!("{}: no lesson (a folder with a lesson.toml)", content.display()));
    }
    Ok(lessons)
}

fn check(l: &LessonData) -> Result<(), String> {
    let id_ok = !l.id.is_empty() && l.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        return Err(format!("the folder name {:?} is not a lesson id (lowercase letters, digits, -)", l.id));
    }
    for (what, text) in [("title", &l.title), ("summary", &l.summary)] {
        if text.trim().is_empty() {
            return Err(format!("{what} is empty"));
        }
    }
    let path_ok = |p: &str| p.starts_with('/') && !p.contains(['?', '#', ' ']);
    if !path_ok(&l.path) {
        return Err(format!("path {:?} must start with / and hold no query", l.path));
    }
    if !l.dir.join("lesson.md").is_file() {
        return Err("lesson.md (the narrative) is missing".to_string());
    }
    if l.variants.is_empty() {
        return Err("a lesson needs at least one [[variants]]".to_string());
    }
    let mut seen = BTreeSet::new();
    for v in &l.variants {
        if !seen.insert(v.id.as_str()) {
            return Err(format!("variant {} is listed twice", v.id));
        }
        if !l.listing_path(&v.id).is_file() {
            return Err(format!("variant {}: its listing {}.go is missing", v.id, v.id));
        }
        if let Some(p) = &v.path {
            if !path_ok(p) {
                return Err(format!("variant {}: path {p:?} must start with / and hold no query", v.id));
            }
        }
    }
    let listings: BTreeSet<String> = fs::read_dir(&l.dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".go").map(str::to_string))
        .collect();
    if let Some(extra) = listings.iter().find(|n| !seen.contains(n.as_str())) {
        return Err(format!("{extra}.go is no variant's listing (add it to [[variants]] or remove it)"));
    }
    let mut names = BTreeSet::new();
    for k in &l.knobs {
        if RESERVED.contains(&k.name.as_str()) {
            return Err(format!("knob {}: the name is taken by a knob every lesson has", k.name));
        }
        if !k.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') || k.name.is_empty() {
            return Err(format!("knob {:?}: a name is lowercase letters and _", k.name));
        }
        if !names.insert(k.name.as_str()) {
            return Err(format!("knob {} is listed twice", k.name));
        }
        k.range()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/content")
    }

    #[test]
    fn the_lessons_read_in_teaching_order() {
        let all = read_all(&content()).unwrap();
        assert!(all.len() >= 6, "{}", all.len());
        assert!(all.windows(2).all(|w| w[0].order < w[1].order));
        assert_eq!(all[0].id, "unbounded-send");
    }

    fn lesson_dir(name: &str, toml: &str, files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("lessondata-{}-{name}", std::process::id()));
        let dir = root.join("my-lesson");
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("lesson.toml"), toml).unwrap();
        for f in files {
            fs::write(dir.join(f), "package main\n").unwrap();
        }
        root
    }

    const GOOD: &str = r#"
order = 1
title = "T"
summary = "S"
minutes = 5
path = "/p"
[[variants]]
id = "leaky"
label = "Leaky"
[[knobs]]
name = "size"
label = "Size"
default = "3"
kind = "int"
min = "1"
max = "9"
"#;

    #[test]
    fn a_broken_lesson_is_an_error_that_names_its_file_and_fault() {
        let ok = lesson_dir("ok", GOOD, &["lesson.md", "leaky.go"]);
        let l = read_all(&ok).unwrap();
        assert_eq!(l[0].id, "my-lesson");
        assert_eq!(l[0].knobs[0].range().unwrap(), Range::Int(1, 9));
        let cases: &[(&str, &[&str], &str)] = &[
            (GOOD, &["lesson.md"], "variant leaky: its listing leaky.go is missing"),
            (GOOD, &["lesson.md", "leaky.go", "safe.go"], "safe.go is no variant's listing"),
            (GOOD, &["leaky.go"], "lesson.md (the narrative) is missing"),
            (&GOOD.replace("default = \"3\"", "default = \"30\""), &["lesson.md", "leaky.go"], "outside 1..9"),
            (&GOOD.replace("kind = \"int\"", "kind = \"text\""), &["lesson.md", "leaky.go"], "is not one of int"),
            (&GOOD.replace("name = \"size\"", "name = \"rate\""), &["lesson.md", "leaky.go"], "taken by a knob"),
            (&GOOD.replace("path = \"/p\"", "path = \"p?x=1\""), &["lesson.md", "leaky.go"], "must start with /"),
            (&GOOD.replace("minutes = 5", "minutes = 5\ncolour = 1"), &["lesson.md", "leaky.go"], "unknown field"),
            (&GOOD.replace("title = \"T\"", ""), &["lesson.md", "leaky.go"], "missing field `title`"),
        ];
        for (i, (toml, files, want)) in cases.iter().enumerate() {
            let dir = lesson_dir(&format!("bad{i}"), toml, files);
            let err = read_all(&dir).unwrap_err();
            assert!(err.contains("my-lesson/lesson.toml") && err.contains(want), "case {i}: {err}");
            let _ = fs::remove_dir_all(dir);
        }
        let _ = fs::remove_dir_all(ok);
    }
}
