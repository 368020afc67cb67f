//! Extracting Quotes of the Week from their section.
//!
//! A quote is found by one of the forms below, each a step with its own test; what
//! the attribution says (author, venue, link) is read in [`crate::attribution`].
//! - Since 2016: a block quote, then its attribution on the next line (`– [Author on
//!   Venue](url)`, `- [Author on Venue](url)` as a list item, `[jimb on
//!   rust-internals](url)` alone). Markdown's lazy continuation can pull a `– [Author]`
//!   line into the quote's last paragraph; it is cut back out. In 2014 the
//!   attribution stood inside the block quote. A dialogue quoted in several block
//!   quotes is one quote per speaker.
//! - A `<pre>` block, or an image's alt text.
//! - 2015: prose. A quotation in quotation marks over one or more paragraphs, then
//!   its attribution paragraph (`Quxxy, from [/r/rust](url)`); an IRC log in a code
//!   block; `*quote* — author` on one line.
//!
//! A quote without an author always carries the reason ([`NoAuthor`]).

use std::sync::LazyLock;

use regex::Regex;
use twir_engine::{NoAuthor, Presence, Quote};

use crate::attribution::{self, Attribution, AttributionLink, DASH};
use crate::markdown::{collapse, Block, BlockKind, Body};
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
static THANKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(thanks? (?:you )?(?:go(?:es)? )?(?:out )?to|suggested by|submitted by|for the suggestion)").unwrap()
});
/// The editors' remarks about the choice itself ("llogiq is pretty self-congratulatory
/// for picking this awesome quote"): never an attribution.
static ABOUT_THE_CHOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)self-|suggest|nominat|\bsubmit").unwrap());

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
    let blocks: Vec<usize> = roots.iter().flat_map(|&r| blocks_under(body, r)).collect();
    let section = Section {
        body,
        blocks: &blocks,
    };
    let mut quotes = section.walk(&[Section::block_quote, Section::html_quote]);
    if quotes.is_empty() {
        quotes = section.walk(&[
            Section::chat_in_code,
            Section::quote_and_dash_on_one_line,
            Section::quotation_marks,
            Section::paragraph_before_a_dash_line,
        ]);
    }
    let mut suggested_by = Vec::new();
    let mut says_none = false;
    for &b in &blocks {
        let text = &body.blocks[b].text;
        if body.blocks[b].blockquote.is_some() {
            continue;
        }
        if THANKS.is_match(text) {
            suggested_by.extend(
                links_in(body, b)
                    .iter()
                    .filter(|l| !is_call_to_submit(&l.text))
                    .map(|l| l.text.trim_start_matches('@').to_string()),
            );
        } else if NONE_THIS_WEEK.is_match(text) {
            says_none = true;
        }
    }
    // A form read on broken input can leave a quote with an attribution and no words
    // (`make fuzz` found one): that is no quote.
    let quotes: Vec<Quote> = quotes
        .into_iter()
        .filter(|q| !q.text.trim().is_empty())
        .map(|q| Quote {
            issue,
            suggested_by: suggested_by.clone(),
            ..q
        })
        .collect();
    let presence = if !quotes.is_empty() {
        Presence::Present
    } else if says_none {
        Presence::NoneThisWeek
    } else {
        Presence::Unrecognised
    };
    Extracted { presence, quotes }
}

/// The blocks of a Quote of the Week section, walked by the form steps.
struct Section<'a> {
    body: &'a Body,
    blocks: &'a [usize],
}

/// A form step: at block position `at`, the quotes that start there and the position
/// after them, or `None` when the form does not match there.
type Step<'a> = fn(&Section<'a>, usize) -> Option<(Vec<Quote>, usize)>;

impl<'a> Section<'a> {
    fn block(&self, at: usize) -> Option<&Block> {
        self.blocks.get(at).map(|&b| &self.body.blocks[b])
    }

    /// Tries the steps in order at each block; a block no step takes is passed over.
    fn walk(&self, steps: &[Step<'a>]) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < self.blocks.len() {
            match steps.iter().find_map(|step| step(self, at)) {
                Some((quotes, next)) => {
                    out.extend(quotes);
                    at = next.max(at + 1);
                }
                None => at += 1,
            }
        }
        out
    }

    /// The attribution block at `at`, read.
    fn attribution(&self, at: usize) -> Attribution {
        let b = self.blocks[at];
        let block = &self.body.blocks[b];
        attribution::read(&block.text, &self.links(b, 0..block.text.len()))
    }

    /// The links of block `b` within `range` of its text, relative to the range.
    fn links(&self, b: usize, range: std::ops::Range<usize>) -> Vec<AttributionLink> {
        links_in(self.body, b)
            .into_iter()
            .filter(|l| l.span.start >= range.start && l.span.end <= range.end)
            .map(|l| AttributionLink {
                span: l.span.start - range.start..l.span.end - range.start,
                text: l.text.clone(),
                url: l.url.clone(),
            })
            .collect()
    }

    /// Whether the block at `at`, right after a quote, is its attribution: a dash
    /// line, a `by` line, a short line with a link or a short list item, that is not
    /// the thanks, the call for quotes or a remark on the choice.
    fn is_attribution(&self, at: usize) -> bool {
        let Some(block) = self.block(at) else {
            return false;
        };
        if block.blockquote.is_some()
            || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
        {
            return false;
        }
        let t = &block.text;
        if DASH.is_match(t) || t.starts_with("by ") || t.starts_with("By ") {
            return true;
        }
        // A list item needs no link: `- Unknown person answering the Rust survey`.
        let has_link = !links_in(self.body, self.blocks[at]).is_empty();
        (has_link || block.kind == BlockKind::ListItem && t.len() < 150)
            && self.is_plain_attribution(block)
    }

    /// A short paragraph that is neither the thanks, the call for quotes, a "none
    /// this week", a remark on the choice, nor an introduction ending in `:`.
    fn is_plain_attribution(&self, block: &Block) -> bool {
        let t = block.text.trim();
        !t.is_empty()
            && t.len() < 250
            && !t.ends_with(':')
            && !THANKS.is_match(t)
            && !NONE_THIS_WEEK.is_match(t)
            && !ABOUT_THE_CHOICE.is_match(t)
    }

    /// Step: a block quote, the block quotes that continue it, and its attribution.
    fn block_quote(&self, start: usize) -> Option<(Vec<Quote>, usize)> {
        let q0 = self.block(start)?.blockquote?;
        let mut at = start;
        let mut paragraphs: Vec<String> = Vec::new();
        // The spoken parts of a dialogue: block quotes the editors kept apart (with
        // `<!-- -->` or "And the reply:"), without the connectors.
        let mut parts: Vec<Vec<String>> = vec![Vec::new()];
        let mut attribution = None;
        let mut q = q0;
        loop {
            while let Some(inner) = self.block(at).filter(|b| b.blockquote == Some(q)) {
                // 2014: `- [author](url) on …` inside the block quote.
                if DASH.is_match(&inner.text)
                    && inner.kind != BlockKind::ListItem
                    && !paragraphs.is_empty()
                {
                    attribution = Some(self.attribution(at));
                } else if matches!(
                    inner.kind,
                    BlockKind::Paragraph | BlockKind::Code | BlockKind::ListItem
                ) && !inner.text.is_empty()
                {
                    let (said, trailing) = self.lazy_attribution(at);
                    paragraphs.push(said.clone());
                    parts.last_mut().unwrap().push(said);
                    attribution = attribution.or(trailing);
                }
                at += 1;
            }
            if attribution.is_none() && self.is_attribution(at) {
                attribution = Some(self.attribution(at));
                at += 1;
            }
            if attribution.is_some() {
                break;
            }
            // Look past comments (`<!-- -->` that split block quotes) and short
            // connectors ("And the reply:") for the quote's next part.
            let mut next = at;
            let mut connectors = Vec::new();
            while let Some(block) = self.block(next) {
                if block.blockquote.is_some() {
                    break;
                }
                if block.kind == BlockKind::Html && block.text.is_empty() {
                    next += 1;
                } else if block.kind == BlockKind::Paragraph
                    && block.text.len() < 60
                    && block.text.ends_with(':')
                {
                    connectors.push(block.text.clone());
                    next += 1;
                } else {
                    break;
                }
            }
            match self.block(next).and_then(|b| b.blockquote) {
                Some(q_next) => {
                    paragraphs.extend(connectors);
                    if next > at {
                        // Block quotes only a blank line apart render as one
                        // (Python-Markdown): not a new part.
                        parts.push(Vec::new());
                    }
                    at = next;
                    q = q_next;
                }
                None => break,
            }
        }
        if paragraphs.is_empty() {
            return Some((Vec::new(), at));
        }
        let quote = make_quote(paragraphs.join("\n\n"), attribution);
        Some((split_dialogue(quote, &parts), at))
    }

    /// The text of the quote's paragraph at `at`, and the attribution Markdown's lazy
    /// continuation pulled into it: `… crab-like features. – [Sean Baxter on
    /// circle-lang.org](url)`, where the dash line under the block quote joined it.
    fn lazy_attribution(&self, at: usize) -> (String, Option<Attribution>) {
        static TAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s(?:--|[–—―])\s*$").unwrap());
        let b = self.blocks[at];
        let text = &self.body.blocks[b].text;
        let links = links_in(self.body, b);
        let whole = (text.clone(), None);
        let Some(last) = links.last() else {
            return whole;
        };
        let after = text[last.span.end..].trim();
        if !(after.is_empty() || after == ".") || !TAIL.is_match(&text[..last.span.start]) {
            return whole;
        }
        let cut = text[..last.span.start].trim_end().len();
        let dash = text[..cut]
            .trim_end_matches(['–', '—', '―', '-'])
            .trim_end();
        if dash.is_empty() {
            return whole;
        }
        let range = dash.len()..text.len();
        let read = attribution::read(&text[range.clone()], &self.links(b, range));
        (dash.to_string(), Some(read))
    }

    /// Step: a quote in raw HTML (`<pre>`, or an image's alt text), and the dash line
    /// after it.
    fn html_quote(&self, at: usize) -> Option<(Vec<Quote>, usize)> {
        let block = self.block(at)?;
        if block.kind != BlockKind::Html || block.blockquote.is_some() {
            return None;
        }
        let text = html_quote_text(&block.raw)?;
        let dash = self
            .block(at + 1)
            .is_some_and(|b| DASH.is_match(&b.text))
            .then(|| self.attribution(at + 1));
        let next = if dash.is_some() { at + 2 } else { at + 1 };
        Some((vec![make_quote(text, dash)], next))
    }

    /// Step (2015): an IRC log in a code block, `< nick> words`, with the paragraph
    /// after it as its attribution (`Ms2ger in #rust.`).
    fn chat_in_code(&self, at: usize) -> Option<(Vec<Quote>, usize)> {
        let block = self.block(at)?;
        if block.kind != BlockKind::Code || block.blockquote.is_some() {
            return None;
        }
        let text = block.raw.trim().to_string();
        if text.is_empty() {
            return None;
        }
        let next = self
            .block(at + 1)
            .filter(|b| b.kind == BlockKind::Paragraph && self.is_plain_attribution(b));
        let attribution = next.map(|_| self.attribution(at + 1));
        let end = at + 1 + usize::from(attribution.is_some());
        // A log with one speaker names its author better than the prose after it
        // ("Quxxy discovers Rust's stance …", "@bluss knows a few things …").
        let attribution = match (chat_speakers(&text).as_slice(), attribution) {
            ([one], Some(a))
                if twir_engine::author_key(&a.author) != twir_engine::author_key(one) =>
            {
                Some(Attribution {
                    author: one.clone(),
                    venue: a.written.clone(),
                    no_author: None,
                    ..a
                })
            }
            (_, a) => a,
        };
        Some((vec![make_quote(text, attribution)], end))
    }

    /// Step (2015): `*quote* — [Author on venue](url)` or `*quote* — Quxxy` on one line.
    fn quote_and_dash_on_one_line(&self, at: usize) -> Option<(Vec<Quote>, usize)> {
        static INLINE_DASH: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(.{10,}?)\s+(?:--|[—–])\s+(.{1,120})$").unwrap());
        let block = self.block(at).filter(|b| is_prose(b))?;
        let c = INLINE_DASH.captures(&block.text)?;
        let tail = c.get(2).unwrap().range();
        let read = attribution::read(&c[2], &self.links(self.blocks[at], tail));
        Some((
            vec![make_quote(c[1].trim().to_string(), Some(read))],
            at + 1,
        ))
    }

    /// Step (2015): a quotation in quotation marks, over paragraphs up to the one that
    /// closes it (and the quoted paragraphs right after it), then its attribution: the
    /// words after the closing mark, the next paragraph, or the link of an introduction
    /// before it ("here's one from [Evan Miller's evaluation of Rust](url):").
    fn quotation_marks(&self, start: usize) -> Option<(Vec<Quote>, usize)> {
        static CLOSED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#"^\s*["“](.*)["”]\s*(.*)$"#).unwrap());
        let opens = |b: &Block| b.text.trim_start().starts_with(['"', '“']);
        let first = self.block(start).filter(|b| is_prose(b) && opens(b))?;
        let mut paragraphs = Vec::new();
        let mut at = start;
        let mut inline_tail = None;
        let mut block = first;
        loop {
            let text = block.text.trim();
            let said = text.trim_start_matches(['"', '“']).trim_start();
            if let Some(c) = CLOSED.captures(text).filter(|c| {
                paragraphs.is_empty() && !c[2].trim().is_empty() && !c[1].contains(['"', '“', '”'])
            }) {
                // `*"…"* [@author] (after [someone])`.
                paragraphs.push(c[1].trim().to_string());
                let tail = c.get(2).unwrap().range();
                let offset = block.text.len() - block.text.trim_start().len();
                let range = tail.start + offset..tail.end + offset;
                let links = self.links(self.blocks[at], range);
                inline_tail = Some(attribution::read(&c[2], &links));
                at += 1;
                break;
            }
            at += 1;
            if said.ends_with(['"', '”']) {
                paragraphs.push(said.trim_end_matches(['"', '”']).trim().to_string());
                // Quoted paragraphs one after another are one quote.
                match self.block(at).filter(|b| is_prose(b) && opens(b)) {
                    Some(b) => block = b,
                    None => break,
                }
            } else {
                // Still open: the quotation goes on in the next paragraph.
                paragraphs.push(said.to_string());
                let goes_on = |b: &&Block| {
                    is_prose(b)
                        && paragraphs.len() < 8
                        && !THANKS.is_match(&b.text)
                        && !NONE_THIS_WEEK.is_match(&b.text)
                };
                match self.block(at).filter(goes_on) {
                    Some(b) => block = b,
                    None => break,
                }
            }
        }
        let attribution = inline_tail
            .or_else(|| {
                self.block(at)
                    .filter(|b| is_prose(b) && !opens(b) && self.is_plain_attribution(b))
                    .map(|_| {
                        at += 1;
                        self.attribution(at - 1)
                    })
            })
            .or_else(|| self.introduction(start));
        Some((vec![make_quote(paragraphs.join("\n\n"), attribution)], at))
    }

    /// The source named by the paragraph before `at` when it introduces the quote
    /// ("here's one from [Evan Miller's evaluation of Rust](url):").
    fn introduction(&self, at: usize) -> Option<Attribution> {
        let before = at.checked_sub(1)?;
        let block = self
            .block(before)
            .filter(|b| b.text.trim().ends_with(':'))?;
        let links = self.links(self.blocks[before], 0..block.text.len());
        links.last().map(attribution::read_link)
    }

    /// Step (2021): the paragraph right before a `– author` line (a limerick, its
    /// lines kept by line breaks).
    fn paragraph_before_a_dash_line(&self, at: usize) -> Option<(Vec<Quote>, usize)> {
        let said = self.block(at).filter(|b| {
            is_prose(b)
                && !DASH.is_match(&b.text)
                && !THANKS.is_match(&b.text)
                && !NONE_THIS_WEEK.is_match(&b.text)
        })?;
        self.block(at + 1)
            .filter(|b| is_prose(b) && DASH.is_match(&b.text))?;
        let quote = make_quote(said.text.clone(), Some(self.attribution(at + 1)));
        Some((vec![quote], at + 2))
    }
}

/// A paragraph of prose outside block quotes and lists.
fn is_prose(b: &Block) -> bool {
    b.kind == BlockKind::Paragraph && b.blockquote.is_none() && !b.in_list
}

/// A quote from its text and what its attribution says. Without an author, the reason:
/// a chat log with one speaker gives that speaker; with several, it is a conversation.
fn make_quote(text: String, attribution: Option<Attribution>) -> Quote {
    let a = attribution.unwrap_or_else(|| attribution::read("", &[]));
    let mut quote = Quote {
        issue: 0,
        text,
        author: a.author,
        venue: a.venue,
        attribution: a.written,
        url: a.url,
        suggested_by: Vec::new(),
        no_author: a.no_author,
    };
    if quote.author.is_empty() {
        match chat_speakers(&quote.text).as_slice() {
            [one] => {
                quote.author = one.clone();
                quote.no_author = None;
            }
            [] => {}
            _ => quote.no_author = Some(NoAuthor::Conversation),
        }
    }
    quote
}

/// The speakers of a chat log, in order of first appearance: `< reem> …`,
/// `03:46 < durka42> …`, `<kmc\> …`, `fzammetti:` on a line of its own.
fn chat_speakers(text: &str) -> Vec<String> {
    static NICK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)(?:^|\s)<\s*([A-Za-z0-9_\-|\[\]`^{}]{1,30})\\?>|^([A-Za-z0-9_\-]{2,30}):\s*$",
        )
        .unwrap()
    });
    let mut out: Vec<String> = Vec::new();
    for c in NICK.captures_iter(text) {
        let nick = c.get(1).or(c.get(2)).unwrap().as_str().to_string();
        if !out.contains(&nick) {
            out.push(nick);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The quotes of a Quote of the Week section written in Markdown.
    fn quotes(section: &str) -> Vec<Quote> {
        let md = format!("# Quote of the Week\n\n{section}\n\n# Call for Participation\n");
        let body = crate::markdown::parse(&md, 1);
        let e = extract(&body, 1);
        assert_eq!(e.presence, Presence::Present, "{section}");
        e.quotes
    }

    fn one(section: &str) -> Quote {
        let q = quotes(section);
        assert_eq!(q.len(), 1, "{q:#?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn block_quote_then_dash_line() {
        let q = one("> Quoted words.\n\n– [allp on mastodon](https://hachyderm.io/@allp/1)\n\nThanks to [Jane](https://users.rust-lang.org/u/jane) for the suggestion!");
        assert_eq!(q.text, "Quoted words.");
        assert_eq!(
            (q.author.as_str(), q.venue.as_str()),
            ("allp", "on mastodon")
        );
        assert_eq!(q.url, "https://hachyderm.io/@allp/1");
        assert_eq!(q.suggested_by, ["Jane"]);
    }

    #[test]
    fn dash_line_pulled_into_the_quote_by_lazy_continuation() {
        // 571: the attribution line right under the block quote, no blank line.
        let q = one("> In the compiler business this is called carcinization.\n– [Sean Baxter on circle-lang.org](https://www.circle-lang.org/x)\n\nThanks to [C](https://u/c) for the suggestion!");
        assert_eq!(
            q.text,
            "In the compiler business this is called carcinization."
        );
        assert_eq!(q.author, "Sean Baxter");
        assert_eq!(q.venue, "on circle-lang.org");
        assert_eq!(q.url, "https://www.circle-lang.org/x");
    }

    #[test]
    fn attribution_as_a_list_item_after_the_block_quote() {
        // 350–361.
        let q = one("> You're not allowed to use references in structs.\n\n- [Kornel on rust-users](https://users.rust-lang.org/t/x/4)\n\nThanks to [Tom](https://u/t) for the suggestion!");
        assert_eq!(
            (q.author.as_str(), q.venue.as_str()),
            ("Kornel", "on rust-users")
        );
        // 359: no link, and no person.
        let q = one("> clippy is for people who find a certain emptiness inside\n\n- Unknown person answering the Rust survey\n\nThanks to [blonk](https://u/b) for the suggestion!");
        assert_eq!(
            (q.author.as_str(), q.no_author),
            ("", Some(NoAuthor::Unattributed))
        );
        assert_eq!(q.attribution, "Unknown person answering the Rust survey");
    }

    #[test]
    fn link_alone_after_the_block_quote() {
        // 284 and 112: no dash.
        let q = one("> Clippy’s Favorite Activity Is Criticizing Clippy’s Codebase\n\n[ReductRs on twitter](https://mobile.twitter.com/x)!\n\nLlogiq is pretty self-congratulatory for picking this awesome quote.");
        assert_eq!(
            (q.author.as_str(), q.venue.as_str()),
            ("ReductRs", "on twitter")
        );
        let q = one("> I think the \"standard library\" is really a brand.\n\n[jimb on rust-internals](https://internals.rust-lang.org/x)\n\nThanks to llogiq for the belated suggestion.");
        assert_eq!(q.author, "jimb");
    }

    #[test]
    fn attribution_inside_the_block_quote_in_2014() {
        let q = one("> The quote.\n>\n> -- [pcwalton](https://github.com/pcwalton) on [the list](https://mail.mozilla.org/x)");
        assert_eq!(q.text, "The quote.");
        assert_eq!(
            (q.author.as_str(), q.venue.as_str()),
            ("pcwalton", "on the list")
        );
        assert_eq!(q.url, "https://mail.mozilla.org/x");
    }

    #[test]
    fn two_quotations_with_their_own_attributions_are_two_quotes() {
        // 82.
        let q = quotes(concat!(
            "*\"Dude, you can't just tell people it's the secret plan!\"*\n\n",
            "Quxxy, from [/r/rust](http://www.reddit.com/r/rust/x).\n\n",
            "*\"The 1st rule of Secret Rust Club is: you don't talk about Secret Rust Club.*\n\n",
            "*The 2nd rule of Secret Rust Club is: error: `1st rule` does not live long enough.*\n\n",
            "*error: aborting due to previous error\"*\n\n",
            "JakDrako, from the same thread.\n\n",
            "Thanks to drbawb and Manishearth for the tip."
        ));
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(
            (q[0].author.as_str(), q[0].venue.as_str()),
            ("Quxxy", "from /r/rust")
        );
        assert_eq!(
            q[0].text,
            "Dude, you can't just tell people it's the secret plan!"
        );
        assert_eq!(
            (q[1].author.as_str(), q[1].venue.as_str()),
            ("JakDrako", "from the same thread")
        );
        assert!(q[1].text.starts_with("The 1st rule") && q[1].text.ends_with("previous error"));
    }

    #[test]
    fn quotation_introduced_before_it() {
        // 81: the second quote's source is named in the paragraph before it.
        let q = quotes(concat!(
            "*\"Laundry eating has evolved to be a design goal now.\"*\n\n",
            "*\"We hope this benefits the Laundry as a Service community.\"*\n\n",
            "Manish [explains](http://www.reddit.com/x) Rust's roadmap for laundry-eating.\n\n",
            "Thanks to filsmick for the tip.\n\n",
            "And here's one from [Evan Miller's evaluation of Rust](http://www.evanmiller.org/x):\n\n",
            "*\"Rust is a systems language.\"*\n\n",
            "Thanks to ruudva for the tip."
        ));
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].author, "Manish");
        assert!(q[0].text.contains("\n\nWe hope"));
        assert_eq!(
            (q[1].author.as_str(), q[1].url.as_str()),
            ("Evan Miller", "http://www.evanmiller.org/x")
        );
    }

    #[test]
    fn irc_log_in_a_code_block() {
        // 79 and 74: one speaker is the author, whatever the paragraph after says.
        let q = one("```text\n< Ms2ger> And note, unsafe code isn't for violating Rust's invariants\n```\n\nMs2ger in #rust.\n\nThanks to bluss for the tip.");
        assert_eq!(
            (q.author.as_str(), q.venue.as_str()),
            ("Ms2ger", "in #rust")
        );
        let q = one("```text\n< reem> I can't bring myself to read small caps\n```\n\nIn reference to last week's [celebration](https://www.reddit.com/x) on /r/rust.");
        assert_eq!(q.author, "reem");
        assert_eq!(q.no_author, None);
        assert_eq!(
            q.venue,
            "In reference to last week's celebration on /r/rust"
        );
        // 91: the prose after the log is about the speaker, not a name.
        let q = one("    <bluss> I've tried using unchecked indexing\n    <bluss> so it's the tightest loops\n\n@bluss knows a few things about micro-optimization.");
        assert_eq!(q.author, "bluss");
    }

    #[test]
    fn a_chat_with_several_speakers_and_no_attribution_is_a_conversation() {
        // 136, 184.
        let q = one("> <ketralnis\\> Rust is also really phobic of heap allocations\n> <Xion\\> Yes, Rust encourages everyone to be a full stack developer :)\n\nThanks to [Matt Brubeck](https://users.rust-lang.org/users/mbrubeck) for the suggestion.");
        assert_eq!(q.author, "");
        assert_eq!(q.no_author, Some(NoAuthor::Conversation));
        assert_eq!(chat_speakers(&q.text), ["ketralnis", "Xion"]);
    }

    #[test]
    fn a_place_only_attribution_is_no_person() {
        let q = one("> Kill it with fire.\n\n– in #rust-offtopic");
        assert_eq!(q.author, "");
        assert_eq!(q.no_author, Some(NoAuthor::NoPerson));
        assert_eq!(q.venue, "in #rust-offtopic");
    }

    #[test]
    fn quote_and_dash_on_one_line() {
        let q = one(
            "*Rust is a language that has cute crabs.* — [Quxxy on reddit](https://reddit.com/x)",
        );
        assert_eq!(
            (q.author.as_str(), q.venue.as_str()),
            ("Quxxy", "on reddit")
        );
        assert_eq!(q.url, "https://reddit.com/x");
    }

    #[test]
    fn limerick_before_a_dash_line() {
        let q = one("Intro.\n\nThere once was a crate on the shelf\nThat compiled and tested itself\n\n– llogiq");
        assert_eq!(q.author, "llogiq");
        assert!(q.text.ends_with("tested itself"));
    }
}
