//! The display table of the loaded segments: each segment's entries as it parsed them,
//! one part after another. Entry `n` is the `n`th of all parts in the manifest's order
//! (document `d` of a segment whose first entry is `base` is entry `base + d`).
//!
//! The parts are shared by every engine opened over them: opening the engine again when
//! one more segment has arrived adds that segment's part and copies none of the others
//! (the worker used to copy every loaded record for each opening, and join them again).

use std::sync::Arc;

use crate::table::Entry;
use crate::{CrateOfTheWeek, Issue, Quote, Record};

#[derive(Debug, Clone, Default)]
pub(crate) struct JoinedTable {
    /// Every loaded issue, by ascending number (each segment carries the rows of its
    /// years' issues; the same issue in two segments is the same row).
    issues: Arc<Vec<Issue>>,
    /// Each loaded segment's entries, in the manifest's order.
    parts: Vec<Arc<Vec<Entry>>>,
    /// The number of each part's first entry.
    starts: Vec<usize>,
    len: usize,
}

impl JoinedTable {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn entry(&self, at: usize) -> Option<&Entry> {
        let part = self.part_holding(at)?;
        self.parts[part].get(at - self.starts[part])
    }

    /// The part whose first entry is `base` (a tantivy segment's base): a check that
    /// reads every matching document of a segment looks its part up once, not per
    /// document.
    pub fn part_from(&self, base: usize) -> Option<&Arc<Vec<Entry>>> {
        let part = self.part_holding(base)?;
        (self.starts[part] == base).then(|| &self.parts[part])
    }

    /// The last part starting at or before entry `at` (an empty part shares its start
    /// with the next).
    fn part_holding(&self, at: usize) -> Option<usize> {
        self.starts
            .partition_point(|&start| start <= at)
            .checked_sub(1)
    }

    /// Every entry, in order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.parts.iter().flat_map(|part| part.iter())
    }

    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    pub fn issue(&self, number: u32) -> Option<&Issue> {
        self.issues
            .binary_search_by_key(&number, |i| i.number)
            .ok()
            .map(|at| &self.issues[at])
    }

    pub fn crates(&self) -> impl Iterator<Item = &CrateOfTheWeek> {
        self.entries().filter_map(|e| match &e.record {
            Record::Crate(c) => Some(c),
            _ => None,
        })
    }

    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        self.entries().filter_map(|e| match &e.record {
            Record::Quote(q) => Some(q),
            _ => None,
        })
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Arc<Vec<Entry>>] {
        &self.parts
    }

    /// Part `at`'s entries to change: copied first if an engine opened earlier shares
    /// them (only for a link seen again in a segment added after the one that holds it,
    /// which the manifest's order, newest first, never asks for).
    pub fn part_mut(&mut self, at: usize) -> &mut Vec<Entry> {
        Arc::make_mut(&mut self.parts[at])
    }

    /// Adds one segment's part, after the others, and its issues (a number already
    /// loaded takes the newer part's row).
    pub fn push(&mut self, issues: Vec<Issue>, entries: Vec<Entry>) {
        if !issues.is_empty() {
            let mut all = issues;
            all.sort_by_key(|i| i.number);
            let kept: Vec<Issue> = self
                .issues
                .iter()
                .filter(|old| all.binary_search_by_key(&old.number, |i| i.number).is_err())
                .cloned()
                .collect();
            all.extend(kept);
            all.sort_by_key(|i| i.number);
            self.issues = Arc::new(all);
        }
        self.starts.push(self.len);
        self.len += entries.len();
        self.parts.push(Arc::new(entries));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(number: u32, title: &str) -> Issue {
        Issue {
            number,
            title: title.into(),
            date: String::new(),
            url: String::new(),
            source: String::new(),
            sections: Vec::new(),
            crate_of_the_week: Default::default(),
            quote_of_the_week: Default::default(),
            text: String::new(),
        }
    }

    fn quote(issue: u32, text: &str) -> Entry {
        Entry {
            record: Record::Quote(Quote {
                issue,
                text: text.into(),
                author: String::new(),
                venue: String::new(),
                attribution: String::new(),
                url: String::new(),
                suggested_by: Vec::new(),
                no_author: None,
            }),
            issues: Vec::new(),
        }
    }

    fn text(entry: &Entry) -> &str {
        match &entry.record {
            Record::Quote(q) => &q.text,
            _ => "",
        }
    }

    #[test]
    fn entries_are_numbered_across_parts_and_issues_merged() {
        let mut t = JoinedTable::default();
        assert_eq!(t.entry(0), None);
        t.push(
            vec![issue(3, "three"), issue(5, "five")],
            vec![quote(3, "a"), quote(5, "b")],
        );
        t.push(Vec::new(), Vec::new());
        t.push(
            vec![issue(1, "one"), issue(5, "five again")],
            vec![quote(1, "c")],
        );
        assert_eq!(t.len(), 3);
        let texts: Vec<_> = (0..4)
            .map(|n| t.entry(n).map(|e| text(e).to_string()))
            .collect();
        assert_eq!(
            texts,
            [Some("a".into()), Some("b".into()), Some("c".into()), None]
        );
        assert_eq!(t.entries().count(), 3);
        assert_eq!(t.part_from(2).map(|p| p.len()), Some(1));
        assert_eq!(t.part_from(0).map(|p| p.len()), Some(2));
        assert!(t.part_from(1).is_none());
        let numbers: Vec<u32> = t.issues().iter().map(|i| i.number).collect();
        assert_eq!(numbers, [1, 3, 5]);
        assert_eq!(t.issue(5).unwrap().title, "five again");
        assert_eq!(t.quotes().count(), 3);
    }

    #[test]
    fn a_part_changed_after_an_engine_took_it_is_copied_first() {
        let mut t = JoinedTable::default();
        t.push(vec![issue(1, "one")], vec![quote(1, "a")]);
        let earlier = t.clone();
        t.part_mut(0)[0].issues = vec![1, 7];
        assert_eq!(t.entry(0).unwrap().issues, [1, 7]);
        assert!(earlier.entry(0).unwrap().issues.is_empty());
    }
}
