//! Go's `select`: any number of send and receive cases and an optional `default`.
//! Among several ready cases one is chosen uniformly at random from the seeded
//! generator, as `runtime.selectgo` does with its random poll order.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context as TaskCx, Poll};

use crate::chan::{chan_frames, deliver, take, Chan};
use crate::funcs::{lines, Loc};
use crate::goroutine::{PrimId, WaitReason};
use crate::sim::{set_waker, State, Waiter, G};

enum Try {
    NotReady,
    Done,
    SendOnClosed,
}

trait Case {
    fn prim(&self) -> Option<PrimId>;
    fn is_send(&self) -> bool;
    fn try_complete(&mut self, st: &mut State) -> Try;
    fn enqueue(&mut self, w: &Rc<Waiter>, case: i32);
    fn dequeue(&mut self, w: &Rc<Waiter>);
}

struct SendCase<T> {
    ch: Chan<T>,
    value: Option<T>,
}

impl<T: 'static> Case for SendCase<T> {
    fn prim(&self) -> Option<PrimId> {
        self.ch.id()
    }
    fn is_send(&self) -> bool {
        true
    }
    fn try_complete(&mut self, st: &mut State) -> Try {
        let Some(core) = &self.ch.core else { return Try::NotReady };
        let mut cs = core.st.borrow_mut();
        if cs.closed {
            return Try::SendOnClosed;
        }
        let v = self.value.take().expect("select case used once");
        match deliver(st, &mut cs, v) {
            Ok(()) => Try::Done,
            Err(v) => {
                self.value = Some(v);
                Try::NotReady
            }
        }
    }
    fn enqueue(&mut self, w: &Rc<Waiter>, case: i32) {
        if let (Some(core), Some(v)) = (&self.ch.core, self.value.take()) {
            core.enqueue_send(w, case, v);
        }
    }
    fn dequeue(&mut self, w: &Rc<Waiter>) {
        if let Some(core) = &self.ch.core {
            self.value = core.dequeue(w);
        }
    }
}

struct RecvCase<T> {
    ch: Chan<T>,
    slot: Rc<RefCell<Option<T>>>,
}

impl<T: 'static> Case for RecvCase<T> {
    fn prim(&self) -> Option<PrimId> {
        self.ch.id()
    }
    fn is_send(&self) -> bool {
        false
    }
    fn try_complete(&mut self, st: &mut State) -> Try {
        let Some(core) = &self.ch.core else { return Try::NotReady };
        let mut cs = core.st.borrow_mut();
        match take(st, &mut cs) {
            Ok(v) => {
                *self.slot.borrow_mut() = v;
                Try::Done
            }
            Err(()) => Try::NotReady,
        }
    }
    fn enqueue(&mut self, w: &Rc<Waiter>, case: i32) {
        if let Some(core) = &self.ch.core {
            core.enqueue_recv(w, case, self.slot.clone());
        }
    }
    fn dequeue(&mut self, w: &Rc<Waiter>) {
        if let Some(core) = &self.ch.core {
            core.dequeue(w);
        }
    }
}

/// The result slot of a receive case: read it after the `select` chose that case.
pub struct RecvHandle<T> {
    index: usize,
    slot: Rc<RefCell<Option<T>>>,
}

impl<T> RecvHandle<T> {
    /// The case's index, to compare with what [`Select::wait`] returned.
    pub fn index(&self) -> usize {
        self.index
    }
    /// The received value; `None` when the channel was closed (`ok == false`).
    pub fn take(&self) -> Option<T> {
        self.slot.borrow_mut().take()
    }
}

/// A `select` statement under construction.
#[derive(Default)]
pub struct Select<'a> {
    cases: Vec<Box<dyn Case + 'a>>,
    default: Option<usize>,
}

impl<'a> Select<'a> {
    /// An empty `select`.
    pub fn new() -> Self {
        Select { cases: Vec::new(), default: None }
    }

    /// Adds `case ch <- v:` and returns its index.
    pub fn send<T: 'static>(&mut self, ch: &Chan<T>, v: T) -> usize {
        self.cases.push(Box::new(SendCase { ch: ch.clone(), value: Some(v) }));
        self.cases.len() - 1
    }

    /// Adds `case v, ok := <-ch:` and returns a handle to its index and value.
    pub fn recv<T: 'static>(&mut self, ch: &Chan<T>) -> RecvHandle<T> {
        let slot = Rc::new(RefCell::new(None));
        self.cases.push(Box::new(RecvCase { ch: ch.clone(), slot: slot.clone() }));
        RecvHandle { index: self.cases.len() - 1, slot }
    }

    /// Adds `default:` and returns its index.
    pub fn default_case(&mut self) -> usize {
        let i = self.cases.len() + 1000;
        self.default = Some(i);
        i
    }

    /// Runs the `select` in goroutine `g`; resolves to the index of the chosen case.
    pub fn wait(self, g: &'a G) -> SelectFut<'a> {
        SelectFut { sel: self, g, w: None, forever: false, nframes: 0 }
    }
}

/// The future of a `select`.
pub struct SelectFut<'a> {
    sel: Select<'a>,
    g: &'a G,
    w: Option<Rc<Waiter>>,
    forever: bool,
    nframes: usize,
}

impl Unpin for SelectFut<'_> {}

impl Future for SelectFut<'_> {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<usize> {
        let g = self.g;
        let inner = &g.inner;
        if self.forever {
            return Poll::Pending;
        }
        if let Some(w) = self.w.clone() {
            if w.is_waiting() {
                set_waker(&w, cx);
                return Poll::Pending;
            }
            let chosen = w.fired.get() as usize;
            for (i, c) in self.sel.cases.iter_mut().enumerate() {
                if i != chosen {
                    c.dequeue(&w);
                }
            }
            inner.st.borrow_mut().unpark(g.slot, self.nframes);
            if w.closed.get() && self.sel.cases[chosen].is_send() {
                self.forever = true;
                inner.go_panic(g.slot, "send on closed channel");
                return Poll::Pending;
            }
            return Poll::Ready(chosen);
        }

        let mut st = inner.st.borrow_mut();
        let n = self.sel.cases.len();
        for c in &self.sel.cases {
            if let Some(p) = c.prim() {
                st.touch(g.slot, p);
            }
        }
        // Go polls the cases in a random order and takes the first ready one, which
        // picks uniformly among the ready cases.
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = st.select_rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        for &i in &order {
            match self.sel.cases[i].try_complete(&mut st) {
                Try::Done => return Poll::Ready(i),
                Try::NotReady => {}
                Try::SendOnClosed => {
                    drop(st);
                    self.forever = true;
                    inner.go_panic(g.slot, "send on closed channel");
                    return Poll::Pending;
                }
            }
        }
        if let Some(d) = self.sel.default {
            return Poll::Ready(d);
        }

        let prims: Vec<PrimId> = self.sel.cases.iter().filter_map(|c| c.prim()).collect();
        if n == 0 {
            let s = &inner.std;
            let frames = [Loc { func: s.block, line: lines::BLOCK }, Loc { func: s.gopark, line: lines::GOPARK }];
            st.park(g.slot, WaitReason::SelectNoCases, &frames, &[]);
            self.forever = true;
            return Poll::Pending;
        }
        let w = g.waiter();
        *w.waker.borrow_mut() = Some(cx.waker().clone());
        for (i, c) in self.sel.cases.iter_mut().enumerate() {
            c.enqueue(&w, i as i32);
        }
        if n == 1 {
            // The compiler turns a one-case select into a plain channel operation,
            // so Go shows `chan send` or `chan receive`, not `select`.
            let send = self.sel.cases[0].is_send();
            let nil = prims.is_empty();
            let frames = chan_frames(inner, send, false, nil);
            let reason = match (send, nil) {
                (true, false) => WaitReason::ChanSend,
                (true, true) => WaitReason::ChanSendNilChan,
                (false, false) => WaitReason::ChanReceive,
                (false, true) => WaitReason::ChanReceiveNilChan,
            };
            st.park(g.slot, reason, &frames, &prims);
            self.nframes = frames.len();
        } else {
            let s = &inner.std;
            let frames = [Loc { func: s.selectgo, line: lines::SELECTGO }, Loc { func: s.gopark, line: lines::GOPARK }];
            st.park(g.slot, WaitReason::Select, &frames, &prims);
            self.nframes = frames.len();
        }
        drop(st);
        self.w = Some(w);
        Poll::Pending
    }
}
