//! RSS and Atom feeds (`.rss`, `.atom`, `.xml`), parsed with `feed-rs`
//! (RSS 0.9x, 1.0 and 2.0, Atom 1.0; the XML declaration's encoding is
//! honoured, so Windows-1256 feeds read right).
//!
//! Each item is one article: its title (the headline), then the paragraphs of
//! its content (`content:encoded`, Atom `content`), else of its summary
//! (`description`, Atom `summary`), with HTML turned into plain-text
//! paragraphs. An item with a title but no text is a headline-only article; an
//! item with neither is an error for that item. The URL is the item's link,
//! the date its published (else updated) time as RFC 3339, the outlet the
//! feed's title and the id its `guid` / `id`. Item errors carry the 1-based
//! item number in [`InputError::line`].

use std::panic::{catch_unwind, AssertUnwindSafe};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use feed_rs::model::{Entry, Text};

use crate::document::{Meta, Origin};
use crate::error::{Error, Result};

use super::{html, InputError, RawArticle};

type Parsed = std::result::Result<RawArticle, InputError>;

/// Reads one feed file into articles.
pub(super) fn parse(name: &str, bytes: &[u8]) -> Vec<Parsed> {
    let file_err = |error| vec![Err(InputError { file: name.to_string(), line: None, error })];
    // No generated ids: an item without guid/id gets the content-hash id.
    let parser = feed_rs::parser::Builder::new().id_generator(|_, _, _| String::new()).build();
    let feed = match catch_unwind(AssertUnwindSafe(|| parser.parse(bytes))) {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => return file_err(Error::Feed(e.to_string())),
        Err(_) => return file_err(Error::Feed("parser failure".into())),
    };
    if feed.entries.is_empty() {
        return file_err(Error::NoArticle);
    }
    let outlet = feed.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let encoding = declared_encoding(bytes);
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let origin = Origin { file: name.to_string(), line: Some(i + 1), encoding: encoding.to_string() };
            item(entry, outlet.clone(), origin).map_err(|error| InputError {
                file: name.to_string(),
                line: Some(i + 1),
                error,
            })
        })
        .collect()
}

fn item(entry: &Entry, outlet: Option<String>, origin: Origin) -> Result<RawArticle> {
    let title = entry.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref().map(|b| (b, c.content_type.to_string())))
        .filter(|(b, _)| !b.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(|s| (s.content.as_str(), s.content_type.to_string())));
    let mut paragraphs = body.map(|(b, t)| to_paragraphs(b, &t)).unwrap_or_default();
    if let (Some(t), Some(first)) = (&title, paragraphs.first()) {
        if first == t {
            paragraphs.remove(0);
        }
    }
    if title.is_none() && paragraphs.is_empty() {
        return Err(Error::NoArticle);
    }
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|u| !u.is_empty());
    let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    let id = Some(entry.id.trim().to_string()).filter(|s| !s.is_empty());
    Ok(RawArticle {
        id,
        text: html::join(title.as_deref(), &paragraphs),
        has_headline: title.is_some(),
        origin,
        meta: Meta { outlet, url, published },
    })
}

/// Paragraphs of a feed text: HTML (declared, or containing tags) through the
/// HTML-to-text conversion, plain text by its lines.
fn to_paragraphs(body: &str, content_type: &str) -> Vec<String> {
    let html = content_type.contains("html") || content_type.contains("xml") || looks_like_markup(body);
    if html {
        html::fragment_paragraphs(body)
    } else {
        html::paragraphs(body)
    }
}

fn looks_like_markup(s: &str) -> bool {
    s.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || s.contains("&#")
        || s.contains("&amp;")
        || s.contains("&nbsp;")
}

/// A title-like text on one line (HTML titles are converted to text).
fn text_line(t: &Text) -> String {
    let ct = t.content_type.to_string();
    if ct.contains("html") || looks_like_markup(&t.content) {
        html::one_line(&html::fragment_paragraphs(&t.content).join(" "))
    } else {
        html::one_line(&t.content)
    }
}

/// The encoding the feed is read in: a BOM, else the XML declaration's
/// `encoding`, else UTF-8.
fn declared_encoding(bytes: &[u8]) -> &'static str {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return if enc == UTF_16LE {
            "UTF-16LE"
        } else if enc == UTF_16BE {
            "UTF-16BE"
        } else {
            enc.name()
        };
    }
    html::meta_charset(bytes).and_then(|l| Encoding::for_label(l.as_bytes())).map_or("UTF-8", Encoding::name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{format_hint, parse_bytes, Format};
    use encoding_rs::WINDOWS_1256;
    use std::path::Path;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>وكالة الأنباء الأردنية</title>
  <link>https://petra.example/</link>
  <description>آخر الأخبار</description>
  <item>
    <title>افتتاح معرض الكتاب الدولي في عمّان</title>
    <link>https://petra.example/news/1001</link>
    <guid isPermaLink="false">petra-1001</guid>
    <pubDate>Tue, 05 Mar 2024 09:30:00 +0300</pubDate>
    <description><![CDATA[<p>افتتح وزير الثقافة اليوم معرض عمّان الدولي للكتاب بمشاركة ثلاثمئة دار نشر.</p><p>ويستمر المعرض عشرة أيام.</p>]]></description>
  </item>
  <item>
    <title>ارتفاع درجات الحرارة نهاية الأسبوع</title>
    <link>https://petra.example/news/1002</link>
    <guid>https://petra.example/news/1002</guid>
    <pubDate>Wed, 06 Mar 2024 14:00:00 GMT</pubDate>
    <description>موجز قصير</description>
    <content:encoded><![CDATA[<div><p>توقعت دائرة الأرصاد الجوية ارتفاعاً ملموساً على درجات الحرارة.</p><script>track()</script><p>وتكون الأجواء دافئة في معظم المناطق.</p></div>]]></content:encoded>
  </item>
</channel>
</rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">شبكة الرصد الإخبارية</title>
  <id>urn:rasid:feed</id>
  <updated>2024-03-07T08:00:00Z</updated>
  <entry>
    <title>انطلاق حملة التطعيم الوطنية</title>
    <id>urn:rasid:entry:77</id>
    <link rel="alternate" href="https://rasd.example/77"/>
    <updated>2024-03-07T08:00:00Z</updated>
    <summary type="html">&lt;p&gt;أطلقت وزارة الصحة حملة وطنية للتطعيم ضد الحصبة.&lt;/p&gt;</summary>
  </entry>
</feed>"#;

    #[test]
    fn rss_items_are_articles() {
        let out = parse_bytes("petra.rss", RSS.as_bytes(), format_hint(Path::new("petra.rss")));
        assert_eq!(out.len(), 2, "{out:?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(
            a.text,
            "افتتاح معرض الكتاب الدولي في عمّان\n\nافتتح وزير الثقافة اليوم معرض عمّان الدولي للكتاب بمشاركة ثلاثمئة دار نشر.\n\nويستمر المعرض عشرة أيام."
        );
        assert!(a.has_headline);
        assert_eq!(a.id.as_deref(), Some("petra-1001"));
        assert_eq!(a.meta.url.as_deref(), Some("https://petra.example/news/1001"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-03-05T06:30:00+00:00"));
        assert_eq!(a.meta.outlet.as_deref(), Some("وكالة الأنباء الأردنية"));
        assert_eq!((a.origin.line, a.origin.encoding.as_str()), (Some(1), "UTF-8"));
        let b = out[1].as_ref().unwrap();
        // content:encoded wins over the description; the script is dropped
        assert_eq!(
            b.text,
            "ارتفاع درجات الحرارة نهاية الأسبوع\n\nتوقعت دائرة الأرصاد الجوية ارتفاعاً ملموساً على درجات الحرارة.\n\nوتكون الأجواء دافئة في معظم المناطق."
        );
        assert_eq!(b.meta.published.as_deref(), Some("2024-03-06T14:00:00+00:00"));
        assert_eq!(b.id.as_deref(), Some("https://petra.example/news/1002"));
        // sniffed without a hint
        assert_eq!(parse_bytes("-", RSS.as_bytes(), None).len(), 2);
    }

    #[test]
    fn atom_entries_are_articles() {
        for name in ["rasd.atom", "rasd.xml", "-"] {
            let out = parse_bytes(name, ATOM.as_bytes(), format_hint(Path::new(name)));
            assert_eq!(out.len(), 1, "{out:?}");
            let a = out[0].as_ref().unwrap();
            assert_eq!(a.text, "انطلاق حملة التطعيم الوطنية\n\nأطلقت وزارة الصحة حملة وطنية للتطعيم ضد الحصبة.");
            assert_eq!(a.id.as_deref(), Some("urn:rasid:entry:77"));
            assert_eq!(a.meta.url.as_deref(), Some("https://rasd.example/77"));
            assert_eq!(a.meta.published.as_deref(), Some("2024-03-07T08:00:00+00:00"));
            assert_eq!(a.meta.outlet.as_deref(), Some("شبكة الرصد الإخبارية"));
        }
    }

    #[test]
    fn windows_1256_feed_by_its_xml_declaration() {
        let rss = RSS.replace("encoding=\"UTF-8\"", "encoding=\"windows-1256\"");
        let (bytes, _, unmappable) = WINDOWS_1256.encode(&rss);
        assert!(!unmappable);
        let out = parse_bytes("petra.xml", &bytes, Some(Format::Feed));
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.origin.encoding, "windows-1256");
        assert!(a.text.starts_with("افتتاح معرض الكتاب"), "{}", a.text);
    }

    #[test]
    fn non_feed_xml_and_empty_items_are_errors() {
        let sitemap = "<?xml version=\"1.0\"?><urlset><url><loc>https://x.example/</loc></url></urlset>";
        let out = parse_bytes("sitemap.xml", sitemap.as_bytes(), format_hint(Path::new("sitemap.xml")));
        assert_eq!(out.len(), 1);
        let e = out[0].as_ref().unwrap_err();
        assert!(matches!(e.error, Error::Feed(_)));
        assert!(e.to_string().starts_with("sitemap.xml: not an rss or atom feed"), "{e}");
        let empty_item = "<rss version=\"2.0\"><channel><title>ق</title><item><link>https://x.example/1</link></item>\
                          <item><title>عنوان فقط</title></item></channel></rss>";
        let out = parse_bytes("x.rss", empty_item.as_bytes(), None);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().unwrap_err().to_string(), "x.rss:1: no article text found");
        let b = out[1].as_ref().unwrap();
        assert_eq!((b.text.as_str(), b.has_headline, b.id.is_none()), ("عنوان فقط", true, true));
        let no_items = "<rss version=\"2.0\"><channel><title>ق</title></channel></rss>";
        assert!(matches!(
            parse_bytes("x.rss", no_items.as_bytes(), None)[0],
            Err(InputError { error: Error::NoArticle, .. })
        ));
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = parse_bytes("fuzz.rss", &bytes, Some(Format::Feed));
        }

        #[test]
        fn random_feedish_markup_never_panics(s in "(<(rss|feed|item|entry|title|link|/item|/rss|description)>|[اب تث<>&;]{0,5}){0,30}") {
            let _ = parse_bytes("fuzz.xml", s.as_bytes(), Some(Format::Feed));
        }
    }
}
