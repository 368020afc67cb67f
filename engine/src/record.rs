//! The typed records extracted from the archive, named as This Week in Rust names them.
//! They are the index's documents, the bundle's display table and the exports' rows.

use serde::{Deserialize, Serialize};

use crate::SectionGroup;

/// One record of any kind. Serialised with a `kind` tag, as the JSON-lines export shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    Issue(Issue),
    Link(Link),
    Crate(CrateOfTheWeek),
    Quote(Quote),
}

/// The kind of a record, as typed in `kind:` filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Issue,
    Link,
    Crate,
    Quote,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Issue,
        RecordKind::Link,
        RecordKind::Crate,
        RecordKind::Quote,
    ];

    /// The word used in queries and URLs (`kind:crate`).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Issue => "issue",
            RecordKind::Link => "link",
            RecordKind::Crate => "crate",
            RecordKind::Quote => "quote",
        }
    }

    /// What a reader calls it.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Issue => "Issue",
            RecordKind::Link => "Link",
            RecordKind::Crate => "Crate of the Week",
            RecordKind::Quote => "Quote of the Week",
        }
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        let s = s.to_ascii_lowercase();
        RecordKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s || (s.len() > 1 && format!("{}s", k.as_str()) == s))
    }
}

impl Record {
    /// The section a reader sees it under: a link's heading path, the crate's and the
    /// quote's own section; nothing for a whole issue.
    pub fn section(&self) -> &str {
        match self {
            Record::Issue(_) => "",
            Record::Link(l) => &l.section,
            Record::Crate(_) => RecordKind::Crate.label(),
            Record::Quote(_) => RecordKind::Quote.label(),
        }
    }

    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Issue(_) => RecordKind::Issue,
            Record::Link(_) => RecordKind::Link,
            Record::Crate(_) => RecordKind::Crate,
            Record::Quote(_) => RecordKind::Quote,
        }
    }

    /// The number of the issue the record comes from.
    pub fn issue(&self) -> u32 {
        match self {
            Record::Issue(r) => r.number,
            Record::Link(r) => r.issue,
            Record::Crate(r) => r.issue,
            Record::Quote(r) => r.issue,
        }
    }
}

/// Whether an issue has a Crate of the Week (or Quote of the Week) section, and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// No such section in the issue (early issues had none).
    #[default]
    Absent,
    /// The section is there and names at least one record.
    Present,
    /// The section is there and says there is none this week.
    NoneThisWeek,
    /// The section is there but nothing could be extracted from it (reported by the builder).
    Unrecognised,
}

/// One issue of the newsletter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    #[serde(rename = "issue")]
    pub number: u32,
    pub title: String,
    /// `YYYY-MM-DD`, from the `Date:` header as the site uses it.
    pub date: String,
    /// The issue's page on this-week-in-rust.org.
    pub url: String,
    /// The file (or record) it was read from, relative to its input folder.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The section outline, top-level and sub-sections as `A > B`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    #[serde(default)]
    pub crate_of_the_week: Presence,
    #[serde(default)]
    pub quote_of_the_week: Presence,
    /// Prose paragraphs (the early issues are mostly prose), searchable as issue text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Issue {
    /// The year of its date; `None` when the date does not start with one.
    pub fn year(&self) -> Option<u32> {
        year_of(&self.date)
    }
}

/// The year of a `YYYY-MM-DD` date: the one rule for the year facet, the `year:`
/// filter, the segment plan, the timeline and the browse pages.
pub fn year_of(date: &str) -> Option<u32> {
    date.get(..4)?.parse().ok()
}

/// One link in an issue body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub issue: u32,
    /// The link text, inline markup flattened to plain text.
    pub text: String,
    pub url: String,
    /// The host without `www.`; empty for relative or non-http URLs.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub domain: String,
    /// The section path, e.g. `Updates from Rust Community > Observations/Thoughts`.
    pub section: String,
    /// The section group that stays the same across eras.
    pub group: SectionGroup,
    /// Tags written before or inside the link text: `video`, `audio`, `series`, ...
    #[serde(default)]
    pub tags: Vec<String>,
    /// The text of the list item or paragraph the link stands in, when it says more
    /// than the link text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
    /// In the fixed intro paragraph or the editors' footer that repeat in every issue.
    pub boilerplate: bool,
}

/// One Crate of the Week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "crate")]
pub struct CrateOfTheWeek {
    pub issue: u32,
    pub name: String,
    pub url: String,
    pub description: String,
    #[serde(default)]
    pub suggested_by: Vec<String>,
    #[serde(default)]
    pub self_suggested: bool,
}

/// One Quote of the Week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub issue: u32,
    /// The whole quote, paragraphs separated by blank lines.
    pub text: String,
    /// The person who said it, as a name (`allp`, `Ralf Jung`); empty when the
    /// attribution names nobody, and then `no_author` says why.
    pub author: String,
    /// Where or when it was said, apart from the name: `on mastodon`, `during his
    /// RustFest talk`, `in #rust-offtopic`.
    // Written even when empty, as every field of a quote: the exports' readers
    // (researchers) get the same keys on every row.
    #[serde(default)]
    pub venue: String,
    /// The attribution as written, e.g. `allp on mastodon`.
    #[serde(default)]
    pub attribution: String,
    /// Where it was said; empty when the issue gives no link.
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub suggested_by: Vec<String>,
    /// Why `author` is empty; `None` (`null`) whenever there is an author.
    #[serde(default)]
    pub no_author: Option<NoAuthor>,
}

/// Why a quote has no author: a decision the builder made and reports, never a miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoAuthor {
    /// The issue gives no attribution, or says it is unattributed.
    Unattributed,
    /// The attribution names a place, a group or a context, not a person
    /// (`in #rust-offtopic`, `On /r/programming`, `Someone from Antithesis`).
    NoPerson,
    /// A chat log whose speakers are named only inside the quote (`<kmc> …`).
    Conversation,
}

impl NoAuthor {
    /// The reason in words, as the build report prints it.
    pub fn reason(self) -> &'static str {
        match self {
            NoAuthor::Unattributed => "unattributed: the issue names nobody as its author",
            NoAuthor::NoPerson => "the attribution names a place or a group, not a person",
            NoAuthor::Conversation => "a chat log; the speakers are named in the quote",
        }
    }
}
