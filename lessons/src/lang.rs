//! The languages Leak Lab's own texts are in, and how numbers read in each language's prose:
//! one type for the analysis of a dump (`lessons::analyze`) and the command line
//! (`lessons::cli`). What Go prints is never passed through here.
//!
//! This file depends on nothing else of the crate: the "Your dump" page's text table
//! (`app/src/dump_i18n.rs`) includes it with `#[path]`, so that the page (which does not link
//! `lessons`) groups digits with this same code.

/// A language of Leak Lab's own texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// German.
    De,
}

impl Lang {
    /// `de` is German, anything else English (`en`, a missing value).
    pub fn from_code(code: &str) -> Lang {
        if code == "de" {
            Lang::De
        } else {
            Lang::En
        }
    }

    /// `en` or `de`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// A whole number in prose, its digits grouped as the language groups them: `97,188` in
/// English, `97.188` in German.
pub fn int(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ',',
        Lang::De => '.',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A count in a dump's analysis (its sentences and columns, the Your dump page's own text):
/// in German grouped ([`int`], `6.000`); in English the bare digits, as Go prints its totals
/// (`goroutine profile: total 6000`) and as the English analysis always has.
pub fn count(lang: Lang, n: u64) -> String {
    match lang {
        Lang::En => n.to_string(),
        Lang::De => int(lang, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_per_language() {
        assert_eq!(int(Lang::En, 97_188), "97,188");
        assert_eq!(int(Lang::De, 97_188), "97.188");
        assert_eq!(int(Lang::De, 1_187_939), "1.187.939");
        assert_eq!(int(Lang::De, 999), "999");
        assert_eq!(int(Lang::En, 0), "0");
        assert_eq!(int(Lang::En, 1_000), "1,000");
        assert_eq!((count(Lang::En, 6000), count(Lang::De, 6000)), ("6000".to_string(), "6.000".to_string()));
        assert_eq!((Lang::from_code("de"), Lang::from_code("fr"), Lang::De.code()), (Lang::De, Lang::En, "de"));
    }
}
