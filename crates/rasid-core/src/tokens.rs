//! The token layer: every token of the text with its search-folded form and
//! its Snowball stem.

use std::cell::RefCell;
use std::sync::Arc;

use rasid_text::normalize::search_fold;
use rasid_text::stem::{SnowballStemmer, Stemmer};
use rasid_text::{for_each_token, TokenKind};
use rustc_hash::FxHashMap;

use crate::document::{DocToken, Document};

/// Entries kept in each thread's cache before it is emptied.
const CACHE_LIMIT: usize = 200_000;

/// Text, folded form and stem of one word form.
type Forms = (Arc<str>, Arc<str>, Option<Arc<str>>);

thread_local! {
    /// Word form as written → (folded form, stem). Word frequencies in news
    /// are Zipfian, so most lookups hit and cost one hash and two reference
    /// counts instead of a fold and a stem. The cache changes speed, never
    /// output.
    static FORMS: RefCell<FxHashMap<Box<str>, Forms>> = RefCell::new(FxHashMap::default());
}

fn word_forms(stemmer: &SnowballStemmer, term: &str) -> Forms {
    FORMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((t, n, s)) = cache.get(term) {
            return (t.clone(), n.clone(), s.clone());
        }
        let norm = search_fold(term);
        let stem: Arc<str> = Arc::from(stemmer.stem(&norm).as_ref());
        let forms: Forms = (Arc::from(term), Arc::from(norm), Some(stem));
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(term.into(), forms.clone());
        forms
    })
}

/// Tokenizes the whole text of `doc`, folds each token and stems words.
pub fn tokens(doc: &Document, stemmer: &SnowballStemmer) -> Vec<DocToken> {
    let mut out = Vec::with_capacity(doc.text.len() / 6);
    for_each_token(&doc.text, |t| {
        let term = &doc.text[t.byte_start..t.byte_end];
        let (text, norm, stem) = if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) {
            word_forms(stemmer, term)
        } else {
            (Arc::from(term), Arc::from(search_fold(term)), None)
        };
        out.push(DocToken { text, start: t.start, end: t.end, kind: t.kind, norm, stem });
    });
    out
}
