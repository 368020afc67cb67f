//! Writing the site's data folder: manifest, bundle, exports, each pre-compressed.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use twir_engine::writer::BuiltBundle;
use twir_engine::RecordKind;

use crate::export::{self, Format};
use crate::ingest::Ingest;

/// Sizes of one written file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The research exports written beside the bundle.
pub const EXPORTS: [(&str, RecordKind, Format); 4] = [
    ("crates-of-the-week.csv", RecordKind::Crate, Format::Csv),
    ("crates-of-the-week.json", RecordKind::Crate, Format::Json),
    ("quotes.json", RecordKind::Quote, Format::Json),
    ("links.csv", RecordKind::Link, Format::Csv),
];

/// Writes everything into `out`, removing bundle files of earlier builds.
pub fn write_site_data(out: &Path, bundle: &BuiltBundle, ingest: &Ingest) -> Result<Vec<FileSize>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    remove_stale_bundles(out, &bundle.file_name)?;
    let mut sizes = Vec::new();
    sizes.push(write_compressed(out, &bundle.file_name, &bundle.bytes)?);
    for (name, kind, format) in EXPORTS {
        let mut bytes = Vec::new();
        export::write(ingest, kind, format, &mut bytes)?;
        sizes.push(write_compressed(out, name, &bytes)?);
    }
    // The manifest last: a reader never sees a manifest naming a file not yet written.
    let manifest = bundle.manifest.to_json();
    sizes.push(write_compressed(out, "manifest.json", manifest.as_bytes())?);
    Ok(sizes)
}

fn remove_stale_bundles(out: &Path, keep: &str) -> Result<()> {
    for entry in std::fs::read_dir(out)? {
        let path: PathBuf = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("index.") && !name.starts_with(keep) && name.contains(".bin") {
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
        // The best compression for what phones download; large exports (links.csv) at 9,
        // where 11 costs a minute of build time for a few percent.
        quality: if bytes.len() > 10_000_000 && !is_index {
            9
        } else {
            11
        },
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}
