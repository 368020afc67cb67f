//! Markdown to blocks and links, as readers saw them on the site.
//!
//! pulldown-cmark does the parsing. Where CommonMark and the site's renderer
//! (Python-Markdown 3.7) disagree, we follow the site: the later definition of a
//! duplicated reference label wins. HTML comments are raw HTML in both, so links
//! inside them never become links.

use std::collections::HashMap;
use std::sync::LazyLock;

use pulldown_cmark::{
    BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use regex::Regex;

/// What kind of block a piece of text stood in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    ListItem,
    Heading,
    TableCell,
    Code,
    Html,
    Footnote,
}

/// A block of text with the links it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's own plain text (nested blocks' text is in their own block).
    pub text: String,
    /// For `Html` and `Code` blocks: the raw source.
    pub raw: String,
    pub line: usize,
    /// Index into [`Body::headings`] of the heading this block stands under.
    pub heading: Option<usize>,
    /// Which block quote it stands in (an id shared by the blocks of one quote).
    pub blockquote: Option<usize>,
    /// True for the blocks of a list item (at any depth).
    pub in_list: bool,
}

/// A heading of the issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub line: usize,
    /// Index of the enclosing heading (the nearest earlier one with a smaller level).
    pub parent: Option<usize>,
}

/// A rendered link.
#[derive(Debug, Clone, PartialEq)]
pub struct RawLink {
    /// Link text, inline markup flattened, white space collapsed, tags removed.
    pub text: String,
    pub url: String,
    pub line: usize,
    /// Index into [`Body::blocks`].
    pub block: usize,
    pub tags: Vec<String>,
    pub autolink: bool,
    /// Byte range of the link text within its block's `text`.
    pub span: std::ops::Range<usize>,
}

/// A parsed issue body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub links: Vec<RawLink>,
}

impl Body {
    /// `A > B > C` for the heading at `index`.
    pub fn section_path(&self, index: Option<usize>) -> Vec<&str> {
        let mut path = Vec::new();
        let mut at = index;
        while let Some(i) = at {
            path.push(self.headings[i].text.as_str());
            at = self.headings[i].parent;
        }
        path.reverse();
        path
    }
}

struct OpenBlock {
    kind: BlockKind,
    text: String,
    raw: String,
    start: usize,
    /// Block index reserved for this block (links point at it before it closes).
    index: usize,
}

struct OpenLink {
    url: String,
    text: String,
    line: usize,
    block: usize,
    tags: Vec<String>,
    autolink: bool,
    /// Byte offset of the link in its block's raw (uncollapsed) text.
    start_in_block: usize,
}

/// Parses `body`, whose first line is line `first_line` of its file.
pub fn parse(body: &str, first_line: usize) -> Body {
    let body = &join_broken_destinations(body);
    let definitions = last_reference_definitions(body);
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    // A reference CommonMark cannot resolve but the site did (its definitions were
    // swallowed by an empty definition before them, say) still renders as a link.
    let mut resolve = |broken: BrokenLink<'_>| {
        // `[a]: url` lines that CommonMark read as text are definitions, not links.
        if body[broken.span.end..].starts_with(':') {
            return None;
        }
        definitions
            .get(&normalize_label(&broken.reference))
            .map(|url| (CowStr::from(url.clone()), CowStr::from("")))
    };
    let parser =
        Parser::new_with_broken_link_callback(body, options, Some(&mut resolve)).into_offset_iter();
    let mut reader = Reader::new(body, first_line, &definitions);
    for (event, range) in parser {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                reader.quotes.push(reader.quote_count);
                reader.quote_count += 1;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => reader.open_link(link_type, &dest_url, &id, range.start),
            Event::Start(Tag::Image { .. }) => reader.image_depth += 1,
            Event::Start(tag) => {
                if let Some(kind) = reader.block_kind(&tag) {
                    reader.open_block(&tag, kind, range.start);
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                reader.quotes.pop();
            }
            Event::End(TagEnd::Link) => reader.close_link(),
            Event::End(TagEnd::Image) => reader.image_depth = reader.image_depth.saturating_sub(1),
            Event::End(end) if closes_block(end) => reader.close_block(range.end),
            Event::Text(t) | Event::Code(t) => reader.text(&t),
            Event::Html(t) | Event::InlineHtml(t) => reader.html(&t),
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut reader.stack, &mut reader.links, " ")
            }
            _ => {}
        }
    }
    reader.finish()
}

/// Whether `end` closes one of the blocks text is gathered in (see [`Reader::block_kind`]).
fn closes_block(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::Heading(_)
            | TagEnd::TableCell
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
    )
}

/// The state of one pass over pulldown-cmark's events: the blocks and links open now,
/// the heading and block quote they stand in, and what has been read so far.
struct Reader<'a> {
    body: &'a str,
    definitions: &'a HashMap<String, String>,
    first_line: usize,
    /// Byte offset where each line of `body` starts.
    line_starts: Vec<usize>,
    out: Body,
    stack: Vec<OpenBlock>,
    links: Vec<OpenLink>,
    heading_level: Option<u8>,
    current_heading: Option<usize>,
    /// The block quotes open now, innermost last, by their order in the body.
    quotes: Vec<usize>,
    quote_count: usize,
    list_depth: usize,
    image_depth: usize,
}

impl<'a> Reader<'a> {
    fn new(body: &'a str, first_line: usize, definitions: &'a HashMap<String, String>) -> Self {
        Reader {
            body,
            definitions,
            first_line,
            line_starts: std::iter::once(0)
                .chain(body.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            out: Body::default(),
            stack: Vec::new(),
            links: Vec::new(),
            heading_level: None,
            current_heading: None,
            quotes: Vec::new(),
            quote_count: 0,
            list_depth: 0,
            image_depth: 0,
        }
    }

    /// The file's line number of byte `offset` of the body.
    fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The kind of block `tag` opens, if text is gathered in it.
    fn block_kind(&self, tag: &Tag) -> Option<BlockKind> {
        Some(match tag {
            Tag::Paragraph => BlockKind::Paragraph,
            Tag::Item => BlockKind::ListItem,
            // A heading inside a quoted text is part of the quote, not a section.
            Tag::Heading { .. } if !self.quotes.is_empty() => BlockKind::Paragraph,
            Tag::Heading { .. } => BlockKind::Heading,
            Tag::TableCell => BlockKind::TableCell,
            Tag::CodeBlock(_) => BlockKind::Code,
            Tag::HtmlBlock => BlockKind::Html,
            Tag::FootnoteDefinition(_) => BlockKind::Footnote,
            _ => return None,
        })
    }

    /// Blocks are stored in the order they open, so a list item comes before its text.
    fn open_block(&mut self, tag: &Tag, kind: BlockKind, start: usize) {
        if let (Tag::Heading { level, .. }, BlockKind::Heading) = (tag, kind) {
            self.heading_level = Some(level_number(*level));
        }
        self.out.blocks.push(Block {
            kind,
            text: String::new(),
            raw: String::new(),
            line: self.line_of(start),
            heading: self.current_heading,
            blockquote: self.quotes.last().copied(),
            in_list: self.list_depth > 0 || kind == BlockKind::ListItem,
        });
        if kind == BlockKind::ListItem {
            self.list_depth += 1;
        }
        self.stack.push(OpenBlock {
            kind,
            text: String::new(),
            raw: String::new(),
            start,
            index: self.out.blocks.len() - 1,
        });
    }

    fn close_block(&mut self, end: usize) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        if open.kind == BlockKind::ListItem {
            self.list_depth = self.list_depth.saturating_sub(1);
        }
        let text = collapse(&open.text);
        for link in self.out.links.iter_mut().filter(|l| l.block == open.index) {
            link.span = collapsed_span(&open.text, link.span.clone());
        }
        let block = &mut self.out.blocks[open.index];
        block.text = text.clone();
        block.raw = if matches!(open.kind, BlockKind::Html | BlockKind::Code) {
            open.raw
        } else {
            self.body[open.start..end].to_string()
        };
        if open.kind == BlockKind::Heading {
            let level = self.heading_level.take().unwrap_or(1);
            let mut parent = self.current_heading;
            while let Some(p) = parent {
                if self.out.headings[p].level < level {
                    break;
                }
                parent = self.out.headings[p].parent;
            }
            self.out.headings.push(Heading {
                level,
                text: heading_text(&text),
                line: block.line,
                parent,
            });
            self.current_heading = Some(self.out.headings.len() - 1);
            // A heading's own links stand in the section it opens.
            block.heading = self.current_heading;
        }
    }

    fn open_link(&mut self, link_type: LinkType, dest_url: &str, id: &str, start: usize) {
        let url = match link_type {
            LinkType::Reference
            | LinkType::Collapsed
            | LinkType::Shortcut
            | LinkType::ReferenceUnknown
            | LinkType::CollapsedUnknown
            | LinkType::ShortcutUnknown => self
                .definitions
                .get(&normalize_label(id))
                .cloned()
                .unwrap_or_else(|| dest_url.to_string()),
            _ => dest_url.to_string(),
        };
        let block = self.stack.last().map_or(usize::MAX, |b| b.index);
        let before = self.stack.last().map_or("", |b| b.text.as_str());
        self.links.push(OpenLink {
            url,
            text: String::new(),
            line: self.line_of(start),
            block,
            tags: tags_before(before),
            autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
            start_in_block: before.len(),
        });
    }

    fn close_link(&mut self) {
        let Some(open) = self.links.pop() else {
            return;
        };
        let raw_end = self
            .stack
            .iter()
            .find(|b| b.index == open.block)
            .map_or(open.start_in_block, |b| b.text.len());
        let (text, inner_tags) = strip_leading_tags(&collapse(&open.text));
        let mut tags = open.tags;
        tags.extend(inner_tags);
        tags.dedup();
        self.out.links.push(RawLink {
            text,
            url: clean_url(&open.url),
            line: open.line,
            block: open.block,
            tags,
            autolink: open.autolink,
            // Raw offsets for now; made collapsed offsets when the block closes.
            span: open.start_in_block..raw_end,
        });
    }

    fn text(&mut self, t: &str) {
        // Image alt text is not part of the text around it, as on the page.
        if self.image_depth == 0 {
            push_text(&mut self.stack, &mut self.links, t);
        } else if let Some(link) = self.links.last_mut() {
            link.text.push_str(t);
        }
        if let Some(top) = self.stack.last_mut() {
            if matches!(top.kind, BlockKind::Code) {
                top.raw.push_str(t);
            }
        }
    }

    fn html(&mut self, t: &str) {
        if let Some(top) = self.stack.last_mut() {
            top.raw.push_str(t);
        }
        if t.trim_start().starts_with("<br") {
            push_text(&mut self.stack, &mut self.links, " ");
        }
    }

    fn finish(mut self) -> Body {
        // Links outside any block (not produced by pulldown-cmark, but be safe) get the
        // last block.
        let last = self.out.blocks.len().saturating_sub(1);
        for link in &mut self.out.links {
            if link.block == usize::MAX {
                link.block = last;
            }
        }
        self.out
    }
}

fn push_text(stack: &mut [OpenBlock], links: &mut [OpenLink], t: &str) {
    if let Some(top) = stack.last_mut() {
        top.text.push_str(t);
    }
    for link in links.iter_mut() {
        link.text.push_str(t);
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Heading text without a trailing colon or `{: #anchor}` attribute list.
fn heading_text(text: &str) -> String {
    let text = match text.find("{:") {
        Some(i) if text.trim_end().ends_with('}') => &text[..i],
        _ => text,
    };
    text.trim().trim_end_matches(':').trim().to_string()
}

/// Maps a byte range of `raw` to the same text's range in `collapse(raw)`.
fn collapsed_span(raw: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let map = |offset: usize| collapse(&raw[..offset.min(raw.len())]).len();
    let start = map(span.start);
    // A link after a space starts one byte further than the collapsed prefix says.
    let lead_space = start > 0 && raw[..span.start.min(raw.len())].ends_with(char::is_whitespace);
    // Both within the collapsed text: a link whose text collapses to nothing at the end
    // of its block would otherwise start past it (`make fuzz` found it; a quote's
    // attribution then sliced past the end of the text).
    let total = collapse(raw).len();
    let start = (start + usize::from(lead_space)).min(total);
    let end = map(span.end).clamp(start, total);
    start..end
}

/// Collapses runs of white space to one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes white space and control characters that hand edits left inside URLs
/// (a URL broken across lines, a stray tab).
/// A link whose URL was wrapped onto the next line (`[t](https://a.b/?x\ny=1)`) is a
/// link on the site (Python-Markdown) but text for CommonMark: join the URL. Only when a
/// blank line follows, where the moved line break changes nothing and every later line
/// keeps its number.
fn join_broken_destinations(body: &str) -> std::borrow::Cow<'_, str> {
    static BROKEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\]\(([a-z]+://[^\s()<>]+)\n([^\s()<>]+)\)([ \t]*\n[ \t]*(?:\n|\z))").unwrap()
    });
    BROKEN.replace_all(body, "]($1$2)\n$3")
}

fn clean_url(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Reference definitions, with the later definition of a label winning as on the site.
fn last_reference_definitions(body: &str) -> HashMap<String, String> {
    static DEF: LazyLock<Regex> = LazyLock::new(|| {
        // The destination may be on the next line, but a next line that is itself a
        // definition (`[a]:` then `[b]: url`) leaves `[a]` undefined, as on the site.
        Regex::new(r#"(?m)^ {0,3}\[([^\]\n]+)\]:[ \t]*(?:\n[ \t]*)?<?([^\s<>\[\]][^\s>]*)>?"#)
            .unwrap()
    });
    let mut map = HashMap::new();
    for c in DEF.captures_iter(body) {
        map.insert(normalize_label(&c[1]), c[2].to_string());
    }
    map
}

/// Labels match case-insensitively with white space collapsed.
fn normalize_label(label: &str) -> String {
    collapse(label).to_lowercase()
}

static TAG_WORDS: [&str; 14] = [
    "video",
    "audio",
    "series",
    "podcast",
    "slides",
    "pdf",
    "paper",
    "talk",
    "livestream",
    "stream",
    "book",
    "tutorial",
    "workshop",
    "course",
];

fn tag_of(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    if TAG_WORDS.contains(&lower.as_str()) {
        return Some(lower);
    }
    // Language tags: `[FR]`, `[DE]`, `[ZH]`, `[PT-BR]`.
    let is_lang = (2..=5).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_uppercase() || c == '-')
        && word.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && !matches!(
            word,
            "RFC" | "PR" | "FCP" | "MCP" | "API" | "CLI" | "GUI" | "TUI" | "WIP"
        );
    is_lang.then_some(lower)
}

/// Tags written just before a link: `[video] [Title](url)`, `[series][video] ...`.
fn tags_before(text: &str) -> Vec<String> {
    static TAIL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"((?:\[[A-Za-z][A-Za-z-]{1,11}\]\s*)+)$").unwrap());
    static ONE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[([A-Za-z][A-Za-z-]*)\]").unwrap());
    let Some(m) = TAIL.captures(text.trim_end_matches(['(', ' '])) else {
        return Vec::new();
    };
    ONE.captures_iter(&m[1])
        .filter_map(|c| tag_of(&c[1]))
        .collect()
}

/// `[video] Title` as link text: the tag is taken out of the text.
fn strip_leading_tags(text: &str) -> (String, Vec<String>) {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[([A-Za-z][A-Za-z-]{1,11})\]\s*").unwrap());
    let mut rest = text;
    let mut tags = Vec::new();
    while let Some(c) = LEAD.captures(rest) {
        match tag_of(&c[1]) {
            Some(tag) if c[0].len() < rest.len() => {
                tags.push(tag);
                rest = &rest[c[0].len()..];
            }
            _ => break,
        }
    }
    (rest.to_string(), tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_reference_definition_wins_as_on_the_site() {
        let body = "See [tokio][t] and [Tokio].\n\n[t]: https://first.example\n[T]: https://second.example\n[tokio]: https://tokio.rs\n";
        let b = parse(body, 1);
        let urls: Vec<_> = b.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, vec!["https://second.example", "https://tokio.rs"]);
    }

    #[test]
    fn an_empty_definition_does_not_swallow_the_next_ones() {
        let body = "* [A][a] and [B][b].\n\n[x]:\n[a]: https://a.example\n[b]: https://b.example\n";
        let b = parse(body, 1);
        let urls: Vec<_> = b.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, vec!["https://a.example", "https://b.example"]);
    }

    #[test]
    fn spaced_brackets_and_comments_are_not_links() {
        let body = "[text] (https://a.example)\n\n<!--\n* [Title](https://b.example)\n-->\n\nok <https://c.example>\n";
        let b = parse(body, 1);
        let urls: Vec<_> = b.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, vec!["https://c.example"]);
        assert!(b.links[0].autolink);
    }

    #[test]
    fn sections_tags_context_and_lines() {
        let body = "## Updates from Rust Community\n\n### Observations/Thoughts\n\n* [video] [A `Box<dyn Error>` talk](https://v.example) by someone\n* [[audio] Podcast](https://p.example)\n";
        let b = parse(body, 10);
        assert_eq!(b.links.len(), 2);
        let l = &b.links[0];
        assert_eq!(l.text, "A Box<dyn Error> talk");
        assert_eq!(l.tags, vec!["video"]);
        assert_eq!(l.line, 14);
        let block = &b.blocks[l.block];
        assert_eq!(block.text, "[video] A Box<dyn Error> talk by someone");
        assert_eq!(
            b.section_path(block.heading),
            vec!["Updates from Rust Community", "Observations/Thoughts"]
        );
        assert_eq!(&block.text[l.span.clone()], "A Box<dyn Error> talk");
        assert_eq!(b.links[1].text, "Podcast");
        assert_eq!(b.links[1].tags, vec!["audio"]);
    }

    #[test]
    fn a_heading_inside_a_quote_is_not_a_section() {
        let b = parse(
            "# Quote of the Week\n\n> # Bastion\n>\n> text\n\n– someone\n",
            1,
        );
        assert_eq!(b.headings.len(), 1);
        assert!(b
            .blocks
            .iter()
            .all(|x| x.heading == Some(0) || x.kind == BlockKind::Heading));
    }

    #[test]
    fn a_url_wrapped_onto_the_next_line_is_one_link() {
        let body = "Range: [a..b](https://perf.rust-lang.org/?start=17\nec&end=8f)\n\n# Next\n";
        let b = parse(body, 1);
        assert_eq!(b.links.len(), 1);
        assert_eq!(
            b.links[0].url,
            "https://perf.rust-lang.org/?start=17ec&end=8f"
        );
        let heading = b
            .blocks
            .iter()
            .find(|x| x.kind == BlockKind::Heading)
            .unwrap();
        assert_eq!(heading.line, 4);
    }

    #[test]
    fn link_text_and_url_broken_across_lines() {
        let body = "* [a long\ntitle](https://example.com/a\n)\n";
        let b = parse(body, 1);
        assert_eq!(b.links.len(), 1);
        assert_eq!(b.links[0].text, "a long title");
    }
}
