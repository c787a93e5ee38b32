//! Corpus statistics of word forms, learned from unlabelled news (the
//! `saudinewsnet` and `ant-corpus` collections) by `rasid train ner`, and
//! shipped as `models/ner-lexicon.tsv`.
//!
//! For each word (search-folded, clitics stripped) it keeps a frequency
//! bucket and how often the word is written with the article ال. Proper
//! names, foreign ones above all (بوش, ساركوزي), almost never take the
//! article, while common nouns often do; the ratio is a strong cue for an
//! Arabic tagger that has no capital letters to look at.

use std::sync::OnceLock;

use rasid_text::normalize::search_fold;
use rasid_text::{tokenize, TokenKind};
use rustc_hash::FxHashMap;

use crate::clusters::{self, Ids};
use crate::gazetteer::key;

/// Buckets of a word: (log2 frequency, 0–5; share with the article, 0–4).
pub type Buckets = (u8, u8);

/// What is known of a word: its buckets and its most frequent left and
/// right neighbours in the corpus (a cheap distributional signature: names
/// follow titles, places follow prepositions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordStats {
    /// Frequency and article buckets.
    pub buckets: Buckets,
    /// Most frequent word before it.
    pub left: String,
    /// Most frequent word after it.
    pub right: String,
    /// Its word clusters (coarse, mid, fine), when it was frequent enough.
    pub clusters: Option<Ids>,
}

/// Word statistics.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    words: FxHashMap<String, WordStats>,
}

/// Words seen fewer times than this are left out.
const MIN_COUNT: u32 = 3;

fn al_bucket(with_al: u32, total: u32) -> u8 {
    if with_al == 0 {
        return 0;
    }
    let r = f64::from(with_al) / f64::from(total.max(1));
    match r {
        r if r < 0.05 => 1,
        r if r < 0.3 => 2,
        r if r < 0.7 => 3,
        _ => 4,
    }
}

impl Lexicon {
    /// The shipped statistics.
    pub fn builtin() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::parse(include_str!("../models/ner-lexicon.tsv")))
    }

    /// Parses the TSV form (`word<TAB>freq<TAB>al`).
    pub fn parse(tsv: &str) -> Lexicon {
        let words = tsv
            .lines()
            .filter_map(|l| {
                let mut it = l.split('\t');
                let w = it.next()?;
                let f = it.next()?.parse().ok()?;
                let a = it.next()?.parse().ok()?;
                let left = it.next().unwrap_or("").to_string();
                let right = it.next().unwrap_or("").to_string();
                let mut ids = it.filter_map(|x| x.parse::<u16>().ok());
                let clusters = match (ids.next(), ids.next(), ids.next()) {
                    (Some(a), Some(b), Some(c)) => Some([a, b, c]),
                    _ => None,
                };
                Some((w.to_string(), WordStats { buckets: (f, a), left, right, clusters }))
            })
            .collect();
        Lexicon { words }
    }

    /// Learns the statistics and the word clusters from texts.
    pub fn learn<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> Lexicon {
        let clusters = clusters::learn(texts.clone());
        let mut counts: FxHashMap<String, (u32, u32)> = FxHashMap::default();
        let mut keys: FxHashMap<String, (String, bool)> = FxHashMap::default();
        let mut pairs: FxHashMap<(String, String), u32> = FxHashMap::default();
        for text in texts {
            let mut prev = String::new();
            for t in tokenize(text) {
                if t.kind != TokenKind::Arabic {
                    prev.clear();
                    continue;
                }
                let (k, definite) = keys
                    .entry(t.term)
                    .or_insert_with_key(|w| {
                        let fold = search_fold(w);
                        let k = key(w);
                        let clitic = fold.strip_suffix(k.as_str()).unwrap_or("");
                        let definite = clitic.ends_with("ال") || clitic.ends_with("لل");
                        (k, definite)
                    })
                    .clone();
                if k.is_empty() {
                    continue;
                }
                let c = counts.entry(k.clone()).or_default();
                c.0 += 1;
                c.1 += u32::from(definite);
                if !prev.is_empty() {
                    *pairs.entry((prev.clone(), k.clone())).or_default() += 1;
                }
                prev = k;
            }
        }
        // Most frequent neighbours (ties broken by the word, for determinism).
        let mut left: FxHashMap<&str, (u32, &str)> = FxHashMap::default();
        let mut right: FxHashMap<&str, (u32, &str)> = FxHashMap::default();
        for ((a, b), n) in &pairs {
            if *n < 2 {
                continue;
            }
            let better = |cur: &(u32, &str), n: u32, w: &str| n > cur.0 || (n == cur.0 && w < cur.1);
            let e = left.entry(b.as_str()).or_insert((0, ""));
            if better(e, *n, a) {
                *e = (*n, a.as_str());
            }
            let e = right.entry(a.as_str()).or_insert((0, ""));
            if better(e, *n, b) {
                *e = (*n, b.as_str());
            }
        }
        let words = counts
            .iter()
            .filter(|(_, (n, _))| *n >= MIN_COUNT)
            .map(|(w, (n, a))| {
                let stats = WordStats {
                    buckets: ((32 - n.leading_zeros()).min(12) as u8 / 2, al_bucket(*a, *n)),
                    left: left.get(w.as_str()).map_or("", |x| x.1).to_string(),
                    right: right.get(w.as_str()).map_or("", |x| x.1).to_string(),
                    clusters: clusters.get(w.as_str()).copied(),
                };
                (w.clone(), stats)
            })
            .collect();
        Lexicon { words }
    }

    /// The TSV form, sorted (deterministic).
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<(&String, &WordStats)> = self.words.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        rows.into_iter()
            .map(|(w, s)| {
                let c = s.clusters.map_or(String::new(), |c| format!("\t{}\t{}\t{}", c[0], c[1], c[2]));
                format!("{w}\t{}\t{}\t{}\t{}{c}\n", s.buckets.0, s.buckets.1, s.left, s.right)
            })
            .collect()
    }

    /// The buckets of a word key, if it was seen often enough.
    pub fn get(&self, key: &str) -> Option<Buckets> {
        self.words.get(key).map(|s| s.buckets)
    }

    /// Everything known of a word key.
    pub fn stats(&self, key: &str) -> Option<&WordStats> {
        self.words.get(key)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ratio_separates_names_from_nouns() {
        let text = "قال بوش إن الحملة نجحت. وقال بوش إن حملة اخرى بدأت. وأكد بوش أن الحملة مستمرة وأن الحملة كبيرة.";
        let lex = Lexicon::learn(std::iter::once(text));
        assert_eq!(lex.get("بوش").map(|b| b.1), Some(0));
        assert!(lex.get("حمله").is_some_and(|b| b.1 >= 3));
        let round = Lexicon::parse(&lex.to_tsv());
        assert_eq!(round.get("بوش"), lex.get("بوش"));
    }
}
