//! The "Your dump" page's Web Worker, minus the browser: reads a learner's dump (and an
//! optional base dump) with [`dumpread`], a slice of lines at a time so that it can report
//! its progress, groups it and finds its suspects with [`lessons::analyze`], and turns the
//! result into the page's view model ([`protocol::Report`]). `main.rs` is the wasm glue:
//! messages in, messages out. Everything here is tested natively.
//!
//! The page's wasm never links this crate: Trunk builds it as a separate worker
//! (`app/index.html`), which the page loads only when "Your dump" is opened.

#[path = "../../app/src/dump_i18n.rs"]
pub mod i18n;
#[path = "../../app/src/dump_protocol.rs"]
pub mod protocol;

use dumpread::{Dump, Grouping, Incremental, Origin, Query};
use lessons::analyze::{self, Analysis, Row};

use i18n::{tx, tx1, Lang};
use protocol::{DiffRow, FrameRow, GroupRow, Report, SuspectRow};

/// The analysis' language: the page's ([`i18n::lang`], set from each request's `lang`).
fn analysis_lang() -> lessons::lang::Lang {
    lessons::lang::Lang::from_code(i18n::lang().code())
}

/// Lines read between two progress reports.
const STEP_LINES: usize = 40_000;

/// Text dumps up to this size may be offered for a link (`dumpread::share` decides whether
/// it really fits); larger ones are not even tried.
pub const SHAREABLE_BYTES: usize = 256 * 1024;

/// At most this many notes (text around the goroutines) are shown.
const MAX_NOTES: usize = 50;

/// Reads one dump, calling `progress(permille)` as it goes.
pub fn read(input: Vec<u8>, progress: &mut dyn FnMut(u32)) -> Result<Dump, dumpread::ParseError> {
    let mut reading = Incremental::new(input);
    let mut last = u32::MAX;
    while !reading.step(STEP_LINES)? {
        let p = (reading.progress() * 1000.0) as u32;
        if p != last {
            progress(p);
            last = p;
        }
    }
    reading.finish()
}

/// Why a dump cannot go into a link, or a link's dump cannot be read, in the page's language.
pub fn share_error(e: &dumpread::share::ShareError) -> String {
    analyze::say(analysis_lang(), &e.text())
}

/// Whether `input` is plain text small enough to be packed into a link.
pub fn shareable(input: &[u8]) -> bool {
    input.len() <= SHAREABLE_BYTES && !input.starts_with(&[0x1f, 0x8b]) && std::str::from_utf8(input).is_ok()
}

fn group_row(r: &Row, minutes: Vec<(u32, u64)>, longest: u32, suspect: Option<usize>) -> GroupRow {
    let frames: Vec<FrameRow> = r
        .frames
        .iter()
        .map(|f| FrameRow {
            function: f.function.clone(),
            location: f.location.clone(),
            package: dumpread::package(&f.function).to_string(),
            std: f.origin == Origin::Std,
        })
        .collect();
    let (function, own) = match r.function.strip_prefix("(std) ") {
        Some(f) => (f.to_string(), false),
        None => (r.function.clone(), frames.iter().any(|f| !f.std)),
    };
    GroupRow { count: r.count, state: r.state.clone(), function, own, longest, minutes, suspect, frames }
}

/// `Lesson: Unbounded channel sends, at 2s, its debug=2 dump`, in the page's language.
fn link_text(link: &analyze::LessonLink) -> String {
    let title = lessons::lesson(link.lesson).map_or(link.lesson, |l| analyze::lesson_text(analysis_lang(), l.title));
    let panel = match link.panel {
        "debug1" => "debug=1",
        "debug2" => "debug=2",
        other => other,
    };
    tx1("Lesson: {0}, at {1}, its {2} dump", &[&title, &link.at, &panel])
}

fn minutes_of(g: &dumpread::Group) -> Vec<(u32, u64)> {
    g.minutes.iter().map(|(&m, &c)| (m, c)).collect()
}

/// The page's query for a lesson: the link's, keeping `lang=de` when the page is German.
fn lesson_query(link: &analyze::LessonLink) -> String {
    match i18n::lang() {
        Lang::En => link.query(),
        Lang::De => format!("{}&lang=de", link.query()),
    }
}

/// The view model of `now`, with the diff against `base` if there is one.
pub fn report(now: Dump, base: Option<&Dump>, how: Grouping, shareable: bool) -> Report {
    let lang = analysis_lang();
    let a = Analysis::new(now, how).in_lang(lang);
    let rows = a.rows(&Query::default());
    let mut suspects = Vec::new();
    let mut groups = Vec::with_capacity(rows.len());
    for r in &rows {
        let g = &a.groups[r.group];
        let suspect = r.suspect.as_ref().map(|(s, link)| {
            suspects.push(SuspectRow {
                group: r.group,
                count: r.count,
                reason: s.reason.clone(),
                lesson: link.lesson.to_string(),
                query: lesson_query(link),
                command: link.command(),
                link_text: link_text(link),
            });
            suspects.len() - 1
        });
        groups.push(group_row(r, minutes_of(g), g.longest_minutes(), suspect));
    }
    let dump = &a.dump;
    let diff = base.map(|base| {
        let headline = analyze::diff_headline(base, dump, lang);
        // `diff_rows` indexes the groups of this same comparison: the current dump's, or the
        // base dump's for a stack that is gone.
        let d = dumpread::diff(base, dump);
        let rows = analyze::diff_rows_in(base, dump, &Query::default(), lang)
            .into_iter()
            .map(|dr| {
                let g = match dr.change.now_group {
                    Some(_) => d.now_groups.get(dr.row.group),
                    None => d.base_groups.get(dr.row.group),
                };
                let (minutes, longest) = g.map_or((Vec::new(), 0), |g| (minutes_of(g), g.longest_minutes()));
                DiffRow {
                    delta: dr.change.delta(),
                    base: dr.change.base,
                    now: dr.change.now,
                    row: group_row(&dr.row, minutes, longest, None),
                }
            })
            .collect();
        (headline, rows)
    });
    Report {
        headline: a.headline(),
        goroutines: dump.goroutines(),
        truncated: dump.truncated.as_ref().map(|e| analyze::say(lang, &e.text())),
        notes: dump.notes.iter().take(MAX_NOTES).map(|n| (n.line as u64, n.text.clone())).collect(),
        groups,
        suspects,
        diff,
        shareable,
    }
}

/// A message whose last sentence is a question ends with its question mark alone.
pub fn one_stop(mut message: String) -> String {
    if message.ends_with("?.") {
        message.pop();
    }
    message
}

/// Reads `now` (and `base`) and analyses them, reporting `(permille, phase)` as it goes; the
/// error names which dump could not be read and where.
pub fn analyze_inputs(
    now: Vec<u8>,
    base: Option<Vec<u8>>,
    how: Grouping,
    progress: &mut dyn FnMut(u32, &str),
) -> Result<Report, String> {
    let share = shareable(&now);
    let why = |e: dumpread::ParseError| analyze::say(analysis_lang(), &e.text());
    let now = read(now, &mut |p| progress(p, tx("Reading the dump")))
        .map_err(|e| one_stop(tx1("The dump could not be read: {0}.", &[&why(e)])))?;
    let base = match base {
        Some(b) => Some(
            read(b, &mut |p| progress(p, tx("Reading the base dump")))
                .map_err(|e| one_stop(tx1("The base dump could not be read: {0}.", &[&why(e)])))?,
        ),
        None => None,
    };
    progress(0, tx("Grouping the goroutines"));
    Ok(report(now, base.as_ref(), how, share))
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{decode, ToPage};

    fn oracle(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../lessons/oracle/dumps/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn a_real_dump_becomes_the_view_model_and_reads_back() {
        let mut phases = Vec::new();
        let r = analyze_inputs(
            oracle("pprof-leaky.go1.24.4.http.goroutine.debug2.txt"),
            None,
            Grouping::IgnoreArgs,
            &mut |p, phase| phases.push((p, phase.to_string())),
        )
        .unwrap();
        assert!(phases.iter().any(|(_, p)| p == "Grouping the goroutines"));
        assert_eq!(r.goroutines, r.groups.iter().map(|g| g.count).sum::<u64>());
        assert!(r.headline.starts_with("goroutine traceback (debug=2)"), "{}", r.headline);
        // The largest group is the program's own code, highlighted as such.
        assert!(r.groups[0].own && r.groups[0].function.starts_with("main."), "{:?}", r.groups[0]);
        assert!(r.groups.iter().any(|g| !g.own), "net/http's own goroutines are the standard library's");
        for s in &r.suspects {
            assert_eq!(r.groups[s.group].suspect.map(|i| &r.suspects[i]), Some(s));
            assert!(s.query.starts_with("?lesson="), "{}", s.query);
            assert!(s.reason.ends_with('.'), "a full sentence: {}", s.reason);
            assert!(s.link_text.starts_with("Lesson: ") && s.link_text.ends_with(" dump"), "{}", s.link_text);
        }
        let msg = ToPage::Done(Box::new(r));
        assert_eq!(decode(&msg.encode()), msg);
    }

    #[test]
    fn protobuf_profiles_and_diffs() {
        let base = read(oracle("pprof-safe.go1.24.4.http.goroutine.pb.gz"), &mut |_| {}).unwrap();
        let now = oracle("pprof-leaky.go1.24.4.http.goroutine.pb.gz");
        assert!(!shareable(&now), "a binary profile is never packed into a link");
        let r = analyze_inputs(
            now,
            Some(oracle("pprof-safe.go1.24.4.http.goroutine.pb.gz")),
            Grouping::IgnoreArgs,
            &mut |_, _| {},
        )
        .unwrap();
        let (headline, rows) = r.diff.unwrap();
        assert!(headline.contains(&format!("{} goroutines →", base.goroutines())), "{headline}");
        assert!(rows[0].delta > 0 && rows.windows(2).all(|w| w[0].delta >= w[1].delta || w[1].delta < 0));
        assert_eq!(rows[0].delta, rows[0].now as i64 - rows[0].base as i64);
    }

    #[test]
    fn exact_grouping_splits_by_arguments() {
        let text = oracle("unbounded-send-leaky.go1.24.4.t2s.debug2.txt");
        let loose = analyze_inputs(text.clone(), None, Grouping::IgnoreArgs, &mut |_, _| {}).unwrap();
        let exact = analyze_inputs(text, None, Grouping::Exact, &mut |_, _| {}).unwrap();
        assert_eq!(loose.goroutines, exact.goroutines);
        assert!(exact.groups.len() > loose.groups.len(), "{} vs {}", exact.groups.len(), loose.groups.len());
    }

    #[test]
    fn damaged_input_names_its_line() {
        let text =
            b"goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n\ngoroutine x [chan send]:\n".to_vec();
        let err = analyze_inputs(text, None, Grouping::IgnoreArgs, &mut |_, _| {}).unwrap_err();
        assert!(err.starts_with("The dump could not be read: line "), "{err}");
        let err =
            analyze_inputs(b"hello".to_vec(), Some(b"".to_vec()), Grouping::IgnoreArgs, &mut |_, _| {}).unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn damage_and_cuts_are_told_in_the_page_s_language() {
        let cut =
            b"goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n\ngoroutine 2 [chan send]:\nmain.f()\n";
        let gz = sim_runtime::pprof::gzip(&oracle("unbounded-send-leaky.go1.24.4.t2s.debug2.txt"));
        let en_cut = analyze_inputs(cut.to_vec(), None, Grouping::IgnoreArgs, &mut |_, _| {}).unwrap();
        let en_gz = analyze_inputs(gz[..gz.len() / 2].to_vec(), None, Grouping::IgnoreArgs, &mut |_, _| {});
        let en_link = share_error(&dumpread::share::unpack("ab$c").unwrap_err());
        i18n::set_lang(Lang::De);
        let de_cut = analyze_inputs(cut.to_vec(), None, Grouping::IgnoreArgs, &mut |_, _| {}).unwrap();
        let de_gz = analyze_inputs(gz[..gz.len() / 2].to_vec(), None, Grouping::IgnoreArgs, &mut |_, _| {});
        let de_bad = analyze_inputs(b"goroutine x [running]:\n".to_vec(), None, Grouping::IgnoreArgs, &mut |_, _| {});
        let de_link = share_error(&dumpread::share::unpack("ab$c").unwrap_err());
        i18n::set_lang(Lang::En);
        assert_eq!(
            en_cut.truncated.as_deref(),
            Some("line 7: goroutine 2: `main.f` on line 6 has no `file:line` line after it; is the dump cut short?")
        );
        assert_eq!(
            de_cut.truncated.as_deref(),
            Some("Zeile 7: Goroutine 2: Auf `main.f` in Zeile 6 folgt keine `file:line`-Zeile; ist der Dump abgeschnitten?")
        );
        assert_eq!(
            en_gz.unwrap_err(),
            "The dump could not be read: the gzip data stops before its end; is the file cut short?"
        );
        assert_eq!(
            de_gz.unwrap_err(),
            "Der Dump konnte nicht gelesen werden: die gzip-Daten hören vor ihrem Ende auf; ist die Datei abgeschnitten?"
        );
        assert_eq!(
            de_bad.unwrap_err(),
            "Der Dump konnte nicht gelesen werden: Zeile 1: `goroutine x [running]:` ist kein Goroutine-Kopf wie \
             `goroutine 7 [chan send]:`."
        );
        assert_eq!(en_link, "the link's dump is damaged: character 3 is not base64url");
        assert_eq!(de_link, "der Dump des Links ist beschädigt: Zeichen 3 ist kein base64url");
    }

    #[test]
    fn the_page_s_language_goes_through_and_go_s_text_stays() {
        let text = oracle("unbounded-send-leaky.go1.24.4.t2s.debug2.txt");
        let en = analyze_inputs(text.clone(), Some(text.clone()), Grouping::IgnoreArgs, &mut |_, _| {}).unwrap();
        i18n::set_lang(Lang::De);
        let mut phases = Vec::new();
        let de = analyze_inputs(text.clone(), Some(text), Grouping::IgnoreArgs, &mut |_, p| phases.push(p.to_string()));
        let failed = analyze_inputs(b"hello".to_vec(), None, Grouping::IgnoreArgs, &mut |_, _| {}).unwrap_err();
        i18n::set_lang(Lang::En);
        let de = de.unwrap();
        assert!(phases.iter().any(|p| p == "Goroutinen werden gruppiert"), "{phases:?}");
        assert_eq!(
            failed,
            "Der Dump konnte nicht gelesen werden: Zeile 1: keine Goroutine gefunden: ein Dump hat Zeilen wie \
             `goroutine 1 [running]:` oder beginnt mit `goroutine profile: total N`."
        );
        assert!(de.headline.starts_with("Goroutine-Traceback (debug=2): ") && de.headline.contains(" Goroutinen in "));
        let (s_en, s_de) = (&en.suspects[0], &de.suspects[0]);
        assert!(s_de.reason.starts_with("Diese ") && s_de.reason.contains(" bei main.logMessage ("), "{}", s_de.reason);
        assert_eq!(s_de.query, format!("{}&lang=de", s_en.query));
        assert!(
            s_de.link_text.starts_with("Lektion: Unbegrenzte Channel-Sends, bei 2s, ihr debug=2-Dump"),
            "{}",
            s_de.link_text
        );
        assert_eq!(s_de.command, s_en.command, "the command is the same");
        // What the dump says is the same in both: states, functions, frames.
        assert_eq!(de.groups.len(), en.groups.len());
        for (d, e) in de.groups.iter().zip(&en.groups) {
            assert_eq!((&d.state, &d.function, &d.frames), (&e.state, &e.function, &e.frames));
        }
        let (dh, _) = de.diff.unwrap();
        assert!(
            dh.contains(" Goroutinen → ")
                && dh.ends_with("(Goroutine-Traceback (debug=2) → Goroutine-Traceback (debug=2))"),
            "{dh}"
        );
    }
}
