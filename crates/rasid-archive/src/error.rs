//! The error type of rasid-archive.

/// What can go wrong opening, writing or querying an archive.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The article store (SQLite) failed.
    #[error("store: {0}")]
    Store(#[from] rusqlite::Error),
    /// The search index (tantivy) failed.
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A query could not be parsed.
    #[error("query: {0}")]
    Query(String),
    /// A file-system operation failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The data directory holds no archive yet.
    #[error("no archive at {0} (run `rasid ingest` first)")]
    NoArchive(String),
    /// A date could not be understood.
    #[error("bad date `{0}` (use YYYY-MM-DD)")]
    Date(String),
    /// A stored record could not be read or written as JSON.
    #[error("stored record: {0}")]
    Record(#[from] serde_json::Error),
}

/// rasid-archive's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
