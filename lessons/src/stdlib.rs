//! The standard-library functions that appear in a Go web server's dumps, with
//! the lines their calls sit on in Go 1.24.4 (read off real dumps of the lessons'
//! programs, `lessons/oracle/dumps/*.go1.24.4.*`), so that simulated dumps show
//! the same frames, files and lines as real ones.

use sim_runtime::{FuncId, FuncSpec, SimHandle, GOROOT_SRC};

/// Registered standard-library functions.
#[derive(Clone, Copy, Debug)]
#[allow(missing_docs)]
pub struct Lib {
    // net/http server side.
    pub listen_and_serve: FuncId,
    pub server_listen_and_serve: FuncId,
    pub server_serve: FuncId,
    pub serve_gowrap: FuncId,
    pub tcp_accept_exported: FuncId,
    pub tcp_accept: FuncId,
    pub netfd_accept: FuncId,
    pub fd_accept: FuncId,
    pub wait_read: FuncId,
    pub pd_wait: FuncId,
    pub conn_serve: FuncId,
    pub server_handler: FuncId,
    pub mux_serve: FuncId,
    pub handler_func: FuncId,
    pub background_read: FuncId,
    pub background_read_gowrap: FuncId,
    pub start_background_read: FuncId,
    pub net_conn_read: FuncId,
    pub netfd_read: FuncId,
    pub fd_read: FuncId,
    // net/http/pprof.
    pub pprof_index: FuncId,
    pub pprof_handler: FuncId,
    pub profile_write_to: FuncId,
    pub write_goroutine: FuncId,
    pub write_goroutine_stacks: FuncId,
    /// Go 1.26's `runtime/pprof.writeGoroutineLeak` (the goroutineleak profile).
    pub write_goroutine_leak: FuncId,
    pub write_runtime_profile: FuncId,
    pub goroutine_profile_concurrent: FuncId,
    pub goroutine_profile_labels: FuncId,
    // net/http client side.
    pub client_do: FuncId,
    pub client_do_inner: FuncId,
    pub client_send: FuncId,
    pub send: FuncId,
    pub transport_round_trip_exported: FuncId,
    pub transport_round_trip: FuncId,
    pub pconn_round_trip: FuncId,
    pub dial_conn_for: FuncId,
    pub dial_conn: FuncId,
    pub read_loop: FuncId,
    pub write_loop: FuncId,
    pub pconn_read: FuncId,
    pub bufio_peek: FuncId,
    pub bufio_fill: FuncId,
    pub queue_for_dial: FuncId,
    pub server_shutdown: FuncId,
}

/// Call-site lines (Go 1.24.4).
#[allow(missing_docs)]
pub mod at {
    pub const LISTEN_AND_SERVE: u32 = 3665;
    pub const SERVER_LISTEN_AND_SERVE: u32 = 3350;
    pub const SERVE_ACCEPT: u32 = 3424;
    pub const SERVE_GO: u32 = 3454;
    pub const TCP_ACCEPT_EXPORTED: u32 = 380;
    pub const TCP_ACCEPT: u32 = 159;
    pub const NETFD_ACCEPT: u32 = 172;
    pub const FD_ACCEPT: u32 = 620;
    pub const WAIT_READ: u32 = 89;
    pub const PD_WAIT: u32 = 84;
    pub const CONN_SERVE: u32 = 2102;
    pub const SERVER_HANDLER: u32 = 3301;
    pub const MUX_SERVE: u32 = 2822;
    pub const HANDLER_FUNC: u32 = 2294;
    pub const BACKGROUND_READ: u32 = 690;
    pub const START_BACKGROUND_READ: u32 = 686;
    pub const NET_CONN_READ: u32 = 194;
    pub const NETFD_READ: u32 = 55;
    pub const FD_READ: u32 = 165;
    pub const PPROF_INDEX: u32 = 389;
    pub const PPROF_HANDLER: u32 = 272;
    pub const PROFILE_WRITE_TO: u32 = 377;
    pub const WRITE_GOROUTINE_DEBUG2: u32 = 753;
    pub const WRITE_GOROUTINE_DEBUG1: u32 = 755;
    pub const WRITE_GOROUTINE_STACKS: u32 = 764;
    pub const WRITE_RUNTIME_PROFILE: u32 = 796;
    /// The goroutineleak profile's writer exists only in Go 1.26: its pprof
    /// frames carry Go 1.26.10's lines (`lessons/oracle/dumps/
    /// upstream-leaky-leakprofile.go1.26.10.http.goroutineleak.debug2.txt`).
    pub const LEAK_PPROF_INDEX: u32 = 397;
    pub const LEAK_PPROF_HANDLER: u32 = 273;
    pub const LEAK_PROFILE_WRITE_TO: u32 = 408;
    pub const WRITE_GOROUTINE_LEAK_DEBUG2: u32 = 806;
    pub const LEAK_WRITE_GOROUTINE_STACKS: u32 = 819;
    /// Not visible in text dumps (hidden runtime frames); lines unverified.
    pub const GOROUTINE_PROFILE_CONCURRENT: u32 = 1373;
    /// Not visible in text dumps (hidden runtime frames); lines unverified.
    pub const GOROUTINE_PROFILE_LABELS: u32 = 1322;
    pub const CLIENT_DO: u32 = 587;
    pub const CLIENT_DO_INNER: u32 = 728;
    pub const CLIENT_SEND: u32 = 180;
    pub const SEND: u32 = 259;
    pub const TRANSPORT_ROUND_TRIP_EXPORTED: u32 = 30;
    pub const TRANSPORT_ROUND_TRIP: u32 = 696;
    pub const PCONN_ROUND_TRIP: u32 = 2826;
    pub const DIAL_READ_LOOP: u32 = 1944;
    pub const DIAL_WRITE_LOOP: u32 = 1945;
    pub const READ_LOOP_PEEK: u32 = 2275;
    pub const WRITE_LOOP: u32 = 2590;
    pub const PCONN_READ: u32 = 2122;
    pub const BUFIO_PEEK: u32 = 152;
    pub const BUFIO_FILL: u32 = 113;
    /// `go t.dialConnFor(w)` in `queueForDial`.
    pub const QUEUE_FOR_DIAL_GO: u32 = 1540;
    pub const DIAL_CONN_FOR: u32 = 1601;
    pub const SHUTDOWN: u32 = 3169;
}

impl Lib {
    /// Registers the functions in a simulation.
    pub fn register(h: &SimHandle) -> Lib {
        let f = |name: &str, file: &str, decl: u32, args: Option<&'static str>, inlined: bool| {
            let mut spec = FuncSpec::new(name, format!("{GOROOT_SRC}{file}"), decl);
            if let Some(a) = args {
                spec = spec.args(a);
            }
            if inlined {
                spec = spec.inlined();
            }
            h.func(spec)
        };
        Lib {
            // Inlined into main.main: `net/http.ListenAndServe(...)` in every real
            // debug=2 dump of Go 1.19, 1.24 and 1.26.
            listen_and_serve: f("net/http.ListenAndServe", "net/http/server.go", 3662, None, true),
            server_listen_and_serve: f(
                "net/http.(*Server).ListenAndServe",
                "net/http/server.go",
                3336,
                Some("P"),
                false,
            ),
            server_serve: f("net/http.(*Server).Serve", "net/http/server.go", 3385, Some("P, {0x8a1548, P}"), false),
            serve_gowrap: f("net/http.(*Server).Serve.gowrap3", "net/http/server.go", 3454, None, false),
            tcp_accept_exported: f("net.(*TCPListener).Accept", "net/tcpsock.go", 374, Some("P"), false),
            tcp_accept: f("net.(*TCPListener).accept", "net/tcpsock_posix.go", 158, Some("P"), false),
            netfd_accept: f("net.(*netFD).accept", "net/fd_unix.go", 171, Some("P"), false),
            fd_accept: f("internal/poll.(*FD).Accept", "internal/poll/fd_unix.go", 607, Some("P"), false),
            wait_read: f("internal/poll.(*pollDesc).waitRead", "internal/poll/fd_poll_runtime.go", 88, None, true),
            pd_wait: f(
                "internal/poll.(*pollDesc).wait",
                "internal/poll/fd_poll_runtime.go",
                79,
                Some("P?, 0x900000036?, 0x0"),
                false,
            ),
            conn_serve: f("net/http.(*conn).serve", "net/http/server.go", 1991, Some("P, {0x8a1548, P}"), false),
            server_handler: f(
                "net/http.serverHandler.ServeHTTP",
                "net/http/server.go",
                3285,
                Some("{P?}, {0x8a1090?, P?}, 0x1?"),
                false,
            ),
            mux_serve: f(
                "net/http.(*ServeMux).ServeHTTP",
                "net/http/server.go",
                2809,
                Some("0x472579?, {0x8a1090, P}, P"),
                false,
            ),
            handler_func: f(
                "net/http.HandlerFunc.ServeHTTP",
                "net/http/server.go",
                2293,
                Some("0xaf46a0?, {0x8a1090?, P?}, 0x6462d6?"),
                false,
            ),
            background_read: f("net/http.(*connReader).backgroundRead", "net/http/server.go", 687, Some("P"), false),
            background_read_gowrap: f(
                "net/http.(*connReader).startBackgroundRead.gowrap2",
                "net/http/server.go",
                686,
                None,
                false,
            ),
            start_background_read: f(
                "net/http.(*connReader).startBackgroundRead",
                "net/http/server.go",
                674,
                Some("P"),
                false,
            ),
            net_conn_read: f("net.(*conn).Read", "net/net.go", 188, Some("P, {P, 0x1, 0x1}"), false),
            netfd_read: f("net.(*netFD).Read", "net/fd_posix.go", 54, Some("P, {P, 0x1, 0x1}"), false),
            fd_read: f("internal/poll.(*FD).Read", "internal/poll/fd_unix.go", 141, Some("P, {P, 0x1, 0x1}"), false),
            pprof_index: f("net/http/pprof.Index", "net/http/pprof/pprof.go", 381, Some("{0x881090, P}, P?"), false),
            pprof_handler: f(
                "net/http/pprof.handler.ServeHTTP",
                "net/http/pprof/pprof.go",
                244,
                Some("{P, D}, {0x881090, P}, P"),
                false,
            ),
            profile_write_to: f(
                "runtime/pprof.(*Profile).WriteTo",
                "runtime/pprof/pprof.go",
                366,
                Some("0xae3a80?, {0x87e4e0?, P?}, 0xc?"),
                false,
            ),
            write_goroutine: f(
                "runtime/pprof.writeGoroutine",
                "runtime/pprof/pprof.go",
                750,
                Some("{0x87e4e0?, P?}, 0x44?"),
                false,
            ),
            write_goroutine_stacks: f(
                "runtime/pprof.writeGoroutineStacks",
                "runtime/pprof/pprof.go",
                757,
                Some("{0x87e4e0, P}"),
                false,
            ),
            write_goroutine_leak: f(
                "runtime/pprof.writeGoroutineLeak",
                "runtime/pprof/pprof.go",
                783,
                Some("{0x87e4e0, P}, 0x2"),
                false,
            ),
            write_runtime_profile: f(
                "runtime/pprof.writeRuntimeProfile",
                "runtime/pprof/pprof.go",
                776,
                Some("{0x87e4e0, P}, {0x7db0f3, 0x9}, 0x8a4b30"),
                false,
            ),
            goroutine_profile_concurrent: f(
                "runtime.goroutineProfileWithLabelsConcurrent",
                "runtime/mprof.go",
                1290,
                None,
                false,
            ),
            goroutine_profile_labels: f(
                "runtime.pprof_goroutineProfileWithLabels",
                "runtime/mprof.go",
                1320,
                None,
                false,
            ),
            client_do: f("net/http.(*Client).Do", "net/http/client.go", 586, None, true),
            client_do_inner: f("net/http.(*Client).do", "net/http/client.go", 591, Some("P, P"), false),
            client_send: f(
                "net/http.(*Client).send",
                "net/http/client.go",
                169,
                Some("P, P, {0x5?, 0x1?, 0x0?}"),
                false,
            ),
            send: f(
                "net/http.send",
                "net/http/client.go",
                195,
                Some("P, {0x84e2a0, 0xaa2060}, {0x562c01?, P?, 0x0?}"),
                false,
            ),
            transport_round_trip_exported: f(
                "net/http.(*Transport).RoundTrip",
                "net/http/roundtrip.go",
                29,
                Some("0xaaa160?, 0x84e2a0?"),
                false,
            ),
            transport_round_trip: f(
                "net/http.(*Transport).roundTrip",
                "net/http/transport.go",
                550,
                Some("0xaa2060, P"),
                false,
            ),
            pconn_round_trip: f(
                "net/http.(*persistConn).roundTrip",
                "net/http/transport.go",
                2680,
                Some("P, P"),
                false,
            ),
            dial_conn_for: f("net/http.(*Transport).dialConnFor", "net/http/transport.go", 1598, Some("P, P"), false),
            dial_conn: f(
                "net/http.(*Transport).dialConn",
                "net/http/transport.go",
                1760,
                Some("P, {0x8a1548, P}, {{}, 0x0, {P, 0x4}, {P, 0x13}, 0x0}"),
                false,
            ),
            read_loop: f("net/http.(*persistConn).readLoop", "net/http/transport.go", 2230, Some("P"), false),
            write_loop: f("net/http.(*persistConn).writeLoop", "net/http/transport.go", 2577, Some("P"), false),
            pconn_read: f(
                "net/http.(*persistConn).Read",
                "net/http/transport.go",
                2105,
                Some("P, {P?, 0x40dd65?, 0x68?}"),
                false,
            ),
            bufio_peek: f("bufio.(*Reader).Peek", "bufio/bufio.go", 140, Some("P, 0x1"), false),
            bufio_fill: f("bufio.(*Reader).fill", "bufio/bufio.go", 98, Some("P"), false),
            queue_for_dial: f("net/http.(*Transport).queueForDial", "net/http/transport.go", 1500, Some("P, P"), false),
            server_shutdown: f(
                "net/http.(*Server).Shutdown",
                "net/http/server.go",
                3080,
                Some("P, {0x8a1548, P}"),
                false,
            ),
        }
    }
}
