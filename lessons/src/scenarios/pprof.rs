//! Lesson 4: finding a leak with `net/http/pprof`.
//!
//! - `leaky`: `/leak` starts a goroutine that sleeps `sleep` (10 minutes) and
//!   returns at once, so every hit adds one `[sleep]` goroutine at the
//!   `time.Sleep` line, `created by main.leakHandler`.
//! - `safe`: the goroutine waits on a `time.NewTimer(sleep)` and on `r.Context()`,
//!   which net/http cancels when the handler returns, so it ends with its request.
//!
//! The `/debug/pprof/` endpoints are the virtual server's own (see [`crate::Run::dump`]).

use std::rc::Rc;

use sim_runtime::{sleep, Duration, Select, Timer};

use crate::net::Route;
use crate::run::Env;

/// Builds `leaky` or `safe`.
#[inline(never)] // its own function: the page loads other lessons' code later (see mod.rs)
pub fn build(env: &Env, variant: &str) -> Result<(), String> {
    let safe = match variant {
        "leaky" => false,
        "safe" => true,
        other => return Err(format!("pprof has no variant {other:?}")),
    };
    let h = env.h.clone();
    let nap = env.dur("sleep").unwrap_or(Duration::from_mins(10));

    let main_fn = env.func("main")?;
    let handler_name = if safe { "boundedHandler" } else { "leakHandler" };
    let handler = env.func_args(handler_name, "{0x8a1090, P}, P")?;
    let func1 = env.closure(&format!("main.{handler_name}.func1"), "go func() {")?;
    let l_go = env.line("go func() {")?;
    let l_wait = if safe { env.line("select { // the work ends")? } else { env.line("time.Sleep(")? };
    let l_serve = env.line("http.ListenAndServe(")?;

    let route = Route {
        path: "/leak",
        func: handler,
        run: Rc::new(move |g, w, r| {
            Box::pin(async move {
                // Only the safe goroutine keeps the request's context (and its
                // done channel) alive; the leaky one holds nothing.
                let ctx = safe.then(|| r.context());
                g.go(l_go, func1, move |g| async move {
                    g.at(l_wait);
                    if let Some(ctx) = ctx {
                        // timer := time.NewTimer(d); defer timer.Stop(); select { ... }
                        let timer = Timer::new(&g, nap);
                        let mut s = Select::new();
                        let _fired = s.recv(&timer.c);
                        let _done = s.recv(&ctx.done());
                        s.wait(&g).await;
                        timer.stop();
                    } else {
                        sleep(&g, nap).await;
                    }
                });
                w.write("started a background goroutine\n");
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
