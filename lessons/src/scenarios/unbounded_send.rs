//! Lesson 1: an async logger whose buffered channel fills up.

use std::rc::Rc;

use sim_runtime::{after, sleep, Chan, Duration, Select};

use crate::net::Route;
use crate::run::Env;

/// Builds `leaky` or `safe`.
#[inline(never)] // its own function: the page loads other lessons' code later (see mod.rs)
pub fn build(env: &Env, variant: &str) -> Result<(), String> {
    let safe = variant == "safe";
    let h = env.h.clone();
    let buffer = env.knobs.int("buffer") as usize;
    let log_cost = env.dur("log_cost").unwrap_or(Duration::from_millis(50));

    let main_fn = env.func("main")?;
    let init0 = env.closure("main.init.0", "func init()")?;
    let writer = env.func("logWriter")?;
    let handler_name = if safe { "safeHandler" } else { "leakyHandler" };
    let handler = env.func_args(handler_name, "{0x8a1090, P}, P")?;
    let func1 = env.closure(&format!("main.{handler_name}.func1"), "go func() {")?;
    let log_fn =
        if safe { env.func_args("logMessageSafe", "{0x8a1548, P}, {P, 0x18}")? } else { env.inlined("logMessage")? };

    let l_go_writer = env.line("go logWriter()")?;
    let l_range = env.line("for entry := range logCh")?;
    let l_write = env.line("// slow log storage")?;
    let l_go_func1 = env.line("go func() {")?;
    let l_call_log = env.line(if safe { "logMessageSafe(r.Context()" } else { "logMessage(fmt.Sprintf" })?;
    let l_send = if safe { env.line("select {")? } else { env.line("logCh <- msg")? };
    let l_work = env.line("time.Sleep(10 * time.Millisecond)")?;
    let l_serve = env.line("http.ListenAndServe(")?;

    // var logCh = make(chan string, N): a global, so its blocked senders are stuck
    // but reachable — not "leaked" in Go 1.26's sense, which the lesson points out.
    let log_ch: Chan<String> = Chan::new(&h, "logCh", buffer, 16);
    h.global(log_ch.id().expect("made channels are not nil"));

    let route = {
        let log_ch = log_ch.clone();
        Route {
            path: "/log",
            func: handler,
            run: Rc::new(move |g, w, r| {
                let log_ch = log_ch.clone();
                Box::pin(async move {
                    let msg = format!("request from {}", r.remote_addr);
                    let ctx = r.context();
                    g.go(l_go_func1, func1, move |g| async move {
                        g.set_heap_bytes(96 + msg.len() as u32);
                        g.enter(l_call_log, log_fn);
                        if safe {
                            g.at(l_send);
                            let timeout = after(&g, log_cost);
                            let mut s = Select::new();
                            let _sent = s.send(&log_ch, msg);
                            let _done = s.recv(&ctx.done());
                            let _timeout = s.recv(&timeout);
                            s.wait(&g).await;
                        } else {
                            g.at(l_send);
                            log_ch.send(&g, msg).await;
                        }
                        g.leave();
                    });
                    g.at(l_work);
                    sleep(&g, Duration::from_millis(10)).await;
                    w.write_header(200);
                    w.write("request processed\n");
                })
            }),
        }
    };
    let server = env.server.clone();
    server.handle(route);
    h.go_main(main_fn, move |g| async move {
        g.enter(l_serve, init0);
        g.go(l_go_writer, writer, move |g| async move {
            loop {
                g.at(l_range);
                let entry = log_ch.recv_ok(&g).await;
                if entry.is_none() {
                    return;
                }
                g.at(l_write);
                sleep(&g, log_cost).await;
            }
        });
        g.leave();
        server.listen_and_serve(&g, l_serve).await;
    });
    Ok(())
}
