//! # rasid-core: documents, input and the analysis pipeline
//!
//! - [`decode`]: bytes to text (UTF-8, UTF-16 with BOM, Windows-1256), with
//!   binary and empty input refused;
//! - [`input`]: files, folders and stdin in plain text, JSONL, HTML, WARC,
//!   RSS/Atom and gzip, to [`input::RawArticle`]s, one error per bad file or
//!   record;
//! - [`document`]: the [`Document`] that owns the original text and its layers
//!   (spans by character offsets);
//! - [`pipeline`]: stages that declare what they read and write: article
//!   [`structure`] (paragraphs, headline, dateline, lede), [`sentences`],
//!   near-duplicate paragraphs ([`duplicates`]) and [`tokens`];
//! - [`conformance`]: the peer test-vector suites for the text-analysis layer.
//!
//! ```
//! use rasid_core::input::parse_bytes;
//! use rasid_core::pipeline::Pipeline;
//! let text = "عنوان الخبر\n\nبغداد - رويترز: قال مسؤول إن الاجتماع انتهى. وأضاف أن النتائج جيدة.";
//! let article = parse_bytes("-", text.as_bytes(), None).remove(0).unwrap();
//! let doc = Pipeline::standard().run(article);
//! assert_eq!(doc.dateline.unwrap().place.unwrap().text, "بغداد");
//! assert_eq!(doc.sentences.len(), 3);
//! ```
#![deny(missing_docs)]

pub mod conformance;
pub mod dates;
pub mod decode;
pub mod document;
pub mod duplicates;
pub mod error;
pub mod input;
pub mod pipeline;
pub mod sentences;
pub mod structure;
pub mod tokens;

pub use document::{Document, Span};
pub use error::{Error, Result};
