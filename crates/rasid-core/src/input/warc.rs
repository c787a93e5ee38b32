//! WARC files (`.warc`, `.warc.gz`), the format of Common Crawl's news crawl.
//!
//! Every `response` record whose HTTP payload is HTML (a 2xx status, and
//! `Content-Type: text/html` / `application/xhtml+xml`, or no content type and
//! a body that sniffs as HTML), and every `resource` record holding HTML, is
//! one article: the HTTP response is parsed (status line, headers, chunked
//! transfer coding, gzip/deflate content coding), the page decoded with the
//! charset of its `Content-Type` (else its `<meta charset>`, else detection)
//! and its main content extracted like an HTML file. The article's URL is the
//! record's `WARC-Target-URI` and its id the `WARC-Record-ID` (without the
//! angle brackets). Other records (`warcinfo`, `request`, `metadata`,
//! `revisit`, non-HTML or non-2xx responses) are skipped.
//!
//! Errors are per record, numbered from 1 in file order (every record counts,
//! skipped ones included) and reported in [`InputError::line`]; the reader then
//! goes on with the next record. A record cut short by the end of the file (or
//! of its gzip stream) ends the reading with one error; records read before it
//! are kept. After a malformed header (or a wrong `Content-Length`), the
//! reader skips ahead to the next `WARC/` version line. A file with records
//! but no article and no failing record is one [`Error::NoArticle`].
//!
//! Why not the `warc` crate (0.4): its reader needs CRLF line ends exactly,
//! cannot find the next record after a malformed one (an error mid-file loses
//! the rest of the file), does not parse the HTTP payload, and pulls in nom,
//! chrono, url, uuid 0.8 and libflate for what is a small line-oriented format;
//! this reader is a few functions over [`BufRead`], streams `.warc.gz` member
//! after member through flate2 without holding the decompressed file in
//! memory, and bounds every line, header block and record it reads.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::document::Origin;
use crate::error::{Error, Result};

use super::gzip::{gunzip_from, human};
use super::{html, sniff_markup, Format, InputError, RawArticle};

/// Longest header line kept (longer ones are cut).
const MAX_LINE: usize = 64 * 1024;
/// Largest WARC header block.
const MAX_HEADER: usize = 1 << 20;
/// Largest record block (and decoded HTTP body) read for an article.
pub(super) const MAX_RECORD: u64 = 64 << 20;
/// Cap on the decompressed size of a streamed `.warc.gz`.
pub(super) const MAX_STREAM: u64 = 16 << 30;

type Parsed = std::result::Result<RawArticle, InputError>;

/// Header fields, in order, names compared without case.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Parses one `Name: value` line, or a continuation line (leading space or
    /// tab) of the previous field.
    fn push_line(&mut self, line: &[u8]) -> Result<(), String> {
        let text = String::from_utf8_lossy(line);
        if line.first().is_some_and(|b| matches!(b, b' ' | b'\t')) {
            if let Some((_, v)) = self.0.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
                return Ok(());
            }
        }
        match text.split_once(':') {
            Some((n, v)) if !n.trim().is_empty() => {
                self.0.push((n.trim().to_string(), v.trim().to_string()));
                Ok(())
            }
            _ => Err(format!("bad header line {:?}", truncate(&text, 40))),
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.trim_end().chars().take(n).collect()
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b'\r' | b'\n'))
}

fn strip_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Reads until `\n` like [`BufRead::read_until`], keeping at most `max` bytes
/// of the line (the rest is consumed and dropped). Returns the number of bytes
/// consumed (0 at the end of the input).
fn read_line_capped<R: BufRead>(r: &mut R, line: &mut Vec<u8>, max: usize) -> io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(consumed);
        }
        let (n, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = max.saturating_sub(line.len());
        line.extend_from_slice(&buf[..n.min(room)]);
        r.consume(n);
        consumed += n;
        if done {
            return Ok(consumed);
        }
    }
}

/// What the search for the next record found.
enum Next {
    /// A `WARC/` version line; `garbage` when other bytes came before it.
    Record { garbage: bool },
    /// The end of the input; `garbage` when other bytes came before it.
    End { garbage: bool },
}

fn next_record<R: BufRead>(r: &mut R, line: &mut Vec<u8>) -> io::Result<Next> {
    let mut garbage = false;
    loop {
        if read_line_capped(r, line, MAX_LINE)? == 0 {
            return Ok(Next::End { garbage });
        }
        if line.starts_with(b"WARC/") {
            return Ok(Next::Record { garbage });
        }
        garbage |= !is_blank(line);
    }
}

/// How a failed record leaves the reader.
enum After {
    /// Go on: the reader is at the end of the record.
    Next,
    /// Skip ahead to the next version line (the record's extent is unknown).
    Resync,
    /// Stop: the input ended inside the record or could not be read.
    Stop,
}

/// Reads every record of a WARC stream; see the module documentation.
pub(super) fn parse<R: BufRead>(name: &str, mut r: R) -> Vec<Parsed> {
    let mut out = Vec::new();
    let mut record = 0usize;
    let mut resyncing = false;
    let mut line = Vec::with_capacity(256);
    let err = |line, error| Err(InputError { file: name.to_string(), line, error });
    loop {
        let next = match next_record(&mut r, &mut line) {
            Ok(n) => n,
            Err(e) => {
                out.push(err(Some(record + 1), Error::Io(e)));
                break;
            }
        };
        let (Next::Record { garbage } | Next::End { garbage }) = next;
        if garbage && !resyncing {
            if record == 0 {
                out.push(err(None, Error::Warc("not a warc file (no WARC/1.x version line first)".into())));
                return out;
            }
            out.push(err(
                Some(record),
                Error::Warc("unexpected bytes after the record (wrong content-length?)".into()),
            ));
        }
        if let Next::End { .. } = next {
            break;
        }
        record += 1;
        resyncing = false;
        let origin = Origin { file: name.to_string(), line: Some(record), encoding: String::new() };
        match read_record(&mut r, &mut line, origin) {
            Ok(None) => {}
            Ok(Some(Ok(a))) => out.push(Ok(a)),
            Ok(Some(Err(e))) => out.push(err(Some(record), e)),
            Err((e, after)) => {
                out.push(err(Some(record), e));
                match after {
                    After::Next => {}
                    After::Resync => resyncing = true,
                    After::Stop => break,
                }
            }
        }
    }
    if out.is_empty() {
        // Nothing came out: say why rather than print nothing.
        out.push(err(None, if record == 0 { Error::Empty } else { Error::NoArticle }));
    }
    out
}

/// Reads one record after its version line. `Ok(None)`: a record that is not
/// an article; `Ok(Some(..))`: the article or why the record's payload gave
/// none; `Err`: the record itself is broken.
fn read_record<R: BufRead>(
    r: &mut R,
    line: &mut Vec<u8>,
    origin: Origin,
) -> std::result::Result<Option<Result<RawArticle>>, (Error, After)> {
    let io_err = |e: io::Error| (Error::Io(e), After::Stop);
    let mut headers = Headers::default();
    let mut size = 0;
    loop {
        let n = read_line_capped(r, line, MAX_LINE).map_err(io_err)?;
        if n == 0 {
            return Err((Error::Warc("truncated record header".into()), After::Stop));
        }
        size += n;
        if size > MAX_HEADER {
            return Err((Error::TooLarge(format!("warc header over {}", human(MAX_HEADER as u64))), After::Resync));
        }
        if is_blank(line) {
            break;
        }
        headers.push_line(strip_line_end(line)).map_err(|m| (Error::Warc(m), After::Resync))?;
    }
    let len: u64 = match headers.get("Content-Length").map(|v| v.trim().parse()) {
        Some(Ok(n)) => n,
        Some(Err(_)) => return Err((Error::Warc("bad content-length".into()), After::Resync)),
        None => return Err((Error::Warc("missing content-length".into()), After::Resync)),
    };
    let kind = headers.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let wanted = match kind.as_str() {
        // A response record holds an HTTP message (`application/http`); other
        // content types (`text/dns`, ...) are not web pages.
        "response" => {
            headers.get("Content-Type").is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http"))
        }
        "resource" => headers.get("Content-Type").is_none_or(is_html_type),
        _ => false,
    };
    if !wanted || len > MAX_RECORD {
        let skipped = io::copy(&mut r.take(len), &mut io::sink()).map_err(io_err)?;
        if skipped < len {
            return Err((Error::Warc(format!("truncated record ({skipped} of {len} bytes)")), After::Stop));
        }
        if wanted {
            return Err((Error::TooLarge(format!("record over {}", human(MAX_RECORD))), After::Next));
        }
        return Ok(None);
    }
    let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
    r.take(len).read_to_end(&mut block).map_err(io_err)?;
    if (block.len() as u64) < len {
        return Err((Error::Warc(format!("truncated record ({} of {len} bytes)", block.len())), After::Stop));
    }
    let article = if kind == "response" {
        http_article(&block, origin)
    } else {
        let charset = headers.get("Content-Type").and_then(charset_param);
        if headers.get("Content-Type").is_none() && sniff_markup(&block) != Some(Format::Html) {
            return Ok(None);
        }
        Some(html::page_article(&block, charset.as_deref(), origin))
    };
    Ok(article.map(|a| {
        a.map(|mut a| {
            if let Some(uri) = headers.get("WARC-Target-URI").map(strip_angles).filter(|u| !u.is_empty()) {
                a.meta.url = Some(uri.to_string());
            }
            a.id = headers.get("WARC-Record-ID").map(strip_angles).filter(|u| !u.is_empty()).map(str::to_string);
            a
        })
    }))
}

fn strip_angles(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(s)
}

/// An HTML response's article; `None` for a response that is not a 2xx HTML
/// page.
fn http_article(block: &[u8], origin: Origin) -> Option<Result<RawArticle>> {
    let http = match Http::parse(block) {
        Ok(h) => h,
        Err(e) => return Some(Err(e)),
    };
    if !(200..300).contains(&http.status) {
        return None;
    }
    let content_type = http.headers.get("Content-Type").filter(|t| !t.trim().is_empty());
    if content_type.is_some_and(|t| !is_html_type(t)) {
        return None;
    }
    let body = match http.body() {
        Ok(b) => b,
        Err(e) => return Some(Err(e)),
    };
    if content_type.is_none() && sniff_markup(&body) != Some(Format::Html) {
        return None;
    }
    let charset = content_type.and_then(charset_param);
    Some(html::page_article(&body, charset.as_deref(), origin))
}

/// `text/html` or `application/xhtml+xml`, with any parameters.
fn is_html_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(essence.as_str(), "text/html" | "application/xhtml+xml")
}

/// The `charset` parameter of a content type.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let v = v.trim().trim_matches(['"', '\'']).trim();
        (k.trim().eq_ignore_ascii_case("charset") && !v.is_empty()).then(|| v.to_string())
    })
}

/// A parsed HTTP response message.
struct Http<'a> {
    status: u16,
    headers: Headers,
    raw_body: &'a [u8],
}

impl<'a> Http<'a> {
    fn parse(block: &'a [u8]) -> Result<Http<'a>> {
        if !block.starts_with(b"HTTP/") {
            return Err(Error::Http("no status line".into()));
        }
        let mut lines = Vec::new();
        let mut pos = 0;
        let body_start = loop {
            let Some(nl) = block[pos..].iter().position(|&b| b == b'\n') else {
                return Err(Error::Http("truncated headers".into()));
            };
            let line = strip_line_end(&block[pos..pos + nl + 1]);
            pos += nl + 1;
            if line.is_empty() {
                break pos;
            }
            lines.push(line);
        };
        let status_line = String::from_utf8_lossy(lines[0]);
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::Http(format!("bad status line {:?}", truncate(&status_line, 40))))?;
        let mut headers = Headers::default();
        for l in &lines[1..] {
            // Servers send odd lines; one without a colon is ignored.
            let _ = headers.push_line(l);
        }
        Ok(Http { status, headers, raw_body: &block[body_start..] })
    }

    /// The payload, with the transfer coding (chunked) and the content coding
    /// (gzip, deflate) undone.
    fn body(&self) -> Result<Cow<'a, [u8]>> {
        let chunked = self.headers.get("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let body = if chunked { dechunk(self.raw_body)? } else { Cow::Borrowed(self.raw_body) };
        let coding = self.headers.get("Content-Encoding").unwrap_or("").trim().to_ascii_lowercase();
        let decoded = match coding.as_str() {
            "" | "identity" | "none" => return Ok(body),
            // Some archivers store the decoded payload but keep the header.
            "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => return Ok(body),
            "gzip" | "x-gzip" => gunzip_from(MultiGzDecoder::new(&body[..]), MAX_RECORD),
            "deflate" if body.first().is_some_and(|b| b & 0x0f == 8) => {
                gunzip_from(ZlibDecoder::new(&body[..]), MAX_RECORD)
            }
            "deflate" => gunzip_from(DeflateDecoder::new(&body[..]), MAX_RECORD),
            other => return Err(Error::Http(format!("unsupported content-encoding {other}"))),
        };
        match decoded {
            (data, None) => Ok(Cow::Owned(data)),
            (_, Some(e)) => Err(e),
        }
    }
}

/// Undoes chunked transfer coding. A body that does not start with a chunk
/// size is taken as already decoded (archivers often store it so).
fn dechunk(body: &[u8]) -> Result<Cow<'_, [u8]>> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let Some(nl) = body[pos..].iter().position(|&b| b == b'\n') else {
            if pos == 0 {
                return Ok(Cow::Borrowed(body));
            }
            return Err(Error::Http("truncated chunked body".into()));
        };
        let size_line = String::from_utf8_lossy(strip_line_end(&body[pos..pos + nl + 1]));
        let hex = size_line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(hex, 16) else {
            if pos == 0 {
                return Ok(Cow::Borrowed(body));
            }
            return Err(Error::Http("bad chunk size".into()));
        };
        pos += nl + 1;
        if size == 0 {
            return Ok(Cow::Owned(out));
        }
        let end = pos
            .checked_add(size)
            .filter(|&e| e <= body.len())
            .ok_or_else(|| Error::Http("truncated chunked body".into()))?;
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::gzip::tests::gz;
    use crate::input::html::tests::{news_page, western_digits, P1, P2, TITLE};
    use crate::input::{format_hint, parse_bytes};
    use encoding_rs::WINDOWS_1256;
    use std::path::Path;

    fn record(kind: &str, uri: &str, id: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <{id}>\r\n\
             WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    const URI: &str = "https://alrasd.example/news/farmers?ref=rss";
    const ID: &str = "urn:uuid:3f2c1b9e-8a4d-4c1e-9f00-0a1b2c3d4e5f";

    /// A warcinfo record, one HTML response and one image response, each
    /// record apart.
    fn records() -> Vec<Vec<u8>> {
        let page = news_page("utf-8");
        let html = response("Content-Type: text/html; charset=UTF-8\r\n", page.as_bytes());
        let png = response("Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        vec![
            record("warcinfo", "", "urn:uuid:info", "application/warc-fields", b"software: test\r\n"),
            record("response", URI, ID, "application/http; msgtype=response", &html),
            record(
                "response",
                "https://alrasd.example/logo.png",
                "urn:uuid:png",
                "application/http; msgtype=response",
                &png,
            ),
        ]
    }

    fn two_records() -> Vec<u8> {
        records().concat()
    }

    #[test]
    fn html_response_is_an_article_and_other_records_are_skipped() {
        let out = parse_bytes("cc.warc", &two_records(), format_hint(Path::new("cc.warc")));
        assert_eq!(out.len(), 1, "{out:?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.meta.url.as_deref(), Some(URI));
        assert_eq!(a.id.as_deref(), Some(ID));
        assert_eq!(a.origin.line, Some(2));
        assert!(a.has_headline);
        assert!(a.text.starts_with(&format!("{TITLE}\n\n{P1}\n\n{P2}")), "{}", a.text);
        assert!(!a.text.contains("الرئيسية"));
        assert_eq!(a.meta.outlet.as_deref(), Some("صحيفة الرصد"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-03-05T09:30:00+03:00"));
        // sniffed without a hint, and gzipped (one member per record, like Common Crawl)
        assert_eq!(parse_bytes("-", &two_records(), None).len(), 1);
        let members: Vec<u8> = records().iter().flat_map(|r| gz(r)).collect();
        let out = parse_bytes("cc.warc.gz", &members, format_hint(Path::new("cc.warc.gz")));
        assert_eq!(out[0].as_ref().unwrap().id.as_deref(), Some(ID));
    }

    #[test]
    fn truncated_warc_keeps_the_good_record() {
        let mut w = two_records();
        w.truncate(w.len() - 10);
        let out = parse_bytes("cut.warc", &w, None);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].as_ref().unwrap().id.as_deref(), Some(ID));
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.to_string().starts_with("cut.warc:3: malformed warc: truncated record"), "{e}");
        // the same cut inside a gzip stream
        let z = gz(&two_records());
        let out = parse_bytes("cut.warc.gz", &z[..z.len() - 30], None);
        assert!(out[0].is_ok(), "{out:?}");
        assert!(out.last().unwrap().is_err());
    }

    #[test]
    fn a_bad_record_is_one_error_and_reading_goes_on() {
        let page = news_page("utf-8");
        let html = response("Content-Type: text/html\r\n", page.as_bytes());
        let mut w = record("response", URI, "urn:uuid:a", "application/http; msgtype=response", b"garbage, not http");
        // a wrong content-length: the reader must find the next record
        let bad = record("response", URI, "urn:uuid:b", "application/http; msgtype=response", &html);
        let bad = String::from_utf8(bad).unwrap().replacen(
            &format!("Content-Length: {}", html.len()),
            &format!("Content-Length: {}", html.len() / 2),
            1,
        );
        w.extend(bad.bytes());
        w.extend(record("response", URI, "urn:uuid:c", "application/http; msgtype=response", &html));
        w.extend(record(
            "response",
            URI,
            "urn:uuid:d",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><nav></nav></body></html>",
        ));
        let out = parse_bytes("bad.warc", &w, None);
        let lines: Vec<_> = out
            .iter()
            .map(|r| r.as_ref().map_or_else(|e| (e.line, e.to_string()), |a| (a.origin.line, a.stable_id())))
            .collect();
        assert!(
            lines.contains(&(Some(1), "bad.warc:1: malformed http response: no status line".to_string())),
            "{lines:?}"
        );
        assert!(lines.iter().any(|(l, s)| *l == Some(2) && s.contains("bad.warc:2:")), "{lines:?}");
        assert!(lines.contains(&(Some(3), "urn:uuid:c".to_string())), "{lines:?}");
        assert!(lines.contains(&(Some(4), "bad.warc:4: no article text found".to_string())), "{lines:?}");
    }

    #[test]
    fn chunked_gzip_windows_1256_payload() {
        let page = western_digits(&news_page("windows-1256").replace("<meta charset=\"windows-1256\">", ""));
        let (cp1256, _, _) = WINDOWS_1256.encode(&page);
        let zipped = gz(&cp1256);
        let mut chunked = Vec::new();
        for c in zipped.chunks(100) {
            chunked.extend(format!("{:x};ext=1\r\n", c.len()).bytes());
            chunked.extend_from_slice(c);
            chunked.extend(b"\r\n");
        }
        chunked.extend(b"0\r\n\r\n");
        let headers = "Content-Type: text/html; charset=\"windows-1256\"\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n";
        let w = record("response", URI, ID, "application/http; msgtype=response", &response(headers, &chunked));
        let a = parse_bytes("x.warc", &w, None).remove(0).unwrap();
        assert_eq!(a.origin.encoding, "windows-1256");
        assert!(a.text.contains(P2));
        assert_eq!(dechunk(b"<html>not chunked").unwrap().as_ref(), b"<html>not chunked");
        assert!(matches!(dechunk(b"10\r\nshort"), Err(Error::Http(_))));
    }

    #[test]
    fn lf_only_line_ends_and_non_warc_input() {
        let http = format!("HTTP/1.1 200 OK\nContent-Type: text/html\n\n{}", news_page("utf-8"));
        let lf = format!(
            "WARC/1.0\nWARC-Type: response\nWARC-Target-URI: {URI}\nContent-Length: {}\n\n{http}\n\n",
            http.len()
        );
        let a = parse_bytes("lf.warc", lf.as_bytes(), None).remove(0).unwrap();
        assert_eq!((a.meta.url.as_deref(), a.origin.line), (Some(URI), Some(1)));
        assert!(a.text.contains(P2));
        let e = parse_bytes("x.warc", b"hello, not a warc\n", Some(Format::Warc)).remove(0).unwrap_err();
        assert_eq!(e.to_string(), "x.warc: malformed warc: not a warc file (no WARC/1.x version line first)");
        let only_info = &records()[0];
        assert_eq!(
            parse_bytes("i.warc", only_info, None)[0].as_ref().unwrap_err().to_string(),
            "i.warc: no article text found"
        );
        assert_eq!(charset_param("text/html; Charset='windows-1256'").as_deref(), Some("windows-1256"));
        assert!(is_html_type("Text/HTML ; charset=utf-8") && !is_html_type("text/plain"));
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = parse_bytes("fuzz.warc", &bytes, Some(Format::Warc));
            let mut w = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n".to_vec();
            w.extend_from_slice(&bytes);
            let _ = parse_bytes("fuzz.warc", &w, None);
        }

        #[test]
        fn cut_anywhere_never_panics(cut in 0usize..20_000) {
            let w = two_records();
            let _ = parse_bytes("cut.warc", &w[..cut.min(w.len())], None);
        }
    }
}
