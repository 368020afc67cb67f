//! Opening the loaded segments and answering queries: the same code in the browser and natively.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur,
    Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, IndexReader, ReloadPolicy, SegmentReader, Term};

use crate::answer::{Hit, IssueSummary, SearchRequest, SearchResults, Sort};
use crate::columns::{group_of, Columns};
use crate::facets::{DocIdCollector, FacetIndex};
use crate::filter::Filter;
use crate::query::MAX_TYPO_WORDS;
use crate::query::{ParsedQuery, QueryPart};
use crate::schema::{self, Fields};
use crate::segments::Segment;
use crate::table::{Entry, Table};
use crate::{Error, ErrorKind, Issue, Manifest, Record, RecordKind, SegmentFile};

/// The opened index: every segment that has arrived, or all of them.
pub struct Engine {
    manifest: Manifest,
    fields: Fields,
    reader: IndexReader,
    /// Shared with the per-document checks of filters and phrases inside queries.
    table: Arc<Table>,
    columns: Arc<Columns>,
    facet_index: FacetIndex,
    /// Each tantivy segment's first table entry: document d of it is entry base + d.
    bases: Arc<HashMap<SegmentId, u32>>,
    /// The loaded segment files' names, in the manifest's order.
    loaded: Vec<String>,
}

impl Engine {
    /// Checks each segment file (name, bytes) against the manifest and opens those
    /// given: the first to arrive answers alone, and the engine is opened again as the
    /// others arrive. Ranking uses the manifest's whole-index statistics until all are in.
    pub fn open(manifest: Manifest, files: &[(String, Vec<u8>)]) -> Result<Engine, Error> {
        let segments = files
            .iter()
            .map(|(name, bytes)| Segment::parse(&manifest, name, bytes))
            .collect::<Result<Vec<_>, _>>()?;
        Engine::from_segments(manifest, segments)
    }

    /// Opens segments already parsed with [`Segment::parse`]: how the app opens the
    /// index again each time one more segment has arrived, without parsing the others
    /// again. They are taken by value: the last open, with every segment, moves their
    /// tables into the engine instead of copying 95,000 records (an open before it
    /// passes clones).
    pub fn from_segments(manifest: Manifest, segments: Vec<Segment>) -> Result<Engine, Error> {
        let opened = crate::segments::open(&manifest, segments)?;
        let index = opened.index;
        crate::tokenizer::register(index.tokenizers());
        let fields = schema::fields_of(&index.schema()).ok_or_else(|| {
            Error::new(
                ErrorKind::FormatVersion,
                "the index schema is not this engine's",
            )
        })?;
        // No reload, no warming threads: the browser has neither files that change nor threads.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .num_warming_threads(0)
            .try_into()?;
        let table = opened.table;
        Ok(Engine {
            manifest,
            fields,
            reader,
            facet_index: FacetIndex::new(&table),
            columns: Arc::new(Columns::new(&table)),
            table: Arc::new(table),
            bases: Arc::new(opened.bases),
            loaded: opened.loaded,
        })
    }

    /// True when every segment of the manifest is loaded: counts and facets are final.
    pub fn is_complete(&self) -> bool {
        self.loaded.len() == self.manifest.segments.len()
    }

    /// The manifest's segments not loaded yet, in loading order.
    pub fn missing(&self) -> Vec<&SegmentFile> {
        self.manifest
            .segments
            .iter()
            .filter(|s| !self.loaded.contains(&s.name))
            .collect()
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Every issue, ascending by number.
    pub fn issues(&self) -> &[Issue] {
        &self.table.issues
    }

    pub fn issue(&self, number: u32) -> Option<&Issue> {
        self.table.issue(number)
    }

    /// Every crate of the week, in issue order.
    pub fn crates(&self) -> impl Iterator<Item = &crate::CrateOfTheWeek> {
        self.table.crates()
    }

    /// Every quote of the week, in issue order.
    pub fn quotes(&self) -> impl Iterator<Item = &crate::Quote> {
        self.table.quotes()
    }

    /// Everything issue `number` held, in page order: its prose, links, crates and
    /// quotes. A link repeated from an earlier issue is shown as it was first written.
    pub fn issue_records(&self, number: u32) -> Vec<&Record> {
        let mut records: Vec<&Record> = self
            .table
            .entries
            .iter()
            .filter(|e| e.issue_numbers().any(|n| n == number))
            .map(|e| &e.record)
            .collect();
        // The issue first; its crates and quotes come from another segment than its
        // links, each in page order.
        records.sort_by_key(|r| r.kind() != RecordKind::Issue);
        records
    }

    /// Per issue number: how many links (boilerplate left out), and the crates of the
    /// week by name, for the list of issues.
    pub fn issue_summaries(&self) -> std::collections::BTreeMap<u32, IssueSummary> {
        let mut out: std::collections::BTreeMap<u32, IssueSummary> = self
            .table
            .issues
            .iter()
            .map(|i| (i.number, IssueSummary::default()))
            .collect();
        for entry in &self.table.entries {
            for n in entry.issue_numbers() {
                let Some(summary) = out.get_mut(&n) else {
                    continue;
                };
                match &entry.record {
                    Record::Link(l) if !l.boilerplate => summary.links += 1,
                    Record::Crate(c) => summary.crates.push(c.name.clone()),
                    Record::Quote(_) => summary.quotes += 1,
                    _ => {}
                }
            }
        }
        out
    }

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, Error> {
        let parsed = ParsedQuery::parse(&request.query);
        let mut results = SearchResults {
            understood: parsed.understood(),
            left_out: parsed.left_out,
            ..SearchResults::default()
        };
        if parsed.is_empty() {
            return Ok(results);
        }
        let searcher = self.reader.searcher();
        let partial = crate::stats::PartialStats {
            searcher: &searcher,
            schema: &searcher.schema().clone(),
            whole: &self.manifest.stats,
            loaded_docs: self.table.entries.len() as u64,
        };
        let stats: &dyn Bm25StatisticsProvider = if self.is_complete() {
            &searcher
        } else {
            &partial
        };
        let mut typos = Typos::new(stats);
        let query = self.build_query(&parsed, request.include_boilerplate, &mut typos);
        results.exact_only = typos.cut;
        let limit = request.limit.max(1);
        let collector = TopDocs::with_limit(limit).and_offset(request.offset);
        let (columns, bases) = (self.columns.clone(), self.bases.clone());
        let sort = request.sort;
        // Relevance: crates and quotes weigh more, ties go to the newer. Newest and
        // oldest: by date, then by relevance within a day.
        let top = collector.tweak_score(move |segment: &SegmentReader| {
            let columns = columns.clone();
            let base = base_of(&bases, segment);
            move |doc: DocId, score: f32| {
                let doc = (base + doc) as usize;
                let date = i64::from(columns.date.get(doc).copied().unwrap_or(0));
                let kind = columns.kind.get(doc).copied();
                match sort {
                    Sort::Relevance => (score * kind_weight(kind), date, score),
                    Sort::Newest => (0.0, date, score),
                    Sort::Oldest => (0.0, -date, score),
                }
            }
        });
        // One pass over the matches gives the page and the facets (or, when paging,
        // the count): a phrase or filter check then reads each record once, not twice.
        let page = if request.facets {
            let (page, docs) = searcher.search_with_statistics_provider(
                &query,
                &(top, DocIdCollector::new(self.bases.clone())),
                stats,
            )?;
            results.total = docs.len();
            results.facets = self.facet_index.count(&docs);
            page
        } else {
            // Paging: the caller keeps the facets it has; only the page changes.
            let (page, total) =
                searcher.search_with_statistics_provider(&query, &(top, Count), stats)?;
            results.total = total;
            page
        };
        let page: Vec<(f32, DocAddress)> = page
            .into_iter()
            .map(|((_, _, score), addr)| (score, addr))
            .collect();
        let terms = HighlightTerms::of(&parsed);
        for (score, addr) in page {
            let base = base_of(&self.bases, searcher.segment_reader(addr.segment_ord));
            if let Some(entry) = self.table.entries.get((base + addr.doc_id) as usize) {
                results.hits.push(self.hit(entry, score, &terms));
            }
        }
        Ok(results)
    }

    fn hit(&self, entry: &Entry, score: f32, terms: &HighlightTerms) -> Hit {
        let record = &entry.record;
        let issue = self.table.issue(record.issue());
        let (title, body, url, domain, section, tags, suggested_by) = match record {
            Record::Issue(i) => (
                i.title.clone(),
                i.text.clone(),
                i.url.clone(),
                String::new(),
                String::new(),
                Vec::new(),
                Vec::new(),
            ),
            Record::Link(l) => (
                l.text.clone(),
                l.context.clone(),
                l.url.clone(),
                l.domain.clone(),
                record.section().to_string(),
                l.tags.clone(),
                Vec::new(),
            ),
            Record::Crate(c) => (
                c.name.clone(),
                c.description.clone(),
                c.url.clone(),
                String::new(),
                record.section().to_string(),
                Vec::new(),
                c.suggested_by.clone(),
            ),
            Record::Quote(q) => (
                // Without an author, the attribution as written stands in its place.
                if q.author.is_empty() {
                    q.attribution.clone()
                } else {
                    q.author.clone()
                },
                q.text.clone(),
                q.url.clone(),
                String::new(),
                record.section().to_string(),
                Vec::new(),
                q.suggested_by.clone(),
            ),
        };
        let body_matches = terms.ranges(&body);
        let (body, body_matches) = snippet(&body, body_matches, MAX_SNIPPET);
        Hit {
            kind: record.kind(),
            title_matches: terms.ranges(&title),
            body_matches,
            title,
            body,
            url,
            domain,
            section,
            group: group_of(record),
            tags,
            issue: record.issue(),
            date: issue.map(|i| i.date.clone()).unwrap_or_default(),
            issue_title: issue.map(|i| i.title.clone()).unwrap_or_default(),
            issue_url: issue.map(|i| i.url.clone()).unwrap_or_default(),
            issues: if entry.issues.is_empty() {
                vec![record.issue()]
            } else {
                entry.issues.clone()
            },
            suggested_by,
            score,
        }
    }

    fn build_query(
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
            let (table, keep) = (table.clone(), keep.clone());
            let base = base_of(&bases, segment);
            Ok(move |doc: DocId| {
                let doc = (base + doc) as usize;
                table.entries.get(doc).is_some_and(|e| keep(doc, e))
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

/// A word forgives typos only when fewer records than this have it exactly: a word the
/// archive is full of is taken as spelled (`serde`, `const`), and its typo neighbours
/// are mostly other real words (`cost`, `consts`), noise in the count and the facets.
/// Typesense does the same (`typo_tokens_threshold`). It also spares the common words,
/// most of what people type, the walk through every word list that typo tolerance costs.
pub const TYPOS_BELOW_RECORDS: u64 = 20;

/// Which words of one query forgive typos, and how many went without past
/// [`MAX_TYPO_WORDS`].
struct Typos<'a> {
    /// The whole index's statistics (estimated from the loaded segments while others
    /// are missing, as for ranking).
    stats: &'a dyn Bm25StatisticsProvider,
    used: usize,
    cut: usize,
}

impl<'a> Typos<'a> {
    fn new(stats: &'a dyn Bm25StatisticsProvider) -> Typos<'a> {
        Typos {
            stats,
            used: 0,
            cut: 0,
        }
    }

    /// True when the word whose exact `terms` (one per text field) are given may match
    /// with typos: it is rare ([`TYPOS_BELOW_RECORDS`]) and the query has some left.
    fn allow(&mut self, terms: &[Term; 4]) -> bool {
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

/// The first table entry of `segment`'s documents (every segment of the reader has one).
pub(crate) fn base_of(bases: &HashMap<SegmentId, u32>, segment: &SegmentReader) -> u32 {
    bases
        .get(&segment.segment_id())
        .copied()
        .unwrap_or(u32::MAX / 2)
}

/// Crates and quotes of the week are what researchers look up by name: they rank above
/// a link with the same words (the crate's own link in its section, say).
fn kind_weight(kind: Option<RecordKind>) -> f32 {
    match kind {
        Some(RecordKind::Crate | RecordKind::Quote) => 1.5,
        _ => 1.0,
    }
}

/// How much of a long text (an issue's prose) a hit shows.
const MAX_SNIPPET: usize = 320;

/// At most about `max` bytes of `text`, from a little before its first match, with `…`
/// where it was cut; `matches` moved along.
fn snippet(text: &str, matches: Vec<Range<usize>>, max: usize) -> (String, Vec<Range<usize>>) {
    if text.len() <= max {
        return (text.to_string(), matches);
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let first = matches.first().map_or(0, |m| m.start);
    let mut start = floor(first.saturating_sub(max / 4));
    // Start at a word.
    if start > 0 {
        start = text[start..first]
            .find(char::is_whitespace)
            .map_or(start, |i| start + i + 1);
    }
    let end = floor((start + max).min(text.len()));
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shift = lead.len();
    let shown = matches
        .into_iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| m.start - start + shift..m.end - start + shift)
        .collect();
    (format!("{lead}{}{tail}", &text[start..end]), shown)
}

/// The analysed query terms, to mark matches in the text shown.
struct HighlightTerms {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

impl HighlightTerms {
    fn of(parsed: &ParsedQuery) -> HighlightTerms {
        let mut exact = Vec::new();
        let mut prefixes = Vec::new();
        let mut add = |text: &str, prefix: bool| {
            for (t, _) in crate::tokenizer::tokens(text) {
                if prefix {
                    prefixes.push(t);
                } else {
                    exact.push(t);
                }
            }
        };
        let n = parsed.parts.len();
        for (i, part) in parsed.parts.iter().enumerate() {
            match part {
                QueryPart::Word {
                    text,
                    negated: false,
                } => add(text, parsed.typing && i + 1 == n),
                QueryPart::Phrase {
                    text,
                    negated: false,
                } => add(text, false),
                QueryPart::Or(alts) => {
                    for a in alts {
                        if let QueryPart::Word { text, .. } | QueryPart::Phrase { text, .. } = a {
                            add(text, false);
                        }
                    }
                }
                QueryPart::Author(a) => add(a, false),
                _ => {}
            }
        }
        HighlightTerms { exact, prefixes }
    }

    fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        if text.is_empty() {
            return Vec::new();
        }
        crate::tokenizer::tokens(text)
            .into_iter()
            .filter(|(t, _)| {
                self.exact.iter().any(|e| e == t)
                    || self.prefixes.iter().any(|p| t.starts_with(p.as_str()))
                    || self
                        .exact
                        .iter()
                        .any(|e| e.len() >= 5 && within_one_edit(e, t))
            })
            .map(|(_, r)| r)
            .collect()
    }
}

/// True when `a` and `b` differ by at most one insertion, deletion, substitution or
/// transposition: the typo-tolerant matches are marked too.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if start == a.len() && start == b.len() {
        return true;
    }
    let tail_eq = |x: &[char], y: &[char]| x == y;
    (a.len() == b.len() && tail_eq(&a[start + 1..], &b[start + 1..]))
        || (a.len() > b.len() && tail_eq(&a[start + 1..], &b[start..]))
        || (b.len() > a.len() && tail_eq(&a[start..], &b[start + 1..]))
        || (a.len() == b.len()
            && start + 1 < a.len()
            && a[start] == b[start + 1]
            && a[start + 1] == b[start]
            && tail_eq(&a[start + 2..], &b[start + 2..]))
}

#[cfg(test)]
mod tests {
    use super::{snippet, within_one_edit};

    #[test]
    fn long_text_is_cut_around_its_first_match() {
        let text = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let at = text.find("needle").unwrap();
        let (shown, ranges) = snippet(&text, std::iter::once(at..at + 6).collect(), 120);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.len() <= 120 + 2 * '…'.len_utf8());
        assert_eq!(&shown[ranges[0].clone()], "needle");
        let needle: Vec<_> = std::iter::once(6..12).collect();
        let (short, r) = snippet("short needle", needle.clone(), 120);
        assert_eq!((short.as_str(), r), ("short needle", needle));
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("tokio", "tokoi"));
        assert!(within_one_edit("async", "asynk"));
        assert!(within_one_edit("async", "asyncs"));
        assert!(!within_one_edit("async", "tokio"));
    }
}
