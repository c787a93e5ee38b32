//! `rasid entities` and `rasid entity NAME`: the archive's entity registry.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use rasid_archive::registry::EntitySummary;

use super::search::open;
use crate::Format;

fn variants_line(s: &EntitySummary) -> String {
    s.variants.iter().map(|(v, n)| format!("{v} ({n})")).collect::<Vec<_>>().join("، ")
}

/// Lists the most mentioned entities (per type, or of one type), or with
/// `variants` the variant-merging report.
pub fn list(data: &Path, kind: Option<&str>, limit: usize, variants: bool, format: Format) -> anyhow::Result<ExitCode> {
    let archive = open(data)?;
    let store = archive.store();
    let mut out = std::io::stdout().lock();
    if variants {
        let report = store.entity_variants(limit)?;
        match format {
            Format::Json => writeln!(out, "{}", serde_json::to_string(&report)?)?,
            Format::Text => {
                writeln!(
                    out,
                    "{} entities; {} seen under two or more spellings",
                    report.entities, report.variant_groups
                )?;
                let by_type: Vec<String> = report.merged_by_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
                writeln!(
                    out,
                    "{} merged across articles by skeleton or anagram ({}); the most mentioned, for review:",
                    report.merged_names,
                    by_type.join(", ")
                )?;
                for (t, names) in &report.sample {
                    writeln!(out, "  {t}  {}", names.join(" = "))?;
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let kinds: Vec<Option<&str>> = match kind {
        Some(k) => vec![Some(k)],
        None => vec![Some("PER"), Some("ORG"), Some("LOC"), Some("MISC")],
    };
    let mut all = Vec::new();
    for k in kinds {
        all.push((k.unwrap_or_default(), store.top_entities(k, limit)?));
    }
    match format {
        Format::Json => {
            let v: Vec<&EntitySummary> = all.iter().flat_map(|(_, v)| v).collect();
            writeln!(out, "{}", serde_json::to_string(&v)?)?;
        }
        Format::Text => {
            for (k, list) in &all {
                if list.is_empty() {
                    continue;
                }
                writeln!(out, "{k}")?;
                for (i, s) in list.iter().enumerate() {
                    writeln!(
                        out,
                        "{:>4}. {}  {} mention(s) in {} article(s)  [{}]",
                        i + 1,
                        s.name,
                        s.mentions,
                        s.articles,
                        variants_line(s)
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Shows one entity: the best match for `name` (any spelling, a surname),
/// with its variants, titles, co-mentioned entities and articles.
pub fn show(data: &Path, name: &str, format: Format) -> anyhow::Result<ExitCode> {
    let archive = open(data)?;
    let store = archive.store();
    let found = store.find_entities(name)?;
    let Some(best) = found.first() else {
        eprintln!("rasid: no entity named `{name}` in the archive");
        return Ok(ExitCode::from(1));
    };
    let Some(d) = store.entity(best.eid)? else {
        eprintln!("rasid: no entity named `{name}` in the archive");
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let mut v = serde_json::to_value(&d)?;
            v["other_matches"] = serde_json::to_value(&found[1..])?;
            writeln!(out, "{v}")?;
        }
        Format::Text => {
            let s = &d.summary;
            writeln!(
                out,
                "{}  ({}; {} mention(s) in {} article(s); id {})",
                s.name, s.kind, s.mentions, s.articles, s.eid
            )?;
            if d.names.len() > 1 {
                let names: Vec<String> = d.names.iter().map(|(n, c)| format!("{n} ({c})")).collect();
                writeln!(out, "  names:     {}", names.join("، "))?;
            }
            writeln!(out, "  spellings: {}", variants_line(s))?;
            if !d.titles.is_empty() {
                let t: Vec<String> = d.titles.iter().map(|(n, c)| format!("{n} ({c})")).collect();
                writeln!(out, "  titles:    {}", t.join("؛ "))?;
            }
            if !d.co_mentioned.is_empty() {
                let c: Vec<String> =
                    d.co_mentioned.iter().map(|(e, n)| format!("{} [{}] ({n})", e.name, e.kind)).collect();
                writeln!(out, "  with:      {}", c.join("، "))?;
            }
            writeln!(out, "  articles:")?;
            for a in &d.in_articles {
                writeln!(
                    out,
                    "    {}  {}  {}  {} ({}×)",
                    a.published.as_deref().unwrap_or("----------"),
                    a.id,
                    a.outlet.as_deref().unwrap_or("-"),
                    a.headline.as_deref().unwrap_or(""),
                    a.mentions
                )?;
            }
            if found.len() > 1 {
                let others: Vec<String> =
                    found[1..].iter().take(8).map(|e| format!("{} [{}] ({})", e.name, e.kind, e.mentions)).collect();
                writeln!(out, "  also:      {}", others.join("، "))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
