//! How long the engine takes, natively, to open the first segment of a built index and
//! answer its first query: `cargo run --release -p twir-engine --example open_first
//! [DATA_DIR] [QUERY]`. The browser's worker does the same steps (parse, open, search).
use std::time::Instant;

use twir_engine::{Engine, Manifest, SearchRequest, Segment};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "public/data".into());
    let query = std::env::args().nth(2).unwrap_or_else(|| "yew".into());
    let text = std::fs::read_to_string(format!("{dir}/manifest.json")).expect("manifest");
    let manifest = Manifest::from_json(&text).expect("manifest parses");
    let name = manifest.segments[0].name.clone();
    let bytes = std::fs::read(format!("{dir}/{name}")).expect("segment");
    for round in 0..3 {
        let t = Instant::now();
        let digest = twir_engine::sha256_hex(&bytes);
        let t_digest = t.elapsed();
        let segment = Segment::parse_digested(&manifest, &name, &bytes, &digest).expect("parse");
        let t_parse = t.elapsed();
        let engine = Engine::from_segments(manifest.clone(), vec![segment]).expect("open");
        let t_open = t.elapsed();
        let answer = engine
            .search(&SearchRequest::new(query.clone()))
            .expect("search");
        let t_search = t.elapsed();
        println!(
            "round {round}: sha256 {:.1} ms, parse {:.1} ms, open {:.1} ms, search {:.1} ms ({} found)",
            t_digest.as_secs_f64() * 1e3,
            (t_parse - t_digest).as_secs_f64() * 1e3,
            (t_open - t_parse).as_secs_f64() * 1e3,
            (t_search - t_open).as_secs_f64() * 1e3,
            answer.total
        );
    }
}
