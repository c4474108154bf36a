//! Arrays: `[N]T` values (`Value::Array`, its elements owned by the variable that
//! holds it, copied on every read as Go copies arrays: assignment, passing, `range`),
//! `[...]T{…}` and keyed literals, indexing and element assignment in place (through
//! fields, elements and pointers to arrays), `len`/`cap`, `==`, and slicing, whose
//! slices share the array's elements as Go's do.

use std::cell::RefCell;
use std::rc::Rc;

use sim_runtime::G;

use super::slices::SliceV;
use super::{ints, BoxFut, Fields, Program, Res, Scope, Value};
use crate::check::types::Type;
use crate::syntax::ast::Expr;

impl Program {
    /// Whether `x`'s static type is an array or a pointer to one.
    pub(super) fn is_array(&self, x: &Expr) -> bool {
        let types = &self.checker.types;
        match self.static_type(x).as_ref().map(|t| types.under(t)) {
            Some(Type::Array(..)) => true,
            Some(Type::Pointer(p)) => matches!(types.under(p), Type::Array(..)),
            _ => false,
        }
    }

    /// The elements of the array `x` denotes or points to, without copying them: what
    /// `x[i] = v` and `x[i:j]` change and share.
    pub(super) fn array_of<'a>(&'a self, g: &'a G, env: &'a Rc<Scope>, x: &'a Expr) -> BoxFut<'a, Res<Fields>> {
        Box::pin(async move {
            let v = match super::strip(x) {
                Expr::Ident(id) if env.lookup(&id.name).is_some() => {
                    env.lookup(&id.name).map(|c| c.borrow().clone()).unwrap_or(Value::Nil)
                }
                Expr::Selector { x: inner, sel }
                    if self.static_type(inner).and_then(|t| self.field_index(&t, &sel.name)).is_some() =>
                {
                    let i = self.static_type(inner).and_then(|t| self.field_index(&t, &sel.name)).unwrap_or(0);
                    let f = self.struct_of(g, env, inner).await?;
                    let v = f.borrow()[i].clone();
                    v
                }
                Expr::Index { x: outer, index, .. } => {
                    let items = self.elements_of(g, env, outer).await?;
                    let i = self.eval(g, env, index).await?;
                    self.element_at(g, x, &items, &i).await?.clone()
                }
                _ => self.eval(g, env, x).await?,
            };
            match v {
                Value::Array(f) => Ok(f),
                Value::Ptr(p) => match &*p.borrow() {
                    Value::Array(f) => Ok(f.clone()),
                    _ => self.unsupported(x.pos(), "this pointer"),
                },
                Value::Nil => {
                    g.at(x.pos().line);
                    self.raise(g, "runtime error: invalid memory address or nil pointer dereference").await
                }
                _ => self.unsupported(x.pos(), "this array"),
            }
        })
    }

    /// The elements of the slice or array `x`, shared (not copied).
    pub(super) async fn elements_of(&self, g: &G, env: &Rc<Scope>, x: &Expr) -> Res<SliceV> {
        if self.is_array(x) {
            let f = self.array_of(g, env, x).await?;
            let n = f.borrow().len();
            return Ok(SliceV::of(f, 0, n, n));
        }
        match self.eval(g, env, x).await? {
            Value::Slice(s) => Ok(s),
            Value::Nil => Ok(SliceV::nil()),
            _ => self.unsupported(x.pos(), "this element"),
        }
    }

    /// `items[i]` (not copied), or Go's index panic at `at`'s line.
    pub(super) async fn element_at(&self, g: &G, at: &Expr, items: &SliceV, i: &Value) -> Res<Value> {
        let i = ints::index_of(i).unwrap_or(-1);
        let len = items.len();
        match usize::try_from(i).ok().and_then(|i| items.borrow().get(i).cloned()) {
            Some(v) => Ok(v),
            None => {
                g.at(at.pos().line);
                self.raise(g, &format!("runtime error: index out of range [{i}] with length {len}")).await
            }
        }
    }

    /// `x[index] = v` for an array `x` (or a pointer to one): in place.
    pub(super) async fn store_array(&self, g: &G, env: &Rc<Scope>, x: &Expr, index: &Expr, v: Value) -> Res<()> {
        let f = self.array_of(g, env, x).await?;
        let i = self.eval(g, env, index).await?;
        let i = ints::index_of(&i).unwrap_or(-1);
        let len = f.borrow().len();
        match usize::try_from(i).ok().filter(|&i| i < len) {
            Some(i) => {
                f.borrow_mut()[i] = v;
                Ok(())
            }
            None => {
                g.at(index.pos().line);
                self.raise(g, &format!("runtime error: index out of range [{i}] with length {len}")).await
            }
        }
    }

    /// The zero `[n]T`.
    pub(super) fn array_zero(&self, g: &G, n: u64, elem: &Type) -> Value {
        let zero = self.zero(elem, g);
        Value::Array(Rc::new(RefCell::new((0..n).map(|_| super::copy_val(&zero)).collect())))
    }

    /// An array literal `[n]T{…}` (keys are constant indices; the checker has found `n`).
    pub(super) async fn array_literal(&self, g: &G, env: &Rc<Scope>, n: u64, elem: &Type, elts: &[Expr]) -> Res<Value> {
        let Value::Array(items) = self.array_zero(g, n, elem) else { unreachable!("an array's zero") };
        let mut index = 0usize;
        for el in elts {
            let value = match el {
                Expr::KeyValue { key, value } => {
                    let k = self.eval(g, env, key).await?;
                    index = ints::index_of(&k).and_then(|k| usize::try_from(k).ok()).unwrap_or(usize::MAX);
                    value.as_ref()
                }
                el => el,
            };
            let v = self.element(g, env, elem, value).await?;
            match items.borrow_mut().get_mut(index) {
                Some(slot) => *slot = v,
                None => return self.unsupported(el.pos(), "this array element"),
            }
            index += 1;
        }
        Ok(Value::Array(items))
    }
}
