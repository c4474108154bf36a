//! The classes of highlighted Go tokens and how an encoded listing marks them. Shared by
//! `build.rs` (which writes the listings, including this file with `#[path]`) and
//! [`crate::highlight`] (which reads them), so the two cannot disagree.

/// What a piece of a Go listing is, as far as its colour goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// `func`, `go`, `select`, `chan`, `return`, the channel operator `<-`, …
    Keyword,
    /// A string literal, quotes included.
    String,
    /// A comment.
    Comment,
    /// A number literal.
    Number,
    /// A predeclared type: `string`, `int`, `error`, …
    Type,
    /// The name of a declared or called function.
    Function,
    /// `nil`, `true`, `false`.
    Constant,
    /// Everything else: names, operators, punctuation, blanks.
    Plain,
    /// A knob's value, put where the template has `{{name}}` (in an encoded listing, the
    /// span's text is the placeholder).
    Knob,
}

/// The first of the bytes that start a span in an encoded listing: the span's class is
/// `Class::ALL[marker - MARKER_BASE]`. None of them is `\n`, which ends a line.
pub const MARKER_BASE: u8 = 0x10;

impl Class {
    /// Every class, in the order of their markers.
    pub const ALL: [Class; 9] = [
        Class::Keyword,
        Class::String,
        Class::Comment,
        Class::Number,
        Class::Type,
        Class::Function,
        Class::Constant,
        Class::Plain,
        Class::Knob,
    ];

    /// The byte that starts a span of this class in an encoded listing.
    pub fn marker(self) -> u8 {
        MARKER_BASE + self as u8
    }

    /// The class whose spans `marker` starts, if it is a marker.
    pub fn of_marker(marker: u8) -> Option<Class> {
        Class::ALL.get(usize::from(marker.wrapping_sub(MARKER_BASE))).copied()
    }
}
