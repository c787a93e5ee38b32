//! The silver standard for near-duplicates: article pairs that share a long
//! verbatim run of words.
//!
//! Wire stories (SPA, Reuters, AFP) are reprinted with a new first line, a
//! cut ending or a changed word, but long runs stay verbatim. A pair is a
//! silver reprint pair when, over search-folded words, the two articles
//! share a run of at least [`MIN_RUN`] consecutive words and the runs of at
//! least [`GRAM`] words they share cover at least [`MIN_COVER`] of the
//! shorter article. A short article (a brief of 60 words) edited in two
//! places keeps no 25-word run, so for articles under 100 words the run
//! needed is a quarter of the shorter article (never under [`GRAM`] words).
//! It is computed independently of MinHash (exact word
//! n-grams, no sampling), so it can judge it; it is silver, not gold: two
//! different reports quoting the same long statement also pass.

use rustc_hash::FxHashMap;

use crate::minhash::{fnv1a, words, FNV_OFFSET};

/// Words per exact n-gram.
pub const GRAM: usize = 8;
/// Longest shared run, in words, a silver pair needs at least.
pub const MIN_RUN: usize = 25;
/// Share of the shorter article that shared runs must cover.
pub const MIN_COVER: f64 = 0.5;
/// N-grams found in more articles than this are boilerplate and ignored.
pub const MAX_DF: usize = 100;

/// The two numbers of the silver rule: the longest shared run a pair needs
/// (in words; a quarter of the shorter article when that is less, never under
/// [`GRAM`]) and the share of the shorter article its shared runs must cover.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Longest shared run, in words.
    pub min_run: usize,
    /// Share of the shorter article inside shared runs.
    pub min_cover: f64,
}

impl Rule {
    /// The rule of the module documentation ([`MIN_RUN`], [`MIN_COVER`]).
    pub const DEFAULT: Rule = Rule { min_run: MIN_RUN, min_cover: MIN_COVER };
}

/// One silver pair: article numbers (a < b), the longest shared run in
/// words, and the share of the shorter article covered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SilverPair {
    /// First article (index into the input).
    pub a: u32,
    /// Second article.
    pub b: u32,
    /// Longest shared run of words.
    pub run: usize,
    /// Share of the shorter article's words inside shared runs.
    pub cover: f64,
    /// Share of the longer article's words inside shared runs.
    pub cover_longer: f64,
    /// Length of the shorter article over the longer, in words.
    pub ratio: f64,
}

impl SilverPair {
    /// Whether the pair joins the two articles' silver groups: the shared
    /// runs cover half of the longer article too, or the shorter is at least
    /// `min_ratio` of the longer. The same rule as the detector's
    /// [`crate::dedup::Thresholds::groups`]: a statement quoted inside a
    /// roundup is a silver pair, but does not chain the roundup's other
    /// statements into its group.
    pub fn groups(&self, min_ratio: f64) -> bool {
        self.cover_longer >= MIN_COVER || self.ratio >= min_ratio
    }
}

fn grams(ws: &[String]) -> Vec<u64> {
    ws.windows(GRAM)
        .map(|w| {
            let mut h = FNV_OFFSET;
            for x in w {
                h = fnv1a(h, x.as_bytes());
                h = fnv1a(h, b" ");
            }
            h
        })
        .collect()
}

/// Silver reprint pairs among `texts`, ordered by (a, b).
pub fn silver_pairs(texts: &[&str]) -> Vec<SilverPair> {
    silver_pairs_by(texts, Rule::DEFAULT)
}

/// Silver reprint pairs among `texts` by another `rule`, ordered by (a, b).
pub fn silver_pairs_by(texts: &[&str], rule: Rule) -> Vec<SilverPair> {
    let ws: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
    let docs: Vec<Vec<u64>> = ws.iter().map(|w| grams(w)).collect();
    let lens: Vec<usize> = ws.iter().map(Vec::len).collect();
    drop(ws);
    let mut postings: FxHashMap<u64, Vec<(u32, u32)>> = FxHashMap::default();
    for (d, gs) in docs.iter().enumerate() {
        for (p, g) in gs.iter().enumerate() {
            postings.entry(*g).or_default().push((d as u32, p as u32));
        }
    }
    // (a, b) -> matching n-gram positions (i in a, j in b)
    let mut matches: FxHashMap<(u32, u32), Vec<(u32, u32)>> = FxHashMap::default();
    for list in postings.values() {
        if list.len() < 2 {
            continue;
        }
        let mut ds: Vec<u32> = list.iter().map(|x| x.0).collect();
        ds.dedup();
        if ds.len() < 2 || ds.len() > MAX_DF {
            continue;
        }
        for (k, x) in list.iter().enumerate() {
            for y in &list[k + 1..] {
                if x.0 != y.0 {
                    matches.entry((x.0, y.0)).or_default().push((x.1, y.1));
                }
            }
        }
    }
    let mut out: Vec<SilverPair> = matches
        .into_iter()
        .filter_map(|((a, b), ms)| judge(a, b, ms, lens[a as usize], lens[b as usize], rule))
        .collect();
    out.sort_unstable_by_key(|p| (p.a, p.b));
    out
}

/// The silver pair of two word sequences, if they are one (the same rule as
/// [`silver_pairs`], without its corpus-wide boilerplate filter).
pub fn verbatim(a: &[String], b: &[String]) -> Option<SilverPair> {
    verbatim_by(a, b, Rule::DEFAULT)
}

/// The pair of two word sequences by another `rule`, if they are one.
pub fn verbatim_by(a: &[String], b: &[String], rule: Rule) -> Option<SilverPair> {
    let (ga, gb) = (grams(a), grams(b));
    let mut pos: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (j, g) in gb.iter().enumerate() {
        pos.entry(*g).or_default().push(j as u32);
    }
    let mut ms = Vec::new();
    for (i, g) in ga.iter().enumerate() {
        for &j in pos.get(g).map_or(&[][..], Vec::as_slice) {
            ms.push((i as u32, j));
        }
    }
    judge(0, 1, ms, a.len(), b.len(), rule)
}

/// Judges the matching n-gram positions `ms` (i in a, j in b) of articles
/// of `la` and `lb` words.
fn judge(a: u32, b: u32, mut ms: Vec<(u32, u32)>, la: usize, lb: usize, rule: Rule) -> Option<SilverPair> {
    ms.sort_unstable_by_key(|&(i, j)| (i64::from(j) - i64::from(i), i));
    let mut run = 0;
    let mut longest = 0;
    for (k, &(i, j)) in ms.iter().enumerate() {
        let continues = k > 0 && {
            let (pi, pj) = ms[k - 1];
            i64::from(pj) - i64::from(pi) == i64::from(j) - i64::from(i) && pi + 1 == i
        };
        run = if continues { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    let longest_words = longest + GRAM - 1;
    if ms.is_empty() || longest_words < rule.min_run.min(la.min(lb).div_ceil(4)).max(GRAM) {
        return None;
    }
    let shorter_is_a = la <= lb;
    let mut covered = vec![false; la.min(lb)];
    let mut covered_long = vec![false; la.max(lb)];
    for &(i, j) in &ms {
        let (p, q) = if shorter_is_a { (i, j) } else { (j, i) };
        for c in covered.iter_mut().skip(p as usize).take(GRAM) {
            *c = true;
        }
        for c in covered_long.iter_mut().skip(q as usize).take(GRAM) {
            *c = true;
        }
    }
    let share = |v: &[bool]| v.iter().filter(|c| **c).count() as f64 / v.len().max(1) as f64;
    let cover = share(&covered);
    (cover >= rule.min_cover).then(|| SilverPair {
        a,
        b,
        run: longest_words,
        cover,
        cover_longer: share(&covered_long),
        ratio: la.min(lb) as f64 / la.max(lb).max(1) as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "استقبل صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير \
                         الداخلية في مكتبه بالرياض اليوم سفير الولايات المتحدة الأمريكية لدى المملكة وجرى خلال الاستقبال \
                         استعراض العلاقات الثنائية بين البلدين الصديقين وبحث عدد من الموضوعات ذات الاهتمام المشترك";

    #[test]
    fn a_reprint_with_a_new_first_line_is_silver_and_a_shared_phrase_is_not() {
        let reprint = format!("الرياض - واس: {STORY}");
        let other = "أكد وزير الداخلية في مكتبه بالرياض اليوم أن الأمن مسؤولية الجميع وأن المملكة ماضية في حربها على \
                     الإرهاب بكل حزم وقوة مهما كانت التحديات التي تواجهها في المنطقة والعالم";
        let pairs = silver_pairs(&[STORY, other, &reprint]);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!((pairs[0].a, pairs[0].b), (0, 2));
        assert!(pairs[0].cover > 0.95 && pairs[0].run >= 40);
    }
}
