//! `site.standard.document` records, as the site publishes each issue to the AT Protocol.
//!
//! A record has the rendered text with every URL removed (`textContent`) and the link
//! texts, de-duplicated, in page order (`tags`). The text is Markdown-like, so it goes
//! through the same parser; each link text is then placed back at its first occurrence
//! after the previous one, and the same section, crate and quote extraction applies.
//! The URLs are lost: such links point at the page and say so in the report.

use serde::Deserialize;

use crate::markdown::{self, Body, RawLink};
use crate::warning::Warning;

#[derive(Debug, Clone, Deserialize)]
pub struct Document {
    #[serde(rename = "$type", default)]
    pub type_: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub path: String,
    #[serde(rename = "publishedAt", default)]
    pub published_at: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(rename = "textContent", default)]
    pub text_content: String,
}

const TYPE: &str = "site.standard.document";

/// Reads a file holding one record, a JSON array of records, or JSON lines.
/// Returns the records with the line each starts on.
pub fn read(file: &str, text: &str, warnings: &mut Vec<Warning>) -> Vec<(Document, usize)> {
    let trimmed = text.trim_start();
    let mut docs = Vec::new();
    let mut keep = |doc: Document, line: usize, warnings: &mut Vec<Warning>| {
        if doc.type_ == TYPE {
            docs.push((doc, line));
        } else {
            warnings.push(Warning::new(
                file,
                line,
                format!("a `{}` record, not `{TYPE}`: skipped", doc.type_),
            ));
        }
    };
    if trimmed.starts_with('[') {
        match serde_json::from_str::<Vec<Document>>(text) {
            Ok(all) => all.into_iter().for_each(|d| keep(d, 1, warnings)),
            Err(e) => warnings.push(Warning::new(
                file,
                e.line(),
                format!("not a JSON array of records: {e}"),
            )),
        }
        return docs;
    }
    match serde_json::from_str::<Document>(text) {
        Ok(doc) => keep(doc, 1, warnings),
        Err(whole) => {
            // JSON lines: one record a line.
            let mut any = false;
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Document>(line) {
                    Ok(doc) => {
                        any = true;
                        keep(doc, i + 1, warnings)
                    }
                    Err(e) if any || text.lines().count() > 1 => {
                        warnings.push(Warning::new(file, i + 1, format!("not a JSON record: {e}")))
                    }
                    Err(_) => {}
                }
            }
            if !any && docs.is_empty() {
                warnings.push(Warning::new(
                    file,
                    whole.line(),
                    format!("not a standard.site record: {whole}"),
                ));
            }
        }
    }
    docs
}

/// Tags that describe the whole record rather than a link in it.
fn is_record_tag(tag: &str) -> bool {
    tag.eq_ignore_ascii_case("This Week in Rust")
}

/// The body of a record: its text parsed, and its link texts placed back.
pub fn body(doc: &Document) -> (Body, Vec<String>) {
    let mut body = markdown::parse(&doc.text_content, 1);
    let mut unplaced = Vec::new();
    let mut cursor = (0usize, 0usize); // (block, byte offset in block text)
    let tags = doc.tags.iter().skip_while(|t| is_record_tag(t));
    for tag in tags {
        match find_from(&body, tag, cursor).or_else(|| find_from(&body, tag, (0, 0))) {
            // The span is the text found, which is the tag with its white space
            // collapsed: the tag's own length ran past the block's text (`make fuzz`).
            Some((block, at, len)) => {
                body.links.push(RawLink {
                    text: tag.clone(),
                    url: String::new(),
                    line: body.blocks[block].line,
                    block,
                    tags: Vec::new(),
                    autolink: false,
                    span: at..at + len,
                });
                cursor = (block, at + len);
            }
            None => unplaced.push(tag.clone()),
        }
    }
    body.links.sort_by_key(|l| (l.block, l.span.start));
    (body, unplaced)
}

/// Where `needle`, white space collapsed, stands first from `(block, offset)` on: the
/// block, the byte offset in its text, and the length found.
fn find_from(
    body: &Body,
    needle: &str,
    (block, offset): (usize, usize),
) -> Option<(usize, usize, usize)> {
    let needle = markdown::collapse(needle);
    for (i, b) in body.blocks.iter().enumerate().skip(block) {
        let from = if i == block { offset } else { 0 };
        if let Some(found) = b.text.get(from..).and_then(|t| t.find(&needle)) {
            return Some((i, from + found, needle.len()));
        }
    }
    None
}
