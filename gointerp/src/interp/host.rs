//! The extension point for native packages that live above the interpreter.
//!
//! `gointerp` runs the language and the packages that need nothing but `sim-runtime`
//! (`fmt`, `time`, `sync`, `context`, `errors`, `log`, `runtime`). A package whose Go
//! simulation lives in a crate above it — `net/http`, whose virtual server and clients
//! are `lessons::net` and `lessons::client` — is supplied by the host that runs the
//! program: it implements [`Host`], the interpreter hands it every call and field of a
//! package it does not run itself, and the host calls back into the program's own
//! functions (a handler) through [`Interp`]. The layering stays one-way: `gointerp`
//! knows the trait, never the host.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};

use sim_runtime::{FuncId, G};

use super::{Program, Value};

/// A future a host returns for a call.
pub type HostFuture<'a> = Pin<Box<dyn Future<Output = Result<Value, String>> + 'a>>;

/// A value the host made and the program passes around without looking inside
/// (`http.ResponseWriter`, `*http.Request`): `type_name` is its Go type as errors
/// and the interpreter name it (`*net/http.Request`). Shared as `Rc<HostValue>`.
pub struct HostValue {
    /// The Go type, package path qualified: `net/http.ResponseWriter`.
    pub type_name: &'static str,
    /// The host's own data.
    pub data: Box<dyn Any>,
}

/// One call of a package function or method that the interpreter leaves to the host.
pub struct HostCall<'a> {
    /// The package path (`net/http`), or for a method its receiver's type in
    /// parentheses as the checker resolved it (`(net/http.ResponseWriter)`).
    pub pkg: &'a str,
    /// The function or method name.
    pub name: &'a str,
    /// The receiver of a method call.
    pub recv: Option<&'a Value>,
    /// The arguments, evaluated.
    pub args: &'a [Value],
    /// The line of the call in the program.
    pub line: u32,
}

/// The packages a host supplies.
pub trait Host {
    /// Runs `call`, or `None` when the host does not supply it either (the program
    /// then stops with "Leak Lab cannot run … yet" at the call's line). An `Err` stops
    /// the program with that message at the call's line.
    fn call<'a>(&'a self, it: &'a Interp, g: &'a G, call: HostCall<'a>) -> Option<HostFuture<'a>>;

    /// A field of a host value (`r.RemoteAddr`), or `None`.
    fn field(&self, _recv: &Value, _name: &str) -> Option<Value> {
        None
    }

    /// A package-level variable of a package the host supplies (`http.ErrServerClosed`),
    /// or `None`. A sentinel error must be the same value every time, so that `==`
    /// and `errors.Is` find it.
    fn var(&self, _pkg: &str, _name: &str) -> Option<Value> {
        None
    }

    /// Writes `text` to a host value used as an `io.Writer` (`fmt.Fprintln(w, …)`);
    /// `false` when `w` is not one.
    fn write(&self, _w: &Value, _text: &str) -> bool {
        false
    }
}

/// Field `index` (in declaration order) of a struct value or of the struct a pointer
/// points to: how a host reads a standard library struct the program built with a
/// literal (`&http.Client{Timeout: d}`, `&http.Server{Addr: ":8080"}`). `None` for a
/// nil pointer or a value that is no struct.
pub fn struct_field(v: &Value, index: usize) -> Option<Value> {
    match v {
        Value::Struct(f) => f.borrow().get(index).map(super::copy_val),
        Value::Ptr(p) => struct_field(&p.borrow(), index),
        _ => None,
    }
}

/// The running program, as a host sees it: it can call the program's functions.
#[derive(Clone)]
pub struct Interp {
    pub(super) prog: Rc<Program>,
}

impl Interp {
    /// The runtime function of a function value (`main.leakyHandler`), or `None` for a
    /// value that is not one of the program's functions: the frame of a call through the
    /// value, which Go never inlines.
    pub fn func_id(&self, f: &Value) -> Option<FuncId> {
        match f {
            Value::Func(c) => Some(c.outline),
            _ => None,
        }
    }

    /// Runs the body of function `f` in `g` with `args`, its frame already entered by
    /// the caller (a host that pushes its own frames, then the handler's, as
    /// `net/http` calls `HandlerFunc.ServeHTTP` → the handler). A program error ends
    /// the run as [`super::Loaded::error`] reports; the goroutine then parks forever.
    pub fn run_entered(&self, g: G, f: Value, args: Vec<Value>) -> Pin<Box<dyn Future<Output = ()>>> {
        let p = self.prog.clone();
        Box::pin(async move {
            let Value::Func(clo) = f else { return };
            let line = clo.code.typ.pos.line;
            let r = p.call_closure(&g, &clo, args, line).await;
            if let Err(e) = r {
                p.end_goroutine(&g, e).await;
            }
        })
    }

    /// A reference that does not keep the program alive: for what the host keeps
    /// (a route's handler), which the program itself owns through the host.
    pub fn downgrade(&self) -> WeakInterp {
        WeakInterp(Rc::downgrade(&self.prog))
    }

    /// The program's standard error so far (what `log` printed).
    pub fn stderr(&self) -> String {
        self.prog.stderr.borrow().text()
    }
}

/// An [`Interp`] that does not keep the program alive.
#[derive(Clone)]
pub struct WeakInterp(Weak<Program>);

impl WeakInterp {
    /// The program, while it exists.
    pub fn upgrade(&self) -> Option<Interp> {
        self.0.upgrade().map(|prog| Interp { prog })
    }
}
