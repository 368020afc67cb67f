//! One short fixture per era and per tricky case, written for these tests.

use std::path::PathBuf;

use index_builder::assemble::ParsedIssue;
use index_builder::ingest::{ingest, Ingest, Inputs};
use index_builder::report::Report;
use twir_engine::{Presence, SectionGroup};

fn fixtures(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn eras() -> Ingest {
    ingest(&Inputs {
        archives: vec![fixtures("eras")],
        records: Vec::new(),
    })
}

fn issue(ingest: &Ingest, n: u32) -> &ParsedIssue {
    ingest.issues.iter().find(|p| p.issue.number == n).unwrap()
}

fn urls(p: &ParsedIssue) -> Vec<&str> {
    p.links.iter().map(|l| l.url.as_str()).collect()
}

#[test]
fn era_2013_prose_issue() {
    let i = eras();
    let p = issue(&i, 9);
    assert_eq!(p.issue.title, "This Week in Rust 9");
    assert_eq!(p.issue.date, "2013-08-04");
    assert_eq!(
        urls(p),
        vec![
            "mailto:corey@example.org",
            "https://github.com/mozilla/rust/pull/7999",
            "https://github.com/mozilla/rust/pull/8000",
        ]
    );
    // The prose opening is not the fixed intro of later years: not boilerplate.
    assert!(p.links.iter().all(|l| !l.boilerplate));
    assert!(p.issue.text.contains("borrow checker got a lot smarter"));
    assert_eq!(p.issue.crate_of_the_week, Presence::Absent);
    let pull = &p.links[2];
    assert_eq!(pull.section, "What's cooking in incoming?");
    assert_eq!(pull.group, SectionGroup::ProjectUpdates);
    assert_eq!(pull.context, "Pull 8000 makes Option smaller.");
}

#[test]
fn era_2015_crate_and_quote_heading() {
    let i = eras();
    let p = issue(&i, 100);
    // The later definition of a duplicated label wins, labels are case-insensitive.
    let boxed = p
        .links
        .iter()
        .find(|l| l.text == "Intro to Box<dyn Error>")
        .unwrap();
    assert_eq!(boxed.url, "https://example.com/second");
    let talk = p
        .links
        .iter()
        .find(|l| l.text == "Rust in production")
        .unwrap();
    assert_eq!(talk.tags, vec!["video"]);
    assert_eq!(talk.group, SectionGroup::News);
    assert_eq!(p.crates.len(), 1);
    let c = &p.crates[0];
    assert_eq!(c.name, "diesel");
    assert_eq!(c.description, "a safe, extensible ORM and query builder");
    assert_eq!(c.suggested_by, vec!["llogiq"]);
    assert_eq!(p.quotes.len(), 1);
    let q = &p.quotes[0];
    assert_eq!(q.text, "War is Unsafe\n\nFreedom is Safety");
    assert_eq!(q.author, "killercup");
    assert_eq!(q.attribution, "killercup on /r/rust");
    assert_eq!(q.url, "https://www.reddit.com/r/rust/comments/1");
}

#[test]
fn era_2018_crate_quote_comments_placeholders() {
    let i = eras();
    let p = issue(&i, 215);
    assert_eq!(
        p.issue.url,
        "https://this-week-in-rust.org/blog/2018/01/02/this-week-in-rust-215/"
    );
    let all = urls(p);
    assert!(
        !all.contains(&"https://example.com/template"),
        "links in HTML comments are not rendered"
    );
    assert!(
        !all.iter().any(|u| u.contains("not-a-link")),
        "`[text] (url)` is not a link"
    );
    let os = p
        .links
        .iter()
        .find(|l| l.url == "https://os.phil-opp.com/")
        .unwrap();
    assert_eq!(os.tags, vec!["series"]);
    assert_eq!(
        os.section,
        "Updates from Rust Community > News & Blog Posts"
    );
    // Intro and footer are boilerplate; the placeholder is dropped with its reason.
    assert!(
        p.links
            .iter()
            .find(|l| l.text == "@ThisWeekInRust")
            .unwrap()
            .boilerplate
    );
    assert!(
        p.links
            .iter()
            .find(|l| l.text == "llogiq")
            .unwrap()
            .boilerplate
    );
    assert_eq!(p.dropped.len(), 1);
    assert_eq!(p.dropped[0].reason, "placeholder URL");
    let c = &p.crates[0];
    assert_eq!(
        (c.name.as_str(), c.suggested_by.clone()),
        ("yew", vec!["Willi Kappler".to_string()])
    );
    assert_eq!(
        c.description,
        "a framework for making Elm/React/Angular-like client web-apps with Rust"
    );
    let q = &p.quotes[0];
    // A lazy continuation line belongs to the quote.
    assert_eq!(
        q.text,
        "The borrow checker is like a strict but fair teacher."
    );
    assert_eq!(q.author, "Jane Doe");
    assert_eq!(q.suggested_by, vec!["Someone"]);
}

#[test]
fn era_2024_subsections_typo_heading_plural_crates_no_quote() {
    let i = eras();
    let p = issue(&i, 545);
    let podcast = p
        .links
        .iter()
        .find(|l| l.url.contains("rustacean-station"))
        .unwrap();
    assert_eq!(podcast.tags, vec!["audio"]);
    assert_eq!(
        podcast.section,
        "Updates from Rust Community > Observations/Thoughts"
    );
    let fr = p
        .links
        .iter()
        .find(|l| l.url == "https://example.fr/rust")
        .unwrap();
    assert_eq!(
        (fr.text.as_str(), fr.tags.clone()),
        ("Le langage Rust", vec!["fr".to_string()])
    );
    assert_eq!(
        p.links
            .iter()
            .find(|l| l.url.contains("spawn"))
            .unwrap()
            .text,
        "tokio::spawn explained"
    );
    let names: Vec<_> = p.crates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["memory-profiler", "momo"]);
    assert_eq!(p.crates[0].description, "does what it says on the box");
    assert!(p.crates.iter().all(|c| c.self_suggested));
    let berlin = p.links.iter().find(|l| l.text == "Rust Berlin").unwrap();
    assert_eq!(berlin.group, SectionGroup::Events);
    assert_eq!(p.issue.quote_of_the_week, Presence::NoneThisWeek);
    assert!(p.quotes.is_empty());
    let footer: Vec<_> = p
        .links
        .iter()
        .filter(|l| l.boilerplate)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        footer,
        vec![
            "Rust",
            "nellshamrell",
            "llogiq",
            "The Rust Foundation",
            "Discuss on r/rust"
        ]
    );
}

#[test]
fn bad_input_is_reported_and_nothing_is_lost() {
    let i = ingest(&Inputs {
        archives: vec![fixtures("bad")],
        records: Vec::new(),
    });
    let report = Report::of(&i, 0.0);
    let text = report.render();
    // BOM + CRLF + invalid byte: read, with the offset of the bad byte.
    let crlf = i
        .issues
        .iter()
        .find(|p| p.issue.source == "2019-08-20-this-week-in-rust.md")
        .unwrap();
    assert_eq!(crlf.links.len(), 2);
    assert_eq!(crlf.links[1].text, "Bad byte \u{FFFD} here");
    assert!(
        text.contains("2019-08-20-this-week-in-rust.md:8: invalid UTF-8 at byte offset"),
        "{text}"
    );
    // The binary file is skipped with a warning naming it.
    assert!(text.contains("logo.png: skipped"), "{text}");
    // No header: date from the file name, number from the previous issue, both said.
    let orphan = i
        .issues
        .iter()
        .find(|p| p.issue.source == "2019-08-27-this-week-in-rust.md")
        .unwrap();
    assert_eq!(orphan.issue.date, "2019-08-27");
    assert_eq!(orphan.issue.number, 301);
    assert!(
        text.contains("2019-08-27-this-week-in-rust.md: no issue number"),
        "{text}"
    );
    // Two files with one number: both kept, reported.
    assert_eq!(i.issues.iter().filter(|p| p.issue.number == 300).count(), 2);
    assert!(text.contains("issue number 300 is also used by"), "{text}");
    // The javascript: link is dropped, never indexed.
    let twin = i
        .issues
        .iter()
        .find(|p| p.issue.source == "2019-08-21-twin.md")
        .unwrap();
    assert_eq!(twin.dropped[0].reason, "unsafe URL scheme");
    assert!(twin.links.iter().all(|l| !l.url.starts_with("javascript")));
    // Every link in exactly one bucket.
    assert_eq!(
        report.total.links,
        report.total.indexed + report.total.boilerplate + report.total.dropped
    );
    assert_eq!(report.total.links, 5);
}

#[test]
fn standard_site_json_lines_with_a_stranger_and_a_broken_line() {
    let i = ingest(&Inputs {
        archives: Vec::new(),
        records: vec![fixtures("records/records.jsonl")],
    });
    assert_eq!(i.issues.len(), 1);
    let p = &i.issues[0];
    assert_eq!(p.issue.number, 700);
    assert_eq!(p.issue.date, "2027-03-03");
    assert_eq!(p.crates[0].name, "ferris-says");
    assert_eq!(p.crates[0].description, "a crab that talks");
    assert_eq!(p.crates[0].suggested_by, vec!["Ferris"]);
    assert_eq!(p.quotes[0].author, "Jane");
    let runtime = p
        .links
        .iter()
        .find(|l| l.text == "A new async runtime")
        .unwrap();
    assert_eq!(
        runtime.section,
        "Updates from Rust Community > Observations/Thoughts"
    );
    let warnings: Vec<String> = i.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("records.jsonl:2: a `app.bsky.feed.post` record")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("records.jsonl:3: not a JSON record")),
        "{warnings:?}"
    );
}
