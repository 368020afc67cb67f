//! The index builder: the one place that knows This Week in Rust's formats.
//!
//! `ingest` reads Markdown issues and standard.site records into typed records;
//! `report` and `export` describe them; the engine writes them into the bundle.

pub mod assemble;
mod attribution;
pub mod cli;
mod compile_hint;
mod crate_of_the_week;
mod decode;
mod export;
mod finish_site;
mod first_view;
mod header;
pub mod ingest;
mod issue_meta;
pub mod markdown;
mod output;
mod quote_of_the_week;
pub mod report;
mod section_blocks;
mod section_group;
pub mod site_pages;
pub mod standard_site;
mod warning;
