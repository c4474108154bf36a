//! `leaklab` in German: `--lang de` or a German locale (`LC_ALL`, `LC_MESSAGES`, `LANG`)
//! translates `list`, the usage messages, the progress lines, the memory estimate and the
//! note on how the process ended, never what Go prints; every message has exactly one German
//! line (`lessons/content/cli.de.tsv`).

use std::time::Duration as StdDuration;

use lessons::cli::{lang_from_env, main_with, main_with_host, progress_line, set_lang, Host};
use lessons::lang::Lang;

#[allow(dead_code)]
#[path = "../../app/i18n/gen.rs"]
mod gen;
use sim_runtime::{Duration, Time};

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
        for n in 0..10 {
            let p = format!("{{{n}}}");
            assert_eq!(en.contains(&p), de.contains(&p), "placeholders differ: {line:?}");
        }
    }
}

/// Runs `args` with a clock that moves `tick` each time it is read, and a memory notice
/// above `notice_above` bytes.
fn run_host(args: &[&str], notice_above: u64, tick: StdDuration) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let mut now = StdDuration::ZERO;
    let mut elapsed = move || {
        now += tick;
        now
    };
    let mut host = Host { stderr_is_terminal: false, elapsed: &mut elapsed, notice_above_bytes: notice_above };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = main_with_host(&args, &mut out, &mut err, &mut host);
    set_lang(Lang::En);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// The same command in English and in German: exit status, standard output and standard error.
fn both(args: &[&str]) -> ((i32, String, String), (i32, String, String)) {
    let mut de: Vec<&str> = vec!["--lang", "de"];
    de.extend(args);
    (run(args), run(&de))
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("leaklab-cli-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn usage_errors_speak_german_whole_and_english_is_unchanged() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["run", "unbounded-send", "--variant", "leaky", "--rate", "fast", "--report", "summary"],
            "--rate: \"fast\" is not valid; use a number from 0 to 2000",
            "--rate: \"fast\" ist ungültig; nimm eine Zahl von 0 bis 2000",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--give-up", "soon", "--report", "summary"],
            "--give_up: \"soon\" is not valid; use a Go duration from 1ms to 1h0m0s, or never",
            "--give_up: \"soon\" ist ungültig; nimm eine Go-Duration von 1ms bis 1h0m0s oder never",
        ),
        (
            &["run", "upstream", "--variant", "leaky", "--bogus", "1", "--report", "summary"],
            "--bogus: unknown knob \"bogus\"; this lesson has: rate, duration, arrivals, burst, give_up, mem_limit, \
             gogc, timer_slack, upstream, upstream_jitter, upstream_status, ctx_timeout, client_timeout \
             (other flags: --variant, --source, --path, --query, --report, --seed, --at, --out, --progress)",
            "--bogus: unbekannte Stellschraube \"bogus\"; diese Lektion hat: rate, duration, arrivals, burst, \
             give_up, mem_limit, gogc, timer_slack, upstream, upstream_jitter, upstream_status, ctx_timeout, client_timeout \
             (weitere Flags: --variant, --source, --path, --query, --report, --seed, --at, --out, --progress)",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky"],
            "run: --report is required; use one of summary, debug1, debug2, goleak, leak1, leak2, pprof, metrics, events",
            "run: --report ist nötig; nimm eins von summary, debug1, debug2, goleak, leak1, leak2, pprof, metrics, events",
        ),
        (
            &["run", "unbounded-send", "-v"],
            "unknown flag \"-v\"; flags start with -- (leaklab --help for usage)",
            "Unbekanntes Flag \"-v\"; Flags beginnen mit -- (leaklab --help zeigt die Verwendung)",
        ),
        (
            &["run", "unbounded-send", "--variant", "tight", "--report", "summary"],
            "--variant: lesson unbounded-send has no variant \"tight\"; use one of leaky, safe",
            "--variant: Lektion unbounded-send hat keine Variante \"tight\"; nimm eine von leaky, safe",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--at"],
            "--at: missing value; use a Go duration from 0s to 24h0m0s",
            "--at: Wert fehlt; nimm eine Go-Duration von 0s bis 24h0m0s",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "pprof"],
            "--report pprof writes a binary profile; add --out FILE (or --out - for standard output)",
            "--report pprof schreibt ein binäres Profil; gib --out DATEI an (oder --out - für die Standardausgabe)",
        ),
        (&["check"], "check: missing the Go file to check", "check: die zu prüfende Go-Datei fehlt"),
        (
            &["analyze", "dump.txt", "--since", "1h"],
            "analyze: unknown flag --since; use --base, --state, --function, --package, --min_minutes, --exact, --own",
            "analyze: unbekanntes Flag --since; nimm --base, --state, --function, --package, --min_minutes, --exact, --own",
        ),
        (
            &["analyze", "dump.txt", "--min_minutes", "many"],
            "--min_minutes: \"many\" is not valid; use a whole number of minutes",
            "--min_minutes: \"many\" ist ungültig; nimm eine ganze Zahl (Minuten)",
        ),
    ];
    for (args, en, de) in cases {
        let ((en_code, en_out, en_err), (de_code, de_out, de_err)) = both(args);
        assert_eq!((en_code, de_code), (2, 2), "{args:?}");
        assert_eq!((en_out.as_str(), de_out.as_str()), ("", ""));
        assert_eq!(en_err, format!("leaklab: {en}\n"), "{args:?}");
        assert_eq!(de_err, format!("leaklab: {de}\n"), "{args:?}");
    }
    // The locale decides as --lang does (the binary reads it; here it is set as the binary would).
    set_lang(Lang::De);
    let args: Vec<String> = ["run", "unbounded-send"].iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(main_with(&args, &mut out, &mut err), 2);
    set_lang(Lang::En);
    assert_eq!(String::from_utf8(err).unwrap(), "leaklab: run: --variant ist nötig; nimm eine von leaky, safe\n");
}

#[test]
fn progress_and_the_memory_estimate_speak_german_with_a_decimal_comma() {
    const RUN: &[&str] =
        &["run", "unbounded-send", "--variant", "leaky", "--duration", "5s", "--report", "summary", "--progress"];
    let de: Vec<&str> = RUN.iter().copied().chain(["--lang", "de"]).collect();
    let tick = StdDuration::from_millis(50);
    let (code, de_out, err) = run_host(&de, 1 << 20, tick);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 7, "{err}");
    assert_eq!(lines[0], "leaklab: Dieser Lauf belegt etwa 12 MiB (806 Goroutinen nach 5 s)");
    assert_eq!(lines[1], "leaklab: 2,9 s von 5 s virtuell (57 %), 431 Goroutinen, 1,5 s vergangen, noch etwa 1,1 s");
    assert_eq!(lines[6], "leaklab: 5 s von 5 s virtuell (100 %), 806 Goroutinen, 2,6 s vergangen, fertig");
    let (code, en_out, err) = run_host(RUN, 1 << 20, tick);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "leaklab: this run will hold about 12 MiB (806 goroutines at 5s)");
    assert_eq!(lines[1], "leaklab: 2.9s of 5s virtual (57%), 431 goroutines, 1.5s elapsed, about 1.1s left");
    assert_eq!(lines[6], "leaklab: 5s of 5s virtual (100%), 806 goroutines, 2.6s elapsed, done");
    // The summary is the report: the same bytes in either language.
    assert_eq!(en_out, de_out);

    let s = Duration::SECOND.0;
    set_lang(Lang::De);
    let long = progress_line(Time(192 * s), Time(600 * s), 380_123, StdDuration::from_millis(4_100), false);
    let unknown = progress_line(Time(0), Time(600 * s), 3, StdDuration::from_secs(2), false);
    let ended = progress_line(Time(3 * s), Time(600 * s), 7, StdDuration::from_millis(2_250), true);
    let fraction = progress_line(Time(1_500 * Duration::MILLISECOND.0), Time(3 * s), 7, StdDuration::ZERO, false);
    let one = progress_line(Time(0), Time(600 * s), 1, StdDuration::from_secs(2), false);
    set_lang(Lang::En);
    assert_eq!(one, "leaklab: 0 s von 10m0s virtuell (0 %), 1 Goroutine, 2,0 s vergangen, Restzeit unbekannt");
    assert_eq!(
        progress_line(Time(0), Time(600 * s), 1, StdDuration::from_secs(2), false),
        "leaklab: 0s of 10m0s virtual (0%), 1 goroutine, 2.0s elapsed, time left unknown"
    );
    assert_eq!(long, "leaklab: 3m12s von 10m0s virtuell (32 %), 380.123 Goroutinen, 4,1 s vergangen, noch etwa 8,7 s");
    assert_eq!(unknown, "leaklab: 0 s von 10m0s virtuell (0 %), 3 Goroutinen, 2,0 s vergangen, Restzeit unbekannt");
    assert_eq!(
        ended,
        "leaklab: 3 s von 10m0s virtuell (0 %), 7 Goroutinen, 2,2 s vergangen, der simulierte Prozess ist beendet"
    );
    assert_eq!(fraction, "leaklab: 1,5 s von 3 s virtuell (50 %), 7 Goroutinen, 0,0 s vergangen, noch etwa 0,0 s");
}

#[test]
fn how_the_process_ended_is_german_around_what_go_prints() {
    let oom =
        ["run", "unbounded-send", "--variant", "leaky", "--mem_limit", "5", "--rate", "2000", "--report", "debug1"];
    let ((en_code, en_out, en_err), (de_code, de_out, de_err)) = both(&oom);
    assert_eq!((en_code, de_code), (0, 0));
    assert_eq!(en_out, de_out, "the dump is Go's");
    assert_eq!(
        en_err,
        "leaklab: note: the simulated process ended at 225ms: killed: estimated memory 5,120 KiB passed the \
         limit of 5,120 KiB (exit status 137)\n"
    );
    assert_eq!(
        de_err,
        "leaklab: Hinweis: Der simulierte Prozess endete nach 225 ms: Vom OOM-Killer beendet: geschätzter \
         Speicher von 5.120 KiB über dem Limit von 5.120 KiB (Exit-Status 137)\n"
    );

    let panics = temp_file("panics.go", "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n");
    let ((_, en_out, en_err), (_, de_out, de_err)) = both(&["run", "--source", &panics, "--report", "debug2"]);
    assert_eq!(en_out, de_out);
    assert_eq!(
        en_err,
        "leaklab: note: the simulated process ended at 0s: panic: boom in goroutine 1 (exit status 2)\n"
    );
    assert_eq!(
        de_err,
        "leaklab: Hinweis: Der simulierte Prozess endete nach 0 s: panic: boom in Goroutine 1 (Exit-Status 2)\n"
    );
}

#[test]
fn what_go_build_and_go_vet_print_stays_byte_for_byte() {
    let broken = temp_file("broken.go", "package main\n\nfunc main() {\n\tx := 1\n}\n");
    let ((en_code, _, en_err), (de_code, _, de_err)) = both(&["check", &broken]);
    assert_eq!((en_code, de_code), (1, 1));
    assert!(en_err.contains(":4:2: declared and not used: x"), "{en_err}");
    assert_eq!(en_err, de_err);
    let (_, (_, _, de_run)) = both(&["run", "--source", &broken, "--report", "summary"]);
    assert_eq!(de_run, en_err, "run --source prints the build errors as check does");

    let vetted = temp_file(
        "vetted.go",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Printf(\"%d requests\\n\")\n}\n",
    );
    let finding = format!("{vetted}:6:2: fmt.Printf format %d reads arg #1, but call has 0 args\n");
    let ((_, en_out, en_err), (_, de_out, de_err)) = both(&["run", "--source", &vetted, "--report", "summary"]);
    assert_eq!(en_out, de_out);
    assert_eq!(en_err, format!("leaklab: go vet would report:\n{finding}"));
    assert_eq!(de_err, format!("leaklab: go vet würde melden:\n{finding}"));
}

#[test]
fn german_messages_use_the_glossary_and_no_polite_form() {
    let glossary = include_str!("../content/glossary.tsv");
    let table = include_str!("../content/cli.de.tsv");
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let de = line.split_once('\t').unwrap().1;
        for row in glossary.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let avoid = row.split('\t').nth(2).unwrap_or("");
            for bad in avoid.split(',').map(str::trim).filter(|b| !b.is_empty()) {
                assert!(!de.contains(bad), "the glossary rules out {bad:?}: {de:?}");
            }
        }
        // The imperative (nimm, gib an), never the polite form.
        for polite in [" Sie ", " Ihr", "Geben Sie", "Nehmen Sie"] {
            assert!(!de.contains(polite), "{de:?}");
        }
    }
}

/// The `--flags` a usage text names (`--<knob>` is a placeholder, not a flag).
fn flags(usage: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for (i, _) in usage.match_indices("--") {
        let name: String =
            usage[i + 2..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == '-').collect();
        if !name.is_empty() {
            out.insert(format!("--{name}"));
        }
    }
    out
}

/// The commands of the usage lines (`leaklab run`, `leaklab --help`) and the report kinds.
fn commands(usage: &str) -> Vec<String> {
    let mut out: Vec<String> = usage
        .lines()
        .filter_map(|l| l.strip_prefix("  leaklab "))
        .map(|rest| rest.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    out.dedup();
    let kinds = usage.split("--report ").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or("");
    out.push(kinds.to_string());
    out
}

#[test]
fn help_speaks_german_with_the_same_commands_and_flags() {
    let (en, de) = (lessons::cli::USAGE, lessons::cli::USAGE_DE);
    assert!(flags(en).contains("--lang") && flags(en).contains("--min_minutes") && flags(en).len() > 20, "{en}");
    assert_eq!(flags(en), flags(de), "every --flag of the English usage is in the German one, and back");
    assert_eq!(commands(en), commands(de));
    assert!(commands(en).contains(&"summary|debug1|debug2|goleak|leak1|leak2|pprof|metrics|events".to_string()));
    for args in [&["--help", "--lang", "de"][..], &["help", "--lang=de"], &["--lang", "de", "run", "-h"]] {
        let (code, out, _) = run(args);
        assert_eq!((code, out.as_str()), (0, de), "{args:?}");
    }
    for english in ["Usage", "Commands", "Flags of", "the lesson", "default", "Examples", "Exit status", "standard"] {
        assert!(!de.contains(english), "{english:?} in the German usage");
    }
    let glossary = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content/glossary.tsv"));
    gen::check_glossary(glossary, &[("content/usage.de.txt", de)]);
    // A lesson's help adds its knobs, in German too.
    let (_, out, _) = run(&["run", "unbounded-send", "--help", "--lang", "de"]);
    assert!(out.starts_with(de) && out.contains("Varianten (--variant): leaky (Mit Leak)"), "{out}");
    let (_, out, _) = run(&["--help"]);
    assert_eq!(out, en);
}

#[test]
fn the_binary_s_help_follows_the_locale() {
    let help = |vars: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_leaklab"));
        cmd.arg("--help");
        for k in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            cmd.env_remove(k);
        }
        cmd.envs(vars.iter().copied());
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(help(&[("LANG", "de_DE.UTF-8")]), lessons::cli::USAGE_DE);
    assert_eq!(help(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "C")]), lessons::cli::USAGE);
    assert_eq!(help(&[]), lessons::cli::USAGE);
}

#[test]
fn a_file_that_cannot_be_read_is_told_in_german_without_the_system_s_english() {
    let (code, _, err) = run(&["analyze", "/nonexistent/dump.txt", "--lang", "de"]);
    assert_eq!(
        (code, err.as_str()),
        (1, "leaklab: /nonexistent/dump.txt lässt sich nicht lesen: die Datei oder das Verzeichnis gibt es nicht\n")
    );
    let dir = std::env::temp_dir();
    let (code, _, err) = run(&["check", &dir.display().to_string(), "--lang", "de"]);
    assert_eq!(code, 2);
    assert_eq!(err, format!("leaklab: check: {} lässt sich nicht lesen: das ist ein Verzeichnis\n", dir.display()));
    let (_, _, err) = run(&["analyze", "/nonexistent/dump.txt"]);
    assert!(err.starts_with("leaklab: cannot read /nonexistent/dump.txt: No such file or directory"), "{err}");
}
