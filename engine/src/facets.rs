//! Facet counts for a result set: kind, section group, year, site, tag.
//!
//! Every matching document is counted once per facet (a link with several tags under
//! its first), so each facet adds up to the total. Counting runs on every keystroke,
//! so the string work is done once at open: each entry's facet values are small ids.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::columns::{group_of, Columns};
use crate::facet::{Facet, FacetCount, FacetValue, Facets};
use crate::table::Entry;
use crate::Record;

/// Sites counted by name; the rest together as [`FacetValue::OtherSites`].
const TOP_SITES: usize = 20;

/// Each entry's facet values, as ids into one list of values per facet.
#[derive(Clone, Default)]
pub(crate) struct FacetIndex {
    /// Per entry, per facet (in [`Facet::ALL`]'s order).
    keys: Vec<[u32; 5]>,
    values: [Vec<FacetValue>; 5],
}

/// Each facet value's id in a [`FacetIndex`], looked up while segments arrive and by
/// no query: kept beside the index, not copied into each engine opened over it.
#[derive(Default)]
pub(crate) struct FacetIds([HashMap<FacetValue, u32>; 5]);

impl FacetIndex {
    /// Adds the facet values of one segment's `entries`, numbered after those added
    /// before (their columns are in `columns` already).
    pub fn extend(&mut self, ids: &mut FacetIds, entries: &[Entry], columns: &Columns) {
        let (values, ids) = (&mut self.values, &mut ids.0);
        self.keys.extend(entries.iter().map(|e| {
            Facet::ALL.map(|facet| {
                let f = facet.index();
                let value = value_of(columns, &e.record, facet);
                *ids[f].entry(value).or_insert_with_key(|value| {
                    values[f].push(value.clone());
                    values[f].len() as u32 - 1
                })
            })
        }));
    }

    /// Counts the facets of the entries `docs`.
    pub fn count(&self, docs: &[u32]) -> Facets {
        let mut counts: [Vec<usize>; 5] = std::array::from_fn(|f| vec![0; self.values[f].len()]);
        for &doc in docs {
            if let Some(keys) = self.keys.get(doc as usize) {
                for (f, &k) in keys.iter().enumerate() {
                    counts[f][k as usize] += 1;
                }
            }
        }
        Facets::new(Facet::ALL.map(|facet| {
            let f = facet.index();
            let mut v: Vec<FacetCount> = counts[f]
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, &count)| FacetCount {
                    value: self.values[f][i].clone(),
                    count,
                })
                .collect();
            if facet == Facet::Year {
                v.sort_by(|a, b| a.value.cmp(&b.value));
            } else {
                v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            }
            if facet == Facet::Site && v.len() > TOP_SITES {
                let count = v.drain(TOP_SITES..).map(|c| c.count).sum();
                v.push(FacetCount {
                    value: FacetValue::OtherSites,
                    count,
                });
            }
            v
        }))
    }
}

/// A record's value for one facet. The year is [`Columns::year_of_issue`], which the
/// `year:` filter reads too, so a year's count is what its filter gives.
fn value_of(columns: &Columns, record: &Record, facet: Facet) -> FacetValue {
    let link = match record {
        Record::Link(l) => Some(l),
        _ => None,
    };
    match facet {
        Facet::Kind => FacetValue::Kind(record.kind()),
        Facet::Section => FacetValue::Section(group_of(record)),
        Facet::Year => match columns.year_of_issue(record.issue()) {
            0 => FacetValue::None,
            year => FacetValue::Year(year),
        },
        Facet::Site => link
            .filter(|l| !l.domain.is_empty())
            .map_or(FacetValue::None, |l| FacetValue::Site(l.domain.clone())),
        Facet::Tag => link
            .and_then(|l| l.tags.first())
            .map_or(FacetValue::None, |t| FacetValue::Tag(t.clone())),
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
