//! Normalization in named levels.
//!
//! | level | what it does | lossless? |
//! |---|---|---|
//! | [`Level::Lucene`] | exactly Lucene's `ArabicNormalizer`: أ إ آ → ا, ى → ي, ة → ه, tatweel and the eight harakat U+064B–U+0652 deleted; nothing else | no (that is Lucene's choice) |
//! | [`Level::Search`] | search folding for real Iraqi, Kurdish, Gulf and Maghreb text: everything Lucene does, plus ٱ and the other alef forms, ؤ → و, ئ → ي, Persian/Kurdish letters (ک گ ی ە ۆ ێ ڕ ڵ پ چ ژ ڤ ڨ ...) to their Arabic counterparts, presentation forms (compatibility decomposition, NFKC), every Arabic mark, zero-width and bidi characters, Arabic-Indic and Persian digits to ASCII, NBSP to space, Latin lowercased | no: it is for matching, never for display |
//!
//! Normalized forms are always derived from the original text, never stored
//! instead of it; token offsets are unaffected.

mod lucene;
mod search;

pub use lucene::lucene_normalize;
pub use search::{fold_char, search_fold, search_fold_with_map};

/// A named normalization level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Lucene's `ArabicNormalizer`, bit for bit.
    Lucene,
    /// rasid's search folding (see the module documentation).
    Search,
}

impl Level {
    /// Normalizes `s` at this level.
    pub fn normalize(self, s: &str) -> String {
        match self {
            Level::Lucene => lucene_normalize(s),
            Level::Search => search_fold(s),
        }
    }

    /// Parses a level name (`lucene`, `search`).
    pub fn from_name(name: &str) -> Option<Level> {
        match name {
            "lucene" => Some(Level::Lucene),
            "search" => Some(Level::Search),
            _ => None,
        }
    }
}
