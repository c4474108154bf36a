//! Timer slack: ideal timers are exact, realistic ones are late as measured.

use std::cell::RefCell;
use std::rc::Rc;

use sim_runtime::{after, sleep, Duration, FuncSpec, Sim, Ticker, Time, TimerSlack};

/// Runs `rounds` of `time.Sleep(d)` and returns each round's lateness in ns.
fn sleep_lateness(slack: TimerSlack, seed: u64, d: Duration, rounds: usize) -> Vec<u64> {
    let sim = Sim::builder().seed(seed).timer_slack(slack).build();
    let main = sim.func(FuncSpec::new("main.main", "/app/main.go", 1));
    let out = Rc::new(RefCell::new(Vec::new()));
    let o = out.clone();
    sim.go_main(main, move |g| async move {
        for _ in 0..rounds {
            let t0 = g.now();
            sleep(&g, d).await;
            o.borrow_mut().push(g.now().0 - t0.0 - d.0);
        }
    });
    sim.run(Time(u64::MAX / 2));
    let v = out.borrow().clone();
    v
}

#[test]
fn ideal_timers_fire_exactly_on_time() {
    assert!(sleep_lateness(TimerSlack::Ideal, 1, Duration::from_millis(25), 50).iter().all(|&l| l == 0));
}

#[test]
fn realistic_sleeps_are_late_by_the_measured_amounts() {
    let mut late = sleep_lateness(TimerSlack::Realistic, 1, Duration::from_millis(25), 400);
    late.sort_unstable();
    let q = |p: f64| late[(p * (late.len() - 1) as f64) as usize];
    // Measured for 10–100 ms sleeps on Go 1.24.4 and 1.19.8 (see slack.rs).
    assert!((136_000..=276_000).contains(&q(0.1)), "p10 {}", q(0.1));
    assert!((193_000..=402_000).contains(&q(0.5)), "p50 {}", q(0.5));
    assert!((250_000..=2_981_000).contains(&q(0.9)), "p90 {}", q(0.9));
    assert!(late[0] > 0 && *late.last().unwrap() <= 2_000_000);
    let mut short = sleep_lateness(TimerSlack::Realistic, 1, Duration::from_millis(1), 400);
    short.sort_unstable();
    assert!((92_000..=137_000).contains(&short[200]), "1 ms p50 {}", short[200]);
}

#[test]
fn slack_is_deterministic_per_seed() {
    let a = sleep_lateness(TimerSlack::Realistic, 7, Duration::from_millis(10), 20);
    assert_eq!(a, sleep_lateness(TimerSlack::Realistic, 7, Duration::from_millis(10), 20));
    assert_ne!(a, sleep_lateness(TimerSlack::Realistic, 8, Duration::from_millis(10), 20));
}

#[test]
fn a_late_ticker_stays_on_its_schedule() {
    let sim = Sim::builder().timer_slack(TimerSlack::Realistic).build();
    let main = sim.func(FuncSpec::new("main.main", "/app/main.go", 1));
    let out = Rc::new(RefCell::new(Vec::new()));
    let o = out.clone();
    sim.go_main(main, move |g| async move {
        let t = Ticker::new(&g, Duration::from_millis(25));
        for _ in 0..200 {
            t.c.recv(&g).await;
            o.borrow_mut().push(g.now().0);
        }
        t.stop();
        // time.After is a one-shot timer: late, too.
        let t0 = g.now();
        after(&g, Duration::from_millis(50)).recv(&g).await;
        o.borrow_mut().push(g.now().0 - t0.0);
    });
    sim.run(Time(u64::MAX / 2));
    let v = out.borrow();
    for (k, &at) in v[..200].iter().enumerate() {
        let due = (k as u64 + 1) * 25_000_000;
        // Each tick is late by at most the measured 1.05 ms, never by the sum.
        assert!(at > due && at - due <= 1_050_000, "tick {k} at {at}");
    }
    assert!(v[200] > 50_000_000 && v[200] <= 52_000_000);
}
