//! Property test of near-duplicate grouping with the template check: no
//! panic on any pair of texts (words of cables, figures, punctuation and
//! odd characters in any order), substitutions inside both texts, and a
//! text never a template instance of itself.

use proptest::prelude::*;
use rasid_stories::dedup::{group_in_order_unless, Thresholds};
use rasid_stories::minhash::{words, Signature};
use rasid_stories::template::{apart, same_word, substitutions};

const WORDS: &[&str] = &[
    "بعث",
    "برقية",
    "تهنئة",
    "لفخامة",
    "الرئيس",
    "رئيس",
    "جمهورية",
    "بوليفيا",
    "الإكوادور",
    "كوت",
    "ديفوار",
    "بمناسبة",
    "ذكرى",
    "استقلال",
    "1084.81",
    "٢٠١٥",
    "7 ر 2",
    "،",
    ".",
    "\n\n",
    "الرياض - واس",
    "ـ",
    "\u{200f}",
    "x",
    "é",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..80).prop_map(|ws| ws.join(" "))
}

fn names(w: &str) -> bool {
    ["بوليفيا", "الاكوادور", "كوت ديفوار"].contains(&w)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_template_check_never_panics_and_keeps_ranges_inside(a in text(), b in text(), c in text()) {
        let (wa, wb) = (words(&a), words(&b));
        for s in substitutions(&wa, &wb) {
            prop_assert!(s.a.start < s.a.end && s.a.end <= wa.len());
            prop_assert!(s.b.start < s.b.end && s.b.end <= wb.len());
        }
        prop_assert!(!apart(&wa, &wa, &names));
        let _ = apart(&wa, &wb, &names);
        for (x, y) in wa.iter().zip(&wb) {
            prop_assert_eq!(same_word(x, y), same_word(y, x));
        }
        let texts = [a, b, c];
        let sigs: Vec<Signature> = texts.iter().map(|t| Signature::of_text(t)).collect();
        let ws: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
        let labels = group_in_order_unless(&sigs, &Thresholds::default(), &|x, y| {
            apart(&ws[x as usize], &ws[y as usize], &names)
        });
        prop_assert_eq!(labels.len(), 3);
        for (i, l) in labels.iter().enumerate() {
            prop_assert!(*l as usize <= i);
        }
    }
}
