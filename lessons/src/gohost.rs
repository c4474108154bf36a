//! `net/http` for interpreted programs: the virtual server of [`crate::net`] supplied
//! to `gointerp` through its [`Host`] extension point, so that a listing run by the
//! interpreter is served by exactly the accept loop, connection goroutines, request
//! contexts and clients the hand-written simulations use.

use std::rc::Rc;

use gointerp::interp::{GoError, Host, HostCall, HostFuture, HostValue, Interp, Value};
use sim_runtime::G;

use crate::net::{Request, ResponseWriter, Route, Server};

const WRITER: &str = "net/http.ResponseWriter";
const REQUEST: &str = "*net/http.Request";
const URL: &str = "*net/url.URL";
const VALUES: &str = "net/url.Values";

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
    server: Rc<Server>,
}

impl HttpHost {
    /// The host serving on `server`.
    pub fn new(server: Rc<Server>) -> HttpHost {
        HttpHost { server }
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
                let (weak, f) = (it.downgrade(), f.clone());
                self.server.handle(Route {
                    path,
                    func,
                    run: Rc::new(move |g, w, r| {
                        let args = vec![
                            Value::Host(Rc::new(HostValue { type_name: WRITER, data: Box::new(w) })),
                            Value::Host(Rc::new(HostValue { type_name: REQUEST, data: Box::new(r) })),
                        ];
                        match weak.upgrade() {
                            Some(it) => it.run_entered(g, f.clone(), args),
                            None => Box::pin(async {}),
                        }
                    }),
                });
                done(Value::Nil)
            }
            ("net/http", "ListenAndServe") => {
                let server = self.server.clone();
                Some(Box::pin(async move {
                    server.listen_and_serve(g, c.line).await;
                    Ok(Value::Error(Rc::new(GoError::Text("http: Server closed".into()))))
                }))
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
                // The interpreter keeps a []byte as the string of its bytes.
                let (Some(w), Some(Value::Str(body))) = (writer(c.recv), c.args.first()) else { return None };
                w.write(body);
                done(Value::Tuple(Rc::new(vec![Value::Int(body.len() as i64), Value::Nil])))
            }
            ("(net/http.Request)", "Context") => done(Value::Ctx(request(c.recv)?.context())),
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

    fn field(&self, recv: &Value, name: &str) -> Option<Value> {
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
