//! `rasid`: the command-line front end. Parses flags, calls the library,
//! prints, and returns an exit code: 0 on success, 1 when some input failed
//! (the rest is still processed), 2 on a usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc: the analysis allocates many small strings (tokens, folded forms,
/// stems); glibc's allocator was a quarter of the profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cmd;
mod output;

/// rasid (رصد): Arabic news monitoring, offline, on one machine.
#[derive(Parser)]
#[command(name = "rasid", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format of `analyze`.
#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON document per article, one per line (JSONL).
    Json,
    /// A readable summary.
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze articles: structure (headline, lede, dateline, paragraphs,
    /// sentences) and near-duplicate paragraphs.
    Analyze {
        /// Files or folders (plain text, JSONL); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Include the token layer (with folded forms and stems) in JSON.
        #[arg(long)]
        tokens: bool,
        /// Indent JSON (one document spans several lines).
        #[arg(long)]
        pretty: bool,
    },
    /// Run an analyzer over standard input, like Elasticsearch's _analyze:
    /// one output line of space-separated terms per input line.
    Tokens {
        /// lucene, snowball, search, search-light or search-snowball.
        #[arg(long, default_value = "search")]
        analyzer: String,
    },
    /// Evaluate against shared data.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Measure analysis throughput over a corpus (default: saudinewsnet).
    Bench {
        /// Files or folders to read (default: $RASID_SHARED/data/saudinewsnet).
        paths: Vec<PathBuf>,
        /// Repeat each measurement this many times and keep the best.
        #[arg(long, default_value_t = 3)]
        repeat: usize,
    },
}

#[derive(Subcommand)]
enum EvalWhat {
    /// Conformance of normalization, tokenization and stemming with the peer
    /// test vectors (Lucene, Snowball, charabia, PyArabic, NAFIS).
    Text {
        /// Show up to ten disagreements per suite.
        #[arg(long)]
        verbose: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze { paths, format, tokens, pretty } => cmd::analyze::run(&paths, format, tokens, pretty),
        Command::Tokens { analyzer } => cmd::tokens::run(&analyzer),
        Command::Eval { what: EvalWhat::Text { verbose } } => cmd::eval::text(verbose),
        Command::Bench { paths, repeat } => cmd::bench::run(&paths, repeat),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("rasid: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
