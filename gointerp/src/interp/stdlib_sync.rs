//! `sync.Once` and `sync.RWMutex`, and the built-ins a `defer` can call (`defer close(done)`).
//!
//! A `sync.Once` value is shared by its copies, as the interpreter's `sync.Mutex` is:
//! `Do` runs `f` once, under the Once's own mutex, so that a second caller waits until
//! the first call's `f` has returned (in `sync.Mutex.Lock`, as in Go, where it is the
//! Once's `m`). Go marks the Once done even when `f` panics; so does this. The frames are
//! Go 1.24.4's: `sync.(*Once).Do(...)` (inlined) at once.go:69, `sync.(*Once).doSlow` at
//! :74 while it waits for the mutex and at :78 while `f` (a real frame: a call through a
//! function value) runs.

use std::cell::Cell;
use std::rc::Rc;

use sim_runtime::{FuncId, FuncSpec, Mutex, PrimId, RwMutex, G, GOROOT_SRC};

use super::host::HostValue;
use super::{DeferredStd, Program, Res, Scope, StdCall, Value};
use crate::syntax::ast::Expr;

/// The Go type name of a `sync.Once` value.
const ONCE: &str = "sync.Once";

struct Once {
    done: Cell<bool>,
    m: Mutex,
    // `sync.(*Once).Do` (inlined) and `sync.(*Once).doSlow`.
    frames: (FuncId, FuncId),
}

/// Lines of Go 1.24.4's `sync/once.go`: `o.doSlow(f)` in `Do`, `doSlow`'s `func`, its
/// `o.m.Lock()` and its `f()`.
const ONCE_DO_SLOW: u32 = 69;
const ONCE_DO_SLOW_DECL: u32 = 73;
const ONCE_LOCK: u32 = 74;
const ONCE_CALL: u32 = 78;

/// The zero `sync.Once`.
pub(super) fn once_zero(g: &G) -> Value {
    let sim = g.sim();
    let file = format!("{GOROOT_SRC}sync/once.go");
    let frames = (
        sim.func(FuncSpec::new("sync.(*Once).Do", file.clone(), 52).inlined()),
        // The receiver, then f's funcval (a static address for a declared function).
        sim.func(FuncSpec::new("sync.(*Once).doSlow", file, ONCE_DO_SLOW_DECL).args("P?, 0x4c2f58")),
    );
    Value::Host(Rc::new(HostValue {
        type_name: ONCE,
        data: Box::new(Once { done: Cell::new(false), m: Mutex::new(&sim), frames }),
    }))
}

/// The Go type name of a `sync.RWMutex` value.
const RWMUTEX: &str = "sync.RWMutex";

/// The zero `sync.RWMutex`: sim-runtime's, shared by the value's copies as a
/// `sync.Mutex` is.
pub(super) fn rwmutex_zero(g: &G) -> Value {
    Value::Host(Rc::new(HostValue { type_name: RWMUTEX, data: Box::new(RwMutex::new(&g.sim())) }))
}

/// The primitive behind a `sync.RWMutex` value, for leak reasoning (a global one
/// is reachable for as long as the program runs).
pub(super) fn sync_prim(v: &Value) -> Option<PrimId> {
    match v {
        Value::Host(h) => h.data.downcast_ref::<RwMutex>().map(RwMutex::id),
        _ => None,
    }
}

impl Program {
    /// `once.Do(f)` and the RWMutex's methods, or `None` when `c` is another call.
    pub(super) async fn std_sync(&self, g: &G, c: &StdCall<'_>) -> Option<Res<Value>> {
        if c.callee.0 == "(sync.RWMutex)" {
            return Some(self.rwmutex_call(g, c).await);
        }
        if c.callee.0 != "(sync.Once)" || c.callee.1 != "Do" {
            return None;
        }
        let recv = match c.recv.as_ref() {
            Some(Value::Ptr(p)) => p.borrow().clone(),
            Some(v) => v.clone(),
            None => Value::Nil,
        };
        let Value::Host(h) = &recv else { return Some(self.unsupported(c.pos, "sync.Once.Do")) };
        let Some(once) = h.data.downcast_ref::<Once>() else { return Some(self.unsupported(c.pos, "sync.Once.Do")) };
        if once.done.get() {
            return Some(Ok(Value::Nil));
        }
        let f = c.args.first().cloned().unwrap_or(Value::Nil);
        g.enter(c.pos.line, once.frames.0);
        g.enter(ONCE_DO_SLOW, once.frames.1);
        g.at(ONCE_LOCK);
        once.m.lock(g).await;
        let mut result = Ok(Value::Nil);
        if !once.done.get() {
            result = match &f {
                Value::Func(clo) => {
                    g.enter(ONCE_CALL, clo.outline);
                    let r = Box::pin(self.call_closure(g, clo, Vec::new(), ONCE_CALL)).await;
                    g.leave();
                    r
                }
                f => Box::pin(self.call_value(g, f, Vec::new(), ONCE_CALL)).await,
            }
            .map(|_| Value::Nil);
            once.done.set(true);
        }
        once.m.unlock(g);
        g.leave();
        g.leave();
        Some(result)
    }

    /// `rw.RLock()`, `rw.RUnlock()`, `rw.Lock()`, `rw.Unlock()`.
    async fn rwmutex_call(&self, g: &G, c: &StdCall<'_>) -> Res<Value> {
        let recv = match c.recv.as_ref() {
            Some(Value::Ptr(p)) => p.borrow().clone(),
            Some(v) => v.clone(),
            None => Value::Nil,
        };
        let what = format!("sync.RWMutex.{}", c.callee.1);
        let Value::Host(h) = &recv else { return self.unsupported(c.pos, &what) };
        let Some(rw) = h.data.downcast_ref::<RwMutex>() else { return self.unsupported(c.pos, &what) };
        g.at(c.pos.line);
        let ok = match c.callee.1.as_str() {
            "RLock" => {
                rw.rlock(g).await;
                true
            }
            "RUnlock" => rw.runlock(g),
            "Lock" => {
                rw.lock(g).await;
                true
            }
            "Unlock" => rw.unlock(g),
            _ => return self.unsupported(c.pos, &what),
        };
        if !ok {
            // A fatal error ended the run: this goroutine goes no further.
            sim_runtime::Never.await;
        }
        Ok(Value::Nil)
    }

    /// A deferred call of a built-in: `defer close(ch)`, its argument evaluated now, as
    /// Go evaluates a deferred call's arguments. `None` for any other deferred call.
    pub(super) async fn defer_builtin(&self, g: &G, env: &Rc<Scope>, call: &Expr) -> Res<Option<DeferredStd>> {
        let Expr::Call { fun, args, .. } = call else { return Ok(None) };
        let Expr::Ident(id) = super::strip(fun) else { return Ok(None) };
        if id.name != "close" || env.lookup(&id.name).is_some() || self.funcs.contains_key(&id.name) || args.len() != 1
        {
            return Ok(None);
        }
        let ch = self.eval(g, env, &args[0]).await?;
        Ok(Some(DeferredStd {
            callee: ("builtin".to_string(), "close".to_string()),
            recv: None,
            args: vec![ch],
            arg_types: Rc::from(vec![None]),
            pos: call.pos(),
        }))
    }

    /// A deferred built-in running: `close(ch)`.
    pub(super) async fn std_builtin(&self, g: &G, c: &StdCall<'_>) -> Option<Res<Value>> {
        if c.callee.0 != "builtin" || c.callee.1 != "close" {
            return None;
        }
        g.at(c.pos.line);
        Some(match c.args.first() {
            Some(Value::Chan(ch)) if ch.id().is_none() => self.raise(g, "close of nil channel").await,
            Some(Value::Chan(ch)) => {
                ch.close(g);
                Ok(Value::Nil)
            }
            _ => self.unsupported(c.pos, "close of this value"),
        })
    }
}
