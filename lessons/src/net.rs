//! A virtual `net/http`: a server whose accept loop and connections are simulated
//! goroutines with net/http's own frames, request contexts canceled as net/http
//! cancels them, a `/debug/pprof/goroutine` endpoint, and virtual clients.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use sim_runtime::{
    lines, CancelFunc, Chan, Context, Duration, FuncId, Goid, Loc, Observer, SimHandle, Time, WaitReason, G,
};

use crate::stdlib::{at, Lib};

/// The garbage one HTTP/1.1 request leaves on a real `net/http` server, in bytes:
/// `MemStats.TotalAlloc` grew by 3.37–3.45 KB per request of the pprof lesson on
/// Go 1.24.4 (3.12–3.21 KB on 1.19.8), of which the 560 bytes of the leaked
/// sleeper stay live ([`crate::run::SERVER_HEAP`]); see `lessons/oracle/RESULTS-gc.md`.
pub const REQUEST_GARBAGE: u64 = 2_810;

/// A request as the handler sees it (`*http.Request`).
#[derive(Clone)]
pub struct Request {
    /// The client's request number, from 0.
    pub id: u64,
    /// `r.URL.Path`.
    pub path: &'static str,
    /// `r.URL.RawQuery`.
    pub query: String,
    /// `r.RemoteAddr`.
    pub remote_addr: String,
    ctx: Context,
}

impl Request {
    /// `r.Context()`: canceled when the handler returns or the client goes away.
    pub fn context(&self) -> Context {
        self.ctx.clone()
    }
}

/// What a handler wrote (`http.ResponseWriter`).
#[derive(Clone, Default)]
pub struct ResponseWriter {
    rec: Rc<RefCell<Written>>,
}

#[derive(Default)]
struct Written {
    status: Option<u16>,
    body: String,
}

impl ResponseWriter {
    /// `w.WriteHeader(status)`; only the first call counts, as in Go.
    pub fn write_header(&self, status: u16) {
        let mut r = self.rec.borrow_mut();
        if r.status.is_none() {
            r.status = Some(status);
        }
    }
    /// `w.Write(body)` (implies status 200 if none was written).
    pub fn write(&self, body: &str) {
        self.write_header(200);
        self.rec.borrow_mut().body.push_str(body);
    }
}

/// The future a handler returns.
pub type HandlerFuture = Pin<Box<dyn Future<Output = ()>>>;

/// A handler: the Go function it stands for and its simulation.
#[derive(Clone)]
pub struct Route {
    /// The path it serves.
    pub path: &'static str,
    /// The Go handler function (`main.leakyHandler`).
    pub func: FuncId,
    /// The simulation of its body.
    pub run: Rc<dyn Fn(G, ResponseWriter, Request) -> HandlerFuture>,
}

/// One request as the virtual client saw it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ClientRecord {
    /// The request number.
    pub id: u64,
    /// The path requested.
    pub path: &'static str,
    /// When it was sent.
    pub sent: Time,
    /// The status received, if a response came in time.
    pub status: Option<u16>,
    /// When the response arrived or the client gave up.
    pub done: Option<Time>,
    /// Whether the client gave up waiting.
    pub gave_up: bool,
    /// Whether the connection was refused (the server had shut down).
    pub refused: bool,
    /// The response body.
    pub body: String,
}

enum ConnEvent {
    /// The client closed its side of the connection.
    Eof,
    /// The server interrupts its own background read (`abortPendingRead`).
    Abort,
}

struct Conn {
    id: u64,
    path: &'static str,
    query: String,
    events: Chan<ConnEvent>,
    answered: Cell<bool>,
}

/// The virtual server and its clients.
pub struct Server {
    h: SimHandle,
    lib: Lib,
    listener: Chan<Rc<Conn>>,
    routes: RefCell<Vec<Route>>,
    /// Every request the virtual clients sent, in order.
    pub clients: RefCell<Vec<ClientRecord>>,
    accept_goid: Cell<Goid>,
    next_id: Cell<u64>,
}

fn poll_frames(h: &SimHandle) -> Vec<Loc> {
    let s = h.std();
    vec![
        Loc { func: s.poll_wait, line: lines::POLL_WAIT },
        Loc { func: s.netpollblock, line: lines::NETPOLLBLOCK },
        Loc { func: s.gopark, line: lines::GOPARK },
    ]
}

impl Server {
    /// A server with no routes yet.
    pub fn new(h: &SimHandle, lib: Lib) -> Rc<Server> {
        // The kernel's accept queue: connections wait there until accepted.
        let listener = Chan::hidden(h, "accept queue", 4096);
        Rc::new(Server {
            h: h.clone(),
            lib,
            listener,
            routes: RefCell::new(Vec::new()),
            clients: RefCell::new(Vec::new()),
            accept_goid: Cell::new(1),
            next_id: Cell::new(0),
        })
    }

    /// `http.HandleFunc(path, handler)`.
    pub fn handle(&self, route: Route) {
        self.routes.borrow_mut().push(route);
    }

    /// `http.ListenAndServe(":8080", nil)` called at `line` of the current function:
    /// runs the accept loop in `g` until the server shuts down.
    pub async fn listen_and_serve(self: Rc<Self>, g: &G, line: u32) {
        let lib = self.lib;
        g.enter(line, lib.listen_and_serve);
        g.enter(at::LISTEN_AND_SERVE, lib.server_listen_and_serve);
        self.clone().serve_loop(g, at::SERVER_LISTEN_AND_SERVE).await;
        g.leave().leave();
    }

    /// `srv.ListenAndServe()` on an `*http.Server` called at `line`.
    pub async fn server_listen_and_serve(self: Rc<Self>, g: &G, line: u32) {
        g.enter(line, self.lib.server_listen_and_serve);
        self.clone().serve_loop(g, at::SERVER_LISTEN_AND_SERVE).await;
        g.leave();
    }

    async fn serve_loop(self: Rc<Self>, g: &G, line: u32) {
        let lib = self.lib;
        self.accept_goid.set(g.id());
        g.enter(line, lib.server_serve);
        loop {
            let chain = [
                (at::SERVE_ACCEPT, lib.tcp_accept_exported),
                (at::TCP_ACCEPT_EXPORTED, lib.tcp_accept),
                (at::TCP_ACCEPT, lib.netfd_accept),
                (at::NETFD_ACCEPT, lib.fd_accept),
                (at::FD_ACCEPT, lib.wait_read),
                (at::WAIT_READ, lib.pd_wait),
            ];
            for (l, f) in chain {
                g.enter(l, f);
            }
            g.at(at::PD_WAIT);
            let conn = self.listener.recv_as(g, WaitReason::IoWait, poll_frames(&self.h)).await;
            for _ in chain {
                g.leave();
            }
            let Some(conn) = conn else { break };
            let server = self.clone();
            g.go_via(at::SERVE_GO, lib.serve_gowrap, lib.conn_serve, move |g| async move {
                server.serve_conn(&g, conn).await;
            });
        }
        g.leave();
    }

    /// `srv.Shutdown(ctx)`: stops accepting; connections in the accept queue are refused.
    pub fn shutdown(&self, g: &G) {
        if !self.listener.is_closed() {
            self.listener.close(g);
        }
    }

    async fn serve_conn(self: Rc<Self>, g: &G, conn: Rc<Conn>) {
        let lib = self.lib;
        // Reading and answering a request allocates; nearly all of it is garbage
        // by the time the next collection looks.
        g.alloc(REQUEST_GARBAGE);
        let (conn_ctx, conn_cancel) = Context::background().with_cancel(g);
        let (req_ctx, req_cancel) = conn_ctx.with_cancel(g);
        // net/http reads on in the background while the handler runs, to notice
        // the client going away (server.go: startBackgroundRead).
        g.enter(2089, lib.start_background_read);
        let events = conn.events.clone();
        let cancel = conn_cancel.clone();
        g.go_via(at::START_BACKGROUND_READ, lib.background_read_gowrap, lib.background_read, move |g| async move {
            background_read(&g, lib, events, cancel).await;
        });
        g.leave();
        let route = self.routes.borrow().iter().find(|r| r.path == conn.path).cloned();
        let w = ResponseWriter::default();
        let r = Request {
            id: conn.id,
            path: conn.path,
            query: conn.query.clone(),
            remote_addr: format!("10.0.{}.{}:{}", (conn.id / 250) % 250, conn.id % 250 + 1, 40000 + conn.id % 20000),
            ctx: req_ctx,
        };
        g.enter(at::CONN_SERVE, lib.server_handler);
        g.enter(at::SERVER_HANDLER, lib.mux_serve);
        match route {
            Some(route) => {
                g.enter(at::MUX_SERVE, lib.handler_func);
                g.enter(at::HANDLER_FUNC, route.func);
                (route.run)(g.clone(), w.clone(), r).await;
                g.leave().leave();
            }
            None => {
                w.write_header(404);
                w.write("404 page not found\n");
            }
        }
        g.leave().leave();
        // w.cancelCtx(): the request context ends the moment the handler returns.
        req_cancel.cancel();
        // finishRequest → abortPendingRead: stop the background read.
        let _ = conn.events.offer(&self.h, ConnEvent::Abort);
        self.answer(&conn, &w);
        conn_cancel.cancel();
    }

    fn answer(&self, conn: &Conn, w: &ResponseWriter) {
        let mut clients = self.clients.borrow_mut();
        let rec = &mut clients[conn.id as usize];
        conn.answered.set(true);
        if rec.gave_up {
            return;
        }
        let written = w.rec.borrow();
        rec.status = Some(written.status.unwrap_or(200));
        rec.body = written.body.clone();
        rec.done = Some(self.h.now());
    }

    /// A virtual client sends `GET path?query` now, giving up after `give_up`.
    pub fn request(self: &Rc<Self>, path: &'static str, query: &str, give_up: Option<Duration>) {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let now = self.h.now();
        self.clients.borrow_mut().push(ClientRecord {
            id,
            path,
            sent: now,
            status: None,
            done: None,
            gave_up: false,
            refused: false,
            body: String::new(),
        });
        let conn = Rc::new(Conn {
            id,
            path,
            query: query.to_string(),
            events: Chan::hidden(&self.h, "conn", 2),
            answered: Cell::new(false),
        });
        if self.listener.offer(&self.h, conn.clone()).is_err() {
            let mut clients = self.clients.borrow_mut();
            clients[id as usize].refused = true;
            clients[id as usize].done = Some(now);
            return;
        }
        if let Some(d) = give_up {
            let server = self.clone();
            self.h.call_at(now.after(d), move || {
                if conn.answered.get() {
                    return;
                }
                {
                    let mut clients = server.clients.borrow_mut();
                    clients[id as usize].gave_up = true;
                    clients[id as usize].done = Some(server.h.now());
                }
                // The client closes the connection; the server's background read sees EOF.
                let _ = conn.events.offer(&server.h, ConnEvent::Eof);
            });
        }
    }

    /// The goroutine serving Go 1.26's `/debug/pprof/goroutineleak?debug=2`
    /// (pprof's `writeGoroutineLeak`, which runs a leak-finding collection and
    /// then prints every goroutine), and its connection's background read.
    pub fn leak_observer(&self) -> Observer {
        let lib = self.lib;
        let mut obs = self.pprof_observer(2);
        obs.stack.truncate(4);
        obs.stack.extend([
            Loc { func: lib.pprof_index, line: at::LEAK_PPROF_INDEX },
            Loc { func: lib.pprof_handler, line: at::LEAK_PPROF_HANDLER },
            Loc { func: lib.profile_write_to, line: at::LEAK_PROFILE_WRITE_TO },
            Loc { func: lib.write_goroutine_leak, line: at::WRITE_GOROUTINE_LEAK_DEBUG2 },
            Loc { func: lib.write_goroutine_stacks, line: at::LEAK_WRITE_GOROUTINE_STACKS },
        ]);
        obs.word = "goroutineleak".len() as u64;
        obs
    }

    /// The goroutine that serves `/debug/pprof/goroutine?debug=N` at this instant,
    /// for [`sim_runtime::Sim::dump_observed`].
    pub fn pprof_observer(&self, debug: u8) -> Observer {
        let lib = self.lib;
        let mut stack = vec![
            Loc { func: lib.conn_serve, line: at::CONN_SERVE },
            Loc { func: lib.server_handler, line: at::SERVER_HANDLER },
            Loc { func: lib.mux_serve, line: at::MUX_SERVE },
            Loc { func: lib.handler_func, line: at::HANDLER_FUNC },
            Loc { func: lib.pprof_index, line: at::PPROF_INDEX },
            Loc { func: lib.pprof_handler, line: at::PPROF_HANDLER },
            Loc { func: lib.profile_write_to, line: at::PROFILE_WRITE_TO },
        ];
        if debug >= 2 {
            stack.push(Loc { func: lib.write_goroutine, line: at::WRITE_GOROUTINE_DEBUG2 });
            stack.push(Loc { func: lib.write_goroutine_stacks, line: at::WRITE_GOROUTINE_STACKS });
        } else {
            stack.push(Loc { func: lib.write_goroutine, line: at::WRITE_GOROUTINE_DEBUG1 });
            stack.push(Loc { func: lib.write_runtime_profile, line: at::WRITE_RUNTIME_PROFILE });
            stack.push(Loc { func: lib.goroutine_profile_labels, line: at::GOROUTINE_PROFILE_LABELS });
            stack.push(Loc { func: lib.goroutine_profile_concurrent, line: at::GOROUTINE_PROFILE_CONCURRENT });
        }
        Observer {
            stack,
            created_by: Some((Loc { func: lib.server_serve, line: at::SERVE_GO }, self.accept_goid.get())),
            unstarted_child: Some((
                lib.background_read_gowrap,
                lib.background_read,
                Loc { func: lib.start_background_read, line: at::START_BACKGROUND_READ },
            )),
            word: "goroutine".len() as u64,
        }
    }
}

async fn background_read(g: &G, lib: Lib, events: Chan<ConnEvent>, conn_cancel: CancelFunc) {
    let chain = [
        (at::BACKGROUND_READ, lib.net_conn_read),
        (at::NET_CONN_READ, lib.netfd_read),
        (at::NETFD_READ, lib.fd_read),
        (at::FD_READ, lib.wait_read),
        (at::WAIT_READ, lib.pd_wait),
    ];
    for (l, f) in chain {
        g.enter(l, f);
    }
    g.at(at::PD_WAIT);
    let ev = events.recv_as(g, WaitReason::IoWait, poll_frames(&g.sim())).await;
    for _ in chain {
        g.leave();
    }
    if let Some(ConnEvent::Eof) = ev {
        // handleReadError: the client is gone, so the connection's context (the
        // request context's parent) is canceled.
        conn_cancel.cancel();
    }
}
