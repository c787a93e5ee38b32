//! MinHash signatures of articles over normalized word shingles.
//!
//! An article becomes the set of its [`SHINGLE`]-word shingles over
//! search-folded words (punctuation dropped, so `أربيل` and `اربيل`, or a
//! changed comma, do not matter). Each shingle is hashed with 64-bit FNV-1a
//! over the UTF-8 bytes of its words joined by one space; the i-th of the
//! [`HASHES`] MinHash functions is the SplitMix64 finalizer applied to that
//! hash XOR the i-th seed, and the seeds are the SplitMix64 sequence from
//! [`SEED`]. Both functions are fully specified here (no `std` hasher, whose
//! output may change between Rust versions), so a signature stored today
//! compares with one computed on another machine next year.
//!
//! The share of equal positions in two signatures estimates the Jaccard
//! similarity of the shingle sets (standard error about
//! `sqrt(J(1-J)/HASHES)`, 0.045 at J = 0.5); with the set sizes it also
//! estimates containment, the share of the smaller set found in the larger,
//! which is what a shortened reprint keeps high.
//!
//! For candidate search the signature is cut into [`BANDS`] bands of
//! [`ROWS`] rows (locality-sensitive hashing): two articles are candidates
//! when any band is equal, with probability `1 - (1 - J^2)^60`, which is
//! 0.45 at J = 0.1, 0.91 at J = 0.2, 0.9995 at J = 0.35 and 0.006 at J = 0.01.

use rasid_text::normalize::search_fold;
use rasid_text::{for_each_token, TokenKind};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Number of MinHash functions (signature length).
pub const HASHES: usize = 120;
/// LSH bands.
pub const BANDS: usize = 60;
/// Rows (hashes) per band: `BANDS * ROWS == HASHES`.
pub const ROWS: usize = 2;
/// The first seed of the SplitMix64 sequence that gives the hash seeds
/// (the bytes of "rasid" read as a number).
pub const SEED: u64 = 0x0072_6173_6964;

/// 64-bit FNV-1a of `bytes`, continuing from `h` (start from [`FNV_OFFSET`]).
#[inline]
pub fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The FNV-1a 64-bit offset basis.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// SplitMix64's output function: a bijective 64-bit mixer.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash seeds: the SplitMix64 sequence from [`SEED`].
fn seeds() -> &'static [u64; HASHES] {
    static SEEDS: std::sync::OnceLock<[u64; HASHES]> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut s = [0u64; HASHES];
        let mut state = SEED;
        for x in s.iter_mut() {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            *x = mix(state);
        }
        s
    })
}

/// The search-folded words of `text` (letters and numbers; punctuation,
/// URLs, e-mail addresses and stray page code dropped: see
/// [`rasid_text::page_code`]).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(text.len() / 8);
    let code = rasid_text::page_code::page_code_spans(text);
    let mut cursor = 0;
    for_each_token(text, |t| {
        if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number)
            && !rasid_text::page_code::in_spans(&code, &mut cursor, t.byte_start)
        {
            out.push(search_fold(&text[t.byte_start..t.byte_end]));
        }
    });
    out
}

/// Hashes of the distinct shingles of `words`, sorted. A text shorter than
/// one shingle gives one shingle of all its words (or none when empty).
pub fn shingles(words: &[String]) -> Vec<u64> {
    let n = SHINGLE.min(words.len());
    if n == 0 {
        return Vec::new();
    }
    let mut out: Vec<u64> = words
        .windows(n)
        .map(|w| {
            let mut h = FNV_OFFSET;
            for (i, word) in w.iter().enumerate() {
                if i > 0 {
                    h = fnv1a(h, b" ");
                }
                h = fnv1a(h, word.as_bytes());
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A MinHash signature and the size of the set it summarizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The minimum of each hash function over the shingles.
    pub mins: Vec<u64>,
    /// Number of distinct shingles.
    pub shingles: u32,
}

impl Signature {
    /// The signature of a set of shingle hashes.
    pub fn of_shingles(shingles: &[u64]) -> Signature {
        let seeds = seeds();
        let mut mins = vec![u64::MAX; HASHES];
        for &s in shingles {
            for (m, seed) in mins.iter_mut().zip(seeds) {
                let h = mix(s ^ seed);
                if h < *m {
                    *m = h;
                }
            }
        }
        Signature { mins, shingles: shingles.len() as u32 }
    }

    /// The signature of a text.
    pub fn of_text(text: &str) -> Signature {
        Signature::of_shingles(&shingles(&words(text)))
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let same = self.mins.iter().zip(&other.mins).filter(|(a, b)| a == b).count();
        same as f64 / self.mins.len().max(1) as f64
    }

    /// Estimated share of the smaller shingle set found in the larger,
    /// from the Jaccard estimate `j` and the set sizes:
    /// `|A ∩ B| = j (|A| + |B|) / (1 + j)`.
    pub fn containment(&self, other: &Signature, j: f64) -> f64 {
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let small = a.min(b);
        if small == 0.0 {
            return 0.0;
        }
        (j * (a + b) / (1.0 + j) / small).min(1.0)
    }

    /// Size of the smaller shingle set over the larger (0 when one is empty).
    pub fn ratio(&self, other: &Signature) -> f64 {
        let (a, b) = (self.shingles.min(other.shingles), self.shingles.max(other.shingles));
        if a == 0 {
            0.0
        } else {
            f64::from(a) / f64::from(b)
        }
    }

    /// The LSH band keys: one 64-bit key per band (band number and its rows,
    /// hashed with FNV-1a).
    pub fn band_keys(&self) -> Vec<u64> {
        (0..BANDS)
            .map(|b| {
                let mut h = fnv1a(FNV_OFFSET, &(b as u64).to_le_bytes());
                for m in &self.mins[b * ROWS..(b + 1) * ROWS] {
                    h = fnv1a(h, &m.to_le_bytes());
                }
                h
            })
            .collect()
    }

    /// The signature as little-endian bytes (for storage).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    /// A signature from [`Signature::to_bytes`] output and its set size;
    /// `None` when the bytes are not a whole signature.
    pub fn from_bytes(bytes: &[u8], shingles: u32) -> Option<Signature> {
        if bytes.len() != HASHES * 8 {
            return None;
        }
        let mins = bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))).collect();
        Some(Signature { mins, shingles })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "نفت وزارة البيشمركة في حكومة إقليم كوردستان يوم الأحد وجود أي اتفاق أمني جديد مع الحكومة \
                          الاتحادية في بغداد، وقالت إن قواتها تواصل حملة تطهير جبل قرة جوخ من فلول تنظيم داعش \
                          بالتنسيق مع طيران التحالف الدولي بقيادة الولايات المتحدة";

    #[test]
    fn the_hash_functions_are_fixed() {
        // FNV-1a test vectors (draft-eastlake-fnv): "" and "a".
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        // SplitMix64 from seed 0: first output.
        assert_eq!(mix(0x9e37_79b9_7f4a_7c15), 0xe220_a839_7b1d_cdaf);
        // A signature never depends on the run or the machine: pinned values.
        let s = Signature::of_text("قوات البيشمركة في قرة جوخ");
        // Stored signatures and band keys compare with new ones only while
        // these stay the same.
        assert_eq!((s.mins[0], s.mins[119]), (0x51ab_ec18_d8ac_7d7c, 0x09e0_53a7_b935_5ec8));
        assert_eq!(s.band_keys()[0], 0x2633_919c_d77d_6743);
        assert_eq!(s.shingles, 3);
        assert_eq!(s, Signature::of_text("قوات البيشمركه في قره جوخ،"));
    }

    #[test]
    fn a_lightly_edited_reprint_scores_high_and_another_story_low() {
        let a = Signature::of_text(REPORT);
        let edited = REPORT.replace("يوم الأحد", "الأحد").replace("الاتحادية", "المركزية");
        let b = Signature::of_text(&edited);
        let other = Signature::of_text(
            "أعلنت وزارة الصحة السعودية تسجيل إصابات جديدة بفيروس كورونا في الرياض وجدة خلال الأسبوع الماضي \
             ودعت المواطنين إلى الالتزام بالإرشادات الوقائية وزيارة المراكز الصحية عند ظهور الأعراض",
        );
        let j = a.jaccard(&b);
        assert!(j > 0.6, "edited reprint: {j}");
        assert!(a.jaccard(&other) < 0.1);
        let shared = a.band_keys().iter().zip(b.band_keys()).filter(|(x, y)| **x == *y).count();
        assert!(shared > 0, "an edited reprint shares at least one band");
    }

    #[test]
    fn containment_sees_a_shortened_copy() {
        let long = format!("{REPORT} وأضاف البيان أن العمليات العسكرية مستمرة حتى تحرير كامل المنطقة من الإرهابيين");
        let head: String = REPORT.split(' ').take(25).collect::<Vec<_>>().join(" ");
        let (a, b) = (Signature::of_text(&long), Signature::of_text(&head));
        let j = a.jaccard(&b);
        assert!(j < 0.7 && a.containment(&b, j) > 0.8, "j {j} c {}", a.containment(&b, j));
    }

    // Two reader polls on different questions that carry the same widget
    // code in their text (saudinewsnet 2015-08-06#1524 and 2015-08-11#769,
    // alriyadh) were one duplicate group and one silver pair: the code was
    // their longest shared run. Written for the test.
    #[test]
    fn two_polls_sharing_only_their_widget_code_are_not_alike() {
        let widget = " #poll ul { padding: 0; margin: 0; } .poll_box { float: right; width: 380px; height: 200px; } \
            .poll_graph { float: left; width: 260px; } jQuery.noConflict(); jQuery(document).ready(function(){ \
            jQuery('#poll_form').submit(function() { site = jQuery('input[name=site]', jQuery(this)).val(); \
            url = jQuery(this).attr('action'); jQuery.post(url, {site: site}, function(data){ jQuery('#poll').html(data); }); \
            return false; }); var plot = jQuery.jqplot('pie', [[ ['a1',30],['a2',157] ]], { grid: { drawBorder: false, \
            shadow: false }, legend: { show: false, location: 's' } }); }); ";
        let a = format!("هل ترى أن شراء السيارات الفاخرة بالتقسيط أصبح عبئا على الأسر؟{widget}نعم لا");
        let b = format!("هل تؤيد منع السياح من الطبخ في الحدائق العامة في المدن الأوروبية؟{widget}أؤيد لا أؤيد");
        let (wa, wb) = (words(&a), words(&b));
        assert!(!wa.iter().any(|w| w == "padding" || w == "jquery"), "{wa:?}");
        assert!(Signature::of_text(&a).jaccard(&Signature::of_text(&b)) < 0.1);
        assert!(crate::silver::verbatim(&wa, &wb).is_none());
    }

    #[test]
    fn signatures_round_trip_through_bytes() {
        let s = Signature::of_text(REPORT);
        assert_eq!(Signature::from_bytes(&s.to_bytes(), s.shingles), Some(s));
        assert_eq!(Signature::from_bytes(&[1, 2, 3], 1), None);
        assert_eq!(Signature::of_text("").jaccard(&Signature::of_text("")), 0.0);
    }
}
