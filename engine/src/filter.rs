//! The filters of a query (`kind:`, `section:`, `site:`, `year:`, `issue:`, `author:`,
//! `tag:`, and leaving out the boilerplate links), checked per document against the
//! columns and the display table.

use std::ops::RangeInclusive;

use crate::columns::{Columns, NO_DOMAIN};
use crate::query::{ParsedQuery, QueryPart};
use crate::table::Entry;
use crate::{Record, RecordKind, SectionGroup};

/// Several values of one filter are alternatives; different filters all apply.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    kinds: Vec<RecordKind>,
    groups: Vec<SectionGroup>,
    /// Per section id: does some `section:` name stand in its heading path as a phrase?
    section_names: Option<Vec<bool>>,
    /// Per domain id: does some `site:` value match it (the domain or a parent of it)?
    sites: Option<Vec<bool>>,
    years: Vec<RangeInclusive<u32>>,
    issues: Vec<RangeInclusive<u32>>,
    /// Each author as analysed words, matched as a phrase in the quote's author.
    authors: Vec<Vec<String>>,
    tags: Vec<String>,
    include_boilerplate: bool,
}

impl Filter {
    pub fn new(parsed: &ParsedQuery, include_boilerplate: bool, columns: &Columns) -> Filter {
        let mut f = Filter {
            include_boilerplate,
            ..Filter::default()
        };
        let mut sites: Vec<&str> = Vec::new();
        let mut section_names: Vec<Vec<String>> = Vec::new();
        for part in &parsed.parts {
            match part {
                QueryPart::Kind(k) => f.kinds.push(*k),
                QueryPart::Section(g) => f.groups.push(*g),
                QueryPart::SectionName(n) => section_names.push(crate::phrase::words(n)),
                QueryPart::Site(s) => sites.push(s),
                QueryPart::Year(r) => f.years.push(r.clone()),
                QueryPart::IssueNumber(r) => f.issues.push(r.clone()),
                QueryPart::Author(a) => f.authors.push(crate::phrase::words(a)),
                QueryPart::Tag(t) => f.tags.push(t.clone()),
                _ => {}
            }
        }
        if !section_names.is_empty() {
            f.section_names = Some(
                columns
                    .sections
                    .iter()
                    .map(|s| {
                        section_names
                            .iter()
                            .any(|words| crate::phrase::text_has_phrase(s, words))
                    })
                    .collect(),
            );
        }
        if !sites.is_empty() {
            f.sites = Some(
                columns
                    .domains
                    .iter()
                    .map(|d| sites.iter().any(|s| site_matches(d, s)))
                    .collect(),
            );
        }
        f
    }

    /// True when no document can be left out.
    pub fn keeps_all(&self) -> bool {
        self.include_boilerplate
            && self.kinds.is_empty()
            && self.groups.is_empty()
            && self.section_names.is_none()
            && self.sites.is_none()
            && self.years.is_empty()
            && self.issues.is_empty()
            && self.authors.is_empty()
            && self.tags.is_empty()
    }

    /// Does document `doc` (table entry `entry`) pass every filter?
    pub fn keep(&self, doc: usize, entry: &Entry, columns: &Columns) -> bool {
        let any = |list_empty: bool, hit: &dyn Fn() -> bool| list_empty || hit();
        (self.include_boilerplate || !columns.boilerplate[doc])
            && any(self.kinds.is_empty(), &|| {
                self.kinds.contains(&columns.kind[doc])
            })
            && any(self.groups.is_empty(), &|| {
                self.groups.contains(&columns.group[doc])
            })
            && self
                .section_names
                .as_ref()
                .is_none_or(|ok| ok[columns.section[doc] as usize])
            && self.sites.as_ref().is_none_or(|ok| {
                let d = columns.domain[doc];
                d != NO_DOMAIN && ok[d as usize]
            })
            // One rule with the year facet and the timeline: a record's year is the
            // year of the issue it is shown from (a repeated link: its first), so a
            // bar that says "2019: N" gives N results when clicked.
            && any(self.years.is_empty(), &|| {
                let year = columns.year_of_issue(entry.record.issue());
                self.years.iter().any(|r| r.contains(&year))
            })
            && any(self.issues.is_empty(), &|| {
                entry
                    .issue_numbers()
                    .any(|n| self.issues.iter().any(|r| r.contains(&n)))
            })
            && any(self.authors.is_empty(), &|| match &entry.record {
                Record::Quote(q) => self
                    .authors
                    .iter()
                    .any(|a| crate::phrase::text_has_phrase(&q.author, a)),
                _ => false,
            })
            && any(self.tags.is_empty(), &|| match &entry.record {
                Record::Link(l) => l.tags.iter().any(|t| self.tags.contains(t)),
                _ => false,
            })
    }
}

/// `site:rust-lang.org` matches `rust-lang.org` and `blog.rust-lang.org`, as search
/// engines do; not `notrust-lang.org`.
fn site_matches(domain: &str, site: &str) -> bool {
    let (domain, site) = (domain.to_ascii_lowercase(), site.to_ascii_lowercase());
    domain == site || domain.ends_with(&format!(".{site}"))
}

#[cfg(test)]
mod tests {
    use super::site_matches;

    #[test]
    fn site_matches_the_domain_and_its_subdomains() {
        assert!(site_matches("blog.rust-lang.org", "rust-lang.org"));
        assert!(site_matches("rust-lang.org", "rust-lang.org"));
        assert!(!site_matches("notrust-lang.org", "rust-lang.org"));
        assert!(!site_matches("rust-lang.org", "blog.rust-lang.org"));
        assert!(site_matches("localhost", "localhost"));
    }
}
