//! Features of each token for the CRF, from the text-analysis layer and the
//! gazetteers: folded form, form without clitics, light stem, the clitics
//! removed, affixes, shape, gazetteer categories (begin/inside), trigger
//! words before the token, and a ±2 window of forms and categories.

use rasid_text::normalize::search_fold;
use rasid_text::stem::{LightStemmer, Stemmer};
use rasid_text::{tokenize, TokenKind};

use crate::gazetteer::{categories, key, Category, Gazetteers};
use crate::lexicon::Lexicon;

/// What is known of one token before tagging.
struct TokenInfo {
    fold: String,
    key: String,
    stem: String,
    clitic: String,
    shape: &'static str,
}

fn shape(word: &str) -> &'static str {
    let toks = tokenize(word);
    match toks.first().map(|t| t.kind) {
        None => "empty",
        Some(TokenKind::Arabic) if toks.len() == 1 => "ar",
        Some(TokenKind::Latin) if toks.len() == 1 => {
            if word.chars().next().is_some_and(char::is_uppercase) {
                "Lat"
            } else {
                "lat"
            }
        }
        Some(TokenKind::Number) => "num",
        Some(TokenKind::Punct) => "punct",
        _ => "mixed",
    }
}

fn info(word: &str) -> TokenInfo {
    let fold = search_fold(word);
    let key = key(word);
    let stem = if key.is_empty() { String::new() } else { LightStemmer.stem(&key).into_owned() };
    let clitic = fold.strip_suffix(key.as_str()).map(str::to_string).unwrap_or_default();
    TokenInfo { fold, key, stem, clitic, shape: shape(word) }
}

fn prefix(s: &str, n: usize) -> Option<String> {
    (s.chars().count() > n).then(|| s.chars().take(n).collect())
}

fn suffix(s: &str, n: usize) -> Option<String> {
    let c = s.chars().count();
    (c > n).then(|| s.chars().skip(c - n).collect())
}

/// What the other occurrences of each word in a document say about it: a
/// name recurs, and somewhere in the article it stands after a title
/// (الرئيس بوش), a speech verb (قال بوش) or a first name (جورج بوش), while
/// an ordinary noun somewhere takes the article. The tagger sees these
/// facts at every occurrence (Krishnan & Manning's document consistency,
/// from the text alone, so training needs no first-pass predictions).
#[derive(Debug, Default, Clone)]
pub struct DocFacts {
    facts: rustc_hash::FxHashMap<String, u16>,
}

const FACT_NAMES: [&str; 10] = [
    "after_title",
    "after_speech",
    "with_al",
    "after_first",
    "before_family",
    "seen2",
    "seen4",
    "after_prep",
    "after_orgtrig",
    "after_loctrig",
];

impl DocFacts {
    /// Gathers the facts over the sentences of one document.
    pub fn gather<S: AsRef<[String]>>(sentences: &[S]) -> DocFacts {
        let g = Gazetteers::get();
        let has = |bits: (u16, u16), c: Category| (bits.0 | bits.1) & (1 << c as u16) != 0;
        let mut facts: rustc_hash::FxHashMap<String, u16> = rustc_hash::FxHashMap::default();
        let mut counts: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        for s in sentences {
            let words = s.as_ref();
            let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
            let marks = g.tag(&keys);
            for (i, k) in keys.iter().enumerate() {
                if k.is_empty() {
                    continue;
                }
                let mut bits = 0u16;
                if i > 0 {
                    let p = marks[i - 1];
                    bits |= u16::from(has(p, Category::Title));
                    bits |= u16::from(has(p, Category::SpeechVerb)) << 1;
                    bits |= u16::from(has(p, Category::FirstName)) << 3;
                    bits |=
                        u16::from(matches!(keys[i - 1].as_str(), "في" | "من" | "الي" | "علي" | "عن" | "مدينه")) << 7;
                    bits |= u16::from(has(p, Category::OrgTrigger)) << 8;
                    bits |= u16::from(has(p, Category::LocTrigger)) << 9;
                }
                if i + 1 < keys.len() {
                    bits |= u16::from(has(marks[i + 1], Category::FamilyName)) << 4;
                }
                let fold = search_fold(&words[i]);
                let clitic = fold.strip_suffix(k.as_str()).unwrap_or("");
                bits |= u16::from(clitic.ends_with("ال") || clitic.ends_with("لل")) << 2;
                *facts.entry(k.clone()).or_default() |= bits;
                *counts.entry(k.clone()).or_default() += 1;
            }
        }
        for (k, n) in counts {
            let f = facts.entry(k).or_default();
            if n >= 2 {
                *f |= 1 << 5;
            }
            if n >= 4 {
                *f |= 1 << 6;
            }
        }
        DocFacts { facts }
    }

    fn features(&self, key: &str, out: &mut Vec<String>) {
        if let Some(&bits) = self.facts.get(key) {
            for (i, name) in FACT_NAMES.iter().enumerate() {
                if bits & (1 << i) != 0 {
                    out.push(format!("doc:{name}"));
                }
            }
        }
    }
}

/// Feature strings for every token of a sentence (already tokenized), with
/// the facts of the document it belongs to.
pub fn sentence_features(tokens: &[String], lex: &Lexicon, doc: &DocFacts) -> Vec<Vec<String>> {
    let infos: Vec<TokenInfo> = tokens.iter().map(|t| info(t)).collect();
    let keys: Vec<String> = infos.iter().map(|i| i.key.clone()).collect();
    let gaz = Gazetteers::get().tag(&keys);
    let gaz_names = |i: usize| -> Vec<String> {
        let (b, inside) = gaz[i];
        categories(b)
            .map(|c| format!("{}:B", c.name()))
            .chain(categories(inside).map(|c| format!("{}:I", c.name())))
            .collect()
    };
    let n = tokens.len();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = &infos[i];
        let mut f = vec![
            "bias".to_string(),
            format!("w={}", t.fold),
            format!("k={}", t.key),
            format!("st={}", t.stem),
            format!("cl={}", t.clitic),
            format!("sh={}", t.shape),
            format!("len={}", t.key.chars().count().min(8)),
        ];
        for k in 1..=3 {
            if let Some(p) = prefix(&t.key, k) {
                f.push(format!("p{k}={p}"));
            }
            if let Some(s) = suffix(&t.key, k) {
                f.push(format!("x{k}={s}"));
            }
        }
        for g in gaz_names(i) {
            f.push(format!("g={g}"));
        }
        if t.shape == "ar" {
            doc.features(&t.key, &mut f);
        }
        let lexf = |k: &str| match lex.get(k) {
            Some((fr, al)) => (format!("fr={fr}"), format!("al={al}")),
            None => ("fr=unk".to_string(), "al=unk".to_string()),
        };
        if t.shape == "ar" {
            let (fr, al) = lexf(&t.key);
            f.push(fr);
            f.push(format!("{al}|cl={}", t.clitic));
            f.push(al);
            if let Some(s) = lex.stats(&t.key) {
                f.push(format!("lft={}", s.left));
                f.push(format!("rgt={}", s.right));
                if let Some([c, m, x]) = s.clusters {
                    f.push(format!("c32={c}"));
                    f.push(format!("c128={m}"));
                    f.push(format!("c512={x}"));
                    f.push(format!("c512|cl={x}|{}", t.clitic));
                }
            }
        }
        // Triggers: a title, organisation head noun or place word ends just before.
        if i > 0 {
            let (b, inside) = gaz[i - 1];
            for c in categories(b | inside) {
                if matches!(c, Category::Title | Category::OrgTrigger | Category::LocTrigger) {
                    f.push(format!("after={}", c.name()));
                }
            }
        }
        for d in [-2i64, -1, 1, 2] {
            let j = i as i64 + d;
            if j < 0 || j >= n as i64 {
                f.push(format!("{d}:edge"));
                continue;
            }
            let j = j as usize;
            f.push(format!("{d}:k={}", infos[j].key));
            if d.abs() == 1 {
                if infos[j].shape == "ar" {
                    f.push(format!("{d}:{}", lexf(&infos[j].key).1));
                }
                f.push(format!("{d}:st={}", infos[j].stem));
                if let Some([_, m, x]) = lex.stats(&infos[j].key).and_then(|s| s.clusters) {
                    f.push(format!("{d}:c128={m}"));
                    f.push(format!("{d}:c512={x}"));
                }
                f.push(format!("{d}:sh={}", infos[j].shape));
                for g in gaz_names(j) {
                    f.push(format!("{d}:g={g}"));
                }
            }
        }
        if i > 0 {
            f.push(format!("k-1|k={}|{}", infos[i - 1].key, t.key));
        }
        if i + 1 < n {
            f.push(format!("k|k+1={}|{}", t.key, infos[i + 1].key));
        }
        out.push(f);
    }
    out
}
