//! Scoring events:
//!
//! - **Sentence detection** against the Arabic event gold standard
//!   (`../shared/data/arabic-event-gsr`): a sentence is predicted positive
//!   for ASSAULT (PROTEST) when it yields an asserted event of that PLOVER
//!   class; gold `yes` is positive, `easy no` and `difficult no` negative,
//!   `ambiguous` left out.
//! - **Span agreement** with the span files: the share of annotated
//!   sentences whose agreed verb our trigger covers, and whose agreed
//!   source and target words our actors and target cover.
//! - **Gold events** of the reference article
//!   (`../shared/gold/000_96e414a91007daec.gold.json`): type, polarity,
//!   actors and location of each.

use rasid_core::document::{Document, Event};
use rasid_text::normalize::search_fold;
use serde::Deserialize;

/// One labelled sentence of the gold standard.
#[derive(Debug, Clone)]
pub struct GsrSentence {
    /// Sentence id.
    pub id: String,
    /// yes, easy no, difficult no, ambiguous.
    pub label: String,
    /// The sentence.
    pub text: String,
}

/// Reads RFC 4180 CSV text into rows of fields.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else {
            match c {
                '"' if field.is_empty() => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\r' => {}
                '\n' => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                _ => field.push(c),
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Reads the sentences of a gold-standard CSV (columns id, event_type,
/// label, accept, reject, total, text).
pub fn read_gsr(text: &str) -> Result<Vec<GsrSentence>, String> {
    let rows = parse_csv(text);
    let header = rows.first().ok_or("empty file")?;
    let col = |name: &str| header.iter().position(|h| h.trim() == name).ok_or(format!("no column {name}"));
    let (id, label, txt) = (col("id")?, col("label")?, col("text")?);
    Ok(rows[1..]
        .iter()
        .filter(|r| r.len() > txt)
        .map(|r| GsrSentence { id: r[id].clone(), label: r[label].trim().to_string(), text: r[txt].clone() })
        .collect())
}

/// Whether a document's events make its sentence positive for `plover`:
/// an asserted event of the class whose score reaches the built-in
/// classifier's threshold.
pub fn detects(doc: &Document, plover: &str) -> bool {
    let t = crate::classify::Model::get().threshold(plover);
    doc.events.iter().any(|e| e.plover.as_deref() == Some(plover) && e.polarity == "asserted" && e.score >= t)
}

/// The classifier instance of a one-sentence document (the gold standard's
/// unit): the features of its asserted events of the class, or
/// `no-trigger`.
pub fn instance_features(doc: &Document, plover: &str) -> Vec<String> {
    let mut f: Vec<String> = doc
        .events
        .iter()
        .filter(|e| e.plover.as_deref() == Some(plover) && e.polarity == "asserted")
        .flat_map(|e| crate::classify::event_features(doc, e))
        .collect();
    if f.is_empty() {
        return vec!["no-trigger".into()];
    }
    f.sort();
    f.dedup();
    f
}

/// Binary detection counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Detection {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// True negatives.
    pub tn: usize,
}

impl Detection {
    /// Adds one judgement.
    pub fn add(&mut self, gold: bool, predicted: bool) {
        match (gold, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    /// Precision.
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// One record of a span file.
#[derive(Debug, Clone, Deserialize)]
pub struct SpanRecord {
    /// Sentence id.
    pub source: String,
    /// The sentence.
    pub text: String,
    /// Source actor words all coders agreed on.
    #[serde(default)]
    pub source_gold: String,
    /// Verb words all coders agreed on.
    #[serde(default)]
    pub verb_gold: String,
    /// Target words all coders agreed on.
    #[serde(default)]
    pub target_gold: String,
}

/// Agreement of triggers, actors and targets with the span files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanAgreement {
    /// Records with an agreed verb.
    pub verbs: usize,
    /// ... whose verb a trigger of the class covers.
    pub verbs_found: usize,
    /// Records with an agreed source actor.
    pub sources: usize,
    /// ... whose words an actor of such an event covers.
    pub sources_found: usize,
    /// Records with an agreed target.
    pub targets: usize,
    /// ... whose words the target or an actor of such an event covers.
    pub targets_found: usize,
}

fn covers(text: &str, words: &str) -> bool {
    let t = search_fold(text);
    let ws: Vec<String> = words.split_whitespace().map(search_fold).collect();
    !ws.is_empty() && ws.iter().all(|w| t.contains(w.trim_start_matches(['و', 'ف'])))
}

/// Scores one span record given the document made of its sentence.
pub fn span_agreement(doc: &Document, plover: &str, r: &SpanRecord, acc: &mut SpanAgreement) {
    let evs: Vec<&Event> = doc.events.iter().filter(|e| e.plover.as_deref() == Some(plover)).collect();
    if !r.verb_gold.trim().is_empty() {
        acc.verbs += 1;
        if evs.iter().any(|e| covers(&e.trigger.text, &r.verb_gold) || covers(&r.verb_gold, &e.trigger.text)) {
            acc.verbs_found += 1;
        }
    }
    if !r.source_gold.trim().is_empty() {
        acc.sources += 1;
        if evs.iter().any(|e| {
            e.actors.iter().any(|a| covers(&a.span.text, &r.source_gold) || covers(&r.source_gold, &a.span.text))
        }) {
            acc.sources_found += 1;
        }
    }
    if !r.target_gold.trim().is_empty() {
        acc.targets += 1;
        if evs.iter().any(|e| {
            e.target
                .iter()
                .chain(e.actors.iter())
                .any(|a| covers(&a.span.text, &r.target_gold) || covers(&r.target_gold, &a.span.text))
        }) {
            acc.targets_found += 1;
        }
    }
}

/// A gold event of the reference article.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// military_operation, agreement, territorial_control, battle, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// asserted, negated, hypothetical.
    pub polarity: String,
    /// 1-based line of the file.
    pub line: usize,
    /// Actor names.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Target name.
    #[serde(default)]
    pub target: Option<String>,
    /// Place name.
    #[serde(default)]
    pub location: Option<String>,
    /// `past` for background events.
    #[serde(default)]
    pub tense: Option<String>,
    /// Relative time as written.
    #[serde(default)]
    pub relative_time: Option<String>,
}

/// Whether an event's type is the gold type.
pub fn type_matches(gold: &str, e: &Event) -> bool {
    let sub = e.subtype.as_deref().unwrap_or("");
    match gold {
        "military_operation" => e.kind == "Security operation",
        "agreement" => sub == "Agreement",
        "talks" => e.kind == "Talks",
        "territorial_control" => {
            matches!(
                sub,
                "Government regains territory"
                    | "Non-state actor overtakes territory"
                    | "Non-violent transfer of territory"
            )
        }
        "battle" => e.kind == "Battles",
        "attack" => e.plover.as_deref() == Some("ASSAULT"),
        "protest" => e.kind == "Protests",
        "arrest" => sub == "Arrests",
        other => e.kind.eq_ignore_ascii_case(other),
    }
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (search_fold(a), search_fold(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// How one gold event was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMatch {
    /// The gold event's type.
    pub kind: String,
    /// Its line.
    pub line: usize,
    /// A system event of the right type on that line (or merged into one).
    pub found: bool,
    /// Polarity right.
    pub polarity: bool,
    /// Gold actors found among the event's actors.
    pub actors: (usize, usize),
    /// Target right (None when the gold has none).
    pub target: Option<bool>,
    /// Location right (None when the gold has none).
    pub location: Option<bool>,
    /// Background/current right (None when the gold says nothing).
    pub tense: Option<bool>,
    /// The system event's summary, when found.
    pub system: Option<String>,
}

/// Matches the gold events of an article with a document's events.
pub fn match_gold(doc: &Document, gold: &[GoldEvent]) -> Vec<GoldMatch> {
    // Character ranges of the file's lines.
    let mut lines = Vec::new();
    let mut start = 0;
    for l in doc.text.split('\n') {
        let n = l.chars().count();
        lines.push((start, start + n));
        start += n + 1;
    }
    gold.iter()
        .map(|g| {
            let (a, b) = lines.get(g.line.wrapping_sub(1)).copied().unwrap_or((0, 0));
            let on_line = |s: &rasid_core::document::Span| s.start >= a && s.start < b;
            let ev = doc
                .events
                .iter()
                .filter(|e| type_matches(&g.kind, e))
                .find(|e| on_line(&e.trigger) || e.mentions.iter().any(on_line));
            let system = ev.map(|e| {
                format!(
                    "{} / {} [{}] {} actors: {} target: {} at: {} time: {} {}",
                    e.kind,
                    e.subtype.as_deref().unwrap_or("-"),
                    e.trigger.text,
                    e.polarity,
                    e.actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(" + "),
                    e.target.as_ref().map_or("-", |t| t.name.as_str()),
                    e.location.as_ref().map_or("-".to_string(), |l| format!(
                        "{} ({:.3}, {:.3}{})",
                        l.name,
                        l.latitude.unwrap_or(0.0),
                        l.longitude.unwrap_or(0.0),
                        l.near.as_deref().map(|n| format!(", near {n}")).unwrap_or_default()
                    )),
                    e.time.as_ref().map_or("-".to_string(), |t| format!(
                        "{} ({})",
                        t.span.text,
                        t.date
                            .clone()
                            .or(t.offset_days.map(|d| format!("{d:+} day from publication")))
                            .unwrap_or_default()
                    )),
                    e.tense
                )
            });
            GoldMatch {
                kind: g.kind.clone(),
                line: g.line,
                found: ev.is_some(),
                polarity: ev.is_some_and(|e| e.polarity == g.polarity),
                actors: (
                    g.actors
                        .iter()
                        .filter(|ga| {
                            ev.is_some_and(|e| {
                                e.actors.iter().any(|a| same_name(&a.name, ga) || same_name(&a.span.text, ga))
                            })
                        })
                        .count(),
                    g.actors.len(),
                ),
                target: g
                    .target
                    .as_ref()
                    .map(|t| ev.is_some_and(|e| e.target.as_ref().is_some_and(|x| same_name(&x.name, t)))),
                location: g.location.as_ref().map(|l| {
                    ev.is_some_and(|e| {
                        e.location.as_ref().is_some_and(|x| same_name(&x.span.text, l) || same_name(&x.name, l))
                    })
                }),
                tense: g.tense.as_ref().map(|t| ev.is_some_and(|e| (t == "past") == (e.tense == "background"))),
                system,
            }
        })
        .collect()
}

/// One training or test instance: sentence id, features, gold label.
pub type Instance = (String, Vec<String>, bool);

/// The fold (0..folds) of a sentence id: FNV-1a of the id, so folds are
/// fixed across runs and machines.
pub fn fold_of(id: &str, folds: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % folds
}

/// Training settings of the sentence classifier.
pub const EPOCHS: usize = 15;
/// L2 regularization of the sentence classifier.
pub const L2: f32 = 0.002;

/// Cross-validated probabilities: each instance scored by a model trained
/// on the other folds only. Instances without a trigger of the class
/// (features `no-trigger`) get 0.
pub fn cross_validate(class: &str, instances: &[Instance], folds: u64) -> Vec<f32> {
    let mut out = vec![0.0; instances.len()];
    for k in 0..folds {
        let train: Vec<(Vec<String>, bool)> = instances
            .iter()
            .filter(|i| fold_of(&i.0, folds) != k && !is_untriggered(&i.1))
            .map(|i| (i.1.clone(), i.2))
            .collect();
        let mut m = crate::classify::Model::default();
        m.train_class(class, &train, EPOCHS, L2);
        for (j, i) in instances.iter().enumerate() {
            if fold_of(&i.0, folds) == k && !is_untriggered(&i.1) {
                out[j] = m.probability(class, &i.1);
            }
        }
    }
    out
}

/// Whether an instance has no trigger of the class.
pub fn is_untriggered(features: &[String]) -> bool {
    features.len() == 1 && features[0] == "no-trigger"
}

/// Detection counts at a threshold.
pub fn at_threshold(instances: &[Instance], probs: &[f32], threshold: f32) -> Detection {
    let mut d = Detection::default();
    for (i, p) in instances.iter().zip(probs) {
        d.add(i.2, *p >= threshold);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_commas_and_newlines() {
        let rows = parse_csv("id,label,text\r\na,yes,\"قتل، \"\"اثنان\"\"\nسطر\"\nb,easy no,x\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][2], "قتل، \"اثنان\"\nسطر");
        assert_eq!(rows[2], vec!["b", "easy no", "x"]);
    }

    #[test]
    fn detection_scores() {
        let mut d = Detection::default();
        for (g, p) in [(true, true), (true, false), (false, true), (false, false), (true, true)] {
            d.add(g, p);
        }
        assert_eq!((d.tp, d.fp, d.fn_, d.tn), (2, 1, 1, 1));
        assert!((d.f1() - 2.0 / 3.0).abs() < 1e-9);
    }
}
