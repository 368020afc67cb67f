//! The index in segments, over the whole archive: a new issue rewrites only the newest
//! segment, ranking does not depend on the cut, and the first segment answers alone.

use std::path::PathBuf;
use std::sync::OnceLock;

use index_builder::ingest::{ingest, Inputs};
use twir_engine::writer::{write_index, write_single_segment, BuiltIndex};
use twir_engine::{Arrived, Engine, Record, RecordKind, SearchRequest, SearchResults, Segment};

fn records() -> &'static Vec<Record> {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let archive =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/twir-archive/content");
        ingest(&Inputs {
            archives: vec![archive],
            records: Vec::new(),
        })
        .records()
    })
}

fn segmented() -> &'static BuiltIndex {
    static BUILT: OnceLock<BuiltIndex> = OnceLock::new();
    BUILT.get_or_init(|| write_index(records(), "x", &|_| None).unwrap())
}

#[test]
fn a_new_issue_rewrites_only_the_newest_segment() {
    let newest = records().iter().map(Record::issue).max().unwrap();
    let before: Vec<Record> = records()
        .iter()
        .filter(|r| r.issue() < newest)
        .cloned()
        .collect();
    let old = write_index(&before, "x", &|_| None).unwrap();
    let new = segmented();
    assert_eq!(old.manifest.segments.len(), new.manifest.segments.len());
    let mut changed = Vec::new();
    for (a, b) in old.manifest.segments.iter().zip(&new.manifest.segments) {
        assert_eq!(a.label, b.label, "the same cut");
        if a.sha256 != b.sha256 {
            changed.push(b.label.clone());
        } else {
            // Byte-identical, not only the same hash in the manifest.
            let bytes = |built: &BuiltIndex, name: &str| {
                built
                    .files()
                    .into_iter()
                    .find(|(n, _)| n == name)
                    .unwrap()
                    .1
            };
            assert!(bytes(&old, &a.name) == bytes(new, &b.name), "{}", a.label);
        }
    }
    let current_year = &new.manifest.last_date[..4];
    assert_eq!(changed, [current_year]);
    // Issue 644 repeats links first seen in earlier issues: the old segments still hold
    // them as they were, and the hit lists the new issue too.
    let engine = Engine::open(new.manifest.clone(), &new.files()).unwrap();
    let repeated = engine
        .issue_records(newest)
        .into_iter()
        .filter(|r| matches!(r, Record::Link(l) if l.issue < newest))
        .count();
    assert!(repeated > 0, "issue {newest} repeats earlier links");
}

/// Every hit of the first page, as (kind, issue, url, title) with its score.
fn page(engine: &Engine, q: &str) -> Vec<(String, f32)> {
    let r = engine
        .search(&SearchRequest {
            limit: 10,
            ..SearchRequest::new(q)
        })
        .unwrap();
    r.hits
        .iter()
        .map(|h| {
            (
                format!("{:?} {} {} {}", h.kind, h.issue, h.url, h.title),
                h.score,
            )
        })
        .collect()
}

#[test]
fn ranking_is_the_same_as_one_merged_index() {
    let merged = write_single_segment(records(), "x").unwrap();
    assert_eq!(merged.manifest.segments.len(), 1);
    let one = Engine::open(merged.manifest.clone(), &merged.files()).unwrap();
    let built = segmented();
    assert!(built.manifest.segments.len() >= 5, "cut into eras");
    let many = Engine::open(built.manifest.clone(), &built.files()).unwrap();
    let queries = [
        "rust",
        "async",
        "yew",
        "tokio OR actix",
        "\"fearless concurrency\"",
        "borrow checker",
        "kind:quote borrow",
        "site:github.com parser",
        "year:2015..2017 compiler",
        "embedded",
        "wasm",
        "const generics",
        "gat",
        "rust 2018 edition",
        "serde",
        "the book",
        "author:llogiq",
        "tag:video rust",
        "bevy",
        "asynk",
    ];
    for q in queries {
        let (a, b) = (page(&one, q), page(&many, q));
        assert_eq!(a.len(), b.len(), "{q}");
        assert!(!a.is_empty(), "{q} finds something");
        for ((ka, sa), (kb, sb)) in a.iter().zip(&b) {
            assert!(
                (sa - sb).abs() <= 1e-4 * sa.abs().max(1.0),
                "{q}: {ka} {sa} vs {kb} {sb}"
            );
        }
        // Equal scores may come in another order; the hits are the same.
        let mut a: Vec<_> = a.into_iter().map(|(k, _)| k).collect();
        let mut b: Vec<_> = b.into_iter().map(|(k, _)| k).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{q}");
        let count = |e: &Engine| e.search(&SearchRequest::new(q)).unwrap().total;
        assert_eq!(count(&one), count(&many), "{q}: total");
    }
}

#[test]
fn the_first_segment_answers_alone_and_says_what_is_missing() {
    let built = segmented();
    let first = built.files().into_iter().take(1).collect::<Vec<_>>();
    let engine = Engine::open(built.manifest.clone(), &first).unwrap();
    assert!(!engine.is_complete());
    assert_eq!(engine.missing().len(), built.manifest.segments.len() - 1);
    let r: SearchResults = engine.search(&SearchRequest::new("yew")).unwrap();
    assert_eq!((r.hits[0].kind, r.hits[0].issue), (RecordKind::Crate, 215));
    assert_eq!(r.hits[0].date, "2018-01-02");
    // The whole-index statistics rank it as the complete index does.
    let all = Engine::open(built.manifest.clone(), &built.files()).unwrap();
    let complete = all.search(&SearchRequest::new("yew")).unwrap();
    let crate_hit = complete
        .hits
        .iter()
        .find(|h| h.kind == RecordKind::Crate && h.issue == 215)
        .unwrap();
    let ratio = r.hits[0].score / crate_hit.score;
    assert!((0.8..1.25).contains(&ratio), "score moved: {ratio}");
    // A segment that is not the manifest's is refused.
    let stranger = vec![("index.0000000000000000.bin".to_string(), first[0].1.clone())];
    assert!(Engine::open(built.manifest.clone(), &stranger).is_err());
}

/// Every hit of `q` (up to 200) by (kind, issue, url), with the issues it lists.
fn listed_issues(engine: &Engine, q: &str) -> Vec<(String, Vec<u32>)> {
    let r = engine
        .search(&SearchRequest {
            limit: 200,
            ..SearchRequest::new(q)
        })
        .unwrap();
    let mut hits: Vec<_> = r
        .hits
        .iter()
        .map(|h| {
            (
                format!("{:?} {} {}", h.kind, h.issue, h.url),
                h.issues.clone(),
            )
        })
        .collect();
    hits.sort();
    hits
}

/// Adds the segments of `manifest` one by one, as the worker does, opening an engine
/// after each and keeping them all; returns the engines.
fn one_by_one(manifest: &twir_engine::Manifest, built: &BuiltIndex) -> Vec<Engine> {
    let files = built.files();
    let mut arrived = Arrived::new(manifest.clone());
    let mut engines = Vec::new();
    for file in &manifest.segments {
        let (name, bytes) = files.iter().find(|(n, _)| *n == file.name).unwrap();
        arrived
            .add(Segment::parse(manifest, name, bytes).unwrap())
            .unwrap();
        engines.push(arrived.engine().unwrap());
    }
    engines
}

#[test]
fn segments_added_one_by_one_list_every_issue_a_link_was_in() {
    let merged = write_single_segment(records(), "x").unwrap();
    let one = Engine::open(merged.manifest.clone(), &merged.files()).unwrap();
    let built = segmented();
    // The manifest's order (newest first), and the oldest first: then a link's own
    // entry arrives before the later issues it was seen in.
    let mut oldest_first = built.manifest.clone();
    oldest_first.segments[1..].reverse();
    for manifest in [&built.manifest, &oldest_first] {
        let engines = one_by_one(manifest, built);
        let first = engines.first().unwrap();
        let before = listed_issues(first, "kind:crate yew");
        let all = engines.last().unwrap();
        assert!(all.is_complete());
        let mut repeated = 0;
        for q in [
            "rust",
            "async",
            "this week in rust",
            "site:github.com",
            "tokio",
        ] {
            let (a, b) = (listed_issues(&one, q), listed_issues(all, q));
            let differ: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).take(3).collect();
            assert!(
                a.len() == b.len() && differ.is_empty(),
                "{q}: {} hits against {}, first differences (merged, one by one): {differ:?}",
                a.len(),
                b.len()
            );
            repeated += b.iter().filter(|(_, issues)| issues.len() > 1).count();
        }
        assert!(repeated > 20, "links seen in several issues: {repeated}");
        assert_eq!(
            all.issue_records(644).len(),
            one.issue_records(644).len(),
            "issue 644 with the links it repeats"
        );
        // The engine opened on the first segment alone answers as it did.
        assert_eq!(listed_issues(first, "kind:crate yew"), before);
        assert!(!before.is_empty());
    }
    // Out of the manifest's order, or twice: refused, and the rest still opens.
    let files = built.files();
    let mut arrived = Arrived::new(built.manifest.clone());
    let parse = |at: usize| Segment::parse(&built.manifest, &files[at].0, &files[at].1).unwrap();
    arrived.add(parse(1)).unwrap();
    let err = arrived.add(parse(0)).unwrap_err();
    assert!(err.to_string().contains(&files[0].0), "{err}");
    assert!(arrived.add(parse(1)).is_err());
    arrived.add(parse(2)).unwrap();
    assert_eq!(arrived.len(), 2);
    assert_eq!(arrived.engine().unwrap().missing().len(), files.len() - 2);
}
