//! The twir-search engine: the one place that knows the index.
//!
//! The index builder writes through it (native only, see [`writer`]); the web app
//! (wasm32) and the command-line search read through it ([`Engine`]). Field names,
//! the bundle format and its version, the query language and ranking all live here,
//! so the browser and the command line give the same answers.

mod author;
mod bundle;
mod columns;
mod error;
mod facets;
mod filter;
mod phrase;
#[cfg(not(target_arch = "wasm32"))]
pub mod plan;
mod query;
mod record;
mod schema;
mod search;
mod section;
mod segments;
mod stats;
mod table;
mod tokenizer;
#[cfg(not(target_arch = "wasm32"))]
pub mod writer;

pub use author::author_key;
pub use bundle::{sha256_hex, Bundle, IndexStats, Manifest, SegmentFile, FORMAT_VERSION};
pub use error::{Error, ErrorKind};
pub use facets::Facets;
pub use query::{ParsedQuery, QueryPart, MAX_WORDS};
pub use record::{CrateOfTheWeek, Issue, Link, NoAuthor, Presence, Quote, Record, RecordKind};
pub use search::{Engine, Hit, IssueSummary, SearchRequest, SearchResults, Sort, MAX_TYPO_WORDS};
pub use section::SectionGroup;
pub use segments::Segment;
