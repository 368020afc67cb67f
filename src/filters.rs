//! Facet clicks edit the query text itself, so typed `kind:`/`site:`/`year:` filters and
//! clicked ones are the same thing and stay in step. The query is read by the engine's
//! parser, never split here a second time.

use twir_engine::{ParsedQuery, QueryPart};

/// The filter token a facet value stands for, e.g. `kind:crate`, `site:github.com`.
pub fn token(facet: &str, value: &str) -> String {
    let key = match facet {
        "domain" => "site",
        other => other,
    };
    format!("{key}:{value}")
}

/// The one part a filter token stands for, as the engine reads it.
pub fn part_of(token: &str) -> Option<QueryPart> {
    match ParsedQuery::parse(token).parts.as_slice() {
        [part] if part.is_filter() => Some(part.clone()),
        _ => None,
    }
}

/// The filter parts of `query`: read once per change of the query, and compared with
/// each facet button's [`part_of`] its token, rather than parsing the query per button.
pub fn filter_parts(query: &str) -> Vec<QueryPart> {
    ParsedQuery::parse(query)
        .parts
        .into_iter()
        .filter(QueryPart::is_filter)
        .collect()
}

/// True when `query` already has the filter `token`, however it was typed
/// (`Kind:Crates` is `kind:crate`).
pub fn has(query: &str, token: &str) -> bool {
    part_of(token).is_some_and(|part| ParsedQuery::parse(query).parts.contains(&part))
}

/// Adds `token` to `query`, or takes it out when it is there. Taking out goes through
/// the engine's reading of the query, so a quoted value (`author:"Ralf Jung"`) or a
/// phrase is removed or kept whole.
pub fn toggle(query: &str, token: &str) -> String {
    match part_of(token).filter(|_| has(query, token)) {
        Some(part) => ParsedQuery::parse(query).retain(|_, p| *p != part),
        // A word still being typed (no space after it) also matches as a prefix, and
        // only while it is last: the filter goes in front, so the results are the ones
        // the facet counted, filtered. After a space it goes at the end.
        None if query.trim().is_empty() => format!("{token} "),
        None if query.ends_with(char::is_whitespace) => format!("{}{token} ", query.trim_start()),
        None => format!("{token} {}", query.trim_start()),
    }
}

/// The filters in `query`, as the engine reads them, shown as removable chips.
pub fn active(query: &str) -> Vec<String> {
    filter_parts(query).iter().map(|p| p.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_adds_and_removes_the_token() {
        let q = toggle("parser ", "kind:crate");
        assert_eq!(q, "parser kind:crate ");
        assert!(has(&q, "kind:crate"));
        assert_eq!(toggle(&q, "kind:crate"), "parser");
        // While `pars` is being typed it stays last, and still matches as a prefix.
        assert_eq!(toggle("pars", "kind:crate"), "kind:crate pars");
        assert_eq!(
            toggle("", &token("domain", "github.com")),
            "site:github.com "
        );
        assert_eq!(
            active("tokio year:2019 kind:crate site:"),
            vec!["year:2019", "kind:crate"]
        );
    }

    #[test]
    fn a_quoted_filter_is_one_chip_and_goes_whole() {
        let q = r#"author:"Ralf Jung""#;
        assert_eq!(active(q), vec![r#"author:"Ralf Jung""#]);
        assert_eq!(toggle(q, &active(q)[0]), "");
        assert_eq!(
            toggle(
                r#"miri author:"Ralf Jung" "stacked borrows""#,
                r#"author:"Ralf Jung""#
            ),
            r#"miri "stacked borrows""#
        );
    }
}
