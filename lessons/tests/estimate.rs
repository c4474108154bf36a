//! The memory estimate against the runs it estimates: for every lesson and
//! variant, under the default load and a heavier one, the estimated peak of
//! goroutines is within a tenth (or a few goroutines) of the simulation's own.

use lessons::{lessons, Run, RunConfig};
use sim_runtime::{Duration, Time};

/// The simulation's most goroutines at once up to `until`, from its 100 ms samples.
fn simulated_peak(cfg: RunConfig, until: Time) -> (u64, u64) {
    let mut run = Run::new(cfg).unwrap();
    let est = run.estimate(until);
    run.advance_to(until);
    let peak = run.samples().iter().map(|s| s.goroutines).max().unwrap_or(0).max(run.sim.num_goroutine());
    (peak as u64, est.goroutines)
}

fn config(lesson: &str, variant: &str, knobs: &[(&str, &str)]) -> RunConfig {
    let mut cfg = RunConfig::defaults(lesson, variant).unwrap();
    let specs = cfg.lesson.knobs.clone();
    for (k, v) in knobs {
        if specs.iter().any(|s| s.name == *k) {
            cfg.knobs.set(&specs, k, v).unwrap();
        }
    }
    cfg
}

#[test]
fn estimated_goroutines_are_close_to_the_simulated_peak() {
    // Knobs a lesson lacks are skipped; the last load shortens every lifetime, so
    // that goroutines end (or queues drain) within the run.
    let loads: &[&[(&str, &str)]] = &[
        &[],
        &[("rate", "100"), ("duration", "8s")],
        &[("rate", "40"), ("duration", "20s")],
        &[
            ("rate", "150"),
            ("duration", "6s"),
            ("sleep", "1s"),
            ("log_cost", "5ms"),
            ("buffer", "10"),
            ("upstream", "1s"),
            ("ctx_timeout", "2s"),
            ("workers", "8"),
            ("task_cost", "40ms"),
            ("shutdown_at", "never"),
            ("burst", "2"),
        ],
    ];
    let mut report = String::new();
    let mut bad = Vec::new();
    for l in lessons() {
        for v in &l.variants {
            for knobs in loads {
                let load = config(l.id, v.id, knobs).knobs.dur("duration").unwrap();
                // Half-way through the load, and two seconds after it.
                for until in [Time(load.0 / 2), Time(load.0 + Duration::from_secs(2).0)] {
                    let (sim, est) = simulated_peak(config(l.id, v.id, knobs), until);
                    let slack = (sim / 10).max(6);
                    let line = format!(
                        "{:>15} {:<12} until {until} {knobs:?}: simulated {sim}, estimated {est}\n",
                        l.id, v.id
                    );
                    report.push_str(&line);
                    if sim.abs_diff(est) > slack {
                        bad.push(line);
                    }
                }
            }
        }
    }
    // `LEAKLAB_ESTIMATE_REPORT=1 cargo test -p lessons --test estimate -- --nocapture` shows them all.
    if std::env::var_os("LEAKLAB_ESTIMATE_REPORT").is_some() {
        eprint!("{report}");
    }
    assert!(bad.is_empty(), "estimates off by more than a tenth:\n{}\nall:\n{report}", bad.concat());
}
