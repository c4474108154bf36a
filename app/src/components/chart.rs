use leptos::prelude::*;
use lessons::decimal::{format_fixed, format_shortest as num};

use super::live::Live;
use super::region::Region;

/// Points drawn per curve at most; longer series are thinned.
const MAX_POINTS: usize = 600;
/// Windows narrower than this get the phone layout of the chart (fewer, larger labels).
const NARROW_PX: f64 = 640.0;

// Numbers are written with `lessons::decimal` (`num` is `format!("{x}")`, `format_fixed` is
// `format!("{x:.1}")`): the same text, without the standard library's float printing in the wasm.

/// The chart's frame in SVG units: the plot area sits inside the padding, with room for the
/// tick labels and axis titles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Left padding (goroutine ticks and title).
    pub left: f64,
    /// Right padding (memory ticks and title).
    pub right: f64,
    /// Top padding.
    pub top: f64,
    /// Bottom padding (time ticks and title).
    pub bottom: f64,
    /// Font size of the labels.
    pub font: f64,
}

impl Frame {
    /// The frame for a window `width` CSS pixels wide: on a phone the SVG is drawn in fewer
    /// units, so that its labels stay about 12 px tall once scaled to the screen.
    pub fn for_width(width: f64) -> Frame {
        if width < NARROW_PX {
            Frame { w: 360.0, h: 260.0, left: 52.0, right: 52.0, top: 14.0, bottom: 44.0, font: 12.0 }
        } else {
            Frame { w: 760.0, h: 300.0, left: 66.0, right: 70.0, top: 14.0, bottom: 48.0, font: 13.0 }
        }
    }

    fn x(&self, t: u64, t_max: u64) -> f64 {
        self.left + (t as f64 / t_max.max(1) as f64) * (self.w - self.left - self.right)
    }

    fn y(&self, v: f64, v_max: f64) -> f64 {
        self.h - self.bottom - (v / v_max.max(1e-9)) * (self.h - self.top - self.bottom)
    }
}

/// The smallest 1, 2 or 5 times a power of ten that is at least `x` (and at least 1).
pub fn nice_ceiling(x: f64) -> f64 {
    let mut p = 1.0;
    while p * 10.0 <= x {
        p *= 10.0;
    }
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * p).find(|v| *v >= x).unwrap_or(10.0 * p).max(1.0)
}

/// The time ticks: 0 and four or so round durations up to `t_max` nanoseconds.
pub fn time_ticks(t_max: u64) -> Vec<u64> {
    const STEPS: [u64; 16] = [
        1_000_000,
        2_000_000,
        5_000_000,
        10_000_000,
        20_000_000,
        50_000_000,
        100_000_000,
        200_000_000,
        500_000_000,
        1_000_000_000,
        2_000_000_000,
        5_000_000_000,
        10_000_000_000,
        30_000_000_000,
        60_000_000_000,
        300_000_000_000,
    ];
    let step = STEPS.into_iter().find(|s| t_max / s <= 5).unwrap_or_else(|| (t_max / 5).max(1));
    (0..=t_max / step).map(|i| i * step).collect()
}

/// One curve's points in chart coordinates.
pub fn polyline(
    frame: &Frame,
    series: &[(u64, usize, u64, usize)],
    t_max: u64,
    y_max: f64,
    value: impl Fn(&(u64, usize, u64, usize)) -> f64,
) -> String {
    let step = series.len().div_ceil(MAX_POINTS).max(1);
    let mut out = String::new();
    for p in series.iter().step_by(step).chain(series.last()) {
        out.push_str(&format!(
            "{},{} ",
            format_fixed(frame.x(p.0, t_max), 1),
            format_fixed(frame.y(value(p), y_max), 1)
        ));
    }
    out
}

/// The instants (ns) at which garbage-collection cycles ran, from the samples' running
/// count: a cycle lies in the sample interval where the count grew. At most `max` are kept
/// (evenly thinned), so a long run does not draw thousands of marks.
pub fn gc_marks(series: &[(u64, usize, u64, usize)], max: usize) -> Vec<u64> {
    let marks: Vec<u64> = series.windows(2).filter(|w| w[1].3 > w[0].3).map(|w| w[1].0).collect();
    let step = marks.len().div_ceil(max.max(1)).max(1);
    marks.into_iter().step_by(step).collect()
}

/// The colour class of a variant's curves: safe variants in one hue, leaky ones in another,
/// a second leaky one (the review's compare) in a third.
pub fn curve_class(name: &str, index: usize) -> &'static str {
    if name == "safe" {
        "curve-safe"
    } else if index == 0 {
        "curve-leaky"
    } else {
        "curve-other"
    }
}

/// `runtime.NumGoroutine()` and estimated memory over virtual time, as a dashboard would
/// show them: a goroutine axis on the left and a memory axis on the right, both from zero,
/// with gridlines, a time axis, and one colour per variant.
#[component]
pub fn ChartView(#[prop(into)] labels: Signal<Vec<String>>) -> impl IntoView {
    let live = expect_context::<Live>();
    // The layout is chosen for the window's width when the chart is made (phones keep theirs).
    let frame = Frame::for_width(window().inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(1280.0));
    let chart = move || {
        let f = frame;
        live.series.with(|all| {
            let t_max = all.iter().filter_map(|s| s.last()).map(|p| p.0).max().unwrap_or(0).max(1_000_000_000);
            let g_max = nice_ceiling(all.iter().flatten().map(|p| p.1).max().unwrap_or(1) as f64);
            let mib = |b: u64| b as f64 / 1048576.0;
            let m_max = nice_ceiling(mib(all.iter().flatten().map(|p| p.2).max().unwrap_or(1)));
            let names = labels.get();
            let curves = all
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let class = curve_class(names.get(i).map_or("", String::as_str), i);
                    let g = polyline(&f, s, t_max, g_max, |p| p.1 as f64);
                    let m = polyline(&f, s, t_max, m_max, |p| mib(p.2));
                    view! {
                        <polyline class=format!("curve {class}") points=g fill="none" />
                        <polyline class=format!("curve-mem {class}") points=m fill="none" stroke-dasharray="5 4" />
                    }
                })
                .collect_view();
            let summary = all
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let first = s.first().map_or(0, |p| p.1);
                    let last = s.last().map_or(0, |p| p.1);
                    let peak = s.iter().map(|p| p.1).max().unwrap_or(0);
                    let name = crate::i18n::tr_variant(names.get(i).map_or("", String::as_str));
                    t!(
                        "{0}: goroutines from {1} to {2} (peak {3})",
                        name,
                        crate::i18n::int(first as u64),
                        crate::i18n::int(last as u64),
                        crate::i18n::int(peak as u64)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let font = num(f.font);
            let (x0, x1, y0, y1) = (f.left, f.w - f.right, f.h - f.bottom, f.top);
            // Four bands: gridlines with a goroutine tick on the left and a memory tick on the right.
            let grid = (0..=4)
                .map(|i| {
                    let frac = f64::from(i) / 4.0;
                    let y = f.y(frac * g_max, g_max);
                    let g_label = num((frac * g_max).round());
                    let m_label = crate::i18n::decimal(&format_fixed(frac * m_max, if m_max < 4.0 { 1 } else { 0 }));
                    view! {
                        <line class="grid" x1=num(x0) y1=num(y) x2=num(x1) y2=num(y) />
                        <text class="tick" x=num(x0 - 6.0) y=num(y + f.font / 3.0) text-anchor="end">{g_label}</text>
                        <text class="tick tick-mem" x=num(x1 + 6.0) y=num(y + f.font / 3.0)>{m_label}</text>
                    }
                })
                .collect_view();
            let ticks = time_ticks(t_max)
                .into_iter()
                .map(|t| {
                    let x = f.x(t, t_max);
                    view! {
                        <line class="axis" x1=num(x) y1=num(y0) x2=num(x) y2=num(y0 + 4.0) />
                        <text class="tick" x=num(x) y=num(y0 + f.font + 6.0) text-anchor="middle">{sim_runtime::Duration(t).to_string()}</text>
                    }
                })
                .collect_view();
            // Garbage collections of the first variant: dumps count wait minutes from them.
            let gc = all.first().map(|s| gc_marks(s, 200)).unwrap_or_default();
            let gc_count = gc.len();
            let gc_marks = gc
                .into_iter()
                .map(|t| {
                    let x = f.x(t, t_max);
                    view! { <line class="gc-mark" x1=num(x) y1=num(y1) x2=num(x) y2=num(y1 + 8.0) /> }
                })
                .collect_view();
            let legend = names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let class = curve_class(n, i);
                    view! {
                        <li class=format!("legend-item {class}")>
                            <svg class="legend-swatch" viewBox="0 0 40 10" aria-hidden="true">
                                <line class=format!("curve {class}") x1="0" y1="3" x2="40" y2="3" />
                                <line class=format!("curve-mem {class}") x1="0" y1="8" x2="40" y2="8" stroke-dasharray="5 4" />
                            </svg>
                            {t!("{0}: goroutines (solid), memory (dashed)", crate::i18n::tr_variant(n))}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <svg
                    viewBox=format!("0 0 {} {}", num(f.w), num(f.h))
                    role="img"
                    aria-label=summary.clone()
                    class="chart"
                    data-testid="chart"
                    data-summary=summary
                    style=format!("font-size:{font}px")
                >
                    {grid}
                    <line class="axis" data-testid="chart-x-axis" x1=num(x0) y1=num(y0) x2=num(x1) y2=num(y0) />
                    <line class="axis" data-testid="chart-y-axis" x1=num(x0) y1=num(y0) x2=num(x0) y2=num(y1) />
                    <line class="axis" data-testid="chart-mem-axis" x1=num(x1) y1=num(y0) x2=num(x1) y2=num(y1) />
                    {ticks}
                    <text class="axis-title" x=num((x0 + x1) / 2.0) y=num(f.h - 6.0) text-anchor="middle">{t!("virtual time")}</text>
                    <text class="axis-title" transform=format!("translate({} {}) rotate(-90)", num(f.font + 2.0), num((y0 + y1) / 2.0)) text-anchor="middle">
                        {t!("goroutines")}
                    </text>
                    <text class="axis-title" transform=format!("translate({} {}) rotate(90)", num(f.w - f.font - 2.0), num((y0 + y1) / 2.0)) text-anchor="middle">
                        {t!("memory (MiB)")}
                    </text>
                    {curves}
                    <g data-testid="chart-gc" data-count=gc_count>{gc_marks}</g>
                </svg>
                <ul class="legend chart-legend">
                    {legend}
                    <li class="legend-item">
                        <span class="gc-swatch" aria-hidden="true">"|"</span>
                        {t!(" garbage collection (marks along the top): a dump's wait minutes count from a collection, not from the moment a goroutine parked")}
                    </li>
                </ul>
            }
        })
    };
    view! {
        <Region id="chart" title=|| t!("Goroutines and memory over time")>
            {chart}
        </Region>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_series_are_thinned() {
        let f = Frame::for_width(1280.0);
        let s: Vec<(u64, usize, u64, usize)> = (0..6000).map(|i| (i * 100, i as usize, 0, 0)).collect();
        let pts = polyline(&f, &s, 600_000, 6000.0, |p| p.1 as f64);
        assert!(pts.split_whitespace().count() <= MAX_POINTS + 1);
        assert!(pts.starts_with("66.0,"));
    }

    #[test]
    fn axes_start_at_zero_and_end_on_round_numbers() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(601.0), 1000.0);
        assert_eq!(nice_ceiling(259.0), 500.0);
        assert_eq!(nice_ceiling(5.4), 10.0);
        assert_eq!(nice_ceiling(20.0), 20.0);
        let f = Frame::for_width(375.0);
        assert_eq!(f.y(0.0, 10.0), f.h - f.bottom, "zero sits on the time axis");
        assert_eq!(time_ticks(60_000_000_000), vec![0, 30_000_000_000, 60_000_000_000]);
        assert_eq!(time_ticks(2_000_000_000), vec![0, 500_000_000, 1_000_000_000, 1_500_000_000, 2_000_000_000]);
    }

    #[test]
    fn collections_are_marked_where_the_count_grows() {
        let s = [(0, 1, 0, 0), (100, 1, 0, 0), (200, 1, 0, 1), (300, 1, 0, 1), (400, 1, 0, 3)];
        assert_eq!(gc_marks(&s, 10), vec![200, 400]);
        assert_eq!(gc_marks(&s, 1), vec![200]);
        assert!(gc_marks(&[], 5).is_empty());
    }

    #[test]
    fn leaky_and_safe_differ() {
        assert_ne!(curve_class("leaky", 0), curve_class("safe", 1));
        assert_ne!(curve_class("review-1", 0), curve_class("review-2", 1));
    }
}
