//! Type assertions `x.(T)` and `v, ok := x.(T)` on the interfaces the subset has (`any`,
//! `error`). The interpreter's values do not carry their dynamic type, so it is found
//! from the value and the program: the checker records every concrete type the program
//! puts into an interface (`Checker::boxed`), and a value can only be one of those of
//! its shape (a `Value::Int` is an `int`, unless the program also boxes an `int64`, a
//! `time.Duration` or a type defined on one). Where two are possible, Leak Lab says
//! it cannot run the assertion, rather than guess.

use std::rc::Rc;

use sim_runtime::G;

use super::{ints, Program, Res, Scope, Value};
use crate::check::types::{Basic, Type};
use crate::syntax::ast::Expr;

/// What an assertion finds: the answer, or that the value's type is not known.
enum Found {
    Yes,
    /// No; with the dynamic type's name when known (`None`: the nil interface).
    No(Option<String>),
    Unknown,
}

impl Program {
    /// The program's boxed types a value of this shape may have.
    fn candidates(&self, v: &Value) -> Option<Vec<Type>> {
        let types = &self.checker.types;
        let fits = |t: &Type| -> bool {
            match (v, types.under(t)) {
                (Value::Int(_), Type::Basic(b)) if b.is_integer() => {
                    matches!(ints::int_value(ints::IntKind::of(*b), 0), Value::Int(_))
                }
                (Value::Sized(_, k), Type::Basic(b)) if b.is_integer() => ints::IntKind::of(*b) == Some(*k),
                (Value::Float(_), Type::Basic(Basic::Float64)) => true,
                (Value::Bool(_), Type::Basic(Basic::Bool)) => true,
                (Value::Str(_), Type::Basic(b)) => matches!(b, Basic::String),
                (Value::Struct(_), Type::Struct(_)) => !self.is_std(t),
                (Value::Ptr(_) | Value::Elem(..), Type::Pointer(_)) => true,
                (Value::Slice(_), Type::Slice(_)) => true,
                (Value::Array(_), Type::Array(..)) => true,
                (Value::Map(_), Type::Map(..)) => true,
                (Value::Chan(_) | Value::UnitChan(_) | Value::TimeChan(_), Type::Chan(..)) => true,
                (Value::Func(_), Type::Func(_)) => true,
                (Value::Nil, Type::Pointer(_) | Type::Func(_)) => true,
                _ => false,
            }
        };
        match v {
            Value::Int(_)
            | Value::Sized(..)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::Str(_)
            | Value::Struct(_)
            | Value::Ptr(_)
            | Value::Elem(..)
            | Value::Slice(_)
            | Value::Array(_)
            | Value::Map(_)
            | Value::Chan(_)
            | Value::Func(_)
            | Value::Nil => Some(self.checker.boxed.iter().filter(|t| fits(t)).cloned().collect()),
            _ => None,
        }
    }

    fn is_std(&self, t: &Type) -> bool {
        matches!(t, Type::Named(i) if self.checker.types.named[*i].pkg != "main")
    }

    /// Whether `v`, held in an interface, has type `t` (or implements the interface `t`).
    fn find(&self, v: &Value, t: &Type) -> Found {
        let types = &self.checker.types;
        if let Value::Error(_) = v {
            // A standard library error: never one of the program's types or a basic type.
            return if types.is_interface(t) {
                Found::Yes
            } else if self.is_std(t) {
                Found::Unknown
            } else {
                Found::No(Some(self.dynamic_name(v).unwrap_or_else(|| "?".into())))
            };
        }
        let Some(cands) = self.candidates(v) else { return Found::Unknown };
        if matches!(v, Value::Nil) && cands.is_empty() {
            return Found::No(None);
        }
        if matches!(v, Value::Nil) {
            // The nil interface, or a nil pointer in one: not known.
            return Found::Unknown;
        }
        if cands.is_empty() {
            // In an interface, yet put there by no conversion the checker saw: not known.
            return Found::Unknown;
        }
        if types.is_interface(t) {
            let ok: Vec<bool> = cands.iter().map(|c| types.missing_method(c, t).is_none()).collect();
            if cands.len() == 1 && !ok[0] {
                return Found::No(Some(self.go_type_name(&cands[0])));
            }
            return if !ok.is_empty() && ok.iter().all(|&b| b) { Found::Yes } else { Found::Unknown };
        }
        let hit = cands.iter().any(|c| types.identical(c, t));
        match (hit, cands.len()) {
            (true, 1) => Found::Yes,
            (false, 1) => Found::No(Some(self.go_type_name(&cands[0]))),
            (false, _) => Found::No(Some("?".into())),
            _ => Found::Unknown,
        }
    }

    fn dynamic_name(&self, v: &Value) -> Option<String> {
        match v {
            Value::Error(e) => match &**e {
                super::GoError::Wrap(..) => Some("*fmt.wrapError".into()),
                super::GoError::Ctx(sim_runtime::CtxErr::DeadlineExceeded) => {
                    Some("context.deadlineExceededError".into())
                }
                // errors.New's, and a run-time error (whose type is the runtime's).
                _ => None,
            },
            _ => None,
        }
    }

    /// `x.(T)`, and with `comma_ok` the pair `v, ok`.
    pub(super) async fn type_assert(
        &self,
        g: &G,
        env: &Rc<Scope>,
        e: &Expr,
        x: &Expr,
        comma_ok: bool,
    ) -> Res<Vec<Value>> {
        let v = self.eval(g, env, x).await?;
        let Some(t) = self.static_type(e) else { return self.unsupported(e.pos(), "this type assertion") };
        // The runtime names the empty interface `interface {}`.
        let from = match self.static_type(x) {
            Some(f) if !matches!(self.checker.types.under(&f), Type::Interface(m) if m.is_empty()) => {
                self.go_type_name(&f)
            }
            _ => "interface {}".to_string(),
        };
        match self.find(&v, &t) {
            Found::Yes => Ok(vec![v, Value::Bool(true)]),
            Found::No(_) if comma_ok => Ok(vec![self.zero(&t, g), Value::Bool(false)]),
            Found::No(Some(dynamic)) if dynamic != "?" => {
                g.at(e.pos().line);
                let want = self.go_type_name(&t);
                let msg = if self.checker.types.is_interface(&t) {
                    let why = self
                        .candidates(&v)
                        .and_then(|c| c.first().and_then(|c| self.checker.types.missing_method(c, &t)))
                        .unwrap_or_default();
                    format!(
                        "interface conversion: {dynamic} is not {want}: {}",
                        why.trim_matches(|c| c == '(' || c == ')')
                    )
                } else {
                    format!("interface conversion: {from} is {dynamic}, not {want}")
                };
                self.raise(g, &msg).await
            }
            Found::No(None) if matches!(v, Value::Nil) => {
                g.at(e.pos().line);
                let want = self.go_type_name(&t);
                let from = if self.checker.types.is_interface(&t) { "interface" } else { &from };
                self.raise(g, &format!("interface conversion: {from} is nil, not {want}")).await
            }
            _ => self.unsupported(e.pos(), "this type assertion"),
        }
    }
}

impl Program {
    /// `switch v := x.(type) { … }`: the first clause one of whose types the value has
    /// (`nil`: the nil interface), else `default`; `v` is the value in each clause.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn type_switch(
        &self,
        g: &G,
        env: &Rc<Scope>,
        init: &Option<Box<crate::syntax::ast::Stmt>>,
        bind: Option<&crate::syntax::ast::Ident>,
        x: &Expr,
        cases: &[crate::syntax::ast::CaseClause],
        defers: &super::Defers,
    ) -> Res<super::Flow> {
        let scope = Scope::new(Some(env.clone()));
        if let Some(i) = init {
            self.stmt(g, &scope, i, defers).await?;
        }
        let v = self.eval(g, &scope, x).await?;
        let mut chosen = cases.iter().position(|c| c.default);
        'cases: for (i, c) in cases.iter().enumerate() {
            for te in &c.exprs {
                let hit = match self.checker.type_exprs.get(&te.pos()) {
                    // `nil`: no type recorded.
                    None => match self.find(&v, &Type::any()) {
                        Found::Yes => false,
                        Found::No(None) => true,
                        _ => return self.unsupported(te.pos(), "this type switch case"),
                    },
                    Some(t) => match self.find(&v, t) {
                        Found::Yes => true,
                        Found::No(_) => false,
                        Found::Unknown => return self.unsupported(te.pos(), "this type switch case"),
                    },
                };
                if hit {
                    chosen = Some(i);
                    break 'cases;
                }
            }
        }
        let Some(i) = chosen else { return Ok(super::Flow::Normal) };
        let clause = Scope::new(Some(scope.clone()));
        if let Some(b) = bind.filter(|b| b.name != "_") {
            clause.define(self.name(&b.name), v);
        }
        match self.block(g, &clause, &cases[i].body, defers).await? {
            super::Flow::Break(None) => Ok(super::Flow::Normal),
            other => Ok(other),
        }
    }
}
