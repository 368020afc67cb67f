//! Facet clicks edit the query text itself, so typed `kind:`/`site:`/`year:` filters and
//! clicked ones are the same thing and stay in step. A filter is the engine's
//! [`QueryPart`] (a facet value's [`twir_engine::FacetValue::filter`]); the query is read
//! by the engine's parser, never split here a second time.

use twir_engine::{ParsedQuery, QueryPart};

/// The filter parts of `query`: read once per change of the query, and compared with
/// each facet button's part, rather than parsing the query per button.
pub fn filter_parts(query: &str) -> Vec<QueryPart> {
    ParsedQuery::parse(query)
        .parts
        .into_iter()
        .filter(QueryPart::is_filter)
        .collect()
}

/// Adds the filter `part` to `query`, or takes it out when it is there, however it was
/// typed (`Kind:Crates` is `kind:crate`). Taking out goes through the engine's reading
/// of the query, so a quoted value (`author:"Ralf Jung"`) or a phrase is removed or
/// kept whole.
pub fn toggle(query: &str, part: &QueryPart) -> String {
    let parsed = ParsedQuery::parse(query);
    if parsed.parts.contains(part) {
        return parsed.retain(|_, p| p != part);
    }
    // A word still being typed (no space after it) also matches as a prefix, and only
    // while it is last: the filter goes in front, so the results are the ones the facet
    // counted, filtered. After a space it goes at the end.
    if query.trim().is_empty() {
        format!("{part} ")
    } else if query.ends_with(char::is_whitespace) {
        format!("{}{part} ", query.trim_start())
    } else {
        format!("{part} {}", query.trim_start())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_engine::{FacetValue, RecordKind};

    fn part(value: FacetValue) -> QueryPart {
        value.filter().unwrap()
    }

    #[test]
    fn toggling_adds_and_removes_the_filter() {
        let crates = part(FacetValue::Kind(RecordKind::Crate));
        let q = toggle("parser ", &crates);
        assert_eq!(q, "parser kind:crate ");
        assert!(filter_parts(&q).contains(&crates));
        assert_eq!(toggle(&q, &crates), "parser");
        // Typed another way, it is still the same filter.
        assert_eq!(toggle("Kind:Crates parser", &crates), "parser");
        // While `pars` is being typed it stays last, and still matches as a prefix.
        assert_eq!(toggle("pars", &crates), "kind:crate pars");
        assert_eq!(
            toggle("", &part(FacetValue::Site("github.com".into()))),
            "site:github.com "
        );
        let texts: Vec<String> = filter_parts("tokio year:2019 kind:crate site:")
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(texts, vec!["year:2019", "kind:crate"]);
    }

    #[test]
    fn a_quoted_filter_is_one_chip_and_goes_whole() {
        let q = r#"author:"Ralf Jung""#;
        let chips = filter_parts(q);
        assert_eq!(chips.len(), 1);
        assert_eq!(chips[0].to_string(), q);
        assert_eq!(toggle(q, &chips[0]), "");
        assert_eq!(
            toggle(r#"miri author:"Ralf Jung" "stacked borrows""#, &chips[0]),
            r#"miri "stacked borrows""#
        );
    }
}
