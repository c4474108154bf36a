//! `sync.Once`, and the built-ins a `defer` can call (`defer close(done)`).
//!
//! A `sync.Once` value is shared by its copies, as the interpreter's `sync.Mutex` is:
//! `Do` runs `f` once, under the Once's own mutex, so that a second caller waits until
//! the first call's `f` has returned (in `sync.Mutex.Lock`, as in Go, where it is the
//! Once's `m`). Go marks the Once done even when `f` panics; so does this.

use std::cell::Cell;
use std::rc::Rc;

use sim_runtime::{Mutex, G};

use super::host::HostValue;
use super::{DeferredStd, Program, Res, Scope, StdCall, Value};
use crate::syntax::ast::Expr;

/// The Go type name of a `sync.Once` value.
const ONCE: &str = "sync.Once";

struct Once {
    done: Cell<bool>,
    m: Mutex,
}

/// The zero `sync.Once`.
pub(super) fn once_zero(g: &G) -> Value {
    Value::Host(Rc::new(HostValue {
        type_name: ONCE,
        data: Box::new(Once { done: Cell::new(false), m: Mutex::new(&g.sim()) }),
    }))
}

impl Program {
    /// `once.Do(f)`, or `None` when `c` is another call.
    pub(super) async fn std_sync(&self, g: &G, c: &StdCall<'_>) -> Option<Res<Value>> {
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
        g.at(c.pos.line);
        once.m.lock(g).await;
        let mut result = Ok(Value::Nil);
        if !once.done.get() {
            result = Box::pin(self.call_value(g, &f, Vec::new(), c.pos.line)).await.map(|_| Value::Nil);
            once.done.set(true);
        }
        once.m.unlock(g);
        Some(result)
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
