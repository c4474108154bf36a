//! Virtual time, timers, tickers, contexts, WaitGroup and Mutex.

use sim_runtime::{
    after, sleep, Chan, Context, CtxErr, Duration, Mutex, RunState, Select, Ticker, Time, Timer, WaitGroup,
};

use crate::harness::{Log, Prog};

/// The clock jumps straight to the next timer: an hour of sleeping costs nothing.
#[test]
fn clock_jumps_to_next_timer() {
    let p = Prog::new(1);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        out.push(g.now());
        sleep(&g, Duration::from_mins(59)).await;
        out.push(g.now());
        sleep(&g, Duration::from_millis(1)).await;
        out.push(g.now());
    });
    assert_eq!(got.get(), vec![Time(0), Time(Duration::from_mins(59).0), Time(Duration::from_mins(59).0 + 1_000_000)]);
}

/// Stepping moves from event to event; advance and run_until stop where asked.
#[test]
fn step_advance_and_run_until() {
    let p = Prog::new(2);
    p.sim.go_main(p.main, move |g| async move {
        for _ in 0..3 {
            sleep(&g, Duration::from_secs(1)).await;
        }
    });
    assert_eq!(p.sim.step(), sim_runtime::RunState::Active); // main runs and parks
    assert_eq!(p.sim.now(), Time(0));
    p.sim.step();
    assert_eq!(p.sim.now(), Time(1_000_000_000));
    p.sim.advance(Duration::from_millis(500));
    assert_eq!(p.sim.now(), Time(1_500_000_000));
    let st = p.sim.run_until(Time(10_000_000_000));
    assert_eq!(st, sim_runtime::RunState::Ended(sim_runtime::Outcome::Exited));
    assert_eq!(p.sim.now(), Time(3_000_000_000));
}

/// time.After in a select: the timeout wins when nothing else is ready.
#[test]
fn time_after_times_out_a_select() {
    let p = Prog::new(3);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        let timeout = after(&g, Duration::from_millis(50));
        let mut s = Select::new();
        let r = s.recv(&ch);
        let t = s.recv(&timeout);
        let i = s.wait(&g).await;
        out.push((i == t.index(), i == r.index(), g.now()));
    });
    assert_eq!(got.get(), vec![(true, false, Time(50_000_000))]);
}

/// Timer.Stop prevents the tick; Reset re-arms it; Ticker ticks periodically.
#[test]
fn timer_stop_reset_and_ticker() {
    let p = Prog::new(4);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let t = Timer::new(&g, Duration::from_secs(1));
        assert!(t.stop());
        assert!(!t.stop());
        t.reset(Duration::from_secs(2));
        let at = t.c.recv(&g).await.unwrap();
        out.push(at.0 / 1_000_000);
        let tk = Ticker::new(&g, Duration::from_millis(100));
        for _ in 0..3 {
            out.push(tk.c.recv(&g).await.unwrap().0 / 1_000_000);
        }
        tk.stop();
        assert_eq!(tk.c.cap(), 0, "Go 1.23 timer channels report cap 0");
    });
    assert_eq!(got.get(), vec![2000, 2100, 2200, 2300]);
}

/// Contexts: timeouts end with "context deadline exceeded", cancel with
/// "context canceled", and cancellation flows to children but not to parents.
#[test]
fn context_cancellation_flows_to_children() {
    let p = Prog::new(5);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let bg = Context::background();
        assert!(bg.done().id().is_none(), "Background().Done() is a nil channel");
        let (parent, cancel) = bg.with_cancel(&g);
        let (child, _c2) = parent.with_timeout(&g, Duration::from_secs(5));
        let (timed, _c3) = bg.with_timeout(&g, Duration::from_millis(30));
        timed.done().recv(&g).await;
        out.push(format!("{} at {}", timed.err().unwrap(), g.now()));
        cancel.cancel();
        child.done().recv(&g).await;
        out.push(format!("child: {}, parent: {}", child.err().unwrap(), parent.err().unwrap()));
        assert_eq!(bg.err(), None);
        let (late, _c4) = parent.with_cancel(&g);
        assert_eq!(late.err(), Some(CtxErr::Canceled), "a child of a canceled context starts canceled");
    });
    assert_eq!(
        got.get(),
        vec!["context deadline exceeded at 30ms", "child: context canceled, parent: context canceled"]
    );
}

/// WaitGroup.Wait returns once every worker called Done.
#[test]
fn waitgroup_waits_for_workers() {
    let p = Prog::new(6);
    let worker = p.func("main.worker", 10);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let wg = WaitGroup::new(&g.sim());
        for i in 1..=3u64 {
            wg.add(&g, 1);
            let wg = wg.clone();
            g.go(4, worker, move |g| async move {
                sleep(&g, Duration::from_millis(10 * i)).await;
                wg.done(&g);
            });
        }
        wg.wait(&g).await;
        out.push(g.now());
    });
    assert_eq!(got.get(), vec![Time(30_000_000)]);
}

/// Mutex: waiters queue in `sync.Mutex.Lock` and get the lock in FIFO order.
#[test]
fn mutex_serialises_in_fifo_order() {
    let p = Prog::new(7);
    let worker = p.func("main.worker", 10);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let mu = Mutex::new(&g.sim());
        mu.lock(&g).await;
        for i in 0..3 {
            let (mu, out) = (mu.clone(), out.clone());
            g.go(4, worker, move |g| async move {
                mu.lock(&g).await;
                out.push(i);
                mu.unlock(&g);
            });
        }
        sleep(&g, Duration::from_millis(1)).await;
        let dump = g.dump(sim_runtime::DumpKind::Debug2);
        assert_eq!(dump.matches("[sync.Mutex.Lock]").count(), 3, "{dump}");
        assert!(dump.contains("sync.(*Mutex).Lock(...)\n"), "{dump}");
        mu.unlock(&g);
        sleep(&g, Duration::from_millis(1)).await;
    });
    assert_eq!(got.get(), vec![0, 1, 2]);
}

/// RWMutex: readers share it; a blocked writer keeps new readers out (Go's writer
/// preference), and gets the lock when the last earlier reader leaves; the readers
/// that queued behind it come in at its Unlock, before the next writer.
#[test]
fn rwmutex_prefers_a_waiting_writer() {
    let p = Prog::new(8);
    let worker = p.func("main.worker", 10);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let rw = sim_runtime::RwMutex::new(&g.sim());
        rw.rlock(&g).await;
        rw.rlock(&g).await;
        assert_eq!(rw.reader_count(), 2);
        for (i, writer) in [(0, true), (1, false), (2, true), (3, false)] {
            let (rw, out) = (rw.clone(), out.clone());
            g.go(4, worker, move |g| async move {
                if writer {
                    rw.lock(&g).await;
                    out.push(i);
                    sim_runtime::sleep(&g, Duration::from_millis(1)).await;
                    assert!(rw.unlock(&g));
                } else {
                    rw.rlock(&g).await;
                    out.push(i);
                    assert!(rw.runlock(&g));
                }
            });
            sleep(&g, Duration(1_000)).await;
        }
        let dump = g.dump(sim_runtime::DumpKind::Debug2);
        assert_eq!(dump.matches("[sync.RWMutex.Lock]").count(), 1, "{dump}");
        assert_eq!(dump.matches("[sync.Mutex.Lock]").count(), 1, "{dump}");
        assert_eq!(dump.matches("[sync.RWMutex.RLock]").count(), 2, "{dump}");
        assert!(dump.contains("sync.(*RWMutex).RLock(...)\n\t/usr/local/go/src/sync/rwmutex.go:74\n"), "{dump}");
        assert!(dump.contains("\n\t/usr/local/go/src/sync/rwmutex.go:150 +0x"), "{dump}");
        assert!(dump.contains("sync.runtime_SemacquireRWMutex(0x0?, 0x0?, 0x0?)\n"), "{dump}");
        // Still held by the two first readers: nobody got in.
        assert!(out.get().is_empty());
        assert!(rw.runlock(&g));
        assert!(out.get().is_empty());
        assert!(rw.runlock(&g));
        sleep(&g, Duration::from_millis(10)).await;
    });
    // Writer 0; at its Unlock, readers 1 and 3; then writer 2.
    assert_eq!(got.get(), vec![0, 1, 3, 2]);
}

/// Goroutines blocked on an RWMutex nothing else can reach are leaked; behind a
/// global one they are only stuck.
#[test]
fn rwmutex_waiters_leak_unless_it_is_global() {
    for global in [false, true] {
        let p = Prog::new(9);
        let worker = p.func("main.worker", 10);
        p.sim.go_main(p.main, move |g| async move {
            let rw = sim_runtime::RwMutex::new(&g.sim());
            if global {
                g.sim().global(rw.id());
            }
            // A reader that returns without RUnlock, then a writer.
            let r = rw.clone();
            g.go(4, worker, move |g| async move { r.rlock(&g).await });
            sleep(&g, Duration::from_millis(1)).await;
            g.go(5, worker, move |g| async move { rw.lock(&g).await });
            sleep(&g, Duration::from_secs(1)).await;
        });
        p.sim.run_until(Time(Duration::from_millis(500).0));
        assert_eq!(p.sim.leaked_goroutines().len(), usize::from(!global), "global: {global}");
    }
}

/// `time.AfterFunc`: the function runs in a goroutine of its own that the runtime
/// starts (created by `time.goFunc`, with no parent goroutine), each time the timer
/// fires; `Stop` before it fires keeps it from running, and `t.C` is nil.
#[test]
fn after_func_runs_in_a_runtime_goroutine() {
    let p = Prog::new(6);
    let callback = p.func("main.main.func1", 9);
    let got = Log::default();
    let out = got.clone();
    let state = p.run(move |g| async move {
        let ch: Chan<u64> = Chan::new(&g.sim(), "results", 0, 8);
        let spawn = |ch: Chan<u64>| {
            move |h: &sim_runtime::SimHandle| {
                let ch = ch.clone();
                let creator = sim_runtime::Loc { func: h.std().time_gofunc, line: sim_runtime::lines::TIME_GOFUNC };
                h.go_from_runtime(creator, callback, move |g| async move {
                    g.at(10);
                    let _ = ch.send(&g, g.now().0 / 1_000_000).await;
                });
            }
        };
        let never = Timer::after_func(&g, Duration::from_secs(1), spawn(ch.clone()));
        assert!(never.c.id().is_none(), "an AfterFunc timer's C is nil");
        assert!(never.stop());
        assert!(!never.stop());
        let t = Timer::after_func(&g, Duration::from_millis(10), spawn(ch.clone()));
        out.push(ch.recv(&g).await.unwrap());
        assert!(!t.stop(), "it had fired");
        assert!(!t.reset(Duration::from_millis(20)));
        out.push(ch.recv(&g).await.unwrap());
        // Fired again, with nobody to receive: that goroutine and main are stuck.
        t.reset(Duration::from_millis(5));
        g.at(20);
        sleep(&g, Duration::from_millis(10)).await;
        let never: Chan<u64> = Chan::new(&g.sim(), "never", 0, 8);
        g.at(21);
        never.recv(&g).await;
    });
    assert_eq!(got.get(), vec![10, 30]);
    let RunState::Ended(sim_runtime::Outcome::Deadlock { text }) = state else { panic!("{state:?}") };
    assert!(
        text.contains("main.main.func1()\n\t/app/main.go:10 +0x")
            && text.contains("\ncreated by time.goFunc\n\t/usr/local/go/src/time/sleep.go:215 +0x"),
        "{text}"
    );
    assert!(!text.contains("in goroutine 0"), "{text}");
}
