//! One module per subcommand.

pub mod analyze;
pub mod bench;
pub mod demo;
pub mod eval;
pub mod ingest;
pub mod search;
pub mod tokens;

use std::path::PathBuf;

/// The shared data folder: `$RASID_SHARED`, else `../shared`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("RASID_SHARED").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared"))
}
