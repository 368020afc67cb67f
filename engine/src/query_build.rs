//! A parsed query as a tantivy query: words (typo-tolerant when rare, a prefix for the
//! word being typed) over the four text fields with their weights, phrases, `OR`s and
//! negations, and the filters and phrase checks run per document inside it.

use std::sync::Arc;

use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, SegmentReader, Term};

use crate::filter::Filter;
use crate::query::{ParsedQuery, QueryPart};
use crate::search::base_of;
use crate::table::Entry;
use crate::typos::Typos;
use crate::Engine;

impl Engine {
    pub(crate) fn build_query(
        &self,
        parsed: &ParsedQuery,
        include_boilerplate: bool,
        typos: &mut Typos,
    ) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let last_word = parsed
            .parts
            .iter()
            .rposition(|p| matches!(p, QueryPart::Word { negated: false, .. }));
        let occur = |negated: bool| if negated { Occur::MustNot } else { Occur::Must };
        for (i, part) in parsed.parts.iter().enumerate() {
            let prefix = parsed.typing && Some(i) == last_word && i + 1 == parsed.parts.len();
            match part {
                QueryPart::Word { text, negated } => {
                    if let Some(q) = self.text_query(text, prefix, typos) {
                        clauses.push((occur(*negated), q));
                    }
                }
                QueryPart::Phrase { text, negated } => {
                    if let Some(q) = self.phrase_query(text) {
                        clauses.push((occur(*negated), q));
                    }
                }
                QueryPart::Or(alts) => {
                    let alts: Vec<(Occur, Box<dyn Query>)> = alts
                        .iter()
                        .filter_map(|a| match a {
                            QueryPart::Word { text, .. } => self.text_query(text, false, typos),
                            QueryPart::Phrase { text, .. } => self.phrase_query(text),
                            _ => None,
                        })
                        .map(|q| (Occur::Should, q))
                        .collect();
                    if !alts.is_empty() {
                        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
                    }
                }
                // Filters are checked together below.
                _ => {}
            }
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            // Words were typed but all were stop words: nothing to look for, rather
            // than everything.
            let wanted_words = parsed.parts.iter().any(|p| {
                matches!(
                    p,
                    QueryPart::Word { negated: false, .. }
                        | QueryPart::Phrase { negated: false, .. }
                        | QueryPart::Or(_)
                )
            });
            if wanted_words {
                return Box::new(EmptyQuery);
            }
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let filter = Filter::new(parsed, include_boilerplate, &self.columns);
        if !filter.keeps_all() {
            let (filter, columns) = (Arc::new(filter), self.columns.clone());
            clauses.push((
                Occur::Must,
                self.check(move |doc, entry| filter.keep(doc, entry, &columns)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// A query that matches the documents whose table entry passes `keep`, adding
    /// nothing to the score: combined with `Must`, it only narrows.
    fn check(
        &self,
        keep: impl Fn(usize, &Entry) -> bool + Send + Sync + 'static,
    ) -> Box<dyn Query> {
        let (table, bases) = (self.table.clone(), self.bases.clone());
        let keep = Arc::new(keep);
        let predicate = FunctionPredicate::from(move |segment: &SegmentReader| {
            let base = base_of(&bases, segment) as usize;
            let (part, keep) = (table.part_from(base).cloned(), keep.clone());
            Ok(move |doc: DocId| {
                let entry = part.as_ref().and_then(|p| p.get(doc as usize));
                entry.is_some_and(|e| keep(base + doc as usize, e))
            })
        });
        Box::new(BoostQuery::new(
            Box::new(DocPredicateQuery::from(predicate)),
            0.0,
        ))
    }

    /// One typed word: exact in any text field, weighted by field; then, ranked below,
    /// typo-tolerant (while `typos` lasts) and (for the word being typed) prefix matches.
    /// A word the analyser splits (`tokio::spawn`, `async-std`) must match as a phrase.
    fn text_query(&self, word: &str, prefix: bool, typos: &mut Typos) -> Option<Box<dyn Query>> {
        let words = crate::phrase::words(word);
        if words.len() > 1 {
            return self.phrase_query(word);
        }
        let token = words.into_iter().next()?;
        // A stop word is not in the index: it only counts while typed, as a prefix.
        let stop_word = crate::tokenizer::tokens(word).is_empty();
        if stop_word && !prefix {
            return None;
        }
        let fields = self.text_fields();
        let terms = fields.map(|(field, _)| Term::from_field_text(field, &token));
        // Typos: one letter in a word of 5 to 8, two in a longer one, for a rare word
        // while the query has typo-tolerant words left (`Typos`).
        let distance = match token.chars().count() {
            _ if stop_word => 0,
            0..=4 => 0,
            5..=8 => 1,
            _ => 2,
        };
        let distance = if distance > 0 && typos.allow(&terms) {
            distance
        } else {
            0
        };
        let boosted = |query: Box<dyn Query>, weight: f32| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(BoostQuery::new(query, weight)))
        };
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, (_, weight)) in terms.into_iter().zip(fields) {
            if prefix {
                let query = FuzzyTermQuery::new_prefix(term.clone(), 0, true);
                should.push(boosted(Box::new(query), 0.3 * weight));
            }
            if stop_word {
                continue;
            }
            if distance > 0 {
                let query = FuzzyTermQuery::new(term.clone(), distance, true);
                should.push(boosted(Box::new(query), 0.2 * weight));
            }
            let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            should.push(boosted(Box::new(query), weight));
        }
        Some(Box::new(BooleanQuery::new(should)))
    }

    /// Every indexed word of the phrase, exactly, in any text field; then all its words
    /// (stop words too) must stand together in one of the record's texts (phrase.rs:
    /// the index has no positions and no stop words).
    fn phrase_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let words = crate::phrase::words(text);
        if words.is_empty() {
            return None;
        }
        let indexed: Vec<String> = crate::tokenizer::tokens(text)
            .into_iter()
            .map(|t| t.0)
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = indexed
            .iter()
            .map(|word| {
                let alts: Vec<(Occur, Box<dyn Query>)> = self
                    .text_fields()
                    .into_iter()
                    .map(|(field, weight)| {
                        let term = TermQuery::new(
                            Term::from_field_text(field, word),
                            IndexRecordOption::WithFreqs,
                        );
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(term), weight)) as Box<dyn Query>,
                        )
                    })
                    .collect();
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(alts)) as Box<dyn Query>,
                )
            })
            .collect();
        if words.len() > 1 || indexed.is_empty() {
            // A phrase of stop words only ("to be or not to be") reads every record.
            if indexed.is_empty() {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            clauses.push((
                Occur::Must,
                self.check(move |_, entry| crate::phrase::record_has_phrase(&entry.record, &words)),
            ));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Names and titles above people, above context, above URL words.
    fn text_fields(&self) -> [(Field, f32); 4] {
        let f = &self.fields;
        [(f.title, 3.0), (f.people, 2.0), (f.body, 1.0), (f.url, 0.5)]
    }
}
