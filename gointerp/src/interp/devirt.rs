//! Which calls of a function value Go 1.24 sees through. Go inlines only calls whose
//! callee it knows: a function named directly, or a value its devirtualizer
//! (`ir.StaticValue`) follows back to one function — a local variable defined once from a
//! function's name, a literal or a method value and never assigned again (`f := park;
//! f()`, `m := b.park; m()`), or the result of an inlined function that only returns a
//! function's name (`pick()()`). Every other call through a value — a package variable,
//! a field, a map or slice element, a parameter, a variable assigned twice — calls the
//! function out of line, so its frame is a real one (`main.park()` at its line with an
//! offset) where a direct call shows `main.park(...)`. Measured on Go 1.24.4
//! (`tests/run/funcvalue_frames.go`, `tests/run/literal_frames.go`).
//!
//! A parameter of an inlined function is seen through where the call passes one of those
//! (`call(park)`, `call(f)`, `call(b.park)`, `call` inlined: Go then sees `park` too):
//! [`param_calls`] finds such calls, and the evaluator knows at run time what each
//! inlined call passed.
//!
//! So is a parameter passed on to another inlined function (`outer(park)` whose body calls
//! `call(f)`).

use std::collections::{BTreeMap, BTreeSet};

use crate::syntax::ast::{Block, Decl, Expr, FuncDecl, FuncType, Pos, Stmt};

/// The calls (by the position of their `(`) through a local variable that Go 1.24
/// devirtualizes, in the declaration `f`; `is_func` says whether a name is one of the
/// program's top-level functions, and `returns_func` whether calling the function of
/// that name returns a function's name and is inlined.
/// `is_method` says whether a selector is a method value (`b.park`); `idents` receives
/// the other uses of the variables Go follows (`call(f)` after `f := park`).
pub(super) fn static_value_calls(
    f: &FuncDecl,
    is_func: &dyn Fn(&str) -> bool,
    returns_func: &dyn Fn(&str) -> bool,
    is_method: &dyn Fn(&Expr) -> bool,
    out: &mut BTreeSet<Pos>,
    idents: &mut BTreeSet<Pos>,
) {
    let Some(body) = &f.body else { return };
    let known = |e: &Expr| match strip(e) {
        Expr::Ident(id) => is_func(&id.name),
        Expr::FuncLit { .. } => true,
        e @ Expr::Selector { .. } => is_method(e),
        _ => false,
    };
    let mut w = Walk::new(&known);
    w.params(&f.typ);
    w.block(body);
    for (var, lparen, _) in &w.calls {
        if matches!(w.vars[*var], Var { known: true, assigned: false, .. }) {
            out.insert(*lparen);
        }
    }
    for (name, lparen) in &w.result_calls {
        if returns_func(name) {
            out.insert(*lparen);
        }
    }
    for (var, pos, _) in &w.uses {
        if matches!(w.vars[*var], Var { known: true, assigned: false, .. }) {
            idents.insert(*pos);
        }
    }
}

/// The calls in `f`'s own body (not in its literals) of a parameter nothing assigns:
/// by the position of their `(`, the parameter's index. Go sees through them where `f`
/// is inlined into a call that passes a function's name for that parameter.
pub(super) fn param_calls(f: &FuncDecl, out: &mut BTreeMap<Pos, usize>) {
    let Some(body) = &f.body else { return };
    let known = |_: &Expr| false;
    let mut w = Walk::new(&known);
    for (i, p) in f.typ.params.iter().enumerate() {
        if let Some(n) = &p.name {
            w.define(&n.name, None, false);
            if let Some(v) = w.vars.last_mut() {
                v.param = Some(i);
            }
        }
    }
    w.block(body);
    for (var, lparen, depth) in &w.calls {
        if let (Var { assigned: false, param: Some(i), .. }, 0) = (w.vars[*var], depth) {
            out.insert(*lparen, i);
        }
    }
    // And its other uses, by the identifier's position: passed on to another inlined
    // function (`call(f)` in `outer`), it is seen through there too.
    for (var, pos, depth) in &w.uses {
        if let (Var { assigned: false, param: Some(i), .. }, 0) = (w.vars[*var], depth) {
            out.insert(*pos, i);
        }
    }
}

/// Whether `f` only returns the name of one of the program's functions (`return park`).
pub(super) fn returns_func_name(f: &FuncDecl, is_func: &dyn Fn(&str) -> bool) -> bool {
    match f.body.as_ref().map(|b| b.stmts.as_slice()) {
        Some([Stmt::Return { results, .. }]) => {
            matches!(results.as_slice(), [e] if matches!(strip(e), Expr::Ident(id) if is_func(&id.name)))
        }
        _ => false,
    }
}

fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren { x, .. } => strip(x),
        e => e,
    }
}

/// A local variable: whether it was defined from a known function, and whether
/// anything assigns it again (`=`, `op=`, `++`, `&v`).
#[derive(Clone, Copy)]
struct Var {
    known: bool,
    // The parameter it is, by index (see `param_calls`).
    param: Option<usize>,
    assigned: bool,
}

/// What one declaration does with its variables, scope by scope.
struct Walk<'a, 'w> {
    // The names in scope, innermost scope last, each with its variable.
    scopes: Vec<Vec<(&'a str, usize)>>,
    vars: Vec<Var>,
    // Calls of a variable, by the position of their `(`, and how many function literals
    // deep they are.
    calls: Vec<(usize, Pos, u32)>,
    depth: u32,
    // Other uses of a variable, by the identifier's position.
    uses: Vec<(usize, Pos, u32)>,
    // Calls `name(…)(…)` of a function name (not a variable), likewise.
    result_calls: Vec<(&'a str, Pos)>,
    known: &'w dyn Fn(&Expr) -> bool,
}

impl<'a, 'w> Walk<'a, 'w> {
    fn new(known: &'w dyn Fn(&Expr) -> bool) -> Self {
        Walk {
            scopes: vec![Vec::new()],
            vars: Vec::new(),
            calls: Vec::new(),
            depth: 0,
            uses: Vec::new(),
            result_calls: Vec::new(),
            known,
        }
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.scopes.iter().rev().find_map(|s| s.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| *v))
    }

    /// A parameter or result: Go does not follow one.
    fn params(&mut self, t: &'a FuncType) {
        for p in t.params.iter().chain(&t.results) {
            if let Some(n) = &p.name {
                self.define(&n.name, None, false);
            }
        }
    }

    /// `name := value` (`redefine`: `:=` may reuse a variable of this scope).
    fn define(&mut self, name: &'a str, value: Option<&Expr>, redefine: bool) {
        if name == "_" {
            return;
        }
        let scope = self.scopes.last_mut().expect("a scope");
        if redefine {
            if let Some((_, v)) = scope.iter().find(|(n, _)| *n == name) {
                self.vars[*v].assigned = true;
                return;
            }
        }
        let known = value.is_some_and(|v| (self.known)(v));
        self.vars.push(Var { known, assigned: false, param: None });
        scope.push((name, self.vars.len() - 1));
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Vec::new());
        f(self);
        self.scopes.pop();
    }

    fn assign_to(&mut self, e: &'a Expr) {
        match strip(e) {
            Expr::Ident(id) => {
                if let Some(v) = self.lookup(&id.name) {
                    self.vars[v].assigned = true;
                }
            }
            e => self.expr(e),
        }
    }

    fn block(&mut self, b: &'a Block) {
        self.scoped(|w| w.stmts(&b.stmts));
    }

    fn stmts(&mut self, ss: &'a [Stmt]) {
        for s in ss {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::Decl { decl: Decl::Var(specs), .. } => {
                for sp in specs {
                    sp.values.iter().for_each(|v| self.expr(v));
                    let single = sp.names.len() == sp.values.len();
                    for (i, n) in sp.names.iter().enumerate() {
                        self.define(&n.name, if single { sp.values.get(i) } else { None }, false);
                    }
                }
            }
            Stmt::Decl { .. } | Stmt::Branch { .. } | Stmt::Empty { .. } => {}
            Stmt::TypeSwitch { init, bind, x, cases, .. } => self.scoped(|w| {
                if let Some(i) = init {
                    w.stmt(i);
                }
                w.expr(x);
                for c in cases {
                    w.scoped(|w| {
                        if let Some(b) = bind {
                            w.define(&b.name, None, false);
                        }
                        w.stmts(&c.body)
                    });
                }
            }),
            Stmt::Labeled { stmt, .. } => self.stmt(stmt),
            Stmt::Expr(e) => self.expr(e),
            Stmt::Send { ch, value, .. } => {
                self.expr(ch);
                self.expr(value);
            }
            Stmt::IncDec { x, .. } => self.assign_to(x),
            Stmt::Assign { lhs, op, rhs, .. } => {
                rhs.iter().for_each(|r| self.expr(r));
                let single = lhs.len() == rhs.len();
                for (i, l) in lhs.iter().enumerate() {
                    match (*op, strip(l)) {
                        (":=", Expr::Ident(id)) => self.define(&id.name, if single { rhs.get(i) } else { None }, true),
                        _ => self.assign_to(l),
                    }
                }
            }
            Stmt::Go { call, .. } | Stmt::Defer { call, .. } => self.expr(call),
            Stmt::Return { results, .. } => results.iter().for_each(|r| self.expr(r)),
            Stmt::Block(b) => self.block(b),
            Stmt::If { init, cond, then, els, .. } => self.scoped(|w| {
                if let Some(i) = init {
                    w.stmt(i);
                }
                w.expr(cond);
                w.block(then);
                if let Some(e) = els {
                    w.stmt(e);
                }
            }),
            Stmt::Switch { init, tag, cases, .. } => self.scoped(|w| {
                if let Some(i) = init {
                    w.stmt(i);
                }
                if let Some(t) = tag {
                    w.expr(t);
                }
                for c in cases {
                    c.exprs.iter().for_each(|e| w.expr(e));
                    w.scoped(|w| w.stmts(&c.body));
                }
            }),
            Stmt::Select { cases, .. } => {
                for c in cases {
                    self.scoped(|w| {
                        if let Some(comm) = &c.comm {
                            w.stmt(comm);
                        }
                        w.stmts(&c.body);
                    });
                }
            }
            Stmt::For { init, cond, post, body, .. } => self.scoped(|w| {
                if let Some(i) = init {
                    w.stmt(i);
                }
                if let Some(c) = cond {
                    w.expr(c);
                }
                if let Some(p) = post {
                    w.stmt(p);
                }
                w.block(body);
            }),
            Stmt::Range { key, value, define, x, body, .. } => self.scoped(|w| {
                w.expr(x);
                for k in key.iter().chain(value.iter()) {
                    match (define, strip(k)) {
                        (true, Expr::Ident(id)) => w.define(&id.name, None, false),
                        _ => w.assign_to(k),
                    }
                }
                w.block(body);
            }),
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Call { fun, args, lparen, .. } => {
                match strip(fun) {
                    Expr::Ident(id) => {
                        if let Some(v) = self.lookup(&id.name) {
                            self.calls.push((v, *lparen, self.depth));
                        }
                    }
                    Expr::Call { fun: inner, .. } => {
                        if let Expr::Ident(id) = strip(inner) {
                            if self.lookup(&id.name).is_none() {
                                self.result_calls.push((id.name.as_str(), *lparen));
                            }
                        }
                        self.expr(fun);
                    }
                    fun => self.expr(fun),
                }
                args.iter().for_each(|a| self.expr(a));
            }
            Expr::FuncLit { typ, body } => self.scoped(|w| {
                w.depth += 1;
                w.params(typ);
                w.block(body);
                w.depth -= 1;
            }),
            // `&f`: the variable may change behind Go's back.
            Expr::Unary { op: "&", x, .. } => self.assign_to(x),
            Expr::Unary { x, .. } | Expr::Paren { x, .. } | Expr::Selector { x, .. } | Expr::Star { x, .. } => {
                self.expr(x)
            }
            Expr::Binary { x, y, .. } => {
                self.expr(x);
                self.expr(y);
            }
            Expr::Index { x, index, .. } => {
                self.expr(x);
                self.expr(index);
            }
            Expr::Slice { x, lo, hi, max, .. } => {
                self.expr(x);
                for e in [lo, hi, max].into_iter().flatten() {
                    self.expr(e);
                }
            }
            Expr::TypeAssert { x, .. } => self.expr(x),
            Expr::Ident(id) => {
                if let Some(v) = self.lookup(&id.name) {
                    self.uses.push((v, id.pos, self.depth));
                }
            }
            Expr::Composite { elts, .. } => elts.iter().for_each(|x| self.expr(x)),
            Expr::KeyValue { key, value } => {
                self.expr(key);
                self.expr(value);
            }
            _ => {}
        }
    }
}
