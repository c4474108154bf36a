//! The running lesson, shared through context: the [`World`] of sessions (not `Send`, so kept
//! in local storage) with its checkpoints, the view of the current instant, and the clock
//! controls' state. One animation-frame loop moves the simulation in time slices so the page
//! stays responsive, and takes a checkpoint every so much simulation work, so that going back
//! in time restores one and replays only the rest.

use leptos::prelude::*;
use lessons::{KnobError, RunConfig};
use sim_runtime::{DumpKind, Duration, Time};

use super::PageContext;
use crate::duration::GoDuration;
use crate::state::session::{Session, View, ViewJob};
use crate::state::world::{BackStep, World};
use crate::url_state::UrlState;

/// How much of a frame the simulation may use, in milliseconds; the rest is for painting.
const FRAME_BUDGET_MS: f64 = 9.0;
/// How long one slice of catching up with a chosen instant (a seek, or the replay of a step
/// back) may run, in milliseconds. The slices follow each other with a zero timeout rather
/// than an animation frame, so that the clock arrives about as soon as if it ran in one go,
/// while the page still paints and answers between two slices.
const CATCH_UP_BUDGET_MS: f64 = 30.0;
/// How long one slice of a checkpoint restored or taken, or of a view refresh, may run while
/// the clock is paused, in milliseconds: less than a slice of simulation, for the work that
/// follows the last slice (the view's channels and copies, rendering it, the dump).
const JOB_BUDGET_MS: f64 = 20.0;
/// Simulation work between two checkpoints, in milliseconds: going back in time replays at
/// most about this much.
const MARK_EVERY_MS: f64 = 150.0;
/// Wall time between two view refreshes while a large process is playing (the clock and the
/// goroutine count follow every frame: see [`Live::pulse`]).
const REFRESH_LARGE_MS: f64 = 1500.0;
/// Processes with more goroutines than this refresh their view less often.
const LARGE: usize = 5_000;

/// A view refresh made a slice at a time: the world's version it is of, each session's view
/// job (made once no checkpoint is being restored), the views done so far.
struct RefreshJob {
    version: (u64, u64),
    jobs: Option<Vec<ViewJob>>,
    done: Vec<View>,
    /// Wall time spent on it, ms.
    work: f64,
}

/// One sample of a session for the chart: `(ns, goroutines, bytes, gc cycles so far)`.
pub type Point = (u64, usize, u64, usize);

/// Everything that decides the run; a change rebuilds the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigKey {
    /// Lesson id.
    pub lesson: &'static str,
    /// Variant id.
    pub variant: String,
    /// Knob values as written in the URL.
    pub knobs: Vec<(String, String)>,
    /// Seed.
    pub seed: Option<u64>,
}

impl ConfigKey {
    /// The part of the URL state that decides the run.
    pub fn of(url: &UrlState) -> ConfigKey {
        ConfigKey {
            lesson: url.lesson,
            variant: url.variant.clone(),
            knobs: url.knobs.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            seed: url.seed,
        }
    }

    /// The run configuration, and why each knob that could not be used was refused
    /// (`knobs::knob_notice` says it in the page's language).
    pub fn config(&self, variant: &str) -> Result<(RunConfig, Vec<KnobError>), String> {
        let mut cfg = RunConfig::defaults(self.lesson, variant)?;
        let specs = cfg.lesson.knobs.clone();
        let mut notices = Vec::new();
        for (k, v) in &self.knobs {
            if let Err(e) = cfg.knobs.set(&specs, k, v) {
                notices.push(e);
            }
        }
        cfg.seed = self.seed.unwrap_or(1);
        Ok((cfg, notices))
    }
}

/// The running lesson (one session, or two side by side in compare mode).
#[derive(Clone, Copy)]
pub struct Live {
    world: StoredValue<Option<World>, LocalStorage>,
    /// Simulation work since the last checkpoint, in milliseconds.
    since_mark: StoredValue<f64>,
    /// What the latest checkpoint cost, in milliseconds (all its slices).
    mark_cost: StoredValue<f64>,
    /// What the checkpoint being taken has cost so far, in milliseconds.
    mark_work: StoredValue<f64>,
    /// The view of each session at the current instant.
    pub views: RwSignal<Vec<View>>,
    /// The goroutine count, memory and garbage collections so far over time, one series
    /// per session: `(ns, goroutines, bytes, gc cycles)`.
    pub series: RwSignal<Vec<Vec<Point>>>,
    /// Why the lesson could not start, if it could not.
    pub error: RwSignal<Option<String>>,
    /// Knob values from the URL that could not be used, and why (shown in the page's
    /// language, so a switch of language rewords them).
    pub knob_notices: RwSignal<Vec<KnobError>>,
    /// Playing.
    pub playing: RwSignal<bool>,
    /// Virtual seconds per wall second (1 to 1000).
    pub speed: RwSignal<f64>,
    /// An instant the clock is catching up with (after opening a link, or a seek).
    pub target: RwSignal<Option<Time>>,
    /// The instant and each session's `runtime.NumGoroutine()`, every frame: cheap, so the
    /// clock moves smoothly even while a large process refreshes its views only now and then.
    pub pulse: RwSignal<(Time, Vec<usize>)>,
    /// Bumped whenever the instant changes: dumps and listings recompute on it.
    pub revision: RwSignal<u64>,
    /// A checkpoint is being copied a slice at a time: printing a dump (which runs inside the
    /// simulation's heap, and so would abandon it) waits for it.
    pub copying: RwSignal<bool>,
    /// The listing line whose goroutines are selected.
    pub selected_line: RwSignal<Option<u32>>,
    /// The goroutine group selected in the goroutine view (index into the first view's groups).
    pub selected_group: RwSignal<Option<usize>>,
    looping: StoredValue<bool>,
    last_refresh: StoredValue<f64>,
    /// The view refresh under way, made a slice per task.
    refreshing: StoredValue<Option<RefreshJob>, LocalStorage>,
    /// What the latest view refresh cost, in milliseconds (all its slices).
    refresh_cost: StoredValue<f64>,
    /// The latest instant this run has reached, so the scrubber keeps spanning it after
    /// stepping back.
    pub reached: RwSignal<Time>,
    /// While catching up with a chosen instant: wall-clock seconds left at the pace so far.
    pub eta: RwSignal<Option<f64>>,
    /// Stepping back from this instant: the replay from a checkpoint toward the last event
    /// before it runs a slice per frame (see [`Live::step_back`]).
    pub stepping_back: RwSignal<Option<Time>>,
    /// That replay's state: the instant, the checkpoint replayed from, whether it has stepped.
    back: StoredValue<Option<(Time, usize, bool)>>,
    /// When (wall ms) and where the current catch-up started.
    catch_from: StoredValue<(f64, Time)>,
    /// While playing: the speed actually achieved over the last second, when it falls short
    /// of the chosen one (virtual seconds per wall second).
    pub achieved: RwSignal<Option<f64>>,
    /// The start (wall ms, instant) of the window the achieved speed is measured over.
    speed_window: StoredValue<(f64, Time)>,
    /// Virtual nanoseconds owed to the clock while playing: frames advance it in whole
    /// milliseconds (instants print as Go prints round durations), the rest carries over.
    carry: StoredValue<f64>,
    page: PageContext,
}

pub(crate) fn perf_now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

impl Live {
    /// An empty context for `page`; [`Live::rebuild`] starts the lesson.
    pub fn new(page: PageContext) -> Live {
        Live {
            world: StoredValue::new_local(None),
            since_mark: StoredValue::new(0.0),
            mark_cost: StoredValue::new(0.0),
            mark_work: StoredValue::new(0.0),
            views: RwSignal::new(Vec::new()),
            series: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            knob_notices: RwSignal::new(Vec::new()),
            playing: RwSignal::new(false),
            speed: RwSignal::new(10.0),
            target: RwSignal::new(None),
            revision: RwSignal::new(0),
            pulse: RwSignal::new((Time(0), Vec::new())),
            copying: RwSignal::new(false),
            selected_line: RwSignal::new(None),
            selected_group: RwSignal::new(None),
            looping: StoredValue::new(false),
            last_refresh: StoredValue::new(0.0),
            refreshing: StoredValue::new_local(None),
            refresh_cost: StoredValue::new(0.0),
            reached: RwSignal::new(Time(0)),
            eta: RwSignal::new(None),
            stepping_back: RwSignal::new(None),
            back: StoredValue::new(None),
            catch_from: StoredValue::new((0.0, Time(0))),
            achieved: RwSignal::new(None),
            speed_window: StoredValue::new((0.0, Time(0))),
            carry: StoredValue::new(0.0),
            page,
        }
    }

    /// Starts the lesson `key` describes (both variants in compare mode), then catches up
    /// with instant `t`.
    pub fn rebuild(self, key: &ConfigKey, compare: bool, t: Time) {
        self.playing.set(false);
        self.selected_line.set(None);
        self.selected_group.set(None);
        let mut variants = vec![key.variant.clone()];
        if let Some(other) = compare.then(|| compared_variant(key.lesson, &key.variant)).flatten() {
            variants.push(other.to_string());
        }
        let mut notices = Vec::new();
        let configs = variants.iter().map(|v| {
            key.config(v).map(|(cfg, n)| {
                notices = n;
                cfg
            })
        });
        match configs.collect::<Result<Vec<_>, _>>().and_then(|c| World::new(&c)) {
            Ok(world) => self.world.set_value(Some(world)),
            Err(e) => {
                self.error.set(Some(e));
                self.world.set_value(None);
                self.views.set(Vec::new());
                return;
            }
        }
        self.since_mark.set_value(0.0);
        self.mark_cost.set_value(0.0);
        self.error.set(None);
        self.reached.set(Time(0));
        self.knob_notices.set(notices);
        self.refresh();
        if t > Time(0) {
            self.catch_up(t);
        }
    }

    /// Starts catching up with instant `t`, the clock paused.
    fn catch_up(self, t: Time) {
        self.catch_from.set_value((perf_now(), self.now()));
        self.eta.set(None);
        self.target.set(Some(t));
        self.ensure_loop();
    }

    /// Whether the clock is on its way to a chosen instant (the other controls wait).
    pub fn catching_up(self) -> bool {
        (self.target.get_untracked().is_some() && !self.playing.get_untracked())
            || self.stepping_back.get_untracked().is_some()
    }

    /// Whether there is a next event to step to (the run has not ended and something is
    /// scheduled).
    pub fn can_step(self) -> bool {
        self.views.with_untracked(|v| v.first().is_some_and(|v| v.outcome.is_none() && !v.idle))
    }

    /// Stops catching up where the clock is now, and says so in the URL.
    pub fn cancel_catch_up(self) {
        if self.target.get_untracked().is_some() {
            self.target.set(None);
            self.eta.set(None);
            self.refresh();
            self.write_t();
        }
    }

    /// The current virtual instant.
    pub fn now(self) -> Time {
        self.world.with_value(|w| w.as_ref().map_or(Time(0), World::now))
    }

    /// Runs `f` on the world, if the lesson started.
    fn with_world<R: Default>(self, f: impl FnOnce(&mut World) -> R) -> R {
        self.world.try_update_value(|w| w.as_mut().map(f)).flatten().unwrap_or_default()
    }

    /// Recomputes the views and the chart series from the sessions: at once for a small
    /// process, else a slice per task from here on ([`Live::refresh_slice`]; the simulation
    /// waits for it, and the views show the previous instant meanwhile).
    pub fn refresh(self) {
        let job = self.world.with_value(|w| {
            w.as_ref().map(|w| {
                let jobs =
                    if w.restoring() { None } else { Some(w.peek(|s| s.iter().map(Session::view_job).collect())) };
                RefreshJob { version: w.version(), jobs, done: Vec::new(), work: 0.0 }
            })
        });
        let Some(job) = job else {
            self.views.set(Vec::new());
            self.series.set(Vec::new());
            self.revision.update(|r| *r += 1);
            return;
        };
        self.refreshing.set_value(Some(job));
        if self.refresh_slice(perf_now(), FRAME_BUDGET_MS) {
            self.ensure_loop();
        }
    }

    /// A slice of the pending view refresh, for the rest of `budget` (ms from `start`); returns
    /// whether it is still pending. Started afresh if the sessions moved since it began.
    fn refresh_slice(self, start: f64, budget: f64) -> bool {
        let Some(mut job) = self.refreshing.try_update_value(Option::take).flatten() else { return false };
        let began = perf_now();
        let done = self.world.with_value(|w| {
            let Some(w) = w.as_ref() else { return true };
            if w.restoring() {
                return false;
            }
            if job.jobs.is_none() || job.version != w.version() {
                job.version = w.version();
                job.done.clear();
                job.jobs = Some(w.peek(|s| s.iter().map(Session::view_job).collect()));
            }
            let jobs = job.jobs.as_mut().expect("made above");
            w.peek(|sessions| {
                let mut more = || perf_now() - start < budget;
                for (s, j) in sessions.iter().zip(jobs.iter_mut()).skip(job.done.len()) {
                    match s.view_step(j, &mut more) {
                        Some(view) => job.done.push(view),
                        None => return false,
                    }
                }
                true
            })
        });
        job.work += perf_now() - began;
        if !done {
            self.refreshing.set_value(Some(job));
            return true;
        }
        let series = self.with_world(|w| {
            w.peek(|sessions| -> Vec<Vec<Point>> {
                sessions
                    .iter()
                    .map(|s| s.run().samples().iter().map(|x| (x.at.0, x.goroutines, x.memory, x.gc_cycles)).collect())
                    .collect()
            })
        });
        self.refresh_cost.set_value(job.work);
        self.sync_copying();
        self.views.set(job.done);
        self.series.set(series);
        self.revision.update(|r| *r += 1);
        self.last_refresh.set_value(perf_now());
        self.beat();
        false
    }

    /// Makes [`Live::copying`] say whether a checkpoint is being copied (it may have been
    /// abandoned by any use of the world).
    fn sync_copying(self) {
        let taking = self.world.with_value(|w| w.as_ref().is_some_and(World::taking));
        if self.copying.get_untracked() != taking {
            self.copying.set(taking);
        }
    }

    /// Whether a view refresh is under way.
    fn refresh_pending(self) -> bool {
        self.refreshing.with_value(Option::is_some)
    }

    /// Updates [`Live::pulse`] (and how far the run has reached) from the sessions; not while
    /// a checkpoint is being restored a slice at a time (reading would finish it).
    fn beat(self) {
        if self.world.with_value(|w| w.as_ref().is_some_and(World::restoring)) {
            return;
        }
        let pulse = self.with_world(|w| {
            w.peek(|s| {
                (s.first().map_or(Time(0), Session::now), s.iter().map(|x| x.run().sim.num_goroutine()).collect())
            })
        });
        if pulse.0 > self.reached.get_untracked() {
            self.reached.set(pulse.0);
        }
        if self.pulse.with_untracked(|p| *p != pulse) {
            self.pulse.set(pulse);
        }
    }

    /// Whether a checkpoint is being taken or restored a slice at a time.
    fn world_busy(self) -> bool {
        self.world.with_value(|w| w.as_ref().is_some_and(|w| w.restoring() || w.taking()))
    }

    fn ended(self) -> bool {
        self.world.with_value(|w| w.as_ref().is_none_or(|w| w.read(|s| s.iter().all(Session::ended))))
    }

    /// Plays or pauses.
    pub fn toggle(self) {
        if self.playing.get_untracked() {
            self.pause();
        } else if !self.ended() {
            self.target.set(None);
            self.eta.set(None);
            self.speed_window.set_value((perf_now(), self.now()));
            self.achieved.set(None);
            self.carry.set_value(0.0);
            self.playing.set(true);
            self.ensure_loop();
        }
    }

    /// Chooses the speed (virtual seconds per wall second); the achieved speed is measured
    /// afresh.
    pub fn set_speed(self, x: f64) {
        self.speed.set(x);
        self.achieved.set(None);
        self.speed_window.set_value((perf_now(), self.now()));
    }

    /// Pauses and writes the instant into the URL.
    pub fn pause(self) {
        self.playing.set(false);
        self.achieved.set(None);
        self.target.set(None);
        self.eta.set(None);
        self.refresh();
        self.write_t();
    }

    fn write_t(self) {
        let t = self.now();
        self.page.edit(|s| s.t = GoDuration::from_nanos(t.0 as i64));
    }

    /// Steps every session to its next event.
    pub fn step(self) {
        self.playing.set(false);
        self.with_world(|w| {
            w.write(|s| {
                // In compare mode both sessions share one clock: step the first, bring the other along.
                if let Some(first) = s.first_mut() {
                    first.step();
                    let t = first.now();
                    for other in s.iter_mut().skip(1) {
                        other.advance_toward(t, || true);
                    }
                }
            })
        });
        self.refresh();
        self.write_t();
    }

    /// Moves the clock forward by `d`.
    pub fn advance(self, d: Duration) {
        self.playing.set(false);
        let t = self.now().after(d);
        self.catch_up(t);
    }

    /// Shows instant `t`: earlier instants (and later ones the run already passed) from the
    /// latest checkpoint before them, replaying only the rest — deterministic, so exact.
    pub fn seek(self, t: Time) {
        self.playing.set(false);
        let now = self.now();
        let restored = self.with_world(|w| {
            let back = t < now || w.marked_between(now, t);
            if back {
                // Written back a slice at a time by the frame loop.
                w.restore_begin(t);
            }
            back
        });
        if restored {
            self.since_mark.set_value(0.0);
        }
        // The views follow once the clock is there.
        self.catch_up(t);
    }

    /// Steps back one event: from the latest checkpoint before this instant, replays event by
    /// event up to the last instant before this one at which something happened.
    /// A large process replays for seconds: a slice per frame, the clock showing how far
    /// (and the other controls waiting), so that the page never blocks.
    pub fn step_back(self) {
        self.playing.set(false);
        self.target.set(None);
        let t = self.now();
        let Some(i) = self.with_world(|w| Some(w.step_back_begin(t))) else { return };
        self.back.set_value(Some((t, i, false)));
        self.stepping_back.set(Some(t));
        self.since_mark.set_value(0.0);
        self.beat();
        self.ensure_loop();
    }

    /// Whether the clock is busy reaching an instant (catching up or stepping back): the
    /// views show an earlier one meanwhile.
    pub fn busy(self) -> bool {
        (self.target.get().is_some() && !self.playing.get()) || self.stepping_back.get().is_some()
    }

    /// A frame's slice of stepping back; the frame loop goes on while it returns true.
    fn step_back_frame(self, start: f64) -> bool {
        let Some((t, i, stepped)) = self.back.get_value() else { return false };
        let step =
            self.with_world(|w| Some(w.step_back_slice(t, i, stepped, || perf_now() - start < CATCH_UP_BUDGET_MS)));
        match step {
            Some(BackStep::More { stepped }) => {
                self.back.set_value(Some((t, i, stepped)));
                self.beat();
                true
            }
            Some(BackStep::Retry(j)) => {
                self.back.set_value(Some((t, j, false)));
                self.beat();
                true
            }
            _ => {
                self.back.set_value(None);
                self.stepping_back.set(None);
                self.refresh();
                self.write_t();
                false
            }
        }
    }

    /// Starts over at zero.
    pub fn reset(self) {
        self.seek(Time(0));
        self.write_t();
    }

    /// The next part of the `index`-th session's dump (see [`lessons::Run::dump_part`]): at
    /// most `budget` more goroutines, printed inside the simulation's heap and copied out.
    pub fn dump_part(
        self,
        index: usize,
        kind: DumpKind,
        cursor: &mut sim_runtime::DumpCursor,
        budget: usize,
    ) -> String {
        // Moved in rather than copied (a grouped dump's cursor holds its grouping so far); what
        // it allocates inside is copied out with it.
        let mut from = std::mem::take(cursor);
        let part = self.with_world(|w| {
            w.read(move |s| {
                s.get(index).map(|s| {
                    let mut out = String::new();
                    s.run().dump_part(kind, &mut from, budget, &mut out);
                    (from, out)
                })
            })
        });
        match part {
            Some((c, out)) => {
                *cursor = c;
                out
            }
            // No such session (any more): nothing to print.
            None => {
                cursor.done = true;
                String::new()
            }
        }
    }

    /// The protobuf profile (before gzip) of the `index`-th session at this instant.
    pub fn profile_raw(self, index: usize) -> Vec<u8> {
        self.with_world(|w| w.read(|s| s.get(index).map(|s| s.profile_raw()).unwrap_or_default()))
    }

    /// How many goroutines a dump of the `index`-th session served over HTTP adds (the
    /// profile request's own).
    pub fn profile_request_goroutines(self, index: usize) -> usize {
        self.with_world(|w| w.peek(|s| s.get(index).map(|s| s.run().profile_request_goroutines()).unwrap_or(0)))
    }

    /// Starts a checkpoint when `work` ms of simulation work have been done since the last
    /// one, and copies it for what is left of the frame's `budget` (ms from `start`); the
    /// frame loop copies the rest before it simulates again ([`Live::job_slice`]).
    /// A large heap's checkpoint costs more than the usual interval's work: the interval
    /// grows with it, so that checkpoints never take more than about a fifth of the time.
    fn mark_if_due(self, work: f64, start: f64, budget: f64) {
        let due = work.max(4.0 * self.mark_cost.get_value());
        if self.since_mark.get_value() >= due && !self.world_busy() {
            self.with_world(World::mark_begin);
            self.mark_work.set_value(0.0);
            self.job_slice(start, budget);
        }
    }

    /// Restores or takes the pending checkpoint for the rest of the frame's `budget` (ms
    /// from `start`); returns whether one is still pending.
    fn job_slice(self, start: f64, budget: f64) -> bool {
        let taking = self.world.with_value(|w| w.as_ref().is_some_and(World::taking));
        let began = perf_now();
        let more = move || perf_now() - start < budget;
        let done = self.with_world(|w| w.restore_step(more) && w.mark_step(more));
        self.sync_copying();
        if taking {
            self.mark_work.update_value(|m| *m += perf_now() - began);
            if done {
                self.mark_cost.set_value(self.mark_work.get_value());
                self.since_mark.set_value(0.0);
            }
        }
        !done
    }

    /// Makes sure the frame loop runs while there is something to do.
    pub fn ensure_loop(self) {
        if self.looping.get_value() {
            return;
        }
        self.looping.set_value(true);
        let start = perf_now();
        request_animation_frame(move || self.frame(start));
    }

    fn frame(self, last: f64) {
        let start = perf_now();
        self.sync_copying();
        if self.back.with_value(Option::is_some) {
            if self.step_back_frame(start) || self.refresh_pending() {
                self.next_slice(start);
            } else {
                self.looping.set_value(false);
            }
            return;
        }
        // A checkpoint being restored, a view refresh, a checkpoint being taken go first, in
        // that order, a slice per task: the simulation waits for them (and the achieved speed
        // says so).
        if self.world_busy() || self.refresh_pending() {
            let playing = self.playing.get_untracked();
            let budget = if playing { FRAME_BUDGET_MS } else { JOB_BUDGET_MS };
            let restoring = self.world.with_value(|w| w.as_ref().is_some_and(World::restoring));
            if restoring {
                self.with_world(|w| w.restore_step(|| perf_now() - start < budget));
            }
            if !self.world.with_value(|w| w.as_ref().is_some_and(World::restoring))
                && !self.refresh_slice(start, budget)
            {
                self.job_slice(start, budget);
            }
            if playing {
                request_animation_frame(move || self.frame(start));
            } else {
                self.next_slice(start);
            }
            return;
        }
        let wall_ms = (start - last).clamp(0.0, 100.0);
        let playing = self.playing.get_untracked();
        let target = self.target.get_untracked();
        let goal = match (target, playing) {
            (Some(t), _) => Some(t),
            (None, true) => {
                // Whole milliseconds, the fraction carried to the next frame.
                let owed = wall_ms * self.speed.get_untracked() + self.carry.get_value();
                let ms = owed.floor().max(0.0);
                self.carry.set_value(owed - ms);
                Some(self.now().after(Duration(ms as u64 * 1_000_000)))
            }
            (None, false) => None,
        };
        let Some(goal) = goal else {
            self.looping.set_value(false);
            return;
        };
        // With a large process, refreshing the views takes a frame of its own: a frame
        // either simulates or refreshes, never both, so that neither overruns it.
        let large = self.views.with_untracked(|v| v.first().is_some_and(|v| v.goroutines > LARGE));
        // Catching up with a chosen instant, only the clock and the count follow (the views
        // show the instant once it is reached).
        // A refresh costs several frames at a million goroutines: the simulation gets at least
        // two thirds of the time.
        let every = REFRESH_LARGE_MS.max(2.0 * self.refresh_cost.get_value());
        if large && playing && perf_now() - self.last_refresh.get_value() > every {
            self.refresh();
            request_animation_frame(move || self.frame(start));
            return;
        }
        let budget = if target.is_some() && !playing { CATCH_UP_BUDGET_MS } else { FRAME_BUDGET_MS };
        let perf = window().performance();
        let clock = move || perf.as_ref().map_or(0.0, |p| p.now());
        let before = self.now();
        let reached = self.with_world(|w| {
            let reached = w.write(|sessions| {
                let mut reached = true;
                for s in sessions.iter_mut() {
                    reached &= s.advance_toward(goal, || clock() - start < budget);
                }
                // Keep compare mode on one clock: bring the others to the first's instant.
                if let Some(t) = sessions.first().map(|s| s.now()) {
                    for s in sessions.iter_mut().skip(1) {
                        s.advance_toward(t, || true);
                    }
                }
                reached
            });
            Some(reached)
        });
        let reached = reached.unwrap_or(true);
        let now = self.now();
        if self.with_world(|w| w.marked_between(before, now)) {
            self.since_mark.set_value(0.0);
        }
        self.since_mark.update_value(|m| *m += perf_now() - start);
        if target.is_some() && reached {
            self.target.set(None);
            self.eta.set(None);
        } else if let (Some(t), false) = (target, playing) {
            // How long the rest will take at the pace so far.
            let (since, from) = self.catch_from.get_value();
            let done = now.0.saturating_sub(from.0) as f64;
            let left = t.0.saturating_sub(now.0) as f64;
            let wall = (perf_now() - since) / 1000.0;
            if done > 0.0 && wall > 0.5 {
                self.eta.set(Some(wall * left / done));
            }
        }
        if playing {
            let (since, at) = self.speed_window.get_value();
            let wall = perf_now() - since;
            if wall >= 1000.0 {
                let rate = now.0.saturating_sub(at.0) as f64 / 1e6 / wall;
                let chosen = self.speed.get_untracked();
                let short = (rate < 0.9 * chosen).then_some(rate);
                if self.achieved.get_untracked() != short {
                    self.achieved.set(short);
                }
                self.speed_window.set_value((perf_now(), now));
            }
        }
        let ended = self.ended();
        let stop = ended || (!playing && (target.is_none() || reached));
        if stop || !large {
            self.refresh();
        } else {
            self.beat();
        }
        // After the views: a checkpoint is taken a slice at a time from here on (the frames
        // that follow copy it before simulating on), and reading the world would abandon it.
        self.mark_if_due(MARK_EVERY_MS, start, budget);
        if ended {
            self.playing.set(false);
        }
        if stop {
            self.write_t();
            if self.world_busy() || self.refresh_pending() {
                self.next_slice(start);
            } else {
                self.looping.set_value(false);
            }
            return;
        }
        if target.is_some() && !playing {
            self.next_slice(start);
        } else {
            request_animation_frame(move || self.frame(start));
        }
    }

    /// Schedules the next slice of catching up: as soon as the page has had its turn.
    fn next_slice(self, start: f64) {
        gloo_timers::callback::Timeout::new(0, move || self.frame(start)).forget();
    }
}

/// The variant compare mode runs next to `variant`: its safe or leaky counterpart, or, in a
/// lesson without one (the review), the next of its variants.
pub fn compared_variant(lesson: &str, variant: &str) -> Option<&'static str> {
    let ids = crate::url_state::variant_ids(lesson);
    ids.iter()
        .copied()
        .find(|v| *v != variant && (*v == "safe" || variant == "safe"))
        .or_else(|| ids.iter().copied().find(|v| *v != variant))
}

/// Reads the address bar's `t` for a rebuild.
pub fn url_time(url: &UrlState) -> Time {
    Time(url.t.as_nanos().max(0) as u64)
}
