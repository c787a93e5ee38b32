//! Extractive summaries of articles and stories.
//!
//! A sentence's score is the mean weight of its content terms (folded,
//! light-stemmed, stop words dropped) in the article, where a term weighs
//! `1 + ln(tf)`, plus a bonus for sharing terms with the headline and for
//! coming early (news puts the essentials first). Sentences under
//! [`MIN_WORDS`] words, the headline itself and sentences that repeat a chosen
//! one (half or more of their word 3-shingles already chosen) are skipped.
//! The chosen sentences are returned in text order. When a chosen sentence
//! holds a statement whose speaker is named elsewhere (وأضاف ... with the
//! speaker in an earlier sentence), the speaker goes with it.
//!
//! A story's summary picks, over its articles' own summaries, the sentences
//! closest to the story's term centroid, with the same repetition check, so
//! twenty reprints give one sentence, not twenty.

use rasid_core::document::{Document, SummarySentence};
use rasid_core::pipeline::{Context, Layer, Stage};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::minhash::{shingles, words};
use crate::terms::{content_terms, term_id};

/// Sentences shorter than this (in words) are never chosen.
pub const MIN_WORDS: usize = 6;
/// Sentences in an article summary.
pub const ARTICLE_SENTENCES: usize = 3;

/// Share of a sentence's shingles already in the chosen set above which it
/// counts as a repetition.
const REPEAT: f64 = 0.5;

fn contained(sh: &[u64], seen: &FxHashSet<u64>) -> f64 {
    if sh.is_empty() {
        return 1.0;
    }
    sh.iter().filter(|s| seen.contains(s)).count() as f64 / sh.len() as f64
}

/// The speaker to carry with sentence `i` of `doc`: that of a statement
/// overlapping it whose naming mention lies outside it.
fn carried_speaker(doc: &Document, i: usize) -> Option<String> {
    let s = &doc.sentences[i].span;
    doc.quotes
        .iter()
        .filter(|q| {
            (q.content.start < s.end && q.content.end > s.start) || (q.cue.start >= s.start && q.cue.end <= s.end)
        })
        .filter_map(|q| q.speaker.as_ref())
        .find(|sp| sp.mention.as_ref().is_none_or(|m| m.start < s.start || m.end > s.end))
        .map(|sp| sp.name.clone())
}

/// The article summary of `doc` (needs sentences; uses quotes when present).
pub fn summarize(doc: &Document, n: usize) -> Vec<SummarySentence> {
    let headline = doc.headline.as_ref();
    let terms: Vec<Vec<u32>> =
        doc.sentences.iter().map(|s| content_terms(&s.span.text).iter().map(|t| term_id(t)).collect()).collect();
    let mut tf: FxHashMap<u32, f32> = FxHashMap::default();
    for ts in &terms {
        for t in ts {
            *tf.entry(*t).or_default() += 1.0;
        }
    }
    let head_terms: FxHashSet<u32> =
        headline.map(|h| content_terms(&h.text).iter().map(|t| term_id(t)).collect()).unwrap_or_default();
    let mut scored: Vec<(f32, usize)> = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        let nwords = words(&s.span.text).len();
        if nwords < MIN_WORDS || headline.is_some_and(|h| s.span.start < h.end) || terms[i].is_empty() {
            continue;
        }
        let distinct: FxHashSet<u32> = terms[i].iter().copied().collect();
        let weight: f32 = distinct.iter().map(|t| 1.0 + tf[t].ln()).sum::<f32>() / (distinct.len() as f32).sqrt();
        let head = distinct.iter().filter(|t| head_terms.contains(t)).count() as f32 / (head_terms.len().max(1) as f32);
        let position = 1.0 / (1.0 + scored.len() as f32).sqrt();
        scored.push((weight * (1.0 + head) * (0.5 + position), i));
    }
    let mut order = scored.clone();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    let mut chosen: Vec<(f32, usize)> = Vec::new();
    for (score, i) in order {
        if chosen.len() == n {
            break;
        }
        let sh = shingles(&words(&doc.sentences[i].span.text));
        if contained(&sh, &seen) >= REPEAT {
            continue;
        }
        seen.extend(sh);
        chosen.push((score, i));
    }
    chosen.sort_by_key(|c| c.1);
    chosen
        .into_iter()
        .map(|(score, i)| SummarySentence {
            span: doc.sentences[i].span.clone(),
            sentence: i,
            speaker: carried_speaker(doc, i),
            score: (score * 1000.0).round() / 1000.0,
        })
        .collect()
}

/// The summary stage: fills `summary` with [`ARTICLE_SENTENCES`] sentences.
pub struct Summary;

impl Stage for Summary {
    fn name(&self) -> &'static str {
        "summary"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Headline, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Summary]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        doc.summary = summarize(doc, ARTICLE_SENTENCES);
    }
}

/// A sentence of a story summary: which article (index into the input) and
/// which of its summary sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct StorySentence {
    /// Index of the article.
    pub article: usize,
    /// The sentence.
    pub sentence: SummarySentence,
}

/// The summary of a story from its analyzed articles (in publication order,
/// each with its `summary` filled): up to `n` sentences closest to the
/// story's term centroid, no repetitions, in article then text order.
pub fn summarize_story(docs: &[Document], n: usize) -> Vec<StorySentence> {
    let mut centroid: FxHashMap<u32, f32> = FxHashMap::default();
    for d in docs {
        let distinct: FxHashSet<u32> = content_terms(&d.text).iter().map(|t| term_id(t)).collect();
        for t in distinct {
            *centroid.entry(t).or_default() += 1.0;
        }
    }
    let mut cands: Vec<(f32, usize, usize)> = Vec::new();
    for (a, d) in docs.iter().enumerate() {
        for (k, s) in d.summary.iter().enumerate() {
            let distinct: FxHashSet<u32> = content_terms(&s.span.text).iter().map(|t| term_id(t)).collect();
            let w: f32 = distinct.iter().map(|t| centroid.get(t).copied().unwrap_or(0.0).ln_1p()).sum::<f32>()
                / (distinct.len().max(1) as f32).sqrt();
            cands.push((w, a, k));
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    let mut out: Vec<StorySentence> = Vec::new();
    for (_, a, k) in cands {
        if out.len() == n {
            break;
        }
        let s = &docs[a].summary[k];
        let sh = shingles(&words(&s.span.text));
        if contained(&sh, &seen) >= REPEAT {
            continue;
        }
        seen.extend(sh);
        out.push(StorySentence { article: a, sentence: s.clone() });
    }
    out.sort_by_key(|s| (s.article, s.sentence.span.start));
    out
}

/// For each article after the first (in publication order), its sentences
/// of at least [`MIN_WORDS`] words that earlier articles did not carry (less
/// than a third of their 3-shingles seen before): what each outlet added.
pub fn additions(docs: &[Document]) -> Vec<Vec<usize>> {
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    let mut out = Vec::with_capacity(docs.len());
    for (a, d) in docs.iter().enumerate() {
        let mut added = Vec::new();
        let mut mine = Vec::new();
        for (i, s) in d.sentences.iter().enumerate() {
            if d.headline.as_ref().is_some_and(|h| s.span.start < h.end) {
                continue;
            }
            let ws = words(&s.span.text);
            let sh = shingles(&ws);
            if a > 0 && ws.len() >= MIN_WORDS && contained(&sh, &seen) < 1.0 / 3.0 {
                added.push(i);
            }
            mine.extend(sh);
        }
        seen.extend(mine);
        out.push(added);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_core::input::RawArticle;
    use rasid_core::pipeline::Pipeline;

    fn doc(text: &str) -> Document {
        let mut stages = Pipeline::standard_stages();
        stages.push(Box::new(Summary));
        let p = Pipeline::new(stages).unwrap();
        p.run(RawArticle {
            id: Some("t".into()),
            text: text.into(),
            has_headline: true,
            origin: Default::default(),
            meta: Default::default(),
        })
    }

    const ARTICLE: &str = "البيشمركة تنفي ابرام اتفاق امني جديد مع بغداد\n\n\
        نفت وزارة البيشمركة ابرام اي اتفاق امني جديد مع الحكومة الاتحادية في بغداد بشأن المناطق المتنازع عليها.\n\n\
        وقال المتحدث باسم الوزارة إن الاتفاق الامني القديم ما زال ساريا ولم يتغير شيء.\n\n\
        وأضاف أن قوات البيشمركة تواصل حملة تطهير جبل قرة جوخ من فلول تنظيم داعش بالتنسيق مع التحالف الدولي.\n\n\
        الطقس حار.\n\n\
        نفت وزارة البيشمركة ابرام اي اتفاق امني جديد مع الحكومة الاتحادية في بغداد بشأن المناطق المتنازع عليها اليوم.";

    #[test]
    fn the_summary_skips_the_headline_short_lines_and_repetitions() {
        let d = doc(ARTICLE);
        let s = &d.summary;
        assert!(!s.is_empty() && s.len() <= ARTICLE_SENTENCES);
        for x in s {
            assert!(!x.span.text.starts_with("الطقس"));
            assert_eq!(
                d.text.chars().skip(x.span.start).take(x.span.end - x.span.start).collect::<String>(),
                x.span.text
            );
        }
        let denials = s.iter().filter(|x| x.span.text.starts_with("نفت")).count();
        assert_eq!(denials, 1, "the repeated lede is chosen once: {s:?}");
        assert!(s.windows(2).all(|w| w[0].span.start < w[1].span.start));
    }

    #[test]
    fn a_reprint_adds_nothing_and_a_follow_up_adds_its_new_sentence() {
        let first = doc(ARTICLE);
        let reprint = doc(&ARTICLE.replace("اليوم", "أمس"));
        let follow = doc(&format!(
            "{ARTICLE}\n\nوفي سياق متصل أعلنت قيادة العمليات المشتركة مقتل خمسة عناصر من التنظيم في قضاء مخمور."
        ));
        let add = additions(&[first.clone(), reprint.clone(), follow.clone()]);
        assert!(add[0].is_empty() && add[1].is_empty(), "{add:?}");
        assert_eq!(add[2].len(), 1);
        let story = summarize_story(&[first, reprint, follow], 3);
        let texts: Vec<&str> = story.iter().map(|s| s.sentence.span.text.as_str()).collect();
        let unique: FxHashSet<&str> = texts.iter().copied().collect();
        assert_eq!(unique.len(), texts.len(), "no sentence twice: {texts:?}");
    }
}
