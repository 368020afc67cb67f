//! What `make fuzz` found, one test per bug, named after it; the input that found it is
//! kept in `regressions/<target>/<test name>`.

use std::path::Path;

fn input(target: &str, bug: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("regressions")
        .join(target)
        .join(bug);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `year:` followed by bytes that are no year: the filter degraded to the words
/// `year �`, searched as a phrase but shown as two words, which read back as two
/// separate words. Now shown, and read back, as the phrase it is searched as.
#[test]
fn an_unreadable_filter_reads_back_the_same() {
    let data = input("query", "an_unreadable_filter_reads_back_the_same");
    twir_fuzz::query::check(&data);
    let parsed = twir_engine::ParsedQuery::parse(&String::from_utf8_lossy(&data));
    assert!(
        parsed.understood().starts_with("\"year "),
        "{}",
        parsed.understood()
    );
}

/// A segment file whose container says format 3588: refused with "index format 3588 is
/// not supported", which did not say which file; now it does.
#[test]
fn a_segment_of_another_format_names_its_file() {
    let data = input("bundle", "a_segment_of_another_format_names_its_file");
    twir_fuzz::bundle::check(&data);
    let f = twir_fuzz::bundle::fixture();
    let mut manifest = f.manifest.clone();
    let file = &data[1..];
    manifest.segments[0].size = file.len() as u64;
    manifest.segments[0].sha256 = twir_engine::sha256_hex(file);
    let name = manifest.segments[0].name.clone();
    let err = twir_engine::Segment::parse(&manifest, &name, file).unwrap_err();
    assert_eq!(err.kind(), twir_engine::ErrorKind::FormatVersion);
    assert!(
        err.to_string()
            .starts_with(&format!("{name}: index format 3588")),
        "{err}"
    );
}

/// `year:section:"2019..2021 embedde…`: the unreadable filter's phrase kept the quote
/// that began the value, so it was shown as `"year section:"2019..2021"`, which reads
/// back as something else. A phrase now drops the quotes inside it.
#[test]
fn a_quote_inside_an_unreadable_filter_reads_back_the_same() {
    let data = input(
        "query",
        "a_quote_inside_an_unreadable_filter_reads_back_the_same",
    );
    twir_fuzz::query::check(&data);
    let understood = twir_engine::ParsedQuery::parse(&String::from_utf8_lossy(&data)).understood();
    assert!(
        understood.starts_with("\"year section: 2019..2021\""),
        "{understood}"
    );
}

/// tantivy panicked (`file_slice.rs`: `end <= orig_range.end`) opening a damaged segment
/// whose manifest entry had been made to match it. tantivy trusts its files; the engine
/// only opens bytes whose size and sha256 the manifest vouches for, so the same bytes
/// as a download are refused before tantivy sees them.
#[test]
fn a_damaged_segment_never_reaches_tantivy() {
    let data = input("bundle", "a_damaged_segment_never_reaches_tantivy");
    let f = twir_fuzz::bundle::fixture();
    for s in &f.manifest.segments {
        let err = twir_engine::Segment::parse(&f.manifest, &s.name, &data[1..]).unwrap_err();
        assert_eq!(err.kind(), twir_engine::ErrorKind::Integrity, "{err}");
        assert!(err.to_string().contains(&s.name), "{err}");
    }
    let mut checked = data.clone();
    checked[0] = 1;
    twir_fuzz::bundle::check(&checked);
}

/// An unclosed quote (`"�<BEL>confli`) made the rest of the query one word holding a
/// space: searched as a phrase, shown as words, read back as other words. The quote is
/// now dropped and what follows read as words.
#[test]
fn an_unclosed_quote_reads_back_the_same() {
    let data = input("query", "an_unclosed_quote_reads_back_the_same");
    twir_fuzz::query::check(&data);
    let parsed = twir_engine::ParsedQuery::parse(&String::from_utf8_lossy(&data));
    for part in &parsed.parts {
        if let twir_engine::QueryPart::Word { text, .. } = part {
            assert!(!text.contains(' '), "{text:?}");
        }
    }
    assert_eq!(
        twir_engine::ParsedQuery::parse("\"borrow checker").understood(),
        "borrow checker"
    );
}

/// `section:"ru walk…` with no closing quote: the quote stayed in the section name,
/// which was shown as `section:"ru` and read back as a quoted name running on into the
/// next words. A filter value's quotes are now only grouping.
#[test]
fn an_unclosed_quote_in_a_filter_value_reads_back_the_same() {
    let data = input(
        "query",
        "an_unclosed_quote_in_a_filter_value_reads_back_the_same",
    );
    twir_fuzz::query::check(&data);
    let parsed = twir_engine::ParsedQuery::parse(&String::from_utf8_lossy(&data));
    assert_eq!(
        parsed.parts[0],
        twir_engine::QueryPart::SectionName("ru".into())
    );
}

/// `tag:voooo"��…`: removing the quote from the value by a space made the tag two
/// words, `tag:voooo ��`, which read back as a tag and a word. The quote is dropped.
#[test]
fn a_quote_inside_a_tag_reads_back_the_same() {
    let data = input("query", "a_quote_inside_a_tag_reads_back_the_same");
    twir_fuzz::query::check(&data);
    let parsed = twir_engine::ParsedQuery::parse("tag:video\"s rust");
    assert_eq!(parsed.understood(), "tag:videos rust");
}

/// `"section:"`, a quoted word that looks like a filter, was shown bare (`section:`),
/// which reads back as an empty filter. Such words (`key:`, `OR`, `-x`) are now shown
/// quoted.
#[test]
fn a_quoted_word_that_looks_like_a_filter_reads_back_the_same() {
    let data = input(
        "query",
        "a_quoted_word_that_looks_like_a_filter_reads_back_the_same",
    );
    twir_fuzz::query::check(&data);
    for q in [r#""section:" rust"#, r#""OR" "-x""#] {
        assert_eq!(twir_engine::ParsedQuery::parse(q).understood(), q);
    }
}

/// `--"bo`: the word `-"bo`, excluded, was shown as `-"-"bo"`, which reads back as
/// something else. Quotes inside a word are now dropped (they are not searchable).
#[test]
fn a_quote_inside_a_word_reads_back_the_same() {
    let data = input("query", "a_quote_inside_a_word_reads_back_the_same");
    twir_fuzz::query::check(&data);
    assert_eq!(
        twir_engine::ParsedQuery::parse(&String::from_utf8_lossy(&data)).understood(),
        r#"-"-bo""#
    );
}

/// `tag:"with of … ke"`: a quoted tag of several words became one tag holding spaces,
/// shown unquoted, read back as a tag and words. Only `section:` and `author:` take
/// several words; any other such filter is read as the phrase of its words.
#[test]
fn a_tag_of_several_words_reads_back_the_same() {
    let data = input("query", "a_tag_of_several_words_reads_back_the_same");
    twir_fuzz::query::check(&data);
    for (q, understood) in [
        (r#"tag:"with of" rust"#, r#""tag with of" rust"#),
        (r#"site:"a b""#, r#""site a b""#),
        (r#"author:"Ralf Jung""#, r#"author:"Ralf Jung""#),
    ] {
        assert_eq!(twir_engine::ParsedQuery::parse(q).understood(), understood);
    }
}

/// A block quote ending in a link whose text collapses to nothing: the link's span was
/// mapped one byte past the end of the collapsed text, and reading the quote's
/// attribution sliced past it (a panic in `quote_of_the_week.rs`). Spans are now kept
/// within their block's text.
#[test]
fn a_link_with_no_text_at_the_end_of_a_quote_stays_within_it() {
    let data = input(
        "issue_markdown",
        "a_link_with_no_text_at_the_end_of_a_quote_stays_within_it",
    );
    twir_fuzz::issue_markdown::check(&data);
    let text = String::from_utf8_lossy(&data);
    let body = index_builder::markdown::parse(&text, 1);
    assert!(!body.links.is_empty());
    for l in &body.links {
        let block = &body.blocks[l.block].text;
        assert!(
            l.span.start <= l.span.end && l.span.end <= block.len(),
            "{:?} in {block:?}",
            l.span
        );
    }
}

/// `[]()` in a Crate of the Week sentence was taken for a crate with neither a name nor
/// a URL. A link to nothing names no crate.
#[test]
fn an_empty_link_is_never_a_crate() {
    let data = input("issue_markdown", "an_empty_link_is_never_a_crate");
    twir_fuzz::issue_markdown::check(&data);
    let mut out = index_builder::ingest::Ingest::default();
    let issue =
        index_builder::ingest::parse_markdown_bytes(&data, "2018-02-13-x.md", &mut out).unwrap();
    assert!(
        issue
            .crates
            .iter()
            .all(|c| !c.name.is_empty() || !c.url.is_empty()),
        "{:?}",
        issue.crates
    );
}

/// `issue:1002…` of 510 bytes: the unreadable filter is shown as a quoted phrase, 512
/// bytes and more, and reading cuts at 512: the closing quote was lost and it read back
/// as words. Parts that would be shown past the limit are now left out, and counted.
#[test]
fn a_query_shown_longer_than_it_may_be_read_is_cut_where_it_fits() {
    let data = input(
        "query",
        "a_query_shown_longer_than_it_may_be_read_is_cut_where_it_fits",
    );
    twir_fuzz::query::check(&data);
    let parsed = twir_engine::ParsedQuery::parse(&String::from_utf8_lossy(&data));
    assert!(
        parsed.understood().len() <= 512 && parsed.left_out > 0,
        "{parsed:?}"
    );
}

/// A broken Quote of the Week section (a header pasted into it, unclosed quotation
/// marks) gave a quote with an attribution and no text. A quote has words, or is none.
#[test]
fn a_quote_has_words() {
    let data = input("issue_markdown", "a_quote_has_words");
    twir_fuzz::issue_markdown::check(&data);
    let mut out = index_builder::ingest::Ingest::default();
    let issue = index_builder::ingest::parse_markdown_bytes(
        &data,
        "2018-01-02-this-week-in-rust.md",
        &mut out,
    )
    .unwrap();
    assert!(issue.quotes.len() >= 2, "{:?}", issue.quotes);
    assert!(issue.quotes.iter().all(|q| !q.text.trim().is_empty()));
}

/// A standard.site record whose tag (a link text) holds runs of white space: it was
/// found in the text with its white space collapsed, but its span took the tag's own
/// length and ran past the block's text; reading a quote's attribution then sliced past
/// it (a panic in `quote_of_the_week.rs`). The span is now the text found.
#[test]
fn a_tag_with_runs_of_spaces_is_placed_within_its_text() {
    let data = input(
        "standard_document",
        "a_tag_with_runs_of_spaces_is_placed_within_its_text",
    );
    twir_fuzz::standard_document::check(&data);
    let mut out = index_builder::ingest::Ingest::default();
    let issues = index_builder::ingest::parse_records_bytes(&data, "records/x.json", &mut out);
    assert!(!issues.is_empty(), "{:?}", out.skipped);
}
