//! `rasid ingest`: read inputs into the archive, with progress.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rasid_archive::{IngestObserver, StemChoice};

/// Progress on a terminal (a bar with files, articles, MB/s and ETA), or
/// plain log lines every few seconds when stderr is not a terminal.
struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    last_log: Mutex<Instant>,
    files: AtomicU64,
    ingested: AtomicU64,
    skipped: AtomicU64,
    bytes: AtomicU64,
}

impl Progress {
    fn new(total_bytes: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::new(total_bytes);
            b.set_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}  {msg}")
                    .expect("valid template"),
            );
            b
        });
        Progress {
            bar,
            start: Instant::now(),
            last_log: Mutex::new(Instant::now()),
            files: AtomicU64::new(0),
            ingested: AtomicU64::new(0),
            skipped: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    fn line(&self) -> String {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let (n, s, b) = (
            self.ingested.load(Ordering::Relaxed),
            self.skipped.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        );
        format!(
            "files {} | ingested {n} | already present {s} | {:.1} MB/s | {:.0} articles/s",
            self.files.load(Ordering::Relaxed),
            b as f64 / 1e6 / secs,
            (n + s) as f64 / secs
        )
    }
}

impl IngestObserver for Progress {
    fn file(&self, name: &str, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        match &self.bar {
            Some(b) => {
                b.inc(bytes);
                b.set_message(self.line());
            }
            None => eprintln!("rasid: reading {name}"),
        }
    }

    fn batch(&self, ingested: usize, skipped: usize, bytes: u64) {
        self.ingested.fetch_add(ingested as u64, Ordering::Relaxed);
        self.skipped.fetch_add(skipped as u64, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        match &self.bar {
            Some(b) => b.set_message(self.line()),
            None => {
                let mut last = self.last_log.lock().expect("progress lock");
                if last.elapsed().as_secs() >= 2 {
                    eprintln!("rasid: {}", self.line());
                    *last = Instant::now();
                }
            }
        }
    }

    fn failed(&self, message: &str) {
        match &self.bar {
            Some(b) => b.println(format!("rasid: {message}")),
            None => eprintln!("rasid: {message}"),
        }
    }
}

fn total_bytes(paths: &[PathBuf]) -> u64 {
    let (files, _) = rasid_core::input::expand_paths(paths);
    files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum()
}

/// Ingests `paths` into the archive at `data`.
pub fn run(data: &Path, paths: &[PathBuf], stem: StemChoice, json: bool) -> anyhow::Result<ExitCode> {
    let mut archive = super::open_archive(data, true, stem)?;
    archive.set_pipeline(super::full_pipeline()?);
    let progress = Progress::new(total_bytes(paths));
    let report = archive.ingest(paths, &progress)?;
    if let Some(b) = &progress.bar {
        b.finish_and_clear();
    }
    let secs = progress.start.elapsed().as_secs_f64();
    if json {
        let mut v = serde_json::to_value(&report)?;
        v["seconds"] = serde_json::json!((secs * 1000.0).round() / 1000.0);
        println!("{v}");
    } else {
        println!(
            "ingested {} article(s), {} already present, {} failed, from {} file(s) in {:.1} s ({:.1} MB/s){}",
            report.ingested,
            report.skipped,
            report.failed.len(),
            report.files,
            secs,
            report.bytes as f64 / 1e6 / secs.max(1e-9),
            if report.caught_up > 0 {
                format!("; indexed {} left by an interrupted run", report.caught_up)
            } else {
                String::new()
            }
        );
        let mut reasons: Vec<(String, usize)> = Vec::new();
        for f in &report.failed {
            let reason = f.rsplit(": ").next().unwrap_or(f).to_string();
            match reasons.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((reason, 1)),
            }
        }
        for (r, n) in reasons {
            println!("  failed: {n} × {r}");
        }
        if report.story_days > 0 {
            println!(
                "stories: {} publication day(s) clustered again in {:.1} s; {} stories in the archive (rasid stories)",
                report.story_days, report.story_seconds, report.stories
            );
        }
    }
    Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
