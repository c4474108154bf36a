//! The syntax tree of one Go file: Leak Lab's own types, so that the parser behind
//! them can be replaced without touching the checker or the interpreter.
//!
//! As in Go's own `go/ast`, types are expressions (`[]byte(x)` is a call whose
//! function is a type), and the checker decides what each expression denotes.

pub use super::lexer::Pos;

/// An identifier and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it starts.
    pub pos: Pos,
}

/// One `package main` file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// The package clause's name.
    pub package: Ident,
    /// The imports, in source order.
    pub imports: Vec<Import>,
    /// The top-level declarations, in source order.
    pub decls: Vec<Decl>,
}

/// `import name "path"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// `_`, `.` or a renaming, if written.
    pub name: Option<Ident>,
    /// The import path, unquoted.
    pub path: String,
    /// Where the path literal starts (Go reports unused imports there).
    pub pos: Pos,
}

/// A top-level or local declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    /// `func name(...) ... { ... }` or a method.
    Func(Box<FuncDecl>),
    /// `var ...`.
    Var(Vec<ValueSpec>),
    /// `const ...`.
    Const(Vec<ValueSpec>),
    /// `type ...`.
    Type(Vec<TypeSpec>),
}

/// A function or method declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    /// Where `func` is.
    pub pos: Pos,
    /// The receiver of a method.
    pub recv: Option<Field>,
    /// The name.
    pub name: Ident,
    /// Parameters and results.
    pub typ: FuncType,
    /// The body (a declaration without one is an error the checker reports).
    pub body: Option<Block>,
}

/// A function's signature as written.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncType {
    /// Where `func` (or, for a declaration, the parameter list) is.
    pub pos: Pos,
    /// The parameters; the last may be variadic.
    pub params: Vec<Field>,
    /// The results.
    pub results: Vec<Field>,
}

/// A parameter, result or struct field: `name T`, or just `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The name, if any.
    pub name: Option<Ident>,
    /// The type.
    pub typ: Expr,
    /// `...T`.
    pub variadic: bool,
    /// An embedded struct field (`sync.Mutex` without a name).
    pub embedded: bool,
}

/// `a, b T = x, y` in a `var` or `const` declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueSpec {
    /// The names.
    pub names: Vec<Ident>,
    /// The type, if written.
    pub typ: Option<Expr>,
    /// The values, if written.
    pub values: Vec<Expr>,
    /// For constants: the index in the declaration group (`iota`).
    pub iota: u32,
}

/// `type name T`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeSpec {
    /// The name.
    pub name: Ident,
    /// `type A = B` (an alias).
    pub alias: bool,
    /// The type.
    pub typ: Expr,
}

/// `{ ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Where `{` is.
    pub pos: Pos,
    /// The statements.
    pub stmts: Vec<Stmt>,
    /// Where `}` is (Go reports `missing return` there).
    pub end: Pos,
}

/// A binary or unary operator, or an assignment's operator, as written.
pub type Op = &'static str;

/// An expression (or a type written where an expression may be).
// The variants' fields are named as in Go's `go/ast` and documented there.
#[allow(missing_docs)]
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A name.
    Ident(Ident),
    /// A literal.
    Lit(Lit),
    /// `T{...}` (`typ` is `None` for an elided type inside another literal).
    Composite { pos: Pos, typ: Option<Box<Expr>>, elts: Vec<Expr>, rbrace: Pos },
    /// `key: value` inside a composite literal.
    KeyValue { key: Box<Expr>, value: Box<Expr> },
    /// `func(...) { ... }`.
    FuncLit { typ: FuncType, body: Block },
    /// `(x)`.
    Paren { pos: Pos, x: Box<Expr> },
    /// `x.sel`.
    Selector { x: Box<Expr>, sel: Ident },
    /// `x[i]`.
    Index { x: Box<Expr>, index: Box<Expr>, lbrack: Pos },
    /// `x[lo:hi:max]`.
    Slice { x: Box<Expr>, lo: Option<Box<Expr>>, hi: Option<Box<Expr>>, max: Option<Box<Expr>>, lbrack: Pos },
    /// `x.(T)`; `typ` is `None` for `x.(type)`.
    TypeAssert { x: Box<Expr>, typ: Option<Box<Expr>>, lparen: Pos },
    /// `f(args)`, `f(args...)`.
    Call { fun: Box<Expr>, lparen: Pos, args: Vec<Expr>, ellipsis: bool, rparen: Pos },
    /// `*x`: a dereference, or a pointer type.
    Star { pos: Pos, x: Box<Expr> },
    /// `op x`: `-x`, `!x`, `<-x`, `&x`, `^x`, `+x`.
    Unary { pos: Pos, op: Op, x: Box<Expr> },
    /// `x op y`.
    Binary { op: Op, op_pos: Pos, x: Box<Expr>, y: Box<Expr> },
    /// `[n]T` or `[]T` (`len` is `None` for a slice).
    ArrayType { pos: Pos, len: Option<Box<Expr>>, elem: Box<Expr> },
    /// `map[K]V`.
    MapType { pos: Pos, key: Box<Expr>, value: Box<Expr> },
    /// `chan T`, `chan<- T`, `<-chan T`.
    ChanType { pos: Pos, dir: ChanDir, elem: Box<Expr> },
    /// `func(...) ...` as a type.
    FuncType(FuncType),
    /// `struct { ... }`.
    StructType { pos: Pos, fields: Vec<Field> },
    /// `interface { ... }`: methods as fields whose type is a `FuncType`, embedded
    /// interfaces as embedded fields.
    InterfaceType { pos: Pos, methods: Vec<Field> },
    /// `...` in `[...]T`.
    Ellipsis { pos: Pos },
}

/// Which way a channel type lets values go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    /// `chan T`.
    Both,
    /// `chan<- T`.
    Send,
    /// `<-chan T`.
    Recv,
}

/// The kinds of literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitKind {
    /// `42`, `0x1f`.
    Int,
    /// `1.5`.
    Float,
    /// `2i`.
    Imag,
    /// `'a'`.
    Char,
    /// `"s"` or `` `s` ``.
    String,
}

/// A literal as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Lit {
    /// Its kind.
    pub kind: LitKind,
    /// The source text, quotes included.
    pub raw: String,
    /// Where it starts.
    pub pos: Pos,
}

impl Expr {
    /// Where the expression starts, as Go reports it.
    pub fn pos(&self) -> Pos {
        match self {
            Expr::Ident(i) => i.pos,
            Expr::Lit(l) => l.pos,
            Expr::Composite { pos, typ, .. } => typ.as_ref().map_or(*pos, |t| t.pos()),
            Expr::KeyValue { key, .. } => key.pos(),
            Expr::FuncLit { typ, .. } => typ.pos,
            Expr::Paren { pos, .. }
            | Expr::Star { pos, .. }
            | Expr::Unary { pos, .. }
            | Expr::ArrayType { pos, .. }
            | Expr::MapType { pos, .. }
            | Expr::ChanType { pos, .. }
            | Expr::StructType { pos, .. }
            | Expr::InterfaceType { pos, .. }
            | Expr::Ellipsis { pos } => *pos,
            Expr::Selector { x, .. }
            | Expr::Index { x, .. }
            | Expr::Slice { x, .. }
            | Expr::TypeAssert { x, .. }
            | Expr::Binary { x, .. } => x.pos(),
            Expr::Call { fun, .. } => fun.pos(),
            Expr::FuncType(t) => t.pos,
        }
    }
}

/// A statement.
// The variants' fields are named as in Go's `go/ast` and documented there.
#[allow(missing_docs)]
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// A `var`, `const` or `type` declaration.
    Decl { pos: Pos, decl: Decl },
    /// `label: stmt`.
    Labeled { label: Ident, stmt: Box<Stmt> },
    /// An expression used as a statement (a call, a receive).
    Expr(Expr),
    /// `ch <- v`.
    Send { ch: Expr, arrow: Pos, value: Expr },
    /// `x++`, `x--`.
    IncDec { x: Expr, op: Op },
    /// `lhs op rhs` for `=`, `:=`, `+=`, …
    Assign { lhs: Vec<Expr>, op: Op, op_pos: Pos, rhs: Vec<Expr> },
    /// `go f(x)`.
    Go { pos: Pos, call: Expr },
    /// `defer f(x)`.
    Defer { pos: Pos, call: Expr },
    /// `return x, y`.
    Return { pos: Pos, results: Vec<Expr> },
    /// `break`, `continue`, `goto`, `fallthrough`, with an optional label.
    Branch { pos: Pos, tok: &'static str, label: Option<Ident> },
    /// `{ ... }`.
    Block(Block),
    /// `if init; cond { ... } else ...`.
    If { pos: Pos, init: Option<Box<Stmt>>, cond: Expr, then: Block, els: Option<Box<Stmt>> },
    /// `switch init; tag { cases }`.
    Switch { pos: Pos, init: Option<Box<Stmt>>, tag: Option<Expr>, cases: Vec<CaseClause>, rbrace: Pos },
    /// `switch x := y.(type) { ... }`.
    /// Each case's `exprs` are types (`nil` an identifier); `bind` is the `v` of `v := x.(type)`.
    TypeSwitch { pos: Pos, init: Option<Box<Stmt>>, bind: Option<Ident>, x: Expr, cases: Vec<CaseClause>, rbrace: Pos },
    /// `select { cases }`.
    Select { pos: Pos, cases: Vec<CommClause>, rbrace: Pos },
    /// `for init; cond; post { ... }`.
    For { pos: Pos, init: Option<Box<Stmt>>, cond: Option<Expr>, post: Option<Box<Stmt>>, body: Block },
    /// `for k, v := range x { ... }`.
    Range { pos: Pos, key: Option<Expr>, value: Option<Expr>, define: bool, x: Expr, body: Block },
    /// An empty statement.
    Empty { pos: Pos },
}

/// `case a, b:` or `default:` in a `switch`.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseClause {
    /// Where `case` or `default` is.
    pub pos: Pos,
    /// The expressions; empty for `default`.
    pub exprs: Vec<Expr>,
    /// `default:`.
    pub default: bool,
    /// The statements.
    pub body: Vec<Stmt>,
}

/// `case comm:` or `default:` in a `select`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommClause {
    /// Where `case` or `default` is.
    pub pos: Pos,
    /// The send or receive; `None` for `default`.
    pub comm: Option<Box<Stmt>>,
    /// The statements.
    pub body: Vec<Stmt>,
}

impl Stmt {
    /// Where the statement starts.
    pub fn pos(&self) -> Pos {
        match self {
            Stmt::Decl { pos, .. }
            | Stmt::Go { pos, .. }
            | Stmt::Defer { pos, .. }
            | Stmt::Return { pos, .. }
            | Stmt::Branch { pos, .. }
            | Stmt::If { pos, .. }
            | Stmt::Switch { pos, .. }
            | Stmt::TypeSwitch { pos, .. }
            | Stmt::Select { pos, .. }
            | Stmt::For { pos, .. }
            | Stmt::Range { pos, .. }
            | Stmt::Empty { pos } => *pos,
            Stmt::Labeled { label, .. } => label.pos,
            Stmt::Expr(e) => e.pos(),
            Stmt::Send { ch, .. } => ch.pos(),
            Stmt::IncDec { x, .. } => x.pos(),
            Stmt::Assign { lhs, .. } => lhs.first().map_or_else(Pos::default, Expr::pos),
            Stmt::Block(b) => b.pos,
        }
    }
}
