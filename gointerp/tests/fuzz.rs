//! Generated input: no program makes the parser, the checker or the interpreter panic,
//! loop or exhaust the stack. Thousands of mutations of the lesson listings and of the
//! broken programs (deleted, duplicated and swapped pieces, stray tokens), plus deeply
//! nested inputs, each checked on a thread with a 1 MiB stack, the stack a wasm32
//! program gets; and line-level mutations of the interpreter's programs that still
//! build, each run to its end or its budget.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// xorshift64*: a deterministic stream, so a failure names a reproducible case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "func",
    "go ",
    "<-",
    ":=",
    "=",
    "\n",
    "\"",
    "`",
    "/*",
    "*/",
    "//",
    "[]",
    "map[",
    "chan ",
    "...",
    ".",
    ",",
    ";",
    "0x",
    "1e9",
    "1.5",
    "'",
    "'\\x",
    "interface{",
    "struct{",
    "select {",
    "switch ",
    "case ",
    "default:",
    "x",
    "_",
    "&",
    "*",
    "range ",
    "for ",
    "if ",
    "else ",
    "return ",
    "defer ",
    "var ",
    "const ",
    "type ",
    "é",
    "\u{0}",
    "goto ",
    "break ",
    "continue ",
    "L:",
    "[T any]",
    ".(type)",
    "nil",
    "true",
    "iota",
    "1 << 70",
    "\"%d %s %w\"",
    "context.WithCancel(ctx)",
    "sync.Mutex",
    "x, _ := ",
    "panic(1)",
    "[1:]",
    "[:2:3]",
    "[::]",
    "[-1:]",
    "[5:1]",
    "[:1<<62]",
    "[...]",
    "[3]",
    ".(int)",
    ".(error)",
    "switch v := x.(type) {",
    "case nil, int:",
];

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in fs::read_dir(root.join("../lessons/oracle")).unwrap() {
        let p = dir.unwrap().path().join("main.go");
        if p.exists() {
            out.push(fs::read_to_string(p).unwrap());
        }
    }
    for f in fs::read_dir(root.join("tests/check")).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "go") {
            out.push(fs::read_to_string(p).unwrap());
        }
    }
    out.sort();
    out
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut b = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 => {
                let end = (at + 1 + rng.below(30)).min(b.len());
                b.drain(at.min(end)..end);
            }
            1 | 2 => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                b.splice(at..at, piece.iter().copied());
            }
            3 => {
                let len = rng.below(60);
                let end = (at + len).min(b.len());
                let copy: Vec<u8> = b[at.min(end)..end].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, copy);
            }
            _ => {
                let text = String::from_utf8_lossy(&b).into_owned();
                let mut lines: Vec<&str> = text.lines().collect();
                if lines.len() > 2 {
                    let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(i, j);
                }
                b = lines.join("\n").into_bytes();
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Checks every input on a thread with a 1 MiB stack; each must finish quickly.
fn check_all(inputs: Vec<(String, String)>) {
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            for (name, src) in inputs {
                let start = Instant::now();
                let report = gointerp::check(&src);
                let _ = report.render("main.go");
                assert!(start.elapsed() < Duration::from_secs(2), "{name} took {:?}", start.elapsed());
            }
        })
        .unwrap();
    if let Err(e) = handle.join() {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn mutated_programs_never_crash_the_checker() {
    let corpus = corpus();
    assert!(corpus.len() >= 30);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut inputs = Vec::new();
    for case in 0..3000 {
        let base = &corpus[case % corpus.len()];
        inputs.push((format!("case {case}"), mutate(&mut rng, base)));
    }
    check_all(inputs);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let n = 20_000;
    let body = |inner: String| format!("package main\n\nfunc main() {{\n\t{inner}\n}}\n");
    let cases = vec![
        ("parens", body(format!("x := {}1{}", "(".repeat(n), ")".repeat(n)))),
        ("unary", body(format!("x := {}true", "!".repeat(n)))),
        ("sum", body(format!("x := 1{}", " + 1".repeat(n)))),
        ("selectors", body(format!("x{} = 1", ".y".repeat(n)))),
        ("calls", body(format!("f{}", "()".repeat(n)))),
        ("blocks", body(format!("{}{}", "{".repeat(n), "}".repeat(n)))),
        ("else-if", body(format!("if true {{}}{}", " else if true {}".repeat(n)))),
        ("slice types", body(format!("var x {}int", "[]".repeat(n)))),
        ("pointers", body(format!("var x {}int", "*".repeat(n)))),
        ("func literals", body(format!("{}{}", "func() {".repeat(n), "}()".repeat(n)))),
        ("composites", body(format!("x := {}{}", "[]any{".repeat(n), "}".repeat(n)))),
    ];
    for (name, src) in &cases {
        let report = gointerp::check(src);
        assert!(!report.is_clean(), "{name}: an error, not silence");
        assert!(report.render("main.go").contains("nested"), "{name}: {}", report.render("main.go"));
    }
    check_all(cases.into_iter().map(|(n, s)| (n.to_string(), s)).collect());
}

#[test]
fn mutated_programs_never_crash_the_interpreter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/run");
    let mut corpus: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    corpus.sort();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut inputs = Vec::new();
    for case in 0..400 {
        let src = gentle_mutate(&mut rng, &corpus[case % corpus.len()]);
        // Only programs that build reach the interpreter.
        if gointerp::check(&src).build.is_empty() {
            inputs.push((format!("case {case}"), src));
        }
    }
    assert!(inputs.len() >= 60, "enough mutants build: {}", inputs.len());
    // The interpreter nests boxed futures per call: give it the stack of a debug build's
    // test thread.
    let handle = std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || {
            for (name, src) in inputs {
                let start = Instant::now();
                let _ = gointerp::interp::run(&src, 1, sim_runtime::Duration::from_secs(5));
                assert!(start.elapsed() < Duration::from_secs(20), "{name} took {:?}", start.elapsed());
            }
        })
        .unwrap();
    if let Err(e) = handle.join() {
        std::panic::resume_unwind(e);
    }
}

/// Line-level edits, which keep more programs buildable than `mutate`: a line deleted,
/// duplicated or moved, or a digit changed.
fn gentle_mutate(rng: &mut Rng, src: &str) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(2) {
        let n = lines.len();
        let i = rng.below(n);
        match rng.below(4) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let j = rng.below(n);
                lines.swap(i, j);
            }
            _ => {
                let digits: Vec<usize> =
                    lines[i].char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(k, _)| k).collect();
                if let Some(&k) = digits.get(rng.below(digits.len())) {
                    let d = char::from(b'0' + rng.below(10) as u8);
                    lines[i].replace_range(k..k + 1, &d.to_string());
                }
            }
        }
        if lines.is_empty() {
            break;
        }
    }
    lines.join("\n") + "\n"
}

/// The slice, array and type-assertion programs, mutated line by line many times each
/// (a changed digit moves a bound out of range): never a crash, always an end.
#[test]
fn mutated_slice_programs_never_crash_the_interpreter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/run");
    let mut corpus: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.ends_with(".go") && ["slice_", "array_", "assert_"].iter().any(|pre| name.starts_with(pre))
        })
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    corpus.sort();
    assert!(corpus.len() >= 2, "the slice programs are there");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut inputs = Vec::new();
    for case in 0..120 {
        let src = gentle_mutate(&mut rng, &corpus[case % corpus.len()]);
        if gointerp::check(&src).build.is_empty() {
            inputs.push((format!("case {case}"), src));
        }
    }
    assert!(inputs.len() >= 30, "enough mutants build: {}", inputs.len());
    let handle = std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || {
            for (name, src) in inputs {
                let start = Instant::now();
                let _ = gointerp::interp::run(&src, 1, sim_runtime::Duration::from_secs(5));
                assert!(start.elapsed() < Duration::from_secs(20), "{name} took {:?}", start.elapsed());
            }
        })
        .unwrap();
    if let Err(e) = handle.join() {
        std::panic::resume_unwind(e);
    }
}
