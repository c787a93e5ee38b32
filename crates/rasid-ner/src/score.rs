//! CoNLL-style exact-span evaluation (the semantics of `conlleval`): entity
//! spans are read from gold and predicted BIO tags with [`spans`] (an `I-`
//! that does not continue an entity of its type starts a new one), and a
//! predicted span is correct only if its start, end and type all equal those
//! of a gold span of the same sentence. Precision, recall and F1 are
//! percentages, per type and overall (micro-averaged).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::corpus::{spans, EntityType, Tag};

/// Span counts of one type (or of all types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Predicted spans that match a gold span exactly (start, end, type).
    pub tp: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

/// `100 * num / den`, or 0 when `den` is 0.
fn percent(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        100.0 * num as f64 / den as f64
    }
}

impl Counts {
    /// Precision in percent: `tp / predicted` (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        percent(self.tp, self.predicted)
    }

    /// Recall in percent: `tp / gold` (0 when there is no gold span).
    pub fn recall(&self) -> f64 {
        percent(self.tp, self.gold)
    }

    /// F1 in percent: the harmonic mean of precision and recall (0 when both
    /// are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Counts per type name (`PER`, `ORG`, `LOC`, `MISC`), for every type that
    /// occurs in the gold or the predicted tags.
    pub per_type: BTreeMap<String, Counts>,
    /// Counts over all types.
    pub overall: Counts,
    /// Gold spans not predicted exactly, as `"TYPE surface"` (e.g.
    /// `"LOC القاهرة"`, tokens joined by one space) with their number of
    /// occurrences; most frequent first, ties in string order.
    pub misses: Vec<(String, usize)>,
    /// Predicted spans that are not gold spans, in the same form and order as
    /// `misses`.
    pub false_alarms: Vec<(String, usize)>,
}

/// `"TYPE surface"` of a span; tokens missing from `tokens` (sequences of
/// different lengths) are left out.
fn label(tokens: &[String], (start, end, ty): (usize, usize, EntityType)) -> String {
    let end = end.min(tokens.len());
    let start = start.min(end);
    format!("{} {}", ty.as_str(), tokens[start..end].join(" "))
}

/// Counted strings, most frequent first, ties in string order.
fn ranked(counts: FxHashMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Scores predicted tags against gold tags, one `(tokens, gold, predicted)`
/// triple per sentence. Spans are compared within their sentence only. The
/// three sequences should have the same length; if they do not, each tag
/// sequence is still read in full (no panic), and surface strings use the
/// tokens that exist.
pub fn evaluate(sentences: &[(Vec<String>, Vec<Tag>, Vec<Tag>)]) -> Report {
    let mut per_type: BTreeMap<EntityType, Counts> = BTreeMap::new();
    let mut misses: FxHashMap<String, usize> = FxHashMap::default();
    let mut false_alarms: FxHashMap<String, usize> = FxHashMap::default();
    for (tokens, gold, pred) in sentences {
        let gold: BTreeSet<_> = spans(gold).into_iter().collect();
        let pred: BTreeSet<_> = spans(pred).into_iter().collect();
        for &span in &gold {
            let c = per_type.entry(span.2).or_default();
            c.gold += 1;
            if pred.contains(&span) {
                c.tp += 1;
            } else {
                *misses.entry(label(tokens, span)).or_insert(0) += 1;
            }
        }
        for &span in &pred {
            per_type.entry(span.2).or_default().predicted += 1;
            if !gold.contains(&span) {
                *false_alarms.entry(label(tokens, span)).or_insert(0) += 1;
            }
        }
    }
    let mut overall = Counts::default();
    for c in per_type.values() {
        overall.add(*c);
    }
    Report {
        per_type: per_type.into_iter().map(|(t, c)| (t.as_str().to_string(), c)).collect(),
        overall,
        misses: ranked(misses),
        false_alarms: ranked(false_alarms),
    }
}

/// The report as a Markdown table: one row per type (in name order) and an
/// `overall` row, with columns type, gold, predicted, correct, P, R, F1
/// (percentages with two decimals).
pub fn table(r: &Report) -> String {
    let mut out =
        String::from("| type | gold | predicted | correct | P | R | F1 |\n|---|---:|---:|---:|---:|---:|---:|\n");
    let rows = r.per_type.iter().map(|(t, c)| (t.as_str(), c)).chain([("overall", &r.overall)]);
    for (name, c) in rows {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {:.2} | {:.2} | {:.2} |",
            c.gold,
            c.predicted,
            c.tp,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{read_anercorp, Sentence};
    use std::path::PathBuf;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace().map(|t| t.parse().unwrap()).collect()
    }

    fn sent(tokens: &str, gold: &str, pred: &str) -> (Vec<String>, Vec<Tag>, Vec<Tag>) {
        (tokens.split_whitespace().map(String::from).collect(), tags(gold), tags(pred))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn counts_math() {
        let c = Counts { tp: 3, predicted: 4, gold: 6 };
        assert!(close(c.precision(), 75.0));
        assert!(close(c.recall(), 50.0));
        assert!(close(c.f1(), 60.0));
        let z = Counts::default();
        assert_eq!((z.precision(), z.recall(), z.f1()), (0.0, 0.0, 0.0));
        let none_right = Counts { tp: 0, predicted: 2, gold: 2 };
        assert_eq!(none_right.f1(), 0.0);
    }

    #[test]
    fn exact_spans_per_type() {
        let data = vec![
            // exact PER hit; LOC predicted too short (miss + false alarm)
            sent("محمد علي في شرم الشيخ", "B-PER I-PER O B-LOC I-LOC", "B-PER I-PER O B-LOC O"),
            // type mismatch: gold ORG, predicted LOC over the same tokens
            sent("الأمم المتحدة قالت", "B-ORG I-ORG O", "B-LOC I-LOC O"),
            // adjacent entities: gold two PERs, predicted one long PER
            sent("أحمد سعيد", "B-PER B-PER", "B-PER I-PER"),
            // I- without B- in both (CoNLL: starts an entity) → hit
            sent("زار مصر", "O I-LOC", "O I-LOC"),
            // I- without B- in the prediction matches a gold B-
            sent("زار مصر", "O B-LOC", "O I-LOC"),
        ];
        let r = evaluate(&data);
        assert_eq!(r.per_type["PER"], Counts { tp: 1, predicted: 2, gold: 3 });
        assert_eq!(r.per_type["LOC"], Counts { tp: 2, predicted: 4, gold: 3 });
        assert_eq!(r.per_type["ORG"], Counts { tp: 0, predicted: 0, gold: 1 });
        assert_eq!(r.per_type.len(), 3);
        assert_eq!(r.overall, Counts { tp: 3, predicted: 6, gold: 7 });
        assert!(close(r.overall.precision(), 50.0));
        assert!(close(r.overall.recall(), 300.0 / 7.0));
        assert!(close(r.overall.f1(), 2.0 * 50.0 * (300.0 / 7.0) / (50.0 + 300.0 / 7.0)));
        assert_eq!(
            r.misses,
            [
                ("LOC شرم الشيخ".to_string(), 1),
                ("ORG الأمم المتحدة".into(), 1),
                ("PER أحمد".into(), 1),
                ("PER سعيد".into(), 1)
            ]
        );
        assert_eq!(
            r.false_alarms,
            [("LOC الأمم المتحدة".to_string(), 1), ("LOC شرم".into(), 1), ("PER أحمد سعيد".into(), 1)]
        );
    }

    #[test]
    fn misses_are_counted_and_ranked() {
        let s = sent("في مصر و مصر", "O B-LOC O B-LOC", "O O O O");
        let t = sent("زار تونس", "O B-LOC", "O O");
        let r = evaluate(&[s.clone(), t, s]);
        assert_eq!(r.misses, [("LOC مصر".to_string(), 4), ("LOC تونس".into(), 1)]);
        assert!(r.false_alarms.is_empty());
        assert_eq!(r.overall, Counts { tp: 0, predicted: 0, gold: 5 });
    }

    #[test]
    fn identical_sequences_score_100_and_edge_cases() {
        let s = sent("a b c d", "B-MISC I-MISC O I-ORG", "B-MISC I-MISC O I-ORG");
        let r = evaluate(&[s]);
        assert!(close(r.overall.f1(), 100.0));
        assert!(r.misses.is_empty() && r.false_alarms.is_empty());
        let empty = evaluate(&[]);
        assert_eq!(empty.overall, Counts::default());
        assert!(empty.per_type.is_empty());
        // length mismatch: no panic, all spans counted
        let odd = (vec!["a".to_string()], tags("B-PER I-PER"), tags("O"));
        let r = evaluate(&[odd]);
        assert_eq!(r.overall, Counts { tp: 0, predicted: 0, gold: 1 });
        assert_eq!(r.misses, [("PER a".to_string(), 1)]);
    }

    #[test]
    fn markdown_table() {
        let r = evaluate(&[sent("محمد في القاهرة", "B-PER O B-LOC", "B-PER O B-ORG")]);
        let t = table(&r);
        let want = "\
| type | gold | predicted | correct | P | R | F1 |
|---|---:|---:|---:|---:|---:|---:|
| LOC | 1 | 0 | 0 | 0.00 | 0.00 | 0.00 |
| ORG | 0 | 1 | 0 | 0.00 | 0.00 | 0.00 |
| PER | 1 | 1 | 1 | 100.00 | 100.00 | 100.00 |
| overall | 2 | 2 | 1 | 50.00 | 50.00 | 50.00 |
";
        assert_eq!(t, want);
    }

    /// ANERcorp test against itself and against an all-`O` tagger (skipped
    /// without the shared data).
    #[test]
    fn anercorp_self_and_empty() {
        let root = std::env::var_os("RASID_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
        let path = root.join("data/anercorp/ANERCorp_CamelLabProcedure_test.txt");
        if !path.exists() {
            if std::env::var_os("RASID_REQUIRE_SHARED").is_some() {
                panic!("shared data not found at {} and RASID_REQUIRE_SHARED is set", path.display());
            }
            eprintln!("skipped: shared data not found at {} (set RASID_SHARED)", path.display());
            return;
        }
        let test: Vec<Sentence> = read_anercorp(&path).unwrap();
        let same: Vec<_> = test.iter().map(|s| (s.tokens.clone(), s.tags.clone(), s.tags.clone())).collect();
        let r = evaluate(&same);
        assert_eq!(r.overall, Counts { tp: 2231, predicted: 2231, gold: 2231 });
        assert!(close(r.overall.f1(), 100.0));
        let none: Vec<_> =
            test.iter().map(|s| (s.tokens.clone(), s.tags.clone(), vec![Tag::O; s.tags.len()])).collect();
        let r = evaluate(&none);
        assert_eq!(r.overall, Counts { tp: 0, predicted: 0, gold: 2231 });
        assert_eq!(r.per_type["PER"].gold, 888);
        assert_eq!(r.misses.iter().map(|m| m.1).sum::<usize>(), 2231);
        eprintln!("{}", table(&r));
        eprintln!("top misses: {:?}", &r.misses[..5]);
    }
}
