//! Facet counts for a result set: kind, section group, year, domain, tag.
//!
//! Every matching document is counted once per facet (a link with several tags under
//! its first), so each facet adds up to the total. Counting runs on every keystroke,
//! so the string work is done once at open: each entry's facet values are small ids.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::answer::Facets;
use crate::columns::group_of;
use crate::table::Table;
use crate::Record;

const TOP_DOMAINS: usize = 20;

/// Each entry's facet values as ids into the name lists.
pub(crate) struct FacetIndex {
    keys: Vec<[u32; 5]>,
    names: [Vec<String>; 5],
}

impl FacetIndex {
    pub fn new(table: &Table) -> FacetIndex {
        let mut names: [Vec<String>; 5] = Default::default();
        let mut ids: [HashMap<String, u32>; 5] = Default::default();
        let mut id = |facet: usize, name: &str| -> u32 {
            if let Some(&i) = ids[facet].get(name) {
                return i;
            }
            let i = names[facet].len() as u32;
            names[facet].push(name.to_string());
            ids[facet].insert(name.to_string(), i);
            i
        };
        let keys = table
            .entries
            .iter()
            .map(|e| {
                let r = &e.record;
                let year = table
                    .issue(r.issue())
                    .and_then(|i| i.date.get(..4))
                    .unwrap_or("unknown");
                let (domain, tag) = match r {
                    Record::Link(l) if !l.domain.is_empty() => (
                        l.domain.as_str(),
                        l.tags.first().map_or("none", |t| t.as_str()),
                    ),
                    Record::Link(l) => ("none", l.tags.first().map_or("none", |t| t.as_str())),
                    _ => ("none", "none"),
                };
                [
                    id(0, r.kind().as_str()),
                    id(1, group_of(r).as_str()),
                    id(2, year),
                    id(3, domain),
                    id(4, tag),
                ]
            })
            .collect();
        FacetIndex { keys, names }
    }

    /// Counts the facets of the entries `docs`.
    pub fn count(&self, docs: &[u32]) -> Facets {
        let mut counts: [Vec<usize>; 5] = std::array::from_fn(|f| vec![0; self.names[f].len()]);
        for &doc in docs {
            if let Some(keys) = self.keys.get(doc as usize) {
                for (f, &k) in keys.iter().enumerate() {
                    counts[f][k as usize] += 1;
                }
            }
        }
        let [kind, section, year, domain, tag] = counts;
        let named = |f: usize, c: Vec<usize>| -> Vec<(String, usize)> {
            let mut v: Vec<(String, usize)> = c
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (self.names[f][i].clone(), n))
                .collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let mut years = named(2, year);
        years.sort();
        let mut domains = named(3, domain);
        if domains.len() > TOP_DOMAINS {
            let rest: usize = domains[TOP_DOMAINS..].iter().map(|d| d.1).sum();
            domains.truncate(TOP_DOMAINS);
            domains.push(("other".to_string(), rest));
        }
        Facets {
            kind: named(0, kind),
            section: named(1, section),
            year: years,
            domain: domains,
            tag: named(4, tag),
        }
    }
}

/// Collects every matching document as its table entry (document d of a segment is
/// entry base + d).
pub(crate) struct DocIdCollector {
    bases: Arc<HashMap<SegmentId, u32>>,
}

impl DocIdCollector {
    pub fn new(bases: Arc<HashMap<SegmentId, u32>>) -> DocIdCollector {
        DocIdCollector { bases }
    }
}

pub(crate) struct DocIdSegmentCollector {
    base: u32,
    docs: Vec<u32>,
}

impl Collector for DocIdCollector {
    type Fruit = Vec<u32>;
    type Child = DocIdSegmentCollector;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(DocIdSegmentCollector {
            base: crate::search::base_of(&self.bases, segment),
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u32>>) -> tantivy::Result<Vec<u32>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for DocIdSegmentCollector {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs.push(self.base + doc);
    }

    fn harvest(self) -> Vec<u32> {
        self.docs
    }
}
