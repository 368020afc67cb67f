//! Writing the site's data folder: manifest, segment files, exports, each
//! pre-compressed. New files are compressed in parallel; a segment file reused from the
//! previous build keeps its compressed copies.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};
use twir_engine::files::{is_segment_file_name, Export, MANIFEST};
use twir_engine::writer::BuiltIndex;
use twir_engine::{Manifest, RecordKind, SegmentFile};

use crate::export::{self, Format};
use crate::ingest::Ingest;

/// Sizes of one written file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    /// Taken as is from the previous build.
    pub reused: bool,
}

/// The research exports written beside the index: what each holds, in which format.
pub const EXPORTS: [(Export, RecordKind, Format); 4] = [
    (Export::CratesCsv, RecordKind::Crate, Format::Csv),
    (Export::CratesJson, RecordKind::Crate, Format::Json),
    (Export::QuotesJson, RecordKind::Quote, Format::Json),
    (Export::LinksCsv, RecordKind::Link, Format::Csv),
];

/// The segment files of the previous build in `out` that can stand in for a new
/// segment with the same inputs: named by its manifest, present with its compressed
/// copies and of the right size.
pub fn previous_segments(out: &Path) -> Vec<SegmentFile> {
    let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
        return Vec::new();
    };
    let Ok(manifest) = Manifest::from_json(&text) else {
        return Vec::new();
    };
    manifest
        .segments
        .into_iter()
        .filter(|s| {
            let size = |name: String| std::fs::metadata(out.join(name)).map(|m| m.len());
            size(s.name.clone()).ok() == Some(s.size)
                && size(format!("{}.br", s.name)).is_ok()
                && size(format!("{}.gz", s.name)).is_ok()
        })
        .collect()
}

/// Writes everything into `out`, removing segment files no longer named; returns the
/// sizes of the segments (in the manifest's order), the exports and the manifest.
pub fn write_site_data(out: &Path, index: &BuiltIndex, ingest: &Ingest) -> Result<Vec<FileSize>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let keep: Vec<&str> = index
        .segments
        .iter()
        .map(|s| s.file.name.as_str())
        .collect();
    remove_stale_segments(out, &keep)?;
    let mut exports = Vec::new();
    for (export, kind, format) in EXPORTS {
        let mut bytes = Vec::new();
        export::write(ingest, kind, format, &mut bytes)?;
        exports.push((export.file_name(), bytes));
    }
    // The segments' bytes are borrowed, not copied: together they are about 12 MB.
    let mut jobs: Vec<(&str, &[u8])> = Vec::new();
    for s in &index.segments {
        if let Some(bytes) = &s.bytes {
            jobs.push((&s.file.name, bytes));
        }
    }
    jobs.extend(
        exports
            .iter()
            .map(|(name, bytes)| (*name, bytes.as_slice())),
    );
    let mut written = write_all_compressed(out, &jobs)?;
    let mut sizes = Vec::new();
    for s in &index.segments {
        if s.bytes.is_some() {
            let at = written.iter().position(|w| w.name == s.file.name);
            sizes.push(written.remove(at.context("a written segment")?));
        } else {
            let size = |ext: &str| -> Result<u64> {
                let path = out.join(format!("{}{ext}", s.file.name));
                Ok(std::fs::metadata(&path)
                    .with_context(|| format!("reading {}", path.display()))?
                    .len())
            };
            sizes.push(FileSize {
                name: s.file.name.clone(),
                raw: size("")?,
                gzip: size(".gz")?,
                brotli: size(".br")?,
                reused: true,
            });
        }
    }
    sizes.extend(written);
    // The manifest last: a reader never sees a manifest naming a file not yet written.
    let manifest = index.manifest.to_json();
    sizes.push(write_compressed(out, MANIFEST, manifest.as_bytes())?);
    Ok(sizes)
}

/// Writes each file with its `.gz` and `.br`, on every core; sizes in the jobs' order.
fn write_all_compressed(out: &Path, jobs: &[(&str, &[u8])]) -> Result<Vec<FileSize>> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Result<FileSize>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(jobs.len()) {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some((name, bytes)) = jobs.get(at) else {
                    break;
                };
                let result = write_compressed(out, name, bytes);
                done.lock().expect("no thread panics holding it")[at] = Some(result);
            });
        }
    });
    done.into_inner()
        .expect("no thread panics holding it")
        .into_iter()
        .map(|r| r.context("a file was not written")?)
        .collect()
}

fn remove_stale_segments(out: &Path, keep: &[&str]) -> Result<()> {
    for entry in std::fs::read_dir(out)? {
        let path: PathBuf = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let file = name.trim_end_matches(".br").trim_end_matches(".gz");
        if is_segment_file_name(file) && !keep.contains(&file) {
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}

/// Writes `name`, `name.gz` and `name.br`; returns the three sizes.
pub fn write_compressed(dir: &Path, name: &str, bytes: &[u8]) -> Result<FileSize> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    let gz = gzip(bytes)?;
    std::fs::write(dir.join(format!("{name}.gz")), &gz)?;
    let br = brotli(bytes, name.starts_with("index."))?;
    std::fs::write(dir.join(format!("{name}.br")), &br)?;
    Ok(FileSize {
        name: name.to_string(),
        raw: bytes.len() as u64,
        gzip: gz.len() as u64,
        brotli: br.len() as u64,
        reused: false,
    })
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes)?;
    Ok(e.finish()?)
}

pub fn brotli(bytes: &[u8], is_index: bool) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        // The best compression (11) for what a first visit and a weekly update download:
        // the first segment, the current year's, the app's files. Segments over 1 MB (the
        // eras of closed years, which arrive in the background) at 10: 1% larger, 2.3×
        // faster, which keeps a full build under 10 s on two cores. Large exports
        // (links.csv) at 9, where 11 costs half a minute for a few percent.
        quality: match (is_index, bytes.len()) {
            (true, n) if n > 1_000_000 => 10,
            (true, _) => 11,
            (false, n) if n > 10_000_000 => 9,
            (false, _) => 11,
        },
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}
