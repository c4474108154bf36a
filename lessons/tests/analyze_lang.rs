//! The analysis of a learner's dump in German: every template it says (its own and
//! `dumpread`'s `text!`s) has exactly one German line in `lessons/content/analyze.de.tsv`,
//! with the same placeholders and the glossary's spellings, and every line is used; what the
//! dump says stays as Go printed it; `leaklab analyze --lang de` speaks German, English stays;
//! a damaged dump (garbage, a cut header, a bad frame line, a cut or corrupted .pb.gz) and a
//! dump cut short are told in German with `--lang de` and in English without.

use dumpread::Grouping;
use lessons::analyze::report_in;
use lessons::lang::Lang;

#[allow(dead_code)]
#[path = "../../app/i18n/gen.rs"]
mod gen;

/// The string literals right after `call` in `src`, unescaped as Rust reads them (a `\` at
/// the end of a line drops the line break and the next line's indentation).
fn literals_after(src: &str, call: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find(call) {
        let before = rest[..i].chars().last();
        rest = rest[i + call.len()..].trim_start();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || !rest.starts_with('"') {
            continue;
        }
        let mut s = String::new();
        let mut chars = rest[1..].char_indices();
        while let Some((j, c)) = chars.next() {
            match c {
                '"' => {
                    rest = &rest[1 + j + 1..];
                    break;
                }
                '\\' => match chars.next().map(|(_, c)| c) {
                    Some('\n') => {
                        while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    Some('n') => s.push('\n'),
                    Some(c) => s.push(c),
                    None => {}
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

const TABLE: &str = include_str!("../content/analyze.de.tsv");

fn entries() -> Vec<(&'static str, &'static str)> {
    TABLE.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split_once('\t').unwrap()).collect()
}

/// What is wrong between the templates the sources say and a table's lines: a template with no
/// line or two, a line no template says, placeholders that differ, a leading space lost.
fn table_faults(used: &[String], table: &[(&str, &str)]) -> Vec<String> {
    let mut faults = Vec::new();
    for u in used {
        let n = table.iter().filter(|(en, _)| en == u).count();
        if n != 1 {
            faults.push(format!("{u:?} needs exactly one line in analyze.de.tsv, has {n}"));
        }
    }
    for (en, de) in table {
        if !used.iter().any(|u| u == en) {
            faults.push(format!("analyze.de.tsv translates {en:?}, which no text! says"));
        }
        for n in 0..10 {
            let p = format!("{{{n}}}");
            if en.matches(&p).count() != de.matches(&p).count() {
                faults.push(format!("placeholders differ: {en:?}"));
            }
        }
        if en.starts_with(' ') != de.starts_with(' ') {
            faults.push(format!("a leading space stays: {en:?}"));
        }
    }
    faults
}

/// Every `text!` template of the analysis and of `dumpread` (suspects, kinds of dump, parse
/// and link errors).
fn templates() -> Vec<String> {
    let sources = [
        include_str!("../src/analyze.rs"),
        include_str!("../../dumpread/src/lib.rs"),
        include_str!("../../dumpread/src/suspect.rs"),
        include_str!("../../dumpread/src/debug1.rs"),
        include_str!("../../dumpread/src/traceback.rs"),
        include_str!("../../dumpread/src/profile.rs"),
        include_str!("../../dumpread/src/share.rs"),
        include_str!("../../dumpread/src/diff.rs"),
        include_str!("../../dumpread/src/group.rs"),
    ];
    sources.iter().flat_map(|s| literals_after(s, "text!(")).collect()
}

#[test]
fn every_template_has_exactly_one_german_line() {
    let used = templates();
    assert!(used.len() >= 90, "found {} templates", used.len());
    for parse_error in ["line {0}: {1}", "the gzip data stops before its end; is the file cut short?"] {
        assert!(used.iter().any(|u| u == parse_error), "{parse_error:?} is a template");
    }
    let table = entries();
    assert_eq!(table_faults(&used, &table), Vec::<String>::new());
    let texts: Vec<(&str, &str)> = table.iter().map(|&(en, de)| (en, de)).collect();
    gen::check_glossary(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content/glossary.tsv")), &texts);
}

#[test]
fn the_key_check_finds_a_missing_an_extra_and_a_wrong_line() {
    let used = templates();
    let table = entries();
    let missing: Vec<_> = table.iter().copied().filter(|(en, _)| *en != "line {0}: {1}").collect();
    assert_eq!(table_faults(&used, &missing), ["\"line {0}: {1}\" needs exactly one line in analyze.de.tsv, has 0"]);
    let mut extra = table.clone();
    extra.push(("a sentence nobody says", "ein Satz"));
    assert_eq!(
        table_faults(&used, &extra),
        ["analyze.de.tsv translates \"a sentence nobody says\", which no text! says"]
    );
    let wrong: Vec<_> =
        table.iter().map(|&(en, de)| if en == "line {0}: {1}" { (en, "Zeile {0}") } else { (en, de) }).collect();
    assert_eq!(table_faults(&used, &wrong), ["placeholders differ: \"line {0}: {1}\""]);
    let doubled: Vec<_> = table.iter().copied().chain([("line {0}: {1}", "Zeile {0}: {1}")]).collect();
    assert_eq!(table_faults(&used, &doubled), ["\"line {0}: {1}\" needs exactly one line in analyze.de.tsv, has 2"]);
}

/// Runs `leaklab` with `args`; the exit status, standard output and standard error.
fn leaklab(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = lessons::cli::main_with(&args, &mut out, &mut err);
    lessons::cli::set_lang(Lang::En);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// English words that give away an untranslated sentence, outside the `quoted` parts (a line of
/// the dump, Go's own syntax).
fn english_in(german: &str) -> Vec<&'static str> {
    let prose: String = german.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let words: Vec<&str> = prose.split(|c: char| !c.is_alphanumeric()).collect();
    ["the", "is", "not", "line", "found", "expected", "data", "damaged", "before", "goroutines", "file", "cut", "short"]
        .into_iter()
        .filter(|w| words.contains(w))
        .collect()
}

#[test]
fn a_damaged_dump_is_told_in_german_with_lang_de_and_in_english_without() {
    let dir = std::env::temp_dir().join(format!("leaklab-analyze-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pb =
        std::fs::read(format!("{}/oracle/dumps/pprof-leaky.go1.24.4.http.goroutine.pb.gz", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    let mut bad_sum = pb.clone();
    let at = bad_sum.len() - 8;
    bad_sum[at] ^= 0xff;
    let cases: [(&str, Vec<u8>, &str); 6] = [
        ("garbage.txt", b"hello, world\n".to_vec(), "Zeile 1: keine Goroutine gefunden: ein Dump hat Zeilen wie"),
        ("header.txt", b"goroutine 7 [chan se".to_vec(), "Zeile 1: `goroutine 7 [chan se` ist kein Goroutine-Kopf wie"),
        (
            "frame.txt",
            b"goroutine 7 [chan send]:\nmain.f(0x1)\n/app/main.go:31\n".to_vec(),
            "Zeile 3: Goroutine 7: Erwartet war die `file:line`-Zeile von `main.f`",
        ),
        (
            "cut.pb.gz",
            pb[..pb.len() / 2].to_vec(),
            "die gzip-Daten hören vor ihrem Ende auf; ist die Datei abgeschnitten?",
        ),
        ("sum.pb.gz", bad_sum, "die gzip-Daten lassen sich entpacken, aber ihre Prüfsumme stimmt nicht"),
        (
            "count.txt",
            b"goroutine profile: total 1\n2 @ 0x1\n#\t0x1\tmain.f+0x1\t/m.go:3\n".to_vec(),
            "Zeile 1: der Kopf nennt 1 Goroutine, aber",
        ),
    ];
    for (name, bytes, german) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let path = path.display().to_string();
        let english = dumpread::parse(&bytes).unwrap_err().to_string();
        let (code, out, err) = leaklab(&["analyze", &path, "--lang", "de"]);
        assert_eq!((code, out.as_str()), (1, ""), "{name}");
        let message = err.strip_prefix(&format!("leaklab: {path}: ")).unwrap_or_else(|| panic!("{err}"));
        assert!(message.starts_with(german), "{name}: {message}");
        assert_eq!(english_in(message), Vec::<&str>::new(), "{name}: English in {message:?}");
        let (code, _, err) = leaklab(&["analyze", &path]);
        assert_eq!((code, err), (1, format!("leaklab: {path}: {english}\n")), "{name}");
    }
    // A dump cut in its second goroutine: the note on the cut, and the count, in German.
    let two = dir.join("two.txt");
    let one = "goroutine 7 [chan send]:\nmain.f(0x1)\n\t/app/main.go:31 +0x2c\n\n";
    std::fs::write(&two, format!("{}goroutine 9 [chan send]:\nmain.f(0x1)\n", one.repeat(1200))).unwrap();
    let (code, out, err) = leaklab(&["analyze", &two.display().to_string(), "--lang", "de"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Goroutine-Traceback (debug=2): 1.200 Goroutinen in 1 Gruppe, "), "{out}");
    assert!(out.lines().nth(1).unwrap().trim_start().starts_with("1.200  chan send  main.f"), "{out}");
    assert!(
        err.ends_with(
            ": Zeile 4803: Goroutine 9: Auf `main.f` in Zeile 4802 folgt keine `file:line`-Zeile; ist der Dump \
             abgeschnitten?; die 1.200 Goroutinen davor werden gelesen\n"
        ),
        "{err}"
    );
    let (_, out, err) = leaklab(&["analyze", &two.display().to_string()]);
    assert!(out.starts_with("goroutine traceback (debug=2): 1200 goroutines in 1 group, "), "{out}");
    assert!(err.ends_with("is the dump cut short?; the 1,200 goroutines before it are read\n"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn oracle(name: &str) -> dumpread::Dump {
    let bytes = std::fs::read(format!("{}/oracle/dumps/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    dumpread::parse(&bytes).unwrap()
}

#[test]
fn the_report_speaks_german_and_keeps_go_s_text() {
    let dump = oracle("unbounded-send-leaky.go1.24.4.t2s.debug2.txt");
    let en = report_in(&dump, &Default::default(), Grouping::IgnoreArgs, Lang::En);
    assert_eq!(en, lessons::analyze::report(&dump, &Default::default(), Grouping::IgnoreArgs));
    let de = report_in(&dump, &Default::default(), Grouping::IgnoreArgs, Lang::De);
    let (en_head, de_head) = (en.lines().next().unwrap(), de.lines().next().unwrap());
    assert!(en_head.starts_with("goroutine traceback (debug=2): ") && en_head.contains(" goroutines in "), "{en_head}");
    assert!(de_head.starts_with("Goroutine-Traceback (debug=2): ") && de_head.contains(" Goroutinen in "), "{de_head}");
    assert!(de.contains("beim Senden auf einen Channel bei main."), "{de}");
    assert!(de.contains(" Lektion: leaklab run unbounded-send"), "{de}");
    for english in ["These ", "goroutines", " Lesson: ", "blocked for", "suspect"] {
        assert!(!de.contains(english), "{english:?} in the German report:\n{de}");
    }
    // Go's own text — counts, wait reasons, functions — is the same in both.
    assert_eq!(en.lines().count(), de.lines().count());
    for (e, d) in en.lines().zip(de.lines()).skip(1) {
        let go = |l: &str| l.split("  ").filter(|c| !c.is_empty()).take(3).map(str::trim).collect::<Vec<_>>().join("|");
        assert_eq!(go(e), go(d));
    }
}

#[test]
fn the_diff_headline_and_a_protobuf_profile_in_german() {
    let base = oracle("pprof-safe.go1.24.4.http.goroutine.pb.gz");
    let now = oracle("pprof-leaky.go1.24.4.http.goroutine.pb.gz");
    let de = lessons::analyze::diff_headline(&base, &now, Lang::De);
    assert!(
        de.contains("Goroutinen →") && de.contains("(Protobuf-Goroutine-Profil → Protobuf-Goroutine-Profil)"),
        "{de}"
    );
    let en = lessons::analyze::diff_headline(&base, &now, Lang::En);
    assert!(
        en.contains("goroutines →") && en.ends_with("(protobuf goroutine profile → protobuf goroutine profile)"),
        "{en}"
    );
}

#[test]
fn leaklab_analyze_speaks_german_with_lang_de() {
    let path = format!("{}/oracle/dumps/unbounded-send-leaky.go1.24.4.t2s.debug2.txt", env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = lessons::cli::main_with(&args, &mut out, &mut err);
        lessons::cli::set_lang(Lang::En);
        (code, String::from_utf8(out).unwrap())
    };
    let (code, de) = run(&["analyze", &path, "--lang", "de"]);
    assert_eq!(code, 0);
    let dump = oracle("unbounded-send-leaky.go1.24.4.t2s.debug2.txt");
    assert_eq!(de, report_in(&dump, &Default::default(), Grouping::IgnoreArgs, Lang::De));
    let (_, en) = run(&["analyze", &path]);
    assert_eq!(en, lessons::analyze::report(&dump, &Default::default(), Grouping::IgnoreArgs));
}
