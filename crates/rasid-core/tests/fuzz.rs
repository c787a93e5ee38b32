//! Property tests (fuzzing) of the decoder, the input parser, the structure
//! pipeline and the analyzers: no panic on any input, and every offset on a
//! character boundary, in range and in order, with each span's text equal to
//! the original at its offsets.
//!
//! Inputs mix Arabic letters, marks, tatweel, Kurdish/Persian letters,
//! presentation forms, Arabic-Indic digits, quotes, brackets, dashes, colons,
//! invisible characters, newlines and Latin, so that datelines, quotes,
//! numbers and clitics are exercised. `PROPTEST_CASES=100000 cargo test
//! --release -p rasid-core --test fuzz` runs a long session.

use proptest::prelude::*;
use rasid_core::decode::decode;
use rasid_core::input::{parse_bytes, Format};
use rasid_core::pipeline::Pipeline;
use rasid_text::Analyzer;

const ALPHABET: &[char] = &[
    'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ة', 'ه', 'ى', 'ي', 'و', 'ؤ', 'ئ', 'ء', 'ل', 'ك', 'ف', 'س', 'م', 'ن', 'ر', 'د',
    'ع', 'ق', 'ج', 'خ', 'ک', 'ی', 'ە', 'ۆ', 'ێ', 'ڕ', 'ڵ', 'گ', 'پ', '\u{064E}', '\u{0651}', '\u{0652}', '\u{0654}',
    'ـ', 'ﻻ', 'ﺍ', '٠', '٣', '٫', '٬', '۴', '0', '2', '4', '.', ',', '،', '؛', '؟', '!', ':', '-', '–', '(', ')', '"',
    '“', '”', '«', '»', '\'', '…', '@', '/', '\u{200F}', '\u{200C}', '\u{00A0}', '\u{FEFF}', ' ', ' ', ' ', '\n', '\n',
    '\r', '\t', 'a', 'Z', 'w', 'h', 't', 'p', 's', 'é', '{', '}', '\\', '\u{0301}',
];

fn arabicish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..400).prop_map(|v| v.into_iter().collect())
}

fn check_doc(text: &str, has_title: bool) {
    let bytes = text.as_bytes();
    let hint = if has_title { Some(Format::Text) } else { None };
    for r in parse_bytes("fuzz", bytes, hint) {
        let Ok(article) = r else { continue };
        let doc = Pipeline::standard().run(article);
        let n = doc.char_len();
        for (t, s, e) in doc.all_spans() {
            assert!(s <= e && e <= n, "span {s}..{e} beyond {n}");
            assert_eq!(doc.slice(s, e), t);
        }
        for w in doc.tokens.windows(2) {
            assert!(w[0].end <= w[1].start, "tokens overlap or out of order");
        }
        for w in doc.paragraphs.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
        for s in &doc.sentences {
            let p = &doc.paragraphs[s.paragraph].span;
            assert!(p.start <= s.span.start && s.span.end <= p.end);
        }
        serde_json::to_string(&doc).unwrap();
    }
}

proptest! {
    #[test]
    fn decoder_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(d) = decode(&bytes) {
            prop_assert!(!d.text.trim().is_empty());
        }
    }

    #[test]
    fn pipeline_spans_are_exact(text in arabicish()) {
        check_doc(&text, true);
    }

    #[test]
    fn jsonl_and_random_bytes_never_panic(text in arabicish(), bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let line = serde_json::json!({"id": "x", "title": text.clone(), "text": text}).to_string();
        check_doc(&format!("{line}\n{{\"text\": 1}}\n"), false);
        let _ = parse_bytes("fuzz", &bytes, None);
    }

    #[test]
    fn analyzers_keep_offsets(text in arabicish()) {
        let chars: Vec<char> = text.chars().collect();
        for name in Analyzer::NAMES {
            let toks = Analyzer::by_name(name).unwrap().analyze(&text);
            for t in &toks {
                prop_assert!(t.start < t.end && t.end <= chars.len());
                prop_assert!(text.is_char_boundary(t.byte_start) && text.is_char_boundary(t.byte_end));
                let by_chars: String = chars[t.start..t.end].iter().collect();
                prop_assert_eq!(&text[t.byte_start..t.byte_end], by_chars.as_str());
                prop_assert!(!t.term.is_empty());
            }
            for w in toks.windows(2) {
                prop_assert!(w[0].start <= w[1].start);
            }
        }
    }
}
