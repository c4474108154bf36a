//! `context.Context`: `Background`, `WithCancel`, `WithTimeout`, `WithDeadline`,
//! `Done` and `Err`, with cancellation flowing from parents to children.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::{Rc, Weak};

use crate::chan::{close_core, Chan};
use crate::goroutine::PrimId;
use crate::sim::{Inner, TimerAction, G};
use crate::time::{Duration, Time};
use crate::timer::Deadline;

/// Why a context ended, as `ctx.Err()` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum CtxErr {
    /// `context.Canceled`: "context canceled".
    Canceled,
    /// `context.DeadlineExceeded`: "context deadline exceeded".
    DeadlineExceeded,
}

impl fmt::Display for CtxErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CtxErr::Canceled => "context canceled",
            CtxErr::DeadlineExceeded => "context deadline exceeded",
        })
    }
}

pub(crate) struct CtxCore {
    done: Chan<()>,
    err: Cell<Option<CtxErr>>,
    children: RefCell<Vec<Weak<CtxCore>>>,
    deadline: Option<Time>,
    timer: RefCell<Option<Rc<Deadline<CtxCore>>>>,
}

impl CtxCore {
    fn cancel(&self, inner: &Inner, err: CtxErr) {
        if self.err.get().is_some() {
            return;
        }
        self.err.set(Some(err));
        if let Some(t) = self.timer.borrow_mut().take() {
            t.seq.set(0);
        }
        if let Some(core) = &self.done.core {
            let mut st = inner.st.borrow_mut();
            close_core(&mut st, core, None);
        }
        let children: Vec<Weak<CtxCore>> = std::mem::take(&mut *self.children.borrow_mut());
        for c in children.iter().filter_map(Weak::upgrade) {
            c.cancel(inner, err);
        }
    }

    fn prim(&self) -> Option<PrimId> {
        self.done.id()
    }
}

/// A `context.Context`. `Context::background()` is never canceled and its `Done`
/// is a nil channel, as in Go.
#[derive(Clone, Default)]
pub struct Context {
    core: Option<Rc<CtxCore>>,
}

/// The `cancel` function returned by `WithCancel`, `WithTimeout` and `WithDeadline`.
#[derive(Clone)]
pub struct CancelFunc {
    core: Rc<CtxCore>,
    inner: Rc<Inner>,
}

impl CancelFunc {
    /// Calls `cancel()`: the context and its children end with `context canceled`
    /// (unless they already ended).
    pub fn cancel(&self) {
        self.core.cancel(&self.inner, CtxErr::Canceled);
    }
}

impl Context {
    /// `context.Background()`.
    pub fn background() -> Context {
        Context { core: None }
    }

    /// `ctx.Done()`: a channel closed when the context ends (nil for Background).
    pub fn done(&self) -> Chan<()> {
        match &self.core {
            Some(c) => c.done.clone(),
            None => Chan::nil(),
        }
    }

    /// `ctx.Err()`: `None` while the context is live.
    pub fn err(&self) -> Option<CtxErr> {
        self.core.as_ref().and_then(|c| c.err.get())
    }

    /// `ctx.Deadline()`.
    pub fn deadline(&self) -> Option<Time> {
        self.core.as_ref().and_then(|c| c.deadline)
    }

    /// The identity of the context's Done channel, for leak reasoning.
    pub fn id(&self) -> Option<PrimId> {
        self.core.as_ref().and_then(|c| c.prim())
    }

    fn child(&self, g: &G, deadline: Option<Time>) -> (Context, CancelFunc) {
        let inner = &g.inner;
        let done: Chan<()> = Chan::with_kind(inner, "ctx.Done()", 0, 0, false, false);
        // A child's deadline is never later than its parent's.
        let deadline = match (deadline, self.deadline()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let core = Rc::new(CtxCore {
            done,
            err: Cell::new(None),
            children: RefCell::new(Vec::new()),
            deadline,
            timer: RefCell::new(None),
        });
        let cancel = CancelFunc { core: core.clone(), inner: inner.clone() };
        if let Some(p) = core.prim() {
            g.hold(p);
        }
        if let Some(parent) = &self.core {
            if let Some(err) = parent.err.get() {
                core.cancel(inner, err);
            } else {
                parent.children.borrow_mut().push(Rc::downgrade(&core));
                let mut st = inner.st.borrow_mut();
                if let (Some(pp), Some(cp)) = (parent.prim(), core.prim()) {
                    st.ctx_edges.push((pp, cp));
                }
            }
        }
        if core.err.get().is_none() {
            if let Some(when) = deadline {
                let now = g.now();
                if when <= now {
                    core.cancel(inner, CtxErr::DeadlineExceeded);
                } else {
                    let t = Rc::new(Deadline {
                        target: Rc::downgrade(&core),
                        seq: Cell::new(0),
                        prim: core.prim().unwrap_or(PrimId(0)),
                        on_fire: |c: &CtxCore, inner: &Inner| c.cancel(inner, CtxErr::DeadlineExceeded),
                    });
                    // context.WithDeadline arms a runtime timer (time.AfterFunc),
                    // which is as late as any other.
                    let kind = crate::slack::TimerKind::OneShot(crate::time::Duration(when.0 - now.0));
                    let seq = inner.st.borrow_mut().add_program_timer(when, kind, TimerAction::Fire(t.clone()));
                    t.seq.set(seq);
                    *core.timer.borrow_mut() = Some(t);
                }
            }
        }
        (Context { core: Some(core) }, cancel)
    }

    /// `context.WithCancel(ctx)`.
    pub fn with_cancel(&self, g: &G) -> (Context, CancelFunc) {
        self.child(g, None)
    }

    /// `context.WithTimeout(ctx, d)`.
    pub fn with_timeout(&self, g: &G, d: Duration) -> (Context, CancelFunc) {
        let when = g.now().after(d);
        self.child(g, Some(when))
    }

    /// `context.WithDeadline(ctx, t)`.
    pub fn with_deadline(&self, g: &G, t: Time) -> (Context, CancelFunc) {
        self.child(g, Some(t))
    }
}
