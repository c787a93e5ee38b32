//! The document model: one article's original text and the layers of
//! annotation over it.
//!
//! A [`Document`] owns the decoded original text. Every annotation is a
//! [`Span`] of character offsets into that text (Unicode scalar values, end
//! exclusive) that also carries the covered text, so that
//! `span.text == text[start..end]` can always be checked. Layers are filled by
//! pipeline stages (see [`crate::pipeline`]); later stages (entities, quotes,
//! events) add layers beside these.

use std::sync::Arc;

use rasid_text::TokenKind;
use serde::{Serialize, Serializer};

fn kind_name<S: Serializer>(k: &TokenKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.as_str())
}

/// A span of the document's text, by character offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The covered text, equal to the original at `start..end`.
    pub text: String,
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
}

/// Where an article came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file path (or `-` for standard input).
    pub file: String,
    /// The 1-based JSONL line, WARC record or feed item number, for inputs
    /// that hold several articles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The encoding the input was decoded from.
    pub encoding: String,
}

/// An article's metadata, as given by the input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The outlet or source name, when the input gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The article's URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publication date as given by the input, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// A dateline: the place and outlet at the start of a news report
/// (`اربيل (كوردستان 24)-`, `الرياض - واس:`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dateline {
    /// The whole dateline, including its closing dash or colon.
    #[serde(flatten)]
    pub span: Span,
    /// The place name, when the dateline has one.
    pub place: Option<Span>,
    /// The outlet or agency, when the dateline has one.
    pub outlet: Option<Span>,
    /// Index of the paragraph the dateline opens.
    pub paragraph: usize,
}

/// A paragraph: a block of text between blank lines (or one line, in text
/// without blank lines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The paragraph's text, trimmed of surrounding white space.
    #[serde(flatten)]
    pub span: Span,
    /// The 1-based line of the text on which the paragraph starts.
    pub line: usize,
}

/// A sentence inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The sentence's text.
    #[serde(flatten)]
    pub span: Span,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// Two paragraphs of one article that say nearly the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicatePair {
    /// Index of the earlier paragraph.
    pub a: usize,
    /// Index of the later paragraph.
    pub b: usize,
    /// Share of the shorter paragraph's word bigrams found in the other (0..1).
    pub similarity: f64,
}

/// A named-entity mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The mention, without proclitics glued to its first word (the span of
    /// `كوردستان 24` in `لكوردستان 24`).
    #[serde(flatten)]
    pub span: Span,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The canonical name of the entity the mention refers to.
    pub canonical: String,
}

/// A title or role phrase standing next to a person's name (رئيس أركان
/// البيشمركة الفريق before جمال ايمينكي; قائد البيشمركة في جبهة الكوير - مخمور
/// after سيروان بارزاني).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Title {
    /// The title phrase.
    #[serde(flatten)]
    pub span: Span,
    /// The canonical name of the person it belongs to.
    pub person: String,
    /// Index of that person's mention in `entities`.
    pub entity: usize,
}

/// Who a statement is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The speaker's canonical name (the entity's, or the words that name
    /// an unnamed source: مصادر مطلعة).
    pub name: String,
    /// The mention that names the speaker for this statement, when the
    /// text names one here (absent when carried over from an earlier one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention: Option<Span>,
    /// Index of the speaker's mention in `entities`, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

/// A sentence chosen for an extractive summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummarySentence {
    /// The sentence, by offsets into the text.
    pub span: Span,
    /// Index of the sentence in `sentences`.
    pub sentence: usize,
    /// The speaker of a statement in the sentence when the sentence itself
    /// does not name them (a continuation such as وأضاف), so that the
    /// attribution survives extraction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The sentence's score (higher is more central).
    pub score: f32,
}

/// A statement attributed to a speaker (reported speech).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The speech verb or attribution phrase (قال, أضاف, بحسب, مضى للقول).
    pub cue: Span,
    /// The statement: from its first word (after إن/أن or the opening
    /// quotation mark) to the end of the statement.
    pub content: Span,
    /// `direct` (in quotation marks), `indirect`, or `mixed` (indirect with
    /// a quoted fragment).
    pub kind: String,
    /// The speaker, or null when the text gives none.
    pub speaker: Option<Speaker>,
    /// How the speaker was found when not named at the cue: `continuation`
    /// (the current speaker goes on), `surname`, `after` (the attribution
    /// follows the content).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<String>,
    /// The outlet or person the statement was given to (لكوردستان 24).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub told_to: Option<Span>,
    /// `negated` when the cue itself denies (نفى, نفت, أنكر).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polarity: Option<String>,
}

/// A participant of an event: an actor or the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventArg {
    /// The words that name it here.
    #[serde(flatten)]
    pub span: Span,
    /// The canonical name (the entity's, or the words themselves).
    pub name: String,
    /// Index of the mention in `entities`, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

/// Where an event happened, linked to the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPlace {
    /// The place name as written.
    #[serde(flatten)]
    pub span: Span,
    /// The gazetteer's name for the place (or the words when not found).
    pub name: String,
    /// Gazetteer id (`gn:` GeoNames, `x:` rasid's own list), when found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_id: Option<String>,
    /// The place's kind in the gazetteer (city, town, mountain, region, country, area...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_kind: Option<String>,
    /// ISO 3166 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Latitude, degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude, degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// ACLED's geo_precision: 1 the place itself, 2 near it or a part of a
    /// region, 3 a region or country.
    pub geo_precision: u8,
    /// A town the article also names within 60 km of the place (مخمور for
    /// قرة جوخ), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub near: Option<String>,
}

/// When an event happened, as written and resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventTime {
    /// The time expression as written (يوم امس, صباح يوم الاثنين, 12 آب 2015).
    #[serde(flatten)]
    pub span: Span,
    /// The day, `YYYY-MM-DD`, when it can be resolved (a relative expression
    /// needs an anchor: the publication date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Days from the anchor, for a relative expression (-1 for يوم امس).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset_days: Option<i64>,
    /// Weekday named by the expression, 0 = Sunday … 6 = Saturday.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u32>,
    /// What a relative expression counts from: `publication`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// ACLED's time_precision: 1 day, 2 week, 3 month or more.
    pub time_precision: u8,
}

/// Where an event's report comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventSource {
    /// `quote` (a statement in the article) or `outlet` (the report itself).
    pub kind: String,
    /// The speaker or the outlet, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Index of the statement in `quotes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
}

/// Something that happened (or was denied, or is only expected), coded
/// with ACLED's types and PLOVER's classes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// The word or phrase that reports it (قتل, انفجار, حملة لتطهير).
    pub trigger: Span,
    /// Index of the trigger's sentence in `sentences`.
    pub sentence: usize,
    /// ACLED event type (Battles, Explosions/Remote violence, Violence
    /// against civilians, Protests, Riots, Strategic developments) or one of
    /// rasid's own (Security operation, Talks, Denial).
    #[serde(rename = "type")]
    pub kind: String,
    /// ACLED sub-event type, when the trigger gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// PLOVER event class (ASSAULT, PROTEST, FIGHT, AGREE...), when one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// Who did it.
    pub actors: Vec<EventArg>,
    /// Who or what it was done to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<EventArg>,
    /// Where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<EventPlace>,
    /// When.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<EventTime>,
    /// `asserted`, `negated` (denied, did not happen) or `hypothetical`
    /// (expected, planned, conditional, asked about).
    pub polarity: String,
    /// `current` (what the report is about) or `background` (an earlier
    /// event recalled for context).
    pub tense: String,
    /// Deaths the text gives for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<u32>,
    /// Where the report of it comes from.
    pub source: EventSource,
    /// Later words in the article that refer to the same event (الحملة).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Span>,
    /// How sure the tagger is that this is a real event of this type (0..1).
    pub score: f32,
}

/// A token of the document, with its derived forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocToken {
    /// The original text of the token (shared between equal word forms).
    pub text: Arc<str>,
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Token kind (`arabic`, `latin`, `number`, `url`, `email`, `punct`).
    #[serde(serialize_with = "kind_name")]
    pub kind: TokenKind,
    /// Search-folded form (see `rasid_text::normalize`). Shared, because the
    /// same word form recurs throughout a corpus.
    pub norm: Arc<str>,
    /// Snowball Arabic stem of the folded form (Arabic and Latin words only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stem: Option<Arc<str>>,
}

/// One article and its analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// Stable id: the input's id, or a content hash of the text.
    pub id: String,
    /// Where the article was read from.
    pub origin: Origin,
    /// Metadata from the input.
    pub meta: Meta,
    /// The decoded original text. All offsets point into it.
    pub text: String,
    /// The headline, when there is one.
    pub headline: Option<Span>,
    /// The standfirst paragraph before the dateline paragraph, when there is one.
    pub lede: Option<Span>,
    /// The dateline, when there is one.
    pub dateline: Option<Dateline>,
    /// Every non-empty block, headline included.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Near-duplicate paragraph pairs inside this article.
    pub duplicates: Vec<DuplicatePair>,
    /// Named-entity mentions, in text order (filled by the entities stage).
    pub entities: Vec<Entity>,
    /// Titles and roles next to person mentions, in text order (filled by the
    /// entities stage).
    pub titles: Vec<Title>,
    /// Statements attributed to speakers, in text order (filled by the
    /// quotes stage).
    pub quotes: Vec<Quote>,
    /// An extractive summary: the most central sentences, in text order
    /// (filled by the summary stage).
    pub summary: Vec<SummarySentence>,
    /// Events, in text order (filled by the events stage).
    pub events: Vec<Event>,
    /// Tokens (left out of JSON when empty; front ends clear them unless
    /// asked for them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<DocToken>,
    /// Sparse index from character offsets to byte offsets.
    #[serde(skip)]
    index: CharIndex,
}

/// Byte offset of every [`CharIndex::STEP`]-th character, so that converting
/// an offset scans at most `STEP` characters; a full per-character table would
/// cost eight bytes per character of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CharIndex {
    checkpoints: Vec<usize>,
    chars: usize,
}

impl CharIndex {
    const STEP: usize = 64;

    fn new(text: &str) -> CharIndex {
        let mut checkpoints = Vec::with_capacity(text.len() / Self::STEP + 1);
        let mut chars = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % Self::STEP == 0 {
                checkpoints.push(b);
            }
            chars = i + 1;
        }
        CharIndex { checkpoints, chars }
    }
}

impl Document {
    /// A document over `text`, with no layers yet.
    pub fn new(id: String, text: String, origin: Origin, meta: Meta) -> Document {
        let index = CharIndex::new(&text);
        Document { id, origin, meta, text, index, ..Default::default() }
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        self.index.chars
    }

    /// Byte offset of character offset `c` (clamped to the end).
    pub fn byte_at(&self, c: usize) -> usize {
        if c >= self.index.chars {
            return self.text.len();
        }
        let base = self.index.checkpoints[c / CharIndex::STEP];
        let skip = c % CharIndex::STEP;
        self.text[base..].char_indices().nth(skip).map_or(self.text.len(), |(b, _)| base + b)
    }

    /// Character offset of byte offset `b`, which must be on a char boundary.
    pub fn char_at_byte(&self, b: usize) -> usize {
        let b = b.min(self.text.len());
        let k = self.index.checkpoints.partition_point(|&x| x <= b).saturating_sub(1);
        match self.index.checkpoints.get(k) {
            Some(&base) => k * CharIndex::STEP + self.text[base..b].chars().count(),
            None => 0,
        }
    }

    /// The text between two character offsets.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[self.byte_at(start)..self.byte_at(end)]
    }

    /// A [`Span`] for character offsets `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span { text: self.slice(start, end).to_string(), start, end }
    }

    /// Every span of every layer as (text, start, end), for checking offsets.
    pub fn all_spans(&self) -> Vec<(&str, usize, usize)> {
        let mut v: Vec<&Span> = Vec::new();
        v.extend(self.headline.iter());
        v.extend(self.lede.iter());
        if let Some(d) = &self.dateline {
            v.push(&d.span);
            v.extend(d.place.iter());
            v.extend(d.outlet.iter());
        }
        v.extend(self.paragraphs.iter().map(|p| &p.span));
        v.extend(self.sentences.iter().map(|s| &s.span));
        v.extend(self.entities.iter().map(|e| &e.span));
        let mut out: Vec<(&str, usize, usize)> = v.into_iter().map(|s| (s.text.as_str(), s.start, s.end)).collect();
        out.extend(self.tokens.iter().map(|t| (&*t.text, t.start, t.end)));
        out
    }
}

/// A stable content id: the first 16 hex digits of the 64-bit FNV-1a hash of
/// the text's UTF-8 bytes (fixed, so ids do not change across versions or
/// machines).
pub fn content_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_convert_both_ways() {
        let text = "اربيل (كوردستان 24)- ".repeat(20) + "end";
        let doc = Document::new("x".into(), text.clone(), Origin::default(), Meta::default());
        let n = text.chars().count();
        assert_eq!(doc.char_len(), n);
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(doc.byte_at(c), b);
            assert_eq!(doc.char_at_byte(b), c);
        }
        assert_eq!(doc.byte_at(n), text.len());
        assert_eq!(doc.char_at_byte(text.len()), n);
        assert_eq!(doc.span(0, 5).text, "اربيل");
    }
}
