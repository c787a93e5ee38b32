//! Conservative proclitic segmentation: و ف (conjunctions), ب ل ك
//! (prepositions), ال (article) and س (future, only after و/ف).
//!
//! Arabic writes these prefixes glued to the next word, but the same letters
//! also begin ordinary words and names (وزير, بغداد, البانيا, الكوير,
//! واشنطن). Without a full morphological analyser the only safe policy is to
//! split where the evidence is strong, and to leave the word alone otherwise:
//!
//! - ال (and لل after ل) is split when at least three letters remain, unless the
//!   word is a protected name (البانيا, الكوير, ...);
//! - ب ك ل are split only before ال/لل or before a known name (لكوردستان,
//!   وبغداد → بغداد after و);
//! - و ف are split before ال, before ب/ك/ل + ال, before a known name or a word
//!   from a small lexicon of function words and speech verbs (وقال, وأضاف, وفي),
//!   and before an imperfect-verb prefix (ي ت ن ا) when four or more letters
//!   remain (وتابع, ويقول, وأطلقت);
//! - س is split only between و/ف and an imperfect-verb prefix ي ت ن
//!   (وسيتم, وستكون, وسنعمل) when what follows could be a verb: not when it
//!   ends in ة or ات (وسيلة, وسياسة, وسيارات, nouns) and never before ا:
//!   the first-person future (وسأعمل) is rare in news, while وسا begins
//!   nouns and names (وسالم, وسامي, وساحات, وساهم, فسادا).
//!
//! Segmentation runs on search-folded text (see [`crate::normalize`]), so
//! Kurdish and hamza spellings are covered; callers map the pieces back to
//! original offsets. charabia splits ال off any word longer than four bytes
//! with no exception list (البانيا → ال|بانيا); rasid does not.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The kind of a proclitic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliticKind {
    /// و or ف.
    Conjunction,
    /// ب, ل or ك.
    Preposition,
    /// ال (or the ل of لل).
    Article,
    /// س, the future marker.
    Future,
}

/// One proclitic found at the start of a word: its kind and its length in
/// folded characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clitic {
    /// What the clitic is.
    pub kind: CliticKind,
    /// Length in characters of the folded word.
    pub len: usize,
}

/// Names and words whose first letters look like clitics but belong to the
/// word. Written in search-folded form.
const PROTECTED: &[&str] = &[
    "البانيا",
    "الكوير",
    "الينوي",
    "الاسكا",
    "الزاس",
    "الب",
    "الماتي",
    "التاي",
    "البرتا",
    "الجيريا",
    "واشنطن",
    "وارسو",
    // Nouns of the root و-س-ط / و-س-ل, not و + س... (وسائل الاعلام).
    "وسايل",
    "وسيله",
    "وساطه",
    "وسايط",
    "وسيط",
    "واغادوغو",
    "ويلز",
    "ولنغتون",
    "وهران",
    "والد",
    "والده",
    "والدي",
    "والدين",
    "والدها",
    "والدته",
    "والدتها",
    "والي",
    "واليا",
    "ولاده",
    "ولايه",
    "ولايات",
];

/// Known names that a preposition or conjunction may be glued to (folded).
const NAMES: &[&str] = &[
    "بغداد",
    "اربيل",
    "كوردستان",
    "كردستان",
    "دهوك",
    "كركوك",
    "الموصل",
    "نينوي",
    "مخمور",
    "السليمانيه",
    "حلبجه",
    "واشنطن",
    "طهران",
    "انقره",
    "دمشق",
    "بيروت",
    "عمان",
    "الرياض",
    "القاهره",
    "تونس",
    "ليبيا",
    "لبنان",
    "سوريا",
    "العراق",
    "ايران",
    "تركيا",
    "روسيا",
    "امريكا",
    "اسرائيل",
    "فلسطين",
    "غزه",
    "اليمن",
    "مصر",
    "قطر",
    "الكويت",
    "السعوديه",
    "داعش",
    "بارزاني",
    "البيشمركه",
    "حماس",
    "حزب",
    "الحكومه",
    "قوات",
    "وزاره",
    "مجلس",
    "رئيس",
];

/// Function words, speech verbs and attribution words that و/ف attach to
/// (folded). Feminine and plural forms are listed where they are frequent.
const LEXICON: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "اكد",
    "اكدت",
    "اكدوا",
    "اضاف",
    "اضافت",
    "اوضح",
    "اوضحت",
    "تابع",
    "تابعت",
    "اشار",
    "اشارت",
    "ذكر",
    "ذكرت",
    "صرح",
    "صرحت",
    "بين",
    "بينت",
    "لفت",
    "لفتت",
    "شدد",
    "شددت",
    "اعتبر",
    "اعتبرت",
    "راي",
    "رات",
    "كشف",
    "كشفت",
    "اعلن",
    "اعلنت",
    "نفي",
    "نفت",
    "حذر",
    "حذرت",
    "طالب",
    "طالبت",
    "دعا",
    "دعت",
    "مضي",
    "مضت",
    "بحسب",
    "حسب",
    "وفقا",
    "نقلا",
    "قد",
    "لقد",
    "لم",
    "لن",
    "لا",
    "ما",
    "من",
    "في",
    "علي",
    "عن",
    "الي",
    "مع",
    "هو",
    "هي",
    "هم",
    "كان",
    "كانت",
    "كانوا",
    "ان",
    "انه",
    "انها",
    "اذا",
    "لكن",
    "لكنه",
    "منذ",
    "بعد",
    "قبل",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هناك",
    "كل",
    "غير",
    "بين",
    "حيث",
    "عند",
    "عندما",
    "ايضا",
    "اي",
    "كما",
    "لذلك",
    "اما",
    "ليس",
    "ليست",
    "يوم",
    "خلال",
    "بدات",
    "بدا",
    "سيطرت",
    "سيطر",
    "اطلقت",
    "اطلق",
    "شارك",
    "شاركت",
];

/// The word lists as hash sets of char slices, built once.
struct Sets {
    protected: HashSet<Vec<char>>,
    names: HashSet<Vec<char>>,
    lexicon: HashSet<Vec<char>>,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| {
        let set = |l: &[&str]| l.iter().map(|s| s.chars().collect()).collect();
        Sets { protected: set(PROTECTED), names: set(NAMES), lexicon: set(LEXICON) }
    })
}

/// Which list a lookup is for.
#[derive(Clone, Copy)]
enum List {
    Names,
    Lexicon,
}

fn contains(list: List, w: &[char]) -> bool {
    let s = sets();
    match list {
        List::Names => s.names.contains(w),
        List::Lexicon => s.lexicon.contains(w),
    }
}

fn is_protected(w: &[char]) -> bool {
    sets().protected.contains(w)
}

fn starts_with(w: &[char], p: &str) -> bool {
    let mut it = w.iter();
    p.chars().all(|c| it.next() == Some(&c))
}

/// Length of an article at the start of `w` (ال, or the second ل of لل after a
/// preposition ل), if it can be split: at least three letters must remain.
fn article_len(w: &[char]) -> Option<usize> {
    (starts_with(w, "ال") && w.len() >= 5 && !is_protected(w)).then_some(2)
}

/// Segments a folded word into proclitics. Returns the clitics in order; the
/// stem is what follows them.
pub fn segment(word: &[char]) -> Vec<Clitic> {
    let mut out = Vec::new();
    if is_protected(word) {
        return out;
    }
    let mut w = word;
    // Conjunction و/ف.
    if w.len() >= 4 && matches!(w[0], 'و' | 'ف') {
        let rest = &w[1..];
        let ok = (starts_with(rest, "ال") && rest.len() >= 4 && !is_protected(rest))
            || (matches!(rest[0], 'ب' | 'ك' | 'ل') && (prep_split(rest).is_some()))
            || contains(List::Names, rest)
            || contains(List::Lexicon, rest)
            || (matches!(rest[0], 'ي' | 'ت' | 'ن' | 'ا') && rest.len() >= 4)
            || (rest[0] == 'س' && rest.len() >= 4 && matches!(rest[1], 'ي' | 'ت' | 'ن' | 'ا'));
        if ok {
            out.push(Clitic { kind: CliticKind::Conjunction, len: 1 });
            w = rest;
            if w[0] == 'س'
                && w.len() >= 4
                && matches!(w[1], 'ي' | 'ت' | 'ن')
                && could_be_verb(&w[1..])
                && !contains(List::Lexicon, w)
            {
                out.push(Clitic { kind: CliticKind::Future, len: 1 });
                return out;
            }
        }
    }
    // Preposition ب/ك/ل, then the article.
    if let Some(pieces) = prep_split(w) {
        out.extend(pieces);
        return out;
    }
    if let Some(n) = article_len(w) {
        out.push(Clitic { kind: CliticKind::Article, len: n });
    }
    out
}

/// True unless the word ends as a noun does and a verb never does: in ة
/// (folded to ه) or in the plural ات. (An object pronoun ـه on a verb,
/// ستنفذه, is the price: rare next to سياسة, سيارة, سنة.)
fn could_be_verb(w: &[char]) -> bool {
    !(w.last() == Some(&'ه') || w.ends_with(&['ا', 'ت']))
}

/// Splits a preposition (and a following article) when the evidence is strong.
fn prep_split(w: &[char]) -> Option<Vec<Clitic>> {
    if w.len() < 3 || !matches!(w[0], 'ب' | 'ك' | 'ل') {
        return None;
    }
    let prep = Clitic { kind: CliticKind::Preposition, len: 1 };
    let rest = &w[1..];
    // لل + noun: the article with its alef elided (للاستقلال).
    if w[0] == 'ل' && rest[0] == 'ل' && rest.len() >= 4 && !contains(List::Lexicon, w) {
        return Some(vec![prep, Clitic { kind: CliticKind::Article, len: 1 }]);
    }
    if let Some(n) = article_len(rest) {
        return Some(vec![prep, Clitic { kind: CliticKind::Article, len: n }]);
    }
    if contains(List::Names, rest) && !contains(List::Names, w) {
        return Some(vec![prep]);
    }
    None
}

/// Convenience for tests and tools: the pieces of a folded word as strings.
pub fn split_str(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut pieces = Vec::new();
    let mut at = 0;
    for c in segment(&chars) {
        pieces.push(chars[at..at + c.len].iter().collect());
        at += c.len;
    }
    pieces.push(chars[at..].iter().collect());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_clitics_glued_to_names_and_nouns() {
        assert_eq!(split_str("وبغداد"), ["و", "بغداد"]);
        assert_eq!(split_str("لكوردستان"), ["ل", "كوردستان"]);
        assert_eq!(split_str("والتحالف"), ["و", "ال", "تحالف"]);
        assert_eq!(split_str("بالتنسيق"), ["ب", "ال", "تنسيق"]);
        assert_eq!(split_str("للاستقلال"), ["ل", "ل", "استقلال"]);
        assert_eq!(split_str("وقال"), ["و", "قال"]);
        assert_eq!(split_str("واطلقت"), ["و", "اطلقت"]);
        assert_eq!(split_str("وسيتم"), ["و", "س", "يتم"]);
        assert_eq!(split_str("وستكون"), ["و", "س", "تكون"]);
        assert_eq!(split_str("فسيكون"), ["ف", "س", "يكون"]);
        assert_eq!(split_str("وسنعمل"), ["و", "س", "نعمل"]);
        assert_eq!(split_str("البيشمركه"), ["ال", "بيشمركه"]);
    }

    /// The future س was split off nouns and names after و: وسالم → الم,
    /// وسياسة → ياسه, وسائل → ايل (772 times in saudinewsnet, the most
    /// frequent و+س word), فسادا → ادا.
    #[test]
    fn future_sin_only_before_what_could_be_a_verb() {
        for (w, want) in [
            ("وسالم", vec!["و", "سالم"]),
            ("وسامي", vec!["و", "سامي"]),
            ("وساحات", vec!["و", "ساحات"]),
            ("فسادا", vec!["ف", "سادا"]),
            ("وسياسه", vec!["و", "سياسه"]),
            ("وسياره", vec!["و", "سياره"]),
            ("وسيارات", vec!["و", "سيارات"]),
            ("وسنغافوره", vec!["و", "سنغافوره"]),
            ("وسايل", vec!["وسايل"]),
            ("وسيله", vec!["وسيله"]),
        ] {
            assert_eq!(split_str(w), want, "{w}");
        }
    }

    #[test]
    fn leaves_names_and_words_that_only_look_clitic() {
        for w in [
            "البانيا",
            "الكوير",
            "بغداد",
            "وزير",
            "واشنطن",
            "بارزاني",
            "الله",
            "التي",
            "والي",
            "لبنان",
            "كركوك",
            "فرنسا",
        ] {
            assert_eq!(split_str(w), [w], "{w} must stay whole");
        }
    }
}
