//! Time expressions: relative days (يوم امس، قبل يومين، الأسبوع الماضي),
//! weekdays (صباح يوم الاثنين), dates with the Gregorian month names of
//! every region (كانون الثاني / يناير / جانفي) or Hijri months (رمضان 1436 هـ),
//! Arabic-Indic digits (folded to ASCII before matching), and years.
//!
//! Expressions are found on search-folded words and resolved against an
//! anchor day (the publication date) when one is known.

use rasid_core::dates::Day;
use rasid_text::calendar::WEEKDAYS;

/// A time expression found in a run of folded words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// First word of the expression.
    pub start: usize,
    /// One past its last word.
    pub end: usize,
    /// What it says.
    pub value: TimeValue,
}

/// The meaning of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeValue {
    /// `n` days from the anchor (-1 yesterday), with ACLED time precision.
    Offset(i64, u8),
    /// The latest such weekday on or before the anchor (0 = Sunday).
    Weekday(u32),
    /// A calendar day.
    Date(Day),
    /// A month of a year.
    Month(i32, u32),
    /// A year.
    Year(i32),
}

impl TimeExpr {
    /// The resolved day (for a month or year, its first day), given the anchor.
    pub fn resolve(&self, anchor: Option<Day>) -> Option<Day> {
        match self.value {
            TimeValue::Offset(n, _) => anchor.map(|a| a.plus(n)),
            TimeValue::Weekday(w) => anchor.map(|a| a.plus(-i64::from((a.weekday() + 7 - w) % 7))),
            TimeValue::Date(d) => Some(d),
            TimeValue::Month(y, m) => Day::checked(y, m, 1),
            TimeValue::Year(y) => Day::checked(y, 1, 1),
        }
    }

    /// ACLED's time precision: 1 a day, 2 a week, 3 a month or longer.
    pub fn precision(&self) -> u8 {
        match self.value {
            TimeValue::Offset(_, p) => p,
            TimeValue::Weekday(_) | TimeValue::Date(_) => 1,
            TimeValue::Month(..) | TimeValue::Year(_) => 3,
        }
    }

    /// Whether the expression clearly points to before the report's days
    /// (more than a week before the anchor, or a past year).
    pub fn is_past(&self, anchor: Option<Day>) -> bool {
        match self.value {
            TimeValue::Offset(n, _) => n < -7,
            TimeValue::Year(y) => anchor.is_some_and(|a| y < a.year),
            TimeValue::Month(y, m) => anchor.is_some_and(|a| {
                (y, m) < (a.year, a.month)
                    && a.days_since_epoch() - self.resolve(None).map_or(0, |d| d.days_since_epoch()) > 45
            }),
            TimeValue::Date(d) => anchor.is_some_and(|a| a.days_since_epoch() - d.days_since_epoch() > 7),
            TimeValue::Weekday(_) => false,
        }
    }
}

/// Words that may stand before a weekday or امس (يوم، صباح، مساء...).
const DAY_PARTS: &[&str] =
    &["يوم", "صباح", "مساء", "ليله", "ليل", "فجر", "ظهر", "عصر", "ظهيره", "نهار", "منتصف", "اليوم"];

/// Month names, folded, with their number: Gregorian (Levant/Iraq, Egypt/Gulf,
/// Maghreb) and Hijri (negative: Hijri month number).
const MONTHS: &[(&str, i32)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("جويلية", 7),
    ("اوت", 8),
    ("يونيه", 6),
    ("يوليه", 7),
    ("اغشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    ("محرم", -1),
    ("صفر", -2),
    ("رجب", -7),
    ("شعبان", -8),
    ("رمضان", -9),
    ("شوال", -10),
];

/// Two-word month names: كانون الثاني, تشرين الاول, ربيع الاول, جمادى الاخره, ذو القعده.
const MONTHS2: &[(&str, &str, i32)] = &[
    ("كانون", "الثاني", 1),
    ("كانون", "الاول", 12),
    ("تشرين", "الاول", 10),
    ("تشرين", "الثاني", 11),
    ("ربيع", "الاول", -3),
    ("ربيع", "الثاني", -4),
    ("ربيع", "الاخر", -4),
    ("جمادي", "الاولي", -5),
    ("جمادي", "الاول", -5),
    ("جمادي", "الاخره", -6),
    ("جمادي", "الثانيه", -6),
    ("جمادي", "الاخر", -6),
    ("ذو", "القعده", -11),
    ("ذي", "القعده", -11),
    ("ذو", "الحجه", -12),
    ("ذي", "الحجه", -12),
];

/// Small cardinal number words (folded), for قبل ثلاثة ايام.
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("واحد", 1),
    ("واحده", 1),
    ("اثنين", 2),
    ("اثنان", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("ثمان", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
    ("عشرين", 20),
    ("عشرون", 20),
    ("ثلاثين", 30),
    ("ثلاثون", 30),
    ("اربعين", 40),
    ("اربعون", 40),
    ("خمسين", 50),
    ("خمسون", 50),
    ("ستين", 60),
    ("ستون", 60),
    ("سبعين", 70),
    ("سبعون", 70),
    ("ثمانين", 80),
    ("ثمانون", 80),
    ("تسعين", 90),
    ("تسعون", 90),
    ("مئه", 100),
    ("مائه", 100),
    ("مئات", 200),
    ("عشرات", 20),
];

/// The value of a folded number word or digits, with a glued و removed.
pub fn number(w: &str) -> Option<u32> {
    if !w.is_empty() && w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    let w = w.strip_prefix('و').filter(|r| r.chars().count() >= 3).unwrap_or(w);
    NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|&(_, v)| v)
}

fn strip_conj(w: &str) -> &str {
    crate::without_conjunction(w, 3)
}

fn strip_prep(w: &str) -> &str {
    let w = strip_conj(w);
    for p in ["في", "ب", "ل", "منذ"] {
        if let Some(r) = w.strip_prefix(p) {
            if r.chars().count() >= 2
                && (r.starts_with("ال") || r.starts_with('ا') || r.chars().all(|c| c.is_ascii_digit()))
            {
                return r;
            }
        }
    }
    w
}

fn year(w: &str) -> Option<i32> {
    let w = strip_prep(w);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// The month at word `i` (one or two words): (number, words). Hijri months
/// are negative.
fn month_at(words: &[&str], i: usize) -> Option<(i32, usize)> {
    let w = strip_prep(words[i]);
    if let Some(next) = words.get(i + 1) {
        if let Some(&(_, _, m)) = MONTHS2.iter().find(|(a, b, _)| *a == w && *b == *next) {
            return Some((m, 2));
        }
    }
    // اب (August) only with a day or year around it: it is also "father".
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| (m, 1))
}

/// Converts a day of the tabular Islamic calendar to the Gregorian calendar
/// (the arithmetical calendar; observed months may differ by a day or two).
pub fn hijri_to_day(year: i32, month: u32, day: u32) -> Option<Day> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1300..=1600).contains(&year) {
        return None;
    }
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    // Julian day number of the Islamic date (civil epoch: JDN 1948440 is
    // 1 Muharram 1 AH).
    let jdn = d + (29.5 * (m - 1) as f64).ceil() as i64 + (y - 1) * 354 + (3 + 11 * y) / 30 + 1_948_440 - 1;
    // Days since 1970-01-01 (JDN 2440588).
    Some(Day::from_days(jdn - 2_440_588))
}

/// Finds the time expressions in folded words, left to right, without overlaps.
pub fn find(words: &[&str]) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(t) = at(words, i) {
            i = t.end;
            out.push(t);
        } else {
            i += 1;
        }
    }
    out
}

fn expr(start: usize, end: usize, value: TimeValue) -> Option<TimeExpr> {
    Some(TimeExpr { start, end, value })
}

/// The time expression starting at word `i`, if any.
fn at(words: &[&str], i: usize) -> Option<TimeExpr> {
    let w = strip_conj(words[i]);
    let next = |k: usize| words.get(i + k).map(|w| strip_conj(w));
    // A day part: يوم امس, صباح يوم الاثنين, مساء السبت, ليلة الجمعة.
    let mut j = i;
    while j < words.len() && j < i + 3 && DAY_PARTS.contains(&strip_prep(words[j])) {
        j += 1;
    }
    if j < words.len() {
        let x = strip_prep(words[j]);
        if x == "امس" || x == "البارحه" {
            let (end, n) = if words.get(j + 1) == Some(&"الاول") { (j + 2, -2) } else { (j + 1, -1) };
            return expr(i, end, TimeValue::Offset(n, 1));
        }
        if let Some(d) = WEEKDAYS.iter().position(|d| *d == x) {
            let qualified = j > i || matches!(words.get(j + 1).copied(), Some("الماضي" | "الفائت"));
            if qualified {
                let end = if matches!(words.get(j + 1).copied(), Some("الماضي" | "الفائت")) {
                    j + 2
                } else {
                    j + 1
                };
                return expr(i, end, TimeValue::Weekday(d as u32));
            }
        }
    }
    if w == "اليوم" && j == i {
        return expr(i, i + 1, TimeValue::Offset(0, 1));
    }
    if w == "غدا" {
        return expr(i, i + 1, TimeValue::Offset(1, 1));
    }
    // قبل يومين / منذ ثلاثة ايام / قبل اسبوع.
    if w == "قبل" || w == "منذ" {
        match next(1) {
            Some("يومين") => return expr(i, i + 2, TimeValue::Offset(-2, 1)),
            Some("اسبوع") => return expr(i, i + 2, TimeValue::Offset(-7, 2)),
            Some("اسبوعين") => return expr(i, i + 2, TimeValue::Offset(-14, 2)),
            Some("شهر") => return expr(i, i + 2, TimeValue::Offset(-30, 3)),
            Some("عام" | "سنه") => return expr(i, i + 2, TimeValue::Offset(-365, 3)),
            Some(n) => {
                if let Some(k) = number(n) {
                    let unit = next(2).unwrap_or("");
                    let k = i64::from(k);
                    let v = match unit {
                        "ايام" | "يوما" | "يوم" => Some(TimeValue::Offset(-k, 1)),
                        "اسابيع" | "اسبوعا" => Some(TimeValue::Offset(-7 * k, 2)),
                        "اشهر" | "شهور" | "شهرا" => Some(TimeValue::Offset(-30 * k, 3)),
                        "سنوات" | "اعوام" | "عاما" | "سنه" => Some(TimeValue::Offset(-365 * k, 3)),
                        _ => None,
                    };
                    if let Some(v) = v {
                        return expr(i, i + 3, v);
                    }
                }
            }
            None => {}
        }
    }
    // الاسبوع الماضي / الشهر الماضي / العام الماضي / مطلع الشهر (الجاري).
    let unit = strip_prep(w);
    if matches!(unit, "الاسبوع" | "الشهر" | "العام" | "السنه") {
        if let Some(q) = next(1) {
            let past = matches!(q, "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "الفائت" | "السابق");
            let this = matches!(q, "الجاري" | "الحالي" | "الحاليه");
            let (days, prec) = match unit {
                "الاسبوع" => (7, 2),
                "الشهر" => (30, 3),
                _ => (365, 3),
            };
            if past {
                return expr(i, i + 2, TimeValue::Offset(-days, prec));
            }
            if this {
                return expr(i, i + 2, TimeValue::Offset(0, prec));
            }
        }
    }
    if matches!(unit, "مطلع" | "اوائل" | "بدايه") && next(1).is_some_and(|n| n == "الشهر" || n == "الاسبوع")
    {
        let end = if next(2).is_some_and(|n| n == "الجاري" || n == "الحالي") { i + 3 } else { i + 2 };
        return expr(i, end, TimeValue::Offset(0, 3));
    }
    // Day month [year]: 12 آب 2015, 12 آب/أغسطس 2015, 5 رمضان 1436 هـ.
    if let Some(d) = number(strip_prep(w)).filter(|d| (1..=31).contains(d)) {
        if i + 1 < words.len() {
            if let Some((m, n)) = month_at(words, i + 1) {
                let mut end = i + 1 + n;
                // A second name of the same month (آب / أغسطس), slash or dash already dropped.
                if end < words.len() {
                    if let Some((m2, n2)) = month_at(words, end) {
                        if m2 == m {
                            end += n2;
                        }
                    }
                }
                let y = words.get(end).and_then(|w| {
                    year(w).or_else(|| strip_prep(w).parse::<i32>().ok().filter(|y| (1300..=1600).contains(y)))
                });
                if let Some(y) = y {
                    end += 1;
                    if m < 0 {
                        if words.get(end).is_some_and(|w| *w == "ه" || *w == "هجريه" || *w == "للهجره") {
                            end += 1;
                        }
                        return expr(i, end, TimeValue::Date(hijri_to_day(y, (-m) as u32, d)?));
                    }
                    return expr(i, end, TimeValue::Date(Day::checked(y, m as u32, d)?));
                }
                if m > 0 && strip_prep(words[i + 1]) != "اب" {
                    // Day and month without the year: the anchor's year is unknown here.
                    return None;
                }
            }
        }
    }
    // Month year: تموز 2014, يوليو 2014.
    if let Some((m, n)) = month_at(words, i) {
        if m > 0 {
            if let Some(y) = words.get(i + n).and_then(|w| year(w)) {
                return expr(i, i + n + 1, TimeValue::Month(y, m as u32));
            }
        }
    }
    // عام 2014, العام 2014, سنة 2014, في 2014.
    if matches!(unit, "عام" | "العام" | "سنه" | "السنه" | "مطلع") {
        if let Some(y) = words.get(i + 1).and_then(|w| year(w)) {
            return expr(i, i + 2, TimeValue::Year(y));
        }
    }
    // Numeric dates: 2015-08-12, 12/8/2015 (the tokenizer splits on the separators).
    if let (Some(a), Some(b), Some(c)) =
        (number(w), words.get(i + 1).and_then(|w| number(w)), words.get(i + 2).and_then(|w| number(w)))
    {
        if w.len() == 4 {
            if let Some(d) = Day::checked(a as i32, b, c) {
                return expr(i, i + 3, TimeValue::Date(d));
            }
        } else if words[i + 2].len() == 4 {
            if let Some(d) = Day::checked(c as i32, b, a) {
                return expr(i, i + 3, TimeValue::Date(d));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::normalize::search_fold;

    fn find_in(s: &str) -> Vec<(String, TimeValue)> {
        let folded: Vec<String> = s.split_whitespace().map(search_fold).collect();
        let w: Vec<&str> = folded.iter().map(String::as_str).collect();
        find(&w)
            .into_iter()
            .map(|t| (s.split_whitespace().collect::<Vec<_>>()[t.start..t.end].join(" "), t.value))
            .collect()
    }

    #[test]
    fn relative_days_from_the_reference_article() {
        let anchor = Day::checked(2018, 1, 2); // a Tuesday
        let got = find_in("وأطلقت البيشمركة يوم امس حملة لتطهير جبال قرة جوخ");
        assert_eq!(got, vec![("يوم امس".to_string(), TimeValue::Offset(-1, 1))]);
        let got = find_in("وبدأت حملة مخمور في وقت مبكر من صباح يوم الاثنين وانتهت بنفس اليوم");
        assert_eq!(got[0], ("صباح يوم الاثنين".to_string(), TimeValue::Weekday(1)));
        let t = TimeExpr { start: 0, end: 1, value: TimeValue::Weekday(1) };
        assert_eq!(t.resolve(anchor).map(|d| d.iso()).as_deref(), Some("2018-01-01"));
        let t = TimeExpr { start: 0, end: 1, value: TimeValue::Offset(-1, 1) };
        assert_eq!(t.resolve(anchor).map(|d| d.iso()).as_deref(), Some("2018-01-01"));
        // A bare weekday name (صلاة الجمعة) is not a date.
        assert!(find_in("بعد صلاة الجمعه في المسجد").is_empty());
    }

    #[test]
    fn month_names_of_every_region_and_hijri() {
        let d = |s: &str| match find_in(s).first().map(|x| x.1) {
            Some(TimeValue::Date(d)) => d.iso(),
            other => format!("{other:?}"),
        };
        assert_eq!(d("في 12 آب 2015"), "2015-08-12");
        assert_eq!(d("يوم ١٢ أغسطس ٢٠١٥"), "2015-08-12");
        assert_eq!(d("في 3 كانون الثاني 2018"), "2018-01-03");
        assert_eq!(d("في 3 جانفي 2017"), "2017-01-03");
        assert_eq!(d("يوم 12 آب أغسطس 2015"), "2015-08-12");
        // 1 Ramadan 1436 AH was 18 June 2015 (tabular calendar; observed 18 June).
        assert_eq!(d("في 1 رمضان 1436 هـ"), "2015-06-18");
        assert!(matches!(find_in("قبل ثلاثة ايام")[0].1, TimeValue::Offset(-3, 1)));
        assert!(matches!(find_in("الاسبوع الماضي")[0].1, TimeValue::Offset(-7, 2)));
        assert!(matches!(find_in("في عام 2014")[0].1, TimeValue::Year(2014)));
        assert!(matches!(find_in("في تموز 2014")[0].1, TimeValue::Month(2014, 7)));
    }
}
