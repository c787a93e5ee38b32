//! Property test of the events stage: no panic on any text (trigger words,
//! negators, time words, places, numbers and punctuation in any order), and
//! every trigger, participant, place, time and mention span equal to the
//! original text at its offsets.

use proptest::prelude::*;
use rasid_core::document::Span;
use rasid_core::input::{parse_bytes, Format};
use rasid_core::pipeline::Pipeline;
use rasid_events::Events;
use rasid_ner::stage::Entities;
use rasid_quotes::Quotes;

const WORDS: &[&str] = &[
    "وقتل",
    "قتل",
    "مقتل",
    "ثلاثة",
    "12",
    "٣",
    "جنود",
    "اشخاص",
    "انفجار",
    "سيارة",
    "مفخخة",
    "تظاهر",
    "المتظاهرون",
    "حملة",
    "لتطهير",
    "الحملة",
    "اتفاق",
    "ابرام",
    "عدم",
    "لم",
    "لن",
    "سوف",
    "سيقصف",
    "قد",
    "كانت",
    "منذ",
    "نفت",
    "وزارة",
    "الدفاع",
    "قوات",
    "البيشمركة",
    "داعش",
    "مع",
    "بين",
    "و",
    "على",
    "ضد",
    "في",
    "جبل",
    "قرة",
    "جوخ",
    "مخمور",
    "الموصل",
    "وبغداد",
    "اربيل",
    "يوم",
    "امس",
    "صباح",
    "الاثنين",
    "الجمعة",
    "آب",
    "أغسطس",
    "2015",
    "رمضان",
    "1436",
    "هـ",
    "قبل",
    "يومين",
    "الاسبوع",
    "الماضي",
    "عام",
    "مسلحون",
    "وقال",
    "إن",
    "\"",
    "«",
    "»",
    ":",
    ".",
    "،",
    "؟",
    "\n",
    "\n\n",
    "-",
    "(",
    ")",
];

fn check(chars: &[char], s: &Span) {
    assert!(s.start <= s.end && s.end <= chars.len(), "{s:?}");
    assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
}

proptest! {
    #[test]
    fn event_spans_are_exact(words in prop::collection::vec(prop::sample::select(WORDS), 0..150), dated in any::<bool>()) {
        let text = words.join(" ");
        let mut stages = Pipeline::standard_stages();
        stages.push(Box::new(Entities::new().unwrap()));
        stages.push(Box::new(Quotes));
        stages.push(Box::new(Events::unfiltered()));
        let pipeline = Pipeline::new(stages).unwrap();
        for r in parse_bytes("fuzz", text.as_bytes(), Some(Format::Text)) {
            let Ok(mut raw) = r else { continue };
            if dated {
                raw.meta.published = Some("2015-08-09".into());
            }
            let doc = pipeline.run(raw);
            let chars: Vec<char> = doc.text.chars().collect();
            for e in &doc.events {
                check(&chars, &e.trigger);
                for a in e.actors.iter().chain(e.target.iter()) {
                    check(&chars, &a.span);
                }
                if let Some(l) = &e.location {
                    check(&chars, &l.span);
                }
                if let Some(t) = &e.time {
                    check(&chars, &t.span);
                }
                for m in &e.mentions {
                    check(&chars, m);
                }
                assert!(matches!(e.polarity.as_str(), "asserted" | "negated" | "hypothetical"));
                assert!((0.0..=1.0).contains(&e.score));
            }
            let _ = rasid_events::export::records(&doc, Some("2015-08-09"));
        }
    }
}
