//! Byte-for-byte snapshots of the dump formats, and determinism of their bytes.

use expect_test::{expect, Expect};
use sim_runtime::{sleep, Chan, DumpKind, Duration, FuncSpec, Sim, SimHandle, Time};

/// The async-logger leak in miniature: a logger draining `logCh` slowly and
/// handlers that each spawn a goroutine sending one line.
///
/// ```go
/// 12 func startLogger() {
/// 13     go func() {
/// 14         for {
/// 15             entry := <-logCh
/// 16             time.Sleep(50 * time.Second)
/// 17             _ = entry
/// 18         }
/// 19     }()
/// 20 }
/// 22 func logMessage(msg string) {
/// 23     logCh <- msg
/// 24 }
/// 26 func leakyHandler() {
/// 27     go func() {
/// 28         logMessage("request")
/// 29     }()
/// 30 }
/// 40 func main() { startLogger(); for { leakyHandler(); time.Sleep(10 * time.Millisecond) } }
/// ```
fn logger_program(seed: u64, handlers: usize, with_reporter: bool) -> (Sim, std::rc::Rc<std::cell::RefCell<String>>) {
    let sim = Sim::builder().seed(seed).events(usize::MAX).build();
    let h: SimHandle = sim.handle();
    let main = h.func(FuncSpec::new("main.main", "/app/main.go", 40));
    let start_logger = h.func(FuncSpec::new("main.startLogger", "/app/main.go", 12));
    let logger = h.func(FuncSpec::new("main.startLogger.func1", "/app/main.go", 13));
    let log_message = h.func(FuncSpec::new("main.logMessage", "/app/main.go", 22).args("{0x6b3c20, 0x7}").inlined());
    let handler = h.func(FuncSpec::new("main.leakyHandler", "/app/main.go", 26));
    let handler_fn1 = h.func(FuncSpec::new("main.leakyHandler.func1", "/app/main.go", 27));
    let report = h.func(FuncSpec::new("main.report", "/app/main.go", 50));
    let write_stacks = h.func(
        FuncSpec::new("runtime/pprof.writeGoroutineStacks", "/usr/local/go/src/runtime/pprof/pprof.go", 780)
            .args("{0x7c0a28, 0xc000012018}"),
    );
    let log_ch: Chan<String> = Chan::new(&h, "logCh", 2, 16);
    h.global(log_ch.id().unwrap());
    let out = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let out2 = out.clone();
    sim.go_main(main, move |g| async move {
        g.enter(41, start_logger);
        let rx = log_ch.clone();
        g.go(13, logger, move |g| async move {
            loop {
                g.at(15);
                let _entry = rx.recv(&g).await;
                g.at(16);
                sleep(&g, Duration::from_secs(50)).await;
            }
        });
        g.leave();
        for _ in 0..handlers {
            g.enter(43, handler);
            let tx = log_ch.clone();
            g.go(27, handler_fn1, move |g| async move {
                g.enter(28, log_message);
                g.at(23);
                tx.send(&g, "request".to_string()).await;
                g.leave();
            });
            g.leave();
            g.at(44);
            sleep(&g, Duration::from_millis(10)).await;
        }
        if with_reporter {
            g.enter(46, report);
            g.enter(51, write_stacks);
            g.at(792);
            *out2.borrow_mut() = g.dump(DumpKind::Debug2);
            g.leave();
            g.leave();
        }
        g.at(47);
        sleep(&g, Duration::from_mins(10)).await;
    });
    (sim, out)
}

fn check(actual: &str, expect: Expect) {
    expect.assert_eq(actual);
}

#[test]
fn debug2_of_the_logger_leak() {
    let (sim, _) = logger_program(1, 16, false);
    // Two collections, so that the second times the blocked goroutines from the
    // first (Go prints no minutes before that).
    sim.run_until(Time(Duration::from_secs(5).0));
    sim.gc();
    sim.run_until(Time(Duration::from_secs(10).0));
    sim.gc();
    sim.run_until(Time(Duration::from_secs(90).0));
    let dump = sim.dump(DumpKind::Debug2);
    // Only the first goroutines; the rest repeat the sender's stack.
    let head: String = dump.split("\n\n").take(4).collect::<Vec<_>>().join("\n\n");
    check(
        &head,
        expect![[r#"
        goroutine 1 [sleep, 1 minutes]:
        time.Sleep(0x8bb2c97000)
        	/usr/local/go/src/runtime/time.go:338 +0x1c0
        main.main()
        	/app/main.go:47 +0x75

        goroutine 6 [sleep]:
        time.Sleep(0xba43b7400)
        	/usr/local/go/src/runtime/time.go:338 +0x1c0
        main.startLogger.func1()
        	/app/main.go:16 +0x4b
        created by main.startLogger in goroutine 1
        	/app/main.go:13 +0x2e

        goroutine 11 [chan send, 1 minutes]:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28

        goroutine 12 [chan send, 1 minutes]:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28"#]],
    );
    assert_eq!(dump.matches("[chan send, 1 minutes]").count(), 12, "{dump}");
}

#[test]
fn debug1_of_the_logger_leak() {
    let (sim, _) = logger_program(1, 16, false);
    sim.run_until(Time(Duration::from_secs(90).0));
    check(
        &sim.dump(DumpKind::Debug1),
        expect![[r#"
        goroutine profile: total 14
        12 @ 0x4038b5 0x42267b 0x50f0f4 0x7a9937 0x7a9911 0x518aed
        #	0x7a9936	main.logMessage+0x36		/app/main.go:23
        #	0x7a9910	main.leakyHandler.func1+0x10	/app/main.go:28

        1 @ 0x4038b5 0x50f600 0x6ea695 0x405f19 0x518aed
        #	0x50f5ff	time.Sleep+0x1bf	/usr/local/go/src/runtime/time.go:338
        #	0x6ea694	main.main+0x74		/app/main.go:47
        #	0x405f18	runtime.main+0x258	/usr/local/go/src/runtime/proc.go:283

        1 @ 0x4038b5 0x50f600 0x6f144b 0x518aed
        #	0x50f5ff	time.Sleep+0x1bf		/usr/local/go/src/runtime/time.go:338
        #	0x6f144a	main.startLogger.func1+0x4a	/app/main.go:16

    "#]],
    );
}

#[test]
fn goleak_report_of_the_logger_leak() {
    let (sim, _) = logger_program(1, 13, false);
    sim.run_until(Time(Duration::from_secs(2).0));
    check(
        &sim.dump(DumpKind::Goleak),
        expect![[r#"
        goleak: Errors on successful test run: found unexpected goroutines:
        [Goroutine 6 in state sleep, with time.Sleep on top of the stack:
        time.Sleep(0xba43b7400)
        	/usr/local/go/src/runtime/time.go:338 +0x1c0
        main.startLogger.func1()
        	/app/main.go:16 +0x4b
        created by main.startLogger in goroutine 1
        	/app/main.go:13 +0x2e
         Goroutine 10 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 11 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 12 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 13 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 14 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 15 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 16 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 17 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 18 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
         Goroutine 19 in state chan send, with main.logMessage on top of the stack:
        main.logMessage(...)
        	/app/main.go:23
        main.leakyHandler.func1()
        	/app/main.go:28 +0x37
        created by main.leakyHandler in goroutine 1
        	/app/main.go:27 +0x28
        ]
    "#]],
    );
}

#[test]
fn dump_from_inside_a_goroutine_lists_it_first_as_running() {
    let (sim, out) = logger_program(1, 12, true);
    sim.run_until(Time(Duration::from_secs(1).0));
    let dump = out.borrow().clone();
    let first = dump.split("\n\n").next().unwrap().to_string();
    check(
        &first,
        expect![[r#"
        goroutine 1 [running]:
        runtime/pprof.writeGoroutineStacks({0x7c0a28, 0xc000012018})
        	/usr/local/go/src/runtime/pprof/pprof.go:792 +0xa2
        main.report()
        	/app/main.go:51 +0x30
        main.main()
        	/app/main.go:46 +0x6a"#]],
    );
}

/// The logger's senders wait behind a global channel: stuck, but not leaked in the
/// sense of Go 1.26's goroutineleak profile. A local channel nobody can reach is.
/// Its debug=2 form lists every goroutine and marks the leaked ones.
#[test]
fn leak_profile_separates_global_from_unreachable() {
    let (sim, _) = logger_program(1, 14, false);
    sim.run_until(Time(Duration::from_secs(2).0));
    assert!(sim.leaked_goroutines().is_empty());
    check(
        &sim.dump(DumpKind::Leak1),
        expect![[r#"
        goroutineleak profile: total 0
    "#]],
    );

    let sim = Sim::new(1);
    let main = sim.func(FuncSpec::new("main.main", "/app/main.go", 5));
    let fetch = sim.func(FuncSpec::new("main.fetch", "/app/main.go", 10));
    let fetch1 = sim.func(FuncSpec::new("main.fetch.func1", "/app/main.go", 12));
    sim.go_main(main, move |g| async move {
        for _ in 0..2 {
            g.enter(6, fetch);
            let ch: Chan<String> = Chan::make(&g, "responseCh", 0, 16);
            let tx = ch.clone();
            g.go(12, fetch1, move |g| async move {
                g.at(13);
                tx.send(&g, "result".into()).await;
            });
            g.at(15);
            sleep(&g, Duration::from_millis(5)).await;
            g.release(ch.id().unwrap());
            g.leave();
        }
        g.at(7);
        sleep(&g, Duration::from_mins(5)).await;
    });
    sim.run_until(Time(Duration::from_secs(1).0));
    assert_eq!(sim.leaked_goroutines(), vec![6, 7]);
    // One collection at 1 s: it stamps nothing (the first of a process never
    // does), so at 100 s a plain dump shows no minutes. The leak profile
    // collects first, which stamps main's sleep with the 1 s cycle: 1 minute.
    // The leaked goroutines (`_Gleaked`) never show minutes.
    sim.gc();
    sim.run_until(Time(Duration::from_secs(100).0));
    assert!(sim.dump(DumpKind::Debug2).starts_with("goroutine 1 [sleep]:\n"));
    check(
        &sim.dump(DumpKind::Leak2),
        expect![[r#"
            goroutine 1 [sleep, 1 minutes]:
            time.Sleep(0x45d964b800)
            	/usr/local/go/src/runtime/time.go:338 +0x1c0
            main.main()
            	/app/main.go:7 +0x3e

            goroutine 6 [chan send (leaked)]:
            main.fetch.func1()
            	/app/main.go:13 +0x35
            created by main.fetch in goroutine 1
            	/app/main.go:12 +0x39

            goroutine 7 [chan send (leaked)]:
            main.fetch.func1()
            	/app/main.go:13 +0x35
            created by main.fetch in goroutine 1
            	/app/main.go:12 +0x39
        "#]],
    );
}

#[test]
fn same_seed_same_bytes() {
    let run = || {
        let (sim, _) = logger_program(42, 30, false);
        sim.run_until(Time(Duration::from_secs(120).0));
        let events: Vec<String> = sim.drain_events().iter().map(|e| sim.format_event(e)).collect();
        (sim.dump(DumpKind::Debug1), sim.dump(DumpKind::Debug2), sim.profile(), events)
    };
    let a = run();
    let b = run();
    assert_eq!(a, b);
    assert!(a.3.len() > 100);
}
