//! Slices as Go has them: a window (offset, length, capacity) on a shared backing
//! array, so `s[i:j]` and `s[i:j:k]` share it, an `append` within the capacity writes
//! into it (visible through every slice of that array), and an `append` beyond it
//! allocates a new array with Go 1.24's growth (`runtime.growslice` and the
//! allocator's size classes, so `cap` prints what Go prints). Slice expressions on
//! strings cut bytes. Bounds are checked in Go's order, with the runtime's wording.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

use sim_runtime::G;

use super::{ints, Program, Res, Scope, Value};
use crate::check::types::{Basic, Type, Types};
use crate::syntax::ast::Expr;

/// Slices longer than this are refused (each element is a host value).
const MAX_ELEMS: i64 = 1 << 24;

impl Program {
    /// `make([]T, size, cap)`, with Go's panics for a negative length or capacity
    /// or a length beyond the capacity.
    pub(super) async fn make_slice(&self, g: &G, e: &Expr, size: i64, cap: i64, zero: Value) -> Res<Value> {
        if size < 0 {
            g.at(e.pos().line);
            return self.raise(g, "runtime error: makeslice: len out of range").await;
        }
        if cap < size {
            g.at(e.pos().line);
            return self.raise(g, "runtime error: makeslice: cap out of range").await;
        }
        if cap > MAX_ELEMS {
            return self.unsupported(e.pos(), &format!("slices of more than {MAX_ELEMS} elements"));
        }
        let items = (0..cap).map(|_| super::copy_val(&zero)).collect();
        Ok(Value::Slice(SliceV::with_cap(items, size as usize)))
    }

    /// `append(items, vals...)` for the call `e`, whose type is the slice's.
    pub(super) fn append(&self, g: &G, e: &Expr, items: &SliceV, vals: Vec<Value>) -> Res<SliceV> {
        let types = &self.checker.types;
        let (elem, zero) = match self.static_type(e).as_ref().map(|t| types.under(t)) {
            Some(Type::Slice(elem)) => (layout(types, elem), self.zero(&elem.clone(), g)),
            _ => (Layout::new(8, 8, false), Value::Int(0)),
        };
        if (items.len() + vals.len()) as i64 > MAX_ELEMS {
            return self.unsupported(e.pos(), &format!("slices of more than {MAX_ELEMS} elements"));
        }
        Ok(items.append(vals, elem, &zero))
    }

    /// `x[lo:hi]` and `x[lo:hi:max]` on a slice or string.
    pub(super) async fn slice_expr(
        &self,
        g: &G,
        env: &Rc<Scope>,
        e: &Expr,
        x: &Expr,
        parts: [&Option<Box<Expr>>; 3],
    ) -> Res<Value> {
        let v =
            if self.is_array(x) { Value::Array(self.array_of(g, env, x).await?) } else { self.eval(g, env, x).await? };
        let mut idx = [None; 3];
        for (slot, part) in idx.iter_mut().zip(parts) {
            if let Some(p) = part {
                let i = self.eval(g, env, p).await?;
                match ints::index_of(&i) {
                    Some(i) => *slot = Some(i),
                    None => return self.unsupported(p.pos(), "this slice index"),
                }
            }
        }
        let [lo, hi, max] = idx;
        let r = match &v {
            Value::Slice(s) => s.slice(lo, hi, max, "capacity").map(Value::Slice),
            Value::Nil => SliceV::nil().slice(lo, hi, max, "capacity").map(Value::Slice),
            Value::Array(f) => {
                let n = f.borrow().len();
                SliceV::of(f.clone(), 0, n, n).slice(lo, hi, max, "length").map(Value::Slice)
            }
            Value::Str(s) => {
                // Leak Lab's strings are UTF-8: a cut inside a character is not run, not garbled.
                let len = s.len() as i64;
                if let Ok((l, h, _)) = bounds(lo, hi, None, len, len, "length") {
                    if !s.is_char_boundary(l as usize) || !s.is_char_boundary(h as usize) {
                        return self.unsupported(e.pos(), "a string cut inside a UTF-8 character");
                    }
                }
                slice_str(s, lo, hi)
            }
            _ => return self.unsupported(e.pos(), "this slice expression"),
        };
        match r {
            Ok(v) => Ok(v),
            Err(msg) => {
                g.at(e.pos().line);
                self.raise(g, &format!("runtime error: {msg}")).await
            }
        }
    }
}

/// A slice value: `len` elements of `arr` from `off`, which may grow to `cap` in place.
/// `arr` always holds at least `off + cap` elements. The header is shared (a slice
/// header never changes once made), so that a `Value` stays 24 bytes.
#[derive(Clone)]
pub struct SliceV(Rc<Header>);

pub struct Header {
    arr: Rc<RefCell<Vec<Value>>>,
    off: usize,
    len: usize,
    cap: usize,
}

impl std::ops::Deref for SliceV {
    type Target = Header;
    fn deref(&self) -> &Header {
        &self.0
    }
}

thread_local! {
    static NIL_ARRAY: Rc<RefCell<Vec<Value>>> = Rc::new(RefCell::new(Vec::new()));
}

impl SliceV {
    pub(super) fn of(arr: Rc<RefCell<Vec<Value>>>, off: usize, len: usize, cap: usize) -> SliceV {
        SliceV(Rc::new(Header { arr, off, len, cap }))
    }

    /// A slice of new backing array `items`, its length and capacity theirs.
    pub fn new(items: Vec<Value>) -> SliceV {
        let len = items.len();
        SliceV::of(Rc::new(RefCell::new(items)), 0, len, len)
    }

    /// A slice of length `len` on new backing array `items` (its capacity `items.len()`).
    pub fn with_cap(items: Vec<Value>, len: usize) -> SliceV {
        let cap = items.len();
        SliceV::of(Rc::new(RefCell::new(items)), 0, len.min(cap), cap)
    }

    /// The nil slice.
    pub fn nil() -> SliceV {
        SliceV::of(NIL_ARRAY.with(|a| a.clone()), 0, 0, 0)
    }

    /// Whether this is a nil slice (slicing a nil slice gives nil, as in Go).
    pub fn is_nil(&self) -> bool {
        NIL_ARRAY.with(|a| Rc::ptr_eq(a, &self.arr))
    }

    /// The elements.
    pub fn borrow(&self) -> Ref<'_, [Value]> {
        let (off, len) = (self.off, self.len);
        Ref::map(self.arr.borrow(), |a| &a[off..off + len])
    }

    /// The elements, to change in place.
    pub fn borrow_mut(&self) -> RefMut<'_, [Value]> {
        let (off, len) = (self.off, self.len);
        RefMut::map(self.arr.borrow_mut(), |a| &mut a[off..off + len])
    }

    /// The backing array and where the slice starts in it (`&s[i]` points into it).
    pub fn array(&self) -> Rc<RefCell<Vec<Value>>> {
        self.arr.clone()
    }

    pub fn offset(&self) -> usize {
        self.off
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Whether both are the same window on the same array (`==` of slices is not Go,
    /// but the interpreter compares values it keeps, such as map keys, with it).
    pub fn same(&self, other: &SliceV) -> bool {
        Rc::ptr_eq(&self.arr, &other.arr) && self.off == other.off && self.len == other.len
    }

    /// `s[lo:hi]` or `s[lo:hi:max]`, or Go's run-time error (without `runtime error: `).
    /// `what` is the word Go's message uses: `capacity` for a slice, `length` for an array.
    pub fn slice(&self, lo: Option<i64>, hi: Option<i64>, max: Option<i64>, what: &str) -> Result<SliceV, String> {
        let cap = self.cap as i64;
        let (lo, hi, max) = bounds(lo, hi, max, self.len as i64, cap, what)?;
        let (lo, hi, max) = (lo as usize, hi as usize, max as usize);
        Ok(SliceV::of(self.arr.clone(), self.off + lo, hi - lo, max - lo))
    }

    /// `append(s, vals...)`: in place within the capacity, otherwise into a new array
    /// grown as Go grows it, the rest of it filled with `zero`s.
    pub fn append(&self, vals: Vec<Value>, elem: Layout, zero: &Value) -> SliceV {
        if vals.is_empty() {
            return self.clone();
        }
        let new_len = self.len + vals.len();
        if new_len <= self.cap {
            let mut arr = self.arr.borrow_mut();
            for (i, v) in vals.into_iter().enumerate() {
                arr[self.off + self.len + i] = v;
            }
            return SliceV::of(self.arr.clone(), self.off, new_len, self.cap);
        }
        let cap = grow(self.cap, new_len, elem);
        let mut items: Vec<Value> = Vec::with_capacity(cap);
        items.extend(self.borrow().iter().map(super::copy_val));
        items.extend(vals);
        items.resize_with(cap, || super::copy_val(zero));
        SliceV::with_cap(items, new_len)
    }
}

/// `copy(dst, src)` of slices (or a string's bytes): the elements copied, as Go's
/// `memmove`, so overlapping windows of one array copy as if through a buffer.
pub fn copy(dst: &Value, src: &Value) -> Option<i64> {
    let src: Vec<Value> = match src {
        Value::Slice(s) => s.borrow().iter().map(super::copy_val).collect(),
        Value::Str(s) => s.bytes().map(|b| Value::Sized(b as i64, super::IntKind::U8)).collect(),
        Value::Nil => Vec::new(),
        _ => return None,
    };
    match dst {
        Value::Slice(d) => {
            let mut d = d.borrow_mut();
            let n = d.len().min(src.len());
            for (slot, v) in d.iter_mut().zip(src) {
                *slot = v;
            }
            Some(n as i64)
        }
        Value::Nil => Some(0),
        _ => None,
    }
}

/// Checks `[lo:hi:max]` against a length and capacity in Go's order (`what` is
/// `capacity` for slices, `length` for strings and arrays) and fills the omitted ones.
pub fn bounds(
    lo: Option<i64>,
    hi: Option<i64>,
    max: Option<i64>,
    len: i64,
    cap: i64,
    what: &str,
) -> Result<(i64, i64, i64), String> {
    let lo_v = lo.unwrap_or(0);
    if let Some(m) = max {
        if m < 0 {
            return Err(format!("slice bounds out of range [::{m}]"));
        }
        if m > cap {
            return Err(format!("slice bounds out of range [::{m}] with {what} {cap}"));
        }
        let h = hi.unwrap_or(len);
        if h < 0 {
            return Err(format!("slice bounds out of range [:{h}:]"));
        }
        if h > m {
            return Err(format!("slice bounds out of range [:{h}:{m}]"));
        }
        if lo_v < 0 {
            return Err(format!("slice bounds out of range [{lo_v}::]"));
        }
        if lo_v > h {
            return Err(format!("slice bounds out of range [{lo_v}:{h}:]"));
        }
        return Ok((lo_v, h, m));
    }
    let h = match hi {
        Some(h) => {
            if h < 0 {
                return Err(format!("slice bounds out of range [:{h}]"));
            }
            if h > cap {
                return Err(format!("slice bounds out of range [:{h}] with {what} {cap}"));
            }
            h
        }
        None => len,
    };
    if lo_v < 0 {
        return Err(format!("slice bounds out of range [{lo_v}:]"));
    }
    if lo_v > h {
        return Err(format!("slice bounds out of range [{lo_v}:{h}]"));
    }
    Ok((lo_v, h, cap))
}

/// `s[lo:hi]` of a string: its bytes.
pub fn slice_str(s: &str, lo: Option<i64>, hi: Option<i64>) -> Result<Value, String> {
    let len = s.len() as i64;
    let (lo, hi, _) = bounds(lo, hi, None, len, len, "length")?;
    let bytes = &s.as_bytes()[lo as usize..hi as usize];
    Ok(Value::Str(Rc::from(String::from_utf8_lossy(bytes).as_ref())))
}

/// How an element is laid out, as `growslice` sees it: its size and whether it holds
/// pointers (an object with pointers above 512 bytes carries an 8-byte header).
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub size: u64,
    pub align: u64,
    pub pointers: bool,
}

impl Layout {
    const fn new(size: u64, align: u64, pointers: bool) -> Layout {
        Layout { size, align, pointers }
    }
}

/// The amd64 layout of a value of type `t`.
pub fn layout(types: &Types, t: &Type) -> Layout {
    match types.under(t) {
        Type::Basic(b) => match b {
            Basic::Bool | Basic::Int8 | Basic::Uint8 | Basic::Byte => Layout::new(1, 1, false),
            Basic::Int16 | Basic::Uint16 => Layout::new(2, 2, false),
            Basic::Int32 | Basic::Uint32 | Basic::Float32 | Basic::Rune => Layout::new(4, 4, false),
            Basic::String => Layout::new(16, 8, true),
            Basic::Complex128 => Layout::new(16, 8, false),
            _ => Layout::new(8, 8, false),
        },
        Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) => Layout::new(8, 8, true),
        Type::Slice(_) => Layout::new(24, 8, true),
        Type::Interface(_) => Layout::new(16, 8, true),
        Type::Array(n, e) => {
            let e = layout(types, e);
            Layout::new(e.size.saturating_mul(*n), e.align, e.pointers && *n > 0)
        }
        Type::Struct(fields) => {
            let (mut size, mut align, mut pointers) = (0u64, 1u64, false);
            for f in fields.iter() {
                let l = layout(types, &f.typ);
                size = size.div_ceil(l.align) * l.align + l.size;
                align = align.max(l.align);
                pointers |= l.pointers;
            }
            Layout::new(size.div_ceil(align) * align, align, pointers)
        }
        _ => Layout::new(8, 8, true),
    }
}

/// Go 1.24's malloc size classes up to 32 KiB.
const CLASSES: [u64; 67] = [
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480,
    512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864,
    5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480,
    21760, 24576, 27264, 28672, 32768,
];

/// `runtime.roundupsize`: the bytes the allocator gives a request of `size`.
fn roundupsize(size: u64, pointers: bool) -> u64 {
    const HEADER: u64 = 8;
    if size <= 32768 - HEADER {
        let req = if pointers && size > 512 { size + HEADER } else { size };
        if let Some(c) = CLASSES.iter().find(|&&c| c >= req) {
            return c - (req - size);
        }
    }
    size.div_ceil(8192).saturating_mul(8192)
}

/// `runtime.growslice`'s new capacity for `old_cap` growing to hold `new_len`.
fn grow(old_cap: usize, new_len: usize, elem: Layout) -> usize {
    let old = old_cap as u64;
    let want = new_len as u64;
    let mut cap = old;
    let double = old + old;
    if want > double {
        cap = want;
    } else if old < 256 {
        cap = double;
    } else {
        while cap < want {
            cap += (cap + 3 * 256) >> 2;
        }
    }
    if elem.size == 0 {
        return new_len;
    }
    let bytes = roundupsize(cap.saturating_mul(elem.size), elem.pointers);
    (bytes / elem.size).max(want) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_matches_go() {
        let int = Layout::new(8, 8, false);
        // Go 1.24: appending one int at a time gives capacities 1 2 4 8 16 32 64 128 256 512 848
        // (tests/run/slice_exprs.go).
        let mut cap = 0;
        let mut seen = vec![];
        for len in 1..=600 {
            if len > cap {
                cap = grow(cap, len, int);
                seen.push(cap);
            }
        }
        assert_eq!(seen, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848]);
        // append([]int{}, 1, 2, 3) takes 3 → cap 3; five → 6 (48 bytes).
        assert_eq!(grow(0, 3, int), 3);
        assert_eq!(grow(0, 5, int), 6);
        // Strings (16 bytes, with pointers: the header past 512 bytes), as Go 1.24 printed
        // them in tests/run/slice_exprs.go.
        let s = Layout::new(16, 8, true);
        assert_eq!(grow(0, 3, s), 3);
        let mut cap = 0;
        let mut seen = vec![];
        for len in 1..=300 {
            if len > cap {
                cap = grow(cap, len, s);
                seen.push(cap);
            }
        }
        assert_eq!(seen, [1, 2, 4, 8, 16, 32, 71, 143, 303]);
    }

    #[test]
    fn bounds_in_go_order() {
        assert_eq!(
            bounds(None, Some(5), None, 3, 3, "capacity").unwrap_err(),
            "slice bounds out of range [:5] with capacity 3"
        );
        assert_eq!(bounds(Some(2), Some(1), None, 3, 3, "capacity").unwrap_err(), "slice bounds out of range [2:1]");
        assert_eq!(bounds(Some(-1), None, None, 3, 3, "length").unwrap_err(), "slice bounds out of range [-1:]");
        assert_eq!(bounds(None, Some(2), Some(1), 3, 3, "capacity").unwrap_err(), "slice bounds out of range [:2:1]");
        assert_eq!(bounds(Some(1), Some(2), Some(3), 3, 3, "capacity").unwrap(), (1, 2, 3));
    }
}

/// A `Value` is what every variable, argument and element holds: slices must not make it bigger.
#[test]
fn a_slice_keeps_values_small() {
    assert_eq!(std::mem::size_of::<Value>(), 24);
}
