//! Query latency over the whole archive, natively: median and p95 of a fixed set of
//! queries, and the bundle's sizes. A benchmark that prints figures, not a test.
//!
//!     cargo run --release -p index-builder --example bench_queries [ARCHIVE]

use std::time::Instant;

use index_builder::ingest::{ingest, Inputs};
use twir_engine::writer::write_index;
use twir_engine::{Engine, SearchRequest, Sort};

/// Words people search for, each also typed as a prefix and combined with the syntax.
const WORDS: [&str; 30] = [
    "async", "tokio", "serde", "wasm", "embedded", "gui", "game", "parser", "macro", "unsafe",
    "borrow", "lifetime", "trait", "generic", "error", "cargo", "clippy", "compiler", "const",
    "iterator", "actix", "axum", "bevy", "linux", "kernel", "python", "database", "sqlx", "rayon",
    "pin",
];

fn queries() -> Vec<String> {
    let mut q = Vec::new();
    for w in WORDS {
        q.push(w.to_string());
        q.push(w[..w.len().min(3)].to_string());
        q.push(format!("{w} kind:crate"));
    }
    q.extend(
        [
            "\"borrow checker\"",
            "asynk",
            "tokoi",
            "async -tokio",
            "tokio OR actix",
            "site:blog.rust-lang.org year:2015",
            "author:llogiq kind:quote",
            "tag:video rust",
            "year:2019..2021 embedded",
            "issue:300",
            "section:events berlin",
            "rust",
            "\"rust 2018\"",
            "kind:quote",
            "kind:crate",
        ]
        .map(String::from),
    );
    q
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let archive = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/twir-archive/content".into());
    let start = Instant::now();
    let ingest = ingest(&Inputs {
        archives: vec![archive.into()],
        records: Vec::new(),
    });
    let built = write_index(&ingest.records(), "bench", &|_| None).expect("index");
    let files = built.files();
    println!(
        "built {} segments of {} records in {:.2} s: {} bytes raw",
        files.len(),
        ingest.records().len(),
        start.elapsed().as_secs_f64(),
        files.iter().map(|(_, b)| b.len()).sum::<usize>(),
    );
    let start = Instant::now();
    let engine = Engine::open(built.manifest, &files).expect("open");
    println!("opened in {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    let queries = queries();
    for (label, sort) in [("relevance", Sort::Relevance), ("newest", Sort::Newest)] {
        let mut times = Vec::new();
        let mut slowest: Vec<(f64, &str, usize)> = Vec::new();
        for _ in 0..3 {
            for q in &queries {
                let request = SearchRequest {
                    sort,
                    limit: 10,
                    ..SearchRequest::new(q.as_str())
                };
                let t = Instant::now();
                let r = engine.search(&request).expect("search");
                let ms = t.elapsed().as_secs_f64() * 1e3;
                times.push(ms);
                slowest.push((ms, q.as_str(), r.total));
            }
        }
        slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, q, total) in slowest.iter().take(6) {
            println!("  slow: {q:?} {ms:.1} ms ({total} results)");
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{} queries x3, sort {label}, top 10 + count + facets: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            queries.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().unwrap()
        );
    }
}
