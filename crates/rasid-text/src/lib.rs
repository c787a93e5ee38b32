//! # rasid-text: Arabic text analysis with stable offsets
//!
//! Pure functions over text, no I/O. The pieces compose like tantivy's
//! `TextAnalyzer`: a [`tokenizer`] cuts text into [`Token`]s whose offsets
//! point into the original text; [`analyzer`] filters then rewrite each token's
//! `term` (normalize, split clitics, stem) without ever moving those offsets.
//!
//! - [`normalize`]: named normalization levels: `lucene` (exactly Lucene's
//!   `ArabicNormalizer`) and `search` (lossy folding for matching Iraqi,
//!   Kurdish, Gulf and Maghreb spellings);
//! - [`clitics`]: conservative proclitic segmentation (و ف ب ل ك ال س);
//! - [`stem`]: Lucene's light stemmer and Snowball Arabic (via `frostem`, the
//!   stemmer tantivy uses);
//! - [`analyzer`]: named chains (`lucene`, `snowball`, `search`, ...);
//! - [`calendar`]: folded weekday names;
//! - [`page_code`]: stray CSS and JavaScript left in scraped article text.
//!
//! ```
//! use rasid_text::Analyzer;
//! let search = Analyzer::by_name("search").unwrap();
//! assert_eq!(search.terms("وقال بارزاني لكوردستان ٢٤"), ["قال", "بارزاني", "كوردستان", "24"]);
//! let tokens = search.analyze("وبغداد");
//! assert_eq!((tokens[0].start, tokens[0].end), (1, 6)); // offsets of بغداد in the original
//! ```
#![deny(missing_docs)]

pub mod analyzer;
pub mod calendar;
pub mod chars;
pub mod clitics;
pub mod normalize;
pub mod page_code;
pub mod stem;
pub mod token;
pub mod tokenizer;

pub use analyzer::{Analyzer, TokenFilter};
pub use normalize::Level;
pub use token::{Token, TokenKind};
pub use tokenizer::{for_each_token, tokenize, tokenize_into, TokenSpan};
