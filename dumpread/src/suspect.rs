//! Groups that look like leaks, each with a sentence that says why, in the
//! manner of tokio-console's warnings: the sentence is a full sentence, the
//! summary reads after a count.

use crate::text::{Arg, Count, Text};
use crate::{text, Dump, Group};

/// The leak pattern a suspect group shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pattern {
    /// Marked `(leaked)` by Go 1.26's goroutineleak profile: proven, not guessed.
    Leaked,
    /// `net/http.(*persistConn).roundTrip` waiting for a response, with its readLoop and writeLoop.
    RoundTrip,
    /// Blocked sending on a channel in the program's code.
    ChanSend,
    /// Blocked receiving from a channel.
    ChanReceive,
    /// Blocked in a `select`.
    Select,
    /// Blocked on a `sync` primitive: a mutex, a WaitGroup, a Cond.
    Sync,
    /// Sleeping in the program's code.
    Sleep,
    /// Parked in the program's code, in a format that names no wait reason
    /// (debug=1 hides the runtime frames that would tell).
    Parked,
}

impl Pattern {
    /// Reads after a count: `20 goroutines` + `blocked sending on a channel`.
    pub fn summary(self) -> &'static str {
        match self {
            Pattern::Leaked => "leaked (proven by the goroutineleak profile)",
            Pattern::RoundTrip => "waiting for an HTTP response that has not come",
            Pattern::ChanSend => "blocked sending on a channel",
            Pattern::ChanReceive => "blocked receiving from a channel",
            Pattern::Select => "blocked in a select",
            Pattern::Sync => "blocked on a lock or WaitGroup",
            Pattern::Sleep => "sleeping",
            Pattern::Parked => "parked at the same line",
        }
    }

    /// The wait reason Go prints for it: `chan send`, `select`; `sync` for the
    /// `sync.*` reasons, `parked` for [`Pattern::Parked`] and `leaked` for [`Pattern::Leaked`].
    pub fn reason(self) -> &'static str {
        match self {
            Pattern::Leaked => "leaked",
            Pattern::RoundTrip | Pattern::Select => "select",
            Pattern::ChanSend => "chan send",
            Pattern::ChanReceive => "chan receive",
            Pattern::Sync => "sync",
            Pattern::Sleep => "sleep",
            Pattern::Parked => "parked",
        }
    }
}

/// A group that looks like a leak.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suspect {
    /// The index of the group in the slice given to [`suspects`].
    pub group: usize,
    /// The pattern it shows.
    pub pattern: Pattern,
    /// Why it is suspect, one full sentence (in English: [`Suspect::text`]'s `Display`).
    pub reason: String,
    /// The same sentence as a template and its values, for a reader that translates it.
    pub text: Text,
    /// Other groups that belong to it (a stuck round trip's readLoop and writeLoop).
    pub related: Vec<usize>,
}

/// Groups with fewer goroutines than this are not suspected unless they are
/// proven leaked or stuck in an HTTP round trip: a handful of goroutines
/// parked on a channel is how worker pools look.
pub const MIN_GOROUTINES: u64 = 10;

/// Go prints a wait time from one minute on; in a dump that has wait times, a
/// group that has waited this long with [`MIN_GOROUTINES`] goroutines is
/// suspect. Seconds are how long requests take under load, not a leak.
pub const MIN_MINUTES: u32 = 1;

/// So many goroutines parked sending on the same line is a pile-up even when
/// none has waited a minute yet: the receiver cannot keep up. In formats
/// without wait times (debug=1, protobuf) it is the bar for every pattern.
pub const PILE_UP: u64 = 100;

/// What a group's goroutines wait in, from their wait reason or, in formats
/// that print none (debug=1, protobuf), from the functions they are parked in;
/// `None` for running, runnable, I/O and the runtime's own waits.
///
/// ```
/// let pb = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../lessons/oracle/dumps/upstream-leaky.go1.24.4.t8s.debug0.pb.gz")).unwrap();
/// let dump = dumpread::parse(&pb).unwrap();
/// let groups = dumpread::group(&dump, Default::default());
/// assert_eq!(groups[0].reason, None);
/// assert_eq!(dumpread::blocked_in(&dump, &groups[0]), Some(dumpread::Pattern::ChanSend));
/// ```
pub fn blocked_in(dump: &Dump, g: &Group) -> Option<Pattern> {
    if let Some(r) = &g.reason {
        return Some(match r.as_str() {
            r if r.starts_with("chan send") => Pattern::ChanSend,
            r if r.starts_with("chan receive") => Pattern::ChanReceive,
            r if r.starts_with("select") => Pattern::Select,
            r if r.starts_with("sync.") || r.starts_with("semacquire") => Pattern::Sync,
            "sleep" => Pattern::Sleep,
            _ => return None,
        });
    }
    // The innermost frame that tells: the protobuf profile has the runtime's
    // frames (`runtime.chansend1`), debug=1 only the exported ones (`time.Sleep`).
    for f in &g.frames {
        let name = dump.name(f.function);
        let p = match name {
            "runtime.chansend1" | "runtime.chansend" => Pattern::ChanSend,
            "runtime.chanrecv1" | "runtime.chanrecv2" | "runtime.chanrecv" => Pattern::ChanReceive,
            "runtime.selectgo" | "runtime.block" => Pattern::Select,
            "time.Sleep" | "runtime.timeSleep" => Pattern::Sleep,
            "runtime.gopark" | "runtime.goparkunlock" => continue,
            n if n.starts_with("sync.") || n.starts_with("internal/sync.") || n.starts_with("runtime.semacquire") => {
                Pattern::Sync
            }
            _ => return None,
        };
        return Some(p);
    }
    None
}

/// The subject of a suspect's sentence with its verb: `These 12 goroutines have`.
fn goroutines(n: u64) -> Text {
    if n == 1 {
        text!("This goroutine has")
    } else {
        text!("These {0} goroutines have", Count(n))
    }
}

/// ` for up to 14 minutes` or ` for less than a minute`; empty without wait times.
fn waited(g: &Group) -> Arg {
    match (g.reason.is_some(), g.longest_minutes()) {
        (false, _) => Arg::Plain(String::new()),
        (true, 0) => text!(" for less than a minute").into(),
        (true, 1) => text!(" for up to 1 minute").into(),
        (true, m) => text!(" for up to {0} minutes", Count(m.into())).into(),
    }
}

fn suspect(group: usize, pattern: Pattern, text: Text, related: Vec<usize>) -> Suspect {
    Suspect { group, pattern, reason: text.to_string(), text, related }
}

/// The groups of `dump` that look like leaks, in the order of `groups`.
///
/// ```
/// let mut text = String::new();
/// for id in 1..=12 {
///     text += &format!("goroutine {id} [chan send, 3 minutes]:\nmain.logAsync.func1()\n\t/app/main.go:31 +0x2c\n\
///                       created by main.logAsync in goroutine 5\n\t/app/main.go:29 +0x4c\n\n");
/// }
/// let dump = dumpread::parse(text.as_bytes()).unwrap();
/// let groups = dumpread::group(&dump, Default::default());
/// let s = dumpread::suspects(&dump, &groups);
/// assert_eq!(s[0].pattern, dumpread::Pattern::ChanSend);
/// assert!(s[0].reason.starts_with("These 12 goroutines have been blocked for up to 3 minutes sending"));
/// ```
pub fn suspects(dump: &Dump, groups: &[Group]) -> Vec<Suspect> {
    let mut out = Vec::new();
    let has = |g: &Group, name: &str| g.frames.iter().any(|f| dump.name(f.function) == name);
    let timed = |g: &Group| g.reason.is_some();
    for (i, g) in groups.iter().enumerate() {
        let own = g.own_frame(dump);
        let at: Arg = match own {
            Some(f) => format!("{} ({}:{})", dump.name(f.function), dump.name(f.file), f.line).into(),
            None => match g.top_frame(dump) {
                Some(f) => dump.name(f.function).into(),
                None => text!("an empty stack").into(),
            },
        };
        let kind = blocked_in(dump, g);
        let many = g.count >= MIN_GOROUTINES;
        let long = g.longest_minutes() >= MIN_MINUTES;
        let n = g.count;
        if g.leaked {
            let verb = match kind {
                Some(Pattern::ChanSend) => text!("finish its send on a channel"),
                Some(Pattern::ChanReceive) => text!("receive from its channel"),
                Some(Pattern::Select) => text!("leave its select"),
                Some(Pattern::Sync) => text!("get its lock or see its WaitGroup reach zero"),
                _ => text!("run again"),
            };
            let (head, they, waits) = if n == 1 {
                (text!("This goroutine leaked"), text!("it"), text!("it waits"))
            } else {
                (text!("These {0} goroutines leaked", Count(n)), text!("each"), text!("they wait"))
            };
            out.push(suspect(
                i,
                Pattern::Leaked,
                text!(
                    "{0}: Go's goroutineleak profile proved that {1} can never {2} at {3}, because no goroutine that \
                     can still run reaches what {4} on.",
                    head,
                    they,
                    verb,
                    at,
                    waits
                ),
                Vec::new(),
            ));
            continue;
        }
        // With wait times, only a wait of minutes counts: during load many
        // requests are in flight, each in a round trip or a select, for
        // seconds. Without them, only a crowd on one line does.
        let crowd = n >= PILE_UP;
        let slow = if timed(g) { long } else { crowd };
        if has(g, "net/http.(*persistConn).roundTrip") && matches!(kind, Some(Pattern::Select) | None) && slow {
            let loops: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    has(o, "net/http.(*persistConn).readLoop") || has(o, "net/http.(*persistConn).writeLoop")
                })
                .map(|(j, _)| j)
                .collect();
            let count =
                |name: &str| loops.iter().filter(|&&j| has(&groups[j], name)).map(|&j| groups[j].count).sum::<u64>();
            let text = text!(
                "{0} waited{1} in net/http.(*persistConn).roundTrip for a response that has not come, called from \
                 {2}; a request with no context deadline and no Client.Timeout waits as long as the server keeps \
                 the connection open, and each such connection also holds a readLoop and a writeLoop goroutine ({3} \
                 and {4} in this dump).",
                goroutines(n),
                waited(g),
                at,
                Count(count("net/http.(*persistConn).readLoop")),
                Count(count("net/http.(*persistConn).writeLoop"))
            );
            out.push(suspect(i, Pattern::RoundTrip, text, loops));
            continue;
        }
        if own.is_none() {
            continue;
        }
        let kind = match kind {
            Some(k) => k,
            None if !timed(g) => Pattern::Parked,
            None => continue,
        };
        let pile_up = kind == Pattern::ChanSend && crowd;
        if !(pile_up || slow && many) {
            continue;
        }
        let untimed: Arg = if timed(g) {
            Arg::Plain(String::new())
        } else {
            text!(
                " This format prints no wait times, so it may be ordinary load; a debug=2 dump shows how long they \
                 have waited."
            )
            .into()
        };
        let head = goroutines(n);
        let w = waited(g);
        let reason = match kind {
            Pattern::ChanSend => text!(
                "{0} been blocked{1} sending on a channel at {2}; a send that no receiver takes never returns, so \
                 each of them and everything it references stays in memory.{3}",
                head,
                w,
                at,
                untimed
            ),
            Pattern::ChanReceive => text!(
                "{0} been blocked{1} receiving from a channel at {2}; unless someone still sends on it or closes \
                 it, they wait forever.{3}",
                head,
                w,
                at,
                untimed
            ),
            Pattern::Select => text!(
                "{0} been blocked{1} in a select at {2}; unless one of its cases can still fire (a context's Done, \
                 a timer, a channel someone sends on), they never return.{3}",
                head,
                w,
                at,
                untimed
            ),
            Pattern::Sync => text!(
                "{0} been blocked{1} on a lock or WaitGroup at {2}; a Mutex that is never unlocked or a Done that \
                 never comes keeps them there forever.{3}",
                head,
                w,
                at,
                untimed
            ),
            Pattern::Sleep => text!(
                "{0} been sleeping{1} at {2}, and nothing can stop a time.Sleep early; if each request starts one, \
                 they pile up as fast as requests arrive.{3}",
                head,
                w,
                at,
                untimed
            ),
            Pattern::Parked => text!(
                "{0} all stopped at {1}, where a goroutine waits on a channel, a lock or a timer; so many on one \
                 line usually means they wait for something that does not come.{2}",
                head,
                at,
                untimed
            ),
            Pattern::Leaked | Pattern::RoundTrip => continue,
        };
        out.push(suspect(i, kind, reason, Vec::new()));
    }
    out
}
