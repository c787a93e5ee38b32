//! `rasid eval`: evaluations against the shared data.

use std::process::ExitCode;

use anyhow::Context as _;
use rasid_core::conformance;

use super::shared_dir;

/// Runs the peer-vector conformance suites and prints a table. Fails (exit 1)
/// when a required suite is below 100%.
pub fn text(verbose: bool) -> anyhow::Result<ExitCode> {
    let shared = shared_dir();
    let results = conformance::run_all(&shared)
        .with_context(|| format!("reading peer vectors under {} (set RASID_SHARED)", shared.display()))?;
    print!("{}", conformance::report(&results));
    let mut ok = true;
    for r in &results {
        if !r.passes() {
            ok = false;
            eprintln!("rasid: {} is required at 100% and is at {:.2}%", r.name, 100.0 * r.rate());
        }
        if verbose || !r.passes() {
            for (i, e, g) in &r.mismatches {
                println!("  {}: {i}\texpected {e}\tgot {g}", r.name);
            }
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Runs the search evaluation (see `rasid_archive::eval`).
pub fn search(
    data: &std::path::Path,
    sample: usize,
    seed: u64,
    write_queries: Option<&std::path::Path>,
    stem: rasid_archive::StemChoice,
) -> anyhow::Result<ExitCode> {
    use rasid_archive::eval;
    use std::io::Write as _;
    let fresh = !data.join("articles.sqlite").exists();
    let mut archive = super::open_archive(data, true, stem)?;
    archive.set_pipeline(super::full_pipeline()?);
    if fresh {
        let shared = shared_dir();
        let paths = [shared.join("data/saudinewsnet"), shared.join("data/ant-corpus")];
        let t = std::time::Instant::now();
        let report = archive.ingest(&paths, &super::demo::Quiet { print_failures: false })?;
        println!(
            "ingested {} articles ({:.1} MB) into {} in {:.1} s; {} input records failed ({})",
            report.ingested,
            report.bytes as f64 / 1e6,
            data.display(),
            t.elapsed().as_secs_f64(),
            report.failed.len(),
            report.failed.first().map_or("-", |f| f.rsplit(": ").next().unwrap_or(f))
        );
    }
    let t = std::time::Instant::now();
    let queries = eval::make_queries(&archive, sample, seed)?;
    if let Some(path) = write_queries {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
        for q in &queries {
            serde_json::to_writer(&mut f, q)?;
            writeln!(f)?;
        }
        f.flush()?;
    }
    let report = eval::evaluate(&archive, &queries)?;
    println!("stemmer: {}; {} queries in {:.1} s", archive.stem().name(), queries.len(), t.elapsed().as_secs_f64());
    print!("{}", eval::table(&report));
    println!("JSON: {}", serde_json::to_string(&report)?);
    Ok(ExitCode::SUCCESS)
}
