//! The article store: the archive's source of truth.
//!
//! [`Store`] is the seam; [`SqliteStore`] is the embedded implementation
//! (SQLite through rusqlite, bundled: no server, one file, transactions that
//! survive `kill -9` in WAL mode). A server database can implement the same
//! trait later without touching ingestion or search.
//!
//! Every article gets a `seq`, its position in ingestion order. The search
//! index records the last `seq` it has committed, so after a crash it catches
//! up from the store (see [`crate::archive`]).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Result;
use crate::events;
use crate::registry::{self, EntityDetail, EntitySummary, NewMention, NewQuote, NewTitle, QuoteRow, VariantReport};
use crate::stories::{self, GroupMember, NearDuplicate, StoryDetail, StorySummary};

/// An article to store (and, with its `seq`, a stored one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewArticle {
    /// Stable id (the input's, or a content hash).
    pub id: String,
    /// FNV-1a hash of the text (hex), for exact-duplicate lookups.
    pub content_hash: String,
    /// The outlet, from the input or the dateline.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication day, `YYYY-MM-DD`, when known.
    pub published: Option<String>,
    /// The publication date as the input wrote it.
    pub published_raw: Option<String>,
    /// Ingestion time, RFC 3339 UTC.
    pub ingested_at: String,
    /// Input file.
    pub source_file: String,
    /// JSONL line or WARC record, when the input has them.
    pub source_line: Option<u64>,
    /// Encoding the input was decoded from.
    pub encoding: String,
    /// Headline text.
    pub headline: Option<String>,
    /// Dateline place.
    pub place: Option<String>,
    /// The original text.
    pub text: String,
    /// Named-entity mentions (recorded in the entity registry).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<NewMention>,
    /// Titles next to person mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<NewTitle>,
    /// Statements attributed to speakers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<NewQuote>,
    /// Events reported by the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<rasid_events::export::EventRecord>,
    /// MinHash signature for near-duplicate detection (not stored as JSON).
    #[serde(skip)]
    pub signature: Option<rasid_stories::minhash::Signature>,
    /// Earlier articles this one nearly duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub near: Vec<NearDuplicate>,
}

/// A stored article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    /// Position in ingestion order (1-based).
    pub seq: i64,
    /// The article as stored.
    #[serde(flatten)]
    pub article: NewArticle,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// Number of articles.
    pub articles: u64,
    /// Number of distinct outlets.
    pub outlets: u64,
    /// Articles per outlet, most first.
    pub by_outlet: Vec<(String, u64)>,
    /// Earliest publication day.
    pub first_published: Option<String>,
    /// Latest publication day.
    pub last_published: Option<String>,
    /// Articles with no known publication day.
    pub undated: u64,
    /// Size of the store on disk, in bytes.
    pub store_bytes: u64,
}

/// The storage seam: everything ingestion and search need from a store.
pub trait Store: Send {
    /// The ids among `ids` that are already stored.
    fn existing(&self, ids: &[&str]) -> Result<Vec<String>>;
    /// Stores articles in one transaction (all or none), skipping ids already
    /// present; returns the `seq` given to each new article, in order.
    fn put_batch(&mut self, articles: &[NewArticle]) -> Result<Vec<(i64, String)>>;
    /// One article by id.
    fn get(&self, id: &str) -> Result<Option<StoredArticle>>;
    /// Articles with `seq > after`, in order, at most `limit`.
    fn since(&self, after: i64, limit: usize) -> Result<Vec<StoredArticle>>;
    /// Ids of articles whose text has this content hash.
    fn same_content(&self, content_hash: &str) -> Result<Vec<String>>;
    /// Number of articles.
    fn count(&self) -> Result<u64>;
    /// Highest `seq` stored (0 when empty).
    fn max_seq(&self) -> Result<i64>;
    /// Counts over the store.
    fn stats(&self) -> Result<StoreStats>;
    /// Folds pending writes into the main file (end of an ingestion).
    fn checkpoint(&mut self) -> Result<()>;
    /// The most mentioned entities of the registry, of one type or all.
    fn top_entities(&self, kind: Option<&str>, limit: usize) -> Result<Vec<EntitySummary>>;
    /// Registry entities a user may mean by `name`, best first.
    fn find_entities(&self, name: &str) -> Result<Vec<EntitySummary>>;
    /// One registry entity in full.
    fn entity(&self, eid: i64) -> Result<Option<EntityDetail>>;
    /// How many variant groups the registry formed, with a sample of merges.
    fn entity_variants(&self, sample: usize) -> Result<VariantReport>;
    /// Statements of a speaker, by any spelling of the name or a surname.
    fn quotes_by(&self, name: &str, limit: usize) -> Result<Vec<QuoteRow>>;
    /// The most quoted speakers: (name, entity type, statements).
    fn top_speakers(&self, limit: usize) -> Result<Vec<(String, Option<String>, u64)>>;
    /// Events matching a query, by day.
    fn events(&self, q: &crate::events::EventQuery) -> Result<Vec<rasid_events::export::EventRecord>>;
    /// Every stored MinHash signature with its article id and its
    /// near-duplicate group (the `seq` naming it), in ingestion order.
    fn signatures(&self) -> Result<Vec<(String, rasid_stories::minhash::Signature, Option<i64>)>>;
    /// The other members of an article's near-duplicate group.
    fn duplicate_group(&self, id: &str) -> Result<Vec<GroupMember>>;
    /// Near-duplicate group and group size of each article id.
    fn duplicate_groups(&self, ids: &[String]) -> Result<Vec<(i64, u64)>>;
    /// Clusters the publication days of articles after `after` (a `seq`)
    /// again and relinks all stories; returns (days, stories).
    fn update_stories(&mut self, after: i64) -> Result<(usize, usize)>;
    /// Stories with at least `min_articles` articles last seen within the
    /// day range (days since the epoch), largest first.
    fn stories(&self, from: Option<i64>, to: Option<i64>, min_articles: u64, limit: usize)
        -> Result<Vec<StorySummary>>;
    /// The story containing an article (or named by its first article's id).
    fn story(&self, id: &str) -> Result<Option<StoryDetail>>;
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    published TEXT,
    published_raw TEXT,
    ingested_at TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_line INTEGER,
    encoding TEXT NOT NULL,
    headline TEXT,
    place TEXT,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '1');
";

/// The SQLite store.
pub struct SqliteStore {
    conn: Connection,
    path: std::path::PathBuf,
}

const COLUMNS: &str = "seq, id, content_hash, outlet, url, published, published_raw, ingested_at, source_file, \
                       source_line, encoding, headline, place, text";

fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        seq: r.get(0)?,
        article: NewArticle {
            id: r.get(1)?,
            content_hash: r.get(2)?,
            outlet: r.get(3)?,
            url: r.get(4)?,
            published: r.get(5)?,
            published_raw: r.get(6)?,
            ingested_at: r.get(7)?,
            source_file: r.get(8)?,
            source_line: r.get::<_, Option<i64>>(9)?.map(|x| x as u64),
            encoding: r.get(10)?,
            headline: r.get(11)?,
            place: r.get(12)?,
            text: r.get(13)?,
            mentions: Vec::new(),
            titles: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            signature: None,
            near: Vec::new(),
        },
    })
}

impl SqliteStore {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        // WAL + NORMAL: a committed transaction survives the process being
        // killed at any moment; only whole transactions are ever visible.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(registry::SCHEMA)?;
        conn.execute_batch(stories::SCHEMA)?;
        conn.execute_batch(events::SCHEMA)?;
        Ok(SqliteStore { conn, path: path.to_path_buf() })
    }
}

impl Store for SqliteStore {
    fn checkpoint(&mut self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    fn existing(&self, ids: &[&str]) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        let mut out = Vec::new();
        for id in ids {
            if stmt.exists([id])? {
                out.push((*id).to_string());
            }
        }
        Ok(out)
    }

    fn put_batch(&mut self, articles: &[NewArticle]) -> Result<Vec<(i64, String)>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(articles.len());
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO articles (id, content_hash, outlet, url, published, published_raw, ingested_at, \
                 source_file, source_line, encoding, headline, place, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for a in articles {
                let n = stmt.execute(params![
                    a.id,
                    a.content_hash,
                    a.outlet,
                    a.url,
                    a.published,
                    a.published_raw,
                    a.ingested_at,
                    a.source_file,
                    a.source_line.map(|x| x as i64),
                    a.encoding,
                    a.headline,
                    a.place,
                    a.text
                ])?;
                if n == 1 {
                    let seq = tx.last_insert_rowid();
                    registry::record(&tx, seq, &a.mentions, &a.titles, &a.quotes)?;
                    stories::record(&tx, seq, a.signature.as_ref(), &a.near)?;
                    events::record(&tx, seq, &a.events)?;
                    out.push((seq, a.id.clone()));
                }
            }
        }
        tx.commit()?;
        Ok(out)
    }

    fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!("SELECT {COLUMNS} FROM articles WHERE id = ?1");
        let Some(mut a) = self.conn.query_row(&sql, [id], row_to_article).optional()? else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT start, end, text, type, canonical FROM mentions WHERE seq = ?1 ORDER BY start")?;
        a.article.mentions = stmt
            .query_map([a.seq], |r| {
                Ok(NewMention {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                    text: r.get(2)?,
                    kind: r.get(3)?,
                    canonical: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached("SELECT record FROM events WHERE seq = ?1 ORDER BY n")?;
        let records = stmt.query_map([a.seq], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        for r in records {
            a.article.events.push(serde_json::from_str(&r)?);
        }
        Ok(Some(a))
    }

    fn top_entities(&self, kind: Option<&str>, limit: usize) -> Result<Vec<EntitySummary>> {
        registry::top(&self.conn, kind, limit)
    }

    fn find_entities(&self, name: &str) -> Result<Vec<EntitySummary>> {
        registry::find(&self.conn, name)
    }

    fn entity(&self, eid: i64) -> Result<Option<EntityDetail>> {
        registry::detail(&self.conn, eid)
    }

    fn entity_variants(&self, sample: usize) -> Result<VariantReport> {
        registry::variants(&self.conn, sample)
    }

    fn quotes_by(&self, name: &str, limit: usize) -> Result<Vec<QuoteRow>> {
        registry::quotes_by(&self.conn, name, limit)
    }

    fn top_speakers(&self, limit: usize) -> Result<Vec<(String, Option<String>, u64)>> {
        registry::top_speakers(&self.conn, limit)
    }

    fn events(&self, q: &crate::events::EventQuery) -> Result<Vec<rasid_events::export::EventRecord>> {
        events::query(&self.conn, q)
    }

    fn signatures(&self) -> Result<Vec<(String, rasid_stories::minhash::Signature, Option<i64>)>> {
        stories::signatures(&self.conn)
    }

    fn duplicate_group(&self, id: &str) -> Result<Vec<GroupMember>> {
        stories::group_of(&self.conn, id)
    }

    fn duplicate_groups(&self, ids: &[String]) -> Result<Vec<(i64, u64)>> {
        stories::groups(&self.conn, ids)
    }

    fn update_stories(&mut self, after: i64) -> Result<(usize, usize)> {
        let days = stories::days_after(&self.conn, after)?;
        stories::cluster_days(&mut self.conn, &days)?;
        let n = stories::relink(&mut self.conn)?;
        Ok((days.len(), n))
    }

    fn stories(
        &self,
        from: Option<i64>,
        to: Option<i64>,
        min_articles: u64,
        limit: usize,
    ) -> Result<Vec<StorySummary>> {
        stories::list(&self.conn, from, to, min_articles, limit)
    }

    fn story(&self, id: &str) -> Result<Option<StoryDetail>> {
        stories::detail(&self.conn, id)
    }

    fn since(&self, after: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let sql = format!("SELECT {COLUMNS} FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![after, limit as i64], row_to_article)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn same_content(&self, content_hash: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM articles WHERE content_hash = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([content_hash], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    fn count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as u64)
    }

    fn max_seq(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| r.get(0))?)
    }

    fn stats(&self) -> Result<StoreStats> {
        let mut s = StoreStats { articles: self.count()?, ..Default::default() };
        let mut stmt = self
            .conn
            .prepare("SELECT COALESCE(outlet, '(unknown)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1")?;
        s.by_outlet = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        s.outlets = s.by_outlet.len() as u64;
        let (first, last, undated) = self.conn.query_row(
            "SELECT MIN(published), MAX(published), SUM(published IS NULL) FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<i64>>(2)?)),
        )?;
        s.first_published = first;
        s.last_published = last;
        s.undated = undated.unwrap_or(0) as u64;
        s.store_bytes = ["", "-wal", "-shm"]
            .iter()
            .filter_map(|suffix| {
                let mut p = self.path.clone().into_os_string();
                p.push(suffix);
                std::fs::metadata(p).ok().map(|m| m.len())
            })
            .sum();
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, text: &str) -> NewArticle {
        NewArticle {
            id: id.into(),
            content_hash: rasid_core::document::content_id(text),
            outlet: Some("كوردستان 24".into()),
            url: None,
            published: Some("2024-03-11".into()),
            published_raw: Some("2024-03-11T08:00:00Z".into()),
            ingested_at: "2026-11-29T00:00:00Z".into(),
            source_file: "x.txt".into(),
            source_line: None,
            encoding: "UTF-8".into(),
            headline: Some("عنوان".into()),
            place: Some("اربيل".into()),
            text: text.into(),
            mentions: Vec::new(),
            titles: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            signature: None,
            near: Vec::new(),
        }
    }

    #[test]
    fn batches_skip_existing_ids_and_keep_order() {
        let dir = std::env::temp_dir().join(format!("rasid-store-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.sqlite");
        let _ = std::fs::remove_file(&path);
        let mut s = SqliteStore::open(&path).unwrap();
        let seqs = s.put_batch(&[article("a", "نص أول"), article("b", "نص ثان")]).unwrap();
        assert_eq!(seqs, [(1, "a".to_string()), (2, "b".to_string())]);
        let again = s.put_batch(&[article("b", "نص ثان"), article("c", "نص أول")]).unwrap();
        // Only c is new; sequence numbers grow (an ignored insert may use one up).
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].1, "c");
        assert!(again[0].0 > 2);
        assert_eq!(s.count().unwrap(), 3);
        assert_eq!(s.existing(&["a", "z"]).unwrap(), ["a"]);
        assert_eq!(s.same_content(&rasid_core::document::content_id("نص أول")).unwrap(), ["a", "c"]);
        assert_eq!(s.since(1, 10).unwrap().len(), 2);
        assert_eq!(s.max_seq().unwrap(), again[0].0);
        assert_eq!(s.get("b").unwrap().unwrap().article.place.as_deref(), Some("اربيل"));
        let st = s.stats().unwrap();
        assert_eq!((st.articles, st.outlets, st.first_published.as_deref()), (3, 1, Some("2024-03-11")));
        drop(s);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
