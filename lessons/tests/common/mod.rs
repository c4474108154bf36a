//! Helpers shared by the lessons' faithfulness tests: the oracle harness's snapshot table,
//! computed from a simulated dump. Each test binary uses a different subset.
#![allow(dead_code)]

use std::collections::BTreeMap;

use lessons::{Run, RunConfig};
use sim_runtime::DumpKind;

pub fn base(loc: &str) -> &str {
    let loc = loc.trim();
    let loc = loc.split(" +0x").next().unwrap_or(loc);
    loc.rsplit('/').next().unwrap_or(loc)
}

/// The oracle harness's snapshot table (`snapshot` in lessons/oracle/harness/harness.go),
/// computed from the simulated `debug=2` dump, without the dump request's own goroutines.
pub fn table(run: &Run) -> Vec<String> {
    let dump = run.dump(DumpKind::Debug2);
    let mut counts: BTreeMap<[String; 4], usize> = BTreeMap::new();
    for block in dump.trim().split("\n\n") {
        let mut lines = block.lines();
        let header = lines.next().unwrap();
        let state = header.split_once(" [").unwrap().1.trim_end_matches("]:");
        let state = state.split(", ").next().unwrap().to_string();
        let rest: Vec<&str> = lines.collect();
        let (mut frames, mut created) = (Vec::new(), String::from("-"));
        for pair in rest.chunks(2) {
            let func = pair[0];
            let loc = base(pair.get(1).copied().unwrap_or(""));
            if let Some(c) = func.strip_prefix("created by ") {
                created = format!("{} {loc}", c.split(" in goroutine ").next().unwrap());
                continue;
            }
            let name = match func.rfind('(') {
                Some(k) if func.ends_with("(...)") => format!("{}(...)", &func[..k]),
                Some(k) => func[..k].to_string(),
                None => func.to_string(),
            };
            frames.push(format!("{name} {loc}"));
        }
        let top = frames.first().cloned().unwrap_or_default();
        if state == "running" || (state == "runnable" && top.contains("startBackgroundRead.gowrap2")) {
            continue;
        }
        let user = frames.iter().find(|f| f.starts_with("main.")).cloned().unwrap_or_else(|| "-".into());
        *counts.entry([format!("[{state}]"), top, user, created]).or_default() += 1;
    }
    let mut rows: Vec<String> = counts
        .into_iter()
        .map(|([state, top, user, created], n)| norm(&format!("{n} {state} {top} {user} {created}")))
        .collect();
    rows.sort();
    rows
}

pub fn norm(row: &str) -> String {
    row.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `cfg` with ideal timers: for tests that check exact arithmetic (a count taken
/// on the very instant a sleep ends). Tests against real Go's ranges keep the
/// default, realistic timer slack.
pub fn ideal(mut cfg: RunConfig) -> RunConfig {
    cfg.knobs.set(&cfg.lesson.knobs, "timer_slack", "ideal").unwrap();
    cfg
}
