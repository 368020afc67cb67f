//! Exact phrases, checked against the display table.
//!
//! The index keeps no positions (they were 0.45 MB of what phones download): a phrase
//! query finds the documents that have all its words, and this check keeps those where
//! the words stand one after another in one of the record's texts, tokenised exactly as
//! the index was.

use crate::Record;

/// The texts of `record` a phrase can stand in; a phrase never spans two of them.
fn texts(record: &Record) -> Vec<&str> {
    match record {
        Record::Issue(i) => vec![&i.title, &i.text],
        Record::Link(l) => vec![&l.text, &l.context],
        Record::Crate(c) => {
            let mut v = vec![c.name.as_str(), &c.description];
            v.extend(c.suggested_by.iter().map(String::as_str));
            v
        }
        Record::Quote(q) => {
            let mut v = vec![q.text.as_str(), &q.author];
            v.extend(q.suggested_by.iter().map(String::as_str));
            v
        }
    }
}

/// True when the analysed `words` occur one after another in one of `record`'s texts.
pub(crate) fn record_has_phrase(record: &Record, words: &[String]) -> bool {
    texts(record).into_iter().any(|t| text_has_phrase(t, words))
}

/// The words of a phrase as [`text_has_phrase`] compares them (stop words included).
pub(crate) fn words(phrase: &str) -> Vec<String> {
    crate::tokenizer::all_tokens(phrase)
}

/// True when `words` (from [`words`]) occur one after another in `text`.
pub(crate) fn text_has_phrase(text: &str, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    crate::tokenizer::all_tokens(text)
        .windows(words.len())
        .any(|w| w == words)
}

#[cfg(test)]
mod tests {
    // The real `words`, with its stop words: a helper of its own here once dropped
    // them, and the stop-word cases below then tested nothing.
    use super::*;

    #[test]
    fn words_must_stand_together_in_order() {
        let text = "Announcing tokio::spawn for Box<dyn Error> users";
        assert!(text_has_phrase(text, &words("tokio::spawn")));
        assert!(text_has_phrase(text, &words("box dyn error")));
        assert!(!text_has_phrase(text, &words("spawn tokio")));
        assert!(!text_has_phrase(text, &words("announcing for")));
        assert!(text_has_phrase("Café Rust", &words("cafe rust")));
        // Stop words are not in the index, but a phrase still needs them.
        assert_eq!(words("the rust book"), ["the", "rust", "book"]);
        assert!(text_has_phrase("The Rust Book", &words("the rust book")));
        assert!(!text_has_phrase("Rust the Book", &words("the rust book")));
        assert!(!text_has_phrase("The Rust Book", &words("a rust book")));
    }
}
