//! The search index: tantivy, with rasid's Arabic analyzers as tokenizers.
//!
//! [`SearchIndex`] is the seam; [`TantivyIndex`] is the embedded
//! implementation. Fields:
//!
//! | field | analysis | for |
//! |---|---|---|
//! | `id` | raw, stored | the article id |
//! | `headline`, `body`, `place` | `rasid_search`: search folding + conservative clitic segmentation, positions | exact word forms (names stay unstemmed), phrases |
//! | `headline_stem`, `body_stem` | `rasid_search` + the configured stemmer (`light` or `snowball`), frequencies | morphological variants |
//! | `outlet` | raw, folded and lowercased | `--outlet` filter |
//! | `day` | i64 days since 1970-01-01, fast | `--from`/`--to` filter |
//!
//! Queries go through the same analyzers (tantivy's query parser tokenizes
//! each query word with the field's tokenizer). The last article `seq`
//! included in a commit is stored as the commit payload, which lets the
//! archive resume after a crash.

use std::ops::Bound;
use std::path::Path;

use rasid_text::normalize::search_fold;
use rasid_text::Analyzer;
use rayon::prelude::*;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::error::{Error, Result};

/// Which stemmer fills the `*_stem` fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StemChoice {
    /// Lucene's light stemmer (prefix/suffix stripping).
    Light,
    /// Snowball Arabic (frostem).
    Snowball,
}

impl StemChoice {
    /// The analyzer name used for the stemmed fields.
    pub fn analyzer(self) -> &'static str {
        match self {
            StemChoice::Light => "search-light",
            StemChoice::Snowball => "search-snowball",
        }
    }

    /// Parses `light` or `snowball`.
    pub fn from_name(s: &str) -> Option<StemChoice> {
        match s {
            "light" => Some(StemChoice::Light),
            "snowball" => Some(StemChoice::Snowball),
            _ => None,
        }
    }

    /// The name (`light`, `snowball`).
    pub fn name(self) -> &'static str {
        match self {
            StemChoice::Light => "light",
            StemChoice::Snowball => "snowball",
        }
    }
}

/// A rasid analyzer as a tantivy tokenizer. Offsets are byte offsets into
/// the text given to it, so tantivy's positions and any highlighting refer to
/// the original text.
#[derive(Clone)]
pub struct RasidTokenizer {
    analyzer: &'static Analyzer,
}

impl RasidTokenizer {
    /// The tokenizer for a named rasid analyzer.
    pub fn new(name: &str) -> Option<RasidTokenizer> {
        Analyzer::by_name(name).map(|analyzer| RasidTokenizer { analyzer })
    }
}

/// The token stream of [`RasidTokenizer`].
pub struct RasidTokenStream {
    tokens: Vec<TantivyToken>,
    next: usize,
}

impl Tokenizer for RasidTokenizer {
    type TokenStream<'a> = RasidTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> RasidTokenStream {
        let tokens = self
            .analyzer
            .analyze(text)
            .into_iter()
            .map(|t| TantivyToken {
                offset_from: t.byte_start,
                offset_to: t.byte_end,
                position: t.position,
                text: t.term,
                position_length: 1,
            })
            .collect();
        RasidTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for RasidTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &TantivyToken {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut TantivyToken {
        &mut self.tokens[self.next - 1]
    }
}

/// What the index stores of one article.
#[derive(Debug, Clone, Default)]
pub struct IndexDoc {
    /// Article id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Body: the text after the headline.
    pub body: String,
    /// Dateline place.
    pub place: String,
    /// Outlet (raw; folded when indexed).
    pub outlet: Option<String>,
    /// Publication day as days since 1970-01-01.
    pub day: Option<i64>,
}

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query: words, `"phrases"`, `AND`/`OR`/`NOT`, `+must`, `-not`,
    /// `field:word` with fields `headline`, `body`, `place`.
    pub query: String,
    /// Maximum hits.
    pub limit: usize,
    /// Only this outlet (compared folded and lowercased).
    pub outlet: Option<String>,
    /// Only days at or after this (days since epoch).
    pub from_day: Option<i64>,
    /// Only days at or before this (days since epoch).
    pub to_day: Option<i64>,
}

/// The index seam: what ingestion and search need from a search index.
pub trait SearchIndex: Send {
    /// Adds articles (visible after [`SearchIndex::commit`]).
    fn add_batch(&mut self, docs: &[IndexDoc]) -> Result<()>;
    /// Commits added articles, recording `last_seq` as the highest article
    /// sequence number included.
    fn commit(&mut self, last_seq: i64) -> Result<()>;
    /// The `last_seq` of the last commit (0 for a new index).
    fn committed_seq(&self) -> Result<i64>;
    /// Searches; returns (id, score) pairs, best first.
    fn search(&self, req: &SearchRequest) -> Result<Vec<(String, f32)>>;
    /// Number of indexed articles.
    fn num_docs(&self) -> u64;
    /// Size on disk, in bytes.
    fn size_bytes(&self) -> u64;
}

/// Field handles of the schema.
#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    headline: Field,
    headline_stem: Field,
    body: Field,
    body_stem: Field,
    place: Field,
    outlet: Field,
    day: Field,
}

fn schema(stem: StemChoice) -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, option| {
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(option))
    };
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let stem_name = match stem {
        StemChoice::Light => "rasid_light",
        StemChoice::Snowball => "rasid_snowball",
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        headline: b.add_text_field("headline", text("rasid_search", positions)),
        headline_stem: b.add_text_field("headline_stem", text(stem_name, IndexRecordOption::WithFreqs)),
        body: b.add_text_field("body", text("rasid_search", positions)),
        body_stem: b.add_text_field("body_stem", text(stem_name, IndexRecordOption::WithFreqs)),
        place: b.add_text_field("place", text("rasid_search", positions)),
        outlet: b.add_text_field("outlet", STRING),
        day: b.add_i64_field("day", NumericOptions::default() | INDEXED | tantivy::schema::FAST),
    };
    (b.build(), fields)
}

fn register_tokenizers(index: &Index) {
    for (name, analyzer) in
        [("rasid_search", "search"), ("rasid_light", "search-light"), ("rasid_snowball", "search-snowball")]
    {
        let tok = RasidTokenizer::new(analyzer).expect("built-in analyzer");
        index.tokenizers().register(name, tok);
    }
}

/// The outlet as indexed and as compared by the `--outlet` filter.
pub fn outlet_key(outlet: &str) -> String {
    search_fold(outlet.trim()).to_lowercase()
}

/// The tantivy index.
pub struct TantivyIndex {
    index: Index,
    fields: Fields,
    stem: StemChoice,
    writer: Option<IndexWriter>,
    reader: IndexReader,
    dir: std::path::PathBuf,
}

/// Version of the terms the analyzers give the index. Bump it whenever a
/// change to the analyzers changes the terms of some word (version 2,
/// 2026-12-07: the future س no longer comes off nouns, so وسائل is indexed
/// as وسايل, not ايل). An index written with another version, or before
/// versions were recorded, is rebuilt from the store when the archive is
/// opened ([`crate::Archive::open`]): otherwise its old terms would never
/// match the new query terms.
pub const ANALYSIS_VERSION: u32 = 2;
/// The file in the index directory that records [`ANALYSIS_VERSION`].
const ANALYSIS_FILE: &str = "rasid-analysis";

impl TantivyIndex {
    /// Whether `dir` holds an index written by analyzers of another
    /// [`ANALYSIS_VERSION`] (or by a build that recorded none).
    pub fn is_stale(dir: &Path) -> bool {
        dir.join("meta.json").exists()
            && std::fs::read_to_string(dir.join(ANALYSIS_FILE)).ok().and_then(|s| s.trim().parse::<u32>().ok())
                != Some(ANALYSIS_VERSION)
    }

    /// Opens the index in `dir`, creating it with `stem` if there is none.
    /// An existing index keeps the stemmer it was created with.
    pub fn open(dir: &Path, stem: StemChoice) -> Result<TantivyIndex> {
        std::fs::create_dir_all(dir)?;
        let existing = dir.join("meta.json").exists();
        let stem = if existing { Self::stem_of(dir).unwrap_or(stem) } else { stem };
        let (schema, fields) = schema(stem);
        let index = if existing {
            Index::open_in_dir(dir)?
        } else {
            std::fs::write(dir.join("rasid-stemmer"), stem.name())?;
            std::fs::write(dir.join(ANALYSIS_FILE), ANALYSIS_VERSION.to_string())?;
            Index::create_in_dir(dir, schema)?
        };
        register_tokenizers(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(TantivyIndex { index, fields, stem, writer: None, reader, dir: dir.to_path_buf() })
    }

    /// The stemmer an existing index was created with.
    pub fn stem_of(dir: &Path) -> Option<StemChoice> {
        std::fs::read_to_string(dir.join("rasid-stemmer")).ok().and_then(|s| StemChoice::from_name(s.trim()))
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        if self.writer.is_none() {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
            self.writer = Some(self.index.writer_with_num_threads(threads, 256 * 1024 * 1024)?);
        }
        Ok(self.writer.as_mut().expect("writer just created"))
    }

    fn parser(&self) -> QueryParser {
        let f = self.fields;
        let mut p =
            QueryParser::for_index(&self.index, vec![f.headline, f.headline_stem, f.body, f.body_stem, f.place]);
        p.set_field_boost(f.headline, 2.0);
        p.set_field_boost(f.headline_stem, 1.0);
        p.set_field_boost(f.body, 1.0);
        p.set_field_boost(f.body_stem, 0.5);
        p.set_field_boost(f.place, 0.5);
        p
    }
}

/// Weight of a spelling variant found in the term dictionary, relative to
/// the word as typed.
const VARIANT_WEIGHT: f32 = 0.6;
/// Weight of a word with a clitic stripped that the conservative segmenter
/// kept (وحملة → حملة), relative to the word as typed.
const LOOSE_CLITIC_WEIGHT: f32 = 0.8;
/// At most this many spelling variants per query word.
const MAX_VARIANTS: usize = 16;
/// Weight of the clause that requires every query word.
const ALL_WORDS_BOOST: f32 = 2.0;
/// Weight of the whole query matching as a phrase (slop 2).
const PHRASE_BOOST: f32 = 3.0;
/// At most this many phrase queries (combinations of variants) per query.
const MAX_PHRASES: usize = 8;

/// Phrases of 2 to 8 words from per-position options, the as-typed phrase
/// first, at most `max`; each with whether it uses a variant.
fn phrases(positions: &[Vec<String>], max: usize) -> Vec<(Vec<String>, bool)> {
    if positions.len() < 2 || positions.len() > 8 || positions.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    let mut out: Vec<(Vec<String>, bool)> = vec![(Vec::new(), false)];
    for options in positions {
        let mut next = Vec::new();
        for (prefix, variant) in &out {
            for (k, o) in options.iter().enumerate() {
                if next.len() >= max {
                    break;
                }
                let mut p = prefix.clone();
                p.push(o.clone());
                next.push((p, *variant || k > 0));
            }
        }
        out = next;
    }
    out
}

/// A proclitic the conservative segmenter does not split, stripped anyway
/// for querying: و or ف before three or more letters.
fn loose_strip(folded: &str) -> Option<String> {
    let mut it = folded.chars();
    let first = it.next()?;
    let rest: String = it.collect();
    (matches!(first, 'و' | 'ف') && rest.chars().count() >= 3).then_some(rest)
}

/// A regular expression matching `word` with any و/ي inserted or removed
/// between its letters (not before the first or after the last), e.g.
/// كردستان matches كوردستان, ايمنكي matches ايمينكي.
fn vowel_pattern(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 || !chars.iter().all(|c| rasid_text::chars::is_arabic_letter(*c)) {
        return None;
    }
    let last = chars.len() - 1;
    let kept: Vec<char> = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| i == 0 || i == last || !matches!(c, 'و' | 'ي'))
        .map(|(_, c)| *c)
        .collect();
    let mut p = String::new();
    for (i, c) in kept.iter().enumerate() {
        if i > 0 {
            p.push_str("[وي]*");
        }
        p.push(*c);
    }
    Some(p)
}

impl TantivyIndex {
    /// The tantivy document of an article (tantivy's indexing threads run
    /// the analyzers). Feeding pre-tokenized text instead was measured
    /// slower: tantivy passes it through JSON.
    fn document(&self, doc: &IndexDoc) -> TantivyDocument {
        let f = self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &doc.id);
        d.add_text(f.headline, &doc.headline);
        d.add_text(f.headline_stem, &doc.headline);
        d.add_text(f.body, &doc.body);
        d.add_text(f.body_stem, &doc.body);
        d.add_text(f.place, &doc.place);
        if let Some(o) = &doc.outlet {
            d.add_text(f.outlet, outlet_key(o));
        }
        if let Some(day) = doc.day {
            d.add_i64(f.day, day);
        }
        d
    }

    /// Distinct terms of `field` that are vowel-letter variants of `term`.
    fn variants(&self, searcher: &tantivy::Searcher, field: Field, term: &str) -> Result<Vec<String>> {
        let Some(pattern) = vowel_pattern(term) else { return Ok(Vec::new()) };
        let Ok(regex) = tantivy_fst::Regex::new(&pattern) else { return Ok(Vec::new()) };
        let mut out: Vec<String> = Vec::new();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(field)?;
            let mut stream = inv.terms().search(&regex).into_stream()?;
            while stream.advance() {
                if let Ok(t) = std::str::from_utf8(stream.key()) {
                    if t != term && !out.iter().any(|x| x == t) {
                        out.push(t.to_string());
                    }
                }
                if out.len() >= MAX_VARIANTS {
                    break;
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// A plain query (no syntax): every word may match in any field, as
    /// typed, stemmed, with a loose clitic stripped, or as a vowel-letter
    /// variant found in the index; several words also score as a phrase.
    fn plain_query(&self, searcher: &tantivy::Searcher, query: &str) -> Result<Box<dyn Query>> {
        let f = self.fields;
        let search = Analyzer::by_name("search").expect("built-in analyzer");
        let stem = Analyzer::by_name(self.stem.analyzer()).expect("built-in analyzer");
        let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Per query position, the body terms a phrase may use there: the
        // word as typed first, then its vowel-letter variants.
        let mut positions: Vec<Vec<String>> = Vec::new();
        for tok in rasid_text::tokenize(query).iter().filter(|t| t.kind.is_wordlike()) {
            let word = tok.original(query);
            let mut forms = vec![(word.to_string(), 1.0f32)];
            if let [folded] = search.terms(word).as_slice() {
                if let Some(rest) = loose_strip(folded) {
                    forms.push((rest, LOOSE_CLITIC_WEIGHT));
                }
            }
            let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (k, (form, weight)) in forms.iter().enumerate() {
                let exact = search.terms(form);
                if exact.is_empty() {
                    continue;
                }
                let stems = stem.terms(form);
                for (field, terms, boost) in [
                    (f.headline, &exact, 2.0),
                    (f.body, &exact, 1.0),
                    (f.place, &exact, 0.5),
                    (f.headline_stem, &stems, 1.0),
                    (f.body_stem, &stems, 0.5),
                ] {
                    if !terms.is_empty() {
                        shoulds.push(boosted(terms_query(field, terms), boost * weight));
                    }
                }
                let mut options = exact.clone();
                if let [t] = exact.as_slice() {
                    for v in self.variants(searcher, f.body, t)? {
                        let one = std::slice::from_ref(&v);
                        shoulds.push(boosted(terms_query(f.headline, one), 2.0 * VARIANT_WEIGHT * weight));
                        shoulds.push(boosted(terms_query(f.body, one), VARIANT_WEIGHT * weight));
                        options.push(v);
                    }
                }
                if k == 0 && exact.len() == 1 {
                    positions.push(options);
                }
            }
            if !shoulds.is_empty() {
                words.push((Occur::Should, Box::new(BooleanQuery::new(shoulds))));
            }
        }
        // Coordination: articles that contain every word score their words
        // twice, so that all words outweigh one rare word.
        if words.len() >= 2 {
            let all: Vec<(Occur, Box<dyn Query>)> = words.iter().map(|(_, q)| (Occur::Must, q.box_clone())).collect();
            words.push(boosted(Box::new(BooleanQuery::new(all)), ALL_WORDS_BOOST));
        }
        // Proximity: the words as a phrase (slop 2) also score, with each
        // word as typed or as one of its spelling variants.
        for (phrase, has_variant) in phrases(&positions, MAX_PHRASES) {
            let terms: Vec<(usize, Term)> =
                phrase.iter().enumerate().map(|(i, t)| (i, Term::from_field_text(f.body, t))).collect();
            let boost = if has_variant { PHRASE_BOOST * VARIANT_WEIGHT } else { PHRASE_BOOST };
            words.push(boosted(Box::new(PhraseQuery::new_with_offset_and_slop(terms, 2)), boost));
        }
        if words.is_empty() {
            return Err(Error::Query("no words in query".into()));
        }
        Ok(Box::new(BooleanQuery::new(words)))
    }
}

/// A should-clause with a boost.
fn boosted(q: Box<dyn Query>, boost: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(q, boost)))
}

/// All of `terms` in `field` (one term query when there is one term).
fn terms_query(field: Field, terms: &[String]) -> Box<dyn Query> {
    let mut qs: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| {
            let q: Box<dyn Query> =
                Box::new(TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs));
            (Occur::Must, q)
        })
        .collect();
    if qs.len() == 1 {
        qs.pop().map(|(_, q)| q).expect("one clause")
    } else {
        Box::new(BooleanQuery::new(qs))
    }
}

impl SearchIndex for TantivyIndex {
    fn add_batch(&mut self, docs: &[IndexDoc]) -> Result<()> {
        let built: Vec<TantivyDocument> = docs.par_iter().map(|d| self.document(d)).collect();
        let w = self.writer()?;
        for d in built {
            w.add_document(d)?;
        }
        Ok(())
    }

    fn commit(&mut self, last_seq: i64) -> Result<()> {
        let w = self.writer()?;
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&last_seq.to_string());
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn committed_seq(&self) -> Result<i64> {
        let meta = self.index.load_metas()?;
        Ok(meta.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    fn search(&self, req: &SearchRequest) -> Result<Vec<(String, f32)>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let main: Box<dyn Query> = if is_plain(&req.query) {
            self.plain_query(&searcher, &req.query)?
        } else {
            let (parsed, errors) = self.parser().parse_query_lenient(&req.query);
            if let (Some(e), true) = (errors.first(), req.query.trim().is_empty()) {
                return Err(Error::Query(format!("{e:?}")));
            }
            parsed
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        if let Some(o) = &req.outlet {
            let term = Term::from_field_text(f.outlet, &outlet_key(o));
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if req.from_day.is_some() || req.to_day.is_some() {
            let bound =
                |d: Option<i64>| d.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.day, d)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(bound(req.from_day), bound(req.to_day)))));
        }
        let query = BooleanQuery::new(clauses);
        // Documents are numbered by tantivy's indexing threads, so equal
        // scores are ordered by id instead, over a margin beyond the limit,
        // for the same results from every ingest of the same input.
        let limit = req.limit.max(1);
        let top = searcher.search(&query, &TopDocs::with_limit(limit + 10).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc.get_first(f.id).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            out.push((id, score));
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.truncate(limit);
        Ok(out)
    }

    fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn size_bytes(&self) -> u64 {
        dir_size(&self.dir)
    }
}

/// True when a query uses no syntax (quotes, operators, fields, grouping).
fn is_plain(q: &str) -> bool {
    !q.contains(['"', ':', '(', ')', '+', '-', '^', '[', ']', '{', '}', '*'])
        && !q.split_whitespace().any(|w| matches!(w, "AND" | "OR" | "NOT"))
}

/// Total size of the files in a directory tree.
pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A matcher for the patterns `vowel_pattern` writes (letters joined by
    /// `[وي]*`), to test them without an index.
    fn matches(pattern: &str, s: &str) -> bool {
        let letters: Vec<char> = pattern.replace("[وي]*", "").chars().collect();
        let chars: Vec<char> = s.chars().collect();
        if chars.first() != letters.first() || chars.last() != letters.last() {
            return false;
        }
        let mut it = letters.iter().peekable();
        for c in &chars {
            if it.peek() == Some(&c) {
                it.next();
            } else if !matches!(c, 'و' | 'ي') {
                return false;
            }
        }
        it.next().is_none()
    }

    #[test]
    fn vowel_patterns_join_kurdish_and_arabic_spellings() {
        let p = |w: &str| vowel_pattern(w).unwrap();
        assert!(matches(&p("كردستان"), "كوردستان"));
        assert!(matches(&p("كوردستان"), "كردستان"));
        assert!(matches(&p("ايمنكي"), "ايمينكي"));
        assert!(!matches(&p("كردستان"), "كردستاني"));
        assert!(!matches(&p("بغداد"), "بغدادي"));
        assert!(tantivy_fst::Regex::new(&p("كوردستان")).is_ok());
        assert_eq!(vowel_pattern("24"), None);
        assert_eq!(loose_strip("وحمله").as_deref(), Some("حمله"));
        assert_eq!(loose_strip("وزن"), None);
    }

    #[test]
    fn phrases_combine_variants_as_typed_first() {
        let pos = vec![vec!["كردستان".to_string(), "كوردستان".to_string()], vec!["24".to_string()]];
        let ps = phrases(&pos, 8);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0], (vec!["كردستان".to_string(), "24".to_string()], false));
        assert!(ps[1].1);
        assert!(phrases(&pos[..1], 8).is_empty());
    }
}
