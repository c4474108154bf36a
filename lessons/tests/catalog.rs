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

/// The registry is the only place a lesson is named: the catalog is what
/// `content/<id>/lesson.toml` says, every load default names a knob every lesson has, and a
/// lesson's own knobs cannot shadow one.
#[test]
fn the_catalog_is_the_registry() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let registry = lessondata::read_all(&content).unwrap();
    let common: Vec<&str> = lessons::knobs::common_knobs().iter().map(|k| k.name).collect();
    for name in &common {
        assert!(lessondata::RESERVED.contains(name), "lessondata::RESERVED lacks the common knob {name}");
    }
    let catalog = lessons();
    assert_eq!(
        catalog.iter().map(|l| l.id).collect::<Vec<_>>(),
        registry.iter().map(|l| l.id.as_str()).collect::<Vec<_>>()
    );
    for (l, data) in catalog.iter().zip(&registry) {
        assert_eq!(l.title, data.title);
        assert_eq!(l.path, data.path);
        for (k, v) in &data.load {
            assert!(common.contains(&k.as_str()), "{}: [load] {k} is not a knob every lesson has ({common:?})", l.id);
            let spec = l.knobs.iter().find(|s| s.name == k).unwrap();
            assert_eq!(spec.default, v, "{}: the default of {k}", l.id);
        }
        let own: Vec<&str> = l.knobs.iter().map(|k| k.name).filter(|n| !common.contains(n)).collect();
        assert_eq!(own, data.knobs.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(), "{}", l.id);
        for (v, vd) in l.variants.iter().zip(&data.variants) {
            assert_eq!((v.id, v.label), (vd.id.as_str(), vd.label.as_str()));
            let file = std::fs::read_to_string(data.listing_path(&vd.id)).unwrap();
            assert_eq!(v.template, file, "{} {}", l.id, v.id);
            assert_eq!(l.request_path(v.id), vd.path.as_deref().unwrap_or(&data.path));
        }
    }
}

/// The README's table of lessons lists the registry's lessons, in order.
#[test]
fn the_readme_lists_the_lessons() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let listed: Vec<&str> = readme.lines().filter_map(|l| l.strip_prefix("| `")?.split('`').next()).collect();
    let ids: Vec<&str> = lessons().iter().map(|l| l.id).collect();
    assert_eq!(listed, ids, "README.md's table of lessons");
}
