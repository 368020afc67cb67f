//! Snapshots of what the builder writes for people to read, as mdBook keeps them: the
//! report, the research exports' first rows, `_headers` and the page's first view
//! (from `finish-site`), and an issue rendered as the site's page. A change to any of
//! them fails here until it is looked at: `TWIR_REFRESH_SNAPSHOTS=1 cargo test -p
//! index-builder --test snapshots` writes the new text into `tests/snapshots/`, and the
//! diff is reviewed in the commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn here(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Compares `actual` with the snapshot `name`, or writes it when refreshing.
fn snapshot(name: &str, actual: &str) {
    let path = here("tests/snapshots").join(name);
    if std::env::var_os("TWIR_REFRESH_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from {}: look at the difference, then refresh it with \
         TWIR_REFRESH_SNAPSHOTS=1 cargo test -p index-builder --test snapshots\n\
         --- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

/// Runs the builder's command line; its standard output and error, or a panic.
fn builder(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(args)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(out.status.success(), "{args:?}: {stderr}");
    (stdout, stderr)
}

/// Timings vary from run to run: `0.02 s` becomes `<t> s`.
fn without_timings(text: &str) -> String {
    let seconds = regex::Regex::new(r"\b\d+\.\d+ s\b").unwrap();
    seconds.replace_all(text, "<t> s").into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twir-snapshot-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_report_of_the_fixtures() {
    let eras = here("tests/fixtures/eras");
    let bad = here("tests/fixtures/bad");
    let (report, _) = builder(&[
        "report",
        "--archive",
        eras.to_str().unwrap(),
        "--archive",
        bad.to_str().unwrap(),
    ]);
    // The report names the files by their paths under each archive folder.
    assert!(report.contains("year   issues"), "{report}");
    snapshot("report.txt", &without_timings(&report));
}

#[test]
fn the_exports_first_rows_headers_and_first_view() {
    let eras = here("tests/fixtures/eras");
    let dist = temp("dist");
    let data = dist.join("data");
    builder(&[
        "build",
        "--archive",
        eras.to_str().unwrap(),
        "--out",
        data.to_str().unwrap(),
    ]);
    let mut exports = String::new();
    for (file, rows) in [
        ("crates-of-the-week.csv", 3),
        ("links.csv", 4),
        ("crates-of-the-week.json", 14),
        ("quotes.json", 14),
    ] {
        let text = std::fs::read_to_string(data.join(file)).unwrap();
        let first: Vec<&str> = text.lines().take(rows).collect();
        assert_eq!(
            first.len(),
            rows,
            "{file} has fewer rows than the snapshot shows"
        );
        exports.push_str(&format!("== {file}\n{}\n", first.join("\n")));
    }
    snapshot("exports.txt", &exports);

    // finish-site over the page the app is built from, with stand-ins for what Trunk
    // builds: the page gets the latest issue and the engine's hash, the service worker
    // and the engine's worker the data files' names, and `_headers`.
    std::fs::copy(here("../index.html"), dist.join("index.html")).unwrap();
    std::fs::copy(here("../public/sw.js"), dist.join("sw.js")).unwrap();
    for (name, text) in [
        ("worker.js", "// worker"),
        ("engine.js", "// engine"),
        ("engine_bg.wasm", "wasm"),
    ] {
        std::fs::write(dist.join(name), text).unwrap();
    }
    builder(&["finish-site", dist.to_str().unwrap()]);
    snapshot(
        "_headers",
        &std::fs::read_to_string(dist.join("_headers")).unwrap(),
    );
    let page = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let first_view: String = page
        .lines()
        .filter(|l| l.contains("twir:latest") || l.contains("twir-engine"))
        .map(|l| format!("{}\n", l.trim()))
        .collect();
    assert!(first_view.contains("Crate of the Week"), "{first_view}");
    snapshot("first-view.html", &first_view);
    // The data files' names, written into the service worker from the engine's.
    let sw = std::fs::read_to_string(dist.join("sw.js")).unwrap();
    let names: String = sw
        .lines()
        .take_while(|l| !l.starts_with("// The service worker"))
        .map(|l| format!("{l}\n"))
        .collect();
    snapshot("sw-names.js", &names);
    // The same names in the engine worker's script, which looks for the saved index
    // before its wasm runs, and the first segment the manifest names, which it begins
    // on a first visit.
    let worker = std::fs::read_to_string(dist.join("worker.js")).unwrap();
    let manifest = std::fs::read_to_string(data.join("manifest.json")).unwrap();
    let manifest = twir_engine::Manifest::from_json(&manifest).unwrap();
    let (common, end) = names.split_at(names.find("// (end of the names)").unwrap());
    let first = format!(
        "const FIRST_SEGMENT = 'data/{}';\n",
        manifest.segments[0].name
    );
    assert_eq!(worker, format!("{common}{first}{end}// worker"));
    std::fs::remove_dir_all(&dist).unwrap();
}

#[test]
fn an_issue_rendered_as_the_sites_page() {
    let issue =
        std::fs::read_to_string(here("tests/fixtures/eras/2015-10-12-this-week-in-rust.md"))
            .unwrap();
    // The page render-pages writes for Pagefind: the Markdown after its header.
    let body = issue.split("\n\n").skip(1).collect::<Vec<_>>().join("\n\n");
    let page = index_builder::site_pages::page("This Week in Rust 100", 100, "2015-10-12", &body);
    assert!(page.contains("data-pagefind-body"), "{page}");
    snapshot("issue-page.html", &page);
}
