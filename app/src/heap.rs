//! The simulation's own heap, so that time travel restores a checkpoint instead of replaying
//! the whole run from the seed.
//!
//! A simulated Go process cannot be cloned: its goroutines are Rust futures. But all of its
//! state lives in memory it allocated. While the app calls into the simulation ([`inside`]),
//! the global allocator ([`Router`]) takes every allocation from a second dlmalloc whose
//! memory comes in segments this module owns; everything else goes to the system allocator.
//! A [`Checkpoint`] copies those segments — sharing each 64 KiB page that has not changed
//! since the previous checkpoint — and the allocator's own state. [`restore`] writes them
//! back at the same addresses, which puts every goroutine, channel, timer and random stream
//! back exactly as it was.
//!
//! What callers must keep ([`crate::state::world::World`] keeps it for the app):
//! - nothing outside the simulation's heap points into it, except one root;
//! - what the simulation returns leaves it as a copy made outside, never by reference;
//! - code run inside initialises no lazily allocated global (warm them up outside first).
//!
//! The heap is per thread (native tests run in parallel threads; the browser has one).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::ptr;
use std::rc::Rc;

use dlmalloc::{Allocator, Dlmalloc};

/// Segments come in multiples of this, aligned to it (the unit of ownership lookups).
const SEG: usize = 1 << 20;
/// Checkpoints share memory in pages of this size.
const PAGE: usize = 64 << 10;
/// At most this many segments (each at least [`SEG`]).
const MAX_SEGS: usize = 4096;
/// Open-addressing table of owned [`SEG`] units (power of two, kept under 3/4 full).
const TABLE: usize = 1 << 14;

/// Which memory is the simulation's.
struct Segments {
    /// In use by the simulation's allocator: `(address, length)`.
    used: [(usize, usize); MAX_SEGS],
    used_len: usize,
    /// Owned, not in use (after a restore or reset); handed out again first.
    spare: [(usize, usize); MAX_SEGS],
    spare_len: usize,
    /// `unit + 1` for every owned `SEG` unit (0: empty slot).
    table: [usize; TABLE],
    units: usize,
}

impl Segments {
    const fn new() -> Segments {
        Segments {
            used: [(0, 0); MAX_SEGS],
            used_len: 0,
            spare: [(0, 0); MAX_SEGS],
            spare_len: 0,
            table: [0; TABLE],
            units: 0,
        }
    }

    fn slot(unit: usize) -> usize {
        (unit.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize) >> 7) & (TABLE - 1)
    }

    fn owns(&self, addr: usize) -> bool {
        let unit = addr / SEG;
        let mut i = Self::slot(unit);
        loop {
            match self.table[i] {
                0 => return false,
                u if u == unit + 1 => return true,
                _ => i = (i + 1) & (TABLE - 1),
            }
        }
    }

    /// Marks `len` bytes at `addr` as owned (`take` checked there is room).
    fn register(&mut self, addr: usize, len: usize) {
        for unit in addr / SEG..(addr + len) / SEG {
            let mut i = Self::slot(unit);
            while self.table[i] != 0 {
                i = (i + 1) & (TABLE - 1);
            }
            self.table[i] = unit + 1;
        }
        self.units += len / SEG;
    }

    /// A segment of at least `size` bytes: a spare one, or new memory from the system.
    fn take(&mut self, size: usize) -> (*mut u8, usize) {
        if let Some(i) = self.spare[..self.spare_len].iter().position(|&(_, len)| len >= size) {
            let seg = self.spare[i];
            self.spare_len -= 1;
            self.spare[i] = self.spare[self.spare_len];
            self.used[self.used_len] = seg;
            self.used_len += 1;
            return (seg.0 as *mut u8, seg.1);
        }
        let len = size.div_ceil(SEG) * SEG;
        let Ok(layout) = Layout::from_size_align(len, SEG) else {
            return (ptr::null_mut(), 0);
        };
        if self.units + len / SEG > TABLE * 3 / 4 || self.used_len + self.spare_len >= MAX_SEGS {
            return (ptr::null_mut(), 0);
        }
        // SAFETY: `layout` has a non-zero size.
        let base = unsafe { System.alloc(layout) };
        if base.is_null() {
            return (ptr::null_mut(), 0);
        }
        self.register(base as usize, len);
        self.used[self.used_len] = (base as usize, len);
        self.used_len += 1;
        (base, len)
    }

    /// Makes `used` the segments in use; every other owned segment becomes spare.
    fn set_used(&mut self, used: &[(usize, usize)]) {
        // No allocation here: the allocator may be looking at this table.
        for i in 0..self.used_len {
            self.spare[self.spare_len] = self.used[i];
            self.spare_len += 1;
        }
        self.used_len = 0;
        for &seg in used {
            let i = self.spare[..self.spare_len]
                .iter()
                .position(|&s| s == seg)
                .expect("a checkpoint names a segment this heap never owned");
            self.spare_len -= 1;
            self.spare[i] = self.spare[self.spare_len];
            self.used[self.used_len] = seg;
            self.used_len += 1;
        }
    }
}

/// Where the simulation's dlmalloc gets its memory.
struct SegmentSource;

// SAFETY: segments are whole, aligned, never released and never handed out twice while in
// use; `remap` and partial frees are refused.
unsafe impl Allocator for SegmentSource {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        let (base, len) = SEGMENTS.with(|s| unsafe { (*s.get()).take(size) });
        (base, len, 0)
    }
    fn remap(&self, _ptr: *mut u8, _old: usize, _new: usize, _can_move: bool) -> *mut u8 {
        ptr::null_mut()
    }
    fn free_part(&self, _ptr: *mut u8, _old: usize, _new: usize) -> bool {
        false
    }
    fn free(&self, _ptr: *mut u8, _size: usize) -> bool {
        false
    }
    fn can_release_part(&self, _flags: u32) -> bool {
        false
    }
    fn allocates_zeros(&self) -> bool {
        false
    }
    fn page_size(&self) -> usize {
        PAGE
    }
}

const fn fresh_allocator() -> Dlmalloc<SegmentSource> {
    let mut dl = Dlmalloc::new_with_allocator(SegmentSource);
    dl.set_granularity(SEG);
    dl
}

thread_local! {
    static INSIDE: Cell<bool> = const { Cell::new(false) };
    static SEGMENTS: UnsafeCell<Segments> = const { UnsafeCell::new(Segments::new()) };
    static DL: UnsafeCell<Dlmalloc<SegmentSource>> = const { UnsafeCell::new(fresh_allocator()) };
}

fn is_inside() -> bool {
    INSIDE.with(Cell::get)
}

fn owned(p: *mut u8) -> bool {
    SEGMENTS.with(|s| unsafe { (*s.get()).owns(p as usize) })
}

/// # Safety
/// `f` must not re-enter the simulation's allocator (dlmalloc calls only [`SegmentSource`],
/// which touches [`SEGMENTS`], never [`DL`]).
unsafe fn with_dl<R>(f: impl FnOnce(&mut Dlmalloc<SegmentSource>) -> R) -> R {
    DL.with(|d| f(unsafe { &mut *d.get() }))
}

/// The global allocator: the simulation's heap while inside, the system's otherwise; frees
/// and reallocations go to whichever heap owns the pointer.
pub struct Router;

// SAFETY: each branch forwards to an allocator that upholds `GlobalAlloc`'s contract; a
// pointer is freed by the heap that owns it.
unsafe impl GlobalAlloc for Router {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_inside() {
            unsafe { with_dl(|d| d.malloc(layout.size(), layout.align())) }
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if is_inside() {
            unsafe { with_dl(|d| d.calloc(layout.size(), layout.align())) }
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        if owned(p) {
            unsafe { with_dl(|d| d.free(p, layout.size(), layout.align())) }
        } else {
            unsafe { System.dealloc(p, layout) }
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if owned(p) {
            unsafe { with_dl(|d| d.realloc(p, layout.size(), layout.align(), new_size)) }
        } else {
            unsafe { System.realloc(p, layout, new_size) }
        }
    }
}

/// Runs `f` with every allocation taken from the simulation's heap.
pub fn inside<R>(f: impl FnOnce() -> R) -> R {
    with_inside(true, f)
}

/// Runs `f` with allocations from the system allocator, even inside [`inside`].
pub fn outside<R>(f: impl FnOnce() -> R) -> R {
    with_inside(false, f)
}

fn with_inside<R>(inside: bool, f: impl FnOnce() -> R) -> R {
    /// Puts the previous setting back, even if `f` unwinds.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            INSIDE.with(|i| i.set(self.0));
        }
    }
    let _restore = Restore(INSIDE.with(|i| i.replace(inside)));
    f()
}

/// One 64 KiB page of a checkpoint: shared with other checkpoints while it is unchanged.
#[derive(Clone)]
enum Page {
    Zero,
    /// Words rather than bytes: comparing and zero-testing a word at a time is several
    /// times faster in WebAssembly than a byte-wise `memcmp`.
    Bytes(Rc<[u64]>),
}

/// The simulation's heap at one moment.
pub struct Checkpoint {
    allocator: ManuallyDrop<Dlmalloc<SegmentSource>>,
    segments: Vec<(usize, usize)>,
    /// The pages of `segments`, in order.
    pages: Vec<Page>,
    /// Bytes this checkpoint copied (pages not shared with the previous one, not zero).
    copied: usize,
}

impl Checkpoint {
    /// Takes a checkpoint of this thread's simulation heap. Pages equal to the same page in
    /// `previous` are shared with it rather than copied.
    ///
    /// Must be called outside [`inside`] (the checkpoint itself lives on the system heap).
    pub fn take(previous: Option<&Checkpoint>) -> Checkpoint {
        let mut taking = Checkpoint::begin(previous);
        taking.step(|| true);
        taking.finish()
    }

    /// Starts taking a checkpoint a slice at a time ([`Taking::step`]): the heap must not
    /// change until it is finished (the caller abandons it if it might have).
    pub fn begin(previous: Option<&Checkpoint>) -> Taking {
        assert!(!is_inside(), "a checkpoint is taken from outside the simulation");
        // SAFETY: a bitwise copy of the allocator's state; it is only ever written back by
        // `restore`, never used or dropped as an allocator of its own.
        let allocator = ManuallyDrop::new(unsafe { with_dl(|d| ptr::read(d)) });
        let segments: Vec<(usize, usize)> =
            SEGMENTS.with(|s| unsafe { (&(*s.get()).used)[..(*s.get()).used_len].to_vec() });
        // The same segment in the previous checkpoint: its pages, shared (a segment's pages
        // are whole 64 KiB pages, so this is one `Rc` clone per page).
        let before = segments
            .iter()
            .map(|&(addr, len)| {
                let p = previous?;
                let mut first = 0;
                for &(a, l) in &p.segments {
                    if a == addr && l == len {
                        return Some(p.pages[first..first + len / PAGE].to_vec());
                    }
                    first += l / PAGE;
                }
                None
            })
            .collect();
        let total = segments.iter().map(|s| s.1 / PAGE).sum();
        Taking {
            checkpoint: Checkpoint { allocator, segments, pages: Vec::with_capacity(total), copied: 0 },
            before,
            segment: 0,
        }
    }

    /// Bytes this checkpoint holds that no earlier one shares.
    /// Bytes this checkpoint holds that no earlier one shares.
    pub fn copied_bytes(&self) -> usize {
        self.copied
    }

    /// Bytes held by `checkpoints` together (a page shared between them counted once).
    ///
    /// Each page copy is held only by checkpoints' page lists, so a page held by `n` of them
    /// counts `1/n` from each: no sort of every page of every checkpoint (which took a long
    /// task with a large heap and many checkpoints). `checkpoints` must be all of them.
    pub fn held_bytes<'a>(checkpoints: impl Iterator<Item = &'a Checkpoint>) -> usize {
        let pages: f64 = checkpoints
            .flat_map(|c| c.pages.iter())
            .map(|p| match p {
                Page::Bytes(b) => 1.0 / Rc::strong_count(b) as f64,
                Page::Zero => 0.0,
            })
            .sum();
        pages.round() as usize * PAGE
    }

    /// Bytes of simulation heap it describes.
    pub fn heap_bytes(&self) -> usize {
        self.segments.iter().map(|s| s.1).sum()
    }
}

/// Whether two pages are equal. Not `==`: for integer slices that becomes `memcmp`, which in
/// WebAssembly is a byte-at-a-time loop; this compares words, a block at a time.
fn same(a: &[u64], b: &[u64]) -> bool {
    a.len() == b.len()
        && a.chunks_exact(16)
            .zip(b.chunks_exact(16))
            .all(|(x, y)| x.iter().zip(y).fold(0, |d, (p, q)| d | (p ^ q)) == 0)
}

/// Whether a page is all zeros, a block at a time.
fn zero(a: &[u64]) -> bool {
    a.chunks_exact(16).all(|x| x.iter().fold(0, |d, w| d | w) == 0)
}

/// A checkpoint being taken, a slice of pages at a time.
pub struct Taking {
    checkpoint: Checkpoint,
    /// Per segment, the previous checkpoint's pages of it, if it had that segment.
    before: Vec<Option<Vec<Page>>>,
    /// The segment being copied; its next page is `pages.len()` minus the earlier segments'.
    segment: usize,
}

impl Taking {
    /// Copies pages while `more()` says so (it is asked before each page). Returns whether
    /// every page is copied.
    pub fn step(&mut self, mut more: impl FnMut() -> bool) -> bool {
        let c = &mut self.checkpoint;
        while let Some(&(addr, len)) = c.segments.get(self.segment) {
            let first: usize = c.segments[..self.segment].iter().map(|s| s.1 / PAGE).sum();
            for i in c.pages.len() - first..len / PAGE {
                if !more() {
                    return false;
                }
                // SAFETY: the segment is `len` bytes of memory this module owns.
                let words = unsafe { std::slice::from_raw_parts((addr + i * PAGE) as *const u64, PAGE / 8) };
                let page = match self.before[self.segment].as_ref().map(|b| &b[i]) {
                    Some(Page::Bytes(old)) if same(old, words) => Page::Bytes(old.clone()),
                    _ if zero(words) => Page::Zero,
                    _ => {
                        c.copied += PAGE;
                        Page::Bytes(Rc::from(words))
                    }
                };
                c.pages.push(page);
            }
            self.segment += 1;
        }
        true
    }

    /// The checkpoint (every page copied: [`Taking::step`] returned true).
    pub fn finish(self) -> Checkpoint {
        assert_eq!(self.segment, self.checkpoint.segments.len(), "a checkpoint finished before its last page");
        self.checkpoint
    }
}

/// A restore in progress ([`restore_step`]): the next page to write back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Restoring {
    page: usize,
}

/// Writes `checkpoint`'s pages back while `more()` says so (asked before each page), from
/// where `at` says; the last step puts the allocator's state back too. Returns whether the
/// heap is now as `checkpoint` saw it.
///
/// # Safety
/// As [`restore`]; besides, from the first step until one returns true the simulation's heap
/// is neither used nor checkpointed, and every step is for the same `checkpoint`.
pub unsafe fn restore_step(checkpoint: &Checkpoint, at: &mut Restoring, mut more: impl FnMut() -> bool) -> bool {
    assert!(!is_inside(), "a checkpoint is restored from outside the simulation");
    let mut first = 0;
    for &(addr, len) in &checkpoint.segments {
        let n = len / PAGE;
        while at.page < first + n {
            if !more() {
                return false;
            }
            let i = at.page - first;
            let dest = (addr + i * PAGE) as *mut u8;
            match &checkpoint.pages[at.page] {
                // SAFETY: the page is inside a segment this module still owns.
                Page::Bytes(words) => unsafe { ptr::copy_nonoverlapping(words.as_ptr() as *const u8, dest, PAGE) },
                Page::Zero => unsafe { ptr::write_bytes(dest, 0, PAGE) },
            }
            at.page += 1;
        }
        first += n;
    }
    SEGMENTS.with(|s| unsafe { (*s.get()).set_used(&checkpoint.segments) });
    // SAFETY: the saved state describes exactly the segments just written back.
    unsafe { with_dl(|d| ptr::write(d, ptr::read(&*checkpoint.allocator))) };
    true
}

/// Puts this thread's simulation heap back as `checkpoint` saw it.
///
/// # Safety
/// Every pointer into the simulation's heap that lives outside it must be one that was valid
/// when `checkpoint` was taken, and must not be used as pointing to anything newer; nothing
/// allocated inside since may still be referenced from outside.
pub unsafe fn restore(checkpoint: &Checkpoint) {
    // SAFETY: the caller's promise, for one whole step.
    unsafe { restore_step(checkpoint, &mut Restoring::default(), || true) };
}

/// Forgets everything in this thread's simulation heap (without running destructors): its
/// segments become spare and the allocator starts empty.
///
/// # Safety
/// No pointer into the simulation's heap may be used afterwards.
pub unsafe fn reset() {
    assert!(!is_inside(), "the simulation heap is reset from outside it");
    SEGMENTS.with(|s| unsafe { (*s.get()).set_used(&[]) });
    unsafe { with_dl(|d| ptr::write(d, fresh_allocator())) };
}

/// Bytes of memory the simulation's heap owns on this thread (in use and spare).
pub fn owned_bytes() -> usize {
    SEGMENTS.with(|s| unsafe { (*s.get()).units * SEG })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_inside_land_in_the_simulation_heap_and_are_freed_there() {
        let outer = String::from("allocated outside");
        assert!(!owned(outer.as_ptr() as *mut u8));
        let inner = inside(|| vec![2u8; 100]);
        assert!(owned(inner.as_ptr() as *mut u8));
        let copy = outside(|| inner.clone());
        assert!(!owned(copy.as_ptr() as *mut u8));
        drop(inner);
        // Growing a vector owned by the simulation keeps it there, wherever it grows.
        let mut grown = inside(|| Vec::<u64>::with_capacity(1));
        for i in 0..100_000 {
            grown.push(i);
        }
        assert!(owned(grown.as_ptr() as *mut u8));
        assert_eq!(grown.iter().sum::<u64>(), 4_999_950_000);
    }

    #[test]
    fn restoring_a_checkpoint_brings_back_contents_and_allocator_state() {
        // SAFETY: nothing from an earlier use of this thread's heap is kept.
        unsafe { reset() };
        let root: *mut Vec<String> = inside(|| Box::into_raw(Box::new(Vec::new())));
        // SAFETY (below): `root` stays valid in every checkpoint taken after it was made.
        inside(|| unsafe { (*root).extend((0..1000).map(|i| format!("goroutine {i}"))) });
        let first = Checkpoint::take(None);
        assert!(first.copied_bytes() > 0);
        inside(|| unsafe {
            (*root).truncate(10);
            (*root).extend((0..50_000).map(|i| format!("later {i}")));
        });
        let second = Checkpoint::take(Some(&first));
        assert_eq!(unsafe { (*root).len() }, 50_010);
        unsafe { restore(&first) };
        assert_eq!(unsafe { (*root).len() }, 1000);
        assert_eq!(unsafe { &(&*root)[999] }, "goroutine 999");
        // The restored allocator hands out the same addresses it would have handed out then.
        let again = inside(|| unsafe {
            (*root).push("after restore".to_string());
            (*root).last().unwrap().as_ptr() as usize
        });
        unsafe { restore(&first) };
        let once_more = inside(|| unsafe {
            (*root).push("after restore".to_string());
            (*root).last().unwrap().as_ptr() as usize
        });
        assert_eq!(again, once_more);
        unsafe { restore(&second) };
        assert_eq!(unsafe { (*root).len() }, 50_010);
        assert_eq!(unsafe { &(&*root)[50_009] }, "later 49999");
        unsafe { reset() };
    }

    #[test]
    fn a_checkpoint_taken_and_restored_in_slices_equals_one_taken_at_once() {
        unsafe { reset() };
        let root: *mut Vec<u64> = inside(|| Box::into_raw(Box::new((0..3_000_000).collect())));
        let whole = Checkpoint::take(None);
        inside(|| unsafe { (&mut *root)[1_000_000] = 7 });
        let after_whole = Checkpoint::take(Some(&whole));
        // The same two checkpoints a few pages per step.
        unsafe { restore(&whole) };
        let mut taking = Checkpoint::begin(None);
        let mut steps = 0;
        while !taking.step({
            let mut n = 0;
            move || {
                n += 1;
                n <= 5
            }
        }) {
            steps += 1;
        }
        let sliced = taking.finish();
        assert!(steps > 10, "{steps} steps");
        assert_eq!((sliced.copied_bytes(), sliced.heap_bytes()), (whole.copied_bytes(), whole.heap_bytes()));
        inside(|| unsafe { (&mut *root)[1_000_000] = 7 });
        let mut taking = Checkpoint::begin(Some(&sliced));
        while !taking.step({
            let mut n = 0;
            move || {
                n += 1;
                n <= 3
            }
        }) {}
        let after_sliced = taking.finish();
        assert_eq!(after_sliced.copied_bytes(), after_whole.copied_bytes());
        assert_eq!(after_sliced.copied_bytes(), PAGE, "one page changed");
        // Restored in slices: the contents and the allocator's state are back.
        let mut at = Restoring::default();
        let mut steps = 0;
        while !unsafe {
            restore_step(&sliced, &mut at, {
                let mut n = 0;
                move || {
                    n += 1;
                    n <= 4
                }
            })
        } {
            steps += 1;
        }
        assert!(steps > 10);
        assert_eq!(unsafe { (&*root)[1_000_000] }, 1_000_000);
        assert_eq!(unsafe { (&*root)[2_999_999] }, 2_999_999);
        let next = inside(|| Box::into_raw(Box::new(1u64)) as usize);
        unsafe { restore(&whole) };
        let again = inside(|| Box::into_raw(Box::new(1u64)) as usize);
        assert_eq!(next, again, "the allocator hands out the same address as after a whole restore");
        unsafe { reset() };
    }

    #[test]
    fn unchanged_pages_are_shared_between_checkpoints() {
        unsafe { reset() };
        let root: *mut Vec<u64> = inside(|| Box::into_raw(Box::new((0..1_000_000).collect())));
        let first = Checkpoint::take(None);
        let second = Checkpoint::take(Some(&first));
        assert!(first.copied_bytes() >= 8_000_000);
        assert_eq!(second.copied_bytes(), 0, "nothing changed");
        inside(|| unsafe { (&mut *root)[500_000] = 7 });
        let third = Checkpoint::take(Some(&second));
        assert_eq!(third.copied_bytes(), PAGE, "one page changed");
        unsafe { restore(&first) };
        assert_eq!(unsafe { (&*root)[500_000] }, 500_000);
        unsafe { reset() };
        assert!(owned_bytes() >= 8_000_000, "segments are kept for reuse");
    }
}
