//! Target 1: the bytes of one Markdown issue file, through decoding, the header, the
//! Markdown parser and the extraction of links, crates and quotes, to the report.

use index_builder::ingest::{parse_markdown_bytes, Ingest};

/// The name the input is read under: an issue file, as the archive names them.
const FILE: &str = "2018-01-02-this-week-in-rust.md";

pub fn check(data: &[u8]) {
    let mut out = Ingest {
        files_read: 1,
        ..Ingest::default()
    };
    if let Some(issue) = parse_markdown_bytes(data, FILE, &mut out) {
        out.issues.push(issue);
    }
    // One file is one issue or one skipped file, never nothing.
    assert_eq!(out.issues.len() + out.skipped.len(), 1, "{:?}", out.skipped);
    crate::extraction::check(&out, FILE, data);
}
