//! End states are values: deadlock, panic, out-of-memory, exit, and idle servers.

use sim_runtime::{Chan, Duration, Outcome, RunState, Sim, WaitGroup, WaitReason};

use crate::harness::Prog;

/// Go: `fatal error: all goroutines are asleep - deadlock!` with every stack.
#[test]
fn deadlock_is_reported_like_go() {
    let p = Prog::new(1);
    let st = p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        g.at(4);
        ch.recv(&g).await;
    });
    let RunState::Ended(Outcome::Deadlock { text }) = st else { panic!("{st:?}") };
    let expected = "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.main()\n\t/app/main.go:4 +0x";
    assert!(text.starts_with(expected), "{text}");
    assert!(text.ends_with("exit status 2\n"), "{text}");
}

/// A WaitGroup that never reaches zero deadlocks main with Go 1.24's wait reason.
#[test]
fn waitgroup_deadlock_shows_its_wait_reason() {
    let p = Prog::new(2);
    let st = p.run(move |g| async move {
        let wg = WaitGroup::new(&g.sim());
        wg.add(&g, 1);
        g.at(5);
        wg.wait(&g).await;
    });
    let RunState::Ended(Outcome::Deadlock { text }) = st else { panic!("{st:?}") };
    assert!(text.contains("goroutine 1 [sync.WaitGroup.Wait]:\nsync.runtime_SemacquireWaitGroup("), "{text}");
    assert!(text.contains("sync.(*WaitGroup).Wait(0xc"), "{text}");
    assert!(text.contains("main.main()\n\t/app/main.go:5 +0x"), "{text}");
}

/// A negative WaitGroup counter is Go's `sync: negative WaitGroup counter` panic.
/// Real Go 1.24.4, for a `wg.Done()` in main: `sync.(*WaitGroup).Add(0x4f3278?,
/// 0xc000002380?)` at waitgroup.go:64, `sync.(*WaitGroup).Done(...)` at :89, `main.main()`.
#[test]
fn negative_waitgroup_panics() {
    let p = Prog::new(3);
    let st = p.run(move |g| async move {
        let wg = WaitGroup::new(&g.sim());
        g.at(7);
        wg.done(&g);
    });
    let RunState::Ended(Outcome::Panic { ref message, ref text, fatal: false, .. }) = st else { panic!("{st:?}") };
    assert_eq!(message, "sync: negative WaitGroup counter");
    let want = "panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\nsync.(*WaitGroup).Add(0xc";
    assert!(text.starts_with(want), "{text}");
    let want = "?)\n\t/usr/local/go/src/sync/waitgroup.go:64 +0x";
    assert!(text.contains(want), "{text}");
    let want =
        "\nsync.(*WaitGroup).Done(...)\n\t/usr/local/go/src/sync/waitgroup.go:89\nmain.main()\n\t/app/main.go:7 +0x";
    assert!(text.contains(want), "{text}");
}

/// A memory limit ends the run as an out-of-memory kill once goroutines pile up.
#[test]
fn memory_limit_kills_the_process() {
    let sim = Sim::builder().seed(1).memory_limit(Some(100 * 1024)).build();
    let main = sim.func(sim_runtime::FuncSpec::new("main.main", "/app/main.go", 1));
    let leak = sim.func(sim_runtime::FuncSpec::new("main.main.func1", "/app/main.go", 3));
    sim.go_main(main, move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        g.hold(ch.id().unwrap());
        loop {
            let tx = ch.clone();
            g.go(3, leak, move |g| async move { tx.send(&g, 1).await });
            sim_runtime::sleep(&g, Duration::from_millis(1)).await;
        }
    });
    let st = sim.run(sim_runtime::Time(Duration::from_secs(10).0));
    let RunState::Ended(Outcome::OutOfMemory { bytes, limit }) = st else { panic!("{st:?}") };
    assert_eq!(limit, 100 * 1024);
    assert!(bytes > limit);
    // Each goroutine costs 2 KiB of stack plus its g: about 40 fit.
    assert!((35..=45).contains(&sim.num_goroutine()), "{}", sim.num_goroutine());
    assert_eq!(Outcome::OutOfMemory { bytes, limit }.exit_code(), 137);
}

/// When main returns the process exits, whatever other goroutines were doing.
#[test]
fn main_returning_ends_the_process() {
    let p = Prog::new(4);
    let stuck = p.func("main.main.func1", 3);
    let st = p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        g.go(3, stuck, move |g| async move {
            ch.recv(&g).await;
        });
    });
    assert_eq!(st, RunState::Ended(Outcome::Exited));
    assert_eq!(Outcome::Exited.exit_code(), 0);
}

/// A goroutine waiting on the network is not a deadlock: a client may still come.
#[test]
fn network_wait_is_idle_not_deadlock() {
    let p = Prog::new(5);
    let st = p.run(move |g| async move {
        let conns: Chan<i32> = Chan::make(&g, "listener", 0, 8);
        let std = g.sim().std();
        let frames = vec![
            sim_runtime::Loc { func: std.poll_wait, line: sim_runtime::lines::POLL_WAIT },
            sim_runtime::Loc { func: std.netpollblock, line: sim_runtime::lines::NETPOLLBLOCK },
            sim_runtime::Loc { func: std.gopark, line: sim_runtime::lines::GOPARK },
        ];
        conns.recv_as(&g, WaitReason::IoWait, frames).await;
    });
    assert_eq!(st, RunState::Idle);
    assert!(p
        .sim
        .dump(sim_runtime::DumpKind::Debug2)
        .starts_with("goroutine 1 [IO wait]:\ninternal/poll.runtime_pollWait(0xc"));
}

/// Unlocking an unlocked `sync.Mutex` is Go's fatal error, not a panic: real
/// Go 1.24.4 printed `fatal error: sync: unlock of unlocked mutex`, the
/// goroutine through `internal/sync.fatal`, `unlockSlow` and the two inlined
/// `Unlock`s, then every other goroutine, and exited with status 2.
#[test]
fn unlocking_an_unlocked_mutex_is_a_fatal_error() {
    let p = Prog::new(3);
    let st = p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        let worker = g.sim().func(sim_runtime::FuncSpec::new("main.worker", "/app/main.go", 9));
        g.go(16, worker, move |g| async move {
            g.at(10);
            ch.send(&g, 1).await;
        });
        g.at(17);
        sim_runtime::sleep(&g, Duration::from_millis(10)).await;
        let mu = sim_runtime::Mutex::new(&g.sim());
        g.at(19);
        mu.unlock(&g);
        mu.unlock(&g);
    });
    let RunState::Ended(Outcome::Panic { ref message, ref text, fatal: true, goroutine: 1 }) = st else {
        panic!("{st:?}")
    };
    assert_eq!(message, "sync: unlock of unlocked mutex");
    let go = "fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\n\
        internal/sync.fatal({0x7c3e5a?, 0xc";
    assert!(text.starts_with(go), "{text}");
    assert!(text.contains("\n\t/usr/local/go/src/runtime/panic.go:1068 +0x"), "{text}");
    for want in [
        "\ninternal/sync.(*Mutex).unlockSlow(0xc",
        ", 0xffffffff)\n\t/usr/local/go/src/internal/sync/mutex.go:204 +0x",
        "\ninternal/sync.(*Mutex).Unlock(...)\n\t/usr/local/go/src/internal/sync/mutex.go:198\n",
        "\nsync.(*Mutex).Unlock(...)\n\t/usr/local/go/src/sync/mutex.go:65\nmain.main()\n\t/app/main.go:19 +0x",
        "\n\ngoroutine 6 [chan send]:\n",
    ] {
        assert!(text.contains(want), "{want:?} in {text}");
    }
    assert!(text.ends_with("exit status 2\n"), "{text}");
    let o = Outcome::Panic { goroutine: 1, message: message.clone(), text: text.clone(), fatal: true };
    assert_eq!(o.exit_code(), 2);
    assert_eq!(o.to_string(), "fatal error: sync: unlock of unlocked mutex in goroutine 1 (exit status 2)");
}

/// `os.Exit(3)`: the run ends at once with that status; other goroutines vanish.
/// `os.Exit(0)` is an exit like main returning; a status is taken modulo 256.
#[test]
fn os_exit_ends_the_run_with_its_status() {
    for (code, want) in [(3, Outcome::Exit { code: 3 }), (0, Outcome::Exited), (-1, Outcome::Exit { code: 255 })] {
        let p = Prog::new(6);
        let stuck = p.func("main.main.func1", 3);
        let st = p.run(move |g| async move {
            let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
            g.go(3, stuck, move |g| async move {
                ch.recv(&g).await;
            });
            g.exit(code).await;
            unreachable!("os.Exit returned");
        });
        assert_eq!(st, RunState::Ended(want.clone()));
        assert_eq!(want.exit_code(), code & 0xff);
    }
}
