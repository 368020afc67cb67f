//! The fuzz targets' checks: what must hold for any input, not just the archive's.
//!
//! Each target module has one `check(data)`. It panics on a broken invariant, which is
//! what libFuzzer (`make fuzz`, through `fuzz_targets/`) reports as a crash and what
//! `tests/replay.rs` (`make test`) fails on. The targets:
//! 1. [`issue_markdown`]: one issue's Markdown through the whole extraction;
//! 2. [`standard_document`]: a `site.standard.document` record file, as bytes;
//! 3. [`query`]: the query language, searched over an index of a sample of the archive;
//! 4. [`bundle`]: the manifest and segment readers on damaged bytes.

pub mod bundle;
mod extraction;
pub mod issue_markdown;
pub mod query;
mod sample;
pub mod seeds;
pub mod standard_document;

use std::path::PathBuf;

/// `../shared` beside the repository: the archive and the seeds.
pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}
