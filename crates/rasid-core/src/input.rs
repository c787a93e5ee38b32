//! Reading articles from files, folders and standard input.
//!
//! Formats:
//! - plain text: one article per file; the first non-empty line is the
//!   headline, blank lines separate paragraphs;
//! - JSONL: one article per line, an object with `text` (or `content`, `body`)
//!   and optional `id` (or `docno`), `title` (or `headline`), `source` (or
//!   `outlet`, `src`), `url` (or `link`), `published` (or `date`, `time`,
//!   `date_extracted`, `pubDate`);
//! - HTML pages: the main content, extracted (see `html`): title, blank line,
//!   paragraphs separated by blank lines;
//! - WARC files (Common Crawl's news crawl): every HTML response record is an
//!   article (see `warc`);
//! - RSS and Atom feeds: every item is an article (see `feed`).
//!
//! Any of them may be gzip-compressed (`x.jsonl.gz`, `x.warc.gz`, ...): gzip
//! data is recognized by its magic bytes and decompressed first, with the
//! decompressed size capped at 1 GiB (a `.warc.gz` is streamed record by
//! record instead, and capped at 16 GiB).
//!
//! The format comes from the extension (inside `.gz`): `.jsonl`/`.ndjson`,
//! `.txt`/`.text`, `.html`/`.htm`/`.xhtml`, `.warc`, `.rss`/`.atom`/`.xml`.
//! Without one it is sniffed: `WARC/1.x` starts a WARC file, `<!doctype html`
//! or `<html` an HTML page, `<rss`, `<feed` or `<rdf:RDF` (also after an XML
//! declaration) a feed; else the input is JSONL when its first non-blank
//! character is `{` and its first line is a JSON object, else plain text.
//! Folders are walked recursively in name order, reading files with these
//! extensions (and their `.gz` forms) and skipping hidden ones. Every failure
//! is reported for its file (and JSONL line, WARC record or feed item) and
//! never stops the other inputs.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::decode::decode;
use crate::document::{content_id, Meta, Origin};
use crate::error::{Error, Result};

mod feed;
mod gzip;
mod html;
mod warc;

/// One article as read from its input, before analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    /// The id the input gives, if any.
    pub id: Option<String>,
    /// The article text. For JSONL with a title, the title, a blank line and
    /// the body, so that the headline is a span of the text like any other.
    pub text: String,
    /// Whether the first paragraph is the headline (plain text, or JSONL with
    /// a title).
    pub has_headline: bool,
    /// Where it came from.
    pub origin: Origin,
    /// Metadata from the input.
    pub meta: Meta,
}

impl RawArticle {
    /// The article's id: the input's, else a content hash.
    pub fn stable_id(&self) -> String {
        self.id.clone().unwrap_or_else(|| content_id(&self.text))
    }
}

/// A failure to read one input (a file, or one record of a JSONL file, WARC
/// file or feed).
#[derive(Debug)]
pub struct InputError {
    /// The file (`-` for standard input).
    pub file: String,
    /// When the failure is one record's: the 1-based JSONL line, the 1-based
    /// WARC record number (every record counts, skipped ones included) or the
    /// 1-based feed item number.
    pub line: Option<usize>,
    /// What went wrong.
    pub error: Error,
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.error),
            None => write!(f, "{}: {}", self.file, self.error),
        }
    }
}

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article per file.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// An HTML page: its main content is one article.
    Html,
    /// A WARC file: each HTML response record is one article.
    Warc,
    /// An RSS or Atom feed: each item is one article.
    Feed,
}

/// Expands paths into the list of files to read (`-` stays `-`). Missing paths
/// are returned as errors in the second list.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || p.is_file() {
            files.push(p.clone());
        } else if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else {
            errors.push(InputError { file: p.display().to_string(), line: None, error: Error::NotFound(p.clone()) });
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError { file: dir.display().to_string(), line: None, error: Error::Io(e) });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors);
        } else if format_hint(&p).is_some() {
            files.push(p);
        }
    }
}

fn extension(p: &Path) -> Option<String> {
    p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)
}

/// Reads the bytes of a file, or of standard input for `-`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        Ok(fs::read(path)?)
    }
}

/// Reads one file (or `-`) into articles; each entry is an article or the
/// error of one record. A whole-file failure is a single error entry.
pub fn read_file(path: &Path) -> Vec<std::result::Result<RawArticle, InputError>> {
    let name = path.display().to_string();
    match read_bytes(path) {
        Ok(bytes) => parse_bytes(&name, &bytes, format_hint(path)),
        Err(error) => vec![Err(InputError { file: name, line: None, error })],
    }
}

/// The format a path's extension implies, if any; for `x.EXT.gz`, the one
/// `EXT` implies.
pub fn format_hint(path: &Path) -> Option<Format> {
    let mut ext = extension(path);
    if ext.as_deref() == Some("gz") {
        ext = path.file_stem().and_then(|s| extension(Path::new(s)));
    }
    match ext.as_deref() {
        Some("jsonl" | "ndjson") => Some(Format::Jsonl),
        Some("txt" | "text") => Some(Format::Text),
        Some("html" | "htm" | "xhtml") => Some(Format::Html),
        Some("warc") => Some(Format::Warc),
        Some("rss" | "atom" | "xml") => Some(Format::Feed),
        _ => None,
    }
}

/// Decodes and parses the bytes of one input named `name`: gzip data is
/// decompressed first; `hint` (else sniffing) chooses the format.
pub fn parse_bytes(name: &str, bytes: &[u8], hint: Option<Format>) -> Vec<std::result::Result<RawArticle, InputError>> {
    if !gzip::is_gzip(bytes) {
        return parse_plain(name, bytes, hint);
    }
    let file_err = |error| Err(InputError { file: name.to_string(), line: None, error });
    let format = hint.or_else(|| sniff_markup(&gzip::head(bytes, 4096)));
    if format == Some(Format::Warc) {
        // Streamed: a Common Crawl file is larger than the in-memory cap.
        let mut reader = gzip::reader(bytes).take(warc::MAX_STREAM + 1);
        let mut out = warc::parse(name, &mut reader);
        if reader.limit() == 0 {
            out.push(file_err(Error::TooLarge(format!("decompressed data over {}", gzip::human(warc::MAX_STREAM)))));
        }
        return out;
    }
    let (data, error) = gzip::gunzip(bytes, gzip::MAX_DECOMPRESSED);
    let mut out = if data.is_empty() && error.is_some() { Vec::new() } else { parse_plain(name, &data, format) };
    if let Some(e) = error {
        out.push(file_err(e));
    }
    out
}

/// [`parse_bytes`] for data that is not compressed.
fn parse_plain(name: &str, bytes: &[u8], hint: Option<Format>) -> Vec<std::result::Result<RawArticle, InputError>> {
    let file_err = |error| vec![Err(InputError { file: name.to_string(), line: None, error })];
    let hint = hint.or_else(|| sniff_markup(bytes));
    match hint {
        Some(Format::Html) => {
            let origin = Origin { file: name.to_string(), line: None, encoding: String::new() };
            return match html::page_article(bytes, None, origin) {
                Ok(a) => vec![Ok(a)],
                Err(e) => file_err(e),
            };
        }
        Some(Format::Warc) => return warc::parse(name, bytes),
        Some(Format::Feed) => return feed::parse(name, bytes),
        Some(Format::Text | Format::Jsonl) | None => {}
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => return file_err(e),
    };
    let format = hint.unwrap_or_else(|| sniff(&decoded.text));
    let origin = Origin { file: name.to_string(), line: None, encoding: decoded.encoding.to_string() };
    match format {
        Format::Jsonl => parse_jsonl(&decoded.text, &origin),
        _ => vec![Ok(RawArticle { id: None, text: decoded.text, has_headline: true, origin, meta: Meta::default() })],
    }
}

/// The markup format the start of `bytes` shows, if any: WARC, HTML or a feed
/// (see the module documentation). Plain text and JSONL give `None`.
fn sniff_markup(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(4096)];
    let text = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom)) => enc.decode_without_bom_handling(&head[bom..]).0,
        None => String::from_utf8_lossy(head),
    };
    let lower = text.to_ascii_lowercase();
    let mut s = lower.trim_start();
    if s.starts_with("warc/") && s[5..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some(Format::Warc);
    }
    loop {
        let starts_tag = |name: &str| {
            s.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace()))
        };
        if starts_tag("<!doctype html") || starts_tag("<html") || starts_tag("<head") {
            return Some(Format::Html);
        }
        if starts_tag("<rss") || starts_tag("<feed") || starts_tag("<rdf:rdf") {
            return Some(Format::Feed);
        }
        let skip = if s.starts_with("<!--") {
            "-->"
        } else if s.starts_with("<?") {
            "?>"
        } else if s.starts_with("<!") {
            ">"
        } else {
            return None;
        };
        s = s[2..].split_once(skip)?.1.trim_start();
    }
}

fn sniff(text: &str) -> Format {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if first.starts_with('{') && serde_json::from_str::<serde_json::Map<String, Value>>(first).is_ok() {
        Format::Jsonl
    } else {
        Format::Text
    }
}

fn parse_jsonl(text: &str, origin: &Origin) -> Vec<std::result::Result<RawArticle, InputError>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let lineno = i + 1;
        let origin = Origin { line: Some(lineno), ..origin.clone() };
        let err = |error| InputError { file: origin.file.clone(), line: Some(lineno), error };
        match parse_record(line, origin.clone()) {
            Ok(a) => out.push(Ok(a)),
            Err(e) => out.push(Err(err(e))),
        }
    }
    if out.is_empty() {
        out.push(Err(InputError { file: origin.file.clone(), line: None, error: Error::Empty }));
    }
    out
}

fn field(obj: &serde_json::Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match obj.get(*n) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(x)) => Some(x.to_string()),
        _ => None,
    })
}

fn parse_record(line: &str, origin: Origin) -> Result<RawArticle> {
    let value: Value = serde_json::from_str(line).map_err(|e| Error::Json(e.to_string()))?;
    let Value::Object(obj) = value else {
        return Err(Error::Json("not an object".into()));
    };
    let has_text_field = ["text", "content", "body"].iter().any(|k| obj.get(*k).is_some_and(Value::is_string));
    let body = field(&obj, &["text", "content", "body"]);
    let title = field(&obj, &["title", "headline"]).map(|t| t.trim().to_string());
    let (text, has_headline) = match (title, body) {
        (Some(t), Some(b)) => (format!("{t}\n\n{b}"), true),
        (Some(t), None) if has_text_field => (t, true),
        (None, Some(b)) => (b, false),
        (_, None) if has_text_field => return Err(Error::Empty),
        _ => return Err(Error::MissingText),
    };
    let meta = Meta {
        outlet: field(&obj, &["source", "outlet", "src"]),
        url: field(&obj, &["url", "link"]),
        published: field(&obj, &["published", "date", "time", "pubDate", "date_extracted"]),
    };
    Ok(RawArticle { id: field(&obj, &["id", "docno"]), text, has_headline, origin, meta })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_and_bad_lines() {
        let data =
            "{\"id\": \"a1\", \"title\": \"عنوان الخبر\", \"content\": \"الفقرة الاولى\", \"source\": \"okaz\"}\n\
                    {\"id\": 2, \"text\": \"نص بلا عنوان\"}\n\
                    {\"id\": \"broken\", \"text\": \"نص\n\
                    {\"title\": \"بلا نص\"}\n";
        let out = parse_bytes("x.jsonl", data.as_bytes(), None);
        assert_eq!(out.len(), 4);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.text, "عنوان الخبر\n\nالفقرة الاولى");
        assert_eq!(a.meta.outlet.as_deref(), Some("okaz"));
        assert_eq!(out[1].as_ref().unwrap().id.as_deref(), Some("2"));
        let e = out[2].as_ref().unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.to_string().starts_with("x.jsonl:3: malformed json"), "{e}");
        assert!(matches!(out[3].as_ref().unwrap_err().error, Error::MissingText));
    }

    #[test]
    fn text_is_sniffed_when_no_extension() {
        let out = parse_bytes("-", "عنوان\n\nفقرة".as_bytes(), None);
        assert!(out[0].as_ref().unwrap().has_headline);
        let out = parse_bytes("-", "{\"text\": \"نص\"}\n".as_bytes(), None);
        assert_eq!(out[0].as_ref().unwrap().text, "نص");
    }
}
