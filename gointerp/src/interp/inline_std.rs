//! What a call of a standard library function adds to the caller's inlining cost, as
//! Go 1.24's inliner counts it: a function it can inline costs its own body's cost
//! (`errors.New`: 6), any other call 57 (`inlineExtraCallCost`). The costs are Go
//! 1.24.4's, printed by `go build -gcflags='PKG=-m=2' PKG` ("can inline New with cost
//! 6"); a function not listed here is not inlinable there.

use crate::syntax::ast::Expr;

/// Go's extra cost of a call it cannot inline.
pub(super) const CALL_COST: u32 = 57;

/// `(package name, function, cost)` of the inlinable package-level functions the
/// checker declares.
const INLINABLE: &[(&str, &str, u32)] = &[
    ("context", "Background", 3),
    ("context", "TODO", 3),
    ("context", "WithoutCancel", 12),
    ("context", "WithDeadline", 72),
    ("errors", "New", 6),
    ("errors", "Join", 54),
    ("errors", "Unwrap", 75),
    ("fmt", "Printf", 73),
    ("fmt", "Println", 72),
    ("http", "Get", 70),
    ("http", "ListenAndServe", 70),
    ("http", "NewRequest", 77),
    ("log", "Print", 77),
    ("math", "Abs", 14),
    ("math", "Ceil", 61),
    ("math", "Copysign", 23),
    ("math", "Floor", 61),
    ("math", "Inf", 21),
    ("math", "IsInf", 16),
    ("math", "IsNaN", 4),
    ("math", "Max", 62),
    ("math", "Min", 62),
    ("math", "Mod", 62),
    ("math", "NaN", 7),
    ("math", "Round", 57),
    ("math", "Signbit", 11),
    ("math", "Sqrt", 4),
    ("math", "Trunc", 61),
    ("log", "Printf", 77),
    ("log", "Println", 77),
    ("runtime", "Gosched", 62),
    ("runtime", "NumCPU", 3),
    ("runtime", "NumGoroutine", 46),
    ("strconv", "FormatBool", 6),
    ("strconv", "FormatFloat", 72),
    ("strconv", "Itoa", 62),
    ("strconv", "ParseBool", 65),
    ("strconv", "Quote", 80),
    ("strings", "Contains", 69),
    ("strings", "HasPrefix", 18),
    ("strings", "HasSuffix", 21),
    ("strings", "Index", 62),
    ("strings", "ReplaceAll", 64),
    ("strings", "Split", 64),
    ("strings", "TrimPrefix", 30),
    ("strings", "TrimSuffix", 36),
    ("time", "After", 62),
    ("time", "Tick", 68),
];

/// The cost a call of `fun` adds beyond its own node: the callee's body for an
/// inlinable standard library function named by its package (`errors.New`), else
/// Go's cost of a call.
pub(super) fn call_cost(fun: &Expr) -> u32 {
    if let Expr::Selector { x, sel } = fun {
        if let Expr::Ident(pkg) = x.as_ref() {
            if let Some((_, _, c)) = INLINABLE.iter().find(|(p, f, _)| *p == pkg.name && *f == sel.name) {
                return *c;
            }
        }
    }
    CALL_COST
}

/// The packages a program can import, by the name their selectors use.
const PACKAGE_NAMES: &[&str] = &[
    "context", "errors", "fmt", "http", "io", "log", "math", "os", "pprof", "runtime", "signal", "strconv", "strings",
    "sync", "time", "url",
];

/// `time.Millisecond`, `http.MethodGet`: one node for Go's inliner, a name, where the
/// syntax has a selector and an identifier.
pub(super) fn is_package_name(e: &Expr) -> bool {
    matches!(e, Expr::Selector { x, .. } if matches!(x.as_ref(), Expr::Ident(p) if PACKAGE_NAMES.contains(&p.name.as_str())))
}

/// An expression Go folds to one constant before it counts (`300 * time.Millisecond`):
/// literals, package-level names of the standard library, and operators over them.
pub(super) fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Paren { x, .. } => is_constant(x),
        Expr::Binary { x, y, .. } => is_constant(x) && is_constant(y),
        e => is_package_name(e),
    }
}
