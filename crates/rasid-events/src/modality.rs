//! Polarity (asserted, negated, hypothetical) and tense (current report or
//! background) of a trigger, from the words around it in its clause.

/// Words that deny what follows in their clause (folded, with a glued و/ف
/// removed before comparison).
const NEGATORS: &[&str] = &[
    "لم",
    "لن",
    "لا",
    "ليس",
    "ليست",
    "ليسوا",
    "لسنا",
    "غير",
    "عدم",
    "بعدم",
    "لعدم",
    "دون",
    "بدون",
    "نفي",
    "نفى",
    "نفي",
    "نفت",
    "ينفي",
    "تنفي",
    "نفوا",
    "انكر",
    "انكرت",
    "ينكر",
    "تنكر",
    "كذب",
    "كذبت",
    "دحض",
    "دحضت",
    "نافيا",
    "نافيه",
    "مستبعدا",
    "استبعد",
    "استبعدت",
    "يستبعد",
    "تستبعد",
];

/// Words that make what follows expected, planned, conditional or asked
/// about rather than reported.
const HYPOTHETICAL: &[&str] = &[
    "سوف",
    "قد",
    "يمكن",
    "ممكن",
    "يمكنه",
    "ربما",
    "محتمل",
    "المحتمل",
    "احتمال",
    "المتوقع",
    "متوقع",
    "المنتظر",
    "المقرر",
    "مقرر",
    "يتوقع",
    "تتوقع",
    "اذا",
    "لو",
    "حال",
    "حاله",
    "يعتزم",
    "تعتزم",
    "يعتزمون",
    "ينوي",
    "تنوي",
    "نيه",
    "يخطط",
    "تخطط",
    "يخططون",
    "خطط",
    "خطه",
    "يريد",
    "تريد",
    "يريدون",
    "يجب",
    "ينبغي",
    "تهديد",
    "تهديدات",
    "هدد",
    "هددت",
    "هددوا",
    "يهدد",
    "تهدد",
    "دعا",
    "دعت",
    "دعوا",
    "يدعو",
    "تدعو",
    "طالب",
    "طالبت",
    "طالبوا",
    "يطالب",
    "تطالب",
    "منع",
    "لمنع",
    "يهدف",
    "تهدف",
    "بهدف",
    "تحذير",
    "حذر",
    "حذرت",
    "حذروا",
    "يحذر",
    "تحذر",
    "خشيه",
    "مخاوف",
    "خوفا",
    "امكانيه",
    "استعداد",
    "استعدادا",
    "يستعد",
    "تستعد",
    "مستعد",
    "مستعدون",
    "لتجنب",
    "تجنب",
    "لتفادي",
    "مكلفه",
    "مكلف",
    "مهمه",
    "ستواصل",
    "سيواصل",
    "تواصل",
    "عزم",
    "عازم",
    "هل",
    "ايه",
    "لشن",
    "لتنفيذ",
    "لارتكاب",
    "لاستهداف",
    "لمهاجمه",
    "منطلقا",
];

/// Words that mark an earlier event recalled for context.
const BACKGROUND: &[&str] =
    &["سابقا", "سابق", "سبق", "ذكري", "منذ", "ابان", "سنوات", "عقود", "قرن", "تاريخيه", "استفتاء"];

/// Words that end a clause (a negator before them does not reach past them).
fn is_boundary(w: &str) -> bool {
    matches!(
        w,
        "،" | ","
            | "."
            | "؛"
            | ";"
            | ":"
            | "؟"
            | "?"
            | "!"
            | "("
            | ")"
            | "-"
            | "–"
            | "بينما"
            | "لكن"
            | "ولكن"
            | "الا"
            | "حيث"
            | "التي"
            | "الذي"
            | "الذين"
    )
}

/// Without a glued و/ف (ولم → لم).
fn bare(w: &str) -> &str {
    crate::without_conjunction(w, 2)
}

/// The polarity of the trigger at word `t`: `negated`, `hypothetical` or
/// `asserted`. `future` says the trigger itself is a future verb (سيقتل).
pub fn polarity(words: &[&str], t: usize, future: bool) -> &'static str {
    if future {
        return "hypothetical";
    }
    let question = words.iter().any(|w| *w == "؟" || *w == "?") || words.first().is_some_and(|w| bare(w) == "هل");
    let mut negated = false;
    let mut hypo = question;
    let from = t.saturating_sub(12);
    for k in (from..t).rev() {
        let w = words[k];
        if is_boundary(w) {
            break;
        }
        let b = bare(w);
        if NEGATORS.contains(&b) && t - k <= 8 {
            negated = true;
        }
        // قد before a past verb is "has (already)": only قد + imperfect is "may".
        let qad_past = b == "قد" && words.get(k + 1).is_some_and(|w| !is_imperfect(w));
        if (HYPOTHETICAL.contains(&b) && !qad_past)
            || (k + 1 == t && (b == "ان" || b == "لان" || b == "كي" || b == "لكي") && is_imperfect(words[t]))
        {
            hypo = true;
        }
    }
    // A noun denied by the verb after it: المحادثات لم تبدأ.
    if !negated && words.get(t + 1).is_some_and(|w| matches!(bare(w), "لم" | "لن")) {
        negated = true;
    }
    if negated {
        "negated"
    } else if hypo {
        "hypothetical"
    } else {
        "asserted"
    }
}

/// Whether a folded word looks like an imperfect verb (prefix ي, ت, ن).
pub fn is_imperfect(w: &str) -> bool {
    let w = bare(w);
    w.chars().count() >= 4 && (w.starts_with('ي') || w.starts_with('ت') || w.starts_with('ن'))
}

/// Whether the sentence recalls an earlier event around the trigger at `t`:
/// a background word in the sentence before the trigger or just after it,
/// or كان ... قد before it.
pub fn background(words: &[&str], t: usize) -> bool {
    let before = &words[..t];
    let after = &words[t..words.len().min(t + 6)];
    let cue = |w: &&str| BACKGROUND.contains(&bare(w));
    if before.iter().any(cue) || after.iter().any(cue) {
        return true;
    }
    let kana = before.iter().rposition(|w| matches!(bare(w), "كان" | "كانت" | "كانوا"));
    kana.is_some_and(|k| before[k..].contains(&"قد"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::normalize::search_fold;

    fn pol(s: &str, trigger: &str) -> &'static str {
        let f: Vec<String> = s.split_whitespace().map(search_fold).collect();
        let w: Vec<&str> = f.iter().map(String::as_str).collect();
        let t = w.iter().position(|x| *x == search_fold(trigger)).expect("trigger");
        polarity(&w, t, false)
    }

    #[test]
    fn denials_and_expectations_in_the_reference_article() {
        assert_eq!(pol("البيشمركة تؤكد عدم ابرام أي اتفاق امني جديد مع بغداد", "اتفاق"), "negated");
        assert_eq!(pol("إن أربيل وبغداد لم تبرما بعد أي اتفاق لتجديد التعاون", "اتفاق"), "negated");
        assert_eq!(pol("وأطلقت البيشمركة يوم امس حملة لتطهير جبال قرة جوخ", "حملة"), "asserted");
        assert_eq!(pol("وتهدف الحملة لسحق فلول داعش", "لسحق"), "hypothetical");
        assert_eq!(pol("هل ستقصف الطائرات المدينة ؟", "المدينة"), "hypothetical");
        // كان ... قد قتلت: a past event, not a possibility.
        assert_eq!(pol("وكانت فرقة مظلية قد قتلت أول من أمس أربعة", "قتلت"), "asserted");
        assert_eq!(pol("وقال إن الجيش قد يقصف المدينة", "يقصف"), "hypothetical");
        // A negator in an earlier clause does not reach the trigger.
        assert_eq!(pol("لم يعلق الجيش ، وقتل ثلاثة جنود", "وقتل"), "asserted");
    }

    #[test]
    fn background_cues() {
        let f: Vec<String> = "ولأول مرة منذ نحو ربع قرن قاتلت قوات البيشمركة إلى جانب الجيش العراقي"
            .split_whitespace()
            .map(search_fold)
            .collect();
        let w: Vec<&str> = f.iter().map(String::as_str).collect();
        assert!(background(&w, 6));
        let f: Vec<String> = "وأطلقت البيشمركة يوم امس حملة".split_whitespace().map(search_fold).collect();
        let w: Vec<&str> = f.iter().map(String::as_str).collect();
        assert!(!background(&w, 4));
    }
}
