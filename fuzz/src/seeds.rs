//! What each target starts from: the real archive and `../shared/seeds`, the frozen
//! format-4 index, and the queries of the benchmarks and the tests. `make fuzz` writes
//! them out as seed corpora (`examples/seeds.rs`); `tests/replay.rs` runs every one of
//! them through its target in `make test`.

use std::path::Path;

/// The targets, by the names `cargo fuzz` knows them by.
pub const TARGETS: [&str; 4] = ["issue_markdown", "standard_document", "query", "bundle"];

/// The seed inputs of `target`, as (file name, bytes).
pub fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let shared = crate::shared();
    match target {
        "issue_markdown" => {
            let mut out = files(&shared.join("twir-archive/content"), "md");
            out.extend(
                files(&shared.join("seeds"), "txt")
                    .into_iter()
                    .filter(|(_, b)| !b.starts_with(b"{")),
            );
            let cut: Vec<_> = out
                .iter()
                .map(|(name, bytes)| (format!("{name}.cut"), cut_issue(bytes)))
                .collect();
            out.extend(cut);
            out
        }
        "standard_document" => {
            let mut out: Vec<_> = files(&shared.join("seeds"), "txt")
                .into_iter()
                .filter(|(_, b)| b.starts_with(b"{"))
                .collect();
            let cut: Vec<_> = out
                .iter()
                .flat_map(|(name, bytes)| {
                    cut_record(bytes)
                        .into_iter()
                        .enumerate()
                        .map(move |(i, b)| (format!("{name}.cut{i}"), b))
                })
                .collect();
            out.extend(cut);
            out
        }
        "query" => include_str!("../seeds/queries.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("# "))
            .enumerate()
            .map(|(i, q)| (format!("query-{i:03}"), q.as_bytes().to_vec()))
            .collect(),
        "bundle" => {
            let f = crate::bundle::fixture();
            let mut out = vec![(
                "manifest".to_string(),
                with_mode(0, f.manifest_text.as_bytes()),
            )];
            for (name, bytes) in &f.segments {
                for (mode, what) in [(1, "checked"), (2, "container"), (3, "trusted")] {
                    out.push((format!("{what}-{name}"), with_mode(mode, bytes)));
                }
            }
            out
        }
        _ => panic!("no fuzz target {target:?}"),
    }
}

/// The inputs `make fuzz` hands libFuzzer: a whole issue takes 5 ms to read, too slow
/// for a million inputs, so the fuzzer starts from the cut seeds and the small ones.
pub const FUZZ_MAX_LEN: usize = 8192;

/// An issue cut to what its extraction turns on: the header, the opening, and the Crate
/// and Quote of the Week sections (each up to the next heading of its level or above).
fn cut_issue(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    let level = |l: &str| l.bytes().take_while(|&b| b == b'#').count();
    let mut keep = vec![false; lines.len()];
    // The header and the opening lines.
    for k in keep.iter_mut().take(24) {
        *k = true;
    }
    for (i, l) in lines.iter().enumerate() {
        let lower = l.to_lowercase();
        let depth = level(l);
        if depth == 0
            || !(lower.contains("crate of the week") || lower.contains("quote of the week"))
        {
            continue;
        }
        for (j, m) in lines.iter().enumerate().skip(i) {
            let d = level(m);
            if j > i && d > 0 && d <= depth {
                break;
            }
            keep[j] = true;
        }
    }
    let mut out: Vec<u8> = lines
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .flat_map(|(l, _)| format!("{l}\n").into_bytes())
        .collect();
    out.truncate(FUZZ_MAX_LEN);
    out
}

/// A standard.site record cut to a few pieces of its text (the opening, and the text
/// around the Crate and the Quote of the Week) and a few tags, one record per piece.
fn cut_record(bytes: &[u8]) -> Vec<Vec<u8>> {
    let Ok(serde_json::Value::Object(record)) = serde_json::from_slice(bytes) else {
        return Vec::new();
    };
    let text = record
        .get("textContent")
        .and_then(|t| t.as_str())
        .unwrap_or_default()
        .to_string();
    let mut starts = vec![0];
    for heading in ["Crate of the Week", "Quote of the Week"] {
        starts.extend(text.find(heading));
    }
    starts
        .into_iter()
        .map(|start| {
            let end = (start + 2000).min(text.len());
            let end = (end..=text.len())
                .find(|&e| text.is_char_boundary(e))
                .unwrap_or(text.len());
            let mut cut = record.clone();
            cut.insert("textContent".into(), text[start..end].into());
            if let Some(serde_json::Value::Array(tags)) = cut.get_mut("tags") {
                tags.truncate(6);
            }
            serde_json::to_vec_pretty(&cut).unwrap()
        })
        .collect()
}

fn with_mode(mode: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![mode];
    out.extend_from_slice(bytes);
    out
}

/// The files of `dir` (not below it) ending in `.ext`, sorted by name.
fn files(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}
