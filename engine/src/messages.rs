//! What the page and the engine's Web Worker say to each other. The worker downloads,
//! verifies, caches and opens the index and answers queries; the page shows. Each
//! message is one of these types as JSON text: a request and its answer carry the same
//! `id`, so the page can drop an answer that a newer query has made stale.

use serde::{Deserialize, Serialize};

use crate::{
    CrateOfTheWeek, Error, ErrorKind, Issue, IssueSummary, Link, Quote, SearchRequest,
    SearchResults,
};

/// What the page asks the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    Search {
        id: u32,
        request: SearchRequest,
    },
    /// Every issue, crate and quote, for the browse pages.
    Browse {
        id: u32,
    },
    /// Everything one issue held, for its page and for the latest issue's highlights.
    Issue {
        id: u32,
        number: u32,
    },
}

/// What the worker tells the page, asked or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Message {
    Progress(Progress),
    /// An index is open and answers: after the first segment, more of them, all of
    /// them, or a newer index. Answers already shown may be asked again.
    Ready(IndexStatus),
    /// A sentence for the reader: "Issue 645 added", or why the index is not saved.
    Notice(String),
    /// Nothing can answer. The page says why and offers to start again, or to reload
    /// when only a newer page can read the index.
    Failed(Failure),
    /// The rest of the index could not be loaded, but what was opened before (the
    /// last [`Message::Ready`], its `missing` segments still missing) goes on
    /// answering. The page keeps its results, says they are not all the years and why,
    /// and offers to start again.
    Stopped(Failure),
    Answer {
        id: u32,
        answer: Answer,
    },
}

/// Why nothing can answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    /// A sentence for the reader.
    pub why: String,
    /// The engine's kind of error when it refused the index; `None` for a network
    /// failure or an engine that did not start (`boot.js` and `worker.js` leave it out).
    #[serde(default)]
    pub kind: Option<ErrorKind>,
}

impl Failure {
    /// A failure that starting again may mend: the network, a worker that stopped.
    pub fn new(why: impl Into<String>) -> Failure {
        Failure {
            why: why.into(),
            kind: None,
        }
    }

    /// The engine refused the index.
    pub fn refused(e: &Error) -> Failure {
        Failure {
            why: format!("The index cannot be used: {e}"),
            kind: Some(e.kind()),
        }
    }

    /// True when this page cannot read what the site now publishes (an index or a
    /// worker of another version): starting again would fail the same way, and a
    /// reload fetches the matching page.
    pub fn needs_reload(&self) -> bool {
        self.kind == Some(ErrorKind::FormatVersion)
    }
}

/// Bytes of the index received so far, of all its segments' bytes (0 while the
/// manifest is fetched).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub received: u64,
    pub total: u64,
}

/// The answer to the [`Request`] with the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Search(Result<SearchResults, String>),
    Browse(Browse),
    /// `None` when the index has no such issue (or not yet: its segment is on its way).
    Issue(Option<IssueRecords>),
}

/// The open index, as the page describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexStatus {
    /// Counts each opening, so the page knows its answers may have changed.
    pub opened: u32,
    /// Labels ("2019–2021") of the segments still on their way, in loading order.
    pub missing: Vec<String>,
    pub first_date: String,
    pub last_date: String,
    pub last_issue: u32,
}

impl IndexStatus {
    /// Every segment is in: counts and facets are final.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// The archive's first and last year.
    pub fn years(&self) -> (u32, u32) {
        let year = |d: &str| crate::year_of(d).unwrap_or(2013);
        (year(&self.first_date), year(&self.last_date))
    }
}

/// What the browse pages list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Browse {
    /// Ascending by number.
    pub issues: Vec<Issue>,
    /// Per issue, in the order of `issues`.
    pub summaries: Vec<IssueSummary>,
    /// In issue order.
    pub crates: Vec<CrateOfTheWeek>,
    /// In issue order.
    pub quotes: Vec<Quote>,
    /// Per quote, in the order of `quotes`: its author's identity, [`crate::author_key`].
    /// The worker works it out so that the page has one identity rule with the
    /// `author:` filter and no Unicode case tables of its own (7 KB of its wasm).
    pub people: Vec<String>,
}

impl Browse {
    /// The date of issue `number`, or "" when the index has no such issue.
    pub fn date_of(&self, number: u32) -> &str {
        self.issues
            .binary_search_by_key(&number, |i| i.number)
            .map_or("", |at| self.issues[at].date.as_str())
    }
}

/// One issue and everything it held, each kind in page order. (Kept apart rather than
/// as `Record`s: the tagged enum's reader costs the page's wasm 17 KB.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueRecords {
    /// With its prose, if it has any.
    pub issue: Issue,
    pub links: Vec<Link>,
    pub crates: Vec<CrateOfTheWeek>,
    pub quotes: Vec<Quote>,
}

impl Request {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a request is plain data")
    }

    pub fn from_json(text: &str) -> Result<Request, String> {
        serde_json::from_str(text).map_err(|e| format!("not a request ({e})"))
    }
}

impl Message {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a message is plain data")
    }

    pub fn from_json(text: &str) -> Result<Message, String> {
        serde_json::from_str(text).map_err(|e| format!("not a message ({e})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_back_as_written() {
        let request = Request::Search {
            id: 7,
            request: SearchRequest::new("author:\"Ralf Jung\" unsafe"),
        };
        assert_eq!(Request::from_json(&request.to_json()), Ok(request));
        let answer = Message::Answer {
            id: 7,
            answer: Answer::Search(Err("index error".into())),
        };
        assert_eq!(Message::from_json(&answer.to_json()), Ok(answer));
    }

    #[test]
    fn a_failure_is_the_json_that_boot_js_and_worker_js_write() {
        // public/boot.js and public/worker.js say a failed start in this shape, by hand.
        let text = r#"{"Failed":{"why":"The search engine could not start (404)."}}"#;
        let failure = Failure::new("The search engine could not start (404).");
        assert!(!failure.needs_reload());
        assert_eq!(Message::from_json(text), Ok(Message::Failed(failure)));
        let stale = Message::Failed(Failure {
            why: "index format 99 is not supported".into(),
            kind: Some(ErrorKind::FormatVersion),
        });
        assert_eq!(Message::from_json(&stale.to_json()), Ok(stale));
    }
}
