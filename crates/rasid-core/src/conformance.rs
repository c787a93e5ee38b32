//! Conformance of the text-analysis layer with peer test vectors in
//! `shared/data/peer-vectors/` (Lucene, Snowball, charabia, PyArabic, NAFIS).
//!
//! Required at 100%: `lucene-normalization`, `lucene-stem`, `lucene-analyzer`,
//! `snowball-arabic` and `snowball-arabic-generated` (frostem tracks current
//! Snowball, which keeps punctuation inside words, as the generated file does).
//!
//! Reported, with intentional differences:
//! - `charabia-arabic` (normalizer): rasid's search level folds Arabic-Indic
//!   digits to ASCII (`٣٫٥` → `3٫5`) so that a query in either digit script
//!   finds both; charabia keeps them.
//! - `charabia-arabic-segment`, `-tokenize` and `-generated` (segmenter):
//!   charabia splits ال off every word longer than four bytes, with no
//!   exception list (`الف` → `ال|ف`, `البانيا` → `ال|بانيا`); rasid splits the
//!   article only when three letters remain and the word is not a protected name
//!   (see `rasid_text::clitics`), so `الف` (a word: "thousand") and `البانيا`
//!   (Albania) stay whole, while `السلام` → `ال|سلام` agrees. Charabia
//!   segments before it normalizes, so it cannot split a presentation-form
//!   word (`ﺍﻟﻌﺮﺑﻴﺔ` stays whole); rasid folds first and splits it
//!   (`ال|عربيه`), as it does the same word in plain letters.
//! - `pyarabic-tokenize`: PyArabic keeps diacritics in tokens, as rasid's
//!   tokenizer does (offsets into the original text); compared on the
//!   original text of rasid's tokens.
//! - NAFIS lists every valid stem of a word; the rate is the share of words
//!   whose stem (after search folding of both sides) is one of them.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use rasid_text::analyzer::{CliticSplit, Normalize};
use rasid_text::normalize::{lucene_normalize, search_fold};
use rasid_text::stem::{LightStemmer, SnowballStemmer, Stemmer};
use rasid_text::{Analyzer, Level, TokenKind};

use crate::error::Result;

/// The outcome of one suite.
#[derive(Debug, Clone)]
pub struct SuiteResult {
    /// The suite (file) name.
    pub name: String,
    /// Number of pairs.
    pub total: usize,
    /// Number of pairs where rasid agrees.
    pub agree: usize,
    /// Whether 100% agreement is required.
    pub required: bool,
    /// Up to ten disagreements: (input, expected, got).
    pub mismatches: Vec<(String, String, String)>,
}

impl SuiteResult {
    /// Agreement as a fraction.
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.agree as f64 / self.total as f64
        }
    }

    /// True unless the suite is required and not at 100%.
    pub fn passes(&self) -> bool {
        !self.required || (self.total > 0 && self.agree == self.total)
    }
}

fn pairs(path: &Path) -> Result<Vec<(String, String)>> {
    let text = fs::read_to_string(path)?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let mut it = l.splitn(2, '\t');
            Some((it.next()?.to_string(), it.next()?.to_string()))
        })
        .collect())
}

fn suite(
    name: &str,
    required: bool,
    data: &[(String, String)],
    f: impl Fn(&str, &str) -> (bool, String),
) -> SuiteResult {
    let mut r = SuiteResult { name: name.to_string(), total: data.len(), agree: 0, required, mismatches: Vec::new() };
    for (input, expected) in data {
        let (ok, got) = f(input, expected);
        if ok {
            r.agree += 1;
        } else if r.mismatches.len() < 10 {
            r.mismatches.push((input.clone(), expected.clone(), got));
        }
    }
    r
}

/// Token list of `text` as charabia would cut it (space tokens dropped):
/// rasid's tokens with clitic pieces kept; `normalized` chooses folded terms
/// or the original text of each piece.
fn charabia_like(text: &str, normalized: bool) -> String {
    let a = Analyzer::builder("charabia-like")
        .filter(Normalize(Level::Search))
        .filter(CliticSplit { keep_clitics: true })
        .build();
    let toks = a.analyze(text);
    let parts: Vec<String> =
        toks.iter().map(|t| if normalized { t.term.clone() } else { t.original(text).to_string() }).collect();
    parts.join("|")
}

fn without_spaces(expected: &str) -> String {
    expected.split('|').filter(|t| !t.trim().is_empty()).collect::<Vec<_>>().join("|")
}

/// Runs every suite found under `shared/data/peer-vectors`.
pub fn run_all(shared: &Path) -> Result<Vec<SuiteResult>> {
    let dir = shared.join("data/peer-vectors");
    let load = |f: &str| pairs(&dir.join(f));
    let light = LightStemmer;
    let snowball = SnowballStemmer::default();
    let lucene = Analyzer::by_name("lucene").expect("lucene analyzer");
    let mut out = vec![
        suite("lucene-normalization", true, &load("lucene-normalization.tsv")?, |i, e| {
            let g = lucene_normalize(i);
            (g == e, g)
        }),
        suite("lucene-stem", true, &load("lucene-stem.tsv")?, |i, e| {
            let g = light.stem(i).into_owned();
            (g == e, g)
        }),
        suite("lucene-analyzer", true, &load("lucene-analyzer.tsv")?, |i, e| {
            let g = lucene.terms(i).join("|");
            (g == e, g)
        }),
        suite("snowball-arabic", true, &load("snowball-arabic.tsv")?, |i, e| {
            let g = snowball.stem(i).into_owned();
            (g == e, g)
        }),
        suite("snowball-arabic-generated", true, &load("snowball-arabic-generated.tsv")?, |i, e| {
            let g = snowball.stem(i).into_owned();
            (g == e, g)
        }),
        suite("charabia-arabic", false, &load("charabia-arabic.tsv")?, |i, e| {
            let g = search_fold(i);
            (g == e, g)
        }),
    ];
    for (file, normalized) in [
        ("charabia-arabic-segment.tsv", false),
        ("charabia-arabic-tokenize.tsv", true),
        ("charabia-arabic-generated.tsv", true),
    ] {
        out.push(suite(file.trim_end_matches(".tsv"), false, &load(file)?, |i, e| {
            let g = charabia_like(i, normalized);
            (g == without_spaces(e), g)
        }));
    }
    out.push(suite("pyarabic-tokenize", false, &load("pyarabic-tokenize.tsv")?, |i, e| {
        let g: Vec<&str> = rasid_text::tokenize(i).iter().map(|t| t.original(i)).collect::<Vec<_>>();
        let g = g.join("|");
        (g == e, g)
    }));
    let nafis = load("nafis-stems.tsv")?;
    let search = Analyzer::by_name("search").expect("search analyzer");
    let nafis_suite = |name: &str, stem: &dyn Fn(&str) -> String| {
        suite(name, false, &nafis, |i, e| {
            let g = stem(i);
            let ok = e.split('|').any(|s| search_fold(s) == search_fold(&g));
            (ok, g)
        })
    };
    out.push(nafis_suite("nafis-stems (lucene light)", &|w| light.stem(&lucene_normalize(w)).into_owned()));
    out.push(nafis_suite("nafis-stems (snowball)", &|w| snowball.stem(w).into_owned()));
    out.push(nafis_suite("nafis-stems (search clitics)", &|w| {
        search
            .analyze(w)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| t.term)
            .collect::<Vec<_>>()
            .join("")
    }));
    out.push(nafis_suite("nafis-stems (search-light)", &|w| {
        Analyzer::by_name("search-light").expect("analyzer").terms(w).join("")
    }));
    Ok(out)
}

/// A Markdown table of the results.
pub fn report(results: &[SuiteResult]) -> String {
    let mut s = String::from("| suite | pairs | agree | rate | required |\n|---|---:|---:|---:|---|\n");
    for r in results {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.2}% | {} |",
            r.name,
            r.total,
            r.agree,
            100.0 * r.rate(),
            if r.required { "100%" } else { "report" }
        );
    }
    s
}
