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

/// Opens the archive at `data` (see [`rasid_archive::Archive::open`]) and
/// says on standard error when its index had to be rebuilt because an
/// older build wrote it.
pub fn open_archive(
    data: &std::path::Path,
    create: bool,
    stem: rasid_archive::StemChoice,
) -> anyhow::Result<rasid_archive::Archive> {
    let archive = rasid_archive::Archive::open(data, create, stem)?;
    if let Some(n) = archive.reindexed() {
        eprintln!(
            "rasid: {}: the index was written by an older build's analyzers; rebuilt it from the store ({n} article(s))",
            data.display()
        );
    }
    Ok(archive)
}

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
