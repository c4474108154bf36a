//! A dump printed a little at a time (as the page prints a million goroutines, between
//! frames) is the same bytes as the dump printed at once: for every kind, for a live
//! process (served over HTTP, with the profile request's goroutines) and an ended one,
//! whatever the size of the parts. A grouped dump (debug=1, goroutineleak) groups a fixed
//! amount of goroutines per part and prints the whole text with the last.

use lessons::{Run, RunConfig};
use sim_runtime::{DumpCursor, DumpKind, Time};

const KINDS: [DumpKind; 5] = [DumpKind::Debug1, DumpKind::Debug2, DumpKind::Goleak, DumpKind::Leak1, DumpKind::Leak2];

fn in_parts(run: &Run, kind: DumpKind, budget: usize) -> (String, usize) {
    let mut cursor = DumpCursor::default();
    let mut out = String::new();
    let mut parts = 0;
    while !cursor.done {
        let before = cursor.written;
        run.dump_part(kind, &mut cursor, budget, &mut out);
        parts += 1;
        if !matches!(kind, DumpKind::Debug1 | DumpKind::Leak1) {
            assert!(cursor.written - before <= budget.max(1), "a part writes at most its budget (one when it is 0)");
        } else if !cursor.done {
            assert!(out.is_empty(), "a grouped dump is printed by its last part");
        }
        assert!(parts < 1_000_000, "the parts end");
    }
    (out, parts)
}

fn check(run: &Run, what: &str) {
    for kind in KINDS {
        let whole = run.dump(kind);
        for budget in [0, 1, 2, 7, 100, usize::MAX] {
            let (parts, n) = in_parts(run, kind, budget);
            assert!(parts == whole, "{what}, {kind:?} in parts of {budget}: {n} parts differ from the whole dump");
        }
    }
}

#[test]
fn parts_add_up_to_the_dump_while_the_server_runs() {
    let mut run = Run::new(RunConfig::defaults("unbounded-send", "leaky").unwrap()).unwrap();
    run.advance_to(Time(1_500_000_000));
    assert!(run.sim.num_goroutine() > 100);
    check(&run, "unbounded-send at 1.5s");
    // The run is unchanged by looking: the goroutine count and the dump are as before.
    let n = run.sim.num_goroutine();
    let (again, _) = in_parts(&run, DumpKind::Debug2, 3);
    assert_eq!(run.sim.num_goroutine(), n);
    assert_eq!(again, run.dump(DumpKind::Debug2));
}

#[test]
fn a_grouped_dump_of_many_goroutines_takes_several_parts() {
    let mut config = RunConfig::defaults("unbounded-send", "leaky").unwrap();
    let specs = config.lesson.knobs.clone();
    config.knobs.set(&specs, "rate", "2000").unwrap();
    config.knobs.set(&specs, "duration", "10m").unwrap();
    let mut run = Run::new(config).unwrap();
    run.advance_to(Time(40_000_000_000));
    assert!(run.sim.num_goroutine() > 70_000, "{}", run.sim.num_goroutine());
    for kind in [DumpKind::Debug1, DumpKind::Leak1] {
        let (parts, n) = in_parts(&run, kind, 100);
        assert_eq!(parts, run.dump(kind), "{kind:?}");
        assert!(n >= 3, "{kind:?}: {n} parts");
    }
}

#[test]
fn parts_add_up_to_the_dump_of_every_lesson_and_an_ended_process() {
    for lesson in lessons::catalog::lessons() {
        for variant in &lesson.variants {
            let mut run = Run::new(RunConfig::defaults(lesson.id, variant.id).unwrap()).unwrap();
            run.advance_to(Time(3_000_000_000));
            check(&run, &format!("{} {} at 3s", lesson.id, variant.id));
        }
    }
    // A process that has ended prints its goroutines as they were, with no request's.
    let mut config = RunConfig::defaults("unbounded-send", "leaky").unwrap();
    let specs = config.lesson.knobs.clone();
    config.knobs.set(&specs, "mem_limit", "1").unwrap();
    let mut run = Run::new(config).unwrap();
    run.advance_to(Time(60_000_000_000));
    assert!(run.sim.outcome().is_some(), "1 MiB of memory ends the process");
    check(&run, "unbounded-send after its OOM kill");
}
