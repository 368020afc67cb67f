//! Arbitrary bytes and mutated real issues never panic the parser (bounded: a few hundred
//! cases each, so it runs inside `make test`).

use std::path::PathBuf;

use index_builder::ingest::{parse_markdown_bytes, Ingest};
use index_builder::standard_site;
use proptest::prelude::*;

fn real_issue() -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/twir-archive/content/2018-01-02-this-week-in-rust.md");
    std::fs::read(p).unwrap()
}

/// Parses as the builder does, and checks what any output must satisfy.
fn parse(bytes: &[u8]) {
    let mut out = Ingest::default();
    if let Some(p) = parse_markdown_bytes(bytes, "2018-01-02-x.md", &mut out) {
        for l in &p.links {
            assert!(!l.url.to_ascii_lowercase().starts_with("javascript:"));
        }
        for c in &p.crates {
            assert!(!c.name.is_empty() || !c.url.is_empty());
        }
    }
    let text = String::from_utf8_lossy(bytes);
    let mut warnings = Vec::new();
    for (doc, _) in standard_site::read("x.json", &text, &mut warnings) {
        let _ = standard_site::body(&doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        parse(&bytes);
    }

    #[test]
    fn markdown_like_text_never_panics(text in "[\\[\\]()<>!#*_`>\\-–— \\n:a-zA-Z0-9\"'|~\\\\]{0,600}") {
        let doc = format!("Title: This Week in Rust 1\nNumber: 1\nDate: 2020-01-01\n\n# Crate of the Week\n\n{text}\n\n# Quote of the Week\n\n{text}\n");
        parse(doc.as_bytes());
    }

    #[test]
    fn mutated_real_issue_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..64, proptest::collection::vec(any::<u8>(), 0..16)), 1..8)
    ) {
        let mut bytes = real_issue();
        for (at, delete, insert) in edits {
            let at = at.index(bytes.len() + 1);
            let end = (at + delete).min(bytes.len());
            bytes.splice(at..end, insert);
        }
        parse(&bytes);
    }
}
