//! The type checker: what `go build` reports about a program of the subset, in
//! Go 1.24's words and at Go 1.24's positions (the start of the offending expression).
//!
//! An expression that already has an error gets [`Type::Invalid`], which silences
//! every error that would only repeat it, as Go's checker does.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::exprstr::expr_string;
use super::stdlib::PACKAGES;
use super::types::{Basic, ChanDir, FieldT, Method, Named, Sig, Type, Types};
use crate::diag::Diagnostic;
use crate::syntax::ast::*;
use crate::syntax::parser::{parse_file, unquote, unquote_char};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

#[path = "expr.rs"]
mod expr;
#[path = "slice_expr.rs"]
mod slice_expr;
#[path = "type_switch.rs"]
mod type_switch;

/// A constant's value: exact, as Go's untyped constants are (`go/constant`).
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// A boolean.
    Bool(bool),
    /// An integer (also a rune), of any size.
    Int(BigInt),
    /// A floating-point number, as an exact rational (a `float64` constant holds the
    /// `float64` nearest its value).
    Float(BigRational),
    /// A string.
    Str(String),
}

impl Const {
    /// An integer constant.
    pub fn int(i: impl Into<BigInt>) -> Const {
        Const::Int(i.into())
    }

    /// The value as Go's errors print it.
    pub fn text(&self) -> String {
        match self {
            Const::Bool(b) => b.to_string(),
            Const::Int(i) => i.to_string(),
            Const::Float(f) => super::constant::float_text(f),
            Const::Str(s) => format!("{s:?}"),
        }
    }

    /// A number's exact value.
    pub fn rat(&self) -> Option<BigRational> {
        match self {
            Const::Int(i) => Some(super::constant::from_int(i)),
            Const::Float(f) => Some(f.clone()),
            _ => None,
        }
    }

    /// A number's value as an integer, if it is a whole number.
    pub fn whole(&self) -> Option<BigInt> {
        match self {
            Const::Int(i) => Some(i.clone()),
            Const::Float(f) if f.is_integer() => Some(f.to_integer()),
            _ => None,
        }
    }

    /// The nearest `float64` to a number.
    pub fn f64(&self) -> Option<f64> {
        self.rat().map(|r| super::constant::to_f64(&r))
    }
}

/// How an operand may be used, as in Go's checker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Has an error already.
    Invalid,
    /// A call without results.
    NoValue,
    /// A built-in function (`len`).
    Builtin(&'static str),
    /// A type.
    TypeExpr,
    /// A constant.
    Constant,
    /// An addressable variable.
    Variable,
    /// `m[k]`: assignable, and comma-ok capable.
    MapIndex,
    /// A computed value.
    Value,
    /// A receive or type assertion: may yield a second `ok` result.
    CommaOk,
    /// `nil`.
    Nil,
}

/// An expression's meaning.
#[derive(Clone, Debug)]
pub struct Operand {
    /// The mode.
    pub mode: Mode,
    /// The type (`Invalid` with `Mode::Invalid`).
    pub typ: Type,
    /// The value of a constant.
    pub val: Option<Const>,
    /// The expression's text, for messages.
    pub text: String,
    /// Where the expression starts: where Go reports errors about it.
    pub pos: Pos,
}

impl Operand {
    fn invalid() -> Operand {
        Operand { mode: Mode::Invalid, typ: Type::Invalid, val: None, text: String::new(), pos: Pos::default() }
    }

    fn value(typ: Type, text: String, pos: Pos) -> Operand {
        Operand { mode: Mode::Value, typ, val: None, text, pos }
    }

    fn is_invalid(&self) -> bool {
        // A built-in function has no type, and is not an error for that.
        self.mode == Mode::Invalid || (self.typ.is_invalid() && !matches!(self.mode, Mode::Builtin(_)))
    }
}

/// What a name denotes.
#[derive(Clone, Debug)]
pub enum Obj {
    /// A variable, by index into the checker's variables.
    Var(usize),
    /// A constant.
    Const(Type, Option<Const>),
    /// A type.
    TypeName(Type),
    /// A function.
    Func(Rc<Sig>),
    /// An imported package, by index into the file's imports.
    Pkg(usize),
    /// A standard package named inside another's declarations, by package index.
    StdPkg(usize),
    /// A built-in function.
    Builtin(&'static str),
    /// `nil`.
    Nil,
    /// A package-level `var` or `const` not yet checked: (spec, name index, is const).
    Pending(usize, usize, bool),
}

/// A declared variable.
#[derive(Clone, Debug)]
pub struct VarInfo {
    /// The name.
    pub name: String,
    /// Where it is declared.
    pub pos: Pos,
    /// Its type.
    pub typ: Type,
    /// Read somewhere.
    pub used: bool,
    /// Declared in a function (only those can be "declared and not used").
    pub local: bool,
}

#[derive(Clone)]
struct ImportInfo {
    name: String,
    pkg: usize,
    pos: Pos,
    path: String,
    used: bool,
}

#[derive(Clone)]
struct Package {
    scope: BTreeMap<String, Obj>,
}

// A package-level var or const: where its spec is, for lazy checking.
#[derive(Clone)]
struct PendingSpec {
    spec: ValueSpec,
    is_const: bool,
    pkg: usize,
    state: u8, // 0 not started, 1 in progress, 2 done
}

/// The checker's state for one program.
#[derive(Clone)]
pub struct Checker {
    /// Named types.
    pub types: Types,
    /// Variables.
    pub vars: Vec<VarInfo>,
    diags: Vec<Diagnostic>,
    packages: Vec<Package>,
    // Which package's scope names resolve in: a standard package while its stub is
    // read, the program afterwards.
    cur_pkg: usize,
    imports: Vec<ImportInfo>,
    scopes: Vec<BTreeMap<String, Obj>>,
    results: Vec<Vec<Type>>,
    // Whether each enclosing function names its results (a bare `return` is then fine).
    named_results: Vec<bool>,
    pending: Vec<PendingSpec>,
    silent: bool,
    /// For each call expression, by position of its `(`: the called function's
    /// package path and name (`context.WithTimeout`), as vet needs them.
    pub callees: BTreeMap<Pos, (String, String)>,
    /// Each identifier's variable, by position, as vet needs them.
    pub uses: BTreeMap<Pos, usize>,
    /// Each checked expression's type, by its start and its text (several expressions
    /// can start at one position: `r`, `r.URL`, `r.URL.Query()`).
    pub expr_types: BTreeMap<(Pos, String), Type>,
    /// The `(` of every call that is a conversion (`time.Duration(n)`).
    pub conversions: std::collections::BTreeSet<Pos>,
    /// Every concrete type the program puts into an interface value (fmt's and log's
    /// arguments aside, which never come back out): what a type assertion can find.
    pub boxed: Vec<Type>,
    /// Each constant expression's value, keyed like `expr_types`.
    pub consts: BTreeMap<(Pos, String), Const>,
    /// Each type expression's type, by position (the outermost one at a position).
    pub type_exprs: BTreeMap<Pos, Type>,
    // The package function or method the last selector named, for `callees`.
    last_callee: Option<(String, String)>,
    /// `iota`'s value inside a constant declaration.
    iota: Option<u32>,
    /// The const specs that repeat their group's previous expressions, by their first name.
    implicit: std::collections::BTreeSet<Pos>,
}

const BUILTINS: [&str; 15] = [
    "append", "cap", "clear", "close", "copy", "delete", "len", "make", "max", "min", "new", "panic", "print",
    "println", "recover",
];

fn universe() -> BTreeMap<String, Obj> {
    let mut u = BTreeMap::new();
    use Basic::*;
    for b in [
        Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr, Float32, Float64,
        Complex128, String, Byte, Rune,
    ] {
        u.insert(b.name().to_string(), Obj::TypeName(Type::Basic(b)));
    }
    u.insert("any".into(), Obj::TypeName(Type::any()));
    u.insert("true".into(), Obj::Const(Type::Basic(UntypedBool), Some(Const::Bool(true))));
    u.insert("false".into(), Obj::Const(Type::Basic(UntypedBool), Some(Const::Bool(false))));
    u.insert("nil".into(), Obj::Nil);
    for b in BUILTINS {
        u.insert(b.to_string(), Obj::Builtin(b));
    }
    u
}

/// The index of the predeclared `error` type in every [`Types`].
pub const ERROR_TYPE: usize = 0;

impl Checker {
    /// Checks `file` and returns the checker's findings and what it learnt.
    pub fn check_file(file: &File) -> Checker {
        let mut c = Checker::new();
        c.check_main(file);
        c
    }

    /// The findings, sorted by position, as `go build` prints them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut d = self.diags.clone();
        d.sort();
        d.dedup();
        d
    }

    /// A checker that knows the standard library: a copy of one made once per
    /// thread, since reading the packages' declarations takes far longer (1.7 ms)
    /// than copying what they declare.
    fn new() -> Checker {
        thread_local! {
            static PRELUDE: Checker = Checker::with_stdlib();
        }
        PRELUDE.with(Checker::clone)
    }

    fn with_stdlib() -> Checker {
        let mut types = Types::default();
        let error_sig = Rc::new(Sig { params: vec![], results: vec![Type::Basic(Basic::String)], variadic: false });
        types.named.push(Named {
            pkg: String::new(),
            pkg_name: String::new(),
            name: "error".into(),
            underlying: Type::Interface(Rc::new(vec![Method {
                name: "Error".into(),
                sig: error_sig,
                ptr_recv: false,
            }])),
            methods: vec![],
        });
        let mut uni = universe();
        uni.insert("error".into(), Obj::TypeName(Type::Named(ERROR_TYPE)));
        let mut c = Checker {
            types,
            vars: Vec::new(),
            diags: Vec::new(),
            packages: vec![Package { scope: uni }],
            cur_pkg: 0,
            imports: Vec::new(),
            scopes: Vec::new(),
            results: Vec::new(),
            named_results: Vec::new(),
            pending: Vec::new(),
            silent: false,
            callees: BTreeMap::new(),
            uses: BTreeMap::new(),
            last_callee: None,
            iota: None,
            implicit: Default::default(),
            expr_types: BTreeMap::new(),
            consts: BTreeMap::new(),
            conversions: std::collections::BTreeSet::new(),
            boxed: Vec::new(),
            type_exprs: BTreeMap::new(),
        };
        for p in PACKAGES {
            let file = parse_file(p.src).unwrap_or_else(|e| panic!("the {} declarations do not parse: {e}", p.path));
            c.packages.push(Package { scope: BTreeMap::new() });
            c.cur_pkg = c.packages.len() - 1;
            c.declare_package(&file, p.path, p.name);
        }
        debug_assert!(c.diags.is_empty(), "the standard library's declarations check: {:?}", c.diags);
        c
    }

    fn error(&mut self, pos: Pos, msg: String) {
        if self.silent {
            return;
        }
        // The compiler drops an error repeating the previous one's message on its line.
        if self.diags.last().is_some_and(|d| d.pos.line == pos.line && d.msg == msg) {
            return;
        }
        self.diags.push(Diagnostic::new(pos, msg));
    }

    // ----- declarations -----

    fn declare_package(&mut self, file: &File, path: &str, name: &str) {
        let pkg = self.cur_pkg;
        // Types first, so that every signature and field can name any of them.
        let mut type_specs = Vec::new();
        for d in &file.decls {
            if let Decl::Type(specs) = d {
                for s in specs {
                    if s.alias {
                        type_specs.push((s.clone(), None));
                        continue;
                    }
                    let idx = self.types.named.len();
                    self.types.named.push(Named {
                        pkg: path.to_string(),
                        pkg_name: name.to_string(),
                        name: s.name.name.clone(),
                        underlying: Type::Invalid,
                        methods: vec![],
                    });
                    self.declare_global(pkg, &s.name, Obj::TypeName(Type::Named(idx)));
                    type_specs.push((s.clone(), Some(idx)));
                }
            }
        }
        for (s, idx) in &type_specs {
            if let Expr::InterfaceType { pos, methods } = &s.typ {
                if pkg == self.packages.len() - 1 && path == "main" && !methods.is_empty() {
                    self.error(*pos, "Leak Lab does not run user-defined interfaces".into());
                }
            }
            let t = self.resolve_type(&s.typ);
            match idx {
                Some(i) => {
                    let u = self.types.under(&t).clone();
                    self.types.named[*i].underlying = u;
                }
                None => self.declare_global(pkg, &s.name, Obj::TypeName(t)),
            }
        }
        for d in &file.decls {
            match d {
                Decl::Func(f) => {
                    let sig = Rc::new(self.signature(&f.typ));
                    match &f.recv {
                        Some(recv) => self.declare_method(recv, &f.name, sig),
                        None => {
                            if f.name.name == "init" && path == "main" {
                                continue;
                            }
                            if f.name.name == "main"
                                && path == "main"
                                && (!sig.params.is_empty() || !sig.results.is_empty())
                            {
                                self.error(f.name.pos, "func main must have no arguments and no return values".into());
                            }
                            self.declare_global(pkg, &f.name, Obj::Func(sig));
                        }
                    }
                }
                Decl::Var(specs) | Decl::Const(specs) => {
                    let is_const = matches!(d, Decl::Const(_));
                    let mut last: Option<ValueSpec> = None;
                    for s in specs {
                        // In a const group, a spec without values repeats the previous one's.
                        let mut s = s.clone();
                        if is_const && s.values.is_empty() && s.typ.is_none() {
                            if let Some(prev) = &last {
                                s.values = prev.values.clone();
                                s.typ = prev.typ.clone();
                                self.implicit.insert(s.names[0].pos);
                            }
                        } else {
                            last = Some(s.clone());
                        }
                        let idx = self.pending.len();
                        self.pending.push(PendingSpec { spec: s.clone(), is_const, pkg, state: 0 });
                        for (i, n) in s.names.iter().enumerate() {
                            self.declare_global(pkg, n, Obj::Pending(idx, i, is_const));
                        }
                    }
                }
                Decl::Type(_) => {}
            }
        }
    }

    fn declare_global(&mut self, pkg: usize, name: &Ident, obj: Obj) {
        if name.name == "_" {
            return;
        }
        if self.packages[pkg].scope.contains_key(&name.name) {
            self.error(name.pos, format!("{} redeclared in this block", name.name));
            return;
        }
        self.packages[pkg].scope.insert(name.name.clone(), obj);
    }

    fn declare_method(&mut self, recv: &Field, name: &Ident, sig: Rc<Sig>) {
        let (base, ptr) = match &recv.typ {
            Expr::Star { x, .. } => (x.as_ref(), true),
            t => (t, false),
        };
        let t = self.resolve_type(base);
        let Type::Named(i) = t else {
            if !t.is_invalid() {
                let ts = self.types.display(&t, None);
                self.error(base.pos(), format!("cannot define new methods on non-local type {ts}"));
            }
            return;
        };
        if self.types.named[i].methods.iter().any(|m| m.name == name.name) {
            self.error(name.pos, format!("method {}.{} already declared", self.types.named[i].name, name.name));
            return;
        }
        self.types.named[i].methods.push(Method { name: name.name.clone(), sig, ptr_recv: ptr });
    }

    fn signature(&mut self, t: &FuncType) -> Sig {
        let mut params = Vec::new();
        let mut variadic = false;
        for f in &t.params {
            let pt = self.resolve_type(&f.typ);
            if f.variadic {
                variadic = true;
                params.push(Type::Slice(Rc::new(pt)));
            } else {
                params.push(pt);
            }
        }
        let results = t.results.iter().map(|f| self.resolve_type(&f.typ)).collect();
        Sig { params, results, variadic }
    }

    /// The type an expression written in a type position denotes.
    fn resolve_type(&mut self, e: &Expr) -> Type {
        let t = self.resolve_type_inner(e);
        if self.is_main() {
            self.type_exprs.insert(e.pos(), t.clone());
        }
        t
    }

    fn resolve_type_inner(&mut self, e: &Expr) -> Type {
        match e {
            Expr::Ident(id) => match self.lookup(&id.name) {
                Some(Obj::TypeName(t)) => self.runnable_type(t, id),
                Some(_) => {
                    self.error(id.pos, format!("{} is not a type", id.name));
                    Type::Invalid
                }
                None => {
                    self.error(id.pos, format!("undefined: {}", id.name));
                    Type::Invalid
                }
            },
            Expr::Selector { x, sel } => {
                let Expr::Ident(pkg) = x.as_ref() else {
                    self.error(e.pos(), format!("{} is not a type", expr_string(e)));
                    return Type::Invalid;
                };
                match self.package_member(pkg, sel) {
                    Some(Obj::TypeName(t)) => t,
                    Some(_) => {
                        self.error(e.pos(), format!("{} is not a type", expr_string(e)));
                        Type::Invalid
                    }
                    None => Type::Invalid,
                }
            }
            Expr::Paren { x, .. } => self.resolve_type(x),
            Expr::Star { x, .. } => Type::Pointer(Rc::new(self.resolve_type(x))),
            Expr::ArrayType { len: None, elem, .. } => Type::Slice(Rc::new(self.resolve_type(elem))),
            Expr::ArrayType { len: Some(n), elem, .. } => {
                let op = self.expr(n);
                let len = match op.val {
                    Some(Const::Int(v)) if !v.is_negative() => v.to_u64().unwrap_or(u64::MAX),
                    _ => {
                        if !op.is_invalid() {
                            self.error(n.pos(), format!("array length {} must be constant", op.text));
                        }
                        0
                    }
                };
                if len > 1 << 24 {
                    self.error(n.pos(), "Leak Lab does not run arrays of more than 16777216 elements".into());
                }
                Type::Array(len, Rc::new(self.resolve_type(elem)))
            }
            Expr::MapType { key, value, .. } => {
                Type::Map(Rc::new(self.resolve_type(key)), Rc::new(self.resolve_type(value)))
            }
            Expr::ChanType { dir, elem, .. } => Type::Chan(*dir, Rc::new(self.resolve_type(elem))),
            Expr::FuncType(t) => Type::Func(Rc::new(self.signature(t))),
            Expr::StructType { fields, .. } => {
                let mut fs = Vec::new();
                for f in fields {
                    let t = self.resolve_type(&f.typ);
                    let name = match &f.name {
                        Some(n) => n.name.clone(),
                        None => embedded_name(&f.typ),
                    };
                    fs.push(FieldT { name, typ: t, embedded: f.embedded });
                }
                Type::Struct(Rc::new(fs))
            }
            Expr::InterfaceType { methods, .. } => {
                let mut ms: Vec<Method> = Vec::new();
                for m in methods {
                    match (&m.name, &m.typ) {
                        (Some(n), Expr::FuncType(ft)) => {
                            let sig = Rc::new(self.signature(ft));
                            ms.push(Method { name: n.name.clone(), sig, ptr_recv: false });
                        }
                        (_, t) => {
                            let et = self.resolve_type(t);
                            ms.extend(self.types.interface_methods(&et).iter().cloned());
                        }
                    }
                }
                ms.sort_by(|a, b| a.name.cmp(&b.name));
                Type::Interface(Rc::new(ms))
            }
            other => {
                let text = expr_string(other);
                self.error(other.pos(), format!("{text} is not a type"));
                Type::Invalid
            }
        }
    }

    fn lookup(&mut self, name: &str) -> Option<Obj> {
        for s in self.scopes.iter().rev() {
            if let Some(o) = s.get(name) {
                return Some(o.clone());
            }
        }
        if let Some(o) = self.packages[self.cur_pkg].scope.get(name) {
            return Some(o.clone());
        }
        if self.cur_pkg == self.packages.len() - 1 && self.is_main() {
            if let Some(i) = self.imports.iter().position(|im| im.name == name) {
                return Some(Obj::Pkg(i));
            }
        } else if let Some(i) = PACKAGES.iter().position(|p| p.name == name) {
            // Inside the standard library's declarations, every earlier package is visible.
            if i + 1 < self.cur_pkg {
                return Some(Obj::StdPkg(i + 1));
            }
        }
        self.packages[0].scope.get(name).cloned()
    }

    /// `t`, named by `id`, unless the interpreter has no values of it (`float32`,
    /// `complex128`): then an error at the name, as for every feature it does not run.
    pub(super) fn runnable_type(&mut self, t: Type, id: &Ident) -> Type {
        if self.is_main() && matches!(t, Type::Basic(Basic::Float32 | Basic::Complex128)) {
            self.error(id.pos, format!("Leak Lab does not run {}", id.name));
            return Type::Invalid;
        }
        t
    }

    fn is_main(&self) -> bool {
        self.cur_pkg > PACKAGES.len()
    }

    /// `pkg.Name`, reporting `undefined: pkg.Name` when it does not exist.
    fn package_member(&mut self, pkg: &Ident, sel: &Ident) -> Option<Obj> {
        let idx = match self.lookup(&pkg.name) {
            Some(Obj::Pkg(i)) => {
                self.imports[i].used = true;
                self.imports[i].pkg
            }
            Some(Obj::StdPkg(p)) => p,
            Some(_) => return None,
            None => {
                self.error(pkg.pos, format!("undefined: {}", pkg.name));
                return None;
            }
        };
        let exported = sel.name.starts_with(|c: char| c.is_uppercase());
        let found = if exported || !self.is_main() { self.packages[idx].scope.get(&sel.name).cloned() } else { None };
        match found {
            Some(Obj::Pending(i, n, _)) => Some(self.resolve_pending(i, n)),
            Some(o) => Some(o),
            None => {
                if !exported && self.packages[idx].scope.contains_key(&sel.name) {
                    self.error(sel.pos, format!("name {} not exported by package {}", sel.name, pkg.name));
                } else {
                    self.error(pkg.pos, format!("undefined: {}.{}", pkg.name, sel.name));
                }
                None
            }
        }
    }

    fn resolve_pending(&mut self, idx: usize, name_idx: usize) -> Obj {
        let spec = self.pending[idx].clone();
        let name = &spec.spec.names[name_idx];
        if spec.state == 1 {
            self.error(name.pos, format!("initialization cycle or invalid recursive reference to {}", name.name));
            return Obj::Const(Type::Invalid, None);
        }
        if spec.state == 0 {
            self.pending[idx].state = 1;
            let saved_pkg = std::mem::replace(&mut self.cur_pkg, spec.pkg);
            let saved_scopes = std::mem::take(&mut self.scopes);
            let objs = self.value_spec(&spec.spec, spec.is_const, false);
            self.scopes = saved_scopes;
            self.cur_pkg = saved_pkg;
            for (n, o) in spec.spec.names.iter().zip(objs) {
                if n.name != "_" {
                    self.packages[spec.pkg].scope.insert(n.name.clone(), o);
                }
            }
            self.pending[idx].state = 2;
        }
        self.packages[spec.pkg].scope.get(&name.name).cloned().unwrap_or(Obj::Const(Type::Invalid, None))
    }

    /// Checks a `var` or `const` spec and returns the objects its names denote.
    fn value_spec(&mut self, s: &ValueSpec, is_const: bool, local: bool) -> Vec<Obj> {
        let saved = std::mem::replace(&mut self.iota, is_const.then_some(s.iota));
        let objs = self.value_spec_inner(s, is_const, local);
        self.iota = saved;
        objs
    }

    fn value_spec_inner(&mut self, s: &ValueSpec, is_const: bool, local: bool) -> Vec<Obj> {
        let declared = s.typ.as_ref().map(|t| self.resolve_type(t));
        let mut types: Vec<Type> = Vec::new();
        let mut vals: Vec<Option<Const>> = Vec::new();
        if s.values.is_empty() {
            if is_const {
                self.error(s.names[0].pos, "missing init expr for const declaration".into());
            }
            for _ in &s.names {
                types.push(declared.clone().unwrap_or(Type::Invalid));
                vals.push(None);
            }
        } else {
            let ops = self.rhs_values(&s.values, s.names.len(), s.values[0].pos(), true);
            for (i, op) in ops.into_iter().enumerate() {
                let mut op = op;
                if is_const && op.mode != Mode::Constant && !op.is_invalid() {
                    self.error(
                        s.values[i.min(s.values.len() - 1)].pos(),
                        format!("{} is not constant", describe(&self.types, &op)),
                    );
                    op = Operand::invalid();
                }
                let t = match &declared {
                    Some(t) => {
                        // A constant repeating its group's previous expression: Go reports at its name.
                        if self.implicit.contains(&s.names[0].pos) {
                            if let Some(n) = s.names.get(i) {
                                op.pos = n.pos;
                            }
                        }
                        let context = if is_const { "constant declaration" } else { "variable declaration" };
                        self.assign(&mut op, t, context);
                        t.clone()
                    }
                    None => {
                        if op.mode == Mode::Nil {
                            self.error(
                                s.values[i.min(s.values.len() - 1)].pos(),
                                "use of untyped nil in variable declaration".into(),
                            );
                            Type::Invalid
                        } else if is_const {
                            op.typ.clone()
                        } else {
                            // An untyped constant takes its default type, which must hold it.
                            let t = self.default_type(&op.typ);
                            if op.mode == Mode::Constant && op.typ.untyped().is_some() {
                                self.assign(&mut op, &t, "variable declaration");
                            }
                            t
                        }
                    }
                };
                types.push(t);
                vals.push(op.val.clone());
            }
            while types.len() < s.names.len() {
                types.push(Type::Invalid);
                vals.push(None);
            }
        }
        let mut objs = Vec::new();
        for ((n, t), v) in s.names.iter().zip(types).zip(vals) {
            if is_const {
                objs.push(Obj::Const(t, v));
            } else {
                let idx = self.vars.len();
                self.vars.push(VarInfo { name: n.name.clone(), pos: n.pos, typ: t, used: false, local });
                objs.push(Obj::Var(idx));
            }
        }
        objs
    }

    fn default_type(&self, t: &Type) -> Type {
        match t.untyped() {
            Some(Basic::UntypedNil) => Type::Invalid,
            Some(b) => Type::Basic(b.default_type()),
            None => t.clone(),
        }
    }

    // ----- the program -----

    fn check_main(&mut self, file: &File) {
        self.packages.push(Package { scope: BTreeMap::new() });
        self.cur_pkg = self.packages.len() - 1;
        if file.package.name != "main" {
            self.error(file.package.pos, "Leak Lab runs only package main".into());
        }
        for im in &file.imports {
            let Some(i) = PACKAGES.iter().position(|p| p.path == im.path) else {
                self.error(im.pos, format!("Leak Lab does not run package {:?}", im.path));
                continue;
            };
            let name = match &im.name {
                Some(n) if n.name == "." => {
                    self.error(n.pos, "Leak Lab does not run dot imports".into());
                    continue;
                }
                Some(n) => n.name.clone(),
                None => PACKAGES[i].name.to_string(),
            };
            let blank = name == "_";
            self.imports.push(ImportInfo { name, pkg: i + 1, pos: im.pos, path: im.path.clone(), used: blank });
        }
        self.declare_package(file, "main", "main");
        // Package-level variables in source order, so that their errors come out once.
        for i in 0..self.pending.len() {
            if self.pending[i].pkg == self.cur_pkg && self.pending[i].state == 0 {
                self.resolve_pending(i, 0);
            }
        }
        if !self.packages[self.cur_pkg].scope.contains_key("main") {
            self.error(Pos { line: 1, col: 1 }, "function main is undeclared in the main package".into());
        }
        for d in &file.decls {
            if let Decl::Func(f) = d {
                self.func_body(f);
            }
        }
        for im in &self.imports {
            if !im.used {
                let msg = match im.path.rsplit('/').next() {
                    Some(last) if last != im.name => format!("{:?} imported as {} and not used", im.path, im.name),
                    _ => format!("{:?} imported and not used", im.path),
                };
                self.diags.push(Diagnostic::new(im.pos, msg));
            }
        }
    }

    fn func_body(&mut self, f: &FuncDecl) {
        let Some(body) = &f.body else {
            self.error(f.name.pos, "missing function body".into());
            return;
        };
        let first_var = self.vars.len();
        self.scopes.push(BTreeMap::new());
        if let Some(recv) = &f.recv {
            let t = self.resolve_type(&recv.typ);
            if let Some(n) = &recv.name {
                self.declare_param(n, t);
            }
        }
        let sig = self.signature(&f.typ);
        self.params_into_scope(&f.typ, &sig);
        self.results.push(sig.results.clone());
        self.named_results.push(f.typ.results.iter().any(|r| r.name.is_some()));
        self.stmts(&body.stmts);
        self.named_results.pop();
        self.results.pop();
        self.scopes.pop();
        if !sig.results.is_empty() && !terminating_list(&body.stmts) {
            self.error(body.end, "missing return".into());
        }
        self.report_unused(first_var);
    }

    fn report_unused(&mut self, from: usize) {
        let unused: Vec<(Pos, String)> = self.vars[from..]
            .iter()
            .filter(|v| v.local && !v.used && v.name != "_")
            .map(|v| (v.pos, v.name.clone()))
            .collect();
        for (pos, name) in unused {
            self.error(pos, format!("declared and not used: {name}"));
        }
    }

    fn declare_param(&mut self, n: &Ident, t: Type) {
        let idx = self.vars.len();
        // Parameters are never "declared and not used".
        self.vars.push(VarInfo { name: n.name.clone(), pos: n.pos, typ: t, used: true, local: true });
        if n.name != "_" {
            self.scopes.last_mut().expect("a scope").insert(n.name.clone(), Obj::Var(idx));
        }
    }

    fn params_into_scope(&mut self, t: &FuncType, sig: &Sig) {
        for (f, pt) in t.params.iter().zip(sig.params.iter()) {
            if let Some(n) = &f.name {
                self.declare_param(n, pt.clone());
            }
        }
        for (f, rt) in t.results.iter().zip(sig.results.iter()) {
            if let Some(n) = &f.name {
                self.declare_param(n, rt.clone());
            }
        }
    }

    fn declare_local(&mut self, n: &Ident, obj: Obj) {
        if n.name == "_" {
            return;
        }
        let scope = self.scopes.last_mut().expect("a scope");
        if scope.contains_key(&n.name) {
            self.error(n.pos, format!("{} redeclared in this block", n.name));
            return;
        }
        scope.insert(n.name.clone(), obj);
    }

    fn new_var(&mut self, n: &Ident, t: Type) -> usize {
        let idx = self.vars.len();
        self.vars.push(VarInfo { name: n.name.clone(), pos: n.pos, typ: t, used: false, local: true });
        self.uses.insert(n.pos, idx);
        idx
    }

    // ----- statements -----

    fn stmts(&mut self, list: &[Stmt]) {
        for s in list {
            self.stmt(s);
        }
    }

    fn block(&mut self, b: &Block) {
        self.scopes.push(BTreeMap::new());
        self.stmts(&b.stmts);
        self.scopes.pop();
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Decl { decl, .. } => match decl {
                Decl::Var(specs) | Decl::Const(specs) => {
                    let is_const = matches!(decl, Decl::Const(_));
                    let mut last: Option<&ValueSpec> = None;
                    for spec in specs {
                        // In a const group, a spec without values repeats the previous one's.
                        let repeated;
                        let spec = match last {
                            Some(prev) if is_const && spec.values.is_empty() && spec.typ.is_none() => {
                                repeated =
                                    ValueSpec { values: prev.values.clone(), typ: prev.typ.clone(), ..spec.clone() };
                                self.implicit.insert(spec.names[0].pos);
                                &repeated
                            }
                            _ => {
                                last = Some(spec);
                                spec
                            }
                        };
                        let objs = self.value_spec(spec, is_const, true);
                        for (n, o) in spec.names.iter().zip(objs) {
                            if let Obj::Var(i) = o {
                                self.uses.insert(n.pos, i);
                            }
                            self.declare_local(n, o);
                        }
                    }
                }
                Decl::Type(specs) => {
                    for spec in specs {
                        let t = self.resolve_type(&spec.typ);
                        let t = if spec.alias {
                            t
                        } else {
                            let idx = self.types.named.len();
                            let u = self.types.under(&t).clone();
                            self.types.named.push(Named {
                                pkg: "main".into(),
                                pkg_name: "main".into(),
                                name: spec.name.name.clone(),
                                underlying: u,
                                methods: vec![],
                            });
                            Type::Named(idx)
                        };
                        self.declare_local(&spec.name, Obj::TypeName(t));
                    }
                }
                Decl::Func(_) => {}
            },
            Stmt::Labeled { stmt, .. } => self.stmt(stmt),
            Stmt::Expr(e) => {
                let op = self.expr(e);
                // Only calls of functions and of some built-ins, and receives, may stand
                // alone; a conversion or `len(x)` computes a value nobody uses.
                let statement_call = match strip_parens(e) {
                    Expr::Call { fun, .. } => match strip_parens(fun) {
                        Expr::Ident(id) => match self.lookup(&id.name) {
                            Some(Obj::TypeName(_)) => false,
                            Some(Obj::Builtin(b)) => {
                                !matches!(b, "append" | "cap" | "len" | "make" | "max" | "min" | "new")
                            }
                            _ => true,
                        },
                        f => !matches!(
                            f,
                            Expr::ArrayType { .. } | Expr::MapType { .. } | Expr::ChanType { .. } | Expr::FuncType(_)
                        ),
                    },
                    Expr::Unary { op: "<-", .. } => true,
                    _ => false,
                };
                if !op.is_invalid() && !statement_call {
                    self.error(e.pos(), format!("{} is not used", describe(&self.types, &op)));
                }
            }
            Stmt::Send { ch, value, .. } => {
                let c = self.expr(ch);
                let mut v = self.expr(value);
                if c.is_invalid() {
                    return;
                }
                match self.types.under(&c.typ).clone() {
                    Type::Chan(dir, elem) => {
                        if dir == ChanDir::Recv {
                            self.error(
                                s.pos(),
                                format!(
                                    "invalid operation: cannot send to receive-only channel {}",
                                    describe(&self.types, &c)
                                ),
                            );
                        }
                        self.assign(&mut v, &elem, "send");
                    }
                    _ => self.error(
                        s.pos(),
                        format!("invalid operation: cannot send to non-channel {}", describe(&self.types, &c)),
                    ),
                }
            }
            Stmt::IncDec { x, op } => {
                let o = self.expr(x);
                if !o.is_invalid() {
                    let numeric = matches!(self.types.under(&o.typ), Type::Basic(b) if b.is_numeric());
                    if !numeric {
                        let opname = if *op == "++" { "+=" } else { "-=" };
                        let _ = opname;
                        self.error(
                            x.pos(),
                            format!(
                                "invalid operation: {}{} (non-numeric type {})",
                                o.text,
                                op,
                                self.types.display(&o.typ, None)
                            ),
                        );
                    } else {
                        self.check_assignable_lhs(x, &o);
                    }
                }
            }
            Stmt::Assign { lhs, op, op_pos, rhs } => self.assign_stmt(lhs, op, *op_pos, rhs),
            Stmt::Go { call, .. } | Stmt::Defer { call, .. } => {
                let op = self.expr(call);
                if let Mode::Builtin(_) | Mode::TypeExpr = op.mode {
                    let what = if matches!(s, Stmt::Go { .. }) { "go" } else { "defer" };
                    self.error(call.pos(), format!("{what} requires function call, not conversion"));
                }
            }
            Stmt::Return { pos, results } => self.return_stmt(*pos, results),
            Stmt::Branch { .. } | Stmt::Empty { .. } => {}
            Stmt::TypeSwitch { init, bind, x, cases, .. } => self.type_switch(init, bind.as_ref(), x, cases),
            Stmt::Block(b) => self.block(b),
            Stmt::If { init, cond, then, els, .. } => {
                self.scopes.push(BTreeMap::new());
                if let Some(i) = init {
                    self.stmt(i);
                }
                let c = self.expr(cond);
                self.want_bool(&c, cond.pos(), "if statement");
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
                self.scopes.pop();
            }
            Stmt::For { init, cond, post, body, .. } => {
                self.scopes.push(BTreeMap::new());
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    let o = self.expr(c);
                    self.want_bool(&o, c.pos(), "for loop");
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.block(body);
                self.scopes.pop();
            }
            Stmt::Range { key, value, define, x, body, .. } => {
                self.range_stmt(key.as_ref(), value.as_ref(), *define, x, body)
            }
            Stmt::Switch { init, tag, cases, .. } => {
                self.scopes.push(BTreeMap::new());
                if let Some(i) = init {
                    self.stmt(i);
                }
                let tag_op = tag.as_ref().map(|t| {
                    let mut o = self.expr(t);
                    if o.typ.untyped().is_some() {
                        o.typ = self.default_type(&o.typ);
                    }
                    o
                });
                for c in cases {
                    for e in &c.exprs {
                        let mut v = self.expr(e);
                        match &tag_op {
                            Some(t) if !t.is_invalid() && !v.is_invalid() => {
                                self.convert_untyped(&mut v, &t.typ);
                                if !v.is_invalid()
                                    && !self.types.identical(&v.typ, &t.typ)
                                    && !self.types.assignable(&v.typ, &t.typ)
                                    && !self.types.assignable(&t.typ, &v.typ)
                                {
                                    self.error(
                                        e.pos(),
                                        format!(
                                            "invalid case {} in switch on {} (mismatched types {} and {})",
                                            v.text,
                                            t.text,
                                            self.types.display(&v.typ, None),
                                            self.types.display(&t.typ, None)
                                        ),
                                    );
                                }
                            }
                            None => self.want_bool(&v, e.pos(), "case"),
                            _ => {}
                        }
                    }
                    self.scopes.push(BTreeMap::new());
                    self.stmts(&c.body);
                    self.scopes.pop();
                }
                self.scopes.pop();
            }
            Stmt::Select { cases, .. } => {
                for c in cases {
                    self.scopes.push(BTreeMap::new());
                    if let Some(comm) = &c.comm {
                        let ok = match comm.as_ref() {
                            Stmt::Send { .. } => true,
                            Stmt::Expr(e) => matches!(strip_parens(e), Expr::Unary { op: "<-", .. }),
                            Stmt::Assign { rhs, op, .. } => {
                                (*op == "=" || *op == ":=")
                                    && rhs.len() == 1
                                    && matches!(strip_parens(&rhs[0]), Expr::Unary { op: "<-", .. })
                            }
                            _ => false,
                        };
                        if !ok {
                            self.error(comm.pos(), "select case must be receive, send or assign recv".into());
                        }
                        self.stmt(comm);
                    }
                    self.stmts(&c.body);
                    self.scopes.pop();
                }
            }
        }
    }

    fn want_bool(&mut self, o: &Operand, pos: Pos, what: &str) {
        if o.is_invalid() {
            return;
        }
        if !matches!(self.types.under(&o.typ), Type::Basic(Basic::Bool | Basic::UntypedBool)) {
            let msg = if what == "case" {
                format!(
                    "invalid case {} in switch (mismatched types {} and bool)",
                    o.text,
                    self.types.display(&o.typ, None)
                )
            } else {
                format!("non-boolean condition in {what}")
            };
            self.error(pos, msg);
        }
    }

    fn range_stmt(&mut self, key: Option<&Expr>, value: Option<&Expr>, define: bool, x: &Expr, body: &Block) {
        self.scopes.push(BTreeMap::new());
        let o = self.expr(x);
        let (kt, vt) = if o.is_invalid() {
            (Type::Invalid, Some(Type::Invalid))
        } else {
            let under = self.types.under(&o.typ).clone();
            match under {
                Type::Basic(b) if b.canonical_string() => (Type::Basic(Basic::Int), Some(Type::Basic(Basic::Rune))),
                Type::Basic(b) if b.is_integer() => (self.default_type(&o.typ), None),
                Type::Slice(e) | Type::Array(_, e) => (Type::Basic(Basic::Int), Some((*e).clone())),
                Type::Pointer(p) if matches!(self.types.under(&p), Type::Array(..)) => match self.types.under(&p) {
                    Type::Array(_, e) => (Type::Basic(Basic::Int), Some((**e).clone())),
                    _ => unreachable!("matched an array"),
                },
                Type::Map(k, v) => ((*k).clone(), Some((*v).clone())),
                Type::Chan(dir, e) => {
                    if dir == ChanDir::Send {
                        let d = describe(&self.types, &o);
                        self.error(x.pos(), format!("cannot range over {d}: receive from send-only channel"));
                    }
                    ((*e).clone(), None)
                }
                _ => {
                    self.error(x.pos(), format!("cannot range over {}", describe(&self.types, &o)));
                    (Type::Invalid, Some(Type::Invalid))
                }
            }
        };
        if let (Some(value), None) = (value, &vt) {
            self.error(
                value.pos(),
                format!("range over {} permits only one iteration variable", describe(&self.types, &o)),
            );
        }
        let pairs = [(key, Some(kt)), (value, vt)];
        for (e, t) in pairs {
            let (Some(e), Some(t)) = (e, t) else { continue };
            if define {
                match e {
                    Expr::Ident(id) => {
                        let idx = self.new_var(id, t);
                        self.declare_local(id, Obj::Var(idx));
                    }
                    other => self.error(other.pos(), format!("non-name {} on left side of :=", expr_string(other))),
                }
            } else {
                let l = self.lhs_expr(e);
                if !l.is_invalid() {
                    let mut v = Operand::value(t, String::new(), e.pos());
                    self.assign(&mut v, &l.typ, "range");
                }
            }
        }
        self.block(body);
        self.scopes.pop();
    }

    /// An expression on the left of `=`: evaluated without counting as a use.
    fn lhs_expr(&mut self, e: &Expr) -> Operand {
        if let Expr::Ident(id) = e {
            if id.name == "_" {
                return Operand { mode: Mode::Variable, typ: Type::Invalid, val: None, text: "_".into(), pos: id.pos };
            }
            if let Some(Obj::Var(i)) = self.lookup(&id.name) {
                self.uses.insert(id.pos, i);
                return Operand {
                    mode: Mode::Variable,
                    typ: self.vars[i].typ.clone(),
                    val: None,
                    text: id.name.clone(),
                    pos: id.pos,
                };
            }
        }
        let o = self.expr(e);
        self.check_assignable_lhs(e, &o);
        o
    }

    fn check_assignable_lhs(&mut self, e: &Expr, o: &Operand) {
        if o.is_invalid() || matches!(o.mode, Mode::Variable | Mode::MapIndex) {
            return;
        }
        self.error(
            e.pos(),
            format!("cannot assign to {} (neither addressable nor a map index expression)", describe(&self.types, o)),
        );
    }

    fn assign_stmt(&mut self, lhs: &[Expr], op: &str, op_pos: Pos, rhs: &[Expr]) {
        if op != "=" && op != ":=" {
            // `x += y` is `x = x + y`, which reads x.
            let l = self.expr(&lhs[0]);
            let r = self.expr(&rhs[0]);
            let binop = &op[..op.len() - 1];
            let res = self.binary_ops(binop, l.clone(), r, &lhs[0], op_pos);
            if !res.is_invalid() {
                self.check_assignable_lhs(&lhs[0], &l);
            }
            return;
        }
        if op == ":=" {
            let mut any_new = false;
            let mut targets: Vec<Option<(Ident, bool)>> = Vec::new();
            for e in lhs {
                match e {
                    Expr::Ident(id) => {
                        let exists = id.name != "_"
                            && self.scopes.last().is_some_and(|s| matches!(s.get(&id.name), Some(Obj::Var(_))));
                        if !exists && id.name != "_" {
                            any_new = true;
                        }
                        targets.push(Some((id.clone(), exists)));
                    }
                    other => {
                        self.error(other.pos(), format!("non-name {} on left side of :=", expr_string(other)));
                        targets.push(None);
                    }
                }
            }
            if !any_new && targets.iter().all(Option::is_some) {
                self.error(op_pos, "no new variables on left side of :=".into());
            }
            let ops = self.rhs_values(rhs, lhs.len(), rhs[0].pos(), false);
            let mut new_vars = Vec::new();
            for (i, t) in targets.into_iter().enumerate() {
                let Some((id, exists)) = t else { continue };
                let mut o = ops.get(i).cloned().unwrap_or_else(Operand::invalid);
                if id.name == "_" {
                    if o.mode == Mode::Nil {
                        self.error(rhs[i.min(rhs.len() - 1)].pos(), "use of untyped nil in assignment".into());
                    }
                    continue;
                }
                if exists {
                    if let Some(Obj::Var(v)) = self.lookup(&id.name) {
                        self.uses.insert(id.pos, v);
                        let t = self.vars[v].typ.clone();
                        self.assign(&mut o, &t, "assignment");
                    }
                } else {
                    let t = if o.mode == Mode::Nil {
                        self.error(rhs[i.min(rhs.len() - 1)].pos(), "use of untyped nil in assignment".into());
                        Type::Invalid
                    } else {
                        let t = self.default_type(&o.typ);
                        if o.mode == Mode::Constant && o.typ.untyped().is_some() {
                            self.assign(&mut o, &t, "assignment");
                        }
                        t
                    };
                    let idx = self.new_var(&id, t);
                    new_vars.push((id, idx));
                }
            }
            // The new variables come into scope after the whole statement.
            for (id, idx) in new_vars {
                self.declare_local(&id, Obj::Var(idx));
            }
            return;
        }
        let targets: Vec<Operand> = lhs.iter().map(|e| self.lhs_expr(e)).collect();
        let ops = self.rhs_values(rhs, lhs.len(), rhs[0].pos(), false);
        for (i, (t, mut o)) in targets.into_iter().zip(ops).enumerate() {
            if t.text == "_" && t.typ.is_invalid() {
                if o.mode == Mode::Nil {
                    self.error(rhs[i.min(rhs.len() - 1)].pos(), "use of untyped nil in assignment".into());
                }
                continue;
            }
            if !t.is_invalid() {
                self.assign(&mut o, &t.typ, "assignment");
            }
        }
    }

    /// The values on the right of an assignment of `n` targets: either `n` expressions,
    /// or one call with `n` results, or a comma-ok expression for two targets.
    fn rhs_values(&mut self, rhs: &[Expr], n: usize, at: Pos, decl: bool) -> Vec<Operand> {
        if rhs.len() == n {
            let mut ops: Vec<Operand> = rhs.iter().map(|e| self.expr(e)).collect();
            for (o, e) in ops.iter_mut().zip(rhs) {
                let Type::Tuple(ts) = &o.typ else { continue };
                if o.mode == Mode::NoValue {
                    continue;
                }
                if n == 1 {
                    let call = match strip_parens(e) {
                        Expr::Call { fun, .. } => expr_string(fun),
                        _ => o.text.clone(),
                    };
                    self.error(
                        at,
                        format!("assignment mismatch: 1 variable but {call} returns {}", plural(ts.len(), "value")),
                    );
                } else {
                    let ts = self.types.display(&o.typ, None);
                    self.error(
                        o.pos,
                        format!("multiple-value {} (value of type {ts}) in single-value context", o.text),
                    );
                }
                *o = Operand::invalid();
            }
            return ops;
        }
        if rhs.len() == 1 {
            let o = self.expr(&rhs[0]);
            if o.is_invalid() {
                return vec![Operand::invalid(); n];
            }
            if let Type::Tuple(ts) = &o.typ {
                if ts.len() == n {
                    return ts.iter().map(|t| Operand::value(t.clone(), o.text.clone(), o.pos)).collect();
                }
                let call = match strip_parens(&rhs[0]) {
                    Expr::Call { fun, .. } => expr_string(fun),
                    _ => o.text.clone(),
                };
                self.error(
                    at,
                    format!(
                        "assignment mismatch: {} but {} returns {}",
                        plural(n, "variable"),
                        call,
                        plural(ts.len(), "value")
                    ),
                );
                return vec![Operand::invalid(); n];
            }
            if n == 2 && matches!(o.mode, Mode::CommaOk | Mode::MapIndex) {
                let ok = Operand::value(Type::Basic(Basic::UntypedBool), String::new(), o.pos);
                return vec![Operand { mode: Mode::Value, ..o }, ok];
            }
            if o.mode == Mode::NoValue {
                self.error(at, format!("{} (no value) used as value", o.text));
                return vec![Operand::invalid(); n];
            }
            if let Expr::Call { fun, .. } = strip_parens(&rhs[0]) {
                let call = expr_string(fun);
                self.error(
                    at,
                    format!(
                        "assignment mismatch: {} but {} returns {}",
                        plural(n, "variable"),
                        call,
                        plural(1, "value")
                    ),
                );
                return vec![Operand::invalid(); n];
            }
        } else {
            for e in rhs {
                self.expr(e);
            }
        }
        let _ = decl;
        self.error(at, format!("assignment mismatch: {} but {}", plural(n, "variable"), plural(rhs.len(), "value")));
        vec![Operand::invalid(); n]
    }

    fn return_stmt(&mut self, pos: Pos, results: &[Expr]) {
        let want = self.results.last().cloned().unwrap_or_default();
        if results.is_empty() {
            if !want.is_empty() && !self.named_results() {
                let w = self.summary_types(&want);
                self.error(pos, format!("not enough return values\n\thave ()\n\twant {w}"));
            }
            return;
        }
        let mut ops: Vec<Operand> = if results.len() == 1 && want.len() > 1 {
            let o = self.expr(&results[0]);
            match &o.typ {
                Type::Tuple(ts) => ts.iter().map(|t| Operand::value(t.clone(), o.text.clone(), o.pos)).collect(),
                _ => vec![o],
            }
        } else {
            results.iter().map(|e| self.expr(e)).collect()
        };
        if ops.iter().any(Operand::is_invalid) {
            return;
        }
        if ops.len() != want.len() {
            if want.is_empty() {
                self.error(
                    results[0].pos(),
                    "too many return values\n\thave (".to_string() + &self.summary_ops(&ops)[1..] + "\n\twant ()",
                );
                return;
            }
            let (q, at) = if ops.len() > want.len() {
                ("too many", results.get(want.len()).map_or(pos, Expr::pos))
            } else {
                ("not enough", results.last().map_or(pos, Expr::pos))
            };
            let have = self.summary_ops(&ops);
            let w = self.summary_types(&want);
            self.error(at, format!("{q} return values\n\thave {have}\n\twant {w}"));
            return;
        }
        for (o, t) in ops.iter_mut().zip(want.iter()) {
            self.assign(o, t, "return statement");
        }
    }

    fn named_results(&self) -> bool {
        self.named_results.last().copied().unwrap_or(false)
    }

    fn summary_types(&self, ts: &[Type]) -> String {
        let parts: Vec<String> = ts.iter().map(|t| self.types.display(t, None)).collect();
        format!("({})", parts.join(", "))
    }

    fn summary_ops(&self, ops: &[Operand]) -> String {
        let parts: Vec<String> = ops
            .iter()
            .map(|o| match o.typ.untyped() {
                Some(Basic::UntypedInt | Basic::UntypedFloat | Basic::UntypedRune) => "number".to_string(),
                Some(Basic::UntypedString) => "string".to_string(),
                Some(Basic::UntypedBool) => "bool".to_string(),
                Some(Basic::UntypedNil) => "nil".to_string(),
                _ => self.types.display(&o.typ, None),
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Checks that `o` may be assigned to `t`, converting an untyped constant to `t`;
    /// reports `cannot use … as T value in <context>`.
    pub fn assign(&mut self, o: &mut Operand, t: &Type, context: &str) {
        if o.is_invalid() || t.is_invalid() {
            return;
        }
        if o.mode == Mode::NoValue {
            self.error_for(o, format!("{} (no value) used as value", o.text));
            return;
        }
        if matches!(o.mode, Mode::TypeExpr | Mode::Builtin(_)) {
            self.error_for(o, format!("{} is not an expression", describe(&self.types, o)));
            return;
        }
        if let Type::Tuple(ts) = &o.typ {
            self.error_for(
                o,
                format!(
                    "multiple-value {} (value of type {}) in single-value context",
                    o.text,
                    self.types.display(&Type::Tuple(ts.clone()), None)
                ),
            );
            return;
        }
        if self.types.assignable(&o.typ, t) {
            // In an interface an untyped constant takes its default type.
            let target = if o.typ.untyped().is_some() && self.types.is_interface(t) {
                self.default_type(&o.typ)
            } else {
                t.clone()
            };
            if !context.starts_with("argument to fmt.") && !context.starts_with("argument to log.") {
                self.note_boxed(o, t);
            }
            if let (Some(v), Type::Basic(b)) = (&o.val, self.types.under(&target)) {
                if let Some(why) = misfit(v, *b) {
                    let d = describe(&self.types, o);
                    let ts = self.types.display(&target, None);
                    self.error_for(o, format!("cannot use {d} as {ts} value in {context} ({why})"));
                    return;
                }
            }
            if o.typ.untyped().is_some() && !self.types.is_interface(t) {
                o.typ = t.clone();
                self.represent(o);
            }
            return;
        }
        let d = describe(&self.types, o);
        let ts = self.types.display(t, None);
        let mut msg = format!("cannot use {d} as {ts} value in {context}");
        if self.types.is_interface(t) {
            let v = if o.typ.untyped().is_some() { self.default_type(&o.typ) } else { o.typ.clone() };
            if let Some(why) = self.types.missing_method(&v, t) {
                msg = format!("{msg}: {} does not implement {ts} {why}", self.types.display(&v, None));
            }
        }
        self.error_for(o, msg);
    }

    /// Records `o`'s type if assigning it to `t` puts a concrete value in an interface.
    pub(super) fn note_boxed(&mut self, o: &Operand, t: &Type) {
        if !self.is_main() || !self.types.is_interface(t) || o.mode == Mode::Nil || self.types.is_interface(&o.typ) {
            return;
        }
        let c = if o.typ.untyped().is_some() { self.default_type(&o.typ) } else { o.typ.clone() };
        if !self.boxed.iter().any(|b| self.types.identical(b, &c)) {
            self.boxed.push(c);
        }
    }

    /// An untyped constant that took the type `o.typ`: its value as that type holds it
    /// (`3` in a `float64` is `3.0`, `2.0` in an `int` is `2`), recorded with the type,
    /// as Go's checker records the final type of an untyped operand.
    pub(super) fn represent(&mut self, o: &mut Operand) {
        if o.mode != Mode::Constant {
            return;
        }
        let float = match self.types.under(&o.typ) {
            Type::Basic(b) if b.is_integer() => false,
            Type::Basic(b) if b.is_numeric() => true,
            _ => return,
        };
        // A `float64` constant holds the `float64` nearest its value.
        o.val = match (&o.val, float) {
            (Some(v), true) => match v.rat().as_ref().and_then(super::constant::round_f64) {
                Some(r) => Some(Const::Float(r)),
                None => return,
            },
            (Some(Const::Float(f)), false) if f.is_integer() => Some(Const::Int(f.to_integer())),
            // An integer keeps its value, recorded with the type it took (`uint8`).
            (Some(v @ Const::Int(_)), false) => Some(v.clone()),
            _ => return,
        };
        if self.is_main() {
            let key = (o.pos, o.text.clone());
            self.expr_types.insert(key.clone(), o.typ.clone());
            if let Some(v) = &o.val {
                self.consts.insert(key, v.clone());
            }
        }
    }

    fn error_for(&mut self, o: &Operand, msg: String) {
        self.error(o.pos, msg);
    }
}

/// Why a constant cannot take the basic type `b`, in Go's words: a floating-point
/// constant is `truncated` in an integer type that cannot hold it exactly, an integer
/// constant `overflows` one too small, and a number beyond `float64`'s range `overflows`
/// a `float64`.
pub fn misfit(v: &Const, b: Basic) -> Option<&'static str> {
    if let Some((lo, hi)) = b.int_range() {
        let fits = |i: &BigInt| *i >= BigInt::from(lo) && *i <= BigInt::from(hi);
        return match v {
            Const::Int(i) => (!fits(i)).then_some("overflows"),
            Const::Float(f) => (!f.is_integer() || !fits(&f.to_integer())).then_some("truncated"),
            _ => None,
        };
    }
    if b.is_numeric() {
        return v.f64().is_some_and(|f| !f.is_finite()).then_some("overflows");
    }
    None
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match e {
        Expr::Paren { x, .. } => strip_parens(x),
        e => e,
    }
}

fn embedded_name(t: &Expr) -> String {
    match t {
        Expr::Ident(i) => i.name.clone(),
        Expr::Selector { sel, .. } => sel.name.clone(),
        Expr::Star { x, .. } => embedded_name(x),
        _ => String::new(),
    }
}

/// How Go's errors describe an operand: `"one" (untyped string constant)`,
/// `count (variable of type int)`, `res (variable of struct type result)`.
pub fn describe(types: &Types, o: &Operand) -> String {
    if o.mode == Mode::Nil {
        return "nil".into();
    }
    let mut s = String::new();
    let text = if o.text.is_empty() {
        match o.mode {
            Mode::TypeExpr => types.display(&o.typ, None),
            Mode::Constant => o.val.as_ref().map(Const::text).unwrap_or_default(),
            _ => String::new(),
        }
    } else {
        o.text.clone()
    };
    if text.is_empty() {
        return String::new();
    }
    s.push_str(&text);
    s.push_str(" (");
    let mut has_type = false;
    if !matches!(o.mode, Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypeExpr) {
        if let Some(u) = o.typ.untyped() {
            s.push_str(u.name());
            s.push(' ');
        } else {
            has_type = true;
        }
    }
    s.push_str(match o.mode {
        Mode::Invalid => "invalid operand",
        Mode::NoValue => "no value",
        Mode::Builtin(_) => "built-in",
        Mode::TypeExpr => "type",
        Mode::Constant => "constant",
        Mode::Variable => "variable",
        Mode::MapIndex => "map index expression",
        Mode::Value => "value",
        Mode::CommaOk => "comma, ok expression",
        Mode::Nil => "nil",
    });
    if o.mode == Mode::Constant {
        if let Some(v) = &o.val {
            let vt = v.text();
            if vt != text {
                s.push(' ');
                s.push_str(&vt);
            }
        }
    }
    if has_type {
        s.push_str(" of ");
        if let Some(k) = types.kind_word(&o.typ) {
            s.push_str(k);
            s.push(' ');
        }
        s.push_str("type ");
        s.push_str(&types.display(&o.typ, None));
    }
    s.push(')');
    s
}

/// Whether a statement list ends in a terminating statement (the Go specification's
/// rule behind `missing return`).
pub fn terminating_list(list: &[Stmt]) -> bool {
    list.iter().rev().find(|s| !matches!(s, Stmt::Empty { .. })).is_some_and(|s| terminating(s, None))
}

fn terminating(s: &Stmt, label: Option<&str>) -> bool {
    match s {
        Stmt::Return { .. } => true,
        Stmt::Branch { tok: "goto", .. } => true,
        Stmt::Expr(Expr::Call { fun, .. }) => matches!(fun.as_ref(), Expr::Ident(i) if i.name == "panic"),
        Stmt::Block(b) => terminating_list(&b.stmts),
        Stmt::If { then, els, .. } => {
            terminating_list(&then.stmts) && els.as_ref().is_some_and(|e| terminating(e, None))
        }
        Stmt::Labeled { label: l, stmt } => terminating(stmt, Some(&l.name)),
        Stmt::For { cond, body, .. } => cond.is_none() && !has_break(&body.stmts, label, true),
        Stmt::Switch { cases, .. } => {
            cases.iter().any(|c| c.default)
                && cases.iter().all(|c| {
                    !has_break(&c.body, label, true)
                        && (terminating_list(&c.body)
                            || matches!(c.body.last(), Some(Stmt::Branch { tok: "fallthrough", .. })))
                })
        }
        Stmt::Select { cases, .. } => {
            cases.iter().all(|c| !has_break(&c.body, label, true) && terminating_list(&c.body))
        }
        Stmt::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| c.default)
                && cases.iter().all(|c| !has_break(&c.body, label, true) && terminating_list(&c.body))
        }
        _ => false,
    }
}

/// Whether `list` holds a `break` that leaves the enclosing statement: an unlabeled one
/// not inside a nested loop, switch or select (`top`), or one naming `label`.
fn has_break(list: &[Stmt], label: Option<&str>, top: bool) -> bool {
    list.iter().any(|s| stmt_has_break(s, label, top))
}

fn stmt_has_break(s: &Stmt, label: Option<&str>, top: bool) -> bool {
    match s {
        Stmt::Branch { tok: "break", label: None, .. } => top,
        Stmt::Branch { tok: "break", label: Some(l), .. } => Some(l.name.as_str()) == label,
        Stmt::Block(b) => has_break(&b.stmts, label, top),
        Stmt::Labeled { stmt, .. } => stmt_has_break(stmt, label, top),
        Stmt::If { then, els, .. } => {
            has_break(&then.stmts, label, top) || els.as_ref().is_some_and(|e| stmt_has_break(e, label, top))
        }
        Stmt::For { body, .. } | Stmt::Range { body, .. } => has_break(&body.stmts, label, false),
        Stmt::Switch { cases, .. } | Stmt::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| has_break(&c.body, label, false))
        }
        Stmt::Select { cases, .. } => cases.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    }
}

impl Basic {
    fn canonical_string(self) -> bool {
        matches!(self, Basic::String | Basic::UntypedString)
    }
}
