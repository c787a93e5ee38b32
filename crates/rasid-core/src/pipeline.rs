//! The analysis pipeline: named stages that each declare the layers they read
//! and write, run in order over a [`Document`] (spaCy's model).
//!
//! [`Pipeline::new`] checks the declarations: a stage may only require layers
//! that an earlier stage assigns.

use rasid_text::stem::SnowballStemmer;

use crate::document::Document;
use crate::input::RawArticle;
use crate::{duplicates, sentences, structure, tokens};

/// A layer of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// `paragraphs`.
    Paragraphs,
    /// `headline`.
    Headline,
    /// `dateline`.
    Dateline,
    /// `lede`.
    Lede,
    /// `sentences`.
    Sentences,
    /// `tokens`.
    Tokens,
    /// `duplicates`.
    Duplicates,
    /// `entities`.
    Entities,
    /// `titles`.
    Titles,
    /// `quotes`.
    Quotes,
    /// `summary`.
    Summary,
    /// `events`.
    Events,
}

/// Per-document facts a stage may need besides the document itself.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Whether the first paragraph is the headline.
    pub has_headline: bool,
}

/// One step of the pipeline.
pub trait Stage: Send + Sync {
    /// The stage's name.
    fn name(&self) -> &'static str;
    /// Layers this stage reads.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage writes.
    fn assigns(&self) -> &'static [Layer];
    /// Runs the stage.
    fn process(&self, doc: &mut Document, cx: &Context);
}

/// Paragraphs, headline, dateline and lede.
pub struct Structure;

impl Stage for Structure {
    fn name(&self) -> &'static str {
        "structure"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Headline, Layer::Dateline, Layer::Lede]
    }
    fn process(&self, doc: &mut Document, cx: &Context) {
        doc.paragraphs = structure::paragraphs(doc);
        doc.headline = if cx.has_headline { doc.paragraphs.first().map(|p| p.span.clone()) } else { None };
        doc.dateline = structure::dateline(doc, cx.has_headline);
        doc.lede = structure::lede(doc, cx.has_headline).map(|i| doc.paragraphs[i].span.clone());
    }
}

/// Sentences inside paragraphs.
pub struct Sentences;

impl Stage for Sentences {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        doc.sentences = sentences::sentences(doc);
    }
}

/// Near-duplicate paragraphs.
pub struct Duplicates;

impl Stage for Duplicates {
    fn name(&self) -> &'static str {
        "duplicates"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Tokens]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Duplicates]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        doc.duplicates = duplicates::duplicate_paragraphs(doc, &doc.tokens);
    }
}

/// Tokens with folded forms and stems.
#[derive(Default)]
pub struct Tokens {
    stemmer: SnowballStemmer,
}

impl Stage for Tokens {
    fn name(&self) -> &'static str {
        "tokens"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        doc.tokens = tokens::tokens(doc, &self.stemmer);
    }
}

/// An ordered list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

/// A stage requires a layer that no earlier stage assigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingLayer {
    /// The stage.
    pub stage: &'static str,
    /// The layer it requires.
    pub layer: Layer,
}

impl Pipeline {
    /// Builds a pipeline, checking that every requirement is met in order.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, MissingLayer> {
        let mut have: Vec<Layer> = Vec::new();
        for s in &stages {
            if let Some(&layer) = s.requires().iter().find(|l| !have.contains(l)) {
                return Err(MissingLayer { stage: s.name(), layer });
            }
            have.extend_from_slice(s.assigns());
        }
        Ok(Pipeline { stages })
    }

    /// The standard pipeline: structure, sentences, tokens, duplicates.
    pub fn standard() -> Pipeline {
        Pipeline::new(Self::standard_stages()).expect("the standard pipeline is well ordered")
    }

    /// The stages of [`Pipeline::standard`], to extend with later stages.
    pub fn standard_stages() -> Vec<Box<dyn Stage>> {
        vec![Box::new(Structure), Box::new(Sentences), Box::new(Tokens::default()), Box::new(Duplicates)]
    }

    /// Structure only (paragraphs, headline, dateline, lede): what ingestion
    /// stores today.
    pub fn structure_only() -> Pipeline {
        Pipeline::new(vec![Box::new(Structure)]).expect("one stage")
    }

    /// The stage names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Analyzes one article.
    pub fn run(&self, article: RawArticle) -> Document {
        let id = article.stable_id();
        let cx = Context { has_headline: article.has_headline };
        let mut doc = Document::new(id, article.text, article.origin, article.meta);
        for s in &self.stages {
            s.process(&mut doc, &cx);
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_are_checked_in_order() {
        let bad = Pipeline::new(vec![Box::new(Sentences), Box::new(Structure)]);
        assert_eq!(bad.err(), Some(MissingLayer { stage: "sentences", layer: Layer::Paragraphs }));
        assert_eq!(Pipeline::standard().names(), ["structure", "sentences", "tokens", "duplicates"]);
    }
}
