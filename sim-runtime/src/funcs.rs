//! Functions, source locations and the synthetic program counters that dumps print.
//!
//! Simulated code keeps a stack of [`Loc`]s (function and line). Dumps need more:
//! the file, the argument words Go prints, and program counters for `+0xOFF` and the
//! `@ 0x…` keys of `debug=1`. Those are derived here, deterministically from the
//! function's name and the line, so the same program always prints the same bytes.

use std::collections::HashMap;

/// Where Go's standard library lives in the simulated build (`GOROOT/src`).
pub const GOROOT_SRC: &str = "/usr/local/go/src/";

/// An index into the [`FuncTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FuncId(pub u32);

/// One frame of a simulated stack: a function and the line being executed in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// The function.
    pub func: FuncId,
    /// The line inside the function's file.
    pub line: u32,
}

/// How a frame's arguments appear in a `debug=2` dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Args {
    /// No arguments: `()`.
    None,
    /// A template of argument words. `P` stands for a pointer that differs per
    /// goroutine (`0xc000…`), `P?` for one Go marks as possibly inaccurate, `D` for
    /// the duration the goroutine sleeps; everything else is printed as written.
    /// Example: `"{0x8a1f40, P}, P"`.
    Words(&'static str),
}

/// What a simulated program declares about one of its functions.
#[derive(Clone, Debug)]
pub struct FuncSpec {
    /// The name Go prints, e.g. `main.leakyHandler.func1` or `net/http.(*conn).serve`.
    pub name: String,
    /// The file, absolute as in a build without `-trimpath` (`/app/main.go`).
    pub file: String,
    /// The line of the `func` keyword; program counters are offsets from it.
    pub decl_line: u32,
    /// Whether the compiler inlined this function into its caller (printed `F(...)`).
    pub inlined: bool,
    /// The argument words shown in `debug=2`.
    pub args: Args,
}

impl FuncSpec {
    /// A function in `file` with no arguments, not inlined.
    pub fn new(name: impl Into<String>, file: impl Into<String>, decl_line: u32) -> FuncSpec {
        FuncSpec { name: name.into(), file: file.into(), decl_line, inlined: false, args: Args::None }
    }
    /// Marks the function as inlined into its callers.
    pub fn inlined(mut self) -> FuncSpec {
        self.inlined = true;
        self
    }
    /// Sets the argument template.
    pub fn args(mut self, words: &'static str) -> FuncSpec {
        self.args = Args::Words(words);
        self
    }
}

/// A registered function with its synthetic entry address.
#[derive(Clone, Debug)]
pub struct FuncInfo {
    /// The declaration.
    pub spec: FuncSpec,
    /// Synthetic entry PC, stable for the name.
    pub entry: u64,
}

/// The functions a simulation knows, interned by name and whether they are inlined:
/// a function Go inlines where it is called directly keeps a frame of its own where
/// it is called through a function value, so it can be registered both ways.
#[derive(Default, Debug)]
pub struct FuncTable {
    funcs: Vec<FuncInfo>,
    by_name: HashMap<(String, bool), FuncId>,
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl FuncTable {
    /// Registers `spec`, or returns the id of the function already registered under its
    /// name (inlined, or not, as `spec` is).
    pub fn intern(&mut self, spec: FuncSpec) -> FuncId {
        let key = (spec.name.clone(), spec.inlined);
        if let Some(&id) = self.by_name.get(&key) {
            return id;
        }
        // Runtime and standard-library code sits low in the text segment, user code
        // higher, as in a real binary; within each region the hash spreads functions.
        let base: u64 = if spec.file.starts_with(GOROOT_SRC) { 0x40_1000 } else { 0x6a_0000 };
        let entry = base + (fnv(&spec.name) % 0x1f_0000) / 0x20 * 0x20;
        let id = FuncId(self.funcs.len() as u32);
        self.by_name.insert(key, id);
        self.funcs.push(FuncInfo { spec, entry });
        id
    }

    /// The function behind `id`.
    pub fn get(&self, id: FuncId) -> &FuncInfo {
        &self.funcs[id.0 as usize]
    }

    /// The id of a function registered under `name` (its out-of-line frame, if it has both).
    pub fn lookup(&self, name: &str) -> Option<FuncId> {
        let key = |inlined| (name.to_string(), inlined);
        self.by_name.get(&key(false)).or_else(|| self.by_name.get(&key(true))).copied()
    }

    /// The return-address offset of a call made at `line` inside `func`.
    pub fn ret_off(&self, loc: Loc) -> u64 {
        let f = self.get(loc.func);
        let delta = loc.line.saturating_sub(f.spec.decl_line) as u64;
        0x1d + (delta * 0x0b + (fnv(&f.spec.name) & 0x0f)) % 0x3c0
    }

    /// The offset of the inline mark for a call at `line` in `func`: where Go's
    /// traceback puts a "fake" PC for a frame whose callee was inlined.
    pub fn mark_off(&self, loc: Loc) -> u64 {
        let f = self.get(loc.func);
        let delta = loc.line.saturating_sub(f.spec.decl_line) as u64;
        0x0c + (delta * 0x4) % 0x10
    }
}

/// Ids of the runtime and standard-library functions every simulation has; the
/// runtime pushes them when a goroutine parks, and library code may use them too.
#[derive(Clone, Copy, Debug)]
#[allow(missing_docs)]
pub struct Std {
    pub gopark: FuncId,
    pub goparkunlock: FuncId,
    pub goexit: FuncId,
    pub runtime_main: FuncId,
    pub chansend1: FuncId,
    pub chansend: FuncId,
    pub chanrecv1: FuncId,
    pub chanrecv2: FuncId,
    pub chanrecv: FuncId,
    pub selectgo: FuncId,
    pub block: FuncId,
    pub time_sleep: FuncId,
    pub semacquire1: FuncId,
    pub sema_wg: FuncId,
    pub wg_wait: FuncId,
    pub sema_mutex: FuncId,
    pub mutex_lock_slow: FuncId,
    pub mutex_lock: FuncId,
    pub internal_mutex_lock: FuncId,
    pub netpollblock: FuncId,
    pub poll_wait: FuncId,
    pub gopanic: FuncId,
    pub sync_fatal: FuncId,
    pub mutex_unlock_slow: FuncId,
    pub internal_mutex_unlock: FuncId,
    pub mutex_unlock: FuncId,
    pub wg_add: FuncId,
    pub wg_done: FuncId,
    pub sema_rw_r: FuncId,
    pub sema_rw: FuncId,
    pub rw_rlock: FuncId,
    pub rw_lock: FuncId,
    pub rw_runlock: FuncId,
    pub rw_runlock_slow: FuncId,
    pub rw_unlock: FuncId,
    pub sync_fatal_rw: FuncId,
    /// `time.goFunc`, which starts the goroutine of a `time.AfterFunc` function.
    pub time_gofunc: FuncId,
}

/// Lines inside the runtime functions where the next frame's call sits.
///
/// They come from one Go release (see `STD_LINES_VERSION`), so that a dump printed
/// here reads like a dump from that release.
pub mod lines {
    #![allow(missing_docs)]
    pub const STD_LINES_VERSION: &str = "go1.24.4";
    pub const GOPARK: u32 = 435;
    pub const GOPARKUNLOCK: u32 = 441;
    pub const GOEXIT: u32 = 1700;
    pub const RUNTIME_MAIN: u32 = 283;
    pub const CHANSEND1: u32 = 161;
    pub const CHANSEND: u32 = 283;
    pub const CHANSEND_NIL: u32 = 176;
    pub const CHANRECV1: u32 = 506;
    pub const CHANRECV2: u32 = 511;
    pub const CHANRECV: u32 = 664;
    pub const CHANRECV_NIL: u32 = 540;
    pub const SELECTGO: u32 = 335;
    pub const BLOCK: u32 = 102;
    pub const TIME_SLEEP: u32 = 338;
    pub const SEMACQUIRE1: u32 = 188;
    pub const SEMA_WG: u32 = 110;
    pub const WG_WAIT: u32 = 118;
    pub const SEMA_MUTEX: u32 = 95;
    pub const MUTEX_LOCK_SLOW: u32 = 149;
    pub const INTERNAL_MUTEX_LOCK: u32 = 70;
    pub const MUTEX_LOCK: u32 = 46;
    pub const NETPOLLBLOCK: u32 = 575;
    pub const POLL_WAIT: u32 = 351;
    pub const GOPANIC: u32 = 787;
    /// `fatal error: sync: unlock of unlocked mutex`, as Go 1.24.4 printed it.
    pub const SYNC_FATAL: u32 = 1068;
    pub const MUTEX_UNLOCK_SLOW: u32 = 204;
    pub const INTERNAL_MUTEX_UNLOCK: u32 = 198;
    pub const MUTEX_UNLOCK: u32 = 65;
    /// `panic: sync: negative WaitGroup counter`, as Go 1.24.4 printed it.
    pub const WG_ADD_PANIC: u32 = 64;
    pub const WG_DONE: u32 = 89;
    pub const SEMA_RW_R: u32 = 100;
    pub const SEMA_RW: u32 = 105;
    pub const RW_RLOCK: u32 = 74;
    /// `rw.w.Lock()`: a writer waiting for the writer before it.
    pub const RW_LOCK_W: u32 = 150;
    /// A writer waiting for the readers to leave.
    pub const RW_LOCK: u32 = 155;
    /// `fatal error: sync: RUnlock of unlocked RWMutex`, as Go 1.24.4 printed it.
    pub const RW_RUNLOCK: u32 = 122;
    pub const RW_RUNLOCK_SLOW: u32 = 132;
    /// `fatal error: sync: Unlock of unlocked RWMutex`.
    pub const RW_UNLOCK: u32 = 212;
    /// `sync.fatal` (the RWMutex's; the Mutex's is `internal/sync.fatal`).
    pub const SYNC_FATAL_RW: u32 = 1038;
    /// `go arg.(func())()` in `time.goFunc`: the `created by` of an `AfterFunc` goroutine.
    pub const TIME_GOFUNC: u32 = 215;
}

impl Std {
    /// Registers the standard functions in `t`.
    pub fn register(t: &mut FuncTable) -> Std {
        let rt = |t: &mut FuncTable, name: &str, file: &str, decl: u32| {
            t.intern(FuncSpec::new(name, format!("{GOROOT_SRC}{file}"), decl))
        };
        Std {
            gopark: rt(t, "runtime.gopark", "runtime/proc.go", 390),
            goparkunlock: rt(t, "runtime.goparkunlock", "runtime/proc.go", 440),
            goexit: rt(t, "runtime.goexit", "runtime/asm_amd64.s", 1699),
            runtime_main: rt(t, "runtime.main", "runtime/proc.go", 145),
            chansend1: rt(t, "runtime.chansend1", "runtime/chan.go", 160),
            chansend: rt(t, "runtime.chansend", "runtime/chan.go", 176),
            chanrecv1: rt(t, "runtime.chanrecv1", "runtime/chan.go", 505),
            chanrecv2: rt(t, "runtime.chanrecv2", "runtime/chan.go", 510),
            chanrecv: rt(t, "runtime.chanrecv", "runtime/chan.go", 526),
            selectgo: rt(t, "runtime.selectgo", "runtime/select.go", 121),
            block: rt(t, "runtime.block", "runtime/select.go", 101),
            time_sleep: t.intern(FuncSpec::new("time.Sleep", format!("{GOROOT_SRC}runtime/time.go"), 300).args("D")),
            semacquire1: rt(t, "runtime.semacquire1", "runtime/sema.go", 156),
            sema_wg: rt(t, "sync.runtime_SemacquireWaitGroup", "runtime/sema.go", 109),
            wg_wait: t.intern(
                FuncSpec::new("sync.(*WaitGroup).Wait", format!("{GOROOT_SRC}sync/waitgroup.go"), 105).args("P"),
            ),
            sema_mutex: t.intern(
                FuncSpec::new("internal/sync.runtime_SemacquireMutex", format!("{GOROOT_SRC}runtime/sema.go"), 94)
                    .args("P?, 0x0?, 0x1?"),
            ),
            mutex_lock_slow: t.intern(
                FuncSpec::new("internal/sync.(*Mutex).lockSlow", format!("{GOROOT_SRC}internal/sync/mutex.go"), 95)
                    .args("P"),
            ),
            internal_mutex_lock: t.intern(
                FuncSpec::new("internal/sync.(*Mutex).Lock", format!("{GOROOT_SRC}internal/sync/mutex.go"), 61)
                    .inlined(),
            ),
            mutex_lock: t
                .intern(FuncSpec::new("sync.(*Mutex).Lock", format!("{GOROOT_SRC}sync/mutex.go"), 45).inlined()),
            netpollblock: rt(t, "runtime.netpollblock", "runtime/netpoll.go", 555),
            poll_wait: t.intern(
                FuncSpec::new("internal/poll.runtime_pollWait", format!("{GOROOT_SRC}runtime/netpoll.go"), 333)
                    .args("P, 0x72"),
            ),
            gopanic: rt(t, "runtime.gopanic", "runtime/panic.go", 747),
            sync_fatal: t.intern(
                FuncSpec::new("internal/sync.fatal", format!("{GOROOT_SRC}runtime/panic.go"), 1066)
                    .args("{0x7c3e5a?, P?}"),
            ),
            mutex_unlock_slow: t.intern(
                FuncSpec::new("internal/sync.(*Mutex).unlockSlow", format!("{GOROOT_SRC}internal/sync/mutex.go"), 200)
                    .args("P, 0xffffffff"),
            ),
            internal_mutex_unlock: t.intern(
                FuncSpec::new("internal/sync.(*Mutex).Unlock", format!("{GOROOT_SRC}internal/sync/mutex.go"), 187)
                    .inlined(),
            ),
            mutex_unlock: t
                .intern(FuncSpec::new("sync.(*Mutex).Unlock", format!("{GOROOT_SRC}sync/mutex.go"), 64).inlined()),
            wg_add: t.intern(
                FuncSpec::new("sync.(*WaitGroup).Add", format!("{GOROOT_SRC}sync/waitgroup.go"), 43).args("P?, P?"),
            ),
            wg_done: t.intern(
                FuncSpec::new("sync.(*WaitGroup).Done", format!("{GOROOT_SRC}sync/waitgroup.go"), 88).inlined(),
            ),
            sema_rw_r: t.intern(
                FuncSpec::new("sync.runtime_SemacquireRWMutexR", format!("{GOROOT_SRC}runtime/sema.go"), 99)
                    .args("0x0?, 0x0?, 0x0?"),
            ),
            sema_rw: t.intern(
                FuncSpec::new("sync.runtime_SemacquireRWMutex", format!("{GOROOT_SRC}runtime/sema.go"), 104)
                    .args("0x0?, 0x0?, 0x0?"),
            ),
            rw_rlock: t
                .intern(FuncSpec::new("sync.(*RWMutex).RLock", format!("{GOROOT_SRC}sync/rwmutex.go"), 67).inlined()),
            rw_lock: t.intern(
                FuncSpec::new("sync.(*RWMutex).Lock", format!("{GOROOT_SRC}sync/rwmutex.go"), 144).args("0x0?"),
            ),
            rw_runlock: t.intern(
                FuncSpec::new("sync.(*RWMutex).RUnlock", format!("{GOROOT_SRC}sync/rwmutex.go"), 114).inlined(),
            ),
            rw_runlock_slow: t.intern(
                FuncSpec::new("sync.(*RWMutex).rUnlockSlow", format!("{GOROOT_SRC}sync/rwmutex.go"), 129)
                    .args("P, 0xffffffff?"),
            ),
            rw_unlock: t
                .intern(FuncSpec::new("sync.(*RWMutex).Unlock", format!("{GOROOT_SRC}sync/rwmutex.go"), 201).args("P")),
            sync_fatal_rw: t.intern(
                FuncSpec::new("sync.fatal", format!("{GOROOT_SRC}runtime/panic.go"), 1037).args("{0x7c3e5a?, P?}"),
            ),
            time_gofunc: rt(t, "time.goFunc", "time/sleep.go", 214),
        }
    }
}
