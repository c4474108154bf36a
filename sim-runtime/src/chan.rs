//! Channels with Go's semantics: unbuffered rendezvous, FIFO buffers, FIFO queues of
//! waiting senders and receivers, `close`, and nil channels that block forever.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context as TaskCx, Poll};

use crate::funcs::{lines, Loc};
use crate::goroutine::{PrimId, WaitReason};
use crate::sim::{set_waker, ChanObserve, Inner, Queue, SimHandle, State, Waiter, G};
use crate::snapshot::ChannelSnapshot;

pub(crate) struct SendEntry<T> {
    pub w: Rc<Waiter>,
    pub case: i32,
    pub value: T,
}

pub(crate) struct RecvEntry<T> {
    pub w: Rc<Waiter>,
    pub case: i32,
    pub slot: Rc<RefCell<Option<T>>>,
}

pub(crate) struct ChanState<T> {
    pub buf: Queue<T>,
    pub cap: usize,
    pub closed: bool,
    pub sendq: Queue<SendEntry<T>>,
    pub recvq: Queue<RecvEntry<T>>,
}

pub(crate) struct ChanCore<T> {
    pub id: PrimId,
    pub name: &'static str,
    pub st: RefCell<ChanState<T>>,
    /// Timer channels report `cap` 0 like Go 1.23's synchronous timer channels,
    /// while holding the one pending tick internally.
    pub timer: bool,
    buf_bytes: u64,
    chan_bytes: Rc<Cell<u64>>,
}

impl<T> Drop for ChanCore<T> {
    fn drop(&mut self) {
        self.chan_bytes.set(self.chan_bytes.get().saturating_sub(self.buf_bytes));
    }
}

/// A Go channel carrying values of type `T`. Cloning the handle clones the
/// reference, as copying a `chan T` does in Go.
pub struct Chan<T> {
    pub(crate) core: Option<Rc<ChanCore<T>>>,
}

impl<T> Clone for Chan<T> {
    fn clone(&self) -> Self {
        Chan { core: self.core.clone() }
    }
}

/// Drops entries whose waiter already completed through another `select` case.
fn pop_live_send<T>(q: &mut Queue<SendEntry<T>>) -> Option<SendEntry<T>> {
    while let Some(e) = q.pop_front() {
        if e.w.is_waiting() {
            return Some(e);
        }
    }
    None
}

fn pop_live_recv<T>(q: &mut Queue<RecvEntry<T>>) -> Option<RecvEntry<T>> {
    while let Some(e) = q.pop_front() {
        if e.w.is_waiting() {
            return Some(e);
        }
    }
    None
}

/// Removes stale entries once a queue has grown, so that abandoned `select` cases
/// cannot pile up; amortised over the pushes that grew it.
fn compact<E>(q: &mut Queue<E>, live: impl Fn(&E) -> bool) {
    let n = q.len();
    if n >= 64 && n.is_power_of_two() {
        q.retain(live);
    }
}

pub(crate) fn chan_frames(inner: &Inner, send: bool, comma_ok: bool, nil: bool) -> [Loc; 3] {
    let s = &inner.std;
    if send {
        [
            Loc { func: s.chansend1, line: lines::CHANSEND1 },
            Loc { func: s.chansend, line: if nil { lines::CHANSEND_NIL } else { lines::CHANSEND } },
            Loc { func: s.gopark, line: lines::GOPARK },
        ]
    } else {
        let (f, l) = if comma_ok { (s.chanrecv2, lines::CHANRECV2) } else { (s.chanrecv1, lines::CHANRECV1) };
        [
            Loc { func: f, line: l },
            Loc { func: s.chanrecv, line: if nil { lines::CHANRECV_NIL } else { lines::CHANRECV } },
            Loc { func: s.gopark, line: lines::GOPARK },
        ]
    }
}

impl<T: 'static> Chan<T> {
    /// `make(chan T, cap)`: a channel named `name` (the Go variable, shown in the UI).
    /// `elem_bytes` sizes the buffer in the memory estimate.
    pub fn new(sim: &SimHandle, name: &'static str, cap: usize, elem_bytes: u64) -> Chan<T> {
        Self::with_kind(&sim.inner, name, cap, elem_bytes, false, true)
    }

    pub(crate) fn with_kind(
        inner: &Rc<Inner>,
        name: &'static str,
        cap: usize,
        elem_bytes: u64,
        timer: bool,
        observe: bool,
    ) -> Chan<T> {
        let mut st = inner.st.borrow_mut();
        let id = st.new_prim();
        let buf_bytes = 96 + cap as u64 * elem_bytes;
        let chan_bytes = st.chan_bytes.clone();
        chan_bytes.set(chan_bytes.get() + buf_bytes);
        let core = Rc::new(ChanCore {
            id,
            name,
            st: RefCell::new(ChanState {
                buf: Queue::new(),
                cap,
                closed: false,
                sendq: Queue::new(),
                recvq: Queue::new(),
            }),
            timer,
            buf_bytes,
            chan_bytes,
        });
        if observe {
            let weak: std::rc::Weak<dyn ChanObserve> = Rc::downgrade(&(core.clone() as Rc<dyn ChanObserve>));
            st.register_channel(weak);
        }
        Chan { core: Some(core) }
    }

    /// A channel the UI does not list: plumbing of simulated libraries (a
    /// connection's packets, an accept queue) rather than a Go channel of the program.
    pub fn hidden(sim: &SimHandle, name: &'static str, cap: usize) -> Chan<T> {
        Self::with_kind(&sim.inner, name, cap, 0, false, false)
    }

    /// `make(chan T, cap)` inside goroutine `g`, which then holds a reference to it.
    pub fn make(g: &G, name: &'static str, cap: usize, elem_bytes: u64) -> Chan<T> {
        let ch = Self::with_kind(&g.inner, name, cap, elem_bytes, false, true);
        g.hold(ch.id().expect("made channels are not nil"));
        ch
    }

    /// A nil channel (`var ch chan T`): every send and receive on it blocks forever.
    pub fn nil() -> Chan<T> {
        Chan { core: None }
    }

    /// The channel's identity, `None` for a nil channel.
    pub fn id(&self) -> Option<PrimId> {
        self.core.as_ref().map(|c| c.id)
    }

    /// `len(ch)`: values waiting in the buffer.
    pub fn len(&self) -> usize {
        match &self.core {
            Some(c) if !c.timer => c.st.borrow().buf.len(),
            _ => 0,
        }
    }

    /// Whether `len(ch) == 0`.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `cap(ch)`.
    pub fn cap(&self) -> usize {
        match &self.core {
            Some(c) if !c.timer => c.st.borrow().cap,
            _ => 0,
        }
    }

    /// `ch <- v`. Await it: it completes once the value is handed over or buffered.
    /// Sending on a closed channel is a Go panic, which ends the run.
    pub fn send<'a>(&'a self, g: &'a G, v: T) -> Send<'a, T> {
        Send { ch: self, g, value: Some(v), w: None, forever: false }
    }

    /// `v := <-ch` (`runtime.chanrecv1`). Resolves to `None` when the channel is
    /// closed and drained (Go would give the zero value).
    pub fn recv<'a>(&'a self, g: &'a G) -> Recv<'a, T> {
        Recv { ch: self, g, comma_ok: false, reason: None, extra: None, w: None, slot: None, forever: false }
    }

    /// `v, ok := <-ch` or `for v := range ch` (`runtime.chanrecv2`): `None` means `ok == false`.
    pub fn recv_ok<'a>(&'a self, g: &'a G) -> Recv<'a, T> {
        Recv { ch: self, g, comma_ok: true, reason: None, extra: None, w: None, slot: None, forever: false }
    }

    /// A receive that library code presents differently: parks with `reason` and
    /// `frames` (innermost last) instead of the channel receive's. The virtual
    /// network uses this to show `IO wait` in `internal/poll.runtime_pollWait`.
    pub fn recv_as<'a>(&'a self, g: &'a G, reason: WaitReason, frames: Vec<Loc>) -> Recv<'a, T> {
        Recv {
            ch: self,
            g,
            comma_ok: false,
            reason: Some(reason),
            extra: Some(frames),
            w: None,
            slot: None,
            forever: false,
        }
    }

    /// A non-blocking send (`select` with `default`): gives the value back when it
    /// would block.
    pub fn try_send(&self, g: &G, v: T) -> Result<(), T> {
        let Some(core) = &self.core else { return Err(v) };
        let mut st = g.inner.st.borrow_mut();
        st.touch(g.slot, core.id);
        let mut cs = core.st.borrow_mut();
        if cs.closed {
            drop(cs);
            drop(st);
            g.inner.go_panic(g.slot, "send on closed channel");
            return Ok(());
        }
        deliver(&mut st, &mut cs, v)
    }

    /// A send from outside any goroutine (the virtual network delivering a
    /// connection or a packet): hands `v` over without blocking, or gives it back.
    pub fn offer(&self, sim: &SimHandle, v: T) -> Result<(), T> {
        let Some(core) = &self.core else { return Err(v) };
        let mut st = sim.inner.st.borrow_mut();
        let mut cs = core.st.borrow_mut();
        if cs.closed {
            return Err(v);
        }
        deliver(&mut st, &mut cs, v)
    }

    /// Closes the channel from outside any goroutine (a connection torn down by the
    /// network). Unlike `close(ch)` this never panics: closing twice is a no-op.
    pub fn close_external(&self, sim: &SimHandle) {
        if let Some(core) = &self.core {
            if !core.st.borrow().closed {
                close_core(&mut sim.inner.st.borrow_mut(), core, None);
            }
        }
    }

    /// `close(ch)`. Closing a nil or closed channel is a Go panic.
    pub fn close(&self, g: &G) {
        let Some(core) = &self.core else {
            g.inner.go_panic(g.slot, "close of nil channel");
            return;
        };
        let mut st = g.inner.st.borrow_mut();
        st.touch(g.slot, core.id);
        let cs = core.st.borrow();
        if cs.closed {
            drop(cs);
            drop(st);
            g.inner.go_panic(g.slot, "close of closed channel");
            return;
        }
        drop(cs);
        close_core(&mut st, core, Some(g.goid));
    }

    /// Whether the channel has been closed.
    pub fn is_closed(&self) -> bool {
        self.core.as_ref().is_some_and(|c| c.st.borrow().closed)
    }
}

/// Closes a channel that is known to be open: wakes every receiver (they get
/// `ok == false`) and every sender (they will panic).
pub(crate) fn close_core<T>(st: &mut State, core: &ChanCore<T>, by: Option<crate::goroutine::Goid>) {
    let mut cs = core.st.borrow_mut();
    cs.closed = true;
    if let Some(goid) = by {
        st.push_event(crate::events::EventKind::Closed { goid, chan: core.name.to_string() });
    }
    while let Some(r) = pop_live_recv(&mut cs.recvq) {
        r.w.closed.set(true);
        st.fire(&r.w, r.case);
    }
    while let Some(s) = pop_live_send(&mut cs.sendq) {
        s.w.closed.set(true);
        st.fire(&s.w, s.case);
    }
}

/// Hands `v` to a waiting receiver or the buffer; `Err(v)` if either would block.
pub(crate) fn deliver<T>(st: &mut State, cs: &mut ChanState<T>, v: T) -> Result<(), T> {
    if let Some(r) = pop_live_recv(&mut cs.recvq) {
        *r.slot.borrow_mut() = Some(v);
        st.fire(&r.w, r.case);
        return Ok(());
    }
    if cs.buf.len() < cs.cap {
        cs.buf.push_back(v);
        return Ok(());
    }
    Err(v)
}

/// Takes a value from the buffer or a waiting sender; `Err(())` if that would block.
/// `Ok(None)` means closed and drained.
pub(crate) fn take<T>(st: &mut State, cs: &mut ChanState<T>) -> Result<Option<T>, ()> {
    if let Some(s) = pop_live_send(&mut cs.sendq) {
        st.fire(&s.w, s.case);
        if cs.cap == 0 {
            return Ok(Some(s.value));
        }
        // The buffer is full: take its head and move the sender's value to its tail,
        // which keeps values in FIFO order (Go's chan.go `recv`).
        let head = cs.buf.pop_front();
        cs.buf.push_back(s.value);
        return Ok(head);
    }
    if let Some(v) = cs.buf.pop_front() {
        return Ok(Some(v));
    }
    if cs.closed {
        return Ok(None);
    }
    Err(())
}

impl<T> ChanCore<T> {
    pub(crate) fn enqueue_send(&self, w: &Rc<Waiter>, case: i32, value: T) {
        let mut cs = self.st.borrow_mut();
        cs.sendq.push_back(SendEntry { w: w.clone(), case, value });
        compact(&mut cs.sendq, |e| e.w.is_waiting());
    }
    pub(crate) fn enqueue_recv(&self, w: &Rc<Waiter>, case: i32, slot: Rc<RefCell<Option<T>>>) {
        let mut cs = self.st.borrow_mut();
        cs.recvq.push_back(RecvEntry { w: w.clone(), case, slot });
        compact(&mut cs.recvq, |e| e.w.is_waiting());
    }
    /// Removes `w`'s entries when the queue is short; long queues drop stale entries lazily.
    pub(crate) fn dequeue(&self, w: &Rc<Waiter>) -> Option<T> {
        let mut cs = self.st.borrow_mut();
        if cs.recvq.len() <= 64 {
            cs.recvq.retain(|e| !Rc::ptr_eq(&e.w, w));
        }
        if cs.sendq.len() <= 64 {
            if let Some(i) = cs.sendq.iter().position(|e| Rc::ptr_eq(&e.w, w)) {
                return cs.sendq.remove(i).map(|e| e.value);
            }
        }
        None
    }
}

impl<T> ChanObserve for ChanCore<T> {
    fn observe(&self, _inner: &Inner) -> ChannelSnapshot {
        let cs = self.st.borrow();
        ChannelSnapshot {
            id: self.id,
            name: self.name.to_string(),
            cap: cs.cap,
            len: cs.buf.len(),
            closed: cs.closed,
            senders: cs.sendq.iter().filter(|e| e.w.is_waiting()).map(|e| e.w.goid).collect(),
            receivers: cs.recvq.iter().filter(|e| e.w.is_waiting()).map(|e| e.w.goid).collect(),
        }
    }
}

/// The future of `ch <- v`.
pub struct Send<'a, T> {
    ch: &'a Chan<T>,
    g: &'a G,
    value: Option<T>,
    w: Option<Rc<Waiter>>,
    forever: bool,
}

impl<T> Unpin for Send<'_, T> {}

impl<T: 'static> Future for Send<'_, T> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<()> {
        let g = self.g;
        if self.forever {
            return Poll::Pending;
        }
        if let Some(w) = &self.w {
            if w.is_waiting() {
                set_waker(w, cx);
                return Poll::Pending;
            }
            g.inner.st.borrow_mut().unpark(g.slot, 3);
            if w.closed.get() {
                self.forever = true;
                g.inner.go_panic(g.slot, "send on closed channel");
                return Poll::Pending;
            }
            return Poll::Ready(());
        }
        let v = self.value.take().expect("send polled after completion");
        let inner = &g.inner;
        let Some(core) = &self.ch.core else {
            let frames = chan_frames(inner, true, false, true);
            inner.st.borrow_mut().park(g.slot, WaitReason::ChanSendNilChan, &frames, &[]);
            self.forever = true;
            return Poll::Pending;
        };
        let mut st = inner.st.borrow_mut();
        st.touch(g.slot, core.id);
        let mut cs = core.st.borrow_mut();
        if cs.closed {
            drop(cs);
            drop(st);
            self.forever = true;
            inner.go_panic(g.slot, "send on closed channel");
            return Poll::Pending;
        }
        match deliver(&mut st, &mut cs, v) {
            Ok(()) => Poll::Ready(()),
            Err(v) => {
                let w = g.waiter();
                *w.waker.borrow_mut() = Some(cx.waker().clone());
                cs.sendq.push_back(SendEntry { w: w.clone(), case: 0, value: v });
                compact(&mut cs.sendq, |e| e.w.is_waiting());
                drop(cs);
                let frames = chan_frames(inner, true, false, false);
                st.park(g.slot, WaitReason::ChanSend, &frames, &[core.id]);
                self.w = Some(w);
                Poll::Pending
            }
        }
    }
}

/// The future of `<-ch`.
pub struct Recv<'a, T> {
    ch: &'a Chan<T>,
    g: &'a G,
    comma_ok: bool,
    reason: Option<WaitReason>,
    extra: Option<Vec<Loc>>,
    w: Option<Rc<Waiter>>,
    slot: Option<Rc<RefCell<Option<T>>>>,
    forever: bool,
}

impl<T> Unpin for Recv<'_, T> {}

impl<T: 'static> Future for Recv<'_, T> {
    type Output = Option<T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<Option<T>> {
        let g = self.g;
        if self.forever {
            return Poll::Pending;
        }
        if let Some(w) = &self.w {
            if w.is_waiting() {
                set_waker(w, cx);
                return Poll::Pending;
            }
            let n = self.extra.as_ref().map_or(3, |f| f.len());
            g.inner.st.borrow_mut().unpark(g.slot, n);
            let v = self.slot.as_ref().and_then(|s| s.borrow_mut().take());
            return Poll::Ready(v);
        }
        let inner = &g.inner;
        let Some(core) = &self.ch.core else {
            let frames = chan_frames(inner, false, self.comma_ok, true);
            inner.st.borrow_mut().park(g.slot, WaitReason::ChanReceiveNilChan, &frames, &[]);
            self.forever = true;
            return Poll::Pending;
        };
        let mut st = inner.st.borrow_mut();
        st.touch(g.slot, core.id);
        let mut cs = core.st.borrow_mut();
        match take(&mut st, &mut cs) {
            Ok(v) => Poll::Ready(v),
            Err(()) => {
                let w = g.waiter();
                *w.waker.borrow_mut() = Some(cx.waker().clone());
                let slot = Rc::new(RefCell::new(None));
                cs.recvq.push_back(RecvEntry { w: w.clone(), case: 0, slot: slot.clone() });
                compact(&mut cs.recvq, |e| e.w.is_waiting());
                drop(cs);
                match (&self.extra, self.reason) {
                    (Some(frames), Some(reason)) => st.park(g.slot, reason, frames, &[core.id]),
                    _ => {
                        let frames = chan_frames(inner, false, self.comma_ok, false);
                        st.park(g.slot, WaitReason::ChanReceive, &frames, &[core.id]);
                    }
                }
                drop(st);
                self.w = Some(w);
                self.slot = Some(slot);
                Poll::Pending
            }
        }
    }
}
