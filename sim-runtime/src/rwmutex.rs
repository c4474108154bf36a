//! `sync.RWMutex`, modelled on Go 1.24's `sync/rwmutex.go` counter for counter:
//! `readerCount` goes negative while a writer is pending, so that a blocked `Lock`
//! keeps new readers out (writer preference); `readerWait` counts the readers the
//! writer still waits for; writers queue on an inner `sync.Mutex` (`rw.w`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context as TaskCx, Poll};

use crate::funcs::{lines, Loc};
use crate::goroutine::{PrimId, WaitReason};
use crate::sim::{set_waker, SimHandle, Waiter, G};
use crate::sync::Mutex;

/// Go's `rwmutexMaxReaders`.
const MAX_READERS: i32 = 1 << 30;

/// A runtime semaphore (`readerSem`, `writerSem`): a count and FIFO waiters.
#[derive(Default)]
struct Sema {
    count: Cell<u32>,
    waiters: RefCell<VecDeque<Rc<Waiter>>>,
}

impl Sema {
    /// `runtime_Semrelease`: wakes the first waiter, or banks the release.
    fn release(&self, g: &G) {
        loop {
            let next = self.waiters.borrow_mut().pop_front();
            match next {
                Some(w) if w.is_waiting() => {
                    g.inner.st.borrow_mut().fire(&w, 0);
                    return;
                }
                Some(_) => continue,
                None => {
                    self.count.set(self.count.get() + 1);
                    return;
                }
            }
        }
    }

    /// `semacquire1`: parks in `reason` with `frames` until released.
    async fn acquire(&self, g: &G, id: PrimId, reason: WaitReason, frames: &[Loc]) {
        if self.count.get() > 0 {
            self.count.set(self.count.get() - 1);
            return;
        }
        let w = g.waiter();
        self.waiters.borrow_mut().push_back(w.clone());
        g.inner.st.borrow_mut().park(g.slot, reason, frames, &[id]);
        Fired(&w).await;
        g.inner.st.borrow_mut().unpark(g.slot, frames.len());
    }
}

/// Until `w` has been fired.
struct Fired<'a>(&'a Rc<Waiter>);

impl Future for Fired<'_> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<()> {
        if self.0.is_waiting() {
            set_waker(self.0, cx);
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

struct RwCore {
    id: PrimId,
    w: Mutex,
    reader_count: Cell<i32>,
    reader_wait: Cell<i32>,
    reader_sem: Sema,
    writer_sem: Sema,
}

/// A `sync.RWMutex`. Copies share the lock.
#[derive(Clone)]
pub struct RwMutex {
    core: Rc<RwCore>,
}

impl RwMutex {
    /// A new, unlocked RWMutex (declare it global with [`SimHandle::global`] if Go's is).
    pub fn new(sim: &SimHandle) -> RwMutex {
        let id = sim.inner.st.borrow_mut().new_prim();
        RwMutex {
            core: Rc::new(RwCore {
                id,
                w: Mutex::new(sim),
                reader_count: Cell::new(0),
                reader_wait: Cell::new(0),
                reader_sem: Sema::default(),
                writer_sem: Sema::default(),
            }),
        }
    }

    /// The RWMutex's identity, for leak reasoning.
    pub fn id(&self) -> PrimId {
        self.core.id
    }

    /// Readers holding or waiting for the lock, as Go's `readerCount` (negative while a writer is pending).
    pub fn reader_count(&self) -> i32 {
        self.core.reader_count.get()
    }

    /// `rw.RLock()`: parks in `[sync.RWMutex.RLock]` while a writer holds or waits for the lock.
    pub async fn rlock(&self, g: &G) {
        let c = &self.core;
        g.hold(c.id);
        let n = c.reader_count.get() + 1;
        c.reader_count.set(n);
        if n < 0 {
            let s = &g.inner.std;
            let frames = [
                Loc { func: s.rw_rlock, line: lines::RW_RLOCK },
                Loc { func: s.sema_rw_r, line: lines::SEMA_RW_R },
                Loc { func: s.semacquire1, line: lines::SEMACQUIRE1 },
                Loc { func: s.goparkunlock, line: lines::GOPARKUNLOCK },
                Loc { func: s.gopark, line: lines::GOPARK },
            ];
            c.reader_sem.acquire(g, c.id, WaitReason::SyncRWMutexRLock, &frames).await;
        }
    }

    /// `rw.RUnlock()`. Without a read lock held: `fatal error: sync: RUnlock of unlocked RWMutex`,
    /// the run's outcome, and `false` (the goroutine must not go on).
    pub fn runlock(&self, g: &G) -> bool {
        let c = &self.core;
        g.hold(c.id);
        let r = c.reader_count.get() - 1;
        c.reader_count.set(r);
        if r >= 0 {
            return true;
        }
        if r + 1 == 0 || r + 1 == -MAX_READERS {
            c.reader_count.set(r + 1);
            let s = g.inner.std;
            let top = [
                Loc { func: s.rw_runlock, line: lines::RW_RUNLOCK },
                Loc { func: s.rw_runlock_slow, line: lines::RW_RUNLOCK_SLOW },
                Loc { func: s.sync_fatal_rw, line: lines::SYNC_FATAL_RW },
            ];
            g.inner.go_fatal(g.slot, "sync: RUnlock of unlocked RWMutex", &top);
            return false;
        }
        let wait = c.reader_wait.get() - 1;
        c.reader_wait.set(wait);
        if wait == 0 {
            // The last reader lets the writer in.
            c.writer_sem.release(g);
        }
        true
    }

    /// `rw.Lock()`: waits in `[sync.Mutex.Lock]` behind another writer, then in
    /// `[sync.RWMutex.Lock]` until the readers that came before it have left.
    pub async fn lock(&self, g: &G) {
        let c = &self.core;
        g.hold(c.id);
        let s = g.inner.std;
        c.w.lock_from(g, Loc { func: s.rw_lock, line: lines::RW_LOCK_W }).await;
        let r = c.reader_count.get();
        c.reader_count.set(r - MAX_READERS);
        if r != 0 {
            let wait = c.reader_wait.get() + r;
            c.reader_wait.set(wait);
            if wait != 0 {
                let frames = [
                    Loc { func: s.rw_lock, line: lines::RW_LOCK },
                    Loc { func: s.sema_rw, line: lines::SEMA_RW },
                    Loc { func: s.semacquire1, line: lines::SEMACQUIRE1 },
                    Loc { func: s.goparkunlock, line: lines::GOPARKUNLOCK },
                    Loc { func: s.gopark, line: lines::GOPARK },
                ];
                c.writer_sem.acquire(g, c.id, WaitReason::SyncRWMutexLock, &frames).await;
            }
        }
    }

    /// `rw.Unlock()`: lets in the readers that queued meanwhile, then the next writer.
    /// Without the write lock held: `fatal error: sync: Unlock of unlocked RWMutex`
    /// and `false`, as [`RwMutex::runlock`].
    pub fn unlock(&self, g: &G) -> bool {
        let c = &self.core;
        g.hold(c.id);
        let r = c.reader_count.get() + MAX_READERS;
        if r >= MAX_READERS {
            let s = g.inner.std;
            let top = [
                Loc { func: s.rw_unlock, line: lines::RW_UNLOCK },
                Loc { func: s.sync_fatal_rw, line: lines::SYNC_FATAL_RW },
            ];
            g.inner.go_fatal(g.slot, "sync: Unlock of unlocked RWMutex", &top);
            return false;
        }
        c.reader_count.set(r);
        for _ in 0..r {
            c.reader_sem.release(g);
        }
        c.w.unlock(g)
    }
}
