//! What a search asks and what it answers: the types that leave the engine, for the
//! command line and for the app, which gets them from the engine's Web Worker as
//! messages ([`crate::messages`]). No tantivy here: the app's own wasm has none.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::{Facets, RecordKind, SectionGroup};

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "relevance" => Some(Sort::Relevance),
            "newest" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }
}

/// A search as the app or the command line asks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Also search the intro and footer links that repeat in every issue.
    pub include_boilerplate: bool,
    /// Count facets; false when only the page changes.
    pub facets: bool,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            include_boilerplate: false,
            facets: true,
        }
    }
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as understood, in the query language.
    pub understood: String,
    /// Words past [`crate::query::MAX_WORDS`] that were not searched for (not in
    /// `understood`): the UI says so.
    pub left_out: usize,
    /// Words that would have been typo-tolerant but were searched exactly, past
    /// [`crate::MAX_TYPO_WORDS`]: the UI says so.
    pub exact_only: usize,
    /// How many records match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Counts per value for the whole result set: each facet adds up to `total`.
    pub facets: Facets,
}

/// One result, with what the UI needs to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: RecordKind,
    /// Link text, crate name, issue title, or the quote's author.
    pub title: String,
    /// Byte ranges of matched terms in `title`.
    pub title_matches: Vec<Range<usize>>,
    /// Link context, crate description, quote text or issue prose.
    pub body: String,
    pub body_matches: Vec<Range<usize>>,
    /// Where the record points (the link target, the crate, the quote's source).
    pub url: String,
    pub domain: String,
    pub section: String,
    pub group: SectionGroup,
    pub tags: Vec<String>,
    /// The issue shown (the newest one for a repeated link).
    pub issue: u32,
    pub date: String,
    pub issue_title: String,
    pub issue_url: String,
    /// Every issue the record appeared in, ascending (one for most records).
    pub issues: Vec<u32>,
    pub suggested_by: Vec<String>,
    /// For the command line's JSON; the page never reads it, so it is not read back
    /// (parsing a float would cost the page's wasm its float parser).
    #[serde(skip_deserializing)]
    pub score: f32,
}

/// What an issue holds, in numbers, for the list of issues.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub links: usize,
    pub crates: Vec<String>,
    pub quotes: usize,
}
