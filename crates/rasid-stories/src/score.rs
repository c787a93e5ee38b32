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
