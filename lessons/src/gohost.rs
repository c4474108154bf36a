//! `net/http` for interpreted programs: the virtual server of [`crate::net`] supplied
//! to `gointerp` through its [`Host`] extension point, so that a listing run by the
//! interpreter is served by exactly the accept loop, connection goroutines, request
//! contexts and clients the hand-written simulations use.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use gointerp::interp::{
    bytes_of, bytes_value, struct_field, GoError, Host, HostCall, HostFuture, HostValue, Interp, Value,
};
use sim_runtime::{
    Chan, Context, Duration, FuncId, FuncSpec, Loc, Rng, Select, SimHandle, Time, Timer, WaitGroup, WaitReason, G,
    GOROOT_SRC,
};

use crate::client::{Transport, UPSTREAM_HOST};
use crate::net::{Request, ResponseWriter, Route, Server};
use crate::stdlib::Lib;

/// `select` in `(*Server).Shutdown`, Go 1.24.4 (`net/http/server.go`).
const SHUTDOWN_SELECT: u32 = 3169;
/// `s.listenerGroup.Wait()` in `(*Server).Shutdown`, Go 1.24.4.
const SHUTDOWN_LISTENERS: u32 = 3149;
/// `shutdownPollIntervalMax` in `net/http/server.go`.
const SHUTDOWN_POLL_MAX: Duration = Duration::from_millis(500);
/// SIGINT, the only signal the virtual process receives (Ctrl+C).
const SIGINT: i64 = 2;

/// `os/signal`'s functions and the runtime frames under its goroutine, as Go 1.24.4
/// prints them.
struct SignalFuncs {
    notify: FuncId,
    notify_once: FuncId,
    signal_loop: FuncId,
    signal_recv: FuncId,
    notetsleepg: FuncId,
}

impl SignalFuncs {
    fn register(h: &SimHandle) -> SignalFuncs {
        let f = |name: &str, file: &str, decl: u32| h.func(FuncSpec::new(name, format!("{GOROOT_SRC}{file}"), decl));
        SignalFuncs {
            notify: h.func(
                FuncSpec::new("os/signal.Notify", format!("{GOROOT_SRC}os/signal/signal.go"), 122)
                    .args("P, {P, 0x1, 0x1}"),
            ),
            notify_once: f("os/signal.Notify.func1.1", "os/signal/signal.go", 151),
            signal_loop: f("os/signal.loop", "os/signal/signal_unix.go", 21),
            signal_recv: f("os/signal.signal_recv", "runtime/sigqueue.go", 130),
            notetsleepg: f("runtime.notetsleepg", "runtime/lock_futex.go", 117),
        }
    }
}

const WRITER: &str = "net/http.ResponseWriter";
const REQUEST: &str = "*net/http.Request";
const URL: &str = "*net/url.URL";
const VALUES: &str = "net/url.Values";
const RESPONSE: &str = "*net/http.Response";
const BODY: &str = "io.ReadCloser";

/// A request the program made to send (`http.NewRequest`): a `*http.Request` too.
struct OutRequest {
    method: String,
    url: String,
    ctx: Option<Context>,
}

/// What `client.Do` returned (`*http.Response`).
struct Response {
    status: u16,
    body: Value,
}

/// `resp.Body`: read once, then empty; closed, it cannot be read.
struct Body {
    text: RefCell<Option<String>>,
    closed: std::cell::Cell<bool>,
}

/// Where a URL's request goes: the scheme and `host:port` (the port defaulted from
/// the scheme), or why the request cannot be made.
fn url_target(url: &str) -> Result<(&str, String, String), String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(String::new());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => (h.to_string(), p.to_string()),
        _ => (authority.to_string(), if scheme == "https" { "443" } else { "80" }.to_string()),
    };
    Ok((scheme, host, port))
}

/// `*url.Error`'s `Op`: `GET` → `Get`.
fn url_op(method: &str) -> String {
    let lower = method.to_ascii_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn tuple(vs: Vec<Value>) -> Value {
    Value::Tuple(Rc::new(vs))
}

fn error(text: String) -> Value {
    Value::Error(Rc::new(GoError::Text(text)))
}

/// `r.URL`: the path and the raw query.
struct Url {
    path: &'static str,
    query: String,
}

fn host<'a, T: 'static>(v: Option<&'a Value>, type_name: &str) -> Option<&'a T> {
    match v {
        Some(Value::Host(h)) if h.type_name == type_name => h.data.downcast_ref(),
        _ => None,
    }
}

/// `url.ParseQuery`'s pairs, in order (a malformed escape keeps its text).
fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(h), Some(l)) => {
                out.push(h * 16 + l);
                i += 2;
            }
            (c, _, _) => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The packages of a Go web server that `gointerp` leaves to its host.
pub struct HttpHost {
    h: SimHandle,
    lib: Lib,
    server: Rc<Server>,
    transport: Rc<Transport>,
    /// `http.ErrServerClosed`: one value, so that `err != http.ErrServerClosed` works.
    server_closed: Value,
    /// Handlers running now: what `Shutdown` waits for.
    active: Rc<Cell<usize>>,
    /// The server's `listenerGroup`: `Shutdown` waits until `Serve` has returned.
    listeners: OnceCell<WaitGroup>,
    /// The kernel's signal delivery, which `os/signal`'s goroutine waits on.
    signals: OnceCell<Chan<i64>>,
    /// The channels `signal.Notify` registered.
    notified: Rc<RefCell<Vec<Chan<Value>>>>,
    signal_funcs: OnceCell<SignalFuncs>,
    /// `Shutdown`'s poll interval jitter.
    jitter: RefCell<Rng>,
}

impl HttpHost {
    /// The host serving on `server`, whose clients reach the upstream through
    /// `transport`; the process receives an interrupt (Ctrl+C) at `interrupt_at`.
    pub fn new(
        h: &SimHandle,
        lib: Lib,
        server: Rc<Server>,
        transport: Rc<Transport>,
        interrupt_at: Option<Duration>,
    ) -> HttpHost {
        let host = HttpHost {
            h: h.clone(),
            lib,
            server,
            transport,
            server_closed: error("http: Server closed".into()),
            active: Rc::default(),
            listeners: OnceCell::new(),
            signals: OnceCell::new(),
            notified: Rc::default(),
            signal_funcs: OnceCell::new(),
            jitter: RefCell::new(h.rng("shutdown")),
        };
        if let Some(at) = interrupt_at {
            // Made now, as the hand-written simulation makes them before main runs.
            host.listeners();
            let signals = host.signals().clone();
            let h2 = h.clone();
            h.call_at(Time(at.0), move || {
                let _ = signals.offer(&h2, SIGINT);
            });
        }
        host
    }

    fn listeners(&self) -> &WaitGroup {
        self.listeners.get_or_init(|| WaitGroup::new(&self.h))
    }

    fn signals(&self) -> &Chan<i64> {
        self.signals.get_or_init(|| Chan::hidden(&self.h, "signals", 8))
    }

    /// `signal.Notify(c, sigs...)` at `line`: the first call starts `os/signal.loop`,
    /// which waits for the kernel's signals and hands each to every registered channel.
    fn notify(&self, g: &G, line: u32, c: &Chan<Value>) {
        let funcs = self.signal_funcs.get_or_init(|| SignalFuncs::register(&self.h));
        let first = self.notified.borrow().is_empty();
        self.notified.borrow_mut().push(c.clone());
        g.enter(line, funcs.notify).enter(151, funcs.notify_once);
        if first {
            let (signals, notified) = (self.signals().clone(), self.notified.clone());
            let frames = vec![Loc { func: funcs.signal_recv, line: 152 }, Loc { func: funcs.notetsleepg, line: 123 }];
            g.go(152, funcs.signal_loop, move |g| async move {
                // os/signal keeps the channels in its handler table.
                for c in notified.borrow().iter() {
                    if let Some(id) = c.id() {
                        g.hold(id);
                    }
                }
                loop {
                    g.at(23);
                    let Some(sig) = signals.recv_as(&g, WaitReason::Syscall, frames.clone()).await else { return };
                    // process(sig): a send that never blocks.
                    for c in notified.borrow().iter() {
                        let _ = c.try_send(&g, Value::Int(sig));
                    }
                }
            });
        }
        g.leave().leave();
    }

    /// `srv.Shutdown(ctx)` at `line`: closes the listener, waits for `Serve` to
    /// return, then polls for idle connections as Go 1.24's does (1 ms plus up to
    /// 10 % jitter, doubling up to 500 ms, in a `select` at server.go:3169).
    async fn shutdown(&self, g: &G, line: u32) {
        g.enter(line, self.lib.server_shutdown);
        self.server.shutdown(g);
        g.at(SHUTDOWN_LISTENERS);
        self.listeners().wait(g).await;
        let mut base = Duration::from_millis(1);
        let mut next_interval = || {
            let d = Duration(base.0 + self.jitter.borrow_mut().below(base.0 / 10));
            base = Duration((base.0 * 2).min(SHUTDOWN_POLL_MAX.0));
            d
        };
        let timer = Timer::new(g, next_interval());
        while self.active.get() > 0 {
            g.at(SHUTDOWN_SELECT);
            let background = Context::background();
            let mut s = Select::new();
            let _done = s.recv(&background.done());
            let _tick = s.recv(&timer.c);
            s.wait(g).await;
            timer.reset(next_interval());
        }
        timer.stop();
        g.leave();
    }

    /// `http.NewRequest(method, url, nil)`, with `ctx` for `NewRequestWithContext`.
    fn new_request(&self, method: &Value, url: &Value, ctx: Option<Context>) -> Option<Value> {
        let (Value::Str(method), Value::Str(url)) = (method, url) else { return None };
        if url.starts_with(':') {
            return Some(tuple(vec![Value::Nil, error(format!("parse \"{url}\": missing protocol scheme"))]));
        }
        let req = OutRequest {
            method: if method.is_empty() { "GET".into() } else { method.to_string() },
            url: url.to_string(),
            ctx,
        };
        Some(tuple(vec![Value::Host(Rc::new(HostValue { type_name: REQUEST, data: Box::new(req) })), Value::Nil]))
    }

    /// `client.Do(req)` at `line`: the upstream answers (or does not); any other host
    /// is not there.
    fn client_do<'a>(&'a self, g: &'a G, line: u32, client: Option<&Value>, req: &OutRequest) -> HostFuture<'a> {
        // type Client struct { Transport RoundTripper; Timeout time.Duration }
        let timeout = match client.and_then(|c| struct_field(c, 1)) {
            Some(Value::Int(ns)) if ns > 0 => Some(Duration(ns as u64)),
            _ => None,
        };
        let (op, url, ctx) = (url_op(&req.method), req.url.clone(), req.ctx.clone());
        let transport = self.transport.clone();
        Box::pin(async move {
            let refused = |why: String| Ok(tuple(vec![Value::Nil, error(format!("{op} \"{url}\": {why}"))]));
            let (scheme, host, port) = match url_target(&url) {
                Ok(t) => t,
                Err(_) => {
                    let scheme = url.split_once(':').map_or("", |(s, _)| s);
                    return refused(format!("unsupported protocol scheme \"{scheme}\""));
                }
            };
            if scheme != "http" && scheme != "https" {
                return refused(format!("unsupported protocol scheme \"{scheme}\""));
            }
            if host != UPSTREAM_HOST {
                // The virtual network has one other machine: the upstream.
                let is_ip = host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[');
                return refused(match host.as_str() {
                    "localhost" => format!("dial tcp 127.0.0.1:{port}: connect: connection refused"),
                    _ if is_ip => format!("dial tcp {host}:{port}: connect: connection refused"),
                    _ => format!("dial tcp: lookup {host}: no such host"),
                });
            }
            match transport.do_request_to(g, line, &op, &url, ctx, timeout).await {
                Ok((status, body)) => {
                    let body = Value::Host(Rc::new(HostValue {
                        type_name: BODY,
                        data: Box::new(Body { text: RefCell::new(Some(body)), closed: Default::default() }),
                    }));
                    let resp = Response { status, body };
                    Ok(tuple(vec![
                        Value::Host(Rc::new(HostValue { type_name: RESPONSE, data: Box::new(resp) })),
                        Value::Nil,
                    ]))
                }
                Err((text, Some(e))) => {
                    let inner = Value::Error(Rc::new(GoError::Ctx(e)));
                    Ok(tuple(vec![Value::Nil, Value::Error(Rc::new(GoError::Wrap(text, inner)))]))
                }
                Err((text, None)) => Ok(tuple(vec![Value::Nil, error(text)])),
            }
        })
    }
}

/// The status line's text of a status code, as `resp.Status` prints it.
fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

fn writer(v: Option<&Value>) -> Option<&ResponseWriter> {
    match v {
        Some(Value::Host(h)) if h.type_name == WRITER => h.data.downcast_ref(),
        _ => None,
    }
}

fn request(v: Option<&Value>) -> Option<&Request> {
    match v {
        Some(Value::Host(h)) if h.type_name == REQUEST => h.data.downcast_ref(),
        _ => None,
    }
}

fn done<'a>(v: Value) -> Option<HostFuture<'a>> {
    Some(Box::pin(async move { Ok(v) }))
}

impl Host for HttpHost {
    fn call<'a>(&'a self, it: &'a Interp, g: &'a G, c: HostCall<'a>) -> Option<HostFuture<'a>> {
        match (c.pkg, c.name) {
            ("net/http", "HandleFunc") => {
                let (Some(Value::Str(path)), Some(f)) = (c.args.first(), c.args.get(1)) else { return None };
                let func = it.func_id(f)?;
                // Bounded by the program's HandleFunc calls.
                let path: &'static str = Box::leak(path.to_string().into_boxed_str());
                let (weak, f, active) = (it.downgrade(), f.clone(), self.active.clone());
                self.server.handle(Route {
                    path,
                    func,
                    run: Rc::new(move |g, w, r| {
                        let args = vec![
                            Value::Host(Rc::new(HostValue { type_name: WRITER, data: Box::new(w) })),
                            Value::Host(Rc::new(HostValue { type_name: REQUEST, data: Box::new(r) })),
                        ];
                        let Some(it) = weak.upgrade() else { return Box::pin(async {}) };
                        let body = it.run_entered(g, f.clone(), args);
                        let active = active.clone();
                        Box::pin(async move {
                            active.set(active.get() + 1);
                            body.await;
                            active.set(active.get() - 1);
                        })
                    }),
                });
                done(Value::Nil)
            }
            ("net/http", "ListenAndServe") => {
                let server = self.server.clone();
                let closed = self.server_closed.clone();
                Some(Box::pin(async move {
                    server.listen_and_serve(g, c.line).await;
                    Ok(closed)
                }))
            }
            ("(net/http.Server)", "ListenAndServe") => {
                let (server, listeners, closed) =
                    (self.server.clone(), self.listeners().clone(), self.server_closed.clone());
                Some(Box::pin(async move {
                    // Serve registers its listener (trackListener) for Shutdown to wait on.
                    listeners.add(g, 1);
                    server.server_listen_and_serve(g, c.line).await;
                    listeners.done(g);
                    Ok(closed)
                }))
            }
            ("(net/http.Server)", "Shutdown") => Some(Box::pin(async move {
                self.shutdown(g, c.line).await;
                Ok(Value::Nil)
            })),
            ("os/signal", "Notify") => {
                let Some(Value::Chan(ch)) = c.args.first() else { return None };
                if ch.id().is_none() {
                    return Some(Box::pin(async { Err("panic: os/signal: Notify using nil channel".to_string()) }));
                }
                self.notify(g, c.line, ch);
                done(Value::Nil)
            }
            ("net/http", "NewRequest") => {
                let v = self.new_request(c.args.first()?, c.args.get(1)?, None)?;
                done(v)
            }
            ("net/http", "NewRequestWithContext") => {
                let ctx = match c.args.first() {
                    Some(Value::Ctx(ctx)) => ctx.clone(),
                    _ => return done(tuple(vec![Value::Nil, error("net/http: nil Context".into())])),
                };
                let v = self.new_request(c.args.get(1)?, c.args.get(2)?, Some(ctx))?;
                done(v)
            }
            ("(net/http.Client)", "Do") => {
                let req: &OutRequest = host(c.args.first(), REQUEST)?;
                Some(self.client_do(g, c.line, c.recv, req))
            }
            ("(net/http.Client)", "Get") | ("net/http", "Get") => {
                let Value::Str(u) = c.args.first()? else { return None };
                let req = OutRequest { method: "GET".into(), url: u.to_string(), ctx: None };
                Some(self.client_do(g, c.line, c.recv, &req))
            }
            ("(io.ReadCloser)" | "(io.Closer)", "Close") => {
                let b: &Body = host(c.recv, BODY)?;
                b.closed.set(true);
                done(Value::Nil)
            }
            ("io", "ReadAll") => {
                let b: &Body = host(c.args.first(), BODY)?;
                if b.closed.get() {
                    return done(tuple(vec![bytes_value(b""), error("http: read on closed response body".into())]));
                }
                let text = b.text.borrow_mut().take().unwrap_or_default();
                done(tuple(vec![bytes_value(text.as_bytes()), Value::Nil]))
            }
            ("net/http", "Error") => {
                let (Some(w), Some(Value::Str(msg)), Some(Value::Int(code))) =
                    (writer(c.args.first()), c.args.get(1), c.args.get(2))
                else {
                    return None;
                };
                w.write_header(u16::try_from(*code).unwrap_or(500));
                w.write(&format!("{msg}\n"));
                done(Value::Nil)
            }
            ("(net/http.ResponseWriter)", "WriteHeader") => {
                let (Some(w), Some(Value::Int(code))) = (writer(c.recv), c.args.first()) else { return None };
                w.write_header(u16::try_from(*code).unwrap_or(500));
                done(Value::Nil)
            }
            ("(net/http.ResponseWriter)", "Write") => {
                let (Some(w), Some(body)) = (writer(c.recv), c.args.first().and_then(bytes_of)) else { return None };
                let body = String::from_utf8_lossy(&body);
                w.write(&body);
                done(Value::Tuple(Rc::new(vec![Value::Int(body.len() as i64), Value::Nil])))
            }
            ("(net/http.Request)", "Context") => match request(c.recv) {
                Some(r) => done(Value::Ctx(r.context())),
                None => {
                    let r: &OutRequest = host(c.recv, REQUEST)?;
                    done(Value::Ctx(r.ctx.clone().unwrap_or_default()))
                }
            },
            ("(net/url.URL)", "Query") => {
                let u: &Url = host(c.recv, URL)?;
                done(Value::Host(Rc::new(HostValue { type_name: VALUES, data: Box::new(parse_query(&u.query)) })))
            }
            ("(net/url.Values)", m @ ("Get" | "Has")) => {
                let pairs: &Vec<(String, String)> = host(c.recv, VALUES)?;
                let Some(Value::Str(key)) = c.args.first() else { return None };
                let found = pairs.iter().find(|(k, _)| k.as_str() == &**key);
                done(match m {
                    "Get" => Value::Str(found.map_or("", |(_, v)| v.as_str()).into()),
                    _ => Value::Bool(found.is_some()),
                })
            }
            _ => None,
        }
    }

    fn var(&self, pkg: &str, name: &str) -> Option<Value> {
        match (pkg, name) {
            ("net/http", "ErrServerClosed") => Some(self.server_closed.clone()),
            // &http.Client{}: type Client struct { Transport RoundTripper; Timeout time.Duration }
            ("net/http", "DefaultClient") => {
                Some(Value::Ptr(Rc::new(RefCell::new(Value::Struct(Rc::new(RefCell::new(vec![
                    Value::Nil,
                    Value::Int(0),
                ])))))))
            }
            _ => None,
        }
    }

    fn field(&self, recv: &Value, name: &str) -> Option<Value> {
        if let Some(resp) = host::<Response>(Some(recv), RESPONSE) {
            return match name {
                "StatusCode" => Some(Value::Int(resp.status.into())),
                "Status" => Some(Value::Str(format!("{} {}", resp.status, status_text(resp.status)).into())),
                "Body" => Some(resp.body.clone()),
                _ => None,
            };
        }
        if let Some(u) = host::<Url>(Some(recv), URL) {
            return match name {
                "Path" => Some(Value::Str(u.path.into())),
                "RawQuery" => Some(Value::Str(u.query.as_str().into())),
                _ => None,
            };
        }
        let r = request(Some(recv))?;
        match name {
            "URL" => Some(Value::Host(Rc::new(HostValue {
                type_name: URL,
                data: Box::new(Url { path: r.path, query: r.query.clone() }),
            }))),
            "RemoteAddr" => Some(Value::Str(r.remote_addr.as_str().into())),
            "Method" => Some(Value::Str("GET".into())),
            "RequestURI" if r.query.is_empty() => Some(Value::Str(r.path.into())),
            "RequestURI" => Some(Value::Str(format!("{}?{}", r.path, r.query).into())),
            _ => None,
        }
    }

    fn write(&self, w: &Value, text: &str) -> bool {
        match writer(Some(w)) {
            Some(w) => {
                w.write(text);
                true
            }
            None => false,
        }
    }
}
