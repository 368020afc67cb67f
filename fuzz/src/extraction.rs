//! What any extraction must satisfy, whatever it was given (targets 1 and 2).

use index_builder::ingest::Ingest;
use index_builder::report::{Report, YearRow};

/// Checks what was read from the one file `file` holding `data`.
pub(crate) fn check(out: &Ingest, file: &str, data: &[u8]) {
    // Every warning names the file and a line that exists (0: the whole file). Any
    // line break a decoder may honour counts, so the bound holds for every encoding.
    let lines = 1 + data.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    for w in &out.warnings {
        assert!(w.file.starts_with(file), "warning names {:?}", w.file);
        assert!(w.line <= lines, "line {} of {lines}: {}", w.line, w.message);
    }
    for p in &out.issues {
        for l in &p.links {
            assert!(!clickable_script(&l.url), "link to {:?}", l.url);
        }
        for d in &p.dropped {
            assert!(
                d.line <= lines,
                "dropped link on line {} of {lines}",
                d.line
            );
        }
        for c in &p.crates {
            assert!(
                !c.name.is_empty() || !c.url.is_empty(),
                "a crate with no name"
            );
        }
        for q in &p.quotes {
            assert!(!q.text.trim().is_empty(), "a quote with no text");
        }
    }
    adds_up(&Report::of(out, 0.0), out);
}

/// Every count the report prints adds up: each link in exactly one bucket, each quote
/// with an author or a reason, the years to the total.
fn adds_up(r: &Report, out: &Ingest) {
    assert_eq!(r.files_read, 1);
    assert_eq!(r.issues, out.issues.len());
    let t = &r.total;
    assert_eq!(t.links, t.indexed + t.boilerplate + t.dropped, "{t:?}");
    assert_eq!(t.dropped, r.dropped_by_reason.values().sum::<usize>());
    let without: usize = r.quotes_without_author_by_reason.values().sum();
    assert_eq!(r.quotes_with_author + without, t.quotes);
    let mut years = YearRow::default();
    for row in r.years.values() {
        years.add(row);
    }
    assert_eq!(&years, t);
    assert_eq!(r.links_per_file.values().sum::<usize>(), t.links);
    let links: usize = out
        .issues
        .iter()
        .map(|p| p.links.len() + p.dropped.len())
        .sum();
    assert_eq!(links, t.links);
}

/// A script URL: links to one are dropped ("unsafe URL scheme"). (The app shows any
/// URL that is not http, https, mailto or a root path as text; that is its own test.)
fn clickable_script(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:")
}
