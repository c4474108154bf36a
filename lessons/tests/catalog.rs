//! Every lesson and variant: listings render, compile under `go vet`, and every
//! blocking point of the simulation resolves to exactly one line.

use lessons::run::render_listing;
use lessons::{lessons, Run, RunConfig};
use sim_runtime::{Duration, Time};

#[test]
fn every_variant_builds_and_runs_with_default_knobs() {
    for l in lessons() {
        assert!(l.narrative().starts_with("# "), "{}: narrative starts with its title", l.id);
        assert!(!l.variants.is_empty(), "{} has variants", l.id);
        for v in &l.variants {
            let cfg = RunConfig::defaults(l.id, v.id).unwrap();
            let listing = render_listing(&cfg).unwrap();
            assert!(listing.unfilled().is_empty());
            let mut run = Run::new(cfg).unwrap_or_else(|e| panic!("{} {}: {e}", l.id, v.id));
            run.advance_to(Time(Duration::from_secs(1).0));
            assert!(run.sim.num_goroutine() >= 1, "{} {}", l.id, v.id);
        }
    }
}

#[test]
fn knob_defaults_are_valid_and_unique() {
    for l in lessons() {
        let mut names: Vec<&str> = l.knobs.iter().map(|k| k.name).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len(), "{}: knob names are unique", l.id);
        for k in &l.knobs {
            k.parse(k.default).unwrap_or_else(|e| panic!("{}: {e}", l.id));
        }
    }
}

/// Runs `go vet` and `go build` on every listing as rendered with default knobs.
/// Skips (saying so) when Go is not installed, unless LEAKLAB_REQUIRE_GO=1.
#[test]
fn listings_pass_go_vet() {
    if std::process::Command::new("go").arg("version").output().is_err() {
        assert!(std::env::var("LEAKLAB_REQUIRE_GO").as_deref() != Ok("1"), "go is required but not installed");
        eprintln!("listings_pass_go_vet: skipped: go not installed");
        return;
    }
    let base = std::env::temp_dir().join(format!("leaklab-vet-{}", std::process::id()));
    let mut failures = Vec::new();
    for l in lessons() {
        for v in &l.variants {
            let dir = base.join(format!("{}-{}", l.id, v.id));
            std::fs::create_dir_all(&dir).unwrap();
            let listing = render_listing(&RunConfig::defaults(l.id, v.id).unwrap()).unwrap();
            std::fs::write(dir.join("main.go"), &listing.text).unwrap();
            std::fs::write(dir.join("go.mod"), "module leaklab\n\ngo 1.19\n").unwrap();
            for args in [&["vet", "."][..], &["build", "-o", "/dev/null", "."][..]] {
                let out = std::process::Command::new("go")
                    .args(args)
                    .current_dir(&dir)
                    .env("GOFLAGS", "-mod=mod")
                    .env("GOTOOLCHAIN", "local")
                    // A cache that outlives the test run: compiling net/http once is enough.
                    .env("GOCACHE", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-cache"))
                    .env("HOME", &base)
                    .output()
                    .unwrap();
                if !out.status.success() {
                    failures.push(format!("{} {} go {args:?}:\n{}", l.id, v.id, String::from_utf8_lossy(&out.stderr)));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&base);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
