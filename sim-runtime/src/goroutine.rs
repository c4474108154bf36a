//! Goroutine records, wait reasons and the states derived from them.

use crate::funcs::Loc;
use crate::time::Time;

/// A goroutine id as Go prints it (`goroutine 7 [...]`). Goroutine 1 is `main`.
pub type Goid = u64;

/// The identity of a synchronisation primitive (channel, context, WaitGroup, Mutex),
/// used to show what a goroutine waits on and to reason about leaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct PrimId(pub u32);

/// Why a goroutine is parked, spelled exactly as Go's `waitReason` strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum WaitReason {
    /// `chan send`
    ChanSend,
    /// `chan receive`
    ChanReceive,
    /// `chan send (nil chan)`
    ChanSendNilChan,
    /// `chan receive (nil chan)`
    ChanReceiveNilChan,
    /// `select`
    Select,
    /// `select (no cases)`
    SelectNoCases,
    /// `sleep`
    Sleep,
    /// `IO wait`: network reads, writes and accepts.
    IoWait,
    /// `sync.WaitGroup.Wait` (Go 1.24 and later; older releases printed `semacquire`).
    SyncWaitGroupWait,
    /// `sync.Mutex.Lock`
    SyncMutexLock,
    /// `sync.RWMutex.RLock`
    SyncRWMutexRLock,
    /// `sync.RWMutex.Lock`
    SyncRWMutexLock,
    /// `semacquire`
    Semacquire,
    /// `syscall`: not a wait reason but Go's `_Gsyscall` status, which dumps print
    /// in the same place (`os/signal.signal_recv` sits there waiting for signals).
    Syscall,
}

impl WaitReason {
    /// The string Go prints between the brackets of a dump header.
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::ChanSend => "chan send",
            WaitReason::ChanReceive => "chan receive",
            WaitReason::ChanSendNilChan => "chan send (nil chan)",
            WaitReason::ChanReceiveNilChan => "chan receive (nil chan)",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::Sleep => "sleep",
            WaitReason::IoWait => "IO wait",
            WaitReason::SyncWaitGroupWait => "sync.WaitGroup.Wait",
            WaitReason::SyncMutexLock => "sync.Mutex.Lock",
            WaitReason::SyncRWMutexRLock => "sync.RWMutex.RLock",
            WaitReason::SyncRWMutexLock => "sync.RWMutex.Lock",
            WaitReason::Semacquire => "semacquire",
            WaitReason::Syscall => "syscall",
        }
    }

    /// Whether something outside the process (a network peer) can end this wait,
    /// which is why Go never reports a deadlock while a listener is open.
    pub fn is_external(self) -> bool {
        matches!(self, WaitReason::IoWait | WaitReason::Syscall)
    }

    /// Whether a timer will end this wait on its own.
    pub fn is_timed(self) -> bool {
        matches!(self, WaitReason::Sleep)
    }
}

impl std::fmt::Display for WaitReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a goroutine is doing, derived from the registry's raw facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// Being polled right now (the goroutine that writes a dump sees itself so).
    Running,
    /// Woken and waiting for its turn.
    Runnable,
    /// Parked for `reason` since `since`.
    Waiting {
        /// Go's wait reason.
        reason: WaitReason,
        /// The virtual instant it parked.
        since: Time,
    },
}

impl Status {
    /// The text Go prints in a dump header before any `, N minutes`.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Runnable => "runnable",
            Status::Waiting { reason, .. } => reason.as_str(),
        }
    }
}

/// Where and by whom a goroutine was created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreatedBy {
    /// The `go` statement: the creating function and the line of the statement.
    pub loc: Loc,
    /// The creating goroutine.
    pub parent: Goid,
}

/// The registry's record of one live goroutine.
#[derive(Debug)]
pub(crate) struct GRec {
    pub goid: Goid,
    pub created_by: Option<CreatedBy>,
    /// Frames from the goroutine's start function (index 0) up to the innermost call.
    pub stack: Vec<Loc>,
    pub wait: Option<(WaitReason, Time)>,
    /// The primitives the current wait is on (empty when not waiting on one).
    pub blocked_on: Vec<PrimId>,
    /// Primitives this goroutine holds references to, for leak reasoning.
    pub refs: Vec<PrimId>,
    /// Estimated stack bytes.
    pub stack_bytes: u32,
    /// Heap bytes this goroutine keeps alive (request objects, buffers).
    pub heap_bytes: u32,
    /// The argument of a pending `time.Sleep`, printed in its frame.
    pub sleep_arg: u64,
    /// Whether the goroutine has run at all. Go prints a goroutine that was created
    /// but not yet scheduled with its start wrapper and `runtime.goexit`.
    pub started: bool,
    /// The function Go shows for a goroutine that has not started yet: the
    /// compiler's `gowrapN` wrapper for `go f(args)`, or the function itself.
    pub start_as: crate::funcs::FuncId,
    /// Go's `gp.waitsince`: the start of the first collection that saw this
    /// goroutine blocked in its current wait; cleared whenever it runs. Dumps
    /// print `, N minutes` from here, not from the instant it parked.
    pub gc_since: Option<Time>,
}
