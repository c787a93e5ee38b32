//! The trigger lexicon: words and phrases that report events, with their
//! ACLED type and sub-type, PLOVER class and a weight
//! (`crates/rasid-events/data/triggers.tsv`, written for rasid; see
//! `data/TRIGGERS.md`).
//!
//! Entries are matched on search-folded words (أ/إ/آ→ا, ى→ي, ة→ه, no
//! diacritics) after removing a glued conjunction (و, ف) and, for nouns and
//! participles, the article and prepositions (ال, بال, لل, ب, ل, كال).

use rasid_text::normalize::search_fold;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// The folded words of the entry.
    pub words: Vec<String>,
    /// `v` verb, `n` noun, `p` participle, `ph` phrase.
    pub pos: String,
    /// ACLED (or rasid) event type.
    pub kind: String,
    /// ACLED sub-event type.
    pub subtype: Option<String>,
    /// PLOVER class.
    pub plover: Option<String>,
    /// How much the words alone report an event (0..1).
    pub weight: f32,
}

/// The lexicon, indexed by the first folded word.
#[derive(Debug, Default)]
pub struct Lexicon {
    by_first: FxHashMap<String, Vec<usize>>,
    entries: Vec<Trigger>,
}

const TRIGGERS: &str = include_str!("../data/triggers.tsv");

/// Prefixes removed from the first word of a noun or participle, longest first.
const NOUN_PREFIXES: &[&str] = &["وبال", "وال", "فال", "بال", "كال", "لل", "ال", "ب", "ل"];

impl Lexicon {
    /// The built-in lexicon (parsed once).
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::parse(TRIGGERS))
    }

    /// Parses lexicon text (the format of `triggers.tsv`); malformed lines
    /// are skipped.
    pub fn parse(text: &str) -> Lexicon {
        let mut l = Lexicon::default();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                continue;
            }
            let words: Vec<String> = f[0].split_whitespace().map(search_fold).filter(|w| !w.is_empty()).collect();
            let Ok(weight) = f[5].trim().parse::<f32>() else { continue };
            if words.is_empty() {
                continue;
            }
            let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            let t = Trigger {
                words,
                pos: f[1].trim().to_string(),
                kind: f[2].trim().to_string(),
                subtype: opt(f[3]),
                plover: opt(f[4]),
                weight,
            };
            // The same words and part of speech twice: the first line wins
            // (قتل the verb and قتل the noun are two entries).
            if l.entries.iter().any(|e| e.words == t.words && e.pos == t.pos) {
                continue;
            }
            l.by_first.entry(t.words[0].clone()).or_default().push(l.entries.len());
            l.entries.push(t);
        }
        l
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The longest entry starting at word `i` of `words` (folded), with the
    /// number of words it covers. A verb entry matches after a glued و/ف; a
    /// noun, participle or phrase entry also after the article and the
    /// prepositions ب, ل, ك.
    pub fn at(&self, words: &[&str], i: usize) -> Option<(&Trigger, usize)> {
        let w = words[i];
        let mut best: Option<(&Trigger, usize)> = None;
        for (first, nounish) in first_forms(w) {
            let Some(ids) = self.by_first.get(first) else { continue };
            for &id in ids {
                let t = &self.entries[id];
                if nounish && t.pos == "v" {
                    continue;
                }
                let n = t.words.len();
                if i + n > words.len() || t.words[1..].iter().zip(&words[i + 1..]).any(|(a, b)| a != b) {
                    continue;
                }
                if best.is_none_or(|(b, bn)| n > bn || (n == bn && t.weight > b.weight)) {
                    best = Some((t, n));
                }
            }
        }
        best
    }
}

/// The forms a first word may take in the lexicon: as written, without a
/// glued و/ف, and without the article or a preposition (`true`: only noun
/// entries may match such a form).
fn first_forms(w: &str) -> Vec<(&str, bool)> {
    let mut out = vec![(w, false)];
    let n = w.chars().count();
    if n > 3 && (w.starts_with('و') || w.starts_with('ف')) {
        out.push((&w['و'.len_utf8()..], false));
    }
    for p in NOUN_PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                out.push((rest, true));
                // وبال + noun is also و + بال + noun.
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::parse(
            "# form\tpos\ttype\tsubtype\tplover\tweight\n\
             قتل\tv\tViolence against civilians\tAttack\tASSAULT\t1.0\n\
             هجوم\tn\tBattles\tArmed clash\tASSAULT\t0.5\n\
             سيارة مفخخة\tph\tExplosions/Remote violence\tRemote explosive/landmine/IED\tASSAULT\t1.0\n\
             bad line\n",
        )
    }

    #[test]
    fn matches_after_clitics_and_prefers_phrases() {
        let l = lex();
        assert_eq!(l.len(), 3);
        let folded: Vec<String> = ["وقتل", "بالهجوم", "بسيارة", "مفخخة"].iter().map(|w| search_fold(w)).collect();
        let w: Vec<&str> = folded.iter().map(String::as_str).collect();
        assert_eq!(l.at(&w, 0).map(|(t, n)| (t.plover.as_deref(), n)), Some((Some("ASSAULT"), 1)));
        assert_eq!(l.at(&w, 1).map(|(t, _)| t.kind.as_str()), Some("Battles"));
        assert_eq!(
            l.at(&w, 2).map(|(t, n)| (t.subtype.as_deref(), n)),
            Some((Some("Remote explosive/landmine/IED"), 2))
        );
        // A verb entry never matches a word with the article.
        assert!(l.at(&["القتل"], 0).is_none());
    }

    #[test]
    fn the_built_in_lexicon_covers_the_reference_article() {
        let l = Lexicon::get();
        assert!(l.len() > 300, "{} entries", l.len());
        for (w, kind) in
            [("وأطلقت", None), ("حملة", Some("Security operation")), ("اتفاق", Some("Strategic developments"))]
        {
            let f = search_fold(w);
            let got = l.at(&[f.as_str()], 0).map(|(t, _)| t.kind.as_str());
            if let Some(k) = kind {
                assert_eq!(got, Some(k), "{w}");
            }
        }
    }
}
