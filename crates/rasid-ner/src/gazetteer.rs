//! Gazetteers and trigger words (written for this project, in
//! `data/gazetteers/`), matched over a sentence's tokens after search folding
//! and clitic stripping, so that `وبغداد`, `لكوردستان` and `الكوردية` find
//! `بغداد`, `كوردستان` and `الكردية`'s entries alike.

use std::sync::OnceLock;

use rasid_text::Analyzer;
use rustc_hash::{FxHashMap, FxHashSet};

/// A gazetteer category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Countries and regions.
    Country,
    /// Cities, governorates, towns.
    City,
    /// Mountains, rivers, fronts, disputed areas.
    Feature,
    /// Known organisations, armed groups, parties, outlets.
    Org,
    /// Head nouns of organisation names (وزارة, مجلس, قوات).
    OrgTrigger,
    /// Words introducing places (مدينة, محافظة, جبل).
    LocTrigger,
    /// Titles and ranks (الرئيس, الفريق, وزير).
    Title,
    /// Given names.
    FirstName,
    /// Family names.
    FamilyName,
    /// Speech and attribution verbs (قال, أكد, أضاف).
    SpeechVerb,
}

impl Category {
    /// All categories.
    pub const ALL: [Category; 10] = [
        Category::Country,
        Category::City,
        Category::Feature,
        Category::Org,
        Category::OrgTrigger,
        Category::LocTrigger,
        Category::Title,
        Category::FirstName,
        Category::FamilyName,
        Category::SpeechVerb,
    ];

    /// Short name used in feature strings.
    pub fn name(self) -> &'static str {
        match self {
            Category::Country => "country",
            Category::City => "city",
            Category::Feature => "feature",
            Category::Org => "org",
            Category::OrgTrigger => "orgtrig",
            Category::LocTrigger => "loctrig",
            Category::Title => "title",
            Category::FirstName => "first",
            Category::FamilyName => "family",
            Category::SpeechVerb => "speech",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    fn source(self) -> &'static str {
        match self {
            Category::Country => include_str!("../data/gazetteers/loc-countries.txt"),
            Category::City => include_str!("../data/gazetteers/loc-cities.txt"),
            Category::Feature => include_str!("../data/gazetteers/loc-features.txt"),
            Category::Org => include_str!("../data/gazetteers/org-known.txt"),
            Category::OrgTrigger => include_str!("../data/gazetteers/org-triggers.txt"),
            Category::LocTrigger => include_str!("../data/gazetteers/loc-triggers.txt"),
            Category::Title => include_str!("../data/gazetteers/per-titles.txt"),
            Category::FirstName => include_str!("../data/gazetteers/per-first-names.txt"),
            Category::FamilyName => include_str!("../data/gazetteers/per-family-names.txt"),
            Category::SpeechVerb => include_str!("../data/gazetteers/speech-verbs.txt"),
        }
    }
}

/// The key of a word for matching: search-folded, clitics stripped.
///
/// The search analyzer splits ب ك ل only before the article or one of the
/// few names it knows, and و ف only on strong evidence, because it has no
/// gazetteer; here the gazetteers decide as well: a glued و/ف, ب/ك/ل or
/// both come off a word that is not itself listed when what remains begins
/// a listed phrase (لايطاليا → ايطاليا, وبمراكش → مراكش, وطلوزة → طلوزه,
/// لمجلس → مجلس), while listed words keep their letters (بلال, كمال, لبنان).
pub fn key(word: &str) -> String {
    Gazetteers::get().key(word)
}

/// Whether `word`, whose key is `key`, is written with the article as the
/// key sees it: the letters cut off before the key end in ال or لل
/// (العراق, للعراق), or the key keeps an article it did not split
/// (الكوير), or begins with one the analyzer split from a ك (كاليفورنيا →
/// ك + اليفورنيا). Listed names and words of a text go through the same
/// test, so a name and its mentions always agree.
pub fn written_with_article(word: &str, key: &str) -> bool {
    let folded = rasid_text::normalize::search_fold(word);
    let clitics = folded.strip_suffix(key).unwrap_or("");
    clitics.ends_with("ال") || clitics.ends_with("لل") || key.starts_with("ال")
}

/// The search analyzer's key of a word (what the gazetteers are built from).
fn analyzer_key(word: &str) -> String {
    Analyzer::by_name("search").expect("built-in analyzer").terms(word).join("")
}

/// All gazetteers, as phrase keys (words joined by a space) → category bits.
pub struct Gazetteers {
    phrases: FxHashMap<String, u16>,
    /// For each word key that begins a phrase, the longest such phrase's
    /// length: most tokens begin none, and are passed over without building
    /// a phrase key.
    starts: FxHashMap<String, usize>,
    /// Word keys that begin a listed name (a place, an organisation, a
    /// given or family name), not a trigger noun, title or verb.
    name_starts: FxHashSet<String>,
    /// One-word places (countries, cities, features) by key: bit 1 when a
    /// listed spelling has the article (العراق, البيرة), bit 2 when one has
    /// none (بغداد, مالي). The key drops the article, the text keeps it.
    place_articles: FxHashMap<String, u8>,
    /// One-word names as listed, search-folded but with their letters
    /// (كاليفورنيا, whose key the analyzer cuts to ك + اليفورنيا).
    listed_words: FxHashSet<String>,
}

impl Gazetteers {
    /// The built-in gazetteers, loaded once.
    pub fn get() -> &'static Gazetteers {
        static G: OnceLock<Gazetteers> = OnceLock::new();
        G.get_or_init(|| {
            let mut phrases: FxHashMap<String, u16> = FxHashMap::default();
            let mut starts: FxHashMap<String, usize> = FxHashMap::default();
            let mut name_starts = FxHashSet::default();
            let mut place_articles: FxHashMap<String, u8> = FxHashMap::default();
            let mut listed_words = FxHashSet::default();
            for cat in Category::ALL {
                for line in cat.source().lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                    let words: Vec<String> =
                        line.split_whitespace().map(analyzer_key).filter(|k| !k.is_empty()).collect();
                    if words.is_empty() {
                        continue;
                    }
                    if !matches!(
                        cat,
                        Category::OrgTrigger | Category::LocTrigger | Category::Title | Category::SpeechVerb
                    ) {
                        name_starts.insert(words[0].clone());
                    }
                    if words.len() == 1
                        && !matches!(
                            cat,
                            Category::OrgTrigger | Category::LocTrigger | Category::Title | Category::SpeechVerb
                        )
                    {
                        listed_words.insert(rasid_text::normalize::search_fold(line));
                    }
                    if words.len() == 1 && matches!(cat, Category::Country | Category::City | Category::Feature) {
                        *place_articles.entry(words[0].clone()).or_default() |=
                            if written_with_article(line, &words[0]) { 1 } else { 2 };
                    }
                    let n = starts.entry(words[0].clone()).or_default();
                    *n = (*n).max(words.len());
                    *phrases.entry(words.join(" ")).or_default() |= cat.bit();
                }
            }
            Gazetteers { phrases, starts, name_starts, place_articles, listed_words }
        })
    }

    /// How many letters of a clitic-glued analyzer key `k` to drop (see
    /// [`key`]): 0 when `k` begins a listed phrase itself or nothing listed
    /// remains. The remainder has at least three letters.
    pub fn glued(&self, k: &str) -> usize {
        if self.starts.contains_key(k) {
            return 0;
        }
        let mut c = k.char_indices();
        let (Some((_, first)), Some((at2, second))) = (c.next(), c.next()) else { return 0 };
        let conj = |c: char| matches!(c, 'و' | 'ف');
        let prep = |c: char| matches!(c, 'ب' | 'ك' | 'ل');
        // (letters dropped, byte offset of the rest, whether they are clitics)
        let at3 = c.next().map_or(k.len(), |(i, _)| i);
        for (n, at, glued) in [(1, at2, conj(first) || prep(first)), (2, at3, conj(first) && prep(second))] {
            let rest = &k[at..];
            if rest.chars().count() < 3 {
                break;
            }
            if glued && self.starts.contains_key(rest) {
                return n;
            }
        }
        0
    }

    /// Whether a search-folded word is a one-word name exactly as listed
    /// (كاليفورنيا, بغداد), letters before its key included.
    pub fn is_listed_word(&self, folded: &str) -> bool {
        self.listed_words.contains(folded)
    }

    /// For a one-word place key: whether it is listed with the article
    /// (العراق) and whether without (بغداد); `None` for other keys.
    pub fn place_article(&self, k: &str) -> Option<(bool, bool)> {
        self.place_articles.get(k).map(|b| (b & 1 != 0, b & 2 != 0))
    }

    /// True when the word key `k` begins a listed name (a place, an
    /// organisation, a given or family name), not only a trigger noun,
    /// title or verb.
    pub fn begins_name(&self, k: &str) -> bool {
        self.name_starts.contains(k)
    }

    /// For each token key, the categories of the longest phrases covering it,
    /// as (bits where the token begins a phrase, bits where it continues one).
    pub fn tag(&self, keys: &[String]) -> Vec<(u16, u16)> {
        let mut out = vec![(0u16, 0u16); keys.len()];
        for (i, (n, bits)) in self.longest_at(keys).into_iter().enumerate() {
            if n > 0 {
                out[i].0 |= bits;
                for o in &mut out[i + 1..i + n] {
                    o.1 |= bits;
                }
            }
        }
        out
    }

    /// The longest listed phrase starting at each token: (length, bits);
    /// (0, 0) where none starts.
    pub fn longest_at(&self, keys: &[String]) -> Vec<(usize, u16)> {
        (0..keys.len())
            .map(|i| {
                let Some(&longest) = self.starts.get(keys[i].as_str()) else {
                    return (0, 0);
                };
                if longest == 1 {
                    return self.phrases.get(keys[i].as_str()).map_or((0, 0), |&b| (1, b));
                }
                for n in (1..=longest.min(keys.len() - i)).rev() {
                    if keys[i..i + n].iter().any(String::is_empty) {
                        continue;
                    }
                    if let Some(&bits) = self.phrases.get(&keys[i..i + n].join(" ")) {
                        return (n, bits);
                    }
                }
                (0, 0)
            })
            .collect()
    }

    /// [`key`] with these gazetteers.
    fn key(&self, word: &str) -> String {
        let k = analyzer_key(word);
        match self.glued(&k) {
            0 => k,
            n => k.chars().skip(n).collect(),
        }
    }

    /// True when the one word key `k` is listed under `cat`.
    pub fn contains_key(&self, k: &str, cat: Category) -> bool {
        self.phrases.get(k).is_some_and(|b| b & cat.bit() != 0)
    }

    /// True when the phrase of these word keys is listed under `cat`.
    pub fn contains_keys(&self, keys: &[String], cat: Category) -> bool {
        self.phrases.get(&keys.join(" ")).is_some_and(|b| b & cat.bit() != 0)
    }

    /// True when `phrase` is listed under `cat`.
    pub fn contains(&self, phrase: &str, cat: Category) -> bool {
        let k: Vec<String> = phrase.split_whitespace().map(|w| self.key(w)).collect();
        self.phrases.get(&k.join(" ")).is_some_and(|b| b & cat.bit() != 0)
    }
}

/// The categories set in `bits`.
pub fn categories(bits: u16) -> impl Iterator<Item = Category> {
    Category::ALL.into_iter().filter(move |c| bits & c.bit() != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_match_with_clitics_and_kurdish_spelling() {
        let g = Gazetteers::get();
        assert!(g.contains("بغداد", Category::City));
        assert!(g.contains("وبغداد", Category::City));
        assert!(g.contains("العراق", Category::Country));
        assert!(g.contains("البيشمركة", Category::Org));
        // Glued prepositions the search analyzer leaves on: the gazetteer
        // decides (لايطاليا, وبمراكش), and listed words stay whole.
        assert_eq!(key("لايطاليا"), "ايطاليا");
        assert_eq!(key("وبمراكش"), "مراكش");
        assert!(g.contains("لايطاليا", Category::Country));
        for w in ["لبنان", "بلال", "كمال", "بغداد", "وزير"] {
            assert_eq!(key(w), rasid_text::normalize::search_fold(w), "{w} stays whole");
        }
        let keys: Vec<String> =
            ["قال", "رئيس", "أركان", "البيشمركة", "الفريق", "جمال"].iter().map(|w| key(w)).collect();
        let tags = g.tag(&keys);
        assert!(categories(tags[5].0).any(|c| c == Category::FirstName));
    }

    /// The lookup only tries phrases from words that begin one; the longest
    /// phrase starting at a word still wins (تنظيم القاعدة في جزيرة العرب,
    /// five words, over تنظيم القاعدة), and its inner words are marked as
    /// continuing it.
    #[test]
    fn longest_phrase_wins_and_other_words_match_nothing() {
        let g = Gazetteers::get();
        let words = ["وأعلن", "تنظيم", "القاعدة", "في", "جزيرة", "العرب", "مسؤوليته", "امس"];
        let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
        let at = g.longest_at(&keys);
        assert_eq!(at[1].0, 5, "{at:?}");
        assert!(categories(at[1].1).any(|c| c == Category::Org));
        assert_eq!(at[7], (0, 0));
        let tags = g.tag(&keys);
        for t in &tags[2..6] {
            assert!(categories(t.1).any(|c| c == Category::Org), "{tags:?}");
        }
        assert_eq!(tags[7], (0, 0));
        assert!(g.contains_key(&key("وأعلن"), Category::SpeechVerb));
        assert!(!g.contains_key(&key("امس"), Category::SpeechVerb));
    }
}
