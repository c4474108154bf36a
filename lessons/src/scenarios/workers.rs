//! Lesson 3: a task queue whose workers have no way to stop.
//!
//! `main` starts `workers` goroutines (`go worker(i)`), serves HTTP from a goroutine
//! (`go func() { srv.ListenAndServe() }()`), waits for an interrupt on `stop`
//! (`signal.Notify`), then calls `srv.Shutdown`. The `/queue` handler sends each task
//! into the unbuffered `taskQueue` and blocks while every worker is busy.
//!
//! - `leaky`: after `Shutdown` nothing tells the workers; `main` returns and the
//!   workers are still parked on `<-taskQueue` (or finishing their last task).
//! - `safe`: `main` closes `stopWorkers` after `Shutdown`, the workers' `select`
//!   sees it, they return through `defer wg.Done()`, and `wg.Wait()` returns.
//!
//! The interrupt is a signal delivered at `shutdown_at` to the goroutine
//! `signal.Notify` starts (`os/signal.loop`, parked in `os/signal.signal_recv`, which
//! real dumps show in every snapshot of this program), which hands it to `stop`.
//! `srv.Shutdown` closes the listener, then polls for idle connections as Go 1.24's
//! does: a timer of 1 ms plus up to 10 % jitter, doubling up to 500 ms, waited on in a
//! `select` at `net/http/server.go:3169`.

use std::cell::Cell;
use std::rc::Rc;

use sim_runtime::{
    sleep, Chan, Context, Duration, FuncSpec, Loc, Select, Time, Timer, WaitGroup, WaitReason, GOROOT_SRC,
};

use crate::net::Route;
use crate::run::Env;
use crate::scenarios::review::query_get;

/// The state Go prints for the goroutine `signal.Notify` starts: `[syscall]` (it
/// sleeps in `runtime.notetsleepg` inside a system call). Like network waits, it
/// counts as waiting on the outside world: never a deadlock, never leaked.
const SIGNAL_WAIT: WaitReason = WaitReason::Syscall;

/// `select` in `(*Server).Shutdown`, Go 1.24.4 (`net/http/server.go`).
const SHUTDOWN_SELECT: u32 = 3169;
/// `s.listenerGroup.Wait()` in `(*Server).Shutdown`, Go 1.24.4.
const SHUTDOWN_LISTENERS: u32 = 3149;
/// `shutdownPollIntervalMax` in `net/http/server.go`.
const SHUTDOWN_POLL_MAX: Duration = Duration::from_millis(500);

/// SIGINT.
const SIGINT: u32 = 2;

/// Builds `leaky` or `safe`.
#[inline(never)] // its own function: the page loads other lessons' code later (see mod.rs)
pub fn build(env: &Env, variant: &str) -> Result<(), String> {
    let safe = match variant {
        "leaky" => false,
        "safe" => true,
        other => return Err(format!("workers has no variant {other:?}")),
    };
    let h = env.h.clone();
    let lib = env.lib;
    let workers = env.knobs.int("workers").max(1);
    let task_cost = env.dur("task_cost").unwrap_or(Duration::from_millis(100));
    let shutdown_at = env.dur("shutdown_at");

    let main_fn = env.func("main")?;
    // `main.worker(0x1)` in Go 1.24; the argument differs per worker, which an argument
    // template cannot say, so it is shown as Go shows a value it cannot recover.
    let worker_fn = env.func_args("worker", "0x0?")?;
    let gowrap = env.closure("main.main.gowrap1", "go worker(i)")?;
    let serve_fn = env.closure("main.main.func1", "go func() {")?;
    let handler = env.func_args("queueHandler", "{0x8a1090, P}, P")?;

    let l_go_worker = env.line("go worker(i)")?;
    let l_go_serve = env.line("go func() {")?;
    let l_listen = env.line("srv.ListenAndServe()")?;
    let l_notify = env.line("signal.Notify(stop, os.Interrupt)")?;
    let l_stop = env.line("<-stop // wait")?;
    let l_shutdown = env.line("srv.Shutdown(context.Background())")?;
    let l_sleep = env.line("time.Sleep(")?;
    let (l_take, l_send) = if safe {
        (env.line("select { // next task")?, env.line("select { // hand over")?)
    } else {
        (env.line("task := <-taskQueue")?, env.line("taskQueue <- task")?)
    };
    let l_close = if safe { Some(env.line("close(stopWorkers)")?) } else { None };
    let l_wait = if safe { Some(env.line("wg.Wait()")?) } else { None };

    // os/signal's goroutine and the frames around it, as Go 1.24.4 prints them.
    let std_fn = |name: &str, file: &str, decl: u32| h.func(FuncSpec::new(name, format!("{GOROOT_SRC}{file}"), decl));
    let notify_fn = h.func(
        FuncSpec::new("os/signal.Notify", format!("{GOROOT_SRC}os/signal/signal.go"), 122).args("P, {P, 0x1, 0x1}"),
    );
    let notify_once = std_fn("os/signal.Notify.func1.1", "os/signal/signal.go", 151);
    let signal_loop = std_fn("os/signal.loop", "os/signal/signal_unix.go", 21);
    let signal_recv = std_fn("os/signal.signal_recv", "runtime/sigqueue.go", 130);
    let notetsleepg = std_fn("runtime.notetsleepg", "runtime/lock_futex.go", 117);

    // var taskQueue = make(chan string); var stopWorkers = make(chan struct{}); var wg sync.WaitGroup
    let task_queue: Chan<String> = Chan::new(&h, "taskQueue", 0, 16);
    h.global(task_queue.id().expect("made channels are not nil"));
    let stop_workers: Chan<()> = if safe { Chan::new(&h, "stopWorkers", 0, 0) } else { Chan::nil() };
    if let Some(id) = stop_workers.id() {
        h.global(id);
    }
    let wg = WaitGroup::new(&h);
    h.global(wg.id());
    // The server's listenerGroup (reachable from srv, which main holds).
    let listener_group = WaitGroup::new(&h);

    // Handlers in progress: what `closeIdleConns` asks about.
    let active = Rc::new(Cell::new(0usize));

    let route = {
        let task_queue = task_queue.clone();
        // A package-level variable lives as long as the program: the route (which
        // the server keeps) holds stopWorkers too, so it is not freed when the last
        // goroutine using it ends (the interpreter keeps its globals likewise).
        let stop_workers_global = stop_workers.clone();
        let active = active.clone();
        Route {
            path: "/queue",
            func: handler,
            run: Rc::new(move |g, w, r| {
                let _ = &stop_workers_global;
                let task_queue = task_queue.clone();
                let active = active.clone();
                Box::pin(async move {
                    active.set(active.get() + 1);
                    let mut task = query_get(&r.query, "task");
                    if task.is_empty() {
                        task = "default-task".to_string();
                    }
                    let body = format!("task {task:?} queued\n");
                    g.at(l_send);
                    if safe {
                        let ctx = r.context();
                        let mut s = Select::new();
                        let sent = s.send(&task_queue, task);
                        let _gone = s.recv(&ctx.done());
                        if s.wait(&g).await == sent {
                            w.write(&body);
                        }
                    } else {
                        task_queue.send(&g, task).await;
                        w.write(&body);
                    }
                    active.set(active.get() - 1);
                })
            }),
        }
    };
    env.server.handle(route);

    // The kernel's signal delivery: what the signal goroutine waits for.
    let signals: Chan<u32> = Chan::hidden(&h, "signals", 8);
    if let Some(at) = shutdown_at {
        let signals = signals.clone();
        let h2 = h.clone();
        h.call_at(Time(at.0), move || {
            let _ = signals.offer(&h2, SIGINT);
        });
    }

    let server = env.server.clone();
    let mut jitter = h.rng("shutdown");
    h.go_main(main_fn, move |g| async move {
        for _ in 1..=workers {
            wg.add(&g, 1);
            let task_queue = task_queue.clone();
            let stop_workers = stop_workers.clone();
            let wg = wg.clone();
            g.go_via(l_go_worker, gowrap, worker_fn, move |g| async move {
                loop {
                    g.at(l_take);
                    let task = if safe {
                        let mut s = Select::new();
                        let task = s.recv(&task_queue);
                        let _stop = s.recv(&stop_workers);
                        if s.wait(&g).await != task.index() {
                            break; // case <-stopWorkers: return
                        }
                        task.take()
                    } else {
                        task_queue.recv(&g).await
                    };
                    if safe && task.is_none() {
                        break; // the queue was closed
                    }
                    g.at(l_sleep);
                    sleep(&g, task_cost).await;
                }
                // defer wg.Done(): only the safe worker ever gets here.
                wg.done(&g);
            });
        }

        let srv = server.clone();
        let serving = listener_group.clone();
        g.go(l_go_serve, serve_fn, move |g| async move {
            // Serve registers its listener (trackListener) for Shutdown to wait on,
            // and returns http.ErrServerClosed after Shutdown; the goroutine then ends.
            serving.add(&g, 1);
            srv.server_listen_and_serve(&g, l_listen).await;
            serving.done(&g);
        });

        // stop := make(chan os.Signal, 1); signal.Notify(stop, os.Interrupt)
        let stop: Chan<u32> = Chan::make(&g, "stop", 1, 16);
        g.enter(l_notify, notify_fn).enter(151, notify_once);
        {
            let stop = stop.clone();
            g.go(152, signal_loop, move |g| async move {
                // os/signal keeps the channel in its handler table.
                g.hold(stop.id().expect("made channels are not nil"));
                loop {
                    g.at(23);
                    let frames = vec![Loc { func: signal_recv, line: 152 }, Loc { func: notetsleepg, line: 123 }];
                    let Some(sig) = signals.recv_as(&g, SIGNAL_WAIT, frames).await else { return };
                    // process(sig): a send that never blocks.
                    let _ = stop.try_send(&g, sig);
                }
            });
        }
        g.leave().leave();

        g.at(l_stop);
        stop.recv(&g).await;

        // srv.Shutdown(context.Background())
        g.enter(l_shutdown, lib.server_shutdown);
        server.shutdown(&g);
        // s.listenerGroup.Wait(): until Serve has returned.
        g.at(SHUTDOWN_LISTENERS);
        listener_group.wait(&g).await;
        let mut base = Duration::from_millis(1);
        let mut next_interval = move || {
            let d = Duration(base.0 + jitter.below(base.0 / 10));
            base = Duration((base.0 * 2).min(SHUTDOWN_POLL_MAX.0));
            d
        };
        let timer = Timer::new(&g, next_interval());
        while active.get() > 0 {
            g.at(SHUTDOWN_SELECT);
            let background = Context::background();
            let mut s = Select::new();
            let _done = s.recv(&background.done());
            let _tick = s.recv(&timer.c);
            s.wait(&g).await;
            timer.reset(next_interval());
        }
        timer.stop();
        // Shutdown has returned: its timer is unreachable from here on.
        drop(timer);
        g.leave();

        if let (Some(l_close), Some(l_wait)) = (l_close, l_wait) {
            g.at(l_close);
            stop_workers.close(&g);
            g.at(l_wait);
            wg.wait(&g).await;
        }
        // log.Println(...); main returns and the process exits.
    });
    Ok(())
}
