//! Lesson 5: watching `runtime.NumGoroutine()`.
//!
//! - `leaky`: `/` starts a goroutine that sleeps 5 minutes and answers
//!   `goroutines: N` with `runtime.NumGoroutine()`: the count climbs by one per
//!   request and only comes down once the first sleepers wake.
//! - `safe`: a buffered channel `slots` (10 places) bounds the background jobs; a
//!   request that finds every slot taken gets `503 busy, try again later`.
//!
//! Both serve `/metrics` with the count as the Prometheus gauge `go_goroutines`.

use std::rc::Rc;

use sim_runtime::{sleep, Chan, Duration};

use crate::net::Route;
use crate::run::Env;

/// The background job's sleep, fixed in the listing.
const JOB: Duration = Duration::from_mins(5);

/// Builds `leaky` or `safe`.
#[inline(never)] // its own function: the page loads other lessons' code later (see mod.rs)
pub fn build(env: &Env, variant: &str) -> Result<(), String> {
    let safe = match variant {
        "leaky" => false,
        "safe" => true,
        other => return Err(format!("num-goroutine has no variant {other:?}")),
    };
    let h = env.h.clone();

    let main_fn = env.func("main")?;
    let handler = env.func_args("handler", "{0x8a1090, P}, P")?;
    let metrics = env.func_args("metricsHandler", "{0x8a1090, P}, P")?;
    let func1 = env.closure("main.handler.func1", "go func() {")?;
    let l_go = env.line("go func() {")?;
    let l_sleep = env.line("time.Sleep(5 * time.Minute)")?;
    let l_serve = env.line("http.ListenAndServe(")?;
    if safe {
        // The `select` with a `default` never blocks; checked so the listing keeps it.
        env.line("case slots <- struct{}{}:")?;
    }

    // var slots = make(chan struct{}, 10)
    let slots: Chan<()> = if safe { Chan::new(&h, "slots", 10, 0) } else { Chan::nil() };
    if let Some(id) = slots.id() {
        h.global(id);
    }

    let route = {
        let slots = slots.clone();
        Route {
            path: "/",
            func: handler,
            run: Rc::new(move |g, w, _r| {
                let slots = slots.clone();
                Box::pin(async move {
                    if safe && slots.try_send(&g, ()).is_err() {
                        // default: http.Error(w, "busy, try again later", 503)
                        w.write_header(503);
                        w.write("busy, try again later\n");
                        return;
                    }
                    g.go(l_go, func1, move |g| async move {
                        g.at(l_sleep);
                        sleep(&g, JOB).await;
                        if safe {
                            // defer func() { <-slots }(): the buffer is never empty here.
                            slots.recv(&g).await;
                        }
                    });
                    w.write(&format!("goroutines: {}\n", g.num_goroutine()));
                })
            }),
        }
    };
    let server = env.server.clone();
    server.handle(route);
    server.handle(Route {
        path: "/metrics",
        func: metrics,
        run: Rc::new(move |g, w, _r| {
            Box::pin(async move {
                w.write(&format!(
                    "# HELP go_goroutines Number of goroutines that currently exist.\n\
                     # TYPE go_goroutines gauge\n\
                     go_goroutines {}\n",
                    g.num_goroutine()
                ));
            })
        }),
    });
    h.go_main(main_fn, move |g| async move {
        server.listen_and_serve(&g, l_serve).await;
    });
    Ok(())
}
