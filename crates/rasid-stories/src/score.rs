//! Scores of a grouping against a reference grouping.

use rustc_hash::FxHashMap;
use serde::Serialize;

/// Pairwise precision and recall: a pair of items is predicted when both are
/// in one predicted group, true when both are in one reference group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PairScore {
    /// Predicted pairs.
    pub predicted: u64,
    /// Reference pairs.
    pub reference: u64,
    /// Pairs in both.
    pub correct: u64,
}

impl PairScore {
    /// correct / predicted (1 when nothing is predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    /// correct / reference (1 when the reference has no pairs).
    pub fn recall(&self) -> f64 {
        if self.reference == 0 {
            1.0
        } else {
            self.correct as f64 / self.reference as f64
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Pairwise scores of `predicted` against `reference` group labels (one
/// label per item, same length).
pub fn pairwise(predicted: &[u32], reference: &[u32]) -> PairScore {
    let mut p: FxHashMap<u32, u64> = FxHashMap::default();
    let mut r: FxHashMap<u32, u64> = FxHashMap::default();
    let mut both: FxHashMap<(u32, u32), u64> = FxHashMap::default();
    for (&a, &b) in predicted.iter().zip(reference) {
        *p.entry(a).or_default() += 1;
        *r.entry(b).or_default() += 1;
        *both.entry((a, b)).or_default() += 1;
    }
    PairScore {
        predicted: p.values().map(|&n| pairs(n)).sum(),
        reference: r.values().map(|&n| pairs(n)).sum(),
        correct: both.values().map(|&n| pairs(n)).sum(),
    }
}

/// The item pairs of two groupings, split three ways: in one group of
/// both, of the predicted grouping only, of the reference only. Each pair
/// is (a, b) with a < b, in ascending order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairSets {
    /// Pairs that share a group in both groupings.
    pub both: Vec<(u32, u32)>,
    /// Pairs that share a predicted group only.
    pub predicted_only: Vec<(u32, u32)>,
    /// Pairs that share a reference group only.
    pub reference_only: Vec<(u32, u32)>,
}

/// Splits the pairs of `predicted` and `reference` group labels (one label
/// per item, same length) into [`PairSets`]. Linear in the pairs inside
/// groups, not in all pairs of items.
pub fn pair_sets(predicted: &[u32], reference: &[u32]) -> PairSets {
    let members = |labels: &[u32]| {
        let mut m: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (i, &g) in labels.iter().enumerate() {
            m.entry(g).or_default().push(i as u32);
        }
        m
    };
    let mut out = PairSets::default();
    for group in members(predicted).values() {
        for (k, &a) in group.iter().enumerate() {
            for &b in &group[k + 1..] {
                if reference[a as usize] == reference[b as usize] {
                    out.both.push((a, b));
                } else {
                    out.predicted_only.push((a, b));
                }
            }
        }
    }
    for group in members(reference).values() {
        for (k, &a) in group.iter().enumerate() {
            for &b in &group[k + 1..] {
                if predicted[a as usize] != predicted[b as usize] {
                    out.reference_only.push((a, b));
                }
            }
        }
    }
    out.both.sort_unstable();
    out.predicted_only.sort_unstable();
    out.reference_only.sort_unstable();
    out
}

/// Purity of `predicted` clusters against `reference` classes: the share of
/// items in the majority class of their cluster. Inverse purity swaps the
/// roles (a single cluster has purity of the largest class; all singletons
/// have purity 1 and low inverse purity), so both are reported.
pub fn purity(predicted: &[u32], reference: &[u32]) -> f64 {
    let mut both: FxHashMap<(u32, u32), u64> = FxHashMap::default();
    for (&a, &b) in predicted.iter().zip(reference) {
        *both.entry((a, b)).or_default() += 1;
    }
    let mut best: FxHashMap<u32, u64> = FxHashMap::default();
    for (&(a, _), &n) in &both {
        let e = best.entry(a).or_default();
        *e = (*e).max(n);
    }
    best.values().sum::<u64>() as f64 / predicted.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_sets_split_the_pairs_of_two_groupings() {
        // predicted {0,1,2} {3}; reference {0,1} {2,3}
        let s = pair_sets(&[0, 0, 0, 3], &[0, 0, 2, 2]);
        assert_eq!(s.both, vec![(0, 1)]);
        assert_eq!(s.predicted_only, vec![(0, 2), (1, 2)]);
        assert_eq!(s.reference_only, vec![(2, 3)]);
        let score = pairwise(&[0, 0, 0, 3], &[0, 0, 2, 2]);
        assert_eq!(s.both.len() as u64, score.correct);
        assert_eq!((s.both.len() + s.predicted_only.len()) as u64, score.predicted);
    }

    #[test]
    fn pairwise_counts_pairs_inside_groups() {
        // predicted {0,1,2} {3}; reference {0,1} {2,3}
        let s = pairwise(&[0, 0, 0, 3], &[0, 0, 2, 2]);
        assert_eq!((s.predicted, s.reference, s.correct), (3, 2, 1));
        assert!((s.precision() - 1.0 / 3.0).abs() < 1e-9 && (s.recall() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn purity_and_inverse_purity() {
        let p = [0, 0, 0, 3];
        let r = [0, 0, 2, 2];
        assert!((purity(&p, &r) - 0.75).abs() < 1e-9);
        assert!((purity(&r, &p) - 0.75).abs() < 1e-9);
        assert!((purity(&[0, 1, 2, 3], &r) - 1.0).abs() < 1e-9);
    }
}
