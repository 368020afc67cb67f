//! Where the index is cut into segments (native only: the writer's policy).
//!
//! Three rules, chosen by measuring what a phone downloads first and what a new issue
//! rewrites:
//! - **The current year** is one segment with everything its issues hold. A new issue
//!   rewrites only this segment (and the manifest).
//! - **Crates and quotes of the closed years** are one small segment, loaded first:
//!   what researchers look up by name (`yew`, `serde`, a quote's author) is answered
//!   from every year while the links are still coming.
//! - **The links (and issue prose) of the closed years** are cut into eras of about
//!   [`LINKS_PER_ERA`] links, oldest first, so that no file grows without bound.
//!
//! The cuts depend only on closed years, oldest first: adding an issue never moves a
//! closed year to another segment. Once a year, when the year turns, the year just
//! closed joins the crates and quotes segment and the last, not yet full era.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use crate::{Record, RecordKind};

/// About how many links an era of closed years holds before the next era starts.
pub const LINKS_PER_ERA: usize = 12_000;

/// What a segment holds of the issues in its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Every record.
    Everything,
    /// Issues (their prose) and links.
    IssuesAndLinks,
    /// Crates and quotes of the week.
    CratesAndQuotes,
}

impl Content {
    pub fn holds(self, kind: RecordKind) -> bool {
        match self {
            Content::Everything => true,
            Content::IssuesAndLinks => matches!(kind, RecordKind::Issue | RecordKind::Link),
            Content::CratesAndQuotes => matches!(kind, RecordKind::Crate | RecordKind::Quote),
        }
    }
}

/// One segment to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentSpec {
    /// How the reader is told what it holds: `2026`, `2019–2020`, `crates and quotes
    /// 2013–2025`. Unique within a plan; it also fixes the segment's tantivy id.
    pub label: String,
    /// The calendar years of the issues it holds.
    pub years: RangeInclusive<u32>,
    pub content: Content,
}

impl SegmentSpec {
    pub fn holds(&self, record: &Record, year_of_issue: &BTreeMap<u32, u32>) -> bool {
        let year = year_of_issue.get(&record.issue()).copied().unwrap_or(0);
        self.years.contains(&year) && self.content.holds(record.kind())
    }
}

/// The segments for `records`, in the order the app loads them: the crates and quotes
/// of closed years, the current year, then the eras of links, newest first.
pub fn plan(records: &[Record], year_of_issue: &BTreeMap<u32, u32>) -> Vec<SegmentSpec> {
    let Some(&current) = year_of_issue.values().max() else {
        return Vec::new();
    };
    let first = year_of_issue.values().copied().min().unwrap_or(current);
    let mut links_per_year: BTreeMap<u32, usize> = BTreeMap::new();
    for r in records {
        if let Record::Link(l) = r {
            let year = year_of_issue.get(&l.issue).copied().unwrap_or(0);
            *links_per_year.entry(year).or_default() += 1;
        }
    }
    let mut specs = Vec::new();
    if first < current {
        specs.push(SegmentSpec {
            label: format!("crates and quotes {}", span(first, current - 1)),
            years: first..=current - 1,
            content: Content::CratesAndQuotes,
        });
    }
    specs.push(SegmentSpec {
        label: current.to_string(),
        years: current..=current,
        content: Content::Everything,
    });
    let mut eras = Vec::new();
    let (mut start, mut links) = (first, 0);
    for year in first..current {
        links += links_per_year.get(&year).copied().unwrap_or(0);
        if links >= LINKS_PER_ERA || year + 1 == current {
            eras.push(SegmentSpec {
                label: span(start, year),
                years: start..=year,
                content: Content::IssuesAndLinks,
            });
            (start, links) = (year + 1, 0);
        }
    }
    specs.extend(eras.into_iter().rev());
    specs
}

fn span(from: u32, to: u32) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Link, SectionGroup};

    fn link(issue: u32) -> Record {
        Record::Link(Link {
            issue,
            text: String::new(),
            url: format!("https://example.com/{issue}"),
            domain: String::new(),
            section: String::new(),
            group: SectionGroup::News,
            tags: Vec::new(),
            context: String::new(),
            boilerplate: false,
        })
    }

    #[test]
    fn closed_years_keep_their_segment_when_issues_are_added() {
        // Issue n is in year 2013 + n / 10, with 5,000 links each.
        let years =
            |last: u32| -> BTreeMap<u32, u32> { (0..=last).map(|n| (n, 2013 + n / 10)).collect() };
        let records = |last: u32| -> Vec<Record> {
            (0..=last)
                .flat_map(|n| std::iter::repeat_n(link(n), 500))
                .collect()
        };
        let before = plan(&records(64), &years(64));
        let after = plan(&records(65), &years(65));
        assert_eq!(before, after, "an issue in the current year moves nothing");
        let labels: Vec<_> = before.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "crates and quotes 2013–2018",
                "2019",
                "2016–2018",
                "2013–2015"
            ]
        );
        // The year turns: the closed eras that were full stay as they were.
        let next_year = plan(&records(70), &years(70));
        for era in ["2016–2018", "2013–2015", "2019"] {
            assert!(next_year.iter().any(|s| s.label == era), "{era} kept");
        }
    }
}
