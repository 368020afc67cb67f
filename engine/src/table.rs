//! The display table: every record as the app shows it, kept out of tantivy's doc
//! store because a plain JSON table compresses far better over HTTP (GUIDE).
//! Document `n` of the index is entry `n` (schema.rs).
//!
//! On the wire the links, nine tenths of the records, are stored column by column
//! (all texts, then all URLs, ...): like with like compresses 10% smaller under brotli
//! than one object per record, and the domain and the link text inside its context
//! are not stored twice. `StoredTable` is that form; `Table` is what the engine uses.

use serde::{Deserialize, Serialize};

use crate::{CrateOfTheWeek, Error, ErrorKind, Issue, Link, Quote, Record, SectionGroup};

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    /// Every issue, by ascending number (without its prose).
    pub issues: Vec<Issue>,
    /// One entry per search document.
    pub entries: Vec<Entry>,
    /// Links first seen in an earlier segment and seen again in this one's issues: the
    /// earlier segment's entry stays as written (segments are immutable) and lists these
    /// issues once both are loaded.
    pub later: Vec<LaterAppearance>,
}

/// A link that an earlier segment holds, by its URL key, seen again in `issues`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LaterAppearance {
    pub url: String,
    pub issues: Vec<u32>,
}

/// What makes two links the same link: the URL without a trailing slash.
pub(crate) fn url_key(url: &str) -> &str {
    url.trim_end_matches('/')
}

/// One search document's record; a link repeated in several issues is one entry
/// listing every issue it appeared in, shown as it was first written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub record: Record,
    /// Issues this entry appeared in, ascending; empty means only `record.issue()`.
    pub issues: Vec<u32>,
}

impl Table {
    // Only the writer (native) serialises the table.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(&StoredTable::from(self))
    }

    /// The table stored in a segment; [`ErrorKind::Malformed`] when it is not one.
    pub fn from_json(bytes: &[u8]) -> Result<Table, Error> {
        let malformed = |e: String| Error::new(ErrorKind::Malformed, format!("records table: {e}"));
        let stored: StoredTable =
            serde_json::from_slice(bytes).map_err(|e| malformed(e.to_string()))?;
        stored.into_table().map_err(malformed)
    }
}

impl Entry {
    /// Every issue this entry appeared in.
    pub fn issue_numbers(&self) -> impl Iterator<Item = u32> + '_ {
        let only = self.issues.is_empty().then(|| self.record.issue());
        only.into_iter().chain(self.issues.iter().copied())
    }
}

/// The table as stored in the bundle.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StoredTable {
    issues: Vec<Issue>,
    /// Each entry's kind in order, one letter each (`i`, `l`, `c`, `q`): how the rows
    /// below are put back in sequence.
    order: String,
    /// The issue entries in order: which of `issues` (by position), and its prose.
    issue_entries: Vec<(u32, String)>,
    crates: Vec<CrateOfTheWeek>,
    quotes: Vec<Quote>,
    links: LinkColumns,
    #[serde(default)]
    later: Vec<LaterAppearance>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct LinkColumns {
    /// Each link's issue number minus the previous link's (links come issue by issue,
    /// so this is mostly zeros).
    issue: Vec<i64>,
    /// The later issues a repeated link appeared in, ascending, each as the distance
    /// from the one before (starting from the link's own, first issue); empty for a
    /// link seen once.
    also_in: Vec<Vec<u32>>,
    text: Vec<String>,
    url: Vec<String>,
    /// Only where the domain is not what [`domain_of`] derives from the URL.
    domain: Vec<(u32, String)>,
    /// The distinct section paths, and each link's position in them.
    sections: Vec<String>,
    section: Vec<u32>,
    group: Vec<SectionGroup>,
    tags: Vec<Vec<String>>,
    context: Vec<Context>,
    /// Positions (within the links) of the boilerplate links.
    boilerplate: Vec<u32>,
}

/// A link's context: the text before and after the link text inside it, or the whole
/// context when it does not contain the link text.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Context {
    Around(String, String),
    Whole(String),
}

impl From<&Table> for StoredTable {
    fn from(table: &Table) -> StoredTable {
        let mut s = StoredTable {
            issues: table.issues.clone(),
            later: table.later.clone(),
            ..StoredTable::default()
        };
        let mut previous_issue = 0i64;
        let mut section_ids: std::collections::HashMap<&str, u32> = Default::default();
        for entry in &table.entries {
            match &entry.record {
                Record::Issue(i) => {
                    s.order.push('i');
                    let bare = Issue {
                        text: String::new(),
                        ..i.clone()
                    };
                    let at = table.issues.iter().position(|x| *x == bare);
                    s.issue_entries
                        .push((at.map_or(u32::MAX, |a| a as u32), i.text.clone()));
                }
                Record::Crate(c) => {
                    s.order.push('c');
                    s.crates.push(c.clone());
                }
                Record::Quote(q) => {
                    s.order.push('q');
                    s.quotes.push(q.clone());
                }
                Record::Link(l) => {
                    s.order.push('l');
                    let c = &mut s.links;
                    let at = c.issue.len() as u32;
                    c.issue.push(i64::from(l.issue) - previous_issue);
                    previous_issue = i64::from(l.issue);
                    c.also_in.push(also_in(l.issue, &entry.issues));
                    c.text.push(l.text.clone());
                    c.url.push(l.url.clone());
                    if l.domain != domain_of(&l.url) {
                        c.domain.push((at, l.domain.clone()));
                    }
                    let next = c.sections.len() as u32;
                    let section = *section_ids.entry(&l.section).or_insert(next);
                    if section == next {
                        c.sections.push(l.section.clone());
                    }
                    c.section.push(section);
                    c.group.push(l.group);
                    c.tags.push(l.tags.clone());
                    c.context.push(match l.context.split_once(&l.text) {
                        Some((before, after)) if !l.text.is_empty() => {
                            Context::Around(before.to_string(), after.to_string())
                        }
                        _ => Context::Whole(l.context.clone()),
                    });
                    if l.boilerplate {
                        c.boilerplate.push(at);
                    }
                }
            }
        }
        s
    }
}

impl StoredTable {
    fn into_table(self) -> Result<Table, String> {
        let StoredTable {
            issues,
            order,
            issue_entries,
            crates,
            quotes,
            links,
            later,
        } = self;
        let count = |k: char| order.chars().filter(|&x| x == k).count();
        if !links.agree()
            || count('l') != links.issue.len()
            || count('i') != issue_entries.len()
            || count('c') != crates.len()
            || count('q') != quotes.len()
            || count('i') + count('l') + count('c') + count('q') != order.len()
        {
            return Err("the columns of the records table do not agree".into());
        }
        let mut links = LinkReader::new(links);
        let mut issue_entries = issue_entries.into_iter();
        let (mut crates, mut quotes) = (crates.into_iter(), quotes.into_iter());
        let mut entries = Vec::with_capacity(order.len());
        for kind in order.chars() {
            let record = match kind {
                'l' => {
                    entries.push(links.next_entry()?);
                    continue;
                }
                'i' => {
                    let (at, text) = issue_entries.next().ok_or("issues run short")?;
                    let issue = issues
                        .get(at as usize)
                        .ok_or("an issue entry has no issue")?;
                    Record::Issue(Issue {
                        text,
                        ..issue.clone()
                    })
                }
                'c' => Record::Crate(crates.next().ok_or("crates run short")?),
                _ => Record::Quote(quotes.next().ok_or("quotes run short")?),
            };
            entries.push(Entry {
                record,
                issues: Vec::new(),
            });
        }
        Ok(Table {
            issues,
            entries,
            later,
        })
    }
}

impl LinkColumns {
    /// Every column holds one value per link.
    fn agree(&self) -> bool {
        let n = self.issue.len();
        [
            self.also_in.len(),
            self.text.len(),
            self.url.len(),
            self.section.len(),
            self.group.len(),
            self.tags.len(),
            self.context.len(),
        ]
        .iter()
        .all(|&len| len == n)
    }
}

/// The link columns read back link by link.
struct LinkReader {
    /// The next link's position among the links.
    at: u32,
    previous_issue: i64,
    issue: std::vec::IntoIter<i64>,
    also_in: std::vec::IntoIter<Vec<u32>>,
    text: std::vec::IntoIter<String>,
    url: std::vec::IntoIter<String>,
    domains: std::iter::Peekable<std::vec::IntoIter<(u32, String)>>,
    sections: Vec<String>,
    section: std::vec::IntoIter<u32>,
    group: std::vec::IntoIter<SectionGroup>,
    tags: std::vec::IntoIter<Vec<String>>,
    context: std::vec::IntoIter<Context>,
    boilerplate: std::iter::Peekable<std::vec::IntoIter<u32>>,
}

impl LinkReader {
    fn new(c: LinkColumns) -> LinkReader {
        LinkReader {
            at: 0,
            previous_issue: 0,
            issue: c.issue.into_iter(),
            also_in: c.also_in.into_iter(),
            text: c.text.into_iter(),
            url: c.url.into_iter(),
            domains: c.domain.into_iter().peekable(),
            sections: c.sections,
            section: c.section.into_iter(),
            group: c.group.into_iter(),
            tags: c.tags.into_iter(),
            context: c.context.into_iter(),
            boilerplate: c.boilerplate.into_iter().peekable(),
        }
    }

    /// The next link's entry. (The columns were checked to agree in length.)
    fn next_entry(&mut self) -> Result<Entry, String> {
        let short = "links run short";
        let at = self.at;
        self.at += 1;
        self.previous_issue += self.issue.next().ok_or(short)?;
        let issue =
            u32::try_from(self.previous_issue).map_err(|_| "a link's issue is out of range")?;
        let (text, url) = (
            self.text.next().ok_or(short)?,
            self.url.next().ok_or(short)?,
        );
        let section = self
            .sections
            .get(self.section.next().ok_or(short)? as usize)
            .ok_or("a link's section is out of range")?
            .clone();
        let domain = match self.domains.next_if(|(i, _)| *i == at) {
            Some((_, d)) => d,
            None => domain_of(&url),
        };
        let context = match self.context.next().ok_or(short)? {
            Context::Around(before, after) => format!("{before}{text}{after}"),
            Context::Whole(whole) => whole,
        };
        let also = self.also_in.next().ok_or(short)?;
        Ok(Entry {
            record: Record::Link(Link {
                issue,
                text,
                url,
                domain,
                section,
                group: self.group.next().ok_or(short)?,
                tags: self.tags.next().ok_or(short)?,
                context,
                boilerplate: self.boilerplate.next_if_eq(&at).is_some(),
            }),
            issues: seen_in(issue, &also)?,
        })
    }
}

fn also_in(own: u32, issues: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut previous = own;
    for &n in issues.iter().filter(|&&n| n != own) {
        out.push(n.abs_diff(previous));
        previous = n;
    }
    out
}

fn seen_in(own: u32, also: &[u32]) -> Result<Vec<u32>, String> {
    if also.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = vec![own];
    let mut previous = own;
    for &d in also {
        previous = previous
            .checked_add(d)
            .ok_or("a link's other issues are out of range")?;
        out.push(previous);
    }
    Ok(out)
}

/// The host of `url` without `www.`, lower-cased; empty when there is none. The
/// builder derives domains with a full URL parser: where the two differ, the table
/// stores the builder's.
pub(crate) fn domain_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return String::new();
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((h, port))
            if port.chars().all(|c| c.is_ascii_digit()) && !h.ends_with(']') || port.is_empty() =>
        {
            h
        }
        _ => host,
    };
    let host = host.to_ascii_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Presence;

    fn issue(number: u32, text: &str) -> Issue {
        Issue {
            number,
            title: format!("This Week in Rust {number}"),
            date: "2019-05-07".into(),
            url: format!(
                "https://this-week-in-rust.org/blog/2019/05/07/this-week-in-rust-{number}/"
            ),
            source: String::new(),
            sections: Vec::new(),
            crate_of_the_week: Presence::Present,
            quote_of_the_week: Presence::NoneThisWeek,
            text: text.into(),
        }
    }

    fn link(text: &str, url: &str, domain: &str, context: &str, boilerplate: bool) -> Link {
        Link {
            issue: 285,
            text: text.into(),
            url: url.into(),
            domain: domain.into(),
            section: "News & Blog Posts".into(),
            group: SectionGroup::News,
            tags: vec!["video".into()],
            context: context.into(),
            boilerplate,
        }
    }

    #[test]
    fn the_stored_columns_give_back_the_same_table() {
        let table = Table {
            issues: vec![issue(284, ""), issue(285, "")],
            entries: vec![
                Entry {
                    record: Record::Issue(issue(285, "Prose of the week.")),
                    issues: Vec::new(),
                },
                Entry {
                    record: Record::Link(link(
                        "Rust 1.0",
                        "https://WWW.Blog.Rust-Lang.org:443/2015/05/15/Rust-1.0.html",
                        "blog.rust-lang.org",
                        "Announcing Rust 1.0 by the core team",
                        false,
                    )),
                    // Shown as first written (issue 285), seen again in 290.
                    issues: vec![285, 290],
                },
                Entry {
                    // A domain the simple derivation gets wrong (IDNA): stored as is.
                    record: Record::Link(link(
                        "Bücher",
                        "https://bücher.de/x",
                        "xn--bcher-kva.de",
                        "",
                        true,
                    )),
                    issues: Vec::new(),
                },
                Entry {
                    record: Record::Link(link(
                        "mail",
                        "mailto:a@b.c",
                        "",
                        "write to mail us",
                        false,
                    )),
                    issues: Vec::new(),
                },
                Entry {
                    record: Record::Crate(CrateOfTheWeek {
                        issue: 285,
                        name: "yew".into(),
                        url: "https://github.com/yewstack/yew".into(),
                        description: "a web framework".into(),
                        suggested_by: vec!["someone".into()],
                        self_suggested: false,
                    }),
                    issues: Vec::new(),
                },
                Entry {
                    record: Record::Quote(Quote {
                        issue: 285,
                        text: "Quoted.".into(),
                        author: "allp".into(),
                        venue: "on mastodon".into(),
                        attribution: "allp on mastodon".into(),
                        url: String::new(),
                        suggested_by: Vec::new(),
                        no_author: None,
                    }),
                    issues: Vec::new(),
                },
            ],
            later: vec![LaterAppearance {
                url: "https://example.com/first-seen-earlier".into(),
                issues: vec![285],
            }],
        };
        let json = table.to_json().unwrap();
        assert_eq!(Table::from_json(&json).unwrap(), table);
        // Context stored around the link text, not with it.
        let text = String::from_utf8(json).unwrap();
        assert_eq!(text.matches("Rust 1.0").count(), 1, "{text}");
    }

    #[test]
    fn columns_that_disagree_are_refused() {
        let json = br#"{"issues":[],"order":"ll","issue_entries":[],"crates":[],"quotes":[],
            "links":{"issue":[1],"also_in":[[]],"text":["a"],"url":["u"],"domain":[],"sections":["s"],
            "section":[0],"group":["other"],"tags":[[]],"context":[""],"boilerplate":[]}}"#;
        let e = Table::from_json(json).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Malformed);
        assert_eq!(
            e.to_string(),
            "records table: the columns of the records table do not agree"
        );
    }

    #[test]
    fn domains_as_the_builder_derives_them() {
        assert_eq!(domain_of("https://www.reddit.com/r/rust"), "reddit.com");
        assert_eq!(
            domain_of("http://user@Example.COM:8080/x?y#z"),
            "example.com"
        );
        assert_eq!(domain_of("https://docs.rs"), "docs.rs");
        assert_eq!(domain_of("mailto:someone@example.com"), "");
        assert_eq!(domain_of("/relative/path"), "");
    }
}
