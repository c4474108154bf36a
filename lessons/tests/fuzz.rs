//! Property tests: no knob value, number text or command line makes the lessons
//! panic; bad input gets an error that names the problem. The default run tries
//! 256 cases per property (a few seconds); `PROPTEST_CASES=100000 cargo test -p
//! lessons --test fuzz` fuzzes longer, `PROPTEST_RNG_SEED=N` elsewhere.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use lessons::cli::{main_with, parse_run, REPORTS};
use lessons::decimal::{format_shortest, parse_f64};
use lessons::{lessons, KnobKind, KnobSpec, Knobs, Run};
use sim_runtime::Time;

/// A fixed seed unless `PROPTEST_RNG_SEED` is set, so the default run is the same
/// every time; no regression files; `cases` as `PROPTEST_CASES` says (256 unless set).
fn config() -> Config {
    let mut c = Config { failure_persistence: None, ..Config::default() };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(0x1EAC_1AB0);
    }
    c
}

/// Every knob of every lesson, with the lesson's id.
fn all_knobs() -> Vec<(&'static str, KnobSpec)> {
    lessons().into_iter().flat_map(|l| l.knobs.into_iter().map(move |k| (l.id, k))).collect()
}

/// Texts near what knobs accept: numbers of every shape, durations, words.
fn knobish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-+]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][-+]?[0-9]{1,4})?",
        "[-+ ]?[0-9.]{1,12}(ns|us|µs|ms|s|m|h|d|)([0-9.]{1,6}(ns|ms|s|m|h))?",
        prop::sample::select(vec![
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "1e400",
            "-0",
            "0x10",
            "",
            " ",
            "never",
            "hang",
            "uniform",
            "poisson",
            "1e400h",
            "-1s",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
        ])
        .prop_map(str::to_string),
    ]
}

/// Texts near what `str::parse::<f64>` accepts.
fn floatish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-+]?[0-9]{0,30}(\\.[0-9]{0,30})?([eE][-+]?[0-9]{1,5})?",
        "[-+]?(inf|infinity|nan|INF|NaN|Infinity|iNf)",
        any::<f64>().prop_map(|x| format!("{x:e}")),
        any::<f64>().prop_map(|x| format!("{x}")),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn knob_values_parse_or_name_the_knob((lesson, spec) in prop::sample::select(all_knobs()), text in knobish()) {
        match spec.parse(&text) {
            Ok(v) => {
                // What is accepted prints as a value that reads back the same.
                prop_assert_eq!(spec.parse(&v.to_string()), Ok(v), "{} --{}", lesson, spec.name);
            }
            Err(e) => {
                let e = e.to_string();
                prop_assert!(e.starts_with(&format!("{}: ", spec.name)), "{e}");
                prop_assert!(e.contains(&spec.range_text()), "{e}");
                // The bad value is quoted short, whatever its length.
                prop_assert!(e.chars().count() < 600, "{e}");
            }
        }
        // Through the lesson's knob set too, which also refuses unknown names.
        let l = lessons::lesson(lesson).unwrap();
        let mut knobs = Knobs::defaults(&l.knobs);
        let _ = knobs.set(&l.knobs, spec.name, &text);
        match knobs.set(&l.knobs, &text, "1") {
            Err(e) => prop_assert!(e.to_string().chars().count() < 800, "{e}"),
            Ok(()) => prop_assert!(l.knobs.iter().any(|k| k.name == text)),
        }
    }

    #[test]
    fn in_range_values_are_accepted((lesson, spec) in prop::sample::select(all_knobs()), unit in 0.0f64..=1.0) {
        let text = match spec.kind {
            KnobKind::Int { min, max } => (min + ((max - min) as f64 * unit) as i64).to_string(),
            KnobKind::Float { min, max } => format_shortest(min + (max - min) * unit),
            KnobKind::Duration { min, max }
            | KnobKind::DurationOrNever { min, max }
            | KnobKind::DurationOrHang { min, max } => {
                sim_runtime::Duration(min.0 + ((max.0 - min.0) as f64 * unit) as u64).to_string()
            }
            KnobKind::Choice(words) => words[((words.len() - 1) as f64 * unit) as usize].to_string(),
        };
        prop_assert!(spec.parse(&text).is_ok(), "{} --{} {}: {:?}", lesson, spec.name, text, spec.parse(&text));
    }

    #[test]
    fn numbers_parse_exactly_as_the_standard_library(text in floatish()) {
        let ours = parse_f64(&text);
        let std = text.parse::<f64>().ok();
        prop_assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{:?}", text);
    }

    #[test]
    fn numbers_print_exactly_as_the_standard_library(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assert_eq!(format_shortest(x), format!("{x}"));
    }

    #[test]
    fn run_arguments_parse_or_say_what_is_wrong(args in run_args()) {
        match parse_run(&args) {
            Ok(plan) => {
                prop_assert!(plan.config.lesson.variant(&plan.config.variant).is_some());
                prop_assert!(plan.at.is_none_or(|d| d <= lessons::cli::MAX_AT));
            }
            Err(e) => {
                prop_assert!(!e.is_empty() && !e.contains('\n'), "{:?}: {:?}", args, e);
            }
        }
    }

    #[test]
    fn other_commands_exit_0_or_2_with_one_line(args in other_args()) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = main_with(&args, &mut out, &mut err);
        let err = String::from_utf8(err).unwrap();
        prop_assert!(code == 0 || code == 2, "{:?}: {} {}", args, code, err);
        if code == 2 {
            prop_assert!(err.starts_with("leaklab: ") && err.lines().count() == 1, "{:?}: {:?}", args, err);
            prop_assert!(out.is_empty());
        } else {
            prop_assert_eq!(err, "");
        }
    }
}

/// The words a `leaklab run` line is made of, and garbage among them.
fn run_word() -> impl Strategy<Value = String> {
    let mut words: Vec<String> =
        vec!["--variant", "--report", "--seed", "--at", "--out", "--progress", "--", "-", "-x", "="]
            .into_iter()
            .map(str::to_string)
            .collect();
    for l in lessons() {
        words.push(l.id.to_string());
        words.extend(l.variants.iter().map(|v| v.id.to_string()));
        for k in &l.knobs {
            words.push(format!("--{}", k.name));
            words.push(format!("--{}", k.name.replace('_', "-")));
            words.push(k.default.to_string());
        }
    }
    words.extend(REPORTS.iter().map(|r| r.to_string()));
    prop_oneof![
        4 => prop::sample::select(words),
        1 => knobish(),
        1 => ("--[a-z_-]{0,10}", knobish()).prop_map(|(f, v)| format!("{f}={v}")),
    ]
}

fn run_args() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(run_word(), 0..12)
}

/// Command lines that do not run a simulation: `list`, help, unknown commands.
fn other_args() -> impl Strategy<Value = Vec<String>> {
    let first = prop_oneof![
        Just("list".to_string()),
        Just("help".to_string()),
        Just("--help".to_string()),
        "[a-z-]{0,8}".prop_filter("not run", |w| w != "run"),
    ];
    (first, prop::collection::vec(run_word(), 0..6)).prop_map(|(f, mut rest)| {
        // `run … --help` prints usage and runs nothing either.
        if f == "run" {
            rest.push("--help".to_string());
        }
        rest.insert(0, f);
        rest
    })
}

/// Short runs with random knobs: whatever the values, the simulation ends in a
/// state or an outcome, never a panic. Fewer cases, as each runs a simulation.
#[test]
fn short_runs_with_any_knobs_do_not_panic() {
    let cases = (config().cases / 16).max(8);
    let mut runner = proptest::test_runner::TestRunner::new(Config { cases, ..config() });
    let lesson_variant: Vec<(String, String)> = lessons()
        .into_iter()
        .flat_map(|l| l.variants.iter().map(|v| (l.id.to_string(), v.id.to_string())).collect::<Vec<_>>())
        .collect();
    let strategy = (
        prop::sample::select(lesson_variant),
        prop::collection::vec((any::<prop::sample::Index>(), 0.0f64..=1.0), 0..8),
    );
    runner
        .run(&strategy, |((lesson, variant), picks)| {
            let mut cfg = lessons::RunConfig::defaults(&lesson, &variant).unwrap();
            let specs = cfg.lesson.knobs.clone();
            for (which, unit) in picks {
                let spec = which.get(&specs);
                let text = match spec.kind {
                    KnobKind::Int { min, max } => (min + ((max - min) as f64 * unit) as i64).to_string(),
                    KnobKind::Float { min, max } => format_shortest(min + (max - min) * unit),
                    KnobKind::Duration { min, max }
                    | KnobKind::DurationOrNever { min, max }
                    | KnobKind::DurationOrHang { min, max } => {
                        sim_runtime::Duration(min.0 + ((max.0 - min.0) as f64 * unit) as u64).to_string()
                    }
                    KnobKind::Choice(words) => words[((words.len() - 1) as f64 * unit) as usize].to_string(),
                };
                cfg.knobs.set(&specs, spec.name, &text).unwrap();
            }
            // Keep each case short: at most 300 ms of load at no more than 500 requests/s.
            let rate = cfg.knobs.float("rate").min(500.0);
            cfg.knobs.set(&specs, "rate", &format_shortest(rate)).unwrap();
            let d = cfg.knobs.dur("duration").unwrap().0.min(300_000_000);
            cfg.knobs.set(&specs, "duration", &sim_runtime::Duration(d).to_string()).unwrap();
            let Ok(mut run) = Run::new(cfg) else { return Ok(()) };
            let _ = run.estimate(Time(d + 200_000_000));
            run.advance_to(Time(d + 200_000_000));
            let _ = run.summary();
            let _ = run.dump(sim_runtime::DumpKind::Debug2);
            Ok(())
        })
        .unwrap();
}
