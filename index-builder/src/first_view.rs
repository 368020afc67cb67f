//! What the built `index.html` shows before any script runs: the latest issue's
//! highlights (its crate and quote of the week and its first news links), read from the
//! index itself, and the hash of the engine's worker files, which the service worker
//! names its cached app after. Text from the archive is escaped, and only `http(s)`
//! URLs become links.

use std::path::Path;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use twir_engine::{Engine, Record, SectionGroup};

use crate::site_pages::escaped;

/// Where `index.html` (the source, for Trunk) leaves room for the latest issue; the
/// finished page keeps the marker and an end marker, so finishing again replaces it.
const LATEST: &str = "<!--twir:latest-->";
const LATEST_END: &str = "<!--/twir:latest-->";

/// The engine's Web Worker files (`public/worker.js` and what Trunk builds from
/// `worker/`): no hash in their names, so the page carries theirs, and their names for
/// the service worker, which caches them with the page.
const ENGINE_FILES: [&str; 3] = ["worker.js", "engine.js", "engine_bg.wasm"];

/// How many of the latest issue's news links the first view lists.
const NEWS_LINKS: usize = 5;

/// `html` with the latest issue of `engine` in the first view and the engine's hash
/// (of the files in `dist`) in its head.
pub fn write(html: &str, engine: &Engine, dist: &Path) -> Result<String> {
    let latest = latest(engine).unwrap_or_default();
    let html = match (html.find(LATEST), html.find(LATEST_END)) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{LATEST}{latest}{}", &html[..start], &html[end..])
        }
        (Some(start), _) => format!(
            "{}{LATEST}{latest}{LATEST_END}{}",
            &html[..start],
            &html[start + LATEST.len()..]
        ),
        _ => anyhow::bail!("index.html has no {LATEST} marker for the latest issue"),
    };
    let meta = format!(
        "<meta name=\"twir-engine\" content=\"{}\" data-files=\"{}\">",
        engine_hash(dist)?,
        ENGINE_FILES.join(" ")
    );
    Ok(match html.find("<meta name=\"twir-engine\"") {
        Some(start) => {
            let end = start + html[start..].find('>').map_or(0, |i| i + 1);
            format!("{}{meta}{}", &html[..start], &html[end..])
        }
        None => html.replacen("</head>", &format!("  {meta}\n</head>"), 1),
    })
}

/// The sha256 of the engine's worker files together, hex.
fn engine_hash(dist: &Path) -> Result<String> {
    let mut hash = Sha256::new();
    for name in ENGINE_FILES {
        let path = dist.join(name);
        hash.update(std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?);
    }
    Ok(format!("{:x}", hash.finalize()))
}

/// The latest issue in brief, as HTML; `None` when the index does not have it.
fn latest(engine: &Engine) -> Option<String> {
    let issue = engine.issue(engine.manifest().last_issue)?;
    let records = engine.issue_records(issue.number);
    let mut items = Vec::new();
    for r in &records {
        match r {
            Record::Crate(c) => items.push(format!(
                "<li><span class=\"kind\">Crate of the Week</span>{}: {}</li>",
                escaped(&c.name),
                escaped(&c.description)
            )),
            Record::Quote(q) => {
                let first = q.text.split("\n\n").next().unwrap_or_default();
                let who = if q.author.is_empty() {
                    &q.attribution
                } else {
                    &q.author
                };
                items.push(format!(
                    "<li><span class=\"kind\">Quote of the Week</span>“{}” — {}</li>",
                    escaped(first),
                    escaped(who)
                ));
            }
            _ => {}
        }
    }
    let news = records.iter().filter_map(|r| match r {
        Record::Link(l) if l.group == SectionGroup::News && !l.boilerplate => Some(l),
        _ => None,
    });
    for link in news.take(NEWS_LINKS) {
        items.push(format!("<li>{}</li>", link_html(&link.url, &link.text)));
    }
    Some(format!(
        "<section class=\"latest\" aria-labelledby=\"latest-title\">\
         <h2 id=\"latest-title\">Latest: <a href=\"?view=issue&amp;n={n}\">{title}</a> \
         <time datetime=\"{date}\">{date}</time></h2>\
         <ul class=\"latest-list\">{items}</ul></section>",
        n = issue.number,
        title = escaped(&issue.title),
        date = escaped(&issue.date),
        items = items.concat(),
    ))
}

/// A link to `url` if it is `http(s)`, else the text alone: nothing from the archive
/// becomes a `javascript:` link.
fn link_html(url: &str, text: &str) -> String {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escaped(url.trim_start()),
            escaped(text)
        )
    } else {
        escaped(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_text_is_escaped_and_only_web_links_are_links() {
        assert_eq!(
            link_html("javascript:alert(1)", "<b>x</b>"),
            "&lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(
            link_html("https://a.example/?q=\"x\"&y", "a & b"),
            "<a href=\"https://a.example/?q=&quot;x&quot;&amp;y\" rel=\"noopener noreferrer\">a &amp; b</a>"
        );
    }
}
