//! The entities stage of the analysis pipeline: tags each sentence with the
//! CRF and writes the `entities` layer (mentions by character offsets, without
//! glued proclitics, with a canonical name).

use rasid_core::document::{Document, Entity};
use rasid_core::pipeline::{Context, Layer, Stage};
use rasid_text::clitics::{self, CliticKind};
use rasid_text::normalize::search_fold_with_map;
use rasid_text::{tokenize, TokenKind};

use crate::corpus::{spans, EntityType, Tag};
use crate::gazetteer::{categories, key, Category, Gazetteers};
use crate::lexicon::Lexicon;
use crate::model::Tagger;

/// Named entities from the built-in model.
pub struct Entities {
    tagger: Tagger<'static>,
}

impl Entities {
    /// The stage with the built-in model.
    pub fn new() -> std::io::Result<Entities> {
        Ok(Entities { tagger: Tagger::builtin()? })
    }
}

/// Character offset where a mention's first word starts once the
/// conjunctions and prepositions glued to it are removed; the article ال stays
/// (`لكوردستان` → `كوردستان`, `والعراق` → `العراق`). A leading و/ف that the
/// conservative segmenter keeps is removed too when the rest of the word is
/// the more frequent word in the corpus statistics (`وقرة` → `قرة`, but
/// `وزارة` stays whole).
fn stem_start(word: &str, start: usize, lex: &Lexicon) -> usize {
    let (folded, map) = search_fold_with_map(word);
    let chars: Vec<char> = folded.chars().collect();
    let mut skip = 0;
    for c in clitics::segment(&chars) {
        if c.kind == CliticKind::Article {
            break;
        }
        skip += c.len;
    }
    if skip == 0 && chars.len() > 3 && matches!(chars[0], 'و' | 'ف') {
        let rest: String = chars[1..].iter().collect();
        let freq = |w: &str| lex.get(&crate::gazetteer::key(w)).map_or(0, |b| b.0 + 1);
        if freq(&rest) > freq(&folded) {
            skip = 1;
        }
    }
    start + map.get(skip).copied().unwrap_or(0)
}

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn process(&self, doc: &mut Document, _: &Context) {
        // Tag every sentence, then apply the document-level rules.
        let mut sents: Vec<SentenceTags> = Vec::with_capacity(doc.sentences.len());
        for s in &doc.sentences {
            let toks = tokenize(&s.span.text);
            let words: Vec<String> = toks.iter().map(|t| t.term.clone()).collect();
            let tags = self.tagger.tag(&words).unwrap_or_else(|_| vec![Tag::O; words.len()]);
            let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
            let mut st = SentenceTags { base: s.span.start, toks, keys, tags };
            drop_common_words(&mut st);
            gazetteer_entities(&mut st);
            head_nouns(&mut st);
            sents.push(st);
        }
        propagate(&mut sents);
        let mut found = Vec::new();
        let mut canon = Canonical::default();
        for st in &sents {
            for (a, b, kind) in spans(&st.tags) {
                // A mention never starts or ends on punctuation.
                let (mut a, mut b) = (a, b);
                while a < b && st.toks[a].kind == TokenKind::Punct {
                    a += 1;
                }
                while b > a && st.toks[b - 1].kind == TokenKind::Punct {
                    b -= 1;
                }
                if a == b {
                    continue;
                }
                let start = stem_start(&st.toks[a].term, st.base + st.toks[a].start, Lexicon::builtin());
                let end = st.base + st.toks[b - 1].end;
                if start >= end {
                    continue;
                }
                let span = doc.span(start, end);
                let canonical = canon.name(kind, &st.keys[a..b], &span.text);
                found.push(Entity { span, kind: kind.as_str().to_string(), canonical });
            }
        }
        doc.entities = found;
    }
}

/// One sentence's tokens, their matching keys and their tags.
struct SentenceTags {
    base: usize,
    toks: Vec<rasid_text::Token>,
    keys: Vec<String>,
    tags: Vec<Tag>,
}

fn all_o(tags: &[Tag]) -> bool {
    tags.iter().all(|t| *t == Tag::O)
}

fn set_span(tags: &mut [Tag], a: usize, b: usize, kind: EntityType) {
    tags[a] = Tag::B(kind);
    for t in &mut tags[a + 1..b] {
        *t = Tag::I(kind);
    }
}

/// Known places and organisations from the gazetteers, where the tagger saw
/// nothing.
fn gazetteer_entities(st: &mut SentenceTags) {
    let g = Gazetteers::get();
    let marks = g.tag(&st.keys);
    let mut i = 0;
    while i < st.keys.len() {
        let (b, _) = marks[i];
        let kind = if categories(b).any(|c| c == Category::Org) {
            Some(EntityType::Org)
        } else if categories(b).any(|c| matches!(c, Category::Country | Category::City | Category::Feature)) {
            Some(EntityType::Loc)
        } else {
            None
        };
        let mut j = i + 1;
        while j < st.keys.len() && marks[j].1 & b != 0 && marks[j].0 == 0 {
            j += 1;
        }
        if let Some(kind) = kind {
            if all_o(&st.tags[i..j])
                && st.toks[i].kind == TokenKind::Arabic
                && (j - i > 1 || !common_word(&st.toks[i].term))
            {
                set_span(&mut st.tags, i, j, kind);
            }
        }
        i = j;
    }
}

/// A Lucene stop word (as written or folded).
fn is_stop(word: &str) -> bool {
    static STOP: std::sync::OnceLock<rasid_text::analyzer::StopWords> = std::sync::OnceLock::new();
    let stop = STOP.get_or_init(rasid_text::analyzer::StopWords::lucene_arabic);
    stop.contains(word) || stop.contains(&rasid_text::normalize::search_fold(word))
}

/// A one-word gazetteer entry that is more often an ordinary word: a stop
/// word (انه), or written here without the article while the corpus mostly
/// writes it with one (إطار). Names keep their article (العراق) or never
/// take one (بغداد).
fn common_word(word: &str) -> bool {
    let folded = rasid_text::normalize::search_fold(word);
    let k = key(word);
    if is_stop(word) || is_stop(&k) {
        return true;
    }
    let has_article =
        folded.trim_start_matches(['و', 'ف', 'ب', 'ل', 'ك']).starts_with("ال") || folded.starts_with("لل");
    !has_article && Lexicon::builtin().get(&k).is_some_and(|(_, al)| al >= 3)
}

/// One-word mentions of the tagger that are stop words or mostly ordinary
/// words (فانه, إطار) are dropped.
fn drop_common_words(st: &mut SentenceTags) {
    for (a, b, _) in spans(&st.tags) {
        if b - a == 1 && common_word(&st.toks[a].term) {
            st.tags[a] = Tag::O;
        }
    }
}

/// A definite nisba adjective (العراقية, العراقي, الكوردية).
fn is_nisba(key_with_article: &str) -> bool {
    let f = rasid_text::normalize::search_fold(key_with_article);
    let f = f.trim_start_matches(['و', 'ف']);
    f.starts_with("ال") && (f.ends_with("يه") || f.ends_with('ي')) && f.chars().count() >= 6
}

/// Organisation names with their head noun (قوات البيشمركة, تنظيم داعش) and
/// forces named by head noun and nisba (القوات العراقية, قوات الأمن العراقية,
/// الجيش العراقي); a nisba after an organisation joins it (قوات البيشمركة
/// الكوردية).
fn head_nouns(st: &mut SentenceTags) {
    let g = Gazetteers::get();
    let n = st.keys.len();
    let single = |tags: &[Tag], i: usize, kind: EntityType| {
        tags[i] == Tag::B(kind) && (i + 1 >= n || !matches!(tags[i + 1], Tag::I(_)))
    };
    let mut i = 0;
    while i < n {
        let org_head = g.contains(&st.toks[i].term, Category::OrgTrigger)
            && (st.tags[i] == Tag::O || single(&st.tags, i, EntityType::Org));
        // Of the place words only اقليم is part of a name (اقليم كوردستان);
        // جبل, مدينة and the like stay outside it, as in the gold convention.
        let loc_head = st.keys[i] == "اقليم" && st.tags[i] == Tag::O;
        if !org_head && !loc_head {
            i += 1;
            continue;
        }
        // Head noun + up to two plain words + an organisation or place the
        // tagger or gazetteer found (تنظيم داعش, وزارة البيشمركة, مجلس امن
        // اقليم كوردستان, اقليم كوردستان).
        let max_gap = if org_head { 2 } else { 0 };
        let mut k = i + 1;
        while k < n
            && k - i - 1 < max_gap
            && st.tags[k] == Tag::O
            && st.toks[k].kind == TokenKind::Arabic
            && !is_stop(&st.toks[k].term)
            && !matches!(st.tags.get(k), Some(Tag::B(_)))
        {
            if matches!(st.tags.get(k + 1), Some(Tag::B(EntityType::Org | EntityType::Loc))) {
                k += 1;
                break;
            }
            k += 1;
        }
        if k < n && matches!(st.tags[k], Tag::B(EntityType::Org) | Tag::B(EntityType::Loc)) {
            let mut j = k + 1;
            while j < n && matches!(st.tags[j], Tag::I(_)) {
                j += 1;
            }
            if org_head && j < n && st.tags[j] == Tag::O && is_nisba(&st.toks[j].term) {
                j += 1;
            }
            let kind = if org_head { EntityType::Org } else { EntityType::Loc };
            set_span(&mut st.tags, i, j, kind);
            i = j;
            continue;
        }
        // Head noun + (one word) + nisba: forces named by their country.
        if org_head {
            let mut done = false;
            for len in [2usize, 3] {
                let j = i + len;
                if j <= n
                    && all_o(&st.tags[i + 1..j])
                    && is_nisba(&st.toks[j - 1].term)
                    && st.toks[i + 1..j].iter().all(|t| t.kind == TokenKind::Arabic)
                {
                    set_span(&mut st.tags, i, j, EntityType::Org);
                    i = j;
                    done = true;
                    break;
                }
            }
            if done {
                continue;
            }
        }
        i += 1;
    }
}

/// A key without a leading و/ف conjunction the segmenter kept (وقره → قره).
fn loose(k: &str) -> &str {
    match k.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => k,
    }
}

/// Same letters in another order (جوخ / خوج): transliterated names are
/// spelled so.
fn anagram(a: &str, b: &str) -> bool {
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().collect();
        v.sort_unstable();
        v
    };
    a.chars().count() >= 3 && sorted(a) == sorted(b)
}

/// Two mentions' keys name the same thing: equal, allowing a glued و/ف on
/// the first word and, in names of two or more words, a transposed last word
/// (قرة جوخ / قرة خوج).
fn same_name(a: &[String], b: &[String]) -> bool {
    let m = a.len();
    m == b.len()
        && m > 0
        && a.iter().zip(b).enumerate().all(|(i, (x, y))| {
            let (x, y) = if i == 0 { (loose(x), loose(y)) } else { (x.as_str(), y.as_str()) };
            x == y || (m >= 2 && i == m - 1 && anagram(x, y))
        })
}

/// Mentions repeated elsewhere in the article get the type most of their
/// mentions have; a person's first or last name alone (بارزاني, ايمينكي) is
/// the person. Names made only of head nouns, titles or place words (قوات,
/// وزارة) are not spread.
fn propagate(sents: &mut [SentenceTags]) {
    let g = Gazetteers::get();
    let generic =
        |k: &str| [Category::OrgTrigger, Category::LocTrigger, Category::Title].iter().any(|c| g.contains(k, *c));
    let mut votes: Vec<(Vec<String>, [usize; 4])> = Vec::new();
    let mut vote = |keys: Vec<String>, kind: EntityType| {
        let slot = EntityType::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        match votes.iter_mut().find(|(k, _)| same_name(k, &keys)) {
            Some((_, v)) => v[slot] += 1,
            None => {
                let mut v = [0; 4];
                v[slot] = 1;
                votes.push((keys, v));
            }
        }
    };
    for st in sents.iter() {
        for (a, b, kind) in spans(&st.tags) {
            let keys = st.keys[a..b].to_vec();
            if keys.iter().any(String::is_empty) || keys.iter().all(|k| generic(k)) {
                continue;
            }
            if kind == EntityType::Per && b - a >= 2 && !generic(&keys[b - a - 1]) {
                vote(vec![keys[b - a - 1].clone()], EntityType::Per);
            }
            vote(keys, kind);
        }
    }
    let mut names: Vec<(Vec<String>, EntityType)> = votes
        .into_iter()
        .map(|(k, v)| {
            let best = (0..4).max_by_key(|&i| (v[i], std::cmp::Reverse(i))).unwrap_or(0);
            (k, EntityType::ALL[best])
        })
        .collect();
    names.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    for st in sents.iter_mut() {
        for (name, kind) in &names {
            let m = name.len();
            let mut i = 0;
            while i + m <= st.keys.len() {
                let whole = i + m == st.keys.len() || !matches!(st.tags[i + m], Tag::I(_));
                let one_span = matches!(st.tags[i], Tag::B(_))
                    && st.tags[i + 1..i + m].iter().all(|t| matches!(t, Tag::I(_)))
                    && whole;
                let fits = all_o(&st.tags[i..i + m]) || one_span;
                if same_name(&st.keys[i..i + m], name) && fits {
                    set_span(&mut st.tags, i, i + m, *kind);
                    i += m;
                } else {
                    i += 1;
                }
            }
        }
    }
}

/// Canonical names within one article: the fullest mention of a person
/// stands for their surname-only mentions; other mentions with the same keys
/// (spelling variants: اربيل / أربيل) share the first one's text.
#[derive(Default)]
struct Canonical {
    seen: Vec<(EntityType, Vec<String>, String)>,
}

impl Canonical {
    fn name(&mut self, kind: EntityType, keys: &[String], text: &str) -> String {
        if let Some((_, _, c)) = self.seen.iter().find(|(k, ks, _)| *k == kind && same_name(ks, keys)) {
            return c.clone();
        }
        // Head-noun variants: قوات البيشمركة (الكوردية) is البيشمركة.
        if kind == EntityType::Org && keys.len() >= 2 {
            let g = Gazetteers::get();
            let mut head = keys;
            while head.len() > 1 && g.contains(&head[0], Category::OrgTrigger) {
                head = &head[1..];
            }
            let mut core = head;
            while core.len() > 1 && is_nisba(&format!("ال{}", core[core.len() - 1])) {
                core = &core[..core.len() - 1];
            }
            for cand in [head, core] {
                if cand.len() == keys.len() {
                    continue;
                }
                if let Some((_, _, c)) = self.seen.iter().find(|(k, ks, _)| *k == EntityType::Org && ks[..] == cand[..])
                {
                    let c = c.clone();
                    self.seen.push((kind, keys.to_vec(), c.clone()));
                    return c;
                }
            }
        }
        if kind == EntityType::Per && keys.len() == 1 {
            if let Some((_, _, c)) =
                self.seen.iter().find(|(k, ks, _)| *k == EntityType::Per && ks.len() > 1 && ks.last() == keys.last())
            {
                return c.clone();
            }
        }
        self.seen.push((kind, keys.to_vec(), text.to_string()));
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        s.split(' ').map(key).collect()
    }

    #[test]
    fn name_variants_of_the_reference_article() {
        assert!(same_name(&keys("قرة جوخ"), &keys("قرة خوج")));
        assert!(same_name(&keys("قرة جوخ"), &keys("وقرة جوخ")));
        assert!(same_name(&keys("اربيل"), &keys("أربيل")));
        assert!(!same_name(&keys("بغداد"), &keys("دبغاد")));
        assert!(!same_name(&keys("قرة جوخ"), &keys("قرة")));
    }
}
