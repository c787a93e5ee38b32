//! The Snowball Arabic stemmer, through `frostem`.

use std::borrow::Cow;

/// Snowball's Arabic stemmer (algorithms/arabic.sbl as tracked by `frostem`,
/// the crate tantivy 0.27 uses).
///
/// `frostem` follows current Snowball, which keeps punctuation inside a word;
/// `rust-stemmers` 1.2 follows a 2016 revision that deleted it. rasid uses
/// frostem so that its stems equal those of the tantivy index.
#[derive(Clone, Copy)]
pub struct SnowballStemmer {
    inner: frostem::Stemmer,
}

impl Default for SnowballStemmer {
    fn default() -> Self {
        SnowballStemmer { inner: frostem::Stemmer::new(frostem::Algorithm::Arabic) }
    }
}

impl super::Stemmer for SnowballStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.inner.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Stemmer;
    use super::*;

    #[test]
    fn snowball_stems_news_words() {
        let s = SnowballStemmer::default();
        // Definite nouns lose the article and plural ending; verbs their prefixes.
        for (w, stem) in [("المناطق", "مناطق"), ("الحملة", "حمل"), ("وتابع", "تابع")] {
            assert_eq!(s.stem(w), stem, "{w}");
        }
    }
}
