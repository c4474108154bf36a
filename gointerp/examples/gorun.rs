//! Runs a Go file on the interpreter for a minute of virtual time and prints what it
//! printed, then how it ended: `cargo run --example gorun FILE.go`.

use sim_runtime::{Duration, Outcome, Sim, Time};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: gorun FILE.go");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gorun: {path}: {e}");
            std::process::exit(2);
        }
    };
    let sim = Sim::new(1);
    let loaded = match gointerp::interp::load(&src, &sim.handle(), None) {
        Ok(l) => l,
        Err(errs) => {
            for e in errs {
                eprintln!("{e:?}");
            }
            std::process::exit(1);
        }
    };
    sim.run(Time(Duration::from_secs(60).0));
    print!("{}", loaded.stdout());
    eprint!("{}", loaded.stderr());
    if let Some(e) = loaded.error() {
        eprintln!("{e:?}");
    }
    match sim.outcome() {
        Some(Outcome::Deadlock { text }) | Some(Outcome::Panic { text, .. }) => eprint!("{text}"),
        Some(o) => eprintln!("--- exit {}", o.exit_code()),
        None => eprintln!("--- still running at {:?}", sim.now()),
    }
}
