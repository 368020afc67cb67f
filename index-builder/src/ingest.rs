//! Reading every input: Markdown folders and standard.site records, into issues.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use twir_engine::{Issue, Record};

use crate::assemble::{assemble, Form, ParsedIssue};
use crate::issue_meta::{self, FileKind};
use crate::warning::Warning;
use crate::{decode, header, markdown, standard_site};

/// Where to read from.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Folders of Markdown issues, searched recursively.
    pub archives: Vec<PathBuf>,
    /// standard.site record files (or folders of them).
    pub records: Vec<PathBuf>,
}

/// A file that is not an issue, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub file: String,
    pub title: String,
    pub why: String,
}

/// Where the two forms of one issue disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub issue: u32,
    pub what: String,
}

/// Everything read.
#[derive(Debug, Default)]
pub struct Ingest {
    /// Issues in number order (two files with one number are both kept).
    pub issues: Vec<ParsedIssue>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
    pub disagreements: Vec<Disagreement>,
    /// Files read, by input kind.
    pub files_read: usize,
}

/// Where the newsletter's issue pages live.
pub const SITE_URL: &str = "https://this-week-in-rust.org";

impl Ingest {
    /// Moves every issue page (and the links that point to one, as the standard.site
    /// records' do) from `from` to `to`: `/` links a build to its own site's pages.
    pub fn move_pages(&mut self, from: &str, to: &str) {
        let (from, to) = (from.trim_end_matches('/'), to.trim_end_matches('/'));
        if from == to {
            return;
        }
        let moved = |url: &mut String| {
            if let Some(path) = url.strip_prefix(from).filter(|p| p.starts_with("/blog/")) {
                *url = format!("{to}{path}");
            }
        };
        for p in &mut self.issues {
            let page = p.issue.url.clone();
            moved(&mut p.issue.url);
            for l in p.links.iter_mut().filter(|l| l.url == page) {
                l.url = p.issue.url.clone();
            }
        }
    }

    /// Every record, issues first then each issue's links, crates and quotes.
    pub fn records(&self) -> Vec<Record> {
        let mut out: Vec<Record> = self
            .issues
            .iter()
            .map(|p| Record::Issue(p.issue.clone()))
            .collect();
        for p in &self.issues {
            out.extend(p.links.iter().cloned().map(Record::Link));
            out.extend(p.crates.iter().cloned().map(Record::Crate));
            out.extend(p.quotes.iter().cloned().map(Record::Quote));
        }
        out
    }
}

/// Reads all inputs. Never stops at a bad file: each problem is a warning.
pub fn ingest(inputs: &Inputs) -> Ingest {
    let mut out = Ingest::default();
    let mut markdown_issues = Vec::new();
    for root in &inputs.archives {
        for path in files_under(root, &mut out.warnings) {
            out.files_read += 1;
            let rel = relative(root, &path);
            if let Some(p) = read_markdown(&path, &rel, &mut out) {
                markdown_issues.push(p);
            }
        }
    }
    let mut record_issues = Vec::new();
    for root in &inputs.records {
        for path in files_under(root, &mut out.warnings) {
            out.files_read += 1;
            let rel = relative(root, &path);
            record_issues.extend(read_records(&path, &rel, &mut out));
        }
    }
    fill_missing_numbers(&mut markdown_issues, &mut out.warnings);
    // The Markdown wins where an issue comes in both forms.
    let by_number: BTreeMap<u32, usize> = markdown_issues
        .iter()
        .enumerate()
        .map(|(i, p)| (p.issue.number, i))
        .collect();
    for r in record_issues {
        match by_number.get(&r.issue.number) {
            Some(&i) => out.disagreements.extend(compare(&markdown_issues[i], &r)),
            None => markdown_issues.push(r),
        }
    }
    markdown_issues
        .sort_by(|a, b| (a.issue.number, &a.issue.date).cmp(&(b.issue.number, &b.issue.date)));
    for pair in markdown_issues.windows(2) {
        if pair[0].issue.number == pair[1].issue.number {
            out.warnings.push(Warning::new(
                &pair[1].issue.source,
                0,
                format!(
                    "issue number {} is also used by {}: both are kept",
                    pair[1].issue.number, pair[0].issue.source
                ),
            ));
        }
    }
    out.issues = markdown_issues;
    out
}

fn relative(root: &Path, path: &Path) -> String {
    if root == path {
        // A file given directly: name it as given.
        return path.to_string_lossy().into_owned();
    }
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every file under `root` (or `root` itself), sorted for a stable order.
fn files_under(root: &Path, warnings: &mut Vec<Warning>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => match std::fs::read_dir(&p) {
                Ok(entries) => stack.extend(entries.filter_map(|e| e.ok()).map(|e| e.path())),
                Err(e) => warnings.push(Warning::new(
                    &p.to_string_lossy(),
                    0,
                    format!("cannot list: {e}"),
                )),
            },
            Ok(_) => out.push(p),
            Err(e) => warnings.push(Warning::new(
                &p.to_string_lossy(),
                0,
                format!("cannot read: {e}"),
            )),
        }
    }
    out.sort();
    out
}

fn read_text(path: &Path, rel: &str, out: &mut Ingest) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.warnings
                .push(Warning::new(rel, 0, format!("cannot read: {e}")));
            return None;
        }
    };
    decode_text(&bytes, rel, out)
}

fn decode_text(bytes: &[u8], rel: &str, out: &mut Ingest) -> Option<String> {
    match decode::decode(rel, bytes) {
        Ok(d) => {
            out.warnings.extend(d.warnings);
            Some(d.text)
        }
        Err(e) => {
            out.skipped.push(Skipped {
                file: rel.to_string(),
                title: String::new(),
                why: format!("not text: {}", e.reason),
            });
            out.warnings
                .push(Warning::new(rel, 0, format!("skipped: {}", e.reason)));
            None
        }
    }
}

/// Reads one Markdown file; `None` when it is not an issue (recorded in `out.skipped`).
pub fn read_markdown(path: &Path, rel: &str, out: &mut Ingest) -> Option<ParsedIssue> {
    let text = read_text(path, rel, out)?;
    parse_markdown(&text, rel, out)
}

/// Parses the bytes of one Markdown file named `rel`, as [`ingest`] does.
pub fn parse_markdown_bytes(bytes: &[u8], rel: &str, out: &mut Ingest) -> Option<ParsedIssue> {
    let text = decode_text(bytes, rel, out)?;
    parse_markdown(&text, rel, out)
}

fn parse_markdown(text: &str, rel: &str, out: &mut Ingest) -> Option<ParsedIssue> {
    let head = header::parse(text);
    let meta = match issue_meta::classify(rel, &head, &mut out.warnings) {
        FileKind::Issue(m) => m,
        FileKind::Post { title, why } => {
            out.skipped.push(Skipped {
                file: rel.to_string(),
                title,
                why,
            });
            return None;
        }
    };
    let body = markdown::parse(&text[head.body_offset..], head.body_line);
    let number_known = meta.number.is_some();
    let issue = Issue {
        number: meta.number.unwrap_or(0),
        url: issue_meta::page_url(&meta.title, &meta.date),
        title: meta.title,
        date: meta.date,
        source: rel.to_string(),
        sections: Vec::new(),
        crate_of_the_week: Default::default(),
        quote_of_the_week: Default::default(),
        text: String::new(),
    };
    let mut parsed = assemble(issue, &body, Form::Markdown);
    parsed.number_known = number_known;
    Some(parsed)
}

fn read_records(path: &Path, rel: &str, out: &mut Ingest) -> Vec<ParsedIssue> {
    match read_text(path, rel, out) {
        Some(text) => parse_records(&text, rel, out),
        None => Vec::new(),
    }
}

/// Parses the bytes of one standard.site record file named `rel`, as [`ingest`] does.
pub fn parse_records_bytes(bytes: &[u8], rel: &str, out: &mut Ingest) -> Vec<ParsedIssue> {
    match decode_text(bytes, rel, out) {
        Some(text) => parse_records(&text, rel, out),
        None => Vec::new(),
    }
}

fn parse_records(text: &str, rel: &str, out: &mut Ingest) -> Vec<ParsedIssue> {
    let docs = standard_site::read(rel, text, &mut out.warnings);
    let mut issues = Vec::new();
    for (doc, line) in docs {
        let mut head = header::Header::default();
        head.fields.push(("title".into(), doc.title.clone(), line));
        let date = doc
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .skip(1)
            .take(3)
            .collect::<Vec<_>>()
            .join("-");
        let date = if date.len() == 10 {
            date
        } else {
            doc.published_at.chars().take(10).collect()
        };
        head.fields.push(("date".into(), date, line));
        let meta = match issue_meta::classify(&format!("{rel}#{line}"), &head, &mut out.warnings) {
            FileKind::Issue(m) if m.number.is_some() => m,
            _ => {
                out.skipped.push(Skipped {
                    file: rel.to_string(),
                    title: doc.title.clone(),
                    why: "a standard.site record that is not a numbered issue".into(),
                });
                continue;
            }
        };
        let (body, unplaced) = standard_site::body(&doc);
        for t in unplaced {
            out.warnings.push(Warning::new(
                rel,
                line,
                format!("link text `{t}` is not in the record's text: not indexed"),
            ));
        }
        let url = if doc.site.is_empty() {
            issue_meta::page_url(&meta.title, &meta.date)
        } else {
            format!("{}{}", doc.site.trim_end_matches('/'), doc.path)
        };
        let issue = Issue {
            number: meta.number.unwrap_or(0),
            title: meta.title,
            date: meta.date,
            url,
            source: rel.to_string(),
            sections: Vec::new(),
            crate_of_the_week: Default::default(),
            quote_of_the_week: Default::default(),
            text: String::new(),
        };
        out.warnings.push(Warning::new(
            rel,
            line,
            format!("issue {}: read from a standard.site record, whose link URLs are not published; its links point to the issue's page", issue.number),
        ));
        issues.push(assemble(issue, &body, Form::StandardSite));
    }
    issues
}

/// An issue without a number gets the one after the previous issue by date.
fn fill_missing_numbers(issues: &mut [ParsedIssue], warnings: &mut Vec<Warning>) {
    issues.sort_by(|a, b| a.issue.date.cmp(&b.issue.date));
    let mut previous = 0;
    for p in issues.iter_mut() {
        if !p.number_known {
            p.issue.number = previous + 1;
            p.issue.url = issue_meta::page_url(&p.issue.title, &p.issue.date);
            for l in &mut p.links {
                l.issue = p.issue.number;
            }
            for c in &mut p.crates {
                c.issue = p.issue.number;
            }
            for q in &mut p.quotes {
                q.issue = p.issue.number;
            }
            warnings.push(Warning::new(
                &p.issue.source,
                0,
                format!("no issue number in the header or title: numbered {} after the previous issue by date", p.issue.number),
            ));
        }
        previous = p.issue.number;
    }
}

fn compare(md: &ParsedIssue, rec: &ParsedIssue) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let n = md.issue.number;
    let mut say = |what: String| out.push(Disagreement { issue: n, what });
    if md.issue.title != rec.issue.title {
        say(format!(
            "title: Markdown `{}`, record `{}`",
            md.issue.title, rec.issue.title
        ));
    }
    if md.issue.date != rec.issue.date {
        say(format!(
            "date: Markdown {}, record {}",
            md.issue.date, rec.issue.date
        ));
    }
    if md.issue.url != rec.issue.url {
        say(format!(
            "page URL: Markdown {}, record {}",
            md.issue.url, rec.issue.url
        ));
    }
    let md_texts: std::collections::BTreeSet<&str> =
        md.links.iter().map(|l| l.text.as_str()).collect();
    let rec_texts: std::collections::BTreeSet<&str> =
        rec.links.iter().map(|l| l.text.as_str()).collect();
    for t in rec_texts.difference(&md_texts) {
        say(format!("link text only in the record: `{t}`"));
    }
    for t in md_texts.difference(&rec_texts) {
        say(format!("link text only in the Markdown: `{t}`"));
    }
    let names = |p: &ParsedIssue| p.crates.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    if names(md) != names(rec) {
        say(format!(
            "crate of the week: Markdown {:?}, record {:?}",
            names(md),
            names(rec)
        ));
    }
    let authors = |p: &ParsedIssue| {
        p.quotes
            .iter()
            .map(|q| (q.author.clone(), q.venue.clone(), q.no_author))
            .collect::<Vec<_>>()
    };
    if authors(md) != authors(rec) {
        say(format!(
            "quote authors and venues: Markdown {:?}, record {:?}",
            authors(md),
            authors(rec)
        ));
    }
    out
}
