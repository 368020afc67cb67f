//! What researchers cite: every quote's author and venue, every crate of the week,
//! checked over the whole archive in `../shared`. The forms one by one are unit tests
//! of `attribution.rs`, `quote_of_the_week.rs` and `crate_of_the_week.rs`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::LazyLock;

use index_builder::ingest::{ingest, Ingest, Inputs};
use index_builder::report::Report;
use regex::Regex;
use twir_engine::{author_key, NoAuthor, Quote};

static ARCHIVE: LazyLock<Ingest> = LazyLock::new(|| {
    ingest(&Inputs {
        archives: vec![
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/twir-archive/content")
        ],
        records: Vec::new(),
    })
});

fn quotes() -> impl Iterator<Item = &'static Quote> {
    ARCHIVE.issues.iter().flat_map(|p| p.quotes.iter())
}

fn quotes_of(issue: u32) -> Vec<&'static Quote> {
    quotes().filter(|q| q.issue == issue).collect()
}

fn crates_of(issue: u32) -> Vec<&'static str> {
    let p = ARCHIVE
        .issues
        .iter()
        .find(|p| p.issue.number == issue)
        .unwrap();
    p.crates.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn every_quote_has_an_author_or_a_reason_the_report_lists() {
    let report = Report::of(&ARCHIVE, 0.0);
    let without: Vec<&Quote> = quotes().filter(|q| q.author.is_empty()).collect();
    // An empty author always has its reason, and a reason only an empty author.
    for q in quotes() {
        assert_eq!(q.author.is_empty(), q.no_author.is_some(), "{q:#?}");
    }
    assert_eq!(report.quotes_without_author.len(), without.len());
    assert_eq!(
        report.quotes_with_author + without.len(),
        report.total.quotes
    );
    let by_reason: usize = report.quotes_without_author_by_reason.values().sum();
    assert_eq!(by_reason, without.len());
    // Was 41 without an author, none with a reason. Now 15, each a decision: six chat
    // logs, six places or groups, three unattributed.
    assert_eq!(report.quotes_with_author, 520);
    assert_eq!(without.len(), 15, "{:#?}", report.quotes_without_author);
    for (issue, reason) in [
        (136, NoAuthor::Conversation),
        (161, NoAuthor::NoPerson),
        (412, NoAuthor::Unattributed),
    ] {
        assert_eq!(quotes_of(issue)[0].no_author, Some(reason), "issue {issue}");
        assert!(report
            .quotes_without_author
            .iter()
            .any(|line| line.contains(&format!("issue {issue}: {}", reason.reason()))));
    }
}

#[test]
fn the_forms_that_were_missed_now_give_author_venue_and_link() {
    for (issue, author, venue, url_part) in [
        (76, "pcwalton", "on Hacker News", "news.ycombinator.com"),
        (284, "ReductRs", "on twitter", "twitter.com/reduct_rs"),
        (350, "Mathias Lafeldt", "on his blog", "sharpend.io"),
        (361, "Jubilee", "on the Rust Zulip", "zulipchat.com"),
        (571, "Sean Baxter", "on circle-lang.org", "circle-lang.org"),
    ] {
        let q = &quotes_of(issue)[0];
        assert_eq!(
            (q.author.as_str(), q.venue.as_str()),
            (author, venue),
            "issue {issue}"
        );
        assert!(q.url.contains(url_part), "issue {issue}: {}", q.url);
    }
    // 571: the attribution pulled into the quote by lazy continuation is cut out.
    let q = &quotes_of(571)[0];
    assert!(q.text.ends_with("crab-like features."), "{}", q.text);
    assert!(!q.text.contains("Sean Baxter"));
}

#[test]
fn no_author_holds_venue_words() {
    let venue_words = Regex::new(concat!(
        r"\b(?:on|in|at|during|from|via|about|a\.k\.a\.)\b|@ |\s@|[(),:]",
        r"|\b(?:celebrating|blogging|answering|talking|describing|commenting|discussing",
        r"|introducing|invoking|announcing|interviewed|cited|quoted|paraphrasing|tooting)\b"
    ))
    .unwrap();
    let wrong: Vec<(u32, &str)> = quotes()
        .filter(|q| venue_words.is_match(&q.author))
        .map(|q| (q.issue, q.author.as_str()))
        .collect();
    assert_eq!(wrong, Vec::<(u32, &str)>::new());
    // The venue is kept apart, not lost.
    let q = quotes()
        .find(|q| q.author == "Catherine West" && q.issue == 252)
        .unwrap();
    assert_eq!(q.venue, "@ Rustconf");
    let q = quotes().find(|q| q.issue == 242).unwrap();
    assert_eq!(
        (q.author.as_str(), q.venue.as_str()),
        ("u/_ar7", "celebrating this commendable achievement")
    );
}

#[test]
fn issue_82_gives_two_quotes() {
    let q = quotes_of(82);
    let who: Vec<&str> = q.iter().map(|q| q.author.as_str()).collect();
    assert_eq!(who, ["Quxxy", "JakDrako"]);
    assert!(q[0].text.starts_with("Dude, you can't just tell people"));
    assert!(q[1].text.starts_with("The 1st rule of Secret Rust Club"));
    assert_eq!(q[0].suggested_by, q[1].suggested_by);
}

#[test]
fn kornel_and_kornel_are_one_person() {
    let spellings: BTreeSet<&str> = quotes()
        .filter(|q| author_key(&q.author) == "kornel")
        .map(|q| q.author.as_str())
        .collect();
    assert_eq!(spellings, BTreeSet::from(["Kornel", "kornel"]));
    let n = quotes()
        .filter(|q| author_key(&q.author) == "kornel")
        .count();
    assert_eq!(n, 10);
}

#[test]
fn the_five_crate_issues_are_right() {
    assert_eq!(crates_of(136), ["bins"]);
    assert_eq!(crates_of(140), ["trace"]);
    assert_eq!(crates_of(308), ["watt", "anyhow", "spotify-tui"]);
    assert_eq!(crates_of(395), ["nativeshell", "static-rc"]);
    assert_eq!(crates_of(535), ["kind"]);
}

#[test]
fn no_crate_is_a_profile_an_rfc_or_a_thread() {
    let wrong: Vec<(u32, &str)> = ARCHIVE
        .issues
        .iter()
        .flat_map(|p| p.crates.iter())
        .filter(|c| {
            c.url.contains("users.rust-lang.org")
                || c.url.contains("internals.rust-lang.org")
                || c.url.contains("github.com/rust-lang/rfcs")
        })
        .map(|c| (c.issue, c.url.as_str()))
        .collect();
    assert_eq!(wrong, Vec::<(u32, &str)>::new());
}
