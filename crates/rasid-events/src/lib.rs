//! # rasid-events: what happened, where and when
//!
//! The events stage codes each report of an event in an article with
//! ACLED's event types and sub-types (plus rasid's security operation,
//! talks and denial), PLOVER's classes, the trigger's span, the actors and
//! target (linked to entity mentions), the place (linked to a gazetteer of
//! Arabic place names with coordinates), the time (as written and resolved
//! against the publication date), the polarity (asserted, negated,
//! hypothetical), the tense (current or background), fatalities and the
//! source (a quoted speaker or the outlet).
//!
//! - [`lexicon`]: trigger words and phrases (`data/triggers.tsv`);
//! - [`gazetteer`]: places (`data/places.tsv`, built from GeoNames);
//! - [`time`]: time expressions;
//! - [`modality`]: polarity and tense cues;
//! - [`extract`]: the stage's logic;
//! - [`classify`]: whether a sentence reports an ASSAULT or PROTEST event
//!   (a classifier trained on the development half of the event gold standard);
//! - [`export`]: ACLED-style CSV and GeoJSON;
//! - [`eval`]: scoring against the Arabic event gold standard and the
//!   reference article's gold events.
#![deny(missing_docs)]

pub mod classify;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod lexicon;
pub mod modality;
pub mod time;

use rasid_core::document::Document;
use rasid_core::pipeline::{Context, Layer, Stage};

/// `w` (folded) without a glued conjunction و or ف when it is longer than
/// `longer_than` letters (وقتل → قتل with 3; ولم → لم only with 2).
pub(crate) fn without_conjunction(w: &str, longer_than: usize) -> &str {
    if w.chars().count() > longer_than {
        if let Some(r) = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
            return r;
        }
    }
    w
}

/// The events stage.
///
/// By default it keeps only what it takes for events: an asserted ASSAULT
/// or PROTEST event whose sentence the classifier scores below the class
/// threshold is dropped (most sentences with قتل or تظاهر do not report
/// one), and so is any other event whose trigger is weak (weight below
/// 0.5: حملة alone, casualty words) unless participants or a place
/// support it. [`Events::unfiltered`] keeps everything, with scores, for
/// training and error analysis.
#[derive(Debug)]
pub struct Events {
    filtered: bool,
}

impl Default for Events {
    fn default() -> Self {
        Events { filtered: true }
    }
}

impl Events {
    /// The stage without the filter (every trigger an event, with its score).
    pub fn unfiltered() -> Events {
        Events { filtered: false }
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Entities, Layer::Quotes]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        doc.events = extract::find_events(doc);
        let model = classify::Model::get();
        score_sentences(doc, model);
        if self.filtered {
            doc.events.retain(|e| match e.plover.as_deref() {
                Some(c) if model.has(c) && e.polarity == "asserted" => e.score >= model.threshold(c),
                Some(c) if model.has(c) => true,
                _ => e.score >= 0.5,
            });
        }
    }
}

/// Sets the score of each ASSAULT and PROTEST event to the classifier's
/// probability that the sentences telling it report such an event.
pub fn score_sentences(doc: &mut Document, model: &classify::Model) {
    let scores: Vec<Option<f32>> = doc
        .events
        .iter()
        .map(|e| {
            let class = e.plover.as_deref().filter(|c| model.has(c))?;
            Some(model.probability(class, &classify::event_features(doc, e)))
        })
        .collect();
    for (e, p) in doc.events.iter_mut().zip(scores) {
        if let Some(p) = p {
            e.score = (p * 1000.0).round() / 1000.0;
        }
    }
}
