//! Lucene's light Arabic stemmer (`org.apache.lucene.analysis.ar.ArabicStemmer`).

use std::borrow::Cow;

/// Prefixes, tried in this order; the first that matches is removed.
const PREFIXES: [&[char]; 7] =
    [&['ا', 'ل'], &['و', 'ا', 'ل'], &['ب', 'ا', 'ل'], &['ك', 'ا', 'ل'], &['ف', 'ا', 'ل'], &['ل', 'ل'], &['و']];

/// Suffixes, each checked once in this order; every one that matches is removed.
const SUFFIXES: [&[char]; 10] =
    [&['ه', 'ا'], &['ا', 'ن'], &['ا', 'ت'], &['و', 'ن'], &['ي', 'ن'], &['ي', 'ه'], &['ي', 'ة'], &['ه'], &['ة'], &['ي']];

/// Lucene's `ArabicStemmer`: removes at most one prefix (ال وال بال كال فال لل و)
/// when at least two characters remain (و only from words of four or more), then
/// checks the suffixes ها ان ات ون ين يه ية ه ة ي once each, in that order,
/// removing each that matches while at least two characters remain.
#[derive(Debug, Clone, Copy, Default)]
pub struct LightStemmer;

impl LightStemmer {
    /// Stems `word` into `out` (cleared first).
    pub fn stem_chars(&self, word: &[char], out: &mut Vec<char>) {
        out.clear();
        out.extend_from_slice(word);
        for p in PREFIXES {
            let ok = if p.len() == 1 { out.len() >= 4 } else { out.len() >= p.len() + 2 };
            if ok && out.starts_with(p) {
                out.drain(..p.len());
                break;
            }
        }
        for s in SUFFIXES {
            if out.len() >= s.len() + 2 && out.ends_with(s) {
                out.truncate(out.len() - s.len());
            }
        }
    }
}

impl super::Stemmer for LightStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::with_capacity(chars.len());
        self.stem_chars(&chars, &mut out);
        if out.len() == chars.len() {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(out.into_iter().collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Stemmer;
    use super::*;

    #[test]
    fn lucene_examples() {
        let s = LightStemmer;
        assert_eq!(s.stem("ساهدهات"), "ساهد");
        assert_eq!(s.stem("وحسن"), "حسن");
        assert_eq!(s.stem("الو"), "الو");
        assert_eq!(s.stem("للاخر"), "اخر");
        assert_eq!(s.stem("English"), "English");
    }
}
