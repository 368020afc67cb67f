//! The index builder: the one place that knows This Week in Rust's formats.
//!
//! `ingest` reads Markdown issues and standard.site records into typed records;
//! `report` and `export` describe them; the engine writes them into the bundle.

pub mod assemble;
mod attribution;
pub mod cli;
pub mod crate_of_the_week;
pub mod decode;
pub mod export;
pub mod finish_site;
mod first_view;
pub mod header;
pub mod ingest;
pub mod issue_meta;
pub mod markdown;
pub mod output;
pub mod quote_of_the_week;
pub mod report;
pub mod section_blocks;
pub mod section_group;
pub mod site_pages;
pub mod standard_site;
pub mod warning;
