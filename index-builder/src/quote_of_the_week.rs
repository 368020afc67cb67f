//! Extracting Quotes of the Week from their section.
//!
//! The quote sits in a block quote (sometimes in `<pre>`, or only in an image's alt
//! text); the attribution follows on its own line (`– [Author on Venue](url)`,
//! `— [author](profile) on [venue](url)`, plain `– llogiq`) or, in 2014, inside the
//! block quote (`- [author](url) on …`).

use std::sync::LazyLock;

use regex::Regex;
use twir_engine::{Presence, Quote};

use crate::markdown::{collapse, BlockKind, Body};
use crate::section_blocks::{blocks_under, headings_matching, links_in};

static NONE_THIS_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(no quote|none this week|no suggestions|did not receive|didn't receive|no submissions|without a quote|not? .*quote was selected)").unwrap()
});
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?:--|[-–—―~])\s*").unwrap());
static THANKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(thanks? (?:you )?(?:go(?:es)? )?(?:out )?to|suggested by|submitted by|for the suggestion)").unwrap()
});

pub struct Extracted {
    pub presence: Presence,
    pub quotes: Vec<Quote>,
}

pub fn is_heading(h: &str) -> bool {
    h.contains("quote of the week") || h.contains("quotes of the week")
}

pub fn extract(body: &Body, issue: u32) -> Extracted {
    let roots = headings_matching(body, is_heading);
    if roots.is_empty() {
        return Extracted {
            presence: Presence::Absent,
            quotes: Vec::new(),
        };
    }
    let mut quotes: Vec<Quote> = Vec::new();
    let mut says_none = false;
    let mut suggested_by: Vec<String> = Vec::new();
    for root in roots {
        let blocks = blocks_under(body, root);
        let mut i = 0;
        while i < blocks.len() {
            let b = blocks[i];
            let block = &body.blocks[b];
            if let Some(q) = block.blockquote {
                // Gather the whole block quote: all its paragraphs.
                let mut paragraphs = Vec::new();
                let mut inner_attribution = None;
                while i < blocks.len() && body.blocks[blocks[i]].blockquote == Some(q) {
                    let inner = &body.blocks[blocks[i]];
                    if DASH.is_match(&inner.text)
                        && inner.kind != BlockKind::ListItem
                        && !paragraphs.is_empty()
                    {
                        inner_attribution = Some(blocks[i]);
                    } else if matches!(
                        inner.kind,
                        BlockKind::Paragraph | BlockKind::Code | BlockKind::ListItem
                    ) && !inner.text.is_empty()
                    {
                        paragraphs.push(inner.text.clone());
                    }
                    i += 1;
                }
                let attribution = inner_attribution.or_else(|| {
                    blocks.get(i).copied().filter(|&n| {
                        let t = &body.blocks[n].text;
                        DASH.is_match(t) || t.starts_with("by ") || t.starts_with("By ")
                    })
                });
                if attribution.is_some() && inner_attribution.is_none() {
                    i += 1;
                }
                if paragraphs.is_empty() {
                    continue;
                }
                quotes.push(make_quote(
                    body,
                    issue,
                    paragraphs.join("\n\n"),
                    attribution,
                ));
                continue;
            }
            let text = &block.text;
            if block.kind == BlockKind::Html {
                if let Some(t) = html_quote_text(&block.raw) {
                    let attribution = blocks
                        .get(i + 1)
                        .copied()
                        .filter(|&n| DASH.is_match(&body.blocks[n].text));
                    if attribution.is_some() {
                        i += 1;
                    }
                    quotes.push(make_quote(body, issue, t, attribution));
                }
            } else if THANKS.is_match(text) {
                suggested_by.extend(
                    links_in(body, b)
                        .iter()
                        .filter(|l| !l.url.contains("users.rust-lang.org/t/"))
                        .map(|l| l.text.trim_start_matches('@').to_string()),
                );
            } else if NONE_THIS_WEEK.is_match(text) {
                says_none = true;
            }
            i += 1;
        }
    }
    for q in &mut quotes {
        q.suggested_by = suggested_by.clone();
    }
    let presence = if !quotes.is_empty() {
        Presence::Present
    } else if says_none {
        Presence::NoneThisWeek
    } else {
        Presence::Unrecognised
    };
    Extracted { presence, quotes }
}

fn make_quote(body: &Body, issue: u32, text: String, attribution: Option<usize>) -> Quote {
    let mut quote = Quote {
        issue,
        text,
        author: String::new(),
        attribution: String::new(),
        url: String::new(),
        suggested_by: Vec::new(),
    };
    let Some(a) = attribution else {
        return quote;
    };
    let block = &body.blocks[a];
    let line = DASH
        .replace(&block.text, "")
        .trim()
        .trim_end_matches('.')
        .trim()
        .to_string();
    let line = line
        .strip_prefix("by ")
        .or_else(|| line.strip_prefix("By "))
        .unwrap_or(&line)
        .to_string();
    let links = links_in(body, a);
    quote.attribution = line.clone();
    match links.as_slice() {
        [] => quote.author = before_on(&line),
        [one] => {
            quote.url = one.url.clone();
            // `[Author on Venue](url)` or `[author](profile) on venue`.
            quote.author = if one.span.start <= 2 && one.text.contains(" on ") {
                before_on(&one.text)
            } else if one.span.start <= 2 {
                one.text.clone()
            } else {
                before_on(&line)
            };
        }
        [first, .., last] => {
            quote.author = first.text.clone();
            quote.url = last.url.clone();
        }
    }
    quote.author = quote.author.trim_start_matches('@').trim().to_string();
    quote
}

/// The author in "allp on mastodon", "Jane Doe on the Rust forum".
fn before_on(s: &str) -> String {
    let s = s.trim();
    let cut = [" on ", " in ", " at ", ", "]
        .iter()
        .filter_map(|sep| s.find(sep))
        .min()
        .unwrap_or(s.len());
    s[..cut].trim().to_string()
}

/// A quote in raw HTML: the text of a `<pre>` or the `alt` of an `<img>`.
fn html_quote_text(raw: &str) -> Option<String> {
    static PRE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<pre[^>]*>(.*?)</pre>").unwrap());
    static ALT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?is)<img[^>]*\balt\s*=\s*"([^"]{20,})""#).unwrap());
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap());
    let text = PRE
        .captures(raw)
        .map(|c| c[1].to_string())
        .or_else(|| ALT.captures(raw).map(|c| c[1].to_string()))?;
    let text = TAG.replace_all(&text, "");
    let text = text
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let text = collapse(&text);
    (!text.is_empty()).then_some(text)
}
