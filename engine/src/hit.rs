//! A matching table entry as the UI shows it: its title, text (cut around the first
//! match when long), link and where it stood, with the query's words found in them.

use crate::answer::Hit;
use crate::columns::group_of;
use crate::joined::JoinedTable;
use crate::snippet::{snippet, HighlightTerms, MAX_SNIPPET};
use crate::table::Entry;
use crate::Record;

/// What each kind of record shows in a hit's fields.
struct Shown {
    /// Link text, crate name, issue title, or the quote's author.
    title: String,
    /// Link context, crate description, quote text or issue prose.
    body: String,
    url: String,
    domain: String,
    section: String,
    tags: Vec<String>,
    suggested_by: Vec<String>,
}

impl Shown {
    fn of(record: &Record) -> Shown {
        let section = record.section().to_string();
        match record {
            Record::Issue(i) => Shown {
                title: i.title.clone(),
                body: i.text.clone(),
                url: i.url.clone(),
                domain: String::new(),
                section: String::new(),
                tags: Vec::new(),
                suggested_by: Vec::new(),
            },
            Record::Link(l) => Shown {
                title: l.text.clone(),
                body: l.context.clone(),
                url: l.url.clone(),
                domain: l.domain.clone(),
                section,
                tags: l.tags.clone(),
                suggested_by: Vec::new(),
            },
            Record::Crate(c) => Shown {
                title: c.name.clone(),
                body: c.description.clone(),
                url: c.url.clone(),
                domain: String::new(),
                section,
                tags: Vec::new(),
                suggested_by: c.suggested_by.clone(),
            },
            Record::Quote(q) => Shown {
                // Without an author, the attribution as written stands in its place.
                title: if q.author.is_empty() {
                    q.attribution.clone()
                } else {
                    q.author.clone()
                },
                body: q.text.clone(),
                url: q.url.clone(),
                domain: String::new(),
                section,
                tags: Vec::new(),
                suggested_by: q.suggested_by.clone(),
            },
        }
    }
}

/// The hit for `entry` of `table`, ranked `score`, with `terms` found in its texts.
pub(crate) fn hit(table: &JoinedTable, entry: &Entry, score: f32, terms: &HighlightTerms) -> Hit {
    let record = &entry.record;
    let issue = table.issue(record.issue());
    let shown = Shown::of(record);
    let (body, body_matches) = snippet(&shown.body, terms.ranges(&shown.body), MAX_SNIPPET);
    Hit {
        kind: record.kind(),
        title_matches: terms.ranges(&shown.title),
        title: shown.title,
        body_matches,
        body,
        url: shown.url,
        domain: shown.domain,
        section: shown.section,
        group: group_of(record),
        tags: shown.tags,
        issue: record.issue(),
        date: issue.map(|i| i.date.clone()).unwrap_or_default(),
        issue_title: issue.map(|i| i.title.clone()).unwrap_or_default(),
        issue_url: issue.map(|i| i.url.clone()).unwrap_or_default(),
        issues: if entry.issues.is_empty() {
            vec![record.issue()]
        } else {
            entry.issues.clone()
        },
        suggested_by: shown.suggested_by,
        score,
    }
}
