//! The evaluator, first part: a checked program runs on `sim-runtime`, each goroutine
//! an interpreted fiber that parks exactly where Go parks, with Go's function names
//! (`main.main.func1`, `main.main.gowrap1`) and the learner's line numbers in the
//! runtime's stacks, so deadlocks and dumps read as Go's.
//!
//! What runs so far: functions, closures (Go 1.22 per-iteration loop variables) and
//! methods with value and pointer receivers; `int`, `bool`, `string`,
//! `time.Duration`, `time.Time`, `error`, structs, pointers, slices and maps; multiple
//! and named results; `if`, `for`, `range` over integers, slices, maps and channels,
//! `switch`, `break`/`continue` with labels, `defer`, `panic` and `recover`; channels
//! (`make`, send, receive, `close`, `len`, `cap`), `select` with `default`, `go`;
//! `time.Sleep`, `time.After`, `sync.WaitGroup`, `sync.Mutex`, `context`, `errors`,
//! `fmt`, `log`, `runtime.NumGoroutine`; and what a [`Host`] supplies (`net/http`, from
//! the lessons). Anything else ends the run with a clear error at its line, never a crash.

// The futures a parked goroutine is inside are written as functions returning an
// `async move` block, not as `async fn`s: an `async fn`'s future keeps its arguments
// twice (as captured and as moved into its body), which a parked goroutine pays for
// in every frame.
#![allow(clippy::manual_async_fn)]

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use sim_runtime::{
    after, sleep, CancelFunc, Chan, Context, CtxErr, Duration, FuncId, FuncSpec, Mutex, Outcome, Select, Sim,
    SimHandle, Time, WaitGroup, G,
};

use crate::check::checker::{Checker, Const};
use crate::check::expr_string;
use crate::check::types::{Basic, Type};
use crate::diag::Diagnostic;
use crate::syntax::ast::*;

mod arrays;
mod assert;
mod devirt;
pub mod host;
mod inline_std;
mod ints;
mod native;
mod slices;
mod stdlib_atomic;
mod stdlib_float;
mod stdlib_fmt;
mod stdlib_sync;
mod stdlib_text;
mod structs;

pub use host::{struct_field, Host, HostCall, HostFuture, HostValue, Interp, WeakInterp};
pub use ints::{bytes_of, bytes_value, IntKind};
use slices::SliceV;

/// The file name the runtime's stacks print for the program.
pub const MAIN_FILE: &str = "/app/main.go";

/// A value of the running program.
#[derive(Clone)]
pub enum Value {
    /// An `int` or `int64`, `time.Duration` included (printing looks at the static type).
    Int(i64),
    /// Every other integer type: its value wrapped to the type's width (`ints.rs`).
    Sized(i64, IntKind),
    /// A `float64` (and a type defined on it).
    Float(f64),
    /// A `bool`.
    Bool(bool),
    /// A `string`.
    Str(Rc<str>),
    /// A channel (nil or made).
    Chan(Chan<Value>),
    /// A timer's channel (`time.After`), which carries the time.
    TimeChan(Chan<Time>),
    /// A function or closure.
    Func(Rc<Closure>),
    /// A `sync.WaitGroup` (shared, as the program's pointer to it would be).
    Wg(Rc<WaitGroup>),
    /// A `sync.Mutex` (shared likewise).
    Mutex(Rc<Mutex>),
    /// A slice: a window on a shared backing array (`slices.rs`).
    Slice(SliceV),
    /// An array: its elements, owned like a struct's fields (`arrays.rs`).
    Array(Fields),
    /// A map (`None`: the nil map), entries in insertion order. Go randomizes the order
    /// of `range` over a map; the interpreter does not, so output that depends on it
    /// cannot be compared with real Go's anyway.
    Map(Option<Entries>),
    /// The results of a call with several.
    Tuple(Rc<Vec<Value>>),
    /// A `context.Context` (`Background` has no core and a nil `Done`).
    Ctx(Context),
    /// The `cancel` of `context.WithCancel`, `WithTimeout` or `WithDeadline`.
    Cancel(CancelFunc),
    /// A channel of `struct{}` made by the runtime (`ctx.Done()`).
    UnitChan(Chan<()>),
    /// A non-nil `error`.
    Error(Rc<GoError>),
    /// A `time.Time` on the virtual clock.
    Time(Time),
    /// A value of a package the host supplies (`http.ResponseWriter`).
    Host(Rc<HostValue>),
    /// A struct: its fields in declaration order. A struct is a value in Go: reading
    /// it from a variable, field or element copies it ([`copy_val`]); the cell of a
    /// variable owns its fields, which assignments to fields change in place.
    Struct(Fields),
    /// A pointer (`&x`, `&T{…}`): the variable, or a new cell, it points to.
    Ptr(Rc<RefCell<Value>>),
    /// A pointer to a struct's field that is not a struct itself (`&s.count`, as
    /// `atomic.AddInt64` takes one): the struct's fields and the field's index.
    Elem(Fields, usize),
    /// A `*time.Timer`.
    Timer(Rc<sim_runtime::Timer>),
    /// A `*time.Ticker`.
    Ticker(Rc<sim_runtime::Ticker>),
    /// `nil` and values the program never looks into.
    Nil,
}

/// An `error` value.
pub enum GoError {
    /// `context.Canceled` or `context.DeadlineExceeded`.
    Ctx(CtxErr),
    /// `errors.New(text)`, or `fmt.Errorf` without `%w`: equal only to itself.
    Text(String),
    /// `fmt.Errorf` with `%w`: its text and the error it wraps.
    Wrap(String, Value),
}

impl GoError {
    /// `err.Error()`.
    pub fn message(&self) -> String {
        match self {
            GoError::Ctx(e) => e.to_string(),
            GoError::Text(s) | GoError::Wrap(s, _) => s.clone(),
        }
    }
}

/// A struct's fields.
pub type Fields = Rc<RefCell<Vec<Value>>>;

/// A copy of `v` as Go copies values: a struct's fields are copied (deeply, for
/// structs inside it); everything else is a reference or a scalar already.
fn copy_val(v: &Value) -> Value {
    match v {
        Value::Struct(f) => Value::Struct(Rc::new(RefCell::new(f.borrow().iter().map(copy_val).collect()))),
        Value::Array(f) => Value::Array(Rc::new(RefCell::new(f.borrow().iter().map(copy_val).collect()))),
        v => v.clone(),
    }
}

/// A map's entries, shared by every copy of the map value.
pub type Entries = Rc<RefCell<Vec<(Value, Value)>>>;

/// A function's signature and body, shared by every value of it.
pub struct Code {
    typ: FuncType,
    body: Block,
    // A method's receiver name (`None` for `_` or a function).
    recv: Option<Name>,
    // For a function literal, the names its body mentions: the variables it can
    // capture from where it is evaluated.
    captures: Option<Vec<Name>>,
}

/// A function value: its code and the variables it closes over.
pub struct Closure {
    code: Rc<Code>,
    env: Rc<Scope>,
    // Its frame where it is called directly: inlined (`main.park(...)`) if Go inlines it.
    func: FuncId,
    // Its frame where Go cannot inline it: called through a function value it does not
    // see through, or started as a goroutine. The same as `func` for a function Go
    // never inlines.
    outline: FuncId,
    // A method value's receiver (`c.hit`), bound when the method was selected.
    recv: Option<Value>,
}

impl Closure {
    /// The scope a call of this function starts in: its closed-over variables and,
    /// for a method, its receiver.
    fn scope(&self) -> Rc<Scope> {
        let typ = &self.code.typ;
        let receiver = self.code.recv.is_some() && self.recv.is_some();
        if !receiver && typ.params.is_empty() && typ.results.iter().all(|f| f.name.is_none()) {
            // Nothing to define: the body's block makes a scope if it declares anything.
            return self.env.clone();
        }
        let scope = Scope::new(Some(self.env.clone()));
        if let (Some(name), Some(recv)) = (&self.code.recv, &self.recv) {
            scope.define(name.clone(), copy_val(recv));
        }
        scope
    }
}

/// A variable's name, shared by every scope that defines it (see [`Program::name`]).
type Name = Rc<str>;

/// Variables by name, innermost scope first.
pub struct Scope {
    vars: RefCell<Vars>,
    parent: Option<Rc<Scope>>,
}

/// A variable of a scope: its name and its cell.
type Var = (Name, Rc<RefCell<Value>>);

/// A scope's variables, in the order defined. Most scopes hold one: it is kept in the
/// scope itself, without a vector of its own (a parked goroutine keeps its scopes).
enum Vars {
    One([Var; 1]),
    Many(Vec<Var>),
}

impl std::ops::Deref for Vars {
    type Target = [Var];

    fn deref(&self) -> &[Var] {
        match self {
            Vars::One(one) => one,
            Vars::Many(many) => many,
        }
    }
}

impl Vars {
    fn push(&mut self, var: Var) {
        match self {
            Vars::Many(many) if !many.is_empty() => many.push(var),
            Vars::Many(_) => *self = Vars::One([var]),
            Vars::One(_) => {
                if let Vars::One([first]) = std::mem::replace(self, Vars::Many(Vec::with_capacity(2))) {
                    if let Vars::Many(many) = self {
                        many.push(first);
                        many.push(var);
                    }
                }
            }
        }
    }
}

impl Scope {
    fn new(parent: Option<Rc<Scope>>) -> Rc<Scope> {
        Rc::new(Scope { vars: RefCell::new(Vars::Many(Vec::new())), parent })
    }

    fn define(&self, name: Name, v: Value) -> Rc<RefCell<Value>> {
        let cell = Rc::new(RefCell::new(v));
        self.bind(name, cell.clone());
        cell
    }

    /// Adds `cell` as `name`.
    fn bind(&self, name: Name, cell: Rc<RefCell<Value>>) {
        self.vars.borrow_mut().push((name, cell));
    }

    /// Like [`Scope::lookup`], without the outermost scope (the globals).
    fn lookup_local(&self, name: &str) -> Option<Rc<RefCell<Value>>> {
        self.parent.as_ref()?;
        if let Some((_, c)) = self.vars.borrow().iter().rev().find(|(n, _)| **n == *name) {
            return Some(c.clone());
        }
        self.parent.as_ref().and_then(|p| p.lookup_local(name))
    }

    fn lookup(&self, name: &str) -> Option<Rc<RefCell<Value>>> {
        if let Some((_, c)) = self.vars.borrow().iter().rev().find(|(n, _)| **n == *name) {
            return Some(c.clone());
        }
        self.parent.as_ref().and_then(|p| p.lookup(name))
    }
}

/// What a run produced.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// What the program printed on standard output.
    pub stdout: String,
    /// How it ended, if it did before the limit.
    pub outcome: Option<Outcome>,
    /// The virtual instant the run stopped at.
    pub now: Time,
}

/// Checks and runs `src` until it ends or `limit` of virtual time has passed.
pub fn run(src: &str, seed: u64, limit: Duration) -> Result<RunResult, Vec<Diagnostic>> {
    run_with(src, seed, limit, |_| ()).map(|(r, ())| r)
}

/// Like [`run`], and calls `observe` with the simulation at the end of the run, while
/// its goroutines still exist (for measurements).
pub fn run_observed<T>(
    src: &str,
    seed: u64,
    limit: Duration,
    observe: impl FnOnce(&Sim) -> T,
) -> Result<T, Vec<Diagnostic>> {
    run_with(src, seed, limit, observe).map(|(_, t)| t)
}

fn run_with<T>(
    src: &str,
    seed: u64,
    limit: Duration,
    observe: impl FnOnce(&Sim) -> T,
) -> Result<(RunResult, T), Vec<Diagnostic>> {
    let sim = Sim::new(seed);
    let loaded = load(src, &sim.handle(), None)?;
    let end = Time(limit.0);
    sim.run(end);
    if let Some(e) = loaded.error() {
        return Err(vec![e]);
    }
    let observed = observe(&sim);
    let stdout = loaded.stdout();
    Ok((RunResult { stdout, outcome: sim.outcome(), now: sim.now() }, observed))
}

/// A program loaded into a simulation, its `main` goroutine started (it runs when the
/// simulation does).
pub struct Loaded {
    interp: Interp,
}

impl Loaded {
    /// The first thing the program did that Leak Lab cannot run, at its line; the
    /// program stopped there.
    pub fn error(&self) -> Option<Diagnostic> {
        self.interp.prog.error.borrow().clone()
    }

    /// What the program printed on standard output so far.
    pub fn stdout(&self) -> String {
        self.interp.prog.stdout.borrow().clone()
    }

    /// What the program printed on standard error so far (`log`), at most
    /// [`LOG_LIMIT`] bytes of it.
    pub fn stderr(&self) -> String {
        self.interp.stderr()
    }

    /// The running program, for a host.
    pub fn interp(&self) -> &Interp {
        &self.interp
    }
}

/// Checks `src` and starts it in the simulation `h`: globals, `init` functions and
/// `main` run in goroutine 1 as the simulation runs. Calls of packages the
/// interpreter does not run itself go to `host`.
pub fn load(src: &str, h: &SimHandle, host: Option<Rc<dyn Host>>) -> Result<Loaded, Vec<Diagnostic>> {
    let (file, checker) = crate::check::analyze(src)?;
    let prog = Rc::new(Program::new(file, checker, h, host));
    *prog.me.borrow_mut() = Rc::downgrade(&prog);
    let main =
        prog.funcs.get("main").cloned().ok_or_else(|| vec![Diagnostic::new(Pos::default(), "no main".into())])?;
    let p = prog.clone();
    let main_id = prog.func_ids[&main.name.pos];
    h.go_main(main_id, move |g| async move {
        let p = p;
        let globals = p.globals.clone();
        if let Err(e) = p.init_globals(&g, &globals).await {
            return p.end_goroutine(&g, e).await;
        }
        for init in p.inits.clone() {
            let id = p.func_ids[&init.name.pos];
            g.enter(init.pos.line, id);
            let r = p
                .run_body(
                    &g,
                    &init.typ,
                    init.body.as_ref().expect("checked"),
                    Scope::new(Some(globals.clone())),
                    vec![],
                )
                .await;
            g.leave();
            if let Err(e) = r {
                return p.end_goroutine(&g, e).await;
            }
        }
        let body = main.body.as_ref().expect("checked");
        if let Err(e) = p.run_body(&g, &main.typ, body, Scope::new(Some(globals)), vec![]).await {
            p.end_goroutine(&g, e).await;
        }
    });
    Ok(Loaded { interp: Interp { prog } })
}

/// The most of its standard error a run keeps: a server that logs every request
/// would otherwise grow without bound.
pub const LOG_LIMIT: usize = 1 << 20;

/// Standard error, kept up to [`LOG_LIMIT`] bytes.
#[derive(Default)]
struct LogBuf {
    text: String,
    dropped: u64,
}

impl LogBuf {
    /// Whether nothing more will be kept (what would be printed is only counted).
    fn full(&self) -> bool {
        self.text.len() >= LOG_LIMIT
    }

    fn push(&mut self, s: &str) {
        if self.text.len() + s.len() > LOG_LIMIT {
            self.dropped += 1;
        } else {
            self.text.push_str(s);
        }
    }

    fn text(&self) -> String {
        if self.dropped == 0 {
            return self.text.clone();
        }
        format!("{}[Leak Lab kept the first {LOG_LIMIT} bytes; {} more lines not shown]\n", self.text, self.dropped)
    }
}

type Res<T> = Result<T, Stop>;

/// Why evaluation does not go on normally.
#[derive(Debug)]
enum Stop {
    /// Something Leak Lab cannot run, at its line: the program stops there.
    Error(Diagnostic),
    /// A panic was recovered by a deferred call of the function at this depth of the
    /// goroutine's defer stack: the frames above it unwind, and it returns normally.
    Recovered(usize),
}

impl From<Diagnostic> for Stop {
    fn from(d: Diagnostic) -> Stop {
        Stop::Error(d)
    }
}

/// A goroutine's panic while its deferred calls run.
struct Panicking {
    value: Value,
    recovered: bool,
}

/// A deferred call, its function and arguments evaluated at the `defer` statement.
enum Deferred {
    /// A function or closure of the program.
    Func(Value, Vec<Value>, u32),
    /// A standard library function or method: (package or receiver type, name),
    /// receiver, arguments.
    Std(Rc<DeferredStd>),
}

/// A deferred standard library call: a [`StdCall`] that owns what it refers to.
struct DeferredStd {
    callee: (String, String),
    recv: Option<Value>,
    args: Vec<Value>,
    arg_types: ArgTypes,
    pos: Pos,
}

/// The static types of a call's arguments, for printing by them: the same for every
/// run of the call, so made once per call site (see `Program::arg_types`).
type ArgTypes = Rc<[Option<Type>]>;

/// A call into the standard library, ready to run.
struct StdCall<'a> {
    callee: &'a (String, String),
    recv: Option<Value>,
    args: Vec<Value>,
    // The arguments' static types, for printing by them.
    arg_types: ArgTypes,
    pos: Pos,
}

/// One function's deferred calls, and where it is on its goroutine's defer stack once
/// it has deferred something (only such a function can recover a panic).
#[derive(Default)]
struct DeferList {
    calls: RefCell<Vec<Deferred>>,
    depth: std::cell::Cell<Option<usize>>,
}

/// The deferred calls of the function a statement is in: made at its first
/// `defer`, so that a call that defers nothing allocates nothing for them.
#[derive(Default)]
struct Defers(RefCell<Option<Rc<DeferList>>>);

impl Defers {
    /// The list, once the function has deferred something.
    fn list(&self) -> Option<Rc<DeferList>> {
        self.0.borrow().clone()
    }

    fn list_or_new(&self) -> Rc<DeferList> {
        self.0.borrow_mut().get_or_insert_with(Default::default).clone()
    }

    /// Where the function is on its goroutine's defer stack, once it has deferred something.
    fn depth(&self) -> Option<usize> {
        self.0.borrow().as_ref().and_then(|l| l.depth.get())
    }
}
type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// The value of an `Option<Res<T>>` from [`Program::quick`], in a function that
/// returns one: `None` (evaluate it as a future) and errors are passed on.
macro_rules! quick_try {
    ($e:expr) => {
        match $e? {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        }
    };
}

/// A future that may be done already: what [`Program::eval`] and [`Program::stmt`]
/// return, so that what cannot park (constants, variables, arithmetic on them, an
/// assignment of such values) runs at once without allocating a future.
enum Quick<'a, T> {
    Done(Option<T>),
    Later(BoxFut<'a, T>),
}

/// What [`Program::stmt`] returns: like [`Quick`], and an expression statement's
/// own future (a call), whose value is dropped, without a second box around it.
enum StmtFut<'a> {
    Done(Option<Res<Flow>>),
    Later(BoxFut<'a, Res<Flow>>),
    Expr(BoxFut<'a, Res<Value>>),
}

impl Future for StmtFut<'_> {
    type Output = Res<Flow>;

    fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Res<Flow>> {
        match self.get_mut() {
            StmtFut::Done(v) => std::task::Poll::Ready(v.take().expect("a done statement is polled once")),
            StmtFut::Later(f) => f.as_mut().poll(cx),
            StmtFut::Expr(f) => f.as_mut().poll(cx).map(|r| r.map(|_| Flow::Normal)),
        }
    }
}

impl<T: Unpin> Future for Quick<'_, T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<T> {
        match self.get_mut() {
            Quick::Done(v) => std::task::Poll::Ready(v.take().expect("a quick future is polled once")),
            Quick::Later(f) => f.as_mut().poll(cx),
        }
    }
}

/// How a statement ends.
enum Flow {
    Normal,
    /// `break`, or `break L`.
    Break(Option<String>),
    /// `continue`, or `continue L`.
    Continue(Option<String>),
    Return(Value),
    /// A `return` without values (of a function whose results, if any, are named).
    Bare,
}

/// What a loop labeled `label` does with how its body ended: `Ok(true)` to stop,
/// `Ok(false)` to go on, `Err(flow)` to pass a labeled branch or a return outward.
fn loop_flow(flow: Flow, label: Option<&str>) -> Result<bool, Flow> {
    match flow {
        Flow::Normal | Flow::Continue(None) => Ok(false),
        Flow::Break(None) => Ok(true),
        Flow::Break(Some(l)) if Some(l.as_str()) == label => Ok(true),
        Flow::Continue(Some(l)) if Some(l.as_str()) == label => Ok(false),
        other => Err(other),
    }
}

struct Program {
    funcs: BTreeMap<String, Rc<FuncDecl>>,
    inits: Vec<Rc<FuncDecl>>,
    global_specs: Vec<ValueSpec>,
    globals: Rc<Scope>,
    // The runtime's function for each declaration or literal, by its position.
    func_ids: BTreeMap<Pos, FuncId>,
    // The out-of-line frame of each function inlined where called directly (see
    // `Closure::outline`), by its position.
    outline_ids: BTreeMap<Pos, FuncId>,
    // The calls through a local variable that Go devirtualizes, by their `(` (see `devirt`),
    // and the other uses of such variables, by the identifier's position.
    static_calls: BTreeSet<Pos>,
    static_idents: BTreeSet<Pos>,
    // Calls of a parameter in an inlined function's body, by their `(`, and its other
    // uses, by the identifier: the parameter's index (see `devirt::param_calls`).
    param_calls: BTreeMap<Pos, usize>,
    // The inlined functions with such calls: a call of one records which of its
    // arguments name a function (one bit each), per goroutine, innermost call last.
    param_funcs: BTreeSet<FuncId>,
    named_args: RefCell<BTreeMap<sim_runtime::Goid, Vec<u64>>>,
    // The `gowrapN` wrapper of each `go` statement with arguments, by its position.
    gowraps: BTreeMap<Pos, FuncId>,
    // The code of each declared function (by its name's position) and literal.
    code: BTreeMap<Pos, Rc<Code>>,
    // The value of each top-level function the program has used, by its name's position.
    func_values: RefCell<BTreeMap<Pos, Rc<Closure>>>,
    checker: Checker,
    // The program's methods by receiver type and name: the declaration's name
    // position (the key of its code and function) and whether the receiver is a pointer.
    methods: BTreeMap<(String, String), (Pos, bool)>,
    // Constant expressions' values by the expression's address (see `constant`).
    const_cache: RefCell<AddrMap<Option<Value>>>,
    // Expressions' static types, likewise.
    type_cache: RefCell<AddrMap<Option<Type>>>,
    // Calls' argument types by the call's address (see `arg_types`).
    arg_type_cache: RefCell<AddrMap<ArgTypes>>,
    // What each call is, by the call's address (see `call_kind`): Go's scopes are
    // static, so a call site always names the same kind of thing.
    call_kinds: RefCell<AddrMap<CallKind>>,
    // Variables' names by the address of the identifier's text (see `name`).
    name_cache: RefCell<AddrMap<Name>>,
    // Each import's name in the file and its path.
    imports: BTreeMap<String, String>,
    stdout: RefCell<String>,
    stderr: RefCell<LogBuf>,
    // `log.SetFlags`: what a log line starts with (`log.LstdFlags` unless set).
    log_flags: std::cell::Cell<i64>,
    host: Option<Rc<dyn Host>>,
    // The heap bytes each goroutine started from a function literal keeps: its
    // closure and the strings it formats (see `Program::keep_heap`).
    heap: RefCell<GoidMap<u32>>,
    error: RefCell<Option<Diagnostic>>,
    names: RefCell<BTreeSet<&'static str>>,
    // The program itself, for `go` statements that hand an owning reference to the
    // goroutine they start.
    me: RefCell<std::rc::Weak<Program>>,
    // Statements run since the virtual clock last moved, and at which instant.
    steps: std::cell::Cell<(Time, u64)>,
    // Statements run in all.
    total_steps: std::cell::Cell<u64>,
    // Each goroutine's deferred calls, one list per function it is inside, outermost
    // first.
    defer_stacks: RefCell<BTreeMap<sim_runtime::Goid, Vec<Rc<DeferList>>>>,
    // The goroutines whose deferred calls are running because of a panic.
    panicking: RefCell<BTreeMap<sim_runtime::Goid, Panicking>>,
    // Interpreted call depth of each goroutine.
    depth: RefCell<GoidMap<u32>>,
}

/// What a call site calls (see [`Program::call_kind`]).
#[derive(Clone, Copy)]
struct CallKind {
    // The program's own code ([`Program::is_user_call`]).
    user: bool,
    // A conversion, `T(x)`.
    conversion: bool,
    // A built-in function (`len`, `make`, …).
    builtin: bool,
}

/// A map keyed by a syntax node's address, hashed by one multiplication: it is
/// looked up for every expression evaluated.
type AddrMap<V> = std::collections::HashMap<usize, V, std::hash::BuildHasherDefault<AddrHasher>>;

/// A map by goroutine, for what every call or goroutine start looks up (only by key:
/// its order is never seen).
type GoidMap<V> = std::collections::HashMap<sim_runtime::Goid, V, std::hash::BuildHasherDefault<AddrHasher>>;

#[derive(Default)]
struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// The heap a goroutine started from a function literal keeps for its closure and
/// what it captures (see `Program::keep_heap`).
const CLOSURE_BYTES: u32 = 96;

/// Statements that may run at one virtual instant before the run is stopped: a
/// goroutine that never blocks would otherwise keep the clock from ever moving.
pub const STEP_BUDGET: u64 = 1_000_000;

/// Statements one run may execute in all: a bound on the wall-clock time of any run,
/// whatever the program does between instants.
pub const TOTAL_STEP_BUDGET: u64 = 50_000_000;

/// Interpreted calls one goroutine may nest; deeper recursion ends the run as Go's
/// stack overflow does. The bound is low because each interpreted call nests boxed
/// futures that the executor polls recursively: 40 levels fit a 2 MiB test thread in
/// a debug build. (An evaluator with explicit frames would lift it.)
pub const MAX_CALL_DEPTH: u32 = 40;

/// Names Go gives function literals and `go` wrappers inside one top-level function.
struct Namer<'a> {
    sim: &'a SimHandle,
    checker: &'a Checker,
    ids: &'a mut BTreeMap<Pos, FuncId>,
    gowraps: &'a mut BTreeMap<Pos, FuncId>,
    // Inside a function literal, whose own literals Go numbers `outer.1`, not `outer.func1`.
    nested: bool,
    // Each literal's code, by position.
    code: &'a mut BTreeMap<Pos, Rc<Code>>,
    // The out-of-line frame of each literal Go can inline (whose `ids` entry is then
    // its inlined frame), by position.
    outline_ids: &'a mut BTreeMap<Pos, FuncId>,
}

impl Namer<'_> {
    /// Names the literals in `stmts`, which belong to the function `outer`: Go numbers
    /// them `outer.func1`, `outer.func2`, … in source order, and those nested in a
    /// literal `outer.func1.1`, …; each `go` statement with arguments gets a wrapper
    /// `outer.gowrap1`, ….
    fn block(&mut self, outer: &str, stmts: &[Stmt], counts: &mut (u32, u32)) {
        for s in stmts {
            self.stmt(outer, s, counts);
        }
    }

    fn stmt(&mut self, outer: &str, s: &Stmt, c: &mut (u32, u32)) {
        let mut exprs: Vec<&Expr> = Vec::new();
        let mut blocks: Vec<&[Stmt]> = Vec::new();
        match s {
            Stmt::Go { pos, call } => {
                if let Expr::Call { args, lparen, .. } = call {
                    // Go wraps a call with arguments, or of a method (its receiver is one),
                    // or with results (which the wrapper drops).
                    let method = self.checker.callees.get(lparen).is_some_and(|c| c.0.starts_with('('));
                    let results = self
                        .checker
                        .expr_types
                        .get(&(call.pos(), expr_string(call)))
                        .is_some_and(|t| !matches!(t, Type::Tuple(ts) if ts.is_empty()));
                    if !args.is_empty() || method || results {
                        c.1 += 1;
                        let id = self.sim.func(FuncSpec::new(format!("{outer}.gowrap{}", c.1), MAIN_FILE, pos.line));
                        self.gowraps.insert(*pos, id);
                    }
                }
                exprs.push(call);
            }
            Stmt::Decl { decl: Decl::Var(specs), .. } => specs.iter().for_each(|sp| exprs.extend(sp.values.iter())),
            Stmt::Labeled { stmt, .. } => return self.stmt(outer, stmt, c),
            Stmt::Expr(e) | Stmt::IncDec { x: e, .. } => exprs.push(e),
            Stmt::Defer { call, .. } => exprs.push(call),
            Stmt::Send { ch, value, .. } => exprs.extend([ch, value]),
            Stmt::Assign { lhs, rhs, .. } => exprs.extend(lhs.iter().chain(rhs)),
            Stmt::Return { results, .. } => exprs.extend(results.iter()),
            Stmt::Block(b) => blocks.push(&b.stmts),
            Stmt::If { init, cond, then, els, .. } => {
                if let Some(i) = init {
                    self.stmt(outer, i, c);
                }
                self.expr(outer, cond, c);
                self.block(outer, &then.stmts, c);
                if let Some(e) = els {
                    self.stmt(outer, e, c);
                }
            }
            Stmt::For { init, cond, post, body, .. } => {
                if let Some(i) = init {
                    self.stmt(outer, i, c);
                }
                if let Some(e) = cond {
                    self.expr(outer, e, c);
                }
                if let Some(p) = post {
                    self.stmt(outer, p, c);
                }
                blocks.push(&body.stmts);
            }
            Stmt::Range { x, body, .. } => {
                exprs.push(x);
                blocks.push(&body.stmts);
            }
            Stmt::Switch { init, tag, cases, .. } => {
                if let Some(i) = init {
                    self.stmt(outer, i, c);
                }
                if let Some(t) = tag {
                    self.expr(outer, t, c);
                }
                for cc in cases {
                    cc.exprs.iter().for_each(|e| self.expr(outer, e, c));
                    self.block(outer, &cc.body, c);
                }
            }
            Stmt::Select { cases, .. } => {
                for cc in cases {
                    if let Some(comm) = &cc.comm {
                        self.stmt(outer, comm, c);
                    }
                    self.block(outer, &cc.body, c);
                }
            }
            _ => {}
        }
        for e in exprs {
            self.expr(outer, e, c);
        }
        for b in blocks {
            self.block(outer, b, c);
        }
    }

    fn expr(&mut self, outer: &str, e: &Expr, c: &mut (u32, u32)) {
        match e {
            Expr::FuncLit { typ, body } => {
                c.0 += 1;
                let name = if self.nested { format!("{outer}.{}", c.0) } else { format!("{outer}.func{}", c.0) };
                let mut spec = FuncSpec::new(&name, MAIN_FILE, typ.pos.line);
                if let Some(words) = arg_words(self.checker, &typ.params) {
                    spec = spec.args(words);
                }
                let id = self.sim.func(spec);
                self.ids.insert(typ.pos, id);
                if inlinable_literal(body, &self.checker.conversions) {
                    // Called where it is defined, or by a `go` statement's wrapper, Go
                    // inlines it; its own frame is for calls through a value.
                    let inlined = self.sim.func(FuncSpec::new(&name, MAIN_FILE, typ.pos.line).inlined());
                    self.ids.insert(typ.pos, inlined);
                    self.outline_ids.insert(typ.pos, id);
                }
                let mut names = BTreeSet::new();
                structs::names_in(body, &mut names);
                let captures = Some(names.into_iter().map(|n: String| Name::from(n)).collect());
                self.code.insert(typ.pos, Rc::new(Code { typ: typ.clone(), body: body.clone(), recv: None, captures }));
                // Literals nested in this one are numbered within it.
                let saved = std::mem::replace(&mut self.nested, true);
                self.block(&name, &body.stmts, &mut (0, 0));
                self.nested = saved;
            }
            Expr::Call { fun, args, .. } => {
                self.expr(outer, fun, c);
                args.iter().for_each(|a| self.expr(outer, a, c));
            }
            Expr::Binary { x, y, .. } => {
                self.expr(outer, x, c);
                self.expr(outer, y, c);
            }
            Expr::Unary { x, .. } | Expr::Paren { x, .. } | Expr::Selector { x, .. } | Expr::Star { x, .. } => {
                self.expr(outer, x, c)
            }
            Expr::Index { x, index, .. } => {
                self.expr(outer, x, c);
                self.expr(outer, index, c);
            }
            Expr::Composite { elts, .. } => elts.iter().for_each(|x| self.expr(outer, x, c)),
            Expr::KeyValue { key, value } => {
                self.expr(outer, key, c);
                self.expr(outer, value, c);
            }
            _ => {}
        }
    }
}

impl Program {
    fn new(file: File, checker: Checker, sim: &SimHandle, host: Option<Rc<dyn Host>>) -> Program {
        let mut funcs = BTreeMap::new();
        let mut inits = Vec::new();
        let mut global_specs = Vec::new();
        let mut func_ids = BTreeMap::new();
        let mut outline_ids = BTreeMap::new();
        let mut decls: Vec<Rc<FuncDecl>> = Vec::new();
        let mut inlined_funcs = BTreeSet::new();
        let mut gowraps = BTreeMap::new();
        let mut code = BTreeMap::new();
        let mut init_n = 0;
        let mut methods = BTreeMap::new();
        let imports = file
            .imports
            .iter()
            .map(|im| {
                let name = im
                    .name
                    .as_ref()
                    .map_or_else(|| im.path.rsplit('/').next().unwrap_or(&im.path).to_string(), |n| n.name.clone());
                (name, im.path.clone())
            })
            .collect();
        for d in file.decls {
            match d {
                Decl::Func(f) => {
                    let recv = f.recv.as_ref().and_then(|r| {
                        let (t, ptr) = match &r.typ {
                            Expr::Star { x, .. } => (x.as_ref(), true),
                            t => (t, false),
                        };
                        let Expr::Ident(t) = t else { return None };
                        Some((t.name.clone(), ptr, r.name.as_ref().map(|n| n.name.clone()).filter(|n| n != "_")))
                    });
                    let name = if f.name.name == "init" {
                        let n = format!("main.init.{init_n}");
                        init_n += 1;
                        n
                    } else if let Some((t, ptr, _)) = &recv {
                        // Go's names of methods: main.point.add, main.(*point).scale.
                        if *ptr {
                            format!("main.(*{t}).{}", f.name.name)
                        } else {
                            format!("main.{t}.{}", f.name.name)
                        }
                    } else {
                        format!("main.{}", f.name.name)
                    };
                    let mut namer = Namer {
                        sim,
                        checker: &checker,
                        ids: &mut func_ids,
                        gowraps: &mut gowraps,
                        nested: false,
                        code: &mut code,
                        outline_ids: &mut outline_ids,
                    };
                    if let Some(body) = &f.body {
                        let recv_name = recv.as_ref().and_then(|r| r.2.as_deref().map(Name::from));
                        let code = Code { typ: f.typ.clone(), body: body.clone(), recv: recv_name, captures: None };
                        namer.code.insert(f.name.pos, Rc::new(code));
                    }
                    if let Some((t, ptr, _)) = &recv {
                        methods.insert((t.clone(), f.name.name.clone()), (f.name.pos, *ptr));
                    }
                    let mut spec = FuncSpec::new(&name, MAIN_FILE, f.pos.line);
                    let params: Vec<Field> = f.recv.iter().chain(&f.typ.params).cloned().collect();
                    if let Some(words) = arg_words(&checker, &params) {
                        spec = spec.args(words);
                    }
                    let outline = sim.func(spec);
                    if f.name.name != "main" && f.name.name != "init" && inlinable(&f, &checker.conversions) {
                        let id = sim.func(FuncSpec::new(&name, MAIN_FILE, f.pos.line).inlined());
                        namer.ids.insert(f.name.pos, id);
                        namer.outline_ids.insert(f.name.pos, outline);
                    } else {
                        namer.ids.insert(f.name.pos, outline);
                    }
                    if let Some(body) = &f.body {
                        namer.block(&name, &body.stmts, &mut (0, 0));
                    }
                    let f: Rc<FuncDecl> = Rc::new(*f);
                    if f.recv.is_none() && outline_ids.contains_key(&f.name.pos) {
                        inlined_funcs.insert(f.name.name.clone());
                    }
                    decls.push(f.clone());
                    if f.name.name == "init" {
                        inits.push(f);
                    } else if f.recv.is_none() {
                        funcs.insert(f.name.name.clone(), f);
                    }
                }
                Decl::Var(specs) => global_specs.extend(specs),
                _ => {}
            }
        }
        let mut static_calls = BTreeSet::new();
        let mut static_idents = BTreeSet::new();
        {
            let is_func = |n: &str| funcs.contains_key(n);
            let returns: BTreeSet<&str> = decls
                .iter()
                .filter(|d| d.recv.is_none() && inlined_funcs.contains(&d.name.name))
                .filter(|d| devirt::returns_func_name(d, &is_func))
                .map(|d| d.name.name.as_str())
                .collect();
            // `b.park`: a selector of one of the program's methods.
            let is_method = |e: &Expr| {
                let Expr::Selector { x, sel } = e else { return false };
                let t = checker.expr_types.get(&(x.pos(), expr_string(x)));
                let named = match t {
                    Some(Type::Named(i)) => Some(*i),
                    Some(Type::Pointer(inner)) => match inner.as_ref() {
                        Type::Named(i) => Some(*i),
                        _ => None,
                    },
                    _ => None,
                };
                named.is_some_and(|i| methods.contains_key(&(checker.types.named[i].name.clone(), sel.name.clone())))
            };
            for d in &decls {
                devirt::static_value_calls(
                    d,
                    &is_func,
                    &|n| returns.contains(n),
                    &is_method,
                    &mut static_calls,
                    &mut static_idents,
                );
            }
        }
        let mut param_calls = BTreeMap::new();
        let mut param_funcs = BTreeSet::new();
        for d in decls.iter().filter(|d| outline_ids.contains_key(&d.name.pos)) {
            let before = param_calls.len();
            devirt::param_calls(d, &mut param_calls);
            if param_calls.len() > before {
                param_funcs.insert(func_ids[&d.name.pos]);
            }
        }
        Program {
            funcs,
            inits,
            global_specs,
            globals: Scope::new(None),
            func_ids,
            outline_ids,
            static_calls,
            static_idents,
            param_calls,
            param_funcs,
            named_args: RefCell::new(BTreeMap::new()),
            gowraps,
            code,
            func_values: RefCell::default(),
            checker,
            methods,
            const_cache: RefCell::new(AddrMap::default()),
            type_cache: RefCell::new(AddrMap::default()),
            name_cache: RefCell::new(AddrMap::default()),
            arg_type_cache: RefCell::new(AddrMap::default()),
            call_kinds: RefCell::new(AddrMap::default()),
            imports,
            stdout: RefCell::new(String::new()),
            stderr: RefCell::new(LogBuf::default()),
            log_flags: std::cell::Cell::new(3),
            host,
            heap: RefCell::default(),
            error: RefCell::new(None),
            names: RefCell::new(BTreeSet::new()),
            me: RefCell::new(std::rc::Weak::new()),
            steps: std::cell::Cell::new((Time(0), 0)),
            total_steps: std::cell::Cell::new(0),
            depth: RefCell::default(),
            defer_stacks: RefCell::new(BTreeMap::new()),
            panicking: RefCell::new(BTreeMap::new()),
        }
    }

    /// The name of a variable the program's syntax tree spells `s`, made once per
    /// identifier (cached by the address of its text, which lives as long as the
    /// program) and then shared, so that defining a variable copies no string.
    fn name(&self, s: &str) -> Name {
        let key = s.as_ptr() as usize;
        if let Some(n) = self.name_cache.borrow().get(&key) {
            if **n == *s {
                return n.clone();
            }
        }
        let n = Name::from(s);
        if !s.is_empty() {
            self.name_cache.borrow_mut().insert(key, n.clone());
        }
        n
    }

    fn fail(&self, e: Diagnostic) {
        self.error.borrow_mut().get_or_insert(e);
    }

    async fn park_forever(&self, g: &G) {
        g.panic("Leak Lab stopped the program").await;
    }

    /// Ends the run at a program error: Leak Lab cannot go on from there.
    async fn end_goroutine(&self, g: &G, e: Stop) {
        if let Stop::Error(e) = e {
            self.fail(e);
            self.park_forever(g).await;
        }
    }

    /// A run-time panic with Go's `message` (an error value for `recover`).
    async fn raise<T>(&self, g: &G, message: &str) -> Res<T> {
        self.raise_value(g, Value::Error(Rc::new(GoError::Text(message.to_string()))), message.to_string()).await
    }

    /// `panic(value)`: the deferred calls of every frame run, innermost first, on top
    /// of the panicking stack, as Go runs them; if one recovers, the function that
    /// deferred it returns normally (the frames above it unwind). Otherwise the
    /// program ends with Go's `panic: message` and the stack as it was.
    async fn raise_value<T>(&self, g: &G, value: Value, message: String) -> Res<T> {
        self.panicking.borrow_mut().insert(g.id(), Panicking { value, recovered: false });
        let frames: Vec<Rc<DeferList>> = self.defer_stacks.borrow().get(&g.id()).cloned().unwrap_or_default();
        for (depth, defers) in frames.iter().enumerate().rev() {
            Box::pin(self.run_defers(g, defers, false)).await?;
            let recovered = self.panicking.borrow().get(&g.id()).is_some_and(|p| p.recovered);
            if recovered {
                self.panicking.borrow_mut().remove(&g.id());
                return Err(Stop::Recovered(depth));
            }
        }
        native::final_panic(g, &message).await;
        Err(Stop::Recovered(usize::MAX))
    }

    fn unsupported<T>(&self, pos: Pos, what: &str) -> Res<T> {
        Err(Stop::Error(Diagnostic::new(pos, format!("Leak Lab cannot run {what} yet"))))
    }

    /// The checker's type of `e`, cached by the expression's address like constants.
    fn static_type(&self, e: &Expr) -> Option<Type> {
        let key = e as *const Expr as usize;
        if let Some(t) = self.type_cache.borrow().get(&key) {
            return t.clone();
        }
        let t = self.checker.expr_types.get(&(e.pos(), expr_string(e))).cloned();
        self.type_cache.borrow_mut().insert(key, t.clone());
        t
    }

    fn zero(&self, t: &Type, g: &G) -> Value {
        let types = &self.checker.types;
        if let Type::Named(i) = t {
            let n = &types.named[*i];
            if n.pkg == "sync" && n.name == "WaitGroup" {
                return Value::Wg(Rc::new(WaitGroup::new(&g.sim())));
            }
            if n.pkg == "sync" && n.name == "Mutex" {
                return Value::Mutex(Rc::new(Mutex::new(&g.sim())));
            }
            if n.pkg == "sync" && n.name == "Once" {
                return stdlib_sync::once_zero(g);
            }
            if n.pkg == "sync" && n.name == "RWMutex" {
                return stdlib_sync::rwmutex_zero(g);
            }
            if n.pkg == "strings" && n.name == "Builder" {
                return stdlib_text::builder_zero();
            }
            if n.pkg == "sync/atomic" {
                if let Some(v) = stdlib_atomic::zero(&n.name) {
                    return v;
                }
            }
        }
        match types.under(t) {
            Type::Basic(Basic::Bool | Basic::UntypedBool) => Value::Bool(false),
            Type::Basic(b) if b.is_integer() => ints::int_value(IntKind::of(*b), 0),
            Type::Basic(b) if b.is_numeric() => Value::Float(0.0),
            Type::Basic(Basic::String | Basic::UntypedString) => Value::Str("".into()),
            Type::Chan(..) => Value::Chan(Chan::nil()),
            Type::Map(..) => Value::Map(None),
            Type::Slice(_) => nil_slice(),
            Type::Struct(fields) => self.struct_zero(g, &fields.clone()),
            Type::Array(n, elem) => self.array_zero(g, *n, &elem.clone()),
            _ => Value::Nil,
        }
    }

    fn chan_name(&self, name: &str) -> &'static str {
        let mut names = self.names.borrow_mut();
        if let Some(n) = names.get(name) {
            return n;
        }
        // Bounded by the distinct variable names of the program.
        let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
        names.insert(leaked);
        leaked
    }

    async fn init_globals(&self, g: &G, globals: &Rc<Scope>) -> Res<()> {
        for spec in &self.global_specs {
            self.var_spec(g, globals, spec).await?;
            // A channel or lock in a global variable is reachable for as long as the
            // program runs: its blocked goroutines are stuck, never leaked in Go 1.26's
            // sense.
            for n in &spec.names {
                let id = match globals.lookup(&n.name).map(|v| v.borrow().clone()) {
                    Some(Value::Chan(c)) => c.id(),
                    Some(Value::Mutex(m)) => Some(m.id()),
                    Some(Value::Wg(w)) => Some(w.id()),
                    Some(v @ Value::Host(_)) => stdlib_sync::sync_prim(&v),
                    _ => None,
                };
                if let Some(id) = id {
                    g.sim().global(id);
                }
            }
        }
        Ok(())
    }

    async fn var_spec(&self, g: &G, env: &Rc<Scope>, spec: &ValueSpec) -> Res<()> {
        if spec.values.is_empty() {
            let t =
                spec.typ.as_ref().and_then(|t| self.checker.type_exprs.get(&t.pos())).cloned().unwrap_or(Type::Invalid);
            for n in &spec.names {
                let z = self.zero(&t, g);
                env.define(self.name(&n.name), z);
            }
            return Ok(());
        }
        let vals =
            self.values(g, env, &spec.values, spec.names.len(), spec.names.first().map(|n| n.name.as_str())).await?;
        for (n, v) in spec.names.iter().zip(vals) {
            env.define(self.name(&n.name), v);
        }
        Ok(())
    }

    async fn values(&self, g: &G, env: &Rc<Scope>, exprs: &[Expr], n: usize, name: Option<&str>) -> Res<Vec<Value>> {
        if exprs.len() == 1 && n == 2 {
            if let Expr::Unary { op: "<-", x, .. } = strip(&exprs[0]) {
                let Value::Chan(c) = self.eval(g, env, x).await? else {
                    return self.unsupported(exprs[0].pos(), "this receive");
                };
                g.at(exprs[0].pos().line);
                return Ok(match c.recv_ok(g).await {
                    Some(v) => vec![v, Value::Bool(true)],
                    None => vec![self.recv_zero(g, &exprs[0]), Value::Bool(false)],
                });
            }
        }
        if exprs.len() == 1 && n == 2 {
            if let Expr::Index { x, index, .. } = strip(&exprs[0]) {
                if let Value::Map(m) = self.eval(g, env, x).await? {
                    let k = self.eval(g, env, index).await?;
                    let found =
                        m.as_ref().and_then(|m| m.borrow().iter().find(|(x, _)| equal(x, &k)).map(|(_, v)| v.clone()));
                    let ok = found.is_some();
                    return Ok(vec![found.unwrap_or_else(|| self.recv_zero(g, &exprs[0])), Value::Bool(ok)]);
                }
            }
        }
        if exprs.len() == 1 && n == 2 {
            if let Expr::TypeAssert { x, .. } = strip(&exprs[0]) {
                return Box::pin(self.type_assert(g, env, &exprs[0], x, true)).await;
            }
        }
        if exprs.len() == 1 && n > 1 {
            return match self.eval_named(g, env, &exprs[0], name).await? {
                Value::Tuple(vs) => Ok(vs.to_vec()),
                _ => self.unsupported(exprs[0].pos(), "this comma-ok form"),
            };
        }
        let mut out = Vec::new();
        for e in exprs {
            out.push(self.eval_named(g, env, e, name).await?);
        }
        Ok(out)
    }

    fn run_body<'a>(
        &'a self,
        g: &'a G,
        typ: &'a FuncType,
        body: &'a Block,
        env: Rc<Scope>,
        args: Vec<Value>,
    ) -> BoxFut<'a, Res<Value>> {
        Box::pin(self.body(g, typ, body, env, args))
    }

    /// A call's body: not boxed of its own, so that a call is one future (the one
    /// of `call_user`, or of the goroutine it starts). The parameters are defined
    /// when the future is made (it is awaited at once), so that it does not keep them.
    fn body<'a>(
        &'a self,
        g: &'a G,
        typ: &'a FuncType,
        body: &'a Block,
        env: Rc<Scope>,
        args: Vec<Value>,
    ) -> impl std::future::Future<Output = Res<Value>> + 'a {
        self.bind_params(g, typ, &env, args);
        self.body_run(g, typ, body, env)
    }

    /// Defines a call's parameters as `args`, and its named results, in `env`.
    fn bind_params(&self, g: &G, typ: &FuncType, env: &Rc<Scope>, args: Vec<Value>) {
        self.bind_args(typ, env, args);
        self.bind_results(g, typ, env);
    }

    /// Defines a call's parameters as `args` in `env`.
    fn bind_args(&self, typ: &FuncType, env: &Rc<Scope>, mut args: Vec<Value>) {
        if typ.params.last().is_some_and(|p| p.variadic) {
            args = variadic_args(typ.params.len(), args);
        }
        for (f, v) in typ.params.iter().zip(args) {
            if let Some(n) = &f.name {
                env.define(self.name(&n.name), v);
            }
        }
    }

    /// Defines a call's named results in `env`, as their zero values.
    fn bind_results(&self, g: &G, typ: &FuncType, env: &Rc<Scope>) {
        // Named results are variables from the start.
        for f in &typ.results {
            if let Some(n) = &f.name {
                env.define(self.name(&n.name), self.zero_of(&f.typ, g));
            }
        }
    }

    /// A call's body once its parameters are defined in `env`.
    fn body_run<'a>(
        &'a self,
        g: &'a G,
        typ: &'a FuncType,
        body: &'a Block,
        env: Rc<Scope>,
    ) -> impl std::future::Future<Output = Res<Value>> + 'a {
        async move { self.body_in(g, typ, body, &env).await }
    }

    /// [`Program::body_run`] in a scope its caller's future keeps (a call's and a
    /// goroutine's own future: the scope is not kept twice).
    fn body_in<'a>(
        &'a self,
        g: &'a G,
        typ: &'a FuncType,
        body: &'a Block,
        env: &'a Rc<Scope>,
    ) -> impl std::future::Future<Output = Res<Value>> + 'a {
        async move {
            // Small while the body runs (a parked goroutine keeps it); what happens at
            // the return is boxed separately.
            let defers = Defers::default();
            let flow = self.block(g, env, &body.stmts, &defers).await;
            self.body_end(g, typ, body, env, flow, &defers).await
        }
    }

    /// How a call's body that ended with `flow` returns: at once in the common case
    /// (nothing deferred, no named results), else [`Program::finish_body`], boxed.
    fn body_end<'b>(
        &'b self,
        g: &'b G,
        typ: &'b FuncType,
        body: &'b Block,
        env: &'b Rc<Scope>,
        flow: Res<Flow>,
        defers: &'b Defers,
    ) -> Quick<'b, Res<Value>> {
        if defers.depth().is_none() && typ.results.iter().all(|f| f.name.is_none()) {
            return Quick::Done(Some(match flow {
                Ok(Flow::Return(v)) => Ok(v),
                Ok(_) => Ok(Value::Nil),
                Err(e) => Err(e),
            }));
        }
        if let Ok(Flow::Normal) = flow {
            // Fell off the end: the deferred calls run at the closing brace.
            g.at(body.end.line);
        }
        Quick::Later(Box::pin(self.finish_body(g, typ, env, flow, defers)))
    }

    /// The end of a function with deferred calls or named results: a return with
    /// values assigns the named results before the deferred calls run, which may
    /// change them; a recovered panic returns them, or zero values.
    async fn finish_body(
        &self,
        g: &G,
        typ: &FuncType,
        env: &Rc<Scope>,
        flow: Res<Flow>,
        defers: &Defers,
    ) -> Res<Value> {
        if let Some(depth) = defers.depth() {
            let mut stacks = self.defer_stacks.borrow_mut();
            if let Some(stack) = stacks.get_mut(&g.id()) {
                stack.truncate(depth);
                if stack.is_empty() {
                    stacks.remove(&g.id());
                }
            }
        }
        let flow = match flow {
            Ok(flow) => flow,
            Err(Stop::Recovered(d)) if Some(d) == defers.depth() => Flow::Bare,
            Err(e) => return Err(e),
        };
        let named: Vec<Rc<RefCell<Value>>> =
            typ.results.iter().filter_map(|f| f.name.as_ref().and_then(|n| env.lookup(&n.name))).collect();
        let bare = matches!(flow, Flow::Bare);
        let value = match flow {
            Flow::Return(v) => Some(v),
            _ => None,
        };
        if named.is_empty() {
            if let Some(list) = defers.list() {
                self.run_defers(g, &list, true).await?;
            }
            if bare && !typ.results.is_empty() {
                // After a recovered panic: the zero values of the results.
                let zeros: Vec<Value> = typ.results.iter().map(|f| self.zero_of(&f.typ, g)).collect();
                return Ok(match zeros.len() {
                    1 => zeros.into_iter().next().unwrap_or(Value::Nil),
                    _ => Value::Tuple(Rc::new(zeros)),
                });
            }
            return Ok(value.unwrap_or(Value::Nil));
        }
        match (&value, named.len()) {
            (Some(Value::Tuple(vs)), n) if n > 1 => {
                for (cell, v) in named.iter().zip(vs.iter()) {
                    *cell.borrow_mut() = v.clone();
                }
            }
            (Some(v), 1) => *named[0].borrow_mut() = v.clone(),
            _ => {}
        }
        if let Some(list) = defers.list() {
            self.run_defers(g, &list, true).await?;
        }
        Ok(match named.as_slice() {
            [one] => copy_val(&one.borrow()),
            many => Value::Tuple(Rc::new(many.iter().map(|c| copy_val(&c.borrow())).collect())),
        })
    }

    /// The static types of the arguments `args` of the call `call`, made once per call.
    fn arg_types(&self, call: &Expr, args: &[Expr]) -> ArgTypes {
        let key = call as *const Expr as usize;
        if let Some(t) = self.arg_type_cache.borrow().get(&key) {
            return t.clone();
        }
        let t: ArgTypes = args.iter().map(|a| self.static_type(a)).collect();
        self.arg_type_cache.borrow_mut().insert(key, t.clone());
        t
    }

    /// The zero value of the type written `t`.
    fn zero_of(&self, t: &Expr, g: &G) -> Value {
        let t = self.checker.type_exprs.get(&t.pos()).cloned().unwrap_or(Type::Invalid);
        self.zero(&t, g)
    }

    /// Runs the deferred calls of `defers`, last first. `returning`: the function returns
    /// normally, and Go shows it at its `return` or closing brace while they run, not at
    /// the `defer` statement.
    async fn run_defers(&self, g: &G, defers: &DeferList, returning: bool) -> Res<()> {
        loop {
            let next = defers.calls.borrow_mut().pop();
            match next {
                None => return Ok(()),
                Some(Deferred::Func(f, args, line)) => {
                    let line = if returning { g.line() } else { line };
                    self.call_value(g, &f, args, line).await?;
                }
                Some(Deferred::Std(d)) => {
                    let call = StdCall {
                        callee: &d.callee,
                        recv: d.recv.clone(),
                        args: d.args.clone(),
                        arg_types: d.arg_types.clone(),
                        pos: d.pos,
                    };
                    Box::pin(self.std_call(g, &call)).await?;
                }
            }
        }
    }

    fn block<'a>(&'a self, g: &'a G, env: &'a Rc<Scope>, stmts: &'a [Stmt], defers: &'a Defers) -> StmtFut<'a> {
        if stmts.iter().any(declares) {
            return StmtFut::Later(Box::pin(async move {
                let scope = Scope::new(Some(env.clone()));
                for s in stmts {
                    match self.stmt(g, &scope, s, defers).await? {
                        Flow::Normal => {}
                        other => return Ok(other),
                    }
                }
                Ok(Flow::Normal)
            }));
        }
        // A block that declares nothing needs no scope of its own; its statements
        // run at once until one has to wait, and when that is the last one, the
        // block is that statement's future.
        for (i, s) in stmts.iter().enumerate() {
            let first = match self.stmt(g, env, s, defers) {
                StmtFut::Done(r) => match r.expect("a done statement has its result") {
                    Ok(Flow::Normal) => continue,
                    other => return StmtFut::Done(Some(other)),
                },
                later if i + 1 == stmts.len() => return later,
                later => later,
            };
            return StmtFut::Later(Box::pin(async move {
                match first.await? {
                    Flow::Normal => {}
                    other => return Ok(other),
                }
                for s in &stmts[i + 1..] {
                    match self.stmt(g, env, s, defers).await? {
                        Flow::Normal => {}
                        other => return Ok(other),
                    }
                }
                Ok(Flow::Normal)
            }));
        }
        StmtFut::Done(Some(Ok(Flow::Normal)))
    }

    fn stmt<'a>(&'a self, g: &'a G, env: &'a Rc<Scope>, s: &'a Stmt, defers: &'a Defers) -> StmtFut<'a> {
        if let Err(e) = self.count_step(g, s) {
            return StmtFut::Done(Some(Err(e)));
        }
        if let Some(r) = self.quick_stmt(g, env, s) {
            return StmtFut::Done(Some(r));
        }
        // The statements a goroutine can be parked inside of (calls, loops, blocks)
        // run with small futures of their own, the others in `stmt_rest`: a parked
        // goroutine keeps one future per statement and call it is inside, so their
        // size is its memory. Each is boxed once, here.
        match s {
            Stmt::Expr(e) => match self.eval(g, env, e) {
                Quick::Done(v) => StmtFut::Done(v.map(|r| r.map(|_| Flow::Normal))),
                Quick::Later(f) => StmtFut::Expr(f),
            },
            Stmt::Send { ch, value, .. } => match (self.quick(g, env, ch), self.quick(g, env, value)) {
                // The usual send, of a channel variable and a value at hand: its
                // future holds only them (a goroutine parked on a send keeps it).
                (Some(Ok(Value::Chan(c))), Some(Ok(v))) => {
                    g.at(s.pos().line);
                    StmtFut::Later(Box::pin(send_chan(g, c, v)))
                }
                (Some(Err(e)), _) | (Some(Ok(Value::Chan(_))), Some(Err(e))) => StmtFut::Done(Some(Err(e))),
                _ => StmtFut::Later(Box::pin(self.send_stmt(g, env, s, ch, value))),
            },
            Stmt::Block(b) => self.block(g, env, &b.stmts, defers),
            Stmt::For { .. } => StmtFut::Later(Box::pin(self.for_stmt(g, env, s, defers, None))),
            Stmt::Range { key, value, define, x, body, .. } => StmtFut::Later(Box::pin(self.range_stmt(
                g,
                env,
                key.as_ref(),
                value.as_ref(),
                *define,
                x,
                body,
                defers,
                None,
            ))),
            Stmt::Select { cases, pos, .. } => StmtFut::Later(Box::pin(self.select_stmt(g, env, *pos, cases, defers))),
            _ => StmtFut::Later(Box::pin(self.stmt_rest(g, env, s, defers))),
        }
    }

    /// Runs `s` at once if it cannot park and needs nothing asynchronous (an
    /// assignment, increment, declaration or return of [`Program::quick`] values, a
    /// branch); `None` to run it as a future. Exactly what `stmt_rest` would do.
    fn quick_stmt(&self, g: &G, env: &Rc<Scope>, s: &Stmt) -> Option<Res<Flow>> {
        match s {
            Stmt::Empty { .. } => Some(Ok(Flow::Normal)),
            Stmt::Decl { decl, .. } if !matches!(decl, Decl::Var(_)) => Some(Ok(Flow::Normal)),
            Stmt::Branch { tok: "break", label, .. } => Some(Ok(Flow::Break(label.as_ref().map(|l| l.name.clone())))),
            Stmt::Branch { tok: "continue", label, .. } => {
                Some(Ok(Flow::Continue(label.as_ref().map(|l| l.name.clone()))))
            }
            Stmt::Return { results, pos } => {
                let v = match results.as_slice() {
                    [] => {
                        g.at(pos.line);
                        return Some(Ok(Flow::Bare));
                    }
                    [one] => match self.quick(g, env, one)? {
                        Ok(v) => v,
                        Err(e) => return Some(Err(e)),
                    },
                    many => {
                        let mut vs = Vec::with_capacity(many.len());
                        for e in many {
                            match self.quick(g, env, e)? {
                                Ok(v) => vs.push(v),
                                Err(e) => return Some(Err(e)),
                            }
                        }
                        Value::Tuple(Rc::new(vs))
                    }
                };
                g.at(pos.line);
                Some(Ok(Flow::Return(v)))
            }
            Stmt::IncDec { x: x @ Expr::Ident(_), op } => {
                let r = (|| {
                    let v = match quick_try!(self.quick(g, env, x)) {
                        Value::Float(f) => Value::Float(if *op == "++" { f + 1.0 } else { f - 1.0 }),
                        v => match ints::inc_dec(op, &v) {
                            Some(v) => v,
                            None => return Some(self.unsupported(x.pos(), "this increment")),
                        },
                    };
                    Some(self.place(env, x).map(|c| *c.borrow_mut() = v))
                })();
                r.map(|r| r.map(|()| Flow::Normal))
            }
            Stmt::Assign { lhs, op, rhs, .. }
                if lhs.len() == rhs.len() && lhs.iter().all(|l| matches!(l, Expr::Ident(_))) =>
            {
                let r = (|| {
                    if *op != "=" && *op != ":=" {
                        let l = quick_try!(self.quick(g, env, &lhs[0]));
                        let r = quick_try!(self.quick(g, env, &rhs[0]));
                        if ints::panics(&op[..op.len() - 1], &r).is_some() {
                            return None;
                        }
                        let v = match binary(&op[..op.len() - 1], &l, &r) {
                            Some(v) => v,
                            None => return Some(Err(self.err_unsupported(lhs[0].pos(), "this operator").into())),
                        };
                        return Some(self.place(env, &lhs[0]).map(|c| *c.borrow_mut() = v));
                    }
                    // Every value first, as `values` evaluates them, then the stores.
                    let vals: Res<Vec<Value>> = rhs.iter().map(|e| self.quick(g, env, e)).collect::<Option<_>>()?;
                    let vals = match vals {
                        Ok(vals) => vals,
                        Err(e) => return Some(Err(e)),
                    };
                    for (target, v) in lhs.iter().zip(vals) {
                        let Expr::Ident(id) = target else { unreachable!("identifiers only") };
                        if id.name == "_" {
                            continue;
                        }
                        if *op == ":=" && !env.vars.borrow().iter().any(|(n, _)| **n == *id.name) {
                            env.define(self.name(&id.name), v);
                            continue;
                        }
                        match self.place(env, target) {
                            Ok(c) => *c.borrow_mut() = v,
                            Err(e) => return Some(Err(e)),
                        }
                    }
                    Some(Ok(()))
                })();
                r.map(|r| r.map(|()| Flow::Normal))
            }
            _ => None,
        }
    }

    /// Counts a statement against the step budgets, and sets the line.
    fn count_step(&self, g: &G, s: &Stmt) -> Res<()> {
        self.count_at(g, s.pos())
    }

    /// Counts a step at `pos` (a statement, or an iteration of a loop with an empty
    /// body, which has no statement to count) against the step budgets.
    fn count_at(&self, g: &G, pos: Pos) -> Res<()> {
        g.at(pos.line);
        let (at, n) = self.steps.get();
        let now = g.now();
        let n = if at == now { n + 1 } else { 1 };
        self.steps.set((now, n));
        let total = self.total_steps.get() + 1;
        self.total_steps.set(total);
        if total > TOTAL_STEP_BUDGET {
            return Err(Stop::Error(Diagnostic::new(
                pos,
                format!("the program ran {TOTAL_STEP_BUDGET} statements; Leak Lab stopped it"),
            )));
        }
        if n > STEP_BUDGET {
            return Err(Stop::Error(Diagnostic::new(
                pos,
                format!(
                "goroutine {} ran {STEP_BUDGET} statements without the virtual clock moving; Leak Lab stopped the program",
                g.id()
                ),
            )));
        }
        Ok(())
    }

    async fn stmt_rest(&self, g: &G, env: &Rc<Scope>, s: &Stmt, defers: &Defers) -> Res<Flow> {
        match s {
            Stmt::Expr(e) => {
                self.eval(g, env, e).await?;
            }
            Stmt::Decl { decl: Decl::Var(specs), .. } => {
                for spec in specs {
                    Box::pin(self.var_spec(g, env, spec)).await?;
                }
            }
            Stmt::Decl { .. } | Stmt::Empty { .. } => {}
            Stmt::Send { ch, value, .. } => {
                let c = self.eval(g, env, ch).await?;
                let v = self.eval(g, env, value).await?;
                let Value::Chan(c) = c else { return self.unsupported(ch.pos(), "this send") };
                g.at(s.pos().line);
                c.send(g, v).await;
            }
            Stmt::IncDec { x, op } => {
                let v = match self.eval(g, env, x).await? {
                    Value::Float(f) => Value::Float(if *op == "++" { f + 1.0 } else { f - 1.0 }),
                    v => match ints::inc_dec(op, &v) {
                        Some(v) => v,
                        None => return self.unsupported(x.pos(), "this increment"),
                    },
                };
                Box::pin(self.store(g, env, x, v)).await?;
            }
            Stmt::Assign { lhs, op, rhs, .. } => Box::pin(self.assign(g, env, lhs, op, rhs)).await?,
            Stmt::Go { pos, call } => Box::pin(self.go_stmt(g, env, *pos, call)).await?,
            Stmt::Defer { call, pos } => {
                let Expr::Call { fun, args, .. } = call else { return self.unsupported(*pos, "this defer") };
                let list = defers.list_or_new();
                if list.depth.get().is_none() {
                    let mut stacks = self.defer_stacks.borrow_mut();
                    let stack = stacks.entry(g.id()).or_default();
                    stack.push(list.clone());
                    list.depth.set(Some(stack.len() - 1));
                }
                if let Some(d) = Box::pin(self.defer_builtin(g, env, call)).await? {
                    list.calls.borrow_mut().push(Deferred::Std(Rc::new(d)));
                } else if let Some(std) = Box::pin(self.prepare_std(g, env, call)).await? {
                    list.calls.borrow_mut().push(Deferred::Std(Rc::new(DeferredStd {
                        callee: std.callee.clone(),
                        recv: std.recv,
                        args: std.args,
                        arg_types: std.arg_types,
                        pos: std.pos,
                    })));
                } else {
                    let f = self.eval(g, env, fun).await?;
                    let mut vals = Vec::new();
                    for a in args {
                        vals.push(self.eval(g, env, a).await?);
                    }
                    list.calls.borrow_mut().push(Deferred::Func(f, vals, pos.line));
                }
            }
            Stmt::Return { results, pos } => {
                let v = match results.as_slice() {
                    [] => {
                        g.at(pos.line);
                        return Ok(Flow::Bare);
                    }
                    [one] => self.eval(g, env, one).await?,
                    many => {
                        let mut vs = Vec::new();
                        for e in many {
                            vs.push(self.eval(g, env, e).await?);
                        }
                        Value::Tuple(Rc::new(vs))
                    }
                };
                g.at(pos.line);
                return Ok(Flow::Return(v));
            }
            Stmt::Branch { tok: "break", label, .. } => return Ok(Flow::Break(label.as_ref().map(|l| l.name.clone()))),
            Stmt::Branch { tok: "continue", label, .. } => {
                return Ok(Flow::Continue(label.as_ref().map(|l| l.name.clone())))
            }
            Stmt::Branch { pos, .. } => return self.unsupported(*pos, "fallthrough"),
            Stmt::Block(b) => return self.block(g, env, &b.stmts, defers).await,
            Stmt::If { init, cond, then, els, .. } => {
                // Only an init statement defines variables in the `if`'s own scope.
                let own;
                let scope = match init {
                    Some(_) => {
                        own = Scope::new(Some(env.clone()));
                        &own
                    }
                    None => env,
                };
                if let Some(i) = init {
                    self.stmt(g, scope, i, defers).await?;
                }
                if self.truth(g, scope, cond).await? {
                    return self.block(g, scope, &then.stmts, defers).await;
                } else if let Some(e) = els {
                    return self.stmt(g, scope, e, defers).await;
                }
            }
            Stmt::For { .. } => return Box::pin(self.for_stmt(g, env, s, defers, None)).await,
            Stmt::Range { key, value, define, x, body, .. } => {
                return Box::pin(self.range_stmt(g, env, key.as_ref(), value.as_ref(), *define, x, body, defers, None))
                    .await
            }
            Stmt::Switch { init, tag, cases, .. } => {
                let scope = Scope::new(Some(env.clone()));
                if let Some(i) = init {
                    self.stmt(g, &scope, i, defers).await?;
                }
                let t = match tag {
                    Some(t) => Some(self.eval(g, &scope, t).await?),
                    None => None,
                };
                let mut chosen = cases.iter().position(|c| c.default);
                'cases: for (i, c) in cases.iter().enumerate() {
                    for e in &c.exprs {
                        let v = self.eval(g, &scope, e).await?;
                        let hit = match &t {
                            Some(t) => equal(t, &v),
                            None => matches!(v, Value::Bool(true)),
                        };
                        if hit {
                            chosen = Some(i);
                            break 'cases;
                        }
                    }
                }
                if let Some(i) = chosen {
                    return match self.block(g, &scope, &cases[i].body, defers).await? {
                        Flow::Break(None) => Ok(Flow::Normal),
                        other => Ok(other),
                    };
                }
            }
            Stmt::Select { cases, pos, .. } => return Box::pin(self.select_stmt(g, env, *pos, cases, defers)).await,
            Stmt::Labeled { label, stmt } => {
                let l = Some(label.name.as_str());
                let flow = match stmt.as_ref() {
                    inner @ Stmt::For { .. } => Box::pin(self.for_stmt(g, env, inner, defers, l)).await?,
                    Stmt::Range { key, value, define, x, body, .. } => {
                        Box::pin(self.range_stmt(g, env, key.as_ref(), value.as_ref(), *define, x, body, defers, l))
                            .await?
                    }
                    other => self.stmt(g, env, other, defers).await?,
                };
                return Ok(match flow {
                    Flow::Break(Some(b)) if b == label.name => Flow::Normal,
                    other => other,
                });
            }
            Stmt::TypeSwitch { init, bind, x, cases, .. } => {
                return Box::pin(self.type_switch(g, env, init, bind.as_ref(), x, cases, defers)).await
            }
        }
        Ok(Flow::Normal)
    }

    #[allow(clippy::too_many_arguments)]
    /// The loop `s` (a `Stmt::For`). Its parts are found in `s` where each is used,
    /// so that its future, which a goroutine parked in the loop keeps, holds one
    /// reference to the statement, not four.
    fn for_stmt<'a>(
        &'a self,
        g: &'a G,
        env: &'a Rc<Scope>,
        s: &'a Stmt,
        defers: &'a Defers,
        label: Option<&'a str>,
    ) -> impl std::future::Future<Output = Res<Flow>> + 'a {
        async move {
            let mut scope = Scope::new(Some(env.clone()));
            if let Stmt::For { init: Some(i), .. } = s {
                self.stmt(g, &scope, i, defers).await?;
            }
            loop {
                if let Stmt::For { cond: Some(c), .. } = s {
                    if !self.truth(g, &scope, c).await? {
                        break;
                    }
                }
                let flow = match s {
                    Stmt::For { body, .. } => {
                        if body.stmts.is_empty() {
                            // `for {}` counts too, or it would spin with nothing to stop it.
                            self.count_at(g, body.pos)?;
                        }
                        self.block(g, &scope, &body.stmts, defers).await?
                    }
                    _ => return self.unsupported(s.pos(), "this loop"),
                };
                match loop_flow(flow, label) {
                    Ok(true) => break,
                    Ok(false) => {}
                    Err(flow) => return Ok(flow),
                }
                // Go 1.22: each iteration has its own copy of the loop variables, made
                // before the post statement runs.
                if !scope.vars.borrow().is_empty() {
                    let next = Scope::new(Some(env.clone()));
                    for (n, c) in scope.vars.borrow().iter() {
                        next.define(n.clone(), c.borrow().clone());
                    }
                    scope = next;
                }
                if let Stmt::For { post: Some(p), .. } = s {
                    self.stmt(g, &scope, p, defers).await?;
                }
            }
            Ok(Flow::Normal)
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn range_stmt(
        &self,
        g: &G,
        env: &Rc<Scope>,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
        defers: &Defers,
        label: Option<&str>,
    ) -> Res<Flow> {
        let mut over = self.eval(g, env, x).await?;
        // Over a pointer to an array: its elements as they are when each is reached.
        if let Value::Ptr(p) = &over {
            let shared = match &*p.borrow() {
                Value::Array(f) => Some(Value::Array(f.clone())),
                _ => None,
            };
            over = shared.unwrap_or(over);
        }
        let line = x.pos().line;
        let mut i: i64 = 0;
        let mut step = 1;
        loop {
            let (k, v) = match &over {
                Value::Int(n) => {
                    if i >= *n {
                        break;
                    }
                    (Value::Int(i), None)
                }
                // Over an integer of another type: values of that type.
                Value::Sized(_, kind) => {
                    if ints::int_of(&over).is_some_and(|n| i as i128 >= n) {
                        break;
                    }
                    (Value::Sized(i, *kind), None)
                }
                // Over a string: byte offsets and runes.
                Value::Str(text) => match text.get(i as usize..).and_then(|rest| rest.chars().next()) {
                    Some(c) => {
                        step = c.len_utf8() as i64;
                        (Value::Int(i), Some(Value::Sized(c as i64, IntKind::I32)))
                    }
                    None => break,
                },
                Value::Map(m) => {
                    let entry = m.as_ref().and_then(|m| m.borrow().get(i as usize).cloned());
                    match entry {
                        Some((k, v)) => (k, Some(v)),
                        None => break,
                    }
                }
                Value::Slice(items) => {
                    let item = items.borrow().get(i as usize).map(copy_val);
                    match item {
                        Some(item) => (Value::Int(i), Some(item)),
                        None => break,
                    }
                }
                Value::Array(items) => {
                    let item = items.borrow().get(i as usize).map(copy_val);
                    match item {
                        Some(item) => (Value::Int(i), Some(item)),
                        None => break,
                    }
                }
                Value::Chan(c) => {
                    g.at(line);
                    match c.recv_ok(g).await {
                        Some(v) => (v, None),
                        None => break,
                    }
                }
                Value::TimeChan(c) => {
                    g.at(line);
                    match c.recv_ok(g).await {
                        Some(t) => (Value::Time(t), None),
                        None => break,
                    }
                }
                // A nil slice or map passed as `nil`: nothing to range over.
                Value::Nil
                    if !matches!(
                        self.static_type(x).as_ref().map(|t| self.checker.types.under(t)),
                        Some(Type::Chan(..))
                    ) =>
                {
                    break
                }
                _ => return self.unsupported(x.pos(), "range over this value"),
            };
            let scope = Scope::new(Some(env.clone()));
            for (target, val) in [(key, Some(k)), (value, v)] {
                let (Some(target), Some(val)) = (target, val) else { continue };
                if define {
                    if let Expr::Ident(id) = target {
                        scope.define(self.name(&id.name), val);
                    }
                } else {
                    *self.place(env, target)?.borrow_mut() = val;
                }
            }
            match loop_flow(self.block(g, &scope, &body.stmts, defers).await?, label) {
                Ok(true) => break,
                Ok(false) => {}
                Err(flow) => return Ok(flow),
            }
            i += step;
        }
        Ok(Flow::Normal)
    }

    fn select_stmt<'a>(
        &'a self,
        g: &'a G,
        env: &'a Rc<Scope>,
        pos: Pos,
        cases: &'a [CommClause],
        defers: &'a Defers,
    ) -> impl std::future::Future<Output = Res<Flow>> + 'a {
        async move {
            // Evaluate every channel and value first, in source order, as Go does.
            enum Arm<'a> {
                Send(Chan<Value>, Value),
                Recv(Chan<Value>, Option<&'a Stmt>),
                RecvTime(Chan<Time>, Option<&'a Stmt>),
                RecvUnit(Chan<()>, Option<&'a Stmt>),
                Default,
            }
            let mut arms = Vec::with_capacity(cases.len());
            for c in cases {
                let arm = match c.comm.as_deref() {
                    None => Arm::Default,
                    Some(Stmt::Send { ch, value, .. }) => {
                        let (Value::Chan(ch), v) = (self.eval(g, env, ch).await?, self.eval(g, env, value).await?)
                        else {
                            return self.unsupported(c.pos, "this select case");
                        };
                        Arm::Send(ch, v)
                    }
                    Some(s @ (Stmt::Expr(_) | Stmt::Assign { .. })) => {
                        let recv = match s {
                            Stmt::Assign { rhs, .. } => &rhs[0],
                            Stmt::Expr(e) => e,
                            _ => unreachable!("matched an expression or an assignment"),
                        };
                        let Expr::Unary { op: "<-", x, .. } = strip(recv) else {
                            return self.unsupported(c.pos, "this select case");
                        };
                        let assign = matches!(s, Stmt::Assign { .. }).then_some(s);
                        match self.eval(g, env, x).await? {
                            Value::Chan(ch) => Arm::Recv(ch, assign),
                            Value::TimeChan(ch) => Arm::RecvTime(ch, assign),
                            Value::UnitChan(ch) => Arm::RecvUnit(ch, assign),
                            _ => return self.unsupported(c.pos, "this select case"),
                        }
                    }
                    Some(_) => return self.unsupported(c.pos, "this select case"),
                };
                arms.push(arm);
            }
            let mut sel = Select::new();
            let mut handles = Vec::with_capacity(arms.len());
            for a in &arms {
                match a {
                    Arm::Send(ch, v) => handles.push((sel.send(ch, v.clone()), None)),
                    Arm::Recv(ch, _) => {
                        let h = sel.recv(ch);
                        handles.push((h.index(), Some(h)));
                    }
                    Arm::RecvTime(ch, _) => {
                        let h = sel.recv(ch);
                        handles.push((h.index(), None));
                    }
                    Arm::RecvUnit(ch, _) => {
                        let h = sel.recv(ch);
                        handles.push((h.index(), None));
                    }
                    Arm::Default => handles.push((sel.default_case(), None)),
                }
            }
            g.at(pos.line);
            let chosen = sel.wait(g).await;
            let Some(i) = handles.iter().position(|(idx, _)| *idx == chosen) else { return Ok(Flow::Normal) };
            let scope = Scope::new(Some(env.clone()));
            if let Arm::RecvTime(_, Some(Stmt::Assign { lhs, op, .. }))
            | Arm::RecvUnit(_, Some(Stmt::Assign { lhs, op, .. })) = &arms[i]
            {
                // The time received is not a value the interpreter prints yet; `ok` is true.
                for (target, val) in lhs.iter().zip([Value::Nil, Value::Bool(true)]) {
                    let Expr::Ident(id) = target else { continue };
                    if id.name == "_" {
                        continue;
                    }
                    if *op == ":=" {
                        scope.define(self.name(&id.name), val);
                    } else {
                        *self.place(env, target)?.borrow_mut() = val;
                    }
                }
            }
            if let (Arm::Recv(_, Some(Stmt::Assign { lhs, op, rhs, .. })), Some(h)) = (&arms[i], &handles[i].1) {
                let got = h.take();
                let ok = got.is_some();
                let elem_zero = self.recv_zero(g, &rhs[0]);
                let v = got.unwrap_or(elem_zero);
                let vals = [v, Value::Bool(ok)];
                for (target, val) in lhs.iter().zip(vals) {
                    let Expr::Ident(id) = target else { continue };
                    if id.name == "_" {
                        continue;
                    }
                    if *op == ":=" {
                        scope.define(self.name(&id.name), val);
                    } else {
                        *self.place(env, target)?.borrow_mut() = val;
                    }
                }
            }
            match self.block(g, &scope, &cases[i].body, defers).await? {
                Flow::Break(None) => Ok(Flow::Normal),
                other => Ok(other),
            }
        }
    }

    fn recv_zero(&self, g: &G, recv: &Expr) -> Value {
        match self.static_type(strip(recv)) {
            Some(t) => self.zero(&t, g),
            None => Value::Nil,
        }
    }

    async fn assign(&self, g: &G, env: &Rc<Scope>, lhs: &[Expr], op: &str, rhs: &[Expr]) -> Res<()> {
        if op != "=" && op != ":=" {
            let l = self.eval(g, env, &lhs[0]).await?;
            let r = self.eval(g, env, &rhs[0]).await?;
            if let Some(msg) = ints::panics(&op[..op.len() - 1], &r) {
                g.at(lhs[0].pos().line);
                return self.raise(g, msg).await;
            }
            let v = binary(&op[..op.len() - 1], &l, &r)
                .ok_or_else(|| self.err_unsupported(lhs[0].pos(), "this operator"))?;
            return self.store_boxed(g, env, &lhs[0], v).await;
        }
        let name = match lhs.first() {
            Some(Expr::Ident(i)) => Some(i.name.as_str()),
            _ => None,
        };
        let vals = self.values(g, env, rhs, lhs.len(), name).await?;
        for (target, v) in lhs.iter().zip(vals) {
            if let Expr::Ident(id) = target {
                if id.name == "_" {
                    continue;
                }
                if op == ":=" {
                    let exists = env.vars.borrow().iter().any(|(n, _)| **n == *id.name);
                    if !exists {
                        env.define(self.name(&id.name), v);
                        continue;
                    }
                }
            }
            self.store_boxed(g, env, target, v).await?;
        }
        Ok(())
    }

    /// [`Program::store`], a variable at once and anything else in a future of its
    /// own, so that an assignment's future stays small.
    async fn store_boxed(&self, g: &G, env: &Rc<Scope>, target: &Expr, v: Value) -> Res<()> {
        if let Expr::Ident(_) = target {
            *self.place(env, target)?.borrow_mut() = v;
            return Ok(());
        }
        Box::pin(self.store(g, env, target, v)).await
    }

    /// `target = v` for a variable, a map entry or a slice element.
    async fn store(&self, g: &G, env: &Rc<Scope>, target: &Expr, v: Value) -> Res<()> {
        if matches!(strip(target), Expr::Selector { .. } | Expr::Star { .. }) {
            if self.store_through(g, env, target, v).await? {
                return Ok(());
            }
            return self.unsupported(target.pos(), "assignment to this expression");
        }
        let Expr::Index { x, index, .. } = strip(target) else {
            *self.place(env, target)?.borrow_mut() = v;
            return Ok(());
        };
        if self.is_array(x) {
            return self.store_array(g, env, x, index, v).await;
        }
        let container = self.eval(g, env, x).await?;
        let key = self.eval(g, env, index).await?;
        g.at(target.pos().line);
        match container {
            Value::Map(None) => {
                return self.raise(g, "assignment to entry in nil map").await;
            }
            Value::Map(Some(entries)) => {
                let mut entries = entries.borrow_mut();
                match entries.iter_mut().find(|(k, _)| equal(k, &key)) {
                    Some(entry) => entry.1 = v,
                    None => entries.push((key, v)),
                }
            }
            Value::Slice(items) => {
                let len = items.borrow().len();
                let Some(i) = ints::index_of(&key) else { return self.unsupported(index.pos(), "this index") };
                match usize::try_from(i).ok().filter(|&i| i < len) {
                    Some(i) => items.borrow_mut()[i] = v,
                    None => {
                        return self
                            .raise(g, &format!("runtime error: index out of range [{i}] with length {len}"))
                            .await;
                    }
                }
            }
            _ => return self.unsupported(target.pos(), "assignment to this element"),
        }
        Ok(())
    }

    fn err_unsupported(&self, pos: Pos, what: &str) -> Diagnostic {
        Diagnostic::new(pos, format!("Leak Lab cannot run {what} yet"))
    }

    fn place(&self, env: &Rc<Scope>, e: &Expr) -> Res<Rc<RefCell<Value>>> {
        match e {
            Expr::Ident(id) => Ok(env.lookup(&id.name).ok_or_else(|| self.err_unsupported(id.pos, "this variable"))?),
            Expr::Paren { x, .. } => self.place(env, x),
            other => self.unsupported(other.pos(), "assignment to this expression"),
        }
    }

    async fn go_stmt(&self, g: &G, env: &Rc<Scope>, pos: Pos, call: &Expr) -> Res<()> {
        let Expr::Call { fun, args, .. } = call else { return self.unsupported(pos, "this go statement") };
        let f = self.eval(g, env, fun).await?;
        let mut vals = Vec::new();
        for a in args {
            vals.push(self.eval(g, env, a).await?);
        }
        let Value::Func(clo) = f else { return self.unsupported(pos, "go with this function") };
        let literal = matches!(strip(fun), Expr::FuncLit { .. });
        let p = self.rc();
        match self.gowraps.get(&pos) {
            // `go f(x)`: Go's wrapper calls f, which it may inline into the wrapper
            // (whose own frame tracebacks hide).
            // A literal that captures variables is not inlined there.
            Some(w) => {
                let captures = literal && !clo.env.vars.borrow().is_empty();
                let func = if captures { clo.outline } else { clo.func };
                g.go_via(pos.line, *w, func, move |g| goroutine(g, p, clo, vals, literal))
            }
            // `go f()`: f is the goroutine's first frame, never inlined.
            None => g.go(pos.line, clo.outline, move |g| goroutine(g, p, clo, vals, literal)),
        };
        Ok(())
    }

    fn rc(&self) -> Rc<Program> {
        self.me.borrow().upgrade().expect("the program outlives its goroutines")
    }

    /// A condition's value: at once when it cannot park (a loop's `i < n`).
    fn truth<'a>(&'a self, g: &'a G, env: &'a Rc<Scope>, e: &'a Expr) -> Quick<'a, Res<bool>> {
        let is_true = move |v: Value| match v {
            Value::Bool(b) => Ok(b),
            _ => self.unsupported(e.pos(), "this condition"),
        };
        match self.eval(g, env, e) {
            Quick::Done(v) => Quick::Done(v.map(|r| r.and_then(is_true))),
            Quick::Later(f) => Quick::Later(Box::pin(async move { is_true(f.await?) })),
        }
    }

    fn eval<'a>(&'a self, g: &'a G, env: &'a Rc<Scope>, e: &'a Expr) -> Quick<'a, Res<Value>> {
        self.eval_named(g, env, e, None)
    }

    fn eval_named<'a>(
        &'a self,
        g: &'a G,
        env: &'a Rc<Scope>,
        e: &'a Expr,
        name: Option<&'a str>,
    ) -> Quick<'a, Res<Value>> {
        if let Some(v) = self.quick(g, env, e) {
            return Quick::Done(Some(v));
        }
        // As with statements: calls, which a parked goroutine is inside of, run with
        // a small future, the rest in `eval_rest`, each boxed once.
        match e {
            Expr::Call { .. } if self.is_user_call(env, e) => match self.quick_call_user(g, env, e, e.pos().line) {
                Some(call) => call,
                None => Quick::Later(Box::pin(self.call_user(g, env, e, e.pos().line))),
            },
            Expr::Call { fun, args, .. } => Quick::Later(Box::pin(self.call(g, env, e, fun, args, name))),
            Expr::Unary { op: "<-", x, .. } => Quick::Later(Box::pin(self.recv_expr(g, env, e, x))),
            _ => Quick::Later(Box::pin(self.eval_rest(g, env, e, name))),
        }
    }

    /// The value of `e` at once, if evaluating it cannot park or panic and needs
    /// nothing asynchronous: constants, variables, function values and literals,
    /// package variables, fields of a struct variable, host fields, map and slice
    /// reads, and operators on such values. `None` to evaluate it as a future, which
    /// then starts over (what was evaluated here has no effects). Exactly what
    /// `eval_rest` would give.
    /// The value a name stands for: a variable in scope, a top-level function, or `nil`.
    fn ident(&self, env: &Rc<Scope>, id: &Ident) -> Res<Value> {
        match env.lookup(&id.name) {
            Some(c) => Ok(copy_val(&c.borrow())),
            None => match (self.funcs.get(&id.name), id.name.as_str()) {
                (Some(f), _) => Ok(Value::Func(self.func_value(f))),
                (None, "nil") => Ok(Value::Nil),
                _ => self.unsupported(id.pos, &id.name),
            },
        }
    }

    /// The value of the top-level function `f`: made once, since it closes over
    /// nothing but the globals (a call keeps it while it runs).
    fn func_value(&self, f: &FuncDecl) -> Rc<Closure> {
        if let Some(c) = self.func_values.borrow().get(&f.name.pos) {
            return c.clone();
        }
        let c = Rc::new(Closure {
            code: self.code[&f.name.pos].clone(),
            env: self.globals.clone(),
            func: self.func_ids[&f.name.pos],
            outline: self.outline(f.name.pos),
            recv: None,
        });
        self.func_values.borrow_mut().insert(f.name.pos, c.clone());
        c
    }

    fn quick(&self, g: &G, env: &Rc<Scope>, e: &Expr) -> Option<Res<Value>> {
        if let Some(v) = self.constant(e) {
            return Some(v);
        }
        Some(match e {
            Expr::Ident(id) if id.name != "_" => self.ident(env, id),
            Expr::Paren { x, .. } => self.quick(g, env, x)?,
            Expr::FuncLit { typ, .. } => Ok(self.closure(env, typ)),
            Expr::Unary { op, x, .. } if *op != "<-" && *op != "&" => {
                let v = match self.quick(g, env, x)? {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                match (*op, v) {
                    ("!", Value::Bool(b)) => Ok(Value::Bool(!b)),
                    ("-", Value::Float(f)) => Ok(Value::Float(-f)),
                    ("+", v @ Value::Float(_)) => Ok(v),
                    (_, v) => match ints::unary_int(op, &v) {
                        Some(v) => Ok(v),
                        None => self.unsupported(e.pos(), &format!("operator {op} here")),
                    },
                }
            }
            Expr::Binary { op: "&&" | "||", x, y, .. } => {
                let and = matches!(e, Expr::Binary { op: "&&", .. });
                let truth = |e: &Expr| -> Option<Res<bool>> {
                    Some(match self.quick(g, env, e)? {
                        Ok(Value::Bool(b)) => Ok(b),
                        Ok(_) => self.unsupported(e.pos(), "this condition"),
                        Err(err) => Err(err),
                    })
                };
                let l = match truth(x)? {
                    Ok(l) => l,
                    Err(e) => return Some(Err(e)),
                };
                if l != and {
                    return Some(Ok(Value::Bool(l)));
                }
                truth(y)?.map(Value::Bool)
            }
            Expr::Binary { op, x, y, .. } => {
                let l = self.quick(g, env, x)?;
                let r = self.quick(g, env, y)?;
                let (l, r) = match (l, r) {
                    (Ok(l), Ok(r)) => (l, r),
                    (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
                };
                if ints::panics(op, &r).is_some() {
                    return None;
                }
                binary(op, &l, &r).ok_or_else(|| self.err_unsupported(e.pos(), &format!("operator {op} here")).into())
            }
            Expr::Index { x, index, .. } => {
                let s = self.quick(g, env, x)?;
                let i = self.quick(g, env, index)?;
                let (s, i) = match (s, i) {
                    (Ok(s), Ok(i)) => (s, i),
                    (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
                };
                if let Value::Map(m) = &s {
                    let found =
                        m.as_ref().and_then(|m| m.borrow().iter().find(|(k, _)| equal(k, &i)).map(|(_, v)| v.clone()));
                    return Some(Ok(found.map_or_else(|| self.recv_zero(g, e), |v| copy_val(&v))));
                }
                match (s, i) {
                    (Value::Array(items), i) => {
                        let i = ints::index_of(&i)?;
                        let item = usize::try_from(i).ok().and_then(|i| items.borrow().get(i).map(copy_val));
                        Ok(item?)
                    }
                    (Value::Ptr(_), _) => return None,
                    (Value::Slice(items), i) => {
                        let i = ints::index_of(&i)?;
                        let item = usize::try_from(i).ok().and_then(|i| items.borrow().get(i).map(copy_val));
                        // Out of range panics: the future does that.
                        Ok(item?)
                    }
                    // A string's byte, and its index out of range: the future.
                    (Value::Str(_), _) => return None,
                    _ => self.unsupported(e.pos(), "this index expression"),
                }
            }
            Expr::Selector { x, sel } => {
                if let Expr::Ident(pkg) = strip(x) {
                    if env.lookup(&pkg.name).is_none() && !self.funcs.contains_key(&pkg.name) {
                        if let Some(path) = self.imports.get(&pkg.name) {
                            return Some(match self.package_var(path, &sel.name) {
                                Some(v) => Ok(v),
                                None => self.unsupported(sel.pos, &expr_string(e)),
                            });
                        }
                    }
                }
                let t = self.static_type(x);
                if let Some(t) = &t {
                    if let Some(i) = self.field_index(t, &sel.name) {
                        // A field of a struct variable, or of the struct a pointer
                        // variable points to (a nil pointer panics: the future does that).
                        let Expr::Ident(id) = strip(x) else { return None };
                        let cell = env.lookup(&id.name)?;
                        let v = cell.borrow();
                        return Some(Ok(match &*v {
                            Value::Struct(f) => copy_val(&f.borrow()[i]),
                            Value::Ptr(p) => match &*p.borrow() {
                                Value::Struct(f) => copy_val(&f.borrow()[i]),
                                _ => return None,
                            },
                            _ => return None,
                        }));
                    }
                    if self.is_method(t, &sel.name) {
                        return None;
                    }
                }
                let v = match self.quick(g, env, x)? {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                match (&v, sel.name.as_str()) {
                    (Value::Timer(t), "C") => return Some(Ok(Value::TimeChan(t.c.clone()))),
                    (Value::Ticker(t), "C") => return Some(Ok(Value::TimeChan(t.c.clone()))),
                    _ => {}
                }
                if let Value::Host(_) = &v {
                    if let Some(f) = self.host.as_ref().and_then(|h| h.field(&v, &sel.name)) {
                        return Some(Ok(f));
                    }
                }
                // A field of a nil pointer panics, which takes the future (`eval_rest`).
                if matches!((&v, &t), (Value::Nil, Some(Type::Pointer(_)))) {
                    return None;
                }
                self.unsupported(sel.pos, &expr_string(e))
            }
            _ => return None,
        })
    }

    /// A function literal's value: like Go, a closure keeps only the variables it
    /// uses (sharing them).
    /// The frame of the function declared at `pos` where Go does not inline it.
    fn outline(&self, pos: Pos) -> FuncId {
        self.outline_ids.get(&pos).copied().unwrap_or_else(|| self.func_ids[&pos])
    }

    fn closure(&self, env: &Rc<Scope>, typ: &FuncType) -> Value {
        let code = self.code[&typ.pos].clone();
        let captured = match &code.captures {
            Some(names) => {
                let scope = Scope::new(Some(self.globals.clone()));
                for n in names {
                    if let Some(cell) = env.lookup_local(n) {
                        scope.bind(n.clone(), cell);
                    }
                }
                scope
            }
            None => env.clone(),
        };
        let (func, outline) = (self.func_ids[&typ.pos], self.outline(typ.pos));
        Value::Func(Rc::new(Closure { code, env: captured, func, outline, recv: None }))
    }

    /// `ch <- v`: its own small future, which a goroutine parked on a send keeps.
    fn send_stmt<'a>(
        &'a self,
        g: &'a G,
        env: &'a Rc<Scope>,
        s: &'a Stmt,
        ch: &'a Expr,
        value: &'a Expr,
    ) -> impl std::future::Future<Output = Res<Flow>> + 'a {
        async move {
            let c = self.eval(g, env, ch).await?;
            let v = self.eval(g, env, value).await?;
            let Value::Chan(c) = c else { return self.unsupported(ch.pos(), "this send") };
            g.at(s.pos().line);
            c.send(g, v).await;
            Ok(Flow::Normal)
        }
    }
}

/// Sends `v` on `c`, once the send statement's operands are evaluated.
fn send_chan(g: &G, c: Chan<Value>, v: Value) -> impl Future<Output = Res<Flow>> + '_ {
    async move {
        c.send(g, v).await;
        Ok(Flow::Normal)
    }
}

impl Program {
    /// `<-ch`: its own small future, which a goroutine parked on a receive keeps.
    fn recv_expr<'a>(
        &'a self,
        g: &'a G,
        env: &'a Rc<Scope>,
        e: &'a Expr,
        x: &'a Expr,
    ) -> impl std::future::Future<Output = Res<Value>> + 'a {
        async move {
            let ch = self.eval(g, env, x).await?;
            g.at(e.pos().line);
            match ch {
                Value::Chan(c) => {
                    let v = c.recv(g).await;
                    Ok(v.unwrap_or_else(|| self.recv_zero(g, e)))
                }
                Value::TimeChan(c) => Ok(c.recv(g).await.map_or(Value::Nil, Value::Time)),
                Value::UnitChan(c) => {
                    c.recv(g).await;
                    Ok(Value::Nil)
                }
                _ => self.unsupported(e.pos(), "this receive"),
            }
        }
    }

    /// The value of a constant expression (cached by the expression's address: the
    /// program's syntax tree lives, unmoved, as long as the program).
    fn constant(&self, e: &Expr) -> Option<Res<Value>> {
        let key = e as *const Expr as usize;
        if let Some(v) = self.const_cache.borrow().get(&key) {
            return v.clone().map(Ok);
        }
        let v = match self.checker.consts.get(&(e.pos(), expr_string(e))) {
            None => None,
            Some(Const::Bool(b)) => Some(Value::Bool(*b)),
            Some(Const::Str(s)) => Some(Value::Str(s.as_str().into())),
            Some(c) if self.is_float(e) => c.f64().map(Value::Float),
            Some(c @ Const::Int(_)) | Some(c @ Const::Float(_)) if self.is_integer(e) || matches!(c, Const::Int(_)) => {
                // The checker let through only what the type holds.
                let kind = self.int_kind(e);
                let whole = c.whole();
                let bits = match kind {
                    Some(IntKind::U64 | IntKind::Uint | IntKind::Uintptr) => {
                        whole.and_then(|i| num_traits::ToPrimitive::to_u64(&i)).map(|u| u as i64)
                    }
                    _ => whole.and_then(|i| num_traits::ToPrimitive::to_i64(&i)),
                };
                match bits {
                    Some(i) => Some(ints::int_value(kind, i)),
                    None => return Some(self.unsupported(e.pos(), "an integer constant of this size")),
                }
            }
            Some(c) => c.f64().map(Value::Float),
        };
        self.const_cache.borrow_mut().insert(key, v.clone());
        v.map(Ok)
    }

    /// Whether the checker's type of `e` is a floating-point type.
    fn is_float(&self, e: &Expr) -> bool {
        self.static_type(e).is_some_and(
            |t| matches!(self.checker.types.under(&t), Type::Basic(b) if b.is_numeric() && !b.is_integer()),
        )
    }

    /// The integer kind of `e`'s type (`None`: `int`, `int64`, an untyped integer).
    fn int_kind(&self, e: &Expr) -> Option<IntKind> {
        match self.checker.types.under(&self.static_type(e)?) {
            Type::Basic(b) => IntKind::of(*b),
            _ => None,
        }
    }

    /// Whether the checker's type of `e` is an integer type (an untyped integer too).
    fn is_integer(&self, e: &Expr) -> bool {
        self.static_type(e).is_some_and(|t| matches!(self.checker.types.under(&t), Type::Basic(b) if b.is_integer()))
    }

    async fn eval_rest(&self, g: &G, env: &Rc<Scope>, e: &Expr, name: Option<&str>) -> Res<Value> {
        match e {
            Expr::Ident(id) => self.ident(env, id),
            Expr::Paren { x, .. } => self.eval(g, env, x).await,
            Expr::FuncLit { typ, .. } => Ok(self.closure(env, typ)),
            Expr::Slice { x, lo, hi, max, .. } => Box::pin(self.slice_expr(g, env, e, x, [lo, hi, max])).await,
            Expr::TypeAssert { x, .. } => Ok(Box::pin(self.type_assert(g, env, e, x, false)).await?.swap_remove(0)),
            Expr::Unary { op: "<-", x, .. } => {
                let ch = self.eval(g, env, x).await?;
                if let Value::TimeChan(c) = &ch {
                    g.at(e.pos().line);
                    let t = c.recv(g).await;
                    return Ok(t.map_or(Value::Nil, Value::Time));
                }
                if let Value::UnitChan(c) = &ch {
                    g.at(e.pos().line);
                    c.recv(g).await;
                    return Ok(Value::Nil);
                }
                let Value::Chan(c) = ch else {
                    return self.unsupported(e.pos(), "this receive");
                };
                g.at(e.pos().line);
                let v = c.recv(g).await;
                Ok(v.unwrap_or_else(|| self.recv_zero(g, e)))
            }
            Expr::Unary { op: "&", x, .. } => self.address_of(g, env, x).await,
            Expr::Star { x, .. } => Box::pin(self.deref(g, env, e, x)).await,
            Expr::Unary { op, x, .. } => {
                let v = self.eval(g, env, x).await?;
                match (*op, v) {
                    ("!", Value::Bool(b)) => Ok(Value::Bool(!b)),
                    ("-", Value::Float(f)) => Ok(Value::Float(-f)),
                    ("+", v @ Value::Float(_)) => Ok(v),
                    (_, v) => match ints::unary_int(op, &v) {
                        Some(v) => Ok(v),
                        None => self.unsupported(e.pos(), &format!("operator {op} here")),
                    },
                }
            }
            Expr::Binary { op: "&&" | "||", x, y, .. } => {
                let and = matches!(e, Expr::Binary { op: "&&", .. });
                let l = self.truth(g, env, x).await?;
                if l != and {
                    return Ok(Value::Bool(l));
                }
                Ok(Value::Bool(self.truth(g, env, y).await?))
            }
            Expr::Binary { op, x, y, .. } => {
                let l = self.eval(g, env, x).await?;
                let r = self.eval(g, env, y).await?;
                if let Some(msg) = ints::panics(op, &r) {
                    return self.raise(g, msg).await;
                }
                Ok(binary(op, &l, &r).ok_or_else(|| self.err_unsupported(e.pos(), &format!("operator {op} here")))?)
            }
            Expr::Call { fun, args, .. } => Box::pin(self.call(g, env, e, fun, args, name)).await,
            Expr::Composite { .. } => match self.static_type(e) {
                Some(t) => self.composite(g, env, &t, e).await,
                None => self.unsupported(e.pos(), "this literal"),
            },
            Expr::Index { x, index, .. } if self.is_array(x) => {
                let items = self.elements_of(g, env, x).await?;
                let i = self.eval(g, env, index).await?;
                Ok(copy_val(&self.element_at(g, e, &items, &i).await?))
            }
            Expr::Index { x, index, .. } => {
                let s = self.eval(g, env, x).await?;
                let i = self.eval(g, env, index).await?;
                if let Value::Map(m) = &s {
                    let found =
                        m.as_ref().and_then(|m| m.borrow().iter().find(|(k, _)| equal(k, &i)).map(|(_, v)| v.clone()));
                    return Ok(found.map_or_else(|| self.recv_zero(g, e), |v| copy_val(&v)));
                }
                match (s, i) {
                    (Value::Str(s), i) if ints::index_of(&i).is_some() => {
                        let i = ints::index_of(&i).unwrap_or(-1);
                        match usize::try_from(i).ok().and_then(|i| s.as_bytes().get(i)) {
                            Some(b) => Ok(Value::Sized(*b as i64, IntKind::U8)),
                            None => {
                                g.at(e.pos().line);
                                let len = s.len();
                                return self
                                    .raise(g, &format!("runtime error: index out of range [{i}] with length {len}"))
                                    .await;
                            }
                        }
                    }
                    (Value::Slice(items), i) if ints::index_of(&i).is_some() => {
                        let i = ints::index_of(&i).unwrap_or(-1);
                        let len = items.borrow().len();
                        match usize::try_from(i).ok().and_then(|i| items.borrow().get(i).map(copy_val)) {
                            Some(v) => Ok(v),
                            None => {
                                g.at(e.pos().line);
                                return self
                                    .raise(g, &format!("runtime error: index out of range [{i}] with length {len}"))
                                    .await;
                            }
                        }
                    }
                    _ => self.unsupported(e.pos(), "this index expression"),
                }
            }
            Expr::Selector { x, sel } => {
                if let Expr::Ident(pkg) = strip(x) {
                    if env.lookup(&pkg.name).is_none() && !self.funcs.contains_key(&pkg.name) {
                        if let Some(path) = self.imports.get(&pkg.name) {
                            return match self.package_var(path, &sel.name) {
                                Some(v) => Ok(v),
                                None => self.unsupported(sel.pos, &expr_string(e)),
                            };
                        }
                    }
                }
                if let Some(v) = Box::pin(self.select(g, env, x, sel)).await? {
                    return Ok(v);
                }
                let v = self.eval(g, env, x).await?;
                match (&v, sel.name.as_str()) {
                    (Value::Timer(t), "C") => return Ok(Value::TimeChan(t.c.clone())),
                    (Value::Ticker(t), "C") => return Ok(Value::TimeChan(t.c.clone())),
                    _ => {}
                }
                if let Value::Host(_) = &v {
                    if let Some(f) = self.host.as_ref().and_then(|h| h.field(&v, &sel.name)) {
                        return Ok(f);
                    }
                }
                // A field of a nil pointer to a host's struct (`resp.Body`, resp a nil *http.Response).
                if let (Value::Nil, Some(t @ Type::Pointer(_))) = (&v, self.static_type(x)) {
                    g.at(sel.pos.line);
                    return self.raise_nil_field(g, Some(&t), &sel.name).await;
                }
                self.unsupported(sel.pos, &expr_string(e))
            }
            other => self.unsupported(other.pos(), &expr_string(other)),
        }
    }

    async fn call(
        &self,
        g: &G,
        env: &Rc<Scope>,
        e: &Expr,
        fun: &Expr,
        args: &[Expr],
        name: Option<&str>,
    ) -> Res<Value> {
        let line = e.pos().line;
        let kind = self.call_kind(env, e);
        if let Expr::Call { .. } = e {
            if kind.conversion {
                // Integers of every size are one kind of value here; other conversions wait.
                let v = self.eval(g, env, &args[0]).await?;
                let to_int = self.is_integer(e);
                let to_float = self.is_float(e);
                let target = self.static_type(e);
                let target = target.as_ref().map(|t| self.checker.types.under(t));
                let to_string = matches!(target, Some(Type::Basic(Basic::String)));
                let to_slice_of = |b: Basic| matches!(target, Some(Type::Slice(elem)) if matches!(**elem, Type::Basic(x) if IntKind::of(x) == IntKind::of(b)));
                return match v {
                    // `[]T(nil)`, and a slice converted to a slice type of the same elements.
                    Value::Nil if matches!(target, Some(Type::Slice(_))) => Ok(nil_slice()),
                    Value::Slice(_) if matches!(target, Some(Type::Slice(_))) => Ok(v),
                    Value::Int(_) | Value::Sized(..) | Value::Float(_) if to_int => {
                        Ok(ints::convert_to_int(self.int_kind(e), &v).unwrap_or(v))
                    }
                    Value::Int(_) | Value::Sized(..) if to_float => Ok(Value::Float(ints::to_float(&v).unwrap_or(0.0))),
                    Value::Float(_) if to_float => Ok(v),
                    Value::Int(_) | Value::Sized(..) if to_string => {
                        Ok(Value::Str(ints::rune_string(&v).unwrap_or_default().into()))
                    }
                    // `string(bs)`, `string(runes)`: Go keeps a string's bytes as they are;
                    // Leak Lab's strings are UTF-8, so bytes that are not become U+FFFD.
                    Value::Slice(items) if to_string => {
                        let items = items.borrow();
                        let text = if matches!(items.first(), Some(Value::Sized(_, IntKind::I32))) {
                            items.iter().filter_map(ints::rune_string).collect()
                        } else {
                            let bytes: Vec<u8> =
                                items.iter().filter_map(|b| ints::int_of(b).map(|b| b as u8)).collect();
                            String::from_utf8_lossy(&bytes).into_owned()
                        };
                        Ok(Value::Str(text.into()))
                    }
                    Value::Str(s) if to_slice_of(Basic::Uint8) => Ok(ints::bytes_value(s.as_bytes())),
                    Value::Str(s) if to_slice_of(Basic::Int32) => {
                        let items = s.chars().map(|c| Value::Sized(c as i64, IntKind::I32)).collect();
                        Ok(Value::Slice(SliceV::new(items)))
                    }
                    Value::Str(_) if to_string => Ok(v),
                    _ => self.unsupported(e.pos(), &format!("the conversion {}", expr_string(e))),
                };
            }
        }
        // Built-ins and the standard library, by what the checker resolved them to.
        if let (Expr::Ident(id), true) = (strip(fun), kind.builtin) {
            return Box::pin(self.builtin(g, env, e, &id.name, args, name)).await;
        }
        if let Some(std) = self.prepare_std(g, env, e).await? {
            if let Some(r) = self.std_now(g, &std) {
                return r;
            }
            return Box::pin(self.std_call(g, &std)).await;
        }
        self.call_user(g, env, e, line).await
    }

    /// Whether `e` calls the program's own code (not a conversion, built-in or
    /// standard library function), cached by address.
    fn is_user_call(&self, env: &Rc<Scope>, e: &Expr) -> bool {
        self.call_kind(env, e).user
    }

    /// What the call `e` calls, found once per call site: the checker's and the
    /// scopes' answers do not change between calls.
    fn call_kind(&self, env: &Rc<Scope>, e: &Expr) -> CallKind {
        let key = e as *const Expr as usize;
        if let Some(k) = self.call_kinds.borrow().get(&key) {
            return *k;
        }
        let (conversion, builtin) = match e {
            Expr::Call { fun, lparen, .. } => (
                self.checker.conversions.contains(lparen),
                matches!(strip(fun), Expr::Ident(id) if env.lookup(&id.name).is_none() && !self.funcs.contains_key(&id.name)),
            ),
            _ => (false, false),
        };
        let k = CallKind { user: self.find_user_call(env, e), conversion, builtin };
        self.call_kinds.borrow_mut().insert(key, k);
        k
    }

    fn find_user_call(&self, env: &Rc<Scope>, e: &Expr) -> bool {
        let Expr::Call { fun, lparen, .. } = e else { return false };
        if self.checker.conversions.contains(lparen) {
            return false;
        }
        if let Some((recv, _)) = self.checker.callees.get(lparen) {
            return recv.starts_with("(main.");
        }
        match strip(fun) {
            Expr::Ident(id) => env.lookup(&id.name).is_some() || self.funcs.contains_key(&id.name),
            Expr::Selector { .. } => false,
            _ => true,
        }
    }

    /// A call of a function value of the program: the frame a parked goroutine keeps
    /// for each call it is inside, so it holds little.
    fn call_user<'a>(
        &'a self,
        g: &'a G,
        env: &'a Rc<Scope>,
        call: &'a Expr,
        line: u32,
    ) -> impl std::future::Future<Output = Res<Value>> + 'a {
        async move {
            let Expr::Call { fun, args, .. } = call else { return self.unsupported(call.pos(), "this call") };
            let f = self.eval(g, env, fun).await?;
            let mut vals = Vec::with_capacity(args.len());
            for a in args {
                vals.push(self.eval(g, env, a).await?);
            }
            let Value::Func(clo) = f else { return Box::pin(self.call_value(g, &f, vals, line)).await };
            self.invoke(g, env, call, clo, vals, line).await
        }
    }

    /// A call of the program's own function whose function value and arguments
    /// [`Program::quick`] gives: made without a future for evaluating them, so that
    /// the call is one small future (`None`: evaluate them with [`Program::call_user`]).
    fn quick_call_user<'a>(
        &'a self,
        g: &'a G,
        env: &Rc<Scope>,
        call: &Expr,
        line: u32,
    ) -> Option<Quick<'a, Res<Value>>> {
        let Expr::Call { fun, args, .. } = call else { return None };
        let clo = match self.quick(g, env, fun)? {
            Ok(Value::Func(clo)) => clo,
            Ok(_) => return None,
            Err(e) => return Some(Quick::Done(Some(Err(e)))),
        };
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            match self.quick(g, env, a)? {
                Ok(v) => vals.push(v),
                Err(e) => return Some(Quick::Done(Some(Err(e)))),
            }
        }
        Some(self.invoke(g, env, call, clo, vals, line))
    }

    /// Calls `clo` with `vals`, evaluated from `call` in `env`: enters its frame and
    /// defines its parameters now, and gives the future of its body, which holds
    /// only what the body needs while a goroutine is parked in it.
    fn invoke<'a>(
        &'a self,
        g: &'a G,
        env: &Rc<Scope>,
        call: &Expr,
        clo: Rc<Closure>,
        vals: Vec<Value>,
        line: u32,
    ) -> Quick<'a, Res<Value>> {
        let Expr::Call { fun, args, lparen, .. } = call else {
            return Quick::Done(Some(self.unsupported(call.pos(), "this call")));
        };
        // A function Go inlines where it is named keeps its own frame where it is
        // called through a value Go does not see through (see `devirt`).
        let direct = match strip(fun) {
            Expr::Ident(id) => {
                env.lookup(&id.name).is_none()
                    || self.static_calls.contains(lparen)
                    || self.param_calls.get(lparen).is_some_and(|i| {
                        let named = self.named_args.borrow();
                        named.get(&g.id()).and_then(|v| v.last()).is_some_and(|m| *i < 64 && m & (1 << i) != 0)
                    })
            }
            // `x.m()`; a field holding a function is a value.
            Expr::Selector { .. } => clo.recv.is_some(),
            Expr::FuncLit { .. } => true,
            _ => self.static_calls.contains(lparen),
        };
        if let Err(e) = self.enter_call(g, if direct { clo.func } else { clo.outline }, line) {
            return Quick::Done(Some(Err(e)));
        }
        let param_func = self.param_funcs.contains(&clo.func);
        if param_func {
            // Which arguments name one of the program's functions, for the calls of
            // parameters in the body (seen through only where it is inlined).
            let mut mask = 0u64;
            for (i, (a, v)) in args.iter().zip(&vals).enumerate().take(64) {
                let named = match strip(a) {
                    // `park`, `f` after `f := park`, or a parameter given one of those.
                    Expr::Ident(id) => {
                        (env.lookup(&id.name).is_none() && self.funcs.contains_key(&id.name))
                            || self.static_idents.contains(&id.pos)
                            || self.param_calls.get(&id.pos).is_some_and(|j| {
                                let named = self.named_args.borrow();
                                named.get(&g.id()).and_then(|v| v.last()).is_some_and(|m| *j < 64 && m & (1 << j) != 0)
                            })
                    }
                    // A method value, `b.park`.
                    Expr::Selector { .. } => matches!(v, Value::Func(c) if c.recv.is_some()),
                    _ => false,
                };
                if direct && named {
                    mask |= 1 << i;
                }
            }
            self.named_args.borrow_mut().entry(g.id()).or_default().push(mask);
        }
        let scope = clo.scope();
        self.bind_params(g, &clo.code.typ, &scope, vals);
        Quick::Later(Box::pin(async move {
            // `body_in`'s steps, so that the call's future does not keep a second
            // copy of what it has (a parked goroutine keeps one per call).
            let defers = Defers::default();
            let flow = self.block(g, &scope, &clo.code.body.stmts, &defers).await;
            let r = self.body_end(g, &clo.code.typ, &clo.code.body, &scope, flow, &defers).await;
            if param_func {
                let mut named = self.named_args.borrow_mut();
                if let Some(v) = named.get_mut(&g.id()) {
                    v.pop();
                    if v.is_empty() {
                        named.remove(&g.id());
                    }
                }
            }
            self.leave_call(g);
            r
        }))
    }

    /// Enters a call of `clo` at `line`, within the call depth bound.
    fn enter_call(&self, g: &G, func: FuncId, line: u32) -> Res<()> {
        let mut d = self.depth.borrow_mut();
        let depth = d.entry(g.id()).or_insert(0);
        *depth += 1;
        if *depth > MAX_CALL_DEPTH {
            return Err(Stop::Error(Diagnostic::new(
                Pos { line, col: 1 },
                format!("goroutine {} nested more than {MAX_CALL_DEPTH} calls: stack overflow", g.id()),
            )));
        }
        g.enter(line, func);
        Ok(())
    }

    fn leave_call(&self, g: &G) {
        g.leave();
        let mut d = self.depth.borrow_mut();
        if let Some(e) = d.get_mut(&g.id()) {
            *e -= 1;
            if *e == 0 {
                d.remove(&g.id());
            }
        }
    }

    /// A call of a standard library function or method, with its receiver and
    /// arguments evaluated; `None` when `e` calls the program's own code.
    async fn prepare_std<'a>(&'a self, g: &G, env: &Rc<Scope>, e: &'a Expr) -> Res<Option<StdCall<'a>>> {
        let Expr::Call { fun, args, lparen, .. } = e else { return Ok(None) };
        let Expr::Selector { x, sel } = strip(fun) else { return Ok(None) };
        let Some(callee) = self.checker.callees.get(lparen) else {
            // `j.run()`: a field holding one of the program's functions.
            if matches!(self.static_type(fun).map(|t| self.checker.types.under(&t).clone()), Some(Type::Func(_))) {
                return Ok(None);
            }
            return self.unsupported(sel.pos, &expr_string(fun));
        };
        if callee.0.starts_with("(main.") {
            return Ok(None);
        }
        let recv = if callee.0.starts_with('(') { Some(self.eval(g, env, x).await?) } else { None };
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(g, env, a).await?);
        }
        let mut arg_types = self.arg_types(e, args);
        // f(g()) passes g's results as the arguments.
        if let ([Value::Tuple(vs)], [Some(Type::Tuple(ts))]) = (vals.as_slice(), &*arg_types) {
            let (vs, ts) = (vs.to_vec(), ts.iter().cloned().map(Some).collect());
            vals = vs;
            arg_types = ts;
        }
        // f(xs...): the slice's elements are the variadic arguments.
        if let (Expr::Call { ellipsis: true, .. }, Some(Value::Slice(items))) = (e, vals.last()) {
            let items = items.borrow().to_vec();
            let elem = match arg_types.last().cloned().flatten().map(|t| self.checker.types.under(&t).clone()) {
                Some(Type::Slice(elem)) => Some((*elem).clone()),
                _ => None,
            };
            let mut ts: Vec<Option<Type>> = arg_types[..arg_types.len() - 1].to_vec();
            ts.extend(std::iter::repeat_n(elem, items.len()));
            vals.pop();
            vals.extend(items);
            arg_types = ts.into();
        } else if let (Expr::Call { ellipsis: true, .. }, Some(Value::Nil)) = (e, vals.last()) {
            vals.pop();
            arg_types = arg_types[..arg_types.len() - 1].to_vec().into();
        }
        Ok(Some(StdCall { callee, recv, args: vals, arg_types, pos: e.pos() }))
    }

    /// The standard library calls that never park (`fmt`'s printing, `log`'s but
    /// `Fatal`, `runtime.NumGoroutine`), run without a future; `None` for the others.
    fn std_now(&self, g: &G, c: &StdCall<'_>) -> Option<Res<Value>> {
        Some(match (c.callee.0.as_str(), c.callee.1.as_str()) {
            ("fmt", f @ ("Println" | "Sprintln" | "Print" | "Sprint")) => self
                .sprint(f.ends_with("ln"), &c.arg_types, &c.args)
                .ok_or_else(|| Stop::from(self.err_unsupported(c.pos, "printing this value")))
                .map(|text| {
                    if f.starts_with('S') {
                        return Value::Str(text.into());
                    }
                    self.stdout.borrow_mut().push_str(&text);
                    Value::Nil
                }),
            ("runtime", "NumGoroutine") => Ok(Value::Int(g.num_goroutine() as i64)),
            ("fmt", f @ ("Printf" | "Sprintf")) => {
                let Some(Value::Str(format)) = c.args.first() else {
                    return Some(self.unsupported(c.pos, "this format"));
                };
                self.sprintf(format, &c.arg_types[1..], &c.args[1..])
                    .ok_or_else(|| Stop::from(self.err_unsupported(c.pos, "this format")))
                    .map(|text| {
                        if f == "Sprintf" {
                            self.keep_heap(g, text.len() as u32);
                            return Value::Str(text.into());
                        }
                        self.stdout.borrow_mut().push_str(&text);
                        Value::Nil
                    })
            }
            ("log", f @ ("Print" | "Println" | "Printf")) => self.log_line(g, c, f),
            _ => return None,
        })
    }

    async fn std_call(&self, g: &G, c: &StdCall<'_>) -> Res<Value> {
        if let Some(r) = self.std_now(g, c) {
            return r;
        }
        let line = c.pos.line;
        match (c.callee.0.as_str(), c.callee.1.as_str(), &c.recv) {
            ("(sync.Mutex)", m, Some(Value::Mutex(mu))) => {
                g.at(line);
                match m {
                    "Lock" => mu.lock(g).await,
                    "Unlock" => {
                        if !mu.unlock(g) {
                            // A fatal error ended the run: this goroutine goes no further.
                            sim_runtime::Never.await;
                        }
                    }
                    _ => return self.unsupported(c.pos, &format!("sync.Mutex.{m}")),
                }
                Ok(Value::Nil)
            }
            ("time", "After", _) => {
                let Some(Value::Int(ns)) = c.args.first() else { return self.unsupported(c.pos, "this call") };
                g.at(line);
                let ch = after(g, Duration((*ns).max(0) as u64));
                if *ns <= 0 {
                    // Go 1.23's timer channels: an expired timer's channel is ready at
                    // once, before any other goroutine runs (a select takes it).
                    let _ = ch.try_send(g, g.now());
                }
                Ok(Value::TimeChan(ch))
            }
            ("time", "Sleep", _) => {
                let Some(Value::Int(ns)) = c.args.first() else { return self.unsupported(c.pos, "this call") };
                g.at(line);
                sleep(g, Duration((*ns).max(0) as u64)).await;
                Ok(Value::Nil)
            }
            ("(sync.WaitGroup)", m, Some(Value::Wg(wg))) => {
                match m {
                    "Add" => {
                        let Some(Value::Int(n)) = c.args.first() else { return self.unsupported(c.pos, "this call") };
                        g.at(line);
                        wg.add(g, *n);
                    }
                    "Done" => {
                        g.at(line);
                        wg.done(g);
                    }
                    _ => {
                        g.at(line);
                        wg.wait(g).await;
                    }
                }
                Ok(Value::Nil)
            }
            // Boxed: the rest of the standard library is the larger future, and the calls
            // above (`time.Sleep`, `fmt`, `sync`) should not carry it.
            _ => Box::pin(self.std_more(g, c)).await,
        }
    }

    /// `fmt.Sprint` (`ln`: `Sprintln`) of `args`, printed by their static types.
    fn sprint(&self, ln: bool, types: &[Option<Type>], args: &[Value]) -> Option<String> {
        let parts: Option<Vec<String>> =
            types.iter().zip(args).map(|(t, v)| self.format_typed(t.as_ref(), v)).collect();
        let parts = parts?;
        let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
        if ln {
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(p);
            }
            out.push('\n');
            return Some(out);
        }
        // Print and Sprint put a space only between operands that are both not strings.
        for (i, p) in parts.iter().enumerate() {
            let is_str = |k: usize| matches!(args[k], Value::Str(_));
            if i > 0 && !is_str(i - 1) && !is_str(i) {
                out.push(' ');
            }
            out.push_str(p);
        }
        Some(out)
    }

    /// Counts `bytes` more to what the current goroutine keeps on the heap, if it was
    /// started from a function literal: a model fitted to the hand-written lessons,
    /// where such a goroutine that formats a string keeps it and its closure (96
    /// bytes with what it captures) while it lives, and one that formats nothing is
    /// counted as its `g` alone.
    fn keep_heap(&self, g: &G, bytes: u32) {
        let mut heap = self.heap.borrow_mut();
        if let Some(h) = heap.get_mut(&g.id()) {
            if *h == 0 {
                *h = CLOSURE_BYTES;
            }
            *h = h.saturating_add(bytes);
            g.set_heap_bytes(*h);
        }
    }

    fn call_value<'a>(
        &'a self,
        g: &'a G,
        f: &'a Value,
        args: Vec<Value>,
        line: u32,
    ) -> impl std::future::Future<Output = Res<Value>> + 'a {
        async move {
            let clo = match f {
                Value::Func(clo) => clo,
                Value::Cancel(c) => {
                    c.cancel();
                    return Ok(Value::Nil);
                }
                _ => {
                    g.at(line);
                    return self.raise(g, "runtime error: invalid memory address or nil pointer dereference").await;
                }
            };
            // A deferred call: Go does not inline it.
            g.enter(line, clo.outline);
            let r = self.call_closure(g, clo, args, line).await;
            g.leave();
            r
        }
    }

    /// Runs `clo`'s body in `g`, its frame entered by the caller, within the call
    /// depth bound.
    fn call_closure<'a>(
        &'a self,
        g: &'a G,
        clo: &'a Closure,
        args: Vec<Value>,
        line: u32,
    ) -> impl std::future::Future<Output = Res<Value>> + 'a {
        async move {
            let depth = {
                let mut d = self.depth.borrow_mut();
                let e = d.entry(g.id()).or_insert(0);
                *e += 1;
                *e
            };
            if depth > MAX_CALL_DEPTH {
                return Err(Stop::Error(Diagnostic::new(
                    Pos { line, col: 1 },
                    format!("goroutine {} nested more than {MAX_CALL_DEPTH} calls: stack overflow", g.id()),
                )));
            }
            let r = self.body(g, &clo.code.typ, &clo.code.body, clo.scope(), args).await;
            let mut d = self.depth.borrow_mut();
            if let Some(e) = d.get_mut(&g.id()) {
                *e -= 1;
                if *e == 0 {
                    d.remove(&g.id());
                }
            }
            r
        }
    }

    async fn builtin(
        &self,
        g: &G,
        env: &Rc<Scope>,
        e: &Expr,
        name: &str,
        args: &[Expr],
        var: Option<&str>,
    ) -> Res<Value> {
        match name {
            "make" => {
                let size = match args.get(1) {
                    Some(a) => ints::index_of(&self.eval(g, env, a).await?).unwrap_or(0),
                    None => 0,
                };
                match &args[0] {
                    Expr::ChanType { .. } => {
                        if size < 0 {
                            return self.raise(g, "makechan: size out of range").await;
                        }
                        let elem = match self.static_type(e).as_ref().map(|t| self.checker.types.under(t)) {
                            Some(Type::Chan(_, elem)) => elem_bytes(&self.checker, elem),
                            _ => 8,
                        };
                        let ch = Chan::make(g, self.chan_name(var.unwrap_or("ch")), size as usize, elem);
                        Ok(Value::Chan(ch))
                    }
                    Expr::MapType { .. } => Ok(Value::Map(Some(Rc::new(RefCell::new(Vec::new()))))),
                    Expr::ArrayType { len: None, .. } => {
                        let zero = match self.static_type(e).as_ref().map(|t| self.checker.types.under(t)) {
                            Some(Type::Slice(elem)) => self.zero(&elem.clone(), g),
                            _ => Value::Int(0),
                        };
                        let cap = match args.get(2) {
                            Some(a) => ints::index_of(&self.eval(g, env, a).await?).unwrap_or(0),
                            None => size,
                        };
                        self.make_slice(g, e, size, cap, zero).await
                    }
                    other => self.unsupported(other.pos(), "make of this type"),
                }
            }
            "len" | "cap" => match self.eval(g, env, &args[0]).await? {
                Value::Chan(c) => Ok(Value::Int(if name == "len" { c.len() } else { c.cap() } as i64)),
                Value::Str(s) => Ok(Value::Int(s.len() as i64)),
                Value::Slice(s) => Ok(Value::Int(if name == "len" { s.len() } else { s.cap() } as i64)),
                Value::Array(f) => Ok(Value::Int(f.borrow().len() as i64)),
                Value::Ptr(p) if matches!(&*p.borrow(), Value::Array(_)) => match &*p.borrow() {
                    Value::Array(f) => Ok(Value::Int(f.borrow().len() as i64)),
                    _ => Ok(Value::Int(0)),
                },
                Value::Map(m) => Ok(Value::Int(m.map_or(0, |m| m.borrow().len()) as i64)),
                // A nil slice or map passed as `nil`.
                Value::Nil => Ok(Value::Int(0)),
                _ => self.unsupported(e.pos(), &format!("{name} of this value")),
            },
            "close" => match self.eval(g, env, &args[0]).await? {
                Value::Chan(c) => {
                    g.at(e.pos().line);
                    if c.id().is_none() {
                        return self.raise(g, "close of nil channel").await;
                    }
                    c.close(g);
                    Ok(Value::Nil)
                }
                _ => self.unsupported(e.pos(), "close of this value"),
            },
            "delete" => {
                if let Value::Map(Some(m)) = self.eval(g, env, &args[0]).await? {
                    let k = self.eval(g, env, &args[1]).await?;
                    m.borrow_mut().retain(|(x, _)| !equal(x, &k));
                }
                Ok(Value::Nil)
            }
            "panic" => {
                let v = self.eval(g, env, &args[0]).await?;
                g.at(e.pos().line);
                let msg = match (&v, self.static_type(&args[0]).as_ref()) {
                    (Value::Str(s), Some(t)) if t.untyped().is_some() || matches!(t, Type::Basic(_)) => s.to_string(),
                    _ => match self.format(&args[0], &v) {
                        Some(text) => text,
                        None => return self.unsupported(e.pos(), "panic with this value"),
                    },
                };
                self.raise_value(g, v, msg).await
            }
            "append" => {
                let items = match self.eval(g, env, &args[0]).await? {
                    Value::Slice(items) => items,
                    Value::Nil => SliceV::nil(),
                    _ => return self.unsupported(e.pos(), "append to this value"),
                };
                let mut out = Vec::new();
                let spread = matches!(e, Expr::Call { ellipsis: true, .. });
                for (i, a) in args[1..].iter().enumerate() {
                    let v = self.eval(g, env, a).await?;
                    if spread && i + 2 == args.len() {
                        // append(xs, ys...), append(bs, s...).
                        match v {
                            Value::Slice(ys) => out.extend(ys.borrow().iter().map(copy_val)),
                            Value::Str(s) => out.extend(s.bytes().map(|b| Value::Sized(b as i64, IntKind::U8))),
                            Value::Nil => {}
                            _ => return self.unsupported(a.pos(), "append of this value"),
                        }
                        continue;
                    }
                    out.push(v);
                }
                Ok(Value::Slice(self.append(g, e, &items, out)?))
            }
            "recover" => {
                let mut p = self.panicking.borrow_mut();
                Ok(match p.get_mut(&g.id()) {
                    Some(state) if !state.recovered => {
                        state.recovered = true;
                        state.value.clone()
                    }
                    _ => Value::Nil,
                })
            }
            "min" | "max" => {
                let mut best: Option<Value> = None;
                for a in args {
                    let v = self.eval(g, env, a).await?;
                    best = Some(match best {
                        None => v,
                        Some(b) => match min_max(name == "max", b, v) {
                            Some(m) => m,
                            None => return self.unsupported(e.pos(), &format!("{name} of these values")),
                        },
                    });
                }
                best.map_or_else(|| self.unsupported(e.pos(), name), Ok)
            }
            "copy" => {
                let dst = self.eval(g, env, &args[0]).await?;
                let src = self.eval(g, env, &args[1]).await?;
                Ok(Value::Int(
                    slices::copy(&dst, &src).ok_or_else(|| self.err_unsupported(e.pos(), "copy of these values"))?,
                ))
            }
            other => self.unsupported(e.pos(), &format!("built-in {other}")),
        }
    }

    /// A value as `fmt.Println` prints it, by its static type; `None` for what the
    /// interpreter cannot print as Go does (a channel's or function's address).
    fn format(&self, e: &Expr, v: &Value) -> Option<String> {
        self.format_typed(self.static_type(e).as_ref(), v)
    }

    /// [`Program::format`] for a value of static type `t`.
    fn format_typed(&self, t: Option<&Type>, v: &Value) -> Option<String> {
        if let Some(name) = self.signal_name(t, v) {
            return Some(name);
        }
        let is_duration = t.is_some_and(|t| match t {
            Type::Named(i) => {
                let n = &self.checker.types.named[*i];
                n.pkg == "time" && n.name == "Duration"
            }
            _ => false,
        });
        Some(match v {
            Value::Struct(_) | Value::Ptr(_) => self.format_struct(t, v, false)?,
            Value::Int(i) if is_duration => duration_string(*i),
            Value::Slice(items) => {
                let parts: Option<Vec<String>> = items.borrow().iter().map(format_plain).collect();
                format!("[{}]", parts?.join(" "))
            }
            Value::Array(items) => {
                let parts: Option<Vec<String>> = items.borrow().iter().map(format_plain).collect();
                format!("[{}]", parts?.join(" "))
            }
            Value::Map(m) => {
                // fmt prints a map's entries sorted by key.
                let mut entries: Vec<(Value, Value)> = m.as_ref().map(|m| m.borrow().clone()).unwrap_or_default();
                entries.sort_by(|a, b| match (&a.0, &b.0) {
                    (Value::Int(x), Value::Int(y)) => x.cmp(y),
                    (x @ Value::Sized(..), y @ Value::Sized(..)) => ints::int_of(x).cmp(&ints::int_of(y)),
                    // NaN first, then by value, as fmt's internal/fmtsort orders floats.
                    (Value::Float(x), Value::Float(y)) => {
                        x.partial_cmp(y).unwrap_or_else(|| y.is_nan().cmp(&x.is_nan()))
                    }
                    (Value::Str(x), Value::Str(y)) => x.cmp(y),
                    (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
                    _ => std::cmp::Ordering::Equal,
                });
                let parts: Option<Vec<String>> =
                    entries.iter().map(|(k, v)| Some(format!("{}:{}", format_plain(k)?, format_plain(v)?))).collect();
                format!("map[{}]", parts?.join(" "))
            }
            v => format_plain(v)?,
        })
    }

    /// `fmt.Sprintf` for the verbs `%v %d %s %q %t %x %%` with a width and `-`; `None`
    /// for a format the interpreter does not handle yet.
    fn sprintf(&self, format: &str, types: &[Option<Type>], args: &[Value]) -> Option<String> {
        self.go_sprintf(format, types, args)
    }
}

/// The argument words Go's traceback prints for a function with `params`, by their
/// types (see [`sim_runtime::Args`]): an interface is its itab or type word and a
/// data pointer, a pointer, channel, map or function one pointer, an integer or bool
/// one word Go marks as possibly stale. A string's two words are a pointer and, as
/// the hand-written lessons print it, the length `0x18`: the runtime keeps one
/// template per function, not the words of each call (real Go prints each call's
/// length, often marked `?`). `None` for a function without parameters.
/// The body of a goroutine that runs `clo` with `args` (started by a `go` statement,
/// or by the runtime for `time.AfterFunc`); `literal`: `clo` is a function literal.
fn goroutine<'a>(
    g: G,
    p: Rc<Program>,
    clo: Rc<Closure>,
    args: Vec<Value>,
    literal: bool,
) -> impl std::future::Future<Output = ()> + 'a {
    // The parameters are defined now (the goroutine's future then does not keep its
    // arguments); named results at its first step, as before (their zero values may
    // make things on the runtime).
    let scope = clo.scope();
    p.bind_args(&clo.code.typ, &scope, args);
    async move {
        if literal {
            // Counted once the goroutine formats something (see `keep_heap`).
            p.heap.borrow_mut().insert(g.id(), 0);
        }
        p.bind_results(&g, &clo.code.typ, &scope);
        let r = p.body_in(&g, &clo.code.typ, &clo.code.body, &scope).await;
        p.heap.borrow_mut().remove(&g.id());
        p.depth.borrow_mut().remove(&g.id());
        if let Err(e) = r {
            p.end_goroutine(&g, e).await;
        }
    }
}

fn arg_words(checker: &Checker, params: &[Field]) -> Option<&'static str> {
    if params.is_empty() {
        return None;
    }
    let types = &checker.types;
    let words: Vec<String> = params
        .iter()
        .map(|p| {
            let t = checker.type_exprs.get(&p.typ.pos()).cloned().unwrap_or(Type::Invalid);
            if let Type::Named(i) = &t {
                let n = &types.named[*i];
                match (n.pkg.as_str(), n.name.as_str()) {
                    ("net/http", "ResponseWriter") => return "{0x8a1090, P}".to_string(),
                    ("context", "Context") => return "{0x8a1548, P}".to_string(),
                    ("", "error") => return "{0x8a1f40, P}".to_string(),
                    _ => {}
                }
            }
            match types.under(&t) {
                Type::Interface(_) => "{0x8a2000, P}".to_string(),
                Type::Basic(Basic::String | Basic::UntypedString) => "{P, 0x18}".to_string(),
                Type::Slice(_) => "{P, 0x1, 0x1}".to_string(),
                Type::Basic(_) => "0x0?".to_string(),
                _ => "P".to_string(),
            }
        })
        .collect();
    // Bounded by the program's distinct parameter lists.
    Some(Box::leak(words.join(", ").into_boxed_str()))
}

/// The bytes one element of type `t` takes in a channel's buffer.
fn elem_bytes(checker: &Checker, t: &Type) -> u64 {
    match checker.types.under(t) {
        Type::Basic(Basic::String | Basic::UntypedString) | Type::Interface(_) => 16,
        Type::Basic(Basic::Bool | Basic::UntypedBool | Basic::Int8 | Basic::Uint8 | Basic::Byte) => 1,
        Type::Basic(Basic::Int16 | Basic::Uint16) => 2,
        Type::Basic(Basic::Int32 | Basic::Uint32 | Basic::Float32 | Basic::Rune) => 4,
        Type::Slice(_) => 24,
        Type::Struct(fields) => fields.iter().map(|f| elem_bytes(checker, &f.typ)).sum(),
        _ => 8,
    }
}

/// Whether Go 1.24's inliner would inline calls of `f`, by its rules in outline: no
/// `go`, `defer`, `select` or function literal in the body, and a cost within the
/// budget of 80, where every node costs 1 and every call of a function that is not a
/// built-in costs 57 more (the inliner's `inlineExtraCallCost`).
fn inlinable(f: &FuncDecl, conv: &BTreeSet<Pos>) -> bool {
    let Some(body) = &f.body else { return false };
    let mut cost = 0u32;
    let ok = body.stmts.iter().all(|s| stmt_cost(s, &mut cost, conv, false));
    ok && cost <= 80
}

/// Whether Go 1.24 can inline a function literal with this body: its inliner gives a
/// closure ten times a function's budget (`inlineClosureCalledOnceCost`), and refuses
/// `recover` as it refuses `select`, `go` and `defer`.
fn inlinable_literal(body: &Block, conv: &BTreeSet<Pos>) -> bool {
    let mut names = BTreeSet::new();
    structs::names_in(body, &mut names);
    let mut cost = 0u32;
    !names.contains("recover") && body.stmts.iter().all(|s| stmt_cost(s, &mut cost, conv, true)) && cost <= 800
}

const BUILTIN_NAMES: [&str; 12] =
    ["append", "cap", "close", "copy", "delete", "len", "make", "max", "min", "new", "print", "println"];

/// `lit`: the statement is in a function literal's body, where Go 1.24 inlines `select`
/// too (measured: `tests/run/literal_frames.go`).
fn stmt_cost(s: &Stmt, cost: &mut u32, conv: &BTreeSet<Pos>, lit: bool) -> bool {
    // A call statement is the call's node alone in Go's IR.
    if !matches!(s, Stmt::Expr(_)) {
        *cost += 1;
    }
    let mut exprs: Vec<&Expr> = Vec::new();
    match s {
        Stmt::Select { cases, .. } if lit => {
            for c in cases {
                if c.comm.as_ref().is_some_and(|s| !stmt_cost(s, cost, conv, lit))
                    || !c.body.iter().all(|s| stmt_cost(s, cost, conv, lit))
                {
                    return false;
                }
            }
        }
        Stmt::Go { .. } | Stmt::Defer { .. } | Stmt::Select { .. } | Stmt::Labeled { .. } | Stmt::TypeSwitch { .. } => {
            return false
        }
        Stmt::Expr(e) | Stmt::IncDec { x: e, .. } => exprs.push(e),
        Stmt::Send { ch, value, .. } => exprs.extend([ch, value]),
        Stmt::Assign { lhs, rhs, .. } => exprs.extend(lhs.iter().chain(rhs)),
        Stmt::Return { results, .. } => exprs.extend(results.iter()),
        Stmt::Decl { decl: Decl::Var(specs), .. } => specs.iter().for_each(|sp| exprs.extend(sp.values.iter())),
        Stmt::Block(b) => return b.stmts.iter().all(|s| stmt_cost(s, cost, conv, lit)),
        Stmt::If { init, cond, then, els, .. } => {
            exprs.push(cond);
            if init.as_ref().is_some_and(|i| !stmt_cost(i, cost, conv, lit))
                || els.as_ref().is_some_and(|e| !stmt_cost(e, cost, conv, lit))
            {
                return false;
            }
            if !then.stmts.iter().all(|s| stmt_cost(s, cost, conv, lit)) {
                return false;
            }
        }
        Stmt::For { init, cond, post, body, .. } => {
            exprs.extend(cond.iter());
            if init.as_ref().is_some_and(|i| !stmt_cost(i, cost, conv, lit))
                || post.as_ref().is_some_and(|p| !stmt_cost(p, cost, conv, lit))
            {
                return false;
            }
            if !body.stmts.iter().all(|s| stmt_cost(s, cost, conv, lit)) {
                return false;
            }
        }
        Stmt::Range { x, body, .. } => {
            exprs.push(x);
            if !body.stmts.iter().all(|s| stmt_cost(s, cost, conv, lit)) {
                return false;
            }
        }
        Stmt::Switch { init, tag, cases, .. } => {
            exprs.extend(tag.iter());
            if init.as_ref().is_some_and(|i| !stmt_cost(i, cost, conv, lit)) {
                return false;
            }
            for c in cases {
                exprs.extend(c.exprs.iter());
                if !c.body.iter().all(|s| stmt_cost(s, cost, conv, lit)) {
                    return false;
                }
            }
        }
        Stmt::Decl { .. } | Stmt::Branch { .. } | Stmt::Empty { .. } => {}
    }
    exprs.into_iter().all(|e| expr_cost(e, cost, conv))
}

fn expr_cost(e: &Expr, cost: &mut u32, conv: &BTreeSet<Pos>) -> bool {
    *cost += 1;
    if inline_std::is_constant(e) || inline_std::is_package_name(e) {
        return true;
    }
    match e {
        Expr::FuncLit { .. } => false,
        Expr::Call { fun, args, lparen, .. } => {
            // A conversion (`time.Duration(n)`) is no call.
            let builtin = matches!(strip(fun), Expr::Ident(i) if BUILTIN_NAMES.contains(&i.name.as_str()))
                || conv.contains(lparen);
            if !builtin {
                *cost += inline_std::call_cost(strip(fun));
            }
            expr_cost(fun, cost, conv) && args.iter().all(|a| expr_cost(a, cost, conv))
        }
        Expr::Binary { x, y, .. } => expr_cost(x, cost, conv) && expr_cost(y, cost, conv),
        Expr::Unary { x, .. } | Expr::Paren { x, .. } | Expr::Star { x, .. } | Expr::Selector { x, .. } => {
            expr_cost(x, cost, conv)
        }
        Expr::Index { x, index, .. } => expr_cost(x, cost, conv) && expr_cost(index, cost, conv),
        Expr::Composite { elts, .. } => elts.iter().all(|x| expr_cost(x, cost, conv)),
        // A struct literal's field name is no node of its own.
        Expr::KeyValue { key, value } if matches!(key.as_ref(), Expr::Ident(_)) => expr_cost(value, cost, conv),
        Expr::KeyValue { key, value } => expr_cost(key, cost, conv) && expr_cost(value, cost, conv),
        _ => true,
    }
}

/// A value of a basic type as `fmt` prints it with `%v`.
fn format_plain(v: &Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Sized(..) => ints::int_of(v).map(|i| i.to_string()),
        Value::Float(f) => crate::float::format_float(*f, 'g', -1),
        Value::Bool(b) => Some(b.to_string()),
        Value::Str(s) => Some(s.to_string()),
        Value::Nil => Some("<nil>".into()),
        Value::Error(e) => Some(e.message()),
        Value::Struct(f) => {
            let parts: Option<Vec<String>> = f.borrow().iter().map(format_plain).collect();
            Some(format!("{{{}}}", parts?.join(" ")))
        }
        Value::Array(f) => {
            let parts: Option<Vec<String>> = f.borrow().iter().map(format_plain).collect();
            Some(format!("[{}]", parts?.join(" ")))
        }
        _ => None,
    }
}

/// Whether `s` declares something in the block it is in (a block with no such
/// statement needs no scope of its own).
fn declares(s: &Stmt) -> bool {
    matches!(s, Stmt::Decl { .. } | Stmt::Labeled { .. } | Stmt::Assign { op: ":=", .. })
}

fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren { x, .. } => strip(x),
        e => e,
    }
}

/// The arguments of a variadic function with `n` parameters: the extra ones in a
/// slice (nil for none), unless the call passed a slice itself (`f(xs...)`).
fn variadic_args(n: usize, mut args: Vec<Value>) -> Vec<Value> {
    if args.len() == n && matches!(args.last(), Some(Value::Slice(_) | Value::Nil)) {
        return args;
    }
    let rest: Vec<Value> = args.split_off((n - 1).min(args.len()));
    args.push(if rest.is_empty() { nil_slice() } else { Value::Slice(SliceV::new(rest)) });
    args
}

/// A nil slice: printed `[]`, of length 0, and equal to `nil`.
fn nil_slice() -> Value {
    Value::Slice(SliceV::nil())
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Slice(s), Value::Nil) | (Value::Nil, Value::Slice(s)) => s.is_nil(),
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Sized(x, a), Value::Sized(y, b)) => x == y && a == b,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Nil, Value::Nil) => true,
        (Value::Chan(x), Value::Chan(y)) => x.id() == y.id(),
        (Value::Chan(c), Value::Nil) | (Value::Nil, Value::Chan(c)) => c.id().is_none(),
        (Value::UnitChan(x), Value::UnitChan(y)) => x.id() == y.id(),
        (Value::UnitChan(c), Value::Nil) | (Value::Nil, Value::UnitChan(c)) => c.id().is_none(),
        (Value::Struct(x), Value::Struct(y)) | (Value::Array(x), Value::Array(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| equal(a, b))
        }
        (Value::Ptr(x), Value::Ptr(y)) => Rc::ptr_eq(x, y),
        (Value::Elem(x, i), Value::Elem(y, j)) => Rc::ptr_eq(x, y) && i == j,
        (Value::TimeChan(x), Value::TimeChan(y)) => x.id() == y.id(),
        // `t.C == nil` (nil for an AfterFunc timer) and `m == nil`.
        (Value::TimeChan(c), Value::Nil) | (Value::Nil, Value::TimeChan(c)) => c.id().is_none(),
        (Value::Map(m), Value::Nil) | (Value::Nil, Value::Map(m)) => m.is_none(),
        (Value::Error(x), Value::Error(y)) => match (&**x, &**y) {
            (GoError::Ctx(a), GoError::Ctx(b)) => a == b,
            _ => Rc::ptr_eq(x, y),
        },
        _ => false,
    }
}

fn binary(op: &str, l: &Value, r: &Value) -> Option<Value> {
    Some(match (l, r) {
        (Value::Int(a), Value::Int(b)) => {
            let (a, b) = (*a, *b);
            match op {
                "+" => Value::Int(a.wrapping_add(b)),
                "-" => Value::Int(a.wrapping_sub(b)),
                "*" => Value::Int(a.wrapping_mul(b)),
                "/" => Value::Int(a.checked_div(b)?),
                "%" => Value::Int(a.checked_rem(b)?),
                "&" => Value::Int(a & b),
                "|" => Value::Int(a | b),
                "^" => Value::Int(a ^ b),
                "&^" => Value::Int(a & !b),
                "<<" => Value::Int(a.checked_shl(u32::try_from(b).ok()?).unwrap_or(0)),
                ">>" => Value::Int(a >> b.clamp(0, 63)),
                "==" => Value::Bool(a == b),
                "!=" => Value::Bool(a != b),
                "<" => Value::Bool(a < b),
                "<=" => Value::Bool(a <= b),
                ">" => Value::Bool(a > b),
                ">=" => Value::Bool(a >= b),
                _ => return None,
            }
        }
        (Value::Int(_) | Value::Sized(..), Value::Int(_) | Value::Sized(..)) => return ints::binary_ints(op, l, r),
        (Value::Float(a), Value::Float(b)) => {
            let (a, b) = (*a, *b);
            match op {
                "+" => Value::Float(a + b),
                "-" => Value::Float(a - b),
                "*" => Value::Float(a * b),
                // Division by zero is IEEE's at run time: ±Inf, or NaN for 0/0.
                "/" => Value::Float(a / b),
                "==" => Value::Bool(a == b),
                "!=" => Value::Bool(a != b),
                "<" => Value::Bool(a < b),
                "<=" => Value::Bool(a <= b),
                ">" => Value::Bool(a > b),
                ">=" => Value::Bool(a >= b),
                _ => return None,
            }
        }
        (Value::Str(a), Value::Str(b)) => match op {
            "+" => Value::Str(format!("{a}{b}").into()),
            "==" => Value::Bool(a == b),
            "!=" => Value::Bool(a != b),
            "<" => Value::Bool(a < b),
            "<=" => Value::Bool(a <= b),
            ">" => Value::Bool(a > b),
            ">=" => Value::Bool(a >= b),
            _ => return None,
        },
        _ => match op {
            "==" => Value::Bool(equal(l, r)),
            "!=" => Value::Bool(!equal(l, r)),
            _ => return None,
        },
    })
}

/// The built-in `min` or `max` of two values of one type: for floats, NaN if either
/// is, and `-0` below `0`, as Go's `min`/`max` order them.
fn min_max(max: bool, a: Value, b: Value) -> Option<Value> {
    Some(match (a, b) {
        (Value::Int(x), Value::Int(y)) => Value::Int(if max { x.max(y) } else { x.min(y) }),
        (a @ Value::Sized(..), b @ Value::Sized(..)) => {
            let (x, y) = (ints::int_of(&a)?, ints::int_of(&b)?);
            if (x < y) == max {
                b
            } else {
                a
            }
        }
        (Value::Str(x), Value::Str(y)) => Value::Str(if (x < y) == max { y } else { x }),
        (Value::Float(x), Value::Float(y)) => Value::Float(crate::float::min_max(max, x, y)),
        _ => return None,
    })
}

/// `int64(f)` as Go computes it on amd64: toward zero, and the smallest int64 for
/// NaN and what is out of range (CVTTSD2SQ's "integer indefinite"). Integers of
/// every size are one kind of value here, so a narrower type is not wrapped.
pub(super) fn float_to_int(f: f64) -> i64 {
    // -2^63 and 2^63 are exact in a float64; NaN is in no range.
    let low = i64::MIN as f64;
    if !(low..-low).contains(&f) {
        return i64::MIN;
    }
    f as i64
}

/// `time.Duration.String`.
fn duration_string(ns: i64) -> String {
    if ns < 0 {
        return format!("-{}", Duration(ns.unsigned_abs()));
    }
    Duration(ns as u64).to_string()
}
