//! Target 3: any text typed into the search box, searched over the sample index, and
//! every answer checked: facets add up to the total, no hit fails the query's filters,
//! the page is as long as it should be and in order, match ranges fall on character
//! boundaries of their text, and the query as understood reads back the same.

use twir_engine::{Hit, ParsedQuery, QueryPart, RecordKind, SearchRequest, SearchResults, Sort};

pub fn check(data: &[u8]) {
    let request = request(data);
    let engine = crate::sample::engine();
    let r = engine
        .search(&request)
        .unwrap_or_else(|e| panic!("{:?}: {e}", request.query));
    let parsed = ParsedQuery::parse(&request.query);
    let wanted = r.total.saturating_sub(request.offset).min(request.limit);
    assert_eq!(r.hits.len(), wanted, "{:?}: page", request.query);
    if request.facets {
        facets_add_up(&r);
    }
    for h in &r.hits {
        ranges_on_boundaries(h);
        passes_filters(h, &parsed, engine);
    }
    in_order(&r.hits, request.sort);
    let again = ParsedQuery::parse(&r.understood).understood();
    assert_eq!(
        again, r.understood,
        "{:?} reads back differently",
        request.query
    );
}

/// The whole input is the query, so seeds are plain text; the rest of the request
/// (sort, page, facets, boilerplate) is drawn from its bytes.
fn request(data: &[u8]) -> SearchRequest {
    let h = data
        .iter()
        .fold(0usize, |h, &b| h.wrapping_mul(31).wrapping_add(b as usize));
    SearchRequest {
        sort: [Sort::Relevance, Sort::Newest, Sort::Oldest][h % 3],
        offset: [0, 0, 3, 20][(h / 3) % 4],
        limit: [20, 1, 5, 50][(h / 12) % 4],
        facets: (h / 48) % 4 != 0,
        include_boilerplate: (h / 192) % 4 == 0,
        ..SearchRequest::new(String::from_utf8_lossy(data))
    }
}

fn facets_add_up(r: &SearchResults) {
    for (facet, counts) in r.facets.iter() {
        let sum: usize = counts.iter().map(|c| c.count).sum();
        assert_eq!(sum, r.total, "{:?}: facet {facet:?}", r.understood);
    }
}

fn ranges_on_boundaries(h: &Hit) {
    for (text, ranges) in [(&h.title, &h.title_matches), (&h.body, &h.body_matches)] {
        for r in ranges.iter() {
            assert!(
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end),
                "{r:?} in {text:?}"
            );
        }
    }
}

/// The filters, checked from what the hit shows: the query language's promises.
fn passes_filters(h: &Hit, parsed: &ParsedQuery, engine: &twir_engine::Engine) {
    let mut kinds = Vec::new();
    let mut years = Vec::new();
    let mut issues = Vec::new();
    let mut sites = Vec::new();
    let mut tags = Vec::new();
    let mut groups = Vec::new();
    let mut author = false;
    for part in &parsed.parts {
        match part {
            QueryPart::Kind(k) => kinds.push(*k),
            QueryPart::Year(r) => years.push(r.clone()),
            QueryPart::IssueNumber(r) => issues.push(r.clone()),
            QueryPart::Site(s) => sites.push(s.to_ascii_lowercase()),
            QueryPart::Tag(t) => tags.push(t.clone()),
            QueryPart::Section(g) => groups.push(*g),
            QueryPart::Author(_) => author = true,
            _ => {}
        }
    }
    let q = &parsed;
    assert!(kinds.is_empty() || kinds.contains(&h.kind), "{q:?}: {h:?}");
    assert!(
        issues.is_empty()
            || h.issues
                .iter()
                .any(|n| issues.iter().any(|r| r.contains(n))),
        "{q:?}: issues {:?}",
        h.issues
    );
    let year_of = |n: &u32| {
        engine
            .issue(*n)
            .and_then(|i| i.date.get(..4)?.parse::<u32>().ok())
    };
    assert!(
        years.is_empty()
            || h.issues
                .iter()
                .filter_map(year_of)
                .any(|y| years.iter().any(|r| r.contains(&y))),
        "{q:?}: issues {:?}",
        h.issues
    );
    let domain = h.domain.to_ascii_lowercase();
    assert!(
        sites.is_empty()
            || sites
                .iter()
                .any(|s| domain == *s || domain.ends_with(&format!(".{s}"))),
        "{q:?}: domain {domain:?}"
    );
    assert!(
        tags.is_empty() || h.tags.iter().any(|t| tags.contains(t)),
        "{q:?}: tags {:?}",
        h.tags
    );
    assert!(
        groups.is_empty() || groups.contains(&h.group),
        "{q:?}: group {:?}",
        h.group
    );
    assert!(
        !author || h.kind == RecordKind::Quote,
        "{q:?}: {:?}",
        h.kind
    );
}

/// Newest and oldest order by the date shown.
fn in_order(hits: &[Hit], sort: Sort) {
    for pair in hits.windows(2) {
        let (a, b) = (&pair[0].date, &pair[1].date);
        match sort {
            Sort::Newest => assert!(a >= b, "newest: {a} before {b}"),
            Sort::Oldest => assert!(a <= b, "oldest: {a} before {b}"),
            Sort::Relevance => {}
        }
    }
}
