//! Decoding bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM,
//! and Windows-1256, the code page of many Arabic archives.
//!
//! Detection, not blind guessing: a BOM decides; otherwise bytes that are valid
//! UTF-8 are UTF-8; otherwise the bytes are decoded as Windows-1256 and the
//! result is accepted only if it reads as Arabic text (most non-ASCII
//! characters are Arabic letters and there are no control characters).
//! Binary data (NUL bytes, many control bytes) is refused with its own error.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};

use crate::error::{Error, Result};

/// A decoded text and the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding name (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1256`).
    pub encoding: &'static str,
}

/// Decodes `bytes` (see the module documentation).
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(Error::Undecodable(format!("invalid {} after its byte-order mark", enc.name())));
        }
        if text.contains('\0') {
            return Err(Error::Binary);
        }
        return finish(text.into_owned(), enc);
    }
    if bytes.contains(&0) || looks_binary(bytes) {
        return Err(Error::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_string(), UTF_8);
    }
    let (text, _, had_errors) = WINDOWS_1256.decode(bytes);
    if !had_errors && reads_as_arabic(&text) {
        return finish(text.into_owned(), WINDOWS_1256);
    }
    Err(Error::Undecodable("not utf-8, utf-16 with bom, or windows-1256 arabic".into()))
}

fn finish(text: String, enc: &'static Encoding) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let encoding = if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else {
        enc.name()
    };
    Ok(Decoded { text, encoding })
}

/// NUL bytes, or more than 1% control bytes other than tab, LF, CR, FF and ESC.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)).count();
    controls * 100 > sample.len()
}

/// True when at least 70% of the non-ASCII characters are Arabic letters or
/// marks (Windows-1256 also holds some Latin letters and typographic marks).
fn reads_as_arabic(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut arabic = 0usize;
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            return false;
        }
        if !c.is_ascii() {
            non_ascii += 1;
            if rasid_text::chars::is_arabic_letter(c)
                || rasid_text::chars::is_arabic_mark(c)
                || matches!(c, '،' | '؛' | '؟' | 'ـ')
            {
                arabic += 1;
            }
        }
    }
    non_ascii > 0 && arabic * 10 >= non_ascii * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADLINE: &str = "البيشمركة تؤكد عدم ابرام أي اتفاق امني جديد مع بغداد";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(HEADLINE.as_bytes()).unwrap();
        assert_eq!((plain.text.as_str(), plain.encoding), (HEADLINE, "UTF-8"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(HEADLINE.as_bytes());
        assert_eq!(decode(&bom).unwrap().text, HEADLINE);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in HEADLINE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, HEADLINE);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        assert_eq!(decode(&be).unwrap().text, HEADLINE);
    }

    #[test]
    fn windows_1256_is_detected() {
        let (bytes, _, unmappable) = WINDOWS_1256.encode(HEADLINE);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (HEADLINE, "windows-1256"));
    }

    #[test]
    fn binary_empty_and_latin1_are_refused() {
        assert!(matches!(decode(b"\x7fELF\x02\x01\x01\x00\x00\x00"), Err(Error::Binary)));
        assert!(matches!(decode(b""), Err(Error::Empty)));
        assert!(matches!(decode(b"  \n\n "), Err(Error::Empty)));
        // Latin-1 French is not Arabic: é è à decode to Arabic-block letters
        // only partly in windows-1256, so it must not be accepted silently.
        let latin1: Vec<u8> = "d\u{e9}j\u{e0} \u{e9}t\u{e9} fran\u{e7}ais".chars().map(|c| c as u8).collect();
        assert!(matches!(decode(&latin1), Err(Error::Undecodable(_))));
    }
}
