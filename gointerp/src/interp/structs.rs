//! Struct types, pointers and methods: composite literals, field reads and writes,
//! `&x` and `*p`, method values with value and pointer receivers (Go's automatic
//! `&x` and `*p` at a method call), and how `fmt` prints a struct.

use super::slices::SliceV;
use std::cell::RefCell;
use std::rc::Rc;

use sim_runtime::G;

use super::{copy_val, equal, format_plain, strip, BoxFut, Closure, Fields, Program, Res, Scope, Value};
use crate::check::types::Type;
use crate::syntax::ast::{Expr, Ident};

const NIL_DEREF: &str = "runtime error: invalid memory address or nil pointer dereference";

impl Program {
    /// The index of field `name` in the struct `t` is (or points to), if `t` is one of
    /// the program's structs (the standard library's, such as `http.Request`, are
    /// the host's values).
    pub(super) fn field_index(&self, t: &Type, name: &str) -> Option<usize> {
        let types = &self.checker.types;
        let base = match types.under(t) {
            Type::Pointer(inner) => inner.as_ref(),
            _ => t,
        };
        if let Type::Named(i) = base {
            if types.named[*i].pkg != "main" {
                return None;
            }
        }
        match types.under(base) {
            Type::Struct(fields) => fields.iter().position(|f| f.name == name),
            _ => None,
        }
    }

    /// Whether `sel` is a method of the program's type `t` (or of the type `t` points to).
    pub(super) fn is_method(&self, t: &Type, sel: &str) -> bool {
        let named = match t {
            Type::Named(i) => *i,
            Type::Pointer(inner) => match inner.as_ref() {
                Type::Named(i) => *i,
                _ => return false,
            },
            _ => return false,
        };
        let n = &self.checker.types.named[named];
        // Only the program's own types have methods of the program.
        n.pkg == "main" && self.methods.contains_key(&(n.name.clone(), sel.to_string()))
    }

    /// The zero value of a struct with `fields`' types.
    pub(super) fn struct_zero(&self, g: &G, fields: &[crate::check::types::FieldT]) -> Value {
        Value::Struct(Rc::new(RefCell::new(fields.iter().map(|f| self.zero(&f.typ, g)).collect())))
    }

    /// The fields of the struct `x` denotes or points to, without copying them: what
    /// an assignment to `x.f` changes.
    pub(super) fn struct_of<'a>(&'a self, g: &'a G, env: &'a Rc<Scope>, x: &'a Expr) -> BoxFut<'a, Res<Fields>> {
        Box::pin(async move {
            let v = match strip(x) {
                Expr::Ident(id) if env.lookup(&id.name).is_some() => {
                    env.lookup(&id.name).map(|c| c.borrow().clone()).unwrap_or(Value::Nil)
                }
                Expr::Selector { x: inner, sel } => {
                    match self.static_type(inner).and_then(|t| self.field_index(&t, &sel.name)) {
                        Some(i) => {
                            let f = self.struct_of(g, env, inner).await?;
                            let v = f.borrow()[i].clone();
                            v
                        }
                        None => self.eval(g, env, x).await?,
                    }
                }
                Expr::Index { x: s, index, .. } => {
                    let items = self.elements_of(g, env, s).await?;
                    let i = self.eval(g, env, index).await?;
                    self.element_at(g, x, &items, &i).await?
                }
                _ => self.eval(g, env, x).await?,
            };
            match v {
                Value::Struct(f) => Ok(f),
                Value::Ptr(p) => match &*p.borrow() {
                    Value::Struct(f) => Ok(f.clone()),
                    _ => self.unsupported(x.pos(), "this pointer"),
                },
                Value::Nil => {
                    g.at(x.pos().line);
                    self.raise(g, NIL_DEREF).await
                }
                _ => self.unsupported(x.pos(), "this struct"),
            }
        })
    }

    /// `x.sel` for a field or method of the program's types; `None` when `x.sel` is
    /// something else (a host value's field).
    pub(super) async fn select(&self, g: &G, env: &Rc<Scope>, x: &Expr, sel: &Ident) -> Res<Option<Value>> {
        let Some(t) = self.static_type(x) else { return Ok(None) };
        if let Some(i) = self.field_index(&t, &sel.name) {
            let f = self.at_field(&t, &sel.name, self.struct_of(g, env, x)).await?;
            let v = copy_val(&f.borrow()[i]);
            return Ok(Some(v));
        }
        let (tname, is_ptr) = match &t {
            Type::Named(i) => (self.checker.types.named[*i].name.clone(), false),
            Type::Pointer(inner) => match inner.as_ref() {
                Type::Named(i) => (self.checker.types.named[*i].name.clone(), true),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let Some(&(pos, ptr_recv)) = self.methods.get(&(tname, sel.name.clone())) else { return Ok(None) };
        let recv = match (ptr_recv, is_ptr) {
            (true, true) | (false, false) => self.eval(g, env, x).await?,
            // Go takes the address of an addressable value for a pointer method.
            (true, false) => self.address_of(g, env, x).await?,
            // And dereferences a pointer for a value method.
            (false, true) => match self.eval(g, env, x).await? {
                Value::Ptr(p) => copy_val(&p.borrow()),
                _ => {
                    g.at(x.pos().line);
                    return self.raise(g, NIL_DEREF).await;
                }
            },
        };
        Ok(Some(Value::Func(Rc::new(Closure {
            code: self.code[&pos].clone(),
            env: self.globals.clone(),
            func: self.func_ids[&pos],
            outline: self.outline(pos),
            recv: Some(recv),
        }))))
    }

    /// `&x`.
    pub(super) fn address_of<'a>(&'a self, g: &'a G, env: &'a Rc<Scope>, x: &'a Expr) -> BoxFut<'a, Res<Value>> {
        Box::pin(async move {
            match strip(x) {
                Expr::Ident(id) => match env.lookup(&id.name) {
                    Some(cell) => {
                        // A WaitGroup or Mutex value is already shared: its address is itself.
                        if matches!(&*cell.borrow(), Value::Wg(_) | Value::Mutex(_)) {
                            return Ok(cell.borrow().clone());
                        }
                        Ok(Value::Ptr(cell))
                    }
                    None => self.unsupported(x.pos(), "the address of this variable"),
                },
                Expr::Composite { .. } => Ok(Value::Ptr(Rc::new(RefCell::new(self.eval(g, env, x).await?)))),
                // `&s.count`: a field that is not a struct.
                Expr::Selector { x: inner, sel }
                    if self.static_type(inner).and_then(|t| self.field_index(&t, &sel.name)).is_some()
                        && !matches!(
                            self.static_type(x).as_ref().map(|t| self.checker.types.under(t)),
                            Some(Type::Struct(_))
                        ) =>
                {
                    let i = self.static_type(inner).and_then(|t| self.field_index(&t, &sel.name)).unwrap_or(0);
                    let f = self.struct_of(g, env, inner).await?;
                    if let v @ Value::Host(_) = &f.borrow()[i] {
                        // A standard library value shared by its copies (`sync/atomic`'s): its address is itself.
                        return Ok(v.clone());
                    }
                    Ok(Value::Elem(f, i))
                }
                // `&counts[i]`: an element that is not a struct.
                Expr::Index { x: items, index, .. }
                    if matches!(
                        self.static_type(items).as_ref().map(|t| self.checker.types.under(t)),
                        Some(Type::Slice(elem)) if !matches!(self.checker.types.under(elem), Type::Struct(_))
                    ) =>
                {
                    let (s, i) = (self.eval(g, env, items).await?, self.eval(g, env, index).await?);
                    let Value::Slice(s) = s else { return self.unsupported(x.pos(), "the address of this element") };
                    let len = s.borrow().len();
                    match super::ints::index_of(&i).and_then(|i| usize::try_from(i).ok()).filter(|&i| i < len) {
                        Some(i) => Ok(Value::Elem(s.array(), s.offset() + i)),
                        None => {
                            g.at(x.pos().line);
                            let i = super::ints::int_of(&i).unwrap_or(0);
                            self.raise(g, &format!("runtime error: index out of range [{i}] with length {len}")).await
                        }
                    }
                }
                _ => match self.eval(g, env, x).await? {
                    v @ (Value::Wg(_) | Value::Mutex(_)) => Ok(v),
                    // The address of a struct field or element: a pointer sharing its
                    // fields, so that a pointer method changes them in place.
                    Value::Struct(_) => match self.struct_of(g, env, x).await {
                        Ok(f) => Ok(Value::Ptr(Rc::new(RefCell::new(Value::Struct(f))))),
                        Err(e) => Err(e),
                    },
                    _ => self.unsupported(x.pos(), "the address of this expression"),
                },
            }
        })
    }

    /// A composite literal `e` of type `t`.
    pub(super) fn composite<'a>(
        &'a self,
        g: &'a G,
        env: &'a Rc<Scope>,
        t: &'a Type,
        e: &'a Expr,
    ) -> BoxFut<'a, Res<Value>> {
        Box::pin(async move {
            let Expr::Composite { elts, .. } = e else { return self.unsupported(e.pos(), "this literal") };
            let types = &self.checker.types;
            match types.under(t).clone() {
                Type::Struct(fields) => {
                    let Value::Struct(vals) = self.struct_zero(g, &fields) else { unreachable!("a struct's zero") };
                    for (k, el) in elts.iter().enumerate() {
                        let (i, value) = match el {
                            Expr::KeyValue { key, value } => {
                                let Expr::Ident(name) = key.as_ref() else {
                                    return self.unsupported(el.pos(), "this field");
                                };
                                (fields.iter().position(|f| f.name == name.name), value.as_ref())
                            }
                            v => (Some(k), v),
                        };
                        let Some(i) = i else { return self.unsupported(el.pos(), "this field") };
                        let v = self.element(g, env, &fields[i].typ, value).await?;
                        vals.borrow_mut()[i] = v;
                    }
                    Ok(Value::Struct(vals))
                }
                Type::Slice(elem) => {
                    let mut items = Vec::with_capacity(elts.len());
                    for el in elts {
                        items.push(self.element(g, env, &elem, el).await?);
                    }
                    Ok(Value::Slice(SliceV::new(items)))
                }
                Type::Map(_, elem) => {
                    let mut entries: Vec<(Value, Value)> = Vec::new();
                    for el in elts {
                        let Expr::KeyValue { key, value } = el else {
                            return self.unsupported(el.pos(), "this map literal");
                        };
                        let k = self.eval(g, env, key).await?;
                        let v = self.element(g, env, &elem, value).await?;
                        match entries.iter_mut().find(|(x, _)| equal(x, &k)) {
                            Some(entry) => entry.1 = v,
                            None => entries.push((k, v)),
                        }
                    }
                    Ok(Value::Map(Some(Rc::new(RefCell::new(entries)))))
                }
                Type::Array(n, elem) => self.array_literal(g, env, n, &elem, elts).await,
                Type::Pointer(inner) => {
                    let v = self.composite(g, env, &inner, e).await?;
                    Ok(Value::Ptr(Rc::new(RefCell::new(v))))
                }
                _ => self.unsupported(e.pos(), "this literal"),
            }
        })
    }

    /// An element of a literal of element type `t`: a literal whose type is elided
    /// (`[]point{{1, 2}}`) has that type.
    pub(super) async fn element(&self, g: &G, env: &Rc<Scope>, t: &Type, el: &Expr) -> Res<Value> {
        match el {
            Expr::Composite { typ: None, .. } => self.composite(g, env, t, el).await,
            _ => self.eval(g, env, el).await,
        }
    }

    /// `x.f = v` and `*p = v`; `false` when `target` is neither.
    pub(super) async fn store_through(&self, g: &G, env: &Rc<Scope>, target: &Expr, v: Value) -> Res<bool> {
        match strip(target) {
            Expr::Selector { x, sel } => {
                let Some(i) = self.static_type(x).and_then(|t| self.field_index(&t, &sel.name)) else {
                    return Ok(false);
                };
                let f = self.struct_of(g, env, x).await?;
                f.borrow_mut()[i] = v;
                Ok(true)
            }
            Expr::Star { x, .. } => match self.eval(g, env, x).await? {
                Value::Ptr(p) => {
                    *p.borrow_mut() = v;
                    Ok(true)
                }
                Value::Elem(f, i) => {
                    if let Some(slot) = f.borrow_mut().get_mut(i) {
                        *slot = v;
                    }
                    Ok(true)
                }
                _ => {
                    g.at(target.pos().line);
                    return self.raise(g, NIL_DEREF).await;
                }
            },
            _ => Ok(false),
        }
    }

    /// `*p`.
    pub(super) async fn deref(&self, g: &G, env: &Rc<Scope>, e: &Expr, p: &Expr) -> Res<Value> {
        match self.eval(g, env, p).await? {
            Value::Ptr(cell) => Ok(copy_val(&cell.borrow())),
            Value::Elem(f, i) => Ok(f.borrow().get(i).map(copy_val).unwrap_or(Value::Nil)),
            _ => {
                g.at(e.pos().line);
                return self.raise(g, NIL_DEREF).await;
            }
        }
    }

    /// A struct as `fmt` prints it with `%v` (`plus`: `%+v`, with field names), `t`
    /// its static type; a pointer to one as `&{…}`.
    pub(super) fn format_struct(&self, t: Option<&Type>, v: &Value, plus: bool) -> Option<String> {
        let types = &self.checker.types;
        let (fields, amp, t) = match v {
            Value::Struct(f) => (f.clone(), "", t.cloned()),
            Value::Ptr(p) => match &*p.borrow() {
                Value::Struct(f) => (
                    f.clone(),
                    "&",
                    t.and_then(|t| match types.under(t) {
                        Type::Pointer(inner) => Some((**inner).clone()),
                        _ => None,
                    }),
                ),
                _ => return None,
            },
            _ => return None,
        };
        let names: Vec<String> = match t.as_ref().map(|t| types.under(t)) {
            Some(Type::Struct(fs)) => fs.iter().map(|f| f.name.clone()).collect(),
            _ => Vec::new(),
        };
        let field_types: Vec<Option<Type>> = match t.as_ref().map(|t| types.under(t)) {
            Some(Type::Struct(fs)) => fs.iter().map(|f| Some(f.typ.clone())).collect(),
            _ => Vec::new(),
        };
        let mut parts = Vec::new();
        for (i, f) in fields.borrow().iter().enumerate() {
            let text = match f {
                Value::Struct(_) => self.format_struct(field_types.get(i).and_then(|t| t.as_ref()), f, plus)?,
                f => format_plain(f)?,
            };
            match (plus, names.get(i)) {
                (true, Some(n)) => parts.push(format!("{n}:{text}")),
                _ => parts.push(text),
            }
        }
        Some(format!("{amp}{{{}}}", parts.join(" ")))
    }
}

/// Every name a function literal's body mentions: a superset of the variables it
/// captures (Go captures only those, so a goroutine started from a literal keeps no
/// more of its creator's variables alive than it uses).
pub(super) fn names_in(body: &crate::syntax::ast::Block, out: &mut std::collections::BTreeSet<String>) {
    for s in &body.stmts {
        stmt_names(s, out);
    }
}

fn stmt_names(s: &crate::syntax::ast::Stmt, out: &mut std::collections::BTreeSet<String>) {
    use crate::syntax::ast::{Decl, Stmt};
    let e = |x: &Expr, out: &mut std::collections::BTreeSet<String>| expr_names(x, out);
    match s {
        Stmt::Decl { decl: Decl::Var(specs), .. } | Stmt::Decl { decl: Decl::Const(specs), .. } => {
            for sp in specs {
                sp.values.iter().for_each(|x| e(x, out));
            }
        }
        Stmt::Decl { .. } | Stmt::Branch { .. } | Stmt::Empty { .. } => {}
        Stmt::TypeSwitch { init, x, cases, .. } => {
            if let Some(i) = init {
                stmt_names(i, out);
            }
            e(x, out);
            for c in cases {
                c.body.iter().for_each(|s| stmt_names(s, out));
            }
        }
        Stmt::Labeled { stmt, .. } => stmt_names(stmt, out),
        Stmt::Expr(x) | Stmt::IncDec { x, .. } => e(x, out),
        Stmt::Send { ch, value, .. } => {
            e(ch, out);
            e(value, out);
        }
        Stmt::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs).for_each(|x| e(x, out)),
        Stmt::Go { call, .. } | Stmt::Defer { call, .. } => e(call, out),
        Stmt::Return { results, .. } => results.iter().for_each(|x| e(x, out)),
        Stmt::Block(b) => names_in(b, out),
        Stmt::If { init, cond, then, els, .. } => {
            if let Some(i) = init {
                stmt_names(i, out);
            }
            e(cond, out);
            names_in(then, out);
            if let Some(x) = els {
                stmt_names(x, out);
            }
        }
        Stmt::Switch { init, tag, cases, .. } => {
            if let Some(i) = init {
                stmt_names(i, out);
            }
            if let Some(t) = tag {
                e(t, out);
            }
            for c in cases {
                c.exprs.iter().for_each(|x| e(x, out));
                c.body.iter().for_each(|s| stmt_names(s, out));
            }
        }
        Stmt::Select { cases, .. } => {
            for c in cases {
                if let Some(comm) = &c.comm {
                    stmt_names(comm, out);
                }
                c.body.iter().for_each(|s| stmt_names(s, out));
            }
        }
        Stmt::For { init, cond, post, body, .. } => {
            for s in init.iter().chain(post.iter()) {
                stmt_names(s, out);
            }
            if let Some(c) = cond {
                e(c, out);
            }
            names_in(body, out);
        }
        Stmt::Range { key, value, x, body, .. } => {
            for k in key.iter().chain(value.iter()) {
                e(k, out);
            }
            e(x, out);
            names_in(body, out);
        }
    }
}

fn expr_names(e: &Expr, out: &mut std::collections::BTreeSet<String>) {
    match e {
        Expr::Ident(id) => {
            out.insert(id.name.clone());
        }
        Expr::Lit(_) | Expr::Ellipsis { .. } => {}
        Expr::Composite { typ, elts, .. } => {
            if let Some(t) = typ {
                expr_names(t, out);
            }
            elts.iter().for_each(|x| expr_names(x, out));
        }
        Expr::KeyValue { key, value } => {
            expr_names(key, out);
            expr_names(value, out);
        }
        Expr::FuncLit { body, .. } => names_in(body, out),
        Expr::Paren { x, .. } | Expr::Selector { x, .. } | Expr::Star { x, .. } | Expr::Unary { x, .. } => {
            expr_names(x, out)
        }
        Expr::Index { x, index, .. } => {
            expr_names(x, out);
            expr_names(index, out);
        }
        Expr::Slice { x, lo, hi, max, .. } => {
            expr_names(x, out);
            for y in [lo, hi, max].into_iter().flatten() {
                expr_names(y, out);
            }
        }
        Expr::TypeAssert { x, typ, .. } => {
            expr_names(x, out);
            if let Some(t) = typ {
                expr_names(t, out);
            }
        }
        Expr::Call { fun, args, .. } => {
            expr_names(fun, out);
            args.iter().for_each(|x| expr_names(x, out));
        }
        Expr::Binary { x, y, .. } => {
            expr_names(x, out);
            expr_names(y, out);
        }
        // Types name no variables.
        Expr::ArrayType { .. }
        | Expr::MapType { .. }
        | Expr::ChanType { .. }
        | Expr::FuncType(_)
        | Expr::StructType { .. }
        | Expr::InterfaceType { .. } => {}
    }
}
