//! Near-duplicate articles: LSH candidates over MinHash signatures, checked
//! against thresholds, grouped transitively.
//!
//! A pair is a near-duplicate when its estimated Jaccard similarity is at
//! least [`Thresholds::jaccard`], or when the smaller article's shingles are
//! mostly inside the larger one (estimated containment at least
//! [`Thresholds::containment`]) and the Jaccard estimate is not tiny
//! ([`Thresholds::min_jaccard`]): a wire story reprinted with its last
//! paragraphs cut keeps a high containment and a middling Jaccard. Articles
//! shorter than [`MIN_SHINGLES`] shingles are never grouped (one-line briefs
//! share too much by chance). The thresholds were compared on the silver
//! reprint groups of the first three saudinewsnet days and on the 100
//! hand-checked pairs (`rasid eval duplicates --sweep`; EVALUATION.md).
//!
//! Groups are the transitive closure of grouping pairs
//! ([`Thresholds::groups`]), named by their first member.

use rustc_hash::FxHashMap;

use crate::minhash::Signature;

/// Articles with fewer distinct shingles than this are not compared.
pub const MIN_SHINGLES: u32 = 15;
/// Most candidates compared per article (those sharing the most LSH bands).
pub const MAX_CANDIDATES: usize = 200;
/// Most near-duplicates kept per article (the most similar); one is enough
/// to join a group.
pub const MAX_NEAR: usize = 10;
/// Most members of a group that a joining article is checked against.
pub const MAX_CHECKED: usize = 30;
/// Most members of each of two groups checked against each other when a
/// new article would merge them.
pub const MAX_BRIDGED: usize = 8;

/// When a pair counts as a near-duplicate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Estimated Jaccard similarity at or above which a pair is a duplicate.
    pub jaccard: f64,
    /// Estimated containment at or above which a pair is a duplicate ...
    pub containment: f64,
    /// ... provided its Jaccard estimate is at least this.
    pub min_jaccard: f64,
    /// A pair joins the two articles' groups when its Jaccard estimate
    /// passes, or when the containment passes and the smaller article is at
    /// least this share of the larger. A short item found inside a long
    /// roundup is a near-duplicate pair but does not group: otherwise one
    /// roundup of reactions would chain every statement it quotes into one
    /// group.
    pub min_ratio: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { jaccard: 0.5, containment: 0.5, min_jaccard: 0.05, min_ratio: 0.7 }
    }
}

impl Thresholds {
    /// Whether a pair with these estimates is a near-duplicate.
    pub fn accepts(&self, sim: Similarity) -> bool {
        sim.jaccard >= self.jaccard || (sim.containment >= self.containment && sim.jaccard >= self.min_jaccard)
    }

    /// Whether an accepted pair also joins the two articles' groups.
    pub fn groups(&self, sim: Similarity) -> bool {
        sim.jaccard >= self.jaccard || (self.accepts(sim) && sim.ratio >= self.min_ratio)
    }
}

/// The similarity estimates of one pair.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Similarity {
    /// Estimated Jaccard similarity of the shingle sets.
    pub jaccard: f64,
    /// Estimated share of the smaller set inside the larger.
    pub containment: f64,
    /// Size of the smaller shingle set over the larger.
    pub ratio: f64,
}

/// Exact similarity of two sorted, deduplicated shingle sets.
pub fn exact(a: &[u64], b: &[u64]) -> Similarity {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    let small = a.len().min(b.len());
    Similarity {
        ratio: if union == 0 { 0.0 } else { small as f64 / a.len().max(b.len()) as f64 },
        jaccard: if union == 0 { 0.0 } else { both as f64 / union as f64 },
        containment: if small == 0 { 0.0 } else { both as f64 / small as f64 },
    }
}

/// Signatures of articles, with their LSH band keys for candidate search.
/// Items are numbered in insertion order; the caller maps numbers to ids.
#[derive(Debug, Default)]
pub struct DupIndex {
    sigs: Vec<Signature>,
    bands: FxHashMap<u64, Vec<u32>>,
}

impl DupIndex {
    /// An empty index.
    pub fn new() -> DupIndex {
        DupIndex::default()
    }

    /// Number of signatures held.
    pub fn len(&self) -> usize {
        self.sigs.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.sigs.is_empty()
    }

    /// The signature of item `i`.
    pub fn signature(&self, i: u32) -> &Signature {
        &self.sigs[i as usize]
    }

    /// Items that share a band with `sig` and pass `t`, with their
    /// similarity, in item order: the [`MAX_NEAR`] most similar among the
    /// [`MAX_CANDIDATES`] sharing the most bands. Short articles have none.
    pub fn near(&self, sig: &Signature, t: &Thresholds) -> Vec<(u32, Similarity)> {
        if sig.shingles < MIN_SHINGLES {
            return Vec::new();
        }
        // Candidates sharing the most bands first; a flood of copies (the
        // same wire story a thousand times) costs at most MAX_CANDIDATES
        // comparisons and MAX_NEAR pairs per article, not a quadratic number.
        let mut hits: FxHashMap<u32, u32> = FxHashMap::default();
        for k in sig.band_keys() {
            for &c in self.bands.get(&k).map_or(&[][..], Vec::as_slice) {
                *hits.entry(c).or_default() += 1;
            }
        }
        let mut cands: Vec<(u32, u32)> = hits.into_iter().collect();
        cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(MAX_CANDIDATES);
        let mut out: Vec<(u32, Similarity)> = cands
            .into_iter()
            .filter_map(|(c, _)| {
                let other = &self.sigs[c as usize];
                let jaccard = sig.jaccard(other);
                let sim = Similarity { jaccard, containment: sig.containment(other, jaccard), ratio: sig.ratio(other) };
                t.accepts(sim).then_some((c, sim))
            })
            .collect();
        out.sort_unstable_by(|a, b| b.1.jaccard.total_cmp(&a.1.jaccard).then(a.0.cmp(&b.0)));
        out.truncate(MAX_NEAR);
        out.sort_unstable_by_key(|x| x.0);
        out
    }

    /// Adds a signature and returns its item number. Short articles are
    /// held but not put in the bands, so nothing finds them.
    pub fn add(&mut self, sig: Signature) -> u32 {
        let i = self.sigs.len() as u32;
        if sig.shingles >= MIN_SHINGLES {
            for k in sig.band_keys() {
                self.bands.entry(k).or_default().push(i);
            }
        }
        self.sigs.push(sig);
        i
    }
}

/// Duplicate-group labels of `sigs` inserted in order (as ingestion does):
/// each article joins the groups of the earlier articles it forms a grouping
/// pair with. Labels are the index of each group's first member.
pub fn group_in_order(sigs: &[Signature], t: &Thresholds) -> Vec<u32> {
    group_in_order_unless(sigs, t, &|_, _| false)
}

/// [`group_in_order`] with a veto: see [`Grouper::add`].
pub fn group_in_order_unless(sigs: &[Signature], t: &Thresholds, apart: &dyn Fn(u32, u32) -> bool) -> Vec<u32> {
    let mut g = Grouper::new();
    for s in sigs {
        g.add(s.clone(), t, apart);
    }
    g.labels()
}

/// Near-duplicate search and grouping as articles arrive: the index of
/// signatures, the groups and their members.
#[derive(Debug, Default)]
pub struct Grouper {
    index: DupIndex,
    groups: Groups,
    members: Vec<Vec<u32>>,
}

impl Grouper {
    /// No articles yet.
    pub fn new() -> Grouper {
        Grouper::default()
    }

    /// Number of articles held.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no article is held.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Adds an article grouped earlier (when an archive is loaded): `with`
    /// is an earlier member of its group, if any.
    pub fn restore(&mut self, sig: Signature, with: Option<u32>) -> u32 {
        let i = self.index.add(sig);
        self.groups.push();
        self.members.push(vec![i]);
        if let Some(j) = with.filter(|j| *j < i) {
            self.join(i, j);
        }
        i
    }

    /// Adds a new article and returns its item number and its
    /// near-duplicates among the earlier ones (in item order), each with
    /// whether it joined their groups. Pairs are tried most similar first;
    /// a grouping pair ([`Thresholds::groups`]) joins unless
    /// `apart(member, new)` holds for one of the first [`MAX_CHECKED`]
    /// members of the other group: two instances of a template (see
    /// [`crate::template`]) never share a group, even through a chain of
    /// reprints of each.
    pub fn add(
        &mut self,
        sig: Signature,
        t: &Thresholds,
        apart: &dyn Fn(u32, u32) -> bool,
    ) -> (u32, Vec<(u32, Similarity, bool)>) {
        let near = self.index.near(&sig, t);
        let i = self.restore(sig, None);
        let mut out: Vec<(u32, Similarity, bool)> = near.iter().map(|&(j, sim)| (j, sim, false)).collect();
        // The most similar first: an article joins the group of its closest
        // earlier report, and the template checks then keep it out of the
        // groups of other instances (a rewritten report of one execution
        // must not join an earlier case's group because it came first).
        let mut order: Vec<usize> = (0..near.len()).collect();
        order.sort_by(|&x, &y| near[y].1.jaccard.total_cmp(&near[x].1.jaccard).then(near[x].0.cmp(&near[y].0)));
        for k in order {
            let (j, sim) = near[k];
            let mut grouped = t.groups(sim);
            if grouped {
                let (ri, rj) = (self.groups.find(i), self.groups.find(j));
                if ri != rj {
                    // The new article against the other group; when it has
                    // already joined a group, that group's members too (a
                    // reprint of two instances must not bridge them).
                    let others = &self.members[rj as usize];
                    grouped = !apart(j, i) && !others.iter().take(MAX_CHECKED).any(|&m| apart(m, i));
                    if grouped && ri != i {
                        let mine = &self.members[ri as usize];
                        grouped = !mine.iter().filter(|&&m| m != i).take(MAX_BRIDGED).any(|&a| {
                            others.iter().take(MAX_BRIDGED).any(|&b| if a < b { apart(a, b) } else { apart(b, a) })
                        });
                    }
                    if grouped {
                        self.join(i, j);
                    }
                }
            }
            out[k].2 = grouped;
        }
        (i, out)
    }

    fn join(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.groups.find(a), self.groups.find(b));
        if ra == rb {
            return;
        }
        self.groups.union(a, b);
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        let moved = std::mem::take(&mut self.members[hi as usize]);
        self.members[lo as usize].extend(moved);
    }

    /// The group label of every article (its first member's number).
    pub fn labels(&mut self) -> Vec<u32> {
        self.groups.labels()
    }
}

/// Disjoint sets over item numbers, with the smallest member as each set's
/// representative (so a group is named by its first-seen article).
#[derive(Debug, Clone, Default)]
pub struct Groups {
    parent: Vec<u32>,
}

impl Groups {
    /// `n` singleton sets.
    pub fn new(n: usize) -> Groups {
        Groups { parent: (0..n as u32).collect() }
    }

    /// Adds a singleton and returns its number.
    pub fn push(&mut self) -> u32 {
        self.parent.push(self.parent.len() as u32);
        self.parent.len() as u32 - 1
    }

    /// The representative (smallest member) of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    /// Joins the sets of `a` and `b`.
    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }

    /// The representative of every item.
    pub fn labels(&mut self) -> Vec<u32> {
        (0..self.parent.len() as u32).map(|i| self.find(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(text: &str) -> Signature {
        Signature::of_text(text)
    }

    const SPA: &str = "استقبل صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير \
                       الداخلية في مكتبه بالرياض اليوم سفير الولايات المتحدة الأمريكية لدى المملكة وجرى خلال الاستقبال \
                       استعراض العلاقات الثنائية بين البلدين الصديقين وبحث عدد من الموضوعات ذات الاهتمام المشترك";

    #[test]
    fn a_reprint_is_found_and_grouped_with_the_first_report() {
        let mut idx = DupIndex::new();
        let first = idx.add(sig(SPA));
        idx.add(sig("أعلنت وزارة الصحة تسجيل إصابات جديدة بفيروس كورونا في الرياض وجدة والدمام خلال الأسبوع الماضي ودعت المواطنين إلى الحذر"));
        let reprint = format!("الرياض - واس {}", SPA.replace("اليوم", "أمس"));
        let near = idx.near(&sig(&reprint), &Thresholds::default());
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].0, first);
        assert!(near[0].1.jaccard > 0.7, "{:?}", near[0].1);
        let r = idx.add(sig(&reprint));
        let mut g = Groups::new(idx.len());
        g.union(r, near[0].0);
        assert_eq!(g.labels(), vec![0, 1, 0]);
    }

    #[test]
    fn short_briefs_are_never_duplicates() {
        let mut idx = DupIndex::new();
        idx.add(sig("الرياض - واس"));
        assert!(idx.near(&sig("الرياض - واس"), &Thresholds::default()).is_empty());
    }

    #[test]
    fn a_flood_of_copies_costs_a_bounded_number_of_pairs() {
        let mut idx = DupIndex::new();
        for i in 0..500 {
            let text = format!("{SPA} رقم {i}");
            let near = idx.near(&sig(&text), &Thresholds::default());
            assert!(near.len() <= MAX_NEAR);
            assert_eq!(near.is_empty(), i == 0);
            idx.add(sig(&text));
        }
    }

    #[test]
    fn groups_are_named_by_their_smallest_member() {
        let mut g = Groups::new(5);
        g.union(4, 3);
        g.union(3, 1);
        g.union(0, 2);
        assert_eq!(g.labels(), vec![0, 1, 0, 1, 1]);
    }

    #[test]
    fn a_report_joins_the_group_of_its_closest_case_not_the_first_one() {
        use crate::minhash::words;
        use crate::template::{apart, tests::places, tests::statement};
        let earlier = statement("سالم بن علي", "فهد بن سعد", "جيزان", "جازان");
        let case = statement("ماجد بن عيسى", "خالد بن نايف", "الحجرة", "الباحة");
        // The second case rewritten without its places: near both
        // statements, a template instance of neither, closest to its own.
        let rewritten = case
            .replace("الحجرة - واس", "واس")
            .replace(" بمدينة الحجرة في منطقة الباحة", "")
            .replace(" بمنطقة الباحة", "");
        let texts = [earlier, case, rewritten];
        let sigs: Vec<Signature> = texts.iter().map(|t| Signature::of_text(t)).collect();
        let ws: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
        let t = Thresholds::default();
        assert!(t.groups(Similarity {
            jaccard: sigs[2].jaccard(&sigs[0]),
            containment: sigs[2].containment(&sigs[0], sigs[2].jaccard(&sigs[0])),
            ratio: sigs[2].ratio(&sigs[0])
        }));
        assert!(sigs[2].jaccard(&sigs[1]) > sigs[2].jaccard(&sigs[0]));
        let labels = group_in_order_unless(&sigs, &t, &|a, b| apart(&ws[a as usize], &ws[b as usize], &places));
        assert_eq!(labels, vec![0, 1, 1]);
    }

    #[test]
    fn template_instances_do_not_share_a_group_even_through_a_reprint() {
        use crate::minhash::words;
        use crate::template::{apart, tests::cable};
        let texts = [
            cable("إيفو موراليس", "بوليفيا"),
            format!("{}\n\nوتأتي البرقية في إطار العلاقات الثنائية.", cable("إيفو موراليس", "بوليفيا")),
            cable("رافائيل كوريا", "الإكوادور"),
            cable("رافائيل كوريا", "الإكوادور").replace("الرياض - واس", "واس"),
        ];
        let sigs: Vec<Signature> = texts.iter().map(|t| Signature::of_text(t)).collect();
        let ws: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
        let names = |w: &str| ["بوليفيا", "الاكوادور"].contains(&w);
        let t = Thresholds::default();
        // Without the check the four are one group.
        assert_eq!(group_in_order(&sigs, &t), vec![0, 0, 0, 0]);
        let labels = group_in_order_unless(&sigs, &t, &|a, b| apart(&ws[a as usize], &ws[b as usize], &names));
        assert_eq!(labels, vec![0, 0, 2, 2]);
    }
}
