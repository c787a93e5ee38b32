//! rasid's search folding: the lossy level used for matching.

use crate::chars::{digit_value, is_ignorable, is_mark, TATWEEL};

/// Folds one original character into `out` (zero, one or several characters).
///
/// This is applied character by character (never across characters) so that
/// every folded character can be traced back to the original character it came
/// from; see [`search_fold_with_map`]. Combining hamza above/below and madda
/// (U+0653–U+0655) are dropped like the other marks, which gives the same
/// result as composing them first: ا + ٔ folds to ا, the fold of أ.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    match c {
        // Plain Arabic letters and ASCII: the hot path.
        'ا' | 'ب' | 'ت' | 'ث' | 'ج' | 'ح' | 'خ' | 'د' | 'ذ' | 'ر' | 'ز' | 'س' | 'ش' | 'ص' | 'ض' | 'ط' | 'ظ' | 'ع'
        | 'غ' | 'ف' | 'ق' | 'ك' | 'ل' | 'م' | 'ن' | 'ه' | 'و' | 'ي' | 'ء' => out.push(c),
        'a'..='z' | '0'..='9' => out.push(c),
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        // Alef forms: hamza above/below, madda, wasla, wavy hamza.
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}' => out.push('ا'),
        // Alef maksura, Farsi yeh, Kurdish yeh with small v, yeh with hamza, etc.
        'ى' | 'ی' | 'ێ' | 'ئ' | 'ې' | 'ۍ' | 'ۑ' | 'ے' | 'ۓ' | '\u{0678}' => out.push('ي'),
        // Teh marbuta and the heh forms (Kurdish ae, heh doachashmee, heh goal).
        'ة' | 'ە' | 'ۀ' | 'ھ' | 'ہ' | 'ۂ' | 'ۃ' => out.push('ه'),
        // Waw with hamza and the Kurdish/Turkic waw forms.
        'ؤ' | 'ۆ' | 'ۇ' | 'ۈ' | 'ۉ' | 'ۋ' | 'ۊ' | 'ۏ' | '\u{0676}' | '\u{0677}' => out.push('و'),
        // Keheh and gaf (Persian/Kurdish/Iraqi) to kaf.
        'ک' | 'گ' | 'ڪ' | 'ګ' | 'ڬ' | 'ڭ' | 'ڮ' => out.push('ك'),
        'ڕ' | 'ڒ' | 'ړ' | 'ڔ' | 'ڑ' => out.push('ر'),
        'ڵ' | 'ڶ' | 'ڷ' | 'ڸ' => out.push('ل'),
        'پ' => out.push('ب'),
        'چ' | 'ڃ' | 'ڇ' => out.push('ج'),
        'ژ' | 'ڙ' => out.push('ز'),
        'ڤ' | 'ڥ' => out.push('ف'),
        'ڨ' | 'ڧ' => out.push('ق'),
        'ٹ' => out.push('ت'),
        'ڈ' => out.push('د'),
        'ں' | 'ڼ' => out.push('ن'),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => out.push(' '),
        _ if c == TATWEEL || is_mark(c) || is_ignorable(c) => {}
        _ => {
            if let Some(d) = digit_value(c) {
                out.push(char::from_digit(d, 10).unwrap_or('0'));
            } else if is_compat_form(c) {
                // Presentation forms and other compatibility characters: NFKC
                // decomposition, then fold each resulting character.
                unicode_normalization::char::decompose_compatible(c, |d| {
                    if d != c {
                        fold_char(d, out)
                    } else {
                        out.push(d)
                    }
                });
            } else if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
}

/// Characters whose compatibility decomposition the search level applies:
/// Arabic presentation forms A and B, and fullwidth/halfwidth forms.
#[inline]
fn is_compat_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Folds `s` at the search level (see the module documentation of
/// [`crate::normalize`]).
pub fn search_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds `s` and returns, for each character of the folded string, the index
/// (in characters) of the original character it came from.
pub fn search_fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let before = out.len();
        fold_char(c, &mut out);
        map.extend(std::iter::repeat_n(i, out[before..].chars().count()));
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_kurdish_and_persian_spellings_to_arabic() {
        assert_eq!(search_fold("کوردستان"), "كوردستان");
        assert_eq!(search_fold("ھەولێر"), "ههولير");
        assert_eq!(search_fold("ڕووداو"), "رووداو");
        assert_eq!(search_fold("البِيشْمَرْكَة"), "البيشمركه");
        assert_eq!(search_fold("ٱلأحوال"), "الاحوال");
    }

    #[test]
    fn folds_digits_presentation_forms_and_invisibles() {
        assert_eq!(search_fold("٢٠٢٤"), "2024");
        assert_eq!(search_fold("۲۰۲۴"), "2024");
        assert_eq!(search_fold("ﻻ ﺍﻟﻌﺮﺑﻴﺔ"), "لا العربيه");
        assert_eq!(search_fold("بغ\u{200C}داد\u{200F}"), "بغداد");
        assert_eq!(search_fold("مسؤول شاطئ"), "مسوول شاطي");
    }

    #[test]
    fn map_points_back_to_original_characters() {
        let (folded, map) = search_fold_with_map("وﻻية");
        assert_eq!(folded, "ولايه");
        assert_eq!(map, vec![0, 1, 1, 2, 3]);
        let (folded, map) = search_fold_with_map("شُنت");
        assert_eq!(folded, "شنت");
        assert_eq!(map, vec![0, 2, 3]);
    }
}
