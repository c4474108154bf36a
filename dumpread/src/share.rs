//! A small dump packed into text for a link, for the page's explicit "copy
//! link": raw deflate, then base64url without padding. The page puts it after
//! `#`, so the dump never reaches a server; nothing is packed unless the user
//! asks.

use std::fmt;
use std::io::{Read, Write};

use crate::text;
use crate::text::{Count, Text};

/// The longest packed text [`pack`] makes: links of about 8,000 characters
/// survive chat tools, wikis and browsers; the rest of the link needs room.
pub const MAX_PACKED: usize = 6000;

/// Unpacked dumps longer than this are refused, so a crafted link cannot make
/// the page inflate without bound.
pub const MAX_UNPACKED: usize = 1 << 20;

/// Why a dump cannot be packed or unpacked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The packed dump would be longer than [`MAX_PACKED`]: this many characters.
    TooLarge(usize),
    /// The text is not base64url.
    NotBase64 {
        /// The offending character's position.
        at: usize,
    },
    /// The bytes do not inflate to a dump of at most [`MAX_UNPACKED`] bytes of UTF-8.
    Damaged,
}

impl ShareError {
    /// What went wrong, for a reader to translate.
    pub fn text(&self) -> Text {
        match self {
            ShareError::TooLarge(n) => text!(
                "the dump packs into {0} characters, more than the {1} a link can carry; share the file instead",
                Count(*n as u64),
                Count(MAX_PACKED as u64)
            ),
            ShareError::NotBase64 { at } => {
                text!("the link's dump is damaged: character {0} is not base64url", at + 1)
            }
            ShareError::Damaged => text!("the link's dump is damaged: it does not unpack to a text dump"),
        }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for ShareError {}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Packs `text` for a link.
///
/// ```
/// let dump = "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n";
/// let packed = dumpread::share::pack(dump).unwrap();
/// assert!(packed.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
/// assert_eq!(dumpread::share::unpack(&packed).unwrap(), dump);
/// ```
pub fn pack(text: &str) -> Result<String, ShareError> {
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(text.as_bytes());
    let bytes = z.finish().unwrap_or_default();
    let len = (bytes.len() * 4).div_ceil(3);
    if len > MAX_PACKED {
        return Err(ShareError::TooLarge(len));
    }
    let mut out = String::with_capacity(len);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    Ok(out)
}

/// Unpacks what [`pack`] made.
pub fn unpack(packed: &str) -> Result<String, ShareError> {
    let mut bytes = Vec::with_capacity(packed.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for (at, c) in packed.bytes().enumerate() {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            return Err(ShareError::NotBase64 { at });
        };
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(&bytes[..])
        .take(MAX_UNPACKED as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| ShareError::Damaged)?;
    if out.len() > MAX_UNPACKED {
        return Err(ShareError::Damaged);
    }
    String::from_utf8(out).map_err(|_| ShareError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses() {
        for text in ["", "a", "ab", "abc", "goroutine 7 [chan send]:\n", &"x".repeat(10_000)] {
            assert_eq!(unpack(&pack(text).unwrap()).unwrap(), text);
        }
        // Text that does not compress: random-looking lines.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let noise: String = (0..20_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'!' + (x % 90) as u8)
            })
            .collect();
        assert!(matches!(pack(&noise), Err(ShareError::TooLarge(n)) if n > MAX_PACKED));
        assert_eq!(unpack("ab$c"), Err(ShareError::NotBase64 { at: 2 }));
        assert_eq!(unpack("AAAA"), Err(ShareError::Damaged));
        assert_eq!(
            ShareError::NotBase64 { at: 2 }.to_string(),
            "the link's dump is damaged: character 3 is not base64url"
        );
    }
}
