//! The behaviours Go's own channel tests (golang/go `test/chan/`, `test/closedchan.go`)
//! check, re-expressed against the simulated runtime.

use sim_runtime::{Chan, Outcome, RunState, Select};

use crate::harness::{Log, Prog};

/// test/chan/fifo.go AsynchFifo: a buffered channel delivers values in send order.
#[test]
fn buffered_channel_is_fifo() {
    let p = Prog::new(1);
    let got = Log::default();
    let out = got.clone();
    let st = p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 10, 8);
        for i in 0..10 {
            ch.send(&g, i).await;
        }
        for _ in 0..10 {
            out.push(ch.recv(&g).await.unwrap());
        }
    });
    assert_eq!(st, RunState::Ended(Outcome::Exited));
    assert_eq!(got.get(), (0..10).collect::<Vec<_>>());
}

/// test/chan/fifo.go SynchFifo: goroutines blocked sending on an unbuffered
/// channel are served in the order they queued.
#[test]
fn queued_senders_are_served_in_fifo_order() {
    let p = Prog::new(2);
    let sender = p.func("main.main.func1", 3);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        for i in 0..50 {
            let tx = ch.clone();
            g.go(4, sender, move |g| async move { tx.send(&g, i).await });
            // Let the new goroutine run and park before starting the next one.
            sim_runtime::sleep(&g, sim_runtime::Duration(1)).await;
        }
        for _ in 0..50 {
            out.push(ch.recv(&g).await.unwrap());
        }
    });
    assert_eq!(got.get(), (0..50).collect::<Vec<_>>());
}

/// A receive from a full buffered channel with queued senders keeps FIFO order:
/// the receiver gets the buffer's head and the first sender's value moves in.
#[test]
fn full_buffer_with_waiting_senders_stays_fifo() {
    let p = Prog::new(3);
    let sender = p.func("main.main.func1", 3);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 2, 8);
        for i in 0..6 {
            let tx = ch.clone();
            g.go(4, sender, move |g| async move { tx.send(&g, i).await });
            sim_runtime::sleep(&g, sim_runtime::Duration(1)).await;
        }
        assert_eq!(ch.len(), 2);
        for _ in 0..6 {
            out.push(ch.recv(&g).await.unwrap());
        }
    });
    assert_eq!(got.get(), vec![0, 1, 2, 3, 4, 5]);
}

/// test/chan/nonblock.go: select with default never blocks, on unbuffered and
/// buffered channels alike.
#[test]
fn nonblocking_select_with_default() {
    let p = Prog::new(4);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        for cap in [0usize, 1, 10] {
            let ch: Chan<i32> = Chan::make(&g, "c", cap, 8);
            // Receive on an empty channel takes default.
            let mut s = Select::new();
            let r = s.recv(&ch);
            let d = s.default_case();
            let chosen = s.wait(&g).await;
            out.push(format!("cap{cap} recv-empty default={}", chosen == d && chosen != r.index()));
            // Send takes default only when it would block.
            let mut s = Select::new();
            let si = s.send(&ch, 7);
            let d = s.default_case();
            let chosen = s.wait(&g).await;
            out.push(format!("cap{cap} send sent={} default={}", chosen == si, chosen == d));
        }
    });
    assert_eq!(
        got.get(),
        vec![
            "cap0 recv-empty default=true",
            "cap0 send sent=false default=true",
            "cap1 recv-empty default=true",
            "cap1 send sent=true default=false",
            "cap10 recv-empty default=true",
            "cap10 send sent=true default=false",
        ]
    );
}

/// test/chan/select.go: among several ready cases select picks each about equally
/// often, from the seeded generator.
#[test]
fn select_is_fair_among_ready_cases() {
    let p = Prog::new(5);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let a: Chan<()> = Chan::make(&g, "a", 1, 0);
        let b: Chan<()> = Chan::make(&g, "b", 1, 0);
        let c: Chan<()> = Chan::make(&g, "c", 1, 0);
        let mut counts = [0u32; 3];
        for _ in 0..3000 {
            for ch in [&a, &b, &c] {
                let _ = ch.try_send(&g, ());
            }
            let mut s = Select::new();
            let ra = s.recv(&a);
            let rb = s.recv(&b);
            let _rc = s.recv(&c);
            let i = s.wait(&g).await;
            counts[if i == ra.index() {
                0
            } else if i == rb.index() {
                1
            } else {
                2
            }] += 1;
        }
        out.push(counts);
    });
    let counts = got.get()[0];
    for n in counts {
        assert!((850..=1150).contains(&n), "unfair select: {counts:?}");
    }
}

/// test/closedchan.go: receivers drain a closed channel, then get ok == false;
/// len and cap still answer.
#[test]
fn close_drains_then_reports_not_ok() {
    let p = Prog::new(6);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 3, 8);
        ch.send(&g, 1).await;
        ch.send(&g, 2).await;
        ch.close(&g);
        out.push(format!("len={} cap={}", ch.len(), ch.cap()));
        for _ in 0..4 {
            out.push(format!("{:?}", ch.recv_ok(&g).await));
        }
    });
    assert_eq!(got.get(), vec!["len=2 cap=3", "Some(1)", "Some(2)", "None", "None"]);
}

/// Closing a channel wakes every blocked receiver with ok == false.
#[test]
fn close_wakes_all_receivers() {
    let p = Prog::new(7);
    let recv = p.func("main.main.func1", 3);
    let got = Log::default();
    let out = got.clone();
    let st = p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        for _ in 0..3 {
            let rx = ch.clone();
            let out = out.clone();
            g.go(4, recv, move |g| async move { out.push(rx.recv_ok(&g).await) });
        }
        sim_runtime::sleep(&g, sim_runtime::Duration(10)).await;
        ch.close(&g);
        sim_runtime::sleep(&g, sim_runtime::Duration(10)).await;
    });
    assert_eq!(st, RunState::Ended(Outcome::Exited));
    assert_eq!(got.get(), vec![None, None, None]);
}

/// Sending on a closed channel is a Go panic, reported with the goroutine's trace.
#[test]
fn send_on_closed_channel_panics() {
    let p = Prog::new(8);
    let st = p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 1, 8);
        ch.close(&g);
        g.at(6);
        ch.send(&g, 1).await;
    });
    let RunState::Ended(Outcome::Panic { goroutine, message, text, fatal: false }) = st else { panic!("{st:?}") };
    assert_eq!(goroutine, 1);
    assert_eq!(message, "send on closed channel");
    assert!(
        text.starts_with("panic: send on closed channel\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:6 +0x"),
        "{text}"
    );
    assert!(text.ends_with("exit status 2\n"));
}

/// Closing a closed channel and closing a nil channel are Go panics.
#[test]
fn close_of_closed_and_nil_channel_panic() {
    for (nil, want) in [(false, "close of closed channel"), (true, "close of nil channel")] {
        let p = Prog::new(9);
        let st = p.run(move |g| async move {
            let ch: Chan<i32> = if nil { Chan::nil() } else { Chan::make(&g, "ch", 0, 8) };
            if !nil {
                ch.close(&g);
            }
            ch.close(&g);
        });
        assert!(matches!(st, RunState::Ended(Outcome::Panic { ref message, .. }) if message == want), "{st:?}");
    }
}

/// A goroutine blocked sending on a closed channel's queue panics when it is closed.
#[test]
fn blocked_sender_panics_when_channel_closes() {
    let p = Prog::new(10);
    let sender = p.func("main.main.func1", 3);
    let st = p.run(move |g| async move {
        let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
        let tx = ch.clone();
        g.go(4, sender, move |g| async move {
            g.at(5);
            tx.send(&g, 1).await
        });
        sim_runtime::sleep(&g, sim_runtime::Duration(5)).await;
        ch.close(&g);
        sim_runtime::sleep(&g, sim_runtime::Duration(5)).await;
    });
    let RunState::Ended(Outcome::Panic { goroutine, text, .. }) = st else { panic!("{st:?}") };
    assert_eq!(goroutine, 6);
    assert!(text.contains("goroutine 6 [running]:\nmain.main.func1()\n\t/app/main.go:5 +0x"), "{text}");
}

/// test/chan/select3.go: operations on nil channels block forever; in a select a
/// nil channel's case is never chosen.
#[test]
fn nil_channels_block_forever() {
    let p = Prog::new(11);
    let worker = p.func("main.main.func1", 3);
    let got = Log::default();
    let out = got.clone();
    let st = p.run(move |g| async move {
        let nil: Chan<i32> = Chan::nil();
        let ready: Chan<i32> = Chan::make(&g, "ready", 1, 8);
        ready.send(&g, 5).await;
        let mut s = Select::new();
        let n = s.recv(&nil);
        let r = s.recv(&ready);
        let i = s.wait(&g).await;
        out.push((i == r.index(), i == n.index()));
        let tx = nil.clone();
        g.go(9, worker, move |g| async move { tx.send(&g, 1).await });
        sim_runtime::sleep(&g, sim_runtime::Duration::from_secs(1)).await;
    });
    assert_eq!(got.get(), vec![(true, false)]);
    assert_eq!(st, RunState::Ended(Outcome::Exited));
}

/// test/chan/sieve1.go: the concurrent prime sieve, a chain of goroutines linked
/// by unbuffered channels, yields the first primes in order.
#[test]
fn prime_sieve_of_goroutines() {
    let p = Prog::new(12);
    let generate = p.func("main.generate", 10);
    let filter = p.func("main.filter", 20);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let ch: Chan<u32> = Chan::make(&g, "ch", 0, 8);
        let tx = ch.clone();
        g.go(31, generate, move |g| async move {
            let mut i = 2;
            loop {
                tx.send(&g, i).await;
                i += 1;
            }
        });
        let mut ch = ch;
        for _ in 0..25 {
            let prime = ch.recv(&g).await.unwrap();
            out.push(prime);
            let next: Chan<u32> = Chan::make(&g, "ch1", 0, 8);
            let (input, output) = (ch.clone(), next.clone());
            g.go(36, filter, move |g| async move {
                loop {
                    let i = input.recv(&g).await.unwrap();
                    if i % prime != 0 {
                        output.send(&g, i).await;
                    }
                }
            });
            ch = next;
        }
    });
    assert_eq!(
        got.get(),
        vec![2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]
    );
}

/// test/chan/zerosize.go: channels of zero-size values work like any other.
#[test]
fn zero_size_values() {
    let p = Prog::new(13);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let ch: Chan<()> = Chan::make(&g, "done", 2, 0);
        ch.send(&g, ()).await;
        ch.send(&g, ()).await;
        out.push(ch.len());
        ch.recv(&g).await;
        ch.recv(&g).await;
        out.push(ch.len());
    });
    assert_eq!(got.get(), vec![2, 0]);
}

/// test/chan/doubleselect.go: a value sent once is received exactly once even
/// when several goroutines select on the same channels.
#[test]
fn each_value_is_received_exactly_once() {
    let p = Prog::new(14);
    let recv = p.func("main.recver", 3);
    let got = Log::default();
    let out = got.clone();
    p.run(move |g| async move {
        let a: Chan<i32> = Chan::make(&g, "a", 0, 8);
        let b: Chan<i32> = Chan::make(&g, "b", 0, 8);
        for _ in 0..4 {
            let (a, b, out) = (a.clone(), b.clone(), out.clone());
            g.go(4, recv, move |g| async move {
                loop {
                    let mut s = Select::new();
                    let ra = s.recv(&a);
                    let rb = s.recv(&b);
                    let i = s.wait(&g).await;
                    let v = if i == ra.index() { ra.take() } else { rb.take() };
                    out.push(v.unwrap());
                }
            });
        }
        for i in 0..200 {
            if i % 2 == 0 {
                a.send(&g, i).await
            } else {
                b.send(&g, i).await
            }
        }
        sim_runtime::sleep(&g, sim_runtime::Duration(1)).await;
    });
    let mut v = got.get();
    v.sort();
    assert_eq!(v, (0..200).collect::<Vec<_>>());
}
