//! The text analyser shared by the writer and every reader: both must tokenise alike or
//! queries silently miss.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer, TokenStream, TokenizerManager,
};

/// The name under which the analyser is registered in the index's tokenizer manager.
pub(crate) const TWIR_TOKENIZER: &str = "twir";

/// English words too common to find anything with, left out of the index: their
/// postings were 80 KB of the download. Rust keywords (`for`, `in`, `as`, `if`, `use`,
/// `type`, `where`, ...) stay searchable. Phrases still match them exactly: the phrase
/// check reads the stored text with [`all_tokens`].
const STOP_WORDS: [&str; 36] = [
    "a", "about", "an", "and", "are", "at", "be", "by", "can", "from", "has", "have", "how", "i",
    "is", "it", "its", "my", "not", "of", "on", "or", "our", "that", "the", "this", "to", "was",
    "we", "what", "why", "will", "with", "you", "your", "into",
];

/// Words of this many bytes or more (hashes, base64) are dropped.
pub(crate) const LONGEST_WORD: usize = 40;

/// Words are runs of letters and digits, lower-cased and folded to ASCII
/// (`Café` finds `cafe`); words of [`LONGEST_WORD`] bytes or more are dropped.
fn words_analyzer() -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// What the index stores: the words without the stop words.
pub(crate) fn analyzer() -> TextAnalyzer {
    words_analyzer()
        .filter(StopWordFilter::remove(STOP_WORDS.map(String::from)))
        .build()
}

pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(TWIR_TOKENIZER, analyzer());
}

thread_local! {
    /// Built once: `tokens` runs per query word and twice per shown hit, on every keystroke.
    static ANALYZER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(analyzer());
    static ALL_WORDS: std::cell::RefCell<TextAnalyzer> =
        std::cell::RefCell::new(words_analyzer().build());
}

/// The tokens of `text` as the index sees them, with their byte ranges in `text`.
pub(crate) fn tokens(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    ANALYZER.with_borrow_mut(|analyzer| run(analyzer, text))
}

/// Every word of `text`, stop words included: for checking phrases.
pub(crate) fn all_tokens(text: &str) -> Vec<String> {
    ALL_WORDS.with_borrow_mut(|analyzer| run(analyzer, text).into_iter().map(|t| t.0).collect())
}

fn run(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push((t.text.clone(), t.offset_from..t.offset_to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_text_splits_into_findable_parts() {
        let words = |s: &str| tokens(s).into_iter().map(|t| t.0).collect::<Vec<_>>();
        assert_eq!(words("tokio::spawn"), ["tokio", "spawn"]);
        assert_eq!(words("Box<dyn Error>"), ["box", "dyn", "error"]);
        assert_eq!(words("#[derive(Debug)]"), ["derive", "debug"]);
        assert_eq!(
            words("Rust 1.0 for the Café"),
            ["rust", "1", "0", "for", "cafe"]
        );
        assert_eq!(all_tokens("The Rust Book"), ["the", "rust", "book"]);
    }
}
