//! Criterion benchmarks of the text-analysis layer over the bundled example
//! article (written for this project). Run: `cargo bench -p rasid-text`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasid_text::stem::{LightStemmer, SnowballStemmer, Stemmer};
use rasid_text::{tokenize, Analyzer};

const TEXT: &str = include_str!("../../../examples/articles/erbil-dam-talks.txt");

fn analyzers(c: &mut Criterion) {
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(TEXT.len() as u64));
    let words = tokenize(TEXT).len();
    assert!(words > 400, "the example article has {words} tokens");
    g.bench_function("tokenize", |b| b.iter(|| tokenize(std::hint::black_box(TEXT)).len()));
    for name in Analyzer::NAMES {
        let a = Analyzer::by_name(name).unwrap();
        assert!(a.terms(TEXT).len() > 300);
        g.bench_function(name, |b| b.iter(|| a.analyze(std::hint::black_box(TEXT)).len()));
    }
    g.finish();
}

fn stemmers(c: &mut Criterion) {
    let words: Vec<String> = tokenize(TEXT).into_iter().map(|t| t.term).collect();
    let mut g = c.benchmark_group("stem");
    g.throughput(Throughput::Elements(words.len() as u64));
    let snowball = SnowballStemmer::default();
    g.bench_function("snowball", |b| b.iter(|| words.iter().map(|w| snowball.stem(w).len()).sum::<usize>()));
    g.bench_function("light", |b| b.iter(|| words.iter().map(|w| LightStemmer.stem(w).len()).sum::<usize>()));
    g.finish();
}

criterion_group!(benches, analyzers, stemmers);
criterion_main!(benches);
