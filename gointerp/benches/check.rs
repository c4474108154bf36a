//! Prints how long parsing and checking takes: each lesson listing (rendered with
//! default knobs, as `lessons/oracle/*/main.go` holds them) and a 100-line program.
//! The budget is 5 ms to check and compile a 100-line listing natively.
//!
//! `cargo bench -p gointerp --bench check`

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

fn time_per_check(src: &str) -> f64 {
    let rounds = 200;
    let start = Instant::now();
    for _ in 0..rounds {
        black_box(gointerp::check(black_box(src)));
    }
    start.elapsed().as_secs_f64() / rounds as f64
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/oracle");
    let mut listings: Vec<(String, String)> = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.join("oracle.go").exists() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            listings.push((name, fs::read_to_string(path.join("main.go")).unwrap()));
        }
    }
    listings.sort();
    println!("{:<24} {:>6} {:>12}", "listing", "lines", "check (µs)");
    let mut worst: f64 = 0.0;
    for (name, src) in &listings {
        let t = time_per_check(src);
        worst = worst.max(t);
        println!("{name:<24} {:>6} {:>12.1}", src.lines().count(), t * 1e6);
    }
    // The largest listing's body repeated until the program has about 100 lines.
    let (_, base) = listings.iter().max_by_key(|(_, s)| s.len()).unwrap();
    let mut hundred = base.clone();
    let mut k = 0;
    while hundred.lines().count() < 100 {
        hundred.push_str(&format!(
            "\nfunc extra{k}(n int) int {{\n\tif n > 0 {{\n\t\treturn n * 2\n\t}}\n\treturn 0\n}}\n"
        ));
        k += 1;
    }
    let t = time_per_check(&hundred);
    println!("{:<24} {:>6} {:>12.1}", "100-line program", hundred.lines().count(), t * 1e6);
    println!("slowest listing: {:.2} ms; budget 5 ms", worst.max(t) * 1e3);
}
