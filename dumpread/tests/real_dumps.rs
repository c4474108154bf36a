//! Every real Go dump the project has, read back: the lessons' oracle dumps
//! (Go 1.19 and 1.24), the brief's, and the shapes `tests/go/make-dumps.sh`
//! made (runtime.Stack, ancestors, panics, SIGQUIT, minutes, 50,000 goroutines).

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

use dumpread::{diff, group, parse, suspects, Dump, Format, Grouping};
use expect_test::{expect, expect_file};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The files of `dir`, sorted by name.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    v.sort();
    v
}

fn oracle_dir() -> PathBuf {
    root().join("../lessons/oracle/dumps")
}

fn shapes_dir() -> PathBuf {
    root().join("tests/dumps")
}

/// Reads a fixture; `.txt.gz` files are text kept gzipped to keep the repository small.
fn read(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    if path.to_string_lossy().ends_with(".txt.gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
        return out;
    }
    bytes
}

fn load(path: &Path) -> Dump {
    parse(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A compact account of a dump: its groups (count, state, innermost own
/// function) and suspects.
fn render(dump: &Dump) -> String {
    let groups = group(dump, Grouping::IgnoreArgs);
    let mut out = format!("{}: {} goroutines in {} groups\n", dump.format, dump.goroutines(), groups.len());
    for g in &groups {
        let own = g
            .own_frame(dump)
            .map_or("-".to_string(), |f| format!("{} {}:{}", dump.name(f.function), dump.name(f.file), f.line));
        let top = g.top_frame(dump).map_or("-", |f| dump.name(f.function));
        let reason = g.reason.as_deref().unwrap_or("?");
        let mins = if g.longest_minutes() > 0 { format!(" up to {} min", g.longest_minutes()) } else { String::new() };
        let leaked = if g.leaked { " (leaked)" } else { "" };
        let _ = writeln!(out, "{:>6} [{reason}{leaked}{mins}] {own} | top {top}", g.count);
    }
    for s in suspects(dump, &groups) {
        let _ = writeln!(out, "suspect {:?} in group {}: {}", s.pattern, s.group, s.reason);
    }
    out
}

#[test]
fn every_dump_parses_and_debug1_totals_add_up() {
    let mut all = files(&oracle_dir());
    all.extend(files(&shapes_dir()));
    all.extend(files(&shapes_dir().join("brief")));
    let mut summary = String::new();
    for path in &all {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let result = parse(&read(path));
        if name.ends_with("-metrics.txt") {
            // Prometheus metrics, not a dump: a clear error, not a panic.
            let e = result.expect_err(&name);
            assert_eq!(e.line, Some(1), "{name}");
            assert!(e.message.to_string().starts_with("no goroutine found"), "{name}: {e}");
            continue;
        }
        let dump = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        if dump.format == Format::Debug1 {
            assert_eq!(dump.total, Some(dump.goroutines()), "{name}: the header's total is the sum of the counts");
        }
        for r in &dump.records {
            if dump.format == Format::Traceback {
                assert!(r.state.is_some() && r.goroutine.is_some(), "{name}: line {}", r.line);
            }
        }
        let groups = group(&dump, Grouping::IgnoreArgs);
        let exact = group(&dump, Grouping::Exact);
        assert!(exact.len() >= groups.len(), "{name}: exact grouping cannot merge more");
        assert_eq!(groups.iter().map(|g| g.count).sum::<u64>(), dump.goroutines(), "{name}");
        let pats: Vec<String> = suspects(&dump, &groups).iter().map(|s| format!("{:?}", s.pattern)).collect();
        let _ = writeln!(
            summary,
            "{name}: {} goroutines, {} groups ({} exact), suspects [{}]",
            dump.goroutines(),
            groups.len(),
            exact.len(),
            pats.join(" ")
        );
    }
    expect_file!["expect/summary.txt"].assert_eq(&summary);
}

/// debug=1, debug=2 and the protobuf profile of one oracle snapshot were taken
/// within a millisecond of each other: their stacks agree, except where a
/// connection was being torn down in between (the counts below).
#[test]
fn the_three_formats_of_a_snapshot_agree() {
    let mut out = String::new();
    for path in files(&oracle_dir()) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".debug1.txt") else { continue };
        let d1 = load(&path);
        let d2 = load(&path.with_file_name(format!("{stem}.debug2.txt")));
        let pb_name = if stem.contains(".http.") { format!("{stem}.pb.gz") } else { format!("{stem}.debug0.pb.gz") };
        let pb = load(&path.with_file_name(pb_name));
        let moved = |a: &Dump, b: &Dump| diff(a, b).changes.iter().map(|c| c.delta().unsigned_abs()).sum::<u64>();
        let _ = writeln!(
            out,
            "{stem}: debug1 {} debug2 {} pb {}; moved debug1→debug2 {}, debug1→pb {}",
            d1.goroutines(),
            d2.goroutines(),
            pb.goroutines(),
            moved(&d1, &d2),
            moved(&d1, &pb)
        );
    }
    expect_file!["expect/formats-agree.txt"].assert_eq(&out);
}

#[test]
fn the_noctx_upstream_at_8s_in_go_1_24() {
    let dump = load(&oracle_dir().join("upstream-leaky-noctx.go1.24.4.t8s.debug2.txt"));
    expect![[r#"
        goroutine traceback (debug=2): 62 goroutines in 5 groups
            20 [select] main.fetchUpstream leaklab/oracle/upstream-leaky-noctx/main.go:22 | top net/http.(*persistConn).roundTrip
            20 [IO wait] - | top internal/poll.runtime_pollWait
            20 [select] - | top net/http.(*persistConn).writeLoop
             1 [running] leaklab/oracle/harness.snapshot leaklab/oracle/harness/harness.go:299 | top runtime/pprof.writeGoroutineStacks
             1 [IO wait] main.main leaklab/oracle/upstream-leaky-noctx/main.go:57 | top internal/poll.runtime_pollWait
    "#]]
    .assert_eq(&render(&dump));
}

#[test]
fn shapes_of_go_1_19_1_24_and_1_26() {
    for ver in ["go1.19.8", "go1.24.4", "go1.26.10"] {
        for shape in ["stack", "ancestors", "panic", "panic-all", "sigquit", "minutes"] {
            let file =
                if shape == "minutes" { format!("{shape}.{ver}.debug2.txt") } else { format!("{shape}.{ver}.txt") };
            let dump = load(&shapes_dir().join(&file));
            let mut text = render(&dump);
            for n in &dump.notes {
                let _ = writeln!(text, "note line {}: {}", n.line, n.text);
            }
            expect_file![format!("expect/{file}")].assert_eq(&text);
        }
    }
}

/// The forms that differ between Go versions and settings, read from the real dumps.
#[test]
fn version_and_setting_forms() {
    let find = |dump: &Dump, name: &str| {
        dump.records
            .iter()
            .find(|r| r.frames.iter().any(|f| dump.name(f.function) == name))
            .unwrap_or_else(|| panic!("no goroutine in {name}"))
            .clone()
    };
    // `created by F` (Go 1.19) and `created by F in goroutine N` (Go 1.21 on).
    let old = load(&shapes_dir().join("stack.go1.19.8.txt"));
    let new = load(&shapes_dir().join("stack.go1.24.4.txt"));
    assert_eq!(find(&old, "main.worker").created_by.unwrap().parent, None);
    assert_eq!(find(&new, "main.worker").created_by.unwrap().parent, Some(1));
    assert!(find(&new, "main.pinned").state.unwrap().locked_to_thread);
    // GODEBUG=tracebackancestors=3: the child of a child lists both ancestors.
    for ver in ["go1.19.8", "go1.24.4", "go1.26.10"] {
        let dump = load(&shapes_dir().join(format!("ancestors.{ver}.txt")));
        let rec = dump.records.iter().find(|r| r.ancestors.len() == 2).expect("a goroutine with two ancestors");
        assert_eq!(rec.ancestors[1].goroutine, 1, "{ver}");
        assert_eq!(dump.name(rec.ancestors[0].frames[0].function), "main.spawnFrom", "{ver}");
        assert!(rec.ancestors.iter().all(|a| !a.frames.is_empty()));
    }
    // SIGQUIT: runtime frames shown, the deep stack elided, Go 1.24's `gp=… m=…` headers.
    for ver in ["go1.19.8", "go1.24.4", "go1.26.10"] {
        let dump = load(&shapes_dir().join(format!("sigquit.{ver}.txt")));
        assert!(find(&dump, "main.deep").elided, "{ver}");
        assert_eq!(dump.records[0].goroutine, Some(0));
        assert_eq!(dump.records[0].state.as_ref().unwrap().reason, "idle");
        assert_eq!(dump.notes[0].text, "SIGQUIT: quit");
        assert!(dump.notes.last().unwrap().text.starts_with("gs "), "{ver}: the register dump is kept as notes");
    }
    // Go 1.21 on elides the middle of a deep stack: `...51 frames elided...`.
    let dump = load(&shapes_dir().join("minutes.go1.26.10.debug2.txt"));
    let deep = find(&dump, "main.deep");
    assert!(deep.elided && deep.frames.len() == 100 && deep.created_by.is_some());
    // A panic: the message is a note before the goroutines.
    let dump = load(&shapes_dir().join("panic-all.go1.24.4.txt"));
    assert_eq!(dump.notes[0].text, "panic: assignment to entry in nil map");
    assert_eq!(dump.records.len(), 13);
    // Waits of minutes, and the 50,000-goroutine dump in all three formats.
    let dump = load(&shapes_dir().join("minutes.go1.24.4.debug2.txt"));
    assert_eq!(find(&dump, "main.sendResult").state.unwrap().minutes, Some(1));
    // debug=2 tells the 50,000 senders from spawnFrom's one by their `created
    // by`; the profiles, which have no `created by`, count them together.
    for (ext, senders) in [("debug2.txt.gz", 50_000), ("debug1.txt.gz", 50_001), ("pb.gz", 50_001)] {
        let dump = load(&shapes_dir().join(format!("many-50000.go1.24.4.{ext}")));
        let groups = group(&dump, Grouping::IgnoreArgs);
        assert_eq!(groups[0].count, senders, "{ext}");
        assert_eq!(dump.name(groups[0].own_frame(&dump).unwrap().function), "main.sendResult", "{ext}");
    }
}

/// goleak 1.2.0's reports as `go test` prints them: VerifyTestMain's after
/// `PASS`, and VerifyNone's inside a test's indented failure message.
#[test]
fn real_goleak_reports() {
    let main = load(&shapes_dir().join("goleak-verifymain.v1.2.0.txt"));
    assert_eq!(main.format, Format::Goleak);
    let ids: std::collections::BTreeSet<u64> = main.records.iter().filter_map(|r| r.goroutine).collect();
    assert_eq!(ids.len(), 3, "three leaked goroutines, each with its id");
    let groups = group(&main, Grouping::IgnoreArgs);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].reason.as_deref(), Some("chan send"));
    assert_eq!(main.name(groups[0].created_by.unwrap().function), "leaklab/goleakshapes/verifymain.fetch");
    assert_eq!(main.notes.first().unwrap().text, "PASS");

    let none = load(&shapes_dir().join("goleak-verifynone.v1.2.0.txt"));
    assert_eq!(none.format, Format::Goleak);
    assert_eq!(none.records.len(), 1);
    let rec = &none.records[0];
    assert!(rec.goroutine.is_some());
    assert_eq!(rec.state.as_ref().unwrap().reason, "chan receive");
    assert_eq!(none.name(rec.frames[0].function), "leaklab/goleakshapes/verifynone.TestWorker.func1");
    assert_eq!(none.name(rec.frames[0].file), "leaklab/goleakshapes/verifynone/leak_test.go");
    assert_eq!(rec.frames[0].line, 14);
}

/// pprof labels of goroutines started inside `pprof.Do`, in debug=1 and the protobuf profile.
#[test]
fn labels_in_both_profiles() {
    for ver in ["go1.19.8", "go1.24.4", "go1.26.10"] {
        for ext in ["debug1.txt", "pb.gz"] {
            let dump = load(&shapes_dir().join(format!("labels.{ver}.{ext}")));
            let labelled: Vec<_> = dump.records.iter().filter(|r| !r.labels.is_empty()).collect();
            assert_eq!(labelled.len(), 1, "{ver} {ext}");
            assert_eq!(labelled[0].count, 4, "{ver} {ext}");
            let expected =
                [("handler".to_string(), "/checkout".to_string()), ("tenant".to_string(), "a\"b".to_string())];
            assert_eq!(labelled[0].labels, expected, "{ver} {ext}");
        }
    }
}

/// Reading a slice of lines at a time gives the same dump as reading at once,
/// in every format, and fails at the same line on damage.
#[test]
fn incremental_reading_matches_parse() {
    let mut all = files(&oracle_dir());
    all.extend(files(&shapes_dir()));
    for path in all {
        let bytes = read(&path);
        let whole = parse(&bytes);
        let mut inc = dumpread::Incremental::new(bytes);
        let mut steps = 0;
        let stepped = loop {
            steps += 1;
            match inc.step(97) {
                Ok(true) => break inc.finish(),
                Ok(false) => assert!(inc.progress() < 1.0),
                Err(e) => break Err(e),
            }
        };
        let name = path.display();
        match (whole, stepped) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.records.len(), b.records.len(), "{name}");
                assert_eq!(render(&a), render(&b), "{name}");
                assert_eq!(a.notes, b.notes, "{name}");
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "{name}"),
            (a, b) => panic!("{name}: parse {:?} but stepped {:?} after {steps} steps", a.err(), b.err()),
        }
    }
    let mut cut = dumpread::Incremental::new(b"goroutine 7 [chan send]:\nmain.f(0x1)\n".to_vec());
    assert!(!cut.step(1).unwrap());
    assert_eq!(
        cut.finish().unwrap_err().to_string(),
        "line 3: goroutine 7: `main.f` on line 2 has no `file:line` line after it; is the dump cut short?"
    );
}

/// Go 1.26's goroutineleak profile (GOEXPERIMENT=goroutineleakprofile): six
/// goroutines sending on channels only they can reach and two in `select {}`
/// are leaked; the goroutines parked on global channels and locks are not.
#[test]
fn go_1_26_goroutineleak_profile() {
    let leaked_groups = |dump: &Dump| {
        let groups = group(dump, Grouping::IgnoreArgs);
        let found = suspects(dump, &groups);
        assert!(found.iter().all(|s| s.pattern == dumpread::Pattern::Leaked));
        let mut v: Vec<(u64, String)> = found
            .iter()
            .map(|s| (groups[s.group].count, dump.name(groups[s.group].own_frame(dump).unwrap().function).to_string()))
            .collect();
        v.sort();
        v
    };
    let expected: Vec<(u64, String)> =
        vec![(1, "main.deep".into()), (1, "main.spawnFrom".into()), (6, "main.leakSend.func1".into())];
    for ext in ["leak.debug1.txt", "leak.pb.gz", "leak.debug2.txt", "goroutine.debug2.txt"] {
        let dump = load(&shapes_dir().join(format!("leak.go1.26.10.{ext}")));
        assert_eq!(leaked_groups(&dump), expected, "{ext}");
    }
    let d1 = load(&shapes_dir().join("leak.go1.26.10.leak.debug1.txt"));
    assert!(d1.leak_profile && d1.total == Some(8));
    assert_eq!(d1.describe(), "goroutineleak profile (debug=1)");
    let pb = load(&shapes_dir().join("leak.go1.26.10.leak.pb.gz"));
    assert!(pb.leak_profile && pb.goroutines() == 8);
    // debug=2 of the goroutineleak profile lists every goroutine, the leaked ones
    // marked, and with GODEBUG=tracebacklabels=1 the labels in the header.
    let d2 = load(&shapes_dir().join("leak.go1.26.10.leak.debug2.txt"));
    assert!(!d2.leak_profile);
    let leaked = d2.records.iter().filter(|r| r.state.as_ref().unwrap().leaked).count();
    assert_eq!((d2.records.len(), leaked), (16, 8));
    let labelled: Vec<_> = d2.records.iter().filter(|r| !r.labels.is_empty()).collect();
    assert_eq!(labelled.len(), 1);
    assert_eq!(labelled[0].labels, [("handler".to_string(), "/report".to_string())]);
}

/// A gzipped text dump (as the 50,000-goroutine fixtures are kept) reads like the text.
#[test]
fn gzipped_text_reads_like_text() {
    for name in ["many-50000.go1.24.4.debug2.txt.gz", "many-50000.go1.19.8.debug1.txt.gz"] {
        let path = shapes_dir().join(name);
        let packed = parse(&std::fs::read(&path).unwrap()).unwrap();
        let text = load(&path);
        assert_eq!((packed.format, render(&packed)), (text.format, render(&text)), "{name}");
    }
}
