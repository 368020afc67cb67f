//! The segment files that have arrived, opened as one tantivy index and one display
//! table.
//!
//! Each segment file holds one tantivy segment (its files and its own `meta.json`) and
//! its part of the display table. Any subset of a manifest's segments opens: the
//! `meta.json` files are joined into one that lists the loaded segments, and the tables
//! are joined in the manifest's order, so that document `d` of a segment whose first
//! entry is `base` is table entry `base + d`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use tantivy::directory::RamDirectory;
use tantivy::index::SegmentId;
use tantivy::{Directory, Index};

use crate::table::{url_key, Table};
use crate::{Bundle, Error, ErrorKind, Manifest, Record};

/// The bundle part that holds a segment's display table.
pub(crate) const TABLE_PART: &str = "records.json";
const META_PART: &str = "meta.json";

/// One segment file, verified and unpacked: parsed once, however often the engine is
/// opened again as more segments arrive.
#[derive(Debug, Clone)]
pub struct Segment {
    name: String,
    table: Table,
    meta: serde_json::Value,
    /// The tantivy segment's files.
    parts: BTreeMap<String, Vec<u8>>,
}

impl Segment {
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

/// The loaded segments, opened.
pub(crate) struct Opened {
    pub index: Index,
    pub table: Table,
    /// Each tantivy segment's first table entry.
    pub bases: HashMap<SegmentId, u32>,
    /// The names of the loaded segment files, in the manifest's order.
    pub loaded: Vec<String>,
}

/// Opens `segments` (parsed against `manifest`) together, in the manifest's order.
pub(crate) fn open(manifest: &Manifest, mut segments: Vec<Segment>) -> Result<Opened, Error> {
    let dir = RamDirectory::create();
    if let Some(s) = segments
        .iter()
        .find(|s| manifest.segment(&s.name).is_none())
    {
        return Err(malformed(&s.name, "not a segment of this manifest"));
    }
    let at = |s: &Segment| manifest.segments.iter().position(|f| f.name == s.name);
    segments.sort_by_key(|s| at(s));
    segments.dedup_by(|a, b| a.name == b.name);
    let ordered = segments;
    if ordered.is_empty() {
        return Err(Error::new(ErrorKind::Malformed, "no segment to open"));
    }
    for segment in &ordered {
        for (name, data) in &segment.parts {
            dir.atomic_write(Path::new(name), data)
                .map_err(|e| Error::new(ErrorKind::Index, format!("{name}: {e}")))?;
        }
    }
    let loaded: Vec<String> = ordered.iter().map(|s| s.name.clone()).collect();
    let (meta, ids) = joined_meta(ordered.iter().map(|s| &s.meta), &loaded)?;
    dir.atomic_write(Path::new(META_PART), meta.to_string().as_bytes())
        .map_err(|e| Error::new(ErrorKind::Index, format!("meta.json: {e}")))?;
    let mut bases = HashMap::new();
    let mut base = 0u32;
    for ((id, max_doc), segment) in ids.into_iter().zip(&ordered) {
        // Document n is table entry n (schema.rs): anything else is not our segment.
        if max_doc != segment.table.entries.len() as u64 {
            return Err(malformed(
                &segment.name,
                &format!(
                    "{max_doc} indexed documents for {} table entries",
                    segment.table.entries.len()
                ),
            ));
        }
        bases.insert(id, base);
        base += max_doc as u32;
    }
    Ok(Opened {
        index: Index::open(dir)?,
        table: joined_table(ordered.into_iter().map(|s| s.table)),
        bases,
        loaded,
    })
}

/// One `meta.json` listing every loaded segment (the schema and settings are the same
/// in all), and each segment's id and document count, in order.
fn joined_meta<'a>(
    metas: impl Iterator<Item = &'a serde_json::Value>,
    names: &[String],
) -> Result<(serde_json::Value, Vec<(SegmentId, u64)>), Error> {
    let mut joined = serde_json::Value::Null;
    let mut segments = Vec::new();
    let mut ids = Vec::new();
    for (meta, name) in metas.zip(names) {
        if joined.is_null() {
            joined = meta.clone();
        }
        if meta.get("schema") != joined.get("schema") {
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
        if ids.iter().any(|(other, _)| *other == id) {
            return Err(malformed(name, "two segments share one id"));
        }
        ids.push((id, max_doc));
        segments.push(segment.clone());
    }
    joined["segments"] = serde_json::Value::Array(segments);
    Ok((joined, ids))
}

/// The tables one after another; a link seen again in a later segment lists those
/// issues too (`Table::later`), when the segment that holds it is loaded.
fn joined_table(tables: impl Iterator<Item = Table>) -> Table {
    let mut issues = BTreeMap::new();
    let mut entries = Vec::new();
    let mut later = Vec::new();
    for table in tables {
        for issue in table.issues {
            issues.insert(issue.number, issue);
        }
        entries.extend(table.entries);
        later.extend(table.later);
    }
    // Only the few links seen again are looked up (a few thousand, not every link's
    // URL copied into a map on every open); the last entry of a URL is the one.
    let mut seen_again: HashMap<&str, Vec<u32>> = HashMap::new();
    for seen in &later {
        seen_again
            .entry(seen.url.as_str())
            .or_default()
            .extend(&seen.issues);
    }
    for entry in entries.iter_mut().rev() {
        if seen_again.is_empty() {
            break;
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
    Table {
        issues: issues.into_values().collect(),
        entries,
        // Applied above; nothing reads them after the join.
        later: Vec::new(),
    }
}

fn malformed(file: &str, what: &str) -> Error {
    Error::new(ErrorKind::Malformed, format!("{file}: {what}"))
}
