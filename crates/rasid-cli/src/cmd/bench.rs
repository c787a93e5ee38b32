//! `rasid bench`: throughput of decode + structure + tokenize + normalize +
//! stem over a corpus, on one thread and on all cores.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context as _};
use rasid_core::input::{expand_paths, format_hint, parse_bytes, read_bytes, Format};
use rasid_core::pipeline::Pipeline;
use rasid_text::normalize::fold_char;
use rasid_text::stem::{SnowballStemmer, Stemmer};
use rasid_text::{for_each_token, TokenKind};
use rayon::prelude::*;

use super::shared_dir;

struct Corpus {
    files: Vec<(String, Vec<u8>, Option<Format>)>,
    /// Bytes of the input files.
    bytes: usize,
    /// UTF-8 bytes of the article texts (what the MB/s figures divide).
    text_bytes: usize,
}

fn load(paths: &[PathBuf]) -> anyhow::Result<Corpus> {
    let paths = if paths.is_empty() { vec![shared_dir().join("data/saudinewsnet")] } else { paths.to_vec() };
    let (files, errors) = expand_paths(&paths);
    if let Some(e) = errors.first() {
        bail!("{e}");
    }
    let mut out = Corpus { files: Vec::new(), bytes: 0, text_bytes: 0 };
    for f in files {
        let bytes = read_bytes(&f).with_context(|| f.display().to_string())?;
        out.bytes += bytes.len();
        let name = f.display().to_string();
        out.text_bytes +=
            parse_bytes(&name, &bytes, format_hint(&f)).into_iter().flatten().map(|a| a.text.len()).sum::<usize>();
        out.files.push((f.display().to_string(), bytes, format_hint(&f)));
    }
    if out.files.is_empty() {
        bail!("no input files");
    }
    Ok(out)
}

/// What one run counted.
#[derive(Default, Clone, Copy)]
struct Counts {
    articles: usize,
    tokens: usize,
    sentences: usize,
}

fn run_once(corpus: &Corpus, pipeline: Option<&Pipeline>, parallel: bool) -> Counts {
    let mut c = Counts::default();
    for (name, bytes, hint) in &corpus.files {
        let articles: Vec<_> = parse_bytes(name, bytes, *hint).into_iter().flatten().collect();
        c.articles += articles.len();
        let Some(p) = pipeline else { continue };
        let per_doc = |a| {
            let d = p.run(a);
            (d.tokens.len(), d.sentences.len())
        };
        let (t, s) = if parallel {
            articles.into_par_iter().map(per_doc).reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        } else {
            articles.into_iter().map(per_doc).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        };
        c.tokens += t;
        c.sentences += s;
    }
    c
}

fn best_of(repeat: usize, mut f: impl FnMut() -> Counts) -> (f64, Counts) {
    let mut best = f64::INFINITY;
    let mut counts = Counts::default();
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        counts = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, counts)
}

/// A job over one article text; returns how many tokens it produced.
type TextJob<'a> = dyn Fn(&str) -> usize + 'a;

/// The peers' jobs, measured on the same texts (decoded and parsed first,
/// outside the timing): camel_tools' normalize + dediac + simple_word_tokenize
/// corresponds to tokenize + search folding; PyStemmer's stemWords to
/// tokenize + Snowball stem of every word.
fn text_rows(corpus: &Corpus, repeat: usize) {
    let texts: Vec<String> = corpus
        .files
        .iter()
        .flat_map(|(name, bytes, hint)| parse_bytes(name, bytes, *hint).into_iter().flatten().map(|a| a.text))
        .collect();
    let mb = corpus.text_bytes as f64 / 1e6;
    let stemmer = SnowballStemmer::default();
    let jobs: [(&str, &TextJob); 2] = [
        ("tokenize + search folding (camel_tools' normalize + dediac + tokenize)", &|t: &str| {
            let mut n = 0;
            let mut buf = String::new();
            for_each_token(t, |s| {
                buf.clear();
                for c in t[s.byte_start..s.byte_end].chars() {
                    fold_char(c, &mut buf);
                }
                n += usize::from(!buf.is_empty());
            });
            n
        }),
        ("tokenize + Snowball stem of every word, no cache (PyStemmer's stemWords)", &|t: &str| {
            let mut n = 0;
            for_each_token(t, |s| {
                if matches!(s.kind, TokenKind::Arabic | TokenKind::Latin) {
                    n += stemmer.stem(&t[s.byte_start..s.byte_end]).len().min(1);
                }
            });
            n
        }),
    ];
    for (what, job) in jobs {
        let mut best = f64::INFINITY;
        let mut tokens = 0;
        for _ in 0..repeat.max(1) {
            let t = Instant::now();
            tokens = texts.iter().map(|x| job(x)).sum::<usize>();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "| {what} | 1 | {best:.3} | {:.1} | {:.0} | {:.0} |",
            mb / best,
            texts.len() as f64 / best,
            tokens as f64 / best
        );
    }
}

/// Runs the benchmark and prints a Markdown table.
pub fn run(paths: &[PathBuf], repeat: usize) -> anyhow::Result<ExitCode> {
    let corpus = load(paths)?;
    let mb = corpus.text_bytes as f64 / 1e6;
    let threads = rayon::current_num_threads();
    println!(
        "corpus: {} file(s), {:.1} MB of files, {mb:.2} MB of article text (MB/s below: text MB, 1 MB = 10^6 bytes); best of {repeat}; {threads} thread(s)",
        corpus.files.len(),
        corpus.bytes as f64 / 1e6,
    );
    println!("| what | threads | seconds | MB/s | articles/s | tokens/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    let full = Pipeline::standard();
    // The events stage's cost: the standard pipeline with entities and
    // quotes, without and with events.
    let with = |events: bool| -> anyhow::Result<Pipeline> {
        let mut stages = Pipeline::standard_stages();
        stages.push(Box::new(rasid_ner::stage::Entities::new()?));
        stages.push(Box::new(rasid_quotes::Quotes));
        if events {
            stages.push(Box::new(rasid_events::Events::default()));
        }
        Pipeline::new(stages).map_err(|e| anyhow::anyhow!("pipeline: {e:?}"))
    };
    let (no_events, events) = (with(false)?, with(true)?);
    let rows: [(&str, Option<&Pipeline>, bool); 5] = [
        ("decode + parse", None, false),
        ("full: decode, structure, sentences, tokenize, normalize, stem, duplicates", Some(&full), false),
        ("full", Some(&full), true),
        ("full + entities + quotes", Some(&no_events), false),
        ("full + entities + quotes + events", Some(&events), false),
    ];
    text_rows(&corpus, repeat);
    for (what, pipeline, parallel) in rows {
        let (secs, c) = best_of(repeat, || run_once(&corpus, pipeline, parallel));
        println!(
            "| {what} | {} | {secs:.3} | {:.1} | {:.0} | {} |",
            if parallel { threads } else { 1 },
            mb / secs,
            c.articles as f64 / secs,
            if c.tokens > 0 { format!("{:.0}", c.tokens as f64 / secs) } else { "-".into() }
        );
    }
    Ok(ExitCode::SUCCESS)
}
