//! Integration tests over the real archive in `../shared` and the two seeds.

use std::path::PathBuf;

use index_builder::ingest::{ingest, Inputs};
use index_builder::report::Report;
use twir_engine::Presence;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(rel)
}

fn archive() -> index_builder::ingest::Ingest {
    ingest(&Inputs {
        archives: vec![shared("twir-archive/content")],
        records: Vec::new(),
    })
}

#[test]
fn whole_archive_counts_match_the_site() {
    let ingest = archive();
    let report = Report::of(&ingest, 0.0);
    assert_eq!(report.issues, 643, "issues");
    // The site renders 91,369 links (independent extractor, GUIDE): within 0.1%.
    let links = report.total.links as f64;
    assert!(
        (links - 91_369.0).abs() / 91_369.0 < 0.001,
        "rendered links {links} not within 0.1% of 91,369"
    );
    // Per issue, against what Python-Markdown 3.7 renders with the site's extensions
    // (`tools/site_link_counts.py`, saved in tests/reference/): at least 99% exact.
    let site: std::collections::BTreeMap<String, usize> = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference/site_link_counts.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(site.len(), 643);
    let differing: Vec<_> = site
        .iter()
        .filter(|(file, &n)| report.links_per_file.get(*file) != Some(&n))
        .map(|(file, n)| (file, n, report.links_per_file.get(file)))
        .collect();
    assert_eq!(
        differing,
        Vec::new(),
        "issues whose link count differs from the site's"
    );
    // Every link is in exactly one bucket.
    assert_eq!(
        report.total.links,
        report.total.indexed + report.total.boilerplate + report.total.dropped
    );
    // Crates and quotes of the week (reference figures in GUIDE).
    assert_eq!(report.total.crates, 539, "crates of the week");
    assert_eq!(report.issues_with_crate, 529, "issues with a crate");
    assert_eq!(
        report.crates_none_this_week, 21,
        "issues without a crate that week"
    );
    assert_eq!(report.issues_with_quote, 518, "issues with a quote");
    assert_eq!(
        report.quotes_none_this_week, 52,
        "issues without a quote that week"
    );
    // 535: issue 82's two quotes, each with its own attribution, are two records.
    assert_eq!(report.total.quotes, 535, "quotes of the week");
    // No heading without a record or a "none this week".
    assert_eq!(report.unrecognised, Vec::<String>::new());
    // Five files are not issues: pages/, the "State of Rust" posts, the .rst post.
    assert_eq!(report.not_issues, 5, "{:?}", report.skipped);
}

#[test]
fn a_dialogue_in_separate_block_quotes_is_one_quote_per_speaker() {
    let ingest = archive();
    let quotes_of = |n: u32| {
        let issue = ingest.issues.iter().find(|p| p.issue.number == n).unwrap();
        issue
            .quotes
            .iter()
            .map(|q| (q.author.clone(), q.text.clone()))
            .collect::<Vec<_>>()
    };
    // 546: a quote, "And the reply:", the reply; "– Brett Witty and Leon on Mastodon".
    let q = quotes_of(546);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].0, "Brett Witty");
    assert!(q[0]
        .1
        .starts_with("Rust and its borrow checker are like proper form"));
    assert_eq!(q[1].0, "Leon");
    assert!(q[1].1.contains("really terrible way to model graphs"));
    assert!(!q[1].1.contains("And the reply"));
    // 448: question, answer, thanks, split by `<!-- -->`: the asker said the first and
    // the last part.
    let q = quotes_of(448);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].0, "/u/LyonSyonII");
    assert!(q[0].1.starts_with("Rwlock vs Mutex?") && q[0].1.contains("Thanks for an actual"));
    assert_eq!(q[1].0, "/u/everything-narrative");
    assert!(q[1].1.starts_with("Mutex: \"Mom says"));
    // 597: question and answer in one block quote stay one quote.
    assert_eq!(quotes_of(597).len(), 1);
}

#[test]
fn issue_215_has_yew_as_crate_of_the_week() {
    let ingest = archive();
    let issue = ingest
        .issues
        .iter()
        .find(|p| p.issue.number == 215)
        .expect("issue 215");
    assert_eq!(issue.issue.date, "2018-01-02");
    assert_eq!(
        issue.issue.url,
        "https://this-week-in-rust.org/blog/2018/01/02/this-week-in-rust-215/"
    );
    assert_eq!(issue.issue.crate_of_the_week, Presence::Present);
    assert!(issue
        .crates
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case("yew")));
}

#[test]
fn mis_decoded_seed_is_repaired_with_a_warning() {
    let dir = std::env::temp_dir().join(format!("twir-seed0-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        shared("seeds/000_befdf14994a8bcf0.txt"),
        dir.join("2026-01-28-this-week-in-rust.md"),
    )
    .unwrap();
    let ingest = ingest(&Inputs {
        archives: vec![dir.clone()],
        records: Vec::new(),
    });
    std::fs::remove_dir_all(&dir).ok();
    let issue = &ingest.issues[0];
    assert_eq!(issue.issue.number, 636);
    assert!(issue
        .links
        .iter()
        .any(|l| l.text == "🦀 Compile-Time Reflection Is Finally Here"));
    assert!(!issue
        .links
        .iter()
        .any(|l| l.text.contains("‚Äî") || l.text.contains("ü¶Ä")));
    let warning = ingest
        .warnings
        .iter()
        .find(|w| w.message.contains("mis-decoded"))
        .expect("a mis-decoding warning");
    assert!(warning.line > 0);
}

#[test]
fn standard_site_record_alone_gives_issue_644_and_merges_with_markdown() {
    let record = shared("seeds/004_9b0a4b36e8717d12.txt");
    let alone = ingest(&Inputs {
        archives: Vec::new(),
        records: vec![record.clone()],
    });
    assert_eq!(alone.issues.len(), 1);
    let p = &alone.issues[0];
    assert_eq!(p.issue.number, 644);
    assert_eq!(p.issue.date, "2026-03-25");
    assert_eq!(
        p.issue.url,
        "https://this-week-in-rust.org/blog/2026/03/25/this-week-in-rust-644/"
    );
    assert_eq!(p.crates.len(), 1);
    assert_eq!(p.crates[0].name, "noq");
    assert_eq!(p.quotes.len(), 1);
    assert_eq!(p.quotes[0].author, "allp");
    assert_eq!(p.quotes[0].venue, "on mastodon");
    let fyrox = p
        .links
        .iter()
        .find(|l| l.text == "Fyrox 1.0.0")
        .expect("a link text placed under its section");
    assert_eq!(
        fyrox.section,
        "Updates from Rust Community > Project/Tooling Updates"
    );
    assert_eq!(
        fyrox.url, p.issue.url,
        "record links point to the issue page"
    );

    let both = ingest(&Inputs {
        archives: vec![shared(
            "twir-archive/content/2026-03-25-this-week-in-rust.md",
        )],
        records: vec![record],
    });
    assert_eq!(both.issues.len(), 1, "one issue from both forms");
    assert_eq!(
        both.issues[0]
            .links
            .iter()
            .find(|l| l.text == "Fyrox 1.0.0")
            .unwrap()
            .url,
        "https://fyrox.rs/blog/post/fyrox-game-engine-1-0-0/",
        "the Markdown wins"
    );
    // The record has a typo the Markdown does not ("PIP 1" for "PID 1"): reported.
    assert!(both.disagreements.iter().any(|d| d.what.contains("PIP 1")));
    // Both forms give the same crates and the same quotes' authors and venues.
    assert!(
        !both
            .disagreements
            .iter()
            .any(|d| d.what.starts_with("crate of the week") || d.what.starts_with("quote authors")),
        "{:?}",
        both.disagreements
    );
}

/// The pages `make bench-compare` gives Pagefind hold what the site renders: one per
/// issue, the same links (within 0.5% of the site's 91,369), the metadata Pagefind reads.
#[test]
fn archive_renders_as_the_sites_pages() {
    let out = std::env::temp_dir().join(format!("twir-pages-{}", std::process::id()));
    let done = index_builder::site_pages::render(&[shared("twir-archive/content")], &out).unwrap();
    assert_eq!((done.pages, done.issues), (643, 643));
    assert!(done.problems.is_empty(), "{:?}", done.problems);
    let page = std::fs::read_to_string(out.join("blog/2015/04/13/this-week-in-rust-77/index.html"))
        .unwrap();
    assert!(page.contains(r#"<title>This Week in Rust 77</title>"#));
    assert!(page.contains(r#"data-pagefind-meta="issue:77""#));
    assert!(page.contains(r#"data-pagefind-filter="year:2015""#));
    assert!(
        page.contains(r#"href="http://blog.rust-lang.org/2015/04/10/Fearless-Concurrency.html""#)
    );
    let mut links = 0usize;
    let mut pages = vec![out.join("blog")];
    while let Some(dir) = pages.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pages.push(path);
            } else {
                let html = std::fs::read_to_string(&path).unwrap();
                // Less the page frame's own link home.
                links += html.matches("<a href=").count() - 1;
            }
        }
    }
    std::fs::remove_dir_all(&out).unwrap();
    let off = (links as f64 - 91_369.0).abs() / 91_369.0;
    assert!(
        off < 0.005,
        "{links} links in the pages, {off:.4} off the site's"
    );
}

/// `build --site-url /`: the issue pages become paths from the site's root (and the
/// record links that point to the page follow), other links stay as written.
#[test]
fn issue_pages_move_to_the_sites_root() {
    let mut both = ingest(&Inputs {
        archives: vec![shared(
            "twir-archive/content/2026-03-25-this-week-in-rust.md",
        )],
        records: vec![shared("seeds/004_9b0a4b36e8717d12.txt")],
    });
    let before: Vec<String> = both.issues[0].links.iter().map(|l| l.url.clone()).collect();
    both.move_pages(index_builder::ingest::SITE_URL, "/");
    let p = &both.issues[0];
    assert_eq!(p.issue.url, "/blog/2026/03/25/this-week-in-rust-644/");
    let after: Vec<&str> = p.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(after.len(), before.len());
    for (a, b) in after.iter().zip(&before) {
        if b.starts_with("https://this-week-in-rust.org/blog/2026/03/25/") {
            assert_eq!(*a, "/blog/2026/03/25/this-week-in-rust-644/");
        } else {
            assert_eq!(a, b);
        }
    }
}
