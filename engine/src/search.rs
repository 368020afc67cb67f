//! Opening a bundle and answering queries: the same code in the browser and natively.

use std::collections::BTreeMap;
use std::ops::{Bound, Range};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::RamDirectory;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, Searcher, SegmentReader, Term};

use crate::facets::{group_of, FacetIndex, Facets, OrdCollector};
use crate::query::{ParsedQuery, QueryPart};
use crate::schema::{self, Fields};
use crate::table::{Entry, Table};
use crate::{Bundle, Error, ErrorKind, Issue, Manifest, Record, RecordKind, SectionGroup};

/// The bundle part that holds the display table.
pub(crate) const TABLE_PART: &str = "records.json";

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "relevance" => Some(Sort::Relevance),
            "newest" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }
}

/// A search as the app or the command line asks it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub query: String,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Also search the intro and footer links that repeat in every issue.
    pub include_boilerplate: bool,
    /// Count facets; false when only the page changes.
    pub facets: bool,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            include_boilerplate: false,
            facets: true,
        }
    }
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as understood, in the query language.
    pub understood: String,
    /// How many records match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Counts per value for the whole result set: each facet adds up to `total`.
    pub facets: Facets,
}

/// One result, with what the UI needs to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: RecordKind,
    /// Link text, crate name, issue title, or the quote's author.
    pub title: String,
    /// Byte ranges of matched terms in `title`.
    pub title_matches: Vec<Range<usize>>,
    /// Link context, crate description, quote text or issue prose.
    pub body: String,
    pub body_matches: Vec<Range<usize>>,
    /// Where the record points (the link target, the crate, the quote's source).
    pub url: String,
    pub domain: String,
    pub section: String,
    pub group: Option<SectionGroup>,
    pub tags: Vec<String>,
    /// The issue shown (the newest one for a repeated link).
    pub issue: u32,
    pub date: String,
    pub issue_title: String,
    pub issue_url: String,
    /// Every issue the record appeared in, ascending (one for most records).
    pub issues: Vec<u32>,
    pub suggested_by: Vec<String>,
    pub score: f32,
}

/// An opened bundle.
pub struct Engine {
    manifest: Manifest,
    fields: Fields,
    reader: IndexReader,
    table: Table,
    facet_index: FacetIndex,
}

impl Engine {
    /// Checks `bytes` against the manifest, unpacks them and opens the index.
    pub fn open(manifest: Manifest, bytes: &[u8]) -> Result<Engine, Error> {
        manifest.verify(manifest.bundle_file()?, bytes)?;
        let mut bundle = Bundle::from_bytes(bytes)?;
        let table_bytes = bundle.parts.remove(TABLE_PART).ok_or_else(|| {
            Error::new(ErrorKind::Malformed, "bundle: the records table is missing")
        })?;
        let table: Table = serde_json::from_slice(&table_bytes)
            .map_err(|e| Error::new(ErrorKind::Malformed, format!("records table: {e}")))?;
        let dir = RamDirectory::create();
        for (name, data) in &bundle.parts {
            use tantivy::Directory;
            dir.atomic_write(std::path::Path::new(name), data)
                .map_err(|e| Error::new(ErrorKind::Index, format!("{name}: {e}")))?;
        }
        let index = Index::open(dir)?;
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
        Ok(Engine {
            manifest,
            fields,
            reader,
            facet_index: FacetIndex::new(&table),
            table,
        })
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

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, Error> {
        let parsed = ParsedQuery::parse(&request.query);
        let mut results = SearchResults {
            understood: parsed.understood(),
            ..SearchResults::default()
        };
        if parsed.is_empty() {
            return Ok(results);
        }
        let query = self.build_query(&parsed, request.include_boilerplate);
        let searcher = self.reader.searcher();
        let limit = request.limit.max(1);
        let page: Vec<(f32, DocAddress)> = match request.sort {
            Sort::Relevance => {
                let (date, kind) = (self.fields.date, self.fields.kind);
                let by_score_then_date = TopDocs::with_limit(limit)
                    .and_offset(request.offset)
                    .tweak_score(move |segment: &SegmentReader| {
                        let column = |field| {
                            let name = segment.schema().get_field_name(field).to_string();
                            segment
                                .fast_fields()
                                .u64(&name)
                                .map(|c| c.first_or_default_col(0))
                                .ok()
                        };
                        let (dates, kinds) = (column(date), column(kind));
                        move |doc, score| {
                            let d = dates.as_ref().map_or(0, |c| c.get_val(doc));
                            let k = kinds.as_ref().map_or(0, |c| c.get_val(doc));
                            (score * kind_weight(k), d)
                        }
                    });
                searcher
                    .search(&query, &by_score_then_date)?
                    .into_iter()
                    .map(|((score, _), addr)| (score, addr))
                    .collect()
            }
            Sort::Newest | Sort::Oldest => {
                let order = if request.sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let by_date = TopDocs::with_limit(limit)
                    .and_offset(request.offset)
                    .order_by_fast_field::<u64>("date", order);
                searcher
                    .search(&query, &by_date)?
                    .into_iter()
                    .map(|(_, addr)| (0.0, addr))
                    .collect()
            }
        };
        let terms = HighlightTerms::of(&parsed);
        for (score, addr) in page {
            if let Some(entry) = self.entry_of(&searcher, addr) {
                results.hits.push(self.hit(entry, score, &terms));
            }
        }
        if request.facets {
            let ords = searcher.search(
                &query,
                &OrdCollector {
                    field_name: self.ord_field(),
                },
            )?;
            results.total = ords.len();
            results.facets = self.facet_index.count(&ords);
        } else {
            // Paging: the caller keeps the facets it has; only the page changes.
            results.total = searcher.search(&query, &Count)?;
        }
        Ok(results)
    }

    fn ord_field(&self) -> String {
        self.reader
            .searcher()
            .schema()
            .get_field_name(self.fields.ord)
            .to_string()
    }

    fn entry_of(&self, searcher: &Searcher, addr: DocAddress) -> Option<&Entry> {
        let segment = searcher.segment_reader(addr.segment_ord);
        let name = segment.schema().get_field_name(self.fields.ord);
        let ords = segment.fast_fields().u64(name).ok()?;
        let ord = ords.first(addr.doc_id)?;
        self.table.entries.get(ord as usize)
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
                l.section.clone(),
                l.tags.clone(),
                Vec::new(),
            ),
            Record::Crate(c) => (
                c.name.clone(),
                c.description.clone(),
                c.url.clone(),
                String::new(),
                "Crate of the Week".to_string(),
                Vec::new(),
                c.suggested_by.clone(),
            ),
            Record::Quote(q) => (
                q.author.clone(),
                q.text.clone(),
                q.url.clone(),
                String::new(),
                "Quote of the Week".to_string(),
                Vec::new(),
                q.suggested_by.clone(),
            ),
        };
        Hit {
            kind: record.kind(),
            title_matches: terms.ranges(&title),
            body_matches: terms.ranges(&body),
            title,
            body,
            url,
            domain,
            section,
            group: Some(group_of(record)),
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

    fn build_query(&self, parsed: &ParsedQuery, include_boilerplate: bool) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let last_word = parsed
            .parts
            .iter()
            .rposition(|p| matches!(p, QueryPart::Word { negated: false, .. }));
        let mut filters: BTreeMap<&str, Vec<Box<dyn Query>>> = BTreeMap::new();
        for (i, part) in parsed.parts.iter().enumerate() {
            let prefix = parsed.typing && Some(i) == last_word && i + 1 == parsed.parts.len();
            match part {
                QueryPart::Word { text, negated } => {
                    let Some(q) = self.text_query(text, prefix) else {
                        continue;
                    };
                    clauses.push((
                        if *negated {
                            Occur::MustNot
                        } else {
                            Occur::Must
                        },
                        q,
                    ));
                }
                QueryPart::Phrase { text, negated } => {
                    let Some(q) = self.phrase_query(text) else {
                        continue;
                    };
                    clauses.push((
                        if *negated {
                            Occur::MustNot
                        } else {
                            Occur::Must
                        },
                        q,
                    ));
                }
                QueryPart::Or(alts) => {
                    let alts: Vec<(Occur, Box<dyn Query>)> = alts
                        .iter()
                        .filter_map(|a| match a {
                            QueryPart::Word { text, .. } => self.text_query(text, false),
                            QueryPart::Phrase { text, .. } => self.phrase_query(text),
                            _ => None,
                        })
                        .map(|q| (Occur::Should, q))
                        .collect();
                    if !alts.is_empty() {
                        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
                    }
                }
                QueryPart::Kind(k) => filters
                    .entry("kind")
                    .or_default()
                    .push(u64_term(f.kind, k.code())),
                QueryPart::Section(g) => filters
                    .entry("section")
                    .or_default()
                    .push(u64_term(f.group, g.code())),
                QueryPart::Site(s) => {
                    filters
                        .entry("site")
                        .or_default()
                        .push(Box::new(TermQuery::new(
                            Term::from_field_text(f.domain, s),
                            IndexRecordOption::Basic,
                        )))
                }
                QueryPart::Year(r) => {
                    filters
                        .entry("year")
                        .or_default()
                        .push(u64_range(f.year, *r.start(), *r.end()))
                }
                QueryPart::IssueNumber(r) => filters.entry("issue").or_default().push(u64_range(
                    f.issue,
                    *r.start(),
                    *r.end(),
                )),
                QueryPart::Author(a) => {
                    let Some(q) = self.field_phrase(f.author, a) else {
                        continue;
                    };
                    filters.entry("author").or_default().push(q)
                }
                QueryPart::Tag(t) => {
                    filters
                        .entry("tag")
                        .or_default()
                        .push(Box::new(TermQuery::new(
                            Term::from_field_text(f.tag, t),
                            IndexRecordOption::Basic,
                        )))
                }
            }
        }
        // Several values of one filter are alternatives; different filters all apply.
        for (_, alts) in filters {
            let alts = alts.into_iter().map(|q| (Occur::Should, q)).collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if !include_boilerplate {
            clauses.push((Occur::MustNot, u64_term(f.boilerplate, 1)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// One typed word: exact in any text field, weighted by field; then, ranked below,
    /// typo-tolerant and (for the word being typed) prefix matches. A word the analyser
    /// splits (`tokio::spawn`, `async-std`) must match as a phrase.
    fn text_query(&self, word: &str, prefix: bool) -> Option<Box<dyn Query>> {
        let tokens: Vec<String> = crate::tokenizer::tokens(word)
            .into_iter()
            .map(|t| t.0)
            .collect();
        if tokens.len() > 1 {
            return self.phrase_query(word);
        }
        let token = tokens.into_iter().next()?;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, weight) in self.text_fields() {
            let term = Term::from_field_text(field, &token);
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                    weight,
                )),
            ));
            let chars = token.chars().count();
            let distance = match chars {
                0..=4 => 0,
                5..=8 => 1,
                _ => 2,
            };
            if distance > 0 {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(FuzzyTermQuery::new(term.clone(), distance, true)),
                        0.2 * weight,
                    )),
                ));
            }
            if prefix {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(FuzzyTermQuery::new_prefix(term, 0, true)),
                        0.3 * weight,
                    )),
                ));
            }
        }
        Some(Box::new(BooleanQuery::new(should)))
    }

    fn phrase_query(&self, text: &str) -> Option<Box<dyn Query>> {
        // URL words have no positions: phrases are matched in the other fields.
        let alts: Vec<(Occur, Box<dyn Query>)> = self
            .text_fields()
            .into_iter()
            .filter(|(field, _)| *field != self.fields.url)
            .filter_map(|(field, weight)| {
                self.field_phrase(field, text).map(|q| {
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(q, weight)) as Box<dyn Query>,
                    )
                })
            })
            .collect();
        (!alts.is_empty()).then(|| Box::new(BooleanQuery::new(alts)) as Box<dyn Query>)
    }

    fn field_phrase(&self, field: Field, text: &str) -> Option<Box<dyn Query>> {
        let terms: Vec<Term> = crate::tokenizer::tokens(text)
            .into_iter()
            .map(|(t, _)| Term::from_field_text(field, &t))
            .collect();
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.into_iter().next().unwrap(),
                IndexRecordOption::WithFreqs,
            ))),
            _ => Some(Box::new(PhraseQuery::new(terms))),
        }
    }

    /// Names and titles above people, above context, above URL words.
    fn text_fields(&self) -> [(Field, f32); 4] {
        let f = &self.fields;
        [(f.title, 3.0), (f.people, 2.0), (f.body, 1.0), (f.url, 0.5)]
    }
}

/// Crates and quotes of the week are what researchers look up by name: they rank above
/// a link with the same words (the crate's own link in its section, say).
fn kind_weight(code: u64) -> f32 {
    if code == RecordKind::Crate.code() || code == RecordKind::Quote.code() {
        1.5
    } else {
        1.0
    }
}

fn u64_term(field: Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

fn u64_range(field: Field, from: u32, to: u32) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, u64::from(from))),
        Bound::Included(Term::from_field_u64(field, u64::from(to))),
    ))
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
    use super::within_one_edit;

    #[test]
    fn one_edit() {
        assert!(within_one_edit("tokio", "tokoi"));
        assert!(within_one_edit("async", "asynk"));
        assert!(within_one_edit("async", "asyncs"));
        assert!(!within_one_edit("async", "tokio"));
    }
}
