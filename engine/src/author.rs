//! A quote author's identity: the key under which one person's quotes are counted
//! and grouped, whatever the spelling an issue used (`Kornel`, `kornel`, `@kornel`,
//! `u/kornel`, `/u/kornel`).

/// The identity key of an author: lowercase, without the `@`, `u/` and `/u/` handle
/// prefixes, white space collapsed. Empty for an empty author.
pub fn author_key(author: &str) -> String {
    let a = author.trim();
    let a = a
        .strip_prefix("/u/")
        .or_else(|| a.strip_prefix("u/"))
        .or_else(|| a.strip_prefix('@'))
        .unwrap_or(a);
    a.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::author_key;

    #[test]
    fn case_and_handle_prefixes_do_not_split_a_person() {
        for spelling in [
            "Kornel",
            "kornel",
            "@kornel",
            "u/kornel",
            "/u/Kornel",
            " kornel ",
        ] {
            assert_eq!(author_key(spelling), "kornel", "{spelling}");
        }
    }

    #[test]
    fn different_people_keep_different_keys() {
        assert_ne!(author_key("Kornel Lesiński"), author_key("Kornel"));
        assert_eq!(author_key("Ralf  Jung"), "ralf jung");
        assert_eq!(author_key(""), "");
    }
}
