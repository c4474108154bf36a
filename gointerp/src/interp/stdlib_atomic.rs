//! `sync/atomic`: the functions on `*int32`, `*int64`, `*uint32`, `*uint64` and the
//! types `Int32`, `Int64`, `Uint32`, `Uint64`, `Bool` and `Value`. Goroutines are
//! fibers on one thread, so every operation is atomic already and none parks: each is
//! the plain read, write or arithmetic, with Go's wraparound (`ints.rs`). An atomic
//! type's value is shared by its copies, as the interpreter's `sync.Mutex` is (`go vet`'s
//! copylocks reports a copy, through the types' `noCopy` field, as Go's does).

use std::cell::RefCell;
use std::rc::Rc;

use sim_runtime::G;

use super::host::HostValue;
use super::ints::{self, IntKind};
use super::{equal, Program, Res, StdCall, Value};

const NIL_DEREF: &str = "runtime error: invalid memory address or nil pointer dereference";

/// The zero value of the `sync/atomic` type `name`, or `None` for one it has not.
pub(super) fn zero(name: &str) -> Option<Value> {
    let (type_name, v) = match name {
        "Int32" => ("sync/atomic.Int32", Value::Sized(0, IntKind::I32)),
        "Int64" => ("sync/atomic.Int64", Value::Int(0)),
        "Uint32" => ("sync/atomic.Uint32", Value::Sized(0, IntKind::U32)),
        "Uint64" => ("sync/atomic.Uint64", Value::Sized(0, IntKind::U64)),
        "Bool" => ("sync/atomic.Bool", Value::Bool(false)),
        "Value" => ("sync/atomic.Value", Value::Nil),
        _ => return None,
    };
    Some(Value::Host(Rc::new(HostValue { type_name, data: Box::new(RefCell::new(v)) })))
}

/// The cell an atomic value (or a pointer to one) keeps its value in.
fn cell_of(v: Option<&Value>) -> Option<Rc<HostValue>> {
    match v? {
        Value::Host(h) if h.data.is::<RefCell<Value>>() => Some(h.clone()),
        Value::Ptr(p) => cell_of(Some(&p.borrow())),
        _ => None,
    }
}

/// What `addr` (a `*int64` and the like) points to, and a way to write it.
fn load(addr: &Value) -> Option<Value> {
    match addr {
        Value::Ptr(p) => Some(p.borrow().clone()),
        Value::Elem(f, i) => f.borrow().get(*i).cloned(),
        _ => None,
    }
}

fn store(addr: &Value, v: Value) -> Option<()> {
    match addr {
        Value::Ptr(p) => *p.borrow_mut() = v,
        Value::Elem(f, i) => *f.borrow_mut().get_mut(*i)? = v,
        _ => return None,
    }
    Some(())
}

/// One operation on the value `old`: the new value to store (if any) and the result.
fn apply(op: &str, old: &Value, args: &[Value]) -> Option<(Option<Value>, Value)> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Nil);
    Some(match op {
        "Load" => (None, old.clone()),
        "Store" => (Some(arg(0)), Value::Nil),
        "Swap" => (Some(arg(0)), old.clone()),
        "Add" => {
            let new = ints::binary_ints("+", old, &arg(0))?;
            (Some(new.clone()), new)
        }
        "CompareAndSwap" => {
            if equal(old, &arg(0)) {
                (Some(arg(1)), Value::Bool(true))
            } else {
                (None, Value::Bool(false))
            }
        }
        _ => return None,
    })
}

impl Program {
    /// A call of `sync/atomic`, or `None` when `c` is another call.
    pub(super) async fn std_atomic(&self, g: &G, c: &StdCall<'_>) -> Option<Res<Value>> {
        let (pkg, name) = (c.callee.0.as_str(), c.callee.1.as_str());
        if pkg == "sync/atomic" {
            // `AddInt64(&n, 1)`: the operation is the name without its type.
            let op = ["Int32", "Int64", "Uint32", "Uint64"].iter().find_map(|t| name.strip_suffix(t))?;
            let addr = c.args.first()?;
            let Some(old) = load(addr) else {
                g.at(c.pos.line);
                return Some(self.raise(g, NIL_DEREF).await);
            };
            let Some((new, result)) = apply(op, &old, &c.args[1..]) else {
                return Some(self.unsupported(c.pos, &format!("atomic.{name}")));
            };
            if let Some(new) = new {
                store(addr, new)?;
            }
            return Some(Ok(result));
        }
        if !pkg.starts_with("(sync/atomic.") {
            return None;
        }
        let Some(h) = cell_of(c.recv.as_ref()) else {
            g.at(c.pos.line);
            return Some(self.raise(g, NIL_DEREF).await);
        };
        let cell = h.data.downcast_ref::<RefCell<Value>>()?;
        if h.type_name == "sync/atomic.Value" && matches!(name, "Store" | "Swap" | "CompareAndSwap") {
            let new = c.args.get(if name == "CompareAndSwap" { 1 } else { 0 });
            if matches!(new, Some(Value::Nil) | None) {
                g.at(c.pos.line);
                let what = if name == "Store" {
                    "store"
                } else if name == "Swap" {
                    "swap"
                } else {
                    "compare and swap"
                };
                return Some(self.raise(g, &format!("sync/atomic: {what} of nil value into Value")).await);
            }
        }
        let old = cell.borrow().clone();
        let Some((new, result)) = apply(name, &old, &c.args) else {
            return Some(self.unsupported(c.pos, &format!("{}.{name}", &pkg[1..pkg.len() - 1])));
        };
        if let Some(new) = new {
            *cell.borrow_mut() = new;
        }
        Some(Ok(result))
    }
}
