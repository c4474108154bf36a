use lessons::{Run, RunConfig};
use sim_runtime::{DumpKind, Time};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut run = Run::new(RunConfig::defaults(&args[1], &args[2]).unwrap()).unwrap();
    let t: f64 = args[3].parse().unwrap();
    run.advance_to(Time((t * 1e9) as u64));
    println!("{}", run.summary());
    if args.len() > 4 {
        println!("{}", run.dump(if args[4] == "1" { DumpKind::Debug1 } else { DumpKind::Debug2 }));
    }
}
