//! The running lesson, shared through context: the [`Session`] (not `Send`, so kept in
//! local storage), the view of the current instant, and the clock controls' state. One
//! animation-frame loop moves the simulation in time slices so the page stays responsive.

use leptos::prelude::*;
use lessons::RunConfig;
use sim_runtime::{DumpKind, Duration, Time};

use super::PageContext;
use crate::duration::GoDuration;
use crate::state::session::{Session, View};
use crate::url_state::UrlState;

/// How much of a frame the simulation may use, in milliseconds; the rest is for painting.
const FRAME_BUDGET_MS: f64 = 9.0;
/// Wall time between two view refreshes while a large process is playing.
const REFRESH_LARGE_MS: f64 = 500.0;
/// Processes with more goroutines than this refresh their view less often.
const LARGE: usize = 5_000;

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

    /// The run configuration, and a sentence for every knob that could not be used.
    pub fn config(&self, variant: &str) -> Result<(RunConfig, Vec<String>), String> {
        let mut cfg = RunConfig::defaults(self.lesson, variant)?;
        let specs = cfg.lesson.knobs.clone();
        let mut notices = Vec::new();
        for (k, v) in &self.knobs {
            if let Err(e) = cfg.knobs.set(&specs, k, v) {
                notices.push(format!("{e}; using the default."));
            }
        }
        cfg.seed = self.seed.unwrap_or(1);
        Ok((cfg, notices))
    }
}

/// The running lesson (one session, or two side by side in compare mode).
#[derive(Clone, Copy)]
pub struct Live {
    sessions: StoredValue<Vec<Session>, LocalStorage>,
    /// The view of each session at the current instant.
    pub views: RwSignal<Vec<View>>,
    /// The goroutine count and memory over time, one series per session.
    pub series: RwSignal<Vec<Vec<(u64, usize, u64)>>>,
    /// Why the lesson could not start, if it could not.
    pub error: RwSignal<Option<String>>,
    /// Knob values from the URL that could not be used.
    pub knob_notices: RwSignal<Vec<String>>,
    /// Playing.
    pub playing: RwSignal<bool>,
    /// Virtual seconds per wall second (1 to 1000).
    pub speed: RwSignal<f64>,
    /// An instant the clock is catching up with (after opening a link, or a seek).
    pub target: RwSignal<Option<Time>>,
    /// Bumped whenever the instant changes: dumps and listings recompute on it.
    pub revision: RwSignal<u64>,
    /// The listing line whose goroutines are selected.
    pub selected_line: RwSignal<Option<u32>>,
    /// The goroutine group selected in the goroutine view (index into the first view's groups).
    pub selected_group: RwSignal<Option<usize>>,
    looping: StoredValue<bool>,
    last_refresh: StoredValue<f64>,
    /// The latest instant this run has reached, so the scrubber keeps spanning it after
    /// stepping back.
    pub reached: RwSignal<Time>,
    page: PageContext,
}

fn perf_now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

impl Live {
    /// An empty context for `page`; [`Live::rebuild`] starts the lesson.
    pub fn new(page: PageContext) -> Live {
        Live {
            sessions: StoredValue::new_local(Vec::new()),
            views: RwSignal::new(Vec::new()),
            series: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            knob_notices: RwSignal::new(Vec::new()),
            playing: RwSignal::new(false),
            speed: RwSignal::new(10.0),
            target: RwSignal::new(None),
            revision: RwSignal::new(0),
            selected_line: RwSignal::new(None),
            selected_group: RwSignal::new(None),
            looping: StoredValue::new(false),
            last_refresh: StoredValue::new(0.0),
            reached: RwSignal::new(Time(0)),
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
        if compare {
            let other = crate::url_state::variant_ids(key.lesson)
                .into_iter()
                .find(|v| *v != key.variant && (*v == "safe" || key.variant == "safe"))
                .or_else(|| crate::url_state::variant_ids(key.lesson).into_iter().find(|v| *v != key.variant));
            if let Some(o) = other {
                variants.push(o.to_string());
            }
        }
        let mut sessions = Vec::new();
        let mut notices = Vec::new();
        for v in &variants {
            match key.config(v).and_then(|(cfg, n)| {
                notices = n;
                Session::new(cfg)
            }) {
                Ok(s) => sessions.push(s),
                Err(e) => {
                    self.error.set(Some(e));
                    self.sessions.set_value(Vec::new());
                    self.views.set(Vec::new());
                    return;
                }
            }
        }
        self.error.set(None);
        self.reached.set(Time(0));
        self.knob_notices.set(notices);
        self.sessions.set_value(sessions);
        self.refresh();
        if t > Time(0) {
            self.target.set(Some(t));
            self.ensure_loop();
        }
    }

    /// Runs `f` on the sessions.
    pub fn with_sessions<R>(self, f: impl FnOnce(&[Session]) -> R) -> R {
        self.sessions.with_value(|s| f(s))
    }

    /// The current virtual instant.
    pub fn now(self) -> Time {
        self.sessions.with_value(|s| s.first().map_or(Time(0), |s| s.now()))
    }

    /// Recomputes the views and the chart series from the sessions.
    pub fn refresh(self) {
        let (views, series) = self.sessions.with_value(|sessions| {
            let views: Vec<View> = sessions.iter().map(|s| s.view()).collect();
            let series = sessions
                .iter()
                .map(|s| s.run().samples().iter().map(|x| (x.at.0, x.goroutines, x.memory)).collect())
                .collect();
            (views, series)
        });
        let now = views.first().map_or(Time(0), |v| v.now);
        if now > self.reached.get_untracked() {
            self.reached.set(now);
        }
        self.views.set(views);
        self.series.set(series);
        self.revision.update(|r| *r += 1);
        self.last_refresh.set_value(perf_now());
    }

    fn ended(self) -> bool {
        self.sessions.with_value(|s| s.iter().all(|s| s.ended()))
    }

    /// Plays or pauses.
    pub fn toggle(self) {
        if self.playing.get_untracked() {
            self.pause();
        } else if !self.ended() {
            self.playing.set(true);
            self.ensure_loop();
        }
    }

    /// Pauses and writes the instant into the URL.
    pub fn pause(self) {
        self.playing.set(false);
        self.target.set(None);
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
        self.sessions.update_value(|s| {
            // In compare mode both sessions share one clock: step the first, bring the other along.
            if let Some(first) = s.first_mut() {
                first.step();
                let t = first.now();
                for other in s.iter_mut().skip(1) {
                    other.advance_toward(t, || true);
                }
            }
        });
        self.refresh();
        self.write_t();
    }

    /// Moves the clock forward by `d`.
    pub fn advance(self, d: Duration) {
        self.playing.set(false);
        let t = self.now().after(d);
        self.target.set(Some(t));
        self.ensure_loop();
    }

    /// Shows instant `t` (earlier instants by deterministic replay).
    pub fn seek(self, t: Time) {
        self.playing.set(false);
        if t < self.now() {
            let result = self.sessions.try_update_value(|s| {
                for session in s.iter_mut() {
                    session.reset()?;
                }
                Ok::<(), String>(())
            });
            if let Some(Err(e)) = result {
                self.error.set(Some(e));
                return;
            }
        }
        self.target.set(Some(t));
        self.ensure_loop();
        self.refresh();
    }

    /// Steps back one event: replays, event by event, up to the last instant before this
    /// one at which something happened.
    pub fn step_back(self) {
        self.playing.set(false);
        self.target.set(None);
        let result = self.sessions.try_update_value(|s| {
            let t = s.first().map_or(Time(0), |s| s.now());
            for session in s.iter_mut() {
                session.step_back_from(t)?;
            }
            Ok::<(), String>(())
        });
        if let Some(Err(e)) = result {
            self.error.set(Some(e));
        }
        self.refresh();
        self.write_t();
    }

    /// Starts over at zero.
    pub fn reset(self) {
        self.seek(Time(0));
        self.write_t();
    }

    /// The dump of the first (or `index`-th) session at this instant.
    pub fn dump(self, index: usize, kind: DumpKind) -> String {
        self.sessions.with_value(|s| s.get(index).map(|s| s.dump(kind)).unwrap_or_default())
    }

    /// The protobuf profile of the first session at this instant.
    pub fn profile(self) -> Vec<u8> {
        self.sessions.with_value(|s| s.first().map(|s| s.profile()).unwrap_or_default())
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
        let wall_ms = (start - last).clamp(0.0, 100.0);
        let playing = self.playing.get_untracked();
        let target = self.target.get_untracked();
        let goal = match (target, playing) {
            (Some(t), _) => Some(t),
            (None, true) => {
                let d = (wall_ms * self.speed.get_untracked() * 1e6) as u64;
                Some(self.now().after(Duration(d.max(1))))
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
        if large && perf_now() - self.last_refresh.get_value() > REFRESH_LARGE_MS {
            self.refresh();
            request_animation_frame(move || self.frame(start));
            return;
        }
        let reached = self.sessions.try_update_value(|sessions| {
            let mut reached = true;
            for s in sessions.iter_mut() {
                reached &= s.advance_toward(goal, || perf_now() - start < FRAME_BUDGET_MS);
            }
            // Keep compare mode on one clock: bring the others to the first's instant.
            if let Some(t) = sessions.first().map(|s| s.now()) {
                for s in sessions.iter_mut().skip(1) {
                    s.advance_toward(t, || true);
                }
            }
            reached
        });
        let reached = reached.unwrap_or(true);
        if target.is_some() && reached {
            self.target.set(None);
        }
        let stop = self.ended() || (!playing && (target.is_none() || reached));
        if stop || !large {
            self.refresh();
        }
        if self.ended() {
            self.playing.set(false);
        }
        if stop {
            self.looping.set_value(false);
            self.write_t();
            return;
        }
        request_animation_frame(move || self.frame(start));
    }
}

/// Reads the address bar's `t` for a rebuild.
pub fn url_time(url: &UrlState) -> Time {
    Time(url.t.as_nanos().max(0) as u64)
}
