//! `rasid analyze`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rasid_core::input::{expand_paths, read_file};
use rayon::prelude::*;

use crate::output;
use crate::Format;

/// Options of `rasid analyze`.
pub struct Options<'a> {
    /// Keep the token layer in JSON.
    pub with_tokens: bool,
    /// Indent JSON.
    pub pretty: bool,
    /// Keep every event with its score (the unfiltered events stage).
    pub all_events: bool,
    /// Publication day for inputs that give none.
    pub published: Option<&'a str>,
}

/// Analyzes every article under `paths` and prints them in input order.
pub fn run(paths: &[PathBuf], format: Format, opts: &Options<'_>) -> anyhow::Result<ExitCode> {
    let Options { with_tokens, pretty, all_events, published } = *opts;
    if let Some(p) = published {
        rasid_archive::dates::parse_bound(p)?;
    }
    let (files, mut failed) = expand_paths(paths);
    for e in &failed {
        eprintln!("rasid: {e}");
    }
    let pipeline =
        if all_events { super::pipeline_with(rasid_events::Events::unfiltered())? } else { super::full_pipeline()? };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut errors = failed.len();
    failed.clear();
    for file in files {
        let records = read_file(&file);
        // Analyze in parallel, print in input order.
        let results: Vec<_> = records
            .into_par_iter()
            .map(|r| {
                r.map(|mut a| {
                    if a.meta.published.is_none() {
                        a.meta.published = published.map(str::to_string);
                    }
                    let mut doc = pipeline.run(a);
                    if !with_tokens {
                        doc.tokens.clear();
                    }
                    doc
                })
            })
            .collect();
        for r in results {
            match r {
                Ok(doc) => match format {
                    Format::Json => output::write_json(&mut out, &doc, pretty)?,
                    Format::Text => output::write_text(&mut out, &doc)?,
                },
                Err(e) => {
                    out.flush()?;
                    eprintln!("rasid: {e}");
                    errors += 1;
                }
            }
        }
    }
    out.flush()?;
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
