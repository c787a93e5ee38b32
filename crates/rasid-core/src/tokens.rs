//! The token layer: every token of the text with its search-folded form and
//! its Snowball stem.

use std::cell::RefCell;

use rasid_text::normalize::search_fold;
use rasid_text::stem::{SnowballStemmer, Stemmer};
use rasid_text::{tokenize_into, TokenKind};
use rustc_hash::FxHashMap;

use crate::document::{DocToken, Document, Span};

/// Entries kept in each thread's stem cache before it is emptied.
const STEM_CACHE_LIMIT: usize = 200_000;

thread_local! {
    /// Folded word → Snowball stem. Word frequencies in news are Zipfian, so
    /// most lookups hit; the cache changes speed only, never output.
    static STEMS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

fn cached_stem(stemmer: &SnowballStemmer, norm: &str) -> String {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(norm) {
            return s.clone();
        }
        let stem = stemmer.stem(norm).into_owned();
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(norm.to_string(), stem.clone());
        stem
    })
}

/// Tokenizes the whole text of `doc`, folds each token and stems words.
pub fn tokens(doc: &Document, stemmer: &SnowballStemmer) -> Vec<DocToken> {
    let mut raw = Vec::new();
    tokenize_into(&doc.text, 0, 0, &mut raw);
    raw.into_iter()
        .map(|t| {
            let norm = search_fold(&t.term);
            let stem = matches!(t.kind, TokenKind::Arabic | TokenKind::Latin).then(|| cached_stem(stemmer, &norm));
            DocToken { span: Span { text: t.term, start: t.start, end: t.end }, kind: t.kind, norm, stem }
        })
        .collect()
}
