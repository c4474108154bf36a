//! Go durations: `Duration::parse` against real Go's `time.ParseDuration`
//! (answers recorded in `tests/go/`), and property tests that no text makes it
//! panic. `PROPTEST_CASES=100000 cargo test -p sim-runtime --test runtime durations`
//! fuzzes longer than the default 256 cases.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use sim_runtime::Duration;

/// Real Go 1.24.4's answers: `input \t ok \t nanoseconds` or `input \t err \t message`.
const GO: &str = include_str!("../go/parse-duration.go1.24.4.tsv");

/// The property tests' configuration: a fixed seed unless `PROPTEST_RNG_SEED` is set,
/// so that the default test run is the same every time; no regression files.
fn config() -> Config {
    let mut c = Config { failure_persistence: None, ..Config::default() };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(0x1EAC_1AB0);
    }
    c
}

#[test]
fn agrees_with_real_go_on_the_recorded_corpus() {
    let mut checked = 0;
    for line in GO.lines() {
        let mut cols = line.splitn(3, '\t');
        let (Some(input), Some(kind), Some(answer)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("malformed fixture line {line:?}");
        };
        let ours = Duration::parse(input);
        // Two deliberate differences from Go: virtual time has no negative spans,
        // and white space around the text is ignored.
        let negative = input.trim_start().trim_start_matches('+').starts_with('-');
        let padded = input.trim() != input;
        match kind {
            "ok" if negative => assert!(ours.is_err(), "{input:?}: a negative duration must be refused"),
            "ok" => {
                let ns: i64 = answer.parse().expect("nanoseconds");
                assert_eq!(ours, Ok(Duration(ns as u64)), "{input:?}: Go says {ns}ns");
            }
            "err" if padded => {}
            "err" => assert!(ours.is_err(), "{input:?}: Go refuses it ({answer}), we gave {ours:?}"),
            other => panic!("unknown answer kind {other:?}"),
        }
        checked += 1;
    }
    assert!(checked > 3000, "the fixture has only {checked} lines");
}

#[test]
fn huge_numbers_with_fractions_are_errors_not_overflows() {
    // These overflowed a u128 sum before the parser followed Go's arithmetic.
    for text in ["340282366920938463463374607431768211.999us", "340282366920938463463374607431768211455.9ns"] {
        assert!(Duration::parse(text).unwrap_err().contains("out of range"), "{text}");
    }
    // Go adds in uint64 and wraps: twice 1 << 63 nanoseconds is 0.
    assert_eq!(Duration::parse("9223372036854775808ns9223372036854775808ns"), Ok(Duration(0)));
    assert_eq!(Duration::parse("0.3333333333333333333h"), Ok(Duration::from_mins(20)));
}

/// Texts made of the pieces a duration has, so that most get past the first character.
fn durationish() -> impl Strategy<Value = String> {
    let piece = (
        prop_oneof![Just(String::new()), "[0-9]{1,25}"],
        prop_oneof![Just(String::new()), Just(".".to_string()), "\\.[0-9]{0,25}"],
        prop_oneof![
            Just("ns"),
            Just("us"),
            Just("µs"),
            Just("μs"),
            Just("ms"),
            Just("s"),
            Just("m"),
            Just("h"),
            Just(""),
            Just("x"),
            Just("µ"),
            Just(" ")
        ],
    )
        .prop_map(|(i, f, u)| format!("{i}{f}{u}"));
    (prop_oneof![Just(""), Just("+"), Just("-"), Just(" ")], prop::collection::vec(piece, 1..6))
        .prop_map(|(sign, pieces)| format!("{sign}{}", pieces.concat()))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_a_value_or_an_error(text in any::<String>()) {
        if let Ok(d) = Duration::parse(&text) {
            prop_assert!(d.0 <= i64::MAX as u64);
        }
    }

    #[test]
    fn durationish_text_is_a_value_or_an_error(text in durationish()) {
        if let Ok(d) = Duration::parse(&text) {
            prop_assert!(d.0 <= i64::MAX as u64);
            // What parses prints as Go would, and that reads back the same.
            prop_assert_eq!(Duration::parse(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn every_printed_duration_reads_back(ns in 0..=i64::MAX as u64) {
        prop_assert_eq!(Duration::parse(&Duration(ns).to_string()), Ok(Duration(ns)));
    }
}
