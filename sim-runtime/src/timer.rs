//! `time.Sleep`, `time.After`, `time.NewTimer`, `time.AfterFunc` and `time.NewTicker` on
//! the virtual clock.
//!
//! Timers follow Go 1.23 and later: a timer or ticker nobody references any more
//! is collected even if it was never stopped, its channel reports `cap` 0, and
//! `Stop`/`Reset` discard a tick that was not received yet.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context as TaskCx, Poll};

use crate::chan::{deliver, Chan, ChanCore};
use crate::funcs::{lines, Loc};
use crate::goroutine::{PrimId, WaitReason};
use crate::sim::{set_waker, Inner, SimHandle, TimerAction, TimerTarget, Waiter, G};
use crate::slack::TimerKind;
use crate::time::{Duration, Time};

/// `time.Sleep(d)`: parks the goroutine in `[sleep]` for `d` of virtual time.
pub fn sleep(g: &G, d: Duration) -> Sleep<'_> {
    Sleep { g, d, w: None }
}

/// The future of `time.Sleep`.
pub struct Sleep<'a> {
    g: &'a G,
    d: Duration,
    w: Option<Rc<Waiter>>,
}

impl Future for Sleep<'_> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<()> {
        let g = self.g;
        if let Some(w) = &self.w {
            if w.is_waiting() {
                set_waker(w, cx);
                return Poll::Pending;
            }
            let mut st = g.inner.st.borrow_mut();
            st.unpark(g.slot, 2);
            st.rec_mut(g.slot).sleep_arg = 0;
            return Poll::Ready(());
        }
        if self.d.0 == 0 {
            // Go's time.Sleep returns at once for a zero or negative duration.
            return Poll::Ready(());
        }
        let w = g.waiter();
        *w.waker.borrow_mut() = Some(cx.waker().clone());
        let s = &g.inner.std;
        let frames = [Loc { func: s.time_sleep, line: lines::TIME_SLEEP }, Loc { func: s.gopark, line: lines::GOPARK }];
        let mut st = g.inner.st.borrow_mut();
        let when = st.now.after(self.d);
        st.add_program_timer(when, TimerKind::OneShot(self.d), TimerAction::Wake(w.clone()));
        st.rec_mut(g.slot).sleep_arg = self.d.0;
        st.park(g.slot, WaitReason::Sleep, &frames, &[]);
        drop(st);
        self.w = Some(w);
        Poll::Pending
    }
}

/// What `time.AfterFunc`'s timer calls when it fires: the code that starts the
/// function's goroutine (see [`SimHandle::go_from_runtime`]).
type OnFire = Rc<dyn Fn(&SimHandle)>;

/// The runtime side of a timer: which channel it feeds and which arming is current.
struct TimerCore {
    ch: Weak<ChanCore<Time>>,
    prim: Option<PrimId>,
    /// The sequence number of the current arming; 0 when stopped.
    seq: Cell<u64>,
    period: Option<Duration>,
    /// `time.AfterFunc`'s timer has no channel: it calls this instead. The runtime's
    /// timer heap holds such a timer until it fires or is stopped, referenced or not.
    func: Option<(Weak<Inner>, OnFire)>,
}

impl TimerTarget for TimerCore {
    fn fire(&self, inner: &Inner, now: Time, due: Time, _seq: u64) -> Option<Time> {
        if let Some((sim, f)) = &self.func {
            self.seq.set(0);
            if let Some(inner) = sim.upgrade() {
                f(&SimHandle { inner });
            }
            return None;
        }
        if let Some(core) = self.ch.upgrade() {
            let mut st = inner.st.borrow_mut();
            let mut cs = core.st.borrow_mut();
            // A tick nobody has taken yet is not doubled up: like Go's tickers,
            // slow receivers miss ticks instead of queueing them.
            let _ = deliver(&mut st, &mut cs, now);
        }
        match self.period {
            // Go's ticker stays on its schedule: the next tick is due a period
            // after this one was due, skipping any tick it is already too late for.
            Some(p) => {
                let late = now.0.saturating_sub(due.0);
                Some(Time(due.0 + p.0 * (1 + late / p.0.max(1))))
            }
            None => {
                self.seq.set(0);
                None
            }
        }
    }
    fn prim(&self) -> Option<PrimId> {
        self.prim
    }
    fn is_current(&self, seq: u64) -> bool {
        self.seq.get() == seq && (self.func.is_some() || self.ch.strong_count() > 0)
    }
}

fn arm(inner: &Rc<Inner>, d: Duration, period: Option<Duration>, name: &'static str) -> (Chan<Time>, Rc<TimerCore>) {
    let ch: Chan<Time> = Chan::with_kind(inner, name, 1, 8, true, false);
    let core = ch.core.as_ref().expect("timer channels are not nil");
    let t = Rc::new(TimerCore { ch: Rc::downgrade(core), prim: Some(core.id), seq: Cell::new(0), period, func: None });
    let mut st = inner.st.borrow_mut();
    let when = st.now.after(d);
    let kind = if period.is_some() { TimerKind::Tick } else { TimerKind::OneShot(d) };
    let seq = st.add_program_timer(when, kind, TimerAction::Fire(t.clone()));
    t.seq.set(seq);
    (ch, t)
}

/// `time.After(d)`: a channel that receives the time once `d` has passed.
pub fn after(g: &G, d: Duration) -> Chan<Time> {
    let (ch, _core) = arm(&g.inner, d, None, "time.After");
    if let Some(p) = ch.id() {
        g.hold(p);
    }
    ch
}

/// `time.NewTimer(d)` or `time.AfterFunc(d, f)`.
pub struct Timer {
    /// `t.C` (nil for `AfterFunc`'s timer).
    pub c: Chan<Time>,
    core: Rc<TimerCore>,
    inner: Rc<Inner>,
}

impl Timer {
    /// `time.NewTimer(d)`.
    pub fn new(g: &G, d: Duration) -> Timer {
        let (c, core) = arm(&g.inner, d, None, "time.Timer.C");
        if let Some(p) = c.id() {
            g.hold(p);
        }
        Timer { c, core, inner: g.inner.clone() }
    }

    /// `time.AfterFunc(d, f)`: once `d` has passed (and again after each `Reset`), the
    /// runtime calls `on_fire`, which starts the goroutine that runs the program's `f`
    /// ([`SimHandle::go_from_runtime`] at [`Std::time_gofunc`](crate::Std), as Go's
    /// `time.goFunc` does). `t.C` is nil.
    pub fn after_func(g: &G, d: Duration, on_fire: impl Fn(&SimHandle) + 'static) -> Timer {
        let core = Rc::new(TimerCore {
            ch: Weak::new(),
            prim: None,
            seq: Cell::new(0),
            period: None,
            func: Some((Rc::downgrade(&g.inner), Rc::new(on_fire))),
        });
        let mut st = g.inner.st.borrow_mut();
        let when = st.now.after(d);
        let seq = st.add_program_timer(when, TimerKind::OneShot(d), TimerAction::Fire(core.clone()));
        core.seq.set(seq);
        drop(st);
        Timer { c: Chan::nil(), core, inner: g.inner.clone() }
    }

    /// `t.Stop()`: true if the call stopped a timer that had not fired yet.
    pub fn stop(&self) -> bool {
        let was = self.core.seq.get() != 0;
        self.core.seq.set(0);
        self.drain();
        was
    }

    /// `t.Reset(d)`: true if the timer had been active.
    pub fn reset(&self, d: Duration) -> bool {
        let was = self.stop();
        let mut st = self.inner.st.borrow_mut();
        let when = st.now.after(d);
        let seq = st.add_program_timer(when, TimerKind::OneShot(d), TimerAction::Fire(self.core.clone()));
        self.core.seq.set(seq);
        was
    }

    fn drain(&self) {
        if let Some(c) = &self.c.core {
            c.st.borrow_mut().buf.clear();
        }
    }
}

/// `time.NewTicker(d)`.
pub struct Ticker {
    /// `t.C`.
    pub c: Chan<Time>,
    core: Rc<TimerCore>,
    inner: Rc<Inner>,
}

impl Ticker {
    /// `time.NewTicker(d)`; `d` must be positive (Go panics otherwise, so this
    /// raises that panic in `g`).
    pub fn new(g: &G, d: Duration) -> Ticker {
        if d.0 == 0 {
            g.inner.go_panic(g.slot, "non-positive interval for NewTicker");
        }
        let d = Duration(d.0.max(1));
        let (c, core) = arm(&g.inner, d, Some(d), "time.Ticker.C");
        if let Some(p) = c.id() {
            g.hold(p);
        }
        Ticker { c, core, inner: g.inner.clone() }
    }

    /// `t.Stop()`.
    pub fn stop(&self) {
        self.core.seq.set(0);
        if let Some(c) = &self.c.core {
            c.st.borrow_mut().buf.clear();
        }
    }

    /// `t.Reset(d)`.
    pub fn reset(&self, d: Duration) {
        self.stop();
        let d = Duration(d.0.max(1));
        let mut st = self.inner.st.borrow_mut();
        let when = st.now.after(d);
        let seq = st.add_program_timer(when, TimerKind::Tick, TimerAction::Fire(self.core.clone()));
        self.core.seq.set(seq);
    }
}

/// A timer target that calls back into a context when its deadline passes.
pub(crate) struct Deadline<T: ?Sized> {
    pub target: Weak<T>,
    pub seq: Cell<u64>,
    pub prim: PrimId,
    pub on_fire: fn(&T, &Inner),
}

impl<T: ?Sized> TimerTarget for Deadline<T> {
    fn fire(&self, inner: &Inner, _now: Time, _due: Time, _seq: u64) -> Option<Time> {
        if let Some(t) = self.target.upgrade() {
            (self.on_fire)(&t, inner);
        }
        None
    }
    fn prim(&self) -> Option<PrimId> {
        Some(self.prim)
    }
    fn is_current(&self, seq: u64) -> bool {
        self.seq.get() == seq && self.target.strong_count() > 0
    }
}
