//! Go's tokens, with the automatic semicolons of the Go specification.
//!
//! Positions are 1-based lines and 1-based byte columns, as the Go toolchain counts
//! them (a tab is one column), so error positions match `go build`'s.

use std::fmt;

/// A position in the source: 1-based line and byte column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// The line, from 1.
    pub line: u32,
    /// The byte column, from 1.
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// An identifier.
    Name(String),
    /// An integer literal, as written.
    Int(String),
    /// A floating-point literal, as written.
    Float(String),
    /// An imaginary literal, as written.
    Imag(String),
    /// A rune literal, as written (with its quotes).
    Char(String),
    /// A string literal, as written (with its quotes).
    Str(String),
    /// A keyword: `func`, `go`, `select`, …
    Keyword(&'static str),
    /// An operator or punctuation: `:=`, `<-`, `{`, …
    Op(&'static str),
    /// A semicolon; `auto` tells whether it was inserted at a newline (`"newline"`) or at
    /// the end of the file (`"EOF"`), which is how Go's syntax errors name it.
    Semi {
        /// `Some("newline")` or `Some("EOF")` for an inserted semicolon.
        auto: Option<&'static str>,
    },
    /// The end of the file.
    Eof,
}

impl Tok {
    /// How Go's syntax errors name the token: `name main`, `literal 42`, `keyword func`,
    /// `newline`, `{`.
    pub fn describe(&self) -> String {
        match self {
            Tok::Name(n) => format!("name {n}"),
            Tok::Int(s) | Tok::Float(s) | Tok::Imag(s) | Tok::Char(s) | Tok::Str(s) => format!("literal {s}"),
            Tok::Keyword(k) => format!("keyword {k}"),
            Tok::Op(o) => o.to_string(),
            Tok::Semi { auto: Some(what) } => what.to_string(),
            Tok::Semi { auto: None } => "semicolon".to_string(),
            Tok::Eof => "EOF".to_string(),
        }
    }
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Where it starts.
    pub pos: Pos,
}

/// A lexical error: a stray character, an unterminated literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    /// Where it is.
    pub pos: Pos,
    /// Go's wording, without the `syntax error: ` that some messages carry.
    pub msg: String,
}

const KEYWORDS: [&str; 25] = [
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

// Longest first, so that the lexer takes `<<=` before `<<` before `<`.
const OPS: [&str; 47] = [
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=", "-=", "*=", "/=",
    "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|", "^", "<", ">", "=", "!", "(", ")",
    "[", "]", "{", "}", ",", ";", ".", ":",
];

/// Splits `src` into tokens, inserting semicolons where Go does: after a line's final
/// identifier, literal, `break`/`continue`/`fallthrough`/`return`, `++`, `--`, `)`,
/// `]` or `}`. The list always ends with [`Tok::Eof`].
pub fn tokenize(src: &str) -> Result<Vec<Token>, LexError> {
    let b = src.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let (mut i, mut line, mut line_start) = (0usize, 1u32, 0usize);
    let pos_at = |i: usize, line: u32, line_start: usize| Pos { line, col: (i - line_start + 1) as u32 };
    let needs_semi = |out: &Vec<Token>| match out.last().map(|t| &t.tok) {
        Some(Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Char(_) | Tok::Str(_)) => true,
        Some(Tok::Keyword(k)) => matches!(*k, "break" | "continue" | "fallthrough" | "return"),
        Some(Tok::Op(o)) => matches!(*o, "++" | "--" | ")" | "]" | "}"),
        _ => false,
    };
    while i < b.len() {
        let c = b[i];
        let pos = pos_at(i, line, line_start);
        match c {
            b'\n' => {
                if needs_semi(&out) {
                    out.push(Token { tok: Tok::Semi { auto: Some("newline") }, pos });
                }
                i += 1;
                line += 1;
                line_start = i;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut had_newline = false;
                let start = pos;
                i += 2;
                loop {
                    if i + 1 >= b.len() {
                        return Err(LexError { pos: start, msg: "comment not terminated".into() });
                    }
                    if b[i] == b'*' && b[i + 1] == b'/' {
                        i += 2;
                        break;
                    }
                    if b[i] == b'\n' {
                        had_newline = true;
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                // A general comment containing a newline acts like a newline.
                if had_newline && needs_semi(&out) {
                    out.push(Token { tok: Tok::Semi { auto: Some("newline") }, pos: start });
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                    i += 1;
                }
                let word = &src[start..i];
                if word.chars().any(|ch| !ch.is_ascii() && !ch.is_alphanumeric()) {
                    let bad = word.chars().find(|ch| !ch.is_ascii() && !ch.is_alphanumeric()).unwrap_or('?');
                    return Err(LexError { pos, msg: format!("invalid character U+{:04X} in identifier", bad as u32) });
                }
                let tok = match KEYWORDS.iter().find(|k| **k == word) {
                    Some(k) => Tok::Keyword(k),
                    None => Tok::Name(word.to_string()),
                };
                out.push(Token { tok, pos });
            }
            c if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) => {
                let start = i;
                let mut float = false;
                if c == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X' | b'b' | b'B' | b'o' | b'O')) {
                    let hex = matches!(b[i + 1], b'x' | b'X');
                    i += 2;
                    while i < b.len() && (b[i].is_ascii_hexdigit() || b[i] == b'_' || (hex && b[i] == b'.')) {
                        float |= b[i] == b'.';
                        i += 1;
                    }
                    // A hexadecimal float: `0x1.8p-2`.
                    if hex && i < b.len() && (b[i] == b'p' || b[i] == b'P') {
                        float = true;
                        i += 1;
                        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                            i += 1;
                        }
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                } else {
                    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'.' {
                        float = true;
                        i += 1;
                        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
                            i += 1;
                        }
                    }
                    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
                        float = true;
                        i += 1;
                        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                            i += 1;
                        }
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                }
                let imag = i < b.len() && b[i] == b'i';
                if imag {
                    i += 1;
                }
                let text = src[start..i].to_string();
                let tok = if imag {
                    Tok::Imag(text)
                } else if float {
                    Tok::Float(text)
                } else {
                    Tok::Int(text)
                };
                out.push(Token { tok, pos });
            }
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match b.get(i) {
                        None | Some(b'\n') => {
                            return Err(LexError { pos, msg: "string literal not terminated".into() })
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                let i_end = i.min(b.len());
                out.push(Token { tok: Tok::Str(src[start..i_end].to_string()), pos });
            }
            b'`' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    if b[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                if i >= b.len() {
                    return Err(LexError { pos, msg: "raw string literal not terminated".into() });
                }
                i += 1;
                out.push(Token { tok: Tok::Str(src[start..i].to_string()), pos });
            }
            b'\'' => {
                let start = i;
                i += 1;
                loop {
                    match b.get(i) {
                        None | Some(b'\n') => return Err(LexError { pos, msg: "rune literal not terminated".into() }),
                        Some(b'\\') => i += 2,
                        Some(b'\'') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                let i_end = i.min(b.len());
                out.push(Token { tok: Tok::Char(src[start..i_end].to_string()), pos });
            }
            _ => {
                let rest = &src[i..];
                match OPS.iter().find(|op| rest.starts_with(**op)) {
                    Some(op) => {
                        i += op.len();
                        let tok = if *op == ";" { Tok::Semi { auto: None } } else { Tok::Op(op) };
                        out.push(Token { tok, pos });
                    }
                    None => {
                        let ch = rest.chars().next().unwrap_or('?');
                        return Err(LexError { pos, msg: format!("invalid character {ch:?} in source") });
                    }
                }
            }
        }
    }
    let pos = pos_at(i, line, line_start);
    if needs_semi(&out) {
        out.push(Token { tok: Tok::Semi { auto: Some("EOF") }, pos });
    }
    out.push(Token { tok: Tok::Eof, pos });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        tokenize(src).unwrap().iter().map(|t| format!("{}@{}", t.tok.describe(), t.pos)).collect()
    }

    #[test]
    fn semicolons_are_inserted_where_go_inserts_them() {
        assert_eq!(
            kinds("x := <-ch\n\tgo f()\n"),
            [
                "name x@1:1",
                ":=@1:3",
                "<-@1:6",
                "name ch@1:8",
                "newline@1:10",
                "keyword go@2:2",
                "name f@2:5",
                "(@2:6",
                ")@2:7",
                "newline@2:8",
                "EOF@3:1"
            ]
        );
    }

    #[test]
    fn literals_keep_their_text() {
        assert_eq!(
            kinds("1.5e3 0x1F 'a' `raw\nx` \"s\\\"\""),
            [
                "literal 1.5e3@1:1",
                "literal 0x1F@1:7",
                "literal 'a'@1:12",
                "literal `raw\nx`@1:16",
                "literal \"s\\\"\"@2:4",
                "EOF@2:9",
                "EOF@2:9"
            ]
        );
    }

    #[test]
    fn unterminated_string_is_an_error() {
        assert_eq!(
            tokenize("x := \"abc\n").unwrap_err(),
            LexError { pos: Pos { line: 1, col: 6 }, msg: "string literal not terminated".into() }
        );
    }
}
