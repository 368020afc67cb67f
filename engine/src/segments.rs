//! The segment files that have arrived, opened as one tantivy index and one display
//! table.
//!
//! Each segment file holds one tantivy segment (its files and its own `meta.json`) and
//! its part of the display table. Any subset of a manifest's segments opens, added in
//! the manifest's order ([`Arrived`]): the `meta.json` files are joined into one that
//! lists the loaded segments, and the tables follow one another (`joined.rs`), so that
//! document `d` of a segment whose first entry is `base` is table entry `base + d`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use tantivy::directory::RamDirectory;
use tantivy::index::SegmentId;
use tantivy::{Directory, Index};

use crate::columns::{ColumnIds, Columns};
use crate::facets::{FacetIds, FacetIndex};
use crate::joined::JoinedTable;
use crate::table::{url_key, Entry, Table};
use crate::{Bundle, Error, ErrorKind, Manifest, Record};

/// The bundle part that holds a segment's display table.
pub(crate) const TABLE_PART: &str = "records.json";
const META_PART: &str = "meta.json";

/// One segment file, verified and unpacked: parsed once, however often the engine is
/// opened again as more segments arrive.
#[derive(Debug)]
pub struct Segment {
    name: String,
    table: Table,
    meta: serde_json::Value,
    /// The tantivy segment's files.
    parts: BTreeMap<String, Vec<u8>>,
}

impl Segment {
    /// The segment file's name, as the manifest lists it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Checks `bytes` against the manifest's entry for `name` and unpacks them.
    pub fn parse(manifest: &Manifest, name: &str, bytes: &[u8]) -> Result<Segment, Error> {
        Segment::parse_digested(manifest, name, bytes, &crate::sha256_hex(bytes))
    }

    /// [`Segment::parse`] with the bytes' sha256 worked out by the caller
    /// ([`Manifest::verify_digest`]).
    pub fn parse_digested(
        manifest: &Manifest,
        name: &str,
        bytes: &[u8],
        sha256: &str,
    ) -> Result<Segment, Error> {
        let file = manifest.segment(name).ok_or_else(|| {
            Error::new(
                ErrorKind::Malformed,
                format!("{name} is not a segment of this manifest"),
            )
        })?;
        manifest.verify_digest(file, bytes, sha256)?;
        // Refusals name the file: the reader is told which download was bad.
        let mut bundle = Bundle::from_bytes(bytes).map_err(|e| e.in_file(name))?;
        let table = bundle
            .parts
            .remove(TABLE_PART)
            .ok_or_else(|| malformed(name, "the records table is missing"))?;
        let table = Table::from_json(&table).map_err(|e| e.in_file(name))?;
        let meta = bundle
            .parts
            .remove(META_PART)
            .ok_or_else(|| malformed(name, "meta.json is missing"))?;
        let meta = serde_json::from_slice(&meta)
            .map_err(|e| malformed(name, &format!("meta.json: {e}")))?;
        Ok(Segment {
            name: name.to_string(),
            table,
            meta,
            parts: bundle.parts,
        })
    }
}

/// The segments that have arrived, joined as each arrives, in the manifest's order.
///
/// Opening an engine over them ([`Arrived::engine`]) costs about the same however many
/// have arrived: each segment's tantivy files are written once, into one directory that
/// every opening shares; its display table is added once, as a part that every engine
/// shares; and its columns and facet values are worked out once (each opening copies
/// those flat arrays, not the work). The worker opens the engine again as segments
/// arrive while the reader types; joining every loaded segment again for each opening
/// held its thread for 50-70 ms (a phone, several times that) at the last one.
pub struct Arrived {
    manifest: Manifest,
    /// Every added segment's tantivy files; each opening writes its own `meta.json`,
    /// listing them, and an engine opened before keeps the one it read.
    dir: RamDirectory,
    /// The names of the added segments, in order, and each one's place in the manifest.
    names: Vec<String>,
    last_at: Option<usize>,
    /// The first segment's `meta.json` (the schema and settings, the same in all), and
    /// each added segment's own entry of its `segments` list.
    meta: Option<serde_json::Value>,
    listed: Vec<serde_json::Value>,
    bases: HashMap<SegmentId, u32>,
    table: JoinedTable,
    columns: Columns,
    column_ids: ColumnIds,
    facets: FacetIndex,
    facet_ids: FacetIds,
    /// Links seen again in an added segment whose own entry (in the segment of their
    /// first issue) has not arrived yet: by URL key, the later issues.
    seen_again: HashMap<String, Vec<u32>>,
    /// The oldest issue of a link entry in each part (`u32::MAX` when it holds none).
    oldest_link: Vec<u32>,
}

/// An engine's share of [`Arrived`]: the tantivy index and what every query reads.
pub(crate) struct Opened {
    pub index: Index,
    pub table: JoinedTable,
    pub columns: Columns,
    pub facets: FacetIndex,
    /// Each tantivy segment's first table entry.
    pub bases: HashMap<SegmentId, u32>,
    /// The names of the loaded segment files, in the manifest's order.
    pub loaded: Vec<String>,
}

impl Arrived {
    pub fn new(manifest: Manifest) -> Arrived {
        Arrived {
            manifest,
            dir: RamDirectory::create(),
            names: Vec::new(),
            last_at: None,
            meta: None,
            listed: Vec::new(),
            bases: HashMap::new(),
            table: JoinedTable::default(),
            columns: Columns::default(),
            column_ids: ColumnIds::default(),
            facets: FacetIndex::default(),
            facet_ids: FacetIds::default(),
            seen_again: HashMap::new(),
            oldest_link: Vec::new(),
        }
    }

    /// How many segments have been added.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Adds `segment` (parsed against this manifest) after those added before: it must
    /// come after them in the manifest's order. Refused, and nothing of it kept, when
    /// it is not this manifest's, comes out of order or twice, or does not fit the
    /// others (another schema, a shared segment id, documents that are not its table).
    pub fn add(&mut self, segment: Segment) -> Result<(), Error> {
        let name = segment.name.as_str();
        let at = self
            .manifest
            .segments
            .iter()
            .position(|f| f.name == name)
            .ok_or_else(|| malformed(name, "not a segment of this manifest"))?;
        if self.last_at.is_some_and(|last| at <= last) {
            return Err(malformed(
                name,
                "added twice, or after a segment the manifest lists after it",
            ));
        }
        let (listed, id, max_doc) = listed_segment(&segment.meta, self.meta.as_ref(), name)?;
        if self.bases.contains_key(&id) {
            return Err(malformed(name, "two segments share one id"));
        }
        // Document n is table entry n (schema.rs): anything else is not our segment.
        let entries = segment.table.entries.len();
        if max_doc != entries as u64 {
            return Err(malformed(
                name,
                &format!("{max_doc} indexed documents for {entries} table entries"),
            ));
        }
        for (file, data) in &segment.parts {
            self.dir
                .atomic_write(Path::new(file), data)
                .map_err(|e| Error::new(ErrorKind::Index, format!("{file}: {e}")))?;
        }
        let Segment {
            name, table, meta, ..
        } = segment;
        self.meta.get_or_insert(meta);
        self.listed.push(listed);
        self.bases.insert(id, self.table.len() as u32);
        self.names.push(name);
        self.last_at = Some(at);
        self.join(table);
        Ok(())
    }

    /// Adds a checked segment's table: its entries after the others', their columns and
    /// facet values, and the issues its links were seen again in.
    fn join(&mut self, table: Table) {
        let Table {
            issues,
            mut entries,
            later,
        } = table;
        // A link seen again in a segment added before, whose entry is this segment's.
        if !self.seen_again.is_empty() {
            apply_seen_again(&mut entries, &mut self.seen_again);
        }
        let first_issue = issues.first().map_or(0, |i| i.number);
        let oldest_link = entries
            .iter()
            .filter_map(|e| match &e.record {
                Record::Link(l) => Some(l.issue),
                _ => None,
            })
            .min()
            .unwrap_or(u32::MAX);
        self.columns.extend(&mut self.column_ids, &issues, &entries);
        self.facets
            .extend(&mut self.facet_ids, &entries, &self.columns);
        self.table.push(issues, entries);
        self.oldest_link.push(oldest_link);
        if later.is_empty() {
            return;
        }
        for seen in later {
            self.seen_again
                .entry(seen.url)
                .or_default()
                .extend(seen.issues);
        }
        // This segment's links first seen in older issues: their entries are in the
        // segments still to come (the manifest lists the newest first), unless one
        // added already holds links that old.
        let parts = self.oldest_link.len() - 1;
        for part in 0..parts {
            if self.seen_again.is_empty() {
                break;
            }
            if self.oldest_link[part] < first_issue {
                let holds_one = self.table.parts()[part].iter().any(|e| {
                    matches!(&e.record, Record::Link(l) if self.seen_again.contains_key(url_key(&l.url)))
                });
                if holds_one {
                    apply_seen_again(self.table.part_mut(part), &mut self.seen_again);
                }
            }
        }
    }

    /// An engine over every segment added so far (built in `search.rs`).
    pub fn engine(&self) -> Result<crate::Engine, Error> {
        crate::Engine::from_opened(self.manifest.clone(), self.open()?)
    }

    fn open(&self) -> Result<Opened, Error> {
        let Some(meta) = &self.meta else {
            return Err(Error::new(ErrorKind::Malformed, "no segment to open"));
        };
        let mut meta = meta.clone();
        meta["segments"] = serde_json::Value::Array(self.listed.clone());
        self.dir
            .atomic_write(Path::new(META_PART), meta.to_string().as_bytes())
            .map_err(|e| Error::new(ErrorKind::Index, format!("meta.json: {e}")))?;
        Ok(Opened {
            index: Index::open(self.dir.clone())?,
            table: self.table.clone(),
            columns: self.columns.clone(),
            facets: self.facets.clone(),
            bases: self.bases.clone(),
            loaded: self.names.clone(),
        })
    }
}

/// Gives each link entry of `entries` that `seen_again` names the issues it was seen
/// again in, and takes it out of `seen_again`: each URL has one entry, in the segment
/// of its first issue.
fn apply_seen_again(entries: &mut [Entry], seen_again: &mut HashMap<String, Vec<u32>>) {
    for entry in entries.iter_mut() {
        if seen_again.is_empty() {
            return;
        }
        let Record::Link(l) = &entry.record else {
            continue;
        };
        if let Some(issues) = seen_again.remove(url_key(&l.url)) {
            let mut all: Vec<u32> = entry.issue_numbers().chain(issues).collect();
            all.sort_unstable();
            all.dedup();
            entry.issues = all;
        }
    }
}

/// A segment's own entry of its `meta.json`'s `segments` list, with its id and document
/// count; refused unless it lists exactly one segment, with the schema of `first` (the
/// first segment's `meta.json`) when there is one.
fn listed_segment(
    meta: &serde_json::Value,
    first: Option<&serde_json::Value>,
    name: &str,
) -> Result<(serde_json::Value, SegmentId, u64), Error> {
    if first.is_some_and(|first| meta.get("schema") != first.get("schema")) {
        return Err(malformed(
            name,
            "its schema differs from the other segments'",
        ));
    }
    let listed = meta
        .get("segments")
        .and_then(|s| s.as_array())
        .filter(|s| s.len() == 1)
        .ok_or_else(|| malformed(name, "meta.json must list exactly one segment"))?;
    let segment = &listed[0];
    let id = segment
        .get("segment_id")
        .and_then(|s| s.as_str())
        .and_then(|s| SegmentId::from_uuid_string(s).ok())
        .ok_or_else(|| malformed(name, "meta.json has no valid segment id"))?;
    let max_doc = segment
        .get("max_doc")
        .and_then(|m| m.as_u64())
        .ok_or_else(|| malformed(name, "meta.json has no document count"))?;
    Ok((segment.clone(), id, max_doc))
}

fn malformed(file: &str, what: &str) -> Error {
    Error::new(ErrorKind::Malformed, format!("{file}: {what}"))
}
