//! The twir-search engine: the one place that knows the index.
//!
//! The index builder writes through it (native only, see [`writer`]); the command-line
//! search and the app's Web Worker (wasm32) read through it ([`Engine`]). Field names,
//! the bundle format and its version, the query language and ranking all live here,
//! so the browser and the command line give the same answers.
//!
//! Without its default feature `index` the crate is only what crosses to the page: the
//! records, the query language, the answers and the worker's messages, with no tantivy.
//! The app's own wasm is built so, and stays small.

mod answer;
mod author;
mod error;
mod facet;
pub mod files;
pub mod messages;
mod query;
mod record;
mod section;

#[cfg(feature = "index")]
mod bundle;
#[cfg(feature = "index")]
mod columns;
#[cfg(feature = "index")]
mod facets;
#[cfg(feature = "index")]
mod filter;
#[cfg(feature = "index")]
mod hit;
#[cfg(feature = "index")]
mod joined;
#[cfg(feature = "index")]
mod phrase;
#[cfg(all(feature = "index", not(target_arch = "wasm32")))]
pub mod plan;
#[cfg(feature = "index")]
mod query_build;
#[cfg(feature = "index")]
mod schema;
#[cfg(feature = "index")]
mod search;
#[cfg(feature = "index")]
mod segments;
#[cfg(feature = "index")]
mod snippet;
#[cfg(feature = "index")]
mod stats;
#[cfg(feature = "index")]
mod table;
#[cfg(feature = "index")]
mod tokenizer;
#[cfg(feature = "index")]
mod typos;
#[cfg(all(feature = "index", not(target_arch = "wasm32")))]
pub mod writer;

pub use answer::{Hit, IssueSummary, SearchRequest, SearchResults, Sort};
pub use author::author_key;
pub use error::{Error, ErrorKind};
pub use facet::{Facet, FacetCount, FacetValue, Facets};
pub use query::{ParsedQuery, QueryPart, MAX_TYPO_WORDS, MAX_WORDS};
pub use record::{
    year_of, CrateOfTheWeek, Issue, Link, NoAuthor, Presence, Quote, Record, RecordKind,
};
pub use section::SectionGroup;

#[cfg(feature = "index")]
pub use bundle::{sha256_hex, Bundle, IndexStats, Manifest, SegmentFile, FORMAT_VERSION};
#[cfg(feature = "index")]
pub use search::Engine;
#[cfg(feature = "index")]
pub use segments::{Arrived, Segment};
