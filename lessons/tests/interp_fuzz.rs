//! Lessons' listings with lines deleted, duplicated or swapped, interpreted under their
//! lesson's load: a program that does not build is an error, one that builds runs to
//! its end, stops at a line Leak Lab cannot run, or ends as Go would; none panics.

use lessons::{lessons, Engine, Run, RunConfig};
use sim_runtime::{Duration, Time};

/// xorshift64*, fixed seed: the same mutants every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut lines: Vec<&str> = src.lines().collect();
    for _ in 0..1 + rng.below(2) {
        let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
        match rng.below(3) {
            0 => {
                lines.remove(i);
            }
            1 => lines.insert(i, lines[j]),
            _ => lines.swap(i, j),
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn mutated_listings_never_panic_under_load() {
    let mut listings = Vec::new();
    for l in lessons() {
        for v in &l.variants {
            let cfg = RunConfig::defaults(l.id, v.id).unwrap();
            listings.push((cfg.clone(), lessons::run::render_listing(&cfg).unwrap().text));
        }
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut ran = 0;
    for case in 0..300 {
        let (cfg, text) = &listings[case % listings.len()];
        let src = mutate(&mut rng, text);
        match Run::with_engine(cfg.clone(), Engine::Source(src)) {
            Err(e) => assert!(!e.is_empty(), "case {case}: an error says what"),
            Ok(mut run) => {
                ran += 1;
                run.advance_to(Time(Duration::from_millis(700).0));
                let _ = run.summary();
            }
        }
    }
    assert!(ran >= 30, "enough mutants build and run: {ran}");
}
