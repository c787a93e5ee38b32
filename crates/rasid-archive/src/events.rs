//! Events across the archive: one row per event of every stored article,
//! with the columns that filters need (day, type, polarity, actors, place).

use rasid_events::export::EventRecord;
use rasid_text::normalize::search_fold;
use rusqlite::{params, Connection};

use crate::dates::parse_day;
use crate::Result;

/// Tables of the events.
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (seq INTEGER NOT NULL, n INTEGER NOT NULL, day INTEGER, type TEXT NOT NULL,
    subtype TEXT, plover TEXT, polarity TEXT NOT NULL, tense TEXT NOT NULL, actors TEXT NOT NULL, place TEXT NOT NULL,
    record TEXT NOT NULL, PRIMARY KEY (seq, n)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_day ON events(day);
";

/// Records one newly stored article's events.
pub(crate) fn record(conn: &Connection, seq: i64, events: &[EventRecord]) -> Result<()> {
    for (n, e) in events.iter().enumerate() {
        let day = e.event_date.as_deref().and_then(parse_day).map(|d| d.days_since_epoch());
        let actors = [&e.actor1, &e.actor2, &e.target]
            .iter()
            .filter_map(|a| a.as_deref())
            .map(search_fold)
            .collect::<Vec<_>>()
            .join(" | ");
        conn.prepare_cached(
            "INSERT OR IGNORE INTO events (seq, n, day, type, subtype, plover, polarity, tense, actors, place, record) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            seq,
            n as i64,
            day,
            e.event_type,
            e.sub_event_type,
            e.plover,
            e.polarity,
            e.tense,
            actors,
            e.location.as_deref().map(search_fold).unwrap_or_default(),
            serde_json::to_string(e)?
        ])?;
    }
    Ok(())
}

/// Filters for listing events.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// ACLED type, sub-type or PLOVER class (case-insensitive, a prefix will do).
    pub kind: Option<String>,
    /// Any spelling of an actor or target (folded substring).
    pub actor: Option<String>,
    /// Any spelling of the place (folded substring).
    pub place: Option<String>,
    /// First day, days since the epoch.
    pub from: Option<i64>,
    /// Last day, days since the epoch.
    pub to: Option<i64>,
    /// asserted, negated or hypothetical.
    pub polarity: Option<String>,
    /// Also earlier events recalled for context (tense `background`).
    pub background: bool,
    /// At most this many.
    pub limit: usize,
}

/// Events matching a query, latest day first (undated last), then the
/// latest ingested article first, in text order within an article.
pub(crate) fn query(conn: &Connection, q: &EventQuery) -> Result<Vec<EventRecord>> {
    let mut sql = String::from("SELECT record FROM events WHERE 1");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    if let Some(k) = &q.kind {
        sql.push_str(" AND (type LIKE ? OR subtype LIKE ? OR plover LIKE ?)");
        let pat = format!("{}%", k.to_lowercase());
        for _ in 0..3 {
            args.push(Box::new(pat.clone()));
        }
    }
    if let Some(a) = &q.actor {
        sql.push_str(" AND actors LIKE ?");
        args.push(Box::new(format!("%{}%", search_fold(a.trim()))));
    }
    if let Some(p) = &q.place {
        sql.push_str(" AND place LIKE ?");
        args.push(Box::new(format!("%{}%", search_fold(p.trim()))));
    }
    if let Some(f) = q.from {
        sql.push_str(" AND day >= ?");
        args.push(Box::new(f));
    }
    if let Some(t) = q.to {
        sql.push_str(" AND day <= ?");
        args.push(Box::new(t));
    }
    if let Some(p) = &q.polarity {
        sql.push_str(" AND polarity = ?");
        args.push(Box::new(p.clone()));
    }
    if !q.background {
        sql.push_str(" AND tense != 'background'");
    }
    sql.push_str(" ORDER BY day IS NULL, day DESC, seq DESC, n ASC LIMIT ?");
    args.push(Box::new(q.limit as i64));
    let mut stmt = conn.prepare(&sql)?;
    let rows =
        stmt.query_map(rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())), |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for r in rows {
        out.push(serde_json::from_str(&r?)?);
    }
    Ok(out)
}
