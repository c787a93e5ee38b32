//! Scoring quotes against gold annotations (`../shared/gold/README.md`): a
//! predicted quote matches a gold one when the cues agree and the content
//! starts with the same words; it is attributed right when the speaker's
//! name agrees too.

use rasid_core::document::Quote;
use rasid_text::normalize::search_fold;
use serde::Deserialize;

/// One gold quote.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// The speaker's canonical name (null: none given).
    pub speaker: Option<String>,
    /// The cue as written.
    pub cue: String,
    /// direct, indirect or mixed.
    pub kind: String,
    /// The first words of the content.
    pub starts: String,
}

/// Counts over one or more articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold quotes.
    pub gold: usize,
    /// Predicted quotes.
    pub predicted: usize,
    /// Matched (cue and content start).
    pub matched: usize,
    /// Matched with the right speaker.
    pub speaker: usize,
    /// Matched with the right kind.
    pub kind: usize,
}

impl Counts {
    /// Adds another article's counts.
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.speaker += o.speaker;
        self.kind += o.kind;
    }
    /// Precision of detection.
    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.predicted.max(1) as f64
    }
    /// Recall of detection.
    pub fn recall(&self) -> f64 {
        self.matched as f64 / self.gold.max(1) as f64
    }
    /// Share of matched quotes with the right speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        self.speaker as f64 / self.matched.max(1) as f64
    }
}

/// Folded words without punctuation or quotation marks.
fn words(s: &str) -> Vec<String> {
    search_fold(s)
        .split(|c: char| c.is_whitespace() || "\"“”«»'‘’„:،,.()-".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Like [`words`], without a glued و/ف on the first word (for cues: وقال =
/// قال; never for content, whose first word may begin with و: وزارة).
fn cue_words(s: &str) -> Vec<String> {
    let f = search_fold(s);
    let mut w: Vec<String> = f
        .split(|c: char| c.is_whitespace() || "\"“”«»'‘’„:،,.()-".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(first) = w.first_mut() {
        if first.chars().count() > 3 && (first.starts_with('و') || first.starts_with('ف')) {
            first.remove(0);
        }
    }
    w
}

fn cue_match(pred: &str, gold: &str) -> bool {
    let (p, g) = (cue_words(pred), cue_words(gold));
    !p.is_empty()
        && !g.is_empty()
        && (p[0] == g[0] || p.join(" ").contains(&g.join(" ")) || g.join(" ").contains(&p.join(" ")))
}

fn starts_match(content: &str, starts: &str) -> bool {
    let (c, g) = (words(content), words(starts));
    let n = g.len().min(2);
    if n == 0 || c.len() < n {
        return false;
    }
    // A conjunction glued to the content's first word is not part of it
    // (وبدأت = بدأت); the gold's own first word keeps its letters (وزارة).
    let same = |a: &str, b: &str| a == b || a.strip_prefix('و').or_else(|| a.strip_prefix('ف')) == Some(b);
    (0..=c.len().min(3)).any(|off| off + n <= c.len() && (0..n).all(|k| same(&c[off + k], &g[k])))
}

/// True when two speaker names agree (equal after folding, or one contains
/// the other: قادة البيشمركة / البيشمركة).
pub fn same_speaker(pred: Option<&str>, gold: Option<&str>) -> bool {
    match (pred, gold) {
        (None, None) => true,
        (Some(p), Some(g)) => {
            let (p, g) = (words(p).join(" "), words(g).join(" "));
            !p.is_empty() && (p == g || p.contains(&g) || g.contains(&p))
        }
        _ => false,
    }
}

/// Scores one article; returns the counts and a line per error.
pub fn score(pred: &[Quote], gold: &[GoldQuote]) -> (Counts, Vec<String>) {
    let mut used = vec![false; pred.len()];
    let mut c = Counts { gold: gold.len(), predicted: pred.len(), ..Default::default() };
    let mut errors = Vec::new();
    for g in gold {
        let hit = pred
            .iter()
            .enumerate()
            .find(|(i, q)| !used[*i] && cue_match(&q.cue.text, &g.cue) && starts_match(&q.content.text, &g.starts));
        match hit {
            Some((i, q)) => {
                used[i] = true;
                c.matched += 1;
                let name = q.speaker.as_ref().map(|s| s.name.as_str());
                if same_speaker(name, g.speaker.as_deref()) {
                    c.speaker += 1;
                } else {
                    errors.push(format!(
                        "speaker: {} {} → {} (gold {})",
                        g.cue,
                        g.starts,
                        name.unwrap_or("null"),
                        g.speaker.as_deref().unwrap_or("null")
                    ));
                }
                if q.kind == g.kind {
                    c.kind += 1;
                }
            }
            None => {
                errors.push(format!("missed: {} | {} ({})", g.cue, g.starts, g.speaker.as_deref().unwrap_or("null")))
            }
        }
    }
    for (q, u) in pred.iter().zip(&used) {
        if !u {
            let first: String = q.content.text.chars().take(40).collect();
            errors.push(format!("extra: {} | {}", q.cue.text, first));
        }
    }
    (c, errors)
}
