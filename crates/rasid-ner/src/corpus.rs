//! Readers for the NER corpora: ANERcorp, AQMAR and Wojood, into sentences of
//! (token, tag) with BIO tags over four entity types (PER, ORG, LOC, MISC).
//!
//! All readers share the same line handling:
//!
//! - a byte-order mark at the start of the file (or of any line) is dropped,
//!   CRLF line ends are accepted;
//! - fields are separated by any run of spaces or tabs;
//! - a line without fields (empty, or only spaces/tabs) ends the sentence, and
//!   so does the end of the file or of each AQMAR article;
//! - a line with a token but no tag is malformed and skipped; no input makes a
//!   reader panic, and the only errors are I/O errors (including invalid UTF-8).
//!
//! Tag mappings per corpus:
//!
//! - **ANERcorp**: `PERS` → PER, `ORG`, `LOC`, `MISC` unchanged. A line whose
//!   tag is not a valid tag is skipped.
//! - **AQMAR**: `PER`, `ORG`, `LOC` unchanged; every article-specific
//!   miscellaneous class (`MIS0`..`MIS3` and the misspellings `MIS`, `MIS-1`,
//!   `MIS-2`, `MISS1`, ``MIS1` ``) → MISC; `I--ORG` → I-ORG; the language
//!   markers `B-ENGLISH` / `B-SPANISH` (on a chemical symbol and a Latin-script
//!   name) and the broken `OO` / `IO` → O. Any other unknown label → O.
//! - **Wojood** (nested, 21 types): spans are rebuilt per nesting layer, then
//!   `PERS` → PER, `ORG` → ORG, `GPE`/`LOC`/`FAC` → LOC; all other types
//!   (NORP, OCC, EVENT, DATE, TIME, CARDINAL, ORDINAL, PERCENT, LANGUAGE,
//!   WEBSITE, LAW, PRODUCT, QUANTITY, UNIT, MONEY, CURR) are dropped (O), so
//!   Wojood has no MISC. Of the remaining spans the outermost are kept (a
//!   mapped span inside another mapped span is dropped; a mapped span inside a
//!   dropped one, such as the ORG inside an OCC, is kept). The `$#$` segment
//!   markers are removed; they do not split sentences (almost all of them
//!   stand at a sentence end already, and the few inside a sentence replace a
//!   lost character, such as the apostrophe of `it's`).

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The four entity types of CoNLL-style evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organization.
    Org,
    /// A location (including geo-political entities and facilities).
    Loc,
    /// Any other name (events, products, currencies, ...; corpus-specific).
    Misc,
}

impl EntityType {
    /// All types, in the order PER, ORG, LOC, MISC.
    pub const ALL: [EntityType; 4] = [EntityType::Per, EntityType::Org, EntityType::Loc, EntityType::Misc];

    /// The CoNLL name: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses a type label, accepting the usual spellings (case-insensitive):
    /// `PER`/`PERS`/`PERSON`, `ORG`/`ORGANIZATION`, `LOC`/`LOCATION`,
    /// `MISC`/`MIS`.
    pub fn parse(label: &str) -> Option<EntityType> {
        match label.to_ascii_uppercase().as_str() {
            "PER" | "PERS" | "PERSON" => Some(EntityType::Per),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityType::Org),
            "LOC" | "LOCATION" => Some(EntityType::Loc),
            "MISC" | "MIS" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tag that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagError {
    /// Neither `O` nor `B-`/`I-` followed by a known type.
    #[error("unknown tag `{0}`")]
    Unknown(String),
}

impl FromStr for EntityType {
    type Err = TagError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityType::parse(s).ok_or_else(|| TagError::Unknown(s.to_string()))
    }
}

/// A BIO tag of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(EntityType),
    /// Inside (continuation of) an entity.
    I(EntityType),
}

impl Tag {
    /// Parses a CoNLL tag (`O`, `B-PER`, `I-LOC`, ...), normalizing the type
    /// names as [`EntityType::parse`] does (`B-PERS` → `B-PER`). `None` for
    /// anything else.
    pub fn parse(s: &str) -> Option<Tag> {
        let s = s.trim();
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, label) = s.split_at_checked(2)?;
        let ty = EntityType::parse(label)?;
        match prefix {
            "B-" => Some(Tag::B(ty)),
            "I-" => Some(Tag::I(ty)),
            _ => None,
        }
    }

    /// The entity type, `None` for `O`.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{t}"),
            Tag::I(t) => write!(f, "I-{t}"),
        }
    }
}

impl FromStr for Tag {
    type Err = TagError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tag::parse(s).ok_or_else(|| TagError::Unknown(s.to_string()))
    }
}

/// One sentence: tokens and their tags (same length).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The tokens, as written in the corpus.
    pub tokens: Vec<String>,
    /// One tag per token.
    pub tags: Vec<Tag>,
}

impl Sentence {
    /// The entity spans of this sentence (see [`spans`]).
    pub fn spans(&self) -> Vec<(usize, usize, EntityType)> {
        spans(&self.tags)
    }
}

/// The entity spans of a tag sequence: `(start, end, type)` in token indices,
/// end exclusive, in order. CoNLL (conlleval) convention: `B-X` always starts
/// an entity; `I-X` continues the open entity only when it has type X,
/// otherwise (after `O`, at the start, or after another type) it starts a new
/// one.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(t), Some((_, o))) if t == o);
        if continues {
            continue;
        }
        if let Some((start, ty)) = open.take() {
            out.push((start, i, ty));
        }
        if let Some(ty) = tag.entity_type() {
            open = Some((i, ty));
        }
    }
    if let Some((start, ty)) = open {
        out.push((start, tags.len(), ty));
    }
    out
}

/// The BIO tags of `len` tokens carrying the given non-overlapping spans
/// (spans out of range are clipped; a later overlapping span overwrites).
fn tags_from_spans(len: usize, spans: &[(usize, usize, EntityType)]) -> Vec<Tag> {
    let mut tags = vec![Tag::O; len];
    for &(start, end, ty) in spans {
        let end = end.min(len);
        for (k, tag) in tags.iter_mut().enumerate().take(end).skip(start) {
            *tag = if k == start { Tag::B(ty) } else { Tag::I(ty) };
        }
    }
    tags
}

/// Reads a file as UTF-8 text without BOM.
fn read_text(path: &Path) -> io::Result<String> {
    let text = fs::read_to_string(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The whitespace-separated fields of each line (split at `\n`; a CR before
/// it is whitespace), with `None` for a sentence break (a line with no
/// fields). A BOM at a line start is ignored.
fn lines_fields(text: &str) -> impl Iterator<Item = Option<Vec<&str>>> {
    text.split('\n').map(|line| {
        let fields: Vec<&str> = line.trim_start_matches('\u{feff}').split_whitespace().collect();
        if fields.is_empty() {
            None
        } else {
            Some(fields)
        }
    })
}

/// Reads a `token TAG` file (blank line between sentences) with `tag` mapping
/// the last field to a tag (`None`: malformed line, skipped). A line with more
/// than two fields has several tokens in front of its tag (a merged line):
/// each becomes a token, the first with the tag, the next ones with its `I-`
/// continuation (or `O`).
fn read_two_column(text: &str, tag: impl Fn(&str) -> Option<Tag>, out: &mut Vec<Sentence>) {
    let mut cur = Sentence::default();
    for fields in lines_fields(text) {
        let Some(fields) = fields else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        // a token without a tag (one field) is malformed
        let Some((last, toks)) = fields.split_last().filter(|(_, toks)| !toks.is_empty()) else { continue };
        let Some(t) = tag(last) else { continue };
        for (k, tok) in toks.iter().enumerate() {
            let t = match (k, t) {
                (0, t) => t,
                (_, Tag::B(ty) | Tag::I(ty)) => Tag::I(ty),
                (_, Tag::O) => Tag::O,
            };
            cur.tokens.push((*tok).to_string());
            cur.tags.push(t);
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
}

/// Reads an ANERcorp file in CoNLL form (`token TAG`, blank line between
/// sentences), such as `ANERCorp_CamelLabProcedure_train.txt`. Tags are
/// normalized (`B-PERS` → `B-PER`); lines without a valid tag are skipped.
pub fn read_anercorp(path: &Path) -> io::Result<Vec<Sentence>> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    read_two_column(&text, Tag::parse, &mut out);
    Ok(out)
}

/// Maps an AQMAR tag to a tag; unknown and broken tags become `O` (see the
/// module documentation for the mapping).
fn aqmar_tag(raw: &str) -> Option<Tag> {
    if raw == "O" {
        return Some(Tag::O);
    }
    let (prefix, label) = match raw.split_at_checked(2) {
        Some((p @ ("B-" | "I-"), l)) => (p, l),
        _ => return Some(Tag::O), // `OO`, `IO` and anything else without a prefix
    };
    // `I--ORG` → `ORG`, ``MIS1` `` → `MIS1`
    let label = label.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_uppercase();
    let ty = if label.starts_with("MIS") { Some(EntityType::Misc) } else { EntityType::parse(&label) };
    Some(match (prefix, ty) {
        (_, None) => Tag::O,
        ("B-", Some(t)) => Tag::B(t),
        (_, Some(t)) => Tag::I(t),
    })
}

/// The `.txt` files under `dir`, recursively, sorted by path.
fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            txt_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads AQMAR (`token TAG`, blank line between sentences): one article file,
/// or every `.txt` file under a folder (recursively, in path order, so
/// `aqmar/` reads `dev/` then `test/`). Each article ends a sentence. Tags are
/// mapped to PER/ORG/LOC/MISC as described in the module documentation.
pub fn read_aqmar(dir_or_file: &Path) -> io::Result<Vec<Sentence>> {
    let files = if dir_or_file.is_dir() {
        let mut files = Vec::new();
        txt_files(dir_or_file, &mut files)?;
        files
    } else {
        vec![dir_or_file.to_path_buf()]
    };
    let mut out = Vec::new();
    for f in files {
        read_two_column(&read_text(&f)?, aqmar_tag, &mut out);
    }
    Ok(out)
}

/// A nested span of the original Wojood annotation: `(start, end, label)`,
/// end exclusive, with `depth` its column (0 = outermost).
#[derive(Debug, Clone, PartialEq, Eq)]
struct NestedSpan {
    start: usize,
    end: usize,
    label: String,
    depth: usize,
}

/// One Wojood sentence before mapping: tokens and their tag columns.
#[derive(Debug, Default)]
struct NestedSentence {
    tokens: Vec<String>,
    columns: Vec<Vec<(bool, String)>>, // (is_begin, label) per non-O column
}

/// Rebuilds the nested spans of a sentence. Column `d` of a token is the tag
/// of the entity at nesting depth `d` (Wojood lists the outer entities first:
/// continuing `I-` tags before newly opened `B-` tags). `I-X` at depth `d`
/// continues the open entity at that depth if it has label X, otherwise it
/// starts a new one (CoNLL convention); a token with `n` columns closes the
/// entities open at depths `n` and more.
fn nested_spans(columns: &[Vec<(bool, String)>]) -> Vec<NestedSpan> {
    let mut out = Vec::new();
    let mut open: Vec<(usize, String)> = Vec::new(); // (start, label) by depth
    let close = |open: &mut Vec<(usize, String)>, from: usize, at: usize, out: &mut Vec<NestedSpan>| {
        while open.len() > from {
            let depth = open.len() - 1;
            let Some((start, label)) = open.pop() else { break };
            out.push(NestedSpan { start, end: at, label, depth });
        }
    };
    for (i, cols) in columns.iter().enumerate() {
        for (d, (begin, label)) in cols.iter().enumerate() {
            let continues = !begin && open.get(d).is_some_and(|(_, l)| l == label);
            if !continues {
                close(&mut open, d, i, &mut out);
                open.push((i, label.clone()));
            }
        }
        close(&mut open, cols.len(), i, &mut out);
    }
    close(&mut open, 0, columns.len(), &mut out);
    out.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end), a.depth));
    out
}

/// The Wojood label mapped to our types (`None`: dropped to O).
fn wojood_type(label: &str) -> Option<EntityType> {
    match label {
        "PERS" | "PER" => Some(EntityType::Per),
        "ORG" => Some(EntityType::Org),
        "GPE" | "LOC" | "FAC" => Some(EntityType::Loc),
        _ => None,
    }
}

/// Maps a nested sentence to a flat one: the outermost spans among those
/// whose type maps (see the module documentation).
fn flatten(s: NestedSentence) -> Sentence {
    let mut kept: Vec<(usize, usize, EntityType)> = Vec::new();
    // Sorted by start, longest first, outer first: a span is kept unless it
    // overlaps one already kept.
    for sp in nested_spans(&s.columns) {
        let Some(ty) = wojood_type(&sp.label) else { continue };
        if kept.iter().all(|&(a, b, _)| sp.end <= a || sp.start >= b) {
            kept.push((sp.start, sp.end, ty));
        }
    }
    kept.sort();
    let tags = tags_from_spans(s.tokens.len(), &kept);
    Sentence { tokens: s.tokens, tags }
}

/// The Wojood segment marker, removed from the text.
const WOJOOD_MARKER: &str = "$#$";

/// Reads the nested sentences of a Wojood file.
fn read_wojood_nested(text: &str) -> Vec<NestedSentence> {
    let mut out = Vec::new();
    let mut cur = NestedSentence::default();
    for fields in lines_fields(text) {
        let Some(fields) = fields else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        if fields.len() < 2 || fields[0] == WOJOOD_MARKER {
            continue;
        }
        let mut cols = Vec::new();
        for raw in &fields[1..] {
            match raw.split_at_checked(2) {
                Some(("B-", l)) if !l.is_empty() => cols.push((true, l.to_ascii_uppercase())),
                Some(("I-", l)) if !l.is_empty() => cols.push((false, l.to_ascii_uppercase())),
                _ => {} // `O` or a malformed column: ignored
            }
        }
        cur.tokens.push(fields[0].to_string());
        cur.columns.push(cols);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Reads a Wojood file (`token TAG1 [TAG2 ...]`, nested annotation, blank
/// line between sentences) and maps it to flat PER/ORG/LOC tags as described
/// in the module documentation. `$#$` segment markers are removed (without
/// splitting the sentence).
pub fn read_wojood(path: &Path) -> io::Result<Vec<Sentence>> {
    let text = read_text(path)?;
    Ok(read_wojood_nested(&text).into_iter().map(flatten).collect())
}

#[cfg(test)]
mod tests {
    use super::EntityType::{Loc, Misc, Org, Per};
    use super::*;
    use std::collections::BTreeMap;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace().map(|t| t.parse().unwrap()).collect()
    }

    fn write_tmp(name: &str, content: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rasid-ner-corpus-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        fs::write(&p, content).unwrap();
        p
    }

    #[test]
    fn tag_parse_and_display() {
        assert_eq!(Tag::parse("B-PERS"), Some(Tag::B(Per)));
        assert_eq!(Tag::parse("I-LOC"), Some(Tag::I(Loc)));
        assert_eq!(Tag::parse("O"), Some(Tag::O));
        assert_eq!(Tag::parse("B-"), None);
        assert_eq!(Tag::parse("X-PER"), None);
        assert_eq!(Tag::parse("B-FOO"), None);
        assert_eq!(Tag::parse("ب"), None);
        assert_eq!("B-GPE".parse::<Tag>(), Err(TagError::Unknown("B-GPE".into())));
        assert_eq!(TagError::Unknown("B-GPE".into()).to_string(), "unknown tag `B-GPE`");
        for t in EntityType::ALL {
            for tag in [Tag::B(t), Tag::I(t)] {
                assert_eq!(tag.to_string().parse::<Tag>(), Ok(tag));
            }
        }
        assert_eq!(Tag::B(Misc).to_string(), "B-MISC");
        assert_eq!(Org.as_str(), "ORG");
    }

    #[test]
    fn spans_conll_convention() {
        assert_eq!(spans(&tags("B-PER I-PER O B-LOC")), vec![(0, 2, Per), (3, 4, Loc)]);
        // I- without B- starts an entity
        assert_eq!(spans(&tags("O I-ORG I-ORG")), vec![(1, 3, Org)]);
        assert_eq!(spans(&tags("I-ORG")), vec![(0, 1, Org)]);
        // adjacent entities of the same type
        assert_eq!(spans(&tags("B-PER B-PER I-PER")), vec![(0, 1, Per), (1, 3, Per)]);
        // type switch inside I-
        assert_eq!(spans(&tags("B-PER I-LOC I-LOC")), vec![(0, 1, Per), (1, 3, Loc)]);
        assert_eq!(spans(&tags("O O")), vec![]);
        assert_eq!(spans(&[]), vec![]);
    }

    #[test]
    fn two_column_reader_is_tolerant() {
        let text =
            "\u{feff}a B-PERS\r\nb\tI-PERS\r\n\r\nc  O\r\n  \t \r\nd B-LOC e\nf\nx B-GPE\ng B-ORG\n\u{feff}h I-ORG";
        let p = write_tmp("aner.txt", text.as_bytes());
        let s = read_anercorp(&p).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, ["a", "b"]);
        assert_eq!(s[0].tags, tags("B-PER I-PER"));
        assert_eq!(s[1].tokens, ["c"]);
        // `d B-LOC e`: last field `e` is not a tag → skipped; `f` has no tag;
        // `x B-GPE` is not an ANERcorp tag
        assert_eq!(s[2].tokens, ["g", "h"]);
        assert_eq!(s[2].tags, tags("B-ORG I-ORG"));
        // merged line: two tokens in front of one tag
        let p = write_tmp("merged.txt", "a b B-ORG\nc d O\n".as_bytes());
        let s = read_anercorp(&p).unwrap();
        assert_eq!(s[0].tokens, ["a", "b", "c", "d"]);
        assert_eq!(s[0].tags, tags("B-ORG I-ORG O O"));
        // empty and binary-ish files
        assert!(read_anercorp(&write_tmp("empty.txt", b"")).unwrap().is_empty());
        assert!(read_anercorp(&write_tmp("bad.txt", b"\xff\xfe a O")).is_err());
        assert!(read_anercorp(Path::new("/nonexistent/rasid/x.txt")).is_err());
        let _ = fs::remove_dir_all(p.parent().unwrap());
    }

    #[test]
    fn aqmar_tags() {
        let cases = [
            ("O", Tag::O),
            ("B-PER", Tag::B(Per)),
            ("I-LOC", Tag::I(Loc)),
            ("B-MIS0", Tag::B(Misc)),
            ("I-MIS3", Tag::I(Misc)),
            ("B-MIS", Tag::B(Misc)),
            ("B-MIS-1", Tag::B(Misc)),
            ("B-MISS1", Tag::B(Misc)),
            ("B-MIS1`", Tag::B(Misc)),
            ("I--ORG", Tag::I(Org)),
            ("B-ENGLISH", Tag::O),
            ("B-SPANISH", Tag::O),
            ("OO", Tag::O),
            ("IO", Tag::O),
        ];
        for (raw, want) in cases {
            assert_eq!(aqmar_tag(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn wojood_nested_to_outer_mapped() {
        let text = "\
سكرتير B-OCC
اللجنة I-OCC B-ORG
القومية I-OCC I-ORG
في I-OCC
نابلس I-OCC B-GPE
$#$ O

حكومة B-ORG
فلسطين I-ORG B-GPE
و O
$#$ O
الكتلة B-ORG
جامعة I-ORG B-ORG
بيرزيت I-ORG I-ORG B-GPE
عام B-DATE
الفرنسي I-FAC
";
        let s: Vec<Sentence> = read_wojood_nested(text).into_iter().map(flatten).collect();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens.len(), 5); // `$#$` removed
        assert_eq!(s[1].tokens.len(), 8); // and does not split a sentence
        assert_eq!(s[0].tags, tags("O B-ORG I-ORG O B-LOC"));
        assert_eq!(s[1].tags, tags("B-ORG I-ORG O B-ORG I-ORG I-ORG O B-LOC"));
        let nested = nested_spans(&read_wojood_nested(text)[1].columns);
        let labels: Vec<(usize, usize, &str)> = nested.iter().map(|n| (n.start, n.end, n.label.as_str())).collect();
        assert_eq!(
            labels,
            [(0, 2, "ORG"), (1, 2, "GPE"), (3, 6, "ORG"), (4, 6, "ORG"), (5, 6, "GPE"), (6, 7, "DATE"), (7, 8, "FAC")]
        );
    }

    // ---- real corpora (skipped when the shared data folder is absent) ----

    /// `$RASID_SHARED/data`, else `../shared/data` beside the repository.
    fn shared_data() -> Option<PathBuf> {
        let root = std::env::var_os("RASID_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
        let data = root.join("data");
        if data.is_dir() {
            return Some(data);
        }
        if std::env::var_os("RASID_REQUIRE_SHARED").is_some() {
            panic!("shared data not found at {} and RASID_REQUIRE_SHARED is set", data.display());
        }
        eprintln!("skipped: shared data not found at {} (set RASID_SHARED)", data.display());
        None
    }

    /// Sentences, tokens, entities per type (spans), and `B-` tags per type.
    fn stats(s: &[Sentence]) -> (usize, usize, BTreeMap<&'static str, usize>, BTreeMap<&'static str, usize>) {
        let mut ents = BTreeMap::new();
        let mut begins = BTreeMap::new();
        for sent in s {
            assert_eq!(sent.tokens.len(), sent.tags.len());
            assert!(!sent.tokens.is_empty());
            for (_, _, t) in sent.spans() {
                *ents.entry(t.as_str()).or_insert(0) += 1;
            }
            for tag in &sent.tags {
                if let Tag::B(t) = tag {
                    *begins.entry(t.as_str()).or_insert(0) += 1;
                }
            }
        }
        (s.len(), s.iter().map(|x| x.tokens.len()).sum(), ents, begins)
    }

    fn map(pairs: &[(&'static str, usize)]) -> BTreeMap<&'static str, usize> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn anercorp_real() {
        let Some(data) = shared_data() else { return };
        let dir = data.join("anercorp");
        let train = read_anercorp(&dir.join("ANERCorp_CamelLabProcedure_train.txt")).unwrap();
        let test = read_anercorp(&dir.join("ANERCorp_CamelLabProcedure_test.txt")).unwrap();
        // SOURCE.md: train 3,989 sentences / 125,115 tokens, test 918 / 25,009;
        // its entity counts are `B-` tags.
        let (ns, nt, ents, begins) = stats(&train);
        assert_eq!((ns, nt), (3989, 125_115));
        assert_eq!(begins, map(&[("LOC", 3777), ("PER", 2722), ("ORG", 1576), ("MISC", 888)]));
        // conlleval spans also count the `I-` tags that follow `O` or another type
        assert_eq!(ents, map(&[("LOC", 3780), ("PER", 2736), ("ORG", 1586), ("MISC", 900)]));
        let (ns, nt, ents, begins) = stats(&test);
        assert_eq!((ns, nt), (918, 25_009));
        assert_eq!(begins, map(&[("PER", 881), ("LOC", 653), ("ORG", 450), ("MISC", 229)]));
        assert_eq!(ents, map(&[("PER", 888), ("LOC", 657), ("ORG", 450), ("MISC", 236)]));
        assert_eq!(train[0].tokens[0], "فرانكفورت");
        assert_eq!(train[0].tags[0], Tag::B(Loc));
    }

    #[test]
    fn aqmar_real() {
        let Some(data) = shared_data() else { return };
        let dir = data.join("aqmar");
        let dev = read_aqmar(&dir.join("dev")).unwrap();
        let test = read_aqmar(&dir.join("test")).unwrap();
        // SOURCE.md: dev 21,203 tokens / 711 sentences, test 52,650 / 1,976
        let (ns, nt, ents, begins) = stats(&dev);
        assert_eq!((ns, nt), (711, 21_203));
        eprintln!("aqmar dev: {ents:?} (B- {begins:?})");
        // SOURCE.md B- counts: PER 391, ORG 170, LOC 423, MIS0-3 54+873+126+31 = 1,084
        // (+ B-MIS x2, B-MIS-1 x2 → MISC, B-SPANISH → O)
        assert_eq!(begins, map(&[("PER", 391), ("ORG", 170), ("LOC", 423), ("MISC", 1088)]));
        assert_eq!(ents, map(&[("PER", 391), ("ORG", 171), ("LOC", 423), ("MISC", 1093)]));
        let (ns, nt, ents, begins) = stats(&test);
        assert_eq!((ns, nt), (1976, 52_650));
        eprintln!("aqmar test: {ents:?} (B- {begins:?})");
        // SOURCE.md B- counts: PER 1,081, ORG 286, LOC 1,019, MIS0-3 102+803+390+94 = 1,389
        // (+ B-MIS, B-MIS-2 x2, B-MISS1, B-MIS1` → MISC, B-ENGLISH → O);
        // spans also count `I-` tags after `O` or another type
        assert_eq!(begins, map(&[("PER", 1081), ("ORG", 286), ("LOC", 1019), ("MISC", 1394)]));
        assert_eq!(ents, map(&[("PER", 1087), ("ORG", 301), ("LOC", 1024), ("MISC", 1417)]));
        // the whole folder reads dev then test
        assert_eq!(read_aqmar(&dir).unwrap().len(), 711 + 1976);
        let one = read_aqmar(&dir.join("dev/Atom.txt")).unwrap();
        assert_eq!(one[0].tokens[0], "الذرة");
    }

    #[test]
    fn wojood_real() {
        let Some(data) = shared_data() else { return };
        let dir = data.join("wojood-sample");
        // SOURCE.md: sentences train 1,114 / val 158 / test 357; tokens 18,887 /
        // 2,743 / 5,344 including 350 / 56 / 117 `$#$` markers (removed here;
        // all but 2 at a sentence end); entity mentions (all 21 types) 2,882 / 470 / 870.
        let expect = [
            ("train", 1114, 18_887 - 350, 2883, map(&[("PER", 203), ("ORG", 574), ("LOC", 476)])),
            ("val", 158, 2743 - 56, 470, map(&[("PER", 40), ("ORG", 83), ("LOC", 87)])),
            ("test", 357, 5344 - 117, 870, map(&[("PER", 71), ("ORG", 190), ("LOC", 153)])),
        ];
        for (split, sents, tokens, nested, outer) in expect {
            let path = dir.join(format!("{split}.txt"));
            let s = read_wojood(&path).unwrap();
            let (ns, nt, ents, begins) = stats(&s);
            eprintln!("wojood {split}: {ents:?}");
            assert_eq!((ns, nt), (sents, tokens), "{split}");
            assert_eq!(ents, outer, "{split}");
            assert_eq!(begins, outer, "{split}");
            assert!(s.iter().all(|x| x.tokens.iter().all(|t| t != WOJOOD_MARKER)));
            // all nested spans (train: one sentence starts with an orphan `I-FAC`,
            // hence 2,883 spans for 2,882 `B-` tags)
            let text = fs::read_to_string(&path).unwrap();
            let all: usize = read_wojood_nested(&text).iter().map(|n| nested_spans(&n.columns).len()).sum();
            assert_eq!(all, nested, "{split}");
        }
    }
}
