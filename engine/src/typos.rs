//! Which words of a query forgive typos: rare ones, and at most [`MAX_TYPO_WORDS`] of
//! them, since each walks the word list of every field of every segment.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::Term;

use crate::query::MAX_TYPO_WORDS;

/// A word forgives typos only when fewer records than this have it exactly: a word the
/// archive is full of is taken as spelled (`serde`, `const`), and its typo neighbours
/// are mostly other real words (`cost`, `consts`), noise in the count and the facets.
/// Typesense does the same (`typo_tokens_threshold`). It also spares the common words,
/// most of what people type, the walk through every word list that typo tolerance costs.
pub const TYPOS_BELOW_RECORDS: u64 = 20;

/// Which words of one query forgive typos, and how many went without past
/// [`MAX_TYPO_WORDS`].
pub(crate) struct Typos<'a> {
    /// The whole index's statistics (estimated from the loaded segments while others
    /// are missing, as for ranking).
    stats: &'a dyn Bm25StatisticsProvider,
    used: usize,
    /// Words that would have forgiven typos but came past the limit.
    pub(crate) cut: usize,
}

impl<'a> Typos<'a> {
    pub(crate) fn new(stats: &'a dyn Bm25StatisticsProvider) -> Typos<'a> {
        Typos {
            stats,
            used: 0,
            cut: 0,
        }
    }

    /// True when the word whose exact `terms` (one per text field) are given may match
    /// with typos: it is rare ([`TYPOS_BELOW_RECORDS`]) and the query has some left.
    pub(crate) fn allow(&mut self, terms: &[Term; 4]) -> bool {
        let records: u64 = terms
            .iter()
            .map(|t| self.stats.doc_freq(t).unwrap_or(0))
            .sum();
        if records >= TYPOS_BELOW_RECORDS {
            return false;
        }
        if self.used < MAX_TYPO_WORDS {
            self.used += 1;
            true
        } else {
            self.cut += 1;
            false
        }
    }
}
