use leptos::prelude::*;
use lessons::decimal::{format_fixed, format_shortest as num};

use super::live::Live;
use super::region::Region;

const W: f64 = 640.0;
const H: f64 = 220.0;
const PAD_L: f64 = 56.0;
const PAD_R: f64 = 64.0;
const PAD_T: f64 = 12.0;
const PAD_B: f64 = 28.0;
/// Points drawn per curve at most; longer series are thinned.
const MAX_POINTS: usize = 600;

// Numbers are written with `lessons::decimal` (`num` is `format!("{x}")`, `format_fixed` is
// `format!("{x:.1}")`): the same text, without the standard library's float printing in the wasm.

/// One curve's points in chart coordinates.
pub fn polyline(
    series: &[(u64, usize, u64)],
    t_max: u64,
    y_max: f64,
    value: impl Fn(&(u64, usize, u64)) -> f64,
) -> String {
    let step = series.len().div_ceil(MAX_POINTS).max(1);
    let mut out = String::new();
    for p in series.iter().step_by(step).chain(series.last()) {
        let x = PAD_L + (p.0 as f64 / t_max.max(1) as f64) * (W - PAD_L - PAD_R);
        let y = H - PAD_B - (value(p) / y_max.max(1.0)) * (H - PAD_T - PAD_B);
        out.push_str(&format!("{},{} ", format_fixed(x, 1), format_fixed(y, 1)));
    }
    out
}

/// `runtime.NumGoroutine()` and estimated memory over virtual time, as a Prometheus gauge
/// would show them; in compare mode one curve per variant.
#[component]
pub fn ChartView(#[prop(into)] labels: Signal<Vec<String>>) -> impl IntoView {
    let live = expect_context::<Live>();
    let chart = move || {
        live.series.with(|all| {
            let t_max = all.iter().filter_map(|s| s.last()).map(|p| p.0).max().unwrap_or(1);
            let g_max = all.iter().flatten().map(|p| p.1).max().unwrap_or(1) as f64;
            let m_max = all.iter().flatten().map(|p| p.2).max().unwrap_or(1) as f64;
            let names = labels.get();
            let curves = all
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let g = polyline(s, t_max, g_max, |p| p.1 as f64);
                    let m = polyline(s, t_max, m_max, |p| p.2 as f64);
                    view! {
                        <polyline class=format!("curve curve-{i}") points=g fill="none" />
                        <polyline class=format!("curve-mem curve-{i}") points=m fill="none" stroke-dasharray="4 3" />
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
                    let name = names.get(i).cloned().unwrap_or_default();
                    format!("{name}: goroutines from {first} to {last} (peak {peak})")
                })
                .collect::<Vec<_>>()
                .join("; ");
            let t_label = sim_runtime::Duration(t_max).to_string();
            let legend = names
                .iter()
                .enumerate()
                .map(|(i, n)| view! { <li class=format!("legend-{i}")>{format!("{n}: goroutines (solid), memory (dashed)")}</li> })
                .collect_view();
            view! {
                <svg
                    viewBox=format!("0 0 {} {}", num(W), num(H))
                    role="img"
                    aria-label=summary.clone()
                    class="chart"
                    data-testid="chart"
                    data-summary=summary
                >
                    <line class="axis" x1=num(PAD_L) y1=num(H - PAD_B) x2=num(W - PAD_R) y2=num(H - PAD_B) />
                    <line class="axis" x1=num(PAD_L) y1=num(PAD_T) x2=num(PAD_L) y2=num(H - PAD_B) />
                    <text class="tick" x=num(PAD_L - 6.0) y=num(PAD_T + 10.0) text-anchor="end">{num(g_max)}</text>
                    <text class="tick" x=num(PAD_L - 6.0) y=num(H - PAD_B) text-anchor="end">"0"</text>
                    <text class="tick" x=num(W - PAD_R + 6.0) y=num(PAD_T + 10.0)>{format!("{} MiB", format_fixed(m_max / 1048576.0, 1))}</text>
                    <text class="tick" x=num(W - PAD_R) y=num(H - 8.0) text-anchor="end">{t_label}</text>
                    <text class="tick" x=num(PAD_L) y=num(H - 8.0)>"0s"</text>
                    {curves}
                </svg>
                <ul class="legend">{legend}</ul>
            }
        })
    };
    view! {
        <Region id="chart" title="Goroutines over time">
            {chart}
        </Region>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_series_are_thinned() {
        let s: Vec<(u64, usize, u64)> = (0..6000).map(|i| (i * 100, i as usize, 0)).collect();
        let pts = polyline(&s, 600_000, 6000.0, |p| p.1 as f64);
        assert!(pts.split_whitespace().count() <= MAX_POINTS + 1);
        assert!(pts.starts_with("56.0,"));
    }
}
