//! `rasid eval quotes`: quotes against the gold files.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use rasid_core::document::{Meta, Origin};
use rasid_core::input::RawArticle;
use rasid_quotes::eval::{score, Counts, GoldQuote};

use super::shared_dir;

fn gold_quotes(v: &serde_json::Value) -> anyhow::Result<Vec<GoldQuote>> {
    Ok(serde_json::from_value(v["quotes"].clone())?)
}

fn raw(id: &str, text: String, file: &str) -> RawArticle {
    RawArticle {
        id: Some(id.to_string()),
        text,
        has_headline: false,
        origin: Origin { file: file.to_string(), line: None, encoding: "UTF-8".into() },
        meta: Meta::default(),
    }
}

/// Scores the quotes stage on the reference article and the gold files in
/// `gold_dir` (saudinewsnet articles named by corpus id).
pub fn eval_cmd(gold_dir: &Path, verbose: bool, min: Option<(f64, f64, f64)>) -> anyhow::Result<ExitCode> {
    let shared = shared_dir();
    let pipeline = super::full_pipeline()?;
    let mut articles: Vec<(String, RawArticle, Vec<GoldQuote>)> = Vec::new();
    // The reference article.
    let sample = shared.join("samples/000_96e414a91007daec.txt");
    let text = std::fs::read_to_string(&sample).with_context(|| sample.display().to_string())?;
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("gold/000_96e414a91007daec.gold.json"))?)?;
    let mut r = rasid_core::input::parse_bytes("sample", text.as_bytes(), None).remove(0)?;
    r.id = Some("000_96e414a91007daec".into());
    articles.push(("000_96e414a91007daec (Kurdistan 24)".into(), r, gold_quotes(&gold)?));
    // The saudinewsnet gold files.
    let corpus = shared.join("data/saudinewsnet/saudinewsnet_2015-08-06_to_2015-08-11.jsonl");
    let rows = std::fs::read_to_string(&corpus).with_context(|| corpus.display().to_string())?;
    let by_id: std::collections::HashMap<String, serde_json::Value> = rows
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some((v["id"].as_str()?.to_string(), v)))
        .collect();
    let mut files: Vec<_> = std::fs::read_dir(gold_dir)
        .with_context(|| gold_dir.display().to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    files.sort();
    for f in files {
        let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f)?)?;
        let id = gold["id"].as_str().unwrap_or_default();
        let Some(row) = by_id.get(id) else {
            eprintln!("rasid: {}: article {id} not in the corpus", f.display());
            continue;
        };
        let text = row["content"].as_str().unwrap_or_default().to_string();
        let name = format!("{id} ({})", row["source"].as_str().unwrap_or_default());
        articles.push((name, raw(id, text, &corpus.display().to_string()), gold_quotes(&gold)?));
    }
    let mut total = Counts::default();
    println!("| article | gold | predicted | matched | speaker right | kind right |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, r, gold) in articles {
        let doc = pipeline.run(r);
        let (c, errors) = score(&doc.quotes, &gold);
        println!("| {name} | {} | {} | {} | {} | {} |", c.gold, c.predicted, c.matched, c.speaker, c.kind);
        if verbose {
            for e in errors {
                println!("    {e}");
            }
        }
        total.add(c);
    }
    println!(
        "| **all** | {} | {} | {} | {} | {} |\n\ndetection: P {:.3} R {:.3}; speaker accuracy {:.3}; kind accuracy {:.3}",
        total.gold,
        total.predicted,
        total.matched,
        total.speaker,
        total.kind,
        total.precision(),
        total.recall(),
        total.speaker_accuracy(),
        total.kind as f64 / total.matched.max(1) as f64
    );
    if let Some((p, r, s)) = min {
        if total.precision() < p || total.recall() < r || total.speaker_accuracy() < s {
            eprintln!("rasid: quotes below the required P {p} R {r} speaker {s}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `rasid quotes`: the most quoted speakers, or with `speaker` that
/// speaker's statements (any spelling of the name, or a surname).
pub fn list(data: &Path, speaker: Option<&str>, limit: usize, format: crate::Format) -> anyhow::Result<ExitCode> {
    use std::io::Write as _;
    let archive = super::search::open(data)?;
    let store = archive.store();
    let mut out = std::io::stdout().lock();
    let Some(name) = speaker else {
        let top = store.top_speakers(limit)?;
        match format {
            crate::Format::Json => {
                let v: Vec<serde_json::Value> =
                    top.iter().map(|(n, t, c)| serde_json::json!({"speaker": n, "type": t, "statements": c})).collect();
                writeln!(out, "{}", serde_json::to_string(&v)?)?;
            }
            crate::Format::Text => {
                for (i, (n, t, c)) in top.iter().enumerate() {
                    writeln!(out, "{:>4}. {n}  [{}]  {c} statement(s)", i + 1, t.as_deref().unwrap_or("source"))?;
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let rows = store.quotes_by(name, limit)?;
    if rows.is_empty() {
        eprintln!("rasid: no statements by `{name}` in the archive");
        return Ok(ExitCode::from(1));
    }
    match format {
        crate::Format::Json => {
            for r in &rows {
                writeln!(out, "{}", serde_json::to_string(r)?)?;
            }
        }
        crate::Format::Text => {
            for r in &rows {
                let content: String = r.content.chars().take(300).collect();
                let more = if r.content.chars().count() > 300 { "…" } else { "" };
                writeln!(
                    out,
                    "{}  {}  {}  {} ({}{}){}\n    {content}{more}",
                    r.published.as_deref().unwrap_or("----------"),
                    r.outlet.as_deref().unwrap_or("-"),
                    r.speaker.as_deref().unwrap_or("-"),
                    r.cue,
                    r.kind,
                    r.polarity.as_deref().map(|p| format!(", {p}")).unwrap_or_default(),
                    r.told_to.as_deref().map(|t| format!(" → {t}")).unwrap_or_default(),
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
