//! Story clustering, after Europe Media Monitor: average-link agglomerative
//! clustering on the cosine similarity of term vectors inside a
//! publication-day window, then linking each day's clusters to the most
//! similar cluster of the previous [`LINK_DAYS`] days into longer stories.
//!
//! Average link is computed exactly with the nearest-neighbour-chain
//! algorithm (O(n²) time over a dense distance matrix, Lance–Williams
//! updates); because average link is reducible, the merges at or below a
//! distance are exactly the clusters of the dendrogram cut there. Articles of
//! one near-duplicate group start at distance 0, so they always share a
//! story. Everything is deterministic: ties break by the lower index.

use rustc_hash::FxHashMap;

use crate::dedup::Groups;
use crate::terms::Vector;

/// Average cosine similarity at or above which two clusters of one day merge.
pub const CLUSTER_SIM: f32 = 0.2;
/// Cosine similarity of cluster centroids at or above which a day's cluster
/// continues a story of the previous days.
pub const LINK_SIM: f32 = 0.5;
/// How many days back a cluster may link.
pub const LINK_DAYS: i64 = 3;
/// Longest span of a story, in days (EMM links stories over a week): a
/// cluster does not join a story that began more than this many days
/// before it, so daily bulletins do not chain into one months-long story.
pub const MAX_STORY_DAYS: i64 = 7;
/// Terms kept in a cluster centroid.
pub const CENTROID_TERMS: usize = 120;

/// Average-link clusters of `vs` cut at similarity `min_sim`; items with
/// the same `forced` label start together. Returns a label per item (the
/// smallest item of its cluster).
pub fn average_link(vs: &[Vector], forced: &[u32], min_sim: f32) -> Vec<u32> {
    let n = vs.len();
    if n == 0 {
        return Vec::new();
    }
    // Dense distance matrix (1 - cosine); the dot products accumulate over
    // an inverted index of the vectors' terms (pairs sharing no term stay 1).
    let mut sim = vec![0.0f32; n * n];
    let mut postings: FxHashMap<u32, Vec<(u32, f32)>> = FxHashMap::default();
    for (i, v) in vs.iter().enumerate() {
        for &(t, w) in &v.terms {
            postings.entry(t).or_default().push((i as u32, w));
        }
    }
    for list in postings.values() {
        for (k, &(i, wi)) in list.iter().enumerate() {
            let row = &mut sim[i as usize * n..(i as usize + 1) * n];
            for &(j, wj) in &list[k + 1..] {
                row[j as usize] += wi * wj;
            }
        }
    }
    // The same matrix becomes the distances, in place.
    let mut d = sim;
    for i in 0..n {
        d[i * n + i] = 0.0;
        for j in i + 1..n {
            let x = if forced[i] == forced[j] { 0.0 } else { 1.0 - d[i * n + j] };
            d[i * n + j] = x;
            d[j * n + i] = x;
        }
    }
    let mut size = vec![1u32; n];
    let mut active = vec![true; n];
    let mut remaining = n;
    let mut chain: Vec<usize> = Vec::new();
    let mut merges: Vec<(f32, usize, usize)> = Vec::new();
    while remaining > 1 {
        if chain.is_empty() {
            chain.push(active.iter().position(|a| *a).unwrap_or(0));
        }
        let a = chain[chain.len() - 1];
        let prev = if chain.len() >= 2 { Some(chain[chain.len() - 2]) } else { None };
        // Nearest active neighbour of a; the previous chain element wins ties.
        let mut best = usize::MAX;
        let mut best_d = f32::INFINITY;
        if let Some(p) = prev {
            best = p;
            best_d = d[a * n + p];
        }
        for k in 0..n {
            if k != a && active[k] && d[a * n + k] < best_d {
                best = k;
                best_d = d[a * n + k];
            }
        }
        if Some(best) == prev {
            chain.pop();
            chain.pop();
            let (keep, gone) = if a < best { (a, best) } else { (best, a) };
            merges.push((best_d, keep, gone));
            let (sk, sg) = (size[keep] as f32, size[gone] as f32);
            for k in 0..n {
                if active[k] && k != keep && k != gone {
                    let x = (sk * d[keep * n + k] + sg * d[gone * n + k]) / (sk + sg);
                    d[keep * n + k] = x;
                    d[k * n + keep] = x;
                }
            }
            size[keep] += size[gone];
            active[gone] = false;
            remaining -= 1;
        } else {
            chain.push(best);
        }
    }
    merges.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut g = Groups::new(n);
    for (dist, a, b) in merges {
        if dist <= 1.0 - min_sim + 1e-6 {
            g.union(a as u32, b as u32);
        }
    }
    g.labels()
}

/// One day's cluster, as the linker sees it.
#[derive(Debug, Clone)]
pub struct DayCluster {
    /// Days since 1970-01-01.
    pub day: i64,
    /// The centroid of its articles' vectors.
    pub centroid: Vector,
}

/// Links day clusters (in any order) into stories: each cluster joins the
/// most similar cluster of the previous [`LINK_DAYS`] days when the centroid
/// similarity is at least `min_sim`. Returns a story label per cluster (the
/// index of its earliest cluster).
pub fn link_days(clusters: &[DayCluster], min_sim: f32) -> Vec<u32> {
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by_key(|&i| (clusters[i].day, i));
    let mut g = Groups::new(clusters.len());
    // Centroid terms of the clusters already seen: term -> (cluster, weight).
    // Dot products accumulate over shared terms only (centroids share few).
    let mut postings: FxHashMap<u32, Vec<(u32, f32)>> = FxHashMap::default();
    let mut scores: FxHashMap<u32, f32> = FxHashMap::default();
    // First day of each story, by its union-find representative.
    let mut began: Vec<i64> = clusters.iter().map(|c| c.day).collect();
    let mut k = 0;
    while k < order.len() {
        let day = clusters[order[k]].day;
        let end = k + order[k..].iter().take_while(|&&i| clusters[i].day == day).count();
        for &i in &order[k..end] {
            scores.clear();
            for (t, w) in &clusters[i].centroid.terms {
                for &(j, v) in postings.get(t).map_or(&[][..], Vec::as_slice) {
                    if day - clusters[j as usize].day <= LINK_DAYS {
                        *scores.entry(j).or_default() += w * v;
                    }
                }
            }
            let best = scores
                .iter()
                .filter(|(j, s)| **s >= min_sim && day - began[g.find(**j) as usize] <= MAX_STORY_DAYS)
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(j, _)| *j);
            if let Some(j) = best {
                let first = began[g.find(j) as usize].min(day);
                g.union(i as u32, j);
                let root = g.find(j) as usize;
                began[root] = first;
            }
        }
        for &i in &order[k..end] {
            for (t, w) in &clusters[i].centroid.terms {
                postings.entry(*t).or_default().push((i as u32, *w));
            }
        }
        k = end;
    }
    // Label by the earliest cluster (by day, then index) of each story.
    let raw = g.labels();
    let mut first: FxHashMap<u32, u32> = FxHashMap::default();
    for &i in &order {
        first.entry(raw[i]).or_insert(i as u32);
    }
    raw.iter().map(|r| first[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{vectors, Input};

    fn inp(h: &'static str, b: &'static str) -> Input<'static> {
        Input { headline: h, body: b, entities: Vec::new() }
    }

    /// Two reports of one match (the Saudi super cup in London).
    fn super_cup() -> [Input<'static>; 2] {
        [
            inp(
                "الهلال يواجه النصر في كأس السوبر بلندن",
                "يلتقي فريقا الهلال والنصر في مباراة كأس السوبر السعودي على ملعب لوفتس رود في العاصمة البريطانية لندن",
            ),
            inp(
                "حكم إنجليزي لمباراة السوبر بين الهلال والنصر",
                "أعلن الاتحاد السعودي لكرة القدم أن الإنجليزي كريج باوسون سيدير مباراة السوبر بين الهلال والنصر في لندن",
            ),
        ]
    }

    #[test]
    fn headline_only_cartoons_stay_apart_and_reports_with_a_body_cluster() {
        // saudinewsnet 2015-08-06: outlets post their daily cartoon as an
        // article whose whole text is its headline; 29 of them made one story.
        let mut inputs = vec![inp("كاريكاتير", ""), inp("كاريكاتير 2015/8/5", ""), inp("كاريكاتير", "")];
        inputs.extend(super_cup());
        let vs = vectors(&inputs);
        assert!(vs[0].terms.is_empty() && vs[1].terms.is_empty());
        let labels = average_link(&vs, &[0, 1, 2, 3, 4], CLUSTER_SIM);
        assert_eq!(labels, vec![0, 1, 2, 3, 3]);
    }

    #[test]
    fn reports_of_one_event_cluster_and_another_event_stays_apart() {
        let mut inputs = vec![
            inp(
                "انتحاري يفجر نفسه في مسجد قوات الطوارئ بعسير",
                "فجر انتحاري نفسه داخل مسجد قوات الطوارئ الخاصة في أبها أثناء صلاة الظهر وسقط عدد من الشهداء",
            ),
            inp(
                "الداخلية: 15 شهيدا في تفجير مسجد الطوارئ بأبها",
                "أعلنت وزارة الداخلية استشهاد 15 في التفجير الانتحاري الذي استهدف مسجد قوات الطوارئ في أبها بمنطقة عسير",
            ),
        ];
        inputs.extend(super_cup());
        inputs.push(inp(
            "ارتفاع أسعار النفط في الأسواق العالمية",
            "ارتفعت أسعار خام برنت في تعاملات اليوم وسط توقعات بتراجع المخزونات الأمريكية",
        ));
        let vs = vectors(&inputs);
        let labels = average_link(&vs, &[0, 1, 2, 3, 4], 0.1);
        assert_eq!(labels, vec![0, 0, 2, 2, 4], "{:?}", vs[0].dot(&vs[1]));
    }

    #[test]
    fn forced_groups_stay_together_and_empty_input_is_fine() {
        let vs = vec![Vector::default(), Vector::default(), Vector::default()];
        assert_eq!(average_link(&vs, &[0, 0, 2], 0.5), vec![0, 0, 2]);
        assert!(average_link(&[], &[], 0.5).is_empty());
    }

    #[test]
    fn average_link_matches_a_naive_implementation() {
        // Pseudo-random vectors; compare with O(n^3) merging by best average.
        let mut state = 7u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        let vs: Vec<Vector> = (0..30)
            .map(|_| {
                let mut acc = rustc_hash::FxHashMap::default();
                for _ in 0..6 {
                    *acc.entry(next() % 25).or_insert(0.0f32) += (next() % 5 + 1) as f32;
                }
                Vector::centroid(
                    std::iter::once(&Vector {
                        terms: {
                            let mut t: Vec<_> = acc.into_iter().collect();
                            t.sort_by_key(|x| x.0);
                            t
                        },
                    }),
                    100,
                )
            })
            .collect();
        let forced: Vec<u32> = (0..30).collect();
        for cut in [0.15f32, 0.3, 0.5] {
            let fast = average_link(&vs, &forced, cut);
            // naive
            let mut clusters: Vec<Vec<usize>> = (0..30).map(|i| vec![i]).collect();
            loop {
                let mut best = (f32::NEG_INFINITY, 0, 0);
                for a in 0..clusters.len() {
                    for b in a + 1..clusters.len() {
                        let mut s = 0.0;
                        for &x in &clusters[a] {
                            for &y in &clusters[b] {
                                s += vs[x].dot(&vs[y]);
                            }
                        }
                        s /= (clusters[a].len() * clusters[b].len()) as f32;
                        if s > best.0 {
                            best = (s, a, b);
                        }
                    }
                }
                if best.0 < cut {
                    break;
                }
                let b = clusters.remove(best.2);
                clusters[best.1].extend(b);
            }
            let mut naive = vec![0u32; 30];
            for c in &clusters {
                let m = *c.iter().min().unwrap() as u32;
                for &x in c {
                    naive[x] = m;
                }
            }
            assert_eq!(fast, naive, "cut {cut}");
        }
    }

    #[test]
    fn day_clusters_link_to_the_best_recent_one() {
        let v = |t: u32| Vector { terms: vec![(t, 1.0)] };
        let cs = vec![
            DayCluster { day: 10, centroid: v(1) },
            DayCluster { day: 11, centroid: v(2) },
            DayCluster { day: 12, centroid: v(1) },
            DayCluster { day: 20, centroid: v(1) },
        ];
        assert_eq!(link_days(&cs, 0.5), vec![0, 1, 0, 3]);
    }

    #[test]
    fn a_daily_bulletin_does_not_chain_into_a_months_long_story() {
        let v = Vector { terms: vec![(7, 1.0)] };
        let cs: Vec<DayCluster> = (0..20).map(|d| DayCluster { day: 100 + d, centroid: v.clone() }).collect();
        let labels = link_days(&cs, 0.5);
        assert_eq!(labels[..8], [0; 8]);
        assert_ne!(labels[8], 0);
        for (c, &l) in cs.iter().zip(&labels) {
            assert!(c.day - cs[l as usize].day <= MAX_STORY_DAYS, "{labels:?}");
        }
    }
}
