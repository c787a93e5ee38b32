//! Word clusters learned from unlabelled news, as features for the tagger.
//!
//! Words that occur in the same contexts (after قال and a title, before
//! an attribution verb, after a preposition of place) fall in the same
//! cluster, so a name the training data never saw still gets the features
//! of names that it did see. Turian et al. (2010) and Guo et al. (2014)
//! found clusters of distributional vectors as useful to NER as Brown
//! clusters; these are cheaper to learn and fully deterministic:
//!
//! 1. each word (folded, clitics stripped) gets a sparse context vector:
//!    the words one and two positions left and right, restricted to the
//!    [`CONTEXTS`] most frequent words, weighted by positive PMI with
//!    context smoothing (α = 0.75), L2-normalized;
//! 2. spherical k-means with [`FINE`] centroids, started from a seeded
//!    sample of frequent words, a fixed number of rounds, ties to the
//!    lowest index, sums in a fixed order (same input, same clusters);
//! 3. the fine centroids clustered again into [`MID`] and [`COARSE`]
//!    groups, so each word has three granularities (like Brown prefixes).
//!
//! No crate fits (finalfusion and friends load embeddings, they do not
//! learn clusters offline), hence this module. Learned by `rasid train ner`
//! over `saudinewsnet`, `ant-corpus` and ANERcorp's training text.

use rasid_text::{tokenize, TokenKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::gazetteer::key;

/// Number of context words (the most frequent ones).
pub const CONTEXTS: usize = 1500;
/// Fine clusters.
pub const FINE: usize = 512;
/// Middle clusters.
pub const MID: usize = 128;
/// Coarse clusters.
pub const COARSE: usize = 32;
/// Words seen fewer times than this get no cluster.
pub const MIN_COUNT: u32 = 4;
/// Rounds of k-means.
const ROUNDS: usize = 12;
/// Seed of the starting sample.
const SEED: u64 = 20261129;

/// Cluster ids of a word at three granularities (coarse, mid, fine).
pub type Ids = [u16; 3];

/// A sparse unit vector: (dimension, weight), sorted by dimension.
type Sparse = Vec<(u32, f32)>;

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Word keys of each text, with a break (`u32::MAX`) at every non-Arabic
/// token so contexts do not cross numbers and punctuation.
fn encode<'a>(texts: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<u32>) {
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut memo: FxHashMap<String, u32> = FxHashMap::default();
    let mut words = Vec::new();
    let mut stream = Vec::new();
    for text in texts {
        for t in tokenize(text) {
            if t.kind != TokenKind::Arabic {
                stream.push(u32::MAX);
                continue;
            }
            let id = *memo.entry(t.term).or_insert_with_key(|w| {
                let k = key(w);
                if k.is_empty() {
                    return u32::MAX;
                }
                *ids.entry(k).or_insert_with_key(|k| {
                    words.push(k.clone());
                    (words.len() - 1) as u32
                })
            });
            stream.push(id);
        }
        stream.push(u32::MAX);
    }
    (words, stream)
}

/// Learns clusters from texts: word key → ids.
pub fn learn<'a>(texts: impl Iterator<Item = &'a str>) -> FxHashMap<String, Ids> {
    let (words, stream) = encode(texts);
    let mut freq = vec![0u32; words.len()];
    for &w in &stream {
        if w != u32::MAX {
            freq[w as usize] += 1;
        }
    }
    // Vocabulary, most frequent first (ties by the word, for determinism).
    let mut order: Vec<u32> = (0..words.len() as u32).filter(|&w| freq[w as usize] >= MIN_COUNT).collect();
    order.sort_by(|&a, &b| {
        freq[b as usize].cmp(&freq[a as usize]).then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    if order.len() < FINE {
        return FxHashMap::default();
    }
    let mut vocab_index = vec![u32::MAX; words.len()];
    for (i, &w) in order.iter().enumerate() {
        vocab_index[w as usize] = i as u32;
    }
    let n_ctx = CONTEXTS.min(order.len());
    // Context counts: dimension = position slot (0..4) * n_ctx + context rank.
    let offsets: [i64; 4] = [-2, -1, 1, 2];
    let mut counts: Vec<FxHashMap<u32, u32>> = vec![FxHashMap::default(); order.len()];
    let mut ctx_total = vec![0f64; 4 * n_ctx];
    for (i, &w) in stream.iter().enumerate() {
        let Some(&v) = vocab_index.get(w as usize) else { continue };
        if v == u32::MAX {
            continue;
        }
        for (slot, &d) in offsets.iter().enumerate() {
            // Stop at a break between the word and its context.
            let mut ok = true;
            let mut j = i as i64;
            for _ in 0..d.abs() {
                j += d.signum();
                if j < 0 || j as usize >= stream.len() || stream[j as usize] == u32::MAX {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            let c = vocab_index[stream[j as usize] as usize];
            if (c as usize) < n_ctx {
                let dim = (slot * n_ctx) as u32 + c;
                *counts[v as usize].entry(dim).or_default() += 1;
                ctx_total[dim as usize] += 1.0;
            }
        }
    }
    // Positive PMI with smoothed context distribution, L2-normalized.
    let smoothed: Vec<f64> = ctx_total.iter().map(|c| c.powf(0.75)).collect();
    let smoothed_sum: f64 = smoothed.iter().sum();
    let total: f64 = ctx_total.iter().sum();
    let vectors: Vec<Sparse> = counts
        .into_par_iter()
        .map(|m| {
            let wsum: f64 = m.values().map(|&c| f64::from(c)).sum();
            let mut v: Sparse = m
                .into_iter()
                .filter_map(|(d, c)| {
                    let p_wc = f64::from(c) / total;
                    let p_w = wsum / total;
                    let p_c = smoothed[d as usize] / smoothed_sum;
                    let pmi = (p_wc / (p_w * p_c)).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|x| x.1 /= norm);
            }
            v
        })
        .collect();
    let dims = 4 * n_ctx;
    // Start from a seeded sample of the 20,000 most frequent words.
    let pool = order.len().min(20_000);
    let mut state = SEED;
    let mut picked: Vec<usize> = Vec::with_capacity(FINE);
    let mut taken = vec![false; pool];
    while picked.len() < FINE.min(pool) {
        let i = (splitmix(&mut state) % pool as u64) as usize;
        if !taken[i] && !vectors[i].is_empty() {
            taken[i] = true;
            picked.push(i);
        }
    }
    let mut centroids: Vec<Vec<f32>> = picked
        .iter()
        .map(|&i| {
            let mut c = vec![0f32; dims];
            for &(d, x) in &vectors[i] {
                c[d as usize] = x;
            }
            c
        })
        .collect();
    let mut assign = vec![0u32; vectors.len()];
    for _ in 0..ROUNDS {
        // Centroids transposed (dimension-major) so that a sparse word
        // vector adds whole contiguous rows of scores.
        let k_n = centroids.len();
        let mut by_dim = vec![0f32; dims * k_n];
        for (k, c) in centroids.iter().enumerate() {
            for (d, &x) in c.iter().enumerate() {
                by_dim[d * k_n + k] = x;
            }
        }
        assign = vectors
            .par_iter()
            .map_init(
                || vec![0f32; k_n],
                |scores, v| {
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    for &(d, x) in v {
                        let row = &by_dim[d as usize * k_n..(d as usize + 1) * k_n];
                        scores.iter_mut().zip(row).for_each(|(s, r)| *s += x * r);
                    }
                    let mut best = (f32::NEG_INFINITY, 0u32);
                    for (k, &s) in scores.iter().enumerate() {
                        if s > best.0 {
                            best = (s, k as u32);
                        }
                    }
                    best.1
                },
            )
            .collect();
        // New centroids: normalized sums, in word order; empty ones kept.
        let mut sums = vec![vec![0f32; dims]; centroids.len()];
        for (v, &k) in vectors.iter().zip(&assign) {
            for &(d, x) in v {
                sums[k as usize][d as usize] += x;
            }
        }
        for (c, s) in centroids.iter_mut().zip(sums) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                *c = s.into_iter().map(|x| x / norm).collect();
            }
        }
    }
    let mid = group(&centroids, MID);
    let coarse = group(&centroids, COARSE);
    order
        .iter()
        .zip(&assign)
        .filter(|(&w, _)| !vectors[vocab_index[w as usize] as usize].is_empty())
        .map(|(&w, &k)| (words[w as usize].clone(), [coarse[k as usize], mid[k as usize], k as u16]))
        .collect()
}

/// Groups dense unit centroids into `k` groups (spherical k-means started
/// from evenly spaced centroids); returns each centroid's group.
fn group(centroids: &[Vec<f32>], k: usize) -> Vec<u16> {
    let step = (centroids.len() / k).max(1);
    let mut heads: Vec<Vec<f32>> = centroids.iter().step_by(step).take(k).cloned().collect();
    let mut assign = vec![0u16; centroids.len()];
    for _ in 0..ROUNDS {
        for (a, c) in assign.iter_mut().zip(centroids) {
            let mut best = (f32::NEG_INFINITY, 0u16);
            for (i, h) in heads.iter().enumerate() {
                let s: f32 = c.iter().zip(h).map(|(x, y)| x * y).sum();
                if s > best.0 {
                    best = (s, i as u16);
                }
            }
            *a = best.1;
        }
        for (i, h) in heads.iter_mut().enumerate() {
            let mut s = vec![0f32; h.len()];
            for (c, &a) in centroids.iter().zip(&assign) {
                if a as usize == i {
                    s.iter_mut().zip(c).for_each(|(x, y)| *x += y);
                }
            }
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                *h = s.into_iter().map(|x| x / norm).collect();
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_fixed() {
        let mut s = 1;
        assert_eq!(splitmix(&mut s), splitmix(&mut 1u64));
    }

    #[test]
    fn encode_breaks_at_numbers() {
        let (words, stream) = encode(std::iter::once("قال بوش 12 إن"));
        assert_eq!(words.len(), 3);
        assert_eq!(stream[2], u32::MAX);
    }
}
