//! Printing documents as JSON and as readable text.

use std::io::Write;

use rasid_core::Document;

/// Writes one document as a JSON line (or indented JSON with `pretty`).
pub fn write_json<W: Write>(out: &mut W, doc: &Document, pretty: bool) -> anyhow::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, doc)?;
    } else {
        serde_json::to_writer(&mut *out, doc)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes a readable summary of one document. Arabic lines are prefixed with
/// a right-to-left mark so that terminals with bidi support align them right.
pub fn write_text<W: Write>(out: &mut W, doc: &Document) -> anyhow::Result<()> {
    const RLM: char = '\u{200F}';
    let origin = match doc.origin.line {
        Some(l) => format!("{}:{}", doc.origin.file, l),
        None => doc.origin.file.clone(),
    };
    writeln!(out, "== {}  ({origin}, {})", doc.id, doc.origin.encoding)?;
    if let Some(o) = &doc.meta.outlet {
        writeln!(out, "outlet:     {o}")?;
    }
    if let Some(p) = &doc.meta.published {
        writeln!(out, "published:  {p}")?;
    }
    if let Some(h) = &doc.headline {
        writeln!(out, "headline:   {RLM}{}", h.text)?;
    }
    if let Some(d) = &doc.dateline {
        let place = d.place.as_ref().map_or("-", |s| s.text.as_str());
        let outlet = d.outlet.as_ref().map_or("-", |s| s.text.as_str());
        writeln!(out, "dateline:   {RLM}{}   [place: {place} | outlet: {outlet}]", d.span.text)?;
    }
    if let Some(l) = &doc.lede {
        writeln!(out, "lede:       {RLM}{}", l.text)?;
    }
    for s in &doc.summary {
        let who = s.speaker.as_deref().map(|w| format!("  [{w}]")).unwrap_or_default();
        writeln!(out, "summary:    {RLM}{}{who}", s.span.text.replace('\n', " "))?;
    }
    for e in &doc.events {
        let who = e.actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(" + ");
        let target = e.target.as_ref().map(|t| format!(" -> {}", t.name)).unwrap_or_default();
        let place = e.location.as_ref().map_or(String::new(), |l| match (l.latitude, l.longitude) {
            (Some(a), Some(b)) => format!("  @ {} ({a:.3}, {b:.3})", l.name),
            _ => format!("  @ {}", l.name),
        });
        let when = e.time.as_ref().map_or(String::new(), |t| {
            let resolved = t.date.clone().or(t.offset_days.map(|d| format!("{d:+} day"))).unwrap_or_default();
            format!(
                "  when {RLM}{}{}",
                t.span.text,
                if resolved.is_empty() { String::new() } else { format!(" ({resolved})") }
            )
        });
        writeln!(
            out,
            "event:      {} / {}  {RLM}[{}]  {}{}  {}{target}{place}{when}  score {:.2}",
            e.kind,
            e.subtype.as_deref().unwrap_or("-"),
            e.trigger.text,
            e.polarity,
            if e.tense == "background" { ", background" } else { "" },
            if who.is_empty() { "-" } else { &who },
            e.score,
        )?;
    }
    writeln!(out, "paragraphs: {}   sentences: {}", doc.paragraphs.len(), doc.sentences.len())?;
    for d in &doc.duplicates {
        let (a, b) = (&doc.paragraphs[d.a], &doc.paragraphs[d.b]);
        writeln!(
            out,
            "duplicate:  ¶{} (line {}) ~ ¶{} (line {})  similarity {:.2}",
            d.a, a.line, d.b, b.line, d.similarity
        )?;
    }
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let n = doc.sentences.iter().filter(|s| s.paragraph == i).count();
        writeln!(out, "  ¶{i:<3} line {:<4} {n} sent.  {RLM}{}", p.line, p.span.text)?;
    }
    writeln!(out)?;
    Ok(())
}
