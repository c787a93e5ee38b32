//! Stemmers.
//!
//! - [`LightStemmer`]: Lucene's `ArabicStemmer` (Larkey et al.'s light10
//!   variant), reproduced exactly. Expects Lucene-normalized input in the
//!   Lucene analyzer, but works on any text.
//! - [`SnowballStemmer`]: the Snowball Arabic algorithm through `frostem`, the
//!   crate tantivy 0.27 itself uses for stemming, so that analysis and index
//!   share one stemmer. Snowball applies its own pre-normalization (harakat,
//!   tatweel, digits, presentation forms) and keeps punctuation.

mod light;
mod snowball;

pub use light::LightStemmer;
pub use snowball::SnowballStemmer;

/// A stemmer maps a word to its stem.
pub trait Stemmer: Send + Sync {
    /// Stems one word.
    fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str>;
}
