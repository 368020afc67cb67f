//! Target 4: the readers of what the app downloads, on damaged bytes. The first byte
//! picks the reader, the rest is the file:
//! - 0: `manifest.json`;
//! - 1: a segment file, checked against the manifest's size and sha256 (truncated,
//!   flipped, wrong hash);
//! - 2: the container alone (parts, version, lengths);
//! - 3: a segment file whose manifest entry was made to match it, as a broken build
//!   would publish: past the hash, into the container, the records table and
//!   `meta.json`.
//!
//! Never a panic: each refusal is an error of the kind the app reacts to, naming the
//! file. tantivy's own files are not opened here: tantivy trusts them (`make fuzz` found
//! it panicking on a damaged one, in tantivy-common's `file_slice.rs`), so the engine
//! hands tantivy only bytes whose sha256 the manifest vouches for (mode 1).

use std::path::Path;
use std::sync::OnceLock;

use twir_engine::{Bundle, Error, ErrorKind, Manifest, Segment};

/// The frozen format-4 index of three issues (engine/tests/fixtures/format-4).
pub struct Fixture {
    pub manifest_text: String,
    pub manifest: Manifest,
    /// Each segment file: name, bytes.
    pub segments: Vec<(String, Vec<u8>)>,
}

pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/format-4");
        let manifest_text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
        let manifest = Manifest::from_json(&manifest_text).unwrap();
        let segments = manifest
            .segments
            .iter()
            .map(|s| (s.name.clone(), std::fs::read(dir.join(&s.name)).unwrap()))
            .collect();
        Fixture {
            manifest_text,
            manifest,
            segments,
        }
    })
}

pub fn check(data: &[u8]) {
    let Some((&mode, file)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => manifest(file),
        1 => checked_segment(file),
        2 => container(file),
        _ => trusted_segment(file),
    }
}

fn manifest(file: &[u8]) {
    match Manifest::from_json(&String::from_utf8_lossy(file)) {
        // What was read writes back to the same manifest.
        Ok(m) => assert_eq!(Manifest::from_json(&m.to_json()).unwrap(), m),
        Err(e) => unreadable(&e),
    }
}

fn checked_segment(file: &[u8]) {
    let f = fixture();
    // Checked as the segment of its length, if one has it: the hash is then what refuses.
    let name = f
        .manifest
        .segments
        .iter()
        .find(|s| s.size == file.len() as u64)
        .unwrap_or(&f.manifest.segments[0])
        .name
        .clone();
    let real = f.segments.iter().any(|(n, b)| *n == name && b == file);
    match Segment::parse(&f.manifest, &name, file) {
        Ok(_) => assert!(real, "damaged bytes accepted as {name}"),
        Err(e) => {
            assert!(!real, "{name} refused: {e}");
            assert_eq!(e.kind(), ErrorKind::Integrity, "{e}");
            assert!(e.to_string().contains(&name), "{e}");
        }
    }
}

fn container(file: &[u8]) {
    match Bundle::from_bytes(file) {
        Ok(b) => assert_eq!(Bundle::from_bytes(&b.to_bytes()).unwrap(), b),
        Err(e) => unreadable(&e),
    }
}

fn trusted_segment(file: &[u8]) {
    let mut manifest = fixture().manifest.clone();
    let entry = &mut manifest.segments[0];
    entry.size = file.len() as u64;
    entry.sha256 = twir_engine::sha256_hex(file);
    let name = entry.name.clone();
    if let Err(e) = Segment::parse(&manifest, &name, file) {
        unreadable(&e);
        assert!(e.to_string().contains(&name), "{e}");
    }
}

/// A refusal of bytes that could not be read: malformed, or of another format.
fn unreadable(e: &Error) {
    assert!(
        matches!(e.kind(), ErrorKind::Malformed | ErrorKind::FormatVersion),
        "{:?}: {e}",
        e.kind()
    );
}
