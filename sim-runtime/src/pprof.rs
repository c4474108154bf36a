//! Go's goroutine profile (`/debug/pprof/goroutine?debug=0`) as gzipped protobuf.
//!
//! The simulated runtime can already print the text dumps (`debug=1`, `debug=2`);
//! this module writes the binary form so that a learner can download a profile
//! from the lab and open it with the real `go tool pprof` (`-top`, `-traces`,
//! `-diff_base`, the web UI). The layout follows what Go's own `profileBuilder`
//! (`runtime/pprof/proto.go`) writes for a count profile, described in
//! `profile.proto` of github.com/google/pprof.
//!
//! The protobuf encoding is written by hand: the message set is small and fixed,
//! and avoiding a protobuf code generator keeps the crate light and trivially
//! buildable for `wasm32-unknown-unknown`. Gzip comes from `flate2` with its
//! pure-Rust backend for the same reason, behind the `gzip` feature (on by default): the
//! browser page takes the protobuf ([`encode_goroutine_profile_raw_of`]) and leaves the
//! gzipping to a Web Worker that has the feature, so the deflate code is not in its download.
//!
//! Output is byte-for-byte deterministic for the same input: every table is
//! filled in first-seen order and the gzip header carries no timestamp, so
//! snapshots and golden tests stay stable.

use std::collections::HashMap;

/// One frame of a goroutine stack, leaf first.
///
/// A frame is a *logical* frame, the way Go's tracebacks and pprof's `Line`
/// entries see it: an inlined function gets its own frame even though it has no
/// physical stack frame of its own, so that pprof can show it and mark it
/// `(inline)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProfileFrame<'a> {
    /// Fully qualified Go function name, e.g. `main.logMessage` or `runtime.gopark`,
    /// because pprof reports and aggregates by this name.
    pub function: &'a str,
    /// Absolute source path, e.g. `/app/main.go`, because pprof prints it in
    /// `-list`/`-traces` views and keys functions by name and file.
    pub file: &'a str,
    /// Source line of the call site (or of the park point for the leaf frame),
    /// so that line-granularity views point at the right statement.
    pub line: u32,
    /// The call PC (return PC − 1) Go would record for this frame; it becomes the
    /// Location address, which pprof shows with `-addresses` and uses to merge
    /// identical frames across samples.
    pub pc: u64,
    /// True if this frame was inlined into the NEXT frame (its caller). Such a
    /// frame shares one Location with that caller, exactly as Go's profiles do,
    /// which is what makes pprof print `(inline)` next to it.
    pub inlined: bool,
}

/// One row of the goroutine profile: a distinct stack and how many goroutines
/// currently sit on it.
///
/// Samples are written in the order given, one protobuf `Sample` per entry;
/// aggregating goroutines with identical stacks and labels is the caller's job,
/// as it is for Go's `runtime.GoroutineProfile` consumer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileSample<'a> {
    /// The stack, leaf first (normally starting at `runtime.gopark`), without
    /// `runtime.goexit`, matching what Go records so `-top` looks familiar.
    pub frames: Vec<ProfileFrame<'a>>,
    /// Number of goroutines with this stack; this is the sample's only value
    /// (`goroutine/count`).
    pub count: u64,
    /// pprof labels (`pprof.Do`/`pprof.SetGoroutineLabels`) as key/value pairs,
    /// written in the given order so that `-tags` and `-tagfocus` work.
    pub labels: Vec<(&'a str, &'a str)>,
}

/// Encodes a goroutine profile and gzips it, producing exactly the kind of file
/// `go tool pprof` expects from `/debug/pprof/goroutine?debug=0`.
///
/// The gzip stream is deterministic so that the same simulation always yields
/// the same bytes: header mtime 0, no file name, and the OS byte 255
/// ("unknown"), which is what Go's `compress/gzip` writes. Like Go, it compresses
/// at the fastest level (so the header's XFL byte is 4, as in Go's output).
/// `time_nanos` is the profile's wall-clock start time in Unix nanoseconds; pprof
/// prints it on its `Time:` line.
#[cfg(feature = "gzip")]
pub fn encode_goroutine_profile(samples: &[ProfileSample<'_>], time_nanos: i64) -> Vec<u8> {
    encode_goroutine_profile_of(samples, time_nanos, None)
}

/// The program a profile was taken from, named by the profile's one mapping as
/// Go names it (the executable from `/proc/self/maps`, with its GNU build ID).
/// `go tool pprof` prints them as `File:` and `Build ID:` above a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Executable<'a> {
    /// The executable's absolute path; pprof shows its base name.
    pub file: &'a str,
    /// The build ID, 40 hex digits on Linux.
    pub build_id: &'a str,
}

/// [`encode_goroutine_profile`] with the mapping naming `exe`, as a real
/// server's profile does.
#[cfg(feature = "gzip")]
pub fn encode_goroutine_profile_of(
    samples: &[ProfileSample<'_>],
    time_nanos: i64,
    exe: Option<Executable<'_>>,
) -> Vec<u8> {
    gzip(&encode_goroutine_profile_raw_of(samples, time_nanos, exe))
}

/// [`encode_goroutine_profile_of`]'s protobuf before it is gzipped.
pub fn encode_goroutine_profile_raw_of(
    samples: &[ProfileSample<'_>],
    time_nanos: i64,
    exe: Option<Executable<'_>>,
) -> Vec<u8> {
    Builder { exe, ..Builder::default() }.build(samples, time_nanos)
}

/// Gzips a profile's protobuf as [`encode_goroutine_profile`] does (the `gzip` feature: the
/// browser page leaves the deflate code out of its download and has a Web Worker call this).
#[cfg(feature = "gzip")]
pub fn gzip(raw: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    // The gzip member is written here around flate2's raw deflate stream, byte for byte what
    // `flate2::GzBuilder` writes, but with a small CRC-32 of our own: flate2's gzip path brings
    // crc32fast, whose 16 KiB of tables would be ~18 KB of the gzipped WebAssembly.
    // Header: magic, CM=8 (deflate), no flags, MTIME 0, XFL 4 (fastest), OS 255 (unknown).
    let mut out = Vec::with_capacity(raw.len() / 2 + 32);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255]);
    let mut deflate = flate2::write::DeflateEncoder::new(out, flate2::Compression::fast());
    // Neither can fail. (Not `expect`: the code that would print the `io::Error` in its panic
    // message is 1 KiB of the gzipped wasm.)
    let Ok(()) = deflate.write_all(raw) else { unreachable!("writing into a Vec<u8> cannot fail") };
    let mut out =
        deflate.finish().unwrap_or_else(|_| unreachable!("finishing a deflate stream into a Vec<u8> cannot fail"));
    out.extend_from_slice(&crc32(raw).to_le_bytes());
    out.extend_from_slice(&(raw.len() as u32).to_le_bytes());
    out
}

/// CRC-32 (IEEE 802.3, reflected, as gzip uses it), half a byte at a time from a 16-entry table.
#[cfg(feature = "gzip")]
fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 16] = {
        let mut t = [0u32; 16];
        let mut i = 0;
        while i < 16 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 4 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut c = !0u32;
    for &b in data {
        c = TABLE[((c ^ b as u32) & 15) as usize] ^ (c >> 4);
        c = TABLE[((c ^ (b as u32 >> 4)) & 15) as usize] ^ (c >> 4);
    }
    !c
}

/// Encodes a goroutine profile as plain (uncompressed) protobuf, so that tests
/// and debugging tools can inspect the message without a gzip step; pprof itself
/// also accepts this form.
///
/// Table ids are assigned in first-seen order (strings, functions, locations),
/// which makes the output a pure function of the input. Functions are deduplicated
/// by `(name, file)`. Each physical frame becomes one Location: a run of frames
/// with `inlined == true` is folded into the next non-inlined frame, listing the
/// inlined callees first and the physical caller last, at the caller's `pc`.
/// Locations are deduplicated by that `pc` together with their line entries, so
/// consistent input (one `pc` per physical call site, as in Go) is deduplicated
/// by `pc` exactly as Go does, while an inconsistent `pc` can never merge two
/// different call sites. A trailing run of inlined frames with no caller (which a
/// real stack cannot have) becomes a Location at the last frame's `pc` rather
/// than being dropped.
pub fn encode_goroutine_profile_uncompressed(samples: &[ProfileSample<'_>], time_nanos: i64) -> Vec<u8> {
    Builder::default().build(samples, time_nanos)
}

// ---------------------------------------------------------------------------
// Field numbers from github.com/google/pprof/proto/profile.proto.

mod tag {
    pub const PROFILE_SAMPLE_TYPE: u32 = 1;
    pub const PROFILE_SAMPLE: u32 = 2;
    pub const PROFILE_MAPPING: u32 = 3;
    pub const PROFILE_LOCATION: u32 = 4;
    pub const PROFILE_FUNCTION: u32 = 5;
    pub const PROFILE_STRING_TABLE: u32 = 6;
    pub const PROFILE_TIME_NANOS: u32 = 9;
    pub const PROFILE_PERIOD_TYPE: u32 = 11;
    pub const PROFILE_PERIOD: u32 = 12;

    pub const VALUE_TYPE_TYPE: u32 = 1;
    pub const VALUE_TYPE_UNIT: u32 = 2;

    pub const SAMPLE_LOCATION_ID: u32 = 1;
    pub const SAMPLE_VALUE: u32 = 2;
    pub const SAMPLE_LABEL: u32 = 3;

    pub const LABEL_KEY: u32 = 1;
    pub const LABEL_STR: u32 = 2;

    pub const MAPPING_ID: u32 = 1;
    pub const MAPPING_START: u32 = 2;
    pub const MAPPING_LIMIT: u32 = 3;
    pub const MAPPING_FILENAME: u32 = 5;
    pub const MAPPING_BUILD_ID: u32 = 6;
    pub const MAPPING_HAS_FUNCTIONS: u32 = 7;
    pub const MAPPING_HAS_FILENAMES: u32 = 8;
    pub const MAPPING_HAS_LINE_NUMBERS: u32 = 9;
    pub const MAPPING_HAS_INLINE_FRAMES: u32 = 10;

    pub const LOCATION_ID: u32 = 1;
    pub const LOCATION_MAPPING_ID: u32 = 2;
    pub const LOCATION_ADDRESS: u32 = 3;
    pub const LOCATION_LINE: u32 = 4;

    pub const LINE_FUNCTION_ID: u32 = 1;
    pub const LINE_LINE: u32 = 2;

    pub const FUNCTION_ID: u32 = 1;
    pub const FUNCTION_NAME: u32 = 2;
    pub const FUNCTION_SYSTEM_NAME: u32 = 3;
    pub const FUNCTION_FILENAME: u32 = 4;
}

const WIRE_VARINT: u32 = 0;
const WIRE_LEN: u32 = 2;

/// The only mapping; every Location points at it.
const MAPPING_ID: u64 = 1;

/// Minimal protobuf writer: proto3 semantics, so zero scalars are omitted.
#[derive(Default)]
struct Pb {
    buf: Vec<u8>,
}

impl Pb {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    fn key(&mut self, field: u32, wire: u32) {
        self.varint(u64::from(field << 3 | wire));
    }

    fn uint64_opt(&mut self, field: u32, v: u64) {
        if v != 0 {
            self.key(field, WIRE_VARINT);
            self.varint(v);
        }
    }

    /// int64 is encoded as the two's-complement u64 (not zigzag).
    fn int64_opt(&mut self, field: u32, v: i64) {
        self.uint64_opt(field, v as u64);
    }

    fn bool_opt(&mut self, field: u32, v: bool) {
        self.uint64_opt(field, u64::from(v));
    }

    /// Always emitted, even when empty: string_table[0] must be present as "".
    fn bytes(&mut self, field: u32, b: &[u8]) {
        self.key(field, WIRE_LEN);
        self.varint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }

    fn packed_uint64(&mut self, field: u32, vs: impl IntoIterator<Item = u64>) {
        let mut inner = Pb::default();
        for v in vs {
            inner.varint(v);
        }
        if !inner.buf.is_empty() {
            self.bytes(field, &inner.buf);
        }
    }

    fn message(&mut self, field: u32, f: impl FnOnce(&mut Pb)) {
        let mut inner = Pb::default();
        f(&mut inner);
        self.bytes(field, &inner.buf);
    }
}

/// A deduplicated Location: the physical frame's pc plus its logical lines
/// (function id, line), inlined callees first.
#[derive(Clone, PartialEq, Eq, Hash)]
struct LocKey {
    address: u64,
    lines: Vec<(u64, i64)>,
}

#[derive(Default)]
struct Builder<'a> {
    strings: Vec<&'a str>,
    string_ids: HashMap<&'a str, i64>,
    functions: Vec<(i64, i64)>, // (name, filename) string indices; id = index + 1
    function_ids: HashMap<(&'a str, &'a str), u64>,
    locations: Vec<LocKey>, // id = index + 1
    location_ids: HashMap<LocKey, u64>,
    exe: Option<Executable<'a>>,
}

impl<'a> Builder<'a> {
    fn string(&mut self, s: &'a str) -> i64 {
        if let Some(&i) = self.string_ids.get(s) {
            return i;
        }
        let i = self.strings.len() as i64;
        self.strings.push(s);
        self.string_ids.insert(s, i);
        i
    }

    fn function(&mut self, name: &'a str, file: &'a str) -> u64 {
        if let Some(&id) = self.function_ids.get(&(name, file)) {
            return id;
        }
        let name_ix = self.string(name);
        let file_ix = self.string(file);
        self.functions.push((name_ix, file_ix));
        let id = self.functions.len() as u64;
        self.function_ids.insert((name, file), id);
        id
    }

    fn location(&mut self, group: &[ProfileFrame<'a>]) -> u64 {
        let lines = group.iter().map(|f| (self.function(f.function, f.file), i64::from(f.line))).collect();
        let key = LocKey {
            // The physical frame (the caller the others were inlined into) is last.
            address: group.last().map_or(0, |f| f.pc),
            lines,
        };
        if let Some(&id) = self.location_ids.get(&key) {
            return id;
        }
        self.locations.push(key.clone());
        let id = self.locations.len() as u64;
        self.location_ids.insert(key, id);
        id
    }

    /// Splits a leaf-first stack into physical frames: each group is a run of
    /// inlined frames followed by the frame they were inlined into.
    fn locations_for(&mut self, frames: &[ProfileFrame<'a>]) -> Vec<u64> {
        let mut ids = Vec::new();
        let mut start = 0;
        for (i, f) in frames.iter().enumerate() {
            if !f.inlined {
                ids.push(self.location(&frames[start..=i]));
                start = i + 1;
            }
        }
        if start < frames.len() {
            ids.push(self.location(&frames[start..]));
        }
        ids
    }

    fn build(mut self, samples: &[ProfileSample<'a>], time_nanos: i64) -> Vec<u8> {
        self.string("");
        let goroutine = self.string("goroutine");
        let count = self.string("count");

        // Resolve everything first so the tables are complete before writing.
        struct EncSample {
            locs: Vec<u64>,
            value: i64,
            labels: Vec<(i64, i64)>,
        }
        let enc_samples: Vec<EncSample> = samples
            .iter()
            .map(|s| {
                let locs = self.locations_for(&s.frames);
                let labels = s.labels.iter().map(|&(k, v)| (self.string(k), self.string(v))).collect();
                EncSample {
                    locs,
                    // pprof values are int64; a count beyond that cannot be real.
                    value: i64::try_from(s.count).unwrap_or(i64::MAX),
                    labels,
                }
            })
            .collect();

        let mut pb = Pb::default();
        let value_type = |pb: &mut Pb| {
            pb.int64_opt(tag::VALUE_TYPE_TYPE, goroutine);
            pb.int64_opt(tag::VALUE_TYPE_UNIT, count);
        };

        pb.message(tag::PROFILE_SAMPLE_TYPE, value_type);

        for s in &enc_samples {
            pb.message(tag::PROFILE_SAMPLE, |pb| {
                pb.packed_uint64(tag::SAMPLE_LOCATION_ID, s.locs.iter().copied());
                pb.packed_uint64(tag::SAMPLE_VALUE, [s.value as u64]);
                for &(k, v) in &s.labels {
                    pb.message(tag::SAMPLE_LABEL, |pb| {
                        pb.int64_opt(tag::LABEL_KEY, k);
                        pb.int64_opt(tag::LABEL_STR, v);
                    });
                }
            });
        }

        // The executable's text segment, as /proc/self/maps gives it: from the
        // 1 MiB boundary below the lowest PC to the page above the highest.
        let exe = self.exe.map(|e| {
            let lo = self.locations.iter().map(|l| l.address).min().unwrap_or(0);
            let hi = self.locations.iter().map(|l| l.address).max().unwrap_or(0);
            (lo & !0xf_ffff, (hi + 0x1000) & !0xfff, self.string(e.file), self.string(e.build_id))
        });
        pb.message(tag::PROFILE_MAPPING, |pb| {
            pb.uint64_opt(tag::MAPPING_ID, MAPPING_ID);
            if let Some((start, limit, file, build_id)) = exe {
                pb.uint64_opt(tag::MAPPING_START, start);
                pb.uint64_opt(tag::MAPPING_LIMIT, limit);
                pb.int64_opt(tag::MAPPING_FILENAME, file);
                pb.int64_opt(tag::MAPPING_BUILD_ID, build_id);
            }
            pb.bool_opt(tag::MAPPING_HAS_FUNCTIONS, true);
            pb.bool_opt(tag::MAPPING_HAS_FILENAMES, true);
            pb.bool_opt(tag::MAPPING_HAS_LINE_NUMBERS, true);
            pb.bool_opt(tag::MAPPING_HAS_INLINE_FRAMES, true);
        });

        for (i, loc) in self.locations.iter().enumerate() {
            pb.message(tag::PROFILE_LOCATION, |pb| {
                pb.uint64_opt(tag::LOCATION_ID, i as u64 + 1);
                pb.uint64_opt(tag::LOCATION_MAPPING_ID, MAPPING_ID);
                pb.uint64_opt(tag::LOCATION_ADDRESS, loc.address);
                for &(function_id, line) in &loc.lines {
                    pb.message(tag::LOCATION_LINE, |pb| {
                        pb.uint64_opt(tag::LINE_FUNCTION_ID, function_id);
                        pb.int64_opt(tag::LINE_LINE, line);
                    });
                }
            });
        }

        for (i, &(name, file)) in self.functions.iter().enumerate() {
            pb.message(tag::PROFILE_FUNCTION, |pb| {
                pb.uint64_opt(tag::FUNCTION_ID, i as u64 + 1);
                pb.int64_opt(tag::FUNCTION_NAME, name);
                // Go sets system_name = name for Go symbols.
                pb.int64_opt(tag::FUNCTION_SYSTEM_NAME, name);
                pb.int64_opt(tag::FUNCTION_FILENAME, file);
            });
        }

        for s in &self.strings {
            pb.bytes(tag::PROFILE_STRING_TABLE, s.as_bytes());
        }

        pb.int64_opt(tag::PROFILE_TIME_NANOS, time_nanos);
        pb.message(tag::PROFILE_PERIOD_TYPE, value_type);
        pb.int64_opt(tag::PROFILE_PERIOD, 1);

        pb.buf
    }
}

#[cfg(all(test, feature = "gzip"))]
mod tests {
    use super::*;
    use std::io::{Read as _, Write as _};

    // ------------------------------------------------------------------
    // A tiny protobuf reader, just enough to decode profile.proto.

    #[derive(Debug, Clone, Copy)]
    enum Val<'b> {
        Varint(u64),
        Bytes(&'b [u8]),
    }

    fn read_varint(b: &[u8], pos: &mut usize) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let byte = b[*pos];
            *pos += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return v;
            }
            shift += 7;
            assert!(shift < 64, "varint too long");
        }
    }

    fn fields(b: &[u8]) -> Vec<(u32, Val<'_>)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < b.len() {
            let key = read_varint(b, &mut pos);
            let (field, wire) = ((key >> 3) as u32, (key & 7) as u32);
            assert!(field != 0, "field number 0");
            match wire {
                0 => out.push((field, Val::Varint(read_varint(b, &mut pos)))),
                2 => {
                    let len = read_varint(b, &mut pos) as usize;
                    out.push((field, Val::Bytes(&b[pos..pos + len])));
                    pos += len;
                }
                w => panic!("unexpected wire type {w} for field {field}"),
            }
        }
        assert_eq!(pos, b.len(), "trailing garbage");
        out
    }

    fn varint_of(v: Val<'_>) -> u64 {
        match v {
            Val::Varint(x) => x,
            Val::Bytes(_) => panic!("expected varint"),
        }
    }

    fn bytes_of(v: Val<'_>) -> &[u8] {
        match v {
            Val::Bytes(b) => b,
            Val::Varint(_) => panic!("expected bytes"),
        }
    }

    /// Accepts both packed and unpacked encodings of a repeated varint.
    fn push_repeated(out: &mut Vec<u64>, v: Val<'_>) {
        match v {
            Val::Varint(x) => out.push(x),
            Val::Bytes(b) => {
                let mut pos = 0;
                while pos < b.len() {
                    out.push(read_varint(b, &mut pos));
                }
            }
        }
    }

    #[derive(Debug, Default, PartialEq)]
    struct DSample {
        location_id: Vec<u64>,
        value: Vec<u64>,
        labels: Vec<(u64, u64)>, // (key, str)
    }

    #[derive(Debug, Default, PartialEq)]
    struct DLocation {
        id: u64,
        mapping_id: u64,
        address: u64,
        lines: Vec<(u64, u64)>, // (function_id, line)
    }

    #[derive(Debug, Default, PartialEq)]
    struct DFunction {
        id: u64,
        name: u64,
        system_name: u64,
        filename: u64,
    }

    #[derive(Debug, Default, PartialEq)]
    struct DMapping {
        id: u64,
        flags: [bool; 4],
        start: u64,
        limit: u64,
        file: u64,
        build_id: u64,
    }

    #[derive(Debug, Default)]
    struct DProfile {
        sample_type: Vec<(u64, u64)>,
        samples: Vec<DSample>,
        mappings: Vec<DMapping>,
        locations: Vec<DLocation>,
        functions: Vec<DFunction>,
        strings: Vec<String>,
        time_nanos: u64,
        duration_nanos: Option<u64>,
        period_type: Option<(u64, u64)>,
        period: u64,
    }

    fn value_type(b: &[u8]) -> (u64, u64) {
        let mut vt = (0, 0);
        for (f, v) in fields(b) {
            match f {
                1 => vt.0 = varint_of(v),
                2 => vt.1 = varint_of(v),
                _ => panic!("unknown ValueType field {f}"),
            }
        }
        vt
    }

    fn decode(b: &[u8]) -> DProfile {
        let mut p = DProfile::default();
        for (f, v) in fields(b) {
            match f {
                1 => p.sample_type.push(value_type(bytes_of(v))),
                2 => {
                    let mut s = DSample::default();
                    for (f, v) in fields(bytes_of(v)) {
                        match f {
                            1 => push_repeated(&mut s.location_id, v),
                            2 => push_repeated(&mut s.value, v),
                            3 => {
                                let mut l = (0, 0);
                                for (f, v) in fields(bytes_of(v)) {
                                    match f {
                                        1 => l.0 = varint_of(v),
                                        2 => l.1 = varint_of(v),
                                        _ => panic!("unexpected Label field {f}"),
                                    }
                                }
                                s.labels.push(l);
                            }
                            _ => panic!("unknown Sample field {f}"),
                        }
                    }
                    p.samples.push(s);
                }
                3 => {
                    let mut m = DMapping::default();
                    for (f, v) in fields(bytes_of(v)) {
                        match f {
                            1 => m.id = varint_of(v),
                            2 => m.start = varint_of(v),
                            3 => m.limit = varint_of(v),
                            5 => m.file = varint_of(v),
                            6 => m.build_id = varint_of(v),
                            7..=10 => m.flags[f as usize - 7] = varint_of(v) == 1,
                            _ => panic!("unexpected Mapping field {f}"),
                        }
                    }
                    p.mappings.push(m);
                }
                4 => {
                    let mut l = DLocation::default();
                    for (f, v) in fields(bytes_of(v)) {
                        match f {
                            1 => l.id = varint_of(v),
                            2 => l.mapping_id = varint_of(v),
                            3 => l.address = varint_of(v),
                            4 => {
                                let mut line = (0, 0);
                                for (f, v) in fields(bytes_of(v)) {
                                    match f {
                                        1 => line.0 = varint_of(v),
                                        2 => line.1 = varint_of(v),
                                        _ => panic!("unexpected Line field {f}"),
                                    }
                                }
                                l.lines.push(line);
                            }
                            _ => panic!("unexpected Location field {f}"),
                        }
                    }
                    p.locations.push(l);
                }
                5 => {
                    let mut func = DFunction::default();
                    for (f, v) in fields(bytes_of(v)) {
                        match f {
                            1 => func.id = varint_of(v),
                            2 => func.name = varint_of(v),
                            3 => func.system_name = varint_of(v),
                            4 => func.filename = varint_of(v),
                            _ => panic!("unexpected Function field {f}"),
                        }
                    }
                    p.functions.push(func);
                }
                6 => p.strings.push(String::from_utf8(bytes_of(v).to_vec()).expect("utf-8 string")),
                9 => p.time_nanos = varint_of(v),
                10 => p.duration_nanos = Some(varint_of(v)),
                11 => p.period_type = Some(value_type(bytes_of(v))),
                12 => p.period = varint_of(v),
                _ => panic!("unexpected Profile field {f}"),
            }
        }
        p
    }

    impl DProfile {
        fn s(&self, ix: u64) -> &str {
            &self.strings[ix as usize]
        }

        fn function(&self, id: u64) -> &DFunction {
            self.functions.iter().find(|f| f.id == id).expect("function exists")
        }

        fn location(&self, id: u64) -> &DLocation {
            self.locations.iter().find(|l| l.id == id).expect("location exists")
        }

        /// `name:line` for every logical line of a location, in stored order.
        fn lines(&self, loc_id: u64) -> Vec<String> {
            self.location(loc_id)
                .lines
                .iter()
                .map(|&(fid, line)| format!("{}:{line}", self.s(self.function(fid).name)))
                .collect()
        }

        /// The pprof `CheckValid` invariants plus the ones this encoder promises.
        fn check_valid(&self) {
            assert_eq!(self.strings.first().map(String::as_str), Some(""));
            let mut seen = std::collections::HashSet::new();
            assert!(self.strings.iter().all(|s| seen.insert(s)), "strings unique");
            assert!(!self.sample_type.is_empty());
            for (i, m) in self.mappings.iter().enumerate() {
                assert_eq!(m.id, i as u64 + 1, "mapping ids dense, first-seen order");
            }
            for (i, l) in self.locations.iter().enumerate() {
                assert_eq!(l.id, i as u64 + 1, "location ids dense, first-seen order");
                assert!(self.mappings.iter().any(|m| m.id == l.mapping_id));
                assert!(!l.lines.is_empty());
                for &(fid, _) in &l.lines {
                    assert!(self.functions.iter().any(|f| f.id == fid));
                }
            }
            for (i, f) in self.functions.iter().enumerate() {
                assert_eq!(f.id, i as u64 + 1, "function ids dense, first-seen order");
                assert_eq!(f.name, f.system_name);
                assert!((f.name as usize) < self.strings.len());
                assert!((f.filename as usize) < self.strings.len());
            }
            for s in &self.samples {
                assert_eq!(s.value.len(), self.sample_type.len());
                for &id in &s.location_id {
                    assert!(self.locations.iter().any(|l| l.id == id));
                }
            }
        }
    }

    // ------------------------------------------------------------------
    // Realistic stacks (Go 1.19 runtime line numbers).

    const PROC: &str = "/usr/local/go/src/runtime/proc.go";
    const CHAN: &str = "/usr/local/go/src/runtime/chan.go";
    const TIME: &str = "/usr/local/go/src/runtime/time.go";
    const MAIN: &str = "/app/main.go";
    const T0: i64 = 1_730_000_000_000_000_000;

    fn fr(function: &'static str, file: &'static str, line: u32, pc: u64) -> ProfileFrame<'static> {
        ProfileFrame { function, file, line, pc, inlined: false }
    }

    fn inl(function: &'static str, file: &'static str, line: u32, pc: u64) -> ProfileFrame<'static> {
        ProfileFrame { inlined: true, ..fr(function, file, line, pc) }
    }

    fn gopark() -> ProfileFrame<'static> {
        fr("runtime.gopark", PROC, 363, 0x43a1b6)
    }

    /// `go func() { logMessage(ch, msg) }()` where logMessage (inlined) does `ch <- msg`.
    fn leak_sample(count: u64) -> ProfileSample<'static> {
        ProfileSample {
            frames: vec![
                gopark(),
                fr("runtime.chansend", CHAN, 259, 0x4066f1),
                fr("runtime.chansend1", CHAN, 145, 0x40627c),
                inl("main.logMessage", MAIN, 18, 0x4ad52b),
                fr("main.leakyHandler.func1", MAIN, 31, 0x4ad52b),
            ],
            count,
            labels: vec![("handler", "/leaky")],
        }
    }

    fn sleep_sample() -> ProfileSample<'static> {
        ProfileSample {
            frames: vec![gopark(), fr("time.Sleep", TIME, 195, 0x469f2e), fr("main.main", MAIN, 45, 0x4ad6c5)],
            count: 1,
            labels: vec![],
        }
    }

    fn leak_profile(leaked: u64) -> Vec<ProfileSample<'static>> {
        vec![leak_sample(leaked), sleep_sample()]
    }

    #[test]
    fn structure_of_a_leak_profile() {
        let raw = encode_goroutine_profile_uncompressed(&leak_profile(30), T0);
        let p = decode(&raw);
        p.check_valid();

        assert_eq!(&p.strings[..3], ["", "goroutine", "count"]);
        let gc = (1, 2);
        assert_eq!(p.sample_type, vec![gc]);
        assert_eq!(p.period_type, Some(gc));
        assert_eq!(p.period, 1);
        assert_eq!(p.time_nanos, T0 as u64);
        assert_eq!(p.duration_nanos, None, "only CPU profiles have a duration");

        assert_eq!(p.mappings, vec![DMapping { id: 1, flags: [true; 4], ..DMapping::default() }]);

        // 7 distinct (name, file) functions; 6 Locations: logMessage merges into
        // func1's Location, and gopark's Location is shared by both samples.
        assert_eq!(p.functions.len(), 7);
        assert_eq!(p.locations.len(), 6);
        assert_eq!(p.samples.len(), 2);

        let leak = &p.samples[0];
        assert_eq!(leak.value, vec![30]);
        assert_eq!(leak.location_id, vec![1, 2, 3, 4]);
        assert_eq!(p.lines(1), ["runtime.gopark:363"]);
        assert_eq!(p.lines(2), ["runtime.chansend:259"]);
        assert_eq!(p.lines(3), ["runtime.chansend1:145"]);
        assert_eq!(
            p.lines(4),
            ["main.logMessage:18", "main.leakyHandler.func1:31"],
            "inlined callee first, physical caller last"
        );
        assert_eq!(p.location(4).address, 0x4ad52b);
        assert_eq!(p.location(1).address, 0x43a1b6);
        let labels: Vec<_> = leak.labels.iter().map(|&(k, v)| (p.s(k), p.s(v))).collect();
        assert_eq!(labels, [("handler", "/leaky")]);

        let sleep = &p.samples[1];
        assert_eq!(sleep.value, vec![1]);
        assert_eq!(sleep.location_id, vec![1, 5, 6], "gopark Location reused");
        assert!(sleep.labels.is_empty());

        let f = p.function(p.location(5).lines[0].0);
        assert_eq!((p.s(f.name), p.s(f.filename)), ("time.Sleep", TIME));
    }

    #[test]
    fn functions_dedup_by_name_and_file() {
        // Same name in two files (e.g. two `main` packages) must stay distinct;
        // the same (name, file) at different lines must share one Function.
        let samples = vec![ProfileSample {
            frames: vec![
                fr("main.work", "/a/main.go", 10, 0x100),
                fr("main.work", "/a/main.go", 20, 0x200),
                fr("main.work", "/b/main.go", 10, 0x300),
            ],
            count: 2,
            labels: vec![],
        }];
        let p = decode(&encode_goroutine_profile_uncompressed(&samples, 0));
        p.check_valid();
        assert_eq!(p.functions.len(), 2);
        assert_eq!(p.locations.len(), 3);
        assert_eq!(p.location(1).lines, vec![(1, 10)]);
        assert_eq!(p.location(2).lines, vec![(1, 20)]);
        assert_eq!(p.location(3).lines, vec![(2, 10)]);
        assert_eq!(p.time_nanos, 0, "zero time is simply omitted");
    }

    #[test]
    fn inline_runs_and_edge_cases() {
        let samples = vec![
            // Two inlined levels folded into one physical frame.
            ProfileSample {
                frames: vec![
                    gopark(),
                    inl("main.c", MAIN, 3, 0x500),
                    inl("main.b", MAIN, 2, 0x500),
                    fr("main.a", MAIN, 1, 0x500),
                ],
                count: 1,
                labels: vec![],
            },
            // A trailing inlined frame with no caller is kept, not dropped.
            ProfileSample { frames: vec![gopark(), inl("main.orphan", MAIN, 9, 0x600)], count: 1, labels: vec![] },
            // An empty stack and a zero count are still valid samples.
            ProfileSample { frames: vec![], count: 0, labels: vec![("k", "")] },
        ];
        let p = decode(&encode_goroutine_profile_uncompressed(&samples, -1));
        p.check_valid();
        assert_eq!(p.time_nanos, u64::MAX, "negative int64 is two's complement");
        assert_eq!(p.samples[0].location_id, vec![1, 2]);
        assert_eq!(p.lines(2), ["main.c:3", "main.b:2", "main.a:1"]);
        assert_eq!(p.location(2).address, 0x500);
        assert_eq!(p.samples[1].location_id, vec![1, 3]);
        assert_eq!(p.lines(3), ["main.orphan:9"]);
        assert_eq!(p.location(3).address, 0x600);
        assert_eq!(p.samples[2].location_id, Vec::<u64>::new());
        assert_eq!(p.samples[2].value, vec![0]);
        assert_eq!(p.samples[2].labels.len(), 1);
        assert_eq!(p.s(p.samples[2].labels[0].1), "");
    }

    #[test]
    fn same_pc_with_different_lines_is_not_merged() {
        let mut a = leak_sample(1);
        let mut b = leak_sample(1);
        a.frames[4].line = 31;
        b.frames[4].line = 32; // inconsistent input: same pc, different line
        let p = decode(&encode_goroutine_profile_uncompressed(&[a, b], T0));
        p.check_valid();
        assert_eq!(p.locations.len(), 5);
        assert_eq!(p.samples[1].location_id, vec![1, 2, 3, 5]);
    }

    #[test]
    fn empty_profile_is_valid() {
        let p = decode(&encode_goroutine_profile_uncompressed(&[], T0));
        p.check_valid();
        assert_eq!(p.strings, ["", "goroutine", "count"]);
        assert_eq!(p.mappings.len(), 1);
        assert!(p.samples.is_empty() && p.locations.is_empty() && p.functions.is_empty());
    }

    #[test]
    fn crc32_is_gzips() {
        // The check value of the CRC-32 catalogue, and the empty input.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn the_gzip_member_is_the_one_flate2_writes() {
        // Thousands of distinct stacks: several deflate blocks.
        let frames: Vec<[ProfileFrame<'_>; 1]> = (0..5000u32)
            .map(|i| {
                [ProfileFrame {
                    function: "main.main",
                    file: "/app/main.go",
                    line: i,
                    pc: u64::from(i),
                    inlined: false,
                }]
            })
            .collect();
        let samples: Vec<ProfileSample<'_>> =
            frames.iter().map(|f| ProfileSample { frames: f.to_vec(), count: 3, labels: Vec::new() }).collect();
        let mine = encode_goroutine_profile(&samples, 5);
        let mut gz =
            flate2::GzBuilder::new().mtime(0).operating_system(255).write(Vec::new(), flate2::Compression::fast());
        gz.write_all(&encode_goroutine_profile_uncompressed(&samples, 5)).unwrap();
        assert!(mine.len() > 10_000);
        assert_eq!(mine, gz.finish().unwrap());
    }

    #[test]
    fn output_is_deterministic_and_gzip_matches_go() {
        let samples = leak_profile(30);
        let raw = encode_goroutine_profile_uncompressed(&samples, T0);
        assert_eq!(raw, encode_goroutine_profile_uncompressed(&samples, T0));

        let gz = encode_goroutine_profile(&samples, T0);
        assert_eq!(gz, encode_goroutine_profile(&samples, T0));
        // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=4 (fastest, as Go's BestSpeed) OS=255.
        assert_eq!(gz[..10], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255]);

        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut unzipped).unwrap();
        assert_eq!(unzipped, raw);
    }

    #[test]
    fn the_mapping_names_the_executable_as_a_real_profile_does() {
        // A real server's mapping (lessons/oracle/dumps/pprof-leaky.go1.24.4.http.goroutine.pb.gz,
        // `go tool pprof -raw`): `1: 0x400000/0x746000/0x0 /…/pprof-leaky 7c8f798e… [FN]`,
        // which is what makes `-top` print `File: pprof-leaky` and `Build ID: 7c8f798e…`.
        let exe = Executable { file: "/app/server", build_id: "0123456789abcdef0123456789abcdef01234567" };
        let gz = encode_goroutine_profile_of(&leak_profile(30), T0, Some(exe));
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut raw).unwrap();
        let p = decode(&raw);
        p.check_valid();
        let m = &p.mappings[0];
        assert_eq!(p.strings[m.file as usize], "/app/server");
        assert_eq!(p.strings[m.build_id as usize], exe.build_id);
        assert_eq!((m.start, m.limit), (0x400000, 0x4ae000), "covers every location");
        assert!(p.locations.iter().all(|l| m.start <= l.address && l.address < m.limit));
        // Without an executable the mapping stays anonymous, as before.
        let p = decode(&encode_goroutine_profile_uncompressed(&leak_profile(30), T0));
        assert_eq!((p.mappings[0].file, p.mappings[0].build_id, p.mappings[0].limit), (0, 0, 0));
    }

    // ------------------------------------------------------------------
    // Integration with the real `go tool pprof` (runs when `go` is on PATH).

    /// Returns the `go` binary on PATH, or prints why the caller is skipping.
    fn go_or_skip(test: &str) -> Option<std::path::PathBuf> {
        let found = std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|dir| dir.join("go")).find(|p| p.is_file()));
        if found.is_none() {
            // CI sets this so that a missing toolchain fails loudly instead of
            // silently skipping the only check against the real pprof.
            assert!(
                std::env::var_os("LEAKLAB_REQUIRE_GO").is_none(),
                "{test}: LEAKLAB_REQUIRE_GO is set but `go` is not on PATH"
            );
            eprintln!("{test}: skipped: go not installed (no `go` on PATH)");
        }
        found
    }

    /// A scratch directory removed on drop, so failed runs do not litter /tmp.
    struct TempDir(std::path::PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("leaklab-pprof-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Runs `go tool pprof -symbolize=none ARGS` and returns stdout, failing the
    /// test with stderr if pprof rejects the profile.
    fn pprof(go: &std::path::Path, tmp: &TempDir, args: &[&std::ffi::OsStr]) -> String {
        let out = std::process::Command::new(go)
            .args(["tool", "pprof", "-symbolize=none"])
            .args(args)
            .env("PPROF_TMPDIR", &tmp.0)
            .env("HOME", &tmp.0)
            .env("PPROF_NO_BROWSER", "1")
            .current_dir(&tmp.0)
            .output()
            .expect("run go tool pprof");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "go tool pprof {args:?} failed: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
        eprintln!("--- go tool pprof {args:?}\n{stdout}{stderr}");
        stdout
    }

    #[test]
    fn go_tool_pprof_reads_the_profile() {
        let Some(go) = go_or_skip("go_tool_pprof_reads_the_profile") else {
            return;
        };
        let tmp = TempDir::new("go");
        let new = tmp.0.join("goroutine.pb.gz");
        let base = tmp.0.join("base.pb.gz");
        std::fs::write(&new, encode_goroutine_profile(&leak_profile(30), T0)).unwrap();
        std::fs::write(&base, encode_goroutine_profile(&leak_profile(10), T0 - 60_000_000_000)).unwrap();
        let os = |s: &'static str| std::ffi::OsStr::new(s);

        let top = pprof(&go, &tmp, &[os("-top"), new.as_os_str()]);
        assert!(top.contains("Type: goroutine"), "{top}");
        assert!(top.contains("Time: "), "{top}");
        assert!(top.contains("Showing nodes accounting for 31, 100% of 31 total"), "{top}");
        let gopark_row = top
            .lines()
            .find(|l| l.trim_end().ends_with("runtime.gopark"))
            .unwrap_or_else(|| panic!("no gopark row:\n{top}"));
        assert_eq!(
            gopark_row.split_whitespace().take(2).collect::<Vec<_>>(),
            ["31", "100%"],
            "all 31 goroutines are parked (flat): {gopark_row}"
        );
        assert!(top.contains("main.leakyHandler.func1"), "{top}");
        assert!(top.contains("main.logMessage (inline)"), "{top}");
        assert!(top.contains("time.Sleep"), "{top}");

        let traces = pprof(&go, &tmp, &[os("-traces"), new.as_os_str()]);
        assert!(traces.contains("Type: goroutine"), "{traces}");
        assert!(traces.contains("-----------+---"), "{traces}");
        // The 30-goroutine trace lists the frames leaf first, inline included.
        let leak_trace = traces
            .split("-----------+")
            .find(|t| t.contains("main.leakyHandler.func1"))
            .unwrap_or_else(|| panic!("no leak trace:\n{traces}"));
        // Normalise pprof's column padding, then compare the whole block.
        let block: Vec<String> =
            leak_trace.lines().skip(1).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(
            block,
            [
                "handler: /leaky",
                "30 runtime.gopark",
                "runtime.chansend",
                "runtime.chansend1",
                "main.logMessage (inline)",
                "main.leakyHandler.func1",
            ],
            "{leak_trace}"
        );

        let tags = pprof(&go, &tmp, &[os("-tags"), new.as_os_str()]);
        assert!(tags.contains("handler"), "{tags}");
        assert!(tags.contains("/leaky"), "{tags}");

        let mut diff_base = std::ffi::OsString::from("-diff_base=");
        diff_base.push(&base);
        let diff = pprof(&go, &tmp, &[os("-top"), &diff_base, new.as_os_str()]);
        assert!(diff.contains("Type: goroutine"), "{diff}");
        let row = diff
            .lines()
            .find(|l| l.trim_end().ends_with("main.leakyHandler.func1"))
            .unwrap_or_else(|| panic!("no func1 row:\n{diff}"));
        // 30 now vs 10 in the base: +20 goroutines stuck here (cum column).
        assert!(row.split_whitespace().any(|c| c == "20"), "{row}");
        assert!(diff.contains("Showing nodes accounting for 20,"), "{diff}");
        assert!(!diff.contains("time.Sleep"), "unchanged stacks cancel out:\n{diff}");

        // -traces does not aggregate: it lists the base's samples negated and
        // tagged `pprof::base`, which proves the base profile was accepted too.
        let diff_traces = pprof(&go, &tmp, &[os("-traces"), &diff_base, new.as_os_str()]);
        let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(norm(&diff_traces).contains("pprof::base: true -10 runtime.gopark"), "{diff_traces}");
    }
}
