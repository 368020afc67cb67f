//! The archive rendered as the newsletter's site renders it: one HTML page per issue
//! at the issue's own path (`blog/YYYY/MM/DD/slug/index.html`).
//!
//! Only `make bench-compare` uses these pages: Pagefind, the search a static site would
//! use instead of ours, indexes HTML pages, so it gets the archive in that form. The
//! pages carry the attributes a site adopting Pagefind would add (`data-pagefind-body`;
//! the title, issue and date as metadata, one per attribute; the year as a filter; the
//! date for sorting) and ids on headings, so its results can point into sections.
//! twir-search never serves them: like the site, they render the archive's Markdown,
//! raw HTML included.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::ingest::{ingest, Inputs};
use crate::issue_meta::slug;
use crate::warning::Warning;
use crate::{decode, header};

/// What [`render`] wrote.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Pages written, one per Markdown issue.
    pub pages: usize,
    /// Issues read from the archive; `pages` plus the ones in `problems`.
    pub issues: usize,
    /// Issues that could not be rendered, each naming its file.
    pub problems: Vec<Warning>,
}

/// Renders every Markdown issue under `archives` into `out`.
pub fn render(archives: &[PathBuf], out: &Path) -> std::io::Result<Rendered> {
    let read = ingest(&Inputs {
        archives: archives.to_vec(),
        records: Vec::new(),
    });
    let mut done = Rendered {
        issues: read.issues.len(),
        ..Rendered::default()
    };
    for parsed in &read.issues {
        let issue = &parsed.issue;
        let Some(file) = archives
            .iter()
            .map(|root| root.join(&issue.source))
            .find(|p| p.is_file())
        else {
            done.problems.push(Warning::new(
                &issue.source,
                0,
                "not found under any archive folder",
            ));
            continue;
        };
        let text = match std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|b| decode::decode(&issue.source, &b).map_err(|e| e.reason))
        {
            Ok(d) => d.text,
            Err(why) => {
                done.problems.push(Warning::new(
                    &issue.source,
                    0,
                    format!("cannot read: {why}"),
                ));
                continue;
            }
        };
        let body = &text[header::parse(&text).body_offset..];
        let page = page(&issue.title, issue.number, &issue.date, body);
        let dir = out.join(site_path(&issue.url));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("index.html"), page)?;
        done.pages += 1;
    }
    Ok(done)
}

/// `https://this-week-in-rust.org/blog/2019/01/02/x/` → `blog/2019/01/02/x`.
fn site_path(url: &str) -> &str {
    url.split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or(url, |(_, path)| path)
        .trim_matches('/')
}

/// One issue's page: the Markdown rendered as HTML inside the page frame.
pub fn page(title: &str, number: u32, date: &str, markdown: &str) -> String {
    let year = twir_engine::year_of(date).map_or(String::new(), |y| y.to_string());
    let title = escaped(title);
    let body = body_html(markdown);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n<body>\n<nav><a href=\"/\">This Week in Rust</a></nav>\n\
         <main data-pagefind-body data-pagefind-filter=\"year:{year}\" data-pagefind-sort=\"date:{date}\">\n\
         <h1 data-pagefind-meta=\"title\">{title}</h1>\n\
         <data value=\"{number}\" data-pagefind-meta=\"issue:{number}\"></data>\n\
         <time datetime=\"{date}\" data-pagefind-meta=\"date:{date}\">{date}</time>\n\
         {body}</main>\n</body>\n</html>\n"
    )
}

/// `text` with `<`, `>`, `&` and quotes escaped, through the Markdown renderer's own
/// escaping.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, std::iter::once(Event::Text(text.into())));
    out.replace('"', "&quot;")
}

/// The Markdown as HTML, each heading given an id from its text (as the site's table
/// of contents extension does), so a search can link into the section.
fn body_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let mut used: HashMap<String, usize> = HashMap::new();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { id: None, .. }) = &events[i] else {
            continue;
        };
        let text: String = events[i + 1..]
            .iter()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let base = match slug(&text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let seen = used.entry(base.clone()).or_insert(0);
        *seen += 1;
        let unique = match *seen {
            1 => base,
            n => format!("{base}-{}", n - 1),
        };
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
            *id = Some(CowStr::from(unique));
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_has_escaped_title_metadata_and_heading_ids() {
        let html = page(
            "This Week in Rust <1>",
            1,
            "2013-06-07",
            "# Updates\n\n[a](https://a.example/) & b\n\n# Updates\n\n## `Cargo` news\n",
        );
        assert!(html.contains("<title>This Week in Rust &lt;1&gt;</title>"));
        // One key per attribute: Pagefind reads `a:1, b:2` as the single key `a`.
        assert!(html.contains("data-pagefind-meta=\"issue:1\""));
        assert!(html.contains("data-pagefind-meta=\"date:2013-06-07\""));
        assert!(html.contains("data-pagefind-filter=\"year:2013\""));
        assert!(html.contains("<h1 id=\"updates\">Updates</h1>"));
        assert!(html.contains("<h1 id=\"updates-1\">Updates</h1>"));
        assert!(html.contains("<h2 id=\"cargo-news\"><code>Cargo</code> news</h2>"));
        assert!(html.contains("<a href=\"https://a.example/\">a</a> &amp; b"));
    }

    #[test]
    fn site_path_is_the_page_url_path() {
        assert_eq!(
            site_path("https://this-week-in-rust.org/blog/2019/01/02/this-week-in-rust-267/"),
            "blog/2019/01/02/this-week-in-rust-267"
        );
    }
}
