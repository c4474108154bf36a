//! One lesson running in the page: the [`Run`] plus everything the clock controls do
//! to it — play in time slices, step to the next event, jump forward, step back by
//! deterministic replay — and the view model the components render.

use std::collections::BTreeMap;
use std::sync::Arc;

use lessons::{Run, RunConfig};
use sim_runtime::{DumpKind, Duration, Outcome, RunState, Snapshot, SnapshotJob, Time};

/// The listing file every lesson's program is printed from.
const MAIN_GO: &str = "/app/main.go";

/// How far one slice of simulation goes before the page gets a chance to paint.
const SLICE: Duration = Duration::from_millis(20);

/// A lesson in the page.
pub struct Session {
    config: RunConfig,
    run: Run,
    state: RunState,
}

/// A group of goroutines as the goroutine view shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupView {
    /// How many goroutines share this stack and state.
    pub count: usize,
    /// Go's text for the state: `chan send`, `sleep`, `IO wait`, …
    pub state: String,
    /// Nothing can ever wake these (Go 1.26's goroutineleak sense).
    pub leaked: bool,
    /// The longest wait among them, as Go prints a duration.
    pub longest_wait: Option<Duration>,
    /// The line of the listing the group is parked on (its innermost `main.go` frame).
    pub line: Option<u32>,
    /// `func file:line` of each visible frame, innermost first.
    pub frames: Vec<String>,
    /// `created by …`.
    pub created_by: Option<String>,
    /// The member goroutine ids, in registry order (shared: a million of them are not
    /// copied each time a component reads the view).
    pub goids: Arc<[u64]>,
}

/// The state kind a group is in, for colour and icon (never colour alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateKind {
    /// Running or runnable.
    Running,
    /// Parked, but something will wake it (sleep, network, a reachable channel).
    Waiting,
    /// Parked with nothing that can ever wake it.
    Leaked,
}

impl GroupView {
    /// Which kind of state this is.
    pub fn kind(&self) -> StateKind {
        if self.leaked {
            StateKind::Leaked
        } else if self.state == "running" || self.state == "runnable" {
            StateKind::Running
        } else {
            StateKind::Waiting
        }
    }
}

/// A channel as the channel view shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelView {
    /// The Go variable.
    pub name: String,
    /// `len(ch)`.
    pub len: usize,
    /// `cap(ch)`.
    pub cap: usize,
    /// Closed.
    pub closed: bool,
    /// Goroutines queued to send.
    pub senders: Arc<[u64]>,
    /// Goroutines queued to receive.
    pub receivers: Arc<[u64]>,
    /// How many channels of the same name look exactly like this one (one per request,
    /// for a channel made in a handler): they are shown once, with this count.
    pub count: usize,
}

/// Everything the page shows about one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The virtual instant.
    pub now: Time,
    /// `runtime.NumGoroutine()`.
    pub goroutines: usize,
    /// Estimated memory, bytes.
    pub memory: u64,
    /// Goroutine groups, largest first.
    pub groups: Vec<GroupView>,
    /// Channels of the program.
    pub channels: Vec<ChannelView>,
    /// Goroutines parked on each listing line.
    pub badges: BTreeMap<u32, usize>,
    /// How the process ended, if it did.
    pub outcome: Option<Outcome>,
    /// Nothing more will happen without outside input.
    pub idle: bool,
    /// Requests sent and answered so far.
    pub requests: (usize, usize),
}

impl Session {
    /// Starts `config` at virtual time zero.
    pub fn new(config: RunConfig) -> Result<Session, String> {
        let run = Run::new(config.clone())?;
        let mut s = Session { config, run, state: RunState::Active };
        s.state = s.run.advance_to(Time(0));
        Ok(s)
    }

    /// What runs.
    pub fn config(&self) -> &RunConfig {
        &self.config
    }

    /// The run, for dumps and listings.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// The virtual instant.
    pub fn now(&self) -> Time {
        self.run.now()
    }

    /// Whether the run can move on (it has not ended).
    pub fn ended(&self) -> bool {
        matches!(self.state, RunState::Ended(_))
    }

    /// Runs toward `target` in slices, asking `keep_going` between slices whether
    /// the frame's time budget allows another. Returns whether `target` was reached.
    pub fn advance_toward(&mut self, target: Time, mut keep_going: impl FnMut() -> bool) -> bool {
        while self.now() < target && !self.ended() {
            let next = self.now().after(SLICE).min(target);
            self.state = self.run.advance_to(next);
            if self.now() < target && !keep_going() {
                return false;
            }
        }
        self.now() >= target || self.ended()
    }

    /// Moves the clock by `d` (all at once).
    pub fn advance(&mut self, d: Duration) {
        let target = self.now().after(d);
        self.advance_toward(target, || true);
    }

    /// Steps to the next event (a timer, a wake-up).
    pub fn step(&mut self) {
        if !self.ended() {
            self.state = self.run.step();
        }
    }

    /// Shows instant `t`: forward by running, backward by replaying from the seed,
    /// which gives exactly the same run.
    pub fn seek(&mut self, t: Time) -> Result<(), String> {
        if t < self.now() {
            *self = Session::new(self.config.clone())?;
        }
        self.advance_toward(t, || true);
        Ok(())
    }

    /// Replays from the seed, event by event, to the last instant before `t` at which
    /// something happened, so that the clock shows that event's instant.
    pub fn step_back_from(&mut self, t: Time) -> Result<(), String> {
        *self = Session::new(self.config.clone())?;
        self.step_while_before(t);
        Ok(())
    }

    /// Steps, event by event, while the next event comes before `t`. Returns whether it
    /// stepped at all.
    pub fn step_while_before(&mut self, t: Time) -> bool {
        self.step_while_before_until(t, || true).0
    }

    /// [`Session::step_while_before`] while `more()` says so: returns (whether it stepped,
    /// whether it is done — the next event is at or after `t`, or the run has ended).
    pub fn step_while_before_until(&mut self, t: Time, mut more: impl FnMut() -> bool) -> (bool, bool) {
        let mut stepped = false;
        while !self.ended() {
            match self.run.sim.next_timer() {
                Some(next) if next < t => {
                    if !more() {
                        return (stepped, false);
                    }
                    self.state = self.run.step();
                    stepped = true;
                }
                _ => break,
            }
        }
        (stepped, true)
    }

    /// The dump of this instant.
    pub fn dump(&self, kind: DumpKind) -> String {
        self.run.dump(kind)
    }

    /// The protobuf profile of this instant, before gzip (the dump worker gzips it).
    pub fn profile_raw(&self) -> Vec<u8> {
        self.run.profile_raw()
    }

    /// The view of this instant.
    pub fn view(&self) -> View {
        let mut job = self.view_job();
        loop {
            if let Some(view) = self.view_step(&mut job, &mut || true) {
                return view;
            }
        }
    }

    /// Starts the view of this instant, to be made a slice at a time ([`Session::view_step`]).
    pub fn view_job(&self) -> ViewJob {
        ViewJob(self.run.sim.snapshot_job())
    }

    /// Goes on with the view while `more()` says so; the view once it is complete. The
    /// session must not have moved since [`Session::view_job`]: the view is then exactly
    /// [`Session::view`]'s.
    pub fn view_step(&self, job: &mut ViewJob, more: &mut dyn FnMut() -> bool) -> Option<View> {
        let snap = self.run.sim.snapshot_step(&mut job.0, more)?;
        Some(view_of(&self.run, snap, &self.state))
    }
}

/// A view being made a slice at a time (its snapshot: see [`sim_runtime::SnapshotJob`]).
pub struct ViewJob(SnapshotJob);

impl View {
    /// A copy that shares nothing with this view (its ids are copied too).
    pub fn deep_copy(&self) -> View {
        let mut v = self.clone();
        for g in &mut v.groups {
            g.goids = Arc::from(&*g.goids);
        }
        for c in &mut v.channels {
            c.senders = Arc::from(&*c.senders);
            c.receivers = Arc::from(&*c.receivers);
        }
        v
    }
}

fn view_of(run: &Run, snap: Snapshot, state: &RunState) -> View {
    let mut badges = BTreeMap::new();
    let groups: Vec<GroupView> = snap
        .groups
        .into_iter()
        .map(|g| {
            let line = g.frames.iter().find(|f| f.file == MAIN_GO).map(|f| f.line);
            if let (Some(l), false) = (line, g.state == "running" || g.state == "runnable") {
                *badges.entry(l).or_insert(0) += g.goids.len();
            }
            GroupView {
                count: g.goids.len(),
                state: g.state.clone(),
                leaked: g.leaked,
                longest_wait: g.waiting_since.map(|s| Duration(snap.now.0 - s.0)),
                line,
                frames: g
                    .frames
                    .iter()
                    .map(|f| format!("{} {}:{}", f.func, f.file.rsplit('/').next().unwrap_or(""), f.line))
                    .collect(),
                created_by: g.created_by,
                goids: Arc::from(g.goids),
            }
        })
        .collect();
    // Channels of one name that look alike, with their queues: `(view, senders, receivers)`.
    let mut alike: Vec<(ChannelView, Vec<u64>, Vec<u64>)> = Vec::new();
    for c in snap.channels {
        let same = alike.iter_mut().find(|(v, s, r)| {
            v.name == c.name
                && (v.len, v.cap, v.closed) == (c.len, c.cap, c.closed)
                && s.len() / v.count == c.senders.len()
                && r.len() / v.count == c.receivers.len()
        });
        match same {
            Some((v, s, r)) => {
                v.count += 1;
                s.extend(&c.senders);
                r.extend(&c.receivers);
            }
            None => alike.push((
                ChannelView {
                    name: c.name,
                    len: c.len,
                    cap: c.cap,
                    closed: c.closed,
                    senders: Arc::from([]),
                    receivers: Arc::from([]),
                    count: 1,
                },
                c.senders,
                c.receivers,
            )),
        }
    }
    let channels = alike
        .into_iter()
        .map(|(mut v, s, r)| {
            v.senders = Arc::from(s);
            v.receivers = Arc::from(r);
            v
        })
        .collect();
    let clients = run.server.clients.borrow();
    let answered = clients.iter().filter(|c| c.done.is_some()).count();
    View {
        now: snap.now,
        goroutines: snap.num_goroutine,
        memory: snap.memory_bytes,
        groups,
        channels,
        badges,
        outcome: match state {
            RunState::Ended(o) => Some(o.clone()),
            _ => None,
        },
        idle: matches!(state, RunState::Idle),
        requests: (clients.len(), answered),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session with ideal timers, so that counts are exact arithmetic (the lesson tests
    /// check realistic slack against real Go).
    fn session(lesson: &str, variant: &str) -> Session {
        let mut cfg = RunConfig::defaults(lesson, variant).unwrap();
        let specs = cfg.lesson.knobs.clone();
        cfg.knobs.set(&specs, "timer_slack", "ideal").unwrap();
        Session::new(cfg).unwrap()
    }

    #[test]
    fn playing_in_slices_reaches_the_target_or_stops_when_the_budget_says() {
        let mut s = session("unbounded-send", "leaky");
        let mut slices = 0;
        let reached = s.advance_toward(Time(1_000_000_000), || {
            slices += 1;
            slices < 3
        });
        assert!(!reached);
        assert_eq!(s.now(), Time(60_000_000), "three slices of 20 ms");
        assert!(s.advance_toward(Time(1_000_000_000), || true));
        assert_eq!(s.now(), Time(1_000_000_000));
    }

    #[test]
    fn badges_count_goroutines_parked_on_listing_lines() {
        let mut s = session("unbounded-send", "leaky");
        s.seek(Time(1_002_500_000)).unwrap();
        let v = s.view();
        let send_line = s.run().listing.line("logCh <- msg").unwrap();
        assert_eq!(v.badges.get(&send_line), Some(&80));
        let group = v.groups.iter().find(|g| g.line == Some(send_line)).unwrap();
        assert_eq!(group.count, 80);
        assert_eq!(group.state, "chan send");
        assert_eq!(group.kind(), StateKind::Waiting, "stuck behind a global channel, not leaked");
        let log_ch = v.channels.iter().find(|c| c.name == "logCh").unwrap();
        assert_eq!((log_ch.len, log_ch.cap, log_ch.senders.len(), log_ch.count), (100, 100, 80, 1));
    }

    #[test]
    fn a_view_made_in_slices_is_the_view_made_at_once() {
        for (lesson, variant, at) in [
            ("unbounded-send", "leaky", 12_000_000_000),
            ("upstream", "leaky", 7_000_000_000),
            ("upstream", "safe", 7_000_000_000),
            ("workers", "leaky", 5_000_000_000),
        ] {
            let mut s = session(lesson, variant);
            s.seek(Time(at)).unwrap();
            let whole = s.view();
            assert!(whole.goroutines > 0, "{lesson} {variant}: {} goroutines", whole.goroutines);
            for per in [1, 2, 5] {
                let mut job = s.view_job();
                let mut steps = 0;
                let sliced = loop {
                    let mut k = 0;
                    if let Some(v) = s.view_step(&mut job, &mut || {
                        k += 1;
                        k <= per
                    }) {
                        break v;
                    }
                    steps += 1;
                };
                assert_eq!(sliced, whole, "{lesson} {variant}, {per} per step");
                assert!(steps >= 9 / per, "{lesson} {variant}: {steps} steps of {per}");
            }
        }
    }

    #[test]
    fn stepping_back_replays_exactly() {
        let mut s = session("upstream", "leaky");
        s.seek(Time(7_000_000_000)).unwrap();
        let at7 = (s.view(), s.dump(DumpKind::Debug2));
        s.seek(Time(8_000_000_000)).unwrap();
        s.seek(Time(7_000_000_000)).unwrap();
        assert_eq!((s.view(), s.dump(DumpKind::Debug2)), at7);
        let leaked: usize = s.view().groups.iter().filter(|g| g.kind() == StateKind::Leaked).map(|g| g.count).sum();
        assert_eq!(leaked, 20);
        // Twenty abandoned responseCh channels, one per request, shown as one line.
        let chans = s.view().channels;
        let rc: Vec<_> = chans.iter().filter(|c| c.name == "responseCh").collect();
        assert_eq!(rc.len(), 1);
        assert_eq!((rc[0].count, rc[0].senders.len()), (20, 20));
    }

    #[test]
    fn stepping_back_lands_on_the_previous_event() {
        let mut s = session("upstream", "leaky");
        s.seek(Time(1_000_000_000)).unwrap();
        s.step();
        let after = s.now();
        s.step();
        let later = s.now();
        assert!(later > after);
        s.step_back_from(later).unwrap();
        assert_eq!(s.now(), after);
    }

    #[test]
    fn outcomes_show_in_the_view() {
        let mut cfg = RunConfig::defaults("unbounded-send", "leaky").unwrap();
        let specs = cfg.lesson.knobs.clone();
        cfg.knobs.set(&specs, "mem_limit", "5").unwrap();
        cfg.knobs.set(&specs, "duration", "10s").unwrap();
        let mut s = Session::new(cfg).unwrap();
        s.seek(Time(10_000_000_000)).unwrap();
        assert!(matches!(s.view().outcome, Some(Outcome::OutOfMemory { .. })));
        assert!(s.ended());
    }
}
