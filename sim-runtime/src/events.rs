//! The event log: what happened at which virtual instant, in order.

use std::collections::VecDeque;

use crate::funcs::{FuncId, FuncTable, Loc};
use crate::gc::GcCycle;
use crate::goroutine::{Goid, WaitReason};
use crate::time::Time;

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub at: Time,
    /// What.
    pub kind: EventKind,
}

/// The kinds of events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// A goroutine was created (by `parent`, unless it is `main` or a root).
    Spawned {
        /// The new goroutine.
        goid: Goid,
        /// Its start function.
        entry: FuncId,
        /// The creating goroutine.
        parent: Option<Goid>,
    },
    /// A goroutine parked.
    Blocked {
        /// The goroutine.
        goid: Goid,
        /// Go's wait reason.
        reason: WaitReason,
        /// The innermost frame of the simulated program at the blocking call.
        at: Loc,
    },
    /// A parked goroutine became runnable.
    Woke {
        /// The goroutine.
        goid: Goid,
    },
    /// A goroutine returned from its start function.
    Exited {
        /// The goroutine.
        goid: Goid,
    },
    /// A channel was closed.
    Closed {
        /// The goroutine that closed it.
        goid: Goid,
        /// The channel's name.
        chan: String,
    },
    /// A goroutine panicked.
    Panicked {
        /// The goroutine.
        goid: Goid,
        /// The panic message.
        message: String,
    },
    /// Every goroutine is asleep.
    Deadlock,
    /// The memory estimate passed the limit.
    OutOfMemory {
        /// The estimate.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A garbage-collection cycle ran.
    Gc(GcCycle),
    /// A note from simulated code outside goroutines (a client request, a response).
    Note(String),
}

impl Event {
    /// One line of the log: the instant, then what happened.
    pub fn format(&self, funcs: &FuncTable) -> String {
        let what = match &self.kind {
            EventKind::Spawned { goid, entry, parent } => match parent {
                Some(0) => format!("goroutine {goid} started by the runtime: {}", funcs.get(*entry).spec.name),
                Some(p) => format!("goroutine {goid} created by goroutine {p}: {}", funcs.get(*entry).spec.name),
                None => format!("goroutine {goid} started: {}", funcs.get(*entry).spec.name),
            },
            EventKind::Blocked { goid, reason, at } => {
                let f = funcs.get(at.func);
                let file = f.spec.file.rsplit('/').next().unwrap_or("");
                format!("goroutine {goid} blocked [{reason}] in {} at {file}:{}", f.spec.name, at.line)
            }
            EventKind::Woke { goid } => format!("goroutine {goid} runnable"),
            EventKind::Exited { goid } => format!("goroutine {goid} exited"),
            EventKind::Closed { goid, chan } => format!("goroutine {goid} closed {chan}"),
            EventKind::Panicked { goid, message } => format!("goroutine {goid} panicked: {message}"),
            EventKind::Deadlock => "fatal error: all goroutines are asleep - deadlock!".to_string(),
            EventKind::OutOfMemory { bytes, limit } => {
                format!("out of memory: {bytes} bytes estimated, limit {limit}: killed")
            }
            EventKind::Gc(c) => {
                let goal = match c.next_goal {
                    Some(g) => format!("next goal {} KiB", g / 1024),
                    None => "GOGC=off".to_string(),
                };
                format!(
                    "gc {} ({}): heap {} KiB -> {} KiB live, {goal}; {} blocked goroutine(s) timed from here",
                    c.n,
                    c.trigger.as_str(),
                    c.heap_before / 1024,
                    c.heap_marked / 1024,
                    c.timed
                )
            }
            EventKind::Note(s) => s.clone(),
        };
        format!("{:>12}  {what}", self.at.to_string())
    }
}

/// A bounded log: keeps the newest `capacity` events.
#[derive(Debug)]
pub(crate) struct EventLog {
    capacity: usize,
    events: VecDeque<Event>,
}

impl EventLog {
    pub fn new(capacity: usize) -> Self {
        EventLog { capacity, events: VecDeque::new() }
    }
    pub fn enabled(&self) -> bool {
        self.capacity > 0
    }
    pub fn push(&mut self, e: Event) {
        if self.events.len() == self.capacity {
            self.events.pop_front();
        }
        self.events.push_back(e);
    }
    pub fn drain(&mut self) -> Vec<Event> {
        self.events.drain(..).collect()
    }
}
