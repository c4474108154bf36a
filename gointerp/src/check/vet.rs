//! The `go vet` checks that matter to goroutine leaks, in Go 1.24's words:
//! `lostcancel` (a context's cancel function not called on every path), `copylocks`
//! (a `sync.Mutex` or `sync.WaitGroup` copied) and `printf` (verbs that do not fit
//! their arguments).

use std::collections::BTreeMap;

use super::checker::{Checker, ERROR_TYPE};
use super::exprstr::expr_string;
use super::types::{Basic, Type};
use crate::diag::Diagnostic;
use crate::syntax::ast::*;
use crate::syntax::parser::unquote;

/// The package path `go vet` prints for the program's own types, as for a file
/// given on the command line (`go vet main.go`).
const MAIN_PATH: &str = "command-line-arguments";

/// Runs the checks on a program that type-checked without errors.
pub fn vet(file: &File, c: &Checker) -> Vec<Diagnostic> {
    let mut v = Vet { c, out: Vec::new() };
    for d in &file.decls {
        match d {
            Decl::Func(f) => {
                v.copylocks_func(&f.name.name, f.recv.as_ref(), &f.typ);
                if let Some(body) = &f.body {
                    v.function(body);
                    v.walk_stmts(&body.stmts);
                }
            }
            Decl::Var(specs) => {
                for s in specs {
                    v.copylocks_spec(s);
                    for e in &s.values {
                        v.walk_expr(e);
                    }
                }
            }
            _ => {}
        }
    }
    v.out.sort();
    v.out.dedup();
    v.out
}

struct Vet<'a> {
    c: &'a Checker,
    out: Vec<Diagnostic>,
}

// What one path through a function does with the cancel variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    // Uses it: this path is fine.
    Used,
    // Reaches a return without using it.
    Return(Pos),
    // Goes on to the next statement.
    Falls,
    // Ends without returning (`panic`, `log.Fatal`, an endless loop, `continue`).
    Dead,
}

impl Vet<'_> {
    fn report(&mut self, pos: Pos, msg: String) {
        self.out.push(Diagnostic::new(pos, msg));
    }

    fn type_of(&self, e: &Expr) -> Option<&Type> {
        self.c.expr_types.get(&(e.pos(), expr_string(e)))
    }

    fn callee(&self, e: &Expr) -> Option<(&str, &str)> {
        match e {
            Expr::Call { lparen, .. } => self.c.callees.get(lparen).map(|(p, n)| (p.as_str(), n.as_str())),
            _ => None,
        }
    }

    // ----- the walk over every statement and expression -----

    fn walk_stmts(&mut self, list: &[Stmt]) {
        for s in list {
            self.walk_stmt(s);
        }
    }

    fn walk_stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Decl { decl: Decl::Var(specs), .. } => {
                for sp in specs {
                    self.copylocks_spec(sp);
                    for e in &sp.values {
                        self.walk_expr(e);
                    }
                }
            }
            Stmt::Decl { .. } | Stmt::Branch { .. } | Stmt::Empty { .. } => {}
            Stmt::TypeSwitch { init, x, cases, .. } => {
                if let Some(i) = init {
                    self.walk_stmt(i);
                }
                self.walk_expr(x);
                for c in cases {
                    self.walk_stmts(&c.body);
                }
            }
            Stmt::Labeled { stmt, .. } => self.walk_stmt(stmt),
            Stmt::Expr(e) => self.walk_expr(e),
            Stmt::Send { ch, value, .. } => {
                self.walk_expr(ch);
                self.walk_expr(value);
            }
            Stmt::IncDec { x, .. } => self.walk_expr(x),
            Stmt::Assign { lhs, op, rhs, .. } => {
                if (*op == "=" || *op == ":=") && lhs.len() == rhs.len() {
                    for (l, r) in lhs.iter().zip(rhs) {
                        if let Some(path) = self.lock_path_rhs(r) {
                            let msg = format!("assignment copies lock value to {}: {path}", expr_string(l));
                            self.report(r.pos(), msg);
                        }
                    }
                }
                for e in lhs.iter().chain(rhs) {
                    self.walk_expr(e);
                }
            }
            Stmt::Go { call, .. } | Stmt::Defer { call, .. } => self.walk_expr(call),
            Stmt::Return { results, .. } => {
                for r in results {
                    if let Some(path) = self.lock_path_rhs(r) {
                        self.report(r.pos(), format!("return copies lock value: {path}"));
                    }
                    self.walk_expr(r);
                }
            }
            Stmt::Block(b) => self.walk_stmts(&b.stmts),
            Stmt::If { init, cond, then, els, .. } => {
                if let Some(i) = init {
                    self.walk_stmt(i);
                }
                self.walk_expr(cond);
                self.walk_stmts(&then.stmts);
                if let Some(e) = els {
                    self.walk_stmt(e);
                }
            }
            Stmt::Switch { init, tag, cases, .. } => {
                if let Some(i) = init {
                    self.walk_stmt(i);
                }
                if let Some(t) = tag {
                    self.walk_expr(t);
                }
                for c in cases {
                    for e in &c.exprs {
                        self.walk_expr(e);
                    }
                    self.walk_stmts(&c.body);
                }
            }
            Stmt::Select { cases, .. } => {
                for c in cases {
                    if let Some(comm) = &c.comm {
                        self.walk_stmt(comm);
                    }
                    self.walk_stmts(&c.body);
                }
            }
            Stmt::For { init, cond, post, body, .. } => {
                if let Some(i) = init {
                    self.walk_stmt(i);
                }
                if let Some(c) = cond {
                    self.walk_expr(c);
                }
                if let Some(p) = post {
                    self.walk_stmt(p);
                }
                self.walk_stmts(&body.stmts);
            }
            Stmt::Range { key, value, x, body, .. } => {
                for e in [key, value].into_iter().flatten() {
                    if let Some(path) = self.type_of(e).and_then(|t| self.lock_path(t)) {
                        self.report(e.pos(), format!("range var {} copies lock: {path}", expr_string(e)));
                    }
                }
                self.walk_expr(x);
                self.walk_stmts(&body.stmts);
            }
        }
    }

    fn walk_expr(&mut self, e: &Expr) {
        match e {
            Expr::Ident(_) | Expr::Lit(_) | Expr::Ellipsis { .. } => {}
            Expr::Composite { elts, .. } => {
                for el in elts {
                    let v = match el {
                        Expr::KeyValue { value, .. } => value.as_ref(),
                        el => el,
                    };
                    if let Some(path) = self.lock_path_rhs(v) {
                        self.report(v.pos(), format!("literal copies lock value from {}: {path}", expr_string(v)));
                    }
                    self.walk_expr(el);
                }
            }
            Expr::KeyValue { key, value } => {
                self.walk_expr(key);
                self.walk_expr(value);
            }
            Expr::FuncLit { typ, body } => {
                self.copylocks_func("func", None, typ);
                self.function(body);
                self.walk_stmts(&body.stmts);
            }
            Expr::Paren { x, .. } | Expr::Selector { x, .. } | Expr::Star { x, .. } | Expr::Unary { x, .. } => {
                self.walk_expr(x)
            }
            Expr::TypeAssert { x, .. } => self.walk_expr(x),
            Expr::Index { x, index, .. } => {
                self.walk_expr(x);
                self.walk_expr(index);
            }
            Expr::Slice { x, lo, hi, max, .. } => {
                self.walk_expr(x);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.walk_expr(p);
                }
            }
            Expr::Call { fun, args, .. } => {
                self.copylocks_call(fun, args);
                self.printf(e, args);
                self.walk_expr(fun);
                for a in args {
                    self.walk_expr(a);
                }
            }
            Expr::Binary { x, y, .. } => {
                self.walk_expr(x);
                self.walk_expr(y);
            }
            Expr::ArrayType { .. }
            | Expr::MapType { .. }
            | Expr::ChanType { .. }
            | Expr::FuncType(_)
            | Expr::StructType { .. }
            | Expr::InterfaceType { .. } => {}
        }
    }

    // ----- copylocks -----

    /// The lock a value of type `t` contains, as vet prints it: `sync.Mutex`,
    /// `command-line-arguments.counter contains sync.Mutex`.
    fn lock_path(&self, t: &Type) -> Option<String> {
        let mut path = Vec::new();
        if self.lock_path_into(t, &mut path, 0) {
            path.reverse();
            Some(path.join(" contains "))
        } else {
            None
        }
    }

    fn lock_path_into(&self, t: &Type, path: &mut Vec<String>, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        let types = &self.c.types;
        let mut t = t;
        while let Type::Array(_, elem) = types.under(t) {
            t = elem;
        }
        let Type::Struct(fields) = types.under(t) else { return false };
        // A type whose pointer has Lock and Unlock but whose value has not is a lock
        // (sync.Mutex, sync.RWMutex, sync's noCopy).
        let ptr_lock = ["Lock", "Unlock"].iter().all(|m| types.method(&Type::Pointer(t.clone().into()), m).is_some());
        let val_lock = ["Lock", "Unlock"].iter().all(|m| types.method(t, m).is_some_and(|x| !x.ptr_recv));
        if ptr_lock && !val_lock {
            path.push(types.display(t, Some(MAIN_PATH)));
            return true;
        }
        for f in fields.iter() {
            if self.lock_path_into(&f.typ, path, depth + 1) {
                path.push(types.display(t, Some(MAIN_PATH)));
                return true;
            }
        }
        false
    }

    /// A copied lock on the right of an assignment: a literal or a call's result is a
    /// fresh value, not a copy.
    fn lock_path_rhs(&self, e: &Expr) -> Option<String> {
        let inner = strip(e);
        if matches!(inner, Expr::Composite { .. } | Expr::Call { .. }) {
            return None;
        }
        if let Expr::Star { x, .. } = inner {
            if matches!(strip(x), Expr::Call { .. }) {
                return None;
            }
        }
        self.type_of(e).and_then(|t| self.lock_path(t))
    }

    fn copylocks_func(&mut self, name: &str, recv: Option<&Field>, typ: &FuncType) {
        for f in recv.into_iter().chain(typ.params.iter()) {
            if f.variadic {
                continue;
            }
            let Some(t) = self.c.type_exprs.get(&f.typ.pos()) else { continue };
            if let Some(path) = self.lock_path(t) {
                self.report(f.typ.pos(), format!("{name} passes lock by value: {path}"));
            }
        }
    }

    fn copylocks_spec(&mut self, s: &ValueSpec) {
        if s.names.len() != s.values.len() {
            return;
        }
        for (n, v) in s.names.iter().zip(&s.values) {
            if let Some(path) = self.lock_path_rhs(v) {
                self.report(v.pos(), format!("variable declaration copies lock value to {}: {path}", n.name));
            }
        }
    }

    fn copylocks_call(&mut self, fun: &Expr, args: &[Expr]) {
        if let Expr::Ident(id) = strip(fun) {
            if matches!(id.name.as_str(), "new" | "len" | "cap") && self.type_of(fun).is_some_and(Type::is_invalid) {
                return;
            }
        }
        for a in args {
            if let Some(path) = self.lock_path_rhs(a) {
                self.report(a.pos(), format!("call of {} copies lock value: {path}", expr_string(fun)));
            }
        }
    }

    // ----- lostcancel -----

    /// Finds `ctx, cancel := context.WithCancel(...)` statements directly in `body` (not
    /// in nested function literals, which are functions of their own) and follows the
    /// paths from each to the function's returns.
    fn function(&mut self, body: &Block) {
        let mut defs = Vec::new();
        collect_cancel_defs(&body.stmts, &mut defs);
        for (stmt_pos, lhs, call) in defs {
            let Some((path, name)) = self.callee(&call) else { continue };
            if path != "context" || !name.starts_with("With") || name == "WithValue" || name == "WithoutCancel" {
                continue;
            }
            let Some(Expr::Ident(id)) = lhs.get(1) else { continue };
            if id.name == "_" {
                self.report(
                    id.pos,
                    format!("the cancel function returned by context.{name} should be called, not discarded, to avoid a context leak"),
                );
                continue;
            }
            let Some(&var) = self.c.uses.get(&id.pos) else { continue };
            let mut walker = CancelWalk {
                uses: &self.c.uses,
                var,
                def_pos: id.pos,
                stmt_pos,
                active: false,
                callees: &self.c.callees,
            };
            let flow = walker.seq(&body.stmts);
            let ret = match flow {
                Flow::Return(p) => Some(p),
                // Falling off the end is an implicit return at the closing brace.
                Flow::Falls => Some(body.end),
                Flow::Used | Flow::Dead => None,
            };
            if let Some(ret) = ret {
                let vname = &self.c.vars[var].name;
                self.report(stmt_pos, format!("the {vname} function is not used on all paths (possible context leak)"));
                self.report(
                    ret,
                    format!(
                        "this return statement may be reached without using the {vname} var defined on line {}",
                        stmt_pos.line
                    ),
                );
            }
        }
    }

    // ----- printf -----

    fn printf(&mut self, call: &Expr, args: &[Expr]) {
        let Some((path, name)) = self.callee(call) else { return };
        let full = format!("{path}.{name}");
        let format_at = match full.as_str() {
            "fmt.Printf" | "fmt.Sprintf" | "fmt.Errorf" | "log.Printf" | "log.Fatalf" | "log.Panicf" => Some(0),
            "fmt.Fprintf" => Some(1),
            "fmt.Print" | "fmt.Println" | "fmt.Sprint" | "fmt.Sprintln" | "log.Print" | "log.Println" | "log.Fatal"
            | "log.Fatalln" | "log.Panic" | "log.Panicln" => None,
            "fmt.Fprint" | "fmt.Fprintln" => {
                return self.print_call(call, &full, &args[1.min(args.len())..]);
            }
            _ => return,
        };
        let Some(k) = format_at else { return self.print_call(call, &full, args) };
        let Some(fmt_expr) = args.get(k) else { return };
        let Some(format) = self.const_string(fmt_expr) else {
            if args.len() == k + 1 {
                self.report(fmt_expr.pos(), format!("non-constant format string in call to {full}"));
            }
            return;
        };
        let rest = &args[k + 1..];
        let mut argn = 0usize;
        let bytes = format.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'%' {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < bytes.len() && b"+-# 0".contains(&bytes[i]) {
                i += 1;
            }
            let mut stars = 0;
            let take_num = |i: &mut usize, stars: &mut usize| {
                if *i < bytes.len() && bytes[*i] == b'*' {
                    *stars += 1;
                    *i += 1;
                } else {
                    while *i < bytes.len() && bytes[*i].is_ascii_digit() {
                        *i += 1;
                    }
                }
            };
            take_num(&mut i, &mut stars);
            if i < bytes.len() && bytes[i] == b'.' {
                i += 1;
                take_num(&mut i, &mut stars);
            }
            if i >= bytes.len() {
                let directive = &format[start..];
                self.report(call.pos(), format!("{full} format {directive} is missing verb at end of string"));
                return;
            }
            let verb_len = format[i..].chars().next().map_or(1, char::len_utf8);
            let verb = format[i..].chars().next().unwrap_or('%');
            let directive = &format[start..i + verb_len];
            i += verb_len;
            if verb == '%' {
                continue;
            }
            argn += stars;
            if !"vTtbcdoOqxXUeEfFgGspw".contains(verb) {
                self.report(call.pos(), format!("{full} format {directive} has unknown verb {verb}"));
                return;
            }
            if verb == 'w' && full != "fmt.Errorf" {
                self.report(call.pos(), format!("{full} does not support error-wrapping directive %w"));
                return;
            }
            argn += 1;
            let Some(arg) = rest.get(argn - 1) else {
                let have = plural(rest.len(), "arg");
                self.report(call.pos(), format!("{full} format {directive} reads arg #{argn}, but call has {have}"));
                return;
            };
            if let Some(t) = self.type_of(arg) {
                if !self.verb_fits(verb, t) {
                    // An untyped constant is passed as its default type (`2.5` a float64).
                    let t = match t {
                        Type::Basic(b) if b.is_untyped() => &Type::Basic(b.default_type()),
                        t => t,
                    };
                    let ts = self.c.types.display(t, None);
                    self.report(
                        call.pos(),
                        format!("{full} format {directive} has arg {} of wrong type {ts}", expr_string(arg)),
                    );
                    return;
                }
            }
        }
        if argn < rest.len() {
            let (need, has) = (plural(argn, "arg"), plural(rest.len(), "arg"));
            self.report(call.pos(), format!("{full} call needs {need} but has {has}"));
        }
    }

    fn print_call(&mut self, call: &Expr, full: &str, args: &[Expr]) {
        let Some(first) = args.first() else { return };
        if let Some(s) = self.const_string(first) {
            if let Some(idx) = s.find('%') {
                let rest = &s[idx + 1..];
                let verb_end = rest.find(|c: char| c.is_ascii_alphabetic()).map(|j| j + 1);
                if let Some(j) = verb_end {
                    let directive = &s[idx..idx + 1 + j];
                    let is_directive = rest[..j - 1].chars().all(|c| "+-# 0.123456789*".contains(c))
                        && "vTtbcdoOqxXUeEfFgGspw".contains(&rest[j - 1..j]);
                    if is_directive {
                        self.report(
                            call.pos(),
                            format!("{full} call has possible Printf formatting directive {directive}"),
                        );
                    }
                }
            }
        }
        if full.ends_with("ln") {
            if let Some(s) = args.last().and_then(|a| self.const_string(a)) {
                if s.ends_with('\n') {
                    self.report(call.pos(), format!("{full} arg list ends with redundant newline"));
                }
            }
        }
    }

    fn const_string(&self, e: &Expr) -> Option<String> {
        match strip(e) {
            Expr::Lit(Lit { kind: LitKind::String, raw, .. }) => unquote(raw),
            Expr::Binary { op: "+", x, y, .. } => Some(self.const_string(x)? + &self.const_string(y)?),
            _ => None,
        }
    }

    /// Whether a value of type `t` may be printed with `verb` (vet's `matchArgType`).
    fn verb_fits(&self, verb: char, t: &Type) -> bool {
        let types = &self.c.types;
        if t.is_invalid() || matches!(verb, 'v' | 'T') || types.is_interface(t) && verb != 'w' {
            return true;
        }
        let is_error = types.missing_method(t, &Type::Named(ERROR_TYPE)).is_none();
        let stringer =
            types.method(t, "String").is_some_and(|m| m.sig.params.is_empty()) || types.method(t, "Error").is_some();
        if verb == 'w' {
            return is_error;
        }
        if (is_error || stringer) && matches!(verb, 's' | 'q' | 'x' | 'X') {
            return true;
        }
        match types.under(t) {
            Type::Basic(b) => {
                let b = b.default_type();
                let int = b.is_integer();
                let float = matches!(b, Basic::Float32 | Basic::Float64 | Basic::UntypedFloat);
                let string = matches!(b, Basic::String | Basic::UntypedString);
                match verb {
                    'd' | 'o' | 'O' | 'c' | 'U' => int,
                    'b' => int || float,
                    'x' | 'X' => int || float || string,
                    'e' | 'E' | 'f' | 'F' | 'g' | 'G' => float,
                    's' => string,
                    'q' => string || int,
                    't' => matches!(b, Basic::Bool | Basic::UntypedBool),
                    _ => false,
                }
            }
            Type::Pointer(_) | Type::Chan(..) | Type::Func(_) | Type::Map(..) if verb == 'p' => true,
            Type::Slice(elem) => {
                if verb == 'p' {
                    return true;
                }
                if matches!(**elem, Type::Basic(Basic::Byte | Basic::Uint8)) && matches!(verb, 's' | 'q' | 'x' | 'X') {
                    return true;
                }
                self.verb_fits(verb, elem)
            }
            Type::Array(_, elem) => self.verb_fits(verb, elem),
            Type::Map(k, v) => self.verb_fits(verb, k) && self.verb_fits(verb, v),
            Type::Pointer(inner) => {
                // Pointers print as addresses with %d and %x, and structs behind them field by field.
                matches!(verb, 'd' | 'x' | 'X' | 'b' | 'o')
                    || matches!(types.under(inner), Type::Struct(_)) && self.verb_fits(verb, inner)
            }
            Type::Struct(fields) => fields.iter().all(|f| self.verb_fits(verb, &f.typ)),
            _ => false,
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren { x, .. } => strip(x),
        e => e,
    }
}

/// `(statement position, left-hand side, call)` for every assignment or `var` whose
/// value is one call with several results, outside nested function literals.
fn collect_cancel_defs(list: &[Stmt], out: &mut Vec<(Pos, Vec<Expr>, Expr)>) {
    for s in list {
        match s {
            Stmt::Assign { lhs, op: ":=" | "=", rhs, .. } if lhs.len() == 2 && rhs.len() == 1 => {
                if matches!(strip(&rhs[0]), Expr::Call { .. }) {
                    out.push((s.pos(), lhs.clone(), strip(&rhs[0]).clone()));
                }
            }
            Stmt::Decl { pos, decl: Decl::Var(specs) } => {
                for sp in specs {
                    if sp.names.len() == 2 && sp.values.len() == 1 {
                        let lhs = sp.names.iter().map(|n| Expr::Ident(n.clone())).collect();
                        out.push((*pos, lhs, strip(&sp.values[0]).clone()));
                    }
                }
            }
            Stmt::Labeled { stmt, .. } => collect_cancel_defs(std::slice::from_ref(stmt), out),
            Stmt::Block(b) => collect_cancel_defs(&b.stmts, out),
            Stmt::If { init, then, els, .. } => {
                if let Some(i) = init {
                    collect_cancel_defs(std::slice::from_ref(i), out);
                }
                collect_cancel_defs(&then.stmts, out);
                if let Some(e) = els {
                    collect_cancel_defs(std::slice::from_ref(e), out);
                }
            }
            Stmt::For { body, .. } | Stmt::Range { body, .. } => collect_cancel_defs(&body.stmts, out),
            Stmt::Switch { cases, .. } | Stmt::TypeSwitch { cases, .. } => {
                cases.iter().for_each(|c| collect_cancel_defs(&c.body, out))
            }
            Stmt::Select { cases, .. } => cases.iter().for_each(|c| collect_cancel_defs(&c.body, out)),
            _ => {}
        }
    }
}

/// Follows the paths from the statement defining a cancel variable, in the order
/// vet's depth-first search over the control-flow graph takes them.
struct CancelWalk<'a> {
    uses: &'a BTreeMap<Pos, usize>,
    callees: &'a BTreeMap<Pos, (String, String)>,
    var: usize,
    def_pos: Pos,
    stmt_pos: Pos,
    // Whether the walk has passed the defining statement.
    active: bool,
}

impl CancelWalk<'_> {
    fn seq(&mut self, list: &[Stmt]) -> Flow {
        for s in list {
            if !self.active && !contains_stmt(s, self.stmt_pos) {
                continue;
            }
            match self.stmt(s) {
                Flow::Falls => {}
                other => return other,
            }
        }
        Flow::Falls
    }

    fn stmt(&mut self, s: &Stmt) -> Flow {
        if !self.active && s.pos() == self.stmt_pos {
            self.active = true;
            return Flow::Falls;
        }
        match s {
            Stmt::Return { results, .. } => {
                if results.iter().any(|r| self.expr_uses(r)) {
                    Flow::Used
                } else {
                    Flow::Return(s.pos())
                }
            }
            Stmt::Block(b) => self.seq(&b.stmts),
            Stmt::Labeled { stmt, .. } => self.stmt(stmt),
            Stmt::If { init, cond, then, els, .. } => {
                let was_active = self.active;
                if let Some(i) = init {
                    if !was_active && contains_stmt(i, self.stmt_pos) {
                        self.stmt(i);
                    } else if was_active && self.stmt_uses(i) {
                        return Flow::Used;
                    }
                }
                if !self.active {
                    // The definition is inside one branch: only that one is on the path.
                    if contains_block(then, self.stmt_pos) {
                        return self.seq(&then.stmts);
                    }
                    return match els {
                        Some(e) => self.stmt(e),
                        None => Flow::Falls,
                    };
                }
                if self.expr_uses(cond) {
                    return Flow::Used;
                }
                let t = self.seq(&then.stmts);
                let e = match els {
                    Some(e) => self.stmt(e),
                    None => Flow::Falls,
                };
                join(&[t, e])
            }
            Stmt::For { init, cond, post, body, .. } => {
                if self.active
                    && (init.as_ref().is_some_and(|i| self.stmt_uses(i))
                        || cond.as_ref().is_some_and(|c| self.expr_uses(c))
                        || post.as_ref().is_some_and(|p| self.stmt_uses(p)))
                {
                    return Flow::Used;
                }
                let b = self.seq(&body.stmts);
                if let Flow::Return(_) = b {
                    return b;
                }
                if cond.is_some() || body_breaks(&body.stmts) {
                    join(&[b, Flow::Falls])
                } else {
                    Flow::Dead
                }
            }
            Stmt::Range { x, body, .. } => {
                if self.active && self.expr_uses(x) {
                    return Flow::Used;
                }
                let b = self.seq(&body.stmts);
                if let Flow::Return(_) = b {
                    return b;
                }
                join(&[b, Flow::Falls])
            }
            Stmt::TypeSwitch { init, x, cases, .. } => {
                if self.active && (init.as_ref().is_some_and(|i| self.stmt_uses(i)) || self.expr_uses(x)) {
                    return Flow::Used;
                }
                let was_active = self.active;
                let mut flows = Vec::new();
                for c in cases {
                    if was_active || c.body.iter().any(|s| contains_stmt(s, self.stmt_pos)) {
                        flows.push(self.seq(&c.body));
                    }
                }
                if was_active && !cases.iter().any(|c| c.default) {
                    flows.push(Flow::Falls);
                }
                join(&flows)
            }
            Stmt::Switch { init, tag, cases, .. } => {
                if self.active
                    && (init.as_ref().is_some_and(|i| self.stmt_uses(i))
                        || tag.as_ref().is_some_and(|t| self.expr_uses(t)))
                {
                    return Flow::Used;
                }
                let was_active = self.active;
                let mut flows = Vec::new();
                for c in cases {
                    if was_active && c.exprs.iter().any(|e| self.expr_uses(e)) {
                        flows.push(Flow::Used);
                        continue;
                    }
                    if was_active || c.body.iter().any(|s| contains_stmt(s, self.stmt_pos)) {
                        flows.push(self.seq(&c.body));
                    }
                }
                if was_active && !cases.iter().any(|c| c.default) {
                    flows.push(Flow::Falls);
                }
                join(&flows)
            }
            Stmt::Select { cases, .. } => {
                let was_active = self.active;
                let mut flows = Vec::new();
                for c in cases {
                    if was_active && c.comm.as_ref().is_some_and(|s| self.stmt_uses(s)) {
                        flows.push(Flow::Used);
                        continue;
                    }
                    if was_active || c.body.iter().any(|s| contains_stmt(s, self.stmt_pos)) {
                        flows.push(self.seq(&c.body));
                    }
                }
                join(&flows)
            }
            Stmt::Branch { .. } => Flow::Dead,
            Stmt::Expr(e) if self.no_return(e) => {
                if self.expr_uses(e) {
                    Flow::Used
                } else {
                    Flow::Dead
                }
            }
            other => {
                if self.stmt_uses(other) {
                    Flow::Used
                } else {
                    Flow::Falls
                }
            }
        }
    }

    // `panic(...)`, `log.Fatal(...)`, `os.Exit(...)`: calls that never return.
    fn no_return(&self, e: &Expr) -> bool {
        let Expr::Call { fun, lparen, .. } = strip(e) else { return false };
        if matches!(strip(fun), Expr::Ident(i) if i.name == "panic") {
            return true;
        }
        matches!(
            self.callees.get(lparen).map(|(p, n)| (p.as_str(), n.as_str())),
            Some(("log", "Fatal" | "Fatalf" | "Fatalln" | "Panic" | "Panicf" | "Panicln") | ("os", "Exit"))
        )
    }

    fn uses_at(&self, pos: Pos) -> bool {
        pos != self.def_pos && self.uses.get(&pos) == Some(&self.var)
    }

    fn stmt_uses(&self, s: &Stmt) -> bool {
        let mut idents = Vec::new();
        stmt_idents(s, &mut idents);
        idents.into_iter().any(|p| self.uses_at(p))
    }

    fn expr_uses(&self, e: &Expr) -> bool {
        let mut idents = Vec::new();
        expr_idents(e, &mut idents);
        idents.into_iter().any(|p| self.uses_at(p))
    }
}

/// The first return found on any path wins; otherwise a path that goes on.
fn join(flows: &[Flow]) -> Flow {
    if let Some(r) = flows.iter().find(|f| matches!(f, Flow::Return(_))) {
        return *r;
    }
    if flows.contains(&Flow::Falls) {
        return Flow::Falls;
    }
    if flows.contains(&Flow::Used) {
        Flow::Used
    } else {
        Flow::Dead
    }
}

fn body_breaks(list: &[Stmt]) -> bool {
    let mut found = false;
    for s in list {
        match s {
            Stmt::Branch { tok: "break", .. } => found = true,
            Stmt::Block(b) => found |= body_breaks(&b.stmts),
            Stmt::If { then, els, .. } => {
                found |= body_breaks(&then.stmts) || els.as_ref().is_some_and(|e| body_breaks(std::slice::from_ref(e)))
            }
            Stmt::Select { cases, .. } => {
                // A labeled break inside a select can leave the loop.
                found |= cases
                    .iter()
                    .any(|c| c.body.iter().any(|s| matches!(s, Stmt::Branch { tok: "break", label: Some(_), .. })))
            }
            _ => {}
        }
    }
    found
}

fn contains_block(b: &Block, pos: Pos) -> bool {
    b.stmts.iter().any(|s| contains_stmt(s, pos))
}

fn contains_stmt(s: &Stmt, pos: Pos) -> bool {
    if s.pos() == pos {
        return true;
    }
    match s {
        Stmt::Block(b) => contains_block(b, pos),
        Stmt::Labeled { stmt, .. } => contains_stmt(stmt, pos),
        Stmt::If { init, then, els, .. } => {
            init.as_ref().is_some_and(|i| contains_stmt(i, pos))
                || contains_block(then, pos)
                || els.as_ref().is_some_and(|e| contains_stmt(e, pos))
        }
        Stmt::For { body, .. } | Stmt::Range { body, .. } => contains_block(body, pos),
        Stmt::Switch { cases, .. } | Stmt::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| c.body.iter().any(|s| contains_stmt(s, pos)))
        }
        Stmt::Select { cases, .. } => cases.iter().any(|c| c.body.iter().any(|s| contains_stmt(s, pos))),
        _ => false,
    }
}

fn stmt_idents(s: &Stmt, out: &mut Vec<Pos>) {
    match s {
        Stmt::Decl { decl: Decl::Var(specs) | Decl::Const(specs), .. } => {
            for sp in specs {
                sp.values.iter().for_each(|e| expr_idents(e, out));
            }
        }
        Stmt::Decl { .. } | Stmt::Branch { .. } | Stmt::Empty { .. } => {}
        Stmt::TypeSwitch { init, x, cases, .. } => {
            if let Some(i) = init {
                stmt_idents(i, out);
            }
            expr_idents(x, out);
            for c in cases {
                c.body.iter().for_each(|s| stmt_idents(s, out));
            }
        }
        Stmt::Labeled { stmt, .. } => stmt_idents(stmt, out),
        Stmt::Expr(e) | Stmt::IncDec { x: e, .. } => expr_idents(e, out),
        Stmt::Send { ch, value, .. } => {
            expr_idents(ch, out);
            expr_idents(value, out);
        }
        Stmt::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs).for_each(|e| expr_idents(e, out)),
        Stmt::Go { call, .. } | Stmt::Defer { call, .. } => expr_idents(call, out),
        Stmt::Return { results, .. } => results.iter().for_each(|e| expr_idents(e, out)),
        Stmt::Block(b) => b.stmts.iter().for_each(|s| stmt_idents(s, out)),
        Stmt::If { init, cond, then, els, .. } => {
            if let Some(i) = init {
                stmt_idents(i, out);
            }
            expr_idents(cond, out);
            then.stmts.iter().for_each(|s| stmt_idents(s, out));
            if let Some(e) = els {
                stmt_idents(e, out);
            }
        }
        Stmt::Switch { init, tag, cases, .. } => {
            if let Some(i) = init {
                stmt_idents(i, out);
            }
            if let Some(t) = tag {
                expr_idents(t, out);
            }
            for c in cases {
                c.exprs.iter().for_each(|e| expr_idents(e, out));
                c.body.iter().for_each(|s| stmt_idents(s, out));
            }
        }
        Stmt::Select { cases, .. } => {
            for c in cases {
                if let Some(comm) = &c.comm {
                    stmt_idents(comm, out);
                }
                c.body.iter().for_each(|s| stmt_idents(s, out));
            }
        }
        Stmt::For { init, cond, post, body, .. } => {
            if let Some(i) = init {
                stmt_idents(i, out);
            }
            if let Some(c) = cond {
                expr_idents(c, out);
            }
            if let Some(p) = post {
                stmt_idents(p, out);
            }
            body.stmts.iter().for_each(|s| stmt_idents(s, out));
        }
        Stmt::Range { key, value, x, body, .. } => {
            for e in [key, value].into_iter().flatten() {
                expr_idents(e, out);
            }
            expr_idents(x, out);
            body.stmts.iter().for_each(|s| stmt_idents(s, out));
        }
    }
}

fn expr_idents(e: &Expr, out: &mut Vec<Pos>) {
    match e {
        Expr::Ident(i) => out.push(i.pos),
        Expr::Lit(_) | Expr::Ellipsis { .. } => {}
        Expr::Composite { elts, .. } => elts.iter().for_each(|x| expr_idents(x, out)),
        Expr::KeyValue { key, value } => {
            expr_idents(key, out);
            expr_idents(value, out);
        }
        Expr::FuncLit { body, .. } => body.stmts.iter().for_each(|s| stmt_idents(s, out)),
        Expr::Paren { x, .. }
        | Expr::Selector { x, .. }
        | Expr::Star { x, .. }
        | Expr::Unary { x, .. }
        | Expr::TypeAssert { x, .. } => expr_idents(x, out),
        Expr::Index { x, index, .. } => {
            expr_idents(x, out);
            expr_idents(index, out);
        }
        Expr::Slice { x, lo, hi, max, .. } => {
            expr_idents(x, out);
            for p in [lo, hi, max].into_iter().flatten() {
                expr_idents(p, out);
            }
        }
        Expr::Call { fun, args, .. } => {
            expr_idents(fun, out);
            args.iter().for_each(|a| expr_idents(a, out));
        }
        Expr::Binary { x, y, .. } => {
            expr_idents(x, out);
            expr_idents(y, out);
        }
        Expr::ArrayType { .. }
        | Expr::MapType { .. }
        | Expr::ChanType { .. }
        | Expr::FuncType(_)
        | Expr::StructType { .. }
        | Expr::InterfaceType { .. } => {}
    }
}
