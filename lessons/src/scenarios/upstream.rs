//! Lesson 2: a handler that calls an unresponsive third-party API.

use std::rc::Rc;

use sim_runtime::{Chan, Duration, Select};

use crate::client::{Transport, Upstream};
use crate::knobs::KnobValue;
use crate::net::Route;
use crate::run::Env;

/// Builds `leaky`, `safe` or `leaky-noctx`.
#[inline(never)] // its own function: the page loads other lessons' code later (see mod.rs)
pub fn build(env: &Env, variant: &str) -> Result<(), String> {
    let safe = variant == "safe";
    let noctx = variant == "leaky-noctx";
    let h = env.h.clone();
    let ctx_timeout = env.dur("ctx_timeout").unwrap_or(Duration::from_secs(5));
    let client_timeout = if safe { env.dur("client_timeout") } else { None };
    let upstream = match env.knobs.get("upstream") {
        KnobValue::Dur(latency) => Upstream::Answers {
            latency,
            jitter: env.dur("upstream_jitter").unwrap_or(Duration(0)),
            status: env.knobs.int("upstream_status") as u16,
        },
        _ => Upstream::Hang,
    };
    let transport = Transport::new(&h, env.lib, upstream);

    let main_fn = env.func("main")?;
    let handler_name = if safe { "safeHandler" } else { "leakyHandler" };
    let handler = env.func_args(handler_name, "{0x8a1090, P}, P")?;
    let func1 = env.closure(&format!("main.{handler_name}.func1"), "go func() {")?;
    let fetch = if noctx { env.func("fetchUpstream")? } else { env.func_args("fetchUpstream", "{0x8a1548, P}")? };
    let l_go = env.line("go func() {")?;
    let l_call_fetch =
        env.line(if noctx { "result, err := fetchUpstream()" } else { "result, err := fetchUpstream(ctx)" })?;
    let l_do = env.line(if safe { "httpClient.Do(req)" } else { "client.Do(req)" })?;
    let l_send = if safe { env.line("select { // hand over the result")? } else { env.line("responseCh <- result")? };
    let l_wait = env.line(if safe { "select { // wait for the result" } else { "select {" })?;
    let l_serve = env.line("http.ListenAndServe(")?;

    let route = Route {
        path: "/api",
        func: handler,
        run: Rc::new(move |g, w, r| {
            let transport = transport.clone();
            Box::pin(async move {
                let response_ch: Chan<String> = Chan::make(&g, "responseCh", 0, 16);
                let (ctx, cancel) = r.context().with_timeout(&g, ctx_timeout);
                let tx = response_ch.clone();
                // The literal captures ctx only where it names it: leaky-noctx's does not,
                // so there, as in Go, the goroutine does not keep the context alive.
                let cctx = (!noctx).then(|| ctx.clone());
                g.go(l_go, func1, move |g| async move {
                    g.enter(l_call_fetch, fetch);
                    let req_ctx = cctx.clone();
                    let result = transport.do_request(&g, l_do, req_ctx, client_timeout).await;
                    g.leave();
                    // A non-2xx answer is not an error for client.Do; the body is passed on.
                    let result = match result {
                        Ok((_status, body)) => body,
                        Err(e) => format!("error: upstream call failed: {e}"),
                    };
                    g.at(l_send);
                    if safe {
                        let mut s = Select::new();
                        s.send(&tx, result);
                        s.recv(&cctx.as_ref().map_or_else(Chan::nil, |c| c.done()));
                        s.wait(&g).await;
                    } else {
                        tx.send(&g, result).await;
                    }
                });
                g.at(l_wait);
                let mut s = Select::new();
                let got = s.recv(&response_ch);
                let _done = s.recv(&ctx.done());
                let i = s.wait(&g).await;
                if i == got.index() {
                    w.write(&format!("{}\n", got.take().unwrap_or_default()));
                } else {
                    w.write_header(504);
                    w.write("upstream timed out\n");
                }
                // defer cancel()
                cancel.cancel();
                // The handler's frame is gone: it no longer refers to responseCh.
                if let Some(id) = response_ch.id() {
                    g.release(id);
                }
            })
        }),
    };
    let server = env.server.clone();
    server.handle(route);
    h.go_main(main_fn, move |g| async move {
        server.listen_and_serve(&g, l_serve).await;
    });
    Ok(())
}
