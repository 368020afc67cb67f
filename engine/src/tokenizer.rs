//! The text analyser shared by the writer and every reader: both must tokenise alike or
//! queries silently miss.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
    TokenizerManager,
};

/// The name under which the analyser is registered in the index's tokenizer manager.
pub(crate) const TWIR_TOKENIZER: &str = "twir";

/// Words are runs of letters and digits, lower-cased and folded to ASCII
/// (`Café` finds `cafe`); tokens longer than 40 bytes (hashes, base64) are dropped.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(TWIR_TOKENIZER, analyzer());
}

thread_local! {
    /// Built once: `tokens` runs per query word and twice per shown hit, on every keystroke.
    static ANALYZER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(analyzer());
}

/// The tokens of `text`, as the index sees them, with their byte ranges in `text`.
pub(crate) fn tokens(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    ANALYZER.with_borrow_mut(|analyzer| {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from..t.offset_to));
        }
        out
    })
}
