//! Search evaluation: known-item search and spelling robustness.
//!
//! From an archive holding the evaluation corpora, [`make_queries`] samples
//! articles (a fixed seed; same queries on every machine) and writes for each:
//! - a **title** query (the headline) and a **words** query (five content
//!   words of the body: Arabic words of four letters or more that are not
//!   Lucene stop words, drawn at random);
//! - **spelling variants** of each, one per kind of rewriting: hamza forms
//!   dropped or added, ة↔ه, ى↔ي, Arabic letters replaced by Persian ک ی,
//!   diacritics added, و/ال clitics attached.
//!
//! An article counts as found when a hit is it or an exact duplicate of it
//! (same body text). [`evaluate`] reports MRR@10 and recall@10 of the original
//! queries, and for each variant kind the overlap of its top 10 with the
//! original's (|A∩B| / max(|A|,|B|)) and its own MRR@10.

use rasid_core::document::content_id;
use rasid_text::analyzer::StopWords;
use rasid_text::{tokenize, TokenKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::archive::Archive;
use crate::error::Result;
use crate::index::SearchRequest;

/// One evaluation query (also the line format of `--write-queries`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvalQuery {
    /// Query id.
    pub qid: String,
    /// `title` or `words`.
    pub kind: String,
    /// `original` or the variant kind (`hamza`, `taa`, `yaa`, `persian`,
    /// `diacritics`, `clitics`).
    pub variant: String,
    /// The qid of the original query this one rewrites (itself for originals).
    pub base: String,
    /// The query text.
    pub query: String,
    /// The article sampled.
    pub target: String,
    /// Ids that count as a hit: the target and its exact duplicates.
    pub accept: Vec<String>,
}

/// The variant kinds, in report order.
pub const VARIANTS: [&str; 6] = ["hamza", "taa", "yaa", "persian", "diacritics", "clitics"];

/// splitmix64: a small fixed PRNG, so samples are the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Replaces query-syntax characters with spaces, so that a title is searched
/// as the words it contains.
pub fn plain_query(q: &str) -> String {
    q.chars()
        .map(|c| {
            if matches!(
                c,
                '"' | ':'
                    | '('
                    | ')'
                    | '+'
                    | '-'
                    | '^'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '*'
                    | '~'
                    | '\\'
                    | '/'
                    | '!'
                    | '\''
                    | '«'
                    | '»'
                    | '“'
                    | '”'
            ) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .filter(|w| !matches!(*w, "AND" | "OR" | "NOT"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn body_of(text: &str, has_headline: bool) -> &str {
    text[crate::archive::body_start(text, has_headline)..].trim()
}

/// Rewrites one word for a variant kind; returns it unchanged when the kind
/// does not apply to it.
fn rewrite_word(w: &str, kind: &str, rng: &mut Rng, first: bool) -> String {
    let chars: Vec<char> = w.chars().collect();
    if chars.is_empty() || !chars.iter().all(|c| rasid_text::chars::is_arabic_letter(*c)) {
        return w.to_string();
    }
    let last = chars.len() - 1;
    match kind {
        "hamza" => {
            if chars.iter().any(|c| matches!(c, 'أ' | 'إ' | 'آ')) {
                chars.iter().map(|c| if matches!(c, 'أ' | 'إ' | 'آ') { 'ا' } else { *c }).collect()
            } else if chars.len() > 3 && chars[0] == 'ا' && chars[1] == 'ل' && chars[2] == 'ا' {
                chars.iter().enumerate().map(|(i, c)| if i == 2 { 'أ' } else { *c }).collect()
            } else if chars[0] == 'ا' && chars.get(1) != Some(&'ل') {
                std::iter::once('أ').chain(chars[1..].iter().copied()).collect()
            } else {
                w.to_string()
            }
        }
        "taa" => match chars[last] {
            'ة' => chars[..last].iter().chain(['ه'].iter()).collect(),
            'ه' => chars[..last].iter().chain(['ة'].iter()).collect(),
            _ => w.to_string(),
        },
        "yaa" => match chars[last] {
            'ى' => chars[..last].iter().chain(['ي'].iter()).collect(),
            'ي' => chars[..last].iter().chain(['ى'].iter()).collect(),
            _ => w.to_string(),
        },
        "persian" => chars
            .iter()
            .map(|c| match c {
                'ك' => 'ک',
                'ي' => 'ی',
                _ => *c,
            })
            .collect(),
        "diacritics" => {
            const MARKS: [char; 5] = ['\u{064E}', '\u{064F}', '\u{0650}', '\u{0652}', '\u{0651}'];
            let mut s = String::new();
            for c in &chars {
                s.push(*c);
                if rng.chance(50) {
                    s.push(MARKS[rng.below(MARKS.len())]);
                }
            }
            s
        }
        "clitics" => {
            if first && chars.len() >= 3 && chars[0] != 'و' {
                format!("و{w}")
            } else if chars.len() >= 3 && !(chars[0] == 'ا' && chars[1] == 'ل') && rng.chance(50) {
                format!("ال{w}")
            } else {
                w.to_string()
            }
        }
        _ => w.to_string(),
    }
}

fn rewrite(q: &str, kind: &str, rng: &mut Rng) -> String {
    q.split(' ').enumerate().map(|(i, w)| rewrite_word(w, kind, rng, i == 0)).collect::<Vec<_>>().join(" ")
}

/// Samples `n` articles (ids sorted, fixed seed) and builds the queries.
/// `accept` groups come from exact duplicates of the body text.
pub fn make_queries(archive: &Archive, n: usize, seed: u64) -> Result<Vec<EvalQuery>> {
    let articles = archive.all_articles()?;
    let mut by_body: FxHashMap<String, Vec<String>> = FxHashMap::default();
    let mut candidates = Vec::new();
    for a in &articles {
        let body = body_of(&a.article.text, a.article.headline.is_some());
        by_body.entry(content_id(body)).or_default().push(a.article.id.clone());
        let words = tokenize(body).iter().filter(|t| t.kind == TokenKind::Arabic).count();
        if a.article.headline.as_deref().is_some_and(|h| plain_query(h).split(' ').count() >= 2) && words >= 30 {
            candidates.push(a);
        }
    }
    candidates.sort_by(|a, b| a.article.id.cmp(&b.article.id));
    let mut rng = Rng(seed);
    let stop = StopWords::lucene_arabic();
    let mut picked = Vec::new();
    let mut used = rustc_hash::FxHashSet::default();
    while picked.len() < n.min(candidates.len()) {
        let i = rng.below(candidates.len());
        if used.insert(i) {
            picked.push(candidates[i]);
        }
    }
    let mut out = Vec::new();
    for (k, a) in picked.iter().enumerate() {
        let art = &a.article;
        let body = body_of(&art.text, true);
        let accept = by_body.get(&content_id(body)).cloned().unwrap_or_else(|| vec![art.id.clone()]);
        let content: Vec<String> = tokenize(body)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Arabic && t.term.chars().count() >= 4 && !stop.contains(&t.term))
            .map(|t| t.term)
            .collect();
        let mut words = Vec::new();
        let mut tries = 0;
        while words.len() < 5 && tries < 100 && !content.is_empty() {
            let w = &content[rng.below(content.len())];
            if !words.contains(w) {
                words.push(w.clone());
            }
            tries += 1;
        }
        for (kind, text) in [("title", plain_query(art.headline.as_deref().unwrap_or(""))), ("words", words.join(" "))]
        {
            let base = format!("{}-{k:04}", &kind[..1]);
            out.push(EvalQuery {
                qid: base.clone(),
                kind: kind.into(),
                variant: "original".into(),
                base: base.clone(),
                query: text.clone(),
                target: art.id.clone(),
                accept: accept.clone(),
            });
            for v in VARIANTS {
                out.push(EvalQuery {
                    qid: format!("{base}-{v}"),
                    kind: kind.into(),
                    variant: v.into(),
                    base: base.clone(),
                    query: rewrite(&text, v, &mut rng),
                    target: art.id.clone(),
                    accept: accept.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Scores of one group of queries.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// Number of queries.
    pub queries: usize,
    /// Mean reciprocal rank of the first accepted hit in the top 10.
    pub mrr10: f64,
    /// Share of queries with an accepted hit in the top 10.
    pub recall10: f64,
    /// Mean overlap of the top 10 with the original query's (variants only).
    pub overlap10: Option<f64>,
}

/// The full report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Rows: (kind, variant, scores).
    pub rows: Vec<(String, String, Scores)>,
    /// Latency of the id search, milliseconds: p50, p99, mean (originals).
    pub latency_ms: (f64, f64, f64),
}

/// Runs every query and scores it.
pub fn evaluate(archive: &Archive, queries: &[EvalQuery]) -> Result<Report> {
    let mut results: FxHashMap<&str, Vec<String>> = FxHashMap::default();
    let mut latencies = Vec::new();
    for q in queries {
        let req = SearchRequest { query: q.query.clone(), limit: 10, ..Default::default() };
        let t = std::time::Instant::now();
        let ids = if q.query.trim().is_empty() { Vec::new() } else { archive.search_ids(&req)? };
        if q.variant == "original" {
            latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        results.insert(q.qid.as_str(), ids);
    }
    let mut rows = Vec::new();
    for kind in ["title", "words"] {
        for variant in std::iter::once("original").chain(VARIANTS) {
            let group: Vec<&EvalQuery> = queries.iter().filter(|q| q.kind == kind && q.variant == variant).collect();
            let mut s = Scores { queries: group.len(), ..Default::default() };
            let mut overlap = 0.0;
            for q in &group {
                let ids = &results[q.qid.as_str()];
                if let Some(r) = ids.iter().position(|id| q.accept.contains(id)) {
                    s.mrr10 += 1.0 / (r + 1) as f64;
                    s.recall10 += 1.0;
                }
                if variant != "original" {
                    let base = &results[q.base.as_str()];
                    let shared = ids.iter().filter(|id| base.contains(id)).count();
                    let denom = ids.len().max(base.len());
                    overlap += if denom == 0 { 1.0 } else { shared as f64 / denom as f64 };
                }
            }
            let n = group.len().max(1) as f64;
            s.mrr10 /= n;
            s.recall10 /= n;
            if variant != "original" {
                s.overlap10 = Some(overlap / n);
            }
            rows.push((kind.to_string(), variant.to_string(), s));
        }
    }
    latencies.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| latencies.get(((latencies.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    let mean = latencies.iter().sum::<f64>() / latencies.len().max(1) as f64;
    Ok(Report { rows, latency_ms: (pct(0.5), pct(0.99), mean) })
}

/// A Markdown table of a report.
pub fn table(r: &Report) -> String {
    let mut s = String::from("| queries | variant | n | MRR@10 | recall@10 | top-10 overlap with original |\n|---|---|---:|---:|---:|---:|\n");
    for (kind, variant, sc) in &r.rows {
        s.push_str(&format!(
            "| {kind} | {variant} | {} | {:.3} | {:.3} | {} |\n",
            sc.queries,
            sc.mrr10,
            sc.recall10,
            sc.overlap10.map_or("-".to_string(), |o| format!("{o:.3}"))
        ));
    }
    s.push_str(&format!(
        "\nlatency (id search, original queries): p50 {:.2} ms, p99 {:.2} ms, mean {:.2} ms\n",
        r.latency_ms.0, r.latency_ms.1, r.latency_ms.2
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_apply_each_kind() {
        let mut rng = Rng(7);
        assert_eq!(rewrite("أكدت قوات البيشمركة", "hamza", &mut rng), "اكدت قوات البيشمركة");
        assert_eq!(rewrite("اتفاق الامني", "hamza", &mut rng), "أتفاق الأمني");
        assert_eq!(rewrite("حملة البيشمركة", "taa", &mut rng), "حمله البيشمركه");
        assert_eq!(rewrite("بنى مبنى", "yaa", &mut rng), "بني مبني");
        assert_eq!(rewrite("كردستان", "persian", &mut rng), "کردستان");
        assert!(rewrite("حملة", "diacritics", &mut rng).chars().count() >= 4);
        assert!(rewrite("حملة كبيرة", "clitics", &mut rng).starts_with("وحملة"));
        assert_eq!(plain_query("مخرج \"غدوة حيّ\" : الفيلم"), "مخرج غدوة حيّ الفيلم");
    }
}
