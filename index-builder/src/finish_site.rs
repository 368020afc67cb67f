//! Finishing a built static site for hosting (`make dist`): a pre-compressed `.br` and
//! `.gz` beside every file a browser fetches, and a `_headers` file (the format of
//! Netlify and Cloudflare Pages; the README shows the same rules for nginx) with
//! long-lived caching for content-hashed files and a strict Content-Security-Policy;
//! and the first view's latest issue written into `index.html` (`first_view.rs`), and the
//! data files' names written into `sw.js` and `worker.js` (`twir_engine::files`); and
//! V8's compile hint on the app's JS glue (`compile_hint.rs`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use base64::Engine as _;
use sha2::{Digest, Sha256};

use twir_engine::files::{script_names, DATA_DIR, MANIFEST, SEGMENT_GLOB};

use crate::output::{brotli, gzip};

/// Files smaller than this are not worth a compressed copy.
const MIN_COMPRESS: u64 = 1024;

/// Formats compressed already (the favicon is a PNG): brotli would make them bigger.
const COMPRESSED_ALREADY: [&str; 4] = ["png", "jpg", "webp", "woff2"];

/// What `finish` did, for the command line to print.
#[derive(Debug, Default)]
pub struct Finished {
    pub compressed: usize,
    pub skipped_fresh: usize,
    pub inline_scripts: usize,
}

pub fn finish(dist: &Path) -> Result<Finished> {
    let mut done = Finished::default();
    let engine = crate::cli::open_bundle(&dist.join(DATA_DIR))?;
    // The names first: index.html carries the hash of worker.js (first_view.rs). The
    // engine's worker also gets the first segment's name, to begin it on a first visit
    // together with the manifest instead of one round trip after it.
    let first_segment = engine.manifest().segments.first().map(|s| s.name.as_str());
    for (name, own) in [("sw.js", None), ("worker.js", first_segment)] {
        let path = dist.join(name);
        let script = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: no {name} (run trunk build first)", dist.display()))?;
        let names = match own {
            Some(segment) => format!("{}{}", script_names(), first_segment_name(segment)),
            None => script_names(),
        };
        std::fs::write(&path, with_names(&script, &names))?;
    }
    // Then the first view: index.html is compressed below.
    let page = dist.join("index.html");
    let html = std::fs::read_to_string(&page)
        .with_context(|| format!("{}: no index.html (run trunk build first)", dist.display()))?;
    let html = crate::first_view::write(&html, &engine, dist)?;
    // The app's JS glue with V8's compile hint, before it is compressed below.
    let html = crate::compile_hint::write(&html, dist)?;
    std::fs::write(&page, &html)?;
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    for path in files {
        let name = path.to_string_lossy();
        if name.ends_with(".br") || name.ends_with(".gz") || name.ends_with("_headers") {
            continue;
        }
        let size = path.metadata()?.len();
        let packed = path
            .extension()
            .is_some_and(|e| COMPRESSED_ALREADY.contains(&e.to_string_lossy().as_ref()));
        if size < MIN_COMPRESS || packed {
            continue;
        }
        let br = PathBuf::from(format!("{name}.br"));
        let gz = PathBuf::from(format!("{name}.gz"));
        let bytes = std::fs::read(&path).with_context(|| format!("reading {name}"))?;
        // The index builder already wrote these beside the data (Trunk copies them with
        // new times, so only their content can tell): do not redo its slower work.
        if decodes_to(&br, &bytes, Codec::Brotli) && decodes_to(&gz, &bytes, Codec::Gzip) {
            done.skipped_fresh += 1;
            continue;
        }
        let is_index = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("index."));
        std::fs::write(&br, brotli(&bytes, is_index)?)?;
        std::fs::write(&gz, gzip(&bytes)?)?;
        done.compressed += 1;
    }
    let hashes = inline_script_hashes(&html);
    done.inline_scripts = hashes.len();
    std::fs::write(dist.join("_headers"), headers(&hashes))?;
    Ok(done)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

enum Codec {
    Brotli,
    Gzip,
}

/// Does the compressed file at `copy` decode to exactly `original`?
fn decodes_to(copy: &Path, original: &[u8], codec: Codec) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(copy) else {
        return false;
    };
    let mut decoded = Vec::with_capacity(original.len());
    let read = match codec {
        Codec::Brotli => brotli::Decompressor::new(file, 1 << 16).read_to_end(&mut decoded),
        Codec::Gzip => flate2::read::GzDecoder::new(file).read_to_end(&mut decoded),
    };
    read.is_ok() && decoded == original
}

/// `'sha256-…'` sources for each inline `<script>` (Trunk's loader, which starts the
/// wasm): the CSP allows exactly these and no other inline code.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let tag_end = match rest[open..].find('>') {
            Some(i) => open + i + 1,
            None => break,
        };
        let tag = &rest[open..tag_end];
        let Some(close) = rest[tag_end..].find("</script>") else {
            break;
        };
        let body = &rest[tag_end..tag_end + close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            out.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &rest[tag_end + close..];
    }
    out
}

/// The first line of the names `finish-site` writes at the top of `sw.js` and
/// `worker.js`, and the last.
const NAMES_BEGIN: &str = "// Written by `index-builder finish-site` from engine/src/files.rs:";
const NAMES_END: &str = "// (end of the names)\n";

/// The line naming the index's first segment (`segment`, a file of the data folder),
/// which only the engine's worker reads.
fn first_segment_name(segment: &str) -> String {
    format!("const FIRST_SEGMENT = '{DATA_DIR}/{segment}';\n")
}

/// A script with `names` (the data files' names) at its top, in place of any written
/// before, so that finishing a site twice changes nothing.
fn with_names(script: &str, names: &str) -> String {
    let rest = match script.strip_prefix(NAMES_BEGIN) {
        Some(written) => written
            .split_once(NAMES_END)
            .map_or(script, |(_, rest)| rest),
        None => script,
    };
    format!("{NAMES_BEGIN} the data files and their cache, named once.\n{names}{NAMES_END}{rest}")
}

fn headers(script_hashes: &[String]) -> String {
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
        script_hashes.join(" ")
    );
    format!(
        "# Written by `index-builder finish-site` (make dist). Netlify / Cloudflare Pages format.\n\
         /*\n  Content-Security-Policy: {csp}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n\
         /*.wasm\n  Content-Type: application/wasm\n\
         # Content-hashed names never change content: cache them for a year.\n\
         /*-*.js\n  Cache-Control: public, max-age=31536000, immutable\n\
         /*-*.wasm\n  Cache-Control: public, max-age=31536000, immutable\n\
         /*-*.css\n  Cache-Control: public, max-age=31536000, immutable\n\
         /{DATA_DIR}/{SEGMENT_GLOB}\n  Cache-Control: public, max-age=31536000, immutable\n\
         # What names the current files, or has no hash in its name, must be asked again each time.\n\
         /index.html\n  Cache-Control: no-cache\n\
         /sw.js\n  Cache-Control: no-cache\n\
         /boot.js\n  Cache-Control: no-cache\n\
         /worker.js\n  Cache-Control: no-cache\n\
         /engine.js\n  Cache-Control: no-cache\n\
         /engine_bg.wasm\n  Cache-Control: no-cache\n\
         /{DATA_DIR}/{MANIFEST}\n  Cache-Control: no-cache\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_are_kept_only_when_they_match() {
        let dir = std::env::temp_dir().join(format!("twir-finish-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let original = b"some text ".repeat(200);
        let br = dir.join("a.txt.br");
        std::fs::write(&br, brotli(&original, false).unwrap()).unwrap();
        assert!(decodes_to(&br, &original, Codec::Brotli));
        assert!(!decodes_to(&br, b"other text", Codec::Brotli));
        assert!(!decodes_to(
            &dir.join("missing.br"),
            &original,
            Codec::Brotli
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_service_worker_gets_the_names_once() {
        let script = "self.addEventListener('fetch', () => {});\n";
        let once = with_names(script, &script_names());
        assert!(once.starts_with(NAMES_BEGIN));
        assert!(once.contains("const DATA = 'twir-data';\n"), "{once}");
        assert!(once.ends_with(script));
        assert_eq!(with_names(&once, &script_names()), once);
        // A new build's names replace the old ones.
        let segment = first_segment_name("index.0123456789abcdef.bin");
        let again = with_names(&once, &format!("{}{segment}", script_names()));
        assert!(again.contains("const FIRST_SEGMENT = 'data/index.0123456789abcdef.bin';\n"));
        assert_eq!(again.matches(NAMES_BEGIN).count(), 1, "{again}");
        assert!(again.ends_with(script));
    }

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = r#"<script src="boot.js" defer></script>
<script type="module">
import init from './x.js';
</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest("\nimport init from './x.js';\n".as_bytes()));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        assert!(headers(&hashes).contains(&hashes[0]));
    }
}
