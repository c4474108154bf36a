//! Every lesson listing passes the Go checker (`gointerp::check`, the code behind
//! `leaklab check`): with default knobs, and with every knob that appears in the
//! listing at the ends of its range. Real Go agrees: `lessons/tests/catalog.rs` runs
//! `go vet` and `go build` on the same renderings when Go is installed.

use lessons::knobs::KnobKind;
use lessons::run::render_listing;
use lessons::{lessons, RunConfig};

fn assert_clean(cfg: &RunConfig, what: &str) {
    let listing = render_listing(cfg).unwrap();
    let report = gointerp::check(&listing.text);
    assert!(report.is_clean(), "{what}:\n{}\n{}", report.render("main.go"), listing.text);
}

#[test]
fn every_listing_checks_clean_with_default_knobs() {
    let mut n = 0;
    for l in lessons() {
        for v in &l.variants {
            let cfg = RunConfig::defaults(l.id, v.id).unwrap();
            assert_clean(&cfg, &format!("{} {}", l.id, v.id));
            n += 1;
        }
    }
    assert_eq!(n, 17, "the 17 listings");
}

#[test]
fn every_listing_checks_clean_at_the_ends_of_its_knobs() {
    for l in lessons() {
        for v in &l.variants {
            for spec in l.knobs.iter().filter(|k| v.template.contains(&format!("{{{{{}}}}}", k.name))) {
                let ends: Vec<String> = match spec.kind {
                    KnobKind::Int { min, max } => vec![min.to_string(), max.to_string()],
                    KnobKind::Duration { min, max }
                    | KnobKind::DurationOrNever { min, max }
                    | KnobKind::DurationOrHang { min, max } => vec![min.to_string(), max.to_string()],
                    _ => vec![],
                };
                for value in ends {
                    let mut cfg = RunConfig::defaults(l.id, v.id).unwrap();
                    cfg.knobs.set(&l.knobs, spec.name, &value).unwrap();
                    assert_clean(&cfg, &format!("{} {} --{} {value}", l.id, v.id, spec.name));
                }
            }
        }
    }
}
