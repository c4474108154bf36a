//! Damaged input gets an error naming the line, never a panic: hand-made
//! cases with their exact messages, every cut of a protobuf profile,
//! truncations and random mutations of real dumps (text and protobuf).

use std::io::{Read, Write};
use std::path::Path;

use dumpread::{group, parse, suspects, Grouping};
use expect_test::{expect, Expect};

fn check(input: &str, expected: Expect) {
    let msg = match parse(input.as_bytes()) {
        Ok(d) => match d.truncated {
            Some(cut) => format!("ok: {} records; cut at {cut}", d.records.len()),
            None => format!("ok: {} records", d.records.len()),
        },
        Err(e) => e.to_string(),
    };
    expected.assert_eq(&msg);
}

const ONE: &str = "goroutine 7 [chan send]:\nmain.f(0x1)\n\t/app/main.go:31 +0x2c\ncreated by main.g in goroutine 1\n\t/app/main.go:20 +0x3d\n";

#[test]
fn hand_made_damage() {
    check(ONE, expect!["ok: 1 records"]);
    // Cut inside the second goroutine, as Go cuts a debug=2 dump at 64 MiB: the first is read.
    let two = format!("{ONE}\n{}", ONE.replace("goroutine 7", "goroutine 8"));
    check(&two[..two.len() - 30], expect!["ok: 1 records; cut at line 10: goroutine 8: `main.g in gorou` on line 10 has no `file:line` line after it; is the dump cut short?"]);
    check(&two[..two.len() - 3], expect!["ok: 2 records"]);
    // Pasted from a chat, indented, with Windows line ends.
    let pasted: String = ONE.lines().map(|l| format!("    {l}\r\n")).collect();
    check(&pasted, expect!["ok: 1 records"]);
    check("", expect!["line 1: no goroutine found: a dump has lines like `goroutine 1 [running]:` or starts with `goroutine profile: total N`"]);
    check(
        "goroutine 7 [chan send:\nmain.f()\n",
        expect!["line 1: `goroutine 7 [chan send:` is not a goroutine header like `goroutine 7 [chan send]:`"],
    );
    check(
        "goroutine 7 [chan send]:\nmain.f(0x1)\n",
        expect!["line 3: goroutine 7: `main.f` on line 2 has no `file:line` line after it; is the dump cut short?"],
    );
    check("goroutine 7 [chan send]:\nmain.f(0x1)\n/app/main.go:31\n", expect!["line 3: goroutine 7: expected the `file:line` of `main.f` (a tab, then a path and a line number), found `/app/main.go:31`"]);
    check("goroutine 7 [chan send]:\nmain.f(0x1\n", expect!["line 2: goroutine 7: expected a call like `main.f(...)`, a `created by` line or a blank line, found `main.f(0x1`"]);
    check(&ONE[..ONE.len() - 20], expect!["line 5: goroutine 7: expected the `file:line` of `main.g` (a tab, then a path and a line number), found `	/a`"]);
    check(
        "\tmain.go:3 +0x1\n",
        expect!["line 1: a frame's `file:line` line outside any goroutine; is a goroutine header missing above it?"],
    );
    check("goroutine 7 [chan send]:\nmain.f(0x1)\n\t/app/main.go:31 +0x2c\nmain.wor", expect!["line 4: goroutine 7: expected a call like `main.f(...)`, a `created by` line or a blank line, found `main.wor`"]);
    check("goroutine 7 [chan send]:\nmain.f(0x1)\n\t/app/main.go:x +0x2c\n", expect!["line 3: goroutine 7: expected the `file:line` of `main.f` (a tab, then a path and a line number), found `\t/app/main.go:x +0x2c`"]);
    check("goroutine profile: total 3\n2 @ 0x1 0x2\n#\t0x1\tmain.f+0x1\t/m.go:3\n", expect!["ok: 1 records"]);
    check(
        "goroutine profile: total 1\n2 @ 0x1 0x2\n#\t0x1\tmain.f+0x1\t/m.go:3\n",
        expect!["line 1: the header says 1 goroutine but the stacks below add up to 2"],
    );
    check(
        "goroutine profile: total x\n",
        expect!["line 1: the total in `goroutine profile: total x` is not a whole number"],
    );
    check(
        "goroutine profile: total 2\n2 @ 0x1 zz\n",
        expect!["line 2: the addresses in `2 @ 0x1 zz` are not all hexadecimal"],
    );
    check(
        "goroutine profile: total 2\n2 @ 0x1\n#\t0x1\tmain.f+0x1\t/m.go\n",
        expect!["line 3: `/m.go` has no `:line` after the file"],
    );
    check(
        "goroutine profile: total 2\n#\t0x1\tmain.f+0x1\t/m.go:3\n",
        expect!["line 2: a frame line before any `COUNT @ …` line"],
    );
    check(
        "threadcreate profile: total 2\n",
        expect!["line 1: this is a threadcreate profile; Leak Lab reads goroutine and goroutineleak profiles"],
    );
    let binary = parse(&[0xff, 0xfe, 0x00]).unwrap_err();
    assert_eq!(
        binary.to_string(),
        "line 1: the input is neither text (it is not UTF-8 here) nor a gzipped protobuf profile"
    );
    // Damaged gzip is described in this crate's words, never with the decoder's English.
    let gz = gzip(ONE.repeat(50).as_bytes());
    let msg = |bytes: &[u8]| parse(bytes).unwrap_err().to_string();
    let stops = "the gzip data stops before its end; is the file cut short?";
    assert_eq!(msg(&[0x1f, 0x8b, 0x08, 0x00]), stops);
    assert_eq!(msg(&gz[..gz.len() / 2]), stops);
    let mut header = gz.clone();
    header[2] = 7; // a compression method that is not deflate
    assert_eq!(msg(&header), "the gzip header is damaged; is this really a .gz file?");
    let mut sum = gz.clone();
    let at = sum.len() - 8; // the CRC-32 of the trailer
    sum[at] ^= 0xff;
    assert_eq!(msg(&sum), "the gzip data unpacks, but its checksum does not match: the file is damaged");
    let mut inside = gz.clone();
    inside[10] = 0xff; // the first deflate block's header: a reserved block type
    assert_eq!(msg(&inside), "the gzip data is damaged and cannot be unpacked; is the file cut short or changed?");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn protobuf_damage() {
    let pb = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/oracle/dumps/pprof-leaky.go1.24.4.http.goroutine.pb.gz"),
    )
    .unwrap();
    let raw = gunzip(&pb);
    // Every cut of the unpacked profile either reads (a cut between messages) or names what broke.
    for cut in 0..raw.len() {
        if let Err(e) = parse(&gzip(&raw[..cut])) {
            assert!(e.line.is_none() && !e.message.to_string().is_empty());
        }
    }
    let e = parse(&gzip(&[0x0a, 0x05, 0x08])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the protobuf profile is damaged: a field's length runs past the end in a Profile at byte 2"
    );
    let e = parse(&gzip(&[])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "this profile counts nothing, not goroutines; open a goroutine profile (/debug/pprof/goroutine)"
    );
}

/// A small deterministic generator (xorshift64*), so the mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Parses, and if that works groups and looks for suspects; checks that an
/// error names a line that exists.
fn survive(input: &[u8]) {
    let lines = input.iter().filter(|&&b| b == b'\n').count() + 1;
    match parse(input) {
        Ok(d) => {
            let groups = group(&d, Grouping::Exact);
            let _ = suspects(&d, &groups);
        }
        Err(e) => {
            if let Some(l) = e.line {
                assert!((1..=lines).contains(&l), "line {l} of {lines}: {e}");
            }
            assert!(!e.message.to_string().is_empty());
        }
    }
}

#[test]
fn truncations_and_random_mutations_of_real_dumps() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/oracle/dumps");
    let texts: Vec<Vec<u8>> = ["upstream-leaky-noctx.go1.24.4.t8s.debug2.txt", "workers-leaky.go1.19.8.t2s.debug1.txt"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for text in &texts {
        // Every cut at a line's end and just inside it, and random cuts elsewhere.
        for (i, _) in text.iter().enumerate().filter(|(_, &b)| b == b'\n') {
            survive(&text[..i]);
            survive(&text[..i.saturating_sub(3)]);
        }
        for _ in 0..300 {
            survive(&text[..rng.below(text.len())]);
        }
        for _ in 0..500 {
            let mut m = text.clone();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(m.len());
                match rng.below(4) {
                    0 => {
                        m.remove(at);
                    }
                    1 => m.insert(at, b"\n\t :()[]x0,"[rng.below(11)]),
                    2 => m[at] = rng.next() as u8,
                    _ => {
                        let n = rng.below(200).min(m.len() - at);
                        m.drain(at..at + n);
                    }
                }
            }
            survive(&m);
        }
    }
    let raw = gunzip(&std::fs::read(dir.join("upstream-leaky.go1.24.4.t8s.debug0.pb.gz")).unwrap());
    for _ in 0..500 {
        let mut m = raw.clone();
        let at = rng.below(m.len());
        m[at] = rng.next() as u8;
        survive(&gzip(&m));
    }
}

/// What a link can carry: real debug=2 dumps of 62 and 267 goroutines (44 and
/// 77 kB; their stacks repeat) fit, the 50,000-goroutine one does not; a
/// damaged link is refused, never a panic.
#[test]
fn share_links() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/oracle/dumps");
    let small = std::fs::read_to_string(dir.join("upstream-leaky-noctx.go1.24.4.t8s.debug2.txt")).unwrap();
    let packed = dumpread::share::pack(&small).unwrap();
    assert_eq!(dumpread::share::unpack(&packed).unwrap(), small);
    let also = std::fs::read_to_string(dir.join("unbounded-send-leaky.go1.24.4.t2s.debug2.txt")).unwrap();
    assert!(dumpread::share::pack(&also).unwrap().len() <= dumpread::share::MAX_PACKED);
    let many = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dumps/many-50000.go1.24.4.debug2.txt.gz");
    let large = String::from_utf8(gunzip(&std::fs::read(many).unwrap())).unwrap();
    assert!(matches!(dumpread::share::pack(&large), Err(dumpread::share::ShareError::TooLarge(_))));
    let mut rng = Rng(7);
    for _ in 0..300 {
        let mut m = packed.clone().into_bytes();
        let at = rng.below(m.len());
        m[at] = b"AZaz09-_$"[rng.below(9)];
        let _ = dumpread::share::unpack(std::str::from_utf8(&m).unwrap());
        let _ = dumpread::share::unpack(&packed[..rng.below(packed.len())]);
    }
}
