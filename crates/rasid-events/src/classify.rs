//! Does a sentence report an ASSAULT (PROTEST) event? A logistic-regression
//! classifier over what the events stage found in the sentence (the
//! triggers of the class and their weights, polarity, tense, participants,
//! place, time, casualty counts, reported speech) and its folded words.
//!
//! Trigger words alone over-report: most sentences that contain قتل or
//! تظاهر in newswire recall, expect, condemn or discuss an event rather than
//! report one (a keyword list reaches F1 0.26 / 0.13 on the Arabic event
//! gold standard). The classifier learns which contexts report one. It is
//! trained by `rasid train events` on the development half of that gold
//! standard only (`../shared/data/arabic-event-gsr`), deterministically
//! (fixed order, no randomness), and stored in `models/sentence.tsv`.
//!
//! Written here rather than taken from a crate: the model is a few thousand
//! weights and its training a few lines, and it must be reproducible
//! byte for byte.

use rasid_core::document::{Document, Event};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The classes the classifier decides.
pub const CLASSES: [&str; 2] = ["ASSAULT", "PROTEST"];

/// A trained model: per class, a bias and feature weights, and the
/// decision threshold chosen by cross-validation.
#[derive(Debug, Default, Clone)]
pub struct Model {
    classes: FxHashMap<String, (f32, FxHashMap<String, f32>)>,
    thresholds: FxHashMap<String, f32>,
}

const MODEL: &str = include_str!("../models/sentence.tsv");

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// The built-in model.
    pub fn get() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::parse(MODEL))
    }

    /// Parses a model file: `class<TAB>feature<TAB>weight` lines, the bias
    /// as feature `<bias>`.
    pub fn parse(text: &str) -> Model {
        let mut m = Model::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            let (3, Ok(w)) = (f.len(), f.get(2).map_or(Ok(0.0), |w| w.parse::<f32>())) else { continue };
            if f[1] == "<threshold>" {
                m.thresholds.insert(f[0].to_string(), w);
                continue;
            }
            let c = m.classes.entry(f[0].to_string()).or_default();
            if f[1] == "<bias>" {
                c.0 = w;
            } else {
                c.1.insert(f[1].to_string(), w);
            }
        }
        m
    }

    /// The probability from which a sentence counts as reporting the class.
    pub fn threshold(&self, class: &str) -> f32 {
        self.thresholds.get(class).copied().unwrap_or(0.5)
    }

    /// Sets the decision threshold of a class.
    pub fn set_threshold(&mut self, class: &str, t: f32) {
        self.thresholds.insert(class.to_string(), t);
    }

    /// Whether the model has weights for a class.
    pub fn has(&self, class: &str) -> bool {
        self.classes.contains_key(class)
    }

    /// The probability that a sentence with these features reports an
    /// event of the class (0.5 when the class is unknown).
    pub fn probability(&self, class: &str, features: &[String]) -> f32 {
        let Some((b, w)) = self.classes.get(class) else { return 0.5 };
        sigmoid(b + features.iter().filter_map(|f| w.get(f)).sum::<f32>())
    }

    /// Writes the model (sorted, so the file is the same for the same model).
    pub fn to_tsv(&self) -> String {
        let mut out =
            String::from("# rasid sentence event classifier: class<TAB>feature<TAB>weight (rasid train events)\n");
        let mut classes: Vec<&String> = self.classes.keys().collect();
        classes.sort();
        for c in classes {
            let (b, w) = &self.classes[c];
            out.push_str(&format!("{c}\t<bias>\t{b:.5}\n"));
            out.push_str(&format!("{c}\t<threshold>\t{:.3}\n", self.threshold(c)));
            let mut fs: Vec<(&String, &f32)> = w.iter().filter(|(_, v)| v.abs() >= 0.0005).collect();
            fs.sort_by(|a, b| a.0.cmp(b.0));
            for (f, v) in fs {
                out.push_str(&format!("{c}\t{f}\t{v:.4}\n"));
            }
        }
        out
    }

    /// Trains one class by stochastic gradient descent on the logistic loss
    /// with L2 regularization, visiting examples in the given order.
    pub fn train_class(&mut self, class: &str, examples: &[(Vec<String>, bool)], epochs: usize, l2: f32) {
        let mut w: FxHashMap<String, f32> = FxHashMap::default();
        let mut b = 0.0f32;
        let pos = examples.iter().filter(|e| e.1).count().max(1) as f32;
        let neg = (examples.len() as f32 - pos).max(1.0);
        // Weigh positives up (they are rare): (negatives / positives)^0.75,
        // the best of ^0.5, ^0.75 and ^1 in cross-validation.
        let wpos = (neg / pos).powf(0.75);
        for epoch in 0..epochs {
            let rate = 0.1 / (1.0 + epoch as f32 * 0.2);
            for (fs, y) in examples {
                let z = b + fs.iter().filter_map(|f| w.get(f)).sum::<f32>();
                let g = (sigmoid(z) - if *y { 1.0 } else { 0.0 }) * if *y { wpos } else { 1.0 };
                b -= rate * g;
                for f in fs {
                    let v = w.entry(f.clone()).or_insert(0.0);
                    *v -= rate * (g + l2 * *v);
                }
            }
        }
        self.classes.insert(class.to_string(), (b, w));
    }
}

/// The sentence index of a character offset.
fn sentence_at(doc: &Document, offset: usize) -> Option<usize> {
    let k = doc.sentences.partition_point(|s| s.span.end <= offset);
    (k < doc.sentences.len() && doc.sentences[k].span.start <= offset).then_some(k)
}

/// The features of one event: its triggers (the first and the words that
/// repeat it), polarity, tense, participants, place, time, casualties, and
/// the words of the sentences that tell it.
pub fn event_features(doc: &Document, e: &Event) -> Vec<String> {
    let mut f: Vec<String> = Vec::new();
    let mut sentences = vec![e.sentence];
    for t in std::iter::once(&e.trigger).chain(&e.mentions) {
        f.push(format!("t={}", rasid_text::normalize::search_fold(&t.text)));
        if let Some(si) = sentence_at(doc, t.start) {
            sentences.push(si);
        }
    }
    sentences.sort_unstable();
    sentences.dedup();
    f.push(format!("type={}/{}", e.kind, e.subtype.as_deref().unwrap_or("")));
    f.push(format!("pol={}", e.polarity));
    f.push(format!("tense={}", e.tense));
    f.push(format!("src={}", e.source.kind));
    f.push(format!("n-triggers={}", (1 + e.mentions.len()).min(3)));
    let same = doc
        .events
        .iter()
        .filter(|x| x.sentence == e.sentence && x.plover == e.plover && x.polarity == "asserted")
        .count();
    f.push(format!("n-asserted={}", same.min(3)));
    if !e.actors.is_empty() {
        f.push("has-actor".into());
    }
    if e.target.is_some() {
        f.push("has-target".into());
    }
    if e.location.is_some() {
        f.push("has-place".into());
    }
    if let Some(t) = &e.time {
        f.push("has-time".into());
        if t.offset_days.is_some_and(|d| d >= -2) || t.weekday.is_some() {
            f.push("recent".into());
        }
    }
    if e.fatalities.is_some() {
        f.push("fatalities".into());
    }
    if let Some(s) = doc.sentences.get(e.sentence) {
        let pos = (e.trigger.start.saturating_sub(s.span.start)) as f32 / (s.span.end - s.span.start).max(1) as f32;
        f.push(format!("at={}", (pos * 3.0).min(2.0) as u32));
    }
    for si in sentences {
        let s = &doc.sentences[si].span;
        if doc.quotes.iter().any(|q| q.content.start >= s.start && q.content.start < s.end) {
            f.push("has-quote".into());
        }
        if s.text.contains('؟') || s.text.contains('?') {
            f.push("question".into());
        }
        let from = doc.tokens.partition_point(|t| t.end <= s.start);
        for t in doc.tokens[from..].iter().take_while(|t| t.start < s.end) {
            if t.norm.chars().count() >= 2 {
                f.push(format!("w={}", t.norm));
            }
        }
    }
    f.sort();
    f.dedup();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_separates_a_simple_case_and_round_trips() {
        let ex: Vec<(Vec<String>, bool)> = (0..40)
            .map(|i| {
                let y = i % 3 == 0;
                (vec![if y { "w=قتل".to_string() } else { "w=دعا".to_string() }, format!("w=x{}", i % 5)], y)
            })
            .collect();
        let mut m = Model::default();
        m.train_class("ASSAULT", &ex, 20, 0.001);
        assert!(m.probability("ASSAULT", &["w=قتل".into()]) > 0.7);
        assert!(m.probability("ASSAULT", &["w=دعا".into()]) < 0.3);
        let back = Model::parse(&m.to_tsv());
        let p = back.probability("ASSAULT", &["w=قتل".into()]);
        assert!((p - m.probability("ASSAULT", &["w=قتل".into()])).abs() < 1e-3);
        assert_eq!(back.probability("PROTEST", &[]), 0.5);
    }
}
