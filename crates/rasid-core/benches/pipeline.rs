//! Criterion benchmark of the whole per-article pipeline (decode, structure,
//! sentences, tokens with folding and stems, duplicates) over the bundled
//! example articles. Run: `cargo bench -p rasid-core`. For the corpus-scale
//! figures see `rasid bench` and BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasid_core::input::{parse_bytes, Format};
use rasid_core::pipeline::Pipeline;

const ARTICLES: [&str; 2] = [
    include_str!("../../../examples/articles/erbil-dam-talks.txt"),
    include_str!("../../../examples/articles/riyadh-wire.txt"),
];

fn pipeline(c: &mut Criterion) {
    let p = Pipeline::standard();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(ARTICLES.iter().map(|a| a.len() as u64).sum()));
    let run = || {
        ARTICLES
            .iter()
            .map(|a| {
                let raw = parse_bytes("bench", a.as_bytes(), Some(Format::Text)).remove(0).unwrap();
                p.run(raw).tokens.len()
            })
            .sum::<usize>()
    };
    assert!(run() > 600);
    g.bench_function("standard", |b| b.iter(run));
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
