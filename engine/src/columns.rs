//! Per-document columns built from the display table when a bundle opens: what
//! filters, sorting and facets read, instead of tantivy fast fields and filter terms
//! that every phone would download again (the table already has all of it).

use std::collections::HashMap;

use crate::table::Table;
use crate::{Record, RecordKind, SectionGroup};

/// Document `n`'s values are at index `n` (document n is table entry n).
#[derive(Debug)]
pub(crate) struct Columns {
    pub kind: Vec<RecordKind>,
    pub group: Vec<SectionGroup>,
    pub boilerplate: Vec<bool>,
    /// The shown issue's date as `YYYYMMDD`: date sorts and the recency tie-break.
    pub date: Vec<u32>,
    /// Index into `domains`, or `NO_DOMAIN`.
    pub domain: Vec<u32>,
    pub domains: Vec<String>,
    /// Index into `sections`: the section each record is shown under (`Record::section`),
    /// so a `section:` name is matched once per distinct heading, not once per document.
    pub section: Vec<u32>,
    pub sections: Vec<String>,
    /// Year of each issue number (0 when unknown).
    issue_year: HashMap<u32, u32>,
}

pub(crate) const NO_DOMAIN: u32 = u32::MAX;

impl Columns {
    pub fn new(table: &Table) -> Columns {
        let issue_year: HashMap<u32, u32> = table
            .issues
            .iter()
            .map(|i| (i.number, i.year().unwrap_or(0)))
            .collect();
        let issue_date: HashMap<u32, u32> = table
            .issues
            .iter()
            .map(|i| (i.number, date_number(&i.date)))
            .collect();
        let n = table.entries.len();
        let mut c = Columns {
            kind: Vec::with_capacity(n),
            group: Vec::with_capacity(n),
            boilerplate: Vec::with_capacity(n),
            date: Vec::with_capacity(n),
            domain: Vec::with_capacity(n),
            domains: Vec::new(),
            section: Vec::with_capacity(n),
            sections: Vec::new(),
            issue_year,
        };
        let mut domain_ids: HashMap<&str, u32> = HashMap::new();
        let mut section_ids: HashMap<&str, u32> = HashMap::new();
        for entry in &table.entries {
            let r = &entry.record;
            c.kind.push(r.kind());
            c.group.push(group_of(r));
            c.boilerplate
                .push(matches!(r, Record::Link(l) if l.boilerplate));
            // The date of the issue a hit shows (a repeated link's first), so that
            // sorting by date agrees with the dates on the screen.
            c.date
                .push(issue_date.get(&r.issue()).copied().unwrap_or(0));
            let domain = match r {
                Record::Link(l) if !l.domain.is_empty() => {
                    intern(&l.domain, &mut domain_ids, &mut c.domains)
                }
                _ => NO_DOMAIN,
            };
            c.domain.push(domain);
            c.section
                .push(intern(r.section(), &mut section_ids, &mut c.sections));
        }
        c
    }

    pub fn year_of_issue(&self, number: u32) -> u32 {
        self.issue_year.get(&number).copied().unwrap_or(0)
    }
}

/// The id of `value` in `values`, added there the first time it is seen.
fn intern<'a>(value: &'a str, ids: &mut HashMap<&'a str, u32>, values: &mut Vec<String>) -> u32 {
    let next = values.len() as u32;
    let id = *ids.entry(value).or_insert(next);
    if id == next {
        values.push(value.to_string());
    }
    id
}

pub(crate) fn group_of(record: &Record) -> SectionGroup {
    match record {
        Record::Issue(_) => SectionGroup::Other,
        Record::Link(l) => l.group,
        Record::Crate(_) => SectionGroup::CrateOfTheWeek,
        Record::Quote(_) => SectionGroup::QuoteOfTheWeek,
    }
}

/// `2019-05-07` -> 20190507; zero when unparsable.
pub(crate) fn date_number(date: &str) -> u32 {
    let digits: String = date.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.get(..8).and_then(|d| d.parse().ok()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_numbers() {
        assert_eq!(date_number("2018-01-02"), 20180102);
        assert_eq!(date_number("garbage"), 0);
    }
}
