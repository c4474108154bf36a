//! Lesson 6, the review: six short handlers the learner judges, then runs.
//!
//! Verdicts (`content/review/answers.md`): 1 leaky (`chan send` after the handler's
//! timeout), 2 safe (buffer with room for every sender), 3 leaky (`chan receive` on
//! a channel nobody closes), 4 safe (send with `default`, one long-lived writer),
//! 5 leaky (a `return` that skips `mu.Unlock()`: the request goroutines block in
//! `mu.Lock()`), 6 safe (the ticker goroutine returns on `ctx.Done()`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use sim_runtime::{after, sleep, Chan, Duration, FuncSpec, Mutex, Select, Ticker, G};

use crate::net::{ResponseWriter, Route};
use crate::run::{Env, RunConfig};

/// `r.URL.Query().Get(key)`: the first value of `key`, decoded (`+` and `%XX`).
pub(crate) fn query_get(query: &str, key: &str) -> String {
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if unescape(k) == key {
            return unescape(v);
        }
    }
    String::new()
}

fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `http.Error(w, msg, status)`.
fn http_error(w: &ResponseWriter, msg: &str, status: u16) {
    w.write_header(status);
    w.write(&format!("{msg}\n"));
}

/// The request's query: the virtual client's, or else the lesson's for request `id` (the
/// ones the real-Go oracle sends, `lessons/oracle/review-*/oracle.go`).
fn request_query(queries: &'static [&'static str], query: &str, id: u64) -> String {
    if query.is_empty() && !queries.is_empty() {
        queries[(id % queries.len() as u64) as usize].to_string()
    } else {
        query.to_string()
    }
}

const HANDLER_ARGS: &str = "{0x8a1090, P}, P";

/// Work `main` does before it serves (review-4 starts its writer).
type Setup = Box<dyn FnOnce(&G)>;

/// Builds `review-1` … `review-6`.
#[inline(never)] // its own function: the page loads other lessons' code later (see mod.rs)
pub fn build(env: &Env, cfg: &RunConfig) -> Result<(), String> {
    let variant = cfg.lesson.variant(&cfg.variant).ok_or_else(|| {
        format!("review has no variant {:?}; use review-1 … review-{}", cfg.variant, cfg.lesson.variants.len())
    })?;
    let v: &'static str = variant.id;
    let queries = cfg.lesson.request_queries(v);
    let h = env.h.clone();
    let main_fn = env.func("main")?;
    let l_serve = env.line("http.ListenAndServe(")?;
    let server = env.server.clone();
    let path = cfg.lesson.request_path(v);
    let mut setup: Option<Setup> = None;

    let route = match v {
        "review-1" => {
            let handler = env.func_args("userHandler", HANDLER_ARGS)?;
            let func1 = env.closure("main.userHandler.func1", "go func() {")?;
            let lookup = env.inlined("lookupUser")?;
            let l_go = env.line("go func() {")?;
            let l_send = env.line("result <- lookupUser(id)")?;
            let l_sleep = env.line("time.Sleep(2 * time.Second)")?;
            let l_select = env.line("select {")?;
            Route {
                path,
                func: handler,
                run: Rc::new(move |g, w, r| {
                    Box::pin(async move {
                        let id = query_get(&request_query(queries, &r.query, r.id), "id");
                        let result: Chan<String> = Chan::make(&g, "result", 0, 16);
                        let tx = result.clone();
                        g.go(l_go, func1, move |g| async move {
                            g.enter(l_send, lookup);
                            g.at(l_sleep);
                            sleep(&g, Duration::from_secs(2)).await;
                            g.leave();
                            g.at(l_send);
                            tx.send(&g, format!("user {id}")).await;
                        });
                        g.at(l_select);
                        let timeout = after(&g, Duration::from_secs(1));
                        let mut s = Select::new();
                        let name = s.recv(&result);
                        let _timeout = s.recv(&timeout);
                        if s.wait(&g).await == name.index() {
                            w.write(&format!("{}\n", name.take().unwrap_or_default()));
                        } else {
                            http_error(&w, "lookup timed out", 504);
                        }
                    })
                }),
            }
        }
        "review-2" => {
            let handler = env.func_args("downloadHandler", HANDLER_ARGS)?;
            // The string argument differs per mirror; shown as the slowest one's,
            // the goroutine most often left behind.
            let func1 = {
                let decl = env.line("go func(m string) {")?;
                h.func(FuncSpec::new("main.downloadHandler.func1", crate::run::MAIN_GO, decl).args("{0x7c6e78, 0x4}"))
            };
            let fetch = env.inlined("fetchFrom")?;
            let l_go = env.line("go func(m string) {")?;
            let l_send = env.line("fastest <- fetchFrom(m)")?;
            let l_sleep = env.line("time.Sleep(time.Duration(len(mirror))")?;
            let l_recv = env.line("<-fastest")?;
            Route {
                path,
                func: handler,
                run: Rc::new(move |g, w, _r| {
                    Box::pin(async move {
                        let mirrors = ["eu", "us", "asia"];
                        let fastest: Chan<String> = Chan::make(&g, "fastest", mirrors.len(), 16);
                        for m in mirrors {
                            let tx = fastest.clone();
                            g.go(l_go, func1, move |g| async move {
                                g.enter(l_send, fetch);
                                g.at(l_sleep);
                                sleep(&g, Duration::from_millis(100 * m.len() as u64)).await;
                                g.leave();
                                g.at(l_send);
                                tx.send(&g, format!("file from {m}")).await;
                            });
                        }
                        g.at(l_recv);
                        let first = fastest.recv(&g).await.unwrap_or_default();
                        w.write(&format!("{first}\n"));
                    })
                }),
            }
        }
        "review-3" => {
            let handler = env.func_args("wordsHandler", HANDLER_ARGS)?;
            let func1 = env.closure("main.wordsHandler.func1", "go func() {")?;
            let l_go = env.line("go func() {")?;
            let l_range = env.line("for range words")?;
            let l_send = env.line("words <- word")?;
            Route {
                path,
                func: handler,
                run: Rc::new(move |g, w, r| {
                    Box::pin(async move {
                        let q = query_get(&request_query(queries, &r.query, r.id), "q");
                        let words: Chan<String> = Chan::make(&g, "words", 0, 16);
                        let rx = words.clone();
                        g.go(l_go, func1, move |g| async move {
                            let mut n = 0u64;
                            loop {
                                g.at(l_range);
                                if rx.recv_ok(&g).await.is_none() {
                                    break;
                                }
                                n += 1;
                            }
                            let _ = n; // log.Printf("request had %d words", n): never reached
                        });
                        for word in q.split_whitespace() {
                            g.at(l_send);
                            words.send(&g, word.to_string()).await;
                        }
                        w.write("words counted\n");
                    })
                }),
            }
        }
        "review-4" => {
            let handler = env.func_args("deleteHandler", HANDLER_ARGS)?;
            let writer = env.func("auditWriter")?;
            let l_go = env.line("go auditWriter()")?;
            let l_range = env.line("for entry := range audit")?;
            let l_sleep = env.line("time.Sleep(20 * time.Millisecond)")?;
            env.line("case audit <- \"delete \" + id:")?;
            // var audit = make(chan string, 64)
            let audit: Chan<String> = Chan::new(&h, "audit", 64, 16);
            h.global(audit.id().expect("made channels are not nil"));
            let rx = audit.clone();
            setup = Some(Box::new(move |g: &G| {
                g.go(l_go, writer, move |g| async move {
                    loop {
                        g.at(l_range);
                        if rx.recv_ok(&g).await.is_none() {
                            return;
                        }
                        g.at(l_sleep);
                        sleep(&g, Duration::from_millis(20)).await;
                        // log.Printf("audit: %s", entry)
                    }
                });
            }));
            Route {
                path,
                func: handler,
                run: Rc::new(move |g, w, r| {
                    let audit = audit.clone();
                    Box::pin(async move {
                        let id = query_get(&request_query(queries, &r.query, r.id), "id");
                        // select { case audit <- "delete " + id: default: (dropped) }
                        let _dropped = audit.try_send(&g, format!("delete {id}")).is_err();
                        w.write(&format!("deleted {id}\n"));
                    })
                }),
            }
        }
        "review-5" => {
            let handler = env.func_args("visitHandler", HANDLER_ARGS)?;
            let l_lock = env.line("mu.Lock()")?;
            // var mu sync.Mutex; var visits = map[string]int{}
            let mu = Mutex::new(&h);
            h.global(mu.id());
            let visits: Rc<RefCell<HashMap<String, u64>>> = Rc::default();
            Route {
                path,
                func: handler,
                run: Rc::new(move |g, w, r| {
                    let mu = mu.clone();
                    let visits = visits.clone();
                    Box::pin(async move {
                        g.at(l_lock);
                        mu.lock(&g).await;
                        let page = query_get(&request_query(queries, &r.query, r.id), "page");
                        if page.is_empty() {
                            http_error(&w, "missing page", 400);
                            return; // mu stays locked
                        }
                        let n = {
                            let mut m = visits.borrow_mut();
                            let n = m.entry(page.clone()).or_default();
                            *n += 1;
                            *n
                        };
                        mu.unlock(&g);
                        w.write(&format!("{page}: {n} visits\n"));
                    })
                }),
            }
        }
        "review-6" => {
            let handler = env.func_args("reportHandler", HANDLER_ARGS)?;
            let func1 = env.closure("main.reportHandler.func1", "go func() {")?;
            let l_go = env.line("go func() {")?;
            let l_select = env.line("select {")?;
            let l_sleep = env.line("time.Sleep(2 * time.Second)")?;
            Route {
                path,
                func: handler,
                run: Rc::new(move |g, w, r| {
                    Box::pin(async move {
                        let ctx = r.context();
                        g.go(l_go, func1, move |g| async move {
                            let ticker = Ticker::new(&g, Duration::from_millis(500));
                            loop {
                                g.at(l_select);
                                let mut s = Select::new();
                                let tick = s.recv(&ticker.c);
                                let _done = s.recv(&ctx.done());
                                if s.wait(&g).await != tick.index() {
                                    break;
                                }
                                // log.Printf("%s: report still being built", path)
                            }
                            ticker.stop();
                        });
                        g.at(l_sleep);
                        sleep(&g, Duration::from_secs(2)).await;
                        w.write("report ready\n");
                    })
                }),
            }
        }
        _ => unreachable!("variant ids come from variants()"),
    };
    server.handle(route);
    h.go_main(main_fn, move |g| async move {
        if let Some(setup) = setup {
            setup(&g);
        }
        server.listen_and_serve(&g, l_serve).await;
    });
    Ok(())
}
