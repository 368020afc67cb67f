//! The display table: every record as the app shows it, kept out of tantivy's doc
//! store because a plain JSON table compresses far better over HTTP (GUIDE).
//! A tantivy document points at its entry by the `ord` fast field.

use serde::{Deserialize, Serialize};

use crate::{CrateOfTheWeek, Issue, Quote, Record};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Table {
    /// Every issue, by ascending number.
    pub issues: Vec<Issue>,
    /// One entry per search document.
    pub entries: Vec<Entry>,
}

/// One search document's record; a link repeated in several issues is one entry
/// listing every issue it appeared in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub record: Record,
    /// Issues this entry appeared in, ascending; empty means only `record.issue()`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<u32>,
}

impl Table {
    pub fn issue(&self, number: u32) -> Option<&Issue> {
        self.issues
            .binary_search_by_key(&number, |i| i.number)
            .ok()
            .map(|i| &self.issues[i])
    }

    pub fn crates(&self) -> impl Iterator<Item = &CrateOfTheWeek> {
        self.entries.iter().filter_map(|e| match &e.record {
            Record::Crate(c) => Some(c),
            _ => None,
        })
    }

    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        self.entries.iter().filter_map(|e| match &e.record {
            Record::Quote(q) => Some(q),
            _ => None,
        })
    }
}
