//! Writing a bundle (native only: the app only reads).

use std::collections::{BTreeMap, HashMap};

use tantivy::directory::RamDirectory;
use tantivy::schema::Field;
use tantivy::{Directory, IndexBuilder, IndexSettings, TantivyDocument};

use crate::bundle::sha256_hex;
use crate::schema::{self, Fields};
use crate::table::{Entry, Table};
use crate::{Bundle, BundleFile, Error, ErrorKind, Manifest, Record, FORMAT_VERSION};

/// The name every segment gets inside a bundle. Tantivy names segments by a random
/// UUID; a fixed one makes the same records give the same bytes.
const SEGMENT_ID: &str = "00000000000000000000000000000001";

/// A written bundle, ready to be saved beside `manifest.json`.
#[derive(Debug, Clone)]
pub struct BuiltBundle {
    pub manifest: Manifest,
    /// The bundle file's content-hashed name, e.g. `index.3f2a9c01d4e5b6a7.bin`.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Builds the index and display table of `records` into one bundle file.
///
/// Links with the same URL become one entry that lists every issue they appeared in.
pub fn write_bundle(records: &[Record], built_at: &str) -> Result<BuiltBundle, Error> {
    let table = build_table(records);
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
        .schema(schema)
        .settings(settings)
        .tokenizers(tokenizer_manager())
        // One segment, no threads: deterministic, and no merge step to wait for.
        .single_segment_index_writer(dir.clone(), 1_500_000_000)?;
    // Document n is entry n: the engine relies on it (schema.rs).
    for entry in &table.entries {
        writer.add_document(document(&fields, entry))?;
    }
    let index = writer.finalize()?;

    let mut bundle = Bundle::default();
    let mut meta_files = vec![std::path::PathBuf::from("meta.json")];
    let mut segment_files: Vec<_> = index
        .load_metas()?
        .list_segment_files()
        .into_iter()
        .collect();
    segment_files.sort();
    meta_files.extend(segment_files);
    let mut segment_ids: Vec<String> = index
        .searchable_segment_metas()?
        .iter()
        .map(|s| s.id().uuid_string())
        .collect();
    segment_ids.sort();
    for path in meta_files {
        // The list names candidate files; not every segment has every component.
        if !dir.exists(&path).unwrap_or(false) {
            continue;
        }
        let data = dir
            .atomic_read(&path)
            .map_err(|e| Error::new(ErrorKind::Write, format!("{}: {e}", path.display())))?;
        let mut name = path.to_string_lossy().into_owned();
        let mut data = data;
        for (i, id) in segment_ids.iter().enumerate() {
            let fixed = fixed_segment_id(i);
            name = name.replace(id, &fixed);
            if name == "meta.json" {
                // meta.json writes segment ids hyphenated; file names use the simple form.
                data = String::from_utf8_lossy(&data)
                    .replace(&hyphenated(id), &hyphenated(&fixed))
                    .replace(id, &fixed)
                    .into_bytes();
            }
        }
        bundle.parts.insert(name, data);
    }
    let table_json = table
        .to_json()
        .map_err(|e| Error::new(ErrorKind::Write, format!("records table: {e}")))?;
    bundle
        .parts
        .insert(crate::search::TABLE_PART.into(), table_json);

    let bytes = bundle.to_bytes();
    let sha256 = sha256_hex(&bytes);
    let file_name = format!("index.{}.bin", &sha256[..16]);
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        built_at: built_at.to_string(),
        records: count_records(records),
        first_date: table
            .issues
            .iter()
            .map(|i| i.date.clone())
            .min()
            .unwrap_or_default(),
        last_date: table
            .issues
            .iter()
            .map(|i| i.date.clone())
            .max()
            .unwrap_or_default(),
        last_issue: table.issues.iter().map(|i| i.number).max().unwrap_or(0),
        files: vec![BundleFile {
            name: file_name.clone(),
            size: bytes.len() as u64,
            sha256,
        }],
    };
    Ok(BuiltBundle {
        manifest,
        file_name,
        bytes,
    })
}

fn fixed_segment_id(i: usize) -> String {
    if i == 0 {
        SEGMENT_ID.to_string()
    } else {
        format!("{:032x}", i + 1)
    }
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

/// Orders the records into the display table, merging links by URL.
fn build_table(records: &[Record]) -> Table {
    // The issue table is for display (dates, titles, page URLs); the issue's prose is
    // in its search entry, and its outline and source file are for the exports only.
    let mut issues: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Issue(i) => Some(crate::Issue {
                text: String::new(),
                sections: Vec::new(),
                source: String::new(),
                ..i.clone()
            }),
            _ => None,
        })
        .collect();
    issues.sort_by_key(|i| i.number);
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_url: HashMap<&str, usize> = HashMap::new();
    for record in records {
        if let Record::Link(link) = record {
            let key = link.url.trim_end_matches('/');
            if let Some(&at) = by_url.get(key) {
                let entry = &mut entries[at];
                entry.issues.push(link.issue);
                // The newest appearance is what the hit shows.
                if link.issue >= entry.record.issue() {
                    entry.record = record.clone();
                }
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
            record: record.clone(),
            issues: match &record {
                Record::Link(l) => vec![l.issue],
                _ => Vec::new(),
            },
        });
    }
    for entry in &mut entries {
        entry.issues.sort_unstable();
        entry.issues.dedup();
        if entry.issues.len() <= 1 {
            entry.issues.clear();
        }
    }
    Table { issues, entries }
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
