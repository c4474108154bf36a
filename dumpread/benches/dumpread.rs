//! Parses and groups a 100,000-goroutine debug=2 dump and prints the times.
//!
//! The dump is the real 50,000-goroutine one from Go 1.24
//! (`tests/dumps/many-50000.go1.24.4.debug2.txt.gz`) twice over, so it has the
//! shape of a real server's: a few large groups and a tail of small ones.
//!
//! `cargo bench -p dumpread` (add `-- --quick` for one round).

use std::io::Read;
use std::time::{Duration, Instant};

use dumpread::{group, parse, suspects, Grouping};

fn best_of(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 1 } else { 5 };
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dumps/many-50000.go1.24.4.debug2.txt.gz");
    let mut half = Vec::new();
    flate2::read::GzDecoder::new(&std::fs::read(path).expect("the 50,000-goroutine fixture")[..])
        .read_to_end(&mut half)
        .expect("gzip");
    let mut text = half.clone();
    text.push(b'\n');
    text.extend_from_slice(&half);
    let dump = parse(&text).expect("the fixture parses");
    let n = dump.goroutines();
    assert!(n >= 100_000, "{n} goroutines");
    let mb = text.len() as f64 / 1e6;

    let parse_t = best_of(rounds, || {
        std::hint::black_box(parse(&text).unwrap());
    });
    let group_t = best_of(rounds, || {
        std::hint::black_box(group(&dump, Grouping::IgnoreArgs));
    });
    let exact_t = best_of(rounds, || {
        std::hint::black_box(group(&dump, Grouping::Exact));
    });
    let groups = group(&dump, Grouping::IgnoreArgs);
    let suspect_t = best_of(rounds, || {
        std::hint::black_box(suspects(&dump, &groups));
    });
    // The page reads a slice of lines per frame: the longest slice is what a frame pays.
    const SLICE: usize = 20_000;
    let mut longest = Duration::ZERO;
    let mut steps = 0;
    let mut inc = dumpread::Incremental::new(text.clone());
    loop {
        let t = Instant::now();
        let done = inc.step(SLICE).unwrap();
        longest = longest.max(t.elapsed());
        steps += 1;
        if done {
            break;
        }
    }
    std::hint::black_box(inc.finish().unwrap());
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("debug=2 dump: {n} goroutines, {mb:.1} MB, {} groups", groups.len());
    println!("parse:               {:8.1} ms  ({:.0} MB/s)", ms(parse_t), mb / parse_t.as_secs_f64());
    println!("group (ignore args): {:8.1} ms", ms(group_t));
    println!("group (exact):       {:8.1} ms", ms(exact_t));
    println!("suspects:            {:8.3} ms", ms(suspect_t));
    println!("parse + group:       {:8.1} ms", ms(parse_t + group_t));
    println!("incremental:         {steps} steps of {SLICE} lines, the longest {:.1} ms", ms(longest));
}
