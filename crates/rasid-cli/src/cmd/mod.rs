//! One module per subcommand.

pub mod analyze;
pub mod bench;
pub mod demo;
pub mod entities;
pub mod eval;
pub mod events;
pub mod ingest;
pub mod ner;
pub mod quotes;
pub mod search;
pub mod stories;
pub mod tokens;

use std::path::PathBuf;

/// The shared data folder: `$RASID_SHARED`, else `../shared`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("RASID_SHARED").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared"))
}

/// The standard pipeline plus named entities, quotes, events and the summary: what `analyze`,
/// `show` and `ingest` run.
pub fn full_pipeline() -> anyhow::Result<rasid_core::pipeline::Pipeline> {
    pipeline_with(rasid_events::Events::default())
}

/// The full pipeline with a given events stage (unfiltered for training).
pub fn pipeline_with(events: rasid_events::Events) -> anyhow::Result<rasid_core::pipeline::Pipeline> {
    let mut stages = rasid_core::pipeline::Pipeline::standard_stages();
    stages.push(Box::new(rasid_ner::stage::Entities::new()?));
    stages.push(Box::new(rasid_quotes::Quotes));
    stages.push(Box::new(events));
    stages.push(Box::new(rasid_stories::summary::Summary));
    rasid_core::pipeline::Pipeline::new(stages).map_err(|e| anyhow::anyhow!("pipeline: {e:?}"))
}
