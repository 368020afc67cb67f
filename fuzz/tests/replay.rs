//! The short, deterministic guard in `make test`: every seed of every fuzz target (the
//! whole archive, `../shared/seeds`, the frozen index, the benchmark queries) and every
//! kept input in `corpus/` through the same checks `make fuzz` runs under libFuzzer.

use std::path::Path;

use twir_fuzz::seeds::{seeds, TARGETS};

/// The inputs kept in `corpus/<target>/` (minimised from `make fuzz` runs).
fn kept(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn replay(target: &str, check: fn(&[u8])) {
    let mut inputs = seeds(target);
    let seeded = inputs.len();
    inputs.extend(kept(target));
    // An empty list would pass on nothing.
    assert!(seeded > 0, "{target}: no seeds");
    for (name, bytes) in &inputs {
        let outcome = std::panic::catch_unwind(|| check(bytes));
        assert!(outcome.is_ok(), "{target}: {name} broke an invariant");
    }
    println!("{target}: {} inputs ({seeded} seeds)", inputs.len());
}

#[test]
fn every_target_is_replayed() {
    assert_eq!(
        TARGETS,
        ["issue_markdown", "standard_document", "query", "bundle"]
    );
}

#[test]
fn issue_markdown() {
    replay("issue_markdown", twir_fuzz::issue_markdown::check);
}

#[test]
fn standard_document() {
    replay("standard_document", twir_fuzz::standard_document::check);
}

#[test]
fn query() {
    replay("query", twir_fuzz::query::check);
}

#[test]
fn bundle() {
    replay("bundle", twir_fuzz::bundle::check);
}
