//! # rasid-ner: named entities in Arabic news
//!
//! - [`corpus`]: readers for the NER corpora (ANERcorp, AQMAR, Wojood) into
//!   sentences of (token, tag) with tags mapped to PER, ORG, LOC, MISC;
//! - [`score`]: CoNLL-style exact-span precision, recall and F1 per type;
//! - [`gazetteer`]: gazetteers and trigger words written for this project;
//! - [`lexicon`]: word statistics learned from unlabelled news;
//! - [`clusters`]: word clusters learned from unlabelled news;
//! - [`features`]: CRF features from the text-analysis layer and gazetteers;
//! - [`model`]: training (crfs: averaged passive-aggressive, four shuffle
//!   orders averaged into one model) and tagging;
//! - [`stage`]: the pipeline stage that fills a document's `entities`.
#![deny(missing_docs)]

pub mod clusters;
pub mod corpus;
pub mod features;
pub mod gazetteer;
pub mod lexicon;
pub mod model;
pub mod score;
pub mod stage;
