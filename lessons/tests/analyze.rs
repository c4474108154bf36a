//! The analyzer reads back what the simulation prints, group for group, in
//! every format; and each suspect's lesson link opens a dump that shows it.

use std::collections::BTreeMap;

use dumpread::{diff, group, parse, suspects, Dump, Grouping, Pattern};
use lessons::analyze::lesson_for;
use lessons::{lessons, Run, RunConfig};
use sim_runtime::{DumpKind, Duration, Time};

/// Groups by their sorted member ids: the wait reason and the frames (function, line).
type Groups = BTreeMap<Vec<u64>, (String, Vec<(String, u32)>)>;

fn read(text: &[u8], what: &str) -> Dump {
    parse(text).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Whether a stack belongs to the goroutines a dump served over HTTP adds
/// (the pprof handler's), which the snapshot does not hold.
fn is_pprof(dump: &Dump, g: &dumpread::Group) -> bool {
    g.frames.iter().any(|f| dump.name(f.function).starts_with("runtime/pprof."))
}

/// Stacks whose count differs between two dumps, other than the pprof writer's
/// (debug=2 and debug=1 are written by different functions, as in real Go)
/// and goroutines that have not run yet: the simulation's debug=1 gives those
/// no frames (only `runtime.goexit`'s address), its debug=2 their function.
fn moved(a: &Dump, b: &Dump) -> Vec<String> {
    let d = diff(a, b);
    d.changes
        .iter()
        .filter(|c| c.delta() != 0)
        .filter(|c| {
            let (dump, g) = match c.now_group {
                Some(i) => (b, &d.now_groups[i]),
                None => (a, &d.base_groups[c.base_group.unwrap()]),
            };
            !is_pprof(dump, g) && !g.frames.is_empty() && g.reason.as_deref() != Some("runnable")
        })
        .map(|c| format!("{:+}", c.delta()))
        .collect()
}

#[test]
fn every_lesson_reads_back_in_every_format() {
    for l in lessons() {
        for v in &l.variants {
            let mut run = Run::new(RunConfig::defaults(l.id, v.id).unwrap()).unwrap();
            let end = run.load_end;
            for at in [end, Time(end.0 + Duration::parse("90s").unwrap().0)] {
                run.advance_to(at);
                let what = format!("{} {} at {}", l.id, v.id, run.now());
                if run.sim.outcome().is_some() {
                    // The process has ended (the workers lesson's server shuts
                    // down and main returns): no server is left to serve a dump.
                    continue;
                }
                let d2 = read(run.dump(DumpKind::Debug2).as_bytes(), &what);
                let d1 = read(run.dump(DumpKind::Debug1).as_bytes(), &what);
                let pb = read(&run.profile(), &what);
                // goleak prints nothing when nothing leaked.
                let goleak = run.dump(DumpKind::Goleak);
                let gl = if goleak.is_empty() { None } else { Some(read(goleak.as_bytes(), &what)) };
                let l1 = read(run.dump(DumpKind::Leak1).as_bytes(), &what);
                let l2 = read(run.dump(DumpKind::Leak2).as_bytes(), &what);

                // The same goroutines in every profile format.
                assert_eq!(d1.total, Some(d2.goroutines()), "{what}: debug1's total is debug2's count");
                assert_eq!(pb.goroutines(), d2.goroutines(), "{what}");
                assert_eq!(moved(&d1, &d2), Vec::<String>::new(), "{what}: debug1 vs debug2");
                assert_eq!(moved(&d1, &pb), Vec::<String>::new(), "{what}: debug1 vs protobuf");

                // debug=2's groups are the snapshot's groups: the same members, state and stack.
                let snap = run.sim.snapshot();
                let mut expected = Groups::new();
                for g in &snap.groups {
                    let mut ids = g.goids.clone();
                    ids.sort_unstable();
                    let frames = g.frames.iter().map(|f| (f.func.clone(), f.line)).collect();
                    // The wait reason without `, N minutes`.
                    let reason = g.state.split(", ").next().unwrap_or_default().to_string();
                    expected.insert(ids, (reason, frames));
                }
                let known: std::collections::BTreeSet<u64> = snap.groups.iter().flat_map(|g| g.goids.clone()).collect();
                let mut found = Groups::new();
                let mut served = 0;
                for g in group(&d2, Grouping::IgnoreArgs) {
                    let mut ids: Vec<u64> = g.goroutines(&d2).collect();
                    ids.sort_unstable();
                    // The dump is served over HTTP: the pprof handler's goroutine
                    // (and its connection's background read) exist only while it prints.
                    if is_pprof(&d2, &g) || ids.iter().all(|id| !known.contains(id)) {
                        served += ids.len();
                        continue;
                    }
                    let frames = g.frames.iter().map(|f| (d2.name(f.function).to_string(), f.line)).collect();
                    found.insert(ids, (g.reason.clone().unwrap(), frames));
                }
                assert_eq!(found, expected, "{what}: groups of debug2 vs the snapshot");
                assert!((1..=2).contains(&served), "{what}: {served} goroutines of the pprof request");

                // goleak lists a subset of debug2's goroutines, each with the same state.
                for r in gl.iter().flat_map(|d| &d.records) {
                    let twin = d2
                        .records
                        .iter()
                        .find(|x| x.goroutine == r.goroutine)
                        .expect("goleak's goroutine is in debug2");
                    assert_eq!(twin.state, r.state, "{what}: goroutine {:?}", r.goroutine);
                    assert_eq!(twin.frames.len(), r.frames.len(), "{what}");
                }
                // The goroutineleak profile: debug=2 marks each leaked goroutine, debug=1 counts them.
                let leaked = l2.records.iter().filter(|r| r.state.as_ref().is_some_and(|s| s.leaked)).count() as u64;
                assert_eq!(l1.total, Some(leaked), "{what}");
                assert!(l1.leak_profile && group(&l1, Grouping::IgnoreArgs).iter().all(|g| g.leaked));
            }
        }
    }
}

const ALL: [Pattern; 8] = [
    Pattern::Leaked,
    Pattern::RoundTrip,
    Pattern::ChanSend,
    Pattern::ChanReceive,
    Pattern::Select,
    Pattern::Sync,
    Pattern::Sleep,
    Pattern::Parked,
];

#[test]
fn every_suspect_links_to_a_lesson_that_shows_it() {
    for p in ALL {
        let link = lesson_for(p);
        let l = lessons::lesson(link.lesson).unwrap_or_else(|| panic!("{p:?}: no lesson {}", link.lesson));
        assert!(l.variant(link.variant).is_some(), "{p:?}: no variant {}", link.variant);
        let mut cfg = RunConfig::defaults(link.lesson, link.variant).unwrap();
        for (k, v) in link.knobs {
            cfg.knobs.set(&cfg.lesson.knobs, k, v).unwrap();
        }
        let mut run = Run::new(cfg).unwrap();
        run.advance_to(Time(Duration::parse(link.at).unwrap().0));
        let kind = match link.report {
            "debug1" => DumpKind::Debug1,
            "debug2" => DumpKind::Debug2,
            "leak2" => DumpKind::Leak2,
            other => panic!("{p:?}: report {other}"),
        };
        let dump = read(run.dump(kind).as_bytes(), link.report);
        let groups = group(&dump, Grouping::IgnoreArgs);
        let found = suspects(&dump, &groups);
        if p == Pattern::Select {
            // No lesson leaks in a select; the link shows handlers waiting in one.
            assert!(
                groups
                    .iter()
                    .any(|g| g.reason.as_deref() == Some("select") && g.own_frame(&dump).is_some() && g.count >= 10),
                "{p:?}: {}",
                link.command()
            );
            continue;
        }
        assert!(found.iter().any(|s| s.pattern == p), "{p:?}: {} shows {found:?}", link.command());
    }
}

/// The rows the page shows: frames marked by origin, the suspect with its
/// lesson, and a diff of two real protobuf profiles.
#[test]
fn rows_for_the_page() {
    let oracle = |name: &str| std::fs::read(format!("{}/oracle/dumps/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let dump = read(&oracle("upstream-leaky-noctx.go1.24.4.t8s.debug2.txt"), "noctx");
    let a = lessons::analyze::Analysis::new(dump, Grouping::IgnoreArgs);
    let rows = a.rows(&dumpread::Query { own_code: true, state: Some("select".into()), ..Default::default() });
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!((r.count, r.state.as_str(), r.function.as_str()), (20, "select", "main.fetchUpstream"));
    let origins: Vec<(&str, dumpread::Origin)> = r.frames.iter().map(|f| (f.function.as_str(), f.origin)).collect();
    assert_eq!(origins[0], ("net/http.(*persistConn).roundTrip", dumpread::Origin::Std));
    assert_eq!(origins[origins.len() - 2], ("main.fetchUpstream", dumpread::Origin::User));
    assert_eq!(r.frames.last().unwrap().location, "leaklab/oracle/upstream-leaky-noctx/main.go:40");
    // No minutes in an 8-second run: not a suspect yet.
    assert!(r.suspect.is_none());

    let base = read(&oracle("upstream-leaky.go1.24.4.t2s.debug0.pb.gz"), "t2s");
    let now = read(&oracle("upstream-leaky.go1.24.4.t8s.debug0.pb.gz"), "t8s");
    let d = lessons::analyze::diff_rows(&base, &now, &Default::default());
    assert_eq!((d[0].change.delta(), d[0].row.function.as_str()), (20, "main.leakyHandler.func1"));
    let gone = d.last().unwrap();
    assert_eq!((gone.change.now, gone.change.delta()), (0, -20));
}
