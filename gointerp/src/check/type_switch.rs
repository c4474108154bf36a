//! Type switches, as `types2` checks them: the guard's operand must be an interface;
//! each case's type must be possible for it; `v := x.(type)` declares `v` in every
//! clause, with the clause's type when it names exactly one (the interface's
//! otherwise), and is `v declared and not used` at `v` when no clause uses it.

use super::*;

impl Checker {
    pub(super) fn type_switch(
        &mut self,
        init: &Option<Box<Stmt>>,
        bind: Option<&Ident>,
        x: &Expr,
        cases: &[CaseClause],
    ) {
        self.scopes.push(BTreeMap::new());
        if let Some(i) = init {
            self.stmt(i);
        }
        let o = self.expr(x);
        let mut ok = !o.is_invalid();
        if ok && !self.types.is_interface(&o.typ) {
            self.error(x.pos(), format!("{} is not an interface", describe(&self.types, &o)));
            ok = false;
        }
        let mut clause_vars = Vec::new();
        for c in cases {
            let mut single: Option<Type> = None;
            for te in &c.exprs {
                if let Expr::Ident(id) = te {
                    if id.name == "nil" && self.lookup_is_nil(id) {
                        single = None;
                        continue;
                    }
                }
                let t = self.resolve_type(te);
                if self.is_main() {
                    self.type_exprs.insert(te.pos(), t.clone());
                }
                if ok && !t.is_invalid() && !self.types.is_interface(&t) {
                    if let Some(why) = self.types.missing_method(&t, &o.typ) {
                        self.error(
                            te.pos(),
                            format!(
                                "impossible type switch case: {}\n\t{} cannot have dynamic type {} {why}",
                                expr_string(te),
                                describe(&self.types, &o),
                                self.types.display(&t, None)
                            ),
                        );
                    }
                }
                if c.exprs.len() == 1 {
                    single = Some(t);
                }
            }
            self.scopes.push(BTreeMap::new());
            if let Some(b) = bind.filter(|b| b.name != "_") {
                let typ = if ok { single.unwrap_or_else(|| o.typ.clone()) } else { Type::Invalid };
                let idx = self.vars.len();
                // Not `local`: the switch reports its one unused `v` itself.
                self.vars.push(VarInfo { name: b.name.clone(), pos: b.pos, typ, used: false, local: false });
                self.scopes.last_mut().expect("a scope").insert(b.name.clone(), Obj::Var(idx));
                clause_vars.push(idx);
            }
            self.stmts(&c.body);
            self.scopes.pop();
        }
        if let Some(b) = bind.filter(|b| b.name != "_") {
            if !clause_vars.iter().any(|&i| self.vars[i].used) {
                // Go 1.24 words this one as Go did before 1.20.
                self.error(b.pos, format!("{} declared and not used", b.name));
            }
        }
        self.scopes.pop();
    }

    /// Whether `nil` here is the predeclared one.
    fn lookup_is_nil(&mut self, id: &Ident) -> bool {
        matches!(self.lookup(&id.name), Some(Obj::Nil))
    }
}
