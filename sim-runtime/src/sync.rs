//! `sync.WaitGroup` and `sync.Mutex`.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context as TaskCx, Poll};

use crate::funcs::{lines, Loc};
use crate::goroutine::{PrimId, WaitReason};
use crate::sim::{set_waker, SimHandle, Waiter, G};

struct WgCore {
    id: PrimId,
    count: Cell<i64>,
    waiters: RefCell<Vec<Rc<Waiter>>>,
}

/// A `sync.WaitGroup`.
#[derive(Clone)]
pub struct WaitGroup {
    core: Rc<WgCore>,
}

impl WaitGroup {
    /// A new WaitGroup (declare it global with [`SimHandle::global`] if Go's is).
    pub fn new(sim: &SimHandle) -> WaitGroup {
        let id = sim.inner.st.borrow_mut().new_prim();
        WaitGroup { core: Rc::new(WgCore { id, count: Cell::new(0), waiters: RefCell::new(Vec::new()) }) }
    }

    /// The WaitGroup's identity, for leak reasoning.
    pub fn id(&self) -> PrimId {
        self.core.id
    }

    /// `wg.Add(n)`. A negative counter is a Go panic.
    pub fn add(&self, g: &G, n: i64) {
        self.add_via(g, n, &[]);
    }

    /// `wg.Add(n)` called from the frames `outer` (`wg.Done()`'s), for the panic's stack.
    fn add_via(&self, g: &G, n: i64, outer: &[Loc]) {
        g.hold(self.core.id);
        let c = self.core.count.get() + n;
        self.core.count.set(c);
        if c < 0 {
            let mut top = outer.to_vec();
            top.push(Loc { func: g.inner.std.wg_add, line: lines::WG_ADD_PANIC });
            g.inner.go_panic_in(g.slot, "sync: negative WaitGroup counter", &top);
            return;
        }
        if c == 0 {
            let waiters = std::mem::take(&mut *self.core.waiters.borrow_mut());
            let mut st = g.inner.st.borrow_mut();
            for w in waiters.iter().filter(|w| w.is_waiting()) {
                st.fire(w, 0);
            }
        }
    }

    /// `wg.Done()`.
    pub fn done(&self, g: &G) {
        self.add_via(g, -1, &[Loc { func: g.inner.std.wg_done, line: lines::WG_DONE }]);
    }

    /// The counter.
    pub fn count(&self) -> i64 {
        self.core.count.get()
    }

    /// `wg.Wait()`: parks in `[sync.WaitGroup.Wait]` until the counter is zero.
    pub fn wait<'a>(&'a self, g: &'a G) -> WgWait<'a> {
        WgWait { wg: self, g, w: None }
    }
}

fn wg_frames(g: &G) -> [Loc; 5] {
    let s = &g.inner.std;
    [
        Loc { func: s.wg_wait, line: lines::WG_WAIT },
        Loc { func: s.sema_wg, line: lines::SEMA_WG },
        Loc { func: s.semacquire1, line: lines::SEMACQUIRE1 },
        Loc { func: s.goparkunlock, line: lines::GOPARKUNLOCK },
        Loc { func: s.gopark, line: lines::GOPARK },
    ]
}

/// The future of `wg.Wait()`.
pub struct WgWait<'a> {
    wg: &'a WaitGroup,
    g: &'a G,
    w: Option<Rc<Waiter>>,
}

impl Future for WgWait<'_> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<()> {
        let g = self.g;
        if let Some(w) = &self.w {
            if w.is_waiting() {
                set_waker(w, cx);
                return Poll::Pending;
            }
            g.inner.st.borrow_mut().unpark(g.slot, 5);
            return Poll::Ready(());
        }
        g.hold(self.wg.core.id);
        if self.wg.core.count.get() == 0 {
            return Poll::Ready(());
        }
        let w = g.waiter();
        *w.waker.borrow_mut() = Some(cx.waker().clone());
        self.wg.core.waiters.borrow_mut().push(w.clone());
        let frames = wg_frames(g);
        g.inner.st.borrow_mut().park(g.slot, WaitReason::SyncWaitGroupWait, &frames, &[self.wg.core.id]);
        self.w = Some(w);
        Poll::Pending
    }
}

struct MutexCore {
    id: PrimId,
    locked: Cell<bool>,
    waiters: RefCell<std::collections::VecDeque<Rc<Waiter>>>,
}

/// A `sync.Mutex`. Waiters are served in FIFO order (Go's starvation mode; its
/// normal mode lets a running goroutine barge in, which a single-threaded
/// simulation has no use for).
#[derive(Clone)]
pub struct Mutex {
    core: Rc<MutexCore>,
}

impl Mutex {
    /// A new, unlocked Mutex.
    pub fn new(sim: &SimHandle) -> Mutex {
        let id = sim.inner.st.borrow_mut().new_prim();
        Mutex { core: Rc::new(MutexCore { id, locked: Cell::new(false), waiters: RefCell::new(Default::default()) }) }
    }

    /// The Mutex's identity.
    pub fn id(&self) -> PrimId {
        self.core.id
    }

    /// Whether it is locked.
    pub fn is_locked(&self) -> bool {
        self.core.locked.get()
    }

    /// `mu.Lock()`.
    pub fn lock<'a>(&'a self, g: &'a G) -> Lock<'a> {
        Lock { m: self, g, w: None, outer: None }
    }

    /// `mu.Lock()` called from the runtime frame `outer` (`sync.(*RWMutex).Lock`'s `rw.w.Lock()`).
    pub(crate) fn lock_from<'a>(&'a self, g: &'a G, outer: Loc) -> Lock<'a> {
        Lock { m: self, g, w: None, outer: Some(outer) }
    }

    /// `mu.Unlock()`. Unlocking an unlocked Mutex is a fatal error in Go, not a
    /// panic: `fatal error: sync: unlock of unlocked mutex`, every goroutine's
    /// stack, exit status 2; then `false` (the goroutine must not go on).
    pub fn unlock(&self, g: &G) -> bool {
        if !self.core.locked.get() {
            let s = g.inner.std;
            let top = [
                Loc { func: s.mutex_unlock, line: lines::MUTEX_UNLOCK },
                Loc { func: s.internal_mutex_unlock, line: lines::INTERNAL_MUTEX_UNLOCK },
                Loc { func: s.mutex_unlock_slow, line: lines::MUTEX_UNLOCK_SLOW },
                Loc { func: s.sync_fatal, line: lines::SYNC_FATAL },
            ];
            g.inner.go_fatal(g.slot, "sync: unlock of unlocked mutex", &top);
            return false;
        }
        let next = loop {
            match self.core.waiters.borrow_mut().pop_front() {
                Some(w) if w.is_waiting() => break Some(w),
                Some(_) => continue,
                None => break None,
            }
        };
        match next {
            // Hand the lock straight to the next waiter.
            Some(w) => g.inner.st.borrow_mut().fire(&w, 0),
            None => self.core.locked.set(false),
        }
        true
    }
}

/// The future of `mu.Lock()`.
pub struct Lock<'a> {
    m: &'a Mutex,
    g: &'a G,
    w: Option<Rc<Waiter>>,
    outer: Option<Loc>,
}

impl Future for Lock<'_> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<()> {
        let g = self.g;
        if let Some(w) = &self.w {
            if w.is_waiting() {
                set_waker(w, cx);
                return Poll::Pending;
            }
            g.inner.st.borrow_mut().unpark(g.slot, 7 + usize::from(self.outer.is_some()));
            return Poll::Ready(());
        }
        g.hold(self.m.core.id);
        if !self.m.core.locked.get() {
            self.m.core.locked.set(true);
            return Poll::Ready(());
        }
        let w = g.waiter();
        *w.waker.borrow_mut() = Some(cx.waker().clone());
        self.m.core.waiters.borrow_mut().push_back(w.clone());
        let s = &g.inner.std;
        // Go 1.24 moved the Mutex into internal/sync; sync.Mutex.Lock wraps it inline.
        let mut frames = Vec::with_capacity(8);
        frames.extend(self.outer);
        frames.extend([
            Loc { func: s.mutex_lock, line: lines::MUTEX_LOCK },
            Loc { func: s.internal_mutex_lock, line: lines::INTERNAL_MUTEX_LOCK },
            Loc { func: s.mutex_lock_slow, line: lines::MUTEX_LOCK_SLOW },
            Loc { func: s.sema_mutex, line: lines::SEMA_MUTEX },
            Loc { func: s.semacquire1, line: lines::SEMACQUIRE1 },
            Loc { func: s.goparkunlock, line: lines::GOPARKUNLOCK },
            Loc { func: s.gopark, line: lines::GOPARK },
        ]);
        g.inner.st.borrow_mut().park(g.slot, WaitReason::SyncMutexLock, &frames, &[self.m.core.id]);
        self.w = Some(w);
        Poll::Pending
    }
}
