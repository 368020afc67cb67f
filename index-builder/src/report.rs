//! The build report: what was read, what was extracted, what was dropped and why.
//! Every link of every file is in exactly one bucket, and the totals add up.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use twir_engine::{author_key, NoAuthor, Presence};

use crate::assemble::ParsedIssue;
use crate::ingest::Ingest;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct YearRow {
    pub issues: usize,
    pub links: usize,
    pub indexed: usize,
    pub boilerplate: usize,
    pub dropped: usize,
    pub crates: usize,
    pub quotes: usize,
}

impl YearRow {
    /// Adds `o`'s counts to these.
    pub fn add(&mut self, o: &YearRow) {
        self.issues += o.issues;
        self.links += o.links;
        self.indexed += o.indexed;
        self.boilerplate += o.boilerplate;
        self.dropped += o.dropped;
        self.crates += o.crates;
        self.quotes += o.quotes;
    }
}

/// The report's figures.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Report {
    pub files_read: usize,
    pub issues: usize,
    pub not_issues: usize,
    pub years: BTreeMap<String, YearRow>,
    pub total: YearRow,
    pub dropped_by_reason: BTreeMap<String, usize>,
    pub issues_with_crate: usize,
    pub crates_none_this_week: usize,
    pub issues_with_quote: usize,
    pub quotes_none_this_week: usize,
    /// Issues whose Crate of the Week names more than one crate.
    pub issues_with_several_crates: usize,
    /// Crates named in more than one issue count once.
    pub distinct_crates: usize,
    pub crates_self_suggested: usize,
    pub quotes_with_author: usize,
    /// People quoted, counted by [`author_key`]: `Kornel` and `kornel` are one.
    pub quote_authors: usize,
    /// Quotes without an author, by reason; with `quotes_with_author` they add up to
    /// every quote.
    pub quotes_without_author_by_reason: BTreeMap<NoAuthor, usize>,
    /// Each quote without an author: where, why, and how it begins.
    pub quotes_without_author: Vec<String>,
    /// Issues with a heading but nothing extracted nor "none this week": file, line, which.
    pub unrecognised: Vec<String>,
    pub warnings: Vec<String>,
    pub disagreements: Vec<String>,
    pub skipped: Vec<String>,
    pub parse_seconds: f64,
    /// Rendered links per source file, to compare issue by issue with the site.
    pub links_per_file: BTreeMap<String, usize>,
}

impl Report {
    pub fn of(ingest: &Ingest, parse_seconds: f64) -> Report {
        let mut r = Report {
            files_read: ingest.files_read,
            issues: ingest.issues.len(),
            not_issues: ingest.skipped.len(),
            parse_seconds,
            ..Report::default()
        };
        for p in &ingest.issues {
            r.add_links(p);
            r.add_crates_and_quotes(p);
        }
        let names = |f: &dyn Fn(&ParsedIssue) -> Vec<String>| {
            ingest
                .issues
                .iter()
                .flat_map(f)
                .collect::<std::collections::BTreeSet<String>>()
                .len()
        };
        r.distinct_crates = names(&|p| p.crates.iter().map(|c| c.name.to_lowercase()).collect());
        r.quote_authors = names(&|p| {
            p.quotes
                .iter()
                .filter(|q| !q.author.is_empty())
                .map(|q| author_key(&q.author))
                .collect()
        });
        r.warnings = ingest.warnings.iter().map(|w| w.to_string()).collect();
        r.disagreements = ingest
            .disagreements
            .iter()
            .map(|d| format!("issue {}: {}", d.issue, d.what))
            .collect();
        r.skipped = ingest
            .skipped
            .iter()
            .map(|s| match s.title.as_str() {
                "" => format!("{}: {}", s.file, s.why),
                title => format!("{}: {} ({title})", s.file, s.why),
            })
            .collect();
        r
    }

    /// Issue `p`'s row in its year and the total, and its links per file and dropped.
    fn add_links(&mut self, p: &ParsedIssue) {
        let year = p.issue.year().map_or("????".to_string(), |y| y.to_string());
        let indexed = p.links.iter().filter(|l| !l.boilerplate).count();
        let this = YearRow {
            issues: 1,
            links: p.links.len() + p.dropped.len(),
            indexed,
            boilerplate: p.links.len() - indexed,
            dropped: p.dropped.len(),
            crates: p.crates.len(),
            quotes: p.quotes.len(),
        };
        self.years.entry(year).or_default().add(&this);
        self.total.add(&this);
        *self
            .links_per_file
            .entry(p.issue.source.clone())
            .or_default() += p.links.len() + p.dropped.len();
        for d in &p.dropped {
            *self
                .dropped_by_reason
                .entry(d.reason.to_string())
                .or_default() += 1;
        }
    }

    /// Issue `p`'s crates and quotes of the week: how many, self-suggested, without an
    /// author and why, and sections that said neither what nor "none this week".
    fn add_crates_and_quotes(&mut self, p: &ParsedIssue) {
        self.issues_with_several_crates += usize::from(p.crates.len() > 1);
        self.crates_self_suggested += p.crates.iter().filter(|c| c.self_suggested).count();
        for q in &p.quotes {
            let Some(reason) = q.no_author else {
                self.quotes_with_author += 1;
                continue;
            };
            *self
                .quotes_without_author_by_reason
                .entry(reason)
                .or_default() += 1;
            let start: String = q.text.chars().take(60).collect();
            let written = if q.attribution.is_empty() {
                String::new()
            } else {
                format!(" (“{}”)", q.attribution)
            };
            self.quotes_without_author.push(format!(
                "{}:{}: issue {}: {}{written}: “{}…”",
                p.issue.source,
                p.quote_line,
                p.issue.number,
                reason.reason(),
                start.replace('\n', " ")
            ));
        }
        match p.issue.crate_of_the_week {
            Presence::Present => self.issues_with_crate += 1,
            Presence::NoneThisWeek => self.crates_none_this_week += 1,
            Presence::Unrecognised => self.unrecognised.push(format!(
                "{}:{}: issue {}: a Crate of the Week heading, but no crate and no \"none this week\"",
                p.issue.source, p.crate_line, p.issue.number
            )),
            Presence::Absent => {}
        }
        match p.issue.quote_of_the_week {
            Presence::Present => self.issues_with_quote += 1,
            Presence::NoneThisWeek => self.quotes_none_this_week += 1,
            Presence::Unrecognised => self.unrecognised.push(format!(
                "{}:{}: issue {}: a Quote of the Week heading, but no quote and no \"none this week\"",
                p.issue.source, p.quote_line, p.issue.number
            )),
            Presence::Absent => {}
        }
    }

    /// The human-readable report.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Read {} files: {} issues, {} other files (not counted as issues), in {:.2} s.\n",
            self.files_read, self.issues, self.not_issues, self.parse_seconds
        );
        let _ = writeln!(
            s,
            "{:<6} {:>6} {:>8} {:>8} {:>11} {:>7} {:>6} {:>6}",
            "year", "issues", "links", "indexed", "boilerplate", "dropped", "crates", "quotes"
        );
        let row = |s: &mut String, name: &str, r: &YearRow| {
            let _ = writeln!(
                s,
                "{:<6} {:>6} {:>8} {:>8} {:>11} {:>7} {:>6} {:>6}",
                name, r.issues, r.links, r.indexed, r.boilerplate, r.dropped, r.crates, r.quotes
            );
        };
        for (y, r) in &self.years {
            row(&mut s, y, r);
        }
        row(&mut s, "total", &self.total);
        let _ = writeln!(
            s,
            "\nLinks: {} rendered = {} indexed + {} boilerplate (intro and editors' footer) + {} dropped",
            self.total.links, self.total.indexed, self.total.boilerplate, self.total.dropped
        );
        for (reason, n) in &self.dropped_by_reason {
            let _ = writeln!(s, "  dropped, {reason}: {n}");
        }
        let _ = writeln!(
            s,
            "Crates of the week: {} in {} issues; {} issues say there is none that week.",
            self.total.crates, self.issues_with_crate, self.crates_none_this_week
        );
        let _ = writeln!(
            s,
            "  {} distinct crates; {} issues name more than one; {} self-suggested.",
            self.distinct_crates, self.issues_with_several_crates, self.crates_self_suggested
        );
        let _ = writeln!(
            s,
            "Quotes of the week: {} in {} issues; {} issues say there is none that week.",
            self.total.quotes, self.issues_with_quote, self.quotes_none_this_week
        );
        let _ = writeln!(
            s,
            "  {} with an author ({} people), {} without:",
            self.quotes_with_author,
            self.quote_authors,
            self.quotes_without_author.len()
        );
        for (reason, n) in &self.quotes_without_author_by_reason {
            let _ = writeln!(s, "  without an author, {}: {n}", reason.reason());
        }
        let list = |s: &mut String, title: &str, items: &[String]| {
            let _ = writeln!(s, "\n{title}: {}", items.len());
            for i in items {
                let _ = writeln!(s, "  {i}");
            }
        };
        list(
            &mut s,
            "Headings with nothing extracted",
            &self.unrecognised,
        );
        list(
            &mut s,
            "Quotes without an author, and why",
            &self.quotes_without_author,
        );
        list(&mut s, "Not issues", &self.skipped);
        list(
            &mut s,
            "Where the Markdown and the standard.site record disagree",
            &self.disagreements,
        );
        list(&mut s, "Warnings", &self.warnings);
        s
    }
}
