//! The engine over the whole archive: the queries the issues name, natively.

use std::path::PathBuf;
use std::sync::OnceLock;

use index_builder::ingest::{ingest, Inputs};
use twir_engine::writer::write_index;
use twir_engine::{Engine, ErrorKind, Facet, RecordKind, SearchRequest, Sort};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let archive =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/twir-archive/content");
        let ingest = ingest(&Inputs {
            archives: vec![archive],
            records: Vec::new(),
        });
        let built = write_index(&ingest.records(), "2026-01-01T00:00:00Z", &|_| None).unwrap();
        let engine = Engine::open(built.manifest.clone(), &built.files()).unwrap();
        assert!(engine.is_complete());
        engine
    })
}

fn search(q: &str, limit: usize) -> twir_engine::SearchResults {
    engine()
        .search(&SearchRequest {
            limit,
            ..SearchRequest::new(q)
        })
        .unwrap()
}

#[test]
fn yew_crate_of_the_week_is_issue_215() {
    let r = search("kind:crate yew", 5);
    let first = &r.hits[0];
    assert_eq!(first.kind, RecordKind::Crate);
    assert_eq!(first.issue, 215);
    assert_eq!(first.date, "2018-01-02");
    // Typing it in the app (the last word is a prefix) finds the crate first.
    let typed = search("yew", 10);
    assert_eq!(
        (typed.hits[0].kind, typed.hits[0].issue),
        (RecordKind::Crate, 215)
    );
}

#[test]
fn author_filter_lists_only_their_quotes() {
    let r = search("author:llogiq kind:quote", 100);
    assert!(r.total > 5, "llogiq has been quoted often: {}", r.total);
    for h in &r.hits {
        assert_eq!(h.kind, RecordKind::Quote);
        assert!(h.title.to_lowercase().contains("llogiq"), "{}", h.title);
    }
}

#[test]
fn section_by_heading_name_restricts_to_that_heading() {
    // "Rust Walkthroughs" is a heading inside the community news group, not a group.
    let r = search("section:walkthroughs bevy", 500);
    assert!(r.total >= 10, "bevy walkthroughs: {}", r.total);
    for h in &r.hits {
        assert!(h.section.ends_with("Rust Walkthroughs"), "{}", h.section);
    }
    let quoted = search(r#"section:"rust walkthroughs" bevy"#, 1);
    assert_eq!(quoted.total, r.total);
    // A group name still means the group, across every heading it has had.
    let news = search("section:news bevy", 1);
    assert!(news.total > r.total);
    // The crate's own section by name: the crate, and its link in that section.
    let crates = search(r#"section:"crate of the week" bevy"#, 10);
    assert_eq!(
        (crates.hits[0].kind, crates.hits[0].issue),
        (RecordKind::Crate, 351)
    );
    assert!(crates
        .hits
        .iter()
        .all(|h| h.section.contains("Crate of the Week")));
}

#[test]
fn site_and_year_filters_restrict_links() {
    let r = search("site:blog.rust-lang.org year:2015", 200);
    assert!(r.total > 10);
    for h in &r.hits {
        assert_eq!(h.domain, "blog.rust-lang.org");
        assert!(h.issues.iter().any(|n| {
            engine()
                .issue(*n)
                .is_some_and(|i| i.date.starts_with("2015"))
        }));
    }
}

/// The year facet and the `year:` filter follow one rule (the year of the issue a
/// record is shown from), so each year's count is exactly what its filter gives.
#[test]
fn each_years_count_is_what_its_filter_gives() {
    for q in ["async", "tokio", "kind:crate", "wasm OR webassembly"] {
        let r = search(q, 1);
        let years = r.facets.of(Facet::Year);
        assert!(years.len() > 5, "{q}: {years:?}");
        for c in years {
            // As a click on the bar writes it: in front of the word still being typed.
            let year = c.value.filter().expect("a dated year");
            let filtered = search(&format!("{year} {q}"), 1);
            assert_eq!(filtered.total, c.count, "{q} {year}");
        }
    }
}

#[test]
fn phrase_matches_are_a_subset_of_word_matches() {
    let phrase = search("\"borrow checker\" ", 50);
    let words = search("borrow checker ", 50);
    assert!(phrase.total > 0);
    assert!(words.total >= phrase.total);
    for h in &phrase.hits {
        let text = format!("{} {}", h.title, h.body).to_lowercase();
        let squashed: String = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(squashed.contains("borrow checker"), "{text}");
    }
}

#[test]
fn phrases_keep_their_stop_words_which_plain_words_ignore() {
    // "the" is not indexed: as a finished word it adds nothing, alone it finds nothing.
    assert_eq!(
        search("the rust book ", 1).total,
        search("rust book ", 1).total
    );
    assert_eq!(search("the ", 1).total, 0);
    // In a phrase it counts: "the book" only where those two words stand together.
    let r = search("\"the book\" ", 200);
    assert!(r.total > 10, "{}", r.total);
    assert!(r.total < search("book ", 1).total);
    for h in &r.hits {
        let text = format!("{} {}", h.title, h.body).to_lowercase();
        let squashed: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert!(squashed.windows(2).any(|w| w == ["the", "book"]), "{text}");
    }
    // A phrase of stop words only reads every record (none of its words is indexed)
    // and keeps those where they stand together.
    // The shown snippet may be cut before it, so the hit's whole record is read.
    let r = search("\"not to\" ", 500);
    assert!(r.total > 10 && r.total < 500, "{}", r.total);
    for h in &r.hits {
        let text = whole_texts(h).to_lowercase();
        assert!(
            words_of(&text).windows(2).any(|w| w == ["not", "to"]),
            "{text}"
        );
    }
}

/// The words of `text` as a reader sees them: runs of letters and digits.
fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every text, whole, of the records behind a hit (its URL; an issue's title) in each
/// issue it was found in (a link repeated in several issues is one hit), and the URL.
fn whole_texts(h: &twir_engine::Hit) -> String {
    use twir_engine::Record;
    let mut out = format!("{}\n", h.url);
    for record in h.issues.iter().flat_map(|&n| engine().issue_records(n)) {
        let texts: Vec<&str> = match record {
            Record::Issue(i) if i.title == h.title => vec![&i.title, &i.text],
            Record::Link(l) if l.url == h.url => vec![&l.text, &l.context],
            Record::Crate(c) if c.url == h.url => {
                let mut texts = vec![c.name.as_str(), &c.description];
                texts.extend(c.suggested_by.iter().map(String::as_str));
                texts
            }
            Record::Quote(q) if q.url == h.url => {
                let mut texts = vec![q.author.as_str(), &q.text, &q.attribution];
                texts.extend(q.suggested_by.iter().map(String::as_str));
                texts
            }
            _ => continue,
        };
        for t in texts {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_word_the_archive_is_full_of_is_taken_as_spelled() {
    // Every record found has the word itself: no typo neighbours (`cost`, `consts`,
    // `serge`) are counted in.
    for word in ["const", "serde", "compiler"] {
        let r = search(&format!("{word} "), 5000);
        assert!(
            r.total >= 100 && r.hits.len() == r.total,
            "{word}: {}",
            r.total
        );
        for h in &r.hits {
            let text = whole_texts(h).to_lowercase();
            assert!(words_of(&text).contains(&word), "{word}: {text}");
        }
    }
    // A word the archive does not have still finds what was meant.
    let r = search("asyncronous ", 5);
    assert!(r.total > 10, "{}", r.total);
    assert!(r
        .hits
        .iter()
        .all(|h| !words_of(&h.body.to_lowercase()).contains(&"asyncronous")));
}

#[test]
fn at_most_four_words_forgive_typos_and_the_others_are_counted() {
    let four = search("tokoi asyncronous webassembley borow ", 1);
    assert_eq!(four.exact_only, 0);
    let five = search("tokoi asyncronous webassembley borow checkr ", 1);
    assert_eq!(five.exact_only, 1);
    // Common words do not use up the four: only the misspelled ones count.
    let mixed = search("rust tokoi async asyncronous cargo webassembley borow ", 1);
    assert_eq!(mixed.exact_only, 0);
    // Each of the first four still forgives its typo.
    for (typo, meant) in [("tokoi", "tokio"), ("webassembley", "webassembly")] {
        let r = search(&format!("{typo} asyncronous "), 5);
        assert!(!r.hits.is_empty(), "{typo}");
        assert!(
            r.hits.iter().any(|h| format!("{} {}", h.title, h.body)
                .to_lowercase()
                .contains(meant)),
            "{typo}"
        );
    }
}

#[test]
fn newest_and_oldest_sort_by_date() {
    for (sort, newer_first) in [(Sort::Newest, true), (Sort::Oldest, false)] {
        let r = engine()
            .search(&SearchRequest {
                sort,
                limit: 50,
                ..SearchRequest::new("async ")
            })
            .unwrap();
        let dates: Vec<&str> = r.hits.iter().map(|h| h.date.as_str()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        if newer_first {
            sorted.reverse();
        }
        assert_eq!(dates, sorted, "{sort:?}");
        assert_eq!(r.hits.len(), 50);
    }
}

#[test]
fn issue_and_tag_filters_and_repeated_links() {
    let r = search("issue:300", 500);
    assert!(r.total > 50, "{}", r.total);
    assert!(r.hits.iter().all(|h| h.issues.contains(&300)));
    let r = search("tag:video", 50);
    assert!(r.total > 100, "{}", r.total);
    assert!(r.hits.iter().all(|h| h.tags.iter().any(|t| t == "video")));
    // A link that appeared in several issues is one hit listing them all.
    let r = search("site:rust-lang.org kind:link", 500);
    assert!(r.hits.iter().any(|h| h.issues.len() > 1));
    assert!(r.hits.iter().all(|h| h.domain.ends_with("rust-lang.org")));
}

#[test]
fn an_issue_page_holds_what_the_issue_held() {
    let records = engine().issue_records(215);
    let links = records
        .iter()
        .filter(|r| matches!(r, twir_engine::Record::Link(l) if !l.boilerplate))
        .count();
    let summary = &engine().issue_summaries()[&215];
    assert_eq!(summary.links, links);
    assert!(links > 40, "{links}");
    assert_eq!(summary.crates, ["yew"]);
    assert_eq!(summary.quotes, 1);
    assert!(matches!(records[0], twir_engine::Record::Issue(i) if i.number == 215));
}

#[test]
fn every_crate_and_quote_comes_back_from_the_bundle() {
    assert_eq!(engine().crates().count(), 539);
    assert_eq!(engine().quotes().count(), 535);
    // Author, venue and the reason for no author travel in the bundle.
    let q = engine().quotes().find(|q| q.issue == 571).unwrap();
    assert_eq!(
        (q.author.as_str(), q.venue.as_str()),
        ("Sean Baxter", "on circle-lang.org")
    );
    let q = engine().quotes().find(|q| q.issue == 161).unwrap();
    assert_eq!(q.no_author, Some(twir_engine::NoAuthor::NoPerson));
    assert_eq!(engine().issues().len(), 643);
}

#[test]
fn typos_find_what_was_meant() {
    for (typo, meant) in [("asynk", "async"), ("tokoi", "tokio")] {
        let r = search(&format!("{typo} "), 3);
        // Three hits: an empty answer is the bug this test is for.
        assert_eq!(r.hits.len(), 3, "{typo}");
        assert!(
            r.hits
                .iter()
                .all(|h| format!("{} {} {}", h.title, h.body, h.url)
                    .to_lowercase()
                    .contains(meant)),
            "{typo}: {:?}",
            r.hits.iter().map(|h| &h.title).collect::<Vec<_>>()
        );
    }
}

#[test]
fn facets_add_up_to_the_total() {
    for q in [
        "rust",
        "async",
        "kind:crate",
        "year:2019",
        "tokio OR actix",
        "-rust web",
        "\"rust 2018\"",
        "site:github.com parser",
        "tag:video",
        "author:llogiq",
        "section:events berlin",
        "year:2015..2017 compiler",
        "issue:300",
        "kind:quote borrow",
        "asynk",
        "\"the book\"",
        "serde -json",
        "embedded OR wasm kind:crate",
        "site:reddit.com year:2020",
        "kind:issue",
    ] {
        let r = search(q, 1);
        // Every one of these queries has answers in the archive: 0 = 0 proves nothing.
        assert!(r.total > 0, "{q}: no results");
        for (facet, counts) in r.facets.iter() {
            let sum: usize = counts.iter().map(|c| c.count).sum();
            assert_eq!(sum, r.total, "{q}: facet {facet:?}");
        }
    }
}

fn issue_215_records() -> Vec<twir_engine::Record> {
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/twir-archive/content/2018-01-02-this-week-in-rust.md");
    ingest(&Inputs {
        archives: vec![archive],
        records: Vec::new(),
    })
    .records()
}

#[test]
fn same_records_give_byte_identical_segments() {
    let records = issue_215_records();
    let a = write_index(&records, "x", &|_| None).unwrap();
    let b = write_index(&records, "x", &|_| None).unwrap();
    assert_eq!(a.manifest, b.manifest);
    assert!(a.files() == b.files());
}

#[test]
fn damaged_segment_is_refused() {
    let built = write_index(&issue_215_records(), "x", &|_| None).unwrap();
    let mut files = built.files();
    let bytes = &mut files[0].1;
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    let err = Engine::open(built.manifest.clone(), &files)
        .err()
        .expect("refused");
    assert_eq!(err.kind(), ErrorKind::Integrity);
}
