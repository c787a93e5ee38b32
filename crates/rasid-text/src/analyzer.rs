//! Analyzers: a tokenizer followed by an ordered list of token filters.
//!
//! Filters rewrite a token's `term`, drop tokens or split a token into pieces;
//! they never move offsets (pieces get offsets inside the token they came
//! from). Named analyzers are available through [`Analyzer::by_name`]:
//!
//! | name | chain |
//! |---|---|
//! | `lucene` | tokenize → drop punctuation → lowercase → digits to ASCII → Lucene's Arabic stop words → Lucene normalization → Lucene light stemmer (Lucene's `ArabicAnalyzer`) |
//! | `snowball` | tokenize → drop punctuation → lowercase → Snowball Arabic |
//! | `search` | tokenize → drop punctuation → search folding and clitic segmentation (clitics dropped) |
//! | `search-light` | `search` → Lucene light stemmer |
//! | `search-snowball` | `search` → Snowball Arabic |
//! | `search-skeleton` | `search` → consonant skeleton (see [`Skeleton`]) |

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::clitics;
use crate::normalize::{search_fold, search_fold_with_map, Level};
use crate::stem::{LightStemmer, SnowballStemmer, Stemmer};
use crate::token::{Token, TokenKind};
use crate::tokenizer::tokenize_into;

/// A token filter: one step of an analyzer.
pub trait TokenFilter: Send + Sync {
    /// A short name for the filter, for diagnostics.
    fn name(&self) -> &'static str;
    /// Transforms `tokens` in place. `text` is the text the tokens were cut
    /// from (their offsets are relative to it).
    fn apply(&self, text: &str, tokens: &mut Vec<Token>);
}

/// Drops punctuation tokens.
#[derive(Debug, Default)]
pub struct DropPunct;

impl TokenFilter for DropPunct {
    fn name(&self) -> &'static str {
        "drop_punct"
    }
    fn apply(&self, _: &str, tokens: &mut Vec<Token>) {
        tokens.retain(|t| t.kind != TokenKind::Punct);
    }
}

/// Lowercases terms (Unicode lowercase; Arabic has no case).
#[derive(Debug, Default)]
pub struct Lowercase;

impl TokenFilter for Lowercase {
    fn name(&self) -> &'static str {
        "lowercase"
    }
    fn apply(&self, _: &str, tokens: &mut Vec<Token>) {
        for t in tokens.iter_mut() {
            if t.term.chars().any(char::is_uppercase) {
                t.term = t.term.to_lowercase();
            }
        }
    }
}

/// Maps every decimal digit (Arabic-Indic, Persian, ...) to ASCII, like
/// Lucene's `DecimalDigitFilter`.
#[derive(Debug, Default)]
pub struct AsciiDigits;

impl TokenFilter for AsciiDigits {
    fn name(&self) -> &'static str {
        "ascii_digits"
    }
    fn apply(&self, _: &str, tokens: &mut Vec<Token>) {
        for t in tokens.iter_mut() {
            if t.term.chars().any(|c| !c.is_ascii_digit() && crate::chars::is_digit(c)) {
                t.term = t
                    .term
                    .chars()
                    .map(|c| crate::chars::digit_value(c).and_then(|d| char::from_digit(d, 10)).unwrap_or(c))
                    .collect();
            }
        }
    }
}

/// Lucene's default Arabic stop-word list (Jacques Savoy's), one word per
/// line, `#` comments.
pub const LUCENE_ARABIC_STOPWORDS: &str = include_str!("../data/lucene-arabic-stopwords.txt");

/// Removes tokens whose term is in a stop-word set (matched exactly).
#[derive(Debug)]
pub struct StopWords {
    words: HashSet<String>,
}

impl StopWords {
    /// A filter with the given words.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(words: I) -> Self {
        StopWords { words: words.into_iter().map(Into::into).collect() }
    }

    /// Lucene's default Arabic stop words (Jacques Savoy's list), matched
    /// before normalization as Lucene does.
    pub fn lucene_arabic() -> Self {
        StopWords::new(LUCENE_ARABIC_STOPWORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')))
    }
}

impl StopWords {
    /// True when `word` is a stop word (exact match).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

impl TokenFilter for StopWords {
    fn name(&self) -> &'static str {
        "stop_words"
    }
    fn apply(&self, _: &str, tokens: &mut Vec<Token>) {
        tokens.retain(|t| !self.words.contains(&t.term));
    }
}

/// Normalizes terms at a [`Level`].
#[derive(Debug)]
pub struct Normalize(pub Level);

impl TokenFilter for Normalize {
    fn name(&self) -> &'static str {
        match self.0 {
            Level::Lucene => "normalize_lucene",
            Level::Search => "normalize_search",
        }
    }
    fn apply(&self, _: &str, tokens: &mut Vec<Token>) {
        for t in tokens.iter_mut() {
            t.term = self.0.normalize(&t.term);
        }
        tokens.retain(|t| !t.term.is_empty());
    }
}

/// Search folding plus conservative proclitic segmentation (see
/// [`crate::clitics`]). Reads the original text of each token and folds it at
/// the search level (tokens that fold to nothing are dropped); Arabic words are
/// then split, the pieces' offsets pointing into the original token. Terms
/// become the folded pieces. With `keep_clitics` false, only the stem piece is
/// kept.
#[derive(Debug)]
pub struct CliticSplit {
    /// Keep the clitic pieces as tokens of kind [`TokenKind::Clitic`].
    pub keep_clitics: bool,
}

impl TokenFilter for CliticSplit {
    fn name(&self) -> &'static str {
        "clitic_split"
    }
    fn apply(&self, text: &str, tokens: &mut Vec<Token>) {
        let mut out = Vec::with_capacity(tokens.len());
        for t in tokens.drain(..) {
            let original = t.original(text);
            let folded = search_fold(original);
            if folded.is_empty() {
                continue;
            }
            if t.kind != TokenKind::Arabic {
                out.push(Token { term: folded, ..t });
                continue;
            }
            let chars: Vec<char> = folded.chars().collect();
            let pieces = clitics::segment(&chars);
            let stem_at: usize = pieces.iter().map(|p| p.len).sum();
            if pieces.is_empty() || stem_at >= chars.len() {
                out.push(Token { term: folded, ..t });
                continue;
            }
            // Only words that lose a clitic need the map back to the original.
            let (_, map) = search_fold_with_map(original);
            let orig_bytes: Vec<usize> = original.char_indices().map(|(b, _)| b).collect();
            let piece_token = |from: usize, to: usize, kind: TokenKind| {
                let cs = map.get(from).copied().unwrap_or(orig_bytes.len());
                let ce = map.get(to).copied().unwrap_or(orig_bytes.len());
                let bs = orig_bytes.get(cs).copied().unwrap_or(original.len());
                let be = orig_bytes.get(ce).copied().unwrap_or(original.len());
                Token {
                    kind,
                    start: t.start + cs,
                    end: t.start + ce,
                    byte_start: t.byte_start + bs,
                    byte_end: t.byte_start + be,
                    position: t.position,
                    term: chars[from..to].iter().collect(),
                }
            };
            if self.keep_clitics {
                let mut at = 0;
                for p in &pieces {
                    out.push(piece_token(at, at + p.len, TokenKind::Clitic));
                    at += p.len;
                }
            }
            out.push(piece_token(stem_at, chars.len(), TokenKind::Arabic));
        }
        *tokens = out;
    }
}

/// Reduces Arabic terms to their consonant skeleton: the long-vowel letters
/// ا و ي inside a word (not its first or last letter) are removed, so that
/// spellings that differ only in vowel letters meet: كوردستان / كردستان,
/// ايمينكي / ايمنكي, الكوير / الكوير. Lossy by design (كتاب and كتب meet
/// too): used only as a low-weight recall field. Expects folded terms.
#[derive(Debug, Default)]
pub struct Skeleton;

impl TokenFilter for Skeleton {
    fn name(&self) -> &'static str {
        "skeleton"
    }
    fn apply(&self, _: &str, tokens: &mut Vec<Token>) {
        for t in tokens.iter_mut() {
            if t.kind != TokenKind::Arabic {
                continue;
            }
            let chars: Vec<char> = t.term.chars().collect();
            if chars.len() < 4 {
                continue;
            }
            let last = chars.len() - 1;
            let kept: String = chars
                .iter()
                .enumerate()
                .filter(|&(i, c)| i == 0 || i == last || !matches!(c, 'ا' | 'و' | 'ي'))
                .map(|(_, c)| *c)
                .collect();
            if kept.chars().count() >= 2 {
                t.term = kept;
            }
        }
    }
}

/// Stems the terms of word tokens (Arabic and Latin) with a [`Stemmer`].
pub struct Stem<S: Stemmer>(pub S);

impl<S: Stemmer> TokenFilter for Stem<S> {
    fn name(&self) -> &'static str {
        "stem"
    }
    fn apply(&self, _: &str, tokens: &mut Vec<Token>) {
        for t in tokens.iter_mut() {
            if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) {
                if let std::borrow::Cow::Owned(s) = self.0.stem(&t.term) {
                    t.term = s;
                }
            }
        }
    }
}

/// A tokenizer plus an ordered chain of filters.
pub struct Analyzer {
    name: &'static str,
    filters: Vec<Box<dyn TokenFilter>>,
}

impl Analyzer {
    /// An analyzer with no filters (tokens carry their original text).
    pub fn builder(name: &'static str) -> AnalyzerBuilder {
        AnalyzerBuilder { name, filters: Vec::new() }
    }

    /// The names accepted by [`Analyzer::by_name`].
    pub const NAMES: [&'static str; 6] =
        ["lucene", "snowball", "search", "search-light", "search-snowball", "search-skeleton"];

    /// A named analyzer (see the module documentation), shared and built once.
    pub fn by_name(name: &str) -> Option<&'static Analyzer> {
        static CELLS: [OnceLock<Analyzer>; 6] = [const { OnceLock::new() }; 6];
        let i = Self::NAMES.iter().position(|n| *n == name)?;
        Some(CELLS[i].get_or_init(|| Self::build(Self::NAMES[i])))
    }

    fn build(name: &'static str) -> Analyzer {
        let search = |n| {
            Analyzer::builder(n)
                .filter(DropPunct)
                .filter(Normalize(Level::Search))
                .filter(CliticSplit { keep_clitics: false })
        };
        match name {
            "lucene" => Analyzer::builder("lucene")
                .filter(DropPunct)
                .filter(Lowercase)
                .filter(AsciiDigits)
                .filter(StopWords::lucene_arabic())
                .filter(Normalize(Level::Lucene))
                .filter(Stem(LightStemmer))
                .build(),
            "snowball" => Analyzer::builder("snowball")
                .filter(DropPunct)
                .filter(Lowercase)
                .filter(Stem(SnowballStemmer::default()))
                .build(),
            "search" => search("search").build(),
            "search-light" => search("search-light").filter(Stem(LightStemmer)).build(),
            "search-skeleton" => search("search-skeleton").filter(Skeleton).build(),
            _ => search("search-snowball").filter(Stem(SnowballStemmer::default())).build(),
        }
    }

    /// The analyzer's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Tokenizes and filters `text`.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        tokenize_into(text, 0, 0, &mut tokens);
        self.run_filters(text, &mut tokens);
        tokens
    }

    /// Runs only the filters over tokens already cut from `text`.
    pub fn run_filters(&self, text: &str, tokens: &mut Vec<Token>) {
        for f in &self.filters {
            f.apply(text, tokens);
        }
    }

    /// The terms of `text`, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.analyze(text).into_iter().map(|t| t.term).collect()
    }
}

/// Builds an [`Analyzer`] filter by filter.
pub struct AnalyzerBuilder {
    name: &'static str,
    filters: Vec<Box<dyn TokenFilter>>,
}

impl AnalyzerBuilder {
    /// Appends a filter.
    pub fn filter<F: TokenFilter + 'static>(mut self, f: F) -> Self {
        self.filters.push(Box::new(f));
        self
    }

    /// Finishes the analyzer.
    pub fn build(self) -> Analyzer {
        Analyzer { name: self.name, filters: self.filters }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(name: &str, text: &str) -> Vec<String> {
        Analyzer::by_name(name).unwrap().terms(text)
    }

    #[test]
    fn lucene_analyzer_examples() {
        assert_eq!(terms("lucene", "ما ملكت أيمانكم"), ["ملكت", "ايمانكم"]);
        assert_eq!(terms("lucene", "English text."), ["english", "text"]);
        assert_eq!(terms("lucene", "١٢٣٤"), ["1234"]);
    }

    #[test]
    fn search_analyzer_matches_spelling_variants() {
        let a = terms("search", "وأطلقت البيشمركة حملة لكوردستان 24 في أربيل");
        let b = terms("search", "واطلقت البيشمركه حمله لکوردستان ٢٤ في اربيل");
        assert_eq!(a, b);
        assert!(a.contains(&"كوردستان".to_string()));
    }

    #[test]
    fn skeleton_joins_vowel_letter_variants() {
        assert_eq!(terms("search-skeleton", "الكوردية"), terms("search-skeleton", "الكردية"));
        assert_eq!(terms("search-skeleton", "كوردستان"), terms("search-skeleton", "كردستان"));
    }

    #[test]
    fn clitic_pieces_keep_original_offsets() {
        let text = "وبِالتنسيق مع وبغداد";
        let a =
            Analyzer::builder("t").filter(Normalize(Level::Search)).filter(CliticSplit { keep_clitics: true }).build();
        let toks = a.analyze(text);
        let chars: Vec<char> = text.chars().collect();
        let pieces: Vec<(String, String)> =
            toks.iter().map(|t| (t.term.clone(), chars[t.start..t.end].iter().collect())).collect();
        assert_eq!(pieces[0], ("و".to_string(), "و".to_string()));
        assert_eq!(pieces[1], ("ب".to_string(), "بِ".to_string()));
        assert_eq!(pieces[2], ("ال".to_string(), "ال".to_string()));
        assert_eq!(pieces[3], ("تنسيق".to_string(), "تنسيق".to_string()));
        assert_eq!(pieces.last().unwrap(), &("بغداد".to_string(), "بغداد".to_string()));
        for t in &toks {
            assert_eq!(&text[t.byte_start..t.byte_end], chars[t.start..t.end].iter().collect::<String>());
        }
    }
}
