//! Snippets: the passage of an article's ORIGINAL text that best matches a
//! query, with the matching words marked by their offsets.
//!
//! Query and article go through the same analysis (search folding, clitics,
//! and the index's stemmer), so a snippet for `البيشمركه` highlights
//! `البيشمركة` and `لكوردستان` matches `كوردستان`; the text shown is always the
//! original, never the folded form.

use rasid_text::Analyzer;
use rustc_hash::FxHashSet;
use serde::Serialize;

/// A passage of an article with highlighted matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage, as in the original text.
    pub text: String,
    /// Start of the passage in the article text, in characters.
    pub start: usize,
    /// End (exclusive) of the passage, in characters.
    pub end: usize,
    /// Highlighted matches as (start, end) character offsets in the article text.
    pub highlights: Vec<(usize, usize)>,
}

/// Words of context around the densest cluster of matches.
const WINDOW: usize = 30;

/// The query's terms under `search` and the stemming analyzer.
pub struct QueryTerms {
    exact: FxHashSet<String>,
    stems: FxHashSet<String>,
    stemmer: &'static Analyzer,
}

impl QueryTerms {
    /// Analyzes `query` (syntax characters are ignored).
    pub fn new(query: &str, stem_analyzer: &str) -> QueryTerms {
        let stemmer = Analyzer::by_name(stem_analyzer).unwrap_or_else(|| Analyzer::by_name("search-light").unwrap());
        let exact = Analyzer::by_name("search").expect("search analyzer").terms(query).into_iter().collect();
        let stems = stemmer.terms(query).into_iter().collect();
        QueryTerms { exact, stems, stemmer }
    }

    /// The best passage of `text` starting at character `from` (the body),
    /// or the opening words when nothing matches.
    pub fn snippet(&self, text: &str, from_byte: usize) -> Snippet {
        let body = &text[from_byte..];
        let base_chars = text[..from_byte].chars().count();
        // Whole words are marked, even when only their stem matched after a
        // clitic was split off (لكوردستان, not just كوردستان).
        let search = Analyzer::by_name("search").expect("search analyzer");
        let tokens = rasid_text::tokenize(body);
        let hits: Vec<bool> = tokens
            .iter()
            .map(|t| {
                let w = t.original(body);
                t.kind != rasid_text::TokenKind::Punct
                    && (search.terms(w).iter().any(|x| self.exact.contains(x))
                        || self.stemmer.terms(w).iter().any(|x| self.stems.contains(x)))
            })
            .collect();
        if tokens.is_empty() {
            return Snippet { text: String::new(), start: base_chars, end: base_chars, highlights: Vec::new() };
        }
        // The window of WINDOW tokens with the most hits (earliest on ties).
        let mut best = (0usize, 0usize);
        let mut count = 0;
        for i in 0..tokens.len() {
            count += usize::from(hits[i]);
            if i >= WINDOW {
                count -= usize::from(hits[i - WINDOW]);
            }
            let start = i.saturating_sub(WINDOW - 1);
            if count > best.1 {
                best = (start, count);
            }
        }
        let (a, b) = (best.0, (best.0 + WINDOW).min(tokens.len()));
        let (bs, be) = (tokens[a].byte_start, tokens[b - 1].byte_end);
        let start = base_chars + tokens[a].start;
        let end = base_chars + tokens[b - 1].end;
        let highlights =
            (a..b).filter(|&i| hits[i]).map(|i| (base_chars + tokens[i].start, base_chars + tokens[i].end)).collect();
        Snippet { text: body[bs..be].to_string(), start, end, highlights }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_spelling_variants_in_the_original() {
        let text = "عنوان\n\nوقال سيروان بارزاني لكوردستان 24 إن قوات البيشمركة شنت حملة.";
        let body_at = text.find("وقال").unwrap();
        let q = QueryTerms::new("البيشمركه كردستان", "search-light");
        let s = q.snippet(text, body_at);
        let chars: Vec<char> = text.chars().collect();
        let marked: Vec<String> = s.highlights.iter().map(|&(a, b)| chars[a..b].iter().collect()).collect();
        assert_eq!(marked, ["البيشمركة"]);
        let passage: String = chars[s.start..s.end].iter().collect();
        assert_eq!(passage, s.text);
    }
}
