//! A dump's text as the page holds it while it is printed a part at a time: the bytes, where
//! each line starts (four bytes a line: a million goroutines make some fifteen million lines),
//! and where each part to copy starts. And finding text in it a window at a time, so that
//! neither printing nor searching half a gigabyte ever blocks the page for long.

/// A part to copy holds about this many bytes (more only when one printed piece is larger).
pub const PART_BYTES: usize = 8 << 20;

/// How many bytes one search step looks at.
pub const SEARCH_WINDOW: usize = 16 << 20;

/// A dump's text with its line and part starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DumpText {
    /// The text.
    pub text: String,
    /// Where each line starts, as [`line_starts`] finds them.
    pub starts: Vec<u32>,
    /// Where each part to copy starts; parts begin where a printed piece began, that is on a
    /// goroutine's boundary.
    pub parts: Vec<u32>,
}

impl DumpText {
    /// Appends a printed piece.
    pub fn push(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        let base = self.text.len();
        let part = self.parts.last().map_or(0, |&p| p as usize);
        if self.parts.is_empty() {
            self.parts.push(0);
        } else if base > part && base - part + piece.len() > PART_BYTES {
            // A debug=2 piece starts with the blank line before its first goroutine: the
            // part starts after it, with the goroutine.
            self.parts.push((base + usize::from(piece.starts_with('\n'))) as u32);
        }
        if base == 0 || self.text.ends_with('\n') {
            self.starts.push(base as u32);
        }
        let end = base + piece.len();
        self.starts
            .extend(piece.match_indices('\n').map(|(i, _)| (base + i + 1) as u32).filter(|&s| (s as usize) < end));
        self.text.push_str(piece);
    }

    /// Makes room for a dump of `total` goroutines, judging by the `written` printed so far.
    pub fn reserve_for(&mut self, total: usize, written: usize) {
        let scale = |n: usize| (n as u64 * total as u64 / written.max(1) as u64 * 21 / 20) as usize;
        self.text.reserve(scale(self.text.len()).saturating_sub(self.text.len()));
        self.starts.reserve(scale(self.starts.len()).saturating_sub(self.starts.len()));
    }

    /// How many lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// Line `i`, without its newline.
    pub fn line(&self, i: usize) -> &str {
        line_at(&self.text, &self.starts, i)
    }

    /// The line that byte `pos` is on.
    pub fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= pos).saturating_sub(1)
    }

    /// How many parts to copy.
    pub fn part_count(&self) -> usize {
        self.parts.len()
    }

    /// Part `k`'s bytes.
    pub fn part(&self, k: usize) -> &str {
        let from = self.parts.get(k).map_or(self.text.len(), |&p| p as usize);
        let to = self.parts.get(k + 1).map_or(self.text.len(), |&p| p as usize);
        &self.text[from..to]
    }

    /// Part `k` for a menu: "Part 2 of 9: lines 120,001–241,356 (8.0 MB)".
    pub fn part_label(&self, k: usize) -> String {
        let from = self.parts.get(k).map_or(0, |&p| p as usize);
        let len = self.part(k).len();
        let first = self.line_of(from) + 1;
        let last = self.line_of((from + len).saturating_sub(1)) + 1;
        t!(
            "Part {0} of {1}: lines {2}–{3} ({4} MB)",
            k + 1,
            self.parts.len(),
            crate::i18n::int(first as u64),
            crate::i18n::int(last as u64),
            tenths(len as u64 * 10 / 1_000_000)
        )
    }
}

impl AsRef<[u8]> for DumpText {
    fn as_ref(&self) -> &[u8] {
        self.text.as_bytes()
    }
}

/// Tenths as "8.0".
fn tenths(n: u64) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// Where each line of `text` starts (a trailing newline starts no line): what
/// [`DumpText::push`] keeps, found at once.
#[cfg(test)]
pub fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
        .filter(|&i| (i as usize) < text.len())
        .collect()
}

/// Line `i` of `text` whose lines start at `starts`, without its newline.
pub fn line_at<'a>(text: &'a str, starts: &[u32], i: usize) -> &'a str {
    let from = starts.get(i).map_or(text.len(), |&s| s as usize);
    let to = starts.get(i + 1).map_or(text.len(), |&s| s as usize);
    text.get(from..to).unwrap_or("").trim_end_matches('\n')
}

/// What one search step found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The match starts at this byte.
    Found(usize),
    /// Not in this window: go on from this byte.
    Continue(usize),
    /// No match up to the end (or, searching backwards, the start).
    End,
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Looks for `query` starting at or after byte `from`, in at most `window` bytes from there.
pub fn find_forward(text: &str, query: &str, from: usize, window: usize) -> Step {
    if query.is_empty() || from >= text.len() {
        return Step::End;
    }
    let from = ceil_boundary(text, from);
    let stop = ceil_boundary(text, from.saturating_add(window));
    // The slice reaches past the window by the query's length, so that a match across
    // two windows is found in the first.
    let end = ceil_boundary(text, stop.saturating_add(query.len() - 1));
    match text[from..end].find(query) {
        Some(i) if from + i < stop || end == text.len() => Step::Found(from + i),
        _ if end >= text.len() => Step::End,
        _ => Step::Continue(stop),
    }
}

/// Looks for the last `query` that ends at or before byte `before`, in at most `window` bytes
/// before it.
pub fn find_backward(text: &str, query: &str, before: usize, window: usize) -> Step {
    let before = floor_boundary(text, before);
    if query.is_empty() || before < query.len() {
        return Step::End;
    }
    let start = floor_boundary(text, before.saturating_sub(window));
    // The slice reaches back past the window's start by the query's length.
    let from = floor_boundary(text, start.saturating_sub(query.len() - 1));
    match text[from..before].rfind(query) {
        Some(i) if from + i + query.len() > start || from == 0 => Step::Found(from + i),
        _ if from == 0 => Step::End,
        _ => Step::Continue(start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_add_up_to_the_lines_of_the_whole() {
        let whole = "goroutine 1 [running]:\nmain.main()\n\n\ngoroutine 6 [chan send]:\nx\n";
        for cut in 0..whole.len() {
            for cut2 in cut..whole.len() {
                let mut t = DumpText::default();
                t.push(&whole[..cut]);
                t.push(&whole[cut..cut2]);
                t.push(&whole[cut2..]);
                assert_eq!(t.text, whole);
                assert_eq!(t.starts, line_starts(whole), "cut at {cut} and {cut2}");
            }
        }
        let t = {
            let mut t = DumpText::default();
            t.push(whole);
            t
        };
        let lines: Vec<&str> = (0..t.lines()).map(|i| t.line(i)).collect();
        assert_eq!(lines, whole.lines().collect::<Vec<_>>());
        assert_eq!(t.line(99), "");
        assert_eq!(t.line_of(0), 0);
        assert_eq!(t.line_of(23), 1);
        assert_eq!(t.line_of(whole.len() - 1), t.lines() - 1);
    }

    #[test]
    fn parts_start_on_piece_boundaries_and_cover_the_text() {
        let piece = "goroutine 7 [chan send]:\n".repeat(PART_BYTES / 25 / 3 + 1);
        let mut t = DumpText::default();
        t.push(&piece);
        for _ in 0..9 {
            t.push(&format!("\n{piece}"));
        }
        assert!(t.part_count() > 2 && t.part_count() < 10, "{} parts", t.part_count());
        let joined: String = (0..t.part_count()).map(|k| t.part(k)).collect();
        assert_eq!(joined, t.text);
        for k in 0..t.part_count() {
            assert!(t.part(k).len() <= PART_BYTES + piece.len());
            assert!(t.part(k).starts_with("goroutine 7"));
        }
        assert!(t.part_label(0).starts_with(&format!("Part 1 of {}: lines 1–", t.part_count())), "{}", t.part_label(0));
        assert_eq!(lessons::estimate::group_digits(1_234_567), "1,234,567");
        assert_eq!(lessons::estimate::group_digits(999), "999");
    }

    /// Finds every match by stepping windows, as the page does.
    fn all_forward(text: &str, q: &str, window: usize) -> Vec<usize> {
        let (mut out, mut from) = (Vec::new(), 0);
        loop {
            match find_forward(text, q, from, window) {
                Step::Found(p) => {
                    out.push(p);
                    from = p + 1;
                }
                Step::Continue(next) => {
                    assert!(next > from, "a step moves on");
                    from = next;
                }
                Step::End => return out,
            }
        }
    }

    fn all_backward(text: &str, q: &str, window: usize) -> Vec<usize> {
        let (mut out, mut before) = (Vec::new(), text.len());
        loop {
            match find_backward(text, q, before, window) {
                Step::Found(p) => {
                    out.push(p);
                    before = p + q.len() - 1;
                }
                Step::Continue(next) => {
                    assert!(next < before, "a step moves back");
                    before = next;
                }
                Step::End => return out,
            }
        }
    }

    #[test]
    fn stepping_windows_finds_every_match_either_way() {
        let text = "abcab cabc äbc abcabc\nab\u{e4}c";
        for q in ["abc", "ab", "c", "bc äb", "äbc", "abcabc", "zz", "ab\u{e4}c"] {
            // Every match, overlapping ones too (a search steps one byte past each).
            let want: Vec<usize> =
                (0..text.len()).filter(|&i| text.is_char_boundary(i) && text[i..].starts_with(q)).collect();
            let mut back = want.clone();
            back.reverse();
            for window in [1, 2, 3, 5, 8, 1000] {
                assert_eq!(all_forward(text, q, window), want, "{q:?} forward in windows of {window}");
                assert_eq!(all_backward(text, q, window), back, "{q:?} backward in windows of {window}");
            }
        }
        assert_eq!(find_forward("abc", "", 0, 10), Step::End);
        assert_eq!(find_backward("abc", "abcd", 3, 10), Step::End);
    }
}
