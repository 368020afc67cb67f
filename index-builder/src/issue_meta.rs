//! Which file is an issue, and its number, title, date and page URL.

use std::sync::LazyLock;

use regex::Regex;

use crate::header::Header;
use crate::warning::Warning;

/// What a file of the archive is.
#[derive(Debug, Clone, PartialEq)]
pub enum FileKind {
    Issue(IssueMeta),
    /// Not an issue: a page, a "State of Rust" post, a reStructuredText post.
    Post {
        title: String,
        why: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct IssueMeta {
    /// `None` when neither the header nor the title gives one; filled in later from the
    /// neighbouring issues.
    pub number: Option<u32>,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

static TITLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:this|these|last)\s+weeks?\s+(?:in|this)\s+rust\W*(\d+)\b").unwrap()
});
static FILE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.*)$").unwrap());
static HEADER_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})").unwrap());

/// Classifies the file at `path` (relative to its input folder) from its header.
pub fn classify(path: &str, header: &Header, warnings: &mut Vec<Warning>) -> FileKind {
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .split('.')
        .next()
        .unwrap_or("");
    let title = header.get("title").map(|(t, _)| t.to_string());
    if let Some(why) = not_an_issue_by_path(path) {
        return FileKind::Post {
            title: title.unwrap_or_else(|| stem.to_string()),
            why: why.into(),
        };
    }
    let header_number = header
        .get("number")
        .and_then(|(n, line)| match n.trim().parse() {
            Ok(n) => Some(n),
            Err(_) => {
                warnings.push(Warning::new(
                    path,
                    line,
                    format!("`Number: {n}` is not a number"),
                ));
                None
            }
        });
    let title_number = title
        .as_deref()
        .and_then(|t| TITLE_NUMBER.captures(t))
        .and_then(|c| c[1].parse().ok());
    let looks_like_issue = header_number.is_some()
        || title_number.is_some()
        || header
            .get("category")
            .is_some_and(|(c, _)| c.eq_ignore_ascii_case("This Week in Rust"))
        || stem.contains("week");
    if !looks_like_issue {
        return FileKind::Post {
            title: title.unwrap_or_else(|| stem.to_string()),
            why: "its title has no issue number and it is not in the This Week in Rust category"
                .into(),
        };
    }
    let date = issue_date(path, stem, header, warnings);
    let number = header_number.or(title_number);
    let title = title.unwrap_or_else(|| {
        warnings.push(Warning::new(
            path,
            0,
            "no `Title:` header; using the file name",
        ));
        match number {
            Some(n) => format!("This Week in Rust {n}"),
            None => stem.to_string(),
        }
    });
    FileKind::Issue(IssueMeta {
        number,
        title,
        date,
    })
}

/// Why the file at `path` is no issue, whatever its header says: pages and
/// reStructuredText posts.
fn not_an_issue_by_path(path: &str) -> Option<&'static str> {
    if path.starts_with("pages/") || path.contains("/pages/") {
        Some("a page, not an issue")
    } else if path.ends_with(".rst") {
        Some("a reStructuredText post, not an issue")
    } else {
        None
    }
}

/// The issue's date: the `Date:` header's, as on the site, else the file name's (both
/// said in a warning), else none.
fn issue_date(path: &str, stem: &str, header: &Header, warnings: &mut Vec<Warning>) -> String {
    let file_date = FILE_DATE
        .captures(stem)
        .map(|c| format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]));
    let date = match header.get("date") {
        Some((d, line)) => match HEADER_DATE.captures(d) {
            Some(c) => Some(format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3])),
            None => {
                warnings.push(Warning::new(
                    path,
                    line,
                    format!("`Date: {d}` is not a date; using the file name's date"),
                ));
                None
            }
        },
        None => {
            warnings.push(Warning::new(
                path,
                0,
                "no `Date:` header; using the file name's date",
            ));
            None
        }
    };
    date.or(file_date).unwrap_or_else(|| {
        warnings.push(Warning::new(
            path,
            0,
            "no date in the header nor in the file name",
        ));
        String::new()
    })
}

/// The issue's page: `https://this-week-in-rust.org/blog/YYYY/MM/DD/slug/`.
pub fn page_url(title: &str, date: &str) -> String {
    let date_path = date.replace('-', "/");
    format!(
        "https://this-week-in-rust.org/blog/{date_path}/{}/",
        slug(title)
    )
}

/// The title lower-cased, runs of non-alphanumerics turned into `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header;

    fn meta(path: &str, text: &str) -> (FileKind, Vec<Warning>) {
        let mut w = Vec::new();
        (classify(path, &header::parse(text), &mut w), w)
    }

    #[test]
    fn numbers_from_header_or_title() {
        let (k, _) = meta(
            "2026-03-25-x.md",
            "Title: This Week in Rust 644\nNumber: 644\nDate: 2026-03-25\n\n",
        );
        assert!(matches!(
            k,
            FileKind::Issue(IssueMeta {
                number: Some(644),
                ..
            })
        ));
        for (t, n) in [
            ("This Week In Rust 1", 1),
            ("These Weeks in Rust 22", 22),
            ("Last Week in Rust 8", 8),
        ] {
            let (k, _) = meta(
                "2013-01-01-a.markdown",
                &format!("Title: {t}\nDate: 2013-01-01 10:00\n\n"),
            );
            assert!(
                matches!(k, FileKind::Issue(IssueMeta { number: Some(m), .. }) if m == n),
                "{t}"
            );
        }
    }

    #[test]
    fn date_header_wins_over_file_name_and_falls_back() {
        let (k, w) = meta(
            "2020-11-4-this-week-in-rust.md",
            "Title: This Week in Rust 363\nDate: 2020-11-04\n\n",
        );
        assert!(matches!(k, FileKind::Issue(IssueMeta { ref date, .. }) if date == "2020-11-04"));
        assert!(w.is_empty());
        let (k, w) = meta("2020-11-4-this-week-in-rust.md", "no header at all\n");
        assert!(
            matches!(k, FileKind::Issue(IssueMeta { ref date, number: None, .. }) if date == "2020-11-04")
        );
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn posts_are_not_issues() {
        assert!(matches!(
            meta("pages/privacy-policy.md", "Title: Privacy\n\n").0,
            FileKind::Post { .. }
        ));
        assert!(matches!(
            meta(
                "2013-07-05-the-state-of-rust.markdown",
                "Title: The State of Rust 0.7\nDate: 2013-07-05\n\n"
            )
            .0,
            FileKind::Post { .. }
        ));
        assert!(matches!(
            meta("state-of-rust-0-11-0.rst", "x").0,
            FileKind::Post { .. }
        ));
    }

    #[test]
    fn page_url_rule() {
        assert_eq!(
            page_url("This Week in Rust 644", "2026-03-25"),
            "https://this-week-in-rust.org/blog/2026/03/25/this-week-in-rust-644/"
        );
    }
}
