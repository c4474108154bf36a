//! The analysis of a learner's dump in German: every template it says (its own and
//! `dumpread`'s `text!`s) has exactly one German line in `lessons/content/analyze.de.tsv`,
//! with the same placeholders and the glossary's spellings, and every line is used; what the
//! dump says stays as Go printed it; `leaklab analyze --lang de` speaks German, English stays.

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

#[test]
fn every_template_has_exactly_one_german_line() {
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
    let used: Vec<String> = sources.iter().flat_map(|s| literals_after(s, "text!(")).collect();
    assert!(used.len() > 40, "found {} templates", used.len());
    let table = entries();
    for u in &used {
        assert_eq!(table.iter().filter(|(en, _)| en == u).count(), 1, "{u:?} needs exactly one line in analyze.de.tsv");
    }
    for (en, de) in &table {
        assert!(used.iter().any(|u| u == en), "analyze.de.tsv translates {en:?}, which no text! says");
        for n in 0..10 {
            let p = format!("{{{n}}}");
            assert_eq!(en.matches(&p).count(), de.matches(&p).count(), "placeholders differ: {en:?}");
        }
        assert_eq!(en.starts_with(' '), de.starts_with(' '), "a leading space stays: {en:?}");
    }
    let texts: Vec<(&str, &str)> = table.iter().map(|&(en, de)| (en, de)).collect();
    gen::check_glossary(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content/glossary.tsv")), &texts);
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
