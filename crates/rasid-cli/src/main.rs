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
    /// The archive's data directory (created by `ingest`).
    #[arg(long, global = true, env = "RASID_DATA", default_value = rasid_archive::archive::DEFAULT_DATA_DIR)]
    data: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, global = true)]
    jobs: Option<usize>,
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
    /// The main job on the bundled example articles: analyze one, ingest
    /// all into the archive (--data), search with spelling variants.
    Demo,
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
        /// Keep every event the trigger lexicon finds, with its score (by
        /// default ASSAULT/PROTEST events below the classifier's threshold
        /// and weak triggers are left out).
        #[arg(long)]
        all_events: bool,
        /// Publication day (YYYY-MM-DD) of articles whose input gives none:
        /// relative times (يوم امس) resolve against it.
        #[arg(long)]
        published: Option<String>,
    },
    /// Run an analyzer over standard input, like Elasticsearch's _analyze:
    /// one output line of space-separated terms per input line.
    Tokens {
        /// lucene, snowball, search, search-light or search-snowball.
        #[arg(long, default_value = "search")]
        analyzer: String,
    },
    /// Ingest articles into the archive (plain text, JSONL, HTML, WARC,
    /// RSS/Atom, gzip): store, analyze and index. Re-running adds nothing new.
    Ingest {
        /// Files or folders; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Stemmer for the index's stemmed fields (new archives only).
        #[arg(long, default_value = "light", value_parser = ["light", "snowball"])]
        stemmer: String,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search the archive, whatever the spelling: words, "phrases", AND, OR,
    /// NOT, +must, -exclude, headline:/body:/place: fields.
    Search {
        /// The query.
        query: String,
        /// Maximum number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only this outlet.
        #[arg(long)]
        outlet: Option<String>,
        /// Only articles published on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Only articles published on or before this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Show one hit per near-duplicate group, with the number folded in.
        #[arg(long)]
        collapse: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Stories: articles about the same event clustered per day and linked
    /// across days, largest first (by distinct reports).
    Stories {
        /// Only stories last seen on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Only stories last seen on or before this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Only stories with at least this many articles.
        #[arg(long, default_value_t = 2)]
        min_articles: u64,
        /// Maximum number of stories.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// One story, by its id or any member article's id: articles, timeline,
    /// summary, and what each report added beyond the earlier ones.
    Story {
        /// The story id (or an article id).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print one stored article with its analysis.
    Show {
        /// The article id.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The entity registry: the most mentioned people, organisations and
    /// places, with the spellings they were seen under.
    Entities {
        /// Only this type (PER, ORG, LOC, MISC).
        #[arg(long = "type", value_parser = ["PER", "ORG", "LOC", "MISC"])]
        kind: Option<String>,
        /// Entities per type (or merges in the variant sample).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Report the variant groups and a sample of cross-article merges.
        #[arg(long)]
        variants: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// One entity of the registry, by any of its spellings or a surname:
    /// spellings, titles, co-mentioned entities, articles.
    Entity {
        /// The name.
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Who said what: the most quoted speakers, or one speaker's statements
    /// (any spelling of the name, or a surname).
    Quotes {
        /// The speaker.
        #[arg(long)]
        speaker: Option<String>,
        /// Maximum number of speakers or statements.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// What happened, where and when: the archive's events (ACLED types,
    /// PLOVER classes), filtered, as text, JSON lines, ACLED-style CSV or GeoJSON.
    Events {
        /// ACLED type or sub-type, rasid type, or PLOVER class (a prefix will do:
        /// battles, "explosions", protest, assault, agreement, "security operation").
        #[arg(long = "type")]
        kind: Option<String>,
        /// An actor or target, any spelling.
        #[arg(long)]
        actor: Option<String>,
        /// A place, any spelling.
        #[arg(long)]
        place: Option<String>,
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Last day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// asserted, negated or hypothetical.
        #[arg(long)]
        polarity: Option<String>,
        /// Also list background events (earlier events recalled for context).
        #[arg(long)]
        background: bool,
        /// Maximum number of events.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = cmd::events::EventFormat::Text)]
        format: cmd::events::EventFormat,
    },
    /// Counts: articles, outlets, date range, index size.
    Stats {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Evaluate against shared data.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Train a model from the shared data.
    Train {
        #[command(subcommand)]
        what: TrainWhat,
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
enum TrainWhat {
    /// Train the ASSAULT/PROTEST sentence classifier of the events stage on
    /// the development half of the Arabic event gold standard.
    Events {
        /// Where to write the model.
        #[arg(long, default_value = "crates/rasid-events/models/sentence.tsv")]
        out: PathBuf,
    },
    /// Train the named-entity CRF on ANERcorp's training split.
    Ner {
        /// Where to write the model.
        #[arg(long, default_value = "crates/rasid-ner/models/ner.crfsuite")]
        out: PathBuf,
        /// Iterations (L-BFGS) or epochs (online algorithms; default 30).
        #[arg(long)]
        iterations: Option<usize>,
        /// Train with L-BFGS (the same as `--algorithm lbfgs`).
        #[arg(long)]
        lbfgs: bool,
        /// Training algorithm: pa (averaged passive-aggressive, the default),
        /// ap (averaged perceptron), l2sgd or lbfgs.
        #[arg(long)]
        algorithm: Option<String>,
        /// L2 regularization (L-BFGS, l2sgd) or the PA aggressiveness C.
        #[arg(long)]
        c2: Option<f64>,
        /// Online algorithms: train this many models over different shuffle
        /// orders and average their weights into one (default 4).
        #[arg(long)]
        seeds: Option<usize>,
        /// Hold out every tenth block of 30 training sentences (a document-like
        /// stretch) as a development set and
        /// print the scores on it (for tuning without touching the test split).
        #[arg(long)]
        dev: bool,
        /// Which tenth `--dev` holds out (0 to 9; default 9).
        #[arg(long, default_value_t = 9, value_parser = clap::value_parser!(u8).range(0..10))]
        dev_fold: u8,
    },
}

#[derive(Subcommand)]
enum EvalWhat {
    /// Events: ASSAULT and PROTEST sentence detection on the arabic-event-gsr
    /// development half, span agreement, and the reference article's gold events.
    Events {
        /// Print each missed and false sentence.
        #[arg(long)]
        verbose: bool,
        /// Fail below these F1 scores: ASSAULT,PROTEST (e.g. 0.55,0.4).
        #[arg(long, value_delimiter = ',')]
        min: Option<Vec<f64>>,
    },
    /// Quotes against the gold files: the reference article and the
    /// hand-annotated saudinewsnet articles (detection P/R, speaker accuracy).
    Quotes {
        /// Folder of gold files (saudinewsnet articles named by corpus id).
        #[arg(long, default_value = "tests-data/quotes")]
        gold: PathBuf,
        /// Print each miss, extra quote and wrong speaker.
        #[arg(long)]
        verbose: bool,
        /// Fail below these: precision,recall,speaker accuracy (e.g. 0.9,0.9,0.85).
        #[arg(long, value_delimiter = ',')]
        min: Option<Vec<f64>>,
    },
    /// Named entities: CoNLL exact-span P/R/F1 per type on ANERcorp test,
    /// AQMAR test and the Wojood sample.
    Ner {
        /// A model file instead of the built-in one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Also list the most frequent misses and false alarms.
        #[arg(long)]
        verbose: bool,
        /// Exit 1 when ANERcorp test F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Score only the held-out tenth of ANERcorp's training split that
        /// `rasid train ner --dev --dev-fold K` left out (with `--model`, a
        /// model trained that way): compares stage rules on development
        /// folds without retraining, and without the test split.
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..10), requires = "model")]
        dev_fold: Option<u8>,
    },
    /// Known-item search (MRR@10, recall@10) and spelling robustness (top-10
    /// overlap) over saudinewsnet + ant-corpus. Uses the archive in --data,
    /// ingesting both corpora from $RASID_SHARED first when it is empty.
    Search {
        /// Number of sampled articles (each gives a title and a words query).
        #[arg(long, default_value_t = 1000)]
        sample: usize,
        /// Seed of the sample.
        #[arg(long, default_value_t = 20261129)]
        seed: u64,
        /// Also write the queries (JSONL) to this file, for peer engines.
        #[arg(long)]
        write_queries: Option<PathBuf>,
        /// Stemmer for a new archive.
        #[arg(long, default_value = "light", value_parser = ["light", "snowball"])]
        stemmer: String,
    },
    /// Near-duplicate article groups (MinHash + LSH) against the silver
    /// reprint pairs of saudinewsnet (articles sharing a long verbatim run).
    Duplicates {
        /// Print a grid of thresholds instead of the chosen ones.
        #[arg(long)]
        sweep: bool,
        /// List the largest silver groups and a sample of missed pairs.
        #[arg(long)]
        verbose: bool,
        /// The hand-checked pairs.
        #[arg(long, default_value = "tests-data/duplicates/pairs.tsv")]
        gold: PathBuf,
        /// Fail below these: precision,recall (e.g. 0.95,0.9).
        #[arg(long, value_delimiter = ',')]
        min: Option<Vec<f64>>,
        /// Write every pair the groups or the silver join, by stratum
        /// (both, rasid, silver), to this TSV file: what audits sample.
        #[arg(long, value_name = "FILE")]
        pairs: Option<PathBuf>,
        /// Fail below these against the hand-corrected silver pairs
        /// (`corrected-silver.tsv` beside the hand-checked pairs):
        /// precision,recall (e.g. 0.95,0.9). Precision is over every joined
        /// pair: one the corrected silver has not judged counts as wrong.
        #[arg(long, value_delimiter = ',')]
        min_corrected: Option<Vec<f64>>,
    },
    /// Story clusters of one day against a hand-labelled sample: purity,
    /// inverse purity, pairwise P/R/F1.
    Stories {
        /// The labelled sample (named by its day).
        #[arg(long, default_value = "tests-data/stories/2015-08-09.tsv")]
        gold: PathBuf,
        /// Print a range of cuts instead of the chosen one.
        #[arg(long)]
        sweep: bool,
    },
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
    if let Some(n) = cli.jobs {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let data = cli.data;
    let result = match cli.command {
        Command::Demo => cmd::demo::run(&data),
        Command::Ingest { paths, stemmer, json } => {
            let stem = rasid_archive::StemChoice::from_name(&stemmer).unwrap_or(rasid_archive::StemChoice::Light);
            cmd::ingest::run(&data, &paths, stem, json)
        }
        Command::Stories { from, to, min_articles, limit, format } => {
            cmd::stories::list(&data, from.as_deref(), to.as_deref(), min_articles, limit, format)
        }
        Command::Story { id, format } => cmd::stories::show(&data, &id, format),
        Command::Search { query, limit, outlet, from, to, collapse, format } => {
            let args = cmd::search::SearchArgs {
                query: &query,
                limit,
                outlet: outlet.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                collapse,
            };
            cmd::search::search(&data, &args, format)
        }
        Command::Show { id, format } => cmd::search::show(&data, &id, format),
        Command::Entities { kind, limit, variants, format } => {
            cmd::entities::list(&data, kind.as_deref(), limit, variants, format)
        }
        Command::Entity { name, format } => cmd::entities::show(&data, &name, format),
        Command::Quotes { speaker, limit, format } => cmd::quotes::list(&data, speaker.as_deref(), limit, format),
        Command::Events { kind, actor, place, from, to, polarity, background, limit, format } => {
            let f = cmd::events::Filters {
                kind: kind.as_deref(),
                actor: actor.as_deref(),
                place: place.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                polarity: polarity.as_deref(),
                background,
                limit,
            };
            cmd::events::list(&data, &f, format)
        }
        Command::Stats { format } => cmd::search::stats(&data, format),
        Command::Analyze { paths, format, tokens, pretty, all_events, published } => {
            let opts =
                cmd::analyze::Options { with_tokens: tokens, pretty, all_events, published: published.as_deref() };
            cmd::analyze::run(&paths, format, &opts)
        }
        Command::Tokens { analyzer } => cmd::tokens::run(&analyzer),
        Command::Eval { what: EvalWhat::Text { verbose } } => cmd::eval::text(verbose),
        Command::Eval { what: EvalWhat::Events { verbose, min } } => {
            let min = min.and_then(|m| (m.len() == 2).then(|| (m[0], m[1])));
            cmd::events::eval_cmd(verbose, min)
        }
        Command::Eval { what: EvalWhat::Stories { gold, sweep } } => cmd::stories::eval_stories(&gold, sweep),
        Command::Eval { what: EvalWhat::Duplicates { sweep, verbose, gold, min, pairs, min_corrected } } => {
            let pair = |flag: &str, m: Option<Vec<f64>>| match m {
                Some(m) if m.len() != 2 => Err(anyhow::anyhow!("--{flag} takes two values, P,R (e.g. 0.95,0.9)")),
                m => Ok(m.map(|m| (m[0], m[1]))),
            };
            (|| {
                let min = pair("min", min)?;
                let min_corrected = pair("min-corrected", min_corrected)?;
                if sweep && (min.is_some() || min_corrected.is_some()) {
                    anyhow::bail!("--sweep prints a grid and checks no bar: drop --min and --min-corrected");
                }
                cmd::stories::eval_duplicates(sweep, verbose, &gold, min, pairs.as_deref(), min_corrected)
            })()
        }
        Command::Eval { what: EvalWhat::Quotes { gold, verbose, min } } => {
            let min = min.and_then(|m| (m.len() == 3).then(|| (m[0], m[1], m[2])));
            cmd::quotes::eval_cmd(&gold, verbose, min)
        }
        Command::Eval { what: EvalWhat::Ner { model, verbose, min_f1, dev_fold } } => {
            cmd::ner::eval_cmd(model.as_ref(), verbose, min_f1, dev_fold.map(usize::from))
        }
        Command::Train { what: TrainWhat::Events { out } } => cmd::events::train_cmd(&out),
        Command::Train { what: TrainWhat::Ner { out, iterations, lbfgs, algorithm, c2, seeds, dev, dev_fold } } => {
            let dev = dev.then_some(usize::from(dev_fold));
            cmd::ner::train_cmd(&out, iterations, lbfgs, algorithm.as_deref(), c2, seeds, dev)
        }
        Command::Eval { what: EvalWhat::Search { sample, seed, write_queries, stemmer } } => {
            let stem = rasid_archive::StemChoice::from_name(&stemmer).unwrap_or(rasid_archive::StemChoice::Light);
            cmd::eval::search(&data, sample, seed, write_queries.as_deref(), stem)
        }
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
