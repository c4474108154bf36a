//! Sentences this crate writes for people (a suspect's reason, a dump's kind, a parse error),
//! kept as an English template and its values, so that a reader in another language can
//! translate the template and fill in the same values. This crate knows only English:
//! [`Text`]'s `Display` is the English sentence. The values are what the dump says (function
//! names, `file:line`, counts) or other [`Text`]s.
//!
//! ```
//! use dumpread::text::Text;
//! let t = Text::new("{0} goroutines at {1}", vec![12u64.into(), "main.f".into()]);
//! assert_eq!(t.to_string(), "12 goroutines at main.f");
//! let de = t.render(&|en| if en == "{0} goroutines at {1}" { "{0} Goroutinen bei {1}" } else { en });
//! assert_eq!(de, "12 Goroutinen bei main.f");
//! ```

use std::fmt;

/// A template with `{0}`, `{1}`… and the values that fill it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The English template: a literal of this crate's source (`text!` calls).
    pub template: &'static str,
    /// The values, in the order of the placeholders' numbers.
    pub args: Vec<Arg>,
}

/// A value in a [`Text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is: what the dump says, or a number that names something (a line, a
    /// goroutine's id, a byte's offset).
    Plain(String),
    /// How many of something (goroutines, minutes, strings): a reader writes it with its
    /// language's digit grouping; `Display` prints the bare digits.
    Count(u64),
    /// A phrase of its own, translated with the sentence.
    Text(Text),
}

impl Text {
    /// A template and its values.
    pub fn new(template: &'static str, args: Vec<Arg>) -> Text {
        Text { template, args }
    }

    /// The sentence with `tr` applied to its template and to every nested phrase's; counts
    /// as bare digits.
    pub fn render(&self, tr: &dyn Fn(&'static str) -> &'static str) -> String {
        self.render_with(tr, &|n| n.to_string())
    }

    /// [`Text::render`] with `count` writing the [`Arg::Count`]s.
    ///
    /// ```
    /// use dumpread::text::{Count, Text};
    /// let t = dumpread::text!("{0} goroutines on line {1}", Count(6000), 6000u64);
    /// let dotted = |n: u64| if n == 6000 { "6.000".to_string() } else { n.to_string() };
    /// assert_eq!(t.render_with(&|en| en, &dotted), "6.000 goroutines on line 6000");
    /// assert_eq!(t.to_string(), "6000 goroutines on line 6000");
    /// ```
    pub fn render_with(&self, tr: &dyn Fn(&'static str) -> &'static str, count: &dyn Fn(u64) -> String) -> String {
        let mut out = String::new();
        let mut rest = tr(self.template);
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let arg = after.find('}').and_then(|j| Some((after[..j].parse::<usize>().ok()?, j)));
            match arg.and_then(|(n, j)| Some((self.args.get(n)?, j))) {
                Some((a, j)) => {
                    match a {
                        Arg::Plain(s) => out.push_str(s),
                        Arg::Count(n) => out.push_str(&count(*n)),
                        Arg::Text(t) => out.push_str(&t.render_with(tr, count)),
                    }
                    rest = &after[j + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&|en| en))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Plain(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Plain(s.to_string())
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Plain(n.to_string())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Plain(n.to_string())
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Plain(n.to_string())
    }
}

/// A quantity for a [`Text`]: `text!("{0} goroutines", Count(n))` (see [`Arg::Count`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count(pub u64);

impl From<Count> for Arg {
    fn from(c: Count) -> Arg {
        Arg::Count(c.0)
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(t)
    }
}

/// `text!("template {0}", value, …)`: a [`Text`]. Readers that translate find every template
/// by this macro's name in the source (`lessons/tests/analyze_lang.rs`).
#[macro_export]
macro_rules! text {
    ($t:literal $(, $a:expr)* $(,)?) => {
        $crate::text::Text::new($t, vec![$($crate::text::Arg::from($a)),*])
    };
}

#[cfg(test)]
mod tests {

    #[test]
    fn nested_and_odd_braces() {
        let inner = text!("for up to {0} minutes", 3u32);
        let t = text!("{0} waited{1} at {2} {x} {9} {", "These", inner, "main.f");
        assert_eq!(t.to_string(), "These waitedfor up to 3 minutes at main.f {x} {9} {");
        let de = t.render(&|en| match en {
            "for up to {0} minutes" => "bis zu {0} Minuten",
            _ => "{2}: {0} {1}",
        });
        assert_eq!(de, "main.f: These bis zu 3 Minuten");
    }
}
