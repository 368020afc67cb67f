//! Facet clicks edit the query text itself, so typed `kind:`/`site:`/`year:` filters and
//! clicked ones are the same thing and stay in step.

/// The filter token a facet value stands for, e.g. `kind:crate`, `site:github.com`.
pub fn token(facet: &str, value: &str) -> String {
    let key = match facet {
        "domain" => "site",
        other => other,
    };
    format!("{key}:{value}")
}

/// True when `query` already has `token` as one of its words.
pub fn has(query: &str, token: &str) -> bool {
    query
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case(token))
}

/// Adds `token` to `query`, or takes it out when it is there.
pub fn toggle(query: &str, token: &str) -> String {
    if has(query, token) {
        query
            .split_whitespace()
            .filter(|w| !w.eq_ignore_ascii_case(token))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        let q = query.trim_end();
        if q.is_empty() {
            format!("{token} ")
        } else {
            format!("{q} {token} ")
        }
    }
}

/// The filter tokens in `query`, shown as removable chips.
pub fn active(query: &str) -> Vec<String> {
    const KEYS: [&str; 7] = [
        "kind:", "section:", "site:", "year:", "issue:", "author:", "tag:",
    ];
    query
        .split_whitespace()
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            KEYS.iter()
                .any(|k| lower.starts_with(k) && lower.len() > k.len())
        })
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_adds_and_removes_the_token() {
        let q = toggle("parser", "kind:crate");
        assert_eq!(q, "parser kind:crate ");
        assert!(has(&q, "kind:crate"));
        assert_eq!(toggle(&q, "kind:crate"), "parser");
        assert_eq!(
            toggle("", &token("domain", "github.com")),
            "site:github.com "
        );
        assert_eq!(
            active("tokio year:2019 kind:crate site:"),
            vec!["year:2019", "kind:crate"]
        );
    }
}
