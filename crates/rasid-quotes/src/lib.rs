//! # rasid-quotes: who said what
//!
//! The quotes stage finds reported speech in an article and attributes it:
//! a **cue** (a speech verb from the project's lexicon,
//! `crates/rasid-ner/data/gazetteers/speech-verbs.txt`, with glued و/ف; or
//! an attribution phrase: بحسب، وفقا لـ، نقلا عن، حسب ما قاله، مضى للقول),
//! a **speaker** (the entity named after the verb, with its title skipped;
//! the current speaker when a continuation verb has no subject (أضاف،
//! تابع); the source named after an attribution phrase, before or after the
//! content), the **content** (after إن/أن, a colon or a quotation mark; a
//! masdar complement after أكد/نفى/كشف...), what it was **told to**
//! (لكوردستان 24, في تصريح لـ"الرياض"), and its **kind** (direct, indirect,
//! mixed). Quotation marks around one or two words (a scare quote, a name)
//! are never a statement.
//!
//! [`eval`] scores the stage against gold files in the format of
//! `../shared/gold/*.gold.json`.
#![deny(missing_docs)]

pub mod eval;

use rasid_core::document::{Document, Quote, Span, Speaker};
use rasid_core::pipeline::{Context, Layer, Stage};
use rasid_ner::gazetteer::{key, Category, Gazetteers};
use rasid_text::{tokenize, Token, TokenKind};

/// The quotes stage.
#[derive(Debug, Default)]
pub struct Quotes;

/// Relative pronouns (folded): a speech verb right after one is not a cue.
const RELATIVES: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"];

/// Nouns of the medium of a statement (في بيان، في حساب على تويتر): a
/// speech verb followed by في and one of them has a pronoun subject.
const MEDIA: &[&str] = &[
    "بيان",
    "البيان",
    "تصريح",
    "تصريحات",
    "حساب",
    "حسابه",
    "حسابها",
    "صفحته",
    "صفحتها",
    "تغريده",
    "رساله",
    "كلمه",
    "مؤتمر",
    "المؤتمر",
    "مقابله",
    "حديث",
    "لقاء",
    "اتصال",
    "تقرير",
    "التقرير",
];

/// Directive and expressive verbs of the speech lexicon whose object is an
/// action or a feeling, not a statement (دعا، طالب، أعرب): not cues.
const NOT_CUES: &[&str] = &[
    "دعا",
    "دعت",
    "دعوا",
    "دعتا",
    "يدعو",
    "تدعو",
    "يدعون",
    "ندعو",
    "طالب",
    "طالبت",
    "طالبوا",
    "طالبا",
    "يطالب",
    "تطالب",
    "يطالبون",
    "نطالب",
    "اعرب",
    "اعربت",
    "اعربوا",
    "يعرب",
    "تعرب",
    "عبر",
    "نوه",
    "نوهت",
    "نوهوا",
    "ينوه",
    "تنوه",
    "سال",
    "سالت",
    "سالوا",
    "يسال",
    "تسال",
    "تسائل",
    "تساءل",
    "بين",
    "يرد",
    "ترد",
    "نقل",
    "نقلت",
    "نقلوا",
    "ينقل",
    "تنقل",
    "علق",
    "علقت",
    "يعلق",
    "تعلق",
    "يتابع",
    "تتابع",
];

/// Verbs that continue the current speaker when no subject follows.
const CONTINUATIONS: &[&str] = &[
    "اضاف",
    "اضافت",
    "اضافوا",
    "تابع",
    "تابعت",
    "تابعوا",
    "مضي",
    "مضت",
    "اردف",
    "اردفت",
    "استطرد",
    "استطردت",
    "استدرك",
    "اوضح",
    "اوضحت",
    "اكد",
    "اكدت",
    "اشار",
    "اشارت",
    "لفت",
    "لفتت",
    "شدد",
    "شددت",
    "قال",
    "قالت",
    "بين",
    "بينت",
    "ذكر",
    "ذكرت",
];

/// Cues after which a masdar or prepositional complement is the content
/// (أكد عدم عقد أي اتفاق، أشار إلى، حذر من).
const MASDAR_CUES: &[&str] = &[
    "اكد",
    "اكدت",
    "اكدوا",
    "نفي",
    "نفت",
    "نفوا",
    "كشف",
    "كشفت",
    "كشفوا",
    "حذر",
    "حذرت",
    "حذروا",
    "شدد",
    "شددت",
    "شددوا",
    "اشار",
    "اشارت",
    "اشاروا",
    "اعلن",
    "اعلنت",
    "اعلنوا",
    "اعتبر",
    "اعتبرت",
    "ابدي",
];

/// Denials.
const NEGATING: &[&str] = &[
    "نفي",
    "نفت",
    "نفوا",
    "نفيا",
    "ينفي",
    "تنفي",
    "ينفون",
    "انكر",
    "انكرت",
    "انكروا",
    "ينكر",
    "تنكر",
    "كذب",
    "كذبت",
    "كذبوا",
    "يكذب",
    "تكذب",
];

/// Participles that continue a statement (مضيفا، مشيرا، مؤكدا).
const PARTICIPLES: &[&str] = &[
    "مضيفا",
    "مشيرا",
    "مؤكدا",
    "موكدا",
    "موضحا",
    "قائلا",
    "قايلا",
    "مبينا",
    "معتبرا",
    "لافتا",
    "مشددا",
    "منوها",
    "مستطردا",
    "مضيفه",
    "مشيره",
    "مؤكده",
    "موكده",
    "موضحه",
    "قائله",
    "قايله",
    "مشيرين",
    "مؤكدين",
    "موكدين",
    "مضيفين",
];

/// Attribution phrases before the source (بحسب X، وفقا لـ X، نقلا عن X).
const ATTRIBUTIONS: &[&[&str]] = &[&["بحسب"], &["حسب"], &["وفقا"], &["وفق"], &["طبقا"], &["نقلا", "عن"]];

/// Time words that may stand between the verb and إن/أن.
const TIME_WORDS: &[&str] = &[
    "يوم",
    "امس",
    "اليوم",
    "صباح",
    "مساء",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "اول",
    "ليله",
    "خلال",
    "ذلك",
    "كذلك",
    "ايضا",
    "في",
    "وقت",
    "سابق",
    "لاحق",
    "اخر",
];

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "«" | "»" | "'" | "‘" | "’" | "„")
}

fn is_open_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "«" | "'" | "‘" | "„")
}

/// One paragraph's tokens with what the entity layer says about them.
struct Para<'a> {
    toks: Vec<Token>,
    keys: Vec<String>,
    folds: Vec<String>,
    /// Entity index covering each token.
    ent: Vec<Option<usize>>,
    /// Title index covering each token.
    title: Vec<Option<usize>>,
    doc: &'a Document,
}

impl Para<'_> {
    fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", String::as_str)
    }

    fn is_cue_verb(&self, i: usize) -> bool {
        let k = self.key(i);
        self.toks[i].kind == TokenKind::Arabic
            && self.ent[i].is_none()
            && !k.is_empty()
            && Gazetteers::get().contains_keys(&self.keys[i..=i], Category::SpeechVerb)
            && !NOT_CUES.contains(&k)
            // A verb in a relative clause describes a noun, it does not
            // report (البيان الذي نشر بصفحتها ... إن: the statement is the
            // main verb's), unless a colon or a quotation mark follows it
            // (تشونغ الذي تابع: "...").
            && !(i > 0
                && RELATIVES.contains(&self.key(i - 1))
                && !self.toks.get(i + 1).is_some_and(|t| t.term == ":" || is_open_mark(&t.term)))
            // A cue keeps at most a conjunction in front (وقال، فأكد، وقالا),
            // not an article or a preposition (البيان، بالقول).
            && {
                let f = self.folds[i].as_str();
                let rest = f.strip_prefix('و').or_else(|| f.strip_prefix('ف')).unwrap_or(f);
                rest.starts_with(k) || f.starts_with(k)
            }
    }

    /// The end (exclusive) of the entity mention starting at token `i`.
    fn entity_end(&self, i: usize) -> usize {
        let e = self.ent[i];
        let mut j = i;
        while j < self.toks.len() && self.ent[j] == e {
            j += 1;
        }
        j
    }

    fn span(&self, a: usize, b: usize) -> Span {
        self.doc.span(self.toks[a].start, self.toks[b - 1].end)
    }

    /// Like [`Para::span`], without a conjunction glued to the first word
    /// (وقال → قال, وبحسب → بحسب).
    fn cue_span(&self, a: usize, b: usize) -> Span {
        let f = &self.folds[a];
        let k = &self.keys[a];
        let skip =
            usize::from((f.starts_with('و') || f.starts_with('ف')) && !k.starts_with('و') && !k.starts_with('ف'));
        let start = self.toks[a].start + skip.min(self.toks[a].end - self.toks[a].start - 1);
        self.doc.span(start, self.toks[b - 1].end)
    }
}

/// The speaker named at tokens `i..`: an entity (after an optional title),
/// its end, and whether the name is only a surname.
fn subject_at(p: &Para<'_>, i: usize) -> Option<(Speaker, usize, bool)> {
    let n = p.toks.len();
    let mut j = i;
    // A name in quotation marks (قال "المسند":).
    if j + 1 < n && is_open_mark(&p.toks[j].term) && p.ent[j + 1].is_some() {
        j += 1;
    }
    // A title before the name (رئيس أركان البيشمركة الفريق جمال ايمينكي).
    if j < n && p.title[j].is_some() {
        let t = p.title[j];
        while j < n && p.title[j] == t {
            j += 1;
        }
    }
    let e = *p.ent.get(j)?;
    let e = e?;
    let ent = &p.doc.entities[e];
    if !matches!(ent.kind.as_str(), "PER" | "ORG") {
        return None;
    }
    let mut end = p.entity_end(j);
    if end < n && is_quote_mark(&p.toks[end].term) && !is_open_mark(&p.toks[end].term)
        || (end < n && p.toks[end].term == "\"" && j > i)
    {
        end += 1;
    }
    let surname = ent.kind == "PER" && ent.span.text != ent.canonical && !ent.span.text.contains(' ');
    Some((Speaker { name: ent.canonical.clone(), mention: Some(ent.span.clone()), entity: Some(e) }, end, surname))
}

/// A subject that is not a known entity: the words between the verb and
/// إن/أن, a colon, a quotation mark or a told-to phrase (مصدر مطلع في
/// مستشفى الملك فهد بجدة، المسند، متحدث باسم شرطة العاصمة). An entity among
/// them is the speaker (وزير الخارجية عادل الجبير).
fn np_subject(p: &Para<'_>, i: usize) -> Option<(Speaker, usize, bool)> {
    let n = p.toks.len();
    if i >= n || PREPOSITIONS.contains(&p.key(i)) || TIME_WORDS.contains(&p.key(i)) || RELATIVES.contains(&p.key(i)) {
        return None;
    }
    // A name in quotation marks (قال "المسند": ...).
    if is_open_mark(&p.toks[i].term) {
        let close = (i + 1..n.min(i + 6)).find(|&x| is_quote_mark(&p.toks[x].term))?;
        if close > i + 1 && close + 1 < n && (p.toks[close + 1].term == ":" || p.folds[close + 1].starts_with("ان")) {
            let span = p.span(i + 1, close);
            return Some((Speaker { name: span.text.clone(), mention: Some(span), entity: None }, close + 1, true));
        }
        return None;
    }
    let mut j = i;
    while j < n && j - i < 14 {
        let t = &p.toks[j];
        let f = p.folds[j].as_str();
        if matches!(f, "ان" | "بان" | "انه" | "انها" | "انهم" | "بانه" | "بانها")
            || t.term == ":"
            || is_open_mark(&t.term)
        {
            break;
        }
        if p.key(j) == "عن" && j + 1 < n && p.folds[j + 1].starts_with("ان") {
            break;
        }
        if f.starts_with('ل')
            && !p.keys[j].starts_with('ل')
            && (p.ent[j].is_some() || j + 1 < n && is_quote_mark(&p.toks[j + 1].term))
        {
            break;
        }
        if j > i && is_open_mark(&t.term) {
            break;
        }
        // The medium is not the speaker: الوزارة | في بيان، | خلال مؤتمر.
        if j > i
            && (matches!(p.key(j), "الي" | "خلال" | "عبر" | "امام" | "لدي" | "علي")
                || (p.key(j) == "في"
                    && j + 1 < n
                    && matches!(
                        p.key(j + 1),
                        "بيان"
                            | "تصريح"
                            | "تصريحات"
                            | "حديث"
                            | "مؤتمر"
                            | "مقابله"
                            | "لقاء"
                            | "كلمه"
                            | "اتصال"
                            | "تغريده"
                            | "رساله"
                            | "تقرير"
                    )))
        {
            break;
        }
        if t.kind == TokenKind::Punct && t.term != "-" {
            if t.term == "،" || t.term == "," {
                break;
            }
            return None;
        }
        if p.is_cue_verb(j) && !(i..j).any(|x| RELATIVES.contains(&p.key(x))) {
            return None;
        }
        j += 1;
    }
    if j == i || j >= n || j - i >= 14 {
        return None;
    }
    // صحيفة «ذي ميل أون صنداي»: the quoted name is the speaker's name.
    let mut quoted = None;
    if is_open_mark(&p.toks[j].term) {
        if let Some(close) = (j + 1..n.min(j + 7)).find(|&x| is_quote_mark(&p.toks[x].term)) {
            if close > j + 1 {
                quoted = Some((j + 1, close));
                j = close + 1;
                if j >= n {
                    return None;
                }
            }
        }
    }
    // Only a subject when a statement follows.
    let follows = {
        let f = p.folds[j].as_str();
        matches!(f, "ان" | "بان" | "انه" | "انها" | "انهم" | "بانه" | "بانها")
            || p.toks[j].term == ":"
            || is_open_mark(&p.toks[j].term)
            || p.key(j) == "عن"
            || p.toks[j].term == "،"
            || p.toks[j].term == ","
            || f.starts_with('ل')
            || matches!(p.key(j), "في" | "الي" | "خلال" | "عبر" | "امام" | "لدي" | "علي")
            // كشفت صحيفة «ذي ميل أون صنداي» نقلا عن مصادر مطلعة أن ...
            || attribution_at(p, j).is_some()
    };
    if !follows {
        return None;
    }
    if let Some(e) = (i..j).find_map(|x| p.ent[x].filter(|&e| matches!(p.doc.entities[e].kind.as_str(), "PER" | "ORG")))
    {
        let ent = &p.doc.entities[e];
        let surname = ent.kind == "PER" && ent.span.text != ent.canonical && !ent.span.text.contains(' ');
        return Some((
            Speaker { name: ent.canonical.clone(), mention: Some(ent.span.clone()), entity: Some(e) },
            j,
            surname,
        ));
    }
    if let Some((a, b)) = quoted {
        let span = p.span(a, b);
        return Some((Speaker { name: span.text.clone(), mention: Some(span), entity: None }, j, false));
    }
    let span = p.span(i, j);
    Some((Speaker { name: span.text.clone(), mention: Some(span), entity: None }, j, false))
}

/// The article's protagonist for an honorific pronoun with no current
/// speaker: the first person named before token `i` (the lede's subject:
/// التقى وزير الخارجية عادل الجبير ... وقال معاليه).
fn first_person(p: &Para<'_>, i: usize) -> Option<Speaker> {
    let before = p.toks[i].start;
    let (e, ent) = p.doc.entities.iter().enumerate().find(|(_, e)| e.kind == "PER" && e.span.end <= before)?;
    Some(Speaker { name: ent.canonical.clone(), mention: None, entity: Some(e) })
}

/// Honorifics used as pronouns or before a title (معاليه، سموه، معالي).
const HONORIFICS: &[&str] = &[
    "معاليه",
    "سموه",
    "فضيلته",
    "سعادته",
    "دولته",
    "جلالته",
    "معالي",
    "سمو",
    "فضيله",
    "سعاده",
    "دوله",
    "جلاله",
    "سيادته",
    "سياده",
];

/// Nouns that refer back to the current speaker (قال المصدر، أوضحت الصحيفة).
const ANAPHORS: &[&str] = &[
    "مصدر",
    "مصادر",
    "متحدث",
    "وزير",
    "مسؤول",
    "صحيفه",
    "وكاله",
    "وزاره",
    "بيان",
    "تقرير",
    "مسوول",
    "ناطق",
    "مدير",
    "رئيس",
    "قائد",
    "امين",
    "محافظ",
    "سفير",
    "خبير",
];

/// The indefinite antecedent of the definite noun at token `i` (المسؤول):
/// its last mention without the article before the paragraph, with the
/// nisba adjective after it (مسؤول تركي), as a speaker without a mention.
fn antecedent(p: &Para<'_>, i: usize) -> Option<Speaker> {
    let word = p.toks[i].term.strip_prefix("ال")?;
    let byte = p.doc.text.char_indices().nth(p.toks[i].start).map(|(b, _)| b)?;
    let before: Vec<&str> = p.doc.text[..byte].split_whitespace().collect();
    let at = before.iter().rposition(|w| *w == word)?;
    let adj = before.get(at + 1).filter(|a| {
        let f = rasid_text::normalize::search_fold(a);
        f.chars().count() >= 4 && (f.ends_with('ي') || f.ends_with("يه")) && !f.starts_with("ال")
    });
    let name = adj.map_or_else(|| word.to_string(), |a| format!("{word} {a}"));
    Some(Speaker { name, mention: None, entity: None })
}

/// Words that never begin a subject.
const PREPOSITIONS: &[&str] = &[
    "في", "علي", "من", "الي", "عن", "عبر", "خلال", "مع", "بعد", "قبل", "حول", "لدي", "الا", "ان", "انه", "انها", "ما",
    "لا", "لم", "لن", "قد", "كما", "ثم", "او", "هو", "هي",
];

/// Skips a title after the speaker's name, told-to phrases and time words;
/// returns the told-to span and the next token.
fn after_subject(p: &Para<'_>, mut j: usize) -> (Option<Span>, usize) {
    let n = p.toks.len();
    let mut told_to = None;
    for _ in 0..12 {
        if j >= n {
            break;
        }
        if p.toks[j].term == "،" || p.toks[j].term == "," {
            j += 1;
            continue;
        }
        if let Some(t) = p.title[j] {
            while j < n && p.title[j] == Some(t) {
                j += 1;
            }
            continue;
        }
        // لكوردستان 24 / لـ"الرياض" / في تصريح لـ X
        if p.folds[j].starts_with('ل') && !p.keys[j].starts_with('ل') && p.ent[j].is_some() {
            let end = p.entity_end(j);
            let e = &p.doc.entities[p.ent[j].unwrap_or_default()];
            told_to = Some(e.span.clone());
            j = end;
            continue;
        }
        if matches!(p.key(j), "تصريح" | "تصريحات" | "حديث" | "مقابله" | "لقاء" | "اتصال" | "بيان")
        {
            j += 1;
            continue;
        }
        if (p.folds[j] == "ل" || p.folds[j] == "لـ") && j + 1 < n {
            // لـ"الاقتصادية": the outlet in quotation marks.
            if is_open_mark(&p.toks[j + 1].term) {
                if let Some(close) = (j + 2..n.min(j + 8)).find(|&x| is_quote_mark(&p.toks[x].term)) {
                    if close > j + 2 && told_to.is_none() {
                        told_to = Some(p.span(j + 2, close));
                        j = close + 1;
                        continue;
                    }
                }
            }
            j += 1;
            continue;
        }
        if is_quote_mark(&p.toks[j].term)
            && j > 0
            && p.folds[j - 1].ends_with('ل')
            // وقال "المسند": the verb ends in ل, the name is the speaker.
            && !p.is_cue_verb(j - 1)
            && j + 1 < n
            && p.ent[j + 1].is_some()
            && told_to.is_none()
        {
            // لـ"الرياض": the outlet in quotation marks.
            let end = p.entity_end(j + 1);
            if end < n && is_quote_mark(&p.toks[end].term) {
                told_to = Some(p.span(j + 1, end));
                j = end + 1;
                continue;
            }
        }
        if TIME_WORDS.contains(&p.key(j)) {
            j += 1;
            continue;
        }
        // The speaker's own source (نقلا عن مصادر مطلعة): an attribution
        // of its own, the same statement.
        if let Some((src_end, _)) = attribution_at(p, j) {
            j = src_end;
            continue;
        }
        break;
    }
    (told_to, j)
}

/// Where the content starts at token `j`, and whether it opens with a
/// quotation mark; None when nothing at `j` introduces a statement.
fn content_start(p: &Para<'_>, j: usize, masdar: bool) -> Option<(usize, bool)> {
    let n = p.toks.len();
    if j >= n {
        return None;
    }
    let t = &p.toks[j].term;
    if matches!(p.folds[j].as_str(), "ان" | "بان" | "انه" | "انها" | "انهم" | "بانه" | "بانها" | "انهما" | "اننا")
    {
        let start = if matches!(p.folds[j].as_str(), "ان" | "بان") { j + 1 } else { j };
        return (start < n).then_some((start, start < n && is_open_mark(&p.toks[start].term)));
    }
    if p.key(j) == "عن" && j + 1 < n && p.folds[j + 1].starts_with("ان") {
        return content_start(p, j + 1, false);
    }
    if t == ":" {
        return (j + 1 < n).then(|| (j + 1, is_open_mark(&p.toks[j + 1].term)));
    }
    if is_open_mark(t) {
        return Some((j, true));
    }
    if masdar && p.toks[j].kind == TokenKind::Arabic {
        // أكد على، أشار إلى، حذر من: the content follows the preposition.
        if matches!(p.folds[j].as_str(), "الي" | "علي" | "من" | "في") && j + 1 < n {
            return content_start(p, j + 1, true);
        }
        return Some((j, false));
    }
    None
}

/// The first إن/أن, colon or opening quotation mark within a few words after
/// `j`, in the same sentence and before any other cue.
fn introducer_after(p: &Para<'_>, j: usize) -> Option<(usize, bool)> {
    let n = p.toks.len();
    for x in j..n.min(j + 14) {
        let t = &p.toks[x].term;
        if matches!(t.as_str(), "." | "؟" | "!" | "؛") || p.is_cue_verb(x) {
            return None;
        }
        if x > j
            && (t == ":"
                || is_open_mark(t)
                || matches!(p.folds[x].as_str(), "ان" | "بان" | "انه" | "انها" | "انهم" | "بانه" | "بانها"))
        {
            return content_start(p, x, false);
        }
    }
    None
}

/// The end (exclusive) of a statement starting at `start`: the closing
/// quotation mark of a direct quote, else the next cue or the paragraph end.
fn content_end(p: &Para<'_>, start: usize, direct: bool, cues: &[usize]) -> usize {
    let n = p.toks.len();
    if direct {
        let mut j = start + 1;
        while j < n {
            if is_quote_mark(&p.toks[j].term) && !is_open_mark(&p.toks[j].term) || (p.toks[j].term == "\"" && j > start)
            {
                return j + 1;
            }
            j += 1;
        }
    }
    cues.iter().copied().find(|&c| c > start).unwrap_or(n)
}

/// A quotation-marked run of one or two words: a scare quote or a name.
fn short_quoted(p: &Para<'_>, start: usize, end: usize) -> bool {
    end - start <= 4 && is_open_mark(&p.toks[start].term)
}

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Sentences, Layer::Duplicates, Layer::Entities, Layer::Titles]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        let quotes = find_quotes(doc);
        doc.quotes = quotes;
    }
}

/// For each token (in text order), the index of the span (sorted by start,
/// not overlapping) that overlaps it, in one merge-like pass.
fn covering(toks: &[Token], spans: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut k = 0;
    toks.iter()
        .map(|t| {
            while k < spans.len() && spans[k].1 <= t.start {
                k += 1;
            }
            (k < spans.len() && spans[k].0 < t.end).then_some(k)
        })
        .collect()
}

/// Finds the quotes of a document whose entities and titles are filled.
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut current: Option<Speaker> = None;
    let ent_spans: Vec<(usize, usize)> = doc.entities.iter().map(|e| (e.span.start, e.span.end)).collect();
    let title_spans: Vec<(usize, usize)> = doc.titles.iter().map(|t| (t.span.start, t.span.end)).collect();
    // A paragraph that repeats an earlier one (a lede repeated under the
    // dateline) does not repeat its statements.
    let repeats: Vec<usize> = doc.duplicates.iter().map(|d| d.b).collect();
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        if repeats.contains(&pi) {
            continue;
        }
        let mut toks = tokenize(&para.span.text);
        for t in &mut toks {
            t.start += para.span.start;
            t.end += para.span.start;
        }
        let keys: Vec<String> = toks.iter().map(|t| key(&t.term)).collect();
        let folds: Vec<String> = toks.iter().map(|t| rasid_text::normalize::search_fold(&t.term)).collect();
        let ent = covering(&toks, &ent_spans);
        let title = covering(&toks, &title_spans);
        let p = Para { toks, keys, folds, ent, title, doc };
        paragraph_quotes(&p, &mut current, &mut out);
    }
    out
}

fn paragraph_quotes(p: &Para<'_>, current: &mut Option<Speaker>, out: &mut Vec<Quote>) {
    let n = p.toks.len();
    // Cue positions first, so that a statement ends where the next begins.
    let mut cues: Vec<usize> = Vec::new();
    for i in 0..n {
        let k = p.key(i);
        if p.is_cue_verb(i) || PARTICIPLES.contains(&k) || attribution_at(p, i).is_some() {
            cues.push(i);
        }
    }
    // End of the last direct quote: cues inside it are part of it.
    let mut inside_until = 0;
    for &i in &cues {
        if i < inside_until {
            continue;
        }
        if let Some((src_end, speaker)) = attribution_at(p, i) {
            attribution_quote(p, i, src_end, speaker, &cues, current, out);
            continue;
        }
        let k = p.key(i).to_string();
        let cue_span = if k == "مضي" && i + 1 < n && matches!(p.key(i + 1), "قول" | "قايلا" | "قائلا") {
            p.cue_span(i, i + 2)
        } else {
            p.cue_span(i, i + 1)
        };
        let after_cue = if cue_span.end > p.toks[i].end { i + 2 } else { i + 1 };
        let participle = PARTICIPLES.contains(&k.as_str());
        // A told-to phrase or time words may come before the subject
        // (قال لـ"الاقتصادية" مصدر مطلع إن ...).
        let (told_before, j0) = after_subject(p, after_cue);
        // وقالت في البيان ... إن / وقالت في حساب على تويتر إن: the subject
        // is a pronoun for the current speaker.
        let medium = p.key(after_cue) == "في" && after_cue + 1 < n && MEDIA.contains(&p.key(after_cue + 1));
        let named = if participle || medium { None } else { subject_at(p, j0).or_else(|| np_subject(p, j0)) };
        // An honorific pronoun (قال معاليه) or a title without a name (أكد
        // معالي وزير الخارجية) refers back to the current speaker.
        let refers_back = |sp: &Speaker, end: usize| {
            sp.entity.is_none()
                && (HONORIFICS.contains(&p.key(j0))
                    || (end > j0
                        && (j0..end).all(|x| {
                            Gazetteers::get().contains_keys(&p.keys[x..=x], Category::Title)
                                || HONORIFICS.contains(&p.key(x))
                                || p.toks[x].kind != TokenKind::Arabic
                        })))
        };
        let named = match named {
            Some((sp, end, _)) if refers_back(&sp, end) => {
                // The current speaker, or else the first person named before
                // (التقى وزير الخارجية عادل الجبير ... وقال معاليه).
                let back = current.clone().or_else(|| {
                    let first = first_person(p, i);
                    current.clone_from(&first);
                    first
                });
                match back {
                    Some(mut s) => {
                        s.mention = None;
                        Some((s, end, false))
                    }
                    None => Some((sp, end, false)),
                }
            }
            other => other,
        };
        // A definite generic noun alone (المصدر، الصحيفة), or with a
        // relative clause (المسؤول الذي لم يشأ كشف هويته), refers back: to
        // the current speaker, else to the same noun introduced earlier
        // without the article (اتهام مسؤول تركي ... وقال المسؤول).
        let named = match named {
            Some((sp, end, false))
                if sp.entity.is_none()
                    && (end == j0 + 1 || RELATIVES.contains(&p.key(j0 + 1)))
                    && p.folds[j0].starts_with("ال")
                    && ANAPHORS.contains(&p.key(j0)) =>
            {
                let back = current.clone().map(|mut s| {
                    s.mention = None;
                    s
                });
                match back.or_else(|| antecedent(p, j0)) {
                    Some(s) => Some((s, end, false)),
                    None => Some((sp, end, false)),
                }
            }
            other => other,
        };
        let (speaker, resolved_by, told_to, j) = match named {
            Some((s, end, surname)) => {
                let (told_after, j) = after_subject(p, end);
                (Some(s), surname.then(|| "surname".to_string()), told_before.or(told_after), j)
            }
            None => {
                if participle || CONTINUATIONS.contains(&k.as_str()) || k == "مضي" || medium {
                    let s = current.clone().map(|mut s| {
                        s.mention = None;
                        s
                    });
                    (s, Some("continuation".to_string()), told_before, j0)
                } else {
                    (None, None, told_before, j0)
                }
            }
        };
        let masdar = participle || speaker.is_some() && MASDAR_CUES.contains(&k.as_str());
        // After the subject, a relative clause or an apposition may stand
        // before إن/أن or the colon (قال تشونغ الذي كان نائب رئيس فيفا: "...";
        // أشار تشونغ، المرشح السابق لعمدة سيئول، إلى أنه ...).
        let found =
            content_start(p, j, false).or_else(|| introducer_after(p, j)).or_else(|| content_start(p, j, masdar));
        let Some((start, direct)) = found else { continue };
        if start >= n {
            continue;
        }
        let end = content_end(p, start, direct, &cues);
        if end <= start || short_quoted(p, start, end) {
            continue;
        }
        let (cs, ce) = if direct { (start + 1, end.saturating_sub(1).max(start + 1)) } else { (start, end) };
        let content = p.span(cs.min(n - 1), ce.max(cs + 1).min(n));
        let marks = p.toks[start..end].iter().filter(|t| is_quote_mark(&t.term)).count();
        let kind = if direct {
            "direct"
        } else if marks >= 2 {
            "mixed"
        } else {
            "indirect"
        };
        if speaker.as_ref().is_some_and(|s| s.mention.is_some()) {
            *current = speaker.clone();
        }
        if direct {
            inside_until = end;
        }
        out.push(Quote {
            cue: cue_span,
            content,
            kind: kind.to_string(),
            speaker,
            resolved_by,
            told_to,
            polarity: NEGATING.contains(&k.as_str()).then(|| "negated".to_string()),
        });
    }
}

/// An attribution phrase at token `i`: the end of its source and the source.
fn attribution_at(p: &Para<'_>, i: usize) -> Option<(usize, Speaker)> {
    let n = p.toks.len();
    let phrase = ATTRIBUTIONS.iter().find(|ph| {
        ph.iter().enumerate().all(|(d, w)| {
            i + d < n && {
                let f = p.folds[i + d].trim_start_matches(['و', 'ف']);
                f == *w || (d == 0 && f.trim_start_matches('ب') == *w)
            }
        })
    })?;
    let mut j = i + phrase.len();
    // لـ / ل glued (وفقا لوزارة) / ما قاله / ما ذكره / ما افاد به
    if j < n && matches!(p.folds[j].as_str(), "ل" | "لـ") {
        j += 1;
    }
    if j < n && p.key(j) == "ما" {
        j += 1;
        while j < n
            && (Gazetteers::get().contains_keys(&p.keys[j..=j], Category::SpeechVerb)
                || TIME_WORDS.contains(&p.key(j))
                || matches!(
                    p.key(j),
                    "به" | "قاله" | "ذكره" | "اوردته" | "اورده" | "افادت" | "افاد" | "اعلنته" | "نشرته"
                ))
        {
            j += 1;
        }
    }
    if j >= n {
        return None;
    }
    if let Some(e) = p.ent[j] {
        let ent = &p.doc.entities[e];
        let end = p.entity_end(j);
        return Some((end, Speaker { name: ent.canonical.clone(), mention: Some(ent.span.clone()), entity: Some(e) }));
    }
    // "His words" (حسب قوله، على حد تعبيره، جاء فيه) name no new source.
    if matches!(
        p.folds[j].as_str(),
        "قوله"
            | "قولها"
            | "قولهم"
            | "تعبيره"
            | "تعبيرها"
            | "تعبيرهم"
            | "وصفه"
            | "وصفها"
            | "فيه"
            | "فيها"
            | "رايه"
            | "رايها"
    ) {
        return None;
    }
    // An unnamed source: the words up to a comma (مصادر مطلعة، قادة البيشمركة).
    let mut end = j;
    while end < n
        && end - j < 4
        && p.toks[end].kind == TokenKind::Arabic
        && p.ent[end].is_none()
        && !matches!(p.folds[end].as_str(), "ل" | "لـ" | "ان" | "بان" | "انه" | "انها" | "انهم" | "بانه" | "بانها")
    {
        end += 1;
    }
    if end < n && p.ent[end].is_some() && end - j <= 2 {
        // قادة البيشمركة: a head noun before an entity.
        end = p.entity_end(end);
    }
    if end == j {
        return None;
    }
    let span = p.span(j, end);
    Some((end, Speaker { name: span.text.clone(), mention: Some(span), entity: None }))
}

fn attribution_quote(
    p: &Para<'_>,
    i: usize,
    src_end: usize,
    speaker: Speaker,
    cues: &[usize],
    current: &mut Option<Speaker>,
    out: &mut Vec<Quote>,
) {
    let n = p.toks.len();
    let cue = p.cue_span(i, i + if p.key(i) == "نقلا" { 2 } else { 1 });
    // Sentence bounds around the cue.
    let at = p.toks[i].start;
    let Some(sent) = p.doc.sentences.iter().find(|s| s.span.start <= at && at < s.span.end) else { return };
    let first = p.toks.iter().position(|t| t.start >= sent.span.start).unwrap_or(0);
    let last = p.toks.iter().rposition(|t| t.end <= sent.span.end).map_or(n, |x| x + 1);
    let clause_start = i > first
        && matches!(p.toks[i - 1].term.as_str(), "،" | ",")
        && p.folds[i].starts_with('و')
        && (src_end..last).filter(|&x| p.toks[x].kind != TokenKind::Punct).count() >= 4;
    let (start, end, resolved_by) = if i <= first + 1 || clause_start {
        // بحسب X، (فإن) ...: the content follows the source (also after a
        // comma: ...، وبحسب مصادر لـ"الاقتصادية" تم عزلهم ...).
        let mut s = src_end;
        if s + 1 < last && matches!(p.folds[s].as_str(), "ل" | "لـ") {
            s += 1;
            if is_quote_mark(&p.toks[s].term) {
                if let Some(close) = (s + 1..last.min(s + 8)).find(|&x| is_quote_mark(&p.toks[x].term)) {
                    s = close + 1;
                }
            }
        }
        while s < last
            && (matches!(p.toks[s].term.as_str(), "،" | "," | ":")
                || matches!(p.folds[s].as_str(), "فان" | "ان" | "فانه" | "فانها"))
        {
            s += 1;
        }
        (s, cues.iter().copied().find(|&c| c > s).unwrap_or(n).min(last.max(s + 1)), None)
    } else if let Some(prev) = out.last().filter(|q| q.cue.start >= sent.span.start && q.cue.start < at).cloned() {
        // وقالت وكالة ... نقلا عن مصدر أمني إن ...: a chain; the same
        // statement, from the original source.
        out.push(Quote {
            cue,
            content: prev.content.clone(),
            kind: prev.kind.clone(),
            speaker: Some(speaker),
            resolved_by: None,
            told_to: None,
            polarity: None,
        });
        return;
    } else {
        let comma = |x: usize| matches!(p.toks[x].term.as_str(), "،" | ",");
        let last_comma = (first..i).rev().find(|&x| comma(x));
        let words_after = (src_end..last).filter(|&x| p.toks[x].kind != TokenKind::Punct).count();
        match last_comma {
            // والضالع التي باتت بحسب مصادر عسكرية بدورها تحت سيطرة ...: the
            // source stands inside the clause, which goes on after it.
            Some(c) if i - c - 1 <= 4 && i > c + 1 && words_after >= 3 => {
                let mut e = last;
                while e > c + 1 && p.toks[e - 1].kind == TokenKind::Punct {
                    e -= 1;
                }
                (c + 1, e, Some("after".to_string()))
            }
            _ => {
                // ... بحسب ما قاله X: the content comes first, after a
                // framing phrase (وفي صنعاء التي شهدت هدوءا أمس، قام ...).
                let mut e = i;
                while e > first && matches!(p.toks[e - 1].term.as_str(), "،" | "," | "-") {
                    e -= 1;
                }
                let framed =
                    matches!(p.folds[first].as_str(), "في" | "وفي" | "فيما" | "وفيما" | "من" | "ومن" | "علي" | "وعلي");
                let start = match (framed, (first..e).find(|&x| comma(x))) {
                    (true, Some(c)) if c - first <= 10 && e > c + 3 => c + 1,
                    _ => first,
                };
                (start, e, Some("after".to_string()))
            }
        }
    };
    if end <= start || end - start < 3 {
        return;
    }
    let content = p.span(start, end.min(n));
    if speaker.entity.is_some() {
        *current = Some(speaker.clone());
    }
    out.push(Quote {
        cue,
        content,
        kind: "indirect".to_string(),
        speaker: Some(speaker),
        resolved_by,
        told_to: None,
        polarity: None,
    });
}
