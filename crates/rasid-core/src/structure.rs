//! Article structure: paragraphs, headline, dateline and lede.
//!
//! - Paragraphs: the first non-empty line is a paragraph of its own (the
//!   headline, when the input has one). In the rest of the text, blocks
//!   separated by blank lines are paragraphs; text with no blank line at all
//!   has one paragraph per line (as in JSONL bodies that use single newlines).
//! - Dateline: searched at the start of the first three paragraphs after the
//!   headline, in the forms news wires use:
//!   `اربيل (كوردستان 24)-`, `القاهرة (أ ف ب) -`, `الرياض - واس:`,
//!   `بغداد - رويترز`, `(رويترز) -`, `القاهرة، 5 مارس (أ ف ب) -`.
//! - Lede: the standfirst paragraph standing between the headline and the
//!   dateline paragraph, when there is one.

use crate::document::{Dateline, Document, Paragraph};

/// Splits the text into paragraphs (see the module documentation).
pub fn paragraphs(doc: &Document) -> Vec<Paragraph> {
    let text = &doc.text;
    // Lines as (start byte, end byte without the line break, 1-based number).
    let mut lines = Vec::new();
    let mut start = 0;
    for (n, line) in text.split('\n').enumerate() {
        let end = start + line.len();
        lines.push((start, end, n + 1));
        start = end + 1;
    }
    let blank = |&(s, e, _): &(usize, usize, usize)| text[s..e].trim().is_empty();
    let Some(first) = lines.iter().position(|l| !blank(l)) else {
        return Vec::new();
    };
    let rest = &lines[first + 1..];
    let body_has_blank_lines = {
        let body_start = rest.iter().position(|l| !blank(l)).unwrap_or(rest.len());
        let body_end = rest.iter().rposition(|l| !blank(l)).map_or(0, |i| i + 1);
        body_start < body_end && rest[body_start..body_end].iter().any(blank)
    };
    let mut blocks: Vec<(usize, usize, usize)> = vec![lines[first]];
    let mut current: Option<(usize, usize, usize)> = None;
    for l in rest {
        if blank(l) {
            blocks.extend(current.take());
        } else if !body_has_blank_lines {
            blocks.push(*l);
        } else {
            current = Some(match current {
                Some((s, _, n)) => (s, l.1, n),
                None => *l,
            });
        }
    }
    blocks.extend(current);
    blocks
        .into_iter()
        .filter_map(|(s, e, line)| {
            let raw = &text[s..e];
            let lead = raw.len() - raw.trim_start().len();
            let trail = raw.len() - raw.trim_end().len();
            let (bs, be) = (s + lead, e - trail);
            (bs < be).then(|| Paragraph { span: doc.span(doc.char_at_byte(bs), doc.char_at_byte(be)), line })
        })
        .collect()
}

/// Agencies and outlets that appear in datelines, so that `بغداد - رويترز`
/// is told apart from `بغداد - قالت الحكومة`.
const OUTLETS: &[&str] = &[
    "واس",
    "رويترز",
    "أ ف ب",
    "ا ف ب",
    "أ.ف.ب",
    "أ ف ب",
    "فرانس برس",
    "الأناضول",
    "الاناضول",
    "د ب أ",
    "د.ب.أ",
    "يو بي آي",
    "أ ب",
    "أسوشيتد برس",
    "كونا",
    "وام",
    "قنا",
    "بنا",
    "سانا",
    "واع",
    "أ ش أ",
    "العمانية",
    "بترا",
    "وفا",
    "رووداو",
    "كوردستان 24",
    "كردستان 24",
    "شفق نيوز",
    "السومرية نيوز",
    "بغداد اليوم",
    "المدى",
    "الشرق الأوسط",
    "سبق",
    "عكاظ",
    "الرياض",
    "الحياة",
    "سكاي نيوز عربية",
    "بي بي سي",
    "العربية",
    "الجزيرة",
    "الجزيرة نت",
    "إرم نيوز",
    "سبوتنيك",
    "شينخوا",
    "يونهاب",
    "إرنا",
    "ارنا",
    "تسنيم",
    "فارس",
    "مهر",
    "الأهرام",
    "اليوم السابع",
    "خاص",
];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '−')
}

/// Words (by characters) of a short place name: 1 to 3 words of letters,
/// at most 30 characters, with no digits or sentence punctuation.
fn plausible_place(s: &str) -> bool {
    let s = s.trim();
    let words = s.split_whitespace().count();
    (1..=3).contains(&words)
        && s.chars().count() <= 30
        && s.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || rasid_text::chars::is_mark(c) || c == '-')
}

/// A plausible outlet inside parentheses: short, at most four words.
fn plausible_outlet(s: &str) -> bool {
    let s = s.trim();
    let words = s.split_whitespace().count();
    (1..=4).contains(&words) && s.chars().count() <= 30 && !s.contains(['(', ')'])
}

/// A found dateline, in character offsets relative to the paragraph start:
/// (whole end, place range, outlet range).
type Found = (usize, Option<(usize, usize)>, Option<(usize, usize)>);

/// Recognizes a dateline at the start of `p` (a paragraph's text).
fn find_dateline(p: &str) -> Option<Found> {
    let chars: Vec<char> = p.chars().collect();
    let n = chars.len();
    let trim = |mut a: usize, mut b: usize| {
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        (a, b)
    };
    let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let skip_ws = |mut i: usize| {
        while i < n && chars[i].is_whitespace() && chars[i] != '\n' {
            i += 1;
        }
        i
    };
    // After the outlet: a dash or colon (possibly both, "- :"), then space.
    let closer = |i: usize| -> Option<usize> {
        let j = skip_ws(i);
        if j < n && (is_dash(chars[j]) || chars[j] == ':') {
            let mut k = j + 1;
            let k2 = skip_ws(k);
            if k2 < n && (chars[k2] == ':' || is_dash(chars[k2])) {
                k = k2 + 1;
            }
            Some(k)
        } else {
            None
        }
    };
    let limit = n.min(80);
    // Form 1: [PLACE[، DATE]] (OUTLET) - or :
    if let Some(open) = chars[..limit].iter().position(|&c| c == '(') {
        if let Some(close_rel) = chars[open..limit].iter().position(|&c| c == ')') {
            let close = open + close_rel;
            let (oa, ob) = trim(open + 1, close);
            if plausible_outlet(&text(oa, ob)) {
                if let Some(end) = closer(close + 1) {
                    let (pa, pb) = trim(0, open);
                    if pa == pb {
                        return Some((end, None, Some((oa, ob))));
                    }
                    // The place is what stands before a comma (a date may follow it).
                    let comma = chars[pa..pb].iter().position(|&c| c == '،' || c == ',').map(|i| pa + i);
                    let (qa, qb) = trim(pa, comma.unwrap_or(pb));
                    if plausible_place(&text(qa, qb)) {
                        return Some((end, Some((qa, qb)), Some((oa, ob))));
                    }
                }
            }
        }
    }
    // Form 2: PLACE - OUTLET (: or - or end of paragraph), with a known outlet.
    let dash = chars[..limit].iter().position(|&c| is_dash(c))?;
    let (pa, pb) = trim(0, dash);
    if !plausible_place(&text(pa, pb)) {
        return None;
    }
    let after = skip_ws(dash + 1);
    for outlet in OUTLETS {
        let oc: Vec<char> = outlet.chars().collect();
        let ob = after + oc.len();
        if ob <= n && chars[after..ob] == oc[..] {
            let boundary_ok = ob == n || !chars[ob].is_alphabetic();
            if !boundary_ok {
                continue;
            }
            if ob == n || skip_ws(ob) == n {
                return Some((n, Some((pa, pb)), Some((after, ob))));
            }
            if let Some(end) = closer(ob) {
                return Some((end, Some((pa, pb)), Some((after, ob))));
            }
        }
    }
    None
}

/// Finds the dateline among the first paragraphs after the headline.
pub fn dateline(doc: &Document, has_headline: bool) -> Option<Dateline> {
    let first = usize::from(has_headline);
    for (i, p) in doc.paragraphs.iter().enumerate().skip(first).take(3) {
        if let Some((end, place, outlet)) = find_dateline(&p.span.text) {
            let at = |(a, b): (usize, usize)| doc.span(p.span.start + a, p.span.start + b);
            // The dateline span ends at its closing mark, without trailing space.
            let mut e = end;
            let chars: Vec<char> = p.span.text.chars().collect();
            while e > 0 && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            return Some(Dateline {
                span: doc.span(p.span.start, p.span.start + e),
                place: place.map(at),
                outlet: outlet.map(at),
                paragraph: i,
            });
        }
    }
    None
}

/// The standfirst: the paragraph right before the dateline paragraph, when it
/// is not the headline.
pub fn lede(doc: &Document, has_headline: bool) -> Option<usize> {
    let d = doc.dateline.as_ref()?;
    let first_body = usize::from(has_headline);
    (d.paragraph > first_body).then(|| d.paragraph - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(p: &str) -> Option<(String, Option<String>, Option<String>)> {
        let chars: Vec<char> = p.chars().collect();
        let s = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
        find_dateline(p).map(|(e, pl, o)| (s((0, e)).trim_end().to_string(), pl.map(s), o.map(s)))
    }

    #[test]
    fn common_dateline_forms() {
        let cases = [
            ("اربيل (كوردستان 24)- أكدت قوات", "اربيل (كوردستان 24)-", Some("اربيل"), "كوردستان 24"),
            ("القاهرة (أ ف ب) - أعلنت", "القاهرة (أ ف ب) -", Some("القاهرة"), "أ ف ب"),
            ("الرياض - واس: أعلنت وزارة", "الرياض - واس:", Some("الرياض"), "واس"),
            ("بغداد - رويترز", "بغداد - رويترز", Some("بغداد"), "رويترز"),
            ("(رويترز) - ارتفعت أسعار النفط", "(رويترز) -", None, "رويترز"),
            ("القاهرة، 5 مارس (أ ف ب) - قال", "القاهرة، 5 مارس (أ ف ب) -", Some("القاهرة"), "أ ف ب"),
        ];
        for (p, whole, place, outlet) in cases {
            let (w, pl, o) = dl(p).unwrap_or_else(|| panic!("no dateline in {p}"));
            assert_eq!(w, whole);
            assert_eq!(pl.as_deref(), place);
            assert_eq!(o.as_deref(), Some(outlet));
        }
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for p in [
            "بغداد - قالت الحكومة العراقية إن الانتخابات ستجري في موعدها",
            "وأطلقت البيشمركة يوم امس حملة لتطهير جبال قرة جوخ",
            "وتابع \"الجبال هنا (قرة جوخ) هي تحت سيطرة البيشمركة\"",
            "وقال سيروان بارزاني قائد البيشمركة في جبهة الكوير - مخمور لكوردستان 24 إن",
        ] {
            assert_eq!(dl(p), None, "{p}");
        }
    }
}
