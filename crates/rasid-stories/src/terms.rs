//! Term vectors of articles for story clustering: TF-IDF over search-folded,
//! light-stemmed words (headline words count twice), plus the article's
//! entities as terms of their own, L2-normalized and cut to the strongest
//! [`MAX_TERMS`] terms.

use rasid_text::analyzer::LUCENE_ARABIC_STOPWORDS;
use rasid_text::stem::{LightStemmer, Stemmer};
use rustc_hash::FxHashMap;

use crate::minhash::{fnv1a, words, FNV_OFFSET};

/// Terms kept per vector (80 and 300 were compared on the hand-labelled
/// day: 300 keeps a little more recall at the same precision).
pub const MAX_TERMS: usize = 300;
/// Weight of each headline word relative to a body word (2 and 5 gave the
/// same clusters on the hand-labelled day).
pub const HEADLINE_WEIGHT: f32 = 2.0;
/// Weight of each entity term relative to a word.
pub const ENTITY_WEIGHT: f32 = 1.5;
/// Content words a body needs for the article to get a vector. A headline
/// alone (a cartoon, كاريكاتير, or a photo, posted daily by the same outlets)
/// says too little to place an article in a story: without this, 29
/// cartoons of six days made the fourth-largest story of saudinewsnet.
pub const MIN_BODY_TERMS: usize = 5;

/// A sparse vector: term ids sorted ascending, with weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vector {
    /// (term id, weight), sorted by term id.
    pub terms: Vec<(u32, f32)>,
}

impl Vector {
    /// Cosine of two L2-normalized vectors (their dot product).
    pub fn dot(&self, other: &Vector) -> f32 {
        let (a, b) = (&self.terms, &other.terms);
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    /// The normalized mean of `vs`, cut to `keep` terms.
    pub fn centroid<'a>(vs: impl IntoIterator<Item = &'a Vector>, keep: usize) -> Vector {
        let mut acc: FxHashMap<u32, f32> = FxHashMap::default();
        for v in vs {
            for &(t, w) in &v.terms {
                *acc.entry(t).or_default() += w;
            }
        }
        finish(acc.into_iter().collect(), keep)
    }
}

/// Sorts by weight, keeps the strongest `keep`, normalizes, sorts by term.
fn finish(mut terms: Vec<(u32, f32)>, keep: usize) -> Vector {
    terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(keep);
    let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for t in &mut terms {
            t.1 /= norm;
        }
    }
    terms.sort_unstable_by_key(|t| t.0);
    Vector { terms }
}

/// What a vector is built from.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// The headline (may be empty).
    pub headline: &'a str,
    /// The body text.
    pub body: &'a str,
    /// Canonical names of the article's entities (each once).
    pub entities: Vec<String>,
}

/// A term's id: its 64-bit FNV-1a hash folded to 32 bits, so ids are the
/// same in every run and centroids stored today compare with vectors built
/// tomorrow (a collision merges two terms, about once per 2^32 pairs).
pub fn term_id(term: &str) -> u32 {
    let h = fnv1a(FNV_OFFSET, term.as_bytes());
    (h ^ (h >> 32)) as u32
}

fn stop_words() -> &'static rustc_hash::FxHashSet<String> {
    static STOP: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    STOP.get_or_init(|| {
        LUCENE_ARABIC_STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(rasid_text::normalize::search_fold)
            .collect()
    })
}

/// The content terms of a text: folded, stop words and words under three
/// letters dropped, light-stemmed.
pub fn content_terms(text: &str) -> Vec<String> {
    let stop = stop_words();
    words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_numeric()) && !stop.contains(w))
        .map(|w| LightStemmer.stem(&w).into_owned())
        .collect()
}

/// TF-IDF vectors of `inputs`, with document frequencies from the inputs
/// themselves (a window of articles); empty for a body of fewer than
/// [`MIN_BODY_TERMS`] content words.
pub fn vectors(inputs: &[Input<'_>]) -> Vec<Vector> {
    let counts: Vec<FxHashMap<u32, f32>> = inputs
        .iter()
        .map(|inp| {
            let mut tf: FxHashMap<u32, f32> = FxHashMap::default();
            let body = content_terms(inp.body);
            if body.len() < MIN_BODY_TERMS {
                return tf;
            }
            for t in content_terms(inp.headline) {
                *tf.entry(term_id(&t)).or_default() += HEADLINE_WEIGHT;
            }
            for t in body {
                *tf.entry(term_id(&t)).or_default() += 1.0;
            }
            for e in &inp.entities {
                *tf.entry(term_id(&format!("\u{1}{e}"))).or_default() += ENTITY_WEIGHT;
            }
            tf
        })
        .collect();
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for c in &counts {
        for t in c.keys() {
            *df.entry(*t).or_default() += 1;
        }
    }
    let n = inputs.len() as f32;
    counts
        .into_iter()
        .map(|c| {
            let terms: Vec<(u32, f32)> = c
                .into_iter()
                .map(|(t, f)| (t, (1.0 + f.ln()) * ((n + 1.0) / (df[&t] as f32 + 0.5)).ln().max(0.0)))
                .filter(|t| t.1 > 0.0)
                .collect();
            finish(terms, MAX_TERMS)
        })
        .collect()
}
