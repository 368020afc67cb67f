//! Frozen formats: a small index of each bundle format, kept as it was written, must
//! either open and answer as it did, or be refused with a clear "format N is not
//! supported" error; never a panic, never a wrong answer. (tantivy's habit: bump the
//! format version constant, keep the old fixture.)
//!
//! `fixtures/format-N/` holds `manifest.json` and the segment files that `index-builder
//! build` wrote for three issues of the shared archive: 65 (2015-01-12), 215 (2018-01-02,
//! crate of the week `yew`) and 644 (2026-03-25, crate `noq`). Made with:
//!
//! ```sh
//! mkdir /tmp/three && cp ../shared/twir-archive/content/{2015-01-12,2018-01-02,2026-03-25}-this-week-in-rust.md /tmp/three
//! SOURCE_DATE_EPOCH=1767225600 target/release/index-builder build --archive /tmp/three --out /tmp/three-out
//! mkdir engine/tests/fixtures/format-N && cp /tmp/three-out/{manifest.json,index.*.bin} engine/tests/fixtures/format-N
//! ```
//!
//! When `FORMAT_VERSION` changes, add the new format's fixture beside the old ones: the
//! old ones must then be refused, the new one must answer as below.

use std::path::{Path, PathBuf};

use twir_engine::{
    Engine, ErrorKind, Manifest, RecordKind, SearchRequest, Segment, FORMAT_VERSION,
};

fn fixtures() -> Vec<(u32, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let n = path
                .file_name()?
                .to_str()?
                .strip_prefix("format-")?
                .parse()
                .ok()?;
            Some((n, path))
        })
        .collect();
    found.sort();
    found
}

/// The manifest's text and every segment file it names, as (name, bytes).
fn read(dir: &Path) -> (String, Vec<(String, Vec<u8>)>) {
    let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.starts_with("index.") && name.ends_with(".bin") {
            files.push((name, std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    (text, files)
}

fn top(engine: &Engine, q: &str) -> Vec<(RecordKind, u32, String)> {
    engine
        .search(&SearchRequest {
            limit: 3,
            ..SearchRequest::new(q)
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| (h.kind, h.issue, h.title))
        .collect()
}

#[test]
fn there_is_a_fixture_of_the_current_format() {
    let formats: Vec<u32> = fixtures().iter().map(|(n, _)| *n).collect();
    assert!(
        formats.contains(&FORMAT_VERSION),
        "no tests/fixtures/format-{FORMAT_VERSION}: add one (see this file's comment); have {formats:?}"
    );
}

#[test]
fn each_frozen_format_answers_or_is_refused_clearly() {
    for (format, dir) in fixtures() {
        let (text, files) = read(&dir);
        let opened = Manifest::from_json(&text).and_then(|m| Engine::open(m, &files));
        if format != FORMAT_VERSION {
            let err = opened
                .err()
                .unwrap_or_else(|| panic!("format {format} was opened"));
            assert_eq!(
                err.kind(),
                ErrorKind::FormatVersion,
                "format {format}: {err}"
            );
            let message = err.to_string();
            assert!(
                message.contains(&format!("index format {format} is not supported"))
                    && message.contains("rebuild the index with index-builder"),
                "format {format}: {message}"
            );
            continue;
        }
        let engine = opened.unwrap_or_else(|e| panic!("format {format}: {e}"));
        assert!(engine.is_complete());
        let manifest = engine.manifest();
        assert_eq!(manifest.last_issue, 644);
        assert_eq!(manifest.first_date, "2015-01-12");
        assert_eq!(manifest.records.get("issue"), Some(&3));
        assert_eq!(manifest.records.get("crate"), Some(&2));
        assert_eq!(manifest.records.get("quote"), Some(&2));
        assert_eq!(
            top(&engine, "kind:crate yew")[0],
            (RecordKind::Crate, 215, "yew".to_string())
        );
        assert_eq!(
            top(&engine, "kind:crate quic")[0],
            (RecordKind::Crate, 644, "noq".to_string())
        );
        let llogiq = top(&engine, "author:llogiq");
        assert_eq!(llogiq.len(), 1, "{llogiq:?}");
        assert_eq!((llogiq[0].0, llogiq[0].1), (RecordKind::Quote, 215));
        let old = engine
            .search(&SearchRequest::new("year:2015 kind:link"))
            .unwrap();
        assert!(old.total > 0 && old.hits.iter().all(|h| h.issue == 65));
    }
}

/// A fixture of the current format with its version changed, in the manifest or in a
/// segment file's header: refused with the format error, never opened, never a panic.
#[test]
fn another_version_number_is_refused_in_the_manifest_and_in_a_segment() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/format-{FORMAT_VERSION}"));
    let (text, files) = read(&dir);
    let current = format!("\"format_version\": {FORMAT_VERSION}");
    assert!(text.contains(&current), "{text}");
    for other in [0, FORMAT_VERSION - 1, FORMAT_VERSION + 1, u32::MAX] {
        let changed = text.replace(&current, &format!("\"format_version\": {other}"));
        let err = Manifest::from_json(&changed).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::FormatVersion, "{other}: {err}");
        assert!(
            err.to_string()
                .contains(&format!("index format {other} is not supported")),
            "{err}"
        );
    }
    // The container's version sits after its 8 magic bytes. The manifest's sha256 no
    // longer matches such a file, so the container is read on its own.
    let manifest = Manifest::from_json(&text).unwrap();
    let (name, bytes) = &files[0];
    let mut changed = bytes.clone();
    changed[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let err = twir_engine::Bundle::from_bytes(&changed).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::FormatVersion, "{err}");
    let err = Segment::parse(&manifest, name, &changed).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Integrity, "{err}");
}
