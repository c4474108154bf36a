//! Garbage-collection cycles and the wait minutes they give dumps.

use sim_runtime::{
    sleep, Chan, DumpKind, Duration, EventKind, FuncSpec, GcTrigger, Gogc, HeapModel, Sim, SimBuilder, Time,
    HEAP_MINIMUM, SWEEP_MIN_HEAP_DISTANCE,
};

fn secs(s: u64) -> Time {
    Time(Duration::from_secs(s).0)
}

/// `main` parks one goroutine on a channel nobody reads at t = 0 and sleeps for
/// an hour; returns the simulation.
fn one_blocked(b: SimBuilder) -> Sim {
    let sim = b.events(usize::MAX).build();
    let main = sim.func(FuncSpec::new("main.main", "/app/main.go", 5));
    let f = sim.func(FuncSpec::new("main.main.func1", "/app/main.go", 7));
    sim.go_main(main, move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        g.go(7, f, move |g| async move {
            g.at(8);
            ch.send(&g, 1).await;
        });
        g.at(11);
        sleep(&g, Duration::from_mins(60)).await;
    });
    sim
}

fn header_of_6(sim: &Sim) -> String {
    let dump = sim.dump(DumpKind::Debug2);
    dump.lines().find(|l| l.starts_with("goroutine 6 ")).unwrap_or_default().to_string()
}

#[test]
fn a_process_that_never_collects_shows_no_minutes() {
    let sim = one_blocked(Sim::builder());
    sim.run_until(secs(50 * 60));
    assert_eq!(header_of_6(&sim), "goroutine 6 [chan send]:");
    assert_eq!(sim.gc_count(), 0, "no cycle ran, so sysmon forces none either");
}

#[test]
fn a_wait_is_timed_from_the_cycle_before_the_one_that_saw_it() {
    let sim = one_blocked(Sim::builder());
    sim.run_until(secs(30));
    sim.gc();
    // The first cycle of a process leaves `waitsince` at 0: still no minutes.
    sim.run_until(secs(100));
    assert_eq!(header_of_6(&sim), "goroutine 6 [chan send]:");
    sim.run_until(secs(40 * 60));
    // Sysmon forced cycles from 2:30 on; the second of all cycles timed the
    // goroutine from the first, at 0:30.
    let cycles = sim.gc_cycles();
    assert!(cycles.len() >= 2);
    assert_eq!(cycles[1].trigger, GcTrigger::Periodic);
    assert_eq!(cycles[1].timed, 2, "goroutine 6 and main, both blocked");
    let mins = (40 * 60 - 30) / 60;
    assert_eq!(header_of_6(&sim), format!("goroutine 6 [chan send, {mins} minutes]:"));
    // The snapshot says both: parked at 0, timed from 0:30.
    let snap = sim.snapshot();
    let g = snap.groups.iter().find(|g| g.goids == [6]).unwrap();
    assert_eq!((g.waiting_since, g.timed_since), (Some(Time(0)), Some(secs(30))));
}

#[test]
fn an_idle_process_is_collected_at_sysmons_first_wake_up_after_two_minutes() {
    let sim = one_blocked(Sim::builder());
    sim.run_until(secs(10));
    sim.gc();
    sim.run_until(secs(10 * 60));
    let at: Vec<u64> = sim.gc_cycles().iter().map(|c| c.at.0).collect();
    // Sysmon sleeps a minute at a time from the last work (the cycle at 10 s):
    // it wakes at 70.001 s and 130.002 s, the first past 130 s.
    let minute = Duration::from_secs(60).0 + 1_000_000;
    let mut want = vec![secs(10).0];
    let mut last = secs(10).0;
    while want.len() < at.len() {
        let due = last + Duration::from_secs(120).0;
        let mut wake = last + minute;
        while wake <= due {
            wake += minute;
        }
        want.push(wake);
        last = wake;
    }
    assert_eq!(at, want);
    assert_eq!(at[1], secs(10).0 + 2 * minute);
    assert!(at.len() >= 4, "{at:?}");
}

#[test]
fn gogc_off_stops_heap_and_periodic_cycles_but_not_runtime_gc() {
    let sim = one_blocked(Sim::builder().gogc(Gogc::Off));
    sim.run_until(secs(1));
    sim.handle().alloc(64 << 20);
    sim.gc();
    sim.gc();
    sim.run_until(secs(30 * 60));
    assert_eq!(sim.gc_count(), 2);
    assert!(sim.gc_cycles().iter().all(|c| c.trigger == GcTrigger::Explicit && c.next_goal.is_none()));
    assert_eq!(sim.heap_trigger(), None);
}

#[test]
fn the_heap_triggers_a_cycle_at_61_64ths_of_the_4_mib_goal() {
    let sim = one_blocked(Sim::builder().heap_model(HeapModel { base: 100_000, ..HeapModel::default() }));
    sim.run_until(secs(1));
    let trigger = sim.heap_trigger().unwrap();
    assert_eq!(trigger, HEAP_MINIMUM / 64 * 61);
    let live = sim.heap_live();
    sim.handle().alloc(trigger - live - 1);
    assert_eq!(sim.gc_count(), 0);
    sim.handle().alloc(1);
    let c = sim.gc_cycles()[0];
    assert_eq!((c.trigger, c.n, c.heap_before), (GcTrigger::Heap, 1, trigger));
    assert_eq!(c.heap_marked, live, "the garbage is gone, the goroutines' heap is not");
    assert_eq!(c.next_goal, Some(HEAP_MINIMUM));
}

#[test]
fn gogc_scales_the_goal_of_a_large_heap() {
    let model = HeapModel { base: 10 << 20, globals: 1 << 20, ..HeapModel::default() };
    let sim = one_blocked(Sim::builder().gogc(Gogc::Percent(50)).heap_model(model));
    sim.run_until(secs(1));
    sim.gc();
    // A 10 MiB heap passed the first trigger at once; the explicit cycle is the last.
    let c = *sim.gc_cycles().last().unwrap();
    assert_eq!(sim.gc_cycles()[0].trigger, GcTrigger::Heap);
    let marked = c.heap_marked;
    let goal = marked + (marked + (1 << 20)) * 50 / 100;
    assert_eq!(c.next_goal, Some(goal));
    assert_eq!(sim.heap_trigger(), Some((goal - marked) / 64 * 61 + marked));
    // With a runway past 4 MiB / (3/64), the trigger is the goal less 4 MiB.
    let model = HeapModel { base: 100 << 20, ..HeapModel::default() };
    let sim = one_blocked(Sim::builder().heap_model(model));
    sim.run_until(secs(1));
    sim.gc();
    let goal = sim.gc_cycles().last().unwrap().next_goal.unwrap();
    assert_eq!(sim.heap_trigger(), Some(goal - HEAP_MINIMUM));
}

/// After a cycle, Go's `commit` sees the sweep under way and keeps 1 MiB of
/// growth for it: with GOGC=25 and a small heap the next cycle waits for that
/// 1 MiB, not for 25% of the heap, and the goal rises with it. Before the
/// first cycle there is no such minimum.
#[test]
fn after_a_cycle_the_heap_grows_at_least_the_sweep_distance() {
    let model = HeapModel { base: 100_000, stack_scan_per_goroutine: 1000, ..HeapModel::default() };
    let sim = one_blocked(Sim::builder().gogc(Gogc::Percent(25)).heap_model(model));
    sim.run_until(secs(1));
    assert_eq!(sim.heap_trigger(), Some(HEAP_MINIMUM / 4 / 64 * 61), "the 1 MiB minimum heap at GOGC=25");
    sim.gc();
    let c = sim.gc_cycles()[0];
    let goal_by_gogc = c.heap_marked + (c.heap_marked + 2 * 1000) / 4;
    assert!(goal_by_gogc < c.heap_marked + SWEEP_MIN_HEAP_DISTANCE);
    assert_eq!(c.next_goal, Some(c.heap_marked + SWEEP_MIN_HEAP_DISTANCE));
    assert_eq!(sim.heap_trigger(), Some(c.heap_marked + SWEEP_MIN_HEAP_DISTANCE));
}

/// The runway: after a cycle the trigger is the goal less a share of the scan
/// work, kept between 45/64 and 61/64 of the way from the marked heap.
#[test]
fn the_runway_brings_the_trigger_below_61_64ths() {
    let model = HeapModel { base: 20 << 20, runway_percent: 10, ..HeapModel::default() };
    let sim = one_blocked(Sim::builder().heap_model(model));
    sim.run_until(secs(1));
    sim.gc();
    let c = *sim.gc_cycles().last().unwrap();
    let (marked, goal) = (c.heap_marked, c.next_goal.unwrap());
    assert_eq!(goal, 2 * marked);
    assert_eq!(sim.heap_trigger(), Some(goal - marked / 10));
    let model = HeapModel { base: 20 << 20, runway_percent: 50, ..HeapModel::default() };
    let sim = one_blocked(Sim::builder().heap_model(model));
    sim.run_until(secs(1));
    sim.gc();
    let marked = sim.gc_cycles().last().unwrap().heap_marked;
    assert_eq!(sim.heap_trigger(), Some(marked / 64 * 45 + marked), "at most 19/64 of the way");
}

#[test]
fn cycles_are_events_of_the_log() {
    let sim = one_blocked(Sim::builder());
    sim.run_until(secs(1));
    sim.gc();
    sim.gc();
    let events = sim.drain_events();
    let lines: Vec<String> =
        events.iter().filter(|e| matches!(e.kind, EventKind::Gc(_))).map(|e| sim.format_event(e)).collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].ends_with(
            "gc 1 (runtime.GC): heap 0 KiB -> 0 KiB live, next goal 4096 KiB; 0 blocked goroutine(s) timed from here"
        ),
        "{lines:?}"
    );
    assert!(
        lines[1].contains("gc 2 (runtime.GC)") && lines[1].ends_with("; 2 blocked goroutine(s) timed from here"),
        "{lines:?}"
    );
}

#[test]
fn gogc_parses_as_go_reads_it() {
    assert_eq!("off".parse::<Gogc>(), Ok(Gogc::Off));
    assert_eq!("-1".parse::<Gogc>(), Ok(Gogc::Off));
    assert_eq!("200".parse::<Gogc>(), Ok(Gogc::Percent(200)));
    let e = "lots".parse::<Gogc>().unwrap_err();
    assert_eq!(e.to_string(), "GOGC must be off or a whole number of percent (like 100), not \"lots\"");
}
