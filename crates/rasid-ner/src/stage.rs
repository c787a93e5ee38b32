//! The entities stage of the analysis pipeline: tags each sentence with the
//! CRF and writes the `entities` layer (mentions by character offsets, without
//! glued proclitics, with a canonical name).

use rasid_core::document::{Document, Entity};
use rasid_core::pipeline::{Context, Layer, Stage};
use rasid_text::clitics::{self, CliticKind};
use rasid_text::normalize::search_fold_with_map;
use rasid_text::{tokenize, TokenKind};

use crate::corpus::spans;
use crate::lexicon::Lexicon;
use crate::model::Tagger;

/// Named entities from the built-in model.
pub struct Entities {
    tagger: Tagger<'static>,
}

impl Entities {
    /// The stage with the built-in model.
    pub fn new() -> std::io::Result<Entities> {
        Ok(Entities { tagger: Tagger::builtin()? })
    }
}

/// Character offset where a mention's first word starts once the
/// conjunctions and prepositions glued to it are removed; the article ال stays
/// (`لكوردستان` → `كوردستان`, `والعراق` → `العراق`). A leading و/ف that the
/// conservative segmenter keeps is removed too when the rest of the word is
/// the more frequent word in the corpus statistics (`وقرة` → `قرة`, but
/// `وزارة` stays whole).
fn stem_start(word: &str, start: usize, lex: &Lexicon) -> usize {
    let (folded, map) = search_fold_with_map(word);
    let chars: Vec<char> = folded.chars().collect();
    let mut skip = 0;
    for c in clitics::segment(&chars) {
        if c.kind == CliticKind::Article {
            break;
        }
        skip += c.len;
    }
    if skip == 0 && chars.len() > 3 && matches!(chars[0], 'و' | 'ف') {
        let rest: String = chars[1..].iter().collect();
        let freq = |w: &str| lex.get(&crate::gazetteer::key(w)).map_or(0, |b| b.0 + 1);
        if freq(&rest) > freq(&folded) {
            skip = 1;
        }
    }
    start + map.get(skip).copied().unwrap_or(0)
}

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        let mut found = Vec::new();
        for s in &doc.sentences {
            let toks = tokenize(&s.span.text);
            let words: Vec<String> = toks.iter().map(|t| t.term.clone()).collect();
            let Ok(tags) = self.tagger.tag(&words) else { continue };
            for (a, b, kind) in spans(&tags) {
                // A mention never starts or ends on punctuation.
                let (mut a, mut b) = (a, b);
                while a < b && toks[a].kind == TokenKind::Punct {
                    a += 1;
                }
                while b > a && toks[b - 1].kind == TokenKind::Punct {
                    b -= 1;
                }
                if a == b {
                    continue;
                }
                let start = stem_start(&toks[a].term, s.span.start + toks[a].start, Lexicon::builtin());
                let end = s.span.start + toks[b - 1].end;
                if start >= end {
                    continue;
                }
                let span = doc.span(start, end);
                let canonical = span.text.clone();
                found.push(Entity { span, kind: kind.as_str().to_string(), canonical });
            }
        }
        doc.entities = found;
    }
}
