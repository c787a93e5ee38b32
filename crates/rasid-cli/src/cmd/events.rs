//! `rasid events` (list and export the archive's events) and `rasid eval
//! events` (the event gold standard and the reference article's events).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use rasid_archive::dates::parse_bound;
use rasid_archive::events::EventQuery;
use rasid_core::document::{Meta, Origin};
use rasid_core::input::RawArticle;
use rasid_core::pipeline::Pipeline;
use rasid_events::eval::{self, Detection, GoldEvent, SpanAgreement, SpanRecord};
use rasid_events::export::{csv_header, csv_line, geojson, EventRecord};

use super::shared_dir;

/// Output formats of `rasid events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EventFormat {
    /// One line per event.
    Text,
    /// One JSON object per line.
    Json,
    /// CSV with ACLED's column names (UTF-8 with a byte-order mark).
    Csv,
    /// A GeoJSON FeatureCollection of the events that have coordinates.
    Geojson,
}

/// Filters of `rasid events`, as given on the command line.
pub struct Filters<'a> {
    /// Type, sub-type or PLOVER class.
    pub kind: Option<&'a str>,
    /// Actor or target.
    pub actor: Option<&'a str>,
    /// Place.
    pub place: Option<&'a str>,
    /// First day.
    pub from: Option<&'a str>,
    /// Last day.
    pub to: Option<&'a str>,
    /// Polarity.
    pub polarity: Option<&'a str>,
    /// Include background events.
    pub background: bool,
    /// Maximum number.
    pub limit: usize,
}

/// Lists the archive's events.
pub fn list(data: &Path, f: &Filters<'_>, format: EventFormat) -> anyhow::Result<ExitCode> {
    let archive = super::search::open(data)?;
    let day = |s: Option<&str>| -> anyhow::Result<Option<i64>> {
        Ok(match s {
            Some(s) => Some(parse_bound(s)?.days_since_epoch()),
            None => None,
        })
    };
    if let Some(p) = f.polarity {
        if !matches!(p, "asserted" | "negated" | "hypothetical") {
            anyhow::bail!("bad polarity `{p}` (asserted, negated or hypothetical)");
        }
    }
    let q = EventQuery {
        kind: f.kind.map(str::to_string),
        actor: f.actor.map(str::to_string),
        place: f.place.map(str::to_string),
        from: day(f.from)?,
        to: day(f.to)?,
        polarity: f.polarity.map(str::to_string),
        background: f.background,
        limit: f.limit,
    };
    let rows = archive.events(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let r = write_rows(&mut out, &rows, format).and_then(|()| out.flush());
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn write_rows<W: Write>(out: &mut W, rows: &[EventRecord], format: EventFormat) -> std::io::Result<()> {
    match format {
        EventFormat::Csv => {
            out.write_all(csv_header().as_bytes())?;
            for r in rows {
                out.write_all(csv_line(r).as_bytes())?;
            }
        }
        EventFormat::Geojson => {
            let g = geojson(rows);
            writeln!(out, "{}", serde_json::to_string_pretty(&g).unwrap_or_default())?;
        }
        EventFormat::Json => {
            for r in rows {
                writeln!(out, "{}", serde_json::to_string(r).unwrap_or_default())?;
            }
        }
        EventFormat::Text => {
            for r in rows {
                writeln!(out, "{}", text_line(r))?;
            }
            if rows.is_empty() {
                writeln!(out, "no events")?;
            }
        }
    }
    Ok(())
}

fn text_line(r: &EventRecord) -> String {
    let who = [r.actor1.as_deref(), r.actor2.as_deref()].iter().flatten().copied().collect::<Vec<_>>().join(" + ");
    let place = match (&r.location, r.latitude, r.longitude) {
        (Some(l), Some(a), Some(b)) => format!("{l} ({a:.3}, {b:.3})"),
        (Some(l), _, _) => l.clone(),
        _ => "-".into(),
    };
    format!(
        "{}  {} / {}  [{}]  {}{}  {}  @ {}  {}{}",
        r.event_date.as_deref().unwrap_or("----------"),
        r.event_type,
        r.sub_event_type.as_deref().unwrap_or("-"),
        r.trigger,
        r.polarity,
        if r.tense == "background" { ", background" } else { "" },
        if who.is_empty() { "-".to_string() } else { who },
        place,
        r.fatalities.map(|n| format!("fatalities {n}  ")).unwrap_or_default(),
        r.event_id
    )
}

fn raw(id: &str, text: &str) -> RawArticle {
    RawArticle {
        id: Some(id.to_string()),
        text: text.to_string(),
        has_headline: false,
        origin: Origin { file: "gsr".into(), line: None, encoding: "UTF-8".into() },
        meta: Meta::default(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

/// The labelled sentences of a gold-standard file ('ambiguous' left out)
/// as classifier instances, with the documents' detection by the built-in model.
fn instances(
    pipeline: &Pipeline,
    file: &Path,
    plover: &str,
    verbose: bool,
) -> anyhow::Result<(Vec<eval::Instance>, Detection)> {
    let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    let rows = eval::read_gsr(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let rows: Vec<_> = rows.into_iter().filter(|r| r.label != "ambiguous").collect();
    let docs: Vec<_> = {
        use rayon::prelude::*;
        rows.par_iter().map(|r| pipeline.run(raw(&r.id, &r.text))).collect()
    };
    let mut d = Detection::default();
    let mut out = Vec::with_capacity(rows.len());
    for (r, doc) in rows.iter().zip(&docs) {
        let gold = r.label == "yes";
        let pred = eval::detects(doc, plover);
        d.add(gold, pred);
        if verbose && gold != pred {
            let why: Vec<String> = doc
                .events
                .iter()
                .filter(|e| e.plover.as_deref() == Some(plover))
                .map(|e| format!("{}:{}:{:.2}", e.trigger.text, e.polarity, e.score))
                .collect();
            println!("  {} {} {}  [{}]  {}", if gold { "MISS" } else { "FALSE" }, r.label, r.id, why.join(" "), r.text);
        }
        out.push((r.id.clone(), eval::instance_features(doc, plover), gold));
    }
    Ok((out, d))
}

const GSR_FILES: [(&str, &str); 2] = [("assault_sentences.csv", "ASSAULT"), ("protest_sentences.csv", "PROTEST")];

/// Folds of the cross-validation.
const FOLDS: u64 = 5;

fn row(name: &str, d: &Detection) -> String {
    format!(
        "{:<9} {:>5} {:>5} {:>5} {:>6} {:>9} {:>7} {:>6}",
        name,
        d.tp,
        d.fp,
        d.fn_,
        d.tn,
        pct(d.precision()),
        pct(d.recall()),
        pct(d.f1())
    )
}

/// `rasid train events`: trains the sentence classifier on the development
/// half of the event gold standard and writes it to `out`.
pub fn train_cmd(out: &Path) -> anyhow::Result<ExitCode> {
    let shared = shared_dir();
    let pipeline = super::pipeline_with(rasid_events::Events::unfiltered())?;
    let gsr = shared.join("data/arabic-event-gsr");
    let mut model = rasid_events::classify::Model::default();
    println!("Cross-validated ({FOLDS} folds by sentence id) detection at each threshold:");
    for (file, plover) in GSR_FILES {
        let (inst, _) = instances(&pipeline, &gsr.join(file), plover, false)?;
        let probs = eval::cross_validate(plover, &inst, FOLDS);
        let mut best = (0.5f32, -1.0f64);
        for k in 1..=16 {
            let t = k as f32 * 0.05;
            let d = eval::at_threshold(&inst, &probs, t);
            println!("  {plover} t={t:.2} P {:.3} R {:.3} F1 {:.3}", d.precision(), d.recall(), d.f1());
            if d.f1() > best.1 + 1e-9 {
                best = (t, d.f1());
            }
        }
        println!("  {plover}: threshold {:.2} (cross-validated F1 {:.3})", best.0, best.1);
        let train: Vec<(Vec<String>, bool)> =
            inst.iter().filter(|i| !eval::is_untriggered(&i.1)).map(|i| (i.1.clone(), i.2)).collect();
        model.train_class(plover, &train, eval::EPOCHS, eval::L2);
        model.set_threshold(plover, best.0);
    }
    std::fs::write(out, model.to_tsv()).with_context(|| out.display().to_string())?;
    println!("wrote {} (rebuild rasid to use it)", out.display());
    Ok(ExitCode::SUCCESS)
}

fn spans(pipeline: &Pipeline, file: &Path, plover: &str) -> anyhow::Result<SpanAgreement> {
    let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    let recs: Vec<SpanRecord> = serde_json::from_str(&text).with_context(|| file.display().to_string())?;
    let mut acc = SpanAgreement::default();
    for r in &recs {
        let doc = pipeline.run(raw(&r.source, &r.text));
        eval::span_agreement(&doc, plover, r, &mut acc);
    }
    Ok(acc)
}

/// `rasid eval events`.
pub fn eval_cmd(verbose: bool, min: Option<(f64, f64)>) -> anyhow::Result<ExitCode> {
    let shared = shared_dir();
    // Unfiltered: the classifier instances need every trigger; detection
    // applies the same threshold as the filter.
    let pipeline = super::pipeline_with(rasid_events::Events::unfiltered())?;
    let full = super::full_pipeline()?;
    let gsr = shared.join("data/arabic-event-gsr");
    let model = rasid_events::classify::Model::get();
    let header = format!(
        "{:<9} {:>5} {:>5} {:>5} {:>6} {:>9} {:>7} {:>6}",
        "class", "tp", "fp", "fn", "tn", "precision", "recall", "F1"
    );
    let mut cv = Vec::new();
    let mut builtin = Vec::new();
    let mut keyword = Vec::new();
    for (file, plover) in GSR_FILES {
        let (inst, d) = instances(&pipeline, &gsr.join(file), plover, verbose)?;
        let probs = eval::cross_validate(plover, &inst, FOLDS);
        cv.push((plover, eval::at_threshold(&inst, &probs, model.threshold(plover))));
        builtin.push((plover, d));
        // The trigger lexicon alone: any asserted trigger of the class.
        let mut k = Detection::default();
        for i in &inst {
            k.add(i.2, !eval::is_untriggered(&i.1));
        }
        keyword.push((plover, k));
    }
    println!("Sentence detection, arabic-event-gsr development half ('ambiguous' left out).");
    println!(
        "Cross-validated ({FOLDS} folds by sentence id: each sentence scored by a classifier trained without it):"
    );
    println!("{header}");
    for (p, d) in &cv {
        println!("{}", row(p, d));
    }
    println!("Trigger lexicon alone (an asserted trigger of the class):");
    println!("{header}");
    for (p, d) in &keyword {
        println!("{}", row(p, d));
    }
    println!("Built-in classifier (trained on all of this half, so in-sample; the blind half is the real test):");
    println!("{header}");
    for (p, d) in &builtin {
        println!("{}", row(p, d));
    }
    let f1s: Vec<f64> = cv.iter().map(|(_, d)| d.f1()).collect();
    println!();
    println!("Span agreement with the coders' agreed words (span files):");
    for (file, plover) in [("assault_spans.json", "ASSAULT"), ("protest_spans.json", "PROTEST")] {
        let a = spans(&full, &gsr.join(file), plover)?;
        let r = |x: usize, n: usize| format!("{x}/{n} ({:.3})", x as f64 / n.max(1) as f64);
        println!(
            "{:<9} verb {}  source actor {}  target {}",
            plover,
            r(a.verbs_found, a.verbs),
            r(a.sources_found, a.sources),
            r(a.targets_found, a.targets)
        );
    }
    // The reference article.
    println!();
    println!("Gold events of the reference article (000_96e414a91007daec):");
    let sample = shared.join("samples/000_96e414a91007daec.txt");
    let text = std::fs::read_to_string(&sample).with_context(|| sample.display().to_string())?;
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("gold/000_96e414a91007daec.gold.json"))?)?;
    let gold: Vec<GoldEvent> = serde_json::from_value(gold["events"].clone())?;
    let mut r = rasid_core::input::parse_bytes("sample", text.as_bytes(), None).remove(0)?;
    r.id = Some("000_96e414a91007daec".into());
    let doc = full.run(r);
    let ms = eval::match_gold(&doc, &gold);
    let yn = |b: Option<bool>| match b {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "-",
    };
    let mut all = 0;
    for m in &ms {
        println!(
            "  line {:<3} {:<20} found {:<3} polarity {:<3} actors {}/{} target {:<3} location {:<3} background {:<3}",
            m.line,
            m.kind,
            yn(Some(m.found)),
            yn(Some(m.polarity)),
            m.actors.0,
            m.actors.1,
            yn(m.target),
            yn(m.location),
            yn(m.tense)
        );
        if let Some(s) = &m.system {
            println!("           {s}");
        }
        let ok = m.found
            && m.polarity
            && m.actors.0 == m.actors.1
            && m.target != Some(false)
            && m.location != Some(false)
            && m.tense != Some(false);
        all += usize::from(ok);
    }
    println!("  {all}/{} gold events fully right; the system reports {} events in all", ms.len(), doc.events.len());
    if let Some((a, p)) = min {
        if f1s[0] < a || f1s[1] < p {
            eprintln!(
                "rasid: cross-validated event detection F1 {:.3} / {:.3} is below the minimum {a} / {p}",
                f1s[0], f1s[1]
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
