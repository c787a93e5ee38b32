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
