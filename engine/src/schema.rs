//! The index schema: field names and options, in one place for writer and readers.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STRING,
};

use crate::tokenizer::TWIR_TOKENIZER;

/// Handles to every field of the schema.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    /// Position of the record in the bundle's display table (fast): how a hit is shown.
    pub ord: Field,
    /// [`crate::RecordKind`] code (indexed, fast).
    pub kind: Field,
    /// [`crate::SectionGroup`] code (indexed).
    pub group: Field,
    /// Issue number (indexed); a link repeated in several issues has several values.
    pub issue: Field,
    /// Year of the issue (indexed).
    pub year: Field,
    /// Date as `YYYYMMDD` (fast), for sorting by recency.
    pub date: Field,
    /// 1 for the intro and footer links repeated in every issue (indexed).
    pub boilerplate: Field,
    /// Link text, crate name, issue title: the heaviest text.
    pub title: Field,
    /// Link context, crate description, quote text, issue prose.
    pub body: Field,
    /// Quote author, suggesters.
    pub people: Field,
    /// Quote author only: the `author:` filter.
    pub author: Field,
    /// Words of the URL (host and path).
    pub url: Field,
    /// Host without `www.` (raw, indexed, fast): `site:` filter and facet.
    pub domain: Field,
    /// Tags such as `video` (raw, indexed, fast).
    pub tag: Field,
}

// Only the writer (native) builds a schema; readers resolve it with `fields_of`.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TWIR_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    // URL words are matched as words, never as phrases: no positions needed.
    let words_only = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TWIR_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let number = NumericOptions::default() | INDEXED | FAST;
    // Filter-only numbers: no fast column, which phones would download for nothing.
    let filter = NumericOptions::default() | INDEXED;
    let fields = Fields {
        ord: b.add_u64_field("ord", FAST),
        kind: b.add_u64_field("kind", number.clone()),
        group: b.add_u64_field("group", filter.clone()),
        issue: b.add_u64_field("issue", filter.clone()),
        year: b.add_u64_field("year", filter),
        date: b.add_u64_field("date", FAST),
        boilerplate: b.add_u64_field("boilerplate", INDEXED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        people: b.add_text_field("people", text.clone()),
        author: b.add_text_field("author", text.clone()),
        url: b.add_text_field("url", words_only),
        domain: b.add_text_field("domain", STRING | FAST),
        tag: b.add_text_field("tag", STRING | FAST),
    };
    (b.build(), fields)
}

/// Resolves the field handles of an opened index, checking that its schema is ours.
pub(crate) fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        ord: f("ord")?,
        kind: f("kind")?,
        group: f("group")?,
        issue: f("issue")?,
        year: f("year")?,
        date: f("date")?,
        boilerplate: f("boilerplate")?,
        title: f("title")?,
        body: f("body")?,
        people: f("people")?,
        author: f("author")?,
        url: f("url")?,
        domain: f("domain")?,
        tag: f("tag")?,
    })
}
