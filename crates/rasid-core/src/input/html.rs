//! HTML pages: charset, main-content extraction and metadata.
//!
//! The article body is found with `dom_smoothie` (a port of Mozilla's
//! Readability): navigation, sidebars, footers and scripts are dropped, and the
//! kept blocks become plain-text paragraphs. The article text is the title, a
//! blank line, then the paragraphs separated by blank lines, so that the
//! structure parser sees the headline and paragraphs like in plain text.
//!
//! Metadata comes from the page when it gives it: the outlet from
//! `og:site_name` (or JSON-LD `publisher.name`, `application-name`), the URL
//! from `<link rel=canonical>` (or `og:url`, JSON-LD `url`), the publication
//! date from `article:published_time` (or JSON-LD `datePublished`,
//! `itemprop=datePublished`, the first `<time datetime>`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::decode::{decode, Decoded};
use crate::document::{Meta, Origin};
use crate::error::{Error, Result};

use super::RawArticle;

/// Pages with more elements than this are refused (extraction time grows with
/// the element count; real news pages have a few thousand).
const MAX_ELEMENTS: usize = 200_000;

/// How far into a page the `<meta charset>` declaration is looked for.
const CHARSET_SCAN: usize = 4096;

/// What extraction found in a page.
#[derive(Debug, Default)]
pub(super) struct Page {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

/// Reads one HTML page into an article. `declared` is a charset declared
/// outside the page (an HTTP `Content-Type`); `origin` is completed with the
/// encoding found.
pub(super) fn page_article(bytes: &[u8], declared: Option<&str>, mut origin: Origin) -> Result<RawArticle> {
    let decoded = decode_html(bytes, declared)?;
    origin.encoding = decoded.encoding.to_string();
    let page = extract(&decoded.text)?;
    let has_headline = page.title.is_some();
    let text = join(page.title.as_deref(), &page.paragraphs);
    let meta = Meta { outlet: page.outlet, url: page.url, published: page.published };
    Ok(RawArticle { id: None, text, has_headline, origin, meta })
}

/// The article text: the title (when there is one), a blank line, and the
/// paragraphs separated by blank lines.
pub(super) fn join(title: Option<&str>, paragraphs: &[String]) -> String {
    let mut text = String::new();
    for p in title.into_iter().chain(paragraphs.iter().map(String::as_str)) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(p);
    }
    text
}

/// Decodes an HTML page: a byte-order mark decides; else a declared charset
/// (`declared`, then `<meta charset>` / `http-equiv` / the XML declaration in
/// the first 4 KiB) is used, except that a page declared UTF-8 that is not
/// valid UTF-8 and a page declared otherwise that is valid non-ASCII UTF-8 go
/// to detection ([`decode`]: UTF-8, else Windows-1256 Arabic).
pub(super) fn decode_html(bytes: &[u8], declared: Option<&str>) -> Result<Decoded> {
    if Encoding::for_bom(bytes).is_some() {
        return decode(bytes);
    }
    let label = declared.map(str::to_string).or_else(|| meta_charset(bytes));
    let Some(enc) = label.as_deref().and_then(|l| Encoding::for_label(l.trim().as_bytes())) else {
        return decode(bytes);
    };
    // A UTF-16 label in an ASCII-compatible page is wrong (as browsers assume).
    let enc = if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc };
    if enc == UTF_8 || std::str::from_utf8(bytes).is_ok_and(|s| !s.is_ascii()) {
        return decode(bytes);
    }
    if bytes.contains(&0) {
        return Err(Error::Binary);
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    Ok(Decoded { text: text.into_owned(), encoding: enc.name() })
}

/// The charset a page declares in its first bytes: `<meta charset=...>`,
/// `<meta http-equiv=content-type content="...; charset=...">`, or an XML
/// declaration's `encoding`.
pub(super) fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(CHARSET_SCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        if let Some(i) = find(&lower[..end], b"encoding", 0) {
            if let Some(v) = attr_value(&lower[i + 8..end]) {
                return Some(v);
            }
        }
    }
    let mut from = 0;
    while let Some(i) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", i).unwrap_or(lower.len());
        let tag = &lower[i..end];
        if let Some(j) = find(tag, b"charset", 0) {
            if let Some(v) = attr_value(&tag[j + 7..]) {
                return Some(v);
            }
        }
        from = end;
    }
    None
}

/// The value after `=` (optionally quoted), up to a quote, space, `;` or `>`.
fn attr_value(rest: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(&rest[..rest.len().min(128)]);
    let s = s.trim_start().strip_prefix('=')?.trim_start();
    let s = s.trim_start_matches(['"', '\'']);
    let v: String =
        s.chars().take_while(|c| !matches!(c, '"' | '\'' | ';' | '>' | '/') && !c.is_whitespace()).collect();
    (!v.is_empty()).then_some(v)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// Extracts the main content and metadata of a page. No body text is
/// [`Error::NoArticle`]; a panic inside the extractor is caught and becomes
/// that error too, so one odd page never stops a batch.
pub(super) fn extract(html: &str) -> Result<Page> {
    catch_unwind(AssertUnwindSafe(|| extract_inner(html))).unwrap_or(Err(Error::NoArticle))
}

fn extract_inner(html: &str) -> Result<Page> {
    let cfg = Config { text_mode: TextMode::Formatted, max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let mut r = Readability::new(html, None, Some(cfg)).map_err(|_| Error::NoArticle)?;
    // Metadata that Readability does not read, taken before it rewrites the page.
    let canonical = first_attr(&r, "link[rel=canonical]", "href")
        .or_else(|| first_attr(&r, "meta[property=\"og:url\"]", "content"))
        .filter(|u| is_absolute(u));
    let app_name = first_attr(&r, "meta[name=application-name]", "content");
    let date = first_attr(&r, "meta[itemprop=datePublished]", "content")
        .or_else(|| first_attr(&r, "[itemprop=datePublished][datetime]", "datetime"))
        .or_else(|| first_attr(&r, "meta[name=pubdate]", "content"))
        .or_else(|| first_attr(&r, "time[datetime]", "datetime"));
    // A block that is only a `<time>` element is the page's date line, not text.
    let times: Vec<String> =
        r.doc.try_select("time").map(|t| t.iter().map(|t| one_line(&t.text())).collect()).unwrap_or_default();
    let article = match r.parse() {
        Ok(a) => a,
        Err(ReadabilityError::TooManyElements(n, _)) => {
            return Err(Error::TooLarge(format!("page has {n} elements (limit {MAX_ELEMENTS})")))
        }
        Err(_) => return Err(Error::NoArticle),
    };
    let title = Some(one_line(&article.title)).filter(|t| !t.is_empty());
    let mut paragraphs = paragraphs(&article.text_content);
    paragraphs.retain(|p| !times.contains(p));
    if let (Some(t), Some(first)) = (&title, paragraphs.first()) {
        if first == t {
            paragraphs.remove(0);
        }
    }
    if paragraphs.is_empty() {
        return Err(Error::NoArticle);
    }
    let clean = |s: Option<String>| s.map(|s| one_line(&s)).filter(|s| !s.is_empty());
    Ok(Page {
        title,
        paragraphs,
        outlet: clean(article.site_name).or_else(|| clean(app_name)),
        url: canonical.or_else(|| article.url.filter(|u| is_absolute(u))),
        published: clean(article.published_time).or_else(|| clean(date)),
    })
}

fn first_attr(r: &Readability, selector: &str, attr: &str) -> Option<String> {
    let v = r.doc.try_select(selector)?.attr(attr)?;
    let v = one_line(&v);
    (!v.is_empty()).then_some(v)
}

fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Plain-text paragraphs of an HTML fragment (a feed item's content): every
/// block and line break starts a paragraph; scripts and styles are dropped.
pub(super) fn fragment_paragraphs(html: &str) -> Vec<String> {
    catch_unwind(AssertUnwindSafe(|| {
        let r = Readability::from(html);
        if let Some(junk) = r.doc.try_select("script, style, noscript, template, iframe") {
            junk.remove();
        }
        paragraphs(&r.doc.formatted_text())
    }))
    .unwrap_or_default()
}

/// Text lines to paragraphs: white space collapsed, lines without a letter or
/// digit (separators, stray marks) dropped.
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    text.lines().map(one_line).filter(|l| l.chars().any(char::is_alphanumeric)).collect()
}

/// White space (including no-break spaces and line breaks) collapsed to single
/// spaces, trimmed.
pub(super) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::input::{parse_bytes, Format};
    use encoding_rs::WINDOWS_1256;

    pub const P1: &str = "عمّان - بترا: أعلنت الحكومة الأردنية اليوم الثلاثاء خطة جديدة لدعم صغار المزارعين في المحافظات الشمالية والجنوبية، تتضمن قروضاً ميسرة بلا فوائد ومنحاً لشراء البذور والأسمدة وتحسين شبكات الري.";
    pub const P2: &str = "وقال وزير الزراعة في مؤتمر صحفي عقده في مقر الوزارة إن الخطة ستكلف نحو خمسين مليون دينار على مدى ثلاث سنوات، وإنها تستهدف أكثر من عشرين ألف أسرة ريفية تعتمد على الزراعة مصدراً رئيسياً للدخل.";
    pub const P3: &str = "وأضاف الوزير أن الحكومة ستنشئ صندوقاً خاصاً لتعويض المزارعين عن خسائر الجفاف والصقيع، مشيراً إلى أن التسجيل في البرنامج سيبدأ مطلع الشهر المقبل عبر منصة إلكترونية ومكاتب الزراعة في جميع الألوية.";
    pub const TITLE: &str = "الحكومة تعلن خطة جديدة لدعم المزارعين";

    /// A news page with navigation, a sidebar and a footer around the article.
    pub fn news_page(charset: &str) -> String {
        format!(
            r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="{charset}">
<title>{TITLE} | صحيفة الرصد</title>
<meta property="og:site_name" content="صحيفة الرصد">
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2024-03-05T09:30:00+03:00">
<link rel="canonical" href="https://alrasd.example/news/2024/03/05/farmers">
<script>var tracking = "رمز التتبع";</script>
<style>body {{ direction: rtl; }}</style>
</head>
<body>
<header class="site-header"><nav class="menu"><ul>
<li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>
<li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li>
<li><a href="/contact">اتصل بنا</a></li></ul></nav></header>
<div class="sidebar"><h3>الأكثر قراءة</h3><ul>
<li><a href="/a">منتخب الشباب يفوز على نظيره في البطولة الودية</a></li>
<li><a href="/b">انخفاض درجات الحرارة في عطلة نهاية الأسبوع</a></li></ul></div>
<main><article class="post-content">
<h1>{TITLE}</h1>
<time datetime="2024-03-05T09:30:00+03:00">٥ آذار ٢٠٢٤</time>
<p>{P1}</p>
<p>{P2}</p>
<p>{P3}</p>
</article></main>
<footer class="site-footer"><p>جميع الحقوق محفوظة لصحيفة الرصد ٢٠٢٤</p>
<a href="/privacy">سياسة الخصوصية</a></footer>
</body></html>"#
        )
    }

    pub fn western_digits(s: &str) -> String {
        s.chars()
            .map(|c| if ('٠'..='٩').contains(&c) { char::from(b'0' + (c as u32 - 0x660) as u8) } else { c })
            .collect()
    }

    #[test]
    fn news_page_main_content_and_metadata() {
        let html = news_page("utf-8");
        let out = parse_bytes("page.html", html.as_bytes(), Some(Format::Html));
        assert_eq!(out.len(), 1);
        let a = out[0].as_ref().unwrap();
        assert!(a.has_headline);
        assert_eq!(a.text, format!("{TITLE}\n\n{P1}\n\n{P2}\n\n{P3}"));
        for junk in
            ["الرئيسية", "الأكثر قراءة", "منتخب الشباب", "جميع الحقوق", "سياسة الخصوصية", "رمز التتبع", "direction"]
        {
            assert!(!a.text.contains(junk), "{junk:?} leaked into {:?}", a.text);
        }
        assert_eq!(a.meta.outlet.as_deref(), Some("صحيفة الرصد"));
        assert_eq!(a.meta.url.as_deref(), Some("https://alrasd.example/news/2024/03/05/farmers"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-03-05T09:30:00+03:00"));
        assert_eq!(a.origin.encoding, "UTF-8");
    }

    #[test]
    fn the_pipeline_sees_headline_and_dateline() {
        let html = news_page("utf-8");
        let a = parse_bytes("-", html.as_bytes(), None).remove(0).unwrap();
        let doc = crate::pipeline::Pipeline::standard().run(a);
        assert_eq!(doc.headline.unwrap().text, TITLE);
        assert_eq!(doc.dateline.unwrap().place.unwrap().text, "عمّان");
        assert_eq!(doc.paragraphs.len(), 4);
    }

    #[test]
    fn windows_1256_declared_by_meta_charset() {
        // Windows-1256 has no Arabic-Indic digits
        let html = western_digits(&news_page("windows-1256"));
        let (bytes, _, unmappable) = WINDOWS_1256.encode(&html);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let a = parse_bytes("page.htm", &bytes, None).remove(0).unwrap();
        assert_eq!(a.origin.encoding, "windows-1256");
        assert!(a.text.starts_with(TITLE));
        assert!(a.text.contains(P2));
        // http-equiv form, found by the pre-scan
        let meta = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">";
        assert_eq!(meta_charset(meta).as_deref(), Some("windows-1256"));
        assert_eq!(meta_charset(b"<?xml version='1.0' encoding='ISO-8859-6'?><html>").as_deref(), Some("iso-8859-6"));
    }

    #[test]
    fn a_wrong_declaration_does_not_garble_utf8() {
        let html = news_page("iso-8859-1");
        let a = parse_bytes("page.html", html.as_bytes(), None).remove(0).unwrap();
        assert_eq!(a.origin.encoding, "UTF-8");
        assert!(a.text.contains(P1));
    }

    #[test]
    fn pages_without_text_are_one_error() {
        for html in
            ["<html><head><title>فارغ</title></head><body></body></html>", "<!doctype html><p>   </p>", "<html>"]
        {
            let out = parse_bytes("empty.html", html.as_bytes(), None);
            assert_eq!(out.len(), 1);
            let e = out[0].as_ref().unwrap_err();
            assert!(matches!(e.error, Error::NoArticle), "{html}: {e}");
            assert_eq!(e.to_string(), "empty.html: no article text found");
        }
    }

    #[test]
    fn fragments_become_paragraphs() {
        let p = fragment_paragraphs("<p>الفقرة <b>الأولى</b></p><div>الثانية<br>الثالثة</div><script>x()</script> | ");
        assert_eq!(p, ["الفقرة الأولى", "الثانية", "الثالثة"]);
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = parse_bytes("fuzz.html", &bytes, Some(Format::Html));
        }

        #[test]
        fn random_markup_never_panics(s in "(<[a-z/!?]{0,6}[ =\"'a-z]{0,8}>?|[اب تث\n]{0,5}|&[a-z#0-9]{0,5};?){0,40}") {
            let _ = parse_bytes("fuzz.html", s.as_bytes(), Some(Format::Html));
            let _ = fragment_paragraphs(&s);
        }
    }
}
