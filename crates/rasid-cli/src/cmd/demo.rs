//! `rasid demo`: the main job on the bundled example articles, end to end:
//! analyze one, ingest all into the embedded archive, search with spelling
//! variants. The examples are compiled into the binary, so it runs anywhere.

use std::path::Path;
use std::process::ExitCode;

use rasid_archive::{SearchRequest, StemChoice};
use rasid_core::input::parse_bytes;
use rasid_core::pipeline::Pipeline;

use crate::output;

/// The bundled examples (written for this project): file name and contents.
const EXAMPLES: [(&str, &str); 3] = [
    ("erbil-dam-talks.txt", include_str!("../../../../examples/articles/erbil-dam-talks.txt")),
    ("riyadh-wire.txt", include_str!("../../../../examples/articles/riyadh-wire.txt")),
    ("articles.jsonl", include_str!("../../../../examples/articles.jsonl")),
];

/// Pairs of queries that differ only in spelling and must find the same article.
const QUERIES: [(&str, &str); 3] =
    [("السليمانية", "السليمانيه"), ("كوردستان", "كردستان"), ("المخطوطات النادرة", "والمخطوطات النّادرة")];

/// Runs the demo with the archive in `data`.
pub fn run(data: &Path) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    println!("1. Analysis of one example article (rasid analyze):\n");
    let raw = parse_bytes(EXAMPLES[0].0, EXAMPLES[0].1.as_bytes(), None).remove(0)?;
    let mut doc = Pipeline::standard().run(raw);
    doc.tokens.clear();
    output::write_text(&mut out, &doc)?;

    let inputs = data.join("examples");
    std::fs::create_dir_all(&inputs)?;
    for (name, text) in EXAMPLES {
        std::fs::write(inputs.join(name), text)?;
    }
    let mut archive = super::open_archive(data, true, StemChoice::Light)?;
    archive.set_pipeline(super::full_pipeline()?);
    let report = archive.ingest(&[inputs], &Quiet { print_failures: true })?;
    println!(
        "2. Ingested into {}: {} new, {} already present (run it again: nothing is added twice).\n",
        data.display(),
        report.ingested,
        report.skipped
    );
    println!("3. Searches, whatever the spelling (rasid search):\n");
    for (a, b) in QUERIES {
        for q in [a, b] {
            let hits = archive.search(&SearchRequest { query: q.into(), limit: 3, ..Default::default() })?;
            let top: Vec<String> =
                hits.iter().map(|h| format!("{} ({})", h.headline.as_deref().unwrap_or("-"), h.id)).collect();
            println!("  {q:<24} → {}", if top.is_empty() { "no match".into() } else { top.join(" | ") });
        }
    }
    let stories = archive.stories(None, None, 1, 3)?;
    println!("\n4. Stories (rasid stories): {} in the archive; the largest:\n", report.stories.max(stories.len()));
    for s in &stories {
        println!(
            "  {} | {} article(s), {} distinct report(s) | {}",
            s.title.as_deref().unwrap_or("-"),
            s.articles,
            s.distinct_reports,
            s.id
        );
    }
    println!(
        "\nTry: rasid --data {} search \"قرار\" | rasid --data {} stats | rasid --data {} show oil-prices",
        data.display(),
        data.display(),
        data.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// An ingestion observer without progress output; failures are printed
/// as they happen or left to the report.
pub struct Quiet {
    /// Print each failure on stderr.
    pub print_failures: bool,
}

impl rasid_archive::IngestObserver for Quiet {
    fn file(&self, _: &str, _: u64) {}
    fn batch(&self, _: usize, _: usize, _: u64) {}
    fn failed(&self, m: &str) {
        if self.print_failures {
            eprintln!("rasid: {m}");
        }
    }
}
