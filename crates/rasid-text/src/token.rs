//! The token type shared by the tokenizer, the filters and the analyzers.

/// What kind of text a token covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic-script letters (with any marks, tatweel or invisible
    /// characters inside it).
    Arabic,
    /// A run of letters of another script (Latin in practice).
    Latin,
    /// A number in any digit script, with inner decimal or thousands separators
    /// (`3.5`, `1,000`, `٣٫٥`).
    Number,
    /// A URL (`https://…`, `www.…`), kept whole.
    Url,
    /// An e-mail address, kept whole.
    Email,
    /// One punctuation mark or symbol; an ellipsis (`...`) is one token.
    Punct,
    /// A proclitic split off a word by clitic segmentation (و ف ب ل ك ال س).
    Clitic,
}

impl TokenKind {
    /// Lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Arabic => "arabic",
            TokenKind::Latin => "latin",
            TokenKind::Number => "number",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Punct => "punct",
            TokenKind::Clitic => "clitic",
        }
    }

    /// True for tokens that carry words or numbers (not punctuation).
    pub fn is_wordlike(self) -> bool {
        !matches!(self, TokenKind::Punct)
    }
}

/// A token: a span of the original text plus its current `term`.
///
/// Offsets always point into the original text and are never changed by
/// filters: `start..end` in Unicode scalar values (characters), `byte_start..
/// byte_end` in UTF-8 bytes, both end-exclusive. Filters only rewrite `term`
/// (the derived form: normalized, stemmed, ...), drop tokens, or split a token
/// into pieces whose offsets lie inside the original one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What the token covers.
    pub kind: TokenKind,
    /// Start, in characters, in the original text.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Start, in UTF-8 bytes.
    pub byte_start: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub byte_end: usize,
    /// Position of the token in the stream (word order, for phrase queries).
    pub position: usize,
    /// The derived form; starts as the original text of the span.
    pub term: String,
}

impl Token {
    /// The original text of this token, given the text it was cut from.
    pub fn original<'a>(&self, text: &'a str) -> &'a str {
        &text[self.byte_start..self.byte_end]
    }
}
