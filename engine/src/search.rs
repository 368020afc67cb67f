//! Opening the loaded segments and answering queries: the same code in the browser and
//! natively. The query is built in `query_build.rs` (with `typos.rs`), the hits in
//! `hit.rs` (with `snippet.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::{DocAddress, DocId, IndexReader, ReloadPolicy, SegmentReader};

use crate::answer::{IssueSummary, SearchRequest, SearchResults, Sort};
use crate::columns::Columns;
use crate::facets::{DocIdCollector, FacetIndex};
use crate::hit::hit;
use crate::joined::JoinedTable;
use crate::query::ParsedQuery;
use crate::schema::{self, Fields};
use crate::segments::{Arrived, Opened, Segment};
use crate::snippet::HighlightTerms;
use crate::typos::Typos;
use crate::{Error, ErrorKind, Issue, Manifest, Record, RecordKind, SegmentFile};

/// The opened index: every segment that has arrived, or all of them.
/// (The fields `query_build.rs` reads are the crate's.)
pub struct Engine {
    manifest: Manifest,
    pub(crate) fields: Fields,
    reader: IndexReader,
    /// Shared with the per-document checks of filters and phrases inside queries.
    pub(crate) table: Arc<JoinedTable>,
    pub(crate) columns: Arc<Columns>,
    facet_index: FacetIndex,
    /// Each tantivy segment's first table entry: document d of it is entry base + d.
    pub(crate) bases: Arc<HashMap<SegmentId, u32>>,
    /// The loaded segment files' names, in the manifest's order.
    loaded: Vec<String>,
}

impl Engine {
    /// Checks each segment file (name, bytes) against the manifest and opens those
    /// given: the first to arrive answers alone, and the engine is opened again as the
    /// others arrive. Ranking uses the manifest's whole-index statistics until all are in.
    pub fn open(manifest: Manifest, files: &[(String, Vec<u8>)]) -> Result<Engine, Error> {
        let segments = files
            .iter()
            .map(|(name, bytes)| Segment::parse(&manifest, name, bytes))
            .collect::<Result<Vec<_>, _>>()?;
        Engine::from_segments(manifest, segments)
    }

    /// Opens segments already parsed with [`Segment::parse`], in any order (the same
    /// segment twice counts once). The app adds them to an [`Arrived`] instead, as each
    /// arrives, and opens the engine again from it.
    pub fn from_segments(manifest: Manifest, mut segments: Vec<Segment>) -> Result<Engine, Error> {
        let at = |s: &Segment| manifest.segments.iter().position(|f| f.name == s.name());
        segments.sort_by_key(|s| at(s));
        segments.dedup_by(|a, b| a.name() == b.name());
        let mut arrived = Arrived::new(manifest);
        for segment in segments {
            arrived.add(segment)?;
        }
        arrived.engine()
    }

    /// The engine over what [`Arrived::engine`] opened.
    pub(crate) fn from_opened(manifest: Manifest, opened: Opened) -> Result<Engine, Error> {
        let index = opened.index;
        crate::tokenizer::register(index.tokenizers());
        let fields = schema::fields_of(&index.schema()).ok_or_else(|| {
            Error::new(
                ErrorKind::FormatVersion,
                "the index schema is not this engine's",
            )
        })?;
        // No reload, no warming threads: the browser has neither files that change nor threads.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .num_warming_threads(0)
            .try_into()?;
        Ok(Engine {
            manifest,
            fields,
            reader,
            facet_index: opened.facets,
            columns: Arc::new(opened.columns),
            table: Arc::new(opened.table),
            bases: Arc::new(opened.bases),
            loaded: opened.loaded,
        })
    }

    /// True when every segment of the manifest is loaded: counts and facets are final.
    pub fn is_complete(&self) -> bool {
        self.loaded.len() == self.manifest.segments.len()
    }

    /// The manifest's segments not loaded yet, in loading order.
    pub fn missing(&self) -> Vec<&SegmentFile> {
        self.manifest
            .segments
            .iter()
            .filter(|s| !self.loaded.contains(&s.name))
            .collect()
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Every issue, ascending by number.
    pub fn issues(&self) -> &[Issue] {
        self.table.issues()
    }

    pub fn issue(&self, number: u32) -> Option<&Issue> {
        self.table.issue(number)
    }

    /// Every crate of the week, in issue order.
    pub fn crates(&self) -> impl Iterator<Item = &crate::CrateOfTheWeek> {
        self.table.crates()
    }

    /// Every quote of the week, in issue order.
    pub fn quotes(&self) -> impl Iterator<Item = &crate::Quote> {
        self.table.quotes()
    }

    /// Everything issue `number` held, in page order: its prose, links, crates and
    /// quotes. A link repeated from an earlier issue is shown as it was first written.
    pub fn issue_records(&self, number: u32) -> Vec<&Record> {
        let mut records: Vec<&Record> = self
            .table
            .entries()
            .filter(|e| e.issue_numbers().any(|n| n == number))
            .map(|e| &e.record)
            .collect();
        // The issue first; its crates and quotes come from another segment than its
        // links, each in page order.
        records.sort_by_key(|r| r.kind() != RecordKind::Issue);
        records
    }

    /// Per issue number: how many links (boilerplate left out), and the crates of the
    /// week by name, for the list of issues.
    pub fn issue_summaries(&self) -> std::collections::BTreeMap<u32, IssueSummary> {
        let mut out: std::collections::BTreeMap<u32, IssueSummary> = self
            .table
            .issues()
            .iter()
            .map(|i| (i.number, IssueSummary::default()))
            .collect();
        for entry in self.table.entries() {
            for n in entry.issue_numbers() {
                let Some(summary) = out.get_mut(&n) else {
                    continue;
                };
                match &entry.record {
                    Record::Link(l) if !l.boilerplate => summary.links += 1,
                    Record::Crate(c) => summary.crates.push(c.name.clone()),
                    Record::Quote(_) => summary.quotes += 1,
                    _ => {}
                }
            }
        }
        out
    }

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, Error> {
        let parsed = ParsedQuery::parse(&request.query);
        let mut results = SearchResults {
            understood: parsed.understood(),
            left_out: parsed.left_out,
            ..SearchResults::default()
        };
        if parsed.is_empty() {
            return Ok(results);
        }
        let searcher = self.reader.searcher();
        let partial = crate::stats::PartialStats {
            searcher: &searcher,
            schema: &searcher.schema().clone(),
            whole: &self.manifest.stats,
            loaded_docs: self.table.len() as u64,
        };
        let stats: &dyn Bm25StatisticsProvider = if self.is_complete() {
            &searcher
        } else {
            &partial
        };
        let mut typos = Typos::new(stats);
        let query = self.build_query(&parsed, request.include_boilerplate, &mut typos);
        results.exact_only = typos.cut;
        let limit = request.limit.max(1);
        let collector = TopDocs::with_limit(limit).and_offset(request.offset);
        let (columns, bases) = (self.columns.clone(), self.bases.clone());
        let sort = request.sort;
        // Relevance: crates and quotes weigh more, ties go to the newer. Newest and
        // oldest: by date, then by relevance within a day.
        let top = collector.tweak_score(move |segment: &SegmentReader| {
            let columns = columns.clone();
            let base = base_of(&bases, segment);
            move |doc: DocId, score: f32| {
                let doc = (base + doc) as usize;
                let date = i64::from(columns.date.get(doc).copied().unwrap_or(0));
                let kind = columns.kind.get(doc).copied();
                match sort {
                    Sort::Relevance => (score * kind_weight(kind), date, score),
                    Sort::Newest => (0.0, date, score),
                    Sort::Oldest => (0.0, -date, score),
                }
            }
        });
        // One pass over the matches gives the page and the facets (or, when paging,
        // the count): a phrase or filter check then reads each record once, not twice.
        let page = if request.facets {
            let (page, docs) = searcher.search_with_statistics_provider(
                &query,
                &(top, DocIdCollector::new(self.bases.clone())),
                stats,
            )?;
            results.total = docs.len();
            results.facets = self.facet_index.count(&docs);
            page
        } else {
            // Paging: the caller keeps the facets it has; only the page changes.
            let (page, total) =
                searcher.search_with_statistics_provider(&query, &(top, Count), stats)?;
            results.total = total;
            page
        };
        let page: Vec<(f32, DocAddress)> = page
            .into_iter()
            .map(|((_, _, score), addr)| (score, addr))
            .collect();
        let terms = HighlightTerms::of(&parsed);
        for (score, addr) in page {
            let base = base_of(&self.bases, searcher.segment_reader(addr.segment_ord));
            if let Some(entry) = self.table.entry((base + addr.doc_id) as usize) {
                results.hits.push(hit(&self.table, entry, score, &terms));
            }
        }
        Ok(results)
    }
}

/// The first table entry of `segment`'s documents (every segment of the reader has one).
pub(crate) fn base_of(bases: &HashMap<SegmentId, u32>, segment: &SegmentReader) -> u32 {
    bases
        .get(&segment.segment_id())
        .copied()
        .unwrap_or(u32::MAX / 2)
}

/// Crates and quotes of the week are what researchers look up by name: they rank above
/// a link with the same words (the crate's own link in its section, say).
fn kind_weight(kind: Option<RecordKind>) -> f32 {
    match kind {
        Some(RecordKind::Crate | RecordKind::Quote) => 1.5,
        _ => 1.0,
    }
}
