//! rasid stories: near-duplicate articles, story clusters and summaries.
//!
//! - [`minhash`]: fixed-seed MinHash signatures over folded word shingles;
//! - [`dedup`]: LSH candidate search, duplicate thresholds, groups;
//! - [`silver`]: the silver standard of verbatim reprints, for evaluation;
//! - [`terms`], [`cluster`]: term vectors, average-link day clusters, linking
//!   days into stories;
//! - [`summary`]: extractive article and story summaries, what each report
//!   added;
//! - [`score`]: pairwise precision and recall of groupings, purity.

pub mod cluster;
pub mod dedup;
pub mod minhash;
pub mod score;
pub mod silver;
pub mod summary;
pub mod template;
pub mod terms;
