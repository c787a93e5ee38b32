//! `rasid search`, `rasid show` and `rasid stats`: reading the archive.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use rasid_archive::dates::parse_bound;
use rasid_archive::{Archive, Hit, SearchRequest, StemChoice};
use rasid_core::document::{Meta, Origin};
use rasid_core::input::RawArticle;

use crate::{output, Format};

pub(crate) fn open(data: &Path) -> anyhow::Result<Archive> {
    // The stemmer argument only matters for a new archive; reading never creates one.
    super::open_archive(data, false, StemChoice::Light)
}

/// Search options from the command line.
pub struct SearchArgs<'a> {
    /// The query.
    pub query: &'a str,
    /// Maximum hits.
    pub limit: usize,
    /// Outlet filter.
    pub outlet: Option<&'a str>,
    /// First day, YYYY-MM-DD.
    pub from: Option<&'a str>,
    /// Last day, YYYY-MM-DD.
    pub to: Option<&'a str>,
    /// Keep one hit per near-duplicate group.
    pub collapse: bool,
}

/// Prints the hits of a query.
pub fn search(data: &Path, args: &SearchArgs<'_>, format: Format) -> anyhow::Result<ExitCode> {
    let mut archive = open(data)?;
    // Index whatever an interrupted ingest left unindexed (needs the writer
    // lock; if an ingest is running, search what is committed).
    let _ = archive.catch_up();
    let day = |s: Option<&str>| -> anyhow::Result<Option<i64>> {
        s.map(|s| parse_bound(s).map(|d| d.days_since_epoch())).transpose().context("date filter")
    };
    let req = SearchRequest {
        query: args.query.to_string(),
        limit: args.limit,
        outlet: args.outlet.map(str::to_string),
        from_day: day(args.from)?,
        to_day: day(args.to)?,
    };
    if req.query.trim().is_empty() {
        bail!("empty query");
    }
    let hits = if args.collapse { archive.search_collapsed(&req)? } else { archive.search(&req)? };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            for h in &hits {
                serde_json::to_writer(&mut out, h)?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            let color = std::io::stdout().is_terminal();
            if hits.is_empty() {
                writeln!(out, "no match")?;
            }
            for h in &hits {
                write_hit(&mut out, h, color)?;
            }
        }
    }
    out.flush()?;
    Ok(if hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// One hit: rank, headline, outlet and date, then the snippet with matches
/// marked (bold on a terminal, `[...]` otherwise). Lines start with a
/// right-to-left mark so that bidi-aware terminals align Arabic right.
fn write_hit<W: Write>(out: &mut W, h: &Hit, color: bool) -> std::io::Result<()> {
    const RLM: char = '\u{200F}';
    let (open, close) = if color { ("\x1b[1;33m", "\x1b[0m") } else { ("[", "]") };
    writeln!(
        out,
        "{:>3}. {RLM}{}\n     {} | {} | {}  (score {:.2})",
        h.rank,
        h.headline.as_deref().unwrap_or("(no headline)"),
        h.outlet.as_deref().unwrap_or("-"),
        h.published.as_deref().unwrap_or("-"),
        h.id,
        h.score
    )?;
    if let Some(n) = h.duplicates.filter(|n| *n > 0) {
        writeln!(out, "     + {n} near-duplicate{}", if n == 1 { "" } else { "s" })?;
    }
    let chars: Vec<char> = h.snippet.text.chars().collect();
    let mut s = String::new();
    let mut at = 0;
    for &(a, b) in &h.snippet.highlights {
        let (a, b) = (a - h.snippet.start, b - h.snippet.start);
        s.extend(&chars[at..a]);
        s.push_str(open);
        s.extend(&chars[a..b]);
        s.push_str(close);
        at = b;
    }
    s.extend(&chars[at..]);
    writeln!(out, "     {RLM}{}\n", s.replace('\n', " "))
}

/// Prints one stored article with its analysis.
pub fn show(data: &Path, id: &str, format: Format) -> anyhow::Result<ExitCode> {
    let archive = open(data)?;
    let Some(stored) = archive.get(id)? else {
        eprintln!("rasid: no article with id `{id}`");
        return Ok(ExitCode::from(1));
    };
    let a = stored.article;
    let raw = RawArticle {
        id: Some(a.id.clone()),
        text: a.text.clone(),
        has_headline: a.headline.is_some(),
        origin: Origin {
            file: a.source_file.clone(),
            line: a.source_line.map(|l| l as usize),
            encoding: a.encoding.clone(),
        },
        meta: Meta { outlet: a.outlet.clone(), url: a.url.clone(), published: a.published_raw.clone() },
    };
    let mut doc = super::full_pipeline()?.run(raw);
    doc.tokens.clear();
    let dups = archive.duplicate_group(id)?;
    let story = archive.story(id)?;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let mut v = serde_json::to_value(&doc)?;
            v["archive"] = serde_json::json!({
                "seq": stored.seq, "published": a.published, "ingested_at": a.ingested_at,
                "content_hash": a.content_hash,
                "near_duplicates": dups,
                "story": story.as_ref().map(|s| &s.summary.id),
            });
            writeln!(out, "{v}")?;
        }
        Format::Text => {
            writeln!(
                out,
                "seq {} | ingested {} | published {}",
                stored.seq,
                a.ingested_at,
                a.published.as_deref().unwrap_or("-")
            )?;
            output::write_text(&mut out, &doc)?;
            for d in &dups {
                let sim = d.similarity.map(|s| format!("  jaccard {:.2} containment {:.2}", s.jaccard, s.containment));
                writeln!(
                    out,
                    "near-duplicate: {} | {} | {}{}",
                    d.id,
                    d.outlet.as_deref().unwrap_or("-"),
                    d.published.as_deref().unwrap_or("-"),
                    sim.unwrap_or_default()
                )?;
            }
            if let Some(s) = &story {
                writeln!(
                    out,
                    "story: {} ({} articles)  rasid story {}",
                    s.summary.title.as_deref().unwrap_or("-"),
                    s.summary.articles,
                    s.summary.id
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints counts over the archive.
pub fn stats(data: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let archive = open(data)?;
    let s = archive.stats()?;
    match format {
        Format::Json => println!("{}", serde_json::to_string(&s)?),
        Format::Text => {
            println!("data directory: {}", s.data_dir);
            println!("articles:       {} ({} indexed)", s.store.articles, s.indexed);
            println!(
                "published:      {} .. {} ({} undated)",
                s.store.first_published.as_deref().unwrap_or("-"),
                s.store.last_published.as_deref().unwrap_or("-"),
                s.store.undated
            );
            println!("store size:     {:.1} MB", s.store.store_bytes as f64 / 1e6);
            println!("index size:     {:.1} MB (stemmer: {})", s.index_bytes as f64 / 1e6, s.stemmer);
            println!("outlets:        {}", s.store.outlets);
            for (o, n) in s.store.by_outlet.iter().take(20) {
                println!("  {n:>8}  {o}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
