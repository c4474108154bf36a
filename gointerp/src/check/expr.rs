//! Expressions: operands, calls, built-ins, conversions, operators, literals.

use std::rc::Rc;

use super::*;
use crate::check::constant;

impl Checker {
    /// Checks an expression and returns what it is.
    pub fn expr(&mut self, e: &Expr) -> Operand {
        let mut o = self.expr_inner(e);
        if o.text.is_empty() {
            o.text = expr_string(e);
        }
        o.pos = e.pos();
        if self.is_main() {
            self.expr_types.insert((o.pos, o.text.clone()), o.typ.clone());
            if let (Mode::Constant, Some(v)) = (o.mode, &o.val) {
                self.consts.insert((o.pos, o.text.clone()), v.clone());
            }
        }
        o
    }

    pub(super) fn operand(&self, mode: Mode, typ: Type, e: &Expr) -> Operand {
        Operand { mode, typ, val: None, text: expr_string(e), pos: e.pos() }
    }

    fn expr_inner(&mut self, e: &Expr) -> Operand {
        match e {
            Expr::Ident(id) => self.ident(id, e),
            Expr::Lit(l) => self.literal(l, e),
            Expr::Paren { x, .. } => {
                let mut o = self.expr(x);
                o.text = expr_string(e);
                o
            }
            Expr::FuncLit { typ, body } => {
                let sig = self.signature(typ);
                self.scopes.push(BTreeMap::new());
                self.params_into_scope(typ, &sig);
                self.results.push(sig.results.clone());
                self.named_results.push(typ.results.iter().any(|r| r.name.is_some()));
                self.stmts(&body.stmts);
                self.named_results.pop();
                self.results.pop();
                self.scopes.pop();
                if !sig.results.is_empty() && !terminating_list(&body.stmts) {
                    self.error(body.end, "missing return".into());
                }
                self.operand(Mode::Value, Type::Func(Rc::new(sig)), e)
            }
            Expr::Composite { typ, elts, .. } => {
                let Some(t) = typ else {
                    self.error(e.pos(), "invalid composite literal type: missing type".into());
                    return Operand::invalid();
                };
                // `[...]T{...}`: the array is as long as its literal.
                if let Expr::ArrayType { len: Some(l), elem, .. } = t.as_ref() {
                    if matches!(l.as_ref(), Expr::Ellipsis { .. }) {
                        let elem = self.resolve_type(elem);
                        if elem.is_invalid() {
                            return self.composite(&Type::Invalid, elts, e);
                        }
                        let n = self.array_elements(&elem, None, elts);
                        return self.operand(Mode::Value, Type::Array(n, Rc::new(elem)), e);
                    }
                }
                let t = self.resolve_type(t);
                self.composite(&t, elts, e)
            }
            Expr::KeyValue { key, .. } => {
                self.error(key.pos(), "unexpected key:value expression".into());
                Operand::invalid()
            }
            Expr::Selector { x, sel } => self.selector(x, sel, e),
            Expr::Index { x, index, .. } => self.index(x, index, e),
            Expr::Slice { x, lo, hi, max, .. } => self.slice_expr(x, [lo, hi, max], e),
            Expr::TypeAssert { x, typ, .. } => {
                let o = self.expr(x);
                let Some(typ) = typ else {
                    self.error(e.pos(), "invalid syntax tree: use of .(type) outside type switch".into());
                    return Operand::invalid();
                };
                let t = self.resolve_type(typ);
                if o.is_invalid() || t.is_invalid() {
                    return Operand::invalid();
                }
                if !self.types.is_interface(&o.typ) {
                    self.error(
                        x.pos(),
                        format!("invalid operation: {} is not an interface", describe(&self.types, &o)),
                    );
                    return Operand::invalid();
                }
                // A concrete type that cannot be in the interface.
                if !self.types.is_interface(&t) {
                    if let Some(why) = self.types.missing_method(&t, &o.typ) {
                        let ts = self.types.display(&t, None);
                        let is = self.types.display(&o.typ, None);
                        self.error(
                            x.pos(),
                            format!(
                                "impossible type assertion: {}\n\t{ts} does not implement {is} {why}",
                                expr_string(e)
                            ),
                        );
                        return Operand::invalid();
                    }
                }
                self.operand(Mode::CommaOk, t, e)
            }
            Expr::Call { fun, args, ellipsis, lparen, .. } => self.call(fun, args, *ellipsis, *lparen, e),
            Expr::Star { x, .. } => {
                let o = self.expr(x);
                if o.is_invalid() {
                    return Operand::invalid();
                }
                if o.mode == Mode::TypeExpr {
                    return self.operand(Mode::TypeExpr, Type::Pointer(Rc::new(o.typ)), e);
                }
                if o.mode == Mode::Nil {
                    self.error(e.pos(), "invalid operation: cannot indirect nil".into());
                    return Operand::invalid();
                }
                match self.types.under(&o.typ).clone() {
                    Type::Pointer(inner) => self.operand(Mode::Variable, (*inner).clone(), e),
                    _ => {
                        self.error(
                            e.pos(),
                            format!("invalid operation: cannot indirect {}", describe(&self.types, &o)),
                        );
                        Operand::invalid()
                    }
                }
            }
            Expr::Unary { op, x, .. } => self.unary(op, x, e),
            Expr::Binary { op, op_pos, x, y } => {
                let l = self.expr(x);
                let r = self.expr(y);
                let mut o = self.binary_ops(op, l, r, x, *op_pos);
                o.text = expr_string(e);
                o
            }
            Expr::ArrayType { .. }
            | Expr::MapType { .. }
            | Expr::ChanType { .. }
            | Expr::FuncType(_)
            | Expr::StructType { .. }
            | Expr::InterfaceType { .. } => {
                let t = self.resolve_type(e);
                if t.is_invalid() {
                    return Operand::invalid();
                }
                self.operand(Mode::TypeExpr, t, e)
            }
            Expr::Ellipsis { pos } => {
                self.error(*pos, "invalid use of ...".into());
                Operand::invalid()
            }
        }
    }

    fn ident(&mut self, id: &Ident, e: &Expr) -> Operand {
        if id.name == "_" {
            self.error(id.pos, "cannot use _ as value".into());
            return Operand::invalid();
        }
        match self.lookup(&id.name) {
            None if id.name == "iota" => match self.iota {
                Some(i) => Operand {
                    val: Some(Const::int(i)),
                    ..self.operand(Mode::Constant, Type::Basic(Basic::UntypedInt), e)
                },
                None => {
                    self.error(id.pos, "cannot use iota outside constant declaration".into());
                    Operand::invalid()
                }
            },
            None => {
                self.error(id.pos, format!("undefined: {}", id.name));
                Operand::invalid()
            }
            Some(Obj::Var(i)) => {
                self.vars[i].used = true;
                self.uses.insert(id.pos, i);
                self.operand(Mode::Variable, self.vars[i].typ.clone(), e)
            }
            Some(Obj::Pending(i, n, _)) => {
                let obj = self.resolve_pending(i, n);
                match obj {
                    Obj::Var(v) => {
                        self.vars[v].used = true;
                        self.operand(Mode::Variable, self.vars[v].typ.clone(), e)
                    }
                    Obj::Const(t, v) => Operand { val: v, ..self.operand(Mode::Constant, t, e) },
                    _ => Operand::invalid(),
                }
            }
            Some(Obj::Const(t, v)) => {
                if t.is_invalid() {
                    return Operand::invalid();
                }
                Operand { val: v, ..self.operand(Mode::Constant, t, e) }
            }
            Some(Obj::TypeName(t)) => {
                let t = self.runnable_type(t, id);
                if t.is_invalid() {
                    return Operand::invalid();
                }
                self.operand(Mode::TypeExpr, t, e)
            }
            Some(Obj::Func(sig)) => self.operand(Mode::Value, Type::Func(sig), e),
            Some(Obj::Builtin(b)) => self.operand(Mode::Builtin(b), Type::Invalid, e),
            Some(Obj::Nil) => self.operand(Mode::Nil, Type::Basic(Basic::UntypedNil), e),
            Some(Obj::Pkg(i)) => {
                self.imports[i].used = true;
                self.error(id.pos, format!("use of package {} without selector", id.name));
                Operand::invalid()
            }
            Some(Obj::StdPkg(_)) => Operand::invalid(),
        }
    }

    fn literal(&mut self, l: &Lit, e: &Expr) -> Operand {
        if matches!(l.kind, LitKind::Int | LitKind::Float) && l.raw.len() > 10000 {
            let head: String = l.raw.chars().take(10).collect();
            self.error(l.pos, format!("excessively long constant: {head}... ({} chars)", l.raw.len()));
            return Operand::invalid();
        }
        let (b, v) = match l.kind {
            LitKind::Int => match constant::parse_int(&l.raw) {
                Some(v) if v.bits() > constant::INT_BITS => {
                    self.error(l.pos, "constant overflow".into());
                    return Operand::invalid();
                }
                Some(v) => (Basic::UntypedInt, Const::Int(v)),
                None => {
                    self.error(l.pos, format!("invalid or too large integer literal {}", l.raw));
                    return Operand::invalid();
                }
            },
            LitKind::Float => match if l.raw.starts_with("0x") || l.raw.starts_with("0X") {
                constant::parse_hex_float(&l.raw)
            } else {
                constant::parse_float(&l.raw)
            } {
                Ok(f) => (Basic::UntypedFloat, Const::Float(f)),
                Err(msg) => {
                    self.error(l.pos, msg);
                    return Operand::invalid();
                }
            },
            LitKind::Imag => {
                self.error(l.pos, "Leak Lab does not run complex numbers".into());
                return Operand::invalid();
            }
            LitKind::Char => match unquote_char(&l.raw) {
                Some(c) => (Basic::UntypedRune, Const::int(c as u32)),
                None => {
                    self.error(l.pos, format!("invalid rune literal {}", l.raw));
                    return Operand::invalid();
                }
            },
            LitKind::String => match unquote(&l.raw) {
                Some(s) => (Basic::UntypedString, Const::Str(s)),
                None => {
                    self.error(l.pos, format!("invalid string literal {}", l.raw));
                    return Operand::invalid();
                }
            },
        };
        Operand { val: Some(v), ..self.operand(Mode::Constant, Type::Basic(b), e) }
    }

    fn selector(&mut self, x: &Expr, sel: &Ident, e: &Expr) -> Operand {
        if let Expr::Ident(pkg) = x {
            if let Some(Obj::Pkg(_) | Obj::StdPkg(_)) = self.lookup(&pkg.name) {
                return match self.package_member(pkg, sel) {
                    None => Operand::invalid(),
                    Some(Obj::Var(i)) => self.operand(Mode::Variable, self.vars[i].typ.clone(), e),
                    Some(Obj::Const(t, v)) => Operand { val: v, ..self.operand(Mode::Constant, t, e) },
                    Some(Obj::TypeName(t)) => self.operand(Mode::TypeExpr, t, e),
                    Some(Obj::Func(sig)) => {
                        let path = self.imports_path(&pkg.name);
                        self.last_callee = Some((path, sel.name.clone()));
                        self.operand(Mode::Value, Type::Func(sig), e)
                    }
                    Some(_) => Operand::invalid(),
                };
            }
        }
        let o = self.expr(x);
        if o.is_invalid() {
            return Operand::invalid();
        }
        if o.mode == Mode::TypeExpr {
            // A method expression `T.m`.
            if let Some(m) = self.types.method(&o.typ, &sel.name) {
                let mut params = vec![o.typ.clone()];
                params.extend(m.sig.params.iter().cloned());
                let sig = Sig { params, results: m.sig.results.clone(), variadic: m.sig.variadic };
                return self.operand(Mode::Value, Type::Func(Rc::new(sig)), e);
            }
        }
        if let Some(t) = self.types.field(&o.typ, &sel.name) {
            let mode = if o.mode == Mode::Variable || matches!(self.types.under(&o.typ), Type::Pointer(_)) {
                Mode::Variable
            } else {
                Mode::Value
            };
            return self.operand(mode, t, e);
        }
        if let Some(m) = self.types.method(&o.typ, &sel.name) {
            let base = match &o.typ {
                Type::Pointer(inner) => (**inner).clone(),
                t => t.clone(),
            };
            if let Type::Named(i) = &base {
                let pkg = self.types.named[*i].pkg.clone();
                let tname = self.types.named[*i].name.clone();
                self.last_callee = Some((format!("({pkg}.{tname})"), sel.name.clone()));
            }
            return self.operand(Mode::Value, Type::Func(m.sig), e);
        }
        let ts = self.types.display(&o.typ, None);
        let mut hint = String::new();
        let flipped: String = {
            let mut cs = sel.name.chars();
            match cs.next() {
                Some(c) if c.is_uppercase() => c.to_lowercase().chain(cs).collect(),
                Some(c) => c.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        };
        if self.types.field(&o.typ, &flipped).is_some() {
            let unexported = flipped.starts_with(|c: char| c.is_lowercase());
            hint = if unexported {
                format!(", but does have unexported field {flipped}")
            } else {
                format!(", but does have field {flipped}")
            };
        } else if self.types.method(&o.typ, &flipped).is_some() {
            hint = format!(", but does have method {flipped}");
        }
        self.error(
            sel.pos,
            format!("{}.{} undefined (type {ts} has no field or method {}{hint})", o.text, sel.name, sel.name),
        );
        Operand::invalid()
    }

    fn imports_path(&self, name: &str) -> String {
        match self.imports.iter().find(|i| i.name == name) {
            Some(i) => i.path.clone(),
            None => name.to_string(),
        }
    }

    fn index(&mut self, x: &Expr, index: &Expr, e: &Expr) -> Operand {
        let o = self.expr(x);
        let mut i = self.expr(index);
        if o.is_invalid() {
            return Operand::invalid();
        }
        match self.types.under(&o.typ).clone() {
            Type::Map(k, v) => {
                self.assign(&mut i, &k, "map index");
                self.operand(Mode::MapIndex, (*v).clone(), e)
            }
            Type::Slice(elem) => {
                self.index_bound(&mut i, -1);
                self.operand(Mode::Variable, (*elem).clone(), e)
            }
            Type::Array(n, elem) => {
                self.index_bound(&mut i, n as i64);
                let mode = if o.mode == Mode::Variable { Mode::Variable } else { Mode::Value };
                self.operand(mode, (*elem).clone(), e)
            }
            Type::Pointer(p) if matches!(self.types.under(&p), Type::Array(..)) => match self.types.under(&p).clone() {
                Type::Array(n, elem) => {
                    self.index_bound(&mut i, n as i64);
                    self.operand(Mode::Variable, (*elem).clone(), e)
                }
                _ => Operand::invalid(),
            },
            Type::Basic(b) if b.canonical_string() => {
                let len = match (o.mode, &o.val) {
                    (Mode::Constant, Some(Const::Str(s))) => s.len() as i64,
                    _ => -1,
                };
                self.index_bound(&mut i, len);
                self.operand(Mode::Value, Type::Basic(Basic::Byte), e)
            }
            _ => {
                if o.mode == Mode::TypeExpr {
                    self.error(x.pos(), "Leak Lab does not run generics".into());
                } else {
                    self.error(x.pos(), format!("invalid operation: cannot index {}", describe(&self.types, &o)));
                }
                Operand::invalid()
            }
        }
    }

    fn want_int(&mut self, o: &Operand, what: &str) {
        if o.is_invalid() {
            return;
        }
        if !matches!(self.types.under(&o.typ), Type::Basic(b) if b.is_integer())
            && !matches!(&o.val, Some(Const::Float(f)) if f.is_integer())
        {
            self.error(o.pos, format!("invalid argument: {what} {} must be integer", describe(&self.types, o)));
        }
    }

    fn unary(&mut self, op: &str, x: &Expr, e: &Expr) -> Operand {
        let o = self.expr(x);
        if o.is_invalid() {
            return Operand::invalid();
        }
        match op {
            "&" => {
                let addressable = o.mode == Mode::Variable || matches!(strip_parens(x), Expr::Composite { .. });
                if !addressable {
                    self.error(
                        e.pos(),
                        format!("invalid operation: cannot take address of {}", describe(&self.types, &o)),
                    );
                    return Operand::invalid();
                }
                self.operand(Mode::Value, Type::Pointer(Rc::new(o.typ)), e)
            }
            "<-" => match self.types.under(&o.typ).clone() {
                Type::Chan(dir, elem) => {
                    if dir == ChanDir::Send {
                        self.error(
                            o.pos,
                            format!(
                                "invalid operation: cannot receive from send-only channel {}",
                                describe(&self.types, &o)
                            ),
                        );
                        return Operand::invalid();
                    }
                    self.operand(Mode::CommaOk, (*elem).clone(), e)
                }
                _ => {
                    self.error(
                        o.pos,
                        format!("invalid operation: cannot receive from non-channel {}", describe(&self.types, &o)),
                    );
                    Operand::invalid()
                }
            },
            "!" => {
                if !matches!(self.types.under(&o.typ), Type::Basic(Basic::Bool | Basic::UntypedBool)) {
                    self.error(
                        e.pos(),
                        format!("invalid operation: operator ! not defined on {}", describe(&self.types, &o)),
                    );
                    return Operand::invalid();
                }
                let val = match o.val {
                    Some(Const::Bool(b)) => Some(Const::Bool(!b)),
                    _ => None,
                };
                Operand { val, ..self.operand(o.mode_for_result(), o.typ, e) }
            }
            _ => {
                if !matches!(self.types.under(&o.typ), Type::Basic(b) if b.is_numeric()) {
                    self.error(
                        e.pos(),
                        format!("invalid operation: operator {op} not defined on {}", describe(&self.types, &o)),
                    );
                    return Operand::invalid();
                }
                let val = match (op, &o.val) {
                    ("-", Some(Const::Int(i))) => Some(Const::Int(-i)),
                    // Constants are exact numbers: there is no negative zero.
                    ("-", Some(Const::Float(f))) => Some(Const::Float(-f)),
                    ("+", v) => v.clone(),
                    // An unsigned type's complement keeps to its bits (`^uint8(0)` is 255).
                    ("^", Some(Const::Int(i))) => match self.types.under(&o.typ) {
                        Type::Basic(b) if b.int_range().is_some_and(|(lo, _)| lo == 0) => {
                            let hi = BigInt::from(b.int_range().map_or(0, |(_, hi)| hi));
                            Some(Const::Int(hi ^ i))
                        }
                        _ => Some(Const::Int(!i)),
                    },
                    _ => None,
                };
                let mut r = Operand { val, ..self.operand(o.mode_for_result(), o.typ, e) };
                if !self.typed_const(&mut r, &expr_string(e)) {
                    return Operand::invalid();
                }
                r
            }
        }
    }

    /// Converts an untyped constant operand to `t` where the operator needs one type.
    pub(super) fn convert_untyped(&mut self, o: &mut Operand, t: &Type) {
        if o.typ.untyped().is_none() || t.untyped().is_some() || t.is_invalid() {
            return;
        }
        if self.types.assignable(&o.typ, t) {
            // A constant the type cannot hold: Go names the basic type underneath.
            if let Type::Basic(b) = self.types.under(t).clone() {
                let why = match o.val.as_ref().and_then(|v| misfit(v, b)) {
                    Some("truncated") => Some("truncated to"),
                    why => why,
                };
                if let Some(why) = why {
                    let d = describe(&self.types, o);
                    self.error(o.pos, format!("{d} {why} {}", b.name()));
                    o.mode = Mode::Invalid;
                    o.typ = Type::Invalid;
                    return;
                }
            }
            o.typ = t.clone();
            self.represent(o);
            return;
        }
        let d = describe(&self.types, o);
        self.error(o.pos, format!("cannot convert {d} to type {}", self.types.display(t, None)));
        o.mode = Mode::Invalid;
        o.typ = Type::Invalid;
    }

    /// `x op y`, with `x` and `y` already checked.
    pub(super) fn binary_ops(&mut self, op: &str, mut l: Operand, mut r: Operand, x: &Expr, op_pos: Pos) -> Operand {
        if l.is_invalid() || r.is_invalid() {
            return Operand::invalid();
        }
        let pos = x.pos();
        if op == "&&" || op == "||" {
            for o in [&l, &r] {
                if !matches!(self.types.under(&o.typ), Type::Basic(Basic::Bool | Basic::UntypedBool)) {
                    self.error(
                        o.pos,
                        format!("invalid operation: operator {op} not defined on {}", describe(&self.types, o)),
                    );
                    return Operand::invalid();
                }
            }
            let val = match (&l.val, &r.val) {
                (Some(Const::Bool(a)), Some(Const::Bool(b))) => {
                    Some(Const::Bool(if op == "&&" { *a && *b } else { *a || *b }))
                }
                _ => None,
            };
            let typ = if l.typ.untyped().is_some() { r.typ.clone() } else { l.typ.clone() };
            let mode = if val.is_some() { Mode::Constant } else { Mode::Value };
            return Operand { mode, typ, val, text: String::new(), pos };
        }
        if op == "<<" || op == ">>" {
            let integer = matches!(self.types.under(&l.typ), Type::Basic(b) if b.is_integer())
                || (l.typ.untyped().is_some() && l.val.as_ref().and_then(Const::whole).is_some());
            if !integer && matches!(self.types.under(&l.typ), Type::Basic(b) if b.is_numeric()) {
                self.error(
                    l.pos,
                    format!("invalid operation: shifted operand {} must be integer", describe(&self.types, &l)),
                );
                return Operand::invalid();
            }
            let count_integer = matches!(self.types.under(&r.typ), Type::Basic(b) if b.is_integer())
                || (r.typ.untyped().is_some() && r.val.as_ref().and_then(Const::whole).is_some());
            if !count_integer && matches!(r.typ.untyped(), Some(Basic::UntypedFloat)) && r.val.is_some() {
                // An untyped constant count is converted to uint.
                self.error(r.pos, format!("{} truncated to uint", describe(&self.types, &r)));
                return Operand::invalid();
            }
            if !count_integer && r.typ.untyped().is_some() && r.val.is_some() {
                self.error(r.pos, format!("cannot convert {} to type uint", describe(&self.types, &r)));
                return Operand::invalid();
            }
            if !count_integer && !r.typ.is_invalid() {
                self.error(
                    r.pos,
                    format!("invalid operation: shift count {} must be integer", describe(&self.types, &r)),
                );
                return Operand::invalid();
            }
            let count = r.val.as_ref().and_then(Const::whole);
            if count.as_ref().is_some_and(Signed::is_negative) {
                self.error(r.pos, format!("invalid operation: negative shift count {}", describe(&self.types, &r)));
                return Operand::invalid();
            }
            let val = match (l.val.as_ref().and_then(Const::whole), count) {
                (Some(a), Some(n)) => {
                    let n = match n.to_u64() {
                        Some(n) if n <= constant::SHIFT_BOUND => n as usize,
                        _ => {
                            self.error(
                                r.pos,
                                format!("invalid operation: invalid shift count {}", describe(&self.types, &r)),
                            );
                            return Operand::invalid();
                        }
                    };
                    let v = if op == "<<" { a << n } else { a >> n };
                    if v.bits() > constant::INT_BITS {
                        self.error(op_pos, "constant shift overflow".into());
                        return Operand::invalid();
                    }
                    Some(Const::Int(v))
                }
                _ => None,
            };
            let mode = if val.is_some() { Mode::Constant } else { Mode::Value };
            // An untyped constant shifted is an integer constant (`1.0 << 3` is an int).
            let typ = match (&val, l.typ.untyped()) {
                (Some(_), Some(Basic::UntypedFloat)) => Type::Basic(Basic::UntypedInt),
                _ => l.typ.clone(),
            };
            let mut o = Operand { mode, typ, val, text: String::new(), pos };
            if !self.typed_const(&mut o, &format!("{} {op} {}", l.text, r.text)) {
                return Operand::invalid();
            }
            return o;
        }
        // Untyped operands take the other side's type.
        let nil_cmp = l.mode == Mode::Nil || r.mode == Mode::Nil;
        let comparison = matches!(op, "==" | "!=" | "<" | "<=" | ">" | ">=");
        if comparison && !nil_cmp && !self.types.assignable(&l.typ, &r.typ) && !self.types.assignable(&r.typ, &l.typ) {
            // Go reports a comparison's mismatch at its second operand: only there is it known.
            self.error(
                r.pos,
                format!(
                    "invalid operation: {} {op} {} (mismatched types {} and {})",
                    l.text,
                    r.text,
                    self.types.display(&l.typ, None),
                    self.types.display(&r.typ, None)
                ),
            );
            return Operand::invalid();
        }
        if !nil_cmp {
            // An untyped constant that cannot take the other side's type is a mismatch
            // of the two types, as Go words it (`mismatched types untyped string and int`).
            let fits = |c: &Checker, u: &Operand, t: &Operand| {
                u.typ.untyped().is_none() || t.typ.untyped().is_some() || c.types.assignable(&u.typ, &t.typ)
            };
            if !fits(self, &l, &r) || !fits(self, &r, &l) {
                self.error(
                    pos,
                    format!(
                        "invalid operation: {} {op} {} (mismatched types {} and {})",
                        l.text,
                        r.text,
                        self.types.display(&l.typ, None),
                        self.types.display(&r.typ, None)
                    ),
                );
                return Operand::invalid();
            }
            if l.typ.untyped().is_some() && r.typ.untyped().is_none() {
                self.convert_untyped(&mut l, &r.typ.clone());
            } else if r.typ.untyped().is_some() && l.typ.untyped().is_none() {
                self.convert_untyped(&mut r, &l.typ.clone());
            }
            if l.is_invalid() || r.is_invalid() {
                return Operand::invalid();
            }
        }
        if comparison {
            let ok = if nil_cmp {
                let other = if l.mode == Mode::Nil { &r } else { &l };
                other.mode == Mode::Nil
                    || matches!(
                        self.types.under(&other.typ),
                        Type::Pointer(_)
                            | Type::Slice(_)
                            | Type::Map(..)
                            | Type::Chan(..)
                            | Type::Func(_)
                            | Type::Interface(_)
                    )
            } else {
                self.types.assignable(&l.typ, &r.typ) || self.types.assignable(&r.typ, &l.typ)
            };
            if !ok {
                let text = format!("{} {op} {}", l.text, r.text);
                if nil_cmp {
                    // Go 1.24 reports it at the right operand, the types in operand order.
                    let name = |o: &Operand| {
                        if o.mode == Mode::Nil {
                            "untyped nil".to_string()
                        } else {
                            self.types.display(&o.typ, None)
                        }
                    };
                    let msg = format!("invalid operation: {text} (mismatched types {} and {})", name(&l), name(&r));
                    self.error(r.pos, msg);
                } else {
                    self.error(
                        pos,
                        format!(
                            "invalid operation: {text} (mismatched types {} and {})",
                            self.types.display(&l.typ, None),
                            self.types.display(&r.typ, None)
                        ),
                    );
                }
                return Operand::invalid();
            }
            let val = match (&l.val, &r.val) {
                (Some(a), Some(b)) => compare(op, a, b).map(Const::Bool),
                _ => None,
            };
            let mode = if val.is_some() { Mode::Constant } else { Mode::Value };
            return Operand { mode, typ: Type::Basic(Basic::UntypedBool), val, text: String::new(), pos };
        }
        if !self.types.identical(&l.typ, &r.typ) {
            let both_untyped = l.typ.untyped().is_some() && r.typ.untyped().is_some();
            if !both_untyped {
                self.error(
                    pos,
                    format!(
                        "invalid operation: {} {op} {} (mismatched types {} and {})",
                        l.text,
                        r.text,
                        self.types.display(&l.typ, None),
                        self.types.display(&r.typ, None)
                    ),
                );
                return Operand::invalid();
            }
        }
        let typ = match (l.typ.untyped(), r.typ.untyped()) {
            (Some(a), Some(b)) => Type::Basic(wider(a, b)),
            _ => l.typ.clone(),
        };
        let under = self.types.under(&typ).clone();
        let defined = match &under {
            Type::Basic(b) if b.canonical_string() => op == "+",
            Type::Basic(b) if b.is_integer() => true,
            Type::Basic(b) if b.is_numeric() => !matches!(op, "%" | "&" | "|" | "^" | "&^"),
            _ => false,
        };
        if !defined {
            self.error(pos, format!("invalid operation: operator {op} not defined on {}", describe(&self.types, &l)));
            return Operand::invalid();
        }
        let val = match (&l.val, &r.val) {
            (Some(a), Some(b)) => {
                let int_result = matches!(&under, Type::Basic(b) if b.is_integer());
                match arith(op, a, b, int_result) {
                    Ok(v) => Some(v),
                    Err(ArithErr::DivZero) => {
                        self.error(r.pos, "invalid operation: division by zero".into());
                        return Operand::invalid();
                    }
                    Err(ArithErr::Overflow) => {
                        let name = match op {
                            "+" => "addition ",
                            "-" => "subtraction ",
                            "*" => "multiplication ",
                            "^" => "bitwise XOR ",
                            _ => "",
                        };
                        self.error(op_pos, format!("constant {name}overflow"));
                        return Operand::invalid();
                    }
                    Err(ArithErr::Other(msg)) => {
                        self.error(op_pos, msg);
                        return Operand::invalid();
                    }
                }
            }
            _ => None,
        };
        let mode = if val.is_some() { Mode::Constant } else { Mode::Value };
        let mut o = Operand { mode, typ, val, text: String::new(), pos };
        if !self.typed_const(&mut o, &format!("{} {op} {}", l.text, r.text)) {
            return Operand::invalid();
        }
        o
    }

    /// A typed constant holds its type's value: a `float64` constant the `float64`
    /// nearest its exact value; one its type cannot hold is Go's error
    /// (`t << 70 (constant 1180591620717411303424 of type int64) overflows int64`).
    fn typed_const(&mut self, o: &mut Operand, text: &str) -> bool {
        if o.mode != Mode::Constant || o.typ.untyped().is_some() {
            return true;
        }
        let (Type::Basic(b), Some(v)) = (self.types.under(&o.typ).clone(), &o.val) else { return true };
        if misfit(v, b).is_some() {
            let ts = self.types.display(&o.typ, None);
            self.error(o.pos, format!("{text} (constant {} of type {ts}) overflows {ts}", v.text()));
            return false;
        }
        if b.is_numeric() && !b.is_integer() {
            o.val = v.rat().as_ref().and_then(constant::round_f64).map(Const::Float);
        }
        true
    }

    fn composite(&mut self, t: &Type, elts: &[Expr], e: &Expr) -> Operand {
        if t.is_invalid() {
            for el in elts {
                if let Expr::KeyValue { value, .. } = el {
                    self.element(value, &Type::Invalid, "");
                } else {
                    self.element(el, &Type::Invalid, "");
                }
            }
            return Operand::invalid();
        }
        let ts = self.types.display(t, None);
        match self.types.under(t).clone() {
            Type::Struct(fields) => {
                let keyed = elts.iter().any(|x| matches!(x, Expr::KeyValue { .. }));
                if keyed {
                    for el in elts {
                        let Expr::KeyValue { key, value } = el else {
                            self.error(el.pos(), "mixture of field:value and value elements in struct literal".into());
                            continue;
                        };
                        let Expr::Ident(k) = key.as_ref() else {
                            self.error(key.pos(), format!("invalid field name {} in struct literal", expr_string(key)));
                            continue;
                        };
                        match fields.iter().find(|f| f.name == k.name) {
                            Some(f) => self.element(value, &f.typ, "struct literal"),
                            None => {
                                self.error(k.pos, format!("unknown field {} in struct literal of type {ts}", k.name));
                                self.element(value, &Type::Invalid, "");
                            }
                        }
                    }
                } else if !elts.is_empty() {
                    for (el, f) in elts.iter().zip(fields.iter()) {
                        self.element(el, &f.typ, "struct literal");
                    }
                    if elts.len() < fields.len() {
                        self.error(e_end_pos(e), format!("too few values in struct literal of type {ts}"));
                    } else if elts.len() > fields.len() {
                        self.error(elts[fields.len()].pos(), format!("too many values in struct literal of type {ts}"));
                    }
                }
            }
            Type::Array(n, elem) => {
                self.array_elements(&elem, Some(n), elts);
            }
            Type::Slice(elem) => {
                for el in elts {
                    match el {
                        Expr::KeyValue { key, value } => {
                            let k = self.expr(key);
                            self.want_int(&k, "index");
                            self.element(value, &elem, "slice literal");
                        }
                        el => self.element(el, &elem, "slice literal"),
                    }
                }
            }
            Type::Map(k, v) => {
                for el in elts {
                    match el {
                        Expr::KeyValue { key, value } => {
                            self.element(key, &k, "map literal");
                            self.element(value, &v, "map literal");
                        }
                        el => {
                            self.error(el.pos(), "missing key in map literal".into());
                        }
                    }
                }
            }
            _ => {
                self.error(e.pos(), format!("invalid composite literal type {ts}"));
                return Operand::invalid();
            }
        }
        self.operand(Mode::Value, t.clone(), e)
    }

    pub(super) fn element(&mut self, el: &Expr, t: &Type, context: &str) {
        if let Expr::Composite { typ: None, elts, .. } = el {
            // An elided type: `{...}` inside `[]T{...}` is a `T`, and `&T` for `*T`.
            let inner = match self.types.under(t) {
                Type::Pointer(p) => (**p).clone(),
                _ => t.clone(),
            };
            self.composite(&inner, elts, el);
            return;
        }
        let mut o = self.expr(el);
        if !t.is_invalid() {
            let ctx = if context == "slice literal" { "slice literal" } else { context };
            self.assign(&mut o, t, ctx);
        }
    }

    fn call(&mut self, fun: &Expr, args: &[Expr], ellipsis: bool, lparen: Pos, e: &Expr) -> Operand {
        self.last_callee = None;
        let f = self.expr(fun);
        let callee = self.last_callee.take();
        if f.is_invalid() {
            for a in args {
                self.expr(a);
            }
            return Operand::invalid();
        }
        match f.mode {
            Mode::TypeExpr => {
                if self.is_main() {
                    self.conversions.insert(lparen);
                }
                return self.conversion(&f.typ, args, e);
            }
            Mode::Builtin(b) => return self.builtin(b, args, e),
            _ => {}
        }
        let sig = match self.types.under(&f.typ).clone() {
            Type::Func(sig) => sig,
            _ => {
                self.error(
                    e.pos(),
                    format!("invalid operation: cannot call non-function {}", describe(&self.types, &f)),
                );
                for a in args {
                    self.expr(a);
                }
                return Operand::invalid();
            }
        };
        if let Some(c) = callee {
            self.callees.insert(lparen, c);
        }
        // f(g()) passes g's results as the arguments.
        let mut ops: Vec<Operand> = Vec::new();
        if args.len() == 1 {
            let o = self.expr(&args[0]);
            if let Type::Tuple(ts) = &o.typ {
                ops.extend(ts.iter().map(|t| Operand::value(t.clone(), o.text.clone(), o.pos)));
            } else {
                ops.push(o);
            }
        } else {
            for a in args {
                ops.push(self.expr(a));
            }
        }
        let results = match sig.results.len() {
            0 => None,
            1 => Some(sig.results[0].clone()),
            _ => Some(Type::Tuple(Rc::new(sig.results.clone()))),
        };
        let result_op = |c: &Checker| match &results {
            None => c.operand(Mode::NoValue, Type::Tuple(Rc::new(vec![])), e),
            Some(t) => c.operand(Mode::Value, t.clone(), e),
        };
        if ops.iter().any(Operand::is_invalid) {
            return result_op(self);
        }
        let npars = sig.params.len();
        let nargs = ops.len();
        let count_ok = if sig.variadic && !ellipsis { nargs + 1 >= npars } else { nargs == npars };
        if !count_ok {
            let (q, at) = if nargs > npars && !sig.variadic {
                ("too many", ops[npars].pos)
            } else if nargs > 0 {
                ("not enough", ops[nargs - 1].pos)
            } else {
                ("not enough", e.pos())
            };
            let have = self.summary_ops(&ops);
            let want = self.sig_summary(&sig);
            let name = expr_string(fun);
            self.error(at, format!("{q} arguments in call to {name}\n\thave {have}\n\twant {want}"));
            return result_op(self);
        }
        let name = expr_string(fun);
        let ctx = format!("argument to {name}");
        for (i, o) in ops.iter_mut().enumerate() {
            let t = if sig.variadic && i + 1 >= npars {
                if ellipsis {
                    sig.params[npars - 1].clone()
                } else {
                    match &sig.params[npars - 1] {
                        Type::Slice(elem) => (**elem).clone(),
                        other => other.clone(),
                    }
                }
            } else {
                sig.params[i].clone()
            };
            self.assign(o, &t, &ctx);
        }
        result_op(self)
    }

    fn sig_summary(&self, sig: &Sig) -> String {
        let parts: Vec<String> = sig
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| match (sig.variadic && i + 1 == sig.params.len(), p) {
                (true, Type::Slice(elem)) => format!("...{}", self.types.display(elem, None)),
                _ => self.types.display(p, None),
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    fn conversion(&mut self, t: &Type, args: &[Expr], e: &Expr) -> Operand {
        let ts = self.types.display(t, None);
        if args.len() != 1 {
            let msg = if args.is_empty() {
                "missing argument in conversion to"
            } else {
                "too many arguments in conversion to"
            };
            self.error(args.get(1).map_or(e.pos(), Expr::pos), format!("{msg} {ts}"));
            return Operand::invalid();
        }
        let mut o = self.expr(&args[0]);
        if o.is_invalid() {
            return Operand::invalid();
        }
        let from = self.types.under(&o.typ).clone();
        let to = self.types.under(t).clone();
        let ok = self.types.assignable(&o.typ, t)
            || self.types.identical(&from, &to)
            || match (&from, &to) {
                (Type::Basic(a), Type::Basic(b)) => {
                    (a.is_numeric() && b.is_numeric())
                        || (a.canonical_string() && b.canonical_string())
                        || (a.is_integer() && b.canonical_string())
                }
                (Type::Basic(a), Type::Slice(elem)) | (Type::Slice(elem), Type::Basic(a)) => {
                    a.canonical_string()
                        && matches!(**elem, Type::Basic(Basic::Byte | Basic::Uint8 | Basic::Rune | Basic::Int32))
                }
                (Type::Pointer(a), Type::Pointer(b)) => self.types.identical(self.types.under(a), self.types.under(b)),
                _ => false,
            };
        if !ok {
            let d = describe(&self.types, &o);
            self.error(o.pos, format!("cannot convert {d} to type {ts}"));
            return Operand::invalid();
        }
        self.note_boxed(&o, t);
        let val = match (&o.val, &to) {
            (Some(v @ (Const::Int(_) | Const::Float(_))), Type::Basic(b)) if b.is_numeric() => {
                let v = if b.is_integer() { v.whole().map(Const::Int) } else { v.rat().map(Const::Float) };
                match v.filter(|v| misfit(v, *b).is_none()) {
                    // A typed `float64` constant holds the nearest `float64`.
                    Some(Const::Float(r)) => constant::round_f64(&r).map(Const::Float),
                    Some(v) => Some(v),
                    // An integer its type cannot hold (Go's concise error, go.dev/issue/63563);
                    // a fraction or a number out of range.
                    None if matches!(o.val, Some(Const::Int(_))) => {
                        let v = o.val.as_ref().map(Const::text).unwrap_or_default();
                        self.error(o.pos, format!("constant {v} overflows {ts}"));
                        return Operand::invalid();
                    }
                    None => {
                        let d = describe(&self.types, &o);
                        self.error(o.pos, format!("cannot convert {d} to type {ts}"));
                        return Operand::invalid();
                    }
                }
            }
            (Some(v @ Const::Str(_)), Type::Basic(b)) if b.canonical_string() => Some(v.clone()),
            (Some(v @ Const::Bool(_)), Type::Basic(Basic::Bool)) => Some(v.clone()),
            _ => None,
        };
        if o.typ.untyped().is_some() && !matches!(to, Type::Basic(_)) {
            o.typ = self.default_type(&o.typ);
        }
        let mode = if val.is_some() { Mode::Constant } else { Mode::Value };
        Operand { val, ..self.operand(mode, t.clone(), e) }
    }

    fn builtin(&mut self, b: &'static str, args: &[Expr], e: &Expr) -> Operand {
        let int = Type::Basic(Basic::Int);
        let want = |n: usize| -> bool { args.len() == n };
        let count_err = |c: &mut Checker, q: &str| {
            let at = if q == "too many" { args.last().map_or(e.pos(), Expr::pos) } else { e.pos() };
            c.error(
                at,
                format!("{q} arguments for {} (expected {}, found {})", expr_string(e), builtin_arity(b), args.len()),
            );
        };
        match b {
            "len" | "cap" => {
                if !want(1) {
                    count_err(self, if args.is_empty() { "not enough" } else { "too many" });
                    return Operand::invalid();
                }
                let o = self.expr(&args[0]);
                if o.is_invalid() {
                    return Operand::invalid();
                }
                let ok = match self.types.under(&o.typ) {
                    Type::Basic(x) => x.canonical_string() && b == "len",
                    Type::Slice(_) | Type::Array(..) | Type::Chan(..) => true,
                    Type::Map(..) => b == "len",
                    Type::Pointer(p) => matches!(self.types.under(p), Type::Array(..)),
                    _ => false,
                };
                if !ok {
                    self.error(o.pos, format!("invalid argument: {} for built-in {b}", describe(&self.types, &o)));
                    return Operand::invalid();
                }
                let val = match &o.val {
                    Some(Const::Str(s)) => Some(Const::int(s.len())),
                    _ => None,
                };
                let mode = if val.is_some() { Mode::Constant } else { Mode::Value };
                Operand { val, ..self.operand(mode, int, e) }
            }
            "make" => {
                if args.is_empty() {
                    self.error(e.pos(), format!("not enough arguments for {} (expected 1, found 0)", expr_string(e)));
                    return Operand::invalid();
                }
                let t = self.resolve_type(&args[0]);
                for a in &args[1..] {
                    let o = self.expr(a);
                    self.want_int(&o, "size");
                }
                if t.is_invalid() {
                    return Operand::invalid();
                }
                if !matches!(self.types.under(&t), Type::Slice(_) | Type::Map(..) | Type::Chan(..)) {
                    let ts = self.types.display(&t, None);
                    self.error(
                        args[0].pos(),
                        format!("invalid argument: cannot make {ts}; type must be slice, map, or channel"),
                    );
                    return Operand::invalid();
                }
                if matches!(self.types.under(&t), Type::Slice(_)) && args.len() < 2 {
                    let ts = self.types.display(&t, None);
                    self.error(
                        e.pos(),
                        format!("invalid operation: {} expects 2 or 3 arguments; found 1", expr_string(e)),
                    );
                    let _ = ts;
                    return Operand::invalid();
                }
                self.operand(Mode::Value, t, e)
            }
            "new" => {
                if !want(1) {
                    count_err(self, if args.is_empty() { "not enough" } else { "too many" });
                    return Operand::invalid();
                }
                let t = self.resolve_type(&args[0]);
                if t.is_invalid() {
                    return Operand::invalid();
                }
                self.operand(Mode::Value, Type::Pointer(Rc::new(t)), e)
            }
            "append" => {
                if args.is_empty() {
                    count_err(self, "not enough");
                    return Operand::invalid();
                }
                let s = self.expr(&args[0]);
                let rest: Vec<Operand> = args[1..].iter().map(|a| self.expr(a)).collect();
                if s.is_invalid() {
                    return Operand::invalid();
                }
                let Type::Slice(elem) = self.types.under(&s.typ).clone() else {
                    if s.mode != Mode::Nil {
                        self.error(s.pos, format!("invalid argument: {} is not a slice", describe(&self.types, &s)));
                    } else {
                        self.error(s.pos, "first argument to append must be a typed slice; found untyped nil".into());
                    }
                    return Operand::invalid();
                };
                let spread = matches!(e, Expr::Call { ellipsis: true, .. });
                for mut o in rest {
                    if spread {
                        let st = s.typ.clone();
                        if !matches!(self.types.under(&o.typ), Type::Basic(b) if b.canonical_string()) {
                            self.assign(&mut o, &st, "argument to append");
                        }
                    } else {
                        self.assign(&mut o, &elem, "argument to append");
                    }
                }
                self.operand(Mode::Value, s.typ.clone(), e)
            }
            "delete" => {
                if !want(2) {
                    count_err(self, if args.len() < 2 { "not enough" } else { "too many" });
                    return Operand::invalid();
                }
                let m = self.expr(&args[0]);
                let mut k = self.expr(&args[1]);
                if let Type::Map(kt, _) = self.types.under(&m.typ).clone() {
                    self.assign(&mut k, &kt, "argument to delete");
                } else if !m.is_invalid() {
                    self.error(m.pos, format!("invalid argument: {} is not a map", describe(&self.types, &m)));
                }
                self.operand(Mode::NoValue, Type::Tuple(Rc::new(vec![])), e)
            }
            "close" => {
                if !want(1) {
                    count_err(self, if args.is_empty() { "not enough" } else { "too many" });
                    return Operand::invalid();
                }
                let c = self.expr(&args[0]);
                match self.types.under(&c.typ) {
                    Type::Chan(ChanDir::Recv, _) => {
                        self.error(
                            c.pos,
                            format!(
                                "invalid operation: cannot close receive-only channel {}",
                                describe(&self.types, &c)
                            ),
                        );
                    }
                    Type::Chan(..) | Type::Invalid => {}
                    _ => self.error(
                        c.pos,
                        format!("invalid operation: cannot close non-channel {}", describe(&self.types, &c)),
                    ),
                }
                self.operand(Mode::NoValue, Type::Tuple(Rc::new(vec![])), e)
            }
            "panic" => {
                if !want(1) {
                    count_err(self, if args.is_empty() { "not enough" } else { "too many" });
                    return Operand::invalid();
                }
                let mut o = self.expr(&args[0]);
                self.assign(&mut o, &Type::any(), "argument to panic");
                self.operand(Mode::NoValue, Type::Tuple(Rc::new(vec![])), e)
            }
            "recover" => {
                for a in args {
                    self.expr(a);
                }
                self.operand(Mode::Value, Type::any(), e)
            }
            "print" | "println" => {
                for a in args {
                    self.expr(a);
                }
                self.operand(Mode::NoValue, Type::Tuple(Rc::new(vec![])), e)
            }
            "copy" => {
                for a in args {
                    self.expr(a);
                }
                self.operand(Mode::Value, int, e)
            }
            "clear" => {
                for a in args {
                    self.expr(a);
                }
                self.operand(Mode::NoValue, Type::Tuple(Rc::new(vec![])), e)
            }
            _ => {
                // min and max.
                if args.is_empty() {
                    count_err(self, "not enough");
                    return Operand::invalid();
                }
                let mut ops: Vec<Operand> = args.iter().map(|a| self.expr(a)).collect();
                if ops.iter().any(Operand::is_invalid) {
                    return Operand::invalid();
                }
                let typed = ops.iter().find(|o| o.typ.untyped().is_none()).map(|o| o.typ.clone());
                if let Some(t) = &typed {
                    for o in &mut ops {
                        self.convert_untyped(o, t);
                    }
                }
                let t = typed.unwrap_or_else(|| ops[0].typ.clone());
                self.operand(Mode::Value, t, e)
            }
        }
    }
}

impl Operand {
    fn mode_for_result(&self) -> Mode {
        if self.mode == Mode::Constant {
            Mode::Constant
        } else {
            Mode::Value
        }
    }
}

fn builtin_arity(b: &str) -> usize {
    match b {
        "delete" => 2,
        _ => 1,
    }
}

fn e_end_pos(e: &Expr) -> Pos {
    match e {
        Expr::Composite { rbrace, .. } => *rbrace,
        e => e.pos(),
    }
}

fn wider(a: Basic, b: Basic) -> Basic {
    let rank = |x: Basic| match x {
        Basic::UntypedInt => 1,
        Basic::UntypedRune => 2,
        Basic::UntypedFloat => 3,
        _ => 0,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

fn compare(op: &str, a: &Const, b: &Const) -> Option<bool> {
    use std::cmp::Ordering;
    let ord = match (a, b) {
        (Const::Int(x), Const::Int(y)) => x.cmp(y),
        (Const::Str(x), Const::Str(y)) => x.cmp(y),
        (Const::Bool(x), Const::Bool(y)) => x.cmp(y),
        (x, y) => x.rat()?.cmp(&y.rat()?),
    };
    Some(match op {
        "==" => ord == Ordering::Equal,
        "!=" => ord != Ordering::Equal,
        "<" => ord == Ordering::Less,
        "<=" => ord != Ordering::Greater,
        ">" => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    })
}

/// Why constant arithmetic has no result.
enum ArithErr {
    /// `x / 0`, `x % 0`.
    DivZero,
    /// An integer wider than Go's 512 bits.
    Overflow,
    /// Anything else, in full.
    Other(String),
}

/// `a op b` on constants, exactly, as `go/constant` computes it.
fn arith(op: &str, a: &Const, b: &Const, int_result: bool) -> Result<Const, ArithErr> {
    match (a, b) {
        (Const::Str(x), Const::Str(y)) if op == "+" => Ok(Const::Str(format!("{x}{y}"))),
        (Const::Int(x), Const::Int(y)) => {
            if matches!(op, "/" | "%") && y.is_zero() {
                return Err(ArithErr::DivZero);
            }
            let v = match op {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" if int_result => constant::div_rem(x, y).0,
                "/" => return Ok(Const::Float(BigRational::new(x.clone(), y.clone()))),
                "%" => constant::div_rem(x, y).1,
                "&" => x & y,
                "|" => x | y,
                "^" => x ^ y,
                "&^" => x & !y,
                _ => return Err(ArithErr::Other(format!("invalid operation: operator {op} not defined"))),
            };
            if v.bits() > constant::INT_BITS {
                return Err(ArithErr::Overflow);
            }
            Ok(Const::Int(v))
        }
        _ => {
            let (Some(x), Some(y)) = (a.rat(), b.rat()) else {
                return Err(ArithErr::Other(format!("invalid operation: operator {op} not defined")));
            };
            let v = match op {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" if y.is_zero() => return Err(ArithErr::DivZero),
                "/" => x / y,
                _ => {
                    return Err(ArithErr::Other(format!(
                        "invalid operation: operator {op} not defined on untyped float"
                    )))
                }
            };
            if !constant::rat_fits(&v) {
                return Err(ArithErr::Other("Leak Lab does not run constants this large or this precise".into()));
            }
            if int_result && v.is_integer() {
                Ok(Const::Int(v.to_integer()))
            } else {
                Ok(Const::Float(v))
            }
        }
    }
}
