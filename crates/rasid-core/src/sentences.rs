//! Sentence splitting inside paragraphs.
//!
//! A sentence ends at `.` `!` `?` `؟` `…` or an ellipsis `...`, when that mark
//! stands outside quotation marks and parentheses, together with any closing
//! quotes or brackets right after it. Not sentence ends: a point between
//! digits (`3.5`), a point after a one-letter word (`أ.ف.ب`, `د. محمد`,
//! `U.S.`) or after a known abbreviation (`Mr.`, `Dr.`, `م.`), and a mark
//! followed by a lowercase Latin letter. A paragraph's trailing text without a
//! final mark is its last sentence.

use crate::document::{Document, Sentence};

const OPENERS: [char; 6] = ['(', '[', '{', '«', '“', '‹'];
const CLOSERS: [char; 6] = [')', ']', '}', '»', '”', '›'];
const ABBREVIATIONS: [&str; 10] = ["mr", "mrs", "dr", "st", "no", "vs", "etc", "jr", "prof", "co"];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Splits every paragraph of `doc` into sentences.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let chars: Vec<char> = p.span.text.chars().collect();
        // Stray page code (a poll widget's CSS and script) is no sentence,
        // and the text on either side of it is split on its own.
        let code = rasid_text::page_code::page_code_char_spans(&p.span.text);
        let mut pieces = Vec::with_capacity(code.len() + 1);
        let mut from = 0;
        for c in &code {
            pieces.push(from..c.start);
            from = c.end;
        }
        pieces.push(from..chars.len());
        for piece in pieces {
            for (a, b) in split(&chars[piece.clone()]) {
                let (a, b) = (piece.start + a, piece.start + b);
                out.push(Sentence { span: doc.span(p.span.start + a, p.span.start + b), paragraph: pi });
            }
        }
    }
    out
}

/// Sentence ranges (character offsets, trimmed) in `chars`.
pub fn split(chars: &[char]) -> Vec<(usize, usize)> {
    let n = chars.len();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: i32 = 0; // brackets and typographic quotes
    let mut straight_open = false; // inside "..."
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = (depth - 1).max(0);
        } else if c == '"' {
            straight_open = !straight_open;
        } else if is_terminal(c) && depth == 0 && !straight_open && ends_sentence(chars, i) {
            let mut j = i + 1;
            while j < n && (is_terminal(chars[j]) || CLOSERS.contains(&chars[j]) || chars[j] == '"') {
                j += 1;
            }
            push_trimmed(chars, start, j, &mut out);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(chars, start, n, &mut out);
    out
}

fn ends_sentence(chars: &[char], i: usize) -> bool {
    let n = chars.len();
    let next = chars.get(i + 1).copied();
    if chars[i] == '.' {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        // 3.5 and the dots of an abbreviation chain (أ.ف.ب).
        if prev.is_some_and(|c| c.is_numeric()) && next.is_some_and(|c| c.is_numeric()) {
            return false;
        }
        if next.is_some_and(|c| c.is_alphanumeric()) {
            return false;
        }
        // The word before the point.
        let mut k = i;
        while k > 0 && rasid_text::chars::is_alpha(chars[k - 1]) {
            k -= 1;
        }
        let word: String = chars[k..i].iter().collect::<String>().to_lowercase();
        let letters = word.chars().count();
        if letters == 1 || ABBREVIATIONS.contains(&word.as_str()) {
            return false;
        }
    }
    // A following lowercase Latin word continues the sentence (e.g. "etc. and").
    let mut j = i + 1;
    while j < n && (chars[j].is_whitespace() || is_terminal(chars[j])) {
        j += 1;
    }
    !(j < n && chars[j].is_lowercase())
}

fn push_trimmed(chars: &[char], mut a: usize, mut b: usize, out: &mut Vec<(usize, usize)>) {
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    if a < b {
        out.push((a, b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        split(&chars).into_iter().map(|(a, b)| chars[a..b].iter().collect()).collect()
    }

    #[test]
    fn arabic_and_latin_marks() {
        assert_eq!(
            sents("ارتفع المؤشر 3.5 بالمئة. هل يستمر؟ ربما! لا أحد يعرف… ثم انتهى"),
            ["ارتفع المؤشر 3.5 بالمئة.", "هل يستمر؟", "ربما!", "لا أحد يعرف…", "ثم انتهى"]
        );
    }

    #[test]
    fn quotes_and_parentheses_hold_their_sentences() {
        let s = "وتابع \"الجبال هنا (قرة جوخ) هي تحت سيطرة البيشمركة... المناطق الواقعة هناك تسيطر عليها القوات العراقية\". وانتهت الحملة.";
        assert_eq!(sents(s).len(), 2);
        assert_eq!(sents("قال (وهو يبتسم. ثم صمت) إنه راض. انتهى"), ["قال (وهو يبتسم. ثم صمت) إنه راض.", "انتهى"]);
        assert_eq!(sents("قال «انتهى الأمر.» ثم غادر."), ["قال «انتهى الأمر.» ثم غادر."]);
    }

    #[test]
    fn abbreviations_and_ellipsis() {
        assert_eq!(sents("نقلت وكالة أ.ف.ب. الخبر. وقال د. محمد إن"), ["نقلت وكالة أ.ف.ب. الخبر.", "وقال د. محمد إن"]);
        assert_eq!(sents("انتظر... ثم رحل."), ["انتظر...", "ثم رحل."]);
    }
}
