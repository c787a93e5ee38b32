//! Property test of the entities stage: no panic on any text, and every
//! entity span in range, on character boundaries, equal to the original text
//! at its offsets and inside one sentence.

use proptest::prelude::*;
use rasid_core::input::{parse_bytes, Format};
use rasid_core::pipeline::Pipeline;
use rasid_ner::stage::Entities;

const WORDS: &[&str] = &[
    "وقال",
    "سيروان",
    "بارزاني",
    "قوات",
    "البيشمركة",
    "الكوردية",
    "القوات",
    "العراقية",
    "فانه",
    "إنه",
    "وبغداد",
    "لكوردستان",
    "24",
    "قرة",
    "جوخ",
    "تنظيم",
    "داعش",
    "وزارة",
    "الدفاع",
    "الفريق",
    "جمال",
    "ايمينكي",
    "في",
    "من",
    "\"",
    ".",
    "،",
    "(",
    ")",
    "-",
    "\n",
    "\n\n",
    "ﻻ",
    "\u{200F}",
    "3.5",
    "كورد",
    "اربيل",
    "أربيل",
    "و",
    "ال",
];

proptest! {
    #[test]
    fn entity_spans_are_exact(words in prop::collection::vec(prop::sample::select(WORDS), 0..120)) {
        let text = words.join(" ");
        let mut stages = Pipeline::standard_stages();
        stages.push(Box::new(Entities::new().unwrap()));
        let pipeline = Pipeline::new(stages).unwrap();
        for r in parse_bytes("fuzz", text.as_bytes(), Some(Format::Text)) {
            let Ok(article) = r else { continue };
            let doc = pipeline.run(article);
            for e in &doc.entities {
                prop_assert!(e.span.start < e.span.end && e.span.end <= doc.char_len());
                prop_assert_eq!(doc.slice(e.span.start, e.span.end), e.span.text.as_str());
                prop_assert!(doc.sentences.iter().any(|s| s.span.start <= e.span.start && e.span.end <= s.span.end));
                prop_assert!(!e.canonical.is_empty());
            }
        }
    }
}
