//! The error type of rasid-core.

use std::path::PathBuf;

/// Everything that can go wrong reading and analyzing input. Messages are short
/// and lowercase; the front end prefixes them with the file (and line).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading a file or stream failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input has no bytes, or only white space.
    #[error("empty input")]
    Empty,
    /// The input looks like binary data (NUL bytes or control characters).
    #[error("binary data, not text")]
    Binary,
    /// The bytes are not UTF-8, UTF-16 with a BOM, or Windows-1256 Arabic text.
    #[error("undecodable text: {0}")]
    Undecodable(String),
    /// A JSONL line is not a JSON object.
    #[error("malformed json: {0}")]
    Json(String),
    /// A JSONL record lacks its text field.
    #[error("missing field `text` (or `content`/`body`)")]
    MissingText,
    /// A path is neither a file nor a directory.
    #[error("not a file or directory: {}", .0.display())]
    NotFound(PathBuf),
    /// An HTML page (or feed item) from which no article text could be extracted.
    #[error("no article text found")]
    NoArticle,
    /// Compressed data that is corrupt or truncated.
    #[error("corrupt gzip data: {0}")]
    Gzip(String),
    /// Input over a size limit (decompressed data, a WARC record, a page).
    #[error("too large: {0}")]
    TooLarge(String),
    /// A WARC file or record that does not follow the WARC format.
    #[error("malformed warc: {0}")]
    Warc(String),
    /// The HTTP response inside a WARC record is malformed or unsupported.
    #[error("malformed http response: {0}")]
    Http(String),
    /// An RSS/Atom input that does not parse as a feed.
    #[error("not an rss or atom feed: {0}")]
    Feed(String),
}

/// rasid-core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
