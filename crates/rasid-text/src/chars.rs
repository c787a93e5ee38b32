//! Character classes used by the tokenizer and the normalizers.
//!
//! Rust's standard library has no Unicode general-category lookup for marks or
//! format characters, so the Arabic-relevant ranges are spelled out here.

/// Tatweel (kashida), U+0640: a stretching character with no meaning.
pub const TATWEEL: char = '\u{0640}';

/// True for Arabic-script letters: the basic block, the extended letters used by
/// Persian, Kurdish and Urdu, Arabic Supplement/Extended-A and presentation forms.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// True for Arabic combining marks: harakat, tanween, shadda, sukun, superscript
/// alef, hamza above/below, madda and the Quranic annotation marks.
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08CA}'..='\u{08FF}')
}

/// True for combining marks of any script this crate meets (Arabic and the
/// generic combining diacritics block used with Latin letters).
#[inline]
pub fn is_mark(c: char) -> bool {
    is_arabic_mark(c) || matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{FE20}'..='\u{FE2F}')
}

/// True for invisible format characters that carry no text: zero-width space,
/// joiners, directional marks and embeddings/isolates, the Arabic letter mark,
/// word joiner, byte-order mark and soft hyphen.
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// The ASCII value of a decimal digit in any script Rust knows (ASCII,
/// Arabic-Indic, Extended Arabic-Indic/Persian, and other Unicode `Nd` digits
/// in the ranges news text uses).
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{07C0}'..='\u{07C9}' => Some(c as u32 - 0x07C0),
        '\u{0966}'..='\u{096F}' => Some(c as u32 - 0x0966),
        '\u{FF10}'..='\u{FF19}' => Some(c as u32 - 0xFF10),
        _ => None,
    }
}

/// True for a decimal digit of any script handled by [`digit_value`].
#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// `char::is_alphabetic` with a fast path: ASCII and Arabic letters are decided
/// by range checks before the general Unicode table lookup, which is slow and
/// dominates tokenization of Arabic text otherwise.
#[inline]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if is_arabic_letter(c) {
        true
    } else if matches!(c, '\u{0600}'..='\u{06FF}') {
        // The rest of the Arabic block: marks (alphabetic in Unicode), tatweel,
        // digits and punctuation.
        is_arabic_mark(c) || c == TATWEEL
    } else {
        c.is_alphabetic()
    }
}

/// True for a character that can be part of a word: a letter of any script, a
/// combining mark, tatweel, or an invisible format character inside a word.
#[inline]
pub fn is_word_char(c: char) -> bool {
    is_alpha(c) || is_mark(c) || c == TATWEEL || is_ignorable(c)
}

/// True when `c` is a letter (not a mark) of a script other than Arabic.
#[inline]
pub fn is_non_arabic_letter(c: char) -> bool {
    is_alpha(c) && !is_arabic_letter(c) && !is_mark(c) && c != TATWEEL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_on_real_letters() {
        assert!("البيشمركة".chars().all(is_arabic_letter));
        assert!("کوردستانی".chars().all(is_arabic_letter));
        assert!(is_arabic_mark('\u{064F}')); // damma in شُنت
        assert!(!is_arabic_letter('\u{064F}'));
        assert!(is_ignorable('\u{200F}'));
        assert_eq!(digit_value('٤'), Some(4));
        assert_eq!(digit_value('۴'), Some(4));
        assert!(!is_word_char('،'));
        assert!(is_word_char(TATWEEL));
        for c in "aZéبکە\u{064B}ـ١،؟ 1.".chars() {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
