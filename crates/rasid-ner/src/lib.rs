//! # rasid-ner: named entities in Arabic news
//!
//! - [`corpus`]: readers for the NER corpora (ANERcorp, AQMAR, Wojood) into
//!   sentences of (token, tag) with tags mapped to PER, ORG, LOC, MISC;
//! - [`score`]: CoNLL-style exact-span precision, recall and F1 per type.
#![deny(missing_docs)]

pub mod corpus;
pub mod score;
