//! `leaklab` in German: `--lang de` or a German locale (`LC_ALL`, `LC_MESSAGES`, `LANG`)
//! translates `list` and the usage messages, never what Go prints; every message has exactly
//! one German line (`lessons/content/cli.de.tsv`).

use lessons::cli::{lang_from_env, main_with, Lang};

fn run(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = main_with(&args, &mut out, &mut err);
    lessons::cli::set_lang(Lang::En);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn list_speaks_german_with_lang_de() {
    let (code, out, _) = run(&["list", "--lang", "de"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Lektionen (leaklab run"), "{out}");
    assert!(out.contains("unbounded-send: Unbegrenzte Channel-Sends"), "{out}");
    assert!(
        out.contains("--rate") && out.contains("Request-Rate, in Requests/s; Standard 200; eine Zahl von 0 bis 2000"),
        "{out}"
    );
    assert!(out.contains("Varianten (--variant): leaky (Mit Leak), safe (Sicher)"), "{out}");
    assert!(out.contains("Flags jeder Lektion:"), "{out}");
    for english in ["Lessons", "default", "Flags of every lesson", "a whole number", "Request rate"] {
        assert!(!out.contains(english), "{english:?} in German list:\n{out}");
    }
    let (_, en, _) = run(&["list"]);
    assert!(en.starts_with("Lessons (leaklab run") && en.contains("Request rate, in requests/s; default 200"), "{en}");
}

#[test]
fn messages_speak_german_and_go_output_stays() {
    let (code, _, err) = run(&["--lang=de", "list", "nope"]);
    assert_eq!(code, 2);
    assert_eq!(err, "leaklab: Unbekannte Lektion \"nope\"; nimm eine von unbounded-send, upstream, workers, pprof, num-goroutine, review\n");
    let (code, _, err) = run(&["list", "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(err.contains("\"fr\" is not a language of leaklab"), "{err}");
    // A dump is Go's output: the same bytes in either language.
    let dump = ["run", "unbounded-send", "--variant", "leaky", "--at", "1s", "--report", "debug2"];
    let (_, en, _) = run(&dump);
    let mut de_args = dump.to_vec();
    de_args.extend(["--lang", "de"]);
    let (_, de, _) = run(&de_args);
    assert!(en.contains("goroutine 1 [") && !en.is_empty());
    assert_eq!(en, de);
}

#[test]
fn the_locale_decides_with_posix_precedence() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    };
    assert_eq!(lang_from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::De);
    assert_eq!(lang_from_env(env(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "C")])), Lang::En);
    assert_eq!(lang_from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "de_AT")])), Lang::De);
    assert_eq!(lang_from_env(env(&[("LC_ALL", ""), ("LANG", "de")])), Lang::De);
    assert_eq!(lang_from_env(env(&[])), Lang::En);
}

#[test]
fn every_message_has_exactly_one_german_line() {
    let src = include_str!("../src/cli.rs");
    let table = include_str!("../content/cli.de.tsv");
    let mut used = Vec::new();
    for call in ["msg(", "msg1("] {
        let mut rest = src;
        while let Some(i) = rest.find(call) {
            let before = rest[..i].chars().last();
            rest = rest[i + call.len()..].trim_start();
            // A call with a literal (rustfmt may put it on the next line), not `fn msg(` or `msg1(en`.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || !rest.starts_with('"') {
                continue;
            }
            rest = &rest[1..];
            let end = rest.find('"').unwrap();
            used.push(rest[..end].to_string());
        }
    }
    let keys: Vec<&str> =
        table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split('\t').next().unwrap()).collect();
    for u in &used {
        assert_eq!(keys.iter().filter(|k| **k == u).count(), 1, "{u:?} needs exactly one line in cli.de.tsv");
    }
    for k in &keys {
        assert!(used.iter().any(|u| u == k), "cli.de.tsv translates {k:?}, which cli.rs does not say");
    }
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (en, de) = line.split_once('\t').unwrap();
        for n in 0..4 {
            let p = format!("{{{n}}}");
            assert_eq!(en.contains(&p), de.contains(&p), "placeholders differ: {line:?}");
        }
    }
}
