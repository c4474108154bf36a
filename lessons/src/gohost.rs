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
            _ => None,
        }
    }

    fn field(&self, recv: &Value, name: &str) -> Option<Value> {
        let r = request(Some(recv))?;
        match name {
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
