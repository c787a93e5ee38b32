//! Splits text into tokens that keep their offsets into the original.
//!
//! Rules, in order of precedence at each position:
//! - white space (including NBSP) and invisible format characters between
//!   tokens are skipped;
//! - `http://`, `https://` and `www.` start a URL that runs to the next white
//!   space, minus trailing punctuation; `name@host.tld` is an e-mail;
//! - digits of any script start a number, which may contain `.` `,` `٫` `٬`
//!   between digits (`3.5`, `1,000`, `٣٫٥`);
//! - letters start a word that runs over letters, combining marks, tatweel and
//!   invisible characters of the same script family (Arabic or not), so that
//!   `يوليو2015` is a word and a number, and `l'Aube` stays one Latin word;
//! - anything else is one punctuation token, except runs of `.` (an ellipsis).

use crate::chars::{is_alpha, is_arabic_letter, is_digit, is_ignorable, is_mark, TATWEEL};
use crate::token::{Token, TokenKind};

/// Tokenizes `text`, with offsets relative to the start of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, 0, 0, &mut out);
    out
}

/// Tokenizes `text` and appends the tokens to `out`, adding `char_base` and
/// `byte_base` to every offset (for tokenizing a slice of a larger document).
/// Positions continue from the last token already in `out`.
pub fn tokenize_into(text: &str, char_base: usize, byte_base: usize, out: &mut Vec<Token>) {
    let mut position = out.last().map(|t| t.position + 1).unwrap_or(0);
    for_each_token(text, |s| {
        out.push(Token {
            kind: s.kind,
            start: char_base + s.start,
            end: char_base + s.end,
            byte_start: byte_base + s.byte_start,
            byte_end: byte_base + s.byte_end,
            position,
            term: text[s.byte_start..s.byte_end].to_string(),
        });
        position += 1;
    });
}

/// A token's kind and offsets, without its text (see [`for_each_token`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSpan {
    /// What the token covers.
    pub kind: TokenKind,
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Start, in bytes.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
}

/// Calls `f` with the kind and offsets of every token of `text`, in order,
/// allocating nothing per token. [`tokenize_into`] is built on it.
pub fn for_each_token(text: &str, mut f: impl FnMut(TokenSpan)) {
    // No token spans white space, so the text is cut into white-space-free
    // chunks and each chunk is scanned with random access over a reused
    // buffer (a whole-text char table would cost 16 bytes per character).
    let mut buf: Vec<(usize, char)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut char_idx = 0;
    loop {
        while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {
            char_idx += 1;
        }
        if chars.peek().is_none() {
            break;
        }
        buf.clear();
        let chunk_start = char_idx;
        while let Some(bc) = chars.next_if(|&(_, c)| !c.is_whitespace()) {
            buf.push(bc);
            char_idx += 1;
        }
        let chunk_end_byte = chars.peek().map_or(text.len(), |&(b, _)| b);
        tokenize_chunk(text, &buf, chunk_start, chunk_end_byte, &mut f);
    }
}

/// Tokens of one white-space-free chunk: `chars` with their byte offsets,
/// the chunk's first character index and the byte offset where it ends.
fn tokenize_chunk(text: &str, chars: &[(usize, char)], first: usize, end_byte: usize, f: &mut impl FnMut(TokenSpan)) {
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { end_byte };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if is_ignorable(c) {
            i += 1;
            continue;
        }
        let (kind, end) = if let Some(end) = scan_url(text, chars, i) {
            (TokenKind::Url, end)
        } else if let Some(end) = scan_email(chars, i) {
            (TokenKind::Email, end)
        } else if is_digit(c) {
            (TokenKind::Number, scan_number(chars, i))
        } else if is_mark(c) || c == TATWEEL {
            // A stray mark or tatweel with no letter before it: attach the
            // following word if there is one, else make it punctuation.
            let mut j = i + 1;
            while j < n && (is_mark(chars[j].1) || chars[j].1 == TATWEEL) {
                j += 1;
            }
            if j < n && is_letter(chars[j].1) {
                let arabic = is_arabic_letter(chars[j].1);
                let end = scan_word(chars, j, arabic);
                (if arabic { TokenKind::Arabic } else { TokenKind::Latin }, end)
            } else {
                (TokenKind::Punct, j)
            }
        } else if is_alpha(c) {
            let arabic = is_arabic_letter(c);
            let end = scan_word(chars, i, arabic);
            (if arabic { TokenKind::Arabic } else { TokenKind::Latin }, end)
        } else if c == '.' {
            let mut j = i + 1;
            while j < n && chars[j].1 == '.' {
                j += 1;
            }
            (TokenKind::Punct, j)
        } else {
            (TokenKind::Punct, i + 1)
        };
        f(TokenSpan { kind, start: first + i, end: first + end, byte_start: byte_at(i), byte_end: byte_at(end) });
        i = end;
    }
}

/// A letter proper: alphabetic but not a mark or tatweel.
fn is_letter(c: char) -> bool {
    is_alpha(c) && !is_mark(c) && c != TATWEEL
}

/// End of a word starting at `i`: letters of the same family, marks, tatweel,
/// invisible characters inside the word, and an apostrophe between two
/// non-Arabic letters. Trailing invisible characters are not included.
fn scan_word(chars: &[(usize, char)], i: usize, arabic: bool) -> usize {
    let n = chars.len();
    let mut j = i + 1;
    let mut last_visible = j;
    while j < n {
        let c = chars[j].1;
        // Marks and tatweel count as alphabetic in Unicode: test them first.
        let ok = if is_mark(c) || c == TATWEEL || is_ignorable(c) {
            true
        } else if is_alpha(c) {
            is_arabic_letter(c) == arabic
        } else if (c == '\'' || c == '’') && !arabic {
            j + 1 < n && is_alpha(chars[j + 1].1) && !is_arabic_letter(chars[j + 1].1)
        } else {
            false
        };
        if !ok {
            break;
        }
        j += 1;
        if !is_ignorable(c) {
            last_visible = j;
        }
    }
    last_visible
}

/// End of a number starting at `i`.
fn scan_number(chars: &[(usize, char)], i: usize) -> usize {
    let n = chars.len();
    let mut j = i + 1;
    while j < n {
        let c = chars[j].1;
        if is_digit(c) {
            j += 1;
        } else if matches!(c, '.' | ',' | '٫' | '٬') && j + 1 < n && is_digit(chars[j + 1].1) {
            j += 2;
        } else {
            break;
        }
    }
    j
}

fn is_url_trailing_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '\'' | '»' | '”' | '’' | '،' | '؛' | '؟')
}

/// A URL starting at `i`, if there is one: its end.
fn scan_url(text: &str, chars: &[(usize, char)], i: usize) -> Option<usize> {
    let c = chars[i].1;
    if !matches!(c, 'h' | 'H' | 'w' | 'W') {
        return None;
    }
    let rest = &text[chars[i].0..];
    let head = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
    let prefix_len = if head.starts_with("https://") {
        8
    } else if head.starts_with("http://") {
        7
    } else if head.starts_with("www.") {
        4
    } else {
        return None;
    };
    let mut j = i;
    while j < chars.len() && !chars[j].1.is_whitespace() {
        j += 1;
    }
    while j > i + prefix_len && is_url_trailing_punct(chars[j - 1].1) {
        j -= 1;
    }
    (j > i + prefix_len).then_some(j)
}

/// An e-mail address starting at `i`: `local@domain.tld` in ASCII.
fn scan_email(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    if !chars[i].1.is_ascii_alphanumeric() {
        return None;
    }
    let mut j = i;
    while j < chars.len() && local(chars[j].1) {
        j += 1;
    }
    if j >= chars.len() || chars[j].1 != '@' {
        return None;
    }
    let domain_start = j + 1;
    let mut k = domain_start;
    let mut dot = false;
    while k < chars.len() && (chars[k].1.is_ascii_alphanumeric() || matches!(chars[k].1, '.' | '-')) {
        if chars[k].1 == '.' && k > domain_start {
            dot = true;
        }
        k += 1;
    }
    while k > domain_start && matches!(chars[k - 1].1, '.' | '-') {
        k -= 1;
    }
    (dot && k > domain_start + 2 && chars[k - 1].1.is_ascii_alphabetic()).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(text: &str) -> Vec<(TokenKind, String)> {
        tokenize(text).into_iter().map(|t| (t.kind, t.term)).collect()
    }

    #[test]
    fn dateline_of_the_reference_article() {
        let toks = kinds_and_text("اربيل (كوردستان 24)- أكدت");
        let terms: Vec<&str> = toks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(terms, ["اربيل", "(", "كوردستان", "24", ")", "-", "أكدت"]);
        assert_eq!(toks[3].0, TokenKind::Number);
    }

    #[test]
    fn diacritics_and_tatweel_stay_inside_words() {
        let toks = tokenize("الحملة شُنت بالتنسيق الحمــــــد");
        assert_eq!(toks.len(), 4);
        assert_eq!(toks[1].term, "شُنت");
        assert_eq!(toks[3].term, "الحمــــــد");
    }

    #[test]
    fn numbers_urls_emails_and_ellipsis() {
        let toks =
            kinds_and_text("ارتفع 3.5 بالمئة و٣٫٥ في ١٬٠٠٠ راجع https://example.com/a?b=1. أو news@example.org... نعم");
        assert!(toks.contains(&(TokenKind::Number, "3.5".into())));
        assert!(toks.contains(&(TokenKind::Number, "٣٫٥".into())));
        assert!(toks.contains(&(TokenKind::Number, "١٬٠٠٠".into())));
        assert!(toks.contains(&(TokenKind::Url, "https://example.com/a?b=1".into())));
        assert!(toks.contains(&(TokenKind::Email, "news@example.org".into())));
        assert!(toks.contains(&(TokenKind::Punct, "...".into())));
    }

    #[test]
    fn script_change_splits_word_and_number() {
        let toks = kinds_and_text("يوليو2015 Demain Dès l'Aube");
        assert_eq!(toks[0], (TokenKind::Arabic, "يوليو".into()));
        assert_eq!(toks[1], (TokenKind::Number, "2015".into()));
        assert_eq!(toks[4], (TokenKind::Latin, "l'Aube".into()));
    }

    #[test]
    fn offsets_are_characters_into_the_original() {
        let text = "\u{200F}وقال\u{00A0}بارزاني";
        let toks = tokenize(text);
        assert_eq!(toks.len(), 2);
        let chars: Vec<char> = text.chars().collect();
        for t in &toks {
            let s: String = chars[t.start..t.end].iter().collect();
            assert_eq!(s, t.original(text));
        }
        assert_eq!(toks[0].start, 1);
        assert_eq!(toks[1].term, "بارزاني");
    }
}
