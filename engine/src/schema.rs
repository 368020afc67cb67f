//! The index schema: field names and options, in one place for writer and readers.
//!
//! The index holds words only, with their frequencies and no positions: phrases are
//! checked against the display table (`phrase.rs`), and filters, sorting and facets
//! read per-document columns built from that table at open (`columns.rs`). Positions,
//! fast columns and filter terms were 1.1 MB of the 3.65 MB a phone downloaded.
//!
//! Document `n` of the single segment is entry `n` of the display table: the writer
//! adds them in table order and the engine checks the counts agree when it opens.

use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};

use crate::tokenizer::TWIR_TOKENIZER;

/// Handles to every field of the schema.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    /// Link text, crate name, issue title: the heaviest text.
    pub title: Field,
    /// Link context, crate description, quote text, issue prose.
    pub body: Field,
    /// Quote author, suggesters.
    pub people: Field,
    /// Words of the URL (host and path) not already in the title.
    pub url: Field,
}

// Only the writer (native) builds a schema; readers resolve it with `fields_of`.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexing = |option| {
        TextFieldIndexing::default()
            .set_tokenizer(TWIR_TOKENIZER)
            .set_index_option(option)
    };
    // Term frequencies only where texts are long enough for them to mean something:
    // a word is in a link text or a name once, and each frequency costs a byte per
    // posting in short lists.
    let counted =
        TextOptions::default().set_indexing_options(indexing(IndexRecordOption::WithFreqs));
    let present = TextOptions::default().set_indexing_options(indexing(IndexRecordOption::Basic));
    // URL words and names rank evenly: their length does not matter.
    let unnormed = TextOptions::default()
        .set_indexing_options(indexing(IndexRecordOption::Basic).set_fieldnorms(false));
    let fields = Fields {
        title: b.add_text_field("title", present),
        body: b.add_text_field("body", counted),
        people: b.add_text_field("people", unnormed.clone()),
        url: b.add_text_field("url", unnormed),
    };
    (b.build(), fields)
}

/// Resolves the field handles of an opened index, checking that its schema is ours.
pub(crate) fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        title: f("title")?,
        body: f("body")?,
        people: f("people")?,
        url: f("url")?,
    })
}
