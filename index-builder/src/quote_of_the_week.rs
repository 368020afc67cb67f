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
use crate::section_blocks::{blocks_under, headings_matching, is_call_to_submit, links_in};

static NONE_THIS_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(\bno (?:one|quotes?|qotw|nominations?|suggestions?|submissions?|votes?)\b",
        r"|lack(?:ing)? (?:of )?(?:nominations|suggestions|votes)|none this week|nobody",
        r"|did not receive|didn't receive|without a quote|quoteless|(?:was|were) (?:not )?selected",
        r"|go without|without (?:a|any)\b[^.]*\bquote)"
    ))
    .unwrap()
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
            if block.blockquote.is_some() {
                // Gather the whole quote: all paragraphs of its block quote, and of the
                // block quotes right after it when no attribution stands between them
                // (a dialogue quoted line by line).
                let mut paragraphs = Vec::new();
                // The spoken parts of a dialogue: block quotes the editors kept apart
                // (with `<!-- -->` or "And the reply:"), without the connectors.
                let mut parts: Vec<Vec<String>> = vec![Vec::new()];
                let mut inner_attribution = None;
                let mut attribution = None;
                while let Some(q) = blocks.get(i).and_then(|&b| body.blocks[b].blockquote) {
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
                            parts.last_mut().unwrap().push(inner.text.clone());
                        }
                        i += 1;
                    }
                    attribution = inner_attribution.or_else(|| {
                        blocks
                            .get(i)
                            .copied()
                            .filter(|&n| is_attribution(&body.blocks[n].text))
                    });
                    if attribution.is_some() {
                        break;
                    }
                    // Look past comments (`<!-- -->` that split block quotes) and short
                    // connectors ("And the reply:") for the quote's next part.
                    let mut j = i;
                    let mut connectors = Vec::new();
                    while let Some(&n) = blocks.get(j) {
                        let next = &body.blocks[n];
                        if next.blockquote.is_some() {
                            break;
                        }
                        let connector = next.kind == BlockKind::Paragraph
                            && next.text.len() < 60
                            && next.text.ends_with(':');
                        if next.kind == BlockKind::Html && next.text.is_empty() {
                            j += 1;
                        } else if connector {
                            connectors.push(next.text.clone());
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    if blocks
                        .get(j)
                        .is_some_and(|&n| body.blocks[n].blockquote.is_some())
                    {
                        paragraphs.extend(connectors);
                        if j > i {
                            // Block quotes only a blank line apart render as one
                            // (Python-Markdown): not a new part.
                            parts.push(Vec::new());
                        }
                        i = j;
                    } else {
                        break;
                    }
                }
                if attribution.is_some() && inner_attribution.is_none() {
                    i += 1;
                }
                if paragraphs.is_empty() {
                    continue;
                }
                let quote = make_quote(body, issue, paragraphs.join("\n\n"), attribution);
                quotes.extend(split_dialogue(quote, &parts));
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
                        .filter(|l| !is_call_to_submit(&l.text))
                        .map(|l| l.text.trim_start_matches('@').to_string()),
                );
            } else if NONE_THIS_WEEK.is_match(text) {
                says_none = true;
            }
            i += 1;
        }
    }
    if quotes.is_empty() {
        quotes.extend(prose_quotes(body, &roots_blocks(body), issue));
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

fn is_attribution(t: &str) -> bool {
    DASH.is_match(t) || t.starts_with("by ") || t.starts_with("By ")
}

fn roots_blocks(body: &Body) -> Vec<usize> {
    headings_matching(body, is_heading)
        .into_iter()
        .flat_map(|r| blocks_under(body, r))
        .collect()
}

/// Quotes written as plain paragraphs: a paragraph followed by a `– author` line
/// (2021: a limerick), or a paragraph that opens with a quotation mark (2015:
/// `*"…"* [@author] (after [someone])`).
fn prose_quotes(body: &Body, blocks: &[usize], issue: u32) -> Vec<Quote> {
    static OPENING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"^\s*["“]([^"”]{10,})["”]\s*(.*)$"#).unwrap());
    let mut out = Vec::new();
    let mut last_opening: Option<usize> = None;
    let mut paragraphs: Vec<String> = Vec::new();
    static INLINE_DASH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.{10,}?)\s+(?:--|[—–])\s+(.{1,120})$").unwrap());
    static IRC_NICK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<([^>\s]{1,30})>").unwrap());
    for (i, &b) in blocks.iter().enumerate() {
        let block = &body.blocks[b];
        if block.kind == BlockKind::Code && block.blockquote.is_none() {
            // 2015: an IRC exchange in a code block, `<nick> words`.
            let text = block.raw.trim().to_string();
            if text.is_empty() {
                continue;
            }
            let attribution = blocks
                .get(i + 1)
                .copied()
                .filter(|&n| body.blocks[n].kind == BlockKind::Paragraph);
            let mut q = make_quote(body, issue, text.clone(), None);
            if let Some(a) = attribution {
                let links = links_in(body, a);
                q.attribution = body.blocks[a].text.trim_end_matches('.').to_string();
                q.url = links.first().map(|l| l.url.clone()).unwrap_or_default();
            }
            q.author = IRC_NICK
                .captures(&text)
                .map(|c| c[1].to_string())
                .unwrap_or_default();
            out.push(q);
            continue;
        }
        if block.kind != BlockKind::Paragraph || block.in_list {
            continue;
        }
        let text = &block.text;
        if let Some(c) = INLINE_DASH.captures(text) {
            // `*quote* — [Author on venue](url)`, `*quote* — Quxxy`.
            let tail_at = text.len() - c[2].len();
            let mut q = make_quote(body, issue, c[1].trim().to_string(), None);
            let links = links_in(body, b);
            match links.iter().find(|l| l.span.start >= tail_at) {
                Some(l) => {
                    q.author = before_on(l.text.trim_start_matches('@'));
                    q.url = l.url.clone();
                }
                None => q.author = before_on(&c[2]),
            }
            q.attribution = c[2].trim_end_matches('.').trim().to_string();
            out.push(q);
            paragraphs.clear();
            continue;
        }
        if DASH.is_match(text) && !paragraphs.is_empty() {
            out.push(make_quote(body, issue, paragraphs.join("\n\n"), Some(b)));
            paragraphs.clear();
            continue;
        }
        if THANKS.is_match(text)
            || NONE_THIS_WEEK.is_match(text)
            || text.to_lowercase().contains("submit")
        {
            paragraphs.clear();
            continue;
        }
        if let Some(c) = OPENING.captures(text) {
            // Quoted paragraphs one after another are one quote.
            if let Some(prev) = out
                .last_mut()
                .filter(|q| q.author.is_empty() && last_opening == Some(i.wrapping_sub(1)))
            {
                prev.text.push_str("\n\n");
                prev.text.push_str(c[1].trim());
                last_opening = Some(i);
                continue;
            }
            last_opening = Some(i);
            let mut q = make_quote(body, issue, c[1].trim().to_string(), None);
            let rest = c[2].trim();
            let links = links_in(body, b);
            let author = links
                .iter()
                .find(|l| l.span.start >= text.len() - c[2].len());
            match author {
                Some(l) => {
                    q.author = l.text.trim_start_matches('@').to_string();
                    q.url = l.url.clone();
                }
                None => q.author = before_on(DASH.replace(rest, "").trim()),
            }
            q.attribution = rest.trim_end_matches('.').to_string();
            out.push(q);
            paragraphs.clear();
            continue;
        }
        // Only a paragraph right before a dash line is a quote.
        if blocks
            .get(i + 1)
            .is_some_and(|&n| DASH.is_match(&body.blocks[n].text))
        {
            paragraphs.push(text.clone());
        }
    }
    out
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

/// A dialogue whose parts stand in separate block quotes and whose attribution names
/// its speakers ("Brett Witty and Leon") is one quote per speaker, so that "who said
/// that?" has an answer: the parts go to the speakers in turn (question, answer,
/// question's author again). Anything else stays one quote.
fn split_dialogue(quote: Quote, parts: &[Vec<String>]) -> Vec<Quote> {
    static SPEAKERS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+(?:and|&)\s+").unwrap());
    let speakers: Vec<&str> = SPEAKERS.split(&quote.author).collect();
    let parts: Vec<&Vec<String>> = parts.iter().filter(|p| !p.is_empty()).collect();
    if speakers.len() < 2 || parts.len() < speakers.len() {
        return vec![quote];
    }
    speakers
        .iter()
        .enumerate()
        .map(|(k, speaker)| {
            let said: Vec<&str> = parts
                .iter()
                .skip(k)
                .step_by(speakers.len())
                .flat_map(|p| p.iter().map(String::as_str))
                .collect();
            Quote {
                text: said.join("\n\n"),
                author: speaker.trim().to_string(),
                ..quote.clone()
            }
        })
        .collect()
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
