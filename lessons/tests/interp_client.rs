//! An interpreted program's `http.Client` outside the virtual upstream, against real Go
//! 1.24 (`tests/interp_client/*.go`, recorded by `regen.sh` there): hosts that refuse
//! the connection, a name that does not resolve, schemes Go does not speak, requests
//! that cannot be made. Log timestamps aside, and the resolver's address in a failed
//! lookup (`lookup NAME on 10.255.255.53:53`: the machine's, not the program's).

use std::fs;
use std::path::Path;

use lessons::{Engine, Run, RunConfig};
use sim_runtime::{Duration, Time};

/// A log line without its `2024/01/01 00:00:00 ` stamp, and a lookup error without its
/// resolver.
fn normalize(line: &str) -> String {
    let line = line.get(20..).unwrap_or("");
    match line.find(": lookup ") {
        Some(i) => {
            let rest = &line[i + ": lookup ".len()..];
            match (rest.find(" on "), rest.find(": no such host")) {
                (Some(on), Some(end)) if on < end => format!("{}{}{}", &line[..i + 9], &rest[..on], &rest[end..]),
                _ => line.to_string(),
            }
        }
        None => line.to_string(),
    }
}

#[test]
fn client_errors_are_worded_as_go_words_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interp_client");
    let src = fs::read_to_string(dir.join("errors.go")).unwrap();
    let want: Vec<String> = fs::read_to_string(dir.join("errors.go124.txt")).unwrap().lines().map(normalize).collect();
    let cfg = RunConfig::defaults("upstream", "leaky").unwrap();
    let mut run = Run::with_engine(cfg, Engine::Source(src)).unwrap();
    run.advance_to(Time(Duration::from_secs(1).0));
    assert_eq!(run.program_error(), None);
    let got: Vec<String> = run.program_stderr().unwrap().lines().map(normalize).collect();
    assert_eq!(got, want);
    assert!(want.iter().any(|l| l.contains("connection refused")), "{want:?}");
}

#[test]
fn the_lookup_normalization_keeps_the_rest() {
    assert_eq!(
        normalize("2026/12/02 05:30:14 Get \"http://a.b/\": dial tcp: lookup a.b on 10.0.0.1:53: no such host"),
        "Get \"http://a.b/\": dial tcp: lookup a.b: no such host"
    );
}
