//! Writing the index: one immutable segment file per era, and the manifest (native
//! only: the app only reads). Where the cuts go is `plan.rs`.

use std::collections::{BTreeMap, HashMap};

use tantivy::directory::RamDirectory;
use tantivy::schema::Field;
use tantivy::{Directory, IndexBuilder, IndexSettings, TantivyDocument};

use crate::bundle::{sha256_hex, IndexStats, SegmentFile};
use crate::plan::{self, SegmentSpec};
use crate::schema::{self, Fields};
use crate::table::{url_key, Entry, LaterAppearance, Table};
use crate::{Bundle, Error, ErrorKind, Manifest, Record, FORMAT_VERSION};

/// A written index, ready to be saved: the manifest and the segment files it names.
#[derive(Debug, Clone)]
pub struct BuiltIndex {
    pub manifest: Manifest,
    /// In the manifest's order.
    pub segments: Vec<BuiltSegment>,
}

impl BuiltIndex {
    /// The segment files built in this run, as (name, bytes), for `Engine::open`.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        self.segments
            .iter()
            .filter_map(|s| Some((s.file.name.clone(), s.bytes.clone()?)))
            .collect()
    }
}

/// One segment file.
#[derive(Debug, Clone)]
pub struct BuiltSegment {
    pub file: SegmentFile,
    /// The file's bytes; `None` when a previous build's file was reused as is.
    pub bytes: Option<Vec<u8>>,
}

/// Builds the index of `records`, cut into segments by `plan::plan`.
///
/// `reuse` is asked, for each segment, whether the previous build's file with the same
/// inputs (`SegmentFile::input`) is still there; when it answers with that file, the
/// segment is not built again. Links with the same URL are one entry, held by the
/// segment of their first appearance; later segments only list the issues they were
/// seen again in (`Table::later`), so no segment ever changes for a later issue.
pub fn write_index(
    records: &[Record],
    built_at: &str,
    reuse: &dyn Fn(&str) -> Option<SegmentFile>,
) -> Result<BuiltIndex, Error> {
    let year_of_issue: BTreeMap<u32, u32> = records
        .iter()
        .filter_map(|r| match r {
            Record::Issue(i) => Some((i.number, i.year().unwrap_or(0))),
            _ => None,
        })
        .collect();
    let specs = plan::plan(records, &year_of_issue);
    write_segments(records, built_at, &specs, &year_of_issue, reuse)
}

/// Builds the index of `records` as one segment: what the segmented index must rank
/// exactly like (a test compares them).
pub fn write_single_segment(records: &[Record], built_at: &str) -> Result<BuiltIndex, Error> {
    let year_of_issue: BTreeMap<u32, u32> = records
        .iter()
        .filter_map(|r| match r {
            Record::Issue(i) => Some((i.number, 0)),
            _ => None,
        })
        .collect();
    let spec = SegmentSpec {
        label: "all".into(),
        years: 0..=0,
        content: plan::Content::Everything,
    };
    write_segments(records, built_at, &[spec], &year_of_issue, &|_| None)
}

fn write_segments(
    records: &[Record],
    built_at: &str,
    specs: &[SegmentSpec],
    year_of_issue: &BTreeMap<u32, u32>,
    reuse: &dyn Fn(&str) -> Option<SegmentFile>,
) -> Result<BuiltIndex, Error> {
    let first_seen = first_appearances(records);
    let segments = specs
        .iter()
        .map(|spec| write_segment(records, spec, year_of_issue, &first_seen, reuse))
        .collect::<Result<Vec<_>, _>>()?;
    let mut stats = IndexStats::default();
    for s in &segments {
        stats.docs += s.file.docs;
        for (field, n) in &s.file.tokens {
            *stats.tokens.entry(field.clone()).or_default() += n;
        }
    }
    let issues = || {
        records.iter().filter_map(|r| match r {
            Record::Issue(i) => Some(i),
            _ => None,
        })
    };
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        built_at: built_at.to_string(),
        records: count_records(records),
        first_date: issues().map(|i| i.date.clone()).min().unwrap_or_default(),
        last_date: issues().map(|i| i.date.clone()).max().unwrap_or_default(),
        last_issue: issues().map(|i| i.number).max().unwrap_or(0),
        stats,
        segments: segments.iter().map(|s| s.file.clone()).collect(),
    };
    Ok(BuiltIndex { manifest, segments })
}

/// The segment file of `spec`: the records it holds and the display rows of its years'
/// issues, indexed; or the previous build's file when its inputs hash the same.
fn write_segment(
    records: &[Record],
    spec: &SegmentSpec,
    year_of_issue: &BTreeMap<u32, u32>,
    first_seen: &HashMap<&str, u32>,
    reuse: &dyn Fn(&str) -> Option<SegmentFile>,
) -> Result<BuiltSegment, Error> {
    let held: Vec<&Record> = records
        .iter()
        .filter(|r| spec.holds(r, year_of_issue))
        .collect();
    // Every segment carries the display rows of its years' issues (dates, titles),
    // whatever records of them it holds.
    let rows: Vec<&crate::Issue> = records
        .iter()
        .filter_map(|r| match r {
            Record::Issue(i) => Some(i),
            _ => None,
        })
        .filter(|i| {
            spec.years
                .contains(&year_of_issue.get(&i.number).copied().unwrap_or(0))
        })
        .collect();
    let table = segment_table(&held, &rows, first_seen);
    let segment_id = segment_id(&spec.label);
    let table_json = table
        .to_json()
        .map_err(|e| Error::new(ErrorKind::Write, format!("records table: {e}")))?;
    let input = input_hash(&spec.label, &segment_id, &table_json);
    if let Some(file) = reuse(&input) {
        return Ok(BuiltSegment { file, bytes: None });
    }
    let (mut bundle, tokens) = index_segment(&table, &segment_id)?;
    bundle
        .parts
        .insert(crate::segments::TABLE_PART.into(), table_json);
    let bytes = bundle.to_bytes();
    let sha256 = sha256_hex(&bytes);
    let dates = || table.issues.iter().map(|i| i.date.clone());
    let numbers = || table.issues.iter().map(|i| i.number);
    let file = SegmentFile {
        name: crate::files::segment_file_name(&sha256),
        size: bytes.len() as u64,
        sha256,
        label: spec.label.clone(),
        first_issue: numbers().min().unwrap_or(0),
        last_issue: numbers().max().unwrap_or(0),
        first_date: dates().min().unwrap_or_default(),
        last_date: dates().max().unwrap_or_default(),
        docs: table.entries.len() as u64,
        tokens,
        input,
    };
    Ok(BuiltSegment {
        file,
        bytes: Some(bytes),
    })
}

/// What a segment file is made of, hashed: the same inputs give the same bytes, so a
/// previous build's file can stand in for it.
fn input_hash(label: &str, segment_id: &str, table_json: &[u8]) -> String {
    let mut input = format!(
        "twir-search format {FORMAT_VERSION}, engine {}, segment {label} {segment_id}\n",
        env!("CARGO_PKG_VERSION")
    )
    .into_bytes();
    input.extend_from_slice(table_json);
    sha256_hex(&input)
}

/// The issue each link URL was first seen in.
fn first_appearances(records: &[Record]) -> HashMap<&str, u32> {
    let mut first: HashMap<&str, u32> = HashMap::new();
    for r in records {
        if let Record::Link(l) = r {
            let at = first.entry(url_key(&l.url)).or_insert(l.issue);
            *at = (*at).min(l.issue);
        }
    }
    first
}

/// The tantivy id of a segment: fixed by its label, so that the same records give the
/// same bytes and two segments of one index never share an id.
fn segment_id(label: &str) -> String {
    sha256_hex(format!("twir-segment {label}").as_bytes())[..32].to_string()
}

/// Indexes the table's entries (document n is entry n) as one tantivy segment with the
/// id `segment_id`; returns its files and the tokens of each text field.
fn index_segment(
    table: &Table,
    segment_id: &str,
) -> Result<(Bundle, BTreeMap<String, u64>), Error> {
    let (schema, fields) = schema::build();
    let settings = IndexSettings {
        // The bundle travels brotli-compressed; lz4 blocks would only get in its way, and
        // no field is stored anyway (display data lives in the table).
        docstore_compression: tantivy::store::Compressor::None,
        docstore_compress_dedicated_thread: false,
        ..IndexSettings::default()
    };
    let dir = RamDirectory::create();
    let mut writer = IndexBuilder::new()
        .schema(schema.clone())
        .settings(settings)
        .tokenizers(tokenizer_manager())
        // One segment, no threads: deterministic, and no merge step to wait for.
        .single_segment_index_writer(dir.clone(), 1_500_000_000)?;
    for entry in &table.entries {
        writer.add_document(document(&fields, entry))?;
    }
    let index = writer.finalize()?;
    let mut tokens = BTreeMap::new();
    let searcher = index.reader()?.searcher();
    for (field, entry) in schema.fields() {
        let mut n = 0;
        for segment in searcher.segment_readers() {
            n += segment.inverted_index(field)?.total_num_tokens();
        }
        tokens.insert(entry.name().to_string(), n);
    }

    let mut bundle = Bundle::default();
    let metas = index.load_metas()?;
    let tantivy_id = metas
        .segments
        .first()
        .map(|s| s.id().uuid_string())
        .unwrap_or_default();
    let mut paths = vec![std::path::PathBuf::from("meta.json")];
    let mut segment_files: Vec<_> = metas.list_segment_files().into_iter().collect();
    segment_files.sort();
    paths.extend(segment_files);
    for path in paths {
        // The list names candidate files; not every segment has every component.
        if !dir.exists(&path).unwrap_or(false) {
            continue;
        }
        let data = dir
            .atomic_read(&path)
            .map_err(|e| Error::new(ErrorKind::Write, format!("{}: {e}", path.display())))?;
        let name = path.to_string_lossy().replace(&tantivy_id, segment_id);
        let data = if name == "meta.json" {
            // meta.json writes segment ids hyphenated; file names use the simple form.
            String::from_utf8_lossy(&data)
                .replace(&hyphenated(&tantivy_id), &hyphenated(segment_id))
                .replace(&tantivy_id, segment_id)
                .into_bytes()
        } else {
            data
        };
        bundle.parts.insert(name, data);
    }
    Ok((bundle, tokens))
}

/// `0123…` (32 hex digits) -> `01234567-89ab-cdef-0123-456789abcdef`.
fn hyphenated(simple: &str) -> String {
    let s = simple;
    format!(
        "{}-{}-{}-{}-{}",
        &s[..8],
        &s[8..12],
        &s[12..16],
        &s[16..20],
        &s[20..]
    )
}

fn tokenizer_manager() -> tantivy::tokenizer::TokenizerManager {
    let manager = tantivy::tokenizer::TokenizerManager::default();
    crate::tokenizer::register(&manager);
    manager
}

fn count_records(records: &[Record]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for kind in crate::RecordKind::ALL {
        counts.insert(kind.as_str().to_string(), 0);
    }
    for r in records {
        *counts.entry(r.kind().as_str().to_string()).or_default() += 1;
    }
    counts
}

/// The display table of one segment's records, in their order. A link is one entry
/// per URL, shown as first written; a link whose URL an earlier segment holds is only
/// listed in `later`.
fn segment_table(
    records: &[&Record],
    rows: &[&crate::Issue],
    first_seen: &HashMap<&str, u32>,
) -> Table {
    // The issue table is for display (dates, titles, page URLs); the issue's prose is
    // in its search entry, and its outline and source file are for the exports only.
    let mut issues: Vec<_> = rows
        .iter()
        .map(|&i| crate::Issue {
            text: String::new(),
            sections: Vec::new(),
            source: String::new(),
            ..i.clone()
        })
        .collect();
    issues.sort_by_key(|i| i.number);
    let first_issue = issues.first().map_or(0, |i| i.number);
    let mut entries: Vec<Entry> = Vec::new();
    let mut later: Vec<LaterAppearance> = Vec::new();
    let mut by_url: HashMap<&str, usize> = HashMap::new();
    let mut later_by_url: HashMap<&str, usize> = HashMap::new();
    for &record in records {
        if let Record::Link(link) = record {
            let key = url_key(&link.url);
            if first_seen
                .get(key)
                .is_some_and(|&first| first < first_issue)
            {
                let at = *later_by_url.entry(key).or_insert_with(|| {
                    later.push(LaterAppearance {
                        url: key.to_string(),
                        issues: Vec::new(),
                    });
                    later.len() - 1
                });
                later[at].issues.push(link.issue);
                continue;
            }
            if let Some(&at) = by_url.get(key) {
                entries[at].issues.push(link.issue);
                continue;
            }
            by_url.insert(key, entries.len());
        }
        let record = match record {
            Record::Issue(i) => Record::Issue(crate::Issue {
                sections: Vec::new(),
                source: String::new(),
                ..i.clone()
            }),
            r => r.clone(),
        };
        entries.push(Entry {
            issues: match &record {
                Record::Link(l) => vec![l.issue],
                _ => Vec::new(),
            },
            record,
        });
    }
    for entry in &mut entries {
        entry.issues.sort_unstable();
        entry.issues.dedup();
        if entry.issues.len() <= 1 {
            entry.issues.clear();
        }
    }
    for l in &mut later {
        l.issues.sort_unstable();
        l.issues.dedup();
    }
    Table {
        issues,
        entries,
        later,
    }
}

fn document(f: &Fields, entry: &Entry) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    let text = |doc: &mut TantivyDocument, field: Field, s: &str| {
        if !s.is_empty() {
            doc.add_text(field, s);
        }
    };
    match &entry.record {
        Record::Issue(i) => {
            text(&mut doc, f.title, &i.title);
            text(&mut doc, f.body, &i.text);
        }
        Record::Link(l) => {
            text(&mut doc, f.title, &l.text);
            // The link text is already in `title`; index only what the context adds.
            text(&mut doc, f.body, &l.context.replacen(&l.text, " ", 1));
            text(&mut doc, f.url, &url_words(&l.url, &l.text));
        }
        Record::Crate(c) => {
            text(&mut doc, f.title, &c.name);
            text(&mut doc, f.body, &c.description);
            text(&mut doc, f.people, &c.suggested_by.join(", "));
            text(&mut doc, f.url, &url_words(&c.url, &c.name));
        }
        Record::Quote(q) => {
            text(&mut doc, f.body, &q.text);
            text(&mut doc, f.people, &q.author);
            text(&mut doc, f.people, &q.suggested_by.join(", "));
            text(&mut doc, f.url, &q.attribution);
        }
    }
    doc
}

/// The searchable words of a URL: host and path, without the scheme, and without the
/// words `title` already has (they would only repeat its postings).
///
/// Only word-like parts are kept: ids, hashes and long numbers in paths would bloat the
/// term dictionary that every phone downloads, and nobody types them.
fn url_words(url: &str, title: &str) -> String {
    let known: std::collections::HashSet<String> = crate::tokenizer::tokens(title)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.trim_start_matches("www.");
    let mut seen = std::collections::HashSet::new();
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| is_url_word(w))
        .filter(|w| {
            let folded = w.to_lowercase();
            !known.contains(&folded) && seen.insert(folded)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words, and words with a short number at the end (`utf8`, `x86`, `http2`); not ids
/// such as `16mv8bb` or `k1buhp0`.
fn is_url_word(w: &str) -> bool {
    let stem = w.trim_end_matches(|c: char| c.is_ascii_digit());
    (2..=24).contains(&w.len())
        && w.len() - stem.len() <= 2
        && !stem.is_empty()
        && stem.chars().all(char::is_alphabetic)
        && !matches!(w, "com" | "org" | "html" | "htm" | "php" | "https" | "http")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_words_keep_words_not_ids() {
        assert_eq!(
            url_words(
                "https://www.reddit.com/r/rust/comments/16mv8bb/comment/k1buhp0/",
                ""
            ),
            "reddit rust comments comment"
        );
        assert_eq!(
            url_words("https://blog.rust-lang.org/2015/05/15/Rust-1.0.html", ""),
            "blog rust lang"
        );
        // Words the link text has are not repeated.
        assert_eq!(
            url_words(
                "https://blog.rust-lang.org/2015/05/15/Rust-1.0.html",
                "Rust 1.0 is out"
            ),
            "blog lang"
        );
    }
}
