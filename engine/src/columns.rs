//! Per-document columns built from the display table as each segment arrives: what
//! filters, sorting and facets read, instead of tantivy fast fields and filter terms
//! that every phone would download again (the table already has all of it).

use std::collections::HashMap;

use crate::table::Entry;
use crate::{Issue, Record, RecordKind, SectionGroup};

/// Document `n`'s values are at index `n` (document n is table entry n).
#[derive(Debug, Clone, Default)]
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

/// What [`Columns::extend`] looks up while segments arrive, and no query reads: kept
/// beside the columns, not copied into each engine opened over them.
#[derive(Debug, Default)]
pub(crate) struct ColumnIds {
    domains: HashMap<String, u32>,
    sections: HashMap<String, u32>,
    issue_date: HashMap<u32, u32>,
}

pub(crate) const NO_DOMAIN: u32 = u32::MAX;

impl Columns {
    /// Adds the columns of one segment's `entries` (numbered after those added before),
    /// with the rows of its `issues`: each segment carries its years' issues, so the
    /// date and year of each of its records are known when it arrives.
    pub fn extend(&mut self, ids: &mut ColumnIds, issues: &[Issue], entries: &[Entry]) {
        for i in issues {
            self.issue_year.insert(i.number, i.year().unwrap_or(0));
            ids.issue_date.insert(i.number, date_number(&i.date));
        }
        for entry in entries {
            let r = &entry.record;
            self.kind.push(r.kind());
            self.group.push(group_of(r));
            self.boilerplate
                .push(matches!(r, Record::Link(l) if l.boilerplate));
            // The date of the issue a hit shows (a repeated link's first), so that
            // sorting by date agrees with the dates on the screen.
            self.date
                .push(ids.issue_date.get(&r.issue()).copied().unwrap_or(0));
            let domain = match r {
                Record::Link(l) if !l.domain.is_empty() => {
                    intern(&l.domain, &mut ids.domains, &mut self.domains)
                }
                _ => NO_DOMAIN,
            };
            self.domain.push(domain);
            let section = intern(r.section(), &mut ids.sections, &mut self.sections);
            self.section.push(section);
        }
    }

    pub fn year_of_issue(&self, number: u32) -> u32 {
        self.issue_year.get(&number).copied().unwrap_or(0)
    }
}

/// The id of `value` in `values`, added there the first time it is seen.
fn intern(value: &str, ids: &mut HashMap<String, u32>, values: &mut Vec<String>) -> u32 {
    if let Some(&id) = ids.get(value) {
        return id;
    }
    let id = values.len() as u32;
    ids.insert(value.to_string(), id);
    values.push(value.to_string());
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
