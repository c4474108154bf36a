//! Standard library calls beyond the first part's `fmt`, `time` and `sync`: `context`
//! (on `sim-runtime`'s own contexts, so cancellation, deadlines and the timers behind
//! them are exactly the hand-written simulations'), `errors`, `fmt.Errorf` and
//! `Fprint*`, `log` (stamped with the virtual clock), `time.Now`; then whatever the
//! host supplies ([`super::Host`]).

use super::slices::SliceV;
use std::cell::Cell;
use std::rc::Rc;

use sim_runtime::{Context, Duration, Time, G};

use super::host::{HostCall, Interp};
use super::{GoError, Program, Res, StdCall, Value};
use crate::check::types::{Basic, Type};
use crate::diag::Diagnostic;

/// Go's message for a nil pointer dereference.
const NIL_DEREF: &str = "runtime error: invalid memory address or nil pointer dereference";

thread_local! {
    /// The faulting address of the nil dereference being raised, for its `[signal SIGSEGV]` line.
    static FAULT_ADDR: Cell<Option<u64>> = const { Cell::new(None) };
}

/// The end of an unrecovered panic: Go's `panic: ...` and the stack. A nil pointer
/// dereference is a signal in Go and says so, with the address it read
/// (`addr=0x10` for the second word of a struct).
pub(super) async fn final_panic(g: &G, message: &str) {
    match FAULT_ADDR.take() {
        _ if message != NIL_DEREF => g.panic(message).await,
        addr => g.panic_nil_deref(addr.unwrap_or(0)).await,
    }
}

/// The offsets of `net/http`'s fields as Go 1.24 lays its structs out on amd64
/// (the checker declares only the fields the interpreter serves).
fn http_field_offset(type_name: &str, field: &str) -> Option<u64> {
    Some(match (type_name, field) {
        ("Response", "Status") | ("Request", "Method") => 0x0,
        ("Response", "StatusCode") | ("Request", "URL") => 0x10,
        ("Response", "Proto") | ("Request", "Proto") => 0x18,
        ("Response", "Header") | ("Request", "Header") => 0x38,
        ("Response", "Body") | ("Request", "Body") => 0x40,
        _ => return None,
    })
}

/// The wall-clock instant the virtual clock's zero stands for in `log` lines:
/// 2024-01-01 00:00:00 UTC, as in profiles.
const LOG_EPOCH_DAYS: i64 = 19_723;

impl Program {
    /// Raises Go's nil pointer dereference for reading field `field` through a nil
    /// pointer of static type `ptr`.
    pub(super) async fn raise_nil_field<T>(&self, g: &G, ptr: Option<&Type>, field: &str) -> Res<T> {
        let addr = ptr.and_then(|t| self.field_offset(t, field)).unwrap_or(0);
        let outer = FAULT_ADDR.replace(Some(addr));
        let r = self.raise(g, NIL_DEREF).await;
        // Recovered: the next nil dereference says its own address.
        FAULT_ADDR.set(outer);
        r
    }

    /// Marks the next nil dereference raised as reading `field` of `ptr`'s struct; `f`
    /// is what may raise it. Restored after, whatever `f` did.
    pub(super) async fn at_field<T>(&self, ptr: &Type, field: &str, f: impl std::future::Future<Output = T>) -> T {
        let outer = FAULT_ADDR.replace(self.field_offset(ptr, field));
        let r = f.await;
        FAULT_ADDR.set(outer);
        r
    }

    /// How Go prints a signal: the value `v` of static type `os.Signal` (a
    /// `syscall.Signal`, which the interpreter keeps as its number), by `syscall`'s table.
    pub(super) fn signal_name(&self, t: Option<&Type>, v: &Value) -> Option<String> {
        let (Some(Type::Named(i)), Value::Int(n)) = (t, v) else { return None };
        let named = &self.checker.types.named[*i];
        if named.pkg != "os" || named.name != "Signal" {
            return None;
        }
        Some(signal_string(*n))
    }

    /// The byte offset of `field` in the struct `t` (or `*t`) points to, as Go lays it out on amd64.
    fn field_offset(&self, t: &Type, field: &str) -> Option<u64> {
        let types = &self.checker.types;
        let base = match types.under(t) {
            Type::Pointer(inner) => inner.as_ref(),
            t => t,
        };
        if let Type::Named(i) = base {
            let n = &types.named[*i];
            if n.pkg == "net/http" {
                return http_field_offset(&n.name, field);
            }
        }
        let Type::Struct(fields) = types.under(base) else { return None };
        let mut off = 0u64;
        for f in fields.iter() {
            let (size, align) = self.size_align(&f.typ)?;
            off = off.next_multiple_of(align);
            if f.name == field {
                return Some(off);
            }
            off += size;
        }
        None
    }

    /// Go's size and alignment of `t` on amd64.
    fn size_align(&self, t: &Type) -> Option<(u64, u64)> {
        let types = &self.checker.types;
        if let Type::Named(i) = t {
            let n = &types.named[*i];
            match (n.pkg.as_str(), n.name.as_str()) {
                ("sync", "RWMutex") => return Some((24, 8)),
                ("sync", "WaitGroup") => return Some((16, 8)),
                ("sync", "Once") => return Some((12, 4)),
                ("sync", "Mutex") => return Some((8, 4)),
                ("sync/atomic", "Int64" | "Uint64") => return Some((8, 8)),
                ("sync/atomic", "Int32" | "Uint32" | "Bool") => return Some((4, 4)),
                ("sync/atomic", "Value") => return Some((16, 8)),
                ("time", "Time") => return Some((24, 8)),
                ("strings", "Builder") => return Some((32, 8)),
                ("main" | "", _) | ("time", "Duration") => {}
                _ => return None,
            }
        }
        Some(match types.under(t) {
            Type::Basic(b) => match b {
                Basic::Bool | Basic::Int8 | Basic::Uint8 | Basic::Byte => (1, 1),
                Basic::Int16 | Basic::Uint16 => (2, 2),
                Basic::Int32 | Basic::Uint32 | Basic::Rune | Basic::Float32 => (4, 4),
                Basic::String => (16, 8),
                Basic::Complex128 => (16, 8),
                _ => (8, 8),
            },
            Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) => (8, 8),
            Type::Slice(_) => (24, 8),
            Type::Interface(_) => (16, 8),
            Type::Array(n, elem) => {
                let (size, align) = self.size_align(elem)?;
                (size * n, align)
            }
            Type::Struct(fields) => {
                let (mut off, mut max) = (0u64, 1u64);
                for f in fields.iter() {
                    let (size, align) = self.size_align(&f.typ)?;
                    off = off.next_multiple_of(align) + size;
                    max = max.max(align);
                }
                (off.next_multiple_of(max), max)
            }
            _ => return None,
        })
    }

    /// `log.Print`, `Println`, `Printf` (and the line of a `Fatal`): the line
    /// stamped as the flags say, kept in standard error.
    pub(super) fn log_line(&self, g: &G, c: &StdCall<'_>, f: &str) -> Res<Value> {
        let line = c.pos.line;
        if self.stderr.borrow().full() && !f.starts_with("Fatal") {
            // Past what a run keeps: count the line without formatting it.
            self.stderr.borrow_mut().dropped += 1;
            return Ok(Value::Nil);
        }
        let text = if f.ends_with('f') {
            let Some(Value::Str(format)) = c.args.first() else {
                return self.unsupported(c.pos, "this format");
            };
            self.sprintf(format, &c.arg_types[1..], &c.args[1..])
        } else {
            self.sprint(f.ends_with("ln"), &c.arg_types, &c.args)
        };
        let mut text = text.ok_or_else(|| self.err_unsupported(c.pos, "printing this value"))?;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut stamped = log_header(self.log_flags.get(), g.now(), line);
        stamped.push_str(&text);
        self.stderr.borrow_mut().push(&stamped);
        Ok(Value::Nil)
    }

    pub(super) async fn std_more(&self, g: &G, c: &StdCall<'_>) -> Res<Value> {
        let line = c.pos.line;
        let arg = |i: usize| c.args.get(i).cloned().unwrap_or(Value::Nil);
        let ctx_of = |v: &Value| match v {
            Value::Ctx(ctx) => Some(ctx.clone()),
            _ => None,
        };
        match (c.callee.0.as_str(), c.callee.1.as_str()) {
            ("context", "Background" | "TODO") => return Ok(Value::Ctx(Context::background())),
            ("context", f @ ("WithCancel" | "WithTimeout" | "WithDeadline")) => {
                let Some(parent) = ctx_of(&arg(0)) else {
                    g.at(line);
                    return self.raise(g, "cannot create context from nil parent").await;
                };
                let (ctx, cancel) = match (f, arg(1)) {
                    ("WithCancel", _) => parent.with_cancel(g),
                    ("WithTimeout", Value::Int(ns)) => parent.with_timeout(g, Duration(ns.max(0) as u64)),
                    ("WithDeadline", Value::Time(t)) => parent.with_deadline(g, t),
                    _ => return self.unsupported(c.pos, &format!("context.{f} with this argument")),
                };
                return Ok(Value::Tuple(Rc::new(vec![Value::Ctx(ctx), Value::Cancel(cancel)])));
            }
            ("(context.Context)", m) => {
                let Some(ctx) = c.recv.as_ref().and_then(ctx_of) else {
                    g.at(line);
                    return self.raise(g, "runtime error: invalid memory address or nil pointer dereference").await;
                };
                return match m {
                    "Done" => Ok(Value::UnitChan(ctx.done())),
                    "Err" => Ok(ctx.err().map_or(Value::Nil, |e| Value::Error(Rc::new(GoError::Ctx(e))))),
                    "Deadline" => Ok(Value::Tuple(Rc::new(match ctx.deadline() {
                        Some(t) => vec![Value::Time(t), Value::Bool(true)],
                        None => vec![Value::Time(Time(0)), Value::Bool(false)],
                    }))),
                    _ => self.unsupported(c.pos, &format!("ctx.{m}")),
                };
            }
            ("(os.Signal)", "String") => {
                return match c.recv.as_ref() {
                    Some(Value::Int(n)) => Ok(Value::Str(signal_string(*n).into())),
                    _ => {
                        g.at(line);
                        self.raise(g, NIL_DEREF).await
                    }
                };
            }
            ("errors", "New") => {
                let Value::Str(s) = arg(0) else { return self.unsupported(c.pos, "this call") };
                return Ok(Value::Error(Rc::new(GoError::Text(s.to_string()))));
            }
            ("errors", "Is") => return Ok(Value::Bool(error_is(&arg(0), &arg(1)))),
            ("errors", "Unwrap") => {
                return Ok(match arg(0) {
                    Value::Error(e) => match &*e {
                        GoError::Wrap(_, inner) => inner.clone(),
                        _ => Value::Nil,
                    },
                    _ => Value::Nil,
                })
            }
            ("(.error)", "Error") => {
                return match c.recv.as_ref() {
                    Some(Value::Error(e)) => Ok(Value::Str(e.message().into())),
                    _ => {
                        g.at(line);
                        return self.raise(g, "runtime error: invalid memory address or nil pointer dereference").await;
                    }
                };
            }
            ("fmt", "Errorf") => {
                let Some(Value::Str(format)) = c.args.first() else { return self.unsupported(c.pos, "this format") };
                let text = self
                    .sprintf(format, &c.arg_types[1..], &c.args[1..])
                    .ok_or_else(|| self.err_unsupported(c.pos, "this format"))?;
                let wrapped = wrapped_arg(format, &c.args[1..]);
                return Ok(Value::Error(Rc::new(match wrapped {
                    Some(inner) => GoError::Wrap(text, inner),
                    None => GoError::Text(text),
                })));
            }
            ("fmt", f @ ("Fprintln" | "Fprint" | "Fprintf")) => {
                let text = if f == "Fprintf" {
                    let Some(Value::Str(format)) = c.args.get(1) else {
                        return self.unsupported(c.pos, "this format");
                    };
                    self.sprintf(format, &c.arg_types[2..], &c.args[2..])
                } else {
                    self.sprint(f.ends_with("ln"), &c.arg_types[1..], &c.args[1..])
                };
                let text = text.ok_or_else(|| self.err_unsupported(c.pos, "printing this value"))?;
                let w = arg(0);
                let written = self.host.as_ref().is_some_and(|h| h.write(&w, &text));
                if !written {
                    return self.unsupported(c.pos, &format!("fmt.{f} to this writer"));
                }
                return Ok(Value::Tuple(Rc::new(vec![Value::Int(text.len() as i64), Value::Nil])));
            }
            ("log", f @ ("Fatal" | "Fatalln" | "Fatalf")) => {
                self.log_line(g, c, f)?;
                // log.Fatal is Print and os.Exit(1).
                g.at(line);
                g.exit(1).await;
                return Ok(Value::Nil);
            }
            ("log", "SetFlags") => {
                // The file name a program's log line could show is main.go's; a long
                // one would be the learner's own path, which a page cannot know.
                let Value::Int(flags) = arg(0) else { return self.unsupported(c.pos, "this call") };
                if flags & LOG_LONGFILE != 0 {
                    return self.unsupported(c.pos, "log.Llongfile");
                }
                self.log_flags.set(flags);
                return Ok(Value::Nil);
            }
            ("os", "Exit") => {
                let Value::Int(code) = arg(0) else { return self.unsupported(c.pos, "this call") };
                // The process ends here: no deferred call runs, other goroutines vanish.
                g.at(line);
                g.exit(code as i32).await;
                return Ok(Value::Nil);
            }
            ("time", "Tick") => {
                // time.Tick(d) is NewTicker(d).C, and nil for d <= 0.
                let Value::Int(ns) = arg(0) else { return self.unsupported(c.pos, "this call") };
                if ns <= 0 {
                    return Ok(Value::TimeChan(sim_runtime::Chan::nil()));
                }
                g.at(line);
                return Ok(Value::TimeChan(sim_runtime::Ticker::new(g, Duration(ns as u64)).c));
            }
            ("time", f @ ("NewTimer" | "NewTicker")) => {
                let Value::Int(ns) = arg(0) else { return self.unsupported(c.pos, "this call") };
                if f == "NewTicker" && ns <= 0 {
                    return self.raise(g, "non-positive interval for NewTicker").await;
                }
                g.at(line);
                let d = Duration(ns.max(0) as u64);
                return Ok(if f == "NewTimer" {
                    Value::Timer(Rc::new(sim_runtime::Timer::new(g, d)))
                } else {
                    Value::Ticker(Rc::new(sim_runtime::Ticker::new(g, d)))
                });
            }
            ("time", "AfterFunc") => {
                let Value::Int(ns) = arg(0) else { return self.unsupported(c.pos, "this call") };
                let Value::Func(clo) = arg(1) else {
                    return self.unsupported(c.pos, "time.AfterFunc of this function");
                };
                g.at(line);
                // Each time the timer fires, the runtime's `time.goFunc` starts a goroutine
                // that runs f (a real frame: f is called through a function value).
                let p = Rc::downgrade(&self.rc());
                let t = sim_runtime::Timer::after_func(g, Duration(ns.max(0) as u64), move |h| {
                    let Some(p) = p.upgrade() else { return };
                    let creator = sim_runtime::Loc { func: h.std().time_gofunc, line: sim_runtime::lines::TIME_GOFUNC };
                    let (clo, literal) = (clo.clone(), clo.code.captures.is_some());
                    h.go_from_runtime(creator, clo.outline, move |g| super::goroutine(g, p, clo, Vec::new(), literal));
                });
                return Ok(Value::Timer(Rc::new(t)));
            }
            ("(time.Timer)", m @ ("Stop" | "Reset")) => {
                let Some(Value::Timer(t)) = c.recv.as_ref() else {
                    return self.raise(g, "runtime error: invalid memory address or nil pointer dereference").await;
                };
                return Ok(Value::Bool(match (m, arg(0)) {
                    ("Stop", _) => t.stop(),
                    (_, Value::Int(ns)) => t.reset(Duration(ns.max(0) as u64)),
                    _ => return self.unsupported(c.pos, "this call"),
                }));
            }
            ("(time.Ticker)", m @ ("Stop" | "Reset")) => {
                let Some(Value::Ticker(t)) = c.recv.as_ref() else {
                    return self.raise(g, "runtime error: invalid memory address or nil pointer dereference").await;
                };
                match (m, arg(0)) {
                    ("Stop", _) => t.stop(),
                    (_, Value::Int(ns)) if ns > 0 => t.reset(Duration(ns as u64)),
                    (_, Value::Int(_)) => return self.raise(g, "non-positive interval for Ticker.Reset").await,
                    _ => return self.unsupported(c.pos, "this call"),
                }
                return Ok(Value::Nil);
            }
            ("strings", "Fields") => {
                let Value::Str(text) = arg(0) else { return self.unsupported(c.pos, "this call") };
                let words = text.split_whitespace().map(|w| Value::Str(w.into())).collect();
                return Ok(Value::Slice(SliceV::new(words)));
            }
            ("time", "Now") => return Ok(Value::Time(g.now())),
            ("time", "Since") => {
                let Value::Time(t) = arg(0) else { return self.unsupported(c.pos, "this call") };
                return Ok(Value::Int(g.now().0 as i64 - t.0 as i64));
            }
            ("(time.Time)", "Add") => {
                let (Some(Value::Time(t)), Value::Int(d)) = (c.recv.as_ref(), arg(0)) else {
                    return self.unsupported(c.pos, "this call");
                };
                return Ok(Value::Time(Time((t.0 as i64).saturating_add(d).max(0) as u64)));
            }
            ("(time.Time)", "Sub") => {
                let (Some(Value::Time(t)), Value::Time(u)) = (c.recv.as_ref(), arg(0)) else {
                    return self.unsupported(c.pos, "this call");
                };
                return Ok(Value::Int(t.0 as i64 - u.0 as i64));
            }
            ("time", "Until") => {
                let Value::Time(t) = arg(0) else { return self.unsupported(c.pos, "this call") };
                return Ok(Value::Int(t.0 as i64 - g.now().0 as i64));
            }
            // The zero Time is a struct (`time.Time{}`, a variable never set); every time
            // the program reads from the clock is after it.
            ("(time.Time)", "IsZero") => return Ok(Value::Bool(!matches!(c.recv, Some(Value::Time(_))))),
            ("(time.Time)", m @ ("After" | "Before" | "Equal" | "Compare")) => {
                let at = |v: Option<&Value>| match v {
                    Some(Value::Time(t)) => Some(t.0 as i128),
                    Some(Value::Struct(_)) => Some(-1),
                    _ => None,
                };
                let (Some(t), Some(u)) = (at(c.recv.as_ref()), at(Some(&arg(0)))) else {
                    return self.unsupported(c.pos, "this call");
                };
                return Ok(match m {
                    "After" => Value::Bool(t > u),
                    "Before" => Value::Bool(t < u),
                    "Equal" => Value::Bool(t == u),
                    _ => Value::Int(t.cmp(&u) as i64),
                });
            }
            _ => {}
        }
        if let Some(r) = self.std_float(g, c).await {
            return r;
        }
        if let Some(r) = self.std_text(g, c).await {
            return r;
        }
        if let Some(r) = self.std_sync(g, c).await {
            return r;
        }
        if let Some(r) = self.std_atomic(g, c).await {
            return r;
        }
        if let Some(r) = self.std_builtin(g, c).await {
            return r;
        }
        let Some(host) = self.host.clone() else {
            return self.unsupported(c.pos, &format!("{}.{}", c.callee.0, c.callee.1));
        };
        let it = Interp { prog: self.rc() };
        let call = HostCall { pkg: &c.callee.0, name: &c.callee.1, recv: c.recv.as_ref(), args: &c.args, line };
        let Some(fut) = host.call(&it, g, call) else {
            return self.unsupported(c.pos, &format!("{}.{}", pkg_name(&c.callee.0), c.callee.1));
        };
        fut.await.map_err(|msg| Diagnostic::new(c.pos, msg).into())
    }

    /// A package-level variable of the standard library: `context.Canceled`.
    pub(super) fn package_var(&self, path: &str, name: &str) -> Option<Value> {
        match (path, name) {
            ("context", "Canceled") => Some(Value::Error(Rc::new(GoError::Ctx(sim_runtime::CtxErr::Canceled)))),
            ("context", "DeadlineExceeded") => {
                Some(Value::Error(Rc::new(GoError::Ctx(sim_runtime::CtxErr::DeadlineExceeded))))
            }
            // One value, so that `err == io.EOF` finds it.
            ("io", "EOF") => Some(IO_EOF.with(|e| Value::Error(e.clone()))),
            // syscall.SIGINT and SIGKILL.
            ("os", "Interrupt") => Some(Value::Int(2)),
            ("os", "Kill") => Some(Value::Int(9)),
            _ => self.host.as_ref().and_then(|h| h.var(path, name)),
        }
    }
}

thread_local! {
    /// `io.EOF`.
    static IO_EOF: Rc<GoError> = Rc::new(GoError::Text("EOF".into()));
}

/// `syscall.Signal.String()` on linux/amd64: the name in `syscall`'s table, else `signal N`.
fn signal_string(n: i64) -> String {
    let name = match n {
        1 => "hangup",
        2 => "interrupt",
        3 => "quit",
        6 => "aborted",
        9 => "killed",
        10 => "user defined signal 1",
        12 => "user defined signal 2",
        13 => "broken pipe",
        14 => "alarm clock",
        15 => "terminated",
        _ => return format!("signal {n}"),
    };
    name.to_string()
}

/// `(net/http.ResponseWriter)` → `http.ResponseWriter`, `net/http` → `http`, as a
/// message names a callee.
fn pkg_name(callee: &str) -> String {
    match callee.strip_prefix('(').and_then(|c| c.strip_suffix(')')) {
        Some(t) => t.rsplit('/').next().unwrap_or(t).to_string(),
        None => callee.rsplit('/').next().unwrap_or(callee).to_string(),
    }
}

/// The argument `%w` formats in `format`, if any.
fn wrapped_arg(format: &str, args: &[Value]) -> Option<Value> {
    let mut n = 0;
    let mut chars = format.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '%' {
            continue;
        }
        while chars.next_if(|c| *c == '-' || c.is_ascii_digit()).is_some() {}
        match chars.next() {
            Some('%') | None => {}
            Some('w') => return args.get(n).cloned(),
            Some(_) => n += 1,
        }
    }
    None
}

/// `errors.Is(err, target)`: `err` or an error it wraps equals `target`.
pub(super) fn error_is(err: &Value, target: &Value) -> bool {
    let mut cur = err.clone();
    loop {
        if super::equal(&cur, target) {
            return true;
        }
        let next = match &cur {
            Value::Error(e) => match &**e {
                GoError::Wrap(_, inner) => inner.clone(),
                _ => return false,
            },
            _ => return false,
        };
        cur = next;
    }
}

/// `log`'s standard prefix for virtual instant `t`: `2024/01/01 00:00:05`.
/// `log.Llongfile`.
const LOG_LONGFILE: i64 = 8;

/// What `log` writes before a message with `flags` at virtual time `t`, from `line`
/// of main.go, as Go's `formatHeader`: `2024/01/01 00:00:00.000000 main.go:12: `.
fn log_header(flags: i64, t: Time, line: u32) -> String {
    let (date, time, micros, short) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0, flags & 16 != 0);
    // Written digit by digit: a lesson's writer logs a line per request.
    let mut out = String::with_capacity(48);
    let secs = (t.0 / 1_000_000_000) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    if date {
        let (y, m, d) = civil_from_days(LOG_EPOCH_DAYS + days);
        push_digits(&mut out, y.max(0) as u64, 4);
        out.push('/');
        push_digits(&mut out, m as u64, 2);
        out.push('/');
        push_digits(&mut out, d as u64, 2);
        out.push(' ');
    }
    if time || micros {
        push_digits(&mut out, (rem / 3600) as u64, 2);
        out.push(':');
        push_digits(&mut out, (rem % 3600 / 60) as u64, 2);
        out.push(':');
        push_digits(&mut out, (rem % 60) as u64, 2);
        if micros {
            out.push('.');
            push_digits(&mut out, t.0 % 1_000_000_000 / 1000, 6);
        }
        out.push(' ');
    }
    if short {
        out.push_str("main.go:");
        push_digits(&mut out, line as u64, 1);
        out.push_str(": ");
    }
    out
}

/// `n` in decimal, zero-padded to at least `width` digits (as `{n:0width$}`).
fn push_digits(out: &mut String, n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut n = n;
    while n > 0 || buf.len() - i < width.max(1) {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

#[cfg(test)]
fn log_stamp(t: Time) -> String {
    let secs = (t.0 / 1_000_000_000) as i64;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(LOG_EPOCH_DAYS + days);
    format!("{y:04}/{m:02}/{d:02} {:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// The proleptic Gregorian date of a count of days since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_headers_follow_the_flags() {
        let t = Time(3_723_000_456_789);
        assert_eq!(log_header(3, t, 7), "2024/01/01 01:02:03 ");
        assert_eq!(log_header(0, t, 7), "");
        assert_eq!(log_header(1, t, 7), "2024/01/01 ");
        assert_eq!(log_header(4 | 16, t, 7), "01:02:03.000456 main.go:7: ");
    }

    #[test]
    fn log_headers_are_the_formatted_stamps() {
        for t in [0, 59_999_999_999, 86_399_999_999_999, 31_622_400_000_000_123, 4_102_444_800_123_456_789] {
            let t = Time(t);
            let micros = format!(".{:06}", t.0 % 1_000_000_000 / 1000);
            assert_eq!(log_header(3, t, 0), format!("{} ", log_stamp(t)));
            assert_eq!(log_header(1 | 4 | 16, t, 12345), format!("{}{micros} main.go:12345: ", log_stamp(t)));
        }
    }

    #[test]
    fn log_stamps_count_from_2024() {
        assert_eq!(log_stamp(Time(0)), "2024/01/01 00:00:00");
        assert_eq!(log_stamp(Time(86_400_000_000_000 * 60 + 3_723_000_000_000)), "2024/03/01 01:02:03");
    }
}
