//! A virtual `http.Client` and `http.Transport` talking to a virtual upstream.
//!
//! Modelled on net/http in Go 1.24: each connection has a `readLoop` goroutine
//! (parked in `IO wait` while it waits for response bytes) and a `writeLoop`
//! goroutine (parked in `select`), created by `dialConn` in a short-lived dial
//! goroutine; the caller waits in `select` inside `persistConn.roundTrip`. With a
//! context, that select also watches `ctx.Done()`: when the context ends, the
//! connection is closed and `client.Do` returns `context deadline exceeded`.
//! Without a context and without `Client.Timeout`, nothing ends the wait while the
//! upstream hangs. `Client.Timeout` works as a deadline on the request's context,
//! as it does for the standard transport. Up to two idle connections are kept for
//! reuse (`DefaultMaxIdleConnsPerHost`) and closed after 90 s idle.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use sim_runtime::{lines, Chan, Context, Duration, Loc, Select, SimHandle, Time, WaitReason, G};

use crate::stdlib::{at, Lib};

/// How the third-party API behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upstream {
    /// Accepts connections but never answers.
    Hang,
    /// Answers after `latency` plus a uniformly random extra of up to `jitter`, with
    /// HTTP status `status`.
    Answers {
        /// The fixed part of the latency.
        latency: Duration,
        /// The largest random extra.
        jitter: Duration,
        /// The status code of every answer.
        status: u16,
    },
}

impl Upstream {
    /// The upstream a lesson's knobs describe (`upstream`, `upstream_jitter`,
    /// `upstream_status`); one that hangs when the lesson has no such knobs.
    pub fn from_knobs(knobs: &crate::Knobs) -> Upstream {
        let get = |name: &str| knobs.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
        match get("upstream") {
            Some(crate::KnobValue::Dur(latency)) => Upstream::Answers {
                latency,
                jitter: match get("upstream_jitter") {
                    Some(crate::KnobValue::Dur(d)) => d,
                    _ => Duration(0),
                },
                status: match get("upstream_status") {
                    Some(crate::KnobValue::Int(n)) => u16::try_from(n).unwrap_or(200),
                    _ => 200,
                },
            },
            _ => Upstream::Hang,
        }
    }
}

/// The upstream's host: the only one the virtual network has.
pub const UPSTREAM_HOST: &str = "slow-upstream.internal";

/// The URL every lesson calls.
pub const UPSTREAM_URL: &str = "http://slow-upstream.internal/data";

const MAX_IDLE_PER_HOST: usize = 2;
const IDLE_CONN_TIMEOUT: Duration = Duration::from_secs(90);

enum ReadEvent {
    Response(u16, String),
    Closed,
}

struct PConn {
    /// `pc.writech`: the request handed to writeLoop.
    writech: Chan<()>,
    /// `pc.closech`: closed when the connection dies.
    closech: Chan<()>,
    /// Bytes (or EOF) arriving from the upstream, for readLoop.
    net: Chan<ReadEvent>,
    /// `rc.ch`: the response (status, body) readLoop hands to roundTrip.
    resc: Chan<(u16, String)>,
    alive: Cell<bool>,
    idle_since: Cell<Option<Time>>,
}

impl PConn {
    fn hold_all(&self, g: &G) {
        for id in [self.writech.id(), self.closech.id(), self.resc.id(), self.net.id()].into_iter().flatten() {
            g.hold(id);
        }
    }
}

/// `http.DefaultTransport`, shared by every client in the process.
pub struct Transport {
    h: SimHandle,
    lib: Lib,
    upstream: Upstream,
    idle: RefCell<Vec<Rc<PConn>>>,
    /// The upstream's own random stream, so that its jitter never shifts the load's arrivals.
    rng: RefCell<sim_runtime::Rng>,
}

fn poll_frames(h: &SimHandle) -> Vec<Loc> {
    let s = h.std();
    vec![
        Loc { func: s.poll_wait, line: lines::POLL_WAIT },
        Loc { func: s.netpollblock, line: lines::NETPOLLBLOCK },
        Loc { func: s.gopark, line: lines::GOPARK },
    ]
}

impl Transport {
    /// A transport whose requests go to `upstream`.
    pub fn new(h: &SimHandle, lib: Lib, upstream: Upstream) -> Rc<Transport> {
        Rc::new(Transport {
            h: h.clone(),
            lib,
            upstream,
            idle: RefCell::new(Vec::new()),
            rng: RefCell::new(h.rng("upstream")),
        })
    }

    /// Tears a connection down: readLoop sees EOF, writeLoop sees `closech` closed.
    fn close(&self, pc: &PConn) {
        pc.alive.set(false);
        pc.closech.close_external(&self.h);
        let _ = pc.net.offer(&self.h, ReadEvent::Closed);
    }

    /// `client.Do(req)` made at `line` of the current function, with the request's
    /// context `ctx` (`None` for `http.NewRequest` without one) and the client's
    /// `Timeout` (`None` for none). Returns the status and body, or Go's error text.
    pub async fn do_request(
        self: &Rc<Self>,
        g: &G,
        line: u32,
        ctx: Option<Context>,
        timeout: Option<Duration>,
    ) -> Result<(u16, String), String> {
        self.do_request_to(g, line, "Get", UPSTREAM_URL, ctx, timeout).await.map_err(|(text, _)| text)
    }

    /// [`Transport::do_request`] of `url` on the upstream's host, with method `op`
    /// as `*url.Error` names it (`Get`, `Post`). An error is Go's text and, when the
    /// request's context ended it, the context's error it wraps.
    pub async fn do_request_to(
        self: &Rc<Self>,
        g: &G,
        line: u32,
        op: &str,
        url: &str,
        ctx: Option<Context>,
        timeout: Option<Duration>,
    ) -> Result<(u16, String), (String, Option<sim_runtime::CtxErr>)> {
        let lib = self.lib;
        // Client.Timeout becomes a deadline on the request's context.
        let (ctx, _cancel) = match (ctx, timeout) {
            (c, Some(d)) => {
                let (c, cancel) = c.unwrap_or_default().with_timeout(g, d);
                (Some(c), Some(cancel))
            }
            (c, None) => (c, None),
        };
        let chain = [
            (line, lib.client_do),
            (at::CLIENT_DO, lib.client_do_inner),
            (at::CLIENT_DO_INNER, lib.client_send),
            (at::CLIENT_SEND, lib.send),
            (at::SEND, lib.transport_round_trip_exported),
            (at::TRANSPORT_ROUND_TRIP_EXPORTED, lib.transport_round_trip),
        ];
        for (l, f) in chain {
            g.enter(l, f);
        }
        let pc = self.get_conn(g).await;
        g.enter(at::TRANSPORT_ROUND_TRIP, lib.pconn_round_trip);
        let _ = pc.writech.try_send(g, ());
        g.at(at::PCONN_ROUND_TRIP);
        let done = ctx.as_ref().map(|c| c.done()).unwrap_or_else(Chan::nil);
        let mut s = Select::new();
        let resp = s.recv(&pc.resc);
        let closed = s.recv(&pc.closech);
        let canceled = s.recv(&done);
        let i = s.wait(g).await;
        let result = if i == resp.index() {
            let answer = resp.take().unwrap_or_default();
            self.put_idle(pc);
            Ok(answer)
        } else if i == canceled.index() {
            // pc.cancelRequest: the connection is closed and the call fails.
            self.close(&pc);
            let err = ctx.as_ref().and_then(|c| c.err());
            let text = err.map(|e| e.to_string()).unwrap_or_default();
            let suffix = if timeout.is_some() { " (Client.Timeout exceeded while awaiting headers)" } else { "" };
            Err((format!("{op} \"{url}\": {text}{suffix}"), err))
        } else {
            let _ = closed.index();
            Err((format!("{op} \"{url}\": EOF"), None))
        };
        g.leave();
        for _ in chain {
            g.leave();
        }
        result
    }

    fn put_idle(self: &Rc<Self>, pc: Rc<PConn>) {
        let mut idle = self.idle.borrow_mut();
        if idle.len() >= MAX_IDLE_PER_HOST || !pc.alive.get() {
            drop(idle);
            self.close(&pc);
            return;
        }
        let now = self.h.now();
        pc.idle_since.set(Some(now));
        idle.push(pc.clone());
        let t = self.clone();
        self.h.call_at(now.after(IDLE_CONN_TIMEOUT), move || {
            if pc.idle_since.get() == Some(now) {
                t.idle.borrow_mut().retain(|p| !Rc::ptr_eq(p, &pc));
                t.close(&pc);
            }
        });
    }

    async fn get_conn(self: &Rc<Self>, g: &G) -> Rc<PConn> {
        if let Some(pc) = self.idle.borrow_mut().pop() {
            pc.idle_since.set(None);
            return pc;
        }
        let lib = self.lib;
        let ready: Chan<Rc<PConn>> = Chan::hidden(&self.h, "dial", 1);
        let tx = ready.clone();
        let t = self.clone();
        g.enter(at::TRANSPORT_ROUND_TRIP, lib.queue_for_dial);
        g.go(at::QUEUE_FOR_DIAL_GO, lib.dial_conn_for, move |g| async move {
            g.enter(at::DIAL_CONN_FOR, lib.dial_conn);
            let pc = Rc::new(PConn {
                writech: Chan::hidden(&t.h, "writech", 1),
                closech: Chan::hidden(&t.h, "closech", 0),
                net: Chan::hidden(&t.h, "conn", 4),
                resc: Chan::hidden(&t.h, "rc.ch", 1),
                alive: Cell::new(true),
                idle_since: Cell::new(None),
            });
            let (r, w) = (pc.clone(), pc.clone());
            let (tr, tw) = (t.clone(), t.clone());
            // Both loops hold the persistConn, so its channels stay reachable while
            // either runs: a caller stuck in roundTrip is stuck, not leaked.
            g.go(at::DIAL_READ_LOOP, lib.read_loop, move |g| async move {
                r.hold_all(&g);
                tr.read_loop(&g, r).await
            });
            g.go(at::DIAL_WRITE_LOOP, lib.write_loop, move |g| async move {
                w.hold_all(&g);
                tw.write_loop(&g, w).await
            });
            g.leave();
            let _ = tx.try_send(&g, pc);
        });
        g.leave();
        ready.recv(g).await.expect("the dial goroutine always delivers a connection")
    }

    async fn read_loop(self: Rc<Self>, g: &G, pc: Rc<PConn>) {
        let lib = self.lib;
        loop {
            let chain = [
                (at::READ_LOOP_PEEK, lib.bufio_peek),
                (at::BUFIO_PEEK, lib.bufio_fill),
                (at::BUFIO_FILL, lib.pconn_read),
                (at::PCONN_READ, lib.net_conn_read),
                (at::NET_CONN_READ, lib.netfd_read),
                (at::NETFD_READ, lib.fd_read),
                (at::FD_READ, lib.wait_read),
                (at::WAIT_READ, lib.pd_wait),
            ];
            for (l, f) in chain {
                g.enter(l, f);
            }
            g.at(at::PD_WAIT);
            let ev = pc.net.recv_as(g, WaitReason::IoWait, poll_frames(&self.h)).await;
            for _ in chain {
                g.leave();
            }
            match ev {
                Some(ReadEvent::Response(status, body)) => {
                    let _ = pc.resc.try_send(g, (status, body));
                }
                Some(ReadEvent::Closed) | None => return,
            }
        }
    }

    async fn write_loop(self: Rc<Self>, g: &G, pc: Rc<PConn>) {
        loop {
            g.at(at::WRITE_LOOP);
            let mut s = Select::new();
            let req = s.recv(&pc.writech);
            let _closed = s.recv(&pc.closech);
            let i = s.wait(g).await;
            if i != req.index() || !pc.alive.get() {
                return;
            }
            // The request is on the wire; the upstream answers after its latency.
            if let Upstream::Answers { latency, jitter, status } = self.upstream {
                let extra = if jitter.0 > 0 { self.rng.borrow_mut().below(jitter.0 + 1) } else { 0 };
                let pc = pc.clone();
                let h = self.h.clone();
                self.h.call_at(self.h.now().after(latency).after(Duration(extra)), move || {
                    if pc.alive.get() {
                        let body =
                            if status < 400 { "upstream data".to_string() } else { format!("upstream error {status}") };
                        let _ = pc.net.offer(&h, ReadEvent::Response(status, body));
                    }
                });
            }
        }
    }
}
