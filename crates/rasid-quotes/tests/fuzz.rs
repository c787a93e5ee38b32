//! Property test of the quotes stage: no panic on any text, and every cue,
//! content, speaker mention and told-to span equal to the original text at
//! its offsets.

use proptest::prelude::*;
use rasid_core::document::Span;
use rasid_core::input::{parse_bytes, Format};
use rasid_core::pipeline::Pipeline;
use rasid_ner::stage::Entities;
use rasid_quotes::Quotes;

const WORDS: &[&str] = &[
    "وقال",
    "قال",
    "وأضاف",
    "وتابع",
    "ومضى",
    "للقول",
    "بحسب",
    "وفقا",
    "لـ",
    "نقلا",
    "عن",
    "ما",
    "قاله",
    "مشيرا",
    "معاليه",
    "المصدر",
    "سيروان",
    "بارزاني",
    "قوات",
    "البيشمركة",
    "لكوردستان",
    "24",
    "إن",
    "أن",
    "بأن",
    "إنه",
    "الفريق",
    "جمال",
    "ايمينكي",
    "مصادر",
    "مطلعة",
    "نفى",
    "عدم",
    "\"",
    "«",
    "»",
    "“",
    "”",
    ":",
    ".",
    "،",
    "\n",
    "\n\n",
    "في",
    "تصريح",
    "يوم",
    "امس",
    "داعش",
    "و",
];

fn check(chars: &[char], s: &Span) {
    assert!(s.start <= s.end && s.end <= chars.len());
    assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
}

proptest! {
    #[test]
    fn quote_spans_are_exact(words in prop::collection::vec(prop::sample::select(WORDS), 0..150)) {
        let text = words.join(" ");
        let mut stages = Pipeline::standard_stages();
        stages.push(Box::new(Entities::new().unwrap()));
        stages.push(Box::new(Quotes));
        let pipeline = Pipeline::new(stages).unwrap();
        for r in parse_bytes("fuzz", text.as_bytes(), Some(Format::Text)) {
            let Ok(raw) = r else { continue };
            let doc = pipeline.run(raw);
            let chars: Vec<char> = doc.text.chars().collect();
            for q in &doc.quotes {
                check(&chars, &q.cue);
                check(&chars, &q.content);
                if let Some(m) = q.speaker.as_ref().and_then(|s| s.mention.as_ref()) {
                    check(&chars, m);
                }
                if let Some(t) = &q.told_to {
                    check(&chars, t);
                }
            }
        }
    }
}
