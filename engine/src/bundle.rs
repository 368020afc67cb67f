//! The bundle: the files the app downloads, and the manifest that names them.
//!
//! The index travels as several immutable segment files, each a small container of
//! named parts (one tantivy segment's files, its `meta.json` and its part of the display
//! table), named by its content hash so that hosts and the service worker can keep it
//! for ever. `manifest.json` is the one small file that is fetched fresh: it lists the
//! segments in the order the app loads them, with size, sha256 and the issues each
//! holds, the format version, and the archive-wide statistics that keep ranking steady
//! while segments are still arriving.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Error, ErrorKind};

/// Bumped whenever the schema, the container or the display table changes shape, so
/// that an app never opens a bundle it cannot read. 4: the index in segments.
pub const FORMAT_VERSION: u32 = 4;

const MAGIC: &[u8; 8] = b"TWIRBNDL";

/// `manifest.json`: what the app fetches first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    /// When the bundle was built (RFC 3339, UTC); from `SOURCE_DATE_EPOCH` when set so
    /// that builds can be reproduced byte for byte.
    pub built_at: String,
    /// Record counts by kind (`issue`, `link`, `crate`, `quote`).
    pub records: BTreeMap<String, u64>,
    /// The first and last issue dates, `YYYY-MM-DD`.
    pub first_date: String,
    pub last_date: String,
    /// The highest issue number in the index.
    pub last_issue: u32,
    /// BM25 statistics of the whole index: ranking uses them while only some segments
    /// are loaded, so a hit's score does not move when the others arrive.
    pub stats: IndexStats,
    /// Every segment file, in the order the app loads them.
    pub segments: Vec<SegmentFile>,
}

/// Document and token counts of the whole index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexStats {
    pub docs: u64,
    /// Tokens per text field, by field name.
    pub tokens: BTreeMap<String, u64>,
}

/// One segment file as the manifest describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
    /// What the reader is told is still coming: `2019–2020`, `2026`.
    pub label: String,
    /// The issues whose records it holds, by number and by date.
    pub first_issue: u32,
    pub last_issue: u32,
    pub first_date: String,
    pub last_date: String,
    /// Search documents in it.
    pub docs: u64,
    /// Tokens per text field, by field name (what `IndexStats` adds up).
    pub tokens: BTreeMap<String, u64>,
    /// sha256 of everything the file was built from (format version and records): a
    /// later build whose inputs for this segment are the same reuses the file as is.
    pub input: String,
}

impl Manifest {
    /// Parses `manifest.json` and checks its format version.
    pub fn from_json(text: &str) -> Result<Manifest, Error> {
        #[derive(Deserialize)]
        struct VersionOnly {
            format_version: u32,
        }
        let version: VersionOnly = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::Malformed, format!("manifest.json: {e}")))?;
        check_version(version.format_version)?;
        let manifest: Manifest = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::Malformed, format!("manifest.json: {e}")))?;
        if manifest.segments.is_empty() {
            return Err(Error::new(
                ErrorKind::Malformed,
                "manifest.json names no segment file",
            ));
        }
        Ok(manifest)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest always serialises")
    }

    /// The segment file called `name`.
    pub fn segment(&self, name: &str) -> Option<&SegmentFile> {
        self.segments.iter().find(|s| s.name == name)
    }

    /// Checks downloaded bytes against the manifest's size and sha256.
    pub fn verify(&self, file: &SegmentFile, bytes: &[u8]) -> Result<(), Error> {
        self.verify_digest(file, bytes, &sha256_hex(bytes))
    }

    /// [`Manifest::verify`] with the bytes' sha256 (lower-case hex) worked out by the
    /// caller: the browser's own (WebCrypto) runs natively, where this crate's runs as
    /// wasm on the engine's thread, a dozen times slower.
    pub fn verify_digest(
        &self,
        file: &SegmentFile,
        bytes: &[u8],
        actual: &str,
    ) -> Result<(), Error> {
        if bytes.len() as u64 != file.size {
            return Err(Error::new(
                ErrorKind::Integrity,
                format!(
                    "{} is {} bytes, the manifest says {}: the download is damaged or incomplete",
                    file.name,
                    bytes.len(),
                    file.size
                ),
            ));
        }
        if actual != file.sha256 {
            return Err(Error::new(
                ErrorKind::Integrity,
                format!(
                    "{} has sha256 {actual}, the manifest says {}: the download is damaged",
                    file.name, file.sha256
                ),
            ));
        }
        Ok(())
    }
}

fn check_version(found: u32) -> Result<(), Error> {
    if found == FORMAT_VERSION {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::FormatVersion,
            format!(
                "index format {found} is not supported: this search reads format \
                 {FORMAT_VERSION}; rebuild the index with index-builder {} (or reload the \
                 page for the matching app)",
                env!("CARGO_PKG_VERSION")
            ),
        ))
    }
}

/// Lower-case hex sha256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The parts of one segment file, by name, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bundle {
    pub parts: BTreeMap<String, Vec<u8>>,
}

impl Bundle {
    /// Serialises the container: magic, format version, part count, then each part as
    /// name length, name, data length, data (little-endian). Parts are in name order,
    /// so equal contents give equal bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let total: usize = self.parts.iter().map(|(n, d)| n.len() + d.len() + 12).sum();
        let mut out = Vec::with_capacity(16 + total);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.parts.len() as u32).to_le_bytes());
        for (name, data) in &self.parts {
            out.extend_from_slice(&(name.len() as u32).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&(data.len() as u64).to_le_bytes());
            out.extend_from_slice(data);
        }
        out
    }

    /// Parses a container written by [`Bundle::to_bytes`]; never panics on bad input.
    pub fn from_bytes(bytes: &[u8]) -> Result<Bundle, Error> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(malformed("not a twir-search bundle (bad magic bytes)"));
        }
        check_version(r.u32()?)?;
        let count = r.u32()?;
        let mut parts = BTreeMap::new();
        for _ in 0..count {
            let name_len = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(name_len)?)
                .map_err(|_| malformed("a part name is not UTF-8"))?
                .to_string();
            let len = usize::try_from(r.u64()?).map_err(|_| malformed("part too large"))?;
            parts.insert(name, r.take(len)?.to_vec());
        }
        if r.pos != bytes.len() {
            return Err(malformed("trailing bytes after the last part"));
        }
        Ok(Bundle { parts })
    }
}

fn malformed(what: &str) -> Error {
    Error::new(ErrorKind::Malformed, format!("bundle: {what}"))
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| malformed("truncated"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }

    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Bundle {
        let mut b = Bundle::default();
        b.parts.insert("meta.json".into(), b"{}".to_vec());
        b.parts.insert("a.idx".into(), vec![1, 2, 3]);
        b
    }

    #[test]
    fn container_round_trips() {
        let bytes = sample().to_bytes();
        assert_eq!(Bundle::from_bytes(&bytes).unwrap(), sample());
    }

    #[test]
    fn truncated_container_is_refused_not_panicking() {
        let bytes = sample().to_bytes();
        for cut in 0..bytes.len() {
            let err = Bundle::from_bytes(&bytes[..cut]).unwrap_err();
            assert!(matches!(
                err.kind(),
                ErrorKind::Malformed | ErrorKind::FormatVersion
            ));
        }
    }

    #[test]
    fn other_format_version_is_refused_with_its_kind() {
        let mut bytes = sample().to_bytes();
        bytes[8] = 99;
        assert_eq!(
            Bundle::from_bytes(&bytes).unwrap_err().kind(),
            ErrorKind::FormatVersion
        );
        let m = r#"{"format_version": 99}"#;
        assert_eq!(
            Manifest::from_json(m).unwrap_err().kind(),
            ErrorKind::FormatVersion
        );
    }

    #[test]
    fn damaged_download_fails_verification() {
        let bytes = sample().to_bytes();
        let file = SegmentFile {
            name: "index.bin".into(),
            size: bytes.len() as u64,
            sha256: sha256_hex(&bytes),
            label: "2026".into(),
            first_issue: 1,
            last_issue: 1,
            first_date: String::new(),
            last_date: String::new(),
            docs: 0,
            tokens: BTreeMap::new(),
            input: String::new(),
        };
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            built_at: String::new(),
            records: BTreeMap::new(),
            first_date: String::new(),
            last_date: String::new(),
            last_issue: 0,
            stats: IndexStats::default(),
            segments: vec![file.clone()],
        };
        manifest.verify(&file, &bytes).unwrap();
        let mut damaged = bytes.clone();
        damaged[10] ^= 1;
        assert_eq!(
            manifest.verify(&file, &damaged).unwrap_err().kind(),
            ErrorKind::Integrity
        );
        // A digest worked out elsewhere is checked the same way.
        manifest
            .verify_digest(&file, &bytes, &sha256_hex(&bytes))
            .unwrap();
        assert_eq!(
            manifest
                .verify_digest(&file, &damaged, &sha256_hex(&damaged))
                .unwrap_err()
                .kind(),
            ErrorKind::Integrity
        );
        assert_eq!(
            manifest.verify(&file, &bytes[1..]).unwrap_err().kind(),
            ErrorKind::Integrity
        );
    }
}
