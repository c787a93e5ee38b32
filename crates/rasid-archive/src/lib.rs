//! # rasid-archive: store, index, ingestion and search
//!
//! - [`store`]: the [`store::Store`] trait and its SQLite implementation;
//! - [`index`]: the [`index::SearchIndex`] trait and its tantivy
//!   implementation with rasid's Arabic analyzers;
//! - [`archive`]: a data directory holding both, with crash-safe,
//!   idempotent [`archive::Archive::ingest`] and [`archive::Archive::search`];
//! - [`registry`]: the archive-wide entity registry (names, variants,
//!   titles, co-mentions);
//! - [`stories`]: near-duplicate groups and story clusters in the store;
//! - [`snippet`]: passages of the original text with highlighted matches;
//! - [`dates`]: publication dates of real archives reduced to days;
//! - [`eval`]: known-item and spelling-robustness evaluation of search.
#![deny(missing_docs)]

pub mod archive;
pub mod dates;
pub mod error;
pub mod eval;
pub mod events;
pub mod index;
pub mod registry;
pub mod snippet;
pub mod store;
pub mod stories;

pub use archive::{Archive, Hit, IngestObserver, IngestReport};
pub use error::{Error, Result};
pub use index::{SearchRequest, StemChoice};
