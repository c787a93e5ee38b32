//! `rasid tokens`: an analyzer over standard input, line by line.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::bail;
use rasid_text::Analyzer;

/// Prints the terms of each input line, space-separated, one line per line.
pub fn run(name: &str) -> anyhow::Result<ExitCode> {
    let Some(analyzer) = Analyzer::by_name(name) else {
        bail!("unknown analyzer `{name}` (choose one of: {})", Analyzer::NAMES.join(", "));
    };
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (i, line) in stdin.lock().split(b'\n').enumerate() {
        let bytes = line?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(_) => bail!("-:{}: input is not utf-8", i + 1),
        };
        writeln!(out, "{}", analyzer.terms(text.trim_end_matches('\r')).join(" "))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
