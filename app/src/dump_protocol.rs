//! What the "Your dump" page's Web Worker (`dumpworker/`) tells the page (`dumppage/`): its
//! progress, the view model of an analysed dump (groups, suspects, the diff against a base
//! dump), errors and share links.
//!
//! The worker writes these messages and the page reads them; this one file is compiled into
//! both (each includes it with `#[path]`; it lives here to be tested with the app), so writer
//! and reader cannot disagree. It is plain Rust without dependencies: no serializer in either.
//!
//! A message is text: lines of tab-separated fields, the first line naming the kind. Tabs,
//! line breaks and backslashes inside a field are escaped. Reading never panics: a damaged
//! message reads as [`ToPage::Failed`]. (`decode(&msg.encode()) == msg` for every message: see
//! the tests; the file has no doc examples, which would name one crate of the three.)

/// One frame of a group's stack, innermost first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameRow {
    /// The function, as the traceback names it.
    pub function: String,
    /// `file:line`.
    pub location: String,
    /// The function's package (`net/http`, `main`, `github.com/acme/svc`).
    pub package: String,
    /// Whether it is the standard library's.
    pub std: bool,
}

/// One group of goroutines with identical stacks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupRow {
    /// How many goroutines.
    pub count: u64,
    /// The wait reason with `(leaked)` and the longest wait: `chan send, 14 min`.
    pub state: String,
    /// The innermost function of the program's own code, or of the standard library when the
    /// whole stack is the standard library's ([`GroupRow::own`] is then false).
    pub function: String,
    /// Whether [`GroupRow::function`] is the program's own code.
    pub own: bool,
    /// The longest wait in whole minutes.
    pub longest: u32,
    /// How many goroutines waited how many whole minutes (0: less than a minute), ascending.
    pub minutes: Vec<(u32, u64)>,
    /// The index of its suspect in [`Report::suspects`].
    pub suspect: Option<usize>,
    /// The frames, innermost first.
    pub frames: Vec<FrameRow>,
}

/// A group that looks like a leak, and the lesson that teaches its pattern.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuspectRow {
    /// The index of its group in [`Report::groups`].
    pub group: usize,
    /// How many goroutines.
    pub count: u64,
    /// Why it looks like a leak, a full sentence.
    pub reason: String,
    /// The lesson's id.
    pub lesson: String,
    /// The page's URL query that opens the lesson where it shows the pattern.
    pub query: String,
    /// The `leaklab` command that prints the same dump.
    pub command: String,
    /// The link's text: `Lesson: Unbounded channel sends, at 2s, its debug=2 dump`.
    pub link_text: String,
}

/// One stack's change from the base dump to the current one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffRow {
    /// `now - base`.
    pub delta: i64,
    /// Goroutines with this stack in the base dump.
    pub base: u64,
    /// Goroutines with this stack now.
    pub now: u64,
    /// The stack's group (from the base dump when it is gone now).
    pub row: GroupRow,
}

/// A dump read and analysed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// What the dump is, its size and its suspects, in one line.
    pub headline: String,
    /// How many goroutines it holds.
    pub goroutines: u64,
    /// Where and why the input stops inside a goroutine, if it does.
    pub truncated: Option<String>,
    /// Text around the goroutines (a panic's message, `SIGQUIT: quit`): line number and text.
    pub notes: Vec<(u64, String)>,
    /// The groups, largest first.
    pub groups: Vec<GroupRow>,
    /// The groups that look like leaks.
    pub suspects: Vec<SuspectRow>,
    /// With a base dump: the line on both dumps, and each stack's change, largest growth first.
    pub diff: Option<(String, Vec<DiffRow>)>,
    /// Whether the dump is text small enough that a link could carry it.
    pub shareable: bool,
}

/// A message from the worker to the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ToPage {
    /// The worker has loaded and takes requests.
    Ready,
    /// How far the current phase is, in thousandths.
    Progress {
        /// 0 to 1000.
        permille: u32,
        /// What it is doing: `Reading the dump`.
        phase: String,
    },
    /// The analysis.
    Done(Box<Report>),
    /// The input could not be read: the parser's message, naming the line.
    Failed(String),
    /// The dump packed for a link (the part after `#dump=`), or why it cannot be.
    Link(Result<String, String>),
}

/// Escapes a field: no tab, line break or lone backslash survives.
fn push_field(out: &mut String, text: &str) {
    out.push('\t');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// A line being written: a tag, then fields.
struct Line<'a>(&'a mut String);

impl Line<'_> {
    fn text(self, t: &str) -> Self {
        push_field(self.0, t);
        self
    }
    fn num(self, n: impl std::fmt::Display) -> Self {
        self.0.push('\t');
        self.0.push_str(&n.to_string());
        self
    }
}

fn line<'a>(out: &'a mut String, tag: &str) -> Line<'a> {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(tag);
    Line(out)
}

fn group_fields<'a>(l: Line<'a>, g: &GroupRow) -> Line<'a> {
    let minutes: Vec<String> = g.minutes.iter().map(|(m, c)| format!("{m}:{c}")).collect();
    l.num(g.count)
        .text(&g.state)
        .text(&g.function)
        .num(u8::from(g.own))
        .num(g.longest)
        .text(&minutes.join(","))
        .text(&g.suspect.map(|s| s.to_string()).unwrap_or_default())
}

fn frames(out: &mut String, g: &GroupRow) {
    for f in &g.frames {
        line(out, "F").text(&f.function).text(&f.location).text(&f.package).num(u8::from(f.std));
    }
}

impl ToPage {
    /// The message as text, for `postMessage`.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        match self {
            ToPage::Ready => out.push_str("ready"),
            ToPage::Progress { permille, phase } => {
                line(&mut out, "progress").num(permille).text(phase);
            }
            ToPage::Failed(m) => {
                line(&mut out, "failed").text(m);
            }
            ToPage::Link(Ok(packed)) => {
                line(&mut out, "link").text("ok").text(packed);
            }
            ToPage::Link(Err(m)) => {
                line(&mut out, "link").text("err").text(m);
            }
            ToPage::Done(r) => {
                out.push_str("done");
                line(&mut out, "R")
                    .num(r.goroutines)
                    .num(u8::from(r.shareable))
                    .text(&r.headline)
                    .text(r.truncated.as_deref().unwrap_or(""))
                    .num(u8::from(r.truncated.is_some()));
                for (n, text) in &r.notes {
                    line(&mut out, "N").num(n).text(text);
                }
                for s in &r.suspects {
                    line(&mut out, "S")
                        .num(s.group)
                        .num(s.count)
                        .text(&s.reason)
                        .text(&s.lesson)
                        .text(&s.query)
                        .text(&s.command)
                        .text(&s.link_text);
                }
                for g in &r.groups {
                    group_fields(line(&mut out, "G"), g);
                    frames(&mut out, g);
                }
                if let Some((headline, rows)) = &r.diff {
                    line(&mut out, "H").text(headline);
                    for d in rows {
                        group_fields(line(&mut out, "D").num(d.delta).num(d.base).num(d.now), &d.row);
                        frames(&mut out, &d.row);
                    }
                }
            }
        }
        out
    }
}

/// The fields of a line after its tag, unescaped; missing ones read as empty.
struct Fields(Vec<String>);

impl Fields {
    fn s(&self, i: usize) -> String {
        self.0.get(i).cloned().unwrap_or_default()
    }
    fn n<T: std::str::FromStr + Default>(&self, i: usize) -> T {
        self.0.get(i).and_then(|f| f.parse().ok()).unwrap_or_default()
    }
    fn flag(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|f| f == "1")
    }
    fn group(&self, from: usize) -> GroupRow {
        let minutes = self
            .s(from + 5)
            .split(',')
            .filter_map(|p| {
                let (m, c) = p.split_once(':')?;
                Some((m.parse().ok()?, c.parse().ok()?))
            })
            .collect();
        GroupRow {
            count: self.n(from),
            state: self.s(from + 1),
            function: self.s(from + 2),
            own: self.flag(from + 3),
            longest: self.n(from + 4),
            minutes,
            suspect: self.0.get(from + 6).and_then(|f| f.parse().ok()),
            frames: Vec::new(),
        }
    }
}

/// Reads a message written by [`ToPage::encode`]; anything else is a [`ToPage::Failed`].
pub fn decode(text: &str) -> ToPage {
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let parse = |l: &str| {
        let mut parts = l.split('\t');
        let tag = parts.next().unwrap_or("").to_string();
        (tag, Fields(parts.map(unescape).collect()))
    };
    let (kind, head) = parse(first);
    match kind.as_str() {
        "ready" => ToPage::Ready,
        "progress" => ToPage::Progress { permille: head.n::<u32>(0).min(1000), phase: head.s(1) },
        "failed" => ToPage::Failed(head.s(0)),
        "link" if head.s(0) == "ok" => ToPage::Link(Ok(head.s(1))),
        "link" => ToPage::Link(Err(head.s(1))),
        "done" => {
            let mut r = Report::default();
            // Which list the next `F` lines belong to.
            let mut in_diff = false;
            for l in lines {
                let (tag, f) = parse(l);
                match tag.as_str() {
                    "R" => {
                        r.goroutines = f.n(0);
                        r.shareable = f.flag(1);
                        r.headline = f.s(2);
                        r.truncated = f.flag(4).then(|| f.s(3));
                    }
                    "N" => r.notes.push((f.n(0), f.s(1))),
                    "S" => r.suspects.push(SuspectRow {
                        group: f.n(0),
                        count: f.n(1),
                        reason: f.s(2),
                        lesson: f.s(3),
                        query: f.s(4),
                        command: f.s(5),
                        link_text: f.s(6),
                    }),
                    "G" => {
                        in_diff = false;
                        r.groups.push(f.group(0));
                    }
                    "H" => r.diff = Some((f.s(0), Vec::new())),
                    "D" => {
                        in_diff = true;
                        let row = f.group(3);
                        let d = DiffRow { delta: f.n(0), base: f.n(1), now: f.n(2), row };
                        r.diff.get_or_insert_with(Default::default).1.push(d);
                    }
                    "F" => {
                        let frame = FrameRow { function: f.s(0), location: f.s(1), package: f.s(2), std: f.flag(3) };
                        let target = if in_diff {
                            r.diff.as_mut().and_then(|d| d.1.last_mut()).map(|d| &mut d.row)
                        } else {
                            r.groups.last_mut()
                        };
                        if let Some(g) = target {
                            g.frames.push(frame);
                        }
                    }
                    _ => {}
                }
            }
            // Indices that point nowhere are dropped rather than trusted.
            let (groups, suspects) = (r.groups.len(), r.suspects.len());
            r.suspects.retain(|s| s.group < groups);
            for g in &mut r.groups {
                g.suspect = g.suspect.filter(|&s| s < suspects);
            }
            ToPage::Done(Box::new(r))
        }
        _ => ToPage::Failed("the dump reader sent a message this page does not understand".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        let frame = |f: &str, std| FrameRow {
            function: f.into(),
            location: "/app/main.go:12".into(),
            package: "main".into(),
            std,
        };
        let g = GroupRow {
            count: 6000,
            state: "chan send, 14 min".into(),
            function: "main.leakHandler.func1".into(),
            own: true,
            longest: 14,
            minutes: vec![(0, 10), (14, 5990)],
            suspect: Some(0),
            frames: vec![frame("main.leakHandler.func1", false), frame("net/http.(*conn).serve", true)],
        };
        Report {
            headline: "goroutine traceback (debug=2): 6000 goroutines in 1 group, 1 suspect".into(),
            goroutines: 6000,
            truncated: Some("line 9: the input ends\tinside a goroutine".into()),
            notes: vec![(1, "panic: boom \\ bang".into())],
            groups: vec![g.clone(), GroupRow { suspect: None, frames: vec![], ..g.clone() }],
            suspects: vec![SuspectRow {
                group: 0,
                count: 6000,
                reason: "These goroutines\nwait.".into(),
                lesson: "unbounded-send".into(),
                query: "?lesson=unbounded-send&variant=leaky&t=2s&panel=debug2".into(),
                command: "leaklab run unbounded-send".into(),
                link_text: "Lesson: Unbounded channel sends, at 2s, its debug=2 dump".into(),
            }],
            diff: Some(("a → b: +23".into(), vec![DiffRow { delta: 23, base: 17, now: 40, row: g }])),
            shareable: true,
        }
    }

    #[test]
    fn every_message_reads_back() {
        for msg in [
            ToPage::Ready,
            ToPage::Progress { permille: 1000, phase: "Grouping".into() },
            ToPage::Failed("line 3: not a frame".into()),
            ToPage::Link(Ok("abc-_".into())),
            ToPage::Link(Err("too large".into())),
            ToPage::Done(Box::new(sample())),
            ToPage::Done(Box::default()),
        ] {
            assert_eq!(decode(&msg.encode()), msg);
        }
    }

    #[test]
    fn damaged_messages_do_not_panic() {
        assert!(matches!(decode(""), ToPage::Failed(_)));
        assert!(matches!(decode("nonsense"), ToPage::Failed(_)));
        let ToPage::Done(r) = decode("done\nG\tx\nF\nS\t99\nD\t1\nF\ta\nR") else { panic!() };
        assert_eq!((r.groups.len(), r.suspects.len()), (1, 0));
        assert_eq!(r.diff.map(|d| d.1[0].row.frames.len()), Some(1));
        let text = sample().clone();
        let encoded = ToPage::Done(Box::new(text)).encode();
        for cut in 0..encoded.len() {
            if encoded.is_char_boundary(cut) {
                let _ = decode(&encoded[..cut]);
            }
        }
    }
}
