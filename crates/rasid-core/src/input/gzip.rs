//! gzip-compressed input (`x.jsonl.gz`, `x.warc.gz`, ...), recognized by its
//! magic bytes. Multi-member streams (one member per WARC record, as Common
//! Crawl writes them) are read whole. Decompressed size is capped against
//! decompression bombs.

use std::io::{BufReader, Read};

use flate2::bufread::MultiGzDecoder;

use crate::error::Error;

/// Cap on the decompressed size of a gzip input that is read into memory.
pub(super) const MAX_DECOMPRESSED: u64 = 1 << 30;

/// Whether `bytes` start with the gzip magic number.
pub(super) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// A streaming reader of the decompressed data.
pub(super) fn reader(bytes: &[u8]) -> BufReader<MultiGzDecoder<&[u8]>> {
    BufReader::with_capacity(256 * 1024, MultiGzDecoder::new(bytes))
}

/// The first `n` decompressed bytes (fewer if the data is shorter or corrupt),
/// for sniffing the format.
pub(super) fn head(bytes: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    let _ = MultiGzDecoder::new(bytes).take(n as u64).read_to_end(&mut out);
    out
}

/// Decompresses at most `limit` bytes. Returns the data and, if the stream is
/// corrupt or truncated, the error together with the data read before it;
/// over the limit, the data is dropped and the error is [`Error::TooLarge`].
pub(super) fn gunzip(bytes: &[u8], limit: u64) -> (Vec<u8>, Option<Error>) {
    gunzip_from(MultiGzDecoder::new(bytes), limit)
}

/// [`gunzip`] for any decoder (also HTTP `Content-Encoding` in WARC records).
pub(super) fn gunzip_from<R: Read>(decoder: R, limit: u64) -> (Vec<u8>, Option<Error>) {
    let mut out = Vec::new();
    match decoder.take(limit + 1).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > limit => {
            (Vec::new(), Some(Error::TooLarge(format!("decompressed data over {}", human(limit)))))
        }
        Ok(_) => (out, None),
        Err(e) => (out, Some(Error::Gzip(e.to_string()))),
    }
}

/// A byte count as `N GiB` / `N MiB` / `N bytes`.
pub(super) fn human(n: u64) -> String {
    if n >= 1 << 30 && n % (1 << 30) == 0 {
        format!("{} GiB", n >> 30)
    } else if n >= 1 << 20 && n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::input::{format_hint, parse_bytes};
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;
    use std::path::Path;

    pub fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    const JSONL: &str =
        "{\"id\": \"n1\", \"title\": \"ارتفاع أسعار النفط\", \"text\": \"ارتفعت أسعار النفط اليوم.\"}\n\
                         {\"id\": \"n2\", \"text\": \"هطلت أمطار غزيرة على العاصمة.\"}\n";

    #[test]
    fn gzipped_jsonl_by_extension_and_by_magic() {
        let bytes = gz(JSONL.as_bytes());
        assert_eq!(format_hint(Path::new("news.jsonl.gz")), Some(crate::input::Format::Jsonl));
        for hint in [format_hint(Path::new("news.jsonl.gz")), None] {
            let out = parse_bytes("news.jsonl.gz", &bytes, hint);
            assert_eq!(out.len(), 2, "{out:?}");
            let a = out[0].as_ref().unwrap();
            assert_eq!(a.id.as_deref(), Some("n1"));
            assert_eq!(a.text, "ارتفاع أسعار النفط\n\nارتفعت أسعار النفط اليوم.");
            assert_eq!(a.origin.line, Some(1));
            assert_eq!(out[1].as_ref().unwrap().text, "هطلت أمطار غزيرة على العاصمة.");
        }
    }

    #[test]
    fn truncated_gzip_keeps_what_was_read_and_reports() {
        let long: String = (0..200).map(|i| format!("{{\"id\": \"{i}\", \"text\": \"خبر رقم {i}\"}}\n")).collect();
        let bytes = gz(long.as_bytes());
        let cut = &bytes[..bytes.len() - 20];
        let out = parse_bytes("news.jsonl.gz", cut, None);
        assert!(out.iter().filter(|r| r.is_ok()).count() > 100);
        let last = out.last().unwrap().as_ref().unwrap_err();
        assert!(matches!(last.error, Error::Gzip(_)), "{last}");
        assert!(last.to_string().starts_with("news.jsonl.gz: corrupt gzip data:"), "{last}");
    }

    #[test]
    fn decompression_bombs_are_capped() {
        let bomb = gz(&vec![b'a'; 1 << 20]);
        assert!(bomb.len() < 4096);
        let (data, err) = gunzip(&bomb, 1000);
        assert!(data.is_empty());
        assert_eq!(err.unwrap().to_string(), "too large: decompressed data over 1000 bytes");
        let (data, err) = gunzip(&bomb, 1 << 20);
        assert_eq!((data.len(), err.is_none()), (1 << 20, true));
        assert_eq!(human(MAX_DECOMPRESSED), "1 GiB");
    }

    proptest::proptest! {
        #[test]
        fn random_gzip_payloads_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200), cut in 0usize..400) {
            let z = gz(&bytes);
            let _ = parse_bytes("fuzz.gz", &z[..cut.min(z.len())], None);
            let mut junk = vec![0x1f, 0x8b];
            junk.extend_from_slice(&bytes);
            let _ = parse_bytes("fuzz.gz", &junk, None);
        }
    }
}
