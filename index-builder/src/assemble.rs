//! From a parsed body to the typed records of one issue: shared by both published forms.

use std::sync::LazyLock;

use regex::Regex;
use twir_engine::{CrateOfTheWeek, Issue, Link, Quote, SectionGroup};

use crate::markdown::{BlockKind, Body, RawLink};
use crate::section_group::group_for;
use crate::{crate_of_the_week, quote_of_the_week};

/// Which published form an issue was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Markdown,
    /// A `site.standard.document` record: link URLs are not in it.
    StandardSite,
}

/// A rendered link that is not indexed, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedLink {
    pub text: String,
    pub url: String,
    pub line: usize,
    pub reason: &'static str,
}

/// Everything extracted from one issue.
#[derive(Debug, Clone)]
pub struct ParsedIssue {
    pub issue: Issue,
    /// Indexed and boilerplate links, in page order.
    pub links: Vec<Link>,
    pub dropped: Vec<DroppedLink>,
    pub crates: Vec<CrateOfTheWeek>,
    pub quotes: Vec<Quote>,
    /// Whether the number came from the input (false: inferred from neighbours).
    pub number_known: bool,
    /// Line of the Crate/Quote of the Week heading, for the report.
    pub crate_line: usize,
    pub quote_line: usize,
}

/// Longest prose kept as issue text: enough for the early, mostly-prose issues, while
/// the link-list issues of later years add little.
const MAX_ISSUE_TEXT: usize = 4000;

pub fn assemble(mut issue: Issue, body: &Body, form: Form) -> ParsedIssue {
    let footer_start = footer_start(body);
    let first_heading_line = body.headings.first().map_or(usize::MAX, |h| h.line);
    let mut links = Vec::new();
    let mut dropped = Vec::new();
    for raw in &body.links {
        let block = &body.blocks[raw.block];
        let path = body.section_path(block.heading);
        let boilerplate = block.line < first_heading_line && is_intro(body)
            || footer_start.is_some_and(|f| raw.block >= f);
        if let Some(reason) = drop_reason(raw).filter(|_| form == Form::Markdown) {
            dropped.push(DroppedLink {
                text: raw.text.clone(),
                url: raw.url.clone(),
                line: raw.line,
                reason,
            });
            continue;
        }
        let url = match form {
            Form::Markdown => raw.url.clone(),
            Form::StandardSite => issue.url.clone(),
        };
        links.push(Link {
            issue: issue.number,
            text: raw.text.clone(),
            domain: domain_of(&url),
            url,
            section: path.join(" > "),
            group: if boilerplate {
                SectionGroup::Other
            } else {
                group_for(&path)
            },
            tags: raw.tags.clone(),
            context: if boilerplate {
                String::new()
            } else {
                context_of(raw, &block.text)
            },
            boilerplate,
        });
    }
    let mut cotw = crate_of_the_week::extract(body, issue.number);
    let mut qotw = quote_of_the_week::extract(body, issue.number);
    if form == Form::StandardSite {
        // The record has no URLs: point at the issue's page, as its links do.
        cotw.crates
            .iter_mut()
            .for_each(|c| c.url = issue.url.clone());
        qotw.quotes
            .iter_mut()
            .for_each(|q| q.url = issue.url.clone());
    }
    issue.crate_of_the_week = cotw.presence;
    issue.quote_of_the_week = qotw.presence;
    issue.sections = body
        .headings
        .iter()
        .enumerate()
        .map(|(i, _)| body.section_path(Some(i)).join(" > "))
        .collect();
    issue.text = prose(body, footer_start);
    let line_of = |pred: fn(&str) -> bool| {
        body.headings
            .iter()
            .find(|h| pred(&h.text.to_lowercase()))
            .map_or(0, |h| h.line)
    };
    ParsedIssue {
        links,
        dropped,
        crates: cotw.crates,
        quotes: qotw.quotes,
        number_known: true,
        crate_line: line_of(crate_of_the_week::is_heading),
        quote_line: line_of(quote_of_the_week::is_heading),
        issue,
    }
}

/// The modern intro paragraph ("Hello and welcome to another issue of This Week in Rust")
/// repeats in every issue; the prose openings of 2013 do not.
fn is_intro(body: &Body) -> bool {
    static INTRO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(welcome to another issue|weekly summary of its progress|want something mentioned)").unwrap()
    });
    let first_heading_line = body.headings.first().map_or(usize::MAX, |h| h.line);
    body.blocks
        .iter()
        .take_while(|b| b.line < first_heading_line)
        .any(|b| INTRO.is_match(&b.text))
}

/// The block where the editors' footer starts ("This Week in Rust is edited by …").
fn footer_start(body: &Body) -> Option<usize> {
    static FOOTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\W*(this week in rust|twir) is edited by").unwrap());
    body.blocks.iter().position(|b| FOOTER.is_match(&b.text))
}

fn drop_reason(raw: &RawLink) -> Option<&'static str> {
    let url = raw.url.trim();
    let lower = url.to_ascii_lowercase();
    if url.is_empty() {
        Some("empty URL")
    } else if lower.starts_with("javascript:")
        || lower.starts_with("vbscript:")
        || lower.starts_with("data:")
    {
        Some("unsafe URL scheme")
    } else if url.ends_with("_HERE") || url.contains("LINK_HERE") {
        Some("placeholder URL")
    } else {
        None
    }
}

/// Host without `www.`, empty for mail and relative links.
pub fn domain_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
        })
        .unwrap_or_default()
}

/// Context longer than this is cut: it is for snippets and context search, and the
/// display table is most of what a phone downloads.
const MAX_CONTEXT: usize = 300;

/// The list item or paragraph around a link, when it says more than the link text
/// (an author, a venue, a one-line summary).
fn context_of(raw: &RawLink, block_text: &str) -> String {
    let rest = block_text.replacen(&raw.text, "", 1);
    if rest.chars().filter(|c| c.is_alphanumeric()).count() < 12 {
        return String::new();
    }
    if block_text.len() <= MAX_CONTEXT {
        return block_text.to_string();
    }
    let mut cut = MAX_CONTEXT;
    while !block_text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", block_text[..cut].trim_end())
}

fn prose(body: &Body, footer_start: Option<usize>) -> String {
    let mut out = String::new();
    for (i, b) in body.blocks.iter().enumerate() {
        if footer_start.is_some_and(|f| i >= f) || out.len() >= MAX_ISSUE_TEXT {
            break;
        }
        if b.kind != BlockKind::Paragraph || b.in_list || b.blockquote.is_some() {
            continue;
        }
        let links_len: usize = body
            .links
            .iter()
            .filter(|l| l.block == i)
            .map(|l| l.text.len())
            .sum();
        // Paragraphs that are mostly a link say nothing the link records do not.
        if b.text.len() < 40 || links_len * 2 > b.text.len() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&b.text);
    }
    if out.len() > MAX_ISSUE_TEXT {
        let mut cut = MAX_ISSUE_TEXT;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}
