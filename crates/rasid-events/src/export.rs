//! Events as flat records, written as CSV with ACLED's column names or as
//! GeoJSON.

use rasid_core::dates::parse_day;
use rasid_core::document::{Document, Event};
use serde::{Deserialize, Serialize};

/// One event as a flat record (what the archive stores and exports).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// `<article id>-<n>`: the article and the event's position in it.
    pub event_id: String,
    /// Article id.
    pub article: String,
    /// The day of the event (`YYYY-MM-DD`), or the publication day when
    /// the text gives no time (then `time_precision` is 3 at best).
    pub event_date: Option<String>,
    /// ACLED time precision (1 day, 2 week, 3 month or vaguer).
    pub time_precision: u8,
    /// ACLED event type (or rasid's).
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: Option<String>,
    /// PLOVER class.
    pub plover: Option<String>,
    /// First actor.
    pub actor1: Option<String>,
    /// Second actor (another actor, or the target).
    pub actor2: Option<String>,
    /// Target, when told apart from the actors.
    pub target: Option<String>,
    /// Place name.
    pub location: Option<String>,
    /// ISO country code of the place.
    pub country: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// ACLED geo precision (1 place, 2 near or part of a region, 3 region).
    pub geo_precision: Option<u8>,
    /// The outlet or quoted speaker the report comes from.
    pub source: Option<String>,
    /// The sentence that reports it.
    pub notes: String,
    /// Deaths the text gives.
    pub fatalities: Option<u32>,
    /// asserted, negated or hypothetical.
    pub polarity: String,
    /// current or background.
    pub tense: String,
    /// The trigger as written.
    pub trigger: String,
    /// The trigger's offsets in the article.
    pub start: usize,
    /// End of the trigger (exclusive).
    pub end: usize,
}

/// The records of a document's events. `anchor` (`YYYY-MM-DD`) is the day
/// relative times count from and the date of events the text does not
/// date: the publication day, or the ingestion day when that is unknown.
pub fn records(doc: &Document, anchor: Option<&str>) -> Vec<EventRecord> {
    doc.events.iter().enumerate().map(|(i, e)| record(doc, i, e, anchor)).collect()
}

fn record(doc: &Document, i: usize, e: &Event, published: Option<&str>) -> EventRecord {
    let day = published.and_then(parse_day);
    let mut names = e.actors.iter().map(|a| a.name.clone());
    let actor1 = names.next();
    let actor2 = names.next().or_else(|| e.target.as_ref().map(|t| t.name.clone()));
    let (event_date, time_precision) = match e.time.as_ref() {
        Some(t) if t.date.as_deref().is_some_and(|d| d.len() == 10) => (t.date.clone(), t.time_precision),
        Some(t) if t.offset_days.is_some() && day.is_some() => {
            (day.map(|d| d.plus(t.offset_days.unwrap_or(0)).iso()), t.time_precision)
        }
        Some(t) if t.weekday.is_some() && day.is_some() => {
            (day.map(|d| d.plus(-i64::from((d.weekday() + 7 - t.weekday.unwrap_or(0)) % 7)).iso()), t.time_precision)
        }
        Some(t) => (t.date.clone().or(published.map(str::to_string)), 3),
        None => (published.map(str::to_string), 3),
    };
    let notes = doc.sentences.get(e.sentence).map(|s| s.span.text.clone()).unwrap_or_default();
    EventRecord {
        event_id: format!("{}-{}", doc.id, i + 1),
        article: doc.id.clone(),
        event_date,
        time_precision,
        event_type: e.kind.clone(),
        sub_event_type: e.subtype.clone(),
        plover: e.plover.clone(),
        actor1,
        actor2,
        target: e.target.as_ref().map(|t| t.name.clone()),
        location: e.location.as_ref().map(|l| l.name.clone()),
        country: e.location.as_ref().and_then(|l| l.country.clone()),
        latitude: e.location.as_ref().and_then(|l| l.latitude),
        longitude: e.location.as_ref().and_then(|l| l.longitude),
        geo_precision: e.location.as_ref().map(|l| l.geo_precision),
        source: e.source.name.clone(),
        notes,
        fatalities: e.fatalities,
        polarity: e.polarity.clone(),
        tense: e.tense.clone(),
        trigger: e.trigger.text.clone(),
        start: e.trigger.start,
        end: e.trigger.end,
    }
}

/// CSV columns: ACLED's names where they apply, then rasid's.
pub const CSV_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "polarity",
    "tense",
    "plover",
    "target",
    "trigger",
    "article_id",
];

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV header line (with a UTF-8 byte-order mark, so that spreadsheet
/// programs read the Arabic text as UTF-8).
pub fn csv_header() -> String {
    format!("\u{feff}{}\r\n", CSV_COLUMNS.join(","))
}

/// One CSV line (RFC 4180 quoting, CRLF).
pub fn csv_line(r: &EventRecord) -> String {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let f = |x: Option<f64>| x.map(|v| format!("{v:.5}")).unwrap_or_default();
    let cols = [
        r.event_id.clone(),
        o(&r.event_date),
        r.event_date.as_deref().map(|d| d[..4.min(d.len())].to_string()).unwrap_or_default(),
        r.time_precision.to_string(),
        r.event_type.clone(),
        o(&r.sub_event_type),
        o(&r.actor1),
        o(&r.actor2),
        o(&r.country),
        o(&r.location),
        f(r.latitude),
        f(r.longitude),
        r.geo_precision.map(|g| g.to_string()).unwrap_or_default(),
        o(&r.source),
        r.notes.replace(['\n', '\r'], " "),
        r.fatalities.map(|n| n.to_string()).unwrap_or_default(),
        r.polarity.clone(),
        r.tense.clone(),
        o(&r.plover),
        o(&r.target),
        r.trigger.clone(),
        r.article.clone(),
    ];
    let mut line = cols.iter().map(|c| field(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// A GeoJSON FeatureCollection of the records that have coordinates
/// (RFC 7946: longitude first).
pub fn geojson(records: &[EventRecord]) -> serde_json::Value {
    let features: Vec<serde_json::Value> = records
        .iter()
        .filter_map(|r| {
            let (lat, lon) = (r.latitude?, r.longitude?);
            let mut props = serde_json::to_value(r).ok()?;
            if let Some(m) = props.as_object_mut() {
                m.remove("latitude");
                m.remove("longitude");
            }
            Some(serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }))
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec() -> EventRecord {
        EventRecord {
            event_id: "a-1".into(),
            article: "a".into(),
            event_date: Some("2018-01-01".into()),
            time_precision: 1,
            event_type: "Security operation".into(),
            sub_event_type: Some("Clearing operation".into()),
            plover: None,
            actor1: Some("قوات البيشمركة".into()),
            actor2: Some("التحالف الدولي".into()),
            target: Some("داعش".into()),
            location: Some("قرة جوخ".into()),
            country: Some("IQ".into()),
            latitude: Some(35.78),
            longitude: Some(43.55),
            geo_precision: Some(1),
            source: Some("كوردستان 24".into()),
            notes: "وأطلقت البيشمركة يوم امس حملة، \"تطهير\"".into(),
            fatalities: None,
            polarity: "asserted".into(),
            tense: "current".into(),
            trigger: "حملة".into(),
            start: 10,
            end: 14,
        }
    }

    #[test]
    fn csv_quotes_fields_and_keeps_acled_columns() {
        let h = csv_header();
        assert!(h.starts_with('\u{feff}'));
        for c in [
            "event_date",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
            "time_precision",
            "source",
            "notes",
            "fatalities",
        ] {
            assert!(CSV_COLUMNS.contains(&c), "{c}");
        }
        let line = csv_line(&rec());
        assert!(line.contains("\"وأطلقت البيشمركة يوم امس حملة، \"\"تطهير\"\"\""), "{line}");
        assert!(line.starts_with("a-1,2018-01-01,2018,1,Security operation,"));
        assert!(line.ends_with("\r\n"));
    }

    #[test]
    fn geojson_puts_longitude_first() {
        let g = geojson(&[rec()]);
        assert_eq!(g["features"][0]["geometry"]["coordinates"][0].as_f64(), Some(43.55));
        assert_eq!(g["features"][0]["properties"]["location"], "قرة جوخ");
    }
}
