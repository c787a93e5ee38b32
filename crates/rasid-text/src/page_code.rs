//! Stray page code in article text: the CSS rules and JavaScript that some
//! scrapers leave inside an article's plain text (a newspaper's reader poll
//! carries its widget's style sheet and script after the question).
//!
//! The code is kept in the text, as everything is (offsets never move); the
//! stages that compare or weigh words (near-duplicate shingles, the silver
//! reprint rule, story term vectors) skip it, so two articles that share
//! only a page's widget code are not reprints of each other.
//!
//! Written here because no crate fits: HTML extractors (dom_smoothie) drop
//! `<style>` and `<script>` elements, but this code arrives as plain text,
//! with the tags already gone.

use crate::chars::is_arabic_letter;
use std::ops::Range;

/// A stretch without Arabic letters shorter than this (in bytes) is never
/// page code: a short formula or an English phrase is not.
const MIN_BYTES: usize = 40;

/// A stretch needs at least this many `{`, this many `}` and this many `;`
/// to be code: CSS rules and script statements have all three, prose
/// (English or otherwise) almost never.
const MIN_EACH: usize = 2;

/// Byte ranges of `text` that are stray page code, in order, not
/// overlapping. A range is a stretch with no Arabic letter, at least 40
/// bytes long, holding at least two `{`, two `}` and two `;`, trimmed of
/// the spaces and sentence punctuation before it and of the spaces after
/// it (code ends in `;` or `}`, which stay). Arabic strings inside a
/// script (a widget's "please wait") end one stretch and start the next, so
/// they stay words.
pub fn page_code_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let consider = |s: usize, e: usize, out: &mut Vec<Range<usize>>| {
        let run = &text[s..e];
        let count = |c: char| run.chars().filter(|&x| x == c).count();
        if run.len() < MIN_BYTES || count('{') < MIN_EACH || count('}') < MIN_EACH || count(';') < MIN_EACH {
            return;
        }
        let trim = |c: char| c.is_whitespace() || matches!(c, '.' | ',' | '?' | '!' | '؟' | '،' | '؛');
        let lead = run.len() - run.trim_start_matches(trim).len();
        let trail = run.len() - run.trim_end_matches(|c: char| c.is_whitespace()).len();
        // A selector may itself start with '.' (".box_vote {"): give back a
        // dot trimmed right before a letter.
        let mut s2 = s + lead;
        if lead > 0 && text[..s2].ends_with('.') && text[s2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            s2 -= 1;
        }
        let e2 = e - trail;
        if s2 < e2 {
            out.push(s2..e2);
        }
    };
    for (i, c) in text.char_indices() {
        if is_arabic_letter(c) {
            if let Some(s) = start.take() {
                consider(s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        consider(s, text.len(), &mut out);
    }
    out
}

/// [`page_code_spans`] in character offsets (Unicode scalar values), the
/// offsets annotations use.
pub fn page_code_char_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = page_code_spans(text);
    if bytes.is_empty() {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let (mut chars, mut at) = (0, 0);
    let mut to_char = |b: usize| {
        chars += text[at..b].chars().count();
        at = b;
        chars
    };
    for r in bytes {
        let s = to_char(r.start);
        let e = to_char(r.end);
        out.push(s..e);
    }
    out
}

/// Whether byte offset `at` falls inside one of `spans` (as
/// [`page_code_spans`] gives them), moving `cursor` forward; for a scan in
/// increasing order of `at`.
pub fn in_spans(spans: &[Range<usize>], cursor: &mut usize, at: usize) -> bool {
    while *cursor < spans.len() && spans[*cursor].end <= at {
        *cursor += 1;
    }
    *cursor < spans.len() && spans[*cursor].contains(&at)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A reader poll as a scraper leaves it: the question, the widget's
    // style sheet and script (with an Arabic "please wait" inside it), then
    // the answers. Written for this test.
    const POLL: &str = "هل تؤيد إغلاق المحلات وقت الصلاة؟ #poll_box ul { padding: 0; margin: 0; } \
.poll_item { float: right; width: 300px; } jQuery(document).ready(function(){ jQuery('#poll').html('يرجى الانتظار'); \
var chart = draw('pie', [['a1',12],['a2',40]], { grid: { shadow: false } }); }); نعم لا لا أعلم";

    #[test]
    fn a_polls_style_sheet_and_script_are_code_and_its_question_is_not() {
        let spans = page_code_spans(POLL);
        let code: Vec<&str> = spans.iter().map(|r| &POLL[r.clone()]).collect();
        assert_eq!(code.len(), 2, "{code:?}");
        assert!(code[0].starts_with("#poll_box ul {"), "{:?}", code[0]);
        assert!(code[0].ends_with("jQuery('#poll').html('"), "{:?}", code[0]);
        assert!(code[1].starts_with("');"), "{:?}", code[1]);
        assert!(code[1].ends_with("}); });"), "{:?}", code[1]);
        // The question, the widget's Arabic string and the answers stay.
        for kept in ["إغلاق المحلات", "يرجى الانتظار", "نعم لا لا أعلم"] {
            let at = POLL.find(kept).unwrap();
            let mut cur = 0;
            assert!(!in_spans(&spans, &mut cur, at), "{kept}");
        }
    }

    #[test]
    fn a_selector_keeps_its_leading_dot() {
        let t = "سؤال القراء. .box { a: 1; b: 2; } .row { c: 3; d: 4; } تم";
        let spans = page_code_spans(t);
        assert_eq!(spans.len(), 1);
        assert_eq!(&t[spans[0].clone()], ".box { a: 1; b: 2; } .row { c: 3; d: 4; }");
    }

    #[test]
    fn english_prose_urls_and_short_formulas_are_not_code() {
        for t in [
            "قال المتحدث: The coalition will continue its operations; we are ready (in all sectors); he added. انتهى",
            "للمزيد زوروا https://www.spa.gov.sa/viewstory.php?lang=ar&newsid=1381912 أو الحساب @spagov",
            "المعادلة {x; y} و {a; b} فقط",
            "",
            "{};{};",
        ] {
            assert!(page_code_spans(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn char_spans_count_characters() {
        let t = "سؤال القراء. .box { a: 1; b: 2; } .row { c: 3; d: 4; } تم";
        let c = page_code_char_spans(t);
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(chars[c[0].clone()].iter().collect::<String>(), ".box { a: 1; b: 2; } .row { c: 3; d: 4; }");
    }

    #[test]
    fn in_spans_scans_forward() {
        let spans = vec![2..5, 8..9];
        let mut cur = 0;
        let got: Vec<bool> = (0..10).map(|i| in_spans(&spans, &mut cur, i)).collect();
        assert_eq!(got, [false, false, true, true, true, false, false, false, true, false]);
    }
}
