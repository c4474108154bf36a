//! The checker against real Go: every broken program in `tests/check/` was run through
//! `go build` and `go vet` of Go 1.24 (and 1.19) by `tests/check/regen.sh`, and the
//! checker must print exactly what Go 1.24 printed: the build errors when the build
//! failed, otherwise vet's findings.

use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let mut out: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    out.sort();
    out
}

/// What Go 1.24 reported, as the checker renders it: the `go build` section's messages
/// when the build failed, else the `go vet` section's, without the `#` header lines.
fn expected(recorded: &str) -> String {
    let build = recorded.split("$ go vet\n").next().unwrap();
    let vet = recorded.split("$ go vet\n").nth(1).unwrap();
    let section = if build.trim_end().ends_with("exit 0") { vet } else { build };
    section
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("$ ") && !l.starts_with("exit "))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_checker_says_what_go_1_24_says() {
    let mut failures = Vec::new();
    let files = fixtures();
    assert!(files.len() >= 18, "the broken programs are there");
    for path in files {
        let src = fs::read_to_string(&path).unwrap();
        let recorded = fs::read_to_string(path.with_extension("go124.txt")).unwrap();
        let want = expected(&recorded);
        assert!(!want.is_empty(), "{}: Go found something to report", path.display());
        let got = gointerp::check(&src).render("main.go");
        if got != want {
            failures.push(format!("{}:\n--- Go 1.24\n{want}--- checker\n{got}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_clean_program_has_nothing_to_report() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n";
    assert!(gointerp::check(src).is_clean());
}

#[test]
fn every_program_was_also_run_through_go_1_19() {
    for path in fixtures() {
        let recorded = fs::read_to_string(path.with_extension("go119.txt"))
            .unwrap_or_else(|e| panic!("{}: run tests/check/regen.sh: {e}", path.display()));
        assert!(recorded.starts_with("$ go build\n") && recorded.contains("$ go vet\n"), "{}", path.display());
    }
}
