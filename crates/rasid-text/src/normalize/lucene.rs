//! Lucene's `ArabicNormalizer` (org.apache.lucene.analysis.ar), reproduced
//! exactly: same characters in, same characters out.

/// Normalizes like Lucene's `ArabicNormalizer.normalize`:
/// آ أ إ → ا; ى → ي; ة → ه; tatweel (U+0640) and the harakat U+064B–U+0652
/// (fathatan, dammatan, kasratan, fatha, damma, kasra, shadda, sukun) removed.
/// Nothing else changes (ٱ, ؤ, ئ, U+0670, digits and presentation forms stay).
pub fn lucene_normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{0622}' | '\u{0623}' | '\u{0625}' => out.push('\u{0627}'),
            '\u{0649}' => out.push('\u{064A}'),
            '\u{0629}' => out.push('\u{0647}'),
            '\u{0640}' | '\u{064B}'..='\u{0652}' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lucene_leaves_wasla_and_hamza_seats() {
        assert_eq!(lucene_normalize("ٱلحمد"), "ٱلحمد");
        assert_eq!(lucene_normalize("مسؤول"), "مسؤول");
        assert_eq!(lucene_normalize("فاطمة"), "فاطمه");
        assert_eq!(lucene_normalize("روبرـــــت"), "روبرت");
    }
}
