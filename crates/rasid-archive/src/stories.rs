//! Near-duplicate groups and stories in the store.
//!
//! - `minhash`: each article's MinHash signature (see
//!   [`rasid_stories::minhash`]), loaded at the start of an ingestion to
//!   find the duplicates of new articles among the old;
//! - `dup_pairs`: every near-duplicate pair with its Jaccard and containment
//!   estimates; `dup_group`: each article's group, named by the `seq` of its
//!   first-ingested member. All three are written in the same transaction as
//!   the article.
//! - `day_clusters`: each publication day's average-link clusters (members,
//!   centroid, most central article); `story_of`: each article's story,
//!   named by the `seq` of the earliest article of its earliest day cluster.
//!   After an ingestion the days it touched are clustered again and all day
//!   clusters are linked again (cheap: one centroid per cluster).

use rasid_stories::cluster::{average_link, link_days, DayCluster, CENTROID_TERMS, CLUSTER_SIM, LINK_SIM};
use rasid_stories::dedup::Similarity;
use rasid_stories::minhash::Signature;
use rasid_stories::terms::{vectors, Input, Vector};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::Result;

/// The tables (created when missing, so older archives gain them).
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS minhash (seq INTEGER PRIMARY KEY, shingles INTEGER NOT NULL, sig BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS dup_group (seq INTEGER PRIMARY KEY, grp INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dup_group_grp ON dup_group(grp);
CREATE TABLE IF NOT EXISTS dup_pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, jaccard REAL NOT NULL,
    containment REAL NOT NULL, ratio REAL NOT NULL, grouped INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dup_pairs_b ON dup_pairs(b);
CREATE TABLE IF NOT EXISTS day_clusters (day INTEGER NOT NULL, first INTEGER NOT NULL, central INTEGER NOT NULL,
    members TEXT NOT NULL, centroid BLOB NOT NULL, PRIMARY KEY (day, first)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_of (seq INTEGER PRIMARY KEY, story INTEGER NOT NULL, day INTEGER NOT NULL,
    central INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS story_of_story ON story_of(story);
";

/// A near-duplicate of a new article among earlier ones, by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearDuplicate {
    /// The earlier article's id.
    pub id: String,
    /// Estimated Jaccard similarity of word 3-shingles.
    pub jaccard: f64,
    /// Estimated share of the smaller article inside the larger.
    pub containment: f64,
    /// Size of the smaller article over the larger (in shingles).
    pub ratio: f64,
    /// Whether the pair joins the two articles' groups (see
    /// [`rasid_stories::dedup::Thresholds::groups`]).
    pub grouped: bool,
}

/// Records an article's signature, pairs and group (inside its transaction).
pub(crate) fn record(tx: &Transaction<'_>, seq: i64, sig: Option<&Signature>, near: &[NearDuplicate]) -> Result<()> {
    let Some(sig) = sig else { return Ok(()) };
    tx.prepare_cached("INSERT OR REPLACE INTO minhash (seq, shingles, sig) VALUES (?1, ?2, ?3)")?.execute(params![
        seq,
        sig.shingles,
        sig.to_bytes()
    ])?;
    let mut groups = vec![seq];
    for n in near {
        let Some(other) = tx
            .prepare_cached("SELECT seq FROM articles WHERE id = ?1")?
            .query_row([&n.id], |r| r.get::<_, i64>(0))
            .optional()?
        else {
            continue;
        };
        tx.prepare_cached(
            "INSERT OR REPLACE INTO dup_pairs (a, b, jaccard, containment, ratio, grouped) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![other.min(seq), other.max(seq), n.jaccard, n.containment, n.ratio, n.grouped])?;
        if !n.grouped {
            continue;
        }
        if let Some(g) = tx
            .prepare_cached("SELECT grp FROM dup_group WHERE seq = ?1")?
            .query_row([other], |r| r.get::<_, i64>(0))
            .optional()?
        {
            groups.push(g);
        }
    }
    let grp = *groups.iter().min().unwrap_or(&seq);
    tx.prepare_cached("INSERT OR REPLACE INTO dup_group (seq, grp) VALUES (?1, ?2)")?.execute(params![seq, grp])?;
    groups.sort_unstable();
    groups.dedup();
    for g in groups.into_iter().filter(|g| *g != grp) {
        tx.prepare_cached("UPDATE dup_group SET grp = ?1 WHERE grp = ?2")?.execute(params![grp, g])?;
    }
    Ok(())
}

/// Every stored signature with its article id and group, in ingestion order.
pub(crate) fn signatures(conn: &Connection) -> Result<Vec<(String, Signature, Option<i64>)>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, m.shingles, m.sig, g.grp FROM minhash m JOIN articles a ON a.seq = m.seq \
         LEFT JOIN dup_group g ON g.seq = m.seq ORDER BY m.seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, Vec<u8>>(2)?, r.get::<_, Option<i64>>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, n, bytes, grp) = row?;
        if let Some(sig) = Signature::from_bytes(&bytes, n) {
            out.push((id, sig, grp));
        }
    }
    Ok(out)
}

/// One member of a duplicate group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMember {
    /// Article id.
    pub id: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication day.
    pub published: Option<String>,
    /// Headline.
    pub headline: Option<String>,
    /// Similarity to the article asked about, when they form a pair.
    pub similarity: Option<Similarity>,
}

/// The other members of `id`'s duplicate group, in ingestion order.
pub(crate) fn group_of(conn: &Connection, id: &str) -> Result<Vec<GroupMember>> {
    let Some((seq, grp)) = conn
        .query_row("SELECT a.seq, g.grp FROM articles a JOIN dup_group g ON g.seq = a.seq WHERE a.id = ?1", [id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })
        .optional()?
    else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT a.seq, a.id, a.outlet, a.published, a.headline, p.jaccard, p.containment, p.ratio FROM dup_group g \
         JOIN articles a ON a.seq = g.seq \
         LEFT JOIN dup_pairs p ON p.a = MIN(a.seq, ?2) AND p.b = MAX(a.seq, ?2) \
         WHERE g.grp = ?1 AND g.seq != ?2 ORDER BY a.seq",
    )?;
    let rows = stmt.query_map(params![grp, seq], |r| {
        let j: Option<f64> = r.get(5)?;
        let c: Option<f64> = r.get(6)?;
        let ratio: Option<f64> = r.get(7)?;
        Ok(GroupMember {
            id: r.get(1)?,
            outlet: r.get(2)?,
            published: r.get(3)?,
            headline: r.get(4)?,
            similarity: j.zip(c).map(|(jaccard, containment)| Similarity {
                jaccard,
                containment,
                ratio: ratio.unwrap_or(0.0),
            }),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Group and group size of each id (an article with no group is alone).
pub(crate) fn groups(conn: &Connection, ids: &[String]) -> Result<Vec<(i64, u64)>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let g = conn
            .prepare_cached(
                "SELECT g.grp, (SELECT COUNT(*) FROM dup_group h WHERE h.grp = g.grp) FROM articles a \
                 JOIN dup_group g ON g.seq = a.seq WHERE a.id = ?1",
            )?
            .query_row([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64)))
            .optional()?;
        out.push(g.unwrap_or((-(out.len() as i64) - 1, 1)));
    }
    Ok(out)
}

/// The publication day of an article as days since the epoch: its
/// `published` day, else its ingestion day.
const DAY_SQL: &str = "CAST(julianday(COALESCE(a.published, substr(a.ingested_at, 1, 10))) - 2440587.5 AS INTEGER)";

/// Days (since the epoch) of the articles with `seq` above `after`.
pub(crate) fn days_after(conn: &Connection, after: i64) -> Result<Vec<i64>> {
    let sql = format!("SELECT DISTINCT {DAY_SQL} FROM articles a WHERE a.seq > ?1 ORDER BY 1");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([after], |r| r.get::<_, Option<i64>>(0))?;
    Ok(rows.filter_map(|r| r.ok().flatten()).collect())
}

fn centroid_bytes(v: &Vector) -> Vec<u8> {
    v.terms.iter().flat_map(|(t, w)| t.to_le_bytes().into_iter().chain(w.to_le_bytes())).collect()
}

fn centroid_from(bytes: &[u8]) -> Vector {
    Vector {
        terms: bytes
            .chunks_exact(8)
            .map(|c| (u32::from_le_bytes([c[0], c[1], c[2], c[3]]), f32::from_le_bytes([c[4], c[5], c[6], c[7]])))
            .collect(),
    }
}

/// One day's clusters: (first seq, central seq, member seqs, centroid).
type DayClusters = Vec<(i64, i64, Vec<i64>, Vector)>;

/// An article as the clustering reads it: seq, day, headline, text, group.
type DayArticle = (i64, i64, String, String, i64);

/// Average-link clusters of one day's articles (in `seq` order).
fn cluster_articles(rows: &[DayArticle], ents: &FxHashMap<i64, Vec<String>>) -> DayClusters {
    let inputs: Vec<Input<'_>> = rows
        .iter()
        .map(|(seq, _, h, t, _)| {
            let body = t.strip_prefix(h.as_str()).unwrap_or(t);
            Input { headline: h, body, entities: ents.get(seq).cloned().unwrap_or_default() }
        })
        .collect();
    let vs = vectors(&inputs);
    let forced: Vec<u32> = {
        let mut ids: FxHashMap<i64, u32> = FxHashMap::default();
        rows.iter()
            .map(|r| {
                let n = ids.len() as u32;
                *ids.entry(r.4).or_insert(n)
            })
            .collect()
    };
    let labels = average_link(&vs, &forced, CLUSTER_SIM);
    let mut members: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (i, l) in labels.iter().enumerate() {
        members.entry(*l).or_default().push(i);
    }
    members
        .into_values()
        .map(|m| {
            let centroid = Vector::centroid(m.iter().map(|&i| &vs[i]), CENTROID_TERMS);
            let central = m
                .iter()
                .map(|&i| (vs[i].dot(&centroid), i))
                .fold((f32::NEG_INFINITY, m[0]), |best, x| if x.0 > best.0 { x } else { best })
                .1;
            (rows[m[0]].0, rows[central].0, m.iter().map(|&i| rows[i].0).collect(), centroid)
        })
        .collect()
}

/// Clusters the articles of `days` again (in parallel, one day per task)
/// and replaces their day clusters in one transaction.
pub(crate) fn cluster_days(conn: &mut Connection, days: &[i64]) -> Result<usize> {
    use rayon::prelude::*;
    let days_json = serde_json::to_string(days).unwrap_or_else(|_| "[]".into());
    let sql = format!(
        "SELECT a.seq, {DAY_SQL}, COALESCE(a.headline, ''), a.text, COALESCE(g.grp, a.seq) FROM articles a \
         LEFT JOIN dup_group g ON g.seq = a.seq WHERE {DAY_SQL} IN (SELECT value FROM json_each(?1)) ORDER BY a.seq"
    );
    let rows: Vec<DayArticle> = conn
        .prepare(&sql)?
        .query_map([&days_json], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let seqs_json = serde_json::to_string(&rows.iter().map(|r| r.0).collect::<Vec<_>>()).unwrap_or_default();
    let mut ents: FxHashMap<i64, Vec<String>> = FxHashMap::default();
    {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT m.seq, m.type || ':' || m.canonical FROM mentions m \
             WHERE m.seq IN (SELECT value FROM json_each(?1)) ORDER BY 1, 2",
        )?;
        for r in stmt.query_map([&seqs_json], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (seq, e) = r?;
            ents.entry(seq).or_default().push(e);
        }
    }
    let mut by_day: std::collections::BTreeMap<i64, Vec<DayArticle>> = Default::default();
    for r in rows {
        by_day.entry(r.1).or_default().push(r);
    }
    let clustered: Vec<(i64, DayClusters)> =
        by_day.into_par_iter().map(|(day, rows)| (day, cluster_articles(&rows, &ents))).collect();
    let tx = conn.transaction()?;
    let mut n = 0;
    for day in days {
        tx.execute("DELETE FROM day_clusters WHERE day = ?1", [day])?;
    }
    {
        let mut ins = tx
            .prepare("INSERT INTO day_clusters (day, first, central, members, centroid) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (day, clusters) in &clustered {
            for (first, central, members, centroid) in clusters {
                let members: Vec<String> = members.iter().map(i64::to_string).collect();
                ins.execute(params![day, first, central, members.join(" "), centroid_bytes(centroid)])?;
                n += 1;
            }
        }
    }
    tx.commit()?;
    Ok(n)
}

/// Links all day clusters into stories and rewrites `story_of`.
pub(crate) fn relink(conn: &mut Connection) -> Result<usize> {
    let rows: Vec<(i64, i64, i64, String, Vec<u8>)> = conn
        .prepare("SELECT day, first, central, members, centroid FROM day_clusters ORDER BY day, first")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let clusters: Vec<DayCluster> =
        rows.iter().map(|r| DayCluster { day: r.0, centroid: centroid_from(&r.4) }).collect();
    let labels = link_days(&clusters, LINK_SIM);
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM story_of", [])?;
    let mut stories = rustc_hash::FxHashSet::default();
    {
        let mut ins =
            tx.prepare("INSERT OR REPLACE INTO story_of (seq, story, day, central) VALUES (?1, ?2, ?3, ?4)")?;
        for (r, l) in rows.iter().zip(&labels) {
            let story = rows[*l as usize].1;
            stories.insert(story);
            for s in r.3.split(' ').filter_map(|s| s.parse::<i64>().ok()) {
                ins.execute(params![s, story, r.0, i64::from(s == r.2)])?;
            }
        }
    }
    tx.commit()?;
    Ok(stories.len())
}

/// One story in a listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    /// The story id: the id of its first article.
    pub id: String,
    /// The most central headline of its largest day.
    pub title: Option<String>,
    /// Articles in the story.
    pub articles: u64,
    /// Distinct outlets.
    pub outlets: Vec<String>,
    /// First publication day.
    pub first_seen: Option<String>,
    /// Last publication day.
    pub last_seen: Option<String>,
    /// Near-duplicate groups among its articles (reports that are not reprints).
    pub distinct_reports: u64,
}

fn day_iso(day: i64) -> String {
    crate::dates::Day::from_days(day).iso()
}

/// Stories with at least `min_articles` articles whose last day is within
/// `from..=to` (days since the epoch), largest first.
pub(crate) fn list(
    conn: &Connection,
    from: Option<i64>,
    to: Option<i64>,
    min_articles: u64,
    limit: usize,
) -> Result<Vec<StorySummary>> {
    let mut stmt = conn.prepare(
        "SELECT s.story, COUNT(*), MIN(s.day), MAX(s.day), COUNT(DISTINCT COALESCE(g.grp, s.seq)) FROM story_of s \
         LEFT JOIN dup_group g ON g.seq = s.seq GROUP BY s.story \
         HAVING COUNT(*) >= ?1 AND MAX(s.day) >= ?2 AND MAX(s.day) <= ?3 \
         ORDER BY COUNT(DISTINCT COALESCE(g.grp, s.seq)) DESC, COUNT(*) DESC, s.story LIMIT ?4",
    )?;
    let rows: Vec<(i64, i64, i64, i64, i64)> = stmt
        .query_map(params![min_articles as i64, from.unwrap_or(i64::MIN), to.unwrap_or(i64::MAX), limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|(story, n, first, last, reports)| summary(conn, story, n, first, last, reports)).collect()
}

fn summary(conn: &Connection, story: i64, n: i64, first: i64, last: i64, reports: i64) -> Result<StorySummary> {
    let id: String = conn.query_row("SELECT id FROM articles WHERE seq = ?1", [story], |r| r.get(0))?;
    // Title: the central article of the day with the most articles.
    let title: Option<String> = conn
        .query_row(
            "SELECT a.headline FROM story_of s JOIN articles a ON a.seq = s.seq WHERE s.story = ?1 AND s.central = 1 \
             ORDER BY (SELECT COUNT(*) FROM story_of t WHERE t.story = ?1 AND t.day = s.day) DESC, s.day, s.seq LIMIT 1",
            [story],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let outlets: Vec<String> = conn
        .prepare_cached(
            "SELECT a.outlet FROM story_of s JOIN articles a ON a.seq = s.seq WHERE s.story = ?1 AND a.outlet IS NOT NULL \
             GROUP BY a.outlet ORDER BY COUNT(*) DESC, a.outlet",
        )?
        .query_map([story], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(StorySummary {
        id,
        title,
        articles: n as u64,
        outlets,
        first_seen: Some(day_iso(first)),
        last_seen: Some(day_iso(last)),
        distinct_reports: reports as u64,
    })
}

/// A story's members and top entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDetail {
    /// The listing fields.
    #[serde(flatten)]
    pub summary: StorySummary,
    /// Articles, by day then ingestion order: (id, day, outlet, headline, duplicate group id).
    pub members: Vec<StoryMember>,
    /// The most mentioned entities: (type, canonical name, articles).
    pub entities: Vec<(String, String, u64)>,
}

/// One article of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryMember {
    /// Article id.
    pub id: String,
    /// Publication day.
    pub day: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Headline.
    pub headline: Option<String>,
    /// Id of the first article of its near-duplicate group (itself when alone).
    pub duplicate_of: String,
}

/// The story that contains article `id` (or whose id is `id`).
pub(crate) fn detail(conn: &Connection, id: &str) -> Result<Option<StoryDetail>> {
    let Some(story) = conn
        .query_row("SELECT s.story FROM story_of s JOIN articles a ON a.seq = s.seq WHERE a.id = ?1", [id], |r| {
            r.get::<_, i64>(0)
        })
        .optional()?
    else {
        return Ok(None);
    };
    let (n, first, last, reports): (i64, i64, i64, i64) = conn.query_row(
        "SELECT COUNT(*), MIN(s.day), MAX(s.day), COUNT(DISTINCT COALESCE(g.grp, s.seq)) FROM story_of s \
         LEFT JOIN dup_group g ON g.seq = s.seq WHERE s.story = ?1",
        [story],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let summary = summary(conn, story, n, first, last, reports)?;
    let members: Vec<StoryMember> = conn
        .prepare(
            "SELECT a.id, s.day, a.outlet, a.headline, COALESCE((SELECT b.id FROM articles b WHERE b.seq = g.grp), a.id) \
             FROM story_of s JOIN articles a ON a.seq = s.seq LEFT JOIN dup_group g ON g.seq = s.seq \
             WHERE s.story = ?1 ORDER BY s.day, s.seq",
        )?
        .query_map([story], |r| {
            Ok(StoryMember {
                id: r.get(0)?,
                day: day_iso(r.get(1)?),
                outlet: r.get(2)?,
                headline: r.get(3)?,
                duplicate_of: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let entities: Vec<(String, String, u64)> = conn
        .prepare(
            "SELECT m.type, m.canonical, COUNT(DISTINCT m.seq) FROM mentions m JOIN story_of s ON s.seq = m.seq \
             WHERE s.story = ?1 GROUP BY m.type, m.canonical ORDER BY 3 DESC, 1, 2 LIMIT 12",
        )?
        .query_map([story], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(StoryDetail { summary, members, entities }))
}
