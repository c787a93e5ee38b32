//! An archive: a data directory holding the article store and the search
//! index, kept consistent across crashes.
//!
//! Layout of the data directory:
//! - `articles.sqlite` (+ `-wal`, `-shm`): the store, the source of truth;
//! - `index/`: the tantivy index (and `index/rasid-stemmer`).
//!
//! Ingestion writes each batch to the store in one transaction, then adds it
//! to the index; the index is committed every few seconds with the highest
//! stored `seq` it contains. After `kill -9` the store holds only whole
//! batches and the index lags at most a few seconds behind it;
//! [`Archive::catch_up`] (run on every open for writing) indexes what the
//! store has beyond the index's last commit. Re-running the same ingest then
//! skips everything already stored.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rasid_core::document::content_id;
use rasid_core::input::{expand_paths, read_file, RawArticle};
use rasid_core::pipeline::Pipeline;
use rayon::prelude::*;
use serde::Serialize;

use crate::dates::parse_day;
use crate::error::{Error, Result};
use crate::index::{IndexDoc, SearchIndex, SearchRequest, StemChoice, TantivyIndex};
use crate::registry::{NewMention, NewQuote, NewTitle};
use crate::snippet::{QueryTerms, Snippet};
use crate::store::{NewArticle, SqliteStore, Store, StoreStats, StoredArticle};
use crate::stories::{GroupMember, NearDuplicate, StoryDetail, StorySummary};
use rasid_stories::dedup::{Grouper, Thresholds};
use rasid_stories::minhash::Signature;

/// Articles analyzed and written per batch.
const BATCH: usize = 1000;
/// Longest time between index commits during ingestion.
const COMMIT_EVERY: Duration = Duration::from_secs(5);

/// The data directory name used when none is given.
pub const DEFAULT_DATA_DIR: &str = "rasid-data";

/// A store and an index in one data directory.
pub struct Archive {
    store: Box<dyn Store>,
    index: Box<dyn SearchIndex>,
    dir: PathBuf,
    stem: StemChoice,
    pipeline: Pipeline,
    reindexed: Option<usize>,
}

/// What an ingestion observer is told.
pub trait IngestObserver: Sync {
    /// A file is about to be read.
    fn file(&self, name: &str, bytes: u64);
    /// A batch was written: new articles, already present, bytes of text.
    fn batch(&self, ingested: usize, skipped: usize, bytes: u64);
    /// One input (file or record) failed.
    fn failed(&self, message: &str);
}

/// The outcome of an ingestion.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// Files read.
    pub files: usize,
    /// Articles added.
    pub ingested: usize,
    /// Articles already present (same id), skipped.
    pub skipped: usize,
    /// Inputs that failed, one message each.
    pub failed: Vec<String>,
    /// Bytes of article text read.
    pub bytes: u64,
    /// Articles indexed by catching up after an interrupted run.
    pub caught_up: usize,
    /// Publication days clustered again into stories.
    pub story_days: usize,
    /// Stories in the archive after the ingestion.
    pub stories: usize,
    /// Seconds spent clustering days and linking stories.
    pub story_seconds: f64,
}

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Rank, from 1.
    pub rank: usize,
    /// Article id.
    pub id: String,
    /// Relevance score.
    pub score: f32,
    /// Headline.
    pub headline: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication day.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The best-matching passage of the original text.
    pub snippet: Snippet,
    /// With `--collapse`: near-duplicates of this hit folded into it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<u64>,
}

/// Counts over the archive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveStats {
    /// Store counts.
    #[serde(flatten)]
    pub store: StoreStats,
    /// Articles in the index.
    pub indexed: u64,
    /// Index size on disk, in bytes.
    pub index_bytes: u64,
    /// The stemmer of the index.
    pub stemmer: &'static str,
    /// The data directory.
    pub data_dir: String,
}

/// The byte offset where the body starts: after the first non-empty line
/// when the article has a headline, else 0.
pub(crate) fn body_start(text: &str, has_headline: bool) -> usize {
    if !has_headline {
        return 0;
    }
    let start = text.len() - text.trim_start().len();
    text[start..].find('\n').map_or(text.len(), |i| start + i)
}

fn index_doc(a: &NewArticle) -> IndexDoc {
    let body_at = body_start(&a.text, a.headline.is_some());
    IndexDoc {
        id: a.id.clone(),
        headline: a.headline.clone().unwrap_or_default(),
        body: a.text[body_at..].to_string(),
        place: a.place.clone().unwrap_or_default(),
        outlet: a.outlet.clone(),
        day: a.published.as_deref().and_then(parse_day).map(|d| d.days_since_epoch()),
    }
}

/// Analyzes one raw article into what the store and index keep.
fn prepare(pipeline: &Pipeline, raw: RawArticle, now: &str) -> NewArticle {
    let id = raw.stable_id();
    let content_hash = content_id(&raw.text);
    let published_raw = raw.meta.published.clone();
    let published = published_raw.as_deref().and_then(parse_day).map(|d| d.iso());
    let doc = pipeline.run(raw);
    // Relative times count from the publication day, else the ingestion day.
    let events = rasid_events::export::records(&doc, published.as_deref().or(now.get(..10)));
    let place = doc.dateline.as_ref().and_then(|d| d.place.as_ref()).map(|s| s.text.clone());
    let outlet = doc
        .meta
        .outlet
        .clone()
        .or_else(|| doc.dateline.as_ref().and_then(|d| d.outlet.as_ref()).map(|s| s.text.clone()));
    NewArticle {
        id,
        content_hash,
        outlet,
        url: doc.meta.url.clone(),
        published,
        published_raw,
        ingested_at: now.to_string(),
        source_file: doc.origin.file.clone(),
        source_line: doc.origin.line.map(|l| l as u64),
        encoding: doc.origin.encoding.clone(),
        headline: doc.headline.as_ref().map(|h| h.text.clone()),
        place,
        mentions: doc
            .entities
            .iter()
            .map(|e| NewMention {
                start: e.span.start,
                end: e.span.end,
                text: e.span.text.clone(),
                kind: e.kind.clone(),
                canonical: e.canonical.clone(),
            })
            .collect(),
        titles: doc.titles.iter().map(|t| NewTitle { person: t.person.clone(), text: t.span.text.clone() }).collect(),
        quotes: doc
            .quotes
            .iter()
            .map(|q| NewQuote {
                cue: q.cue.text.clone(),
                start: q.content.start,
                end: q.content.end,
                content: q.content.text.clone(),
                kind: q.kind.clone(),
                speaker: q.speaker.as_ref().map(|s| s.name.clone()),
                speaker_entity: q
                    .speaker
                    .as_ref()
                    .and_then(|s| s.entity)
                    .and_then(|e| doc.entities.get(e))
                    .map(|e| (e.kind.clone(), e.canonical.clone())),
                told_to: q.told_to.as_ref().map(|t| t.text.clone()),
                polarity: q.polarity.clone(),
            })
            .collect(),
        events,
        signature: Some(Signature::of_text(&doc.text)),
        near: Vec::new(),
        text: doc.text,
    }
}

/// The MinHash signatures and duplicate groups of the archive, for finding
/// the near-duplicates of new articles (loaded once per ingestion).
struct Dups {
    grouper: Grouper,
    ids: Vec<String>,
}

impl Dups {
    fn load(store: &dyn Store) -> Result<Dups> {
        let mut d = Dups { grouper: Grouper::new(), ids: Vec::new() };
        let mut first_of: rustc_hash::FxHashMap<i64, u32> = rustc_hash::FxHashMap::default();
        for (id, sig, grp) in store.signatures()? {
            let with = grp.and_then(|g| first_of.get(&g).copied());
            let i = d.grouper.restore(sig, with);
            if let Some(g) = grp {
                first_of.entry(g).or_insert(i);
            }
            d.ids.push(id);
        }
        Ok(d)
    }

    /// Finds each article's near-duplicates among all earlier ones (the
    /// archive and earlier articles of the batch), in order. A pair joins
    /// the groups unless the two are instances of one template (a cable to
    /// another president, the weather of another day; see
    /// [`rasid_stories::template`]); the texts of earlier articles are read
    /// from the store when a check needs them.
    fn resolve(&mut self, batch: &mut [NewArticle], store: &dyn Store) {
        let t = Thresholds::default();
        let words: Vec<std::rc::Rc<Vec<String>>> = batch
            .par_iter()
            .map(|a| rasid_stories::minhash::words(&a.text))
            .collect::<Vec<_>>()
            .into_iter()
            .map(std::rc::Rc::new)
            .collect();
        let gazetteer = rasid_events::gazetteer::Gazetteer::get();
        let is_name = |w: &str| gazetteer.is_template_place(w);
        let stored: std::cell::RefCell<rustc_hash::FxHashMap<u32, std::rc::Rc<Vec<String>>>> = Default::default();
        let mut in_batch: rustc_hash::FxHashMap<u32, usize> = rustc_hash::FxHashMap::default();
        for (k, article) in batch.iter_mut().enumerate() {
            let Some(sig) = article.signature.clone() else { continue };
            let item = self.grouper.len() as u32;
            in_batch.insert(item, k);
            let ids = &self.ids;
            let words_of = |m: u32| -> Option<std::rc::Rc<Vec<String>>> {
                if let Some(&b) = in_batch.get(&m) {
                    return Some(words[b].clone());
                }
                if let Some(w) = stored.borrow().get(&m) {
                    return Some(w.clone());
                }
                let text = store.get(ids.get(m as usize)?).ok()??.article.text;
                let w = std::rc::Rc::new(rasid_stories::minhash::words(&text));
                stored.borrow_mut().insert(m, w.clone());
                Some(w)
            };
            let apart = |a: u32, b: u32| match (words_of(a), words_of(b)) {
                (Some(x), Some(y)) => rasid_stories::template::apart(&x, &y, &is_name),
                _ => false,
            };
            let (_, near) = self.grouper.add(sig, &t, &apart);
            article.near = near
                .into_iter()
                .map(|(i, s, grouped)| NearDuplicate {
                    id: self.ids[i as usize].clone(),
                    jaccard: (s.jaccard * 1000.0).round() / 1000.0,
                    containment: (s.containment * 1000.0).round() / 1000.0,
                    ratio: (s.ratio * 1000.0).round() / 1000.0,
                    grouped,
                })
                .collect();
            self.ids.push(article.id.clone());
        }
    }
}

/// The current time as RFC 3339 UTC (seconds).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let day = crate::dates::Day::from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", day.iso(), s / 3600, s / 60 % 60, s % 60)
}

impl Archive {
    /// Opens the archive in `dir` for reading and writing, creating it when
    /// `create` is set (with `stem` for a new index). An index written by
    /// analyzers of another version ([`crate::index::ANALYSIS_VERSION`]) is
    /// rebuilt from the store, with its stemmer ([`Archive::reindexed`]).
    pub fn open(dir: &Path, create: bool, stem: StemChoice) -> Result<Archive> {
        let store_path = dir.join("articles.sqlite");
        if !store_path.exists() {
            if !create {
                return Err(Error::NoArchive(dir.display().to_string()));
            }
            std::fs::create_dir_all(dir)?;
        }
        let store = SqliteStore::open(&store_path)?;
        let index_dir = dir.join("index");
        let stale = TantivyIndex::is_stale(&index_dir);
        let stem = TantivyIndex::stem_of(&index_dir).unwrap_or(stem);
        if stale {
            // The store holds every article; the index is derived from it.
            std::fs::remove_dir_all(&index_dir)?;
        }
        let index = TantivyIndex::open(&index_dir, stem)?;
        let mut archive = Archive {
            store: Box::new(store),
            index: Box::new(index),
            dir: dir.to_path_buf(),
            stem,
            pipeline: Pipeline::structure_only(),
            reindexed: None,
        };
        if stale {
            archive.reindexed = Some(archive.catch_up()?);
        }
        Ok(archive)
    }

    /// The number of articles indexed again when the archive was opened,
    /// if its index had been written by analyzers of another version.
    pub fn reindexed(&self) -> Option<usize> {
        self.reindexed
    }

    /// Sets the pipeline that analyzes articles at ingestion (structure only
    /// by default; the CLI adds the entities stage, whose mentions and
    /// titles feed the entity registry).
    pub fn set_pipeline(&mut self, pipeline: Pipeline) {
        self.pipeline = pipeline;
    }

    /// The store (for registry queries).
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The stemmer of the index.
    pub fn stem(&self) -> StemChoice {
        self.stem
    }

    /// Indexes what the store holds beyond the index's last commit.
    pub fn catch_up(&mut self) -> Result<usize> {
        let mut after = self.index.committed_seq()?;
        let max = self.store.max_seq()?;
        let mut n = 0;
        while after < max {
            let rows = self.store.since(after, BATCH)?;
            let Some(last) = rows.last().map(|r| r.seq) else { break };
            let docs: Vec<IndexDoc> = rows.par_iter().map(|r| index_doc(&r.article)).collect();
            self.index.add_batch(&docs)?;
            n += rows.len();
            after = last;
            self.index.commit(after)?;
        }
        Ok(n)
    }

    /// Ingests every article under `paths` (see [`rasid_core::input`] for the
    /// formats), in parallel over the current rayon pool.
    pub fn ingest(&mut self, paths: &[PathBuf], obs: &dyn IngestObserver) -> Result<IngestReport> {
        let mut report = IngestReport { caught_up: self.catch_up()?, ..Default::default() };
        let seq_before = self.store.max_seq()?;
        let mut dups: Option<Dups> = None;
        let (files, errors) = expand_paths(paths);
        for e in errors {
            obs.failed(&e.to_string());
            report.failed.push(e.to_string());
        }
        let pipeline = &self.pipeline;
        let now = now_rfc3339();
        let mut last_commit = Instant::now();
        let mut last_seq = self.index.committed_seq()?;
        let mut dirty = false;
        for file in files {
            let size = std::fs::metadata(&file).map_or(0, |m| m.len());
            obs.file(&file.display().to_string(), size);
            report.files += 1;
            let mut articles = Vec::new();
            for r in read_file(&file) {
                match r {
                    Ok(a) => articles.push(a),
                    Err(e) => {
                        obs.failed(&e.to_string());
                        report.failed.push(e.to_string());
                    }
                }
            }
            while !articles.is_empty() {
                let rest = articles.split_off(articles.len().min(BATCH));
                let batch = std::mem::replace(&mut articles, rest);
                let ids: Vec<String> = batch.iter().map(RawArticle::stable_id).collect();
                let total = ids.len();
                let existing: rustc_hash::FxHashSet<String> = {
                    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                    self.store.existing(&id_refs)?.into_iter().collect()
                };
                let mut seen = rustc_hash::FxHashSet::default();
                let todo: Vec<RawArticle> = batch
                    .into_iter()
                    .zip(ids)
                    .filter(|(_, id)| !existing.contains(id) && seen.insert(id.clone()))
                    .map(|(a, _)| a)
                    .collect();
                let skipped = total - todo.len();
                let mut prepared: Vec<NewArticle> =
                    todo.into_par_iter().map(|raw| prepare(pipeline, raw, &now)).collect();
                if dups.is_none() {
                    dups = Some(Dups::load(self.store.as_ref())?);
                }
                if let Some(d) = dups.as_mut() {
                    d.resolve(&mut prepared, self.store.as_ref());
                }
                let bytes: u64 = prepared.iter().map(|a| a.text.len() as u64).sum();
                let stored = self.store.put_batch(&prepared)?;
                let docs: Vec<IndexDoc> = prepared.par_iter().map(index_doc).collect();
                self.index.add_batch(&docs)?;
                if let Some((seq, _)) = stored.last() {
                    last_seq = *seq;
                    dirty = true;
                }
                report.ingested += stored.len();
                report.skipped += skipped + (prepared.len() - stored.len());
                report.bytes += bytes;
                obs.batch(stored.len(), skipped, bytes);
                if dirty && last_commit.elapsed() >= COMMIT_EVERY {
                    self.index.commit(last_seq)?;
                    last_commit = Instant::now();
                    dirty = false;
                }
            }
        }
        if dirty {
            self.index.commit(last_seq)?;
        }
        if report.ingested > 0 {
            let t = Instant::now();
            let (days, stories) = self.store.update_stories(seq_before)?;
            report.story_days = days;
            report.stories = stories;
            report.story_seconds = (t.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
        }
        self.store.checkpoint()?;
        Ok(report)
    }

    /// Searches and returns hits with snippets from the original text.
    pub fn search(&self, req: &SearchRequest) -> Result<Vec<Hit>> {
        let found = self.index.search(req)?;
        self.hits(req, found.into_iter().map(|(id, score)| (id, score, None)).collect())
    }

    /// Hits with snippets for ranked (id, score, duplicates) rows.
    fn hits(&self, req: &SearchRequest, found: Vec<(String, f32, Option<u64>)>) -> Result<Vec<Hit>> {
        let terms = QueryTerms::new(&req.query, self.stem.analyzer());
        let mut hits = Vec::with_capacity(found.len());
        for (i, (id, score, duplicates)) in found.into_iter().enumerate() {
            let Some(a) = self.store.get(&id)? else { continue };
            let a = a.article;
            let body_at = body_start(&a.text, a.headline.is_some());
            let snippet = terms.snippet(&a.text, body_at);
            hits.push(Hit {
                rank: i + 1,
                id,
                score,
                headline: a.headline,
                outlet: a.outlet,
                published: a.published,
                url: a.url,
                snippet,
                duplicates,
            });
        }
        Ok(hits)
    }

    /// Searches and keeps the best hit of each near-duplicate group, with
    /// the number of other group members (of any rank) in `duplicates`.
    /// Snippets are built only for the hits kept.
    pub fn search_collapsed(&self, req: &SearchRequest) -> Result<Vec<Hit>> {
        let wide = SearchRequest { limit: req.limit.saturating_mul(5).max(50), ..req.clone() };
        let found = self.index.search(&wide)?;
        let ids: Vec<String> = found.iter().map(|(id, _)| id.clone()).collect();
        let groups = self.store.duplicate_groups(&ids)?;
        let mut seen = rustc_hash::FxHashSet::default();
        let kept: Vec<(String, f32, Option<u64>)> = found
            .into_iter()
            .zip(groups)
            .filter(|(_, (g, _))| seen.insert(*g))
            .take(req.limit)
            .map(|((id, score), (_, size))| (id, score, Some(size.saturating_sub(1))))
            .collect();
        self.hits(req, kept)
    }

    /// The other members of an article's near-duplicate group.
    pub fn duplicate_group(&self, id: &str) -> Result<Vec<GroupMember>> {
        self.store.duplicate_group(id)
    }

    /// Stories last seen within the day range, largest first.
    pub fn stories(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        min_articles: u64,
        limit: usize,
    ) -> Result<Vec<StorySummary>> {
        let day = |s: Option<&str>| s.and_then(parse_day).map(|d| d.days_since_epoch());
        self.store.stories(day(from), day(to), min_articles, limit)
    }

    /// The story containing an article (any member's id, or the story id).
    pub fn story(&self, id: &str) -> Result<Option<StoryDetail>> {
        self.store.story(id)
    }

    /// Events matching the filters, by day.
    pub fn events(&self, q: &crate::events::EventQuery) -> Result<Vec<rasid_events::export::EventRecord>> {
        self.store.events(q)
    }

    /// Ids only, best first (for evaluation).
    pub fn search_ids(&self, req: &SearchRequest) -> Result<Vec<String>> {
        Ok(self.index.search(req)?.into_iter().map(|(id, _)| id).collect())
    }

    /// One stored article.
    pub fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        self.store.get(id)
    }

    /// Every stored article, in ingestion order.
    pub fn all_articles(&self) -> Result<Vec<StoredArticle>> {
        self.store.since(0, usize::MAX >> 1)
    }

    /// Ids of stored articles with exactly this text.
    pub fn same_content(&self, content_hash: &str) -> Result<Vec<String>> {
        self.store.same_content(content_hash)
    }

    /// Counts over the archive.
    pub fn stats(&self) -> Result<ArchiveStats> {
        Ok(ArchiveStats {
            store: self.store.stats()?,
            indexed: self.index.num_docs(),
            index_bytes: self.index.size_bytes(),
            stemmer: self.stem.name(),
            data_dir: self.dir.display().to_string(),
        })
    }
}
