//! Finding events in a document: triggers from the lexicon, then for each
//! its polarity, tense, participants, place, time, fatalities and source.
//!
//! Participants come from the entity layer: the subject after a verb
//! trigger (VSO) or the nearest named actor before it in its clause (SVO,
//! or the subject of a light verb: أطلقت البيشمركة ... حملة), partners
//! introduced by مع، بمشاركة، بالتنسيق مع، شارك فيها، بين X و Y, and a target
//! introduced by على، ضد، فلول، عناصر or named as an armed group. Later
//! definite mentions of the same event (الحملة after حملة) are merged into
//! it and may complete it (target, partners, time).

use rasid_core::dates::{parse_day, Day};
use rasid_core::document::{Document, Event, EventArg, EventPlace, EventSource, EventTime, Span};

use crate::gazetteer::{distance_km, Gazetteer};
use crate::lexicon::{Lexicon, Trigger};
use crate::modality;
use crate::time::{self, TimeExpr};

/// Armed groups that are a target rather than a partner when named after
/// an operation (folded).
const ARMED_GROUPS: &[&str] = &[
    "داعش",
    "الدوله الاسلاميه",
    "القاعده",
    "الحوثي",
    "الحوثيين",
    "انصار الله",
    "طالبان",
    "النصره",
    "حزب الله",
    "الشباب",
    "بوكو حرام",
    "حماس",
    "الجهاد",
    "تنظيم",
    "ميليشيا",
    "ميليشيات",
    "مليشيات",
    "المتمردين",
    "المسلحين",
    "الارهابيين",
];

/// Words after which a named group is the target of an attack or operation.
const TARGET_CUES: &[&str] = &[
    "علي",
    "ضد",
    "فلول",
    "عناصر",
    "مسلحي",
    "مقاتلي",
    "معاقل",
    "مواقع",
    "اهداف",
    "لسحق",
    "لتطهير",
    "استهدف",
    "استهدفت",
    "تستهدف",
    "يستهدف",
    "مواجهه",
    "لمحاربه",
    "محاربه",
    "بمحاربه",
    "قتال",
];

/// Words after which a named actor is a partner.
const PARTNER_CUES: &[&str] = &["مع", "بمشاركه", "فيها", "فيه", "بين", "بالتعاون", "بالتنسيق", "جانب"];

/// Unnamed actors the entity layer does not tag (folded, with the article):
/// the subject of a violent or protest event is often one of these.
const GENERIC_ACTORS: &[&str] = &[
    "مسلحون",
    "مسلحين",
    "مسلح",
    "مجهولون",
    "مجهولين",
    "انتحاري",
    "انتحاريه",
    "متظاهرون",
    "متظاهرين",
    "المتظاهرون",
    "المتظاهرين",
    "محتجون",
    "محتجين",
    "المحتجون",
    "المحتجين",
    "الشرطه",
    "الجيش",
    "القوات",
    "قوات",
    "الطيران",
    "طائرات",
    "الطائرات",
    "المسلحون",
    "المسلحين",
    "المتمردون",
    "المتمردين",
    "متمردون",
    "الارهابيون",
    "الارهابيين",
    "عناصر",
    "مقاتلون",
    "مقاتلين",
    "المقاتلون",
    "الطلاب",
    "طلاب",
    "العمال",
    "عمال",
    "الاهالي",
    "اهالي",
    "السكان",
    "المعارضه",
    "انصار",
    "انصاره",
    "جنود",
    "الجنود",
    "ميليشيات",
    "مليشيات",
    "الميليشيات",
    "المليشيات",
];

/// Words that introduce a place.
const PLACE_CUES: &[&str] = &[
    "في",
    "ب",
    "قرب",
    "بالقرب",
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "وسط",
    "منطقه",
    "مدينه",
    "جبل",
    "جبال",
    "قضاء",
    "محافظه",
    "بلده",
    "قريه",
    "حي",
    "ناحيه",
    "مخيم",
    "الي",
    "من",
    "داخل",
    "عند",
    "اطراف",
    "ضواحي",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
];

/// Words that count victims after a number (folded).
const PERSON_NOUNS: &[&str] = &[
    "شخص",
    "اشخاص",
    "شخصا",
    "قتيل",
    "قتيلا",
    "قتلي",
    "مدنيا",
    "مدنيين",
    "جندي",
    "جنديا",
    "جنود",
    "عنصرا",
    "عناصر",
    "مسلحا",
    "مسلحين",
    "شرطيا",
    "شرطيين",
    "مقاتلا",
    "مقاتلين",
    "طفلا",
    "اطفال",
    "امراه",
    "نساء",
    "مواطنا",
    "مواطنين",
    "متظاهرا",
    "متظاهرين",
    "فلسطينيا",
    "فلسطينيين",
    "عراقيا",
    "عراقيين",
    "سوريا",
    "سوريين",
    "رجلا",
    "رجال",
    "ضحيه",
    "ضحايا",
];

/// Words that say people died.
const KILL_WORDS: &[&str] =
    &["قتل", "مقتل", "مصرع", "قتيل", "قتلي", "حتفه", "حتفهم", "قتيلا", "قتلوا", "لقي", "لقوا", "اودي", "اسفر"];

fn bare(w: &str) -> &str {
    crate::without_conjunction(w, 3)
}

fn is_boundary(w: &str) -> bool {
    matches!(w, "،" | "," | "." | "؛" | ";" | ":" | "؟" | "?" | "!" | "«" | "»" | "\"" | "“" | "”")
}

/// One sentence's words and the entity mentions in it.
struct Sent<'a> {
    /// Index of the sentence in `doc.sentences`.
    index: usize,
    /// Token indices into `doc.tokens`.
    toks: Vec<usize>,
    /// Folded forms.
    words: Vec<&'a str>,
    /// Entity mentions: (first word, one past the last word, index in `doc.entities`).
    ents: Vec<(usize, usize, usize)>,
    /// Time expressions.
    times: Vec<TimeExpr>,
    /// Paragraph of the sentence.
    paragraph: usize,
    /// Gazetteer names of two to four words outside entity mentions:
    /// (first word, one past the last, place), found on first use.
    multiword: std::cell::OnceCell<Vec<(usize, usize, u32)>>,
}

impl Sent<'_> {
    /// The entity starting at word `w`, if any.
    fn entity_at(&self, w: usize) -> Option<(usize, usize, usize)> {
        self.ents.iter().copied().find(|e| e.0 == w)
    }
}

/// Places resolved for the article: per LOC entity, the gazetteer place.
struct Places {
    of_entity: Vec<Option<u32>>,
    countries: Vec<String>,
}

fn resolve_places(doc: &Document, g: &Gazetteer) -> Places {
    let mut votes: Vec<(String, usize)> = Vec::new();
    let mut vote = |c: &str, n: usize| match votes.iter_mut().find(|(k, _)| k == c) {
        Some(v) => v.1 += n,
        None => votes.push((c.to_string(), n)),
    };
    let cands: Vec<Vec<u32>> =
        doc.entities.iter().map(|e| if e.kind == "LOC" { g.lookup(&e.span.text) } else { Vec::new() }).collect();
    if let Some(p) = doc.dateline.as_ref().and_then(|d| d.place.as_ref()) {
        let c = g.lookup(&p.text);
        if let Some(i) = g.choose(&c, &[]) {
            vote(&g.place(i).country, 2);
        }
    }
    for c in &cands {
        let mut cs: Vec<&str> = c.iter().map(|&i| g.place(i).country.as_str()).collect();
        cs.dedup();
        if cs.len() == 1 {
            vote(cs[0], 1);
        } else if let Some(&i) = c.iter().find(|&&i| g.place(i).is_country()) {
            vote(&g.place(i).country, 1);
        }
    }
    votes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let countries: Vec<String> = votes.into_iter().map(|(c, _)| c).collect();
    let refs: Vec<&str> = countries.iter().map(String::as_str).collect();
    let of_entity = cands.iter().map(|c| g.choose(c, &refs)).collect();
    Places { of_entity, countries }
}

fn sentences(doc: &Document) -> Vec<Sent<'_>> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut k = 0;
    let mut e = 0;
    for (si, s) in doc.sentences.iter().enumerate() {
        while k < doc.tokens.len() && doc.tokens[k].end <= s.span.start {
            k += 1;
        }
        let mut toks = Vec::new();
        let mut j = k;
        while j < doc.tokens.len() && doc.tokens[j].start < s.span.end {
            toks.push(j);
            j += 1;
        }
        let words: Vec<&str> = toks.iter().map(|&t| &*doc.tokens[t].norm).collect();
        while e < doc.entities.len() && doc.entities[e].span.end <= s.span.start {
            e += 1;
        }
        let mut ents = Vec::new();
        let mut x = e;
        while x < doc.entities.len() && doc.entities[x].span.start < s.span.end {
            let en = &doc.entities[x];
            let a = toks.iter().position(|&t| doc.tokens[t].end > en.span.start);
            let b = toks.iter().rposition(|&t| doc.tokens[t].start < en.span.end);
            if let (Some(a), Some(b)) = (a, b) {
                ents.push((a, b + 1, x));
            }
            x += 1;
        }
        let times = time::find(&words);
        out.push(Sent { index: si, toks, words, ents, times, paragraph: s.paragraph, multiword: Default::default() });
    }
    out
}

/// A trigger found in a sentence.
struct Found<'l> {
    at: usize,
    len: usize,
    trigger: &'l Trigger,
    future: bool,
    /// The first word matched through the article or a preposition.
    definite: bool,
}

fn triggers<'l>(lex: &'l Lexicon, s: &Sent<'_>) -> Vec<Found<'l>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.words.len() {
        if s.ents.iter().any(|e| e.0 <= i && i < e.1) {
            i += 1;
            continue;
        }
        let mut hit = lex.at(&s.words, i).map(|(t, n)| (t, n, false));
        if hit.is_none() {
            // سيقتل, ستشن: the future prefix.
            let w = bare(s.words[i]);
            if let Some(r) = w.strip_prefix('س').filter(|r| r.starts_with(['ي', 'ت', 'ن']) && r.chars().count() >= 3)
            {
                let mut ws = s.words.clone();
                ws[i] = r;
                hit = lex.at(&ws, i).filter(|(t, _)| t.pos == "v").map(|(t, n)| (t, n, true));
            }
        }
        if let Some((t, n, future)) = hit {
            let w = bare(s.words[i]);
            let definite =
                t.pos != "v" && w != t.words[0] && (w.starts_with("ال") || w.starts_with("بال") || w.starts_with("لل"));
            out.push(Found { at: i, len: n, trigger: t, future, definite });
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

fn arg(doc: &Document, ent: usize) -> EventArg {
    let e = &doc.entities[ent];
    EventArg { span: e.span.clone(), name: e.canonical.clone(), entity: Some(ent) }
}

/// An unnamed actor at word `k`, with the word after it when it is a
/// qualifier (مسلحون مجهولون, قوات الامن).
fn generic_arg(doc: &Document, s: &Sent<'_>, k: usize) -> EventArg {
    let mut end = k + 1;
    if let Some(next) = s.words.get(k + 1) {
        if next.starts_with("ال") || among(GENERIC_ACTORS, next) {
            end = k + 2;
        }
    }
    let span = span_of(doc, s, k, end);
    EventArg { name: span.text.clone(), span, entity: None }
}

fn is_armed_group(doc: &Document, ent: usize) -> bool {
    let f = rasid_text::normalize::search_fold(&doc.entities[ent].canonical);
    ARMED_GROUPS
        .iter()
        .any(|g| f.split(' ').any(|w| w == *g || w.strip_prefix("ال") == Some(g)) || f.contains(g) && g.contains(' '))
}

/// Whether `w` (folded) or `w` without a glued و/ف is in `list`.
fn among(list: &[&str], w: &str) -> bool {
    list.contains(&w) || list.contains(&bare(w))
}

/// The folded letters glued before an entity inside its first token (the
/// و of ووزارة, the ل of لكوردستان).
fn glued(doc: &Document, s: &Sent<'_>, e: (usize, usize, usize)) -> String {
    let tok = &doc.tokens[s.toks[e.0]];
    rasid_text::normalize::search_fold(doc.slice(tok.start, doc.entities[e.2].span.start))
}

/// Whether the event kind has a target (violence, operations, arrests).
fn has_target(t: &Trigger) -> bool {
    matches!(t.plover.as_deref(), Some("ASSAULT" | "FIGHT" | "ARREST" | "COERCE"))
        || matches!(
            t.kind.as_str(),
            "Battles" | "Explosions/Remote violence" | "Violence against civilians" | "Security operation"
        )
        || t.subtype.as_deref() == Some("Arrests")
}

/// Actors and target of a trigger at words `t..t+n` of the sentence.
/// With `backward` false (a later mention of a known event), only partners
/// and the target after the mention are taken.
/// Also returns the word of an unnamed subject (مسلحون) when no named actor
/// is found.
fn participants(
    doc: &Document,
    s: &Sent<'_>,
    f: &Found<'_>,
    backward: bool,
) -> (Vec<usize>, Option<usize>, Option<usize>) {
    let (t, n) = (f.at, f.len);
    let mut actors: Vec<usize> = Vec::new();
    let mut target = None;
    let usable = |ent: usize| doc.entities[ent].kind != "MISC";
    let targeted = has_target(f.trigger);
    // Subject right after a verb (skipping a time expression), or starting
    // inside a verb phrase (قاتلت قوات البيشمركة).
    // قتل ثلاثة جنود, قتل أحد منتسبي الوزارة: a passive (or a count of
    // victims) after the verb, not its subject.
    let next = s.words.get(t + n).map_or("", |w| bare(w));
    // Casualty verbs (أصيب, لقي مصرعه, جرح) name victims, never the actor.
    let casualty =
        matches!(bare(s.words[t]), "اصيب" | "اصيبت" | "اصيبوا" | "اصيبا" | "جرح" | "جرحت" | "لقي" | "لقيت" | "لقوا");
    let passive = casualty
        || (f.trigger.pos == "v"
            && (time::number(next).is_some()
                || among(PERSON_NOUNS, next)
                || matches!(next, "احد" | "اكثر" | "نحو" | "عشرات" | "مئات")));
    if backward && !passive && (f.trigger.pos == "v" || f.trigger.pos == "ph") {
        let mut j = t + n;
        if let Some(te) = s.times.iter().find(|te| te.start == j) {
            j = te.end;
        }
        // A phrase only when the name starts inside it: قاتلت قوات البيشمركة.
        let last = if f.trigger.pos == "v" { j } else { t + n - 1 };
        if let Some(e) = s
            .ents
            .iter()
            .copied()
            .find(|e| e.0 > t && e.0 <= last)
            .filter(|e| usable(e.2) && doc.entities[e.2].kind != "LOC")
        {
            actors.push(e.2);
        }
    }
    // Otherwise the nearest named actor before it in its clause (after
    // إن/أن), with the one coordinated before it (أربيل وبغداد).
    if actors.is_empty() && backward && !casualty {
        let mut k = t;
        while k > 0 && t - k < 10 {
            k -= 1;
            let w = s.words[k];
            if is_boundary(w) || among(&["ان", "لان", "بان"], w) {
                break;
            }
            if let Some(e) = s.ents.iter().copied().find(|e| e.1 == k + 1) {
                let prep = e.0 > 0 && among(&["في", "من", "الي", "علي", "عن"], s.words[e.0 - 1]);
                let g = glued(doc, s, e);
                let own_prep = !g.is_empty() && g != "و" && g != "ف";
                let between_ok =
                    s.words[e.1..t].iter().all(|w| among(&["لم", "لن", "لا", "قد", "ما", "بعد", "ايضا"], w)) || e.1 == t;
                if usable(e.2) && !prep && !own_prep && (doc.entities[e.2].kind != "LOC" || e.0 == 0 || between_ok) {
                    actors.push(e.2);
                    // A coordinated actor before it: X وY.
                    let coordinated = g == "و" || (e.0 > 0 && s.words[e.0 - 1] == "و");
                    if coordinated {
                        if let Some(p) =
                            s.ents.iter().copied().find(|p| p.1 == e.0 || (p.1 + 1 == e.0 && s.words[p.1] == "و"))
                        {
                            if usable(p.2) {
                                actors.insert(0, p.2);
                            }
                        }
                    }
                    break;
                }
                k = e.0;
            }
        }
    }
    // An unnamed subject: وأطلق مسلحون, تظاهر آلاف الطلاب.
    let mut generic = None;
    if actors.is_empty() && backward && f.trigger.pos != "n" {
        let from = t + n;
        generic = (from..s.words.len().min(from + 4))
            .take_while(|&k| !is_boundary(s.words[k]) && s.entity_at(k).is_none())
            .find(|&k| among(GENERIC_ACTORS, s.words[k]));
    }
    // Partners and target after the trigger (a denial has neither: نفت
    // الوزارة ابرام أي اتفاق مع تركيا names the partner of what is denied).
    let end = if f.trigger.kind == "Denial" { t + n } else { s.words.len().min(t + n + 16) };
    let mut j = t + n;
    while j < end {
        if s.words[j] == "." || s.words[j] == "؛" {
            break;
        }
        let Some(e) = s.entity_at(j) else {
            j += 1;
            continue;
        };
        let ent = e.2;
        let before = if e.0 > 0 { s.words[e.0 - 1] } else { "" };
        let g = glued(doc, s, e);
        let coordinated = (g == "و" || before == "و") && !actors.is_empty();
        let loc = doc.entities[ent].kind == "LOC";
        if actors.contains(&ent) || doc.entities.get(ent).is_none() {
        } else if targeted && target.is_none() && !loc && (is_armed_group(doc, ent) || among(TARGET_CUES, before)) {
            target = Some(ent);
        } else if usable(ent) && !loc && (among(PARTNER_CUES, before) || g == "مع" || coordinated) {
            if !actors.iter().any(|&a| doc.entities[a].canonical == doc.entities[ent].canonical) {
                actors.push(ent);
            }
        } else if loc
            && (among(&["مع", "بين"], before) || (coordinated && actors.iter().any(|&a| doc.entities[a].kind == "LOC")))
        {
            // Places as governments: مع بغداد, بين أربيل وبغداد.
            actors.push(ent);
        }
        j = e.1;
    }
    (actors, target, generic)
}

/// The place of a trigger: a LOC mention of the sentence found in the
/// gazetteer (after a place word when there are several), else a
/// gazetteer name after a place word.
fn location(
    doc: &Document,
    s: &Sent<'_>,
    f: &Found<'_>,
    places: &Places,
    taken: &[usize],
) -> Option<(usize, usize, u32)> {
    let g = Gazetteer::get();
    let mut best: Option<(i64, usize, usize, u32)> = None;
    // A place outside the article's main country loses to one inside it
    // (الحسينية of Egypt in a report on Baghdad).
    let foreign = |p: u32| match places.countries.first() {
        Some(c) if !g.place(p).is_country() && &g.place(p).country != c => 40,
        _ => 0,
    };
    for &(a, b, ent) in &s.ents {
        if doc.entities[ent].kind != "LOC" || taken.contains(&ent) {
            continue;
        }
        let Some(p) = places.of_entity[ent] else { continue };
        let before = if a > 0 { s.words[a - 1] } else { "" };
        let glued = doc.tokens[s.toks[a]].start < doc.entities[ent].span.start;
        let cue = among(PLACE_CUES, before) || glued;
        let dist = (a as i64 - f.at as i64).abs();
        let score = i64::from(cue) * 50 - i64::from(g.place(p).geo_precision()) * 10 - 2 * dist
            + if a > f.at { 5 } else { 0 }
            - foreign(p);
        if best.is_none_or(|x| score > x.0) {
            best = Some((score, a, b, p));
        }
    }
    // Names of two or more words the entity layer missed (المناطق المتنازع عليها).
    let refs: Vec<&str> = places.countries.iter().map(String::as_str).collect();
    let multiword = s.multiword.get_or_init(|| {
        let mut out = Vec::new();
        let mut k = 0;
        while k < s.words.len() {
            if s.ents.iter().any(|e| e.0 <= k && k < e.1) || is_boundary(s.words[k]) {
                k += 1;
                continue;
            }
            let mut hit = None;
            for len in (2..=4.min(g.max_words())).rev() {
                if k + len > s.words.len() || s.words[k..k + len].iter().any(|w| is_boundary(w)) {
                    continue;
                }
                if let Some(p) = g.choose(&g.lookup(&s.words[k..k + len].join(" ")), &refs) {
                    hit = Some((len, p));
                    break;
                }
            }
            if let Some((len, p)) = hit {
                out.push((k, k + len, p));
                k += len;
            } else {
                k += 1;
            }
        }
        out
    });
    for &(k, end, p) in multiword {
        let before = if k > 0 { s.words[k - 1] } else { "" };
        let dist = (k as i64 - f.at as i64).abs();
        let score = i64::from(among(PLACE_CUES, before)) * 50 - i64::from(g.place(p).geo_precision()) * 10 - 2 * dist
            + if k > f.at { 5 } else { 0 }
            - foreign(p);
        if best.is_none_or(|x| score > x.0) {
            best = Some((score, k, end, p));
        }
    }
    if let Some((_, a, b, p)) = best {
        return Some((a, b, p));
    }
    // One-word names the entity layer missed, after a place word.
    for k in 0..s.words.len() {
        if !matches!(
            bare(s.words[k]),
            "جبل" | "جبال" | "منطقه" | "مدينه" | "بلده" | "قريه" | "قضاء" | "محافظه" | "ناحيه"
        ) {
            continue;
        }
        if let Some(p) = s.words.get(k + 1).and_then(|name| g.choose(&g.lookup(name), &refs)) {
            return Some((k + 1, k + 2, p));
        }
    }
    None
}

fn fatalities(s: &Sent<'_>) -> Option<u32> {
    if !s.words.iter().any(|w| {
        KILL_WORDS.contains(&bare(w)) || KILL_WORDS.iter().any(|k| bare(w).starts_with(k) && k.chars().count() >= 4)
    }) {
        return None;
    }
    for (k, w) in s.words.iter().enumerate() {
        let Some(n) = time::number(bare(w)) else { continue };
        if n == 0 || n > 100_000 {
            continue;
        }
        let next = s.words.get(k + 1).map(|w| bare(w)).unwrap_or("");
        let prev = if k > 0 { bare(s.words[k - 1]) } else { "" };
        if PERSON_NOUNS.contains(&next) || matches!(prev, "مقتل" | "قتل" | "مصرع") {
            // Not a date or an age: 2015, (25 عاما).
            if !(1900..=2100).contains(&n) {
                return Some(n);
            }
        }
    }
    None
}

fn span_of(doc: &Document, s: &Sent<'_>, a: usize, b: usize) -> Span {
    doc.span(doc.tokens[s.toks[a]].start, doc.tokens[s.toks[b - 1]].end)
}

/// The head noun that refers back to an event (الحملة for حملة لتطهير), folded.
fn head_of(f: &Found<'_>) -> Option<String> {
    if f.trigger.pos == "v" {
        return None;
    }
    let w = f.trigger.words[0].as_str();
    let w = w.strip_prefix("ال").unwrap_or(w);
    (w.chars().count() >= 3).then(|| format!("ال{w}"))
}

/// Paragraphs that repeat an earlier one (a lede repeated under the
/// dateline): index → the earlier paragraph.
fn repeated_paragraphs(doc: &Document) -> Vec<Option<usize>> {
    let mut out = vec![None; doc.paragraphs.len()];
    for d in &doc.duplicates {
        let (a, b) = (d.a.min(d.b), d.a.max(d.b));
        if b < out.len() && out[b].is_none() {
            out[b] = Some(a);
        }
    }
    out
}

/// Finds the events of a document that has sentences, tokens, entities
/// and quotes.
pub fn find_events(doc: &Document) -> Vec<Event> {
    let lex = Lexicon::get();
    let g = Gazetteer::get();
    let anchor: Option<Day> = doc.meta.published.as_deref().and_then(parse_day);
    let places = resolve_places(doc, g);
    let sents = sentences(doc);
    let repeats = repeated_paragraphs(doc);
    // The paragraph under the dateline (the first of the body).
    let first_body = doc.dateline.as_ref().map_or(1, |d| d.paragraph);
    let outlet = doc
        .meta
        .outlet
        .clone()
        .or_else(|| doc.dateline.as_ref().and_then(|d| d.outlet.as_ref()).map(|s| s.text.clone()));
    let mut events: Vec<Event> = Vec::new();
    // Per event: the head noun that refers back to it.
    let mut heads: Vec<Option<String>> = Vec::new();
    for s in &sents {
        let first_in_sentence = events.len();
        for f in triggers(lex, s) {
            let start = doc.tokens[s.toks[f.at]].start;
            let trigger = span_of(doc, s, f.at, f.at + f.len);
            let prev = if f.at > 0 { s.words[f.at - 1] } else { "" };
            // A state, not an event: تحت سيطرة; a description: التي تسيطر,
            // تسيطر عليها القوات.
            let imperfect = f.trigger.pos == "v" && modality::is_imperfect(s.words[f.at]);
            let territory = f.trigger.plover.as_deref().is_some_and(|p| p == "SEIZE" || p == "RETREAT")
                || f.trigger.subtype.as_deref().is_some_and(|x| x.contains("territory"));
            if among(&["تحت"], prev)
                || (imperfect && (territory || among(&["التي", "الذي", "الذين", "اللذين", "اللتين"], prev)))
            {
                continue;
            }
            // A verb whose subject names an event already found (الحملة شنت)
            // tells more of it.
            if f.trigger.pos == "v" {
                let p = bare(prev);
                if let Some(ei) = (0..events.len()).rev().find(|&ei| heads[ei].as_deref() == Some(p)) {
                    events[ei].mentions.push(trigger);
                    continue;
                }
            }
            // A definite noun naming an event already found refers back to it
            // (الحملة), and so does the bare noun in construct with a place
            // (حملة مخمور).
            if f.trigger.pos != "v" {
                let w = bare(s.words[f.at]);
                let construct = s.entity_at(f.at + 1).is_some_and(|e| doc.entities[e.2].kind == "LOC")
                    || s.words.get(f.at + 1).is_some_and(|n| !g.lookup(n).is_empty());
                if let Some(ei) = (0..events.len()).rev().find(|&ei| {
                    heads[ei].as_deref().is_some_and(|h| {
                        (f.definite && w.ends_with(h)) || (construct && h.strip_prefix("ال") == Some(w))
                    }) && events[ei].polarity == "asserted"
                }) {
                    let (actors, target, _) = participants(doc, s, &f, false);
                    complete(doc, &mut events[ei], s, &actors, target, anchor);
                    events[ei].mentions.push(trigger);
                    continue;
                }
            }
            let polarity = modality::polarity(&s.words, f.at, f.future);
            // Two triggers of one event in a sentence (ابرام أي اتفاق امني;
            // قاتلت ... في إطار معركة الموصل), or the headline, lede and first
            // paragraph telling the same event: the later words complete it.
            let same = |e: &Event| e.kind == f.trigger.kind && e.subtype == f.trigger.subtype && e.polarity == polarity;
            let earlier = match events[first_in_sentence..].iter().rposition(same) {
                Some(k) => Some(first_in_sentence + k),
                None if s.paragraph <= first_body => {
                    events.iter().position(|e| sents[e.sentence].paragraph < s.paragraph && same(e))
                }
                None => None,
            };
            if let Some(ei) = earlier {
                let (actors, target, _) = participants(doc, s, &f, true);
                let e = &mut events[ei];
                complete(doc, e, s, &actors, target, anchor);
                if e.location.is_none() {
                    let taken: Vec<usize> = actors.iter().copied().chain(target).collect();
                    e.location = location(doc, s, &f, &places, &taken).map(|(a, b, p)| place(doc, s, &places, a, b, p));
                }
                e.mentions.push(trigger);
                continue;
            }
            // A repeated paragraph repeats its events.
            if let Some(orig) = repeats.get(s.paragraph).copied().flatten() {
                if let Some(e) = events.iter_mut().find(|e| {
                    sents[e.sentence].paragraph == orig
                        && e.kind == f.trigger.kind
                        && e.subtype == f.trigger.subtype
                        && e.polarity == polarity
                }) {
                    e.mentions.push(trigger);
                    continue;
                }
            }
            let (actors, target, generic) = participants(doc, s, &f, true);
            let taken: Vec<usize> = actors.iter().copied().chain(target).collect();
            let loc = location(doc, s, &f, &places, &taken).map(|(a, b, p)| place(doc, s, &places, a, b, p));
            let te = s.times.iter().min_by_key(|te| (te.start as i64 - f.at as i64).abs());
            let past = te.is_some_and(|te| te.is_past(anchor));
            let tense = if past || modality::background(&s.words, f.at) { "background" } else { "current" };
            let quote = doc.quotes.iter().position(|q| q.content.start <= start && start < q.content.end);
            let source = match quote {
                Some(qi) => EventSource {
                    kind: "quote".into(),
                    name: doc.quotes[qi].speaker.as_ref().map(|sp| sp.name.clone()),
                    quote: Some(qi),
                },
                None => EventSource { kind: "outlet".into(), name: outlet.clone(), quote: None },
            };
            // A statement the speaker's own cue denies (نفى أن ...).
            let polarity = if quote.is_some_and(|qi| doc.quotes[qi].polarity.as_deref() == Some("negated"))
                && polarity == "asserted"
            {
                "negated"
            } else if polarity == "asserted"
                && te
                    .and_then(|te| te.resolve(anchor))
                    .zip(anchor)
                    .is_some_and(|(d, a)| d.days_since_epoch() > a.days_since_epoch())
            {
                // Dated after the report: expected, not reported (غدا, حتى 2020).
                "hypothetical"
            } else {
                polarity
            };
            let violent = matches!(f.trigger.plover.as_deref(), Some("ASSAULT" | "FIGHT"));
            let mut score = f.trigger.weight;
            if !actors.is_empty() || target.is_some() {
                score += 0.1;
            }
            if loc.is_some() {
                score += 0.1;
            }
            let ev = Event {
                trigger,
                sentence: s.index,
                kind: f.trigger.kind.clone(),
                subtype: f.trigger.subtype.clone(),
                plover: f.trigger.plover.clone(),
                actors: if actors.is_empty() {
                    generic.map(|k| generic_arg(doc, s, k)).into_iter().collect()
                } else {
                    actors.iter().map(|&e| arg(doc, e)).collect()
                },
                target: target.map(|e| arg(doc, e)),
                location: loc,
                time: te.map(|te| event_time(doc, s, te, anchor)),
                polarity: polarity.to_string(),
                tense: tense.to_string(),
                fatalities: if violent { fatalities(s) } else { None },
                source,
                mentions: Vec::new(),
                score: (score.min(1.0) * 1000.0).round() / 1000.0,
            };
            heads.push(head_of(&f));
            events.push(ev);
        }
    }
    mark_background(doc, &sents, &mut events);
    anaphora(doc, &sents, &mut events, &heads, anchor);
    events
}

/// Fills what an event lacks from a later mention of it.
fn complete(
    doc: &Document,
    ev: &mut Event,
    s: &Sent<'_>,
    actors: &[usize],
    target: Option<usize>,
    anchor: Option<Day>,
) {
    if ev.target.is_none() {
        ev.target = target.map(|e| arg(doc, e));
    }
    for &a in actors {
        let name = &doc.entities[a].canonical;
        if !ev.actors.iter().any(|x| &x.name == name) && ev.target.as_ref().is_none_or(|t| &t.name != name) {
            ev.actors.push(arg(doc, a));
        }
    }
    if ev.time.is_none() {
        if let Some(te) = s.times.first() {
            ev.time = Some(event_time(doc, s, te, anchor));
        }
    }
}

/// Sentences that name an event again by its head noun (الحملة after حملة
/// لتطهير, or حملة مخمور) without a trigger there complete it: a target, a
/// partner, a time.
fn anaphora(doc: &Document, sents: &[Sent<'_>], events: &mut [Event], heads: &[Option<String>], anchor: Option<Day>) {
    for ei in 0..events.len() {
        let Some(head) = heads[ei].as_deref() else { continue };
        if events[ei].polarity != "asserted" {
            continue;
        }
        let indefinite = head.strip_prefix("ال").unwrap_or(head);
        let from = events[ei].sentence;
        for s in sents.iter().filter(|s| s.index > from) {
            let Some(k) = s.words.iter().enumerate().position(|(k, w)| {
                let b = bare(w);
                b == head
                    || b.strip_prefix(['ب', 'ل']) == Some(head)
                    // حملة مخمور: the head in construct with a place name.
                    || (b == indefinite
                        && (s.entity_at(k + 1).is_some_and(|e| doc.entities[e.2].kind == "LOC")
                            || s.words.get(k + 1).is_some_and(|w| !Gazetteer::get().lookup(w).is_empty())))
            }) else {
                continue;
            };
            let start = doc.tokens[s.toks[k]].start;
            if events.iter().any(|e| e.trigger.start == start || e.mentions.iter().any(|m| m.start == start)) {
                continue;
            }
            // Only the event's type matters to the participants of a later mention.
            let t = Trigger {
                words: vec![head.to_string()],
                pos: "n".into(),
                kind: events[ei].kind.clone(),
                subtype: events[ei].subtype.clone(),
                plover: events[ei].plover.clone(),
                weight: 0.5,
            };
            let f = Found { at: k, len: 1, trigger: &t, future: false, definite: true };
            let (actors, target, _) = participants(doc, s, &f, false);
            let ev = &mut events[ei];
            complete(doc, ev, s, &actors, target, anchor);
            ev.mentions.push(span_of(doc, s, k, k + 1));
        }
    }
}

/// Events told without a time of their own, late in the article and of
/// another type than its lead event, recall the background.
fn mark_background(doc: &Document, sents: &[Sent<'_>], events: &mut [Event]) {
    let first_body = doc.dateline.as_ref().map_or(1, |d| d.paragraph);
    let lead = events.iter().position(|e| {
        e.polarity == "asserted"
            && e.tense == "current"
            && (e.time.is_some() || sents[e.sentence].paragraph <= first_body + 1)
    });
    let Some(lead) = lead else { return };
    let lead_kind = events[lead].kind.clone();
    for e in events.iter_mut().skip(lead + 1) {
        if e.tense == "current"
            && e.time.is_none()
            && e.kind != lead_kind
            && e.source.kind == "outlet"
            && e.polarity == "asserted"
            && sents[e.sentence].paragraph > first_body + 2
        {
            e.tense = "background".into();
        }
    }
}

fn event_time(doc: &Document, s: &Sent<'_>, te: &TimeExpr, anchor: Option<Day>) -> EventTime {
    let relative = matches!(te.value, time::TimeValue::Offset(..) | time::TimeValue::Weekday(_));
    EventTime {
        span: span_of(doc, s, te.start, te.end),
        date: te.resolve(anchor).map(|d| match te.value {
            time::TimeValue::Month(y, m) => format!("{y:04}-{m:02}"),
            time::TimeValue::Year(y) => format!("{y:04}"),
            _ => d.iso(),
        }),
        offset_days: match te.value {
            time::TimeValue::Offset(n, _) => Some(n),
            _ => None,
        },
        weekday: match te.value {
            time::TimeValue::Weekday(w) => Some(w),
            _ => None,
        },
        anchor: relative.then(|| "publication".to_string()),
        time_precision: te.precision(),
    }
}

/// The event place for gazetteer place `p` named at words `a..b`: named
/// as the entity layer names it, else as written.
fn place(doc: &Document, s: &Sent<'_>, places: &Places, a: usize, b: usize, p: u32) -> EventPlace {
    let pl = Gazetteer::get().place(p);
    let span = span_of(doc, s, a, b);
    let name = s
        .ents
        .iter()
        .find(|e| e.0 == a && doc.entities[e.2].kind == "LOC")
        .map_or_else(|| span.text.clone(), |e| doc.entities[e.2].canonical.clone());
    EventPlace {
        span,
        name,
        place_id: Some(pl.id.clone()),
        place_kind: Some(pl.kind.clone()),
        country: Some(pl.country.clone()),
        latitude: Some(pl.lat),
        longitude: Some(pl.lon),
        geo_precision: pl.geo_precision(),
        near: nearest_town(doc, places, p),
    }
}

/// A town or city the article names within 60 km of place `p`.
fn nearest_town(doc: &Document, places: &Places, p: u32) -> Option<String> {
    let g = Gazetteer::get();
    let here = g.place(p);
    let mut best: Option<(f64, String)> = None;
    for (ent, q) in places.of_entity.iter().enumerate() {
        let Some(q) = *q else { continue };
        let there = g.place(q);
        if q == p || there.id == here.id || !matches!(there.kind.as_str(), "city" | "town") {
            continue;
        }
        let d = distance_km((here.lat, here.lon), (there.lat, there.lon));
        if d < 60.0 && best.as_ref().is_none_or(|b| d < b.0) {
            best = Some((d, doc.entities[ent].canonical.clone()));
        }
    }
    best.map(|b| b.1)
}
