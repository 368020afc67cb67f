//! Exact phrases, checked against the display table.
//!
//! The index keeps no positions (they were 0.45 MB of what phones download): a phrase
//! query finds the documents that have all its words, and this check keeps those where
//! the words stand one after another in one of the record's texts, tokenised exactly as
//! the index was.

use crate::query::MAX_WORDS;
use crate::tokenizer::LONGEST_WORD;
use crate::Record;

/// True when the analysed `words` occur one after another in one of `record`'s texts;
/// a phrase never spans two of them.
pub(crate) fn record_has_phrase(record: &Record, words: &[String]) -> bool {
    let has = |t: &str| text_has_phrase(t, words);
    let any = |texts: &[String]| texts.iter().any(|t| has(t));
    match record {
        Record::Issue(i) => has(&i.title) || has(&i.text),
        Record::Link(l) => has(&l.text) || has(&l.context),
        Record::Crate(c) => has(&c.name) || has(&c.description) || any(&c.suggested_by),
        Record::Quote(q) => has(&q.text) || has(&q.author) || any(&q.suggested_by),
    }
}

/// The words of a phrase as [`text_has_phrase`] compares them (stop words included).
pub(crate) fn words(phrase: &str) -> Vec<String> {
    crate::tokenizer::all_tokens(phrase)
}

/// True when `words` (from [`words`]) occur one after another in `text`.
///
/// A phrase of stop words ("to be or not to be") is checked against every record, and
/// running the analyser over each (a `String` per word) took 140 ms of such a query; so
/// the words are found in place, as the analyser finds them: runs of letters and digits,
/// those of [`LONGEST_WORD`] bytes or more dropped. An ASCII word is compared ignoring
/// case; only a word with other letters goes through the analyser, for its lower case
/// and ASCII folding. `matches_the_analyser` (below) holds it to the analyser's answers.
pub(crate) fn text_has_phrase(text: &str, words: &[String]) -> bool {
    let n = words.len();
    if n == 0 {
        return true;
    }
    // The last `n` words seen, as byte ranges of `text`, in a ring: `seen` counts them
    // all, the oldest of the window is at `seen % n`. On the stack for any phrase a
    // query can hold (this runs once per text of every candidate record).
    let mut on_stack = [(0usize, 0usize); MAX_WORDS];
    let mut on_heap = Vec::new();
    let window: &mut [(usize, usize)] = if n <= MAX_WORDS {
        &mut on_stack[..n]
    } else {
        on_heap.resize(n, (0, 0));
        &mut on_heap
    };
    let mut seen = 0usize;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let (alphanumeric, len) = char_at(text, at);
        if !alphanumeric {
            at += len;
            continue;
        }
        let start = at;
        at += len;
        while at < bytes.len() {
            let (alphanumeric, len) = char_at(text, at);
            if !alphanumeric {
                break;
            }
            at += len;
        }
        let end = at;
        if end - start >= LONGEST_WORD {
            continue;
        }
        window[seen % n] = (start, end);
        seen += 1;
        // The newest word first: it is the one that usually differs.
        if seen >= n
            && same_word(&text[start..end], &words[n - 1])
            && (0..n - 1).all(|k| {
                let (start, end) = window[(seen + k) % n];
                same_word(&text[start..end], &words[k])
            })
        {
            return true;
        }
    }
    false
}

/// Whether the character at byte `at` of `text` is a letter or digit, and its length:
/// ASCII, most of the archive, without decoding.
#[inline]
fn char_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let c = text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c.is_alphanumeric(), c.len_utf8())
}

/// True when the analyser turns `run` (one run of letters and digits) into `word`.
fn same_word(run: &str, word: &str) -> bool {
    if run.eq_ignore_ascii_case(word) {
        return true;
    }
    if run.is_ascii() {
        return false;
    }
    crate::tokenizer::all_tokens(run) == [word]
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

    #[test]
    fn matches_the_analyser() {
        let long = "x".repeat(40);
        let shorter = "y".repeat(39);
        let texts = [
            "To be, or not to be: that is the question.".to_string(),
            "to  be\tor\nnot--to_be".to_string(),
            format!("rust {long} book"),
            format!("rust {shorter} book"),
            "Rust1.0 is out; RUST 2018 too".to_string(),
            "".to_string(),
            "a a a b".to_string(),
            "Café Rust — l’été, ÉTÉ naïve".to_string(),
            format!("rust {} book", "é".repeat(20)),
            format!("rust {} book", "é".repeat(19)),
            // Letters whose lower case or folding changes their length.
            "İstanbul ⒇ ﬁle Straße".to_string(),
        ];
        let phrases = [
            "to be or not to be",
            "rust book",
            "rust 1 0",
            "rust 2018 too",
            "a a b",
            "be that",
            "question",
            "cafe rust",
            "l ete ete naive",
            "ete naive",
            "İstanbul ⒇ ﬁle",
            "⒇ file strasse",
        ];
        let mut found = 0;
        for text in &texts {
            for phrase in phrases {
                let words = words(phrase);
                let analysed = crate::tokenizer::all_tokens(text)
                    .windows(words.len())
                    .any(|w| w == words.as_slice());
                assert_eq!(
                    text_has_phrase(text, &words),
                    analysed,
                    "{phrase:?} in {text:?}"
                );
                found += usize::from(analysed);
            }
        }
        // The cases above must hold both answers, or they compare nothing.
        assert!(found >= 6 && found < texts.len() * phrases.len(), "{found}");
    }
}
