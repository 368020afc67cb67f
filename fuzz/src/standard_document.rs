//! Target 2: the bytes of one file of `site.standard.document` records (one JSON record,
//! or several), through decoding, the record reader and the extraction.

use index_builder::ingest::{parse_records_bytes, Ingest};

/// The name the input is read under.
const FILE: &str = "records/this-week-in-rust-644.json";

pub fn check(data: &[u8]) {
    let mut out = Ingest {
        files_read: 1,
        ..Ingest::default()
    };
    let issues = parse_records_bytes(data, FILE, &mut out);
    out.issues.extend(issues);
    crate::extraction::check(&out, FILE, data);
}
