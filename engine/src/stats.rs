//! Ranking statistics while only some segments are loaded.
//!
//! BM25 weighs a word by how rare it is in the whole index and a text by its length
//! against the average. With half the archive loaded, tantivy's own statistics would be
//! half the archive's, and every score would move when the rest arrives. The manifest
//! carries the whole index's document and token counts; a word's document frequency is
//! what the loaded segments count, scaled to the whole index. With every segment loaded
//! the engine uses tantivy's own statistics, which are then exactly the whole index's.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, Schema};
use tantivy::{Searcher, Term};

use crate::IndexStats;

pub(crate) struct PartialStats<'a> {
    pub searcher: &'a Searcher,
    pub schema: &'a Schema,
    pub whole: &'a IndexStats,
    /// Documents in the loaded segments.
    pub loaded_docs: u64,
}

impl Bm25StatisticsProvider for PartialStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.whole.tokens.get(self.schema.get_field_name(field)) {
            Some(&n) => Ok(n),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.whole.docs.max(self.loaded_docs))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let loaded = self.searcher.doc_freq(term)?;
        if self.loaded_docs == 0 {
            return Ok(loaded);
        }
        let whole = self.total_num_docs()?;
        let scaled = (loaded as u128 * whole as u128 / self.loaded_docs as u128) as u64;
        Ok(scaled.clamp(loaded, whole))
    }
}
